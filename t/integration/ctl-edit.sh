#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# l2tpctl's edits end to end (issue 7). The client l2tpd starts without
# clients and with its own state directory:
#   - `interface l2tp-client add ... disabled=no` dials at once and print
#     shows R; a bad value is refused (exit 1) with l2tpd.conf's message;
#   - `session print -j` parses and its kernel counters move with a ping;
#   - `monitor ... once` and a running monitor show the live state;
#   - the client survives an l2tpd restart (the journal in the state
#     directory, a torn line in it skipped with file:line) and a reload,
#     and export shows it; l2tpd.conf is not touched;
#   - `session remove` sends a CDN (the server logs it) and the client
#     dials again; disable hangs up, enable dials, remove tears down.
# vm-timeout: 900
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

STATE=$RUN/lac-state

# rows N CMD...: CMD prints N or more lines.
rows() {
	local n=$1

	shift
	[ "$("$@" | wc -l)" -ge "$n" ]
}

# client_running: -j print says the client runs, and the table shows R.
client_running() {
	ctl lac -j interface l2tp-client print | python3 -c '
import json, sys
r = json.load(sys.stdin)
sys.exit(not (len(r) == 1 and r[0]["name"] == "l2tp-out" and r[0]["running"]))' &&
		ctl lac interface l2tp-client print | grep -qE '^ *0 +R +l2tp-out '
}

# counters: "RX-PACKETS TX-PACKETS" of the LAC's session, from -j.
counters() {
	ctl lac -j session print | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert len(r) == 1, r
s = r[0]
for k in ("tunnel-id", "session-id", "peer-tunnel-id", "peer-session-id",
          "peer-address", "user", "interface", "state", "uptime",
          "rx-bytes", "tx-bytes", "rx-packets", "tx-packets"):
    assert k in s, k
assert s["state"] == "running" and s["interface"] == "l2tp-out", s
print(s["rx-packets"], s["tx-packets"])'
}

# moved "RX TX": both counters are above those.
moved() {
	local rx tx now

	read -r rx tx <<< "$1"
	now=$(counters) || return 1
	echo "counters now: $now"
	[ "${now% *}" -gt "$rx" ] && [ "${now#* }" -gt "$tx" ]
}

monitor_connected() {
	ctl lac -j interface l2tp-client monitor l2tp-out once | python3 -c '
import json, sys
lines = sys.stdin.read().splitlines()
assert len(lines) == 1, lines
m = json.loads(lines[0])
print(m)
for k in ("status", "uptime", "encoding", "mtu", "mru", "local-address",
          "remote-address", "rx-bytes", "tx-bytes", "rx-packets",
          "tx-packets"):
    assert k in m, k
assert m["status"] == "connected", m
assert m["remote-address"] == sys.argv[1] and m["local-address"], m
assert m["mtu"] > 0 and m["tx-packets"] > 0, m' "$LNS_PPP_IP"
}

# cdn_count: the CDNs (result 3, administrative) the LNS has logged.
cdn_count() {
	grep -c "down: by the peer, result 3" "$OUT/lns.log" || true
}

more_cdns() {
	[ "$(cdn_count)" -gt "$1" ]
}

step "namespaces; the LNS; a LAC without clients"
two_hosts
lns_conf '"mschap2"'
cat > "$OUT/lac.conf" <<-EOC
profiles = ( { name = "c"; use-encryption = "no"; } );
EOC
cp "$OUT/lac.conf" "$OUT/lac.conf.orig"
l2tpd_run lns lns
l2tpd_run lac lac --state-dir "$STATE"

step "a bad value is refused with the file's message; nothing is added"
set +e
msg=$(ctl lac interface l2tp-client add name=l2tp-out connect-to=$LNS_IP \
	max-mtu=99999 2>&1)
rc=$?
set -e
echo "$msg"
[ $rc = 1 ] || fail "a bad max-mtu: exit $rc, not 1"
echo "$msg" | grep -q "max-mtu: out of range .* '99999'" ||
	fail "a bad max-mtu: '$msg'"
[ "$(ctl lac -j interface l2tp-client print)" = "[]" ] ||
	fail "a refused add left a client"

step "interface l2tp-client add ... disabled=no dials at once"
check "l2tpctl add" ctl lac interface l2tp-client add name=l2tp-out \
	connect-to=$LNS_IP user=alice password=alice-pw allow=mschap2 \
	profile=c keepalive-timeout=5 disabled=no
