// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "err.h"
#include "messages.h"

const struct l2tp_secret wire_secret = {
	(const uint8_t *)"correct horse battery staple", 28,
};

/* The ids each end assigns (RFC 2661 §4.4.3, §4.4.4). */
#define LAC_TID		0x1a2b
#define LNS_TID		0x3c4d
#define LAC_SID		0x5e6f
#define LNS_SID		0x7a8b
#define LAC_SID_OUT	0x5e70
#define LNS_SID_OUT	0x7a8c

/* Tunnel setup (§5.1), an incoming call (§5.2.1) with link info and
 * errors, its teardown (§5.4.2), an outgoing call (§5.2.2), tunnel
 * teardown (§5.4.1). */
const struct wire_frame wire_frames[] = {
	{ L2TP_MSG_SCCRQ, true, 0, 0 },
	{ L2TP_MSG_SCCRP, false, LAC_TID, 0 },
	{ L2TP_MSG_SCCCN, true, LNS_TID, 0 },
	{ L2TP_MSG_ZLB, false, LAC_TID, 0 },
	{ L2TP_MSG_HELLO, true, LNS_TID, 0 },
	{ L2TP_MSG_ICRQ, true, LNS_TID, 0 },
	{ L2TP_MSG_ICRP, false, LAC_TID, LAC_SID },
	{ L2TP_MSG_ICCN, true, LNS_TID, LNS_SID },
	{ L2TP_MSG_SLI, false, LAC_TID, LAC_SID },
	{ L2TP_MSG_WEN, true, LNS_TID, LNS_SID },
	{ L2TP_MSG_CDN, false, LAC_TID, LAC_SID },
	{ L2TP_MSG_OCRQ, false, LAC_TID, 0 },
	{ L2TP_MSG_OCRP, true, LNS_TID, LNS_SID_OUT },
	{ L2TP_MSG_OCCN, true, LNS_TID, LNS_SID_OUT },
	{ L2TP_MSG_STOPCCN, false, LAC_TID, 0 },
};

const size_t wire_n_frames = sizeof(wire_frames) / sizeof(wire_frames[0]);

static const uint8_t chal_lac[16] = {
	0x3f, 0x91, 0x0c, 0x7e, 0x22, 0xd5, 0x68, 0xb1,
	0x04, 0xee, 0x5a, 0x83, 0x17, 0xc9, 0x40, 0x2d,
};
static const uint8_t chal_lns[20] = {
	0x8a, 0x13, 0x6f, 0xd0, 0x29, 0x74, 0xbb, 0x05, 0xe1, 0x3c,
	0x98, 0x47, 0x0d, 0xf2, 0x66, 0xa9, 0x51, 0x1e, 0xc7, 0x30,
};

/* LCP Configure-Request options (RFC 1661 §6): MRU 1400, magic number,
 * and for the LNS's also authentication protocol CHAP-MD5. */
static const uint8_t lcp_lac[] = {
	0x01, 0x04, 0x05, 0x78, 0x05, 0x06, 0x2e, 0x41, 0x9c, 0x07,
};
static const uint8_t lcp_lns[] = {
	0x01, 0x04, 0x05, 0x78, 0x03, 0x05, 0xc2, 0x23, 0x05,
	0x05, 0x06, 0x71, 0x0a, 0x3b, 0xe4,
};
static const uint8_t proxy_chal[16] = {
	0x6b, 0x02, 0xf4, 0x9d, 0x31, 0x8e, 0x57, 0xa0,
	0x1c, 0xd3, 0x45, 0x7f, 0x90, 0x2b, 0xe6, 0x08,
};
static const uint8_t proxy_resp[16] = {
	0xd1, 0x4e, 0x83, 0x0a, 0x7c, 0x25, 0xf9, 0x66,
	0x3b, 0xc0, 0x12, 0x9f, 0x58, 0xe7, 0x24, 0xad,
};

