// SPDX-License-Identifier: GPL-2.0-or-later
/* daemon/ifname.c: the naming scheme of ifname.h, case by case. */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "ifname.h"
#include "suites.h"

static const struct {
	const char *name;
	bool ok;
} valid_cases[] = {
	{ "l2tp-alice", true },
	{ "ppp0", true },
	{ "exactly15chars_", true },
	{ "sixteen_chars_xx", false },
	{ "", false },
	{ ".", false },
	{ "..", false },
	{ "a/b", false },
	{ "a:b", false },
	{ "a b", false },
	{ "ppp%d", false },
	{ "caf\xc3\xa9", false },
};

START_TEST(test_valid)
{
	ck_assert_msg(ifname_valid(valid_cases[_i].name) == valid_cases[_i].ok,
		      "'%s'", valid_cases[_i].name);
}
END_TEST

/* A set of taken names for the callback. */
struct taken {
	const char *names[8];
	int n;
};

static bool is_taken(const char *name, void *arg)
{
	struct taken *t = arg;
	int i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->names[i], name))
			return true;
	return false;
}

static const struct {
	const char *user;
	struct taken taken;
	const char *want;
} dyn_cases[] = {
	{ "alice", { { NULL }, 0 }, "l2tp-alice" },
	{ "alice", { { "l2tp-alice" }, 1 }, "l2tp-alice-1" },
	{ "alice", { { "l2tp-alice", "l2tp-alice-1" }, 2 }, "l2tp-alice-2" },
	/* Exactly 15: no suffix needed. */
	{ "0123456789", { { NULL }, 0 }, "l2tp-0123456789" },
	/* One over: cut and counted, even when the cut name is free. */
	{ "verylongusername", { { NULL }, 0 }, "l2tp-verylong-1" },
	{ "verylongusername", { { "l2tp-verylong-1" }, 1 },
	  "l2tp-verylong-2" },
	{ "bob@example.com", { { NULL }, 0 }, "l2tp-bob@exam-1" },
	{ "a/b c:d%e", { { NULL }, 0 }, "l2tp-a_b_c_d_e" },
	{ "", { { NULL }, 0 }, "l2tp-1" },
	{ NULL, { { "l2tp-1" }, 1 }, "l2tp-2" },
};

START_TEST(test_dynamic)
{
	struct taken t = dyn_cases[_i].taken;
	char out[IFNAME_MAX + 1];

	ck_assert_int_eq(ifname_dynamic(dyn_cases[_i].user, is_taken, &t,
					out), 0);
	ck_assert_str_eq(out, dyn_cases[_i].want);
	ck_assert(ifname_valid(out));
}
END_TEST

/* The suffix counts on in base 36 and the name stays within 15. */
static bool taken_below(const char *name, void *arg)
{
	const char *dash = strrchr(name, '-');

	(void)arg;
	/* Everything up to "-z" is taken. */
	return !dash || dash == name + 4 || strlen(dash) < 3;
}

START_TEST(test_dynamic_base36)
{
	char out[IFNAME_MAX + 1];

	ck_assert_int_eq(ifname_dynamic("someone", taken_below, NULL, out), 0);
	ck_assert_str_eq(out, "l2tp-someone-10");
	ck_assert_int_eq(ifname_dynamic("someoneelse", taken_below, NULL,
					out), 0);
	ck_assert_str_eq(out, "l2tp-someone-10");
	ck_assert_uint_le(strlen(out), IFNAME_MAX);
}
END_TEST

static bool all_taken(const char *name, void *arg)
{
	(*(unsigned *)arg)++;
	return true;
}

START_TEST(test_dynamic_exhausted)
{
	char out[IFNAME_MAX + 1];
	unsigned tries = 0;

	ck_assert_int_eq(ifname_dynamic("x", all_taken, &tries, out),
			 -EADDRINUSE);
	ck_assert_uint_eq(tries, 36 * 36 * 36 * 36);
}
END_TEST

Suite *suite_ifname(void)
{
	Suite *s = suite_create("ifname");
	TCase *tc = tcase_create("ifname");

	tcase_add_loop_test(tc, test_valid, 0,
			    sizeof(valid_cases) / sizeof(valid_cases[0]));
	tcase_add_loop_test(tc, test_dynamic, 0,
			    sizeof(dyn_cases) / sizeof(dyn_cases[0]));
	tcase_add_test(tc, test_dynamic_base36);
	tcase_add_test(tc, test_dynamic_exhausted);
	suite_add_tcase(s, tc);
	return s;
}
