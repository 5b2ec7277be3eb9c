// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpctl's requests (lib/ctl.h) on the control socket: the live views
 * (tunnel, session, ppp active), removing tunnels and sessions, reload and
 * export. Rows carry the keys l2tpctl prints as columns (kebab-case), with
 * the kernel's counters for sessions. The configuration objects are
 * app_ctl_conf.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "app.h"
#include "app_ctl.h"
#include "ctl_server.h"
#include "log.h"
#include "session.h"
#include "tunnel.h"

void app_json_str(struct json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, json_object_new_string(v ? v : ""));
}

void app_json_int(struct json_object *o, const char *key, int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

void app_json_bool(struct json_object *o, const char *key, bool v)
{
	json_object_object_add(o, key, json_object_new_boolean(v));
}

/* The address and port apart, as the tunnel table shows them. */
static void app_json_addr(struct json_object *o, const char *akey,
			  const char *pkey, const struct transport_addr *ta)
{
	char buf[TRANSPORT_ADDRSTRLEN], *colon;

	transport_addr_fmt(ta, buf);
	colon = strrchr(buf, ':');
	if (colon)
		*colon = '\0';
	if (buf[0] == '[') {
		memmove(buf, buf + 1, strlen(buf));
		buf[strlen(buf) - 1] = '\0';
	}
	app_json_str(o, akey, buf);
	app_json_int(o, pkey, transport_addr_port(ta));
}

int64_t app_ctl_secs(const struct app *a, uint64_t since_ms)
{
	return since_ms ? (int64_t)((loop_now_ms(a->loop) - since_ms) / 1000)
			: 0;
}

/*
 * The control channel's counters (RFC 2661 §5.8): how much a lossy or
 * reordering link cost, JSON only (l2tpctl's table stays narrow).
 */
static void app_tunnel_chan_stats(struct json_object *o,
				  const struct chan_stats *cs)
{
	app_json_int(o, "tx-messages", (int64_t)cs->tx);
	app_json_int(o, "rx-messages", (int64_t)cs->rx);
	app_json_int(o, "retransmits", (int64_t)cs->retransmits);
	app_json_int(o, "duplicates", (int64_t)cs->dups);
	app_json_int(o, "reordered", (int64_t)cs->reordered);
	app_json_int(o, "out-of-window", (int64_t)cs->out_of_window);
}

static struct json_object *app_tunnel_row(const struct app_tun *at)
{
	struct json_object *o = json_object_new_object();
	const struct tunnel_peer_info *pi = tunnel_peer_info(at->t);

	if (!o)
		return NULL;
	app_json_int(o, "tunnel-id", tunnel_id(at->t));
	app_json_int(o, "peer-tunnel-id", tunnel_peer_id(at->t));
	app_json_addr(o, "local-address", "local-port",
		      tunnel_local_addr(at->t));
	app_json_addr(o, "peer-address", "peer-port", tunnel_peer_addr(at->t));
	app_json_str(o, "peer-host-name", pi->host_name);
	app_json_str(o, "state", tunnel_state_name(at->t));
	app_json_int(o, "sessions", tunnel_session_count(at->t));
	app_json_int(o, "uptime", app_ctl_secs(at->app, at->up_ms));
	app_tunnel_chan_stats(o, tunnel_chan_stats(at->t));
	app_json_str(o, "role", at->client ? "client" : "server");
	if (at->client)
		app_json_str(o, "client", at->client->name);
	return o;
}

/* The kernel's counters while it has the session, else the last known. */
void app_ctl_sess_stats(struct app_sess *as, struct kernel_stats *st)
{
	if (!as->s || !as->s->dp ||
	    kernel_session_stats(&as->app->k, as->tid, as->sid, st))
		*st = as->last;
}

static struct json_object *app_session_row(struct app_sess *as)
{
	struct json_object *o = json_object_new_object();
	struct tunnel *t = as->s ? session_tunnel(as->s) : NULL;
	char buf[TRANSPORT_ADDRSTRLEN], *colon;
	struct kernel_stats st;

	if (!o)
		return NULL;
	app_ctl_sess_stats(as, &st);
	app_json_int(o, "tunnel-id", as->tid);
	app_json_int(o, "session-id", as->sid);
	app_json_int(o, "peer-tunnel-id", as->peer_tid);
	app_json_int(o, "peer-session-id", as->peer_sid);
	buf[0] = '\0';
	if (t) {
		transport_addr_fmt(tunnel_peer_addr(t), buf);
		colon = strrchr(buf, ':');
		if (colon)
			*colon = '\0';
	}
	app_json_str(o, "peer-address", buf);
	app_json_str(o, "user", as->client ? as->client->cfg ?
		     as->client->cfg->user : "" : as->user);
	app_json_str(o, "interface", as->ifname);
	app_json_str(o, "state", !as->s ? "closing" : as->ip_up ? "running" :
		     session_state_name(as->s));
	app_json_int(o, "uptime", app_ctl_secs(as->app, as->up_ms));
	app_json_int(o, "rx-bytes", (int64_t)st.rx_bytes);
	app_json_int(o, "tx-bytes", (int64_t)st.tx_bytes);
	app_json_int(o, "rx-packets", (int64_t)st.rx_packets);
	app_json_int(o, "tx-packets", (int64_t)st.tx_packets);
	if (as->client)
		app_json_str(o, "client", as->client->name);
	if (as->ppp)
		app_json_int(o, "pppd-pid", ppp_pid(as->ppp));
	return o;
}

static void app_ip_fmt(uint32_t ip, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u.%u", ip >> 24, ip >> 16 & 255,
		 ip >> 8 & 255, ip & 255);
}

