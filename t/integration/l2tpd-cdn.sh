#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Tear-down by CDN (RFC 2661 §5.7), from each side, and the client's
# default route: with add-default-route and default-route-distance = 5
# the client has "default dev l2tp-out metric 5" while its session is up
# and none after. l2tpctl removes the session on the server, then on the
# client; each time the pppd, the kernel session and the pool address of
# the old session go, and the client dials again.
# vm-timeout: 200
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

step "namespaces; a client with a default route at distance 5"
two_hosts
lns_conf '"mschap2"'
lac_conf '"mschap2"' alice alice-pw \
	'add-default-route = true; default-route-distance = 5;'
l2tpd_run lns lns
l2tpd_run lac lac
ppp_up 40

step "the default route"
in_ns lac ip route show default
check "default dev l2tp-out metric 5" default_route

# cdn_from NAME: removes the session with l2tpctl on NAME and checks that
# the old one is gone everywhere and that a new one comes up.
cdn_from() {
	local name=$1 old new

	old=$(session_of lns)
	echo "session before: $old"
	check "l2tpctl session remove on $name" ctl "$name" session remove numbers=0
	wait_for 20 "the old session gone on the LNS" gone lns "$old"
	wait_for 20 "the old session gone on the LAC" no_session_on lac "${old%% *}"
	wait_for 30 "the client dialled again" ppp_again "$old"
	new=$(session_of lns)
	echo "session after: $new"
	check "default route back" default_route
	check "ping over the new session" \
		in_ns lac ping -c 2 -i 0.3 -W 2 $LNS_PPP_IP
	check "one pool address in use" pool_used 1
}

step "CDN from the server (l2tpctl session remove on the LNS)"
cdn_from lns
check "LAC: CDN from the peer" log_has lac "down: by the peer, result 3"

step "CDN from the client (l2tpctl session remove on the LAC)"
cdn_from lac
check "LNS: CDN from the peer" log_has lns "down: by the peer, result 3"

step "the client stops: the route goes, nothing is left"
stop "${l2tpd_pid[lac]}"
clean lac lac
in_ns lac ip route show default | grep -q . &&
	fail "a default route is left: $(in_ns lac ip route show default)"
clean lns lns
check "no pool address in use" pool_used 0
