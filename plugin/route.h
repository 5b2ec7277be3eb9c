/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The client's default route through its PPP interface (RouterOS
 * add-default-route and default-route-distance), installed over rtnetlink
 * by the plugin itself: pppd's own defaultroute has no metric in 2.4.9
 * and changed meaning in 2.5.3, this behaves the same on both.
 */
#ifndef L2TPD_PLUGIN_ROUTE_H
#define L2TPD_PLUGIN_ROUTE_H

#include <stdint.h>

/*
 * Adds (add != 0) or deletes "default dev IFNAME metric METRIC" in the
 * main table: 0 or a negative errno. Adding a route that exists and
 * deleting one that does not (or whose interface is gone) succeed.
 */
int route_default(int add, const char *ifname, uint32_t metric);

#endif /* L2TPD_PLUGIN_ROUTE_H */
