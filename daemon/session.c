// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Calls (RFC 2661 §7.4, §7.5): four state machines over one set of states
 * and events.
 *
 * As for tunnels (tunnel.c), a request or reply that the state expects is
 * classified "acceptable" or "not acceptable" before the table acts:
 * limits and the upper layer's call_offered for ICRQ/OCRQ, a usable
 * Assigned Session ID for ICRP/OCRP, a known framing for ICCN. A message
 * without a row becomes rx-error, answered with CDN.
 *
 * "Clean up" is reaching idle: session_settle() then deletes the data
 * plane's session, tells the upper layer and frees the session. Callbacks
 * run there, after the state changed, and last.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "err.h"
#include "session.h"
#include "tunnel.h"

enum session_event {
	SEV_OPEN,		/* a call placed locally */
	SEV_TUNNEL_OPEN,
	SEV_CLOSE,		/* local close, bearer drop or failure */
	SEV_ANSWER,		/* bearer answer (LAC outgoing) */
	SEV_TUNNEL_DOWN,
	SEV_RX_ICRQ_OK,
	SEV_RX_ICRQ_BAD,
	SEV_RX_ICRQ,
	SEV_RX_ICRQ_LATER,	/* acceptable, answered later (call_offered) */
	SEV_RX_ICRP_OK,
	SEV_RX_ICRP_BAD,
	SEV_RX_ICRP,
	SEV_RX_ICCN_OK,
	SEV_RX_ICCN_BAD,
	SEV_RX_ICCN,
	SEV_RX_OCRQ_OK,
	SEV_RX_OCRQ_BAD,
	SEV_RX_OCRQ,
	SEV_RX_OCRP_OK,
	SEV_RX_OCRP_BAD,
	SEV_RX_OCRP,
	SEV_RX_OCCN,
	SEV_RX_CDN,
	SEV_RX_WEN,
	SEV_RX_SLI,
	SEV_RX_ERROR,		/* malformed, or no row for the message */
	SEV_COUNT,
};

static const char *const session_state_names[SESSION_NSTATES] = {
	"idle", "wait-tunnel", "wait-reply", "wait-connect",
	"wait-cs-answer", "established",
};

static const char *const session_event_names[SEV_COUNT] = {
	"open", "tunnel-open", "close", "bearer answer", "tunnel down",
	"ICRQ acceptable", "ICRQ not acceptable", "ICRQ", "ICRQ for later",
	"ICRP acceptable", "ICRP not acceptable", "ICRP",
	"ICCN acceptable", "ICCN not acceptable", "ICCN",
	"OCRQ acceptable", "OCRQ not acceptable", "OCRQ",
	"OCRP acceptable", "OCRP not acceptable", "OCRP",
	"OCCN", "CDN", "WEN", "SLI", "rx-error",
};

static const char *const session_kind_names[SESSION_NKINDS] = {
	"LAC incoming", "LNS incoming", "LAC outgoing", "LNS outgoing",
};

/* The parameters of a call we place, kept until its request is sent. */
struct session_req {
	uint32_t bearer_type;
	uint32_t min_bps;
	uint32_t max_bps;
	const char *calling;	/* into data[], or NULL */
	const char *called;
	const char *sub;
	char data[];
};

/* What an event carries: the message, and the why of a CDN. */
struct session_ev {
	const struct l2tp_msg *m;
	struct engine_result why;
	uint8_t notify;		/* SLI or WEN to pass up once settled */
	bool later;		/* call_offered: ENGINE_CALL_LATER */
};

static struct engine *session_eng(const struct session *s)
{
	return s->t->eng;
}

static int session_send(struct session *s)
{
	return tunnel_send(s->t, s->peer_sid, 0);
}

/* The peer's Assigned Session ID, if we did not know it yet. */
static void session_learn_peer(struct session *s, const struct l2tp_msg *m)
{
	if (!s->peer_sid && m && l2tp_msg_has(m, L2TP_AVP_ASSIGNED_SESSION_ID))
		s->peer_sid = m->session_id;
}

static void put_string(struct l2tp_msg *m, uint16_t type,
		       struct l2tp_bytes *field, const char *s)
{
	if (!s)
		return;
	*field = l2tp_bytes_str(s);
	l2tp_msg_set(m, type);
}

/* Assigned Session ID and Call Serial Number: every request has them. */
static struct l2tp_msg *session_msg(struct session *s, uint16_t type)
{
	struct l2tp_msg *m = &session_eng(s)->tx;

	l2tp_msg_init(m, type);
	m->session_id = s->sid;
	l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
	return m;
}

