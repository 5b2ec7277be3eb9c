// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "err.h"
#include "msg.h"

#define B(avp)	L2TP_AVP_BIT(L2TP_AVP_##avp)
#define MT	B(MESSAGE_TYPE)
#define RV	B(RANDOM_VECTOR)

/*
 * Required and optional AVPs of each message, RFC 2661 §6.1-§6.15, plus
 * RFC 3145's PPP Disconnect Cause Code in CDN. A Random Vector may precede
 * hidden AVPs in any message (§4.3), so every message allows it. session:
 * the message belongs to a call, and §4.1 ends the session, not the tunnel,
 * when it carries an unknown mandatory AVP.
 */
static const struct l2tp_msg_desc msg_table[L2TP_MSG_MAX + 1] = {
	[L2TP_MSG_ZLB] = { "ZLB", 0, 0, false },
	[L2TP_MSG_SCCRQ] = { "SCCRQ",
		MT | B(PROTOCOL_VERSION) | B(HOST_NAME) | B(FRAMING_CAP) |
		B(ASSIGNED_TUNNEL_ID),
		RV | B(BEARER_CAP) | B(RECV_WINDOW_SIZE) | B(CHALLENGE) |
		B(TIE_BREAKER) | B(FIRMWARE_REV) | B(VENDOR_NAME), false },
	[L2TP_MSG_SCCRP] = { "SCCRP",
		MT | B(PROTOCOL_VERSION) | B(FRAMING_CAP) | B(HOST_NAME) |
		B(ASSIGNED_TUNNEL_ID),
		RV | B(BEARER_CAP) | B(FIRMWARE_REV) | B(VENDOR_NAME) |
		B(RECV_WINDOW_SIZE) | B(CHALLENGE) | B(CHALLENGE_RESPONSE), false },
	[L2TP_MSG_SCCCN] = { "SCCCN", MT, RV | B(CHALLENGE_RESPONSE), false },
	[L2TP_MSG_STOPCCN] = { "StopCCN",
		MT | B(ASSIGNED_TUNNEL_ID) | B(RESULT_CODE), RV, false },
	[L2TP_MSG_HELLO] = { "HELLO", MT, RV, false },
	[L2TP_MSG_OCRQ] = { "OCRQ",
		MT | B(ASSIGNED_SESSION_ID) | B(CALL_SERIAL_NUMBER) |
		B(MIN_BPS) | B(MAX_BPS) | B(BEARER_TYPE) | B(FRAMING_TYPE) |
		B(CALLED_NUMBER),
		RV | B(SUB_ADDRESS), true },
	[L2TP_MSG_OCRP] = { "OCRP", MT | B(ASSIGNED_SESSION_ID),
		RV | B(PHYSICAL_CHANNEL_ID), true },
	[L2TP_MSG_OCCN] = { "OCCN", MT | B(TX_CONNECT_SPEED) | B(FRAMING_TYPE),
		RV | B(RX_CONNECT_SPEED) | B(SEQUENCING_REQUIRED), true },
	[L2TP_MSG_ICRQ] = { "ICRQ",
		MT | B(ASSIGNED_SESSION_ID) | B(CALL_SERIAL_NUMBER),
		RV | B(BEARER_TYPE) | B(PHYSICAL_CHANNEL_ID) |
		B(CALLING_NUMBER) | B(CALLED_NUMBER) | B(SUB_ADDRESS), true },
	[L2TP_MSG_ICRP] = { "ICRP", MT | B(ASSIGNED_SESSION_ID), RV, true },
	[L2TP_MSG_ICCN] = { "ICCN", MT | B(TX_CONNECT_SPEED) | B(FRAMING_TYPE),
		RV | B(INITIAL_RECV_LCP_CONFREQ) | B(LAST_SENT_LCP_CONFREQ) |
		B(LAST_RECV_LCP_CONFREQ) | B(PROXY_AUTHEN_TYPE) |
		B(PROXY_AUTHEN_NAME) | B(PROXY_AUTHEN_CHALLENGE) |
		B(PROXY_AUTHEN_ID) | B(PROXY_AUTHEN_RESPONSE) |
		B(PRIVATE_GROUP_ID) | B(RX_CONNECT_SPEED) |
		B(SEQUENCING_REQUIRED), true },
	[L2TP_MSG_CDN] = { "CDN",
		MT | B(RESULT_CODE) | B(ASSIGNED_SESSION_ID),
		RV | B(Q931_CAUSE) | B(PPP_DISCONNECT_CAUSE), true },
	[L2TP_MSG_WEN] = { "WEN", MT | B(CALL_ERRORS), RV, true },
	[L2TP_MSG_SLI] = { "SLI", MT | B(ACCM), RV, true },
};

