// SPDX-License-Identifier: GPL-2.0-or-later
#include <check.h>
#include <string.h>

#include "err.h"
#include "sample.h"

const struct l2tp_secret sample_secret = {
	(const uint8_t *)"s3cr3t", 6,
};

/* Text to point sample strings and binaries into. */
static const char sample_text[] =
	"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static struct l2tp_bytes sample_bytes(const struct l2tp_avp_desc *d)
{
	uint16_t len = (uint16_t)(3 + d->type % 7);
	struct l2tp_bytes b;

	if (len < d->min)
		len = d->min;
	if (len > d->max)
		len = d->max;
	b.ptr = (const uint8_t *)sample_text + d->type;
	b.len = len;
	return b;
}

static void fill_compound(const struct l2tp_avp_desc *d, void *f)
{
	struct l2tp_result *res = f;
	struct l2tp_q931 *q = f;
	struct l2tp_call_errors *ce = f;
	struct l2tp_accm *accm = f;
	struct l2tp_ppp_disc *pd = f;
	struct l2tp_proto_ver *pv = f;

	switch (d->kind) {
	case L2TP_AVP_KIND_VERSION:
		pv->ver = 1;
		pv->rev = 0;
		break;
	case L2TP_AVP_KIND_RESULT:
		res->result = 2;
		res->has_error = true;
		res->error = 6;
		res->message = l2tp_bytes_str("vendor says no");
		break;
	case L2TP_AVP_KIND_Q931:
		q->cause = 0x10;
		q->msg = 0x2a;
		q->advisory = l2tp_bytes_str("busy");
		break;
	case L2TP_AVP_KIND_CALL_ERRORS:
		*ce = (struct l2tp_call_errors){ 1, 2, 3, 4, 5, 0xfffffff6 };
		break;
	case L2TP_AVP_KIND_ACCM:
		accm->send = 0xffffffff;
		accm->recv = 0x000a0000;
		break;
	case L2TP_AVP_KIND_PPP_DISC:
		pd->code = 3;
		pd->proto = 0xc021;
		pd->direction = 1;
		pd->message = l2tp_bytes_str("normal disconnect");
		break;
	}
}

void sample_fill_avp(struct l2tp_msg *m, uint16_t type)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(0, type);
	void *f;

	ck_assert_ptr_nonnull(d);
	f = (uint8_t *)m + d->off;
	switch (d->kind) {
	case L2TP_AVP_KIND_EMPTY:
		break;
	case L2TP_AVP_KIND_U16:
		*(uint16_t *)f = (uint16_t)(0x1100 + type);
		break;
	case L2TP_AVP_KIND_U32:
	case L2TP_AVP_KIND_BITMAP:
		*(uint32_t *)f = 0x81223300u + type;
		break;
	case L2TP_AVP_KIND_U64:
		*(uint64_t *)f = UINT64_C(0x8102030405060700) + type;
		break;
	case L2TP_AVP_KIND_STRING:
	case L2TP_AVP_KIND_BINARY:
		*(struct l2tp_bytes *)f = sample_bytes(d);
		break;
	default:
		fill_compound(d, f);
		break;
	}
	l2tp_msg_set(m, type);
}

void sample_fill_msg(struct l2tp_msg *m, uint16_t msg_type)
{
	const struct l2tp_msg_desc *md = l2tp_msg_desc(msg_type);
	uint64_t avps;
	unsigned int t;

	ck_assert_ptr_nonnull(md);
	l2tp_msg_init(m, msg_type);
	avps = (md->required | md->optional) &
	       ~L2TP_AVP_BIT(L2TP_AVP_RANDOM_VECTOR) &
	       ~L2TP_AVP_BIT(L2TP_AVP_MESSAGE_TYPE);
	for (t = 0; t <= L2TP_AVP_TYPE_MAX; t++)
		if (avps & L2TP_AVP_BIT(t))
			sample_fill_avp(m, (uint16_t)t);
	if (msg_type != L2TP_MSG_ZLB)
		l2tp_msg_set(m, L2TP_AVP_MESSAGE_TYPE);
}

static void assert_bytes_equal(const struct l2tp_bytes *a,
			       const struct l2tp_bytes *b)
{
	ck_assert_uint_eq(a->len, b->len);
	if (a->len)
		ck_assert_mem_eq(a->ptr, b->ptr, a->len);
}

