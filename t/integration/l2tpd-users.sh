#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# What the server gives each user once PPP has authenticated it (pppd
# started before the user was known; the plugin applies l2tpd's answer):
#   alice  the default profile's pool address; only-one, so a second
#          alice is refused;
#   bob    the secret's own addresses and his static server interface
#          "l2tp-bob";
#   carol  her profile's local address, pool and DNS server, and its
#          session-timeout (the default profile has none): her pppd ends
#          with "session timeout" while alice's and bob's stay.
# Stopping the client gives every address back.
# vm-timeout: 360
# shellcheck source=t/integration/lib-l2tpd.sh
. "$(dirname "$0")/lib-l2tpd.sh"

step "namespaces; a server with per-user settings"
two_hosts
cat > "$OUT/lns.conf" <<EOC
server = {
	enabled = true;
	listen = [ "$LNS_IP:1701" ];
	authentication = [ "mschap2" ];
	default-profile = "t";
	keepalive-timeout = 5;
};
server-interfaces = ( { name = "l2tp-bob"; user = "bob"; } );
secrets = (
	{ name = "alice"; password = "alice-pw"; service = "l2tp"; },
	{ name = "bob"; password = "bob-pw"; service = "l2tp";
	  local-address = "10.78.0.2"; remote-address = "10.78.0.99"; },
	{ name = "carol"; password = "carol-pw"; service = "l2tp";
	  profile = "c"; }
);
profiles = (
	{ name = "t"; local-address = "$LNS_PPP_IP"; remote-address = "p";
	  use-encryption = "no"; only-one = true; },
	{ name = "c"; local-address = "10.79.0.1"; remote-address = "p2";
	  dns-server = [ "192.0.2.53" ]; use-encryption = "no";
	  session-timeout = 45; }
);
pools = (
	{ name = "p"; ranges = [ "$POOL_FIRST-10.78.0.20" ]; },
	{ name = "p2"; ranges = [ "10.79.0.10-10.79.0.20" ]; }
);
EOC
client() {
	printf '{ name = "%s"; connect-to = "%s"; user = "%s"; ' "$1" "$LNS_IP" "$2"
	printf 'password = "%s-pw"; allow = [ "mschap2" ]; ' "$2"
	printf 'profile = "default"; use-peer-dns = true; '
	printf 'keepalive-timeout = 5; disabled = false; }'
}
{
	echo "clients = ("
	client c-alice alice; echo ,
	client c-bob bob; echo ,
	client c-carol carol
	echo ");"
} > "$OUT/lac.conf"
l2tpd_run lns lns
l2tpd_run lac lac
wait_for 90 "c-alice up" has_inet lac c-alice
wait_for 30 "c-bob up" has_inet lac c-bob
wait_for 30 "c-carol up" has_inet lac c-carol
in_ns lns ip -4 -o addr show | grep peer
in_ns lac ip -4 -o addr show | grep peer
ctl lns session print

step "bob: the secret's addresses, his static interface"
check "l2tp-bob on the server, 10.78.0.2 -> 10.78.0.99" \
	has_ppp_addr lns 10.78.0.2
in_ns lns ip -4 -o addr show dev l2tp-bob | grep -q "peer 10.78.0.99" ||
	fail "l2tp-bob has no peer 10.78.0.99"
[ "$(addr_of lac c-bob)" = 10.78.0.99 ] ||
	fail "c-bob has $(addr_of lac c-bob), want 10.78.0.99"
check "ping bob" in_ns lns ping -c 2 -i 0.3 -W 2 10.78.0.99

step "carol: her profile's addresses and DNS server"
a=$(addr_of lac c-carol)
[[ $a == 10.79.0.1[0-9] || $a == 10.79.0.20 ]] ||
	fail "c-carol has $a, want one of pool p2"
check "ping carol" in_ns lns ping -c 2 -i 0.3 -W 2 "$a"
check "carol was given DNS 192.0.2.53" \
	log_has lac "primary +DNS address 192.0.2.53"

step "alice: the default profile's pool; only-one refuses a second alice"
a=$(addr_of lac c-alice)
[[ $a == 10.78.0.1[0-9] || $a == 10.78.0.20 ]] ||
	fail "c-alice has $a, want one of pool p"
cat > "$OUT/lac2.conf" <<EOC
clients = ( $(client c-alice2 alice) );
EOC
l2tpd_run lac2 lac
wait_for 40 "the second alice refused" \
	log_has lns 'user "alice" already has a session \(only-one\)'
has_inet lac c-alice2 && fail "a second alice came up"
stop "${l2tpd_pid[lac2]}"

step "carol: her profile's session-timeout, nobody else's"
check "the plugin applied carol's limits" \
	log_has lns "the user's limits: session 45s, idle 0s"
wait_for 150 "carol's pppd ended by her session-timeout" \
	log_has lns "pppd [0-9]+ ended \(exit 13: session timeout"
check "c-alice still up" has_inet lac c-alice
check "c-bob still up" has_inet lac c-bob

step "the pools: one address each in use, none after the client stops"
ctl lns ip pool print
check "p: 1 in use" pool_used 1
stop "${l2tpd_pid[lac]}"
clean lac lac
clean lns lns
check "p: 0 in use" pool_used 0
used2=$(ctl lns -j ip pool print | python3 -c 'import json,sys; print(json.load(sys.stdin)[1]["used"])')
[ "$used2" = 0 ] || fail "p2: $used2 in use"
