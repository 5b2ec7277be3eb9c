// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The configuration objects as a whole: creating them with their defaults,
 * freeing and comparing them by walking the schema tables, the built-in
 * profiles, messages, and conf_load() which picks the parser by content.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf_impl.h"

/* A config file larger than this is a mistake, not a configuration. */
#define CONF_FILE_MAX	(4u << 20)

char *conf_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Paths in messages may be cut short; that is fine for a message. */
void conf_pathf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

void *conf_field(const void *obj, const struct conf_prop *p)
{
	return (char *)obj + p->off;
}

const struct conf_prop *conf_schema_prop(const struct conf_schema *s,
					 const char *name, size_t *index)
{
	size_t i;

	for (i = 0; i < s->nprops; i++) {
		if (!strcmp(s->props[i].name, name)) {
			if (index)
				*index = i;
			return &s->props[i];
		}
	}
	return NULL;
}

int conf_obj_init(const struct conf_schema *s, void *obj)
{
	size_t i;
	int err;

	memset(obj, 0, s->size);
	for (i = 0; i < s->nprops; i++) {
		if (s->props[i].type != CT_STRUCT)
			continue;
		err = conf_obj_init(s->props[i].sub, conf_field(obj, &s->props[i]));
		if (err)
			return err;
	}
	return s->init ? s->init(obj) : 0;
}

static void value_free(const struct conf_prop *p, void *f)
{
	struct conf_vec *vec = f;
	struct conf_targets *t = f;
	size_t i;

	switch (p->type) {
	case CT_STRING:
		free(*(char **)f);
		break;
	case CT_TARGET:
		conf_target_free(f);
		break;
	case CT_TARGETS:
		for (i = 0; i < t->n; i++)
			conf_target_free(&t->v[i]);
		break;
	case CT_ADDR_POOL:
		free(((struct conf_addr_pool *)f)->pool);
		break;
	case CT_RANGES:
		free(((struct conf_ranges *)f)->v);
		break;
	case CT_STRUCT:
		conf_obj_free(p->sub, f);
		break;
	case CT_GROUP:
		if (*(void **)f)
			conf_obj_destroy(p->sub, *(void **)f);
		break;
	case CT_VEC:
		for (i = 0; i < vec->n; i++)
			conf_obj_free(p->sub, conf_vec_at(vec, p->sub, i));
		free(vec->v);
		break;
	default:
		break;
	}
}

/* Frees a list value and empties it, before a new value replaces it. */
void conf_value_reset(const struct conf_prop *p, void *f)
{
	value_free(p, f);
	switch (p->type) {
	case CT_AUTH:
		*(unsigned *)f = 0;
		break;
	case CT_IPS:
		memset(f, 0, sizeof(struct conf_ips));
		break;
	case CT_ENDPOINTS:
		memset(f, 0, sizeof(struct conf_endpoints));
		break;
	case CT_TARGETS:
		memset(f, 0, sizeof(struct conf_targets));
		break;
	case CT_RANGES:
		memset(f, 0, sizeof(struct conf_ranges));
		break;
	default:
		break;
	}
}

void conf_obj_free(const struct conf_schema *s, void *obj)
{
	size_t i;

	for (i = 0; i < s->nprops; i++)
		value_free(&s->props[i], conf_field(obj, &s->props[i]));
	memset(obj, 0, s->size);
}

void conf_obj_destroy(const struct conf_schema *s, void *obj)
{
	if (!obj)
		return;
	conf_obj_free(s, obj);
	free(obj);
}

static bool ip_eq(const struct conf_ip *a, const struct conf_ip *b)
{
	return a->family == b->family && !memcmp(a->a, b->a, sizeof(a->a));
}

static bool target_eq(const struct conf_target *a, const struct conf_target *b)
{
	return str_eq(a->host, b->host) && a->port == b->port &&
		str_eq(a->vrf, b->vrf);
}

static bool ranges_eq(const struct conf_ranges *a, const struct conf_ranges *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->v[i].first != b->v[i].first ||
		    a->v[i].last != b->v[i].last ||
		    a->v[i].exclude != b->v[i].exclude)
			return false;
	return true;
}