static int act_send_icrq(void *obj, void *ctx)
{
	struct session *s = obj;
	const struct session_req *r = s->req;
	struct l2tp_msg *m = session_msg(s, L2TP_MSG_ICRQ);

	m->call_serial = s->serial;
	l2tp_msg_set(m, L2TP_AVP_CALL_SERIAL_NUMBER);
	if (r->bearer_type) {
		m->bearer_type = r->bearer_type;
		l2tp_msg_set(m, L2TP_AVP_BEARER_TYPE);
	}
	put_string(m, L2TP_AVP_CALLING_NUMBER, &m->calling_number, r->calling);
	put_string(m, L2TP_AVP_CALLED_NUMBER, &m->called_number, r->called);
	put_string(m, L2TP_AVP_SUB_ADDRESS, &m->sub_address, r->sub);
	/* Header session id 0: the peer has not assigned one yet (§6.6). */
	return session_send(s);
}

static int act_send_ocrq(void *obj, void *ctx)
{
	struct session *s = obj;
	const struct session_req *r = s->req;
	struct l2tp_msg *m = session_msg(s, L2TP_MSG_OCRQ);

	m->call_serial = s->serial;
	l2tp_msg_set(m, L2TP_AVP_CALL_SERIAL_NUMBER);
	m->min_bps = r->min_bps;
	l2tp_msg_set(m, L2TP_AVP_MIN_BPS);
	m->max_bps = r->max_bps;
	l2tp_msg_set(m, L2TP_AVP_MAX_BPS);
	m->bearer_type = r->bearer_type;
	l2tp_msg_set(m, L2TP_AVP_BEARER_TYPE);
	m->framing_type = s->framing_type;
	l2tp_msg_set(m, L2TP_AVP_FRAMING_TYPE);
	put_string(m, L2TP_AVP_CALLED_NUMBER, &m->called_number,
		   r->called ? r->called : "");
	put_string(m, L2TP_AVP_SUB_ADDRESS, &m->sub_address, r->sub);
	return session_send(s);
}

static int send_reply(struct session *s, const struct session_ev *ev,
		      uint16_t type)
{
	session_learn_peer(s, ev->m);
	session_msg(s, type);
	return session_send(s);
}

static int act_send_icrp(void *obj, void *ctx)
{
	return send_reply(obj, ctx, L2TP_MSG_ICRP);
}

static int act_send_ocrp(void *obj, void *ctx)
{
	return send_reply(obj, ctx, L2TP_MSG_OCRP);
}

/* An ICRQ the upper layer answers later: whom to answer, for now. */
static int act_hold_icrq(void *obj, void *ctx)
{
	const struct session_ev *ev = ctx;

	session_learn_peer(obj, ev->m);
	return 0;
}

/* ... and its answer (engine_call_answered()). */
static int act_send_held_icrp(void *obj, void *ctx)
{
	struct session *s = obj;

	session_msg(s, L2TP_MSG_ICRP);
	return session_send(s);
}

static int send_cdn(struct session *s, const struct engine_result *why)
{
	struct l2tp_msg *m = session_msg(s, L2TP_MSG_CDN);

	m->result.result = why->result ? why->result : L2TP_CDN_GENERAL_ERROR;
	m->result.has_error = why->error || why->message;
	m->result.error = why->error;
	if (why->message)
		m->result.message = l2tp_bytes_str(why->message);
	l2tp_msg_set(m, L2TP_AVP_RESULT_CODE);
	if (why->q931) {
		m->q931 = *why->q931;
		l2tp_msg_set(m, L2TP_AVP_Q931_CAUSE);
	}
	if (why->ppp) {
		m->ppp_disc = *why->ppp;
		l2tp_msg_set(m, L2TP_AVP_PPP_DISCONNECT_CAUSE);
	}
	return session_send(s);
}

static int act_send_cdn(void *obj, void *ctx)
{
	struct session *s = obj;
	struct session_ev *ev = ctx;

	session_learn_peer(s, ev->m);
	ev->why.by_peer = false;
	return send_cdn(s, &ev->why);
}

/* An action could not do its part: CDN "no resources" (§4.4.2). */
static int session_fail(struct session *s, struct session_ev *ev, int err)
{
	ev->why = (struct engine_result){
		.result = L2TP_CDN_GENERAL_ERROR,
		.error = L2TP_ERR_NO_RESOURCE, .message = "out of resources",
	};
	send_cdn(s, &ev->why);
	return err;
}

static int session_dp_create(struct session *s)
{
	struct engine *eng = session_eng(s);
	struct dataplane_session d = {
		.tid = s->t->tid, .sid = s->sid,
		.peer_tid = s->t->peer_tid, .peer_sid = s->peer_sid,
		.lns = s->kind == SESSION_LNS_IC || s->kind == SESSION_LNS_OC,
		.seq = s->seq,
	};
	int err = eng->dp->session_create(eng->dp_ctx, &d);

	if (err) {
		eng->stats.dataplane_errors++;
		log_warnx("session %u/%u: data plane: %s", s->t->tid, s->sid,
			  l2tp_strerror(err));
		return err;
	}
	s->dp = true;
	return 0;
}

