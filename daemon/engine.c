// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The engine: the context every tunnel and session hangs off, the lookups
 * (all constant time: hash tables keyed by tunnel id, by (peer address,
 * port, peer tunnel id), by (tunnel id, session id)), and the way in for
 * datagrams that reach a listen address. An SCCRQ is decoded; a
 * retransmission goes to the tunnel it made; a new one passes a
 * per-source token bucket kept in a small fixed table (once half the
 * half-open tunnels are taken), then the limits (tunnels, half-open
 * tunnels), the tie breaker (RFC 2661 §4.4.3) and the upper layer's
 * peer_lookup before a tunnel is made for it: a flood from many addresses
 * costs at most max_half_open tunnels, and established tunnels, which
 * have sockets and lookups of their own, never wait behind it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "engine_impl.h"
#include "err.h"
#include "session.h"
#include "tunnel.h"

static const struct fsm_table *const engine_tables[ENGINE_FSM_TABLES] = {
	&tunnel_fsm,
	&session_fsm[SESSION_LAC_IC],
	&session_fsm[SESSION_LNS_IC],
	&session_fsm[SESSION_LAC_OC],
	&session_fsm[SESSION_LNS_OC],
};

/* Drop lines: at most this many a second, whatever a peer sends. */
#define ENGINE_DROP_LOG_BURST	10
#define ENGINE_DROP_LOG_MS	1000
/* A source's bucket is looked for in this many slots from its hash. */
#define ENGINE_SRC_PROBE	4
/* Rate-limited SCCRQs: one line per source in this many ms. */
#define ENGINE_SRC_LOG_MS	10000

/*
 * The defaults. Keepalive and hold as RouterOS and RFC 2661 §5.7 have
 * them. Half-open: an SCCRP unacknowledged for the whole retransmission
 * schedule (31 s with the channel's defaults) ends the tunnel anyway; a
 * peer that acknowledges it and never sends SCCCN is cut off after 30 s.
 * SCCRQs: 1024 half-open tunnels bound what a flood can hold (about
 * 1 MiB); past 512 of them, 50 a second per source after a burst of 100
 * (engine.h) keeps one source from taking the rest.
 */
void engine_cfg_default(struct engine_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->host_name = "l2tpd";
	cfg->vendor_name = "l2tpd";
	cfg->firmware_rev = 0x0100;
	cfg->framing_cap = L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC;
	chan_cfg_default(&cfg->chan);
	cfg->keepalive_s = ENGINE_KEEPALIVE_SERVER_S;
	cfg->hold_ms = ENGINE_HOLD_MS;
	cfg->half_open_ms = 30000;
	cfg->max_half_open = 1024;
	cfg->sccrq_rate = ENGINE_SCCRQ_RATE;
	cfg->sccrq_burst = ENGINE_SCCRQ_BURST;
	cfg->sccrq_sources = 1024;
}

int engine_random(struct engine *eng, void *buf, size_t len)
{
	int (*rnd)(void *, size_t) = eng->cfg.random ? eng->cfg.random :
				     l2tp_auth_random;

	if (len > sizeof(eng->rnd))
		return rnd(buf, len);
	if (eng->rnd_left < len) {
		if (rnd(eng->rnd, sizeof(eng->rnd)))
			return -L2TP_E_CRYPTO;
		eng->rnd_left = sizeof(eng->rnd);
	}
	memcpy(buf, eng->rnd + sizeof(eng->rnd) - eng->rnd_left, len);
	eng->rnd_left -= len;
	return 0;
}

uint32_t engine_tid_hash(uint16_t tid)
{
	return htab_hash_u32(tid);
}

uint32_t engine_sid_hash(uint16_t tid, uint16_t sid)
{
	return htab_hash_u32((uint32_t)tid << 16 | sid);
}

uint32_t engine_peer_hash(const struct transport_addr *peer, uint16_t peer_tid)
{
	return htab_hash_u32(transport_addr_hash(peer, true) ^ peer_tid);
}

