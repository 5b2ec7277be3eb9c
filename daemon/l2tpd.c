// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The running daemon (l2tpd.h): start-up in dependency order (kernel,
 * pools, control sockets, engine, listeners, clients), the signals, the
 * shutdown sequence and reload.
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "app.h"
#include "app_xl2tpd.h"
#include "auth.h"
#include "ctl_server.h"
#include "log.h"
#include "loop_event.h"
#include "pool.h"
#include "reload.h"
#include "sdnotify.h"
#include "transport_udp.h"

#define APP_STOP_POLL_MS	50

const struct conf_profile *app_server_profile(const struct app *a)
{
	const struct conf_profile *p =
		conf_profile_find(a->conf, a->conf->server.default_profile ?
				  a->conf->server.default_profile :
				  "default-encryption");

	return p ? p : conf_profile_find(a->conf, "default");
}

/* conf's host name for our Host Name AVP, else the system's. */
static void app_engine_cfg(const struct conf *c, struct engine_cfg *cfg,
			   char *host, size_t len)
{
	struct utsname u;

	engine_cfg_default(cfg);
	if (c->server.host_name)
		snprintf(host, len, "%s", c->server.host_name);
	else if (!uname(&u))
		snprintf(host, len, "%s", u.nodename);
	else
		snprintf(host, len, "l2tpd");
	cfg->host_name = host;
	cfg->keepalive_s = c->server.keepalive_timeout;
	cfg->max_tunnels = c->server.max_tunnels;
	cfg->max_sessions = c->server.max_sessions;
	if (c->xl2tpd && c->xl2tpd->max_retries)
		cfg->chan.max_retries = (uint8_t)(c->xl2tpd->max_retries > 255 ?
						  255 : c->xl2tpd->max_retries);
}

void app_conf_addr(const struct conf_ip *ip, uint16_t port,
		   struct transport_addr *ta)
{
	memset(ta, 0, sizeof(*ta));
	if (ip->family == AF_INET6) {
		ta->u.sin6.sin6_family = AF_INET6;
		memcpy(&ta->u.sin6.sin6_addr, ip->a, 16);
		ta->u.sin6.sin6_port = htons(port);
		ta->len = sizeof(ta->u.sin6);
	} else if (ip->family == AF_INET) {
		ta->u.sin.sin_family = AF_INET;
		memcpy(&ta->u.sin.sin_addr, ip->a, 4);
		ta->u.sin.sin_port = htons(port);
		ta->len = sizeof(ta->u.sin);
	}
}

/* The server's listen addresses; at least one of them (reload.h). */
static int app_listen(struct app *a)
{
	const struct conf_server *s = &a->conf->server;

	if (s->enabled && s->listen.n && !reload_listen(a->tp, NULL, s)) {
		log_warnx("server: no listen address could be bound");
		return -EADDRNOTAVAIL;
	}
	return 0;
}

struct pool_set *app_pools(const struct conf *c,
			   const struct app_sess_list *running)
{
	struct pool_set *ps = pool_set_new();
	const struct conf_pool *p;
	struct app_sess *as;
	size_t i;

	if (!ps)
		return NULL;
	for (i = 0; i < c->pools.n; i++) {
		p = &((const struct conf_pool *)c->pools.v)[i];
		if (pool_add(ps, p->name, p->ranges.v, p->ranges.n,
			     p->next_pool)) {
			pool_set_free(ps);
			return NULL;
		}
	}
	LIST_FOREACH(as, running, link) {
		if (as->local_taken)
			pool_claim(ps, as->local);
		if (as->remote_taken)
			pool_claim(ps, as->remote);
	}
	return ps;
}

void app_status(struct app *a)
{
	sdnotify_status("%u tunnels, %u sessions",
			engine_tunnel_count(a->eng),
			engine_session_count(a->eng));
}

static void app_on_stop_poll(void *arg);

/*
 * SIGTERM / SIGINT: StopCCN "shutting down" to every tunnel (RFC 2661
 * §4.4.2 result 6); the sessions go down with them and their pppd get
 * SIGTERM. l2tpd then waits for every pppd and, briefly, for the StopCCNs'
 * acknowledgements before it frees the engine (which deletes what the
 * kernel still holds).
 */
