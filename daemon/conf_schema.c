// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every property of l2tpd.conf, once: its name (RouterOS's), its xl2tpd
 * keyword where one maps onto it, its type, range and default. The
 * defaults are RouterOS's (v7) unless Linux needs otherwise; l2tpd.conf(5)
 * says where and why.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "conf_impl.h"

static const char *const switch_words[] = {
	"default", "no", "yes", "require", "exclusively", NULL
};
static const char *const disabled_word[] = { "disabled", NULL };
static const char *const unlimited_word[] = { "unlimited", NULL };
static const char *const caller_id_words[] = { "ip-address", "number", NULL };
static const char *const proto_words[] = {
	"all", "l2tpv2", "l2tpv3", "l2tpv3-ip", "l2tpv3-udp", NULL
};
static const char *const service_words[] = {
	"any", "async", "isdn", "l2tp", "ovpn", "pppoe", "pptp", "sstp", NULL
};
static const char *const rand_words[] = { "dev", "sys", "egd", NULL };

#define BOOL(n, s, f)	{ .name = n, .type = CT_BOOL, .off = offsetof(s, f) }
#define STR(n, s, f)	{ .name = n, .type = CT_STRING, .off = offsetof(s, f) }
#define UINT(n, s, f, lo, hi, w) { .name = n, .type = CT_UINT, \
	.off = offsetof(s, f), .min = lo, .max = hi, .words = w }
#define SW(n, s, f, lo, hi) { .name = n, .type = CT_SWITCH, \
	.off = offsetof(s, f), .min = lo, .max = hi, .words = switch_words }
#define DUR(n, s, f, w)	{ .name = n, .type = CT_DURATION, \
	.off = offsetof(s, f), .max = UINT32_MAX, .words = w }

#define SRV struct conf_server
static const struct conf_prop server_props[] = {
	BOOL("enabled", SRV, enabled),
	{ .name = "listen", .type = CT_ENDPOINTS, .off = offsetof(SRV, listen) },
	{ .name = "authentication", .type = CT_AUTH,
	  .off = offsetof(SRV, authentication) },
	STR("default-profile", SRV, default_profile),
	UINT("max-mtu", SRV, max_mtu, 512, 65535, NULL),
	UINT("max-mru", SRV, max_mru, 512, 65535, NULL),
	UINT("mrru", SRV, mrru, 512, 65535, disabled_word),
	DUR("keepalive-timeout", SRV, keepalive_timeout, disabled_word),
	SW("use-ipsec", SRV, use_ipsec, CONF_SW_NO, CONF_SW_REQUIRE),
	{ .name = "ipsec-secret", .type = CT_STRING,
	  .off = offsetof(SRV, ipsec_secret), .flags = CF_SECRET },
	{ .name = "tunnel-secret", .type = CT_STRING,
	  .off = offsetof(SRV, tunnel_secret), .flags = CF_SECRET },
	BOOL("hide-avps", SRV, hide_avps),
	UINT("max-tunnels", SRV, max_tunnels, 0, 65535, unlimited_word),
	UINT("max-sessions", SRV, max_sessions, 0, UINT32_MAX, unlimited_word),
	UINT("max-starting", SRV, max_starting, 0, 65535, unlimited_word),
	BOOL("one-session-per-host", SRV, one_session_per_host),
	{ .name = "caller-id-type", .type = CT_ENUM,
	  .off = offsetof(SRV, caller_id_type), .max = CONF_CALLER_ID_NUMBER,
	  .words = caller_id_words },
	BOOL("allow-fast-path", SRV, allow_fast_path),
	{ .name = "accept-proto-version", .type = CT_ENUM,
	  .off = offsetof(SRV, accept_proto_version), .max = CONF_PROTO_L2TPV3,
	  .words = proto_words },
	STR("host-name", SRV, host_name),
};

