// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The control socket server (ctl_server.h): clients, their bounded input and
 * output buffers, request dispatch and the streaming of long replies. The
 * listening socket itself is set up in ctl_sock.c.
 *
 * A client is never freed inside a callback that may still hold it: a
 * dropped client is marked dead, its fd closed at once, and the struct
 * freed by the server's reaper, a zero-delay timer. The same timer resumes
 * input that waited for a request to end.
 *
 * Its sockets are LOOP_URGENT: the requests are short, and a pppd waits
 * on the plugin socket with its session's setup stopped.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <json-c/json.h>

#include "ctl_impl.h"
#include "err.h"
#include "log.h"

/*
 * Input starts small; it grows to the frame at its head, up to one frame.
 * Both buffers exist only while they hold something: a pppd's connection
 * lasts as long as its session and is silent nearly all of that time, so
 * a session costs no buffers while it is up.
 */
#define CTL_IN_MIN	4096
/* Connections accepted per wake-up, so a connect storm cannot starve us. */
#define CTL_ACCEPT_BURST	64

struct ctl_client {
	struct ctl_server *srv;
	struct ctl_client *prev, *next;
	int fd;
	struct loop_watch *rw, *ww;
	struct timer *idle;
	uid_t uid;
	pid_t pid;
	uint8_t *in;
	size_t in_len, in_cap;
	uint8_t *out;
	size_t out_off, out_len, out_cap;
	bool busy;		/* a request is open */
	bool eof;		/* the peer will send nothing more */
	bool closing;		/* drop once the output is flushed */
	bool dead;		/* dropped: the reaper frees it */
	bool pumping;		/* in pump(): no re-entry */
	bool resume;		/* input waits for the reaper */
	ctl_next_fn *stream;
	void (*done)(void *arg);
	void *sarg;
	void (*on_close)(void *arg);
	void *carg;
};

static void client_update(struct ctl_client *c);
static void client_process(struct ctl_client *c);

static void kick(struct ctl_server *s)
{
	if (!timer_pending(s->reaper))
		timer_arm(s->reaper, 0);
}

static void client_drop(struct ctl_client *c, uint64_t *counter)
{
	if (c->dead)
		return;
	c->dead = true;
	if (counter)
		(*counter)++;
	loop_watch_free(c->rw);
	loop_watch_free(c->ww);
	c->rw = c->ww = NULL;
	timer_cancel(c->idle);
	close(c->fd);
	c->fd = -1;
	c->srv->st.clients--;
	kick(c->srv);
}

static void client_free(struct ctl_client *c)
{
	struct ctl_server *s = c->srv;

	if (c->prev)
		c->prev->next = c->next;
	else
		s->clients = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (c->busy && c->on_close)
		c->on_close(c->carg);
	if (c->done)
		c->done(c->sarg);
	timer_free(c->idle);
	free(c->in);
	free(c->out);
	free(c);
}

static void client_touch(struct ctl_client *c)
{
	timer_arm(c->idle, c->srv->cfg.idle_ms);
}

/*
 * Idle: nothing asked and nothing to send, or output the peer does not
 * read. A request the daemon itself keeps open with nothing queued
 * (monitor between rows) is not the client's fault.
 */
static void client_idle(void *arg)
{
	struct ctl_client *c = arg;

	if (c->busy && c->out_len == c->out_off) {
		client_touch(c);
		return;
	}
	log_debug("control: client pid %ld idle for %u ms, dropped",
		  (long)c->pid, c->srv->cfg.idle_ms);
	client_drop(c, &c->srv->st.drop_idle);
}

static size_t out_queued(const struct ctl_client *c)
{
	return c->out_len - c->out_off;
}

static bool out_room(const struct ctl_client *c)
{
	return out_queued(c) + CTL_FRAME_MAX <= c->srv->cfg.out_max;
}

