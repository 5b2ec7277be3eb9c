// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The files of t/conf/: ok-*.conf and the real-world xl2tpd.conf files of
 * t/conf/xl2tpd/ load to the values of one table (by property path); every
 * bad-*.conf fails with exactly the text of its bad-*.err; xl2tpd files
 * with a .notes file log exactly those notes; every good file survives
 * conf_export() and a second parse unchanged; etc/l2tpd.conf passes
 * "l2tpd -n".
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "conf_impl.h"
#include "suites.h"

#define CONF_DIR	TOP_SRCDIR "/t/conf"
#define XL2TPD_DIR	CONF_DIR "/xl2tpd"
#define ETC_CONF	TOP_SRCDIR "/etc/l2tpd.conf"

/* The tests do not depend on /etc/xl2tpd/l2tp-secrets. */
static const struct conf_load_opts opts = { .xl2tpd_auth_file = NULL };

static char *msgs_text(const struct conf_msgs *m)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	conf_msgs_print(m, f);
	fclose(f);
	return text;
}

/* Drops every "dir/" so that messages read as in the golden files. */
static void strip_dir(char *text, const char *dir)
{
	size_t n = strlen(dir);
	char *p;

	while ((p = strstr(text, dir)) && p[n] == '/')
		memmove(p, p + n + 1, strlen(p + n + 1) + 1);
}

static struct conf *load_ok(const char *path)
{
	struct conf_msgs errs = { 0 };
	struct conf *c = NULL;
	int err = conf_load(path, &opts, &c, &errs);
	char *text = msgs_text(&errs);

	ck_assert_msg(!err, "%s: %d\n%s", path, err, text);
	free(text);
	conf_msgs_free(&errs);
	return c;
}

/* The value at "clients[name].xl2tpd.redial", as messages show values. */
static bool value_at(const struct conf_schema *s, const void *obj,
		     const char *path, char *buf, size_t len)
{
	char name[64] = "", key[64] = "";
	size_t n = strcspn(path, ".[");
	const struct conf_prop *p;
	const char *rest = path + n;
	void *const *g;
	const void *f;

	snprintf(name, sizeof(name), "%.*s", (int)n, path);
	if (*rest == '[') {
		n = strcspn(rest, "]");
		snprintf(key, sizeof(key), "%.*s", (int)n - 1, rest + 1);
		rest += n + (rest[n] == ']');
	}
	rest += *rest == '.';
	p = conf_schema_prop(s, name, NULL);
	if (!p)
		return false;
	f = conf_field(obj, p);
	g = (void *const *)f;
	switch (p->type) {
	case CT_VEC:
		f = conf_vec_find(f, p->sub, key);
		return f && value_at(p->sub, f, rest, buf, len);
	case CT_STRUCT:
		return value_at(p->sub, f, rest, buf, len);
	case CT_GROUP:
		if (!*g)
			snprintf(buf, len, "%s", "(none)");
		return *g ? value_at(p->sub, *g, rest, buf, len) : !*rest;
	default:
		conf_value_format(p, f, buf, len);
		return !*rest;
	}
}

