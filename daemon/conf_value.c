// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Scalar values of the configuration: numbers, switch words, durations,
 * addresses, listen endpoints, connect-to targets and address ranges, as
 * both parsers read them and the exporter writes them back.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "conf_impl.h"

const char *conf_parse_uint(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *p = s;
	char *end;
	long long v;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return "not a number";
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end)
		return "not a number";
	if (errno == ERANGE || v < min || v > max)
		return "out of range";
	*out = v;
	return NULL;
}

/* RouterOS writes yes / no where libconfig has true / false. */
const char *conf_parse_bool_word(const char *s, bool *out)
{
	if (!strcmp(s, "yes")) {
		*out = true;
		return NULL;
	}
	if (!strcmp(s, "no")) {
		*out = false;
		return NULL;
	}
	return "expects true, false, \"yes\" or \"no\"";
}

/* "HH:MM:SS", as RouterOS prints times. */
static const char *parse_clock(const char *s, uint32_t *out)
{
	unsigned h, m, sec;
	int n = 0;

	if (sscanf(s, "%u:%2u:%2u%n", &h, &m, &sec, &n) != 3 || s[n] ||
	    m > 59 || sec > 59 || h > 1000000)
		return "not a duration";
	*out = h * 3600 + m * 60 + sec;
	return NULL;
}

/*
 * Integer seconds ("90"), RouterOS's unit form ("1h30m", "1d", "2w3d",
 * each unit once and largest first) or a clock ("00:01:30").
 */
const char *conf_parse_duration(const char *s, uint32_t *out)
{
	static const char units[] = "wdhms";
	static const uint32_t secs[] = { 604800, 86400, 3600, 60, 1 };
	uint64_t total = 0;
	size_t next = 0;
	const char *p = s;

	if (strchr(s, ':'))
		return parse_clock(s, out);
	if (!*p)
		return "not a duration";
	while (*p) {
		uint64_t v = 0;
		const char *u;

		if (!isdigit((unsigned char)*p))
			return "not a duration";
		while (isdigit((unsigned char)*p) && v <= UINT32_MAX)
			v = v * 10 + (uint64_t)(*p++ - '0');
		if (isdigit((unsigned char)*p) || v > UINT32_MAX)
			return "out of range";
		if (!*p && p != s && next == 0) {
			total = v;	/* plain seconds */
			break;
		}
		u = *p ? strchr(units + next, *p) : NULL;
		if (!u)
			return "not a duration";
		next = (size_t)(u - units) + 1;
		total += v * secs[next - 1];
		p++;
		if (total > UINT32_MAX)
			return "out of range";
	}
	if (total > UINT32_MAX)
		return "out of range";
	*out = (uint32_t)total;
	return NULL;
}

const char *conf_parse_ip(const char *s, bool v4_only, struct conf_ip *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, s, out->a) == 1) {
		out->family = AF_INET;
		return NULL;
	}
	if (inet_pton(AF_INET6, s, out->a) == 1) {
		if (v4_only) {
			memset(out, 0, sizeof(*out));
			return "not an IPv4 address";
		}
		out->family = AF_INET6;
		return NULL;
	}
	memset(out, 0, sizeof(*out));
	return v4_only ? "not an IPv4 address" : "not an IP address";
}

static const char *parse_port(const char *s, uint16_t *out)
{
	int64_t v;

	if (conf_parse_uint(s, 0, 65535, &v) || *s == '-')
		return "bad port";
	*out = (uint16_t)v;
	return NULL;
}

/*
 * Splits "[v6]:port", "[v6]", "v4:port", "name:port", a bare IPv6 address
 * or a bare name into host (copied into buf) and port.
 */
static const char *split_host_port(const char *s, char *buf, size_t len,
				   uint16_t *port)
{
	const char *colon, *end;
	size_t n;

	*port = CONF_L2TP_PORT;
	if (*s == '[') {
		end = strchr(s, ']');
		if (!end || (end[1] && end[1] != ':'))
			return "bad address";
		if (end[1] == ':' && parse_port(end + 2, port))
			return "bad port";
		s++;
		n = (size_t)(end - s);
	} else {
		colon = strchr(s, ':');
		if (colon && strchr(colon + 1, ':'))
			colon = NULL;	/* an IPv6 address without a port */
		if (colon && parse_port(colon + 1, port))
			return "bad port";
		n = colon ? (size_t)(colon - s) : strlen(s);
	}
	if (n == 0 || n >= len)
		return "bad address";
	memcpy(buf, s, n);
	buf[n] = 0;
	return NULL;
}

