// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reliable control channel on the simulated clock. An endpoint either
 * talks to another one over a lossy simlink, or (link NULL) only records
 * what it sends while the test hands it hand-built datagrams.
 *
 * Every message body is a 4-byte index plus filler; each endpoint checks
 * that indices arrive as 0, 1, 2...: exactly once, in order.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "chan.h"
#include "hdr.h"
#include "simlink.h"
#include "simloop.h"
#include "suites.h"

#define TRACE_MAX	512
#define BODY_LEN	12

struct tx_rec {
	uint64_t at;
	uint16_t tid, sid, ns, nr;
	bool zlb;
	uint32_t idx;
};

struct ep {
	struct loop *loop;
	struct chan *ch;
	struct simlink *link;
	int end;
	uint32_t next_tx;	/* index of the next message we queue */
	uint32_t expect;	/* index of the next message to be delivered */
	bool reply;		/* answer each delivered message */
	uint32_t free_after;	/* chan_free() after this many deliveries */
	int unreachable;
	uint64_t unreachable_at;
	bool free_on_unreachable;
	struct tx_rec tx[TRACE_MAX];
	unsigned int n_tx;
};

static void body_put(uint8_t *b, uint32_t idx)
{
	struct wbuf w;

	memset(b, 0xa5, BODY_LEN);
	wbuf_init(&w, b, BODY_LEN);
	ck_assert_int_eq(wbuf_put_u32(&w, idx), 0);
}

static uint32_t body_idx(const uint8_t *pkt, const struct l2tp_hdr *h)
{
	struct rbuf r;
	uint32_t idx;

	rbuf_init(&r, pkt + h->payload_off, h->payload_len);
	ck_assert_int_eq(rbuf_get_u32(&r, &idx), 0);
	return idx;
}

static int ep_send(void *arg, const uint8_t *pkt, size_t len)
{
	struct ep *ep = arg;
	struct tx_rec *t = &ep->tx[ep->n_tx % TRACE_MAX];
	struct l2tp_hdr h;

	ck_assert_int_eq(l2tp_hdr_decode(&h, pkt, len), 0);
	ck_assert(h.control);
	ck_assert_uint_eq(h.length, len);
	t->at = loop_now_ms(ep->loop);
	t->tid = h.tunnel_id;
	t->sid = h.session_id;
	t->ns = h.ns;
	t->nr = h.nr;
	t->zlb = h.payload_len == 0;
	t->idx = t->zlb ? UINT32_MAX : body_idx(pkt, &h);
	ep->n_tx++;
	return ep->link ? simlink_send(ep->link, ep->end, pkt, len) : 0;
}

static void ep_queue(struct ep *ep, unsigned int n, unsigned int flags)
{
	uint8_t b[BODY_LEN];

	while (n--) {
		body_put(b, ep->next_tx++);
		ck_assert_int_eq(chan_send(ep->ch, 0, b, sizeof(b), flags), 0);
	}
}

static void ep_deliver(void *arg, const struct l2tp_hdr *h, const uint8_t *pkt,
		       size_t len)
{
	struct ep *ep = arg;

	ck_assert_uint_eq(body_idx(pkt, h), ep->expect);
	ep->expect++;
	if (ep->reply)
		ep_queue(ep, 1, 0);
	if (ep->free_after && ep->expect == ep->free_after) {
		chan_free(ep->ch);
		ep->ch = NULL;
	}
}

static void ep_unreachable(void *arg)
{
	struct ep *ep = arg;

	ep->unreachable++;
	ep->unreachable_at = loop_now_ms(ep->loop);
	if (ep->free_on_unreachable) {
		chan_free(ep->ch);
		ep->ch = NULL;
	}
}

static const struct chan_ops ep_ops = {
	.send = ep_send,
	.deliver = ep_deliver,
	.unreachable = ep_unreachable,
};

static void ep_rx(void *arg, const uint8_t *pkt, size_t len)
{
	struct ep *ep = arg;
	struct l2tp_hdr h;

	ck_assert_int_eq(l2tp_hdr_decode(&h, pkt, len), 0);
	ck_assert_int_eq(chan_input(ep->ch, &h, pkt, len), 0);
}

static void ep_init(struct ep *ep, struct loop *loop,
		    const struct chan_cfg *cfg)
{
	memset(ep, 0, sizeof(*ep));
	ep->loop = loop;
	ep->ch = chan_new(loop, cfg, &ep_ops, ep);
	ck_assert_ptr_nonnull(ep->ch);
}

