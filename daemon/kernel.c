// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <linux/rtnetlink.h>
/* After libnl's headers: <linux/in.h> must come after glibc's <netinet/in.h>. */
#include <linux/l2tp.h>
#include <linux/if_pppox.h>
#include <linux/netlink.h>

#include "kernel.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

/*
 * libnl reports its own NLE_* codes; our callers expect errnos. Only the
 * codes that these calls can return are told apart, the rest is -EIO.
 */
static int kernel_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_AF_NOSUPPORT:
		return -EAFNOSUPPORT;
	case NLE_BAD_SOCK:
		return -EBADF;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	case NLE_MSGSIZE:
		return -EMSGSIZE;
	default:
		return -EIO;
	}
}

/*
 * Whether this kernel can make PPPoL2TP sockets (l2tp_ppp). A PPPoX socket
 * of that protocol loads the module on demand where modules can be loaded.
 */
static int kernel_probe_pppol2tp(void)
{
	int fd = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC, PX_PROTO_OL2TP);

	if (fd < 0)
		return errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT ?
			-ENOENT : -errno;
	close(fd);
	return 0;
}

/*
 * The kernel's reasons for a refused request (extended acks, capped acks
 * so that the request is not echoed back). libnl 3.7 has no call for
 * either: the options are set on its socket and the error message parsed
 * in kernel_on_error().
 */
static void kernel_ext_ack_enable(struct kernel *k)
{
	int fd = nl_socket_get_fd(k->sk), one = 1;

	/* Kernels before 4.12 lack these; requests work the same without. */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

int kernel_open(struct kernel *k)
{
	int ret;

	k->family = -1;
	k->ext_ack[0] = '\0';
	k->rt = NULL;
	k->sk = nl_socket_alloc();
	if (!k->sk)
		return -ENOMEM;
	/*
	 * libnl opens netlink sockets close-on-exec, so pppd, which the
	 * daemon starts for every session, does not inherit this one.
	 */
	ret = genl_connect(k->sk);
	if (ret < 0)
		goto fail;
	kernel_ext_ack_enable(k);
	ret = genl_ctrl_resolve(k->sk, L2TP_GENL_NAME);
	if (ret < 0)
		goto fail;
	k->family = ret;
	ret = kernel_probe_pppol2tp();
	if (ret < 0) {
		kernel_close(k);
		return ret;
	}
	/* Opened now, so that a daemon's descriptors stay as they start. */
	(void)kernel_link_exists(k, "lo");
	return 0;
fail:
	kernel_close(k);
	return kernel_errno(ret);
}

void kernel_close(struct kernel *k)
{
	if (k->sk)
		nl_socket_free(k->sk);
	if (k->rt)
		nl_socket_free(k->rt);
	k->sk = NULL;
	k->rt = NULL;
	k->family = -1;
}

const char *kernel_ext_ack(const struct kernel *k)
{
	return k->ext_ack;
}

/*
 * The attributes we read back, typed as net/l2tp/l2tp_netlink.c's
 * l2tp_nl_policy types them (the statistics are u64s nested in
 * L2TP_ATTR_STATS; l2tp_nl_tunnel_send() and l2tp_nl_session_send()).
 */
static struct nla_policy kernel_policy[L2TP_ATTR_MAX + 1] = {
	[L2TP_ATTR_CONN_ID] = { .type = NLA_U32 },
	[L2TP_ATTR_SESSION_ID] = { .type = NLA_U32 },
	[L2TP_ATTR_STATS] = { .type = NLA_NESTED },
};

static struct nla_policy kernel_stats_policy[L2TP_ATTR_STATS_MAX + 1] = {
	[L2TP_ATTR_TX_PACKETS] = { .type = NLA_U64 },
	[L2TP_ATTR_TX_BYTES] = { .type = NLA_U64 },
	[L2TP_ATTR_TX_ERRORS] = { .type = NLA_U64 },
	[L2TP_ATTR_RX_PACKETS] = { .type = NLA_U64 },
	[L2TP_ATTR_RX_BYTES] = { .type = NLA_U64 },
	[L2TP_ATTR_RX_SEQ_DISCARDS] = { .type = NLA_U64 },
	[L2TP_ATTR_RX_OOS_PACKETS] = { .type = NLA_U64 },
	[L2TP_ATTR_RX_ERRORS] = { .type = NLA_U64 },
};

/* One request in flight: what its replies fill in. */
struct kernel_req {
	struct kernel *k;
	struct kernel_stats *stats;	/* GET: where STATS go, or NULL */
	int err;			/* from NLMSG_ERROR: 0 or -errno */
	bool done;			/* the ack or the error arrived */
	bool got;			/* GET: the reply arrived */
};

/* Copies NLMSGERR_ATTR_MSG of an error message, if the kernel sent one. */
static void kernel_copy_ext_ack(struct kernel *k, const struct nlmsgerr *e)
{
	const struct nlmsghdr *nlh = (const void *)((const char *)e -
						    NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*e);
	int len;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* Without NETLINK_CAP_ACK the request follows the error. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)off;
	if (len <= 0 || nla_parse(tb, NLMSGERR_ATTR_MAX,
				  (struct nlattr *)((char *)e + off), len,
				  NULL) < 0 || !tb[NLMSGERR_ATTR_MSG])
		return;
	nla_strlcpy(k->ext_ack, tb[NLMSGERR_ATTR_MSG], sizeof(k->ext_ack));
}

