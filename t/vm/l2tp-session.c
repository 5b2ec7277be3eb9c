// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One end of an L2TP session without the control protocol: the VM tests
 * of the kernel data path and the pppd plugin (t/integration/kernel-*.sh,
 * plugin-*.sh) run one in each of two network namespaces. It uses the
 * daemon's own code: kernel.c for the tunnel, the session and their
 * counters, ppp.c for pppd with our plugin, ctl_server.c for the
 * plugin's reports.
 *
 * With fixed ids on both ends it makes a UDP socket bound to --local and
 * connected to --peer, TUNNEL_CREATE and SESSION_CREATE, a PPPoL2TP
 * socket, and starts pppd as server or client. It prints, one per line:
 *
 *   driver: ready tunnel T session S pppd PID
 *   driver: sockets udp=INODE netlink=INODE             (for leak checks)
 *   report <type> <json>                                (each plugin report)
 *   stats <tunnel|session> tx-packets=N rx-packets=N tx-bytes=N rx-bytes=N
 *                                                       (on SIGUSR1)
 *   driver: fds N                  (at ready, and at SIGTERM after pppd)
 *   driver: pppd <exit text>
 *   driver: kernel session gone|present                 (after pppd exit)
 *   driver: done
 *
 * SIGTERM asks pppd to end; the driver exits once pppd did, deleting the
 * tunnel (with --linger it stays until a SIGTERM after pppd's exit, so
 * that a test can look at what pppd's end left behind).
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <netlink/netlink.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "conf.h"
#include "ctl_server.h"
#include "kernel.h"
#include "loop_event.h"
#include "ppp.h"

struct driver {
	struct loop *loop;
	struct kernel k;
	struct ctl_server *ctl;
	struct ppp *ppp;
	struct ppp_cfg cfg;
	struct sockaddr_in local, peer;
	uint16_t tid, peer_tid, sid, peer_sid;
	const char *secret_user, *secret_pass;
	int udp;
	bool linger;		/* after pppd's exit, wait for SIGTERM */
};

static void die(const char *what, int err, const struct kernel *k)
{
	fprintf(stderr, "l2tp-session: %s: %s%s%s\n", what, strerror(-err),
		k && k->ext_ack[0] ? ": " : "", k ? k->ext_ack : "");
	exit(1);
}

static void parse_addr(const char *s, struct sockaddr_in *sin)
{
	char host[64];
	const char *colon = strrchr(s, ':');

	if (!colon || (size_t)(colon - s) >= sizeof(host))
		die("address must be A.B.C.D:PORT", -EINVAL, NULL);
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)atoi(colon + 1));
	if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
		die("bad address", -EINVAL, NULL);
}

static uint32_t parse_ip(const char *s)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1)
		die("bad address", -EINVAL, NULL);
	return ntohl(in.s_addr);
}

/* "pap,chap,mschap1,mschap2", any of them. */
static unsigned parse_auth(char *s)
{
	static const struct {
		const char *name;
		unsigned bit;
	} methods[] = {
		{ "pap", CONF_AUTH_PAP }, { "chap", CONF_AUTH_CHAP },
		{ "mschap1", CONF_AUTH_MSCHAP1 },
		{ "mschap2", CONF_AUTH_MSCHAP2 },
	};
	unsigned bits = 0;
	char *tok, *save;
	size_t i;

	for (tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
			if (!strcmp(tok, methods[i].name))
				break;
		if (i == sizeof(methods) / sizeof(methods[0]))
			die("unknown authentication method", -EINVAL, NULL);
		bits |= methods[i].bit;
	}
	return bits;
}

static enum ppp_mppe parse_mppe(const char *s)
{
	if (!strcmp(s, "require"))
		return PPP_MPPE_REQUIRE;
	return strcmp(s, "yes") ? PPP_MPPE_NO : PPP_MPPE_YES;
}

