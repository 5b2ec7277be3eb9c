// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/ppp.c: pppd's command line for server and client sessions, and
 * the process: only the channel socket is inherited, SIGTERM then
 * SIGKILL, nothing left running or unreaped. A shell script stands in for
 * pppd (t/unit/fake-pppd.sh); the real pppd runs in the VM rig.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf.h"
#include "loop_event.h"
#include "ppp.h"
#include "suites.h"

#define FAKE_PPPD	TOP_SRCDIR "/t/unit/fake-pppd.sh"
#define IP(a, b, c, d)	((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

static char *joined(char **argv)
{
	static char buf[2048];
	size_t i;

	buf[0] = '\0';
	for (i = 0; argv[i]; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, argv[i]);
	}
	return buf;
}

#define PLUGIN_ARGS "/usr/sbin/pppd plugin /p/l2tpd.so l2tpd_fd 3 " \
	"l2tpd_ctl /run/l2tpd/l2tpd.sock l2tpd_tunnel 7 l2tpd_session 9 "

/* What app_xl2tpd_peer.c makes of an xl2tpd.conf's [lns]. */
static char *const xl2tpd_opts[] = {
	"passive", "192.168.42.1:192.168.42.10", "auth", "require-chap",
	"name", "l2tpd", "file", "/etc/ppp/options.xl2tpd", NULL,
};

static const struct {
	struct ppp_cfg cfg;
	const char *want;
} argv_cases[] = {
	/* A server with every method, MPPE-128 required, DNS, timers. */
	{ { .plugin = "/p/l2tpd.so", .ctl_path = "/run/l2tpd/l2tpd.sock",
	    .tid = 7, .sid = 9, .server = true, .ifname = "l2tp-alice",
	    .auth = CONF_AUTH_PAP | CONF_AUTH_CHAP | CONF_AUTH_MSCHAP1 |
		    CONF_AUTH_MSCHAP2,
	    .mppe = PPP_MPPE_REQUIRE, .mppe_bits = PPP_MPPE_128,
	    .local = IP(10, 0, 0, 1), .remote = IP(10, 0, 0, 2),
	    .dns = { IP(192, 0, 2, 53), IP(192, 0, 2, 54) },
	    .wins = { IP(192, 0, 2, 137) },
	    .idle_timeout = 600, .session_timeout = 3600,
	    .keepalive_timeout = 60, .lns_mode = true, .send_seq = true,
	    .recv_seq = true, .reorder_timeout_ms = 100 },
	  PLUGIN_ARGS "l2tpd_send_seq l2tpd_recv_seq l2tpd_lns_mode "
	  "l2tpd_reorder 100 nodetach ifname l2tp-alice require-pap "
	  "require-chap require-mschap require-mschap-v2 require-mppe-128 "
	  "nodefaultroute 10.0.0.1:10.0.0.2 ms-dns 192.0.2.53 "
	  "ms-wins 192.0.2.137 ms-dns 192.0.2.54 mtu 1450 mru 1450 "
	  "lcp-max-terminate 1 idle 600 maxconnect 3600 lcp-echo-interval 12 "
	  "lcp-echo-failure 5 lcp-echo-adaptive" },
	/* A server that authenticates nobody, MPPE off. */
	{ { .plugin = "/p/l2tpd.so", .ctl_path = "/run/l2tpd/l2tpd.sock",
	    .tid = 7, .sid = 9, .server = true, .ifname = "srv",
	    .local = IP(10, 0, 0, 1), .remote = IP(10, 0, 0, 3),
	    .mtu = 1400, .mru = 1380, .mrru = 1600 },
	  PLUGIN_ARGS "nodetach ifname srv noauth nomppe noccp "
	  "nodefaultroute 10.0.0.1:10.0.0.3 mtu 1400 mru 1380 "
	  "lcp-max-terminate 1 multilink "
	  "mrru 1600 lcp-echo-interval 0" },
	/* A client allowing MS-CHAPv2 only, default route at distance 5. */
	{ { .plugin = "/p/l2tpd.so", .ctl_path = "/run/l2tpd/l2tpd.sock",
	    .tid = 7, .sid = 9, .ifname = "out1", .user = "MT-User",
	    .auth = CONF_AUTH_MSCHAP2, .mppe = PPP_MPPE_YES,
	    .mppe_bits = PPP_MPPE_128, .use_peer_dns = true,
	    .add_default_route = true, .default_route_distance = 5,
	    .keepalive_timeout = 1, .debug = true },
	  PLUGIN_ARGS "l2tpd_default_route 5 nodetach ifname out1 noauth "
	  "user MT-User refuse-pap refuse-chap refuse-mschap refuse-eap "
	  "nomppe-40 nodefaultroute noipdefault ipcp-accept-local "
	  "ipcp-accept-remote usepeerdns mtu 1450 mru 1450 "
	  "lcp-max-terminate 1 lcp-echo-interval 1 lcp-echo-failure 5 lcp-echo-adaptive debug" },
	/* An xl2tpd.conf session: xl2tpd's options, pppd's own secrets. */
	{ { .plugin = "/p/l2tpd.so", .ctl_path = "/run/l2tpd/l2tpd.sock",
	    .tid = 7, .sid = 9, .server = true, .ifname = "l2tp-1",
	    .lns_mode = true, .own_opts = xl2tpd_opts, .pppd_secrets = true,
	    .auth = CONF_AUTH_MSCHAP2, .mppe = PPP_MPPE_REQUIRE },
	  PLUGIN_ARGS "l2tpd_lns_mode l2tpd_pppd_secrets nodetach ifname "
	  "l2tp-1 lcp-max-terminate 1 passive 192.168.42.1:192.168.42.10 "
	  "auth require-chap name l2tpd file /etc/ppp/options.xl2tpd" },
};

