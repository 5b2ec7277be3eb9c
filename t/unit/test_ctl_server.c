// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/ctl_server.c on the libevent loop, with fake handlers. The server
 * runs in a child process on a socket in a temporary directory; the test
 * is its clients, with blocking sockets and receive timeouts: many at
 * once, one that never reads, one whose output overflows, ones that send
 * garbage, vanish mid-stream or half-close.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "ctl_harness.h"
#include "ctl_server.h"
#include "loop_event.h"
#include "suites.h"

struct fake {
	struct loop *loop;
	struct ctl_server *srv;
	unsigned closes;	/* monitor requests whose client went away */
	unsigned dones;		/* streams over */
	int flood_err;		/* what ctl_reply_row said to the flood */
};

struct stream {
	struct fake *f;
	unsigned i, n;
	char *pad;
};

struct monitor {
	struct fake *f;
	struct ctl_client *c;
	struct timer *t;
	unsigned n;
};

static int jint(struct json_object *o, const char *key, int def)
{
	struct json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_int(v) :
		def;
}

static int stream_next(void *arg, struct ctl_client *c)
{
	struct stream *st = arg;
	struct json_object *row = json_object_new_object();

	json_object_object_add(row, "i", json_object_new_int((int)st->i));
	if (st->pad)
		json_object_object_add(row, "pad", json_object_new_string(st->pad));
	ctl_reply_row(c, row);
	json_object_put(row);
	return ++st->i < st->n;
}

static void stream_done(void *arg)
{
	struct stream *st = arg;

	st->f->dones++;
	free(st->pad);
	free(st);
}

static void stats_row(struct fake *f, struct ctl_client *c)
{
	const struct ctl_stats *s = ctl_server_stats(f->srv);
	struct json_object *row = json_object_new_object();

#define ADD(k, v) json_object_object_add(row, k, json_object_new_int64((int64_t)(v)))
	ADD("accepted", s->accepted);
	ADD("refused", s->refused);
	ADD("requests", s->requests);
	ADD("bad-frames", s->bad_frames);
	ADD("drop-overflow", s->drop_overflow);
	ADD("drop-idle", s->drop_idle);
	ADD("drop-error", s->drop_error);
	ADD("clients", s->clients);
	ADD("closes", f->closes);
	ADD("dones", f->dones);
	ADD("flood-err", f->flood_err);
#undef ADD
	ctl_reply_row(c, row);
	json_object_put(row);
	ctl_reply_end(c, 0, NULL);
}

/* print: {"n": rows, "size": padding} as a stream; object "stats": stats. */
static void h_print(void *arg, struct ctl_client *c, uint16_t type,
		    struct json_object *body)
{
	struct fake *f = arg;
	struct json_object *obj;
	struct stream *st;
	int size = jint(body, "size", 0);

	if (json_object_object_get_ex(body, "object", &obj) &&
	    !strcmp(json_object_get_string(obj), "stats")) {
		stats_row(f, c);
		return;
	}
	st = calloc(1, sizeof(*st));
	st->f = f;
	st->n = (unsigned)jint(body, "n", 1);
	if (size > 0) {
		st->pad = malloc((size_t)size + 1);
		memset(st->pad, 'x', (size_t)size);
		st->pad[size] = 0;
	}
	ctl_reply_stream(c, stream_next, stream_done, st);
}

/* add: rows pushed without a stream until the server says no. */
static void h_flood(void *arg, struct ctl_client *c, uint16_t type,
		    struct json_object *body)
{
	struct fake *f = arg;
	struct json_object *row = json_object_new_object();
	char pad[1000];
	int i, err = 0;