static void flush(struct ctl_client *c)
{
	ssize_t n;

	while (!c->dead && c->out_off < c->out_len) {
		n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
			 MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			log_debug("control: client pid %ld: send: %s",
				  (long)c->pid, strerror(errno));
			client_drop(c, &c->srv->st.drop_error);
			return;
		}
		c->out_off += (size_t)n;
		client_touch(c);
	}
	if (c->out_off == c->out_len) {
		free(c->out);
		c->out = NULL;
		c->out_off = c->out_len = c->out_cap = 0;
	}
}

/* Makes room for n more bytes within out_max; false when it overflows. */
static bool out_reserve(struct ctl_client *c, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (out_queued(c) + n > c->srv->cfg.out_max)
		return false;
	if (c->out_off && c->out_len + n > c->out_cap) {
		memmove(c->out, c->out + c->out_off, out_queued(c));
		c->out_len -= c->out_off;
		c->out_off = 0;
	}
	if (c->out_len + n <= c->out_cap)
		return true;
	cap = c->out_cap ? c->out_cap : CTL_IN_MIN;
	while (cap < c->out_len + n)
		cap *= 2;
	if (cap > c->srv->cfg.out_max)
		cap = c->srv->cfg.out_max;
	p = realloc(c->out, cap);
	if (!p)
		return false;
	c->out = p;
	c->out_cap = cap;
	return true;
}

/* Queues one frame and tries to send it at once. */
static int send_frame(struct ctl_client *c, uint16_t type, const void *body,
		      size_t len)
{
	struct wbuf w;

	if (c->dead)
		return -EPIPE;
	if (len > CTL_BODY_MAX)
		return -EMSGSIZE;
	if (!out_reserve(c, CTL_HDR_LEN + len)) {
		log_debug("control: client pid %ld: output over %zu bytes, "
			  "dropped", (long)c->pid, c->srv->cfg.out_max);
		client_drop(c, &c->srv->st.drop_overflow);
		return -EPIPE;
	}
	wbuf_init(&w, c->out + c->out_len, c->out_cap - c->out_len);
	ctl_frame_encode(&w, type, body, len);
	c->out_len += w.len;
	flush(c);
	client_update(c);
	return c->dead ? -EPIPE : 0;
}

static int send_json(struct ctl_client *c, uint16_t type,
		     struct json_object *o)
{
	const char *s;
	size_t len;

	if (!o)
		return -ENOMEM;
	s = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN, &len);
	return s ? send_frame(c, type, s, len) : -ENOMEM;
}

static int send_end(struct ctl_client *c, int status, const char *error)
{
	struct json_object *o = ctl_json_end(status, error);
	int err = send_json(c, CTL_END, o);

	json_object_put(o);
	return err;
}

int ctl_reply_row(struct ctl_client *c, struct json_object *row)
{
	if (c->dead)
		return -EPIPE;
	if (!c->busy)
		return -EALREADY;
	return send_json(c, CTL_ROW, row);
}

int ctl_reply_text(struct ctl_client *c, const char *text, size_t len)
{
	if (c->dead)
		return -EPIPE;
	if (!c->busy)
		return -EALREADY;
	return send_frame(c, CTL_TEXT, text, len);
}

