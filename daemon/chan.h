/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The reliable control channel of one L2TP control connection (RFC 2661
 * §5.8, Appendix A): sequence numbers, acknowledgements, retransmission,
 * windows and congestion control. It knows neither sockets nor message
 * types: it is handed header-decoded control datagrams, sends datagrams
 * through a callback and delivers each new message once, in order.
 *
 * Memory: one small struct and two timers per channel; messages waiting
 * for an ack, for window space or for a gap to fill are allocated one by
 * one, so an idle channel holds no buffers.
 */
#ifndef L2TPD_CHAN_H
#define L2TPD_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hdr.h"
#include "loop.h"

struct chan;

struct chan_cfg {
	/* Our receive window, advertised in the Receive Window Size AVP. */
	uint16_t rwin;
	/* Retransmissions of one message before the peer is unreachable. */
	uint8_t max_retries;
	uint32_t rto_init_ms;
	uint32_t rto_max_ms;
	/* How long an ack waits for a message to ride on before a ZLB. */
	uint32_t ack_delay_ms;
	/* First Ns and Nr: 0 as RFC 2661 §5.8 says; tests start elsewhere. */
	uint16_t seq_start;
};

/* Defaults; see chan.c for why these values. */
#define CHAN_RWIN_DEFAULT	8
#define CHAN_PEER_RWIN_DEFAULT	4	/* RFC 2661 §4.4.3: no RWS AVP */
#define CHAN_MAX_RETRIES	5
#define CHAN_RTO_INIT_MS	1000
#define CHAN_RTO_MAX_MS		8000
#define CHAN_ACK_DELAY_MS	100

void chan_cfg_default(struct chan_cfg *cfg);

/*
 * The callbacks, all called from the loop or from chan_input()/chan_send().
 * deliver and unreachable may call chan_free() and any other chan_*()
 * function on this channel; send must not re-enter the channel.
 */
struct chan_ops {
	/*
	 * Puts one complete datagram on the wire. An error counts as a loss:
	 * retransmission covers it.
	 */
	int (*send)(void *arg, const uint8_t *pkt, size_t len);
	/*
	 * A new message, in order, exactly once: h is its decoded header,
	 * pkt/len the whole datagram (AVPs at h->payload_off).
	 */
	void (*deliver)(void *arg, const struct l2tp_hdr *h,
			const uint8_t *pkt, size_t len);
	/*
	 * A message went unacknowledged through every retransmission: the
	 * tunnel is to be cleared (RFC 2661 §5.8). The channel is closed
	 * (see chan_close()) and retransmits nothing more.
	 */
	void (*unreachable)(void *arg);
};

/* Sent ahead of every message not yet sent (HELLO, StopCCN). */
#define CHAN_SEND_URGENT	0x1
/*
 * The last message (our StopCCN): urgent, drops every message not yet sent,
 * and closes the channel as chan_close() does once it is queued.
 */
#define CHAN_SEND_LAST		0x2

struct chan_stats {
	uint64_t tx;		/* messages sent for the first time */
	uint64_t retransmits;
	uint64_t zlb_tx;
	uint64_t tx_errors;	/* send callback failures */
	uint64_t rx;		/* new messages accepted */
	uint64_t zlb_rx;
	uint64_t dups;		/* messages received again */
	uint64_t reordered;	/* accepted ahead of a gap, delivered later */
	uint64_t out_of_window;	/* dropped: beyond our receive window */
	uint64_t acked;		/* our messages acknowledged */
	uint64_t timeouts;	/* retransmission timer expiries */
	uint64_t bad_nr;	/* Nr acknowledging what we never sent */
};

/* The sequence and window state, for l2tpctl and tests. */
struct chan_state {
	uint16_t ns;		/* next Ns we send */
	uint16_t nr;		/* next Ns we expect */
	uint16_t una;		/* oldest Ns not acknowledged */
	uint16_t inflight;	/* sent, not acknowledged */
	unsigned int unsent;	/* waiting for window space */
	uint16_t cwnd;
	uint16_t ssthresh;
	uint16_t peer_rwin;
	uint8_t retries;	/* of the oldest unacknowledged message */
	bool closed;
};

/* cfg is copied. NULL with errno EINVAL (a bad cfg) or ENOMEM. */
struct chan *chan_new(struct loop *loop, const struct chan_cfg *cfg,
		      const struct chan_ops *ops, void *arg);
void chan_free(struct chan *ch);

/* The Tunnel ID we put in headers: the peer's Assigned Tunnel ID. */
void chan_set_peer_tid(struct chan *ch, uint16_t tid);
/*
 * The peer's Receive Window Size AVP (SCCRQ/SCCRP): our send window and
 * slow-start threshold. -EINVAL for 0, a window nothing could be sent in.
 */
int chan_set_peer_rwin(struct chan *ch, uint16_t rwin);

/*
 * Queues one message: len bytes of AVPs (not empty; a ZLB is the channel's
 * own business) for session sid. The channel writes the header with Ns
 * and Nr when the window lets the message go. flags: CHAN_SEND_*.
 * Returns 0, -EPIPE once closed, -EMSGSIZE, -EINVAL or -ENOMEM.
 */
int chan_send(struct chan *ch, uint16_t sid, const void *avps, size_t len,
	      unsigned int flags);

/*
 * Hands the channel one received control datagram: h from
 * l2tp_hdr_decode() on pkt/len. Acks, duplicates and reordering are dealt
 * with here; new messages reach ops->deliver. Returns 0, or -EINVAL for a
 * data message or -ENOMEM (the message is then dropped and will come
 * again).
 */
int chan_input(struct chan *ch, const struct l2tp_hdr *h, const uint8_t *pkt,
	       size_t len);

/*
 * The post-teardown hold (RFC 2661 §5.7: after StopCCN, state is kept to
 * acknowledge retransmissions). Nothing more is delivered or can be sent;
 * every message not yet sent is dropped. Received messages are still
 * acknowledged, so a late retransmitted StopCCN gets its ZLB. Messages
 * already sent are still retransmitted until acked unless drop_unacked
 * (the peer's StopCCN made them moot).
 */
void chan_close(struct chan *ch, bool drop_unacked);

/* Messages sent and not acked plus not yet sent: 0 once all went through. */
unsigned int chan_pending(const struct chan *ch);
/* When a datagram last arrived from the peer (loop_now_ms), for HELLO. */
uint64_t chan_last_rx_ms(const struct chan *ch);
const struct chan_stats *chan_stats(const struct chan *ch);
void chan_get_state(const struct chan *ch, struct chan_state *st);

/* RFC 1982-style comparison of 16-bit sequence numbers: a before b. */
static inline bool chan_seq_lt(uint16_t a, uint16_t b)
{
	return a != b && (uint16_t)(b - a) < 0x8000;
}

#endif /* L2TPD_CHAN_H */
