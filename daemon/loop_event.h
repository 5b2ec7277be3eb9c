/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's loop.h implementation on libevent: file descriptors, timers,
 * signals and child exits (a pidfd each, then waitid) on one event_base.
 */
#ifndef L2TPD_LOOP_EVENT_H
#define L2TPD_LOOP_EVENT_H

#include "loop.h"

/*
 * NULL with errno set on failure. libevent delivers signals to one
 * event_base per process: create one of these per process.
 */
struct loop *loop_event_new(void);
/* Runs callbacks until loop_event_stop() or nothing is left to wait for. */
int loop_event_run(struct loop *loop);
/* Makes loop_event_run() return once the running callback is done. */
void loop_event_stop(struct loop *loop);

#endif /* L2TPD_LOOP_EVENT_H */
