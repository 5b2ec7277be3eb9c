#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Twenty sessions in one tunnel: twenty clients of one l2tpd share
# tunnel "hq" (the client property "tunnel"), each with its pppd, all up
# at once and each passing a ping. Then the tear-down paths, each
# checked to end only what it should:
#   - a CDN from the client and one from the server (l2tpctl session
#     remove), and a client's pppd killed: that session ends (the killed
#     one with result 2, error 6, RFC 2661 §4.4.2), the tunnel stays, the
#     client dials again into the same tunnel;
#   - a client disabled by a reload: its CDN only, the tunnel stays;
#   - StopCCN (l2tpctl tunnel remove on the server): every session ends,
#     and the clients come back in one new tunnel;
#   - the client stops: nothing is left on either side (ip l2tp, links,
#     pppd, zombies, the server's descriptors, the pool).
# vm-timeout: 1400
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

N=${L2TPD_SHARED_N:-20}

# lac_shared_conf DISABLED: $OUT/lac.conf with clients c1..cN in tunnel
# "hq"; client DISABLED (a number, or 0) is disabled.
lac_shared_conf() {
	local i

	{
		echo "clients = ("
		for ((i = 1; i <= N; i++)); do
			cat <<-EOC
			{ name = "c$i"; connect-to = "$LNS_IP"; tunnel = "hq";
			  user = "alice"; password = "alice-pw";
			  allow = [ "mschap2" ]; profile = "c";
			  keepalive-timeout = 30;
			  disabled = $([ "$i" = "$1" ] && echo true || echo false); }$( ((i < N)) && echo ,)
			EOC
		done
		echo ");"
		echo 'profiles = ( { name = "c"; use-encryption = "no"; } );'
	} > "$OUT/lac.conf"
}

# poll SECONDS WHAT COMMAND...: wait_for with a pause of 3 s between
# tries: each try of the checks below runs a dozen processes, which
# would take the CPU from the forty pppd they wait for.
poll() {
	local limit=$1 what=$2 end

	shift 2
	end=$((SECONDS + limit))
	until "$@" >/dev/null 2>&1; do
		((SECONDS < end)) || fail "$what: not within ${limit}s"
		sleep 3
	done
}

# jcount NAME OBJ: how many rows l2tpctl NAME OBJ print gives.
jcount() {
	ctl "$1" -j "$2" print | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}

# tunnel_ids NAME: the tunnel ids of l2tpd NAME, with their session counts.
tunnel_ids() {
	ctl "$1" -j tunnel print | python3 -c 'import json,sys
print(" ".join("%d:%d" % (t["tunnel-id"], t["sessions"]) for t in json.load(sys.stdin)))'
}

