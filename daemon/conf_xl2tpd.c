// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xl2tpd.conf and its l2tp-secrets file, read with xl2tpd 1.3.x's meaning
 * (its parser is file.c: the keyword table at its end) into the same
 * struct conf as l2tpd.conf:
 *
 *   [global]       server.listen (listen-addr, port), the xl2tpd group
 *   [lns NAME]     an entry of xl2tpd.lns, profile "lns-NAME" (local ip),
 *                  pool "lns-NAME" (ip range), pool "lns-NAME-local"
 *                  (local ip range); any [lns] enables the server, and
 *                  [lns default] becomes its default profile
 *   [lac NAME]     client NAME (lns, name, hostname, defaultroute,
 *                  autodial) with the rest in its xl2tpd group
 *
 * Lines as xl2tpd reads them: ';' starts a comment anywhere, keys and
 * section kinds are case-insensitive, the first '=' separates key and
 * value, a section named again continues where it left off. Unlike
 * xl2tpd, which stops at the first bad line and takes "abc" as the number
 * 0, every bad line is reported and numbers must be numbers.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conf_impl.h"

enum { XG = 1, XN = 2, XA = 4 };	/* [global], [lns], [lac] */

struct xctx {
	struct conf *c;
	struct conf_msgs *errs;
	const struct conf_load_opts *opts;
	const char *file;
	unsigned line;
	unsigned nerr;
	int err;
	int sect;		/* 0 before the first section, else XG/XN/XA */
	char *name;		/* the section's name */
	struct conf_endpoint listen;
};

struct xkw;
typedef void xset_fn(struct xctx *x, const struct xkw *k, const char *v);

struct xkw {
	const char *word;
	unsigned ctx;
	xset_fn *set;
	const char *prop;	/* the property it sets, where one does */
	int64_t min;
	int64_t max;
};

static void xerr(struct xctx *x, const char *key, const char *value,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void xerr(struct xctx *x, const char *key, const char *value,
		 const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	conf_msg_add(x->errs, x->file, x->line, key, value, "%s", text);
	x->nerr++;
}

static void mark(struct xctx *x, const struct conf_schema *s, void *obj,
		 const char *prop)
{
	size_t i;

	if (obj && conf_schema_prop(s, prop, &i))
		((struct conf_meta *)obj)->prop_line[i] = x->line;
}

/* A refused value: the checks of the whole config leave it alone. */
static void mark_bad(const struct conf_schema *s, void *obj, const char *prop)
{
	size_t i;

	if (obj && conf_schema_prop(s, prop, &i))
		((struct conf_meta *)obj)->bad |= UINT64_C(1) << i;
}

static void *find_or_add(struct xctx *x, struct conf_vec *vec,
			 const struct conf_schema *s, const char *name)
{
	const struct conf_prop *np = conf_schema_prop(s, "name", NULL);
	struct conf_meta *m;
	size_t i;

	for (i = 0; i < vec->n; i++) {
		m = conf_vec_at(vec, s, i);
		if (!strcmp(conf_obj_name(s, m), name))
			return m;
	}
	m = conf_vec_push(vec, s);
	if (!m || !(*(char **)conf_field(m, np) = strdup(name))) {
		x->err = -ENOMEM;
		return NULL;
	}
	m->file = x->file;
	m->line = x->line;
	return m;
}

static struct conf_xl2tpd_peer *lns_peer(struct xctx *x)
{
	return find_or_add(x, &x->c->xl2tpd->lns, &conf_schema_xl2tpd_peer,
			   x->name);
}

/* The profile or pool an [lns] fills: "lns-NAME", "lns-NAME-local". */
static void *lns_obj(struct xctx *x, struct conf_vec *vec,
		     const struct conf_schema *s, const char *suffix)
{
	char name[300];

	snprintf(name, sizeof(name), "lns-%s%s", x->name, suffix);
	return find_or_add(x, vec, s, name);
}

static struct conf_profile *lns_profile(struct xctx *x)
{
	return lns_obj(x, &x->c->profiles, &conf_schema_profile, "");
}

static struct conf_client *lac_client(struct xctx *x)
{
	return find_or_add(x, &x->c->clients, &conf_schema_client, x->name);
}

static struct conf_xl2tpd_peer *lac_peer(struct xctx *x)
{
	struct conf_client *cl = lac_client(x);

	if (cl && !cl->xl2tpd) {
		cl->xl2tpd = conf_obj_reference(&conf_schema_xl2tpd_peer, NULL);
		if (!cl->xl2tpd) {
			x->err = -ENOMEM;
			return NULL;
		}
		cl->xl2tpd->meta.file = x->file;
		cl->xl2tpd->meta.line = cl->meta.line;
	}
	return cl ? cl->xl2tpd : NULL;
}

static struct conf_xl2tpd_peer *cur_peer(struct xctx *x)
{
	return x->sect == XN ? lns_peer(x) : lac_peer(x);
}

/* xl2tpd's yesno(): yes, y, true / no, n, false, any case. */
static bool yesno(struct xctx *x, const struct xkw *k, const char *v, bool *out)
{
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "y") || !strcasecmp(v, "true"))
		*out = true;
	else if (!strcasecmp(v, "no") || !strcasecmp(v, "n") ||
		 !strcasecmp(v, "false"))
		*out = false;
	else {
		xerr(x, k->word, v, "must be 'yes' or 'no'");
		return false;
	}
	return true;
}

