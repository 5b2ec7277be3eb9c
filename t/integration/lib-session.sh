# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Sourced by the kernel-*.sh and plugin-*.sh tests: sessions between two
# namespaces without the control protocol. Namespace "a" holds the server
# ends, "b" the client ends, joined by a veth (10.88.0.1 - 10.88.0.2).
# Each end is t/vm/l2tp-session (daemon/kernel.c, daemon/ppp.c and pppd
# with plugin/l2tpd.so); pair I uses UDP port 1700+I, tunnel ids 100+I
# (server) and 200+I (client), session ids 1000+I and 2000+I, and logs
# to $OUT/srvI.log and $OUT/cliI.log.
# shellcheck source=t/integration/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DRIVER=$L2TPD_BUILD/t/vm/l2tp-session
PLUGIN=$L2TPD_BUILD/plugin/.libs/l2tpd.so
[ -x "$DRIVER" ] || fail "$DRIVER is not built: run make"
[ -f "$PLUGIN" ] || fail "$PLUGIN is not built: run make"
SOCKDIR=/run/l2tpd-test/$L2TPD_TEST
mkdir -p "$SOCKDIR"

# The drivers' pids by pair, for the tests that source this file.
# shellcheck disable=SC2034
declare -a srv_pid cli_pid

session_net() {
	netns_add a
	netns_add b
	veth a va 10.88.0.1/24 b vb 10.88.0.2/24
}

# end NAME NS ROLE I LOCAL PEER TID PEER_TID SID PEER_SID ARGS...
end() {
	local name=$1 ns=$2 role=$3 i=$4 local=$5 peer=$6

	shift 6
	spawn "$name$i" "$ns" "$DRIVER" --role "$role" \
		--local "$local:$((1700 + i))" --peer "$peer:$((1700 + i))" \
		--tid "$1" --peer-tid "$2" --sid "$3" --peer-sid "$4" \
		--ctl "$SOCKDIR/$name$i.sock" --plugin "$PLUGIN" "${@:5}"
}

# server I ARGS...: the server end of pair I in namespace a.
server() {
	local i=$1

	shift
	end srv a server "$i" 10.88.0.1 10.88.0.2 $((100 + i)) $((200 + i)) \
		$((1000 + i)) $((2000 + i)) "$@"
	# shellcheck disable=SC2034
	srv_pid[i]=$!
}

# client I ARGS...: the client end of pair I in namespace b.
client() {
	local i=$1

	shift
	end cli b client "$i" 10.88.0.2 10.88.0.1 $((200 + i)) $((100 + i)) \
		$((2000 + i)) $((1000 + i)) "$@"
	# shellcheck disable=SC2034
	cli_pid[i]=$!
}

# wait_line SECONDS LOG PATTERN: until LOG has a line matching PATTERN.
wait_line() {
	wait_for "$1" "'$3' in ${2##*/}" grep -Eq -- "$3" "$2"
}

# report LOG TYPE KEY: KEY of the first TYPE report in LOG. The reports
# are flat JSON objects without escapes; bash reads them without a fork,
# which matters under emulation.
report() {
	local line re

	while IFS= read -r line; do
		[[ $line == "report $2 "* ]] && break
		line=
	done < "$1"
	[ -n "$line" ] || fail "no $2 report in ${1##*/}"
	re='[{,]"'"$3"'":("[^"]*"|\[[^]]*\]|[^,}]*)'
	[[ $line =~ $re ]] || return 0
	line=${BASH_REMATCH[1]}
	line=${line#\"}
	echo "${line%\"}"
}

# expect_report LOG TYPE KEY VALUE
expect_report() {
	local got

	got=$(report "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "${1##*/}: $2 $3 is '$got', not '$4'"
	echo "${1##*/}: $2 $3 = $got"
}

# pppd_of LOG: the pid of the pppd a driver started.
pppd_of() {
	sed -n 's/^driver: ready .* pppd \([0-9]*\)$/\1/p' "$1"
}

# fds_of PID: "FD TARGET" for each descriptor of PID.
fds_of() {
	local f

	for f in "/proc/$1/fd/"*; do
		echo "${f##*/} $(readlink "$f")"
	done
}

# stop_end PID: SIGTERM to a driver and the wait for its end, long
# enough for pppd's LCP goodbye.
stop_end() {
	stop "$1" 15
}

# no_leftovers NS: no ppp interface, no kernel tunnel or session, no pppd.
no_leftovers() {
	local n out

	n=$(ns "$1")
	out=$(ip -n "$n" -o link show type ppp)
	[ -z "$out" ] || fail "ppp interface left in $1: $out"
	out=$(ip netns exec "$n" ip l2tp show tunnel)
	[ -z "$out" ] || fail "kernel tunnel left in $1: $out"
	out=$(ip netns exec "$n" ip l2tp show session)
	[ -z "$out" ] || fail "kernel session left in $1: $out"
	out=$(ip netns pids "$n" | xargs -r ps -o pid=,stat=,comm= -p)
	[ -z "$out" ] || fail "processes left in $1: $out"
	echo "$1: nothing left"
}
