// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Control connections (RFC 2661 §7.2.1) against the probe peer: what the
 * engine sends in each state, authentication, hidden AVPs, bad input,
 * limits, keepalive, the hold after StopCCN; the tie breaker between two
 * engines; and the row walker for the tunnel table.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "sample.h"
#include "suites.h"
#include "test_engine.h"
#include "tlog.h"

static bool is(const char *a, const char *b)
{
	return !strcmp(a, b);
}

/* A message with an unknown vendor AVP whose M bit is set (§4.1). */
static void add_unknown_m(struct l2tp_msg *m)
{
	m->vendor[0].vendor = 9;
	m->vendor[0].type = 1;
	m->vendor[0].mandatory = true;
	m->vendor[0].value = l2tp_bytes_str("x");
	m->n_vendor = 1;
}

static void send_type(struct probe *p, uint16_t type)
{
	struct l2tp_msg m;

	probe_msg(p, &m, type);
	probe_send(p, &m, 0);
}

struct walk {
	struct probe *p;
	const char *state, *event, *next;
	uint16_t tid;
};

static void walk_setup(struct walk *w)
{
	struct engine_tunnel_params params = { .tie_breaker = true };
	struct engine_cfg cfg;
	struct probe *p;

	test_engine_cfg(&cfg);
	/* The half-open timer must not beat the retries tested. */
	cfg.half_open_ms = is(w->event, "unreachable") ? 60000 : 5000;
	/* A StopCCN's retries outlast the hold only when they are fewer. */
	if (is(w->state, "closing"))
		cfg.chan.max_retries = 3;
	p = w->p = probe_new(&cfg);
	if (is(w->state, "idle"))
		return;
	if (is(w->state, "wait-ctl-reply")) {
		probe_engine_client(p, &params);
		w->tid = p->eng_tid;
		return;
	}
	if (is(w->event, "SCCCN not acceptable")) {
		p->app.peer.secret = TEST_SECRET;
		p->app.peer.secret_len = strlen(TEST_SECRET);
	}
	probe_open(p);
	w->tid = p->eng_tid;
	if (is(w->state, "wait-ctl-conn"))
		return;
	probe_complete(p);
	if (is(w->state, "established"))
		return;
	if (is(w->event, "unreachable"))
		ck_assert_int_eq(engine_tunnel_close(probe_tunnel(p), 0, 0,
						     NULL), 0);
	else
		send_type(p, L2TP_MSG_STOPCCN);
	probe_flush(p);
}

static void walk_fire_rx(struct walk *w)
{
	static const struct { const char *name; uint16_t type; } plain[] = {
		{ "SCCRQ", L2TP_MSG_SCCRQ }, { "SCCRP", L2TP_MSG_SCCRP },
		{ "SCCCN", L2TP_MSG_SCCCN }, { "StopCCN", L2TP_MSG_STOPCCN },
		{ "HELLO", L2TP_MSG_HELLO },
		{ "SCCRP acceptable", L2TP_MSG_SCCRP },
		{ "SCCCN acceptable", L2TP_MSG_SCCCN },
		/* Without the Challenge Response the engine asked for. */
		{ "SCCCN not acceptable", L2TP_MSG_SCCCN },
		{ "call message", L2TP_MSG_ICRQ },
	};
	struct probe *p = w->p;
	struct l2tp_msg m;
	unsigned int i;

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		if (is(w->event, plain[i].name)) {
			send_type(p, plain[i].type);
			return;
		}
	}
	probe_msg(p, &m, is(w->state, "idle") ||
		  is(w->event, "tie breaker lost") ? L2TP_MSG_SCCRQ :
		  is(w->event, "rx-error") ? L2TP_MSG_HELLO : L2TP_MSG_SCCRP);
	if (is(w->event, "SCCRQ not acceptable") ||
	    is(w->event, "SCCRP not acceptable"))
		m.proto_ver.ver = 2;
	else if (is(w->event, "rx-error"))
		add_unknown_m(&m);
	else if (is(w->event, "tie breaker lost")) {
		/* Lower than any the engine draws but 0: the peer wins. */
		m.tie_breaker = 0;
		l2tp_msg_set(&m, L2TP_AVP_TIE_BREAKER);
		p->nr = 0;
	} else
		ck_assert_msg(is(w->event, "SCCRQ acceptable"),
			      "no way to fire %s", w->event);
	probe_send_tid(p, &m, m.type == L2TP_MSG_SCCRQ ? 0 : p->eng_tid, 0);
}