const struct l2tp_msg_desc *l2tp_msg_desc(uint16_t type)
{
	if (type > L2TP_MSG_MAX || !msg_table[type].name)
		return NULL;
	return &msg_table[type];
}

const char *l2tp_msg_name(uint16_t type)
{
	const struct l2tp_msg_desc *md = l2tp_msg_desc(type);

	return md ? md->name : "unknown";
}

void l2tp_msg_init(struct l2tp_msg *m, uint16_t type)
{
	memset(m, 0, offsetof(struct l2tp_msg, scratch));
	m->type = type;
}

struct l2tp_bytes l2tp_bytes_str(const char *s)
{
	size_t n = strlen(s);
	struct l2tp_bytes b = {
		(const uint8_t *)s,
		(uint16_t)(n > UINT16_MAX ? UINT16_MAX : n),
	};

	return b;
}

/* One decode: the message being filled and the caller's inputs. */
struct decoder {
	struct l2tp_msg *m;
	const struct l2tp_secret *secret;
	struct l2tp_decode_err *de;
	uint64_t allowed;
};

/* §4.4.1: the Message Type AVP comes first and names a known message. */
static int decode_type(struct decoder *dc, const struct l2tp_avp_hdr *a,
		       struct rbuf *val)
{
	const struct l2tp_msg_desc *md;
	uint16_t type;

	if (a->vendor || a->type != L2TP_AVP_MESSAGE_TYPE || a->reserved)
		return -L2TP_E_MSG_TYPE_FIRST;
	if (a->hidden)
		return -L2TP_E_AVP_NOT_HIDEABLE;
	if (rbuf_left(val) != 2)
		return -L2TP_E_AVP_BAD_LEN;
	if (rbuf_get_u16(val, &type))
		return -L2TP_E_AVP_BAD_LEN;
	dc->de->msg_type = type;
	md = l2tp_msg_desc(type);
	if (!md || type == L2TP_MSG_ZLB)
		return a->mandatory ? -L2TP_E_MSG_UNKNOWN_M : -L2TP_E_MSG_UNKNOWN;
	dc->de->session = md->session;
	if (!a->mandatory)
		return -L2TP_E_AVP_M_MISSING;
	dc->m->type = type;
	dc->m->present = MT;
	dc->allowed = md->required | md->optional;
	return 0;
}

/* Unknown IETF type, reserved bit set or vendor AVP (§4.1). */
static int decode_unknown(struct decoder *dc, const struct l2tp_avp_hdr *a,
			  struct rbuf *val)
{
	struct l2tp_msg *m = dc->m;
	struct l2tp_vendor_avp *v;

	if (a->mandatory)
		return -L2TP_E_AVP_UNKNOWN_M;
	if (!a->vendor || a->reserved) {
		m->skipped++;
		return 0;
	}
	if (m->n_vendor == L2TP_MSG_MAX_VENDOR) {
		m->vendor_dropped++;
		return 0;
	}
	v = &m->vendor[m->n_vendor++];
	v->vendor = a->vendor;
	v->type = a->type;
	v->mandatory = a->mandatory;
	v->hidden = a->hidden;
	v->value.len = (uint16_t)rbuf_left(val);
	return rbuf_ref(val, v->value.len, &v->value.ptr);
}

/* §4.3: decrypts a hidden value into scratch and points *val at it. */
static int decode_hidden(struct decoder *dc, const struct l2tp_avp_hdr *a,
			 struct rbuf *val)
{
	struct l2tp_msg *m = dc->m;
	struct l2tp_bytes plain;
	size_t n = rbuf_left(val);
	const uint8_t *ct;
	int err;

	if (!(m->present & RV))
		return -L2TP_E_HIDDEN_NO_RV;
	if (!dc->secret)
		return -L2TP_E_HIDDEN_NO_SECRET;
	if (n > sizeof(m->scratch) - m->scratch_used)
		return -L2TP_E_HIDDEN_SPACE;
	err = rbuf_ref(val, n, &ct);
	if (!err)
		err = l2tp_avp_unhide(a->type, dc->secret, &m->random_vector,
				      ct, n, m->scratch + m->scratch_used,
				      &plain);
	if (err)
		return err;
	/* Keep Original Length and value; the padding can be reused. */
	m->scratch_used += 2u + plain.len;
	rbuf_init(val, plain.ptr, plain.len);
	return 0;
}

