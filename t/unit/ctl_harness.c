// SPDX-License-Identifier: GPL-2.0-or-later
/* The control socket test server (ctl_harness.h). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl_harness.h"
#include "loop_event.h"
#include "suites.h"

static void on_term(int signo, void *arg)
{
	loop_event_stop(arg);
}

static void sigterm_mask(int how)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(how, &set, NULL);
}

static void child(const struct ctl_server_cfg *cfg,
		  const struct ctl_handler *handlers, size_t n, void *arg,
		  ctl_harness_ready_fn *ready)
{
	struct loop *loop = loop_event_new();
	struct ctl_server *srv;
	struct loop_watch *w;

	if (!loop || ctl_server_new(loop, cfg, handlers, n, arg, &srv))
		_exit(10);
	if (loop_watch_signal(loop, SIGTERM, on_term, loop, &w))
		_exit(11);
	sigterm_mask(SIG_UNBLOCK);
	if (ready)
		ready(arg, loop, srv);
	loop_event_run(loop);
	ctl_server_free(srv);
	loop_watch_free(w);
	loop_free(loop);
	exit(0);
}

void ctl_harness_start(struct ctl_harness *h, const struct ctl_server_cfg *base,
		       const struct ctl_handler *handlers, size_t n,
		       void *arg, ctl_harness_ready_fn *ready)
{
	struct ctl_server_cfg cfg = *base;
	int i, fd;

	strcpy(h->dir, "/tmp/l2tpd-ctl-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(h->dir));
	snprintf(h->path, sizeof(h->path), "%s/run/l2tpd.sock", h->dir);
	cfg.path = h->path;
	/* SIGTERM waits for the child's loop, not its default action. */
	sigterm_mask(SIG_BLOCK);
	fflush(NULL);
	h->pid = fork();
	ck_assert_int_ge(h->pid, 0);
	if (!h->pid)
		child(&cfg, handlers, n, arg, ready);
	sigterm_mask(SIG_UNBLOCK);
	for (i = 0; i < 500; i++) {
		fd = ctl_connect(h->path);
		if (fd >= 0) {
			close(fd);
			return;
		}
		usleep(10000);
	}
	ck_abort_msg("the server did not start");
}

void ctl_harness_stop(struct ctl_harness *h)
{
	char sub[160];
	int status;

	kill(h->pid, SIGTERM);
	ck_assert_int_eq(waitpid(h->pid, &status, 0), h->pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "server status %d", status);
	/* The server removed its socket; the directory it made stays. */
	ck_assert_int_ne(access(h->path, F_OK), 0);
	snprintf(sub, sizeof(sub), "%s/run", h->dir);
	ck_assert_int_eq(rmdir(sub), 0);
	ck_assert_int_eq(rmdir(h->dir), 0);
}

int ctl_harness_conn(const struct ctl_harness *h)
{
	struct timeval tv = { .tv_sec = 10 };
	int fd = ctl_connect(h->path);

	ck_assert_msg(fd >= 0, "connect %s: %s", h->path, strerror(-fd));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}
