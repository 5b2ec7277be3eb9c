// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The engine's callbacks: tunnels and sessions as the application sees
 * them, and one pppd per established session.
 *
 * A session's life: offered (an ICRQ to our server: its addresses are
 * taken from the pools then, so that a full pool is a CDN "no resources",
 * not a pppd that fails later) or placed (our client's ICRQ); up (the
 * kernel session exists: a PPPoL2TP socket for it goes to a new pppd);
 * down (the engine let go: pppd is asked to end); gone once pppd was
 * reaped too. pppd ending first makes a CDN carrying its disconnect cause
 * (RFC 3145) as the plugin reported it.
 *
 * Server sessions are named before the peer's user is known (PPP
 * authenticates inside pppd, after it started): they get the dynamic
 * name of ifname.h without a user, "l2tp-1", "l2tp-2", ..., and the
 * addresses of the server's default-profile.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "app.h"
#include "app_xl2tpd.h"
#include "log.h"
#include "pool.h"
#include "session.h"
#include "tunnel.h"

static uint32_t app_ip4(const struct conf_ip *ip)
{
	if (ip->family != AF_INET)
		return 0;
	return (uint32_t)ip->a[0] << 24 | (uint32_t)ip->a[1] << 16 |
	       (uint32_t)ip->a[2] << 8 | ip->a[3];
}

void app_sess_log_prefix(const struct app_sess *as, char *buf, size_t len)
{
	if (as->client)
		snprintf(buf, len, "client %s: session %u/%u", as->client->name,
			 as->tid, as->sid);
	else if (as->user[0])
		snprintf(buf, len, "session %u/%u (%s)", as->tid, as->sid,
			 as->user);
	else
		snprintf(buf, len, "session %u/%u", as->tid, as->sid);
}

static uint32_t pid_hash(pid_t pid)
{
	return htab_hash_u32((uint32_t)pid);
}

struct app_sess *app_sess_by_pid(struct app *a, pid_t pid)
{
	struct htab_node *n;
	struct app_sess *as;

	for (n = htab_first(&a->by_pid, pid_hash(pid)); n;
	     n = htab_next(n, pid_hash(pid))) {
		as = container_of(n, struct app_sess, pid_node);
		if (ppp_pid(as->ppp) == pid)
			return as;
	}
	return NULL;
}

static uint32_t ifname_hash(const char *name)
{
	return htab_hash_bytes(name, strlen(name));
}

void app_sess_set_ifname(struct app_sess *as, const char *name)
{
	struct app *a = as->app;

	if (as->in_ifname)
		htab_remove(&a->by_ifname, &as->ifname_node);
	snprintf(as->ifname, sizeof(as->ifname), "%s", name);
	as->in_ifname = as->ifname[0] != '\0';
	if (as->in_ifname)
		htab_insert(&a->by_ifname, &as->ifname_node,
			    ifname_hash(as->ifname));
}

/*
 * server.max-starting: at most so many server calls between their ICRP
 * and ip-up. Each is a pppd starting on both ends, which costs CPU
 * (exec, linking, the ip-up scripts) while LCP and authentication run on
 * timers: a storm of calls answered at once had every pppd share the
 * CPU, each took longer than its LCP allowed, and almost none came up
 * (944 of 1,000 in the VM rig, the clients redialling into the same
 * storm). A call beyond the limit is taken and waits for its ICRP; the
 * peer's pppd does not start before it, so the waiting costs nothing.
 */
static bool app_may_start(const struct app *a)
{
	uint32_t max = a->conf->server.max_starting;

	return !max || a->starting < max;
}

/* The loop's turn, not the engine's callback's: answers waiting calls. */
void app_admit_waiting(void *arg)
{
	struct app *a = arg;
	struct app_sess *as;

	while (app_may_start(a) && (as = TAILQ_FIRST(&a->waiting))) {
		TAILQ_REMOVE(&a->waiting, as, wait_link);
		as->waiting = false;
		as->starting = true;
		a->starting++;
		if (as->s && engine_call_answered(as->s))
			log_warnx("session %u/%u: cannot answer the call",
				  as->tid, as->sid);
	}
}

