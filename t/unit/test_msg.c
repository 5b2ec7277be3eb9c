// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "msg.h"
#include "sample.h"
#include "suites.h"

#define BIT(t)		L2TP_AVP_BIT(t)
#define RV_BIT		BIT(L2TP_AVP_RANDOM_VECTOR)

/* Heap-allocated so that ASan sees every overrun of the decoder. */
struct fixture {
	struct l2tp_msg *in;
	struct l2tp_msg *out;
	uint8_t *pkt;
	uint8_t *tmp;
};

static struct fixture fx;

static void setup(void)
{
	fx.in = calloc(1, sizeof(*fx.in));
	fx.out = calloc(1, sizeof(*fx.out));
	fx.pkt = calloc(1, 4096);
	fx.tmp = calloc(1, 4096);
	ck_assert(fx.in && fx.out && fx.pkt && fx.tmp);
}

static void teardown(void)
{
	free(fx.in);
	free(fx.out);
	free(fx.pkt);
	free(fx.tmp);
}

static int decode(const uint8_t *pkt, size_t len,
		  const struct l2tp_secret *secret, struct l2tp_decode_err *de)
{
	struct l2tp_hdr h;

	return l2tp_ctrl_decode(&h, fx.out, pkt, len, secret, de);
}

static void roundtrip(uint16_t type, const struct l2tp_secret *secret,
		      uint64_t hide)
{
	const struct l2tp_msg_desc *md = l2tp_msg_desc(type);
	uint64_t want = (md->required | md->optional) & ~RV_BIT;
	struct l2tp_decode_err de;
	struct l2tp_hdr h;
	size_t len;
	int err;

	sample_fill_msg(fx.in, type);
	len = sample_encode(fx.in, fx.pkt, 4096, secret, hide);
	err = l2tp_ctrl_decode(&h, fx.out, fx.pkt, len, secret, &de);
	ck_assert_msg(err == 0, "%s: %s (AVP %u)", md->name, l2tp_strerror(err),
		      de.avp_type);
	ck_assert_uint_eq(h.length, len);
	ck_assert_uint_eq(h.tunnel_id, 1);
	ck_assert_uint_eq(h.session_id, 2);
	ck_assert_uint_eq(h.ns, 3);
	ck_assert_uint_eq(h.nr, 4);
	ck_assert_uint_eq(fx.out->type, type);
	ck_assert(fx.out->unexpected == 0 && fx.out->skipped == 0);
	hide &= l2tp_avp_hideable_mask() & want;
	if (hide)
		want |= RV_BIT;
	ck_assert_msg(fx.out->present == want, "%s present %llx want %llx",
		      md->name, (unsigned long long)fx.out->present,
		      (unsigned long long)want);
	ck_assert(fx.out->hidden == hide);
	sample_assert_equal(fx.in, fx.out, want & ~RV_BIT);
}

/* Every message type, plain and with every hideable AVP hidden. */
START_TEST(test_roundtrip_every_message)
{
	unsigned int t;

	for (t = 0; t <= L2TP_MSG_MAX; t++) {
		if (!l2tp_msg_desc((uint16_t)t))
			continue;
		roundtrip((uint16_t)t, NULL, 0);
		roundtrip((uint16_t)t, &sample_secret, 0);
		roundtrip((uint16_t)t, &sample_secret, ~UINT64_C(0));
	}
}
END_TEST

START_TEST(test_msg_table)
{
	static const char *const names[] = {
		"ZLB", "SCCRQ", "SCCRP", "SCCCN", "StopCCN", NULL, "HELLO",
		"OCRQ", "OCRP", "OCCN", "ICRQ", "ICRP", "ICCN", NULL, "CDN",
		"WEN", "SLI",
	};
	unsigned int t;

	for (t = 0; t < 20; t++) {
		const struct l2tp_msg_desc *md = l2tp_msg_desc((uint16_t)t);
		const char *want = t < 17 ? names[t] : NULL;

		ck_assert_msg(!md == !want, "type %u", t);
		if (!md)
			continue;
		ck_assert_str_eq(md->name, want);
		ck_assert_str_eq(l2tp_msg_name((uint16_t)t), want);
		ck_assert(!(md->required & md->optional));
		ck_assert_int_eq(md->session, t >= 7);
		if (t != L2TP_MSG_ZLB)
			ck_assert(md->required & BIT(L2TP_AVP_MESSAGE_TYPE));
	}
	ck_assert_str_eq(l2tp_msg_name(5), "unknown");
}
END_TEST