START_TEST(test_argv)
{
	char **argv;

	ck_assert_int_eq(ppp_argv(&argv_cases[_i].cfg, &argv), 0);
	ck_assert_str_eq(joined(argv), argv_cases[_i].want);
	ppp_argv_free(argv);
}
END_TEST

START_TEST(test_argv_invalid)
{
	struct ppp_cfg c = { .ctl_path = "/s", .ifname = "x", .server = true,
			     .local = 1 };
	char **argv;

	ck_assert_int_eq(ppp_argv(&c, &argv), -EINVAL);
	c.remote = 2;
	ck_assert_int_eq(ppp_argv(&c, &argv), 0);
	ppp_argv_free(argv);
	c.ifname = NULL;
	ck_assert_int_eq(ppp_argv(&c, &argv), -EINVAL);
	c.ifname = "x";
	c.ctl_path = NULL;
	ck_assert_int_eq(ppp_argv(&c, &argv), -EINVAL);
}
END_TEST

struct exit_seen {
	struct loop *loop;
	int status;
	int calls;
	pid_t started;		/* the start callback's pid */
	int starts;
};

static void on_exit_cb(struct ppp *p, int status, void *arg)
{
	struct exit_seen *e = arg;

	e->status = status;
	e->calls++;
	loop_event_stop(e->loop);
}

static void on_start_cb(struct ppp *p, pid_t pid, void *arg)
{
	struct exit_seen *e = arg;

	ck_assert_int_eq(ppp_pid(p), pid);
	ck_assert(ppp_running(p));
	e->started = pid;
	e->starts++;
	loop_event_stop(e->loop);
}

/* The threads of this process: the spawner's only while a ppp lives. */
static int own_threads(void)
{
	DIR *dp = opendir("/proc/self/task");
	struct dirent *d;
	int n = 0;

	ck_assert_ptr_nonnull(dp);
	while ((d = readdir(dp)))
		n += d->d_name[0] != '.';
	closedir(dp);
	return n;
}

/*
 * Waits (up to 2 s) for n threads: a joined thread may linger in
 * /proc/self/task for a moment after pthread_join().
 */
static void wait_threads(int n)
{
	int i;

	for (i = 0; i < 200 && own_threads() != n; i++)
		usleep(10000);
	ck_assert_int_eq(own_threads(), n);
}

static void stop_cb(void *arg)
{
	loop_event_stop(arg);
}

/*
 * Waits (up to 10 s, for a loaded host) for the fake pppd to be sleep,
 * asleep: state S once it is in its nanosleep, not while it starts
 * (setlocale opens files on its way there).
 */
static void wait_exec(pid_t pid)
{
	char path[64], comm[32] = "", stat[256] = "";
	const char *st;
	int i;

	for (i = 0; i < 1000; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(comm, sizeof(comm), f))
				comm[0] = '\0';
			fclose(f);
		}
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(stat, sizeof(stat), f))
				stat[0] = '\0';
			fclose(f);
		}
		st = strrchr(stat, ')');
		if (!strncmp(comm, "sleep", 5) && st && st[1] == ' ' &&
		    st[2] == 'S')
			return;
		usleep(10000);
	}
	ck_abort_msg("fake pppd did not exec sleep");
}

