/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The control socket server: a UNIX stream socket on the loop that speaks
 * lib/ctl.h's frames with many clients at once (l2tpctl, the pppd plugin).
 *
 * Requests are dispatched through a table of handlers that the daemon
 * registers, so the server knows nothing of tunnels or configuration and
 * runs in the tests with fake handlers. A handler answers with rows and
 * ends the request with ctl_reply_end(), at once or later (monitor); a
 * print of many rows hands the server a stream function that is called
 * only while the client's output queue has room.
 *
 * No client can block the daemon: every socket is non-blocking, input is
 * read one frame at a time (never more than CTL_FRAME_MAX buffered), the
 * output queue is bounded, and a client whose queue overflows or that
 * makes no progress for idle_ms is dropped.
 */
#ifndef L2TPD_CTL_SERVER_H
#define L2TPD_CTL_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ctl.h"
#include "loop.h"

struct json_object;
struct ctl_server;
struct ctl_client;

/*
 * Handles one request. body is the request's JSON object, owned by the
 * server for the duration of the call (json_object_get() to keep it).
 * The handler must end the request with ctl_reply_end() or
 * ctl_reply_stream(), now or later; until then the client's next request
 * waits.
 */
typedef void ctl_handler_fn(void *arg, struct ctl_client *c, uint16_t type,
			    struct json_object *body);

struct ctl_handler {
	uint16_t type;		/* enum ctl_type */
	ctl_handler_fn *fn;
};

struct ctl_server_cfg {
	const char *path;	/* NULL: CTL_SOCKET_PATH */
	const char *group;	/* name or number; NULL: the daemon's group */
	mode_t mode;		/* 0: 0660 */
	unsigned max_clients;	/* 0: CTL_MAX_CLIENTS */
	size_t out_max;		/* bytes queued per client; 0: CTL_OUT_MAX */
	uint32_t idle_ms;	/* no progress for this long; 0: CTL_IDLE_MS */
};

#define CTL_MAX_CLIENTS	256
#define CTL_OUT_MAX	(4 * CTL_FRAME_MAX)
#define CTL_IDLE_MS	60000

struct ctl_stats {
	uint64_t accepted;
	uint64_t refused;	/* over max_clients */
	uint64_t requests;
	uint64_t bad_frames;	/* bad version, oversized, unknown type, body */
	uint64_t drop_overflow;	/* output queue over out_max */
	uint64_t drop_idle;
	uint64_t drop_error;	/* read or write errors, garbage */
	unsigned clients;	/* connected now */
};

/*
 * Listens on cfg->path: creates its directory (0755) when missing,
 * removes a stale socket (one nobody answers on), refuses to replace a
 * live one (-EADDRINUSE) or anything that is not a socket (-EEXIST),
 * sets mode and group. handlers is copied.
 */
int ctl_server_new(struct loop *loop, const struct ctl_server_cfg *cfg,
		   const struct ctl_handler *handlers, size_t nhandlers,
		   void *arg, struct ctl_server **out);
/*
 * A server without a listening socket, for a caller that hands it
 * connected fds with ctl_server_adopt() (tests, socket activation).
 */
int ctl_server_new_unbound(struct loop *loop, const struct ctl_server_cfg *cfg,
			   const struct ctl_handler *handlers,
			   size_t nhandlers, void *arg,
			   struct ctl_server **out);
/* Serves an already connected stream socket, which it then owns. */
int ctl_server_adopt(struct ctl_server *s, int fd);
/* Drops every client (their close hooks run) and removes the socket. */
void ctl_server_free(struct ctl_server *s);
const struct ctl_stats *ctl_server_stats(const struct ctl_server *s);

/*
 * Replies to c's open request. They return 0, or -EPIPE once the client
 * is gone or dropped (the hook of ctl_client_on_close() runs later, from
 * the loop, never inside the caller), or -EMSGSIZE / -ENOMEM for a reply
 * that cannot be sent. A row is a JSON object; the server does not take
 * the caller's reference.
 */
int ctl_reply_row(struct ctl_client *c, struct json_object *row);
int ctl_reply_text(struct ctl_client *c, const char *text, size_t len);
/* Ends the request; error (printf-style) only when status is not 0. */
int ctl_reply_end(struct ctl_client *c, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Streams a long reply: next(arg, c) is called while c's output queue has
 * room for a whole frame and returns 1 while more is to come, or 0 when
 * done; the server then sends END status 0 unless next() ended the
 * request itself. done(arg) runs once the stream is over or c is gone.
 */
typedef int ctl_next_fn(void *arg, struct ctl_client *c);
int ctl_reply_stream(struct ctl_client *c, ctl_next_fn *next,
		     void (*done)(void *arg), void *arg);

/*
 * For a request that stays open (monitor): fn(arg) runs from the loop
 * when c goes away before its request ended. NULL clears it.
 */
void ctl_client_on_close(struct ctl_client *c, void (*fn)(void *arg),
			 void *arg);
/* The peer's credentials (SO_PEERCRED), for logs. */
uid_t ctl_client_uid(const struct ctl_client *c);
pid_t ctl_client_pid(const struct ctl_client *c);

#endif /* L2TPD_CTL_SERVER_H */
