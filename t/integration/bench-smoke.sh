#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A small run of the setup-storm benchmark (bench/vm/storm.sh) so that it
# cannot rot: 10 clients against l2tpd, then against xl2tpd. Every
# session must come up; the measurements are printed, not judged. A
# warm-up round of 5 sessions against each, then two storms of up to
# 180 s each, on a loaded host:
# vm-timeout: 900
# shellcheck source=bench/vm/lib-bench.sh
. "$L2TPD_SRC/bench/vm/lib-bench.sh"

n=10
bench_warm l2tpd xl2tpd
for kind in l2tpd xl2tpd; do
	bench_storm "$kind" $n 180
done
cat "$BENCH_CSV"
failed=$(awk -F, '$4 == "failed" && $5 != 0' "$BENCH_CSV")
[ -z "$failed" ] || fail "sessions failed: $failed"
