#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# xl2tpd as LAC against l2tpd's LNS, no tunnel secret: PAP, MS-CHAPv2.
# (lib-interop-lac.sh runs them; lib-interop.sh has the cases.)
# shellcheck source=t/integration/lib-interop-lac.sh
. "$(dirname "$0")/lib-interop-lac.sh"

interop_lac_run 1 3
