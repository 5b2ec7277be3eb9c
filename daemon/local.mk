# SPDX-License-Identifier: GPL-2.0-or-later
# daemon/: the control plane (l2tpd). Everything but main() goes into a
# convenience library so that the unit tests link the same objects.
noinst_LTLIBRARIES += daemon/libl2tpd.la
daemon_libl2tpd_la_SOURCES = \
	daemon/htab.c daemon/htab.h
daemon_libl2tpd_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon
daemon_libl2tpd_la_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) $(LIBNL_GENL_CFLAGS) \
	$(LIBEVENT_CFLAGS) $(LIBCRYPTO_CFLAGS) $(LIBCONFIG_CFLAGS)
daemon_libl2tpd_la_LIBADD = lib/libl2tp.la $(LIBNL_LIBS) $(LIBNL_GENL_LIBS) \
	$(LIBEVENT_LIBS) $(LIBCRYPTO_LIBS) $(LIBCONFIG_LIBS)
# The kernel data path over the l2tp generic netlink family.
daemon_libl2tpd_la_SOURCES += daemon/kernel.c daemon/kernel.h
# The kernel data plane for the engine, pppd per session, address pools
# and interface names.
daemon_libl2tpd_la_SOURCES += daemon/dp_kernel.c daemon/dp_kernel.h \
	daemon/ppp.c daemon/ppp.h daemon/pool.c daemon/pool.h \
	daemon/ifname.c daemon/ifname.h
daemon_libl2tpd_la_CPPFLAGS += \
	-DL2TPD_PLUGIN_PATH='"$(PPPD_PLUGIN_DIR)/l2tpd.so"'
# Logging, the event loop (loop.h; libevent behind it in loop_event.c) and
# the reliable control channel.
daemon_libl2tpd_la_SOURCES += daemon/log.c daemon/log.h \
	daemon/loop.c daemon/loop.h daemon/loop_impl.h \
	daemon/loop_event.c daemon/loop_event.h \
	daemon/chan.c daemon/chan.h
# The control engine: tunnels and sessions as table-driven state machines,
# the transport (UDP) and data-plane interfaces.
daemon_libl2tpd_la_SOURCES += daemon/engine.c daemon/engine.h \
	daemon/engine_impl.h daemon/fsm.c daemon/fsm.h \
	daemon/tunnel.c daemon/tunnel_msg.c daemon/tunnel.h \
	daemon/session.c daemon/session.h \
	daemon/dataplane.h daemon/dataplane_null.c \
	daemon/transport.c daemon/transport.h \
	daemon/transport_udp.c daemon/transport_udp.h
# The configuration: l2tpd.conf (libconfig) and xl2tpd.conf into one model,
# validated as a whole, written back by conf_export().
daemon_libl2tpd_la_SOURCES += daemon/conf.c daemon/conf.h daemon/conf_impl.h \
	daemon/conf_schema.c daemon/conf_value.c daemon/conf_parse.c \
	daemon/conf_xl2tpd.c daemon/conf_validate.c daemon/conf_export.c
# Run-time edits of a configuration (the xl2tpd control FIFO, reload).
daemon_libl2tpd_la_SOURCES += daemon/conf_edit.c daemon/conf_edit.h
# xl2tpd's control FIFO: its commands and the pipe.
daemon_libl2tpd_la_SOURCES += daemon/xl2tpd_cmd.c daemon/xl2tpd_cmd.h \
	daemon/xl2tpd_fifo.c daemon/xl2tpd_fifo.h
# The control socket server (l2tpctl, the pppd plugin).
daemon_libl2tpd_la_SOURCES += daemon/ctl_server.c daemon/ctl_server.h \
	daemon/ctl_impl.h daemon/ctl_sock.c
# The schema's property names, for l2tpctl.
daemon_libl2tpd_la_SOURCES += daemon/conf_keys.c daemon/conf_keys.h
# l2tpctl's edits of the configuration and their journal.
daemon_libl2tpd_la_SOURCES += daemon/conf_ctl.c daemon/conf_ctl.h \
	daemon/conf_journal.c daemon/conf_journal.h
daemon_libl2tpd_la_CFLAGS += $(JSONC_CFLAGS)
daemon_libl2tpd_la_LIBADD += $(JSONC_LIBS)
# Readiness and status for systemd (Type=notify), without libsystemd.
daemon_libl2tpd_la_SOURCES += daemon/sdnotify.c daemon/sdnotify.h
# The application: configuration, engine, kernel, pppd and the control
# sockets tied together (app.h).
daemon_libl2tpd_la_SOURCES += daemon/l2tpd.c daemon/l2tpd.h daemon/app.h \
	daemon/app_session.c daemon/app_client.c daemon/app_plugin.c \
	daemon/app_ctl.c daemon/app_ctl.h daemon/app_ctl_conf.c \
	daemon/app_ctl_edit.c daemon/app_ctl_monitor.c
# A new configuration becomes the running one (reload), and l2tpd as an
# xl2tpd drop-in: the control FIFO, the meaning of [lns] and [lac].
daemon_libl2tpd_la_SOURCES += daemon/reload.c daemon/reload.h \
	daemon/app_xl2tpd.c daemon/app_xl2tpd.h daemon/app_xl2tpd_peer.c
# l2tpd itself.
sbin_PROGRAMS += daemon/l2tpd
daemon_l2tpd_SOURCES = daemon/main.c daemon/xl2tpd_main.c daemon/xl2tpd_main.h
daemon_l2tpd_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon \
	-DL2TPD_CONF_FILE='"$(sysconfdir)/l2tpd/l2tpd.conf"' \
	-DL2TPD_STATE_DIR='"$(localstatedir)/lib/l2tpd"'
daemon_l2tpd_LDADD = daemon/libl2tpd.la lib/libl2tp.la
dist_man_MANS += man/l2tpd.conf.5 man/l2tpd.8
EXTRA_DIST += etc/l2tpd.conf
