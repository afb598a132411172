// SPDX-License-Identifier: GPL-2.0
/*
 * What fix asks of the tree and of the sender: who signs the series (git
 * config, or --from), the subject prefix a file's patches use (its git
 * history, else a short table of known prefixes, else its path), who to Cc
 * (the tree's scripts/get_maintainer.pl) and whether a patch is clean (the
 * tree's scripts/checkpatch.pl).  Both Perl scripts run from the tree, as
 * maintainers run them, and neither writes anything.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "lockcheck.h"

static char *git_config(const char *kdir, const char *key)
{
	char *const argv[] = { "git", "config", "--get", (char *)key, NULL };
	struct proc p = { .argv = argv, .cwd = kdir, .timeout = 30 };
	char *v = NULL;

	if (run_proc(&p) == 0 && p.out[0]) {
		p.out[strcspn(p.out, "\n")] = 0;
		if (p.out[0])
			v = xstrdup(p.out);
	}
	proc_free(&p);
	return v;
}

static int valid_ident(const char *s)
{
	regex_t re;
	int ok;

	regcomp(&re, "^[^<>@]*[^<>@ ] <[^<>@ ]+@[^<>@ ]+>$", REG_EXTENDED | REG_NOSUB);
	ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

/* "Name <mail>" of the sender, for From: and Signed-off-by:.  NULL with
 * *why set when there is none: a patch without the sender's sign-off
 * cannot be sent, so fix stops before doing any work. */
char *sender_identity(const char *kdir, const char *from, char **why)
{
	char *name, *email, *id;

	if (from) {
		if (valid_ident(from))
			return xstrdup(from);
		*why = xasprintf("--from=%s: expected \"Name <user@host>\"", from);
		return NULL;
	}
	name = git_config(kdir, "user.name");
	email = git_config(kdir, "user.email");
	if (!name || !email) {
		*why = xasprintf("no sender for Signed-off-by: git config in %s has no %s; "
				 "set user.name and user.email, or pass --from=\"Name <user@host>\"",
				 kdir, !name && !email ? "user.name and user.email" :
				 !name ? "user.name" : "user.email");
		id = NULL;
	} else {
		id = xasprintf("%s <%s>", name, email);
		if (!valid_ident(id)) {
			*why = xasprintf("git config user.name/user.email give \"%s\", not "
					 "\"Name <user@host>\"; pass --from", id);
			free(id);
			id = NULL;
		}
	}
	free(name);
	free(email);
	return id;
}

/*
 * Prefixes the files' own histories use where the path does not say it:
 * the longest matching path prefix wins.  Checked against the subjects in
 * linux.git of the files this tool fixes (e.g. "ACPI/IORT: ..." for every
 * iort.c change, "gpu: host1x: ..." for host1x, "drm/msm/a6xx: ...").
 * MAINTAINERS titles are no substitute: their abbreviations ("ACPI/arm64",
 * "MFC", "V4L/DVB") are not what the patches say.
 */
static const struct {
	const char *path, *prefix;
} known_prefixes[] = {
	{ "drivers/acpi/arm64/iort.c", "ACPI/IORT" },
	{ "drivers/acpi/arm64/", "ACPI: arm64" },
	{ "drivers/bus/fsl-mc/", "bus: fsl-mc" },
	{ "drivers/gpu/drm/msm/adreno/a6xx", "drm/msm/a6xx" },
	{ "drivers/gpu/drm/msm/adreno/", "drm/msm/adreno" },
	{ "drivers/gpu/host1x/", "gpu: host1x" },
	{ "drivers/iommu/arm/arm-smmu-v3/", "iommu/arm-smmu-v3" },
	{ "drivers/iommu/arm/arm-smmu/", "iommu/arm-smmu" },
	{ "drivers/staging/vc04_services/interface/vchiq_arm/", "staging: vchiq_arm" },
	{ "sound/soc/bcm/", "ASoC: bcm" },
};

/* "drm/sun4i", "media: venus", "wifi: ath10k", "staging: X" from the
 * path's conventions, when neither history nor the table says. */
static char *prefix_from_path(const char *path)
{
	char *p = xstrdup(path), *parts[32], *res, *save;
	int n = 0;
	size_t best = 0;

	for (size_t i = 0; i < sizeof(known_prefixes) / sizeof(known_prefixes[0]); i++) {
		size_t l = strlen(known_prefixes[i].path);

		if (l > best && !strncmp(path, known_prefixes[i].path, l)) {
			best = l;
			res = xstrdup(known_prefixes[i].prefix);
		}
	}
	if (best)
		goto out;
	for (char *w = strtok_r(p, "/", &save); w && n < 32; w = strtok_r(NULL, "/", &save))
		parts[n++] = w;
	n--;	/* drop the file name */
	for (int i = 0; i + 1 < n; i++)
		if (!strcmp(parts[i], "drm")) {
			res = xasprintf("drm/%s", parts[i + 1]);
			goto out;
		}
	if (n >= 2 && !strcmp(parts[0], "sound") && !strcmp(parts[1], "soc"))
		res = xasprintf("ASoC: %s", n > 2 ? parts[n - 1] : "soc");
	else if (n >= 3 && !strcmp(parts[1], "net") && !strcmp(parts[2], "wireless"))
		res = xasprintf("wifi: %s", parts[n - 1]);
	else if (n >= 2 && !strcmp(parts[1], "media"))
		res = xasprintf("media: %s", parts[n - 1]);
	else if (n >= 2 && (!strcmp(parts[1], "staging") || !strcmp(parts[1], "bus")))
		res = xasprintf("%s: %s", parts[1], n > 2 ? parts[2] : parts[n - 1]);
	else if (n >= 1)
		res = xstrdup(parts[n - 1]);
	else
		res = xstrdup("treewide");
out:
	free(p);
	return res;
}

