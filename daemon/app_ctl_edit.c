// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpctl's add, set, remove, enable and disable of the configuration
 * objects, and the journal that keeps them (conf_ctl.h, conf_journal.h).
 *
 * An edit takes the path of a reload: a copy of the running configuration
 * is edited and validated as a whole; only then is it saved to the
 * journal and made the running one (app_conf_apply()), so that a client
 * added enabled dials at once, a removed or disabled one hangs up and
 * everything the edit does not touch keeps running. Whatever fails
 * changes nothing, and l2tpctl gets the message l2tpd.conf would give.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "app_ctl.h"
#include "conf_edit.h"
#include "conf_journal.h"
#include "ctl_server.h"
#include "log.h"
#include "reload.h"

static int app_journal_path(const struct l2tpd_opts *o, char *buf,
			    size_t len)
{
	if (!o->state_dir || !*o->state_dir)
		return -ENOENT;
	if ((size_t)snprintf(buf, len, "%s/%s", o->state_dir,
			     CONF_JOURNAL_FILE) >= len)
		return -ENAMETOOLONG;
	return 0;
}

void app_state_replay(const struct l2tpd_opts *o, struct conf **c)
{
	struct conf_msgs msgs = { 0 };
	size_t applied, skipped;
	char path[4096];
	int err;

	if (app_journal_path(o, path, sizeof(path)))
		return;
	err = conf_journal_replay(path, c, &msgs, &applied, &skipped);
	reload_log_msgs("state", &msgs);
	conf_msgs_free(&msgs);
	if (err)
		log_warnx("state: %s: %s; l2tpctl's changes not made",
			  path, strerror(-err));
	else if (applied || skipped)
		log_info("state: %s: %zu l2tpctl changes made again, %zu "
			 "skipped", path, applied, skipped);
}

/* Appends e to the journal; the state directory is made when missing. */
static int app_state_save(struct app *a, const struct conf_ctl_edit *e,
			  char *err, size_t errlen)
{
	char path[4096];
	int rc = app_journal_path(&a->opts, path, sizeof(path));

	if (rc == -ENOENT)
		return 0;
	if (!rc && mkdir(a->opts.state_dir, 0700) && errno != EEXIST)
		rc = -errno;
	if (!rc)
		rc = conf_journal_append(path, e);
	if (rc)
		snprintf(err, errlen, "cannot keep the change in %.256s: %s; "
			 "nothing changed", path, strerror(-rc));
	return rc;
}

/*
 * What l2tpctl is told: the first message, without the "l2tpctl:1:" an
 * edit's own messages carry (l2tpctl prints its name already).
 */
static void app_edit_err(char *err, size_t errlen, int rc,
			 const struct conf_msgs *msgs)
{
	const struct conf_msg *m = msgs->n ? &msgs->v[0] : NULL;
	char more[64] = "";
	size_t off = 0;

	if (!m) {
		snprintf(err, errlen, "%s", strerror(-rc));
		return;
	}
	if (msgs->n > 1)
		snprintf(more, sizeof(more), " (and %zu more in the log)",
			 msgs->n - 1);
	if (strcmp(m->file, CONF_CTL_FILE))
		off = (size_t)snprintf(err, errlen, "%s:%u: ", m->file,
				       m->line);
	if (off < errlen && m->path && *m->path)
		off += (size_t)snprintf(err + off, errlen - off, "%s: ",
					m->path);
	if (off < errlen)
		off += (size_t)snprintf(err + off, errlen - off, "%s",
					m->text);
	if (off < errlen && m->value)
		off += (size_t)snprintf(err + off, errlen - off, " '%s'",
					m->value);
	if (off < errlen)
		snprintf(err + off, errlen - off, "%s", more);
}

static int app_edit_verb(uint16_t type)
{
	switch (type) {
	case CTL_REQ_ADD:
		return CONF_CTL_ADD;
	case CTL_REQ_SET:
		return CONF_CTL_SET;
	case CTL_REQ_REMOVE:
		return CONF_CTL_REMOVE;
	case CTL_REQ_ENABLE:
		return CONF_CTL_ENABLE;
	case CTL_REQ_DISABLE:
		return CONF_CTL_DISABLE;
	default:
		return -EINVAL;
	}
}

/* Positions become names: the journal must not depend on print's order. */
static int app_edit_names(struct app *a, struct conf_ctl_edit *e, char *err,
			  size_t errlen)
{
	const char *name;
	size_t i;

	for (i = 0; e->verb != CONF_CTL_ADD && i < e->nitems; i++) {
		name = conf_ctl_resolve(a->conf, e->kind, e->items[i]);
		if (!name) {
			snprintf(err, errlen, "'%s': no such item in %s",
				 e->items[i], conf_ctl_kind_name(e->kind));
			return -ENOENT;
		}
		e->items[i] = name;
	}
	return 0;
}

/* A copy of the running configuration with e made and validated. */
static int app_edit_conf(struct app *a, const struct conf_ctl_edit *e,
			 struct conf **out, char *err, size_t errlen)
{
	struct conf_msgs msgs = { 0 };
	struct conf *d = conf_dup(a->conf);
	int rc = d ? conf_ctl_apply(d, e, CONF_CTL_FILE, 1, &msgs) : -ENOMEM;

	if (!rc)
		rc = conf_validate(d, &msgs);
	if (rc) {
		app_edit_err(err, errlen, rc, &msgs);
		conf_msgs_free(&msgs);
		conf_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void app_ctl_edit(struct app *a, struct ctl_client *c, uint16_t type,
		  struct json_object *body)
{
	struct conf_ctl_edit e;
	struct conf *d = NULL;
	char err[1024];
	int rc;

	/* nothing is saved that would not run */
	if (a->stopping) {
		ctl_reply_end(c, -ESHUTDOWN, "l2tpd is stopping");
		return;
	}
	rc = conf_journal_decode(body, app_edit_verb(type), &e);
	if (rc) {
		ctl_reply_end(c, rc, "a malformed request");
		return;
	}
	rc = app_edit_names(a, &e, err, sizeof(err));
	if (!rc)
		rc = app_edit_conf(a, &e, &d, err, sizeof(err));
	if (!rc)
		rc = app_state_save(a, &e, err, sizeof(err));
	if (rc) {
		conf_free(d);
		ctl_reply_end(c, rc, "%s", err);
		return;
	}
	log_info("l2tpctl (pid %ld): %s %s%s%s", (long)ctl_client_pid(c),
		 conf_ctl_kind_name(e.kind), conf_ctl_verb_name(e.verb),
		 e.nitems ? " " : "", e.nitems ? e.items[0] : "");
	rc = app_conf_apply(a, d, err, sizeof(err));
	if (rc)
		ctl_reply_end(c, rc, "%s", err);
	else
		ctl_reply_end(c, 0, NULL);
}