/* Every required AVP of every message, left out, is reported by type. */
START_TEST(test_missing_required)
{
	struct l2tp_decode_err de;
	unsigned int t, a;

	for (t = 1; t <= L2TP_MSG_MAX; t++) {
		const struct l2tp_msg_desc *md = l2tp_msg_desc((uint16_t)t);
		size_t len, n;

		if (!md)
			continue;
		sample_fill_msg(fx.in, (uint16_t)t);
		len = sample_encode(fx.in, fx.pkt, 4096, NULL, 0);
		for (a = 1; a <= L2TP_AVP_TYPE_MAX; a++) {
			if (!(md->required & BIT(a)))
				continue;
			n = sample_strip_avp(fx.pkt, len, (uint16_t)a, fx.tmp);
			ck_assert_int_eq(decode(fx.tmp, n, NULL, &de),
					 -L2TP_E_MSG_MISSING_AVP);
			ck_assert_int_eq(de.code, -L2TP_E_MSG_MISSING_AVP);
			ck_assert_uint_eq(de.avp_type, a);
			ck_assert(de.missing == BIT(a));
			ck_assert_uint_eq(de.msg_type, t);
			ck_assert_int_eq(de.session, md->session);
			/* The rest was decoded: the caller can still answer. */
			ck_assert(fx.out->present ==
				  ((md->required | md->optional) & ~RV_BIT & ~BIT(a)));
		}
	}
}
END_TEST

/* Builds a control message from raw AVP bytes. */
static size_t build(uint8_t *pkt, const uint8_t *avps, size_t n)
{
	static const uint8_t hdr[] = {
		0xc8, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
	};

	memcpy(pkt, hdr, sizeof(hdr));
	memcpy(pkt + sizeof(hdr), avps, n);
	pkt[2] = (uint8_t)((sizeof(hdr) + n) >> 8);
	pkt[3] = (uint8_t)(sizeof(hdr) + n);
	return sizeof(hdr) + n;
}

#define MSG_HELLO	0x80, 0x08, 0, 0, 0, 0, 0, 6
#define MSG_STOPCCN	0x80, 0x08, 0, 0, 0, 0, 0, 4
#define MSG_CDN		0x80, 0x08, 0, 0, 0, 0, 0, 14
#define TUNNEL_ID	0x80, 0x08, 0, 0, 0, 9, 0x12, 0x34
#define SESSION_ID	0x80, 0x08, 0, 0, 0, 14, 0x56, 0x78

struct bad_case {
	const char *what;
	uint8_t avps[48];
	size_t len;
	int err;
	uint16_t avp_type;
	uint16_t avp_vendor;
	bool session;
	uint16_t error;		/* suggested Error Code */
};

#define CASE(w, e, t, v, s, ec, ...) \
	{ w, { __VA_ARGS__ }, sizeof((uint8_t[]){ __VA_ARGS__ }), e, t, v, s, ec }

