// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "htab.h"

static uint64_t htab_seed_value = 0x9e3779b97f4a7c15ull;

void htab_seed(uint64_t seed)
{
	htab_seed_value = seed | 1;
}

/* A 64-bit finaliser (splitmix64's): every input bit affects every output bit. */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

uint32_t htab_hash_u32(uint32_t key)
{
	return (uint32_t)mix64(key ^ htab_seed_value);
}

uint32_t htab_hash_bytes(const void *key, size_t len)
{
	const uint8_t *p = key;
	uint64_t h = htab_seed_value ^ len;

	while (len >= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		h = mix64(h ^ w);
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t w = 0;

		memcpy(&w, p, len);
		h = mix64(h ^ w ^ 0xff);
	}
	return (uint32_t)mix64(h);
}

int htab_init(struct htab *t, size_t initial_buckets)
{
	size_t n = 16;

	while (n < initial_buckets)
		n <<= 1;
	t->buckets = calloc(n, sizeof(*t->buckets));
	if (!t->buckets)
		return -ENOMEM;
	t->mask = n - 1;
	t->count = 0;
	return 0;
}

void htab_destroy(struct htab *t)
{
	free(t->buckets);
	t->buckets = NULL;
	t->mask = 0;
	t->count = 0;
}

static void htab_grow(struct htab *t)
{
	size_t n = (t->mask + 1) * 2, i;
	struct htab_node **b = calloc(n, sizeof(*b));

	if (!b)
		return;	/* keep the longer chains; lookups stay correct */
	for (i = 0; i <= t->mask; i++) {
		struct htab_node *e = t->buckets[i], *next;

		for (; e; e = next) {
			next = e->next;
			e->next = b[e->hash & (n - 1)];
			b[e->hash & (n - 1)] = e;
		}
	}
	free(t->buckets);
	t->buckets = b;
	t->mask = n - 1;
}

void htab_insert(struct htab *t, struct htab_node *n, uint32_t hash)
{
	struct htab_node **b;

	if (t->count > t->mask)
		htab_grow(t);
	b = &t->buckets[hash & t->mask];
	n->hash = hash;
	n->next = *b;
	*b = n;
	t->count++;
}

void htab_remove(struct htab *t, struct htab_node *n)
{
	struct htab_node **p = &t->buckets[n->hash & t->mask];

	for (; *p; p = &(*p)->next) {
		if (*p == n) {
			*p = n->next;
			n->next = NULL;
			t->count--;
			return;
		}
	}
}

struct htab_node *htab_first(const struct htab *t, uint32_t hash)
{
	struct htab_node *n = t->buckets[hash & t->mask];

	while (n && n->hash != hash)
		n = n->next;
	return n;
}

struct htab_node *htab_next(const struct htab_node *n, uint32_t hash)
{
	struct htab_node *e = n->next;

	while (e && e->hash != hash)
		e = e->next;
	return e;
}