static void walk_fire(struct walk *w)
{
	struct engine_tunnel_params params = { .peer = w->p->peer_addr };
	struct probe *p = w->p;
	struct tunnel *t = probe_tunnel(p);

	if (is(w->event, "open")) {
		t = engine_tunnel_open(p->eng, &params);
		ck_assert_ptr_nonnull(t);
		w->tid = tunnel_id(t);
	} else if (is(w->event, "close")) {
		ck_assert_int_eq(engine_tunnel_close(t, 0, 0, NULL), 0);
	} else if (is(w->event, "half-open timeout")) {
		probe_ack(p);
		simloop_advance(p->loop, 6000);
	} else if (is(w->event, "keepalive")) {
		probe_ack(p);
		simloop_advance(p->loop, 31000);
	} else if (is(w->event, "unreachable")) {
		if (is(w->state, "established")) {
			simloop_advance(p->loop, 31000);
			probe_expect(p, L2TP_MSG_HELLO);
		}
		simloop_advance(p->loop, 40000);
	} else if (is(w->event, "hold expired")) {
		simloop_advance(p->loop, 32000);
	} else {
		walk_fire_rx(w);
	}
}

/* What the engine sends for the row: the RFC's action column. */
static int walk_expect(const struct walk *w)
{
	static const struct { const char *event; uint16_t type; } sends[] = {
		{ "open", L2TP_MSG_SCCRQ },
		{ "SCCRQ acceptable", L2TP_MSG_SCCRP },
		{ "SCCRP acceptable", L2TP_MSG_SCCCN },
		{ "keepalive", L2TP_MSG_HELLO },
		{ "call message", L2TP_MSG_ICRP },
		/* Our attempt goes quietly; the peer's is answered. */
		{ "tie breaker lost", L2TP_MSG_SCCRP },
	};
	unsigned int i;

	for (i = 0; i < sizeof(sends) / sizeof(sends[0]); i++)
		if (is(w->event, sends[i].event))
			return sends[i].type;
	if (is(w->next, "closing") && !is(w->state, "closing") &&
	    !is(w->event, "StopCCN") && !is(w->event, "unreachable") &&
	    !(is(w->state, "wait-ctl-reply") && is(w->event, "close")))
		return L2TP_MSG_STOPCCN;
	return -1;
}

void tunnel_walk_row(unsigned int row, uint32_t **hits)
{
	const struct fsm_table *tbl = engine_fsm_table(0);
	const struct fsm_row *r = &tbl->rows[row];
	struct walk w = {
		.state = tbl->states[r->state], .event = tbl->events[r->event],
		.next = tbl->states[r->next],
	};
	struct tunnel *t;
	int expect, got;

	walk_setup(&w);
	walk_fire(&w);
	/* What waits for window space goes out once all is acked. */
	probe_ack(w.p);
	expect = walk_expect(&w);
	got = probe_next(w.p);
	ck_assert_msg(got == expect, "%s --%s-->: sent %d, expected %d",
		      w.state, w.event, got, expect);
	if (!w.tid && got >= 0)
		w.tid = w.p->m.tunnel_id;
	ck_assert_msg(engine_fsm_hits(w.p->eng, 0)[row] > 0,
		      "row %s --%s--> not taken", w.state, w.event);
	t = engine_tunnel_find(w.p->eng, w.tid);
	if (t)
		ck_assert_str_eq(tunnel_state_name(t), w.next);
	else
		ck_assert_str_eq(w.next, "closing");
	test_hits_add(w.p->eng, hits);
	probe_free(w.p);
}

static struct probe *server_probe(void)
{
	struct engine_cfg cfg;

	test_engine_cfg(&cfg);
	return probe_new(&cfg);
}

static void expect_stopccn(struct probe *p, uint16_t result, uint16_t error)
{
	probe_expect(p, L2TP_MSG_STOPCCN);
	ck_assert_uint_eq(p->m.result.result, result);
	ck_assert_uint_eq(p->m.result.error, error);
}

/* The server's side of a plain tunnel, from SCCRQ to the end of the hold. */
START_TEST(test_server_lifecycle)
{
	struct probe *p = server_probe();
	const struct tunnel_peer_info *info;
	struct tunnel *t;

	probe_open(p);
	ck_assert_uint_eq(p->m.host_name.len, 5);
	ck_assert_mem_eq(p->m.host_name.ptr, "l2tpd", 5);
	ck_assert_uint_eq(p->m.recv_window, CHAN_RWIN_DEFAULT);
	ck_assert_uint_eq(p->m.framing_cap,
			  L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC);
	ck_assert(l2tp_msg_has(&p->m, L2TP_AVP_VENDOR_NAME));
	ck_assert(l2tp_msg_has(&p->m, L2TP_AVP_FIRMWARE_REV));
	ck_assert(!l2tp_msg_has(&p->m, L2TP_AVP_CHALLENGE));
	ck_assert_uint_eq(p->h.tunnel_id, 0x4242);
	ck_assert_int_eq(p->dp.tunnels, 0);
	probe_complete(p);
	t = probe_tunnel(p);
	ck_assert_int_eq(p->app.tunnels_up, 1);
	ck_assert_int_eq(p->dp.tunnels, 1);
	info = tunnel_peer_info(t);
	ck_assert_str_eq(info->host_name, "probe");
	ck_assert_uint_eq(info->recv_window, 8);
	ck_assert(tunnel_is_server(t));
	/* The SCCCN is acknowledged by a ZLB after the delayed-ack time. */
	simloop_advance(p->loop, 200);
	ck_assert_int_eq(probe_next(p), -1);
	ck_assert_uint_eq(tunnel_chan_stats(t)->zlb_tx, 1);
	send_type(p, L2TP_MSG_STOPCCN);
	ck_assert_str_eq(tunnel_state_name(t), "closing");
	ck_assert_int_eq(p->app.tunnels_down, 1);
	ck_assert(p->app.last_tunnel_down.by_peer);
	ck_assert_uint_eq(p->app.last_tunnel_down.result, 1);
	ck_assert_int_eq(p->dp.tunnels, 0);
	ck_assert_uint_eq(engine_tunnel_count(p->eng), 0);
	/* §5.7: a retransmitted StopCCN is acknowledged, nothing more. */
	simloop_advance(p->loop, 5000);
	p->ns--;
	send_type(p, L2TP_MSG_STOPCCN);
	simloop_advance(p->loop, 10);
	ck_assert_uint_eq(tunnel_chan_stats(t)->dups, 1);
	ck_assert_int_eq(probe_next(p), -1);
	ck_assert_int_eq(p->app.tunnels_down, 1);
	simloop_advance(p->loop, 25000);
	ck_assert_ptr_nonnull(probe_tunnel(p));
	simloop_advance(p->loop, 1000);
	ck_assert_ptr_null(probe_tunnel(p));
	ck_assert_uint_eq(engine_stats(p->eng)->tunnels_freed, 1);
	probe_free(p);
}
END_TEST

