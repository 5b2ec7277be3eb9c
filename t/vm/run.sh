#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The real-kernel rig. Build machines (CI's too) may run a kernel without
# L2TP and PPP that cannot load modules, so this boots Debian's packaged
# kernel under qemu (TCG: KVM hangs on the nested hosts we run on), with the
# host's root shared read-only over 9p, and runs the whole integration suite
# (t/integration/*.sh) in that one boot. See README ("Testing on a real
# kernel") and t/vm/init, t/vm/guest.sh, t/vm/suite.sh for the other halves.
#
# Prints one line per test and a last line "N passed, N failed" (", N
# skipped" when a test could not run here); exits non-zero on any failure,
# on a guest crash and on timeout. A test that took the guest down (panic,
# soft lockup, no result long after its limit) runs again on a new boot,
# with the tests after it; taking it down twice fails it (boot_vms). The
# evidence of each test (logs, pcaps) lands in BUILDDIR/vm/results/<test>/.
#
# Environment: L2TPD_VM_CACHE (where the kernel and initramfs are kept,
# default BUILDDIR/vm), L2TPD_VM_TIMEOUT (seconds for all boots, default
# 1500), L2TPD_TEST_TIMEOUT (seconds per test, default 300), L2TPD_VM_SMP
# (vCPUs, default 2).
set -euo pipefail
shopt -s lastpipe nullglob
export PATH=$PATH:/usr/sbin:/sbin LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
marker='@@L2TPD@@'

usage() {
	cat <<-EOF
	usage: $0 --build BUILDDIR [--demo | --bench] [--host] [TEST ...]
	  Boots Debian's kernel under qemu and runs t/integration/TEST.sh (all
	  tests by default) inside it.
	  --demo   run t/vm/demo.sh verbosely: l2tpd as LNS (etc/l2tpd.conf) and
	           as client, a session, ping and an iperf3 figure
	  --bench  run bench/vm/*.sh instead of the tests
	  --host   run in network namespaces of this machine, without a VM (only
	           when this kernel has l2tp_ppp; needs root)
	Environment: L2TPD_VM_CACHE (kernel and initramfs, default BUILDDIR/vm),
	L2TPD_VM_TIMEOUT (all boots, default 1500 s), L2TPD_TEST_TIMEOUT (per
	test, default 300 s), L2TPD_VM_SMP (vCPUs, default 2).
	Results: BUILDDIR/vm/results/<test>/, the console in BUILDDIR/vm/console.log.
	EOF
	exit "$1"
}

die() {
	echo "run.sh: $*" >&2
	exit 1
}

build="" mode=check host=no tests=()
while [ $# -gt 0 ]; do
	case $1 in
	--build)	[ $# -ge 2 ] || usage 2; build=$2; shift ;;
	--demo)		mode=demo ;;
	--bench)	mode=bench ;;
	--host)		host=yes ;;
	-h|--help)	usage 0 ;;
	-*)		usage 2 ;;
	*)		tests+=("$1") ;;
	esac
	shift
done
[ -n "$build" ] || usage 2
[ -d "$build" ] || die "no build directory $build: run make first"
build=$(cd "$build" && pwd)
vm=$build/vm
cache=${L2TPD_VM_CACHE:-$vm}
results=$vm/results
# The kernel command line carries paths split at blanks; the guest mounts
# its own /run, /proc, /sys and /dev over the host's.
for d in "$src" "$build" "$cache"; do
	case $d in
	*[[:space:]]*)	die "paths with blanks are not supported: '$d'" ;;
	/run/*|/proc/*|/sys/*|/dev/*) die "the guest cannot see $d: use another directory" ;;
	esac
done

# The test scripts: every t/integration/*.sh but the lib*.sh they source;
# in bench mode every bench/vm/*.sh; in demo mode t/vm/demo.sh.
if [ "$mode" = bench ]; then
	testdir=$src/bench/vm
elif [ "$mode" = demo ]; then
	testdir=$src/t/vm
	[ ${#tests[@]} -gt 0 ] || tests=(demo)
else
	testdir=$src/t/integration
fi
if [ ${#tests[@]} -eq 0 ]; then
	for f in "$testdir"/*.sh; do
		f=${f##*/}
		case $f in lib*) continue ;; esac
		echo "${f%.sh}"
	done | sort | mapfile -t tests
