#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Setup storm, the other shape: one tunnel of N sessions (storm.sh has N
# tunnels of one session). N clients of our l2tpd share one tunnel (the
# client property tunnel = "NAME") and place their calls at once, first
# against l2tpd's LNS, then xl2tpd's, in the same guest run, pppd on both
# ends; the same measurements as storm.sh, as rows "storm-1t".
# BENCH_STORM_N lists the Ns (default "100").
# shellcheck source=bench/vm/lib-bench.sh
. "$L2TPD_SRC/bench/vm/lib-bench.sh"

BENCH_TUNNEL=storm
BENCH_STORM_NAME=storm-1t
bench_warm l2tpd xl2tpd
for n in ${BENCH_STORM_N:-100}; do
	for kind in l2tpd xl2tpd; do
		bench_storm "$kind" "$n" "${BENCH_STORM_LIMIT:-$((n * 2 + 60))}"
	done
done