static void usage(void)
{
	fputs("usage: l2tp-session --role server|client --local A:P --peer A:P\n"
	      "  --tid N --peer-tid N --sid N --peer-sid N --ctl PATH\n"
	      "  --ifname NAME [--plugin PATH] [--auth pap,chap,mschap1,mschap2]\n"
	      "  [--user U] [--secret USER:PASSWORD] [--mppe no|yes|require]\n"
	      "  [--local-ip A --remote-ip B] [--dns A] [--default-route METRIC]\n"
	      "  [--seq] [--keepalive S] [--mrru N] [--debug] [--linger]\n",
	      stderr);
	exit(2);
}

static void parse_secret(struct driver *d, char *s)
{
	char *colon = strchr(s, ':');

	if (!colon)
		usage();
	*colon = '\0';
	d->secret_user = s;
	d->secret_pass = colon + 1;
}

static void parse_opt(struct driver *d, int c, char *arg)
{
	switch (c) {
	case 'r': d->cfg.server = !strcmp(arg, "server"); break;
	case 'l': parse_addr(arg, &d->local); break;
	case 'p': parse_addr(arg, &d->peer); break;
	case 't': d->tid = (uint16_t)atoi(arg); break;
	case 'T': d->peer_tid = (uint16_t)atoi(arg); break;
	case 's': d->sid = (uint16_t)atoi(arg); break;
	case 'S': d->peer_sid = (uint16_t)atoi(arg); break;
	case 'c': d->cfg.ctl_path = arg; break;
	case 'i': d->cfg.ifname = arg; break;
	case 'P': d->cfg.plugin = arg; break;
	case 'a': d->cfg.auth = parse_auth(arg); break;
	case 'u': d->cfg.user = arg; break;
	case 'x': parse_secret(d, arg); break;
	case 'm': d->cfg.mppe = parse_mppe(arg); break;
	case 'L': d->cfg.local = parse_ip(arg); break;
	case 'R': d->cfg.remote = parse_ip(arg); break;
	case 'd': d->cfg.dns[0] = parse_ip(arg); break;
	case 'D': d->cfg.add_default_route = true;
		  d->cfg.default_route_distance = (uint32_t)atoi(arg); break;
	case 'q': d->cfg.send_seq = d->cfg.recv_seq = true; break;
	case 'k': d->cfg.keepalive_timeout = (uint32_t)atoi(arg); break;
	case 'g': d->cfg.debug = true; break;
	case 'w': d->linger = true; break;
	case 'M': d->cfg.mrru = (uint32_t)atoi(arg); break;
	default: usage();
	}
}

static void parse_args(struct driver *d, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", 1, NULL, 'r' }, { "local", 1, NULL, 'l' },
		{ "peer", 1, NULL, 'p' }, { "tid", 1, NULL, 't' },
		{ "peer-tid", 1, NULL, 'T' }, { "sid", 1, NULL, 's' },
		{ "peer-sid", 1, NULL, 'S' }, { "ctl", 1, NULL, 'c' },
		{ "ifname", 1, NULL, 'i' }, { "plugin", 1, NULL, 'P' },
		{ "auth", 1, NULL, 'a' }, { "user", 1, NULL, 'u' },
		{ "secret", 1, NULL, 'x' }, { "mppe", 1, NULL, 'm' },
		{ "local-ip", 1, NULL, 'L' }, { "remote-ip", 1, NULL, 'R' },
		{ "dns", 1, NULL, 'd' }, { "default-route", 1, NULL, 'D' },
		{ "seq", 0, NULL, 'q' }, { "keepalive", 1, NULL, 'k' },
		{ "debug", 0, NULL, 'g' }, { "linger", 0, NULL, 'w' },
		{ "mrru", 1, NULL, 'M' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		parse_opt(d, c, optarg);
	if (!d->tid || !d->peer_tid || !d->sid || !d->peer_sid ||
	    !d->cfg.ctl_path || !d->cfg.ifname || !d->local.sin_family ||
	    !d->peer.sin_family)
		usage();
	d->cfg.lns_mode = d->cfg.server;
}

/* Every plugin report is printed and acknowledged; SECRET is answered. */
static void on_report(void *arg, struct ctl_client *c, uint16_t type,
		      struct json_object *body)
{
	static const char *const names[] = {
		"hello", "phase", "secret", "auth", "ip-up", "ip-down", "exit",
	};
	struct driver *d = arg;
	struct json_object *u, *row;

	printf("report %s %s\n", names[type - CTL_PLUGIN_FIRST],
	       json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN));
	if (type != CTL_PLUGIN_SECRET) {
		ctl_reply_end(c, 0, NULL);
		return;
	}
	if (!d->secret_user ||
	    !json_object_object_get_ex(body, CTL_KP_USER, &u) ||
	    strcmp(json_object_get_string(u), d->secret_user)) {
		ctl_reply_end(c, -ENOENT, "no such user");
		return;
	}
	row = json_object_new_object();
	json_object_object_add(row, CTL_KP_PASSWORD,
			       json_object_new_string(d->secret_pass));
	ctl_reply_row(c, row);
	json_object_put(row);
	ctl_reply_end(c, 0, NULL);
}

