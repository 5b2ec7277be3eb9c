// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpd.conf: libconfig reads the syntax, this file walks the result along
 * the schema tables and fills struct conf. Every unknown property, wrong
 * type and bad value is collected with its file and line; one mistake does
 * not hide the next.
 */
#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "conf_impl.h"

#define PATH_MAX_LEN	256

struct pctx {
	struct conf *c;
	struct conf_msgs *errs;
	const char *name;	/* the main file, for messages */
	const char *text;	/* its text, for the integer check */
	char *inc_name;		/* the last @include'd file read for the check */
	char *inc_text;
	unsigned nerr;
	int err;		/* -ENOMEM once an allocation failed */
};

static const char *file_of(struct pctx *x, const config_setting_t *s)
{
	const char *f = config_setting_source_file(s);

	return conf_intern_file(x->c, f ? f : x->name);
}

static void perr(struct pctx *x, const config_setting_t *s, const char *path,
		 const char *value, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void perr(struct pctx *x, const config_setting_t *s, const char *path,
		 const char *value, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	conf_msg_add(x->errs, file_of(x, s), config_setting_source_line(s),
		     path, value, "%s", text);
	x->nerr++;
}

/* The written value, for messages. */
static void render(const struct conf_prop *p, const config_setting_t *s,
		   char *buf, size_t len)
{
	if (p && (p->flags & CF_SECRET)) {
		snprintf(buf, len, "%s", "(secret)");
		return;
	}
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		snprintf(buf, len, "%lld", config_setting_get_int64(s));
		break;
	case CONFIG_TYPE_FLOAT:
		snprintf(buf, len, "%g", config_setting_get_float(s));
		break;
	case CONFIG_TYPE_BOOL:
		snprintf(buf, len, "%s", config_setting_get_bool(s) ? "true" : "false");
		break;
	case CONFIG_TYPE_STRING:
		snprintf(buf, len, "%s", config_setting_get_string(s));
		break;
	case CONFIG_TYPE_GROUP:
		snprintf(buf, len, "%s", "{ ... }");
		break;
	case CONFIG_TYPE_ARRAY:
		snprintf(buf, len, "%s", "[ ... ]");
		break;
	default:
		snprintf(buf, len, "%s", "( ... )");
		break;
	}
}

static void bad(struct pctx *x, const struct conf_prop *p,
		const config_setting_t *s, const char *path, const char *why)
{
	char value[CONF_VALUE_MAX];

	render(p, s, value, sizeof(value));
	perr(x, s, path, value, "%s", why);
}

static const char *text_of(struct pctx *x, const config_setting_t *s)
{
	const char *f = config_setting_source_file(s);
	char *text;
	FILE *fp;
	long n;

	if (!f)
		return x->text;
	if (x->inc_name && !strcmp(x->inc_name, f))
		return x->inc_text;
	fp = fopen(f, "r");
	if (!fp || fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) || !(text = calloc(1, (size_t)n + 1))) {
		if (fp)
			fclose(fp);
		return NULL;
	}
	if (fread(text, 1, (size_t)n, fp) != (size_t)n)
		text[0] = 0;
	fclose(fp);
	free(x->inc_name);
	free(x->inc_text);
	x->inc_name = strdup(f);
	x->inc_text = text;
	return text;
}

/*
 * libconfig 1.5 reads an integer literal that does not fit in 32 bits,
 * written without the L suffix, as its low 32 bits: 4294967297 becomes 1.
 * So the literal is read again from the source line and compared; a
 * difference is an out-of-range value, not a silently different one.
 */
static bool literal_matches(struct pctx *x, const config_setting_t *s,
			    long long v, char *lit_text, size_t len)
{
	const char *text = text_of(x, s), *name = config_setting_name(s), *p;
	unsigned line = config_setting_source_line(s);
	size_t nlen = name ? strlen(name) : 0;
	long long lit;
	char *end;

	for (p = text; p && line > 1; line--) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	for (; p && nlen && *p && *p != '\n'; p++) {
		const char *q = p + nlen;

		if (strncmp(p, name, nlen) || (p > text && strchr(
		    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*",
		    p[-1]) && p[-1]))
			continue;
		q += strspn(q, " \t");
		if (*q != '=' && *q != ':')
			continue;
		q += 1 + strspn(q + 1, " \t");
		errno = 0;
		lit = strtoll(q, &end, 0);
		if (end == q)
			continue;
		snprintf(lit_text, len, "%.*s", (int)strspn(q,
			 "-+0123456789abcdefABCDEFxXL"), q);
		return errno != ERANGE && lit == v;
	}
	return true;	/* not found: nothing to compare with */
}