static int kernel_on_error(struct sockaddr_nl *nla, struct nlmsgerr *e,
			   void *arg)
{
	struct kernel_req *q = arg;

	q->err = e->error < 0 ? e->error : -EIO;
	kernel_copy_ext_ack(q->k, e);
	q->done = true;
	return NL_STOP;
}

static int kernel_on_ack(struct nl_msg *msg, void *arg)
{
	struct kernel_req *q = arg;

	q->done = true;
	return NL_STOP;
}

static void kernel_read_stats(struct nlattr *nest, struct kernel_stats *st)
{
	struct nlattr *tb[L2TP_ATTR_STATS_MAX + 1];
	static const struct {
		int attr;
		size_t off;
	} map[] = {
		{ L2TP_ATTR_TX_PACKETS, offsetof(struct kernel_stats, tx_packets) },
		{ L2TP_ATTR_TX_BYTES, offsetof(struct kernel_stats, tx_bytes) },
		{ L2TP_ATTR_TX_ERRORS, offsetof(struct kernel_stats, tx_errors) },
		{ L2TP_ATTR_RX_PACKETS, offsetof(struct kernel_stats, rx_packets) },
		{ L2TP_ATTR_RX_BYTES, offsetof(struct kernel_stats, rx_bytes) },
		{ L2TP_ATTR_RX_ERRORS, offsetof(struct kernel_stats, rx_errors) },
		{ L2TP_ATTR_RX_SEQ_DISCARDS,
		  offsetof(struct kernel_stats, rx_seq_discards) },
		{ L2TP_ATTR_RX_OOS_PACKETS,
		  offsetof(struct kernel_stats, rx_oos_packets) },
	};
	size_t i;

	memset(st, 0, sizeof(*st));
	if (nla_parse_nested(tb, L2TP_ATTR_STATS_MAX, nest,
			     kernel_stats_policy) < 0)
		return;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (tb[map[i].attr])
			*(uint64_t *)((char *)st + map[i].off) =
				nla_get_u64(tb[map[i].attr]);
}

/* A TUNNEL_GET or SESSION_GET reply. */
static int kernel_on_valid(struct nl_msg *msg, void *arg)
{
	struct kernel_req *q = arg;
	struct nlattr *tb[L2TP_ATTR_MAX + 1];

	if (!q->stats || genlmsg_parse(nlmsg_hdr(msg), 0, tb, L2TP_ATTR_MAX,
				       kernel_policy) < 0)
		return NL_SKIP;
	if (tb[L2TP_ATTR_STATS]) {
		kernel_read_stats(tb[L2TP_ATTR_STATS], q->stats);
		q->got = true;
	}
	return NL_OK;
}

/*
 * Sends msg (freed here) and reads until its ack or error: 0 or the
 * kernel's negative errno, its extended ack in k->ext_ack.
 */
static int kernel_transact(struct kernel *k, struct nl_msg *msg,
			   struct kernel_stats *stats)
{
	struct kernel_req q = { .k = k, .stats = stats };
	struct nl_cb *cb;
	int ret;

	k->ext_ack[0] = '\0';
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, kernel_on_error, &q);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, kernel_on_ack, &q);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, kernel_on_valid, &q);
	/* libnl's auto-ack sets NLM_F_ACK: every request ends in an ack. */
	ret = nl_send_auto(k->sk, msg);
	nlmsg_free(msg);
	while (ret >= 0 && !q.done)
		ret = nl_recvmsgs(k->sk, cb);
	nl_cb_put(cb);
	if (q.done)
		ret = q.err;
	else
		ret = kernel_errno(ret);
	if (!ret && stats && !q.got)
		ret = -EBADMSG;
	return ret;
}

