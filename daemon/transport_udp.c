// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine.h"
#include "transport_udp.h"

/* Datagrams read per wake-up: a burst is taken, a flood cannot starve. */
#define UDP_READ_BATCH	64
/*
 * A listener's receive buffer, asked for (Linux doubles it). The default
 * (net.core.rmem_default, 208 KiB) held 256 of a burst of 1,000
 * SCCRQ-sized datagrams on loopback (test_udp_listener_burst); the rest
 * wait for their peers' retransmission, a second or more. The VM
 * benchmark's storm of 1,000 clients lost 338 datagrams to full buffers.
 */
#define UDP_LISTEN_RCVBUF	(2 << 20)

struct udp_listener {
	LIST_ENTRY(udp_listener) link;
	struct udp_transport *tp;
	struct loop_watch *w;
	struct transport_addr addr;
	int fd;
};

struct transport_sock {
	struct udp_transport *tp;
	struct tunnel *owner;
	struct loop_watch *w;
	struct transport_addr local;
	struct transport_addr peer;
	int fd;
	bool connected;
};

struct udp_transport {
	struct transport base;
	struct loop *loop;
	bool ephemeral;
	LIST_HEAD(, udp_listener) listeners;
	uint8_t buf[65536];
};

static struct udp_transport *udp_of(struct transport *tp)
{
	return (struct udp_transport *)tp;
}

static int udp_setopt(int fd, int level, int name)
{
	int one = 1;

	return setsockopt(fd, level, name, &one, sizeof(one)) ? -errno : 0;
}

/*
 * A non-blocking, close-on-exec UDP socket for family. reuse: for the
 * listener and every server tunnel's socket on its port, which they share
 * (SO_REUSEADDR). Never for an ephemeral port (0): Linux then counts a
 * port held by other SO_REUSEADDR sockets as free and may hand it out
 * again, and two clients' tunnels to one server on one port get each
 * other's packets (in a storm of 1,000 client tunnels, some 25 did).
 */
static int udp_socket(int family, bool reuse)
{
	int fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (reuse)
		err = udp_setopt(fd, SOL_SOCKET, SO_REUSEADDR);
	/* An IPv6 socket is for IPv6: IPv4 has sockets of its own. */
	if (!err && family == AF_INET6)
		err = udp_setopt(fd, IPPROTO_IPV6, IPV6_V6ONLY);
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

/*
 * Room for a storm in a listener's buffer: SO_RCVBUFFORCE past
 * net.core.rmem_max with CAP_NET_ADMIN (which l2tpd has for the kernel's
 * tunnels), else SO_RCVBUF up to rmem_max. Neither failing is fatal: the
 * peers retransmit what a full buffer drops.
 */
static void udp_listen_rcvbuf(int fd)
{
	int size = UDP_LISTEN_RCVBUF;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size,
				 sizeof(size));
}

static int udp_bound(int fd, struct transport_addr *out)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len))
		return -errno;
	return transport_addr_from(out, (struct sockaddr *)&ss, len);
}

/* The address a listener's datagram was sent to (IP_PKTINFO). */
static void udp_pktinfo(const struct udp_listener *l, struct msghdr *mh,
			struct transport_addr *to)
{
	struct cmsghdr *c;

	*to = l->addr;
	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
			struct in_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			to->u.sin.sin_addr = pi.ipi_addr;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
			   c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			to->u.sin6.sin6_addr = pi.ipi6_addr;
			if (IN6_IS_ADDR_LINKLOCAL(&pi.ipi6_addr))
				to->u.sin6.sin6_scope_id = pi.ipi6_ifindex;
		}
	}
}