static bool number(struct xctx *x, const struct xkw *k, const char *v,
		   int64_t *out)
{
	const char *why = conf_parse_uint(v, k->min, k->max, out);

	if (why && !strcmp(why, "out of range"))
		xerr(x, k->word, v, "out of range (%lld..%lld)",
		     (long long)k->min, (long long)k->max);
	else if (why)
		xerr(x, k->word, v, "must be a number");
	return !why;
}

static void set_peer_bool(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_xl2tpd_peer *p;
	bool b;

	if (!yesno(x, k, v, &b) || !(p = cur_peer(x)))
		return;
	*(bool *)conf_field(p, conf_schema_prop(&conf_schema_xl2tpd_peer,
						 k->prop, NULL)) = b;
	mark(x, &conf_schema_xl2tpd_peer, p, k->prop);
}

static void set_peer_num(struct xctx *x, const struct xkw *k, const char *v)
{
	const struct conf_prop *p = conf_schema_prop(&conf_schema_xl2tpd_peer,
						     k->prop, NULL);
	struct conf_xl2tpd_peer *peer;
	int64_t n;

	if (!number(x, k, v, &n) || !(peer = cur_peer(x)))
		return;
	if (p->type == CT_INT)
		*(int32_t *)conf_field(peer, p) = (int32_t)n;
	else
		*(uint32_t *)conf_field(peer, p) = (uint32_t)n;
	mark(x, &conf_schema_xl2tpd_peer, peer, k->prop);
}

/* "bps" sets both speeds, as in xl2tpd's set_speed(). */
static void set_bps(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_xl2tpd_peer *p;
	int64_t n;

	if (!number(x, k, v, &n) || !(p = cur_peer(x)))
		return;
	p->tx_bps = p->rx_bps = (uint32_t)n;
	mark(x, &conf_schema_xl2tpd_peer, p, "tx-bps");
	mark(x, &conf_schema_xl2tpd_peer, p, "rx-bps");
}

static void set_peer_string(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_xl2tpd_peer *p = cur_peer(x);
	char **f;

	if (!p)
		return;
	f = conf_field(p, conf_schema_prop(&conf_schema_xl2tpd_peer, k->prop,
					   NULL));
	free(*f);
	*f = *v ? strdup(v) : NULL;
	if (*v && !*f)
		x->err = -ENOMEM;
	mark(x, &conf_schema_xl2tpd_peer, p, k->prop);
}

