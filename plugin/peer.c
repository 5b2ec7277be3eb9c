// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A server's peer, once authenticated: what its secret, its profile and
 * its static server interface say, as l2tpd sent it with the secret
 * (report_peer()). pppd started before the peer's user was known, with
 * the server's default profile; PPP authenticates before IPCP opens and
 * before the interface goes up, so there is still time to
 *
 *  - give IPCP the user's own addresses and DNS servers (IPCP copies its
 *    wanted options when it opens, after authentication), and
 *  - rename the interface to the user's static name (an interface can be
 *    renamed only while it is down), telling pppd the new name, and
 *  - set the user's session and idle time limits: pppd arms both timers
 *    when the first network protocol comes up (maxconnect, idle).
 */
#include <errno.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "plugin.h"
#include "report.h"

/* SIOCSIFNAME from pppd's current name; pppd learns the new one. */
static void peer_rename(const char *to)
{
	struct ifreq ifr = { 0 };
	int fd;

	if (!strcmp(compat_ifname(), to))
		return;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		error("l2tpd: rename %s to %s: %m", compat_ifname(), to);
		return;
	}
	strlcpy(ifr.ifr_name, compat_ifname(), sizeof(ifr.ifr_name));
	strlcpy(ifr.ifr_newname, to, sizeof(ifr.ifr_newname));
	if (ioctl(fd, SIOCSIFNAME, &ifr) < 0) {
		error("l2tpd: rename %s to %s: %m", compat_ifname(), to);
	} else {
		info("l2tpd: interface %s is now %s", compat_ifname(), to);
		compat_set_ifname(to);
	}
	close(fd);
}

void plugin_peer_apply(void)
{
	const struct report_peer *p = report_peer();
	int i;

	if (p->local)
		ipcp_wantoptions[0].ouraddr = p->local;
	if (p->remote)
		ipcp_wantoptions[0].hisaddr = p->remote;
	for (i = 0; i < 2; i++)
		if (p->dns[i])
			ipcp_allowoptions[0].dnsaddr[i] = p->dns[i];
	if (p->ifname[0])
		peer_rename(p->ifname);
	if (p->has_limits) {
		compat_set_limits(p->session_timeout, p->idle_timeout);
		if (p->session_timeout || p->idle_timeout)
			info("l2tpd: the user's limits: session %us, idle %us",
			     p->session_timeout, p->idle_timeout);
	}
}
