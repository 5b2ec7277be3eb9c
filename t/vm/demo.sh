#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `make demo` (t/vm/run.sh --demo): l2tpd as an LNS with etc/l2tpd.conf as
# it ships, and a second l2tpd as a client in another network namespace.
# It shows the tunnel and the session as l2tpctl and the kernel see them,
# pings through the session and prints one line of iperf3 throughput,
# beside the bare veth pair's for scale (under emulation only the ratio
# means anything).
#
#   client  va 10.77.0.1 ---- veth ---- vb 10.77.0.2  server (etc/l2tpd.conf)
#           demo 10.66.0.x <--- PPP over L2TP ---> 10.66.0.1
# shellcheck source=t/integration/lib-l2tpd.sh
. "$L2TPD_SRC/t/integration/lib-l2tpd.sh"

SERVER_PPP_IP=10.66.0.1

# iperf_mbps NS ADDRESS: TCP throughput from NS to an iperf3 server at
# ADDRESS, in Mbit/s.
iperf_mbps() {
	in_ns "$1" iperf3 -c "$2" -t 4 -J > "$OUT/iperf-$2.json" ||
		fail "iperf3 to $2"
	python3 -c 'import json, sys
j = json.load(open(sys.argv[1]))
print(round(j["end"]["sum_received"]["bits_per_second"] / 1e6))' \
		"$OUT/iperf-$2.json"
}

step "two network namespaces joined by a veth pair"
netns_add client
netns_add server
veth client va $LAC_IP/24 server vb $LNS_IP/24

step "l2tpd as LNS with etc/l2tpd.conf, unchanged"
cp "$L2TPD_SRC/etc/l2tpd.conf" "$OUT/server.conf"
l2tpd_run server server
echo "server listening:"
in_ns server ss -lunp | grep l2tpd

step "a second l2tpd as client: user alice, from etc/l2tpd.conf's secrets"
cat > "$OUT/client.conf" <<EOC
clients = ( {
	name = "demo";
	connect-to = "$LNS_IP";
	user = "alice";
	password = "change-me-alice";
	allow = [ "mschap2" ];
	profile = "default";
	disabled = false;
} );
EOC
cat "$OUT/client.conf"
l2tpd_run client client
wait_for 60 "the client's PPP address" has_inet client demo
CLIENT_PPP_IP=$(addr_of client demo)

step "l2tpctl on the server: tunnel, session, ppp active"
ctl server tunnel print
ctl server session print
ctl server ppp active print
step "l2tpctl on the client: interface l2tp-client"
ctl client interface l2tp-client print
step "the kernel's view on the server: ip l2tp, /proc/net/pppol2tp"
in_ns server ip l2tp show tunnel
in_ns server ip l2tp show session
in_ns server cat /proc/net/pppol2tp
in_ns client ip -4 addr show dev demo

step "ping through the session, both ways"
check "ping client -> server" in_ns client ping -c 3 -i 0.2 $SERVER_PPP_IP
check "ping server -> client" in_ns server ping -c 3 -i 0.2 "$CLIENT_PPP_IP"

step "iperf3 through the session and on the bare veth pair"
spawn iperf3 server iperf3 -s
wait_for 10 "iperf3 listening" in_ns server ss -ltn sport = :5201
l2tp=$(iperf_mbps client $SERVER_PPP_IP)
veth=$(iperf_mbps client $LNS_IP)
ctl server session print
echo "demo: throughput through the L2TP session: $l2tp Mbit/s" \
	"(the bare veth pair: $veth Mbit/s; iperf3 TCP, 4 s, emulated CPU)"

step "SIGTERM to both: StopCCN, every pppd and kernel object gone"
stop "${l2tpd_pid[client]}"
stop "${l2tpd_pid[server]}"
clean client client
clean server server
echo "demo: done"
