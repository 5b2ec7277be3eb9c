// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Real xl2tpd 1.3.18 control messages (t/data/README): each decodes to the
 * values tshark shows for t/data/xl2tpd-*.pcap, and the challenge responses
 * check out. Regenerating the captures changes ids and challenges: update
 * the tables below with `tshark -r t/data/xl2tpd-plain.pcap -V`.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "msg.h"
#include "sample.h"
#include "suites.h"

#define B(t)	L2TP_AVP_BIT(L2TP_AVP_##t)
#define SCCRX	(B(MESSAGE_TYPE) | B(PROTOCOL_VERSION) | B(FRAMING_CAP) | \
		 B(BEARER_CAP) | B(FIRMWARE_REV) | B(HOST_NAME) |	   \
		 B(VENDOR_NAME) | B(ASSIGNED_TUNNEL_ID) | B(RECV_WINDOW_SIZE))
#define ICRQ	(B(MESSAGE_TYPE) | B(ASSIGNED_SESSION_ID) |		\
		 B(CALL_SERIAL_NUMBER) | B(BEARER_TYPE))
#define ICCN	(B(MESSAGE_TYPE) | B(TX_CONNECT_SPEED) | B(FRAMING_TYPE) | \
		 B(RX_CONNECT_SPEED))
#define RV	B(RANDOM_VECTOR)

static const struct l2tp_secret secret = {
	(const uint8_t *)"l2tpd-test-secret", 17,
};

struct capture {
	const char *file;
	uint16_t type, tid, sid, ns, nr;
	uint64_t present;
	bool same_bytes;	/* xl2tpd's AVP order is ours: re-encodes equal */
};

static const struct capture captures[] = {
	{ "plain-01-SCCRQ", 1, 0, 0, 0, 0, SCCRX, true },
	{ "plain-02-SCCRP", 2, 54051, 0, 0, 1, SCCRX, true },
	{ "plain-03-SCCCN", 3, 4922, 0, 1, 1, B(MESSAGE_TYPE), true },
	{ "plain-04-ZLB", 0, 54051, 0, 1, 2, 0, true },
	{ "plain-05-ICRQ", 10, 4922, 0, 2, 1, ICRQ, true },
	{ "plain-06-ICRP", 11, 54051, 22552, 1, 3,
	  B(MESSAGE_TYPE) | B(ASSIGNED_SESSION_ID), true },
	{ "plain-08-ICCN", 12, 4922, 53150, 3, 2, ICCN, false },
	{ "plain-10-CDN", 14, 4922, 53150, 4, 2,
	  B(MESSAGE_TYPE) | B(RESULT_CODE) | B(ASSIGNED_SESSION_ID), true },
	{ "plain-12-StopCCN", 4, 4922, 0, 5, 2,
	  B(MESSAGE_TYPE) | B(ASSIGNED_TUNNEL_ID) | B(RESULT_CODE), false },
	{ "plain-13-ZLB", 0, 54051, 0, 2, 6, 0, true },
	{ "hidden-01-SCCRQ", 1, 0, 0, 0, 0, SCCRX | RV | B(CHALLENGE), true },
	{ "hidden-02-SCCRP", 2, 36653, 0, 0, 1,
	  SCCRX | RV | B(CHALLENGE) | B(CHALLENGE_RESPONSE), false },
	{ "hidden-03-SCCCN", 3, 64258, 0, 1, 1,
	  B(MESSAGE_TYPE) | RV | B(CHALLENGE_RESPONSE), true },
	{ "hidden-04-ICRQ", 10, 64258, 0, 2, 1, ICRQ | RV, true },
	{ "hidden-06-ICRP", 11, 36653, 53928, 1, 3,
	  B(MESSAGE_TYPE) | RV | B(ASSIGNED_SESSION_ID), true },
	{ "hidden-08-ICCN", 12, 64258, 30523, 3, 2, ICCN | RV, false },
	{ "hidden-10-CDN", 14, 64258, 30523, 4, 2,
	  B(MESSAGE_TYPE) | RV | B(RESULT_CODE) | B(ASSIGNED_SESSION_ID), true },
	{ "hidden-12-StopCCN", 4, 64258, 0, 5, 2,
	  B(MESSAGE_TYPE) | RV | B(ASSIGNED_TUNNEL_ID) | B(RESULT_CODE), false },
};

