/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The engine's insides, shared by engine.c, tunnel.c and session.c only.
 */
#ifndef L2TPD_ENGINE_IMPL_H
#define L2TPD_ENGINE_IMPL_H

#include <sys/queue.h>

#include "engine.h"
#include "htab.h"
#include "log.h"

/* The tunnel table, then one table per session kind (session.h). */
#define ENGINE_FSM_TUNNEL	0
#define ENGINE_FSM_TABLES	5

/* Room for one control message we build; ours stay far below it. */
#define ENGINE_TXBUF		4096

/* One source address and its SCCRQ token bucket (flood protection). */
struct engine_src {
	struct transport_addr addr;
	uint64_t last_ms;
	uint32_t milli_tokens;
	uint32_t dropped;	/* SCCRQs dropped, not logged yet */
};

LIST_HEAD(tunnel_list, tunnel);

struct engine {
	struct loop *loop;
	struct engine_cfg cfg;
	char *host_name;
	char *vendor_name;
	struct transport *tp;
	const struct dataplane_ops *dp;
	void *dp_ctx;
	const struct engine_ops *ops;
	void *arg;
	struct htab tunnels;		/* by our tid */
	struct htab peers;		/* by (peer address, port, peer tid) */
	struct htab ties;		/* our SCCRQs waiting, by peer host */
	struct htab sessions;		/* by (tid, sid) */
	struct tunnel_list all;
	unsigned int n_tunnels;		/* not closing */
	unsigned int n_half_open;
	unsigned int n_sessions;
	struct engine_src *srcs;
	struct timer *src_log;		/* logs the sources' drop counts */
	struct log_ratelimit drop_log;
	/* The source of the datagram being handled (a client follows it). */
	const struct transport_addr *rx_from;
	uint32_t *hits[ENGINE_FSM_TABLES];
	uint32_t call_serial;
	struct engine_stats stats;
	size_t rnd_left;
	uint8_t rnd[256];
	uint8_t txbuf[ENGINE_TXBUF];
	struct l2tp_msg rx;		/* the message being handled */
	struct l2tp_msg tx;		/* the message being built */
};

/* len bytes from cfg.random, drawn in blocks. 0 or -L2TP_E_CRYPTO. */
int engine_random(struct engine *eng, void *buf, size_t len);
/* A random id, never 0, not in use (in eng, or in tunnel tid). */
int engine_alloc_tid(struct engine *eng, uint16_t *tid);
int engine_alloc_sid(struct engine *eng, uint16_t tid, uint16_t *sid);

uint32_t engine_tid_hash(uint16_t tid);
uint32_t engine_sid_hash(uint16_t tid, uint16_t sid);
uint32_t engine_peer_hash(const struct transport_addr *peer, uint16_t peer_tid);

/*
 * The one log line for bad input: who sent it, to which tunnel and
 * session, and why, at a bounded rate. The caller counts it.
 */
void engine_drop(struct engine *eng, const struct transport_addr *from,
		 uint16_t tid, uint16_t sid, const char *fmt, ...)
	LOG_PRINTF(5, 6);

#endif /* L2TPD_ENGINE_IMPL_H */