void app_sess_started(struct app_sess *as)
{
	struct app *a = as->app;

	if (as->waiting) {
		TAILQ_REMOVE(&a->waiting, as, wait_link);
		as->waiting = false;
	}
	if (!as->starting)
		return;
	as->starting = false;
	a->starting--;
	if (!TAILQ_EMPTY(&a->waiting) && !timer_pending(a->admit))
		timer_arm(a->admit, 0);
}

static void app_sess_free(struct app_sess *as)
{
	struct app *a = as->app;

	app_sess_started(as);

	if (as->in_pid)
		htab_remove(&a->by_pid, &as->pid_node);
	if (as->in_ifname)
		htab_remove(&a->by_ifname, &as->ifname_node);
	if (as->local_taken)
		pool_release(a->pools, as->local);
	if (as->remote_taken)
		pool_release(a->pools, as->remote);
	ppp_free(as->ppp);
	LIST_REMOVE(as, link);
	if (as->client)
		app_client_session_down(as->client, as);
	free(as);
}

/*
 * A profile value RouterOS inherits: the profile's own, else the built-in
 * "default" profile's.
 */
static const struct conf_profile *app_default_profile(const struct app *a)
{
	return conf_profile_find(a->conf, "default");
}

static enum ppp_mppe app_mppe(const struct app *a,
			      const struct conf_profile *p)
{
	const struct conf_profile *d = app_default_profile(a);
	int v = p ? p->use_encryption : CONF_SW_DEFAULT;

	if (v == CONF_SW_DEFAULT && d)
		v = d->use_encryption;
	if (v == CONF_SW_REQUIRE)
		return PPP_MPPE_REQUIRE;
	return v == CONF_SW_YES ? PPP_MPPE_YES : PPP_MPPE_NO;
}

static const struct conf_addr_pool *app_prof_addr(const struct app *a,
						  const struct conf_profile *p,
						  bool local)
{
	const struct conf_profile *d = app_default_profile(a);
	const struct conf_addr_pool *ap;

	ap = p ? (local ? &p->local_address : &p->remote_address) : NULL;
	if ((!ap || (!ap->pool && !ap->ip.family)) && d)
		ap = local ? &d->local_address : &d->remote_address;
	return ap && (ap->pool || ap->ip.family == AF_INET) ? ap : NULL;
}

/*
 * One end's address: from a pool (ours to give back), or a fixed one. The
 * server's own end may be one address for every session (RouterOS's usual
 * local-address); a fixed remote address is claimed so that it is never
 * handed out twice.
 */
static int app_take_addr(struct app *a, const struct conf_addr_pool *ap,
			 bool claim, uint32_t *addr, bool *taken)
{
	int err;

	*taken = false;
	if (ap->pool) {
		err = pool_alloc(a->pools, ap->pool, addr);
		*taken = !err;
		return err;
	}
	*addr = app_ip4(&ap->ip);
	if (!claim)
		return 0;
	err = pool_claim(a->pools, *addr);
	*taken = !err;
	return err;
}

static int app_server_addrs(struct app *a, struct app_sess *as,
			    const struct transport_addr *peer)
{
	const struct conf_profile *p = app_peer_profile(a, peer);
	const struct conf_addr_pool *l = app_prof_addr(a, p, true);
	const struct conf_addr_pool *r = app_prof_addr(a, p, false);
	int err;

	if (!l || !r) {
		log_warnx("session %u/%u: profile %s has no %s: refused",
			  as->tid, as->sid, p ? p->name : "default",
			  l ? "remote-address" : "local-address");
		return -EDESTADDRREQ;
	}
	err = app_take_addr(a, l, false, &as->local, &as->local_taken);
	if (!err)
		err = app_take_addr(a, r, true, &as->remote,
				    &as->remote_taken);
	if (err)
		log_warnx("session %u/%u: no address from %s: %s", as->tid,
			  as->sid, err == -EADDRNOTAVAIL ? "the pool" :
			  "profile " , strerror(-err));
	return err;
}

/*
 * A name one of our sessions has, or any link of the kernel's. Our own
 * through the index: "l2tp-1", "l2tp-2", ... are tried in turn, so with a
 * walk of every session per name the n-th session of a storm cost n^2
 * compares (a second of the loop at 1,000).
 */