static void set_global_bool(struct xctx *x, const struct xkw *k, const char *v)
{
	bool b;

	if (!yesno(x, k, v, &b))
		return;
	*(bool *)conf_field(x->c->xl2tpd, conf_schema_prop(&conf_schema_xl2tpd,
							   k->prop, NULL)) = b;
	mark(x, &conf_schema_xl2tpd, x->c->xl2tpd, k->prop);
}

static void set_global_num(struct xctx *x, const struct xkw *k, const char *v)
{
	int64_t n;

	if (!number(x, k, v, &n))
		return;
	*(uint32_t *)conf_field(x->c->xl2tpd, conf_schema_prop(
		&conf_schema_xl2tpd, k->prop, NULL)) = (uint32_t)n;
	mark(x, &conf_schema_xl2tpd, x->c->xl2tpd, k->prop);
}

/* An IPv4 address or a host name, looked up now as xl2tpd does. */
static const char *resolve4(const char *s, uint32_t *out)
{
	struct addrinfo hints = { .ai_family = AF_INET }, *res;
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) == 1) {
		*out = ntohl(a.s_addr);
		return NULL;
	}
	if (!conf_host_name_ok(s) || getaddrinfo(s, NULL, &hints, &res))
		return "unknown host";
	*out = ntohl(((struct sockaddr_in *)(void *)res->ai_addr)->sin_addr.s_addr);
	freeaddrinfo(res);
	return NULL;
}

static void v4_to_ip(uint32_t v, struct conf_ip *ip)
{
	uint32_t n = htonl(v);

	memset(ip, 0, sizeof(*ip));
	ip->family = AF_INET;
	memcpy(ip->a, &n, 4);
}

static void set_listen_addr(struct xctx *x, const struct xkw *k, const char *v)
{
	const char *why;
	uint32_t a;

	why = resolve4(v, &a);
	if (why) {
		xerr(x, k->word, v, "%s", why);
		return;
	}
	v4_to_ip(a, &x->listen.ip);
	mark(x, &conf_schema_server, &x->c->server, "listen");
}

static void set_port(struct xctx *x, const struct xkw *k, const char *v)
{
	int64_t n;

	if (!number(x, k, v, &n))
		return;
	x->listen.port = (uint16_t)n;
	mark(x, &conf_schema_server, &x->c->server, "listen");
}

/* xl2tpd compares the first three letters only ("device" is "dev"). */
static void set_rand_source(struct xctx *x, const struct xkw *k, const char *v)
{
	static const char *const src[] = { "dev", "sys", "egd" };
	int i;

	for (i = 0; i < 3; i++) {
		if (!strncmp(v, src[i], 3)) {
			x->c->xl2tpd->rand_source = i;
			mark(x, &conf_schema_xl2tpd, x->c->xl2tpd, k->prop);
			return;
		}
	}
	xerr(x, k->word, v, "not a valid randomness source (dev, sys, egd)");
}

static void set_auth_file(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_xl2tpd *g = x->c->xl2tpd;
	const char *slash;

	if (!*v) {
		xerr(x, k->word, v, "no filename specified for authentication");
		return;
	}
	free(g->auth_file);
	g->auth_file = NULL;
	/* a relative name is taken from the configuration's directory */
	slash = strrchr(x->file, '/');
	if (*v != '/' && slash) {
		if (asprintf(&g->auth_file, "%.*s/%s", (int)(slash - x->file),
			     x->file, v) < 0)
			g->auth_file = NULL;
	} else {
		g->auth_file = strdup(v);
	}
	if (!g->auth_file)
		x->err = -ENOMEM;
	mark(x, &conf_schema_xl2tpd, g, k->prop);
}

