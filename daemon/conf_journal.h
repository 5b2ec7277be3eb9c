/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The journal of l2tpctl's changes: what add, set, remove, enable and
 * disable did to the running configuration, kept in the state directory
 * (l2tpd --state-dir, /var/lib/l2tpd by default) so that it survives a
 * restart without l2tpd ever rewriting the operator's l2tpd.conf.
 *
 * One record a line, each a JSON object as l2tpctl's request body plus
 * its verb (lib/ctl.h):
 *
 *   {"verb": "add", "object": "interface l2tp-client", "items": [],
 *    "props": {"name": "c1", "connect-to": "192.0.2.1", ...}}
 *
 * with items as names, never positions. Records are appended (O_APPEND,
 * fsync), so a crash leaves at most one torn last line. At start and on
 * every reload the records are made again, in order, after the main
 * configuration was read: each one on a copy, kept only when the result
 * validates. A record that no longer applies (its object is gone from
 * l2tpd.conf, a torn line) is skipped with its file and line; it never
 * stops l2tpd. Lines that are empty or start with '#' are ignored.
 *
 * Functions return 0 or a negative errno and do not log.
 */
#ifndef L2TPD_CONF_JOURNAL_H
#define L2TPD_CONF_JOURNAL_H

#include <stddef.h>

#include "conf.h"
#include "conf_ctl.h"

struct json_object;

/* The journal's file in the state directory. */
#define CONF_JOURNAL_FILE	"l2tpctl.journal"

/*
 * Reads a record, or a request body when verb is not negative (then
 * "verb" is not read): -EINVAL when it is not one. e's strings point
 * into o.
 */
int conf_journal_decode(struct json_object *o, int verb,
			struct conf_ctl_edit *e);

/* Appends e as a record to path, creating it (mode 0600). */
int conf_journal_append(const char *path, const struct conf_ctl_edit *e);

/*
 * Makes path's records again on *c (replaced by the edited copy after
 * each record that applies). The problems of each skipped record are in
 * msgs, the last one "record skipped". 0 also when path does not exist;
 * *applied and *skipped count the records.
 */
int conf_journal_replay(const char *path, struct conf **c,
			struct conf_msgs *msgs, size_t *applied,
			size_t *skipped);

#endif /* L2TPD_CONF_JOURNAL_H */