int ctl_reply_end(struct ctl_client *c, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	if (!c->busy)
		return c->dead ? -EPIPE : -EALREADY;
	c->busy = false;
	c->on_close = NULL;
	c->resume = true;
	kick(c->srv);
	if (c->dead)
		return -EPIPE;
	if (status && fmt) {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	return send_end(c, status, status && fmt ? msg : NULL);
}

static void stream_finish(struct ctl_client *c)
{
	void (*done)(void *arg) = c->done;

	c->stream = NULL;
	c->done = NULL;
	if (c->busy)
		ctl_reply_end(c, 0, NULL);
	if (done)
		done(c->sarg);
}

/* Runs the stream while whole frames fit in the output queue. */
static void pump(struct ctl_client *c)
{
	if (c->pumping)
		return;
	c->pumping = true;
	while (c->stream && !c->dead && out_room(c)) {
		if (!c->stream(c->sarg, c) || !c->busy)
			stream_finish(c);
	}
	c->pumping = false;
}

int ctl_reply_stream(struct ctl_client *c, ctl_next_fn *next,
		     void (*done)(void *arg), void *arg)
{
	if (c->dead || !c->busy || c->stream) {
		if (done)
			done(arg);
		return c->dead ? -EPIPE : -EALREADY;
	}
	c->stream = next;
	c->done = done;
	c->sarg = arg;
	pump(c);
	return 0;
}

void ctl_client_on_close(struct ctl_client *c, void (*fn)(void *arg),
			 void *arg)
{
	c->on_close = fn;
	c->carg = arg;
}

uid_t ctl_client_uid(const struct ctl_client *c)
{
	return c->uid;
}

pid_t ctl_client_pid(const struct ctl_client *c)
{
	return c->pid;
}

static void on_write(int fd, unsigned int events, void *arg)
{
	struct ctl_client *c = arg;

	flush(c);
	if (!c->dead)
		pump(c);
	client_update(c);
}

static void on_read(int fd, unsigned int events, void *arg);

static bool want_read(const struct ctl_client *c)
{
	return !c->eof && !c->closing && (!c->in || c->in_len < c->in_cap);
}

/* Brings the fd watchers in line with what the client waits for. */
static void client_update(struct ctl_client *c)
{
	struct loop *loop = c->srv->loop;
	bool pending = c->out_off < c->out_len;

	if (c->dead)
		return;
	if (c->closing && !pending && !c->busy) {
		client_drop(c, NULL);
		return;
	}
	if (pending && !c->ww &&
	    loop_watch_fd(loop, c->fd, LOOP_WRITE | LOOP_URGENT, on_write,
			  c, &c->ww))
		goto fail;
	if (!pending && c->ww) {
		loop_watch_free(c->ww);
		c->ww = NULL;
	}
	if (want_read(c) && !c->rw &&
	    loop_watch_fd(loop, c->fd, LOOP_READ | LOOP_URGENT, on_read,
			  c, &c->rw))
		goto fail;
	if (!want_read(c) && c->rw) {
		loop_watch_free(c->rw);
		c->rw = NULL;
	}
	return;
fail:
	client_drop(c, &c->srv->st.drop_error);
}

static const struct ctl_handler *handler_find(const struct ctl_server *s,
					      uint16_t type)
{
	size_t i;

	for (i = 0; i < s->nhandlers; i++)
		if (s->handlers[i].type == type)
			return &s->handlers[i];
	return NULL;
}

/* One well-framed request: its body must be a JSON object (or empty). */
static void dispatch(struct ctl_client *c, const struct ctl_hdr *h,
		     const uint8_t *body)
{
	struct ctl_server *s = c->srv;
	const struct ctl_handler *hd = handler_find(s, h->type);
	struct json_object *o = NULL;
	char name[32];
	int err;

	if (!hd) {
		s->st.bad_frames++;
		send_end(c, -EOPNOTSUPP, h->type <= CTL_REPLY_LAST ?
			 "not a request" : "request not supported by l2tpd");
		return;
	}
	err = h->len ? ctl_json_parse(body, h->len, &o) : 0;
	if (!err && !o)
		o = json_object_new_object();
	if (err || !o) {
		s->st.bad_frames++;
		send_end(c, err ? err : -ENOMEM, err == -EBADMSG ?
			 "the request's body is not a JSON object" :
			 "out of memory");
		return;
	}
	log_debug("control: client pid %ld: %s", (long)c->pid,
		  ctl_type_name(h->type, name, sizeof(name)));
	s->st.requests++;
	c->busy = true;
	c->resume = false;
	hd->fn(s->arg, c, h->type, o);
	json_object_put(o);
}

/* A frame whose length cannot be trusted: say why, then hang up. */
static void bad_stream(struct ctl_client *c, int err, const struct ctl_hdr *h)
{
	char msg[96];

	if (err == -EPROTONOSUPPORT)
		snprintf(msg, sizeof(msg), "protocol version %u, l2tpd speaks %u",
			 h->version, CTL_VERSION);
	else
		snprintf(msg, sizeof(msg), "message of %u bytes, at most %u",
			 h->len, CTL_BODY_MAX);
	c->srv->st.bad_frames++;
	c->closing = true;
	send_end(c, err, msg);
}

static void consume(struct ctl_client *c, size_t n)
{
	memmove(c->in, c->in + n, c->in_len - n);
	c->in_len -= n;
}

/* Grows the input buffer to hold the frame at its head. */
static bool in_grow(struct ctl_client *c, size_t need)
{
	uint8_t *p;

	if (need <= c->in_cap)
		return true;
	p = realloc(c->in, need);
	if (!p)
		return false;
	c->in = p;
	c->in_cap = need;
	return true;
}

static void client_process(struct ctl_client *c)
{
	const uint8_t *body;
	struct ctl_hdr h;
	char msg[64];
	int err;

	while (!c->busy && !c->dead && !c->closing) {
		err = ctl_frame_decode(c->in, c->in_len, &h, &body);
		if (err == -EAGAIN) {
			if (c->in_len >= CTL_HDR_LEN &&
			    !in_grow(c, CTL_HDR_LEN + h.len))
				client_drop(c, &c->srv->st.drop_error);
			else if (c->eof)
				c->closing = true;
			break;
		}
		if (err == -EPROTONOSUPPORT || err == -EMSGSIZE) {
			bad_stream(c, err, &h);
			break;
		}
		if (err == -ENOMSG) {
			c->srv->st.bad_frames++;
			snprintf(msg, sizeof(msg), "unknown message type 0x%x",
				 h.type);
			send_end(c, err, msg);
		} else {
			dispatch(c, &h, body);
		}
		consume(c, CTL_HDR_LEN + h.len);
	}
	if (!c->dead && !c->in_len) {
		free(c->in);
		c->in = NULL;
		c->in_cap = 0;
	}
	client_update(c);
}

static void on_read(int fd, unsigned int events, void *arg)
{
	struct ctl_client *c = arg;
	ssize_t n;

	if (!in_grow(c, CTL_IN_MIN)) {
		client_drop(c, &c->srv->st.drop_error);
		return;
	}
	n = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len,
		 MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		      errno == EINTR))
		return;
	if (n < 0) {
		client_drop(c, &c->srv->st.drop_error);
		return;
	}
	if (n == 0) {
		/* Half-closed: answer what was asked, then hang up. */
		c->eof = true;
	} else {
		c->in_len += (size_t)n;
		client_touch(c);
	}
	client_process(c);
}

