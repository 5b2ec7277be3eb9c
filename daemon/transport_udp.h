/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The daemon's transport (transport.h) on UDP sockets:
 *
 *  - one unconnected socket per listen address (IPv4 or IPv6, port 1701
 *    by default) receives new SCCRQs; it learns the address each
 *    datagram was sent to (IP_PKTINFO), so that a wildcard listener
 *    answers from the right one;
 *  - one socket per tunnel, bound and connected to the peer, as the
 *    kernel's TUNNEL_CREATE wants it. A server tunnel's socket is bound
 *    to the address and port its SCCRQ arrived on (SO_REUSEADDR: the
 *    connected socket takes its peer's datagrams from the listener), or
 *    to any free port when ephemeral is set;
 *  - every socket is non-blocking and close-on-exec, so pppd inherits
 *    none of them.
 */
#ifndef L2TPD_TRANSPORT_UDP_H
#define L2TPD_TRANSPORT_UDP_H

#include <stdbool.h>

#include "loop.h"
#include "transport.h"

/* NULL with errno (ENOMEM). */
struct transport *transport_udp_new(struct loop *loop, bool ephemeral);
/* Closes the listeners; every tunnel socket must be closed already. */
void transport_udp_free(struct transport *tp);

/*
 * Listens on addr (port 0: any free one); *bound gets the address as
 * bound (may be NULL). Returns 0 or a negative errno.
 */
int transport_udp_listen(struct transport *tp,
			 const struct transport_addr *addr,
			 struct transport_addr *bound);

/* Whether a listener is bound to addr (as bound: port 0 is not matched). */
bool transport_udp_listening(struct transport *tp,
			     const struct transport_addr *addr);
/*
 * Closes the listener bound to addr (a reload took it out of the
 * configuration); the tunnels' own sockets stay. 0 or -ENOENT.
 */
int transport_udp_unlisten(struct transport *tp,
			   const struct transport_addr *addr);

#endif /* L2TPD_TRANSPORT_UDP_H */
