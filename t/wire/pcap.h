/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The smallest pcap writer that tshark reads: the classic file format
 * (link type RAW, i.e. bare IPv4), one IPv4/UDP datagram per record.
 */
#ifndef T_WIRE_PCAP_H
#define T_WIRE_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One end of a UDP flow; addr in network order, as written on the wire. */
struct pcap_ep {
	uint8_t addr[4];
	uint16_t port;
};

/* Writes the file header. Returns 0 or -errno. */
int pcap_begin(FILE *f);

/* Writes one record: IPv4 and UDP headers around payload. */
int pcap_put_udp(FILE *f, uint32_t sec, const struct pcap_ep *src,
		 const struct pcap_ep *dst, const uint8_t *payload, size_t len);

#endif /* T_WIRE_PCAP_H */
