# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Sourced by the plugin-ppp25*.sh tests: Debian 13's pppd 2.5.2 and the
# plugin built against its headers, both prepared by make check-ppp25 in
# BUILDDIR/ppp25 (the test is skipped without them). That pppd needs
# trixie's libc: it runs through trixie's ld.so on the unpacked libraries,
# from a wrapper that a test gives l2tpd with "${PPPD25[@]}" (--pppd and
# --plugin). Namespaces, configs and l2tpd are lib-l2tpd.sh's.
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-l2tpd.sh"

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
# shellcheck disable=SC2034
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

# session_round: the session between l2tpd lns and lac is up: pings, the
# default route; then the client stops and both sides are clean.
session_round() {
	ppp_up 60
	check "ping LAC -> LNS" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_PPP_IP
	check "ping LNS -> LAC" in_ns lns ping -c 3 -i 0.2 -W 2 "$LAC_PPP_IP"
	in_ns lac ip route show default
	check "default dev l2tp-out metric 5" default_route

	step "the client stops: tear-down"
	stop "${l2tpd_pid[lac]}" 15
	clean lac lac
	wait_for 15 "LNS saw the StopCCN" log_has lns "tunnel [0-9]+ down: by the peer"
	clean lns lns
	in_ns lac ip route show default | grep -q . &&
		fail "a default route is left: $(in_ns lac ip route show default)"
	# The plugin's counters (ppp_get_link_stats on 2.5) and its exit report.
	check "lac: ip-down with counters" \
		log_has lac "ip-down, rx [1-9][0-9]* bytes, tx [1-9]"
	check "lns: ip-down with counters" \
		log_has lns "ip-down, rx [1-9][0-9]* bytes, tx [1-9]"
	# pppd reports its exit only after /etc/ppp/ip-down has run; l2tpd
	# kills it 15 s after its SIGTERM (APP_PPP_KILL_MS), or as it stops,
	# which a guest under load can exceed. When pppd did exit, its exit
	# report with the disconnect cause must be there.
	if log_has lac "pppd [0-9]+ ended \(exit"; then
		check "lac: pppd's end and disconnect cause" \
			log_has lac "pppd [0-9]+ ended \(exit.*disconnect cause [0-9]"
	else
		echo "NOTE: lac: pppd was killed waiting for its scripts:" \
			"no exit report to check"
	fi
	check "lns: ip-up $LNS_PPP_IP -> $LAC_PPP_IP" \
		log_has lns "ip-up [^ ]+ $LNS_PPP_IP -> $LAC_PPP_IP"
	return 0
}
