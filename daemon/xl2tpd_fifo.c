// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xl2tpd's control FIFO on the loop (xl2tpd_fifo.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "xl2tpd_cmd.h"
#include "xl2tpd_fifo.h"

struct xl2tpd_fifo {
	struct loop *loop;
	char *path;
	int fd;
	struct loop_watch *w;
	xl2tpd_fifo_line_fn *fn;
	void *arg;
	bool made;			/* the FIFO at path is ours */
	bool overlong;			/* skipping to a line's end */
	size_t len;
	char buf[XL2TPD_CMD_MAX + 1];	/* one line and its NUL */
};

static void fifo_read(int fd, unsigned int events, void *arg);

static int fifo_reopen(struct xl2tpd_fifo *f)
{
	struct stat st;
	int err;

	loop_watch_free(f->w);
	f->w = NULL;
	if (f->fd >= 0)
		close(f->fd);
	f->fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (f->fd < 0)
		return -errno;
	/* something else took the path since we made the FIFO */
	if (fstat(f->fd, &st) || !S_ISFIFO(st.st_mode))
		return -EINVAL;
	err = loop_watch_fd(f->loop, f->fd, LOOP_READ, fifo_read, f, &f->w);
	return err;
}

/* The line in buf is complete (its line break, or the writers' close). */
static void fifo_line(struct xl2tpd_fifo *f)
{
	f->buf[f->len] = '\0';
	if (!f->overlong && f->len)
		f->fn(f->arg, f->buf, NULL);
	f->overlong = false;
	f->len = 0;
}

/* A line that outgrows the buffer: reported once, then skipped. */
static void fifo_overlong(struct xl2tpd_fifo *f)
{
	if (!f->overlong) {
		f->buf[f->len < 64 ? f->len : 64] = '\0';
		f->fn(f->arg, f->buf, "longer than a command can be");
	}
	f->overlong = true;
	f->len = 0;
}

static void fifo_take(struct xl2tpd_fifo *f, const char *p, size_t n)
{
	const char *nl;
	size_t k;

	while (n) {
		nl = memchr(p, '\n', n);
		k = nl ? (size_t)(nl - p) : n;
		if (f->len + k >= sizeof(f->buf))
			fifo_overlong(f);
		else if (!f->overlong)
			memcpy(f->buf + f->len, p, k);
		if (!f->overlong)
			f->len += k;
		if (nl) {
			fifo_line(f);
			k++;
		}
		p += k;
		n -= k;
	}
}

static void fifo_read(int fd, unsigned int events, void *arg)
{
	struct xl2tpd_fifo *f = arg;
	char chunk[512];
	ssize_t n;
	int err;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n > 0) {
			fifo_take(f, chunk, (size_t)n);
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		break;
	}
	/*
	 * The last writer closed it (or it failed): a command written
	 * without a line break ends here, and a new open waits for the next
	 * writer; open as it is, it would report its end again and again.
	 */
	fifo_line(f);
	err = fifo_reopen(f);
	if (err)
		log_warnx("xl2tpd control %s: cannot open it again: %s; it "
			  "takes no more commands", f->path, strerror(-err));
}

/* xl2tpd's start-up: unlink(), mkfifo(0600); the directory if missing. */
static int fifo_make(const char *path)
{
	char *dir = strdup(path);
	int err = 0;

	if (!dir)
		return -ENOMEM;
	if (mkdir(dirname(dir), 0755) && errno != EEXIST)
		err = -errno;
	free(dir);
	if (err)
		return err;
	if (unlink(path) && errno != ENOENT)
		return -errno;
	if (mkfifo(path, 0600))
		return -errno;
	/* mode 0600 whatever the umask */
	return chmod(path, 0600) ? -errno : 0;
}

int xl2tpd_fifo_open(struct loop *loop, const char *path,
		     xl2tpd_fifo_line_fn *fn, void *arg,
		     struct xl2tpd_fifo **out)
{
	struct xl2tpd_fifo *f = calloc(1, sizeof(*f));
	int err;

	if (!f)
		return -ENOMEM;
	f->loop = loop;
	f->fn = fn;
	f->arg = arg;
	f->fd = -1;
	f->path = strdup(path);
	err = f->path ? fifo_make(path) : -ENOMEM;
	f->made = !err;
	if (!err)
		err = fifo_reopen(f);
	if (err) {
		xl2tpd_fifo_free(f);
		return err;
	}
	*out = f;
	return 0;
}

void xl2tpd_fifo_free(struct xl2tpd_fifo *f)
{
	if (!f)
		return;
	loop_watch_free(f->w);
	if (f->fd >= 0)
		close(f->fd);
	if (f->made)
		unlink(f->path);
	free(f->path);
	free(f);
}

int xl2tpd_fifo_reply(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC |
		      O_NOCTTY);
	struct stat st;
	ssize_t n;
	int err = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !(S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode))) {
		close(fd);
		return -EINVAL;
	}
	if (S_ISREG(st.st_mode) && ftruncate(fd, 0))
		err = -errno;
	while (!err && len) {
		n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = -errno;
		else {
			text += n;
			len -= (size_t)n;
		}
	}
	close(fd);
	return err;
}
