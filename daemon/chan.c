// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reliable control channel (RFC 2661 §5.8, Appendix A).
 *
 * Sending: chan_send() queues a message on `unsent`; chan_pump() gives it
 * the next Ns and moves it to `inflight` when both windows allow: the
 * peer's receive window (Ns - una < peer_rwin) and the congestion window
 * (messages outstanding < cwnd). One timer watches the oldest unacked
 * message. On expiry the channel goes back N: every message in flight is
 * marked stale and resent, oldest first, as cwnd (back to 1) lets it, which
 * is what Appendix A's slow start after a timeout amounts to with
 * in-order cumulative acks.
 *
 * Receiving: Nr acknowledges (frees) our messages; the next expected Ns is
 * delivered, later ones within our window wait in `ooo` for the gap to
 * fill, earlier ones are duplicates and are acked at once. An ack owed is
 * carried by the next message we send, or by a ZLB after ack_delay_ms.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include "chan.h"
#include "hdr.h"

struct chan_msg {
	TAILQ_ENTRY(chan_msg) link;
	uint16_t len;		/* the whole datagram */
	uint16_t sid;
	bool urgent;
	bool stale;		/* in flight, sent before the last timeout */
	uint8_t data[];		/* header (written when first sent), AVPs */
};

TAILQ_HEAD(chan_msgq, chan_msg);

/* A message received ahead of a gap, kept until the gap fills. */
struct chan_rx {
	struct chan_rx *next;	/* by Ns */
	struct l2tp_hdr h;
	size_t len;
	uint8_t data[];
};

struct chan {
	struct loop *loop;
	const struct chan_ops *ops;
	void *arg;
	struct timer *rtx_timer;
	struct timer *ack_timer;
	struct chan_msgq unsent;
	struct chan_msgq inflight;
	struct chan_msg *rtx_next;	/* first stale message, or NULL */
	struct chan_rx *ooo;
	uint64_t last_rx_ms;
	struct chan_cfg cfg;
	uint32_t rto_ms;
	unsigned int n_unsent;
	uint16_t n_stale;
	uint16_t peer_tid;
	uint16_t snd_nxt;	/* Ns of the next new message */
	uint16_t snd_una;	/* Ns of the oldest unacked one */
	uint16_t rcv_nxt;	/* Ns we expect next; our Nr */
	uint16_t peer_rwin;
	uint16_t cwnd;
	uint16_t ssthresh;
	uint16_t ca_acked;	/* acks counted towards the next cwnd step */
	uint16_t rx_unacked;	/* messages taken since our Nr last went out */
	uint8_t retries;
	uint8_t busy;		/* inside deliver/unreachable callbacks */
	bool dead;		/* chan_free() was called from a callback */
	bool closed;
	bool ack_pending;	/* we owe the peer an Nr */
	bool ack_now;		/* ... and it must not wait (a duplicate came) */
	struct chan_stats stats;
};

/* chan_rx*() return this when a callback freed the channel. */
#define CHAN_FREED	1

/*
 * The defaults. The retransmission values are RFC 2661 §5.8's: 1 s
 * initial, doubling, capped at 8 s, 5 retries, so a dead peer is declared
 * after 1+2+4+8+8+8 = 31 s. Our window of 8 lets a burst of session
 * set-ups flow twice as fast as the default 4, and bounds what a peer can
 * make us buffer out of order to 8 datagrams per tunnel.
 *
 * The ack delay, 100 ms: most replies are sent from within the deliver
 * callback and carry the ack themselves; those that wait on the kernel or
 * on pppd come a few milliseconds later and can still carry it. A tenth of
 * the smallest retransmission timeout, it never makes a peer retransmit
 * for want of our ack. It is cut short once half our window is unacked
 * (see chan_ack_flush()).
 */
void chan_cfg_default(struct chan_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->rwin = CHAN_RWIN_DEFAULT;
	cfg->max_retries = CHAN_MAX_RETRIES;
	cfg->rto_init_ms = CHAN_RTO_INIT_MS;
	cfg->rto_max_ms = CHAN_RTO_MAX_MS;
	cfg->ack_delay_ms = CHAN_ACK_DELAY_MS;
}

