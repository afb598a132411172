// SPDX-License-Identifier: GPL-2.0
/*
 * iommu-lockcheck: one front end for the three engines.
 *
 *   iommu-lockcheck check    find the locking bugs (text, JSON or SARIF)
 *   iommu-lockcheck fix      write one fixup patch per driver file
 *   iommu-lockcheck annotate apply the Sparse annotations to a tree
 *
 * Exit status: 0 no findings, 1 findings, 2 usage or environment error
 * (or nothing could be analysed).
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lockcheck.h"

static void usage(FILE *f)
{
	fprintf(f,
"usage: iommu-lockcheck check [--kdir=DIR] [--engine=cocci,clang,sparse|all]\n"
"                             [--format=text|json|sarif] [--output=FILE] [-j N]\n"
"                             [-q] [--all-files] [--timeout=SEC] [PATH...]\n"
"       iommu-lockcheck fix --kdir=DIR --strategy=lock|annotate|fwspec|auto\n"
"                           [--drivers=LIST] --out=DIR [--build-test] [--apply]\n"
"                           [--link=URL] [PATH...]\n"
"       iommu-lockcheck annotate --kdir=DIR [--dry-run|--revert]\n"
"\n"
"check: PATHs are files or directories of the tree (default: all of it) or an\n"
"  out-of-tree module directory (Kbuild dir, built with M=).  Coccinelle runs\n"
"  on the sources; clang and sparse run through the kernel build (make C=2)\n"
"  on the objects the tree's configuration builds.  Directories are targeted\n"
"  to files that name the rules' functions (scripts/lockrules.def) unless\n"
"  --all-files.  Sparse runs on a hard-linked copy (cp -al) of the tree in\n"
"  $TMPDIR annotated by sparse-annotations/apply: the tree is never modified.\n"
"  --timeout: per-file spatch limit (default 120 s).  --engine default: all.\n"
"  Output: PATH:LINE:COL: warning: MESSAGE [RULE-ID], one per (path, line,\n"
"  rule); JSON/SARIF list the engines that saw each finding.  Files that\n"
"  could not be analysed are reported as errors (SARIF: tool notifications).\n"
"Exit: 0 no findings, 1 findings, 2 usage/environment error or nothing\n"
"  could be analysed.\n"
"\n"
"Rules:\n");
#define RULE(id, summary, help) fprintf(f, "  %-26s %s\n", id, summary);
#include "lockrules.def"
#undef RULE
}

static int parse_engines(const char *s, unsigned *out)
{
	char *copy = xstrdup(s);
	unsigned e = 0;

	for (char *w = strtok(copy, ","); w; w = strtok(NULL, ",")) {
		if (!strcmp(w, "all"))
			e |= ENGINE_ALL;
		else if (!strcmp(w, "cocci"))
			e |= ENGINE_COCCI;
		else if (!strcmp(w, "clang"))
			e |= ENGINE_CLANG;
		else if (!strcmp(w, "sparse"))
			e |= ENGINE_SPARSE;
		else {
			free(copy);
			return -1;
		}
	}
	free(copy);
	*out = e;
	return e ? 0 : -1;
}

/* Check KDIR is a kernel tree; exit 2 with what to do when it is not. */
void require_kernel_tree(const char *kdir, const char *cmd)
{
	if (!is_dir(kdir)) {
		fprintf(stderr, "iommu-lockcheck %s: %s: no such directory\n", cmd, kdir);
		exit(2);
	}
	if (!tree_is_kernel(kdir)) {
		fprintf(stderr, "iommu-lockcheck %s: %s is not a kernel tree (no top Makefile with "
			"VERSION/PATCHLEVEL, Kbuild and include/linux/): give --kdir=DIR\n",
			cmd, kdir);
		exit(2);
	}
}

/* Sort the command-line PATHs into in-tree paths and module dirs. */
static void classify_paths(struct check_opts *o, struct results *r, char **paths, int n)
{
	for (int i = 0; i < n; i++) {
		const char *p = paths[i];
		char *in_tree = path_join(o->kdir, p);
		char *rel = NULL;

		if (p[0] != '/' && (is_file(in_tree) || is_dir(in_tree)))
			rel = tree_relpath(o->kdir, in_tree);
		else if (is_file(p) || is_dir(p))
			rel = tree_relpath(o->kdir, p);
		free(in_tree);
		if (rel) {
			strv_push(&o->paths, rel);
			continue;
		}
		if (!is_file(p) && !is_dir(p)) {
			results_error(r, p, 0, "no such file or directory (in %s or here)", o->kdir);
		} else if (is_dir(p) && tree_is_module_dir(p)) {
			char abs[PATH_MAX];

			if (realpath(p, abs))
				strv_push(&o->modules, xstrdup(abs));
		} else {
			results_error(r, p, 0, "outside %s and not a module directory "
				      "(a directory with a Kbuild file)", o->kdir);
		}
	}
}