/* A lone endpoint, default configuration, on a fresh clock at 0 ms. */
static struct loop *solo(struct ep *ep)
{
	struct loop *loop = simloop_new(0);
	struct chan_cfg cfg;

	chan_cfg_default(&cfg);
	ep_init(ep, loop, &cfg);
	return loop;
}

static void solo_end(struct ep *ep, struct loop *loop)
{
	chan_free(ep->ch);
	loop_free(loop);
}

/* Hands ep a datagram from its peer: a ZLB when idx is UINT32_MAX. */
static void inject(struct ep *ep, uint16_t ns, uint16_t nr, uint32_t idx)
{
	uint8_t pkt[L2TP_CTRL_HDR_LEN + BODY_LEN];
	size_t len = idx == UINT32_MAX ? L2TP_CTRL_HDR_LEN : sizeof(pkt);
	struct wbuf w;
	size_t len_at;

	wbuf_init(&w, pkt, sizeof(pkt));
	ck_assert_int_eq(l2tp_ctrl_hdr_put(&w, 1, 0, ns, nr, &len_at), 0);
	ck_assert_int_eq(wbuf_patch_u16(&w, len_at, (uint16_t)len), 0);
	if (idx != UINT32_MAX)
		body_put(pkt + L2TP_CTRL_HDR_LEN, idx);
	ep_rx(ep, pkt, len);
}

static void ack_all(struct ep *ep)
{
	struct chan_state st;

	chan_get_state(ep->ch, &st);
	inject(ep, 0, st.ns, UINT32_MAX);
}

static struct chan_state state_of(struct ep *ep)
{
	struct chan_state st;

	chan_get_state(ep->ch, &st);
	return st;
}

/* Two channels over one lossy link: N messages each way, some replies. */
struct xcase {
	unsigned int loss, dup;
	uint32_t delay, jitter;
	uint16_t seq_start;
	uint64_t seed;
};

static const struct xcase xcases[] = {
	{ 0, 0, 10, 0, 0, 1 },
	{ 10, 5, 20, 40, 0, 2 },
	{ 30, 5, 20, 40, 0, 3 },
	{ 10, 5, 20, 40, 65530, 4 },	/* Ns and Nr wrap past 65535 */
	{ 30, 10, 20, 40, 65300, 5 },
};

#define XN	300

START_TEST(test_exchange)
{
	const struct xcase *xc = &xcases[_i];
	struct simlink_cfg lc = {
		.loss_pct = xc->loss, .dup_pct = xc->dup,
		.delay_ms = xc->delay, .jitter_ms = xc->jitter, .seed = xc->seed,
	};
	struct loop *loop = simloop_new(0);
	struct simlink *link = simlink_new(loop, &lc);
	static struct ep a, b;
	struct chan_cfg ca, cb;
	const struct chan_stats *sa, *sb;

	chan_cfg_default(&ca);
	/*
	 * At 30% loss a message and its ack both get through with p = 0.49;
	 * six tries (five retries) fail together too often over 300
	 * messages, so the lossy runs allow sixteen.
	 */
	ca.max_retries = 16;
	ca.seq_start = xc->seq_start;
	ca.rwin = 6;
	cb = ca;
	cb.rwin = 8;
	ep_init(&a, loop, &ca);
	ep_init(&b, loop, &cb);
	a.link = b.link = link;
	a.end = 0;
	b.end = 1;
	b.reply = true;
	ck_assert_int_eq(chan_set_peer_rwin(a.ch, cb.rwin), 0);
	ck_assert_int_eq(chan_set_peer_rwin(b.ch, ca.rwin), 0);
	simlink_attach(link, 0, ep_rx, &a, xc->seq_start, cb.rwin);
	simlink_attach(link, 1, ep_rx, &b, xc->seq_start, ca.rwin);

	ep_queue(&a, XN, 0);
	ep_queue(&b, XN, 0);
	ck_assert_int_eq(simloop_run_until_idle(loop, 3600 * 1000), 0);

	ck_assert_int_eq(a.unreachable + b.unreachable, 0);
	ck_assert_uint_eq(b.expect, XN);
	ck_assert_uint_eq(a.expect, 2 * XN);	/* B's own and its replies */
	ck_assert_uint_eq(chan_pending(a.ch), 0);
	ck_assert_uint_eq(chan_pending(b.ch), 0);
	ck_assert_uint_eq(state_of(&a).ns, (uint16_t)(xc->seq_start + XN));
	ck_assert_uint_eq(state_of(&b).nr, (uint16_t)(xc->seq_start + XN));
	sa = chan_stats(a.ch);
	sb = chan_stats(b.ch);
	ck_assert_uint_eq(sa->tx, XN);
	ck_assert_uint_eq(sb->rx, XN);
	ck_assert_uint_eq(sa->acked, XN);
	ck_assert_uint_eq(sa->bad_nr + sb->bad_nr, 0);
	if (xc->loss) {
		ck_assert_uint_gt(sa->retransmits + sb->retransmits, 0);
		ck_assert_uint_gt(sa->dups + sb->dups, 0);
		ck_assert_uint_gt(sa->reordered + sb->reordered, 0);
	} else {
		/* Slow start opened the window all the way, and no further. */
		ck_assert_uint_eq(simlink_stats(link)->max_unacked[0], cb.rwin);
		ck_assert_uint_eq(simlink_stats(link)->max_unacked[1], ca.rwin);
		ck_assert_uint_eq(sa->retransmits + sb->retransmits, 0);
	}
	chan_free(a.ch);
	chan_free(b.ch);
	simlink_free(link);
	loop_free(loop);
}
END_TEST