static char *trim(char *s)
{
	char *e;

	while (*s && isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

/*
 * xl2tpd's short form for the end of a range: "10.0.0.1-20" ends at
 * 10.0.0.20 and "10.0.0.1-1.20" at 10.0.1.20 (the end's fields replace as
 * many fields at the end of the start).
 */
static void expand_end(const char *start, const char *end, char *buf, size_t len)
{
	size_t dots = 0, keep;
	const char *p;
	struct in_addr a;

	for (p = end; *p; p++)
		dots += *p == '.';
	snprintf(buf, len, "%s", end);
	if (dots >= 3 || inet_pton(AF_INET, start, &a) != 1)
		return;
	for (p = start, keep = 3 - dots; *p && keep; p++)
		keep -= *p == '.';
	snprintf(buf, len, "%.*s%s", (int)(p - start), start, end);
}

/* "A - B" or "A", names or addresses, as xl2tpd's set_range(). */
static const char *xrange(const char *v, bool exclude, struct conf_range *out)
{
	char buf[512], end[600], *a = buf, *b = NULL, *dash;
	const char *why;

	if (strlen(v) >= sizeof(buf))
		return "too long";
	strcpy(buf, v);
	dash = strchr(buf, '-');
	if (dash) {
		*dash = 0;
		b = trim(dash + 1);
		a = trim(buf);
	}
	if (!*a || (b && !*b))
		return "format is 'host or ip - host or ip'";
	out->exclude = exclude;
	why = resolve4(a, &out->first);
	if (why)
		return why;
	out->last = out->first;
	if (b) {
		expand_end(a, b, end, sizeof(end));
		why = resolve4(end, &out->last);
		if (why)
			return why;
	}
	return out->first > out->last ? "start is greater than end" : NULL;
}

static void push_range(struct xctx *x, const struct xkw *k, const char *v,
		       const struct conf_schema *s, void *obj, const char *prop)
{
	struct conf_ranges *r = conf_field(obj, conf_schema_prop(s, prop, NULL));
	struct conf_range range;
	const char *why = xrange(v, !strncasecmp(k->word, "no ", 3), &range);

	if (why) {
		xerr(x, k->word, v, "%s", why);
		mark_bad(s, obj, prop);
	} else if (conf_ranges_push(r, &range)) {
		x->err = -ENOMEM;
	}
	mark(x, s, obj, prop);
}

static void set_ip_range(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_pool *pool = lns_obj(x, &x->c->pools, &conf_schema_pool, "");

	if (!pool)
		return;
	push_range(x, k, v, &conf_schema_pool, pool, "ranges");
	mark(x, &conf_schema_profile, lns_profile(x), "remote-address");
}

static void set_local_range(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_profile *prof = lns_profile(x);
	struct conf_pool *pool;

	if (prof && prof->local_address.ip.family) {
		xerr(x, k->word, v,
		     "'local ip range' and 'local ip' are mutually exclusive");
		return;
	}
	pool = lns_obj(x, &x->c->pools, &conf_schema_pool, "-local");
	if (!pool || !prof)
		return;
	push_range(x, k, v, &conf_schema_pool, pool, "ranges");
	if (!prof->local_address.pool && !(prof->local_address.pool =
					   strdup(pool->name)))
		x->err = -ENOMEM;
	mark(x, &conf_schema_profile, prof, "local-address");
}

static bool addr4(struct xctx *x, const struct xkw *k, const char *v,
		  struct conf_ip *ip)
{
	const char *why;
	uint32_t a;

	why = resolve4(v, &a);
	if (why) {
		xerr(x, k->word, v, "host '%s' not found", v);
		return false;
	}
	v4_to_ip(a, ip);
	return true;
}

static void set_local_ip(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_profile *prof;
	struct conf_xl2tpd_peer *p;

	if (x->sect == XA) {
		if ((p = lac_peer(x)) && addr4(x, k, v, &p->local_ip))
			mark(x, &conf_schema_xl2tpd_peer, p, "local-ip");
		return;
	}
	prof = lns_profile(x);
	if (prof && prof->local_address.pool) {
		xerr(x, k->word, v,
		     "'local ip range' and 'local ip' are mutually exclusive");
		return;
	}
	if (prof && addr4(x, k, v, &prof->local_address.ip))
		mark(x, &conf_schema_profile, prof, "local-address");
}

static void set_remote_ip(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_xl2tpd_peer *p = lac_peer(x);

	if (p && addr4(x, k, v, &p->remote_ip))
		mark(x, &conf_schema_xl2tpd_peer, p, "remote-ip");
}

static void set_lac_rule(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_xl2tpd_peer *p = lns_peer(x);

	if (p)
		push_range(x, k, v, &conf_schema_xl2tpd_peer, p, "lac");
}

/* The first "lns" is the one to dial, later ones are backups. */
static void set_lns(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_client *cl = lac_client(x);
	struct conf_xl2tpd_peer *p = lac_peer(x);
	struct conf_target t;
	const char *why;

	if (!cl || !p)
		return;
	why = conf_parse_target(v, &t);
	if (!why && t.vrf) {
		conf_target_free(&t);
		why = "not an address or host name";
	}
	if (why) {
		xerr(x, k->word, v, "%s", why);
		mark_bad(&conf_schema_client, cl, "connect-to");
		return;
	}
	if (!cl->connect_to.host) {
		cl->connect_to = t;
		mark(x, &conf_schema_client, cl, "connect-to");
	} else if (p->lns_backup.n < CONF_TARGETS_MAX) {
		p->lns_backup.v[p->lns_backup.n++] = t;
		mark(x, &conf_schema_xl2tpd_peer, p, "lns-backup");
	} else {
		conf_target_free(&t);
		xerr(x, k->word, v, "more than %d lns entries", CONF_TARGETS_MAX + 1);
	}
}

static void set_client_bool(struct xctx *x, const struct xkw *k, const char *v)
{
	struct conf_client *cl;
	bool b;

	if (!yesno(x, k, v, &b) || !(cl = lac_client(x)))
		return;
	if (!strcasecmp(k->word, "autodial")) {
		/* RouterOS dials every client that is not disabled */
		cl->disabled = !b;
	} else {
		cl->add_default_route = b;
	}
	mark(x, &conf_schema_client, cl, k->prop);
}

static void set_names(struct xctx *x, const struct xkw *k, const char *v)
{
	bool host = !strcasecmp(k->word, "hostname");
	struct conf_client *cl;
	char **f;

	if (x->sect == XN) {
		set_peer_string(x, k, v);
		return;
	}
	cl = lac_client(x);
	if (!cl)
		return;
	f = host ? &cl->host_name : &cl->user;
	free(*f);
	*f = *v ? strdup(v) : NULL;
	if (*v && !*f)
		x->err = -ENOMEM;
	mark(x, &conf_schema_client, cl, host ? "host-name" : "user");
}

#define PB(w, c, p)	{ w, c, set_peer_bool, p, 0, 0 }
#define GB(w, p)	{ w, XG, set_global_bool, p, 0, 0 }
static const struct xkw keywords[] = {
	{ "listen-addr", XG, set_listen_addr, NULL, 0, 0 },
	{ "port", XG, set_port, NULL, 0, 65535 },
	{ "saref refinfo", XG, set_global_num, "saref-refinfo", 0, 255 },
	{ "rand source", XG, set_rand_source, "rand-source", 0, 0 },
	{ "auth file", XG, set_auth_file, "auth-file", 0, 0 },
	PB("exclusive", XN, "exclusive"),
	{ "autodial", XA, set_client_bool, "disabled", 0, 0 },
	PB("redial", XA, "redial"),
	{ "redial timeout", XA, set_peer_num, "redial-timeout", 1, 86400 },
	{ "lns", XA, set_lns, NULL, 0, 0 },
	{ "max redials", XA, set_peer_num, "max-redials", 1, UINT32_MAX },
	GB("access control", "access-control"),
	GB("force userspace", "force-userspace"),
	{ "ip range", XN, set_ip_range, NULL, 0, 0 },
	{ "no ip range", XN, set_ip_range, NULL, 0, 0 },
	GB("debug avp", "debug-avp"),
	GB("debug network", "debug-network"),
	GB("debug packet", "debug-packet"),
	GB("debug tunnel", "debug-tunnel"),
	GB("debug state", "debug-state"),
	GB("ipsec saref", "ipsec-saref"),
	{ "lac", XN, set_lac_rule, NULL, 0, 0 },
	{ "no lac", XN, set_lac_rule, NULL, 0, 0 },
	PB("assign ip", XN, "assign-ip"),
	{ "local ip", XN | XA, set_local_ip, NULL, 0, 0 },
	{ "local ip range", XN, set_local_range, NULL, 0, 0 },
	{ "remote ip", XA, set_remote_ip, NULL, 0, 0 },
	{ "defaultroute", XA, set_client_bool, "add-default-route", 0, 0 },
	PB("length bit", XN | XA, "length-bit"),
	PB("hidden bit", XN | XA, "hidden-bit"),
	PB("require pap", XN | XA, "require-pap"),
	PB("require chap", XN | XA, "require-chap"),
	PB("require authentication", XN | XA, "require-authentication"),
	PB("require auth", XN | XA, "require-authentication"),
	PB("refuse pap", XN | XA, "refuse-pap"),
	PB("refuse chap", XN | XA, "refuse-chap"),
	PB("refuse authentication", XN | XA, "refuse-authentication"),
	PB("refuse auth", XN | XA, "refuse-authentication"),
	PB("unix authentication", XN, "unix-authentication"),
	PB("unix auth", XN, "unix-authentication"),
	{ "name", XN | XA, set_names, "auth-name", 0, 0 },
	{ "hostname", XN | XA, set_names, "host-name", 0, 0 },
	PB("ppp debug", XN | XA, "ppp-debug"),
	PB("pass peer", XN | XA, "pass-peer"),
	{ "pppoptfile", XN | XA, set_peer_string, "pppoptfile", 0, 0 },
	{ "call rws", XN | XA, set_peer_num, "call-rws", -1, 65535 },
	{ "tunnel rws", XN | XA, set_peer_num, "tunnel-rws", 1, 65535 },
	PB("flow bit", XN | XA, "flow-bit"),
	PB("challenge", XN | XA, "challenge"),
	{ "tx bps", XN | XA, set_peer_num, "tx-bps", 1, UINT32_MAX },
	{ "rx bps", XN | XA, set_peer_num, "rx-bps", 1, UINT32_MAX },
	{ "bps", XN | XA, set_bps, NULL, 1, UINT32_MAX },
	{ "max retries", XG, set_global_num, "max-retries", 1, 1000 },
	{ "cap backoff", XG, set_global_num, "cap-backoff", 0, 3600 },
};
#undef PB
#undef GB

static void open_section(struct xctx *x, int sect, const char *name)
{
	x->sect = sect;
	free(x->name);
	x->name = strdup(name);
	if (!x->name) {
		x->err = -ENOMEM;
		return;
	}
	if (sect == XG) {
		if (!x->c->xl2tpd->meta.line)
			x->c->xl2tpd->meta.line = x->line;
	} else if (sect == XN) {
		if (lns_peer(x) && lns_profile(x))
			x->c->server.enabled = true;
	} else {
		/* without autodial it stays disabled until "c NAME" dials it */
		lac_peer(x);
	}
}

/* "[global]", "[lns NAME]", "[lac NAME]" ("default" is a name too). */
static void section(struct xctx *x, char *s)
{
	char *close = strchr(s, ']'), *kind, *name;
	int sect;

	if (!close) {
		xerr(x, NULL, s, "no closing bracket");
		return;
	}
	*close = 0;
	if (*trim(close + 1)) {
		xerr(x, NULL, close + 1, "text after the section header");
		return;
	}
	kind = s + 1;
	name = strchr(kind, ' ');
	if (name)
		*name++ = 0;
	name = name ? trim(name) : "";
	if (!strcasecmp(kind, "global"))
		sect = XG;
	else if (!strcasecmp(kind, "lns"))
		sect = XN;
	else if (!strcasecmp(kind, "lac"))
		sect = XA;
	else {
		xerr(x, NULL, kind, "unknown context");
		return;
	}
	if (sect != XG && !*name) {
		xerr(x, NULL, kind, "a section needs a name, as in [%s NAME]",
		     sect == XN ? "lns" : "lac");
		return;
	}
	open_section(x, sect, name);
}

static void setting(struct xctx *x, char *s)
{
	char *eq = strchr(s, '='), *key, *value;
	size_t i;

	if (*s == '#') {
		xerr(x, NULL, s, "'#' does not start a comment here; xl2tpd "
		     "comments start with ';'");
		return;
	}
	if (!x->sect) {
		xerr(x, NULL, s, "a setting before the first section");
		return;
	}
	if (!eq) {
		xerr(x, NULL, s, "no '=' in the line");
		return;
	}
	*eq = 0;
	key = trim(s);
	value = trim(eq + 1);
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (strcasecmp(key, keywords[i].word))
			continue;
		if (!(keywords[i].ctx & (unsigned)x->sect))
			xerr(x, keywords[i].word, NULL, "not valid in this context");
		else
			keywords[i].set(x, &keywords[i], value);
		return;
	}
	xerr(x, NULL, key, "unknown field");
}

static void parse_lines(struct xctx *x, char *text)
{
	char *line, *save = NULL, *s;

	x->line = 0;
	for (line = text; line; line = save) {
		save = strchr(line, '\n');
		if (save)
			*save++ = 0;
		x->line++;
		s = strchr(line, ';');
		if (s)
			*s = 0;
		s = trim(line);
		if (!*s)
			continue;
		if (*s == '[')
			section(x, s);
		else
			setting(x, s);
		if (x->err)
			return;
	}
}

/*
 * l2tp-secrets: "us them secret" per line, '*' for any host, '#' or ';'
 * starts a comment, the secret is the rest of the line (aaa.c's
 * get_secret()). xl2tpd skips a malformed line with a warning; here it is
 * an error like any other. Returns the number of errors or -ENOMEM.
 */
static int parse_secrets(struct conf *c, struct conf_msgs *errs, char *text,
			 const char *file)
{
	struct conf_vec *vec = &c->xl2tpd->tunnel_secrets;
	char *line, *save = NULL, *f[3];
	unsigned n = 0;
	int i, nerr = 0;

	for (line = text; line; line = save) {
		struct conf_tunnel_secret *ts;

		save = strchr(line, '\n');
		if (save)
			*save++ = 0;
		n++;
		line[strcspn(line, "#;")] = 0;
		f[0] = trim(line);
		for (i = 1; i < 3 && *f[i - 1]; i++) {
			f[i] = f[i - 1] + strcspn(f[i - 1], " \t\r");
			if (*f[i])
				*f[i]++ = 0;
			f[i] = trim(f[i]);
		}
		if (!*f[0])
			continue;
		if (i < 3 || !*f[2]) {
			conf_msg_add(errs, file, n, "auth file", NULL,
				     "expects 'us them secret'");
			nerr++;
			continue;
		}
		ts = conf_vec_push(vec, &conf_schema_tunnel_secret);
		if (!ts || !(ts->us = strdup(f[0])) || !(ts->them = strdup(f[1])) ||
		    !(ts->secret = strdup(f[2])))
			return -ENOMEM;
		ts->meta.file = file;
		ts->meta.line = n;
	}
	return nerr;
}

int conf_read_secrets(struct conf *c, struct conf_msgs *errs)
{
	struct conf_xl2tpd *g = c->xl2tpd;
	const char *file;
	char *text;
	size_t i;
	int err;

	if (!g || !g->auth_file)
		return 0;
	err = conf_read_file(g->auth_file, &text);
	if (err) {
		conf_schema_prop(&conf_schema_xl2tpd, "auth-file", &i);
		conf_msg_add(errs, g->meta.file, g->meta.prop_line[i],
			     c->origin == CONF_ORIGIN_XL2TPD ? "auth file" :
			     "xl2tpd.auth-file", g->auth_file, "cannot read: %s",
			     strerror(-err));
		return 1;
	}
	file = conf_intern_file(c, g->auth_file);
	err = file ? parse_secrets(c, errs, text, file) : -ENOMEM;
	free(text);
	return err;
}

/* Without "auth file", xl2tpd reads its default file if there is one. */
static void read_secrets(struct xctx *x)
{
	struct conf_xl2tpd *g = x->c->xl2tpd;
	int n;

	if (!g->auth_file && x->opts->xl2tpd_auth_file &&
	    !access(x->opts->xl2tpd_auth_file, F_OK) &&
	    !(g->auth_file = strdup(x->opts->xl2tpd_auth_file))) {
		x->err = -ENOMEM;
		return;
	}
	n = conf_read_secrets(x->c, x->errs);
	if (n < 0)
		x->err = n;
	else
		x->nerr += (unsigned)n;
}

/* What the sections imply once all of them are read. */
static void finish(struct xctx *x)
{
	struct conf *c = x->c;
	size_t i;

	c->server.listen.n = 1;
	c->server.listen.v[0] = x->listen;
	for (i = 0; i < c->xl2tpd->lns.n; i++) {
		struct conf_xl2tpd_peer *p = conf_vec_at(&c->xl2tpd->lns,
			&conf_schema_xl2tpd_peer, i);
		struct conf_profile *prof;
		char name[300];

		free(x->name);
		x->name = strdup(p->name);
		snprintf(name, sizeof(name), "lns-%s", p->name);
		prof = x->name ? lns_profile(x) : NULL;
		if (!p->profile && !(p->profile = strdup(name)))
			x->err = -ENOMEM;
		if (prof && p->assign_ip && conf_pool_find(c, name) &&
		    !prof->remote_address.pool &&
		    !(prof->remote_address.pool = strdup(name)))
			x->err = -ENOMEM;
		/* xl2tpd falls back to [lns default] for unmatched peers */
		if (!strcmp(p->name, "default")) {
			free(c->server.default_profile);
			c->server.default_profile = strdup(name);
		}
	}
	for (i = 0; i < c->clients.n; i++) {
		struct conf_client *cl = conf_vec_at(&c->clients,
						     &conf_schema_client, i);

		/* xl2tpd's LACs send from its one socket: listen-addr:port */
		cl->random_source_port = !x->listen.port;
		if (memcmp(x->listen.ip.a, "\0\0\0\0", 4))
			cl->src_address = x->listen.ip;
	}
}

int conf_xl2tpd_parse(struct conf *c, const char *text, const char *name,
		      const struct conf_load_opts *opts, struct conf_msgs *errs)
{
	struct xctx x = { .c = c, .errs = errs, .opts = opts };
	char *buf = strdup(text);

	c->origin = CONF_ORIGIN_XL2TPD;
	x.file = conf_intern_file(c, name);
	c->meta.file = x.file;
	if (!c->xl2tpd)
		c->xl2tpd = conf_obj_reference(&conf_schema_xl2tpd, NULL);
	if (!buf || !x.file || !c->xl2tpd) {
		free(buf);
		return -ENOMEM;
	}
	c->xl2tpd->meta.file = x.file;
	/* xl2tpd listens on INADDR_ANY, port 1701, unless told otherwise */
	x.listen.ip.family = AF_INET;
	x.listen.port = CONF_L2TP_PORT;
	parse_lines(&x, buf);
	free(buf);
	if (!x.err)
		read_secrets(&x);
	if (!x.err)
		finish(&x);
	free(x.name);
	if (x.err)
		return x.err;
	return x.nerr ? -EINVAL : 0;
}
