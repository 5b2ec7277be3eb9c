#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A real session through the kernel data path and pppd with our plugin,
# without the control protocol: a server that requires PAP, CHAP,
# MS-CHAP or MS-CHAPv2 and MPPE-128, a client that allows MS-CHAPv2 only
# and asks for a default route at distance 5. The link comes up, pings
# pass both ways, the kernel and /proc show the session, the counters
# move, the plugin reports arrive; pppd inherited nothing of its parent
# but the PPPoL2TP socket; after the client hangs up nothing is left.
# shellcheck source=t/integration/lib-session.sh
. "$(dirname "$0")/lib-session.sh"

SRV=$OUT/srv1.log CLI=$OUT/cli1.log

step "two namespaces, a server and a client end"
session_net
server 1 --ifname l2tp-alice --auth pap,chap,mschap1,mschap2 \
	--mppe require --local-ip 10.99.0.1 --remote-ip 10.99.0.2 \
	--dns 192.0.2.53 --secret alice:Secret-123 --keepalive 30 --debug
client 1 --ifname l2tp-out --auth mschap2 --user alice \
	--secret alice:Secret-123 --mppe require --default-route 5 --debug

step "the link comes up"
wait_line 30 "$SRV" '^report ip-up '
wait_line 30 "$CLI" '^report ip-up '
cat "$SRV" "$CLI" | grep '^report ' || true

step "the plugin's reports"
expect_report "$SRV" hello tunnel-id 101
expect_report "$SRV" hello session-id 1001
expect_report "$SRV" auth user alice
expect_report "$SRV" auth method mschap2
expect_report "$SRV" auth ok true
expect_report "$SRV" ip-up interface l2tp-alice
expect_report "$SRV" ip-up local-address 10.99.0.1
expect_report "$SRV" ip-up remote-address 10.99.0.2
expect_report "$SRV" ip-up user alice
expect_report "$CLI" auth ok true
expect_report "$CLI" auth peer false
expect_report "$CLI" ip-up interface l2tp-out
expect_report "$CLI" ip-up local-address 10.99.0.2
expect_report "$CLI" ip-up remote-address 10.99.0.1
grep -q 'MPPE 128-bit' "$SRV" || fail "MPPE-128 not negotiated (server log)"
echo "MPPE-128 negotiated"

step "ping both ways through the session"
check "ping client -> server" in_ns b ping -c 3 -i 0.2 -W 2 10.99.0.1
check "ping server -> client" in_ns a ping -c 3 -i 0.2 -W 2 10.99.0.2

step "the kernel shows the session"
out=$(in_ns a ip l2tp show session)
echo "$out"
grep -q 'Session 1001 in tunnel 101' <<< "$out" || fail "no session 1001/101"
grep -q 'Peer session 2001, tunnel 201' <<< "$out" || fail "wrong peer ids"
out=$(in_ns a cat /proc/net/pppol2tp)
echo "$out"
grep -q 'l2tp-alice' <<< "$out" || fail "/proc/net/pppol2tp lacks l2tp-alice"

step "kernel counters move (SESSION_GET, TUNNEL_GET)"
kill -USR1 "${srv_pid[1]}"
wait_line 5 "$SRV" '^stats session tx-packets=[1-9]'
grep '^stats ' "$SRV"
grep -Eq '^stats session .*rx-packets=[1-9]' "$SRV" ||
	fail "no received packets counted"
grep -Eq '^stats tunnel .*rx-packets=[1-9]' "$SRV" ||
	fail "no tunnel packets counted"

step "the default route at distance 5"
out=$(ip -n "$(ns b)" route show default)
echo "$out"
grep -Eq '^default dev l2tp-out .*metric 5' <<< "$out" ||
	fail "no 'default dev l2tp-out metric 5'"

step "pppd inherited only the PPPoL2TP socket"
for log in "$SRV" "$CLI"; do
	pid=$(pppd_of "$log")
	# No process substitution: the guest has no /dev/fd.
	read -r udp nl <<< "$(sed -n \
		's/^driver: sockets udp=\([0-9]*\) netlink=\([0-9]*\)$/\1 \2/p' \
		"$log")"
	fds=$(fds_of "$pid")
	echo "pppd $pid: $(tr '\n' ' ' <<< "$fds")"
	grep -Eq "socket:\[($udp|$nl)\]" <<< "$fds" &&
		fail "pppd $pid holds a socket of its parent"
	grep -Eq '^3 socket:' <<< "$fds" || fail "pppd $pid has no socket on fd 3"
done

step "the client hangs up"
stop_end "${cli_pid[1]}"
wait_line 15 "$SRV" '^report exit '
grep '^report exit ' "$SRV" "$CLI"
expect_report "$CLI" exit disconnect-code 1
expect_report "$SRV" exit disconnect-code 3
expect_report "$SRV" exit direction 1
grep -q '^driver: kernel session gone' "$CLI" || fail "client session stayed"
out=$(ip -n "$(ns b)" route show default)
[ -z "$out" ] || fail "default route left: $out"
stop_end "${srv_pid[1]}"
no_leftovers a
no_leftovers b
