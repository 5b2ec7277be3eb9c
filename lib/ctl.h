/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The control socket's wire format, shared by l2tpd, l2tpctl and the pppd
 * plugin: every message id lives here, in one enum.
 *
 * A UNIX stream socket carries frames, each
 *
 *	u16 version	CTL_VERSION
 *	u16 type	enum ctl_type
 *	u32 length	of the body, at most CTL_BODY_MAX
 *	body		length bytes
 *
 * in network byte order, read and written through the bounds-checked
 * cursors of buf.h. A body is one JSON object (UTF-8, not NUL-terminated)
 * except for CTL_TEXT, whose body is raw text.
 *
 * A request gets zero or more CTL_ROW / CTL_TEXT frames and then exactly
 * one CTL_END, whose body is {"status": 0} or {"status": -errno,
 * "error": "why"}. A print sends a row per frame, so that no side ever
 * needs one buffer for 10,000 sessions. A client sends its next request
 * after the END of the previous one.
 */
#ifndef L2TP_CTL_H
#define L2TP_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct json_object;

#define CTL_VERSION		1
#define CTL_HDR_LEN		8
#define CTL_BODY_MAX		65536
#define CTL_FRAME_MAX		(CTL_HDR_LEN + CTL_BODY_MAX)
/* The default socket; both programs take -s PATH. */
#define CTL_SOCKET_PATH		"/run/l2tpd/l2tpd.sock"

enum ctl_type {
	/* Replies, l2tpd -> client. */
	CTL_ROW = 1,		/* one row of a print or monitor: an object */
	CTL_TEXT,		/* a piece of text (export): raw, not JSON */
	CTL_END,		/* the request is done: status, maybe error */
	CTL_REPLY_LAST = CTL_END,

	/*
	 * Requests, l2tpctl -> l2tpd. Bodies: {"object": ctl_obj_name(),
	 * "items": [name or position, ...], "props": {"key": "value"},
	 * "detail": bool} as each verb needs (CTL_K_* below).
	 */
	CTL_REQ_PRINT = 0x100,	/* object, detail; rows, then END */
	CTL_REQ_ADD,		/* object, props */
	CTL_REQ_SET,		/* object, items, props */
	CTL_REQ_REMOVE,		/* object, items */
	CTL_REQ_ENABLE,		/* object, items */
	CTL_REQ_DISABLE,	/* object, items */
	CTL_REQ_MONITOR,	/* object, items: a row a second until closed */
	CTL_REQ_RELOAD,		/* re-read the configuration */
	CTL_REQ_EXPORT,		/* the running configuration as TEXT frames */
	CTL_REQ_LAST = CTL_REQ_EXPORT,

	/*
	 * Reports of the pppd plugin (plugin/), plugin -> l2tpd: one
	 * connection per pppd, HELLO first. Each is a request like the
	 * CLI's: l2tpd ends it with END before the plugin sends the next.
	 * Keys are the CTL_KP_* below; addresses are dotted quads.
	 */
	CTL_PLUGIN_FIRST = 0x200,
	/* tunnel-id, session-id (ours), pid, pppd-version */
	CTL_PLUGIN_HELLO = CTL_PLUGIN_FIRST,
	/*
	 * phase: pppd's phase name ("establish", "authenticate", ...); sent
	 * only when pppd runs with "debug"
	 */
	CTL_PLUGIN_PHASE,
	/*
	 * user: the PAP/CHAP secret of user, for pppd (client: ours;
	 * server: the peer's). A ROW {password} then END, or END
	 * -ENOENT. No secret is ever on pppd's command line or on disk.
	 * A server's ROW also carries what the user gets once it has
	 * authenticated: local-address, remote-address, dns and
	 * interface (its static server interface name), each optional,
	 * and its profile's session-timeout and idle-timeout (seconds,
	 * 0: none).
	 */
	CTL_PLUGIN_SECRET,
	/* user, method ("pap", "chap", "mschap1", "mschap2"), ok, peer
	   (true: we authenticated the peer; false: it authenticated us) */
	CTL_PLUGIN_AUTH,
	/* interface, local-address, remote-address, user (the peer's
	   authenticated name, "" on a client), dns: [addresses] */
	CTL_PLUGIN_IP_UP,
	/* interface and the link statistics (CTL_KP_RX_BYTES ...) */
	CTL_PLUGIN_IP_DOWN,
	/*
	 * exit-status (pppd(8)), the RFC 3145 PPP Disconnect Cause
	 * (disconnect-code, protocol, direction, message) and the link
	 * statistics: pppd is about to exit.
	 */
	CTL_PLUGIN_EXIT,
	CTL_PLUGIN_LAST = 0x2ff,
};

/*
 * The objects of RouterOS's menus that requests name in "object".
 *
 * Items (CTL_K_ITEMS) are strings: a decimal number is a position in the
 * order print sends its rows, anything else a name. Tunnels and sessions
 * are also picked by the props tunnel-id and session-id.
 *
 * A row (CTL_ROW) is one object; its kebab-case keys are the columns
 * l2tpctl prints, and its JSON what l2tpctl -j prints:
 *   configuration objects: every property by its l2tpd.conf name, yes/no
 *     as JSON booleans, plain numbers as numbers, anything else as
 *     l2tpd.conf writes it (lists comma-separated); plus "running"
 *     (clients, server interfaces), "dynamic" (made at run time) and
 *     "default" (built-in profiles) where true;
 *   tunnel: tunnel-id, peer-tunnel-id, local-address, local-port,
 *     peer-address, peer-port, peer-host-name, state, sessions, uptime;
 *   session: tunnel-id, session-id, peer-tunnel-id, peer-session-id,
 *     peer-address, user, interface, state, uptime, rx-bytes, tx-bytes,
 *     rx-packets, tx-packets (the kernel's counters);
 *   ppp active: name, service, caller-id, address, uptime.
 * Ids, ports, counters and uptime (seconds) are JSON numbers.
 */
