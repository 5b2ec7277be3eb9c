// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The configuration objects on l2tpctl's socket: print shows every
 * property of the running configuration, named and formatted as in
 * l2tpd.conf (the schema tables of conf_schema.c), plus what is live:
 * "running" for clients and static server interfaces.
 *
 * Changes through the socket (add, set, remove, enable, disable) are
 * app_ctl_edit.c's, monitor is app_ctl_monitor.c's.
 */
#include <errno.h>
#include <string.h>

#include <json-c/json.h>

#include "app_ctl.h"
#include "conf_impl.h"
#include "ctl_server.h"
#include "pool.h"

static bool app_prop_shown(const struct conf_prop *p)
{
	return !(p->flags & CF_INTERNAL) && p->type != CT_STRUCT &&
	       p->type != CT_GROUP && p->type != CT_VEC;
}

/* One property as JSON: booleans and plain numbers typed, the rest text. */
static void app_prop_json(struct json_object *o, const struct conf_prop *p,
			  const void *obj)
{
	const void *f = conf_field(obj, p);
	char buf[CONF_VALUE_MAX];

	if (p->type == CT_BOOL) {
		app_json_bool(o, p->name, *(const bool *)f);
		return;
	}
	if (p->type == CT_UINT && !(p->words && !*(const uint32_t *)f)) {
		app_json_int(o, p->name, *(const uint32_t *)f);
		return;
	}
	conf_value_format(p, f, buf, sizeof(buf));
	app_json_str(o, p->name, buf);
}

static struct json_object *app_obj_row(const struct conf_schema *s,
				       const void *obj)
{
	struct json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; o && i < s->nprops; i++)
		if (app_prop_shown(&s->props[i]))
			app_prop_json(o, &s->props[i], obj);
	return o;
}

static void app_row_send(struct ctl_client *c, struct json_object *o)
{
	if (!o)
		return;
	ctl_reply_row(c, o);
	json_object_put(o);
}

static bool app_server_if_running(struct app *a, const struct conf_server_if *sif)
{
	struct app_sess *as;

	LIST_FOREACH(as, &a->sessions, link)
		if (!as->client && as->ip_up && sif->user &&
		    !strcmp(as->user, sif->user))
			return true;
	return false;
}

/* A pool's size and the addresses sessions hold now. */
static void app_pool_usage(struct app *a, struct json_object *o,
			   const char *name)
{
	uint64_t size, used;

	if (pool_usage(a->pools, name, &size, &used))
		return;
	app_json_int(o, "size", (int64_t)size);
	app_json_int(o, "used", (int64_t)used);
}

static void app_print_vec(struct app *a, struct ctl_client *c,
			  const struct conf_schema *s, const struct conf_vec *v,
			  int obj)
{
	const char *base = v->v;
	struct app_client *cl;
	struct json_object *o;
	size_t i;

	for (i = 0; i < v->n; i++) {
		const void *item = base + i * s->size;

		o = app_obj_row(s, item);
		if (o && obj == CTL_OBJ_CLIENT) {
			cl = app_client_find(a, conf_obj_name(s, item));
			app_json_bool(o, "running", cl && cl->running);
		} else if (o && obj == CTL_OBJ_SERVER_IF) {
			app_json_bool(o, "running",
				      app_server_if_running(a, item));
		} else if (o && obj == CTL_OBJ_POOL) {
			app_pool_usage(a, o, conf_obj_name(s, item));
		} else if (o && obj == CTL_OBJ_PROFILE) {
			app_json_bool(o, "default", conf_profile_is_builtin_name(
					      conf_obj_name(s, item)));
		}
		app_row_send(c, o);
	}
}

void app_ctl_conf_print(struct app *a, struct ctl_client *c, int obj,
			struct json_object *body)
{
	struct conf *cf = a->conf;

	switch (obj) {
	case CTL_OBJ_SERVER:
		app_row_send(c, app_obj_row(&conf_schema_server, &cf->server));
		break;
	case CTL_OBJ_CLIENT:
		app_print_vec(a, c, &conf_schema_client, &cf->clients, obj);
		break;
	case CTL_OBJ_SERVER_IF:
		app_print_vec(a, c, &conf_schema_server_if,
			      &cf->server_interfaces, obj);
		break;
	case CTL_OBJ_SECRET:
		app_print_vec(a, c, &conf_schema_secret, &cf->secrets, obj);
		break;
	case CTL_OBJ_PROFILE:
		app_print_vec(a, c, &conf_schema_profile, &cf->profiles, obj);
		break;
	case CTL_OBJ_POOL:
		app_print_vec(a, c, &conf_schema_pool, &cf->pools, obj);
		break;
	default:
		ctl_reply_end(c, -EINVAL, "nothing to print there");
		return;
	}
	ctl_reply_end(c, 0, NULL);
}

void app_ctl_conf_edit(struct app *a, struct ctl_client *c, uint16_t type,
		       int obj, struct json_object *body)
{
	if (type == CTL_REQ_MONITOR && obj == CTL_OBJ_CLIENT)
		app_ctl_monitor(a, c, body);
	else if (type == CTL_REQ_MONITOR)
		ctl_reply_end(c, -EINVAL, "%s has no monitor",
			      ctl_obj_name(obj));
	else
		app_ctl_edit(a, c, type, body);
}
