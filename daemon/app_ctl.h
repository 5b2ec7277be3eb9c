/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside l2tpctl's request handling (app_ctl.c, app_ctl_conf.c): the row
 * helpers and the configuration objects' views.
 */
#ifndef L2TPD_APP_CTL_H
#define L2TPD_APP_CTL_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"

struct json_object;
struct ctl_client;

void app_json_str(struct json_object *o, const char *key, const char *v);
void app_json_int(struct json_object *o, const char *key, int64_t v);
void app_json_bool(struct json_object *o, const char *key, bool v);

/* print of a configuration object (clients, server, secrets, ...). */
void app_ctl_conf_print(struct app *a, struct ctl_client *c, int obj,
			struct json_object *body);
/* add, set, remove, enable, disable, monitor of one. */
void app_ctl_conf_edit(struct app *a, struct ctl_client *c, uint16_t type,
		       int obj, struct json_object *body);

#endif /* L2TPD_APP_CTL_H */