static uint16_t chan_inflight(const struct chan *ch)
{
	return (uint16_t)(ch->snd_nxt - ch->snd_una);
}

/* Messages the network is believed to hold: in flight and not stale. */
static uint16_t chan_outstanding(const struct chan *ch)
{
	return chan_inflight(ch) - ch->n_stale;
}

/* Writes a control header at pkt for a datagram of len bytes. */
static void chan_put_header(const struct chan *ch, uint8_t *pkt, size_t len,
			    uint16_t sid, uint16_t ns)
{
	struct wbuf w;
	size_t len_at;

	/* Cannot fail: pkt has room for the header and len fits 16 bits. */
	wbuf_init(&w, pkt, L2TP_CTRL_HDR_LEN);
	l2tp_ctrl_hdr_put(&w, ch->peer_tid, sid, ns, ch->rcv_nxt, &len_at);
	wbuf_patch_u16(&w, len_at, (uint16_t)len);
}

/* Every datagram carries our Nr: whatever ack was owed goes with it. */
static void chan_emit(struct chan *ch, const uint8_t *pkt, size_t len)
{
	if (ch->ops->send(ch->arg, pkt, len) < 0)
		ch->stats.tx_errors++;
	ch->ack_pending = false;
	ch->ack_now = false;
	ch->rx_unacked = 0;
	timer_cancel(ch->ack_timer);
}

/* RFC 2661 §5.8: a retransmission keeps its Ns and carries the current Nr. */
static void chan_xmit(struct chan *ch, struct chan_msg *m)
{
	l2tp_ctrl_hdr_set_nr(m->data, m->len, ch->rcv_nxt);
	chan_emit(ch, m->data, m->len);
}

/* A ZLB: header only, Ns the next we will send (not consumed), our Nr. */
static void chan_send_zlb(struct chan *ch)
{
	uint8_t pkt[L2TP_CTRL_HDR_LEN];

	chan_put_header(ch, pkt, sizeof(pkt), 0, ch->snd_nxt);
	ch->stats.zlb_tx++;
	chan_emit(ch, pkt, sizeof(pkt));
}

/* Sends what the windows allow: stale messages first, then new ones. */
static void chan_pump(struct chan *ch)
{
	struct chan_msg *m;

	while (chan_outstanding(ch) < ch->cwnd) {
		m = ch->rtx_next;
		if (m) {
			ch->rtx_next = TAILQ_NEXT(m, link);
			m->stale = false;
			ch->n_stale--;
			ch->stats.retransmits++;
		} else {
			m = TAILQ_FIRST(&ch->unsent);
			if (!m || chan_inflight(ch) >= ch->peer_rwin)
				break;
			TAILQ_REMOVE(&ch->unsent, m, link);
			ch->n_unsent--;
			TAILQ_INSERT_TAIL(&ch->inflight, m, link);
			chan_put_header(ch, m->data, m->len, m->sid,
					ch->snd_nxt++);
			ch->stats.tx++;
		}
		chan_xmit(ch, m);
	}
	if (!TAILQ_EMPTY(&ch->inflight) && !timer_pending(ch->rtx_timer))
		timer_arm(ch->rtx_timer, ch->rto_ms);
}

/*
 * The ack owed, if any: at once after a duplicate, or when half our window
 * is unacked, since a peer with a full window stalls until we ack (TCP
 * acks every second segment for the same reason); else after
 * ack_delay_ms, in case a message can carry it.
 */
static void chan_ack_flush(struct chan *ch)
{
	if (!ch->ack_pending)
		return;
	if (ch->ack_now || !ch->cfg.ack_delay_ms ||
	    ch->rx_unacked >= (ch->cfg.rwin + 1) / 2)
		chan_send_zlb(ch);
	else if (!timer_pending(ch->ack_timer))
		timer_arm(ch->ack_timer, ch->cfg.ack_delay_ms);
}

static void chan_ack_expired(void *arg)
{
	struct chan *ch = arg;

	if (ch->ack_pending)
		chan_send_zlb(ch);
}

static void chan_drop_unsent(struct chan *ch)
{
	struct chan_msg *m;

	while ((m = TAILQ_FIRST(&ch->unsent))) {
		TAILQ_REMOVE(&ch->unsent, m, link);
		free(m);
	}
	ch->n_unsent = 0;
}

