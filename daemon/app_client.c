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
 *
 * Clients naming the same "tunnel" place their calls in one tunnel, as a
 * LAC does towards one LNS (RFC 2661 §3.1): the first to dial opens it,
 * the others join it. A client of a shared tunnel that stops or loses its
 * session leaves with its CDN only; the last one out clears the tunnel.
 * The tunnel's end takes every session with it and each client redials.
 * At most APP_CALLS_SETTING_UP calls of a tunnel wait for their ICRP at
 * once; the other clients wait their turn in the tunnel. The control
 * channel delivers in order (RFC 2661 §5.8), so a burst of ICRQs would
 * hold every ICCN behind it while each pppd already negotiates LCP, and a
 * slow peer would see LCP give up before the ICCN arrives.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "conf_impl.h"
#include "log.h"
#include "session.h"
#include "tunnel.h"

/* Calls of one tunnel waiting for their ICRP at once (see above). */
#define APP_CALLS_SETTING_UP	4

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
	loop_resolve_cancel(cl->dns);
	timer_free(cl->redial);
	free(cl->name);
	free(cl);
}

/* Waits before the next dial, unless this client dials no more. */
static void app_client_schedule(struct app_client *cl)
{
	const struct conf_xl2tpd_peer *x = cl->cfg ? cl->cfg->xl2tpd : NULL;
	uint32_t delay;

	if (cl->stopped || cl->app->stopping || cl->tun || cl->sess ||
	    cl->dns || timer_pending(cl->redial))
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
	as->s = engine_call_incoming(cl->tun->t, &call);
	if (!as->s) {
		free(as);
		return -errno;
	}
	as->tid = tunnel_id(cl->tun->t);
	as->sid = session_id(as->s);
	LIST_INSERT_HEAD(&a->sessions, as, link);
	app_sess_set_ifname(as, cl->name);
	cl->sess = as;
	return 0;
}

/* Another client of cl's tunnel name with a tunnel, or of at; NULL: none. */
static struct app_client *app_client_partner(const struct app_client *cl,
					     const struct app_tun *at)
{
	const char *name = cl->cfg ? cl->cfg->tunnel : NULL;
	struct app_client *o;

	LIST_FOREACH(o, &cl->app->clients, link) {
		if (o == cl || !o->tun || (at && o->tun != at))
			continue;
		if (at || (!o->stopped && name && *name && o->cfg &&
			   o->cfg->tunnel && !strcmp(o->cfg->tunnel, name)))
			return o;
	}
	return NULL;
}

/*
 * cl lets go of a tunnel another client still uses: false (nothing done)
 * when cl is its last client.
 */
static bool app_client_leave(struct app_client *cl)
{
	struct app_client *o = cl->tun ? app_client_partner(cl, cl->tun) : NULL;

	if (!o)
		return false;
	if (cl->tun->client == cl)
		cl->tun->client = o;
	cl->tun = NULL;
	return true;
}

/* Calls of cl's tunnel that wait for their ICRP (§7.4.1: or the tunnel). */
static unsigned app_client_setting_up(const struct app_client *cl)
{
	struct app_client *o;
	unsigned n = 0;

	LIST_FOREACH(o, &cl->app->clients, link)
		if (o->tun == cl->tun && o->sess && !o->sess->up_ms)
			n++;
	return n;
}

/* The tunnel is there (ours or shared): the call, or the tunnel cleared. */
static void app_client_place(struct app_client *cl)
{
	int err = app_client_call(cl);

	if (!err)
		return;
	log_warnx("client %s: cannot place the call: %s", cl->name,
		  strerror(-err));
	if (app_client_leave(cl)) {
		app_client_schedule(cl);
		return;
	}
	engine_tunnel_close(cl->tun->t, L2TP_STOPCCN_GENERAL_ERROR,
			    L2TP_ERR_NO_RESOURCE, "cannot place a call");
}

