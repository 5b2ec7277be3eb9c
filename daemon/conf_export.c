// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writes a struct conf as l2tpd.conf: what differs from the defaults (and
 * the names), in schema order, so that the text parses back to an equal
 * configuration. l2tpd --import-xl2tpd prints an xl2tpd.conf this way.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "conf_impl.h"

static const char *const auth_words[] = { "pap", "chap", "mschap1", "mschap2" };

/* One element of a list value as text; false past the end. */
static bool list_item(const struct conf_prop *p, const void *f, size_t i,
		      char *buf, size_t len)
{
	const struct conf_ips *ips = f;
	const struct conf_endpoints *e = f;
	const struct conf_targets *t = f;
	const struct conf_ranges *r = f;
	unsigned bits = p->type == CT_AUTH ? *(const unsigned *)f : 0;
	size_t k, seen = 0;

	switch (p->type) {
	case CT_AUTH:
		for (k = 0; k < 4; k++) {
			if (!(bits & (1u << k)) || seen++ != i)
				continue;
			snprintf(buf, len, "%s", auth_words[k]);
			return true;
		}
		return false;
	case CT_IPS:
		if (i < ips->n)
			conf_ip_str(&ips->v[i], buf, len);
		return i < ips->n;
	case CT_ENDPOINTS:
		if (i < e->n)
			conf_endpoint_str(&e->v[i], buf, len);
		return i < e->n;
	case CT_TARGETS:
		if (i < t->n)
			conf_target_str(&t->v[i], buf, len);
		return i < t->n;
	default:
		if (i < r->n)
			conf_range_str(&r->v[i], buf, len);
		return i < r->n;
	}
}

static bool is_list(const struct conf_prop *p)
{
	return p->type == CT_AUTH || p->type == CT_IPS ||
		p->type == CT_ENDPOINTS || p->type == CT_TARGETS ||
		p->type == CT_RANGES;
}

static void scalar_format(const struct conf_prop *p, const void *f, char *buf,
			  size_t len)
{
	const struct conf_addr_pool *ap = f;
	uint32_t u;

	switch (p->type) {
	case CT_BOOL:
		snprintf(buf, len, "%s", *(const bool *)f ? "true" : "false");
		break;
	case CT_UINT:
	case CT_DURATION:
		u = *(const uint32_t *)f;
		if (p->words && !u)
			snprintf(buf, len, "%s", p->words[0]);
		else if (p->type == CT_DURATION && u >= 60)
			conf_duration_str(u, buf, len);
		else
			snprintf(buf, len, "%u", u);
		break;
	case CT_INT:
		snprintf(buf, len, "%d", *(const int32_t *)f);
		break;
	case CT_SWITCH:
	case CT_ENUM:
		snprintf(buf, len, "%s", p->words[*(const int *)f]);
		break;
	case CT_STRING:
		snprintf(buf, len, "%s", *(char *const *)f ? *(char *const *)f : "");
		break;
	case CT_IP:
		conf_ip_str(f, buf, len);
		break;
	case CT_TARGET:
		conf_target_str(f, buf, len);
		break;
	case CT_ADDR_POOL:
		if (ap->pool)
			snprintf(buf, len, "%s", ap->pool);
		else
			conf_ip_str(&ap->ip, buf, len);
		break;
	default:
		snprintf(buf, len, "%s", "{ ... }");
		break;
	}
}

void conf_value_format(const struct conf_prop *p, const void *f, char *buf,
		       size_t len)
{
	char item[CONF_VALUE_MAX];
	size_t i, off = 0;

	if (!is_list(p)) {
		scalar_format(p, f, buf, len);
		return;
	}
	buf[0] = 0;
	for (i = 0; list_item(p, f, i, item, sizeof(item)) && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					i ? ", " : "", item);
}

