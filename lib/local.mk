# SPDX-License-Identifier: GPL-2.0-or-later
# lib/: the L2TPv2 wire format library, linked into the daemon, the tests,
# the fuzzer and the benchmarks.
noinst_LTLIBRARIES += lib/libl2tp.la
lib_libl2tp_la_SOURCES = \
	lib/l2tp.h \
	lib/buf.c lib/buf.h \
	lib/hdr.c lib/hdr.h \
	lib/err.c lib/err.h \
	lib/auth.c lib/auth.h \
	lib/avp.c lib/avp.h lib/hidden.c \
	lib/msg.c lib/msg.h
lib_libl2tp_la_CFLAGS = $(AM_CFLAGS) $(LIBCRYPTO_CFLAGS)
lib_libl2tp_la_LIBADD = $(LIBCRYPTO_LIBS)
# The control socket's frames, shared by l2tpd, l2tpctl and the plugin.
lib_libl2tp_la_SOURCES += lib/ctl.c lib/ctl.h
lib_libl2tp_la_CFLAGS += $(JSONC_CFLAGS)
lib_libl2tp_la_LIBADD += $(JSONC_LIBS)
