// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * plugin/cause.c: pppd's end of a link as RFC 3145 §3 disconnect codes,
 * one row per way a link ends.
 */
#include <check.h>

#include "../../plugin/cause.h"
#include "suites.h"

static const struct {
	struct cause_in in;
	uint16_t code, proto;
	uint8_t dir;
} cases[] = {
	/* l2tpd ended it (SIGTERM): an administrative disconnect. */
	{ { CAUSE_EXIT_USER_REQUEST, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_US, 0 },
	  CAUSE_ADMIN, 0, CAUSE_DIR_LOCAL },
	/* The peer sent Terminate-Request while running. */
	{ { CAUSE_EXIT_OK, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_PEER, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_PEER },
	{ { CAUSE_EXIT_HANGUP, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_PEER, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_PEER },
	/* We sent it for another reason pppd did not name. */
	{ { CAUSE_EXIT_OK, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_US, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	/* Timeouts are normal disconnects from our side. */
	{ { CAUSE_EXIT_IDLE_TIMEOUT, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_US, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	{ { CAUSE_EXIT_CONNECT_TIME, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_US, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	{ { CAUSE_EXIT_PEER_DEAD, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_US, 0 },
	  CAUSE_LCP_ECHO, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	{ { CAUSE_EXIT_LOOPBACK, -1, CAUSE_PHASE_ESTABLISH, 1, CAUSE_TERM_NONE, 0 },
	  CAUSE_LCP_LOOPBACK, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	/* Authentication: which side failed, with the protocol that ran. */
	{ { CAUSE_EXIT_PEER_AUTH_FAILED, -1, CAUSE_PHASE_AUTHENTICATE, 1,
	    CAUSE_TERM_US, CAUSE_PROTO_CHAP },
	  CAUSE_AUTH_FAILED, CAUSE_PROTO_CHAP, CAUSE_DIR_LOCAL },
	{ { CAUSE_EXIT_AUTH_TOPEER_FAILED, -1, CAUSE_PHASE_AUTHENTICATE, 1,
	    CAUSE_TERM_PEER, CAUSE_PROTO_PAP },
	  CAUSE_AUTH_FAILED, CAUSE_PROTO_PAP, CAUSE_DIR_PEER },
	/* Negotiation stopped in LCP, with and without a word from the peer. */
	{ { CAUSE_EXIT_NEGOTIATION_FAILED, -1, CAUSE_PHASE_ESTABLISH, 1,
	    CAUSE_TERM_US, 0 },
	  CAUSE_LCP_TIMEOUT, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	{ { CAUSE_EXIT_NEGOTIATION_FAILED, -1, CAUSE_PHASE_ESTABLISH, 0,
	    CAUSE_TERM_NONE, 0 },
	  CAUSE_LCP_SILENT, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	/* ... in authentication, or in the network phase. */
	{ { CAUSE_EXIT_NEGOTIATION_FAILED, -1, CAUSE_PHASE_AUTHENTICATE, 1,
	    CAUSE_TERM_US, CAUSE_PROTO_PAP },
	  CAUSE_AUTH_TIMEOUT, CAUSE_PROTO_PAP, CAUSE_DIR_LOCAL },
	{ { CAUSE_EXIT_NEGOTIATION_FAILED, -1, CAUSE_PHASE_NETWORK, 1,
	    CAUSE_TERM_US, 0 },
	  CAUSE_NCP_NONE, CAUSE_PROTO_IPCP, CAUSE_DIR_LOCAL },
	/* A peer that ends negotiation itself said so. */
	{ { CAUSE_EXIT_NEGOTIATION_FAILED, -1, CAUSE_PHASE_NETWORK, 1,
	    CAUSE_TERM_PEER, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_PEER },
	/* The L2TP session vanished under pppd: nothing more is known. */
	{ { CAUSE_EXIT_HANGUP, -1, CAUSE_PHASE_RUNNING, 1, CAUSE_TERM_NONE, 0 },
	  CAUSE_NO_INFO, 0, CAUSE_DIR_GLOBAL },
	{ { 1, -1, CAUSE_PHASE_ESTABLISH, 0, CAUSE_TERM_NONE, 0 },
	  CAUSE_NO_INFO, 0, CAUSE_DIR_GLOBAL },
	/* The reason pppd had when it began to end outlives the hangup. */
	{ { CAUSE_EXIT_HANGUP, CAUSE_EXIT_PEER_DEAD, CAUSE_PHASE_RUNNING, 1,
	    CAUSE_TERM_US, 0 },
	  CAUSE_LCP_ECHO, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
	{ { CAUSE_EXIT_HANGUP, CAUSE_EXIT_HANGUP, CAUSE_PHASE_RUNNING, 1,
	    CAUSE_TERM_PEER, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_PEER },
	/* A reason pppd had at the end stands. */
	{ { CAUSE_EXIT_IDLE_TIMEOUT, CAUSE_EXIT_OK, CAUSE_PHASE_RUNNING, 1,
	    CAUSE_TERM_US, 0 },
	  CAUSE_NORMAL, CAUSE_PROTO_LCP, CAUSE_DIR_LOCAL },
};

START_TEST(test_cause)
{
	struct cause c;

	cause_from_exit(&cases[_i].in, &c);
	ck_assert_uint_eq(c.code, cases[_i].code);
	ck_assert_uint_eq(c.proto, cases[_i].proto);
	ck_assert_uint_eq(c.direction, cases[_i].dir);
	ck_assert_ptr_nonnull(c.message);
	ck_assert(c.message[0]);
}
END_TEST

Suite *suite_cause(void)
{
	Suite *s = suite_create("cause");
	TCase *tc = tcase_create("cause");

	tcase_add_loop_test(tc, test_cause, 0, sizeof(cases) / sizeof(cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
