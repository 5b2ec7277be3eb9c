// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The journal of l2tpctl's changes (conf_journal.h): JSON records (json-c)
 * appended one a line, made again with conf_ctl_apply().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "conf_edit.h"
#include "conf_impl.h"
#include "conf_journal.h"

static const char *str_of(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int decode_items(struct json_object *o, struct conf_ctl_edit *e)
{
	struct json_object *items, *it;
	size_t i, n;

	if (!json_object_object_get_ex(o, "items", &items))
		return 0;
	if (!json_object_is_type(items, json_type_array))
		return -EINVAL;
	n = json_object_array_length(items);
	if (n > CONF_CTL_ITEMS_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		it = json_object_array_get_idx(items, i);
		if (!json_object_is_type(it, json_type_string))
			return -EINVAL;
		e->items[e->nitems++] = json_object_get_string(it);
	}
	return 0;
}

static int decode_props(struct json_object *o, struct conf_ctl_edit *e)
{
	struct json_object *props;

	if (!json_object_object_get_ex(o, "props", &props))
		return 0;
	if (!json_object_is_type(props, json_type_object))
		return -EINVAL;
	json_object_object_foreach(props, key, v) {
		if (e->nprops == CONF_CTL_PROPS_MAX ||
		    !json_object_is_type(v, json_type_string))
			return -EINVAL;
		e->props[e->nprops].key = key;
		e->props[e->nprops].value = json_object_get_string(v);
		e->nprops++;
	}
	return 0;
}

int conf_journal_decode(struct json_object *o, int verb,
			struct conf_ctl_edit *e)
{
	const char *s;
	int kind;

	memset(e, 0, sizeof(*e));
	if (!json_object_is_type(o, json_type_object))
		return -EINVAL;
	if (verb < 0) {
		s = str_of(o, "verb");
		verb = s ? conf_ctl_verb_lookup(s) : -ENOENT;
	}
	s = str_of(o, "object");
	kind = s ? conf_ctl_kind_lookup(s) : -ENOENT;
	if (verb < 0 || verb >= CONF_CTL_VERB_MAX || kind < 0)
		return -EINVAL;
	e->verb = (enum conf_ctl_verb)verb;
	e->kind = (enum conf_kind)kind;
	if (decode_items(o, e) || decode_props(o, e))
		return -EINVAL;
	return 0;
}

static struct json_object *encode(const struct conf_ctl_edit *e)
{
	struct json_object *o = json_object_new_object();
	struct json_object *items = json_object_new_array();
	struct json_object *props = json_object_new_object();
	size_t i;
	int err = !o || !items || !props;

	if (!err) {
		json_object_object_add(o, "verb", json_object_new_string(
			conf_ctl_verb_name(e->verb)));
		json_object_object_add(o, "object", json_object_new_string(
			conf_ctl_kind_name(e->kind)));
	}
	for (i = 0; !err && i < e->nitems; i++)
		err = json_object_array_add(items,
			json_object_new_string(e->items[i]));
	for (i = 0; !err && i < e->nprops; i++)
		err = json_object_object_add(props, e->props[i].key,
			json_object_new_string(e->props[i].value));
	if (!err)
		err = json_object_object_add(o, "items", items);
	if (!err)
		items = NULL;
	if (!err)
		err = json_object_object_add(o, "props", props);
	if (!err)
		props = NULL;
	json_object_put(items);
	json_object_put(props);
	if (err) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static int write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A torn last line (a crash mid-write) must not swallow the next record. */
static int line_start(int fd)
{
	struct stat st;
	char last;

	if (fstat(fd, &st))
		return -errno;
	if (!st.st_size)
		return 0;
	if (pread(fd, &last, 1, st.st_size - 1) != 1)
		return -EIO;
	return last == '\n' ? 0 : write_all(fd, "\n", 1);
}

int conf_journal_append(const char *path, const struct conf_ctl_edit *e)
{
	struct json_object *o = encode(e);
	const char *s;
	int fd, err;

	if (!o)
		return -ENOMEM;
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	err = fd < 0 ? -errno : line_start(fd);
	if (!err)
		err = write_all(fd, s, strlen(s));
	if (!err)
		err = write_all(fd, "\n", 1);
	if (!err && fsync(fd))
		err = -errno;
	if (fd >= 0 && close(fd) && !err)
		err = -errno;
	json_object_put(o);
	return err;
}

/* One record on a copy of *c, which replaces *c when it validates. */
static int replay_one(const char *path, unsigned line, const char *text,
		      struct conf **c, struct conf_msgs *msgs)
{
	struct json_object *o = json_tokener_parse(text);
	struct conf_ctl_edit e;
	struct conf *d = NULL;
	int err;

	if (!o || conf_journal_decode(o, -1, &e)) {
		conf_msg_add(msgs, path, line, NULL, NULL,
			     "not a journal record");
		json_object_put(o);
		return -EINVAL;
	}
	d = conf_dup(*c);
	err = d ? conf_ctl_apply(d, &e, path, line, msgs) : -ENOMEM;
	if (!err)
		err = conf_validate(d, msgs);
	if (err) {
		conf_free(d);
		conf_msg_add(msgs, path, line, NULL, NULL, "record skipped: "
			     "%s %s", conf_ctl_kind_name(e.kind),
			     conf_ctl_verb_name(e.verb));
	} else {
		conf_free(*c);
		*c = d;
	}
	json_object_put(o);
	return err;
}

int conf_journal_replay(const char *path, struct conf **c,
			struct conf_msgs *msgs, size_t *applied,
			size_t *skipped)
{
	char *text = NULL, *p, *nl;
	unsigned line = 0;
	int err;

	*applied = *skipped = 0;
	err = conf_read_file(path, &text);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	for (p = text; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		line++;
		if (!p[strspn(p, " \t\r")] || p[strspn(p, " \t")] == '#')
			continue;
		err = replay_one(path, line, p, c, msgs);
		if (err == -ENOMEM)
			break;
		if (err)
			++*skipped;
		else
			++*applied;
		err = 0;
	}
	free(text);
	return err;
}
