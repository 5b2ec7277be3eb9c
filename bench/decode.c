// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * How long lib/ takes to decode and validate one control message:
 * l2tp_ctrl_decode() does the header (RFC 2661 §3.1), every AVP against
 * its descriptor (§4) and the message's table (§6), as the daemon does for
 * each datagram. Printed, not asserted; the goal is under 1 µs for a
 * typical SCCRQ and ICRQ.
 *
 *   decode [-n ITERATIONS] [FILE...]
 * FILEs are captured datagrams (t/data/xl2tpd-*.bin); without -n, 200000
 * iterations per round, best of 5 rounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "messages.h"

#define ROUNDS		5
#define PKT_MAX		4096

struct sample {
	char name[64];
	uint8_t pkt[PKT_MAX];
	size_t len;
};

static volatile uint64_t sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int encode(struct sample *s, const char *name, struct l2tp_msg *m,
		  uint64_t hide)
{
	struct wbuf w;
	int err;

	snprintf(s->name, sizeof(s->name), "%s", name);
	wbuf_init(&w, s->pkt, sizeof(s->pkt));
	err = l2tp_msg_encode(m, &w, m->type == L2TP_MSG_SCCRQ ? 0 : 0x3c4d, 0,
			      0, 0, &wire_secret, hide);
	s->len = w.len;
	return err;
}

static int load(struct sample *s, const char *path)
{
	FILE *f = fopen(path, "rb");
	const char *base = strrchr(path, '/');

	if (!f)
		return -1;
	s->len = fread(s->pkt, 1, sizeof(s->pkt), f);
	fclose(f);
	snprintf(s->name, sizeof(s->name), "%s", base ? base + 1 : path);
	return s->len ? 0 : -1;
}

/* Best and median of ROUNDS rounds, in ns per decode. */
static int run(const struct sample *s, long iters, double *best,
	       double *median)
{
	static struct l2tp_msg m;
	double t[ROUNDS], tmp;
	struct l2tp_hdr h;
	int i, j, err;
	long k;

	err = l2tp_ctrl_decode(&h, &m, s->pkt, s->len, &wire_secret, NULL);
	if (err)
		return err;
	for (i = 0; i < ROUNDS; i++) {
		double start = now_ns();

		for (k = 0; k < iters; k++) {
			l2tp_ctrl_decode(&h, &m, s->pkt, s->len, &wire_secret,
					 NULL);
			sink += m.present;
		}
		t[i] = (now_ns() - start) / (double)iters;
	}
	for (i = 1; i < ROUNDS; i++)
		for (j = i; j > 0 && t[j] < t[j - 1]; j--) {
			tmp = t[j];
			t[j] = t[j - 1];
			t[j - 1] = tmp;
		}
	*best = t[0];
	*median = t[ROUNDS / 2];
	return 0;
}

/* The built-in set: xl2tpd's SCCRQ and ICRQ, and an ICRQ with every AVP
 * it may carry hidden, which shows the cost of MD5 (§4.3). */
static int builtin(struct sample *s)
{
	static const struct wire_frame icrq = { L2TP_MSG_ICRQ, true, 0x3c4d, 0 };
	static struct l2tp_msg m;
	int err;

	wire_msg_typical(&m, L2TP_MSG_SCCRQ);
	err = encode(&s[0], "SCCRQ, xl2tpd's AVPs", &m, 0);
	wire_msg_typical(&m, L2TP_MSG_ICRQ);
	if (!err)
		err = encode(&s[1], "ICRQ, xl2tpd's AVPs", &m, 0);
	wire_msg_full(&m, &icrq);
	if (!err)
		err = encode(&s[2], "ICRQ, every AVP, hidden", &m, ~UINT64_C(0));
	return err;
}

int main(int argc, char **argv)
{
	static struct sample s[3 + 16];
	long iters = 200000;
	double best, median;
	int c, i, n = 3, err;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n' || (iters = atol(optarg)) <= 0) {
			fprintf(stderr, "usage: decode [-n ITERATIONS] [FILE...]\n");
			return 2;
		}
	}
	err = builtin(s);
	for (i = optind; !err && i < argc && n < (int)(sizeof(s) / sizeof(s[0])); i++)
		if (load(&s[n++], argv[i])) {
			fprintf(stderr, "decode: %s: cannot read\n", argv[i]);
			return 1;
		}
	if (err) {
		fprintf(stderr, "decode: encode: %s\n", l2tp_strerror(err));
		return 1;
	}
	printf("bench/decode: l2tp_ctrl_decode, best and median of %d rounds of %ld (goal < 1000 ns)\n",
	       ROUNDS, iters);
	for (i = 0; i < n; i++) {
		err = run(&s[i], iters, &best, &median);
		if (err) {
			fprintf(stderr, "decode: %s: %s\n", s[i].name,
				l2tp_strerror(err));
			return 1;
		}
		printf("  %-36s %4zu bytes %8.0f ns/op %8.0f median\n",
		       s[i].name, s[i].len, best, median);
	}
	return 0;
}