fi
if [ "$mode" = bench ] && [ ${#tests[@]} -eq 0 ]; then
	echo "no VM benchmarks exist yet (bench/vm/*.sh): nothing to run"
	exit 0
fi
[ ${#tests[@]} -gt 0 ] || die "no tests in $testdir"
for t in "${tests[@]}"; do
	[ -f "$testdir/$t.sh" ] || die "no such test: $testdir/$t.sh"
done

need() {
	command -v "$1" >/dev/null 2>&1 ||
		die "$1 not found: run build-aux/install-deps.sh check (as root)"
}

# Debian's kernel package, unpacked once into the cache with its
# modules.dep (the .deb ships none).
kernel_pkg() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }'
}

apt_update() {
	[ "$(id -u)" = 0 ] ||
		die "apt has no package lists: as root run 'apt-get update', then retry"
	echo "vm: apt-get update" >&2
	apt-get update -q >"$cache/apt.log" 2>&1 || {
		cat "$cache/apt.log" >&2
		die "apt-get update failed"
	}
}

fetch_kernel() {
	local pkg kver

	[ -f "$cache/kernel/.l2tpd-kver" ] && return 0
	need apt-get
	need dpkg-deb
	need depmod
	pkg=$(kernel_pkg)
	if [ -z "$pkg" ]; then
		apt_update
		pkg=$(kernel_pkg)
		[ -n "$pkg" ] || die "apt knows no linux-image-amd64"
	fi
	echo "vm: fetching $pkg into $cache (once)" >&2
	rm -rf "$cache/deb" "$cache/kernel.new"
	mkdir -p "$cache/deb"
	if ! (cd "$cache/deb" && apt-get download "$pkg") >"$cache/apt.log" 2>&1; then
		apt_update
		(cd "$cache/deb" && apt-get download "$pkg") >"$cache/apt.log" 2>&1 || {
			cat "$cache/apt.log" >&2
			die "cannot download $pkg: run 'cd $cache/deb && apt-get download $pkg'"
		}
	fi
	dpkg-deb -x "$cache"/deb/*.deb "$cache/kernel.new"
	kver=$(ls "$cache/kernel.new/lib/modules")
	depmod -b "$cache/kernel.new" "$kver"
	rm -rf "$cache/kernel" "$cache/deb"
	mv "$cache/kernel.new" "$cache/kernel"
	echo "$kver" > "$cache/kernel/.l2tpd-kver"
}

# The initramfs: static busybox, t/vm/init and the modules that mounting
# 9p and overlayfs needs, in the order modprobe resolves them.
build_initrd() {
	local kver=$1 out=$cache/initrd.gz tmp m

	if [ -f "$out" ] && [ "$out" -nt "$here/init" ] &&
	   [ "$out" -nt "$here/run.sh" ] &&
	   [ "$out" -nt "$cache/kernel/.l2tpd-kver" ]; then
		return 0
	fi
	need cpio
	need modprobe
	if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
		die "no static /bin/busybox: install busybox-static"
	fi
	tmp=$(mktemp -d)
	mkdir -p "$tmp/bin" "$tmp/modules"
	cp /bin/busybox "$tmp/bin/busybox"
	install -m 755 "$here/init" "$tmp/init"
	modprobe -d "$cache/kernel" -S "$kver" -a --show-depends \
		virtio_pci 9pnet_virtio 9p overlay |
		awk '$1 == "insmod" && !seen[$2]++ { print $2 }' |
		while read -r m; do
			cp "$m" "$tmp/modules/"
			echo "${m##*/}" >> "$tmp/modules.order"
		done
	(cd "$tmp" && find . | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1 > "$out.new"
	mv "$out.new" "$out"
	rm -rf "$tmp"
}

# write_job TEST...: what the guest (or, with --host, suite.sh here) reads,
# sourced by bash.
write_job() {
	local v

	{
		printf 'export L2TPD_SRC=%q\n' "$src"
		printf 'export L2TPD_BUILD=%q\n' "$build"
		printf 'export L2TPD_RESULTS=%q\n' "$results"
		printf 'export L2TPD_KERNEL=%q\n' "$cache/kernel"
		printf 'export L2TPD_MODE=%q\n' "$mode"
		printf 'export L2TPD_TESTDIR=%q\n' "$testdir"
		printf 'export L2TPD_TESTS=%q\n' "$*"
		printf 'export L2TPD_TEST_TIMEOUT=%q\n' "${L2TPD_TEST_TIMEOUT:-300}"
		printf 'export BENCH_STORM_N=%q\n' "${BENCH_STORM_N:-100}"
		# The benchmarks' other knobs (bench/vm/*.sh), as given.
		for v in "${!BENCH_@}"; do
			[ "$v" = BENCH_STORM_N ] ||
				printf 'export %s=%q\n' "$v" "${!v}"
		done
	} > "$results/job.env"
}

# Reads the guest's console: marker lines become the report, the rest goes
# to console.log (and to the screen in demo and bench mode). It also
# watches the guest: a kernel that reports a soft lockup of two minutes or
# more, or a test that gives no result two minutes after its own limit
# (the guest's timeout could not end it), means the guest hung; then it
# kills qemu rather than wait for L2TPD_VM_TIMEOUT, and leaves the reason
# in $hung and the test that ran in $current.
passed=0 failed=0 skipped=0 done=no qemu_rc=0 hung="" current=""
declare -A reported=() retried=()
hang_grace=${L2TPD_VM_HANG_GRACE:-120}
report() {
	local line kind name rest pending="" deadline=0 stuck st

	while :; do
		# A timeout keeps what came of a line so far; the end of the
		# input ends the loop.
		st=0
		IFS= read -r -t 5 line || st=$?
		if [ "$st" -gt 128 ]; then
			pending+=$line
			line=""
		elif [ "$st" -ne 0 ]; then
			line=$pending$line
			[ -z "$line" ] || printf '%s\n' "$line" >> "$vm/console.log"
			break
		else
			line=$pending$line pending=""
		fi
		if [ -z "$hung" ] && [ -n "$current" ] && [ "$SECONDS" -gt "$deadline" ]; then
			hung="$current gave no result ${hang_grace}s after its limit"
			kill_qemu
		fi
		[ -n "$line" ] || continue
		line=${line%$'\r'}
		printf '%s\n' "$line" >> "$vm/console.log"
		if [[ -z $hung && $line =~ soft\ lockup\ -\ CPU#[0-9]+\ stuck\ for\ ([0-9]+)s ]]; then
			stuck=${BASH_REMATCH[1]}
			if [ "$stuck" -ge "$hang_grace" ]; then
				hung="the guest kernel locked up (soft lockup, ${stuck}s)"
				kill_qemu
			fi
		fi
		if [ "${line#"$marker" }" = "$line" ]; then
			# Kernel messages stay in console.log.
			[[ $mode = check || $line =~ ^\[\ *[0-9]+\.[0-9]+\]\  ]] ||
				printf '%s\n' "$line"
			continue
		fi
		read -r kind name rest <<< "${line#"$marker" }"
		case $kind in
		START)	current=$name
			deadline=$((SECONDS + ${rest:-0} + hang_grace)) ;;
		PASS)	echo "PASS $name (${rest}s)${retried[$name]:+, on a second boot}"
			passed=$((passed + 1)); reported[$name]=1; current="" ;;
		FAIL)	echo "FAIL $name (${rest}s)"
			failed=$((failed + 1)); reported[$name]=1; current="" ;;
		SKIP)	echo "SKIP $name: $rest"
			skipped=$((skipped + 1)); reported[$name]=1; current="" ;;
		LOG)	printf '    %s\n' "$rest" ;;
		NOTE)	echo "$name $rest" ;;
		CRASH)	echo "CRASH $name $rest" ;;
		DONE)	done=yes current="" ;;
		EXIT)	qemu_rc=$name ;;
		esac
	done
}

