// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * simhost: the engine's transport on one end of a simlink. Each datagram
 * travels with a 12-byte trailer (source and destination IPv4 address and
 * port) after the L2TP message, where the simlink's window check does not
 * look (an L2TP header's Length ends the message). Sockets are bound to
 * ports and, once connected, take only their peer's datagrams, as UDP
 * sockets do; what no socket takes goes to the listener or is counted.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htab.h"
#include "test_engine.h"

#define SIM_TRAILER	12
#define SIM_MAX		4096

struct transport_sock {
	struct htab_node node;
	struct simhost *h;
	struct tunnel *owner;
	struct transport_addr local;
	struct transport_addr peer;
	bool connected;
};

struct simhost {
	struct transport tp;
	struct simlink *link;
	int end;
	bool ephemeral;
	uint16_t listen_port;
	uint16_t next_port;
	unsigned int socks;
	unsigned int unclaimed;
	struct transport_addr addr;
	struct htab by_port;
	uint8_t buf[SIM_MAX + SIM_TRAILER];
};

static uint32_t sock_hash(uint16_t port, const struct transport_addr *peer)
{
	return htab_hash_u32(port ^
			     (peer ? transport_addr_hash(peer, true) : 0));
}

static void sock_insert(struct transport_sock *s)
{
	htab_insert(&s->h->by_port, &s->node,
		    sock_hash(transport_addr_port(&s->local),
			      s->connected ? &s->peer : NULL));
}

static struct transport_sock *sock_find(struct simhost *h, uint16_t port,
					const struct transport_addr *peer)
{
	uint32_t hash = sock_hash(port, peer);
	struct htab_node *n;
	struct transport_sock *s;

	for (n = htab_first(&h->by_port, hash); n; n = htab_next(n, hash)) {
		s = container_of(n, struct transport_sock, node);
		if (transport_addr_port(&s->local) == port &&
		    s->connected == (peer != NULL) &&
		    (!peer || transport_addr_eq(&s->peer, peer)))
			return s;
	}
	return NULL;
}

static void addr_put(uint8_t *p, const struct transport_addr *a)
{
	uint16_t port = htons(transport_addr_port(a));

	memcpy(p, &a->u.sin.sin_addr, 4);
	memcpy(p + 4, &port, 2);
}

static void addr_get(struct transport_addr *a, const uint8_t *p)
{
	uint16_t port;

	memset(a, 0, sizeof(*a));
	a->u.sin.sin_family = AF_INET;
	a->len = sizeof(a->u.sin);
	memcpy(&a->u.sin.sin_addr, p, 4);
	memcpy(&port, p + 4, 2);
	a->u.sin.sin_port = port;
}

static int sim_xmit(struct simhost *h, const struct transport_addr *from,
		    const struct transport_addr *to, const void *pkt,
		    size_t len)
{
	ck_assert_uint_le(len, SIM_MAX);
	memcpy(h->buf, pkt, len);
	addr_put(h->buf + len, from);
	addr_put(h->buf + len + 6, to);
	return simlink_send(h->link, h->end, h->buf, len + SIM_TRAILER);
}

static void sim_rx(void *arg, const uint8_t *pkt, size_t len)
{
	struct simhost *h = arg;
	struct transport_addr from, to;
	struct transport_sock *s;
	uint16_t port;

	ck_assert_uint_ge(len, SIM_TRAILER);
	len -= SIM_TRAILER;
	addr_get(&from, pkt + len);
	addr_get(&to, pkt + len + 6);
	port = transport_addr_port(&to);
	if (!h->tp.eng || !transport_addr_eq_host(&to, &h->addr)) {
		h->unclaimed++;
		return;
	}
	s = sock_find(h, port, &from);
	if (!s)
		s = sock_find(h, port, NULL);
	if (s)
		engine_tunnel_input(h->tp.eng, s->owner, &from, pkt, len);
	else if (port == h->listen_port)
		engine_input(h->tp.eng, &to, &from, pkt, len);
	else
		h->unclaimed++;
}

static int sim_open(struct transport *tp, const struct transport_addr *local,
		    const struct transport_addr *peer, bool connect,
		    struct tunnel *owner, struct transport_sock **sp)
{
	struct simhost *h = (struct simhost *)tp;
	struct transport_sock *s = calloc(1, sizeof(*s));
	uint16_t port = local->len ? transport_addr_port(local) : 0;

	ck_assert_ptr_nonnull(s);
	s->h = h;
	s->owner = owner;
	s->peer = *peer;
	s->connected = connect;
	s->local = h->addr;
	if (!port || h->ephemeral)
		port = h->next_port++;
	transport_addr_set_port(&s->local, port);
	sock_insert(s);
	h->socks++;
	*sp = s;
	return 0;
}

static int sim_connect(struct transport_sock *s,
		       const struct transport_addr *peer)
{
	htab_remove(&s->h->by_port, &s->node);
	s->peer = *peer;
	s->connected = true;
	sock_insert(s);
	return 0;
}

static int sim_send(struct transport_sock *s, const void *pkt, size_t len)
{
	return sim_xmit(s->h, &s->local, &s->peer, pkt, len);
}

static int sim_reply(struct transport *tp, const struct transport_addr *local,
		     const struct transport_addr *peer, const void *pkt,
		     size_t len)
{
	return sim_xmit((struct simhost *)tp, local, peer, pkt, len);
}

static void sim_local_addr(const struct transport_sock *s,
			   struct transport_addr *out)
{
	*out = s->local;
}

static int sim_fd(const struct transport_sock *s)
{
	return -1;
}

static void sim_close(struct transport_sock *s)
{
	htab_remove(&s->h->by_port, &s->node);
	s->h->socks--;
	free(s);
}

static const struct transport_ops sim_ops = {
	.open = sim_open,
	.connect = sim_connect,
	.send = sim_send,
	.reply = sim_reply,
	.local_addr = sim_local_addr,
	.fd = sim_fd,
	.close = sim_close,
};

struct simhost *simhost_new(struct simlink *link, int end, bool ephemeral)
{
	struct simhost *h = calloc(1, sizeof(*h));
	char ip[32];

	ck_assert_ptr_nonnull(h);
	h->tp.ops = &sim_ops;
	h->link = link;
	h->end = end;
	h->ephemeral = ephemeral;
	h->next_port = 40000;
	snprintf(ip, sizeof(ip), "10.0.0.%d", end + 1);
	ck_assert_int_eq(transport_addr_parse(&h->addr, ip, 0), 0);
	ck_assert_int_eq(htab_init(&h->by_port, 16), 0);
	return h;
}

void simhost_free(struct simhost *h)
{
	ck_assert_uint_eq(h->socks, 0);
	htab_destroy(&h->by_port);
	free(h);
}

struct transport *simhost_transport(struct simhost *h)
{
	return &h->tp;
}

void simhost_attach(struct simhost *h, uint16_t window)
{
	simlink_attach(h->link, h->end, sim_rx, h, 0, window);
}

void simhost_listen(struct simhost *h, uint16_t port)
{
	h->listen_port = port;
}

const struct transport_addr *simhost_addr(const struct simhost *h)
{
	return &h->addr;
}

unsigned int simhost_unclaimed(const struct simhost *h)
{
	return h->unclaimed;
}

unsigned int simhost_socks(const struct simhost *h)
{
	return h->socks;
}
