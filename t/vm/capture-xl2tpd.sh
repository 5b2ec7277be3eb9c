#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Regenerates the xl2tpd captures in t/data/ that the wire-format tests
# read: runs the two xl2tpd reference tests in the VM rig, then copies each
# test's control-message capture and splits it into one file per message
# (the L2TP bytes, i.e. the UDP payload). Tunnel and session ids, challenges
# and random vectors differ on every run, so the tests that read these
# files must be updated with them. See t/data/README.
#
#   t/vm/capture-xl2tpd.sh BUILDDIR
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 BUILDDIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
results=$1/vm/results

"$here/run.sh" --build "$1" xl2tpd-reference xl2tpd-reference-auth

# capture TEST NAME: t/data/xl2tpd-NAME.pcap, -NN-MSGTYPE.bin and .txt
capture() {
	local pcap=$results/$1/control.pcap prefix=$data/xl2tpd-$2

	rm -f "$prefix".pcap "$prefix".txt "$prefix"-[0-9][0-9]-*.bin
	cp "$pcap" "$prefix.pcap"
	chmod 644 "$prefix.pcap"
	python3 "$here/l2tp-pcap.py" split "$pcap" "$prefix" \
		--host 10.77.0.1=LAC --host 10.77.0.2=LNS > "$prefix.txt"
	echo "capture: $prefix.pcap, $(wc -l < "$prefix.txt") messages"
}

capture xl2tpd-reference plain
capture xl2tpd-reference-auth hidden
