// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What goes into the tunnel messages we send (SCCRQ, SCCRP, SCCCN,
 * StopCCN: RFC 2661 §6.1-§6.4) and the checks that decide whether an
 * SCCRQ, SCCRP or SCCCN is acceptable (§4.4.3, §5.1.1). The checks only
 * read: they fill the StopCCN's Result Code for tunnel.c to send.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "engine_impl.h"
#include "err.h"
#include "tunnel.h"

const struct l2tp_secret *tunnel_secret(const struct tunnel *t)
{
	return t->secret.len ? &t->secret : NULL;
}

int tunnel_send(struct tunnel *t, uint16_t peer_sid, unsigned int flags)
{
	struct engine *eng = t->eng;
	/* A StopCCN stays readable to a peer whose secret does not match. */
	bool hide = t->hide && eng->tx.type != L2TP_MSG_STOPCCN;
	struct wbuf w;
	int err;

	wbuf_init(&w, eng->txbuf, sizeof(eng->txbuf));
	err = l2tp_msg_encode(&eng->tx, &w, 0, 0, 0, 0, tunnel_secret(t),
			      hide ? ~UINT64_C(0) : 0);
	/* The channel writes the header: Ns and Nr are its business. */
	if (!err)
		err = chan_send(t->ch, peer_sid, w.data + L2TP_CTRL_HDR_LEN,
				w.len - L2TP_CTRL_HDR_LEN, flags);
	if (err) {
		eng->stats.tx_errors++;
		log_warnx("tunnel %u: cannot send %s: %s", t->tid,
			  l2tp_msg_name(eng->tx.type), l2tp_strerror(err));
	}
	return err;
}

int tunnel_stop(struct tunnel *t, uint16_t result, uint16_t error,
		       const char *text)
{
	struct l2tp_msg *m = &t->eng->tx;

	l2tp_msg_init(m, L2TP_MSG_STOPCCN);
	m->tunnel_id = t->tid;
	l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m->result.result = result;
	m->result.has_error = error || text;
	m->result.error = error;
	if (text)
		m->result.message = l2tp_bytes_str(text);
	l2tp_msg_set(m, L2TP_AVP_RESULT_CODE);
	t->down_result = result;
	t->down_error = error;
	t->down_by_peer = false;
	t->hold_ms = t->eng->cfg.hold_ms;
	return tunnel_send(t, 0, CHAN_SEND_LAST);
}

static int store_str(char **dst, const struct l2tp_msg *m, uint16_t type,
		     const struct l2tp_bytes *b)
{
	char *s;

	if (!l2tp_msg_has(m, type))
		return 0;
	s = malloc(b->len + 1u);
	if (!s)
		return -ENOMEM;
	if (b->len)
		memcpy(s, b->ptr, b->len);
	s[b->len] = '\0';
	free(*dst);
	*dst = s;
	return 0;
}

/* What the peer says of itself in SCCRQ or SCCRP (§4.4.3). */
int tunnel_store_info(struct tunnel *t, const struct l2tp_msg *m)
{
	struct tunnel_peer_info *i = &t->info;
	int err;

	err = store_str(&i->host_name, m, L2TP_AVP_HOST_NAME, &m->host_name);
	if (!err)
		err = store_str(&i->vendor_name, m, L2TP_AVP_VENDOR_NAME,
				&m->vendor_name);
	if (err)
		return err;
	i->framing_cap = m->framing_cap;
	if (l2tp_msg_has(m, L2TP_AVP_BEARER_CAP))
		i->bearer_cap = m->bearer_cap;
	if (l2tp_msg_has(m, L2TP_AVP_FIRMWARE_REV))
		i->firmware_rev = m->firmware_rev;
	if (l2tp_msg_has(m, L2TP_AVP_TIE_BREAKER)) {
		i->tie_breaker = m->tie_breaker;
		i->has_tie_breaker = true;
	}
	if (l2tp_msg_has(m, L2TP_AVP_RECV_WINDOW_SIZE)) {
		i->recv_window = m->recv_window;
		/* §5.8: the peer's window is our send window. */
		chan_set_peer_rwin(t->ch, m->recv_window);
	}
	return 0;
}

/* The AVPs SCCRQ and SCCRP share (§6.1, §6.2), our Challenge included. */
int tunnel_put_hello_avps(struct tunnel *t, struct l2tp_msg *m)
{
	struct engine *eng = t->eng;
	int err;

	m->proto_ver.ver = 1;
	m->proto_ver.rev = 0;
	l2tp_msg_set(m, L2TP_AVP_PROTOCOL_VERSION);
	m->host_name = l2tp_bytes_str(eng->host_name);
	l2tp_msg_set(m, L2TP_AVP_HOST_NAME);
	m->framing_cap = eng->cfg.framing_cap;
	l2tp_msg_set(m, L2TP_AVP_FRAMING_CAP);
	if (eng->cfg.bearer_cap) {
		m->bearer_cap = eng->cfg.bearer_cap;
		l2tp_msg_set(m, L2TP_AVP_BEARER_CAP);
	}
	m->firmware_rev = eng->cfg.firmware_rev;
	l2tp_msg_set(m, L2TP_AVP_FIRMWARE_REV);
	if (eng->vendor_name) {
		m->vendor_name = l2tp_bytes_str(eng->vendor_name);
		l2tp_msg_set(m, L2TP_AVP_VENDOR_NAME);
	}
	m->tunnel_id = t->tid;
	l2tp_msg_set(m, L2TP_AVP_ASSIGNED_TUNNEL_ID);
	m->recv_window = eng->cfg.chan.rwin;
	l2tp_msg_set(m, L2TP_AVP_RECV_WINDOW_SIZE);
	if (!t->secret.len)
		return 0;
	/* §5.1.1: with a secret we always challenge the peer. */
	err = engine_random(eng, t->challenge, sizeof(t->challenge));
	if (err)
		return err;
	t->challenged = true;
	m->challenge.ptr = t->challenge;
	m->challenge.len = sizeof(t->challenge);
	l2tp_msg_set(m, L2TP_AVP_CHALLENGE);
	return 0;
}

