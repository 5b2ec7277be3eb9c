// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpd's entry point: options, the configuration, then the daemon
 * (l2tpd.h) in the foreground. l2tpd does not fork: a service manager
 * (systemd's Type=simple) or the shell's & puts it in the background;
 * without -d it logs to syslog.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "conf.h"
#include "kernel.h"
#include "l2tpd.h"
#include "log.h"
#include "loop_event.h"
#include "xl2tpd_fifo.h"
#include "xl2tpd_main.h"

#ifndef L2TPD_CONF_FILE
#define L2TPD_CONF_FILE	"/etc/l2tpd/l2tpd.conf"
#endif
#ifndef L2TPD_STATE_DIR
#define L2TPD_STATE_DIR	"/var/lib/l2tpd"
#endif

enum { OPT_IMPORT_XL2TPD = 256, OPT_PLUGIN, OPT_PPPD, OPT_STATE_DIR };

static void usage(FILE *out)
{
	fprintf(out,
		"usage: l2tpd [-dhnV] [-c file] [-s socket] [-C fifo] "
		"[--plugin path] [--pppd path]\n"
		"             [--state-dir dir]\n"
		"       l2tpd --import-xl2tpd file\n"
		"       xl2tpd [xl2tpd's options]   (a link to l2tpd)\n"
		"  -c file  configuration, l2tpd.conf or xl2tpd.conf (default %s)\n"
		"  -n       check the configuration, print every error, exit\n"
		"  -d       debug: log to stderr (else syslog), debug lines, "
		"pppd's debug\n"
		"  -s path  control socket (default /run/l2tpd/l2tpd.sock)\n"
		"  -C path  xl2tpd's control FIFO (default with an "
		"xl2tpd.conf:\n"
		"           " XL2TPD_FIFO_PATH ")\n"
		"  --plugin path\n"
		"           pppd plugin (default the installed l2tpd.so)\n"
		"  --pppd path\n"
		"           pppd (default /usr/sbin/pppd)\n"
		"  --state-dir dir\n"
		"           where l2tpctl's changes are kept (default %s;\n"
		"           \"\": not kept)\n"
		"  -h       this help\n"
		"  -V       version\n"
		"  --import-xl2tpd file\n"
		"           print the l2tpd.conf equivalent of an xl2tpd.conf\n"
		"l2tpd stays in the foreground; SIGHUP reloads, SIGTERM stops.\n",
		L2TPD_CONF_FILE, L2TPD_STATE_DIR);
}

/* Loads path; prints errors and the notes; NULL when it is not valid. */
static struct conf *load(const char *path)
{
	struct conf_load_opts opts = {
		.xl2tpd_auth_file = XL2TPD_SECRETS_FILE,
	};
	struct conf_msgs msgs = { 0 };
	struct conf *c = NULL;
	int err;

	err = conf_load(path, &opts, &c, &msgs);
	if (err) {
		if (!msgs.n)
			fprintf(stderr, "l2tpd: %s: %s\n", path, strerror(-err));
		conf_msgs_print(&msgs, stderr);
		conf_msgs_free(&msgs);
		return NULL;
	}
	conf_notes(c, &msgs);
	conf_msgs_print(&msgs, stderr);
	conf_msgs_free(&msgs);
	return c;
}

static int import_xl2tpd(const char *path)
{
	struct conf *c = load(path);
	int err;

	if (!c)
		return EXIT_FAILURE;
	printf("# l2tpd.conf: converted from %s by l2tpd --import-xl2tpd\n",
	       path);
	err = conf_export(c, stdout);
	conf_free(c);
	return err || fflush(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int run(const struct l2tpd_opts *opts)
{
	struct conf *c = load(opts->conf_path);
	struct l2tpd_opts xo = *opts, *o = &xo;
	struct loop *loop;
	struct app *a;
	int err;

	if (!c)
		return EXIT_FAILURE;
	/* an xl2tpd.conf comes with xl2tpd's control FIFO */
	if (!o->xl2tpd_fifo && c->origin == CONF_ORIGIN_XL2TPD)
		o->xl2tpd_fifo = XL2TPD_FIFO_PATH;
	log_init("l2tpd", !o->debug, o->debug);
	loop = loop_event_new();
	if (!loop) {
		fprintf(stderr, "l2tpd: event loop: %s\n", strerror(errno));
		conf_free(c);
		return EXIT_FAILURE;
	}
	err = l2tpd_start(loop, o, c, &a);
	if (err) {
		/* The one line an operator needs, wherever logs go. */
		if (err == -ENOENT)
			fprintf(stderr, "%s\n", KERNEL_NO_L2TP_HINT);
		if (err == -ENOENT && !o->debug)
			log_warnx("%s", KERNEL_NO_L2TP_HINT);
		loop_free(loop);
		return EXIT_FAILURE;
	}
	err = l2tpd_run(a);
	loop_free(loop);
	return err;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "import-xl2tpd", required_argument, NULL, OPT_IMPORT_XL2TPD },
		{ "plugin", required_argument, NULL, OPT_PLUGIN },
		{ "pppd", required_argument, NULL, OPT_PPPD },
		{ "state-dir", required_argument, NULL, OPT_STATE_DIR },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct l2tpd_opts o = {
		.conf_path = L2TPD_CONF_FILE,
		.xl2tpd_auth_file = XL2TPD_SECRETS_FILE,
		.state_dir = L2TPD_STATE_DIR,
	};
	bool check = false, ok;
	struct conf *c;
	int ch;

	if (argc > 0 && !strcmp(basename(argv[0]), "xl2tpd"))
		return xl2tpd_main(argc, argv);
	while ((ch = getopt_long(argc, argv, "c:C:dhns:V", longopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'c':
			o.conf_path = optarg;
			break;
		case 'C':
			o.xl2tpd_fifo = optarg;
			break;
		case 'd':
			o.debug = true;
			break;
		case 'n':
			check = true;
			break;
		case 's':
			o.ctl_path = optarg;
			break;
		case OPT_PLUGIN:
			o.plugin = optarg;
			break;
		case OPT_PPPD:
			o.pppd = optarg;
			break;
		case OPT_STATE_DIR:
			o.state_dir = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		case 'V':
			printf("l2tpd %s\n", PACKAGE_VERSION);
			return EXIT_SUCCESS;
		case OPT_IMPORT_XL2TPD:
			return import_xl2tpd(optarg);
		default:
			usage(stderr);
			return EXIT_FAILURE;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return EXIT_FAILURE;
	}
	if (!check)
		return run(&o);
	c = load(o.conf_path);
	ok = c != NULL;
	conf_free(c);
	return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
