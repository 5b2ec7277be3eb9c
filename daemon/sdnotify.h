/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The service manager's readiness protocol (sd_notify(3), "Type=notify" in
 * systemd.service(5)), written out rather than linked from libsystemd: one
 * datagram of newline-separated VAR=value lines to the AF_UNIX socket named
 * by $NOTIFY_SOCKET ("/path", or "@name" for the abstract namespace).
 *
 * Every function returns 0 when the message was sent or when there is no
 * service manager to tell ($NOTIFY_SOCKET unset or empty: l2tpd started by
 * hand, by a test, by another init), and a negative errno when it could not
 * be sent. None of them logs: the caller decides whether a lost status line
 * is worth a warning. $NOTIFY_SOCKET stays set, so that READY=1 after a
 * reload reaches the manager too; children such as pppd inherit it, which
 * is harmless under the default NotifyAccess=main.
 */
#ifndef L2TPD_SDNOTIFY_H
#define L2TPD_SDNOTIFY_H

/* Sends msg as it is ("READY=1\nSTATUS=..."): the primitive of the others. */
int sdnotify_send(const char *msg);

/* READY=1: start-up (or a reload) is complete, the sockets listen. */
int sdnotify_ready(void);

/*
 * RELOADING=1 with MONOTONIC_USEC (which Type=notify-reload requires and
 * Type=notify ignores): a reload began; sdnotify_ready() ends it.
 */
int sdnotify_reloading(void);

/* STOPPING=1: shutdown began (StopCCN sent, waiting for the peers). */
int sdnotify_stopping(void);

/* STATUS=<text>: the one line systemctl status shows; one line only. */
int sdnotify_status(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
