/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * L2TPv2 control messages (RFC 2661 §3.2, §6): decode, validate, encode.
 *
 * Decoding fills a plain struct l2tp_msg and touches no tunnel or session
 * state. A table per message type (l2tp_msg_desc()) lists the required and
 * optional AVPs; the AVP table (avp.h) gives each AVP's rules. The decoder
 * keeps no state between messages, and within a message only the most
 * recent Random Vector (§4.3 lets several appear).
 *
 * Rules enforced on decode:
 *  - the Message Type AVP comes first (§4.4.1); an empty payload is a ZLB;
 *  - every AVP length is checked: under 6, past the end of the message,
 *    outside its type's bounds, hidden inner length past the value, each
 *    with its own error;
 *  - vendor AVPs (vendor id != 0) are never parsed as IETF AVPs: without
 *    the M bit they are kept in m->vendor[], with it they are reported as
 *    unknown mandatory AVPs;
 *  - unknown IETF AVPs (and AVPs with a reserved bit set, §4.1) are skipped
 *    without the M bit and reported with it;
 *  - an AVP whose M bit must be set but is not, an AVP hidden that must not
 *    be, a hidden AVP without Random Vector or without secret, a duplicate
 *    of an AVP that may appear once: each is its own error;
 *  - known AVPs that the message type does not list are validated but not
 *    kept: their bits go to m->unexpected, not m->present;
 *  - a missing required AVP is reported with its type (the first missing
 *    one in de->avp_type, all of them in de->missing); m is then complete.
 */
#ifndef L2TP_MSG_H
#define L2TP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "avp.h"
#include "buf.h"
#include "hdr.h"
#include "l2tp.h"

/* Vendor AVPs kept per message; more are counted in vendor_dropped. */
#define L2TP_MSG_MAX_VENDOR	8
/* Room for decrypted hidden values; more is -L2TP_E_HIDDEN_SPACE. */
#define L2TP_MSG_SCRATCH	4096

struct l2tp_vendor_avp {
	uint16_t vendor;
	uint16_t type;
	bool mandatory;
	bool hidden;			/* value is still hidden (not decrypted) */
	struct l2tp_bytes value;
};

/*
 * One control message. present has bit L2TP_AVP_BIT(type) for every AVP
 * that was decoded (or is to be encoded); a field is meaningful only when
 * its bit is set. Strings and binaries point into the datagram or into
 * scratch[]: do not copy a decoded struct by value and keep the datagram
 * alive while using it.
 */
struct l2tp_msg {
	uint16_t type;				/* enum l2tp_msg_type; 0: ZLB */
	uint64_t present;
	uint64_t hidden;			/* decode: arrived hidden */
	uint64_t unexpected;			/* decode: known, not valid here */
	unsigned int skipped;			/* decode: unknown AVPs without M */

	struct l2tp_result result;		/* 1 */
	struct l2tp_proto_ver proto_ver;	/* 2 */
	uint32_t framing_cap;			/* 3, L2TP_FRAMING_* */
	uint32_t bearer_cap;			/* 4, L2TP_BEARER_* */
	uint64_t tie_breaker;			/* 5 */
	uint16_t firmware_rev;			/* 6 */
	struct l2tp_bytes host_name;		/* 7 */
	struct l2tp_bytes vendor_name;		/* 8 */
	uint16_t tunnel_id;			/* 9, Assigned Tunnel ID */
	uint16_t recv_window;			/* 10 */
	struct l2tp_bytes challenge;		/* 11 */
	struct l2tp_q931 q931;			/* 12 */
	struct l2tp_bytes chal_resp;		/* 13, 16 octets */
	uint16_t session_id;			/* 14, Assigned Session ID */
	uint32_t call_serial;			/* 15 */
	uint32_t min_bps;			/* 16 */
	uint32_t max_bps;			/* 17 */
	uint32_t bearer_type;			/* 18, L2TP_BEARER_* */
	uint32_t framing_type;			/* 19, L2TP_FRAMING_* */
	struct l2tp_bytes called_number;	/* 21 */
	struct l2tp_bytes calling_number;	/* 22 */
	struct l2tp_bytes sub_address;		/* 23 */
	uint32_t tx_speed;			/* 24, (Tx) Connect Speed */
	uint32_t phys_channel;			/* 25 */
	struct l2tp_bytes init_rcvd_lcp;	/* 26 */
	struct l2tp_bytes last_sent_lcp;	/* 27 */
	struct l2tp_bytes last_rcvd_lcp;	/* 28 */
	uint16_t proxy_auth_type;		/* 29 */
	struct l2tp_bytes proxy_auth_name;	/* 30 */
	struct l2tp_bytes proxy_auth_chal;	/* 31 */
	uint16_t proxy_auth_id;			/* 32 */
	struct l2tp_bytes proxy_auth_resp;	/* 33 */
	struct l2tp_call_errors call_errors;	/* 34 */
	struct l2tp_accm accm;			/* 35 */
	struct l2tp_bytes random_vector;	/* 36, the last one seen */
	struct l2tp_bytes private_group;	/* 37 */
	uint32_t rx_speed;			/* 38 */
	/* 39, Sequencing Required: presence only */
	struct l2tp_ppp_disc ppp_disc;		/* 46, RFC 3145 */