enum ctl_obj {
	CTL_OBJ_CLIENT,		/* interface l2tp-client */
	CTL_OBJ_SERVER,		/* interface l2tp-server server */
	CTL_OBJ_SERVER_IF,	/* interface l2tp-server */
	CTL_OBJ_SECRET,		/* ppp secret */
	CTL_OBJ_PROFILE,	/* ppp profile */
	CTL_OBJ_ACTIVE,		/* ppp active */
	CTL_OBJ_POOL,		/* ip pool */
	CTL_OBJ_TUNNEL,		/* tunnel */
	CTL_OBJ_SESSION,	/* session */
	CTL_OBJ_MAX,
};

/* JSON keys of request and END bodies. */
#define CTL_K_OBJECT	"object"
#define CTL_K_ITEMS	"items"
#define CTL_K_PROPS	"props"
#define CTL_K_DETAIL	"detail"
#define CTL_K_STATUS	"status"
#define CTL_K_ERROR	"error"

/* JSON keys of the plugin's reports. */
#define CTL_KP_TUNNEL		"tunnel-id"
#define CTL_KP_SESSION		"session-id"
#define CTL_KP_PID		"pid"
#define CTL_KP_VERSION		"pppd-version"
#define CTL_KP_PHASE		"phase"
#define CTL_KP_USER		"user"
#define CTL_KP_PASSWORD		"password"
#define CTL_KP_METHOD		"method"
#define CTL_KP_OK		"ok"
#define CTL_KP_PEER		"peer"
#define CTL_KP_IFNAME		"interface"
#define CTL_KP_LOCAL		"local-address"
#define CTL_KP_REMOTE		"remote-address"
#define CTL_KP_DNS		"dns"
#define CTL_KP_SESSION_TIMEOUT	"session-timeout"
#define CTL_KP_IDLE_TIMEOUT	"idle-timeout"
#define CTL_KP_RX_BYTES		"rx-bytes"
#define CTL_KP_TX_BYTES		"tx-bytes"
#define CTL_KP_RX_PACKETS	"rx-packets"
#define CTL_KP_TX_PACKETS	"tx-packets"
#define CTL_KP_UPTIME		"uptime"
#define CTL_KP_EXIT		"exit-status"
#define CTL_KP_CODE		"disconnect-code"
#define CTL_KP_PROTO		"protocol"
#define CTL_KP_DIRECTION	"direction"
#define CTL_KP_MESSAGE		"message"

struct ctl_hdr {
	uint16_t version;
	uint16_t type;
	uint32_t len;
};

/* Whether type is one of the ids above (a plugin id: in its range). */
bool ctl_type_known(uint16_t type);
/* "print", "row", "plugin-0x201", ...: for logs. */
const char *ctl_type_name(uint16_t type, char *buf, size_t len);

/* "interface l2tp-client", ...; NULL out of range. */
const char *ctl_obj_name(enum ctl_obj obj);
/* The object named name, or -ENOENT. */
int ctl_obj_lookup(const char *name);

/* Writes a header for a body of len bytes: 0, -EMSGSIZE or -L2TP_E_NOSPACE. */
int ctl_hdr_encode(struct wbuf *w, uint16_t type, size_t len);
/*
 * Reads a header from the start of a stream. 0 and *h; -EAGAIN: fewer
 * than CTL_HDR_LEN bytes; -EPROTONOSUPPORT: another version; -EMSGSIZE:
 * the body is longer than CTL_BODY_MAX; -ENOMSG: unknown type, *h filled
 * so that the frame can be answered and skipped. The cursor advances
 * past the header on 0 and -ENOMSG only.
 */
int ctl_hdr_decode(struct rbuf *r, struct ctl_hdr *h);

/* A whole frame into w: 0 or a negative error, w unchanged on error. */
int ctl_frame_encode(struct wbuf *w, uint16_t type, const void *body,
		     size_t len);
/*
 * A whole frame at the start of data: as ctl_hdr_decode(), and -EAGAIN
 * until the body is complete too. *body points into data; the frame is
 * CTL_HDR_LEN + h->len bytes long.
 */
int ctl_frame_decode(const void *data, size_t len, struct ctl_hdr *h,
		     const uint8_t **body);

/*
 * A body as a JSON object (json-c; the caller puts it): 0, -EBADMSG when
 * it is not one JSON object, -ENOMEM.
 */
int ctl_json_parse(const uint8_t *body, size_t len, struct json_object **out);
/* An END body: {"status": status} plus "error" when error is not NULL. */
struct json_object *ctl_json_end(int status, const char *error);

/*
 * Blocking helpers for clients (l2tpctl, the plugin). ctl_connect()
 * returns a connected, close-on-exec fd or a negative errno.
 */
int ctl_connect(const char *path);
/* Writes one frame, retrying short writes and EINTR. */
int ctl_write_frame(int fd, uint16_t type, const void *body, size_t len);
/* Writes a JSON object as one frame's body. */
int ctl_write_json(int fd, uint16_t type, struct json_object *obj);
/*
 * Reads one whole frame into buf (CTL_FRAME_MAX bytes): 0 with *h and
 * *body, -EPIPE at end of file, or as ctl_frame_decode() / a read errno.
 */
int ctl_read_frame(int fd, uint8_t *buf, struct ctl_hdr *h,
		   const uint8_t **body);

#endif /* L2TP_CTL_H */
