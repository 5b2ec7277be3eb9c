// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writes one control message of every type (RFC 2661 §3.2) with every AVP
 * it may carry (§6), first in clear, then again with every AVP that may be
 * hidden hidden (§4.3), plus a ZLB:
 *   - as a pcap for tshark to dissect (t/wire/check-tshark.py),
 *   - with a list of what each frame holds, for the same script:
 *       msg FRAME TYPE TID SID NS NR
 *       avp FRAME TYPE M H VALUE...   (strings and octets in hex, - if empty)
 *   - as fuzzer seeds (fuzz/fuzz.h modes), one file per seed.
 * Each message is decoded again before it is written: what tshark is asked
 * to confirm is also what our own decoder reads back.
 *
 *   wire-gen [-p PCAP] [-e EXPECT] [-s SEEDDIR]
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fuzz.h"
#include "messages.h"
#include "pcap.h"

#define RV	L2TP_AVP_BIT(L2TP_AVP_RANDOM_VECTOR)

struct gen {
	FILE *pcap;
	FILE *expect;
	const char *seeds;
	unsigned int frame;	/* pcap frame number, from 1 */
	uint16_t ns[2];		/* next Ns of the LNS [0] and of the LAC [1] */
};

/* One encoded message and what it was made from. */
struct out {
	const struct wire_frame *f;
	const struct l2tp_msg *m;
	uint64_t hide;
	uint16_t ns, nr;
	uint8_t pkt[8192];
	size_t len;
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("wire-gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void put_hex(FILE *f, const struct l2tp_bytes *b)
{
	uint16_t i;

	fputc(' ', f);
	if (!b->len)
		fputc('-', f);
	for (i = 0; i < b->len; i++)
		fprintf(f, "%02x", b->ptr[i]);
}

static void put_compound(FILE *f, uint8_t kind, const void *v)
{
	const struct l2tp_result *r = v;
	const struct l2tp_q931 *q = v;
	const struct l2tp_call_errors *ce = v;
	const struct l2tp_accm *a = v;
	const struct l2tp_ppp_disc *pd = v;
	const struct l2tp_proto_ver *pv = v;

	switch (kind) {
	case L2TP_AVP_KIND_VERSION:
		fprintf(f, " %u %u", pv->ver, pv->rev);
		break;
	case L2TP_AVP_KIND_RESULT:
		fprintf(f, " %u", r->result);
		if (r->has_error) {
			fprintf(f, " %u", r->error);
			put_hex(f, &r->message);
		}
		break;
	case L2TP_AVP_KIND_Q931:
		fprintf(f, " %u %u", q->cause, q->msg);
		put_hex(f, &q->advisory);
		break;
	case L2TP_AVP_KIND_CALL_ERRORS:
		fprintf(f, " %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32
			" %" PRIu32 " %" PRIu32, ce->crc, ce->framing,
			ce->hw_overruns, ce->buf_overruns, ce->timeouts,
			ce->alignment);
		break;
	case L2TP_AVP_KIND_ACCM:
		fprintf(f, " %" PRIu32 " %" PRIu32, a->send, a->recv);
		break;
	case L2TP_AVP_KIND_PPP_DISC:
		fprintf(f, " %u %u %u", pd->code, pd->proto, pd->direction);
		put_hex(f, &pd->message);
		break;
	}
}

static void put_value(FILE *f, const struct l2tp_avp_desc *d, const void *v)
{
	switch (d->kind) {
	case L2TP_AVP_KIND_EMPTY:
		break;
	case L2TP_AVP_KIND_U16:
		fprintf(f, " %u", *(const uint16_t *)v);
		break;
	case L2TP_AVP_KIND_U32:
	case L2TP_AVP_KIND_BITMAP:
		fprintf(f, " %" PRIu32, *(const uint32_t *)v);
		break;
	case L2TP_AVP_KIND_U64:
		fprintf(f, " %" PRIu64, *(const uint64_t *)v);
		break;
	case L2TP_AVP_KIND_STRING:
	case L2TP_AVP_KIND_BINARY:
		put_hex(f, v);
		break;
	default:
		put_compound(f, d->kind, v);
		break;
	}
}

static void expect_avp(FILE *f, unsigned int frame, const struct out *o,
		       uint16_t t)
{
	const struct l2tp_avp_desc *d = l2tp_avp_desc(0, t);

	fprintf(f, "avp %u %u %d %d", frame, t, !!(d->flags & L2TP_AVPF_M),
		!!(o->hide & L2TP_AVP_BIT(t)));
	put_value(f, d, (const uint8_t *)o->m + d->off);
	fputc('\n', f);
}

/* In the order l2tp_msg_encode() writes them: Message Type, Random
 * Vector, then by type; the script does not depend on the order. */
static void expect_msg(FILE *f, unsigned int frame, const struct out *o)
{
	uint64_t avps = o->m->present;
	unsigned int t;

	fprintf(f, "msg %u %u %u %u %u %u\n", frame, o->m->type, o->f->tid,
		o->f->sid, o->ns, o->nr);
	if (avps & L2TP_AVP_BIT(L2TP_AVP_MESSAGE_TYPE))
		expect_avp(f, frame, o, L2TP_AVP_MESSAGE_TYPE);
	if (avps & RV)
		expect_avp(f, frame, o, L2TP_AVP_RANDOM_VECTOR);
	avps &= ~(RV | L2TP_AVP_BIT(L2TP_AVP_MESSAGE_TYPE));
	for (t = 0; t <= L2TP_AVP_TYPE_MAX; t++)
		if (avps & L2TP_AVP_BIT(t))
			expect_avp(f, frame, o, (uint16_t)t);
}

static void write_seed(const struct gen *g, const char *name, uint8_t mode,
		       const uint8_t *a, size_t alen,
		       const uint8_t *b, size_t blen)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%02u-%s", g->seeds, g->frame, name);
	f = fopen(path, "wb");
	if (!f || fwrite(&mode, 1, 1, f) != 1 ||
	    (alen && fwrite(a, alen, 1, f) != 1) ||
	    (blen && fwrite(b, blen, 1, f) != 1) || fclose(f))
		die("%s: cannot write", path);
}

/* Seeds for every mode: the datagram, its AVPs, each hidden value. */
static void write_seeds(const struct gen *g, const struct out *o)
{
	const uint8_t *avps = o->pkt + L2TP_CTRL_HDR_LEN;
	size_t n = o->len - L2TP_CTRL_HDR_LEN;
	const struct l2tp_bytes *rv = &o->m->random_vector;
	struct l2tp_avp_hdr a;
	struct rbuf r, val;
	char name[64];

	write_seed(g, "ctrl", FUZZ_MODE_CTRL, o->pkt, o->len, NULL, 0);
	write_seed(g, "payload", FUZZ_MODE_PAYLOAD, avps, n, NULL, 0);
	write_seed(g, "avps", FUZZ_MODE_AVPS, avps, n, NULL, 0);
	rbuf_init(&r, avps, n);
	while (rbuf_left(&r) && !l2tp_avp_hdr_get(&r, &a, &val)) {
		uint8_t head[3] = { (uint8_t)(a.type >> 8), (uint8_t)a.type,
				    (uint8_t)rv->len };
		uint8_t sub[3 + 255 + L2TP_AVP_MAX_VALUE];

		if (!a.hidden)
			continue;
		memcpy(sub, head, 3);
		memcpy(sub + 3, rv->ptr, rv->len);
		snprintf(name, sizeof(name), "hidden-%u", a.type);
		write_seed(g, name, FUZZ_MODE_HIDDEN, sub, 3u + rv->len,
			   val.data, val.len);
	}
}

/* Our own decoder must read back exactly what was meant. */
static void self_check(const struct out *o)
{
	static struct l2tp_msg dec;
	const char *name = l2tp_msg_name(o->m->type);
	struct l2tp_decode_err de;
	struct l2tp_hdr h;
	int err, t;

	err = l2tp_ctrl_decode(&h, &dec, o->pkt, o->len, &wire_secret, &de);
	if (err)
		die("%s: decode: %s (AVP %u)", name, l2tp_strerror(err),
		    de.avp_type);
	if (dec.type != o->m->type || dec.present != o->m->present ||
	    dec.hidden != o->hide || h.tunnel_id != o->f->tid ||
	    h.session_id != o->f->sid || h.ns != o->ns || h.nr != o->nr)
		die("%s: decoded header or AVP set differs", name);
	t = wire_msg_diff(o->m, &dec, o->m->present);
	if (t >= 0)
		die("%s: %s decodes to another value", name,
		    l2tp_avp_name(0, (uint16_t)t));
}

static void emit(struct gen *g, const struct wire_frame *f, bool hidden)
{
	static const struct pcap_ep lac = { { 192, 0, 2, 1 }, L2TP_PORT };
	static const struct pcap_ep lns = { { 198, 51, 100, 2 }, L2TP_PORT };
	static struct l2tp_msg m;
	static struct out o;
	uint8_t rv[16];
	struct wbuf w;
	unsigned int i;
	int err;

	wire_msg_full(&m, f);
	o = (struct out){ .f = f, .m = &m };
	if (hidden) {
		o.hide = l2tp_avp_hideable_mask() & m.present;
		if (!o.hide)
			return;
		for (i = 0; i < sizeof(rv); i++)
			rv[i] = (uint8_t)(0xa5 ^ (g->frame * 16 + i));
		m.random_vector.ptr = rv;
		m.random_vector.len = sizeof(rv);
		l2tp_msg_set(&m, L2TP_AVP_RANDOM_VECTOR);
	}
	/* §5.8: a ZLB carries the next Ns without consuming it. */
	o.ns = f->type == L2TP_MSG_ZLB ? g->ns[f->from_lac] :
					 g->ns[f->from_lac]++;
	o.nr = g->ns[!f->from_lac];
	wbuf_init(&w, o.pkt, sizeof(o.pkt));
	err = l2tp_msg_encode(&m, &w, f->tid, f->sid, o.ns, o.nr, &wire_secret,
			      o.hide);
	if (err)
		die("%s: encode: %s", l2tp_msg_name(f->type), l2tp_strerror(err));
	o.len = w.len;
	self_check(&o);
	if (g->pcap &&
	    pcap_put_udp(g->pcap, 1700000000u + g->frame,
			 f->from_lac ? &lac : &lns, f->from_lac ? &lns : &lac,
			 o.pkt, o.len))
		die("cannot write the pcap");
	if (g->expect)
		expect_msg(g->expect, g->frame, &o);
	if (g->seeds)
		write_seeds(g, &o);
	g->frame++;
}

/*
 * A seed no realistic message and no 4 KiB input reaches: an ICCN whose
 * hidden values (§4.3) overflow the decoder's scratch area
 * (L2TP_MSG_SCRATCH), which the decoder must refuse, not overrun.
 */
static void emit_scratch_overflow(struct gen *g)
{
	static const struct wire_frame f = { L2TP_MSG_ICCN, true, 0x3c4d, 0x7a8b };
	static const uint16_t big[] = {
		L2TP_AVP_INITIAL_RECV_LCP_CONFREQ, L2TP_AVP_LAST_SENT_LCP_CONFREQ,
		L2TP_AVP_LAST_RECV_LCP_CONFREQ, L2TP_AVP_PROXY_AUTHEN_CHALLENGE,
		L2TP_AVP_PROXY_AUTHEN_RESPONSE,
	};
	static uint8_t value[1000], pkt[8192];
	static struct l2tp_msg m, dec;
	struct l2tp_hdr h;
	struct wbuf w;
	size_t i;
	int err;

	wire_msg_full(&m, &f);
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		const struct l2tp_avp_desc *d = l2tp_avp_desc(0, big[i]);

		*(struct l2tp_bytes *)((uint8_t *)&m + d->off) =
			(struct l2tp_bytes){ value, sizeof(value) };
	}
	wbuf_init(&w, pkt, sizeof(pkt));
	err = l2tp_msg_encode(&m, &w, f.tid, f.sid, 0, 0, &wire_secret,
			      ~UINT64_C(0));
	if (err)
		die("ICCN, scratch overflow: encode: %s", l2tp_strerror(err));
	err = l2tp_ctrl_decode(&h, &dec, pkt, w.len, &wire_secret, NULL);
	if (err != -L2TP_E_HIDDEN_SPACE)
		die("ICCN, scratch overflow: decode: %s", l2tp_strerror(err));
	write_seed(g, "scratch-overflow", FUZZ_MODE_CTRL, pkt, w.len, NULL, 0);
}

