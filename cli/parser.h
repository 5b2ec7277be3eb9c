/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpctl's command line: RouterOS menus, verbs and key=value arguments,
 * parsed by walking token tables (the idea of OpenBSD ikectl's parser.c).
 * Every word may be shortened to a unique prefix; a word that matches
 * nothing, or more than one thing, is quoted and the valid words listed.
 * Property keys come from the configuration schema (conf_keys.h); their
 * values are checked by l2tpd, which owns the schema's value parsing.
 *
 * The same walk lists the words that may come next: bash completion
 * (l2tpctl --complete) cannot disagree with the parser.
 */
#ifndef L2TPD_CLI_PARSER_H
#define L2TPD_CLI_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CLI_ITEMS_MAX	64
#define CLI_PROPS_MAX	48
#define CLI_ERR_MAX	1024

/* A command l2tpctl runs itself, without the daemon. */
#define CLI_IMPORT_XL2TPD	0xf000

struct json_object;

struct cli_prop {
	const char *key;	/* the schema's full name */
	const char *value;	/* as given, maybe empty */
};

struct cli_cmd {
	uint16_t req;		/* CTL_REQ_* or CLI_IMPORT_XL2TPD */
	int obj;		/* enum ctl_obj; -1 for commands */
	bool detail;		/* print detail */
	bool once;		/* monitor ... once */
	const char *file;	/* import-xl2tpd FILE */
	size_t nitems;		/* names or positions, numbers= split */
	char *items[CLI_ITEMS_MAX];
	size_t nprops;
	struct cli_prop props[CLI_PROPS_MAX];
};

/*
 * Parses argv (the words after the options) into *cmd: 0, or -EINVAL
 * with the reason in err (a usage error), or -ENOMEM. cli_cmd_free()
 * afterwards either way.
 */
int cli_parse(int argc, char **argv, struct cli_cmd *cmd, char *err,
	      size_t errlen);
void cli_cmd_free(struct cli_cmd *cmd);

/*
 * The words that may stand at argv[argc - 1] (being typed, maybe empty)
 * after the words before it, one a line; "key=" for properties and
 * "@file" where a file name goes. Nothing when the words before are wrong.
 */
void cli_complete(int argc, char **argv, FILE *out);

/* Every command path with its verbs, a line each. */
void cli_usage(FILE *out);

/* The request body for cmd (lib/ctl.h); NULL on ENOMEM. */
struct json_object *cli_request(const struct cli_cmd *cmd);

#endif /* L2TPD_CLI_PARSER_H */
