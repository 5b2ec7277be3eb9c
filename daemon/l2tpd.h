/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * l2tpd as a whole, for main(): the running daemon is made from options
 * and a loaded configuration, runs on the loop until SIGTERM or SIGINT
 * (StopCCN to every tunnel, acknowledgements awaited briefly, everything
 * torn down), and re-reads its configuration on SIGHUP or `l2tpctl
 * reload`. app.h describes the insides.
 */
#ifndef L2TPD_L2TPD_H
#define L2TPD_L2TPD_H

#include <stdbool.h>

#include "conf.h"
#include "loop.h"

struct l2tpd_opts {
	const char *conf_path;	/* re-read on reload */
	const char *ctl_path;	/* NULL: CTL_SOCKET_PATH */
	const char *plugin;	/* pppd plugin; NULL: the config's, else
				   L2TPD_PLUGIN_PATH */
	const char *pppd;	/* NULL: PPP_PPPD_PATH */
	const char *xl2tpd_auth_file;	/* for conf_load() */
	const char *xl2tpd_fifo;	/* xl2tpd's control FIFO; NULL: none */
	/* l2tpctl's changes are kept here (conf_journal.h); NULL: not kept */
	const char *state_dir;
	bool debug;		/* pppd's debug too */
};

struct app;

/*
 * Starts everything c asks for and takes c. -ENOENT: the kernel has no
 * L2TP (KERNEL_NO_L2TP_HINT); other errors were logged.
 */
int l2tpd_start(struct loop *loop, const struct l2tpd_opts *opts,
		struct conf *c, struct app **out);
/* Runs until stopped; the exit code. Frees everything but the loop. */
int l2tpd_run(struct app *a);

#endif /* L2TPD_L2TPD_H */