/* Whether one of this process's descriptors is the socket with inode ino. */
static bool has_inode(ino_t ino)
{
	DIR *dp = opendir("/proc/self/fd");
	struct dirent *d;
	struct stat st;
	bool found = false;

	ck_assert_ptr_nonnull(dp);
	while ((d = readdir(dp)))
		if (d->d_name[0] != '.' && !fstat(atoi(d->d_name), &st) &&
		    S_ISSOCK(st.st_mode) && st.st_ino == ino)
			found = true;
	closedir(dp);
	return found;
}

/* The fake pppd, without debug. */
static const struct ppp_cfg fake_cfg = {
	.pppd = FAKE_PPPD, .ctl_path = "/s", .ifname = "x",
};

/*
 * pppd (c) on its way with one end of a socketpair as its channel; the
 * other end into *other, the channel's inode into *ino.
 */
static struct ppp *spawn_pair(struct exit_seen *e, const struct ppp_cfg *c,
			      int *other, ino_t *ino)
{
	struct ppp *p;
	struct stat st;
	int sp[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sp),
			 0);
	ck_assert_int_eq(fstat(sp[0], &st), 0);
	*ino = st.st_ino;
	*other = sp[1];
	ck_assert_int_eq(ppp_spawn(e->loop, c, sp[0], on_start_cb, on_exit_cb,
				   e, &p), 0);
	/* On its way: no pid yet, but running as far as l2tpd goes. */
	ck_assert(ppp_running(p));
	ck_assert_int_eq(ppp_pid(p), 0);
	ck_assert_int_eq(e->starts, 0);
	return p;
}

static struct ppp *spawn_fake(struct exit_seen *e, ino_t *ino, bool debug)
{
	struct ppp_cfg c = { .pppd = FAKE_PPPD, .ctl_path = "/s",
			     .ifname = "x", .debug = debug };
	struct ppp *p;
	int other;

	p = spawn_pair(e, &c, &other, ino);
	ck_assert_int_eq(loop_event_run(e->loop), 0);
	ck_assert_int_eq(e->starts, 1);
	ck_assert_int_gt(ppp_pid(p), 0);
	/*
	 * The channel is pppd's alone now (its number may be taken again
	 * meanwhile: the spawner's eventfd).
	 */
	ck_assert(!has_inode(*ino));
	close(other);
	ck_assert(ppp_running(p));
	wait_exec(ppp_pid(p));
	return p;
}

/* Where this process's descriptor fd points, into link. */
static void own_fd_link(int fd, char *link, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, size - 1);
	ck_assert_int_gt(n, 0);
	link[n] = '\0';
}

/*
 * pppd gets stdin on /dev/null, stdout, stderr and the channel on 3;
 * stdout and stderr are /dev/null but with debug (l2tpd -d), where they
 * are l2tpd's. _i: debug.
 */
START_TEST(test_spawn_fds)
{
	struct exit_seen e = { .loop = loop_event_new() };
	char dir[64], path[320], link[128], want[64], out[2][128];
	struct dirent *d;
	struct ppp *p;
	int nfds = 0;
	ino_t ino;
	DIR *dp;

	own_fd_link(1, out[0], sizeof(out[0]));
	own_fd_link(2, out[1], sizeof(out[1]));
	p = spawn_fake(&e, &ino, _i);
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)ppp_pid(p));
	dp = opendir(dir);
	ck_assert_ptr_nonnull(dp);
	while ((d = readdir(dp))) {
		int fd = atoi(d->d_name);
		ssize_t n;

		if (d->d_name[0] == '.')
			continue;
		nfds++;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		ck_assert_int_gt(n, 0);
		link[n] = '\0';
		ck_assert_msg(fd <= PPP_CHANNEL_FD, "pppd inherited fd %d (%s)",
			      fd, link);
		if (fd == 0)
			ck_assert_str_eq(link, "/dev/null");
		if (fd == 1 || fd == 2)
			ck_assert_str_eq(link, _i ? out[fd - 1] : "/dev/null");
		if (fd == PPP_CHANNEL_FD) {
			snprintf(want, sizeof(want), "socket:[%lu]",
				 (unsigned long)ino);
			ck_assert_str_eq(link, want);
		}
	}
	closedir(dp);
	ck_assert_int_eq(nfds, 4);
	ppp_free(p);
	loop_free(e.loop);
}
END_TEST