/* Sends of the message with index idx in ep's trace, as times. */
static unsigned int tx_times(const struct ep *ep, uint32_t idx, uint64_t *at,
			     unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < ep->n_tx && n < max; i++)
		if (ep->tx[i].idx == idx)
			at[n++] = ep->tx[i].at;
	return n;
}

START_TEST(test_backoff_and_nr_update)
{
	static const uint64_t want[] = { 0, 1000, 3000, 7000, 15000, 23000 };
	static struct ep a;
	uint64_t at[8];
	unsigned int i, n;
	struct loop *loop = solo(&a);

	ep_queue(&a, 1, 0);
	simloop_advance(loop, 2000);
	/* The peer's message arrives: retransmissions now carry Nr 1. */
	inject(&a, 0, 0, 0);
	ck_assert_int_eq(simloop_run_until_idle(loop, 100000), 0);

	n = tx_times(&a, 0, at, 8);
	ck_assert_uint_eq(n, 6);	/* the first send and 5 retries */
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(at[i], want[i]);
		ck_assert_uint_eq(a.tx[i < 2 ? i : i + 1].ns, 0);
	}
	ck_assert_uint_eq(a.tx[1].nr, 0);
	ck_assert(a.tx[2].zlb);			/* the delayed ack at 2100 */
	ck_assert_uint_eq(a.tx[2].at, 2100);
	ck_assert_uint_eq(a.tx[3].nr, 1);	/* retransmission at 3000 */
	ck_assert_int_eq(a.unreachable, 1);
	ck_assert_uint_eq(a.unreachable_at, 31000);
	ck_assert_uint_eq(chan_stats(a.ch)->retransmits, 5);
	ck_assert_uint_eq(chan_stats(a.ch)->timeouts, 6);
	ck_assert(state_of(&a).closed);
	ck_assert_int_eq(chan_send(a.ch, 0, "x", 1, 0), -EPIPE);
	solo_end(&a, loop);
}
END_TEST

START_TEST(test_retry_limit)
{
	struct loop *loop = simloop_new(0);
	static struct ep a;
	struct chan_cfg cfg;
	uint64_t at[8];

	chan_cfg_default(&cfg);
	cfg.max_retries = 2;
	cfg.rto_init_ms = 500;
	cfg.rto_max_ms = 4000;
	ep_init(&a, loop, &cfg);
	a.free_on_unreachable = true;	/* and freeing from there is safe */
	ep_queue(&a, 3, 0);
	ck_assert_int_eq(simloop_run_until_idle(loop, 100000), 0);
	ck_assert_uint_eq(tx_times(&a, 0, at, 8), 3);
	ck_assert_uint_eq(at[1], 500);
	ck_assert_uint_eq(at[2], 1500);
	ck_assert_uint_eq(tx_times(&a, 1, at, 8), 0);	/* cwnd stayed 1 */
	ck_assert_int_eq(a.unreachable, 1);
	ck_assert_uint_eq(a.unreachable_at, 3500);
	ck_assert_ptr_null(a.ch);
	loop_free(loop);
}
END_TEST