static bool app_ifname_taken(const char *name, void *arg)
{
	struct app *a = arg;
	uint32_t h = ifname_hash(name);
	struct htab_node *n;

	for (n = htab_first(&a->by_ifname, h); n; n = htab_next(n, h))
		if (!strcmp(container_of(n, struct app_sess,
					 ifname_node)->ifname, name))
			return true;
	/* As with if_nametoindex(), a look that fails finds nothing. */
	return kernel_link_exists(&a->k, name) == 1;
}

static int app_peer_lookup(void *arg, const struct transport_addr *from,
			   const struct l2tp_bytes *host,
			   struct engine_peer *p)
{
	struct app *a = arg;
	const struct conf_server *s = &a->conf->server;
	char buf[TRANSPORT_ADDRSTRLEN];

	if (!s->enabled || a->stopping) {
		log_info("tunnel from %s refused: the server is %s",
			 transport_addr_fmt(from, buf),
			 a->stopping ? "stopping" : "disabled");
		return -EPERM;
	}
	if (s->tunnel_secret && s->tunnel_secret[0]) {
		p->secret = s->tunnel_secret;
		p->secret_len = strlen(s->tunnel_secret);
		p->hide = s->hide_avps;
	}
	p->keepalive_s = s->keepalive_timeout;
	return app_xl2tpd_tunnel_ok(a, from);
}

static void app_tunnel_up(void *arg, struct tunnel *t)
{
	struct app *a = arg;
	struct app_tun *at = tunnel_user(t);
	const struct tunnel_peer_info *pi = tunnel_peer_info(t);
	char buf[TRANSPORT_ADDRSTRLEN];

	if (!at) {
		at = calloc(1, sizeof(*at));
		if (!at) {
			log_warnx("tunnel %u: out of memory", tunnel_id(t));
			engine_tunnel_close(t, L2TP_STOPCCN_GENERAL_ERROR,
					    L2TP_ERR_NO_RESOURCE,
					    "out of memory");
			return;
		}
		at->app = a;
		at->t = t;
		at->start_ms = loop_now_ms(a->loop);
		tunnel_set_user(t, at);
		LIST_INSERT_HEAD(&a->tunnels, at, link);
	}
	at->up_ms = loop_now_ms(a->loop);
	log_info("tunnel %u up: peer %s tunnel %u, host \"%s\"%s%s",
		 tunnel_id(t), transport_addr_fmt(tunnel_peer_addr(t), buf),
		 tunnel_peer_id(t), pi->host_name ? pi->host_name : "",
		 at->client ? ", client " : "",
		 at->client ? at->client->name : "");
}

static void app_result_text(const struct engine_result *why, char *buf,
			    size_t len)
{
	snprintf(buf, len, "%s result %u error %u%s%.*s%s",
		 why->by_peer ? "by the peer," : why->result ? "by us," :
		 "without a message,", why->result, why->error,
		 why->message || why->peer_message.len ? " \"" : "",
		 why->message ? (int)strlen(why->message) :
		 (int)why->peer_message.len,
		 why->message ? why->message :
		 (const char *)why->peer_message.ptr,
		 why->message || why->peer_message.len ? "\"" : "");
}

static void app_tunnel_down(void *arg, struct tunnel *t,
			    const struct engine_result *why)
{
	struct app_tun *at = tunnel_user(t);
	char text[160];

	app_result_text(why, text, sizeof(text));
	log_info("tunnel %u down: %s", tunnel_id(t), text);
	if (!at)
		return;
	tunnel_set_user(t, NULL);
	LIST_REMOVE(at, link);
	if (at->client)
		app_client_tunnel_down(at->client, at);
	free(at);
}