struct tunnel *engine_tunnel_find(struct engine *eng, uint16_t tid)
{
	uint32_t h = engine_tid_hash(tid);
	struct htab_node *n;
	struct tunnel *t;

	for (n = htab_first(&eng->tunnels, h); n; n = htab_next(n, h)) {
		t = container_of(n, struct tunnel, id_node);
		if (t->tid == tid)
			return t;
	}
	return NULL;
}

struct session *engine_session_find(struct engine *eng, uint16_t tid,
				    uint16_t sid)
{
	uint32_t h = engine_sid_hash(tid, sid);
	struct htab_node *n;
	struct session *s;

	for (n = htab_first(&eng->sessions, h); n; n = htab_next(n, h)) {
		s = container_of(n, struct session, node);
		if (s->sid == sid && s->t->tid == tid)
			return s;
	}
	return NULL;
}

/* The tunnel a retransmitted SCCRQ belongs to (NAT: the port counts). */
static struct tunnel *engine_peer_find(struct engine *eng,
				       const struct transport_addr *from,
				       uint16_t peer_tid)
{
	uint32_t h = engine_peer_hash(from, peer_tid);
	struct htab_node *n;
	struct tunnel *t;

	for (n = htab_first(&eng->peers, h); n; n = htab_next(n, h)) {
		t = container_of(n, struct tunnel, peer_node);
		if (t->peer_tid == peer_tid &&
		    transport_addr_eq(&t->peer, from))
			return t;
	}
	return NULL;
}

/*
 * Random ids (§3.1: chosen by the receiver, never 0): a peer cannot guess
 * the next one. A few draws find a free one unless the space is nearly
 * full, where the search goes on linearly from the last draw.
 */
static int engine_alloc_id(struct engine *eng, uint16_t *id,
			   bool (*used)(struct engine *, uint16_t, uint16_t),
			   uint16_t scope)
{
	uint16_t v = 0;
	unsigned int i;

	for (i = 0; i < 16; i++) {
		if (engine_random(eng, &v, sizeof(v)))
			return -L2TP_E_CRYPTO;
		if (v && !used(eng, scope, v)) {
			*id = v;
			return 0;
		}
	}
	for (i = 0; i < UINT16_MAX; i++, v++) {
		if (v && !used(eng, scope, v)) {
			*id = v;
			return 0;
		}
	}
	return -ENOSPC;
}

static bool tid_used(struct engine *eng, uint16_t scope, uint16_t tid)
{
	return engine_tunnel_find(eng, tid) != NULL;
}

static bool sid_used(struct engine *eng, uint16_t tid, uint16_t sid)
{
	return engine_session_find(eng, tid, sid) != NULL;
}

int engine_alloc_tid(struct engine *eng, uint16_t *tid)
{
	return engine_alloc_id(eng, tid, tid_used, 0);
}

int engine_alloc_sid(struct engine *eng, uint16_t tid, uint16_t *sid)
{
	return engine_alloc_id(eng, sid, sid_used, tid);
}

void engine_drop(struct engine *eng, const struct transport_addr *from,
		 uint16_t tid, uint16_t sid, const char *fmt, ...)
{
	char addr[TRANSPORT_ADDRSTRLEN], what[256];
	uint32_t suppressed;
	va_list ap;

	if (!log_ratelimit_allow(&eng->drop_log, loop_now_ms(eng->loop),
				 &suppressed))
		return;
	if (suppressed)
		log_warnx("%u similar messages suppressed", suppressed);
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	log_warnx("from %s tunnel %u session %u: %s",
		  from ? transport_addr_fmt(from, addr) : "-", tid, sid, what);
}

/*
 * An SCCRQ over its source's bucket: counted, and logged at once when no
 * source has dropped one for ENGINE_SRC_LOG_MS; from then on, every
 * ENGINE_SRC_LOG_MS while drops go on, one line per source with its
 * count (a storm from one address drops hundreds, a flood thousands).
 */
