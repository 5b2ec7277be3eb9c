// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>

#include "avp.h"
#include "err.h"
#include "msg.h"

#define MAXV	L2TP_AVP_MAX_VALUE
#define M	L2TP_AVPF_M
#define H	L2TP_AVPF_HIDE

#define AVP(t, nm, k, fl, lo, hi, field)				\
	[L2TP_AVP_##t] = { .name = nm, .vendor = 0, .type = L2TP_AVP_##t, \
			   .kind = L2TP_AVP_KIND_##k, .flags = fl,	\
			   .min = lo, .max = hi,			\
			   .off = offsetof(struct l2tp_msg, field) }

/*
 * Every IETF AVP of RFC 2661 §4.4 and RFC 3145 §2: value length bounds
 * exclude the 6-byte header and apply to the original value of a hidden
 * AVP. M: "The M bit for this AVP MUST be set to 1"; H: "This AVP MAY be
 * hidden". Fixed layouts (§4.4.x figures): Protocol Version 1+1, Tie
 * Breaker 8, Challenge Response 16, Call Errors 2 reserved + 6 * 4, ACCM
 * 2 reserved + 4 + 4, Q.931 2 + 1 + advisory, Result Code 2 [+ 2 [+ msg]],
 * PPP Disconnect Cause 2 + 2 + 1 + text. Host Name, Challenge, Random
 * Vector and Proxy Authen Challenge carry at least one octet.
 */
static const struct l2tp_avp_desc avp_table[L2TP_AVP_TYPE_MAX + 1] = {
	/* §4.4.1 */
	AVP(MESSAGE_TYPE, "Message Type", U16, M, 2, 2, type),
	AVP(RANDOM_VECTOR, "Random Vector", BINARY, M | L2TP_AVPF_MULTI,
	    1, MAXV, random_vector),
	/* §4.4.2 */
	AVP(RESULT_CODE, "Result Code", RESULT, M, 2, MAXV, result),
	/* §4.4.3 */
	AVP(PROTOCOL_VERSION, "Protocol Version", VERSION, M, 2, 2, proto_ver),
	AVP(FRAMING_CAP, "Framing Capabilities", BITMAP, M | H, 4, 4, framing_cap),
	AVP(BEARER_CAP, "Bearer Capabilities", BITMAP, M | H, 4, 4, bearer_cap),
	AVP(TIE_BREAKER, "Tie Breaker", U64, 0, 8, 8, tie_breaker),
	AVP(FIRMWARE_REV, "Firmware Revision", U16, H, 2, 2, firmware_rev),
	AVP(HOST_NAME, "Host Name", STRING, M, 1, MAXV, host_name),
	AVP(VENDOR_NAME, "Vendor Name", STRING, H, 0, MAXV, vendor_name),
	AVP(ASSIGNED_TUNNEL_ID, "Assigned Tunnel ID", U16, M | H, 2, 2, tunnel_id),
	AVP(RECV_WINDOW_SIZE, "Receive Window Size", U16, M, 2, 2, recv_window),
	AVP(CHALLENGE, "Challenge", BINARY, M | H, 1, MAXV, challenge),
	AVP(CHALLENGE_RESPONSE, "Challenge Response", BINARY, M | H,
	    L2TP_CHAL_RESP_LEN, L2TP_CHAL_RESP_LEN, chal_resp),
	/* §4.4.4 */
	AVP(Q931_CAUSE, "Q.931 Cause Code", Q931, M, 3, MAXV, q931),
	AVP(ASSIGNED_SESSION_ID, "Assigned Session ID", U16, M | H, 2, 2, session_id),
	AVP(CALL_SERIAL_NUMBER, "Call Serial Number", U32, M | H, 4, 4, call_serial),
	AVP(MIN_BPS, "Minimum BPS", U32, M | H, 4, 4, min_bps),
	AVP(MAX_BPS, "Maximum BPS", U32, M | H, 4, 4, max_bps),
	AVP(BEARER_TYPE, "Bearer Type", BITMAP, M | H, 4, 4, bearer_type),
	AVP(FRAMING_TYPE, "Framing Type", BITMAP, M | H, 4, 4, framing_type),
	AVP(CALLED_NUMBER, "Called Number", STRING, M | H, 0, MAXV, called_number),
	AVP(CALLING_NUMBER, "Calling Number", STRING, M | H, 0, MAXV, calling_number),
	AVP(SUB_ADDRESS, "Sub-Address", STRING, M | H, 0, MAXV, sub_address),
	AVP(TX_CONNECT_SPEED, "(Tx) Connect Speed", U32, M | H, 4, 4, tx_speed),
	AVP(RX_CONNECT_SPEED, "Rx Connect Speed", U32, H, 4, 4, rx_speed),
	AVP(PHYSICAL_CHANNEL_ID, "Physical Channel ID", U32, H, 4, 4, phys_channel),
	AVP(PRIVATE_GROUP_ID, "Private Group ID", BINARY, H, 0, MAXV, private_group),
	/* No value: presence only; the field named is never touched. */
	AVP(SEQUENCING_REQUIRED, "Sequencing Required", EMPTY, M, 0, 0, type),
	/* §4.4.5: proxy LCP and authentication, kept as bytes */
	AVP(INITIAL_RECV_LCP_CONFREQ, "Initial Received LCP CONFREQ", BINARY, H,
	    0, MAXV, init_rcvd_lcp),
	AVP(LAST_SENT_LCP_CONFREQ, "Last Sent LCP CONFREQ", BINARY, H,
	    0, MAXV, last_sent_lcp),
	AVP(LAST_RECV_LCP_CONFREQ, "Last Received LCP CONFREQ", BINARY, H,
	    0, MAXV, last_rcvd_lcp),
	AVP(PROXY_AUTHEN_TYPE, "Proxy Authen Type", U16, H, 2, 2, proxy_auth_type),
	AVP(PROXY_AUTHEN_NAME, "Proxy Authen Name", STRING, H, 0, MAXV, proxy_auth_name),
	AVP(PROXY_AUTHEN_CHALLENGE, "Proxy Authen Challenge", BINARY, H,
	    1, MAXV, proxy_auth_chal),
	AVP(PROXY_AUTHEN_ID, "Proxy Authen ID", U16, H, 2, 2, proxy_auth_id),
	AVP(PROXY_AUTHEN_RESPONSE, "Proxy Authen Response", BINARY, H,
	    0, MAXV, proxy_auth_resp),
	/* §4.4.6 */
	AVP(CALL_ERRORS, "Call Errors", CALL_ERRORS, M | H, 26, 26, call_errors),
	AVP(ACCM, "ACCM", ACCM, M | H, 10, 10, accm),
	/* RFC 3145 §2: "MUST NOT be marked Mandatory", MAY be hidden */
	AVP(PPP_DISCONNECT_CAUSE, "PPP Disconnect Cause Code", PPP_DISC, H,
	    5, MAXV, ppp_disc),
};