# Only a guest has a qemu to kill (a pid file from an earlier run may be
# left with --host).
kill_qemu() {
	local pid

	[ "$host" = no ] || return 0
	pid=$(cat "$vm/qemu.pid" 2>/dev/null) || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	(sleep 10 && kill -KILL "$pid") >/dev/null 2>&1 &
}

# run_vm KVER SECONDS: one boot that runs the tests in job.env, for at most
# SECONDS.
run_vm() {
	local kver=$1 limit=$2 cmdline

	# loglevel=5: the kernel's warnings, a soft lockup's backtrace among
	# them, reach console.log (not the report).
	cmdline="console=ttyS0 loglevel=5 panic=-1"
	cmdline+=" L2TPD_GUEST=$here/guest.sh L2TPD_RESULTS=$results"
	rm -f "$vm/qemu.pid"
	{
		timeout -k 5 "$limit" \
			qemu-system-x86_64 -accel tcg,thread=multi -cpu max \
			-smp "${L2TPD_VM_SMP:-2}" -m "${L2TPD_VM_MEM:-1024}" \
			-kernel "$cache/kernel/boot/vmlinuz-$kver" \
			-initrd "$cache/initrd.gz" -append "$cmdline" \
			-display none -monitor none -serial stdio \
			-no-reboot -nic none -pidfile "$vm/qemu.pid" \
			-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
			-virtfs "local,path=$results,mount_tag=results,security_model=none,multidevs=remap" \
			</dev/null 2>"$vm/qemu.log" && rc=0 || rc=$?
		echo "$marker EXIT $rc"
	} | report
}

run_host() {
	[ "$(id -u)" = 0 ] || die "--host needs root (network namespaces)"
	{
		bash -c ". '$results/job.env' && exec '$here/suite.sh'" 2>&1 &&
			rc=0 || rc=$?
		echo "$marker EXIT $rc"
	} | report
}

