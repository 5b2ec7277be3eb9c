// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <event2/dns.h>
#include <event2/event.h>
#include <event2/util.h>

#include "log.h"
#include "loop_event.h"
#include "loop_impl.h"

/*
 * Two priorities: LOOP_URGENT watchers, and everything else (libevent's
 * default for new events is the middle one, EV_PRIO_NORMAL).
 */
#define EV_PRIO_URGENT	0
#define EV_PRIO_NORMAL	1
#define EV_PRIOS	2

struct ev_loop {
	struct loop base;
	struct event_base *eb;
	/* Child watchers freed before their child ended: they still reap it. */
	LIST_HEAD(, ev_watch) orphans;
	struct evdns_base *dns;	/* created with the first lookup */
};

struct ev_dns {
	struct loop_dns base;
	struct evdns_getaddrinfo_request *req;
	loop_dns_cb *cb;
	void *arg;
};

struct ev_timer {
	struct timer base;
	struct event *ev;
};

struct ev_watch {
	struct loop_watch base;
	struct event *ev;
	int pidfd;		/* child watchers: the child's pidfd */
	LIST_ENTRY(ev_watch) orphan;	/* in orphans once freed by its owner */
};

static struct ev_loop *ev_loop_of(struct loop *loop)
{
	return loop_container_of(loop, struct ev_loop, base);
}

static uint64_t ev_now_ms(struct loop *loop)
{
	return loop_clock_ms(CLOCK_MONOTONIC);
}

/*
 * A callback that holds the loop this long is logged: meanwhile no packet
 * was read and no timer ran, so peers may have retransmitted or given up
 * on us. The coarse clock costs no system call (a jiffy's resolution).
 */
#define EV_STALL_MS	1000

/* When a callback started: the clock, and the time spent logging so far. */
struct ev_mark {
	uint64_t ms, log_ms;
};

static struct ev_mark ev_mark(void)
{
	return (struct ev_mark){ loop_clock_ms(CLOCK_MONOTONIC_COARSE),
				 log_wait_ms() };
}

static void ev_stall(struct ev_mark m, const char *what, long id)
{
	uint64_t ms = loop_clock_ms(CLOCK_MONOTONIC_COARSE) - m.ms;
	unsigned long long log_ms = log_wait_ms() - m.log_ms;
	char where[32] = "";

	if (ms < EV_STALL_MS)
		return;
	if (id >= 0)
		snprintf(where, sizeof(where), " (%ld)", id);
	log_warnx("event loop stalled %llu ms in a %s callback%s, %llu ms of "
		  "it writing log lines", (unsigned long long)ms, what, where,
		  log_ms);
}

static void ev_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ev_mark t0 = ev_mark();

	loop_timer_fire(arg);
	ev_stall(t0, "timer", -1);
}

static struct timer *ev_timer_new(struct loop *loop)
{
	struct ev_timer *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->ev = evtimer_new(ev_loop_of(loop)->eb, ev_timer_cb, &t->base);
	if (!t->ev) {
		free(t);
		errno = ENOMEM;
		return NULL;
	}
	return &t->base;
}

static void ev_timer_arm(struct timer *base, uint64_t ms)
{
	struct ev_timer *t = loop_container_of(base, struct ev_timer, base);
	struct timeval tv = {
		.tv_sec = (time_t)(ms / 1000),
		.tv_usec = (suseconds_t)(ms % 1000) * 1000,
	};

	/*
	 * Adding an initialised timer fails only when libevent cannot grow its
	 * timer heap; like any allocation failure in the main loop, that ends
	 * the daemon rather than leaving a protocol timer silently unarmed.
	 */
	if (evtimer_add(t->ev, &tv))
		fatalx("evtimer_add failed");
}

static void ev_timer_cancel(struct timer *base)
{
	struct ev_timer *t = loop_container_of(base, struct ev_timer, base);

	evtimer_del(t->ev);
}

static bool ev_timer_pending(const struct timer *base)
{
	const struct ev_timer *t =
		loop_container_of(base, const struct ev_timer, base);

	return evtimer_pending(t->ev, NULL);
}

static void ev_timer_free(struct timer *base)
{
	struct ev_timer *t = loop_container_of(base, struct ev_timer, base);

	event_free(t->ev);
	free(t);
}

static void ev_fd_cb(evutil_socket_t fd, short what, void *arg)
{
	struct loop_watch *w = arg;
	unsigned int events = 0;
	struct ev_mark t0;

	if (what & EV_READ)
		events |= LOOP_READ;
	if (what & EV_WRITE)
		events |= LOOP_WRITE;
	t0 = ev_mark();
	w->u.fd.cb(fd, events, w->arg);
	ev_stall(t0, "descriptor", fd);
}

