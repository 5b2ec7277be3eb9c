/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The configuration model. l2tpd.conf (libconfig, conf_parse.c) and
 * xl2tpd.conf with its l2tp-secrets file (conf_xl2tpd.c) both fill these
 * plain structs; conf_validate() checks the whole of one; conf_export()
 * writes one back as l2tpd.conf. A struct conf holds no fds and no timers:
 * a reload builds a new one beside the running one and compares.
 *
 * The objects and their property names follow MikroTik RouterOS:
 *   server              /interface l2tp-server server
 *   server-interfaces   /interface l2tp-server (static entries)
 *   secrets             /ppp secret
 *   profiles            /ppp profile (built-ins "default", "default-encryption")
 *   pools               /ip pool
 *   clients             /interface l2tp-client
 *   aaa                 /ppp aaa
 *   pppd                (l2tpd: which pppd and plugin run the sessions)
 * What RouterOS has no word for lives in the "xl2tpd" group (struct
 * conf_xl2tpd) and in a client's "xl2tpd" group (struct conf_xl2tpd_peer):
 * the parts of an xl2tpd.conf that keep xl2tpd's meaning.
 *
 * Every property is described once, in a schema table (conf_schema.c);
 * the parser, the validator, the exporter and conf_equal() walk the same
 * tables, so a property cannot be known to one and missing in another.
 */
#ifndef L2TPD_CONF_H
#define L2TPD_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Upper bound on the properties of one object kind (schema tables). */
#define CONF_PROPS_MAX		40
#define CONF_ENDPOINTS_MAX	8
#define CONF_IPS_MAX		2
#define CONF_TARGETS_MAX	8
#define CONF_L2TP_PORT		1701

/* Where an object and each of its properties were written. */
struct conf_meta {
	const char *file;	/* interned in struct conf; NULL for built-ins */
	unsigned line;
	unsigned prop_line[CONF_PROPS_MAX];	/* by schema index; 0 = unset */
	uint64_t bad;		/* properties whose value was refused */
};

/* An IPv4 or IPv6 address; family 0 means "not set". */
struct conf_ip {
	int family;		/* 0, AF_INET or AF_INET6 */
	uint8_t a[16];		/* network order; IPv4 in the first 4 bytes */
};

struct conf_endpoint {
	struct conf_ip ip;
	uint16_t port;
};

struct conf_endpoints {
	unsigned n;
	struct conf_endpoint v[CONF_ENDPOINTS_MAX];
};

struct conf_ips {
	unsigned n;
	struct conf_ip v[CONF_IPS_MAX];
};

/* A peer to dial: an address or host name, a port, maybe a VRF. */
struct conf_target {
	char *host;		/* NULL when unset */
	uint16_t port;
	char *vrf;		/* "address@vrf"; NULL without */
};

struct conf_targets {
	unsigned n;
	struct conf_target v[CONF_TARGETS_MAX];
};

/*
 * One IPv4 range rule, host order. Rules apply in order: an exclusion
 * takes its addresses out of what the rules before it allowed, a later
 * rule can put them back (xl2tpd's "ip range" / "no ip range").
 */
struct conf_range {
	uint32_t first;
	uint32_t last;
	bool exclude;
};

struct conf_ranges {
	size_t n;
	struct conf_range *v;
};

/* A profile's local-address / remote-address: an address or a pool name. */
struct conf_addr_pool {
	struct conf_ip ip;
	char *pool;
};

/* A growable array of objects of one schema (element size in the schema). */
struct conf_vec {
	void *v;
	size_t n;
};

/* PPP authentication methods, RouterOS's names. */
enum conf_auth {
	CONF_AUTH_PAP = 1 << 0,
	CONF_AUTH_CHAP = 1 << 1,
	CONF_AUTH_MSCHAP1 = 1 << 2,
	CONF_AUTH_MSCHAP2 = 1 << 3,
};

/*
 * RouterOS's switch words. Each property accepts a sub-range of them (its
 * schema says which) and also libconfig's true / false for yes / no.
 */