	memset(pad, 'y', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = 0;
	json_object_object_add(row, "pad", json_object_new_string(pad));
	for (i = 0; i < 100000 && !err; i++)
		err = ctl_reply_row(c, row);
	json_object_put(row);
	f->flood_err = err;
	ctl_reply_end(c, 0, NULL);
}

static void h_echo(void *arg, struct ctl_client *c, uint16_t type,
		   struct json_object *body)
{
	ctl_reply_row(c, body);
	ctl_reply_end(c, 0, NULL);
}

static void h_refuse(void *arg, struct ctl_client *c, uint16_t type,
		     struct json_object *body)
{
	ctl_reply_end(c, -ENOENT, "no such item '%s'", "x");
}

static void monitor_tick(void *arg)
{
	struct monitor *m = arg;
	struct json_object *row = json_object_new_object();

	json_object_object_add(row, "n", json_object_new_int((int)m->n++));
	ctl_reply_row(m->c, row);
	json_object_put(row);
	timer_arm(m->t, 20);
}

static void monitor_close(void *arg)
{
	struct monitor *m = arg;

	m->f->closes++;
	timer_free(m->t);
	free(m);
}

static void h_monitor(void *arg, struct ctl_client *c, uint16_t type,
		      struct json_object *body)
{
	struct monitor *m = calloc(1, sizeof(*m));

