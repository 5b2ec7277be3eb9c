// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpd as "xl2tpd" (xl2tpd_main.h): xl2tpd's options (its init_args()),
 * its pid file (consider_pidfile()) and its going to the background.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "conf.h"
#include "kernel.h"
#include "l2tpd.h"
#include "log.h"
#include "loop_event.h"
#include "xl2tpd_fifo.h"
#include "xl2tpd_main.h"

struct xopts {
	struct l2tpd_opts o;
	const char *pid_file;
	bool foreground;	/* -D */
	bool syslog;		/* -l, or in the background */
	bool tos;		/* -q given */
};

static void xl2tpd_usage(void)
{
	printf("\nxl2tpd version:  l2tpd %s (xl2tpd 1.3 drop-in)\n"
	       "Usage: xl2tpd [-c <config file>] [-s <secret file>] "
	       "[-p <pid file>]\n"
	       "              [-C <control file>] [-D] [-l] "
	       "[-q <tos decimal value for control>]\n"
	       "              [-v, --version]\n\n", PACKAGE_VERSION);
}

/* The value after argv[*i], as xl2tpd takes it; NULL when there is none. */
static const char *xl2tpd_arg(int argc, char **argv, int *i)
{
	return ++*i < argc ? argv[*i] : NULL;
}

/*
 * xl2tpd's init_args(): options are matched by their first two letters
 * ("-Dx" is -D), -v prints the version and exits 1 like xl2tpd, anything
 * else prints the usage and exits 1. Returns -1 to go on, else the exit
 * status.
 */
static int xl2tpd_args(int argc, char **argv, struct xopts *x)
{
	const char *v, **target;
	char *end;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--version", 9) ||
		    !strncmp(argv[i], "-v", 2)) {
			printf("\nxl2tpd version:  l2tpd %s (xl2tpd 1.3 "
			       "drop-in)\n", PACKAGE_VERSION);
			return EXIT_FAILURE;
		}
		if (!strncmp(argv[i], "-D", 2)) {
			x->foreground = true;
			continue;
		}
		if (!strncmp(argv[i], "-l", 2)) {
			x->syslog = true;
			continue;
		}
		target = !strncmp(argv[i], "-c", 2) ? &x->o.conf_path :
			 !strncmp(argv[i], "-s", 2) ? &x->o.xl2tpd_auth_file :
			 !strncmp(argv[i], "-p", 2) ? &x->pid_file :
			 !strncmp(argv[i], "-C", 2) ? &x->o.xl2tpd_fifo :
			 !strncmp(argv[i], "-q", 2) ? &v : NULL;
		if (!target || !(*target = xl2tpd_arg(argc, argv, &i)))
			break;
		if (target == &v) {
			long tos = strtol(v, &end, 10);

			if (tos < 0 || tos > 255 || *end || !*v) {
				printf("TOS value %s out of range(0-255)!\n",
				       v);
				break;
			}
			x->tos = true;
		}
	}
	if (i == argc)
		return -1;
	xl2tpd_usage();
	return EXIT_FAILURE;
}

/* consider_pidfile(): another xl2tpd (or l2tpd) still running there. */
static bool xl2tpd_running(const char *path)
{
	char buf[32];
	ssize_t n;
	long pid;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	pid = strtol(buf, NULL, 10);
	return pid > 0 && pid != getpid() && !kill((pid_t)pid, 0);
}