static void listen_any(struct conf_endpoints *l)
{
	l->n = 2;
	l->v[0].ip.family = AF_INET;
	l->v[0].port = CONF_L2TP_PORT;
	l->v[1].ip.family = AF_INET6;
	l->v[1].port = CONF_L2TP_PORT;
}

static int server_init(void *obj)
{
	struct conf_server *s = obj;

	listen_any(&s->listen);
	s->authentication = CONF_AUTH_MSCHAP1 | CONF_AUTH_MSCHAP2;
	s->default_profile = conf_strdup("default-encryption");
	s->max_mtu = 1450;
	s->max_mru = 1450;
	s->keepalive_timeout = 30;
	s->max_starting = CONF_MAX_STARTING;
	s->use_ipsec = CONF_SW_NO;
	s->accept_proto_version = CONF_PROTO_ALL;
	return s->default_profile ? 0 : -ENOMEM;
}

const struct conf_schema conf_schema_server = {
	"server", sizeof(SRV), server_props, sizeof(server_props) /
	sizeof(server_props[0]), server_init, false,
};
#undef SRV

#define SIF struct conf_server_if
static const struct conf_prop server_if_props[] = {
	{ .name = "name", .type = CT_STRING, .off = offsetof(SIF, name),
	  .flags = CF_NAME | CF_REQUIRED },
	{ .name = "user", .type = CT_STRING, .off = offsetof(SIF, user),
	  .flags = CF_REQUIRED },
	BOOL("disabled", SIF, disabled),
	STR("comment", SIF, comment),
};

const struct conf_schema conf_schema_server_if = {
	"server-interfaces", sizeof(SIF), server_if_props,
	sizeof(server_if_props) / sizeof(server_if_props[0]), NULL, false,
};
#undef SIF

#define SEC struct conf_secret
static const struct conf_prop secret_props[] = {
	{ .name = "name", .type = CT_STRING, .off = offsetof(SEC, name),
	  .flags = CF_NAME | CF_REQUIRED },
	{ .name = "password", .type = CT_STRING, .off = offsetof(SEC, password),
	  .flags = CF_SECRET },
	{ .name = "service", .type = CT_ENUM, .off = offsetof(SEC, service),
	  .max = CONF_SERVICE_SSTP, .words = service_words },
	{ .name = "caller-id", .type = CT_IP, .off = offsetof(SEC, caller_id) },
	STR("profile", SEC, profile),
	{ .name = "local-address", .type = CT_IP,
	  .off = offsetof(SEC, local_address), .flags = CF_V4 },
	{ .name = "remote-address", .type = CT_IP,
	  .off = offsetof(SEC, remote_address), .flags = CF_V4 },
	STR("routes", SEC, routes),
	UINT("limit-bytes-in", SEC, limit_bytes_in, 0, UINT32_MAX, NULL),
	UINT("limit-bytes-out", SEC, limit_bytes_out, 0, UINT32_MAX, NULL),
	BOOL("disabled", SEC, disabled),
	STR("comment", SEC, comment),
};

static int secret_init(void *obj)
{
	struct conf_secret *s = obj;

	s->profile = conf_strdup("default");
	return s->profile ? 0 : -ENOMEM;
}

const struct conf_schema conf_schema_secret = {
	"secrets", sizeof(SEC), secret_props, sizeof(secret_props) /
	sizeof(secret_props[0]), secret_init, false,
};
#undef SEC