	m->f = arg;
	m->c = c;
	m->t = timer_new(m->f->loop, monitor_tick, m);
	ctl_client_on_close(c, monitor_close, m);
	monitor_tick(m);
}

static const struct ctl_handler handlers[] = {
	{ CTL_REQ_PRINT, h_print },
	{ CTL_REQ_ADD, h_flood },
	{ CTL_REQ_SET, h_echo },
	{ CTL_REQ_REMOVE, h_refuse },
	{ CTL_REQ_MONITOR, h_monitor },
};

static struct ctl_harness harness;
static struct fake fake;

static void ready(void *arg, struct loop *loop, struct ctl_server *srv)
{
	struct fake *f = arg;

	f->loop = loop;
	f->srv = srv;
}

static void start(const struct ctl_server_cfg *cfg)
{
	ctl_harness_start(&harness, cfg, handlers, sizeof(handlers) /
			  sizeof(handlers[0]), &fake, ready);
}

static void stop(void)
{
	ctl_harness_stop(&harness);
}

static int conn(void)
{
	return ctl_harness_conn(&harness);
}

static void req(int fd, uint16_t type, const char *body)
{
	ck_assert_int_eq(ctl_write_frame(fd, type, body, strlen(body)), 0);
}

struct reply {
	unsigned rows;
	int status;
	char error[256];
	int last;		/* the last row's "i" or "n" */
	struct json_object *row;	/* the last row */
};

/*
 * Reads rows up to the END, keeping the last (r zeroed at first, then
 * reused); -errno of the socket if it ends first.
 */
static int reply(int fd, struct reply *r)
{
	static uint8_t buf[CTL_FRAME_MAX];
	struct json_object *o, *e;
	const uint8_t *body;
	struct ctl_hdr h;
	int err;

	json_object_put(r->row);
	memset(r, 0, sizeof(*r));
	for (;;) {
		err = ctl_read_frame(fd, buf, &h, &body);
		if (err)
			return err;
		ck_assert_int_eq(ctl_json_parse(body, h.len, &o), 0);
		if (h.type == CTL_END)
			break;
		ck_assert_uint_eq(h.type, CTL_ROW);
		ck_assert_int_eq(jint(o, "i", r->last), (int)r->rows);
		r->last = jint(o, "n", jint(o, "i", 0));
		r->rows++;
		json_object_put(r->row);
		r->row = o;
	}
	r->status = jint(o, "status", 1);
	if (json_object_object_get_ex(o, "error", &e))
		snprintf(r->error, sizeof(r->error), "%s",
			 json_object_get_string(e));
	json_object_put(o);
	return 0;
}

static void reply_free(struct reply *r)
{
	json_object_put(r->row);
	r->row = NULL;
}

/* A print of n rows on fd, answered in full. */
static void expect_rows(int fd, unsigned n)
{
	struct reply r = { 0 };
	char body[32];

	snprintf(body, sizeof(body), "{\"n\":%u}", n);
	req(fd, CTL_REQ_PRINT, body);
	ck_assert_int_eq(reply(fd, &r), 0);
	ck_assert_uint_eq(r.rows, n);
	ck_assert_int_eq(r.status, 0);
	reply_free(&r);
}

/* The server's counters, through a client of their own. */
static int stat_of(const char *key)
{
	struct reply r = { 0 };
	int fd = conn(), v;

	req(fd, CTL_REQ_PRINT, "{\"object\":\"stats\"}");
	ck_assert_int_eq(reply(fd, &r), 0);
	ck_assert_uint_eq(r.rows, 1);
	v = jint(r.row, key, -1);
	reply_free(&r);
	close(fd);
	return v;
}

/* Waits up to 5 s for a counter to reach want. */
static void wait_stat(const char *key, int want)
{
	int i, v = -1;

	for (i = 0; i < 500; i++) {
		v = stat_of(key);
		if (v >= want)
			return;
		usleep(10000);
	}
	ck_abort_msg("%s is %d, not %d", key, v, want);
}

/*
 * Clients that read get 10 s before the idle drop, so a loaded CI machine
 * does not turn a slow reader into a dropped one; the test of the idle
 * drop itself uses 300 ms.
 */
static const struct ctl_server_cfg defaults = { .idle_ms = 10000 };
static const struct ctl_server_cfg quick_idle = { .idle_ms = 300 };

START_TEST(basic)
{
	struct reply r = { 0 };
	struct stat st;
	int fd;

	start(&defaults);
	ck_assert_int_eq(stat(harness.path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0660);
	ck_assert(S_ISSOCK(st.st_mode));
	fd = conn();
	expect_rows(fd, 3);
	req(fd, CTL_REQ_SET, "{\"props\":{\"name\":\"a\"}}");
	ck_assert_int_eq(reply(fd, &r), 0);
	ck_assert_str_eq(json_object_to_json_string_ext(r.row,
		JSON_C_TO_STRING_PLAIN), "{\"props\":{\"name\":\"a\"}}");
	reply_free(&r);
	req(fd, CTL_REQ_REMOVE, "{}");
	ck_assert_int_eq(reply(fd, &r), 0);
	ck_assert_int_eq(r.status, -ENOENT);
	ck_assert_str_eq(r.error, "no such item 'x'");
	/* An empty body is an empty object. */
	req(fd, CTL_REQ_PRINT, "");
	ck_assert_int_eq(reply(fd, &r), 0);
	ck_assert_uint_eq(r.rows, 1);
	reply_free(&r);
	close(fd);
	stop();
}
END_TEST

/* 10,000 rows of 200 bytes: they stream through a bounded queue. */
START_TEST(large_print)
{
	struct reply r = { 0 };
	int fd;

	start(&defaults);
	fd = conn();
	req(fd, CTL_REQ_PRINT, "{\"n\":10000,\"size\":200}");
	ck_assert_int_eq(reply(fd, &r), 0);
	ck_assert_uint_eq(r.rows, 10000);
	ck_assert_int_eq(r.status, 0);
	reply_free(&r);
	close(fd);
	ck_assert_int_eq(stat_of("dones"), 1);
	stop();
}
END_TEST

#define MANY	200

START_TEST(many_clients)
{
	int fds[MANY], i;
	struct reply r = { 0 };

	start(&defaults);
	for (i = 0; i < MANY; i++)
		fds[i] = conn();
	for (i = 0; i < MANY; i++)
		req(fds[i], CTL_REQ_PRINT, "{\"n\":50,\"size\":100}");
	for (i = MANY - 1; i >= 0; i--) {
		ck_assert_int_eq(reply(fds[i], &r), 0);
		ck_assert_uint_eq(r.rows, 50);
		close(fds[i]);
	}
	reply_free(&r);
	ck_assert_int_eq(stat_of("accepted"), MANY + 2);
	stop();
}
END_TEST

/* A client that asks for 100 MB and never reads does not hold anyone up. */
START_TEST(never_reads)
{
	struct timespec t0, t1;
	int slow, fd, i;

	start(&quick_idle);
	slow = conn();
	req(slow, CTL_REQ_PRINT, "{\"n\":100000,\"size\":1000}");
	fd = conn();
	for (i = 0; i < 20; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		expect_rows(fd, 10);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ck_assert_int_lt((t1.tv_sec - t0.tv_sec) * 1000 +
				 (t1.tv_nsec - t0.tv_nsec) / 1000000, 1000);
	}
	/* Idle (300 ms without progress): dropped, its stream over. */
	wait_stat("drop-idle", 1);
	ck_assert_int_eq(stat_of("dones"), 20 + 1);
	ck_assert_int_eq(stat_of("drop-overflow"), 0);
	close(slow);
	close(fd);
	stop();
}
END_TEST

/* Rows pushed without a stream overflow the queue: the client goes. */
START_TEST(overflow)
{
	int fd;

	start(&defaults);
	fd = conn();
	req(fd, CTL_REQ_ADD, "{}");
	wait_stat("drop-overflow", 1);
	ck_assert_int_eq(stat_of("flood-err"), -EPIPE);
	ck_assert_int_eq(stat_of("clients"), 1);
	close(fd);
	stop();
}
END_TEST

/* Expects an END with status and error, then the end of the stream. */
static void expect_refusal(int fd, int status, const char *error, bool hangup)
{
	struct reply r = { 0 };
	char c;

	ck_assert_int_eq(reply(fd, &r), 0);
	ck_assert_uint_eq(r.rows, 0);
	ck_assert_int_eq(r.status, status);
	ck_assert_str_eq(r.error, error);
	if (hangup)
		ck_assert_int_le(read(fd, &c, 1), 0);
}

START_TEST(garbage)
{
	static const char junk[] = "GET / HTTP/1.0\r\n\r\n";
	uint8_t noise[256];
	struct reply r = { 0 };
	int fd, i, j;

	start(&defaults);
	fd = conn();
	ck_assert_int_eq(write(fd, junk, sizeof(junk) - 1), sizeof(junk) - 1);
	expect_refusal(fd, -EPROTONOSUPPORT,
		       "protocol version 18245, l2tpd speaks 1", true);
	close(fd);
	/* Random bytes: answered or dropped, never a hang or a crash. */
	srand(7);
	for (i = 0; i < 100; i++) {
		for (j = 0; j < (int)sizeof(noise); j++)
			noise[j] = (uint8_t)rand();
		fd = conn();
		ck_assert_int_eq(write(fd, noise, sizeof(noise)), sizeof(noise));
		shutdown(fd, SHUT_WR);
		while (reply(fd, &r) == 0)
			;
		reply_free(&r);
		close(fd);
	}
	fd = conn();
	expect_rows(fd, 2);
	close(fd);
	ck_assert_int_ge(stat_of("bad-frames"), 101);
	stop();
}
END_TEST

START_TEST(bad_frames)
{
	uint8_t big[CTL_HDR_LEN] = { 0, 1, 1, 0, 0x10, 0, 0, 0 };
	int fd;

	start(&defaults);
	fd = conn();
	ck_assert_int_eq(write(fd, big, sizeof(big)), sizeof(big));
	expect_refusal(fd, -EMSGSIZE,
		       "message of 268435456 bytes, at most 65536", true);
	close(fd);

	/* These leave the connection usable. */
	fd = conn();
	req(fd, 0x777, "{}");
	expect_refusal(fd, -ENOMSG, "unknown message type 0x777", false);
	req(fd, CTL_REQ_PRINT, "{\"n\":");
	expect_refusal(fd, -EBADMSG, "the request's body is not a JSON object",
		       false);
	req(fd, CTL_REQ_ENABLE, "{}");
	expect_refusal(fd, -EOPNOTSUPP, "request not supported by l2tpd", false);
	req(fd, CTL_ROW, "{}");
	expect_refusal(fd, -EOPNOTSUPP, "not a request", false);
	req(fd, CTL_PLUGIN_FIRST, "{}");
	expect_refusal(fd, -EOPNOTSUPP, "request not supported by l2tpd", false);
	expect_rows(fd, 1);
	close(fd);
	ck_assert_int_eq(stat_of("bad-frames"), 6);
	stop();
}
END_TEST

/* Requests sent back to back are answered in order, one at a time. */
START_TEST(pipelined)
{
	static uint8_t buf[3 * 64];
	struct reply r = { 0 };
	struct wbuf w;
	int fd, n;

	start(&defaults);
	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_REQ_PRINT, "{\"n\":2}", 7), 0);
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_REQ_REMOVE, "{}", 2), 0);
	ck_assert_int_eq(ctl_frame_encode(&w, CTL_REQ_PRINT, "{\"n\":3}", 7), 0);
	fd = conn();
	ck_assert_int_eq(write(fd, buf, w.len), (ssize_t)w.len);
	shutdown(fd, SHUT_WR);
	for (n = 2; n <= 3; n++) {
		ck_assert_int_eq(reply(fd, &r), 0);
		ck_assert_uint_eq(r.rows, (unsigned)n);
		if (n == 2)
			expect_refusal(fd, -ENOENT, "no such item 'x'", false);
	}
	reply_free(&r);
	/* Half-closed and answered: the server hangs up. */
	ck_assert_int_eq(reply(fd, &r), -EPIPE);
	close(fd);
	stop();
}
END_TEST