/* Forgets what is in flight: from now on, acks for it are old acks. */
static void chan_drop_inflight(struct chan *ch)
{
	struct chan_msg *m;

	while ((m = TAILQ_FIRST(&ch->inflight))) {
		TAILQ_REMOVE(&ch->inflight, m, link);
		free(m);
	}
	ch->snd_una = ch->snd_nxt;
	ch->rtx_next = NULL;
	ch->n_stale = 0;
	timer_cancel(ch->rtx_timer);
}

static void chan_destroy(struct chan *ch)
{
	struct chan_rx *r;

	chan_drop_unsent(ch);
	chan_drop_inflight(ch);
	while ((r = ch->ooo)) {
		ch->ooo = r->next;
		free(r);
	}
	timer_free(ch->rtx_timer);
	timer_free(ch->ack_timer);
	free(ch);
}

/* Runs the end of a user callback; true if it freed the channel. */
static bool chan_cb_done(struct chan *ch)
{
	if (--ch->busy || !ch->dead)
		return false;
	chan_destroy(ch);
	return true;
}

/* RFC 2661 §5.8: retries exhausted, the peer is unreachable. */
static void chan_fail(struct chan *ch)
{
	ch->closed = true;
	chan_drop_unsent(ch);
	chan_drop_inflight(ch);
	ch->busy++;
	ch->ops->unreachable(ch->arg);
	chan_cb_done(ch);
}

/*
 * RFC 2661 Appendix A: a timeout halves the slow-start threshold and
 * shrinks the congestion window to one message; exponential backoff of
 * the timer (§5.8).
 */
static void chan_rtx_expired(void *arg)
{
	struct chan *ch = arg;
	struct chan_msg *m;

	ch->stats.timeouts++;
	if (ch->retries >= ch->cfg.max_retries) {
		chan_fail(ch);
		return;
	}
	ch->retries++;
	ch->ssthresh = ch->cwnd / 2 > 1 ? ch->cwnd / 2 : 1;
	ch->cwnd = 1;
	ch->ca_acked = 0;
	TAILQ_FOREACH(m, &ch->inflight, link)
		m->stale = true;
	ch->n_stale = chan_inflight(ch);
	ch->rtx_next = TAILQ_FIRST(&ch->inflight);
	ch->rto_ms = ch->rto_ms * 2 < ch->cfg.rto_max_ms ?
		ch->rto_ms * 2 : ch->cfg.rto_max_ms;
	chan_pump(ch);
}

/*
 * RFC 2661 Appendix A: each ack grows cwnd by one message in slow start
 * (cwnd < ssthresh) and by 1/cwnd in congestion avoidance; never beyond
 * the peer's window.
 */
static void chan_cwnd_grow(struct chan *ch)
{
	if (ch->cwnd >= ch->peer_rwin)
		return;
	if (ch->cwnd < ch->ssthresh) {
		ch->cwnd++;
	} else if (++ch->ca_acked >= ch->cwnd) {
		ch->ca_acked = 0;
		ch->cwnd++;
	}
}

/* Nr acknowledges every message before it (RFC 2661 §5.8). */
static void chan_ack(struct chan *ch, uint16_t nr)
{
	uint16_t n = (uint16_t)(nr - ch->snd_una);
	struct chan_msg *m;

	if (n == 0)
		return;
	if (n > chan_inflight(ch)) {
		/* Behind una: an old ack overtaken by a newer one. */
		if (!chan_seq_lt(nr, ch->snd_una))
			ch->stats.bad_nr++;
		return;
	}
	ch->snd_una = nr;
	ch->stats.acked += n;
	while (n--) {
		m = TAILQ_FIRST(&ch->inflight);
		if (m == ch->rtx_next)
			ch->rtx_next = TAILQ_NEXT(m, link);
		if (m->stale)
			ch->n_stale--;
		TAILQ_REMOVE(&ch->inflight, m, link);
		free(m);
		chan_cwnd_grow(ch);
	}
	/* Progress: the next oldest message gets a fresh timer. */
	ch->retries = 0;
	ch->rto_ms = ch->cfg.rto_init_ms;
	timer_cancel(ch->rtx_timer);
	if (!TAILQ_EMPTY(&ch->inflight))
		timer_arm(ch->rtx_timer, ch->rto_ms);
}

