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
	[L2TP_E_NOT_CONTROL - L2TP_E_TRUNCATED]	= "not a control message",
	[L2TP_E_AVP_SHORT - L2TP_E_TRUNCATED]	= "AVP length under 6",
	[L2TP_E_AVP_OVERRUN - L2TP_E_TRUNCATED]	= "AVP past the end of the message",
	[L2TP_E_AVP_BAD_LEN - L2TP_E_TRUNCATED]	= "AVP length outside the bounds of its type",
	[L2TP_E_AVP_TOO_LONG - L2TP_E_TRUNCATED] = "AVP value longer than 1017 bytes",
	[L2TP_E_AVP_UNKNOWN_M - L2TP_E_TRUNCATED] = "unknown AVP with the M bit set",
	[L2TP_E_AVP_M_MISSING - L2TP_E_TRUNCATED] = "M bit clear on an AVP that must be mandatory",
	[L2TP_E_AVP_NOT_HIDEABLE - L2TP_E_TRUNCATED] = "hidden AVP that must not be hidden",
	[L2TP_E_AVP_DUPLICATE - L2TP_E_TRUNCATED] = "duplicate AVP",
	[L2TP_E_AVP_NOT_ALLOWED - L2TP_E_TRUNCATED] = "AVP not allowed in this message type",
	[L2TP_E_HIDDEN_NO_RV - L2TP_E_TRUNCATED] = "hidden AVP without a Random Vector",
	[L2TP_E_HIDDEN_NO_SECRET - L2TP_E_TRUNCATED] = "hidden AVP but no shared secret",
	[L2TP_E_HIDDEN_LEN - L2TP_E_TRUNCATED]	= "hidden AVP original length past its value",
	[L2TP_E_HIDDEN_SPACE - L2TP_E_TRUNCATED] = "hidden AVP values too large to decrypt",
	[L2TP_E_MSG_TYPE_FIRST - L2TP_E_TRUNCATED] = "first AVP is not Message Type",
	[L2TP_E_MSG_UNKNOWN - L2TP_E_TRUNCATED]	= "unknown message type",
	[L2TP_E_MSG_UNKNOWN_M - L2TP_E_TRUNCATED] = "unknown mandatory message type",
	[L2TP_E_MSG_MISSING_AVP - L2TP_E_TRUNCATED] = "required AVP missing",
	[L2TP_E_AUTH - L2TP_E_TRUNCATED]	= "challenge response mismatch",
	[L2TP_E_CRYPTO - L2TP_E_TRUNCATED]	= "crypto library failure",
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