START_TEST(test_delayed_ack_and_dups)
{
	static struct ep b;
	struct loop *loop = solo(&b);

	chan_set_peer_tid(b.ch, 77);
	inject(&b, 0, 0, 0);
	simloop_advance(loop, 40);
	inject(&b, 1, 0, 1);
	simloop_advance(loop, 59);
	ck_assert_uint_eq(b.n_tx, 0);
	/* One ZLB for both, ack_delay_ms after the first. */
	simloop_advance(loop, 1);
	ck_assert_uint_eq(b.n_tx, 1);
	ck_assert(b.tx[0].zlb);
	ck_assert_uint_eq(b.tx[0].at, CHAN_ACK_DELAY_MS);
	ck_assert_uint_eq(b.tx[0].tid, 77);
	ck_assert_uint_eq(b.tx[0].sid, 0);
	ck_assert_uint_eq(b.tx[0].ns, 0);	/* a ZLB takes no Ns */
	ck_assert_uint_eq(b.tx[0].nr, 2);
	ck_assert_uint_eq(b.expect, 2);

	/* The peer missed that ZLB and retransmits: ack at once, once. */
	simloop_advance(loop, 900);
	inject(&b, 0, 0, 0);
	ck_assert_uint_eq(b.n_tx, 2);
	ck_assert(b.tx[1].zlb);
	ck_assert_uint_eq(b.tx[1].at, 1000);
	ck_assert_uint_eq(b.tx[1].nr, 2);
	ck_assert_uint_eq(b.expect, 2);
	ck_assert_uint_eq(chan_stats(b.ch)->dups, 1);
	ck_assert_uint_eq(chan_stats(b.ch)->zlb_tx, 2);
	ck_assert_int_eq(simloop_run_until_idle(loop, 10000), 0);
	ck_assert_uint_eq(b.n_tx, 2);
	solo_end(&b, loop);
}
END_TEST

START_TEST(test_ack_half_window)
{
	static struct ep b;
	uint16_t i;
	struct loop *loop = solo(&b);

	/* A peer with half our window (8) unacked gets its ack at once. */
	for (i = 0; i < 3; i++)
		inject(&b, i, 0, i);
	ck_assert_uint_eq(b.n_tx, 0);
	inject(&b, 3, 0, 3);
	ck_assert_uint_eq(b.n_tx, 1);
	ck_assert(b.tx[0].zlb);
	ck_assert_uint_eq(b.tx[0].at, 0);
	ck_assert_uint_eq(b.tx[0].nr, 4);
	ck_assert_int_eq(simloop_run_until_idle(loop, 10000), 0);
	ck_assert_uint_eq(b.n_tx, 1);
	solo_end(&b, loop);
}
END_TEST

START_TEST(test_piggyback)
{
	static struct ep b;
	struct loop *loop = solo(&b);

	b.reply = true;
	inject(&b, 0, 0, 0);
	ck_assert_uint_eq(b.n_tx, 1);
	ck_assert(!b.tx[0].zlb);
	ck_assert_uint_eq(b.tx[0].nr, 1);
	/* The peer's ZLB acks the reply: B never needs a ZLB of its own. */
	inject(&b, 1, 1, UINT32_MAX);
	ck_assert_int_eq(simloop_run_until_idle(loop, 10000), 0);
	ck_assert_uint_eq(b.n_tx, 1);
	ck_assert_uint_eq(chan_stats(b.ch)->zlb_tx, 0);
	ck_assert_uint_eq(chan_stats(b.ch)->zlb_rx, 1);
	solo_end(&b, loop);
}
END_TEST

START_TEST(test_reorder_and_window)
{
	static struct ep b;
	const struct chan_stats *st;
	struct loop *loop = solo(&b);

	st = chan_stats(b.ch);
	inject(&b, 2, 0, 2);
	inject(&b, 1, 0, 1);
	ck_assert_uint_eq(b.n_tx, 0);	/* nothing new to acknowledge */
	inject(&b, 2, 0, 2);		/* a duplicate of a queued one */
	ck_assert_uint_eq(b.expect, 0);
	ck_assert_uint_eq(b.n_tx, 1);	/* acked at once all the same */
	ck_assert(b.tx[0].zlb);
	ck_assert_uint_eq(b.tx[0].nr, 0);
	inject(&b, 0, 0, 0);
	ck_assert_uint_eq(b.expect, 3);
	ck_assert_uint_eq(st->reordered, 2);
	ck_assert_uint_eq(st->dups, 1);
	/* Window 8 from Nr 3: Ns 10 is the last one we take, 11 is over. */
	inject(&b, 11, 0, 11);
	ck_assert_uint_eq(st->out_of_window, 1);
	inject(&b, 10, 0, 10);
	ck_assert_uint_eq(st->reordered, 3);
	ck_assert_uint_eq(st->rx, 4);
	ck_assert_uint_eq(state_of(&b).nr, 3);
	ck_assert_uint_eq(b.expect, 3);
	chan_free(b.ch);		/* with a message still queued */
	loop_free(loop);
}
END_TEST

