// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /interface l2tp-client: every enabled client dials its server, opens a
 * tunnel and places one incoming call (ICRQ, RFC 2661 §7.4.1) whose PPP
 * runs in a pppd as the client.
 *
 * When the session or the tunnel ends, whichever way, the client clears
 * what is left (StopCCN), and once nothing of it remains it dials again
 * after a delay: 2 s after the first failure, doubled after each further
 * one up to 60 s, back to 2 s once a session came up (exponential
 * backoff). A client from xl2tpd.conf keeps xl2tpd's meaning instead:
 * "redial = no" dials once, "redial timeout" is a fixed delay, "max
 * redials" a limit.
 *
 * A client removed, disabled or changed by a reload stops (a changed one
 * is replaced by a new one of the same name); a stopped client is freed
 * once its tunnel and session are gone.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf_impl.h"
#include "log.h"
#include "session.h"
#include "tunnel.h"

static void app_client_on_redial(void *arg);

struct app_client *app_client_find(struct app *a, const char *name)
{
	struct app_client *cl;

	LIST_FOREACH(cl, &a->clients, link)
		if (!cl->stopped && !strcmp(cl->name, name))
			return cl;
	return NULL;
}

static void app_client_free_if_gone(struct app_client *cl)
{
	if (!cl->stopped || cl->tun || cl->sess)
		return;
	LIST_REMOVE(cl, link);
	timer_free(cl->redial);
	free(cl->name);
	free(cl);
}

/*
 * connect-to: an address or a host name. Host names are resolved with
 * getaddrinfo(), which blocks the loop while the resolver works: keep
 * addresses in connect-to where that matters.
 */
static int app_client_resolve(const struct conf_client *c,
			      struct transport_addr *out)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	char port[8];
	int err;

	snprintf(port, sizeof(port), "%u",
		 c->connect_to.port ? c->connect_to.port : CONF_L2TP_PORT);
	err = getaddrinfo(c->connect_to.host, port, &hints, &res);
	if (err)
		return err == EAI_NONAME ? -ENOENT : -EHOSTUNREACH;
	err = transport_addr_from(out, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return err;
}

/* Waits before the next dial, unless this client dials no more. */
static void app_client_schedule(struct app_client *cl)
{
	const struct conf_xl2tpd_peer *x = cl->cfg ? cl->cfg->xl2tpd : NULL;
	uint32_t delay;

	if (cl->stopped || cl->app->stopping || cl->tun || cl->sess ||
	    timer_pending(cl->redial))
		return;
	cl->failures++;
	if (x && (!x->redial ||
		  (x->max_redials && cl->failures > x->max_redials))) {
		log_info("client %s: not dialling again (xl2tpd redial "
			 "settings)", cl->name);
		return;
	}
	if (x && x->redial_timeout) {
		delay = x->redial_timeout * 1000;
	} else {
		delay = cl->backoff_ms ? cl->backoff_ms : APP_REDIAL_MIN_MS;
		cl->backoff_ms = delay * 2 > APP_REDIAL_MAX_MS ?
				 APP_REDIAL_MAX_MS : delay * 2;
	}
	log_info("client %s: dialling again in %u s", cl->name,
		 (delay + 999) / 1000);
	timer_arm(cl->redial, delay);
}

static struct app_tun *app_client_tunnel(struct app_client *cl,
					 const struct transport_addr *peer)
{
	const struct conf_client *c = cl->cfg;
	struct engine_tunnel_params p = {
		.peer = *peer,
		.p = { .keepalive_s = c->keepalive_timeout },
	};
	struct app_tun *at = calloc(1, sizeof(*at));

	if (!at)
		return NULL;
	app_conf_addr(&c->src_address, 0, &p.local);
	if (c->tunnel_secret && c->tunnel_secret[0]) {
		p.p.secret = c->tunnel_secret;
		p.p.secret_len = strlen(c->tunnel_secret);
		p.p.hide = c->hide_avps;
	}
	p.user = at;
	at->app = cl->app;
	at->client = cl;
	at->start_ms = loop_now_ms(cl->app->loop);
	at->t = engine_tunnel_open(cl->app->eng, &p);
	if (!at->t) {
		free(at);
		return NULL;
	}
	LIST_INSERT_HEAD(&cl->app->tunnels, at, link);
	return at;
}

/* The call we place once the tunnel is up (§7.4.1: it waits for it). */
static int app_client_call(struct app_client *cl)
{
	struct app_sess *as = calloc(1, sizeof(*as));
	struct engine_call call = { .user = as };
	struct app *a = cl->app;

	if (!as)
		return -ENOMEM;
	as->app = a;
	as->client = cl;
	as->start_ms = loop_now_ms(a->loop);
	snprintf(as->ifname, sizeof(as->ifname), "%s", cl->name);
	as->s = engine_call_incoming(cl->tun->t, &call);
	if (!as->s) {
		free(as);
		return -errno;
	}
	as->tid = tunnel_id(cl->tun->t);
	as->sid = session_id(as->s);
	LIST_INSERT_HEAD(&a->sessions, as, link);
	cl->sess = as;
	return 0;
}

