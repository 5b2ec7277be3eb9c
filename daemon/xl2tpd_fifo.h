/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xl2tpd's control FIFO, read on the loop: scripts that run
 * `echo "c myvpn" > /var/run/xl2tpd/l2tp-control`, and xl2tpd-control,
 * work with l2tpd unchanged. xl2tpd_cmd.h says what a line means; this is
 * only the pipe.
 *
 * As xl2tpd does, the FIFO is made anew at start-up (mode 0600, whatever
 * was at its path removed) and opened again each time its last writer
 * closes it: that end of file also ends a command written without a line
 * break, as xl2tpd-control writes them. It never blocks the loop: the
 * FIFO is non-blocking, a line is at most XL2TPD_CMD_MAX bytes, and a
 * longer one is reported once and skipped to its end.
 *
 * An answer goes to the file a command names ("@FILE c myvpn"), usually
 * the FIFO xl2tpd-control made and reads; it is written without
 * blocking, or not at all when nobody reads it.
 */
#ifndef L2TPD_XL2TPD_FIFO_H
#define L2TPD_XL2TPD_FIFO_H

#include <stddef.h>

#include "loop.h"

#define XL2TPD_FIFO_PATH	"/var/run/xl2tpd/l2tp-control"

struct xl2tpd_fifo;

/*
 * One line, NUL-terminated, without its line break, writable. err NULL:
 * a command; else why the line is no command ("longer than ..."), with
 * line its start, for the log.
 */
typedef void xl2tpd_fifo_line_fn(void *arg, char *line, const char *err);

/*
 * Makes path a FIFO (its directory too, mode 0755, if it is missing) and
 * reads lines from it. Returns 0 or a negative errno.
 */
int xl2tpd_fifo_open(struct loop *loop, const char *path,
		     xl2tpd_fifo_line_fn *fn, void *arg,
		     struct xl2tpd_fifo **out);
/* Closes and removes the FIFO. NULL is allowed. */
void xl2tpd_fifo_free(struct xl2tpd_fifo *f);

/*
 * Writes text to path, an existing FIFO or regular file (never a link):
 * 0, or -ENXIO when no one reads the FIFO, -EAGAIN when it is full, other
 * negative errnos.
 */
int xl2tpd_fifo_reply(const char *path, const char *text, size_t len);

#endif /* L2TPD_XL2TPD_FIFO_H */