/* ICCN and OCCN describe the connected call (§6.9, §6.10). */
static void session_store_connect(struct session *s, const struct l2tp_msg *m)
{
	s->tx_speed = m->tx_speed;
	s->framing_type = m->framing_type;
	if (l2tp_msg_has(m, L2TP_AVP_RX_CONNECT_SPEED))
		s->rx_speed = m->rx_speed;
	s->seq = l2tp_msg_has(m, L2TP_AVP_SEQUENCING_REQUIRED);
}

/* Our ICCN or OCCN: the data plane first, so that a failure is a CDN. */
static int session_connect(struct session *s, struct session_ev *ev,
			   uint16_t type)
{
	struct l2tp_msg *m;
	int err = session_dp_create(s);

	if (err)
		return session_fail(s, ev, err);
	m = &session_eng(s)->tx;
	l2tp_msg_init(m, type);
	m->tx_speed = s->tx_speed;
	l2tp_msg_set(m, L2TP_AVP_TX_CONNECT_SPEED);
	m->framing_type = s->framing_type;
	l2tp_msg_set(m, L2TP_AVP_FRAMING_TYPE);
	if (s->rx_speed) {
		m->rx_speed = s->rx_speed;
		l2tp_msg_set(m, L2TP_AVP_RX_CONNECT_SPEED);
	}
	if (s->seq)
		l2tp_msg_set(m, L2TP_AVP_SEQUENCING_REQUIRED);
	return session_send(s);
}

static int act_icrp_ok(void *obj, void *ctx)
{
	struct session *s = obj;
	struct session_ev *ev = ctx;

	s->peer_sid = ev->m->session_id;
	return session_connect(s, ev, L2TP_MSG_ICCN);
}

static int act_answer(void *obj, void *ctx)
{
	return session_connect(obj, ctx, L2TP_MSG_OCCN);
}

/* The LNS learns the call is up (ICCN, OCCN): the data plane follows. */
static int act_connected(void *obj, void *ctx)
{
	struct session *s = obj;
	struct session_ev *ev = ctx;
	int err;

	session_store_connect(s, ev->m);
	err = session_dp_create(s);
	return err ? session_fail(s, ev, err) : 0;
}

static int act_ocrp_ok(void *obj, void *ctx)
{
	struct session *s = obj;
	const struct session_ev *ev = ctx;

	s->peer_sid = ev->m->session_id;
	return 0;
}

static int act_rx_cdn(void *obj, void *ctx)
{
	struct session_ev *ev = ctx;
	const struct l2tp_msg *m = ev->m;

	ev->why = (struct engine_result){
		.result = m->result.result, .error = m->result.error,
		.peer_message = m->result.message, .by_peer = true,
		.ppp = l2tp_msg_has(m, L2TP_AVP_PPP_DISCONNECT_CAUSE) ?
		       &m->ppp_disc : NULL,
		.q931 = l2tp_msg_has(m, L2TP_AVP_Q931_CAUSE) ? &m->q931 : NULL,
	};
	return 0;
}

/* SLI and WEN (§6.13, §6.14) are passed up once the state is settled. */
static int act_notify(void *obj, void *ctx)
{
	struct session_ev *ev = ctx;

	ev->notify = ev->m->type;
	return 0;
}

#define R(s, e, a, n) { SESSION_##s, SEV_##e, a, SESSION_##n }

/*
 * RFC 2661 §7.4.1, LAC incoming call states. The RFC's idle rows for
 * ICCN, ICRP and CDN are about a session id we do not know: "clean up" is
 * then nothing to do, and session_rx() drops the message. Added here and
 * in the other tables: tunnel down (the tunnel was cleared, §7.2.1: no
 * CDN), SLI and WEN accepted once established (§6.13, §6.14), rx-error
 * (a malformed message, §4.1, or one without a row: CDN).
 */