/* An open request's hook runs when its client vanishes. */
START_TEST(monitor_vanishes)
{
	static uint8_t buf[CTL_FRAME_MAX];
	const uint8_t *body;
	struct ctl_hdr h;
	int fd, i;

	start(&defaults);
	fd = conn();
	req(fd, CTL_REQ_MONITOR, "{}");
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(ctl_read_frame(fd, buf, &h, &body), 0);
		ck_assert_uint_eq(h.type, CTL_ROW);
	}
	close(fd);
	wait_stat("closes", 1);
	/* And a stream's done() when its client goes mid-stream. */
	fd = conn();
	req(fd, CTL_REQ_PRINT, "{\"n\":1000000,\"size\":100}");
	ck_assert_int_eq(ctl_read_frame(fd, buf, &h, &body), 0);
	close(fd);
	wait_stat("dones", 1);
	fd = conn();
	expect_rows(fd, 1);
	close(fd);
	stop();
}
END_TEST

/*
 * A connection that got an answer: the server may not have seen start()'s
 * probe hang up yet, and refuses until it has.
 */
static int conn_served(void)
{
	struct reply r = { 0 };
	int i, fd;

	for (i = 0; i < 500; i++) {
		fd = conn();
		if (!ctl_write_frame(fd, CTL_REQ_PRINT, "{}", 2) &&
		    !reply(fd, &r) && r.status == 0) {
			reply_free(&r);
			return fd;
		}
		reply_free(&r);
		close(fd);
		usleep(10000);
	}
	ck_abort_msg("no answer");
	return -1;
}