static void ev_signal_cb(evutil_socket_t signo, short what, void *arg)
{
	struct loop_watch *w = arg;
	struct ev_mark t0 = ev_mark();

	w->u.sig.cb((int)signo, w->arg);
	ev_stall(t0, "signal", (long)signo);
}

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* A waitpid(2) status from what waitid(2) said of an ended child. */
static int ev_child_status(const siginfo_t *si)
{
	switch (si->si_code) {
	case CLD_EXITED:
		return (si->si_status & 0xff) << 8;
	case CLD_DUMPED:
		return (si->si_status & 0x7f) | 0x80;
	default:
		return si->si_status & 0x7f;
	}
}

static void ev_watch_release(struct ev_watch *w)
{
	event_free(w->ev);
	close(w->pidfd);
	free(w);
}

/*
 * The child's pidfd is readable: it ended. Only this child is reaped:
 * no waitpid(-1), which would take a child whose watcher is not set up
 * yet (ppp.c starts pppd from another thread and watches it after).
 */
static void ev_child_cb(evutil_socket_t fd, short what, void *arg)
{
	struct ev_watch *w = arg;
	siginfo_t si = { 0 };

	if (waitid((idtype_t)P_PIDFD, (id_t)fd, &si, WEXITED | WNOHANG) < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return;
		/* Not ours to reap after all (ECHILD): said as killed. */
		si.si_code = CLD_KILLED;
		si.si_status = SIGKILL;
	} else if (si.si_pid == 0) {
		return;
	}
	if (w->base.u.child.cb) {
		struct ev_mark t0 = ev_mark();
		pid_t pid = w->base.u.child.pid;

		w->base.u.child.cb(pid, ev_child_status(&si), w->base.arg);
		ev_stall(t0, "child exit", (long)pid);
	} else {
		LIST_REMOVE(w, orphan);
	}
	ev_watch_release(w);
}

/*
 * A pidfd for the child, read when it ends; one that ended already is
 * readable at once, and stays until reaped here.
 */
static int ev_watch_child(struct ev_loop *l, struct ev_watch *w)
{
	w->pidfd = (int)syscall(SYS_pidfd_open, w->base.u.child.pid, 0);
	if (w->pidfd < 0)
		return -errno;
	w->ev = event_new(l->eb, w->pidfd, EV_READ | EV_PERSIST, ev_child_cb,
			  w);
	if (!w->ev || event_add(w->ev, NULL)) {
		if (w->ev)
			event_free(w->ev);
		close(w->pidfd);
		return -ENOMEM;
	}
	return 0;
}

static int ev_watch_event(struct ev_loop *l, struct ev_watch *w)
{
	struct loop_watch *b = &w->base;
	short what = EV_PERSIST;

	if (b->kind == LOOP_WATCH_SIGNAL) {
		w->ev = evsignal_new(l->eb, b->u.sig.signo, ev_signal_cb, b);
	} else {
		if (b->u.fd.events & LOOP_READ)
			what |= EV_READ;
		if (b->u.fd.events & LOOP_WRITE)
			what |= EV_WRITE;
		w->ev = event_new(l->eb, b->u.fd.fd, what, ev_fd_cb, b);
		if (w->ev && (b->u.fd.events & LOOP_URGENT) &&
		    event_priority_set(w->ev, EV_PRIO_URGENT)) {
			event_free(w->ev);
			return -EINVAL;
		}
	}
	if (!w->ev)
		return -ENOMEM;
	if (event_add(w->ev, NULL)) {
		event_free(w->ev);
		return -EINVAL;
	}
	return 0;
}

static int ev_watch_new(struct loop *loop, const struct loop_watch *tmpl,
			struct loop_watch **wp)
{
	struct ev_loop *l = ev_loop_of(loop);
	struct ev_watch *w = calloc(1, sizeof(*w));
	int err;

	if (!w)
		return -ENOMEM;
	w->base = *tmpl;
	if (tmpl->kind == LOOP_WATCH_CHILD)
		err = ev_watch_child(l, w);
	else
		err = ev_watch_event(l, w);
	if (err) {
		free(w);
		return err;
	}
	*wp = &w->base;
	return 0;
}

static void ev_watch_free(struct loop_watch *base)
{
	struct ev_watch *w = loop_container_of(base, struct ev_watch, base);
	struct ev_loop *l = ev_loop_of(base->loop);

	if (base->kind == LOOP_WATCH_CHILD) {
		/* Its child is still reaped when it ends, without a word. */
		base->u.child.cb = NULL;
		LIST_INSERT_HEAD(&l->orphans, w, orphan);
		return;
	}
	event_free(w->ev);
	free(w);
}

static void ev_resolved(int result, struct evutil_addrinfo *res, void *arg)
{
	struct ev_dns *d = arg;

	if (result == EVUTIL_EAI_CANCEL) {
		free(d);
		return;
	}
	if (!result && res)
		d->cb(0, res->ai_addr, (unsigned int)res->ai_addrlen, d->arg);
	else
		d->cb(result == EVUTIL_EAI_NONAME ||
		      result == EVUTIL_EAI_NODATA ? -ENOENT : -EHOSTUNREACH,
		      NULL, 0, d->arg);
	if (res)
		evutil_freeaddrinfo(res);
	free(d);
}

