/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An in-memory datagram link between two ends (0 and 1) on a simulated
 * loop: it drops, duplicates, delays and so reorders datagrams, all decided
 * by a seeded PRNG, so a lossy run is the same run every time.
 *
 * It also watches the L2TP control traffic that crosses it: a message sent
 * by an end with more messages unacknowledged (by the Nr that end has
 * received) than the window set for it fails the test on the spot.
 */
#ifndef T_UNIT_SIMLINK_H
#define T_UNIT_SIMLINK_H

#include <stddef.h>
#include <stdint.h>

#include "loop.h"

struct simlink;

struct simlink_cfg {
	unsigned int loss_pct;	/* each datagram, 0-100 */
	unsigned int dup_pct;	/* each datagram not lost, 0-100 */
	uint32_t delay_ms;	/* one way */
	uint32_t jitter_ms;	/* plus 0..jitter_ms, uniform: reorders */
	uint64_t seed;
};

struct simlink_stats {
	uint64_t sent[2];	/* by each end */
	uint64_t delivered[2];	/* to each end */
	uint64_t lost;
	uint64_t duplicated;
	uint16_t max_unacked[2];	/* the most messages an end had out */
};

typedef void simlink_rx_fn(void *arg, const uint8_t *pkt, size_t len);

struct simlink *simlink_new(struct loop *loop, const struct simlink_cfg *cfg);
/* Drops every datagram still on the way. */
void simlink_free(struct simlink *link);

/*
 * What end receives, and what it may have unacknowledged: window messages
 * from Ns seq_start on (the peer's receive window; 0 checks nothing).
 */
void simlink_attach(struct simlink *link, int end, simlink_rx_fn *rx,
		    void *arg, uint16_t seq_start, uint16_t window);

/* Sends from end `from` to the other end. */
int simlink_send(struct simlink *link, int from, const uint8_t *pkt,
		 size_t len);

const struct simlink_stats *simlink_stats(const struct simlink *link);

/* The link's PRNG (xorshift64*), for tests that want seeded choices too. */
uint64_t simlink_rand(struct simlink *link);

#endif /* T_UNIT_SIMLINK_H */
