// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "err.h"
#include "hdr.h"
#include "suites.h"

/* A ZLB ack as xl2tpd sends it: T L S, ver 2, length 12, tid 5, sid 0, Ns 1 Nr 2. */
static const uint8_t zlb[] = {
	0xc8, 0x02, 0x00, 0x0c, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02,
};

START_TEST(test_decode_control)
{
	struct l2tp_hdr h;

	ck_assert_int_eq(l2tp_hdr_decode(&h, zlb, sizeof(zlb)), 0);
	ck_assert(h.control && h.has_length && h.has_seq);
	ck_assert(!h.has_offset && !h.priority);
	ck_assert_uint_eq(h.version, 2);
	ck_assert_uint_eq(h.length, 12);
	ck_assert_uint_eq(h.tunnel_id, 5);
	ck_assert_uint_eq(h.session_id, 0);
	ck_assert_uint_eq(h.ns, 1);
	ck_assert_uint_eq(h.nr, 2);
	ck_assert_uint_eq(h.payload_off, 12);
	ck_assert_uint_eq(h.payload_len, 0);
}
END_TEST

START_TEST(test_decode_data_offset)
{
	/* Data, L and O set: length 14, tid 1, sid 2, offset size 2, pad, 2 payload bytes. */
	static const uint8_t d[] = {
		0x42, 0x02, 0x00, 0x0e, 0x00, 0x01, 0x00, 0x02,
		0x00, 0x02, 0xee, 0xee, 0xff, 0x03, 0x99,
	};
	struct l2tp_hdr h;

	ck_assert_int_eq(l2tp_hdr_decode(&h, d, sizeof(d)), 0);
	ck_assert(!h.control && h.has_length && h.has_offset && !h.has_seq);
	ck_assert_uint_eq(h.offset_size, 2);
	ck_assert_uint_eq(h.payload_off, 12);
	/* The trailing byte beyond Length is not part of the message. */
	ck_assert_uint_eq(h.payload_len, 2);
}
END_TEST

START_TEST(test_decode_data_minimal)
{
	static const uint8_t d[] = { 0x00, 0x02, 0x12, 0x34, 0x56, 0x78, 0xff, 0x03 };
	struct l2tp_hdr h;

	ck_assert_int_eq(l2tp_hdr_decode(&h, d, sizeof(d)), 0);
	ck_assert(!h.control && !h.has_length);
	ck_assert_uint_eq(h.tunnel_id, 0x1234);
	ck_assert_uint_eq(h.session_id, 0x5678);
	ck_assert_uint_eq(h.payload_off, 6);
	ck_assert_uint_eq(h.payload_len, 2);
}
END_TEST

START_TEST(test_decode_errors)
{
	uint8_t p[sizeof(zlb)];
	struct l2tp_hdr h;

	ck_assert_int_eq(l2tp_hdr_decode(&h, zlb, 1), -L2TP_E_HDR_SHORT);
	ck_assert_int_eq(l2tp_hdr_decode(&h, zlb, 3), -L2TP_E_HDR_SHORT);

	/* Length field says 12, datagram has 11. */
	ck_assert_int_eq(l2tp_hdr_decode(&h, zlb, 11), -L2TP_E_HDR_LENGTH);

	/* Length field shorter than the header it is part of. */
	memcpy(p, zlb, sizeof(p));
	p[3] = 8;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_LENGTH);
	p[3] = 2;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_LENGTH);

	/* Version 3 (L2TPv3) and 1 (L2F) are not ours. */
	memcpy(p, zlb, sizeof(p));
	p[1] = 0x03;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_VERSION);
	p[1] = 0x01;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_VERSION);

	/* Control without S, without L, with O, with P. */
	memcpy(p, zlb, sizeof(p));
	p[0] = 0xc0;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_CTRL_BITS);
	p[0] = 0x88;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_CTRL_BITS);
	p[0] = 0xca;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_CTRL_BITS);
	p[0] = 0xc9;
	ck_assert_int_eq(l2tp_hdr_decode(&h, p, sizeof(p)), -L2TP_E_HDR_CTRL_BITS);
}
END_TEST

START_TEST(test_decode_offset_overrun)
{
	static const uint8_t d[] = {
		0x42, 0x02, 0x00, 0x0c, 0x00, 0x01, 0x00, 0x02,
		0x00, 0x08, 0xee, 0xee,
	};
	struct l2tp_hdr h;

	ck_assert_int_eq(l2tp_hdr_decode(&h, d, sizeof(d)), -L2TP_E_HDR_OFFSET);
}
END_TEST

START_TEST(test_encode_roundtrip)
{
	uint8_t out[32];
	struct wbuf w;
	struct l2tp_hdr h;
	size_t len_at;

	wbuf_init(&w, out, sizeof(out));
	ck_assert_int_eq(l2tp_ctrl_hdr_put(&w, 5, 0, 1, 2, &len_at), 0);
	ck_assert_int_eq(wbuf_patch_u16(&w, len_at, (uint16_t)w.len), 0);
	ck_assert_uint_eq(w.len, sizeof(zlb));
	ck_assert_mem_eq(out, zlb, sizeof(zlb));

	ck_assert_int_eq(l2tp_ctrl_hdr_set_nr(out, w.len, 0x4242), 0);
	ck_assert_int_eq(l2tp_hdr_decode(&h, out, w.len), 0);
	ck_assert_uint_eq(h.nr, 0x4242);
	ck_assert_uint_eq(h.ns, 1);

	memset(&h, 0, sizeof(h));
	h.has_offset = true;
	h.offset_size = 3;
	h.tunnel_id = 7;
	h.session_id = 9;
	h.version = 2;
	wbuf_init(&w, out, sizeof(out));
	ck_assert_int_eq(l2tp_hdr_encode(&w, &h), 0);
	ck_assert_uint_eq(w.len, 2 + 4 + 2 + 3);
	ck_assert_int_eq(l2tp_hdr_decode(&h, out, w.len), 0);
	ck_assert_uint_eq(h.tunnel_id, 7);
	ck_assert_uint_eq(h.offset_size, 3);
	ck_assert_uint_eq(h.payload_len, 0);

	wbuf_init(&w, out, 11);
	ck_assert_int_eq(l2tp_ctrl_hdr_put(&w, 5, 0, 1, 2, &len_at), -L2TP_E_NOSPACE);
}
END_TEST

Suite *suite_hdr(void)
{
	Suite *s = suite_create("hdr");
	TCase *tc = tcase_create("header");

	tcase_add_test(tc, test_decode_control);
	tcase_add_test(tc, test_decode_data_offset);
	tcase_add_test(tc, test_decode_data_minimal);
	tcase_add_test(tc, test_decode_errors);
	tcase_add_test(tc, test_decode_offset_overrun);
	tcase_add_test(tc, test_encode_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}
