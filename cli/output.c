// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpctl's output (output.h). The columns of each object's table are the
 * keys of its rows: the JSON of -j and the text headers (upper-cased)
 * name the same things.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "ctl.h"
#include "output.h"

#define VALUE_MAX	512
#define WRAP		79

static const char *const client_cols[] = {
	"name", "connect-to", "user", "profile", NULL
};
static const char *const server_if_cols[] = { "name", "user", "comment", NULL };
static const char *const secret_cols[] = {
	"name", "service", "caller-id", "password", "profile",
	"remote-address", NULL
};
static const char *const profile_cols[] = {
	"name", "local-address", "remote-address", NULL
};
static const char *const active_cols[] = {
	"name", "service", "caller-id", "address", "uptime", NULL
};
static const char *const pool_cols[] = { "name", "ranges", "next-pool", NULL };
static const char *const tunnel_cols[] = {
	"tunnel-id", "peer-tunnel-id", "local-address", "local-port",
	"peer-address", "peer-port", "peer-host-name", "state", "sessions",
	"uptime", NULL
};
static const char *const session_cols[] = {
	"tunnel-id", "session-id", "peer-tunnel-id", "peer-session-id",
	"peer-address", "user", "interface", "state", "uptime", "rx-bytes",
	"tx-bytes", "rx-packets", "tx-packets", NULL
};

/* RouterOS's flags: a letter in front of a row when its key is true. */
static const struct flag {
	char letter;
	const char *key;
} flag_defs[] = {
	{ 'X', "disabled" },
	{ 'D', "dynamic" },
	{ 'R', "running" },
	{ '*', "default" },
};

#define NFLAGS	(sizeof(flag_defs) / sizeof(flag_defs[0]))

static const struct view {
	const char *const *cols;	/* NULL: key: value lines */
	const char *flags;		/* the letters this object shows */
} views[CTL_OBJ_MAX] = {
	[CTL_OBJ_CLIENT] = { client_cols, "XR" },
	[CTL_OBJ_SERVER] = { NULL, "" },
	[CTL_OBJ_SERVER_IF] = { server_if_cols, "XDR" },
	[CTL_OBJ_SECRET] = { secret_cols, "X" },
	[CTL_OBJ_PROFILE] = { profile_cols, "*" },
	[CTL_OBJ_ACTIVE] = { active_cols, "" },
	[CTL_OBJ_POOL] = { pool_cols, "" },
	[CTL_OBJ_TUNNEL] = { tunnel_cols, "" },
	[CTL_OBJ_SESSION] = { session_cols, "" },
};

const char *const *out_columns(int obj)
{
	return (unsigned)obj < CTL_OBJ_MAX ? views[obj].cols : NULL;
}

void out_init(struct out *o, FILE *f, const struct cli_cmd *cmd, bool json)
{
	memset(o, 0, sizeof(*o));
	o->f = f;
	o->cmd = cmd;
	o->json = json;
}

static void duration(int64_t s, char *buf, size_t len)
{
	size_t off = 0;

	if (s >= 86400)
		off += (size_t)snprintf(buf, len, "%" PRId64 "d", s / 86400);
	if (s >= 3600 && off < len)
		off += (size_t)snprintf(buf + off, len - off, "%" PRId64 "h",
					s / 3600 % 24);
	if (s >= 60 && off < len)
		off += (size_t)snprintf(buf + off, len - off, "%" PRId64 "m",
					s / 60 % 60);
	if (off < len)
		snprintf(buf + off, len - off, "%" PRId64 "s", s % 60);
}

/*
 * A string as the terminal may see it: a peer's Host Name or user name
 * comes off the wire, and control characters in it (escape sequences) are
 * shown as \xNN instead of being obeyed.
 */
static void printable(const char *s, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = 0;
	for (; *s && off + 5 <= len; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch < 0x20 || ch == 0x7f)
			off += (size_t)snprintf(buf + off, len - off, "\\x%02x",
						ch);
		else
			buf[off++] = (char)ch;
	}
	buf[off] = 0;
}

