// SPDX-License-Identifier: GPL-2.0
/* fix and annotate commands. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lockcheck.h"

void require_kernel_tree(const char *kdir, const char *cmd);

int cmd_fix(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "iommu-lockcheck fix: not yet\n");
	return 2;
}

/* annotate: sparse-annotations/apply, with its own options passed through. */
int cmd_annotate(int argc, char **argv)
{
	const char *kdir = NULL, *mode = NULL;
	char *apply = top_path("sparse-annotations/apply");

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--kdir=", 7))
			kdir = argv[i] + 7;
		else if (!strcmp(argv[i], "--kdir") && i + 1 < argc)
			kdir = argv[++i];
		else if (!strcmp(argv[i], "--dry-run") || !strcmp(argv[i], "--revert"))
			mode = argv[i];
		else {
			fprintf(stderr, "usage: iommu-lockcheck annotate --kdir=DIR [--dry-run|--revert]\n");
			return 2;
		}
	}
	if (!kdir) {
		fprintf(stderr, "iommu-lockcheck annotate: --kdir=DIR is required\n");
		return 2;
	}
	require_kernel_tree(kdir, "annotate");
	if (!is_file(apply)) {
		fprintf(stderr, "iommu-lockcheck annotate: %s is missing\n", apply);
		return 2;
	}
	fflush(NULL);
	char *const av[] = { apply, (char *)kdir, (char *)mode, NULL };
	execv(apply, av);
	fprintf(stderr, "iommu-lockcheck annotate: cannot run %s: %m\n", apply);
	return 2;
}