/* Our answer to the peer's Challenge in rx, carried by message type. */
int tunnel_put_response(struct tunnel *t, const struct l2tp_msg *rx,
			       uint8_t type, uint8_t resp[L2TP_CHAL_RESP_LEN])
{
	struct l2tp_msg *m = &t->eng->tx;
	int err;

	if (!l2tp_msg_has(rx, L2TP_AVP_CHALLENGE))
		return 0;
	err = l2tp_auth_response(type, &t->secret, rx->challenge.ptr,
				 rx->challenge.len, resp);
	if (err)
		return err;
	m->chal_resp.ptr = resp;
	m->chal_resp.len = L2TP_CHAL_RESP_LEN;
	l2tp_msg_set(m, L2TP_AVP_CHALLENGE_RESPONSE);
	return 0;
}

/* §4.4.3: protocol version 1.0 only; 0x0100 is what we support. */
static bool check_version(const struct l2tp_msg *m, struct tunnel_ev *ev)
{
	if (m->proto_ver.ver == 1 && m->proto_ver.rev == 0)
		return true;
	ev->result = L2TP_STOPCCN_BAD_PROTOCOL;
	ev->error = 0x0100;
	ev->text = "protocol version not supported";
	return false;
}

static bool check_fail(struct tunnel_ev *ev, uint16_t result, uint16_t error,
		       const char *text)
{
	ev->result = result;
	ev->error = error;
	ev->text = text;
	return false;
}

/* Ids and windows that nothing could be addressed or sent in. */
static bool check_values(const struct l2tp_msg *m, struct tunnel_ev *ev)
{
	if (!m->tunnel_id)
		return check_fail(ev, L2TP_STOPCCN_GENERAL_ERROR,
				  L2TP_ERR_BAD_VALUE, "Assigned Tunnel ID 0");
	if (l2tp_msg_has(m, L2TP_AVP_RECV_WINDOW_SIZE) && !m->recv_window)
		return check_fail(ev, L2TP_STOPCCN_GENERAL_ERROR,
				  L2TP_ERR_BAD_VALUE, "Receive Window Size 0");
	return true;
}

/* §5.1.1: we can answer a Challenge only with a secret. */
static bool check_challenge(const struct tunnel *t, const struct l2tp_msg *m,
			    struct tunnel_ev *ev)
{
	if (!l2tp_msg_has(m, L2TP_AVP_CHALLENGE) || t->secret.len)
		return true;
	return check_fail(ev, L2TP_STOPCCN_NOT_AUTHORIZED, 0,
			  "challenged, but no secret for this peer");
}

/* §5.1.1: the peer's answer to our Challenge, carried by message type. */
static bool check_response(const struct tunnel *t, const struct l2tp_msg *m,
			   uint8_t type, struct tunnel_ev *ev)
{
	if (!t->challenged)
		return true;
	if (!l2tp_msg_has(m, L2TP_AVP_CHALLENGE_RESPONSE))
		return check_fail(ev, L2TP_STOPCCN_NOT_AUTHORIZED, 0,
				  "no Challenge Response");
	if (l2tp_auth_verify(type, &t->secret, t->challenge,
			     sizeof(t->challenge), m->chal_resp.ptr,
			     m->chal_resp.len))
		return check_fail(ev, L2TP_STOPCCN_NOT_AUTHORIZED, 0,
				  "wrong Challenge Response");
	return true;
}

bool tunnel_check_sccrq(struct tunnel *t, struct tunnel_ev *ev)
{
	const struct l2tp_msg *m = ev->m;

	if (t->refused)
		return check_fail(ev, L2TP_STOPCCN_NOT_AUTHORIZED, 0,
				  "peer refused");
	return check_version(m, ev) && check_values(m, ev) &&
	       check_challenge(t, m, ev);
}

bool tunnel_check_sccrp(struct tunnel *t, struct tunnel_ev *ev)
{
	const struct l2tp_msg *m = ev->m;

	return check_version(m, ev) && check_values(m, ev) &&
	       check_challenge(t, m, ev) &&
	       check_response(t, m, L2TP_MSG_SCCRP, ev);
}

bool tunnel_check_scccn(struct tunnel *t, struct tunnel_ev *ev)
{
	return check_response(t, ev->m, L2TP_MSG_SCCCN, ev);
}

