#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# check-ppp25.sh DIR: the pppd plugin against pppd 2.5 (make check-ppp25).
#
# Debian 12 ships pppd 2.4.9; the plugin's pppd 2.5 side (plugin/compat.h,
# PPPD_API 25) is built against Debian 13's ppp-dev, fetched with the
# libraries trixie's pppd runs on into DIR/trixie/root
# (build-aux/fetch-trixie.sh, which leaves the host's apt alone):
#
#  1. configure DIR with that pppd.pc and --enable-werror, and build
#     plugin/l2tpd.la: the plugin compiles clean against 2.5's headers;
#  2. start trixie's own pppd through trixie's ld.so with every symbol
#     bound at load (LD_BIND_NOW): the plugin loads (pppd accepts its
#     pppd_version, each pppd symbol it uses exists), its plugin_init
#     registers the options (pppd runs our l2tpd_fd option, which refuses
#     a descriptor that is no PPPoL2TP socket).
#
# t/integration/plugin-ppp25.sh then runs this pppd and plugin on a real
# kernel in the VM rig. Prints "check-ppp25: SKIP: reason" and exits 0
# when trixie's archive cannot be reached.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
dir=$(cd "$1" && pwd)
root=$dir/trixie/root
# ppp and ppp-dev, and what trixie's pppd and our plugin need to run.
pkgs="ppp ppp-dev libc6 libgcc-s1 libcrypt1 libpcap0.8t64 libdbus-1-3
	libpam0g libaudit1 libcap-ng0 libssl3t64 libzstd1 zlib1g libsystemd0
	libcap2 libjson-c5 libmnl0"

# The unpacked pppd runs here only on the architecture it is fetched for.
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
if [ "$arch" != amd64 ]; then
	echo "check-ppp25: SKIP: fetches amd64 packages; this is $arch"
	exit 0
fi
rc=0
# shellcheck disable=SC2086
"$src/build-aux/fetch-trixie.sh" "$dir/trixie" $pkgs || rc=$?
if [ "$rc" -eq 77 ]; then
	echo "check-ppp25: SKIP: Debian trixie's ppp-dev (pppd 2.5) cannot" \
		"be fetched (reason above)"
	exit 0
fi
[ "$rc" -eq 0 ] || exit "$rc"

# pppd.pc names /usr; its copy names the unpacked headers. The plugin
# directory stays pppd's own (for the record: nothing is installed).
mkdir -p "$dir/trixie/pkgconfig"
sed "s|^prefix=.*|prefix=$root/usr|" "$root/usr/share/pkgconfig/pppd.pc" \
	> "$dir/trixie/pkgconfig/pppd.pc"
flags="--enable-werror PKG_CONFIG_PATH=$dir/trixie/pkgconfig"
if [ ! -f "$dir/Makefile" ] ||
   [ "$(cat "$dir/.l2tpd-flags" 2>/dev/null)" != "$flags" ]; then
	echo "check-ppp25: configure $dir $flags"
	# shellcheck disable=SC2086
	(cd "$dir" && "$src/configure" $flags >configure.log) || {
		tail -20 "$dir/configure.log" "$dir/config.log"
		exit 1
	}
	echo "$flags" > "$dir/.l2tpd-flags"
fi
grep -q '^PPPD_API = 25$' "$dir/Makefile" || {
	echo "check-ppp25: $dir is not configured for pppd 2.5" >&2
	exit 1
}
make -C "$dir" --no-print-directory plugin/l2tpd.la

# 2: trixie's pppd loads the plugin. Its libraries only: no ld.so.cache.
# pppd takes the plugin option from root only.
if [ "$(id -u)" != 0 ]; then
	echo "check-ppp25: PASS: the plugin builds with -Werror against pppd" \
		"2.5 (the load check needs root: not run)"
	exit 0
fi
lib=$root/usr/lib/x86_64-linux-gnu
so=$dir/plugin/.libs/l2tpd.so
out=$(LD_BIND_NOW=1 "$lib/ld-linux-x86-64.so.2" --inhibit-cache \
	--library-path "$lib" "$root/usr/sbin/pppd" plugin "$so" \
	l2tpd_fd 0 nodetach 2>&1 </dev/null) || true
echo "$out" | sed 's/^/pppd 2.5: /'
case $out in
*"l2tpd: l2tpd_fd 0 is not a PPPoL2TP socket"*) ;;
*)	echo "check-ppp25: FAIL: pppd 2.5 did not load the plugin and" \
		"run its l2tpd_fd option" >&2
	exit 1 ;;
esac
echo "check-ppp25: PASS: the plugin builds with -Werror against pppd" \
	"$(sed -n 's/^Version: //p' "$dir/trixie/pkgconfig/pppd.pc")" \
	"and pppd 2.5 loads it"
