/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The event loop, as the engine sees it. Everything that needs the time or a
 * timer gets them here, never from the system clock, so that one engine
 * runs on libevent in the daemon (loop_event.c) and on a simulated clock in
 * the tests (t/unit/simloop.c), where lossy links and 31-second teardown
 * holds play out deterministically in microseconds.
 *
 * Time is a monotonic count of milliseconds with an arbitrary origin.
 * Callbacks run on the loop, one at a time; a callback may arm, cancel or
 * free any timer or watcher, its own included.
 */
#ifndef L2TPD_LOOP_H
#define L2TPD_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

struct loop;
struct timer;
struct loop_watch;

typedef void timer_cb(void *arg);

uint64_t loop_now_ms(struct loop *loop);
/*
 * The system's clock (CLOCK_MONOTONIC, or CLOCK_MONOTONIC_COARSE where a
 * jiffy's resolution will do and a system call would not) in milliseconds:
 * for loop implementations and for measuring how long something took, not
 * for the engine, which keeps to loop_now_ms().
 */
uint64_t loop_clock_ms(clockid_t clock);
/*
 * Frees the loop; every timer and watcher must have been freed first, and
 * every lookup (loop_resolve) answered or cancelled.
 */
void loop_free(struct loop *loop);

/* A timer starts disarmed. NULL when out of memory. */
struct timer *timer_new(struct loop *loop, timer_cb *cb, void *arg);
/* (Re)arms t to fire once, ms from now; an armed timer is moved. */
void timer_arm(struct timer *t, uint64_t ms);
void timer_cancel(struct timer *t);
bool timer_pending(const struct timer *t);
/* Cancels and frees; NULL is allowed. */
void timer_free(struct timer *t);

/*
 * Watchers for the world outside the engine. The simulated loop has no file
 * descriptors or signals and returns -EOPNOTSUPP for those.
 */
#define LOOP_READ	0x1
#define LOOP_WRITE	0x2
/*
 * With LOOP_READ/LOOP_WRITE: served before the other watchers and the
 * timers, and between any two of those. For short requests that other
 * processes wait on (the control and plugin sockets): during a burst of
 * tunnels a pppd that waits for its secret is not kept waiting behind
 * every tunnel's packets.
 */
#define LOOP_URGENT	0x4

typedef void loop_fd_cb(int fd, unsigned int events, void *arg);
typedef void loop_signal_cb(int signo, void *arg);
/* status as from waitpid(2); the watcher is freed after this returns. */
typedef void loop_child_cb(pid_t pid, int status, void *arg);

/* Calls cb whenever fd is ready for any of events (LOOP_READ | LOOP_WRITE). */
int loop_watch_fd(struct loop *loop, int fd, unsigned int events,
		  loop_fd_cb *cb, void *arg, struct loop_watch **wp);
/* Calls cb on the loop, not in the signal handler, each time signo arrives. */
int loop_watch_signal(struct loop *loop, int signo, loop_signal_cb *cb,
		      void *arg, struct loop_watch **wp);
/*
 * Calls cb once when child pid exits, then frees the watcher. Only watched
 * children are reaped, each by itself (never waitpid(-1)): a child that
 * ended before its watcher was set up is still there to be seen. A
 * watcher freed before its child ended still reaps it, silently.
 */
int loop_watch_child(struct loop *loop, pid_t pid, loop_child_cb *cb,
		     void *arg, struct loop_watch **wp);
/*
 * Stops and frees a watcher (not a child watcher whose cb already ran);
 * a child watcher's child is still reaped when it ends.
 */
void loop_watch_free(struct loop_watch *w);

/*
 * Name lookups that do not block the loop (libevent's evdns in the
 * daemon). err is 0 with the first address found, -ENOENT when the name
 * does not exist, -EHOSTUNREACH when the lookup failed; sa lives for the
 * call only. The callback runs once: on the loop, or before
 * loop_resolve() returns (an address, a name from /etc/hosts), in which
 * case *rp is NULL. The simulated loop returns -EOPNOTSUPP.
 */
struct loop_dns;
struct sockaddr;
typedef void loop_dns_cb(int err, const struct sockaddr *sa, unsigned int len,
			 void *arg);

int loop_resolve(struct loop *loop, const char *host, uint16_t port,
		 loop_dns_cb *cb, void *arg, struct loop_dns **rp);
/* Ends a pending lookup without its callback; NULL is allowed. */
void loop_resolve_cancel(struct loop_dns *r);

#endif /* L2TPD_LOOP_H */
