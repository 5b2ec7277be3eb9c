// SPDX-License-Identifier: GPL-2.0-or-later
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "auth.h"
#include "err.h"

/*
 * MD5 runs once per 16 bytes of every hidden AVP, so the digest and its
 * context are made once per thread: OpenSSL 3 fetches the algorithm again
 * (a locked lookup) whenever EVP_md5() is passed to an init call.
 */
static _Thread_local EVP_MD_CTX *md5_ctx;
static _Thread_local EVP_MD *md5_md;

static const EVP_MD *auth_md5_md(void)
{
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	if (!md5_md)
		md5_md = EVP_MD_fetch(NULL, "MD5", NULL);
	return md5_md;
#else
	return EVP_md5();
#endif
}

int l2tp_auth_md5(const struct l2tp_md5_part *parts, size_t n,
		  uint8_t out[L2TP_MD5_LEN])
{
	const EVP_MD *md = auth_md5_md();
	unsigned int olen = 0;
	int ok;
	size_t i;

	if (!md5_ctx)
		md5_ctx = EVP_MD_CTX_new();
	if (!md5_ctx || !md)
		return -L2TP_E_CRYPTO;
	ok = EVP_DigestInit_ex(md5_ctx, md, NULL);
	for (i = 0; ok && i < n; i++)
		if (parts[i].len)
			ok = EVP_DigestUpdate(md5_ctx, parts[i].data, parts[i].len);
	if (ok)
		ok = EVP_DigestFinal_ex(md5_ctx, out, &olen);
	return ok && olen == L2TP_MD5_LEN ? 0 : -L2TP_E_CRYPTO;
}

int l2tp_auth_response(uint8_t msg_type, const struct l2tp_secret *secret,
		       const uint8_t *chal, size_t chal_len,
		       uint8_t out[L2TP_CHAL_RESP_LEN])
{
	/* RFC 2661 §4.2: the CHAP (RFC 1994) computation with the type as ID. */
	const struct l2tp_md5_part parts[] = {
		{ &msg_type, 1 },
		{ secret ? secret->data : NULL, secret ? secret->len : 0 },
		{ chal, chal_len },
	};

	return l2tp_auth_md5(parts, 3, out);
}

int l2tp_auth_verify(uint8_t msg_type, const struct l2tp_secret *secret,
		     const uint8_t *chal, size_t chal_len,
		     const uint8_t *resp, size_t resp_len)
{
	uint8_t want[L2TP_CHAL_RESP_LEN];
	int err;

	if (resp_len != L2TP_CHAL_RESP_LEN)
		return -L2TP_E_AUTH;
	err = l2tp_auth_response(msg_type, secret, chal, chal_len, want);
	if (err)
		return err;
	return CRYPTO_memcmp(want, resp, sizeof(want)) ? -L2TP_E_AUTH : 0;
}

int l2tp_auth_random(void *buf, size_t len)
{
	if (len > INT32_MAX)
		return -L2TP_E_CRYPTO;
	if (len && RAND_bytes(buf, (int)len) != 1)
		return -L2TP_E_CRYPTO;
	return 0;
}