# running NAME N: l2tpd NAME has N sessions, all running.
running() {
	[ "$(ctl "$1" -j session print | python3 -c 'import json,sys
print(sum(1 for s in json.load(sys.stdin) if s["state"] == "running"))')" = "$2" ] &&
		[ "$(jcount "$1" session)" = "$2" ]
}

# one_tunnel N: each side has one tunnel with N sessions, all running,
# and the kernel agrees.
one_tunnel() {
	local t

	for t in lac lns; do
		[ "$(jcount $t tunnel)" = 1 ] || return 1
		running $t "$1" || return 1
		[ "$(in_ns $t ip l2tp show tunnel | grep -c '^Tunnel')" = 1 ] ||
			return 1
		[ "$(in_ns $t ip l2tp show session | grep -c '^Session')" = "$1" ] ||
			return 1
	done
}

# same_tunnel ID N: the client's one tunnel is still ID, with N sessions.
same_tunnel() {
	one_tunnel "$2" && [ "$(tunnel_ids lac)" = "$1:$2" ]
}

# ping_all N: the LNS has N running sessions, and each client address
# answers a ping (all at once from one shell in the namespace: a process
# after another costs seconds each under emulation).
ping_all() {
	local addrs out

	addrs=$(ctl lns -j ppp active print | python3 -c 'import json,sys
print(" ".join(r["address"] for r in json.load(sys.stdin)))')
	[ "$(wc -w <<< "$addrs")" = "$1" ] || fail "not $1 active: $addrs"
	# shellcheck disable=SC2016,SC2086
	out=$(in_ns lns sh -c 'for a; do
		ping -q -c 2 -W 5 "$a" >/dev/null || echo "no answer from $a" &
	done; wait' sh $addrs)
	[ -z "$out" ] || fail "$out"
	echo "$1 clients answer a ping"
}

step "namespaces, the server and $N clients in tunnel hq"
two_hosts
lns_conf '"mschap2"' no "" ""
# Forty pppd at once crawl under emulation: LCP echoes every 30 s, not 5.
# Four calls answered at a time (max-starting): the others wait for their
# ICRP and still come up, on every way back below too.
sed -i -e "s/$POOL_FIRST-10.78.0.20/10.78.0.10-10.78.0.60/" \
	-e "s/keepalive-timeout = 5;/keepalive-timeout = 30;\n\t\tmax-starting = 4;/" \
	"$OUT/lns.conf"
grep -q "max-starting = 4;" "$OUT/lns.conf" || fail "no max-starting in lns.conf"
lac_shared_conf 0
l2tpd_run lns lns
fd0=$(fd_count "${l2tpd_pid[lns]}")
l2tpd_run lac lac

step "$N sessions up in one tunnel"
start=$SECONDS
poll 600 "$N sessions running in one tunnel" one_tunnel "$N"
echo "$N sessions up after $((SECONDS - start)) s: $(tunnel_ids lac)"
ping_all "$N"
check "$N pool addresses in use" pool_used "$N"
tid=$(tunnel_ids lac)
tid=${tid%%:*}
check "LAC: the others joined" log_has lac "client c[0-9]+: joining tunnel hq"
held=$(grep -c "call waits for its answer" "$OUT/lns.log" || true)
echo "calls that waited for their ICRP: $held"
[ "$held" -gt 0 ] || fail "no call waited with max-starting = 4"

# again WHAT: the session ended, the tunnel stayed, the client is back.
again() {
	poll 240 "$1: $N sessions again in tunnel $tid" same_tunnel "$tid" "$N"
	check "$1: $N pool addresses in use" pool_used "$N"
	log_has lns "tunnel [0-9]+ down" && fail "$1: the LNS lost a tunnel"
	return 0
}

step "CDN from the client (l2tpctl session remove on the LAC)"
check "session remove" ctl lac session remove numbers=0
again "CDN from the client"

step "CDN from the server (l2tpctl session remove on the LNS)"
check "session remove" ctl lns session remove numbers=0
again "CDN from the server"

step "a client's pppd killed"
pid=$(ctl lac -j session print | python3 -c 'import json,sys
print(json.load(sys.stdin)[0]["pppd-pid"])')
kill -9 "$pid"
wait_for 90 "LNS: the CDN of the killed pppd" log_has lns \
	"down: by the peer, result 2 error 6 \"killed by signal 9\""
again "pppd killed"

step "c$N disabled by a reload: its CDN only"
lac_shared_conf "$N"
check "LAC reload" ctl lac reload
poll 120 "$((N - 1)) sessions in tunnel $tid" same_tunnel "$tid" $((N - 1))
check "c$N is gone" test -z "$(addr_of lac "c$N")"
check "$((N - 1)) pool addresses in use" pool_used $((N - 1))
ping_all $((N - 1))

step "StopCCN (l2tpctl tunnel remove on the LNS): all down, all back"
check "tunnel remove" ctl lns tunnel remove numbers=0
wait_for 90 "LAC: StopCCN from the peer" log_has lac \
	"tunnel $tid down: by the peer, result 1"
poll 600 "$((N - 1)) sessions in one new tunnel" one_tunnel $((N - 1))
[ "$(tunnel_ids lac)" != "$tid:$((N - 1))" ] || fail "still tunnel $tid"
echo "back in tunnel $(tunnel_ids lac)"
ping_all $((N - 1))

step "the client stops: nothing is left"
stop "${l2tpd_pid[lac]}"
clean lac lac
clean lns lns
check "no pool address in use" pool_used 0
[ "$(jcount lns tunnel)" = 0 ] || fail "the LNS still has a tunnel"
# Closed tunnels keep their socket for the StopCCN hold (31 s, §5.7).
fd_back() {
	[ "$(fd_count "${l2tpd_pid[lns]}")" = "$fd0" ]
}
wait_for 45 "LNS descriptors back to $fd0" fd_back