static const struct fsm_row lac_ic_rows[] = {
	R(IDLE, OPEN, NULL, WAIT_TUNNEL),
	R(WAIT_TUNNEL, TUNNEL_OPEN, act_send_icrq, WAIT_REPLY),
	R(WAIT_TUNNEL, CLOSE, NULL, IDLE),
	R(WAIT_TUNNEL, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_REPLY, RX_ICRP_OK, act_icrp_ok, ESTABLISHED),
	R(WAIT_REPLY, RX_ICRP_BAD, act_send_cdn, IDLE),
	R(WAIT_REPLY, RX_ICRQ, act_send_cdn, IDLE),
	R(WAIT_REPLY, RX_ICCN, NULL, IDLE),
	R(WAIT_REPLY, RX_CDN, act_rx_cdn, IDLE),
	R(WAIT_REPLY, CLOSE, act_send_cdn, IDLE),
	R(WAIT_REPLY, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_REPLY, RX_ERROR, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_CDN, act_rx_cdn, IDLE),
	R(ESTABLISHED, RX_ICRQ, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_ICRP, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_ICCN, act_send_cdn, IDLE),
	R(ESTABLISHED, CLOSE, act_send_cdn, IDLE),
	R(ESTABLISHED, TUNNEL_DOWN, NULL, IDLE),
	R(ESTABLISHED, RX_SLI, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_WEN, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_ERROR, act_send_cdn, IDLE),
};

/*
 * RFC 2661 §7.4.2, LNS incoming call states. An ICRQ always makes a new
 * session in idle; the idle rows for ICRP and ICCN (a session id we do
 * not know) are drops in session_rx().
 */
static const struct fsm_row lns_ic_rows[] = {
	R(IDLE, RX_ICRQ_OK, act_send_icrp, WAIT_CONNECT),
	R(IDLE, RX_ICRQ_BAD, act_send_cdn, IDLE),
	/*
	 * Ours: a call the upper layer takes but answers later (it admits
	 * so many calls at a time); the peer waits for the ICRP meanwhile.
	 */
	R(IDLE, RX_ICRQ_LATER, act_hold_icrq, WAIT_CS_ANSWER),
	R(WAIT_CS_ANSWER, ANSWER, act_send_held_icrp, WAIT_CONNECT),
	R(WAIT_CS_ANSWER, CLOSE, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_ICRQ, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_ICRP, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_ICCN, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_CDN, act_rx_cdn, IDLE),
	R(WAIT_CS_ANSWER, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_CS_ANSWER, RX_ERROR, act_send_cdn, IDLE),
	R(WAIT_CONNECT, RX_ICCN_OK, act_connected, ESTABLISHED),
	R(WAIT_CONNECT, RX_ICCN_BAD, act_send_cdn, IDLE),
	R(WAIT_CONNECT, RX_ICRQ, act_send_cdn, IDLE),
	R(WAIT_CONNECT, RX_ICRP, act_send_cdn, IDLE),
	R(WAIT_CONNECT, RX_CDN, act_rx_cdn, IDLE),
	R(WAIT_CONNECT, CLOSE, act_send_cdn, IDLE),
	R(WAIT_CONNECT, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_CONNECT, RX_ERROR, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_CDN, act_rx_cdn, IDLE),
	R(ESTABLISHED, RX_ICRQ, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_ICRP, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_ICCN, act_send_cdn, IDLE),
	R(ESTABLISHED, CLOSE, act_send_cdn, IDLE),
	R(ESTABLISHED, TUNNEL_DOWN, NULL, IDLE),
	R(ESTABLISHED, RX_SLI, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_WEN, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_ERROR, act_send_cdn, IDLE),
};

/*
 * RFC 2661 §7.5.1, LAC outgoing call states. "Open bearer" is the upper
 * layer's, told by call_offered; engine_call_answered() is "bearer
 * answer", engine_session_close() "bearer failure".
 */
static const struct fsm_row lac_oc_rows[] = {
	R(IDLE, RX_OCRQ_OK, act_send_ocrp, WAIT_CS_ANSWER),
	R(IDLE, RX_OCRQ_BAD, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, ANSWER, act_answer, ESTABLISHED),
	R(WAIT_CS_ANSWER, CLOSE, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_OCRQ, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_OCRP, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_OCCN, act_send_cdn, IDLE),
	R(WAIT_CS_ANSWER, RX_CDN, act_rx_cdn, IDLE),
	R(WAIT_CS_ANSWER, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_CS_ANSWER, RX_ERROR, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_OCRQ, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_OCRP, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_OCCN, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_CDN, act_rx_cdn, IDLE),
	R(ESTABLISHED, CLOSE, act_send_cdn, IDLE),
	R(ESTABLISHED, TUNNEL_DOWN, NULL, IDLE),
	R(ESTABLISHED, RX_SLI, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_WEN, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_ERROR, act_send_cdn, IDLE),
};