static const struct {
	const char *file;	/* under t/conf */
	const char *path;
	const char *value;
} ok_values[] = {
	{ "ok-empty.conf", "server.enabled", "false" },
	{ "ok-empty.conf", "server.listen", "0.0.0.0:1701, [::]:1701" },
	{ "ok-empty.conf", "server.authentication", "mschap1, mschap2" },
	{ "ok-empty.conf", "server.default-profile", "default-encryption" },
	{ "ok-empty.conf", "server.max-mtu", "1450" },
	{ "ok-empty.conf", "server.mrru", "disabled" },
	{ "ok-empty.conf", "server.keepalive-timeout", "30" },
	{ "ok-empty.conf", "server.use-ipsec", "no" },
	{ "ok-empty.conf", "server.max-sessions", "unlimited" },
	{ "ok-empty.conf", "server.max-starting", "16" },
	{ "ok-empty.conf", "profiles[default].use-encryption", "default" },
	{ "ok-empty.conf", "profiles[default-encryption].use-encryption", "yes" },
	{ "ok-empty.conf", "aaa.accounting", "true" },
	{ "ok-empty.conf", "xl2tpd", "(none)" },
	{ "ok-issue.conf", "server.enabled", "true" },
	{ "ok-issue.conf", "server-interfaces[l2tp-mt].user", "MT-User" },
	{ "ok-issue.conf", "secrets[MT-User].service", "l2tp" },
	{ "ok-issue.conf", "secrets[MT-User].local-address", "10.0.0.2" },
	{ "ok-issue.conf", "secrets[MT-User].remote-address", "10.0.0.1" },
	{ "ok-issue.conf", "profiles[vpn].local-address", "10.0.0.1" },
	{ "ok-issue.conf", "profiles[vpn].remote-address", "pool1" },
	{ "ok-issue.conf", "profiles[vpn].dns-server", "192.0.2.53" },
	{ "ok-issue.conf", "profiles[vpn].use-encryption", "yes" },
	{ "ok-issue.conf", "profiles[vpn].only-one", "yes" },
	{ "ok-issue.conf", "pools[pool1].ranges", "10.0.0.10-10.0.0.200" },
	{ "ok-issue.conf", "clients[MT-User].connect-to", "192.168.51.3" },
	{ "ok-issue.conf", "clients[MT-User].allow", "pap, chap, mschap1, mschap2" },
	{ "ok-issue.conf", "clients[MT-User].disabled", "true" },
	{ "ok-issue.conf", "clients[MT-User].keepalive-timeout", "1m" },
	{ "ok-issue.conf", "clients[MT-User].use-ipsec", "false" },
	{ "ok-full.conf", "server.listen",
	  "192.0.2.1:1701, [2001:db8::1]:1702, 0.0.0.0:1701" },
	{ "ok-full.conf", "server.authentication", "pap, chap" },
	{ "ok-full.conf", "server.max-mru", "1400" },
	{ "ok-full.conf", "server.mrru", "1600" },
	{ "ok-full.conf", "server.keepalive-timeout", "disabled" },
	{ "ok-full.conf", "server.max-tunnels", "100" },
	{ "ok-full.conf", "server.caller-id-type", "number" },
	{ "ok-full.conf", "server.accept-proto-version", "l2tpv2" },
	{ "ok-full.conf", "server.hide-avps", "true" },
	{ "ok-full.conf", "server.host-name", "lns1.example.net" },
	{ "ok-full.conf", "server-interfaces[l2tp-carol].disabled", "true" },
	{ "ok-full.conf", "secrets[bob].caller-id", "198.51.100.20" },
	{ "ok-full.conf", "secrets[carol].caller-id", "2001:db8::20" },
	{ "ok-full.conf", "secrets[carol].password", "pw \"carol\"" },
	{ "ok-full.conf", "secrets[carol].profile", "default" },
	{ "ok-full.conf", "secrets[dave].service", "pppoe" },
	{ "ok-full.conf", "profiles[office].dns-server", "10.1.0.1, 10.1.0.2" },
	{ "ok-full.conf", "profiles[office].wins-server", "10.1.0.3" },
	{ "ok-full.conf", "profiles[office].use-encryption", "require" },
	{ "ok-full.conf", "profiles[office].use-ipv6", "no" },
	{ "ok-full.conf", "profiles[office].session-timeout", "1d" },
	{ "ok-full.conf", "profiles[office].idle-timeout", "1h30m" },
	{ "ok-full.conf", "profiles[default].session-timeout", "10m" },
	{ "ok-full.conf", "profiles[default].local-address", "local-pool" },
	{ "ok-full.conf", "profiles[default].use-ipv6", "yes" },
	{ "ok-full.conf", "pools[office-pool].ranges",
	  "10.1.0.0-10.1.0.127, !10.1.0.0-10.1.0.9, 10.1.0.128-10.1.0.200" },
	{ "ok-full.conf", "pools[office-pool].next-pool", "spill" },
	{ "ok-full.conf", "pools[spill].ranges", "10.2.0.1-10.2.0.100, 10.2.1.1" },
	{ "ok-full.conf", "clients[to-hq].connect-to", "[2001:db8::99]:1702" },
	{ "ok-full.conf", "clients[to-hq].add-default-route", "true" },
	{ "ok-full.conf", "clients[to-hq].default-route-distance", "5" },
	{ "ok-full.conf", "clients[to-hq].disabled", "false" },
	{ "ok-full.conf", "clients[to-hq].keepalive-timeout", "2m" },
	{ "ok-full.conf", "clients[to-hq].use-peer-dns", "yes" },
	{ "ok-full.conf", "clients[to-hq].src-address", "192.0.2.1" },
	{ "ok-full.conf", "clients[to-hq].random-source-port", "true" },
	{ "ok-full.conf", "clients[to-hq].xl2tpd", "(none)" },
	{ "ok-full.conf", "clients[by-name].connect-to", "vpn.example.net" },
	{ "ok-full.conf", "clients[by-v6].connect-to", "2001:db8::7" },
	{ "ok-full.conf", "clients[xl2tpd-style].xl2tpd.redial", "true" },
	{ "ok-full.conf", "clients[xl2tpd-style].xl2tpd.max-redials", "unlimited" },
	{ "ok-full.conf", "clients[xl2tpd-style].xl2tpd.lns-backup",
	  "198.51.100.8, 2001:db8::8" },
	{ "ok-full.conf", "clients[xl2tpd-style].xl2tpd.call-rws", "-1" },
	{ "ok-full.conf", "aaa.accounting", "false" },
	{ "ok-full.conf", "aaa.interim-update", "5m" },
	{ "ok-include.conf", "server.default-profile", "inc" },
	{ "ok-include.conf", "profiles[inc].remote-address", "inc-pool" },
	{ "ok-include.conf", "pools[inc-pool].ranges", "10.9.0.1-10.9.0.9" },
	{ "xl2tpd/vpnsetup-lns.conf", "server.enabled", "true" },
	{ "xl2tpd/vpnsetup-lns.conf", "server.listen", "0.0.0.0:1701" },
	{ "xl2tpd/vpnsetup-lns.conf", "server.default-profile", "lns-default" },
	{ "xl2tpd/vpnsetup-lns.conf", "profiles[lns-default].local-address",
	  "192.168.42.1" },
	{ "xl2tpd/vpnsetup-lns.conf", "profiles[lns-default].remote-address",
	  "lns-default" },
	{ "xl2tpd/vpnsetup-lns.conf", "pools[lns-default].ranges",
	  "192.168.42.10-192.168.42.250" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].profile", "lns-default" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].require-chap", "true" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].refuse-pap", "true" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].require-authentication",
	  "true" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].auth-name", "l2tpd" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].pppoptfile",
	  "/etc/ppp/options.xl2tpd" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].length-bit", "true" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.lns[default].assign-ip", "true" },
	{ "xl2tpd/vpnsetup-lns.conf", "xl2tpd.access-control", "false" },
	{ "xl2tpd/vpnsetup-saref.conf", "xl2tpd.ipsec-saref", "true" },
	{ "xl2tpd/vpnsetup-saref.conf", "server.listen", "198.51.100.10:1701" },
	{ "xl2tpd/vpnsetup-saref.conf", "xl2tpd.lns[default].ppp-debug", "true" },
	{ "xl2tpd/vpnsetup-short-range.conf", "pools[lns-default].ranges",
	  "10.30.40.10-10.30.40.100" },
	{ "xl2tpd/vpnsetup-short-range.conf",
	  "xl2tpd.lns[default].refuse-authentication", "true" },
	{ "xl2tpd/vpnsetup-short-range.conf",
	  "xl2tpd.lns[default].require-authentication", "false" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "server.enabled", "false" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].connect-to", "203.0.113.7" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].user", "alice" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].disabled", "false" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].random-source-port", "false" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].xl2tpd.tunnel-rws", "8" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].xl2tpd.tx-bps", "100000000" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].xl2tpd.ppp-debug", "true" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].xl2tpd.redial", "false" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "clients[l2tp].xl2tpd.pppoptfile",
	  "/var/run/nm-ppp-options.xl2tpd.4242" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "xl2tpd.access-control", "true" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "xl2tpd.debug-state", "true" },
	{ "xl2tpd/nm-l2tp-1.2.conf", "xl2tpd.debug-network", "false" },
	{ "xl2tpd/nm-l2tp-1.20.conf", "clients[l2tp].random-source-port", "true" },
	{ "xl2tpd/nm-l2tp-1.20.conf", "clients[l2tp].user", "" },
	{ "xl2tpd/nm-l2tp-1.20.conf", "server.listen", "0.0.0.0:0" },
	{ "xl2tpd/nm-l2tp-1.20.conf", "xl2tpd.max-retries", "10" },
	{ "xl2tpd/sample-all.conf", "server.listen", "192.0.2.1:1701" },
	{ "xl2tpd/sample-all.conf", "server.default-profile", "lns-default" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.max-retries", "7" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.cap-backoff", "8" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.saref-refinfo", "22" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.force-userspace", "true" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.rand-source", "dev" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.debug-packet", "false" },
	{ "xl2tpd/sample-all.conf", "pools[lns-default].ranges",
	  "192.168.0.1-192.168.0.20, !192.168.0.3-192.168.0.9, 192.168.0.5" },
	{ "xl2tpd/sample-all.conf", "profiles[lns-default].local-address",
	  "192.168.1.2" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].lac",
	  "192.168.1.4-192.168.1.8, !192.168.1.6" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].host-name",
	  "lns.example.net" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].auth-name", "myhostname" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].challenge", "true" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].flow-bit", "true" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].pass-peer", "true" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].call-rws", "10" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[default].exclusive", "false" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[branches].exclusive", "true" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[branches].unix-authentication",
	  "true" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[branches].require-authentication",
	  "true" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[branches].tx-bps", "2000000" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[branches].rx-bps", "2000000" },
	{ "xl2tpd/sample-all.conf", "xl2tpd.lns[branches].lac",
	  "10.9.0.0-10.9.255.255" },
	{ "xl2tpd/sample-all.conf", "profiles[lns-branches].local-address",
	  "lns-branches-local" },
	{ "xl2tpd/sample-all.conf", "pools[lns-branches-local].ranges",
	  "172.16.0.1-172.16.0.20" },
	{ "xl2tpd/sample-all.conf", "pools[lns-branches].ranges",
	  "172.16.1.1-172.16.1.200" },
	{ "xl2tpd/sample-all.conf", "clients[marko].connect-to", "198.51.100.7" },
	{ "xl2tpd/sample-all.conf", "clients[marko].user", "marko" },
	{ "xl2tpd/sample-all.conf", "clients[marko].host-name", "marko.example.net" },
	{ "xl2tpd/sample-all.conf", "clients[marko].add-default-route", "true" },
	{ "xl2tpd/sample-all.conf", "clients[marko].disabled", "false" },
	{ "xl2tpd/sample-all.conf", "clients[marko].src-address", "192.0.2.1" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.lns-backup",
	  "198.51.100.8:1702" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.redial", "true" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.redial-timeout", "15" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.max-redials", "5" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.local-ip", "192.168.1.1" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.remote-ip", "192.168.1.2" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.hidden-bit", "true" },
	{ "xl2tpd/sample-all.conf", "clients[marko].xl2tpd.pass-peer", "false" },
	{ "xl2tpd/sample-all.conf", "clients[cisco].disabled", "true" },
	{ "xl2tpd/sample-all.conf", "clients[cisco].xl2tpd.require-authentication",
	  "true" },
};