static int app_call_offered(void *arg, struct session *s,
			    const struct l2tp_msg *m)
{
	struct app *a = arg;
	struct tunnel *t = session_tunnel(s);
	struct app_tun *at = tunnel_user(t);
	char ifname[IFNAME_MAX + 1];
	struct app_sess *as;

	/* We place no calls for a peer (no OCRQ) and take none as a LAC. */
	if (m->type != L2TP_MSG_ICRQ || !at || at->client) {
		log_info("session %u/%u: %s refused: not a call for our "
			 "server", tunnel_id(t), session_id(s),
			 m->type == L2TP_MSG_ICRQ ? "ICRQ" : "OCRQ");
		return L2TP_CDN_NO_RESOURCES_PERM;
	}
	if (a->stopping || !a->conf->server.enabled) {
		log_info("session %u/%u: refused: the server is %s",
			 tunnel_id(t), session_id(s),
			 a->stopping ? "stopping" : "disabled");
		return L2TP_CDN_NO_RESOURCES_TEMP;
	}
	as = calloc(1, sizeof(*as));
	if (!as)
		return L2TP_CDN_NO_RESOURCES_TEMP;
	as->app = a;
	as->tid = tunnel_id(t);
	as->sid = session_id(s);
	as->start_ms = loop_now_ms(a->loop);
	LIST_INSERT_HEAD(&a->sessions, as, link);
	if (app_server_addrs(a, as, tunnel_peer_addr(t)))
		goto refuse;
	/* Into a buffer of its own: as->ifname is among those compared. */
	if (ifname_dynamic(NULL, app_ifname_taken, a, ifname)) {
		log_warnx("session %u/%u: no free interface name", as->tid,
			  as->sid);
		goto refuse;
	}
	app_sess_set_ifname(as, ifname);
	as->s = s;
	session_set_user(s, as);
	if (!app_may_start(a) || !TAILQ_EMPTY(&a->waiting)) {
		log_debug("session %u/%u: call waits for its answer (%u "
			  "starting)", as->tid, as->sid, a->starting);
		as->waiting = true;
		TAILQ_INSERT_TAIL(&a->waiting, as, wait_link);
		return ENGINE_CALL_LATER;
	}
	as->starting = true;
	a->starting++;
	return 0;
refuse:
	app_sess_free(as);
	return L2TP_CDN_NO_RESOURCES_TEMP;
}

static void app_ppp_common(struct app *a, struct app_sess *as,
			   struct ppp_cfg *pc)
{
	/* The command line's, else the configuration's, else the installed. */
	pc->pppd = a->opts.pppd ? a->opts.pppd : a->conf->pppd.path;
	pc->plugin = a->opts.plugin ? a->opts.plugin : a->conf->pppd.plugin;
	pc->ctl_path = a->plugin_path;
	pc->tid = as->tid;
	pc->sid = as->sid;
	pc->ifname = as->ifname;
	pc->send_seq = as->s->seq;
	pc->recv_seq = as->s->seq;
	pc->reorder_timeout_ms = as->s->seq ? a->dp.reorder_timeout_ms : 0;
	pc->debug = a->opts.debug;
}

static void app_ppp_server(struct app *a, struct app_sess *as,
			   struct ppp_cfg *pc)
{
	const struct conf_server *sv = &a->conf->server;
	const struct conf_profile *p = app_peer_profile(a,
		tunnel_peer_addr(session_tunnel(as->s)));
	unsigned i, n = 0;

	pc->server = true;
	pc->lns_mode = true;
	pc->auth = sv->authentication;
	pc->mppe = app_mppe(a, p);
	/* RouterOS's MPPE is 128 bits only. */
	pc->mppe_bits = PPP_MPPE_128;
	pc->mtu = sv->max_mtu;
	pc->mru = sv->max_mru;
	pc->mrru = sv->mrru;
	pc->local = as->local;
	pc->remote = as->remote;
	pc->keepalive_timeout = sv->keepalive_timeout;
	if (!p)
		return;
	for (i = 0; i < p->dns_server.n && n < 2; i++)
		if (p->dns_server.v[i].family == AF_INET)
			pc->dns[n++] = app_ip4(&p->dns_server.v[i]);
	for (i = 0, n = 0; i < p->wins_server.n && n < 2; i++)
		if (p->wins_server.v[i].family == AF_INET)
			pc->wins[n++] = app_ip4(&p->wins_server.v[i]);
	pc->idle_timeout = p->idle_timeout;
	pc->session_timeout = p->session_timeout;
}

static void app_ppp_client(struct app *a, struct app_sess *as,
			   struct ppp_cfg *pc)
{
	const struct conf_client *c = as->client->cfg;

	pc->auth = c->allow;
	pc->user = c->user;
	pc->mppe = app_mppe(a, conf_profile_find(a->conf, c->profile));
	pc->mppe_bits = PPP_MPPE_128;
	pc->mtu = c->max_mtu;
	pc->mru = c->max_mru;
	pc->mrru = c->mrru;
	pc->keepalive_timeout = c->keepalive_timeout;
	pc->use_peer_dns = c->use_peer_dns == CONF_SW_YES;
	pc->add_default_route = c->add_default_route;
	pc->default_route_distance = c->default_route_distance;
}

