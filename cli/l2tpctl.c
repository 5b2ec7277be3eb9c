// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * l2tpctl: the operator's hands on a running l2tpd, over its control
 * socket. The words are RouterOS's (parser.c); the reply is printed as a
 * table, detail, key: value lines or JSON (output.c).
 *
 * Exit codes: 0 success, 1 the daemon refused (its message is printed),
 * 2 usage error, 3 the daemon is not reachable.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <json-c/json.h>

#include "config.h"
#include "conf.h"
#include "ctl.h"
#include "output.h"
#include "parser.h"
#include "xl2tpd_main.h"

enum {
	EXIT_OK = 0,
	EXIT_REFUSED = 1,
	EXIT_USAGE = 2,
	EXIT_UNREACHABLE = 3,
};

/* A daemon that takes longer than this to answer is not answering. */
#define REPLY_TIMEOUT_S	30

enum { OPT_COMPLETE = 256 };

static void usage(FILE *out)
{
	fprintf(out,
		"usage: l2tpctl [-j] [-s socket] command [argument ...]\n"
		"       l2tpctl --complete [word ...]\n"
		"  -j         JSON output for print and monitor\n"
		"  -s socket  l2tpd's control socket (default %s)\n"
		"  -h         this help\n"
		"  -V         version\n"
		"commands:\n", CTL_SOCKET_PATH);
	cli_usage(out);
	fputs("arguments: key=value, a name or a number (numbers=N[,M...]),\n"
	      "print detail, monitor ... once; words may be shortened\n", out);
}

/* xl2tpd.conf to l2tpd.conf, with the configuration library alone. */
static int import_xl2tpd(const char *path)
{
	struct conf_load_opts opts = { .xl2tpd_auth_file = XL2TPD_SECRETS_FILE };
	struct conf_msgs msgs = { 0 };
	struct conf *c = NULL;
	int err;

	err = conf_load(path, &opts, &c, &msgs);
	if (err && !msgs.n)
		fprintf(stderr, "l2tpctl: %s: %s\n", path, strerror(-err));
	/* The errors, or the keys that have no effect here and why. */
	if (!err)
		conf_notes(c, &msgs);
	conf_msgs_print(&msgs, stderr);
	conf_msgs_free(&msgs);
	if (err)
		return EXIT_REFUSED;
	printf("# l2tpd.conf from %s (l2tpctl import-xl2tpd)\n", path);
	err = conf_export(c, stdout);
	conf_free(c);
	return err || fflush(stdout) ? EXIT_REFUSED : EXIT_OK;
}

/* The END frame: 0 for success, else the daemon's message. */
static int end_status(const uint8_t *body, size_t len)
{
	struct json_object *o, *st, *msg;
	int status;

	if (ctl_json_parse(body, len, &o) ||
	    !json_object_object_get_ex(o, CTL_K_STATUS, &st)) {
		fprintf(stderr, "l2tpctl: a malformed reply from l2tpd\n");
		return EXIT_UNREACHABLE;
	}
	status = json_object_get_int(st);
	if (status) {
		if (json_object_object_get_ex(o, CTL_K_ERROR, &msg))
			fprintf(stderr, "l2tpctl: %s\n",
				json_object_get_string(msg));
		else
			fprintf(stderr, "l2tpctl: %s\n", strerror(-status));
	}
	json_object_put(o);
	return status ? EXIT_REFUSED : EXIT_OK;
}

/* Prints the reply's frames up to its END; the exit code. */
static int read_reply(int fd, struct out *out)
{
	static uint8_t buf[CTL_FRAME_MAX];
	struct json_object *row;
	const uint8_t *body;
	struct ctl_hdr h;
	int err;

	for (;;) {
		err = ctl_read_frame(fd, buf, &h, &body);
		if (err) {
			fprintf(stderr, "l2tpctl: l2tpd: %s\n",
				err == -EAGAIN ? "no answer" :
				err == -EPIPE ? "closed the connection" :
				strerror(-err));
			return EXIT_UNREACHABLE;
		}
		if (h.type == CTL_END)
			break;
		if (h.type == CTL_TEXT) {
			out_text(out, body, h.len);
			continue;
		}
		if (h.type != CTL_ROW || ctl_json_parse(body, h.len, &row)) {
			fprintf(stderr, "l2tpctl: a malformed reply from l2tpd\n");
			return EXIT_UNREACHABLE;
		}
		err = out_row(out, row);
		json_object_put(row);
		if (err)
			return EXIT_UNREACHABLE;
		/* monitor ... once: one status, then hang up. */
		if (out->cmd->once)
			return EXIT_OK;
	}
	err = end_status(body, h.len);
	if (!err)
		out_end(out);
	return err;
}

static int run(const char *path, const struct cli_cmd *cmd, bool json)
{
	struct timeval tv = { .tv_sec = REPLY_TIMEOUT_S };
	struct json_object *req;
	struct out out;
	int fd, err;

	fd = ctl_connect(path);
	if (fd < 0) {
		fprintf(stderr, "l2tpctl: cannot reach l2tpd at %s: %s\n", path,
			strerror(-fd));
		return EXIT_UNREACHABLE;
	}
	/* monitor runs until interrupted; anything else must answer. */
	if (cmd->req != CTL_REQ_MONITOR)
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	req = cli_request(cmd);
	err = req ? ctl_write_json(fd, cmd->req, req) : -ENOMEM;
	json_object_put(req);
	if (err) {
		fprintf(stderr, "l2tpctl: l2tpd at %s: %s\n", path,
			strerror(-err));
		close(fd);
		return EXIT_UNREACHABLE;
	}
	out_init(&out, stdout, cmd, json);
	err = read_reply(fd, &out);
	out_free(&out);
	close(fd);
	if (fflush(stdout) && !err)
		err = EXIT_REFUSED;
	return err;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "complete", no_argument, NULL, OPT_COMPLETE },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "socket", required_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = CTL_SOCKET_PATH;
	char err[CLI_ERR_MAX];
	bool json = false;
	struct cli_cmd cmd;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "hjs:V", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_COMPLETE:
			/* The words as bash has them, options and all. */
			if (optind < argc && !strcmp(argv[optind], "--"))
				optind++;
			cli_complete(argc - optind, argv + optind, stdout);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'j':
			json = true;
			break;
		case 's':
			path = optarg;
			break;
		case 'V':
			printf("l2tpctl %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	rc = cli_parse(argc - optind, argv + optind, &cmd, err, sizeof(err));
	if (rc) {
		fprintf(stderr, "l2tpctl: %s\n", rc == -ENOMEM ?
			"out of memory" : err);
		cli_cmd_free(&cmd);
		return EXIT_USAGE;
	}
	if (cmd.req == CLI_IMPORT_XL2TPD)
		rc = import_xl2tpd(cmd.file);
	else
		rc = run(path, &cmd, json);
	cli_cmd_free(&cmd);
	return rc;
}