START_TEST(test_ok_values)
{
	char path[512], value[CONF_VALUE_MAX];
	const char *loaded = NULL;
	struct conf *c = NULL;
	size_t i;

	for (i = 0; i < sizeof(ok_values) / sizeof(ok_values[0]); i++) {
		if (!loaded || strcmp(loaded, ok_values[i].file)) {
			conf_free(c);
			snprintf(path, sizeof(path), "%s/%s", CONF_DIR,
				 ok_values[i].file);
			c = load_ok(path);
			loaded = ok_values[i].file;
		}
		ck_assert_msg(value_at(&conf_schema_root, c, ok_values[i].path,
				       value, sizeof(value)),
			      "%s: no %s", loaded, ok_values[i].path);
		ck_assert_msg(!strcmp(value, ok_values[i].value),
			      "%s: %s is '%s', not '%s'", loaded,
			      ok_values[i].path, value, ok_values[i].value);
	}
	conf_free(c);
}
END_TEST

/* l2tp-secrets: "us them secret", the secret the rest of the line. */
START_TEST(test_xl2tpd_secrets)
{
	struct conf *c = load_ok(XL2TPD_DIR "/sample-all.conf");
	const struct conf_vec *v = &c->xl2tpd->tunnel_secrets;
	const struct conf_tunnel_secret *ts = v->v;

	ck_assert_str_eq(c->xl2tpd->auth_file, XL2TPD_DIR "/l2tp-secrets");
	ck_assert_uint_eq(v->n, 3);
	ck_assert_str_eq(ts[0].us, "lns.example.net");
	ck_assert_str_eq(ts[0].them, "*");
	ck_assert_str_eq(ts[0].secret, "interop secret with spaces");
	ck_assert_str_eq(ts[1].us, "*");
	ck_assert_str_eq(ts[1].them, "marko");
	ck_assert_str_eq(ts[1].secret, "blah2");
	ck_assert_uint_eq(ts[2].meta.line, 5);
	conf_free(c);
}
END_TEST

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The names of dir's files that start with prefix and end with suffix. */
static size_t list_files(const char *dir, const char *prefix,
			 const char *suffix, char names[][128], size_t max)
{
	size_t n = 0, pl = strlen(prefix), sl = strlen(suffix);
	DIR *d = opendir(dir);
	struct dirent *e;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) && n < max) {
		size_t len = strlen(e->d_name);

		if (len > pl + sl && !strncmp(e->d_name, prefix, pl) &&
		    !strcmp(e->d_name + len - sl, suffix))
			snprintf(names[n++], 128, "%s", e->d_name);
	}
	closedir(d);
	qsort(names, n, 128, name_cmp);
	return n;
}

