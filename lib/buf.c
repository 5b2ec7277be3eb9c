// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "buf.h"
#include "err.h"

int rbuf_get_u8(struct rbuf *r, uint8_t *v)
{
	if (rbuf_left(r) < 1)
		return -L2TP_E_TRUNCATED;
	*v = r->data[r->pos++];
	return 0;
}

int rbuf_get_u16(struct rbuf *r, uint16_t *v)
{
	if (rbuf_left(r) < 2)
		return -L2TP_E_TRUNCATED;
	*v = (uint16_t)(r->data[r->pos] << 8 | r->data[r->pos + 1]);
	r->pos += 2;
	return 0;
}

int rbuf_get_u32(struct rbuf *r, uint32_t *v)
{
	const uint8_t *p;

	if (rbuf_left(r) < 4)
		return -L2TP_E_TRUNCATED;
	p = r->data + r->pos;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	     (uint32_t)p[2] << 8 | (uint32_t)p[3];
	r->pos += 4;
	return 0;
}

int rbuf_get_bytes(struct rbuf *r, void *out, size_t n)
{
	if (rbuf_left(r) < n)
		return -L2TP_E_TRUNCATED;
	if (n)
		memcpy(out, r->data + r->pos, n);
	r->pos += n;
	return 0;
}

int rbuf_ref(struct rbuf *r, size_t n, const uint8_t **p)
{
	if (rbuf_left(r) < n)
		return -L2TP_E_TRUNCATED;
	*p = r->data + r->pos;
	r->pos += n;
	return 0;
}

int rbuf_skip(struct rbuf *r, size_t n)
{
	if (rbuf_left(r) < n)
		return -L2TP_E_TRUNCATED;
	r->pos += n;
	return 0;
}

int rbuf_sub(struct rbuf *r, size_t n, struct rbuf *sub)
{
	if (rbuf_left(r) < n)
		return -L2TP_E_TRUNCATED;
	rbuf_init(sub, r->data + r->pos, n);
	r->pos += n;
	return 0;
}

int wbuf_put_u8(struct wbuf *w, uint8_t v)
{
	if (w->cap - w->len < 1)
		return -L2TP_E_NOSPACE;
	w->data[w->len++] = v;
	return 0;
}

int wbuf_put_u16(struct wbuf *w, uint16_t v)
{
	if (w->cap - w->len < 2)
		return -L2TP_E_NOSPACE;
	w->data[w->len++] = (uint8_t)(v >> 8);
	w->data[w->len++] = (uint8_t)v;
	return 0;
}

int wbuf_put_u32(struct wbuf *w, uint32_t v)
{
	if (w->cap - w->len < 4)
		return -L2TP_E_NOSPACE;
	w->data[w->len++] = (uint8_t)(v >> 24);
	w->data[w->len++] = (uint8_t)(v >> 16);
	w->data[w->len++] = (uint8_t)(v >> 8);
	w->data[w->len++] = (uint8_t)v;
	return 0;
}

int wbuf_put_bytes(struct wbuf *w, const void *src, size_t n)
{
	if (w->cap - w->len < n)
		return -L2TP_E_NOSPACE;
	if (n)
		memcpy(w->data + w->len, src, n);
	w->len += n;
	return 0;
}

int wbuf_reserve(struct wbuf *w, size_t n, size_t *at)
{
	if (w->cap - w->len < n)
		return -L2TP_E_NOSPACE;
	memset(w->data + w->len, 0, n);
	*at = w->len;
	w->len += n;
	return 0;
}

int wbuf_patch_u16(struct wbuf *w, size_t at, uint16_t v)
{
	if (at > w->len || w->len - at < 2)
		return -L2TP_E_NOSPACE;
	w->data[at] = (uint8_t)(v >> 8);
	w->data[at + 1] = (uint8_t)v;
	return 0;
}
