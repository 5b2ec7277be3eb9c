#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# 100 l2tpctl calls at once while sessions come and go (issue 7): the LAC
# has two clients and a loop removes one of their sessions every second
# (each dials again); meanwhile 100 l2tpctl processes ask both daemons for
# prints, -j prints, export, a monitor and edits. Every call must get its
# answer (exit 0), every -j output must parse, and both daemons must be
# left running with both sessions back.
# vm-timeout: 900
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

# running NAME N: l2tpd NAME has N sessions running.
running() {
	ctl "$1" -j session print | python3 -c '
import json, sys
n = sum(1 for r in json.load(sys.stdin) if r["state"] == "running")
sys.exit(n != int(sys.argv[1]))' "$2"
}

step "namespaces; the LNS; a LAC with two clients"
two_hosts
lns_conf '"mschap2"'
cat > "$OUT/lac.conf" <<-EOC
clients = (
	{ name = "l2tp-out"; connect-to = "$LNS_IP"; user = "alice";
	  password = "alice-pw"; allow = [ "mschap2" ]; profile = "c";
	  keepalive-timeout = 5; disabled = false; },
	{ name = "l2tp-b"; connect-to = "$LNS_IP"; user = "bob";
	  password = "bob-pw"; allow = [ "mschap2" ]; profile = "c";
	  keepalive-timeout = 5; disabled = false; }
);
profiles = ( { name = "c"; use-encryption = "no"; } );
EOC
l2tpd_run lns lns --state-dir "$RUN/lns-state"
l2tpd_run lac lac --state-dir "$RUN/lac-state"
wait_for 120 "two sessions up on the LNS" running lns 2

step "sessions come and go: one removed every second"
(
	set +e
	while :; do
		ctl lac session remove numbers=0 > /dev/null 2>&1
		sleep 1
	done
) &
churn=$!
lib_pids+=("$churn")
sleep 2

step "100 l2tpctl calls at once"
# Under emulation a hundred process start-ups starve the guest's two
# CPUs for tens of seconds: the daemons run at a higher priority, so that
# what is measured is how l2tpd answers, not the emulator's scheduler.
renice -n -10 -p "${l2tpd_pid[lns]}" "${l2tpd_pid[lac]}" > /dev/null
calls=(
	"lns -j session print"
	"lns -j tunnel print"
	"lns ppp active print"
	"lns export"
	"lns interface l2tp-server server print"
	"lns -j ip pool print"
	"lac -j interface l2tp-client print"
	"lac -j session print"
	"lns ppp secret set bob comment=parallel"
	"lac -j interface l2tp-client monitor l2tp-out once"
)
mkdir -p "$OUT/calls"
for i in $(seq 0 99); do
	echo "$i ${calls[i % ${#calls[@]}]}"
done > "$OUT/calls.txt"
export RUN OUT
start=$EPOCHREALTIME
# xargs starts each call through dash: far cheaper than a bash subshell.
# shellcheck disable=SC2016
xargs -P 100 -L 1 sh -c 'i=$1 name=$2; shift 2
	"$0" -s "$RUN/$name.sock" "$@" > "$OUT/calls/$i.out" 2>&1
	echo $? > "$OUT/calls/$i.rc"' "$L2TPCTL" < "$OUT/calls.txt" || true
end=$EPOCHREALTIME
stop "$churn"
echo "100 calls in $(( (${end/./} - ${start/./}) / 1000 )) ms"

# Every call answered (exit 0); every -j output parses.
check "every call answered, every JSON parses" python3 -c '
import json, sys
out, bad = sys.argv[1], 0
for line in open(out + "/calls.txt"):
    i, call = line.split(" ", 1)
    rc = open("%s/calls/%s.rc" % (out, i)).read().strip()
    text = open("%s/calls/%s.out" % (out, i)).read()
    try:
        assert rc == "0", "exit " + rc
        if "monitor" in call:
            json.loads(text.splitlines()[0])
        elif " -j " in call:
            json.loads(text)
    except Exception as e:
        print("call %s (%s): %s: %s" % (i, call.strip(), e, text.strip()))
        bad += 1
sys.exit(bad)' "$OUT"
echo "100 calls, all answered"
log_has lac "session .*: removed by l2tpctl" ||
	fail "no session was removed during the calls"

step "both daemons run on; both sessions come back"
check "the LNS runs" kill -0 "${l2tpd_pid[lns]}"
check "the LAC runs" kill -0 "${l2tpd_pid[lac]}"
wait_for 120 "two sessions up again" running lns 2
check "the edit was kept" grep -q '"comment":"parallel"' \
	"$RUN/lns-state/l2tpctl.journal"
stop "${l2tpd_pid[lac]}"
clean lac lac
stop "${l2tpd_pid[lns]}"
clean lns lns