static bool list_eq(const struct conf_prop *p, const void *a, const void *b)
{
	const struct conf_ips *ia = a, *ib = b;
	const struct conf_endpoints *ea = a, *eb = b;
	const struct conf_targets *ta = a, *tb = b;
	const struct conf_vec *va = a, *vb = b;
	size_t i;

	switch (p->type) {
	case CT_IPS:
		for (i = 0; ia->n == ib->n && i < ia->n; i++)
			if (!ip_eq(&ia->v[i], &ib->v[i]))
				return false;
		return ia->n == ib->n;
	case CT_ENDPOINTS:
		for (i = 0; ea->n == eb->n && i < ea->n; i++)
			if (!ip_eq(&ea->v[i].ip, &eb->v[i].ip) ||
			    ea->v[i].port != eb->v[i].port)
				return false;
		return ea->n == eb->n;
	case CT_TARGETS:
		for (i = 0; ta->n == tb->n && i < ta->n; i++)
			if (!target_eq(&ta->v[i], &tb->v[i]))
				return false;
		return ta->n == tb->n;
	default:
		for (i = 0; va->n == vb->n && i < va->n; i++)
			if (!conf_obj_equal(p->sub, conf_vec_at(va, p->sub, i),
					    conf_vec_at(vb, p->sub, i)))
				return false;
		return va->n == vb->n;
	}
}

bool conf_value_equal(const struct conf_prop *p, const void *a, const void *b)
{
	const struct conf_addr_pool *pa = a, *pb = b;
	void *const *ga = a, *const *gb = b;

	switch (p->type) {
	case CT_BOOL:
		return *(const bool *)a == *(const bool *)b;
	case CT_UINT:
	case CT_DURATION:
		return *(const uint32_t *)a == *(const uint32_t *)b;
	case CT_INT:
		return *(const int32_t *)a == *(const int32_t *)b;
	case CT_SWITCH:
	case CT_ENUM:
		return *(const int *)a == *(const int *)b;
	case CT_AUTH:
		return *(const unsigned *)a == *(const unsigned *)b;
	case CT_STRING:
		return str_eq(*(char *const *)a, *(char *const *)b);
	case CT_IP:
		return ip_eq(a, b);
	case CT_TARGET:
		return target_eq(a, b);
	case CT_ADDR_POOL:
		return ip_eq(&pa->ip, &pb->ip) && str_eq(pa->pool, pb->pool);
	case CT_RANGES:
		return ranges_eq(a, b);
	case CT_STRUCT:
		return conf_obj_equal(p->sub, a, b);
	case CT_GROUP:
		if (!*ga || !*gb)
			return !*ga && !*gb;
		return conf_obj_equal(p->sub, *ga, *gb);
	default:
		return list_eq(p, a, b);
	}
}

bool conf_obj_equal(const struct conf_schema *s, const void *a, const void *b)
{
	size_t i;

	for (i = 0; i < s->nprops; i++)
		if (!conf_value_equal(&s->props[i], conf_field(a, &s->props[i]),
				      conf_field(b, &s->props[i])))
			return false;
	return true;
}

const char *conf_obj_name(const struct conf_schema *s, const void *obj)
{
	size_t i;

	for (i = 0; i < s->nprops; i++)
		if (s->props[i].flags & CF_NAME)
			return *(char **)conf_field(obj, &s->props[i]);
	return NULL;
}

void *conf_vec_at(const struct conf_vec *vec, const struct conf_schema *s, size_t i)
{
	return (char *)vec->v + i * s->size;
}

void *conf_vec_push(struct conf_vec *vec, const struct conf_schema *s)
{
	void *v = realloc(vec->v, (vec->n + 1) * s->size);
	void *obj;

	if (!v)
		return NULL;
	vec->v = v;
	obj = conf_vec_at(vec, s, vec->n);
	if (conf_obj_init(s, obj)) {
		conf_obj_free(s, obj);
		return NULL;
	}
	vec->n++;
	return obj;
}

/*
 * RouterOS's two built-in profiles. They differ in use-encryption; both
 * allow IPv6 as on RouterOS. RouterOS also sets change-tcp-mss there; this
 * build does not clamp the MSS, so they leave it at "default" (no).
 */
