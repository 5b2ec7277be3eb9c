// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel data plane: the engine's tunnel and session events become
 * l2tp generic netlink requests. The PPPoL2TP socket and pppd are the
 * session's upper layer (ppp.h), not the data plane's: the engine creates
 * the kernel session when the call is connected, and pppd gets attached
 * to it afterwards.
 */
#include <errno.h>
#include <string.h>

#include "dp_kernel.h"

static int dpk_tunnel_create(void *ctx, const struct dataplane_tunnel *t)
{
	struct dp_kernel *dp = ctx;
	struct kernel_tunnel kt = {
		.tid = t->tid, .peer_tid = t->peer_tid, .fd = t->fd,
	};

	/* A managed tunnel needs its socket (in-memory transports have none). */
	if (t->fd < 0)
		return -EBADF;
	return kernel_tunnel_create(dp->k, &kt);
}

/*
 * A tunnel the kernel no longer has (its socket was closed first, which
 * deletes it without a word) is gone as asked.
 */
static int dpk_tunnel_delete(void *ctx, uint16_t tid)
{
	struct dp_kernel *dp = ctx;
	int err = kernel_tunnel_delete(dp->k, tid);

	return err == -ENODEV ? 0 : err;
}

/*
 * RFC 2661 §5.4: with Sequencing Required both directions carry sequence
 * numbers, and the receiver drops data messages without them. As the LNS
 * we decide; as the LAC the kernel follows the LNS's S bit (lns_mode off).
 */
static int dpk_session_create(void *ctx, const struct dataplane_session *s)
{
	struct dp_kernel *dp = ctx;
	struct kernel_session ks = {
		.tid = s->tid, .sid = s->sid, .peer_sid = s->peer_sid,
		.send_seq = s->seq, .recv_seq = s->seq, .lns_mode = s->lns,
		.recv_timeout_ms = s->seq ? dp->reorder_timeout_ms : 0,
	};

	return kernel_session_create(dp->k, &ks);
}

/* Like tunnels: closing pppd's PPPoL2TP socket already deleted it. */
static int dpk_session_delete(void *ctx, uint16_t tid, uint16_t sid)
{
	struct dp_kernel *dp = ctx;
	int err = kernel_session_delete(dp->k, tid, sid);

	return err == -ENODEV ? 0 : err;
}

static int dpk_stats(void *ctx, uint16_t tid, uint16_t sid,
		     struct dataplane_stats *st)
{
	struct dp_kernel *dp = ctx;
	struct kernel_stats ks;
	int err;

	if (sid)
		err = kernel_session_stats(dp->k, tid, sid, &ks);
	else
		err = kernel_tunnel_stats(dp->k, tid, &ks);
	if (err) {
		memset(st, 0, sizeof(*st));
		return err;
	}
	*st = (struct dataplane_stats){
		.tx_packets = ks.tx_packets, .tx_bytes = ks.tx_bytes,
		.tx_errors = ks.tx_errors, .rx_packets = ks.rx_packets,
		.rx_bytes = ks.rx_bytes, .rx_errors = ks.rx_errors,
		.rx_seq_discards = ks.rx_seq_discards,
		.rx_oos_packets = ks.rx_oos_packets,
	};
	return 0;
}

const struct dataplane_ops dp_kernel_ops = {
	.tunnel_create = dpk_tunnel_create,
	.tunnel_delete = dpk_tunnel_delete,
	.session_create = dpk_session_create,
	.session_delete = dpk_session_delete,
	.stats = dpk_stats,
};

const char *dp_kernel_ext_ack(const struct dp_kernel *dp)
{
	return kernel_ext_ack(dp->k);
}