/* The client follows the address and port the server answers from. */
START_TEST(test_client_follows)
{
	struct engine_tunnel_params params = { 0 };
	struct probe *p = server_probe();
	struct tunnel *t = probe_engine_client(p, &params);
	uint64_t unknown;

	ck_assert_uint_eq(p->h.tunnel_id, 0);
	ck_assert_uint_eq(p->h.ns, 0);
	transport_addr_set_port(&p->peer_addr, 50000);
	probe_answer_sccrq(p);
	ck_assert(tunnel_is_up(t));
	ck_assert_uint_eq(transport_addr_port(tunnel_peer_addr(t)), 50000);
	ck_assert_uint_eq(tunnel_peer_id(t), 0x4242);
	ck_assert_int_eq(p->dp.tunnels, 1);
	ck_assert_int_eq(p->app.tunnels_up, 1);
	/* The old address is no longer the peer's. */
	unknown = engine_stats(p->eng)->rx_unknown_tunnel;
	transport_addr_set_port(&p->peer_addr, 1701);
	send_type(p, L2TP_MSG_HELLO);
	ck_assert_uint_eq(engine_stats(p->eng)->rx_unknown_tunnel, unknown + 1);
	ck_assert_uint_eq(tunnel_chan_stats(t)->rx, 1);
	probe_free(p);
}
END_TEST

static void set_secret(struct probe *p, bool server_side)
{
	p->secret.data = (const uint8_t *)TEST_SECRET;
	p->secret.len = strlen(TEST_SECRET);
	if (server_side) {
		p->app.peer.secret = TEST_SECRET;
		p->app.peer.secret_len = strlen(TEST_SECRET);
	}
}

/* §5.1.1 both ways: the engine answers our Challenge and checks ours. */
START_TEST(test_auth_server)
{
	static const uint8_t chal[8] = "probe!!";
	uint8_t resp[L2TP_CHAL_RESP_LEN];
	struct probe *p = server_probe();
	struct l2tp_msg m;

	set_secret(p, true);
	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	m.challenge.ptr = chal;
	m.challenge.len = sizeof(chal);
	l2tp_msg_set(&m, L2TP_AVP_CHALLENGE);
	probe_send_tid(p, &m, 0, 0);
	probe_expect(p, L2TP_MSG_SCCRP);
	p->eng_tid = p->m.tunnel_id;
	ck_assert(l2tp_msg_has(&p->m, L2TP_AVP_CHALLENGE));
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCRP, &p->secret, chal,
					  sizeof(chal), p->m.chal_resp.ptr,
					  p->m.chal_resp.len), 0);
	probe_msg(p, &m, L2TP_MSG_SCCCN);
	ck_assert_int_eq(l2tp_auth_response(L2TP_MSG_SCCCN, &p->secret,
					    p->m.challenge.ptr,
					    p->m.challenge.len, resp), 0);
	if (_i) {
		/* Wrong: computed for the wrong message type. */
		ck_assert_int_eq(l2tp_auth_response(L2TP_MSG_SCCRP, &p->secret,
						    p->m.challenge.ptr,
						    p->m.challenge.len, resp), 0);
	}
	m.chal_resp.ptr = resp;
	m.chal_resp.len = sizeof(resp);
	l2tp_msg_set(&m, L2TP_AVP_CHALLENGE_RESPONSE);
	probe_send(p, &m, 0);
	if (_i) {
		expect_stopccn(p, L2TP_STOPCCN_NOT_AUTHORIZED, 0);
		ck_assert_int_eq(p->app.tunnels_up, 0);
		ck_assert_int_eq(p->dp.tunnel_creates, 0);
	} else {
		ck_assert(tunnel_is_up(probe_tunnel(p)));
		ck_assert_int_eq(p->dp.tunnels, 1);
	}
	probe_free(p);
}
END_TEST