static FILE *open_out(const char *path)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		die("%s: cannot create", path);
	return f;
}

static void close_out(FILE *f, const char *path)
{
	if (f && fclose(f))
		die("%s: cannot write", path);
}

int main(int argc, char **argv)
{
	const char *pcap = NULL, *expect = NULL;
	struct gen g = { .frame = 1 };
	size_t i;
	int c;

	while ((c = getopt(argc, argv, "p:e:s:")) != -1) {
		switch (c) {
		case 'p': pcap = optarg; break;
		case 'e': expect = optarg; break;
		case 's': g.seeds = optarg; break;
		default:
			fprintf(stderr, "usage: wire-gen [-p PCAP] [-e EXPECT] [-s SEEDDIR]\n");
			return 2;
		}
	}
	g.pcap = pcap ? open_out(pcap) : NULL;
	g.expect = expect ? open_out(expect) : NULL;
	if (g.pcap && pcap_begin(g.pcap))
		die("%s: cannot write", pcap);
	for (i = 0; i < wire_n_frames; i++)
		emit(&g, &wire_frames[i], false);
	for (i = 0; i < wire_n_frames; i++)
		emit(&g, &wire_frames[i], true);
	if (g.seeds)
		emit_scratch_overflow(&g);
	close_out(g.pcap, pcap);
	close_out(g.expect, expect);
	printf("wire-gen: %u messages\n", g.frame - 1);
	return 0;
}
