// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Hidden AVP values (RFC 2661 §4.3): the MD5 chain that hides and reveals
 * the subformat Original Length || Original Value || Padding.
 */
#include <string.h>

#include "avp.h"
#include "err.h"

#define CHUNK	L2TP_MD5_LEN

/*
 * XORs len bytes of in into out with the §4.3 key stream. The stream's
 * next block depends on the previous ciphertext chunk: that of out when
 * hiding, that of in when revealing. in and out may be the same buffer.
 */
static int hidden_crypt(uint16_t type, const struct l2tp_secret *secret,
			const struct l2tp_bytes *rv, const uint8_t *in,
			uint8_t *out, size_t len, bool reveal)
{
	const uint8_t type_be[2] = { (uint8_t)(type >> 8), (uint8_t)type };
	uint8_t b[CHUNK], c[CHUNK];
	size_t off, i, n;
	int err;

	for (off = 0; off < len; off += n) {
		struct l2tp_md5_part first[] = {
			{ type_be, 2 }, { secret->data, secret->len },
			{ rv->ptr, rv->len },
		};
		struct l2tp_md5_part next[] = {
			{ secret->data, secret->len }, { c, CHUNK },
		};

		err = off ? l2tp_auth_md5(next, 2, b) : l2tp_auth_md5(first, 3, b);
		if (err)
			return err;
		n = len - off < CHUNK ? len - off : CHUNK;
		if (reveal)
			memcpy(c, in + off, n);
		for (i = 0; i < n; i++)
			out[off + i] = in[off + i] ^ b[i];
		if (!reveal)
			memcpy(c, out + off, n);
	}
	return 0;
}

int l2tp_avp_hide(uint16_t type, const struct l2tp_secret *secret,
		  const struct l2tp_bytes *rv, uint8_t *buf, size_t len)
{
	if (!secret)
		return -L2TP_E_HIDDEN_NO_SECRET;
	if (!rv || !rv->len)
		return -L2TP_E_HIDDEN_NO_RV;
	return hidden_crypt(type, secret, rv, buf, buf, len, false);
}

int l2tp_avp_unhide(uint16_t type, const struct l2tp_secret *secret,
		    const struct l2tp_bytes *rv, const uint8_t *in, size_t len,
		    uint8_t *out, struct l2tp_bytes *plain)
{
	struct rbuf r;
	uint16_t orig;
	int err;

	if (!secret)
		return -L2TP_E_HIDDEN_NO_SECRET;
	if (!rv || !rv->len)
		return -L2TP_E_HIDDEN_NO_RV;
	if (len < 2)
		return -L2TP_E_HIDDEN_LEN;
	err = hidden_crypt(type, secret, rv, in, out, len, true);
	if (err)
		return err;
	/* The Original Length is cipher output: bound it like any length. */
	rbuf_init(&r, out, len);
	err = rbuf_get_u16(&r, &orig);
	if (!err)
		err = rbuf_ref(&r, orig, &plain->ptr);
	if (err)
		return -L2TP_E_HIDDEN_LEN;
	plain->len = orig;
	return 0;
}