START_TEST(test_urgent_jumps_queue)
{
	static struct ep a;
	static const uint32_t order[] = { 0, 100, 101, 1, 2 };
	unsigned int i;
	struct loop *loop = solo(&a);

	ep_queue(&a, 3, 0);		/* cwnd 1: only 0 goes */
	a.next_tx = 100;
	ep_queue(&a, 2, CHAN_SEND_URGENT);
	ck_assert_uint_eq(a.n_tx, 1);
	ck_assert_uint_eq(state_of(&a).unsent, 4);
	ack_all(&a);			/* cwnd 2 */
	ack_all(&a);			/* cwnd 4 */
	ck_assert_uint_eq(a.n_tx, 5);
	for (i = 0; i < 5; i++) {
		ck_assert_uint_eq(a.tx[i].idx, order[i]);
		ck_assert_uint_eq(a.tx[i].ns, i);	/* Ns by send order */
	}
	solo_end(&a, loop);
}
END_TEST

static void ack_round(struct ep *a, uint16_t want_inflight, uint16_t want_cwnd)
{
	struct chan_state st = state_of(a);

	ck_assert_uint_eq(st.inflight, want_inflight);
	ck_assert_uint_le(st.inflight, st.peer_rwin);
	ack_all(a);
	ck_assert_uint_eq(state_of(a).cwnd, want_cwnd);
}

/* Acks the oldest message only; checks cwnd and ssthresh after. */
static void ack_one(struct ep *a, uint16_t want_cwnd)
{
	struct chan_state st = state_of(a);

	inject(a, 0, (uint16_t)(st.una + 1), UINT32_MAX);
	ck_assert_uint_eq(state_of(a).cwnd, want_cwnd);
}

START_TEST(test_slow_start)
{
	static struct ep a;
	struct chan_state st;
	struct loop *loop = solo(&a);

	ck_assert_int_eq(chan_set_peer_rwin(a.ch, 0), -EINVAL);
	ck_assert_int_eq(chan_set_peer_rwin(a.ch, 8), 0);
	ep_queue(&a, 60, 0);
	/* RFC 2661 Appendix A: cwnd 1, doubling per round up to the window. */
	ack_round(&a, 1, 2);
	ack_round(&a, 2, 4);
	ack_round(&a, 4, 8);
	ack_round(&a, 8, 8);
	/* A timeout: ssthresh = cwnd / 2, cwnd = 1, one retransmission. */
	simloop_advance(loop, 1000);
	st = state_of(&a);
	ck_assert_uint_eq(st.cwnd, 1);
	ck_assert_uint_eq(st.ssthresh, 4);
	ck_assert_uint_eq(st.inflight, 8);
	ck_assert_uint_eq(chan_stats(a.ch)->retransmits, 1);
	/* Slow start to 4, then congestion avoidance: +1 per 4 acks. */
	ack_one(&a, 2);
	ack_one(&a, 3);
	ack_one(&a, 4);
	ack_one(&a, 4);
	ack_one(&a, 4);
	ack_one(&a, 4);
	ack_one(&a, 5);
	/* The other 7 were resent as the window reopened, none twice. */
	ck_assert_uint_eq(chan_stats(a.ch)->retransmits, 8);
	solo_end(&a, loop);
}
END_TEST

