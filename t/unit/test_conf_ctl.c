// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/conf_ctl.c and conf_journal.c: l2tpctl's add, set, remove,
 * enable and disable change what they name, by name or position; a bad
 * value gets l2tpd.conf's message; the journal made again on the main
 * configuration gives the edited one, and a bad or stale record is
 * skipped with its file and line.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "conf_ctl.h"
#include "conf_edit.h"
#include "conf_impl.h"
#include "conf_journal.h"
#include "suites.h"

/* One edit from words as l2tpctl sends them: "key=value" or an item. */
static void edit_of(struct conf_ctl_edit *e, enum conf_ctl_verb verb,
		    enum conf_kind kind, const char *const *words)
{
	const char *eq;
	static char keys[CONF_CTL_PROPS_MAX][64];

	memset(e, 0, sizeof(*e));
	e->verb = verb;
	e->kind = kind;
	for (; words && *words; words++) {
		eq = strchr(*words, '=');
		if (!eq) {
			e->items[e->nitems++] = *words;
			continue;
		}
		snprintf(keys[e->nprops], sizeof(keys[0]), "%.*s",
			 (int)(eq - *words), *words);
		e->props[e->nprops].key = keys[e->nprops];
		e->props[e->nprops].value = eq + 1;
		e->nprops++;
	}
}

/* The first message as l2tpctl shows it: without file and line. */
static char first_msg[512];

static int run_edit(struct conf *c, enum conf_ctl_verb verb,
		    enum conf_kind kind, const char *const *words)
{
	struct conf_msgs errs = { 0 };
	struct conf_ctl_edit e;
	const struct conf_msg *m;
	int err;

	edit_of(&e, verb, kind, words);
	err = conf_ctl_apply(c, &e, CONF_CTL_FILE, 1, &errs);
	if (!err)
		err = conf_validate(c, &errs);
	first_msg[0] = '\0';
	if (errs.n) {
		m = &errs.v[0];
		snprintf(first_msg, sizeof(first_msg), "%s%s%s%s%s%s",
			 m->path ? m->path : "", m->path ? ": " : "", m->text,
			 m->value ? " '" : "", m->value ? m->value : "",
			 m->value ? "'" : "");
	}
	ck_assert_int_eq(!!err, !!errs.n);
	conf_msgs_free(&errs);
	return err;
}

#define WORDS(...)	((const char *const []){ __VA_ARGS__, NULL })

static const struct conf_client *client(const struct conf *c, const char *n)
{
	return conf_edit_find_client(c, n);
}

static struct conf *with_client(void)
{
	struct conf *c = conf_new();

	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_CLIENT,
				  WORDS("name=c1", "connect-to=192.0.2.1",
					"user=u1", "password=p\"w\\1",
					"disabled=no")), 0);
	return c;
}

START_TEST(test_add)
{
	struct conf *c = with_client();
	const struct conf_client *cl = client(c, "c1");

	ck_assert_ptr_nonnull(cl);
	ck_assert_str_eq(cl->connect_to.host, "192.0.2.1");
	ck_assert_str_eq(cl->password, "p\"w\\1");
	ck_assert(!cl->disabled);
	/* RouterOS adds a client disabled unless told otherwise */
	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_CLIENT,
				  WORDS("name=c2", "connect-to=h.example")), 0);
	ck_assert(client(c, "c2")->disabled);
	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_CLIENT,
				  WORDS("name=c1", "connect-to=192.0.2.9")),
			 -EEXIST);
	ck_assert_str_eq(first_msg, "clients[c1]: already exists");
	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_POOL,
				  WORDS("name=p1", "ranges=10.0.0.2-10.0.0.9")),
			 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_SECRET,
				  WORDS("name=alice", "password=x",
					"profile=nope")), -EINVAL);
	ck_assert_msg(strstr(first_msg, "nope"), "%s", first_msg);
	conf_free(c);
}
END_TEST

/* A bad value gets the message l2tpd.conf gets, and is quoted. */
START_TEST(test_bad_values)
{
	struct conf *c = with_client();

	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("c1", "max-mtu=99999")), -EINVAL);
	ck_assert_msg(!strncmp(first_msg, "clients[c1].max-mtu: out of range",
			       33) && strstr(first_msg, "'99999'"), "%s",
		      first_msg);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("c1", "disabled=maybe")), -EINVAL);
	ck_assert_msg(strstr(first_msg, "'maybe'"), "%s", first_msg);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("c1", "nonsense=1")), -EINVAL);
	ck_assert_str_eq(first_msg, "unknown property of interface "
			 "l2tp-client 'nonsense'");
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("c9", "user=x")), -ENOENT);
	ck_assert_str_eq(first_msg, "no such item in interface l2tp-client "
			 "'c9'");
	/* a password is never quoted back */
	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_CLIENT,
				  WORDS("name=c3", "connect-to=192.0.2.3",
					"password=\x01\xff")), 0);
	ck_assert_str_eq(client(c, "c3")->password, "\x01\xff");
	conf_free(c);
}
END_TEST