	unsigned int n_vendor;
	unsigned int vendor_dropped;
	struct l2tp_vendor_avp vendor[L2TP_MSG_MAX_VENDOR];

	/* Decoder-owned; not cleared between decodes. */
	size_t scratch_used;
	uint8_t scratch[L2TP_MSG_SCRATCH];
};

struct l2tp_msg_desc {
	const char *name;		/* "SCCRQ", ... */
	uint64_t required;		/* AVP bits, Message Type included */
	uint64_t optional;
	bool session;			/* about a session: errors end the session (§4.1) */
};

/* The table row of a message type (0: ZLB), or NULL for an unknown type. */
const struct l2tp_msg_desc *l2tp_msg_desc(uint16_t type);

/*
 * What a caller needs to answer a message that failed to decode
 * (RFC 2661 §4.1, §5): which message, which AVP, whether a session or the
 * whole tunnel is concerned, and the Result/Error Code to send in the
 * CDN or StopCCN. Fields not known at the point of failure are 0.
 */
struct l2tp_decode_err {
	int code;			/* the return value: -L2TP_E_* */
	uint16_t msg_type;		/* Message Type, once read */
	bool session;			/* answer with CDN, not StopCCN */
	uint16_t tunnel_id;		/* header ids (l2tp_ctrl_decode only) */
	uint16_t session_id;
	uint16_t avp_type;		/* the AVP at fault, or the first missing */
	uint16_t avp_vendor;
	uint16_t avp_len;		/* its Length field */
	size_t avp_off;			/* its offset in the payload */
	uint64_t missing;		/* every missing required AVP */
	uint16_t result;		/* suggested Result Code (0: ignore) */
	uint16_t error;			/* suggested Error Code (§4.4.2) */
};

/* Resets m to an empty message of the given type, ready to be filled. */
void l2tp_msg_init(struct l2tp_msg *m, uint16_t type);

static inline void l2tp_msg_set(struct l2tp_msg *m, uint16_t avp_type)
{
	m->present |= L2TP_AVP_BIT(avp_type);
}

static inline bool l2tp_msg_has(const struct l2tp_msg *m, uint16_t avp_type)
{
	return m->present & L2TP_AVP_BIT(avp_type);
}

/* A struct l2tp_bytes over a C string (without its NUL). */
struct l2tp_bytes l2tp_bytes_str(const char *s);

/*
 * Decodes the AVPs of one control message (the payload after the header,
 * l2tp_hdr.payload_off/payload_len). secret may be NULL (hidden AVPs are
 * then an error). de may be NULL. Returns 0 or -L2TP_E_*; on error, m holds
 * what was decoded before the fault and de says where it was.
 */
int l2tp_msg_decode(struct l2tp_msg *m, const uint8_t *payload, size_t len,
		    const struct l2tp_secret *secret,
		    struct l2tp_decode_err *de);

/*
 * Header and AVPs of one datagram: l2tp_hdr_decode(), then -L2TP_E_NOT_CONTROL
 * for a data message, then l2tp_msg_decode(). de gets the header ids.
 */
int l2tp_ctrl_decode(struct l2tp_hdr *h, struct l2tp_msg *m,
		     const uint8_t *pkt, size_t len,
		     const struct l2tp_secret *secret,
		     struct l2tp_decode_err *de);

/*
 * Writes a whole control message: header (Length patched) and the AVPs of
 * m->present in type order, Message Type first, then a Random Vector when
 * anything is hidden, then the vendor AVPs. A ZLB (type 0) is the header
 * alone. AVPs in hide_mask that may be hidden are hidden (other bits are
 * ignored, so ~0 hides all that may be); the Random Vector is m's if
 * present, else 16 fresh random bytes. Returns 0, -L2TP_E_MSG_UNKNOWN,
 * -L2TP_E_MSG_MISSING_AVP, -L2TP_E_AVP_NOT_ALLOWED, -L2TP_E_AVP_TOO_LONG,
 * -L2TP_E_HIDDEN_NO_SECRET, -L2TP_E_NOSPACE or -L2TP_E_CRYPTO; on error
 * w->len is restored.
 */
int l2tp_msg_encode(const struct l2tp_msg *m, struct wbuf *w, uint16_t tid,
		    uint16_t sid, uint16_t ns, uint16_t nr,
		    const struct l2tp_secret *secret, uint64_t hide_mask);

/* A message type's name for logs ("SCCRQ"); "unknown" when not known. */
const char *l2tp_msg_name(uint16_t type);

#endif /* L2TP_MSG_H */