enum conf_switch {
	CONF_SW_DEFAULT,	/* inherit (profiles: from the default profile) */
	CONF_SW_NO,
	CONF_SW_YES,
	CONF_SW_REQUIRE,
	CONF_SW_EXCLUSIVELY,	/* use-peer-dns only */
};

enum conf_caller_id { CONF_CALLER_ID_IP, CONF_CALLER_ID_NUMBER };
enum conf_proto { CONF_PROTO_ALL, CONF_PROTO_L2TPV2, CONF_PROTO_L2TPV3,
		  CONF_PROTO_L2TPV3_IP, CONF_PROTO_L2TPV3_UDP };
enum conf_service { CONF_SERVICE_ANY, CONF_SERVICE_ASYNC, CONF_SERVICE_ISDN,
		    CONF_SERVICE_L2TP, CONF_SERVICE_OVPN, CONF_SERVICE_PPPOE,
		    CONF_SERVICE_PPTP, CONF_SERVICE_SSTP };
enum conf_rand { CONF_RAND_DEV, CONF_RAND_SYS, CONF_RAND_EGD };

/* /interface l2tp-server server */
struct conf_server {
	struct conf_meta meta;
	bool enabled;
	struct conf_endpoints listen;	/* l2tpd: where SCCRQs arrive */
	unsigned authentication;	/* enum conf_auth bits */
	char *default_profile;
	uint32_t max_mtu;
	uint32_t max_mru;
	uint32_t mrru;			/* 0 = disabled */
	uint32_t keepalive_timeout;	/* seconds, 0 = disabled */
	int use_ipsec;			/* CONF_SW_NO / YES / REQUIRE */
	char *ipsec_secret;
	char *tunnel_secret;		/* l2tpd: RFC 2661 §5.1.1 tunnel auth */
	bool hide_avps;			/* l2tpd: RFC 2661 §4.3 */
	uint32_t max_tunnels;		/* l2tpd; 0 = no limit */
	uint32_t max_sessions;		/* 0 = unlimited */
	uint32_t max_starting;		/* l2tpd; 0 = unlimited */
	bool one_session_per_host;
	int caller_id_type;		/* enum conf_caller_id */
	bool allow_fast_path;
	int accept_proto_version;	/* enum conf_proto */
	char *host_name;		/* l2tpd: Host Name AVP; NULL = uname */
};

/*
 * server.max-starting's default: calls between ICRP and ip-up at once.
 * Sixteen pppds starting together is what a small VM (two emulated CPUs)
 * still brings up within LCP's timers; a real LNS answers a storm of
 * 1,000 calls at that rate within seconds.
 */
#define CONF_MAX_STARTING	16

/* /interface l2tp-server: a static interface name for one user. */
struct conf_server_if {
	struct conf_meta meta;
	char *name;
	char *user;
	bool disabled;
	char *comment;
};

/* /ppp secret */
struct conf_secret {
	struct conf_meta meta;
	char *name;
	char *password;
	int service;			/* enum conf_service */
	struct conf_ip caller_id;	/* L2TP: the address it must come from */
	char *profile;
	struct conf_ip local_address;
	struct conf_ip remote_address;
	char *routes;
	uint32_t limit_bytes_in;
	uint32_t limit_bytes_out;
	bool disabled;
	char *comment;
};

/* /ppp profile */
struct conf_profile {
	struct conf_meta meta;
	char *name;
	struct conf_addr_pool local_address;
	struct conf_addr_pool remote_address;
	struct conf_ips dns_server;
	struct conf_ips wins_server;
	int use_encryption;		/* default, no, yes, require */
	int use_compression;		/* default, no, yes */
	int use_ipv6;			/* default, no, yes, require */
	int use_mpls;			/* default, no, yes, require */
	int use_upnp;			/* default, no, yes */
	int change_tcp_mss;		/* default, no, yes */
	int only_one;			/* default, no, yes */
	uint32_t session_timeout;	/* seconds, 0 = none */
	uint32_t idle_timeout;		/* seconds, 0 = none */
	char *rate_limit;
	char *address_list;
	char *bridge;
	char *interface_list;
	char *incoming_filter;
	char *outgoing_filter;
	char *on_up;
	char *on_down;
	char *dhcpv6_pd_pool;
	char *remote_ipv6_prefix_pool;
	char *comment;
};

