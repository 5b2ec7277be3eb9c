// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sd_notify(3) without libsystemd. The protocol is one datagram per
 * message to $NOTIFY_SOCKET; systemd reads the sender's credentials from
 * the socket, so nothing but the text has to be sent.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "sdnotify.h"

/*
 * Fills sun from $NOTIFY_SOCKET: "/path" is a file system socket, "@name"
 * an abstract one whose leading NUL replaces the '@' and whose address
 * length excludes any trailing NUL (sd_notify(3)). Anything else (a
 * relative path, systemd 254's "vsock:") is not ours to guess at.
 */
static int notify_addr(const char *env, struct sockaddr_un *sun,
		       socklen_t *len)
{
	size_t n = strlen(env);

	if (env[0] != '/' && env[0] != '@')
		return -EAFNOSUPPORT;
	if (n >= sizeof(sun->sun_path))
		return -ENAMETOOLONG;
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, env, n);
	if (env[0] == '@') {
		sun->sun_path[0] = '\0';
		*len = offsetof(struct sockaddr_un, sun_path) + n;
	} else {
		*len = offsetof(struct sockaddr_un, sun_path) + n + 1;
	}
	return 0;
}

int sdnotify_send(const char *msg)
{
	const char *env = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun;
	size_t n = strlen(msg);
	socklen_t len;
	ssize_t sent;
	int fd, err;

	if (!env || !*env)
		return 0;
	err = notify_addr(env, &sun, &len);
	if (err)
		return err;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	sent = sendto(fd, msg, n, MSG_NOSIGNAL, (struct sockaddr *)&sun, len);
	err = sent < 0 ? -errno : 0;
	close(fd);
	if (!err && (size_t)sent != n)
		err = -EMSGSIZE;
	return err;
}

int sdnotify_ready(void)
{
	return sdnotify_send("READY=1");
}

int sdnotify_reloading(void)
{
	struct timespec ts;
	char msg[64];

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return -errno;
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%llu",
		 (unsigned long long)ts.tv_sec * 1000000ULL +
		 (unsigned long long)ts.tv_nsec / 1000ULL);
	return sdnotify_send(msg);
}

int sdnotify_stopping(void)
{
	return sdnotify_send("STOPPING=1");
}

int sdnotify_status(const char *fmt, ...)
{
	char *text, *msg, *p;
	va_list ap;
	int n, err;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	/*
	 * A newline would end STATUS= and start another variable: a peer's
	 * host name in the text must not be able to send READY=1 or
	 * MAINPID= for us.
	 */
	for (p = text; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	n = asprintf(&msg, "STATUS=%s", text);
	free(text);
	if (n < 0)
		return -ENOMEM;
	err = sdnotify_send(msg);
	free(msg);
	return err;
}