/* pppd runs PPP_NICE nicer than l2tpd; l2tpd's own priority is kept. */
START_TEST(test_spawn_nice)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct ppp *p;
	int want, own;
	ino_t ino;

	errno = 0;
	own = getpriority(PRIO_PROCESS, 0);
	ck_assert_int_eq(errno, 0);
	want = own + PPP_NICE > 19 ? 19 : own + PPP_NICE;
	p = spawn_fake(&e, &ino, false);
	errno = 0;
	ck_assert_int_eq(getpriority(PRIO_PROCESS, (id_t)ppp_pid(p)), want);
	ck_assert_int_eq(errno, 0);
	ck_assert_int_eq(getpriority(PRIO_PROCESS, 0), own);
	ppp_free(p);
	loop_free(e.loop);
}
END_TEST

START_TEST(test_terminate)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct ppp *p;
	ino_t ino;

	p = spawn_fake(&e, &ino, false);
	ck_assert_int_eq(ppp_terminate(p, 5000), 0);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e.calls, 1);
	ck_assert(WIFSIGNALED(e.status));
	ck_assert_int_eq(WTERMSIG(e.status), SIGTERM);
	ck_assert(!ppp_running(p));
	/* Already reaped: not our child any more. */
	ck_assert_int_eq(waitpid(ppp_pid(p), NULL, WNOHANG), -1);
	ck_assert_int_eq(ppp_terminate(p, 5000), 0);
	ppp_free(p);
	loop_free(e.loop);
}
END_TEST

/* A pppd that ignores SIGTERM is killed kill_ms later. */
START_TEST(test_terminate_kill)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct ppp *p;
	ino_t ino;

	setenv("FAKE_PPPD_IGNORE_TERM", "1", 1);
	p = spawn_fake(&e, &ino, false);
	ck_assert_int_eq(ppp_terminate(p, 200), 0);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e.calls, 1);
	ck_assert(WIFSIGNALED(e.status));
	ck_assert_int_eq(WTERMSIG(e.status), SIGKILL);
	ppp_free(p);
	loop_free(e.loop);
}
END_TEST

/* Freeing a running pppd kills it; the loop still reaps it. */
START_TEST(test_free_running)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct timer *t = timer_new(e.loop, stop_cb, e.loop);
	struct ppp *p;
	ino_t ino;
	pid_t pid;

	p = spawn_fake(&e, &ino, false);
	pid = ppp_pid(p);
	ppp_free(p);
	timer_arm(t, 300);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e.calls, 0);
	ck_assert_int_eq(kill(pid, 0), -1);
	ck_assert_int_eq(errno, ESRCH);
	timer_free(t);
	loop_free(e.loop);
}
END_TEST

START_TEST(test_spawn_missing)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct ppp_cfg c = { .pppd = "/nonexistent/pppd", .ctl_path = "/s",
			     .ifname = "x" };
	struct ppp *p;
	int sp[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sp),
			 0);
	ck_assert_int_eq(ppp_spawn(e.loop, &c, sp[0], on_start_cb, on_exit_cb,
				   &e, &p), -ENOENT);
	ck_assert_int_eq(fcntl(sp[0], F_GETFD), -1);
	close(sp[1]);
	wait_threads(1);
	loop_free(e.loop);
}
END_TEST

/*
 * A pppd that is executable but cannot be run (execve fails: no #! and
 * no ELF) ends with 127 without having started, as from a shell.
 */
START_TEST(test_spawn_exec_fails)
{
	struct exit_seen e = { .loop = loop_event_new() };
	char path[] = "/tmp/l2tpd-test-pppd-XXXXXX";
	struct ppp_cfg c = { .pppd = path, .ctl_path = "/s", .ifname = "x" };
	struct ppp *p;
	int other, fd;
	ino_t ino;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "\x7f\x01\x02", 3), 3);
	ck_assert_int_eq(fchmod(fd, 0755), 0);
	close(fd);
	p = spawn_pair(&e, &c, &other, &ino);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	unlink(path);
	ck_assert_int_eq(e.starts, 0);
	ck_assert_int_eq(e.calls, 1);
	ck_assert(WIFEXITED(e.status));
	ck_assert_int_eq(WEXITSTATUS(e.status), 127);
	ck_assert(!ppp_running(p));
	ck_assert_int_eq(ppp_pid(p), 0);
	ck_assert(!has_inode(ino));
	close(other);
	ppp_free(p);
	wait_threads(1);
	loop_free(e.loop);
}
END_TEST