struct loaded {
	struct l2tp_hdr h;
	struct l2tp_msg *m;
	uint8_t pkt[2048];
	size_t len;
};

/* Reads t/data/xl2tpd-<name>.bin and decodes it; asserts success. */
static struct loaded *load(const char *name)
{
	struct loaded *l = calloc(1, sizeof(*l));
	char path[512];
	FILE *f;
	int err;

	ck_assert_ptr_nonnull(l);
	l->m = calloc(1, sizeof(*l->m));
	ck_assert_ptr_nonnull(l->m);
	snprintf(path, sizeof(path), "%s/xl2tpd-%s.bin", TEST_DATA_DIR, name);
	f = fopen(path, "rb");
	ck_assert_msg(f, "%s: cannot open", path);
	l->len = fread(l->pkt, 1, sizeof(l->pkt), f);
	fclose(f);
	err = l2tp_ctrl_decode(&l->h, l->m, l->pkt, l->len, &secret, NULL);
	ck_assert_msg(err == 0, "%s: %s", name, l2tp_strerror(err));
	return l;
}

static void unload(struct loaded *l)
{
	free(l->m);
	free(l);
}

static void assert_bytes(const struct l2tp_bytes *b, const char *s)
{
	ck_assert_uint_eq(b->len, strlen(s));
	ck_assert_mem_eq(b->ptr, s, b->len);
}

START_TEST(test_capture)
{
	const struct capture *c = &captures[_i];
	struct loaded *l = load(c->file);
	struct l2tp_msg *again = calloc(1, sizeof(*again));
	uint8_t out[2048];
	struct wbuf w;

	ck_assert_uint_eq(l->h.length, l->len);
	ck_assert_uint_eq(l->m->type, c->type);
	ck_assert_uint_eq(l->h.tunnel_id, c->tid);
	ck_assert_uint_eq(l->h.session_id, c->sid);
	ck_assert_uint_eq(l->h.ns, c->ns);
	ck_assert_uint_eq(l->h.nr, c->nr);
	ck_assert_msg(l->m->present == c->present, "%s: present %llx", c->file,
		      (unsigned long long)l->m->present);
	ck_assert(!l->m->hidden && !l->m->unexpected && !l->m->skipped);
	ck_assert_uint_eq(l->m->n_vendor, 0);

	/* Encode what we decoded: same values, and the same bytes where
	 * xl2tpd orders its AVPs as we do. */
	wbuf_init(&w, out, sizeof(out));
	ck_assert_int_eq(l2tp_msg_encode(l->m, &w, c->tid, c->sid, c->ns, c->nr,
					 NULL, 0), 0);
	ck_assert_uint_eq(w.len, l->len);
	if (c->same_bytes)
		ck_assert_mem_eq(out, l->pkt, l->len);
	ck_assert_int_eq(l2tp_msg_decode(again, out + L2TP_CTRL_HDR_LEN,
					 w.len - L2TP_CTRL_HDR_LEN, NULL, NULL), 0);
	ck_assert(again->present == l->m->present);
	sample_assert_equal(l->m, again, l->m->present);
	free(again);
	unload(l);
}
END_TEST

START_TEST(test_sccrq_values)
{
	struct loaded *l = load("plain-01-SCCRQ");
	struct l2tp_msg *m = l->m;

	ck_assert_uint_eq(m->proto_ver.ver, 1);
	ck_assert_uint_eq(m->proto_ver.rev, 0);
	ck_assert_uint_eq(m->framing_cap, L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC);
	ck_assert_uint_eq(m->bearer_cap, 0);
	ck_assert_uint_eq(m->firmware_rev, 0x0690);
	assert_bytes(&m->host_name, "lac");
	assert_bytes(&m->vendor_name, "xelerance.com");
	ck_assert_uint_eq(m->tunnel_id, 54051);
	ck_assert_uint_eq(m->recv_window, 4);
	unload(l);

	l = load("plain-02-SCCRP");
	assert_bytes(&l->m->host_name, "lns");
	ck_assert_uint_eq(l->m->tunnel_id, 4922);
	unload(l);
}
END_TEST

