// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Calls (RFC 2661 §7.4, §7.5) against the probe peer: what the engine
 * sends for each kind of call, CDN with result, error and RFC 3145 cause,
 * SLI and WEN, limits, data plane failures, StopCCN taking every call
 * down, re-entrant callbacks; outgoing calls between two engines; and the
 * row walker for the four call tables.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "sample.h"
#include "suites.h"
#include "test_engine.h"

#define PEER_SID	0x5151

static bool is(const char *a, const char *b)
{
	return !strcmp(a, b);
}

static struct probe *lac_probe(struct tunnel **t, bool up)
{
	struct engine_tunnel_params params = { 0 };
	struct engine_cfg cfg;
	struct probe *p;

	test_engine_cfg(&cfg);
	p = probe_new(&cfg);
	*t = probe_engine_client(p, &params);
	if (up)
		probe_answer_sccrq(p);
	return p;
}

static void send_call(struct probe *p, uint16_t type, uint16_t sid)
{
	struct l2tp_msg m;

	probe_msg(p, &m, type);
	probe_send(p, &m, sid);
}

/* A session message without one of its required AVPs (§4.1: CDN). */
static void send_without(struct probe *p, uint16_t type, uint16_t sid,
			 uint16_t avp)
{
	uint8_t pkt[512], out[512];
	struct l2tp_msg m;
	struct wbuf w;

	probe_msg(p, &m, type);
	wbuf_init(&w, pkt, sizeof(pkt));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, p->eng_tid, sid, p->ns, p->nr,
					 NULL, 0), 0);
	p->ns++;
	probe_send_raw(p, out, sample_strip_avp(pkt, w.len, avp, out), false);
}

struct swalk {
	struct probe *p;
	const char *kind, *state, *event, *next;
	struct session *s;
	uint16_t sid;
};

/* The call under test, in the state its row starts from. */
static void swalk_place(struct swalk *w)
{
	struct engine_call c = { .called_number = "42" };
	struct tunnel *t = probe_tunnel(w->p);

	w->s = is(w->kind, "LAC-IC call") ? engine_call_incoming(t, &c) :
	       engine_call_outgoing(t, &c);
	ck_assert_ptr_nonnull(w->s);
	w->sid = session_id(w->s);
}

static void swalk_offer(struct swalk *w, uint16_t type, uint16_t reply)
{
	send_call(w->p, type, 0);
	probe_expect(w->p, reply);
	w->sid = w->p->m.session_id;
	w->s = engine_session_find(w->p->eng, w->p->eng_tid, w->sid);
}

static void swalk_setup(struct swalk *w)
{
	struct tunnel *t;
	struct probe *p = w->p = lac_probe(&t, false);

	if (is(w->state, "wait-tunnel"))
		swalk_place(w);
	if (is(w->state, "wait-tunnel") ||
	    (is(w->state, "idle") && is(w->event, "open")))
		return;
	probe_answer_sccrq(p);
	if (is(w->state, "idle"))
		return;
	if (is(w->kind, "LAC-IC call") || is(w->kind, "LNS-OC call")) {
		swalk_place(w);
		probe_expect(p, is(w->kind, "LAC-IC call") ? L2TP_MSG_ICRQ :
			     L2TP_MSG_OCRQ);
	} else if (is(w->kind, "LNS-IC call") &&
		   is(w->state, "wait-cs-answer")) {
		/* A call taken for later: only the ack of its ICRQ. */
		p->app.refuse_calls = ENGINE_CALL_LATER;
		send_call(p, L2TP_MSG_ICRQ, 0);
		p->app.refuse_calls = 0;
		probe_flush(p);
		w->s = p->app.last_offered;
		w->sid = session_id(w->s);
	} else if (is(w->kind, "LNS-IC call")) {
		swalk_offer(w, L2TP_MSG_ICRQ, L2TP_MSG_ICRP);
	} else {
		swalk_offer(w, L2TP_MSG_OCRQ, L2TP_MSG_OCRP);
	}
	if (is(w->kind, "LNS-OC call") && !is(w->state, "wait-reply")) {
		send_call(p, L2TP_MSG_OCRP, w->sid);
		if (is(w->state, "established"))
			send_call(p, L2TP_MSG_OCCN, w->sid);
	} else if (is(w->state, "established")) {
		if (is(w->kind, "LAC-IC call"))
			send_call(p, L2TP_MSG_ICRP, w->sid);
		else if (is(w->kind, "LNS-IC call"))
			send_call(p, L2TP_MSG_ICCN, w->sid);
		else
			ck_assert_int_eq(engine_call_answered(w->s), 0);
		probe_flush(p);
	}
	ck_assert_str_eq(session_state_name(w->s), w->state);
}

