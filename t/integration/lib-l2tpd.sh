# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Helpers for the l2tpd-*.sh tests: our LNS and our client (LAC), each an
# l2tpd in its own network namespace, with configs written per test:
#
#   lac  va 10.77.0.1 ---- veth ---- vb 10.77.0.2  lns
#        ppp 10.78.0.x <--- PPP over L2TP ---> 10.78.0.1
#
# Every l2tpd runs in the foreground with -d, its log in $OUT/NAME.log, its
# control socket under /run/$L2TPD_TEST (UNIX sockets cannot live on the 9p
# results export). Short keepalives keep the tests fast.
# The addresses, pid_in, has_ppp_addr and no_pppd are lib-xl2tpd.sh's,
# which also lets a test pair our l2tpd with xl2tpd.
# shellcheck source=t/integration/lib-xl2tpd.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-xl2tpd.sh"

POOL_FIRST=10.78.0.10
L2TPD=$L2TPD_BUILD/daemon/l2tpd
L2TPCTL=$L2TPD_BUILD/cli/l2tpctl
PLUGIN=$L2TPD_BUILD/plugin/.libs/l2tpd.so
RUN=/run/$L2TPD_TEST
mkdir -p "$RUN"
declare -A l2tpd_pid=()

# A build with --enable-sanitizers (make check-sanitize's): its plugin
# needs the sanitizers' runtimes in pppd, which is not built with them;
# they go in through a wrapper, leak checks off (pppd's own leaks are not
# ours). l2tpd's reports are looked for in its log (no_sanitizer_report).
L2TPD_PPPD=()
if grep -q -- --enable-sanitizers "$L2TPD_BUILD/.l2tpd-flags" 2>/dev/null; then
	cat > "$RUN/pppd" <<-EOW
	#!/bin/sh
	LD_PRELOAD="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)" \\
	ASAN_OPTIONS=detect_leaks=0 exec /usr/sbin/pppd "\$@"
	EOW
	chmod 755 "$RUN/pppd"
	L2TPD_PPPD=(--pppd "$RUN/pppd")
fi

# two_hosts: the lac and lns namespaces and the veth pair between them.
two_hosts() {
	netns_add lac
	netns_add lns
	veth lac va $LAC_IP/24 lns vb $LNS_IP/24
	check "ping across the veth pair" in_ns lac ping -c 1 -W 2 $LNS_IP
}

# lns_conf AUTH [ENCRYPTION] [PROFILE-EXTRA] [SERVER-EXTRA]:
# $OUT/lns.conf with users alice (password alice-pw) and bob (bob-pw),
# pool 10.78.0.10-20, use-encryption ENCRYPTION (default "no").
lns_conf() {
	cat > "$OUT/lns.conf" <<-EOC
	server = {
		enabled = true;
		listen = [ "$LNS_IP:1701" ];
		authentication = [ $1 ];
		default-profile = "t";
		keepalive-timeout = 5;
		${4:-}
	};
	secrets = (
		{ name = "alice"; password = "alice-pw"; service = "l2tp"; },
		{ name = "bob"; password = "bob-pw"; service = "any"; }
	);
	profiles = ( {
		name = "t";
		local-address = "$LNS_PPP_IP";
		remote-address = "p";
		use-encryption = "${2:-no}";
		${3:-}
	} );
	pools = ( { name = "p"; ranges = [ "$POOL_FIRST-10.78.0.20" ]; } );
	EOC
}

# lac_conf ALLOW USER PASSWORD [CLIENT-EXTRA] [PROFILE-EXTRA]:
# $OUT/lac.conf, one client "l2tp-out" dialling the LNS.
lac_conf() {
	cat > "$OUT/lac.conf" <<-EOC
	clients = ( {
		name = "l2tp-out";
		connect-to = "$LNS_IP";
		user = "$2";
		password = "$3";
		allow = [ $1 ];
		profile = "c";
		keepalive-timeout = 5;
		disabled = false;
		${4:-}
	} );
	profiles = ( { name = "c"; use-encryption = "no"; ${5:-} } );
	EOC
}

# l2tpd_run NAME NS [ARGS...]: starts l2tpd with $OUT/NAME.conf in NS.
l2tpd_run() {
	local name=$1 n=$2

	shift 2
	check "$name.conf is valid" "$L2TPD" -n -c "$OUT/$name.conf"
	# L2TPD_WRAP: a command to run l2tpd under (strace -tt -o FILE...).
	# shellcheck disable=SC2086
	spawn "$name" "$n" ${L2TPD_WRAP:-} "$L2TPD" -d -c "$OUT/$name.conf" \
		-s "$RUN/$name.sock" --plugin "$PLUGIN" "${L2TPD_PPPD[@]}" "$@"
	l2tpd_pid[$name]=${lib_pids[-1]}
	wait_for 10 "$name's control socket" test -S "$RUN/$name.sock"
}

