// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A new configuration becomes the running one (reload.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "app.h"
#include "log.h"
#include "pool.h"
#include "reload.h"
#include "transport_udp.h"

static bool endpoint_eq(const struct conf_endpoint *a,
			const struct conf_endpoint *b)
{
	return a->ip.family == b->ip.family && a->port == b->port &&
	       !memcmp(a->ip.a, b->ip.a, sizeof(a->ip.a));
}

/* Whether s listens on e: a disabled server listens nowhere. */
static bool listens_on(const struct conf_server *s,
		       const struct conf_endpoint *e)
{
	unsigned i;

	for (i = 0; s && s->enabled && i < s->listen.n; i++)
		if (endpoint_eq(&s->listen.v[i], e))
			return true;
	return false;
}

unsigned reload_listen(struct transport *tp, const struct conf_server *old,
		       const struct conf_server *new)
{
	char buf[TRANSPORT_ADDRSTRLEN];
	struct transport_addr ta;
	unsigned i, bound = 0;
	int err;

	for (i = 0; old && old->enabled && i < old->listen.n; i++) {
		if (listens_on(new, &old->listen.v[i]))
			continue;
		app_conf_addr(&old->listen.v[i].ip, old->listen.v[i].port, &ta);
		if (!transport_udp_unlisten(tp, &ta))
			log_info("server: no longer listening on %s",
				 transport_addr_fmt(&ta, buf));
	}
	for (i = 0; new->enabled && i < new->listen.n; i++) {
		app_conf_addr(&new->listen.v[i].ip, new->listen.v[i].port, &ta);
		transport_addr_fmt(&ta, buf);
		if (transport_udp_listening(tp, &ta)) {
			bound++;
			continue;
		}
		/*
		 * One this host cannot have (no IPv6 in a namespace, an
		 * address not configured) is logged and skipped, so that the
		 * IPv4 half of the default pair still serves.
		 */
		err = transport_udp_listen(tp, &ta, NULL);
		if (err) {
			log_warnx("server: cannot listen on %s: %s", buf,
				  strerror(-err));
			continue;
		}
		log_info("server: listening on %s", buf);
		bound++;
	}
	return bound;
}

static bool str_differ(const char *a, const char *b)
{
	return a != b && (!a || !b || strcmp(a, b));
}

/* What the engine was made with stays until the next start. */
static void reload_engine_notes(const struct conf *old, const struct conf *c)
{
	uint32_t r0 = old->xl2tpd ? old->xl2tpd->max_retries : 0;
	uint32_t r1 = c->xl2tpd ? c->xl2tpd->max_retries : 0;

	if (str_differ(old->server.host_name, c->server.host_name))
		log_warnx("reload: server.host-name takes effect at the next "
			  "start");
	if (old->server.max_tunnels != c->server.max_tunnels)
		log_warnx("reload: server.max-tunnels takes effect at the next "
			  "start");
	if (old->server.max_sessions != c->server.max_sessions)
		log_warnx("reload: server.max-sessions takes effect at the "
			  "next start");
	if (r0 != r1)
		log_warnx("reload: max retries takes effect at the next start");
}

int app_conf_apply(struct app *a, struct conf *c, char *err, size_t errlen)
{
	struct conf *old = a->conf;
	struct pool_set *ps;

	if (a->stopping) {
		conf_free(c);
		snprintf(err, errlen, "l2tpd is stopping");
		return -ESHUTDOWN;
	}
	ps = app_pools(c, &a->sessions);
	if (!ps) {
		conf_free(c);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	pool_set_free(a->pools);
	a->pools = ps;
	reload_listen(a->tp, &old->server, &c->server);
	reload_engine_notes(old, c);
	a->conf = c;
	app_clients_apply(a);
	conf_free(old);
	/* A max-starting raised or lifted: the waiting calls it lets in. */
	if (!TAILQ_EMPTY(&a->waiting))
		timer_arm(a->admit, 0);
	return 0;
}

/* One message as conf_msg_print() writes it. */
static char *msg_text(const struct conf_msg *m)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	conf_msg_print(m, f);
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

void reload_log_msgs(const char *what, const struct conf_msgs *msgs)
{
	char *text;
	size_t i;

	for (i = 0; i < msgs->n; i++) {
		text = msg_text(&msgs->v[i]);
		log_warnx("%s: %s", what, text ? text : msgs->v[i].text);
		free(text);
	}
}

void reload_err_text(char *err, size_t errlen, const char *path, int rc,
		     const struct conf_msgs *msgs)
{
	char *text = msgs->n ? msg_text(&msgs->v[0]) : NULL;

	if (!msgs->n)
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
	else if (msgs->n == 1)
		snprintf(err, errlen, "%s", text ? text : msgs->v[0].text);
	else
		snprintf(err, errlen, "%s (and %zu more in the log)",
			 text ? text : msgs->v[0].text, msgs->n - 1);
	free(text);
}