void out_value(const char *key, struct json_object *v, char *buf, size_t len)
{
	char item[VALUE_MAX];
	size_t i, off = 0;

	buf[0] = 0;
	switch (json_object_get_type(v)) {
	case json_type_null:
		break;
	case json_type_boolean:
		snprintf(buf, len, "%s", json_object_get_boolean(v) ? "yes" : "no");
		break;
	case json_type_int:
		if (!strcmp(key, "uptime"))
			duration(json_object_get_int64(v), buf, len);
		else
			snprintf(buf, len, "%" PRId64, json_object_get_int64(v));
		break;
	case json_type_array:
		for (i = 0; i < json_object_array_length(v) && off < len; i++) {
			out_value(key, json_object_array_get_idx(v, i), item,
				  sizeof(item));
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
						i ? "," : "", item);
		}
		break;
	case json_type_string:
		printable(json_object_get_string(v), buf, len);
		break;
	default:
		snprintf(buf, len, "%s", json_object_to_json_string_ext(v,
			 JSON_C_TO_STRING_PLAIN));
		break;
	}
}

static bool is_flag_key(const char *key)
{
	size_t i;

	/* "disabled" is a property too: detail shows it as one. */
	for (i = 1; i < NFLAGS; i++)
		if (!strcmp(flag_defs[i].key, key))
			return true;
	return false;
}

static void row_flags(const struct view *v, struct json_object *row,
		      char *buf)
{
	struct json_object *b;
	size_t i, n = 0;

	for (i = 0; i < NFLAGS; i++) {
		if (!strchr(v->flags, flag_defs[i].letter))
			continue;
		buf[n++] = json_object_object_get_ex(row, flag_defs[i].key, &b) &&
			json_object_get_boolean(b) ? flag_defs[i].letter : ' ';
	}
	buf[n] = 0;
}

static void legend(struct out *o, const struct view *v)
{
	const char *sep = "Flags: ";
	size_t i;

	for (i = 0; i < NFLAGS; i++) {
		if (!strchr(v->flags, flag_defs[i].letter))
			continue;
		fprintf(o->f, "%s%c - %s", sep, flag_defs[i].letter,
			flag_defs[i].key);
		sep = ", ";
	}
	if (*v->flags)
		fputc('\n', o->f);
}

/* Right-aligned keys, as RouterOS prints one object's settings. */
static void print_block(struct out *o, struct json_object *row)
{
	char val[VALUE_MAX];
	size_t w = 0;

	json_object_object_foreach(row, k, v) {
		(void)v;
		if (strlen(k) > w)
			w = strlen(k);
	}
	json_object_object_foreach(row, key, val_o) {
		out_value(key, val_o, val, sizeof(val));
		fprintf(o->f, "  %*s: %s\n", (int)w, key, val);
	}
}

static bool needs_quotes(const char *s)
{
	if (!*s)
		return true;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || strchr("\"=;\\", *s))
			return true;
	return false;
}

/* key=value, quoted as RouterOS does when the value needs it. */
static void format_pair(const char *key, struct json_object *v, char *buf,
			size_t len)
{
	char val[VALUE_MAX], q[2 * VALUE_MAX];
	size_t i, n = 0;

	out_value(key, v, val, sizeof(val));
	if (!json_object_is_type(v, json_type_string) || !needs_quotes(val)) {
		snprintf(buf, len, "%s=%s", key, val);
		return;
	}
	for (i = 0; val[i] && n < sizeof(q) - 2; i++) {
		if (val[i] == '"' || val[i] == '\\')
			q[n++] = '\\';
		q[n++] = val[i];
	}
	q[n] = 0;
	snprintf(buf, len, "%s=\"%s\"", key, q);
}

static void print_detail(struct out *o, const struct view *v, size_t idx,
			 struct json_object *row)
{
	char flags[NFLAGS + 1], pair[3 * VALUE_MAX];
	int indent, col;

	row_flags(v, row, flags);
	indent = fprintf(o->f, "%2zu %s ", idx, flags);
	col = indent;
	json_object_object_foreach(row, key, val) {
		if (is_flag_key(key))
			continue;
		format_pair(key, val, pair, sizeof(pair));
		if (col > indent && col + 1 + (int)strlen(pair) > WRAP) {
			fprintf(o->f, "\n%*s", indent, "");
			col = indent;
		}
		col += fprintf(o->f, "%s%s", col > indent ? " " : "", pair);
	}
	fputs("\n\n", o->f);
}

