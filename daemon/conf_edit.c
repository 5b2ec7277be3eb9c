// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Run-time edits of a configuration (conf_edit.h). A copy walks the same
 * schema tables as conf_obj_free() and conf_obj_equal(), so a property
 * cannot be copied by one and missed by the other. An xl2tpd section given
 * on the control FIFO is read by xl2tpd.conf's own parser into a
 * configuration of its own, then moved into the edited one: the keys mean
 * exactly what they mean in the file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "conf_edit.h"
#include "conf_impl.h"

/* The size of a property's field in its object. */
static size_t value_size(const struct conf_prop *p)
{
	switch (p->type) {
	case CT_BOOL:
		return sizeof(bool);
	case CT_UINT:
	case CT_DURATION:
		return sizeof(uint32_t);
	case CT_INT:
		return sizeof(int32_t);
	case CT_SWITCH:
	case CT_ENUM:
		return sizeof(int);
	case CT_AUTH:
		return sizeof(unsigned);
	case CT_IP:
		return sizeof(struct conf_ip);
	case CT_IPS:
		return sizeof(struct conf_ips);
	case CT_ENDPOINTS:
		return sizeof(struct conf_endpoints);
	case CT_TARGET:
		return sizeof(struct conf_target);
	case CT_TARGETS:
		return sizeof(struct conf_targets);
	case CT_ADDR_POOL:
		return sizeof(struct conf_addr_pool);
	case CT_RANGES:
		return sizeof(struct conf_ranges);
	case CT_STRUCT:
		return p->sub->size;
	case CT_VEC:
		return sizeof(struct conf_vec);
	default:	/* CT_STRING, CT_GROUP: a pointer */
		return sizeof(void *);
	}
}

static bool owns_memory(const struct conf_prop *p)
{
	switch (p->type) {
	case CT_STRING:
	case CT_TARGET:
	case CT_TARGETS:
	case CT_ADDR_POOL:
	case CT_RANGES:
	case CT_STRUCT:
	case CT_GROUP:
	case CT_VEC:
		return true;
	default:
		return false;
	}
}

/*
 * After a copy failed at property `from`: the fields from there on still
 * share the source's memory; empty them, so that freeing the copy frees
 * only what it owns.
 */
static void unshare(const struct conf_schema *s, void *obj, size_t from)
{
	size_t i;

	for (i = from; i < s->nprops; i++)
		if (owns_memory(&s->props[i]))
			memset(conf_field(obj, &s->props[i]), 0,
			       value_size(&s->props[i]));
}

static int dup_str(char **s)
{
	if (*s && !(*s = strdup(*s)))
		return -ENOMEM;
	return 0;
}

static int dup_target(struct conf_target *t)
{
	int err = dup_str(&t->host);

	if (err) {
		t->vrf = NULL;
		return err;
	}
	return dup_str(&t->vrf);
}

static int dup_ranges(struct conf_ranges *r)
{
	struct conf_range *v = r->n ? malloc(r->n * sizeof(*v)) : NULL;

	if (v)
		memcpy(v, r->v, r->n * sizeof(*v));
	r->v = v;
	if (r->n && !v) {
		r->n = 0;
		return -ENOMEM;
	}
	return 0;
}

static int dup_fields(struct conf *dst, const struct conf_schema *s,
		      void *obj);

/* A shallow copy of n objects of s, then each made deep. */
static int dup_array(struct conf *dst, const struct conf_schema *s,
		     void **v, size_t n)
{
	char *copy;
	size_t i;

	if (!n || !*v) {
		*v = NULL;
		return 0;
	}
	copy = malloc(n * s->size);
	if (!copy) {
		*v = NULL;
		return -ENOMEM;
	}
	memcpy(copy, *v, n * s->size);
	*v = copy;
	for (i = 0; i < n; i++) {
		if (dup_fields(dst, s, copy + i * s->size)) {
			for (i++; i < n; i++)
				unshare(s, copy + i * s->size, 0);
			return -ENOMEM;
		}
	}
	return 0;
}

