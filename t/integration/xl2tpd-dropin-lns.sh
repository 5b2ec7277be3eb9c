#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The xl2tpd drop-in as an LNS: the xl2tpd.conf that the widespread
# L2TP/IPsec setup scripts write (t/conf/xl2tpd/vpnsetup-lns.conf, as it
# is: its addresses already suit the test's namespaces) run by l2tpd
# started as "xl2tpd -D -c FILE" through a link, with xl2tpd's defaults for
# the pid file and the control FIFO. Debian's xl2tpd dials it as a LAC;
# CHAP secrets come from pppd's chap-secrets and the options from the
# file's pppoptfile, as with xl2tpd. The session pings both ways, the
# start-up log names the key that has no effect, xl2tpd-control gets its
# answers from the FIFO, and SIGTERM leaves nothing behind. Started as an
# init script starts it (no -D), it goes to the background once it runs
# and writes its pid file; a second one refuses to start.
# shellcheck source=t/integration/lib-dropin.sh
. "$(dirname "$0")/lib-dropin.sh"

LNS_ADDR=192.168.42.1
LAC_ADDR=192.168.42.10
FIFO=/var/run/xl2tpd/l2tp-control
PIDFILE=/var/run/xl2tpd.pid

step "namespaces, the xl2tpd link"
two_hosts
xl2tpd_link

step "pppd's files, as a VPN server set up for xl2tpd has them"
# The config names /etc/ppp/options.xl2tpd (the guest's root is a
# throw-away overlay). The secret serves both ends' pppd.
cat > /etc/ppp/options.xl2tpd <<-EOF
+mschap-v2
ipcp-accept-local
ipcp-accept-remote
noccp
auth
mtu 1280
mru 1280
lcp-echo-failure 4
lcp-echo-interval 30
ms-dns 192.0.2.53
EOF
printf '"vpnuser" l2tpd "vpn-pw-1" *\n' >> /etc/ppp/chap-secrets
cp "$L2TPD_SRC/t/conf/xl2tpd/vpnsetup-lns.conf" "$OUT/xl2tpd.conf"

step "l2tpd as xl2tpd -D -c FILE"
spawn lns lns "$XL2TPD_LINK" -D -c "$OUT/xl2tpd.conf"
lns_pid=${lib_pids[-1]}
l2tpd_pid[lns]=$lns_pid
wait_for 10 "LNS listening on 0.0.0.0:1701" udp_bound lns 0.0.0.0:1701
check "pid file $PIDFILE holds $lns_pid" grep -qx "$lns_pid" "$PIDFILE"
[ -p "$FIFO" ] || fail "no control FIFO $FIFO"
[ "$(stat -c %a "$FIFO")" = 600 ] || fail "$FIFO: mode $(stat -c %a "$FIFO")"
check "the start-up log names length bit" \
	grep -q "length bit: no effect here" "$OUT/lns.log"

step "Debian's xl2tpd dials it"
mkdir -p "$OUT/lac"
cat > "$OUT/lac/options" <<-EOF
noauth
name vpnuser
remotename l2tpd
noipdefault
ipcp-accept-local
ipcp-accept-remote
refuse-eap
refuse-pap
mtu 1280
mru 1280
debug
logfile $OUT/lac-pppd.log
EOF
cat > "$OUT/lac/xl2tpd.conf" <<-EOF
[lac vpn]
lns = $LNS_IP
name = vpnuser
autodial = yes
redial = no
ppp debug = yes
pppoptfile = $OUT/lac/options
length bit = yes
EOF
: > "$OUT/lac/secrets"
spawn lac-xl2tpd lac xl2tpd -D -c "$OUT/lac/xl2tpd.conf" \
	-s "$OUT/lac/secrets" -p "$RUN/lac.pid" -C "$RUN/lac.control"
wait_for 30 "LAC ppp address $LAC_ADDR" has_ppp_addr lac $LAC_ADDR
wait_for 10 "LNS ppp address $LNS_ADDR" has_ppp_addr lns $LNS_ADDR
check "ping LAC -> LNS" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_ADDR
check "ping LNS -> LAC" in_ns lns ping -c 3 -i 0.2 -W 2 $LAC_ADDR
"$L2TPCTL" session print

step "xl2tpd-control against the FIFO"
out=$(xctl "$FIFO" status-lns default) || fail "status-lns: $out"
echo "$out"
grep -q "STATUS tunnels.count=1" <<< "$out" || fail "no tunnel in status-lns"
grep -q "STATUS tunnels.0.calls.0.rx_pkts=[1-9]" <<< "$out" ||
	fail "no received packets in status-lns"
out=$(xctl "$FIFO" available) || fail "available: $out"
echo "$out"
grep -q "AVAILABLE lns.0.name=default" <<< "$out" || fail "no [lns default]"
grep -q "AVAILABLE calls count=1" <<< "$out" || fail "not one call"
out=$(xctl "$FIFO" status-lns nosuch) && fail "status-lns nosuch: $out"
grep -q "01 Error: Could not find lns" <<< "$out" || fail "status-lns: $out"

step "SIGTERM: StopCCN, nothing left"
stop "$lns_pid"
clean lns lns
wait_for 10 "LAC pppd gone" no_pppd lac
[ ! -e "$PIDFILE" ] || fail "$PIDFILE is left"
[ ! -e "$FIFO" ] || fail "$FIFO is left"

step "as an init script starts xl2tpd: to the background, the pid file"
in_ns lns "$XL2TPD_LINK" -c "$OUT/xl2tpd.conf" ||
	fail "xl2tpd without -D exited $?"
bg_pid=$(cat "$PIDFILE")
check "the pid file's daemon runs" kill -0 "$bg_pid"
check "it listens" udp_bound lns 0.0.0.0:1701
if out=$(in_ns lns "$XL2TPD_LINK" -D -c "$OUT/xl2tpd.conf" 2>&1); then
	fail "a second xl2tpd started: $out"
fi
grep -q "already" <<< "$out" || fail "a second xl2tpd: $out"
kill "$bg_pid"
gone() {
	! kill -0 "$bg_pid" 2>/dev/null
}
wait_for 10 "the daemon gone" gone
[ ! -e "$PIDFILE" ] || fail "$PIDFILE is left"