static void engine_src_dropped(struct engine *eng, struct engine_src *src,
			       const struct transport_addr *from)
{
	eng->stats.sccrq_ratelimited++;
	src->dropped++;
	if (timer_pending(eng->src_log))
		return;
	engine_drop(eng, from, 0, 0,
		    "SCCRQs dropped: over the source's limit of %u at once, "
		    "%u a second, while %u tunnels are half-open; the peer "
		    "retransmits them", eng->cfg.sccrq_burst,
		    eng->cfg.sccrq_rate, eng->n_half_open);
	timer_arm(eng->src_log, ENGINE_SRC_LOG_MS);
}

static void engine_src_log(void *arg)
{
	struct engine *eng = arg;
	struct engine_src *src;
	bool any = false;
	size_t i;

	for (i = 0; i < eng->cfg.sccrq_sources; i++) {
		src = &eng->srcs[i];
		if (!src->dropped)
			continue;
		engine_drop(eng, &src->addr, 0, 0,
			    "%u SCCRQ%s dropped in the last %u s: over the "
			    "source's limit", src->dropped,
			    src->dropped == 1 ? "" : "s",
			    ENGINE_SRC_LOG_MS / 1000);
		src->dropped = 0;
		any = true;
	}
	if (any)
		timer_arm(eng->src_log, ENGINE_SRC_LOG_MS);
}

/*
 * A token bucket per source address in a fixed table: a source is looked
 * for in ENGINE_SRC_PROBE slots from its hash; a new one takes a free
 * slot or the one idle longest. Memory stays sccrq_sources slots however
 * many addresses send. The bucket applies once half of max_half_open are
 * taken: until then a storm from one address (a NAT, clients redialling
 * after an outage) waits for nothing. It guards state, not work: an
 * SCCRQ is decoded (with hidden AVPs, its peer looked up) before it meets
 * the bucket, so that a retransmission finds its tunnel.
 */
static bool engine_src_allow(struct engine *eng,
			     const struct transport_addr *from)
{
	uint64_t now = loop_now_ms(eng->loop), add;
	size_t mask = eng->cfg.sccrq_sources - 1, i, at;
	uint32_t h = transport_addr_hash(from, false), cap;
	struct engine_src *src = NULL, *e;

	if (!eng->cfg.sccrq_rate ||
	    (eng->cfg.max_half_open &&
	     eng->n_half_open < eng->cfg.max_half_open / 2))
		return true;
	cap = eng->cfg.sccrq_burst * 1000u;
	for (i = 0; i < ENGINE_SRC_PROBE && !src; i++) {
		at = (h + i) & mask;
		e = &eng->srcs[at];
		if (e->addr.len && transport_addr_eq_host(&e->addr, from))
			src = e;
	}
	if (!src) {
		src = &eng->srcs[h & mask];
		for (i = 1; i < ENGINE_SRC_PROBE; i++) {
			e = &eng->srcs[(h + i) & mask];
			if (!e->addr.len || e->last_ms < src->last_ms)
				src = e;
		}
		*src = (struct engine_src){ .addr = *from, .last_ms = now,
					    .milli_tokens = cap };
	}
	/* rate tokens a second are rate milli-tokens a millisecond. */
	add = (now - src->last_ms) * eng->cfg.sccrq_rate;
	src->milli_tokens = add >= cap - src->milli_tokens ? cap :
			    src->milli_tokens + (uint32_t)add;
	src->last_ms = now;
	if (src->milli_tokens < 1000) {
		engine_src_dropped(eng, src, from);
		return false;
	}
	src->milli_tokens -= 1000;
	return true;
}

/* Cheap checks first: a data message or a bad header goes no further. */
static int engine_rx_header(struct engine *eng,
			    const struct transport_addr *from,
			    struct l2tp_hdr *h, const uint8_t *pkt, size_t len)
{
	int err;

	/* Data for sessions the kernel does not know lands here too. */
	if (len < 1 || !(pkt[0] & 0x80)) {
		eng->stats.rx_stray_data++;
		return -L2TP_E_NOT_CONTROL;
	}
	err = l2tp_hdr_decode(h, pkt, len);
	if (err) {
		eng->stats.rx_bad_header++;
		engine_drop(eng, from, 0, 0, "bad header: %s",
			    l2tp_strerror(err));
	}
	return err;
}

