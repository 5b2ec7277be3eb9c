#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Rig self-test: the kernel's l2tp generic netlink family resolves through
# the daemon's own netlink code (daemon/kernel.c, via t/vm/l2tp-probe), in
# the initial network namespace and in a new one (the family works per
# namespace).
# shellcheck source=t/integration/lib.sh
. "$(dirname "$0")/lib.sh"

probe=$L2TPD_BUILD/t/vm/l2tp-probe
[ -x "$probe" ] || fail "$probe is not built: run make"

step "probe in the initial namespace"
out=$("$probe") || fail "l2tp-probe: $out"
echo "$out"
[[ $out =~ ^l2tp\ genl\ family\ id\ [0-9]+$ ]] || fail "unexpected output: $out"

step "probe in a new namespace"
netns_add a
out=$(in_ns a "$probe") || fail "l2tp-probe in a namespace: $out"
echo "$out"