/* The reaper: frees dead clients, resumes input that waited on a request. */
static void reap(void *arg)
{
	struct ctl_server *s = arg;
	struct ctl_client *c, *next;

	for (c = s->clients; c; c = next) {
		next = c->next;
		if (c->dead) {
			client_free(c);
		} else if (c->resume && !c->busy) {
			c->resume = false;
			client_process(c);
		}
	}
}

int ctl_server_adopt(struct ctl_server *s, int fd)
{
	struct ctl_client *c;
	struct ucred cred;
	socklen_t len = sizeof(cred);
	int err = -ENOMEM;

	c = calloc(1, sizeof(*c));
	if (!c)
		goto fail;
	c->srv = s;
	c->fd = fd;
	c->uid = (uid_t)-1;
	c->pid = -1;
	if (!getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len)) {
		c->uid = cred.uid;
		c->pid = cred.pid;
	}
	c->idle = timer_new(s->loop, client_idle, c);
	if (!c->idle)
		goto fail;
	err = ctl_sock_prepare(fd);
	if (err)
		goto fail;
	c->next = s->clients;
	if (s->clients)
		s->clients->prev = c;
	s->clients = c;
	s->st.clients++;
	s->st.accepted++;
	client_touch(c);
	client_update(c);
	return 0;
fail:
	if (c) {
		timer_free(c->idle);
		free(c);
	}
	close(fd);
	return err;
}