/* Challenge Responses (§4.2) to the other end's challenge; computed once. */
static uint8_t resp_sccrp[L2TP_CHAL_RESP_LEN], resp_scccn[L2TP_CHAL_RESP_LEN];

static struct l2tp_bytes bytes(const void *p, size_t n)
{
	struct l2tp_bytes b = { p, (uint16_t)n };

	return b;
}

static struct l2tp_bytes chal_resp(uint16_t type)
{
	if (type == L2TP_MSG_SCCRP) {
		l2tp_auth_response(L2TP_MSG_SCCRP, &wire_secret, chal_lac,
				   sizeof(chal_lac), resp_sccrp);
		return bytes(resp_sccrp, sizeof(resp_sccrp));
	}
	l2tp_auth_response(L2TP_MSG_SCCCN, &wire_secret, chal_lns,
			   sizeof(chal_lns), resp_scccn);
	return bytes(resp_scccn, sizeof(resp_scccn));
}

/* The Assigned Session ID the sender of f puts in its message. */
static uint16_t own_sid(const struct wire_frame *f)
{
	if (f->type == L2TP_MSG_OCRQ)
		return LNS_SID_OUT;
	if (f->type == L2TP_MSG_OCRP)
		return LAC_SID_OUT;
	return f->from_lac ? LAC_SID : LNS_SID;
}

/* Result Code (§4.4.2): the StopCCN has all three fields, the CDN only the
 * result, as MikroTik sends it. */
static void fill_result(struct l2tp_result *r, uint16_t type)
{
	memset(r, 0, sizeof(*r));
	if (type == L2TP_MSG_STOPCCN) {
		r->result = L2TP_STOPCCN_SHUTTING_DOWN;
		r->has_error = true;
		r->error = L2TP_ERR_NONE;
		r->message = l2tp_bytes_str("l2tpd is shutting down");
	} else {
		r->result = L2TP_CDN_ADMIN;
	}
}

static void fill_session(struct l2tp_msg *m, uint16_t avp,
			 const struct wire_frame *f)
{
	switch (avp) {
	case L2TP_AVP_Q931_CAUSE:
		m->q931.cause = 16;		/* normal call clearing */
		m->q931.msg = 0x5a;		/* RELEASE COMPLETE */
		m->q931.advisory = l2tp_bytes_str("normal call clearing");
		break;
	case L2TP_AVP_ASSIGNED_SESSION_ID: m->session_id = own_sid(f); break;
	case L2TP_AVP_CALL_SERIAL_NUMBER: m->call_serial = 70001; break;
	case L2TP_AVP_MIN_BPS: m->min_bps = 64000; break;
	case L2TP_AVP_MAX_BPS: m->max_bps = 100000000; break;
	case L2TP_AVP_BEARER_TYPE: m->bearer_type = L2TP_BEARER_DIGITAL; break;
	case L2TP_AVP_FRAMING_TYPE: m->framing_type = L2TP_FRAMING_SYNC; break;
	case L2TP_AVP_CALLED_NUMBER:
		m->called_number = l2tp_bytes_str("5551000");
		break;
	case L2TP_AVP_CALLING_NUMBER:
		m->calling_number = l2tp_bytes_str("+4930123456");
		break;
	case L2TP_AVP_SUB_ADDRESS: m->sub_address = l2tp_bytes_str("42"); break;
	case L2TP_AVP_TX_CONNECT_SPEED: m->tx_speed = 100000000; break;
	case L2TP_AVP_PHYSICAL_CHANNEL_ID: m->phys_channel = 7; break;
	case L2TP_AVP_CALL_ERRORS:
		m->call_errors = (struct l2tp_call_errors){ 3, 1, 0, 2, 5, 9 };
		break;
	case L2TP_AVP_ACCM:
		m->accm.send = 0xffffffff;
		m->accm.recv = 0x000a0000;
		break;
	case L2TP_AVP_RX_CONNECT_SPEED: m->rx_speed = 54000000; break;
	case L2TP_AVP_PPP_DISCONNECT_CAUSE:
		m->ppp_disc.code = 3;		/* RFC 3145 §2: admin disconnect */
		m->ppp_disc.proto = 0xc021;	/* LCP */
		m->ppp_disc.direction = 2;	/* local */
		m->ppp_disc.message = l2tp_bytes_str("LCP terminated by admin");
		break;
	}
}