/*
 * The resolver reads /etc/resolv.conf and /etc/hosts once, at the first
 * lookup, and keeps no socket open while nothing is asked.
 */
static int ev_resolve(struct loop *loop, const char *host, uint16_t port,
		      loop_dns_cb *cb, void *arg, struct loop_dns **rp)
{
	struct evutil_addrinfo hints = {
		.ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM,
	};
	struct ev_loop *l = ev_loop_of(loop);
	struct evdns_getaddrinfo_request *req;
	struct ev_dns *d;
	char serv[8];

	if (!l->dns)
		l->dns = evdns_base_new(l->eb, EVDNS_BASE_INITIALIZE_NAMESERVERS |
					EVDNS_BASE_DISABLE_WHEN_INACTIVE);
	d = calloc(1, sizeof(*d));
	if (!l->dns || !d) {
		free(d);
		return -ENOMEM;
	}
	d->base.loop = loop;
	d->cb = cb;
	d->arg = arg;
	snprintf(serv, sizeof(serv), "%u", port);
	/* NULL: the callback ran already and freed d. */
	req = evdns_getaddrinfo(l->dns, host, serv, &hints, ev_resolved, d);
	if (req) {
		d->req = req;
		*rp = &d->base;
	}
	return 0;
}

static void ev_resolve_cancel(struct loop_dns *r)
{
	/* Its callback runs at once with EVUTIL_EAI_CANCEL and frees it. */
	evdns_getaddrinfo_cancel(loop_container_of(r, struct ev_dns, base)->req);
}

static void ev_loop_free(struct loop *loop)
{
	struct ev_loop *l = ev_loop_of(loop);

	/* Cancelled lookups still owe their callback: it frees them. */
	if (l->dns)
		evdns_base_free(l->dns, 1);
	while (!LIST_EMPTY(&l->orphans)) {
		struct ev_watch *w = LIST_FIRST(&l->orphans);

		LIST_REMOVE(w, orphan);
		ev_watch_release(w);
	}
	event_base_free(l->eb);
	free(l);
}

static const struct loop_ops ev_loop_ops = {
	.now_ms = ev_now_ms,
	.free = ev_loop_free,
	.timer_new = ev_timer_new,
	.timer_arm = ev_timer_arm,
	.timer_cancel = ev_timer_cancel,
	.timer_pending = ev_timer_pending,
	.timer_free = ev_timer_free,
	.watch_new = ev_watch_new,
	.watch_free = ev_watch_free,
	.resolve = ev_resolve,
	.resolve_cancel = ev_resolve_cancel,
};

/*
 * Every tunnel has a socket and every session's pppd a connection to the
 * plugin socket: a thousand sessions need more descriptors than the usual
 * soft limit of 1024. libevent waits with epoll, not select(), so the soft
 * limit may go up to the hard one; where it cannot, sessions past the
 * limit fail one by one (EMFILE), as before.
 */
static void ev_raise_nofile(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

struct loop *loop_event_new(void)
{
	struct event_config *cfg = event_config_new();
	struct ev_loop *l = calloc(1, sizeof(*l));

	if (!cfg || !l)
		goto fail;
	LIST_INIT(&l->orphans);
	ev_raise_nofile();
	/*
	 * Not EVENT_BASE_FLAG_PRECISE_TIMER: with it libevent's epoll backend
	 * arms a timerfd, one more system call for nearly every timer change
	 * (ten per session set up). Without it a timer may fire up to one
	 * clock tick before loop_now_ms() reaches its deadline (libevent's
	 * clock may be the coarse monotonic one), nothing to protocol timers
	 * of a second and more.
	 */
	/*
	 * One ordinary callback at a time, then a look for urgent ones: one
	 * wake-up can find hundreds of tunnel sockets ready, each a pppd to
	 * start, and a pppd waiting on the plugin socket meanwhile would
	 * wait for all of them (LOOP_URGENT).
	 */
	if (event_config_set_max_dispatch_interval(cfg, NULL, 1,
						   EV_PRIO_NORMAL))
		goto fail;
	l->eb = event_base_new_with_config(cfg);
	if (!l->eb || event_base_priority_init(l->eb, EV_PRIOS))
		goto fail;
	event_config_free(cfg);
	l->base.ops = &ev_loop_ops;
	return &l->base;
fail:
	if (cfg)
		event_config_free(cfg);
	if (l && l->eb)
		event_base_free(l->eb);
	free(l);
	errno = ENOMEM;
	return NULL;
}

int loop_event_run(struct loop *loop)
{
	return event_base_dispatch(ev_loop_of(loop)->eb) < 0 ? -EIO : 0;
}

void loop_event_stop(struct loop *loop)
{
	event_base_loopbreak(ev_loop_of(loop)->eb);
}
