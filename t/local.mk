# SPDX-License-Identifier: GPL-2.0-or-later
# t/unit/: one Check suite per module, one runner. Each module's local.mk
# adds its test file to t_unit_runner_SOURCES and a SUITE() line to
# t/unit/suites.def.
check_PROGRAMS += t/unit/runner
TESTS += t/unit/runner
t_unit_runner_SOURCES = \
	t/unit/runner.c t/unit/suites.h t/unit/suites.def \
	t/unit/test_buf.c t/unit/test_hdr.c \
	t/unit/sample.c t/unit/sample.h \
	t/unit/test_auth.c t/unit/test_avp.c t/unit/test_msg.c \
	t/unit/test_htab.c
t_unit_runner_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon -DTEST_DATA_DIR='"$(abs_top_srcdir)/t/data"'
t_unit_runner_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
t_unit_runner_LDADD = daemon/libl2tpd.la lib/libl2tp.la $(CHECK_LIBS)
# The simulated loop and lossy link the engine tests run on.
t_unit_runner_SOURCES += t/unit/simloop.c t/unit/simloop.h \
	t/unit/simlink.c t/unit/simlink.h \
	t/unit/test_log.c t/unit/test_loop.c t/unit/test_chan.c
