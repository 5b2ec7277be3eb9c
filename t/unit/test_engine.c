// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Two engines, client and server, over the simulated lossy link: tunnels
 * and sessions set up and torn down at 0%, 10% and 30% loss (with
 * duplication and reordering), the retry limit, an SCCRQ flood, and at
 * the end the proof that every state machine row is exercised.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "test_engine.h"
#include "tlog.h"

#define SESSIONS	16

static bool tunnel_up_both(struct pair *p)
{
	return p->capp.tunnels_up == 1 && p->sapp.tunnels_up == 1;
}

static bool sessions_up_both(struct pair *p)
{
	return p->capp.sessions_up == SESSIONS &&
	       p->sapp.sessions_up == SESSIONS;
}

static bool sessions_down_both(struct pair *p)
{
	return p->capp.sessions_down == SESSIONS &&
	       p->sapp.sessions_down == SESSIONS;
}

static bool all_freed(struct pair *p)
{
	return engine_stats(p->client)->tunnels_freed ==
	       engine_stats(p->client)->tunnels_opened &&
	       engine_stats(p->server)->tunnels_freed ==
	       engine_stats(p->server)->tunnels_opened;
}

static const unsigned int loss_pct[] = { 0, 10, 30 };
#define LOSS_CASES	(sizeof(loss_pct) / sizeof(loss_pct[0]))

/*
 * A tunnel, SESSIONS calls placed by the client (half of them before the
 * tunnel is up), half closed by each side, then the tunnel closed by the
 * client: everything comes and goes on both sides, data plane included.
 * Each loss rate runs plain, then with tunnel authentication and every
 * AVP that may be hidden hidden.
 */
START_TEST(test_lossy_lifecycle)
{
	bool auth = _i >= (int)LOSS_CASES;
	struct pair_opts o = {
		.link = { .loss_pct = loss_pct[_i % LOSS_CASES], .dup_pct = 5,
			  .delay_ms = 5, .jitter_ms = 40, .seed = 1 + _i },
		.check_window = true, .seed = 3,
		/* At 30% loss, five retries often declare the peer dead. */
		.max_retries = 16,
		.client_secret = auth ? TEST_SECRET : NULL,
		.server_secret = auth ? TEST_SECRET : NULL,
		.hide = auth,
	};
	struct engine_call c = { .calling_number = "100" };
	struct session *calls[SESSIONS];
	struct pair p;
	struct tunnel *t;
	int i;

	pair_init(&p, &o);
	t = pair_open(&p);
	for (i = 0; i < SESSIONS / 2; i++)
		ck_assert_ptr_nonnull(calls[i] = engine_call_incoming(t, &c));
	ck_assert(pair_run(&p, tunnel_up_both, 120000));
	for (; i < SESSIONS; i++)
		ck_assert_ptr_nonnull(calls[i] = engine_call_incoming(t, &c));
	ck_assert(pair_run(&p, sessions_up_both, 300000));
	ck_assert_int_eq(p.cdp.sessions, SESSIONS);
	ck_assert_int_eq(p.sdp.sessions, SESSIONS);
	ck_assert_int_eq(p.cdp.tunnels, 1);
	ck_assert_int_eq(p.sdp.tunnels, 1);
	ck_assert_int_eq(p.sapp.offered, SESSIONS);
	ck_assert_uint_eq(engine_stats(p.server)->rx_malformed, 0);
	for (i = 0; i < SESSIONS / 2; i++)
		ck_assert_int_eq(engine_session_close(calls[i], NULL), 0);
	for (i = SESSIONS / 2; i < SESSIONS; i++) {
		struct session *s = engine_session_find(p.server,
			tunnel_peer_id(t), session_peer_id(calls[i]));

		ck_assert_ptr_nonnull(s);
		ck_assert_int_eq(engine_session_close(s, NULL), 0);
	}
	ck_assert(pair_run(&p, sessions_down_both, 300000));
	ck_assert_int_eq(p.cdp.sessions, 0);
	ck_assert_int_eq(p.sdp.sessions, 0);
	ck_assert_int_eq(engine_tunnel_close(t, 0, 0, "done"), 0);
	ck_assert(pair_run(&p, all_freed, 300000));
	ck_assert_int_eq(p.capp.tunnels_down, 1);
	ck_assert_int_eq(p.sapp.tunnels_down, 1);
	ck_assert(p.sapp.last_tunnel_down.by_peer);
	ck_assert_uint_eq(p.sapp.last_tunnel_down.result, L2TP_STOPCCN_GENERAL);
	ck_assert_int_eq(p.cdp.tunnels, 0);
	ck_assert_int_eq(p.sdp.tunnels, 0);
	ck_assert_uint_eq(engine_session_count(p.client), 0);
	ck_assert_uint_eq(engine_session_count(p.server), 0);
	pair_free(&p);
}
END_TEST

static bool client_down(struct pair *p)
{
	return p->capp.tunnels_down == 1;
}