static void parse_bool(struct pctx *x, const struct conf_prop *p, bool *f,
		       const config_setting_t *s, const char *path)
{
	const char *why = "expects true, false, \"yes\" or \"no\"";

	if (config_setting_type(s) == CONFIG_TYPE_BOOL) {
		*f = config_setting_get_bool(s);
		return;
	}
	if (config_setting_type(s) == CONFIG_TYPE_STRING)
		why = conf_parse_bool_word(config_setting_get_string(s), f);
	if (why)
		bad(x, p, s, path, why);
}

static const char *number_of(struct pctx *x, const struct conf_prop *p,
			     const config_setting_t *s, int64_t *v, char *lit,
			     size_t len)
{
	const char *str;
	uint32_t secs;
	const char *why;

	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		*v = config_setting_get_int64(s);
		if (literal_matches(x, s, *v, lit, len))
			lit[0] = 0;
		return lit[0] ? "out of range" : NULL;
	case CONFIG_TYPE_STRING:
		str = config_setting_get_string(s);
		if (p->words && !strcmp(str, p->words[0])) {
			*v = 0;
			return NULL;
		}
		if (p->type != CT_DURATION)
			return conf_parse_uint(str, INT64_MIN, INT64_MAX, v);
		why = conf_parse_duration(str, &secs);
		*v = secs;
		return why;
	default:
		return p->type == CT_DURATION ? "expects a duration" :
			"expects a number";
	}
}

static void parse_number(struct pctx *x, const struct conf_prop *p, void *f,
			 const config_setting_t *s, const char *path)
{
	char why[128], lit[64] = "";
	int64_t v = 0;
	const char *r = number_of(x, p, s, &v, lit, sizeof(lit));
	bool zero_word = p->words && v == 0;

	if (!r && !zero_word && (v < p->min || v > p->max))
		r = "out of range";
	if (r && !strcmp(r, "out of range")) {
		snprintf(why, sizeof(why), "out of range (%lld..%lld%s%s%s)",
			 (long long)p->min, (long long)p->max,
			 p->words ? " or \"" : "", p->words ? p->words[0] : "",
			 p->words ? "\"" : "");
		r = why;
	}
	if (r && lit[0])
		perr(x, s, path, lit, "%s", r);
	else if (r)
		bad(x, p, s, path, r);
	if (r)
		return;
	if (p->type == CT_INT)
		*(int32_t *)f = (int32_t)v;
	else
		*(uint32_t *)f = (uint32_t)v;
}

static void parse_word(struct pctx *x, const struct conf_prop *p, int *f,
		       const config_setting_t *s, const char *path)
{
	char why[160];
	size_t off = 0;
	int64_t i;

	if (p->type == CT_SWITCH && config_setting_type(s) == CONFIG_TYPE_BOOL) {
		i = config_setting_get_bool(s) ? CONF_SW_YES : CONF_SW_NO;
		if (i >= p->min && i <= p->max) {
			*f = (int)i;
			return;
		}
	}
	for (i = p->min; config_setting_type(s) == CONFIG_TYPE_STRING &&
	     i <= p->max; i++) {
		if (!strcmp(config_setting_get_string(s), p->words[i])) {
			*f = (int)i;
			return;
		}
	}
	off = (size_t)snprintf(why, sizeof(why), "%s", "expects one of");
	for (i = p->min; i <= p->max && off < sizeof(why); i++)
		off += (size_t)snprintf(why + off, sizeof(why) - off, "%s %s",
					i > p->min ? "," : "", p->words[i]);
	bad(x, p, s, path, why);
}

static void set_string(struct pctx *x, char **f, const char *v)
{
	char *dup = *v ? strdup(v) : NULL;

	if (*v && !dup)
		x->err = -ENOMEM;
	free(*f);
	*f = dup;
}

/* One element of a list property, from its text. */
static const char *list_elem(struct pctx *x, const struct conf_prop *p,
			     void *f, const char *str)
{
	static const char *const auth[] = { "pap", "chap", "mschap1", "mschap2" };
	struct conf_endpoints *e = f;
	struct conf_targets *t = f;
	struct conf_ips *ips = f;
	struct conf_range r;
	const char *why;
	unsigned i;

	switch (p->type) {
	case CT_AUTH:
		for (i = 0; i < 4; i++)
			if (!strcmp(str, auth[i]))
				break;
		if (i == 4)
			return "expects pap, chap, mschap1 or mschap2";
		*(unsigned *)f |= 1u << i;
		return NULL;
	case CT_IPS:
		if (ips->n == CONF_IPS_MAX)
			return "too many addresses";
		why = conf_parse_ip(str, p->flags & CF_V4, &ips->v[ips->n]);
		ips->n += !why;
		return why;
	case CT_ENDPOINTS:
		if (e->n == CONF_ENDPOINTS_MAX)
			return "too many addresses";
		why = conf_parse_endpoint(str, &e->v[e->n]);
		e->n += !why;
		return why;
	case CT_TARGETS:
		if (t->n == CONF_TARGETS_MAX)
			return "too many peers";
		why = conf_parse_target(str, &t->v[t->n]);
		t->n += !why;
		return why;
	default:
		why = conf_parse_range(str, &r);
		if (!why && conf_ranges_push(f, &r))
			x->err = -ENOMEM;
		return why;
	}
}