const struct l2tp_avp_desc *l2tp_avp_desc(uint16_t vendor, uint16_t type)
{
	if (vendor || type > L2TP_AVP_TYPE_MAX || !avp_table[type].name)
		return NULL;
	return &avp_table[type];
}

const char *l2tp_avp_name(uint16_t vendor, uint16_t type)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(vendor, type);

	return d ? d->name : "unknown";
}

uint64_t l2tp_avp_hideable_mask(void)
{
	uint64_t mask = 0;
	unsigned int t;

	for (t = 0; t <= L2TP_AVP_TYPE_MAX; t++)
		if (avp_table[t].flags & L2TP_AVPF_HIDE)
			mask |= L2TP_AVP_BIT(t);
	return mask;
}

int l2tp_avp_hdr_get(struct rbuf *r, struct l2tp_avp_hdr *a, struct rbuf *value)
{
	size_t start = r->pos;
	uint16_t bits;
	int err;

	if (rbuf_left(r) < L2TP_AVP_HDR_LEN) {
		a->len = 0;
		return -L2TP_E_AVP_OVERRUN;
	}
	err = rbuf_get_u16(r, &bits);
	if (!err)
		err = rbuf_get_u16(r, &a->vendor);
	if (!err)
		err = rbuf_get_u16(r, &a->type);
	if (err)
		return err;
	a->mandatory = bits & L2TP_AVP_BIT_M;
	a->hidden = bits & L2TP_AVP_BIT_H;
	a->reserved = bits & L2TP_AVP_RSVD_MASK;
	a->len = bits & L2TP_AVP_LEN_MASK;
	err = a->len < L2TP_AVP_HDR_LEN ? -L2TP_E_AVP_SHORT :
	      rbuf_sub(r, a->len - L2TP_AVP_HDR_LEN, value);
	if (err) {
		r->pos = start;
		return err == -L2TP_E_TRUNCATED ? -L2TP_E_AVP_OVERRUN : err;
	}
	return 0;
}