static const struct bad_case bad_cases[] = {
	CASE("AVP length under 6", -L2TP_E_AVP_SHORT, 9, 0, false, 2,
	     MSG_STOPCCN, 0x80, 0x05, 0, 0, 0, 9, 0x12, 0x34),
	CASE("AVP past the end", -L2TP_E_AVP_OVERRUN, 9, 0, false, 2,
	     MSG_STOPCCN, 0x80, 0x09, 0, 0, 0, 9, 0x12, 0x34),
	CASE("AVP header cut short", -L2TP_E_AVP_OVERRUN, 0, 0, false, 2,
	     MSG_STOPCCN, 0x80, 0x08, 0),
	CASE("length outside the type's bounds", -L2TP_E_AVP_BAD_LEN, 9, 0,
	     false, 2, MSG_STOPCCN, 0x80, 0x09, 0, 0, 0, 9, 0x12, 0x34, 0x56),
	CASE("Result Code of 9 bytes", -L2TP_E_AVP_BAD_LEN, 1, 0, false, 2,
	     MSG_STOPCCN, TUNNEL_ID, 0x80, 0x09, 0, 0, 0, 1, 0, 1, 0),
	CASE("Message Type of 3 bytes", -L2TP_E_AVP_BAD_LEN, 0, 0, false, 2,
	     0x80, 0x09, 0, 0, 0, 0, 0, 6, 0),
	CASE("unknown IETF AVP with M", -L2TP_E_AVP_UNKNOWN_M, 45, 0, false, 8,
	     MSG_HELLO, 0x80, 0x06, 0, 0, 0, 45),
	CASE("unknown vendor AVP with M in a session", -L2TP_E_AVP_UNKNOWN_M,
	     1, 311, true, 8,
	     MSG_CDN, 0x80, 0x07, 0x01, 0x37, 0, 1, 0xff),
	CASE("reserved bit with M", -L2TP_E_AVP_UNKNOWN_M, 9, 0, false, 8,
	     MSG_STOPCCN, 0x84, 0x08, 0, 0, 0, 9, 0x12, 0x34),
	CASE("hidden without Random Vector", -L2TP_E_HIDDEN_NO_RV, 9, 0,
	     false, 3, MSG_STOPCCN, 0xc0, 0x08, 0, 0, 0, 9, 0x12, 0x34),
	CASE("M bit clear", -L2TP_E_AVP_M_MISSING, 9, 0, false, 3,
	     MSG_STOPCCN, 0x00, 0x08, 0, 0, 0, 9, 0x12, 0x34),
	CASE("Message Type without M", -L2TP_E_AVP_M_MISSING, 0, 0, false, 3,
	     0x00, 0x08, 0, 0, 0, 0, 0, 6),
	CASE("Result Code hidden", -L2TP_E_AVP_NOT_HIDEABLE, 1, 0, false, 3,
	     MSG_STOPCCN, 0xc0, 0x08, 0, 0, 0, 1, 0, 1),
	CASE("Message Type hidden", -L2TP_E_AVP_NOT_HIDEABLE, 0, 0, false, 3,
	     0xc0, 0x08, 0, 0, 0, 0, 0, 6),
	CASE("duplicate", -L2TP_E_AVP_DUPLICATE, 9, 0, false, 3,
	     MSG_STOPCCN, TUNNEL_ID, TUNNEL_ID),
	CASE("duplicate unexpected AVP", -L2TP_E_AVP_DUPLICATE, 14, 0, false, 3,
	     MSG_HELLO, SESSION_ID, SESSION_ID),
	CASE("duplicate Message Type", -L2TP_E_AVP_DUPLICATE, 0, 0, false, 3,
	     MSG_HELLO, MSG_HELLO),
	CASE("Message Type not first", -L2TP_E_MSG_TYPE_FIRST, 9, 0, false, 3,
	     TUNNEL_ID, MSG_STOPCCN),
	CASE("vendor Message Type", -L2TP_E_MSG_TYPE_FIRST, 0, 9, false, 3,
	     0x80, 0x08, 0, 9, 0, 0, 0, 6),
	CASE("unknown message type with M", -L2TP_E_MSG_UNKNOWN_M, 0, 0, false, 8,
	     0x80, 0x08, 0, 0, 0, 0, 0, 5),
	CASE("message type 0 with M", -L2TP_E_MSG_UNKNOWN_M, 0, 0, false, 8,
	     0x80, 0x08, 0, 0, 0, 0, 0, 0),
	CASE("unknown message type without M", -L2TP_E_MSG_UNKNOWN, 0, 0, false, 0,
	     0x00, 0x08, 0, 0, 0, 0, 0, 17),
	CASE("missing Result Code", -L2TP_E_MSG_MISSING_AVP, 1, 0, false, 3,
	     MSG_STOPCCN, TUNNEL_ID),
	CASE("missing in a session", -L2TP_E_MSG_MISSING_AVP, 1, 0, true, 3,
	     MSG_CDN, SESSION_ID),
};

START_TEST(test_bad_messages)
{
	const struct bad_case *c = &bad_cases[_i];
	struct l2tp_decode_err de;
	size_t len = build(fx.pkt, c->avps, c->len);
	int err = decode(fx.pkt, len, &sample_secret, &de);

	ck_assert_msg(err == c->err, "%s: got %s", c->what, l2tp_strerror(err));
	ck_assert_int_eq(de.code, c->err);
	ck_assert_msg(de.avp_type == c->avp_type, "%s: AVP %u", c->what,
		      de.avp_type);
	ck_assert_uint_eq(de.avp_vendor, c->avp_vendor);
	ck_assert_msg(de.session == c->session, "%s: session", c->what);
	ck_assert_uint_eq(de.error, c->error);
	ck_assert_uint_eq(de.result, c->error ? 2 : 0);
	ck_assert_uint_eq(de.tunnel_id, 1);
}
END_TEST

