/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A control socket server with a test's handlers, run in a child process
 * on a socket in a fresh temporary directory, so that the test itself can
 * be its clients with blocking sockets (or run l2tpctl against it).
 */
#ifndef T_UNIT_CTL_HARNESS_H
#define T_UNIT_CTL_HARNESS_H

#include <sys/types.h>

#include "ctl_server.h"

struct ctl_harness {
	char dir[64];		/* removed by ctl_harness_stop() */
	char path[128];		/* dir/run/l2tpd.sock */
	pid_t pid;
};

/* Called in the child once the server listens: the handlers' arg's setup. */
typedef void ctl_harness_ready_fn(void *arg, struct loop *loop,
				  struct ctl_server *srv);

/* Returns once the socket answers; the child serves until stopped. */
void ctl_harness_start(struct ctl_harness *h, const struct ctl_server_cfg *cfg,
		       const struct ctl_handler *handlers, size_t n,
		       void *arg, ctl_harness_ready_fn *ready);
/* SIGTERM; the child must exit 0 (no leaks under ASan) and remove its socket. */
void ctl_harness_stop(struct ctl_harness *h);
/* A connection with a 10 s receive timeout. */
int ctl_harness_conn(const struct ctl_harness *h);

#endif
