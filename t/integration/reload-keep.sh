#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Reload keeps what no change touches. An l2tpd client's session carries a
# ping every 50 ms while
#   - the LNS reloads a new secret, a pool that no longer holds the
#     session's address, and a second listen address: the new address is
#     bound, the old listener stays, the session keeps its address;
#   - the client reloads with another client added: it starts, and takes
#     its address from the new pool; changed, it starts again;
#   - the LNS is given a broken file: `l2tpctl reload` exits 1 with the
#     error, and nothing changes;
# and no ping is lost. Then a reload that removes the second client stops
# it, the first one still up.
# vm-timeout: 240
# shellcheck source=t/integration/lib-dropin.sh
. "$(dirname "$0")/lib-dropin.sh"

LNS_IP2=10.77.0.3

# lns_file POOL LISTEN SECRETS: the LNS's l2tpd.conf.
lns_file() {
	cat > "$OUT/lns.conf" <<-EOC
	server = {
		enabled = true;
		listen = [ $2 ];
		authentication = [ "mschap2" ];
		default-profile = "t";
		keepalive-timeout = 5;
	};
	secrets = ( $3 );
	profiles = ( { name = "t"; local-address = "$LNS_PPP_IP";
		       remote-address = "p"; use-encryption = "no"; } );
	pools = ( { name = "p"; ranges = [ "$1" ]; } );
	EOC
}

# lac_file CLIENTS: the LAC's l2tpd.conf.
lac_file() {
	cat > "$OUT/lac.conf" <<-EOC
	clients = ( $1 );
	profiles = ( { name = "c"; use-encryption = "no"; } );
	EOC
}

# client NAME USER [KEEPALIVE]: one client of the LAC dialling the LNS.
client() {
	printf '{ name = "%s"; connect-to = "%s"; user = "%s"; password = "%s-pw";
	  allow = [ "mschap2" ]; profile = "c"; keepalive-timeout = %s;
	  disabled = false; }' "$1" "$LNS_IP" "$2" "$2" "${3:-5}"
}

# client_tunnel NAME: the LAC's tunnel id of client NAME, or nothing.
client_tunnel() {
	ctl lac -j tunnel print | python3 -c '
import json, sys
for r in json.load(sys.stdin):
    if r.get("client") == sys.argv[1]:
        print(r["tunnel-id"])' "$1"
}

ALICE='{ name = "alice"; password = "alice-pw"; service = "l2tp"; }'
BOB='{ name = "bob"; password = "bob-pw"; service = "l2tp"; }'

step "namespaces, the LNS, a client"
two_hosts
in_ns lns ip addr add $LNS_IP2/24 dev vb
lns_file "$POOL_FIRST-10.78.0.20" "\"$LNS_IP:1701\"" "$ALICE"
lac_file "$(client main alice)"
l2tpd_run lns lns
l2tpd_run lac lac
wait_for 30 "LNS ppp address $LNS_PPP_IP" has_ppp_addr lns $LNS_PPP_IP
wait_for 10 "LAC interface main" has_inet lac main
main_ip=$(addr_of lac main)
echo "main: $main_ip"
tid=$(tunnel_ids lns)
check "one tunnel" test "$(echo "$tid" | wc -w)" = 1
check "udp $LNS_IP:1701 bound" udp_bound lns $LNS_IP:1701
ping_start lac $LNS_PPP_IP 30
sleep 1

step "LNS: a new secret, another pool, a second listen address"
lns_file "10.78.0.100-10.78.0.110" "\"$LNS_IP:1701\", \"$LNS_IP2:1701\"" \
	"$ALICE, $BOB"
ctl lns reload || fail "LNS reload"
check "udp $LNS_IP2:1701 bound" udp_bound lns $LNS_IP2:1701
check "udp $LNS_IP:1701 still bound" udp_bound lns $LNS_IP:1701
check "the listener was not bound again" \
	bash -c "[ \$(grep -c 'listening on $LNS_IP:1701' '$OUT/lns.log') = 1 ]"

step "LAC: a second client added"
lac_file "$(client main alice), $(client spare bob)"
ctl lac reload || fail "LAC reload"
wait_for 30 "LAC interface spare" has_inet lac spare
spare_ip=$(addr_of lac spare)
echo "spare: $spare_ip"
case $spare_ip in
10.78.0.10[0-9]|10.78.0.110) ;;
*)	fail "spare's address $spare_ip is not from the new pool" ;;
esac
check "main kept its address" test "$(addr_of lac main)" = "$main_ip"

step "LAC: the second client changed starts again"
spare_tid=$(client_tunnel spare)
main_tid=$(client_tunnel main)
lac_file "$(client main alice), $(client spare bob 6)"
ctl lac reload || fail "LAC reload"
check "spare stopped (changed)" log_has lac "client spare: stopped \(changed\)"
changed() {
	local t

	t=$(client_tunnel spare)
	[ -n "$t" ] && [ "$t" != "$spare_tid" ]
}
wait_for 20 "spare on a new tunnel" changed
wait_for 30 "LAC interface spare again" has_inet lac spare
check "main's tunnel is the same" test "$(client_tunnel main)" = "$main_tid"

step "LNS: a broken file changes nothing"
cp "$OUT/lns.conf" "$OUT/lns.good"
printf 'server = { enabled = true; max-mtu = 99; };\n' > "$OUT/lns.conf"
if out=$(ctl lns reload 2>&1); then
	fail "l2tpctl reload of a broken file exited 0: $out"
fi
echo "l2tpctl: $out"
grep -q "lns.conf" <<< "$out" || fail "l2tpctl did not say which file: $out"
grep -q "max-mtu" <<< "$out" || fail "l2tpctl did not say what: $out"
check "logged" log_has lns "reload failed: the running configuration stays"
check "udp $LNS_IP2:1701 still bound" udp_bound lns $LNS_IP2:1701
cp "$OUT/lns.good" "$OUT/lns.conf"

step "no ping lost, the tunnel the same"
ping_check
tunnel_ids lns | grep -qx "$tid" || fail "tunnel $tid is gone on the LNS"

step "LAC: the second client removed stops; the first stays"
lac_file "$(client main alice)"
kill -HUP "${l2tpd_pid[lac]}"
wait_for 15 "spare gone" bash -c "! ip netns exec $(ns lac) ip link show spare"
check "main still pings" in_ns lac ping -c 3 -i 0.2 -W 2 $LNS_PPP_IP
check "main's address" test "$(addr_of lac main)" = "$main_ip"

step "SIGTERM: nothing left"
stop "${l2tpd_pid[lac]}"
clean lac lac
stop "${l2tpd_pid[lns]}"
clean lns lns
