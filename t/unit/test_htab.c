// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <stdlib.h>

#include "htab.h"
#include "suites.h"

struct item {
	struct htab_node node;
	uint32_t key;
};

static struct item *find(struct htab *t, uint32_t key)
{
	uint32_t h = htab_hash_u32(key);
	struct htab_node *n;

	for (n = htab_first(t, h); n; n = htab_next(n, h)) {
		struct item *it = container_of(n, struct item, node);

		if (it->key == key)
			return it;
	}
	return NULL;
}

START_TEST(test_insert_find_remove)
{
	enum { N = 20000 };
	struct item *items = calloc(N, sizeof(*items));
	struct htab t;
	uint32_t i;

	ck_assert_ptr_nonnull(items);
	ck_assert_int_eq(htab_init(&t, 4), 0);
	for (i = 0; i < N; i++) {
		items[i].key = i * 7919u;
		htab_insert(&t, &items[i].node, htab_hash_u32(items[i].key));
	}
	ck_assert_uint_eq(t.count, N);
	/* It grew: no more than about one entry per bucket on average. */
	ck_assert_uint_ge(t.mask + 1, N / 2);
	for (i = 0; i < N; i++)
		ck_assert_ptr_eq(find(&t, i * 7919u), &items[i]);
	ck_assert_ptr_null(find(&t, 1));
	for (i = 0; i < N; i += 2)
		htab_remove(&t, &items[i].node);
	ck_assert_uint_eq(t.count, N / 2);
	for (i = 0; i < N; i++)
		ck_assert_ptr_eq(find(&t, i * 7919u), i % 2 ? &items[i] : NULL);
	htab_destroy(&t);
	free(items);
}
END_TEST

/* Entries whose hashes collide live in one bucket and are told apart by key. */
START_TEST(test_same_hash)
{
	struct item a = { .key = 1 }, b = { .key = 2 };
	struct htab t;
	struct htab_node *n;
	int seen = 0;

	ck_assert_int_eq(htab_init(&t, 16), 0);
	htab_insert(&t, &a.node, 42);
	htab_insert(&t, &b.node, 42);
	for (n = htab_first(&t, 42); n; n = htab_next(n, 42))
		seen |= 1 << container_of(n, struct item, node)->key;
	ck_assert_int_eq(seen, 6);
	ck_assert_ptr_null(htab_first(&t, 43));
	htab_remove(&t, &a.node);
	ck_assert_ptr_eq(htab_first(&t, 42), &b.node);
	ck_assert_ptr_null(htab_next(&b.node, 42));
	htab_destroy(&t);
}
END_TEST

START_TEST(test_seeded_hash)
{
	uint32_t before = htab_hash_u32(1701), after;
	uint8_t key[11] = "192.0.2.1";

	htab_seed(12345);
	after = htab_hash_u32(1701);
	ck_assert_uint_ne(before, after);
	ck_assert_uint_eq(htab_hash_bytes(key, sizeof(key)),
			  htab_hash_bytes(key, sizeof(key)));
	key[10] = 1;
	ck_assert_uint_ne(htab_hash_bytes(key, sizeof(key)),
			  htab_hash_bytes(key, 10));
}
END_TEST

Suite *suite_htab(void)
{
	Suite *s = suite_create("htab");
	TCase *tc = tcase_create("htab");

	tcase_add_test(tc, test_insert_find_remove);
	tcase_add_test(tc, test_same_hash);
	tcase_add_test(tc, test_seeded_hash);
	suite_add_tcase(s, tc);
	return s;
}
