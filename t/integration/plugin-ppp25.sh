#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The plugin on pppd 2.5, client side: our server on Debian 12's pppd
# 2.4.9 against our client on Debian 13's pppd 2.5.2 with the plugin
# built for it (lib-ppp25.sh), PAP. LCP, authentication and IPCP come
# up, pings pass both ways, the client has "default dev l2tp-out metric
# 5", and stopping the client leaves nothing behind on either side.
# vm-timeout: 600
# shellcheck source=t/integration/lib-ppp25.sh
. "$(dirname "$0")/lib-ppp25.sh"

step "namespaces; server on pppd 2.4.9, client on pppd 2.5 (PAP)"
two_hosts
lns_conf '"pap"'
lac_conf '"pap"' alice alice-pw \
	'add-default-route = true; default-route-distance = 5;'
l2tpd_run lns lns
l2tpd_run lac lac "${PPPD25[@]}"
wait_for 120 "LAC ppp address" has_inet lac l2tp-out
is_pppd25 lac
check "LNS: alice authenticated with PAP" \
	log_has lns 'peer "alice" authenticated with pap'
check "LAC (pppd 2.5): authenticated with PAP" \
	log_has lac 'authenticated as "alice" with pap'
session_round
