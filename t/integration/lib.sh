# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Sourced by every t/integration/*.sh. t/vm/suite.sh runs each test as root
# on a kernel with L2TP and PPP, with:
#   L2TPD_OUT    this test's results directory (logs, pcaps: the evidence)
#   L2TPD_SRC    the source tree, L2TPD_BUILD the build tree
#   L2TPD_TEST   the test's name
# A test sets up its own namespaces and processes through these helpers; the
# EXIT trap tears all of them down, whether the test passed or not.
set -euo pipefail

: "${L2TPD_OUT:?}" "${L2TPD_SRC:?}" "${L2TPD_BUILD:?}" "${L2TPD_TEST:?}"
OUT=$L2TPD_OUT

lib_netns=()
lib_pids=()

lib_start=$EPOCHREALTIME

# step TEXT: what the test does next, with the seconds since it started.
step() {
	local us

	us=$(( ${EPOCHREALTIME/./} - ${lib_start/./} ))
	printf -- '--- [%d.%ds] %s\n' $((us / 1000000)) $((us % 1000000 / 100000)) "$*"
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# skip REASON: this test cannot run here (the rig reports SKIP and REASON).
skip() {
	echo "SKIP: $*"
	exit 77
}

# Runs a command; if it fails, the test fails naming what was checked.
check() {
	local what=$1

	shift
	"$@" || fail "$what: '$*' exited $?"
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s, for
# SECONDS of wall-clock time (a slow COMMAND does not stretch the limit).
wait_for() {
	local limit=$1 what=$2 end

	shift 2
	end=$((SECONDS + limit))
	while ((SECONDS < end)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	"$@" >/dev/null 2>&1 && return 0
	fail "$what: not within ${limit}s"
}

# netns_add NAME: a namespace with lo up, removed at exit. Names carry the
# test's name so that a leftover is easy to trace.
netns_add() {
	local ns=$L2TPD_TEST-$1

	ip netns add "$ns"
	lib_netns+=("$ns")
	ip -n "$ns" link set lo up
}

# ns NAME: the full name of a namespace made by netns_add.
ns() {
	echo "$L2TPD_TEST-$1"
}

# veth NS1 IF1 ADDR1/LEN NS2 IF2 ADDR2/LEN: a veth pair between two
# namespaces, addressed and up.
veth() {
	local n1 n2

	n1=$(ns "$1") n2=$(ns "$4")
	ip link add "$2" netns "$n1" type veth peer name "$5" netns "$n2"
	ip -n "$n1" addr add "$3" dev "$2"
	ip -n "$n2" addr add "$6" dev "$5"
	ip -n "$n1" link set "$2" up
	ip -n "$n2" link set "$5" up
}

# in_ns NAME COMMAND...: runs COMMAND in namespace NAME.
in_ns() {
	local n

	n=$(ns "$1")
	shift
	ip netns exec "$n" "$@"
}

# spawn_to DIR NAME NS COMMAND...: starts COMMAND in the background in
# namespace NS, stdout and stderr to DIR/NAME.log; killed at exit.
spawn_to() {
	local dir=$1 name=$2 n

	n=$(ns "$3")
	shift 3
	ip netns exec "$n" "$@" > "$dir/$name.log" 2>&1 &
	lib_pids+=($!)
}

# spawn NAME NS COMMAND...: spawn_to $OUT.
spawn() {
	spawn_to "$OUT" "$@"
}

# stop PID [SECONDS]: SIGTERM, then SIGKILL if it is still there after
# SECONDS (default 3).
stop() {
	local pid=$1 i

	kill "$pid" 2>/dev/null || return 0
	for ((i = 0; i < ${2:-3} * 5; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

lib_cleanup() {
	local rc=$? pid n

	set +e
	for pid in "${lib_pids[@]}"; do
		stop "$pid"
	done
	for n in "${lib_netns[@]}"; do
		ip netns pids "$n" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns delete "$n" 2>/dev/null
	done
	exit $rc
}
trap lib_cleanup EXIT
trap 'exit 143' TERM INT
