/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pppd's plugin API across versions, selected by PPPD_API (configure):
 *
 *   24: pppd 2.4.9 (Debian 12): globals (ifname, ifunit, status,
 *       peer_authname, link_stats, modem), add_notifier() on notifier
 *       lists, add_options(), the PAP/CHAP hooks in pppd.h and
 *       chap-new.h, generic_establish_ppp().
 *   25: pppd 2.5.x: accessors (ppp_ifname(), ppp_ifunit(), ppp_status(),
 *       ppp_peer_authname(), ppp_get_link_stats(), ppp_set_modem()),
 *       ppp_add_notify(NF_*), ppp_add_options() (options.h), the hooks
 *       in upap.h and chap.h, ppp_generic_establish(). Built and
 *       loaded against Debian 13's pppd 2.5.2 by make check-ppp25.
 *
 * Everything else the plugin uses (the_channel, option_t, the LCP, IPCP
 * and CCP option arrays, snoop and allowed-address hooks, the logging
 * calls, the PAP/CHAP hook variables' names) is the same in both.
 *
 * pppd 2.4.9 typedefs bool as unsigned char: files that include this
 * header must not include <stdbool.h>, nor headers that do.
 */
#ifndef L2TPD_PLUGIN_COMPAT_H
#define L2TPD_PLUGIN_COMPAT_H

#include <stdint.h>
#include <string.h>

#if PPPD_API == 25
/* pppd 2.5's headers declare some accessors as "bool debug_on();". */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <pppd/pppd.h>
#include <pppd/options.h>
#include <pppd/fsm.h>
#include <pppd/lcp.h>
#include <pppd/ipcp.h>
#include <pppd/ccp.h>
#include <pppd/upap.h>
#include <pppd/chap.h>
#pragma GCC diagnostic pop
#elif PPPD_API == 24
#include <pppd/pppd.h>
#include <pppd/patchlevel.h>
#include <pppd/fsm.h>
#include <pppd/lcp.h>
#include <pppd/ipcp.h>
#include <pppd/ccp.h>
#include <pppd/chap-new.h>
#else
#error "PPPD_API must be 24 or 25 (set by configure)"
#endif

/* The events the plugin follows. */
enum compat_event {
	COMPAT_PHASE,		/* arg: the new phase */
	COMPAT_EXIT,		/* arg: the exit status */
	COMPAT_IP_UP,
	COMPAT_IP_DOWN,
};

typedef void compat_notify_fn(void *ctx, int arg);

/* Link counters, whatever width pppd keeps them in. */
struct compat_stats {
	int valid;
	uint64_t bytes_in, bytes_out;
	uint64_t pkts_in, pkts_out;
	uint32_t uptime;
};

#if PPPD_API == 25

#define COMPAT_PPPD_VERSION	PPPD_VERSION

static inline void compat_add_notify(enum compat_event ev,
				     compat_notify_fn *fn, void *ctx)
{
	static const ppp_notify_t nf[] = {
		[COMPAT_PHASE] = NF_PHASE_CHANGE,
		[COMPAT_EXIT] = NF_EXIT,
		[COMPAT_IP_UP] = NF_IP_UP,
		[COMPAT_IP_DOWN] = NF_IP_DOWN,
	};

	ppp_add_notify(nf[ev], fn, ctx);
}

#define compat_add_options(o)		ppp_add_options(o)
#define compat_int_option(s, v)		ppp_int_option((s), (v))
#define compat_ifname()			ppp_ifname()
#define compat_set_ifname(n)		ppp_set_ifname(n)
#define compat_set_limits(session, idle) \
	(ppp_set_max_connect_time(session), ppp_set_max_idle_time(idle))
#define compat_ifunit()			ppp_ifunit()
#define compat_debug()			((int)debug_on())
#define compat_status()			((int)ppp_status())
#define compat_set_modem_off()		ppp_set_modem(false)
#define compat_establish		ppp_generic_establish
#define compat_disestablish		ppp_generic_disestablish

static inline void compat_peer_authname(char *buf, size_t len)
{
	ppp_peer_authname(buf, len);
}

static inline void compat_link_stats(struct compat_stats *st)
{
	ppp_link_stats_st s;

	memset(st, 0, sizeof(*st));
	if (!ppp_get_link_stats(&s))
		return;
	st->valid = 1;
	st->bytes_in = s.bytes_in;
	st->bytes_out = s.bytes_out;
	st->pkts_in = s.pkts_in;
	st->pkts_out = s.pkts_out;
	st->uptime = (uint32_t)ppp_get_link_uptime();
}

#else /* PPPD_API == 24 */

#define COMPAT_PPPD_VERSION	VERSION

static inline void compat_add_notify(enum compat_event ev,
				     compat_notify_fn *fn, void *ctx)
{
	struct notifier **lists[] = {
		[COMPAT_PHASE] = &phasechange,
		[COMPAT_EXIT] = &exitnotify,
		[COMPAT_IP_UP] = &ip_up_notifier,
		[COMPAT_IP_DOWN] = &ip_down_notifier,
	};

	add_notifier(lists[ev], fn, ctx);
}

#define compat_add_options(o)		add_options(o)
#define compat_int_option(s, v)		int_option((s), (v))
#define compat_ifname()			((const char *)ifname)
#define compat_set_ifname(n)		strlcpy(ifname, (n), MAXIFNAMELEN)
#define compat_set_limits(session, idle) \
	(maxconnect = (int)(session), idle_time_limit = (int)(idle))
#define compat_ifunit()			ifunit
#define compat_debug()			debug
#define compat_status()			((int)status)
#define compat_set_modem_off()		(modem = 0)
#define compat_establish		generic_establish_ppp
#define compat_disestablish		generic_disestablish_ppp

static inline void compat_peer_authname(char *buf, size_t len)
{
	strlcpy(buf, peer_authname, len);
}

/* pppd 2.4.9 refreshes link_stats only when asked (update_link_stats). */
static inline void compat_link_stats(struct compat_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (ifunit >= 0)
		update_link_stats(ifunit);
	if (!link_stats_valid)
		return;
	st->valid = 1;
	st->bytes_in = link_stats.bytes_in;
	st->bytes_out = link_stats.bytes_out;
	st->pkts_in = link_stats.pkts_in;
	st->pkts_out = link_stats.pkts_out;
	st->uptime = link_connect_time;
}

#endif /* PPPD_API */

#endif /* L2TPD_PLUGIN_COMPAT_H */
