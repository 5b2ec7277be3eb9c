#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Loss and disorder: 20 clients of our l2tpd (a tunnel and a session each,
# five per client l2tpd, started five at a time) dial our LNS over a veth
# pair with netem on both ends: 10% loss, 5% duplication and reordering
# (a quarter of the packets overtake the rest, which wait 10 ms). Every
# session must come up (RFC 2661 §5.8
# retransmission, duplicate and out-of-order handling on the control
# channel; PPP's own restarts) and then stay up, the same tunnel and
# session, through a minute of pings over each session. The control
# channels' counters (retransmits, duplicates, reordered) are printed.
#
# Keepalives are 60 s on both ends (RouterOS's client default, xl2tpd's
# HELLO interval): pppd's adaptive LCP echo gives up after 5 unanswered
# echoes, and with ~19% of round trips lost a short interval would end a
# healthy session now and then. Each session pings from the moment it is
# up, so its echoes never start; HELLOs still cross the lossy link.
#
# NETEM_SERVER=xl2tpd in the test's environment puts xl2tpd 1.3.18
# (kernel mode, its HELLO every 60 s) in the LNS's place, on demand.
#
#   lac  va 10.77.0.1 --netem-- veth --netem-- vb 10.77.0.2  lns
#        c1..c20 10.78.0.x <--- PPP over L2TP ---> 10.78.0.1
# vm-timeout: 1200
# shellcheck source=t/integration/lib-interop.sh
. "$(dirname "$0")/lib-interop.sh"

N=${NETEM_SESSIONS:-20}
SERVER=${NETEM_SERVER:-l2tpd}
BATCH=5
UP_S=${NETEM_SECONDS:-60}
netem=(loss 10% duplicate 5% delay 10ms reorder 25% 50%)

step "namespaces, netem '${netem[*]}' on both ends"
two_hosts
in_ns lac tc qdisc add dev va root netem "${netem[@]}"
in_ns lns tc qdisc add dev vb root netem "${netem[@]}"
if [ "$SERVER" = l2tpd ]; then
	lns_conf '"mschap2"'
	sed -i -e "s/$POOL_FIRST-10.78.0.20/10.78.0.10-10.78.0.250/" \
		-e "s/keepalive-timeout = 5;/keepalive-timeout = 60;/" \
		"$OUT/lns.conf"
	l2tpd_run lns lns
else
	interop_xl2tpd_conf lns 0 no mschap2
	sed -i "s/^ip range = .*/ip range = 10.78.0.10-10.78.0.250/" \
		"$OUT/c0/lns/xl2tpd.conf"
	interop_ppp_secrets lns
	interop_xl2tpd lns-xl2tpd lns "$OUT/c0/lns"
	wait_for 60 "xl2tpd listening" in_ns lns grep -q ':06A5 ' /proc/net/udp
fi

# batch_conf B: $OUT/lacB.conf with clients c(first)..c(last) of batch B.
batch_conf() {
	local i first=$(( ($1 - 1) * BATCH + 1 ))

	{
		echo "clients = ("
		for ((i = first; i < first + BATCH && i <= N; i++)); do
			[ "$i" -gt "$first" ] && echo ","
			printf '{ name = "c%d"; connect-to = "%s"; ' "$i" "$LNS_IP"
			printf 'user = "alice"; password = "alice-pw"; '
			printf 'allow = [ "mschap2" ]; profile = "c"; '
			printf 'keepalive-timeout = 60; disabled = false; }'
		done
		printf '\n);\nprofiles = ( { name = "c"; use-encryption = "no"; } );\n'
	} > "$OUT/lac$1.conf"
}

# ping_start I: pings over session I until ping_stop, one a second; the
# pid of ping itself (ip netns exec may fork) in $RUN/ping-cI.pid.
ping_start() {
	# shellcheck disable=SC2016 # $$ and $@ are the inner shell's.
	in_ns lac sh -c 'echo $$ > "$1"; shift; exec "$@"' sh \
		"$RUN/ping-c$1.pid" ping -n -I "c$1" -i 1 -W 2 -w 3600 \
		"$LNS_PPP_IP" > "$OUT/ping-c$1.log" 2>&1 &
	lib_pids+=($!)
}

# ping_stop: SIGINT to every ping, which then prints its summary.
ping_stop() {
	local f

	for f in "$RUN"/ping-c*.pid; do
		kill -INT "$(cat "$f")" 2>/dev/null || true
	done
	wait_for 30 "every ping ended" no_ping
}

no_ping() {
	local f

	for f in "$RUN"/ping-c*.pid; do
		! kill -0 "$(cat "$f")" 2>/dev/null || return 1
	done
}

