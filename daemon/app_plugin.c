// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pppd plugin's socket (lib/ctl.h, CTL_PLUGIN_*): what each session's
 * pppd reports, and the PAP/CHAP secrets it asks for.
 *
 * A report counts only when it comes from a pppd that l2tpd started: the
 * connection's peer pid (SO_PEERCRED) names the session, so no other
 * process can ask for a secret or speak for a session, whatever ids it
 * writes. The socket is root's alone besides (mode 0600).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "app.h"
#include "ctl_server.h"
#include "log.h"
#include "ppp.h"
#include "session.h"
#include "tunnel.h"

/* A plugin's connection is silent while its session lasts: never idle. */
#define APP_PLUGIN_IDLE_MS	UINT32_MAX
#define APP_PLUGIN_MAX		65535

static const char *app_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return "";
	return json_object_get_string(v);
}

static int64_t app_int(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return 0;
	return json_object_get_int64(v);
}

static bool app_bool(struct json_object *o, const char *key)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) &&
	       json_object_get_boolean(v);
}

/*
 * A request from a pppd the loop has not heard of yet: its pppd may have
 * started while the spawner is still to hand its pid over (ppp.c). It
 * waits here, never the loop, and is served or refused once the spawner
 * is done with it (app_plugin_settled).
 */
struct app_parked {
	TAILQ_ENTRY(app_parked) link;
	struct app *a;
	struct ctl_client *c;
	uint16_t type;
	struct json_object *body;
};

static void app_parked_free(struct app_parked *p)
{
	TAILQ_REMOVE(&p->a->parked, p, link);
	json_object_put(p->body);
	free(p);
}

/* The client went away while its request waited. */
static void app_parked_gone(void *arg)
{
	app_parked_free(arg);
}

static void app_plugin_handle(void *arg, struct ctl_client *c, uint16_t type,
			      struct json_object *body);

static void app_plugin_park(struct app *a, struct ctl_client *c,
			    uint16_t type, struct json_object *body)
{
	struct app_parked *p = calloc(1, sizeof(*p));

	if (!p) {
		ctl_reply_end(c, -ENOMEM, "out of memory");
		return;
	}
	p->a = a;
	p->c = c;
	p->type = type;
	p->body = json_object_get(body);
	TAILQ_INSERT_TAIL(&a->parked, p, link);
	ctl_client_on_close(c, app_parked_gone, p);
}

/* The spawner handed pppds over: every waiting request is asked again. */
static void app_plugin_settled(void *arg)
{
	struct app *a = arg;
	struct app_parked_list now = TAILQ_HEAD_INITIALIZER(now);
	struct app_parked *p;

	TAILQ_CONCAT(&now, &a->parked, link);
	while ((p = TAILQ_FIRST(&now))) {
		TAILQ_REMOVE(&now, p, link);
		ctl_client_on_close(p->c, NULL, NULL);
		/* May park it again, on a->parked. */
		app_plugin_handle(a, p->c, p->type, p->body);
		json_object_put(p->body);
		free(p);
	}
}

/*
 * The session whose pppd is on the other end; NULL when the request was
 * ended (refused) or parked.
 */
static struct app_sess *app_plugin_sess(struct app *a, struct ctl_client *c,
					uint16_t type, struct json_object *body)
{
	pid_t pid = ctl_client_pid(c);
	struct app_sess *as = app_sess_by_pid(a, pid);
	bool starting;

	if (as)
		return as;
	starting = ppp_settle();
	as = app_sess_by_pid(a, pid);
	if (as)
		return as;
	if (starting) {
		app_plugin_park(a, c, type, body);
		return NULL;
	}
	log_info("plugin: report from pid %ld, which is no pppd of ours "
		 "(any longer): refused", (long)pid);
	ctl_reply_end(c, -ESRCH, "no session for pid %ld", (long)pid);
	return NULL;
}

static void app_on_hello(struct app *a, struct ctl_client *c,
			 struct app_sess *as, struct json_object *body)
{
	if (app_int(body, CTL_KP_TUNNEL) != as->tid ||
	    app_int(body, CTL_KP_SESSION) != as->sid) {
		log_warnx("plugin: pppd %ld says session %lld/%lld, l2tpd "
			  "started it for %u/%u", (long)ctl_client_pid(c),
			  (long long)app_int(body, CTL_KP_TUNNEL),
			  (long long)app_int(body, CTL_KP_SESSION), as->tid,
			  as->sid);
		ctl_reply_end(c, -EINVAL, "wrong session");
		return;
	}
	log_debug("session %u/%u: plugin of %s connected", as->tid, as->sid,
		  app_str(body, CTL_KP_VERSION));
	ctl_reply_end(c, 0, NULL);
}

