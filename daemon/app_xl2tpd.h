/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpd as an xl2tpd drop-in, inside the application (app.h):
 *
 *  - app_xl2tpd.c: xl2tpd's control FIFO. Each command acts and answers
 *    as in xl2tpd 1.3.18. Commands that change the configuration ("a",
 *    "z", "r", "w", and "c" / "d", which switch a [lac] on or off) edit
 *    a copy of the running configuration, which is checked as a whole and
 *    applied like a reload (reload.h): a change that fails validation
 *    changes nothing. They are kept and made again on the file that each
 *    reload reads, so that they last until l2tpd stops, as in xl2tpd.
 *
 *  - app_xl2tpd_peer.c: the meaning of an xl2tpd.conf's sections at run
 *    time: which [lns] takes a tunnel ("lac" rules, "access control",
 *    "exclusive"), and the pppd options xl2tpd would give a session
 *    (authentication, "name", "ppp debug", addresses, "pppoptfile" last),
 *    with pppd's own secrets files (chap-secrets, pap-secrets) as with
 *    xl2tpd.
 */
#ifndef L2TPD_APP_XL2TPD_H
#define L2TPD_APP_XL2TPD_H

#include <stddef.h>

#include "conf.h"
#include "ppp.h"
#include "transport.h"

struct app;
struct app_sess;
struct app_xl2tpd;

/* Opens the FIFO a->opts.xl2tpd_fifo names (none when NULL). */
int app_xl2tpd_open(struct app *a);
void app_xl2tpd_free(struct app *a);

/*
 * A reload read c: the FIFO's changes again, on it, and c checked as a
 * whole. 0, or an error with err set and logged (c is the caller's).
 */
int app_xl2tpd_replay(struct app *a, struct conf *c, char *err,
		      size_t errlen);

/*
 * The [lns] of c that takes a tunnel from peer, as xl2tpd's get_lns():
 * the first whose "lac" rules allow the peer (the last rule that matches
 * decides), else [lns default] unless "access control" is on. NULL: none
 * (or c has no [lns]).
 */
const struct conf_xl2tpd_peer *
app_xl2tpd_lns(const struct conf *c, const struct transport_addr *peer);

/*
 * The server's check of a new tunnel from peer, for an xl2tpd.conf: an
 * [lns] must take it, and an "exclusive" one takes one tunnel per peer.
 * 0, or -EPERM after logging why.
 */
int app_xl2tpd_tunnel_ok(struct app *a, const struct transport_addr *from);

/*
 * The profile of a server session with peer: its [lns]'s for an
 * xl2tpd.conf, else the server's default-profile (app_server_profile()).
 */
const struct conf_profile *app_peer_profile(struct app *a,
					    const struct transport_addr *peer);

/*
 * A session of an xl2tpd.conf section: pppd gets xl2tpd's options for it
 * (pc->own_opts) and its own secrets files. Nothing for other sessions.
 * 0 or -ENOMEM; app_xl2tpd_ppp_done() frees what it made.
 */
int app_xl2tpd_ppp(struct app *a, struct app_sess *as, struct ppp_cfg *pc);
void app_xl2tpd_ppp_done(struct ppp_cfg *pc);

#endif /* L2TPD_APP_XL2TPD_H */