# sessions NAME...: "interface tunnel-id session-id" per line, sorted, of
# the running sessions of l2tpd NAME...
sessions() {
	local name

	for name in "$@"; do
		ctl "$name" -j session print | python3 -c 'import json, sys
for r in json.load(sys.stdin):
    if r["state"] == "running":
        print(r.get("interface", "-"), r["tunnel-id"], r["session-id"])'
	done | sort
}

# link_ready IF: IF has its address and is up. pppd sets the address
# before it brings the interface up; a ping started in between fails at
# once with "Network is unreachable" (seen in CI).
link_ready() {
	has_inet lac "$1" &&
		in_ns lac ip -o link show dev "$1" 2>/dev/null | grep -q ',UP'
}

# A client l2tpd per batch of BATCH sessions, the next one once these are
# up: loss is what this test is about, not a storm on a loaded host (the
# storm has its benchmark, bench/vm/storm.sh).
step "$N sessions come up, $BATCH at a time, each pings from then on"
declare -A pinging=()
lacs=()
for ((b = 1; (b - 1) * BATCH < N; b++)); do
	batch_conf "$b"
	l2tpd_run "lac$b" lac
	lacs+=("lac$b")
	want=$(( b * BATCH < N ? b * BATCH : N ))
	end=$((SECONDS + 300))
	while [ ${#pinging[@]} -lt "$want" ]; do
		[ "$SECONDS" -lt "$end" ] ||
			fail "${#pinging[@]} of $want sessions up within 300s"
		for ((i = 1; i <= want; i++)); do
			if [ -z "${pinging[$i]:-}" ] && link_ready "c$i"; then
				pinging[$i]=1
				ping_start "$i"
			fi
		done
		sleep 1
	done
	echo "$want up after ${SECONDS}s"
done
# The LNS's side may lag the client's by IPCP's last packet.
lns_all_up() {
	[ "$(in_ns lns ip -4 -o addr show | grep -c "inet $LNS_PPP_IP peer")" = "$N" ]
}
wait_for 120 "$N running sessions on the LNS" lns_all_up
sessions "${lacs[@]}" > "$OUT/sessions-before.txt"
[ "$(wc -l < "$OUT/sessions-before.txt")" = "$N" ] ||
	fail "$(wc -l < "$OUT/sessions-before.txt") running sessions on the client"

step "${UP_S}s of pings over every session"
end=$((SECONDS + UP_S))
while [ "$SECONDS" -lt "$end" ]; do
	sleep 5
	sessions "${lacs[@]}" > "$OUT/sessions-now.txt"
	cmp -s "$OUT/sessions-before.txt" "$OUT/sessions-now.txt" ||
		fail "the sessions changed: $(diff "$OUT/sessions-before.txt" \
			"$OUT/sessions-now.txt" | grep '^[<>]' | tr '\n' ' ')"
done
ping_stop

step "every session stayed up and carried traffic"
sent=0 recvd=0
for ((i = 1; i <= N; i++)); do
	# No process substitution: the guest has no /dev/fd.
	read -r s r <<< "$(sed -n \
		's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' \
		"$OUT/ping-c$i.log")"
	[ "${r:-0}" -gt 0 ] || fail "c$i: no ping answered"
	sent=$((sent + s)) recvd=$((recvd + r))
done
echo "pings: $sent sent, $recvd answered ($(( (sent - recvd) * 100 / sent ))% lost; netem drops both ways)"
sessions "${lacs[@]}" > "$OUT/sessions-after.txt"
check "the same $N sessions on the client" \
	cmp "$OUT/sessions-before.txt" "$OUT/sessions-after.txt"
check "$N running sessions on the LNS" lns_all_up
if [ "$SERVER" = l2tpd ]; then
	! log_has lns "tunnel [0-9]+ down" ||
		echo "the LNS lost a tunnel during setup"
	lacs=(lns "${lacs[@]}")
fi

# How much the loss and disorder cost the control channels (RFC 2661 §5.8).
for name in "${lacs[@]}"; do
	ctl "$name" -j tunnel print > "$OUT/tunnels-$name.json"
	python3 - "$name" "$OUT/tunnels-$name.json" <<-'PY'
	import json, sys
	rows = json.load(open(sys.argv[2]))
	keys = ("tx-messages", "retransmits", "rx-messages", "duplicates",
	        "reordered", "out-of-window")
	print("%s: %d tunnels, control channel %s" % (sys.argv[1], len(rows),
	      ", ".join("%s %d" % (k, sum(r.get(k, 0) for r in rows)) for k in keys)))
	PY
done
