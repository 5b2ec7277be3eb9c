/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The plugin's side of the control socket (lib/ctl.h, the CTL_PLUGIN_*
 * messages): one connection to l2tpd per pppd, each report a request
 * that l2tpd acknowledges with END, in order. pppd waits for the END of
 * a secret and of its exit only; the others' are read later (report.c).
 * Blocking, with a time limit, so that a stuck l2tpd cannot hold pppd
 * forever: pppd is single-threaded and this is its only way to speak to
 * l2tpd.
 *
 * This header does without pppd's headers (and <stdbool.h>, whose bool
 * pppd 2.4.9 redefines): flags are ints. Functions return 0 or a
 * negative errno (l2tpd's END status, or why it could not be asked). A
 * connection l2tpd closed (an idle client, a restart) is made again,
 * with a new HELLO, for the next report.
 */
#ifndef L2TPD_PLUGIN_REPORT_H
#define L2TPD_PLUGIN_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cause.h"

/*
 * How long l2tpd may take to answer one report, in seconds. l2tpd answers
 * between other work: when many tunnels and sessions come up at once (a
 * burst of clients, a slow emulated machine) a pppd that started first
 * may wait several seconds for its turn.
 */
#define REPORT_TIMEOUT_S	30

struct report_stats {
	int valid;
	uint64_t rx_bytes, tx_bytes;
	uint64_t rx_packets, tx_packets;
	uint32_t uptime;	/* seconds the link was up */
};

/*
 * Connects to l2tpd at path and says HELLO for our session; a refusal
 * comes back from the next report that waits (a secret, the exit).
 */
int report_open(const char *path, unsigned tid, unsigned sid, pid_t pid,
		const char *version);
/* Closes the connection and forgets where l2tpd is. */
void report_close(void);

/* The plugin calls it only when pppd runs with "debug" (l2tpd.c). */
int report_phase(const char *phase);
/* method: "pap", "chap", "mschap1", "mschap2"; peer: we checked the peer. */
int report_auth(const char *user, const char *method, int ok, int peer);
/* Addresses in network byte order; dns entries of 0 are left out. */
int report_ip_up(const char *ifname, uint32_t local, uint32_t remote,
		 const uint32_t dns[2], const char *user);
int report_ip_down(const char *ifname, const struct report_stats *st);
int report_exit(int exit_status, const struct cause *c,
		const struct report_stats *st);

/*
 * The secret of user into out (NUL-terminated): 0, -ENOENT when l2tpd
 * has none, -ENAMETOOLONG when it does not fit.
 */
int report_secret(const char *user, char *out, size_t len);

/*
 * What l2tpd said of the peer along with its secret (a server's answer:
 * the addresses, DNS servers and interface name of the user's secret,
 * profile and static server interface). Addresses in network byte
 * order; 0 and "" when l2tpd said nothing.
 */
struct report_peer {
	uint32_t local, remote;
	uint32_t dns[2];
	char ifname[16];
	bool has_limits;	/* the two below came from l2tpd */
	uint32_t session_timeout, idle_timeout;	/* seconds, 0: none */
};

const struct report_peer *report_peer(void);

#endif /* L2TPD_PLUGIN_REPORT_H */
