/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One L2TP session (call): the four call state machines of RFC 2661
 * §7.4.1 (LAC incoming), §7.4.2 (LNS incoming), §7.5.1 (LAC outgoing) and
 * §7.5.2 (LNS outgoing). Session ids are per tunnel. The accessors at the
 * end are for the upper layer and l2tpctl.
 */
#ifndef L2TPD_SESSION_H
#define L2TPD_SESSION_H

#include <sys/queue.h>

#include "engine.h"
#include "htab.h"

struct tunnel;

enum session_kind {
	SESSION_LAC_IC,		/* we are the LAC of an incoming call */
	SESSION_LNS_IC,
	SESSION_LAC_OC,		/* we are the LAC of an outgoing call */
	SESSION_LNS_OC,
	SESSION_NKINDS,
};

enum session_state {
	SESSION_IDLE,
	SESSION_WAIT_TUNNEL,
	SESSION_WAIT_REPLY,
	SESSION_WAIT_CONNECT,
	SESSION_WAIT_CS_ANSWER,
	SESSION_ESTABLISHED,
	SESSION_NSTATES,
};

/* What a call we place needs until its ICRQ/OCRQ is sent. */
struct session_req;

struct session {
	struct htab_node node;		/* eng->sessions, by (tid, sid) */
	LIST_ENTRY(session) link;	/* t->waiting or t->sessions */
	struct tunnel *t;
	void *user;
	struct session_req *req;
	uint32_t serial;
	uint32_t framing_type;
	uint32_t tx_speed;
	uint32_t rx_speed;
	uint16_t sid;
	uint16_t peer_sid;
	uint8_t kind;
	uint8_t state;
	bool seq;			/* Sequencing Required */
	bool dp;			/* the data plane holds the session */
	bool known;			/* the upper layer knows it */
	bool dying;
};

/* Indexed by enum session_kind. */
extern const struct fsm_table session_fsm[SESSION_NKINDS];

/* A call we place (LAC incoming or LNS outgoing). NULL with errno. */
struct session *session_place(struct tunnel *t, uint8_t kind,
			      const struct engine_call *c);
/* A session message m (header h) on established tunnel t. */
void session_rx(struct tunnel *t, const struct l2tp_hdr *h,
		const struct l2tp_msg *m);
/* A session message that did not decode: CDN as §4.1 says, or drop. */
void session_rx_error(struct tunnel *t, const struct l2tp_hdr *h,
		      const struct l2tp_msg *m,
		      const struct l2tp_decode_err *de);
/* t is established: a waiting call goes on (§7.4.1 "tunnel-open"). */
void session_tunnel_open(struct session *s);
/* t was cleared: the call ends without a CDN. */
void session_tunnel_down(struct session *s);
int session_close(struct session *s, const struct engine_result *why);
int session_answer(struct session *s);
/* Moves a waiting call to tunnel to, with a new id there. */
int session_move(struct session *s, struct tunnel *to);

uint16_t session_id(const struct session *s);
uint16_t session_peer_id(const struct session *s);
struct tunnel *session_tunnel(const struct session *s);
const char *session_state_name(const struct session *s);
const char *session_kind_name(const struct session *s);
bool session_is_up(const struct session *s);
uint32_t session_serial(const struct session *s);
void *session_user(const struct session *s);
void session_set_user(struct session *s, void *user);

#endif /* L2TPD_SESSION_H */
