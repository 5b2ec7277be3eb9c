# SPDX-License-Identifier: GPL-2.0-or-later
# t/unit/: one Check suite per module, one runner. Each module's local.mk
# adds its test file to t_unit_runner_SOURCES and a SUITE() line to
# t/unit/suites.def.
check_PROGRAMS += t/unit/runner
TESTS += t/unit/runner
t_unit_runner_SOURCES = \
	t/unit/runner.c t/unit/suites.h t/unit/suites.def \
	t/unit/tlog.c t/unit/tlog.h \
	t/unit/test_buf.c t/unit/test_hdr.c \
	t/unit/sample.c t/unit/sample.h \
	t/unit/test_auth.c t/unit/test_avp.c t/unit/test_msg.c \
	t/unit/test_xl2tpd.c \
	t/unit/test_htab.c
t_unit_runner_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon -DTEST_DATA_DIR='"$(abs_top_srcdir)/t/data"'
t_unit_runner_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
t_unit_runner_LDADD = daemon/libl2tpd.la lib/libl2tp.la $(CHECK_LIBS)
# The simulated loop and lossy link the engine tests run on.
t_unit_runner_SOURCES += t/unit/simloop.c t/unit/simloop.h \
	t/unit/simlink.c t/unit/simlink.h \
	t/unit/test_log.c t/unit/test_loop.c t/unit/test_chan.c
# The control engine: two engines on the simulated link, a probe peer that
# drives one engine through every state machine row, and UDP on loopback.
t_unit_runner_SOURCES += t/unit/test_engine.h t/unit/test_engine_util.c \
	t/unit/test_engine_sim.c t/unit/test_engine_probe.c \
	t/unit/test_engine.c t/unit/test_tunnel.c t/unit/test_session.c \
	t/unit/test_engine_udp.c t/unit/test_engine_xl2tpd.c
# The configuration: value parsers, the files of t/conf/ (values, golden
# errors and notes, export round trips) and l2tpd -n itself.
t_unit_runner_SOURCES += t/unit/test_conf.c t/unit/test_conf_files.c
# Run-time edits of a configuration and xl2tpd's control FIFO commands.
t_unit_runner_SOURCES += t/unit/test_conf_edit.c t/unit/test_xl2tpd_cmd.c \
	t/unit/test_xl2tpd_fifo.c
# l2tpctl's edits of the configuration and their journal; in the VM, the
# edits, monitor and persistence end to end, and 100 calls at once.
t_unit_runner_SOURCES += t/unit/test_conf_ctl.c
EXTRA_DIST += t/integration/ctl-edit.sh t/integration/ctl-parallel.sh
EXTRA_t_unit_runner_DEPENDENCIES = daemon/l2tpd$(EXEEXT)
t_unit_runner_CPPFLAGS += -DTOP_SRCDIR='"$(abs_top_srcdir)"' \
	-DL2TPD_BIN='"$(abs_top_builddir)/daemon/l2tpd$(EXEEXT)"'
EXTRA_DIST += t/conf

# t/vm/, t/integration/: the real-kernel rig (t/vm/run.sh, run by
# `make check-vm`). The probe uses the daemon's own netlink code; the rig's
# self-test and run.sh run it.
noinst_PROGRAMS += t/vm/l2tp-probe
t_vm_l2tp_probe_SOURCES = t/vm/l2tp-probe.c
t_vm_l2tp_probe_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon
t_vm_l2tp_probe_LDADD = daemon/libl2tpd.la lib/libl2tp.la
# One end of a session without the control protocol, for the kernel and
# plugin tests (t/integration/kernel-*.sh, plugin-*.sh).
noinst_PROGRAMS += t/vm/l2tp-session
t_vm_l2tp_session_SOURCES = t/vm/l2tp-session.c
t_vm_l2tp_session_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon
t_vm_l2tp_session_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS) $(JSONC_CFLAGS)
t_vm_l2tp_session_LDADD = daemon/libl2tpd.la lib/libl2tp.la $(JSONC_LIBS)
EXTRA_DIST += t/integration/lib-session.sh \
	t/integration/plugin-session.sh t/integration/plugin-auth.sh \
	t/integration/kernel-teardown.sh t/integration/kernel-netlink.sh \
	t/integration/plugin-multilink.sh
t_unit_runner_SOURCES += t/unit/test_kernel.c
# The kernel data plane's helpers: pools, interface names, pppd's argv and
# process (a script stands in for pppd).
t_unit_runner_SOURCES += t/unit/test_pool.c t/unit/test_ifname.c \
	t/unit/test_ppp.c