/* /ppp active: the server's sessions whose PPP is up. */
static struct json_object *app_active_row(struct app_sess *as)
{
	struct json_object *o = json_object_new_object();
	char buf[TRANSPORT_ADDRSTRLEN], *colon;
	struct tunnel *t = session_tunnel(as->s);

	if (!o)
		return NULL;
	app_json_str(o, "name", as->user);
	app_json_str(o, "service", "l2tp");
	transport_addr_fmt(tunnel_peer_addr(t), buf);
	colon = strrchr(buf, ':');
	if (colon)
		*colon = '\0';
	app_json_str(o, "caller-id", buf);
	app_ip_fmt(as->remote, buf, sizeof(buf));
	app_json_str(o, "address", buf);
	app_json_int(o, "uptime", app_ctl_secs(as->app, as->up_ms));
	app_json_str(o, "interface", as->ifname);
	app_json_int(o, "tunnel-id", as->tid);
	app_json_int(o, "session-id", as->sid);
	return o;
}

static void app_send_row(struct ctl_client *c, struct json_object *o)
{
	if (o) {
		ctl_reply_row(c, o);
		json_object_put(o);
	}
}

/*
 * Live tables are short enough to send at once: a row is a few hundred
 * bytes and the server queues CTL_OUT_MAX per client; beyond that the
 * server drops the client rather than the daemon blocking.
 */
static void app_print_live(struct app *a, struct ctl_client *c, int obj)
{
	struct app_tun *at;
	struct app_sess *as;

	if (obj == CTL_OBJ_TUNNEL) {
		LIST_FOREACH(at, &a->tunnels, link)
			app_send_row(c, app_tunnel_row(at));
	} else if (obj == CTL_OBJ_SESSION) {
		LIST_FOREACH(as, &a->sessions, link)
			app_send_row(c, app_session_row(as));
	} else {
		LIST_FOREACH(as, &a->sessions, link)
			if (!as->client && as->s && as->ip_up)
				app_send_row(c, app_active_row(as));
	}
	ctl_reply_end(c, 0, NULL);
}

/* "object" of a request, or -1 with the request ended. */
static int app_req_obj(struct ctl_client *c, struct json_object *body)
{
	struct json_object *v;
	int obj;

	if (!json_object_object_get_ex(body, CTL_K_OBJECT, &v) ||
	    (obj = ctl_obj_lookup(json_object_get_string(v))) < 0) {
		ctl_reply_end(c, -EINVAL, "no such object");
		return -1;
	}
	return obj;
}

