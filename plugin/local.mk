# SPDX-License-Identifier: GPL-2.0-or-later
# plugin/: l2tpd.so, the pppd plugin every session's pppd loads; installed
# into pppd's plugin directory (configure finds it, --with-pppd-plugindir
# overrides). It shares the control socket's frame code with l2tpd.
pppdplugindir = $(PPPD_PLUGIN_DIR)
pppdplugin_LTLIBRARIES = plugin/l2tpd.la
plugin_l2tpd_la_SOURCES = plugin/l2tpd.c plugin/auth.c plugin/plugin.h \
	plugin/compat.h plugin/report.c plugin/report.h \
	plugin/cause.c plugin/cause.h plugin/route.c plugin/route.h \
	plugin/peer.c \
	lib/ctl.c lib/ctl.h lib/buf.c lib/buf.h
plugin_l2tpd_la_CPPFLAGS = $(AM_CPPFLAGS) -DPPPD_API=$(PPPD_API)
plugin_l2tpd_la_CFLAGS = $(AM_CFLAGS) $(PPPD_CFLAGS) $(JSONC_CFLAGS) \
	$(LIBMNL_CFLAGS)
plugin_l2tpd_la_LDFLAGS = -module -avoid-version -shared
plugin_l2tpd_la_LIBADD = $(JSONC_LIBS) $(LIBMNL_LIBS)
dist_man_MANS += man/l2tpd-plugin.8

# pppd dlopen()s l2tpd.so by its file name; libtool's l2tpd.la beside it in
# pppd's plugin directory serves nobody. libtool's uninstall finds the .so
# through the .la, so without it the .so is removed here.
install-data-hook: install-plugin-drop-la
install-plugin-drop-la:
	rm -f '$(DESTDIR)$(pppdplugindir)/l2tpd.la'
uninstall-hook: uninstall-plugin-so
uninstall-plugin-so:
	rm -f '$(DESTDIR)$(pppdplugindir)/l2tpd.so'
.PHONY: install-plugin-drop-la uninstall-plugin-so