/* The same message without a secret: -L2TP_E_HIDDEN_NO_SECRET. */
START_TEST(test_hidden_no_secret)
{
	struct l2tp_decode_err de;
	size_t len;

	sample_fill_msg(fx.in, L2TP_MSG_ICRQ);
	len = sample_encode(fx.in, fx.pkt, 4096, &sample_secret,
			    BIT(L2TP_AVP_CALLING_NUMBER));
	ck_assert_int_eq(decode(fx.pkt, len, &sample_secret, &de), 0);
	ck_assert(fx.out->hidden == BIT(L2TP_AVP_CALLING_NUMBER));
	ck_assert_int_eq(decode(fx.pkt, len, NULL, &de), -L2TP_E_HIDDEN_NO_SECRET);
	ck_assert_uint_eq(de.avp_type, L2TP_AVP_CALLING_NUMBER);
	ck_assert(de.session);
	/* The wrong secret garbles the inner length, or the value. */
	{
		struct l2tp_secret other = { (const uint8_t *)"other", 5 };
		int err = decode(fx.pkt, len, &other, &de);

		ck_assert(err == -L2TP_E_HIDDEN_LEN || err == 0);
	}
}
END_TEST

/* A hidden value whose inner Original Length runs past the value. */
START_TEST(test_hidden_inner_length)
{
	static const uint8_t rv[4] = { 1, 2, 3, 4 };
	const struct l2tp_bytes rvb = { rv, sizeof(rv) };
	uint8_t avps[64] = { MSG_STOPCCN, 0x80, 0x0a, 0, 0, 0, 36, 1, 2, 3, 4,
			     0xc0, 0x0c, 0, 0, 0, 9, 0x00, 0x05, 0x12, 0x34, 0, 0 };
	struct l2tp_decode_err de;
	size_t len;

	ck_assert_int_eq(l2tp_avp_hide(9, &sample_secret, &rvb, avps + 24, 6), 0);
	len = build(fx.pkt, avps, 30);
	ck_assert_int_eq(decode(fx.pkt, len, &sample_secret, &de),
			 -L2TP_E_HIDDEN_LEN);
	ck_assert_uint_eq(de.avp_type, 9);
	ck_assert_uint_eq(de.avp_off, 18);
	ck_assert_uint_eq(de.error, L2TP_ERR_BAD_LENGTH);

	/* Original Length 3: inside the value but outside the type's bounds. */
	memcpy(avps + 24, "\x00\x03\x12\x34\x00\x00", 6);
	ck_assert_int_eq(l2tp_avp_hide(9, &sample_secret, &rvb, avps + 24, 6), 0);
	len = build(fx.pkt, avps, 30);
	ck_assert_int_eq(decode(fx.pkt, len, &sample_secret, &de),
			 -L2TP_E_AVP_BAD_LEN);

	/* Original Length 2 with padding: fine. */
	memcpy(avps + 24, "\x00\x02\x12\x34\x00\x00", 6);
	ck_assert_int_eq(l2tp_avp_hide(9, &sample_secret, &rvb, avps + 24, 6), 0);
	len = build(fx.pkt, avps, 30);
	ck_assert_int_eq(decode(fx.pkt, len, &sample_secret, &de),
			 -L2TP_E_MSG_MISSING_AVP);
	ck_assert_uint_eq(fx.out->tunnel_id, 0x1234);
	ck_assert_uint_eq(de.avp_type, L2TP_AVP_RESULT_CODE);
}
END_TEST

