// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include "chan.h"
#include "hdr.h"
#include "simlink.h"

struct simlink_pkt {
	LIST_ENTRY(simlink_pkt) link;
	struct simlink *owner;
	struct timer *timer;
	int to;
	size_t len;
	uint8_t data[];
};

struct simlink_end {
	simlink_rx_fn *rx;
	void *arg;
	uint16_t una;		/* the newest Nr delivered to this end */
	uint16_t window;
};

struct simlink {
	struct loop *loop;
	struct simlink_cfg cfg;
	uint64_t rng;
	struct simlink_end end[2];
	LIST_HEAD(, simlink_pkt) pkts;	/* on the way */
	struct simlink_stats stats;
};

struct simlink *simlink_new(struct loop *loop, const struct simlink_cfg *cfg)
{
	struct simlink *link = calloc(1, sizeof(*link));

	ck_assert_ptr_nonnull(link);
	link->loop = loop;
	link->cfg = *cfg;
	/* xorshift must not start at 0. */
	link->rng = cfg->seed ? cfg->seed : 0x9e3779b97f4a7c15ull;
	LIST_INIT(&link->pkts);
	return link;
}

static void simlink_pkt_free(struct simlink_pkt *p)
{
	LIST_REMOVE(p, link);
	timer_free(p->timer);
	free(p);
}

void simlink_free(struct simlink *link)
{
	while (!LIST_EMPTY(&link->pkts))
		simlink_pkt_free(LIST_FIRST(&link->pkts));
	free(link);
}

void simlink_attach(struct simlink *link, int end, simlink_rx_fn *rx,
		    void *arg, uint16_t seq_start, uint16_t window)
{
	link->end[end].rx = rx;
	link->end[end].arg = arg;
	link->end[end].una = seq_start;
	link->end[end].window = window;
}

uint64_t simlink_rand(struct simlink *link)
{
	link->rng ^= link->rng >> 12;
	link->rng ^= link->rng << 25;
	link->rng ^= link->rng >> 27;
	return link->rng * 0x2545f4914f6cdd1dull;
}

static bool simlink_roll(struct simlink *link, unsigned int pct)
{
	return simlink_rand(link) % 100 < pct;
}

/* An end received an Nr: acks only move forward. */
static void simlink_note_rx(struct simlink *link, int to, const uint8_t *pkt,
			    size_t len)
{
	struct simlink_end *e = &link->end[to];
	struct l2tp_hdr h;

	if (l2tp_hdr_decode(&h, pkt, len) == 0 && h.control &&
	    chan_seq_lt(e->una, h.nr))
		e->una = h.nr;
}

/* An end sends a message: it must lie within the window it was given. */
static void simlink_check_tx(struct simlink *link, int from,
			     const uint8_t *pkt, size_t len)
{
	struct simlink_end *e = &link->end[from];
	struct l2tp_hdr h;
	uint16_t out;

	if (l2tp_hdr_decode(&h, pkt, len) || !h.control || !h.payload_len ||
	    !e->window)
		return;
	out = (uint16_t)(h.ns - e->una) + 1;
	ck_assert_msg(out <= e->window,
		      "end %d sent Ns %u with una %u: %u out, window %u",
		      from, h.ns, e->una, out, e->window);
	if (out > link->stats.max_unacked[from])
		link->stats.max_unacked[from] = out;
}

static void simlink_arrive(void *arg)
{
	struct simlink_pkt *p = arg;
	struct simlink *link = p->owner;
	struct simlink_end *e = &link->end[p->to];

	LIST_REMOVE(p, link);
	timer_free(p->timer);
	link->stats.delivered[p->to]++;
	simlink_note_rx(link, p->to, p->data, p->len);
	if (e->rx)
		e->rx(e->arg, p->data, p->len);
	free(p);
}

static void simlink_launch(struct simlink *link, int to, const uint8_t *pkt,
			   size_t len)
{
	struct simlink_pkt *p = malloc(sizeof(*p) + len);
	uint64_t delay = link->cfg.delay_ms;

	ck_assert_ptr_nonnull(p);
	if (link->cfg.jitter_ms)
		delay += simlink_rand(link) % (link->cfg.jitter_ms + 1);
	p->owner = link;
	p->to = to;
	p->len = len;
	memcpy(p->data, pkt, len);
	p->timer = timer_new(link->loop, simlink_arrive, p);
	ck_assert_ptr_nonnull(p->timer);
	LIST_INSERT_HEAD(&link->pkts, p, link);
	timer_arm(p->timer, delay);
}

int simlink_send(struct simlink *link, int from, const uint8_t *pkt,
		 size_t len)
{
	int to = !from;

	link->stats.sent[from]++;
	simlink_check_tx(link, from, pkt, len);
	if (simlink_roll(link, link->cfg.loss_pct)) {
		link->stats.lost++;
		return 0;
	}
	simlink_launch(link, to, pkt, len);
	if (simlink_roll(link, link->cfg.dup_pct)) {
		link->stats.duplicated++;
		simlink_launch(link, to, pkt, len);
	}
	return 0;
}

const struct simlink_stats *simlink_stats(const struct simlink *link)
{
	return &link->stats;
}