static void print_stats(const char *what, int err,
			const struct kernel_stats *st)
{
	if (err) {
		printf("stats %s error %s\n", what, strerror(-err));
		return;
	}
	printf("stats %s tx-packets=%llu rx-packets=%llu tx-bytes=%llu "
	       "rx-bytes=%llu rx-errors=%llu\n", what,
	       (unsigned long long)st->tx_packets,
	       (unsigned long long)st->rx_packets,
	       (unsigned long long)st->tx_bytes,
	       (unsigned long long)st->rx_bytes,
	       (unsigned long long)st->rx_errors);
}

/* Our open descriptors: the same before and after a session. */
static int count_fds(void)
{
	DIR *dp = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (!dp)
		return -1;
	while ((de = readdir(dp)))
		n += de->d_name[0] != '.';
	closedir(dp);
	return n - 1;	/* opendir's own */
}

static void on_signal(int signo, void *arg)
{
	struct driver *d = arg;
	struct kernel_stats st;
	int err;

	if (signo == SIGTERM) {
		if (d->ppp && ppp_running(d->ppp)) {
			/* As l2tpd does: APP_PPP_KILL_MS. */
			ppp_terminate(d->ppp, 15000);
			return;
		}
		/* pppd gone and forgotten: its pidfd and the spawner too. */
		ppp_free(d->ppp);
		d->ppp = NULL;
		printf("driver: fds %d\n", count_fds());
		loop_event_stop(d->loop);
		return;
	}
	err = kernel_tunnel_stats(&d->k, d->tid, &st);
	print_stats("tunnel", err, &st);
	err = kernel_session_stats(&d->k, d->tid, d->sid, &st);
	print_stats("session", err, &st);
}

static void on_ppp_exit(struct ppp *p, int status, void *arg)
{
	struct driver *d = arg;
	struct kernel_stats st;
	char buf[96];
	int err;

	printf("driver: pppd %s\n", ppp_exit_text(status, buf, sizeof(buf)));
	/* pppd closed the PPPoL2TP socket: the kernel session must be gone. */
	err = kernel_session_stats(&d->k, d->tid, d->sid, &st);
	printf("driver: kernel session %s\n", err == -ENODEV ? "gone" :
	       err ? strerror(-err) : "present");
	if (!d->linger)
		loop_event_stop(d->loop);
}

static unsigned long inode_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : (unsigned long)st.st_ino;
}

/* The UDP socket the tunnel runs on: bound, connected, close-on-exec. */
static int udp_open(const struct driver *d)
{
	int one = 1, fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(fd, (const struct sockaddr *)&d->local, sizeof(d->local)) ||
	    connect(fd, (const struct sockaddr *)&d->peer, sizeof(d->peer)))
		die("UDP socket", -errno, NULL);
	return fd;
}