/* A libconfig string literal. */
static void write_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", out);
		else if (ch == '\t')
			fputs("\\t", out);
		else if (!isprint(ch))
			fprintf(out, "\\x%02x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void indent(FILE *out, int depth)
{
	while (depth-- > 0)
		fputc('\t', out);
}

static void write_obj(FILE *out, const struct conf_schema *s, const void *obj,
		      int depth);

static bool builtin_unchanged(const struct conf_schema *s, const void *obj)
{
	void *ref;
	bool same;

	if (s != &conf_schema_profile ||
	    !conf_profile_is_builtin_name(conf_obj_name(s, obj)))
		return false;
	ref = conf_obj_reference(s, obj);
	same = ref && conf_obj_equal(s, obj, ref);
	conf_obj_destroy(s, ref);
	return same;
}

static bool vec_empty(const struct conf_prop *p, const struct conf_vec *vec)
{
	size_t i;

	for (i = 0; i < vec->n; i++)
		if (!builtin_unchanged(p->sub, conf_vec_at(vec, p->sub, i)))
			return false;
	return true;
}

static void write_vec(FILE *out, const struct conf_prop *p,
		      const struct conf_vec *vec, int depth)
{
	bool first = true;
	size_t i;

	fputs("(\n", out);
	for (i = 0; i < vec->n; i++) {
		const void *e = conf_vec_at(vec, p->sub, i);

		if (builtin_unchanged(p->sub, e))
			continue;
		if (!first)
			fputs(",\n", out);
		first = false;
		indent(out, depth + 1);
		fputs("{\n", out);
		write_obj(out, p->sub, e, depth + 2);
		indent(out, depth + 1);
		fputc('}', out);
	}
	fputc('\n', out);
	indent(out, depth);
	fputc(')', out);
}

static void write_value(FILE *out, const struct conf_prop *p, const void *f,
			int depth)
{
	char buf[CONF_VALUE_MAX];
	size_t i;

	if (is_list(p)) {
		fputs("[ ", out);
		for (i = 0; list_item(p, f, i, buf, sizeof(buf)); i++) {
			fputs(i ? ", " : "", out);
			write_string(out, buf);
		}
		fputs(i ? " ]" : "]", out);
		return;
	}
	switch (p->type) {
	case CT_STRUCT:
	case CT_GROUP:
		fputs("{\n", out);
		write_obj(out, p->sub, p->type == CT_GROUP ? *(void *const *)f : f,
			  depth + 1);
		indent(out, depth);
		fputc('}', out);
		return;
	case CT_VEC:
		write_vec(out, p, f, depth);
		return;
	default:
		break;
	}
	scalar_format(p, f, buf, sizeof(buf));
	if (p->type == CT_BOOL || p->type == CT_INT ||
	    (p->type == CT_UINT && (!p->words || *(const uint32_t *)f)) ||
	    (p->type == CT_DURATION && *(const uint32_t *)f < 60 &&
	     (!p->words || *(const uint32_t *)f)))
		fputs(buf, out);
	else
		write_string(out, buf);
}

static void write_obj(FILE *out, const struct conf_schema *s, const void *obj,
		      int depth)
{
	void *ref = conf_obj_reference(s, obj);
	size_t i;

	for (i = 0; ref && i < s->nprops; i++) {
		const struct conf_prop *p = &s->props[i];
		const void *f = conf_field(obj, p);

		if (p->flags & CF_INTERNAL)
			continue;
		if (!(p->flags & CF_NAME) && conf_value_equal(p, f, conf_field(ref, p)))
			continue;
		if (p->type == CT_VEC && vec_empty(p, f))
			continue;
		if ((p->flags & CF_NAME) && !*(char *const *)f)
			continue;
		indent(out, depth);
		fprintf(out, "%s = ", p->name);
		write_value(out, p, f, depth);
		fputs(";\n", out);
	}
	conf_obj_destroy(s, ref);
}

int conf_export(const struct conf *c, FILE *out)
{
	write_obj(out, &conf_schema_root, c, 0);
	return ferror(out) ? -EIO : 0;
}
