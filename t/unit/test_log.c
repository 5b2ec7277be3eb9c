// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "tlog.h"
#include "suites.h"

START_TEST(test_ratelimit_window)
{
	struct log_ratelimit rl = LOG_RATELIMIT_INIT(3, 1000);
	uint32_t supp;
	int i;

	for (i = 0; i < 3; i++) {
		ck_assert(log_ratelimit_allow(&rl, 5000 + i, &supp));
		ck_assert_uint_eq(supp, 0);
	}
	for (i = 0; i < 4; i++)
		ck_assert(!log_ratelimit_allow(&rl, 5500, &supp));
	/* Still the same window one millisecond before it ends. */
	ck_assert(!log_ratelimit_allow(&rl, 5999, &supp));
	ck_assert(log_ratelimit_allow(&rl, 6000, &supp));
	ck_assert_uint_eq(supp, 5);
	ck_assert(log_ratelimit_allow(&rl, 6001, &supp));
	ck_assert_uint_eq(supp, 0);
}
END_TEST

START_TEST(test_ratelimit_keys)
{
	/* One struct per key: a noisy key does not silence another. */
	struct log_ratelimit a = LOG_RATELIMIT_INIT(1, 1000);
	struct log_ratelimit b = LOG_RATELIMIT_INIT(1, 1000);
	uint32_t supp;

	ck_assert(log_ratelimit_allow(&a, 0, &supp));
	ck_assert(!log_ratelimit_allow(&a, 1, &supp));
	ck_assert(log_ratelimit_allow(&b, 2, &supp));
}
END_TEST

/*
 * Runs fn with stderr sent to a file and returns what it wrote. The
 * runner's capture hook is taken away first: stderr is what is tested.
 */
static char *capture_stderr(void (*fn)(void))
{
	static char out[1024];
	FILE *f = tmpfile();
	int saved = dup(STDERR_FILENO);
	size_t n;

	ck_assert_ptr_nonnull(f);
	log_set_hook(NULL, NULL);
	fflush(stderr);
	dup2(fileno(f), STDERR_FILENO);
	fn();
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	tlog_init();
	close(saved);
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	return out;
}

static void emit_lines(void)
{
	log_init("l2tpd-test", false, 0);
	errno = ENOENT;
	log_warn("open %s", "x.conf");
	log_warnx("bad value %d", 7);
	log_info("up");
	log_debug("hidden");
	log_setverbose(1);
	log_debug("shown");
}

START_TEST(test_log_lines)
{
	const char *out = capture_stderr(emit_lines);

	ck_assert_str_eq(out,
			 "l2tpd-test: open x.conf: No such file or directory\n"
			 "l2tpd-test: bad value 7\n"
			 "l2tpd-test: up\n"
			 "l2tpd-test: shown\n");
	ck_assert_int_eq(log_getverbose(), 1);
}
END_TEST

static void emit_ratelimited(void)
{
	struct log_ratelimit rl = LOG_RATELIMIT_INIT(2, 100);
	int i;

	log_init("t", false, 0);
	for (i = 0; i < 5; i++)
		log_ratelimited(&rl, 10, LOG_WARNING, "drop %d", i);
	log_ratelimited(&rl, 110, LOG_WARNING, "drop %d", 5);
}

START_TEST(test_log_ratelimited)
{
	const char *out = capture_stderr(emit_ratelimited);

	ck_assert_str_eq(out, "t: drop 0\nt: drop 1\n"
			 "t: 3 similar messages suppressed\nt: drop 5\n");
}
END_TEST

Suite *suite_log(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("log");

	tcase_add_test(tc, test_ratelimit_window);
	tcase_add_test(tc, test_ratelimit_keys);
	tcase_add_test(tc, test_log_lines);
	tcase_add_test(tc, test_log_ratelimited);
	suite_add_tcase(s, tc);
	return s;
}
