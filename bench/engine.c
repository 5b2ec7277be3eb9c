// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench/engine: how fast the control engine sets up tunnels and calls,
 * and how much memory it keeps for them. A client and a server engine
 * run in this one process on one core, joined by the simulated link of
 * the unit tests (no loss, no delay) on the simulated clock, with the
 * null data plane: what is measured is the engine, its channel, the
 * codec and the link's bookkeeping, not a network.
 *
 *   tunnel+session setups/s: batches of tunnels opened with one call
 *     each, from the first SCCRQ until both sides have the call up;
 *   session setups/s: calls placed on already established tunnels;
 *   memory: malloc'd bytes (mallinfo2) for 1024 idle tunnels and 16
 *     calls on each, per side (one engine), timers, channel and socket
 *     included.
 *
 * Results are printed, not asserted. --smoke runs a few of each, for
 * `make check-unit`.
 */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "simlink.h"
#include "simloop.h"
#include "test_engine.h"

struct side {
	unsigned long tunnels_up, tunnels_down;
	unsigned long sessions_up, sessions_down;
};

struct bench {
	struct loop *loop;
	struct simlink *link;
	struct simhost *ch, *sh;
	struct engine *client, *server;
	struct side cs, ss;
	struct engine_tunnel_params params;
};

static void b_tunnel_up(void *arg, struct tunnel *t)
{
	((struct side *)arg)->tunnels_up++;
}

static void b_tunnel_down(void *arg, struct tunnel *t,
			  const struct engine_result *why)
{
	((struct side *)arg)->tunnels_down++;
}

static void b_session_up(void *arg, struct session *s)
{
	((struct side *)arg)->sessions_up++;
}

static void b_session_down(void *arg, struct session *s,
			   const struct engine_result *why)
{
	((struct side *)arg)->sessions_down++;
}

static const struct engine_ops bench_ops = {
	.tunnel_up = b_tunnel_up,
	.tunnel_down = b_tunnel_down,
	.session_up = b_session_up,
	.session_down = b_session_down,
};

static struct engine *bench_engine(struct bench *b, struct simhost *h,
				   const char *name, struct side *side)
{
	struct engine_cfg cfg;
	struct engine *eng;

	engine_cfg_default(&cfg);
	cfg.host_name = name;
	/* Benchmarks open tunnels faster than any one source would. */
	cfg.sccrq_rate = 0;
	cfg.max_half_open = 0;
	eng = engine_new(b->loop, &cfg, simhost_transport(h),
			 &dataplane_null_ops, NULL, &bench_ops, side);
	if (!eng) {
		perror("engine_new");
		exit(EXIT_FAILURE);
	}
	return eng;
}

static void bench_init(struct bench *b)
{
	struct simlink_cfg lc = { .seed = 1 };

	memset(b, 0, sizeof(*b));
	b->loop = simloop_new(1000000);
	b->link = simlink_new(b->loop, &lc);
	b->ch = simhost_new(b->link, 0, false);
	b->sh = simhost_new(b->link, 1, true);
	simhost_listen(b->sh, L2TP_PORT);
	simhost_attach(b->ch, 0);
	simhost_attach(b->sh, 0);
	b->client = bench_engine(b, b->ch, "client", &b->cs);
	b->server = bench_engine(b, b->sh, "server", &b->ss);
	b->params.peer = *simhost_addr(b->sh);
	transport_addr_set_port(&b->params.peer, L2TP_PORT);
	b->params.p.keepalive_s = ENGINE_KEEPALIVE_CLIENT_S;
}

