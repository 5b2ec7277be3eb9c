/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The property names an operator may give as key=value to l2tpctl, per
 * object, read from the schema tables (conf_schema.c) so that the CLI,
 * its completion and the configuration cannot disagree on a name.
 */
#ifndef L2TPD_CONF_KEYS_H
#define L2TPD_CONF_KEYS_H

#include <stddef.h>

/* The objects of struct conf that l2tpctl edits. */
enum conf_kind {
	CONF_KIND_SERVER,	/* interface l2tp-server server */
	CONF_KIND_SERVER_IF,	/* interface l2tp-server */
	CONF_KIND_SECRET,	/* ppp secret */
	CONF_KIND_PROFILE,	/* ppp profile */
	CONF_KIND_POOL,		/* ip pool */
	CONF_KIND_CLIENT,	/* interface l2tp-client */
	CONF_KIND_MAX,
};

#define CONF_KEY_NAME		0x1	/* the object's name */
#define CONF_KEY_REQUIRED	0x2	/* add needs it */
#define CONF_KEY_SECRET		0x4	/* a password */

/*
 * The i-th settable property of kind (scalars and lists, not nested
 * groups or internal ones), with CONF_KEY_* in *flags when flags is not
 * NULL; NULL past the last.
 */
const char *conf_key(enum conf_kind kind, size_t i, unsigned *flags);

#endif /* L2TPD_CONF_KEYS_H */
