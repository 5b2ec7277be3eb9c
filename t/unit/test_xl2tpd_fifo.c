// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/xl2tpd_fifo.c on the real loop: lines as scripts and
 * xl2tpd-control write them (with and without a line break), the FIFO
 * opened again after each writer, an overlong line reported once and
 * skipped, the FIFO's mode, and answers written without blocking.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loop_event.h"
#include "suites.h"
#include "xl2tpd_cmd.h"
#include "xl2tpd_fifo.h"

struct got {
	struct loop *loop;
	int n, want;
	char line[8][XL2TPD_CMD_MAX + 1];
	char err[8][80];
};

static void on_line(void *arg, char *line, const char *err)
{
	struct got *g = arg;

	ck_assert_int_lt(g->n, 8);
	snprintf(g->line[g->n], sizeof(g->line[0]), "%s", line);
	snprintf(g->err[g->n], sizeof(g->err[0]), "%s", err ? err : "");
	if (++g->n == g->want)
		loop_event_stop(g->loop);
}

static void on_timeout(void *arg)
{
	ck_abort_msg("no %d lines within 5 s", ((struct got *)arg)->want);
}

/* Writes text as one writer (open, write, close) and waits for want lines. */
static void send_and_wait(struct got *g, const char *path, const char *text,
			  int want)
{
	struct timer *t = timer_new(g->loop, on_timeout, g);
	int fd = open(path, O_WRONLY | O_NONBLOCK);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	g->n = 0;
	g->want = want;
	timer_arm(t, 5000);
	loop_event_run(g->loop);
	timer_free(t);
	ck_assert_int_eq(g->n, want);
}

static char dir[] = "/tmp/l2tpd-fifo-XXXXXX";

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
}

START_TEST(test_lines)
{
	struct got g = { .loop = loop_event_new() };
	struct xl2tpd_fifo *f;
	char path[64];
	struct stat st;

	/* a directory that is missing is made, as /var/run/xl2tpd may be */
	snprintf(path, sizeof(path), "%s/run/l2tp-control", dir);
	ck_assert_int_eq(xl2tpd_fifo_open(g.loop, path, on_line, &g, &f), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	/* xl2tpd-control ends its command with its close, not a line break */
	send_and_wait(&g, path, "c a\nd b\r\n@/x/y c z", 3);
	ck_assert_str_eq(g.line[0], "c a");
	ck_assert_str_eq(g.line[1], "d b\r");
	ck_assert_str_eq(g.line[2], "@/x/y c z");
	ck_assert_str_eq(g.err[2], "");
	/* opened again for the next writer */
	send_and_wait(&g, path, "x\n", 1);
	ck_assert_str_eq(g.line[0], "x");
	send_and_wait(&g, path, "\n\n\ns\n", 1);
	ck_assert_str_eq(g.line[0], "s");
	xl2tpd_fifo_free(f);
	ck_assert_int_eq(access(path, F_OK), -1);
	loop_free(g.loop);
}
END_TEST

START_TEST(test_overlong)
{
	struct got g = { .loop = loop_event_new() };
	char path[64], *text = malloc(5 * XL2TPD_CMD_MAX);
	struct xl2tpd_fifo *f;

	memset(text, 'x', 4 * XL2TPD_CMD_MAX);
	strcpy(text + 4 * XL2TPD_CMD_MAX, "\nc ok\n");
	snprintf(path, sizeof(path), "%s/ctl", dir);
	ck_assert_int_eq(xl2tpd_fifo_open(g.loop, path, on_line, &g, &f), 0);
	send_and_wait(&g, path, text, 2);
	ck_assert_str_eq(g.err[0], "longer than a command can be");
	ck_assert_uint_eq(strlen(g.line[0]), 64);
	ck_assert_str_eq(g.line[1], "c ok");
	ck_assert_str_eq(g.err[1], "");
	/* the longest line that fits */
	memset(text, 'c', XL2TPD_CMD_MAX);
	text[XL2TPD_CMD_MAX] = '\0';
	send_and_wait(&g, path, text, 1);
	ck_assert_uint_eq(strlen(g.line[0]), XL2TPD_CMD_MAX);
	xl2tpd_fifo_free(f);
	loop_free(g.loop);
	free(text);
}
END_TEST

/* Whatever was at the path goes, as with xl2tpd's unlink() and mkfifo(). */
START_TEST(test_replaces)
{
	struct loop *loop = loop_event_new();
	struct xl2tpd_fifo *f;
	char path[64];
	struct stat st;
	FILE *old;

	snprintf(path, sizeof(path), "%s/ctl", dir);
	old = fopen(path, "w");
	ck_assert_ptr_nonnull(old);
	fclose(old);
	umask(0);
	ck_assert_int_eq(xl2tpd_fifo_open(loop, path, on_line, NULL, &f), 0);
	umask(022);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, 0600);
	xl2tpd_fifo_free(f);
	snprintf(path, sizeof(path), "%s/no/such/dir/ctl", dir);
	ck_assert_int_eq(xl2tpd_fifo_open(loop, path, on_line, NULL, &f),
			 -ENOENT);
	loop_free(loop);
}
END_TEST

START_TEST(test_reply)
{
	char path[64], link[64], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/result", dir);
	ck_assert_int_eq(xl2tpd_fifo_reply(path, "00 OK\n", 6), -ENOENT);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	/* nobody reads: nothing to wait for */
	ck_assert_int_eq(xl2tpd_fifo_reply(path, "00 OK\n", 6), -ENXIO);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(xl2tpd_fifo_reply(path, "00 OK\n", 6), 0);
	n = read(fd, buf, sizeof(buf));
	ck_assert_int_eq(n, 6);
	ck_assert(!memcmp(buf, "00 OK\n", 6));
	close(fd);
	unlink(path);
	/* a regular file is written from its start; a link is not followed */
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_eq(write(fd, "old text, longer\n", 17), 17);
	close(fd);
	ck_assert_int_eq(xl2tpd_fifo_reply(path, "01 Error\n", 9), 0);
	fd = open(path, O_RDONLY);
	n = read(fd, buf, sizeof(buf));
	close(fd);
	ck_assert_int_eq(n, 9);
	snprintf(link, sizeof(link), "%s/link", dir);
	ck_assert_int_eq(symlink(path, link), 0);
	ck_assert_int_eq(xl2tpd_fifo_reply(link, "00 OK\n", 6), -ELOOP);
}
END_TEST

Suite *suite_xl2tpd_fifo(void)
{
	Suite *s = suite_create("xl2tpd_fifo");
	TCase *tc = tcase_create("fifo");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_overlong);
	tcase_add_test(tc, test_replaces);
	tcase_add_test(tc, test_reply);
	suite_add_tcase(s, tc);
	return s;
}
