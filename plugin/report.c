// SPDX-License-Identifier: GPL-2.0-or-later
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "ctl.h"
#include "report.h"

/*
 * The connection. pppd runs one session per process and calls plugins
 * from its single thread, so one static connection is the whole state.
 * It is made again when l2tpd dropped it (an idle client, a restart):
 * every report first says HELLO on a new connection.
 *
 * HELLO and the reports l2tpd only takes note of (phase, auth, ip-up,
 * ip-down) are sent without waiting for their END: l2tpd answers them
 * between its other work, and when many sessions start at once a pppd
 * that waited for each END would wait that long a dozen times before its
 * link is up. Their ENDs are read later (pending), before a request
 * whose answer pppd needs (a secret) or that must arrive before pppd
 * goes (its exit); l2tpd answers requests in order.
 */
static struct {
	int fd;
	char *path;
	unsigned tid, sid;
	pid_t pid;
	const char *version;
	unsigned pending;	/* ENDs not read yet */
	int hello_pending;	/* the first of them is HELLO's */
	int refused;		/* HELLO's error: l2tpd will not hear us */
	struct report_peer peer;
	uint8_t buf[CTL_FRAME_MAX];
} rep = { .fd = -1 };

const struct report_peer *report_peer(void)
{
	return &rep.peer;
}

static uint32_t report_get_ip(struct json_object *o, const char *key)
{
	struct json_object *v;
	struct in_addr in;

	if (!json_object_object_get_ex(o, key, &v) ||
	    inet_pton(AF_INET, json_object_get_string(v), &in) != 1)
		return 0;
	return in.s_addr;
}

/* The optional keys of a secret's ROW (lib/ctl.h, CTL_PLUGIN_SECRET). */
static void report_take_peer(struct json_object *row)
{
	struct json_object *v, *dns;
	size_t i;

	rep.peer.local = report_get_ip(row, CTL_KP_LOCAL);
	rep.peer.remote = report_get_ip(row, CTL_KP_REMOTE);
	if (json_object_object_get_ex(row, CTL_KP_IFNAME, &v) &&
	    strlen(json_object_get_string(v)) < sizeof(rep.peer.ifname))
		strcpy(rep.peer.ifname, json_object_get_string(v));
	if (json_object_object_get_ex(row, CTL_KP_SESSION_TIMEOUT, &v) &&
	    json_object_is_type(v, json_type_int)) {
		rep.peer.has_limits = true;
		rep.peer.session_timeout = (uint32_t)json_object_get_int64(v);
		if (json_object_object_get_ex(row, CTL_KP_IDLE_TIMEOUT, &v))
			rep.peer.idle_timeout =
				(uint32_t)json_object_get_int64(v);
	}
	if (!json_object_object_get_ex(row, CTL_KP_DNS, &dns) ||
	    !json_object_is_type(dns, json_type_array))
		return;
	for (i = 0; i < 2 && i < json_object_array_length(dns); i++) {
		struct in_addr in;

		if (inet_pton(AF_INET, json_object_get_string(
			      json_object_array_get_idx(dns, i)), &in) == 1)
			rep.peer.dns[i] = in.s_addr;
	}
}

static void report_disconnect(void)
{
	if (rep.fd >= 0)
		close(rep.fd);
	rep.fd = -1;
	rep.pending = 0;
	rep.hello_pending = 0;
	explicit_bzero(rep.buf, sizeof(rep.buf));
}

void report_close(void)
{
	report_disconnect();
	free(rep.path);
	rep.path = NULL;
}

/* Copies a ROW's password into out; -ENAMETOOLONG when it does not fit. */
static int report_take_password(struct json_object *row, char *out,
				size_t len)
{
	struct json_object *pw;
	const char *s;

	if (!json_object_object_get_ex(row, CTL_KP_PASSWORD, &pw) ||
	    !json_object_is_type(pw, json_type_string))
		return -EBADMSG;
	s = json_object_get_string(pw);
	if (strlen(s) >= len)
		return -ENAMETOOLONG;
	strcpy(out, s);
	return 0;
}

/*
 * Reads replies up to END: 0 and *status (END's status; for a secret,
 * -ENOENT without a ROW), or a stream error. A ROW's password goes to out.
 */