static const struct {
	const char *name;
	uint16_t type;
} swalk_msgs[] = {
	{ "ICRQ", L2TP_MSG_ICRQ }, { "ICRP", L2TP_MSG_ICRP },
	{ "ICCN", L2TP_MSG_ICCN }, { "OCRQ", L2TP_MSG_OCRQ },
	{ "OCRP", L2TP_MSG_OCRP }, { "OCCN", L2TP_MSG_OCCN },
	{ "CDN", L2TP_MSG_CDN }, { "WEN", L2TP_MSG_WEN },
	{ "SLI", L2TP_MSG_SLI },
};

/* A message event: "X", "X acceptable" or "X not acceptable". */
static bool swalk_fire_msg(struct swalk *w)
{
	size_t n, i;
	struct l2tp_msg m;
	bool offer;

	for (i = 0; i < sizeof(swalk_msgs) / sizeof(swalk_msgs[0]); i++) {
		n = strlen(swalk_msgs[i].name);
		if (strncmp(w->event, swalk_msgs[i].name, n) ||
		    (w->event[n] && w->event[n] != ' '))
			continue;
		probe_msg(w->p, &m, swalk_msgs[i].type);
		/* Not acceptable: no usable id, or no framing we know. */
		if (strstr(w->event, "not acceptable")) {
			m.session_id = 0;
			m.framing_type = 0;
		}
		offer = w->event[n] && (m.type == L2TP_MSG_ICRQ ||
					m.type == L2TP_MSG_OCRQ);
		probe_send(w->p, &m, offer ? 0 : w->sid);
		return true;
	}
	return false;
}

static void swalk_fire(struct swalk *w)
{
	struct probe *p = w->p;

	if (is(w->event, "open")) {
		swalk_place(w);
	} else if (is(w->event, "tunnel-open")) {
		probe_answer_sccrq(p);
	} else if (is(w->event, "close")) {
		ck_assert_int_eq(engine_session_close(w->s, NULL), 0);
	} else if (is(w->event, "bearer answer")) {
		ck_assert_int_eq(engine_call_answered(w->s), 0);
	} else if (is(w->event, "ICRQ for later")) {
		w->p->app.refuse_calls = ENGINE_CALL_LATER;
		send_call(w->p, L2TP_MSG_ICRQ, 0);
		w->p->app.refuse_calls = 0;
		w->s = w->p->app.last_offered;
		w->sid = session_id(w->s);
	} else if (is(w->event, "tunnel down")) {
		send_call(p, L2TP_MSG_STOPCCN, 0);
	} else if (is(w->event, "rx-error")) {
		send_without(p, L2TP_MSG_CDN, w->sid, L2TP_AVP_RESULT_CODE);
	} else {
		ck_assert_msg(swalk_fire_msg(w), "no way to fire %s", w->event);
	}
}

/* What the engine sends for the row: the RFC's action column. */
static int swalk_expect(const struct swalk *w)
{
	static const struct { const char *event; uint16_t type; } sends[] = {
		{ "ICRQ acceptable", L2TP_MSG_ICRP },
		{ "ICRP acceptable", L2TP_MSG_ICCN },
		{ "OCRQ acceptable", L2TP_MSG_OCRP },
		{ "bearer answer", L2TP_MSG_OCCN },
	};

	/* An LNS's held call: its ICRP at the answer, nothing before. */
	if (is(w->event, "bearer answer") && is(w->kind, "LNS-IC call"))
		return L2TP_MSG_ICRP;
	if (is(w->event, "ICRQ for later"))
		return -1;
	unsigned int i;

	if (is(w->event, "tunnel-open"))
		return is(w->kind, "LAC-IC call") ? L2TP_MSG_ICRQ :
		       L2TP_MSG_OCRQ;
	for (i = 0; i < sizeof(sends) / sizeof(sends[0]); i++)
		if (is(w->event, sends[i].event))
			return sends[i].type;
	/* Clean up without a CDN: §7.4.1 "wait-reply, Receive ICCN" too. */
	if (!is(w->next, "idle") || is(w->event, "CDN") ||
	    is(w->event, "tunnel down") || is(w->state, "wait-tunnel") ||
	    (is(w->kind, "LAC-IC call") && is(w->state, "wait-reply") &&
	     is(w->event, "ICCN")))
		return -1;
	return L2TP_MSG_CDN;
}

