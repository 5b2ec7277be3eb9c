// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xl2tpd's control FIFO inside l2tpd (app_xl2tpd.h): one handler per
 * command letter, each answering as xl2tpd 1.3.18's control_handle_*()
 * does ("%02i TEXT" lines: 00 done, 01 refused, 03 a bad section), and one
 * path for what changes the configuration.
 */
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "app_xl2tpd.h"
#include "conf_edit.h"
#include "log.h"
#include "reload.h"
#include "session.h"
#include "tunnel.h"
#include "xl2tpd_cmd.h"
#include "xl2tpd_fifo.h"

/* Changes kept for reloads; beyond, the file is the place for them. */
#define XL2TPD_EDITS_MAX	256

/* One change of the configuration made through the FIFO. */
struct xedit {
	int op;			/* a z r w c d */
	char *name;
	char *settings;		/* a, z */
	char *user, *password;	/* c, d: kept from the last "c" */
};

struct app_xl2tpd {
	struct app *app;
	struct xl2tpd_fifo *fifo;
	struct xedit edits[XL2TPD_EDITS_MAX];
	size_t n;
	struct log_ratelimit bad;	/* bad commands: anyone may write */
};

/* The answer: "%02i TEXT" lines, as xl2tpd's write_res() writes them. */
struct xreply {
	char text[2048];
	size_t len;
};