START_TEST(test_close_modes)
{
	struct loop *loop = simloop_new(0);
	static struct ep a, b;
	struct chan_cfg cfg;

	chan_cfg_default(&cfg);
	/* A sends StopCCN while messages wait: they are dropped. */
	ep_init(&a, loop, &cfg);
	ep_queue(&a, 3, 0);
	a.next_tx = 900;
	ep_queue(&a, 1, CHAN_SEND_LAST);
	ck_assert_int_eq(chan_send(a.ch, 0, "x", 1, 0), -EPIPE);
	ck_assert_uint_eq(chan_pending(a.ch), 2);
	ack_all(&a);
	ck_assert_uint_eq(a.tx[a.n_tx - 1].idx, 900);
	ck_assert_uint_eq(a.tx[a.n_tx - 1].ns, 1);
	/* A message from the peer now is acked, not delivered. */
	inject(&a, 0, 1, 0);
	ck_assert_uint_eq(a.expect, 0);
	ck_assert_uint_eq(state_of(&a).nr, 1);
	ack_all(&a);
	ck_assert_uint_eq(chan_pending(a.ch), 0);

	/* B receives StopCCN, acks it and holds: a retransmission 20 s on. */
	ep_init(&b, loop, &cfg);
	ep_queue(&b, 1, 0);
	inject(&b, 0, 0, 0);
	chan_close(b.ch, true);
	ck_assert_uint_eq(chan_pending(b.ch), 0);
	simloop_advance(loop, 20000);
	ck_assert(b.tx[b.n_tx - 1].zlb);
	ck_assert_uint_eq(b.tx[b.n_tx - 1].nr, 1);
	inject(&b, 0, 0, 0);
	ck_assert(b.tx[b.n_tx - 1].zlb);
	ck_assert_uint_eq(b.tx[b.n_tx - 1].at, loop_now_ms(loop));
	ck_assert_uint_eq(b.expect, 1);
	ck_assert_uint_eq(chan_stats(b.ch)->retransmits, 0);
	/* Acks for what B dropped are old news, not errors. */
	inject(&b, 1, 1, UINT32_MAX);
	ck_assert_uint_eq(chan_stats(b.ch)->bad_nr, 0);
	ck_assert_uint_eq(chan_last_rx_ms(b.ch), 20000);
	chan_free(a.ch);
	chan_free(b.ch);
	ck_assert_uint_eq(simloop_pending(loop), 0);
	loop_free(loop);
}
END_TEST

START_TEST(test_free_in_deliver)
{
	static struct ep b;
	struct loop *loop = solo(&b);

	b.free_after = 1;
	inject(&b, 1, 0, 1);
	inject(&b, 2, 0, 2);
	/* Delivers 0, which frees the channel with 1 and 2 still queued. */
	inject(&b, 0, 0, 0);
	ck_assert_ptr_null(b.ch);
	ck_assert_uint_eq(b.expect, 1);
	ck_assert_uint_eq(simloop_pending(loop), 0);
	loop_free(loop);
}
END_TEST

START_TEST(test_bad_input)
{
	struct loop *loop = simloop_new(0);
	static struct ep a;
	struct chan_cfg cfg;
	struct l2tp_hdr data = { .control = false };
	uint8_t big[1];

	chan_cfg_default(&cfg);
	cfg.rwin = 0;
	ck_assert_ptr_null(chan_new(loop, &cfg, &ep_ops, &a));
	ck_assert_int_eq(errno, EINVAL);
	chan_cfg_default(&cfg);
	ep_init(&a, loop, &cfg);
	ck_assert_int_eq(chan_send(a.ch, 0, big, 0, 0), -EINVAL);
	ck_assert_int_eq(chan_send(a.ch, 0, big, 65524, 0), -EMSGSIZE);
	ck_assert_int_eq(chan_input(a.ch, &data, big, 0), -EINVAL);
	ep_queue(&a, 1, 0);
	/* Nr 5 acknowledges messages never sent: ignored, counted. */
	inject(&a, 0, 5, UINT32_MAX);
	ck_assert_uint_eq(chan_stats(a.ch)->bad_nr, 1);
	ck_assert_uint_eq(state_of(&a).inflight, 1);
	/* An old Nr, overtaken by reordering, is no error. */
	inject(&a, 0, 65533, UINT32_MAX);
	ck_assert_uint_eq(chan_stats(a.ch)->bad_nr, 1);
	chan_free(a.ch);
	loop_free(loop);
}
END_TEST

Suite *suite_chan(void)
{
	Suite *s = suite_create("chan");
	TCase *link = tcase_create("link");
	TCase *unit = tcase_create("unit");

	tcase_add_loop_test(link, test_exchange, 0,
			    sizeof(xcases) / sizeof(xcases[0]));
	tcase_add_test(unit, test_backoff_and_nr_update);
	tcase_add_test(unit, test_retry_limit);
	tcase_add_test(unit, test_delayed_ack_and_dups);
	tcase_add_test(unit, test_ack_half_window);
	tcase_add_test(unit, test_piggyback);
	tcase_add_test(unit, test_reorder_and_window);
	tcase_add_test(unit, test_urgent_jumps_queue);
	tcase_add_test(unit, test_slow_start);
	tcase_add_test(unit, test_close_modes);
	tcase_add_test(unit, test_free_in_deliver);
	tcase_add_test(unit, test_bad_input);
	suite_add_tcase(s, link);
	suite_add_tcase(s, unit);
	return s;
}