static void udp_listener_read(int fd, unsigned int events, void *arg)
{
	struct udp_listener *l = arg;
	struct udp_transport *tp = l->tp;
	union {
		struct cmsghdr align;
		uint8_t buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} cbuf;
	struct transport_addr from, to;
	struct sockaddr_storage ss;
	struct iovec iov;
	struct msghdr mh;
	ssize_t n;
	int i;

	for (i = 0; i < UDP_READ_BATCH; i++) {
		iov.iov_base = tp->buf;
		iov.iov_len = sizeof(tp->buf);
		memset(&mh, 0, sizeof(mh));
		mh.msg_name = &ss;
		mh.msg_namelen = sizeof(ss);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf.buf;
		mh.msg_controllen = sizeof(cbuf.buf);
		n = recvmsg(fd, &mh, 0);
		if (n < 0)
			return;
		if (transport_addr_from(&from, (struct sockaddr *)&ss,
					mh.msg_namelen))
			continue;
		udp_pktinfo(l, &mh, &to);
		engine_input(tp->base.eng, &to, &from, tp->buf, (size_t)n);
	}
}

static void udp_sock_read(int fd, unsigned int events, void *arg)
{
	struct transport_sock *s = arg;
	struct udp_transport *tp = s->tp;
	struct transport_addr from;
	struct sockaddr_storage ss;
	socklen_t len;
	ssize_t n;
	int i;

	/* The tunnel is freed from its timer only: s outlives this loop. */
	for (i = 0; i < UDP_READ_BATCH; i++) {
		len = sizeof(ss);
		n = recvfrom(fd, tp->buf, sizeof(tp->buf), 0,
			     (struct sockaddr *)&ss, &len);
		if (n < 0)
			return;
		if (!transport_addr_from(&from, (struct sockaddr *)&ss, len))
			engine_tunnel_input(tp->base.eng, s->owner, &from,
					    tp->buf, (size_t)n);
	}
}

int transport_udp_listen(struct transport *base,
			 const struct transport_addr *addr,
			 struct transport_addr *bound)
{
	struct udp_transport *tp = udp_of(base);
	int family = addr->u.sa.sa_family, err;
	struct udp_listener *l = calloc(1, sizeof(*l));

	if (!l)
		return -ENOMEM;
	l->tp = tp;
	l->fd = udp_socket(family, true);
	err = l->fd < 0 ? l->fd : 0;
	if (!err)
		udp_listen_rcvbuf(l->fd);
	if (!err)
		err = family == AF_INET ?
		      udp_setopt(l->fd, IPPROTO_IP, IP_PKTINFO) :
		      udp_setopt(l->fd, IPPROTO_IPV6, IPV6_RECVPKTINFO);
	if (!err && bind(l->fd, &addr->u.sa, addr->len))
		err = -errno;
	if (!err)
		err = udp_bound(l->fd, &l->addr);
	if (!err)
		err = loop_watch_fd(tp->loop, l->fd, LOOP_READ,
				    udp_listener_read, l, &l->w);
	if (err) {
		if (l->fd >= 0)
			close(l->fd);
		free(l);
		return err;
	}
	LIST_INSERT_HEAD(&tp->listeners, l, link);
	if (bound)
		*bound = l->addr;
	return 0;
}

static struct udp_listener *udp_listener_find(struct udp_transport *tp,
					      const struct transport_addr *addr)
{
	struct udp_listener *l;

	LIST_FOREACH(l, &tp->listeners, link)
		if (transport_addr_eq(&l->addr, addr))
			return l;
	return NULL;
}

bool transport_udp_listening(struct transport *base,
			     const struct transport_addr *addr)
{
	return udp_listener_find(udp_of(base), addr) != NULL;
}

int transport_udp_unlisten(struct transport *base,
			   const struct transport_addr *addr)
{
	struct udp_listener *l = udp_listener_find(udp_of(base), addr);

	if (!l)
		return -ENOENT;
	LIST_REMOVE(l, link);
	loop_watch_free(l->w);
	close(l->fd);
	free(l);
	return 0;
}

/* Where s is bound: local as given, or any port of it, or any address. */
static void udp_sock_addr(struct udp_transport *tp, struct transport_sock *s,
			  const struct transport_addr *local,
			  struct transport_addr *any)
{
	memset(any, 0, sizeof(*any));
	if (local->len && local->u.sa.sa_family == s->peer.u.sa.sa_family) {
		*any = *local;
		if (tp->ephemeral)
			transport_addr_set_port(any, 0);
	} else {
		any->u.sa.sa_family = s->peer.u.sa.sa_family;
		any->len = s->peer.len;
	}
}

