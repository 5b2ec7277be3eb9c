/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decoder fuzz target (fuzz/fuzz-decode.c). libFuzzer calls it in the
 * fuzz build; fuzz/replay.c calls it for every file of the committed corpus
 * and of t/data/fuzz-regress/ in the normal and the sanitizer builds.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The first input byte (modulo FUZZ_MODES) selects what the rest is. */
enum fuzz_mode {
	FUZZ_MODE_CTRL,		/* a datagram: l2tp_ctrl_decode, with secret */
	FUZZ_MODE_PAYLOAD,	/* a message's AVPs: l2tp_msg_decode, no secret */
	FUZZ_MODE_AVPS,		/* AVPs one by one through the typed codec */
	FUZZ_MODE_HIDDEN,	/* type (2), RV length (1), RV, hidden value */
	FUZZ_MODES,
};

/* Aborts when an oracle fails; returns 0 (libFuzzer's convention). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#endif /* FUZZ_FUZZ_H */