/* RFC 2661 §7.5.2, LNS outgoing call states. */
static const struct fsm_row lns_oc_rows[] = {
	R(IDLE, OPEN, NULL, WAIT_TUNNEL),
	R(WAIT_TUNNEL, TUNNEL_OPEN, act_send_ocrq, WAIT_REPLY),
	R(WAIT_TUNNEL, CLOSE, NULL, IDLE),
	R(WAIT_TUNNEL, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_REPLY, RX_OCRP_OK, act_ocrp_ok, WAIT_CONNECT),
	R(WAIT_REPLY, RX_OCRP_BAD, act_send_cdn, IDLE),
	R(WAIT_REPLY, RX_OCCN, act_send_cdn, IDLE),
	R(WAIT_REPLY, RX_OCRQ, act_send_cdn, IDLE),
	R(WAIT_REPLY, RX_CDN, act_rx_cdn, IDLE),
	R(WAIT_REPLY, CLOSE, act_send_cdn, IDLE),
	R(WAIT_REPLY, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_REPLY, RX_ERROR, act_send_cdn, IDLE),
	R(WAIT_CONNECT, RX_OCCN, act_connected, ESTABLISHED),
	R(WAIT_CONNECT, RX_OCRQ, act_send_cdn, IDLE),
	R(WAIT_CONNECT, RX_OCRP, act_send_cdn, IDLE),
	R(WAIT_CONNECT, RX_CDN, act_rx_cdn, IDLE),
	R(WAIT_CONNECT, CLOSE, act_send_cdn, IDLE),
	R(WAIT_CONNECT, TUNNEL_DOWN, NULL, IDLE),
	R(WAIT_CONNECT, RX_ERROR, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_OCRQ, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_OCRP, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_OCCN, act_send_cdn, IDLE),
	R(ESTABLISHED, RX_CDN, act_rx_cdn, IDLE),
	R(ESTABLISHED, CLOSE, act_send_cdn, IDLE),
	R(ESTABLISHED, TUNNEL_DOWN, NULL, IDLE),
	R(ESTABLISHED, RX_SLI, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_WEN, act_notify, ESTABLISHED),
	R(ESTABLISHED, RX_ERROR, act_send_cdn, IDLE),
};

#undef R

#define TABLE(nm, rows_) {						\
	.name = nm, .rows = rows_,					\
	.nrows = sizeof(rows_) / sizeof(rows_[0]),			\
	.states = session_state_names, .nstates = SESSION_NSTATES,	\
	.events = session_event_names, .nevents = SEV_COUNT,		\
	.fail_state = SESSION_IDLE,					\
}

const struct fsm_table session_fsm[SESSION_NKINDS] = {
	[SESSION_LAC_IC] = TABLE("LAC-IC call", lac_ic_rows),
	[SESSION_LNS_IC] = TABLE("LNS-IC call", lns_ic_rows),
	[SESSION_LAC_OC] = TABLE("LAC-OC call", lac_oc_rows),
	[SESSION_LNS_OC] = TABLE("LNS-OC call", lns_oc_rows),
};

#undef TABLE

/* "Clean up": the data plane, the tables, the upper layer, the memory. */
static void session_finish(struct session *s, const struct session_ev *ev)
{
	struct tunnel *t = s->t;
	struct engine *eng = t->eng;
	int err;

	s->dying = true;
	if (s->dp) {
		s->dp = false;
		err = eng->dp->session_delete(eng->dp_ctx, t->tid, s->sid);
		if (err) {
			eng->stats.dataplane_errors++;
			log_warnx("session %u/%u: data plane delete: %s",
				  t->tid, s->sid, l2tp_strerror(err));
		}
	}
	htab_remove(&eng->sessions, &s->node);
	LIST_REMOVE(s, link);
	t->n_sessions--;
	eng->n_sessions--;
	eng->stats.sessions_freed++;
	if (s->known && eng->ops->session_down)
		eng->ops->session_down(eng->arg, s, &ev->why);
	free(s->req);
	free(s);
}

static void session_settle(struct session *s, uint8_t before,
			   const struct session_ev *ev)
{
	struct engine *eng = session_eng(s);

	if (s->state == SESSION_IDLE) {
		session_finish(s, ev);
		return;
	}
	if (s->state == SESSION_ESTABLISHED && before != SESSION_ESTABLISHED) {
		eng->stats.sessions_up++;
		if (eng->ops->session_up)
			eng->ops->session_up(eng->arg, s);
		return;
	}
	if (ev->notify == L2TP_MSG_SLI && eng->ops->link_info)
		eng->ops->link_info(eng->arg, s, &ev->m->accm);
	else if (ev->notify == L2TP_MSG_WEN && eng->ops->wan_error)
		eng->ops->wan_error(eng->arg, s, &ev->m->call_errors);
}

static bool session_event_is_rx(uint8_t event)
{
	return event >= SEV_RX_ICRQ_OK && event < SEV_RX_ERROR;
}

/* Runs event; s may be gone when this returns. -ENOENT: no row. */
static int session_event(struct session *s, uint8_t event,
			 struct session_ev *ev)
{
	struct engine *eng = session_eng(s);
	const struct fsm_table *tbl = &session_fsm[s->kind];
	uint32_t *hits = eng->hits[ENGINE_FSM_TUNNEL + 1 + s->kind];
	uint16_t tid = s->t->tid;
	uint8_t before = s->state;
	int err;