static void app_on_ppp_exit(struct ppp *p, int status, void *arg);

/*
 * pppd runs: its plugin is known by this pid from now on. The session's
 * "up" line waits for it, so that it names the pppd whose syslog lines
 * (pppd[PID]) belong to the session.
 */
static void app_on_ppp_start(struct ppp *p, pid_t pid, void *arg)
{
	struct app_sess *as = arg;
	char pfx[96];

	htab_insert(&as->app->by_pid, &as->pid_node, pid_hash(pid));
	as->in_pid = true;
	app_sess_log_prefix(as, pfx, sizeof(pfx));
	log_info("%s up: peer session %u, %s, pppd %ld", pfx, as->peer_sid,
		 as->ifname, (long)pid);
}

/* The kernel session exists: its PPPoL2TP socket, then pppd. */
static int app_ppp_start(struct app *a, struct app_sess *as)
{
	struct tunnel *t = session_tunnel(as->s);
	const struct transport_addr *peer = tunnel_peer_addr(t);
	struct kernel_pppol2tp kp = {
		.tunnel_fd = a->tp->ops->fd(t->sock),
		.peer = &peer->u.sa, .peer_len = peer->len,
		.tid = as->tid, .sid = as->sid,
		.peer_tid = as->peer_tid, .peer_sid = as->peer_sid,
	};
	struct ppp_cfg pc = { 0 };
	int fd, err;

	app_ppp_common(a, as, &pc);
	if (as->client)
		app_ppp_client(a, as, &pc);
	else
		app_ppp_server(a, as, &pc);
	err = app_xl2tpd_ppp(a, as, &pc);
	fd = err ? err : kernel_pppol2tp_open(&kp);
	if (fd < 0) {
		app_xl2tpd_ppp_done(&pc);
		return fd;
	}
	err = ppp_spawn(a->loop, &pc, fd, app_on_ppp_start, app_on_ppp_exit,
			as, &as->ppp);
	app_xl2tpd_ppp_done(&pc);
	return err;
}

static void app_session_up(void *arg, struct session *s)
{
	struct app *a = arg;
	struct app_sess *as = session_user(s);
	struct engine_result why = {
		.result = L2TP_CDN_GENERAL_ERROR,
		.error = L2TP_ERR_NO_RESOURCE, .message = "cannot start PPP",
	};
	char pfx[96];
	int err;

	if (!as)
		return;
	as->s = s;
	as->peer_tid = tunnel_peer_id(session_tunnel(s));
	as->peer_sid = session_peer_id(s);
	as->up_ms = loop_now_ms(a->loop);
	app_sess_log_prefix(as, pfx, sizeof(pfx));
	err = app_ppp_start(a, as);
	if (err) {
		log_warnx("%s: cannot start pppd: %s", pfx, strerror(-err));
		engine_session_close(s, &why);
		return;
	}
	app_status(a);
	if (as->client)
		app_client_session_up(as->client, as);
}

static void app_session_down(void *arg, struct session *s,
			     const struct engine_result *why)
{
	struct app_sess *as = session_user(s);
	char pfx[96], text[160];

	if (!as)
		return;
	session_set_user(s, NULL);
	as->s = NULL;
	app_sess_log_prefix(as, pfx, sizeof(pfx));
	app_result_text(why, text, sizeof(text));
	log_info("%s down%s: %s", pfx, why->tunnel ? " with its tunnel" : "",
		 text);
	app_status(as->app);
	if (as->ppp && ppp_running(as->ppp)) {
		ppp_terminate(as->ppp, APP_PPP_KILL_MS);
		return;
	}
	app_sess_free(as);
}

/*
 * pppd's end as a CDN Result Code (RFC 2661 §4.4.2): the link died under
 * it (LCP echoes unanswered, hangup) is a lost carrier; a negotiation or
 * authentication that failed is a general error; the rest (an operator,
 * an idle or session timeout, a peer's LCP Terminate) is administrative.
 * A pppd killed by a signal we did not send (app_ppp_killed) is an error.
 */
