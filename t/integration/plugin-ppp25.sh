#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The plugin on pppd 2.5: Debian 13's pppd 2.5.2 with the plugin built
# against its headers, both prepared by make check-ppp25 in
# BUILDDIR/ppp25 (SKIP without them). That pppd needs trixie's libc: it
# runs through trixie's ld.so on the unpacked libraries, from a wrapper
# given to l2tpd as --pppd. First our server on Debian 12's pppd 2.4.9
# against our client on pppd 2.5 (PAP), then both ends on pppd 2.5
# (MS-CHAPv2, MPPE-128 required); each time LCP, authentication and IPCP
# come up, pings pass, the client has "default dev l2tp-out metric 5",
# and stopping the client leaves nothing behind on either side.
# vm-timeout: 300
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

P25=$L2TPD_BUILD/ppp25
ROOT=$P25/trixie/root
LIB=$ROOT/usr/lib/x86_64-linux-gnu
PLUGIN25=$P25/plugin/.libs/l2tpd.so
if [ ! -f "$PLUGIN25" ] || [ ! -x "$ROOT/usr/sbin/pppd" ]; then
	skip "no pppd 2.5 build in $P25: run make check-ppp25 first"
fi

# pppd 2.5 through trixie's ld.so. The loader is started by a link named
# pppd so that the process is called pppd (no_pppd, pid_in look for it).
mkdir -p "$RUN/ppp25"
ln -sf "$LIB/ld-linux-x86-64.so.2" "$RUN/ppp25/pppd"
cat > "$RUN/ppp25/pppd-2.5" <<EOW
#!/bin/sh
exec "$RUN/ppp25/pppd" --inhibit-cache --library-path "$LIB" \\
	"$ROOT/usr/sbin/pppd" "\$@"
EOW
chmod 755 "$RUN/ppp25/pppd-2.5"
PPPD25=(--pppd "$RUN/ppp25/pppd-2.5" --plugin "$PLUGIN25")
"$RUN/ppp25/pppd-2.5" --version 2>&1 | grep -q 'pppd version 2\.5' ||
	fail "the wrapper does not run pppd 2.5: $("$RUN/ppp25/pppd-2.5" \
		--version 2>&1)"

# is_pppd25 NAME: l2tpd NAME's session runs trixie's pppd with the 2.5
# plugin loaded, and the plugin said so.
is_pppd25() {
	local tid sid pid

	read -r tid sid pid <<< "$(session_of "$1")"
	echo "$1: session $tid/$sid, pppd $pid:" \
		"$(tr '\0' ' ' < "/proc/$pid/cmdline" | cut -c1-160)..."
	[ "$(cat "/proc/$pid/comm")" = pppd ] || fail "$1: pppd $pid is not called pppd"
	grep -q "$ROOT/usr/sbin/pppd" "/proc/$pid/maps" ||
		fail "$1: pppd $pid is not trixie's pppd"
	grep -q "$PLUGIN25" "/proc/$pid/maps" ||
		fail "$1: pppd $pid has not loaded $PLUGIN25"
	log_has "$1" "session $tid/$sid: plugin of 2\.5\.[0-9]+ connected" ||
		fail "$1: no hello from the plugin of pppd 2.5"
}

# session_round: the link is up; pings, the default route, then the
# client stops and both sides are clean.
session_round() {
	local lns=$1 lac=$2

	ppp_up 60
	check "ping LAC -> LNS" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_PPP_IP
	check "ping LNS -> LAC" in_ns lns ping -c 3 -i 0.2 -W 2 "$LAC_PPP_IP"
	in_ns lac ip route show default
	check "default dev l2tp-out metric 5" default_route

	step "the client stops: tear-down"
	stop "${l2tpd_pid[$lac]}" 15
	clean lac "$lac"
	wait_for 15 "LNS saw the StopCCN" log_has "$lns" "tunnel [0-9]+ down: by the peer"
	clean lns "$lns"
	in_ns lac ip route show default | grep -q . &&
		fail "a default route is left: $(in_ns lac ip route show default)"
	return 0
}

step "namespaces; server on pppd 2.4.9, client on pppd 2.5 (PAP)"
two_hosts
lns_conf '"pap"'
lac_conf '"pap"' alice alice-pw \
	'add-default-route = true; default-route-distance = 5;'
l2tpd_run lns lns
l2tpd_run lac lac "${PPPD25[@]}"
wait_for 60 "LAC ppp address" has_inet lac l2tp-out
is_pppd25 lac
check "LNS: alice authenticated with PAP" \
	log_has lns 'peer "alice" authenticated with pap'
check "LAC (pppd 2.5): authenticated with PAP" \
	log_has lac 'authenticated as "alice" with pap'
session_round lns lac
stop "${l2tpd_pid[lns]}"

step "both on pppd 2.5 (MS-CHAPv2, MPPE-128 required)"
lns_conf '"mschap2"' require
mv "$OUT/lns.conf" "$OUT/lns25.conf"
lac_conf '"mschap2"' alice alice-pw \
	'add-default-route = true; default-route-distance = 5;'
sed 's/use-encryption = "no"/use-encryption = "require"/' "$OUT/lac.conf" \
	> "$OUT/lac25.conf"
grep -q 'use-encryption = "require"' "$OUT/lac25.conf" ||
	fail "lac25.conf does not require encryption"
l2tpd_run lns25 lns "${PPPD25[@]}"
l2tpd_run lac25 lac "${PPPD25[@]}"
wait_for 60 "LAC ppp address" has_inet lac l2tp-out
is_pppd25 lns25
is_pppd25 lac25
check "LNS (pppd 2.5): alice authenticated with MS-CHAPv2" \
	log_has lns25 'peer "alice" authenticated with mschap2'
check "LNS: MPPE 128 negotiated" \
	log_has lns25 "MPPE 128-bit (stateless|stateful) compression enabled"
check "LAC: MPPE 128 negotiated" \
	log_has lac25 "MPPE 128-bit (stateless|stateful) compression enabled"
session_round lns25 lac25