	err = fsm_run(tbl, hits, &s->state, event, s, ev, tid, s->sid);
	if (err == -ENOENT && session_event_is_rx(event)) {
		engine_drop(eng, &s->t->peer, tid, s->sid, "%s in %s state %s",
			    session_event_names[event], tbl->name,
			    session_state_names[s->state]);
		ev->why = (struct engine_result){
			.result = L2TP_CDN_GENERAL_ERROR,
			.message = "unexpected message",
		};
		err = fsm_run(tbl, hits, &s->state, SEV_RX_ERROR, s, ev, tid,
			      s->sid);
	}
	if (err == -ENOENT)
		return err;
	session_settle(s, before, ev);
	return err;
}

static struct session *session_alloc(struct tunnel *t, uint8_t kind)
{
	struct engine *eng = t->eng;
	struct session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	if (engine_alloc_sid(eng, t->tid, &s->sid)) {
		free(s);
		return NULL;
	}
	s->t = t;
	s->kind = kind;
	s->state = SESSION_IDLE;
	htab_insert(&eng->sessions, &s->node, engine_sid_hash(t->tid, s->sid));
	/* Calls we place wait for the tunnel; offered ones never do. */
	if (kind == SESSION_LAC_IC || kind == SESSION_LNS_OC)
		LIST_INSERT_HEAD(&t->waiting, s, link);
	else
		LIST_INSERT_HEAD(&t->sessions, s, link);
	t->n_sessions++;
	eng->n_sessions++;
	eng->stats.sessions_opened++;
	return s;
}

/* Limits count s itself, which is already allocated. */
static bool session_over_limit(const struct session *s)
{
	const struct engine *eng = session_eng(s);

	return (eng->cfg.max_sessions &&
		eng->n_sessions > eng->cfg.max_sessions) ||
	       (eng->cfg.max_sessions_per_tunnel &&
		s->t->n_sessions > eng->cfg.max_sessions_per_tunnel);
}

static bool check_fail(struct session_ev *ev, uint16_t result, uint16_t error,
		       const char *text)
{
	ev->why = (struct engine_result){
		.result = result, .error = error, .message = text,
	};
	return false;
}

/* ICRQ at the LNS, OCRQ at the LAC: limits, then the upper layer. */
static bool check_offer(struct session *s, struct session_ev *ev)
{
	struct engine *eng = session_eng(s);
	const struct l2tp_msg *m = ev->m;
	int result;

	if (!m->session_id)
		return check_fail(ev, L2TP_CDN_GENERAL_ERROR,
				  L2TP_ERR_BAD_VALUE, "Assigned Session ID 0");
	if (session_over_limit(s))
		return check_fail(ev, L2TP_CDN_NO_RESOURCES_TEMP,
				  L2TP_ERR_NO_RESOURCE, "session limit");
	if (m->type == L2TP_MSG_OCRQ) {
		s->framing_type = m->framing_type;
		s->tx_speed = m->max_bps;
	}
	result = eng->ops->call_offered ?
		 eng->ops->call_offered(eng->arg, s, m) : 0;
	ev->later = result == ENGINE_CALL_LATER && m->type == L2TP_MSG_ICRQ;
	if (result && !ev->later)
		return check_fail(ev, (uint16_t)result, 0, "call refused");
	s->known = true;
	return true;
}

/* ICRP, OCRP: an id the data plane and our CDNs can address. */
static bool check_reply(struct session *s, struct session_ev *ev)
{
	if (ev->m->session_id)
		return true;
	return check_fail(ev, L2TP_CDN_GENERAL_ERROR, L2TP_ERR_BAD_VALUE,
			  "Assigned Session ID 0");
}

/* ICCN: a framing we know (§4.4.5 Framing Type). */
static bool check_connect(struct session *s, struct session_ev *ev)
{
	if (ev->m->framing_type & (L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC))
		return true;
	return check_fail(ev, L2TP_CDN_BAD_FRAMING, 0, "unknown framing");
}

