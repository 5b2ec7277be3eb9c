// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "htab.h"
#include "pool.h"

/* A run of addresses, first <= last. */
struct pool_iv {
	uint32_t first;
	uint32_t last;
};

struct pool {
	char *name;
	char *next;		/* next-pool, or NULL */
	struct pool_iv *iv;	/* sorted, disjoint, not adjacent */
	size_t niv;
	uint64_t size;
	uint64_t used;		/* addresses of this pool in use */
	size_t cur_iv;		/* the next-fit cursor: where to look next */
	uint32_t cur;
};

/* One address in use. */
struct pool_lease {
	struct htab_node node;
	uint32_t addr;
};

struct pool_set {
	struct pool **v;
	size_t n;
	struct htab used;	/* of struct pool_lease, by address */
};

struct pool_set *pool_set_new(void)
{
	struct pool_set *ps = calloc(1, sizeof(*ps));

	if (!ps)
		return NULL;
	if (htab_init(&ps->used, 64)) {
		free(ps);
		return NULL;
	}
	return ps;
}

static void pool_free(struct pool *p)
{
	free(p->name);
	free(p->next);
	free(p->iv);
	free(p);
}

void pool_set_free(struct pool_set *ps)
{
	struct htab_node *n, *next;
	size_t i;

	if (!ps)
		return;
	for (i = 0; i <= ps->used.mask; i++)
		for (n = ps->used.buckets[i]; n; n = next) {
			next = n->next;
			free(container_of(n, struct pool_lease, node));
		}
	htab_destroy(&ps->used);
	for (i = 0; i < ps->n; i++)
		pool_free(ps->v[i]);
	free(ps->v);
	free(ps);
}

/*
 * Applies one rule to a sorted run list: an inclusion merges [first, last]
 * in (joining runs it touches), an exclusion cuts it out (splitting a run
 * it falls inside). The result replaces *v.
 */
static int pool_apply(struct pool_iv **v, size_t *n, uint32_t first,
		      uint32_t last, bool exclude)
{
	struct pool_iv *out = malloc((*n + 2) * sizeof(*out));
	uint64_t lo = first, hi = last;
	size_t i, m = 0;
	bool placed = false;

	if (!out)
		return -ENOMEM;
	for (i = 0; i < *n; i++) {
		struct pool_iv r = (*v)[i];

		if (exclude) {
			if (r.last < first || r.first > last) {
				out[m++] = r;
				continue;
			}
			if (r.first < first)
				out[m++] = (struct pool_iv){ r.first, first - 1 };
			if (r.last > last)
				out[m++] = (struct pool_iv){ last + 1, r.last };
		} else if ((uint64_t)r.last + 1 < lo) {
			out[m++] = r;
		} else if (r.first > hi + 1) {
			if (!placed)
				out[m++] = (struct pool_iv){ lo, hi };
			placed = true;
			out[m++] = r;
		} else {
			lo = r.first < lo ? r.first : lo;
			hi = r.last > hi ? r.last : hi;
		}
	}
	if (!exclude && !placed)
		out[m++] = (struct pool_iv){ lo, hi };
	free(*v);
	*v = out;
	*n = m;
	return 0;
}

static struct pool *pool_find(const struct pool_set *ps, const char *name)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (!strcmp(ps->v[i]->name, name))
			return ps->v[i];
	return NULL;
}

static bool pool_has(const struct pool *p, uint32_t addr)
{
	size_t lo = 0, hi = p->niv;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (addr < p->iv[mid].first)
			hi = mid;
		else if (addr > p->iv[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static struct pool_lease *pool_lease_find(const struct pool_set *ps,
					  uint32_t addr)
{
	uint32_t h = htab_hash_u32(addr);
	struct htab_node *n;

	for (n = htab_first(&ps->used, h); n; n = htab_next(n, h)) {
		struct pool_lease *l = container_of(n, struct pool_lease, node);

		if (l->addr == addr)
			return l;
	}
	return NULL;
}

/* Counts addr as used (delta 1) or free (-1) in every pool holding it. */
static void pool_count(struct pool_set *ps, uint32_t addr, int delta)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (pool_has(ps->v[i], addr))
			ps->v[i]->used += delta;
}

static void pool_recount(struct pool_set *ps, struct pool *p)
{
	struct htab_node *n;
	size_t i;

	p->used = 0;
	for (i = 0; i <= ps->used.mask; i++)
		for (n = ps->used.buckets[i]; n; n = n->next)
			if (pool_has(p, container_of(n, struct pool_lease,
						     node)->addr))
				p->used++;
}

static int pool_build(struct pool *p, const struct conf_range *rules,
		      size_t n)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		if (rules[i].first > rules[i].last)
			return -EINVAL;
		err = pool_apply(&p->iv, &p->niv, rules[i].first,
				 rules[i].last, rules[i].exclude);
		if (err)
			return err;
	}
	/* 0.0.0.0 is nobody's address. */
	err = pool_apply(&p->iv, &p->niv, 0, 0, true);
	if (err)
		return err;
	for (i = 0; i < p->niv; i++)
		p->size += (uint64_t)p->iv[i].last - p->iv[i].first + 1;
	p->cur = p->niv ? p->iv[0].first : 0;
	return 0;
}

