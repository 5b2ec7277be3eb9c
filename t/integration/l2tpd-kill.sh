#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The other tear-down paths: a pppd killed (SIGKILL, no word from it) on
# the server, then on the client; a tunnel removed with l2tpctl (StopCCN,
# RFC 2661 §5.7). A killed pppd's CDN says so (result 2, error 6, the
# signal in the message). Each time the old session's pppd, kernel state
# and pool address go, l2tpd reaps the pppd (no zombie), and the client
# dials again. At the end the server's descriptors are back to their count
# before the first session.
# vm-timeout: 360
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

step "namespaces, server and client"
two_hosts
lns_conf '"mschap2"'
lac_conf '"mschap2"' alice alice-pw
l2tpd_run lns lns
fd0=$(fd_count "${l2tpd_pid[lns]}")
l2tpd_run lac lac
ppp_up 40

# after WHAT "TID SID PID": the old session is gone, a new one is up.
after() {
	local old=$2

	wait_for 20 "$1: the old session gone on the LNS" gone lns "$old"
	wait_for 30 "$1: the client dialled again" ppp_again "$old"
	check "$1: one pool address in use" pool_used 1
	clean_zombies lns
	clean_zombies lac
}

clean_zombies() {
	local p

	for p in $(pgrep -P "${l2tpd_pid[$1]}"); do
		grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null &&
			fail "$1: zombie child $p"
	done
	return 0
}

step "the server's pppd killed"
old=$(session_of lns)
kill -9 "${old##* }"
after "LNS pppd killed" "$old"
check "LNS: pppd's end reported" log_has lns "pppd ${old##* } ended \\(killed by signal 9\\)"
# RFC 2661 §4.4.2: result 2 (see the error code), error 6 (ours).
check "LAC: the CDN says pppd was killed" log_has lac \
	"down: by the peer, result 2 error 6 \"killed by signal 9\""

step "the client's pppd killed"
old=$(session_of lns)
pid=$(session_of lac)
kill -9 "${pid##* }"
after "LAC pppd killed" "$old"
check "LNS: the CDN says pppd was killed" log_has lns \
	"down: by the peer, result 2 error 6 \"killed by signal 9\""

step "StopCCN: l2tpctl tunnel remove on the server"
old=$(session_of lns)
check "tunnel remove" ctl lns tunnel remove numbers=0
after "tunnel removed" "$old"
check "LAC: StopCCN from the peer" log_has lac "tunnel [0-9]+ down: by the peer, result 1"

step "the client stops: nothing is left, descriptors back"
stop "${l2tpd_pid[lac]}"
clean lac lac
clean lns lns
check "no pool address in use" pool_used 0
# Closed tunnels keep their socket for the StopCCN hold (31 s, §5.7).
fd_back() {
	[ "$(fd_count "${l2tpd_pid[lns]}")" = "$fd0" ]
}
wait_for 45 "LNS descriptors back to $fd0" fd_back
