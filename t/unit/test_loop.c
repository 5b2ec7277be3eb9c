// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * loop.h on both implementations: the simulated clock the engine tests run
 * on, and the libevent loop the daemon runs on (real time, real fds,
 * signals and children, so its waits are kept short).
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loop_event.h"
#include "simloop.h"
#include "suites.h"

/* Records which timer fired when. */
struct fired {
	struct loop *loop;
	int order[8];
	uint64_t at[8];
	int n;
};

struct tmark {
	struct fired *f;
	int id;
};

static void mark_cb(void *arg)
{
	struct tmark *m = arg;

	ck_assert_int_lt(m->f->n, 8);
	m->f->at[m->f->n] = loop_now_ms(m->f->loop);
	m->f->order[m->f->n++] = m->id;
}

START_TEST(test_sim_deadline_order)
{
	struct fired f = { .loop = simloop_new(1000) };
	struct tmark m[4] = { { &f, 0 }, { &f, 1 }, { &f, 2 }, { &f, 3 } };
	struct timer *t[4];
	int i;

	for (i = 0; i < 4; i++)
		t[i] = timer_new(f.loop, mark_cb, &m[i]);
	timer_arm(t[0], 300);
	timer_arm(t[1], 100);
	timer_arm(t[2], 300);	/* same deadline as t[0], armed later */
	timer_arm(t[3], 50);
	timer_arm(t[3], 400);	/* re-arming moves it */
	ck_assert_uint_eq(simloop_pending(f.loop), 4);
	ck_assert(timer_pending(t[1]));
	simloop_advance(f.loop, 99);
	ck_assert_int_eq(f.n, 0);
	ck_assert_uint_eq(loop_now_ms(f.loop), 1099);
	simloop_advance(f.loop, 1000);
	ck_assert_int_eq(f.n, 4);
	ck_assert_int_eq(f.order[0], 1);
	ck_assert_int_eq(f.order[1], 0);
	ck_assert_int_eq(f.order[2], 2);
	ck_assert_int_eq(f.order[3], 3);
	ck_assert_uint_eq(f.at[0], 1100);
	ck_assert_uint_eq(f.at[1], 1300);
	ck_assert_uint_eq(f.at[3], 1400);
	ck_assert_uint_eq(loop_now_ms(f.loop), 2099);
	ck_assert(!timer_pending(t[1]));
	for (i = 0; i < 4; i++)
		timer_free(t[i]);
	loop_free(f.loop);
}
END_TEST

START_TEST(test_sim_cancel_free)
{
	struct fired f = { .loop = simloop_new(0) };
	struct tmark m = { &f, 7 };
	struct timer *a = timer_new(f.loop, mark_cb, &m);
	struct timer *b = timer_new(f.loop, mark_cb, &m);

	timer_arm(a, 10);
	timer_arm(b, 20);
	timer_cancel(a);
	ck_assert(!timer_pending(a));
	timer_free(b);		/* armed: freeing disarms it */
	ck_assert_uint_eq(simloop_pending(f.loop), 0);
	ck_assert_int_eq(simloop_run_until_idle(f.loop, 1000), 0);
	ck_assert_int_eq(f.n, 0);
	timer_free(a);
	timer_free(NULL);
	loop_free(f.loop);
}
END_TEST

/* A timer that re-arms itself from its callback, five times. */
struct periodic {
	struct loop *loop;
	struct timer *t;
	int runs;
	uint64_t last;
};

static void periodic_cb(void *arg)
{
	struct periodic *p = arg;

	p->last = loop_now_ms(p->loop);
	if (++p->runs < 5)
		timer_arm(p->t, 250);
}

START_TEST(test_sim_rearm_in_callback)
{
	struct periodic p = { .loop = simloop_new(0) };

	p.t = timer_new(p.loop, periodic_cb, &p);
	timer_arm(p.t, 250);
	/* Callbacks' own timers fire within the same advance when due. */
	simloop_advance(p.loop, 600);
	ck_assert_int_eq(p.runs, 2);
	ck_assert_int_eq(simloop_run_until_idle(p.loop, 250), -ETIMEDOUT);
	ck_assert_int_eq(p.runs, 3);
	ck_assert_uint_eq(loop_now_ms(p.loop), 850);
	ck_assert_int_eq(simloop_run_until_idle(p.loop, 10000), 0);
	ck_assert_int_eq(p.runs, 5);
	ck_assert_uint_eq(p.last, 1250);
	ck_assert_uint_eq(loop_now_ms(p.loop), 1250);
	timer_free(p.t);
	loop_free(p.loop);
}
END_TEST

struct child_seen {
	pid_t pid;
	int status;
	int calls;
	struct loop *loop;
};