static int decode_avp(struct decoder *dc, const struct l2tp_avp_hdr *a,
		      struct rbuf *val)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(a->vendor, a->type);
	struct l2tp_msg *m = dc->m;
	uint64_t bit;
	int err;

	if (!d || a->reserved)
		return decode_unknown(dc, a, val);
	bit = L2TP_AVP_BIT(a->type);
	if (((m->present | m->unexpected) & bit) &&
	    !(d->flags & L2TP_AVPF_MULTI))
		return -L2TP_E_AVP_DUPLICATE;
	if ((d->flags & L2TP_AVPF_M) && !a->mandatory)
		return -L2TP_E_AVP_M_MISSING;
	if (a->hidden) {
		if (!(d->flags & L2TP_AVPF_HIDE))
			return -L2TP_E_AVP_NOT_HIDEABLE;
		err = decode_hidden(dc, a, val);
		if (err)
			return err;
		m->hidden |= bit;
	}
	err = l2tp_avp_value_get(d, val, (uint8_t *)m + d->off);
	if (err)
		return err;
	if (dc->allowed & bit)
		m->present |= bit;
	else
		m->unexpected |= bit;
	return 0;
}

/* The Result and Error Code to answer a bad message with (§4.1, §4.4.2). */
static void decode_answer(struct l2tp_decode_err *de)
{
	switch (-de->code) {
	case L2TP_E_MSG_UNKNOWN:
		return;
	case L2TP_E_AVP_SHORT:
	case L2TP_E_AVP_OVERRUN:
	case L2TP_E_AVP_BAD_LEN:
	case L2TP_E_HIDDEN_LEN:
		de->error = L2TP_ERR_BAD_LENGTH;
		break;
	case L2TP_E_AVP_UNKNOWN_M:
	case L2TP_E_MSG_UNKNOWN_M:
		de->error = L2TP_ERR_UNKNOWN_MANDATORY;
		break;
	case L2TP_E_HIDDEN_SPACE:
		de->error = L2TP_ERR_NO_RESOURCE;
		break;
	default:
		de->error = L2TP_ERR_BAD_VALUE;
		break;
	}
	de->result = de->session ? L2TP_CDN_GENERAL_ERROR :
				   L2TP_STOPCCN_GENERAL_ERROR;
}

static int decode_all(struct decoder *dc, struct rbuf *r)
{
	struct l2tp_decode_err *de = dc->de;
	uint64_t missing;
	int err = 0;

	while (!err && rbuf_left(r)) {
		struct l2tp_avp_hdr a = { 0 };
		struct rbuf val;

		de->avp_off = r->pos;
		err = l2tp_avp_hdr_get(r, &a, &val);
		de->avp_type = a.type;
		de->avp_vendor = a.vendor;
		de->avp_len = a.len;
		if (!err)
			err = de->avp_off ? decode_avp(dc, &a, &val) :
					    decode_type(dc, &a, &val);
	}
	if (err)
		return err;
	de->avp_type = 0;
	de->avp_vendor = 0;
	de->avp_len = 0;
	de->avp_off = 0;
	missing = l2tp_msg_desc(dc->m->type)->required & ~dc->m->present;
	if (!missing)
		return 0;
	de->missing = missing;
	de->avp_type = (uint16_t)__builtin_ctzll(missing);
	return -L2TP_E_MSG_MISSING_AVP;
}

int l2tp_msg_decode(struct l2tp_msg *m, const uint8_t *payload, size_t len,
		    const struct l2tp_secret *secret,
		    struct l2tp_decode_err *de)
{
	struct l2tp_decode_err scratch_de;
	struct decoder dc = { m, secret, de ? de : &scratch_de, 0 };
	struct rbuf r;

	l2tp_msg_init(m, L2TP_MSG_ZLB);
	memset(dc.de, 0, sizeof(*dc.de));
	rbuf_init(&r, payload, len);
	dc.de->code = decode_all(&dc, &r);
	if (dc.de->code)
		decode_answer(dc.de);
	return dc.de->code;
}

int l2tp_ctrl_decode(struct l2tp_hdr *h, struct l2tp_msg *m,
		     const uint8_t *pkt, size_t len,
		     const struct l2tp_secret *secret,
		     struct l2tp_decode_err *de)
{
	struct l2tp_decode_err scratch_de;
	int err;