static int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "kdir", required_argument, NULL, 'k' },
		{ "engine", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "all-files", no_argument, NULL, 'a' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct check_opts o = { .kdir = ".", .engines = ENGINE_ALL, .jobs = nproc(),
				.timeout = 120 };
	struct results r = { 0 };
	enum format fmt = FMT_TEXT;
	const char *output = NULL;
	int quiet = 0, c, rc;

	while ((c = getopt_long(argc, argv, "k:e:f:o:j:qt:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': o.kdir = optarg; break;
		case 'e':
			if (parse_engines(optarg, &o.engines)) {
				fprintf(stderr, "iommu-lockcheck check: --engine=%s: expected a "
					"comma list of cocci, clang, sparse, or all\n", optarg);
				return 2;
			}
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				fmt = FMT_TEXT;
			else if (!strcmp(optarg, "json"))
				fmt = FMT_JSON;
			else if (!strcmp(optarg, "sarif"))
				fmt = FMT_SARIF;
			else {
				fprintf(stderr, "iommu-lockcheck check: --format=%s: expected text, json or sarif\n",
					optarg);
				return 2;
			}
			break;
		case 'o': output = optarg; break;
		case 'j':
			o.jobs = atoi(optarg);
			if (o.jobs < 1) {
				fprintf(stderr, "iommu-lockcheck check: -j %s: expected a positive number\n", optarg);
				return 2;
			}
			break;
		case 'q': quiet = 1; break;
		case 'a': o.all_files = 1; break;
		case 't':
			o.timeout = atoi(optarg);
			if (o.timeout < 1) {
				fprintf(stderr, "iommu-lockcheck check: --timeout=%s: expected seconds > 0\n", optarg);
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	verbose_progress = !quiet && isatty(2);
	require_kernel_tree(o.kdir, "check");
	if (optind < argc)
		classify_paths(&o, &r, argv + optind, argc - optind);
	else
		strv_push(&o.paths, xstrdup("."));

	if (o.paths.n || o.modules.n) {
		int configured = tree_is_configured(o.kdir);

		if (o.engines & ENGINE_COCCI)
			engine_cocci(&o, &r);
		for (unsigned e = ENGINE_CLANG; e <= ENGINE_SPARSE; e <<= 1) {
			if (!(o.engines & e))
				continue;
			if (!configured) {
				results_error(&r, NULL, e, "%s is not configured: run make -C %s "
					      "allmodconfig prepare (CC=clang-16)", o.kdir, o.kdir);
				continue;
			}
			if (e == ENGINE_CLANG)
				engine_clang(&o, &r);
			else
				engine_sparse(&o, &r);
		}
	}
	results_finish(&r);

	if (output) {
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);

		report_write(&r, fmt, o.kdir, mem);
		fclose(mem);
		if (write_file_atomic(output, buf, len)) {
			fprintf(stderr, "iommu-lockcheck check: cannot write %s: %m\n", output);
			free(buf);
			return 2;
		}
		free(buf);
	} else {
		report_write(&r, fmt, o.kdir, stdout);
	}
	/* errors also on stderr for JSON/SARIF, where stdout is machine food */
	if (fmt != FMT_TEXT || output)
		for (size_t i = 0; i < r.ne; i++)
			fprintf(stderr, "%s: error: %s [%s]\n",
				r.e[i].path ? r.e[i].path : "iommu-lockcheck",
				r.e[i].message, engine_name(r.e[i].engine));
	rc = r.nf ? 1 : (r.ne && !r.analysed) ? 2 : 0;
	results_free(&r);
	strv_free(&o.paths);
	strv_free(&o.modules);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "fix"))
		return cmd_fix(argc - 1, argv + 1);
	if (!strcmp(argv[1], "annotate"))
		return cmd_annotate(argc - 1, argv + 1);
	fprintf(stderr, "iommu-lockcheck: unknown command '%s' (check, fix, annotate; --help)\n",
		argv[1]);
	return 2;
}
