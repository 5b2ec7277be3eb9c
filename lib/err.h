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
	L2TP_E_ERR_MAX,
};

/* A short human-readable reason for -L2TP_E_* or a negative errno. */
const char *l2tp_strerror(int err);

#endif /* L2TP_ERR_H */
