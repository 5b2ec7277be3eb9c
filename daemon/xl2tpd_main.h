/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpd started as "xl2tpd" (a link to it, which the xl2tpd-compatible
 * package installs): xl2tpd 1.3.x's command line and behaviour, so that
 * existing service files, init scripts and callers work unchanged.
 *
 *   xl2tpd [-c FILE] [-s FILE] [-p PIDFILE] [-C FIFO] [-D] [-l] [-q TOS]
 *          [-v | --version]
 *
 * Defaults are xl2tpd's: /etc/xl2tpd/xl2tpd.conf, /etc/xl2tpd/l2tp-secrets,
 * /var/run/xl2tpd.pid, /var/run/xl2tpd/l2tp-control. Without -D it goes to
 * the background as xl2tpd does (after the configuration loaded and the
 * daemon started, so that a failure still reaches the caller's exit
 * status) and logs to syslog; -D stays in the foreground and logs to
 * stderr, unless -l.
 */
#ifndef L2TPD_XL2TPD_MAIN_H
#define L2TPD_XL2TPD_MAIN_H

#define XL2TPD_CONF_FILE	"/etc/xl2tpd/xl2tpd.conf"
#define XL2TPD_SECRETS_FILE	"/etc/xl2tpd/l2tp-secrets"
#define XL2TPD_PID_FILE		"/var/run/xl2tpd.pid"

/* main() for argv[0] "xl2tpd"; the exit status. */
int xl2tpd_main(int argc, char **argv);

#endif /* L2TPD_XL2TPD_MAIN_H */