	if (!de)
		de = &scratch_de;
	err = l2tp_hdr_decode(h, pkt, len);
	if (!err && !h->control)
		err = -L2TP_E_NOT_CONTROL;
	if (err) {
		l2tp_msg_init(m, L2TP_MSG_ZLB);
		memset(de, 0, sizeof(*de));
		de->code = err;
		return err;
	}
	err = l2tp_msg_decode(m, pkt + h->payload_off, h->payload_len, secret, de);
	de->tunnel_id = h->tunnel_id;
	de->session_id = h->session_id;
	/* Without a known message type, the header says if a session is meant. */
	if (err && (!de->msg_type || !l2tp_msg_desc(de->msg_type)))
		de->session = h->session_id != 0;
	return err;
}

static int encode_vendor(const struct l2tp_vendor_avp *v, struct wbuf *w)
{
	uint16_t flags = (v->mandatory ? L2TP_AVP_BIT_M : 0) |
			 (v->hidden ? L2TP_AVP_BIT_H : 0);
	size_t at;
	int err = l2tp_avp_begin(w, flags, v->vendor, v->type, &at);

	if (!err)
		err = wbuf_put_bytes(w, v->value.ptr, v->value.len);
	return err ? err : l2tp_avp_end(w, at);
}

/* Message Type first (§4.4.1), then the Random Vector, then by type. */
static int encode_avps(const struct l2tp_msg *m, uint64_t avps, uint64_t hide,
		       const struct l2tp_bytes *rv,
		       const struct l2tp_secret *secret, struct wbuf *w)
{
	const struct l2tp_avp_desc *d;
	unsigned int t;
	int err;

	err = l2tp_avp_put(w, l2tp_avp_desc(0, L2TP_AVP_MESSAGE_TYPE), &m->type,
			   false, NULL, NULL);
	if (!err && (avps & RV))
		err = l2tp_avp_put(w, l2tp_avp_desc(0, L2TP_AVP_RANDOM_VECTOR),
				   rv, false, NULL, NULL);
	avps &= ~(MT | RV);
	for (t = 1; !err && t <= L2TP_AVP_TYPE_MAX; t++) {
		if (!(avps & L2TP_AVP_BIT(t)))
			continue;
		d = l2tp_avp_desc(0, (uint16_t)t);
		err = l2tp_avp_put(w, d, (const uint8_t *)m + d->off,
				   hide & L2TP_AVP_BIT(t), secret, rv);
	}
	for (t = 0; !err && t < m->n_vendor && t < L2TP_MSG_MAX_VENDOR; t++)
		err = encode_vendor(&m->vendor[t], w);
	return err;
}

static int encode_body(const struct l2tp_msg *m,
		       const struct l2tp_msg_desc *md, struct wbuf *w,
		       const struct l2tp_secret *secret, uint64_t hide_mask)
{
	uint64_t avps = m->present | MT;
	uint64_t hide = hide_mask & l2tp_avp_hideable_mask() & avps;
	struct l2tp_bytes rv = m->random_vector;
	uint8_t rv_buf[16];
	int err;

	if (md->required & ~avps)
		return -L2TP_E_MSG_MISSING_AVP;
	if (avps & ~(md->required | md->optional))
		return -L2TP_E_AVP_NOT_ALLOWED;
	if (hide && !secret)
		return -L2TP_E_HIDDEN_NO_SECRET;
	if (hide && !(avps & RV)) {
		/* §4.3: a Random Vector precedes the first hidden AVP. */
		err = l2tp_auth_random(rv_buf, sizeof(rv_buf));
		if (err)
			return err;
		rv.ptr = rv_buf;
		rv.len = sizeof(rv_buf);
		avps |= RV;
	}
	return encode_avps(m, avps, hide, &rv, secret, w);
}

int l2tp_msg_encode(const struct l2tp_msg *m, struct wbuf *w, uint16_t tid,
		    uint16_t sid, uint16_t ns, uint16_t nr,
		    const struct l2tp_secret *secret, uint64_t hide_mask)
{
	const struct l2tp_msg_desc *md = l2tp_msg_desc(m->type);
	size_t start = w->len, len_at;
	int err;

	if (!md)
		return -L2TP_E_MSG_UNKNOWN;
	err = l2tp_ctrl_hdr_put(w, tid, sid, ns, nr, &len_at);
	if (!err && m->type != L2TP_MSG_ZLB)
		err = encode_body(m, md, w, secret, hide_mask);
	if (!err && w->len - start > UINT16_MAX)
		err = -L2TP_E_NOSPACE;
	if (!err)
		err = wbuf_patch_u16(w, len_at, (uint16_t)(w->len - start));
	if (err)
		w->len = start;
	return err;
}
