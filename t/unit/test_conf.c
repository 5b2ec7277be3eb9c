// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The configuration model's pieces: the value parsers, format detection,
 * libconfig's quirks, the built-in profiles. test_conf_files.c loads the
 * files of t/conf/.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf_impl.h"
#include "suites.h"

START_TEST(test_duration)
{
	static const struct {
		const char *in;
		const char *why;	/* NULL: parses to secs */
		uint32_t secs;
	} t[] = {
		{ "0", NULL, 0 }, { "90", NULL, 90 }, { "60s", NULL, 60 },
		{ "1m", NULL, 60 }, { "1h30m", NULL, 5400 }, { "1d", NULL, 86400 },
		{ "2w3d", NULL, 1468800 }, { "1h1s", NULL, 3601 },
		{ "00:01:30", NULL, 90 }, { "25:00:00", NULL, 90000 },
		{ "4294967295", NULL, UINT32_MAX },
		{ "", "not a duration", 0 }, { "1x", "not a duration", 0 },
		{ "30m1h", "not a duration", 0 }, { "1h1h", "not a duration", 0 },
		{ "1h30", "not a duration", 0 }, { "m", "not a duration", 0 },
		{ "-5", "not a duration", 0 }, { "00:61:00", "not a duration", 0 },
		{ "4294967296", "out of range", 0 },
		{ "99999999999999999999s", "out of range", 0 },
		{ "7102w", "out of range", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t secs = 12345;
		const char *why = conf_parse_duration(t[i].in, &secs);

		ck_assert_msg(t[i].why ? why && !strcmp(why, t[i].why) : !why,
			      "%s: %s", t[i].in, why ? why : "ok");
		if (!t[i].why)
			ck_assert_uint_eq(secs, t[i].secs);
	}
}
END_TEST

START_TEST(test_duration_format)
{
	static const struct {
		uint32_t secs;
		const char *out;
	} t[] = {
		{ 0, "0s" }, { 59, "59s" }, { 60, "1m" }, { 5400, "1h30m" },
		{ 86400, "1d" }, { 3601, "1h1s" }, { 694861, "1w1d1h1m1s" },
	};
	char buf[64];
	uint32_t back;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		conf_duration_str(t[i].secs, buf, sizeof(buf));
		ck_assert_str_eq(buf, t[i].out);
		ck_assert_ptr_null(conf_parse_duration(buf, &back));
		ck_assert_uint_eq(back, t[i].secs);
	}
}
END_TEST

/* connect-to: an address, a host name, an optional port, "@vrf". */
START_TEST(test_target)
{
	static const struct {
		const char *in;
		const char *host;	/* NULL: refused */
		uint16_t port;
		const char *vrf;
		const char *out;
	} t[] = {
		{ "192.168.51.3", "192.168.51.3", 1701, NULL, "192.168.51.3" },
		{ "192.0.2.1:1702", "192.0.2.1", 1702, NULL, "192.0.2.1:1702" },
		{ "2001:db8::1", "2001:db8::1", 1701, NULL, "2001:db8::1" },
		{ "[2001:db8::1]:99", "2001:db8::1", 99, NULL, "[2001:db8::1]:99" },
		{ "[2001:db8::1]", "2001:db8::1", 1701, NULL, "2001:db8::1" },
		{ "vpn.example.net", "vpn.example.net", 1701, NULL, "vpn.example.net" },
		{ "vpn:1701", "vpn", 1701, NULL, "vpn" },
		{ "10.0.0.1@vrf1", "10.0.0.1", 1701, "vrf1", "10.0.0.1@vrf1" },
		{ "[2001:db8::2]:5@blue", "2001:db8::2", 5, "blue", "[2001:db8::2]:5@blue" },
		{ "300.1.1.1", NULL, 0, NULL, NULL },
		{ "1.2.3", NULL, 0, NULL, NULL },
		{ "-x.example", NULL, 0, NULL, NULL },
		{ "a_b.example", NULL, 0, NULL, NULL },
		{ "host:", NULL, 0, NULL, NULL },
		{ "host:65536", NULL, 0, NULL, NULL },
		{ "[::1", NULL, 0, NULL, NULL },
		{ "[::1]x", NULL, 0, NULL, NULL },
		{ "1.2.3.4@", NULL, 0, NULL, NULL },
		{ "1.2.3.4@a b", NULL, 0, NULL, NULL },
		{ "", NULL, 0, NULL, NULL },
	};
	char buf[CONF_VALUE_MAX];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct conf_target tg;
		const char *why = conf_parse_target(t[i].in, &tg);

		ck_assert_msg(!why == !!t[i].host, "%s: %s", t[i].in,
			      why ? why : "accepted");
		if (why)
			continue;
		ck_assert_str_eq(tg.host, t[i].host);
		ck_assert_uint_eq(tg.port, t[i].port);
		ck_assert_msg(t[i].vrf ? tg.vrf && !strcmp(tg.vrf, t[i].vrf) :
			      !tg.vrf, "%s: vrf", t[i].in);
		conf_target_str(&tg, buf, sizeof(buf));
		ck_assert_str_eq(buf, t[i].out);
		conf_target_free(&tg);
	}
}
END_TEST

