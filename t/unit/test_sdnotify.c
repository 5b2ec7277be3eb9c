// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/sdnotify.c against a socket that stands in for systemd: a
 * datagram socket in a temporary directory (or the abstract namespace)
 * named by $NOTIFY_SOCKET; each test reads back the exact datagram.
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "sdnotify.h"
#include "suites.h"

struct manager {
	char dir[64];
	char path[128];
	int fd;
};

/* A "service manager": a bound datagram socket, $NOTIFY_SOCKET set to it. */
static void manager_open(struct manager *m, bool abstract)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t len;

	m->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(m->fd, 0);
	m->dir[0] = '\0';
	if (abstract) {
		snprintf(m->path, sizeof(m->path), "@l2tpd-sdnotify-%d",
			 (int)getpid());
		memcpy(sun.sun_path + 1, m->path + 1, strlen(m->path) - 1);
		len = offsetof(struct sockaddr_un, sun_path) + strlen(m->path);
	} else {
		strcpy(m->dir, "/tmp/l2tpd-sdnotify-XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(m->dir));
		snprintf(m->path, sizeof(m->path), "%s/notify", m->dir);
		strcpy(sun.sun_path, m->path);
		len = sizeof(sun);
	}
	ck_assert_int_eq(bind(m->fd, (struct sockaddr *)&sun, len), 0);
	ck_assert_int_eq(setenv("NOTIFY_SOCKET", m->path, 1), 0);
}

static void manager_close(struct manager *m)
{
	close(m->fd);
	if (m->dir[0]) {
		unlink(m->path);
		rmdir(m->dir);
	}
	unsetenv("NOTIFY_SOCKET");
}

/* The next datagram, NUL-terminated; fails the test when none is queued. */
static const char *manager_recv(struct manager *m)
{
	static char buf[512];
	ssize_t n;

	n = recv(m->fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	ck_assert_msg(n >= 0, "no datagram: %s", strerror(errno));
	buf[n] = '\0';
	return buf;
}

static void manager_expect_none(struct manager *m)
{
	char c;

	ck_assert_int_lt(recv(m->fd, &c, 1, MSG_DONTWAIT), 0);
	ck_assert_int_eq(errno, EAGAIN);
}

START_TEST(test_ready_stopping)
{
	struct manager m;

	manager_open(&m, false);
	ck_assert_int_eq(sdnotify_ready(), 0);
	ck_assert_str_eq(manager_recv(&m), "READY=1");
	ck_assert_int_eq(sdnotify_stopping(), 0);
	ck_assert_str_eq(manager_recv(&m), "STOPPING=1");
	ck_assert_int_eq(sdnotify_send("READY=1\nSTATUS=x"), 0);
	ck_assert_str_eq(manager_recv(&m), "READY=1\nSTATUS=x");
	manager_expect_none(&m);
	manager_close(&m);
}
END_TEST

START_TEST(test_status)
{
	struct manager m;

	manager_open(&m, false);
	ck_assert_int_eq(sdnotify_status("%u tunnels, %u sessions", 3u, 7u), 0);
	ck_assert_str_eq(manager_recv(&m), "STATUS=3 tunnels, 7 sessions");
	/* A newline (from a peer's host name, say) must not start a line. */
	ck_assert_int_eq(sdnotify_status("peer %s", "evil\nREADY=1\r"), 0);
	ck_assert_str_eq(manager_recv(&m), "STATUS=peer evil READY=1 ");
	ck_assert_int_eq(sdnotify_status("%s", ""), 0);
	ck_assert_str_eq(manager_recv(&m), "STATUS=");
	manager_close(&m);
}
END_TEST

START_TEST(test_reloading)
{
	struct manager m;
	unsigned long long usec, before, after;
	struct timespec ts;
	const char *msg;

	manager_open(&m, false);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	before = ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000;
	ck_assert_int_eq(sdnotify_reloading(), 0);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	after = ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000;
	msg = manager_recv(&m);
	ck_assert_int_eq(sscanf(msg, "RELOADING=1\nMONOTONIC_USEC=%llu", &usec),
			 1);
	ck_assert(usec >= before && usec <= after);
	ck_assert_ptr_null(strchr(strchr(msg, '\n') + 1, '\n'));
	manager_close(&m);
}
END_TEST

START_TEST(test_abstract)
{
	struct manager m;

	manager_open(&m, true);
	ck_assert_int_eq(sdnotify_ready(), 0);
	ck_assert_str_eq(manager_recv(&m), "READY=1");
	manager_close(&m);
}
END_TEST

START_TEST(test_no_manager)
{
	/* Started by hand or by a test: nothing to tell, not an error. */
	unsetenv("NOTIFY_SOCKET");
	ck_assert_int_eq(sdnotify_ready(), 0);
	ck_assert_int_eq(sdnotify_status("%d", 1), 0);
	setenv("NOTIFY_SOCKET", "", 1);
	ck_assert_int_eq(sdnotify_ready(), 0);
	unsetenv("NOTIFY_SOCKET");
}
END_TEST

/* Addresses that cannot be a manager's socket, each with its error. */
START_TEST(test_bad_socket)
{
	static const struct {
		const char *env;
		int err;
	} cases[] = {
		{ "notify", -EAFNOSUPPORT },
		{ "vsock:2:1234", -EAFNOSUPPORT },
		{ "/nonexistent/l2tpd/notify", -ENOENT },
	};
	char longpath[200];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		setenv("NOTIFY_SOCKET", cases[i].env, 1);
		ck_assert_msg(sdnotify_ready() == cases[i].err, "%s",
			      cases[i].env);
	}
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	setenv("NOTIFY_SOCKET", longpath, 1);
	ck_assert_int_eq(sdnotify_ready(), -ENAMETOOLONG);
	unsetenv("NOTIFY_SOCKET");
}
END_TEST

/* Each message opens and closes its own socket: no descriptor is left. */
START_TEST(test_no_fd_leak)
{
	struct manager m;
	int before, after, i;

	manager_open(&m, false);
	before = dup(0);
	close(before);
	for (i = 0; i < 50; i++) {
		ck_assert_int_eq(sdnotify_status("%d", i), 0);
		manager_recv(&m);
	}
	setenv("NOTIFY_SOCKET", "/nonexistent/l2tpd/notify", 1);
	ck_assert_int_eq(sdnotify_ready(), -ENOENT);
	after = dup(0);
	close(after);
	ck_assert_int_eq(before, after);
	manager_close(&m);
}
END_TEST

Suite *suite_sdnotify(void)
{
	Suite *s = suite_create("sdnotify");
	TCase *tc = tcase_create("protocol");

	tcase_add_test(tc, test_ready_stopping);
	tcase_add_test(tc, test_status);
	tcase_add_test(tc, test_reloading);
	tcase_add_test(tc, test_abstract);
	tcase_add_test(tc, test_no_manager);
	tcase_add_test(tc, test_bad_socket);
	tcase_add_test(tc, test_no_fd_leak);
	suite_add_tcase(s, tc);
	return s;
}