/* The client checks the server's answer; 0: right, 1: wrong, 2: none. */
START_TEST(test_auth_client)
{
	struct engine_tunnel_params params = {
		.p = { .secret = TEST_SECRET,
		       .secret_len = strlen(TEST_SECRET) },
	};
	uint8_t resp[L2TP_CHAL_RESP_LEN];
	struct probe *p = server_probe();
	struct tunnel *t;
	struct l2tp_msg m;

	set_secret(p, false);
	t = probe_engine_client(p, &params);
	ck_assert(l2tp_msg_has(&p->m, L2TP_AVP_CHALLENGE));
	probe_msg(p, &m, L2TP_MSG_SCCRP);
	ck_assert_int_eq(l2tp_auth_response(_i == 1 ? L2TP_MSG_SCCCN :
					    L2TP_MSG_SCCRP, &p->secret,
					    p->m.challenge.ptr,
					    p->m.challenge.len, resp), 0);
	if (_i != 2) {
		m.chal_resp.ptr = resp;
		m.chal_resp.len = sizeof(resp);
		l2tp_msg_set(&m, L2TP_AVP_CHALLENGE_RESPONSE);
	}
	probe_send(p, &m, 0);
	if (_i) {
		expect_stopccn(p, L2TP_STOPCCN_NOT_AUTHORIZED, 0);
		/* Addressed to the tunnel the SCCRP named. */
		ck_assert_uint_eq(p->h.tunnel_id, 0x4242);
		ck_assert_int_eq(p->app.tunnels_down, 1);
		ck_assert_uint_eq(p->app.last_tunnel_down.result,
				  L2TP_STOPCCN_NOT_AUTHORIZED);
	} else {
		probe_expect(p, L2TP_MSG_SCCCN);
		ck_assert(tunnel_is_up(t));
	}
	probe_free(p);
}
END_TEST

/* Refusals of an SCCRQ: challenged without a secret, version, policy. */
START_TEST(test_sccrq_refused)
{
	static const uint8_t chal[4] = "abc";
	struct probe *p = server_probe();
	struct l2tp_msg m;

	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	if (_i == 0) {
		m.challenge.ptr = chal;
		m.challenge.len = sizeof(chal);
		l2tp_msg_set(&m, L2TP_AVP_CHALLENGE);
	} else if (_i == 1) {
		m.proto_ver.ver = 2;
	} else {
		p->app.refuse_peers = EACCES;
	}
	probe_send_tid(p, &m, 0, 0);
	if (_i == 1)
		expect_stopccn(p, L2TP_STOPCCN_BAD_PROTOCOL, 0x0100);
	else
		expect_stopccn(p, L2TP_STOPCCN_NOT_AUTHORIZED, 0);
	ck_assert_uint_eq(p->h.tunnel_id, 0x4242);
	ck_assert_uint_eq(engine_tunnel_count(p->eng), 0);
	ck_assert_int_eq(p->app.tunnels_up + p->app.tunnels_down, 0);
	probe_free(p);
}
END_TEST

/*
 * Bad input changes nothing: garbage, truncation, bit flips, stray data,
 * an unknown tunnel, a SCCRQ that names no tunnel. §4.4.1: an unknown
 * message type without the M bit is ignored (but acknowledged).
 */
