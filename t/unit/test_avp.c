// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "avp.h"
#include "err.h"
#include "sample.h"
#include "suites.h"

static const uint8_t rv_bytes[16] = {
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
	0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
};
static const struct l2tp_bytes rv = { rv_bytes, sizeof(rv_bytes) };

START_TEST(test_table)
{
	unsigned int t, known = 0;

	for (t = 0; t < 64; t++) {
		const struct l2tp_avp_desc *d = l2tp_avp_desc(0, (uint16_t)t);
		bool want = (t <= 39 && t != 20) || t == 46;

		ck_assert_msg(!d == !want, "AVP %u", t);
		if (!d)
			continue;
		known++;
		ck_assert_uint_eq(d->type, t);
		ck_assert_uint_eq(d->vendor, 0);
		ck_assert_uint_le(d->min, d->max);
		ck_assert_uint_le(d->max, L2TP_AVP_MAX_VALUE);
		ck_assert_str_eq(l2tp_avp_name(0, (uint16_t)t), d->name);
	}
	ck_assert_uint_eq(known, 40);
	/* Vendor AVPs are never looked up as IETF ones. */
	ck_assert_ptr_null(l2tp_avp_desc(9, L2TP_AVP_HOST_NAME));
	ck_assert_str_eq(l2tp_avp_name(9, 7), "unknown");
	/* §4.3/§4.4: these must never be hidden. */
	ck_assert(!(l2tp_avp_hideable_mask() &
		    (L2TP_AVP_BIT(L2TP_AVP_MESSAGE_TYPE) |
		     L2TP_AVP_BIT(L2TP_AVP_RANDOM_VECTOR) |
		     L2TP_AVP_BIT(L2TP_AVP_RESULT_CODE) |
		     L2TP_AVP_BIT(L2TP_AVP_HOST_NAME))));
	ck_assert(!(l2tp_avp_desc(0, L2TP_AVP_PPP_DISCONNECT_CAUSE)->flags &
		    L2TP_AVPF_M));
	ck_assert(!(l2tp_avp_desc(0, L2TP_AVP_TIE_BREAKER)->flags & L2TP_AVPF_M));
}
END_TEST

/* Writes AVP t with its sample value, reads it back, compares. */
static void roundtrip_one(uint16_t t, bool hide)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(0, t);
	struct l2tp_msg *in = calloc(1, sizeof(*in));
	struct l2tp_msg *out = calloc(1, sizeof(*out));
	uint8_t buf[2048], plain[2048];
	struct l2tp_avp_hdr a;
	struct l2tp_bytes p;
	struct rbuf r, val;
	struct wbuf w;

	sample_fill_avp(in, t);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(l2tp_avp_put(&w, d, (uint8_t *)in + d->off, hide,
				      &sample_secret, &rv), 0);
	rbuf_init(&r, buf, w.len);
	ck_assert_int_eq(l2tp_avp_hdr_get(&r, &a, &val), 0);
	ck_assert_uint_eq(rbuf_left(&r), 0);
	ck_assert_uint_eq(a.len, w.len);
	ck_assert_uint_eq(a.type, t);
	ck_assert_uint_eq(a.vendor, 0);
	ck_assert_int_eq(a.mandatory, !!(d->flags & L2TP_AVPF_M));
	ck_assert_int_eq(a.hidden, hide);
	ck_assert(!a.reserved);
	if (hide) {
		ck_assert_int_eq(l2tp_avp_unhide(t, &sample_secret, &rv,
						 val.data, val.len, plain, &p), 0);
		rbuf_init(&val, p.ptr, p.len);
	}
	ck_assert_int_eq(l2tp_avp_value_get(d, &val, (uint8_t *)out + d->off), 0);
	sample_assert_value_equal(d, (uint8_t *)in + d->off,
				  (uint8_t *)out + d->off);
	free(in);
	free(out);
}

START_TEST(test_roundtrip_every_avp)
{
	unsigned int t;

	for (t = 0; t <= L2TP_AVP_TYPE_MAX; t++) {
		const struct l2tp_avp_desc *d = l2tp_avp_desc(0, (uint16_t)t);

		if (!d || t == L2TP_AVP_MESSAGE_TYPE)
			continue;
		roundtrip_one((uint16_t)t, false);
		if (d->flags & L2TP_AVPF_HIDE)
			roundtrip_one((uint16_t)t, true);
	}
}
END_TEST

/* Hides sub (Original Length || value) and checks it against ct, then back. */
static void check_hidden_vector(uint16_t type, const char *sub, size_t len,
				const uint8_t *ct)
{
	uint8_t buf[32], out[32];
	struct l2tp_bytes p;

	memcpy(buf, sub, len);
	ck_assert_int_eq(l2tp_avp_hide(type, &sample_secret, &rv, buf, len), 0);
	ck_assert_mem_eq(buf, ct, len);
	ck_assert_int_eq(l2tp_avp_unhide(type, &sample_secret, &rv, ct, len,
					 out, &p), 0);
	ck_assert_uint_eq(p.len, len - 2);
	ck_assert_mem_eq(p.ptr, sub + 2, len - 2);
}