/* §4.4.5: what the LAC learnt from the client's LCP and CHAP. */
static void fill_proxy(struct l2tp_msg *m, uint16_t avp)
{
	switch (avp) {
	case L2TP_AVP_INITIAL_RECV_LCP_CONFREQ:
		m->init_rcvd_lcp = bytes(lcp_lac, sizeof(lcp_lac));
		break;
	case L2TP_AVP_LAST_SENT_LCP_CONFREQ:
		m->last_sent_lcp = bytes(lcp_lns, sizeof(lcp_lns));
		break;
	case L2TP_AVP_LAST_RECV_LCP_CONFREQ:
		m->last_rcvd_lcp = bytes(lcp_lac, sizeof(lcp_lac));
		break;
	case L2TP_AVP_PROXY_AUTHEN_TYPE: m->proxy_auth_type = 2; break; /* CHAP */
	case L2TP_AVP_PROXY_AUTHEN_NAME:
		m->proxy_auth_name = l2tp_bytes_str("alice@example.net");
		break;
	case L2TP_AVP_PROXY_AUTHEN_CHALLENGE:
		m->proxy_auth_chal = bytes(proxy_chal, sizeof(proxy_chal));
		break;
	case L2TP_AVP_PROXY_AUTHEN_ID: m->proxy_auth_id = 0x0017; break;
	case L2TP_AVP_PROXY_AUTHEN_RESPONSE:
		m->proxy_auth_resp = bytes(proxy_resp, sizeof(proxy_resp));
		break;
	case L2TP_AVP_PRIVATE_GROUP_ID:
		m->private_group = bytes("corp-vpn", 8);
		break;
	}
}

static void fill_tunnel(struct l2tp_msg *m, uint16_t avp,
			const struct wire_frame *f)
{
	switch (avp) {
	case L2TP_AVP_RESULT_CODE: fill_result(&m->result, f->type); break;
	case L2TP_AVP_PROTOCOL_VERSION:
		m->proto_ver.ver = 1;
		m->proto_ver.rev = 0;
		break;
	case L2TP_AVP_FRAMING_CAP:
		m->framing_cap = L2TP_FRAMING_SYNC | L2TP_FRAMING_ASYNC;
		break;
	case L2TP_AVP_BEARER_CAP: m->bearer_cap = L2TP_BEARER_ANALOG; break;
	case L2TP_AVP_TIE_BREAKER:
		m->tie_breaker = UINT64_C(0x0123456789abcdef);
		break;
	case L2TP_AVP_FIRMWARE_REV: m->firmware_rev = 0x0690; break;
	case L2TP_AVP_HOST_NAME:
		m->host_name = l2tp_bytes_str(f->from_lac ? "lac.example.net" :
							    "lns.example.net");
		break;
	case L2TP_AVP_VENDOR_NAME: m->vendor_name = l2tp_bytes_str("l2tpd"); break;
	case L2TP_AVP_ASSIGNED_TUNNEL_ID:
		m->tunnel_id = f->from_lac ? LAC_TID : LNS_TID;
		break;
	case L2TP_AVP_RECV_WINDOW_SIZE:
		m->recv_window = f->from_lac ? 4 : 16;
		break;
	case L2TP_AVP_CHALLENGE:
		m->challenge = f->from_lac ? bytes(chal_lac, sizeof(chal_lac)) :
					     bytes(chal_lns, sizeof(chal_lns));
		break;
	case L2TP_AVP_CHALLENGE_RESPONSE: m->chal_resp = chal_resp(f->type); break;
	}
}