static void refuse(struct ctl_server *s, int fd)
{
	uint8_t buf[CTL_HDR_LEN + 96];
	struct json_object *o;
	const char *body;
	struct wbuf w;
	size_t len;

	s->st.refused++;
	o = ctl_json_end(-EUSERS, "too many control clients");
	body = o ? json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN,
						     &len) : NULL;
	wbuf_init(&w, buf, sizeof(buf));
	/* Best effort: the socket buffer of a new connection has room. */
	if (body && !ctl_frame_encode(&w, CTL_END, body, len) &&
	    send(fd, buf, w.len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		log_debug("control: refusing a client: %s", strerror(errno));
	json_object_put(o);
	close(fd);
}

static void on_accept(int lfd, unsigned int events, void *arg)
{
	struct ctl_server *s = arg;
	int i, fd;

	for (i = 0; i < CTL_ACCEPT_BURST; i++) {
		fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				log_warn("control: accept");
			return;
		}
		if (s->st.clients >= s->cfg.max_clients)
			refuse(s, fd);
		else if (ctl_server_adopt(s, fd))
			log_warnx("control: out of memory for a client");
	}
}

int ctl_server_new_unbound(struct loop *loop, const struct ctl_server_cfg *cfg,
			   const struct ctl_handler *handlers,
			   size_t nhandlers, void *arg,
			   struct ctl_server **out)
{
	struct ctl_server *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->loop = loop;
	s->lfd = -1;
	s->arg = arg;
	if (cfg)
		s->cfg = *cfg;
	s->cfg.path = NULL;
	s->cfg.group = NULL;
	if (!s->cfg.max_clients)
		s->cfg.max_clients = CTL_MAX_CLIENTS;
	if (!s->cfg.out_max)
		s->cfg.out_max = CTL_OUT_MAX;
	/* A stream needs room for one whole frame. */
	if (s->cfg.out_max < 2 * CTL_FRAME_MAX)
		s->cfg.out_max = 2 * CTL_FRAME_MAX;
	if (!s->cfg.idle_ms)
		s->cfg.idle_ms = CTL_IDLE_MS;
	s->handlers = calloc(nhandlers ? nhandlers : 1, sizeof(*handlers));
	s->reaper = timer_new(loop, reap, s);
	if (!s->handlers || !s->reaper) {
		ctl_server_free(s);
		return -ENOMEM;
	}
	memcpy(s->handlers, handlers, nhandlers * sizeof(*handlers));
	s->nhandlers = nhandlers;
	*out = s;
	return 0;
}

int ctl_server_new(struct loop *loop, const struct ctl_server_cfg *cfg,
		   const struct ctl_handler *handlers, size_t nhandlers,
		   void *arg, struct ctl_server **out)
{
	struct ctl_server *s;
	int err;

	err = ctl_server_new_unbound(loop, cfg, handlers, nhandlers, arg, &s);
	if (err)
		return err;
	err = ctl_sock_listen(s, cfg && cfg->path ? cfg->path : CTL_SOCKET_PATH,
			      cfg && cfg->mode ? cfg->mode : 0660,
			      cfg ? cfg->group : NULL);
	if (!err)
		err = loop_watch_fd(loop, s->lfd, LOOP_READ | LOOP_URGENT,
				    on_accept, s, &s->lw);
	if (err) {
		ctl_server_free(s);
		return err;
	}
	*out = s;
	return 0;
}

void ctl_server_free(struct ctl_server *s)
{
	struct ctl_client *c;

	if (!s)
		return;
	for (c = s->clients; c; c = c->next)
		client_drop(c, NULL);
	while (s->clients)
		client_free(s->clients);
	loop_watch_free(s->lw);
	ctl_sock_close(s);
	timer_free(s->reaper);
	free(s->handlers);
	free(s);
}

const struct ctl_stats *ctl_server_stats(const struct ctl_server *s)
{
	return &s->st;
}
