/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tunnel authentication (RFC 2661 §4.2, §5.1.1) and the crypto primitives
 * the wire format needs: MD5 from libcrypto's EVP API and randomness from
 * RAND_bytes. Nothing here keeps state; the secret is the caller's.
 */
#ifndef L2TP_AUTH_H
#define L2TP_AUTH_H

#include <stddef.h>
#include <stdint.h>

#define L2TP_MD5_LEN		16
#define L2TP_CHAL_RESP_LEN	16

/* The tunnel's shared secret; data may be NULL when len is 0. */
struct l2tp_secret {
	const uint8_t *data;
	size_t len;
};

/* One piece of an MD5 input. */
struct l2tp_md5_part {
	const void *data;
	size_t len;
};

/* out = MD5(parts[0] || parts[1] || ...). Returns 0 or -L2TP_E_CRYPTO. */
int l2tp_auth_md5(const struct l2tp_md5_part *parts, size_t n,
		  uint8_t out[L2TP_MD5_LEN]);

/*
 * Challenge Response (RFC 2661 §4.2, as in CHAP, RFC 1994):
 * MD5(type || secret || challenge), where type is the message type of the
 * message that carries the response: L2TP_MSG_SCCRP (2) answering the
 * challenge of an SCCRQ, L2TP_MSG_SCCCN (3) answering that of an SCCRP.
 */
int l2tp_auth_response(uint8_t msg_type, const struct l2tp_secret *secret,
		       const uint8_t *chal, size_t chal_len,
		       uint8_t out[L2TP_CHAL_RESP_LEN]);

/*
 * Checks a received response in constant time. Returns 0, -L2TP_E_AUTH on a
 * mismatch (or a response that is not 16 bytes) or -L2TP_E_CRYPTO.
 */
int l2tp_auth_verify(uint8_t msg_type, const struct l2tp_secret *secret,
		     const uint8_t *chal, size_t chal_len,
		     const uint8_t *resp, size_t resp_len);

/* Fills buf with cryptographically strong random bytes (challenges, Random
 * Vectors, hidden AVP padding, tie breakers). Returns 0 or -L2TP_E_CRYPTO. */
int l2tp_auth_random(void *buf, size_t len);

#endif /* L2TP_AUTH_H */
