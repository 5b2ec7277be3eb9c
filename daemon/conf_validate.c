// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Checks of a parsed configuration as a whole, for either file format:
 * properties this build does not implement, required properties, duplicate
 * names, references to profiles, pools and secrets that do not exist,
 * overlapping pools. Every problem is reported, each with the file and
 * line of the property at fault.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf_impl.h"

#define PATH_LEN	256

struct vctx {
	const struct conf *c;
	struct conf_msgs *msgs;
	unsigned n;
};

static unsigned line_of(const void *obj, const struct conf_schema *s,
			const struct conf_prop *p)
{
	const struct conf_meta *m = obj;
	size_t i = p ? (size_t)(p - s->props) : 0;

	return p && m->prop_line[i] ? m->prop_line[i] : m->line;
}

/*
 * The name a message gives a property: xl2tpd's keyword for a config read
 * from xl2tpd.conf (its lines have no nesting), else the l2tpd.conf path.
 */
static void prop_path(const struct vctx *v, const char *obj_path,
		      const struct conf_prop *p, char *buf, size_t len)
{
	if (v->c->origin == CONF_ORIGIN_XL2TPD && p && p->xname)
		snprintf(buf, len, "%s", p->xname);
	else if (p)
		snprintf(buf, len, "%s%s%s", obj_path, *obj_path ? "." : "",
			 p->name);
	else
		snprintf(buf, len, "%s", obj_path);
}

static void report(struct vctx *v, const struct conf_schema *s, const void *obj,
		   const struct conf_prop *p, const char *obj_path,
		   const char *value, const char *text)
{
	const struct conf_meta *m = obj;
	char path[PATH_LEN];

	/* a value refused by the parser was reported there already */
	if (p && (m->bad & (UINT64_C(1) << (p - s->props))))
		return;
	prop_path(v, obj_path, p, path, sizeof(path));
	conf_msg_add(v->msgs, m->file ? m->file : v->c->meta.file,
		     line_of(obj, s, p), path, value, "%s", text);
	v->n++;
}

static void report_value(struct vctx *v, const struct conf_schema *s,
			 const void *obj, const struct conf_prop *p,
			 const char *obj_path, const char *text)
{
	char value[CONF_VALUE_MAX];

	if (p->flags & CF_SECRET)
		snprintf(value, sizeof(value), "%s", "(secret)");
	else
		conf_value_format(p, conf_field(obj, p), value, sizeof(value));
	report(v, s, obj, p, obj_path, *value ? value : NULL, text);
}

static void check_unsupported(struct vctx *v, const struct conf_schema *s,
			      const void *obj, const char *path)
{
	void *ref = NULL;
	size_t i;

	for (i = 0; i < conf_nunsupported; i++) {
		const struct conf_unsupported *u = &conf_unsupported[i];
		const struct conf_prop *p;
		const void *f;
		bool used;

		if (u->schema != s)
			continue;
		p = conf_schema_prop(s, u->prop, NULL);
		f = conf_field(obj, p);
		if (u->in_use) {
			used = u->in_use(p, f);
		} else {
			if (!ref)
				ref = conf_obj_reference(s, obj);
			used = ref && !conf_value_equal(p, f, conf_field(ref, p));
		}
		if (used)
			report_value(v, s, obj, p, path, "not supported in this build");
	}
	conf_obj_destroy(s, ref);
}

/* ctx: CF_LNS or CF_LAC inside an xl2tpd peer, else 0. */
static void check_required(struct vctx *v, const struct conf_schema *s,
			   const void *obj, const char *path, unsigned ctx)
{
	size_t i;

	for (i = 0; i < s->nprops; i++) {
		const struct conf_prop *p = &s->props[i];
		const void *f = conf_field(obj, p);
		bool set;

		if (!(p->flags & CF_REQUIRED) ||
		    (ctx && (p->flags & (CF_LNS | CF_LAC)) && !(p->flags & ctx)))
			continue;
		/* required properties are names (strings) and connect-to */
		set = p->type == CT_TARGET ?
			((const struct conf_target *)f)->host != NULL :
			*(char *const *)f != NULL;
		if (!set)
			report(v, s, obj, p, path, NULL, "is required");
	}
}

