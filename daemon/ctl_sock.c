// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The control socket's file: its directory, a stale socket left by a
 * daemon that crashed, its mode and group. A socket somebody still
 * answers on is never removed: that is a second l2tpd, and starting would
 * steal its control socket.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl_impl.h"

/* A group name or number; -ENOENT when there is no such group. */
static int group_id(const char *group, gid_t *gid)
{
	struct group gr, *res = NULL;
	char buf[4096], *end;
	unsigned long v;
	int err;

	errno = 0;
	v = strtoul(group, &end, 10);
	if (*group && !*end && !errno && v < (gid_t)-1) {
		*gid = (gid_t)v;
		return 0;
	}
	err = getgrnam_r(group, &gr, buf, sizeof(buf), &res);
	if (err)
		return -err;
	if (!res)
		return -ENOENT;
	*gid = gr.gr_gid;
	return 0;
}

/* The socket's directory (/run/l2tpd): made 0755 when it is missing. */
static int make_dir(const char *path)
{
	char *copy = strdup(path);
	int err = 0;

	if (!copy)
		return -ENOMEM;
	if (mkdir(dirname(copy), 0755) && errno != EEXIST)
		err = -errno;
	free(copy);
	return err;
}

/* Removes a socket nobody listens on; a live one is -EADDRINUSE. */
static int clear_stale(const char *path)
{
	struct stat st;
	int fd;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(st.st_mode))
		return -EEXIST;
	fd = ctl_connect(path);
	if (fd >= 0) {
		close(fd);
		return -EADDRINUSE;
	}
	if (fd != -ECONNREFUSED)
		return fd;
	return unlink(path) ? -errno : 0;
}

/* Binds with no access for anyone until chmod() gives the configured one. */
static int bind_private(int fd, const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	mode_t old;
	int err = 0;

	strcpy(sun.sun_path, path);
	/* The umask is the process's: the daemon is single-threaded. */
	old = umask(0177);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)))
		err = -errno;
	umask(old);
	return err;
}

static int set_access(const char *path, mode_t mode, const char *group)
{
	gid_t gid;
	int err;

	if (group) {
		err = group_id(group, &gid);
		if (err)
			return err;
		if (chown(path, (uid_t)-1, gid))
			return -errno;
	}
	return chmod(path, mode) ? -errno : 0;
}

int ctl_sock_listen(struct ctl_server *s, const char *path, mode_t mode,
		    const char *group)
{
	struct sockaddr_un sun;
	struct stat st;
	gid_t gid;
	int fd, err;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	/* A bad group is a configuration error: say so before touching files. */
	if (group && (err = group_id(group, &gid)))
		return err;
	err = make_dir(path);
	if (!err)
		err = clear_stale(path);
	if (err)
		return err;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	err = bind_private(fd, path);
	if (err) {
		close(fd);
		return err;
	}
	s->lfd = fd;
	s->path = strdup(path);
	if (!s->path || lstat(path, &st)) {
		err = s->path ? -errno : -ENOMEM;
		unlink(path);
		return err;
	}
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	err = set_access(path, mode, group);
	if (!err && listen(fd, SOMAXCONN))
		err = -errno;
	return err;
}

void ctl_sock_close(struct ctl_server *s)
{
	struct stat st;

	if (s->lfd >= 0)
		close(s->lfd);
	s->lfd = -1;
	/* Only our own file: a newer daemon may have replaced it. */
	if (s->path && !lstat(s->path, &st) && st.st_dev == s->dev &&
	    st.st_ino == s->ino)
		unlink(s->path);
	free(s->path);
	s->path = NULL;
}

int ctl_sock_prepare(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC))
		return -errno;
	return 0;
}
