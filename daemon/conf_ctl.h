/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpctl's edits of a configuration: RouterOS's add, set, remove, enable
 * and disable of /interface l2tp-client, /interface l2tp-server [server],
 * /ppp secret, /ppp profile and /ip pool, with key=value properties.
 *
 * The properties are written as an l2tpd.conf fragment and read by
 * l2tpd.conf's own parser (conf_parse.c), then merged into the edited
 * configuration (conf_edit.c): a value means exactly what it means in the
 * file and a bad one gets the file's message. The caller edits a copy
 * (conf_dup), checks it as a whole (conf_validate) and only then makes it
 * the running one, as a reload does.
 *
 * An edit is also a record of the journal that keeps l2tpctl's changes
 * across restarts (conf_journal.h): items there are names, never
 * positions, so conf_ctl_resolve() turns positions into names first.
 *
 * Functions return 0 or a negative errno (-ENOENT: no such object,
 * -EEXIST: add of a name there is, -EINVAL: wrong settings, each reason in
 * errs as "FILE:LINE: PATH: TEXT 'VALUE'"; -ENOMEM) and do not log.
 */
#ifndef L2TPD_CONF_CTL_H
#define L2TPD_CONF_CTL_H

#include <stddef.h>

#include "conf.h"
#include "conf_keys.h"

#define CONF_CTL_ITEMS_MAX	64
#define CONF_CTL_PROPS_MAX	48
/* The file name messages about an edit from l2tpctl's socket carry. */
#define CONF_CTL_FILE		"l2tpctl"

enum conf_ctl_verb {
	CONF_CTL_ADD,
	CONF_CTL_SET,
	CONF_CTL_REMOVE,
	CONF_CTL_ENABLE,
	CONF_CTL_DISABLE,
	CONF_CTL_VERB_MAX,
};

struct conf_ctl_prop {
	const char *key;	/* the schema's name */
	const char *value;	/* as l2tpctl took it; "" unsets */
};

/* One edit; the strings are the caller's. */
struct conf_ctl_edit {
	enum conf_ctl_verb verb;
	enum conf_kind kind;
	size_t nitems;		/* set (not the server), remove, enable... */
	const char *items[CONF_CTL_ITEMS_MAX];	/* names or positions */
	size_t nprops;		/* add, set */
	struct conf_ctl_prop props[CONF_CTL_PROPS_MAX];
};

/* "add", ...; "interface l2tp-client", ... (l2tpctl's words). */
const char *conf_ctl_verb_name(enum conf_ctl_verb v);
const char *conf_ctl_kind_name(enum conf_kind k);
/* The verb or kind so named, or -ENOENT. */
int conf_ctl_verb_lookup(const char *name);
int conf_ctl_kind_lookup(const char *name);

/*
 * The name of item of kind in c: item itself when it names an object, the
 * object's at that position of print's order when it is a decimal number;
 * NULL when there is none.
 */
const char *conf_ctl_resolve(const struct conf *c, enum conf_kind kind,
			     const char *item);

/*
 * Makes e on c. Messages name file and line (l2tpctl: CONF_CTL_FILE and
 * 1; the journal: its path and the record's line). On error c may be
 * partly changed: edit a copy.
 */
int conf_ctl_apply(struct conf *c, const struct conf_ctl_edit *e,
		   const char *file, unsigned line, struct conf_msgs *errs);

#endif /* L2TPD_CONF_CTL_H */