START_TEST(max_clients)
{
	static const struct ctl_server_cfg cfg = { .max_clients = 2 };
	int a, b, c;

	start(&cfg);
	a = conn_served();
	b = conn_served();
	c = conn();
	expect_refusal(c, -EUSERS, "too many control clients", true);
	close(a);
	close(b);
	close(c);
	stop();
}
END_TEST

START_TEST(socket_file)
{
	struct loop *loop = loop_event_new();
	struct ctl_server_cfg cfg = { .group = "0", .mode = 0600 };
	struct ctl_server *s1, *s2;
	char dir[64], path[128];
	struct stat st;
	int fd;

	strcpy(dir, "/tmp/l2tpd-ctl-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/l2tpd.sock", dir);
	cfg.path = path;
	ck_assert_int_eq(ctl_server_new(loop, &cfg, handlers, 1, NULL, &s1), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_uint_eq(st.st_gid, 0);
	/* A live socket is a second daemon: never taken over. */
	ck_assert_int_eq(ctl_server_new(loop, &cfg, handlers, 1, NULL, &s2),
			 -EADDRINUSE);
	ck_assert_int_eq(access(path, F_OK), 0);
	ctl_server_free(s1);
	ck_assert_int_ne(access(path, F_OK), 0);

	/* A stale one (nobody listens) is replaced. */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	{
		struct sockaddr_un sun = { .sun_family = AF_UNIX };

		strcpy(sun.sun_path, path);
		ck_assert_int_eq(bind(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
	}
	close(fd);
	ck_assert_int_eq(ctl_server_new(loop, &cfg, handlers, 1, NULL, &s1), 0);
	ctl_server_free(s1);

	/* Not a socket: left alone. */
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	close(fd);
	ck_assert_int_eq(ctl_server_new(loop, &cfg, handlers, 1, NULL, &s1),
			 -EEXIST);
	unlink(path);

	cfg.group = "no-such-group-l2tpd";
	ck_assert_int_eq(ctl_server_new(loop, &cfg, handlers, 1, NULL, &s1),
			 -ENOENT);
	ck_assert_int_ne(access(path, F_OK), 0);
	cfg.group = NULL;
	cfg.path = "/tmp/a-path-that-is-far-too-long-for-a-unix-socket-address"
		"-because-sun-path-has-only-108-bytes-xxxxxxxxxxxxxxxxxxxxxxxx";
	ck_assert_int_eq(ctl_server_new(loop, &cfg, handlers, 1, NULL, &s1),
			 -ENAMETOOLONG);
	ck_assert_int_eq(rmdir(dir), 0);
	loop_free(loop);
}
END_TEST

static void stop_soon(void *arg)
{
	loop_event_stop(arg);
}

/* A socketpair handed to an unbound server, all in this process. */
START_TEST(adopt)
{
	struct loop *loop = loop_event_new();
	struct fake f = { .loop = loop };
	struct ctl_server *s;
	struct timer *t;
	struct reply r = { 0 };
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(ctl_server_new_unbound(loop, NULL, handlers, 1, &f,
						&s), 0);
	ck_assert_int_eq(ctl_server_adopt(s, sv[0]), 0);
	ck_assert_uint_eq(ctl_server_stats(s)->clients, 1);
	req(sv[1], CTL_REQ_PRINT, "{\"n\":5}");
	t = timer_new(loop, stop_soon, loop);
	timer_arm(t, 100);
	loop_event_run(loop);
	ck_assert_int_eq(reply(sv[1], &r), 0);
	ck_assert_uint_eq(r.rows, 5);
	reply_free(&r);
	ck_assert_uint_eq(ctl_server_stats(s)->requests, 1);
	ck_assert_uint_eq(f.dones, 1);
	ctl_server_free(s);
	/* Freeing the server hung up on its clients. */
	ck_assert_int_eq(reply(sv[1], &r), -EPIPE);
	close(sv[1]);
	timer_free(t);
	loop_free(loop);
}
END_TEST

Suite *suite_ctl_server(void)
{
	Suite *s = suite_create("ctl_server");
	TCase *tc = tcase_create("server");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, basic);
	tcase_add_test(tc, large_print);
	tcase_add_test(tc, many_clients);
	tcase_add_test(tc, never_reads);
	tcase_add_test(tc, overflow);
	tcase_add_test(tc, garbage);
	tcase_add_test(tc, bad_frames);
	tcase_add_test(tc, pipelined);
	tcase_add_test(tc, monitor_vanishes);
	tcase_add_test(tc, max_clients);
	tcase_add_test(tc, socket_file);
	tcase_add_test(tc, adopt);
	suite_add_tcase(s, tc);
	return s;
}
