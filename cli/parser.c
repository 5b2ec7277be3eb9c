// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpctl's command parser (parser.h): menus as token tables, a table of
 * objects with the verbs each accepts, the verbs' arguments. One walk
 * serves parsing, its error messages and completion.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "conf_keys.h"
#include "ctl.h"
#include "parser.h"

/* A word of a menu: it names an object, a command, or a further menu. */
struct node {
	const char *word;
	int obj;		/* enum ctl_obj, or -1 */
	uint16_t cmd;		/* CTL_REQ_RELOAD, ...; 0 */
	const struct node *sub;	/* the words that may follow, or NULL */
};

#define NODE_END	{ NULL, -1, 0, NULL }

static const struct node l2tp_server_menu[] = {
	{ "server", CTL_OBJ_SERVER, 0, NULL },
	NODE_END,
};

static const struct node interface_menu[] = {
	{ "l2tp-client", CTL_OBJ_CLIENT, 0, NULL },
	{ "l2tp-server", CTL_OBJ_SERVER_IF, 0, l2tp_server_menu },
	NODE_END,
};

static const struct node ppp_menu[] = {
	{ "secret", CTL_OBJ_SECRET, 0, NULL },
	{ "profile", CTL_OBJ_PROFILE, 0, NULL },
	{ "active", CTL_OBJ_ACTIVE, 0, NULL },
	NODE_END,
};

static const struct node ip_menu[] = {
	{ "pool", CTL_OBJ_POOL, 0, NULL },
	NODE_END,
};

static const struct node top_menu[] = {
	{ "interface", -1, 0, interface_menu },
	{ "ppp", -1, 0, ppp_menu },
	{ "ip", -1, 0, ip_menu },
	{ "tunnel", CTL_OBJ_TUNNEL, 0, NULL },
	{ "session", CTL_OBJ_SESSION, 0, NULL },
	{ "reload", -1, CTL_REQ_RELOAD, NULL },
	{ "export", -1, CTL_REQ_EXPORT, NULL },
	{ "import-xl2tpd", -1, CLI_IMPORT_XL2TPD, NULL },
	NODE_END,
};

enum verb { V_PRINT, V_ADD, V_SET, V_REMOVE, V_ENABLE, V_DISABLE, V_MONITOR,
	    V_MAX };

static const struct {
	const char *word;
	uint16_t req;
} verbs[V_MAX] = {
	[V_PRINT] = { "print", CTL_REQ_PRINT },
	[V_ADD] = { "add", CTL_REQ_ADD },
	[V_SET] = { "set", CTL_REQ_SET },
	[V_REMOVE] = { "remove", CTL_REQ_REMOVE },
	[V_ENABLE] = { "enable", CTL_REQ_ENABLE },
	[V_DISABLE] = { "disable", CTL_REQ_DISABLE },
	[V_MONITOR] = { "monitor", CTL_REQ_MONITOR },
};

#define B(v)		(1u << (v))
#define V_EDIT		(B(V_PRINT) | B(V_ADD) | B(V_SET) | B(V_REMOVE))
#define V_SWITCH	(B(V_ENABLE) | B(V_DISABLE))

static const char *const tunnel_keys[] = { "tunnel-id", NULL };
static const char *const session_keys[] = { "tunnel-id", "session-id", NULL };

static const struct object {
	int kind;		/* enum conf_kind; -1: a live object */
	unsigned verbs;
	bool singleton;		/* set has no item */
	const char *const *selectors;	/* keys that pick live items */
} objects[CTL_OBJ_MAX] = {
	[CTL_OBJ_CLIENT] = { CONF_KIND_CLIENT, V_EDIT | V_SWITCH | B(V_MONITOR) },
	[CTL_OBJ_SERVER] = { CONF_KIND_SERVER, B(V_PRINT) | B(V_SET), true },
	[CTL_OBJ_SERVER_IF] = { CONF_KIND_SERVER_IF, V_EDIT | V_SWITCH },
	[CTL_OBJ_SECRET] = { CONF_KIND_SECRET, V_EDIT | V_SWITCH },
	[CTL_OBJ_PROFILE] = { CONF_KIND_PROFILE, V_EDIT },
	[CTL_OBJ_ACTIVE] = { -1, B(V_PRINT) | B(V_REMOVE) },
	[CTL_OBJ_POOL] = { CONF_KIND_POOL, V_EDIT },
	[CTL_OBJ_TUNNEL] = { -1, B(V_PRINT) | B(V_REMOVE), false, tunnel_keys },
	[CTL_OBJ_SESSION] = { -1, B(V_PRINT) | B(V_REMOVE), false,
			      session_keys },
};

