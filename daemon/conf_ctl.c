// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpctl's edits of a configuration (conf_ctl.h). An edit's properties
 * become a one-object l2tpd.conf fragment, parsed into a configuration of
 * its own; the object is then moved (add) or merged (set) into the edited
 * one, as conf_edit.c does with xl2tpd's sections.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_ctl.h"
#include "conf_impl.h"

static const char *const verb_names[CONF_CTL_VERB_MAX] = {
	[CONF_CTL_ADD] = "add",
	[CONF_CTL_SET] = "set",
	[CONF_CTL_REMOVE] = "remove",
	[CONF_CTL_ENABLE] = "enable",
	[CONF_CTL_DISABLE] = "disable",
};

/* Each kind: l2tpctl's path, its l2tpd.conf list (NULL: the server). */
static const struct kind {
	const char *name;
	const char *list;
	const struct conf_schema *schema;
	size_t off;		/* of the struct conf_vec, or of the server */
} kinds[CONF_KIND_MAX] = {
	[CONF_KIND_SERVER] = { "interface l2tp-server server", NULL,
			       &conf_schema_server,
			       offsetof(struct conf, server) },
	[CONF_KIND_SERVER_IF] = { "interface l2tp-server", "server-interfaces",
				  &conf_schema_server_if,
				  offsetof(struct conf, server_interfaces) },
	[CONF_KIND_SECRET] = { "ppp secret", "secrets", &conf_schema_secret,
			       offsetof(struct conf, secrets) },
	[CONF_KIND_PROFILE] = { "ppp profile", "profiles", &conf_schema_profile,
				offsetof(struct conf, profiles) },
	[CONF_KIND_POOL] = { "ip pool", "pools", &conf_schema_pool,
			     offsetof(struct conf, pools) },
	[CONF_KIND_CLIENT] = { "interface l2tp-client", "clients",
			       &conf_schema_client,
			       offsetof(struct conf, clients) },
};

const char *conf_ctl_verb_name(enum conf_ctl_verb v)
{
	return (unsigned)v < CONF_CTL_VERB_MAX ? verb_names[v] : NULL;
}

const char *conf_ctl_kind_name(enum conf_kind k)
{
	return (unsigned)k < CONF_KIND_MAX ? kinds[k].name : NULL;
}

int conf_ctl_verb_lookup(const char *name)
{
	int i;

	for (i = 0; i < CONF_CTL_VERB_MAX; i++)
		if (!strcmp(verb_names[i], name))
			return i;
	return -ENOENT;
}

int conf_ctl_kind_lookup(const char *name)
{
	int i;

	for (i = 0; i < CONF_KIND_MAX; i++)
		if (!strcmp(kinds[i].name, name))
			return i;
	return -ENOENT;
}

static struct conf_vec *kind_vec(const struct conf *c, const struct kind *k)
{
	return (struct conf_vec *)((const char *)c + k->off);
}

const char *conf_ctl_resolve(const struct conf *c, enum conf_kind kind,
			     const char *item)
{
	const struct kind *k = &kinds[kind];
	const struct conf_vec *vec;
	const void *obj;
	char *end;
	unsigned long n;

	if ((unsigned)kind >= CONF_KIND_MAX || !k->list)
		return NULL;
	vec = kind_vec(c, k);
	obj = conf_edit_find(vec, k->schema, item, NULL);
	if (obj)
		return conf_obj_name(k->schema, obj);
	/* A number: the position print showed (RouterOS's numbers=). */
	if (*item < '0' || *item > '9')
		return NULL;
	n = strtoul(item, &end, 10);
	if (*end || n >= vec->n)
		return NULL;
	return conf_obj_name(k->schema, conf_vec_at(vec, k->schema, n));
}

