// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <string.h>

#include "auth.h"
#include "err.h"
#include "l2tp.h"
#include "suites.h"

/*
 * Vectors computed independently with openssl(1):
 *   (printf '\x02s3cr3t'; printf '\x00\x01...\x0f') | openssl md5
 * i.e. MD5(type || secret || challenge), challenge = 00 01 .. 0f.
 */
static const uint8_t chal[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};
static const uint8_t resp_sccrp[16] = {
	0xee, 0xd2, 0xc9, 0x30, 0x05, 0x30, 0x3f, 0xe8,
	0x8a, 0x43, 0x92, 0xb5, 0x57, 0xff, 0xdb, 0xb5,
};
static const uint8_t resp_scccn[16] = {
	0xf0, 0x45, 0x84, 0xf1, 0x83, 0x14, 0x85, 0x9f,
	0xfa, 0x3e, 0x98, 0x3c, 0x57, 0x77, 0x52, 0x02,
};
static const struct l2tp_secret secret = { (const uint8_t *)"s3cr3t", 6 };

START_TEST(test_response_vectors)
{
	uint8_t out[L2TP_CHAL_RESP_LEN];

	ck_assert_int_eq(l2tp_auth_response(L2TP_MSG_SCCRP, &secret, chal,
					    sizeof(chal), out), 0);
	ck_assert_mem_eq(out, resp_sccrp, sizeof(out));
	ck_assert_int_eq(l2tp_auth_response(L2TP_MSG_SCCCN, &secret, chal,
					    sizeof(chal), out), 0);
	ck_assert_mem_eq(out, resp_scccn, sizeof(out));
}
END_TEST

START_TEST(test_verify)
{
	uint8_t bad[16];
	struct l2tp_secret other = { (const uint8_t *)"s3cr3T", 6 };

	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCRP, &secret, chal,
					  sizeof(chal), resp_sccrp, 16), 0);
	/* The response to an SCCRQ's challenge is not valid in an SCCCN. */
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCCN, &secret, chal,
					  sizeof(chal), resp_sccrp, 16),
			 -L2TP_E_AUTH);
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCRP, &other, chal,
					  sizeof(chal), resp_sccrp, 16),
			 -L2TP_E_AUTH);
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCRP, &secret, chal,
					  sizeof(chal), resp_sccrp, 15),
			 -L2TP_E_AUTH);
	memcpy(bad, resp_sccrp, sizeof(bad));
	bad[15] ^= 1;
	ck_assert_int_eq(l2tp_auth_verify(L2TP_MSG_SCCRP, &secret, chal,
					  sizeof(chal), bad, 16), -L2TP_E_AUTH);
}
END_TEST

START_TEST(test_md5_parts)
{
	/* MD5("abc"), RFC 1321 appendix A.5, fed in two parts. */
	static const uint8_t want[16] = {
		0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0,
		0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1, 0x7f, 0x72,
	};
	const struct l2tp_md5_part parts[] = { { "a", 1 }, { NULL, 0 }, { "bc", 2 } };
	uint8_t out[16];

	ck_assert_int_eq(l2tp_auth_md5(parts, 3, out), 0);
	ck_assert_mem_eq(out, want, sizeof(out));
}
END_TEST

START_TEST(test_random)
{
	uint8_t a[32] = { 0 }, b[32] = { 0 };

	ck_assert_int_eq(l2tp_auth_random(a, sizeof(a)), 0);
	ck_assert_int_eq(l2tp_auth_random(b, sizeof(b)), 0);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
	ck_assert_int_eq(l2tp_auth_random(NULL, 0), 0);
}
END_TEST

Suite *suite_auth(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("auth");

	tcase_add_test(tc, test_response_vectors);
	tcase_add_test(tc, test_verify);
	tcase_add_test(tc, test_md5_parts);
	tcase_add_test(tc, test_random);
	suite_add_tcase(s, tc);
	return s;
}
