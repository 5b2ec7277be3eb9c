// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The probe: one engine on a transport that only records what it sends,
 * and a peer played by the test. The peer keeps its own Ns and Nr, builds
 * messages with the lib codec and hands them to the engine as datagrams
 * from 10.0.0.1:1701; it reads the engine's messages in order, skipping
 * ZLBs and retransmissions.
 */
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "test_engine.h"

#define PROBE_PEER_TID	0x4242
#define PROBE_PEER_SID	0x5151

struct transport_sock {
	struct probe *p;
	struct transport_addr local;
};

static struct probe *probe_of(struct transport *tp)
{
	return (struct probe *)((char *)tp - offsetof(struct probe, tp));
}

static int probe_push(struct probe *p, const void *pkt, size_t len,
		      bool stateless)
{
	struct probe_pkt *q;

	ck_assert_uint_lt(p->tail - p->head, PROBE_QUEUE);
	ck_assert_uint_le(len, sizeof(q->data));
	q = &p->q[p->tail++ % PROBE_QUEUE];
	memcpy(q->data, pkt, len);
	q->len = len;
	q->stateless = stateless;
	return 0;
}

static int cap_open(struct transport *tp, const struct transport_addr *local,
		    const struct transport_addr *peer, bool connect,
		    struct tunnel *owner, struct transport_sock **sp)
{
	struct probe *p = probe_of(tp);
	struct transport_sock *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	s->p = p;
	s->local = p->eng_addr;
	transport_addr_set_port(&s->local, (uint16_t)(41000 + p->socks));
	p->socks++;
	*sp = s;
	return 0;
}

static int cap_connect(struct transport_sock *s,
		       const struct transport_addr *peer)
{
	return 0;
}

static int cap_send(struct transport_sock *s, const void *pkt, size_t len)
{
	return probe_push(s->p, pkt, len, false);
}

static int cap_reply(struct transport *tp, const struct transport_addr *local,
		     const struct transport_addr *peer, const void *pkt,
		     size_t len)
{
	return probe_push(probe_of(tp), pkt, len, true);
}

static void cap_local_addr(const struct transport_sock *s,
			   struct transport_addr *out)
{
	*out = s->local;
}

static int cap_fd(const struct transport_sock *s)
{
	return -1;
}

static void cap_close(struct transport_sock *s)
{
	s->p->socks--;
	free(s);
}

static const struct transport_ops cap_ops = {
	.open = cap_open,
	.connect = cap_connect,
	.send = cap_send,
	.reply = cap_reply,
	.local_addr = cap_local_addr,
	.fd = cap_fd,
	.close = cap_close,
};

struct probe *probe_new(const struct engine_cfg *cfg)
{
	struct probe *p = calloc(1, sizeof(*p));

	ck_assert_ptr_nonnull(p);
	test_random_seed(7);
	p->loop = simloop_new(1000000);
	p->tp.ops = &cap_ops;
	ck_assert_int_eq(transport_addr_parse(&p->eng_addr, "10.0.0.2:1701",
					      0), 0);
	ck_assert_int_eq(transport_addr_parse(&p->peer_addr, "10.0.0.1:1701",
					      0), 0);
	p->eng = engine_new(p->loop, cfg, &p->tp, &dp_count_ops, &p->dp,
			    &app_ops, &p->app);
	ck_assert_ptr_nonnull(p->eng);
	p->app.eng = p->eng;
	p->app.peer.keepalive_s = ENGINE_KEEPALIVE_SERVER_S;
	p->peer_tid = PROBE_PEER_TID;
	return p;
}

void probe_free(struct probe *p)
{
	engine_free(p->eng);
	ck_assert_int_eq(p->dp.tunnels, 0);
	ck_assert_int_eq(p->dp.sessions, 0);
	ck_assert_uint_eq(p->socks, 0);
	loop_free(p->loop);
	free(p);
}

struct tunnel *probe_tunnel(struct probe *p)
{
	return p->eng_tid ? engine_tunnel_find(p->eng, p->eng_tid) : NULL;
}

void probe_send_raw(struct probe *p, const uint8_t *pkt, size_t len,
		    bool listener)
{
	struct tunnel *t = listener ? NULL : probe_tunnel(p);

	if (t)
		engine_tunnel_input(p->eng, t, &p->peer_addr, pkt, len);
	else
		engine_input(p->eng, &p->eng_addr, &p->peer_addr, pkt, len);
}