START_TEST(test_vendor_and_unknown)
{
	static const uint8_t avps[] = {
		MSG_HELLO,
		0x00, 0x0a, 0x01, 0x37, 0x00, 0x05, 'a', 'b', 'c', 'd',	/* vendor 311 */
		0x00, 0x07, 0x00, 0x00, 0x00, 0x2d, 0xee,		/* IETF 45, no M */
		0x04, 0x08, 0x00, 0x00, 0x00, 0x09, 0x12, 0x34,	/* reserved bit */
		0x40, 0x07, 0x00, 0x09, 0x00, 0x01, 0x77,		/* hidden vendor */
	};
	struct l2tp_decode_err de;
	size_t len = build(fx.pkt, avps, sizeof(avps));

	ck_assert_int_eq(decode(fx.pkt, len, NULL, &de), 0);
	ck_assert_uint_eq(fx.out->type, L2TP_MSG_HELLO);
	ck_assert(fx.out->present == BIT(L2TP_AVP_MESSAGE_TYPE));
	ck_assert_uint_eq(fx.out->skipped, 2);
	ck_assert_uint_eq(fx.out->n_vendor, 2);
	ck_assert_uint_eq(fx.out->vendor[0].vendor, 311);
	ck_assert_uint_eq(fx.out->vendor[0].type, 5);
	ck_assert(!fx.out->vendor[0].mandatory && !fx.out->vendor[0].hidden);
	ck_assert_uint_eq(fx.out->vendor[0].value.len, 4);
	ck_assert_mem_eq(fx.out->vendor[0].value.ptr, "abcd", 4);
	ck_assert(fx.out->vendor[1].hidden);
	ck_assert_uint_eq(fx.out->vendor[1].vendor, 9);

	/* Vendor AVPs survive a re-encode unchanged. */
	ck_assert_int_eq(sample_encode(fx.out, fx.tmp, 4096, NULL, 0),
			 12 + 8 + 10 + 7);
	ck_assert_mem_eq(fx.tmp + 20, avps + 8, 10);
	ck_assert_mem_eq(fx.tmp + 30, avps + 33, 7);
}
END_TEST

START_TEST(test_vendor_overflow)
{
	uint8_t avps[8 + 7 * 12] = { MSG_HELLO };
	size_t i;

	for (i = 0; i < 12; i++)
		memcpy(avps + 8 + 7 * i, "\x00\x07\x00\x09\x00\x01\x00", 7);
	ck_assert_int_eq(decode(fx.pkt, build(fx.pkt, avps, sizeof(avps)),
				NULL, NULL), 0);
	ck_assert_uint_eq(fx.out->n_vendor, L2TP_MSG_MAX_VENDOR);
	ck_assert_uint_eq(fx.out->vendor_dropped, 12 - L2TP_MSG_MAX_VENDOR);
}
END_TEST