static int report_replies(char *out, size_t len, int *status)
{
	struct json_object *o, *st;
	const uint8_t *body;
	struct ctl_hdr h;
	int err, got = -ENOENT;

	for (;;) {
		err = ctl_read_frame(rep.fd, rep.buf, &h, &body);
		if (err)
			return err == -EAGAIN ? -ETIMEDOUT : err;
		if (h.type != CTL_ROW && h.type != CTL_END)
			return -EBADMSG;
		err = ctl_json_parse(body, h.len, &o);
		if (err)
			return err;
		if (h.type == CTL_ROW) {
			got = out ? report_take_password(o, out, len) : 0;
			if (out)
				report_take_peer(o);
			json_object_put(o);
			continue;
		}
		if (!json_object_object_get_ex(o, CTL_K_STATUS, &st)) {
			json_object_put(o);
			return -EBADMSG;
		}
		*status = json_object_get_int(st);
		json_object_put(o);
		if (!*status && out)
			*status = got;
		return 0;
	}
}

/*
 * Reads the pending ENDs: all of them (block), or those already here. A
 * refused HELLO is kept in rep.refused: l2tpd does not know this pppd.
 */
static int report_drain(int block)
{
	struct pollfd pfd = { .fd = rep.fd, .events = POLLIN };
	int err, status;

	while (rep.pending) {
		if (!block && poll(&pfd, 1, 0) <= 0)
			return 0;
		status = 0;
		err = report_replies(NULL, 0, &status);
		if (err)
			return err;
		rep.pending--;
		if (rep.hello_pending && status)
			rep.refused = status;
		rep.hello_pending = 0;
	}
	return 0;
}

/*
 * One request on the connection: with status, its replies are waited
 * for (0 and *status); without, its END becomes pending.
 */
static int report_transact(uint16_t type, const char *body, size_t blen,
			   char *out, size_t len, int *status)
{
	int err = report_drain(status != NULL);

	if (!err && status && rep.refused)
		return rep.refused;
	if (!err)
		err = ctl_write_frame(rep.fd, type, body, blen);
	if (!err && status)
		err = report_replies(out, len, status);
	else if (!err)
		rep.pending++;
	explicit_bzero(rep.buf, sizeof(rep.buf));
	return err;
}

static struct json_object *report_hello_body(void);

/* A new connection, with its HELLO (answered later: pending). */
static int report_connect(void)
{
	struct timeval tv = { .tv_sec = REPORT_TIMEOUT_S };
	struct json_object *o;
	const char *s;
	size_t blen;
	int fd, err;

	if (!rep.path)
		return -ENOTCONN;
	fd = ctl_connect(rep.path);
	if (fd < 0)
		return fd;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv))) {
		err = -errno;
		close(fd);
		return err;
	}
	rep.fd = fd;
	o = report_hello_body();
	s = o ? json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN,
						  &blen) : NULL;
	rep.refused = 0;
	err = s ? report_transact(CTL_PLUGIN_HELLO, s, blen, NULL, 0,
				  NULL) : -ENOMEM;
	json_object_put(o);
	if (err)
		report_disconnect();
	else
		rep.hello_pending = 1;
	return err;
}

/*
 * Sends obj (taken) as a type request; with wait, waits for its END:
 * l2tpd's status. A stream error closes the connection (out of step, it
 * cannot be trusted); one that l2tpd closed is made again once.
 */
static int report_request(uint16_t type, struct json_object *obj, int wait,
			  char *out, size_t len)
{
	const char *s;
	size_t blen;
	int err = -ENOMEM, status = 0, attempt;

	s = obj ? json_object_to_json_string_length(obj, JSON_C_TO_STRING_PLAIN,
						    &blen) : NULL;
	for (attempt = 0; s && attempt < 2; attempt++) {
		err = rep.fd < 0 ? report_connect() : 0;
		if (err)
			break;
		err = report_transact(type, s, blen, out, len,
				      wait ? &status : NULL);
		if (!err || err == rep.refused)
			break;
		report_disconnect();
		if (err != -EPIPE && err != -ECONNRESET)
			break;
	}
	json_object_put(obj);
	return err ? err : status;
}

