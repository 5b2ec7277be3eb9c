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

# bench_cpu_sys PID: the system part of bench_cpu (time in the kernel
# for PID: its system calls, page faults, fork()).
bench_cpu_sys() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", $15 / hz }' \
		"/proc/$1/stat"
}

# bench_runq PID: seconds PID's main thread (l2tpd's loop, xl2tpd) has
# been runnable but waiting for a CPU (/proc/PID/schedstat).
bench_runq() {
	awk '{ printf "%.2f", $2 / 1e9 }' "/proc/$1/schedstat" 2>/dev/null ||
		echo 0
}

# bench_udp_drops: UDP datagrams dropped in both namespaces for a full
# receive buffer (RcvbufErrors of /proc/net/snmp; the namespaces are new
# for each storm).
bench_udp_drops() {
	local ns t=0 v

	for ns in lac lns; do
		# shellcheck disable=SC2016
		v=$(in_ns "$ns" awk '/^Udp:/ { if (!h) { for (i = 2; i <= NF; i++)
			if ($i == "RcvbufErrors") c = i; h = 1 } else print $c }' \
			/proc/net/snmp)
		t=$((t + ${v:-0}))
	done
	echo "$t"
}

# bench_cpu_sum NS COMM: user plus system CPU seconds of the processes
# named COMM in namespace NS, together. The shell reads /proc itself: a
# process per pppd took minutes with a thousand of them.
bench_cpu_sum() {
	local p l t=0 hz

	hz=$(getconf CLK_TCK)
	for p in $(pid_in "$1" "$2"); do
		{ read -r l < "/proc/$p/stat"; } 2>/dev/null || continue
		# shellcheck disable=SC2086
		set -- ${l##*) }
		t=$((t + ${12} + ${13}))
	done
	echo "$((t / hz)).$(printf '%02d' $((t % hz * 100 / hz)))"
}

# bench_guest_busy: CPU seconds the guest's CPUs have been busy since boot
# (all but idle and iowait, /proc/stat).
bench_guest_busy() {
	awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" {
		printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}

# bench_minflt PID: page faults PID took without I/O (copy-on-write
# after fork() among them).
bench_minflt() {
	local l

	read -r l < "/proc/$1/stat"
	# shellcheck disable=SC2086
	set -- ${l##*) }
	echo "$8"
}

# bench_rss PID [FIELD]: resident memory of PID in KiB, all of it (VmRSS)
# or FIELD of /proc/PID/status (RssAnon: heap, stacks and other private
# pages; RssFile: pages of mapped files, the program's and its libraries').
bench_rss() {
	awk -v f="${2:-VmRSS}:" '$1 == f { print $2 }' "/proc/$1/status"
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

# bench_ppp_count PID: PPP links up with an address in PID's namespace:
# routes to a single host (the peer of each link; the veth pair has a
# /24), read from /proc/PID/net/route by the shell itself. An ip dump and
# a grep twice a second cost the guest more than the servers measured once
# there are a thousand links (a dump each of a thousand interfaces).
bench_ppp_count() {
	local n=0 iface dst gw flags ref use metric mask rest

	# shellcheck disable=SC2034
	while read -r iface dst gw flags ref use metric mask rest; do
		[ "$mask" = FFFFFFFF ] && n=$((n + 1))
	done < "/proc/$1/net/route"
	echo "$n"
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

# BENCH_PERF=1: perf samples the server process alone (not its pppds)
# from just before the storm to its end; the report of where its CPU went
# lands in $OUT/perf-KIND-N.txt. BENCH_PERF=strace: strace -c counts the
# server's system calls instead ($OUT/strace-c-KIND-N.txt). The sampling costs the guest's CPU too:
# such a run's times are not the benchmark's.
bench_perf_start() {
	bench_perf_pid=
	if [ "${BENCH_PERF:-0}" = callgrind ]; then
		# From here on: the start-up is not the storm's.
		bench_perf_name=$1
		callgrind_control -z "$bench_pid" > /dev/null 2>&1 || true
		return 0
	fi
	if [ "${BENCH_PERF:-0}" = strace ]; then
		bench_perf_name=$1
		strace -c -S calls -p "$bench_pid" -o "$OUT/strace-c-$1.txt" &
		bench_perf_pid=$!
		sleep 2
		return 0
	fi
	[ "${BENCH_PERF:-0}" = 1 ] || return 0
	bench_perf_name=$1
	perf record -q -F "${BENCH_PERF_FREQ:-499}" -g -p "$bench_pid" -o "$RUN/perf.data" \
		> "$OUT/perf-$1.log" 2>&1 &
	bench_perf_pid=$!
	sleep 2
}

# BENCH_ACCT=1: BSD process accounting (accton, Debian's acct package)
# over the storm, so that the short-lived processes are seen too (pppd's
# ip-up scripts, modprobe run by the kernel, the measuring loop's ip):
# CPU per command in $OUT/acct-KIND-N.txt.
bench_acct_start() {
	bench_acct=
	[ "${BENCH_ACCT:-0}" = 1 ] || return 0
	bench_acct=$1
	: > "$RUN/pacct"
	bench_procs > "$RUN/procs0"
	accton "$RUN/pacct"
}

# bench_procs: "PID COMM TICKS" of every process, kernel threads included
# (user plus system time, the process's own and its reaped children's).
bench_procs() {
	local f l c r

	for f in /proc/[0-9]*/stat; do
		{ read -r l < "$f"; } 2>/dev/null || continue
		c=${l#*(} c=${c%)*} r=${l##*) }
		# shellcheck disable=SC2086
		set -- $r
		echo "${l%% *} ${c// /_} $((${12} + ${13} + ${14} + ${15}))"
	done
}

bench_acct_stop() {
	[ -n "$bench_acct" ] || return 0
	accton off
	sa -a "$RUN/pacct" > "$OUT/acct-$bench_acct.txt" 2>&1 || true
	# The processes alive at the end: CPU seconds each kind took since the
	# start (a process that started meanwhile counts whole).
	bench_procs > "$RUN/procs1"
	awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { t0[$1] = $3; next }
		{ d = $3 - t0[$1]; s[$2] += d; c[$2]++ }
		END { for (k in s) if (s[k] > 0)
			printf "%10.2f %6d %s\n", s[k] / hz, c[k], k }' \
		"$RUN/procs0" "$RUN/procs1" | sort -rn \
		> "$OUT/procs-$bench_acct.txt"
	bench_acct=
}

bench_perf_stop() {
	if [ "${BENCH_PERF:-0}" = callgrind ] && [ -n "$bench_perf_name" ]; then
		# The first dump: from the start of the storm (callgrind_control
		# -z in bench_perf_start) to here.
		local dump=$RUN/callgrind.out.1 n=${bench_perf_name##*-}

		callgrind_control -d "$bench_pid" > /dev/null 2>&1 || true
		sleep 2
		bench_row "${BENCH_STORM_NAME:-storm}" "${bench_perf_name%-*}" \
			"$n" user-instr-per-session "$(awk -v n="$n" '
				$1 == "summary:" { printf "%.0f", $2 / n }' "$dump")"
		callgrind_annotate --inclusive=yes "$dump" \
			> "$OUT/callgrind-$bench_perf_name.txt" 2>&1 || true
		cp "$dump" "$OUT/callgrind.out.$bench_perf_name" 2>/dev/null || true
		rm -f "$RUN"/callgrind.out*
		bench_perf_name=
		return 0
	fi
	[ -n "$bench_perf_pid" ] || return 0
	kill -INT "$bench_perf_pid"
	wait "$bench_perf_pid" || true
	if [ "$BENCH_PERF" = strace ]; then
		bench_perf_pid=
		return 0
	fi
	perf report -i "$RUN/perf.data" --stdio --no-children \
		--sort dso,sym -g none --percent-limit 0.5 \
		> "$OUT/perf-$bench_perf_name.txt" 2>&1 || true
	perf report -i "$RUN/perf.data" --stdio --no-children \
		--sort sym -g caller,0.5,callee --percent-limit 2 \
		> "$OUT/perf-$bench_perf_name-callers.txt" 2>&1 || true
	rm -f "$RUN/perf.data"
	bench_perf_pid=
}

# BENCH_PERF=callgrind: the server (l2tpd or xl2tpd, not its pppds) runs
# under valgrind's callgrind, which counts every instruction it runs in
# user space, by function: $OUT/callgrind-KIND-N.txt, and a row
# user-instr-per-session. The kernel's work for it (system calls, page
# faults, fork) is not counted. Unlike CPU seconds in a TCG guest, where
# code seldom run costs its translation too, these counts are what the
# server's own code does. valgrind makes the server some 50 times slower:
# such a storm's times are not the benchmark's.
bench_callgrind="valgrind --tool=callgrind --callgrind-out-file=$RUN/callgrind.out"

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
		local wrap=${L2TPD_WRAP:-} comm=l2tpd
		if [ "${BENCH_PERF:-0}" = callgrind ]; then
			wrap=$bench_callgrind comm=callgrind-amd64
		fi
		# shellcheck disable=SC2086
		bench_spawn lns lns $wrap "$L2TPD" "${debug[@]}" \
			-c "$OUT/lns.conf" -s "$RUN/lns.sock" \
			--plugin "$PLUGIN" "${L2TPD_PPPD[@]}"
		wait_for 120 "l2tpd's control socket" test -S "$RUN/lns.sock"
		bench_pid=$(pid_in lns $comm)
		return
	fi
	# Likewise xl2tpd and its pppd without their debug output.
	interop_xl2tpd_conf lns 0 no mschap2
	sed -i -e "s/^ip range = .*/ip range = 10.78.0.10-10.78.7.250/" \
		-e "/^debug /d" "$OUT/c0/lns/xl2tpd.conf"
	sed -i -e "/^debug$/d" -e "/^logfile /d" "$OUT/c0/lns/options.pppd"
	interop_ppp_secrets lns
	# interop_xl2tpd's command line, with the output on tmpfs.
	local wrap='' comm=xl2tpd
	if [ "${BENCH_PERF:-0}" = callgrind ]; then
		wrap=$bench_callgrind comm=callgrind-amd64
	fi
	# shellcheck disable=SC2086
	bench_spawn lns-xl2tpd lns $wrap xl2tpd -D -c "$OUT/c0/lns/xl2tpd.conf" \
		-s "$OUT/c0/lns/secrets" -p "$RUN/lns-xl2tpd.pid" \
		-C "$RUN/lns-xl2tpd.control"
	wait_for 120 "xl2tpd listening" in_ns lns grep -q ':06A5 ' /proc/net/udp
	# ip netns exec forks; the measured process is xl2tpd itself.
	bench_pid=$(pid_in lns $comm)
}

# bench_syslog: a sink for /dev/log, where l2tpd (without -d) and every
# pppd send their lines, as they would to journald; without one, each
# line costs its sender a failed socket() and connect() (the guest runs no
# syslog daemon). xl2tpd -D writes to its stderr, a file on tmpfs. The
# lines land in $RUN/syslog.log, copied to $OUT with the other logs.
bench_syslog() {
	rm -f /dev/log
	python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
with open(sys.argv[1], "ab", buffering=0) as f:
    while True:
        f.write(s.recv(65536) + b"\n")' "$RUN/syslog.log" &
	lib_pids+=($!)
	wait_for 30 "a /dev/log sink" test -S /dev/log
}

# bench_setup KIND N LIMIT: namespaces, server KIND, N clients dialling at
# once; waits up to LIMIT seconds for all sessions. Sets bench_cpu0 and
# bench_rss0 (the server before the storm), bench_setup_us, bench_up.
bench_setup() {
	local kind=$1 n=$2 limit=$3 start end debug

	netns_add lac
	netns_add lns
	veth lac va "$LAC_IP/24" lns vb "$LNS_IP/24"
	bench_syslog
	bench_server "$kind"
	sleep 1
	bench_cpu0=$(bench_cpu "$bench_pid") bench_rss0=$(bench_rss "$bench_pid")
	bench_anon0=$(bench_rss "$bench_pid" RssAnon)
	bench_file0=$(bench_rss "$bench_pid" RssFile)
	bench_sys0=$(bench_cpu_sys "$bench_pid")
	bench_flt0=$(bench_minflt "$bench_pid")
	bench_runq0=$(bench_runq "$bench_pid")
	bench_perf_start "$kind-$n"
	bench_acct_start "$kind-$n"
	bench_clients "$n"
	check "lac.conf is valid" "$L2TPD" -n -c "$OUT/lac.conf"
	# The load generator without -d too (its pppds then without debug):
	# its debug lines, hundreds per session, slowed it more than the
	# servers it measures.
	debug=()
	[ "${BENCH_TRACE:-0}" != 0 ] && debug=(-d)
	bench_busy0=$(bench_guest_busy)
	start=$EPOCHREALTIME
	# shellcheck disable=SC2086
	bench_spawn lac lac ${L2TPD_WRAP:-} "$L2TPD" "${debug[@]}" \
		-c "$OUT/lac.conf" -s "$RUN/lac.sock" --plugin "$PLUGIN" \
		"${L2TPD_PPPD[@]}"
	end=$((EPOCHSECONDS + limit))
	while :; do
		bench_up=$(bench_ppp_count "$bench_pid")
		[ "$bench_up" -ge "$n" ] || [ "$EPOCHSECONDS" -ge "$end" ] && break
		sleep 0.5
	done
	bench_setup_us=$(( ${EPOCHREALTIME/./} - ${start/./} ))
	bench_acct_stop
	bench_busy=$(awk -v a="$(bench_guest_busy)" -v b="$bench_busy0" \
		'BEGIN { printf "%.2f", a - b }')
}

# bench_warm KIND...: a storm of BENCH_WARM_N sessions (default 5; 0:
# none) against each server, measured by nobody, before the storms that
# are. The first storm of a guest run pays for what later ones find
# ready: TCG translating the code of pppd, its scripts and the libraries,
# and the page cache. Without it l2tpd, always first, paid: at N = 10
# the load generator's pppds, the same in both storms, took 4.41 CPU-s in
# l2tpd's storm and 2.05 in xl2tpd's, and the setup 9.67 s against 4.25.
bench_warm() {
	local kind n=${BENCH_WARM_N:-5}

	[ "$n" -gt 0 ] || return 0
	for kind in "$@"; do
		step "warm-up: $n sessions against $kind (not measured)"
		BENCH_PERF=0 BENCH_ACCT=0 bench_setup "$kind" "$n" 120
		bench_teardown
	done
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
	bench_row "$b" "$kind" "$n" sys-cpu-s "$(awk \
		-v a="$(bench_cpu_sys "$bench_pid")" -v b="$bench_sys0" \
		'BEGIN { printf "%.2f", a - b }')"
	bench_row "$b" "$kind" "$n" rss-kib-per-session "$(awk \
		-v a="$(bench_rss "$bench_pid")" -v b="$bench_rss0" -v n="$n" \
		'BEGIN { printf "%.1f", (a - b) / n }')"
	# The same growth split: private pages (the heap) and file pages.
	bench_row "$b" "$kind" "$n" rss-anon-kib-per-session "$(awk \
		-v a="$(bench_rss "$bench_pid" RssAnon)" -v b="$bench_anon0" \
		-v n="$n" 'BEGIN { printf "%.1f", (a - b) / n }')"
	bench_row "$b" "$kind" "$n" rss-file-kib-per-session "$(awk \
		-v a="$(bench_rss "$bench_pid" RssFile)" -v b="$bench_file0" \
		-v n="$n" 'BEGIN { printf "%.1f", (a - b) / n }')"
	bench_row "$b" "$kind" "$n" minflt-per-session "$(( ($(bench_minflt \
		"$bench_pid") - bench_flt0) / n ))"
	# Where the guest's CPU went meanwhile: all of it, both sides' pppds
	# and the load generator.
	bench_row "$b" "$kind" "$n" guest-busy-s "$bench_busy"
	bench_row "$b" "$kind" "$n" lns-pppd-cpu-s "$(bench_cpu_sum lns pppd)"
	bench_row "$b" "$kind" "$n" lac-pppd-cpu-s "$(bench_cpu_sum lac pppd)"
	bench_row "$b" "$kind" "$n" lac-l2tpd-cpu-s "$(bench_cpu_sum lac l2tpd)"
	# Whether the server got the CPU when it wanted it, and the sockets
	# kept up.
	bench_row "$b" "$kind" "$n" runq-wait-s "$(awk \
		-v a="$(bench_runq "$bench_pid")" -v b="$bench_runq0" \
		'BEGIN { printf "%.2f", a - b }')"
	bench_row "$b" "$kind" "$n" udp-rcvbuf-drops "$(bench_udp_drops)"
	[ "${BENCH_TRACE:-0}" != 0 ] && ps -eo pid,ppid,comm,time,rss,args \
		> "$OUT/ps-$kind-$n.txt"
	bench_perf_stop
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
	# bench_syslog's socket, its reader gone.
	rm -f /dev/log
	# xl2tpd's /etc/ppp (interop_ppp_secrets): not for the next server.
	for ns in "${interop_etc[@]}"; do
		rm -rf "$ns"
	done
	interop_etc=()
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
