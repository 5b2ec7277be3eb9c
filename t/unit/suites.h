/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef T_UNIT_SUITES_H
#define T_UNIT_SUITES_H

#include <check.h>

#define SUITE(name) Suite *suite_##name(void);
#include "suites.def"
#undef SUITE

#endif
