#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Twenty tunnels from twenty namespaces at once: each namespace runs its
# own l2tpd client (one tunnel, one session) to one LNS, across a bridge.
# All twenty sessions come up and pass a ping; l2tpctl counts twenty
# tunnels, sessions and pool addresses; then every client stops and the
# server is left with nothing.
#
#   lac1..lac20  vc 10.77.0.(100+N) --- br0 10.77.0.2  lns
# vm-timeout: 900
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

N=20

step "the LNS and a bridge"
netns_add lns
in_ns lns ip link add br0 type bridge
in_ns lns ip addr add $LNS_IP/24 dev br0
in_ns lns ip link set br0 up
lns_conf '"mschap2"' no "" ""
sed -i "s/$POOL_FIRST-10.78.0.20/10.78.0.10-10.78.0.60/" "$OUT/lns.conf"
l2tpd_run lns lns

step "$N client namespaces, each with its own l2tpd"
for ((i = 1; i <= N; i++)); do
	netns_add "lac$i"
	ip link add "v$i" netns "$(ns lns)" type veth peer name vc \
		netns "$(ns "lac$i")"
	in_ns lns ip link set "v$i" master br0 up
	in_ns "lac$i" ip addr add "10.77.0.$((100 + i))/24" dev vc
	in_ns "lac$i" ip link set vc up
	cat > "$OUT/lac$i.conf" <<-EOC
	clients = ( { name = "l2tp-out"; connect-to = "$LNS_IP";
		user = "alice"; password = "alice-pw"; allow = [ "mschap2" ];
		profile = "default"; keepalive-timeout = 10; disabled = false; } );
	EOC
	l2tpd_run "lac$i" "lac$i"
done

step "every session up"
for ((i = 1; i <= N; i++)); do
	wait_for 240 "lac$i up" has_inet "lac$i" l2tp-out
done
echo "all $N up after ${SECONDS}s"
# One ping per client address, all from one shell in the LNS's namespace:
# a process per step costs seconds under emulation.
addrs=$(ctl lns -j ppp active print | python3 -c 'import json,sys
print(" ".join(r["address"] for r in json.load(sys.stdin)))')
echo "client addresses: $addrs"
[ "$(wc -w <<< "$addrs")" = $N ] || fail "not $N active sessions: $addrs"
# shellcheck disable=SC2016,SC2086
check "ping every client" in_ns lns sh -c \
	'for a; do ping -q -c 1 -W 3 "$a" >/dev/null || { echo "no answer from $a"; exit 1; }; done' \
	sh $addrs
count() {
	ctl lns -j "$@" print | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}
[ "$(count tunnel)" = $N ] || fail "$(count tunnel) tunnels, want $N"
[ "$(count session)" = $N ] || fail "$(count session) sessions, want $N"
check "$N pool addresses in use" pool_used $N

step "every client stops"
for ((i = 1; i <= N; i++)); do
	kill "${l2tpd_pid[lac$i]}"
done
for ((i = 1; i <= N; i++)); do
	stop "${l2tpd_pid[lac$i]}"
done
wait_for 60 "LNS: no pppd" no_pppd lns
clean lns lns
check "no pool address in use" pool_used 0