enum engine_tie { TIE_NONE, TIE_WON, TIE_LOST, TIE_BOTH };

/*
 * RFC 2661 §4.4.3: an SCCRQ from a peer we are sending our own SCCRQ to.
 * With a Tie Breaker on both, the lower value wins and equal values lose
 * on both sides; a Tie Breaker on one side only wins; none on either side
 * makes two tunnels.
 */
static enum engine_tie engine_tie(struct engine *eng,
				  const struct transport_addr *from,
				  const struct l2tp_msg *m,
				  struct tunnel **pending)
{
	uint32_t h = transport_addr_hash(from, false);
	bool theirs = l2tp_msg_has(m, L2TP_AVP_TIE_BREAKER);
	struct htab_node *n;
	struct tunnel *t;

	for (n = htab_first(&eng->ties, h); n; n = htab_next(n, h)) {
		t = container_of(n, struct tunnel, tie_node);
		if (!transport_addr_eq_host(&t->peer, from) ||
		    (!theirs && !t->send_tie))
			continue;
		*pending = t;
		if (!theirs)
			return TIE_WON;
		if (!t->send_tie)
			return TIE_LOST;
		if (t->tie_breaker == m->tie_breaker)
			return TIE_BOTH;
		return t->tie_breaker < m->tie_breaker ? TIE_WON : TIE_LOST;
	}
	return TIE_NONE;
}

/*
 * Limits reached: a StopCCN "no resources" (§4.4.2) acknowledging the
 * SCCRQ, without a tunnel: a flood must not make us keep state.
 */
static void engine_refuse(struct engine *eng,
			  const struct transport_addr *local,
			  const struct transport_addr *from,
			  const struct l2tp_hdr *h, uint16_t peer_tid)
{
	struct l2tp_msg *m = &eng->tx;
	struct wbuf w;

	eng->stats.sccrq_refused++;
	engine_drop(eng, from, 0, 0, "SCCRQ refused: tunnel limits");
	l2tp_msg_init(m, L2TP_MSG_STOPCCN);
	l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m->result.result = L2TP_STOPCCN_GENERAL_ERROR;
	m->result.has_error = true;
	m->result.error = L2TP_ERR_NO_RESOURCE;
	l2tp_msg_set(m, L2TP_AVP_RESULT_CODE);
	wbuf_init(&w, eng->txbuf, sizeof(eng->txbuf));
	if (!l2tp_msg_encode(m, &w, peer_tid, 0, 0, (uint16_t)(h->ns + 1),
			     NULL, 0))
		eng->tp->ops->reply(eng->tp, local, from, w.data, w.len);
}

/* What peer_lookup says of the sender of the SCCRQ in eng->rx. */
static int engine_lookup(struct engine *eng, const struct transport_addr *from,
			 struct engine_peer *p)
{
	const struct l2tp_msg *m = &eng->rx;
	struct l2tp_bytes host = { 0 };

	if (l2tp_msg_has(m, L2TP_AVP_HOST_NAME))
		host = m->host_name;
	return eng->ops->peer_lookup ?
	       eng->ops->peer_lookup(eng->arg, from, &host, p) : 0;
}

static bool engine_at_limit(const struct engine *eng)
{
	return (eng->cfg.max_tunnels &&
		eng->n_tunnels >= eng->cfg.max_tunnels) ||
	       (eng->cfg.max_half_open &&
		eng->n_half_open >= eng->cfg.max_half_open);
}

/*
 * Decodes the SCCRQ. Hidden AVPs need the secret, so the peer is looked
 * up first then (by address and Host Name, which may not be hidden,
 * §4.4.3); *looked says it was. A malformed SCCRQ still gets a tunnel
 * that answers it with StopCCN (§4.1), if it names the peer's tunnel.
 */
