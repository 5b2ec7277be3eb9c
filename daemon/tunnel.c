// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Control connections (RFC 2661 §7.2.1).
 *
 * A received message is decoded into eng->rx (touching no state), then
 * classified into an event: for SCCRQ, SCCRP and SCCCN in the state that
 * expects them, "acceptable" or "not acceptable" after every check has
 * passed or failed (version, ids, authentication), otherwise the plain
 * message event. The table decides what happens; an event without a row
 * becomes rx-error, answered with StopCCN "FSM error" (§4.4.2 result 7).
 *
 * Upper-layer callbacks and the consequences for sessions run in
 * tunnel_settle(), after the state has changed: a callback may then call
 * back into the engine and find the tunnel as it is.
 *
 * A tunnel is freed only from its timer (the hold after StopCCN, §5.7, or
 * a zero hold) or by engine_free(), never under a caller's feet.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "engine_impl.h"
#include "err.h"
#include "session.h"
#include "tunnel.h"

enum tunnel_event {
	TEV_OPEN,
	TEV_CLOSE,
	TEV_RX_SCCRQ_OK,
	TEV_RX_SCCRQ_BAD,
	TEV_RX_SCCRQ,
	TEV_RX_SCCRP_OK,
	TEV_RX_SCCRP_BAD,
	TEV_RX_SCCRP,
	TEV_RX_SCCCN_OK,
	TEV_RX_SCCCN_BAD,
	TEV_RX_SCCCN,
	TEV_RX_STOPCCN,
	TEV_RX_HELLO,
	TEV_RX_CALL,		/* a session message */
	TEV_RX_ERROR,		/* malformed, or no row for the message */
	TEV_TIE_LOST,
	TEV_HALF_OPEN_TIMEOUT,
	TEV_KEEPALIVE,
	TEV_UNREACHABLE,
	TEV_HOLD_EXPIRED,
	TEV_COUNT,
};

static const char *const tunnel_state_names[TUNNEL_NSTATES] = {
	"idle", "wait-ctl-reply", "wait-ctl-conn", "established", "closing",
};

static const char *const tunnel_event_names[TEV_COUNT] = {
	"open", "close", "SCCRQ acceptable", "SCCRQ not acceptable", "SCCRQ",
	"SCCRP acceptable", "SCCRP not acceptable", "SCCRP",
	"SCCCN acceptable", "SCCCN not acceptable", "SCCCN", "StopCCN",
	"HELLO", "call message", "rx-error", "tie breaker lost",
	"half-open timeout", "keepalive", "unreachable", "hold expired",
};

static void tunnel_settle(struct tunnel *t, uint8_t before,
			  const struct tunnel_ev *ev);

/* An action could not do its part: StopCCN "no resources" (§4.4.2). */
static int tunnel_fail(struct tunnel *t, int err)
{
	tunnel_stop(t, L2TP_STOPCCN_GENERAL_ERROR, L2TP_ERR_NO_RESOURCE,
		    "out of resources");
	return err;
}

/* Where to address our answer to a message from a peer not yet known. */
static void tunnel_learn_peer(struct tunnel *t, const struct l2tp_msg *m)
{
	struct engine *eng = t->eng;

	if (t->peer_tid || !m || !l2tp_msg_has(m, L2TP_AVP_ASSIGNED_TUNNEL_ID))
		return;
	t->peer_tid = m->tunnel_id;
	chan_set_peer_tid(t->ch, t->peer_tid);
	/* The client follows the address and port the server answers from. */
	if (t->follow && eng->rx_from &&
	    !eng->tp->ops->connect(t->sock, eng->rx_from)) {
		t->peer = *eng->rx_from;
		t->follow = false;
	}
}

static int tunnel_dp_create(struct tunnel *t)
{
	struct engine *eng = t->eng;
	struct dataplane_tunnel d = {
		.tid = t->tid, .peer_tid = t->peer_tid,
		.fd = eng->tp->ops->fd(t->sock),
		.local = &t->local, .peer = &t->peer,
	};
	int err = eng->dp->tunnel_create(eng->dp_ctx, &d);

	if (err) {
		eng->stats.dataplane_errors++;
		log_warnx("tunnel %u: data plane: %s", t->tid,
			  l2tp_strerror(err));
		return err;
	}
	t->dp = true;
	return 0;
}