static void app_stop(struct app *a)
{
	if (a->stopping)
		return;
	a->stopping = true;
	log_info("shutting down: %u tunnels, %u sessions",
		 engine_tunnel_count(a->eng), engine_session_count(a->eng));
	sdnotify_stopping();
	app_clients_stop(a);
	engine_shutdown(a->eng);
	a->stop_start = loop_now_ms(a->loop);
	timer_arm(a->stop_timer, 0);
}

static void app_on_stop_poll(void *arg)
{
	struct app *a = arg;
	uint64_t waited = loop_now_ms(a->loop) - a->stop_start;

	if (!LIST_EMPTY(&a->sessions) && waited < APP_PPP_KILL_MS + 3000) {
		timer_arm(a->stop_timer, APP_STOP_POLL_MS);
		return;
	}
	if (engine_tx_pending(a->eng) && waited < APP_STOP_ACK_MS) {
		timer_arm(a->stop_timer, APP_STOP_POLL_MS);
		return;
	}
	loop_event_stop(a->loop);
}

static void app_on_signal(int signo, void *arg)
{
	struct app *a = arg;
	char err[256];

	if (signo == SIGHUP) {
		log_info("SIGHUP: reloading %s", a->opts.conf_path);
		app_reload(a, err, sizeof(err));
		return;
	}
	log_info("%s: stopping", signo == SIGINT ? "SIGINT" : "SIGTERM");
	app_stop(a);
}

static int app_signals(struct app *a)
{
	int err;

	signal(SIGPIPE, SIG_IGN);
	err = loop_watch_signal(a->loop, SIGTERM, app_on_signal, a,
				&a->sig_term);
	if (!err)
		err = loop_watch_signal(a->loop, SIGINT, app_on_signal, a,
					&a->sig_int);
	if (!err)
		err = loop_watch_signal(a->loop, SIGHUP, app_on_signal, a,
					&a->sig_hup);
	return err;
}

/*
 * What the engine no longer reports on once freed: sessions whose pppd
 * did not end in time (killed now, reaped by nobody: l2tpd exits) and
 * their tunnels.
 */
static void app_free_left(struct app *a)
{
	struct app_sess *as;
	struct app_tun *at;

	while ((as = LIST_FIRST(&a->sessions))) {
		LIST_REMOVE(as, link);
		if (as->ppp)
			log_warnx("session %u/%u: pppd %ld killed at exit",
				  as->tid, as->sid, (long)ppp_pid(as->ppp));
		ppp_free(as->ppp);
		free(as);
	}
	while ((at = LIST_FIRST(&a->tunnels))) {
		LIST_REMOVE(at, link);
		free(at);
	}
}

static void app_free(struct app *a)
{
	struct app_client *cl;

	if (a->eng)
		engine_free(a->eng);
	app_free_left(a);
	while ((cl = LIST_FIRST(&a->clients))) {
		LIST_REMOVE(cl, link);
		timer_free(cl->redial);
		free(cl->name);
		free(cl);
	}
	if (a->tp)
		transport_udp_free(a->tp);
	if (a->ctl)
		ctl_server_free(a->ctl);
	app_plugin_close(a);
	app_xl2tpd_free(a);
	loop_watch_free(a->sig_term);
	loop_watch_free(a->sig_int);
	loop_watch_free(a->sig_hup);
	timer_free(a->stop_timer);
	timer_free(a->admit);
	pool_set_free(a->pools);
	htab_destroy(&a->by_pid);
	htab_destroy(&a->by_ifname);
	kernel_close(&a->k);
	conf_free(a->conf);
	free(a->plugin_path);
	free(a);
}