START_TEST(test_bad_input)
{
	static const uint8_t data_msg[] = { 0, 0x02, 0x12, 0x34, 0, 1, 0xff };
	static const uint8_t short_ctrl[] = { 0xc8, 0x02, 0x00 };
	struct probe *p = server_probe();
	struct engine_stats before;
	struct l2tp_msg m;
	uint8_t pkt[256];
	struct wbuf w;
	struct tunnel *t;
	size_t i;

	probe_open(p);
	probe_complete(p);
	t = probe_tunnel(p);
	before = *engine_stats(p->eng);
	tlog_reset();
	probe_send_raw(p, data_msg, sizeof(data_msg), false);
	probe_send_raw(p, data_msg, sizeof(data_msg), true);
	probe_send_raw(p, short_ctrl, sizeof(short_ctrl), true);
	probe_send_raw(p, short_ctrl, sizeof(short_ctrl), false);
	ck_assert_uint_eq(engine_stats(p->eng)->rx_stray_data,
			  before.rx_stray_data + 2);
	ck_assert_uint_eq(engine_stats(p->eng)->rx_bad_header,
			  before.rx_bad_header + 2);
	/*
	 * Each bad control packet logged once, naming the peer and the
	 * reason; stray data is only counted (it follows a deleted session
	 * at line rate).
	 */
	ck_assert_uint_eq(tlog_count("from 10.0.0.1:1701 ", "bad header: ",
				     NULL), 2);
	ck_assert_uint_eq(tlog_lines(), 2);
	/* Every truncation of a HELLO, to the listener: no state, no answer. */
	probe_msg(p, &m, L2TP_MSG_HELLO);
	wbuf_init(&w, pkt, sizeof(pkt));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, 0, 0, 0, 0, NULL, 0), 0);
	for (i = 0; i < w.len; i++)
		probe_send_raw(p, pkt, i, true);
	/* An SCCRQ without Assigned Tunnel ID cannot be answered. */
	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	wbuf_init(&w, pkt, sizeof(pkt));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, 0, 0, 0, 0, NULL, 0), 0);
	{
		uint8_t out[256];

		probe_send_raw(p, out, sample_strip_avp(pkt, w.len,
			       L2TP_AVP_ASSIGNED_TUNNEL_ID, out), true);
	}
	/*
	 * The truncations used up the drop log's burst (10 lines a second):
	 * a second later the next drop is logged, after a count of the
	 * suppressed ones.
	 */
	ck_assert_uint_le(tlog_lines(), 10);
	simloop_advance(p->loop, 1000);
	/* A tunnel id nobody has. */
	p->eng_tid ^= 0x8000;
	send_type(p, L2TP_MSG_HELLO);
	p->eng_tid ^= 0x8000;
	ck_assert_int_eq(probe_next(p), -1);
	ck_assert_uint_eq(tlog_count("from 10.0.0.1:1701 ", "unknown tunnel",
				     NULL), 1);
	ck_assert_uint_eq(tlog_count(" similar messages suppressed", NULL), 1);
	ck_assert_uint_eq(engine_stats(p->eng)->tunnels_opened, 1);
	ck_assert_str_eq(tunnel_state_name(t), "established");
	ck_assert_uint_eq(tunnel_chan_stats(t)->rx, 2);
	/* Unknown message type 99, M clear: acknowledged and ignored. */
	p->ns = 2;
	p->nr = 1;
	l2tp_msg_init(&m, L2TP_MSG_ZLB);
	wbuf_init(&w, pkt, sizeof(pkt));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, p->eng_tid, 0, p->ns, p->nr,
					 NULL, 0), 0);
	{
		static const uint8_t avp[] = { 0x00, 0x08, 0, 0, 0, 0, 0, 99 };

		memcpy(pkt + w.len, avp, sizeof(avp));
		pkt[3] = (uint8_t)(w.len + sizeof(avp));
		probe_send_raw(p, pkt, w.len + sizeof(avp), false);
	}
	ck_assert_str_eq(tunnel_state_name(t), "established");
	ck_assert_uint_eq(tunnel_chan_stats(t)->rx, 3);
	/* The same with the M bit: the tunnel is cleared (§4.4.1). */
	pkt[L2TP_CTRL_HDR_LEN] = 0x80;
	pkt[8] = 0;
	pkt[9] = 3;
	probe_send_raw(p, pkt, w.len + 8, false);
	expect_stopccn(p, L2TP_STOPCCN_GENERAL_ERROR,
		       L2TP_ERR_UNKNOWN_MANDATORY);
	probe_free(p);
}
END_TEST

/* §4.1: an unknown mandatory AVP in an SCCRQ: StopCCN, error 8. */
START_TEST(test_sccrq_unknown_m)
{
	struct probe *p = server_probe();
	struct l2tp_msg m;

	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	add_unknown_m(&m);
	probe_send_tid(p, &m, 0, 0);
	expect_stopccn(p, L2TP_STOPCCN_GENERAL_ERROR,
		       L2TP_ERR_UNKNOWN_MANDATORY);
	ck_assert_uint_eq(engine_stats(p->eng)->rx_malformed, 1);
	probe_free(p);
}
END_TEST

/* §4.1, §6: a tunnel message missing a required AVP ends the tunnel. */
START_TEST(test_missing_avp)
{
	struct engine_tunnel_params params = { 0 };
	uint8_t pkt[512], out[512];
	struct probe *p = server_probe();
	struct l2tp_msg m;
	struct wbuf w;

	probe_engine_client(p, &params);
	probe_msg(p, &m, L2TP_MSG_SCCRP);
	wbuf_init(&w, pkt, sizeof(pkt));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, p->eng_tid, 0, p->ns, p->nr,
					 NULL, 0), 0);
	probe_send_raw(p, out, sample_strip_avp(pkt, w.len,
		       L2TP_AVP_HOST_NAME, out), false);
	expect_stopccn(p, L2TP_STOPCCN_GENERAL_ERROR, L2TP_ERR_BAD_VALUE);
	/* Addressed to the tunnel the SCCRP named, though it was refused. */
	ck_assert_uint_eq(p->h.tunnel_id, 0x4242);
	ck_assert_int_eq(p->app.tunnels_down, 1);
	ck_assert_int_eq(p->dp.tunnel_creates, 0);
	probe_free(p);
}
END_TEST