static int act_send_sccrq(void *obj, void *ctx)
{
	struct tunnel *t = obj;
	struct engine *eng = t->eng;
	struct l2tp_msg *m = &eng->tx;
	int err;

	l2tp_msg_init(m, L2TP_MSG_SCCRQ);
	err = tunnel_put_hello_avps(t, m);
	if (err)
		return err;
	if (t->send_tie) {
		m->tie_breaker = t->tie_breaker;
		l2tp_msg_set(m, L2TP_AVP_TIE_BREAKER);
	}
	err = tunnel_send(t, 0, 0);
	if (err)
		return err;
	/* While we wait for the SCCRP, a peer's SCCRQ meets the tie breaker. */
	htab_insert(&eng->ties, &t->tie_node,
		    transport_addr_hash(&t->peer, false));
	t->in_ties = true;
	return 0;
}

static int act_send_sccrp(void *obj, void *ctx)
{
	struct tunnel *t = obj;
	const struct tunnel_ev *ev = ctx;
	struct l2tp_msg *m = &t->eng->tx;
	uint8_t resp[L2TP_CHAL_RESP_LEN];
	int err;

	err = tunnel_store_info(t, ev->m);
	if (err)
		return tunnel_fail(t, err);
	l2tp_msg_init(m, L2TP_MSG_SCCRP);
	err = tunnel_put_hello_avps(t, m);
	if (!err)
		err = tunnel_put_response(t, ev->m, L2TP_MSG_SCCRP, resp);
	if (err)
		return tunnel_fail(t, err);
	return tunnel_send(t, 0, 0);
}

static int act_sccrp_ok(void *obj, void *ctx)
{
	struct tunnel *t = obj;
	const struct tunnel_ev *ev = ctx;
	uint8_t resp[L2TP_CHAL_RESP_LEN];
	int err;

	tunnel_learn_peer(t, ev->m);
	err = tunnel_store_info(t, ev->m);
	if (!err)
		err = tunnel_dp_create(t);
	if (err)
		return tunnel_fail(t, err);
	l2tp_msg_init(&t->eng->tx, L2TP_MSG_SCCCN);
	err = tunnel_put_response(t, ev->m, L2TP_MSG_SCCCN, resp);
	if (err)
		return tunnel_fail(t, err);
	return tunnel_send(t, 0, 0);
}

static int act_scccn_ok(void *obj, void *ctx)
{
	struct tunnel *t = obj;
	int err = tunnel_dp_create(t);

	return err ? tunnel_fail(t, err) : 0;
}

static int act_send_stopccn(void *obj, void *ctx)
{
	struct tunnel *t = obj;
	const struct tunnel_ev *ev = ctx;

	tunnel_learn_peer(t, ev->m);
	return tunnel_stop(t, ev->result, ev->error, ev->text);
}

/* §5.7: the peer's StopCCN; what we had in flight is moot. */
static int act_rx_stopccn(void *obj, void *ctx)
{
	struct tunnel *t = obj;
	const struct tunnel_ev *ev = ctx;

	t->down_result = ev->m->result.result;
	t->down_error = ev->m->result.error;
	t->down_by_peer = true;
	t->hold_ms = t->eng->cfg.hold_ms;
	chan_close(t->ch, true);
	return 0;
}

static int act_send_hello(void *obj, void *ctx)
{
	struct tunnel *t = obj;

	l2tp_msg_init(&t->eng->tx, L2TP_MSG_HELLO);
	/* Liveness is not to wait behind a queue of call set-ups. */
	return tunnel_send(t, 0, CHAN_SEND_URGENT);
}

/* No StopCCN and nothing to acknowledge later: gone at once. */
static int act_quiet_end(void *obj, void *ctx)
{
	struct tunnel *t = obj;

	t->hold_ms = 0;
	chan_close(t->ch, true);
	if (t->torn_down)
		timer_arm(t->timer, 0);
	return 0;
}

#define R(s, e, a, n) { TUNNEL_##s, TEV_##e, a, TUNNEL_##n }

