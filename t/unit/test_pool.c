// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/pool.c: range rules, next-fit allocation, next-pool chains,
 * static claims, and the one promise that matters: no address is handed
 * out twice, whatever the order of allocations and releases.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>

#include "pool.h"
#include "suites.h"

#define IP(a, b, c, d)	((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/* Range rules and the pool size they give. */
static const struct {
	struct conf_range rules[4];
	size_t n;
	uint64_t size;
} rule_cases[] = {
	{ { { IP(10, 0, 0, 10), IP(10, 0, 0, 19), false } }, 1, 10 },
	/* Overlapping and adjacent inclusions merge. */
	{ { { IP(10, 0, 0, 10), IP(10, 0, 0, 19), false },
	    { IP(10, 0, 0, 15), IP(10, 0, 0, 24), false },
	    { IP(10, 0, 0, 25), IP(10, 0, 0, 25), false } }, 3, 16 },
	/* An exclusion splits a run; a later inclusion puts some back. */
	{ { { IP(10, 0, 0, 1), IP(10, 0, 0, 100), false },
	    { IP(10, 0, 0, 40), IP(10, 0, 0, 59), true },
	    { IP(10, 0, 0, 50), IP(10, 0, 0, 51), false } }, 3, 82 },
	/* 0.0.0.0 is never in a pool. */
	{ { { 0, 9, false } }, 1, 9 },
	/* The top of the address space does not wrap. */
	{ { { 0xfffffffe, 0xffffffff, false },
	    { 0xffffffff, 0xffffffff, true } }, 2, 1 },
	{ { { IP(10, 0, 0, 1), IP(10, 0, 0, 9), true } }, 1, 0 },
};

START_TEST(test_rules)
{
	struct pool_set *ps = pool_set_new();
	uint64_t size, used;

	ck_assert_ptr_nonnull(ps);
	ck_assert_int_eq(pool_add(ps, "p", rule_cases[_i].rules,
				  rule_cases[_i].n, NULL), 0);
	ck_assert_int_eq(pool_usage(ps, "p", &size, &used), 0);
	ck_assert_uint_eq(size, rule_cases[_i].size);
	ck_assert_uint_eq(used, 0);
	pool_set_free(ps);
}
END_TEST

START_TEST(test_exclusion_respected)
{
	struct conf_range r[] = {
		{ IP(10, 0, 0, 1), IP(10, 0, 0, 10), false },
		{ IP(10, 0, 0, 3), IP(10, 0, 0, 8), true },
	};
	struct pool_set *ps = pool_set_new();
	uint32_t a, got[4];
	int i;

	ck_assert_int_eq(pool_add(ps, "p", r, 2, NULL), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pool_alloc(ps, "p", &a), 0);
		got[i] = a;
	}
	ck_assert_uint_eq(got[0], IP(10, 0, 0, 1));
	ck_assert_uint_eq(got[1], IP(10, 0, 0, 2));
	ck_assert_uint_eq(got[2], IP(10, 0, 0, 9));
	ck_assert_uint_eq(got[3], IP(10, 0, 0, 10));
	ck_assert_int_eq(pool_alloc(ps, "p", &a), -EADDRNOTAVAIL);
	pool_set_free(ps);
}
END_TEST

START_TEST(test_errors)
{
	struct conf_range r = { IP(10, 0, 0, 1), IP(10, 0, 0, 2), false };
	struct conf_range bad = { IP(10, 0, 0, 2), IP(10, 0, 0, 1), false };
	struct pool_set *ps = pool_set_new();
	uint32_t a;

	ck_assert_int_eq(pool_add(ps, "p", &r, 1, NULL), 0);
	ck_assert_int_eq(pool_add(ps, "p", &r, 1, NULL), -EEXIST);
	ck_assert_int_eq(pool_add(ps, "q", &bad, 1, NULL), -EINVAL);
	ck_assert_int_eq(pool_alloc(ps, "nope", &a), -ENOENT);
	ck_assert_int_eq(pool_release(ps, IP(10, 0, 0, 1)), -ENOENT);
	ck_assert_int_eq(pool_claim(ps, 0), -EINVAL);
	ck_assert_int_eq(pool_usage(ps, "nope", &(uint64_t){ 0 },
				    &(uint64_t){ 0 }), -ENOENT);
	pool_set_free(ps);
}
END_TEST

/* A released address comes back only after the rest of the pool. */
START_TEST(test_next_fit)
{
	struct conf_range r = { IP(10, 0, 0, 1), IP(10, 0, 0, 4), false };
	struct pool_set *ps = pool_set_new();
	uint32_t a, b;

	ck_assert_int_eq(pool_add(ps, "p", &r, 1, NULL), 0);
	ck_assert_int_eq(pool_alloc(ps, "p", &a), 0);
	ck_assert_uint_eq(a, IP(10, 0, 0, 1));
	ck_assert_int_eq(pool_release(ps, a), 0);
	ck_assert_int_eq(pool_alloc(ps, "p", &b), 0);
	ck_assert_uint_eq(b, IP(10, 0, 0, 2));
	ck_assert_int_eq(pool_alloc(ps, "p", &b), 0);
	ck_assert_int_eq(pool_alloc(ps, "p", &b), 0);
	ck_assert_uint_eq(b, IP(10, 0, 0, 4));
	ck_assert_int_eq(pool_alloc(ps, "p", &b), 0);
	ck_assert_uint_eq(b, IP(10, 0, 0, 1));
	pool_set_free(ps);
}
END_TEST

