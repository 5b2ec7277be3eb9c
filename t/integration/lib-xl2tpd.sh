# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# A reference L2TP session between two xl2tpd daemons (Debian's 1.3.18, in
# kernel mode: pppd 2.4.9 with pppol2tp.so), LAC and LNS each in its own
# network namespace, with the control traffic captured on the LNS side:
#
#   LAC  va 10.77.0.1 ---- veth ---- vb 10.77.0.2  LNS
#        ppp 10.78.0.2 <--- PPP over L2TP ---> 10.78.0.1
#
# xl2tpd_session AUTH runs it; AUTH=yes adds tunnel authentication
# (Challenge / Challenge Response, RFC 2661 §4.2, with XL2TPD_SECRET) and
# xl2tpd's "hidden bit". It leaves $OUT/control.pcap (control messages
# only) and the list of messages in $OUT/control.txt.
# shellcheck source=t/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

XL2TPD_SECRET=l2tpd-test-secret
LAC_IP=10.77.0.1
LNS_IP=10.77.0.2
LNS_PPP_IP=10.78.0.1
LAC_PPP_IP=10.78.0.2

# xl2tpd_conf ROLE AUTH: writes $OUT/ROLE/{xl2tpd.conf,options.pppd,secrets}.
xl2tpd_conf() {
	local role=$1 auth=$2 dir=$OUT/$1

	mkdir -p "$dir"
	printf '*\t*\t%s\n' "$XL2TPD_SECRET" > "$dir/secrets"
	cat > "$dir/options.pppd" <<-EOF
	noauth
	noccp
	nodefaultroute
	mtu 1400
	mru 1400
	lcp-echo-interval 0
	debug
	logfile $OUT/$role-pppd.log
	EOF
	cat > "$dir/xl2tpd.conf" <<-EOF
	[global]
	port = 1701
	auth file = $dir/secrets
	debug tunnel = yes
	debug state = yes

	EOF
	if [ "$role" = lns ]; then
		echo "noipdefault" >> "$dir/options.pppd"
		cat >> "$dir/xl2tpd.conf" <<-EOF
		[lns default]
		hostname = lns
		local ip = $LNS_PPP_IP
		ip range = $LAC_PPP_IP-10.78.0.9
		EOF
	else
		printf 'noipdefault\nipcp-accept-local\nipcp-accept-remote\n' \
			>> "$dir/options.pppd"
		cat >> "$dir/xl2tpd.conf" <<-EOF
		[lac reference]
		hostname = lac
		lns = $LNS_IP
		autodial = yes
		redial = no
		EOF
	fi
	cat >> "$dir/xl2tpd.conf" <<-EOF
	length bit = yes
	require authentication = no
	challenge = $auth
	hidden bit = $auth
	pppoptfile = $dir/options.pppd
	EOF
}

# pid_in NS COMM: the pid of the process named COMM in namespace NS.
pid_in() {
	local p c

	# read, not cat: no process per pid (thousands in a benchmark).
	for p in $(ip netns pids "$(ns "$1")"); do
		{ read -r c < "/proc/$p/comm"; } 2>/dev/null || continue
		[ "$c" = "$2" ] && echo "$p"
	done
	return 0
}

has_ppp_addr() {
	in_ns "$1" ip -4 -o addr show | grep -q "inet $2 peer"
}

no_pppd() {
	[ -z "$(pid_in "$1" pppd)" ]
}

# pcap_settled FILE: the capture has not grown for a second (tcpdump -U
# writes each packet as it reads it).
pcap_settled() {
	local before

	before=$(stat -c %s "$1")
	sleep 1
	[ "$(stat -c %s "$1")" = "$before" ]
}

no_l2tp_tunnel() {
	[ -z "$(in_ns "$1" ip l2tp show tunnel)" ]
}

