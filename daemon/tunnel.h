/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One L2TP control connection (RFC 2661 §7.2): its state machine, its
 * reliable channel (chan.h), its socket and what the peer told us about
 * itself. The accessors at the end are for the upper layer and l2tpctl.
 */
#ifndef L2TPD_TUNNEL_H
#define L2TPD_TUNNEL_H

#include <sys/queue.h>

#include "engine.h"
#include "htab.h"

enum tunnel_state {
	TUNNEL_IDLE,
	TUNNEL_WAIT_CTL_REPLY,
	TUNNEL_WAIT_CTL_CONN,
	TUNNEL_ESTABLISHED,
	TUNNEL_CLOSING,		/* after StopCCN: acks only, then freed */
	TUNNEL_NSTATES,
};

/* What the peer said of itself in SCCRQ/SCCRP (§4.4.3), for display. */
struct tunnel_peer_info {
	char *host_name;	/* NUL-terminated copies, or NULL */
	char *vendor_name;
	uint16_t firmware_rev;
	uint16_t recv_window;	/* 0: not sent (4 applies) */
	uint32_t framing_cap;
	uint32_t bearer_cap;
	uint64_t tie_breaker;
	bool has_tie_breaker;
};

LIST_HEAD(session_list, session);

struct tunnel {
	struct htab_node id_node;	/* eng->tunnels */
	struct htab_node peer_node;	/* eng->peers (server tunnels) */
	struct htab_node tie_node;	/* eng->ties, while our SCCRQ waits */
	LIST_ENTRY(tunnel) link;	/* eng->all */
	struct session_list waiting;	/* calls waiting for establishment */
	struct session_list sessions;	/* the others */
	struct engine *eng;
	struct chan *ch;
	struct transport_sock *sock;
	struct timer *timer;		/* half-open, keepalive or hold */
	void *user;
	struct transport_addr local;
	struct transport_addr peer;
	struct l2tp_secret secret;	/* data owned; len 0: none */
	uint64_t tie_breaker;		/* ours, when send_tie */
	uint8_t challenge[16];		/* ours, when challenged */
	struct tunnel_peer_info info;
	uint32_t keepalive_ms;
	uint32_t hold_ms;		/* how long CLOSING lasts */
	unsigned int n_sessions;
	int refused;			/* peer_lookup's verdict on the SCCRQ */
	uint16_t tid;
	uint16_t peer_tid;
	uint16_t down_result;		/* why it closed, for the callbacks */
	uint16_t down_error;
	uint8_t state;
	bool server;			/* it began with the peer's SCCRQ */
	bool hide;
	bool send_tie;
	bool challenged;		/* we sent a Challenge */
	bool follow;			/* client: to the SCCRP's source */
	bool dp;			/* the data plane holds the tunnel */
	bool known;			/* the upper layer knows it */
	bool torn_down;
	bool down_by_peer;
	bool in_peers;
	bool in_ties;
	bool half_open;			/* counted in eng->n_half_open */
};

/* What an event carries: the message, and the StopCCN to send if any. */
struct tunnel_ev {
	const struct l2tp_msg *m;
	uint16_t result;
	uint16_t error;
	const char *text;
};

extern const struct fsm_table tunnel_fsm;

/* A client tunnel; its SCCRQ goes out at once. NULL with errno. */
struct tunnel *tunnel_open(struct engine *eng,
			   const struct engine_tunnel_params *p);
/*
 * A server tunnel for the SCCRQ in pkt from `from` to local, whose
 * Assigned Tunnel ID is peer_tid; p is peer_lookup's answer, refused its
 * verdict (0 or a negative errno). The SCCRQ is then handled through the
 * tunnel's channel. NULL with errno.
 */
struct tunnel *tunnel_accept(struct engine *eng,
			     const struct transport_addr *local,
			     const struct transport_addr *from,
			     uint16_t peer_tid, const struct engine_peer *p,
			     int refused);
/* A control datagram for t; h is its decoded header. */
void tunnel_input(struct tunnel *t, const struct l2tp_hdr *h,
		  const uint8_t *pkt, size_t len);
int tunnel_close(struct tunnel *t, uint16_t result, uint16_t error,
		 const char *message);
/*
 * Our SCCRQ lost the tie breaker (§4.4.3) to the peer's, which heir (may
 * be NULL) now answers: waiting calls move there, t goes without a word.
 */
void tunnel_lose_tie(struct tunnel *t, struct tunnel *heir);
/* Frees t at once, deleting what the data plane holds (engine_free()). */
void tunnel_free(struct tunnel *t);

/*
 * Builds eng->tx and queues it on t's channel for the peer's session
 * peer_sid, hidden if t hides. flags: CHAN_SEND_*.
 */
int tunnel_send(struct tunnel *t, uint16_t peer_sid, unsigned int flags);
/* The secret to decode t's messages with, or NULL. */
const struct l2tp_secret *tunnel_secret(const struct tunnel *t);

/*
 * For tunnel*.c (tunnel_msg.c): StopCCN with this Result Code, the last
 * message of t; what the peer says of itself in SCCRQ/SCCRP; the AVPs
 * SCCRQ and SCCRP share, our Challenge included; the answer to the
 * peer's Challenge in rx, as carried by message type (resp holds it
 * until sent); and whether SCCRQ, SCCRP or SCCCN is acceptable (if not,
 * ev holds the StopCCN's Result Code).
 */
int tunnel_stop(struct tunnel *t, uint16_t result, uint16_t error,
		const char *text);
int tunnel_store_info(struct tunnel *t, const struct l2tp_msg *m);
int tunnel_put_hello_avps(struct tunnel *t, struct l2tp_msg *m);
int tunnel_put_response(struct tunnel *t, const struct l2tp_msg *rx,
			uint8_t type, uint8_t resp[L2TP_CHAL_RESP_LEN]);
bool tunnel_check_sccrq(struct tunnel *t, struct tunnel_ev *ev);
bool tunnel_check_sccrp(struct tunnel *t, struct tunnel_ev *ev);
bool tunnel_check_scccn(struct tunnel *t, struct tunnel_ev *ev);

uint16_t tunnel_id(const struct tunnel *t);
uint16_t tunnel_peer_id(const struct tunnel *t);
const struct transport_addr *tunnel_peer_addr(const struct tunnel *t);
const struct transport_addr *tunnel_local_addr(const struct tunnel *t);
const char *tunnel_state_name(const struct tunnel *t);
bool tunnel_is_up(const struct tunnel *t);
bool tunnel_is_server(const struct tunnel *t);
const struct tunnel_peer_info *tunnel_peer_info(const struct tunnel *t);
const struct chan_stats *tunnel_chan_stats(const struct tunnel *t);
unsigned int tunnel_session_count(const struct tunnel *t);
void *tunnel_user(const struct tunnel *t);
void tunnel_set_user(struct tunnel *t, void *user);

#endif /* L2TPD_TUNNEL_H */
