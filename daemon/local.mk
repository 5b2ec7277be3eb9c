# SPDX-License-Identifier: GPL-2.0-or-later
# daemon/: the control plane (l2tpd). Everything but main() goes into a
# convenience library so that the unit tests link the same objects.
noinst_LTLIBRARIES += daemon/libl2tpd.la
daemon_libl2tpd_la_SOURCES = \
	daemon/htab.c daemon/htab.h
daemon_libl2tpd_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon
daemon_libl2tpd_la_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) $(LIBNL_GENL_CFLAGS) \
	$(LIBEVENT_CFLAGS) $(LIBCRYPTO_CFLAGS)
daemon_libl2tpd_la_LIBADD = lib/libl2tp.la $(LIBNL_LIBS) $(LIBNL_GENL_LIBS) \
	$(LIBEVENT_LIBS) $(LIBCRYPTO_LIBS)
# The kernel data path over the l2tp generic netlink family.
daemon_libl2tpd_la_SOURCES += daemon/kernel.c daemon/kernel.h
# Logging, the event loop (loop.h; libevent behind it in loop_event.c) and
# the reliable control channel.
daemon_libl2tpd_la_SOURCES += daemon/log.c daemon/log.h \
	daemon/loop.c daemon/loop.h daemon/loop_impl.h \
	daemon/loop_event.c daemon/loop_event.h \
	daemon/chan.c daemon/chan.h
