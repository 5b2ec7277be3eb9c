#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The plugin on pppd 2.5, both sides: our server and our client each on
# Debian 13's pppd 2.5.2 with the plugin built for it (lib-ppp25.sh),
# MS-CHAPv2 with MPPE-128 required. The server's hooks verify the
# response and pppd derives the MPPE keys; pings pass both ways, the
# client has "default dev l2tp-out metric 5", and stopping the client
# leaves nothing behind on either side.
# vm-timeout: 600
# shellcheck source=t/integration/lib-ppp25.sh
. "$(dirname "$0")/lib-ppp25.sh"

step "namespaces; server and client on pppd 2.5 (MS-CHAPv2, MPPE-128)"
two_hosts
lns_conf '"mschap2"' require
lac_conf '"mschap2"' alice alice-pw \
	'add-default-route = true; default-route-distance = 5;'
sed -i 's/use-encryption = "no"/use-encryption = "require"/' "$OUT/lac.conf"
grep -q 'use-encryption = "require"' "$OUT/lac.conf" ||
	fail "lac.conf does not require encryption"
l2tpd_run lns lns "${PPPD25[@]}"
l2tpd_run lac lac "${PPPD25[@]}"
wait_for 120 "LAC ppp address" has_inet lac l2tp-out
is_pppd25 lns
is_pppd25 lac
check "LNS (pppd 2.5): alice authenticated with MS-CHAPv2" \
	log_has lns 'peer "alice" authenticated with mschap2'
check "LAC (pppd 2.5): authenticated with MS-CHAPv2" \
	log_has lac 'authenticated as "alice" with mschap2'
check "LNS: MPPE 128 negotiated" \
	log_has lns "MPPE 128-bit (stateless|stateful) compression enabled"
check "LAC: MPPE 128 negotiated" \
	log_has lac "MPPE 128-bit (stateless|stateful) compression enabled"
session_round