START_TEST(test_call_values)
{
	struct loaded *l = load("plain-05-ICRQ");

	ck_assert_uint_eq(l->m->session_id, 22552);
	ck_assert_uint_eq(l->m->call_serial, 1);
	ck_assert_uint_eq(l->m->bearer_type, 0);
	unload(l);

	l = load("plain-06-ICRP");
	ck_assert_uint_eq(l->m->session_id, 53150);
	unload(l);

	l = load("plain-08-ICCN");
	ck_assert_uint_eq(l->m->tx_speed, 0);
	ck_assert_uint_eq(l->m->rx_speed, 0);
	ck_assert_uint_eq(l->m->framing_type, L2TP_FRAMING_SYNC);
	unload(l);

	/* CDN: Result Code 1, Error Code 0, no message (AVP length 10). */
	l = load("plain-10-CDN");
	ck_assert_uint_eq(l->m->result.result, L2TP_CDN_LOST_CARRIER);
	ck_assert(l->m->result.has_error);
	ck_assert_uint_eq(l->m->result.error, L2TP_ERR_NONE);
	ck_assert_uint_eq(l->m->result.message.len, 0);
	ck_assert_uint_eq(l->m->session_id, 22552);
	unload(l);

	l = load("plain-12-StopCCN");
	ck_assert_uint_eq(l->m->result.result, L2TP_STOPCCN_GENERAL);
	ck_assert(l->m->result.has_error);
	ck_assert_uint_eq(l->m->result.error, L2TP_ERR_NONE);
	assert_bytes(&l->m->result.message, "Server closing");
	ck_assert_uint_eq(l->m->tunnel_id, 54051);
	unload(l);
}
END_TEST

/*
 * The LNS's SCCRP answers the SCCRQ's challenge (type 2), the LAC's SCCCN
 * the SCCRP's (type 3), RFC 2661 §4.2; also checked with openssl md5.
 */
START_TEST(test_challenge_responses)
{
	struct loaded *rq = load("hidden-01-SCCRQ");
	struct loaded *rp = load("hidden-02-SCCRP");
	struct loaded *cn = load("hidden-03-SCCCN");
	struct l2tp_secret wrong = { (const uint8_t *)"wrong", 5 };

	ck_assert_uint_eq(rq->m->challenge.len, 16);
	ck_assert_mem_eq(rq->m->challenge.ptr,
			 "\xd2\x83\xd3\x58\x50\xe4\x19\x8d"
			 "\xfa\x4f\x8b\xcf\xc8\x59\x59\x74", 16);
	ck_assert_mem_eq(rp->m->chal_resp.ptr,
			 "\xeb\xf5\x9c\xcc\x0d\x2c\x56\xe1"
			 "\x06\xf0\xed\xac\x81\x7c\xb9\x9c", 16);
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCRP, &secret,
					  rq->m->challenge.ptr,
					  rq->m->challenge.len,
					  rp->m->chal_resp.ptr,
					  rp->m->chal_resp.len), 0);
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCCN, &secret,
					  rp->m->challenge.ptr,
					  rp->m->challenge.len,
					  cn->m->chal_resp.ptr,
					  cn->m->chal_resp.len), 0);
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCCN, &wrong,
					  rp->m->challenge.ptr,
					  rp->m->challenge.len,
					  cn->m->chal_resp.ptr,
					  cn->m->chal_resp.len), -L2TP_E_AUTH);
	ck_assert_uint_eq(rq->m->random_vector.len, 16);
	unload(rq);
	unload(rp);
	unload(cn);
}
END_TEST

Suite *suite_xl2tpd(void)
{
	Suite *s = suite_create("xl2tpd");
	TCase *tc = tcase_create("captures");

	tcase_add_loop_test(tc, test_capture, 0,
			    sizeof(captures) / sizeof(captures[0]));
	tcase_add_test(tc, test_sccrq_values);
	tcase_add_test(tc, test_call_values);
	tcase_add_test(tc, test_challenge_responses);
	suite_add_tcase(s, tc);
	return s;
}
