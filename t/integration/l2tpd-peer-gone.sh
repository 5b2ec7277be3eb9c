#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The client's namespace is deleted under a running session: its l2tpd
# and pppd are killed without a word and its end of the veth pair goes
# with it. Only timers can tell the server: pppd's LCP echoes (derived
# from keepalive-timeout) end the session, the unanswered CDN and HELLO
# retransmissions (RFC 2661 §5.8) clear the tunnel. Nothing is left on
# the server: no pppd, kernel tunnel or session, interface, pool address.
# vm-timeout: 200
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

step "namespaces, server and client, keepalive 5 s"
two_hosts
lns_conf '"mschap2"'
lac_conf '"mschap2"' alice alice-pw
l2tpd_run lns lns
l2tpd_run lac lac
ppp_up 40
check "ping over the session" in_ns lac ping -c 2 -i 0.3 -W 2 $LNS_PPP_IP

step "the client's namespace deleted, its processes killed"
ip netns pids "$(ns lac)" | xargs -r kill -9
ip netns delete "$(ns lac)"
start=$SECONDS

step "the server notices on its own"
wait_for 20 "LNS pppd ended (LCP echoes)" no_pppd lns
echo "pppd gone after $((SECONDS - start)) s"
wait_for 60 "LNS tunnel cleared (retransmissions)" no_l2tp lns
echo "tunnel gone after $((SECONDS - start)) s"
log_has lns "tunnel [0-9]+ down" || fail "no tunnel down line on the LNS"
grep -E "pppd [0-9]+ ended|tunnel [0-9]+ down" "$OUT/lns.log"
clean lns lns
check "no pool address in use" pool_used 0
n=$(ctl lns -j tunnel print | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 0 ] || fail "l2tpctl still shows $n tunnels"
