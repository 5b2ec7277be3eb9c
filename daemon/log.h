/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Logging, in the style of OpenBSD's log.c: log_warn() appends
 * strerror(errno), log_warnx() does not, fatal()/fatalx() log and exit.
 * Lines go to stderr (foreground, tests) or to syslog (daemon), chosen once
 * by log_init(). Only the daemon's boundaries log; library and
 * kernel-facing functions return errors instead.
 *
 * Per-packet drop reasons go through log_ratelimited(): a peer that sends
 * garbage at line rate must not be able to fill the disk with our logs.
 */
#ifndef L2TPD_LOG_H
#define L2TPD_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <syslog.h>

#define LOG_PRINTF(f, a)	__attribute__((format(printf, f, a)))

/*
 * to_syslog selects syslog (facility LOG_DAEMON) instead of stderr; ident
 * prefixes every line and names us to syslog; verbose > 0 enables
 * log_debug().
 */
void log_init(const char *ident, bool to_syslog, int verbose);
void log_setverbose(int verbose);
int log_getverbose(void);

/*
 * A hook that receives every line (without the ident, without the newline)
 * instead of stderr or syslog, or NULL for the default. The unit tests use
 * it to assert what the daemon logs rather than print it.
 */
typedef void log_hook_fn(void *arg, int prio, const char *line);
void log_set_hook(log_hook_fn *fn, void *arg);
/*
 * Milliseconds spent writing lines (syslog(3) blocks while the syslog
 * daemon's queue is full), all told; a jiffy's resolution.
 */
uint64_t log_wait_ms(void);

void log_warn(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_warnx(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_info(const char *fmt, ...) LOG_PRINTF(1, 2);
void log_debug(const char *fmt, ...) LOG_PRINTF(1, 2);
void fatal(const char *fmt, ...) LOG_PRINTF(1, 2) __attribute__((noreturn));
void fatalx(const char *fmt, ...) LOG_PRINTF(1, 2) __attribute__((noreturn));

/*
 * At most burst lines per interval_ms for one key: the caller keeps one
 * struct per key (per drop reason, per tunnel and reason, ...), zeroed or
 * set with LOG_RATELIMIT_INIT. A fixed window rather than a smoothed
 * bucket: "N lines per interval" is then exactly what an operator reads.
 */
struct log_ratelimit {
	uint64_t window_start;	/* ms, on the caller's clock */
	uint32_t interval_ms;
	uint32_t suppressed;	/* lines dropped in windows not yet reported */
	uint16_t burst;
	uint16_t count;		/* lines let through in the current window */
};

#define LOG_RATELIMIT_INIT(b, ms) { .interval_ms = (ms), .burst = (b) }

/*
 * Decides whether one more line may be logged at now_ms. When it returns
 * true and earlier lines were dropped, *suppressed is their number (else
 * 0), so the caller can say so once.
 */
bool log_ratelimit_allow(struct log_ratelimit *rl, uint64_t now_ms,
			 uint32_t *suppressed);

/*
 * Logs at prio (LOG_WARNING, LOG_INFO or LOG_DEBUG) if rl allows it,
 * preceded by "N similar messages suppressed" when lines were dropped.
 */
void log_ratelimited(struct log_ratelimit *rl, uint64_t now_ms, int prio,
		     const char *fmt, ...) LOG_PRINTF(4, 5);

#endif /* L2TPD_LOG_H */
