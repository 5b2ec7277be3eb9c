#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Rig self-test and reference: two xl2tpd daemons (LAC and LNS, kernel mode)
# bring up a tunnel and a PPP session on this kernel and ping across it. If
# this fails, the rig is broken, not l2tpd. Its capture is
# t/data/xl2tpd-plain.pcap (t/vm/capture-xl2tpd.sh).
# shellcheck source=t/integration/lib-xl2tpd.sh
. "$(dirname "$0")/lib-xl2tpd.sh"

xl2tpd_session no
