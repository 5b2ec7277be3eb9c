// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The l2tpctl program against a control socket server whose handlers
 * play l2tpd: the text it prints, its JSON, its exit codes (0 success,
 * 1 refused, 2 usage, 3 unreachable), 100 of it at once, and the bash
 * completion script driving it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-c/json.h>

#include "ctl_harness.h"
#include "suites.h"

#define OUT_MAX	8192

static void add(struct json_object *o, const char *key, struct json_object *v)
{
	json_object_object_add(o, key, v);
}

static struct json_object *str(const char *s)
{
	return json_object_new_string(s);
}

static struct json_object *num(int64_t v)
{
	return json_object_new_int64(v);
}

static struct json_object *client_row(const char *name, const char *to,
				      const char *user, bool disabled,
				      bool running, const char *comment)
{
	struct json_object *o = json_object_new_object();
	struct json_object *allow = json_object_new_array();

	json_object_array_add(allow, str("pap"));
	json_object_array_add(allow, str("chap"));
	add(o, "name", str(name));
	add(o, "connect-to", str(to));
	add(o, "user", str(user));
	add(o, "password", str("StrongPass"));
	add(o, "profile", str("default-encryption"));
	add(o, "allow", allow);
	add(o, "max-mtu", num(1450));
	add(o, "disabled", json_object_new_boolean(disabled));
	add(o, "comment", str(comment));
	add(o, "running", json_object_new_boolean(running));
	return o;
}

static struct json_object *session_row(void)
{
	static const char *const keys[] = {
		"tunnel-id", "session-id", "peer-tunnel-id", "peer-session-id",
	};
	struct json_object *o = json_object_new_object();
	size_t i;

	for (i = 0; i < 4; i++)
		add(o, keys[i], num((int64_t)i + 1));
	add(o, "peer-address", str("192.0.2.1"));
	add(o, "user", str("MT-User"));
	add(o, "interface", str("ppp0"));
	add(o, "state", str("established"));
	add(o, "uptime", num(3725));
	add(o, "rx-bytes", num(1000));
	add(o, "tx-bytes", num(2000));
	add(o, "rx-packets", num(10));
	add(o, "tx-packets", num(20));
	return o;
}

static struct json_object *server_row(void)
{
	struct json_object *o = json_object_new_object();

	add(o, "enabled", json_object_new_boolean(1));
	add(o, "max-mtu", num(1450));
	add(o, "default-profile", str("default-encryption"));
	return o;
}

static void reply(struct ctl_client *c, struct json_object *row)
{
	ctl_reply_row(c, row);
	json_object_put(row);
}

static const char *obj_of(struct json_object *body)
{
	struct json_object *o;

	return json_object_object_get_ex(body, CTL_K_OBJECT, &o) ?
		json_object_get_string(o) : "";
}

static void h_print(void *arg, struct ctl_client *c, uint16_t type,
		    struct json_object *body)
{
	const char *obj = obj_of(body);

	if (!strcmp(obj, "interface l2tp-client")) {
		reply(c, client_row("MT-User", "192.168.51.3", "MT-User", false,
				    true, "office link"));
		reply(c, client_row("backup", "10.0.0.1", "u2", true, false,
				    ""));
	} else if (!strcmp(obj, "session")) {
		reply(c, session_row());
	} else if (!strcmp(obj, "interface l2tp-server server")) {
		reply(c, server_row());
	}
	ctl_reply_end(c, 0, NULL);
}

/* add name=bad is refused as l2tpd refuses a bad value. */
static void h_add(void *arg, struct ctl_client *c, uint16_t type,
		  struct json_object *body)
{
	struct json_object *props, *name;

	if (json_object_object_get_ex(body, CTL_K_PROPS, &props) &&
	    json_object_object_get_ex(props, "name", &name) &&
	    !strcmp(json_object_get_string(name), "bad"))
		ctl_reply_end(c, -EINVAL, "connect-to: not an address 'x'");
	else
		ctl_reply_end(c, 0, NULL);
}

static void h_remove(void *arg, struct ctl_client *c, uint16_t type,
		     struct json_object *body)
{
	ctl_reply_end(c, -ENOENT, "no such item '7'");
}

