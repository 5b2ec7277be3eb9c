#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pppd killed under a running session (SIGKILL: no LCP goodbye): closing
# its PPPoL2TP socket takes the kernel session with it, the interface
# goes, the process is reaped (no zombie) and its parent holds the same
# descriptors as before the session. The other end notices only through
# its LCP echoes and reports RFC 3145 code 8. Deleting the tunnel then
# leaves nothing.
# shellcheck source=t/integration/lib-session.sh
. "$(dirname "$0")/lib-session.sh"

SRV=$OUT/srv1.log CLI=$OUT/cli1.log

step "a session, the server end lingering after pppd"
session_net
server 1 --ifname l2tp-victim --local-ip 10.99.0.1 --remote-ip 10.99.0.2 \
	--linger
client 1 --ifname l2tp-peer --keepalive 2
wait_line 30 "$SRV" '^report ip-up '
wait_line 30 "$CLI" '^report ip-up '
pid=$(pppd_of "$SRV")
in_ns a ip l2tp show session | grep -q 'Session 1001' ||
	fail "no kernel session before the kill"

step "SIGKILL to the server's pppd ($pid)"
kill -9 "$pid"
wait_line 10 "$SRV" '^driver: kernel session '
grep '^driver: ' "$SRV"
grep -q '^driver: pppd killed by signal 9' "$SRV" || fail "exit not seen"
grep -q '^driver: kernel session gone' "$SRV" ||
	fail "the kernel session outlived pppd"

step "nothing of the session is left on the server side"
out=$(in_ns a ip l2tp show session)
[ -z "$out" ] || fail "kernel session left: $out"
in_ns a ip l2tp show tunnel | grep -q 'Tunnel 101' ||
	fail "the tunnel should still be there"
out=$(ip -n "$(ns a)" -o link show type ppp)
[ -z "$out" ] || fail "ppp interface left: $out"
[ ! -e "/proc/$pid" ] || fail "pppd $pid still exists: $(cat "/proc/$pid/stat")"
echo "pppd $pid reaped, interface and kernel session gone"

step "the client's pppd notices through LCP echoes"
wait_line 30 "$CLI" '^report exit '
expect_report "$CLI" exit disconnect-code 8
expect_report "$CLI" exit direction 2

step "the server end's descriptors are as before the session"
stop_end "${srv_pid[1]}"
grep '^driver: fds ' "$SRV"
[ "$(grep -c '^driver: fds ' "$SRV")" = 2 ] || fail "fd counts missing"
[ "$(grep '^driver: fds ' "$SRV" | sort -u | wc -l)" = 1 ] ||
	fail "the driver leaked descriptors"
stop_end "${cli_pid[1]}"
no_leftovers a
no_leftovers b
