/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The control engine: L2TP tunnels (control connections) and sessions
 * (calls) as RFC 2661's state machines, in both roles, on one event loop.
 *
 * An engine is a context: the loop, a plain config, a transport
 * (transport.h) for datagrams, a data plane (dataplane.h) that mirrors
 * established tunnels and sessions into the kernel, and the upper layer's
 * callbacks (struct engine_ops). There are no globals: tests run two
 * engines, client and server, side by side on one simulated clock.
 *
 * Callbacks are made once the object's state is settled, so they may call
 * any engine_*() function, on the same object too; they must not call
 * engine_free(). tunnel_down and session_down are the last word on an
 * object: its pointer is invalid once they return.
 */
#ifndef L2TPD_ENGINE_H
#define L2TPD_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "avp.h"
#include "chan.h"
#include "dataplane.h"
#include "fsm.h"
#include "loop.h"
#include "msg.h"
#include "transport.h"

struct engine;
struct tunnel;
struct session;

/* What we hold of one peer: given to engine_tunnel_open() or by peer_lookup. */
struct engine_peer {
	const void *secret;	/* tunnel secret (RFC 2661 §5.1.1), copied; */
	size_t secret_len;	/* 0: no tunnel authentication */
	bool hide;		/* hide AVPs (§4.3); needs a secret */
	uint32_t keepalive_s;	/* HELLO after this much silence; 0: never */
};

/* A tunnel we open as the client. */
struct engine_tunnel_params {
	struct transport_addr peer;	/* the server, usually port 1701 */
	struct transport_addr local;	/* len 0: any address and port */
	struct engine_peer p;
	bool tie_breaker;		/* send a Tie Breaker AVP (§4.4.3) */
	void *user;
};

/* A call we place: incoming at the LAC (ICRQ) or outgoing at the LNS (OCRQ). */
struct engine_call {
	uint32_t bearer_type;		/* L2TP_BEARER_*; 0: none */
	uint32_t framing_type;		/* L2TP_FRAMING_*; 0: synchronous */
	uint32_t tx_speed;		/* bps, ICCN/OCCN; 0: 100 Mbit/s */
	uint32_t rx_speed;		/* bps; 0: not sent */
	uint32_t min_bps, max_bps;	/* OCRQ */
	const char *calling_number;	/* NULL: not sent (ICRQ) */
	const char *called_number;	/* NULL: empty */
	const char *sub_address;	/* NULL: not sent */
	bool seq_required;		/* Sequencing Required in ICCN/OCCN */
	void *user;
};

/*
 * Why a tunnel or session ended: the Result Code (§4.4.2) of the StopCCN
 * or CDN that ended it, ours or the peer's. result 0: no message was
 * exchanged (retries exhausted, lost tie breaker, engine freed).
 */
struct engine_result {
	uint16_t result;
	uint16_t error;
	const char *message;		/* ours: NUL-terminated; or NULL */
	struct l2tp_bytes peer_message;	/* the peer's Error Message */
	bool by_peer;			/* the peer sent the StopCCN/CDN */
	bool tunnel;			/* a session cleared with its tunnel */
	const struct l2tp_ppp_disc *ppp;	/* RFC 3145 cause, or NULL */
	const struct l2tp_q931 *q931;		/* or NULL */
};

/* call_offered's "taken, answered later" (CDN Result Codes are > 0). */
#define ENGINE_CALL_LATER	(-1)

