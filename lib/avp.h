/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * L2TPv2 Attribute-Value Pairs (RFC 2661 §4).
 *
 *  |M|H| rsvd  |      Length       |           Vendor ID           |
 *  |         Attribute Type        |        Attribute Value...
 *
 * One descriptor table (l2tp_avp_desc()) describes every IETF AVP of
 * RFC 2661 §4.4 (types 0-39) and RFC 3145's PPP Disconnect Cause Code (46):
 * name, vendor, value kind, value length bounds, whether it may be hidden,
 * whether its M bit must be set and whether it may repeat in one message.
 * The message codec (msg.h) is driven entirely by this table and the
 * per-message table; nothing else decides what is malformed.
 *
 * Values are read and written only through the rbuf/wbuf cursors (buf.h).
 * Strings and binary values are (pointer, length) pairs that point into the
 * datagram or the decoder's scratch area: no fixed-size buffers.
 */
#ifndef L2TP_AVP_H
#define L2TP_AVP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "buf.h"
#include "l2tp.h"

#define L2TP_AVP_BIT_M		0x8000
#define L2TP_AVP_BIT_H		0x4000
#define L2TP_AVP_RSVD_MASK	0x3c00
#define L2TP_AVP_LEN_MASK	0x03ff

/* Bit of an IETF AVP type in a 64-bit AVP mask (present, required...). */
#define L2TP_AVP_BIT(type)	(UINT64_C(1) << (type))

/* A string or binary value; ptr may be NULL when len is 0. */
struct l2tp_bytes {
	const uint8_t *ptr;
	uint16_t len;
};

/* Result Code (§4.4.2). MikroTik sends only the result (AVP length 8). */
struct l2tp_result {
	uint16_t result;
	bool has_error;			/* the Error Code field is present */
	uint16_t error;
	struct l2tp_bytes message;	/* optional Error Message, needs has_error */
};

/* Q.931 Cause Code (§4.4.4). */
struct l2tp_q931 {
	uint16_t cause;
	uint8_t msg;
	struct l2tp_bytes advisory;	/* optional advisory message */
};

/* Call Errors (§4.4.6); the 2 reserved bytes are sent as zero. */
struct l2tp_call_errors {
	uint32_t crc;
	uint32_t framing;
	uint32_t hw_overruns;
	uint32_t buf_overruns;
	uint32_t timeouts;
	uint32_t alignment;
};

/* ACCM (§4.4.6); the 2 reserved bytes are sent as zero. */
struct l2tp_accm {
	uint32_t send;
	uint32_t recv;
};

/* PPP Disconnect Cause Code (RFC 3145 §2). */
struct l2tp_ppp_disc {
	uint16_t code;
	uint16_t proto;			/* PPP control protocol number */
	uint8_t direction;
	struct l2tp_bytes message;	/* optional UTF-8 text */
};

/* Protocol Version (§4.4.3): 1.0 for RFC 2661. */
struct l2tp_proto_ver {
	uint8_t ver;
	uint8_t rev;
};

/* How an AVP's value is laid out; selects the typed codec. */
enum l2tp_avp_kind {
	L2TP_AVP_KIND_EMPTY,		/* no value (Sequencing Required) */
	L2TP_AVP_KIND_U16,		/* uint16_t */
	L2TP_AVP_KIND_U32,		/* uint32_t */
	L2TP_AVP_KIND_BITMAP,		/* uint32_t of L2TP_FRAMING_* / L2TP_BEARER_* bits */
	L2TP_AVP_KIND_U64,		/* uint64_t (Tie Breaker, 8 octets) */
	L2TP_AVP_KIND_VERSION,		/* struct l2tp_proto_ver */
	L2TP_AVP_KIND_STRING,		/* struct l2tp_bytes, text */
	L2TP_AVP_KIND_BINARY,		/* struct l2tp_bytes, octets */
	L2TP_AVP_KIND_RESULT,		/* struct l2tp_result */
	L2TP_AVP_KIND_Q931,		/* struct l2tp_q931 */
	L2TP_AVP_KIND_CALL_ERRORS,	/* struct l2tp_call_errors */
	L2TP_AVP_KIND_ACCM,		/* struct l2tp_accm */
	L2TP_AVP_KIND_PPP_DISC,		/* struct l2tp_ppp_disc */
};

/* Descriptor flags. */
#define L2TP_AVPF_M		0x01	/* the M bit MUST be set (§4.4) */
#define L2TP_AVPF_HIDE		0x02	/* the value MAY be hidden (§4.3) */
#define L2TP_AVPF_MULTI		0x04	/* may appear more than once (Random Vector) */

struct l2tp_avp_desc {
	const char *name;	/* as RFC 2661 names it */
	uint16_t vendor;	/* 0: IETF */
	uint16_t type;
	uint8_t kind;		/* enum l2tp_avp_kind */
	uint8_t flags;		/* L2TP_AVPF_* */
	uint16_t min;		/* value length bounds, header excluded, */
	uint16_t max;		/* before hiding */
	uint16_t off;		/* offset of the typed field in struct l2tp_msg */
};

