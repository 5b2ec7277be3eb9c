/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A new configuration becomes the running one: on SIGHUP and `l2tpctl
 * reload` (app_reload(), after it parsed and validated the file) and on
 * each edit through xl2tpd's control FIFO. What no change touches keeps
 * running and passing traffic:
 *
 *  - clients: added ones start, removed or disabled ones stop, changed
 *    ones restart (app_clients_apply());
 *  - the server's listen addresses: only those that changed are closed or
 *    bound; the tunnels' own sockets are not affected;
 *  - secrets, profiles and pools: new sessions get the new ones; running
 *    sessions keep their addresses, also one that left its pool (it is
 *    claimed in the new pools and free again once the session ends);
 *  - what the engine took at start-up (host name, tunnel and session
 *    limits, retries) is logged as taking effect at the next start.
 */
#ifndef L2TPD_RELOAD_H
#define L2TPD_RELOAD_H

#include <stddef.h>

#include "conf.h"
#include "transport.h"

struct app;

/*
 * Makes c (validated) the running configuration and takes it, also when
 * it fails (-ENOMEM: nothing changed, err says so).
 */
int app_conf_apply(struct app *a, struct conf *c, char *err, size_t errlen);

/*
 * The listen addresses of old (NULL: none) become new's: listeners of
 * addresses new no longer has are closed, addresses new has are bound
 * unless bound already (also one that could not be bound before). Each
 * change and failure is logged; returns how many of new's are bound.
 */
unsigned reload_listen(struct transport *tp, const struct conf_server *old,
		       const struct conf_server *new);

/* Each message as "WHAT: FILE:LINE: PATH: TEXT 'VALUE'" in the log. */
void reload_log_msgs(const char *what, const struct conf_msgs *msgs);
/*
 * What l2tpctl is told of a configuration that failed: the first message
 * as the log has it, or path and rc's text when there is none.
 */
void reload_err_text(char *err, size_t errlen, const char *path, int rc,
		     const struct conf_msgs *msgs);

#endif /* L2TPD_RELOAD_H */
