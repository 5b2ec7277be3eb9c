/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Inside the control socket server only (ctl_server.c, ctl_sock.c). */
#ifndef L2TPD_CTL_IMPL_H
#define L2TPD_CTL_IMPL_H

#include <sys/stat.h>

#include "ctl_server.h"

struct ctl_server {
	struct loop *loop;
	struct ctl_server_cfg cfg;	/* defaults filled; path, group unset */
	struct ctl_handler *handlers;
	size_t nhandlers;
	void *arg;
	int lfd;			/* -1 when unbound */
	struct loop_watch *lw;
	char *path;			/* the socket we made, to remove */
	dev_t dev;			/* ... if it is still ours */
	ino_t ino;
	struct ctl_client *clients;
	struct timer *reaper;
	struct ctl_stats st;
};

/* Binds and listens on path (ctl_server_new()): s->lfd, s->path. */
int ctl_sock_listen(struct ctl_server *s, const char *path, mode_t mode,
		    const char *group);
/* Closes the listening socket and removes its file if it is still ours. */
void ctl_sock_close(struct ctl_server *s);
/* A client socket: non-blocking and close-on-exec. */
int ctl_sock_prepare(int fd);

#endif /* L2TPD_CTL_IMPL_H */