#define WORDS_MAX	64

/* A list of candidate words, for matching, messages and completion. */
struct words {
	const char *v[WORDS_MAX];
	size_t n;
};

enum stage { S_MENU, S_ARGS, S_FILE, S_DONE };

struct walk {
	enum stage stage;
	const struct node *menu;
	int obj;
	int verb;
	struct cli_cmd *cmd;
	char ctx[160];		/* the words so far, in full */
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct walk *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->err, w->errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void words_add(struct words *ws, const char *word)
{
	if (ws->n < WORDS_MAX)
		ws->v[ws->n++] = word;
}

/* " a b c": the words, or those starting with the first len bytes of w. */
static const char *words_list(const struct words *ws, const char *w,
			      size_t len, char *buf, size_t size)
{
	size_t i, off = 0;

	buf[0] = 0;
	for (i = 0; i < ws->n && off < size; i++)
		if (!w || !strncmp(ws->v[i], w, len))
			off += (size_t)snprintf(buf + off, size - off, " %s",
						ws->v[i]);
	return buf;
}

/*
 * The index of the word that w (its first len bytes) names: exact, else
 * a unique prefix; -ENOENT for none, -EEXIST for several.
 */
static int words_match(const struct words *ws, const char *w, size_t len)
{
	int found = -ENOENT;
	size_t i;

	for (i = 0; i < ws->n; i++) {
		if (strncmp(ws->v[i], w, len))
			continue;
		if (!ws->v[i][len])
			return (int)i;
		found = found == -ENOENT ? (int)i : -EEXIST;
	}
	return found;
}

/* What may follow in a menu: its words, then the object's verbs. */
static void menu_words(const struct walk *w, struct words *ws)
{
	const struct node *n;
	int v;

	ws->n = 0;
	for (n = w->menu; n && n->word; n++)
		words_add(ws, n->word);
	if (w->obj < 0)
		return;
	for (v = 0; v < V_MAX; v++)
		if (objects[w->obj].verbs & B(v))
			words_add(ws, verbs[v].word);
}

static bool verb_takes_items(int verb)
{
	return verb != V_PRINT && verb != V_ADD;
}

/* The keys key=value may use here: the schema's, or a live object's. */
static void prop_words(const struct walk *w, struct words *ws)
{
	const struct object *o = &objects[w->obj];
	const char *const *k;
	const char *name;
	size_t i;

	ws->n = 0;
	if (w->verb == V_ADD || w->verb == V_SET) {
		for (i = 0; (name = conf_key(o->kind, i, NULL)); i++)
			words_add(ws, name);
		return;
	}
	for (k = o->selectors; k && *k; k++)
		words_add(ws, *k);
}

static void ctx_add(struct walk *w, const char *word)
{
	size_t off = strlen(w->ctx);

	snprintf(w->ctx + off, sizeof(w->ctx) - off, "%s%s", off ? " " : "",
		 word);
}

/* Goes one word down the menus. */
static int step_menu(struct walk *w, const char *word)
{
	char list[512];
	struct words ws;
	const struct node *n;
	int i;

	menu_words(w, &ws);
	i = words_match(&ws, word, strlen(word));
	if (i == -EEXIST)
		return fail(w, "'%s' is ambiguous%s%s%s; could be:%s", word,
			    *w->ctx ? " after '" : "", w->ctx,
			    *w->ctx ? "'" : "",
			    words_list(&ws, word, strlen(word), list,
				       sizeof(list)));
	if (i < 0)
		return fail(w, "'%s': unknown %s%s%s; valid:%s", word,
			    *w->ctx ? "word after '" : "command", w->ctx,
			    *w->ctx ? "'" : "",
			    words_list(&ws, NULL, 0, list, sizeof(list)));
	ctx_add(w, ws.v[i]);
	for (n = w->menu; n && n->word; n++) {
		if (n->word != ws.v[i])
			continue;
		w->menu = n->sub;
		if (n->obj >= 0)
			w->obj = n->obj;
		w->cmd->obj = w->obj;
		if (n->cmd) {
			w->cmd->req = n->cmd;
			w->stage = n->cmd == CLI_IMPORT_XL2TPD ? S_FILE : S_DONE;
		}
		return 0;
	}
	/* Not a menu word: one of the object's verbs. */
	for (w->verb = 0; strcmp(verbs[w->verb].word, ws.v[i]); w->verb++)
		;
	w->cmd->req = verbs[w->verb].req;
	w->stage = S_ARGS;
	return 0;
}

/* Adds "a,b,c" as items. */
static int add_items(struct walk *w, const char *word, const char *list)
{
	struct cli_cmd *c = w->cmd;
	const char *p = list, *comma;
	size_t len;

	do {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (!len)
			return fail(w, "'%s': an empty item", word);
		if (c->nitems == CLI_ITEMS_MAX)
			return fail(w, "'%s': more than %d items", word,
				    CLI_ITEMS_MAX);
		c->items[c->nitems] = strndup(p, len);
		if (!c->items[c->nitems])
			return -ENOMEM;
		c->nitems++;
		p = comma + 1;
	} while (comma);
	return 0;
}

static int step_prop(struct walk *w, const char *word, const char *eq)
{
	size_t i, klen = (size_t)(eq - word);
	struct cli_cmd *c = w->cmd;
	char list[1536];
	struct words ws;
	int k;

	if (!klen)
		return fail(w, "'%s': expected key=value", word);
	if (verb_takes_items(w->verb) && klen == 7 &&
	    !strncmp(word, "numbers", 7))
		return add_items(w, word, eq + 1);
	prop_words(w, &ws);
	if (!ws.n)
		return fail(w, "'%s': '%s' takes names or numbers, not "
			    "properties", word, w->ctx);
	k = words_match(&ws, word, klen);
	if (k == -EEXIST)
		return fail(w, "'%.*s' is ambiguous in '%s'; could be:%s",
			    (int)klen, word, w->ctx,
			    words_list(&ws, word, klen, list, sizeof(list)));
	if (k < 0)
		return fail(w, "'%.*s': unknown property of %s; valid:%s",
			    (int)klen, word, ctl_obj_name(w->obj),
			    words_list(&ws, NULL, 0, list, sizeof(list)));
	for (i = 0; i < c->nprops; i++)
		if (c->props[i].key == ws.v[k])
			return fail(w, "'%s': %s given twice", word, ws.v[k]);
	if (c->nprops == CLI_PROPS_MAX)
		return fail(w, "'%s': too many properties", word);
	c->props[c->nprops].key = ws.v[k];
	c->props[c->nprops].value = eq + 1;
	c->nprops++;
	return 0;
}

/* A word after the verb that is not key=value. */
static int step_word(struct walk *w, const char *word)
{
	struct cli_cmd *c = w->cmd;
	size_t len = strlen(word);

	switch (w->verb) {
	case V_PRINT:
		if (len && !strncmp("detail", word, len)) {
			c->detail = true;
			return 0;
		}
		return fail(w, "'%s': unexpected after '%s'; valid: detail",
			    word, w->ctx);
	case V_ADD:
		return fail(w, "'%s': expected key=value", word);
	case V_SET:
		if (objects[w->obj].singleton)
			return fail(w, "'%s': %s has no items; expected "
				    "key=value", word, ctl_obj_name(w->obj));
		if (c->nitems)
			return fail(w, "'%s': expected key=value", word);
		break;
	case V_MONITOR:
		/* Exact only: an item may be called "o". */
		if (!strcmp(word, "once")) {
			c->once = true;
			return 0;
		}
		break;
	default:
		break;
	}
	return add_items(w, word, word);
}

static int step(struct walk *w, const char *word)
{
	const char *eq;

	switch (w->stage) {
	case S_MENU:
		return step_menu(w, word);
	case S_ARGS:
		eq = strchr(word, '=');
		return eq ? step_prop(w, word, eq) : step_word(w, word);
	case S_FILE:
		if (!w->cmd->file) {
			w->cmd->file = word;
			return 0;
		}
		return fail(w, "'%s': unexpected after '%s %s'", word, w->ctx,
			    w->cmd->file);
	default:
		return fail(w, "'%s': unexpected after '%s'", word, w->ctx);
	}
}

static bool has_prop(const struct cli_cmd *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->nprops; i++)
		if (!strcmp(c->props[i].key, key))
			return true;
	return false;
}

