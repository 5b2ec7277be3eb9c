/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What l2tpctl prints of the daemon's reply frames: a RouterOS-like table
 * with flags, "print detail" with every property, key: value blocks
 * (the server's settings, monitor), or JSON whose keys are the column
 * names (-j). JSON rows are written as they arrive; a text table waits
 * for its last row to know its column widths.
 */
#ifndef L2TPD_CLI_OUTPUT_H
#define L2TPD_CLI_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "parser.h"

struct json_object;

struct out {
	FILE *f;
	const struct cli_cmd *cmd;
	bool json;
	size_t nrows;			/* rows seen */
	struct json_object **rows;	/* kept for a text table */
	size_t cap;
};

void out_init(struct out *o, FILE *f, const struct cli_cmd *cmd, bool json);
/* One row; -ENOMEM when it cannot be kept. */
int out_row(struct out *o, struct json_object *row);
void out_text(struct out *o, const void *text, size_t len);
/* The request ended well: the table, the closing bracket. */
void out_end(struct out *o);
void out_free(struct out *o);

/* The keys an object's text table shows; NULL: key: value lines. */
const char *const *out_columns(int obj);

/* A value as text: yes/no, "1h2m3s" for uptime, lists comma-separated. */
void out_value(const char *key, struct json_object *v, char *buf, size_t len);

#endif /* L2TPD_CLI_OUTPUT_H */
