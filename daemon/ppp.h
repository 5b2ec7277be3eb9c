/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One pppd per session: its command line built from a plain struct, the
 * process started with the session's PPPoL2TP socket as its only extra
 * descriptor, its exit watched on the loop, and its end (SIGTERM, then
 * SIGKILL) on request. Every pppd is reaped, the ones given up on
 * (ppp_free) too, so none stays a zombie.
 *
 * pppd loads our plugin (plugin/l2tpd.so), which takes the socket,
 * reports the session's progress to l2tpd over the control socket and
 * asks l2tpd for the PAP/CHAP secrets it needs: no secret is ever on a
 * command line or on disk (see plugin/l2tpd.c).
 *
 * Functions return 0 or a negative errno and do not log.
 */
#ifndef L2TPD_PPP_H
#define L2TPD_PPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "loop.h"

#ifndef L2TPD_PLUGIN_PATH
#define L2TPD_PLUGIN_PATH	"/usr/lib/pppd/l2tpd.so"
#endif
#define PPP_PPPD_PATH		"/usr/sbin/pppd"

/* pppd's descriptor for the PPPoL2TP socket ("l2tpd_fd 3"). */
#define PPP_CHANNEL_FD		3
/* Defaults of RouterOS's max-mtu / max-mru for L2TP. */
#define PPP_DEFAULT_MTU		1450
/* Unanswered LCP echoes before pppd declares the peer dead. */
#define PPP_ECHO_FAILURES	5
/*
 * pppd runs this much nicer than l2tpd (setpriority(2)), so that when
 * many sessions start at once their pppds do not starve the control
 * connections of every tunnel: data never passes through pppd (the
 * kernel carries it), and an idle pppd of an established session gets
 * the CPU when it wakes up all the same.
 */
#define PPP_NICE		10

/* Profile use-encryption: MPPE off, accepted when the peer asks, required. */
enum ppp_mppe { PPP_MPPE_NO, PPP_MPPE_YES, PPP_MPPE_REQUIRE };

/* MPPE key lengths allowed; 0 means both. */
#define PPP_MPPE_40		0x1
#define PPP_MPPE_128		0x2

struct ppp_cfg {
	const char *pppd;	/* NULL: PPP_PPPD_PATH */
	const char *plugin;	/* NULL: L2TPD_PLUGIN_PATH */
	const char *ctl_path;	/* l2tpd's control socket, for the plugin */
	uint16_t tid, sid;	/* our ids: the plugin names its session */
	bool server;		/* we authenticate the peer (LNS side) */
	const char *ifname;	/* always set: see ifname.h */
	/*
	 * enum conf_auth bits: on a server the methods the peer may use
	 * (require-*; none: noauth), on a client the methods we accept
	 * (refuse-* for the others).
	 */
	unsigned auth;
	const char *user;	/* client: our name; the password comes
				   from l2tpd through the plugin */
	enum ppp_mppe mppe;
	unsigned mppe_bits;	/* PPP_MPPE_40 | PPP_MPPE_128; 0: both */
	uint32_t mtu, mru;	/* 0: PPP_DEFAULT_MTU */
	uint32_t mrru;		/* multilink when not 0 */
	uint32_t local, remote;	/* IPv4, host order; 0: not set */
	uint32_t dns[2];	/* server: offered to the peer; 0: none */
	uint32_t wins[2];
	bool use_peer_dns;	/* client */
	uint32_t idle_timeout;	/* seconds, 0: none */
	uint32_t session_timeout; /* seconds, 0: none */
	uint32_t keepalive_timeout; /* seconds, 0: no LCP echoes */
	bool add_default_route;	/* client: default dev IFNAME */
	uint32_t default_route_distance; /* its metric */
	/* The session's kernel options, applied by the plugin too. */
	bool send_seq, recv_seq, lns_mode;
	uint32_t reorder_timeout_ms;
	bool debug;		/* pppd's debug */
	/*
	 * A session of an xl2tpd.conf section: these options (NULL-
	 * terminated), the ones xl2tpd would give pppd, replace the policy
	 * above (authentication, MPPE, addresses, sizes, timers).
	 */
	char *const *own_opts;
	bool pppd_secrets;	/* secrets from pppd's files, not l2tpd */
};

/*
 * pppd's argv for c (NULL-terminated; argv[0] is the pppd path) into
 * *argv, freed with ppp_argv_free(). -EINVAL: c lacks ifname or
 * ctl_path, or a server lacks an address; -ENOMEM.
 */
int ppp_argv(const struct ppp_cfg *c, char ***argv);
void ppp_argv_free(char **argv);

struct ppp;

/* pppd runs: its pid, ppp_pid(p) from here on. */
typedef void ppp_start_fn(struct ppp *p, pid_t pid, void *arg);

/* pppd ended; status as from waitpid(2). p stays valid until ppp_free(). */
typedef void ppp_exit_fn(struct ppp *p, int status, void *arg);

/*
 * Starts pppd for c with fd (the session's PPPoL2TP socket) as its
 * descriptor PPP_CHANNEL_FD, stdin on /dev/null, stdout and stderr on
 * /dev/null (l2tpd's with c->debug), every other descriptor closed, in a
 * session of its own.
 *
 * A thread of ppp.c's starts it (posix_spawn), so that the loop does not
 * wait for its execve(): when ppp_spawn() returns, pppd is on its way.
 * started runs on the loop once it runs (NULL: not wanted), cb when it
 * ended. A pppd that cannot be started (the spawn or its execve failed)
 * ends without having started, with exit status 127, as a shell says a
 * command it cannot run, and a log line with the reason. A missing pppd
 * (not executable) is said at once, as -errno; so is -ENOMEM.
 *
 * fd is ours in every case: closed once pppd has its copy, so that
 * l2tpd keeps none (the session ends when pppd closes it).
 */
int ppp_spawn(struct loop *loop, const struct ppp_cfg *c, int fd,
	      ppp_start_fn *started, ppp_exit_fn *cb, void *arg,
	      struct ppp **pp);

/* pppd's pid; 0 until it runs (ppp_start_fn). */
pid_t ppp_pid(const struct ppp *p);
/* Starting, or running: not reaped yet. */
bool ppp_running(const struct ppp *p);

/*
 * For a pppd heard from before the loop was told it runs (its plugin's
 * first words can come first): the start callbacks of the pppds that
 * started meanwhile run now. Never waits: true when a pppd may be running
 * whose pid the loop does not know yet (one being started, or whose
 * start the loop has still to take); the caller asks again once the
 * settle hook runs.
 */
bool ppp_settle(void);
/*
 * fn(arg) runs on the loop after each batch of pppds handed back by the
 * spawner (their start and exit callbacks done); NULL clears it.
 */
void ppp_on_settle(void (*fn)(void *arg), void *arg);
/* Tests only: the spawner's thread calls it before each spawn. */
extern void (*ppp_spawn_hook)(void);

/*
 * Asks pppd to end (SIGTERM: it sends LCP Terminate-Request) and kills
 * it (SIGKILL) if it is still running kill_ms later. The exit callback
 * runs as usual.
 */
int ppp_terminate(struct ppp *p, uint32_t kill_ms);

/*
 * Frees p. A pppd still running is killed (SIGKILL) and its exit is no
 * longer reported; the loop reaps it. NULL is allowed.
 */
void ppp_free(struct ppp *p);

/* A waitpid status of pppd in words (pppd(8) EXIT STATUS), for logs. */
const char *ppp_exit_text(int status, char *buf, size_t len);

#endif /* L2TPD_PPP_H */