START_TEST(test_hidden_vectors)
{
	/*
	 * Computed independently (Python hashlib): secret "s3cr3t", RV a0..af,
	 * chain of RFC 2661 §4.3. Assigned Tunnel ID 0x1234 without padding,
	 * and a 20-byte Called Number: 22 bytes, a full and a partial chunk.
	 */
	static const uint8_t tid_ct[] = { 0x86, 0x53, 0xf7, 0x37 };
	static const uint8_t called_ct[] = {
		0x3a, 0x80, 0x9f, 0x84, 0x71, 0x81, 0x4e, 0xa2, 0xa1, 0x49, 0xb1,
		0xea, 0xf4, 0x06, 0x12, 0x85, 0x78, 0xca, 0x9d, 0x07, 0xa5, 0xe0,
	};
	uint8_t out[32];
	struct l2tp_bytes p;

	check_hidden_vector(9, "\x00\x02\x12\x34", 4, tid_ct);
	check_hidden_vector(21, "\x00\x14" "01234567890123456789", 22, called_ct);
	/* The type is part of the key: the wrong type yields garbage. */
	ck_assert_int_eq(l2tp_avp_unhide(22, &sample_secret, &rv, called_ct, 22,
					 out, &p), -L2TP_E_HIDDEN_LEN);
}
END_TEST

START_TEST(test_unhide_errors)
{
	uint8_t buf[8], out[8];
	struct l2tp_bytes p;

	/* Original Length 7 with only 4 value bytes behind it. */
	memcpy(buf, "\x00\x07\x12\x34\x56\x78", 6);
	ck_assert_int_eq(l2tp_avp_hide(9, &sample_secret, &rv, buf, 6), 0);
	ck_assert_int_eq(l2tp_avp_unhide(9, &sample_secret, &rv, buf, 6, out, &p),
			 -L2TP_E_HIDDEN_LEN);
	/* Exactly filled is fine. */
	memcpy(buf, "\x00\x04\x12\x34\x56\x78", 6);
	ck_assert_int_eq(l2tp_avp_hide(9, &sample_secret, &rv, buf, 6), 0);
	ck_assert_int_eq(l2tp_avp_unhide(9, &sample_secret, &rv, buf, 6, out, &p), 0);
	ck_assert_uint_eq(p.len, 4);
	/* Too short to hold the Original Length. */
	ck_assert_int_eq(l2tp_avp_unhide(9, &sample_secret, &rv, buf, 1, out, &p),
			 -L2TP_E_HIDDEN_LEN);
	ck_assert_int_eq(l2tp_avp_unhide(9, NULL, &rv, buf, 6, out, &p),
			 -L2TP_E_HIDDEN_NO_SECRET);
	ck_assert_int_eq(l2tp_avp_unhide(9, &sample_secret, NULL, buf, 6, out, &p),
			 -L2TP_E_HIDDEN_NO_RV);
}
END_TEST

START_TEST(test_hdr_errors)
{
	/* Host Name "ab": M, length 8. */
	uint8_t avp[] = { 0x80, 0x08, 0x00, 0x00, 0x00, 0x07, 'a', 'b' };
	struct l2tp_avp_hdr a;
	struct rbuf r, val;
	size_t n;

	rbuf_init(&r, avp, sizeof(avp));
	ck_assert_int_eq(l2tp_avp_hdr_get(&r, &a, &val), 0);
	ck_assert_uint_eq(val.len, 2);
	/* Every truncation runs past the end of the message. */
	for (n = 0; n < sizeof(avp); n++) {
		rbuf_init(&r, avp, n);
		ck_assert_int_eq(l2tp_avp_hdr_get(&r, &a, &val), -L2TP_E_AVP_OVERRUN);
		ck_assert_uint_eq(r.pos, 0);
	}
	/* Lengths 0 to 5 are under the header size. */
	for (n = 0; n < 6; n++) {
		avp[1] = (uint8_t)n;
		rbuf_init(&r, avp, sizeof(avp));
		ck_assert_int_eq(l2tp_avp_hdr_get(&r, &a, &val), -L2TP_E_AVP_SHORT);
	}
	/* Reserved bits are reported, the length is the low 10 bits. */
	avp[0] = 0x84;
	avp[1] = 0x08;
	rbuf_init(&r, avp, sizeof(avp));
	ck_assert_int_eq(l2tp_avp_hdr_get(&r, &a, &val), 0);
	ck_assert(a.reserved);
	ck_assert_uint_eq(a.len, 8);
}
END_TEST