int l2tp_avp_begin(struct wbuf *w, uint16_t flags, uint16_t vendor,
		   uint16_t type, size_t *at)
{
	size_t start = w->len;
	int err;

	if (w->cap - w->len < L2TP_AVP_HDR_LEN)
		return -L2TP_E_NOSPACE;
	err = wbuf_put_u16(w, flags & (L2TP_AVP_BIT_M | L2TP_AVP_BIT_H));
	if (!err)
		err = wbuf_put_u16(w, vendor);
	if (!err)
		err = wbuf_put_u16(w, type);
	*at = start;
	return err;
}

int l2tp_avp_end(struct wbuf *w, size_t at)
{
	size_t len = w->len - at;
	uint16_t bits;

	if (at > w->len || len < L2TP_AVP_HDR_LEN)
		return -L2TP_E_NOSPACE;
	if (len > L2TP_AVP_MAX_LEN)
		return -L2TP_E_AVP_TOO_LONG;
	bits = (uint16_t)(w->data[at] << 8 | w->data[at + 1]);
	return wbuf_patch_u16(w, at, (uint16_t)((bits & ~L2TP_AVP_LEN_MASK) | len));
}

static int get_bytes_rest(struct rbuf *val, struct l2tp_bytes *b)
{
	b->len = (uint16_t)rbuf_left(val);
	return rbuf_ref(val, b->len, &b->ptr);
}

static int get_u64(struct rbuf *val, uint64_t *v)
{
	uint32_t hi, lo;
	int err = rbuf_get_u32(val, &hi);

	if (!err)
		err = rbuf_get_u32(val, &lo);
	if (!err)
		*v = (uint64_t)hi << 32 | lo;
	return err;
}

static int get_result(struct rbuf *val, struct l2tp_result *res)
{
	int err = rbuf_get_u16(val, &res->result);

	res->has_error = false;
	res->error = 0;
	res->message.ptr = NULL;
	res->message.len = 0;
	if (err || !rbuf_left(val))
		return err;
	/* §4.4.2: Length is 8, 10, or 10 + message: never 9. */
	if (rbuf_left(val) < 2)
		return -L2TP_E_AVP_BAD_LEN;
	res->has_error = true;
	err = rbuf_get_u16(val, &res->error);
	return err ? err : get_bytes_rest(val, &res->message);
}

/* The Call Errors counters in wire order, after 2 reserved octets (§4.4.6). */
static const size_t call_error_off[] = {
	offsetof(struct l2tp_call_errors, crc),
	offsetof(struct l2tp_call_errors, framing),
	offsetof(struct l2tp_call_errors, hw_overruns),
	offsetof(struct l2tp_call_errors, buf_overruns),
	offsetof(struct l2tp_call_errors, timeouts),
	offsetof(struct l2tp_call_errors, alignment),
};

#define N_CALL_ERRORS	(sizeof(call_error_off) / sizeof(call_error_off[0]))

static int get_call_errors(struct rbuf *val, struct l2tp_call_errors *ce)
{
	int err = rbuf_skip(val, 2);
	size_t i;

	for (i = 0; !err && i < N_CALL_ERRORS; i++)
		err = rbuf_get_u32(val, (uint32_t *)((uint8_t *)ce +
						      call_error_off[i]));
	return err;
}

static int get_compound(uint8_t kind, struct rbuf *val, void *field)
{
	struct l2tp_proto_ver *pv = field;
	struct l2tp_q931 *q = field;
	struct l2tp_accm *accm = field;
	struct l2tp_ppp_disc *pd = field;
	int err;

	switch (kind) {
	case L2TP_AVP_KIND_VERSION:
		err = rbuf_get_u8(val, &pv->ver);
		return err ? err : rbuf_get_u8(val, &pv->rev);
	case L2TP_AVP_KIND_RESULT:
		return get_result(val, field);
	case L2TP_AVP_KIND_Q931:
		err = rbuf_get_u16(val, &q->cause);
		if (!err)
			err = rbuf_get_u8(val, &q->msg);
		return err ? err : get_bytes_rest(val, &q->advisory);
	case L2TP_AVP_KIND_CALL_ERRORS:
		return get_call_errors(val, field);
	case L2TP_AVP_KIND_ACCM:
		err = rbuf_skip(val, 2);
		if (!err)
			err = rbuf_get_u32(val, &accm->send);
		return err ? err : rbuf_get_u32(val, &accm->recv);
	case L2TP_AVP_KIND_PPP_DISC:
		err = rbuf_get_u16(val, &pd->code);
		if (!err)
			err = rbuf_get_u16(val, &pd->proto);
		if (!err)
			err = rbuf_get_u8(val, &pd->direction);
		return err ? err : get_bytes_rest(val, &pd->message);
	}
	return -L2TP_E_AVP_BAD_LEN;
}