static uint16_t app_exit_result(int status)
{
	if (!WIFEXITED(status))
		return L2TP_CDN_GENERAL_ERROR;
	switch (WEXITSTATUS(status)) {
	case 15:
	case 16:
		return L2TP_CDN_LOST_CARRIER;
	case 1: case 2: case 3: case 4: case 10: case 11: case 19: case 21:
		return L2TP_CDN_GENERAL_ERROR;
	default:
		return L2TP_CDN_ADMIN;
	}
}

/*
 * A client whose PPP never came up: one line that says what to look at,
 * as a failed login and a server requiring a method that allow leaves out
 * look alike from here (the server's log tells them apart).
 */
static void app_client_ppp_failed(const struct app_sess *as,
				  const char *exit_text)
{
	static const char *const names[] = { "pap", "chap", "mschap1",
					     "mschap2" };
	unsigned allow = as->client->cfg ? as->client->cfg->allow : 0, i;
	char list[40] = "";
	size_t off = 0;

	for (i = 0; i < 4 && off < sizeof(list); i++)
		if (allow & 1u << i)
			off += (size_t)snprintf(list + off, sizeof(list) - off,
						"%s%s", off ? "," : "",
						names[i]);
	log_warnx("client %s: PPP did not come up (%s%s%s): check user and "
		  "password, and that the server accepts one of allow = %s",
		  as->client->name, exit_text, as->exit.valid ? "; " : "",
		  as->exit.valid ? as->exit.message : "", list);
}

/*
 * pppd killed by a signal (SIGKILL, a crash) said nothing of PPP: result
 * 2 with error 6 (RFC 2661 §4.4.2: an implementation's own error, here
 * the PPP process lost) and the signal as the message; as the plugin
 * gave no cause, RFC 3145's "no information available" (§3.1, code 0)
 * at our end carries the same text. A kill that followed our own
 * SIGTERM (app_sess_close) stays administrative.
 */
static void app_ppp_killed(const struct app_sess *as, const char *text,
			   struct engine_result *why, struct l2tp_ppp_disc *disc)
{
	if (as->admin_close) {
		why->result = L2TP_CDN_ADMIN;
		return;
	}
	why->error = L2TP_ERR_VENDOR;
	why->message = text;
	if (as->exit.valid)
		return;
	memset(disc, 0, sizeof(*disc));
	disc->direction = 2;
	disc->message.ptr = (const uint8_t *)text;
	disc->message.len = (uint16_t)strlen(text);
	why->ppp = disc;
}

static void app_on_ppp_exit(struct ppp *p, int status, void *arg)
{
	struct app_sess *as = arg;
	struct l2tp_ppp_disc disc = {
		.code = as->exit.code, .proto = as->exit.proto,
		.direction = as->exit.direction,
		.message = { (const uint8_t *)as->exit.message,
			     (uint16_t)strlen(as->exit.message) },
	};
	struct engine_result why = {
		.result = app_exit_result(status),
		.message = "PPP ended",
		.ppp = as->exit.valid ? &disc : NULL,
	};
	char pfx[96], text[64];

	if (as->in_pid) {
		htab_remove(&as->app->by_pid, &as->pid_node);
		as->in_pid = false;
	}
	app_sess_log_prefix(as, pfx, sizeof(pfx));
	ppp_exit_text(status, text, sizeof(text));
	if (!WIFEXITED(status))
		app_ppp_killed(as, text, &why, &disc);
	if (!ppp_pid(p))
		log_warnx("%s: pppd could not be started", pfx);
	else if (as->exit.valid)
		log_info("%s: pppd %ld ended (%s), disconnect cause %u "
			 "(%s)", pfx, (long)ppp_pid(p), text, as->exit.code,
			 as->exit.message);
	else
		log_info("%s: pppd %ld ended (%s)", pfx, (long)ppp_pid(p),
			 text);
	if (as->client) {
		as->client->running = false;
		if (!as->ip_was_up)
			app_client_ppp_failed(as, text);
	}
	if (as->s) {
		/* session_down follows and frees as. */
		engine_session_close(as->s, &why);
		return;
	}
	app_sess_free(as);
}

/*
 * Ours to end: pppd first, while the kernel session still carries its
 * LCP Terminate-Request; its exit then sends the CDN (app_on_ppp_exit).
 */