# lockup_trace FROM: the first soft lockup's report in console.log from
# line FROM on, with its backtrace (as far as the console got); nothing
# when there was none.
lockup_trace() {
	awk -v from="$1" 'NR >= from && /soft lockup - CPU#/ { on = 1 }
		on && n++ < 45' "$vm/console.log"
}

# boot_vms KVER: boots the guest for the tests and, when a test hung or
# crashed the guest, again for that test and those after it. The first
# boot's evidence of that test stays in results/TEST.boot1/; a test that
# takes the guest down on two boots fails, and the tests after it still
# run. All boots share L2TPD_VM_TIMEOUT.
boot_vms() {
	local kver=$1 start=$SECONDS budget=${L2TPD_VM_TIMEOUT:-1500} left from t
	local trace
	local todo=("${tests[@]}") boot=1

	while :; do
		left=$((budget - (SECONDS - start)))
		from=$(($(wc -l < "$vm/console.log") + 1))
		echo "=== boot $boot: ${todo[*]}" >> "$vm/console.log"
		write_job "${todo[@]}"
		hung="" current="" qemu_rc=0
		run_vm "$kver" "$left"
		[ "$done" = yes ] && return 0
		if [ -n "$hung" ]; then
			echo "vm: $hung: killed the guest"
		elif [ "$qemu_rc" = 124 ]; then
			echo "vm: timed out after ${budget}s (L2TPD_VM_TIMEOUT)"
		else
			echo "vm: the guest ended without finishing the suite (exit" \
				"$qemu_rc): a crash?"
		fi
		trace=$(lockup_trace "$from")
		if [ -n "$trace" ]; then
			echo "vm: the kernel's first soft lockup report of this boot:"
			printf '%s\n' "$trace" | sed 's/^/    /'
		else
			echo "vm: last lines of $vm/console.log:"
			tail -n "+$from" "$vm/console.log" | tail -n 20 | sed 's/^/    /'
		fi
		[ -s "$vm/qemu.log" ] && sed 's/^/    qemu: /' "$vm/qemu.log"
		# Another boot only when a test took the guest down with it
		# and time is left: for that test, once, and those after it.
		[ -n "$current" ] && [ "$qemu_rc" != 124 ] &&
			[ $((budget - (SECONDS - start))) -gt 300 ] || return 0
		if [ -n "${retried[$current]:-}" ]; then
			echo "FAIL $current (took the guest down on two boots)"
			failed=$((failed + 1))
			reported[$current]=1
		else
			retried[$current]=1
			rm -rf "$results/$current.boot1"
			mv "$results/$current" "$results/$current.boot1" 2>/dev/null || :
		fi
		todo=()
		for t in "${tests[@]}"; do
			[ -n "${reported[$t]:-}" ] || todo+=("$t")
		done
		[ ${#todo[@]} -gt 0 ] || { done=yes; return 0; }
		if [ -n "${reported[$current]:-}" ]; then
			echo "vm: booting again for the ${#todo[@]} tests after $current"
		else
			echo "vm: booting again for $current and the" \
				"$((${#todo[@]} - 1)) tests after it (its first boot's" \
				"evidence: results/$current.boot1/, console.log)"
		fi
		boot=$((boot + 1))
	done
}

mkdir -p "$vm" "$cache"
rm -rf "$results"
mkdir -p "$results"
: > "$vm/console.log"
if [ "$mode" = demo ]; then
	echo "demo: boots Debian's kernel under qemu and runs t/vm/demo.sh in it:"
	echo "demo: l2tpd as LNS with etc/l2tpd.conf, a second l2tpd as client."
fi
if [ "$host" = yes ]; then
	[ -d /sys/module/l2tp_ppp ] || "$build/t/vm/l2tp-probe" >/dev/null ||
		die "--host: this kernel has no l2tp_ppp; run without --host"
	write_job "${tests[@]}"
	run_host
else
	need qemu-system-x86_64
	need timeout
	need flock
	exec 9> "$cache/.lock"
	flock 9
	fetch_kernel
	kver=$(cat "$cache/kernel/.l2tpd-kver")
	build_initrd "$kver"
	flock -u 9
	boot_vms "$kver"
fi

for t in "${tests[@]}"; do
	[ -n "${reported[$t]:-}" ] && continue
	echo "FAIL $t (no result: the guest crashed or timed out)"
	failed=$((failed + 1))
done
if [ "$done" != yes ]; then
	[ "$failed" -gt 0 ] || failed=1
fi
summary="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || summary+=", $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$done" = yes ]
