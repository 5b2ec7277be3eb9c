// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pppd's command line and process. Every option l2tpd passes is chosen
 * here, with the reason beside it; pppd reads no options file of ours
 * (its own /etc/ppp/options still applies, as an operator expects).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "ppp.h"

extern char **environ;

struct ppp {
	struct loop *loop;
	struct ppp_job *job;		/* while the spawner has it */
	struct loop_watch *child;	/* NULL once pppd was reaped */
	struct timer *kill;
	ppp_start_fn *started;
	ppp_exit_fn *cb;
	void *arg;
	pid_t pid;			/* 0 until it runs */
	uint32_t term_ms;		/* ppp_terminate() before it ran */
};

/* A growing argv; one failed push fails the whole build. */
struct ppp_args {
	char **v;
	size_t n, cap;
	bool nomem;
};

static void ppp_push(struct ppp_args *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void ppp_push(struct ppp_args *a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (a->nomem)
		return;
	if (a->n + 2 > a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		char **v = realloc(a->v, cap * sizeof(*v));

		if (!v) {
			a->nomem = true;
			return;
		}
		a->v = v;
		a->cap = cap;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		a->nomem = true;
		s = NULL;
	}
	va_end(ap);
	if (s) {
		a->v[a->n++] = s;
		a->v[a->n] = NULL;
	}
}

static const char *ppp_ip(uint32_t addr, char *buf)
{
	struct in_addr in = { .s_addr = htonl(addr) };

	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

/*
 * The plugin and its options; pppd takes a plugin's options only after
 * the plugin option itself. The kernel options repeat SESSION_CREATE's,
 * so that a session made by connect() alone gets them too.
 */
static void ppp_args_plugin(struct ppp_args *a, const struct ppp_cfg *c)
{
	ppp_push(a, "plugin");
	ppp_push(a, "%s", c->plugin ? c->plugin : L2TPD_PLUGIN_PATH);
	ppp_push(a, "l2tpd_fd");
	ppp_push(a, "%d", PPP_CHANNEL_FD);
	ppp_push(a, "l2tpd_ctl");
	ppp_push(a, "%s", c->ctl_path);
	ppp_push(a, "l2tpd_tunnel");
	ppp_push(a, "%u", c->tid);
	ppp_push(a, "l2tpd_session");
	ppp_push(a, "%u", c->sid);
	if (c->send_seq)
		ppp_push(a, "l2tpd_send_seq");
	if (c->recv_seq)
		ppp_push(a, "l2tpd_recv_seq");
	if (c->lns_mode)
		ppp_push(a, "l2tpd_lns_mode");
	if (c->reorder_timeout_ms) {
		ppp_push(a, "l2tpd_reorder");
		ppp_push(a, "%u", c->reorder_timeout_ms);
	}
	/*
	 * pppd's own defaultroute changed meaning in 2.5.3 and has no
	 * distance: the plugin installs the route itself, the same on every
	 * pppd version.
	 */
	if (!c->server && c->add_default_route) {
		ppp_push(a, "l2tpd_default_route");
		ppp_push(a, "%u", c->default_route_distance);
	}
	if (c->pppd_secrets)
		ppp_push(a, "l2tpd_pppd_secrets");
}

/*
 * Server: the peer must authenticate with one of the allowed methods
 * (require-* also makes pppd demand authentication); with none allowed
 * nobody authenticates. We never authenticate ourselves to a client.
 */
static void ppp_args_server_auth(struct ppp_args *a, const struct ppp_cfg *c)
{
	if (!c->auth) {
		ppp_push(a, "noauth");
		return;
	}
	if (c->auth & CONF_AUTH_PAP)
		ppp_push(a, "require-pap");
	if (c->auth & CONF_AUTH_CHAP)
		ppp_push(a, "require-chap");
	if (c->auth & CONF_AUTH_MSCHAP1)
		ppp_push(a, "require-mschap");
	if (c->auth & CONF_AUTH_MSCHAP2)
		ppp_push(a, "require-mschap-v2");
}

/*
 * Client: we authenticate with the methods allowed and refuse the others;
 * the server need not authenticate itself to us (noauth), as with every
 * L2TP server we know. EAP is refused: our secrets come through the
 * PAP/CHAP hooks only.
 */
static void ppp_args_client_auth(struct ppp_args *a, const struct ppp_cfg *c)
{
	ppp_push(a, "noauth");
	if (c->user) {
		ppp_push(a, "user");
		ppp_push(a, "%s", c->user);
	}
	if (!(c->auth & CONF_AUTH_PAP))
		ppp_push(a, "refuse-pap");
	if (!(c->auth & CONF_AUTH_CHAP))
		ppp_push(a, "refuse-chap");
	if (!(c->auth & CONF_AUTH_MSCHAP1))
		ppp_push(a, "refuse-mschap");
	if (!(c->auth & CONF_AUTH_MSCHAP2))
		ppp_push(a, "refuse-mschap-v2");
	ppp_push(a, "refuse-eap");
}

/*
 * use-encryption: "no" turns CCP off (MPPE is its only use on Linux);
 * "yes" leaves MPPE to the peer's asking (pppd accepts it then); a
 * requirement makes pppd end the link without it. MPPE keys come from
 * MS-CHAP, so a link authenticated otherwise cannot meet the requirement.
 */
static void ppp_args_mppe(struct ppp_args *a, const struct ppp_cfg *c)
{
	unsigned bits = c->mppe_bits ? c->mppe_bits : PPP_MPPE_40 | PPP_MPPE_128;

	switch (c->mppe) {
	case PPP_MPPE_NO:
		ppp_push(a, "nomppe");
		ppp_push(a, "noccp");
		break;
	case PPP_MPPE_YES:
		if (!(bits & PPP_MPPE_40))
			ppp_push(a, "nomppe-40");
		if (!(bits & PPP_MPPE_128))
			ppp_push(a, "nomppe-128");
		break;
	case PPP_MPPE_REQUIRE:
		if (bits == PPP_MPPE_40)
			ppp_push(a, "require-mppe-40");
		else if (bits == PPP_MPPE_128)
			ppp_push(a, "require-mppe-128");
		else
			ppp_push(a, "require-mppe");
		break;
	}
}

/*
 * Addresses: the server names both ends ("local:remote") and offers DNS
 * and WINS servers (ms-dns, ms-wins); the client takes what the server
 * gives (noipdefault: not an address guessed from our host name). pppd
 * installs no default route of its own (nodefaultroute).
 */
static void ppp_args_ip(struct ppp_args *a, const struct ppp_cfg *c)
{
	char l[INET_ADDRSTRLEN], r[INET_ADDRSTRLEN];
	int i;

	ppp_push(a, "nodefaultroute");
	if (!c->server) {
		ppp_push(a, "noipdefault");
		ppp_push(a, "ipcp-accept-local");
		ppp_push(a, "ipcp-accept-remote");
		if (c->use_peer_dns)
			ppp_push(a, "usepeerdns");
		return;
	}
	ppp_push(a, "%s:%s", ppp_ip(c->local, l), ppp_ip(c->remote, r));
	for (i = 0; i < 2; i++) {
		if (c->dns[i]) {
			ppp_push(a, "ms-dns");
			ppp_push(a, "%s", ppp_ip(c->dns[i], l));
		}
		if (c->wins[i]) {
			ppp_push(a, "ms-wins");
			ppp_push(a, "%s", ppp_ip(c->wins[i], l));
		}
	}
}

/*
 * Sizes and timers. mtu/mru default to RouterOS's 1450: 1500 less the
 * IPv4, UDP and longest L2TP data header and PPP's protocol field. mrru
 * turns multilink on (RFC 1990). idle and maxconnect are the profile's
 * idle-timeout and session-timeout.
 *
 * LCP echoes stand for keepalive-timeout: with lcp-echo-adaptive pppd
 * sends an echo only after an interval without any packet from the peer,
 * and declares the peer dead after PPP_ECHO_FAILURES unanswered ones, so
 * a peer silent for about keepalive-timeout seconds is dropped.
 */
static void ppp_args_link(struct ppp_args *a, const struct ppp_cfg *c)
{
	uint32_t k = c->keepalive_timeout;

	ppp_push(a, "mtu");
	ppp_push(a, "%u", c->mtu ? c->mtu : PPP_DEFAULT_MTU);
	ppp_push(a, "mru");
	ppp_push(a, "%u", c->mru ? c->mru : PPP_DEFAULT_MTU);
	/*
	 * When pppd is told to end, the kernel session is usually gone
	 * already (a CDN or StopCCN deleted it) and no Terminate-Ack can
	 * come back: one Terminate-Request, one restart interval, not two.
	 */
	ppp_push(a, "lcp-max-terminate");
	ppp_push(a, "1");
	if (c->mrru) {
		ppp_push(a, "multilink");
		ppp_push(a, "mrru");
		ppp_push(a, "%u", c->mrru);
	}
	if (c->idle_timeout) {
		ppp_push(a, "idle");
		ppp_push(a, "%u", c->idle_timeout);
	}
	if (c->session_timeout) {
		ppp_push(a, "maxconnect");
		ppp_push(a, "%u", c->session_timeout);
	}
	ppp_push(a, "lcp-echo-interval");
	ppp_push(a, "%u", k ? (k + PPP_ECHO_FAILURES - 1) / PPP_ECHO_FAILURES
		 : 0);
	if (k) {
		ppp_push(a, "lcp-echo-failure");
		ppp_push(a, "%d", PPP_ECHO_FAILURES);
		ppp_push(a, "lcp-echo-adaptive");
	}
}

/*
 * An xl2tpd.conf session: xl2tpd's options as given (its "pppoptfile"
 * among them, last, so that the operator's file has the last word, as
 * with xl2tpd), after one Terminate-Request as above.
 */
static void ppp_args_own(struct ppp_args *a, const struct ppp_cfg *c)
{
	char *const *o;

	ppp_push(a, "lcp-max-terminate");
	ppp_push(a, "1");
	for (o = c->own_opts; *o; o++)
		ppp_push(a, "%s", *o);
}

int ppp_argv(const struct ppp_cfg *c, char ***argv)
{
	struct ppp_args a = { 0 };

	if (!c->ifname || !c->ctl_path ||
	    (c->server && !c->own_opts && (!c->local || !c->remote)))
		return -EINVAL;
	ppp_push(&a, "%s", c->pppd ? c->pppd : PPP_PPPD_PATH);
	ppp_args_plugin(&a, c);
	/*
	 * nodetach: pppd stays our child, so that its exit is seen;
	 * ifname: every interface is named explicitly (ifname.h).
	 */
	ppp_push(&a, "nodetach");
	ppp_push(&a, "ifname");
	ppp_push(&a, "%s", c->ifname);
	if (c->own_opts) {
		ppp_args_own(&a, c);
	} else {
		if (c->server)
			ppp_args_server_auth(&a, c);
		else
			ppp_args_client_auth(&a, c);
		ppp_args_mppe(&a, c);
		ppp_args_ip(&a, c);
		ppp_args_link(&a, c);
	}
	if (c->debug)
		ppp_push(&a, "debug");
	if (a.nomem) {
		ppp_argv_free(a.v);
		return -ENOMEM;
	}
	*argv = a.v;
	return 0;
}

void ppp_argv_free(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/*
 * The spawner: one thread of l2tpd's that starts every pppd with
 * posix_spawn(3), while the loop goes on.
 *
 * fork() in the loop's thread copied l2tpd's page tables for each pppd,
 * and every page l2tpd wrote afterwards was copied again (copy on write):
 * a cost that grows with l2tpd's memory, so with its sessions. In the VM
 * rig's storm of 100 sessions, l2tpd's CPU went from 2.74 s to 1.98 s
 * without fork(), its minor page faults from about 40 per session to
 * none. posix_spawn() shares the memory with the child until its
 * execve(), so neither happens; but the caller waits for that execve(),
 * and in that storm the wait was 0.19 s on average (0.46 s at most) per
 * pppd: the loop's thread would have stood still for 19 s of the 112.
 *
 * The loop hands each job over (argv, the channel, where the output
 * goes), the thread starts it and queues it as done, and an eventfd
 * brings it back to the loop, which then watches the new pid and says
 * so (ppp_start_fn). Children are watched by their pidfd, never with
 * waitpid(-1) (loop_event.c), so a pppd that ends before the loop has
 * seen it start is still there to be reaped.
 *
 * The loop never waits for the thread: a spawn is long on a busy host,
 * and the queue behind it longer (in a storm of 1,000 sessions, loops
 * that waited for the spawner stood still up to 18 s and their tunnels
 * timed out). A plugin that speaks before its pid is known waits instead
 * (ppp_settle, app_plugin.c), and a ppp freed while its pppd is being
 * spawned leaves the job behind, to be killed when it comes back.
 *
 * The thread runs while there is a struct ppp: the first ppp_spawn()
 * starts it, the last ppp_free() stops it (and waits for a spawn in
 * progress, the one wait there is).
 */
enum ppp_job_state { PPP_JOB_TODO, PPP_JOB_BUSY, PPP_JOB_DONE };

struct ppp_job {
	TAILQ_ENTRY(ppp_job) link;
	enum ppp_job_state state;
	struct ppp *p;
	char **argv;
	int fd;
	bool output;
	pid_t pid;
	int err;
};

TAILQ_HEAD(ppp_jobs, ppp_job);

struct ppp_spawner {
	struct loop *loop;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work;	/* a job queued, or quit */
	struct ppp_jobs todo, finished;
	bool busy, quit;
	int efd;
	struct loop_watch *w;
	unsigned int users;	/* struct ppp alive */
};

static struct ppp_spawner *spawner;
void (*ppp_spawn_hook)(void);
/* ppp_on_settle(): told after each turn of the eventfd. */
static void (*settle_fn)(void *arg);
static void *settle_arg;

/*
 * What pppd starts with: the channel on PPP_CHANNEL_FD, stdin on
 * /dev/null, nothing else past stderr, default signal handling, no
 * blocked signal, and a session of its own so that a signal for l2tpd's
 * terminal or process group does not reach it.
 * pppd with nodetach copies every syslog line to stdout; under systemd
 * that is the journal, which then has each line twice. Only l2tpd -d
 * (foreground, logging to stderr) shows pppd's output on its terminal.
 * The channel is above PPP_CHANNEL_FD (ppp_spawn), so that dup2() moves
 * it there without close-on-exec.
 */
static int ppp_start(const struct ppp_job *j, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t all, none;
	int err;

	sigfillset(&all);
	sigemptyset(&none);
	err = posix_spawnattr_init(&at);
	if (err)
		return -err;
	err = posix_spawn_file_actions_init(&fa);
	if (err) {
		posix_spawnattr_destroy(&at);
		return -err;
	}
	err = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID |
				       POSIX_SPAWN_SETSIGDEF |
				       POSIX_SPAWN_SETSIGMASK);
	err = err ? err : posix_spawnattr_setsigdefault(&at, &all);
	err = err ? err : posix_spawnattr_setsigmask(&at, &none);
	err = err ? err : posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
							   O_RDWR, 0);
	if (!err && !j->output) {
		err = posix_spawn_file_actions_adddup2(&fa, 0, 1);
		err = err ? err : posix_spawn_file_actions_adddup2(&fa, 0, 2);
	}
	err = err ? err : posix_spawn_file_actions_adddup2(&fa, j->fd,
							   PPP_CHANNEL_FD);
	err = err ? err : posix_spawn_file_actions_addclosefrom_np(&fa,
							PPP_CHANNEL_FD + 1);
	err = err ? err : posix_spawn(pid, j->argv[0], &fa, &at, j->argv,
				      environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	return -err;
}

static void *ppp_spawner_main(void *arg)
{
	struct ppp_spawner *sp = arg;
	struct ppp_job *j;
	uint64_t one = 1;
	int nice;

	/*
	 * Linux keeps a nice value per thread, and a child starts with its
	 * parent thread's: this thread's is every pppd's (PPP_NICE). In the
	 * VM rig's storm of 1,000 sessions, l2tpd's loop waited for a CPU
	 * 1,127 s of 2,000 at pppd's priority, and its tunnels timed out.
	 */
	errno = 0;
	nice = getpriority(PRIO_PROCESS, 0);
	if (nice != -1 || !errno) {
		nice = nice + PPP_NICE > 19 ? 19 : nice + PPP_NICE;
		if (setpriority(PRIO_PROCESS, (id_t)gettid(), nice))
			log_warn("pppd spawner: cannot lower pppd's priority");
	}
	pthread_mutex_lock(&sp->mu);
	for (;;) {
		while (!sp->quit && TAILQ_EMPTY(&sp->todo))
			pthread_cond_wait(&sp->work, &sp->mu);
		if (sp->quit)
			break;
		j = TAILQ_FIRST(&sp->todo);
		TAILQ_REMOVE(&sp->todo, j, link);
		j->state = PPP_JOB_BUSY;
		sp->busy = true;
		pthread_mutex_unlock(&sp->mu);
		if (ppp_spawn_hook)
			ppp_spawn_hook();
		j->err = ppp_start(j, &j->pid);
		close(j->fd);
		j->fd = -1;
		pthread_mutex_lock(&sp->mu);
		j->state = PPP_JOB_DONE;
		sp->busy = false;
		TAILQ_INSERT_TAIL(&sp->finished, j, link);
		/* An eventfd write cannot fail short of a counter at 2^64-1. */
		if (write(sp->efd, &one, sizeof(one)) < 0)
			abort();
	}
	pthread_mutex_unlock(&sp->mu);
	return NULL;
}

static void ppp_job_free(struct ppp_job *j)
{
	if (j->fd >= 0)
		close(j->fd);
	ppp_argv_free(j->argv);
	free(j);
}

static void ppp_on_exit(pid_t pid, int status, void *arg)
{
	struct ppp *p = arg;

	/* The loop frees the watcher after this returns. */
	p->child = NULL;
	timer_cancel(p->kill);
	p->cb(p, status, p->arg);
}

static void ppp_on_kill(void *arg)
{
	struct ppp *p = arg;

	if (p->child)
		kill(p->pid, SIGKILL);
}

/* A pppd not ours any more: killed, and reaped by the loop. */
static void ppp_abandon(struct loop *loop, pid_t pid)
{
	struct loop_watch *w;

	kill(pid, SIGKILL);
	if (loop_watch_child(loop, pid, ppp_on_exit, NULL, &w) == 0)
		loop_watch_free(w);
	else
		waitpid(pid, NULL, 0);
}

/* Back on the loop: job j is done. */
static void ppp_job_finish(struct ppp_spawner *sp, struct ppp_job *j)
{
	struct ppp *p = j->p;
	int err = j->err;

	if (!p) {
		/* Its ppp was freed meanwhile (ppp_job_cancel). */
		if (!err)
			ppp_abandon(sp->loop, j->pid);
		ppp_job_free(j);
		return;
	}
	p->job = NULL;
	if (!err) {
		p->pid = j->pid;
		err = loop_watch_child(p->loop, p->pid, ppp_on_exit, p,
				       &p->child);
		if (err) {
			ppp_abandon(p->loop, p->pid);
			p->pid = 0;
		}
	}
	ppp_job_free(j);
	if (err) {
		log_warnx("cannot start pppd: %s", strerror(-err));
		/* As a shell says a command it cannot run. */
		p->cb(p, 127 << 8, p->arg);
		return;
	}
	if (p->term_ms && kill(p->pid, SIGTERM) == 0)
		timer_arm(p->kill, p->term_ms);
	if (p->started)
		p->started(p, p->pid, p->arg);
}

/*
 * Every job done, off the queue and finished; only_started: the ones
 * that started alone, the others left for the eventfd's turn.
 */
static void ppp_spawner_drain(struct ppp_spawner *sp, bool only_started)
{
	struct ppp_job *j;

	/*
	 * One at a time: a callback may free another ppp, whose job must
	 * then still be on the queue, or the last one, and the spawner.
	 */
	for (;;) {
		pthread_mutex_lock(&sp->mu);
		TAILQ_FOREACH(j, &sp->finished, link)
			if (!only_started || !j->err)
				break;
		if (j)
			TAILQ_REMOVE(&sp->finished, j, link);
		pthread_mutex_unlock(&sp->mu);
		if (!j)
			return;
		ppp_job_finish(sp, j);
		if (spawner != sp)
			return;
	}
}

static void ppp_spawner_ready(int fd, unsigned int events, void *arg)
{
	uint64_t n;

	if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		log_warn("pppd spawner: eventfd");
	ppp_spawner_drain(arg, false);
	if (settle_fn)
		settle_fn(settle_arg);
}

static void ppp_spawner_stop(struct ppp_spawner *sp)
{
	pthread_mutex_lock(&sp->mu);
	sp->quit = true;
	pthread_cond_signal(&sp->work);
	pthread_mutex_unlock(&sp->mu);
	pthread_join(sp->thread, NULL);
	/* What is left are orphans, their ppp freed while they started. */
	ppp_spawner_drain(sp, false);
	loop_watch_free(sp->w);
	close(sp->efd);
	pthread_cond_destroy(&sp->work);
	pthread_mutex_destroy(&sp->mu);
	free(sp);
}

static int ppp_spawner_start(struct loop *loop)
{
	struct ppp_spawner *sp = calloc(1, sizeof(*sp));
	sigset_t all, old;
	int err;

	if (!sp)
		return -ENOMEM;
	sp->loop = loop;
	TAILQ_INIT(&sp->todo);
	TAILQ_INIT(&sp->finished);
	pthread_mutex_init(&sp->mu, NULL);
	pthread_cond_init(&sp->work, NULL);
	sp->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (sp->efd < 0) {
		err = -errno;
		goto fail;
	}
	err = loop_watch_fd(loop, sp->efd, LOOP_READ, ppp_spawner_ready, sp,
			    &sp->w);
	if (err)
		goto fail_efd;
	/* Signals are the loop's: none for the thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = -pthread_create(&sp->thread, NULL, ppp_spawner_main, sp);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		goto fail_watch;
	spawner = sp;
	return 0;
fail_watch:
	loop_watch_free(sp->w);
fail_efd:
	close(sp->efd);
fail:
	pthread_cond_destroy(&sp->work);
	pthread_mutex_destroy(&sp->mu);
	free(sp);
	return err;
}

bool ppp_settle(void)
{
	struct ppp_spawner *sp = spawner;
	bool starting;

	if (!sp)
		return false;
	ppp_spawner_drain(sp, true);
	if (spawner != sp)
		return false;
	pthread_mutex_lock(&sp->mu);
	starting = sp->busy || !TAILQ_EMPTY(&sp->finished);
	pthread_mutex_unlock(&sp->mu);
	return starting;
}

void ppp_on_settle(void (*fn)(void *arg), void *arg)
{
	settle_fn = fn;
	settle_arg = arg;
}

int ppp_spawn(struct loop *loop, const struct ppp_cfg *c, int fd,
	      ppp_start_fn *started, ppp_exit_fn *cb, void *arg,
	      struct ppp **pp)
{
	struct ppp *p = calloc(1, sizeof(*p));
	struct ppp_job *j = calloc(1, sizeof(*j));
	int err = p && j ? 0 : -ENOMEM;
	int moved;

	if (!err)
		err = ppp_argv(c, &j->argv);
	/* A missing pppd is said at once. */
	if (!err && access(j->argv[0], X_OK))
		err = -errno;
	/* dup2() onto itself would leave close-on-exec set. */
	if (!err && fd <= PPP_CHANNEL_FD) {
		moved = fcntl(fd, F_DUPFD_CLOEXEC, PPP_CHANNEL_FD + 1);
		if (moved < 0) {
			err = -errno;
		} else {
			close(fd);
			fd = moved;
		}
	}
	if (!err && spawner && spawner->loop != loop)
		err = -EBUSY;
	if (!err) {
		p->kill = timer_new(loop, ppp_on_kill, p);
		if (!p->kill)
			err = -ENOMEM;
	}
	if (!err && !spawner)
		err = ppp_spawner_start(loop);
	if (err) {
		close(fd);
		if (p)
			timer_free(p->kill);
		if (j)
			ppp_argv_free(j->argv);
		free(j);
		free(p);
		return err;
	}
	p->loop = loop;
	p->started = started;
	p->cb = cb;
	p->arg = arg;
	p->job = j;
	j->p = p;
	j->fd = fd;
	j->output = c->debug;
	spawner->users++;
	pthread_mutex_lock(&spawner->mu);
	j->state = PPP_JOB_TODO;
	TAILQ_INSERT_TAIL(&spawner->todo, j, link);
	pthread_cond_signal(&spawner->work);
	pthread_mutex_unlock(&spawner->mu);
	*pp = p;
	return 0;
}

pid_t ppp_pid(const struct ppp *p)
{
	return p->pid;
}

bool ppp_running(const struct ppp *p)
{
	return p->job || p->child;
}

int ppp_terminate(struct ppp *p, uint32_t kill_ms)
{
	if (p->job) {
		/* Said as soon as it runs (ppp_job_finish). */
		p->term_ms = kill_ms ? kill_ms : 1;
		return 0;
	}
	if (!p->child)
		return 0;
	if (kill(p->pid, SIGTERM))
		return -errno;
	if (!timer_pending(p->kill))
		timer_arm(p->kill, kill_ms);
	return 0;
}

/*
 * p's job taken back from the spawner, without waiting: one not started
 * yet is dropped, a pppd that runs is killed and left to the loop to
 * reap, and one being started is left to the spawner, orphaned: the loop
 * kills and reaps it when it comes back (ppp_job_finish).
 */
static void ppp_job_cancel(struct ppp *p)
{
	struct ppp_spawner *sp = spawner;
	struct ppp_job *j = p->job;

	p->job = NULL;
	pthread_mutex_lock(&sp->mu);
	if (j->state == PPP_JOB_BUSY) {
		j->p = NULL;
		pthread_mutex_unlock(&sp->mu);
		return;
	}
	TAILQ_REMOVE(j->state == PPP_JOB_TODO ? &sp->todo : &sp->finished, j,
		     link);
	pthread_mutex_unlock(&sp->mu);
	if (j->state == PPP_JOB_DONE && !j->err)
		ppp_abandon(p->loop, j->pid);
	ppp_job_free(j);
}

void ppp_free(struct ppp *p)
{
	if (!p)
		return;
	if (p->job)
		ppp_job_cancel(p);
	if (p->child) {
		kill(p->pid, SIGKILL);
		loop_watch_free(p->child);
	}
	timer_free(p->kill);
	free(p);
	if (--spawner->users == 0) {
		ppp_spawner_stop(spawner);
		spawner = NULL;
	}
}

/* pppd(8), EXIT STATUS; the same numbers in pppd 2.4.9 and 2.5. */
static const char *const ppp_exit_codes[] = {
	[0] = "link ended normally",
	[1] = "fatal error",
	[2] = "bad options",
	[3] = "not run as root",
	[4] = "no PPP support in the kernel",
	[5] = "terminated by a signal",
	[6] = "serial port lock failed",
	[7] = "serial port open failed",
	[8] = "connect script failed",
	[9] = "pty command failed",
	[10] = "negotiation failed",
	[11] = "peer failed to authenticate",
	[12] = "idle timeout",
	[13] = "session timeout",
	[14] = "callback",
	[15] = "peer not responding (LCP echo)",
	[16] = "link hung up",
	[17] = "loopback detected",
	[18] = "init script failed",
	[19] = "authentication to the peer failed",
	[20] = "traffic limit reached",
	[21] = "caller number not authorized",
};

const char *ppp_exit_text(int status, char *buf, size_t len)
{
	int code;

	if (WIFSIGNALED(status)) {
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	} else if (WIFEXITED(status)) {
		code = WEXITSTATUS(status);
		if (code < (int)(sizeof(ppp_exit_codes) /
				 sizeof(ppp_exit_codes[0])))
			snprintf(buf, len, "exit %d: %s", code,
				 ppp_exit_codes[code]);
		else
			snprintf(buf, len, "exit %d", code);
	} else {
		snprintf(buf, len, "status 0x%x", (unsigned)status);
	}
	return buf;
}
