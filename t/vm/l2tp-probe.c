// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Checks, through the daemon's own netlink code, that the running kernel
 * (in the current network namespace) has the l2tp generic netlink family.
 * Prints the family id and exits 0, or prints the operator's hint and exits
 * 1. The VM rig's self-test runs it; run.sh uses it to see whether the host
 * kernel could run the integration tests without a VM.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"

int main(int argc, char **argv)
{
	struct kernel k;
	int ret;

	if (argc != 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 2;
	}
	ret = kernel_open(&k);
	if (ret == -ENOENT) {
		puts(KERNEL_NO_L2TP_HINT);
		return EXIT_FAILURE;
	}
	if (ret < 0) {
		fprintf(stderr, "%s: netlink: %s\n", argv[0], strerror(-ret));
		return EXIT_FAILURE;
	}
	printf("l2tp genl family id %d\n", k.family);
	kernel_close(&k);
	return EXIT_SUCCESS;
}