static void reply(struct xreply *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void reply(struct xreply *r, int code, const char *fmt, ...)
{
	size_t room = sizeof(r->text) - r->len;
	va_list ap;
	int n;

	n = snprintf(r->text + r->len, room, "%02i ", code);
	if (n < 0 || (size_t)n >= room)
		return;
	r->len += (size_t)n;
	room -= (size_t)n;
	va_start(ap, fmt);
	n = vsnprintf(r->text + r->len, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 1 >= room) {
		r->len = sizeof(r->text) - 1;
		r->text[r->len - 1] = '\n';
		return;
	}
	r->len += (size_t)n;
	r->text[r->len++] = '\n';
}

static void no_such(struct xreply *r, const char *name)
{
	log_info("xl2tpd control: no such tunnel '%s'", name);
	reply(r, 1, "No such tunnel '%s'", name);
}

static void xedit_clear(struct xedit *e)
{
	free(e->name);
	free(e->settings);
	free(e->user);
	free(e->password);
	memset(e, 0, sizeof(*e));
}

static int xedit_apply(struct conf *c, const struct xedit *e,
		       struct conf_msgs *msgs)
{
	switch (e->op) {
	case XL2TPD_LAC_ADD:
	case XL2TPD_LNS_ADD:
		return conf_edit_section(c, e->op == XL2TPD_LNS_ADD, e->name,
					 e->settings, msgs);
	case XL2TPD_LAC_REMOVE:
	case XL2TPD_LNS_REMOVE:
		return conf_edit_remove(c, e->op == XL2TPD_LNS_REMOVE,
					e->name);
	default:
		return conf_edit_client(c, e->name,
					e->op == XL2TPD_LAC_CONNECT, e->user,
					e->password);
	}
}

static bool same_lac(const struct xedit *e, int op, const char *name)
{
	bool lac = op != XL2TPD_LNS_ADD && op != XL2TPD_LNS_REMOVE;
	bool elac = e->op != XL2TPD_LNS_ADD && e->op != XL2TPD_LNS_REMOVE;

	return lac == elac && !strcasecmp(e->name, name);
}

/*
 * Keeps e for reloads. What a later change makes moot goes: an earlier
 * "c"/"d" of the same [lac] (its credentials stay, as xl2tpd keeps them),
 * everything before an "r"/"w" of the section.
 */
static void xedit_keep(struct app_xl2tpd *x, const struct xedit *e)
{
	struct xedit k = { .op = e->op };
	size_t i, j;

	k.name = strdup(e->name);
	k.settings = e->settings ? strdup(e->settings) : NULL;
	k.user = e->user ? strdup(e->user) : NULL;
	k.password = e->password ? strdup(e->password) : NULL;
	for (i = j = 0; i < x->n; i++) {
		struct xedit *o = &x->edits[i];
		bool moot = same_lac(o, e->op, e->name) &&
			((e->op == XL2TPD_LAC_REMOVE ||
			  e->op == XL2TPD_LNS_REMOVE) ||
			 ((e->op == XL2TPD_LAC_CONNECT ||
			   e->op == XL2TPD_LAC_DISCONNECT) &&
			  (o->op == XL2TPD_LAC_CONNECT ||
			   o->op == XL2TPD_LAC_DISCONNECT)));

		if (!moot) {
			x->edits[j++] = *o;
			continue;
		}
		if (!k.user && o->user) {
			k.user = o->user;
			o->user = NULL;
		}
		if (!k.password && o->password) {
			k.password = o->password;
			o->password = NULL;
		}
		xedit_clear(o);
	}
	x->n = j;
	if (!k.name || (e->settings && !k.settings) ||
	    (e->user && !k.user) || (e->password && !k.password)) {
		log_warnx("xl2tpd control: out of memory: a reload will not "
			  "make this change again");
		xedit_clear(&k);
		return;
	}
	x->edits[x->n++] = k;
}

/*
 * A change of the running configuration: on a copy, checked as a whole,
 * then applied as a reload applies a file. Nothing changes when it fails.
 */
static int xedit_run(struct app *a, const struct xedit *e)
{
	struct app_xl2tpd *x = a->xl2tpd;
	struct conf_msgs msgs = { 0 };
	struct conf *c;
	char err[256];
	int rc;

	if (x->n == XL2TPD_EDITS_MAX) {
		log_warnx("xl2tpd control: %d changes since the start: put "
			  "them in %s, then reload", XL2TPD_EDITS_MAX,
			  a->opts.conf_path);
		return -ENOSPC;
	}
	c = conf_dup(a->conf);
	rc = c ? xedit_apply(c, e, &msgs) : -ENOMEM;
	if (!rc)
		rc = conf_validate(c, &msgs);
	if (rc) {
		reload_log_msgs("xl2tpd control: refused", &msgs);
		if (!msgs.n)
			log_warnx("xl2tpd control: refused: %s",
				  strerror(-rc));
		conf_msgs_free(&msgs);
		conf_free(c);
		return rc;
	}
	rc = app_conf_apply(a, c, err, sizeof(err));
	if (rc) {
		log_warnx("xl2tpd control: %s", err);
		return rc;
	}
	xedit_keep(x, e);
	return 0;
}

int app_xl2tpd_replay(struct app *a, struct conf *c, char *err,
		      size_t errlen)
{
	struct app_xl2tpd *x = a->xl2tpd;
	struct conf_msgs msgs = { 0 };
	size_t i;
	int rc = 0;

	if (!x || !x->n)
		return 0;
	/* a section the file no longer has is not there to change */
	for (i = 0; i < x->n && (!rc || rc == -ENOENT); i++)
		rc = xedit_apply(c, &x->edits[i], &msgs);
	if (!rc || rc == -ENOENT)
		rc = conf_validate(c, &msgs);
	if (rc) {
		reload_log_msgs("reload: with the xl2tpd control FIFO's "
				"changes", &msgs);
		reload_err_text(err, errlen, a->opts.conf_path, rc, &msgs);
		conf_msgs_free(&msgs);
		return rc;
	}
	log_info("reload: %zu changes made through the xl2tpd control FIFO "
		 "made again", x->n);
	return 0;
}

/* "c NAME [USER [PASSWORD]]": the [lac] dials, now and after failures. */
static void xc_connect(struct app *a, const struct xl2tpd_cmd *cmd,
		       struct xreply *r)
{
	const struct conf_client *cc = conf_edit_find_client(a->conf,
							     cmd->name);
	struct xedit e = { .op = XL2TPD_LAC_CONNECT, .name = (char *)cmd->name,
			   .user = (char *)cmd->arg[0],
			   .password = (char *)cmd->arg[1] };
	struct app_client *cl;
	char name[256];

	if (!cc && cmd->id) {
		/* xl2tpd's lac_call() on a tunnel "t HOST" opened */
		log_warnx("xl2tpd control: c %u: a call on a tunnel by its id "
			  "is not supported: calls are placed for [lac] "
			  "sections (c NAME)", cmd->id);
		reply(r, 1, "Error");
		return;
	}
	if (!cc) {
		no_such(r, cmd->name);
		return;
	}
	snprintf(name, sizeof(name), "%s", cc->name);
	cl = app_client_find(a, name);
	if (cl && (cl->tun || cl->sess)) {
		log_info("xl2tpd control: c %s: already active", name);
		reply(r, 1, "Session '%s' already active!", name);
		return;
	}
	if ((cc->disabled || cmd->arg[0]) && xedit_run(a, &e)) {
		reply(r, 1, "Error");
		return;
	}
	/* enabled already, waiting to dial again: now, and from scratch */
	cl = app_client_find(a, name);
	if (cl && !cl->tun && !cl->sess) {
		cl->failures = 0;
		cl->backoff_ms = 0;
		app_client_dial(cl);
	}
	log_info("xl2tpd control: c %s: dialling%s", name,
		 cmd->arg[0] ? " (user and password given)" : "");
	reply(r, 0, "OK");
}

/* "d NAME": the [lac] hangs up and dials no more; "d TID": a tunnel. */
static void xc_disconnect(struct app *a, const struct xl2tpd_cmd *cmd,
			  struct xreply *r)
{
	const struct conf_client *cc = conf_edit_find_client(a->conf,
							     cmd->name);
	struct xedit e = { .op = XL2TPD_LAC_DISCONNECT,
			   .name = (char *)cmd->name };
	struct tunnel *t;
	struct app_client *cl;
	char name[256];
	bool up;

	if (!cc && cmd->id) {
		t = engine_tunnel_find(a->eng, cmd->id);
		log_info("xl2tpd control: d %u: %s", cmd->id,
			 t ? "closing the tunnel" : "no such tunnel");
		if (t)
			engine_tunnel_close(t, L2TP_STOPCCN_GENERAL, 0,
					    "disconnected");
		reply(r, 0, "OK");
		return;
	}
	if (!cc) {
		no_such(r, cmd->name);
		return;
	}
	snprintf(name, sizeof(name), "%s", cc->name);
	cl = app_client_find(a, name);
	up = cl && cl->tun;
	if (!cc->disabled && xedit_run(a, &e)) {
		reply(r, 1, "Error");
		return;
	}
	log_info("xl2tpd control: d %s: %s", name, up ? "hanging up" :
		 "not up; it dials no more");
	if (up)
		reply(r, 0, "OK");
	else
		reply(r, 1, "Session '%s' not up", name);
}

/* "o NAME NUMBER": xl2tpd's LAC sending an Outgoing-Call-Request. */
static void xc_outgoing(struct app *a, const struct xl2tpd_cmd *cmd,
			struct xreply *r)
{
	if (!conf_edit_find_client(a->conf, cmd->name) && !cmd->id) {
		no_such(r, cmd->name);
		return;
	}
	/* RFC 2661 §7.5: the LNS places outgoing calls, at the LAC */
	log_warnx("xl2tpd control: o %s: a LAC does not send "
		  "Outgoing-Call-Request (RFC 2661 §7.5); l2tpd places "
		  "incoming calls (c NAME)", cmd->name);
	reply(r, 1, "Error");
}

/* "h CALL-ID": ends our session of that id; xl2tpd answers OK always. */
static void xc_hangup(struct app *a, const struct xl2tpd_cmd *cmd,
		      struct xreply *r)
{
	struct app_sess *as;

	LIST_FOREACH(as, &a->sessions, link)
		if (as->sid == cmd->id && as->s)
			break;
	if (as) {
		log_info("xl2tpd control: h %u: hanging up session %u/%u",
			 cmd->id, as->tid, as->sid);
		app_sess_close(as, "hung up");
	} else {
		log_info("xl2tpd control: h %u: no such call", cmd->id);
	}
	reply(r, 0, "OK");
}

/* "a NAME SETTINGS" / "z NAME SETTINGS": a section added or changed. */
static void xc_add(struct app *a, const struct xl2tpd_cmd *cmd,
		   struct xreply *r)
{
	struct xedit e = { .op = cmd->op, .name = (char *)cmd->name,
			   .settings = (char *)cmd->settings };
	bool lns = cmd->op == XL2TPD_LNS_ADD;

	if (xedit_run(a, &e)) {
		reply(r, 3, "Configuration parse error");
		return;
	}
	log_info("xl2tpd control: %c %s: [%s %s] saved", cmd->op, cmd->name,
		 lns ? "lns" : "lac", cmd->name);
	reply(r, 0, lns ? "OK: Saved value" : "OK");
}

/* The session ids of every server session that [lns] p took. */
static size_t lns_sessions(struct app *a, const struct conf_xl2tpd_peer *p,
			   uint16_t (*ids)[2], size_t max)
{
	struct app_sess *as;
	size_t n = 0;

	LIST_FOREACH(as, &a->sessions, link) {
		if (as->client || !as->s || n == max ||
		    app_xl2tpd_lns(a->conf, tunnel_peer_addr(
			    session_tunnel(as->s))) != p)
			continue;
		ids[n][0] = as->tid;
		ids[n++][1] = as->sid;
	}
	return n;
}

/*
 * "r NAME" / "w NAME": a section goes; a [lac] hangs up, an [lns]'s
 * calls end.
 */
static void xc_remove(struct app *a, const struct xl2tpd_cmd *cmd,
		      struct xreply *r)
{
	struct xedit e = { .op = cmd->op, .name = (char *)cmd->name };
	bool lns = cmd->op == XL2TPD_LNS_REMOVE;
	const struct conf_xl2tpd_peer *p = NULL;
	uint16_t ids[256][2];
	struct session *s;
	size_t i, n = 0;

	if (lns) {
		for (i = 0; a->conf->xl2tpd && i < a->conf->xl2tpd->lns.n; i++)
			if (!strcasecmp(((const struct conf_xl2tpd_peer *)
					 a->conf->xl2tpd->lns.v)[i].name,
					cmd->name))
				p = &((const struct conf_xl2tpd_peer *)
				      a->conf->xl2tpd->lns.v)[i];
		n = p ? lns_sessions(a, p, ids, 256) : 0;
	}
	if (lns ? !p : !conf_edit_find_client(a->conf, cmd->name)) {
		no_such(r, cmd->name);
		return;
	}
	if (xedit_run(a, &e)) {
		reply(r, 1, "Error");
		return;
	}
	for (i = 0; i < n; i++) {
		s = engine_session_find(a->eng, ids[i][0], ids[i][1]);
		if (s && session_user(s))
			app_sess_close(session_user(s), "lns removed");
	}
	log_info("xl2tpd control: %c %s: [%s %s] removed%s", cmd->op,
		 cmd->name, lns ? "lns" : "lac", cmd->name,
		 n ? ", its calls end" : "");
	reply(r, 0, "OK");
}

/* The name a tunnel goes by: its [lac], its [lns], or none. */
static const char *tunnel_section(struct app *a, const struct app_tun *at)
{
	const struct conf_xl2tpd_peer *p;

	if (at->client)
		return at->client->name;
	p = app_xl2tpd_lns(a->conf, tunnel_peer_addr(at->t));
	return p ? p->name : "";
}

/* "s": the status to the log, as xl2tpd's show_status() (SIGUSR1). */
static void xc_status(struct app *a, const struct xl2tpd_cmd *cmd,
		      struct xreply *r)
{
	char buf[TRANSPORT_ADDRSTRLEN];
	struct app_tun *at;
	struct app_sess *as;
	size_t i;

	log_info("status: %u tunnels, %u sessions",
		 engine_tunnel_count(a->eng), engine_session_count(a->eng));
	LIST_FOREACH(at, &a->tunnels, link)
		log_info("status: tunnel %s, id %u (local), %u (remote) to %s, "
			 "%s, %u calls", tunnel_section(a, at),
			 tunnel_id(at->t), tunnel_peer_id(at->t),
			 transport_addr_fmt(tunnel_peer_addr(at->t), buf),
			 tunnel_state_name(at->t),
			 tunnel_session_count(at->t));
	LIST_FOREACH(as, &a->sessions, link)
		log_info("status: call %u (local), %u (remote) on tunnel %u, "
			 "%s%s%s", as->sid, as->peer_sid, as->tid, as->ifname,
			 as->ip_up ? ", up" : "", as->s ? "" : ", closing");
	for (i = 0; a->conf->xl2tpd && i < a->conf->xl2tpd->lns.n; i++)
		log_info("status: lns entry %s", ((const struct
			 conf_xl2tpd_peer *)a->conf->xl2tpd->lns.v)[i].name);
	for (i = 0; i < a->conf->clients.n; i++) {
		const struct conf_client *c =
			&((const struct conf_client *)a->conf->clients.v)[i];

		log_info("status: lac entry %s, lns is %s%s", c->name,
			 c->connect_to.host ? c->connect_to.host : "[none]",
			 c->disabled ? ", not dialling" : "");
	}
	reply(r, 0, "OK");
}

/* "t HOST": a tunnel to HOST:1701 without a call, as xl2tpd's l2tp_call(). */
static void xc_tunnel(struct app *a, const struct xl2tpd_cmd *cmd,
		      struct xreply *r)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *res = NULL;
	struct engine_tunnel_params p = {
		.p = { .keepalive_s = ENGINE_KEEPALIVE_CLIENT_S },
	};
	struct app_tun *at = calloc(1, sizeof(*at));

	if (at && !getaddrinfo(cmd->name, "1701", &hints, &res) &&
	    !transport_addr_from(&p.peer, res->ai_addr, res->ai_addrlen)) {
		p.user = at;
		at->app = a;
		at->start_ms = loop_now_ms(a->loop);
		at->t = engine_tunnel_open(a->eng, &p);
	}
	if (res)
		freeaddrinfo(res);
	if (!at || !at->t) {
		log_warnx("xl2tpd control: t %s: cannot open a tunnel there",
			  cmd->name);
		free(at);
		reply(r, 1, "Error");
		return;
	}
	LIST_INSERT_HEAD(&a->tunnels, at, link);
	log_info("xl2tpd control: t %s: tunnel %u opened", cmd->name,
		 tunnel_id(at->t));
	reply(r, 0, "OK");
}