static int engine_sccrq_decode(struct engine *eng,
			       const struct transport_addr *from,
			       const struct l2tp_hdr *h, const uint8_t *pkt,
			       struct engine_peer *p, int *refused,
			       bool *looked)
{
	const uint8_t *payload = pkt + h->payload_off;
	struct l2tp_msg *m = &eng->rx;
	struct l2tp_decode_err de;
	struct l2tp_secret secret;
	int err;

	err = l2tp_msg_decode(m, payload, h->payload_len, NULL, &de);
	if (err == -L2TP_E_HIDDEN_NO_SECRET) {
		*refused = engine_lookup(eng, from, p);
		*looked = true;
		if (!*refused && p->secret_len) {
			secret.data = p->secret;
			secret.len = p->secret_len;
			err = l2tp_msg_decode(m, payload, h->payload_len,
					      &secret, &de);
		}
	}
	if (de.msg_type != L2TP_MSG_SCCRQ || !m->tunnel_id ||
	    !l2tp_msg_has(m, L2TP_AVP_ASSIGNED_TUNNEL_ID)) {
		eng->stats.rx_malformed++;
		engine_drop(eng, from, 0, h->session_id,
			    "tunnel 0, no SCCRQ naming the peer's tunnel: %s",
			    err ? l2tp_strerror(err) : l2tp_msg_name(m->type));
		return err ? err : -L2TP_E_MSG_UNKNOWN;
	}
	return 0;
}

/* A datagram for tunnel id 0 at a listen address: a new SCCRQ. */
static void engine_sccrq(struct engine *eng, const struct transport_addr *local,
			 const struct transport_addr *from,
			 const struct l2tp_hdr *h, const uint8_t *pkt,
			 size_t len)
{
	struct engine_peer p = { .keepalive_s = eng->cfg.keepalive_s };
	struct tunnel *t, *pending = NULL;
	enum engine_tie tie;
	bool looked = false;
	int refused = 0;

	if (!h->payload_len) {
		/* A ZLB acknowledges nothing we sent on tunnel 0. */
		eng->stats.rx_unknown_tunnel++;
		return;
	}
	if (engine_sccrq_decode(eng, from, h, pkt, &p, &refused, &looked))
		return;
	t = engine_peer_find(eng, from, eng->rx.tunnel_id);
	if (t) {
		/* A retransmission: the channel acknowledges it. */
		tunnel_input(t, h, pkt, len);
		return;
	}
	if (!engine_src_allow(eng, from))
		return;
	tie = engine_tie(eng, from, &eng->rx, &pending);
	if (tie == TIE_WON || tie == TIE_BOTH) {
		/* Ours goes on (won) or neither does; theirs is discarded. */
		eng->stats.ties_won += tie == TIE_WON;
		log_debug("tunnel %u: tie breaker %s", pending->tid,
			  tie == TIE_WON ? "won" : "equal: both discarded");
		if (tie == TIE_BOTH)
			tunnel_lose_tie(pending, NULL);
		return;
	}
	if (engine_at_limit(eng)) {
		engine_refuse(eng, local, from, h, eng->rx.tunnel_id);
		return;
	}
	if (!looked)
		refused = engine_lookup(eng, from, &p);
	t = tunnel_accept(eng, local, from, eng->rx.tunnel_id, &p, refused);
	if (!t) {
		engine_drop(eng, from, 0, 0, "no tunnel for SCCRQ: %s",
			    strerror(errno));
		return;
	}
	if (tie == TIE_LOST)
		tunnel_lose_tie(pending, t);
	tunnel_input(t, h, pkt, len);
}

/* A datagram for the listen address local, its header h decoded. */
static void engine_listener_input(struct engine *eng,
				  const struct transport_addr *local,
				  const struct transport_addr *from,
				  const struct l2tp_hdr *h, const uint8_t *pkt,
				  size_t len)
{
	struct tunnel *t;

	eng->rx_from = from;
	if (!h->tunnel_id) {
		engine_sccrq(eng, local, from, h, pkt, len);
	} else if ((t = engine_tunnel_find(eng, h->tunnel_id)) &&
		   transport_addr_eq(&t->peer, from)) {
		tunnel_input(t, h, pkt, len);
	} else {
		eng->stats.rx_unknown_tunnel++;
		engine_drop(eng, from, h->tunnel_id, h->session_id,
			    "unknown tunnel");
	}
	eng->rx_from = NULL;
}

