#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Stands in for pppd in t/unit/test_ppp.c: it becomes a sleep that keeps
# the descriptors it was started with (so the test can read them in
# /proc/PID/fd), and with FAKE_PPPD_IGNORE_TERM set it ignores SIGTERM the
# way a pppd stuck in its shutdown would.
[ -n "${FAKE_PPPD_IGNORE_TERM:-}" ] && trap '' TERM
exec sleep 30
