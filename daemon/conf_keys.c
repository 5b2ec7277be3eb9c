// SPDX-License-Identifier: GPL-2.0-or-later
/* The schema's property names for l2tpctl (conf_keys.h). */
#include "conf_impl.h"
#include "conf_keys.h"

static const struct conf_schema *const kinds[CONF_KIND_MAX] = {
	[CONF_KIND_SERVER] = &conf_schema_server,
	[CONF_KIND_SERVER_IF] = &conf_schema_server_if,
	[CONF_KIND_SECRET] = &conf_schema_secret,
	[CONF_KIND_PROFILE] = &conf_schema_profile,
	[CONF_KIND_POOL] = &conf_schema_pool,
	[CONF_KIND_CLIENT] = &conf_schema_client,
};

/* Nested objects are edited through their own menus, never by key=value. */
static bool settable(const struct conf_prop *p)
{
	return p->type != CT_STRUCT && p->type != CT_GROUP &&
		p->type != CT_VEC && !(p->flags & CF_INTERNAL);
}

const char *conf_key(enum conf_kind kind, size_t i, unsigned *flags)
{
	const struct conf_schema *s;
	size_t k;

	if ((unsigned)kind >= CONF_KIND_MAX)
		return NULL;
	s = kinds[kind];
	for (k = 0; k < s->nprops; k++) {
		const struct conf_prop *p = &s->props[k];

		if (!settable(p) || i--)
			continue;
		if (flags)
			*flags = (p->flags & CF_NAME ? CONF_KEY_NAME : 0) |
				(p->flags & CF_REQUIRED ? CONF_KEY_REQUIRED : 0) |
				(p->flags & CF_SECRET ? CONF_KEY_SECRET : 0);
		return p->name;
	}
	return NULL;
}