START_TEST(test_endpoint)
{
	static const struct {
		const char *in;
		const char *out;	/* NULL: refused */
	} t[] = {
		{ "0.0.0.0:1701", "0.0.0.0:1701" }, { "[::]:1701", "[::]:1701" },
		{ "192.0.2.1", "192.0.2.1:1701" }, { "::1", "[::1]:1701" },
		{ "10.0.0.1:0", "10.0.0.1:0" }, { "[::1]", "[::1]:1701" },
		{ "host:1701", NULL }, { "1.2.3.4:-1", NULL }, { "1.2.3.4:", NULL },
		{ "[::1]:70000", NULL }, { "", NULL },
	};
	char buf[CONF_VALUE_MAX];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct conf_endpoint e;
		const char *why = conf_parse_endpoint(t[i].in, &e);

		ck_assert_msg(!why == !!t[i].out, "%s: %s", t[i].in,
			      why ? why : "accepted");
		if (why)
			continue;
		conf_endpoint_str(&e, buf, sizeof(buf));
		ck_assert_str_eq(buf, t[i].out);
	}
}
END_TEST

START_TEST(test_range)
{
	static const struct {
		const char *in;
		const char *out;	/* NULL: refused */
	} t[] = {
		{ "10.0.0.10-10.0.0.200", "10.0.0.10-10.0.0.200" },
		{ "10.0.0.5", "10.0.0.5" }, { "!10.0.0.5", "!10.0.0.5" },
		{ "10.1.0.0/24", "10.1.0.0-10.1.0.255" },
		{ "10.1.0.7/32", "10.1.0.7" }, { "0.0.0.0/0", "0.0.0.0-255.255.255.255" },
		{ "!10.0.0.0/30", "!10.0.0.0-10.0.0.3" },
		{ "10.0.0.9-10.0.0.1", NULL }, { "10.0.0.1/24", NULL },
		{ "10.0.0.0/33", NULL }, { "10.0.0.0/", NULL }, { "10.0.0-10.0.0.1", NULL },
		{ "fe80::1", NULL }, { "", NULL }, { "!", NULL },
	};
	char buf[CONF_VALUE_MAX];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct conf_range r;
		const char *why = conf_parse_range(t[i].in, &r);

		ck_assert_msg(!why == !!t[i].out, "%s: %s", t[i].in,
			      why ? why : "accepted");
		if (why)
			continue;
		conf_range_str(&r, buf, sizeof(buf));
		ck_assert_str_eq(buf, t[i].out);
	}
}
END_TEST

/* Rules in order: allow, exclude, allow again; then overlaps. */
START_TEST(test_ranges_effective)
{
	struct conf_range v[] = {
		{ 100, 120, false }, { 103, 109, true }, { 105, 105, false },
		{ 200, 210, false }, { 211, 220, false },
	};
	struct conf_ranges rules = { 5, v }, eff, other;
	struct conf_range o[] = { { 106, 108, false }, { 221, 230, false } };

	ck_assert_int_eq(conf_ranges_effective(&rules, &eff), 0);
	ck_assert_uint_eq(eff.n, 4);
	ck_assert_uint_eq(eff.v[0].first, 100);
	ck_assert_uint_eq(eff.v[0].last, 102);
	ck_assert_uint_eq(eff.v[1].first, 105);
	ck_assert_uint_eq(eff.v[1].last, 105);
	ck_assert_uint_eq(eff.v[2].first, 110);
	ck_assert_uint_eq(eff.v[2].last, 120);
	ck_assert_uint_eq(eff.v[3].first, 200);	/* 200-210 and 211-220 merge */
	ck_assert_uint_eq(eff.v[3].last, 220);
	ck_assert_uint_eq(conf_ranges_count(&eff), 3 + 1 + 11 + 21);
	other = (struct conf_ranges){ 1, o };
	ck_assert(!conf_ranges_overlap(&eff, &other));	/* 106-108 excluded */
	other = (struct conf_ranges){ 2, o };
	ck_assert(!conf_ranges_overlap(&eff, &other));
	o[1].first = 220;
	ck_assert(conf_ranges_overlap(&eff, &other));
	free(eff.v);
}
END_TEST

