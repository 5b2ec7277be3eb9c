#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Idle cost: N tunnels (BENCH_IDLE_N lists the Ns, default "100 1000")
# that carry nothing but keepalives, first against l2tpd's LNS, then
# xl2tpd's, in the same guest run. Measures the server daemon's CPU
# seconds over BENCH_IDLE_S seconds (default 180) once every tunnel is up.
#
# The tunnels come from bench/vm/idle-lac.py: control connections only,
# no call, so no pppd on either side; sessions would add pppd's LCP
# echoes (pppd's work, not the daemon's) and a setup of N pppds on a
# small guest, which is the storm benchmark's subject.
#
# The HELLO interval (RFC 2661 §6.5) is the same for all: xl2tpd's is
# fixed at 60 s (its HELLO_DELAY), so l2tpd's server gets keepalive-timeout
# = 60 and the generator sends a HELLO after 60 quiet seconds too; the
# window spans three intervals, in which every tunnel carries about three
# HELLOs and their ZLB acknowledgements (status line: hello-rx, hello-tx).
# shellcheck source=bench/vm/lib-bench.sh
. "$L2TPD_SRC/bench/vm/lib-bench.sh"

secs=${BENCH_IDLE_S:-180}

# idle_status FIELD: FIELD of the generator's last status line.
idle_status() {
	tail -n 1 "$OUT/idle-lac.log" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

idle_up() {
	[ "$(idle_status established)" = "$1" ]
}

for n in ${BENCH_IDLE_N:-100 1000}; do
	for kind in l2tpd xl2tpd; do
		step "$n idle tunnels on $kind, ${secs}s"
		netns_add lac
		netns_add lns
		veth lac va "$LAC_IP/24" lns vb "$LNS_IP/24"
		# Ten source addresses, four new tunnels a second from each:
		# below l2tpd's SCCRQ rate limit per peer address.
		srcs=()
		for ((i = 101; i <= 110; i++)); do
			in_ns lac ip addr add "10.77.0.$i/24" dev va
			srcs+=(--source "10.77.0.$i")
		done
		bench_server "$kind"
		spawn idle-lac lac python3 -u "$L2TPD_SRC/bench/vm/idle-lac.py" \
			--server "$LNS_IP" --count "$n" --hello 60 --rate 4 \
			"${srcs[@]}"
		wait_for $((n + 120)) "$n tunnels up on $kind" idle_up "$n"
		# The setup's last acknowledgements belong to the setup.
		sleep 5
		cpu0=$(bench_cpu "$bench_pid")
		hello0=$(idle_status hello-rx)
		sleep "$secs"
		cpu=$(awk -v a="$(bench_cpu "$bench_pid")" -v b="$cpu0" \
			'BEGIN { printf "%.2f", a - b }')
		up=$(idle_status established)
		[ "$up" = "$n" ] ||
			echo "idle: $up of $n tunnels left at the end on $kind"
		bench_row idle "$kind" "$n" up "$up"
		bench_row idle "$kind" "$n" server-hellos \
			"$(($(idle_status hello-rx) - hello0))"
		bench_row idle "$kind" "$n" cpu-s "$cpu"
		bench_row idle "$kind" "$n" cpu-ms-per-tunnel-min "$(awk \
			-v c="$cpu" -v n="$n" -v s="$secs" \
			'BEGIN { printf "%.3f", c * 1000 / n / (s / 60) }')"
		bench_teardown
	done
done
