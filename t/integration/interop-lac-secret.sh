#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# xl2tpd as LAC against l2tpd's LNS, with a tunnel secret (RFC 2661 §4.2)
# and xl2tpd's hidden bit: CHAP, MS-CHAPv2 with MPPE-128.
# (lib-interop-lac.sh runs them; lib-interop.sh has the cases.)
# shellcheck source=t/integration/lib-interop-lac.sh
. "$(dirname "$0")/lib-interop-lac.sh"

interop_lac_run 2 4
