// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Feeds files to the decoder fuzz target without libFuzzer, so that the
 * committed corpus and the regression inputs of past crashes run in every
 * build, under ASan/UBSan in `make check-sanitize`.
 *
 *   replay PATH...   (a PATH that is a directory: every file in it;
 *                     files named README are documentation, not input)
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Larger than any datagram: a 16-bit Length plus the mode byte. */
#define INPUT_MAX	(65536 + 1)

static int replay_file(const char *path)
{
	static uint8_t buf[INPUT_MAX];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	if (ferror(f) || n == sizeof(buf)) {
		fprintf(stderr, "replay: %s: unreadable or too large\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	return 0;
}

static int replay_dir(const char *dir, unsigned int *count)
{
	struct dirent *e;
	char path[4096];
	DIR *d = opendir(dir);
	int err = 0;

	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while (!err && (e = readdir(d))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		err = replay_file(path);
		(*count)++;
	}
	closedir(d);
	return err;
}

int main(int argc, char **argv)
{
	unsigned int count = 0;
	struct stat st;
	int i, err = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: replay FILE|DIR...\n");
		return 2;
	}
	for (i = 1; !err && i < argc; i++) {
		if (stat(argv[i], &st)) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			err = -1;
		} else if (S_ISDIR(st.st_mode)) {
			err = replay_dir(argv[i], &count);
		} else {
			err = replay_file(argv[i]);
			count++;
		}
	}
	if (err)
		return 1;
	printf("replay: %u inputs, no oracle failed\n", count);
	return 0;
}
