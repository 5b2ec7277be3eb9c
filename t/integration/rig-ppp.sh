#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Rig self-test: the PPP side of the data path is there: /dev/ppp, the
# PPPoL2TP socket family, and a pppd that runs and loads Debian's
# pppol2tp.so (the plugin xl2tpd hands sessions to).
# shellcheck source=t/integration/lib.sh
. "$(dirname "$0")/lib.sh"

step "/dev/ppp and /proc/net/pppol2tp"
[ -c /dev/ppp ] || fail "/dev/ppp is missing (ppp_generic not loaded?)"
ls -l /dev/ppp
[ -e /proc/net/pppol2tp ] || fail "/proc/net/pppol2tp is missing (l2tp_ppp not loaded?)"

step "pppd runs"
out=$(pppd --version 2>&1) || fail "pppd --version: $out"
echo "$out"
[[ $out =~ pppd\ version\ 2\. ]] || fail "unexpected pppd version: $out"

step "pppd loads pppol2tp.so"
out=$(pppd plugin pppol2tp.so --version 2>&1) || fail "pppd plugin pppol2tp.so: $out"
echo "$out"
grep -q 'Plugin pppol2tp.so loaded' <<< "$out" ||
	fail "pppd did not report loading pppol2tp.so"
