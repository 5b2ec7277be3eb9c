#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# l2tpd's client against xl2tpd as LNS, no tunnel secret: PAP, MS-CHAPv2.
# (lib-interop-lns.sh runs them; lib-interop.sh has the cases.)
# shellcheck source=t/integration/lib-interop-lns.sh
. "$(dirname "$0")/lib-interop-lns.sh"

interop_lns_run 1 3
