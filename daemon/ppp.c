// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pppd's command line and process. Every option l2tpd passes is chosen
 * here, with the reason beside it; pppd reads no options file of ours
 * (its own /etc/ppp/options still applies, as an operator expects).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf.h"
#include "ppp.h"

extern char **environ;

struct ppp {
	struct loop *loop;
	struct loop_watch *child;	/* NULL once pppd was reaped */
	struct timer *kill;
	ppp_exit_fn *cb;
	void *arg;
	pid_t pid;
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

/*
 * The child between fork() and execve(): async-signal-safe calls only.
 * What pppd starts with: the channel on PPP_CHANNEL_FD, stdin on
 * /dev/null, nothing else past stderr (our descriptors are close-on-exec
 * already; closefrom guards against any that is not), default signal
 * handling, no blocked signal, and a session of its own so that a signal
 * for l2tpd's terminal or process group does not reach it.
 * pppd with nodetach copies every syslog line to stdout; under systemd
 * that is the journal, which then has each line twice. Only l2tpd -d
 * (foreground, logging to stderr) shows pppd's output on its terminal.
 */
static void ppp_child(char **argv, int fd, bool output)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;
	int sig, null;

	/* Numbers the C library keeps for itself fail: fine. */
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	null = open("/dev/null", O_RDWR);
	if (setsid() < 0 || null < 0 || dup2(null, 0) < 0 ||
	    (!output && (dup2(null, 1) < 0 || dup2(null, 2) < 0)) ||
	    dup2(fd, PPP_CHANNEL_FD) < 0)
		_exit(127);
	closefrom(PPP_CHANNEL_FD + 1);
	execve(argv[0], argv, environ);
	_exit(127);
}

/*
 * fork(), not posix_spawn(): posix_spawn() holds l2tpd until the child's
 * execve() is done (CLONE_VFORK), and with a storm of sessions on a slow
 * or loaded host each of those waits took 0.1 to 0.6 s of the event loop
 * (strace -T in the VM rig), tunnels and pppds waiting behind it. After
 * fork() l2tpd goes on at once; a pppd that cannot be started ends with
 * status 127, seen as any other exit. A missing pppd is still said at
 * once. dup2() onto itself would leave close-on-exec set: a channel
 * socket that sits on PPP_CHANNEL_FD already moves up first. Signals stay
 * blocked across fork() so that none reaches l2tpd's handlers in the
 * child before they are reset.
 */
static int ppp_start(char **argv, int fd, bool output, pid_t *pid)
{
	sigset_t all, old;
	int moved = -1, err = 0;
	pid_t child;

	if (access(argv[0], X_OK))
		return -errno;
	if (fd <= PPP_CHANNEL_FD) {
		moved = fcntl(fd, F_DUPFD_CLOEXEC, PPP_CHANNEL_FD + 1);
		if (moved < 0)
			return -errno;
		fd = moved;
	}
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	child = fork();
	if (child == 0)
		ppp_child(argv, fd, output);
	if (child < 0)
		err = -errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (moved >= 0)
		close(moved);
	if (!err)
		*pid = child;
	return err;
}

int ppp_spawn(struct loop *loop, const struct ppp_cfg *c, int fd,
	      ppp_exit_fn *cb, void *arg, struct ppp **pp)
{
	struct ppp *p = calloc(1, sizeof(*p));
	char **argv = NULL;
	int err = p ? ppp_argv(c, &argv) : -ENOMEM;

	if (!err) {
		p->loop = loop;
		p->cb = cb;
		p->arg = arg;
		p->kill = timer_new(loop, ppp_on_kill, p);
		err = p->kill ? ppp_start(argv, fd, c->debug, &p->pid) :
				-ENOMEM;
	}
	ppp_argv_free(argv);
	close(fd);
	if (!err) {
		/* The loop reaps it even if this fails: no zombie either way. */
		err = loop_watch_child(loop, p->pid, ppp_on_exit, p, &p->child);
		if (err)
			kill(p->pid, SIGKILL);
	}
	if (err) {
		if (p)
			timer_free(p->kill);
		free(p);
		return err;
	}
	*pp = p;
	return 0;
}

pid_t ppp_pid(const struct ppp *p)
{
	return p->pid;
}

bool ppp_running(const struct ppp *p)
{
	return p->child != NULL;
}

int ppp_terminate(struct ppp *p, uint32_t kill_ms)
{
	if (!p->child)
		return 0;
	if (kill(p->pid, SIGTERM))
		return -errno;
	if (!timer_pending(p->kill))
		timer_arm(p->kill, kill_ms);
	return 0;
}

void ppp_free(struct ppp *p)
{
	if (!p)
		return;
	if (p->child) {
		kill(p->pid, SIGKILL);
		loop_watch_free(p->child);
	}
	timer_free(p->kill);
	free(p);
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