void session_walk_row(unsigned int table, unsigned int row, uint32_t **hits)
{
	const struct fsm_table *tbl = engine_fsm_table(table);
	const struct fsm_row *r = &tbl->rows[row];
	struct swalk w = {
		.kind = tbl->name, .state = tbl->states[r->state],
		.event = tbl->events[r->event], .next = tbl->states[r->next],
	};
	struct session *s;
	int expect, got;

	swalk_setup(&w);
	swalk_fire(&w);
	/* What waits for window space goes out once all is acked. */
	probe_ack(w.p);
	expect = swalk_expect(&w);
	got = probe_next(w.p);
	ck_assert_msg(got == expect, "%s %s --%s-->: sent %d, expected %d",
		      w.kind, w.state, w.event, got, expect);
	if (!w.sid && got >= 0)
		w.sid = w.p->m.session_id;
	ck_assert_msg(engine_fsm_hits(w.p->eng, table)[row] > 0,
		      "row %s %s --%s--> not taken", w.kind, w.state, w.event);
	s = engine_session_find(w.p->eng, w.p->eng_tid, w.sid);
	if (s)
		ck_assert_str_eq(session_state_name(s), w.next);
	else
		ck_assert_str_eq(w.next, "idle");
	test_hits_add(w.p->eng, hits);
	probe_free(w.p);
}

/* §7.4.2 as the LNS: ICRQ, ICRP, ICCN, then the peer's CDN with a cause. */
START_TEST(test_lns_incoming)
{
	static const uint8_t disc_msg[] = "peer hung up";
	struct probe *p;
	struct tunnel *t;
	struct session *s;
	struct l2tp_msg m;

	p = lac_probe(&t, true);
	probe_msg(p, &m, L2TP_MSG_ICRQ);
	m.calling_number = l2tp_bytes_str("5550100");
	l2tp_msg_set(&m, L2TP_AVP_CALLING_NUMBER);
	probe_send(p, &m, 0);
	probe_expect(p, L2TP_MSG_ICRP);
	ck_assert_uint_eq(p->h.session_id, PEER_SID);
	ck_assert_int_eq(p->app.offered, 1);
	s = p->app.last_offered;
	ck_assert_uint_eq(session_id(s), p->m.session_id);
	ck_assert_uint_eq(session_peer_id(s), PEER_SID);
	ck_assert_str_eq(session_kind_name(s), "LNS incoming");
	ck_assert_int_eq(p->dp.sessions, 0);
	probe_msg(p, &m, L2TP_MSG_ICCN);
	l2tp_msg_set(&m, L2TP_AVP_SEQUENCING_REQUIRED);
	probe_send(p, &m, session_id(s));
	ck_assert(session_is_up(s));
	ck_assert_int_eq(p->app.sessions_up, 1);
	ck_assert_int_eq(p->dp.sessions, 1);
	ck_assert_uint_eq(tunnel_session_count(t), 1);
	probe_msg(p, &m, L2TP_MSG_CDN);
	m.result.result = L2TP_CDN_LOST_CARRIER;
	m.result.has_error = true;
	m.ppp_disc.code = 3;
	m.ppp_disc.proto = 0xc021;
	m.ppp_disc.direction = 1;
	m.ppp_disc.message.ptr = disc_msg;
	m.ppp_disc.message.len = sizeof(disc_msg) - 1;
	l2tp_msg_set(&m, L2TP_AVP_PPP_DISCONNECT_CAUSE);
	probe_send(p, &m, session_id(s));
	ck_assert_int_eq(p->app.sessions_down, 1);
	ck_assert(p->app.last_session_down.by_peer);
	ck_assert_uint_eq(p->app.last_session_down.result,
			  L2TP_CDN_LOST_CARRIER);
	ck_assert(p->app.last_had_ppp);
	ck_assert_uint_eq(p->app.last_ppp.proto, 0xc021);
	ck_assert_int_eq(p->dp.sessions, 0);
	ck_assert_uint_eq(engine_session_count(p->eng), 0);
	ck_assert_int_eq(probe_next(p), -1);
	probe_free(p);
}
END_TEST

