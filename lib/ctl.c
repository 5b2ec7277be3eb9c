// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The control socket's frames (ctl.h): the header codec over the
 * bounds-checked cursors, JSON bodies through json-c, and the blocking
 * client side that l2tpctl and the pppd plugin share.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <json-c/json.h>

#include "ctl.h"
#include "err.h"

static const char *const type_names[] = {
	[CTL_ROW] = "row",
	[CTL_TEXT] = "text",
	[CTL_END] = "end",
};

static const char *const req_names[] = {
	[CTL_REQ_PRINT - CTL_REQ_PRINT] = "print",
	[CTL_REQ_ADD - CTL_REQ_PRINT] = "add",
	[CTL_REQ_SET - CTL_REQ_PRINT] = "set",
	[CTL_REQ_REMOVE - CTL_REQ_PRINT] = "remove",
	[CTL_REQ_ENABLE - CTL_REQ_PRINT] = "enable",
	[CTL_REQ_DISABLE - CTL_REQ_PRINT] = "disable",
	[CTL_REQ_MONITOR - CTL_REQ_PRINT] = "monitor",
	[CTL_REQ_RELOAD - CTL_REQ_PRINT] = "reload",
	[CTL_REQ_EXPORT - CTL_REQ_PRINT] = "export",
};

static const char *const obj_names[CTL_OBJ_MAX] = {
	[CTL_OBJ_CLIENT] = "interface l2tp-client",
	[CTL_OBJ_SERVER] = "interface l2tp-server server",
	[CTL_OBJ_SERVER_IF] = "interface l2tp-server",
	[CTL_OBJ_SECRET] = "ppp secret",
	[CTL_OBJ_PROFILE] = "ppp profile",
	[CTL_OBJ_ACTIVE] = "ppp active",
	[CTL_OBJ_POOL] = "ip pool",
	[CTL_OBJ_TUNNEL] = "tunnel",
	[CTL_OBJ_SESSION] = "session",
};

bool ctl_type_known(uint16_t type)
{
	return (type >= CTL_ROW && type <= CTL_REPLY_LAST) ||
		(type >= CTL_REQ_PRINT && type <= CTL_REQ_LAST) ||
		(type >= CTL_PLUGIN_FIRST && type <= CTL_PLUGIN_LAST);
}

const char *ctl_type_name(uint16_t type, char *buf, size_t len)
{
	if (type >= CTL_ROW && type <= CTL_REPLY_LAST)
		return type_names[type];
	if (type >= CTL_REQ_PRINT && type <= CTL_REQ_LAST)
		return req_names[type - CTL_REQ_PRINT];
	snprintf(buf, len, "%s-0x%x",
		 type >= CTL_PLUGIN_FIRST && type <= CTL_PLUGIN_LAST ?
		 "plugin" : "unknown", type);
	return buf;
}

const char *ctl_obj_name(enum ctl_obj obj)
{
	return (unsigned)obj < CTL_OBJ_MAX ? obj_names[obj] : NULL;
}

int ctl_obj_lookup(const char *name)
{
	int i;

	for (i = 0; i < CTL_OBJ_MAX; i++)
		if (!strcmp(obj_names[i], name))
			return i;
	return -ENOENT;
}

int ctl_hdr_encode(struct wbuf *w, uint16_t type, size_t len)
{
	if (len > CTL_BODY_MAX)
		return -EMSGSIZE;
	if (w->cap - w->len < CTL_HDR_LEN)
		return -L2TP_E_NOSPACE;
	wbuf_put_u16(w, CTL_VERSION);
	wbuf_put_u16(w, type);
	return wbuf_put_u32(w, (uint32_t)len);
}

