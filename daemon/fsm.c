// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stddef.h>

#include "fsm.h"
#include "log.h"

const char *fsm_state_name(const struct fsm_table *tbl, uint8_t state)
{
	return state < tbl->nstates ? tbl->states[state] : "?";
}

const char *fsm_event_name(const struct fsm_table *tbl, uint8_t event)
{
	return event < tbl->nevents ? tbl->events[event] : "?";
}

/* Tables hold a few dozen rows: a scan costs less than an index would. */
static const struct fsm_row *fsm_find(const struct fsm_table *tbl,
				      uint8_t state, uint8_t event)
{
	unsigned int i;

	for (i = 0; i < tbl->nrows; i++)
		if (tbl->rows[i].state == state && tbl->rows[i].event == event)
			return &tbl->rows[i];
	return NULL;
}

bool fsm_has_row(const struct fsm_table *tbl, uint8_t state, uint8_t event)
{
	return fsm_find(tbl, state, event) != NULL;
}

int fsm_run(const struct fsm_table *tbl, uint32_t *hits, uint8_t *state,
	    uint8_t event, void *obj, void *ctx, uint16_t tid, uint16_t sid)
{
	const struct fsm_row *row = fsm_find(tbl, *state, event);
	int err = 0;

	if (!row) {
		log_debug("%s %u/%u: %s: no row for %s", tbl->name, tid, sid,
			  fsm_state_name(tbl, *state),
			  fsm_event_name(tbl, event));
		return -ENOENT;
	}
	if (hits)
		hits[row - tbl->rows]++;
	log_debug("%s %u/%u: %s --%s--> %s", tbl->name, tid, sid,
		  fsm_state_name(tbl, row->state), fsm_event_name(tbl, event),
		  fsm_state_name(tbl, row->next));
	if (row->action)
		err = row->action(obj, ctx);
	if (err) {
		log_debug("%s %u/%u: %s failed: %s", tbl->name, tid, sid,
			  fsm_event_name(tbl, event),
			  fsm_state_name(tbl, tbl->fail_state));
		*state = tbl->fail_state;
		return err;
	}
	*state = row->next;
	return 0;
}
