#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# MPPE and the allow list: a server whose profile requires encryption
# (use-encryption = required) and accepts mschap2 only. A client allowing
# mschap2 with encryption on gets MPPE-128 and passes traffic; one that
# turns encryption off, one with use-encryption = yes (pppd 2.4.9 and
# 2.5 cannot accept MPPE without requiring it, so "yes" offers none, as
# l2tpd.conf(5) says), and one whose allow list (pap) leaves out every
# method the server accepts, fail cleanly with a clear log line and
# leave nothing behind on the server.
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

step "namespaces, a server requiring MPPE and mschap2"
two_hosts
lns_conf '"mschap2"' require
cat > "$OUT/lac.conf" <<EOC
clients = (
	{ name = "enc"; connect-to = "$LNS_IP"; user = "alice";
	  password = "alice-pw"; allow = [ "mschap2" ];
	  profile = "enc"; keepalive-timeout = 5; disabled = false; },
	{ name = "plain"; connect-to = "$LNS_IP"; user = "bob";
	  password = "bob-pw"; allow = [ "mschap2" ]; profile = "default";
	  keepalive-timeout = 5; disabled = false; },
	{ name = "nomethod"; connect-to = "$LNS_IP"; user = "bob";
	  password = "bob-pw"; allow = [ "pap" ]; profile = "default";
	  keepalive-timeout = 5; disabled = false; },
	{ name = "yes"; connect-to = "$LNS_IP"; user = "bob";
	  password = "bob-pw"; allow = [ "mschap2" ]; profile = "yes";
	  keepalive-timeout = 5; disabled = false; }
);
# pppd has no "MPPE if the peer asks": only "require" turns it on.
profiles = ( { name = "enc"; use-encryption = "require"; },
	     { name = "yes"; use-encryption = "yes"; } );
EOC
l2tpd_run lns lns
l2tpd_run lac lac

step "mschap2 with MPPE-128"
wait_for 40 "enc up" has_inet lac enc
check "ping over the encrypted session" \
	in_ns lac ping -c 3 -i 0.3 -W 2 -I enc $LNS_PPP_IP
check "LNS: MPPE 128 negotiated" log_has lns "MPPE 128-bit (stateless|stateful) compression enabled"
check "LAC: MPPE 128 negotiated" log_has lac "MPPE 128-bit (stateless|stateful) compression enabled"

step "without encryption, and without a common method: refused"
wait_for 30 "client plain failed" \
	log_has lac "client plain: PPP did not come up"
wait_for 30 "client nomethod failed" \
	log_has lac "client nomethod: PPP did not come up .*allow = pap"
wait_for 30 "client yes failed (no MPPE offered)" \
	log_has lac "client yes: PPP did not come up"
grep "did not come up" "$OUT/lac.log" | head -n 6
in_ns lac ip -o link show dev yes 2>/dev/null | grep -q UP &&
	fail "yes has an interface up"
in_ns lac ip -o link show dev plain 2>/dev/null | grep -q UP &&
	fail "plain has an interface up"
in_ns lac ip -o link show dev nomethod 2>/dev/null | grep -q UP &&
	fail "nomethod has an interface up"
n=$(ctl lns -j ppp active print | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 1 ] || fail "$n active sessions on the LNS, want 1"

step "stop: nothing left"
stop "${l2tpd_pid[lac]}"
clean lac lac
clean lns lns
