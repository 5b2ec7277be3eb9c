// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/xl2tpd_cmd.c: every command of xl2tpd's control FIFO as scripts
 * and xl2tpd-control write it, and the lines it must refuse, each with
 * its reason.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "xl2tpd_cmd.h"

static const struct {
	const char *line;
	int op;
	const char *result, *name, *arg0, *arg1, *settings;
	unsigned id;
} ok_cases[] = {
	{ "c myvpn", 'c', NULL, "myvpn", NULL, NULL, NULL, 0 },
	{ "c myvpn alice", 'c', NULL, "myvpn", "alice", NULL, NULL, 0 },
	{ "c myvpn alice s3cret", 'c', NULL, "myvpn", "alice", "s3cret",
	  NULL, 0 },
	{ "  c\tmyvpn  \r", 'c', NULL, "myvpn", NULL, NULL, NULL, 0 },
	{ "c 4711", 'c', NULL, "4711", NULL, NULL, NULL, 4711 },
	{ "c 65536", 'c', NULL, "65536", NULL, NULL, NULL, 0 },
	{ "c 0", 'c', NULL, "0", NULL, NULL, NULL, 0 },
	{ "o myvpn 5551234", 'o', NULL, "myvpn", "5551234", NULL, NULL, 0 },
	{ "h 17", 'h', NULL, "17", NULL, NULL, NULL, 17 },
	{ "d myvpn", 'd', NULL, "myvpn", NULL, NULL, NULL, 0 },
	{ "d 4711", 'd', NULL, "4711", NULL, NULL, NULL, 4711 },
	{ "a new", 'a', NULL, "new", NULL, NULL, "", 0 },
	{ "a new lns=192.0.2.7;autodial=yes;", 'a', NULL, "new", NULL, NULL,
	  "lns=192.0.2.7\nautodial=yes\n", 0 },
	{ "a new ppp debug = yes ; redial timeout=5", 'a', NULL, "new", NULL,
	  NULL, "ppp debug = yes \n redial timeout=5", 0 },
	{ "a new k=v;;;", 'a', NULL, "new", NULL, NULL, "k=v\n\n\n", 0 },
	{ "r old", 'r', NULL, "old", NULL, NULL, NULL, 0 },
	{ "s", 's', NULL, NULL, NULL, NULL, NULL, 0 },
	{ "s myvpn", 's', NULL, NULL, NULL, NULL, NULL, 0 },
	{ "t 192.0.2.1", 't', NULL, "192.0.2.1", NULL, NULL, NULL, 0 },
	{ "z default ip range=10.1.0.2-10.1.0.9;local ip=10.1.0.1", 'z',
	  NULL, "default", NULL, NULL,
	  "ip range=10.1.0.2-10.1.0.9\nlocal ip=10.1.0.1", 0 },
	{ "y default", 'y', NULL, "default", NULL, NULL, NULL, 0 },
	{ "x", 'x', NULL, NULL, NULL, NULL, NULL, 0 },
	/* xl2tpd-control prints a NULL tunnel name as "(null)" */
	{ "x (null)", 'x', NULL, NULL, NULL, NULL, NULL, 0 },
	{ "w branch", 'w', NULL, "branch", NULL, NULL, NULL, 0 },
	/* xl2tpd-control: the result FIFO, and no line break at the end */
	{ "@/var/run/xl2tpd/xl2tpd-control-42.out c myvpn", 'c',
	  "/var/run/xl2tpd/xl2tpd-control-42.out", "myvpn", NULL, NULL, NULL,
	  0 },
	{ "@/tmp/r a v lns=192.0.2.7;", 'a', "/tmp/r", "v", NULL, NULL,
	  "lns=192.0.2.7\n", 0 },
};

static const char *opt(const char *s)
{
	return s ? s : "(none)";
}

START_TEST(test_ok)
{
	char line[XL2TPD_CMD_MAX + 8];
	struct xl2tpd_cmd cmd;
	const char *why = NULL;
	int err;

	snprintf(line, sizeof(line), "%s", ok_cases[_i].line);
	err = xl2tpd_cmd_parse(line, &cmd, &why);
	ck_assert_msg(!err, "'%s': %s", ok_cases[_i].line, why);
	ck_assert_int_eq(cmd.op, ok_cases[_i].op);
	ck_assert_str_eq(opt(cmd.result), opt(ok_cases[_i].result));
	ck_assert_str_eq(opt(cmd.name), opt(ok_cases[_i].name));
	ck_assert_str_eq(opt(cmd.arg[0]), opt(ok_cases[_i].arg0));
	ck_assert_str_eq(opt(cmd.arg[1]), opt(ok_cases[_i].arg1));
	ck_assert_str_eq(opt(cmd.settings), opt(ok_cases[_i].settings));
	ck_assert_uint_eq(cmd.id, ok_cases[_i].id);
}
END_TEST

