// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>

#include "cause.h"

/*
 * Exit statuses that say the cause by themselves, whoever then sent the
 * Terminate-Request: pppd closes LCP itself after each of them.
 */
static const struct {
	int exit_status;
	struct cause cause;
	int auth;		/* the protocol is the authentication's */
} cause_by_exit[] = {
	{ CAUSE_EXIT_USER_REQUEST, { CAUSE_ADMIN, 0, CAUSE_DIR_LOCAL,
	  "administrative disconnect" }, 0 },
	{ CAUSE_EXIT_IDLE_TIMEOUT, { CAUSE_NORMAL, CAUSE_PROTO_LCP,
	  CAUSE_DIR_LOCAL, "idle timeout" }, 0 },
	{ CAUSE_EXIT_CONNECT_TIME, { CAUSE_NORMAL, CAUSE_PROTO_LCP,
	  CAUSE_DIR_LOCAL, "session timeout" }, 0 },
	{ CAUSE_EXIT_PEER_DEAD, { CAUSE_LCP_ECHO, CAUSE_PROTO_LCP,
	  CAUSE_DIR_LOCAL, "peer not responding to LCP echoes" }, 0 },
	{ CAUSE_EXIT_LOOPBACK, { CAUSE_LCP_LOOPBACK, CAUSE_PROTO_LCP,
	  CAUSE_DIR_LOCAL, "link looped back" }, 0 },
	{ CAUSE_EXIT_PEER_AUTH_FAILED, { CAUSE_AUTH_FAILED, 0,
	  CAUSE_DIR_LOCAL, "peer failed to authenticate" }, 1 },
	{ CAUSE_EXIT_AUTH_TOPEER_FAILED, { CAUSE_AUTH_FAILED, 0,
	  CAUSE_DIR_PEER, "peer refused our authentication" }, 1 },
};

/*
 * Negotiation that did not finish, by the phase it stopped in (RFC 3145
 * §3.2-§3.4): LCP never opened (a silent peer is told apart), the
 * authentication phase timed out, or no network protocol came up.
 */
static void cause_negotiation(const struct cause_in *in, struct cause *out)
{
	if (in->max_phase < CAUSE_PHASE_AUTHENTICATE)
		*out = in->lcp_rx ?
			(struct cause){ CAUSE_LCP_TIMEOUT, CAUSE_PROTO_LCP,
					CAUSE_DIR_LOCAL,
					"LCP negotiation failed" } :
			(struct cause){ CAUSE_LCP_SILENT, CAUSE_PROTO_LCP,
					CAUSE_DIR_LOCAL,
					"no LCP packet from the peer" };
	else if (in->max_phase < CAUSE_PHASE_NETWORK)
		*out = (struct cause){ CAUSE_AUTH_TIMEOUT, in->auth_proto,
				       CAUSE_DIR_LOCAL,
				       "authentication timed out" };
	else
		*out = (struct cause){ CAUSE_NCP_NONE, CAUSE_PROTO_IPCP,
				       CAUSE_DIR_LOCAL,
				       "no network protocol came up" };
}

void cause_from_exit(const struct cause_in *in, struct cause *out)
{
	int status = in->exit_status;
	size_t i;

	if ((status == CAUSE_EXIT_OK || status == CAUSE_EXIT_HANGUP) &&
	    in->term_status > 0 && in->term_status != CAUSE_EXIT_HANGUP)
		status = in->term_status;
	for (i = 0; i < sizeof(cause_by_exit) / sizeof(cause_by_exit[0]); i++)
		if (cause_by_exit[i].exit_status == status) {
			*out = cause_by_exit[i].cause;
			if (cause_by_exit[i].auth)
				out->proto = in->auth_proto;
			return;
		}
	if (status == CAUSE_EXIT_NEGOTIATION_FAILED &&
	    in->first_term != CAUSE_TERM_PEER) {
		cause_negotiation(in, out);
		return;
	}
	/* RFC 3145 §3.1 code 3: the direction says who sent it. */
	switch (in->first_term) {
	case CAUSE_TERM_PEER:
		*out = (struct cause){ CAUSE_NORMAL, CAUSE_PROTO_LCP,
				       CAUSE_DIR_PEER,
				       "peer sent LCP Terminate-Request" };
		break;
	case CAUSE_TERM_US:
		*out = (struct cause){ CAUSE_NORMAL, CAUSE_PROTO_LCP,
				       CAUSE_DIR_LOCAL,
				       "LCP Terminate-Request sent" };
		break;
	default:
		/* Hangup (the L2TP session went away) or a local error. */
		*out = (struct cause){ CAUSE_NO_INFO, 0, CAUSE_DIR_GLOBAL,
				       status == CAUSE_EXIT_HANGUP ?
				       "link hung up" : "no information" };
		break;
	}
}
