#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Throughput (iperf3, TCP, 5 s) through one session and through 10 sessions
# in parallel, with l2tpd and with xl2tpd as the LNS (the kernel carries
# the data in both: l2tp_ppp), and over the bare veth pair for scale.
# shellcheck source=bench/vm/lib-bench.sh
. "$L2TPD_SRC/bench/vm/lib-bench.sh"

step "bare veth pair"
netns_add lac
netns_add lns
veth lac va "$LAC_IP/24" lns vb "$LNS_IP/24"
bench_iperf_servers lns "$LNS_IP" 5201
bench_row tput veth 1 mbit-s "$(bench_iperf veth lac "$LNS_IP")"
bench_teardown

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
		pids=()
		for a in "${addrs[@]}"; do
			bench_iperf "$kind-$n-$a" lac "$LNS_PPP_IP" "$a" \
				> "$OUT/mbit-$kind-$n-$a" &
			pids+=($!)
		done
		wait "${pids[@]}"
		total=$(cat "$OUT/mbit-$kind-$n-"* | awk '{ s += $1 } END { print s + 0 }')
		bench_row tput "$kind" "$n" mbit-s "$total"
		bench_teardown
	done
done
