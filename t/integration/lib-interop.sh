# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Helpers for the interop-*.sh tests: l2tpd against xl2tpd 1.3.18, one
# case per pair of namespaces, all cases of a test at once, each pair on
# its own subnet so that one tshark reads all captures merged:
#
#   lacN  va 10.77.N.1 ---- veth ---- vb 10.77.N.2  lnsN
#         ppp 10.78.0.x <--- PPP over L2TP ---> 10.78.0.1
#
# A case is "SECRET AUTH": SECRET "yes" adds tunnel authentication
# (RFC 2661 §4.2, Challenge / Challenge Response) on both ends and
# xl2tpd's "hidden bit"; AUTH is pap, chap, mschap2 or mppe (MS-CHAPv2
# with MPPE-128 required).
#
# Hidden AVPs (§4.3) do not interoperate with xl2tpd 1.3.18: it sends
# none (its "hidden bit" only adds a Random Vector), and it decrypts
# received ones with an empty secret (its chal_us.secret is never
# filled), so an SCCRP hidden with the shared secret, as the RFC says,
# ends with its StopCCN "Invalid Hidden AVP". l2tpd therefore does not
# hide AVPs towards xl2tpd here.
#
# tcpdump records each pair's control messages on the LNS side;
# interop_check_pcaps reads them with tshark.
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-l2tpd.sh"

declare -A interop_tcpdump=()
# The cases, by number: tunnel secret, PPP authentication (lib-interop-
# lac.sh and lib-interop-lns.sh read them).
# shellcheck disable=SC2034
interop_secret=([1]=no yes no yes)
# shellcheck disable=SC2034
interop_auth=([1]=pap chap mschap2 mppe)
# shellcheck disable=SC2034
interop_mppe_re="MPPE 128-bit (stateless|stateful) compression enabled"

# interop_case N: LAC_IP and LNS_IP (lib-xl2tpd.sh's) for case N.
interop_case() {
	LAC_IP=10.77.$1.1
	LNS_IP=10.77.$1.2
}

# interop_net N: namespaces lacN and lnsN, the veth pair, the capture.
interop_net() {
	local n=$1

	interop_case "$n"
	netns_add "lac$n"
	netns_add "lns$n"
	veth "lac$n" va "$LAC_IP/24" "lns$n" vb "$LNS_IP/24"
	# T bit set: the first byte of the L2TP header, after the UDP header.
	spawn "tcpdump$n" "lns$n" tcpdump -i vb -n -U -Z root \
		-w "$OUT/control$n.pcap" 'udp port 1701 and udp[8] & 0x80 != 0'
	interop_tcpdump[$n]=${lib_pids[-1]}
}

# interop_nets N...: interop_net for every case, then waits until each
# veth pair passes traffic and each tcpdump listens.
interop_nets() {
	local n

	step "a pair of namespaces per case, captures"
	for n in "$@"; do
		interop_net "$n"
	done
	for n in "$@"; do
		interop_case "$n"
		wait_for 20 "tcpdump $n listening" \
			grep -q "listening on vb" "$OUT/tcpdump$n.log"
		check "ping across veth pair $n" \
			in_ns "lac$n" ping -c 1 -W 2 "$LNS_IP"
	done
}

# interop_pppd_auth AUTH: the pppd options that make an LNS's pppd ask
# for AUTH (and nothing else), and what MPPE needs.
interop_pppd_auth() {
	case $1 in
	pap)	echo "require-pap" ;;
	chap)	echo "require-chap" ;;
	mschap2) echo "require-mschap-v2" ;;
	mppe)	printf 'require-mschap-v2\nrequire-mppe-128\n' ;;
	esac
}

# interop_l2tpd_method AUTH: the method name in l2tpd's configuration.
interop_l2tpd_method() {
	case $1 in
	mppe)	echo mschap2 ;;
	*)	echo "$1" ;;
	esac
}

# interop_xl2tpd_conf ROLE N SECRET AUTH: xl2tpd's files in $OUT/cN/ROLE
# (lib-xl2tpd.sh's, with PPP authentication as the case wants).
interop_xl2tpd_conf() {
	local role=$1 n=$2 secret=$3 auth=$4 dir=$OUT/c$2/$1

	OUT=$OUT/c$n xl2tpd_conf "$role" "$secret"
	# MPPE runs in CCP, which lib-xl2tpd.sh turns off.
	[ "$auth" = mppe ] && sed -i '/^noccp$/d' "$dir/options.pppd"
	if [ "$role" = lac ]; then
		printf 'name alice\npassword alice-pw\n' >> "$dir/options.pppd"
		[ "$auth" = mppe ] && echo require-mppe-128 >> "$dir/options.pppd"
		return 0
	fi
	sed -i '/^noauth$/d' "$dir/options.pppd"
	{ echo auth; interop_pppd_auth "$auth"; } >> "$dir/options.pppd"
	sed -i 's/^require authentication = no$/require authentication = yes/' \
		"$dir/xl2tpd.conf"
}

# interop_xl2tpd NAME NS DIR: xl2tpd with DIR's files in namespace NS.
interop_xl2tpd() {
	local run=/run/$L2TPD_TEST

	mkdir -p "$run"
	spawn "$1" "$2" xl2tpd -D -c "$3/xl2tpd.conf" -s "$3/secrets" \
		-p "$run/$1.pid" -C "$run/$1.control"
}

