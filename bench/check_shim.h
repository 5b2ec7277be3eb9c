/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The unit tests' simulated loop, link and hosts (t/unit/simloop.c,
 * simlink.c, test_engine_sim.c) built for a benchmark, without Check: an
 * assertion that fails prints what failed and aborts. Check's assertions
 * need a running test and report every call, which would be measured.
 * Given with -include, so that <check.h> is never read.
 */
#ifndef BENCH_CHECK_SHIM_H
#define BENCH_CHECK_SHIM_H

#define CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define ck_assert_msg(expr, ...)					\
	do {								\
		if (!(expr)) {						\
			fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);	\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)
#define ck_assert(expr)			ck_assert_msg(expr, "%s", #expr)
#define ck_assert_ptr_nonnull(p)	ck_assert((p) != NULL)
#define ck_assert_int_eq(a, b)		ck_assert((a) == (b))
#define ck_assert_uint_eq(a, b)		ck_assert((a) == (b))
#define ck_assert_uint_le(a, b)		ck_assert((a) <= (b))
#define ck_assert_uint_ge(a, b)		ck_assert((a) >= (b))

#endif /* BENCH_CHECK_SHIM_H */
