/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sample AVP values and messages for the lib tests: every AVP gets a
 * distinct, deterministic value of its kind, so that a round trip through
 * the codec can be compared field by field.
 */
#ifndef T_UNIT_SAMPLE_H
#define T_UNIT_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "msg.h"

extern const struct l2tp_secret sample_secret;

/* Sets the sample value of IETF AVP type in m and its present bit. */
void sample_fill_avp(struct l2tp_msg *m, uint16_t type);

/* m = a message of msg_type with every required and optional AVP except
 * the Random Vector. */
void sample_fill_msg(struct l2tp_msg *m, uint16_t msg_type);

/* Asserts (Check) that the AVPs in mask have the same value in a and b. */
void sample_assert_equal(const struct l2tp_msg *a, const struct l2tp_msg *b,
			 uint64_t mask);
void sample_assert_value_equal(const struct l2tp_avp_desc *d, const void *a,
			       const void *b);

/* Encodes m (tid 1, sid 2, ns 3, nr 4) into buf; asserts success. */
size_t sample_encode(const struct l2tp_msg *m, uint8_t *buf, size_t cap,
		     const struct l2tp_secret *secret, uint64_t hide);

/*
 * Copies the control message pkt[0..len) to out without its first IETF AVP
 * of the given type, with the header Length fixed; returns the new length.
 */
size_t sample_strip_avp(const uint8_t *pkt, size_t len, uint16_t type,
			uint8_t *out);

#endif /* T_UNIT_SAMPLE_H */
