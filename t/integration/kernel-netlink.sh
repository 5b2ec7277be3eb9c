#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# daemon/kernel.c's commands on the real l2tp family: the unit suite
# "kernel" (t/unit/test_kernel.c), which skips its command tests on a
# kernel without l2tp, runs here in a namespace of its own: tunnel and
# session create, the kernel's -EEXIST/-ENODEV, statistics, deletes, and
# the PPPoL2TP socket (close-on-exec; closing it ends the session).
# shellcheck source=t/integration/lib.sh
. "$(dirname "$0")/lib.sh"

runner=$L2TPD_BUILD/t/unit/runner
[ -x "$runner" ] || fail "$runner is not built: run make check-unit"

step "the kernel suite in a fresh namespace"
netns_add k
out=$(in_ns k env CK_RUN_SUITE=kernel CK_VERBOSITY=verbose "$runner" 2>&1) ||
	fail "kernel suite: $out"
echo "$out"
grep -q 'command tests skipped' <<< "$out" &&
	fail "the command tests were skipped: no l2tp family?"
grep -q '100%: Checks: 4, Failures: 0, Errors: 0' <<< "$out" ||
	fail "unexpected result"