const char *conf_parse_endpoint(const char *s, struct conf_endpoint *out)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *why;

	why = split_host_port(s, host, sizeof(host), &out->port);
	if (why)
		return why;
	return conf_parse_ip(host, false, &out->ip);
}

static bool vrf_name_ok(const char *s)
{
	if (!*s || strlen(s) > 63)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

/* connect-to: an address or host name, an optional port, "@vrf". */
const char *conf_parse_target(const char *s, struct conf_target *out)
{
	char buf[256], host[256];
	struct conf_ip ip;
	const char *at, *why;
	uint16_t port;

	memset(out, 0, sizeof(*out));
	if (strlen(s) >= sizeof(buf))
		return "too long";
	strcpy(buf, s);
	at = strrchr(s, '@');
	if (at) {
		if (!vrf_name_ok(at + 1))
			return "bad VRF name";
		buf[at - s] = 0;
	}
	why = split_host_port(buf, host, sizeof(host), &port);
	if (why)
		return why;
	if (conf_parse_ip(host, false, &ip) && !conf_host_name_ok(host))
		return "not an address or host name";
	out->host = conf_strdup(host);
	out->vrf = at ? conf_strdup(at + 1) : NULL;
	out->port = port;
	if (!out->host || (at && !out->vrf)) {
		conf_target_free(out);
		return "out of memory";
	}
	return NULL;
}

void conf_target_free(struct conf_target *t)
{
	free(t->host);
	free(t->vrf);
	memset(t, 0, sizeof(*t));
}

static const char *parse_v4(const char *s, uint32_t *out)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		return "not an IPv4 address";
	*out = ntohl(a.s_addr);
	return NULL;
}

/* "a.b.c.d", "a.b.c.d-e.f.g.h", "a.b.c.d/len", each maybe with "!". */
const char *conf_parse_range(const char *s, struct conf_range *out)
{
	char buf[64];
	char *dash, *slash;
	uint32_t host;
	int64_t len;

	memset(out, 0, sizeof(*out));
	if (*s == '!') {
		out->exclude = true;
		s++;
	}
	if (strlen(s) >= sizeof(buf))
		return "not an IPv4 range";
	strcpy(buf, s);
	dash = strchr(buf, '-');
	slash = strchr(buf, '/');
	if (dash)
		*dash++ = 0;
	else if (slash)
		*slash++ = 0;
	if (parse_v4(buf, &out->first))
		return "not an IPv4 range";
	out->last = out->first;
	if (dash && parse_v4(dash, &out->last))
		return "not an IPv4 range";
	if (slash) {
		if (conf_parse_uint(slash, 0, 32, &len) || *slash == '-')
			return "bad prefix length";
		host = (uint32_t)(UINT64_C(0xffffffff) >> len);
		if (out->first & host)
			return "host bits set in prefix";
		out->last = out->first | host;
	}
	if (out->first > out->last)
		return "start is greater than end";
	return NULL;
}

/* RFC 1123 host names: dot-separated labels of letters, digits, '-'. */
bool conf_host_name_ok(const char *s)
{
	size_t label = 0, total = strlen(s);
	bool alpha = false;
	const char *p;

	if (!total || total > 253)
		return false;
	for (p = s; *p; p++) {
		if (*p == '.') {
			if (!label || p[-1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)*p) && *p != '-')
			return false;
		if (isalpha((unsigned char)*p))
			alpha = true;
		if ((!label && *p == '-') || ++label > 63)
			return false;
	}
	/* all digits and dots is a mistyped address, not a name */
	return label && p[-1] != '-' && alpha;
}

/* What the kernel takes as an interface name (dev_valid_name()). */
bool conf_ifname_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 15 || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s) ||
		    !isprint((unsigned char)*s))
			return false;
	return true;
}