/* RouterOS next-pool: an exhausted pool falls back; a loop ends. */
START_TEST(test_next_pool)
{
	struct conf_range r1 = { IP(10, 0, 0, 1), IP(10, 0, 0, 1), false };
	struct conf_range r2 = { IP(10, 0, 1, 1), IP(10, 0, 1, 1), false };
	struct pool_set *ps = pool_set_new();
	uint32_t a;

	ck_assert_int_eq(pool_add(ps, "a", &r1, 1, "b"), 0);
	ck_assert_int_eq(pool_add(ps, "b", &r2, 1, "a"), 0);
	ck_assert_int_eq(pool_alloc(ps, "a", &a), 0);
	ck_assert_uint_eq(a, IP(10, 0, 0, 1));
	ck_assert_int_eq(pool_alloc(ps, "a", &a), 0);
	ck_assert_uint_eq(a, IP(10, 0, 1, 1));
	ck_assert_int_eq(pool_alloc(ps, "a", &a), -EADDRNOTAVAIL);
	ck_assert_int_eq(pool_alloc(ps, "b", &a), -EADDRNOTAVAIL);
	pool_set_free(ps);
}
END_TEST

/* A static address inside a pool, and overlapping pools, share one set. */
START_TEST(test_static_and_overlap)
{
	struct conf_range r1 = { IP(10, 0, 0, 1), IP(10, 0, 0, 3), false };
	struct conf_range r2 = { IP(10, 0, 0, 3), IP(10, 0, 0, 4), false };
	struct pool_set *ps = pool_set_new();
	uint64_t size, used;
	uint32_t a;

	ck_assert_int_eq(pool_claim(ps, IP(10, 0, 0, 1)), 0);
	ck_assert_int_eq(pool_add(ps, "a", &r1, 1, NULL), 0);
	ck_assert_int_eq(pool_add(ps, "b", &r2, 1, NULL), 0);
	/* The pool made after the claim counts it. */
	ck_assert_int_eq(pool_usage(ps, "a", &size, &used), 0);
	ck_assert_uint_eq(used, 1);
	ck_assert_int_eq(pool_claim(ps, IP(10, 0, 0, 1)), -EADDRINUSE);
	ck_assert_int_eq(pool_alloc(ps, "b", &a), 0);
	ck_assert_uint_eq(a, IP(10, 0, 0, 3));
	ck_assert_int_eq(pool_alloc(ps, "a", &a), 0);
	ck_assert_uint_eq(a, IP(10, 0, 0, 2));
	ck_assert_int_eq(pool_alloc(ps, "a", &a), -EADDRNOTAVAIL);
	ck_assert_int_eq(pool_claim(ps, IP(10, 0, 0, 4)), 0);
	ck_assert_int_eq(pool_alloc(ps, "b", &a), -EADDRNOTAVAIL);
	ck_assert_int_eq(pool_usage(ps, "b", &size, &used), 0);
	ck_assert_uint_eq(size, 2);
	ck_assert_uint_eq(used, 2);
	ck_assert_int_eq(pool_release(ps, IP(10, 0, 0, 3)), 0);
	ck_assert_int_eq(pool_usage(ps, "a", &size, &used), 0);
	ck_assert_uint_eq(used, 2);
	ck_assert(!pool_in_use(ps, IP(10, 0, 0, 3)));
	pool_set_free(ps);
}
END_TEST

/*
 * Random allocations and releases over two overlapping pools and static
 * claims: an address is never held twice, and every release frees.
 */
START_TEST(test_never_twice)
{
	enum { N = 300, ROUNDS = 20000 };
	struct conf_range r1 = { IP(10, 1, 0, 0), IP(10, 1, 0, 199), false };
	struct conf_range r2 = { IP(10, 1, 0, 100), IP(10, 1, 1, 43), false };
	static unsigned char held[N];
	struct pool_set *ps = pool_set_new();
	uint64_t size, used;
	unsigned seed = 1;
	uint32_t a;
	int i, nheld = 0;

	ck_assert_int_eq(pool_add(ps, "a", &r1, 1, "b"), 0);
	ck_assert_int_eq(pool_add(ps, "b", &r2, 1, NULL), 0);
	for (i = 0; i < ROUNDS; i++) {
		unsigned r = rand_r(&seed) % 4;
		uint32_t off = rand_r(&seed) % N;

		if (r == 0 && held[off]) {
			ck_assert_int_eq(pool_release(ps, IP(10, 1, 0, 0) + off), 0);
			held[off] = 0;
			nheld--;
		} else if (r == 1 && !held[off]) {
			ck_assert_int_eq(pool_claim(ps, IP(10, 1, 0, 0) + off), 0);
			held[off] = 1;
			nheld++;
		} else if (r >= 2) {
			int err = pool_alloc(ps, r == 2 ? "a" : "b", &a);

			if (nheld == N) {
				ck_assert_int_eq(err, -EADDRNOTAVAIL);
				continue;
			}
			if (err)
				continue;	/* "b" alone may be full */
			ck_assert_uint_lt(a - IP(10, 1, 0, 0), N);
			ck_assert_msg(!held[a - IP(10, 1, 0, 0)],
				      "address handed out twice");
			held[a - IP(10, 1, 0, 0)] = 1;
			nheld++;
		}
	}
	ck_assert_int_eq(pool_usage(ps, "a", &size, &used), 0);
	ck_assert_uint_eq(size, 200);
	for (i = 0, a = 0; i < 200; i++)
		a += held[i];
	ck_assert_uint_eq(used, a);
	pool_set_free(ps);
}
END_TEST

Suite *suite_pool(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("pool");

	tcase_add_loop_test(tc, test_rules, 0,
			    sizeof(rule_cases) / sizeof(rule_cases[0]));
	tcase_add_test(tc, test_exclusion_respected);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_next_fit);
	tcase_add_test(tc, test_next_pool);
	tcase_add_test(tc, test_static_and_overlap);
	tcase_add_test(tc, test_never_twice);
	suite_add_tcase(s, tc);
	return s;
}