static const struct {
	const char *line;
	const char *why;
	int op;			/* what cmd.op still says */
	const char *result;	/* and cmd.result */
} bad_cases[] = {
	{ "", "an empty command", 0, NULL },
	{ "   ", "an empty command", 0, NULL },
	{ "q myvpn", "unknown command", 'q', NULL },
	{ "u 4711", "unknown command", 'u', NULL },
	{ "connect myvpn", "a command is one letter, then a blank", 'c', NULL },
	{ "c", "a name is missing", 'c', NULL },
	{ "c   ", "a name is missing", 'c', NULL },
	{ "c a b c d", "too many words", 'c', NULL },
	{ "o myvpn", "a word is missing", 'o', NULL },
	{ "h", "a name is missing", 'h', NULL },
	{ "h abc", "not a call id (1-65535)", 'h', NULL },
	{ "h 0", "not a call id (1-65535)", 'h', NULL },
	{ "h 70000", "not a call id (1-65535)", 'h', NULL },
	{ "h -1", "not a call id (1-65535)", 'h', NULL },
	{ "d", "a name is missing", 'd', NULL },
	{ "d a b", "too many words", 'd', NULL },
	{ "r", "a name is missing", 'r', NULL },
	{ "t", "a name is missing", 't', NULL },
	{ "y", "a name is missing", 'y', NULL },
	{ "w", "a name is missing", 'w', NULL },
	{ "a", "a name is missing", 'a', NULL },
	{ "z", "a name is missing", 'z', NULL },
	{ "a v lns", "a setting without '=' (settings are KEY=VALUE;"
	  "KEY=VALUE)", 'a', NULL },
	{ "a v lns=192.0.2.7;autodial", "a setting without '=' (settings "
	  "are KEY=VALUE;KEY=VALUE)", 'a', NULL },
	{ "a v =yes", "a setting without a key", 'a', NULL },
	{ "z v [lns evil]=x", "a setting without a key", 'z', NULL },
	{ "c my\x01vpn", "a control character in the command", 0, NULL },
	{ "c myvpn\x1b[2J", "a control character in the command", 0, NULL },
	{ "@/tmp/r", "a result file but no command", 0, NULL },
	{ "@ c myvpn", "a result file but no command", 0, NULL },
	{ "@tmp/r c myvpn", "the result file must be an absolute path", 0,
	  NULL },
	{ "@/tmp/r q", "unknown command", 'q', "/tmp/r" },
	{ "@/tmp/r c", "a name is missing", 'c', "/tmp/r" },
};

START_TEST(test_bad)
{
	char line[XL2TPD_CMD_MAX + 8];
	struct xl2tpd_cmd cmd;
	const char *why = NULL;

	snprintf(line, sizeof(line), "%s", bad_cases[_i].line);
	ck_assert_int_eq(xl2tpd_cmd_parse(line, &cmd, &why), -EINVAL);
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(why, bad_cases[_i].why);
	ck_assert_int_eq(cmd.op, bad_cases[_i].op);
	ck_assert_str_eq(opt(cmd.result), opt(bad_cases[_i].result));
}
END_TEST

START_TEST(test_long_lines)
{
	char line[XL2TPD_CMD_MAX + 8], number[XL2TPD_NUMBER_MAX + 2];
	struct xl2tpd_cmd cmd;
	const char *why = NULL;

	memset(line, 'x', sizeof(line));
	line[0] = 'c';
	line[1] = ' ';
	line[XL2TPD_CMD_MAX - 1] = '\0';
	ck_assert_int_eq(xl2tpd_cmd_parse(line, &cmd, &why), 0);
	ck_assert_uint_eq(strlen(cmd.name), XL2TPD_CMD_MAX - 3);
	memset(line, 'x', sizeof(line));
	line[0] = 'c';
	line[1] = ' ';
	line[XL2TPD_CMD_MAX] = '\0';
	ck_assert_int_eq(xl2tpd_cmd_parse(line, &cmd, &why), -EINVAL);
	ck_assert_str_eq(why, "longer than a command can be");
	memset(number, '5', sizeof(number));
	number[sizeof(number) - 1] = '\0';
	snprintf(line, sizeof(line), "o v %.*s", XL2TPD_NUMBER_MAX, number);
	ck_assert_int_eq(xl2tpd_cmd_parse(line, &cmd, &why), 0);
	snprintf(line, sizeof(line), "o v %s", number);
	ck_assert_int_eq(xl2tpd_cmd_parse(line, &cmd, &why), -EINVAL);
	ck_assert_str_eq(why, "the number is too long");
}
END_TEST

START_TEST(test_names)
{
	ck_assert_str_eq(xl2tpd_cmd_name('c'), "connect");
	ck_assert_str_eq(xl2tpd_cmd_name('w'), "remove lns");
	ck_assert_str_eq(xl2tpd_cmd_name('u'), "unknown");
}
END_TEST

Suite *suite_xl2tpd_cmd(void)
{
	Suite *s = suite_create("xl2tpd_cmd");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_ok, 0,
			    sizeof(ok_cases) / sizeof(ok_cases[0]));
	tcase_add_loop_test(tc, test_bad, 0,
			    sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tc, test_long_lines);
	tcase_add_test(tc, test_names);
	suite_add_tcase(s, tc);
	return s;
}