/* §7.4.1 as the LAC: ICRQ out, ICCN after ICRP, our CDN with a cause. */
START_TEST(test_lac_incoming)
{
	struct engine_call c = {
		.calling_number = "100", .called_number = "200",
		.bearer_type = L2TP_BEARER_DIGITAL, .rx_speed = 64000,
	};
	struct l2tp_ppp_disc disc = { .code = 1, .proto = 0xc021 };
	struct engine_result why = {
		.result = L2TP_CDN_ADMIN, .error = 0, .message = "bye",
		.ppp = &disc,
	};
	struct probe *p;
	struct tunnel *t;
	struct session *s;

	p = lac_probe(&t, true);
	s = engine_call_incoming(t, &c);
	ck_assert_ptr_nonnull(s);
	probe_expect(p, L2TP_MSG_ICRQ);
	ck_assert_uint_eq(p->h.session_id, 0);
	ck_assert_uint_eq(p->m.session_id, session_id(s));
	ck_assert_uint_eq(p->m.call_serial, session_serial(s));
	ck_assert_uint_eq(p->m.bearer_type, L2TP_BEARER_DIGITAL);
	ck_assert_mem_eq(p->m.calling_number.ptr, "100", 3);
	ck_assert_mem_eq(p->m.called_number.ptr, "200", 3);
	send_call(p, L2TP_MSG_ICRP, session_id(s));
	probe_expect(p, L2TP_MSG_ICCN);
	ck_assert_uint_eq(p->h.session_id, PEER_SID);
	ck_assert_uint_eq(p->m.tx_speed, 100000000);
	ck_assert_uint_eq(p->m.rx_speed, 64000);
	ck_assert_uint_eq(p->m.framing_type, L2TP_FRAMING_SYNC);
	ck_assert(session_is_up(s));
	ck_assert_int_eq(p->dp.sessions, 1);
	ck_assert_int_eq(engine_session_close(s, &why), 0);
	probe_expect(p, L2TP_MSG_CDN);
	ck_assert_uint_eq(p->m.result.result, L2TP_CDN_ADMIN);
	ck_assert_mem_eq(p->m.result.message.ptr, "bye", 3);
	ck_assert(l2tp_msg_has(&p->m, L2TP_AVP_PPP_DISCONNECT_CAUSE));
	ck_assert_uint_eq(p->m.ppp_disc.proto, 0xc021);
	ck_assert_int_eq(p->dp.sessions, 0);
	ck_assert_int_eq(p->app.sessions_down, 1);
	ck_assert(!p->app.last_session_down.by_peer);
	probe_free(p);
}
END_TEST

/* §7.5.1 and §7.5.2: outgoing calls, the engine on either side. */
START_TEST(test_outgoing)
{
	struct engine_call c = { .called_number = "5551234", .max_bps = 64000 };
	struct probe *p;
	struct tunnel *t;
	struct session *s;

	p = lac_probe(&t, true);
	if (_i == 0) {
		send_call(p, L2TP_MSG_OCRQ, 0);
		probe_expect(p, L2TP_MSG_OCRP);
		s = p->app.last_offered;
		ck_assert_str_eq(session_state_name(s), "wait-cs-answer");
		ck_assert_int_eq(engine_call_answered(s), 0);
		probe_expect(p, L2TP_MSG_OCCN);
		ck_assert_uint_eq(p->m.tx_speed, 1000000);
	} else {
		s = engine_call_outgoing(t, &c);
		probe_expect(p, L2TP_MSG_OCRQ);
		ck_assert_mem_eq(p->m.called_number.ptr, "5551234", 7);
		ck_assert_uint_eq(p->m.max_bps, 64000);
		/* Only the LAC's outgoing call is answered. */
		ck_assert_int_eq(engine_call_answered(s), -EINVAL);
		send_call(p, L2TP_MSG_OCRP, session_id(s));
		ck_assert_str_eq(session_state_name(s), "wait-connect");
		ck_assert_int_eq(probe_next(p), -1);
		send_call(p, L2TP_MSG_OCCN, session_id(s));
	}
	ck_assert(session_is_up(s));
	ck_assert_int_eq(p->dp.sessions, 1);
	ck_assert_int_eq(p->app.sessions_up, 1);
	probe_free(p);
}
END_TEST

/* SLI (§6.14) and WEN (§6.13) reach the upper layer; nothing changes. */
START_TEST(test_sli_wen)
{
	struct probe *p;
	struct tunnel *t;
	struct session *s;

	p = lac_probe(&t, true);
	send_call(p, L2TP_MSG_ICRQ, 0);
	probe_expect(p, L2TP_MSG_ICRP);
	s = p->app.last_offered;
	send_call(p, L2TP_MSG_ICCN, session_id(s));
	send_call(p, L2TP_MSG_SLI, session_id(s));
	send_call(p, L2TP_MSG_WEN, session_id(s));
	ck_assert_int_eq(p->app.link_infos, 1);
	ck_assert_uint_eq(p->app.last_accm, 0xffffffffu);
	ck_assert_int_eq(p->app.wan_errors, 1);
	ck_assert(session_is_up(s));
	ck_assert_int_eq(probe_next(p), -1);
	probe_free(p);
}
END_TEST