int app_client_dial(struct app_client *cl)
{
	struct transport_addr peer;
	char buf[TRANSPORT_ADDRSTRLEN];
	int err;

	if (cl->tun || cl->sess)
		return -EALREADY;
	timer_cancel(cl->redial);
	err = app_client_resolve(cl->cfg, &peer);
	if (err) {
		log_warnx("client %s: connect-to %s: %s", cl->name,
			  cl->cfg->connect_to.host, err == -ENOENT ?
			  "unknown host" : "cannot resolve");
		app_client_schedule(cl);
		return err;
	}
	log_info("client %s: dialling %s", cl->name,
		 transport_addr_fmt(&peer, buf));
	cl->tun = app_client_tunnel(cl, &peer);
	if (!cl->tun) {
		err = -errno;
		log_warnx("client %s: cannot open a tunnel to %s: %s",
			  cl->name, buf, strerror(errno));
		app_client_schedule(cl);
		return err;
	}
	err = app_client_call(cl);
	if (err) {
		log_warnx("client %s: cannot place the call: %s", cl->name,
			  strerror(-err));
		engine_tunnel_close(cl->tun->t, L2TP_STOPCCN_GENERAL_ERROR,
				    L2TP_ERR_NO_RESOURCE, "cannot place a call");
	}
	return err;
}

static void app_client_on_redial(void *arg)
{
	app_client_dial(arg);
}

static struct app_client *app_client_new(struct app *a,
					 const struct conf_client *c)
{
	struct app_client *cl = calloc(1, sizeof(*cl));

	if (!cl)
		return NULL;
	cl->app = a;
	cl->cfg = c;
	cl->name = strdup(c->name);
	cl->redial = timer_new(a->loop, app_client_on_redial, cl);
	if (!cl->name || !cl->redial) {
		timer_free(cl->redial);
		free(cl->name);
		free(cl);
		return NULL;
	}
	LIST_INSERT_HEAD(&a->clients, cl, link);
	return cl;
}

static int app_client_start(struct app *a, const struct conf_client *c)
{
	struct app_client *cl = app_client_new(a, c);

	if (!cl) {
		log_warnx("client %s: out of memory", c->name);
		return -ENOMEM;
	}
	app_client_dial(cl);
	return 0;
}

/* Clears what the client has; freed once its tunnel and session are gone. */
static void app_client_stop(struct app_client *cl, const char *why)
{
	cl->stopped = true;
	cl->cfg = NULL;
	timer_cancel(cl->redial);
	log_info("client %s: stopped (%s)", cl->name, why);
	/* The callbacks of these free cl, maybe before they return. */
	if (cl->tun)
		engine_tunnel_close(cl->tun->t, L2TP_STOPCCN_GENERAL, 0, why);
	else if (cl->sess)
		app_sess_close(cl->sess, why);
	else
		app_client_free_if_gone(cl);
}

int app_clients_start(struct app *a)
{
	const struct conf_client *c;
	size_t i;

	for (i = 0; i < a->conf->clients.n; i++) {
		c = &((const struct conf_client *)a->conf->clients.v)[i];
		if (!c->disabled)
			app_client_start(a, c);
	}
	return 0;
}

static const struct conf_client *app_conf_client(const struct conf *c,
						 const char *name)
{
	const struct conf_client *cc;
	size_t i;

	for (i = 0; i < c->clients.n; i++) {
		cc = &((const struct conf_client *)c->clients.v)[i];
		if (!strcmp(cc->name, name))
			return cc;
	}
	return NULL;
}

int app_clients_apply(struct app *a)
{
	struct app_client *cl, *next;
	const struct conf_client *c, *was;
	size_t i;

	for (cl = LIST_FIRST(&a->clients); cl; cl = next) {
		next = LIST_NEXT(cl, link);
		if (cl->stopped)
			continue;
		c = app_conf_client(a->conf, cl->name);
		was = cl->cfg;
		if (!c || c->disabled)
			app_client_stop(cl, c ? "disabled" : "removed");
		else if (!conf_obj_equal(&conf_schema_client, was, c))
			app_client_stop(cl, "changed");
		else
			cl->cfg = c;
	}
	for (i = 0; i < a->conf->clients.n; i++) {
		c = &((const struct conf_client *)a->conf->clients.v)[i];
		if (!c->disabled && !app_client_find(a, c->name))
			app_client_start(a, c);
	}
	return 0;
}

void app_clients_stop(struct app *a)
{
	struct app_client *cl, *next;

	for (cl = LIST_FIRST(&a->clients); cl; cl = next) {
		next = LIST_NEXT(cl, link);
		if (!cl->stopped) {
			cl->stopped = true;
			cl->cfg = NULL;
			timer_cancel(cl->redial);
		}
		app_client_free_if_gone(cl);
	}
}

void app_client_tunnel_down(struct app_client *cl, struct app_tun *at)
{
	if (cl->tun != at)
		return;
	cl->tun = NULL;
	app_client_schedule(cl);
	app_client_free_if_gone(cl);
}

void app_client_session_up(struct app_client *cl, struct app_sess *as)
{
	cl->backoff_ms = 0;
	cl->failures = 0;
}

/* The session is gone, pppd too: clear the tunnel, then dial again. */
void app_client_session_down(struct app_client *cl, struct app_sess *as)
{
	if (cl->sess != as)
		return;
	cl->sess = NULL;
	cl->running = false;
	/* Its tunnel_down callback goes on from here, maybe at once. */
	if (cl->tun) {
		engine_tunnel_close(cl->tun->t, L2TP_STOPCCN_GENERAL, 0,
				    "session ended");
		return;
	}
	app_client_schedule(cl);
	app_client_free_if_gone(cl);
}