static void walk(struct vctx *v, const struct conf_schema *s, const void *obj,
		 const char *path, unsigned ctx);
static void check_refs(struct vctx *v, const struct conf_schema *s,
		       const void *obj, const char *path);

static void walk_vec(struct vctx *v, const struct conf_prop *p,
		     const struct conf_vec *vec, const char *path, unsigned ctx)
{
	char epath[PATH_LEN];
	size_t i;

	for (i = 0; i < vec->n; i++) {
		const void *e = conf_vec_at(vec, p->sub, i);
		const char *name = conf_obj_name(p->sub, e);

		if (name)
			conf_pathf(epath, sizeof(epath), "%s[%s]", path, name);
		else
			conf_pathf(epath, sizeof(epath), "%s[#%zu]", path, i + 1);
		walk(v, p->sub, e, epath, ctx);
	}
}

/* Per-object checks, everywhere in the tree. */
static void walk(struct vctx *v, const struct conf_schema *s, const void *obj,
		 const char *path, unsigned ctx)
{
	char ppath[PATH_LEN];
	size_t i;

	check_unsupported(v, s, obj, path);
	check_required(v, s, obj, path, ctx);
	check_refs(v, s, obj, path);
	for (i = 0; i < s->nprops; i++) {
		const struct conf_prop *p = &s->props[i];
		const void *f = conf_field(obj, p);
		unsigned sub = ctx | (p->flags & (CF_LNS | CF_LAC));

		conf_pathf(ppath, sizeof(ppath), "%s%s%s", path, *path ? "." : "",
			 p->name);
		if (p->type == CT_STRUCT)
			walk(v, p->sub, f, ppath, sub);
		else if (p->type == CT_GROUP && *(void *const *)f)
			walk(v, p->sub, *(void *const *)f, ppath, sub);
		else if (p->type == CT_VEC)
			walk_vec(v, p, f, ppath, sub);
	}
}

struct named {
	const char *name;
	const void *obj;
	const struct conf_schema *s;
	const char *kind;
};

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	const struct conf_meta *mx = x->obj, *my = y->obj;
	int r = strcmp(x->name, y->name);

	if (r)
		return r;
	/* the one written later is the duplicate */
	if (mx->line != my->line)
		return mx->line < my->line ? -1 : 1;
	return x->obj < y->obj ? -1 : x->obj > y->obj;
}

static int collect(struct named **all, size_t *n, const struct conf_vec *vec,
		   const struct conf_schema *s, const char *kind, bool ifnames)
{
	struct named *v;
	size_t i;

	for (i = 0; i < vec->n; i++) {
		const void *obj = conf_vec_at(vec, s, i);
		const char *name = conf_obj_name(s, obj);

		if (!name || (ifnames && s == &conf_schema_client &&
			      ((const struct conf_client *)obj)->xl2tpd))
			continue;
		v = realloc(*all, (*n + 1) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		v[(*n)++] = (struct named){ name, obj, s, kind };
		*all = v;
	}
	return 0;
}

/* Names unique in a list; interface names unique across two lists. */
static void check_unique(struct vctx *v, const struct conf_vec *a,
			 const struct conf_schema *sa, const struct conf_vec *b,
			 const struct conf_schema *sb, const char *what)
{
	struct named *all = NULL;
	char path[PATH_LEN];
	size_t n = 0, i;

	if (collect(&all, &n, a, sa, sa->name, b != NULL) ||
	    (b && collect(&all, &n, b, sb, sb->name, true))) {
		free(all);
		return;
	}
	if (n > 1)
		qsort(all, n, sizeof(*all), named_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(all[i].name, all[i - 1].name))
			continue;
		conf_pathf(path, sizeof(path), "%s[%s]", all[i].kind, all[i].name);
		report(v, all[i].s, all[i].obj, conf_schema_prop(all[i].s,
		       "name", NULL), path, all[i].name, what);
	}
	free(all);
}