# ctl NAME ARGS...: l2tpctl against l2tpd NAME.
ctl() {
	local name=$1

	shift
	"$L2TPCTL" -s "$RUN/$name.sock" "$@"
}

# addr_of NS DEV: DEV's IPv4 address in NS, or nothing.
addr_of() {
	in_ns "$1" ip -4 -o addr show dev "$2" 2>/dev/null |
		awk '$3 == "inet" { print $4; exit }'
}

# has_inet NS DEV: DEV has an IPv4 address.
has_inet() {
	[ -n "$(addr_of "$1" "$2")" ]
}

# ppp_up SECONDS: the session is up on both sides, with addresses.
ppp_up() {
	wait_for "$1" "LNS ppp address $LNS_PPP_IP" \
		has_ppp_addr lns $LNS_PPP_IP
	wait_for 10 "LAC ppp address" has_inet lac l2tp-out
	LAC_PPP_IP=$(addr_of lac l2tp-out)
	echo "LAC address $LAC_PPP_IP"
}

no_l2tp() {
	[ -z "$(in_ns "$1" ip l2tp show tunnel)" ] &&
		[ -z "$(in_ns "$1" ip l2tp show session)" ]
}

no_ppp_link() {
	! in_ns "$1" ip -o link show | grep -q ' ppp\|l2tp-'
}

# no_sanitizer_report NAME: l2tpd NAME's log has no ASan, LSan or UBSan
# report.
no_sanitizer_report() {
	! grep -E "ERROR: (Address|Leak)Sanitizer|runtime error:" "$OUT/$1.log"
}

# clean NS NAME: nothing of a session is left in NS: kernel state, links,
# pppd; and l2tpd NAME has no zombie child and no sanitizer report.
clean() {
	local n=$1 name=$2 pid

	check "$name: no sanitizer report" no_sanitizer_report "$name"

	wait_for 15 "$n: no pppd" no_pppd "$n"
	wait_for 10 "$n: no kernel tunnel or session" no_l2tp "$n"
	wait_for 10 "$n: no ppp interface" no_ppp_link "$n"
	pid=${l2tpd_pid[$name]}
	if grep -q '^State:.*Z' /proc/[0-9]*/status 2>/dev/null; then
		for p in $(pgrep -P "$pid"); do
			grep -q '^State:.*Z' "/proc/$p/status" &&
				fail "$name has a zombie child $p"
		done
	fi
	return 0
}

fd_count() {
	find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l
}

# log_has NAME REGEX: l2tpd NAME logged a line matching REGEX.
log_has() {
	grep -qE "$2" "$OUT/$1.log"
}

# default_route: the client's default route through l2tp-out, metric 5.
default_route() {
	in_ns lac ip route show default | grep -q "^default dev l2tp-out .*metric 5"
}

# session_of NAME: "TUNNEL-ID SESSION-ID PPPD-PID" of l2tpd NAME's first
# session, from l2tpctl -j.
session_of() {
	ctl "$1" -j session print | python3 -c 'import json, sys
r = json.load(sys.stdin)[0]
print(r["tunnel-id"], r["session-id"], r.get("pppd-pid", 0))'
}

# gone NS "TID SID PID": that session and its pppd are gone from NS.
gone() {
	local tid sid pid

	read -r tid sid pid <<< "$2"
	! kill -0 "$pid" 2>/dev/null &&
		! in_ns "$1" ip l2tp show session | grep -q "Session $sid in tunnel $tid"
}

# no_session_on NS TID: the kernel has no session in tunnel TID... or any
# session at all once a new tunnel replaced it.
no_session_on() {
	! in_ns "$1" ip l2tp show session | grep -q "in tunnel $2\$"
}

# ppp_again "TID SID PID": the LNS has a session other than that one, up.
ppp_again() {
	local now

	now=$(session_of lns 2>/dev/null) || return 1
	[ -n "$now" ] && [ "$now" != "$1" ] && has_inet lac l2tp-out &&
		[ "$(ctl lns -j session print | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["state"])')" = running ]
}

# pool_used N: the LNS's pool has N addresses in use.
pool_used() {
	[ "$(ctl lns -j ip pool print | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["used"])')" = "$1" ]
}