/* Replaces what field f of a shallow copy shares with a copy of its own. */
static int dup_value(struct conf *dst, const struct conf_prop *p, void *f)
{
	struct conf_targets *t = f;
	struct conf_vec *vec = f;
	size_t i;

	switch (p->type) {
	case CT_STRING:
		return dup_str(f);
	case CT_TARGET:
		return dup_target(f);
	case CT_TARGETS:
		for (i = 0; i < t->n; i++) {
			if (dup_target(&t->v[i])) {
				for (i++; i < t->n; i++)
					memset(&t->v[i], 0, sizeof(t->v[i]));
				return -ENOMEM;
			}
		}
		return 0;
	case CT_ADDR_POOL:
		return dup_str(&((struct conf_addr_pool *)f)->pool);
	case CT_RANGES:
		return dup_ranges(f);
	case CT_STRUCT:
		return dup_fields(dst, p->sub, f);
	case CT_GROUP:
		return dup_array(dst, p->sub, f, 1);
	case CT_VEC:
		if (!dup_array(dst, p->sub, &vec->v, vec->n))
			return 0;
		if (!vec->v)
			vec->n = 0;
		return -ENOMEM;
	default:
		return 0;
	}
}

static int dup_fields(struct conf *dst, const struct conf_schema *s,
		      void *obj)
{
	struct conf_meta *m = obj;
	size_t i;

	if (m->file && !(m->file = conf_intern_file(dst, m->file))) {
		unshare(s, obj, 0);
		return -ENOMEM;
	}
	for (i = 0; i < s->nprops; i++) {
		if (dup_value(dst, &s->props[i],
			      conf_field(obj, &s->props[i]))) {
			unshare(s, obj, i + 1);
			return -ENOMEM;
		}
	}
	return 0;
}

struct conf *conf_dup(const struct conf *c)
{
	struct conf *d = malloc(sizeof(*d));

	if (!d)
		return NULL;
	memcpy(d, c, sizeof(*d));
	d->files = NULL;
	d->nfiles = 0;
	if (dup_fields(d, &conf_schema_root, d)) {
		conf_free(d);
		return NULL;
	}
	return d;
}

/*
 * The object named name: the one named exactly so, else the only one whose
 * name matches ignoring case (xl2tpd compares names with strcasecmp()).
 */
void *conf_edit_find(const struct conf_vec *vec, const struct conf_schema *s,
		     const char *name, size_t *index)
{
	size_t i, hit = 0, n = 0;
	const char *o;

	for (i = 0; i < vec->n; i++) {
		o = conf_obj_name(s, conf_vec_at(vec, s, i));
		if (o && !strcmp(o, name)) {
			hit = i;
			n = 1;
			break;
		}
		if (o && !strcasecmp(o, name)) {
			hit = i;
			n++;
		}
	}
	if (n != 1)
		return NULL;
	if (index)
		*index = hit;
	return conf_vec_at(vec, s, hit);
}

const struct conf_client *conf_edit_find_client(const struct conf *c,
						const char *name)
{
	return conf_edit_find(&c->clients, &conf_schema_client, name, NULL);
}

void conf_edit_vec_remove(struct conf_vec *vec, const struct conf_schema *s,
			  size_t i)
{
	conf_obj_free(s, conf_vec_at(vec, s, i));
	memmove(conf_vec_at(vec, s, i), conf_vec_at(vec, s, i + 1),
		(vec->n - i - 1) * s->size);
	vec->n--;
}

/* An object moved from another configuration names its files in c's. */
static int reintern(struct conf *c, const struct conf_schema *s, void *obj)
{
	struct conf_meta *m = obj;
	const struct conf_prop *p;
	struct conf_vec *vec;
	size_t i, k;
	int err = 0;

	if (m->file && !(m->file = conf_intern_file(c, m->file)))
		return -ENOMEM;
	for (i = 0; !err && i < s->nprops; i++) {
		p = &s->props[i];
		vec = conf_field(obj, p);
		if (p->type == CT_STRUCT)
			err = reintern(c, p->sub, vec);
		else if (p->type == CT_GROUP && *(void **)vec)
			err = reintern(c, p->sub, *(void **)vec);
		for (k = 0; !err && p->type == CT_VEC && k < vec->n; k++)
			err = reintern(c, p->sub, conf_vec_at(vec, p->sub, k));
	}
	return err;
}

/* Moves src, an object of another configuration, to the end of vec. */
int conf_edit_move(struct conf *c, struct conf_vec *vec,
		   const struct conf_schema *s, void *src)
{
	void *dst = conf_vec_push(vec, s);

	if (!dst)
		return -ENOMEM;
	conf_obj_free(s, dst);
	memcpy(dst, src, s->size);
	memset(src, 0, s->size);
	return reintern(c, s, dst);
}

/* Whether a property of src was written, or differs from its default. */
static bool written(const struct conf_schema *s, size_t i, const void *src,
		    const void *ref)
{
	const struct conf_meta *m = src;
	const struct conf_prop *p = &s->props[i];

	return m->prop_line[i] ||
	       !conf_value_equal(p, conf_field(src, p), conf_field(ref, p));
}