/*
 * RFC 2661 §7.2.1, control connection states. "Clean up" is the move to
 * closing: sessions cleared, the data plane's tunnel deleted, then the
 * state is kept hold_ms to acknowledge retransmissions (§5.7) and freed.
 * How ours differs from the RFC's table:
 *  - a message naming a tunnel id we do not know (the RFC's idle rows for
 *    SCCRP and SCCCN) is dropped in engine_input(): without state there
 *    is no channel to answer on reliably, and answering unauthenticated
 *    datagrams would reflect floods;
 *  - "Receive SCCRQ, lose tie-breaker" reaches the listener, not this
 *    tunnel: engine.c raises tie-breaker-lost here and hands the peer's
 *    SCCRQ to a new tunnel in idle ("re-queue SCCRQ for idle state");
 *  - "Local open request" on an established tunnel is a call placed on
 *    it (session.c);
 *  - added: admin close and unreachable (§5.8 retries exhausted) in every
 *    state, a half-open timeout, keepalive HELLO (§6.5), rx-error for a
 *    malformed message (§4.1) or one without a row (result 7, FSM error);
 *    closing before the SCCRP sends no StopCCN: the peer has not given us
 *    a tunnel id to address it to.
 */
static const struct fsm_row tunnel_rows[] = {
	R(IDLE, OPEN, act_send_sccrq, WAIT_CTL_REPLY),
	R(IDLE, RX_SCCRQ_OK, act_send_sccrp, WAIT_CTL_CONN),
	R(IDLE, RX_SCCRQ_BAD, act_send_stopccn, CLOSING),
	R(IDLE, RX_ERROR, act_send_stopccn, CLOSING),
	R(WAIT_CTL_REPLY, RX_SCCRP_OK, act_sccrp_ok, ESTABLISHED),
	R(WAIT_CTL_REPLY, RX_SCCRP_BAD, act_send_stopccn, CLOSING),
	R(WAIT_CTL_REPLY, TIE_LOST, act_quiet_end, CLOSING),
	R(WAIT_CTL_REPLY, RX_SCCCN, act_send_stopccn, CLOSING),
	R(WAIT_CTL_REPLY, RX_STOPCCN, act_rx_stopccn, CLOSING),
	R(WAIT_CTL_REPLY, RX_ERROR, act_send_stopccn, CLOSING),
	R(WAIT_CTL_REPLY, CLOSE, act_quiet_end, CLOSING),
	R(WAIT_CTL_REPLY, UNREACHABLE, act_quiet_end, CLOSING),
	R(WAIT_CTL_CONN, RX_SCCCN_OK, act_scccn_ok, ESTABLISHED),
	R(WAIT_CTL_CONN, RX_SCCCN_BAD, act_send_stopccn, CLOSING),
	R(WAIT_CTL_CONN, RX_SCCRQ, act_send_stopccn, CLOSING),
	R(WAIT_CTL_CONN, RX_SCCRP, act_send_stopccn, CLOSING),
	R(WAIT_CTL_CONN, RX_STOPCCN, act_rx_stopccn, CLOSING),
	R(WAIT_CTL_CONN, RX_ERROR, act_send_stopccn, CLOSING),
	R(WAIT_CTL_CONN, CLOSE, act_send_stopccn, CLOSING),
	R(WAIT_CTL_CONN, HALF_OPEN_TIMEOUT, act_send_stopccn, CLOSING),
	R(WAIT_CTL_CONN, UNREACHABLE, act_quiet_end, CLOSING),
	R(ESTABLISHED, RX_SCCRQ, act_send_stopccn, CLOSING),
	R(ESTABLISHED, RX_SCCRP, act_send_stopccn, CLOSING),
	R(ESTABLISHED, RX_SCCCN, act_send_stopccn, CLOSING),
	R(ESTABLISHED, RX_STOPCCN, act_rx_stopccn, CLOSING),
	R(ESTABLISHED, RX_HELLO, NULL, ESTABLISHED),
	R(ESTABLISHED, RX_CALL, NULL, ESTABLISHED),
	R(ESTABLISHED, RX_ERROR, act_send_stopccn, CLOSING),
	R(ESTABLISHED, KEEPALIVE, act_send_hello, ESTABLISHED),
	R(ESTABLISHED, CLOSE, act_send_stopccn, CLOSING),
	R(ESTABLISHED, UNREACHABLE, act_quiet_end, CLOSING),
	R(CLOSING, UNREACHABLE, act_quiet_end, CLOSING),
	R(CLOSING, HOLD_EXPIRED, NULL, CLOSING),
};

#undef R

const struct fsm_table tunnel_fsm = {
	.name = "tunnel",
	.rows = tunnel_rows,
	.nrows = sizeof(tunnel_rows) / sizeof(tunnel_rows[0]),
	.states = tunnel_state_names,
	.nstates = TUNNEL_NSTATES,
	.events = tunnel_event_names,
	.nevents = TEV_COUNT,
	.fail_state = TUNNEL_CLOSING,
};