int l2tp_avp_value_get(const struct l2tp_avp_desc *d, struct rbuf *val,
		       void *field)
{
	size_t n = rbuf_left(val);
	int err;

	if (n < d->min || n > d->max)
		return -L2TP_E_AVP_BAD_LEN;
	switch (d->kind) {
	case L2TP_AVP_KIND_EMPTY:
		return 0;
	case L2TP_AVP_KIND_U16:
		return rbuf_get_u16(val, field);
	case L2TP_AVP_KIND_U32:
	case L2TP_AVP_KIND_BITMAP:
		return rbuf_get_u32(val, field);
	case L2TP_AVP_KIND_U64:
		return get_u64(val, field);
	case L2TP_AVP_KIND_STRING:
	case L2TP_AVP_KIND_BINARY:
		return get_bytes_rest(val, field);
	}
	err = get_compound(d->kind, val, field);
	/* A fixed layout must use the whole value. */
	return err ? err : rbuf_left(val) ? -L2TP_E_AVP_BAD_LEN : 0;
}

size_t l2tp_avp_value_len(const struct l2tp_avp_desc *d, const void *field)
{
	const struct l2tp_result *res = field;

	switch (d->kind) {
	case L2TP_AVP_KIND_STRING:
	case L2TP_AVP_KIND_BINARY:
		return ((const struct l2tp_bytes *)field)->len;
	case L2TP_AVP_KIND_RESULT:
		return res->has_error ? 4u + res->message.len : 2u;
	case L2TP_AVP_KIND_Q931:
		return 3u + ((const struct l2tp_q931 *)field)->advisory.len;
	case L2TP_AVP_KIND_PPP_DISC:
		return 5u + ((const struct l2tp_ppp_disc *)field)->message.len;
	}
	/* Every other kind has a fixed length: min == max. */
	return d->min;
}

static int put_bytes(struct wbuf *w, const struct l2tp_bytes *b)
{
	return wbuf_put_bytes(w, b->ptr, b->len);
}

static int put_u64(struct wbuf *w, uint64_t v)
{
	int err = wbuf_put_u32(w, (uint32_t)(v >> 32));

	return err ? err : wbuf_put_u32(w, (uint32_t)v);
}

static int put_result(struct wbuf *w, const struct l2tp_result *res)
{
	int err = wbuf_put_u16(w, res->result);

	if (err || !res->has_error)
		return err;
	err = wbuf_put_u16(w, res->error);
	return err ? err : put_bytes(w, &res->message);
}

static int put_call_errors(struct wbuf *w, const struct l2tp_call_errors *ce)
{
	int err = wbuf_put_u16(w, 0);
	size_t i;

	for (i = 0; !err && i < N_CALL_ERRORS; i++)
		err = wbuf_put_u32(w, *(const uint32_t *)((const uint8_t *)ce +
							   call_error_off[i]));
	return err;
}

static int put_compound(uint8_t kind, const void *field, struct wbuf *w)
{
	const struct l2tp_proto_ver *pv = field;
	const struct l2tp_q931 *q = field;
	const struct l2tp_accm *accm = field;
	const struct l2tp_ppp_disc *pd = field;
	int err;

	switch (kind) {
	case L2TP_AVP_KIND_VERSION:
		err = wbuf_put_u8(w, pv->ver);
		return err ? err : wbuf_put_u8(w, pv->rev);
	case L2TP_AVP_KIND_RESULT:
		return put_result(w, field);
	case L2TP_AVP_KIND_Q931:
		err = wbuf_put_u16(w, q->cause);
		if (!err)
			err = wbuf_put_u8(w, q->msg);
		return err ? err : put_bytes(w, &q->advisory);
	case L2TP_AVP_KIND_CALL_ERRORS:
		return put_call_errors(w, field);
	case L2TP_AVP_KIND_ACCM:
		err = wbuf_put_u16(w, 0);
		if (!err)
			err = wbuf_put_u32(w, accm->send);
		return err ? err : wbuf_put_u32(w, accm->recv);
	case L2TP_AVP_KIND_PPP_DISC:
		err = wbuf_put_u16(w, pd->code);
		if (!err)
			err = wbuf_put_u16(w, pd->proto);
		if (!err)
			err = wbuf_put_u8(w, pd->direction);
		return err ? err : put_bytes(w, &pd->message);
	}
	return -L2TP_E_NOSPACE;
}

int l2tp_avp_value_put(const struct l2tp_avp_desc *d, const void *field,
		       struct wbuf *w)
{
	size_t n = l2tp_avp_value_len(d, field);

