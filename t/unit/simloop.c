// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/queue.h>

#include "loop_impl.h"
#include "simloop.h"

struct sim_timer {
	struct timer base;
	TAILQ_ENTRY(sim_timer) link;
	uint64_t deadline;
	uint64_t seq;		/* arming order, to break deadline ties */
	bool armed;
};

struct sim_child {
	struct loop_watch base;
	LIST_ENTRY(sim_child) link;
};

struct sim_loop {
	struct loop base;
	uint64_t now;
	uint64_t seq;
	TAILQ_HEAD(, sim_timer) timers;	/* armed ones, by (deadline, seq) */
	LIST_HEAD(, sim_child) children;
};

static struct sim_loop *sim_of(struct loop *loop)
{
	return loop_container_of(loop, struct sim_loop, base);
}

static struct sim_timer *sim_timer_of(const struct timer *t)
{
	return loop_container_of(t, struct sim_timer, base);
}

static uint64_t sim_now_ms(struct loop *loop)
{
	return sim_of(loop)->now;
}

static struct timer *sim_timer_new(struct loop *loop)
{
	struct sim_timer *t = calloc(1, sizeof(*t));

	ck_assert_ptr_nonnull(t);
	return &t->base;
}

static void sim_timer_cancel(struct timer *base)
{
	struct sim_timer *t = sim_timer_of(base);

	if (t->armed)
		TAILQ_REMOVE(&sim_of(base->loop)->timers, t, link);
	t->armed = false;
}

static void sim_timer_arm(struct timer *base, uint64_t ms)
{
	struct sim_loop *l = sim_of(base->loop);
	struct sim_timer *t = sim_timer_of(base), *it;

	sim_timer_cancel(base);
	t->deadline = l->now + ms;
	t->seq = l->seq++;
	t->armed = true;
	/* Later seq than every armed timer: it goes after equal deadlines. */
	TAILQ_FOREACH(it, &l->timers, link) {
		if (it->deadline > t->deadline) {
			TAILQ_INSERT_BEFORE(it, t, link);
			return;
		}
	}
	TAILQ_INSERT_TAIL(&l->timers, t, link);
}

static bool sim_timer_pending(const struct timer *base)
{
	return sim_timer_of(base)->armed;
}

static void sim_timer_free(struct timer *base)
{
	sim_timer_cancel(base);
	free(sim_timer_of(base));
}

static int sim_watch_new(struct loop *loop, const struct loop_watch *tmpl,
			 struct loop_watch **wp)
{
	struct sim_child *c;

	if (tmpl->kind != LOOP_WATCH_CHILD)
		return -EOPNOTSUPP;
	c = calloc(1, sizeof(*c));
	ck_assert_ptr_nonnull(c);
	c->base = *tmpl;
	LIST_INSERT_HEAD(&sim_of(loop)->children, c, link);
	*wp = &c->base;
	return 0;
}

static void sim_watch_free(struct loop_watch *w)
{
	struct sim_child *c = loop_container_of(w, struct sim_child, base);

	LIST_REMOVE(c, link);
	free(c);
}

static void sim_free(struct loop *loop)
{
	struct sim_loop *l = sim_of(loop);

	ck_assert_msg(TAILQ_EMPTY(&l->timers), "simloop freed with armed timers");
	ck_assert_msg(LIST_EMPTY(&l->children), "simloop freed with watchers");
	free(l);
}

static const struct loop_ops sim_ops = {
	.now_ms = sim_now_ms,
	.free = sim_free,
	.timer_new = sim_timer_new,
	.timer_arm = sim_timer_arm,
	.timer_cancel = sim_timer_cancel,
	.timer_pending = sim_timer_pending,
	.timer_free = sim_timer_free,
	.watch_new = sim_watch_new,
	.watch_free = sim_watch_free,
};

struct loop *simloop_new(uint64_t start_ms)
{
	struct sim_loop *l = calloc(1, sizeof(*l));

	ck_assert_ptr_nonnull(l);
	l->base.ops = &sim_ops;
	l->now = start_ms;
	TAILQ_INIT(&l->timers);
	LIST_INIT(&l->children);
	return &l->base;
}

/* Fires the first timer if it is due by until; false if none is. */
static bool sim_fire_next(struct sim_loop *l, uint64_t until)
{
	struct sim_timer *t = TAILQ_FIRST(&l->timers);

	if (!t || t->deadline > until)
		return false;
	TAILQ_REMOVE(&l->timers, t, link);
	t->armed = false;
	l->now = t->deadline;
	/* The callback may re-arm or free t: nothing touches it after. */
	loop_timer_fire(&t->base);
	return true;
}

void simloop_advance(struct loop *loop, uint64_t ms)
{
	struct sim_loop *l = sim_of(loop);
	uint64_t until = l->now + ms;

	while (sim_fire_next(l, until))
		;
	l->now = until;
}

int simloop_run_until_idle(struct loop *loop, uint64_t limit_ms)
{
	struct sim_loop *l = sim_of(loop);
	uint64_t until = l->now + limit_ms;

	while (sim_fire_next(l, until))
		;
	if (TAILQ_EMPTY(&l->timers))
		return 0;
	l->now = until;
	return -ETIMEDOUT;
}

unsigned int simloop_pending(struct loop *loop)
{
	struct sim_timer *t;
	unsigned int n = 0;

	TAILQ_FOREACH(t, &sim_of(loop)->timers, link)
		n++;
	return n;
}

int simloop_child_exit(struct loop *loop, pid_t pid, int status)
{
	struct sim_child *c;

	LIST_FOREACH(c, &sim_of(loop)->children, link) {
		if (c->base.u.child.pid == pid) {
			LIST_REMOVE(c, link);
			c->base.u.child.cb(pid, status, c->base.arg);
			free(c);
			return 0;
		}
	}
	return -ESRCH;
}
