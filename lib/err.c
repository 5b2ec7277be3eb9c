// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>

#include "err.h"

static const char *const err_names[] = {
	[L2TP_E_TRUNCATED - L2TP_E_TRUNCATED]	= "truncated",
	[L2TP_E_NOSPACE - L2TP_E_TRUNCATED]	= "no space in output buffer",
	[L2TP_E_HDR_SHORT - L2TP_E_TRUNCATED]	= "datagram shorter than the L2TP header",
	[L2TP_E_HDR_VERSION - L2TP_E_TRUNCATED]	= "unsupported L2TP version",
	[L2TP_E_HDR_CTRL_BITS - L2TP_E_TRUNCATED] = "control message without L and S bits or with O or P bit",
	[L2TP_E_HDR_LENGTH - L2TP_E_TRUNCATED]	= "header length field exceeds the datagram",
	[L2TP_E_HDR_OFFSET - L2TP_E_TRUNCATED]	= "offset size past the end of the message",
};

const char *l2tp_strerror(int err)
{
	int e = err < 0 ? -err : err;

	if (e == 0)
		return "success";
	if (e >= L2TP_E_TRUNCATED && e < L2TP_E_ERR_MAX) {
		const char *s = err_names[e - L2TP_E_TRUNCATED];

		return s ? s : "unknown error";
	}
	return strerror(e);
}