/* Hands one in-order message up (not once closed); CHAN_FREED or 0. */
static int chan_deliver(struct chan *ch, const struct l2tp_hdr *h,
			const uint8_t *pkt, size_t len)
{
	ch->rcv_nxt++;
	ch->rx_unacked++;
	ch->ack_pending = true;
	if (ch->closed)
		return 0;
	ch->busy++;
	ch->ops->deliver(ch->arg, h, pkt, len);
	return chan_cb_done(ch) ? CHAN_FREED : 0;
}

/* The expected message, then whatever it unblocks from `ooo`. */
static int chan_rx_in_order(struct chan *ch, const struct l2tp_hdr *h,
			    const uint8_t *pkt, size_t len)
{
	struct chan_rx *r;
	int ret;

	ch->stats.rx++;
	ret = chan_deliver(ch, h, pkt, len);
	while (!ret && (r = ch->ooo) && r->h.ns == ch->rcv_nxt) {
		ch->ooo = r->next;
		ret = chan_deliver(ch, &r->h, r->data, r->len);
		free(r);
	}
	return ret;
}

/* A message ahead of a gap, within our window: kept, once. */
static int chan_rx_queue(struct chan *ch, const struct l2tp_hdr *h,
			 const uint8_t *pkt)
{
	uint16_t off = (uint16_t)(h->ns - ch->rcv_nxt), o;
	size_t len = h->payload_off + h->payload_len;
	struct chan_rx **pp, *r;

	for (pp = &ch->ooo; *pp; pp = &(*pp)->next) {
		o = (uint16_t)((*pp)->h.ns - ch->rcv_nxt);
		if (o == off) {
			ch->stats.dups++;
			ch->ack_pending = true;
			ch->ack_now = true;
			return 0;
		}
		if (o > off)
			break;
	}
	r = malloc(sizeof(*r) + len);
	if (!r)
		return -ENOMEM;
	r->h = *h;
	r->len = len;
	memcpy(r->data, pkt, len);
	r->next = *pp;
	*pp = r;
	ch->stats.rx++;
	ch->stats.reordered++;
	return 0;
}

/* RFC 2661 §5.8: sort a message with a body by its Ns. */
static int chan_rx(struct chan *ch, const struct l2tp_hdr *h,
		   const uint8_t *pkt, size_t len)
{
	uint16_t off = (uint16_t)(h->ns - ch->rcv_nxt);

	if (off == 0)
		return chan_rx_in_order(ch, h, pkt, len);
	if (chan_seq_lt(h->ns, ch->rcv_nxt)) {
		/* Our ack was lost: ack again at once, deliver nothing. */
		ch->stats.dups++;
		ch->ack_pending = true;
		ch->ack_now = true;
		return 0;
	}
	if (off >= ch->cfg.rwin) {
		/* The peer overran the window we advertised. */
		ch->stats.out_of_window++;
		return 0;
	}
	return chan_rx_queue(ch, h, pkt);
}

int chan_input(struct chan *ch, const struct l2tp_hdr *h, const uint8_t *pkt,
	       size_t len)
{
	int ret = 0;

	if (!h->control || !h->has_seq)
		return -EINVAL;
	ch->last_rx_ms = loop_now_ms(ch->loop);
	chan_ack(ch, h->nr);
	if (h->payload_len == 0) {
		ch->stats.zlb_rx++;
	} else {
		ret = chan_rx(ch, h, pkt, len);
		if (ret == CHAN_FREED)
			return 0;
	}
	/* The ack may have opened the window; what goes out carries Nr. */
	chan_pump(ch);
	chan_ack_flush(ch);
	return ret;
}

/* Urgent messages go ahead of the others, in the order they came. */
static void chan_enqueue(struct chan *ch, struct chan_msg *m)
{
	struct chan_msg *it;

	ch->n_unsent++;
	if (m->urgent) {
		TAILQ_FOREACH(it, &ch->unsent, link) {
			if (!it->urgent) {
				TAILQ_INSERT_BEFORE(it, m, link);
				return;
			}
		}
	}
	TAILQ_INSERT_TAIL(&ch->unsent, m, link);
}

