// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Addresses as the engine keys tunnels by them (protocol-notes.md: several
 * clients behind one NAT share an address, so the port always counts
 * where a peer is identified).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "htab.h"
#include "transport.h"

bool transport_addr_eq_host(const struct transport_addr *a,
			    const struct transport_addr *b)
{
	if (a->u.sa.sa_family != b->u.sa.sa_family)
		return false;
	if (a->u.sa.sa_family == AF_INET)
		return a->u.sin.sin_addr.s_addr == b->u.sin.sin_addr.s_addr;
	if (a->u.sa.sa_family == AF_INET6)
		return !memcmp(&a->u.sin6.sin6_addr, &b->u.sin6.sin6_addr,
			       sizeof(a->u.sin6.sin6_addr)) &&
		       a->u.sin6.sin6_scope_id == b->u.sin6.sin6_scope_id;
	return true;
}

bool transport_addr_eq(const struct transport_addr *a,
		       const struct transport_addr *b)
{
	return transport_addr_eq_host(a, b) &&
	       transport_addr_port(a) == transport_addr_port(b);
}

uint16_t transport_addr_port(const struct transport_addr *a)
{
	if (a->u.sa.sa_family == AF_INET)
		return ntohs(a->u.sin.sin_port);
	if (a->u.sa.sa_family == AF_INET6)
		return ntohs(a->u.sin6.sin6_port);
	return 0;
}

void transport_addr_set_port(struct transport_addr *a, uint16_t port)
{
	if (a->u.sa.sa_family == AF_INET)
		a->u.sin.sin_port = htons(port);
	else if (a->u.sa.sa_family == AF_INET6)
		a->u.sin6.sin6_port = htons(port);
}

uint32_t transport_addr_hash(const struct transport_addr *a, bool with_port)
{
	uint8_t key[2 + 16 + 4 + 2];
	size_t n = 0;
	uint16_t port = transport_addr_port(a);

	/* Only the fields that identify the peer: no padding, no flowinfo. */
	memcpy(key, &a->u.sa.sa_family, 2);
	n = 2;
	if (a->u.sa.sa_family == AF_INET) {
		memcpy(key + n, &a->u.sin.sin_addr, 4);
		n += 4;
	} else if (a->u.sa.sa_family == AF_INET6) {
		memcpy(key + n, &a->u.sin6.sin6_addr, 16);
		memcpy(key + n + 16, &a->u.sin6.sin6_scope_id, 4);
		n += 20;
	}
	if (with_port) {
		memcpy(key + n, &port, 2);
		n += 2;
	}
	return htab_hash_bytes(key, n);
}

int transport_addr_from(struct transport_addr *a, const struct sockaddr *sa,
			socklen_t len)
{
	memset(a, 0, sizeof(*a));
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in))
		a->len = sizeof(struct sockaddr_in);
	else if (sa->sa_family == AF_INET6 &&
		 len >= sizeof(struct sockaddr_in6))
		a->len = sizeof(struct sockaddr_in6);
	else
		return -EAFNOSUPPORT;
	memcpy(&a->u, sa, a->len);
	return 0;
}

/* The host part of s into host (without brackets) and the port, if any. */
static int addr_split(const char *s, char *host, size_t cap, const char **port)
{
	const char *end, *colon = strrchr(s, ':');
	size_t n;

	*port = NULL;
	if (s[0] == '[') {
		end = strchr(s, ']');
		if (!end || (end[1] && end[1] != ':'))
			return -EINVAL;
		if (end[1])
			*port = end + 2;
		s++;
		n = (size_t)(end - s);
	} else if (colon && strchr(s, ':') == colon) {
		/* One colon: IPv4 with a port. More: a bare IPv6 address. */
		*port = colon + 1;
		n = (size_t)(colon - s);
	} else {
		n = strlen(s);
	}
	if (n == 0 || n >= cap)
		return -EINVAL;
	memcpy(host, s, n);
	host[n] = '\0';
	return 0;
}

int transport_addr_parse(struct transport_addr *a, const char *s,
			 uint16_t default_port)
{
	char host[INET6_ADDRSTRLEN], *end;
	const char *port_s;
	unsigned long port = default_port;

	if (addr_split(s, host, sizeof(host), &port_s))
		return -EINVAL;
	if (port_s) {
		errno = 0;
		port = strtoul(port_s, &end, 10);
		if (!*port_s || *end || errno || port > UINT16_MAX)
			return -EINVAL;
	}
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, host, &a->u.sin.sin_addr) == 1) {
		a->u.sin.sin_family = AF_INET;
		a->len = sizeof(a->u.sin);
	} else if (inet_pton(AF_INET6, host, &a->u.sin6.sin6_addr) == 1) {
		a->u.sin6.sin6_family = AF_INET6;
		a->len = sizeof(a->u.sin6);
	} else {
		return -EINVAL;
	}
	transport_addr_set_port(a, (uint16_t)port);
	return 0;
}

const char *transport_addr_fmt(const struct transport_addr *a, char *buf)
{
	char host[INET6_ADDRSTRLEN];

	if (a->u.sa.sa_family == AF_INET) {
		inet_ntop(AF_INET, &a->u.sin.sin_addr, host, sizeof(host));
		snprintf(buf, TRANSPORT_ADDRSTRLEN, "%s:%u", host,
			 transport_addr_port(a));
	} else if (a->u.sa.sa_family == AF_INET6) {
		inet_ntop(AF_INET6, &a->u.sin6.sin6_addr, host, sizeof(host));
		snprintf(buf, TRANSPORT_ADDRSTRLEN, "[%s]:%u", host,
			 transport_addr_port(a));
	} else {
		snprintf(buf, TRANSPORT_ADDRSTRLEN, "-");
	}
	return buf;
}