void probe_send_tid(struct probe *p, struct l2tp_msg *m, uint16_t tid,
		    uint16_t sid)
{
	uint8_t buf[4096];
	struct wbuf w;

	wbuf_init(&w, buf, sizeof(buf));
	ck_assert_int_eq(l2tp_msg_encode(m, &w, tid, sid, p->ns, p->nr,
					 p->secret.len ? &p->secret : NULL,
					 0), 0);
	if (m->type != L2TP_MSG_ZLB)
		p->ns++;
	probe_send_raw(p, buf, w.len, tid == 0);
}

void probe_send(struct probe *p, struct l2tp_msg *m, uint16_t sid)
{
	probe_send_tid(p, m, p->eng_tid, sid);
}

void probe_ack(struct probe *p)
{
	struct l2tp_msg m;

	l2tp_msg_init(&m, L2TP_MSG_ZLB);
	probe_send(p, &m, 0);
}

int probe_next(struct probe *p)
{
	struct probe_pkt *q;

	while (p->head != p->tail) {
		q = &p->q[p->head++ % PROBE_QUEUE];
		ck_assert_int_eq(l2tp_hdr_decode(&p->h, q->data, q->len), 0);
		ck_assert(p->h.control);
		if (!p->h.payload_len)
			continue;
		if (!q->stateless) {
			if (chan_seq_lt(p->h.ns, p->nr))
				continue;
			ck_assert_uint_eq(p->h.ns, p->nr);
			p->nr = (uint16_t)(p->h.ns + 1);
		}
		ck_assert_int_eq(l2tp_msg_decode(&p->m,
						 q->data + p->h.payload_off,
						 p->h.payload_len,
						 p->secret.len ? &p->secret : NULL,
						 NULL), 0);
		return p->m.type;
	}
	return -1;
}

void probe_expect(struct probe *p, uint16_t type)
{
	int got = probe_next(p);

	ck_assert_msg(got == type, "expected %s, engine sent %s",
		      l2tp_msg_name(type), got < 0 ? "nothing" :
		      l2tp_msg_name((uint16_t)got));
}

void probe_flush(struct probe *p)
{
	while (probe_next(p) >= 0)
		;
}

static void probe_hello_avps(struct probe *p, struct l2tp_msg *m)
{
	m->proto_ver.ver = 1;
	l2tp_msg_set(m, L2TP_AVP_PROTOCOL_VERSION);
	m->host_name = l2tp_bytes_str("probe");
	l2tp_msg_set(m, L2TP_AVP_HOST_NAME);
	m->framing_cap = L2TP_FRAMING_SYNC;
	l2tp_msg_set(m, L2TP_AVP_FRAMING_CAP);
	m->tunnel_id = p->peer_tid;
	l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m->recv_window = 8;
	l2tp_msg_set(m, L2TP_AVP_RECV_WINDOW_SIZE);
}

/* The session messages' AVPs (§6.6-§6.15). */
static void probe_call_avps(struct l2tp_msg *m)
{
	static const uint64_t sid_msgs = 1u << L2TP_MSG_ICRQ |
		1u << L2TP_MSG_ICRP | 1u << L2TP_MSG_OCRQ |
		1u << L2TP_MSG_OCRP | 1u << L2TP_MSG_CDN;

	if (sid_msgs & (1u << m->type)) {
		m->session_id = PROBE_PEER_SID;
		l2tp_msg_set(m, L2TP_AVP_ASSIGNED_SESSION_ID);
	}
	if (m->type == L2TP_MSG_ICRQ || m->type == L2TP_MSG_OCRQ) {
		m->call_serial = 1;
		l2tp_msg_set(m, L2TP_AVP_CALL_SERIAL_NUMBER);
	}
	if (m->type == L2TP_MSG_OCRQ) {
		m->min_bps = 1000;
		m->max_bps = 1000000;
		m->bearer_type = L2TP_BEARER_ANALOG;
		m->called_number = l2tp_bytes_str("5551234");
		m->present |= L2TP_AVP_BIT(L2TP_AVP_MIN_BPS) |
			      L2TP_AVP_BIT(L2TP_AVP_MAX_BPS) |
			      L2TP_AVP_BIT(L2TP_AVP_BEARER_TYPE) |
			      L2TP_AVP_BIT(L2TP_AVP_CALLED_NUMBER);
	}
	if (m->type == L2TP_MSG_OCRQ || m->type == L2TP_MSG_ICCN ||
	    m->type == L2TP_MSG_OCCN) {
		m->framing_type = L2TP_FRAMING_SYNC;
		l2tp_msg_set(m, L2TP_AVP_FRAMING_TYPE);
	}
	if (m->type == L2TP_MSG_ICCN || m->type == L2TP_MSG_OCCN) {
		m->tx_speed = 1000000;
		l2tp_msg_set(m, L2TP_AVP_TX_CONNECT_SPEED);
	}
}