/*
 * A secret's profile; one naming the built-in "default" (the default)
 * gets the server's default-profile (l2tpd.conf(5)).
 */
static const struct conf_profile *app_secret_profile(struct app *a,
						     const struct conf_secret *sec)
{
	if (!sec->profile || !strcmp(sec->profile, "default"))
		return app_server_profile(a);
	return conf_profile_find(a->conf, sec->profile);
}

/*
 * RouterOS's only-one: a user whose profile says so has one session at a
 * time; a second one fails its authentication.
 */
static bool app_only_one(struct app *a, const struct conf_secret *sec,
			 const struct app_sess *self)
{
	const struct conf_profile *p = app_secret_profile(a, sec);
	const struct conf_profile *d = conf_profile_find(a->conf, "default");
	int v = p ? p->only_one : CONF_SW_DEFAULT;
	struct app_sess *as;

	if (v == CONF_SW_DEFAULT && d)
		v = d->only_one;
	if (v != CONF_SW_YES)
		return false;
	LIST_FOREACH(as, &a->sessions, link)
		if (as != self && !as->client && as->s &&
		    !strcmp(as->user, sec->name))
			return true;
	return false;
}

static bool app_caller_ok(const struct app_sess *as,
			  const struct conf_secret *sec)
{
	struct tunnel *t = as->s ? session_tunnel(as->s) : NULL;
	const struct transport_addr *peer = t ? tunnel_peer_addr(t) : NULL;

	if (!sec->caller_id.family)
		return true;
	if (!peer)
		return false;
	if (sec->caller_id.family == AF_INET)
		return peer->u.sa.sa_family == AF_INET &&
		       !memcmp(&peer->u.sin.sin_addr, sec->caller_id.a, 4);
	return peer->u.sa.sa_family == AF_INET6 &&
	       !memcmp(&peer->u.sin6.sin6_addr, sec->caller_id.a, 16);
}

static void app_row_ip(struct json_object *row, const char *key,
		       uint32_t ip)
{
	char buf[INET_ADDRSTRLEN];
	struct in_addr in = { .s_addr = htonl(ip) };

	if (ip)
		json_object_object_add(row, key, json_object_new_string(
			inet_ntop(AF_INET, &in, buf, sizeof(buf))));
}

/*
 * What the plugin applies once the peer authenticated (plugin/peer.c):
 * the user's addresses and DNS servers, its static interface name, its
 * profile's session and idle time limits (pppd started with the default
 * profile's).
 */
static void app_row_peer(struct app *a, struct app_sess *as,
			 const struct conf_secret *sec,
			 struct json_object *row)
{
	const struct conf_profile *p = app_secret_profile(a, sec);
	struct json_object *dns = json_object_new_array();
	char ifname[IFNAME_MAX + 1], pfx[96];
	unsigned i;
	int err;

	app_row_ip(row, CTL_KP_LOCAL, as->local);
	app_row_ip(row, CTL_KP_REMOTE, as->remote);
	for (i = 0; dns && p && i < p->dns_server.n; i++)
		if (p->dns_server.v[i].family == AF_INET)
			json_object_array_add(dns, json_object_new_string(
				inet_ntop(AF_INET, p->dns_server.v[i].a, ifname,
					  sizeof(ifname))));
	if (dns)
		json_object_object_add(row, CTL_KP_DNS, dns);
	if (p) {
		json_object_object_add(row, CTL_KP_SESSION_TIMEOUT,
			json_object_new_int64(p->session_timeout));
		json_object_object_add(row, CTL_KP_IDLE_TIMEOUT,
			json_object_new_int64(p->idle_timeout));
	}
	err = app_sess_static_ifname(as, sec->name, ifname);
	app_sess_log_prefix(as, pfx, sizeof(pfx));
	if (!err) {
		if (strcmp(ifname, as->ifname))
			log_info("%s: static interface %s for user \"%s\"",
				 pfx, ifname, sec->name);
		app_sess_set_ifname(as, ifname);
		json_object_object_add(row, CTL_KP_IFNAME,
				       json_object_new_string(ifname));
	} else if (err == -EADDRINUSE) {
		log_warnx("%s: the static interface of user \"%s\" is in use: "
			  "%s keeps its name", pfx, sec->name, as->ifname);
	}
}