static void report_add_int(struct json_object *o, const char *key,
			   int64_t v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

static void report_add_str(struct json_object *o, const char *key,
			   const char *s)
{
	json_object_object_add(o, key, json_object_new_string(s ? s : ""));
}

static void report_add_ip(struct json_object *o, const char *key,
			  uint32_t addr)
{
	char buf[INET_ADDRSTRLEN];
	struct in_addr in = { .s_addr = addr };

	report_add_str(o, key, inet_ntop(AF_INET, &in, buf, sizeof(buf)));
}

static void report_add_stats(struct json_object *o,
			     const struct report_stats *st)
{
	if (!st->valid)
		return;
	report_add_int(o, CTL_KP_RX_BYTES, (int64_t)st->rx_bytes);
	report_add_int(o, CTL_KP_TX_BYTES, (int64_t)st->tx_bytes);
	report_add_int(o, CTL_KP_RX_PACKETS, (int64_t)st->rx_packets);
	report_add_int(o, CTL_KP_TX_PACKETS, (int64_t)st->tx_packets);
	report_add_int(o, CTL_KP_UPTIME, st->uptime);
}

static struct json_object *report_hello_body(void)
{
	struct json_object *o = json_object_new_object();

	if (o) {
		report_add_int(o, CTL_KP_TUNNEL, rep.tid);
		report_add_int(o, CTL_KP_SESSION, rep.sid);
		report_add_int(o, CTL_KP_PID, rep.pid);
		report_add_str(o, CTL_KP_VERSION, rep.version);
	}
	return o;
}

int report_open(const char *path, unsigned tid, unsigned sid, pid_t pid,
		const char *version)
{
	report_close();
	rep.path = strdup(path);
	if (!rep.path)
		return -ENOMEM;
	rep.tid = tid;
	rep.sid = sid;
	rep.pid = pid;
	rep.version = version;
	return report_connect();
}

int report_phase(const char *phase)
{
	struct json_object *o = json_object_new_object();

	if (o)
		report_add_str(o, CTL_KP_PHASE, phase);
	return report_request(CTL_PLUGIN_PHASE, o, 0, NULL, 0);
}

int report_auth(const char *user, const char *method, int ok, int peer)
{
	struct json_object *o = json_object_new_object();

	if (o) {
		report_add_str(o, CTL_KP_USER, user);
		report_add_str(o, CTL_KP_METHOD, method);
		json_object_object_add(o, CTL_KP_OK,
				       json_object_new_boolean(ok));
		json_object_object_add(o, CTL_KP_PEER,
				       json_object_new_boolean(peer));
	}
	return report_request(CTL_PLUGIN_AUTH, o, 0, NULL, 0);
}

int report_ip_up(const char *ifname, uint32_t local, uint32_t remote,
		 const uint32_t dns[2], const char *user)
{
	struct json_object *o = json_object_new_object();
	struct json_object *a = json_object_new_array();
	int i;

	if (o && a) {
		report_add_str(o, CTL_KP_IFNAME, ifname);
		report_add_ip(o, CTL_KP_LOCAL, local);
		report_add_ip(o, CTL_KP_REMOTE, remote);
		report_add_str(o, CTL_KP_USER, user);
		for (i = 0; i < 2; i++) {
			char buf[INET_ADDRSTRLEN];
			struct in_addr in = { .s_addr = dns[i] };

			if (dns[i])
				json_object_array_add(a, json_object_new_string(
					inet_ntop(AF_INET, &in, buf,
						  sizeof(buf))));
		}
		json_object_object_add(o, CTL_KP_DNS, a);
		a = NULL;
	}
	json_object_put(a);
	return report_request(CTL_PLUGIN_IP_UP, o, 0, NULL, 0);
}

int report_ip_down(const char *ifname, const struct report_stats *st)
{
	struct json_object *o = json_object_new_object();

	if (o) {
		report_add_str(o, CTL_KP_IFNAME, ifname);
		report_add_stats(o, st);
	}
	return report_request(CTL_PLUGIN_IP_DOWN, o, 0, NULL, 0);
}

int report_exit(int exit_status, const struct cause *c,
		const struct report_stats *st)
{
	struct json_object *o = json_object_new_object();

	if (o) {
		report_add_int(o, CTL_KP_EXIT, exit_status);
		report_add_int(o, CTL_KP_CODE, c->code);
		report_add_int(o, CTL_KP_PROTO, c->proto);
		report_add_int(o, CTL_KP_DIRECTION, c->direction);
		report_add_str(o, CTL_KP_MESSAGE, c->message);
		report_add_stats(o, st);
	}
	return report_request(CTL_PLUGIN_EXIT, o, 1, NULL, 0);
}

int report_secret(const char *user, char *out, size_t len)
{
	struct json_object *o = json_object_new_object();

	memset(&rep.peer, 0, sizeof(rep.peer));
	if (o)
		report_add_str(o, CTL_KP_USER, user);
	return report_request(CTL_PLUGIN_SECRET, o, 1, out, len);
}
