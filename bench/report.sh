#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# bench/report.sh BUILDDIR: gathers the rows the VM benchmarks wrote
# (BUILDDIR/vm/results/*/bench.csv: bench,server,n,metric,value) into
# BUILDDIR/bench/bench.csv, prints a table with l2tpd's value, xl2tpd's
# and their ratio, writes it as BUILDDIR/bench/table.txt and, when gnuplot
# is installed, the ratios as BUILDDIR/bench/ratios.png.
set -euo pipefail
shopt -s nullglob

build=${1:?usage: bench/report.sh BUILDDIR}
out=$build/bench
mkdir -p "$out"
files=("$build"/vm/results/*/bench.csv)
[ ${#files[@]} -gt 0 ] || { echo "report: no bench.csv under $build/vm/results"; exit 0; }
{
	echo "bench,server,n,metric,value"
	cat "${files[@]}"
} > "$out/bench.csv"

# One row per bench, n and metric: l2tpd, xl2tpd, l2tpd / xl2tpd.
awk -F, -v dat="$out/ratios.dat" 'NR > 1 { k = $1 "," $3 "," $4; v[k, $2] = $5; if (!(k in seen)) { seen[k] = 1; order[++n] = k } }
	END {
		printf "%-8s %6s %-20s %10s %10s %8s\n", "bench", "n", "metric", "l2tpd", "xl2tpd", "ratio"
		for (i = 1; i <= n; i++) {
			k = order[i]; split(k, f, ",")
			a = v[k, "l2tpd"]; b = v[k, "xl2tpd"]
			r = (a != "" && b != "" && b + 0 != 0) ? sprintf("%.2f", a / b) : "-"
			printf "%-8s %6s %-20s %10s %10s %8s\n", f[1], f[2], f[3], a == "" ? "-" : a, b == "" ? "-" : b, r
			if (r != "-") printf "%s_n%s_%s %s\n", f[1], f[2], f[3], r > dat
		}
	}' "$out/bench.csv" > "$out/table.txt"
cat "$out/table.txt"
if command -v gnuplot >/dev/null 2>&1 && [ -s "$out/ratios.dat" ]; then
	gnuplot <<-EOG
	set terminal png size 900,500
	set output "$out/ratios.png"
	set title "l2tpd / xl2tpd (below 1: l2tpd uses less)"
	set style data histograms
	set style fill solid 0.6
	set xtics rotate by -30
	set yrange [0:*]
	plot "$out/ratios.dat" using 2:xtic(1) title "ratio"
	EOG
	echo "chart: $out/ratios.png"
else
	echo "chart: gnuplot not installed (apt-get install gnuplot-nox), no PNG"
fi
echo "csv: $out/bench.csv"
