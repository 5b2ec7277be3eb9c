// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One fuzz target over everything in lib/ that reads bytes from the
 * network: the header (RFC 2661 §3.1), AVP headers and typed values (§4.1,
 * §4.4), hidden values (§4.3) and whole messages against the per-message
 * tables (§6). The first byte selects the mode (fuzz.h).
 *
 * Besides the sanitizers, oracles abort on a wrong answer:
 *  - every failure is a named -L2TP_E_* code, and the decode_err that
 *    comes with it is consistent (a message error suggests an answer);
 *  - a message that decodes re-encodes with the same AVPs hidden, and the
 *    re-encoding decodes to the same type, AVP set and values;
 *  - an AVP value that decodes re-encodes, in clear and hidden, and reads
 *    back the same;
 *  - a hidden value that reveals hides back to the same ciphertext.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fuzz.h"
#include "messages.h"

#define FUZZ_CHECK(cond)	fuzz_check((cond), #cond, __LINE__)

/* Room for any re-encoded message: a datagram's Length is 16 bits. */
#define PKT_MAX		65536

static const uint8_t fuzz_rv[16] = {
	0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78,
	0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf0,
};

static void fuzz_check(bool ok, const char *what, int line)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz-decode.c:%d: oracle failed: %s\n", line, what);
	abort();
}

static bool known_err(int err)
{
	return err < 0 && -err >= L2TP_E_TRUNCATED && -err < L2TP_E_ERR_MAX &&
	       strcmp(l2tp_strerror(err), "unknown error");
}

static bool header_err(int err)
{
	return -err >= L2TP_E_HDR_SHORT && -err <= L2TP_E_NOT_CONTROL;
}

/* §4.1, §5: an error in a message names the answer to send. */
static void check_decode_err(int err, const struct l2tp_decode_err *de,
			     size_t payload_len)
{
	FUZZ_CHECK(de->code == err);
	if (!err)
		return;
	FUZZ_CHECK(known_err(err));
	if (header_err(err))
		return;
	FUZZ_CHECK(de->avp_off <= payload_len);
	if (err == -L2TP_E_MSG_UNKNOWN)
		FUZZ_CHECK(!de->result);
	else
		FUZZ_CHECK(de->result && de->error);
	if (err == -L2TP_E_MSG_MISSING_AVP)
		FUZZ_CHECK(de->missing &&
			   de->missing & L2TP_AVP_BIT(de->avp_type));
}

static void check_vendor_equal(const struct l2tp_msg *a,
			       const struct l2tp_msg *b)
{
	unsigned int i;

	FUZZ_CHECK(a->n_vendor == b->n_vendor);
	for (i = 0; i < a->n_vendor; i++) {
		const struct l2tp_vendor_avp *va = &a->vendor[i];
		const struct l2tp_vendor_avp *vb = &b->vendor[i];

		FUZZ_CHECK(va->vendor == vb->vendor && va->type == vb->type &&
			   va->hidden == vb->hidden &&
			   va->value.len == vb->value.len);
		FUZZ_CHECK(!va->value.len ||
			   !memcmp(va->value.ptr, vb->value.ptr, va->value.len));
	}
}

/*
 * Re-encodes a decoded message and decodes it again. Hidden values come
 * back padded (§4.3), so a re-encoding of a large message may run out of
 * room where the original did not: those two errors end the check.
 */
