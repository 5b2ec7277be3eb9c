#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# xl2tpd's control FIFO: l2tpd started as "xl2tpd" with an xl2tpd.conf
# whose [lac vpn] does not autodial, against an l2tpd LNS.
#   echo "c vpn alice alice-pw" > FIFO   dials, user and password given
#   a reload changing an unrelated [lac] leaves the session and a ping
#   every 50 ms untouched ("c vpn" is made again on the file it reads)
#   echo "d vpn" > FIFO                  hangs up, and it dials no more
#   xl2tpd-control connect-lac vpn       dials again, the password kept
#   xl2tpd-control add-lac / available / remove-lac, and bad lines
# vm-timeout: 240
# shellcheck source=t/integration/lib-dropin.sh
. "$(dirname "$0")/lib-dropin.sh"

FIFO=$RUN/lac.control

lac_tunnel() {
	[ -n "$(in_ns lac ip l2tp show tunnel)" ]
}

step "namespaces, an l2tpd LNS, the xl2tpd link"
two_hosts
xl2tpd_link
lns_conf '"mschap2"'
l2tpd_run lns lns

step "l2tpd as xl2tpd, with [lac vpn] that waits for c vpn"
cat > "$OUT/lac.options" <<-EOF
noauth
noipdefault
ipcp-accept-local
ipcp-accept-remote
refuse-eap
mtu 1400
mru 1400
logfile $OUT/lac-pppd.log
EOF
cat > "$OUT/lac.conf" <<-EOF
[global]
port = 1701

[lac vpn]
lns = $LNS_IP
redial = yes
redial timeout = 2
ppp debug = yes
pppoptfile = $OUT/lac.options

[lac other]
lns = 10.77.0.99
EOF
spawn lac lac "$XL2TPD_LINK" -D -c "$OUT/lac.conf" -p "$RUN/lac.pid" \
	-C "$FIFO"
lac_pid=${lib_pids[-1]}
l2tpd_pid[lac]=$lac_pid
wait_for 10 "the control FIFO $FIFO" test -p "$FIFO"
sleep 2
lac_tunnel && fail "[lac vpn] dialled without c vpn"

step "echo \"c vpn alice alice-pw\" > FIFO"
fifo_cmd "$FIFO" "c vpn alice alice-pw"
wait_for 30 "LNS ppp address $LNS_PPP_IP" has_ppp_addr lns $LNS_PPP_IP
wait_for 10 "LAC interface vpn" has_inet lac vpn
check "ping LAC -> LNS" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_PPP_IP
check "the password is not in the log" \
	bash -c "! grep -q alice-pw '$OUT/lac.log'"
out=$(xctl "$FIFO" connect-lac vpn) && fail "connect-lac while up: $out"
grep -q "01 Session 'vpn' already active!" <<< "$out" ||
	fail "connect-lac while up: $out"

step "a reload that changes [lac other], under a ping every 50 ms"
tid=$(in_ns lac ip l2tp show tunnel | awk '/^Tunnel/ { print $2 }')
ping_start lac $LNS_PPP_IP 6
sleep 1
sed -i 's/^lns = 10.77.0.99$/lns = 10.77.0.98/' "$OUT/lac.conf"
kill -HUP "$lac_pid"
wait_for 10 "reloaded" log_has lac "reloaded $OUT/lac.conf"
check "c vpn made again on the new file" \
	log_has lac "changes made through the xl2tpd control FIFO made again"
sleep 1
"$L2TPCTL" reload || fail "l2tpctl reload"
ping_check
[ "$(in_ns lac ip l2tp show tunnel | awk '/^Tunnel/ { print $2 }')" = "$tid" ] ||
	fail "the tunnel changed in the reload"

step "echo \"d vpn\" > FIFO: down, and no redial"
fifo_cmd "$FIFO" "d vpn"
wait_for 15 "LAC tunnel gone" no_l2tp lac
wait_for 15 "LNS pppd gone" no_pppd lns
sleep 4
lac_tunnel && fail "[lac vpn] dialled again after d vpn"

step "xl2tpd-control connect-lac vpn: up again, the password kept"
out=$(xctl "$FIFO" connect-lac vpn) || fail "connect-lac: $out"
wait_for 30 "LNS ppp address $LNS_PPP_IP" has_ppp_addr lns $LNS_PPP_IP
wait_for 10 "LAC interface vpn" has_inet lac vpn
check "ping LAC -> LNS" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_PPP_IP

step "xl2tpd-control add-lac, available, remove-lac"
out=$(xctl "$FIFO" add-lac extra lns=192.0.2.1 redial=no) ||
	fail "add-lac: $out"
out=$(xctl "$FIFO" available) || fail "available: $out"
echo "$out"
grep -q "AVAILABLE lac.[0-9].name=extra" <<< "$out" || fail "no lac extra"
grep -q "AVAILABLE calls count=1" <<< "$out" || fail "not one call"
out=$(xctl "$FIFO" add-lac bad lns=300.1.1.1) && fail "add-lac bad: $out"
grep -q "03 Configuration parse error" <<< "$out" || fail "add-lac bad: $out"
out=$(xctl "$FIFO" remove-lac extra) || fail "remove-lac: $out"
out=$(xctl "$FIFO" remove-lac nosuch) && fail "remove-lac nosuch: $out"
grep -q "01 No such tunnel 'nosuch'" <<< "$out" || fail "remove-lac: $out"

step "bad lines: logged with the reason, nothing changes"
fifo_cmd "$FIFO" "q vpn"
fifo_cmd "$FIFO" "c"
fifo_cmd "$FIFO" "a v lns"
wait_for 5 "unknown command logged" \
	log_has lac "bad command 'q vpn': unknown command"
check "missing name logged" log_has lac "bad command 'c': a name is missing"
check "bad setting logged" log_has lac "bad command 'a v lns': a setting"
check "the session is still up" in_ns lac ping -c 2 -i 0.2 -W 2 $LNS_PPP_IP

step "xl2tpd-control disconnect-lac vpn, SIGTERM: nothing left"
out=$(xctl "$FIFO" disconnect-lac vpn) || fail "disconnect-lac: $out"
wait_for 15 "LAC tunnel gone" no_l2tp lac
stop "$lac_pid"
clean lac lac
[ ! -e "$FIFO" ] || fail "$FIFO is left"
stop "${l2tpd_pid[lns]}"
clean lns lns