/* The server's answer: the peer's secret, if it may log in at all. */
static const struct conf_secret *app_server_secret(struct app *a,
						   struct app_sess *as,
						   const char *user)
{
	const struct conf_secret *sec = conf_secret_find(a->conf, user);
	const struct conf_profile *p;
	char pfx[96];
	int err;

	app_sess_log_prefix(as, pfx, sizeof(pfx));
	if (!sec || sec->disabled || !sec->password ||
	    (sec->service != CONF_SERVICE_ANY &&
	     sec->service != CONF_SERVICE_L2TP)) {
		log_info("%s: no secret for user \"%s\"", pfx, user);
		return NULL;
	}
	if (!app_caller_ok(as, sec)) {
		log_info("%s: user \"%s\" may not call from this address "
			 "(caller-id)", pfx, user);
		return NULL;
	}
	if (app_only_one(a, sec, as)) {
		log_info("%s: user \"%s\" already has a session (only-one)",
			 pfx, user);
		return NULL;
	}
	p = app_secret_profile(a, sec);
	err = app_sess_user_addrs(as, sec, p);
	if (err) {
		log_warnx("%s: no address for user \"%s\": %s", pfx, user,
			  err == -EADDRNOTAVAIL ? "the pool is exhausted" :
			  strerror(-err));
		return NULL;
	}
	snprintf(as->user, sizeof(as->user), "%s", user);
	return sec;
}

static void app_on_secret(struct app *a, struct ctl_client *c,
			  struct app_sess *as, struct json_object *body)
{
	const char *user = app_str(body, CTL_KP_USER), *pw = NULL;
	const struct conf_secret *sec = NULL;
	struct json_object *row;

	if (as->client) {
		if (as->client->cfg && as->client->cfg->user &&
		    !strcmp(as->client->cfg->user, user))
			pw = as->client->cfg->password;
	} else {
		sec = app_server_secret(a, as, user);
		pw = sec ? sec->password : NULL;
	}
	if (!pw) {
		ctl_reply_end(c, -ENOENT, "no secret");
		return;
	}
	row = json_object_new_object();
	if (!row) {
		ctl_reply_end(c, -ENOMEM, "out of memory");
		return;
	}
	json_object_object_add(row, CTL_KP_PASSWORD,
			       json_object_new_string(pw));
	if (sec)
		app_row_peer(a, as, sec, row);
	ctl_reply_row(c, row);
	json_object_put(row);
	ctl_reply_end(c, 0, NULL);
}

static void app_on_auth(struct app_sess *as, struct json_object *body)
{
	bool ok = app_bool(body, CTL_KP_OK), peer = app_bool(body, CTL_KP_PEER);
	const char *user = app_str(body, CTL_KP_USER);
	const char *method = app_str(body, CTL_KP_METHOD);
	char pfx[96];

	app_sess_log_prefix(as, pfx, sizeof(pfx));
	if (peer)
		log_info("%s: peer \"%s\" %s with %s", pfx, user,
			 ok ? "authenticated" : "failed to authenticate",
			 method);
	else
		log_info("%s: %s as \"%s\" with %s", pfx,
			 ok ? "authenticated" : "authentication failed",
			 user, method);
	if (peer && !ok && !strcmp(as->user, user))
		as->user[0] = '\0';
}

static void app_on_ip_up(struct app_sess *as, struct json_object *body)
{
	const char *user = app_str(body, CTL_KP_USER);
	char pfx[96];

	if (!as->client && user[0])
		snprintf(as->user, sizeof(as->user), "%s", user);
	/* The interface's name as pppd has it (a static one included). */
	if (app_str(body, CTL_KP_IFNAME)[0] &&
	    strlen(app_str(body, CTL_KP_IFNAME)) <= IFNAME_MAX)
		app_sess_set_ifname(as, app_str(body, CTL_KP_IFNAME));
	as->ip_up = true;
	as->ip_was_up = true;
	app_sess_started(as);
	if (as->client)
		as->client->running = true;
	app_sess_log_prefix(as, pfx, sizeof(pfx));
	log_info("%s: ip-up %s %s -> %s", pfx, app_str(body, CTL_KP_IFNAME),
		 app_str(body, CTL_KP_LOCAL), app_str(body, CTL_KP_REMOTE));
}

