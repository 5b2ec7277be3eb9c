// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cli/parser.c: l2tpctl's paths, prefixes, key=value arguments and every
 * error message, table-driven; completion, and that completion and the
 * parser agree on every word.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "conf_keys.h"
#include "ctl.h"
#include "output.h"
#include "parser.h"
#include "suites.h"

#define ARGS_MAX	80

/* Splits line on blanks into argv (in buf). */
static int split(const char *line, char *buf, size_t len, char **argv)
{
	char *save, *w;
	int argc = 0;

	snprintf(buf, len, "%s", line);
	for (w = strtok_r(buf, " ", &save); w && argc < ARGS_MAX;
	     w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	return argc;
}

#define OKF(l, r, o, i, p, d, once)	{ l, r, o, i, p, d, once }
#define OK(l, r, o, i, p)		OKF(l, r, o, i, p, false, false)

static const struct ok_case {
	const char *line;
	uint16_t req;
	int obj;
	const char *items;	/* comma-joined */
	const char *props;	/* "key=value" blank-separated, full keys */
	bool detail;
	bool once;
} ok_cases[] = {
	OK("interface l2tp-client print", CTL_REQ_PRINT, CTL_OBJ_CLIENT, "", ""),
	OK("in l2tp-c p", CTL_REQ_PRINT, CTL_OBJ_CLIENT, "", ""),
	OKF("interface l2tp-client print detail", CTL_REQ_PRINT, CTL_OBJ_CLIENT,
	  "", "", true, false),
	OKF("int l2tp-cl pr d", CTL_REQ_PRINT, CTL_OBJ_CLIENT, "", "", true, false),
	OK("interface l2tp-client add connect-to=192.168.51.3 disabled=no "
	  "name=MT-User password=StrongPass user=MT-User", CTL_REQ_ADD,
	  CTL_OBJ_CLIENT, "", "connect-to=192.168.51.3 disabled=no "
	  "name=MT-User password=StrongPass user=MT-User"),
	OK("interface l2tp-client add name=x conn=1.2.3.4 pas=s comment=",
	  CTL_REQ_ADD, CTL_OBJ_CLIENT, "",
	  "name=x connect-to=1.2.3.4 password=s comment="),
	OK("interface l2tp-client add name=x connect-to=a=b", CTL_REQ_ADD,
	  CTL_OBJ_CLIENT, "", "name=x connect-to=a=b"),
	OK("interface l2tp-client set MT-User disabled=no", CTL_REQ_SET,
	  CTL_OBJ_CLIENT, "MT-User", "disabled=no"),
	OK("interface l2tp-client set 0 disabled=no", CTL_REQ_SET,
	  CTL_OBJ_CLIENT, "0", "disabled=no"),
	OK("interface l2tp-client set numbers=0,1 disabled=no", CTL_REQ_SET,
	  CTL_OBJ_CLIENT, "0,1", "disabled=no"),
	/* An exact key wins over the longer keys it is a prefix of. */
	OK("interface l2tp-client set 0 allow=pap", CTL_REQ_SET,
	  CTL_OBJ_CLIENT, "0", "allow=pap"),
	OK("interface l2tp-client remove 0,2 MT-User", CTL_REQ_REMOVE,
	  CTL_OBJ_CLIENT, "0,2,MT-User", ""),
	OK("interface l2tp-client enable MT-User", CTL_REQ_ENABLE,
	  CTL_OBJ_CLIENT, "MT-User", ""),
	OK("interface l2tp-client disable 0", CTL_REQ_DISABLE, CTL_OBJ_CLIENT,
	  "0", ""),
	OKF("interface l2tp-client monitor 0 once", CTL_REQ_MONITOR,
	  CTL_OBJ_CLIENT, "0", "", false, true),
	OK("interface l2tp-client monitor MT-User", CTL_REQ_MONITOR,
	  CTL_OBJ_CLIENT, "MT-User", ""),
	OK("interface l2tp-server server print", CTL_REQ_PRINT, CTL_OBJ_SERVER,
	  "", ""),
	OK("interface l2tp-server ser p", CTL_REQ_PRINT, CTL_OBJ_SERVER, "", ""),
	OK("interface l2tp-server server set enabled=yes", CTL_REQ_SET,
	  CTL_OBJ_SERVER, "", "enabled=yes"),
	OK("interface l2tp-server print", CTL_REQ_PRINT, CTL_OBJ_SERVER_IF, "",
	  ""),
	OK("interface l2tp-server add name=l2tp-in1 user=MT-User", CTL_REQ_ADD,
	  CTL_OBJ_SERVER_IF, "", "name=l2tp-in1 user=MT-User"),
	OK("interface l2tp-server remove l2tp-in1", CTL_REQ_REMOVE,
	  CTL_OBJ_SERVER_IF, "l2tp-in1", ""),
	OK("ppp secret add name=MT-User password=StrongPass service=l2tp",
	  CTL_REQ_ADD, CTL_OBJ_SECRET, "",
	  "name=MT-User password=StrongPass service=l2tp"),
	OK("ppp secret set MT-User profile=default", CTL_REQ_SET,
	  CTL_OBJ_SECRET, "MT-User", "profile=default"),
	OK("ppp profile add name=p1 local-address=10.0.0.1 remote-address=pool1",
	  CTL_REQ_ADD, CTL_OBJ_PROFILE, "",
	  "name=p1 local-address=10.0.0.1 remote-address=pool1"),
	OK("ppp profile remove p1", CTL_REQ_REMOVE, CTL_OBJ_PROFILE, "p1", ""),
	OK("ppp active print", CTL_REQ_PRINT, CTL_OBJ_ACTIVE, "", ""),
	OK("ppp ac rem 0", CTL_REQ_REMOVE, CTL_OBJ_ACTIVE, "0", ""),
	OK("ip pool add name=pool1 ranges=10.0.0.2-10.0.0.254", CTL_REQ_ADD,
	  CTL_OBJ_POOL, "", "name=pool1 ranges=10.0.0.2-10.0.0.254"),
	OK("ip pool set pool1 next-pool=pool2", CTL_REQ_SET, CTL_OBJ_POOL,
	  "pool1", "next-pool=pool2"),
	OK("tunnel print", CTL_REQ_PRINT, CTL_OBJ_TUNNEL, "", ""),
	OK("tu r 0", CTL_REQ_REMOVE, CTL_OBJ_TUNNEL, "0", ""),
	OK("tunnel remove tunnel-id=5", CTL_REQ_REMOVE, CTL_OBJ_TUNNEL, "",
	  "tunnel-id=5"),
	OK("session remove tunnel-id=5 session-id=7", CTL_REQ_REMOVE,
	  CTL_OBJ_SESSION, "", "tunnel-id=5 session-id=7"),
	OKF("session print detail", CTL_REQ_PRINT, CTL_OBJ_SESSION, "", "",
	  true, false),
	OK("reload", CTL_REQ_RELOAD, -1, "", ""),
	OK("exp", CTL_REQ_EXPORT, -1, "", ""),
	OK("import-xl2tpd /etc/xl2tpd/xl2tpd.conf", CLI_IMPORT_XL2TPD, -1, "",
	  ""),
};

static void joined_items(const struct cli_cmd *c, char *buf, size_t len)
{
	size_t i, off = 0;

	buf[0] = 0;
	for (i = 0; i < c->nitems && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					i ? "," : "", c->items[i]);
}

static void joined_props(const struct cli_cmd *c, char *buf, size_t len)
{
	size_t i, off = 0;

	buf[0] = 0;
	for (i = 0; i < c->nprops && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s=%s",
					i ? " " : "", c->props[i].key,
					c->props[i].value);
}

START_TEST(parse_ok)
{
	const struct ok_case *t = &ok_cases[_i];
	char buf[512], got[512], err[CLI_ERR_MAX] = "";
	char *argv[ARGS_MAX];
	struct cli_cmd cmd;
	int argc = split(t->line, buf, sizeof(buf), argv);

	ck_assert_msg(cli_parse(argc, argv, &cmd, err, sizeof(err)) == 0,
		      "'%s': %s", t->line, err);
	ck_assert_uint_eq(cmd.req, t->req);
	ck_assert_int_eq(cmd.obj, t->obj);
	ck_assert(cmd.detail == t->detail);
	ck_assert(cmd.once == t->once);
	joined_items(&cmd, got, sizeof(got));
	ck_assert_str_eq(got, t->items);
	joined_props(&cmd, got, sizeof(got));
	ck_assert_str_eq(got, t->props);
	if (t->req == CLI_IMPORT_XL2TPD)
		ck_assert_str_eq(cmd.file, "/etc/xl2tpd/xl2tpd.conf");
	cli_cmd_free(&cmd);
}
END_TEST

#define TOP	" interface ppp ip tunnel session reload export import-xl2tpd"
#define CLIENT_VERBS	" print add set remove enable disable monitor"

/* Every message; one ending in "..." is compared up to there. */
static const struct err_case {
	const char *line;
	const char *err;
} err_cases[] = {
	{ "", "a command is needed; valid:" TOP },
	{ "foo", "'foo': unknown command; valid:" TOP },
	{ "i", "'i' is ambiguous; could be: interface ip import-xl2tpd" },
	{ "interface", "'interface' needs one of: l2tp-client l2tp-server" },
	{ "interface foo", "'foo': unknown word after 'interface'; valid: "
	  "l2tp-client l2tp-server" },
	{ "interface l2", "'l2' is ambiguous after 'interface'; could be: "
	  "l2tp-client l2tp-server" },
	{ "interface l2tp-client", "'interface l2tp-client' needs one of:"
	  CLIENT_VERBS },
	{ "interface l2tp-server s", "'s' is ambiguous after "
	  "'interface l2tp-server'; could be: server set" },
	{ "interface l2tp-server", "'interface l2tp-server' needs one of: "
	  "server print add set remove enable disable" },
	{ "ppp active add", "'add': unknown word after 'ppp active'; valid: "
	  "print remove" },
	{ "interface l2tp-server server add name=x", "'add': unknown word "
	  "after 'interface l2tp-server server'; valid: print set" },
	{ "ip pool enable p", "'enable': unknown word after 'ip pool'; "
	  "valid: print add set remove" },
	{ "interface l2tp-client print foo", "'foo': unexpected after "
	  "'interface l2tp-client print'; valid: detail" },
	{ "interface l2tp-client add foo", "'foo': expected key=value" },
	{ "interface l2tp-client add =x", "'=x': expected key=value" },
	{ "interface l2tp-client add", "'interface l2tp-client add' needs "
	  "key=value properties" },
	{ "interface l2tp-client add name=x", "'interface l2tp-client add' "
	  "needs connect-to=" },
	{ "ppp secret add password=x", "'ppp secret add' needs name=" },
	{ "interface l2tp-client add zz=1", "'zz': unknown property of "
	  "interface l2tp-client; valid: name connect-to user password "
	  "profile allow ..." },
	{ "ppp secret add zz=1", "'zz': unknown property of ppp secret; valid: "
	  "name password service caller-id profile local-address "
	  "remote-address routes limit-bytes-in limit-bytes-out disabled "
	  "comment" },
	{ "interface l2tp-client add p=1", "'p' is ambiguous in "
	  "'interface l2tp-client add'; could be: password profile" },
	{ "interface l2tp-client add name=a name=b connect-to=x",
	  "'name=b': name given twice" },
	{ "interface l2tp-client add na=a name=b", "'name=b': name given twice" },
	{ "interface l2tp-client set disabled=no", "'interface l2tp-client "
	  "set' needs an item: a name, a number or numbers=N[,M...]" },
	{ "interface l2tp-client set 0", "'interface l2tp-client set' needs "
	  "key=value properties" },
	{ "interface l2tp-client set 0 1 disabled=no",
	  "'1': expected key=value" },
	{ "interface l2tp-server server set 0 enabled=yes", "'0': interface "
	  "l2tp-server server has no items; expected key=value" },
	{ "interface l2tp-client remove", "'interface l2tp-client remove' "
	  "needs an item: a name, a number or numbers=N[,M...]" },
	{ "interface l2tp-client remove name=x", "'name=x': 'interface "
	  "l2tp-client remove' takes names or numbers, not properties" },
	{ "interface l2tp-client remove 0,,1", "'0,,1': an empty item" },
	{ "interface l2tp-client remove numbers=", "'numbers=': an empty item" },
	{ "interface l2tp-client monitor once", "'interface l2tp-client "
	  "monitor' needs an item: a name, a number or numbers=N[,M...]" },
	{ "tunnel remove", "'tunnel remove' needs an item: a number or "
	  "numbers=N[,M...]; or by key: tunnel-id" },
	{ "session remove", "'session remove' needs an item: a number or "
	  "numbers=N[,M...]; or by key: tunnel-id session-id" },
	{ "tunnel remove session-id=1", "'session-id': unknown property of "
	  "tunnel; valid: tunnel-id" },
	{ "ppp active remove user=x", "'user=x': 'ppp active remove' takes "
	  "names or numbers, not properties" },
	{ "reload now", "'now': unexpected after 'reload'" },
	{ "import-xl2tpd", "'import-xl2tpd' needs a file" },
	{ "import-xl2tpd a b", "'b': unexpected after 'import-xl2tpd a'" },
};

START_TEST(parse_err)
{
	const struct err_case *t = &err_cases[_i];
	char buf[512], err[CLI_ERR_MAX] = "";
	char *argv[ARGS_MAX];
	struct cli_cmd cmd;
	int argc = split(t->line, buf, sizeof(buf), argv);
	size_t n = strlen(t->err);

	ck_assert_msg(cli_parse(argc, argv, &cmd, err, sizeof(err)) == -EINVAL,
		      "'%s' accepted", t->line);
	if (n > 3 && !strcmp(t->err + n - 3, "..."))
		ck_assert_msg(!strncmp(err, t->err, n - 3), "'%s': %s",
			      t->line, err);
	else
		ck_assert_str_eq(err, t->err);
	cli_cmd_free(&cmd);
}
END_TEST

START_TEST(too_many_items)
{
	char *argv[3 + CLI_ITEMS_MAX + 1], num[CLI_ITEMS_MAX + 1][8];
	char err[CLI_ERR_MAX];
	struct cli_cmd cmd;
	int i;

	argv[0] = "ppp";
	argv[1] = "secret";
	argv[2] = "remove";
	for (i = 0; i <= CLI_ITEMS_MAX; i++) {
		snprintf(num[i], sizeof(num[i]), "%d", i);
		argv[3 + i] = num[i];
	}
	ck_assert_int_eq(cli_parse(3 + CLI_ITEMS_MAX, argv, &cmd, err,
				   sizeof(err)), 0);
	ck_assert_uint_eq(cmd.nitems, CLI_ITEMS_MAX);
	cli_cmd_free(&cmd);
	ck_assert_int_eq(cli_parse(3 + CLI_ITEMS_MAX + 1, argv, &cmd, err,
				   sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "'64': more than 64 items");
	cli_cmd_free(&cmd);
}
END_TEST

/* What cli_complete() prints for line, blank-separated. */
static void completions(const char *line, bool trailing_blank, char *out,
			size_t len)
{
	char buf[512], *argv[ARGS_MAX + 1], *p;
	int argc = split(line, buf, sizeof(buf), argv);
	FILE *f;

	memset(out, 0, len);
	f = fmemopen(out, len, "w");

	if (trailing_blank)
		argv[argc++] = "";
	cli_complete(argc, argv, f);
	fclose(f);
	for (p = out; *p; p++)
		if (*p == '\n')
			*p = p[1] ? ' ' : 0;
}

static const struct {
	const char *line;
	bool blank;
	const char *want;
} complete_cases[] = {
	{ "", true, TOP + 1 },
	{ "i", false, "interface ip import-xl2tpd" },
	{ "interface", true, "l2tp-client l2tp-server" },
	{ "interface l2tp-server", true,
	  "server print add set remove enable disable" },
	{ "interface l2tp-client", true, CLIENT_VERBS + 1 },
	{ "interface l2tp-client add na", false, "name=" },
	{ "interface l2tp-client add name=x connect-to=y u", false,
	  "user= use-ipsec= use-peer-dns=" },
	{ "interface l2tp-client print", true, "detail" },
	{ "interface l2tp-client print detail", true, "" },
	{ "interface l2tp-client monitor 0", true, "once numbers=" },
	{ "interface l2tp-client remove", true, "numbers=" },
	{ "interface l2tp-client add name=", false, "" },
	{ "tunnel remove", true, "tunnel-id= numbers=" },
	{ "import-xl2tpd", true, "@file" },
	{ "import-xl2tpd x", true, "" },
	{ "reload", true, "" },
	{ "bogus", true, "" },
	{ "ppp secret set 0 pa", false, "password=" },
};

START_TEST(complete)
{
	char out[4096];

	completions(complete_cases[_i].line, complete_cases[_i].blank, out,
		    sizeof(out));
	ck_assert_str_eq(out, complete_cases[_i].want);
}
END_TEST

/*
 * Every word completion offers, to four words deep, is a word the parser
 * takes: the tables behind the two cannot disagree.
 */
static void agree(char **argv, int depth, unsigned *paths)
{
	char out[4096], err[CLI_ERR_MAX], *save, *w, *words[64];
	struct cli_cmd cmd;
	int n = 0, i;
	FILE *f;

	memset(out, 0, sizeof(out));
	f = fmemopen(out, sizeof(out), "w");
	argv[depth] = "";
	cli_complete(depth + 1, argv, f);
	fclose(f);
	for (w = strtok_r(out, "\n", &save); w && n < 64;
	     w = strtok_r(NULL, "\n", &save))
		words[n++] = w;
	for (i = 0; i < n; i++) {
		if (words[i][0] == '@')
			continue;
		argv[depth] = words[i];
		err[0] = 0;
		cli_parse(depth + 1, argv, &cmd, err, sizeof(err));
		cli_cmd_free(&cmd);
		ck_assert_msg(!strstr(err, "unknown") && !strstr(err,
			      "ambiguous") && !strstr(err, "unexpected"),
			      "completion offered '%s': %s", words[i], err);
		(*paths)++;
		if (depth < 3 && !strchr(words[i], '='))
			agree(argv, depth + 1, paths);
		argv[depth] = words[i];
	}
}

START_TEST(complete_agrees)
{
	char *argv[8];
	unsigned paths = 0;

	agree(argv, 0, &paths);
	ck_assert_uint_gt(paths, 100);
}
END_TEST

START_TEST(request_body)
{
	char *argv[] = { "interface", "l2tp-client", "set", "MT-User",
		"disabled=no", "comment=a b" };
	char err[CLI_ERR_MAX];
	struct json_object *o;
	struct cli_cmd cmd;

	ck_assert_int_eq(cli_parse(6, argv, &cmd, err, sizeof(err)), 0);
	o = cli_request(&cmd);
	ck_assert_str_eq(json_object_to_json_string_ext(o,
		JSON_C_TO_STRING_PLAIN), "{\"object\":\"interface l2tp-client\","
		"\"items\":[\"MT-User\"],\"props\":{\"disabled\":\"no\","
		"\"comment\":\"a b\"}}");
	json_object_put(o);
	cli_cmd_free(&cmd);
	argv[0] = "reload";
	ck_assert_int_eq(cli_parse(1, argv, &cmd, err, sizeof(err)), 0);
	o = cli_request(&cmd);
	ck_assert_str_eq(json_object_to_json_string_ext(o,
		JSON_C_TO_STRING_PLAIN), "{}");
	json_object_put(o);
	argv[0] = "session";
	argv[1] = "print";
	argv[2] = "detail";
	ck_assert_int_eq(cli_parse(3, argv, &cmd, err, sizeof(err)), 0);
	o = cli_request(&cmd);
	ck_assert_str_eq(json_object_to_json_string_ext(o,
		JSON_C_TO_STRING_PLAIN), "{\"object\":\"session\","
		"\"detail\":true,\"items\":[],\"props\":{}}");
	json_object_put(o);
}
END_TEST

/* The schema's keys for l2tpctl: names, required ones, no groups. */
START_TEST(schema_keys)
{
	const char *k;
	unsigned flags;
	size_t i;
	bool seen_connect = false;

	for (i = 0; (k = conf_key(CONF_KIND_CLIENT, i, &flags)); i++) {
		ck_assert_str_ne(k, "xl2tpd");
		if (!strcmp(k, "connect-to")) {
			seen_connect = true;
			ck_assert_uint_eq(flags, CONF_KEY_REQUIRED);
		}
		if (!strcmp(k, "password"))
			ck_assert_uint_eq(flags, CONF_KEY_SECRET);
	}
	ck_assert(seen_connect);
	ck_assert_str_eq(conf_key(CONF_KIND_SECRET, 0, &flags), "name");
	ck_assert_uint_eq(flags, CONF_KEY_NAME | CONF_KEY_REQUIRED);
	ck_assert_ptr_null(conf_key(CONF_KIND_MAX, 0, NULL));
	ck_assert_ptr_null(conf_key(CONF_KIND_POOL, 99, NULL));
}
END_TEST

static void value_is(const char *key, struct json_object *v, const char *want)
{
	char buf[64];

	out_value(key, v, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
	json_object_put(v);
}

START_TEST(values)
{
	struct json_object *a = json_object_new_array();

	value_is("disabled", json_object_new_boolean(1), "yes");
	value_is("disabled", json_object_new_boolean(0), "no");
	value_is("uptime", json_object_new_int(0), "0s");
	value_is("uptime", json_object_new_int(3725), "1h2m5s");
	value_is("uptime", json_object_new_int(90061), "1d1h1m1s");
	value_is("rx-bytes", json_object_new_int64(5000000000), "5000000000");
	value_is("comment", NULL, "");
	json_object_array_add(a, json_object_new_string("pap"));
	json_object_array_add(a, json_object_new_string("chap"));
	value_is("allow", a, "pap,chap");
	/* A peer's Host Name cannot drive the operator's terminal. */
	value_is("peer-host-name", json_object_new_string("a\x1b[2J\tb"),
		 "a\\x1b[2J\\x09b");
	value_is("name", json_object_new_string("x\xc3\xa9"), "x\xc3\xa9");
}
END_TEST

/* A table's columns are the object's property names (or live keys). */
START_TEST(columns)
{
	static const int kinds[CTL_OBJ_MAX] = {
		[CTL_OBJ_CLIENT] = CONF_KIND_CLIENT,
		[CTL_OBJ_SERVER] = CONF_KIND_SERVER,
		[CTL_OBJ_SERVER_IF] = CONF_KIND_SERVER_IF,
		[CTL_OBJ_SECRET] = CONF_KIND_SECRET,
		[CTL_OBJ_PROFILE] = CONF_KIND_PROFILE,
		[CTL_OBJ_ACTIVE] = -1,
		[CTL_OBJ_POOL] = CONF_KIND_POOL,
		[CTL_OBJ_TUNNEL] = -1,
		[CTL_OBJ_SESSION] = -1,
	};
	const char *const *cols;
	const char *k;
	size_t i;
	int obj;

	ck_assert_ptr_null(out_columns(CTL_OBJ_SERVER));
	for (obj = 0; obj < CTL_OBJ_MAX; obj++) {
		cols = out_columns(obj);
		for (; kinds[obj] >= 0 && cols && *cols; cols++) {
			for (i = 0; (k = conf_key(kinds[obj], i, NULL)); i++)
				if (!strcmp(k, *cols))
					break;
			ck_assert_msg(k != NULL, "%s: no property %s",
				      ctl_obj_name(obj), *cols);
		}
	}
	ck_assert_str_eq(out_columns(CTL_OBJ_SESSION)[12], "tx-packets");
	ck_assert_str_eq(out_columns(CTL_OBJ_TUNNEL)[9], "uptime");
}
END_TEST

Suite *suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("parser");

	tcase_add_loop_test(tc, parse_ok, 0, sizeof(ok_cases) /
			    sizeof(ok_cases[0]));
	tcase_add_loop_test(tc, parse_err, 0, sizeof(err_cases) /
			    sizeof(err_cases[0]));
	tcase_add_test(tc, too_many_items);
	tcase_add_loop_test(tc, complete, 0, sizeof(complete_cases) /
			    sizeof(complete_cases[0]));
	tcase_add_test(tc, complete_agrees);
	tcase_add_test(tc, request_body);
	tcase_add_test(tc, schema_keys);
	tcase_add_test(tc, values);
	tcase_add_test(tc, columns);
	suite_add_tcase(s, tc);
	return s;
}
