#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Installs what l2tpd needs to build (PROFILE=build), to run its tests and the
# VM rig (check), the demo (demo) or the packages (pkg: make deb, make rpm).
# As root it installs the missing packages with apt-get or dnf; otherwise it
# prints the exact command and fails, so that nothing is half-done.
set -eu

profile=${1:-build}

deb_build="gcc make autoconf automake libtool pkg-config libnl-3-dev
	libnl-genl-3-dev libmnl-dev libconfig-dev check libevent-dev
	libjson-c-dev libssl-dev ppp-dev"
# The VM rig: qemu (TCG), an initramfs from busybox and kmod, Debian's kernel
# (fetched by the rig), and the real peers and tools the tests start.
deb_vm="qemu-system-x86 busybox-static cpio kmod ppp xl2tpd iproute2 iperf3
	iputils-ping tshark tcpdump python3 procps psmisc"
deb_check="$deb_vm clang libclang-rt-dev mandoc"
# make deb, make rpm (build-aux/pkg-build.sh): Debian's tools, rpmbuild, and
# systemd-nspawn for t/integration/pkg-deb.sh.
deb_pkg="dpkg-dev debhelper fakeroot lintian rpm systemd-container"

rpm_build="gcc make autoconf automake libtool pkgconf-pkg-config libnl3-devel
	libmnl-devel libconfig-devel check-devel libevent-devel json-c-devel
	openssl-devel ppp-devel"
rpm_vm="qemu-system-x86 busybox cpio kmod ppp xl2tpd iproute iperf3 iputils
	wireshark-cli tcpdump python3 procps-ng psmisc"
rpm_check="$rpm_vm clang compiler-rt mandoc"
rpm_pkg="rpm-build systemd-rpm-macros systemd-container"

case $profile in
build)	deb=$deb_build; rpm=$rpm_build ;;
check)	deb="$deb_build $deb_check"; rpm="$rpm_build $rpm_check" ;;
demo)	deb="$deb_build $deb_vm"; rpm="$rpm_build $rpm_vm" ;;
pkg)	deb="$deb_build $deb_pkg"; rpm="$rpm_build $rpm_pkg" ;;
*)	echo "install-deps: unknown profile '$profile' (build, check, demo, pkg)" >&2
	exit 2 ;;
esac

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	missing=""
	for p in $deb; do
		s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		case $s in *" installed") ;; *) missing="$missing $p" ;; esac
	done
	[ -z "$missing" ] && exit 0
	cmd="apt-get install -y --no-install-recommends$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "l2tpd needs these packages; as root run:" >&2
		echo "  apt-get update && DEBIAN_FRONTEND=noninteractive $cmd" >&2
		exit 1
	fi
	echo "install-deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine may have no package lists yet.
	# shellcheck disable=SC2086
	if ! $cmd >/dev/null 2>&1; then
		apt-get update -q
		$cmd
	fi
elif command -v dnf >/dev/null 2>&1; then
	missing=""
	for p in $rpm; do
		rpm -q "$p" >/dev/null 2>&1 || missing="$missing $p"
	done
	[ -z "$missing" ] && exit 0
	cmd="dnf install -y$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "l2tpd needs these packages; as root run:" >&2
		echo "  $cmd" >&2
		exit 1
	fi
	$cmd
else
	echo "install-deps: neither apt-get nor dnf found; install the packages" >&2
	echo "listed in README by hand" >&2
	exit 1
fi
