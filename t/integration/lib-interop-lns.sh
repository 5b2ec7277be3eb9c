# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# l2tpd's client against xl2tpd 1.3.18 as LNS (pppd 2.4.9, pppol2tp.so),
# the cases of lib-interop.sh at once, each in its own pair of namespaces,
# the LNS's pppd requiring the case's PPP authentication (and MPPE-128).
# Each session comes up and passes a ping; then l2tpd stops (a StopCCN,
# which clears the session with the tunnel, RFC 2661 §5.7) and neither
# side is left with anything. tshark checks every
# capture.
# shellcheck source=t/integration/lib-interop.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-interop.sh"

# interop_client_conf N: $OUT/lacN.conf, one client "l2tp-out" allowing only the
# case's method.
interop_client_conf() {
	local n=$1 extra="" profile=default

	[ "${interop_secret[n]}" = yes ] &&
		extra="tunnel-secret = \"$XL2TPD_SECRET\";"
	[ "${interop_auth[n]}" = mppe ] && profile=enc
	cat > "$OUT/lac$n.conf" <<-EOC
	clients = ( {
		name = "l2tp-out";
		connect-to = "$LNS_IP";
		user = "alice";
		password = "alice-pw";
		allow = [ "$(interop_l2tpd_method "${interop_auth[n]}")" ];
		profile = "$profile";
		keepalive-timeout = 5;
		disabled = false;
		$extra
	} );
	profiles = ( { name = "enc"; use-encryption = "require"; } );
	EOC
}

# interop_lcp_auth AUTH: how pppd 2.4.9 logs the LCP option asking for AUTH.
interop_lcp_auth() {
	case $1 in
	pap)	echo "<auth pap>" ;;
	chap)	echo "<auth chap MD5>" ;;
	*)	echo "<auth chap MS-v2>" ;;
	esac
}

# interop_lns_run CASE...
interop_lns_run() {
	local cases=("$@") n

	interop_nets "${cases[@]}"

	step "xl2tpd LNS per case"
	for n in "${cases[@]}"; do
		interop_case "$n"
		echo "case $n: tunnel secret ${interop_secret[n]}, ${interop_auth[n]}"
		interop_xl2tpd_conf lns "$n" "${interop_secret[n]}" "${interop_auth[n]}"
		interop_ppp_secrets "lns$n"
		interop_xl2tpd "lns$n-xl2tpd" "lns$n" "$OUT/c$n/lns"
	done
	for n in "${cases[@]}"; do
		wait_for 20 "case $n: xl2tpd listening" \
			in_ns "lns$n" grep -q ':06A5 ' /proc/net/udp
	done

	step "l2tpd client per case"
	for n in "${cases[@]}"; do
		interop_case "$n"
		interop_client_conf "$n"
		l2tpd_run "lac$n" "lac$n"
	done

	step "sessions up, ping, PPP authentication"
	for n in "${cases[@]}"; do
		wait_for 60 "case $n: LNS ppp address" has_ppp_addr "lns$n" $LNS_PPP_IP
		wait_for 20 "case $n: client address" has_inet "lac$n" l2tp-out
		check "case $n: ping over PPP" \
			in_ns "lac$n" ping -c 2 -i 0.3 -W 2 $LNS_PPP_IP
		log=$OUT/c$n/lns-pppd.log
		check "case $n: the LNS asked for ${interop_auth[n]}" \
			grep -qF "$(interop_lcp_auth "${interop_auth[n]}")" "$log"
		check "case $n: the LNS authenticated alice" \
			grep -qE "^sent \[(PAP AuthAck|CHAP Success) " "$log"
	done
	for n in "${cases[@]}"; do
		[ "${interop_auth[n]}" = mppe ] || continue
		check "case $n: MPPE-128 on the LNS" \
			grep -qE "$interop_mppe_re" "$OUT/c$n/lns-pppd.log"
		check "case $n: MPPE-128 on the client" log_has "lac$n" "$interop_mppe_re"
	done

	step "l2tpd stops (StopCCN): nothing left on either side"
	for n in "${cases[@]}"; do
		kill "${l2tpd_pid[lac$n]}"
	done
	for n in "${cases[@]}"; do
		stop "${l2tpd_pid[lac$n]}" 10
		clean "lac$n" "lac$n"
		wait_for 20 "case $n: LNS pppd gone" no_pppd "lns$n"
		wait_for 20 "case $n: LNS kernel tunnel gone" no_l2tp_tunnel "lns$n"
		interop_stop_capture "$n"
	done

	interop_check_pcaps StopCCN "${cases[@]}"
}