static const struct {
	uint8_t ok, bad, plain;
	bool (*check)(struct session *s, struct session_ev *ev);
} session_msg_events[L2TP_MSG_MAX + 1] = {
	[L2TP_MSG_ICRQ] = { SEV_RX_ICRQ_OK, SEV_RX_ICRQ_BAD, SEV_RX_ICRQ,
			    check_offer },
	[L2TP_MSG_ICRP] = { SEV_RX_ICRP_OK, SEV_RX_ICRP_BAD, SEV_RX_ICRP,
			    check_reply },
	[L2TP_MSG_ICCN] = { SEV_RX_ICCN_OK, SEV_RX_ICCN_BAD, SEV_RX_ICCN,
			    check_connect },
	[L2TP_MSG_OCRQ] = { SEV_RX_OCRQ_OK, SEV_RX_OCRQ_BAD, SEV_RX_OCRQ,
			    check_offer },
	[L2TP_MSG_OCRP] = { SEV_RX_OCRP_OK, SEV_RX_OCRP_BAD, SEV_RX_OCRP,
			    check_reply },
	[L2TP_MSG_OCCN] = { 0, 0, SEV_RX_OCCN, NULL },
	[L2TP_MSG_CDN] = { 0, 0, SEV_RX_CDN, NULL },
	[L2TP_MSG_WEN] = { 0, 0, SEV_RX_WEN, NULL },
	[L2TP_MSG_SLI] = { 0, 0, SEV_RX_SLI, NULL },
};

static uint8_t session_classify(struct session *s, struct session_ev *ev)
{
	uint16_t type = ev->m->type;

	if (session_msg_events[type].check &&
	    fsm_has_row(&session_fsm[s->kind], s->state,
			session_msg_events[type].ok))
		return !session_msg_events[type].check(s, ev) ?
		       session_msg_events[type].bad :
		       ev->later ? SEV_RX_ICRQ_LATER :
		       session_msg_events[type].ok;
	return session_msg_events[type].plain;
}

/* A new call offered by the peer (header session id 0). */
static void session_offered(struct tunnel *t, uint8_t kind,
			    const struct l2tp_msg *m, struct session_ev *ev,
			    bool malformed)
{
	struct session *s = session_alloc(t, kind);

	if (!s) {
		engine_drop(t->eng, &t->peer, t->tid, 0, "%s: no session id",
			    l2tp_msg_name(m->type));
		return;
	}
	if (malformed) {
		session_learn_peer(s, m);
		session_event(s, kind == SESSION_LNS_IC ? SEV_RX_ICRQ_BAD :
			      SEV_RX_OCRQ_BAD, ev);
		return;
	}
	session_event(s, session_classify(s, ev), ev);
}

static struct session *session_lookup(struct tunnel *t,
				      const struct l2tp_hdr *h, uint16_t type)
{
	struct engine *eng = t->eng;
	struct session *s = engine_session_find(eng, t->tid, h->session_id);

	if (s)
		return s;
	/* The RFC's idle rows: "clean up", nothing to answer. */
	eng->stats.rx_unknown_session++;
	engine_drop(eng, &t->peer, t->tid, h->session_id, "%s for no session",
		    l2tp_msg_name(type));
	return NULL;
}

void session_rx(struct tunnel *t, const struct l2tp_hdr *h,
		const struct l2tp_msg *m)
{
	struct session_ev ev = { .m = m };
	struct session *s;

	if (!h->session_id && m->type == L2TP_MSG_ICRQ) {
		session_offered(t, SESSION_LNS_IC, m, &ev, false);
		return;
	}
	if (!h->session_id && m->type == L2TP_MSG_OCRQ) {
		session_offered(t, SESSION_LAC_OC, m, &ev, false);
		return;
	}
	s = session_lookup(t, h, m->type);
	if (s)
		session_event(s, session_classify(s, &ev), &ev);
}

void session_rx_error(struct tunnel *t, const struct l2tp_hdr *h,
		      const struct l2tp_msg *m,
		      const struct l2tp_decode_err *de)
{
	struct session_ev ev = {
		.m = m,
		.why = { .result = de->result, .error = de->error,
			 .message = l2tp_strerror(de->code) },
	};
	struct session *s;

	if (!h->session_id && de->msg_type == L2TP_MSG_ICRQ) {
		session_offered(t, SESSION_LNS_IC, m, &ev, true);
		return;
	}
	if (!h->session_id && de->msg_type == L2TP_MSG_OCRQ) {
		session_offered(t, SESSION_LAC_OC, m, &ev, true);
		return;
	}
	s = session_lookup(t, h, de->msg_type);
	if (s)
		session_event(s, SEV_RX_ERROR, &ev);
}

static struct session_req *session_req_new(const struct engine_call *c)
{
	size_t n1 = c->calling_number ? strlen(c->calling_number) + 1 : 0;
	size_t n2 = c->called_number ? strlen(c->called_number) + 1 : 0;
	size_t n3 = c->sub_address ? strlen(c->sub_address) + 1 : 0;
	struct session_req *r = calloc(1, sizeof(*r) + n1 + n2 + n3);

	if (!r)
		return NULL;
	r->bearer_type = c->bearer_type;
	r->min_bps = c->min_bps;
	r->max_bps = c->max_bps;
	if (n1)
		r->calling = memcpy(r->data, c->calling_number, n1);
	if (n2)
		r->called = memcpy(r->data + n1, c->called_number, n2);
	if (n3)
		r->sub = memcpy(r->data + n1 + n2, c->sub_address, n3);
	return r;
}