/*
 * A request for cmd about tunnel tid (every command names its tunnel by
 * CONN_ID), or NULL when out of memory.
 */
static struct nl_msg *kernel_msg(struct kernel *k, uint8_t cmd, uint16_t tid)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, k->family, 0, 0, cmd,
			 L2TP_GENL_VERSION) ||
	    nla_put_u32(msg, L2TP_ATTR_CONN_ID, tid) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Frees msg and says why when an attribute did not fit (never, sized so). */
static int kernel_put_failed(struct nl_msg *msg, int ret)
{
	nlmsg_free(msg);
	return kernel_errno(ret);
}

/*
 * TUNNEL_CREATE for a managed tunnel: l2tp_nl_cmd_tunnel_create() requires
 * CONN_ID, PEER_CONN_ID, PROTO_VERSION and ENCAP_TYPE, and takes the
 * socket from FD instead of making one from addresses (the checksum
 * attributes are then ignored: the socket's options rule).
 */
int kernel_tunnel_create(struct kernel *k, const struct kernel_tunnel *t)
{
	struct nl_msg *msg = kernel_msg(k, L2TP_CMD_TUNNEL_CREATE, t->tid);
	int ret;

	if (!msg)
		return -ENOMEM;
	ret = nla_put_u32(msg, L2TP_ATTR_PEER_CONN_ID, t->peer_tid);
	if (!ret)
		ret = nla_put_u8(msg, L2TP_ATTR_PROTO_VERSION, 2);
	if (!ret)
		ret = nla_put_u16(msg, L2TP_ATTR_ENCAP_TYPE,
				  L2TP_ENCAPTYPE_UDP);
	if (!ret)
		ret = nla_put_u32(msg, L2TP_ATTR_FD, (uint32_t)t->fd);
	if (ret)
		return kernel_put_failed(msg, ret);
	return kernel_transact(k, msg, NULL);
}

int kernel_tunnel_delete(struct kernel *k, uint16_t tid)
{
	struct nl_msg *msg = kernel_msg(k, L2TP_CMD_TUNNEL_DELETE, tid);

	return msg ? kernel_transact(k, msg, NULL) : -ENOMEM;
}

/*
 * SESSION_CREATE: l2tp_nl_cmd_session_create() requires CONN_ID,
 * SESSION_ID, PEER_SESSION_ID and PW_TYPE (PPP is the only one L2TPv2
 * takes); RECV_SEQ, SEND_SEQ and LNS_MODE are u8s, RECV_TIMEOUT is
 * NLA_MSECS (a u64 of milliseconds).
 */
int kernel_session_create(struct kernel *k, const struct kernel_session *s)
{
	struct nl_msg *msg = kernel_msg(k, L2TP_CMD_SESSION_CREATE, s->tid);
	int ret;

	if (!msg)
		return -ENOMEM;
	ret = nla_put_u32(msg, L2TP_ATTR_SESSION_ID, s->sid);
	if (!ret)
		ret = nla_put_u32(msg, L2TP_ATTR_PEER_SESSION_ID, s->peer_sid);
	if (!ret)
		ret = nla_put_u16(msg, L2TP_ATTR_PW_TYPE, L2TP_PWTYPE_PPP);
	if (!ret)
		ret = nla_put_u8(msg, L2TP_ATTR_SEND_SEQ, s->send_seq);
	if (!ret)
		ret = nla_put_u8(msg, L2TP_ATTR_RECV_SEQ, s->recv_seq);
	if (!ret)
		ret = nla_put_u8(msg, L2TP_ATTR_LNS_MODE, s->lns_mode);
	if (!ret && s->recv_timeout_ms)
		ret = nla_put_msecs(msg, L2TP_ATTR_RECV_TIMEOUT,
				    s->recv_timeout_ms);
	if (ret)
		return kernel_put_failed(msg, ret);
	return kernel_transact(k, msg, NULL);
}

/* GETs and deletes of a session name it by SESSION_ID too. */
static int kernel_session_cmd(struct kernel *k, uint8_t cmd, uint16_t tid,
			      uint16_t sid, struct kernel_stats *st)
{
	struct nl_msg *msg = kernel_msg(k, cmd, tid);
	int ret;

	if (!msg)
		return -ENOMEM;
	ret = nla_put_u32(msg, L2TP_ATTR_SESSION_ID, sid);
	if (ret)
		return kernel_put_failed(msg, ret);
	return kernel_transact(k, msg, st);
}