void wire_msg_full(struct l2tp_msg *m, const struct wire_frame *f)
{
	const struct l2tp_msg_desc *md = l2tp_msg_desc(f->type);
	uint64_t avps = md->required | md->optional;
	unsigned int t;

	l2tp_msg_init(m, f->type);
	avps &= ~L2TP_AVP_BIT(L2TP_AVP_RANDOM_VECTOR);
	for (t = 1; t <= L2TP_AVP_TYPE_MAX; t++) {
		if (!(avps & L2TP_AVP_BIT(t)))
			continue;
		fill_tunnel(m, (uint16_t)t, f);
		fill_session(m, (uint16_t)t, f);
		fill_proxy(m, (uint16_t)t);
		l2tp_msg_set(m, (uint16_t)t);
	}
	if (f->type != L2TP_MSG_ZLB)
		l2tp_msg_set(m, L2TP_AVP_MESSAGE_TYPE);
}

void wire_msg_typical(struct l2tp_msg *m, uint16_t type)
{
	static const struct wire_frame sccrq = { L2TP_MSG_SCCRQ, true, 0, 0 };
	static const struct wire_frame icrq = { L2TP_MSG_ICRQ, true, LNS_TID, 0 };
	const uint16_t tunnel[] = {
		L2TP_AVP_PROTOCOL_VERSION, L2TP_AVP_FRAMING_CAP,
		L2TP_AVP_BEARER_CAP, L2TP_AVP_FIRMWARE_REV, L2TP_AVP_HOST_NAME,
		L2TP_AVP_VENDOR_NAME, L2TP_AVP_ASSIGNED_TUNNEL_ID,
		L2TP_AVP_RECV_WINDOW_SIZE,
	};
	const uint16_t session[] = {
		L2TP_AVP_ASSIGNED_SESSION_ID, L2TP_AVP_CALL_SERIAL_NUMBER,
		L2TP_AVP_BEARER_TYPE,
	};
	bool is_sccrq = type == L2TP_MSG_SCCRQ;
	const uint16_t *avps = is_sccrq ? tunnel : session;
	size_t i, n = is_sccrq ? sizeof(tunnel) / sizeof(tunnel[0]) :
				  sizeof(session) / sizeof(session[0]);

	l2tp_msg_init(m, type);
	l2tp_msg_set(m, L2TP_AVP_MESSAGE_TYPE);
	for (i = 0; i < n; i++) {
		if (is_sccrq)
			fill_tunnel(m, avps[i], &sccrq);
		else
			fill_session(m, avps[i], &icrq);
		l2tp_msg_set(m, avps[i]);
	}
	if (is_sccrq)
		m->vendor_name = l2tp_bytes_str("xelerance.com");
}

/* Writes one AVP value through the typed encoder; -1 when it cannot. */
static long put_value(const struct l2tp_avp_desc *d, const struct l2tp_msg *m,
		      uint8_t *buf, size_t cap)
{
	struct wbuf w;

	wbuf_init(&w, buf, cap);
	if (l2tp_avp_value_put(d, (const uint8_t *)m + d->off, &w))
		return -1;
	return (long)w.len;
}

int wire_msg_diff(const struct l2tp_msg *a, const struct l2tp_msg *b,
		  uint64_t mask)
{
	uint8_t va[L2TP_AVP_MAX_VALUE], vb[L2TP_AVP_MAX_VALUE];
	unsigned int t;

	for (t = 0; t <= L2TP_AVP_TYPE_MAX; t++) {
		const struct l2tp_avp_desc *d = l2tp_avp_desc(0, (uint16_t)t);
		long na, nb;

		if (!(mask & L2TP_AVP_BIT(t)))
			continue;
		if (!d)
			return (int)t;
		na = put_value(d, a, va, sizeof(va));
		nb = put_value(d, b, vb, sizeof(vb));
		if (na < 0 || na != nb || memcmp(va, vb, (size_t)na))
			return (int)t;
	}
	return -1;
}
