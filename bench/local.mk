# SPDX-License-Identifier: GPL-2.0-or-later
# bench/: host-side micro-benchmarks, run first by `make bench` (bench/vm/
# holds the VM benchmarks). decode: lib/'s control message decoder.
noinst_PROGRAMS += bench/decode
bench_decode_SOURCES = bench/decode.c t/wire/messages.c t/wire/messages.h
bench_decode_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/wire
bench_decode_LDADD = lib/libl2tp.la