static int app_init(struct app *a)
{
	struct engine_cfg cfg;
	char host[256];
	int err;

	err = htab_init(&a->by_pid, 64);
	if (!err)
		err = htab_init(&a->by_ifname, 64);
	if (err)
		return err;
	a->pools = app_pools(a->conf, &a->sessions);
	a->stop_timer = timer_new(a->loop, app_on_stop_poll, a);
	a->admit = timer_new(a->loop, app_admit_waiting, a);
	TAILQ_INIT(&a->waiting);
	TAILQ_INIT(&a->parked);
	a->tp = transport_udp_new(a->loop, false);
	if (!a->pools || !a->stop_timer || !a->admit || !a->tp)
		return -ENOMEM;
	err = app_signals(a);
	if (err) {
		log_warnx("signals: %s", strerror(-err));
		return err;
	}
	err = app_plugin_open(a);
	if (!err)
		err = app_ctl_open(a);
	if (!err)
		err = app_xl2tpd_open(a);
	if (err)
		return err;
	app_engine_cfg(a->conf, &cfg, host, sizeof(host));
	a->eng = engine_new(a->loop, &cfg, a->tp, &dp_kernel_ops, &a->dp,
			    &app_engine_ops, a);
	if (!a->eng) {
		err = -errno;
		log_warnx("engine: %s", strerror(errno));
		return err;
	}
	err = app_listen(a);
	if (!err)
		err = app_clients_start(a);
	return err;
}

int l2tpd_start(struct loop *loop, const struct l2tpd_opts *opts,
		struct conf *c, struct app **out)
{
	struct app *a = calloc(1, sizeof(*a));
	int err;

	if (!a) {
		conf_free(c);
		return -ENOMEM;
	}
	a->loop = loop;
	a->opts = *opts;
	app_state_replay(opts, &c);
	a->conf = c;
	LIST_INIT(&a->tunnels);
	LIST_INIT(&a->sessions);
	LIST_INIT(&a->clients);
	err = kernel_open(&a->k);
	if (err) {
		if (err != -ENOENT)
			log_warnx("kernel: l2tp generic netlink: %s",
				  strerror(-err));
		free(a);
		conf_free(c);
		return err;
	}
	a->dp.k = &a->k;
	/*
	 * OpenSSL sets its random generator up on first use (its config,
	 * providers and DRBG: 2.5 MiB here): now, not in the first tunnel's
	 * setup. What it answers is not needed.
	 */
	(void)l2tp_auth_random(&err, sizeof(err));
	err = app_init(a);
	if (err) {
		app_free(a);
		return err;
	}
	log_info("started: server %s, %zu clients",
		 c->server.enabled ? "enabled" : "disabled", c->clients.n);
	sdnotify_ready();
	app_status(a);
	*out = a;
	return 0;
}

int l2tpd_run(struct app *a)
{
	int code;

	loop_event_run(a->loop);
	code = a->exit_code;
	log_info("stopped");
	app_free(a);
	return code;
}

/*
 * Parse and validate first: a configuration that fails changes nothing.
 * The changes made through xl2tpd's control FIFO are made again on it.
 * Then it becomes the running one (reload.h): new sessions see it at
 * once, clients are compared one by one, and tunnels and sessions no
 * change touches keep running.
 */
int app_reload(struct app *a, char *err, size_t errlen)
{
	struct conf_load_opts lo = { .xl2tpd_auth_file =
				     a->opts.xl2tpd_auth_file };
	struct conf_msgs msgs = { 0 };
	struct conf *c = NULL;
	int rc;

	sdnotify_reloading();
	rc = conf_load(a->opts.conf_path, &lo, &c, &msgs);
	/* Running on, with one configuration or the other. */
	sdnotify_ready();
	if (rc) {
		reload_log_msgs("reload", &msgs);
		reload_err_text(err, errlen, a->opts.conf_path, rc, &msgs);
		conf_msgs_free(&msgs);
		log_warnx("reload failed: the running configuration stays");
		return rc;
	}
	conf_msgs_free(&msgs);
	app_state_replay(&a->opts, &c);
	rc = app_xl2tpd_replay(a, c, err, errlen);
	if (rc) {
		conf_free(c);
		log_warnx("reload failed: the running configuration stays");
		return rc;
	}
	rc = app_conf_apply(a, c, err, errlen);
	if (rc)
		return rc;
	log_info("reloaded %s", a->opts.conf_path);
	return 0;
}