/* The subject prefix the file's history uses most ("drm/msm/a6xx"), when
 * the tree is a git repository; else the table, else the path. */
char *subject_prefix(const char *kdir, const char *path)
{
	char *const argv[] = { "git", "log", "-n", "30", "--no-merges", "--format=%s", "--",
			       (char *)path, NULL };
	struct proc p = { .argv = argv, .cwd = kdir, .timeout = 60 };
	struct strv prefixes = { 0 };
	char *best = NULL, *save;
	size_t best_n = 0;

	if (run_proc(&p) == 0) {
		for (char *s = strtok_r(p.out, "\n", &save); s; s = strtok_r(NULL, "\n", &save)) {
			/* "wifi: ath10k: fix x" -> "wifi: ath10k"; "Revert ..." has none */
			const char *q = s, *end = NULL, *colon;

			while ((colon = strstr(q, ": ")) && colon > q && !memchr(q, ' ', colon - q)) {
				end = colon;
				q = colon + 2;
			}
			if (end)
				strv_push(&prefixes, xstrndup(s, end - s));
		}
		for (size_t i = 0; i < prefixes.n; i++) {
			size_t c = 0;

			for (size_t j = 0; j < prefixes.n; j++)
				c += !strcmp(prefixes.v[i], prefixes.v[j]);
			if (c > best_n) {
				best_n = c;
				best = prefixes.v[i];
			}
		}
		best = best ? xstrdup(best) : NULL;
	}
	proc_free(&p);
	strv_free(&prefixes);
	return best ? best : prefix_from_path(path);
}

/* The maintainers and lists of the files a patch touches, as the tree's
 * get_maintainer.pl names them (no git: the tree may have no history, and
 * the file's recent authors are not its maintainers). */
int get_maintainers(const char *kdir, const char *patch, struct strv *out, char **why)
{
	char *script = path_join(kdir, "scripts/get_maintainer.pl");
	char *const argv[] = { "perl", script, "--no-git", "--no-git-fallback",
			       "--no-rolestats", (char *)patch, NULL };
	struct proc p = { .argv = argv, .cwd = kdir, .timeout = 120 };
	int rc = -1;

	if (!is_file(script)) {
		*why = xstrdup("the tree has no scripts/get_maintainer.pl");
		free(script);
		return -1;
	}
	if (run_proc(&p) || p.timed_out) {
		*why = xasprintf("scripts/get_maintainer.pl failed (exit %d): %s", p.status,
				 p.err[0] ? p.err : "no message\n");
	} else {
		char *save;

		for (char *l = strtok_r(p.out, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			while (isspace((unsigned char)*l))
				l++;
			if (*l && strchr(l, '@') && !strv_contains(out, l))
				strv_push(out, xstrdup(l));
		}
		rc = 0;
		if (!out->n) {
			*why = xstrdup("scripts/get_maintainer.pl names nobody");
			rc = -1;
		}
	}
	proc_free(&p);
	free(script);
	return rc;
}

/* The tree's checkpatch.pl on one patch, from the tree (so it finds its
 * spelling and const-struct lists). */
int run_checkpatch(const char *kdir, const char *patch, int *errors, int *warnings,
		   char **text)
{
	char *script = path_join(kdir, "scripts/checkpatch.pl");
	char *const argv[] = { "perl", script, "--no-color", "-q", (char *)patch, NULL };
	struct proc p = { .argv = argv, .cwd = kdir, .timeout = 300 };
	regex_t total;
	regmatch_t m[3];
	int rc = -1;

	*errors = *warnings = 0;
	*text = NULL;
	if (!is_file(script)) {
		free(script);
		return -1;
	}
	run_proc(&p);
	regcomp(&total, "total: ([0-9]+) errors, ([0-9]+) warnings", REG_EXTENDED);
	if (!p.timed_out && !regexec(&total, p.out, 3, m, 0)) {
		*errors = atoi(p.out + m[1].rm_so);
		*warnings = atoi(p.out + m[2].rm_so);
		rc = *errors || *warnings;
		*text = xstrdup(p.out);
	} else if (!p.timed_out && p.status == 0) {
		rc = 0;	/* -q prints nothing at all for a clean patch */
	} else {
		*text = xasprintf("%s%s", p.out, p.err);
	}
	regfree(&total);
	proc_free(&p);
	free(script);
	return rc;
}