/* /ip pool */
struct conf_pool {
	struct conf_meta meta;
	char *name;
	struct conf_ranges ranges;
	char *next_pool;
	char *comment;
};

struct conf_xl2tpd_peer;

/* /interface l2tp-client */
struct conf_client {
	struct conf_meta meta;
	char *name;
	struct conf_target connect_to;
	char *user;
	char *password;
	char *profile;
	unsigned allow;			/* enum conf_auth bits */
	bool add_default_route;
	uint32_t default_route_distance;
	bool dial_on_demand;
	bool disabled;
	uint32_t keepalive_timeout;	/* seconds, 0 = disabled */
	uint32_t max_mtu;
	uint32_t max_mru;
	uint32_t mrru;
	bool use_ipsec;
	char *ipsec_secret;
	int use_peer_dns;		/* no, yes, exclusively */
	struct conf_ip src_address;
	bool allow_fast_path;
	int l2tp_proto_version;		/* enum conf_proto */
	bool random_source_port;
	char *host_name;		/* l2tpd: Host Name AVP */
	char *tunnel_secret;		/* l2tpd: RFC 2661 §5.1.1 */
	bool hide_avps;			/* l2tpd: RFC 2661 §4.3 */
	char *tunnel;			/* l2tpd: shared tunnel name, or NULL */
	char *comment;
	struct conf_xl2tpd_peer *xl2tpd; /* xl2tpd's [lac] meaning, or NULL */
};

/* /ppp aaa */
struct conf_aaa {
	struct conf_meta meta;
	bool use_radius;
	bool accounting;
	uint32_t interim_update;
};

/*
 * l2tpd's own: the pppd and the plugin every session runs (NULL: the
 * installed ones; l2tpd's --pppd and --plugin win over these).
 */
struct conf_pppd {
	struct conf_meta meta;
	char *path;
	char *plugin;
};

/* One line of xl2tpd's l2tp-secrets: "us them secret", '*' matches any. */
struct conf_tunnel_secret {
	struct conf_meta meta;
	char *us;
	char *them;
	char *secret;
};

/*
 * An xl2tpd [lns NAME] (in conf_xl2tpd.lns) or the xl2tpd part of a
 * [lac NAME] (a client's xl2tpd group): what a section says beyond the
 * RouterOS objects it also fills (a [lns] fills profile and pool
 * "lns-NAME"; a [lac] fills a client NAME).
 */
struct conf_xl2tpd_peer {
	struct conf_meta meta;
	char *name;			/* [lns NAME]; unused for a [lac] */
	char *profile;			/* [lns]: the profile it fills */
	bool hidden_bit;
	bool length_bit;
	bool flow_bit;
	bool challenge;
	bool ppp_debug;
	bool pass_peer;
	bool require_pap;
	bool require_chap;
	bool refuse_pap;
	bool refuse_chap;
	bool require_authentication;
	bool refuse_authentication;
	bool unix_authentication;
	char *auth_name;		/* "name": pppd's name option */
	char *host_name;		/* [lns] "hostname" (a [lac]'s is the client's) */
	char *pppoptfile;
	uint32_t tunnel_rws;
	int32_t call_rws;
	uint32_t tx_bps;
	uint32_t rx_bps;
	/* [lns] only */
	struct conf_ranges lac;		/* "lac" / "no lac" access rules */
	bool exclusive;
	bool assign_ip;
	/* [lac] only */
	struct conf_targets lns_backup;	/* "lns" entries after the first */
	bool redial;
	uint32_t redial_timeout;
	uint32_t max_redials;		/* 0 = no limit */
	struct conf_ip local_ip;
	struct conf_ip remote_ip;
};

/* xl2tpd's [global] section and its LNS list. */
struct conf_xl2tpd {
	struct conf_meta meta;
	char *auth_file;
	bool access_control;
	uint32_t max_retries;
	uint32_t cap_backoff;		/* seconds, 0 = no cap */
	int rand_source;		/* enum conf_rand */
	bool force_userspace;
	bool ipsec_saref;
	uint32_t saref_refinfo;
	bool debug_avp;
	bool debug_network;
	bool debug_packet;
	bool debug_state;
	bool debug_tunnel;
	struct conf_vec lns;		/* struct conf_xl2tpd_peer */
	struct conf_vec tunnel_secrets;	/* read from auth_file */
};

