# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
#
# Helpers for the xl2tpd-dropin-*.sh and reload-*.sh tests: l2tpd started
# through a link named "xl2tpd", as the xl2tpd-compatible package installs
# it, with xl2tpd's own command line; xl2tpd's control FIFO written the way
# scripts and xl2tpd-control write it; a ping that runs while the
# configuration changes.
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib-l2tpd.sh"

XL2TPD_LINK=$RUN/bin/xl2tpd

# xl2tpd_link: $XL2TPD_LINK -> l2tpd. Started as xl2tpd, l2tpd takes no
# --plugin: the plugin goes where it looks by default (the guest's root is
# a throw-away overlay).
xl2tpd_link() {
	local dir

	mkdir -p "$RUN/bin"
	ln -sf "$L2TPD" "$XL2TPD_LINK"
	dir=$(sed -n 's/^PPPD_PLUGIN_DIR = //p' "$L2TPD_BUILD/Makefile")
	[ -n "$dir" ] || fail "no PPPD_PLUGIN_DIR in $L2TPD_BUILD/Makefile"
	mkdir -p "$dir"
	install -m 644 "$PLUGIN" "$dir/l2tpd.so"
}

# fifo_cmd FIFO LINE: LINE into xl2tpd's control FIFO, as a script's
# echo "c myvpn" > /var/run/xl2tpd/l2tp-control does it.
fifo_cmd() {
	# shellcheck disable=SC2016 # expanded by the inner bash
	timeout 5 bash -c 'echo "$1" > "$2"' _ "$2" "$1" ||
		fail "cannot write '$2' into $1"
}

# xctl FIFO ARGS...: Debian's xl2tpd-control against FIFO; prints the
# answer (its -d output) and returns its exit status.
xctl() {
	local fifo=$1

	shift
	xl2tpd-control -d -c "$fifo" "$@" 2>&1
}

# ping_start NS ADDR SECONDS: a ping every 50 ms for SECONDS in the
# background, its output in $OUT/ping.log; ping_check waits for it and
# fails on any loss.
ping_start() {
	local n=$(( $3 * 20 ))

	in_ns "$1" ping -i 0.05 -c "$n" -W 1 "$2" > "$OUT/ping.log" 2>&1 &
	ping_pid=$!
}

ping_check() {
	wait "$ping_pid" || true
	tail -n 3 "$OUT/ping.log"
	grep -q ' 0% packet loss' "$OUT/ping.log" ||
		fail "the ping lost packets: $(grep 'packet loss' "$OUT/ping.log")"
}

# udp_bound NS ADDR:PORT: a UDP socket in NS is bound there.
udp_bound() {
	in_ns "$1" ss -Hunl | awk '{ print $4 }' | grep -qx "$2"
}

# tunnel_ids NAME: l2tpd NAME's tunnel ids, one a line.
tunnel_ids() {
	ctl "$1" -j tunnel print |
		python3 -c 'import json,sys; [print(r["tunnel-id"]) for r in json.load(sys.stdin)]'
}