static bool tunnel_event_is_rx(uint8_t event)
{
	return event >= TEV_RX_SCCRQ_OK && event <= TEV_RX_CALL;
}

static void tunnel_event(struct tunnel *t, uint8_t event,
			 struct tunnel_ev *ev)
{
	struct engine *eng = t->eng;
	uint8_t before = t->state;
	int err;

	err = fsm_run(&tunnel_fsm, eng->hits[ENGINE_FSM_TUNNEL], &t->state,
		      event, t, ev, t->tid, 0);
	if (err == -ENOENT && tunnel_event_is_rx(event)) {
		engine_drop(eng, &t->peer, t->tid, 0, "%s in state %s",
			    tunnel_event_names[event],
			    tunnel_state_names[t->state]);
		ev->result = L2TP_STOPCCN_FSM_ERROR;
		ev->error = L2TP_ERR_NONE;
		ev->text = "unexpected message";
		err = fsm_run(&tunnel_fsm, eng->hits[ENGINE_FSM_TUNNEL],
			      &t->state, TEV_RX_ERROR, t, ev, t->tid, 0);
	}
	if (err == -ENOENT)
		log_warnx("tunnel %u: %s in state %s ignored", t->tid,
			  tunnel_event_names[event],
			  tunnel_state_names[t->state]);
	tunnel_settle(t, before, ev);
}

/* The tunnel is up: keepalive, waiting calls, the upper layer. */
static void tunnel_established(struct tunnel *t)
{
	struct engine *eng = t->eng;
	struct session *s;

	if (t->in_ties) {
		htab_remove(&eng->ties, &t->tie_node);
		t->in_ties = false;
	}
	if (t->half_open) {
		t->half_open = false;
		eng->n_half_open--;
	}
	eng->stats.tunnels_up++;
	if (t->keepalive_ms)
		timer_arm(t->timer, t->keepalive_ms);
	else
		timer_cancel(t->timer);
	while (t->state == TUNNEL_ESTABLISHED && (s = LIST_FIRST(&t->waiting)))
		session_tunnel_open(s);
	if (t->state != TUNNEL_ESTABLISHED)
		return;
	t->known = true;
	if (eng->ops->tunnel_up)
		eng->ops->tunnel_up(eng->arg, t);
}

/* "Clean up": every session, the data plane, then the hold. */
static void tunnel_teardown(struct tunnel *t, const struct tunnel_ev *ev)
{
	struct engine *eng = t->eng;
	struct engine_result why = {
		.result = t->down_result, .error = t->down_error,
		.by_peer = t->down_by_peer,
		.message = ev && !t->down_by_peer ? ev->text : NULL,
	};
	struct session *s;
	int err;

	t->torn_down = true;
	eng->n_tunnels--;
	if (t->in_ties) {
		htab_remove(&eng->ties, &t->tie_node);
		t->in_ties = false;
	}
	while ((s = LIST_FIRST(&t->waiting)) || (s = LIST_FIRST(&t->sessions)))
		session_tunnel_down(s);
	if (t->dp) {
		t->dp = false;
		err = eng->dp->tunnel_delete(eng->dp_ctx, t->tid);
		if (err) {
			eng->stats.dataplane_errors++;
			log_warnx("tunnel %u: data plane delete: %s", t->tid,
				  l2tp_strerror(err));
		}
	}
	timer_arm(t->timer, t->hold_ms);
	if (why.by_peer && ev && ev->m)
		why.peer_message = ev->m->result.message;
	if (t->known && eng->ops->tunnel_down) {
		t->known = false;
		eng->ops->tunnel_down(eng->arg, t, &why);
	}
	t->known = false;
}

static void tunnel_settle(struct tunnel *t, uint8_t before,
			  const struct tunnel_ev *ev)
{
	if (t->state == TUNNEL_CLOSING) {
		if (!t->torn_down)
			tunnel_teardown(t, ev);
		return;
	}
	if (t->state == before)
		return;
	if (t->state == TUNNEL_WAIT_CTL_CONN)
		timer_arm(t->timer, t->eng->cfg.half_open_ms);
	else if (t->state == TUNNEL_ESTABLISHED)
		tunnel_established(t);
}

