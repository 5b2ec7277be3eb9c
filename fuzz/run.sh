#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs the libFuzzer target for SECONDS, from the committed corpus
# (fuzz/corpus/), the seeds wire-gen writes and the xl2tpd captures
# (t/data/xl2tpd-*.bin). New inputs go to BUILDDIR/fuzz/corpus/, crashes to
# BUILDDIR/fuzz/artifacts/. Run by `make fuzz` after building the fuzz
# build (configure --enable-fuzz CC=clang).
#
#   fuzz/run.sh BUILDDIR SECONDS           fuzz
#   fuzz/run.sh BUILDDIR SECONDS --merge   fuzz, then minimise everything
#                                          found into fuzz/corpus/
# A crash input belongs in t/data/fuzz-regress/ once the bug is fixed: the
# replay in `make check-sanitize` then runs it for ever after.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 BUILDDIR SECONDS [--merge]" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
build=$1 seconds=$2 merge=${3:-}
fuzzer=$build/fuzz/fuzz-decode
work=$build/fuzz
seeds=$work/seeds

rm -rf "$seeds"
mkdir -p "$seeds" "$work/corpus" "$work/artifacts"
"$build/t/wire/wire-gen" -s "$seeds" > /dev/null
# The captures are datagrams (mode 0, fuzz/fuzz.h); without their 12-byte
# control header (RFC 2661 §3.1) they are payloads (mode 1) and AVP
# sequences (mode 2).
for f in "$src"/t/data/xl2tpd-*.bin; do
	[ -e "$f" ] || continue
	b=$seeds/$(basename "$f" .bin)
	{ printf '\000'; cat "$f"; } > "$b-ctrl"
	{ printf '\001'; tail -c +13 "$f"; } > "$b-payload"
	{ printf '\002'; tail -c +13 "$f"; } > "$b-avps"
done

echo "fuzz: $seconds s, $(ls "$src/fuzz/corpus" | wc -l) corpus files, $(ls "$seeds" | wc -l) seeds"
"$fuzzer" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" \
	"$work/corpus" "$src/fuzz/corpus" "$seeds"

if [ "$merge" = --merge ]; then
	rm -rf "$work/merged"
	mkdir "$work/merged"
	"$fuzzer" -merge=1 -max_len=8192 "$work/merged" \
		"$src/fuzz/corpus" "$work/corpus" "$seeds"
	find "$src/fuzz/corpus" -type f -delete
	cp "$work/merged"/* "$src/fuzz/corpus/"
	echo "fuzz: fuzz/corpus/ now holds $(ls "$src/fuzz/corpus" | wc -l) files"
fi