/*
 * The server vanishes: the client's next message goes unanswered, the
 * retry limit (5, 1 s doubling to 8 s: 31 s) clears the tunnel, its
 * session and their data plane state.
 */
START_TEST(test_retry_limit)
{
	struct pair_opts o = { .seed = 5, .check_window = true };
	struct engine_call c = { 0 };
	struct session *s;
	struct pair p;
	struct tunnel *t;
	uint64_t start;

	pair_init(&p, &o);
	t = pair_open(&p);
	s = engine_call_incoming(t, &c);
	ck_assert(pair_run(&p, tunnel_up_both, 10000));
	simloop_advance(p.loop, 1000);
	ck_assert_int_eq(p.capp.sessions_up, 1);
	engine_free(p.server);
	p.server = NULL;
	simhost_transport(p.sh)->eng = NULL;
	start = loop_now_ms(p.loop);
	ck_assert_int_eq(engine_session_close(s, NULL), 0);
	ck_assert(pair_run(&p, client_down, 60000));
	/* 1 + 2 + 4 + 8 + 8 + 8 s: the last retry waits its full timeout. */
	ck_assert_uint_ge(loop_now_ms(p.loop) - start, 31000);
	ck_assert_uint_le(loop_now_ms(p.loop) - start, 31100);
	ck_assert_uint_eq(p.capp.last_tunnel_down.result, 0);
	ck_assert_int_eq(p.cdp.tunnels, 0);
	ck_assert_int_eq(p.cdp.sessions, 0);
	ck_assert_uint_eq(engine_tunnel_count(p.client), 0);
	pair_free(&p);
}
END_TEST

static bool client_calls_down(struct pair *p)
{
	return p->capp.tunnels_down == 1 && p->capp.sessions_down == 2;
}

/* engine_shutdown(): StopCCN "shutting down" (result 6) everywhere. */
START_TEST(test_shutdown)
{
	struct pair_opts o = { .link = { .delay_ms = 2 }, .seed = 13,
			       .check_window = true };
	struct engine_call c = { 0 };
	struct pair p;
	struct tunnel *t;

	pair_init(&p, &o);
	t = pair_open(&p);
	ck_assert_ptr_nonnull(engine_call_incoming(t, &c));
	ck_assert_ptr_nonnull(engine_call_incoming(t, &c));
	ck_assert(pair_run(&p, tunnel_up_both, 1000));
	simloop_advance(p.loop, 100);
	engine_shutdown(p.server);
	ck_assert_uint_eq(engine_tunnel_count(p.server), 0);
	ck_assert(pair_run(&p, client_calls_down, 1000));
	ck_assert(p.capp.last_tunnel_down.by_peer);
	ck_assert_uint_eq(p.capp.last_tunnel_down.result,
			  L2TP_STOPCCN_SHUTTING_DOWN);
	ck_assert(p.capp.last_session_down.tunnel);
	ck_assert_int_eq(p.cdp.tunnels + p.cdp.sessions, 0);
	ck_assert_int_eq(p.sdp.tunnels + p.sdp.sessions, 0);
	pair_free(&p);
}
END_TEST

static bool flood_calls_up(struct pair *p)
{
	return p->capp.sessions_up == 1 + SESSIONS;
}

static void flood(struct pair *p, unsigned int n, unsigned int *next)
{
	struct transport_addr listen = *simhost_addr(p->sh), from;
	uint8_t pkt[256];
	char ip[32];
	size_t len;

	transport_addr_set_port(&listen, L2TP_PORT);
	while (n--) {
		len = test_sccrq(pkt, sizeof(pkt), 0,
				 (uint16_t)(1 + *next % 60000), "flood");
		snprintf(ip, sizeof(ip), "10.%u.%u.%u:1701", 1 + *next / 65536,
			 *next / 256 % 256, *next % 256);
		ck_assert_int_eq(transport_addr_parse(&from, ip, 0), 0);
		engine_input(p->server, &listen, &from, pkt, len);
		(*next)++;
	}
}

/*
 * An SCCRQ flood from 25,000 addresses while the client sets up calls on
 * its established tunnel: the calls come up in the usual time, the
 * server holds at most max_half_open tunnels for the flood and refuses
 * the rest without state, and once the flood has expired only the real
 * tunnel is left.
 */