static void app_on_print(struct app *a, struct ctl_client *c,
			 struct json_object *body)
{
	int obj = app_req_obj(c, body);

	if (obj < 0)
		return;
	if (obj == CTL_OBJ_TUNNEL || obj == CTL_OBJ_SESSION ||
	    obj == CTL_OBJ_ACTIVE)
		app_print_live(a, c, obj);
	else
		app_ctl_conf_print(a, c, obj, body);
}

/* "tunnel-id=N" / "session-id=N" among props, or -1. */
static long app_prop_id(struct json_object *body, const char *key)
{
	struct json_object *props, *v;
	char *end;
	long n;

	if (!json_object_object_get_ex(body, CTL_K_PROPS, &props) ||
	    !json_object_object_get_ex(props, key, &v))
		return -1;
	n = strtol(json_object_get_string(v), &end, 10);
	return *end || n <= 0 || n > 65535 ? -1 : n;
}

/* The first item as a position in print's order, or -1. */
static long app_item_pos(struct json_object *body)
{
	struct json_object *items;
	char *end;
	long n;

	if (!json_object_object_get_ex(body, CTL_K_ITEMS, &items) ||
	    json_object_array_length(items) != 1)
		return -1;
	n = strtol(json_object_get_string(json_object_array_get_idx(items, 0)),
		   &end, 10);
	return *end || n < 0 ? -1 : n;
}

static struct app_tun *app_find_tunnel(struct app *a,
				       struct json_object *body)
{
	long tid = app_prop_id(body, "tunnel-id"), pos = app_item_pos(body);
	struct app_tun *at;

	LIST_FOREACH(at, &a->tunnels, link)
		if (tunnel_id(at->t) == tid || pos-- == 0)
			return at;
	return NULL;
}

static struct app_sess *app_find_session(struct app *a,
					 struct json_object *body)
{
	long tid = app_prop_id(body, "tunnel-id");
	long sid = app_prop_id(body, "session-id");
	long pos = app_item_pos(body);
	struct app_sess *as;

	LIST_FOREACH(as, &a->sessions, link)
		if ((as->tid == tid && as->sid == sid) || pos-- == 0)
			return as;
	return NULL;
}

static void app_remove_tunnel(struct app *a, struct ctl_client *c,
			      struct json_object *body)
{
	struct app_tun *at = app_find_tunnel(a, body);

	if (!at) {
		ctl_reply_end(c, -ENOENT, "no such tunnel (give tunnel-id=N "
			      "or a number from print)");
		return;
	}
	log_info("tunnel %u: removed by l2tpctl (pid %ld)", tunnel_id(at->t),
		 (long)ctl_client_pid(c));
	engine_tunnel_close(at->t, L2TP_STOPCCN_GENERAL, 0, "removed");
	ctl_reply_end(c, 0, NULL);
}

static void app_remove_session(struct app *a, struct ctl_client *c,
			       struct json_object *body)
{
	struct app_sess *as = app_find_session(a, body);

	if (!as || !as->s) {
		ctl_reply_end(c, -ENOENT, "no such session (give tunnel-id=N "
			      "session-id=M or a number from print)");
		return;
	}
	log_info("session %u/%u: removed by l2tpctl (pid %ld)", as->tid,
		 as->sid, (long)ctl_client_pid(c));
	app_sess_close(as, "removed");
	ctl_reply_end(c, 0, NULL);
}

/*
 * ppp active remove: a user's sessions by name, or one by its position
 * in ppp active print's order.
 */
static void app_remove_active(struct app *a, struct ctl_client *c,
			      struct json_object *body)
{
	struct json_object *items;
	const char *name = NULL;
	long pos = app_item_pos(body);
	struct app_sess *as, *next;
	unsigned n = 0;