#define PRO struct conf_profile
static const struct conf_prop profile_props[] = {
	{ .name = "name", .type = CT_STRING, .off = offsetof(PRO, name),
	  .flags = CF_NAME | CF_REQUIRED },
	{ .name = "local-address", .xname = "local ip", .type = CT_ADDR_POOL,
	  .off = offsetof(PRO, local_address) },
	{ .name = "remote-address", .xname = "ip range", .type = CT_ADDR_POOL,
	  .off = offsetof(PRO, remote_address) },
	{ .name = "dns-server", .type = CT_IPS, .off = offsetof(PRO, dns_server),
	  .flags = CF_V4 },
	{ .name = "wins-server", .type = CT_IPS,
	  .off = offsetof(PRO, wins_server), .flags = CF_V4 },
	SW("use-encryption", PRO, use_encryption, CONF_SW_DEFAULT, CONF_SW_REQUIRE),
	SW("use-compression", PRO, use_compression, CONF_SW_DEFAULT, CONF_SW_YES),
	SW("use-ipv6", PRO, use_ipv6, CONF_SW_DEFAULT, CONF_SW_REQUIRE),
	SW("use-mpls", PRO, use_mpls, CONF_SW_DEFAULT, CONF_SW_REQUIRE),
	SW("use-upnp", PRO, use_upnp, CONF_SW_DEFAULT, CONF_SW_YES),
	SW("change-tcp-mss", PRO, change_tcp_mss, CONF_SW_DEFAULT, CONF_SW_YES),
	SW("only-one", PRO, only_one, CONF_SW_DEFAULT, CONF_SW_YES),
	DUR("session-timeout", PRO, session_timeout, NULL),
	DUR("idle-timeout", PRO, idle_timeout, NULL),
	STR("rate-limit", PRO, rate_limit),
	STR("address-list", PRO, address_list),
	STR("bridge", PRO, bridge),
	STR("interface-list", PRO, interface_list),
	STR("incoming-filter", PRO, incoming_filter),
	STR("outgoing-filter", PRO, outgoing_filter),
	STR("on-up", PRO, on_up),
	STR("on-down", PRO, on_down),
	STR("dhcpv6-pd-pool", PRO, dhcpv6_pd_pool),
	STR("remote-ipv6-prefix-pool", PRO, remote_ipv6_prefix_pool),
	STR("comment", PRO, comment),
};

const struct conf_schema conf_schema_profile = {
	"profiles", sizeof(PRO), profile_props, sizeof(profile_props) /
	sizeof(profile_props[0]), NULL, true,
};
#undef PRO

#define POOL struct conf_pool
static const struct conf_prop pool_props[] = {
	{ .name = "name", .type = CT_STRING, .off = offsetof(POOL, name),
	  .flags = CF_NAME | CF_REQUIRED },
	{ .name = "ranges", .xname = "ip range", .type = CT_RANGES,
	  .off = offsetof(POOL, ranges) },
	STR("next-pool", POOL, next_pool),
	STR("comment", POOL, comment),
};

const struct conf_schema conf_schema_pool = {
	"pools", sizeof(POOL), pool_props, sizeof(pool_props) /
	sizeof(pool_props[0]), NULL, false,
};
#undef POOL

#define PEER struct conf_xl2tpd_peer
#define XB(n, x, f, fl)	{ .name = n, .xname = x, .type = CT_BOOL, \
	.off = offsetof(PEER, f), .flags = fl }
