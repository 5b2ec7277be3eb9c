/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The engine's data plane (dataplane.h) on the kernel's l2tp family
 * (kernel.h): engine_new(..., &dp_kernel_ops, &dp, ...) with a struct
 * dp_kernel whose kernel is open.
 */
#ifndef L2TPD_DP_KERNEL_H
#define L2TPD_DP_KERNEL_H

#include <stdint.h>

#include "dataplane.h"
#include "kernel.h"

struct dp_kernel {
	struct kernel *k;		/* opened by the caller */
	/*
	 * How long the kernel holds an out-of-order data message of a
	 * sequenced session before giving up on the gap (RFC 2661 §5.4
	 * leaves reordering to the receiver); 0: no reordering.
	 */
	uint32_t reorder_timeout_ms;
};

extern const struct dataplane_ops dp_kernel_ops;

/*
 * The kernel's words on the last refused request, "" without any: the
 * engine logs the errno, its caller adds this.
 */
const char *dp_kernel_ext_ack(const struct dp_kernel *dp);

#endif /* L2TPD_DP_KERNEL_H */