/* pppd runs; the PPPoL2TP socket is its alone. */
static void on_ppp_start(struct ppp *p, pid_t pid, void *arg)
{
	struct driver *d = arg;

	printf("driver: ready tunnel %u session %u pppd %d\n", d->tid, d->sid,
	       (int)pid);
	printf("driver: sockets udp=%lu netlink=%lu\n", inode_of(d->udp),
	       inode_of(nl_socket_get_fd(d->k.sk)));
}

static void start(struct driver *d)
{
	struct kernel_tunnel kt = { d->tid, d->peer_tid, d->udp };
	struct kernel_session ks = {
		.tid = d->tid, .sid = d->sid, .peer_sid = d->peer_sid,
		.send_seq = d->cfg.send_seq, .recv_seq = d->cfg.recv_seq,
		.lns_mode = d->cfg.lns_mode,
	};
	struct kernel_pppol2tp pk = {
		.tunnel_fd = d->udp, .peer = (struct sockaddr *)&d->peer,
		.peer_len = sizeof(d->peer), .tid = d->tid, .sid = d->sid,
		.peer_tid = d->peer_tid, .peer_sid = d->peer_sid,
	};
	int err, fd;

	err = kernel_tunnel_create(&d->k, &kt);
	if (err)
		die("TUNNEL_CREATE", err, &d->k);
	err = kernel_session_create(&d->k, &ks);
	if (err)
		die("SESSION_CREATE", err, &d->k);
	/* What the driver holds before the session's socket and pppd. */
	printf("driver: fds %d\n", count_fds());
	fd = kernel_pppol2tp_open(&pk);
	if (fd < 0)
		die("PPPoL2TP socket", fd, NULL);
	d->cfg.tid = d->tid;
	d->cfg.sid = d->sid;
	err = ppp_spawn(d->loop, &d->cfg, fd, on_ppp_start, on_ppp_exit, d,
			&d->ppp);
	if (err)
		die("pppd", err, NULL);
}

int main(int argc, char **argv)
{
	static const struct ctl_handler handlers[] = {
		{ CTL_PLUGIN_HELLO, on_report }, { CTL_PLUGIN_PHASE, on_report },
		{ CTL_PLUGIN_SECRET, on_report }, { CTL_PLUGIN_AUTH, on_report },
		{ CTL_PLUGIN_IP_UP, on_report },
		{ CTL_PLUGIN_IP_DOWN, on_report }, { CTL_PLUGIN_EXIT, on_report },
	};
	struct driver d = { .udp = -1 };
	struct ctl_server_cfg ccfg = { .idle_ms = 3600 * 1000 };
	struct loop_watch *wt, *wu;
	int err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	parse_args(&d, argc, argv);
	d.loop = loop_event_new();
	if (!d.loop)
		die("loop", -errno, NULL);
	err = kernel_open(&d.k);
	if (err == -ENOENT) {
		puts(KERNEL_NO_L2TP_HINT);
		return 1;
	}
	if (err)
		die("netlink", err, NULL);
	ccfg.path = d.cfg.ctl_path;
	err = ctl_server_new(d.loop, &ccfg, handlers,
			     sizeof(handlers) / sizeof(handlers[0]), &d, &d.ctl);
	if (err)
		die("control socket", err, NULL);
	if (loop_watch_signal(d.loop, SIGTERM, on_signal, &d, &wt) ||
	    loop_watch_signal(d.loop, SIGUSR1, on_signal, &d, &wu))
		die("signals", -errno, NULL);
	d.udp = udp_open(&d);
	start(&d);
	loop_event_run(d.loop);
	/* As l2tpd does on every teardown: the kernel tunnel goes too. */
	err = kernel_tunnel_delete(&d.k, d.tid);
	if (err)
		printf("driver: TUNNEL_DELETE: %s\n", strerror(-err));
	close(d.udp);
	ppp_free(d.ppp);
	loop_watch_free(wt);
	loop_watch_free(wu);
	ctl_server_free(d.ctl);
	kernel_close(&d.k);
	loop_free(d.loop);
	puts("driver: done");
	return 0;
}