# interop_ppp_secrets NS: the LNS pppd's secrets for alice, in an /etc/ppp
# that `ip netns exec` mounts over the real one in NS only (ip-netns(8)).
# The rest of it is a copy of the real one: its options file and ip-up,
# ip-pre-up and ipv6-up scripts, which every pppd runs, xl2tpd's too (a
# benchmark without them measured xl2tpd's pppds as doing less work).
interop_ppp_secrets() {
	local dir

	dir=/etc/netns/$(ns "$1")/ppp
	mkdir -p "$dir"
	cp -a /etc/ppp/. "$dir/"
	printf 'alice\t*\talice-pw\t*\n' > "$dir/pap-secrets"
	printf 'alice\t*\talice-pw\t*\n' > "$dir/chap-secrets"
	chmod 600 "$dir/pap-secrets" "$dir/chap-secrets"
	interop_etc+=("/etc/netns/$(ns "$1")")
}
interop_etc=()

# lib.sh's cleanup, and the /etc/netns directories; the test's exit code
# stays.
interop_cleanup() {
	local rc=$? d

	for d in "${interop_etc[@]}"; do
		rm -rf "$d"
	done
	(exit $rc)
	lib_cleanup
}
trap interop_cleanup EXIT

# interop_stop_capture N: waits until the capture holds the StopCCN and
# has settled (tcpdump drops what it has not read when stopped), stops it.
interop_stop_capture() {
	wait_for 15 "capture $1 settled" pcap_settled "$OUT/control$1.pcap"
	stop "${interop_tcpdump[$1]}"
}

# interop_check_pcaps END N...: interop_check_challenge for every case;
# then one tshark (slow to start under emulation)
# reads the captures merged, one line per frame: the case (from the
# subnet), the Message Type AVP's value (a ZLB has none, RFC 2661 §5.8)
# and what tshark's expert found. No malformed packet, no expert error
# (severity 0x800000), and per case the messages of a call from setup to
# teardown (§5.1, §5.2: SCCRQ SCCRP SCCCN ICRQ ICRP ICCN, then END: "CDN
# StopCCN", or "StopCCN" alone, which clears the sessions too, §5.7), a
# retransmission (same sender, tunnel and Ns) listed once, HELLOs not at
# all.
interop_check_pcaps() {
	local n seq want files=()

	want="SCCRQ SCCRP SCCCN ICRQ ICRP ICCN $1"
	shift
	step "the captures"
	for n in "$@"; do
		interop_check_challenge "$n" "${interop_secret[n]}"
	done
	for n in "$@"; do
		files+=("$OUT/control$n.pcap")
	done
	check "merge the captures" mergecap -F pcap -w "$OUT/control.pcap" "${files[@]}"
	tshark -n -r "$OUT/control.pcap" -T fields -e ip.src \
		-e l2tp.avp.message_type -e _ws.malformed \
		-e _ws.expert.severity -e l2tp.tunnel -e l2tp.Ns \
		> "$OUT/control.txt" 2> "$OUT/tshark.err" ||
		fail "tshark could not read the captures: $(cat "$OUT/tshark.err")"
	awk -F '\t' '$3 != "" || $4 ~ /8388608/ { bad = 1; print }
		END { exit bad }' "$OUT/control.txt" ||
		fail "malformed frames or expert errors (above)"
	for n in "$@"; do
		seq=$(awk -F '\t' -v net="10.77.$n." 'BEGIN {
			split("1 SCCRQ 2 SCCRP 3 SCCCN 4 StopCCN 10 ICRQ " \
				"11 ICRP 12 ICCN 14 CDN", a, " ")
			for (i = 1; i < 16; i += 2) m[a[i]] = a[i + 1] }
			index($1, net) != 1 { next }
			$2 == "" || $2 == 6 || ($1, $5, $6) in seen { next }
			{ printf "%s ", m[$2] ? m[$2] : $2; seen[$1, $5, $6] = 1 }' \
			"$OUT/control.txt")
		echo "case $n: $seq"
		[ "${seq% }" = "$want" ] || fail "case $n: messages '$seq', want '$want'"
	done
}

# interop_check_challenge N SECRET: with SECRET "yes", the capture shows
# tunnel authentication (RFC 2661 §4.2): Challenge in SCCRQ, Challenge
# Response in SCCRP or SCCCN; without, neither.
interop_check_challenge() {
	local n=$1 secret=$2 list

	list=$(python3 "$L2TPD_SRC/t/vm/l2tp-pcap.py" list \
		"$OUT/control$n.pcap")
	echo "$list" > "$OUT/control$n.list"
	if [ "$secret" = yes ]; then
		grep -qE ' SCCRQ .*avps=.*,11H?(,|$)' <<< "$list" ||
			fail "case $n: no Challenge in the SCCRQ"
		grep -qE ' (SCCRP|SCCCN) .*avps=.*,13H?(,|$)' <<< "$list" ||
			fail "case $n: no Challenge Response"
	else
		! grep -qE 'avps=.*,1[13]H?(,|$)' <<< "$list" ||
			fail "case $n: tunnel authentication without a secret"
	fi
}