/* Limits, the upper layer's refusal, a malformed ICRQ: CDN, no state. */
START_TEST(test_call_refused)
{
	struct engine_cfg cfg;
	struct probe *p;
	struct tunnel *t;
	struct l2tp_msg m;

	test_engine_cfg(&cfg);
	cfg.max_sessions_per_tunnel = 1;
	p = probe_new(&cfg);
	probe_open(p);
	probe_complete(p);
	t = probe_tunnel(p);
	send_call(p, L2TP_MSG_ICRQ, 0);
	probe_expect(p, L2TP_MSG_ICRP);
	send_call(p, L2TP_MSG_ICRQ, 0);
	probe_expect(p, L2TP_MSG_CDN);
	ck_assert_uint_eq(p->m.result.result, L2TP_CDN_NO_RESOURCES_TEMP);
	ck_assert_uint_eq(p->h.session_id, PEER_SID);
	ck_assert_ptr_null(engine_call_incoming(t, &(struct engine_call){ 0 }));
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(engine_session_close(p->app.last_offered, NULL), 0);
	probe_expect(p, L2TP_MSG_CDN);
	p->app.refuse_calls = L2TP_CDN_BUSY;
	send_call(p, L2TP_MSG_ICRQ, 0);
	probe_expect(p, L2TP_MSG_CDN);
	ck_assert_uint_eq(p->m.result.result, L2TP_CDN_BUSY);
	p->app.refuse_calls = 0;
	send_without(p, L2TP_MSG_ICRQ, 0, L2TP_AVP_CALL_SERIAL_NUMBER);
	probe_expect(p, L2TP_MSG_CDN);
	ck_assert_uint_eq(p->m.result.result, L2TP_CDN_GENERAL_ERROR);
	ck_assert_uint_eq(p->m.result.error, L2TP_ERR_BAD_VALUE);
	/* A message for a session nobody has: dropped. */
	probe_msg(p, &m, L2TP_MSG_CDN);
	probe_send(p, &m, 0x1234);
	ck_assert_int_eq(probe_next(p), -1);
	ck_assert_uint_eq(engine_stats(p->eng)->rx_unknown_session, 1);
	ck_assert_uint_eq(engine_session_count(p->eng), 0);
	ck_assert_int_eq(p->app.sessions_down, 1);
	ck_assert(tunnel_is_up(t));
	probe_free(p);
}
END_TEST

/* The data plane refuses: the call ends with CDN "no resources". */
START_TEST(test_dataplane_failure)
{
	struct probe *p;
	struct tunnel *t;
	struct session *s;

	p = lac_probe(&t, true);
	p->dp.fail_session = ENOMEM;
	if (_i == 0) {
		s = engine_call_incoming(t, &(struct engine_call){ 0 });
		probe_expect(p, L2TP_MSG_ICRQ);
		send_call(p, L2TP_MSG_ICRP, session_id(s));
	} else {
		send_call(p, L2TP_MSG_ICRQ, 0);
		probe_expect(p, L2TP_MSG_ICRP);
		send_call(p, L2TP_MSG_ICCN, p->m.session_id);
	}
	probe_expect(p, L2TP_MSG_CDN);
	ck_assert_uint_eq(p->m.result.error, L2TP_ERR_NO_RESOURCE);
	ck_assert_int_eq(p->app.sessions_up, 0);
	ck_assert_int_eq(p->app.sessions_down, 1);
	ck_assert_uint_eq(engine_stats(p->eng)->dataplane_errors, 1);
	ck_assert_uint_eq(engine_session_count(p->eng), 0);
	probe_free(p);
}
END_TEST

/* The tunnel's data plane refuses: StopCCN, nothing kept. */
START_TEST(test_dataplane_tunnel_failure)
{
	struct engine_cfg cfg;
	struct probe *p;

	test_engine_cfg(&cfg);
	p = probe_new(&cfg);
	p->dp.fail_tunnel = EPERM;
	probe_open(p);
	send_call(p, L2TP_MSG_SCCCN, 0);
	probe_expect(p, L2TP_MSG_STOPCCN);
	ck_assert_uint_eq(p->m.result.error, L2TP_ERR_NO_RESOURCE);
	ck_assert_int_eq(p->app.tunnels_up, 0);
	ck_assert_str_eq(tunnel_state_name(probe_tunnel(p)), "closing");
	probe_free(p);
}
END_TEST

