#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Setup storm: N clients (each a tunnel of one session) dial at once, first
# l2tpd's LNS, then xl2tpd's, in the same guest run; pppd on both ends does
# LCP, MS-CHAPv2 and IPCP. Measures the time until every session is up,
# the failures, the server daemon's CPU seconds and its resident memory
# growth per session (pppd excluded). BENCH_STORM_N lists the Ns (default
# "100"; 1000 needs a larger guest, see README "Performance"),
# BENCH_STORM_SERVERS the servers (default "l2tpd xl2tpd"),
# BENCH_STORM_LIMIT the seconds each storm may take (default 2 N + 60).
# shellcheck source=bench/vm/lib-bench.sh
. "$L2TPD_SRC/bench/vm/lib-bench.sh"

# shellcheck disable=SC2086
bench_warm ${BENCH_STORM_SERVERS:-l2tpd xl2tpd}
for n in ${BENCH_STORM_N:-100}; do
	for kind in ${BENCH_STORM_SERVERS:-l2tpd xl2tpd}; do
		bench_storm "$kind" "$n" "${BENCH_STORM_LIMIT:-$((n * 2 + 60))}"
	done
done
