// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <net/if.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>

#include "route.h"

/*
 * One request and its ack on a socket of its own: routes change twice
 * per session, a long-lived socket in pppd would only collect noise.
 */
static int route_request(struct nlmsghdr *nlh)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct mnl_socket *nl;
	unsigned portid;
	ssize_t n;
	int ret;

	nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		ret = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		ret = -errno;
		goto out;
	}
	n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (n < 0) {
		ret = -errno;
		goto out;
	}
	/* mnl_cb_run() turns an NLMSG_ERROR into -1 and errno. */
	ret = mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, portid, NULL, NULL);
	ret = ret < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return ret;
}

/*
 * What "ip route add default dev IFNAME metric N" sends: a unicast route
 * to 0.0.0.0/0 in the main table, link scope (no gateway on a
 * point-to-point link), the interface and the metric as attributes.
 */
int route_default(int add, const char *ifname, uint32_t metric)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned ifindex = if_nametoindex(ifname);
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	int ret;

	if (!ifindex)
		return add ? -errno : 0;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
		(add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	nlh->nlmsg_seq = (uint32_t)time(NULL);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 0;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = add ? RT_SCOPE_LINK : RT_SCOPE_NOWHERE;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, metric);
	ret = route_request(nlh);
	if ((add && ret == -EEXIST) || (!add && (ret == -ESRCH ||
						 ret == -ENOENT)))
		return 0;
	return ret;
}