static const struct conf_prop peer_props[] = {
	{ .name = "name", .type = CT_STRING, .off = offsetof(PEER, name),
	  .flags = CF_NAME | CF_LNS | CF_REQUIRED },
	{ .name = "profile", .type = CT_STRING, .off = offsetof(PEER, profile),
	  .flags = CF_LNS | CF_REQUIRED },
	XB("hidden-bit", "hidden bit", hidden_bit, 0),
	{ .name = "length-bit", .xname = "length bit", .type = CT_BOOL,
	  .off = offsetof(PEER, length_bit), .no_effect =
	  "the kernel data path sends data messages without the Length "
	  "field (RFC 2661 §3.1 makes it optional)" },
	XB("flow-bit", "flow bit", flow_bit, 0),
	XB("challenge", "challenge", challenge, 0),
	XB("ppp-debug", "ppp debug", ppp_debug, 0),
	XB("pass-peer", "pass peer", pass_peer, 0),
	XB("require-pap", "require pap", require_pap, 0),
	XB("require-chap", "require chap", require_chap, 0),
	XB("refuse-pap", "refuse pap", refuse_pap, 0),
	XB("refuse-chap", "refuse chap", refuse_chap, 0),
	XB("require-authentication", "require authentication",
	   require_authentication, 0),
	XB("refuse-authentication", "refuse authentication",
	   refuse_authentication, 0),
	XB("unix-authentication", "unix authentication", unix_authentication,
	   CF_LNS),
	{ .name = "auth-name", .xname = "name", .type = CT_STRING,
	  .off = offsetof(PEER, auth_name), .flags = CF_LNS },
	{ .name = "host-name", .xname = "hostname", .type = CT_STRING,
	  .off = offsetof(PEER, host_name), .flags = CF_LNS },
	{ .name = "pppoptfile", .xname = "pppoptfile", .type = CT_STRING,
	  .off = offsetof(PEER, pppoptfile) },
	{ .name = "tunnel-rws", .xname = "tunnel rws", .type = CT_UINT,
	  .off = offsetof(PEER, tunnel_rws), .min = 1, .max = 65535 },
	{ .name = "call-rws", .xname = "call rws", .type = CT_INT,
	  .off = offsetof(PEER, call_rws), .min = -1, .max = 65535,
	  .no_effect = "RFC 2661 has no per-session flow control; xl2tpd "
	  "ignores it too" },
	{ .name = "tx-bps", .xname = "tx bps", .type = CT_UINT,
	  .off = offsetof(PEER, tx_bps), .min = 1, .max = UINT32_MAX },
	{ .name = "rx-bps", .xname = "rx bps", .type = CT_UINT,
	  .off = offsetof(PEER, rx_bps), .min = 1, .max = UINT32_MAX },
	{ .name = "lac", .xname = "lac", .type = CT_RANGES,
	  .off = offsetof(PEER, lac), .flags = CF_LNS },
	XB("exclusive", "exclusive", exclusive, CF_LNS),
	XB("assign-ip", "assign ip", assign_ip, CF_LNS),
	{ .name = "lns-backup", .xname = "lns", .type = CT_TARGETS,
	  .off = offsetof(PEER, lns_backup), .flags = CF_LAC },
	XB("redial", "redial", redial, CF_LAC),
	{ .name = "redial-timeout", .xname = "redial timeout", .type = CT_UINT,
	  .off = offsetof(PEER, redial_timeout), .flags = CF_LAC, .min = 1,
	  .max = 86400 },
	{ .name = "max-redials", .xname = "max redials", .type = CT_UINT,
	  .off = offsetof(PEER, max_redials), .flags = CF_LAC, .min = 0,
	  .max = UINT32_MAX, .words = unlimited_word },
	{ .name = "local-ip", .xname = "local ip", .type = CT_IP,
	  .off = offsetof(PEER, local_ip), .flags = CF_LAC | CF_V4 },
	{ .name = "remote-ip", .xname = "remote ip", .type = CT_IP,
	  .off = offsetof(PEER, remote_ip), .flags = CF_LAC | CF_V4 },
};
#undef XB

/* xl2tpd's new_lns() / new_lac() (file.c) and l2tp.h defaults. */
static int peer_init(void *obj)
{
	struct conf_xl2tpd_peer *p = obj;

	p->tunnel_rws = 4;
	p->call_rws = 4;
	p->tx_bps = 10000000;
	p->rx_bps = 10000000;
	p->assign_ip = true;
	p->redial_timeout = 30;
	return 0;
}

const struct conf_schema conf_schema_xl2tpd_peer = {
	"xl2tpd", sizeof(PEER), peer_props, sizeof(peer_props) /
	sizeof(peer_props[0]), peer_init, false,
};
#undef PEER