static void h_export(void *arg, struct ctl_client *c, uint16_t type,
		     struct json_object *body)
{
	ctl_reply_text(c, "# l2tpd.conf\n", 13);
	ctl_reply_text(c, "server = { enabled = true; };\n", 30);
	ctl_reply_end(c, 0, NULL);
}

static void h_ok(void *arg, struct ctl_client *c, uint16_t type,
		 struct json_object *body)
{
	ctl_reply_end(c, 0, NULL);
}

static void h_monitor(void *arg, struct ctl_client *c, uint16_t type,
		      struct json_object *body)
{
	struct json_object *o = json_object_new_object();

	add(o, "status", str("connected"));
	add(o, "uptime", num(62));
	reply(c, o);
	/* Open until the client hangs up: the server's hook-less case. */
}

static const struct ctl_handler handlers[] = {
	{ CTL_REQ_PRINT, h_print },
	{ CTL_REQ_ADD, h_add },
	{ CTL_REQ_REMOVE, h_remove },
	{ CTL_REQ_EXPORT, h_export },
	{ CTL_REQ_RELOAD, h_ok },
	{ CTL_REQ_MONITOR, h_monitor },
};

static const struct ctl_server_cfg cfg = { .idle_ms = 5000 };
static struct ctl_harness harness;

static void start(void)
{
	ctl_harness_start(&harness, &cfg, handlers, sizeof(handlers) /
			  sizeof(handlers[0]), NULL, NULL);
}

static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = 0;
	fclose(f);
}

