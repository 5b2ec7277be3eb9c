/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside the configuration library (conf*.c only): the schema tables that
 * describe every property once, the value helpers the two parsers share,
 * and the message list.
 */
#ifndef L2TPD_CONF_IMPL_H
#define L2TPD_CONF_IMPL_H

#include "conf.h"

enum conf_type {
	CT_BOOL,	/* bool */
	CT_UINT,	/* uint32_t in [min, max]; words[0] = the word for 0 */
	CT_INT,		/* int32_t in [min, max] */
	CT_DURATION,	/* uint32_t seconds; words[0] = the word for 0 */
	CT_STRING,	/* char *, NULL when empty */
	CT_SWITCH,	/* int: enum conf_switch in [min, max]; true / false too */
	CT_ENUM,	/* int: index into words, in [min, max] */
	CT_AUTH,	/* unsigned: enum conf_auth bits */
	CT_IP,		/* struct conf_ip */
	CT_IPS,		/* struct conf_ips */
	CT_ENDPOINTS,	/* struct conf_endpoints */
	CT_TARGET,	/* struct conf_target */
	CT_TARGETS,	/* struct conf_targets */
	CT_ADDR_POOL,	/* struct conf_addr_pool */
	CT_RANGES,	/* struct conf_ranges */
	CT_STRUCT,	/* an embedded object of schema sub */
	CT_GROUP,	/* a pointer to an object of schema sub, NULL if absent */
	CT_VEC,		/* struct conf_vec of objects of schema sub */
};

enum conf_prop_flags {
	CF_NAME = 1 << 0,	/* the object's name: unique in its list */
	CF_V4 = 1 << 1,		/* CT_IP / CT_IPS: IPv4 only */
	CF_LNS = 1 << 2,	/* xl2tpd peer: valid in a [lns] only */
	CF_LAC = 1 << 3,	/* xl2tpd peer: valid in a [lac] only */
	CF_INTERNAL = 1 << 4,	/* never read from or written to l2tpd.conf */
	CF_REQUIRED = 1 << 5,	/* must be set */
	CF_SECRET = 1 << 6,	/* a password: never quoted in messages */
};

struct conf_schema;

struct conf_prop {
	const char *name;	/* l2tpd.conf name */
	const char *xname;	/* xl2tpd.conf keyword, or NULL */
	enum conf_type type;
	size_t off;
	unsigned flags;
	int64_t min;
	int64_t max;
	const char *const *words;
	const struct conf_schema *sub;
	const char *no_effect;	/* why it does nothing here when set */
};

struct conf_schema {
	const char *name;
	size_t size;
	const struct conf_prop *props;
	size_t nprops;
	int (*init)(void *obj);	/* sets the defaults of a zeroed object */
	bool merge_builtin;	/* an entry named like a built-in changes it */
};

/* Every object starts with its struct conf_meta. */

extern const struct conf_schema conf_schema_root;
extern const struct conf_schema conf_schema_server;
extern const struct conf_schema conf_schema_server_if;
extern const struct conf_schema conf_schema_secret;
extern const struct conf_schema conf_schema_profile;
extern const struct conf_schema conf_schema_pool;
extern const struct conf_schema conf_schema_client;
extern const struct conf_schema conf_schema_aaa;
extern const struct conf_schema conf_schema_pppd;
extern const struct conf_schema conf_schema_xl2tpd;
extern const struct conf_schema conf_schema_xl2tpd_peer;
extern const struct conf_schema conf_schema_tunnel_secret;

/*
 * The one table of properties this build accepts but does not implement:
 * each is refused ("PROPERTY: not supported in this build") unless it has
 * its default or "off" value. Later work removes rows.
 */
struct conf_unsupported {
	const struct conf_schema *schema;
	const char *prop;
	/* whether the value asks for the feature; NULL: differs from default */
	bool (*in_use)(const struct conf_prop *p, const void *field);
};

extern const struct conf_unsupported conf_unsupported[];
extern const size_t conf_nunsupported;

/* Schema walking (conf_schema.c). */
const struct conf_prop *conf_schema_prop(const struct conf_schema *s,
					 const char *name, size_t *index);
void *conf_field(const void *obj, const struct conf_prop *p);
int conf_obj_init(const struct conf_schema *s, void *obj);
void conf_obj_free(const struct conf_schema *s, void *obj);
bool conf_obj_equal(const struct conf_schema *s, const void *a, const void *b);
bool conf_value_equal(const struct conf_prop *p, const void *a, const void *b);
/* Frees a list value (CT_AUTH, CT_IPS, ... CT_RANGES) and empties it. */
void conf_value_reset(const struct conf_prop *p, void *f);
/*
 * A new object holding what obj would hold if nothing were written: the
 * schema's defaults, or a built-in profile's values. NULL on ENOMEM; free
 * it with conf_obj_destroy().
 */