/* An SCCRP acknowledged but no SCCCN: cleared after half_open_ms. */
START_TEST(test_half_open)
{
	struct engine_cfg cfg;
	struct probe *p;

	test_engine_cfg(&cfg);
	cfg.half_open_ms = 10000;
	p = probe_new(&cfg);
	probe_open(p);
	probe_ack(p);
	simloop_advance(p->loop, 9900);
	ck_assert_int_eq(probe_next(p), -1);
	simloop_advance(p->loop, 200);
	expect_stopccn(p, L2TP_STOPCCN_GENERAL, 0);
	simloop_advance(p->loop, 40000);
	ck_assert_uint_eq(engine_stats(p->eng)->tunnels_freed, 1);
	probe_free(p);
}
END_TEST

/* §6.5: HELLO after keepalive-timeout of silence, and only then. */
START_TEST(test_keepalive)
{
	struct probe *p = server_probe();

	probe_open(p);
	probe_complete(p);
	simloop_advance(p->loop, 29900);
	ck_assert_int_eq(probe_next(p), -1);
	simloop_advance(p->loop, 200);
	probe_expect(p, L2TP_MSG_HELLO);
	probe_ack(p);
	/* Traffic from the peer puts the next HELLO off. */
	simloop_advance(p->loop, 20000);
	send_type(p, L2TP_MSG_HELLO);
	simloop_advance(p->loop, 29800);
	ck_assert_int_eq(probe_next(p), -1);
	simloop_advance(p->loop, 300);
	probe_expect(p, L2TP_MSG_HELLO);
	/* Unanswered, it ends the tunnel after the retries. */
	simloop_advance(p->loop, 32000);
	ck_assert_ptr_null(probe_tunnel(p));
	ck_assert_int_eq(p->dp.tunnels, 0);
	ck_assert_int_eq(p->app.tunnels_down, 1);
	probe_free(p);
}
END_TEST

/* HELLO is urgent: it overtakes call set-ups waiting for the window. */
START_TEST(test_hello_not_stuck)
{
	struct engine_tunnel_params params = { .p = { .keepalive_s = 5 } };
	struct engine_call c = { 0 };
	struct probe *p = server_probe();
	struct tunnel *t;
	int i;

	t = probe_engine_client(p, &params);
	probe_answer_sccrq(p);
	for (i = 0; i < 20; i++)
		ck_assert_ptr_nonnull(engine_call_incoming(t, &c));
	probe_flush(p);
	simloop_advance(p->loop, 5100);
	probe_flush(p);
	/* Everything sent is acknowledged: the next message is the HELLO. */
	probe_ack(p);
	probe_expect(p, L2TP_MSG_HELLO);
	probe_expect(p, L2TP_MSG_ICRQ);
	probe_free(p);
}
END_TEST

/* Sends a new SCCRQ from the probe's peer as peer tunnel tid. */
static void send_sccrq(struct probe *p, uint16_t tid)
{
	struct l2tp_msg m;

	p->peer_tid = tid;
	p->ns = 0;
	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	probe_send_tid(p, &m, 0, 0);
}

/*
 * New SCCRQs from one source: none waits while fewer than half of
 * max_half_open are taken; past that a burst, then the token rate. The
 * first drop is logged at once, the count every 10 s while drops go on.
 * A retransmission still reaches its tunnel, and another source is not
 * held back.
 */
START_TEST(test_sccrq_ratelimit)
{
	const struct engine_stats *st;
	struct engine_cfg cfg;
	struct probe *p;
	int i;

	test_engine_cfg(&cfg);
	cfg.max_half_open = 16;
	cfg.sccrq_burst = 2;
	cfg.sccrq_rate = 1;
	p = probe_new(&cfg);
	st = engine_stats(p->eng);
	tlog_reset();
	/* 8 free, 2 of the burst, then 2 dropped and logged once. */
	for (i = 0; i < 12; i++)
		send_sccrq(p, (uint16_t)(100 + i));
	ck_assert_uint_eq(st->tunnels_opened, 10);
	ck_assert_uint_eq(st->sccrq_ratelimited, 2);
	ck_assert_uint_eq(tlog_count("SCCRQs dropped: over the source's limit "
				     "of 2 at once, 1 a second, while 10 "
				     "tunnels are half-open", NULL), 1);
	ck_assert_uint_eq(tlog_count("dropped", NULL), 1);
	/* A retransmission of an accepted one reaches its tunnel. */
	send_sccrq(p, 109);
	ck_assert_uint_eq(st->tunnels_opened, 10);
	ck_assert_uint_eq(st->sccrq_ratelimited, 2);
	/* A token a second; the count comes 10 s after the first line. */
	simloop_advance(p->loop, 1000);
	probe_flush(p);
	send_sccrq(p, 110);
	ck_assert_uint_eq(st->tunnels_opened, 11);
	for (i = 0; i < 3; i++)
		send_sccrq(p, (uint16_t)(200 + i));
	ck_assert_uint_eq(st->sccrq_ratelimited, 5);
	ck_assert_uint_eq(tlog_count("dropped", NULL), 1);
	simloop_advance(p->loop, 9000);
	probe_flush(p);
	ck_assert_uint_eq(tlog_count("5 SCCRQs dropped in the last 10 s", NULL),
			  1);
	/* Drops go on: counted, no line at once. */
	for (i = 0; i < 3; i++)
		send_sccrq(p, (uint16_t)(300 + i));
	ck_assert_uint_eq(st->tunnels_opened, 13);
	ck_assert_uint_eq(st->sccrq_ratelimited, 6);
	ck_assert_uint_eq(tlog_count("dropped", NULL), 2);
	/* Another source is not held back. */
	transport_addr_set_port(&p->peer_addr, 1);
	p->peer_addr.u.sin.sin_addr.s_addr ^= 0x01000000;
	send_sccrq(p, 400);
	ck_assert_uint_eq(st->tunnels_opened, 14);
	simloop_advance(p->loop, 10000);
	probe_flush(p);
	ck_assert_uint_eq(tlog_count("1 SCCRQ dropped in the last 10 s", NULL),
			  1);
	ck_assert_uint_eq(tlog_count("dropped", NULL), 3);
	probe_free(p);
}
END_TEST

