// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/kernel.c on whatever kernel runs the unit tests: with the l2tp
 * family (the VM rig, or a host with l2tp_netlink loaded) it must open;
 * without it (most build machines) it must say -ENOENT and leave nothing
 * open. The real netlink commands are tested in the VM rig.
 */
#include <check.h>
#include <errno.h>

#include "kernel.h"
#include "suites.h"

START_TEST(test_open_close)
{
	struct kernel k;
	int ret = kernel_open(&k);

	if (ret == 0) {
		ck_assert_ptr_nonnull(k.sk);
		ck_assert_int_gt(k.family, 0);
	} else {
		ck_assert_msg(ret == -ENOENT || ret == -EPERM || ret == -EACCES,
			      "kernel_open: unexpected %d", ret);
		ck_assert_ptr_null(k.sk);
		ck_assert_int_eq(k.family, -1);
	}
	kernel_close(&k);
	ck_assert_ptr_null(k.sk);
	ck_assert_int_eq(k.family, -1);
	/* Closing twice is harmless: error paths may close what is closed. */
	kernel_close(&k);
	ck_assert_ptr_null(k.sk);
}
END_TEST

Suite *suite_kernel(void)
{
	Suite *s = suite_create("kernel");
	TCase *tc = tcase_create("kernel");

	tcase_add_test(tc, test_open_close);
	suite_add_tcase(s, tc);
	return s;
}
