/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The application inside l2tpd (app_*.c, l2tpd.c): what ties the running
 * configuration, the control engine, the kernel data plane, one pppd per
 * session, the address pools and the two control sockets together.
 *
 * Objects:
 *  - struct app_tun: a tunnel the upper layer knows (tunnel_user()): a
 *    server tunnel from its establishment, a client tunnel from its SCCRQ;
 *  - struct app_sess: a session (session_user()) and its pppd. It lives
 *    until both the engine let go of the session (session_down) and pppd
 *    was reaped, so that no pppd, address or interface outlives it;
 *  - struct app_client: an enabled /interface l2tp-client, with its tunnel,
 *    its session and its redial timer. Clients with the same "tunnel"
 *    share one app_tun (its client is one of them, for show).
 *
 * pppd's plugin speaks to l2tpd on a socket of its own (APP_PLUGIN_SUFFIX
 * beside the control socket, mode 0600): the operator's socket then never
 * answers a secret request, and a session's connection, silent for as long
 * as the session lasts, is neither dropped as idle nor counted against
 * l2tpctl's client limit. Every plugin connection is matched to its session
 * by the peer's pid (SO_PEERCRED), which must be a pppd l2tpd started.
 */
#ifndef L2TPD_APP_H
#define L2TPD_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>

#include "conf.h"
#include "dp_kernel.h"
#include "engine.h"
#include "htab.h"
#include "ifname.h"
#include "kernel.h"
#include "l2tpd.h"
#include "loop.h"
#include "ppp.h"

struct ctl_server;
struct pool_set;
struct app_client;
struct app_xl2tpd;

#define APP_PLUGIN_SUFFIX	".plugin"
/*
 * SIGTERM to pppd, then SIGKILL this much later. pppd's own goodbye takes
 * up to two Terminate-Requests 3 s apart (its lcp-restart and
 * lcp-max-terminate defaults), then /etc/ppp/ip-down; only after that does
 * the plugin report the exit with its disconnect cause (RFC 3145). 5 s
 * cut that report off on a loaded host.
 */
#define APP_PPP_KILL_MS		15000
/* Shutting down: how long StopCCNs may wait for their acknowledgement. */
#define APP_STOP_ACK_MS		2000
/* Client redial: first delay, doubled per failure up to the cap. */
#define APP_REDIAL_MIN_MS	2000
#define APP_REDIAL_MAX_MS	60000

LIST_HEAD(app_tun_list, app_tun);
LIST_HEAD(app_sess_list, app_sess);
LIST_HEAD(app_client_list, app_client);
TAILQ_HEAD(app_sess_queue, app_sess);
TAILQ_HEAD(app_parked_list, app_parked);

struct app {
	struct loop *loop;
	struct l2tpd_opts opts;
	struct conf *conf;		/* the running configuration */
	struct kernel k;
	struct dp_kernel dp;
	struct transport *tp;
	struct engine *eng;
	struct ctl_server *ctl;		/* l2tpctl */
	struct ctl_server *plugin;	/* the pppd plugin */
	char *plugin_path;
	/* plugin requests from a pppd whose pid is not known yet */
	struct app_parked_list parked;
	struct pool_set *pools;
	struct app_xl2tpd *xl2tpd;	/* xl2tpd's control FIFO, or NULL */
	struct loop_watch *sig_term, *sig_int, *sig_hup;
	struct timer *stop_timer;
	uint64_t stop_start;
	struct app_tun_list tunnels;
	struct app_sess_list sessions;
	struct app_client_list clients;
	struct htab by_pid;		/* app_sess by pppd's pid */
	struct htab by_ifname;		/* app_sess by interface name */
	/*
	 * server.max-starting: the server's calls answered and not up yet
	 * (ip-up), and the calls waiting for their ICRP until fewer are.
	 */
	uint32_t starting;
	struct app_sess_queue waiting;
	struct timer *admit;
	bool stopping;
	int exit_code;
};

struct app_tun {
	LIST_ENTRY(app_tun) link;
	struct app *app;
	struct tunnel *t;
	struct app_client *client;	/* NULL: a server tunnel */
	uint64_t start_ms;
	uint64_t up_ms;			/* 0: not established */
};

/* What the plugin said when pppd was about to exit (RFC 3145 cause). */
struct app_exit {
	bool valid;
	int status;
	uint16_t code, proto;
	uint8_t direction;
	char message[64];
};

