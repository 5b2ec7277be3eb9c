// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The unit test runner: every module's Check suite in one binary. Check's
 * own environment variables select what runs (CK_RUN_SUITE, CK_RUN_CASE)
 * and how much it prints (CK_VERBOSITY, default "normal"). The daemon's
 * log lines are captured for the tests to assert (t/unit/tlog.h);
 * L2TPD_TEST_LOG=1 prints them too.
 */
#include <stdio.h>
#include <stdlib.h>

#include "suites.h"
#include "tlog.h"

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

	tlog_init();
	if (!getenv("L2TPD_TEST_LOG"))
		fprintf(stderr, "runner: the daemon's log lines are captured "
			"for the tests; L2TPD_TEST_LOG=1 prints them\n");
#define SUITE(name) srunner_add_suite(sr, suite_##name());
#include "suites.def"
#undef SUITE

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