int kernel_session_delete(struct kernel *k, uint16_t tid, uint16_t sid)
{
	return kernel_session_cmd(k, L2TP_CMD_SESSION_DELETE, tid, sid, NULL);
}

int kernel_session_stats(struct kernel *k, uint16_t tid, uint16_t sid,
			 struct kernel_stats *st)
{
	return kernel_session_cmd(k, L2TP_CMD_SESSION_GET, tid, sid, st);
}

int kernel_tunnel_stats(struct kernel *k, uint16_t tid,
			struct kernel_stats *st)
{
	struct nl_msg *msg = kernel_msg(k, L2TP_CMD_TUNNEL_GET, tid);

	return msg ? kernel_transact(k, msg, st) : -ENOMEM;
}

/*
 * The PPPoL2TP address (linux/if_pppox.h): the tunnel's socket, the peer's
 * address and both ends' ids; the IPv6 variant for IPv6 tunnels. pid 0:
 * the session belongs to no other process than whoever holds the socket.
 */
int kernel_pppol2tp_open(const struct kernel_pppol2tp *p)
{
	union {
		struct sockaddr_pppol2tp v4;
		struct sockaddr_pppol2tpin6 v6;
	} sa;
	socklen_t len;
	int fd;

	memset(&sa, 0, sizeof(sa));
	if (p->peer->sa_family == AF_INET &&
	    p->peer_len >= sizeof(struct sockaddr_in)) {
		sa.v4.sa_family = AF_PPPOX;
		sa.v4.sa_protocol = PX_PROTO_OL2TP;
		sa.v4.pppol2tp.fd = p->tunnel_fd;
		memcpy(&sa.v4.pppol2tp.addr, p->peer,
		       sizeof(struct sockaddr_in));
		sa.v4.pppol2tp.s_tunnel = p->tid;
		sa.v4.pppol2tp.s_session = p->sid;
		sa.v4.pppol2tp.d_tunnel = p->peer_tid;
		sa.v4.pppol2tp.d_session = p->peer_sid;
		len = sizeof(sa.v4);
	} else if (p->peer->sa_family == AF_INET6 &&
		   p->peer_len >= sizeof(struct sockaddr_in6)) {
		sa.v6.sa_family = AF_PPPOX;
		sa.v6.sa_protocol = PX_PROTO_OL2TP;
		sa.v6.pppol2tp.fd = p->tunnel_fd;
		memcpy(&sa.v6.pppol2tp.addr, p->peer,
		       sizeof(struct sockaddr_in6));
		sa.v6.pppol2tp.s_tunnel = p->tid;
		sa.v6.pppol2tp.s_session = p->sid;
		sa.v6.pppol2tp.d_tunnel = p->peer_tid;
		sa.v6.pppol2tp.d_session = p->peer_sid;
		len = sizeof(sa.v6);
	} else {
		return -EAFNOSUPPORT;
	}
	fd = socket(AF_PPPOX, SOCK_DGRAM | SOCK_CLOEXEC, PX_PROTO_OL2TP);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, len) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

int kernel_link_exists(struct kernel *k, const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nl_msg *msg;
	int err = 0;

	if (!k->rt) {
		k->rt = nl_socket_alloc();
		if (!k->rt)
			return -ENOMEM;
		/* The answer is the link or an error; no ACK after it. */
		nl_socket_disable_auto_ack(k->rt);
		err = nl_connect(k->rt, NETLINK_ROUTE);
	}
	msg = err ? NULL : nlmsg_alloc_simple(RTM_GETLINK, 0);
	if (!err && (!msg || nlmsg_append(msg, &ifi, sizeof(ifi),
					  NLMSG_ALIGNTO) ||
		     nla_put_string(msg, IFLA_IFNAME, name)))
		err = -NLE_NOMEM;
	if (!err) {
		err = nl_send_auto(k->rt, msg);
		if (err >= 0)
			err = nl_recvmsgs_default(k->rt);
	}
	nlmsg_free(msg);
	if (err >= 0)
		return 1;
	/* ENODEV: no such link. */
	if (err == -NLE_NODEV)
		return 0;
	/* Whatever went wrong, the next look starts on a new socket. */
	nl_socket_free(k->rt);
	k->rt = NULL;
	return kernel_errno(err);
}
