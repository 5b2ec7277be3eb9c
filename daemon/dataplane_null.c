// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The data plane that does nothing: the control protocol runs complete
 * without a kernel (unit tests, benchmarks, machines without l2tp).
 */
#include <string.h>

#include "dataplane.h"

static int null_tunnel_create(void *ctx, const struct dataplane_tunnel *t)
{
	return 0;
}

static int null_tunnel_delete(void *ctx, uint16_t tid)
{
	return 0;
}

static int null_session_create(void *ctx, const struct dataplane_session *s)
{
	return 0;
}

static int null_session_delete(void *ctx, uint16_t tid, uint16_t sid)
{
	return 0;
}

static int null_stats(void *ctx, uint16_t tid, uint16_t sid,
		      struct dataplane_stats *st)
{
	memset(st, 0, sizeof(*st));
	return 0;
}

const struct dataplane_ops dataplane_null_ops = {
	.tunnel_create = null_tunnel_create,
	.tunnel_delete = null_tunnel_delete,
	.session_create = null_session_create,
	.session_delete = null_session_delete,
	.stats = null_stats,
};
