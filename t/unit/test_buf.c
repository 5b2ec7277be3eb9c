// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"
#include "suites.h"

START_TEST(test_read_network_order)
{
	static const uint8_t in[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 };
	struct rbuf r;
	uint8_t b;
	uint16_t s;
	uint32_t l;

	rbuf_init(&r, in, sizeof(in));
	ck_assert_int_eq(rbuf_get_u8(&r, &b), 0);
	ck_assert_uint_eq(b, 0x01);
	ck_assert_int_eq(rbuf_get_u16(&r, &s), 0);
	ck_assert_uint_eq(s, 0x0203);
	ck_assert_int_eq(rbuf_get_u32(&r, &l), 0);
	ck_assert_uint_eq(l, 0x04050607);
	ck_assert_uint_eq(rbuf_left(&r), 0);
}
END_TEST

/* Each accessor refuses to read past the end and leaves the cursor alone. */
START_TEST(test_read_overrun)
{
	static const uint8_t in[] = { 0xaa, 0xbb, 0xcc };
	struct rbuf r, sub;
	uint16_t s;
	uint32_t l;
	const uint8_t *p;
	uint8_t out[4];

	rbuf_init(&r, in, sizeof(in));
	ck_assert_int_eq(rbuf_get_u32(&r, &l), -L2TP_E_TRUNCATED);
	ck_assert_int_eq(rbuf_get_bytes(&r, out, 4), -L2TP_E_TRUNCATED);
	ck_assert_int_eq(rbuf_ref(&r, 4, &p), -L2TP_E_TRUNCATED);
	ck_assert_int_eq(rbuf_skip(&r, 4), -L2TP_E_TRUNCATED);
	ck_assert_int_eq(rbuf_sub(&r, 4, &sub), -L2TP_E_TRUNCATED);
	ck_assert_uint_eq(r.pos, 0);
	ck_assert_int_eq(rbuf_sub(&r, 2, &sub), 0);
	ck_assert_int_eq(rbuf_get_u16(&sub, &s), 0);
	ck_assert_uint_eq(s, 0xaabb);
	ck_assert_int_eq(rbuf_get_u16(&sub, &s), -L2TP_E_TRUNCATED);
	ck_assert_int_eq(rbuf_get_u16(&r, &s), -L2TP_E_TRUNCATED);
	ck_assert_uint_eq(r.pos, 2);
}
END_TEST

START_TEST(test_write)
{
	uint8_t out[8];
	struct wbuf w;
	size_t at;

	wbuf_init(&w, out, sizeof(out));
	ck_assert_int_eq(wbuf_put_u8(&w, 0x11), 0);
	ck_assert_int_eq(wbuf_reserve(&w, 2, &at), 0);
	ck_assert_int_eq(wbuf_put_u32(&w, 0x22334455), 0);
	ck_assert_int_eq(wbuf_patch_u16(&w, at, 0x6677), 0);
	ck_assert_int_eq(wbuf_put_u16(&w, 0x8899), -L2TP_E_NOSPACE);
	ck_assert_int_eq(wbuf_put_u8(&w, 0x88), 0);
	ck_assert_int_eq(wbuf_put_u8(&w, 0x99), -L2TP_E_NOSPACE);
	ck_assert_int_eq(wbuf_put_bytes(&w, "x", 1), -L2TP_E_NOSPACE);
	ck_assert_int_eq(wbuf_patch_u16(&w, 7, 1), -L2TP_E_NOSPACE);
	ck_assert_uint_eq(w.len, 8);
	ck_assert_mem_eq(out, "\x11\x66\x77\x22\x33\x44\x55\x88", 8);
}
END_TEST

Suite *suite_buf(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("cursor");

	tcase_add_test(tc, test_read_network_order);
	tcase_add_test(tc, test_read_overrun);
	tcase_add_test(tc, test_write);
	suite_add_tcase(s, tc);
	return s;
}