/* The cell of column col in row r, as text. */
static void cell(struct json_object *row, const char *col, char *buf,
		 size_t len)
{
	struct json_object *x = NULL;

	json_object_object_get_ex(row, col, &x);
	out_value(col, x, buf, len);
}

static void print_head(struct out *o, const struct view *v, const size_t *w,
		       size_t ncols, int iw)
{
	char head[64];
	size_t c, i;

	fprintf(o->f, "%*s %*s", iw, "#", (int)strlen(v->flags), "");
	for (c = 0; c < ncols; c++) {
		for (i = 0; v->cols[c][i] && i < sizeof(head) - 1; i++)
			head[i] = (char)toupper((unsigned char)v->cols[c][i]);
		head[i] = 0;
		fprintf(o->f, "%s%-*s", c ? "  " : " ",
			c + 1 < ncols ? (int)w[c] : 0, head);
	}
	fputc('\n', o->f);
}

static void print_table(struct out *o, const struct view *v)
{
	char val[VALUE_MAX], flags[NFLAGS + 1];
	size_t ncols, c, r, w[16];
	int iw = 2;

	for (ncols = 0; v->cols[ncols] && ncols < 16; ncols++)
		w[ncols] = strlen(v->cols[ncols]);
	for (r = 0; r < o->nrows; r++) {
		for (c = 0; c < ncols; c++) {
			cell(o->rows[r], v->cols[c], val, sizeof(val));
			if (strlen(val) > w[c])
				w[c] = strlen(val);
		}
	}
	if (o->nrows && snprintf(NULL, 0, "%zu", o->nrows - 1) > iw)
		iw = snprintf(NULL, 0, "%zu", o->nrows - 1);
	print_head(o, v, w, ncols, iw);
	for (r = 0; r < o->nrows; r++) {
		row_flags(v, o->rows[r], flags);
		fprintf(o->f, "%*zu %s", iw, r, flags);
		for (c = 0; c < ncols; c++) {
			cell(o->rows[r], v->cols[c], val, sizeof(val));
			fprintf(o->f, "%s%-*s", c ? "  " : " ",
				c + 1 < ncols ? (int)w[c] : 0, val);
		}
		fputc('\n', o->f);
	}
}

static void json_row(struct out *o, struct json_object *row)
{
	const char *s = json_object_to_json_string_ext(row,
						       JSON_C_TO_STRING_PLAIN);

	if (o->cmd->req == CTL_REQ_MONITOR) {
		fprintf(o->f, "%s\n", s);
		return;
	}
	fprintf(o->f, "%s%s", o->nrows ? ",\n" : "[\n", s);
}

int out_row(struct out *o, struct json_object *row)
{
	const struct view *v = &views[o->cmd->obj];
	struct json_object **p;

	if (o->json) {
		json_row(o, row);
	} else if (o->cmd->req == CTL_REQ_MONITOR) {
		if (o->nrows)
			fputc('\n', o->f);
		print_block(o, row);
	} else if (o->cmd->detail || !v->cols) {
		if (!o->nrows && v->cols)
			legend(o, v);
		if (v->cols)
			print_detail(o, v, o->nrows, row);
		else
			print_block(o, row);
	} else {
		if (o->nrows == o->cap) {
			p = realloc(o->rows, (o->cap ? 2 * o->cap : 64) *
				    sizeof(*p));
			if (!p)
				return -ENOMEM;
			o->rows = p;
			o->cap = o->cap ? 2 * o->cap : 64;
		}
		o->rows[o->nrows] = json_object_get(row);
	}
	o->nrows++;
	fflush(o->f);
	return 0;
}

void out_text(struct out *o, const void *text, size_t len)
{
	fwrite(text, 1, len, o->f);
}

void out_end(struct out *o)
{
	const struct view *v;

	if (o->cmd->req != CTL_REQ_PRINT)
		return;
	v = &views[o->cmd->obj];
	if (o->json) {
		fputs(o->nrows ? "\n]\n" : "[]\n", o->f);
		return;
	}
	if (o->cmd->detail || !v->cols)
		return;
	legend(o, v);
	print_table(o, v);
}

void out_free(struct out *o)
{
	size_t i;

	for (i = 0; o->rows && i < o->nrows; i++)
		json_object_put(o->rows[i]);
	free(o->rows);
	o->rows = NULL;
}
