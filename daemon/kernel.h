/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's L2TP data path, driven over the `l2tp` generic netlink family
 * (the kernel's net/l2tp/l2tp_netlink.c holds its attribute policy). One
 * long-lived netlink socket per daemon carries every request; the family id
 * is resolved once, when it opens. The family works per network namespace:
 * the socket acts in the namespace it was opened in.
 *
 * The tunnels are "managed" ones: the daemon owns each tunnel's UDP socket
 * (bound and connected to the peer) and hands its descriptor to
 * TUNNEL_CREATE; closing that socket destroys the tunnel and its sessions.
 * Each session's PPP frames then flow through a PPPoL2TP socket
 * (kernel_pppol2tp_open()) that pppd gets and the daemon does not keep:
 * closing it destroys the session.
 *
 * Functions return 0 or a negative errno and do not log: the caller logs
 * once, with the tunnel and session ids, and kernel_ext_ack() (the
 * kernel's own words about a refused request, when it gave any).
 */
#ifndef L2TPD_KERNEL_H
#define L2TPD_KERNEL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

struct nl_sock;

/* What an operator must do when kernel_open() returns -ENOENT. */
#define KERNEL_NO_L2TP_HINT	"kernel has no L2TP support: modprobe l2tp_ppp"

/* Room for the kernel's extended-ack message (NLMSGERR_ATTR_MSG). */
#define KERNEL_EXT_ACK_MAX	256

struct kernel {
	struct nl_sock *sk;	/* the request socket, close-on-exec */
	struct nl_sock *rt;	/* rtnetlink for kernel_link_exists() */
	int family;		/* generic netlink id of the l2tp family */
	/* The extended ack of the last refused request, "" without one. */
	char ext_ack[KERNEL_EXT_ACK_MAX];
};

/*
 * Opens the netlink socket and resolves the l2tp family, then checks that
 * PPPoL2TP sockets can be made. -ENOENT: the kernel has no l2tp family or
 * no l2tp_ppp (modules not loaded or not built); -EPERM/-EACCES: no
 * CAP_NET_ADMIN where it was needed. On error nothing stays open.
 */
int kernel_open(struct kernel *k);

/* Closes the socket; safe on a struct that kernel_open() failed to open. */
void kernel_close(struct kernel *k);

/* The kernel's text for the last refused request, or "". */
const char *kernel_ext_ack(const struct kernel *k);

/* TUNNEL_CREATE of an L2TPv2 tunnel over UDP, managed by us. */
struct kernel_tunnel {
	uint16_t tid;		/* ours: the Assigned Tunnel ID we sent */
	uint16_t peer_tid;
	int fd;			/* UDP socket, bound and connected to the peer */
};

/*
 * SESSION_CREATE of a PPP pseudowire. The sequencing flags and the reorder
 * timeout follow RFC 2661 §5.4: the LNS decides whether data messages
 * carry sequence numbers (lns_mode lets the kernel follow the peer's S bit
 * when we are the LAC side).
 */
struct kernel_session {
	uint16_t tid;
	uint16_t sid;		/* ours */
	uint16_t peer_sid;
	bool send_seq;		/* put Ns/Nr in data messages we send */
	bool recv_seq;		/* drop received data messages without them */
	bool lns_mode;		/* we are the LNS */
	uint32_t recv_timeout_ms; /* reorder wait; 0: no reordering */
};

/* Counters from the nested L2TP_ATTR_STATS of TUNNEL_GET / SESSION_GET. */
struct kernel_stats {
	uint64_t tx_packets, tx_bytes, tx_errors;
	uint64_t rx_packets, rx_bytes, rx_errors;
	uint64_t rx_seq_discards, rx_oos_packets;
};

int kernel_tunnel_create(struct kernel *k, const struct kernel_tunnel *t);
/* -ENODEV: no such tunnel. */
int kernel_tunnel_delete(struct kernel *k, uint16_t tid);
/* -ENODEV: no such tunnel; -EEXIST: the session id is taken. */
int kernel_session_create(struct kernel *k, const struct kernel_session *s);
/* -ENODEV: no such session. */
int kernel_session_delete(struct kernel *k, uint16_t tid, uint16_t sid);
int kernel_tunnel_stats(struct kernel *k, uint16_t tid,
			struct kernel_stats *st);
int kernel_session_stats(struct kernel *k, uint16_t tid, uint16_t sid,
			 struct kernel_stats *st);

/* The ends of one session's PPPoL2TP socket. */
struct kernel_pppol2tp {
	int tunnel_fd;		/* the tunnel's UDP socket */
	const struct sockaddr *peer;	/* its peer, AF_INET or AF_INET6 */
	socklen_t peer_len;
	uint16_t tid, sid;	/* ours */
	uint16_t peer_tid, peer_sid;
};

/*
 * A PPPoL2TP socket connected to the session (which SESSION_CREATE made,
 * or which connect() makes when it does not exist yet): its descriptor,
 * close-on-exec, or a negative errno. The caller gives it to pppd and
 * closes its own copy.
 */
int kernel_pppol2tp_open(const struct kernel_pppol2tp *p);

/*
 * Whether a network interface of that name exists in our namespace: 1, 0
 * or a negative errno. RTM_GETLINK by name, not if_nametoindex(): the
 * SIOCGIFINDEX behind it makes the kernel load a module for a name that
 * does not exist (dev_load(), net/core/dev_ioctl.c), two modprobe runs per
 * free name, which held the loop seconds per session in a setup storm.
 * Its socket stays open for the next look (k->rt), and is opened again
 * after a failed one.
 */
int kernel_link_exists(struct kernel *k, const char *name);

#endif /* L2TPD_KERNEL_H */