xl2tpd_session() {
	local auth=$1 tcpdump_pid lac_pid pppd_pid run

	step "LAC and LNS namespaces, veth $LAC_IP <-> $LNS_IP"
	netns_add lac
	netns_add lns
	veth lac va $LAC_IP/24 lns vb $LNS_IP/24
	check "ping across the veth pair" in_ns lac ping -c 1 -W 2 $LNS_IP

	step "capture the control messages on the LNS side"
	# T bit set: the first byte of the L2TP header, after the UDP header.
	# tcpdump rather than dumpcap, which takes seconds to list interfaces
	# under emulation; -Z root, as its own user may not write to $OUT.
	spawn tcpdump lns tcpdump -i vb -n -U -Z root -w "$OUT/control.pcap" \
		'udp port 1701 and udp[8] & 0x80 != 0'
	tcpdump_pid=${lib_pids[-1]}
	wait_for 20 "tcpdump listening" grep -q "listening on vb" "$OUT/tcpdump.log"

	step "xl2tpd LNS and LAC (challenge and hidden bit: $auth)"
	# The control FIFO and pid files cannot live on the 9p results export.
	run=/run/$L2TPD_TEST
	mkdir -p "$run"
	xl2tpd_conf lns "$auth"
	xl2tpd_conf lac "$auth"
	spawn lns-xl2tpd lns xl2tpd -D -c "$OUT/lns/xl2tpd.conf" \
		-s "$OUT/lns/secrets" -p "$run/lns.pid" -C "$run/lns.control"
	wait_for 10 "LNS xl2tpd listening" \
		in_ns lns grep -q ':06A5 ' /proc/net/udp
	spawn lac-xl2tpd lac xl2tpd -D -c "$OUT/lac/xl2tpd.conf" \
		-s "$OUT/lac/secrets" -p "$run/lac.pid" -C "$run/lac.control"
	lac_pid=${lib_pids[-1]}

	step "PPP session up"
	wait_for 30 "LAC ppp address $LAC_PPP_IP" has_ppp_addr lac $LAC_PPP_IP
	wait_for 10 "LNS ppp address $LNS_PPP_IP" has_ppp_addr lns $LNS_PPP_IP
	in_ns lac ip -4 -o addr show | grep ppp

	step "kernel tunnel and session (LNS side)"
	in_ns lns ip l2tp show tunnel
	in_ns lns ip l2tp show session
	[ -n "$(in_ns lns ip l2tp show tunnel)" ] || fail "no kernel tunnel on the LNS"
	[ -n "$(in_ns lns ip l2tp show session)" ] || fail "no kernel session on the LNS"
	[ -n "$(in_ns lac ip l2tp show session)" ] || fail "no kernel session on the LAC"

	step "ping across the PPP session"
	check "ping LAC -> LNS over PPP" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_PPP_IP
	check "ping LNS -> LAC over PPP" in_ns lns ping -c 3 -i 0.2 -W 2 $LAC_PPP_IP

	step "tear down: LAC's pppd ends (CDN), then the LAC xl2tpd (StopCCN)"
	pppd_pid=$(pid_in lac pppd)
	[ -n "$pppd_pid" ] || fail "no pppd in the LAC namespace"
	kill "$pppd_pid"
	wait_for 15 "LNS pppd gone" no_pppd lns
	stop "$lac_pid"
	wait_for 15 "LNS kernel tunnel gone" no_l2tp_tunnel lns
	# tcpdump drops what it has not read yet when it is stopped: wait for
	# the StopCCN (its Result Code says "Server closing") and the LNS's
	# ack to be written.
	wait_for 15 "StopCCN captured" grep -qa "Server closing" "$OUT/control.pcap"
	wait_for 15 "capture settled" pcap_settled "$OUT/control.pcap"
	stop "$tcpdump_pid"

	step "control messages seen on the wire"
	python3 "$L2TPD_SRC/t/vm/l2tp-pcap.py" list "$OUT/control.pcap" \
		--host $LAC_IP=LAC --host $LNS_IP=LNS | tee "$OUT/control.txt"
	for m in SCCRQ SCCRP SCCCN ICRQ ICRP ICCN CDN StopCCN ZLB; do
		grep -q " $m " "$OUT/control.txt" || fail "no $m in the capture"
	done
}

# expect_avps MSGTYPE AVP...: the message carries each AVP type (by number).
expect_avps() {
	local msg=$1 line a

	shift
	line=$(grep -m1 " $msg " "$OUT/control.txt") || fail "no $msg in the capture"
	for a in "$@"; do
		[[ " ${line##*avps=} " =~ [\ ,]$a(H)?[\ ,] ]] ||
			fail "$msg without AVP $a: $line"
	done
}