int chan_send(struct chan *ch, uint16_t sid, const void *avps, size_t len,
	      unsigned int flags)
{
	struct chan_msg *m;

	if (ch->closed)
		return -EPIPE;
	if (!len)
		return -EINVAL;
	if (len > UINT16_MAX - L2TP_CTRL_HDR_LEN)
		return -EMSGSIZE;
	m = malloc(sizeof(*m) + L2TP_CTRL_HDR_LEN + len);
	if (!m)
		return -ENOMEM;
	m->len = (uint16_t)(L2TP_CTRL_HDR_LEN + len);
	m->sid = sid;
	m->urgent = flags & (CHAN_SEND_URGENT | CHAN_SEND_LAST);
	m->stale = false;
	memcpy(m->data + L2TP_CTRL_HDR_LEN, avps, len);
	if (flags & CHAN_SEND_LAST) {
		chan_drop_unsent(ch);
		ch->closed = true;
	}
	chan_enqueue(ch, m);
	chan_pump(ch);
	return 0;
}

void chan_close(struct chan *ch, bool drop_unacked)
{
	ch->closed = true;
	chan_drop_unsent(ch);
	if (drop_unacked)
		chan_drop_inflight(ch);
}

struct chan *chan_new(struct loop *loop, const struct chan_cfg *cfg,
		      const struct chan_ops *ops, void *arg)
{
	struct chan *ch;

	if (!cfg->rwin || !cfg->rto_init_ms || cfg->rto_max_ms < cfg->rto_init_ms) {
		errno = EINVAL;
		return NULL;
	}
	ch = calloc(1, sizeof(*ch));
	if (!ch)
		return NULL;
	ch->rtx_timer = timer_new(loop, chan_rtx_expired, ch);
	ch->ack_timer = timer_new(loop, chan_ack_expired, ch);
	if (!ch->rtx_timer || !ch->ack_timer) {
		timer_free(ch->rtx_timer);
		timer_free(ch->ack_timer);
		free(ch);
		errno = ENOMEM;
		return NULL;
	}
	ch->loop = loop;
	ch->ops = ops;
	ch->arg = arg;
	ch->cfg = *cfg;
	TAILQ_INIT(&ch->unsent);
	TAILQ_INIT(&ch->inflight);
	ch->snd_nxt = ch->snd_una = ch->rcv_nxt = cfg->seq_start;
	ch->rto_ms = cfg->rto_init_ms;
	ch->peer_rwin = CHAN_PEER_RWIN_DEFAULT;
	ch->ssthresh = ch->peer_rwin;
	ch->cwnd = 1;
	ch->last_rx_ms = loop_now_ms(loop);
	return ch;
}

void chan_free(struct chan *ch)
{
	if (!ch)
		return;
	if (ch->busy)
		ch->dead = true;
	else
		chan_destroy(ch);
}

void chan_set_peer_tid(struct chan *ch, uint16_t tid)
{
	ch->peer_tid = tid;
}

int chan_set_peer_rwin(struct chan *ch, uint16_t rwin)
{
	if (!rwin)
		return -EINVAL;
	ch->peer_rwin = rwin;
	ch->ssthresh = rwin;
	if (ch->cwnd > rwin)
		ch->cwnd = rwin;
	chan_pump(ch);
	return 0;
}

unsigned int chan_pending(const struct chan *ch)
{
	return chan_inflight(ch) + ch->n_unsent;
}

uint64_t chan_last_rx_ms(const struct chan *ch)
{
	return ch->last_rx_ms;
}

const struct chan_stats *chan_stats(const struct chan *ch)
{
	return &ch->stats;
}

void chan_get_state(const struct chan *ch, struct chan_state *st)
{
	st->ns = ch->snd_nxt;
	st->nr = ch->rcv_nxt;
	st->una = ch->snd_una;
	st->inflight = chan_inflight(ch);
	st->unsent = ch->n_unsent;
	st->cwnd = ch->cwnd;
	st->ssthresh = ch->ssthresh;
	st->peer_rwin = ch->peer_rwin;
	st->retries = ch->retries;
	st->closed = ch->closed;
}
