#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A peer that vanishes: our client and our LNS have a session up, then the
# link between them drops every packet (netem loss 100% on both veth ends:
# the peer neither answers nor says goodbye). Each side must find out on
# its own: a HELLO after keepalive-timeout (RFC 2661 §6.5) goes
# unacknowledged through the retransmission budget (§5.8; l2tpd: 5
# retransmissions, 1 s doubling to at most 8 s, 31 s in all), and the
# tunnel is cleared: pppd, kernel tunnel and session, ppp interface, pool
# address, l2tpctl's rows.
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

keepalive=5
budget=31
# The keepalive timer runs from the last message received, before the cut;
# TCG adds its own delays.
limit=$((keepalive + budget + 10))

step "a session between our client and our LNS (keepalive ${keepalive}s)"
two_hosts
lns_conf '"mschap2"'
sed -i "s/keepalive-timeout = 5;/keepalive-timeout = $keepalive;/" "$OUT/lns.conf"
lac_conf '"mschap2"' alice alice-pw
sed -i "s/keepalive-timeout = 5;/keepalive-timeout = $keepalive;/" "$OUT/lac.conf"
l2tpd_run lns lns
l2tpd_run lac lac
ppp_up 40
check "ping over PPP" in_ns lac ping -c 2 -i 0.3 -W 2 $LNS_PPP_IP

step "the link drops everything"
in_ns lac tc qdisc add dev va root netem loss 100%
in_ns lns tc qdisc add dev vb root netem loss 100%
cut=$EPOCHREALTIME

# gone NAME TID: l2tpd NAME cleared tunnel TID (pppd's LCP echoes may
# notice first: then l2tpd's StopCCN goes unacknowledged instead).
gone() {
	log_has "$1" "tunnel $2 down: "
}

declare -A tid=() took=()
for side in lns lac; do
	tid[$side]=$(sed -n 's/^l2tpd: tunnel \([0-9]*\) up: .*/\1/p' "$OUT/$side.log" | head -n 1)
	[ -n "${tid[$side]}" ] || fail "$side logged no tunnel up"
done
# Both sides at once, each timed from the cut.
for ((i = 0; i < limit * 5; i++)); do
	for side in lns lac; do
		[ -z "${took[$side]:-}" ] && gone $side "${tid[$side]}" &&
			took[$side]=$(( ${EPOCHREALTIME/./} - ${cut/./} ))
	done
	[ -n "${took[lns]:-}" ] && [ -n "${took[lac]:-}" ] && break
	sleep 0.2
done
for side in lns lac; do
	us=${took[$side]:-}
	[ -n "$us" ] || fail "$side did not clear tunnel ${tid[$side]} within ${limit}s"
	echo "$side: tunnel ${tid[$side]} cleared $((us / 1000000)).$((us % 1000000 / 100000)) s after the cut (limit ${limit} s)"
	grep -E "tunnel ${tid[$side]} down|disconnect cause" "$OUT/$side.log"
	[ "$us" -le $((limit * 1000000)) ] || fail "$side took longer than ${limit}s"
done

step "nothing left on either side"
clean lns lns
clean lac lac
n=$(ctl lns -j tunnel print | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 0 ] || fail "$n tunnels still listed on the LNS"
n=$(ctl lns -j ppp active print | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 0 ] || fail "$n active sessions still listed on the LNS"
used=$(ctl lns -j ip pool print | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["used"])')
[ "$used" = 0 ] || fail "$used pool addresses still in use"
