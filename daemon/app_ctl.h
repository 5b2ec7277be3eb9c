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

/* A session's counters: the kernel's while it has it, else the last. */
void app_ctl_sess_stats(struct app_sess *as, struct kernel_stats *st);
/* Seconds since a loop time in ms; 0 for 0 (never). */
int64_t app_ctl_secs(const struct app *a, uint64_t since_ms);

/* print of a configuration object (clients, server, secrets, ...). */
void app_ctl_conf_print(struct app *a, struct ctl_client *c, int obj,
			struct json_object *body);
/* add, set, remove, enable, disable, monitor of one. */
void app_ctl_conf_edit(struct app *a, struct ctl_client *c, uint16_t type,
		       int obj, struct json_object *body);
/* add, set, remove, enable, disable (app_ctl_edit.c). */
void app_ctl_edit(struct app *a, struct ctl_client *c, uint16_t type,
		  struct json_object *body);
/* interface l2tp-client monitor NAME: a row now and every second. */
void app_ctl_monitor(struct app *a, struct ctl_client *c,
		     struct json_object *body);

#endif /* L2TPD_APP_CTL_H */