/* What a verb needs: properties for add and set, items for the others. */
static int finish_args(struct walk *w)
{
	const struct object *o = &objects[w->obj];
	const struct cli_cmd *c = w->cmd;
	struct words ws;
	char list[256];
	const char *key;
	unsigned flags;
	size_t i;

	if ((w->verb == V_ADD || w->verb == V_SET) && !c->nprops)
		return fail(w, "'%s' needs key=value properties", w->ctx);
	for (i = 0; w->verb == V_ADD && (key = conf_key(o->kind, i, &flags));
	     i++)
		if ((flags & CONF_KEY_REQUIRED) && !has_prop(c, key))
			return fail(w, "'%s' needs %s=", w->ctx, key);
	if (!verb_takes_items(w->verb) || c->nitems ||
	    (w->verb == V_SET && o->singleton) || (o->selectors && c->nprops))
		return 0;
	ws.n = 0;
	for (i = 0; o->selectors && o->selectors[i]; i++)
		words_add(&ws, o->selectors[i]);
	return fail(w, "'%s' needs an item: %s or numbers=N[,M...]%s%s",
		    w->ctx, o->kind >= 0 ? "a name, a number" : "a number",
		    ws.n ? "; or by key:" : "",
		    words_list(&ws, NULL, 0, list, sizeof(list)));
}

