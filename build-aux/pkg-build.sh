#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# pkg-build.sh deb|rpm BUILDDIR: the distribution packages, built from the
# release tarball that `make dist` left in BUILDDIR (as a distribution
# would build them), never from the work tree. Run by `make deb` and
# `make rpm`. The results land in BUILDDIR/pkg/deb/ or BUILDDIR/pkg/rpm/,
# where t/integration/pkg-deb.sh finds the .debs.
# Both builds run the unit tests (make check) unless NOCHECK=1.
#   deb: dpkg-buildpackage -us -uc -b, then lintian (errors fail).
#   rpm: rpmbuild -tb --nodeps: on Debian the build dependencies are
#        Debian's packages, which rpm cannot see. Fedora's
#        systemd-rpm-macros do not exist here either: each scriptlet
#        macro becomes a no-op that names itself and its arguments
#        (": systemd_post l2tpd.service"), so that rpm -qp --scripts,
#        printed at the end, shows which scriptlet calls which macro; what
#        Fedora's macros expand to is not checked. Then rpmlint, if
#        installed (reported, not enforced: Debian's rpmlint lacks
#        Fedora's configuration).
set -euo pipefail

die() {
	echo "pkg-build: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 deb|rpm BUILDDIR"
kind=$1
build=$(cd "$2" && pwd)
version=$(sed -n 's/^PACKAGE_VERSION = //p' "$build/Makefile" 2>/dev/null)
[ -n "$version" ] || die "$build is not a configured build directory"
tarball=$build/l2tpd-$version.tar.gz
[ -f "$tarball" ] || die "no $tarball: run make dist"
out=$build/pkg/$kind
nocheck=()
if [ "${NOCHECK:-0}" = 1 ]; then
	export DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:+$DEB_BUILD_OPTIONS }nocheck"
	nocheck=(--nocheck)
fi
start=$(date +%s)

deb() {
	if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null
	then
		die "dpkg-dev and debhelper missing: build-aux/install-deps.sh pkg"
	fi
	rm -rf "$out"
	mkdir -p "$out"
	cp "$tarball" "$out/l2tpd_$version.orig.tar.gz"
	tar -C "$out" -xzf "$tarball"
	(cd "$out/l2tpd-$version" && dpkg-buildpackage -us -uc -b) \
		> "$out/build.log" 2>&1 || {
		tail -n 30 "$out/build.log" >&2
		die "dpkg-buildpackage failed: $out/build.log"
	}
	rm -rf "$out/l2tpd-$version"
	echo "pkg-build: built in $(($(date +%s) - start)) s:"
	ls "$out"/*.deb
	if command -v lintian >/dev/null; then
		# Root runs lintian fine here; it only warns that it should not.
		report=$(lintian -I "$out"/*.changes 2>&1 |
			grep -v 'running with root privileges' || :)
		[ -z "$report" ] || echo "$report"
		! grep -q '^E:' <<< "$report" || die "lintian reports errors"
	else
		echo "pkg-build: lintian is not installed: not checked"
	fi
}

rpm() {
	local noop=() rpms

	command -v rpmbuild >/dev/null ||
		die "rpmbuild missing: build-aux/install-deps.sh pkg"
	rm -rf "$out"
	mkdir -p "$out"
	if [ -z "$(command rpm --eval '%{?systemd_post:1}')" ]; then
		echo "pkg-build: no systemd-rpm-macros here: stand-ins in the scriptlets"
		noop=(--define 'systemd_post() : systemd_post %*'
			--define 'systemd_preun() : systemd_preun %*'
			--define 'systemd_postun_with_restart() : systemd_postun_with_restart %*'
			--define 'tmpfiles_create() : tmpfiles_create %*')
	fi
	rpmbuild -tb --nodeps "${nocheck[@]}" --define "_topdir $out" \
		"${noop[@]}" "$tarball" \
		> "$out/build.log" 2>&1 || {
		tail -n 30 "$out/build.log" >&2
		die "rpmbuild failed: $out/build.log"
	}
	echo "pkg-build: built in $(($(date +%s) - start)) s:"
	mapfile -t rpms < <(find "$out/RPMS" -name '*.rpm' | sort)
	printf '%s\n' "${rpms[@]}"
	command rpm -qp --scripts "${rpms[@]}"
	if command -v rpmlint >/dev/null; then
		rpmlint "${rpms[@]}" || :
	else
		echo "pkg-build: rpmlint is not installed: not checked"
	fi
}

case $kind in
deb)	deb ;;
rpm)	rpm ;;
*)	die "usage: $0 deb|rpm BUILDDIR" ;;
esac