START_TEST(test_set_enable_remove)
{
	struct conf *c = with_client();

	ck_assert_int_eq(run_edit(c, CONF_CTL_DISABLE, CONF_KIND_CLIENT,
				  WORDS("c1")), 0);
	ck_assert(client(c, "c1")->disabled);
	/* position 0 in print's order */
	ck_assert_int_eq(run_edit(c, CONF_CTL_ENABLE, CONF_KIND_CLIENT,
				  WORDS("0")), 0);
	ck_assert(!client(c, "c1")->disabled);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("c1", "max-mtu=1400", "name=c1b",
					"disabled=true")), 0);
	ck_assert_ptr_null(client(c, "c1"));
	ck_assert_uint_eq(client(c, "c1b")->max_mtu, 1400);
	ck_assert(client(c, "c1b")->disabled);
	ck_assert_str_eq(client(c, "c1b")->user, "u1");
	ck_assert_int_eq(run_edit(c, CONF_CTL_ENABLE, CONF_KIND_POOL,
				  WORDS("c1b")), -ENOENT);
	ck_assert_int_eq(run_edit(c, CONF_CTL_REMOVE, CONF_KIND_PROFILE,
				  WORDS("default")), -EINVAL);
	ck_assert_str_eq(first_msg, "profiles[default]: a built-in profile "
			 "cannot be removed");
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_PROFILE,
				  WORDS("default", "use-encryption=yes")), 0);
	ck_assert_int_eq(conf_profile_find(c, "default")->use_encryption,
			 CONF_SW_YES);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_SERVER,
				  WORDS("enabled=yes", "max-mtu=1400")), 0);
	ck_assert(c->server.enabled);
	ck_assert_uint_eq(c->server.max_mtu, 1400);
	ck_assert_int_eq(run_edit(c, CONF_CTL_REMOVE, CONF_KIND_CLIENT,
				  WORDS("0")), 0);
	ck_assert_uint_eq(c->clients.n, 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_REMOVE, CONF_KIND_CLIENT,
				  WORDS("0")), -ENOENT);
	conf_free(c);
}
END_TEST

static void journal_path(char *buf, size_t len)
{
	snprintf(buf, len, "/tmp/l2tpd-journal-XXXXXX");
	ck_assert_int_ge(mkstemp(buf), 0);
}

static void append(const char *path, enum conf_ctl_verb verb,
		   enum conf_kind kind, const char *const *words)
{
	struct conf_ctl_edit e;

	edit_of(&e, verb, kind, words);
	ck_assert_int_eq(conf_journal_append(path, &e), 0);
}

static void append_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The journal made again on the main configuration gives the edited one. */
START_TEST(test_journal_replay)
{
	struct conf *edited = with_client(), *c = conf_new();
	struct conf_msgs msgs = { 0 };
	size_t applied, skipped;
	char path[64];

	journal_path(path, sizeof(path));
	append(path, CONF_CTL_ADD, CONF_KIND_CLIENT,
	       WORDS("name=c1", "connect-to=192.0.2.1", "user=u1",
		     "password=p\"w\\1", "disabled=no"));
	append_text(path, "# a comment, then a blank line\n\n");
	append(path, CONF_CTL_SET, CONF_KIND_CLIENT, WORDS("c1", "mrru=1600"));
	ck_assert_int_eq(run_edit(edited, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("c1", "mrru=1600")), 0);
	ck_assert_int_eq(conf_journal_replay(path, &c, &msgs, &applied,
					     &skipped), 0);
	ck_assert_uint_eq(msgs.n, 0);
	ck_assert_uint_eq(applied, 2);
	ck_assert_uint_eq(skipped, 0);
	ck_assert(conf_equal(c, edited));
	conf_free(c);
	conf_free(edited);
	unlink(path);
	/* no journal: nothing to do */
	c = conf_new();
	ck_assert_int_eq(conf_journal_replay(path, &c, &msgs, &applied,
					     &skipped), 0);
	ck_assert_uint_eq(applied + skipped + msgs.n, 0);
	conf_free(c);
}
END_TEST

/* Bad, torn and stale records are skipped, each named by file and line. */
START_TEST(test_journal_bad)
{
	struct conf *c = conf_new();
	struct conf_msgs msgs = { 0 };
	size_t applied, skipped;
	char path[64];

	journal_path(path, sizeof(path));
	append_text(path, "not json\n{\"verb\": \"fly\"}\n");
	append(path, CONF_CTL_SET, CONF_KIND_CLIENT,
	       WORDS("gone", "mrru=1600"));
	append_text(path, "{\"verb\":\"add\",\"object\":\"ip pool\",\"items\""
		    ":[],\"props\":{\"name\":\"p1\",\"ran");
	/* appended after the torn line, on a line of its own */
	append(path, CONF_CTL_ADD, CONF_KIND_POOL,
	       WORDS("name=p2", "ranges=10.0.0.2-10.0.0.9"));
	ck_assert_int_eq(conf_journal_replay(path, &c, &msgs, &applied,
					     &skipped), 0);
	ck_assert_uint_eq(applied, 1);
	ck_assert_uint_eq(skipped, 4);
	ck_assert_ptr_nonnull(conf_pool_find(c, "p2"));
	ck_assert_str_eq(msgs.v[0].file, path);
	ck_assert_uint_eq(msgs.v[0].line, 1);
	ck_assert_str_eq(msgs.v[0].text, "not a journal record");
	ck_assert_uint_eq(msgs.v[1].line, 2);
	ck_assert_uint_eq(msgs.v[2].line, 3);
	ck_assert_str_eq(msgs.v[2].text, "no such item in interface "
			 "l2tp-client");
	ck_assert_str_eq(msgs.v[3].text, "record skipped: interface "
			 "l2tp-client set");
	ck_assert_uint_eq(msgs.v[msgs.n - 1].line, 4);
	conf_msgs_free(&msgs);
	conf_free(c);
	unlink(path);
}
END_TEST