static void child_cb(pid_t pid, int status, void *arg)
{
	struct child_seen *c = arg;

	c->pid = pid;
	c->status = status;
	c->calls++;
	if (c->loop)
		loop_event_stop(c->loop);
}

START_TEST(test_sim_watchers)
{
	struct loop *loop = simloop_new(0);
	struct child_seen c = { 0 };
	struct loop_watch *w;

	ck_assert_int_eq(loop_watch_fd(loop, 0, LOOP_READ, NULL, NULL, &w),
			 -EOPNOTSUPP);
	ck_assert_int_eq(loop_watch_signal(loop, SIGHUP, NULL, NULL, &w),
			 -EOPNOTSUPP);
	ck_assert_int_eq(loop_watch_child(loop, 4242, child_cb, &c, &w), 0);
	ck_assert_int_eq(simloop_child_exit(loop, 4243, 0), -ESRCH);
	ck_assert_int_eq(simloop_child_exit(loop, 4242, 3 << 8), 0);
	ck_assert_int_eq(c.calls, 1);
	ck_assert_int_eq(c.pid, 4242);
	ck_assert_int_eq(WEXITSTATUS(c.status), 3);
	ck_assert_int_eq(simloop_child_exit(loop, 4242, 0), -ESRCH);
	ck_assert_int_eq(loop_watch_child(loop, 1, child_cb, &c, &w), 0);
	loop_watch_free(w);
	loop_free(loop);
}
END_TEST

static void stop_cb(void *arg)
{
	loop_event_stop(arg);
}

START_TEST(test_event_timer)
{
	struct loop *loop = loop_event_new();
	struct timer *t, *guard;
	uint64_t start;

	ck_assert_ptr_nonnull(loop);
	t = timer_new(loop, stop_cb, loop);
	guard = timer_new(loop, stop_cb, loop);
	timer_arm(guard, 5000);
	start = loop_now_ms(loop);
	timer_arm(t, 30);
	ck_assert(timer_pending(t));
	ck_assert_int_eq(loop_event_run(loop), 0);
	ck_assert(!timer_pending(t));
	ck_assert_uint_ge(loop_now_ms(loop) - start, 30);
	ck_assert_uint_lt(loop_now_ms(loop) - start, 4000);
	timer_cancel(guard);
	ck_assert(!timer_pending(guard));
	timer_free(t);
	timer_free(guard);
	loop_free(loop);
}
END_TEST

struct fd_seen {
	struct loop *loop;
	unsigned int events;
	char byte;
};

static void fd_cb(int fd, unsigned int events, void *arg)
{
	struct fd_seen *s = arg;

	s->events = events;
	ck_assert_int_eq(read(fd, &s->byte, 1), 1);
	loop_event_stop(s->loop);
}

START_TEST(test_event_fd)
{
	struct fd_seen s = { .loop = loop_event_new() };
	struct loop_watch *w;
	struct timer *guard;
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	ck_assert_int_eq(loop_watch_fd(s.loop, sv[0], LOOP_READ, fd_cb, &s, &w), 0);
	ck_assert_int_eq(loop_watch_fd(s.loop, sv[0], 0, fd_cb, &s, &w), -EINVAL);
	guard = timer_new(s.loop, stop_cb, s.loop);
	timer_arm(guard, 5000);
	ck_assert_int_eq(write(sv[1], "x", 1), 1);
	ck_assert_int_eq(loop_event_run(s.loop), 0);
	ck_assert_uint_eq(s.events, LOOP_READ);
	ck_assert_int_eq(s.byte, 'x');
	loop_watch_free(w);
	timer_free(guard);
	close(sv[0]);
	close(sv[1]);
	loop_free(s.loop);
}
END_TEST

START_TEST(test_event_child)
{
	struct child_seen c = { .loop = loop_event_new() };
	struct loop_watch *w;
	struct timer *guard;
	pid_t pid;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(7);
	/* Likely exited already: the watcher must still hear of it. */
	usleep(20000);
	ck_assert_int_eq(loop_watch_child(c.loop, pid, child_cb, &c, &w), 0);
	guard = timer_new(c.loop, stop_cb, c.loop);
	timer_arm(guard, 5000);
	ck_assert_int_eq(loop_event_run(c.loop), 0);
	ck_assert_int_eq(c.calls, 1);
	ck_assert_int_eq(c.pid, pid);
	ck_assert(WIFEXITED(c.status));
	ck_assert_int_eq(WEXITSTATUS(c.status), 7);
	timer_free(guard);
	loop_free(c.loop);
}
END_TEST

struct sig_seen {
	struct loop *loop;
	int signo;
};

static void sig_cb(int signo, void *arg)
{
	struct sig_seen *s = arg;

	s->signo = signo;
	loop_event_stop(s->loop);
}

