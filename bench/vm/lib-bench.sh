# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Helpers for bench/vm/*.sh and t/integration/bench-smoke.sh: a setup
# storm of N clients (l2tpd's, each a tunnel with one session: the load
# generator) against a server, l2tpd or xl2tpd 1.3.18, both with pppd
# doing LCP, MS-CHAPv2 and IPCP. What is measured goes as CSV rows
# (bench,server,n,metric,value) to $OUT/bench.csv; bench/report.sh makes
# the table and the chart from them.
# shellcheck source=t/integration/lib-interop.sh
. "$L2TPD_SRC/t/integration/lib-interop.sh"

BENCH_CSV=$OUT/bench.csv

# bench_row BENCH SERVER N METRIC VALUE
bench_row() {
	echo "$1,$2,$3,$4,$5" >> "$BENCH_CSV"
	printf '%-8s %-7s n=%-5s %-14s %s\n' "$1" "$2" "$3" "$4" "$5"
}

# bench_cpu PID: user plus system CPU seconds of PID (children excluded).
bench_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' \
		"/proc/$1/stat"
}

# bench_rss PID: resident memory of PID in KiB.
bench_rss() {
	awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"
}

# bench_clients N: $OUT/lac.conf with N clients dialling $LNS_IP, a HELLO
# after BENCH_KEEPALIVE quiet seconds (default 60).
bench_clients() {
	local i

	{
		echo "clients = ("
		for ((i = 1; i <= $1; i++)); do
			[ "$i" -gt 1 ] && echo ","
			printf '{ name = "c%d"; connect-to = "%s"; ' "$i" "$LNS_IP"
			printf 'user = "alice"; password = "alice-pw"; '
			printf 'allow = [ "mschap2" ]; profile = "c"; '
			# BENCH_TUNNEL: every client's call in that one tunnel.
			printf '%skeepalive-timeout = %s; disabled = false; }' \
				"${BENCH_TUNNEL:+tunnel = \"$BENCH_TUNNEL\"; }" \
				"${BENCH_KEEPALIVE:-60}"
		done
		printf '\n);\n'
		echo 'profiles = ( { name = "c"; use-encryption = "no"; } );'
	} > "$OUT/lac.conf"
}

# bench_ppp_count NS: PPP links with the server's address in NS (ip -n:
# no mount namespace to set up for each look, as ip netns exec does).
bench_ppp_count() {
	ip -n "$(ns "$1")" -4 -o addr show | grep -c "inet $LNS_PPP_IP peer" ||
		true
}

# bench_spawn NAME NS COMMAND...: like spawn, but the output goes to the
# guest's tmpfs ($RUN/NAME.log; bench_teardown copies it to $OUT). A line
# written to the 9p results directory costs the writer a round trip to
# the host: with hundreds of sessions, on a loaded host, that was seconds
# of the daemons' time (strace -T), measured as theirs.
bench_spawn() {
	spawn_to "$RUN" "$@"
}

# BENCH_TRACE=1: both l2tpds log their debug lines with a time stamp each
# (the server's to lns.log), so that each phase of a session can be timed;
# BENCH_TRACE=strace also writes their system calls to strace.PID. The
# numbers of such a run are not the benchmark's.
bench_trace_wrap() {
	local st=

	[ "$BENCH_TRACE" = strace ] && st="strace -tt -T -o $OUT/strace.\$\$"
	cat > "$OUT/ts-wrap" <<-EOW
	#!/bin/sh
	$st "\$@" 2>&1 |
		perl -MTime::HiRes=time -ne '\$|=1; printf "%.3f %s", time, \$_'
	EOW
	chmod 755 "$OUT/ts-wrap"
	L2TPD_WRAP=$OUT/ts-wrap
}

# bench_server KIND: starts the server (l2tpd or xl2tpd) in namespace lns;
# sets bench_pid.
bench_server() {
	local debug=()

	if [ "$1" = l2tpd ]; then
		[ "${BENCH_TRACE:-0}" != 0 ] && bench_trace_wrap && debug=(-d)
		lns_conf '"mschap2"'
		# xl2tpd's HELLO interval: 60 s (its HELLO_DELAY).
		sed -i -e "s/$POOL_FIRST-10.78.0.20/10.78.0.10-10.78.7.250/" \
			-e "s/keepalive-timeout = 5;/keepalive-timeout = 60;/" \
			"$OUT/lns.conf"
		# Without -d: debug lines and pppd's debug relayed through
		# l2tpd would be measured as l2tpd's work.
		# shellcheck disable=SC2086
		bench_spawn lns lns ${L2TPD_WRAP:-} "$L2TPD" "${debug[@]}" \
			-c "$OUT/lns.conf" -s "$RUN/lns.sock" \
			--plugin "$PLUGIN" "${L2TPD_PPPD[@]}"
		wait_for 30 "l2tpd's control socket" test -S "$RUN/lns.sock"
		bench_pid=$(pid_in lns l2tpd)
		return
	fi
	# Likewise xl2tpd and its pppd without their debug output.
	interop_xl2tpd_conf lns 0 no mschap2
	sed -i -e "s/^ip range = .*/ip range = 10.78.0.10-10.78.7.250/" \
		-e "/^debug /d" "$OUT/c0/lns/xl2tpd.conf"
	sed -i -e "/^debug$/d" -e "/^logfile /d" "$OUT/c0/lns/options.pppd"
	interop_ppp_secrets lns
	# interop_xl2tpd's command line, with the output on tmpfs.
	bench_spawn lns-xl2tpd lns xl2tpd -D -c "$OUT/c0/lns/xl2tpd.conf" \
		-s "$OUT/c0/lns/secrets" -p "$RUN/lns-xl2tpd.pid" \
		-C "$RUN/lns-xl2tpd.control"
	wait_for 60 "xl2tpd listening" in_ns lns grep -q ':06A5 ' /proc/net/udp
	# ip netns exec forks; the measured process is xl2tpd itself.
	bench_pid=$(pid_in lns xl2tpd)
}

