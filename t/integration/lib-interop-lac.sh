# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# xl2tpd 1.3.18 as LAC (pppd 2.4.9, pppol2tp.so) against l2tpd as LNS, the
# cases of lib-interop.sh at once, each in its own pair of namespaces.
# Each session comes up and passes a ping, with the PPP authentication
# (and MPPE-128) of its case; then xl2tpd's pppd ends (CDN) and xl2tpd
# stops (StopCCN), and l2tpd is left with nothing. tshark checks every
# capture.
# shellcheck source=t/integration/lib-interop.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-interop.sh"

# interop_lac_run CASE...
interop_lac_run() {
	local cases=("$@") n extra enc pid m

	interop_nets "${cases[@]}"

	step "l2tpd LNS per case"
	for n in "${cases[@]}"; do
		interop_case "$n"
		extra="" enc=no
		[ "${interop_secret[n]}" = yes ] &&
			extra="tunnel-secret = \"$XL2TPD_SECRET\";"
		[ "${interop_auth[n]}" = mppe ] && enc=require
		lns_conf "\"$(interop_l2tpd_method "${interop_auth[n]}")\"" "$enc" "" "$extra"
		mv "$OUT/lns.conf" "$OUT/lns$n.conf"
		l2tpd_run "lns$n" "lns$n"
	done

	step "xl2tpd LAC per case"
	for n in "${cases[@]}"; do
		interop_case "$n"
		echo "case $n: tunnel secret ${interop_secret[n]}, ${interop_auth[n]}"
		interop_xl2tpd_conf lac "$n" "${interop_secret[n]}" "${interop_auth[n]}"
		interop_xl2tpd "lac$n-xl2tpd" "lac$n" "$OUT/c$n/lac"
		xl2tpd_pid[n]=${lib_pids[-1]}
	done

	step "sessions up, ping, PPP authentication"
	for n in "${cases[@]}"; do
		wait_for 60 "case $n: LNS ppp address" has_ppp_addr "lns$n" $LNS_PPP_IP
		wait_for 20 "case $n: LAC ppp0 address" has_inet "lac$n" ppp0
		check "case $n: ping over PPP" \
			in_ns "lac$n" ping -c 2 -i 0.3 -W 2 $LNS_PPP_IP
		m=$(interop_l2tpd_method "${interop_auth[n]}")
		check "case $n: alice authenticated with $m" \
			log_has "lns$n" "peer \"alice\" authenticated with $m"
	done
	for n in "${cases[@]}"; do
		[ "${interop_auth[n]}" = mppe ] || continue
		check "case $n: MPPE-128 on the LNS" log_has "lns$n" "$interop_mppe_re"
		check "case $n: MPPE-128 on the LAC" \
			grep -qE "$interop_mppe_re" "$OUT/c$n/lac-pppd.log"
	done

	step "xl2tpd's pppd ends (CDN), then xl2tpd (StopCCN)"
	for n in "${cases[@]}"; do
		pid=$(pid_in "lac$n" pppd)
		[ -n "$pid" ] || fail "case $n: no pppd on the LAC"
		kill "$pid"
	done
	for n in "${cases[@]}"; do
		wait_for 20 "case $n: LNS pppd gone" no_pppd "lns$n"
		stop "${xl2tpd_pid[n]}"
	done
	for n in "${cases[@]}"; do
		wait_for 20 "case $n: l2tpd saw the StopCCN" \
			log_has "lns$n" "tunnel [0-9]+ down: by the peer"
		clean "lns$n" "lns$n"
		interop_stop_capture "$n"
	done

	interop_check_pcaps "CDN StopCCN" "${cases[@]}"
}
