// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xl2tpd's control FIFO commands (xl2tpd_cmd.h): one table says how many
 * words each letter takes; one function checks a line against it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "xl2tpd_cmd.h"

#define BLANKS	" \t"

struct xl2tpd_op_info {
	int op;
	const char *name;
	unsigned min_words, max_words;	/* after the letter */
	bool settings;		/* the rest after NAME: KEY=VALUE;... */
	bool numeric;		/* NAME must be a number (a call id) */
};

/* xl2tpd.c's control_handlers, with each handler's words. */
static const struct xl2tpd_op_info ops[] = {
	{ XL2TPD_LAC_CONNECT, "connect", 1, 3, false, false },
	{ XL2TPD_LAC_OUTGOING, "outgoing call", 2, 2, false, false },
	{ XL2TPD_LAC_HANGUP, "hangup", 1, 1, false, true },
	{ XL2TPD_LAC_DISCONNECT, "disconnect", 1, 1, false, false },
	{ XL2TPD_LAC_ADD, "add lac", 1, 1, true, false },
	{ XL2TPD_LAC_REMOVE, "remove lac", 1, 1, false, false },
	/* xl2tpd-control sends "x (null)": the words are ignored */
	{ XL2TPD_LAC_STATUS, "status", 0, ~0u, false, false },
	{ XL2TPD_TUNNEL, "tunnel", 1, 1, false, false },
	{ XL2TPD_LNS_ADD, "add lns", 1, 1, true, false },
	{ XL2TPD_LNS_STATUS, "lns status", 1, 1, false, false },
	{ XL2TPD_AVAILABLE, "available", 0, ~0u, false, false },
	{ XL2TPD_LNS_REMOVE, "remove lns", 1, 1, false, false },
};

static const struct xl2tpd_op_info *op_info(int op)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].op == op)
			return &ops[i];
	return NULL;
}

const char *xl2tpd_cmd_name(int op)
{
	const struct xl2tpd_op_info *o = op_info(op);

	return o ? o->name : "unknown";
}

static char *trim(char *s)
{
	char *end;

	s += strspn(s, BLANKS);
	end = s + strlen(s);
	while (end > s && strchr(BLANKS, end[-1]))
		*--end = '\0';
	return s;
}

/* The next blank-separated word of *s, NUL-terminated; NULL at the end. */
static char *word(char **s)
{
	char *w = *s + strspn(*s, BLANKS), *end;

	if (!*w)
		return NULL;
	end = w + strcspn(w, BLANKS);
	*s = end + (*end != '\0');
	*end = '\0';
	return w;
}

/* 1..65535 in decimal, else 0. */
static uint16_t id_of(const char *s)
{
	char *end;
	long n;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 5)
		return 0;
	n = strtol(s, &end, 10);
	return n > 0 && n <= 65535 ? (uint16_t)n : 0;
}

/*
 * xl2tpd's parse_one_line(): KEY=VALUE settings split at ';', blanks
 * around keys and values dropped. They become xl2tpd.conf lines, so a
 * setting must not open a section ("[lns x]") or lack its '='.
 */
static int settings(char *s, const char **why)
{
	char *p, *key, *eq;
	size_t n;

	for (p = s; (p = strchr(p, ';')); )
		*p = '\n';
	for (p = s; *p; p += n + (p[n] == '\n')) {
		n = strcspn(p, "\n");
		key = p + strspn(p, BLANKS);
		if (key >= p + n)
			continue;	/* an empty setting, as in "k=v;;" */
		eq = memchr(p, '=', n);
		if (!eq) {
			*why = "a setting without '=' (settings are "
			       "KEY=VALUE;KEY=VALUE)";
			return -EINVAL;
		}
		if (key == eq || *key == '[') {
			*why = "a setting without a key";
			return -EINVAL;
		}
	}
	return 0;
}

/* Printable text and tabs only: the line came from anyone with the FIFO. */
static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return false;
	return true;
}

/* "@FILE COMMAND": the file, absolute, and the command after it. */
static int result_file(char **line, struct xl2tpd_cmd *cmd, const char **why)
{
	char *file = *line + 1, *end = file + strcspn(file, BLANKS);

	if (end == file || !*end) {
		*why = "a result file but no command";
		return -EINVAL;
	}
	*end = '\0';
	*line = trim(end + 1);
	if (*file != '/') {
		*why = "the result file must be an absolute path";
		return -EINVAL;
	}
	cmd->result = file;
	return 0;
}

/* The words after the letter, as the table says. */
static int words(char *rest, const struct xl2tpd_op_info *o,
		 struct xl2tpd_cmd *cmd, const char **why)
{
	char *w[3] = { NULL, NULL, NULL };
	unsigned n = 0;

	if (o->max_words == ~0u)
		return 0;
	while (n < o->max_words && (w[n] = word(&rest)))
		n++;
	if (n < o->min_words) {
		*why = n ? "a word is missing" : "a name is missing";
		return -EINVAL;
	}
	rest = trim(rest);
	if (o->settings) {
		cmd->settings = rest;
	} else if (*rest) {
		*why = "too many words";
		return -EINVAL;
	}
	cmd->name = w[0];
	cmd->arg[0] = w[1];
	cmd->arg[1] = w[2];
	cmd->id = id_of(w[0]);
	if (o->numeric && !cmd->id) {
		*why = "not a call id (1-65535)";
		return -EINVAL;
	}
	if (o->op == XL2TPD_LAC_OUTGOING &&
	    strlen(cmd->arg[0]) > XL2TPD_NUMBER_MAX) {
		*why = "the number is too long";
		return -EINVAL;
	}
	return o->settings ? settings(rest, why) : 0;
}

int xl2tpd_cmd_parse(char *line, struct xl2tpd_cmd *cmd, const char **why)
{
	const struct xl2tpd_op_info *o;

	memset(cmd, 0, sizeof(*cmd));
	/* a line written with CR LF */
	if (*line && line[strlen(line) - 1] == '\r')
		line[strlen(line) - 1] = '\0';
	if (strlen(line) >= XL2TPD_CMD_MAX) {
		*why = "longer than a command can be";
		return -EINVAL;
	}
	if (!printable(line)) {
		*why = "a control character in the command";
		return -EINVAL;
	}
	line = trim(line);
	if (*line == '@' && result_file(&line, cmd, why))
		return -EINVAL;
	if (!*line) {
		*why = "an empty command";
		return -EINVAL;
	}
	cmd->op = (unsigned char)*line;
	o = op_info(cmd->op);
	if (!o) {
		*why = "unknown command";
		return -EINVAL;
	}
	if (line[1] && !strchr(BLANKS, line[1])) {
		*why = "a command is one letter, then a blank";
		return -EINVAL;
	}
	return words(line + 1, o, cmd, why);
}