struct engine_ops {
	/*
	 * A new SCCRQ from `from` whose Host Name is host: *p comes with
	 * the defaults (no secret, cfg.keepalive_s); change what differs
	 * and return 0 to go on, or a negative errno to refuse (StopCCN
	 * "not authorized"). NULL: accept everyone without a secret.
	 */
	int (*peer_lookup)(void *arg, const struct transport_addr *from,
			   const struct l2tp_bytes *host,
			   struct engine_peer *p);
	void (*tunnel_up)(void *arg, struct tunnel *t);
	void (*tunnel_down)(void *arg, struct tunnel *t,
			    const struct engine_result *why);
	/*
	 * A call offered by the peer: an ICRQ when we are its LNS, an OCRQ
	 * when we are its LAC. Return 0 to accept or a CDN Result Code to
	 * refuse: neither the session nor its tunnel may be closed from
	 * here. NULL: accept. An ICRQ may also be taken with
	 * ENGINE_CALL_LATER: its ICRP goes out at engine_call_answered().
	 */
	int (*call_offered)(void *arg, struct session *s,
			    const struct l2tp_msg *m);
	void (*session_up)(void *arg, struct session *s);
	void (*session_down)(void *arg, struct session *s,
			     const struct engine_result *why);
	/* Set-Link-Info (§6.14): the peer's ACCM, for pppd. */
	void (*link_info)(void *arg, struct session *s,
			  const struct l2tp_accm *accm);
	/* WAN-Error-Notify (§6.13). */
	void (*wan_error)(void *arg, struct session *s,
			  const struct l2tp_call_errors *errors);
};

/*
 * New tunnels from one source address: a burst, then a rate, applied once
 * half of max_half_open are taken (always when max_half_open is 0); a
 * retransmitted SCCRQ reaches its tunnel whatever the bucket holds. One
 * LAC, or many clients behind one NAT address, may open a thousand
 * tunnels at once (after an outage, a setup storm), and while the server
 * has room none of them waits: the bucket only keeps one source from
 * taking the other half. A dropped SCCRQ comes back with its peer's
 * retransmissions (RFC 2661 Appendix A: 1, 3, 7 and 15 s after the first),
 * and a bucket gives each of those waves about a burst. Applied from the
 * first SCCRQ, 50 a second after a burst of 100 made 450 of 1,000 clients
 * that dial in the same instant give up (test_sccrq_storm_one_source).
 */
#define ENGINE_SCCRQ_RATE	50
#define ENGINE_SCCRQ_BURST	100

struct engine_cfg {
	const char *host_name;		/* Host Name AVP; copied */
	const char *vendor_name;	/* NULL: none; copied */
	uint16_t firmware_rev;
	uint32_t framing_cap;		/* L2TP_FRAMING_* we support */
	uint32_t bearer_cap;		/* L2TP_BEARER_*; 0: not sent */
	struct chan_cfg chan;		/* windows, retransmission */
	uint32_t keepalive_s;		/* accepted tunnels; see peer_lookup */
	uint32_t hold_ms;		/* state kept after StopCCN (§5.7) */
	uint32_t half_open_ms;		/* SCCRP sent, no SCCCN: ends after */
	uint32_t max_tunnels;		/* every limit: 0 = none */
	uint32_t max_half_open;		/* accepted, not yet established */
	uint32_t max_sessions;
	uint32_t max_sessions_per_tunnel;
	uint32_t sccrq_rate;		/* new SCCRQs a second per source */
	uint32_t sccrq_burst;		/* ... after a burst of this many */
	uint32_t sccrq_sources;		/* sources tracked, a power of two */
	/* Randomness for ids, challenges, tie breakers; NULL: RAND_bytes. */
	int (*random)(void *buf, size_t len);
};

#define ENGINE_KEEPALIVE_SERVER_S	30	/* RouterOS: server 30 s, */
#define ENGINE_KEEPALIVE_CLIENT_S	60	/* client 60 s */
#define ENGINE_HOLD_MS			31000

