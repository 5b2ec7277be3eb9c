// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/conf_edit.c: a copy of every good configuration of t/conf/ equals
 * it and outlives it; xl2tpd's add, modify and remove of [lac] and [lns]
 * sections change what they name and nothing else; bad settings change
 * nothing and say why.
 */
#include <check.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "conf_edit.h"
#include "conf_impl.h"
#include "suites.h"

#define CONF_DIR	TOP_SRCDIR "/t/conf"
#define XL2TPD_DIR	CONF_DIR "/xl2tpd"

static const struct conf_load_opts opts = { .xl2tpd_auth_file = NULL };

static struct conf *load(const char *path)
{
	struct conf_msgs errs = { 0 };
	struct conf *c = NULL;

	ck_assert_msg(!conf_load(path, &opts, &c, &errs), "%s", path);
	conf_msgs_free(&errs);
	return c;
}

static void valid(const struct conf *c)
{
	struct conf_msgs errs = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int err = conf_validate(c, &errs);

	if (err) {
		f = open_memstream(&text, &len);
		conf_msgs_print(&errs, f);
		fclose(f);
	}
	ck_assert_msg(!err, "not valid:\n%s", text);
	conf_msgs_free(&errs);
}

static void copy_equals(const char *path)
{
	struct conf *a = load(path), *b = load(path), *d = conf_dup(a);
	char *ta = NULL, *td = NULL;
	size_t la = 0, ld = 0;
	FILE *f;

	ck_assert_ptr_nonnull(d);
	conf_free(a);	/* the copy shares nothing with it */
	ck_assert_msg(conf_equal(b, d), "%s: the copy differs", path);
	valid(d);
	f = open_memstream(&ta, &la);
	ck_assert_int_eq(conf_export(b, f), 0);
	fclose(f);
	f = open_memstream(&td, &ld);
	ck_assert_int_eq(conf_export(d, f), 0);
	fclose(f);
	ck_assert_str_eq(ta, td);
	free(ta);
	free(td);
	conf_free(b);
	conf_free(d);
}

START_TEST(test_dup_all)
{
	static const char *const patterns[] = {
		CONF_DIR "/ok-*.conf", XL2TPD_DIR "/sample-*.conf",
		XL2TPD_DIR "/vpnsetup-*.conf", XL2TPD_DIR "/nm-*.conf",
	};
	size_t i, k, n = 0;
	glob_t g;

	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		ck_assert_int_eq(glob(patterns[i], 0, NULL, &g), 0);
		for (k = 0; k < g.gl_pathc; k++, n++)
			copy_equals(g.gl_pathv[k]);
		globfree(&g);
	}
	ck_assert_uint_ge(n, 8);
}
END_TEST

static const struct conf_client *client(const struct conf *c,
					const char *name)
{
	const struct conf_client *cl = conf_edit_find_client(c, name);

	ck_assert_msg(cl != NULL, "no client %s", name);
	return cl;
}