static void app_client_resolved(int err, const struct sockaddr *sa,
				unsigned int len, void *arg)
{
	struct app_client *cl = arg;
	struct transport_addr peer;
	char buf[TRANSPORT_ADDRSTRLEN];

	cl->dns = NULL;
	if (!err)
		err = transport_addr_from(&peer, sa, len);
	if (err) {
		log_warnx("client %s: connect-to %s: %s", cl->name,
			  cl->cfg->connect_to.host, err == -ENOENT ?
			  "unknown host" : "cannot resolve");
		app_client_schedule(cl);
		return;
	}
	log_info("client %s: dialling %s", cl->name,
		 transport_addr_fmt(&peer, buf));
	cl->tun = app_client_tunnel(cl, &peer);
	if (!cl->tun) {
		log_warnx("client %s: cannot open a tunnel to %s: %s",
			  cl->name, buf, strerror(errno));
		app_client_schedule(cl);
		return;
	}
	app_client_place(cl);
}

/*
 * connect-to, an address or a host name, is looked up without blocking
 * the loop; an address or a name in /etc/hosts answers at once.
 */
int app_client_dial(struct app_client *cl)
{
	const struct conf_client *c = cl->cfg;
	struct app_client *o;
	struct loop_dns *r;
	int err;

	if (cl->tun || cl->sess || cl->dns)
		return -EALREADY;
	timer_cancel(cl->redial);
	o = app_client_partner(cl, NULL);
	if (o) {
		log_info("client %s: joining tunnel %s (tunnel %u)", cl->name,
			 c->tunnel, tunnel_id(o->tun->t));
		cl->tun = o->tun;
		/* Else a call that comes up places it (app_client_next). */
		if (app_client_setting_up(cl) < APP_CALLS_SETTING_UP)
			app_client_place(cl);
		return 0;
	}
	err = loop_resolve(cl->app->loop, c->connect_to.host,
			   c->connect_to.port ? c->connect_to.port :
			   CONF_L2TP_PORT, app_client_resolved, cl, &r);
	if (err) {
		log_warnx("client %s: connect-to %s: %s", cl->name,
			  c->connect_to.host, strerror(-err));
		app_client_schedule(cl);
		return err;
	}
	/* r is NULL when the answer came already. */
	if (r)
		cl->dns = r;
	return 0;
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
	loop_resolve_cancel(cl->dns);
	cl->dns = NULL;
	/* The callbacks of these free cl, maybe before they return. */
	if (cl->tun && !app_client_partner(cl, cl->tun))
		engine_tunnel_close(cl->tun->t, L2TP_STOPCCN_GENERAL, 0, why);
	else if (cl->sess)
		app_sess_close(cl->sess, why);
	else if (!cl->tun || app_client_leave(cl))
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
			loop_resolve_cancel(cl->dns);
			cl->dns = NULL;
		}
		app_client_free_if_gone(cl);
	}
}

/* Every client in the tunnel is out of it (a shared one has several). */
void app_client_tunnel_down(struct app_client *owner, struct app_tun *at)
{
	struct app_client *cl, *next;

	for (cl = LIST_FIRST(&owner->app->clients); cl; cl = next) {
		next = LIST_NEXT(cl, link);
		if (cl->tun != at)
			continue;
		cl->tun = NULL;
		app_client_schedule(cl);
		app_client_free_if_gone(cl);
	}
}

/* The clients waiting in at place their calls, as far as turns allow. */
static void app_client_next(struct app *a, struct app_tun *at)
{
	struct app_client *cl;

	LIST_FOREACH(cl, &a->clients, link) {
		if (cl->tun != at || cl->sess || cl->stopped)
			continue;
		if (app_client_setting_up(cl) >= APP_CALLS_SETTING_UP)
			return;
		/* Placing a call changes no list entry but cl's own. */
		app_client_place(cl);
		if (!cl->sess)
			return;
	}
}

void app_client_session_up(struct app_client *cl, struct app_sess *as)
{
	cl->backoff_ms = 0;
	cl->failures = 0;
	if (cl->tun)
		app_client_next(cl->app, cl->tun);
}

/*
 * The session is gone, pppd too: clear the tunnel (unless others share
 * it), then dial again.
 */
void app_client_session_down(struct app_client *cl, struct app_sess *as)
{
	struct app_tun *at = cl->tun;

	if (cl->sess != as)
		return;
	cl->sess = NULL;
	cl->running = false;
	/* Its tunnel_down callback goes on from here, maybe at once. */
	if (at && app_client_leave(cl)) {
		app_client_next(cl->app, at);
	} else if (at) {
		engine_tunnel_close(cl->tun->t, L2TP_STOPCCN_GENERAL, 0,
				    "session ended");
		return;
	}
	app_client_schedule(cl);
	app_client_free_if_gone(cl);
}
