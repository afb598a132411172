// SPDX-License-Identifier: GPL-2.0
/*
 * iommu-lockcheck: one front end for the three engines.
 *
 *   iommu-lockcheck check    find the locking bugs (text, JSON or SARIF)
 *   iommu-lockcheck fix      write one fixup patch per driver file
 *   iommu-lockcheck annotate apply the Sparse annotations to a tree
 *
 * Exit status: 0 no findings, 1 findings (new ones, with --baseline), 2
 * usage or environment error (or nothing could be analysed).
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
"                             [-q] [--all-files] [--timeout=SEC] [--unconfirmed]\n"
"                             [--baseline=FILE] [--suppress=FILE]\n"
"                             [--no-summaries] [PATH...]\n"
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
"  Where clang analysed a file, its verdict on the lock rules stands: a\n"
"  lock-rule finding of sparse or cocci there that clang does not confirm\n"
"  is kept in JSON/SARIF marked unconfirmed and printed only with\n"
"  --unconfirmed (as a note).\n"
"  Clang runs twice: requirements and callback contexts summarised per\n"
"  file in pass 1 (cached per tree and configuration) are checked at the\n"
"  calls of other files in pass 2.  --no-summaries: one pass.\n"
"  --baseline=FILE: the SARIF or JSON of an earlier check; text and JSON\n"
"  list only the findings not in it, SARIF all with baselineState\n"
"  new/unchanged/absent (fingerprints: partialFingerprints %s).\n"
"  --suppress=FILE (default: .iommu-lockcheck-suppress at the tree's top,\n"
"  if present): lines 'RULE PATH FUNCTION # reason' (FUNCTION may be *);\n"
"  suppressed findings stay only in SARIF (suppressions), are counted on\n"
"  stderr, and a line that matches nothing checked is named as stale.\n"
"Exit: 0 no findings, 1 findings (with --baseline: new ones), 2\n"
"  usage/environment error or nothing could be analysed.\n"
"\n"
"Rules:\n", SARIF_FINGERPRINT);
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
		{ "unconfirmed", no_argument, NULL, 'U' },
		{ "no-summaries", no_argument, NULL, 'N' },
		{ "baseline", required_argument, NULL, 'B' },
		{ "suppress", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct check_opts o = { .kdir = ".", .engines = ENGINE_ALL, .jobs = nproc(),
				.timeout = 120 };
	struct results r = { 0 };
	struct report_opts ro = { .fmt = FMT_TEXT };
	struct baseline *base = NULL;
	struct suppressions *supp = NULL;
	const char *output = NULL, *baseline = NULL, *suppress = NULL;
	char *default_supp = NULL;
	size_t counts[3];
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
				ro.fmt = FMT_TEXT;
			else if (!strcmp(optarg, "json"))
				ro.fmt = FMT_JSON;
			else if (!strcmp(optarg, "sarif"))
				ro.fmt = FMT_SARIF;
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
		case 'U': ro.unconfirmed = 1; break;
		case 'N': summaries_disabled = 1; break;
		case 'B': baseline = optarg; break;
		case 'S': suppress = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	verbose_progress = !quiet && isatty(2);
	require_kernel_tree(o.kdir, "check");
	/* bad baseline or suppressions: say so before the engines run */
	if (baseline && !(base = baseline_load(baseline)))
		return 2;
	if (!suppress) {
		default_supp = path_join(o.kdir, ".iommu-lockcheck-suppress");
		if (is_file(default_supp))
			suppress = default_supp;	/* read only, never written */
	}
	if (suppress && !(supp = suppress_load(suppress))) {
		baseline_free(base);
		free(default_supp);
		return 2;
	}
	ro.kdir = o.kdir;
	ro.baseline = !!base;
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
	results_merge(&r);
	results_fingerprint(&r, o.kdir);
	if (supp)
		suppress_apply(supp, &r, &o.paths, &o.modules);
	if (base) {
		baseline_apply(base, &r, counts);
		fprintf(stderr, "iommu-lockcheck: baseline %s: %zu new, %zu unchanged, %zu absent\n",
			baseline, counts[0], counts[1], counts[2]);
	}

	if (output) {
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);

		report_write(&r, &ro, mem);
		fclose(mem);
		if (write_file_atomic(output, buf, len)) {
			fprintf(stderr, "iommu-lockcheck check: cannot write %s: %m\n", output);
			free(buf);
			rc = 2;
			goto out;
		}
		free(buf);
	} else {
		report_write(&r, &ro, stdout);
	}
	/* errors also on stderr for JSON/SARIF, where stdout is machine food */
	if (ro.fmt != FMT_TEXT || output)
		for (size_t i = 0; i < r.ne; i++)
			fprintf(stderr, "%s: error: %s [%s]\n",
				r.e[i].path ? r.e[i].path : "iommu-lockcheck",
				r.e[i].message, engine_name(r.e[i].engine));
	rc = results_reported(&r) ? 1 : (r.ne && !r.analysed) ? 2 : 0;
out:
	results_free(&r);
	baseline_free(base);
	suppress_free(supp);
	free(default_supp);
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