static bool any_written(const struct conf_schema *s, const void *src)
{
	void *ref = conf_obj_reference(s, src);
	bool any = !ref;
	size_t i;

	for (i = 0; ref && !any && i < s->nprops; i++)
		any = written(s, i, src, ref);
	conf_obj_destroy(s, ref);
	return any;
}


/*
 * Range rules ("ip range", "no ip range", "lac", "no lac") go on from the
 * rules there are, as in a section named again in xl2tpd.conf.
 */
static int append_ranges(struct conf_ranges *dst, const struct conf_ranges *src)
{
	size_t i;
	int err = 0;

	for (i = 0; !err && i < src->n; i++)
		err = conf_ranges_push(dst, &src->v[i]);
	return err;
}

/* A group (an xl2tpd part) of src merges into dst's, or becomes it. */
static int merge_group(struct conf *c, const struct conf_prop *p, void **dst,
		       void **src)
{
	if (!*src)
		return 0;
	if (*dst)
		return conf_edit_merge(c, p->sub, *dst, *src);
	if (!any_written(p->sub, *src))
		return 0;
	*dst = *src;
	*src = NULL;
	return reintern(c, p->sub, *dst);
}

/* dst takes the properties src has written; the others stay. */
int conf_edit_merge(struct conf *c, const struct conf_schema *s, void *dst,
		    void *src)
{
	void *ref = conf_obj_reference(s, src);
	const struct conf_prop *p;
	void *fd, *fs;
	size_t i;
	int err = ref ? 0 : -ENOMEM;

	for (i = 0; !err && i < s->nprops; i++) {
		p = &s->props[i];
		fd = conf_field(dst, p);
		fs = conf_field(src, p);
		if (p->flags & CF_NAME)
			continue;
		if (p->type == CT_GROUP) {
			err = merge_group(c, p, fd, fs);
			continue;
		}
		if (p->type == CT_STRUCT) {
			err = conf_edit_merge(c, p->sub, fd, fs);
			continue;
		}
		if (!written(s, i, src, ref))
			continue;
		if (p->type == CT_RANGES) {
			err = append_ranges(fd, fs);
			continue;
		}
		conf_value_reset(p, fd);
		memcpy(fd, fs, value_size(p));
		memset(fs, 0, value_size(p));
		/* the line was one of the edit's, not of dst's file */
		((struct conf_meta *)dst)->prop_line[i] = 0;
	}
	conf_obj_destroy(s, ref);
	return err;
}

/* t's object name (if t has one) merges into c's of that name, or is added. */
static int take_named(struct conf *c, struct conf_vec *cvec,
		      struct conf_vec *tvec, const struct conf_schema *s,
		      const char *name)
{
	void *src = conf_edit_find(tvec, s, name, NULL);
	void *dst = conf_edit_find(cvec, s, name, NULL);

	if (!src)
		return 0;
	return dst ? conf_edit_merge(c, s, dst, src) :
		     conf_edit_move(c, cvec, s, src);
}

/*
 * A new [lac] sends from xl2tpd's one socket, [global]'s listen-addr and
 * port, as the file's own [lac] sections do (conf_xl2tpd.c).
 */
static void lac_source(const struct conf *c, struct conf_client *cl)
{
	const struct conf_endpoint *l = &c->server.listen.v[0];

	if (c->origin != CONF_ORIGIN_XL2TPD || !c->server.listen.n)
		return;
	cl->random_source_port = !l->port;
	if (l->ip.family == AF_INET && memcmp(l->ip.a, "\0\0\0\0", 4))
		cl->src_address = l->ip;
}

static int take_lac(struct conf *c, struct conf *t)
{
	struct conf_client *src = conf_vec_at(&t->clients, &conf_schema_client,
					      0);
	struct conf_client *dst = conf_edit_find(&c->clients,
						 &conf_schema_client, src->name,
						 NULL);

	if (dst)
		return conf_edit_merge(c, &conf_schema_client, dst, src);
	lac_source(c, src);
	return conf_edit_move(c, &c->clients, &conf_schema_client, src);
}