/* A list property: an array or list of strings, or one "a,b" string. */
static void parse_list(struct pctx *x, const struct conf_prop *p, void *f,
		       const config_setting_t *s, const char *path)
{
	char buf[CONF_VALUE_MAX], *tok, *save;
	const config_setting_t *e;
	const char *why;
	int i, type = config_setting_type(s);

	conf_value_reset(p, f);
	if (type == CONFIG_TYPE_STRING) {
		snprintf(buf, sizeof(buf), "%s", config_setting_get_string(s));
		for (tok = strtok_r(buf, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			why = list_elem(x, p, f, tok);
			if (why)
				perr(x, s, path, tok, "%s", why);
		}
		return;
	}
	if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
		bad(x, p, s, path, "expects a list of strings");
		return;
	}
	for (i = 0; (e = config_setting_get_elem(s, (unsigned)i)); i++) {
		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			bad(x, p, e, path, "expects a string");
			continue;
		}
		why = list_elem(x, p, f, config_setting_get_string(e));
		if (why)
			bad(x, p, e, path, why);
	}
}

static void parse_string(struct pctx *x, const struct conf_prop *p, void *f,
			 const config_setting_t *s, const char *path)
{
	struct conf_addr_pool *ap = f;
	const char *v, *why;

	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		bad(x, p, s, path, "expects a string");
		return;
	}
	v = config_setting_get_string(s);
	switch (p->type) {
	case CT_STRING:
		set_string(x, f, v);
		return;
	case CT_IP:
		why = *v ? conf_parse_ip(v, p->flags & CF_V4, f) : NULL;
		break;
	case CT_TARGET:
		conf_target_free(f);
		why = *v ? conf_parse_target(v, f) : NULL;
		break;
	default:	/* CT_ADDR_POOL: an IPv4 address or a pool's name */
		free(ap->pool);
		memset(ap, 0, sizeof(*ap));
		why = conf_parse_ip(v, true, &ap->ip);
		if (why && !strpbrk(v, ":") && strspn(v, "0123456789.") < strlen(v)) {
			why = NULL;
			set_string(x, &ap->pool, v);
		}
		break;
	}
	if (why)
		bad(x, p, s, path, why);
}

static void parse_obj(struct pctx *x, const struct conf_schema *sc, void *obj,
		      const config_setting_t *grp, const char *path,
		      unsigned ctx);

static void parse_vec(struct pctx *x, const struct conf_prop *p,
		      struct conf_vec *vec, const config_setting_t *s,
		      const char *path, unsigned ctx);

static void parse_value(struct pctx *x, const struct conf_prop *p, void *f,
			const config_setting_t *s, const char *path,
			unsigned ctx)
{
	void **g = f;

	switch (p->type) {
	case CT_BOOL:
		parse_bool(x, p, f, s, path);
		break;
	case CT_UINT:
	case CT_INT:
	case CT_DURATION:
		parse_number(x, p, f, s, path);
		break;
	case CT_SWITCH:
	case CT_ENUM:
		parse_word(x, p, f, s, path);
		break;
	case CT_STRING:
	case CT_IP:
	case CT_TARGET:
	case CT_ADDR_POOL:
		parse_string(x, p, f, s, path);
		break;
	case CT_STRUCT:
		parse_obj(x, p->sub, f, s, path, ctx);
		break;
	case CT_GROUP:
		if (!*g) {
			*g = conf_obj_reference(p->sub, NULL);
			if (!*g) {
				x->err = -ENOMEM;
				break;
			}
		}
		parse_obj(x, p->sub, *g, s, path, ctx | (p->flags & (CF_LNS | CF_LAC)));
		break;
	case CT_VEC:
		parse_vec(x, p, f, s, path, ctx | (p->flags & (CF_LNS | CF_LAC)));
		break;
	default:
		parse_list(x, p, f, s, path);
		break;
	}
}