static void bench_free(struct bench *b)
{
	engine_free(b->client);
	engine_free(b->server);
	simlink_free(b->link);
	simhost_free(b->ch);
	simhost_free(b->sh);
	loop_free(b->loop);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs the simulated clock until both sides count n calls up. */
static void run_until_up(struct bench *b, unsigned long n)
{
	unsigned long ms;

	for (ms = 0; b->cs.sessions_up < n || b->ss.sessions_up < n; ms++) {
		if (ms > 600000) {
			fprintf(stderr, "engine: calls did not come up\n");
			exit(EXIT_FAILURE);
		}
		simloop_advance(b->loop, 1);
	}
}

static struct tunnel *bench_open(struct bench *b, unsigned int calls)
{
	struct engine_call c = { 0 };
	struct tunnel *t = engine_tunnel_open(b->client, &b->params);

	if (!t) {
		perror("engine_tunnel_open");
		exit(EXIT_FAILURE);
	}
	while (calls--)
		if (!engine_call_incoming(t, &c)) {
			perror("engine_call_incoming");
			exit(EXIT_FAILURE);
		}
	return t;
}

/* Tunnels with one call each, batch at a time; torn down between. */
static void bench_tunnel_setups(unsigned long n, unsigned int batch)
{
	struct tunnel **t = calloc(batch, sizeof(*t));
	unsigned long done = 0;
	double spent = 0, t0;
	unsigned int i;
	struct bench b;

	bench_init(&b);
	while (done < n) {
		t0 = now_s();
		for (i = 0; i < batch; i++)
			t[i] = bench_open(&b, 1);
		run_until_up(&b, done + batch);
		spent += now_s() - t0;
		for (i = 0; i < batch; i++)
			engine_tunnel_close(t[i], 0, 0, NULL);
		/* Past the hold after StopCCN (§5.7): everything is freed. */
		simloop_advance(b.loop, 32000);
		done += batch;
	}
	printf("engine: tunnel+session setups: %lu in %.3f s: %.0f/s\n",
	       done, spent, (double)done / spent);
	bench_free(&b);
	free(t);
}

/* Calls on established tunnels, spread over them. */
static void bench_session_setups(unsigned long n, unsigned int tunnels)
{
	struct engine_call c = { 0 };
	struct tunnel **t = calloc(tunnels, sizeof(*t));
	unsigned long i;
	struct bench b;
	double t0;

	bench_init(&b);
	for (i = 0; i < tunnels; i++)
		t[i] = bench_open(&b, 0);
	while (b.cs.tunnels_up < tunnels || b.ss.tunnels_up < tunnels)
		simloop_advance(b.loop, 1);
	t0 = now_s();
	for (i = 0; i < n; i++)
		if (!engine_call_incoming(t[i % tunnels], &c)) {
			perror("engine_call_incoming");
			exit(EXIT_FAILURE);
		}
	run_until_up(&b, n);
	t0 = now_s() - t0;
	printf("engine: session setups on %u tunnels: %lu in %.3f s: %.0f/s "
	       "(goal >= 50000/s)\n", tunnels, n, t0, (double)n / t0);
	bench_free(&b);
	free(t);
}

static size_t heap_used(void)
{
	return mallinfo2().uordblks;
}

/* Malloc'd bytes per idle tunnel, then per call, on one side. */
static void bench_memory(unsigned int tunnels, unsigned long calls)
{
	struct engine_call c = { 0 };
	struct tunnel **t = calloc(tunnels, sizeof(*t));
	size_t before, mid, after;
	unsigned long i;
	struct bench b;

	bench_init(&b);
	before = heap_used();
	for (i = 0; i < tunnels; i++)
		t[i] = bench_open(&b, 0);
	while (b.cs.tunnels_up < tunnels || b.ss.tunnels_up < tunnels)
		simloop_advance(b.loop, 1);
	/* Every ack delivered, nothing in flight: idle. */
	simloop_advance(b.loop, 2000);
	mid = heap_used();
	for (i = 0; i < calls; i++)
		engine_call_incoming(t[i % tunnels], &c);
	run_until_up(&b, calls);
	simloop_advance(b.loop, 2000);
	after = heap_used();
	printf("engine: memory per idle tunnel: %.0f bytes a side; "
	       "per session: %.0f bytes a side (goal <= 1024)\n",
	       (double)(mid - before) / tunnels / 2,
	       (double)(after - mid) / (double)calls / 2);
	bench_free(&b);
	free(t);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "smoke", no_argument, NULL, 's' },
		{ "tunnels", required_argument, NULL, 'n' },
		{ "sessions", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long tunnels = 20000, sessions = 200000;
	unsigned int idle = 1024;
	int c;

	while ((c = getopt_long(argc, argv, "sn:m:", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			tunnels = 256;
			sessions = 2048;
			idle = 64;
			break;
		case 'n':
			tunnels = strtoul(optarg, NULL, 10);
			break;
		case 'm':
			sessions = strtoul(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr, "usage: %s [--smoke] [-n tunnels] "
				"[-m sessions]\n", argv[0]);
			return EXIT_FAILURE;
		}
	}
	if (tunnels < 16 || sessions < 8) {
		fprintf(stderr, "engine: at least 16 tunnels and 8 sessions\n");
		return EXIT_FAILURE;
	}
	/*
	 * Few tunnels at a time: the measure is of the engine, not of the
	 * simulated loop's timer list (see above), which grows with them.
	 */
	bench_tunnel_setups(tunnels, 16);
	bench_session_setups(sessions, 8);
	/*
	 * The simulated loop keeps its timers in a sorted list: thousands of
	 * tunnels make every timer cost thousands of steps. A thousand
	 * tunnels and sixteen calls each give the averages as well.
	 */
	bench_memory(idle, 16ul * idle);
	return EXIT_SUCCESS;
}
