// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "tlog.h"

/* Tests run in forked children (Check's default): each has its own copy. */
static struct {
	char **line;
	size_t n, cap;
	bool echo;
} tlog;

static void tlog_hook(void *arg, int prio, const char *line)
{
	char *copy;

	(void)arg;
	(void)prio;
	if (tlog.echo)
		fprintf(stderr, "l2tpd: %s\n", line);
	if (tlog.n == tlog.cap) {
		size_t cap = tlog.cap ? 2 * tlog.cap : 64;
		char **grown = realloc(tlog.line, cap * sizeof(*grown));

		if (!grown)
			return;
		tlog.line = grown;
		tlog.cap = cap;
	}
	copy = strdup(line);
	if (copy)
		tlog.line[tlog.n++] = copy;
}

void tlog_init(void)
{
	const char *env = getenv("L2TPD_TEST_LOG");

	tlog.echo = env && *env && strcmp(env, "0");
	log_set_hook(tlog_hook, NULL);
}

void tlog_reset(void)
{
	while (tlog.n)
		free(tlog.line[--tlog.n]);
}

static bool has_all(const char *line, const char *first, va_list ap)
{
	const char *s;

	for (s = first; s; s = va_arg(ap, const char *))
		if (!strstr(line, s))
			return false;
	return true;
}

size_t tlog_count(const char *substr, ...)
{
	size_t i, n = 0;
	va_list ap;

	for (i = 0; i < tlog.n; i++) {
		va_start(ap, substr);
		n += has_all(tlog.line[i], substr, ap);
		va_end(ap);
	}
	return n;
}

size_t tlog_lines(void)
{
	return tlog.n;
}