/* dir/name.conf must fail with exactly the text of dir/name.err. */
static void check_golden(const char *dir, const char *name)
{
	char path[512], expect_path[512], *text, *expect;
	struct conf_msgs errs = { 0 };
	struct conf *c = NULL;
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(expect_path, sizeof(expect_path), "%s/%.*s.err", dir,
		 (int)(strlen(name) - 5), name);
	err = conf_load(path, &opts, &c, &errs);
	ck_assert_msg(err == -EINVAL, "%s: loaded (%d)", name, err);
	text = msgs_text(&errs);
	strip_dir(text, dir);
	ck_assert_msg(!conf_read_file(expect_path, &expect), "no %s", expect_path);
	ck_assert_msg(!strcmp(text, expect), "%s: got\n%s\nexpected\n%s", name,
		      text, expect);
	free(text);
	free(expect);
	conf_msgs_free(&errs);
}

START_TEST(test_bad_goldens)
{
	static const char *const dirs[] = { CONF_DIR, XL2TPD_DIR };
	char names[64][128];
	size_t d, i, n, total = 0;

	for (d = 0; d < 2; d++) {
		n = list_files(dirs[d], "bad-", ".conf", names, 64);
		for (i = 0; i < n; i++)
			check_golden(dirs[d], names[i]);
		total += n;
	}
	ck_assert_uint_ge(total, 18);
}
END_TEST