/* The descriptor of a known AVP, or NULL (unknown type or vendor != 0). */
const struct l2tp_avp_desc *l2tp_avp_desc(uint16_t vendor, uint16_t type);

/* An AVP's name for logs ("Host Name"); "unknown" when not known. */
const char *l2tp_avp_name(uint16_t vendor, uint16_t type);

/* Mask of the IETF AVPs that may be hidden. */
uint64_t l2tp_avp_hideable_mask(void);

/* A decoded AVP header; len is the whole AVP, header included. */
struct l2tp_avp_hdr {
	bool mandatory;
	bool hidden;
	bool reserved;		/* a reserved bit is set: unrecognised (§4.1) */
	uint16_t len;
	uint16_t vendor;
	uint16_t type;
};

/*
 * Reads one AVP header from r and splits its value off into *value,
 * advancing r past the whole AVP. Returns 0, -L2TP_E_AVP_SHORT (Length
 * under 6) or -L2TP_E_AVP_OVERRUN (header or value past the end of r).
 * On error r is left where it was and *a holds what could be read.
 */
int l2tp_avp_hdr_get(struct rbuf *r, struct l2tp_avp_hdr *a, struct rbuf *value);

/*
 * Writes an AVP header with Length 0 and returns its offset in *at; the
 * value follows; l2tp_avp_end() patches Length. flags: L2TP_AVP_BIT_M/_H.
 */
int l2tp_avp_begin(struct wbuf *w, uint16_t flags, uint16_t vendor,
		   uint16_t type, size_t *at);
/* Patches Length of the AVP begun at at. -L2TP_E_AVP_TOO_LONG over 1023. */
int l2tp_avp_end(struct wbuf *w, size_t at);

/*
 * Typed value codec, driven by d->kind. field points at the typed value
 * (the member of struct l2tp_msg at d->off, or a standalone variable of the
 * kind's type). get expects val to hold exactly the value and its length
 * to lie within [d->min, d->max] (-L2TP_E_AVP_BAD_LEN otherwise); strings
 * and binaries then point into val's memory. put writes the value only.
 */
int l2tp_avp_value_get(const struct l2tp_avp_desc *d, struct rbuf *val,
		       void *field);
int l2tp_avp_value_put(const struct l2tp_avp_desc *d, const void *field,
		       struct wbuf *w);
/* The value length put would write; may exceed d->max (put then fails). */
size_t l2tp_avp_value_len(const struct l2tp_avp_desc *d, const void *field);

/*
 * Writes a whole IETF AVP of type d->type with the M bit from the table,
 * hidden (§4.3) when hide is set: then secret and rv must be given.
 * Returns 0, -L2TP_E_AVP_TOO_LONG, -L2TP_E_AVP_NOT_HIDEABLE,
 * -L2TP_E_HIDDEN_NO_SECRET, -L2TP_E_NOSPACE or -L2TP_E_CRYPTO.
 */
int l2tp_avp_put(struct wbuf *w, const struct l2tp_avp_desc *d,
		 const void *field, bool hide, const struct l2tp_secret *secret,
		 const struct l2tp_bytes *rv);

/* Shorthands for the engine: whole IETF AVPs of the simple kinds. */
int l2tp_avp_put_u16(struct wbuf *w, uint16_t type, uint16_t v);
int l2tp_avp_put_u32(struct wbuf *w, uint16_t type, uint32_t v);
int l2tp_avp_put_bytes(struct wbuf *w, uint16_t type, const void *p, size_t n);

/*
 * Hidden AVP values (RFC 2661 §4.3). The hidden subformat is
 * Original Length (2) || Original Value || Padding, XORed with the chain
 *   b1 = MD5(Attribute Type (2) || secret || RV), c1 = p1 ^ b1,
 *   bi = MD5(secret || c(i-1)),                   ci = pi ^ bi,
 * in 16-octet chunks; a shorter last chunk uses only the octets it has.
 *
 * l2tp_avp_hide() encrypts len bytes at buf in place.
 * l2tp_avp_unhide() decrypts the len ciphertext bytes at in into out (len
 * bytes of room), checks the Original Length against what was decrypted
 * and points *plain at the original value. Returns 0, -L2TP_E_HIDDEN_LEN
 * (value under 2 bytes or Original Length past its end), or -L2TP_E_CRYPTO.
 */
int l2tp_avp_hide(uint16_t type, const struct l2tp_secret *secret,
		  const struct l2tp_bytes *rv, uint8_t *buf, size_t len);
int l2tp_avp_unhide(uint16_t type, const struct l2tp_secret *secret,
		    const struct l2tp_bytes *rv, const uint8_t *in, size_t len,
		    uint8_t *out, struct l2tp_bytes *plain);

#endif /* L2TP_AVP_H */