int conf_ranges_push(struct conf_ranges *r, const struct conf_range *x)
{
	struct conf_range *v = realloc(r->v, (r->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	v[r->n++] = *x;
	r->v = v;
	return 0;
}

static int range_cmp(const void *a, const void *b)
{
	const struct conf_range *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* Adds [first, last] to the sorted disjoint set s. */
static int set_add(struct conf_ranges *s, uint32_t first, uint32_t last)
{
	struct conf_range x = { .first = first, .last = last };
	size_t i, n = 0;

	if (conf_ranges_push(s, &x))
		return -ENOMEM;
	qsort(s->v, s->n, sizeof(*s->v), range_cmp);
	for (i = 0; i < s->n; i++) {
		if (n && (uint64_t)s->v[n - 1].last + 1 >= s->v[i].first) {
			if (s->v[i].last > s->v[n - 1].last)
				s->v[n - 1].last = s->v[i].last;
		} else {
			s->v[n++] = s->v[i];
		}
	}
	s->n = n;
	return 0;
}

/* Takes [first, last] out of the sorted disjoint set s. */
static int set_sub(struct conf_ranges *s, uint32_t first, uint32_t last)
{
	struct conf_ranges out = { 0 };
	struct conf_range part = { 0 };
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct conf_range r = s->v[i];

		if (r.last < first || r.first > last) {
			if (conf_ranges_push(&out, &r))
				goto nomem;
			continue;
		}
		if (r.first < first) {
			part.first = r.first;
			part.last = first - 1;
			if (conf_ranges_push(&out, &part))
				goto nomem;
		}
		if (r.last > last) {
			part.first = last + 1;
			part.last = r.last;
			if (conf_ranges_push(&out, &part))
				goto nomem;
		}
	}
	free(s->v);
	*s = out;
	return 0;
nomem:
	free(out.v);
	return -ENOMEM;
}

int conf_ranges_effective(const struct conf_ranges *r, struct conf_ranges *out)
{
	size_t i;
	int err;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < r->n; i++) {
		if (r->v[i].exclude)
			err = set_sub(out, r->v[i].first, r->v[i].last);
		else
			err = set_add(out, r->v[i].first, r->v[i].last);
		if (err) {
			free(out->v);
			memset(out, 0, sizeof(*out));
			return err;
		}
	}
	return 0;
}

/* Both sets sorted and disjoint, as conf_ranges_effective() makes them. */
bool conf_ranges_overlap(const struct conf_ranges *a, const struct conf_ranges *b)
{
	size_t i = 0, j = 0;

	while (i < a->n && j < b->n) {
		if (a->v[i].last < b->v[j].first)
			i++;
		else if (b->v[j].last < a->v[i].first)
			j++;
		else
			return true;
	}
	return false;
}

uint64_t conf_ranges_count(const struct conf_ranges *r)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < r->n; i++)
		n += (uint64_t)r->v[i].last - r->v[i].first + 1;
	return n;
}

void conf_ip_str(const struct conf_ip *ip, char *buf, size_t len)
{
	if (!ip->family || !inet_ntop(ip->family, ip->a, buf, (socklen_t)len))
		snprintf(buf, len, "%s", "");
}

void conf_endpoint_str(const struct conf_endpoint *e, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	conf_ip_str(&e->ip, a, sizeof(a));
	snprintf(buf, len, e->ip.family == AF_INET6 ? "[%s]:%u" : "%s:%u",
		 a, e->port);
}

void conf_target_str(const struct conf_target *t, char *buf, size_t len)
{
	bool v6 = t->host && strchr(t->host, ':');
	char port[16] = "";

	if (t->port != CONF_L2TP_PORT)
		snprintf(port, sizeof(port), ":%u", t->port);
	snprintf(buf, len, "%s%s%s%s%s%s", v6 && *port ? "[" : "",
		 t->host ? t->host : "", v6 && *port ? "]" : "", port,
		 t->vrf ? "@" : "", t->vrf ? t->vrf : "");
}

void conf_range_str(const struct conf_range *r, char *buf, size_t len)
{
	struct in_addr a = { htonl(r->first) }, b = { htonl(r->last) };
	char x[INET_ADDRSTRLEN], y[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, x, sizeof(x));
	inet_ntop(AF_INET, &b, y, sizeof(y));
	if (r->first == r->last)
		snprintf(buf, len, "%s%s", r->exclude ? "!" : "", x);
	else
		snprintf(buf, len, "%s%s-%s", r->exclude ? "!" : "", x, y);
}

/* RouterOS's unit form, largest unit first: 5400 -> "1h30m". */
void conf_duration_str(uint32_t secs, char *buf, size_t len)
{
	static const char units[] = "wdhms";
	static const uint32_t size[] = { 604800, 86400, 3600, 60, 1 };
	size_t i, off = 0;

	buf[0] = 0;
	for (i = 0; i < 5 && off < len; i++) {
		if (secs < size[i] && !(i == 4 && off == 0))
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%u%c",
					secs / size[i], units[i]);
		secs %= size[i];
	}
}
