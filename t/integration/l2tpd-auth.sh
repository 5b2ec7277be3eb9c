#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# PPP authentication through l2tpd's secrets: one client per method (pap,
# chap, mschap1, mschap2), each allowing only its own, against a server
# that accepts all four. With the right password each session comes up
# and passes a ping; with a wrong one the server refuses it, both sides
# say so in their logs, and nothing of the session stays.
# vm-timeout: 200
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

methods="pap chap mschap1 mschap2"

# client NAME METHOD PASSWORD: one entry of the clients list.
client() {
	printf '{ name = "%s"; connect-to = "%s"; user = "alice"; ' "$1" "$LNS_IP"
	printf 'password = "%s"; allow = [ "%s" ]; profile = "c"; ' "$3" "$2"
	printf 'keepalive-timeout = 5; disabled = false; }'
}

step "namespaces, a server with every method"
two_hosts
lns_conf '"pap", "chap", "mschap1", "mschap2"'
{
	echo "clients = ("
	sep=""
	for m in $methods; do
		printf '%s' "$sep"; client "ok-$m" "$m" alice-pw
		printf ',\n'; client "bad-$m" "$m" wrong-pw
		sep=$',\n'
	done
	printf '\n);\n'
	echo 'profiles = ( { name = "c"; use-encryption = "no"; } );'
} > "$OUT/lac.conf"
l2tpd_run lns lns
l2tpd_run lac lac

step "the right password: a session per method"
for m in $methods; do
	wait_for 90 "ok-$m up" has_inet lac "ok-$m"
	# Every client's link has the same peer address: ping from the
	# server, which has a route per client.
	a=$(addr_of lac "ok-$m")
	check "ping over ok-$m" in_ns lns ping -c 2 -i 0.3 -W 2 "$a"
	check "LNS: alice authenticated with $m" \
		log_has lns "peer \"alice\" authenticated with $m"
done

step "a wrong password: refused, both sides say so"
for m in $methods; do
	wait_for 30 "LNS refused bad-$m" \
		log_has lns "peer \"alice\" failed to authenticate with $m"
	wait_for 10 "client bad-$m logged its failure" \
		log_has lac "client bad-$m: .*(authentication failed|peer failed to authenticate|authentication to the peer failed)"
	in_ns lac ip -o link show dev "bad-$m" 2>/dev/null | grep -q UP &&
		fail "bad-$m has an interface up"
done
ctl lns ppp active print
n=$(ctl lns -j ppp active print | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 4 ] || fail "$n active sessions on the LNS, want 4"

step "stop: nothing left"
stop "${l2tpd_pid[lac]}"
clean lac lac
wait_for 20 "LNS sessions gone" no_pppd lns
clean lns lns
used=$(ctl lns -j ip pool print | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["used"])')
[ "$used" = 0 ] || fail "$used pool addresses still in use"