/* The notes of an xl2tpd file: exactly its .notes file, or none. */
START_TEST(test_xl2tpd_notes)
{
	char names[64][128], path[512], npath[512], *text, *expect;
	size_t i, n = list_files(XL2TPD_DIR, "", ".conf", names, 64);

	for (i = 0; i < n; i++) {
		struct conf_msgs notes = { 0 };
		struct conf *c;

		if (!strncmp(names[i], "bad-", 4))
			continue;
		snprintf(path, sizeof(path), "%s/%s", XL2TPD_DIR, names[i]);
		snprintf(npath, sizeof(npath), "%s/%.*s.notes", XL2TPD_DIR,
			 (int)(strlen(names[i]) - 5), names[i]);
		c = load_ok(path);
		conf_notes(c, &notes);
		text = msgs_text(&notes);
		strip_dir(text, XL2TPD_DIR);
		if (conf_read_file(npath, &expect))
			expect = strdup("");
		ck_assert_msg(!strcmp(text, expect), "%s: notes\n%s\nexpected\n%s",
			      names[i], text, expect);
		free(text);
		free(expect);
		conf_msgs_free(&notes);
		conf_free(c);
	}
}
END_TEST

/* path -> conf_export() -> parse -> equal, and the same text again. */
static void check_roundtrip(const char *path)
{
	char tmp[] = "/tmp/l2tpd-conf-XXXXXX", *text1 = NULL, *text2 = NULL;
	struct conf *a = load_ok(path), *b;
	size_t len;
	FILE *f;
	int fd;

	fd = mkstemp(tmp);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_int_eq(conf_export(a, f), 0);
	fclose(f);
	b = load_ok(tmp);
	ck_assert_msg(conf_equal(a, b), "%s: not equal after export", path);
	f = open_memstream(&text1, &len);
	conf_export(a, f);
	fclose(f);
	f = open_memstream(&text2, &len);
	conf_export(b, f);
	fclose(f);
	ck_assert_str_eq(text1, text2);
	unlink(tmp);
	free(text1);
	free(text2);
	conf_free(a);
	conf_free(b);
}