int app_sess_close(struct app_sess *as, const char *message)
{
	struct engine_result why = {
		.result = L2TP_CDN_ADMIN, .message = message,
	};

	if (!as->s)
		return -EALREADY;
	as->admin_close = true;
	if (as->ppp && ppp_running(as->ppp))
		return ppp_terminate(as->ppp, APP_PPP_KILL_MS);
	return engine_session_close(as->s, &why);
}

/* A fixed address of a secret, as a profile's address is written. */
static const struct conf_addr_pool *app_fixed(const struct conf_ip *ip,
					      struct conf_addr_pool *buf)
{
	if (ip->family != AF_INET)
		return NULL;
	memset(buf, 0, sizeof(*buf));
	buf->ip = *ip;
	return buf;
}

/* One end again: the same fixed address stays, anything else is taken. */
static int app_retake(struct app *a, const struct conf_addr_pool *ap,
		      bool claim, uint32_t cur, uint32_t *addr, bool *taken)
{
	if (!ap->pool && app_ip4(&ap->ip) == cur) {
		*addr = cur;
		*taken = false;
		return 1;
	}
	return app_take_addr(a, ap, claim, addr, taken);
}

int app_sess_user_addrs(struct app_sess *as, const struct conf_secret *sec,
			const struct conf_profile *p)
{
	struct app *a = as->app;
	struct conf_addr_pool lb, rb;
	const struct conf_addr_pool *l, *r;
	uint32_t local, remote;
	bool lt, rt;
	int el, er;

	l = app_fixed(&sec->local_address, &lb);
	r = app_fixed(&sec->remote_address, &rb);
	if (!l && !r && p == app_server_profile(a))
		return 0;
	l = l ? l : app_prof_addr(a, p, true);
	r = r ? r : app_prof_addr(a, p, false);
	if (!l || !r)
		return -EDESTADDRREQ;
	el = app_retake(a, l, false, as->local, &local, &lt);
	er = el < 0 ? el : app_retake(a, r, true, as->remote, &remote, &rt);
	if (el < 0 || er < 0) {
		if (el >= 0 && lt)
			pool_release(a->pools, local);
		return el < 0 ? el : er;
	}
	/* The old ones go back only when new ones replace them. */
	if (!el && as->local_taken)
		pool_release(a->pools, as->local);
	if (!er && as->remote_taken)
		pool_release(a->pools, as->remote);
	if (!el) {
		as->local = local;
		as->local_taken = lt;
	}
	if (!er) {
		as->remote = remote;
		as->remote_taken = rt;
	}
	return 0;
}

int app_sess_static_ifname(struct app_sess *as, const char *user,
			   char out[IFNAME_MAX + 1])
{
	const struct conf_server_if *sif;
	struct app *a = as->app;
	size_t i;

	for (i = 0; i < a->conf->server_interfaces.n; i++) {
		sif = &((const struct conf_server_if *)
			a->conf->server_interfaces.v)[i];
		if (sif->disabled || !sif->user || strcmp(sif->user, user) ||
		    !sif->name || strlen(sif->name) > IFNAME_MAX)
			continue;
		if (strcmp(as->ifname, sif->name) &&
		    app_ifname_taken(sif->name, a))
			return -EADDRINUSE;
		strcpy(out, sif->name);
		return 0;
	}
	return -ENOENT;
}

static void app_link_info(void *arg, struct session *s,
			  const struct l2tp_accm *accm)
{
	log_debug("session %u/%u: Set-Link-Info from the peer",
		  tunnel_id(session_tunnel(s)), session_id(s));
}

static void app_wan_error(void *arg, struct session *s,
			  const struct l2tp_call_errors *errors)
{
	log_info("session %u/%u: WAN-Error-Notify from the peer",
		 tunnel_id(session_tunnel(s)), session_id(s));
}

const struct engine_ops app_engine_ops = {
	.peer_lookup = app_peer_lookup,
	.tunnel_up = app_tunnel_up,
	.tunnel_down = app_tunnel_down,
	.call_offered = app_call_offered,
	.session_up = app_session_up,
	.session_down = app_session_down,
	.link_info = app_link_info,
	.wan_error = app_wan_error,
};