enum conf_origin { CONF_ORIGIN_L2TPD, CONF_ORIGIN_XL2TPD };

struct conf {
	struct conf_meta meta;
	enum conf_origin origin;
	struct conf_server server;
	struct conf_aaa aaa;
	struct conf_pppd pppd;
	struct conf_vec server_interfaces;	/* struct conf_server_if */
	struct conf_vec secrets;		/* struct conf_secret */
	struct conf_vec profiles;		/* struct conf_profile */
	struct conf_vec pools;			/* struct conf_pool */
	struct conf_vec clients;		/* struct conf_client */
	struct conf_xl2tpd *xl2tpd;		/* NULL unless written */
	char **files;				/* interned file names */
	size_t nfiles;
};

/*
 * A message about the configuration: an error, or a note (an xl2tpd key
 * that is accepted but has no effect here, and why). Printed as
 *   FILE:LINE: PATH: TEXT 'VALUE'
 * (the quoted value only when there is one).
 */
struct conf_msg {
	char *file;
	unsigned line;
	char *path;
	char *text;
	char *value;
};

struct conf_msgs {
	struct conf_msg *v;
	size_t n;
};

/* Options for loading; zero them for the defaults. */
struct conf_load_opts {
	/* xl2tpd's l2tp-secrets when "auth file" is not given; NULL = none */
	const char *xl2tpd_auth_file;
};

/* A config with the defaults and the built-in profiles; NULL on ENOMEM. */
struct conf *conf_new(void);
void conf_free(struct conf *c);

/*
 * Reads path, recognises its format by content (xl2tpd's [global],
 * [lns ...] or [lac ...] sections, else libconfig), parses and validates
 * it. Returns 0 and *out, or a negative errno with every problem in errs
 * (-EINVAL: the configuration is wrong; others: it could not be read).
 */
int conf_load(const char *path, const struct conf_load_opts *opts,
	      struct conf **out, struct conf_msgs *errs);

/* Whether text is in xl2tpd's format (its first statement is a section). */
bool conf_is_xl2tpd(const char *text);

/*
 * The parsers alone, without validation; name is used in messages. They
 * return 0, -EINVAL (bad values, each in errs), -EBADMSG (a syntax error:
 * nothing was read) or -ENOMEM.
 */
int conf_parse_string(struct conf *c, const char *text, const char *name,
		      struct conf_msgs *errs);
int conf_xl2tpd_parse(struct conf *c, const char *text, const char *name,
		      const struct conf_load_opts *opts, struct conf_msgs *errs);

/* Checks a parsed config as a whole; 0 or -EINVAL with errs filled. */
int conf_validate(const struct conf *c, struct conf_msgs *errs);

/* The "KEY: no effect here because ..." notes to log at start-up. */
void conf_notes(const struct conf *c, struct conf_msgs *notes);

/* Writes c as l2tpd.conf text that parses to a conf_equal() config. */
int conf_export(const struct conf *c, FILE *out);

/* Compares two configs' values (not where they were written). */
bool conf_equal(const struct conf *a, const struct conf *b);

/* Lookups by name; NULL when there is none. */
const struct conf_profile *conf_profile_find(const struct conf *c, const char *name);
const struct conf_pool *conf_pool_find(const struct conf *c, const char *name);
const struct conf_secret *conf_secret_find(const struct conf *c, const char *name);

void conf_msgs_free(struct conf_msgs *m);
/* One message as "FILE:LINE: PATH: TEXT 'VALUE'", without a newline. */
void conf_msg_print(const struct conf_msg *m, FILE *out);
void conf_msgs_print(const struct conf_msgs *m, FILE *out);
/* Orders messages by file and line (conf_load() does it for its errors). */
void conf_msgs_sort(struct conf_msgs *m);

#endif /* L2TPD_CONF_H */