EXTRA_DIST += t/unit/fake-pppd.sh
# The plugin's RFC 3145 disconnect causes (free of pppd's headers).
t_unit_runner_SOURCES += t/unit/test_cause.c plugin/cause.c plugin/cause.h
EXTRA_DIST += t/vm/run.sh t/vm/init t/vm/guest.sh t/vm/suite.sh \
	t/vm/l2tp-pcap.py t/vm/capture-xl2tpd.sh \
	t/integration/lib.sh t/integration/lib-xl2tpd.sh \
	t/integration/rig-netlink.sh t/integration/rig-netns.sh \
	t/integration/rig-ppp.sh t/integration/xl2tpd-reference.sh \
	t/integration/xl2tpd-reference-auth.sh
# l2tpd's own tests: our LNS and our client in two namespaces.
EXTRA_DIST += t/integration/lib-l2tpd.sh t/integration/l2tpd-session.sh \
	t/integration/l2tpd-auth.sh t/integration/l2tpd-mppe.sh t/vm/demo.sh \
	t/integration/l2tpd-cdn.sh t/integration/l2tpd-kill.sh \
	t/integration/l2tpd-users.sh t/integration/l2tpd-peer-gone.sh \
	t/integration/l2tpd-scale.sh t/integration/l2tpd-shared-tunnel.sh
# The xl2tpd drop-in (l2tpd as xl2tpd, its control FIFO) and reload.
EXTRA_DIST += t/integration/lib-dropin.sh t/integration/xl2tpd-dropin-lns.sh \
	t/integration/xl2tpd-dropin-fifo.sh t/integration/reload-keep.sh
# Interop with xl2tpd in both roles, a peer that vanishes.
EXTRA_DIST += t/integration/lib-interop.sh t/integration/lib-interop-lac.sh \
	t/integration/lib-interop-lns.sh t/integration/interop-lac-plain.sh \
	t/integration/interop-lac-secret.sh t/integration/interop-lns-plain.sh \
	t/integration/interop-lns-secret.sh t/integration/vanish-peer.sh
# 20 sessions over a link with loss, duplication and reordering (netem).
EXTRA_DIST += t/integration/netem-sessions.sh
# The VM benchmarks (make bench), their report, the smoke run in the suite.
EXTRA_DIST += bench/vm/lib-bench.sh bench/vm/storm.sh bench/report.sh \
	t/integration/bench-smoke.sh bench/vm/throughput.sh \
	bench/vm/storm-tunnel.sh bench/vm/idle.sh bench/vm/idle-lac.py
# The captures' file names change when t/vm/capture-xl2tpd.sh makes them
# again: ship the directory.
EXTRA_DIST += t/data

# t/wire/: the tshark cross-check of the wire format (t/wire/run.sh, run by
# `make check-unit`). wire-gen writes every message type as a pcap, with
# what each frame holds, and the fuzzer's seeds.
check_PROGRAMS += t/wire/wire-gen
t_wire_wire_gen_SOURCES = t/wire/wire-gen.c \
	t/wire/messages.c t/wire/messages.h t/wire/pcap.c t/wire/pcap.h
t_wire_wire_gen_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz
t_wire_wire_gen_LDADD = lib/libl2tp.la
EXTRA_DIST += t/wire/run.sh t/wire/check-tshark.py
# The control socket: frames (lib/ctl.c) and the server with fake handlers.
t_unit_runner_SOURCES += t/unit/test_ctl.c t/unit/test_ctl_server.c \
	t/unit/ctl_harness.c t/unit/ctl_harness.h
t_unit_runner_CFLAGS += $(JSONC_CFLAGS)
t_unit_runner_LDADD += $(JSONC_LIBS)
# l2tpctl: its parser and output in the runner, the program itself
# against a server with fake handlers.
t_unit_runner_SOURCES += t/unit/test_cli.c cli/parser.c cli/output.c \
	t/unit/test_cli_run.c
t_unit_runner_CPPFLAGS += -I$(top_srcdir)/cli \
	-DL2TPCTL_BIN='"$(abs_top_builddir)/cli/l2tpctl$(EXEEXT)"'
EXTRA_t_unit_runner_DEPENDENCIES += cli/l2tpctl$(EXEEXT)
# sd_notify against a socket standing in for systemd.
t_unit_runner_SOURCES += t/unit/test_sdnotify.c
# The Debian packages in the guest (make deb first; skipped without them).
EXTRA_DIST += t/integration/pkg-deb.sh
