/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For implementations of loop.h only (loop_event.c, t/unit/simloop.c). Each
 * implementation embeds these structs first in its own and fills the ops;
 * loop.c dispatches through them.
 */
#ifndef L2TPD_LOOP_IMPL_H
#define L2TPD_LOOP_IMPL_H

#include <stddef.h>

#include "loop.h"

/* From a pointer to one of the structs below to the implementation's own. */
#define loop_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

struct loop_ops {
	uint64_t (*now_ms)(struct loop *loop);
	void (*free)(struct loop *loop);
	struct timer *(*timer_new)(struct loop *loop);
	void (*timer_arm)(struct timer *t, uint64_t ms);
	void (*timer_cancel)(struct timer *t);
	bool (*timer_pending)(const struct timer *t);
	void (*timer_free)(struct timer *t);
	/*
	 * Allocates a watcher as described by tmpl (loop.c fills it from the
	 * loop_watch_*() arguments) and starts it; -EOPNOTSUPP for a kind the
	 * loop does not have.
	 */
	int (*watch_new)(struct loop *loop, const struct loop_watch *tmpl,
			 struct loop_watch **wp);
	void (*watch_free)(struct loop_watch *w);
	/* Optional (NULL: -EOPNOTSUPP): loop_resolve() and its cancel. */
	int (*resolve)(struct loop *loop, const char *host, uint16_t port,
		       loop_dns_cb *cb, void *arg, struct loop_dns **rp);
	void (*resolve_cancel)(struct loop_dns *r);
};

/* Each implementation's lookups embed this first. */
struct loop_dns {
	struct loop *loop;
};

struct loop {
	const struct loop_ops *ops;
};

struct timer {
	struct loop *loop;
	timer_cb *cb;
	void *arg;
};

enum loop_watch_kind {
	LOOP_WATCH_FD,
	LOOP_WATCH_SIGNAL,
	LOOP_WATCH_CHILD,
};

struct loop_watch {
	struct loop *loop;
	enum loop_watch_kind kind;
	void *arg;
	union {
		struct {
			int fd;
			unsigned int events;
			loop_fd_cb *cb;
		} fd;
		struct {
			int signo;
			loop_signal_cb *cb;
		} sig;
		struct {
			pid_t pid;
			loop_child_cb *cb;
		} child;
	} u;
};

/* Runs a timer's callback: for implementations, when it is due. */
static inline void loop_timer_fire(struct timer *t)
{
	t->cb(t->arg);
}

#endif /* L2TPD_LOOP_IMPL_H */
