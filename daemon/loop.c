// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * loop.h dispatched to the implementation behind each loop: the daemon and
 * the tests link the same engine, and one test binary can hold a libevent
 * loop and simulated ones side by side.
 */
#include <errno.h>
#include <stddef.h>

#include "loop_impl.h"

uint64_t loop_clock_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

uint64_t loop_now_ms(struct loop *loop)
{
	return loop->ops->now_ms(loop);
}

void loop_free(struct loop *loop)
{
	if (loop)
		loop->ops->free(loop);
}

struct timer *timer_new(struct loop *loop, timer_cb *cb, void *arg)
{
	struct timer *t = loop->ops->timer_new(loop);

	if (t) {
		t->loop = loop;
		t->cb = cb;
		t->arg = arg;
	}
	return t;
}

void timer_arm(struct timer *t, uint64_t ms)
{
	t->loop->ops->timer_arm(t, ms);
}

void timer_cancel(struct timer *t)
{
	t->loop->ops->timer_cancel(t);
}

bool timer_pending(const struct timer *t)
{
	return t->loop->ops->timer_pending(t);
}

void timer_free(struct timer *t)
{
	if (t)
		t->loop->ops->timer_free(t);
}

int loop_watch_fd(struct loop *loop, int fd, unsigned int events,
		  loop_fd_cb *cb, void *arg, struct loop_watch **wp)
{
	struct loop_watch tmpl = {
		.loop = loop, .kind = LOOP_WATCH_FD, .arg = arg,
		.u.fd = { .fd = fd, .events = events, .cb = cb },
	};

	if (fd < 0 || !(events & (LOOP_READ | LOOP_WRITE)) ||
	    (events & ~(LOOP_READ | LOOP_WRITE | LOOP_URGENT)))
		return -EINVAL;
	return loop->ops->watch_new(loop, &tmpl, wp);
}

int loop_watch_signal(struct loop *loop, int signo, loop_signal_cb *cb,
		      void *arg, struct loop_watch **wp)
{
	struct loop_watch tmpl = {
		.loop = loop, .kind = LOOP_WATCH_SIGNAL, .arg = arg,
		.u.sig = { .signo = signo, .cb = cb },
	};

	if (signo <= 0)
		return -EINVAL;
	return loop->ops->watch_new(loop, &tmpl, wp);
}

int loop_watch_child(struct loop *loop, pid_t pid, loop_child_cb *cb,
		     void *arg, struct loop_watch **wp)
{
	struct loop_watch tmpl = {
		.loop = loop, .kind = LOOP_WATCH_CHILD, .arg = arg,
		.u.child = { .pid = pid, .cb = cb },
	};

	if (pid <= 0)
		return -EINVAL;
	return loop->ops->watch_new(loop, &tmpl, wp);
}

void loop_watch_free(struct loop_watch *w)
{
	if (w)
		w->loop->ops->watch_free(w);
}

int loop_resolve(struct loop *loop, const char *host, uint16_t port,
		 loop_dns_cb *cb, void *arg, struct loop_dns **rp)
{
	*rp = NULL;
	if (!host || !*host)
		return -EINVAL;
	if (!loop->ops->resolve)
		return -EOPNOTSUPP;
	return loop->ops->resolve(loop, host, port, cb, arg, rp);
}

void loop_resolve_cancel(struct loop_dns *r)
{
	if (r)
		r->loop->ops->resolve_cancel(r);
}