ppp_up 90
wait_for 30 "print shows R" client_running
ctl lac interface l2tp-client print

step "session print -j: the kernel's counters move with a ping"
before=$(counters)
echo "counters before: $before"
check "ping over the session" in_ns lac ping -c 3 -i 0.3 -W 2 $LNS_PPP_IP
wait_for 20 "rx and tx packets moved" moved "$before"

step "monitor: once, and running"
check "monitor once" monitor_connected
ctl lac interface l2tp-client monitor l2tp-out once | tee "$OUT/monitor.txt"
grep -q "status: connected" "$OUT/monitor.txt" ||
	fail "monitor once: no 'status: connected'"
timeout 3.5 "$L2TPCTL" -s "$RUN/lac.sock" -j interface l2tp-client \
	monitor l2tp-out > "$OUT/monitor.json" || true
check "a running monitor: a row a second" rows 3 cat "$OUT/monitor.json"

step "set: the change restarts the client; export shows it"
check "set mrru" ctl lac interface l2tp-client set l2tp-out mrru=1600
ctl lac export | tee "$OUT/export-1.conf"
grep -q 'mrru = 1600' "$OUT/export-1.conf" || fail "export: no mrru"
ppp_up 90

step "restart: the journal makes the client again, a torn line skipped"
cat "$STATE/l2tpctl.journal"
printf '{"verb":"add","obj' >> "$STATE/l2tpctl.journal"
stop "${l2tpd_pid[lac]}"
clean lac lac
cp "$OUT/lac.log" "$OUT/lac-1.log"
cmp "$OUT/lac.conf" "$OUT/lac.conf.orig" || fail "l2tpd.conf was changed"
l2tpd_run lac lac --state-dir "$STATE"
ppp_up 90
wait_for 30 "print shows R after the restart" client_running
check "the torn line logged with file:line" \
	log_has lac "l2tpctl.journal:3: not a journal record"
ctl lac export | tee "$OUT/export-2.conf"
grep -q 'name = "l2tp-out"' "$OUT/export-2.conf" || fail "export: no client"
grep -q 'mrru = 1600' "$OUT/export-2.conf" || fail "export: no mrru"

step "reload: the journal is made again on the file; nothing restarts"
tid=$(session_of lac)
replays=$(grep -c "l2tpctl changes made again" "$OUT/lac.log" || true)
check "reload" ctl lac reload
[ "$(grep -c "l2tpctl changes made again" "$OUT/lac.log")" -gt "$replays" ] ||
	fail "the reload did not make the changes again"
ctl lac export | grep -q 'mrru = 1600' || fail "export after reload: no mrru"
check "print shows R after the reload" client_running
[ "$(session_of lac)" = "$tid" ] || fail "the reload restarted the client"

step "session remove sends a CDN; the client dials again"
old=$(session_of lac)
cdns=$(cdn_count)
check "session remove" ctl lac session remove numbers=0
wait_for 60 "the LNS saw the CDN" more_cdns "$cdns"
wait_for 60 "the old session gone" gone lac "$old"
wait_for 90 "the client dialled again" client_running

step "disable hangs up; enable dials"
check "disable" ctl lac interface l2tp-client disable l2tp-out
wait_for 60 "LAC: no kernel session" no_l2tp lac
wait_for 30 "LAC: no pppd" no_pppd lac
ctl lac interface l2tp-client print | grep -qE '^ *0 +X +l2tp-out ' ||
	fail "print does not show X"
check "enable" ctl lac interface l2tp-client enable 0
wait_for 90 "running again" client_running

step "remove tears the client down"
check "remove" ctl lac interface l2tp-client remove l2tp-out
clean lac lac
[ "$(ctl lac -j interface l2tp-client print)" = "[]" ] ||
	fail "the client is still there"
set +e
ctl lac interface l2tp-client monitor l2tp-out once
rc=$?
set -e
[ $rc = 1 ] || fail "monitor of a removed client: exit $rc, not 1"

step "the removal is kept too"
stop "${l2tpd_pid[lac]}"
cp "$OUT/lac.log" "$OUT/lac-2.log"
l2tpd_run lac lac --state-dir "$STATE"
[ "$(ctl lac -j interface l2tp-client print)" = "[]" ] ||
	fail "the removed client is back after a restart"
stop "${l2tpd_pid[lac]}"
clean lac lac
clean lns lns