int ctl_hdr_decode(struct rbuf *r, struct ctl_hdr *h)
{
	struct rbuf peek = *r;

	if (rbuf_left(r) < CTL_HDR_LEN)
		return -EAGAIN;
	rbuf_get_u16(&peek, &h->version);
	rbuf_get_u16(&peek, &h->type);
	rbuf_get_u32(&peek, &h->len);
	/* Another version may frame otherwise: its length means nothing. */
	if (h->version != CTL_VERSION)
		return -EPROTONOSUPPORT;
	if (h->len > CTL_BODY_MAX)
		return -EMSGSIZE;
	*r = peek;
	return ctl_type_known(h->type) ? 0 : -ENOMSG;
}

int ctl_frame_encode(struct wbuf *w, uint16_t type, const void *body,
		     size_t len)
{
	size_t start = w->len;
	int err;

	if (len > CTL_BODY_MAX)
		return -EMSGSIZE;
	if (w->cap - w->len < CTL_HDR_LEN + len)
		return -L2TP_E_NOSPACE;
	err = ctl_hdr_encode(w, type, len);
	if (!err && len)
		err = wbuf_put_bytes(w, body, len);
	if (err)
		w->len = start;
	return err;
}

int ctl_frame_decode(const void *data, size_t len, struct ctl_hdr *h,
		     const uint8_t **body)
{
	struct rbuf r;
	int err;

	rbuf_init(&r, data, len);
	err = ctl_hdr_decode(&r, h);
	if (err && err != -ENOMSG)
		return err;
	if (rbuf_ref(&r, h->len, body))
		return -EAGAIN;
	return err;
}

int ctl_json_parse(const uint8_t *body, size_t len, struct json_object **out)
{
	struct json_tokener *tok;
	struct json_object *obj;
	enum json_tokener_error jerr;

	tok = json_tokener_new();
	if (!tok)
		return -ENOMEM;
	obj = json_tokener_parse_ex(tok, (const char *)body, (int)len);
	jerr = json_tokener_get_error(tok);
	/* Trailing bytes after the object are garbage, not a second object. */
	if (obj && (jerr != json_tokener_success ||
		    json_tokener_get_parse_end(tok) != len ||
		    !json_object_is_type(obj, json_type_object))) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	if (!obj)
		return -EBADMSG;
	*out = obj;
	return 0;
}

struct json_object *ctl_json_end(int status, const char *error)
{
	struct json_object *o = json_object_new_object();

	if (!o)
		return NULL;
	if (json_object_object_add(o, CTL_K_STATUS,
				   json_object_new_int(status)) ||
	    (error && json_object_object_add(o, CTL_K_ERROR,
					     json_object_new_string(error)))) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

int ctl_connect(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int write_all(int fd, const uint8_t *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int ctl_write_frame(int fd, uint16_t type, const void *body, size_t len)
{
	uint8_t hdr[CTL_HDR_LEN];
	struct wbuf w;
	int err;

	wbuf_init(&w, hdr, sizeof(hdr));
	err = ctl_hdr_encode(&w, type, len);
	if (!err)
		err = write_all(fd, hdr, sizeof(hdr));
	if (!err && len)
		err = write_all(fd, body, len);
	return err;
}

int ctl_write_json(int fd, uint16_t type, struct json_object *obj)
{
	size_t len;
	const char *s;

	s = json_object_to_json_string_length(obj, JSON_C_TO_STRING_PLAIN, &len);
	if (!s)
		return -ENOMEM;
	return ctl_write_frame(fd, type, s, len);
}

/* Reads exactly len bytes; -EPIPE when the stream ends first. */
static int read_all(int fd, uint8_t *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = read(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EPIPE;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int ctl_read_frame(int fd, uint8_t *buf, struct ctl_hdr *h,
		   const uint8_t **body)
{
	struct rbuf r;
	int err, rerr;

	err = read_all(fd, buf, CTL_HDR_LEN);
	if (err)
		return err;
	rbuf_init(&r, buf, CTL_HDR_LEN);
	err = ctl_hdr_decode(&r, h);
	if (err && err != -ENOMSG)
		return err;
	*body = buf + CTL_HDR_LEN;
	rerr = read_all(fd, buf + CTL_HDR_LEN, h->len);
	return rerr ? rerr : err;
}