/* Runs l2tpctl -s SOCKET args...; its exit status, stdout and stderr. */
static int run(char *out, char *err, ...)
{
	char *argv[32];
	FILE *o = tmpfile(), *e = tmpfile();
	int argc = 0, status;
	va_list ap;
	pid_t pid;

	argv[argc++] = L2TPCTL_BIN;
	argv[argc++] = "-s";
	argv[argc++] = harness.path;
	va_start(ap, err);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		dup2(fileno(o), 1);
		dup2(fileno(e), 2);
		execv(argv[0], argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	slurp(o, out, OUT_MAX);
	slurp(e, err, OUT_MAX);
	ck_assert_msg(WIFEXITED(status), "l2tpctl died: %d", status);
	return WEXITSTATUS(status);
}

START_TEST(table)
{
	char out[OUT_MAX], err[OUT_MAX];

	start();
	ck_assert_int_eq(run(out, err, "interface", "l2tp-client", "print",
			     NULL), 0);
	ck_assert_str_eq(err, "");
	ck_assert_str_eq(out,
		"Flags: X - disabled, R - running\n"
		" #    NAME     CONNECT-TO    USER     PROFILE\n"
		" 0  R MT-User  192.168.51.3  MT-User  default-encryption\n"
		" 1 X  backup   10.0.0.1      u2       default-encryption\n");
	ck_assert_int_eq(run(out, err, "in", "l2tp-c", "p", "d", NULL), 0);
	ck_assert_str_eq(out,
		"Flags: X - disabled, R - running\n"
		" 0  R name=MT-User connect-to=192.168.51.3 user=MT-User "
		"password=StrongPass\n"
		"      profile=default-encryption allow=pap,chap max-mtu=1450 "
		"disabled=no\n"
		"      comment=\"office link\"\n\n"
		" 1 X  name=backup connect-to=10.0.0.1 user=u2 "
		"password=StrongPass\n"
		"      profile=default-encryption allow=pap,chap max-mtu=1450 "
		"disabled=yes\n"
		"      comment=\"\"\n\n");
	ck_assert_int_eq(run(out, err, "interface", "l2tp-server", "server",
			     "print", NULL), 0);
	ck_assert_str_eq(out,
		"          enabled: yes\n"
		"          max-mtu: 1450\n"
		"  default-profile: default-encryption\n");
	ck_assert_int_eq(run(out, err, "session", "print", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, " #  TUNNEL-ID  SESSION-ID  "));
	ck_assert_ptr_nonnull(strstr(out, "  established  1h2m5s  1000  "));
	ctl_harness_stop(&harness);
}
END_TEST

static struct json_object *parse(const char *text)
{
	struct json_object *o = json_tokener_parse(text);

	ck_assert_msg(o != NULL, "not JSON: %s", text);
	return o;
}

START_TEST(json)
{
	static const char *const session_keys[] = {
		"tunnel-id", "session-id", "peer-tunnel-id", "peer-session-id",
		"peer-address", "user", "interface", "state", "uptime",
		"rx-bytes", "tx-bytes", "rx-packets", "tx-packets",
	};
	char out[OUT_MAX], err[OUT_MAX];
	struct json_object *a, *row, *v;
	size_t i;

	start();
	ck_assert_int_eq(run(out, err, "-j", "interface", "l2tp-client",
			     "print", NULL), 0);
	a = parse(out);
	ck_assert_uint_eq(json_object_array_length(a), 2);
	row = json_object_array_get_idx(a, 0);
	ck_assert(json_object_object_get_ex(row, "running", &v) &&
		  json_object_get_boolean(v));
	ck_assert(json_object_object_get_ex(row, "connect-to", &v));
	ck_assert_str_eq(json_object_get_string(v), "192.168.51.3");
	json_object_put(a);

	ck_assert_int_eq(run(out, err, "session", "print", "-j", NULL), 0);
	a = parse(out);
	row = json_object_array_get_idx(a, 0);
	ck_assert_int_eq(json_object_object_length(row), 13);
	for (i = 0; i < 13; i++)
		ck_assert_msg(json_object_object_get_ex(row, session_keys[i],
							&v), "%s missing",
			      session_keys[i]);
	ck_assert(json_object_object_get_ex(row, "rx-bytes", &v));
	ck_assert(json_object_is_type(v, json_type_int));
	ck_assert_int_eq(json_object_get_int64(v), 1000);
	json_object_put(a);

	/* An empty print is an empty array. */
	ck_assert_int_eq(run(out, err, "-j", "tunnel", "print", NULL), 0);
	ck_assert_str_eq(out, "[]\n");
	ck_assert_int_eq(run(out, err, "-j", "interface", "l2tp-client",
			     "monitor", "0", "once", NULL), 0);
	ck_assert_str_eq(out, "{\"status\":\"connected\",\"uptime\":62}\n");
	ctl_harness_stop(&harness);
}
END_TEST

START_TEST(exit_codes)
{
	char out[OUT_MAX], err[OUT_MAX];

	start();
	ck_assert_int_eq(run(out, err, "interface", "l2tp-client", "add",
			     "name=bad", "connect-to=x", NULL), 1);
	ck_assert_str_eq(err, "l2tpctl: connect-to: not an address 'x'\n");
	ck_assert_int_eq(run(out, err, "ppp", "secret", "remove", "7", NULL), 1);
	ck_assert_str_eq(err, "l2tpctl: no such item '7'\n");
	ck_assert_int_eq(run(out, err, "interface", "l2tp-client", "add",
			     "name=ok", "connect-to=192.0.2.1", NULL), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(run(out, err, "reload", NULL), 0);
	/* Refused by the daemon because it has no handler: still 1. */
	ck_assert_int_eq(run(out, err, "ppp", "secret", "enable", "0", NULL), 1);
	ck_assert_str_eq(err, "l2tpctl: request not supported by l2tpd\n");
	ck_assert_int_eq(run(out, err, "interface", "foo", NULL), 2);
	ck_assert_str_eq(err, "l2tpctl: 'foo': unknown word after 'interface'; "
			 "valid: l2tp-client l2tp-server\n");
	ck_assert_int_eq(run(out, err, "-x", NULL), 2);
	ctl_harness_stop(&harness);
	/* The server is gone. */
	ck_assert_int_eq(run(out, err, "reload", NULL), 3);
	ck_assert_ptr_nonnull(strstr(err, "l2tpctl: cannot reach l2tpd at "));
	ck_assert_ptr_nonnull(strstr(err, ": No such file or directory\n"));
}
END_TEST

START_TEST(text)
{
	char out[OUT_MAX], err[OUT_MAX];

	start();
	ck_assert_int_eq(run(out, err, "export", NULL), 0);
	ck_assert_str_eq(out, "# l2tpd.conf\nserver = { enabled = true; };\n");
	ck_assert_int_eq(run(out, err, "interface", "l2tp-client", "monitor",
			     "MT-User", "once", NULL), 0);
	ck_assert_str_eq(out, "  status: connected\n  uptime: 1m2s\n");
	ctl_harness_stop(&harness);
}
END_TEST

/* import-xl2tpd needs no daemon: nothing listens on the socket. */
START_TEST(import)
{
	char out[OUT_MAX], err[OUT_MAX];

	strcpy(harness.path, "/nonexistent/l2tpd.sock");
	ck_assert_int_eq(run(out, err, "import-xl2tpd", TOP_SRCDIR
			     "/t/conf/xl2tpd/nm-l2tp-1.2.conf", NULL), 0);
	ck_assert_ptr_nonnull(strstr(out, "(l2tpctl import-xl2tpd)\n"
				     "server = {\n"));
	ck_assert_int_eq(run(out, err, "import-xl2tpd", "/nonexistent.conf",
			     NULL), 1);
	ck_assert_str_eq(err, "/nonexistent.conf: cannot read: No such file or "
			 "directory\n");
}
END_TEST

#define PARALLEL	100

/* 100 l2tpctl at once: every one gets its answer. */
START_TEST(parallel)
{
	char path[256];
	pid_t pids[PARALLEL];
	int i, status;

	start();
	for (i = 0; i < PARALLEL; i++) {
		fflush(NULL);
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (!pids[i]) {
			snprintf(path, sizeof(path), "/dev/null");
			if (!freopen(path, "w", stdout))
				_exit(126);
			execl(L2TPCTL_BIN, L2TPCTL_BIN, "-s", harness.path,
			      "-j", i % 2 ? "session" : "tunnel", "print",
			      (char *)NULL);
			_exit(127);
		}
	}
	for (i = 0; i < PARALLEL; i++) {
		ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
		ck_assert_msg(WIFEXITED(status) && !WEXITSTATUS(status),
			      "l2tpctl %d: status %d", i, status);
	}
	ctl_harness_stop(&harness);
}
END_TEST

/* The installed script, driven as bash drives it. */
static void bash_complete(const char *line, char *out, size_t len)
{
	char cmd[1024];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd), "bash -c '. %s/etc/bash-completion/l2tpctl; "
		 "COMP_LINE=\"%s%s\"; COMP_POINT=${#COMP_LINE}; _l2tpctl; "
		 "echo \"${COMPREPLY[*]}\"'", TOP_SRCDIR, L2TPCTL_BIN, line);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(out, 1, len - 1, p);
	out[n] = 0;
	ck_assert_int_eq(pclose(p), 0);
}