void probe_msg(struct probe *p, struct l2tp_msg *m, uint16_t type)
{
	l2tp_msg_init(m, type);
	switch (type) {
	case L2TP_MSG_SCCRQ:
	case L2TP_MSG_SCCRP:
		probe_hello_avps(p, m);
		break;
	case L2TP_MSG_STOPCCN:
	case L2TP_MSG_CDN:
		m->tunnel_id = p->peer_tid;
		if (type == L2TP_MSG_STOPCCN)
			l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
		m->result.result = 1;
		l2tp_msg_set(m, L2TP_AVP_RESULT_CODE);
		break;
	case L2TP_MSG_WEN:
		l2tp_msg_set(m, L2TP_AVP_CALL_ERRORS);
		break;
	case L2TP_MSG_SLI:
		m->accm.send = 0xffffffffu;
		m->accm.recv = 0xffffffffu;
		l2tp_msg_set(m, L2TP_AVP_ACCM);
		break;
	default:
		break;
	}
	probe_call_avps(m);
}

/* Our answer to the Challenge the engine just sent, if any. */
static void probe_respond(struct probe *p, struct l2tp_msg *m, uint8_t type,
			  uint8_t resp[L2TP_CHAL_RESP_LEN])
{
	if (!l2tp_msg_has(&p->m, L2TP_AVP_CHALLENGE) || !p->secret.len)
		return;
	ck_assert_int_eq(l2tp_auth_response(type, &p->secret,
					    p->m.challenge.ptr,
					    p->m.challenge.len, resp), 0);
	m->chal_resp.ptr = resp;
	m->chal_resp.len = L2TP_CHAL_RESP_LEN;
	l2tp_msg_set(m, L2TP_AVP_CHALLENGE_RESPONSE);
}

struct tunnel *probe_engine_client(struct probe *p,
				   const struct engine_tunnel_params *tp)
{
	struct engine_tunnel_params params = *tp;
	struct tunnel *t;

	params.peer = p->peer_addr;
	t = engine_tunnel_open(p->eng, &params);
	ck_assert_ptr_nonnull(t);
	probe_expect(p, L2TP_MSG_SCCRQ);
	p->eng_tid = p->m.tunnel_id;
	ck_assert_uint_eq(p->eng_tid, tunnel_id(t));
	return t;
}

void probe_answer_sccrq(struct probe *p)
{
	uint8_t resp[L2TP_CHAL_RESP_LEN];
	struct l2tp_msg m;

	probe_msg(p, &m, L2TP_MSG_SCCRP);
	probe_respond(p, &m, L2TP_MSG_SCCRP, resp);
	probe_send(p, &m, 0);
	probe_expect(p, L2TP_MSG_SCCCN);
}

void probe_open(struct probe *p)
{
	struct l2tp_msg m;

	probe_msg(p, &m, L2TP_MSG_SCCRQ);
	probe_send_tid(p, &m, 0, 0);
	probe_expect(p, L2TP_MSG_SCCRP);
	p->eng_tid = p->m.tunnel_id;
}

void probe_complete(struct probe *p)
{
	uint8_t resp[L2TP_CHAL_RESP_LEN];
	struct l2tp_msg m;

	probe_msg(p, &m, L2TP_MSG_SCCCN);
	probe_respond(p, &m, L2TP_MSG_SCCCN, resp);
	probe_send(p, &m, 0);
	ck_assert(tunnel_is_up(probe_tunnel(p)));
}
