#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Throughput (iperf3, TCP, 5 s) through one session and through 10 sessions
# in parallel, with l2tpd and with xl2tpd as the LNS (the kernel carries
# the data in both: l2tp_ppp), and over the bare veth pair for scale.
# Each figure is the median of BENCH_TPUT_ROUNDS rounds (default 3): one
# 5 s sample on an emulated guest of a shared host swings by a factor of
# two, more than anything the daemons could change.
# shellcheck source=bench/vm/lib-bench.sh
. "$L2TPD_SRC/bench/vm/lib-bench.sh"

rounds=${BENCH_TPUT_ROUNDS:-3}

# tput_median NAME ADDR...: the median over the rounds of the summed
# Mbit/s of parallel iperf3 runs from lac to $srv, one per ADDR ("-" for
# no bind address).
tput_median() {
	local name=$1 r a pids

	shift
	for ((r = 1; r <= rounds; r++)); do
		pids=()
		for a in "$@"; do
			[ "$a" = - ] && a=
			bench_iperf "$name-$r-${a:-any}" lac "$srv" "$a" \
				> "$OUT/mbit-$name-$r-${a:-any}" &
			pids+=($!)
		done
		wait "${pids[@]}"
		cat "$OUT/mbit-$name-$r-"* | awk '{ s += $1 } END { print s + 0 }'
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

step "bare veth pair"
netns_add lac
netns_add lns
veth lac va "$LAC_IP/24" lns vb "$LNS_IP/24"
bench_iperf_servers lns "$LNS_IP" 5201
srv=$LNS_IP
bench_row tput veth 1 mbit-s "$(tput_median veth -)"
bench_teardown

srv=$LNS_PPP_IP
for kind in l2tpd xl2tpd; do
	for n in 1 10; do
		step "$n sessions through $kind"
		bench_setup "$kind" "$n" 120
		[ "$bench_up" -ge "$n" ] || fail "$kind: $bench_up of $n sessions up"
		# No process substitution: the guest has no /dev/fd.
		mapfile -t addrs <<< "$(bench_client_addrs)"
		ports=()
		for a in "${addrs[@]}"; do
			ports+=($((5201 + ${a##*.})))
		done
		bench_iperf_servers lns "$LNS_PPP_IP" "${ports[@]}"
		bench_row tput "$kind" "$n" mbit-s \
			"$(tput_median "$kind-$n" "${addrs[@]}")"
		bench_teardown
	done
done
