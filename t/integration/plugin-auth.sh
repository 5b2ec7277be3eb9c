#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# PAP, CHAP, MS-CHAP and MS-CHAPv2 through the plugin's secret hooks, each
# with the right and a wrong password, eight sessions at once: the right
# ones come up (MS-CHAPv2 with MPPE-128 required), the wrong ones fail
# cleanly: the server reports the failed authentication, both pppds end
# with RFC 3145 code 16 (authentication failed), nothing is left. pppd
# reports its phases only in debug mode (the MS-CHAPv2 servers').
# shellcheck source=t/integration/lib-session.sh
. "$(dirname "$0")/lib-session.sh"

methods=(pap chap mschap1 mschap2)

step "eight sessions: four methods, right and wrong passwords"
session_net
for m in 0 1 2 3; do
	for wrong in 0 1; do
		i=$((m * 2 + wrong + 1))
		mppe=no debug=()
		# --debug: pppd's own lines (its CCP result) reach the log
		# only in debug mode (daemon/ppp.c).
		[ "${methods[m]}" = mschap2 ] && mppe=require debug=(--debug)
		pass=Right-$m
		[ "$wrong" = 1 ] && pass=Wrong-$m
		server "$i" --ifname "srv$i" --auth "${methods[m]}" "${debug[@]}" \
			--mppe "$mppe" --local-ip 10.99.$i.1 \
			--remote-ip 10.99.$i.2 --secret "user$i:Right-$m"
		client "$i" --ifname "cli$i" --auth "${methods[m]}" \
			--user "user$i" --secret "user$i:$pass" --mppe "$mppe"
	done
done

step "the right passwords get a link"
for i in 1 3 5 7; do
	wait_line 40 "$OUT/cli$i.log" '^report ip-up '
	expect_report "$OUT/srv$i.log" auth method "${methods[(i - 1) / 2]}"
	expect_report "$OUT/srv$i.log" auth ok true
	check "ping over ${methods[(i - 1) / 2]}" \
		in_ns b ping -c 1 -W 2 10.99.$i.1
done
grep -q 'MPPE 128-bit' "$OUT/srv7.log" || fail "MPPE-128 not negotiated"
# Phase reports come from a pppd in debug mode only (plugin/l2tpd.c).
report "$OUT/srv7.log" phase phase > /dev/null
for i in 1 3 5; do
	! grep -q '^report phase ' "$OUT/srv$i.log" ||
		fail "srv$i: a phase report without pppd's debug"
done

step "the wrong passwords fail cleanly"
for i in 2 4 6 8; do
	wait_line 40 "$OUT/srv$i.log" '^driver: done'
	wait_line 20 "$OUT/cli$i.log" '^driver: done'
	expect_report "$OUT/srv$i.log" auth user "user$i"
	expect_report "$OUT/srv$i.log" auth ok false
	expect_report "$OUT/srv$i.log" exit exit-status 11
	expect_report "$OUT/srv$i.log" exit disconnect-code 16
	expect_report "$OUT/cli$i.log" exit exit-status 19
	expect_report "$OUT/cli$i.log" exit disconnect-code 16
	expect_report "$OUT/cli$i.log" auth ok false
	grep -q '^report ip-up ' "$OUT/srv$i.log" &&
		fail "srv$i came up with a wrong password"
done

step "everything ends, nothing is left"
# All hang up at once; each server end follows its client.
for i in 1 3 5 7; do
	kill "${cli_pid[i]}"
done
for i in 1 3 5 7; do
	stop_end "${cli_pid[i]}"
	stop_end "${srv_pid[i]}"
done
no_leftovers a
no_leftovers b