void engine_input(struct engine *eng, const struct transport_addr *local,
		  const struct transport_addr *from, const uint8_t *pkt,
		  size_t len)
{
	struct l2tp_hdr h;

	if (!engine_rx_header(eng, from, &h, pkt, len))
		engine_listener_input(eng, local, from, &h, pkt, len);
}

void engine_tunnel_input(struct engine *eng, struct tunnel *t,
			 const struct transport_addr *from, const uint8_t *pkt,
			 size_t len)
{
	struct l2tp_hdr h;

	if (engine_rx_header(eng, from, &h, pkt, len))
		return;
	/*
	 * A server tunnel's socket shares the listen address and is bound
	 * before it is connected to its peer: what reaches it in between
	 * from anyone else was meant for the listener (an SCCRQ from another
	 * client, say), and goes there.
	 */
	if (t->server && !transport_addr_eq(from, &t->peer)) {
		eng->stats.rx_handed_to_listener++;
		engine_listener_input(eng, &t->local, from, &h, pkt, len);
		return;
	}
	/* Until the SCCRP, a client takes its answer from wherever it comes. */
	if (!t->follow && !transport_addr_eq(from, &t->peer)) {
		eng->stats.rx_unknown_tunnel++;
		engine_drop(eng, from, h.tunnel_id, h.session_id,
			    "not from tunnel %u's peer", t->tid);
		return;
	}
	eng->rx_from = from;
	tunnel_input(t, &h, pkt, len);
	eng->rx_from = NULL;
}

static int engine_check_cfg(const struct engine_cfg *cfg)
{
	if (!cfg->host_name || !cfg->host_name[0] || !cfg->chan.rwin)
		return -EINVAL;
	/* The source table is indexed by a mask: a power of two. */
	if (cfg->sccrq_rate &&
	    (!cfg->sccrq_burst || !cfg->sccrq_sources ||
	     (cfg->sccrq_sources & (cfg->sccrq_sources - 1))))
		return -EINVAL;
	return 0;
}

static const struct engine_ops engine_no_ops;

static int engine_alloc(struct engine *eng)
{
	unsigned int i;

	eng->host_name = strdup(eng->cfg.host_name);
	if (eng->cfg.vendor_name)
		eng->vendor_name = strdup(eng->cfg.vendor_name);
	if (!eng->host_name || (eng->cfg.vendor_name && !eng->vendor_name))
		return -ENOMEM;
	if (htab_init(&eng->tunnels, 64) || htab_init(&eng->peers, 64) ||
	    htab_init(&eng->ties, 16) || htab_init(&eng->sessions, 64))
		return -ENOMEM;
	if (eng->cfg.sccrq_rate) {
		eng->srcs = calloc(eng->cfg.sccrq_sources, sizeof(*eng->srcs));
		eng->src_log = timer_new(eng->loop, engine_src_log, eng);
		if (!eng->srcs || !eng->src_log)
			return -ENOMEM;
	}
	for (i = 0; i < ENGINE_FSM_TABLES; i++) {
		eng->hits[i] = calloc(engine_tables[i]->nrows,
				      sizeof(*eng->hits[i]));
		if (!eng->hits[i])
			return -ENOMEM;
	}
	return 0;
}

static void engine_release(struct engine *eng)
{
	unsigned int i;

	htab_destroy(&eng->tunnels);
	htab_destroy(&eng->peers);
	htab_destroy(&eng->ties);
	htab_destroy(&eng->sessions);
	for (i = 0; i < ENGINE_FSM_TABLES; i++)
		free(eng->hits[i]);
	timer_free(eng->src_log);
	free(eng->srcs);
	free(eng->host_name);
	free(eng->vendor_name);
	free(eng);
}

