/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Realistic control messages for the wire-format proofs: the tshark
 * cross-check (t/wire/wire-gen.c), the fuzzer's seeds and its round-trip
 * oracle (fuzz/), and the decode benchmark (bench/).
 */
#ifndef T_WIRE_MESSAGES_H
#define T_WIRE_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"

/* The tunnel secret that hides AVPs in every generated message. */
extern const struct l2tp_secret wire_secret;

/* One datagram of the generated exchange: who sends it and its header. */
struct wire_frame {
	uint16_t type;		/* enum l2tp_msg_type */
	bool from_lac;		/* sent by the LAC (else by the LNS) */
	uint16_t tid;		/* header Tunnel ID: the receiver's */
	uint16_t sid;		/* header Session ID: the receiver's */
};

/* The control messages of one tunnel's life, in the order they are sent:
 * every message type of RFC 2661 §3.2 once, and a ZLB. */
extern const struct wire_frame wire_frames[];
extern const size_t wire_n_frames;

/*
 * Fills m with a message of f->type carrying every AVP that RFC 2661 §6
 * lets it carry (the Random Vector aside), with the values a real LAC or
 * LNS would send.
 */
void wire_msg_full(struct l2tp_msg *m, const struct wire_frame *f);

/* The AVP set xl2tpd 1.3 sends in an SCCRQ and an ICRQ (no auth). */
void wire_msg_typical(struct l2tp_msg *m, uint16_t type);

/*
 * Compares the AVPs in mask of a and b value by value (through the typed
 * encoder, so that every kind compares alike). Returns the first AVP type
 * that differs, or -1.
 */
int wire_msg_diff(const struct l2tp_msg *a, const struct l2tp_msg *b,
		  uint64_t mask);

#endif /* T_WIRE_MESSAGES_H */