#define CLI struct conf_client
static const struct conf_prop client_props[] = {
	{ .name = "name", .type = CT_STRING, .off = offsetof(CLI, name),
	  .flags = CF_NAME | CF_REQUIRED },
	{ .name = "connect-to", .xname = "lns", .type = CT_TARGET,
	  .off = offsetof(CLI, connect_to), .flags = CF_REQUIRED },
	{ .name = "user", .xname = "name", .type = CT_STRING,
	  .off = offsetof(CLI, user) },
	{ .name = "password", .type = CT_STRING, .off = offsetof(CLI, password),
	  .flags = CF_SECRET },
	STR("profile", CLI, profile),
	{ .name = "allow", .type = CT_AUTH, .off = offsetof(CLI, allow) },
	{ .name = "add-default-route", .xname = "defaultroute", .type = CT_BOOL,
	  .off = offsetof(CLI, add_default_route) },
	UINT("default-route-distance", CLI, default_route_distance, 1, 255, NULL),
	BOOL("dial-on-demand", CLI, dial_on_demand),
	BOOL("disabled", CLI, disabled),
	DUR("keepalive-timeout", CLI, keepalive_timeout, disabled_word),
	UINT("max-mtu", CLI, max_mtu, 512, 65535, NULL),
	UINT("max-mru", CLI, max_mru, 512, 65535, NULL),
	UINT("mrru", CLI, mrru, 512, 65535, disabled_word),
	BOOL("use-ipsec", CLI, use_ipsec),
	{ .name = "ipsec-secret", .type = CT_STRING,
	  .off = offsetof(CLI, ipsec_secret), .flags = CF_SECRET },
	SW("use-peer-dns", CLI, use_peer_dns, CONF_SW_NO, CONF_SW_EXCLUSIVELY),
	{ .name = "src-address", .type = CT_IP,
	  .off = offsetof(CLI, src_address) },
	BOOL("allow-fast-path", CLI, allow_fast_path),
	{ .name = "l2tp-proto-version", .type = CT_ENUM,
	  .off = offsetof(CLI, l2tp_proto_version), .min = CONF_PROTO_L2TPV2,
	  .max = CONF_PROTO_L2TPV3_UDP, .words = proto_words },
	BOOL("random-source-port", CLI, random_source_port),
	{ .name = "host-name", .xname = "hostname", .type = CT_STRING,
	  .off = offsetof(CLI, host_name) },
	{ .name = "tunnel-secret", .type = CT_STRING,
	  .off = offsetof(CLI, tunnel_secret), .flags = CF_SECRET },
	BOOL("hide-avps", CLI, hide_avps),
	STR("tunnel", CLI, tunnel),
	STR("comment", CLI, comment),
	{ .name = "xl2tpd", .type = CT_GROUP, .off = offsetof(CLI, xl2tpd),
	  .flags = CF_LAC, .sub = &conf_schema_xl2tpd_peer },
};

/* RouterOS adds a client disabled until it is enabled. */
static int client_init(void *obj)
{
	struct conf_client *c = obj;

	c->profile = conf_strdup("default-encryption");
	c->allow = CONF_AUTH_PAP | CONF_AUTH_CHAP | CONF_AUTH_MSCHAP1 |
		CONF_AUTH_MSCHAP2;
	c->default_route_distance = 1;
	c->disabled = true;
	c->keepalive_timeout = 60;
	c->max_mtu = 1450;
	c->max_mru = 1450;
	c->use_peer_dns = CONF_SW_NO;
	c->l2tp_proto_version = CONF_PROTO_L2TPV2;
	return c->profile ? 0 : -ENOMEM;
}

const struct conf_schema conf_schema_client = {
	"clients", sizeof(CLI), client_props, sizeof(client_props) /
	sizeof(client_props[0]), client_init, false,
};
#undef CLI

#define AAA struct conf_aaa
static const struct conf_prop aaa_props[] = {
	BOOL("use-radius", AAA, use_radius),
	BOOL("accounting", AAA, accounting),
	DUR("interim-update", AAA, interim_update, NULL),
};

static int aaa_init(void *obj)
{
	((struct conf_aaa *)obj)->accounting = true;
	return 0;
}

const struct conf_schema conf_schema_aaa = {
	"aaa", sizeof(AAA), aaa_props, sizeof(aaa_props) / sizeof(aaa_props[0]),
	aaa_init, false,
};
#undef AAA