static int finish(struct walk *w)
{
	char list[512];
	struct words ws;

	switch (w->stage) {
	case S_MENU:
		menu_words(w, &ws);
		words_list(&ws, NULL, 0, list, sizeof(list));
		if (!*w->ctx)
			return fail(w, "a command is needed; valid:%s", list);
		return fail(w, "'%s' needs one of:%s", w->ctx, list);
	case S_FILE:
		if (!w->cmd->file)
			return fail(w, "'%s' needs a file", w->ctx);
		return 0;
	case S_ARGS:
		return finish_args(w);
	default:
		return 0;
	}
}

static void walk_init(struct walk *w, struct cli_cmd *cmd, char *err,
		      size_t errlen)
{
	memset(w, 0, sizeof(*w));
	memset(cmd, 0, sizeof(*cmd));
	w->stage = S_MENU;
	w->menu = top_menu;
	w->obj = -1;
	w->verb = -1;
	w->cmd = cmd;
	w->err = err;
	w->errlen = errlen;
	cmd->obj = -1;
}

int cli_parse(int argc, char **argv, struct cli_cmd *cmd, char *err,
	      size_t errlen)
{
	struct walk w;
	int i, rc;

	walk_init(&w, cmd, err, errlen);
	for (i = 0; i < argc; i++) {
		rc = step(&w, argv[i]);
		if (rc)
			return rc;
	}
	return finish(&w);
}

void cli_cmd_free(struct cli_cmd *cmd)
{
	size_t i;

	for (i = 0; i < cmd->nitems; i++)
		free(cmd->items[i]);
	cmd->nitems = 0;
}

/* Properties not given yet, as "key=". */
static void complete_props(const struct walk *w, const char *cur, FILE *out)
{
	struct words ws;
	size_t i;

	prop_words(w, &ws);
	if (verb_takes_items(w->verb))
		words_add(&ws, "numbers");
	for (i = 0; i < ws.n; i++)
		if (!has_prop(w->cmd, ws.v[i]) &&
		    !strncmp(ws.v[i], cur, strlen(cur)))
			fprintf(out, "%s=\n", ws.v[i]);
}

