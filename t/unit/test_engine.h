/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the engine tests share (t/unit/test_engine_util.c):
 *
 *  - an upper layer (struct app) that counts what the engine tells it and
 *    answers as the test says;
 *  - a data plane that counts creations and deletions and can refuse;
 *  - simhost: the transport on one end of a simlink, with addresses,
 *    ports, a listener and connected sockets, so that two engines talk as
 *    they would over UDP, loss, duplication and reordering included;
 *  - pair: a client and a server engine joined by a simlink;
 *  - probe: one engine whose datagrams are captured, facing a hand-driven
 *    peer that sends hand-built messages with its own Ns/Nr: the state
 *    machine tests use it to put the engine in any state.
 */
#ifndef T_UNIT_TEST_ENGINE_H
#define T_UNIT_TEST_ENGINE_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "session.h"
#include "simlink.h"
#include "simloop.h"
#include "tunnel.h"

#define TEST_SECRET	"test-secret"

/* A seeded PRNG as the engines' randomness: every run is the same run. */
void test_random_seed(uint64_t seed);
int test_random(void *buf, size_t len);

void test_engine_cfg(struct engine_cfg *cfg);
/* A minimal SCCRQ from peer tunnel peer_tid, with header tunnel id
 * hdr_tid (0 for a new one), in buf; returns its length. */
size_t test_sccrq(uint8_t *buf, size_t cap, uint16_t hdr_tid,
		  uint16_t peer_tid, const char *host);

struct dp_count {
	int tunnels;		/* live */
	int sessions;
	int tunnel_creates;
	int session_creates;
	int fail_tunnel;	/* refuse the next tunnel_create with this */
	int fail_session;
};

extern const struct dataplane_ops dp_count_ops;

struct app {
	struct engine *eng;
	int tunnels_up, tunnels_down;
	int sessions_up, sessions_down;
	int offered;
	int link_infos, wan_errors;
	int refuse_calls;	/* CDN result call_offered returns */
	int refuse_peers;	/* errno peer_lookup refuses with */
	struct engine_peer peer;	/* peer_lookup's answer */
	struct engine_result last_tunnel_down;
	struct engine_result last_session_down;
	struct l2tp_ppp_disc last_ppp;
	bool last_had_ppp;
	uint32_t last_accm;
	struct tunnel *last_tunnel_up;
	struct session *last_offered;
	struct session *last_session_up;
	/* Close every session as soon as it is up (re-entrance). */
	bool close_on_up;
	/* Place a call on each tunnel as soon as it is up. */
	bool call_on_up;
};

extern const struct engine_ops app_ops;

/* The transport on one end of a simlink, at address 10.0.0.<end + 1>. */
struct simhost;

struct simhost *simhost_new(struct simlink *link, int end, bool ephemeral);
void simhost_free(struct simhost *h);
struct transport *simhost_transport(struct simhost *h);
/* Takes the link's datagrams for its end; window as simlink_attach(). */
void simhost_attach(struct simhost *h, uint16_t window);
void simhost_listen(struct simhost *h, uint16_t port);
const struct transport_addr *simhost_addr(const struct simhost *h);
/* Datagrams that found no socket, and sockets still open. */
unsigned int simhost_unclaimed(const struct simhost *h);
unsigned int simhost_socks(const struct simhost *h);

struct pair_opts {
	struct simlink_cfg link;
	bool check_window;	/* simlink checks windows (one tunnel only) */
	uint8_t max_retries;	/* 0: the channel's default */
	const char *client_secret;
	const char *server_secret;
	bool hide;
	bool tie_breaker;
	uint64_t seed;
};

struct pair {
	struct loop *loop;
	struct simlink *link;
	struct simhost *ch;	/* end 0 */
	struct simhost *sh;	/* end 1, listening on 1701 */
	struct engine *client;
	struct engine *server;
	struct app capp, sapp;
	struct dp_count cdp, sdp;
	struct engine_tunnel_params params;	/* client -> server */
};

void pair_init(struct pair *p, const struct pair_opts *o);
/* Frees everything and checks that nothing leaked into the data plane. */
void pair_free(struct pair *p);
struct tunnel *pair_open(struct pair *p);
/* Runs the clock in 10 ms steps until done(p) or limit_ms have passed. */
bool pair_run(struct pair *p, bool (*done)(struct pair *p), uint64_t limit_ms);

#define PROBE_QUEUE	128

struct probe_pkt {
	size_t len;
	bool stateless;		/* sent by transport reply() */
	uint8_t data[4096];
};

struct probe {
	struct loop *loop;
	struct transport tp;
	struct engine *eng;
	struct app app;
	struct dp_count dp;
	struct transport_addr eng_addr;		/* 10.0.0.2:1701 */
	struct transport_addr peer_addr;	/* 10.0.0.1:1701 */
	struct l2tp_secret secret;		/* ours, if the test sets one */
	uint16_t eng_tid;	/* the engine's tunnel, as the peer knows it */
	uint16_t peer_tid;	/* the peer's */
	uint16_t ns, nr;
	unsigned int socks;
	unsigned int head, tail;
	struct probe_pkt q[PROBE_QUEUE];
	struct l2tp_hdr h;	/* the last message taken */
	struct l2tp_msg m;
};

struct probe *probe_new(const struct engine_cfg *cfg);
void probe_free(struct probe *p);
struct tunnel *probe_tunnel(struct probe *p);
/* Sends m for session sid (header), Ns and Nr from the peer's counters. */
void probe_send(struct probe *p, struct l2tp_msg *m, uint16_t sid);
/* The same, with header tunnel id tid (0: an SCCRQ to the listener). */
void probe_send_tid(struct probe *p, struct l2tp_msg *m, uint16_t tid,
		    uint16_t sid);
/* Raw bytes, as they are, to the listener or the engine's tunnel socket. */
void probe_send_raw(struct probe *p, const uint8_t *pkt, size_t len,
		    bool listener);
void probe_ack(struct probe *p);
/*
 * The type of the next message the engine sent (ZLBs and retransmissions
 * skipped), decoded into p->m; -1 when none is queued.
 */
int probe_next(struct probe *p);
void probe_expect(struct probe *p, uint16_t type);
/* Forgets what the engine sent so far. */
void probe_flush(struct probe *p);

/* Fills m with a valid message of that type, as a peer would send it. */
void probe_msg(struct probe *p, struct l2tp_msg *m, uint16_t type);
/* Client role: the engine opened a tunnel to us; answer its SCCRQ. */
struct tunnel *probe_engine_client(struct probe *p,
				   const struct engine_tunnel_params *tp);
void probe_answer_sccrq(struct probe *p);
/* Server role: we open a tunnel to the engine (SCCRQ, then SCCCN). */
void probe_open(struct probe *p);
void probe_complete(struct probe *p);

/* The tables' rows by name, and the hits an engine counted for them. */
int fsm_row_index(const struct fsm_table *tbl, const char *state,
		  const char *event);
uint32_t test_hits(const struct engine *eng, unsigned int table, int row);

/* Adds the row hits eng counted to hits[table][row]. */
void test_hits_add(const struct engine *eng, uint32_t **hits);

/*
 * The row walkers (test_tunnel.c, test_session.c): put a fresh engine in
 * the row's state, fire the row's event (both found by name), check the
 * row ran, the next state and what went on the wire, and add the engine's
 * hits to hits. The coverage test runs them for every row.
 */
void tunnel_walk_row(unsigned int row, uint32_t **hits);
void session_walk_row(unsigned int table, unsigned int row, uint32_t **hits);

#endif /* T_UNIT_TEST_ENGINE_H */