static const struct conf_xl2tpd_peer *find_lns(const struct conf *c,
					       const char *name)
{
	const struct conf_xl2tpd_peer *v = c->xl2tpd ? c->xl2tpd->lns.v : NULL;
	size_t i;

	for (i = 0; v && i < c->xl2tpd->lns.n; i++)
		if (!strcasecmp(v[i].name, name))
			return &v[i];
	return NULL;
}

/* "y NAME": an [lns]'s tunnels and calls with their counters. */
static void xc_lns_status(struct app *a, const struct xl2tpd_cmd *cmd,
			  struct xreply *r)
{
	const struct conf_xl2tpd_peer *p = find_lns(a->conf, cmd->name);
	char buf[TRANSPORT_ADDRSTRLEN];
	struct kernel_stats st;
	struct app_tun *at;
	struct app_sess *as;
	int nt = 0, nc;

	if (!p) {
		reply(r, 1, "Error: Could not find lns");
		return;
	}
	reply(r, 0, "OK");
	LIST_FOREACH(at, &a->tunnels, link) {
		if (at->client || app_xl2tpd_lns(a->conf,
						 tunnel_peer_addr(at->t)) != p)
			continue;
		reply(r, 0, "STATUS tunnels.%d.id=%u", nt,
		      tunnel_peer_id(at->t));
		reply(r, 0, "STATUS tunnels.%d.peer=%s", nt,
		      transport_addr_fmt(tunnel_peer_addr(at->t), buf));
		nc = 0;
		LIST_FOREACH(as, &a->sessions, link) {
			if (as->tid != tunnel_id(at->t) || !as->s)
				continue;
			if (!as->s->dp || kernel_session_stats(&a->k, as->tid,
							       as->sid, &st))
				memset(&st, 0, sizeof(st));
			reply(r, 0, "STATUS tunnels.%d.calls.%d.id=%u", nt, nc,
			      as->sid);
			reply(r, 0, "STATUS tunnels.%d.calls.%d.tx_bytes=%llu",
			      nt, nc, (unsigned long long)st.tx_bytes);
			reply(r, 0, "STATUS tunnels.%d.calls.%d.rx_bytes=%llu",
			      nt, nc, (unsigned long long)st.rx_bytes);
			reply(r, 0, "STATUS tunnels.%d.calls.%d.tx_pkts=%llu",
			      nt, nc, (unsigned long long)st.tx_packets);
			reply(r, 0, "STATUS tunnels.%d.calls.%d.rx_pkts=%llu",
			      nt, nc++, (unsigned long long)st.rx_packets);
		}
		reply(r, 0, "STATUS tunnels.%d.calls.count=%d", nt++, nc);
	}
	reply(r, 0, "STATUS tunnels.count=%d", nt);
}