/* Tunnel limits: refused with a StopCCN, without keeping any state. */
START_TEST(test_tunnel_limits)
{
	struct engine_cfg cfg;
	struct probe *p;

	test_engine_cfg(&cfg);
	if (_i)
		cfg.max_half_open = 1;
	else
		cfg.max_tunnels = 1;
	p = probe_new(&cfg);
	probe_open(p);
	if (!_i)
		probe_complete(p);
	send_sccrq(p, 0x777);
	probe_expect(p, L2TP_MSG_STOPCCN);
	ck_assert_uint_eq(p->h.tunnel_id, 0x777);
	ck_assert_uint_eq(p->h.nr, 1);
	ck_assert_uint_eq(p->m.result.error, L2TP_ERR_NO_RESOURCE);
	ck_assert_uint_eq(engine_stats(p->eng)->tunnels_opened, 1);
	ck_assert_uint_eq(engine_stats(p->eng)->sccrq_refused, 1);
	/* The client too cannot open more than max_tunnels. */
	if (!_i)
		ck_assert_ptr_null(engine_tunnel_open(p->eng,
			&(struct engine_tunnel_params){ .peer = p->peer_addr }));
	probe_free(p);
}
END_TEST

/*
 * A retransmitted SCCRQ reaches the tunnel it made; clients behind one
 * NAT (same address, other port, same tunnel id) get tunnels of their own.
 */
START_TEST(test_sccrq_retransmit_nat)
{
	struct probe *p = server_probe();
	struct l2tp_msg m;

	probe_open(p);
	p->ns = 0;
	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	probe_send_tid(p, &m, 0, 0);
	ck_assert_uint_eq(engine_stats(p->eng)->tunnels_opened, 1);
	ck_assert_uint_eq(tunnel_chan_stats(probe_tunnel(p))->dups, 1);
	transport_addr_set_port(&p->peer_addr, 1702);
	p->ns = 0;
	p->nr = 0;
	probe_send_tid(p, &m, 0, 0);
	probe_expect(p, L2TP_MSG_SCCRP);
	ck_assert_uint_ne(p->m.tunnel_id, p->eng_tid);
	ck_assert_uint_eq(engine_stats(p->eng)->tunnels_opened, 2);
	probe_free(p);
}
END_TEST

/*
 * A server tunnel's socket shares the listen address and is bound before
 * it is connected: an SCCRQ from another client that lands there in
 * between is the listener's, and makes a tunnel of its own; anything else
 * from a stranger is dropped as it would be at the listener.
 */
START_TEST(test_sccrq_on_tunnel_socket)
{
	struct probe *p = server_probe();
	struct transport_addr other;
	const struct engine_stats *st;
	struct l2tp_msg m;
	uint8_t buf[4096];
	struct wbuf w;
	struct tunnel *t;
	uint64_t unknown;
	uint16_t nr;

	probe_open(p);
	t = probe_tunnel(p);
	st = engine_stats(p->eng);
	unknown = st->rx_unknown_tunnel;
	other = p->peer_addr;
	transport_addr_set_port(&other, 40000);
	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, 0, 0, 0, 0, NULL, 0), 0);
	engine_tunnel_input(p->eng, t, &other, buf, w.len);
	ck_assert_uint_eq(st->rx_handed_to_listener, 1);
	ck_assert_uint_eq(st->tunnels_opened, 2);
	/* The new tunnel's SCCRP, Ns 0 too. */
	nr = p->nr;
	p->nr = 0;
	probe_expect(p, L2TP_MSG_SCCRP);
	p->nr = nr;
	ck_assert_uint_ne(p->m.tunnel_id, p->eng_tid);
	/* Nothing of it reached the first tunnel. */
	ck_assert_uint_eq(tunnel_chan_stats(t)->rx, 1);
	/* A stranger's message for our tunnel is not the tunnel's. */
	l2tp_msg_init(&m, L2TP_MSG_HELLO);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, p->eng_tid, 0, 1, 1, NULL,
					 0), 0);
	engine_tunnel_input(p->eng, t, &other, buf, w.len);
	ck_assert_uint_eq(st->rx_handed_to_listener, 2);
	ck_assert_uint_eq(st->rx_unknown_tunnel, unknown + 1);
	ck_assert_uint_eq(tunnel_chan_stats(t)->rx, 1);
	/* The peer's own messages still reach it. */
	probe_complete(p);
	ck_assert_uint_eq(tunnel_chan_stats(t)->rx, 2);
	probe_free(p);
}
END_TEST