/* The [lns], its profile "lns-NAME" and pools "lns-NAME", "lns-NAME-local". */
static int take_lns(struct conf *c, struct conf *t)
{
	struct conf_xl2tpd_peer *src = conf_vec_at(&t->xl2tpd->lns,
		&conf_schema_xl2tpd_peer, 0);
	char name[300], local[310];
	bool is_default = !strcasecmp(src->name, "default");
	int err;

	snprintf(name, sizeof(name), "%s", src->profile);
	snprintf(local, sizeof(local), "%s-local", name);
	if (!c->xl2tpd &&
	    !(c->xl2tpd = conf_obj_reference(&conf_schema_xl2tpd, NULL)))
		return -ENOMEM;
	err = take_named(c, &c->xl2tpd->lns, &t->xl2tpd->lns,
			 &conf_schema_xl2tpd_peer, src->name);
	if (!err)
		err = take_named(c, &c->profiles, &t->profiles,
				 &conf_schema_profile, name);
	if (!err)
		err = take_named(c, &c->pools, &t->pools, &conf_schema_pool,
				 name);
	if (!err)
		err = take_named(c, &c->pools, &t->pools, &conf_schema_pool,
				 local);
	if (err)
		return err;
	c->server.enabled = true;
	if (is_default) {
		free(c->server.default_profile);
		c->server.default_profile = strdup(name);
		if (!c->server.default_profile)
			return -ENOMEM;
	}
	return 0;
}

int conf_edit_section(struct conf *c, bool lns, const char *name,
		      const char *settings, struct conf_msgs *errs)
{
	static const struct conf_load_opts none;
	struct conf *t = conf_new();
	char *text = NULL;
	int err;

	if (!t || asprintf(&text, "[%s %s]\n%s", lns ? "lns" : "lac", name,
			   settings) < 0) {
		conf_free(t);
		return -ENOMEM;
	}
	err = conf_xl2tpd_parse(t, text, CONF_EDIT_FILE, &none, errs);
	free(text);
	/* a bad name ("a]b") opens no section */
	if (!err && !(lns ? t->xl2tpd->lns.n : t->clients.n))
		err = -EINVAL;
	if (!err)
		err = lns ? take_lns(c, t) : take_lac(c, t);
	conf_free(t);
	return err;
}

static int remove_lns(struct conf *c, const char *name)
{
	struct conf_vec *lns = c->xl2tpd ? &c->xl2tpd->lns : NULL;
	struct conf_xl2tpd_peer *p;
	char prof[300], local[310];
	size_t i;

	p = lns ? conf_edit_find(lns, &conf_schema_xl2tpd_peer, name, &i) :
		  NULL;
	if (!p)
		return -ENOENT;
	snprintf(prof, sizeof(prof), "%s", p->profile ? p->profile : "");
	snprintf(local, sizeof(local), "%s-local", prof);
	conf_edit_vec_remove(lns, &conf_schema_xl2tpd_peer, i);
	if (!conf_profile_is_builtin_name(prof) &&
	    conf_edit_find(&c->profiles, &conf_schema_profile, prof, &i))
		conf_edit_vec_remove(&c->profiles, &conf_schema_profile, i);
	if (conf_edit_find(&c->pools, &conf_schema_pool, prof, &i))
		conf_edit_vec_remove(&c->pools, &conf_schema_pool, i);
	if (conf_edit_find(&c->pools, &conf_schema_pool, local, &i))
		conf_edit_vec_remove(&c->pools, &conf_schema_pool, i);
	if (c->server.default_profile &&
	    !strcmp(c->server.default_profile, prof)) {
		free(c->server.default_profile);
		c->server.default_profile = NULL;
	}
	/* xl2tpd takes no call without an [lns] to take it */
	if (c->origin == CONF_ORIGIN_XL2TPD && !lns->n)
		c->server.enabled = false;
	return 0;
}

int conf_edit_remove(struct conf *c, bool lns, const char *name)
{
	size_t i;

	if (lns)
		return remove_lns(c, name);
	if (!conf_edit_find(&c->clients, &conf_schema_client, name, &i))
		return -ENOENT;
	conf_edit_vec_remove(&c->clients, &conf_schema_client, i);
	return 0;
}

static int replace_str(char **f, const char *v)
{
	char *s = strdup(v);

	if (!s)
		return -ENOMEM;
	free(*f);
	*f = s;
	return 0;
}

int conf_edit_client(struct conf *c, const char *name, bool enabled,
		     const char *user, const char *password)
{
	struct conf_client *cl = conf_edit_find(&c->clients,
						 &conf_schema_client, name, NULL);
	int err = 0;

	if (!cl)
		return -ENOENT;
	cl->disabled = !enabled;
	if (user)
		err = replace_str(&cl->user, user);
	if (!err && password)
		err = replace_str(&cl->password, password);
	return err;
}
