#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# l2tpd's client against xl2tpd as LNS, with a tunnel secret (RFC 2661
# §4.2) and xl2tpd's hidden bit: CHAP, MS-CHAPv2 with MPPE-128.
# (lib-interop-lns.sh runs them; lib-interop.sh has the cases.)
# shellcheck source=t/integration/lib-interop-lns.sh
. "$(dirname "$0")/lib-interop-lns.sh"

interop_lns_run 2 4