START_TEST(test_add_lac)
{
	struct conf *c = load(XL2TPD_DIR "/vpnsetup-lns.conf");
	struct conf_msgs errs = { 0 };
	const struct conf_client *cl;

	ck_assert_int_eq(conf_edit_section(c, false, "vpn",
		"lns = 192.0.2.7\nname = alice\nautodial = yes\n"
		"redial timeout = 5\n", &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	valid(c);
	cl = client(c, "vpn");
	ck_assert_str_eq(cl->connect_to.host, "192.0.2.7");
	ck_assert_str_eq(cl->user, "alice");
	ck_assert(!cl->disabled);
	ck_assert_ptr_nonnull(cl->xl2tpd);
	ck_assert_uint_eq(cl->xl2tpd->redial_timeout, 5);
	/* [global] port = 1701: it sends from port 1701, as xl2tpd */
	ck_assert(!cl->random_source_port);
	ck_assert_str_eq(cl->meta.file, CONF_EDIT_FILE);
	/* without autodial it waits for "c vpn2" */
	ck_assert_int_eq(conf_edit_section(c, false, "vpn2",
		"lns = 192.0.2.8", &errs), 0);
	ck_assert(client(c, "vpn2")->disabled);
	valid(c);
	conf_free(c);
}
END_TEST

START_TEST(test_modify_lac)
{
	struct conf *c = load(XL2TPD_DIR "/nm-l2tp-1.2.conf");
	struct conf_msgs errs = { 0 };
	const struct conf_client *cl;
	char *pppoptfile;

	pppoptfile = strdup(client(c, "l2tp")->xl2tpd->pppoptfile);
	/* named as xl2tpd names it: case does not matter */
	ck_assert_int_eq(conf_edit_section(c, false, "L2TP",
		"lns = 198.51.100.9\nname = bob\n", &errs), 0);
	valid(c);
	ck_assert_uint_eq(c->clients.n, 1);
	cl = client(c, "l2tp");
	ck_assert_str_eq(cl->connect_to.host, "198.51.100.9");
	ck_assert_str_eq(cl->user, "bob");
	/* what the edit did not name stays */
	ck_assert(!cl->disabled);
	ck_assert(cl->xl2tpd->ppp_debug);
	ck_assert_uint_eq(cl->xl2tpd->tunnel_rws, 8);
	ck_assert_str_eq(cl->xl2tpd->pppoptfile, pppoptfile);
	free(pppoptfile);
	conf_free(c);
}
END_TEST

START_TEST(test_bad_settings)
{
	struct conf *c = load(XL2TPD_DIR "/nm-l2tp-1.2.conf");
	struct conf *before = load(XL2TPD_DIR "/nm-l2tp-1.2.conf");
	struct conf_msgs errs = { 0 };
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_int_eq(conf_edit_section(c, false, "l2tp",
		"lns = 300.1.1.1\nbogus key = 1\nredial = maybe\n", &errs),
		-EINVAL);
	f = open_memstream(&text, &len);
	conf_msgs_print(&errs, f);
	fclose(f);
	ck_assert_str_eq(text,
		"xl2tpd-control:2: lns: not an address or host name "
		"'300.1.1.1'\n"
		"xl2tpd-control:3: unknown field 'bogus key'\n"
		"xl2tpd-control:4: redial: must be 'yes' or 'no' 'maybe'\n");
	free(text);
	conf_msgs_free(&errs);
	ck_assert(conf_equal(c, before));
	/* "[lac a]b]": no section of that name */
	ck_assert_int_eq(conf_edit_section(c, false, "a]b", "", &errs),
			 -EINVAL);
	conf_msgs_free(&errs);
	ck_assert(conf_equal(c, before));
	conf_free(c);
	conf_free(before);
}
END_TEST

START_TEST(test_lns)
{
	struct conf *c = load(XL2TPD_DIR "/vpnsetup-lns.conf");
	const struct conf_profile *p;
	const struct conf_pool *pool;
	struct conf_msgs errs = { 0 };
	size_t n;

	ck_assert_int_eq(conf_edit_section(c, true, "branch",
		"ip range = 10.9.0.10-10.9.0.20\nlocal ip = 10.9.0.1\n"
		"lac = 10.9.0.0-10.9.255.255\n", &errs), 0);
	valid(c);
	ck_assert_uint_eq(c->xl2tpd->lns.n, 2);
	p = conf_profile_find(c, "lns-branch");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->remote_address.pool, "lns-branch");
	ck_assert_int_eq(p->local_address.ip.family, AF_INET);
	ck_assert_ptr_nonnull(conf_pool_find(c, "lns-branch"));
	ck_assert_str_eq(c->server.default_profile, "lns-default");
	/* more rules for [lns default]: they add to the ones there are */
	pool = conf_pool_find(c, "lns-default");
	n = pool->ranges.n;
	ck_assert_int_eq(conf_edit_section(c, true, "default",
		"ip range = 10.8.0.10-10.8.0.20\nname = other\n", &errs), 0);
	valid(c);
	pool = conf_pool_find(c, "lns-default");
	ck_assert_uint_eq(pool->ranges.n, n + 1);
	ck_assert_str_eq(c->server.default_profile, "lns-default");
	/* removed with its profile and pools; the other stays */
	ck_assert_int_eq(conf_edit_remove(c, true, "default"), 0);
	valid(c);
	ck_assert_uint_eq(c->xl2tpd->lns.n, 1);
	ck_assert_ptr_null(conf_profile_find(c, "lns-default"));
	ck_assert_ptr_null(conf_pool_find(c, "lns-default"));
	ck_assert_ptr_null(c->server.default_profile);
	ck_assert(c->server.enabled);
	ck_assert_int_eq(conf_edit_remove(c, true, "default"), -ENOENT);
	ck_assert_int_eq(conf_edit_remove(c, true, "Branch"), 0);
	ck_assert(!c->server.enabled);
	valid(c);
	conf_free(c);
}
END_TEST

START_TEST(test_lns_into_l2tpd_conf)
{
	struct conf *c = load(CONF_DIR "/ok-empty.conf");
	struct conf_msgs errs = { 0 };

	ck_assert_ptr_null(c->xl2tpd);
	ck_assert_int_eq(conf_edit_section(c, true, "x",
		"ip range = 10.9.0.10-10.9.0.20\n", &errs), 0);
	ck_assert_ptr_nonnull(c->xl2tpd);
	ck_assert_uint_eq(c->xl2tpd->lns.n, 1);
	valid(c);
	conf_free(c);
}
END_TEST

START_TEST(test_remove_and_client)
{
	struct conf *c = load(XL2TPD_DIR "/sample-all.conf");
	const struct conf_client *cl;
	size_t n = c->clients.n;

	ck_assert_int_eq(conf_edit_client(c, "cisco", true, "carol", "pw"), 0);
	cl = client(c, "cisco");
	ck_assert(!cl->disabled);
	ck_assert_str_eq(cl->user, "carol");
	ck_assert_str_eq(cl->password, "pw");
	ck_assert_int_eq(conf_edit_client(c, "cisco", false, NULL, NULL), 0);
	cl = client(c, "cisco");
	ck_assert(cl->disabled);
	ck_assert_str_eq(cl->user, "carol");
	ck_assert_int_eq(conf_edit_client(c, "none", true, NULL, NULL),
			 -ENOENT);
	ck_assert_int_eq(conf_edit_remove(c, false, "marko"), 0);
	ck_assert_uint_eq(c->clients.n, n - 1);
	ck_assert_ptr_null(conf_edit_find_client(c, "marko"));
	ck_assert_ptr_nonnull(conf_edit_find_client(c, "cisco"));
	ck_assert_int_eq(conf_edit_remove(c, false, "marko"), -ENOENT);
	valid(c);
	conf_free(c);
}
END_TEST

/*
 * A name matches ignoring case only when it names one object: "vpn" names
 * neither of "Vpn" and "VPN" (l2tpd.conf may hold both).
 */
START_TEST(test_ambiguous)
{
	struct conf *c = conf_new();
	struct conf_msgs errs = { 0 };

	ck_assert_int_eq(conf_parse_string(c,
		"clients = ( { name = \"Vpn\"; connect-to = \"192.0.2.1\"; },\n"
		"\t{ name = \"VPN\"; connect-to = \"192.0.2.2\"; } );\n",
		"test", &errs), 0);
	ck_assert_ptr_null(conf_edit_find_client(c, "vpn"));
	ck_assert_str_eq(client(c, "VPN")->connect_to.host, "192.0.2.2");
	ck_assert_int_eq(conf_edit_remove(c, false, "vpn"), -ENOENT);
	ck_assert_int_eq(conf_edit_remove(c, false, "Vpn"), 0);
	/* now "vpn" names "VPN" only, and an edit of it changes it */
	ck_assert_int_eq(conf_edit_section(c, false, "vpn", "lns = 192.0.2.3",
					   &errs), 0);
	ck_assert_uint_eq(c->clients.n, 1);
	ck_assert_str_eq(client(c, "VPN")->connect_to.host, "192.0.2.3");
	conf_free(c);
}
END_TEST

Suite *suite_conf_edit(void)
{
	Suite *s = suite_create("conf_edit");
	TCase *tc = tcase_create("conf_edit");

	tcase_add_test(tc, test_dup_all);
	tcase_add_test(tc, test_add_lac);
	tcase_add_test(tc, test_modify_lac);
	tcase_add_test(tc, test_bad_settings);
	tcase_add_test(tc, test_lns);
	tcase_add_test(tc, test_lns_into_l2tpd_conf);
	tcase_add_test(tc, test_remove_and_client);
	tcase_add_test(tc, test_ambiguous);
	suite_add_tcase(s, tc);
	return s;
}
