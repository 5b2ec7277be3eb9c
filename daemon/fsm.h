/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One dispatcher for every state machine of the engine (RFC 2661 §7): a
 * machine is a const table of rows {state, event, action, next}, as the
 * RFC writes them. The dispatcher finds the row, counts it, logs the
 * transition by name at debug level and runs the action. It knows no
 * protocol: what to answer when no row matches is the caller's business
 * (tunnel.c answers a received message with StopCCN, session.c with CDN).
 */
#ifndef L2TPD_FSM_H
#define L2TPD_FSM_H

#include <stdbool.h>
#include <stdint.h>

/*
 * An action gets the object and the event's context. It returns 0, or a
 * negative error when it could not do its part (no memory, the data
 * plane refused): the object then goes to the table's fail_state instead
 * of the row's next state, and the action has already answered the peer.
 */
typedef int fsm_action(void *obj, void *ctx);

struct fsm_row {
	uint8_t state;
	uint8_t event;
	fsm_action *action;	/* NULL: the row only changes state */
	uint8_t next;
};

struct fsm_table {
	const char *name;		/* "tunnel", "LAC incoming call", ... */
	const struct fsm_row *rows;
	unsigned int nrows;
	const char *const *states;	/* names, indexed by state */
	unsigned int nstates;
	const char *const *events;	/* names, indexed by event */
	unsigned int nevents;
	uint8_t fail_state;
};

/*
 * Runs event on an object in *state. hits (nrows counters, or NULL)
 * counts the row taken; tid and sid name the object in the log (sid 0:
 * a tunnel). Returns 0 (the row's next state is set), the action's
 * error (fail_state is set) or -ENOENT when no row matches (nothing
 * changes).
 */
int fsm_run(const struct fsm_table *tbl, uint32_t *hits, uint8_t *state,
	    uint8_t event, void *obj, void *ctx, uint16_t tid, uint16_t sid);

/* Whether tbl has a row for (state, event). */
bool fsm_has_row(const struct fsm_table *tbl, uint8_t state, uint8_t event);

const char *fsm_state_name(const struct fsm_table *tbl, uint8_t state);
const char *fsm_event_name(const struct fsm_table *tbl, uint8_t event);

#endif /* L2TPD_FSM_H */