/* "x": the sections and the tunnels, as xl2tpd's "available". */
static void xc_available(struct app *a, const struct xl2tpd_cmd *cmd,
			 struct xreply *r)
{
	const struct conf_xl2tpd *x = a->conf->xl2tpd;
	const struct conf_xl2tpd_peer *lns = x ? x->lns.v : NULL;
	const struct conf_client *lac = a->conf->clients.v;
	struct app_tun *at;
	size_t i;

	reply(r, 0, "OK");
	for (i = 0; lns && i < x->lns.n; i++)
		reply(r, 0, "AVAILABLE lns.%zu.name=%s", i, lns[i].name);
	reply(r, 0, "AVAILABLE lns.count=%zu", x ? x->lns.n : 0);
	for (i = 0; i < a->conf->clients.n; i++)
		reply(r, 0, "AVAILABLE lac.%zu.name=%s", i, lac[i].name);
	reply(r, 0, "AVAILABLE lac.count=%zu", a->conf->clients.n);
	LIST_FOREACH(at, &a->tunnels, link)
		reply(r, 0, "AVAILABLE tunnel %u, id %u, ourtid %u has %u "
		      "calls", tunnel_id(at->t), tunnel_peer_id(at->t),
		      tunnel_id(at->t), tunnel_session_count(at->t));
	reply(r, 0, "AVAILABLE tunnels count=%u", engine_tunnel_count(a->eng));
	reply(r, 0, "AVAILABLE calls count=%u", engine_session_count(a->eng));
}

