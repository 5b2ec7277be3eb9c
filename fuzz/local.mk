# SPDX-License-Identifier: GPL-2.0-or-later
# fuzz/: one fuzz target over lib/'s decoders. fuzz/replay feeds it the
# committed corpus and t/data/fuzz-regress/ in every build (run by
# `make check-sanitize`); the libFuzzer binary needs clang and
# --enable-fuzz (`make fuzz`, fuzz/run.sh).
check_PROGRAMS += fuzz/replay
fuzz_replay_SOURCES = fuzz/replay.c fuzz/fuzz-decode.c fuzz/fuzz.h \
	t/wire/messages.c t/wire/messages.h
fuzz_replay_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/wire
fuzz_replay_LDADD = lib/libl2tp.la
if FUZZ
noinst_PROGRAMS += fuzz/fuzz-decode
fuzz_fuzz_decode_SOURCES = fuzz/fuzz-decode.c fuzz/fuzz.h \
	t/wire/messages.c t/wire/messages.h
fuzz_fuzz_decode_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/wire
fuzz_fuzz_decode_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_fuzz_decode_LDADD = lib/libl2tp.la
endif
EXTRA_DIST += fuzz/run.sh fuzz/corpus
