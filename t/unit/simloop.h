/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A simulated loop.h for tests: a virtual millisecond clock that moves only
 * when the test says so. Timers fire in deadline order, ties in the order
 * they were armed, so every run of a test is the same run.
 */
#ifndef T_UNIT_SIMLOOP_H
#define T_UNIT_SIMLOOP_H

#include <stdint.h>
#include <sys/types.h>

#include "loop.h"

/* The clock starts at start_ms. Aborts the test when out of memory. */
struct loop *simloop_new(uint64_t start_ms);

/*
 * Fires every timer due within the next ms milliseconds, moving the clock
 * to each one's deadline before its callback, then sets the clock to
 * now + ms. Timers armed by callbacks fire too if due in that span.
 */
void simloop_advance(struct loop *loop, uint64_t ms);

/*
 * Fires timers until none is armed (returns 0, the clock at the last
 * deadline) or the next one lies beyond now + limit_ms (returns
 * -ETIMEDOUT, the clock at now + limit_ms).
 */
int simloop_run_until_idle(struct loop *loop, uint64_t limit_ms);

/* How many timers are armed. */
unsigned int simloop_pending(struct loop *loop);

/* Reports pid's exit with status to its child watcher; -ESRCH if none. */
int simloop_child_exit(struct loop *loop, pid_t pid, int status);

#endif /* T_UNIT_SIMLOOP_H */
