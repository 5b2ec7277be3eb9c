#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# fetch-trixie.sh DIR PACKAGE...: Debian 13 (trixie) packages, unpacked into
# DIR/root, for building and running the pppd plugin against pppd 2.5
# (make check-ppp25, t/integration/plugin-ppp25*.sh) on a Debian 12 host.
#
# The host's apt sources are not touched: a private apt configuration
# under DIR (sources list, lists, cache) fetches trixie's package lists
# and the named .debs, checked against the trixie key that Debian 12's
# debian-archive-keyring ships. Nothing is installed: each .deb is
# unpacked with dpkg-deb -x. A second run with the same packages does
# nothing. TRIXIE_MIRROR overrides http://deb.debian.org/debian.
#
# Exit 0: DIR/root holds the packages; 77: the archive cannot be reached
# or the key is missing (a SKIP for the callers, with the reason on
# stderr); anything else: a real failure.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 DIR PACKAGE..." >&2; exit 2; }
dir=$1
shift
pkgs=$*
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
mirror=${TRIXIE_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-trixie-stable.gpg
stamp="$dir/root/.fetched"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$mirror $pkgs" ]; then
	exit 0
fi
for tool in apt-get dpkg-deb; do
	command -v $tool >/dev/null 2>&1 || {
		echo "fetch-trixie: SKIP: no $tool on this machine" >&2
		exit 77
	}
done
[ -f "$keyring" ] || {
	echo "fetch-trixie: SKIP: no trixie archive key ($keyring):" \
		"install debian-archive-keyring" >&2
	exit 77
}

apt="$dir/apt"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" \
	"$apt/parts" "$apt/debs"
echo "deb [signed-by=$keyring] $mirror trixie main" > "$apt/sources.list"
set -- -q -o Dir::Etc::SourceList="$apt/sources.list" \
	-o Dir::Etc::SourceParts="$apt/parts" \
	-o Dir::Etc::PreferencesParts="$apt/parts" \
	-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
	-o Dir::State::status=/dev/null -o APT::Architecture=amd64 \
	-o Acquire::Languages=none -o Acquire::Retries=2

# apt-get update reports unreachable mirrors as warnings only: the list
# itself says whether trixie's index arrived.
if ! apt-get "$@" update >"$apt/update.log" 2>&1 ||
   ! ls "$apt/lists/"*_dists_trixie_main_binary-amd64_Packages* \
	>/dev/null 2>&1; then
	echo "fetch-trixie: SKIP: trixie's package index from $mirror" \
		"cannot be had:" >&2
	grep -E '^(W|E|Err):' "$apt/update.log" | head -5 >&2 || true
	exit 77
fi

# apt-get download writes into the current directory.
# shellcheck disable=SC2086
(cd "$apt/debs" && rm -f ./*.deb && apt-get "$@" download $pkgs) \
	>"$apt/download.log" 2>&1 || {
	echo "fetch-trixie: downloading $pkgs failed:" >&2
	tail -5 "$apt/download.log" >&2
	exit 1
}

rm -rf "$dir/root"
mkdir -p "$dir/root"
for deb in "$apt/debs"/*.deb; do
	dpkg-deb -x "$deb" "$dir/root"
done
echo "$mirror $pkgs" > "$stamp"