/*
 * Hidden AVPs (§4.3) both ways: the engine hides what may be hidden, and
 * reads an SCCRQ whose Assigned Tunnel ID is hidden, looking its secret
 * up by Host Name first.
 */
START_TEST(test_hidden)
{
	struct probe *p = server_probe();
	uint8_t pkt[1024];
	struct l2tp_msg m;
	struct wbuf w;

	set_secret(p, true);
	p->app.peer.hide = true;
	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	wbuf_init(&w, pkt, sizeof(pkt));
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, 0, 0, 0, 0, &p->secret,
					 ~UINT64_C(0)), 0);
	p->ns = 1;
	probe_send_raw(p, pkt, w.len, true);
	probe_expect(p, L2TP_MSG_SCCRP);
	ck_assert(p->m.hidden & L2TP_AVP_BIT(L2TP_AVP_ASSIGNED_TUNNEL_ID));
	ck_assert(p->m.hidden & L2TP_AVP_BIT(L2TP_AVP_CHALLENGE));
	p->eng_tid = p->m.tunnel_id;
	probe_complete(p);
	ck_assert_int_eq(p->dp.tunnels, 1);
	probe_free(p);
}
END_TEST

static bool both_one_up(struct pair *p)
{
	return engine_tunnel_count(p->client) == 1 &&
	       engine_tunnel_count(p->server) == 1 &&
	       p->capp.tunnels_up >= 1 && p->sapp.tunnels_up >= 1 &&
	       p->capp.sessions_up == 1 && p->sapp.sessions_up == 1;
}

/*
 * §4.4.3: both ends open a tunnel to each other at once. The lower tie
 * breaker wins, the loser's attempt goes, and its waiting call moves to
 * the winner's tunnel: one tunnel, one call, on both sides.
 */
START_TEST(test_tie_breaker)
{
	struct pair_opts o = {
		.link = { .delay_ms = 20, .seed = 9 }, .tie_breaker = true,
		.seed = 11 + _i,
	};
	struct engine_tunnel_params back;
	struct engine_call c = { 0 };
	struct tunnel *a, *b;
	struct pair p;

	pair_init(&p, &o);
	simhost_listen(p.ch, L2TP_PORT);
	back = p.params;
	back.peer = *simhost_addr(p.ch);
	transport_addr_set_port(&back.peer, L2TP_PORT);
	a = pair_open(&p);
	b = engine_tunnel_open(p.server, &back);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(engine_call_incoming(a, &c));
	ck_assert(pair_run(&p, both_one_up, 20000));
	ck_assert_uint_eq(engine_stats(p.client)->ties_lost +
			  engine_stats(p.server)->ties_lost, 1);
	ck_assert_uint_eq(engine_stats(p.client)->ties_won +
			  engine_stats(p.server)->ties_won, 1);
	ck_assert_int_eq(p.cdp.tunnels, 1);
	ck_assert_int_eq(p.sdp.tunnels, 1);
	ck_assert_int_eq(p.capp.tunnels_down + p.sapp.tunnels_down, 1);
	pair_free(&p);
}
END_TEST

Suite *suite_tunnel(void)
{
	Suite *s = suite_create("tunnel");
	TCase *tc = tcase_create("probe");

	tcase_add_test(tc, test_server_lifecycle);
	tcase_add_test(tc, test_client_follows);
	tcase_add_loop_test(tc, test_auth_server, 0, 2);
	tcase_add_loop_test(tc, test_auth_client, 0, 3);
	tcase_add_loop_test(tc, test_sccrq_refused, 0, 3);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_sccrq_unknown_m);
	tcase_add_test(tc, test_missing_avp);
	tcase_add_test(tc, test_half_open);
	tcase_add_test(tc, test_keepalive);
	tcase_add_test(tc, test_hello_not_stuck);
	tcase_add_test(tc, test_sccrq_ratelimit);
	tcase_add_loop_test(tc, test_tunnel_limits, 0, 2);
	tcase_add_test(tc, test_sccrq_retransmit_nat);
	tcase_add_test(tc, test_sccrq_on_tunnel_socket);
	tcase_add_test(tc, test_hidden);
	suite_add_tcase(s, tc);
	tc = tcase_create("pair");
	tcase_add_loop_test(tc, test_tie_breaker, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}
