// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <string.h>

#include "ifname.h"

/* Suffixes "-1" .. "-zzzz": 36^4 - 1 candidates after the bare name. */
#define IFNAME_SUFFIX_MAX	(36 * 36 * 36 * 36)

/* A character the kernel's dev_valid_name() takes, '%' excepted. */
static bool ifname_char_ok(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != '/' && c != ':' && c != '%';
}

bool ifname_valid(const char *name)
{
	size_t i, len = strlen(name);

	if (!len || len > IFNAME_MAX || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return false;
	for (i = 0; i < len; i++)
		if (!ifname_char_ok((unsigned char)name[i]))
			return false;
	return true;
}

/* n in base 36, digits then lower-case letters, into buf. */
static void ifname_base36(unsigned n, char *buf, size_t len)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char tmp[8];
	size_t i = 0, j;

	do {
		tmp[i++] = digits[n % 36];
		n /= 36;
	} while (n && i < sizeof(tmp));
	for (j = 0; j < i && j + 1 < len; j++)
		buf[j] = tmp[i - 1 - j];
	buf[j] = '\0';
}

/* "l2tp-" and user, cleaned, cut to room characters in total. */
static void ifname_base(const char *user, char *out, size_t room)
{
	size_t len = strlen(IFNAME_PREFIX), i;

	memcpy(out, IFNAME_PREFIX, len);
	for (i = 0; user && user[i] && len < room; i++)
		out[len++] = ifname_char_ok((unsigned char)user[i]) ?
			user[i] : '_';
	out[len] = '\0';
}

int ifname_dynamic(const char *user, ifname_taken_fn *taken, void *arg,
		   char out[IFNAME_MAX + 1])
{
	char suffix[8];
	size_t room;
	unsigned n;

	if (user && *user) {
		ifname_base(user, out, IFNAME_MAX);
		/* Only a name that was not cut short may go without suffix. */
		if (strlen(IFNAME_PREFIX) + strlen(user) <= IFNAME_MAX &&
		    !taken(out, arg))
			return 0;
	}
	for (n = 1; n < IFNAME_SUFFIX_MAX; n++) {
		suffix[0] = '-';
		ifname_base36(n, suffix + 1, sizeof(suffix) - 1);
		room = IFNAME_MAX - strlen(suffix);
		if (user && *user) {
			ifname_base(user, out, room);
		} else {
			/* "l2tp" and the suffix: "l2tp-1". */
			memcpy(out, IFNAME_PREFIX, strlen(IFNAME_PREFIX) - 1);
			out[strlen(IFNAME_PREFIX) - 1] = '\0';
		}
		strcat(out, suffix);
		if (!taken(out, arg))
			return 0;
	}
	return -EADDRINUSE;
}