struct engine_stats {
	uint64_t tunnels_opened;	/* tunnel objects made, both roles */
	uint64_t tunnels_up;
	uint64_t tunnels_freed;
	uint64_t sessions_opened;
	uint64_t sessions_up;
	uint64_t sessions_freed;
	uint64_t rx_stray_data;		/* data messages on a control socket */
	uint64_t rx_bad_header;
	uint64_t rx_unknown_tunnel;
	uint64_t rx_unknown_session;
	uint64_t rx_handed_to_listener;	/* on a server tunnel's socket, not
					   from its peer */
	uint64_t rx_malformed;		/* decode errors, dropped or answered */
	uint64_t sccrq_ratelimited;	/* over the source's bucket */
	uint64_t sccrq_refused;		/* limits: refused without a tunnel */
	uint64_t ties_won;
	uint64_t ties_lost;
	uint64_t dataplane_errors;
	uint64_t tx_errors;		/* messages that could not be built */
};

void engine_cfg_default(struct engine_cfg *cfg);

/* NULL with errno: EINVAL (bad cfg), ENOMEM. Sets tp->eng. */
struct engine *engine_new(struct loop *loop, const struct engine_cfg *cfg,
			  struct transport *tp, const struct dataplane_ops *dp,
			  void *dp_ctx, const struct engine_ops *ops,
			  void *arg);
/*
 * Frees every tunnel and session at once, deleting what the data plane
 * holds, without a word to the peers (engine_shutdown() says goodbye).
 */
void engine_free(struct engine *eng);
/* StopCCN "shutting down" (§4.4.2 result 6) on every tunnel. */
void engine_shutdown(struct engine *eng);

/* A datagram that reached a listen address (local) from `from`. */
void engine_input(struct engine *eng, const struct transport_addr *local,
		  const struct transport_addr *from, const uint8_t *pkt,
		  size_t len);
/* A datagram that reached tunnel t's own socket. */
void engine_tunnel_input(struct engine *eng, struct tunnel *t,
			 const struct transport_addr *from, const uint8_t *pkt,
			 size_t len);

/* Opens a tunnel as the client (SCCRQ). NULL with errno on failure. */
struct tunnel *engine_tunnel_open(struct engine *eng,
				  const struct engine_tunnel_params *p);
/* StopCCN with this Result Code; -EALREADY once closing. */
int engine_tunnel_close(struct tunnel *t, uint16_t result, uint16_t error,
			const char *message);

/*
 * Places a call on t: incoming (we are the LAC, ICRQ) or outgoing (we
 * are the LNS, OCRQ). It waits for t to be established if it is not yet.
 * NULL with errno: EPIPE (t is closing), ENOSPC (session limits), ENOMEM.
 */
struct session *engine_call_incoming(struct tunnel *t,
				     const struct engine_call *c);
struct session *engine_call_outgoing(struct tunnel *t,
				     const struct engine_call *c);
/*
 * The LAC's outgoing call was answered (§7.5.1 "bearer answer"): OCCN.
 * The LNS's incoming call taken with ENGINE_CALL_LATER: its ICRP.
 * -EINVAL when s is not waiting for that.
 */
int engine_call_answered(struct session *s);
/* CDN with why's result, error, message and RFC 3145 cause. */
int engine_session_close(struct session *s, const struct engine_result *why);

struct tunnel *engine_tunnel_find(struct engine *eng, uint16_t tid);
struct session *engine_session_find(struct engine *eng, uint16_t tid,
				    uint16_t sid);
/* Tunnels not closing, and sessions. */
unsigned int engine_tunnel_count(const struct engine *eng);
unsigned int engine_session_count(const struct engine *eng);
/*
 * Messages sent on every tunnel and not yet acknowledged (closing tunnels'
 * StopCCNs included): a daemon shutting down waits for 0, briefly.
 */
unsigned int engine_tx_pending(const struct engine *eng);
const struct engine_stats *engine_stats(const struct engine *eng);
struct loop *engine_loop(const struct engine *eng);

/*
 * The state machine tables (RFC 2661 §7) and how often this engine took
 * each row: for tests that prove every row is exercised, and for debugging.
 */
unsigned int engine_fsm_count(void);
const struct fsm_table *engine_fsm_table(unsigned int i);
const uint32_t *engine_fsm_hits(const struct engine *eng, unsigned int i);

#endif /* L2TPD_ENGINE_H */
