#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The tshark cross-check of the wire format: wire-gen writes one message of
# every type with every AVP it may carry (in clear, then hidden) as a pcap,
# tshark dissects it and check-tshark.py compares what tshark sees with
# what we meant. Run by `make check-unit`; runs alone as
#
#   t/wire/run.sh BUILDDIR
#
# Leaves BUILDDIR/t/wire/wire.pcap, wire.expect and wire.txt (tshark -V)
# for a human to read when it fails. Without tshark it skips, except in CI.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 BUILDDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
out=$1/t/wire

if ! command -v tshark >/dev/null 2>&1; then
	if [ -n "${CI:-}" ]; then
		echo "wire: tshark not installed (make deps-check)" >&2
		exit 1
	fi
	echo "wire: SKIP, tshark not installed (apt-get install tshark)"
	exit 0
fi
"$out/wire-gen" -p "$out/wire.pcap" -e "$out/wire.expect"
tshark -r "$out/wire.pcap" -V > "$out/wire.txt" 2>/dev/null
python3 "$here/check-tshark.py" "$out/wire.pcap" "$out/wire.expect"