/* How each tunnel message becomes an event (see the top of this file). */
static const struct {
	uint8_t ok, bad, plain;
	bool (*check)(struct tunnel *t, struct tunnel_ev *ev);
} tunnel_msg_events[] = {
	[L2TP_MSG_SCCRQ] = { TEV_RX_SCCRQ_OK, TEV_RX_SCCRQ_BAD, TEV_RX_SCCRQ,
			     tunnel_check_sccrq },
	[L2TP_MSG_SCCRP] = { TEV_RX_SCCRP_OK, TEV_RX_SCCRP_BAD, TEV_RX_SCCRP,
			     tunnel_check_sccrp },
	[L2TP_MSG_SCCCN] = { TEV_RX_SCCCN_OK, TEV_RX_SCCCN_BAD, TEV_RX_SCCCN,
			     tunnel_check_scccn },
	[L2TP_MSG_STOPCCN] = { 0, 0, TEV_RX_STOPCCN, NULL },
	[L2TP_MSG_HELLO] = { 0, 0, TEV_RX_HELLO, NULL },
};

static void tunnel_rx(struct tunnel *t, const struct l2tp_msg *m)
{
	struct tunnel_ev ev = { .m = m };
	uint8_t event;

	event = tunnel_msg_events[m->type].plain;
	if (tunnel_msg_events[m->type].check &&
	    fsm_has_row(&tunnel_fsm, t->state, tunnel_msg_events[m->type].ok))
		event = tunnel_msg_events[m->type].check(t, &ev) ?
			tunnel_msg_events[m->type].ok :
			tunnel_msg_events[m->type].bad;
	tunnel_event(t, event, &ev);
}

/* §4.1: a malformed tunnel message ends the tunnel, a session one the call. */
static void tunnel_rx_error(struct tunnel *t, const struct l2tp_hdr *h,
			    const struct l2tp_decode_err *de)
{
	struct engine *eng = t->eng;
	struct tunnel_ev ev = {
		.m = &eng->rx, .result = de->result, .error = de->error,
		.text = l2tp_strerror(de->code),
	};

	eng->stats.rx_malformed++;
	engine_drop(eng, &t->peer, t->tid, h->session_id,
		    "malformed %s: %s (AVP %u)", l2tp_msg_name(de->msg_type),
		    l2tp_strerror(de->code), de->avp_type);
	/* §4.4.1: an unknown message type without the M bit is ignored. */
	if (!de->result)
		return;
	if (!de->session) {
		tunnel_event(t, TEV_RX_ERROR, &ev);
		return;
	}
	ev.m = NULL;
	tunnel_event(t, TEV_RX_CALL, &ev);
	if (t->state == TUNNEL_ESTABLISHED)
		session_rx_error(t, h, &eng->rx, de);
}

/* chan's deliver: one new message, in order, exactly once. */
static void tunnel_deliver(void *arg, const struct l2tp_hdr *h,
			   const uint8_t *pkt, size_t len)
{
	struct tunnel *t = arg;
	struct engine *eng = t->eng;
	struct l2tp_msg *m = &eng->rx;
	struct l2tp_decode_err de;
	struct tunnel_ev ev = { .m = m };

	if (l2tp_msg_decode(m, pkt + h->payload_off, h->payload_len,
			    tunnel_secret(t), &de)) {
		tunnel_rx_error(t, h, &de);
		return;
	}
	if (!l2tp_msg_desc(m->type)->session) {
		tunnel_rx(t, m);
		return;
	}
	tunnel_event(t, TEV_RX_CALL, &ev);
	if (t->state == TUNNEL_ESTABLISHED)
		session_rx(t, h, m);
}

static int tunnel_chan_send(void *arg, const uint8_t *pkt, size_t len)
{
	struct tunnel *t = arg;

	return t->eng->tp->ops->send(t->sock, pkt, len);
}

/* §5.8: retries exhausted; the tunnel and its sessions are cleared. */
static void tunnel_chan_unreachable(void *arg)
{
	struct tunnel *t = arg;
	struct tunnel_ev ev = { .text = "peer unreachable" };

	if (!t->torn_down) {
		t->down_result = 0;
		t->down_error = 0;
		t->down_by_peer = false;
	}
	tunnel_event(t, TEV_UNREACHABLE, &ev);
}

static const struct chan_ops tunnel_chan_ops = {
	.send = tunnel_chan_send,
	.deliver = tunnel_deliver,
	.unreachable = tunnel_chan_unreachable,
};