static void app_stats_from(struct kernel_stats *st, struct json_object *body)
{
	st->rx_bytes = (uint64_t)app_int(body, CTL_KP_RX_BYTES);
	st->tx_bytes = (uint64_t)app_int(body, CTL_KP_TX_BYTES);
	st->rx_packets = (uint64_t)app_int(body, CTL_KP_RX_PACKETS);
	st->tx_packets = (uint64_t)app_int(body, CTL_KP_TX_PACKETS);
}

static void app_on_ip_down(struct app_sess *as, struct json_object *body)
{
	char pfx[96];

	as->ip_up = false;
	if (as->client)
		as->client->running = false;
	app_stats_from(&as->last, body);
	app_sess_log_prefix(as, pfx, sizeof(pfx));
	log_info("%s: ip-down, rx %llu bytes, tx %llu bytes", pfx,
		 (unsigned long long)as->last.rx_bytes,
		 (unsigned long long)as->last.tx_bytes);
}

static void app_on_exit(struct app_sess *as, struct json_object *body)
{
	as->exit.valid = true;
	as->exit.status = (int)app_int(body, CTL_KP_EXIT);
	as->exit.code = (uint16_t)app_int(body, CTL_KP_CODE);
	as->exit.proto = (uint16_t)app_int(body, CTL_KP_PROTO);
	as->exit.direction = (uint8_t)app_int(body, CTL_KP_DIRECTION);
	snprintf(as->exit.message, sizeof(as->exit.message), "%s",
		 app_str(body, CTL_KP_MESSAGE));
	app_stats_from(&as->last, body);
}

static void app_plugin_handle(void *arg, struct ctl_client *c, uint16_t type,
			      struct json_object *body)
{
	struct app *a = arg;
	struct app_sess *as = app_plugin_sess(a, c, type, body);

	if (!as)
		return;
	switch (type) {
	case CTL_PLUGIN_HELLO:
		app_on_hello(a, c, as, body);
		return;
	case CTL_PLUGIN_SECRET:
		app_on_secret(a, c, as, body);
		return;
	case CTL_PLUGIN_PHASE:
		log_debug("session %u/%u: phase %s", as->tid, as->sid,
			  app_str(body, CTL_KP_PHASE));
		break;
	case CTL_PLUGIN_AUTH:
		app_on_auth(as, body);
		break;
	case CTL_PLUGIN_IP_UP:
		app_on_ip_up(as, body);
		break;
	case CTL_PLUGIN_IP_DOWN:
		app_on_ip_down(as, body);
		break;
	case CTL_PLUGIN_EXIT:
		app_on_exit(as, body);
		break;
	}
	ctl_reply_end(c, 0, NULL);
}

static const struct ctl_handler app_plugin_handlers[] = {
	{ CTL_PLUGIN_HELLO, app_plugin_handle },
	{ CTL_PLUGIN_PHASE, app_plugin_handle },
	{ CTL_PLUGIN_SECRET, app_plugin_handle },
	{ CTL_PLUGIN_AUTH, app_plugin_handle },
	{ CTL_PLUGIN_IP_UP, app_plugin_handle },
	{ CTL_PLUGIN_IP_DOWN, app_plugin_handle },
	{ CTL_PLUGIN_EXIT, app_plugin_handle },
};

int app_plugin_open(struct app *a)
{
	const char *ctl = a->opts.ctl_path ? a->opts.ctl_path : CTL_SOCKET_PATH;
	struct ctl_server_cfg cfg = {
		.mode = 0600, .max_clients = APP_PLUGIN_MAX,
		.idle_ms = APP_PLUGIN_IDLE_MS,
	};
	int err;

	if (asprintf(&a->plugin_path, "%s%s", ctl, APP_PLUGIN_SUFFIX) < 0) {
		a->plugin_path = NULL;
		return -ENOMEM;
	}
	cfg.path = a->plugin_path;
	err = ctl_server_new(a->loop, &cfg, app_plugin_handlers,
			     sizeof(app_plugin_handlers) /
			     sizeof(app_plugin_handlers[0]), a, &a->plugin);
	if (err)
		log_warnx("plugin socket %s: %s", a->plugin_path,
			  strerror(-err));
	else
		ppp_on_settle(app_plugin_settled, a);
	return err;
}

void app_plugin_close(struct app *a)
{
	ppp_on_settle(NULL, NULL);
	/* Its clients' close hooks free what is parked. */
	if (a->plugin)
		ctl_server_free(a->plugin);
	a->plugin = NULL;
	while (!TAILQ_EMPTY(&a->parked))
		app_parked_free(TAILQ_FIRST(&a->parked));
}
