/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the plugin's files (l2tpd.c, auth.c) share. */
#ifndef L2TPD_PLUGIN_H
#define L2TPD_PLUGIN_H

#include "compat.h"

/* Sets pppd's PAP/CHAP hooks: secrets come from l2tpd (auth.c). */
void plugin_auth_init(void);
/* l2tpd_pppd_secrets: pppd's own secrets files instead (xl2tpd.conf). */
extern bool plugin_auth_pppd_files;
void plugin_auth_options(void);

/*
 * A server's peer authenticated: the addresses, DNS servers and
 * interface name l2tpd gave with its secret take effect (peer.c).
 */
void plugin_peer_apply(void);

/* The protocol of the authentication that ran (0xc023 / 0xc223), or 0. */
uint16_t plugin_auth_proto(void);

/*
 * On a client: reports, once, whether the peer accepted our
 * authentication (nothing when none ran).
 */
void plugin_auth_client_result(int ok);

#endif /* L2TPD_PLUGIN_H */
