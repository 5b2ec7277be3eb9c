/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Address pools (RouterOS /ip pool): named sets of IPv4 addresses that
 * PPP sessions take their addresses from, plus the static addresses of
 * secrets, which are claimed one by one. One set of addresses in use spans
 * every pool and every static address, so that overlapping pools and a
 * static address inside a pool can never hand one address out twice.
 *
 * A pool is made from its configuration's range rules (struct conf_range,
 * applied in order: an exclusion takes addresses out of what the rules
 * before it allowed). When a pool is exhausted, the pool named by its
 * next-pool is tried, and so on (RouterOS's next-pool).
 *
 * Allocation is next-fit: each pool keeps a cursor past the address it
 * handed out last, so an address that was just released is handed out
 * again only after the rest of the pool was used (a peer's ARP or
 * conntrack state about the previous holder has time to expire).
 *
 * On a reload the daemon builds a new pool_set and claims the addresses
 * of the running sessions in it before any new session starts.
 *
 * Addresses are in host byte order. Functions return 0 or a negative
 * errno and do not log.
 */
#ifndef L2TPD_POOL_H
#define L2TPD_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"

struct pool_set;

/* NULL when out of memory. */
struct pool_set *pool_set_new(void);
/* Frees every pool and forgets every address in use. NULL is allowed. */
void pool_set_free(struct pool_set *ps);

/*
 * Adds pool name made of rules; next (NULL: none) names the pool to fall
 * back to, which need not exist yet. -EEXIST: a pool of that name exists;
 * -EINVAL: a rule with first > last; -ENOMEM.
 */
int pool_add(struct pool_set *ps, const char *name,
	     const struct conf_range *rules, size_t n, const char *next);

/*
 * Hands out a free address of pool name or of the pools its next-pool
 * chain leads to. -ENOENT: no pool of that name; -EADDRNOTAVAIL: every
 * pool of the chain is exhausted.
 */
int pool_alloc(struct pool_set *ps, const char *name, uint32_t *addr);

/*
 * Takes addr as in use, whether a pool holds it or not (a secret's
 * static remote-address). -EADDRINUSE: someone holds it; -EINVAL: 0.
 */
int pool_claim(struct pool_set *ps, uint32_t addr);

/* Gives addr back. -ENOENT: it was not in use. */
int pool_release(struct pool_set *ps, uint32_t addr);

bool pool_in_use(const struct pool_set *ps, uint32_t addr);

/* Size of pool name and how many of its addresses are in use; -ENOENT. */
int pool_usage(const struct pool_set *ps, const char *name, uint64_t *size,
	       uint64_t *used);

#endif /* L2TPD_POOL_H */