START_TEST(test_names)
{
	ck_assert(conf_host_name_ok("vpn.example.net"));
	ck_assert(conf_host_name_ok("a-b.c1"));
	ck_assert(!conf_host_name_ok("1.2.3.4"));
	ck_assert(!conf_host_name_ok("-a.b"));
	ck_assert(!conf_host_name_ok("a-.b"));
	ck_assert(!conf_host_name_ok("a..b"));
	ck_assert(!conf_host_name_ok(""));
	ck_assert(conf_ifname_ok("l2tp-out1"));
	ck_assert(conf_ifname_ok("fifteen-chars-x"));
	ck_assert(!conf_ifname_ok("sixteen-chars-xx"));
	ck_assert(!conf_ifname_ok("a/b"));
	ck_assert(!conf_ifname_ok("a b"));
	ck_assert(!conf_ifname_ok(".."));
	ck_assert(!conf_ifname_ok(""));
}
END_TEST

START_TEST(test_detect)
{
	ck_assert(conf_is_xl2tpd("[global]\nport = 1701\n"));
	ck_assert(conf_is_xl2tpd("; comment\n  [LNS default]\n"));
	ck_assert(conf_is_xl2tpd("port = 1\n[lac x]\n"));
	ck_assert(conf_is_xl2tpd("; only comments\n;\n"));
	ck_assert(!conf_is_xl2tpd("server = { enabled = true; };\n"));
	ck_assert(!conf_is_xl2tpd("# l2tpd.conf\nlisten =\n[ \"0.0.0.0\" ];\n"));
	ck_assert(!conf_is_xl2tpd("[globalx]\n"));
	ck_assert(!conf_is_xl2tpd(""));
	ck_assert(!conf_is_xl2tpd("# nothing\n"));
}
END_TEST

/* libconfig takes '-' in names: RouterOS's names need no quoting. */
START_TEST(test_libconfig_names)
{
	struct conf *c = conf_new();
	struct conf_msgs errs = { 0 };

	ck_assert_int_eq(conf_parse_string(c, "server = { max-mtu = 1400; "
		"one-session-per-host = true; keepalive-timeout = \"1m\"; };\n",
		"inline", &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_uint_eq(c->server.max_mtu, 1400);
	ck_assert(c->server.one_session_per_host);
	ck_assert_uint_eq(c->server.keepalive_timeout, 60);
	conf_free(c);
}
END_TEST

/* libconfig 1.5 reads 4294967297 as 1; the parser must notice. */
START_TEST(test_libconfig_int_overflow)
{
	static const char *const texts[] = {
		"server = { max-sessions = 4294967297; };\n",
		"server = {\n max-tunnels=4294967296 ; };\n",
		"server = { max-mtu = 1400; max-sessions = 99999999999999999999; };\n",
	};
	size_t i;

	for (i = 0; i < 3; i++) {
		struct conf *c = conf_new();
		struct conf_msgs errs = { 0 };

		ck_assert_int_eq(conf_parse_string(c, texts[i], "inline", &errs),
				 -EINVAL);
		ck_assert_uint_eq(errs.n, 1);
		ck_assert_ptr_nonnull(strstr(errs.v[0].text, "out of range"));
		conf_msgs_free(&errs);
		conf_free(c);
	}
}
END_TEST

START_TEST(test_builtins)
{
	struct conf *c = conf_new();
	const struct conf_profile *d, *e;

	ck_assert_ptr_nonnull(c);
	d = conf_profile_find(c, "default");
	e = conf_profile_find(c, "default-encryption");
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(d->use_encryption, CONF_SW_DEFAULT);
	ck_assert_int_eq(e->use_encryption, CONF_SW_YES);
	ck_assert_int_eq(conf_validate(c, &(struct conf_msgs){ 0 }), 0);
	ck_assert(!c->server.enabled);
	ck_assert_str_eq(c->server.default_profile, "default-encryption");
	conf_free(c);
}
END_TEST

Suite *suite_conf(void)
{
	Suite *s = suite_create("conf");
	TCase *tc = tcase_create("values");

	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_duration_format);
	tcase_add_test(tc, test_target);
	tcase_add_test(tc, test_endpoint);
	tcase_add_test(tc, test_range);
	tcase_add_test(tc, test_ranges_effective);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_detect);
	tcase_add_test(tc, test_libconfig_names);
	tcase_add_test(tc, test_libconfig_int_overflow);
	tcase_add_test(tc, test_builtins);
	suite_add_tcase(s, tc);
	return s;
}