static void xl2tpd_pidfile(const char *path)
{
	char buf[32];
	int fd, n;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (fd < 0 || write(fd, buf, (size_t)n) != n)
		log_warnx("pid file %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

/*
 * To the background, as xl2tpd's daemonize() and setsid(); the parent
 * exits once the child has started (0) or failed (1), read from a pipe,
 * so that "xl2tpd" in an init script fails when the daemon does.
 */
static int xl2tpd_background(int *ready)
{
	int p[2];
	pid_t pid;
	char c;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		close(p[1]);
		do
			n = read(p[0], &c, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 ? EXIT_SUCCESS : EXIT_FAILURE);
	}
	close(p[0]);
	setsid();
	*ready = p[1];
	return 0;
}

/* stdin, stdout and stderr on /dev/null once the daemon runs. */
static void xl2tpd_detach(int ready)
{
	int fd = open("/dev/null", O_RDWR);

	if (write(ready, "", 1) != 1)
		log_warnx("cannot tell the starting process: %s",
			  strerror(errno));
	close(ready);
	if (fd < 0)
		return;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
}

/* The configuration, its errors on stderr; NULL when it is not valid. */
static struct conf *xl2tpd_load(const struct l2tpd_opts *o)
{
	struct conf_load_opts lo = { .xl2tpd_auth_file = o->xl2tpd_auth_file };
	struct conf_msgs msgs = { 0 };
	struct conf *c = NULL;
	int err = conf_load(o->conf_path, &lo, &c, &msgs);

	if (err && !msgs.n)
		fprintf(stderr, "xl2tpd: %s: %s\n", o->conf_path,
			strerror(-err));
	conf_msgs_print(&msgs, stderr);
	conf_msgs_free(&msgs);
	return err ? NULL : c;
}

/* Each key of the file that has no effect here, and why, in the log. */
static void xl2tpd_notes(const struct conf *c, const struct xopts *x)
{
	struct conf_msgs notes = { 0 };
	char *text;
	size_t i, len;
	FILE *f;

	conf_notes(c, &notes);
	for (i = 0; i < notes.n; i++) {
		text = NULL;
		f = open_memstream(&text, &len);
		if (f) {
			conf_msg_print(&notes.v[i], f);
			fclose(f);
		}
		log_info("%s", text ? text : notes.v[i].text);
		free(text);
	}
	conf_msgs_free(&notes);
	if (x->tos)
		log_info("-q: no effect here because l2tpd sends control "
			 "messages with the system's default TOS");
}

static int xl2tpd_run(struct xopts *x, struct conf *c)
{
	struct loop *loop;
	struct app *a;
	int ready = -1, err;

	log_init("xl2tpd", x->syslog, 0);
	if (!x->foreground && (err = xl2tpd_background(&ready))) {
		log_warnx("cannot go to the background: %s", strerror(-err));
		conf_free(c);
		return EXIT_FAILURE;
	}
	xl2tpd_pidfile(x->pid_file);
	xl2tpd_notes(c, x);
	loop = loop_event_new();
	err = loop ? l2tpd_start(loop, &x->o, c, &a) : -ENOMEM;
	if (!loop)
		conf_free(c);
	if (err) {
		if (err == -ENOENT)
			log_warnx("%s", KERNEL_NO_L2TP_HINT);
		loop_free(loop);
		unlink(x->pid_file);
		return EXIT_FAILURE;
	}
	if (ready >= 0)
		xl2tpd_detach(ready);
	err = l2tpd_run(a);
	loop_free(loop);
	unlink(x->pid_file);
	return err;
}

int xl2tpd_main(int argc, char **argv)
{
	struct xopts x = {
		.o = {
			.conf_path = XL2TPD_CONF_FILE,
			.xl2tpd_auth_file = XL2TPD_SECRETS_FILE,
			.xl2tpd_fifo = XL2TPD_FIFO_PATH,
		},
		.pid_file = XL2TPD_PID_FILE,
	};
	struct conf *c;
	int rc = xl2tpd_args(argc, argv, &x);

	if (rc >= 0)
		return rc;
	/* xl2tpd logs to syslog in the background, or when told (-l) */
	x.syslog = x.syslog || !x.foreground;
	c = xl2tpd_load(&x.o);
	if (!c)
		return EXIT_FAILURE;
	if (xl2tpd_running(x.pid_file)) {
		fprintf(stderr, "xl2tpd: there is already an xl2tpd (or l2tpd) "
			"running: %s\n", x.pid_file);
		conf_free(c);
		return EXIT_FAILURE;
	}
	return xl2tpd_run(&x, c);
}