/*
 * Asked to end before the loop heard it runs: SIGTERM as soon as it does.
 * ppp_settle() hands over a finished start without the loop.
 */
START_TEST(test_terminate_starting)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct ppp *p;
	int other;
	ino_t ino;

	p = spawn_pair(&e, &fake_cfg, &other, &ino);
	wait_threads(2);
	ck_assert_int_eq(ppp_terminate(p, 5000), 0);
	ck_assert(ppp_running(p));
	/* Says it as soon as the spawn is done. */
	while (!e.starts) {
		ppp_settle();
		usleep(1000);
	}
	ck_assert_int_gt(e.started, 0);
	ck_assert_int_eq(e.calls, 0);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e.calls, 1);
	ck_assert(WIFSIGNALED(e.status));
	ck_assert_int_eq(WTERMSIG(e.status), SIGTERM);
	close(other);
	ppp_free(p);
	wait_threads(1);
	loop_free(e.loop);
}
END_TEST

/*
 * Freed before it ran: nothing is said, the pppd (if it got to run) is
 * killed and reaped, and the spawner's thread ends with the last ppp.
 * _i: freed at once (the job likely queued or being spawned), or after
 * the spawn is done but before the loop took it.
 */
START_TEST(test_free_starting)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct timer *t = timer_new(e.loop, stop_cb, e.loop);
	struct ppp *p;
	int other;
	ino_t ino;

	p = spawn_pair(&e, &fake_cfg, &other, &ino);
	if (_i)
		usleep(300000);
	ppp_free(p);
	wait_threads(1);
	ck_assert(!has_inode(ino));
	timer_arm(t, 300);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e.starts, 0);
	ck_assert_int_eq(e.calls, 0);
	/* The loop reaped it: no child left, zombie or not. */
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	close(other);
	timer_free(t);
	loop_free(e.loop);
}
END_TEST

/*
 * A spawner held in its spawn by the test (ppp_spawn_hook): in_spawn
 * says it got there, go lets it on.
 */
static int hold_in[2], hold_go[2];

static void hold_hook(void)
{
	char b = 0;

	ck_assert_int_eq(write(hold_in[1], &b, 1), 1);
	ck_assert_int_eq(read(hold_go[0], &b, 1), 1);
}

static void hold_start(void)
{
	ck_assert_int_eq(pipe(hold_in), 0);
	ck_assert_int_eq(pipe(hold_go), 0);
	ppp_spawn_hook = hold_hook;
}

/* Waits until the spawner is inside a spawn. */
static void hold_wait(void)
{
	char b;

	ck_assert_int_eq(read(hold_in[0], &b, 1), 1);
}

static void hold_release(int n)
{
	char b = 0;

	while (n-- > 0)
		ck_assert_int_eq(write(hold_go[1], &b, 1), 1);
}

static void hold_end(void)
{
	ppp_spawn_hook = NULL;
	close(hold_in[0]);
	close(hold_in[1]);
	close(hold_go[0]);
	close(hold_go[1]);
}

/* This process's children, reaped or not: up to max pids into v. */
static int own_children(pid_t *v, int max)
{
	DIR *dp = opendir("/proc");
	char path[300], line[512];
	struct dirent *d;
	const char *st;
	int n = 0, ppid;

	ck_assert_ptr_nonnull(dp);
	while ((d = readdir(dp)) && n < max) {
		FILE *f;

		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
		/* pid (comm) state ppid ... */
		st = strrchr(line, ')');
		if (st && sscanf(st + 1, " %*c %d", &ppid) == 1 &&
		    ppid == (int)getpid())
			v[n++] = (pid_t)atoi(d->d_name);
	}
	closedir(dp);
	return n;
}

static void settled_cb(void *arg)
{
	(*(int *)arg)++;
}

/*
 * While a pppd is being spawned ppp_settle() says so without waiting for
 * it (the spawner is held here: a wait would never end); the settle hook
 * runs once the loop took the start, and ppp_settle() is false then.
 */
