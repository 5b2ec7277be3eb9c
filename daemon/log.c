// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "loop.h"

/*
 * Where lines go is a property of the process, set once at start-up: this is
 * the one place where module state lives outside a context struct.
 */
static struct {
	const char *ident;
	bool to_syslog;
	int verbose;
	log_hook_fn *hook;
	void *hook_arg;
	uint64_t wait_ms;	/* in syslog() or on stderr, all told */
} log_conf = { .ident = "l2tpd" };

uint64_t log_wait_ms(void)
{
	return log_conf.wait_ms;
}

void log_init(const char *ident, bool to_syslog, int verbose)
{
	log_conf.ident = ident;
	log_conf.to_syslog = to_syslog;
	log_conf.verbose = verbose;
	if (to_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_setverbose(int verbose)
{
	log_conf.verbose = verbose;
}

int log_getverbose(void)
{
	return log_conf.verbose;
}

void log_set_hook(log_hook_fn *fn, void *arg)
{
	log_conf.hook = fn;
	log_conf.hook_arg = arg;
}

LOG_PRINTF(2, 0)
static void log_vwrite(int prio, const char *fmt, va_list ap)
{
	int saved = errno;

	if (prio == LOG_DEBUG && log_conf.verbose < 1)
		return;
	if (log_conf.hook) {
		char line[1024];

		vsnprintf(line, sizeof(line), fmt, ap);
		log_conf.hook(log_conf.hook_arg, prio, line);
	} else if (log_conf.to_syslog) {
		uint64_t t0 = loop_clock_ms(CLOCK_MONOTONIC_COARSE);

		/* Blocks while the syslog daemon's queue is full. */
		vsyslog(prio, fmt, ap);
		log_conf.wait_ms += loop_clock_ms(CLOCK_MONOTONIC_COARSE) - t0;
	} else {
		uint64_t t0 = loop_clock_ms(CLOCK_MONOTONIC_COARSE);

		flockfile(stderr);
		fprintf(stderr, "%s: ", log_conf.ident);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		funlockfile(stderr);
		log_conf.wait_ms += loop_clock_ms(CLOCK_MONOTONIC_COARSE) - t0;
	}
	errno = saved;
}

LOG_PRINTF(2, 3)
static void log_write(int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(prio, fmt, ap);
	va_end(ap);
}

/* The message, then ": " and the text of err, as err(3) prints it. */
LOG_PRINTF(3, 0)
static void log_vwrite_err(int prio, int err, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	log_write(prio, "%s: %s", msg, strerror(err));
}

void log_warn(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	log_vwrite_err(LOG_WARNING, err, fmt, ap);
	va_end(ap);
}

void log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_WARNING, fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_INFO, fmt, ap);
	va_end(ap);
}

void log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_DEBUG, fmt, ap);
	va_end(ap);
}

void fatal(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	log_vwrite_err(LOG_CRIT, err, fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE);
}

void fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE);
}

bool log_ratelimit_allow(struct log_ratelimit *rl, uint64_t now_ms,
			 uint32_t *suppressed)
{
	*suppressed = 0;
	if (rl->count == 0 || now_ms - rl->window_start >= rl->interval_ms) {
		rl->window_start = now_ms;
		rl->count = 0;
	}
	if (rl->count >= rl->burst) {
		if (rl->suppressed < UINT32_MAX)
			rl->suppressed++;
		return false;
	}
	rl->count++;
	*suppressed = rl->suppressed;
	rl->suppressed = 0;
	return true;
}

void log_ratelimited(struct log_ratelimit *rl, uint64_t now_ms, int prio,
		     const char *fmt, ...)
{
	uint32_t suppressed;
	va_list ap;

	if (prio == LOG_DEBUG && log_conf.verbose < 1)
		return;
	if (!log_ratelimit_allow(rl, now_ms, &suppressed))
		return;
	if (suppressed)
		log_write(prio, "%u similar messages suppressed", suppressed);
	va_start(ap, fmt);
	log_vwrite(prio, fmt, ap);
	va_end(ap);
}