/* A request body (l2tpctl's) and a record (the journal's) read alike. */
START_TEST(test_decode)
{
	struct json_object *o = json_tokener_parse(
		"{\"object\": \"ppp secret\", \"items\": [\"0\", \"b\"], "
		"\"props\": {\"comment\": \"x\"}}");
	struct conf_ctl_edit e;
	struct stat st;
	char path[64];

	ck_assert_int_eq(conf_journal_decode(o, CONF_CTL_SET, &e), 0);
	ck_assert_int_eq(e.kind, CONF_KIND_SECRET);
	ck_assert_uint_eq(e.nitems, 2);
	ck_assert_str_eq(e.items[1], "b");
	ck_assert_str_eq(e.props[0].key, "comment");
	/* a record needs its verb */
	ck_assert_int_eq(conf_journal_decode(o, -1, &e), -EINVAL);
	json_object_put(o);
	o = json_tokener_parse("{\"verb\": \"add\", \"object\": "
			       "\"ip pool\", \"props\": {\"name\": 1}}");
	ck_assert_int_eq(conf_journal_decode(o, -1, &e), -EINVAL);
	json_object_put(o);
	/* the journal may hold passwords: root's only */
	journal_path(path, sizeof(path));
	unlink(path);
	append(path, CONF_CTL_ADD, CONF_KIND_POOL, WORDS("name=p"));
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	unlink(path);
}
END_TEST

/* set name=NEW renames, unless NEW is taken or the object is built in. */
START_TEST(test_rename)
{
	struct conf *c = with_client();

	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_CLIENT,
				  WORDS("name=c2", "connect-to=192.0.2.2")), 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("c2", "name=c1")), -EEXIST);
	ck_assert_str_eq(first_msg, "clients[c2]: name already taken 'c1'");
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_PROFILE,
				  WORDS("default", "name=mine")), -EINVAL);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_CLIENT,
				  WORDS("1", "name=c3")), 0);
	ck_assert_ptr_nonnull(client(c, "c3"));
	ck_assert_ptr_null(client(c, "c2"));
	conf_free(c);
}
END_TEST

/* The other menus: static server interfaces, pools, secrets. */
START_TEST(test_other_objects)
{
	struct conf *c = conf_new();
	const struct conf_pool *p;

	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_SECRET,
				  WORDS("name=alice", "password=pw")), 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_SERVER_IF,
				  WORDS("name=l2tp-alice", "user=alice")), 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_DISABLE, CONF_KIND_SERVER_IF,
				  WORDS("l2tp-alice")), 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_DISABLE, CONF_KIND_SECRET,
				  WORDS("alice")), 0);
	ck_assert(conf_secret_find(c, "alice")->disabled);
	ck_assert_int_eq(run_edit(c, CONF_CTL_REMOVE, CONF_KIND_SERVER_IF,
				  WORDS("0")), 0);
	ck_assert_uint_eq(c->server_interfaces.n, 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_ADD, CONF_KIND_POOL,
				  WORDS("name=p", "ranges=10.0.0.2-10.0.0.9")),
			 0);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_POOL,
				  WORDS("p", "ranges=10.1.0.2-10.1.0.3,"
					"10.1.0.9")), 0);
	p = conf_pool_find(c, "p");
	ck_assert_uint_eq(p->ranges.n, 2);
	ck_assert_uint_eq(p->ranges.v[0].first, 0x0a010002);
	ck_assert_int_eq(run_edit(c, CONF_CTL_SET, CONF_KIND_POOL,
				  WORDS("p", "ranges=10.1.0.9-10.1.0.2")),
			 -EINVAL);
	ck_assert_msg(strstr(first_msg, "pools[p].ranges"), "%s", first_msg);
	conf_free(c);
}
END_TEST

Suite *suite_conf_ctl(void)
{
	Suite *s = suite_create("conf_ctl");
	TCase *tc = tcase_create("conf_ctl");

	tcase_add_test(tc, test_add);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_set_enable_remove);
	tcase_add_test(tc, test_journal_replay);
	tcase_add_test(tc, test_journal_bad);
	tcase_add_test(tc, test_decode);
	tcase_add_test(tc, test_rename);
	tcase_add_test(tc, test_other_objects);
	suite_add_tcase(s, tc);
	return s;
}
