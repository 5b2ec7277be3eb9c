#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Our client and our server: a tunnel and a session come up, pings pass
# both ways, the LNS's log names the session's pppd, the kernel shows the
# session (ip l2tp, /proc/net/pppol2tp)
# and its counters move; l2tpctl shows tunnels and sessions; SIGTERM on
# both ends leaves nothing behind.
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

step "namespaces"
two_hosts
lns_conf '"mschap2"'
lac_conf '"mschap2"' alice alice-pw

step "l2tpd as LNS and as client"
l2tpd_run lns lns
fd0=$(fd_count "${l2tpd_pid[lns]}")
l2tpd_run lac lac
ppp_up 30

step "the up line names the session's pppd"
pid=$(sed -nE 's/.* up: peer session [0-9]+, [^,]+, pppd ([0-9]+)$/\1/p' \
	"$OUT/lns.log" | head -n 1)
[ -n "$pid" ] || fail "no up line with pppd's pid in lns.log"
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pppd ] ||
	fail "the up line's pppd $pid does not run"

step "the kernel's view"
in_ns lns ip l2tp show tunnel
in_ns lns ip l2tp show session
[ -n "$(in_ns lns ip l2tp show session)" ] || fail "no kernel session on the LNS"
[ -n "$(in_ns lac ip l2tp show session)" ] || fail "no kernel session on the LAC"
in_ns lns cat /proc/net/pppol2tp
in_ns lns tail -n +2 /proc/net/pppol2tp | grep -q SESSION ||
	fail "/proc/net/pppol2tp shows no session on the LNS"

step "ping both ways"
check "ping LAC -> LNS" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_PPP_IP
check "ping LNS -> LAC" in_ns lns ping -c 3 -i 0.2 -W 2 "$LAC_PPP_IP"

step "l2tpctl"
ctl lns tunnel print
ctl lns session print
ctl lns -j session print | tee "$OUT/sessions.json"
python3 - "$OUT/sessions.json" <<'PY' || fail "session counters did not move"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 1, rows
r = rows[0]
assert r["user"] == "alice", r
assert r["rx-packets"] >= 3 and r["tx-packets"] >= 3, r
PY
ctl lns ppp active print
ctl lac interface l2tp-client print

step "SIGTERM: StopCCN, everything torn down"
stop "${l2tpd_pid[lac]}"
clean lac lac
wait_for 15 "LNS saw the StopCCN" log_has lns "tunnel [0-9]+ down: by the peer"
clean lns lns
# The closed tunnel's socket stays for the StopCCN hold (RFC 2661 §5.7,
# 31 s), to acknowledge a retransmitted StopCCN.
fd_back() {
	ls -l "/proc/${l2tpd_pid[lns]}/fd" > "$OUT/lns-fd.txt" 2>&1
	[ "$(fd_count "${l2tpd_pid[lns]}")" = "$fd0" ]
}
wait_for 40 "LNS descriptors back to $fd0 (now $(fd_count "${l2tpd_pid[lns]}"))" fd_back
stop "${l2tpd_pid[lns]}"
