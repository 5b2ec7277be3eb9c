// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "err.h"
#include "hdr.h"
#include "l2tp.h"

int l2tp_hdr_decode(struct l2tp_hdr *h, const uint8_t *pkt, size_t len)
{
	struct rbuf r;
	uint16_t flags;
	size_t end;

	memset(h, 0, sizeof(*h));
	rbuf_init(&r, pkt, len);
	if (rbuf_get_u16(&r, &flags))
		return -L2TP_E_HDR_SHORT;
	h->control = flags & L2TP_HDR_BIT_T;
	h->has_length = flags & L2TP_HDR_BIT_L;
	h->has_seq = flags & L2TP_HDR_BIT_S;
	h->has_offset = flags & L2TP_HDR_BIT_O;
	h->priority = flags & L2TP_HDR_BIT_P;
	h->version = flags & L2TP_HDR_VER_MASK;
	if (h->version != L2TP_VERSION)
		return -L2TP_E_HDR_VERSION;
	/* RFC 2661 §3.1: L and S must be set, O and P clear, on control messages. */
	if (h->control && (!h->has_length || !h->has_seq ||
			   h->has_offset || h->priority))
		return -L2TP_E_HDR_CTRL_BITS;

	end = len;
	if (h->has_length) {
		if (rbuf_get_u16(&r, &h->length))
			return -L2TP_E_HDR_SHORT;
		if (h->length > len)
			return -L2TP_E_HDR_LENGTH;
		end = h->length;
	} else {
		h->length = len > UINT16_MAX ? UINT16_MAX : (uint16_t)len;
	}
	/* Everything after Length is not part of this message. */
	r.len = end;
	if (r.pos > end)
		return -L2TP_E_HDR_LENGTH;

	if (rbuf_get_u16(&r, &h->tunnel_id) || rbuf_get_u16(&r, &h->session_id))
		return h->has_length ? -L2TP_E_HDR_LENGTH : -L2TP_E_HDR_SHORT;
	if (h->has_seq &&
	    (rbuf_get_u16(&r, &h->ns) || rbuf_get_u16(&r, &h->nr)))
		return h->has_length ? -L2TP_E_HDR_LENGTH : -L2TP_E_HDR_SHORT;
	if (h->has_offset) {
		if (rbuf_get_u16(&r, &h->offset_size))
			return h->has_length ? -L2TP_E_HDR_LENGTH : -L2TP_E_HDR_SHORT;
		if (rbuf_skip(&r, h->offset_size))
			return -L2TP_E_HDR_OFFSET;
	}
	h->payload_off = r.pos;
	h->payload_len = end - r.pos;
	return 0;
}

int l2tp_hdr_encode(struct wbuf *w, const struct l2tp_hdr *h)
{
	uint16_t flags = L2TP_VERSION;
	size_t pad;
	int err = 0;

	if (h->control)
		flags |= L2TP_HDR_BIT_T;
	if (h->has_length)
		flags |= L2TP_HDR_BIT_L;
	if (h->has_seq)
		flags |= L2TP_HDR_BIT_S;
	if (h->has_offset)
		flags |= L2TP_HDR_BIT_O;
	if (h->priority)
		flags |= L2TP_HDR_BIT_P;
	err = wbuf_put_u16(w, flags);
	if (!err && h->has_length)
		err = wbuf_put_u16(w, h->length);
	if (!err)
		err = wbuf_put_u16(w, h->tunnel_id);
	if (!err)
		err = wbuf_put_u16(w, h->session_id);
	if (!err && h->has_seq)
		err = wbuf_put_u16(w, h->ns);
	if (!err && h->has_seq)
		err = wbuf_put_u16(w, h->nr);
	if (!err && h->has_offset) {
		err = wbuf_put_u16(w, h->offset_size);
		if (!err)
			err = wbuf_reserve(w, h->offset_size, &pad);
	}
	return err;
}

int l2tp_ctrl_hdr_put(struct wbuf *w, uint16_t tunnel_id, uint16_t session_id,
		      uint16_t ns, uint16_t nr, size_t *len_at)
{
	int err;

	if (w->cap - w->len < L2TP_CTRL_HDR_LEN)
		return -L2TP_E_NOSPACE;
	err = wbuf_put_u16(w, L2TP_HDR_BIT_T | L2TP_HDR_BIT_L | L2TP_HDR_BIT_S |
			   L2TP_VERSION);
	if (!err)
		err = wbuf_reserve(w, 2, len_at);
	if (!err)
		err = wbuf_put_u16(w, tunnel_id);
	if (!err)
		err = wbuf_put_u16(w, session_id);
	if (!err)
		err = wbuf_put_u16(w, ns);
	if (!err)
		err = wbuf_put_u16(w, nr);
	return err;
}

int l2tp_ctrl_hdr_set_nr(uint8_t *pkt, size_t len, uint16_t nr)
{
	struct wbuf w;

	if (len < L2TP_CTRL_HDR_LEN)
		return -L2TP_E_NOSPACE;
	wbuf_init(&w, pkt, len);
	w.len = len;
	return wbuf_patch_u16(&w, L2TP_CTRL_NR_OFF, nr);
}