/* Every AVP: value lengths just outside its bounds are rejected. */
START_TEST(test_value_bounds)
{
	uint8_t zero[L2TP_AVP_MAX_VALUE + 1] = { 0 };
	struct l2tp_msg *m = calloc(1, sizeof(*m));
	unsigned int t;
	struct rbuf val;

	for (t = 0; t <= L2TP_AVP_TYPE_MAX; t++) {
		const struct l2tp_avp_desc *d = l2tp_avp_desc(0, (uint16_t)t);
		void *f;

		if (!d)
			continue;
		f = (uint8_t *)m + d->off;
		rbuf_init(&val, zero, d->min);
		ck_assert_msg(l2tp_avp_value_get(d, &val, f) == 0, "%s", d->name);
		rbuf_init(&val, zero, d->max);
		ck_assert_msg(l2tp_avp_value_get(d, &val, f) == 0, "%s", d->name);
		rbuf_init(&val, zero, d->max + 1u);
		ck_assert_int_eq(l2tp_avp_value_get(d, &val, f), -L2TP_E_AVP_BAD_LEN);
		if (!d->min)
			continue;
		rbuf_init(&val, zero, d->min - 1u);
		ck_assert_int_eq(l2tp_avp_value_get(d, &val, f), -L2TP_E_AVP_BAD_LEN);
	}
	/* Result Code: 2 and 4 bytes are fine, 3 is not (§4.4.2). */
	rbuf_init(&val, zero, 3);
	ck_assert_int_eq(l2tp_avp_value_get(l2tp_avp_desc(0, 1), &val, &m->result),
			 -L2TP_E_AVP_BAD_LEN);
	free(m);
}
END_TEST

START_TEST(test_put_errors)
{
	static uint8_t big[L2TP_AVP_MAX_VALUE + 1];
	uint8_t buf[1100];
	struct l2tp_msg *m = calloc(1, sizeof(*m));
	const struct l2tp_avp_desc *d = l2tp_avp_desc(0, L2TP_AVP_CALLED_NUMBER);
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(l2tp_avp_put_bytes(&w, L2TP_AVP_HOST_NAME, big, 1017), 0);
	ck_assert_uint_eq(w.len, 1023);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(l2tp_avp_put_bytes(&w, L2TP_AVP_HOST_NAME, big, 1018),
			 -L2TP_E_AVP_TOO_LONG);
	ck_assert_uint_eq(w.len, 0);
	/* Hidden adds the 2-byte Original Length: 1016 no longer fits. */
	m->called_number.ptr = big;
	m->called_number.len = 1016;
	ck_assert_int_eq(l2tp_avp_put(&w, d, &m->called_number, true,
				      &sample_secret, &rv), -L2TP_E_AVP_TOO_LONG);
	ck_assert_uint_eq(w.len, 0);
	m->called_number.len = 1015;
	ck_assert_int_eq(l2tp_avp_put(&w, d, &m->called_number, true,
				      &sample_secret, &rv), 0);
	ck_assert_uint_eq(w.len, 1023);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(l2tp_avp_put(&w, d, &m->called_number, true, NULL, &rv),
			 -L2TP_E_HIDDEN_NO_SECRET);
	ck_assert_int_eq(l2tp_avp_put(&w, l2tp_avp_desc(0, L2TP_AVP_HOST_NAME),
				      &m->host_name, true, &sample_secret, &rv),
			 -L2TP_E_AVP_NOT_HIDEABLE);
	/* Typed shorthands refuse the wrong kind. */
	ck_assert_int_eq(l2tp_avp_put_u16(&w, L2TP_AVP_HOST_NAME, 1),
			 -L2TP_E_AVP_NOT_ALLOWED);
	ck_assert_int_eq(l2tp_avp_put_u32(&w, 20, 1), -L2TP_E_AVP_NOT_ALLOWED);
	/* No room: nothing is left behind. */
	wbuf_init(&w, buf, 7);
	ck_assert_int_eq(l2tp_avp_put_u16(&w, L2TP_AVP_ASSIGNED_TUNNEL_ID, 1),
			 -L2TP_E_NOSPACE);
	ck_assert_uint_eq(w.len, 0);
	wbuf_init(&w, buf, 8);
	ck_assert_int_eq(l2tp_avp_put_u16(&w, L2TP_AVP_ASSIGNED_TUNNEL_ID, 0x1234), 0);
	ck_assert_mem_eq(buf, "\x80\x08\x00\x00\x00\x09\x12\x34", 8);
	free(m);
}
END_TEST

Suite *suite_avp(void)
{
	Suite *s = suite_create("avp");
	TCase *tc = tcase_create("avp");

	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_roundtrip_every_avp);
	tcase_add_test(tc, test_hidden_vectors);
	tcase_add_test(tc, test_unhide_errors);
	tcase_add_test(tc, test_hdr_errors);
	tcase_add_test(tc, test_value_bounds);
	tcase_add_test(tc, test_put_errors);
	suite_add_tcase(s, tc);
	return s;
}