struct engine *engine_new(struct loop *loop, const struct engine_cfg *cfg,
			  struct transport *tp, const struct dataplane_ops *dp,
			  void *dp_ctx, const struct engine_ops *ops, void *arg)
{
	struct engine *eng;
	int err = engine_check_cfg(cfg);

	if (err) {
		errno = -err;
		return NULL;
	}
	eng = calloc(1, sizeof(*eng));
	if (!eng)
		return NULL;
	eng->loop = loop;
	eng->cfg = *cfg;
	err = engine_alloc(eng);
	if (err) {
		engine_release(eng);
		errno = -err;
		return NULL;
	}
	eng->tp = tp;
	eng->dp = dp ? dp : &dataplane_null_ops;
	eng->dp_ctx = dp_ctx;
	eng->ops = ops ? ops : &engine_no_ops;
	eng->arg = arg;
	eng->drop_log = (struct log_ratelimit)
		LOG_RATELIMIT_INIT(ENGINE_DROP_LOG_BURST, ENGINE_DROP_LOG_MS);
	LIST_INIT(&eng->all);
	tp->eng = eng;
	return eng;
}

void engine_free(struct engine *eng)
{
	struct tunnel *t;

	if (!eng)
		return;
	while ((t = LIST_FIRST(&eng->all)))
		tunnel_free(t);
	engine_release(eng);
}

void engine_shutdown(struct engine *eng)
{
	struct tunnel *t;

	LIST_FOREACH(t, &eng->all, link)
		if (t->state != TUNNEL_CLOSING)
			tunnel_close(t, L2TP_STOPCCN_SHUTTING_DOWN, 0,
				     "shutting down");
}

struct tunnel *engine_tunnel_open(struct engine *eng,
				  const struct engine_tunnel_params *p)
{
	if (!p->peer.len) {
		errno = EINVAL;
		return NULL;
	}
	if (eng->cfg.max_tunnels && eng->n_tunnels >= eng->cfg.max_tunnels) {
		errno = ENOSPC;
		return NULL;
	}
	return tunnel_open(eng, p);
}

int engine_tunnel_close(struct tunnel *t, uint16_t result, uint16_t error,
			const char *message)
{
	return tunnel_close(t, result, error, message);
}

struct session *engine_call_incoming(struct tunnel *t,
				     const struct engine_call *c)
{
	return session_place(t, SESSION_LAC_IC, c);
}

struct session *engine_call_outgoing(struct tunnel *t,
				     const struct engine_call *c)
{
	return session_place(t, SESSION_LNS_OC, c);
}

int engine_call_answered(struct session *s)
{
	return session_answer(s);
}

int engine_session_close(struct session *s, const struct engine_result *why)
{
	static const struct engine_result admin = { .result = L2TP_CDN_ADMIN };

	return session_close(s, why ? why : &admin);
}

unsigned int engine_tunnel_count(const struct engine *eng)
{
	return eng->n_tunnels;
}

unsigned int engine_session_count(const struct engine *eng)
{
	return eng->n_sessions;
}

unsigned int engine_tx_pending(const struct engine *eng)
{
	const struct tunnel *t;
	unsigned int n = 0;

	LIST_FOREACH(t, &eng->all, link)
		n += chan_pending(t->ch);
	return n;
}

const struct engine_stats *engine_stats(const struct engine *eng)
{
	return &eng->stats;
}

struct loop *engine_loop(const struct engine *eng)
{
	return eng->loop;
}

unsigned int engine_fsm_count(void)
{
	return ENGINE_FSM_TABLES;
}

const struct fsm_table *engine_fsm_table(unsigned int i)
{
	return i < ENGINE_FSM_TABLES ? engine_tables[i] : NULL;
}

const uint32_t *engine_fsm_hits(const struct engine *eng, unsigned int i)
{
	return i < ENGINE_FSM_TABLES ? eng->hits[i] : NULL;
}