/* 100 Mbit/s: what a call without a physical line reports (xl2tpd too). */
#define SESSION_DEFAULT_SPEED	100000000u

struct session *session_place(struct tunnel *t, uint8_t kind,
			      const struct engine_call *c)
{
	struct engine *eng = t->eng;
	struct session_ev ev = { 0 };
	struct session *s;

	if (t->state == TUNNEL_CLOSING) {
		errno = EPIPE;
		return NULL;
	}
	if ((eng->cfg.max_sessions &&
	     eng->n_sessions >= eng->cfg.max_sessions) ||
	    (eng->cfg.max_sessions_per_tunnel &&
	     t->n_sessions >= eng->cfg.max_sessions_per_tunnel)) {
		errno = ENOSPC;
		return NULL;
	}
	s = session_alloc(t, kind);
	if (s)
		s->req = session_req_new(c);
	if (!s || !s->req) {
		if (s)
			session_finish(s, &ev);
		errno = ENOMEM;
		return NULL;
	}
	s->user = c->user;
	s->serial = ++eng->call_serial;
	s->framing_type = c->framing_type ? c->framing_type : L2TP_FRAMING_SYNC;
	s->tx_speed = c->tx_speed ? c->tx_speed : SESSION_DEFAULT_SPEED;
	s->rx_speed = c->rx_speed;
	s->seq = c->seq_required;
	session_event(s, SEV_OPEN, &ev);
	if (t->state == TUNNEL_ESTABLISHED) {
		LIST_REMOVE(s, link);
		LIST_INSERT_HEAD(&t->sessions, s, link);
		if (session_event(s, SEV_TUNNEL_OPEN, &ev)) {
			/* Freed, unknown to the upper layer: no callback. */
			errno = EIO;
			return NULL;
		}
		free(s->req);
		s->req = NULL;
	}
	s->known = true;
	return s;
}

void session_tunnel_open(struct session *s)
{
	struct session_ev ev = { 0 };
	struct tunnel *t = s->t;

	LIST_REMOVE(s, link);
	LIST_INSERT_HEAD(&t->sessions, s, link);
	if (!session_event(s, SEV_TUNNEL_OPEN, &ev)) {
		free(s->req);
		s->req = NULL;
	}
}

void session_tunnel_down(struct session *s)
{
	struct tunnel *t = s->t;
	struct session_ev ev = {
		.why = { .result = t->down_result, .error = t->down_error,
			 .by_peer = t->down_by_peer, .tunnel = true },
	};

	/* Every state but idle has the row; progress is guaranteed anyway. */
	if (session_event(s, SEV_TUNNEL_DOWN, &ev) == -ENOENT)
		session_finish(s, &ev);
}

int session_close(struct session *s, const struct engine_result *why)
{
	struct session_ev ev = { .why = *why };

	if (s->dying)
		return -EALREADY;
	ev.why.result = why->result ? why->result : L2TP_CDN_ADMIN;
	return session_event(s, SEV_CLOSE, &ev) == -ENOENT ? -EINVAL : 0;
}

int session_answer(struct session *s)
{
	struct session_ev ev = { 0 };

	if (s->dying)
		return -EALREADY;
	return session_event(s, SEV_ANSWER, &ev) == -ENOENT ? -EINVAL : 0;
}

int session_move(struct session *s, struct tunnel *to)
{
	struct engine *eng = to->eng;
	uint16_t sid;

	if (engine_alloc_sid(eng, to->tid, &sid))
		return -ENOSPC;
	htab_remove(&eng->sessions, &s->node);
	LIST_REMOVE(s, link);
	s->t->n_sessions--;
	s->t = to;
	s->sid = sid;
	htab_insert(&eng->sessions, &s->node, engine_sid_hash(to->tid, sid));
	LIST_INSERT_HEAD(&to->waiting, s, link);
	to->n_sessions++;
	return 0;
}

uint16_t session_id(const struct session *s)
{
	return s->sid;
}

uint16_t session_peer_id(const struct session *s)
{
	return s->peer_sid;
}

struct tunnel *session_tunnel(const struct session *s)
{
	return s->t;
}

const char *session_state_name(const struct session *s)
{
	return session_state_names[s->state];
}

const char *session_kind_name(const struct session *s)
{
	return session_kind_names[s->kind];
}

bool session_is_up(const struct session *s)
{
	return s->state == SESSION_ESTABLISHED;
}

uint32_t session_serial(const struct session *s)
{
	return s->serial;
}

void *session_user(const struct session *s)
{
	return s->user;
}

void session_set_user(struct session *s, void *user)
{
	s->user = user;
}