static int builtin_profile(struct conf_profile *p, const char *name)
{
	int err = conf_obj_init(&conf_schema_profile, p);

	if (err)
		return err;
	p->name = conf_strdup(name);
	p->use_ipv6 = CONF_SW_YES;
	if (!strcmp(name, "default-encryption"))
		p->use_encryption = CONF_SW_YES;
	return p->name ? 0 : -ENOMEM;
}

bool conf_profile_is_builtin_name(const char *name)
{
	return name && (!strcmp(name, "default") ||
			!strcmp(name, "default-encryption"));
}

void *conf_obj_reference(const struct conf_schema *s, const void *obj)
{
	const char *name = obj ? conf_obj_name(s, obj) : NULL;
	void *ref = calloc(1, s->size);
	int err;

	if (!ref)
		return NULL;
	if (s == &conf_schema_profile && conf_profile_is_builtin_name(name))
		err = builtin_profile(ref, name);
	else
		err = conf_obj_init(s, ref);
	if (err) {
		conf_obj_destroy(s, ref);
		return NULL;
	}
	return ref;
}

struct conf *conf_new(void)
{
	static const char *const builtins[] = { "default", "default-encryption" };
	struct conf *c = calloc(1, sizeof(*c));
	size_t i;

	if (!c)
		return NULL;
	if (conf_obj_init(&conf_schema_root, c))
		goto fail;
	for (i = 0; i < 2; i++) {
		struct conf_profile *p = conf_vec_push(&c->profiles,
						       &conf_schema_profile);

		if (!p)
			goto fail;
		conf_obj_free(&conf_schema_profile, p);
		if (builtin_profile(p, builtins[i]))
			goto fail;
	}
	return c;
fail:
	conf_free(c);
	return NULL;
}

void conf_free(struct conf *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	conf_obj_free(&conf_schema_root, c);	/* zeroes *c */
	free(c);
}

bool conf_equal(const struct conf *a, const struct conf *b)
{
	return conf_obj_equal(&conf_schema_root, a, b);
}

const void *conf_vec_find(const struct conf_vec *vec,
			  const struct conf_schema *s, const char *name)
{
	size_t i;

	for (i = 0; name && i < vec->n; i++) {
		const void *obj = conf_vec_at(vec, s, i);

		if (str_eq(conf_obj_name(s, obj), name))
			return obj;
	}
	return NULL;
}

const struct conf_profile *conf_profile_find(const struct conf *c, const char *name)
{
	return conf_vec_find(&c->profiles, &conf_schema_profile, name);
}

const struct conf_pool *conf_pool_find(const struct conf *c, const char *name)
{
	return conf_vec_find(&c->pools, &conf_schema_pool, name);
}

const struct conf_secret *conf_secret_find(const struct conf *c, const char *name)
{
	return conf_vec_find(&c->secrets, &conf_schema_secret, name);
}

const char *conf_intern_file(struct conf *c, const char *name)
{
	char **v;
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < c->nfiles; i++)
		if (!strcmp(c->files[i], name))
			return c->files[i];
	v = realloc(c->files, (c->nfiles + 1) * sizeof(*v));
	if (!v)
		return NULL;
	c->files = v;
	v[c->nfiles] = strdup(name);
	return v[c->nfiles] ? v[c->nfiles++] : NULL;
}

/* Best effort: a message that cannot be allocated is lost, not fatal. */
void conf_msg_add(struct conf_msgs *m, const char *file, unsigned line,
		  const char *path, const char *value, const char *fmt, ...)
{
	struct conf_msg *v, *msg;
	va_list ap;
	int n;

	v = realloc(m->v, (m->n + 1) * sizeof(*v));
	if (!v)
		return;
	m->v = v;
	msg = &v[m->n];
	memset(msg, 0, sizeof(*msg));
	va_start(ap, fmt);
	n = vasprintf(&msg->text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	msg->file = conf_strdup(file ? file : "(config)");
	msg->line = line;
	msg->path = conf_strdup(path);
	msg->value = conf_strdup(value);
	m->n++;
}

void conf_msgs_free(struct conf_msgs *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].file);
		free(m->v[i].path);
		free(m->v[i].text);
		free(m->v[i].value);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

