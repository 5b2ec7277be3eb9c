/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bounds-checked cursors. Every byte of a datagram is read through an rbuf
 * and every byte we send is written through a wbuf; each accessor fails
 * instead of overrunning, so no decoder can read past what it was given.
 * Multi-byte values are in network byte order and never read through casts
 * of packet pointers.
 */
#ifndef L2TP_BUF_H
#define L2TP_BUF_H

#include <stddef.h>
#include <stdint.h>

struct rbuf {
	const uint8_t *data;
	size_t len;
	size_t pos;
};

struct wbuf {
	uint8_t *data;
	size_t cap;
	size_t len;
};

static inline void rbuf_init(struct rbuf *r, const void *data, size_t len)
{
	r->data = data;
	r->len = len;
	r->pos = 0;
}

static inline size_t rbuf_left(const struct rbuf *r)
{
	return r->len - r->pos;
}

static inline void wbuf_init(struct wbuf *w, void *data, size_t cap)
{
	w->data = data;
	w->cap = cap;
	w->len = 0;
}

/* All return 0, or -L2TP_E_TRUNCATED / -L2TP_E_NOSPACE and leave the cursor. */
int rbuf_get_u8(struct rbuf *r, uint8_t *v);
int rbuf_get_u16(struct rbuf *r, uint16_t *v);
int rbuf_get_u32(struct rbuf *r, uint32_t *v);
int rbuf_get_bytes(struct rbuf *r, void *out, size_t n);
/* Points *p at the next n bytes (no copy) and advances. */
int rbuf_ref(struct rbuf *r, size_t n, const uint8_t **p);
int rbuf_skip(struct rbuf *r, size_t n);
/* Splits off the next n bytes as their own cursor and advances past them. */
int rbuf_sub(struct rbuf *r, size_t n, struct rbuf *sub);

int wbuf_put_u8(struct wbuf *w, uint8_t v);
int wbuf_put_u16(struct wbuf *w, uint16_t v);
int wbuf_put_u32(struct wbuf *w, uint32_t v);
int wbuf_put_bytes(struct wbuf *w, const void *src, size_t n);
/* Reserves n bytes to be filled later; *at is their offset. */
int wbuf_reserve(struct wbuf *w, size_t n, size_t *at);
/* Overwrites two already-written bytes at offset at. */
int wbuf_patch_u16(struct wbuf *w, size_t at, uint16_t v);

#endif /* L2TP_BUF_H */