/* StopCCN ends every call of the tunnel, waiting ones included. */
START_TEST(test_stopccn_clears_calls)
{
	struct probe *p;
	struct tunnel *t;
	int i;

	p = lac_probe(&t, true);
	for (i = 0; i < 3; i++) {
		send_call(p, L2TP_MSG_ICRQ, 0);
		probe_expect(p, L2TP_MSG_ICRP);
		send_call(p, L2TP_MSG_ICCN, p->m.session_id);
	}
	ck_assert_ptr_nonnull(engine_call_incoming(t,
						   &(struct engine_call){ 0 }));
	ck_assert_int_eq(p->dp.sessions, 3);
	send_call(p, L2TP_MSG_STOPCCN, 0);
	ck_assert_int_eq(p->app.sessions_down, 4);
	ck_assert(p->app.last_session_down.tunnel);
	ck_assert(p->app.last_session_down.by_peer);
	ck_assert_int_eq(p->dp.sessions, 0);
	ck_assert_int_eq(p->dp.tunnels, 0);
	ck_assert_uint_eq(engine_session_count(p->eng), 0);
	ck_assert_ptr_null(engine_call_incoming(t, &(struct engine_call){ 0 }));
	ck_assert_int_eq(errno, EPIPE);
	probe_free(p);
}
END_TEST

/* Callbacks may call back: close a call from session_up. */
START_TEST(test_reentrant_close)
{
	struct probe *p;
	struct tunnel *t;

	p = lac_probe(&t, true);
	p->app.close_on_up = true;
	send_call(p, L2TP_MSG_ICRQ, 0);
	probe_expect(p, L2TP_MSG_ICRP);
	send_call(p, L2TP_MSG_ICCN, p->m.session_id);
	probe_expect(p, L2TP_MSG_CDN);
	ck_assert_uint_eq(p->m.result.result, L2TP_CDN_ADMIN);
	ck_assert_int_eq(p->app.sessions_up, 1);
	ck_assert_int_eq(p->app.sessions_down, 1);
	ck_assert_int_eq(p->dp.sessions, 0);
	probe_free(p);
}
END_TEST

static bool server_up(struct pair *p)
{
	return p->sapp.last_tunnel_up != NULL;
}

static bool oc_offered(struct pair *p)
{
	return p->capp.offered == 1;
}

static bool oc_up(struct pair *p)
{
	return p->capp.sessions_up == 1 && p->sapp.sessions_up == 1;
}

/* An LNS calls out through its LAC: two engines, both tables. */
START_TEST(test_pair_outgoing)
{
	struct pair_opts o = { .link = { .delay_ms = 3 }, .seed = 2,
			       .check_window = true };
	struct session *s;
	struct pair p;

	pair_init(&p, &o);
	pair_open(&p);
	ck_assert(pair_run(&p, server_up, 5000));
	s = engine_call_outgoing(p.sapp.last_tunnel_up,
				 &(struct engine_call){ .called_number = "1" });
	ck_assert_ptr_nonnull(s);
	ck_assert(pair_run(&p, oc_offered, 5000));
	ck_assert_int_eq(engine_call_answered(p.capp.last_offered), 0);
	ck_assert(pair_run(&p, oc_up, 5000));
	ck_assert_int_eq(p.cdp.sessions, 1);
	ck_assert_int_eq(p.sdp.sessions, 1);
	pair_free(&p);
}
END_TEST

Suite *suite_session(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("probe");

	tcase_add_test(tc, test_lns_incoming);
	tcase_add_test(tc, test_lac_incoming);
	tcase_add_loop_test(tc, test_outgoing, 0, 2);
	tcase_add_test(tc, test_sli_wen);
	tcase_add_test(tc, test_call_refused);
	tcase_add_loop_test(tc, test_dataplane_failure, 0, 2);
	tcase_add_test(tc, test_dataplane_tunnel_failure);
	tcase_add_test(tc, test_stopccn_clears_calls);
	tcase_add_test(tc, test_reentrant_close);
	tcase_add_test(tc, test_pair_outgoing);
	suite_add_tcase(s, tc);
	return s;
}