	if (n > L2TP_AVP_MAX_VALUE)
		return -L2TP_E_AVP_TOO_LONG;
	if (n < d->min || n > d->max)
		return -L2TP_E_AVP_BAD_LEN;
	switch (d->kind) {
	case L2TP_AVP_KIND_EMPTY:
		return 0;
	case L2TP_AVP_KIND_U16:
		return wbuf_put_u16(w, *(const uint16_t *)field);
	case L2TP_AVP_KIND_U32:
	case L2TP_AVP_KIND_BITMAP:
		return wbuf_put_u32(w, *(const uint32_t *)field);
	case L2TP_AVP_KIND_U64:
		return put_u64(w, *(const uint64_t *)field);
	case L2TP_AVP_KIND_STRING:
	case L2TP_AVP_KIND_BINARY:
		return put_bytes(w, field);
	}
	return put_compound(d->kind, field, w);
}

/* RFC 2661 §4.3: random padding hides the original length; we round the
 * hidden subformat up to a multiple of 16 octets, as far as the AVP allows. */
static size_t hide_pad(size_t sub_len)
{
	size_t want = (sub_len + 15) & ~(size_t)15;

	if (want > L2TP_AVP_MAX_VALUE)
		want = L2TP_AVP_MAX_VALUE;
	return want > sub_len ? want - sub_len : 0;
}

static int put_hidden_value(struct wbuf *w, const struct l2tp_avp_desc *d,
			    const void *field, const struct l2tp_secret *secret,
			    const struct l2tp_bytes *rv)
{
	size_t sub, pad_at, pad;
	int err = wbuf_reserve(w, 2, &sub);

	if (!err)
		err = l2tp_avp_value_put(d, field, w);
	if (err)
		return err;
	err = wbuf_patch_u16(w, sub, (uint16_t)(w->len - sub - 2));
	pad = hide_pad(w->len - sub);
	if (!err)
		err = wbuf_reserve(w, pad, &pad_at);
	if (!err)
		err = l2tp_auth_random(w->data + pad_at, pad);
	return err ? err : l2tp_avp_hide(d->type, secret, rv, w->data + sub,
					  w->len - sub);
}

int l2tp_avp_put(struct wbuf *w, const struct l2tp_avp_desc *d,
		 const void *field, bool hide, const struct l2tp_secret *secret,
		 const struct l2tp_bytes *rv)
{
	uint16_t flags = d->flags & L2TP_AVPF_M ? L2TP_AVP_BIT_M : 0;
	size_t start = w->len, at;
	int err = 0;

	if (hide) {
		if (!(d->flags & L2TP_AVPF_HIDE))
			return -L2TP_E_AVP_NOT_HIDEABLE;
		if (!secret)
			return -L2TP_E_HIDDEN_NO_SECRET;
		if (!rv || !rv->len)
			return -L2TP_E_HIDDEN_NO_RV;
		flags |= L2TP_AVP_BIT_H;
	}
	err = l2tp_avp_begin(w, flags, d->vendor, d->type, &at);
	if (!err)
		err = hide ? put_hidden_value(w, d, field, secret, rv) :
			     l2tp_avp_value_put(d, field, w);
	if (!err)
		err = l2tp_avp_end(w, at);
	if (err)
		w->len = start;
	return err;
}

int l2tp_avp_put_u16(struct wbuf *w, uint16_t type, uint16_t v)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(0, type);

	if (!d || d->kind != L2TP_AVP_KIND_U16)
		return -L2TP_E_AVP_NOT_ALLOWED;
	return l2tp_avp_put(w, d, &v, false, NULL, NULL);
}

int l2tp_avp_put_u32(struct wbuf *w, uint16_t type, uint32_t v)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(0, type);

	if (!d || (d->kind != L2TP_AVP_KIND_U32 &&
		   d->kind != L2TP_AVP_KIND_BITMAP))
		return -L2TP_E_AVP_NOT_ALLOWED;
	return l2tp_avp_put(w, d, &v, false, NULL, NULL);
}

int l2tp_avp_put_bytes(struct wbuf *w, uint16_t type, const void *p, size_t n)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(0, type);
	struct l2tp_bytes b = { p, (uint16_t)n };

	if (!d || (d->kind != L2TP_AVP_KIND_STRING &&
		   d->kind != L2TP_AVP_KIND_BINARY))
		return -L2TP_E_AVP_NOT_ALLOWED;
	if (n > L2TP_AVP_MAX_VALUE)
		return -L2TP_E_AVP_TOO_LONG;
	return l2tp_avp_put(w, d, &b, false, NULL, NULL);
}