START_TEST(bash_completion)
{
	char out[1024];

	bash_complete(" int", out, sizeof(out));
	ck_assert_str_eq(out, "interface\n");
	bash_complete(" -j interface l2tp-", out, sizeof(out));
	ck_assert_str_eq(out, "l2tp-client l2tp-server\n");
	bash_complete(" interface l2tp-client add name=x con", out,
		      sizeof(out));
	ck_assert_str_eq(out, "connect-to=\n");
	bash_complete(" -s /tmp/x ppp ", out, sizeof(out));
	ck_assert_str_eq(out, "secret profile active\n");
	bash_complete(" import-xl2tpd " TOP_SRCDIR "/t/conf/xl2tpd/nm-l2tp-1.2.",
		      out, sizeof(out));
	ck_assert_str_eq(out, TOP_SRCDIR "/t/conf/xl2tpd/nm-l2tp-1.2.conf\n");
}
END_TEST

Suite *suite_cli_run(void)
{
	Suite *s = suite_create("cli_run");
	TCase *tc = tcase_create("l2tpctl");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, table);
	tcase_add_test(tc, json);
	tcase_add_test(tc, exit_codes);
	tcase_add_test(tc, text);
	tcase_add_test(tc, import);
	tcase_add_test(tc, parallel);
	tcase_add_test(tc, bash_completion);
	suite_add_tcase(s, tc);
	return s;
}
