# SPDX-License-Identifier: GPL-2.0-or-later
# bench/: host-side micro-benchmarks, run first by `make bench` (bench/vm/
# holds the VM benchmarks). decode: lib/'s control message decoder.
noinst_PROGRAMS += bench/decode
bench_decode_SOURCES = bench/decode.c t/wire/messages.c t/wire/messages.h
bench_decode_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/wire
bench_decode_LDADD = lib/libl2tp.la
# engine: tunnel and session setups per second and memory per tunnel and
# session, two engines on the unit tests' simulated loop and link (built
# without Check: bench/check_shim.h).
noinst_PROGRAMS += bench/engine
bench_engine_SOURCES = bench/engine.c bench/check_shim.h \
	t/unit/simloop.c t/unit/simloop.h t/unit/simlink.c t/unit/simlink.h \
	t/unit/test_engine_sim.c t/unit/test_engine.h
bench_engine_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/daemon \
	-I$(top_srcdir)/t/unit -include $(top_srcdir)/bench/check_shim.h
bench_engine_LDADD = daemon/libl2tpd.la lib/libl2tp.la