void cli_complete(int argc, char **argv, FILE *out)
{
	struct cli_cmd cmd;
	struct words ws;
	char err[CLI_ERR_MAX];
	const char *cur = argc > 0 ? argv[argc - 1] : "";
	struct walk w;
	size_t i;
	int k;

	walk_init(&w, &cmd, err, sizeof(err));
	for (k = 0; k < argc - 1; k++)
		if (step(&w, argv[k]))
			goto out;
	ws.n = 0;
	if (w.stage == S_MENU)
		menu_words(&w, &ws);
	else if (w.stage == S_FILE && !cmd.file)
		words_add(&ws, "@file");
	if (w.stage == S_ARGS && w.verb == V_PRINT && !cmd.detail)
		words_add(&ws, "detail");
	if (w.stage == S_ARGS && w.verb == V_MONITOR && !cmd.once)
		words_add(&ws, "once");
	for (i = 0; i < ws.n; i++)
		if (ws.v[i][0] == '@' || !strncmp(ws.v[i], cur, strlen(cur)))
			fprintf(out, "%s\n", ws.v[i]);
	if (w.stage == S_ARGS && !strchr(cur, '='))
		complete_props(&w, cur, out);
out:
	cli_cmd_free(&cmd);
}

/* Every path of the menus with its verbs, for the usage message. */
static void usage_menu(const struct node *menu, const char *path, FILE *out)
{
	const struct node *n;
	char sub[128], sep;
	int v;

	for (n = menu; n->word; n++) {
		sep = ' ';
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? " " : "",
			 n->word);
		if (n->obj >= 0 || n->cmd)
			fprintf(out, "  %s", sub);
		if (n->cmd == CLI_IMPORT_XL2TPD)
			fputs(" FILE", out);
		for (v = 0; n->obj >= 0 && v < V_MAX; v++)
			if (objects[n->obj].verbs & B(v)) {
				fprintf(out, "%c%s", sep, verbs[v].word);
				sep = '|';
			}
		if (n->obj >= 0 || n->cmd)
			fputc('\n', out);
		if (n->sub)
			usage_menu(n->sub, sub, out);
	}
}

void cli_usage(FILE *out)
{
	usage_menu(top_menu, "", out);
}

static int add_string(struct json_object *o, const char *key, const char *v)
{
	struct json_object *s = json_object_new_string(v);

	if (!s || json_object_object_add(o, key, s)) {
		json_object_put(s);
		return -ENOMEM;
	}
	return 0;
}

static int add_body(const struct cli_cmd *cmd, struct json_object *o)
{
	struct json_object *items, *props;
	size_t i;
	int err = 0;

	if (cmd->obj < 0)
		return 0;
	if (add_string(o, CTL_K_OBJECT, ctl_obj_name(cmd->obj)))
		return -ENOMEM;
	if (cmd->detail && json_object_object_add(o, CTL_K_DETAIL,
						  json_object_new_boolean(1)))
		return -ENOMEM;
	items = json_object_new_array();
	if (!items || json_object_object_add(o, CTL_K_ITEMS, items)) {
		json_object_put(items);
		return -ENOMEM;
	}
	props = json_object_new_object();
	if (!props || json_object_object_add(o, CTL_K_PROPS, props)) {
		json_object_put(props);
		return -ENOMEM;
	}
	for (i = 0; i < cmd->nitems && !err; i++) {
		struct json_object *s = json_object_new_string(cmd->items[i]);

		if (!s || json_object_array_add(items, s)) {
			json_object_put(s);
			err = -ENOMEM;
		}
	}
	for (i = 0; i < cmd->nprops && !err; i++)
		err = add_string(props, cmd->props[i].key,
				 cmd->props[i].value);
	return err;
}

struct json_object *cli_request(const struct cli_cmd *cmd)
{
	struct json_object *o = json_object_new_object();

	if (o && add_body(cmd, o)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}