static void parse_obj(struct pctx *x, const struct conf_schema *sc, void *obj,
		      const config_setting_t *grp, const char *path,
		      unsigned ctx)
{
	struct conf_meta *m = obj;
	const config_setting_t *s;
	char ppath[PATH_MAX_LEN];
	unsigned i, nerr;

	m->file = file_of(x, grp);
	m->line = config_setting_source_line(grp);
	if (config_setting_type(grp) != CONFIG_TYPE_GROUP) {
		bad(x, NULL, grp, path, "expects a group { ... }");
		return;
	}
	for (i = 0; (s = config_setting_get_elem(grp, i)); i++) {
		const char *name = config_setting_name(s);
		const struct conf_prop *p;
		size_t idx;

		p = conf_schema_prop(sc, name, &idx);
		if (!p || (p->flags & CF_INTERNAL)) {
			perr(x, s, path, name, "unknown property");
			continue;
		}
		conf_pathf(ppath, sizeof(ppath), "%s%s%s", path, *path ? "." : "",
			 name);
		if (ctx && (p->flags & (CF_LNS | CF_LAC)) && !(p->flags & ctx)) {
			perr(x, s, ppath, NULL, "only valid in %s",
			     ctx & CF_LAC ? "an xl2tpd [lns]" : "an xl2tpd [lac]");
			continue;
		}
		m->prop_line[idx] = config_setting_source_line(s);
		nerr = x->nerr;
		parse_value(x, p, conf_field(obj, p), s, ppath, ctx);
		if (x->nerr != nerr)
			m->bad |= UINT64_C(1) << idx;
	}
}

/* A built-in profile not yet changed by an earlier entry, or NULL. */
static void *builtin_of(struct conf_vec *vec, const struct conf_schema *sc,
			const config_setting_t *e)
{
	const char *name = NULL;
	size_t i;

	if (!sc->merge_builtin || !config_setting_lookup_string(e, "name", &name) ||
	    !conf_profile_is_builtin_name(name))
		return NULL;
	for (i = 0; i < vec->n; i++) {
		struct conf_meta *m = conf_vec_at(vec, sc, i);
		const char *n = conf_obj_name(sc, m);

		if (!m->file && n && !strcmp(n, name))
			return m;
	}
	return NULL;
}

static void parse_vec(struct pctx *x, const struct conf_prop *p,
		      struct conf_vec *vec, const config_setting_t *s,
		      const char *path, unsigned ctx)
{
	char epath[PATH_MAX_LEN];
	const config_setting_t *e;
	const char *name;
	unsigned i;
	void *obj;

	if (config_setting_type(s) != CONFIG_TYPE_LIST &&
	    !(config_setting_type(s) == CONFIG_TYPE_ARRAY &&
	      !config_setting_length(s))) {
		bad(x, p, s, path, "expects a list ( { ... }, ... )");
		return;
	}
	for (i = 0; (e = config_setting_get_elem(s, i)); i++) {
		if (config_setting_lookup_string(e, "name", &name))
			conf_pathf(epath, sizeof(epath), "%s[%s]", path, name);
		else
			conf_pathf(epath, sizeof(epath), "%s[#%u]", path, i + 1);
		if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
			bad(x, NULL, e, epath, "expects a group { ... }");
			continue;
		}
		obj = builtin_of(vec, p->sub, e);
		if (!obj)
			obj = conf_vec_push(vec, p->sub);
		if (!obj) {
			x->err = -ENOMEM;
			return;
		}
		parse_obj(x, p->sub, obj, e, epath, ctx);
	}
}

/* The directory of name, for @include. */
static void include_dir(config_t *cfg, const char *name)
{
	const char *slash = strrchr(name, '/');
	char dir[4096];

	if (!slash || (size_t)(slash - name) >= sizeof(dir))
		return;
	memcpy(dir, name, (size_t)(slash - name));
	dir[slash - name] = 0;
	config_set_include_dir(cfg, dir);
}

int conf_parse_string(struct conf *c, const char *text, const char *name,
		      struct conf_msgs *errs)
{
	struct pctx x = { .c = c, .errs = errs, .name = name, .text = text };
	config_t cfg;

	c->origin = CONF_ORIGIN_L2TPD;
	c->meta.file = conf_intern_file(c, name);
	config_init(&cfg);
	include_dir(&cfg, name);
	if (!config_read_string(&cfg, text)) {
		const char *f = config_error_file(&cfg);

		conf_msg_add(errs, f ? f : name, (unsigned)config_error_line(&cfg),
			     NULL, NULL, "%s", config_error_text(&cfg));
		config_destroy(&cfg);
		return -EBADMSG;
	}
	parse_obj(&x, &conf_schema_root, c, config_root_setting(&cfg), "", 0);
	config_destroy(&cfg);
	free(x.inc_name);
	free(x.inc_text);
	if (!x.err) {
		int n = conf_read_secrets(c, errs);

		if (n < 0)
			x.err = n;
		else
			x.nerr += (unsigned)n;
	}
	if (x.err)
		return x.err;
	return x.nerr ? -EINVAL : 0;
}
