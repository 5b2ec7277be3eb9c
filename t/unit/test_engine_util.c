// SPDX-License-Identifier: GPL-2.0-or-later
/* The engine tests' upper layer, data plane and two-engine pairs. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "htab.h"
#include "test_engine.h"

static uint64_t test_rng = 1;

void test_random_seed(uint64_t seed)
{
	test_rng = seed ? seed : 1;
}

int test_random(void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len--) {
		test_rng ^= test_rng >> 12;
		test_rng ^= test_rng << 25;
		test_rng ^= test_rng >> 27;
		*p++ = (uint8_t)((test_rng * 0x2545f4914f6cdd1dull) >> 56);
	}
	return 0;
}

void test_engine_cfg(struct engine_cfg *cfg)
{
	engine_cfg_default(cfg);
	cfg->random = test_random;
}

size_t test_sccrq(uint8_t *buf, size_t cap, uint16_t hdr_tid,
		  uint16_t peer_tid, const char *host)
{
	struct l2tp_msg m;
	struct wbuf w;

	l2tp_msg_init(&m, L2TP_MSG_SCCRQ);
	m.present = L2TP_AVP_BIT(L2TP_AVP_PROTOCOL_VERSION) |
		    L2TP_AVP_BIT(L2TP_AVP_HOST_NAME) |
		    L2TP_AVP_BIT(L2TP_AVP_FRAMING_CAP) |
		    L2TP_AVP_BIT(L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m.proto_ver.ver = 1;
	m.host_name = l2tp_bytes_str(host);
	m.framing_cap = L2TP_FRAMING_SYNC;
	m.tunnel_id = peer_tid;
	wbuf_init(&w, buf, cap);
	ck_assert_int_eq(l2tp_msg_encode(&m, &w, hdr_tid, 0, 0, 0, NULL, 0),
			 0);
	return w.len;
}

static int dp_tunnel_create(void *ctx, const struct dataplane_tunnel *t)
{
	struct dp_count *c = ctx;
	int err = c->fail_tunnel;

	ck_assert_uint_ne(t->tid, 0);
	ck_assert_uint_ne(t->peer_tid, 0);
	c->fail_tunnel = 0;
	if (err)
		return -err;
	c->tunnels++;
	c->tunnel_creates++;
	return 0;
}

static int dp_tunnel_delete(void *ctx, uint16_t tid)
{
	struct dp_count *c = ctx;

	ck_assert_int_gt(c->tunnels, 0);
	c->tunnels--;
	return 0;
}

static int dp_session_create(void *ctx, const struct dataplane_session *s)
{
	struct dp_count *c = ctx;
	int err = c->fail_session;

	ck_assert_uint_ne(s->sid, 0);
	ck_assert_uint_ne(s->peer_sid, 0);
	c->fail_session = 0;
	if (err)
		return -err;
	c->sessions++;
	c->session_creates++;
	return 0;
}

static int dp_session_delete(void *ctx, uint16_t tid, uint16_t sid)
{
	struct dp_count *c = ctx;

	ck_assert_int_gt(c->sessions, 0);
	c->sessions--;
	return 0;
}

static int dp_stats(void *ctx, uint16_t tid, uint16_t sid,
		    struct dataplane_stats *st)
{
	memset(st, 0, sizeof(*st));
	return 0;
}

const struct dataplane_ops dp_count_ops = {
	.tunnel_create = dp_tunnel_create,
	.tunnel_delete = dp_tunnel_delete,
	.session_create = dp_session_create,
	.session_delete = dp_session_delete,
	.stats = dp_stats,
};

static int app_peer_lookup(void *arg, const struct transport_addr *from,
			   const struct l2tp_bytes *host, struct engine_peer *p)
{
	struct app *a = arg;

	if (a->refuse_peers)
		return -a->refuse_peers;
	*p = a->peer;
	return 0;
}

static void app_tunnel_up(void *arg, struct tunnel *t)
{
	struct app *a = arg;
	struct engine_call c = { .calling_number = "1234" };

	a->tunnels_up++;
	a->last_tunnel_up = t;
	if (a->call_on_up)
		ck_assert_ptr_nonnull(engine_call_incoming(t, &c));
}

static void app_tunnel_down(void *arg, struct tunnel *t,
			    const struct engine_result *why)
{
	struct app *a = arg;

	a->tunnels_down++;
	a->last_tunnel_down = *why;
	a->last_tunnel_down.message = NULL;
	a->last_tunnel_down.peer_message.ptr = NULL;
	if (a->last_tunnel_up == t)
		a->last_tunnel_up = NULL;
	/* Closing again from the callback is harmless. */
	ck_assert_int_eq(engine_tunnel_close(t, 0, 0, NULL), -EALREADY);
}

static int app_call_offered(void *arg, struct session *s,
			    const struct l2tp_msg *m)
{
	struct app *a = arg;

	a->offered++;
	a->last_offered = s;
	return a->refuse_calls;
}

static void app_session_up(void *arg, struct session *s)
{
	struct app *a = arg;

	a->sessions_up++;
	a->last_session_up = s;
	if (a->close_on_up)
		ck_assert_int_eq(engine_session_close(s, NULL), 0);
}

