// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The run-time meaning of an xl2tpd.conf's [lns] and [lac] sections
 * (app_xl2tpd.h): which [lns] takes a tunnel, and what pppd is told.
 * The rules are xl2tpd 1.3.18's: get_lns() in its misc.c, and the options
 * its control_finish() gives pppd for an incoming call at the LNS (ICCN)
 * and at the LAC (ICRP).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "app.h"
#include "app_xl2tpd.h"
#include "log.h"
#include "session.h"
#include "tunnel.h"

/* The peer's IPv4 address in host order; 0 for IPv6 (xl2tpd has none). */
static uint32_t peer_v4(const struct transport_addr *peer)
{
	return peer->u.sa.sa_family == AF_INET ?
	       ntohl(peer->u.sin.sin_addr.s_addr) : 0;
}

/* The last of p's "lac" / "no lac" rules that matches addr decides. */
static bool lns_allows(const struct conf_xl2tpd_peer *p, uint32_t addr)
{
	bool allow = false;
	size_t i;

	for (i = 0; addr && i < p->lac.n; i++)
		if (addr >= p->lac.v[i].first && addr <= p->lac.v[i].last)
			allow = !p->lac.v[i].exclude;
	return allow;
}

const struct conf_xl2tpd_peer *
app_xl2tpd_lns(const struct conf *c, const struct transport_addr *peer)
{
	const struct conf_xl2tpd_peer *v, *def = NULL;
	uint32_t addr = peer_v4(peer);
	size_t i;

	if (!c->xl2tpd || !c->xl2tpd->lns.n)
		return NULL;
	v = c->xl2tpd->lns.v;
	for (i = 0; i < c->xl2tpd->lns.n; i++) {
		if (!strcmp(v[i].name, "default"))
			def = &v[i];
		else if (lns_allows(&v[i], addr))
			return &v[i];
	}
	if (def && lns_allows(def, addr))
		return def;
	return c->xl2tpd->access_control ? NULL : def;
}

int app_xl2tpd_tunnel_ok(struct app *a, const struct transport_addr *from)
{
	const struct conf_xl2tpd_peer *p = app_xl2tpd_lns(a->conf, from);
	char buf[TRANSPORT_ADDRSTRLEN];
	struct app_tun *at;

	if (!a->conf->xl2tpd || !a->conf->xl2tpd->lns.n)
		return 0;
	transport_addr_fmt(from, buf);
	if (!p) {
		log_info("tunnel from %s refused: no [lns] takes it (lac "
			 "rules, access control)", buf);
		return -EPERM;
	}
	if (!p->exclusive)
		return 0;
	/* one tunnel between the two hosts */
	LIST_FOREACH(at, &a->tunnels, link) {
		if (!at->client &&
		    transport_addr_eq_host(tunnel_peer_addr(at->t), from)) {
			log_info("tunnel from %s refused: [lns %s] is "
				 "exclusive and has a tunnel to it", buf,
				 p->name);
			return -EPERM;
		}
	}
	return 0;
}

const struct conf_profile *app_peer_profile(struct app *a,
					    const struct transport_addr *peer)
{
	const struct conf_xl2tpd_peer *p = app_xl2tpd_lns(a->conf, peer);
	const struct conf_profile *prof = p && p->profile ?
		conf_profile_find(a->conf, p->profile) : NULL;

	return prof ? prof : app_server_profile(a);
}

/* NULL-terminated options; one failed push fails them all. */
struct opts {
	char *v[24];
	size_t n;
	bool nomem;
};

static void opt(struct opts *o, const char *s)
{
	if (o->nomem || o->n + 1 >= sizeof(o->v) / sizeof(o->v[0]) ||
	    !(o->v[o->n] = strdup(s))) {
		o->nomem = true;
		return;
	}
	o->n++;
}

static void ip_str(uint32_t addr, char *buf)
{
	struct in_addr in = { .s_addr = htonl(addr) };

	buf[0] = '\0';
	if (addr)
		inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

/* pppd's "local:remote"; an end left out is pppd's to choose. */
static void ip_opt(struct opts *o, uint32_t local, uint32_t remote)
{
	char l[INET_ADDRSTRLEN], r[INET_ADDRSTRLEN];
	char buf[2 * INET_ADDRSTRLEN + 1];

	ip_str(local, l);
	ip_str(remote, r);
	snprintf(buf, sizeof(buf), "%s:%s", l, r);
	opt(o, buf);
}

/* A [lac]'s "local ip" / "remote ip", host order; 0: not set. */
static uint32_t ip4(const struct conf_ip *ip)
{
	uint32_t v;

	if (ip->family != AF_INET)
		return 0;
	memcpy(&v, ip->a, 4);
	return ntohl(v);
}

/*
 * xl2tpd's authentication options: we authenticate ourselves unless
 * "refuse authentication" (then neither PAP nor CHAP), and the peer only
 * with "require authentication".
 */
static void auth_opts(struct opts *o, const struct conf_xl2tpd_peer *p,
		      bool server)
{
	if (p->refuse_authentication || p->refuse_pap)
		opt(o, "refuse-pap");
	if (p->refuse_authentication || p->refuse_chap)
		opt(o, "refuse-chap");
	if (p->require_authentication) {
		opt(o, "auth");
		if (p->require_pap)
			opt(o, "require-pap");
		if (p->require_chap)
			opt(o, "require-chap");
		if (server && p->unix_authentication)
			opt(o, "login");
	}
}

static void tail_opts(struct opts *o, const struct conf_xl2tpd_peer *p,
		      const char *name)
{
	if (name) {
		opt(o, "name");
		opt(o, name);
	}
	if (p->ppp_debug)
		opt(o, "debug");
	if (p->pppoptfile) {
		opt(o, "file");
		opt(o, p->pppoptfile);
	}
}

int app_xl2tpd_ppp(struct app *a, struct app_sess *as, struct ppp_cfg *pc)
{
	const struct conf_client *c = as->client ? as->client->cfg : NULL;
	const struct conf_xl2tpd_peer *p;
	struct opts o = { .n = 0 };
	char **v;

	if (as->client)
		p = c ? c->xl2tpd : NULL;
	else
		p = app_xl2tpd_lns(a->conf,
				   tunnel_peer_addr(session_tunnel(as->s)));
	if (!p)
		return 0;
	opt(&o, "passive");
	if (as->client) {
		if (c->add_default_route)
			opt(&o, "defaultroute");
		if (p->local_ip.family || p->remote_ip.family)
			ip_opt(&o, ip4(&p->local_ip), ip4(&p->remote_ip));
	} else {
		ip_opt(&o, as->local, as->remote);
	}
	auth_opts(&o, p, !as->client);
	tail_opts(&o, p, as->client ? c->user : p->auth_name);
	v = o.nomem ? NULL : calloc(o.n + 1, sizeof(*v));
	if (!v) {
		while (o.n)
			free(o.v[--o.n]);
		return -ENOMEM;
	}
	memcpy(v, o.v, o.n * sizeof(*v));
	pc->own_opts = v;
	/* a password from "c NAME USER PASSWORD" comes through the plugin */
	pc->pppd_secrets = !(c && c->password);
	return 0;
}

void app_xl2tpd_ppp_done(struct ppp_cfg *pc)
{
	char *const *o;

	for (o = pc->own_opts; o && *o; o++)
		free(*o);
	free((void *)pc->own_opts);
	pc->own_opts = NULL;
}