/* §6.5: a HELLO after keepalive_ms without a message from the peer. */
static void tunnel_keepalive(struct tunnel *t)
{
	uint64_t now = loop_now_ms(t->eng->loop);
	uint64_t quiet = now - chan_last_rx_ms(t->ch);

	if (quiet < t->keepalive_ms) {
		timer_arm(t->timer, t->keepalive_ms - quiet);
		return;
	}
	tunnel_event(t, TEV_KEEPALIVE, &(struct tunnel_ev){ 0 });
	if (t->state == TUNNEL_ESTABLISHED)
		timer_arm(t->timer, t->keepalive_ms);
}

static void tunnel_timer(void *arg)
{
	struct tunnel *t = arg;
	struct tunnel_ev ev = {
		.result = L2TP_STOPCCN_GENERAL, .text = "no SCCCN in time",
	};

	switch (t->state) {
	case TUNNEL_WAIT_CTL_CONN:
		tunnel_event(t, TEV_HALF_OPEN_TIMEOUT, &ev);
		break;
	case TUNNEL_ESTABLISHED:
		tunnel_keepalive(t);
		break;
	case TUNNEL_CLOSING:
		tunnel_event(t, TEV_HOLD_EXPIRED, &ev);
		tunnel_free(t);
		break;
	default:
		break;
	}
}

/* The parts both roles share; t is in eng's tables once this returns. */
static struct tunnel *tunnel_alloc(struct engine *eng,
				   const struct engine_peer *p)
{
	struct tunnel *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->eng = eng;
	LIST_INIT(&t->waiting);
	LIST_INIT(&t->sessions);
	t->timer = timer_new(eng->loop, tunnel_timer, t);
	t->ch = chan_new(eng->loop, &eng->cfg.chan, &tunnel_chan_ops, t);
	if (p->secret_len) {
		t->secret.data = malloc(p->secret_len);
		if (t->secret.data) {
			memcpy((uint8_t *)t->secret.data, p->secret,
			       p->secret_len);
			t->secret.len = p->secret_len;
		}
	}
	if (!t->timer || !t->ch || (p->secret_len && !t->secret.len) ||
	    engine_alloc_tid(eng, &t->tid)) {
		chan_free(t->ch);
		timer_free(t->timer);
		free((void *)t->secret.data);
		free(t);
		return NULL;
	}
	t->hide = p->hide && t->secret.len;
	t->keepalive_ms = p->keepalive_s * 1000u;
	t->hold_ms = eng->cfg.hold_ms;
	htab_insert(&eng->tunnels, &t->id_node, engine_tid_hash(t->tid));
	LIST_INSERT_HEAD(&eng->all, t, link);
	eng->n_tunnels++;
	eng->stats.tunnels_opened++;
	return t;
}

static int tunnel_open_sock(struct tunnel *t,
			    const struct transport_addr *local, bool connect)
{
	struct transport *tp = t->eng->tp;
	int err;

	err = tp->ops->open(tp, local, &t->peer, connect, t, &t->sock);
	if (err)
		return err;
	tp->ops->local_addr(t->sock, &t->local);
	return 0;
}

struct tunnel *tunnel_open(struct engine *eng,
			   const struct engine_tunnel_params *p)
{
	struct tunnel *t = tunnel_alloc(eng, &p->p);
	int err;

	if (!t) {
		errno = ENOMEM;
		return NULL;
	}
	t->peer = p->peer;
	t->follow = true;
	t->user = p->user;
	if (p->tie_breaker) {
		t->send_tie = true;
		if (engine_random(eng, &t->tie_breaker, sizeof(t->tie_breaker)))
			t->send_tie = false;
	}
	err = tunnel_open_sock(t, &p->local, false);
	if (err) {
		tunnel_free(t);
		errno = -err;
		return NULL;
	}
	tunnel_event(t, TEV_OPEN, &(struct tunnel_ev){ 0 });
	if (t->state != TUNNEL_WAIT_CTL_REPLY) {
		/* Nothing went out: the caller hears of it here, not later. */
		errno = EIO;
		return NULL;
	}
	t->known = true;
	return t;
}