void conf_msg_print(const struct conf_msg *m, FILE *out)
{
	if (m->line)
		fprintf(out, "%s:%u: ", m->file, m->line);
	else
		fprintf(out, "%s: ", m->file);
	if (m->path && *m->path)
		fprintf(out, "%s: ", m->path);
	fputs(m->text, out);
	if (m->value)
		fprintf(out, " '%s'", m->value);
}

static int msg_cmp(const void *a, const void *b)
{
	const struct conf_msg *x = a, *y = b;
	int r = strcmp(x->file, y->file);

	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;	/* keep the order of one line's messages */
}

void conf_msgs_sort(struct conf_msgs *m)
{
	if (m->n)
		qsort(m->v, m->n, sizeof(*m->v), msg_cmp);
}

void conf_msgs_print(const struct conf_msgs *m, FILE *out)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		conf_msg_print(&m->v[i], out);
		fputc('\n', out);
	}
}

/* Reads a whole file into a NUL-terminated buffer. */
int conf_read_file(const char *path, char **out)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int err = 0;

	if (!f)
		return -errno;
	do {
		if (len + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			nb = cap <= CONF_FILE_MAX ? realloc(buf, cap) : NULL;
			if (!nb) {
				err = cap > CONF_FILE_MAX ? -EFBIG : -ENOMEM;
				break;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, 4096, f);
		len += n;
	} while (n > 0);
	if (!err && ferror(f))
		err = -EIO;
	fclose(f);
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = 0;
	if (strlen(buf) != len) {
		free(buf);
		return -EINVAL;	/* a NUL byte: not a text file */
	}
	*out = buf;
	return 0;
}

/* A line that opens one of xl2tpd's sections: "[global]", "[lns x]"... */
static bool xl2tpd_section(const char *p)
{
	static const char *const kinds[] = { "global", "lns", "lac" };
	size_t i, n;

	if (*p++ != '[')
		return false;
	p += strspn(p, " \t");
	for (i = 0; i < 3; i++) {
		n = strlen(kinds[i]);
		if (!strncasecmp(p, kinds[i], n) && strchr(" \t]", p[n]))
			return true;
	}
	return false;
}

/*
 * xl2tpd.conf has [global], [lns NAME] or [lac NAME] sections; no line of
 * a libconfig file starts so. A file of nothing but ';' comments, like
 * the xl2tpd.conf Debian installs, is xl2tpd's too: libconfig has no ';'
 * comments.
 */
bool conf_is_xl2tpd(const char *text)
{
	const char *p = text;
	bool semicolon = false, statement = false;

	while (*p) {
		p += strspn(p, " \t\r\n");
		if (xl2tpd_section(p))
			return true;
		if (*p == ';')
			semicolon = true;
		else if (*p && *p != '#' && !(p[0] == '/' && p[1] == '/'))
			statement = true;
		p += strcspn(p, "\n");
	}
	return semicolon && !statement;
}

int conf_load(const char *path, const struct conf_load_opts *opts,
	      struct conf **out, struct conf_msgs *errs)
{
	static const struct conf_load_opts none;
	struct conf *c;
	char *text;
	int err;

	err = conf_read_file(path, &text);
	if (err) {
		conf_msg_add(errs, path, 0, NULL, NULL, "cannot read: %s",
			     strerror(-err));
		return err;
	}
	c = conf_new();
	if (!c) {
		free(text);
		return -ENOMEM;
	}
	if (conf_is_xl2tpd(text))
		err = conf_xl2tpd_parse(c, text, path, opts ? opts : &none, errs);
	else
		err = conf_parse_string(c, text, path, errs);
	free(text);
	/*
	 * Values that parsed are checked as a whole even when others did not,
	 * so that one run shows every mistake; a syntax error or a failed
	 * allocation (-EBADMSG, -ENOMEM) leaves nothing worth checking.
	 */
	if (!err || err == -EINVAL)
		err = conf_validate(c, errs) ? -EINVAL : err;
	if (err == -EBADMSG)
		err = -EINVAL;
	conf_msgs_sort(errs);
	if (err) {
		conf_free(c);
		return err;
	}
	*out = c;
	return 0;
}