static void app_session_down(void *arg, struct session *s,
			     const struct engine_result *why)
{
	struct app *a = arg;

	a->sessions_down++;
	a->last_session_down = *why;
	a->last_session_down.message = NULL;
	a->last_session_down.peer_message.ptr = NULL;
	a->last_had_ppp = why->ppp != NULL;
	if (why->ppp) {
		a->last_ppp = *why->ppp;
		a->last_ppp.message.ptr = NULL;
	}
	a->last_session_down.ppp = NULL;
	a->last_session_down.q931 = NULL;
	if (a->last_session_up == s)
		a->last_session_up = NULL;
	if (a->last_offered == s)
		a->last_offered = NULL;
	ck_assert_int_eq(engine_session_close(s, NULL), -EALREADY);
}

static void app_link_info(void *arg, struct session *s,
			  const struct l2tp_accm *accm)
{
	struct app *a = arg;

	a->link_infos++;
	a->last_accm = accm->send;
}

static void app_wan_error(void *arg, struct session *s,
			  const struct l2tp_call_errors *errors)
{
	struct app *a = arg;

	a->wan_errors++;
}

const struct engine_ops app_ops = {
	.peer_lookup = app_peer_lookup,
	.tunnel_up = app_tunnel_up,
	.tunnel_down = app_tunnel_down,
	.call_offered = app_call_offered,
	.session_up = app_session_up,
	.session_down = app_session_down,
	.link_info = app_link_info,
	.wan_error = app_wan_error,
};

int fsm_row_index(const struct fsm_table *tbl, const char *state,
		  const char *event)
{
	unsigned int i;

	for (i = 0; i < tbl->nrows; i++)
		if (!strcmp(tbl->states[tbl->rows[i].state], state) &&
		    !strcmp(tbl->events[tbl->rows[i].event], event))
			return (int)i;
	return -1;
}

uint32_t test_hits(const struct engine *eng, unsigned int table, int row)
{
	ck_assert_int_ge(row, 0);
	return engine_fsm_hits(eng, table)[row];
}

void test_hits_add(const struct engine *eng, uint32_t **hits)
{
	unsigned int i, r;

	for (i = 0; i < engine_fsm_count(); i++)
		for (r = 0; r < engine_fsm_table(i)->nrows; r++)
			hits[i][r] += engine_fsm_hits(eng, i)[r];
}

static struct engine *pair_engine(struct pair *p, struct simhost *h,
				  const struct pair_opts *o, const char *name,
				  struct app *app, struct dp_count *dp)
{
	struct engine_cfg cfg;
	struct engine *eng;

	test_engine_cfg(&cfg);
	cfg.host_name = name;
	if (o->max_retries)
		cfg.chan.max_retries = o->max_retries;
	eng = engine_new(p->loop, &cfg, simhost_transport(h), &dp_count_ops,
			 dp, &app_ops, app);
	ck_assert_ptr_nonnull(eng);
	app->eng = eng;
	return eng;
}

static void pair_peer(struct engine_peer *p, const char *secret, bool hide,
		      uint32_t keepalive_s)
{
	memset(p, 0, sizeof(*p));
	if (secret) {
		p->secret = secret;
		p->secret_len = strlen(secret);
	}
	p->hide = hide;
	p->keepalive_s = keepalive_s;
}

void pair_init(struct pair *p, const struct pair_opts *o)
{
	uint16_t win = o->check_window ? CHAN_RWIN_DEFAULT : 0;

	memset(p, 0, sizeof(*p));
	test_random_seed(o->seed);
	p->loop = simloop_new(1000000);
	p->link = simlink_new(p->loop, &o->link);
	p->ch = simhost_new(p->link, 0, false);
	p->sh = simhost_new(p->link, 1, true);
	simhost_listen(p->sh, L2TP_PORT);
	/* Each end may have the other's receive window unacknowledged. */
	simhost_attach(p->ch, win);
	simhost_attach(p->sh, win);
	p->client = pair_engine(p, p->ch, o, "client", &p->capp, &p->cdp);
	p->server = pair_engine(p, p->sh, o, "server", &p->sapp, &p->sdp);
	pair_peer(&p->sapp.peer, o->server_secret, o->hide,
		  ENGINE_KEEPALIVE_SERVER_S);
	p->params.peer = *simhost_addr(p->sh);
	transport_addr_set_port(&p->params.peer, L2TP_PORT);
	pair_peer(&p->params.p, o->client_secret, o->hide,
		  ENGINE_KEEPALIVE_CLIENT_S);
	p->params.tie_breaker = o->tie_breaker;
}

void pair_free(struct pair *p)
{
	engine_free(p->client);
	engine_free(p->server);
	ck_assert_int_eq(p->cdp.tunnels, 0);
	ck_assert_int_eq(p->cdp.sessions, 0);
	ck_assert_int_eq(p->sdp.tunnels, 0);
	ck_assert_int_eq(p->sdp.sessions, 0);
	simlink_free(p->link);
	simhost_free(p->ch);
	simhost_free(p->sh);
	loop_free(p->loop);
}

struct tunnel *pair_open(struct pair *p)
{
	struct tunnel *t = engine_tunnel_open(p->client, &p->params);

	ck_assert_ptr_nonnull(t);
	return t;
}

bool pair_run(struct pair *p, bool (*done)(struct pair *p), uint64_t limit_ms)
{
	uint64_t t;

	for (t = 0; t < limit_ms; t += 10) {
		if (done(p))
			return true;
		simloop_advance(p->loop, 10);
	}
	return done(p);
}
