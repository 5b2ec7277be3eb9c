/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Edits of a configuration at run time: the xl2tpd control FIFO's "a",
 * "z", "r", "w", "c" and "d" change the running configuration the way a
 * reload does. The caller copies the running config (conf_dup), edits the
 * copy, checks it as a whole (conf_validate) and only then makes it the
 * running one: an edit that fails leaves nothing changed.
 *
 * Names are matched as xl2tpd matches them: exactly, else ignoring case
 * when that names one object only.
 *
 * Functions return 0 or a negative errno (-ENOENT: no such object,
 * -EINVAL: the settings are wrong, each reason in errs; -ENOMEM) and do
 * not log.
 */
#ifndef L2TPD_CONF_EDIT_H
#define L2TPD_CONF_EDIT_H

#include <stdbool.h>

#include "conf.h"

/* The file name that messages about an edit's settings carry. */
#define CONF_EDIT_FILE	"xl2tpd-control"

/* A deep copy of c; NULL on ENOMEM. */
struct conf *conf_dup(const struct conf *c);

/*
 * xl2tpd's "add or modify": settings holds xl2tpd.conf lines ("key =
 * value", one a line) for [lac NAME] (lns false) or [lns NAME]. A new
 * section is added; an existing one takes the keys given and keeps the
 * rest, as a section named again in xl2tpd.conf does (range rules such as
 * "ip range" and "lac" add to the rules there are).
 */
int conf_edit_section(struct conf *c, bool lns, const char *name,
		      const char *settings, struct conf_msgs *errs);

/* Removes client (an xl2tpd [lac]) or [lns] name. */
int conf_edit_remove(struct conf *c, bool lns, const char *name);

/*
 * xl2tpd's "c NAME [user [password]]" and "d NAME": the client dials
 * (enabled) or stays down; user and password replace the configured ones
 * when not NULL.
 */
int conf_edit_client(struct conf *c, const char *name, bool enabled,
		     const char *user, const char *password);

/* The client named name as xl2tpd matches it, or NULL. */
const struct conf_client *conf_edit_find_client(const struct conf *c,
						const char *name);

#endif /* L2TPD_CONF_EDIT_H */