START_TEST(test_settle_busy)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct ppp *p;
	int other, settled = 0;
	ino_t ino;

	hold_start();
	ppp_on_settle(settled_cb, &settled);
	p = spawn_pair(&e, &fake_cfg, &other, &ino);
	hold_wait();
	ck_assert(ppp_settle());
	ck_assert(ppp_settle());
	ck_assert_int_eq(e.starts, 0);
	ck_assert_int_eq(settled, 0);
	hold_release(1);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e.starts, 1);
	ck_assert_int_ge(settled, 1);
	ck_assert(!ppp_settle());
	close(other);
	ppp_free(p);
	wait_threads(1);
	ppp_on_settle(NULL, NULL);
	hold_end();
	loop_free(e.loop);
}
END_TEST

/*
 * A ppp freed while its pppd is being spawned: ppp_free() does not wait
 * for the spawn (held here, it would never end); the pppd it started is
 * killed and reaped by the loop without a word, and the next one starts.
 */
START_TEST(test_free_busy)
{
	struct exit_seen e = { .loop = loop_event_new() };
	struct exit_seen e2 = { .loop = e.loop };
	pid_t kids[2][64];
	int before, after, i, j;
	struct timer *t;
	struct ppp *p, *p2;
	int other, other2;
	ino_t ino, ino2;
	pid_t pid2;

	before = own_children(kids[0], 64);
	hold_start();
	p = spawn_pair(&e, &fake_cfg, &other, &ino);
	hold_wait();
	p2 = spawn_pair(&e2, &fake_cfg, &other2, &ino2);
	ppp_free(p);
	close(other);
	hold_release(2);
	/* p2's start stops the loop; p's pppd never said a thing. */
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e2.starts, 1);
	ck_assert_int_eq(e.starts, 0);
	ck_assert_int_eq(e.calls, 0);
	pid2 = ppp_pid(p2);
	close(other2);
	/* p's pppd was killed: it is reaped while p2's runs on. */
	ck_assert_int_eq(ppp_terminate(p2, 5000), 0);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	ck_assert_int_eq(e2.calls, 1);
	ck_assert_int_eq(e.calls, 0);
	ck_assert_int_eq(waitpid(pid2, NULL, WNOHANG), -1);
	ppp_free(p2);
	wait_threads(1);
	/* The loop a while longer, for the orphan's reaper. */
	t = timer_new(e.loop, stop_cb, e.loop);
	timer_arm(t, 300);
	ck_assert_int_eq(loop_event_run(e.loop), 0);
	timer_free(t);
	/* No child left unreaped (none but those from before, CK_FORK=no). */
	after = own_children(kids[1], 64);
	for (i = 0; i < after; i++) {
		for (j = 0; j < before; j++)
			if (kids[1][i] == kids[0][j])
				break;
		ck_assert_msg(j < before, "child %d left", (int)kids[1][i]);
	}
	hold_end();
	loop_free(e.loop);
}
END_TEST

START_TEST(test_exit_text)
{
	char buf[64];

	ck_assert_str_eq(ppp_exit_text(19 << 8, buf, sizeof(buf)),
			 "exit 19: authentication to the peer failed");
	ck_assert_str_eq(ppp_exit_text(99 << 8, buf, sizeof(buf)), "exit 99");
	ck_assert_str_eq(ppp_exit_text(SIGKILL, buf, sizeof(buf)),
			 "killed by signal 9");
}
END_TEST

Suite *suite_ppp(void)
{
	Suite *s = suite_create("ppp");
	TCase *tc = tcase_create("ppp");

	tcase_add_loop_test(tc, test_argv, 0,
			    sizeof(argv_cases) / sizeof(argv_cases[0]));
	tcase_add_test(tc, test_argv_invalid);
	tcase_add_loop_test(tc, test_spawn_fds, 0, 2);
	tcase_add_test(tc, test_spawn_nice);
	tcase_add_test(tc, test_terminate);
	tcase_add_test(tc, test_terminate_kill);
	tcase_add_test(tc, test_free_running);
	tcase_add_test(tc, test_spawn_missing);
	tcase_add_test(tc, test_spawn_exec_fails);
	tcase_add_test(tc, test_terminate_starting);
	tcase_add_loop_test(tc, test_free_starting, 0, 2);
	tcase_add_test(tc, test_settle_busy);
	tcase_add_test(tc, test_free_busy);
	tcase_add_test(tc, test_exit_text);
	suite_add_tcase(s, tc);
	return s;
}
