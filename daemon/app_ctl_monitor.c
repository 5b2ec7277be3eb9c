// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * interface l2tp-client monitor NAME: the client's live state as a row
 * now and then every second, until l2tpctl hangs up (RouterOS's monitor;
 * "once" is l2tpctl hanging up after the first row). The request stays
 * open: a timer per monitor, freed when the client goes away or the
 * monitored l2tp-client is removed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <json-c/json.h>

#include "app.h"
#include "app_ctl.h"
#include "ctl_server.h"
#include "session.h"
#include "tunnel.h"

#define APP_MONITOR_MS	1000

struct app_mon {
	struct app *a;
	struct ctl_client *c;
	struct timer *t;
	char *name;
};

static void app_mon_free(void *arg)
{
	struct app_mon *m = arg;

	timer_free(m->t);
	free(m->name);
	free(m);
}

/*
 * What the interface has now: its MTU and pppd's addresses (the local
 * one, and the peer's as point-to-point destination), from the kernel
 * rather than from what was asked for.
 */
struct app_if_info {
	int64_t mtu;
	char local[INET_ADDRSTRLEN];
	char remote[INET_ADDRSTRLEN];
};

static void app_if_addr(int fd, struct ifreq *ifr, unsigned long req,
			char *buf)
{
	const struct sockaddr_in *sin = (const void *)&ifr->ifr_addr;

	if (!ioctl(fd, req, ifr) && sin->sin_family == AF_INET)
		inet_ntop(AF_INET, &sin->sin_addr, buf, INET_ADDRSTRLEN);
}

static void app_if_info(const char *ifname, struct app_if_info *info)
{
	struct ifreq ifr;
	int fd;

	memset(info, 0, sizeof(*info));
	if (!*ifname || strlen(ifname) >= sizeof(ifr.ifr_name))
		return;
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (!ioctl(fd, SIOCGIFMTU, &ifr))
		info->mtu = ifr.ifr_mtu;
	app_if_addr(fd, &ifr, SIOCGIFADDR, info->local);
	app_if_addr(fd, &ifr, SIOCGIFDSTADDR, info->remote);
	close(fd);
}

/*
 * What pppd is asked for (ppp.c): the profile's use-encryption. pppd
 * cannot accept MPPE without requiring it, so only "require" encrypts.
 */
static const char *app_encoding(const struct conf *c, const char *profile)
{
	const struct conf_profile *p = conf_profile_find(c, profile ? profile :
							 "default");
	const struct conf_profile *d = conf_profile_find(c, "default");
	int v = p ? p->use_encryption : CONF_SW_DEFAULT;

	if (v == CONF_SW_DEFAULT && d)
		v = d->use_encryption;
	return v == CONF_SW_REQUIRE ? "MPPE128" : "none";
}

static const char *app_mon_status(const struct conf_client *cfg,
				  const struct app_client *cl)
{
	if (!cfg || cfg->disabled || !cl)
		return "disabled";
	if (cl->running)
		return "connected";
	if (cl->sess)
		return "authenticating";
	return cl->tun ? "dialing" : "waiting to redial";
}

static void app_mon_session(struct json_object *o, struct app_sess *as)
{
	struct app_if_info info;
	struct kernel_stats st;

	app_ctl_sess_stats(as, &st);
	app_if_info(as->ifname, &info);
	app_json_int(o, "uptime", app_ctl_secs(as->app, as->up_ms));
	app_json_str(o, "interface", as->ifname);
	app_json_int(o, "mtu", info.mtu);
	app_json_str(o, "local-address", info.local);
	app_json_str(o, "remote-address", info.remote);
	app_json_int(o, "tunnel-id", as->tid);
	app_json_int(o, "session-id", as->sid);
	app_json_int(o, "rx-bytes", (int64_t)st.rx_bytes);
	app_json_int(o, "tx-bytes", (int64_t)st.tx_bytes);
	app_json_int(o, "rx-packets", (int64_t)st.rx_packets);
	app_json_int(o, "tx-packets", (int64_t)st.tx_packets);
}

static struct json_object *app_mon_row(struct app *a,
				       const struct conf_client *cfg)
{
	struct app_client *cl = app_client_find(a, cfg->name);
	struct json_object *o = json_object_new_object();
	struct app_sess *as = cl && cl->running ? cl->sess : NULL;

	if (!o)
		return NULL;
	app_json_str(o, "name", cfg->name);
	app_json_str(o, "status", app_mon_status(cfg, cl));
	app_json_str(o, "encoding", as ? app_encoding(a->conf, cfg->profile) :
		     "");
	if (as) {
		app_mon_session(o, as);
	} else {
		app_json_int(o, "uptime", 0);
		app_json_int(o, "mtu", 0);
	}
	app_json_int(o, "mru", cfg->max_mru);
	return o;
}

static const struct conf_client *app_mon_cfg(const struct app *a,
					     const char *name)
{
	const struct conf_client *cc;
	size_t i;

	for (i = 0; i < a->conf->clients.n; i++) {
		cc = (const struct conf_client *)a->conf->clients.v + i;
		if (!strcmp(cc->name, name))
			return cc;
	}
	return NULL;
}

static void app_mon_tick(void *arg)
{
	struct app_mon *m = arg;
	const struct conf_client *cfg = app_mon_cfg(m->a, m->name);
	struct json_object *o;
	int err;

	if (!cfg) {
		ctl_client_on_close(m->c, NULL, NULL);
		ctl_reply_end(m->c, -ENOENT, "interface l2tp-client %s: "
			      "removed", m->name);
		app_mon_free(m);
		return;
	}
	o = app_mon_row(m->a, cfg);
	err = o ? ctl_reply_row(m->c, o) : -ENOMEM;
	json_object_put(o);
	/* -EPIPE: the client is gone and its close hook frees m */
	if (!err)
		timer_arm(m->t, APP_MONITOR_MS);
}

/* The one item: a name, or a position in print's order. */
static const char *app_mon_item(const struct app *a, struct json_object *body)
{
	struct json_object *items;
	const char *item;
	char *end;
	unsigned long n;

	if (!json_object_object_get_ex(body, CTL_K_ITEMS, &items) ||
	    json_object_array_length(items) != 1)
		return NULL;
	item = json_object_get_string(json_object_array_get_idx(items, 0));
	if (!item || app_mon_cfg(a, item))
		return item;
	n = strtoul(item, &end, 10);
	if (*item < '0' || *item > '9' || *end || n >= a->conf->clients.n)
		return NULL;
	return ((const struct conf_client *)a->conf->clients.v)[n].name;
}

void app_ctl_monitor(struct app *a, struct ctl_client *c,
		     struct json_object *body)
{
	const char *name = app_mon_item(a, body);
	struct app_mon *m;

	if (!name || !app_mon_cfg(a, name)) {
		ctl_reply_end(c, -ENOENT, "no such interface l2tp-client "
			      "(give one name or a number from print)");
		return;
	}
	m = calloc(1, sizeof(*m));
	if (m) {
		m->a = a;
		m->c = c;
		m->name = strdup(name);
		m->t = timer_new(a->loop, app_mon_tick, m);
	}
	if (!m || !m->name || !m->t) {
		if (m)
			app_mon_free(m);
		ctl_reply_end(c, -ENOMEM, "out of memory");
		return;
	}
	ctl_client_on_close(c, app_mon_free, m);
	app_mon_tick(m);
}
