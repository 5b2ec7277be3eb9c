#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The xl2tpd reference session with tunnel authentication (RFC 2661 §4.2:
# Challenge and Challenge Response with a shared secret) and xl2tpd's
# "hidden bit". Its capture is t/data/xl2tpd-hidden.pcap.
# shellcheck source=t/integration/lib-xl2tpd.sh
. "$(dirname "$0")/lib-xl2tpd.sh"

xl2tpd_session yes

step "authentication AVPs"
# Challenge (11) and Random Vector (36) in SCCRQ; Challenge Response (13)
# in SCCRP and SCCCN (RFC 2661 §4.4.3).
expect_avps SCCRQ 11 36
expect_avps SCCRP 11 13
expect_avps SCCCN 13