START_TEST(test_sccrq_flood)
{
	struct pair_opts o = { .link = { .delay_ms = 5 }, .seed = 21 };
	struct engine_call c = { 0 };
	unsigned int i, next = 0;
	struct pair p;
	struct tunnel *t;

	pair_init(&p, &o);
	t = pair_open(&p);
	ck_assert_ptr_nonnull(engine_call_incoming(t, &c));
	ck_assert(pair_run(&p, tunnel_up_both, 1000));
	for (i = 0; i < SESSIONS; i++)
		ck_assert_ptr_nonnull(engine_call_incoming(t, &c));
	for (i = 0; i < 500 && !flood_calls_up(&p); i++) {
		flood(&p, 50, &next);
		simloop_advance(p.loop, 10);
	}
	/* Without the flood, these calls take about 100 ms too. */
	ck_assert(flood_calls_up(&p));
	ck_assert_uint_le(i, 20);
	for (; i < 500; i++) {
		flood(&p, 50, &next);
		simloop_advance(p.loop, 10);
	}
	ck_assert_uint_le(engine_tunnel_count(p.server), 1 + 1024);
	ck_assert_uint_ge(engine_stats(p.server)->sccrq_refused, 20000);
	ck_assert_uint_eq(p.sapp.tunnels_up, 1);
	ck_assert(tunnel_is_up(t));
	simloop_advance(p.loop, 100000);
	ck_assert_uint_eq(engine_tunnel_count(p.server), 1);
	ck_assert_uint_eq(engine_session_count(p.server), 1 + SESSIONS);
	ck_assert(tunnel_is_up(t));
	pair_free(&p);
}
END_TEST

#define STORM_N	1000

static bool storm_settled(struct pair *p)
{
	return p->capp.tunnels_up + p->capp.tunnels_down >= STORM_N &&
	       p->sapp.tunnels_up >= p->capp.tunnels_up;
}

/*
 * 1,000 clients behind one address dial in the same instant (clients
 * redialling after an outage, or the VM benchmark's storm): every tunnel
 * comes up. Past half of max_half_open the source's bucket holds some
 * back, once, in one log line; their retransmissions get through.
 */
START_TEST(test_sccrq_storm_one_source)
{
	struct pair_opts o = { .link = { .delay_ms = 5 }, .seed = 22 };
	uint64_t dropped;
	struct pair p;
	unsigned int i;
	char line[64];

	pair_init(&p, &o);
	tlog_reset();
	for (i = 0; i < STORM_N; i++)
		ck_assert_ptr_nonnull(engine_tunnel_open(p.client, &p.params));
	ck_assert(pair_run(&p, storm_settled, 60000));
	ck_assert_int_eq(p.capp.tunnels_down, 0);
	ck_assert_int_eq(p.capp.tunnels_up, STORM_N);
	ck_assert_int_eq(p.sapp.tunnels_up, STORM_N);
	dropped = engine_stats(p.server)->sccrq_ratelimited;
	ck_assert_uint_gt(dropped, 0);
	simloop_advance(p.loop, 20000);
	ck_assert_uint_eq(tlog_count("SCCRQs dropped: over the source's limit",
				     NULL), 1);
	snprintf(line, sizeof(line), " %u SCCRQs dropped in the last 10 s",
		 (unsigned int)dropped);
	ck_assert_uint_eq(tlog_count(line, NULL), 1);
	ck_assert_uint_eq(tlog_count("dropped", NULL), 2);
	pair_free(&p);
}
END_TEST

/*
 * Every row of every state machine table, walked one by one (each walk
 * asserts its row ran, the next state and what was sent); then the hits
 * the engines counted, summed over all walks, must leave no row at zero.
 */
START_TEST(test_every_row)
{
	uint32_t *hits[8] = { 0 };
	const struct fsm_table *tbl;
	unsigned int i, r, total = 0;

	ck_assert_uint_le(engine_fsm_count(), 8);
	for (i = 0; i < engine_fsm_count(); i++) {
		hits[i] = calloc(engine_fsm_table(i)->nrows, sizeof(uint32_t));
		ck_assert_ptr_nonnull(hits[i]);
	}
	for (i = 0; i < engine_fsm_count(); i++) {
		tbl = engine_fsm_table(i);
		for (r = 0; r < tbl->nrows; r++) {
			if (i == 0)
				tunnel_walk_row(r, hits);
			else
				session_walk_row(i, r, hits);
		}
	}
	for (i = 0; i < engine_fsm_count(); i++) {
		tbl = engine_fsm_table(i);
		for (r = 0; r < tbl->nrows; r++) {
			ck_assert_msg(hits[i][r] > 0,
				      "%s: %s --%s--> never ran", tbl->name,
				      tbl->states[tbl->rows[r].state],
				      tbl->events[tbl->rows[r].event]);
			total++;
		}
		free(hits[i]);
	}
	ck_assert_uint_gt(total, 100);
}
END_TEST

Suite *suite_engine(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("pair");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_lossy_lifecycle, 0, 2 * LOSS_CASES);
	tcase_add_test(tc, test_retry_limit);
	tcase_add_test(tc, test_sccrq_flood);
	tcase_add_test(tc, test_sccrq_storm_one_source);
	tcase_add_test(tc, test_shutdown);
	suite_add_tcase(s, tc);
	/* Last: the proof that the tests above and below reach every row. */
	tc = tcase_create("coverage");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_row);
	suite_add_tcase(s, tc);
	return s;
}