void *conf_obj_reference(const struct conf_schema *s, const void *obj);
void conf_obj_destroy(const struct conf_schema *s, void *obj);
/* The object's name (its CF_NAME property), or NULL. */
const char *conf_obj_name(const struct conf_schema *s, const void *obj);
/* Appends a defaulted element to vec; NULL on ENOMEM. */
void *conf_vec_push(struct conf_vec *vec, const struct conf_schema *s);
void *conf_vec_at(const struct conf_vec *vec, const struct conf_schema *s, size_t i);
/* The element named name, or NULL. */
const void *conf_vec_find(const struct conf_vec *vec,
			  const struct conf_schema *s, const char *name);
bool conf_profile_is_builtin_name(const char *name);

/*
 * Value helpers (conf_value.c). The parsers return NULL on success or a
 * short reason for the message ("start is greater than end").
 */
const char *conf_parse_uint(const char *s, int64_t min, int64_t max, int64_t *out);
const char *conf_parse_bool_word(const char *s, bool *out);
const char *conf_parse_duration(const char *s, uint32_t *out);
const char *conf_parse_ip(const char *s, bool v4_only, struct conf_ip *out);
const char *conf_parse_endpoint(const char *s, struct conf_endpoint *out);
const char *conf_parse_target(const char *s, struct conf_target *out);
const char *conf_parse_range(const char *s, struct conf_range *out);
bool conf_host_name_ok(const char *s);
bool conf_ifname_ok(const char *s);
void conf_target_free(struct conf_target *t);
int conf_ranges_push(struct conf_ranges *r, const struct conf_range *x);
/* The addresses the rules allow, as sorted disjoint ranges. */
int conf_ranges_effective(const struct conf_ranges *r, struct conf_ranges *out);
bool conf_ranges_overlap(const struct conf_ranges *a, const struct conf_ranges *b);
uint64_t conf_ranges_count(const struct conf_ranges *r);

#define CONF_VALUE_MAX	320
/* A value as text for messages: lists comma-separated (conf_export.c). */
void conf_value_format(const struct conf_prop *p, const void *f, char *buf,
		       size_t len);

/* Text forms, as l2tpd.conf writes them. */
void conf_ip_str(const struct conf_ip *ip, char *buf, size_t len);
void conf_endpoint_str(const struct conf_endpoint *e, char *buf, size_t len);
void conf_target_str(const struct conf_target *t, char *buf, size_t len);
void conf_range_str(const struct conf_range *r, char *buf, size_t len);
void conf_duration_str(uint32_t secs, char *buf, size_t len);

/*
 * Reads c->xl2tpd->auth_file (xl2tpd's l2tp-secrets) into its
 * tunnel_secrets, for either format; the number of errors or -ENOMEM.
 */
int conf_read_secrets(struct conf *c, struct conf_msgs *errs);

/*
 * Run-time edits (conf_edit.c), shared by xl2tpd's FIFO and l2tpctl
 * (conf_ctl.c). conf_edit_find() names an object as xl2tpd does: exactly,
 * else ignoring case when that names one only. conf_edit_merge() gives
 * dst the properties src has written; conf_edit_move() appends src, an
 * object of another configuration, to vec. Both leave src empty.
 */
void *conf_edit_find(const struct conf_vec *vec, const struct conf_schema *s,
		     const char *name, size_t *index);
void conf_edit_vec_remove(struct conf_vec *vec, const struct conf_schema *s,
			  size_t i);
int conf_edit_merge(struct conf *c, const struct conf_schema *s, void *dst,
		    void *src);
int conf_edit_move(struct conf *c, struct conf_vec *vec,
		   const struct conf_schema *s, void *src);

/* Messages and interned file names (conf.c). */
void conf_msg_add(struct conf_msgs *m, const char *file, unsigned line,
		  const char *path, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
const char *conf_intern_file(struct conf *c, const char *name);
char *conf_strdup(const char *s);
/* snprintf() for message paths, which may be cut short. */
void conf_pathf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A whole text file, NUL-terminated; 0 or a negative errno. */
int conf_read_file(const char *path, char **out);

#endif /* L2TPD_CONF_IMPL_H */