# bench_setup KIND N LIMIT: namespaces, server KIND, N clients dialling at
# once; waits up to LIMIT seconds for all sessions. Sets bench_cpu0 and
# bench_rss0 (the server before the storm), bench_setup_us, bench_up.
bench_setup() {
	local kind=$1 n=$2 limit=$3 start end debug

	netns_add lac
	netns_add lns
	veth lac va "$LAC_IP/24" lns vb "$LNS_IP/24"
	bench_server "$kind"
	sleep 1
	bench_cpu0=$(bench_cpu "$bench_pid") bench_rss0=$(bench_rss "$bench_pid")
	bench_clients "$n"
	check "lac.conf is valid" "$L2TPD" -n -c "$OUT/lac.conf"
	# The load generator without -d too (its pppds then without debug):
	# its debug lines, hundreds per session, slowed it more than the
	# servers it measures.
	debug=()
	[ "${BENCH_TRACE:-0}" != 0 ] && debug=(-d)
	start=$EPOCHREALTIME
	# shellcheck disable=SC2086
	bench_spawn lac lac ${L2TPD_WRAP:-} "$L2TPD" "${debug[@]}" \
		-c "$OUT/lac.conf" -s "$RUN/lac.sock" --plugin "$PLUGIN" \
		"${L2TPD_PPPD[@]}"
	end=$((EPOCHSECONDS + limit))
	while :; do
		bench_up=$(bench_ppp_count lns)
		[ "$bench_up" -ge "$n" ] || [ "$EPOCHSECONDS" -ge "$end" ] && break
		sleep 0.5
	done
	bench_setup_us=$(( ${EPOCHREALTIME/./} - ${start/./} ))
}

# bench_storm KIND N LIMIT: N clients at once against server KIND; rows
# for the setup time, failures, the server's CPU and memory growth, named
# BENCH_STORM_NAME (default storm).
bench_storm() {
	local kind=$1 n=$2 us b=${BENCH_STORM_NAME:-storm}

	step "setup storm: $n sessions against $kind"
	bench_setup "$kind" "$n" "$3"
	us=$bench_setup_us
	bench_row "$b" "$kind" "$n" setup-s "$((us / 1000000)).$((us % 1000000 / 10000))"
	bench_row "$b" "$kind" "$n" failed "$((n - bench_up))"
	bench_row "$b" "$kind" "$n" cpu-s "$(awk -v a="$(bench_cpu "$bench_pid")" \
		-v b="$bench_cpu0" 'BEGIN { printf "%.2f", a - b }')"
	bench_row "$b" "$kind" "$n" rss-kib-per-session "$(awk \
		-v a="$(bench_rss "$bench_pid")" -v b="$bench_rss0" -v n="$n" \
		'BEGIN { printf "%.1f", (a - b) / n }')"
	[ "${BENCH_TRACE:-0}" != 0 ] && ps -eo pid,ppid,comm,time,rss,args \
		> "$OUT/ps-$kind-$n.txt"
	bench_teardown
}

# bench_teardown: stops everything of a storm and removes the namespaces.
bench_teardown() {
	local pid ns

	for pid in "${lib_pids[@]}"; do
		stop "$pid" 10
	done
	lib_pids=()
	cp "$RUN"/*.log "$OUT/" 2>/dev/null || true
	rm -f "$RUN"/*.log
	# What is already gone fails to be killed or deleted: that is fine.
	for ns in "${lib_netns[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
		ip netns delete "$ns" 2>/dev/null || true
	done
	lib_netns=()
}

# bench_iperf NAME NS SERVER-ADDR [BIND-ADDR]: a 5 s iperf3 TCP run from
# NS to an iperf3 server on SERVER-ADDR (port 5201 + the last octet of
# BIND-ADDR, so that parallel runs have a server each); prints Mbit/s.
bench_iperf() {
	local name=$1 n=$2 srv=$3 bind=${4:-} port=5201

	[ -n "$bind" ] && port=$((5201 + ${bind##*.}))
	in_ns "$n" iperf3 -c "$srv" -p "$port" ${bind:+-B "$bind"} -t 5 -J \
		> "$OUT/iperf-$name.json" 2>&1 || return 0
	python3 -c 'import json,sys
print("%.0f" % (json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"] / 1e6))' \
		"$OUT/iperf-$name.json"
}

# bench_iperf_servers NS ADDR PORT...: an iperf3 server per port in NS.
bench_iperf_servers() {
	local n=$1 addr=$2 p

	shift 2
	for p in "$@"; do
		spawn "iperf3-$p" "$n" iperf3 -s -B "$addr" -p "$p"
	done
	sleep 2
}

# bench_client_addrs: the client ends' PPP addresses, one per line.
bench_client_addrs() {
	in_ns lac ip -4 -o addr show | awk '$4 ~ /^10\.78\./ { sub("/.*", "", $4); print $4 }'
}
