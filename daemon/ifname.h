/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * PPP interface names. Every session's interface is named explicitly
 * (pppd's "ifname"): the kernel's automatic ppp%d names run out at 32,768,
 * and an operator wants to see whose link an interface is.
 *
 *  - a static server interface (RouterOS /interface l2tp-server) gets its
 *    configured name when its user connects;
 *  - a client interface (/interface l2tp-client) gets its configured name;
 *  - every other server session gets a dynamic name, RouterOS's
 *    <l2tp-USER> without the brackets: "l2tp-" and the user name, with
 *    the characters a Linux interface name cannot hold ('/', ':', '%',
 *    blanks, anything outside printable ASCII) replaced by '_'. When that
 *    is longer than the kernel's 15 characters or already taken, the user
 *    part is cut short and "-N" appended, N counting up in base 36 from 1
 *    until the name is free: user "alice" gets "l2tp-alice", then
 *    "l2tp-alice-1", "l2tp-alice-2", ...; "verylongusername" gets
 *    "l2tp-verylong-1". A session without a user name counts from
 *    "l2tp-1".
 *
 * Names are checked the way the kernel checks them (dev_valid_name()),
 * and '%' is refused too: the kernel would treat it as a pattern.
 */
#ifndef L2TPD_IFNAME_H
#define L2TPD_IFNAME_H

#include <stdbool.h>
#include <stddef.h>

/* Longest interface name, without the NUL (IFNAMSIZ - 1). */
#define IFNAME_MAX	15
#define IFNAME_PREFIX	"l2tp-"

/* Whether name can name a Linux interface as it is. */
bool ifname_valid(const char *name);

/* Whether name is in use (by a session of ours or by the system). */
typedef bool ifname_taken_fn(const char *name, void *arg);

/*
 * The dynamic name of a session of user (NULL or "" when unknown) into
 * out: 0, or -EADDRINUSE when every candidate is taken (36^4 of them).
 */
int ifname_dynamic(const char *user, ifname_taken_fn *taken, void *arg,
		   char out[IFNAME_MAX + 1]);

#endif /* L2TPD_IFNAME_H */