#define TS struct conf_tunnel_secret
static const struct conf_prop tunnel_secret_props[] = {
	STR("us", TS, us),
	STR("them", TS, them),
	{ .name = "secret", .type = CT_STRING, .off = offsetof(TS, secret),
	  .flags = CF_SECRET },
};

const struct conf_schema conf_schema_tunnel_secret = {
	"tunnel-secrets", sizeof(TS), tunnel_secret_props,
	sizeof(tunnel_secret_props) / sizeof(tunnel_secret_props[0]), NULL,
	false,
};
#undef TS

#define XG struct conf_xl2tpd
#define GB(n, x, f)	{ .name = n, .xname = x, .type = CT_BOOL, \
	.off = offsetof(XG, f) }
static const struct conf_prop xl2tpd_props[] = {
	{ .name = "auth-file", .xname = "auth file", .type = CT_STRING,
	  .off = offsetof(XG, auth_file) },
	GB("access-control", "access control", access_control),
	{ .name = "max-retries", .xname = "max retries", .type = CT_UINT,
	  .off = offsetof(XG, max_retries), .min = 1, .max = 1000 },
	{ .name = "cap-backoff", .xname = "cap backoff", .type = CT_UINT,
	  .off = offsetof(XG, cap_backoff), .min = 0, .max = 3600 },
	{ .name = "rand-source", .xname = "rand source", .type = CT_ENUM,
	  .off = offsetof(XG, rand_source), .max = CONF_RAND_EGD,
	  .words = rand_words, .no_effect = "l2tpd takes its random numbers "
	  "from OpenSSL's RAND_bytes()" },
	{ .name = "force-userspace", .xname = "force userspace",
	  .type = CT_BOOL, .off = offsetof(XG, force_userspace),
	  .no_effect = "l2tpd always passes data through the kernel's L2TP "
	  "data path" },
	{ .name = "ipsec-saref", .xname = "ipsec saref", .type = CT_BOOL,
	  .off = offsetof(XG, ipsec_saref), .no_effect = "SAref needs an "
	  "out-of-tree KLIPS kernel patch; IPsec under the kernel's XFRM "
	  "works without it" },
	{ .name = "saref-refinfo", .xname = "saref refinfo", .type = CT_UINT,
	  .off = offsetof(XG, saref_refinfo), .min = 0, .max = 255,
	  .no_effect = "it only matters with ipsec saref" },
	GB("debug-avp", "debug avp", debug_avp),
	GB("debug-network", "debug network", debug_network),
	GB("debug-packet", "debug packet", debug_packet),
	GB("debug-state", "debug state", debug_state),
	GB("debug-tunnel", "debug tunnel", debug_tunnel),
	{ .name = "lns", .type = CT_VEC, .off = offsetof(XG, lns),
	  .flags = CF_LNS, .sub = &conf_schema_xl2tpd_peer },
	{ .name = "tunnel-secrets", .type = CT_VEC,
	  .off = offsetof(XG, tunnel_secrets), .flags = CF_INTERNAL,
	  .sub = &conf_schema_tunnel_secret },
};
#undef GB

static int xl2tpd_init(void *obj)
{
	struct conf_xl2tpd *x = obj;

	x->max_retries = 5;
	x->saref_refinfo = 30;
	return 0;
}

const struct conf_schema conf_schema_xl2tpd = {
	"xl2tpd", sizeof(XG), xl2tpd_props, sizeof(xl2tpd_props) /
	sizeof(xl2tpd_props[0]), xl2tpd_init, false,
};
#undef XG

#define PD struct conf_pppd
static const struct conf_prop pppd_props[] = {
	STR("path", PD, path),
	STR("plugin", PD, plugin),
};

const struct conf_schema conf_schema_pppd = {
	"pppd", sizeof(PD), pppd_props, sizeof(pppd_props) /
	sizeof(pppd_props[0]), NULL, false,
};
#undef PD

#define ROOT struct conf
#define VEC(n, f, s)	{ .name = n, .type = CT_VEC, .off = offsetof(ROOT, f), \
	.sub = s }