static void assert_compound_equal(uint8_t kind, const void *a, const void *b)
{
	const struct l2tp_result *ra = a, *rb = b;
	const struct l2tp_q931 *qa = a, *qb = b;
	const struct l2tp_ppp_disc *pa = a, *pb = b;

	switch (kind) {
	case L2TP_AVP_KIND_RESULT:
		ck_assert_uint_eq(ra->result, rb->result);
		ck_assert_int_eq(ra->has_error, rb->has_error);
		ck_assert_uint_eq(ra->error, rb->error);
		assert_bytes_equal(&ra->message, &rb->message);
		break;
	case L2TP_AVP_KIND_Q931:
		ck_assert_uint_eq(qa->cause, qb->cause);
		ck_assert_uint_eq(qa->msg, qb->msg);
		assert_bytes_equal(&qa->advisory, &qb->advisory);
		break;
	case L2TP_AVP_KIND_PPP_DISC:
		ck_assert_uint_eq(pa->code, pb->code);
		ck_assert_uint_eq(pa->proto, pb->proto);
		ck_assert_uint_eq(pa->direction, pb->direction);
		assert_bytes_equal(&pa->message, &pb->message);
		break;
	case L2TP_AVP_KIND_VERSION:
		ck_assert_mem_eq(a, b, sizeof(struct l2tp_proto_ver));
		break;
	case L2TP_AVP_KIND_CALL_ERRORS:
		ck_assert_mem_eq(a, b, sizeof(struct l2tp_call_errors));
		break;
	case L2TP_AVP_KIND_ACCM:
		ck_assert_mem_eq(a, b, sizeof(struct l2tp_accm));
		break;
	default:
		ck_abort_msg("kind %u", kind);
	}
}

void sample_assert_value_equal(const struct l2tp_avp_desc *d, const void *a,
			       const void *b)
{
	switch (d->kind) {
	case L2TP_AVP_KIND_EMPTY:
		break;
	case L2TP_AVP_KIND_U16:
		ck_assert_uint_eq(*(const uint16_t *)a, *(const uint16_t *)b);
		break;
	case L2TP_AVP_KIND_U32:
	case L2TP_AVP_KIND_BITMAP:
		ck_assert_uint_eq(*(const uint32_t *)a, *(const uint32_t *)b);
		break;
	case L2TP_AVP_KIND_U64:
		ck_assert(*(const uint64_t *)a == *(const uint64_t *)b);
		break;
	case L2TP_AVP_KIND_STRING:
	case L2TP_AVP_KIND_BINARY:
		assert_bytes_equal(a, b);
		break;
	default:
		assert_compound_equal(d->kind, a, b);
		break;
	}
}

void sample_assert_equal(const struct l2tp_msg *a, const struct l2tp_msg *b,
			 uint64_t mask)
{
	unsigned int t;

	for (t = 0; t <= L2TP_AVP_TYPE_MAX; t++) {
		const struct l2tp_avp_desc *d = l2tp_avp_desc(0, (uint16_t)t);

		if (!(mask & L2TP_AVP_BIT(t)))
			continue;
		ck_assert_msg(d, "AVP %u", t);
		sample_assert_value_equal(d, (const uint8_t *)a + d->off,
					  (const uint8_t *)b + d->off);
	}
}

size_t sample_encode(const struct l2tp_msg *m, uint8_t *buf, size_t cap,
		     const struct l2tp_secret *secret, uint64_t hide)
{
	struct wbuf w;
	int err;

	wbuf_init(&w, buf, cap);
	err = l2tp_msg_encode(m, &w, 1, 2, 3, 4, secret, hide);
	ck_assert_msg(err == 0, "encode %s: %s", l2tp_msg_name(m->type),
		      l2tp_strerror(err));
	return w.len;
}

size_t sample_strip_avp(const uint8_t *pkt, size_t len, uint16_t type,
			uint8_t *out)
{
	struct rbuf r;
	size_t n = L2TP_CTRL_HDR_LEN, at;
	bool done = false;

	ck_assert_uint_ge(len, L2TP_CTRL_HDR_LEN);
	memcpy(out, pkt, L2TP_CTRL_HDR_LEN);
	rbuf_init(&r, pkt + L2TP_CTRL_HDR_LEN, len - L2TP_CTRL_HDR_LEN);
	while (rbuf_left(&r)) {
		struct l2tp_avp_hdr a;
		struct rbuf val;

		at = r.pos;
		ck_assert_int_eq(l2tp_avp_hdr_get(&r, &a, &val), 0);
		if (!done && !a.vendor && a.type == type) {
			done = true;
			continue;
		}
		memcpy(out + n, pkt + L2TP_CTRL_HDR_LEN + at, a.len);
		n += a.len;
	}
	ck_assert_msg(done, "AVP %u not found", type);
	out[2] = (uint8_t)(n >> 8);
	out[3] = (uint8_t)n;
	return n;
}
