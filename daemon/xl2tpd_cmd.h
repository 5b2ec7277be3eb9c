/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The commands of xl2tpd's control FIFO, as xl2tpd 1.3.x reads them
 * (xl2tpd.c: do_control() and its control_handlers table; the letters are
 * l2tp.h's CONTROL_PIPE_REQ_*). One command is one line:
 *
 *   [@RESULT-FILE ]LETTER[ WORDS]
 *
 * "@FILE" first asks for the answer ("00 OK", "01 No such tunnel 'x'",
 * ...) in FILE, which is how xl2tpd-control reads it back. The parser
 * fills a plain struct and acts on nothing; it is stricter than xl2tpd,
 * which takes "cfoo" as "c oo" and a missing number as 0: every such line
 * is refused with the reason.
 */
#ifndef L2TPD_XL2TPD_CMD_H
#define L2TPD_XL2TPD_CMD_H

#include <stdint.h>

/* CONTROL_PIPE_MESSAGE_SIZE: xl2tpd reads at most this much at a time. */
#define XL2TPD_CMD_MAX		1024
/* The dial number of "o" (xl2tpd's dial_no_tmp holds 128 bytes). */
#define XL2TPD_NUMBER_MAX	127

enum xl2tpd_op {
	XL2TPD_LAC_CONNECT = 'c',	/* c NAME [USER [PASSWORD]] | c TID */
	XL2TPD_LAC_OUTGOING = 'o',	/* o NAME NUMBER */
	XL2TPD_LAC_HANGUP = 'h',	/* h CALL-ID */
	XL2TPD_LAC_DISCONNECT = 'd',	/* d NAME | d TID */
	XL2TPD_LAC_ADD = 'a',		/* a NAME KEY=VALUE;KEY=VALUE... */
	XL2TPD_LAC_REMOVE = 'r',	/* r NAME */
	XL2TPD_LAC_STATUS = 's',	/* s [NAME]: the status, to the log */
	XL2TPD_TUNNEL = 't',		/* t HOST: a tunnel without a call */
	XL2TPD_LNS_ADD = 'z',		/* z NAME KEY=VALUE;... */
	XL2TPD_LNS_STATUS = 'y',	/* y NAME */
	XL2TPD_AVAILABLE = 'x',		/* x: the sections and tunnels */
	XL2TPD_LNS_REMOVE = 'w',	/* w NAME */
};

struct xl2tpd_cmd {
	int op;			/* enum xl2tpd_op, or the unknown letter */
	const char *result;	/* where the answer goes; NULL: nowhere */
	const char *name;	/* the first word; NULL for "x" and "s" */
	const char *arg[2];	/* c: USER, PASSWORD; o: NUMBER */
	/*
	 * a, z: the KEY=VALUE settings as xl2tpd.conf lines (each ';'
	 * became a line break), "" without settings.
	 */
	const char *settings;
	uint16_t id;		/* name as a tunnel or call id; 0: not one */
};

/*
 * Parses line (NUL-terminated, without its line break) in place: the
 * struct points into it. Returns 0, or -EINVAL with *why set; cmd->result
 * and cmd->op are filled as far as the line got, so that the caller can
 * still answer (xl2tpd answers an unknown letter with "01 Unknown
 * command X").
 */
int xl2tpd_cmd_parse(char *line, struct xl2tpd_cmd *cmd, const char **why);

/* The command's name for logs ("c" -> "connect"); "unknown" else. */
const char *xl2tpd_cmd_name(int op);

#endif /* L2TPD_XL2TPD_CMD_H */
