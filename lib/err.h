/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Why a datagram was rejected. Decoders return 0 or the negated value of one
 * of these codes, so that the single drop path in the daemon can log the
 * precise reason (a plain errno cannot tell "AVP length under 6" from
 * "AVP past the end of the message").
 */
#ifndef L2TP_ERR_H
#define L2TP_ERR_H

enum l2tp_err {
	L2TP_OK = 0,
	L2TP_E_TRUNCATED = 1000,	/* read past the end of the buffer */
	L2TP_E_NOSPACE,			/* write past the end of the buffer */
	L2TP_E_HDR_SHORT,		/* datagram shorter than its header */
	L2TP_E_HDR_VERSION,		/* version is not 2 */
	L2TP_E_HDR_CTRL_BITS,		/* control message without L and S, or with O or P */
	L2TP_E_HDR_LENGTH,		/* header length field against datagram length */
	L2TP_E_HDR_OFFSET,		/* offset size past the end of the message */
	L2TP_E_NOT_CONTROL,		/* a data message where a control message was expected */
	L2TP_E_AVP_SHORT,		/* AVP Length field under 6 (RFC 2661 §4.1) */
	L2TP_E_AVP_OVERRUN,		/* AVP (or its header) past the end of the message */
	L2TP_E_AVP_BAD_LEN,		/* AVP value length outside its type's bounds */
	L2TP_E_AVP_TOO_LONG,		/* value longer than an AVP can carry (1017) */
	L2TP_E_AVP_UNKNOWN_M,		/* unrecognised AVP with the M bit set (§4.1) */
	L2TP_E_AVP_M_MISSING,		/* M bit clear on an AVP whose M bit must be set */
	L2TP_E_AVP_NOT_HIDEABLE,	/* H bit on an AVP that must not be hidden */
	L2TP_E_AVP_DUPLICATE,		/* AVP that may appear once appears twice */
	L2TP_E_AVP_NOT_ALLOWED,		/* (encode) AVP not valid in this message type */
	L2TP_E_HIDDEN_NO_RV,		/* hidden AVP without a preceding Random Vector (§4.3) */
	L2TP_E_HIDDEN_NO_SECRET,	/* hidden AVP but no tunnel secret configured */
	L2TP_E_HIDDEN_LEN,		/* hidden inner Original Length past the value */
	L2TP_E_HIDDEN_SPACE,		/* decrypted hidden values exceed the scratch area */
	L2TP_E_MSG_TYPE_FIRST,		/* first AVP is not Message Type (§4.4.1) */
	L2TP_E_MSG_UNKNOWN,		/* unknown message type, M clear: ignore it (§4.4.1) */
	L2TP_E_MSG_UNKNOWN_M,		/* unknown message type, M set: clear the tunnel */
	L2TP_E_MSG_MISSING_AVP,		/* a required AVP is missing (§6) */
	L2TP_E_AUTH,			/* Challenge Response does not match (§5.1.1) */
	L2TP_E_CRYPTO,			/* libcrypto failed (MD5 or RAND_bytes) */
	L2TP_E_ERR_MAX,
};

/* A short human-readable reason for -L2TP_E_* or a negative errno. */
const char *l2tp_strerror(int err);

#endif /* L2TP_ERR_H */