/* Properties that name another object, and what they name. */
static const struct conf_ref {
	const struct conf_schema *from;
	const char *prop;
	const struct conf_schema *to;
	const char *what;
} refs[] = {
	{ &conf_schema_server, "default-profile", &conf_schema_profile, "profile" },
	{ &conf_schema_secret, "profile", &conf_schema_profile, "profile" },
	{ &conf_schema_client, "profile", &conf_schema_profile, "profile" },
	{ &conf_schema_xl2tpd_peer, "profile", &conf_schema_profile, "profile" },
	{ &conf_schema_server_if, "user", &conf_schema_secret, "secret" },
	{ &conf_schema_profile, "local-address", &conf_schema_pool, "pool" },
	{ &conf_schema_profile, "remote-address", &conf_schema_pool, "pool" },
};

/* The top-level list that holds objects of schema s. */
static const struct conf_vec *list_of(const struct conf *c,
				      const struct conf_schema *s)
{
	size_t i;

	for (i = 0; i < conf_schema_root.nprops; i++)
		if (conf_schema_root.props[i].sub == s)
			return conf_field(c, &conf_schema_root.props[i]);
	return NULL;
}

static void check_refs(struct vctx *v, const struct conf_schema *s,
		       const void *obj, const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		const struct conf_prop *p;
		const void *f;
		const char *name;
		char text[64];

		if (refs[i].from != s)
			continue;
		p = conf_schema_prop(s, refs[i].prop, NULL);
		f = conf_field(obj, p);
		name = p->type == CT_ADDR_POOL ?
			((const struct conf_addr_pool *)f)->pool : *(char *const *)f;
		if (!name || conf_vec_find(list_of(v->c, refs[i].to), refs[i].to, name))
			continue;
		snprintf(text, sizeof(text), "no such %s", refs[i].what);
		report(v, s, obj, p, path, name, text);
	}
}

static void obj_path(const struct conf_schema *s, const void *obj, char *buf,
		     size_t len)
{
	const char *name = conf_obj_name(s, obj);

	conf_pathf(buf, len, "%s[%s]", s->name, name ? name : "?");
}

/* next-pool chains must end: a loop would hand out nothing forever. */
static void check_pool_chain(struct vctx *v, const struct conf_pool *p,
			     const char *path)
{
	const struct conf_pool *q = p;
	size_t steps;

	for (steps = 0; q && q->next_pool; steps++) {
		q = conf_vec_find(&v->c->pools, &conf_schema_pool, q->next_pool);
		if (q == p || steps > v->c->pools.n) {
			report(v, &conf_schema_pool, p, conf_schema_prop(
			       &conf_schema_pool, "next-pool", NULL), path,
			       p->next_pool, "next-pool chain loops");
			return;
		}
	}
	if (p->next_pool && !q)
		report(v, &conf_schema_pool, p, conf_schema_prop(&conf_schema_pool,
		       "next-pool", NULL), path, p->next_pool, "no such pool");
}