/* A libconfig string: quotes and backslashes escaped, controls as \xNN. */
static void put_string(FILE *f, const char *v)
{
	unsigned char ch;

	fputc('"', f);
	for (; *v; v++) {
		ch = (unsigned char)*v;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\x%02x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/*
 * Every value is written as a string, which l2tpd.conf takes for every
 * type (numbers, durations, "yes"/"no", lists as "a,b"); true and false
 * stay booleans where the file takes those.
 */
static void put_prop(FILE *f, const struct conf_prop *p, const char *v)
{
	fprintf(f, "%s = ", p->name);
	if ((p->type == CT_BOOL || p->type == CT_SWITCH) &&
	    (!strcmp(v, "true") || !strcmp(v, "false")))
		fputs(v, f);
	else
		put_string(f, v);
	fputs("; ", f);
}

/* Every key is a settable property of the kind's schema. */
static int check_keys(const struct kind *k, const struct conf_ctl_edit *e,
		      const char *file, unsigned line, struct conf_msgs *errs)
{
	const struct conf_prop *p;
	size_t i;
	int err = 0;

	for (i = 0; i < e->nprops; i++) {
		p = conf_schema_prop(k->schema, e->props[i].key, NULL);
		if (p && !(p->flags & CF_INTERNAL) && p->type != CT_STRUCT &&
		    p->type != CT_GROUP && p->type != CT_VEC)
			continue;
		conf_msg_add(errs, file, line, NULL, e->props[i].key,
			     "unknown property of %s", k->name);
		err = -EINVAL;
	}
	return err;
}

/*
 * The fragment for one object: name (NULL: the server), e's properties
 * but the name, and disabled when not NULL. Blank lines first, so that
 * libconfig's line numbers are the caller's.
 */
static char *fragment(const struct kind *k, const struct conf_ctl_edit *e,
		      const char *name, const char *disabled, unsigned line)
{
	const struct conf_prop *p;
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	for (; line > 1; line--)
		fputc('\n', f);
	if (k->list) {
		fprintf(f, "%s = ( { name = ", k->list);
		put_string(f, name);
		fputs("; ", f);
	} else {
		fputs("server = { ", f);
	}
	for (i = 0; i < e->nprops; i++) {
		p = conf_schema_prop(k->schema, e->props[i].key, NULL);
		if (!(p->flags & CF_NAME))
			put_prop(f, p, e->props[i].value);
	}
	if (disabled)
		fprintf(f, "disabled = %s; ", disabled);
	fputs(k->list ? "} );\n" : "};\n", f);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

/* The fragment read as l2tpd.conf would read it. */
static int parse(const struct kind *k, const struct conf_ctl_edit *e,
		 const char *name, const char *disabled, const char *file,
		 unsigned line, struct conf_msgs *errs, struct conf **out)
{
	char *text = fragment(k, e, name, disabled, line);
	struct conf *t = text ? conf_new() : NULL;
	int err = t ? conf_parse_string(t, text, file, errs) : -ENOMEM;

	free(text);
	if (err) {
		conf_free(t);
		return err;
	}
	*out = t;
	return 0;
}

static const char *prop_value(const struct conf_ctl_edit *e, const char *key)
{
	size_t i;

	for (i = 0; i < e->nprops; i++)
		if (!strcmp(e->props[i].key, key))
			return e->props[i].value;
	return NULL;
}

static int ctl_add(struct conf *c, const struct kind *k,
		   const struct conf_ctl_edit *e, const char *file,
		   unsigned line, struct conf_msgs *errs)
{
	const char *name = prop_value(e, "name");
	struct conf_vec *vec = kind_vec(c, k);
	char path[300];
	struct conf *t;
	int err;

	if (!k->list || !name || !*name) {
		conf_msg_add(errs, file, line, NULL, NULL, "%s add needs %s",
			     k->name, k->list ? "name=" : "an object");
		return -EINVAL;
	}
	conf_pathf(path, sizeof(path), "%s[%s]", k->list, name);
	if (conf_edit_find(vec, k->schema, name, NULL)) {
		conf_msg_add(errs, file, line, path, NULL, "already exists");
		return -EEXIST;
	}
	err = parse(k, e, name, NULL, file, line, errs, &t);
	if (err)
		return err;
	err = conf_edit_move(c, vec, k->schema,
			     conf_edit_find(kind_vec(t, k), k->schema, name,
					    NULL));
	conf_free(t);
	return err;
}

/* set name=NEW: the object's name changes, unless another has NEW. */
static int rename_obj(struct conf *c, const struct kind *k, void *obj,
		      const char *to, const char *path, const char *file,
		      unsigned line, struct conf_msgs *errs)
{
	const struct conf_prop *p;
	size_t idx;
	void *other = conf_edit_find(kind_vec(c, k), k->schema, to, NULL);
	char *dup;

	if (other && other != obj) {
		conf_msg_add(errs, file, line, path, to, "name already taken");
		return -EEXIST;
	}
	if (!*to || conf_profile_is_builtin_name(conf_obj_name(k->schema,
							       obj))) {
		conf_msg_add(errs, file, line, path, to, "cannot be renamed "
			     "so");
		return -EINVAL;
	}
	p = conf_schema_prop(k->schema, "name", &idx);
	dup = strdup(to);
	if (!dup)
		return -ENOMEM;
	free(*(char **)conf_field(obj, p));
	*(char **)conf_field(obj, p) = dup;
	((struct conf_meta *)obj)->prop_line[idx] = 0;
	return 0;
}

/*
 * A merge adds range rules to those there are, as a section named again
 * in xl2tpd.conf does; RouterOS's set replaces a pool's ranges.
 */
static void replace_ranges(const struct kind *k, const struct conf_ctl_edit *e,
			   void *dst)
{
	const struct conf_prop *p;
	size_t i;

	for (i = 0; i < e->nprops; i++) {
		p = conf_schema_prop(k->schema, e->props[i].key, NULL);
		if (p->type == CT_RANGES)
			conf_value_reset(p, conf_field(dst, p));
	}
}

static int ctl_set_one(struct conf *c, const struct kind *k,
		       const struct conf_ctl_edit *e, const char *name,
		       const char *disabled, const char *file, unsigned line,
		       struct conf_msgs *errs)
{
	const char *to = e->verb == CONF_CTL_SET ? prop_value(e, "name") : NULL;
	void *dst = k->list ? conf_edit_find(kind_vec(c, k), k->schema, name,
					     NULL) : &c->server;
	char path[300];
	struct conf *t;
	int err;

	conf_pathf(path, sizeof(path), "%s[%s]", k->list ? k->list : "server",
		   name ? name : "");
	if (!dst) {
		conf_msg_add(errs, file, line, path, NULL, "no such item");
		return -ENOENT;
	}
	if (disabled && !conf_schema_prop(k->schema, "disabled", NULL)) {
		conf_msg_add(errs, file, line, NULL, NULL, "%s has no %s",
			     k->name, verb_names[e->verb]);
		return -EINVAL;
	}
	/* the fragment names the object as it is named now */
	name = k->list ? conf_obj_name(k->schema, dst) : NULL;
	err = parse(k, e, name, disabled, file, line, errs, &t);
	if (err)
		return err;
	replace_ranges(k, e, dst);
	if (k->list)
		err = conf_edit_merge(c, k->schema, dst, conf_edit_find(
			kind_vec(t, k), k->schema, name, NULL));
	else
		err = conf_edit_merge(c, k->schema, dst, &t->server);
	conf_free(t);
	if (!err && to && strcmp(to, name))
		err = rename_obj(c, k, dst, to, path, file, line, errs);
	return err;
}

static int ctl_remove_one(struct conf *c, const struct kind *k,
			  const char *name, const char *file, unsigned line,
			  struct conf_msgs *errs)
{
	struct conf_vec *vec = kind_vec(c, k);
	char path[300];
	size_t i;

	conf_pathf(path, sizeof(path), "%s[%s]", k->list ? k->list : "server",
		   name);
	if (!k->list || !conf_edit_find(vec, k->schema, name, &i)) {
		conf_msg_add(errs, file, line, path, NULL, "no such item");
		return -ENOENT;
	}
	if (k->schema == &conf_schema_profile &&
	    conf_profile_is_builtin_name(name)) {
		conf_msg_add(errs, file, line, path, NULL, "a built-in profile "
			     "cannot be removed");
		return -EINVAL;
	}
	conf_edit_vec_remove(vec, k->schema, i);
	return 0;
}

/* Items become names before anything changes: removals shift positions. */
static int resolve_all(const struct conf *c, const struct conf_ctl_edit *e,
		       char **names, const char *file, unsigned line,
		       struct conf_msgs *errs)
{
	const char *n;
	size_t i;

	for (i = 0; i < e->nitems; i++) {
		n = conf_ctl_resolve(c, e->kind, e->items[i]);
		if (!n) {
			conf_msg_add(errs, file, line, NULL, e->items[i],
				     "no such item in %s", kinds[e->kind].name);
			return -ENOENT;
		}
		names[i] = strdup(n);
		if (!names[i])
			return -ENOMEM;
	}
	return 0;
}

static int apply_items(struct conf *c, const struct conf_ctl_edit *e,
		       char **names, const char *file, unsigned line,
		       struct conf_msgs *errs)
{
	const struct kind *k = &kinds[e->kind];
	const char *disabled = e->verb == CONF_CTL_ENABLE ? "false" :
			       e->verb == CONF_CTL_DISABLE ? "true" : NULL;
	size_t i;
	int err = 0;

	if (e->verb == CONF_CTL_SET && !k->list)
		return ctl_set_one(c, k, e, NULL, NULL, file, line, errs);
	if (!e->nitems) {
		conf_msg_add(errs, file, line, NULL, NULL,
			     "%s %s needs an item",
			     k->name, verb_names[e->verb]);
		return -EINVAL;
	}
	for (i = 0; !err && i < e->nitems; i++) {
		if (e->verb == CONF_CTL_REMOVE)
			err = ctl_remove_one(c, k, names[i], file, line, errs);
		else
			err = ctl_set_one(c, k, e, names[i], disabled, file,
					  line, errs);
	}
	return err;
}

int conf_ctl_apply(struct conf *c, const struct conf_ctl_edit *e,
		   const char *file, unsigned line, struct conf_msgs *errs)
{
	char *names[CONF_CTL_ITEMS_MAX] = { 0 };
	size_t i;
	int err;

	if ((unsigned)e->verb >= CONF_CTL_VERB_MAX ||
	    (unsigned)e->kind >= CONF_KIND_MAX ||
	    e->nitems > CONF_CTL_ITEMS_MAX || e->nprops > CONF_CTL_PROPS_MAX)
		return -EINVAL;
	err = check_keys(&kinds[e->kind], e, file, line, errs);
	if (err)
		return err;
	if (e->verb == CONF_CTL_ADD)
		return ctl_add(c, &kinds[e->kind], e, file, line, errs);
	err = resolve_all(c, e, names, file, line, errs);
	if (!err)
		err = apply_items(c, e, names, file, line, errs);
	for (i = 0; i < e->nitems; i++)
		free(names[i]);
	return err;
}
