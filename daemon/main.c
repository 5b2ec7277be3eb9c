// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpd's entry point: options, then the configuration. This build checks
 * configurations (-n) and converts xl2tpd.conf (--import-xl2tpd); the
 * engine is not wired up to run yet, and l2tpd says so.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "conf.h"

#ifndef L2TPD_CONF_FILE
#define L2TPD_CONF_FILE	"/etc/l2tpd.conf"
#endif
/* Where xl2tpd looks for l2tp-secrets when "auth file" is not given. */
#define XL2TPD_SECRETS	"/etc/xl2tpd/l2tp-secrets"

enum { OPT_IMPORT_XL2TPD = 256 };

static void usage(FILE *out)
{
	fprintf(out,
		"usage: l2tpd [-dhnV] [-c file]\n"
		"       l2tpd --import-xl2tpd file\n"
		"  -c file  configuration, l2tpd.conf or xl2tpd.conf (default %s)\n"
		"  -n       check the configuration, print every error, exit\n"
		"  -d       debug: stay in the foreground, log to stderr\n"
		"  -h       this help\n"
		"  -V       version\n"
		"  --import-xl2tpd file\n"
		"           print the l2tpd.conf equivalent of an xl2tpd.conf\n",
		L2TPD_CONF_FILE);
}

/* Loads path; prints errors and the notes; NULL when it is not valid. */
static struct conf *load(const char *path)
{
	struct conf_load_opts opts = { .xl2tpd_auth_file = XL2TPD_SECRETS };
	struct conf_msgs msgs = { 0 };
	struct conf *c = NULL;

	if (conf_load(path, &opts, &c, &msgs)) {
		if (!msgs.n)
			fprintf(stderr, "l2tpd: %s: out of memory\n", path);
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "import-xl2tpd", required_argument, NULL, OPT_IMPORT_XL2TPD },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = L2TPD_CONF_FILE;
	bool check = false, ok;
	struct conf *c;
	int ch;

	while ((ch = getopt_long(argc, argv, "c:dhnV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'd':
			break;	/* the foreground is all this build has */
		case 'n':
			check = true;
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
	if (!check) {
		fprintf(stderr, "l2tpd: the daemon is not wired up in this build "
			"yet (use -n to check a config)\n");
		return EXIT_FAILURE;
	}
	c = load(path);
	ok = c != NULL;
	conf_free(c);
	return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