START_TEST(test_result_code_forms)
{
	/* MikroTik: StopCCN with a Result Code of length 8 (§4.4.2). */
	static const uint8_t mikrotik[] = {
		MSG_STOPCCN, 0x80, 0x08, 0, 0, 0, 1, 0, 6, TUNNEL_ID,
	};
	static const uint8_t full[] = {
		MSG_CDN, SESSION_ID,
		0x80, 0x0e, 0, 0, 0, 1, 0, 2, 0, 6, 'o', 'o', 'p', 's',
	};
	static const uint8_t error_only[] = {
		MSG_CDN, SESSION_ID, 0x80, 0x0a, 0, 0, 0, 1, 0, 3, 0, 0,
	};
	struct l2tp_result *r = &fx.out->result;

	ck_assert_int_eq(decode(fx.pkt, build(fx.pkt, mikrotik, sizeof(mikrotik)),
				NULL, NULL), 0);
	ck_assert_uint_eq(r->result, L2TP_STOPCCN_SHUTTING_DOWN);
	ck_assert(!r->has_error);
	ck_assert_uint_eq(r->message.len, 0);
	ck_assert_uint_eq(fx.out->tunnel_id, 0x1234);

	ck_assert_int_eq(decode(fx.pkt, build(fx.pkt, full, sizeof(full)),
				NULL, NULL), 0);
	ck_assert_uint_eq(r->result, 2);
	ck_assert(r->has_error);
	ck_assert_uint_eq(r->error, 6);
	ck_assert_uint_eq(r->message.len, 4);
	ck_assert_mem_eq(r->message.ptr, "oops", 4);
	ck_assert_uint_eq(fx.out->session_id, 0x5678);

	ck_assert_int_eq(decode(fx.pkt, build(fx.pkt, error_only,
					      sizeof(error_only)), NULL, NULL), 0);
	ck_assert(r->has_error);
	ck_assert_uint_eq(r->error, 0);
	ck_assert_uint_eq(r->message.len, 0);

	/* Encoding the 2-byte form gives AVP length 8 again. */
	l2tp_msg_init(fx.in, L2TP_MSG_STOPCCN);
	l2tp_msg_set(fx.in, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	fx.in->tunnel_id = 0x1234;
	l2tp_msg_set(fx.in, L2TP_AVP_RESULT_CODE);
	fx.in->result.result = 6;
	ck_assert_uint_eq(sample_encode(fx.in, fx.tmp, 4096, NULL, 0),
			  12 + sizeof(mikrotik));
	ck_assert_mem_eq(fx.tmp + 12, mikrotik, sizeof(mikrotik));
}
END_TEST

START_TEST(test_unexpected_and_rv)
{
	/* A HELLO with an Assigned Session ID and two Random Vectors. */
	static const uint8_t avps[] = {
		MSG_HELLO, 0x80, 0x07, 0, 0, 0, 36, 0x11, SESSION_ID,
		0x80, 0x08, 0, 0, 0, 36, 0x22, 0x33,
	};

	ck_assert_int_eq(decode(fx.pkt, build(fx.pkt, avps, sizeof(avps)),
				NULL, NULL), 0);
	ck_assert(fx.out->present == (BIT(0) | RV_BIT));
	ck_assert(fx.out->unexpected == BIT(L2TP_AVP_ASSIGNED_SESSION_ID));
	/* The last Random Vector is the one in force (§4.3). */
	ck_assert_uint_eq(fx.out->random_vector.len, 2);
	ck_assert_mem_eq(fx.out->random_vector.ptr, "\x22\x33", 2);
}
END_TEST

START_TEST(test_zlb)
{
	static const uint8_t zlb[] = {
		0xc8, 0x02, 0x00, 0x0c, 0x00, 0x01, 0x00, 0x02,
		0x00, 0x03, 0x00, 0x04,
	};

	l2tp_msg_init(fx.in, L2TP_MSG_ZLB);
	ck_assert_uint_eq(sample_encode(fx.in, fx.pkt, 4096, NULL, 0), 12);
	ck_assert_mem_eq(fx.pkt, zlb, sizeof(zlb));
	fx.out->type = 99;
	ck_assert_int_eq(decode(zlb, sizeof(zlb), NULL, NULL), 0);
	ck_assert_uint_eq(fx.out->type, L2TP_MSG_ZLB);
	ck_assert(fx.out->present == 0);
}
END_TEST

START_TEST(test_ctrl_decode_errors)
{
	static const uint8_t data[] = { 0x00, 0x02, 0x00, 0x01, 0x00, 0x02, 0xff, 0x03 };
	static const uint8_t unknown[] = { 0x80, 0x08, 0, 0, 0, 0, 0, 5 };
	struct l2tp_decode_err de;
	size_t len;

	ck_assert_int_eq(decode(data, sizeof(data), NULL, &de), -L2TP_E_NOT_CONTROL);
	ck_assert_int_eq(decode(data, 1, NULL, &de), -L2TP_E_HDR_SHORT);
	ck_assert_int_eq(de.code, -L2TP_E_HDR_SHORT);
	/* Unknown message type: the header's session id decides. */
	len = build(fx.pkt, unknown, sizeof(unknown));
	fx.pkt[7] = 9;
	ck_assert_int_eq(decode(fx.pkt, len, NULL, &de), -L2TP_E_MSG_UNKNOWN_M);
	ck_assert(de.session);
	ck_assert_uint_eq(de.session_id, 9);
	ck_assert_uint_eq(de.msg_type, 5);
	/* l2tp_msg_decode alone, de optional. */
	ck_assert_int_eq(l2tp_msg_decode(fx.out, unknown, sizeof(unknown), NULL,
					 NULL), -L2TP_E_MSG_UNKNOWN_M);
}
END_TEST

START_TEST(test_encode_errors)
{
	struct wbuf w;
	size_t full;

	wbuf_init(&w, fx.pkt, 4096);
	l2tp_msg_init(fx.in, 5);
	ck_assert_int_eq(l2tp_msg_encode(fx.in, &w, 1, 0, 0, 0, NULL, 0),
			 -L2TP_E_MSG_UNKNOWN);
	sample_fill_msg(fx.in, L2TP_MSG_SCCRQ);
	fx.in->present &= ~BIT(L2TP_AVP_HOST_NAME);
	ck_assert_int_eq(l2tp_msg_encode(fx.in, &w, 1, 0, 0, 0, NULL, 0),
			 -L2TP_E_MSG_MISSING_AVP);
	sample_fill_msg(fx.in, L2TP_MSG_SCCRQ);
	sample_fill_avp(fx.in, L2TP_AVP_RESULT_CODE);
	ck_assert_int_eq(l2tp_msg_encode(fx.in, &w, 1, 0, 0, 0, NULL, 0),
			 -L2TP_E_AVP_NOT_ALLOWED);
	sample_fill_msg(fx.in, L2TP_MSG_SCCRQ);
	ck_assert_int_eq(l2tp_msg_encode(fx.in, &w, 1, 0, 0, 0, NULL,
					 BIT(L2TP_AVP_ASSIGNED_TUNNEL_ID)),
			 -L2TP_E_HIDDEN_NO_SECRET);
	/* Non-hideable bits in hide_mask are ignored. */
	ck_assert_int_eq(l2tp_msg_encode(fx.in, &w, 1, 0, 0, 0, NULL,
					 BIT(L2TP_AVP_HOST_NAME)), 0);
	full = w.len;
	ck_assert_int_eq(decode(fx.pkt, full, NULL, NULL), 0);
	ck_assert(fx.out->hidden == 0);
	/* A string over 1017 bytes. */
	fx.in->host_name.len = 1018;
	fx.in->host_name.ptr = fx.tmp;
	wbuf_init(&w, fx.pkt, 4096);
	ck_assert_int_eq(l2tp_msg_encode(fx.in, &w, 1, 0, 0, 0, NULL, 0),
			 -L2TP_E_AVP_TOO_LONG);
	ck_assert_uint_eq(w.len, 0);
	/* Every buffer too small fails cleanly and leaves nothing behind. */
	sample_fill_msg(fx.in, L2TP_MSG_SCCRQ);
	for (size_t cap = 0; cap < full; cap++) {
		wbuf_init(&w, fx.pkt, cap);
		ck_assert_int_eq(l2tp_msg_encode(fx.in, &w, 1, 0, 0, 0, NULL, 0),
				 -L2TP_E_NOSPACE);
		ck_assert_uint_eq(w.len, 0);
	}
}
END_TEST

/* Decoding must never crash: every prefix and every single-bit flip. */
static void mangle(uint16_t type, uint64_t hide)
{
	struct l2tp_decode_err de;
	size_t len, n, bit;
	int err;

	sample_fill_msg(fx.in, type);
	len = sample_encode(fx.in, fx.pkt, 4096, &sample_secret, hide);
	for (n = 0; n < len; n++) {
		memcpy(fx.tmp, fx.pkt, n);
		err = decode(fx.tmp, n, &sample_secret, &de);
		ck_assert_msg(err < 0, "%s: prefix %zu decoded", l2tp_msg_name(type), n);
		ck_assert_int_eq(de.code, err);
		/* The same prefix with Length fixed: AVP-level rejection. */
		if (n >= L2TP_CTRL_HDR_LEN) {
			fx.tmp[2] = (uint8_t)(n >> 8);
			fx.tmp[3] = (uint8_t)n;
			err = decode(fx.tmp, n, &sample_secret, &de);
			ck_assert(err <= 0 && de.code == err);
		}
	}
	for (bit = 0; bit < len * 8; bit++) {
		memcpy(fx.tmp, fx.pkt, len);
		fx.tmp[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		err = decode(fx.tmp, len, &sample_secret, &de);
		ck_assert(err <= 0 && de.code == err);
	}
}

START_TEST(test_truncated_and_flipped)
{
	unsigned int t;

	for (t = 0; t <= L2TP_MSG_MAX; t++) {
		if (!l2tp_msg_desc((uint16_t)t))
			continue;
		mangle((uint16_t)t, 0);
		mangle((uint16_t)t, ~UINT64_C(0));
	}
}
END_TEST

Suite *suite_msg(void)
{
	Suite *s = suite_create("msg");
	TCase *tc = tcase_create("msg");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_msg_table);
	tcase_add_test(tc, test_roundtrip_every_message);
	tcase_add_test(tc, test_missing_required);
	tcase_add_loop_test(tc, test_bad_messages, 0,
			    sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tc, test_hidden_no_secret);
	tcase_add_test(tc, test_hidden_inner_length);
	tcase_add_test(tc, test_vendor_and_unknown);
	tcase_add_test(tc, test_vendor_overflow);
	tcase_add_test(tc, test_result_code_forms);
	tcase_add_test(tc, test_unexpected_and_rv);
	tcase_add_test(tc, test_zlb);
	tcase_add_test(tc, test_ctrl_decode_errors);
	tcase_add_test(tc, test_encode_errors);
	tcase_add_test(tc, test_truncated_and_flipped);
	suite_add_tcase(s, tc);
	return s;
}