static void raise_cb(void *arg)
{
	raise(SIGUSR1);
}

START_TEST(test_event_signal)
{
	struct sig_seen s = { .loop = loop_event_new() };
	struct loop_watch *w;
	struct timer *t, *guard;

	ck_assert_int_eq(loop_watch_signal(s.loop, SIGUSR1, sig_cb, &s, &w), 0);
	t = timer_new(s.loop, raise_cb, NULL);
	guard = timer_new(s.loop, stop_cb, s.loop);
	timer_arm(t, 1);
	timer_arm(guard, 5000);
	ck_assert_int_eq(loop_event_run(s.loop), 0);
	ck_assert_int_eq(s.signo, SIGUSR1);
	loop_watch_free(w);
	timer_free(t);
	timer_free(guard);
	loop_free(s.loop);
}
END_TEST

struct dns_seen {
	struct loop *loop;
	int calls, err, family;
	struct sockaddr_in sin;
};

static void dns_cb(int err, const struct sockaddr *sa, unsigned int len,
		   void *arg)
{
	struct dns_seen *s = arg;

	s->calls++;
	s->err = err;
	if (!err) {
		s->family = sa->sa_family;
		if (sa->sa_family == AF_INET && len >= sizeof(s->sin))
			memcpy(&s->sin, sa, sizeof(s->sin));
	}
	loop_event_stop(s->loop);
}

/* An address answers at once: no lookup, no wait on the loop. */
START_TEST(test_event_resolve_address)
{
	struct dns_seen s = { .loop = loop_event_new() };
	struct loop_dns *r = (struct loop_dns *)&s;

	ck_assert_ptr_nonnull(s.loop);
	ck_assert_int_eq(loop_resolve(s.loop, "192.0.2.5", 1701, dns_cb, &s,
				      &r), 0);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(s.calls, 1);
	ck_assert_int_eq(s.err, 0);
	ck_assert_int_eq(s.family, AF_INET);
	ck_assert_uint_eq(ntohs(s.sin.sin_port), 1701);
	ck_assert_uint_eq(ntohl(s.sin.sin_addr.s_addr), 0xc0000205);
	ck_assert_int_eq(loop_resolve(s.loop, "", 1701, dns_cb, &s, &r),
			 -EINVAL);
	loop_free(s.loop);
}
END_TEST

/*
 * A name is looked up on the loop: cancelled, its callback never runs
 * (.invalid names exist nowhere, RFC 2606; the answer, if one came at
 * once, is a failure).
 */
START_TEST(test_event_resolve_cancel)
{
	struct dns_seen s = { .loop = loop_event_new() };
	struct timer *t;
	struct loop_dns *r;

	ck_assert_ptr_nonnull(s.loop);
	ck_assert_int_eq(loop_resolve(s.loop, "l2tpd-test.invalid", 1701,
				      dns_cb, &s, &r), 0);
	if (!r) {
		ck_assert_int_eq(s.calls, 1);
		ck_assert_int_ne(s.err, 0);
		loop_free(s.loop);
		return;
	}
	ck_assert_int_eq(s.calls, 0);
	loop_resolve_cancel(r);
	t = timer_new(s.loop, stop_cb, s.loop);
	timer_arm(t, 50);
	ck_assert_int_eq(loop_event_run(s.loop), 0);
	ck_assert_int_eq(s.calls, 0);
	timer_free(t);
	loop_free(s.loop);
}
END_TEST

START_TEST(test_sim_resolve)
{
	struct loop *loop = simloop_new(0);
	struct loop_dns *r;

	ck_assert_int_eq(loop_resolve(loop, "192.0.2.5", 1701, dns_cb, NULL,
				      &r), -EOPNOTSUPP);
	ck_assert_ptr_null(r);
	loop_free(loop);
}
END_TEST

Suite *suite_loop(void)
{
	Suite *s = suite_create("loop");
	TCase *sim = tcase_create("simloop");
	TCase *ev = tcase_create("event");

	tcase_add_test(sim, test_sim_deadline_order);
	tcase_add_test(sim, test_sim_cancel_free);
	tcase_add_test(sim, test_sim_rearm_in_callback);
	tcase_add_test(sim, test_sim_watchers);
	tcase_add_test(ev, test_event_timer);
	tcase_add_test(ev, test_event_fd);
	tcase_add_test(ev, test_event_child);
	tcase_add_test(ev, test_event_signal);
	tcase_add_test(ev, test_event_resolve_address);
	tcase_add_test(ev, test_event_resolve_cancel);
	tcase_add_test(sim, test_sim_resolve);
	suite_add_tcase(s, sim);
	suite_add_tcase(s, ev);
	return s;
}