START_TEST(test_roundtrip)
{
	char names[64][128], path[512];
	size_t i, n;

	n = list_files(CONF_DIR, "ok-", ".conf", names, 64);
	ck_assert_uint_ge(n, 4);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", CONF_DIR, names[i]);
		check_roundtrip(path);
	}
	n = list_files(XL2TPD_DIR, "", ".conf", names, 64);
	for (i = 0; i < n; i++) {
		if (!strncmp(names[i], "bad-", 4))
			continue;
		snprintf(path, sizeof(path), "%s/%s", XL2TPD_DIR, names[i]);
		check_roundtrip(path);
	}
	check_roundtrip(ETC_CONF);
}
END_TEST

/* A change is seen by conf_equal(): the reload will compare this way. */
START_TEST(test_equal)
{
	struct conf *a = load_ok(CONF_DIR "/ok-full.conf");
	struct conf *b = load_ok(CONF_DIR "/ok-full.conf");
	struct conf_client *cl = b->clients.v;

	ck_assert(conf_equal(a, b));
	cl[1].disabled = !cl[1].disabled;
	ck_assert(!conf_equal(a, b));
	cl[1].disabled = !cl[1].disabled;
	((struct conf_pool *)b->pools.v)[0].ranges.v[0].exclude = true;
	ck_assert(!conf_equal(a, b));
	conf_free(a);
	conf_free(b);
}
END_TEST

START_TEST(test_etc)
{
	struct conf *c = load_ok(ETC_CONF);
	const struct conf_profile *p = conf_profile_find(c, c->server.default_profile);
	const struct conf_client *cl = c->clients.v;

	ck_assert(c->server.enabled);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(p->remote_address.pool);
	ck_assert_ptr_nonnull(conf_pool_find(c, p->remote_address.pool));
	ck_assert_uint_ge(c->secrets.n, 2);
	ck_assert_uint_eq(c->clients.n, 1);
	ck_assert(cl[0].disabled);
	conf_free(c);
}
END_TEST

/* Runs l2tpd with args; returns its exit status and its output. */
static int run_l2tpd(const char *args, char **out)
{
	char cmd[1024], tmp[] = "/tmp/l2tpd-out-XXXXXX";
	int fd = mkstemp(tmp), st;

	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "%s %s >%s 2>&1", L2TPD_BIN, args, tmp);
	st = system(cmd);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(conf_read_file(tmp, out), 0);
	unlink(tmp);
	return WEXITSTATUS(st);
}

START_TEST(test_l2tpd_n)
{
	char *out;

	ck_assert_int_eq(run_l2tpd("-n -c " ETC_CONF, &out), 0);
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert_int_eq(run_l2tpd("-n -c " CONF_DIR "/bad-refs.conf", &out), 1);
	strip_dir(out, CONF_DIR);
	ck_assert_ptr_nonnull(strstr(out, "bad-refs.conf:2: server.default-profile: "
				     "no such profile 'nope'\n"));
	free(out);
	/* Without the kernel's L2TP, the daemon says so in one line. */
	if (access("/sys/module/l2tp_ppp", F_OK)) {
		ck_assert_int_eq(run_l2tpd("-c " ETC_CONF, &out), 1);
		ck_assert_str_eq(out, "kernel has no L2TP support: "
				 "modprobe l2tp_ppp\n");
		free(out);
	}
	ck_assert_int_eq(run_l2tpd("--import-xl2tpd " XL2TPD_DIR
				   "/vpnsetup-lns.conf", &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "default-profile = \"lns-default\";"));
	ck_assert_ptr_nonnull(strstr(out, "length bit: no effect here"));
	free(out);
	ck_assert_int_eq(run_l2tpd("-n -c /nonexistent.conf", &out), 1);
	ck_assert_ptr_nonnull(strstr(out, "/nonexistent.conf: cannot read"));
	free(out);
}
END_TEST

Suite *suite_conf_files(void)
{
	Suite *s = suite_create("conf_files");
	TCase *tc = tcase_create("files");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_ok_values);
	tcase_add_test(tc, test_xl2tpd_secrets);
	tcase_add_test(tc, test_bad_goldens);
	tcase_add_test(tc, test_xl2tpd_notes);
	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_equal);
	tcase_add_test(tc, test_etc);
	tcase_add_test(tc, test_l2tpd_n);
	suite_add_tcase(s, tc);
	return s;
}
