/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The data path as the engine sees it: the kernel's L2TP tunnels and
 * sessions, created when the control protocol has established them and
 * deleted on every teardown path. The kernel implementation sits on the
 * l2tp generic netlink family (kernel.h); dataplane_null_ops does nothing,
 * for the tests and benchmarks of the control protocol.
 *
 * Every function returns 0 or a negative errno and does not log: the
 * engine logs once, with the tunnel and session ids.
 */
#ifndef L2TPD_DATAPLANE_H
#define L2TPD_DATAPLANE_H

#include <stdbool.h>
#include <stdint.h>

#include "transport.h"

struct dataplane_tunnel {
	uint16_t tid;			/* ours */
	uint16_t peer_tid;
	int fd;				/* its connected UDP socket, or -1 */
	const struct transport_addr *local;
	const struct transport_addr *peer;
};

struct dataplane_session {
	uint16_t tid;
	uint16_t sid;			/* ours */
	uint16_t peer_tid;
	uint16_t peer_sid;
	bool lns;			/* we are the LNS of this call */
	bool seq;			/* Sequencing Required (§4.4.6) */
};

/* Counters of one tunnel (sid 0) or session, as TUNNEL_GET reports them. */
struct dataplane_stats {
	uint64_t tx_packets, tx_bytes, tx_errors;
	uint64_t rx_packets, rx_bytes, rx_errors;
	uint64_t rx_seq_discards, rx_oos_packets;
};

struct dataplane_ops {
	int (*tunnel_create)(void *ctx, const struct dataplane_tunnel *t);
	int (*tunnel_delete)(void *ctx, uint16_t tid);
	int (*session_create)(void *ctx, const struct dataplane_session *s);
	int (*session_delete)(void *ctx, uint16_t tid, uint16_t sid);
	int (*stats)(void *ctx, uint16_t tid, uint16_t sid,
		     struct dataplane_stats *st);
};

/* Accepts everything, keeps nothing; stats are all zero. */
extern const struct dataplane_ops dataplane_null_ops;

#endif /* L2TPD_DATAPLANE_H */