	if (pos < 0 && json_object_object_get_ex(body, CTL_K_ITEMS, &items) &&
	    json_object_array_length(items) == 1)
		name = json_object_get_string(
			json_object_array_get_idx(items, 0));
	for (as = LIST_FIRST(&a->sessions); as; as = next) {
		next = LIST_NEXT(as, link);
		if (as->client || !as->s || !as->ip_up)
			continue;
		if (name ? strcmp(as->user, name) != 0 : pos-- != 0)
			continue;
		log_info("session %u/%u (%s): removed by l2tpctl (pid %ld)",
			 as->tid, as->sid, as->user, (long)ctl_client_pid(c));
		app_sess_close(as, "removed");
		n++;
		if (!name)
			break;
	}
	if (!n)
		ctl_reply_end(c, -ENOENT, "no such active connection (give a "
			      "name or a number from print)");
	else
		ctl_reply_end(c, 0, NULL);
}

static void app_on_remove(struct app *a, struct ctl_client *c,
			  struct json_object *body)
{
	int obj = app_req_obj(c, body);

	if (obj == CTL_OBJ_TUNNEL)
		app_remove_tunnel(a, c, body);
	else if (obj == CTL_OBJ_SESSION)
		app_remove_session(a, c, body);
	else if (obj == CTL_OBJ_ACTIVE)
		app_remove_active(a, c, body);
	else if (obj >= 0)
		app_ctl_conf_edit(a, c, CTL_REQ_REMOVE, obj, body);
}

static void app_on_export(struct app *a, struct ctl_client *c)
{
	char *text = NULL;
	size_t len = 0, off;
	FILE *f = open_memstream(&text, &len);
	int err = f ? conf_export(a->conf, f) : -ENOMEM;

	if (f && fclose(f) && !err)
		err = -ENOMEM;
	/* TEXT frames of at most a body each. */
	for (off = 0; !err && off < len; off += CTL_BODY_MAX)
		err = ctl_reply_text(c, text + off, len - off > CTL_BODY_MAX ?
				     CTL_BODY_MAX : len - off);
	free(text);
	if (err)
		ctl_reply_end(c, err, "export failed: %s", strerror(-err));
	else
		ctl_reply_end(c, 0, NULL);
}

static void app_ctl_handle(void *arg, struct ctl_client *c, uint16_t type,
			   struct json_object *body)
{
	struct app *a = arg;
	char err[512];
	int obj;

	switch (type) {
	case CTL_REQ_PRINT:
		app_on_print(a, c, body);
		return;
	case CTL_REQ_REMOVE:
		app_on_remove(a, c, body);
		return;
	case CTL_REQ_RELOAD:
		log_info("reload requested by l2tpctl (pid %ld)",
			 (long)ctl_client_pid(c));
		if (app_reload(a, err, sizeof(err)))
			ctl_reply_end(c, -EINVAL, "%s", err);
		else
			ctl_reply_end(c, 0, NULL);
		return;
	case CTL_REQ_EXPORT:
		app_on_export(a, c);
		return;
	default:
		obj = app_req_obj(c, body);
		if (obj >= 0)
			app_ctl_conf_edit(a, c, type, obj, body);
		return;
	}
}

static const struct ctl_handler app_ctl_handlers[] = {
	{ CTL_REQ_PRINT, app_ctl_handle },
	{ CTL_REQ_ADD, app_ctl_handle },
	{ CTL_REQ_SET, app_ctl_handle },
	{ CTL_REQ_REMOVE, app_ctl_handle },
	{ CTL_REQ_ENABLE, app_ctl_handle },
	{ CTL_REQ_DISABLE, app_ctl_handle },
	{ CTL_REQ_MONITOR, app_ctl_handle },
	{ CTL_REQ_RELOAD, app_ctl_handle },
	{ CTL_REQ_EXPORT, app_ctl_handle },
};

int app_ctl_open(struct app *a)
{
	struct ctl_server_cfg cfg = { .path = a->opts.ctl_path };
	int err;

	err = ctl_server_new(a->loop, &cfg, app_ctl_handlers,
			     sizeof(app_ctl_handlers) /
			     sizeof(app_ctl_handlers[0]), a, &a->ctl);
	if (err)
		log_warnx("control socket %s: %s", a->opts.ctl_path ?
			  a->opts.ctl_path : CTL_SOCKET_PATH, strerror(-err));
	return err;
}
