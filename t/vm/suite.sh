#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs the integration tests one after the other, each in its own process
# with its own results directory, so that one failure hides no other. It
# runs in the guest (from guest.sh) or, with run.sh --host, on a host whose
# kernel has L2TP. It talks to run.sh only through marker lines on stdout:
#   @@L2TPD@@ START <test> <seconds>  a test begins, with its time limit
#   @@L2TPD@@ PASS|FAIL <test> <seconds>
#   @@L2TPD@@ SKIP <test> <reason>   the test exited 77 (lib.sh: skip)
#   @@L2TPD@@ LOG <test> <line>      the tail of a failed test's logs
#   @@L2TPD@@ DONE                   the suite finished
# Everything else on stdout is shown only in demo and bench mode.
set -u
marker='@@L2TPD@@'
: "${L2TPD_SRC:?}" "${L2TPD_BUILD:?}" "${L2TPD_RESULTS:?}" "${L2TPD_TESTDIR:?}"
: "${L2TPD_TESTS:?}" "${L2TPD_MODE:=check}" "${L2TPD_TEST_TIMEOUT:=300}"

now_ms() {
	local ns

	ns=$(date +%s%N)
	echo $((ns / 1000000))
}

# A test that fails leaves its evidence; print the tail of each log so that
# the reason shows without opening the files: the daemons' logs first, the
# test's own output last. dmesg.log stays in the results directory.
show_tail() {
	local t=$1 f=$2 line

	[ -s "$f" ] || return 0
	echo "$marker LOG $t ==> ${f#"$L2TPD_RESULTS/"} <=="
	tail -n 12 "$f" | while IFS= read -r line; do
		echo "$marker LOG $t $line"
	done
}

show_tails() {
	local t=$1 dir=$2 f

	for f in "$dir"/*.log; do
		case ${f##*/} in dmesg.log|output.log) continue ;; esac
		show_tail "$t" "$f"
	done
	show_tail "$t" "$dir/output.log"
}

# Namespaces or processes a test left behind would break the next test.
sweep() {
	local ns

	for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns delete "$ns" 2>/dev/null
		echo "suite: removed the network namespace $ns left behind"
	done
}

# test_limit TEST: the seconds TEST may run: L2TPD_TEST_TIMEOUT, or more
# when the test says so in a line "# vm-timeout: SECONDS" (a test that
# walks through several tear-downs, each with its protocol timers).
test_limit() {
	local want

	want=$(sed -n 's/^# vm-timeout: *\([0-9][0-9]*\)$/\1/p' \
		"$L2TPD_TESTDIR/$1.sh")
	if [ -n "$want" ] && [ "$want" -gt "$L2TPD_TEST_TIMEOUT" ]; then
		echo "$want"
	else
		echo "$L2TPD_TEST_TIMEOUT"
	fi
}

run_one() {
	local t=$1 dir start rc secs ms limit

	dir=$L2TPD_RESULTS/$t
	limit=$(test_limit "$t")
	mkdir -p "$dir"
	[ "$L2TPD_MODE" = check ] || echo "=== $t"
	echo "$marker START $t $limit"
	start=$(now_ms)
	if [ "$L2TPD_MODE" = check ]; then
		L2TPD_OUT=$dir L2TPD_TEST=$t timeout -k 5 "$limit" \
			bash "$L2TPD_TESTDIR/$t.sh" > "$dir/output.log" 2>&1
		rc=$?
	else
		L2TPD_OUT=$dir L2TPD_TEST=$t timeout -k 5 "$limit" \
			bash "$L2TPD_TESTDIR/$t.sh" 2>&1 | tee "$dir/output.log"
		rc=${PIPESTATUS[0]}
	fi
	ms=$(($(now_ms) - start))
	secs=$((ms / 1000)).$((ms % 1000 / 100))
	[ "$rc" -eq 124 ] && echo "timed out after ${limit}s" >> "$dir/output.log"
	sweep >> "$dir/output.log"
	if [ "$rc" -eq 0 ]; then
		echo "$marker PASS $t $secs"
		return
	fi
	# 77, automake's code for a test that cannot run here; its line
	# "SKIP: reason" says why.
	if [ "$rc" -eq 77 ]; then
		echo "$marker SKIP $t $(sed -n 's/^SKIP: //p' "$dir/output.log" |
			tail -n 1)"
		return
	fi
	dmesg > "$dir/dmesg.log" 2>&1
	echo "$marker FAIL $t $secs"
	show_tails "$t" "$dir"
}

for t in $L2TPD_TESTS; do
	run_one "$t"
done
echo "$marker DONE"
