/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * How the engine reaches the network: an ops table behind which sit UDP
 * sockets in the daemon (transport_udp.c) and an in-memory link in the
 * tests. The shape follows what the kernel needs (protocol-notes.md):
 *
 *  - listen addresses (default port 1701) receive new SCCRQs; an
 *    implementation hands each datagram that arrives there to
 *    engine_input();
 *  - every tunnel gets a socket of its own, bound to a local address and
 *    connected to the peer, whose descriptor the kernel's TUNNEL_CREATE
 *    takes; datagrams arriving there go to engine_tunnel_input(). A
 *    server tunnel's socket shares the listen address and is bound before
 *    it is connected: what others send to it meanwhile takes the
 *    listener's path;
 *  - a client's socket starts unconnected: the server may answer from
 *    another address or port than the one we sent the SCCRQ to, and the
 *    engine connects the socket to wherever the SCCRP came from.
 *
 * Functions return 0 or a negative errno and do not log.
 */
#ifndef L2TPD_TRANSPORT_H
#define L2TPD_TRANSPORT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* An IPv4 or IPv6 address and UDP port; len 0: none (AF_UNSPEC). */
struct transport_addr {
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
	} u;
	socklen_t len;
};

/* "192.0.2.1:1701" or "[2001:db8::1]:1701", NUL included. */
#define TRANSPORT_ADDRSTRLEN	(INET6_ADDRSTRLEN + 9)

struct engine;
struct tunnel;
struct transport;
struct transport_sock;

struct transport_ops {
	/*
	 * A socket for tunnel owner, bound to local (port 0: any free one;
	 * no address: the implementation picks) and, if connect, connected
	 * to peer; otherwise sends go to peer until transport connect().
	 */
	int (*open)(struct transport *tp, const struct transport_addr *local,
		    const struct transport_addr *peer, bool connect,
		    struct tunnel *owner, struct transport_sock **sp);
	/* Connects s to peer: from now on only peer's datagrams arrive. */
	int (*connect)(struct transport_sock *s,
		       const struct transport_addr *peer);
	int (*send)(struct transport_sock *s, const void *pkt, size_t len);
	/*
	 * One datagram from the listen address local to peer, for answers
	 * the engine sends without keeping a tunnel (refusals).
	 */
	int (*reply)(struct transport *tp, const struct transport_addr *local,
		     const struct transport_addr *peer, const void *pkt,
		     size_t len);
	/* The address s is bound to, its port filled in. */
	void (*local_addr)(const struct transport_sock *s,
			   struct transport_addr *out);
	/* The descriptor the kernel gets, or -1 (in-memory transports). */
	int (*fd)(const struct transport_sock *s);
	void (*close)(struct transport_sock *s);
};

/* Implementations embed this first; engine_new() sets eng. */
struct transport {
	const struct transport_ops *ops;
	struct engine *eng;
};

/* Same family, address and port (scope id included for IPv6). */
bool transport_addr_eq(const struct transport_addr *a,
		       const struct transport_addr *b);
/* Same family and address, any port. */
bool transport_addr_eq_host(const struct transport_addr *a,
			    const struct transport_addr *b);
/* A seeded hash (htab_hash_bytes) of the address, with or without port. */
uint32_t transport_addr_hash(const struct transport_addr *a, bool with_port);
uint16_t transport_addr_port(const struct transport_addr *a);
void transport_addr_set_port(struct transport_addr *a, uint16_t port);
/* Fills a from a sockaddr; -EAFNOSUPPORT unless AF_INET or AF_INET6. */
int transport_addr_from(struct transport_addr *a, const struct sockaddr *sa,
			socklen_t len);
/*
 * Parses "192.0.2.1", "192.0.2.1:1701", "2001:db8::1",
 * "[2001:db8::1]:1701"; port defaults to default_port. -EINVAL when it
 * is none of these.
 */
int transport_addr_parse(struct transport_addr *a, const char *s,
			 uint16_t default_port);
/* Formats a into buf (TRANSPORT_ADDRSTRLEN bytes) and returns buf. */
const char *transport_addr_fmt(const struct transport_addr *a, char *buf);

#endif /* L2TPD_TRANSPORT_H */