struct tunnel *tunnel_accept(struct engine *eng,
			     const struct transport_addr *local,
			     const struct transport_addr *from,
			     uint16_t peer_tid, const struct engine_peer *p,
			     int refused)
{
	struct tunnel *t = tunnel_alloc(eng, p);
	int err;

	if (!t) {
		errno = ENOMEM;
		return NULL;
	}
	t->server = true;
	t->half_open = true;
	eng->n_half_open++;
	t->refused = refused;
	t->peer = *from;
	t->peer_tid = peer_tid;
	chan_set_peer_tid(t->ch, peer_tid);
	htab_insert(&eng->peers, &t->peer_node,
		    engine_peer_hash(from, peer_tid));
	t->in_peers = true;
	err = tunnel_open_sock(t, local, true);
	if (err) {
		tunnel_free(t);
		errno = -err;
		return NULL;
	}
	return t;
}

void tunnel_input(struct tunnel *t, const struct l2tp_hdr *h,
		  const uint8_t *pkt, size_t len)
{
	struct engine *eng = t->eng;
	int err;

	/* A server tunnel also gets its peer's SCCRQ again (tunnel id 0). */
	if (h->tunnel_id != t->tid && (h->tunnel_id || !t->server)) {
		eng->stats.rx_unknown_tunnel++;
		engine_drop(eng, eng->rx_from, h->tunnel_id, h->session_id,
			    "tunnel id mismatch (ours %u)", t->tid);
		return;
	}
	err = chan_input(t->ch, h, pkt, len);
	if (err)
		engine_drop(eng, eng->rx_from, h->tunnel_id, h->session_id,
			    "not taken: %s", l2tp_strerror(err));
}

int tunnel_close(struct tunnel *t, uint16_t result, uint16_t error,
		 const char *message)
{
	struct tunnel_ev ev = {
		.result = result ? result : L2TP_STOPCCN_GENERAL,
		.error = error, .text = message,
	};

	if (t->state == TUNNEL_CLOSING)
		return -EALREADY;
	tunnel_event(t, TEV_CLOSE, &ev);
	return 0;
}

void tunnel_lose_tie(struct tunnel *t, struct tunnel *heir)
{
	struct tunnel_ev ev = { .text = "tie breaker lost" };
	struct session *s;

	t->eng->stats.ties_lost++;
	if (heir) {
		heir->user = t->user;
		while ((s = LIST_FIRST(&t->waiting)) && !session_move(s, heir))
			;
	}
	t->down_result = 0;
	t->down_error = 0;
	tunnel_event(t, TEV_TIE_LOST, &ev);
}

void tunnel_free(struct tunnel *t)
{
	struct engine *eng = t->eng;

	if (!t->torn_down) {
		t->state = TUNNEL_CLOSING;
		t->down_result = 0;
		tunnel_teardown(t, NULL);
	}
	htab_remove(&eng->tunnels, &t->id_node);
	if (t->in_peers)
		htab_remove(&eng->peers, &t->peer_node);
	if (t->half_open)
		eng->n_half_open--;
	LIST_REMOVE(t, link);
	chan_free(t->ch);
	timer_free(t->timer);
	if (t->sock)
		eng->tp->ops->close(t->sock);
	free(t->info.host_name);
	free(t->info.vendor_name);
	free((void *)t->secret.data);
	eng->stats.tunnels_freed++;
	free(t);
}

uint16_t tunnel_id(const struct tunnel *t)
{
	return t->tid;
}

uint16_t tunnel_peer_id(const struct tunnel *t)
{
	return t->peer_tid;
}

const struct transport_addr *tunnel_peer_addr(const struct tunnel *t)
{
	return &t->peer;
}

const struct transport_addr *tunnel_local_addr(const struct tunnel *t)
{
	return &t->local;
}

const char *tunnel_state_name(const struct tunnel *t)
{
	return tunnel_state_names[t->state];
}

bool tunnel_is_up(const struct tunnel *t)
{
	return t->state == TUNNEL_ESTABLISHED;
}

bool tunnel_is_server(const struct tunnel *t)
{
	return t->server;
}

const struct tunnel_peer_info *tunnel_peer_info(const struct tunnel *t)
{
	return &t->info;
}

const struct chan_stats *tunnel_chan_stats(const struct tunnel *t)
{
	return chan_stats(t->ch);
}

unsigned int tunnel_session_count(const struct tunnel *t)
{
	return t->n_sessions;
}

void *tunnel_user(const struct tunnel *t)
{
	return t->user;
}

void tunnel_set_user(struct tunnel *t, void *user)
{
	t->user = user;
}
