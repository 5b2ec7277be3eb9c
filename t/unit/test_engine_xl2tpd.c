// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The engine against real xl2tpd 1.3.18 traffic (t/data/README): the
 * LAC's messages of a captured session handed to our engine as the LNS,
 * and the LNS's to our engine as the LAC. Only the header's tunnel and
 * session ids are rewritten to the ones our engine drew; Ns and Nr are
 * xl2tpd's own, which line up with ours message for message.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "test_engine.h"

#define XL2TPD_SECRET	"l2tpd-test-secret"

struct capture {
	size_t len;
	uint8_t data[1024];
};

static void capture_load(struct capture *c, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/xl2tpd-%s.bin", TEST_DATA_DIR, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	c->len = fread(c->data, 1, sizeof(c->data), f);
	fclose(f);
	ck_assert_uint_gt(c->len, L2TP_CTRL_HDR_LEN);
}

/* Rewrites the header ids (RFC 2661 §3.1: bytes 4-7 with L set). */
static void capture_ids(struct capture *c, uint16_t tid, uint16_t sid)
{
	c->data[4] = (uint8_t)(tid >> 8);
	c->data[5] = (uint8_t)tid;
	c->data[6] = (uint8_t)(sid >> 8);
	c->data[7] = (uint8_t)sid;
}

static void feed(struct probe *p, const char *name, uint16_t sid,
		 bool listener)
{
	struct capture c;

	capture_load(&c, name);
	if (!listener)
		capture_ids(&c, p->eng_tid, sid);
	probe_send_raw(p, c.data, c.len, listener);
}

static struct probe *xl2tpd_probe(bool secret)
{
	struct engine_cfg cfg;
	struct probe *p;

	test_engine_cfg(&cfg);
	p = probe_new(&cfg);
	if (secret) {
		p->app.peer.secret = XL2TPD_SECRET;
		p->app.peer.secret_len = strlen(XL2TPD_SECRET);
	}
	return p;
}

/* Our engine as the LNS of xl2tpd's LAC: the whole captured session. */
START_TEST(test_xl2tpd_lac)
{
	struct probe *p = xl2tpd_probe(false);
	uint16_t sid;

	feed(p, "plain-01-SCCRQ", 0, true);
	probe_expect(p, L2TP_MSG_SCCRP);
	p->eng_tid = p->m.tunnel_id;
	ck_assert_uint_eq(p->h.tunnel_id, 54051);
	feed(p, "plain-03-SCCCN", 0, false);
	ck_assert_int_eq(p->app.tunnels_up, 1);
	ck_assert_str_eq(tunnel_peer_info(probe_tunnel(p))->host_name, "lac");
	feed(p, "plain-05-ICRQ", 0, false);
	probe_expect(p, L2TP_MSG_ICRP);
	sid = p->m.session_id;
	ck_assert_uint_eq(p->h.session_id, 22552);
	feed(p, "plain-08-ICCN", sid, false);
	ck_assert_int_eq(p->app.sessions_up, 1);
	ck_assert_int_eq(p->dp.sessions, 1);
	feed(p, "plain-10-CDN", sid, false);
	ck_assert_int_eq(p->app.sessions_down, 1);
	ck_assert_uint_eq(p->app.last_session_down.result, 1);
	feed(p, "plain-12-StopCCN", 0, false);
	ck_assert_int_eq(p->app.tunnels_down, 1);
	ck_assert(p->app.last_tunnel_down.by_peer);
	ck_assert_int_eq(p->dp.tunnels, 0);
	ck_assert_int_eq(probe_next(p), -1);
	ck_assert_uint_eq(engine_stats(p->eng)->rx_malformed, 0);
	probe_free(p);
}
END_TEST

/* xl2tpd's challenging SCCRQ: our SCCRP answers it as MD5 says (§4.2). */
START_TEST(test_xl2tpd_challenge)
{
	struct l2tp_secret secret = {
		(const uint8_t *)XL2TPD_SECRET, strlen(XL2TPD_SECRET),
	};
	struct probe *p = xl2tpd_probe(true);
	struct l2tp_msg *sccrq = malloc(sizeof(*sccrq));
	struct l2tp_hdr h;
	struct capture c;

	ck_assert_ptr_nonnull(sccrq);
	capture_load(&c, "hidden-01-SCCRQ");
	ck_assert_int_eq(l2tp_ctrl_decode(&h, sccrq, c.data, c.len, NULL,
					  NULL), 0);
	probe_send_raw(p, c.data, c.len, true);
	probe_expect(p, L2TP_MSG_SCCRP);
	ck_assert(l2tp_msg_has(&p->m, L2TP_AVP_CHALLENGE));
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCRP, &secret,
					  sccrq->challenge.ptr,
					  sccrq->challenge.len,
					  p->m.chal_resp.ptr,
					  p->m.chal_resp.len), 0);
	/* xl2tpd's SCCCN answers its own LNS's challenge, not ours. */
	p->eng_tid = p->m.tunnel_id;
	feed(p, "hidden-03-SCCCN", 0, false);
	probe_expect(p, L2TP_MSG_STOPCCN);
	ck_assert_uint_eq(p->m.result.result, L2TP_STOPCCN_NOT_AUTHORIZED);
	free(sccrq);
	probe_free(p);
}
END_TEST

/* Our engine as the LAC of xl2tpd's LNS: its SCCRP and ICRP taken. */
START_TEST(test_xl2tpd_lns)
{
	struct engine_tunnel_params params = { 0 };
	struct probe *p = xl2tpd_probe(false);
	struct tunnel *t = probe_engine_client(p, &params);
	struct session *s;

	feed(p, "plain-02-SCCRP", 0, false);
	probe_expect(p, L2TP_MSG_SCCCN);
	ck_assert_uint_eq(p->h.tunnel_id, 4922);
	ck_assert(tunnel_is_up(t));
	ck_assert_str_eq(tunnel_peer_info(t)->host_name, "lns");
	s = engine_call_incoming(t, &(struct engine_call){ 0 });
	probe_expect(p, L2TP_MSG_ICRQ);
	feed(p, "plain-06-ICRP", session_id(s), false);
	probe_expect(p, L2TP_MSG_ICCN);
	ck_assert_uint_eq(p->h.session_id, 53150);
	ck_assert(session_is_up(s));
	ck_assert_uint_eq(engine_stats(p->eng)->rx_malformed, 0);
	probe_free(p);
}
END_TEST

Suite *suite_engine_xl2tpd(void)
{
	Suite *s = suite_create("engine_xl2tpd");
	TCase *tc = tcase_create("captures");

	tcase_add_test(tc, test_xl2tpd_lac);
	tcase_add_test(tc, test_xl2tpd_challenge);
	tcase_add_test(tc, test_xl2tpd_lns);
	suite_add_tcase(s, tc);
	return s;
}