static void check_roundtrip(const struct l2tp_msg *m,
			    const struct l2tp_secret *secret)
{
	static uint8_t pkt[PKT_MAX];
	static struct l2tp_msg m2;
	struct l2tp_hdr h;
	struct wbuf w;
	int err;

	wbuf_init(&w, pkt, sizeof(pkt));
	err = l2tp_msg_encode(m, &w, 0x1234, 0x5678, 7, 9, secret, m->hidden);
	if (err == -L2TP_E_NOSPACE)
		return;
	FUZZ_CHECK(err == 0);
	err = l2tp_ctrl_decode(&h, &m2, pkt, w.len, secret, NULL);
	if (err == -L2TP_E_HIDDEN_SPACE)
		return;
	FUZZ_CHECK(err == 0);
	FUZZ_CHECK(h.tunnel_id == 0x1234 && h.session_id == 0x5678 &&
		   h.ns == 7 && h.nr == 9);
	FUZZ_CHECK(m2.type == m->type && m2.present == m->present);
	FUZZ_CHECK(m2.hidden == (m->hidden & m->present));
	FUZZ_CHECK(wire_msg_diff(m, &m2, m->present) < 0);
	check_vendor_equal(m, &m2);
}

static void fuzz_ctrl(const uint8_t *data, size_t len)
{
	static struct l2tp_msg m;
	struct l2tp_decode_err de;
	struct l2tp_hdr h;
	int err = l2tp_ctrl_decode(&h, &m, data, len, &wire_secret, &de);

	check_decode_err(err, &de, len);
	if (header_err(err))
		return;
	FUZZ_CHECK(h.control && h.payload_off + h.payload_len <= len);
	FUZZ_CHECK(h.payload_off + h.payload_len == h.length);
	if (!err)
		check_roundtrip(&m, &wire_secret);
}

static void fuzz_payload(const uint8_t *data, size_t len)
{
	static struct l2tp_msg m;
	struct l2tp_decode_err de;
	int err = l2tp_msg_decode(&m, data, len, NULL, &de);

	check_decode_err(err, &de, len);
	if (!err) {
		FUZZ_CHECK(!m.hidden);
		check_roundtrip(&m, NULL);
	}
}

/* Writes the value in field; returns its length. */
static size_t put_value(const struct l2tp_avp_desc *d, const void *field,
			uint8_t *buf)
{
	struct wbuf w;

	wbuf_init(&w, buf, L2TP_AVP_MAX_VALUE);
	FUZZ_CHECK(l2tp_avp_value_put(d, field, &w) == 0);
	FUZZ_CHECK(w.len == l2tp_avp_value_len(d, field));
	return w.len;
}

/* A whole AVP with the value hidden, read back through l2tp_avp_unhide. */
static void check_hidden_value(const struct l2tp_avp_desc *d,
			       const void *field, const uint8_t *want,
			       size_t want_len)
{
	/* Room for a value too long to hide, so that put says so. */
	static uint8_t avp[2 * L2TP_AVP_MAX_LEN], plain_buf[L2TP_AVP_MAX_LEN];
	static struct l2tp_msg m2;
	const struct l2tp_bytes rv = { fuzz_rv, sizeof(fuzz_rv) };
	uint8_t again[L2TP_AVP_MAX_VALUE];
	struct l2tp_bytes plain;
	struct l2tp_avp_hdr a;
	struct rbuf r, val;
	struct wbuf w;
	int err;

	wbuf_init(&w, avp, sizeof(avp));
	err = l2tp_avp_put(&w, d, field, true, &wire_secret, &rv);
	/* The 2-byte Original Length may not fit next to a 1016+ byte value. */
	if (err == -L2TP_E_AVP_TOO_LONG && want_len + 2 > L2TP_AVP_MAX_VALUE)
		return;
	FUZZ_CHECK(err == 0);
	rbuf_init(&r, avp, w.len);
	FUZZ_CHECK(l2tp_avp_hdr_get(&r, &a, &val) == 0 && a.hidden &&
		   a.type == d->type && !rbuf_left(&r));
	FUZZ_CHECK(l2tp_avp_unhide(d->type, &wire_secret, &rv, val.data,
				   val.len, plain_buf, &plain) == 0);
	rbuf_init(&r, plain.ptr, plain.len);
	FUZZ_CHECK(l2tp_avp_value_get(d, &r, (uint8_t *)&m2 + d->off) == 0);
	FUZZ_CHECK(put_value(d, (uint8_t *)&m2 + d->off, again) == want_len &&
		   !memcmp(again, want, want_len));
}