static int udp_open(struct transport *base, const struct transport_addr *local,
		    const struct transport_addr *peer, bool connect_now,
		    struct tunnel *owner, struct transport_sock **sp)
{
	struct udp_transport *tp = udp_of(base);
	struct transport_sock *s = calloc(1, sizeof(*s));
	struct transport_addr any;
	int err;

	if (!s)
		return -ENOMEM;
	s->tp = tp;
	s->owner = owner;
	s->peer = *peer;
	udp_sock_addr(tp, s, local, &any);
	s->fd = udp_socket(any.u.sa.sa_family, transport_addr_port(&any) != 0);
	err = s->fd < 0 ? s->fd : 0;
	if (!err && bind(s->fd, &any.u.sa, any.len))
		err = -errno;
	if (!err)
		err = udp_bound(s->fd, &s->local);
	if (!err && connect_now) {
		if (connect(s->fd, &peer->u.sa, peer->len))
			err = -errno;
		s->connected = !err;
	}
	if (!err)
		err = loop_watch_fd(tp->loop, s->fd, LOOP_READ, udp_sock_read,
				    s, &s->w);
	if (err) {
		if (s->fd >= 0)
			close(s->fd);
		free(s);
		return err;
	}
	*sp = s;
	return 0;
}

static int udp_connect(struct transport_sock *s,
		       const struct transport_addr *peer)
{
	if (connect(s->fd, &peer->u.sa, peer->len))
		return -errno;
	s->peer = *peer;
	s->connected = true;
	return 0;
}

static int udp_send(struct transport_sock *s, const void *pkt, size_t len)
{
	ssize_t n = s->connected ? send(s->fd, pkt, len, 0) :
			sendto(s->fd, pkt, len, 0, &s->peer.u.sa, s->peer.len);

	return n < 0 ? -errno : 0;
}

static int udp_reply(struct transport *base, const struct transport_addr *local,
		     const struct transport_addr *peer, const void *pkt,
		     size_t len)
{
	struct udp_transport *tp = udp_of(base);
	struct udp_listener *l;

	LIST_FOREACH(l, &tp->listeners, link) {
		if (l->addr.u.sa.sa_family != peer->u.sa.sa_family ||
		    transport_addr_port(&l->addr) != transport_addr_port(local))
			continue;
		if (sendto(l->fd, pkt, len, 0, &peer->u.sa, peer->len) < 0)
			return -errno;
		return 0;
	}
	return -ENOENT;
}

static void udp_local_addr(const struct transport_sock *s,
			   struct transport_addr *out)
{
	*out = s->local;
}

static int udp_fd(const struct transport_sock *s)
{
	return s->fd;
}

static void udp_close(struct transport_sock *s)
{
	loop_watch_free(s->w);
	close(s->fd);
	free(s);
}

static const struct transport_ops udp_ops = {
	.open = udp_open,
	.connect = udp_connect,
	.send = udp_send,
	.reply = udp_reply,
	.local_addr = udp_local_addr,
	.fd = udp_fd,
	.close = udp_close,
};

struct transport *transport_udp_new(struct loop *loop, bool ephemeral)
{
	struct udp_transport *tp = calloc(1, sizeof(*tp));

	if (!tp)
		return NULL;
	tp->base.ops = &udp_ops;
	tp->loop = loop;
	tp->ephemeral = ephemeral;
	LIST_INIT(&tp->listeners);
	return &tp->base;
}

void transport_udp_free(struct transport *base)
{
	struct udp_transport *tp;
	struct udp_listener *l;

	if (!base)
		return;
	tp = udp_of(base);
	while ((l = LIST_FIRST(&tp->listeners))) {
		LIST_REMOVE(l, link);
		loop_watch_free(l->w);
		close(l->fd);
		free(l);
	}
	free(tp);
}
