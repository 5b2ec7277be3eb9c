// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>

#include "buf.h"
#include "pcap.h"

#define PCAP_MAGIC		0xa1b2c3d4u	/* microsecond timestamps */
#define LINKTYPE_RAW		101		/* the record is an IP packet */
#define IPV4_HDR_LEN		20
#define UDP_HDR_LEN		8
#define IPPROTO_UDP_NUM		17
#define PCAP_SNAPLEN		65535u

/* The file header and record headers are in the writer's byte order: the
 * magic number tells the reader which. */
static int put_native(FILE *f, const void *v, size_t n)
{
	return fwrite(v, n, 1, f) == 1 ? 0 : -EIO;
}

int pcap_begin(FILE *f)
{
	const uint32_t magic = PCAP_MAGIC, zone = 0, sigfigs = 0;
	const uint32_t snaplen = PCAP_SNAPLEN, link = LINKTYPE_RAW;
	const uint16_t major = 2, minor = 4;
	int err = put_native(f, &magic, 4);

	if (!err)
		err = put_native(f, &major, 2);
	if (!err)
		err = put_native(f, &minor, 2);
	if (!err)
		err = put_native(f, &zone, 4);
	if (!err)
		err = put_native(f, &sigfigs, 4);
	if (!err)
		err = put_native(f, &snaplen, 4);
	return err ? err : put_native(f, &link, 4);
}

/* RFC 791 header checksum: ones' complement of the ones' complement sum. */
static uint16_t ip_checksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* IPv4 (no options, DF) and UDP headers; UDP checksum 0: none (RFC 768). */
static int put_headers(struct wbuf *w, const struct pcap_ep *src,
		       const struct pcap_ep *dst, size_t len)
{
	uint16_t total = (uint16_t)(IPV4_HDR_LEN + UDP_HDR_LEN + len);
	int err = wbuf_put_u8(w, 0x45);

	if (!err)
		err = wbuf_put_u8(w, 0);
	if (!err)
		err = wbuf_put_u16(w, total);
	if (!err)
		err = wbuf_put_u32(w, 0x00004000);	/* id 0, DF */
	if (!err)
		err = wbuf_put_u16(w, 64 << 8 | IPPROTO_UDP_NUM);
	if (!err)
		err = wbuf_put_u16(w, 0);		/* checksum, patched */
	if (!err)
		err = wbuf_put_bytes(w, src->addr, 4);
	if (!err)
		err = wbuf_put_bytes(w, dst->addr, 4);
	if (!err)
		err = wbuf_patch_u16(w, 10, ip_checksum(w->data, IPV4_HDR_LEN));
	if (!err)
		err = wbuf_put_u16(w, src->port);
	if (!err)
		err = wbuf_put_u16(w, dst->port);
	if (!err)
		err = wbuf_put_u16(w, (uint16_t)(UDP_HDR_LEN + len));
	return err ? err : wbuf_put_u16(w, 0);
}

int pcap_put_udp(FILE *f, uint32_t sec, const struct pcap_ep *src,
		 const struct pcap_ep *dst, const uint8_t *payload, size_t len)
{
	uint8_t hdr[IPV4_HDR_LEN + UDP_HDR_LEN];
	uint32_t rec[4] = { sec, 0, 0, 0 };
	struct wbuf w;
	int err;

	if (len > PCAP_SNAPLEN - sizeof(hdr))
		return -EMSGSIZE;
	wbuf_init(&w, hdr, sizeof(hdr));
	if (put_headers(&w, src, dst, len))
		return -EINVAL;
	rec[2] = rec[3] = (uint32_t)(sizeof(hdr) + len);
	err = put_native(f, rec, sizeof(rec));
	if (!err)
		err = put_native(f, hdr, sizeof(hdr));
	return err || !len ? err : put_native(f, payload, len);
}