/* get, put, get again, put again: the two encodings must be equal. */
static void check_value(const struct l2tp_avp_desc *d, struct rbuf *val)
{
	static struct l2tp_msg m1, m2;
	uint8_t b1[L2TP_AVP_MAX_VALUE], b2[L2TP_AVP_MAX_VALUE];
	void *f1 = (uint8_t *)&m1 + d->off, *f2 = (uint8_t *)&m2 + d->off;
	size_t n1, n2;
	struct rbuf r;
	int err = l2tp_avp_value_get(d, val, f1);

	if (err) {
		FUZZ_CHECK(known_err(err));
		return;
	}
	n1 = put_value(d, f1, b1);
	rbuf_init(&r, b1, n1);
	FUZZ_CHECK(l2tp_avp_value_get(d, &r, f2) == 0);
	n2 = put_value(d, f2, b2);
	FUZZ_CHECK(n1 == n2 && !memcmp(b1, b2, n1));
	if (d->flags & L2TP_AVPF_HIDE)
		check_hidden_value(d, f1, b1, n1);
}

static void fuzz_avps(const uint8_t *data, size_t len)
{
	struct l2tp_avp_hdr a;
	struct rbuf r, val;

	rbuf_init(&r, data, len);
	while (rbuf_left(&r)) {
		size_t at = r.pos;
		const struct l2tp_avp_desc *d;
		int err = l2tp_avp_hdr_get(&r, &a, &val);

		if (err) {
			FUZZ_CHECK(known_err(err) && r.pos == at);
			return;
		}
		FUZZ_CHECK(a.len >= L2TP_AVP_HDR_LEN && r.pos == at + a.len &&
			   val.len == (size_t)a.len - L2TP_AVP_HDR_LEN);
		d = l2tp_avp_desc(a.vendor, a.type);
		if (d)
			check_value(d, &val);
	}
}

/* type (2), RV length (1), RV, then the hidden value. */
static void fuzz_hidden(const uint8_t *data, size_t len)
{
	static uint8_t out[PKT_MAX], back[PKT_MAX];
	const struct l2tp_avp_desc *d;
	struct l2tp_bytes rv, plain;
	const uint8_t *ct;
	uint16_t type;
	size_t n;
	int err;

	if (len < 3 || len - 3 < data[2] || len - 3 - data[2] > sizeof(out))
		return;
	type = (uint16_t)(data[0] << 8 | data[1]);
	rv.ptr = data + 3;
	rv.len = data[2];
	ct = rv.ptr + rv.len;
	n = len - 3 - rv.len;
	err = l2tp_avp_unhide(type, &wire_secret, &rv, ct, n, out, &plain);
	if (err) {
		FUZZ_CHECK(err == -L2TP_E_HIDDEN_LEN ||
			   (err == -L2TP_E_HIDDEN_NO_RV && !rv.len));
		return;
	}
	FUZZ_CHECK(plain.ptr == out + 2 && plain.len + 2u <= n);
	memcpy(back, out, n);
	FUZZ_CHECK(l2tp_avp_hide(type, &wire_secret, &rv, back, n) == 0);
	FUZZ_CHECK(!memcmp(back, ct, n));
	d = l2tp_avp_desc(0, type);
	if (d) {
		struct rbuf val;

		rbuf_init(&val, plain.ptr, plain.len);
		check_value(d, &val);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	if (!len)
		return 0;
	switch (data[0] % FUZZ_MODES) {
	case FUZZ_MODE_CTRL:
		fuzz_ctrl(data + 1, len - 1);
		break;
	case FUZZ_MODE_PAYLOAD:
		fuzz_payload(data + 1, len - 1);
		break;
	case FUZZ_MODE_AVPS:
		fuzz_avps(data + 1, len - 1);
		break;
	case FUZZ_MODE_HIDDEN:
		fuzz_hidden(data + 1, len - 1);
		break;
	}
	return 0;
}
