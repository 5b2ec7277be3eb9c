/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Why a PPP link ended, as RFC 3145's PPP Disconnect Cause Code (the AVP
 * l2tpd puts in its CDN): derived from pppd's exit status, the furthest
 * phase the link reached, and which side sent the first LCP
 * Terminate-Request. Free of pppd's headers, so that the unit tests run it.
 */
#ifndef L2TPD_PLUGIN_CAUSE_H
#define L2TPD_PLUGIN_CAUSE_H

#include <stdint.h>

/* RFC 3145 §3 disconnect codes. */
enum cause_code {
	CAUSE_NO_INFO = 0,		/* §3.1 global errors */
	CAUSE_ADMIN = 1,
	CAUSE_NORMAL = 3,		/* LCP Terminate-Request sent */
	CAUSE_ENCRYPTION = 4,		/* compulsory encryption refused */
	CAUSE_LCP_TIMEOUT = 5,		/* §3.2 LCP errors: FSM timeout */
	CAUSE_LCP_SILENT = 6,		/* no recognizable LCP packet */
	CAUSE_LCP_LOOPBACK = 7,		/* Magic-Number: looped back */
	CAUSE_LCP_ECHO = 8,		/* Echo-Request timeout */
	CAUSE_AUTH_TIMEOUT = 13,	/* §3.3 authentication errors */
	CAUSE_AUTH_FAILED = 16,
	CAUSE_NCP_TIMEOUT = 17,		/* §3.4 NCP errors */
	CAUSE_NCP_NONE = 18,		/* no NCP reached Opened */
};

/* RFC 3145 §2 Direction: where the disconnect happened. */
enum cause_dir {
	CAUSE_DIR_GLOBAL = 0,
	CAUSE_DIR_PEER = 1,
	CAUSE_DIR_LOCAL = 2,
};

/* PPP control protocol numbers the AVP names. */
#define CAUSE_PROTO_LCP		0xc021
#define CAUSE_PROTO_PAP		0xc023
#define CAUSE_PROTO_CHAP	0xc223
#define CAUSE_PROTO_IPCP	0x8021

/* pppd(8) exit statuses and phases: the same in pppd 2.4.9 and 2.5. */
enum cause_exit {
	CAUSE_EXIT_OK = 0,
	CAUSE_EXIT_USER_REQUEST = 5,
	CAUSE_EXIT_NEGOTIATION_FAILED = 10,
	CAUSE_EXIT_PEER_AUTH_FAILED = 11,
	CAUSE_EXIT_IDLE_TIMEOUT = 12,
	CAUSE_EXIT_CONNECT_TIME = 13,
	CAUSE_EXIT_PEER_DEAD = 15,
	CAUSE_EXIT_HANGUP = 16,
	CAUSE_EXIT_LOOPBACK = 17,
	CAUSE_EXIT_AUTH_TOPEER_FAILED = 19,
};

enum cause_phase {
	CAUSE_PHASE_ESTABLISH = 4,
	CAUSE_PHASE_AUTHENTICATE = 5,
	CAUSE_PHASE_NETWORK = 7,
	CAUSE_PHASE_RUNNING = 8,
};

/* Who sent the first LCP Terminate-Request, if anyone did. */
enum cause_term { CAUSE_TERM_NONE, CAUSE_TERM_PEER, CAUSE_TERM_US };

struct cause_in {
	int exit_status;	/* pppd's, enum cause_exit values */
	/*
	 * pppd's status when the link began to terminate, -1 if it did
	 * not: a later hangup of the channel overwrites the reason
	 * (LCP echo failure, timeouts) with EXIT_HANGUP.
	 */
	int term_status;
	int max_phase;		/* furthest enum cause_phase reached */
	int lcp_rx;		/* any LCP packet came from the peer */
	enum cause_term first_term;
	uint16_t auth_proto;	/* CAUSE_PROTO_PAP / _CHAP, 0: none */
};

struct cause {
	uint16_t code;		/* enum cause_code */
	uint16_t proto;		/* 0 for global errors */
	uint8_t direction;	/* enum cause_dir */
	const char *message;	/* static text */
};

void cause_from_exit(const struct cause_in *in, struct cause *out);

#endif /* L2TPD_PLUGIN_CAUSE_H */
