/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An intrusive chained hash table. Objects embed a struct htab_node, so an
 * entry costs two words and no allocation; lookups walk one bucket only.
 * The caller computes the hash (htab_hash_*() mix in a per-process random
 * seed so that peer-chosen keys cannot be aimed at one bucket) and compares
 * keys itself while walking the bucket:
 *
 *	for (n = htab_first(t, h); n; n = htab_next(n, h))
 *		if (key_matches(container_of(n, ...)))
 */
#ifndef L2TPD_HTAB_H
#define L2TPD_HTAB_H

#include <stddef.h>
#include <stdint.h>

struct htab_node {
	struct htab_node *next;
	uint32_t hash;
};

struct htab {
	struct htab_node **buckets;
	size_t mask;		/* bucket count - 1, a power of two minus one */
	size_t count;
};

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))
#endif

/* Returns 0 or -ENOMEM. */
int htab_init(struct htab *t, size_t initial_buckets);
void htab_destroy(struct htab *t);

/* Adds n under hash; grows the table (best effort) past one entry per bucket. */
void htab_insert(struct htab *t, struct htab_node *n, uint32_t hash);
/* Removes n, which must be in t. */
void htab_remove(struct htab *t, struct htab_node *n);

struct htab_node *htab_first(const struct htab *t, uint32_t hash);
struct htab_node *htab_next(const struct htab_node *n, uint32_t hash);

/* Seeds the hash functions; called once at start-up (tests may fix the seed). */
void htab_seed(uint64_t seed);
uint32_t htab_hash_u32(uint32_t key);
uint32_t htab_hash_bytes(const void *key, size_t len);

#endif /* L2TPD_HTAB_H */
