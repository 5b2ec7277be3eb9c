/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * L2TPv2 header (RFC 2661 §3.1).
 *
 *  |T|L|x|x|S|x|O|P|x|x|x|x|  Ver  |          Length (opt)         |
 *  |           Tunnel ID           |           Session ID          |
 *  |             Ns (opt)          |             Nr (opt)          |
 *  |      Offset Size (opt)        |    Offset pad... (opt)
 */
#ifndef L2TP_HDR_H
#define L2TP_HDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define L2TP_HDR_BIT_T		0x8000
#define L2TP_HDR_BIT_L		0x4000
#define L2TP_HDR_BIT_S		0x0800
#define L2TP_HDR_BIT_O		0x0200
#define L2TP_HDR_BIT_P		0x0100
#define L2TP_HDR_VER_MASK	0x000f

/* T, L and S set, version 2, no offset: every control message we send. */
#define L2TP_CTRL_HDR_LEN	12
#define L2TP_CTRL_NR_OFF	10

struct l2tp_hdr {
	bool control;		/* T */
	bool has_length;	/* L */
	bool has_seq;		/* S */
	bool has_offset;	/* O */
	bool priority;		/* P */
	uint8_t version;
	uint16_t length;	/* the Length field; the datagram length if !L */
	uint16_t tunnel_id;
	uint16_t session_id;
	uint16_t ns;
	uint16_t nr;
	uint16_t offset_size;
	size_t payload_off;	/* where the payload (AVPs or PPP frame) starts */
	size_t payload_len;	/* its length, up to Length (not the datagram) */
};

/*
 * Decodes and validates the header of one datagram. Reserved bits are
 * ignored (RFC 2661 §3.1). Trailing bytes after Length are not part of the
 * message. Returns 0 or -L2TP_E_HDR_*.
 */
int l2tp_hdr_decode(struct l2tp_hdr *h, const uint8_t *pkt, size_t len);

/*
 * Writes a header from h. If has_length, the Length field is written as
 * h->length; control messages use l2tp_ctrl_hdr_put() and patch it later.
 */
int l2tp_hdr_encode(struct wbuf *w, const struct l2tp_hdr *h);

/* Writes a control header; *len_at receives the offset of the Length field. */
int l2tp_ctrl_hdr_put(struct wbuf *w, uint16_t tunnel_id, uint16_t session_id,
		      uint16_t ns, uint16_t nr, size_t *len_at);

/*
 * Sets Nr in a control message we built (a retransmission carries its
 * original Ns and the current Nr, RFC 2661 §5.8).
 */
int l2tp_ctrl_hdr_set_nr(uint8_t *pkt, size_t len, uint16_t nr);

#endif /* L2TP_HDR_H */
