# SPDX-License-Identifier: GPL-2.0-or-later
# cli/: l2tpctl, the control socket's client. It links the configuration
# library for the schema's property names and for import-xl2tpd.
bin_PROGRAMS += cli/l2tpctl
cli_l2tpctl_SOURCES = cli/l2tpctl.c cli/parser.c cli/parser.h \
	cli/output.c cli/output.h
cli_l2tpctl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon
cli_l2tpctl_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
cli_l2tpctl_LDADD = daemon/libl2tpd.la lib/libl2tp.la $(JSONC_LIBS)
# Only the libraries l2tpctl calls (not libnl, libevent) are needed.
cli_l2tpctl_LDFLAGS = $(AM_LDFLAGS) -Wl,--as-needed
dist_man_MANS += man/l2tpctl.8
# Bash completion: the script asks l2tpctl --complete for the words.
bashcompdir = $(bashcompletiondir)
dist_bashcomp_DATA = etc/bash-completion/l2tpctl