struct app_sess {
	LIST_ENTRY(app_sess) link;
	struct htab_node pid_node;	/* app->by_pid while pppd runs */
	struct htab_node ifname_node;	/* app->by_ifname once named */
	struct app *app;
	struct session *s;		/* NULL once the engine let go */
	struct app_client *client;	/* NULL: a server session */
	struct ppp *ppp;		/* NULL until pppd started */
	uint16_t tid, sid, peer_tid, peer_sid;
	char ifname[IFNAME_MAX + 1];
	char user[64];			/* server: the peer's name, once known */
	uint32_t local, remote;		/* host order; 0: none */
	bool local_taken, remote_taken;	/* ours to give back to the pools */
	bool ip_up;
	bool ip_was_up;			/* ip-up came once */
	bool admin_close;		/* app_sess_close() ended it */
	bool in_pid;
	bool in_ifname;
	bool starting;			/* counted in app->starting */
	bool waiting;			/* in app->waiting */
	TAILQ_ENTRY(app_sess) wait_link;
	uint64_t start_ms, up_ms;
	struct app_exit exit;
	struct kernel_stats last;	/* the plugin's counters at ip-down */
};

struct app_client {
	LIST_ENTRY(app_client) link;
	struct app *app;
	const struct conf_client *cfg;	/* in app->conf */
	char *name;
	struct app_tun *tun;		/* NULL: not dialled; maybe shared */
	struct app_sess *sess;
	struct loop_dns *dns;		/* connect-to being looked up */
	struct timer *redial;
	uint32_t backoff_ms;
	uint32_t failures;		/* in a row, for xl2tpd's max redials */
	bool running;			/* its PPP link is up (ip-up) */
	bool stopped;			/* removed or disabled: no redial */
};

/* app_session.c: the engine's callbacks and the sessions' pppd. */
extern const struct engine_ops app_engine_ops;
struct app_sess *app_sess_by_pid(struct app *a, pid_t pid);
/*
 * A server session's peer is the user of sec (profile p): its own
 * addresses (the secret's, else p's) replace those the session started
 * with, taken from the pools. 0 (maybe unchanged), or a negative errno
 * with the old ones kept.
 */
int app_sess_user_addrs(struct app_sess *as, const struct conf_secret *sec,
			const struct conf_profile *p);
/*
 * A server session came up (ip-up) or ended: it no longer counts against
 * server.max-starting (nor waits), and the next waiting call may go.
 */
void app_sess_started(struct app_sess *as);
/* app->admit's timer: answers waiting calls while server.max-starting allows. */
void app_admit_waiting(void *arg);
/* Names the session's interface (ifname[], app->by_ifname). */
void app_sess_set_ifname(struct app_sess *as, const char *name);
/*
 * The static server interface name of user into out: 0, -ENOENT when it
 * has none, -EADDRINUSE when another session or the system holds it.
 */
int app_sess_static_ifname(struct app_sess *as, const char *user,
			   char out[IFNAME_MAX + 1]);
/* CDN (admin) for a session, from l2tpctl or a client being stopped. */
int app_sess_close(struct app_sess *as, const char *why);
void app_sess_log_prefix(const struct app_sess *as, char *buf, size_t len);

/* app_client.c: the l2tp-client interfaces. */
int app_clients_start(struct app *a);
/* A reload: added clients start, removed ones stop, changed restart. */
int app_clients_apply(struct app *a);
void app_clients_stop(struct app *a);
void app_client_tunnel_down(struct app_client *cl, struct app_tun *at);
void app_client_session_up(struct app_client *cl, struct app_sess *as);
void app_client_session_down(struct app_client *cl, struct app_sess *as);
struct app_client *app_client_find(struct app *a, const char *name);
/* Dials now (a stopped or waiting client); -EALREADY when it is up. */
int app_client_dial(struct app_client *cl);

/* app_plugin.c: the plugin's socket. */
int app_plugin_open(struct app *a);
void app_plugin_close(struct app *a);

/* app_ctl.c: l2tpctl's socket. */
int app_ctl_open(struct app *a);
/*
 * app_ctl_edit.c: l2tpctl's changes kept in o->state_dir are made again
 * on *c, after the main configuration; each record that does not apply
 * is logged with its file and line and skipped.
 */
void app_state_replay(const struct l2tpd_opts *o, struct conf **c);

/* l2tpd.c */
/* The service manager's status line: tunnels and sessions. */
void app_status(struct app *a);
/* ip and port as a transport address; len 0 when ip is not set. */
void app_conf_addr(const struct conf_ip *ip, uint16_t port,
		   struct transport_addr *ta);
int app_reload(struct app *a, char *err, size_t errlen);
/* The pools of c; the addresses of running sessions taken again in them. */
struct pool_set *app_pools(const struct conf *c,
			   const struct app_sess_list *running);
/* The profile a server session gets (the server's default-profile). */
const struct conf_profile *app_server_profile(const struct app *a);

#endif /* L2TPD_APP_H */