static void check_pools(struct vctx *v)
{
	const struct conf_vec *pools = &v->c->pools;
	const struct conf_prop *rp = conf_schema_prop(&conf_schema_pool,
						      "ranges", NULL);
	struct conf_ranges *eff = calloc(pools->n + 1, sizeof(*eff));
	char path[PATH_LEN], text[PATH_LEN];
	struct conf_ip ip;
	size_t i, j;

	for (i = 0; eff && i < pools->n; i++) {
		const struct conf_pool *p = conf_vec_at(pools, &conf_schema_pool, i);

		obj_path(&conf_schema_pool, p, path, sizeof(path));
		if (p->name && !conf_parse_ip(p->name, false, &ip))
			report(v, &conf_schema_pool, p, conf_schema_prop(
			       &conf_schema_pool, "name", NULL), path, p->name,
			       "a pool name must not be an address");
		check_pool_chain(v, p, path);
		if (conf_ranges_effective(&p->ranges, &eff[i]))
			break;
		if (!eff[i].n) {
			report_value(v, &conf_schema_pool, p, rp, path,
				     "has no addresses");
			continue;
		}
		for (j = 0; j < i; j++) {
			const struct conf_pool *q = conf_vec_at(pools,
				&conf_schema_pool, j);

			if (!conf_ranges_overlap(&eff[i], &eff[j]))
				continue;
			snprintf(text, sizeof(text), "overlaps pool '%s'",
				 q->name ? q->name : "?");
			report_value(v, &conf_schema_pool, p, rp, path, text);
		}
	}
	for (i = 0; eff && i < pools->n; i++)
		free(eff[i].v);
	free(eff);
}

static void check_server(struct vctx *v)
{
	const struct conf_server *s = &v->c->server;
	const struct conf_schema *sc = &conf_schema_server;
	size_t i;

	if (!s->enabled)
		return;
	if (!s->listen.n)
		report(v, sc, s, conf_schema_prop(sc, "listen", NULL), "server",
		       NULL, "an enabled server needs a listen address");
	for (i = 0; i < s->listen.n; i++)
		if (!s->listen.v[i].port)
			report_value(v, sc, s, conf_schema_prop(sc, "listen", NULL),
				     "server", "an enabled server needs a port");
	if (!s->authentication)
		report(v, sc, s, conf_schema_prop(sc, "authentication", NULL),
		       "server", NULL, "an enabled server needs a method");
}

/* Clients name their ppp interface, so the kernel must take the name. */
static void check_ifnames(struct vctx *v)
{
	const struct conf *c = v->c;
	char path[PATH_LEN];
	size_t i;

	for (i = 0; i < c->clients.n; i++) {
		const struct conf_client *cl = conf_vec_at(&c->clients,
							   &conf_schema_client, i);

		obj_path(&conf_schema_client, cl, path, sizeof(path));
		if (cl->name && !cl->xl2tpd && !conf_ifname_ok(cl->name))
			report(v, &conf_schema_client, cl, conf_schema_prop(
			       &conf_schema_client, "name", NULL), path, cl->name,
			       "not a valid interface name (1-15 characters, no "
			       "'/', ':' or blanks)");
	}
	for (i = 0; i < c->server_interfaces.n; i++) {
		const struct conf_server_if *s = conf_vec_at(&c->server_interfaces,
			&conf_schema_server_if, i);

		obj_path(&conf_schema_server_if, s, path, sizeof(path));
		if (s->name && !conf_ifname_ok(s->name))
			report(v, &conf_schema_server_if, s, conf_schema_prop(
			       &conf_schema_server_if, "name", NULL), path,
			       s->name, "not a valid interface name (1-15 "
			       "characters, no '/', ':' or blanks)");
	}
}

/*
 * Clients naming the same tunnel place their calls in one control
 * connection (RFC 2661 §3.1: a tunnel carries many sessions), so what
 * makes up the tunnel must be the same in each: the later client is
 * reported against the first one of its tunnel.
 */
static void check_shared_tunnel(struct vctx *v, const struct conf_client *cl,
				const struct conf_client *first)
{
	static const char *const props[] = { "connect-to", "src-address",
		"host-name", "tunnel-secret", "hide-avps",
		"keepalive-timeout" };
	const struct conf_schema *s = &conf_schema_client;
	const struct conf_prop *p;
	char path[PATH_LEN], text[PATH_LEN];
	size_t i;

	obj_path(s, cl, path, sizeof(path));
	for (i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		p = conf_schema_prop(s, props[i], NULL);
		if (conf_value_equal(p, conf_field(cl, p), conf_field(first, p)))
			continue;
		snprintf(text, sizeof(text), "differs from client %s's, which "
			 "shares tunnel %s", first->name ? first->name : "?",
			 cl->tunnel);
		report_value(v, s, cl, p, path, text);
	}
}