int pool_add(struct pool_set *ps, const char *name,
	     const struct conf_range *rules, size_t n, const char *next)
{
	struct pool **v;
	struct pool *p;
	int err;

	if (pool_find(ps, name))
		return -EEXIST;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->name = strdup(name);
	p->next = next ? strdup(next) : NULL;
	err = !p->name || (next && !p->next) ? -ENOMEM :
		pool_build(p, rules, n);
	v = err ? NULL : realloc(ps->v, (ps->n + 1) * sizeof(*v));
	if (!v) {
		pool_free(p);
		return err ? err : -ENOMEM;
	}
	ps->v = v;
	ps->v[ps->n++] = p;
	pool_recount(ps, p);
	return 0;
}

static int pool_take(struct pool_set *ps, uint32_t addr)
{
	struct pool_lease *l = malloc(sizeof(*l));

	if (!l)
		return -ENOMEM;
	l->addr = addr;
	htab_insert(&ps->used, &l->node, htab_hash_u32(addr));
	pool_count(ps, addr, 1);
	return 0;
}

/* Moves p's cursor one address on, wrapping at the end of the pool. */
static void pool_step(struct pool *p)
{
	if (p->cur < p->iv[p->cur_iv].last) {
		p->cur++;
		return;
	}
	p->cur_iv = (p->cur_iv + 1) % p->niv;
	p->cur = p->iv[p->cur_iv].first;
}

/*
 * A free address of p: as used < size, one exists, and at most used + 1
 * steps of the cursor reach it.
 */
static int pool_alloc_one(struct pool_set *ps, struct pool *p, uint32_t *addr)
{
	uint32_t a;

	if (p->used >= p->size)
		return -EADDRNOTAVAIL;
	for (;;) {
		a = p->cur;
		pool_step(p);
		if (!pool_lease_find(ps, a))
			break;
	}
	*addr = a;
	return pool_take(ps, a);
}

int pool_alloc(struct pool_set *ps, const char *name, uint32_t *addr)
{
	struct pool *p = pool_find(ps, name);
	size_t hops;

	if (!p)
		return -ENOENT;
	/* A next-pool chain that loops visits each pool once at most. */
	for (hops = 0; p && hops < ps->n; hops++) {
		if (!pool_alloc_one(ps, p, addr))
			return 0;
		p = p->next ? pool_find(ps, p->next) : NULL;
	}
	return -EADDRNOTAVAIL;
}

int pool_claim(struct pool_set *ps, uint32_t addr)
{
	if (!addr)
		return -EINVAL;
	if (pool_lease_find(ps, addr))
		return -EADDRINUSE;
	return pool_take(ps, addr);
}

int pool_release(struct pool_set *ps, uint32_t addr)
{
	struct pool_lease *l = pool_lease_find(ps, addr);

	if (!l)
		return -ENOENT;
	htab_remove(&ps->used, &l->node);
	free(l);
	pool_count(ps, addr, -1);
	return 0;
}

bool pool_in_use(const struct pool_set *ps, uint32_t addr)
{
	return pool_lease_find(ps, addr) != NULL;
}

int pool_usage(const struct pool_set *ps, const char *name, uint64_t *size,
	       uint64_t *used)
{
	const struct pool *p = pool_find(ps, name);

	if (!p)
		return -ENOENT;
	*size = p->size;
	*used = p->used;
	return 0;
}
