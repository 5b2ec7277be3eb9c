#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Multilink (RFC 1990) as RouterOS's mrru asks for it: pppd gets
# "multilink mrru N" on both ends, negotiates the MRRU over the L2TP
# session and runs the link as a bundle of one; data passes, sequenced
# data messages (Sequencing Required) included.
# shellcheck source=t/integration/lib-session.sh
. "$(dirname "$0")/lib-session.sh"

SRV=$OUT/srv1.log CLI=$OUT/cli1.log

step "a multilink session with sequenced data messages"
session_net
server 1 --ifname l2tp-ml --local-ip 10.99.0.1 --remote-ip 10.99.0.2 \
	--mrru 1600 --seq --debug
client 1 --ifname l2tp-mlc --mrru 1600 --seq
wait_line 30 "$SRV" '^report ip-up '
wait_line 30 "$CLI" '^report ip-up '
grep -Eq 'mrru 1600' "$SRV" || fail "no MRRU negotiated (server log)"
grep -E 'mrru|[Mm]ultilink|bundle' "$SRV" | head -5

step "data passes"
check "ping over the bundle" in_ns b ping -c 3 -i 0.2 -W 2 10.99.0.1
out=$(in_ns a cat /proc/net/pppol2tp)
echo "$out"
grep -Eq '/R/S/LNS' <<< "$out" || fail "the session does not sequence"

step "the client hangs up, nothing is left"
stop_end "${cli_pid[1]}"
stop_end "${srv_pid[1]}"
no_leftovers a
no_leftovers b