static void check_shared_tunnels(struct vctx *v)
{
	const struct conf_vec *cls = &v->c->clients;
	const struct conf_client *cl, *o;
	size_t i, j;

	for (i = 0; i < cls->n; i++) {
		cl = conf_vec_at(cls, &conf_schema_client, i);
		if (!cl->tunnel || !cl->tunnel[0])
			continue;
		for (j = 0; j < i; j++) {
			o = conf_vec_at(cls, &conf_schema_client, j);
			if (o->tunnel && !strcmp(o->tunnel, cl->tunnel))
				break;
		}
		if (j < i)
			check_shared_tunnel(v, cl, o);
	}
}

int conf_validate(const struct conf *c, struct conf_msgs *errs)
{
	struct vctx v = { .c = c, .msgs = errs };

	walk(&v, &conf_schema_root, c, "", 0);
	check_unique(&v, &c->secrets, &conf_schema_secret, NULL, NULL,
		     "duplicate name");
	check_unique(&v, &c->profiles, &conf_schema_profile, NULL, NULL,
		     "duplicate name");
	check_unique(&v, &c->pools, &conf_schema_pool, NULL, NULL,
		     "duplicate name");
	check_unique(&v, &c->clients, &conf_schema_client,
		     &c->server_interfaces, &conf_schema_server_if,
		     "duplicate interface name");
	if (c->xl2tpd)
		check_unique(&v, &c->xl2tpd->lns, &conf_schema_xl2tpd_peer, NULL,
			     NULL, "duplicate name");
	check_pools(&v);
	check_server(&v);
	check_ifnames(&v);
	check_shared_tunnels(&v);
	return v.n ? -EINVAL : 0;
}

static void notes_walk(struct vctx *v, const struct conf_schema *s,
		       const void *obj, const char *path);

static void notes_vec(struct vctx *v, const struct conf_prop *p,
		      const struct conf_vec *vec, const char *path)
{
	char epath[PATH_LEN];
	size_t i;

	for (i = 0; i < vec->n; i++) {
		const void *e = conf_vec_at(vec, p->sub, i);
		const char *name = conf_obj_name(p->sub, e);

		conf_pathf(epath, sizeof(epath), "%s[%s]", path, name ? name : "?");
		notes_walk(v, p->sub, e, epath);
	}
}

static void notes_walk(struct vctx *v, const struct conf_schema *s,
		       const void *obj, const char *path)
{
	char ppath[PATH_LEN], text[PATH_LEN];
	void *ref = NULL;
	size_t i;

	for (i = 0; i < s->nprops; i++) {
		const struct conf_prop *p = &s->props[i];
		const void *f = conf_field(obj, p);

		conf_pathf(ppath, sizeof(ppath), "%s%s%s", path, *path ? "." : "",
			 p->name);
		if (p->type == CT_GROUP && *(void *const *)f)
			notes_walk(v, p->sub, *(void *const *)f, ppath);
		else if (p->type == CT_VEC)
			notes_vec(v, p, f, ppath);
		if (!p->no_effect || (!ref && !(ref = conf_obj_reference(s, obj))))
			continue;
		if (conf_value_equal(p, f, conf_field(ref, p)))
			continue;
		snprintf(text, sizeof(text), "no effect here because %s",
			 p->no_effect);
		report_value(v, s, obj, p, path, text);
	}
	conf_obj_destroy(s, ref);
}

void conf_notes(const struct conf *c, struct conf_msgs *notes)
{
	struct vctx v = { .c = c, .msgs = notes };

	notes_walk(&v, &conf_schema_root, c, "");
	conf_msgs_sort(notes);
}
