/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the daemon logs during a unit test. The runner captures every line
 * (printing it too when L2TPD_TEST_LOG=1), so a test can assert that a
 * dropped packet was logged once, with the peer and the reason, and the
 * run's output is not buried under the lines bad-input tests provoke.
 */
#ifndef L2TPD_T_TLOG_H
#define L2TPD_T_TLOG_H

#include <stddef.h>

/* Installs the capture; called once by the runner. */
void tlog_init(void);
/* Forgets the lines captured so far. */
void tlog_reset(void);
/* Lines captured since the last reset that contain every one of the
 * NULL-terminated substrings. */
size_t tlog_count(const char *substr, ...) __attribute__((sentinel));
/* Every line captured since the last reset. */
size_t tlog_lines(void);

#endif /* L2TPD_T_TLOG_H */