static const struct conf_prop root_props[] = {
	{ .name = "server", .type = CT_STRUCT, .off = offsetof(ROOT, server),
	  .sub = &conf_schema_server },
	VEC("server-interfaces", server_interfaces, &conf_schema_server_if),
	VEC("secrets", secrets, &conf_schema_secret),
	VEC("profiles", profiles, &conf_schema_profile),
	VEC("pools", pools, &conf_schema_pool),
	VEC("clients", clients, &conf_schema_client),
	{ .name = "aaa", .type = CT_STRUCT, .off = offsetof(ROOT, aaa),
	  .sub = &conf_schema_aaa },
	{ .name = "pppd", .type = CT_STRUCT, .off = offsetof(ROOT, pppd),
	  .sub = &conf_schema_pppd },
	{ .name = "xl2tpd", .type = CT_GROUP, .off = offsetof(ROOT, xl2tpd),
	  .sub = &conf_schema_xl2tpd },
};
#undef VEC

const struct conf_schema conf_schema_root = {
	"", sizeof(ROOT), root_props, sizeof(root_props) /
	sizeof(root_props[0]), NULL, false,
};
#undef ROOT

static bool switch_on(const struct conf_prop *p, const void *field)
{
	int v = *(const int *)field;

	return v == CONF_SW_YES || v == CONF_SW_REQUIRE;
}

static bool exclusively(const struct conf_prop *p, const void *field)
{
	return *(const int *)field == CONF_SW_EXCLUSIVELY;
}

static bool l2tpv3(const struct conf_prop *p, const void *field)
{
	return *(const int *)field >= CONF_PROTO_L2TPV3;
}

static bool has_vrf(const struct conf_prop *p, const void *field)
{
	return ((const struct conf_target *)field)->vrf != NULL;
}

const struct conf_unsupported conf_unsupported[] = {
	{ &conf_schema_server, "use-ipsec", switch_on },
	{ &conf_schema_server, "ipsec-secret", NULL },
	{ &conf_schema_server, "allow-fast-path", NULL },
	{ &conf_schema_server, "accept-proto-version", l2tpv3 },
	{ &conf_schema_client, "use-ipsec", NULL },
	{ &conf_schema_client, "ipsec-secret", NULL },
	{ &conf_schema_client, "dial-on-demand", NULL },
	{ &conf_schema_client, "allow-fast-path", NULL },
	{ &conf_schema_client, "l2tp-proto-version", l2tpv3 },
	{ &conf_schema_client, "connect-to", has_vrf },
	{ &conf_schema_client, "use-peer-dns", exclusively },
	{ &conf_schema_profile, "use-compression", switch_on },
	{ &conf_schema_profile, "use-mpls", switch_on },
	{ &conf_schema_profile, "use-upnp", switch_on },
	{ &conf_schema_profile, "change-tcp-mss", switch_on },
	{ &conf_schema_profile, "rate-limit", NULL },
	{ &conf_schema_profile, "address-list", NULL },
	{ &conf_schema_profile, "bridge", NULL },
	{ &conf_schema_profile, "interface-list", NULL },
	{ &conf_schema_profile, "incoming-filter", NULL },
	{ &conf_schema_profile, "outgoing-filter", NULL },
	{ &conf_schema_profile, "on-up", NULL },
	{ &conf_schema_profile, "on-down", NULL },
	{ &conf_schema_profile, "dhcpv6-pd-pool", NULL },
	{ &conf_schema_profile, "remote-ipv6-prefix-pool", NULL },
	{ &conf_schema_secret, "routes", NULL },
	{ &conf_schema_secret, "limit-bytes-in", NULL },
	{ &conf_schema_secret, "limit-bytes-out", NULL },
	{ &conf_schema_aaa, "use-radius", NULL },
};

const size_t conf_nunsupported = sizeof(conf_unsupported) /
	sizeof(conf_unsupported[0]);