typedef void xc_fn(struct app *a, const struct xl2tpd_cmd *cmd,
		   struct xreply *r);

static const struct {
	int op;
	xc_fn *fn;
} handlers[] = {
	{ XL2TPD_LAC_CONNECT, xc_connect },
	{ XL2TPD_LAC_OUTGOING, xc_outgoing },
	{ XL2TPD_LAC_HANGUP, xc_hangup },
	{ XL2TPD_LAC_DISCONNECT, xc_disconnect },
	{ XL2TPD_LAC_ADD, xc_add },
	{ XL2TPD_LAC_REMOVE, xc_remove },
	{ XL2TPD_LAC_STATUS, xc_status },
	{ XL2TPD_TUNNEL, xc_tunnel },
	{ XL2TPD_LNS_ADD, xc_add },
	{ XL2TPD_LNS_STATUS, xc_lns_status },
	{ XL2TPD_AVAILABLE, xc_available },
	{ XL2TPD_LNS_REMOVE, xc_remove },
};

/*
 * A line for the log: printable, shortened, and for "c NAME USER PW" the
 * first two words only (the password stays out of the log).
 */
static void safe_line(const char *line, int op, char *out, size_t len)
{
	const char *sp = strchr(line, ' ');
	size_t n = strlen(line), i;

	if (op == XL2TPD_LAC_CONNECT && sp && strchr(sp + 1, ' '))
		n = (size_t)(strchr(sp + 1, ' ') - line);
	if (n > len - 1)
		n = len - 1;
	memcpy(out, line, n);
	out[n] = '\0';
	for (i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			out[i] = '?';
}

/* A bad line: logged once with the reason, answered as xl2tpd answers. */
static void xc_bad(struct app_xl2tpd *x, const char *line,
		   const struct xl2tpd_cmd *cmd, const char *why,
		   struct xreply *r)
{
	char shown[80];

	safe_line(line, cmd->op, shown, sizeof(shown));
	log_ratelimited(&x->bad, loop_now_ms(x->app->loop), LOG_WARNING,
			"xl2tpd control: bad command '%s': %s", shown, why);
	if (!strcmp(why, "unknown command"))
		reply(r, 1, "Unknown command %c", cmd->op);
	else if (cmd->op == XL2TPD_LAC_ADD || cmd->op == XL2TPD_LNS_ADD)
		reply(r, 3, "Configuration parse error: %s", why);
	else
		reply(r, 1, "Error: %s", why);
}

static void xc_line(void *arg, char *line, const char *err)
{
	struct app_xl2tpd *x = arg;
	struct xreply r = { .len = 0 };
	struct xl2tpd_cmd cmd = { .op = 0 };
	char copy[XL2TPD_CMD_MAX + 1];
	const char *why = err;
	size_t i;
	int rc;

	snprintf(copy, sizeof(copy), "%s", line);
	rc = err ? -EINVAL : xl2tpd_cmd_parse(line, &cmd, &why);
	if (rc) {
		xc_bad(x, copy, &cmd, why, &r);
	} else {
		for (i = 0; handlers[i].op != cmd.op; i++)
			;
		handlers[i].fn(x->app, &cmd, &r);
	}
	if (!cmd.result)
		return;
	rc = xl2tpd_fifo_reply(cmd.result, r.text, r.len);
	if (rc)
		log_info("xl2tpd control: cannot answer in %s: %s",
			 cmd.result, strerror(-rc));
}

int app_xl2tpd_open(struct app *a)
{
	struct app_xl2tpd *x;
	int err;

	if (!a->opts.xl2tpd_fifo)
		return 0;
	x = calloc(1, sizeof(*x));
	if (!x)
		return -ENOMEM;
	x->app = a;
	x->bad = (struct log_ratelimit)LOG_RATELIMIT_INIT(10, 1000);
	err = xl2tpd_fifo_open(a->loop, a->opts.xl2tpd_fifo, xc_line, x,
			       &x->fifo);
	if (err) {
		log_warnx("xl2tpd control %s: %s", a->opts.xl2tpd_fifo,
			  strerror(-err));
		free(x);
		return err;
	}
	a->xl2tpd = x;
	log_info("xl2tpd control: reading commands from %s",
		 a->opts.xl2tpd_fifo);
	return 0;
}

void app_xl2tpd_free(struct app *a)
{
	struct app_xl2tpd *x = a->xl2tpd;
	size_t i;

	if (!x)
		return;
	xl2tpd_fifo_free(x->fifo);
	for (i = 0; i < x->n; i++)
		xedit_clear(&x->edits[i]);
	free(x);
	a->xl2tpd = NULL;
}
