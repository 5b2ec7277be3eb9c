// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpd.so: the pppd plugin l2tpd starts every session's pppd with.
 *
 *   pppd plugin l2tpd.so l2tpd_fd 3 l2tpd_ctl /run/l2tpd/l2tpd.sock \
 *	l2tpd_tunnel TID l2tpd_session SID [l2tpd_send_seq] \
 *	[l2tpd_recv_seq] [l2tpd_lns_mode] [l2tpd_reorder MS] \
 *	[l2tpd_default_route METRIC] [l2tpd_pppd_secrets] ...
 *
 * It makes the PPPoL2TP socket that l2tpd passed (l2tpd_fd) pppd's
 * channel, the way Debian's pppol2tp.so does: pppd's generic ppp_generic
 * channel code on that socket, the session's kernel options set on it with
 * SOL_PPPOL2TP socket options, the MRU given to it. The interface is named
 * by pppd's own ifname option and sized by its mtu/mru options.
 *
 * It reports the session's life to l2tpd over the control socket
 * (report.h): phases, authentication, ip-up and ip-down with addresses
 * and counters, and at exit the RFC 3145 disconnect cause (cause.h). It
 * asks l2tpd for PAP/CHAP secrets (auth.c). On a client it installs the
 * default route over rtnetlink when told (route.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_pppox.h>
#include <linux/ppp-ioctl.h>

#include "buf.h"
#include "cause.h"
#include "plugin.h"
#include "report.h"
#include "route.h"

#ifndef SOL_PPPOL2TP
#define SOL_PPPOL2TP	273
#endif

/* pppd refuses a plugin built for another version than its own. */
char pppd_version[] = COMPAT_PPPD_VERSION;

void plugin_init(void);

static struct {
	int fd;			/* the PPPoL2TP socket, -1 until given */
	char *fd_str;		/* for pppd's option printing */
	char *ctl;		/* l2tpd's control socket */
	int tid, sid;
	bool send_seq, recv_seq, lns_mode;
	int reorder_ms;
	int route_metric;	/* -1: no default route */
	int route_added;
	/* For the disconnect cause. */
	int term_status;	/* pppd's status as the link began to end */
	int max_phase;
	int lcp_rx;
	/* The counters at ip-down: at exit the unit may be gone. */
	struct report_stats stats;
	enum cause_term first_term;
	void (*next_snoop_recv)(unsigned char *p, int len);
	void (*next_snoop_send)(unsigned char *p, int len);
} l2 = { .fd = -1, .route_metric = -1, .term_status = -1 };

static int l2tpd_opt_fd(char **argv);

static option_t l2tpd_options[] = {
	{ .name = "l2tpd_fd", .type = o_special, .addr = (void *)l2tpd_opt_fd,
	  .description = "PPPoL2TP socket from l2tpd",
	  .flags = OPT_DEVNAM | OPT_A2STRVAL | OPT_PRIV, .addr2 = &l2.fd_str },
	{ .name = "l2tpd_ctl", .type = o_string, .addr = &l2.ctl,
	  .description = "l2tpd's control socket", .flags = OPT_PRIV },
	{ .name = "l2tpd_tunnel", .type = o_int, .addr = &l2.tid,
	  .description = "our L2TP tunnel id", .flags = OPT_PRIV },
	{ .name = "l2tpd_session", .type = o_int, .addr = &l2.sid,
	  .description = "our L2TP session id", .flags = OPT_PRIV },
	{ .name = "l2tpd_send_seq", .type = o_bool, .addr = &l2.send_seq,
	  .description = "send data with sequence numbers",
	  .flags = OPT_PRIV | 1 },
	{ .name = "l2tpd_recv_seq", .type = o_bool, .addr = &l2.recv_seq,
	  .description = "drop data without sequence numbers",
	  .flags = OPT_PRIV | 1 },
	{ .name = "l2tpd_lns_mode", .type = o_bool, .addr = &l2.lns_mode,
	  .description = "we are the LNS", .flags = OPT_PRIV | 1 },
	{ .name = "l2tpd_reorder", .type = o_int, .addr = &l2.reorder_ms,
	  .description = "reorder timeout (ms)",
	  .flags = OPT_PRIV | OPT_LLIMIT, .lower_limit = 0 },
	{ .name = "l2tpd_pppd_secrets", .type = o_bool,
	  .addr = &plugin_auth_pppd_files,
	  .description = "PAP/CHAP secrets from pppd's files, not l2tpd",
	  .flags = OPT_PRIV | 1 },
	{ .name = "l2tpd_default_route", .type = o_int,
	  .addr = &l2.route_metric,
	  .description = "default route through the link, this metric",
	  .flags = OPT_PRIV | OPT_LLIMIT, .lower_limit = 0 },
	{ .name = NULL }
};

static void l2tpd_check_options(void);
static int l2tpd_connect(void);
static void l2tpd_disconnect(void);
static void l2tpd_send_config(int mtu, uint32_t accm, int pcomp, int accomp);
static void l2tpd_recv_config(int mru, uint32_t accm, int pcomp, int accomp);

static struct channel l2tpd_channel = {
	.options = l2tpd_options,
	.check_options = l2tpd_check_options,
	.connect = l2tpd_connect,
	.disconnect = l2tpd_disconnect,
	.establish_ppp = compat_establish,
	.disestablish_ppp = compat_disestablish,
	.send_config = l2tpd_send_config,
	.recv_config = l2tpd_recv_config,
};

/*
 * l2tpd_fd: the socket becomes pppd's device. Like pppol2tp.so: no modem
 * lines, and no compression that costs CPU for nothing on an L2TP link
 * (address/control and protocol field compression are accepted when the
 * peer asks but not requested; no VJ, Deflate or BSD compression).
 */
static int l2tpd_opt_fd(char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (l2.fd >= 0)
		return 1;
	if (!compat_int_option(*argv, &l2.fd))
		return 0;
	if (getsockname(l2.fd, (struct sockaddr *)&ss, &len) < 0 ||
	    ss.ss_family != AF_PPPOX)
		fatal("l2tpd: l2tpd_fd %d is not a PPPoL2TP socket", l2.fd);
	l2.fd_str = strdup(*argv);
	if (!l2.fd_str)
		novm("l2tpd_fd");
	compat_set_modem_off();
	lcp_wantoptions[0].neg_accompression = 0;
	lcp_allowoptions[0].neg_accompression = 1;
	lcp_wantoptions[0].neg_pcompression = 0;
	lcp_allowoptions[0].neg_pcompression = 1;
	ipcp_wantoptions[0].neg_vj = 0;
	ipcp_allowoptions[0].neg_vj = 0;
	ccp_wantoptions[0].deflate = 0;
	ccp_allowoptions[0].deflate = 0;
	ccp_wantoptions[0].bsd_compress = 0;
	ccp_allowoptions[0].bsd_compress = 0;
	the_channel = &l2tpd_channel;
	return 1;
}

/* LCP code 5 (RFC 1661 §5.5) as it passes: who ended the link first. */
static void l2tpd_snoop(const unsigned char *p, int len, int from_peer)
{
	struct rbuf r;
	uint16_t proto;
	uint8_t code;

	rbuf_init(&r, p, len > 0 ? (size_t)len : 0);
	/* Address and control field, then the protocol. */
	if (rbuf_skip(&r, 2) || rbuf_get_u16(&r, &proto) ||
	    proto != CAUSE_PROTO_LCP || rbuf_get_u8(&r, &code))
		return;
	if (from_peer)
		l2.lcp_rx = 1;
	if (code == TERMREQ && l2.first_term == CAUSE_TERM_NONE)
		l2.first_term = from_peer ? CAUSE_TERM_PEER : CAUSE_TERM_US;
}

static void l2tpd_snoop_recv(unsigned char *p, int len)
{
	l2tpd_snoop(p, len, 1);
	if (l2.next_snoop_recv)
		l2.next_snoop_recv(p, len);
}

static void l2tpd_snoop_send(unsigned char *p, int len)
{
	l2tpd_snoop(p, len, 0);
	if (l2.next_snoop_send)
		l2.next_snoop_send(p, len);
}

static void l2tpd_check_options(void)
{
	int err;

	if (!l2.ctl)
		fatal("l2tpd: l2tpd_ctl is missing");
	err = report_open(l2.ctl, (unsigned)l2.tid, (unsigned)l2.sid,
			  getpid(), COMPAT_PPPD_VERSION);
	if (err)
		fatal("l2tpd: control socket %s: %s", l2.ctl, strerror(-err));
	plugin_auth_options();
	l2.next_snoop_recv = snoop_recv_hook;
	l2.next_snoop_send = snoop_send_hook;
	snoop_recv_hook = l2tpd_snoop_recv;
	snoop_send_hook = l2tpd_snoop_send;
}

static int l2tpd_connect(void)
{
	return l2.fd;
}

static void l2tpd_disconnect(void)
{
	if (l2.fd >= 0)
		close(l2.fd);
	l2.fd = -1;
}

static void l2tpd_setopt(int name, int value, const char *what)
{
	if (setsockopt(l2.fd, SOL_PPPOL2TP, name, &value, sizeof(value)) < 0)
		fatal("l2tpd: setsockopt(%s): %m", what);
}

/*
 * The session's kernel options (RFC 2661 §5.4 sequencing; l2tpd set them
 * at SESSION_CREATE too, this covers sessions made by connect() alone).
 */
static void l2tpd_send_config(int mtu, uint32_t accm, int pcomp, int accomp)
{
	if (l2.recv_seq)
		l2tpd_setopt(PPPOL2TP_SO_RECVSEQ, 1, "RECVSEQ");
	if (l2.send_seq)
		l2tpd_setopt(PPPOL2TP_SO_SENDSEQ, 1, "SENDSEQ");
	if (l2.lns_mode)
		l2tpd_setopt(PPPOL2TP_SO_LNSMODE, 1, "LNSMODE");
	if (l2.reorder_ms)
		l2tpd_setopt(PPPOL2TP_SO_REORDERTO, l2.reorder_ms, "REORDERTO");
}

/* The MRU goes to the channel as pppol2tp.so gives it (newer kernels
   accept and ignore it). */
static void l2tpd_recv_config(int mru, uint32_t accm, int pcomp, int accomp)
{
	if (lcp_allowoptions[0].mru > 0 && mru > lcp_allowoptions[0].mru)
		mru = lcp_allowoptions[0].mru;
	if (compat_ifunit() >= 0 && ioctl(l2.fd, PPPIOCSMRU, &mru) < 0)
		error("l2tpd: cannot set the MRU: %m");
}

static const char *l2tpd_phase_name(int ph)
{
	static const char *const names[] = {
		"dead", "initialize", "serialconn", "dormant", "establish",
		"authenticate", "callback", "network", "running", "terminate",
		"disconnect", "holdoff", "master",
	};

	return ph >= 0 && ph < (int)(sizeof(names) / sizeof(names[0])) ?
		names[ph] : "unknown";
}

static void l2tpd_on_phase(void *ctx, int ph)
{
	if (ph > l2.max_phase && ph <= CAUSE_PHASE_RUNNING)
		l2.max_phase = ph;
	if (ph == PHASE_TERMINATE && l2.term_status < 0)
		l2.term_status = compat_status();
	/* Past authentication: the peer accepted ours, if we gave one. */
	if (ph == CAUSE_PHASE_NETWORK)
		plugin_auth_client_result(1);
	/*
	 * l2tpd only logs phases in debug mode, when it starts pppd with
	 * "debug": otherwise a report per phase would cost both processes a
	 * message and its answer for nothing, eight or so per session.
	 */
	if (compat_debug())
		report_phase(l2tpd_phase_name(ph));
}

static void l2tpd_stats(struct report_stats *st)
{
	struct compat_stats cs;

	compat_link_stats(&cs);
	*st = (struct report_stats){
		.valid = cs.valid, .rx_bytes = cs.bytes_in,
		.tx_bytes = cs.bytes_out, .rx_packets = cs.pkts_in,
		.tx_packets = cs.pkts_out, .uptime = cs.uptime,
	};
}

static void l2tpd_on_ip_up(void *ctx, int arg)
{
	char peer[MAXNAMELEN];
	int err;

	compat_peer_authname(peer, sizeof(peer));
	report_ip_up(compat_ifname(), ipcp_gotoptions[0].ouraddr,
		     ipcp_hisoptions[0].hisaddr, ipcp_gotoptions[0].dnsaddr,
		     peer);
	if (l2.route_metric < 0)
		return;
	err = route_default(1, compat_ifname(), (uint32_t)l2.route_metric);
	if (err)
		error("l2tpd: default route via %s: %s", compat_ifname(),
		      strerror(-err));
	else
		l2.route_added = 1;
}

static void l2tpd_route_remove(void)
{
	int err;

	if (!l2.route_added)
		return;
	l2.route_added = 0;
	err = route_default(0, compat_ifname(), (uint32_t)l2.route_metric);
	if (err)
		error("l2tpd: removing the default route via %s: %s",
		      compat_ifname(), strerror(-err));
}

static void l2tpd_on_ip_down(void *ctx, int arg)
{
	l2tpd_route_remove();
	l2tpd_stats(&l2.stats);
	report_ip_down(compat_ifname(), &l2.stats);
}

static void l2tpd_on_exit(void *ctx, int arg)
{
	struct cause_in in = {
		.exit_status = compat_status(), .term_status = l2.term_status,
		.max_phase = l2.max_phase,
		.lcp_rx = l2.lcp_rx, .first_term = l2.first_term,
		.auth_proto = plugin_auth_proto(),
	};
	struct cause c;

	l2tpd_route_remove();
	if (in.exit_status == CAUSE_EXIT_AUTH_TOPEER_FAILED)
		plugin_auth_client_result(0);
	cause_from_exit(&in, &c);
	info("l2tpd: disconnect cause %u (%s), protocol 0x%x, direction %u",
	     c.code, c.message, c.proto, c.direction);
	report_exit(in.exit_status, &c, &l2.stats);
	report_close();
}

void plugin_init(void)
{
	compat_add_options(l2tpd_options);
	plugin_auth_init();
	compat_add_notify(COMPAT_PHASE, l2tpd_on_phase, NULL);
	compat_add_notify(COMPAT_IP_UP, l2tpd_on_ip_up, NULL);
	compat_add_notify(COMPAT_IP_DOWN, l2tpd_on_ip_down, NULL);
	compat_add_notify(COMPAT_EXIT, l2tpd_on_exit, NULL);
}
