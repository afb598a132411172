// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel trees: what counts as one, as configured, and which .c files the
 * tree's configuration builds (so clang/sparse, which run through kbuild,
 * are only asked for objects kbuild will make).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lockcheck.h"

/*
 * A kernel tree: a top Makefile that sets VERSION and PATCHLEVEL, a top
 * Kbuild file and include/linux/.  Configured: .config plus the generated
 * include/generated/autoconf.h and include/config/auto.conf that
 * "make <config> prepare" leaves behind (kbuild needs all of them).
 */
int tree_is_kernel(const char *dir)
{
	char *mk = path_join(dir, "Makefile");
	char *kb = path_join(dir, "Kbuild");
	char *inc = path_join(dir, "include/linux");
	char *text = read_file(mk, NULL);
	int ok = text && is_file(kb) && is_dir(inc) &&
		 (strstr(text, "\nVERSION =") || !strncmp(text, "VERSION =", 9)) &&
		 strstr(text, "\nPATCHLEVEL =");

	free(text);
	free(mk);
	free(kb);
	free(inc);
	return ok;
}

int tree_is_configured(const char *dir)
{
	static const char *const need[] = {
		".config", "include/generated/autoconf.h", "include/config/auto.conf",
	};

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		char *p = path_join(dir, need[i]);
		int ok = is_file(p);

		free(p);
		if (!ok)
			return 0;
	}
	return 1;
}

/* An out-of-tree module directory: a directory with a Kbuild file, or a
 * Makefile using obj-m (built with make -C KDIR M=DIR). */
int tree_is_module_dir(const char *dir)
{
	char *kb = path_join(dir, "Kbuild");
	char *mk = path_join(dir, "Makefile");
	char *text = read_file(mk, NULL);
	int ok = is_file(kb) || (text && strstr(text, "obj-"));

	free(text);
	free(kb);
	free(mk);
	return ok;
}

/* PATH relative to KDIR when it is inside it (NULL when outside). */
char *tree_relpath(const char *kdir, const char *path)
{
	char rk[PATH_MAX], rp[PATH_MAX];
	size_t n;

	if (!realpath(kdir, rk) || !realpath(path, rp))
		return NULL;
	n = strlen(rk);
	if (!strcmp(rk, rp))
		return xstrdup(".");
	if (strncmp(rk, rp, n) || rp[n] != '/')
		return NULL;
	return xstrdup(rp + n + 1);
}

/* ---- kbuild's make variables: build a tree as it is configured ---- */

/*
 * kbuild reruns syncconfig, which rewrites .config, when a make variable
 * that Kconfig read at configuration time (ARCH, CC, LD, CLANG_FLAGS,
 * CC_VERSION_TEXT, ...) has another value in this run: the tree's
 * include/config/auto.conf.cmd records each as
 *	ifneq "$(CC)" "clang-16"
 *	$(autoconfig): FORCE
 *	endif
 * So the front end derives ARCH and the toolchain from the configuration,
 * asks kbuild itself what those variables would be with them (the top
 * Makefile plus PROBE_MK, goal "kernelversion", which reads no
 * configuration and writes nothing), and builds only when every one matches.
 */

/* Read after the top Makefile: each variable named in LOCKCHECK_VARS with
 * the value this command line and environment give it. */
static const char probe_mk[] =
	"$(foreach v,$(LOCKCHECK_VARS),$(info lockcheck-var $(v)=$($(v))))\n";

/* SYM's value in a .config / auto.conf text read with a leading newline,
 * quotes dropped; NULL: unset. */
static char *conf_value(const char *text, const char *sym)
{
	char *key = xasprintf("\n%s=", sym);
	const char *p = strstr(text, key), *e;

	if (!p) {
		free(key);
		return NULL;
	}
	p += strlen(key);
	free(key);
	e = p + strcspn(p, "\n");
	if (*p == '"' && e > p + 1 && e[-1] == '"')
		return xstrndup(p + 1, e - p - 2);
	return xstrndup(p, e - p);
}

static int conf_yes(const char *text, const char *sym)
{
	char *v = conf_value(text, sym);
	int y = v && !strcmp(v, "y");

	free(v);
	return y;
}

/* The ARCH= each architecture's own symbol stands for. */
static const char *const arch_syms[][2] = {
	{ "CONFIG_ARM64", "arm64" }, { "CONFIG_X86_64", "x86_64" },
	{ "CONFIG_X86_32", "i386" }, { "CONFIG_ARM", "arm" },
	{ "CONFIG_RISCV", "riscv" }, { "CONFIG_PPC", "powerpc" },
	{ "CONFIG_S390", "s390" }, { "CONFIG_MIPS", "mips" },
	{ "CONFIG_LOONGARCH", "loongarch" },
};

/* ARCH=x86_64, i386 and x86 all configure arch/x86 */
static const char *src_arch(const char *arch)
{
	return !strcmp(arch, "x86_64") || !strcmp(arch, "i386") ? "x86" : arch;
}

/* auto.conf.cmd: the recorded (name, value) pairs and the Kconfig files. */
static int read_conf_cmd(const char *kdir, struct strv *names, struct strv *values,
			 struct strv *deps)
{
	char *f = path_join(kdir, "include/config/auto.conf.cmd");
	char *text = read_file(f, NULL), *save;
	int in_deps = 0;

	free(f);
	if (!text)
		return -1;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(l, "deps_config :=", 14)) {
			in_deps = 1;
		} else if (in_deps && l[0] == '\t') {
			size_t n = strcspn(l + 1, " \\");

			if (n)
				strv_push(deps, xstrndup(l + 1, n));
		} else if (!strncmp(l, "ifneq \"$(", 9)) {
			char *name = l + 9, *close = strstr(name, ")\" \"");
			size_t vl;

			in_deps = 0;
			if (!close || (vl = strlen(close + 4)) == 0 || close[4 + vl - 1] != '"')
				continue;
			strv_push(names, xstrndup(name, close - name));
			strv_push(values, xstrndup(close + 4, vl - 1));
		} else {
			in_deps = 0;
		}
	}
	free(text);
	return 0;
}

static const char *recorded(const struct strv *names, const struct strv *values,
			    const char *name)
{
	for (size_t i = 0; i < names->n; i++)
		if (!strcmp(names->v[i], name))
			return values->v[i];
	return NULL;
}

/* Is FILE (relative to KDIR) newer than REF, or missing?  make's test, to
 * the ns (a missing Kconfig file has an empty rule: always remade). */
static int newer(const char *kdir, const char *file, const struct stat *ref)
{
	char *p = path_join(kdir, file);
	struct stat st;
	int r = stat(p, &st) != 0 ||
		(st.st_mtim.tv_sec > ref->st_mtim.tv_sec ||
		 (st.st_mtim.tv_sec == ref->st_mtim.tv_sec &&
		  st.st_mtim.tv_nsec > ref->st_mtim.tv_nsec));

	free(p);
	return r;
}

/* ARCH and the toolchain, from the configuration: into ARGS, or why not. */
static char *derive_args(const char *kdir, const char *conf, const struct strv *names,
			 const struct strv *values, struct strv *args)
{
	const char *arch = NULL, *rec_arch = recorded(names, values, "ARCH");
	const char *rec_cc = recorded(names, values, "CC");
	const char *cross = getenv("CROSS_COMPILE");

	for (size_t i = 0; i < sizeof(arch_syms) / sizeof(arch_syms[0]) && !arch; i++)
		if (conf_yes(conf, arch_syms[i][0]))
			arch = arch_syms[i][1];
	/* configured as ARCH=x86: that spelling is what kbuild compares */
	if (arch && rec_arch && strcmp(arch, rec_arch) &&
	    !strcmp(src_arch(arch), src_arch(rec_arch)))
		arch = rec_arch;
	if (!arch)
		return xasprintf("%s: cannot tell the architecture from include/config/auto.conf "
				 "(none of CONFIG_ARM64, CONFIG_X86_64, ... is set)", kdir);
	strv_push(args, xasprintf("ARCH=%s", arch));

	if (conf_yes(conf, "CONFIG_CC_IS_CLANG")) {
		char *ver = conf_value(conf, "CONFIG_CLANG_VERSION");
		long major = ver ? strtol(ver, NULL, 10) / 10000 : 0;
		/* clang-16, or plain clang when the tree was configured so */
		int plain = rec_cc && !strcmp(rec_cc, "clang");
		int llvm = conf_yes(conf, "CONFIG_LD_IS_LLD");

		free(ver);
		if (major <= 0)
			return xasprintf("%s: CONFIG_CC_IS_CLANG without CONFIG_CLANG_VERSION", kdir);
		if (llvm && plain)
			strv_push(args, xstrdup("LLVM=1"));
		else if (llvm)
			strv_push(args, xasprintf("LLVM=-%ld", major));
		else if (plain)
			strv_push(args, xstrdup("CC=clang"));
		else
			strv_push(args, xasprintf("CC=clang-%ld", major));
		/* an LLVM= in the environment would swap the linker */
		if (!llvm && getenv("LLVM") && *getenv("LLVM"))
			strv_push(args, xstrdup("LLVM="));
		if (!conf_yes(conf, "CONFIG_AS_IS_LLVM"))
			strv_push(args, xstrdup("LLVM_IAS=0"));
	} else if (!conf_yes(conf, "CONFIG_CC_IS_GCC")) {
		return xasprintf("%s: the configuration names no compiler "
				 "(neither CONFIG_CC_IS_CLANG nor CONFIG_CC_IS_GCC)", kdir);
	}
	/*
	 * A tree linked with binutils (gcc, or clang without LLVM=): its
	 * CROSS_COMPILE is the prefix of the LD it was configured with
	 * (LD = $(CROSS_COMPILE)ld), else the user's; an empty one overrides
	 * a CROSS_COMPILE in the environment that the tree was not built with.
	 */
	if (!conf_yes(conf, "CONFIG_LD_IS_LLD")) {
		const char *ld = recorded(names, values, "LD");
		size_t n = ld ? strlen(ld) : 0;
		int env = cross && *cross;
		char *prefix = n >= 2 && !strcmp(ld + n - 2, "ld") ? xstrndup(ld, n - 2) :
			       env ? xstrdup(cross) : NULL;

		if (prefix && (*prefix || env))	/* native: nothing to say */
			strv_push(args, xasprintf("CROSS_COMPILE=%s", prefix));
		free(prefix);
	}
	return NULL;
}

/* Would kbuild rerun syncconfig with ARGS?  NULL: no; else why. */
static char *would_reconfigure(const char *kdir, const struct strv *args,
			       const struct strv *names, const struct strv *values,
			       const struct strv *deps, const char *argtext)
{
	char *ac = path_join(kdir, "include/config/auto.conf");
	char *tmp = NULL, *mk = NULL;
	struct strv argv = { 0 }, diff = { 0 };
	struct stat ref;
	struct proc p = { 0 };
	char *why = NULL, *vars;
	size_t len = 1;

	if (stat(ac, &ref)) {
		why = xasprintf("%s: no include/config/auto.conf", kdir);
		goto out;
	}
	/* syncconfig also runs when .config or a Kconfig file is newer than
	 * auto.conf (which it writes last, after autoconf.h) */
	if (newer(kdir, ".config", &ref)) {
		why = xasprintf("%s: .config is newer than include/config/auto.conf: kbuild would "
				"run syncconfig and rewrite it; run make %s prepare in the tree "
				"yourself first", kdir, argtext);
		goto out;
	}
	for (size_t i = 0; i < deps->n; i++) {
		if (newer(kdir, deps->v[i], &ref)) {
			why = xasprintf("%s: %s is newer than include/config/auto.conf (or "
					"missing): kbuild "
					"would run syncconfig and rewrite .config; run make %s "
					"prepare in the tree yourself first", kdir, deps->v[i], argtext);
			goto out;
		}
	}
	tmp = make_tempdir("kbuild");
	mk = path_join(tmp, "probe.mk");
	if (write_file_atomic(mk, probe_mk, strlen(probe_mk))) {
		why = xasprintf("cannot write %s: %s", mk, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < names->n; i++)
		len += strlen(names->v[i]) + 1;
	vars = xmalloc(len + 16);
	strcpy(vars, "LOCKCHECK_VARS=");
	for (size_t i = 0; i < names->n; i++)
		strcat(strcat(vars, i ? " " : ""), names->v[i]);
	strv_push(&argv, xstrdup("make"));
	strv_push(&argv, xstrdup("--no-print-directory"));	/* no kbuild sub-make */
	strv_push(&argv, xstrdup("-f"));
	strv_push(&argv, xstrdup("Makefile"));
	strv_push(&argv, xstrdup("-f"));
	strv_push(&argv, xstrdup(mk));
	for (size_t i = 0; i < args->n; i++)
		strv_push(&argv, xstrdup(args->v[i]));
	strv_push(&argv, vars);
	strv_push(&argv, xstrdup("kernelversion"));
	strv_push(&argv, NULL);
	p.argv = argv.v;
	p.cwd = kdir;
	p.timeout = 120;
	if (run_proc(&p)) {
		why = xasprintf("%s: cannot ask kbuild for its make variables: make %s "
				"kernelversion: %s", kdir, argtext,
				p.spawn_failed ? "cannot run make" : p.err);
		goto out;
	}
	for (size_t i = 0; i < names->n; i++) {
		char *key = xasprintf("lockcheck-var %s=", names->v[i]);
		char *at = strstr(p.out, key);
		char *now = at ? xstrndup(at + strlen(key), strcspn(at + strlen(key), "\n"))
			       : xstrdup("?");

		if (strcmp(now, values->v[i]))
			strv_push(&diff, xasprintf("%s is \"%s\", the tree was configured with "
						   "\"%s\"", names->v[i], now, values->v[i]));
		free(now);
		free(key);
	}
	if (diff.n) {
		char *list = xstrdup("");

		for (size_t i = 0; i < diff.n && i < 3; i++) {
			char *l = xasprintf("%s%s%s", list, i ? "; " : "", diff.v[i]);

			free(list);
			list = l;
		}
		why = xasprintf("%s: make %s would reconfigure the tree (kbuild reruns syncconfig "
				"and rewrites .config): %s%s; iommu-lockcheck never reconfigures a "
				"tree: fix the environment (CROSS_COMPILE, LLVM, PATH) or configure "
				"the tree again yourself", kdir, argtext, list,
				diff.n > 3 ? "; ..." : "");
		free(list);
	}
out:
	proc_free(&p);
	if (argv.n)
		argv.n--;
	strv_free(&argv);
	strv_free(&diff);
	if (tmp)
		remove_tree(tmp);
	free(tmp);
	free(mk);
	free(ac);
	return why;
}

struct kbuild_tree {
	char *kdir;
	struct strv args;
	char *text;		/* "ARCH=arm64 LLVM=-16" */
	char *error;
};

static struct kbuild_tree *kbuild_tree(const char *kdir)
{
	static struct kbuild_tree *trees;
	static size_t n;
	struct kbuild_tree *t;
	struct strv names = { 0 }, values = { 0 }, deps = { 0 };
	char *cf, *conf;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(trees[i].kdir, kdir))
			return &trees[i];
	trees = xrealloc(trees, (n + 1) * sizeof(*trees));
	t = &trees[n++];
	memset(t, 0, sizeof(*t));
	t->kdir = xstrdup(kdir);
	t->text = xstrdup("");
	cf = path_join(kdir, "include/config/auto.conf");
	conf = read_file(cf, NULL);
	free(cf);
	if (conf) {	/* a leading newline: every line matches "\nCONFIG_X=" */
		char *nl = xasprintf("\n%s", conf);

		free(conf);
		conf = nl;
	} else {
		t->error = xasprintf("%s is not configured: no include/config/auto.conf", kdir);
		return t;
	}
	if (read_conf_cmd(kdir, &names, &values, &deps)) {
		t->error = xasprintf("%s: no include/config/auto.conf.cmd: kbuild would run "
				     "syncconfig and rewrite .config; run make prepare in the "
				     "tree yourself first", kdir);
	} else {
		t->error = derive_args(kdir, conf, &names, &values, &t->args);
	}
	for (size_t i = 0; i < t->args.n; i++) {
		char *s = xasprintf("%s%s%s", t->text, i ? " " : "", t->args.v[i]);

		free(t->text);
		t->text = s;
	}
	if (!t->error)
		t->error = would_reconfigure(kdir, &t->args, &names, &values, &deps, t->text);
	strv_free(&names);
	strv_free(&values);
	strv_free(&deps);
	free(conf);
	return t;
}

const char *kbuild_args(const char *kdir, struct strv *argv)
{
	struct kbuild_tree *t = kbuild_tree(kdir);

	if (t->error)
		return t->error;
	for (size_t i = 0; i < t->args.n; i++)
		strv_push(argv, xstrdup(t->args.v[i]));
	return NULL;
}

const char *kbuild_args_text(const char *kdir)
{
	return kbuild_tree(kdir)->text;
}

/* ---- which objects the configuration builds ---- */

static char *autoconf;	/* include/config/auto.conf of the current tree */

/* CONFIG_X's value: 'y', 'm', or 0 when unset. */
static char config_value(const char *kdir, const char *sym, size_t len)
{
	char key[256];
	const char *p;

	if (!autoconf) {
		char *f = path_join(kdir, "include/config/auto.conf");

		char *text = read_file(f, NULL);

		free(f);
		/* a leading newline, so every line matches "\nCONFIG_X=" */
		autoconf = xasprintf("\n%s", text ? text : "");
		free(text);
	}
	if (len + 4 > sizeof(key))
		return 0;
	snprintf(key, sizeof(key), "\n%.*s=", (int)len, sym);
	p = strstr(autoconf, key);
	if (!p)
		return 0;
	p += strlen(key);
	return *p == 'y' || *p == 'm' ? *p : 0;
}

static int config_enabled(const char *kdir, const char *sym, size_t len)
{
	return config_value(kdir, sym, len) != 0;
}

/* The dir's kbuild file as logical lines (continuations joined, comments
 * dropped), or NULL. */
static char *kbuild_file_text(const char *kdir, const char *dir, const char *name)
{
	char *d = path_join(kdir, dir);
	char *f = path_join(d, name);
	char *t = read_file(f, NULL);

	free(f);
	free(d);
	if (!t)
		return NULL;
	/* join "\\\n", cut "# ..." to end of line */
	char *w = t;
	for (char *r = t; *r; r++) {
		if (r[0] == '\\' && r[1] == '\n') {
			*w++ = ' ';
			r++;
		} else if (*r == '#') {
			while (r[1] && r[1] != '\n')
				r++;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return t;
}

static char *kbuild_text(const char *kdir, const char *dir)
{
	char *t = kbuild_file_text(kdir, dir, "Kbuild");

	return t ? t : kbuild_file_text(kdir, dir, "Makefile");
}

static int has_word(const char *rhs, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = rhs; (p = strstr(p, word)); p++) {
		int before = p == rhs || isspace((unsigned char)p[-1]) || p[-1] == '=';
		int after = !p[n] || isspace((unsigned char)p[n]);

		if (before && after)
			return 1;
	}
	return 0;
}

/* The variable that LHS ("proc-$(CONFIG_MMU)", trimmed) names once its
 * CONFIG_ is expanded ("proc-y"), or NULL when that is unset. */
static char *expanded_var(const char *kdir, const char *lhs, size_t len)
{
	const char *cfg = memmem(lhs, len, "$(CONFIG_", 9);
	const char *close = cfg ? memchr(cfg, ')', lhs + len - cfg) : NULL;
	char v;

	if (!cfg)
		return xstrndup(lhs, len);
	if (!close || !(v = config_value(kdir, cfg + 2, close - cfg - 2)))
		return NULL;
	return xasprintf("%.*s%c%.*s", (int)(cfg - lhs), lhs, v,
			 (int)(lhs + len - close - 1), close + 1);
}

/*
 * Does a line of REST (the logical lines after the one that named OBJ in
 * VAR) assign VAR anew, "=" or ":=", without OBJ?  Make then forgets the
 * earlier value: fs/proc/Makefile's "proc-y := nommu.o task_nommu.o" is
 * replaced by "proc-$(CONFIG_MMU) := task_mmu.o" on every MMU kernel,
 * unless the new value names the old ("$(proc-y)").
 */
static int reassigned_later(const char *kdir, const char *rest, const char *var,
			    const char *obj)
{
	int gone = 0;

	for (const char *line = rest; !gone && line && *line;) {
		const char *nl = strchrnul(line, '\n'), *eq = memchr(line, '=', nl - line);
		const char *b = line, *e = eq;

		if (eq && eq > line && eq[-1] != '+' && eq[-1] != '?' && eq[-1] != '!') {
			char *rhs = xstrndup(eq + 1, nl - eq - 1), *name;
			char *self = xasprintf("$(%s)", var);

			e -= e[-1] == ':';
			while (e > b && isspace((unsigned char)e[-1]))
				e--;
			while (b < e && isspace((unsigned char)*b))
				b++;
			name = expanded_var(kdir, b, e - b);
			/* "x-y := a.o $(x-y)" keeps what was there */
			gone = name && !strcmp(name, var) && !has_word(rhs, obj) &&
			       !strstr(rhs, self);
			free(name);
			free(self);
			free(rhs);
		}
		line = *nl ? nl + 1 : nl;
	}
	return gone;
}

/* Is OBJ (relative to DIR) built, according to DIR's kbuild file? -1: the
 * file does not mention it. */
static int obj_in_dir(const char *kdir, const char *dir, const char *obj, int depth)
{
	char *text = kbuild_text(kdir, dir);
	int result = -1;

	if (!text || depth > 8) {
		free(text);
		return -1;
	}
	char *save;

	for (char *line = strtok_r(text, "\n", &save); line && result != 1;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		char *lhs = line, *end;

		if (!eq || eq == line || !has_word(eq + 1, obj))
			continue;
		end = eq;
		if (end[-1] == '+' || end[-1] == ':' || end[-1] == '?')
			end--;
		while (end > lhs && isspace((unsigned char)end[-1]))
			end--;
		while (lhs < end && isspace((unsigned char)*lhs))
			lhs++;
		*end = 0;
		/* lhs: obj-y, obj-m, obj-$(CONFIG_X), name-y, name-objs, name-$(CONFIG_X) */
		char *dash = strrchr(lhs, '-');
		char *cfg = strstr(lhs, "$(CONFIG_");
		int enabled = 1;

		if (cfg) {
			dash = cfg - 1;
			cfg += 2;
			enabled = config_enabled(kdir, cfg, strcspn(cfg, ")"));
		} else if (dash && strcmp(dash, "-y") && strcmp(dash, "-m") &&
			   strcmp(dash, "-objs")) {
			continue;	/* ccflags-y, subdir-y, ... */
		}
		if (!dash || *dash != '-')
			continue;
		if (enabled) {
			char *var = expanded_var(kdir, lhs, strlen(lhs));

			enabled = !var || !reassigned_later(kdir, save, var, obj);
			free(var);
		}
		*dash = 0;
		if (!enabled) {
			result = result < 0 ? 0 : result;
			continue;
		}
		if (!strcmp(lhs, "obj") || !strcmp(lhs, "lib")) {
			result = 1;
		} else if (strcmp(lhs, "ccflags") && strcmp(lhs, "subdir") &&
			   strcmp(lhs, "always") && strcmp(lhs, "extra") &&
			   strcmp(lhs, "targets") && strcmp(lhs, "hostprogs")) {
			/* a composite object: built if NAME.o is */
			char *name = xasprintf("%s.o", lhs);
			int r = obj_in_dir(kdir, dir, name, depth + 1);

			free(name);
			if (r < 0) {	/* a list variable: msm-y += $(adreno-y) */
				name = xasprintf("$(%s-y)", lhs);
				r = obj_in_dir(kdir, dir, name, depth + 1);
				free(name);
			}
			if (r >= 0)
				result = r;
		}
	}
	free(text);
	return result;
}

/*
 * Is DIR (relative to KDIR) descended into: named "SUB/" by the nearest
 * ancestor whose kbuild file names it (drivers/Makefile: obj-$(CONFIG_S390)
 * += s390/), which is built in turn?  A top-level directory that neither
 * the top Kbuild nor the top Makefile names (tools/) is not kbuild's.
 * Architecture directories are named by the arch Makefile's own variables:
 * kbuild_builds() judges them.
 */
static int dir_built(const char *kdir, const char *dir, int depth)
{
	char *anc = xstrdup(dir), *slash;
	int r = -1;

	if (!strncmp(dir, "arch/", 5) || depth > 16) {
		free(anc);
		return 1;
	}
	while (r < 0 && (slash = strrchr(anc, '/'))) {
		char *word;

		*slash = 0;
		word = xasprintf("%s/", dir + strlen(anc) + 1);
		r = obj_in_dir(kdir, anc, word, 0);
		free(word);
		if (r == 1)
			r = dir_built(kdir, anc, depth + 1);
	}
	if (r < 0) {	/* the top: Kbuild's obj-y, or the Makefile's libs-y */
		char *top = xstrndup(dir, strcspn(dir, "/"));
		char *word = xasprintf("%s/", top);
		char *mk = kbuild_file_text(kdir, ".", "Makefile");

		r = obj_in_dir(kdir, ".", word, 0) == 1 || (mk && has_word(mk, word));
		free(mk);
		free(word);
		free(top);
	}
	free(anc);
	return r;
}

/* Does the configuration build REL_C (a .c relative to KDIR)? */
int kbuild_builds(const char *kdir, const char *rel_c)
{
	char *obj = xstrdup(rel_c);
	size_t n = strlen(obj);
	char *dir, *slash;
	int r = -1;

	if (n < 3 || strcmp(obj + n - 2, ".c")) {
		free(obj);
		return 0;
	}
	obj[n - 1] = 'o';
	/* another architecture's arch/ directory is never built */
	if (!strncmp(obj, "arch/", 5)) {
		char *a = xstrndup(obj + 5, strcspn(obj + 5, "/"));
		char *gen = xasprintf("%s/arch/%s/include/generated", kdir, a);
		int ours = is_dir(gen);

		free(a);
		free(gen);
		if (!ours) {
			free(obj);
			return 0;
		}
	}
	dir = xstrdup(obj);
	while ((slash = strrchr(dir, '/'))) {
		*slash = 0;
		r = obj_in_dir(kdir, dir, obj + strlen(dir) + 1, 0);
		if (r >= 0)
			break;
	}
	if (r == 1 && slash)
		r = dir_built(kdir, dir, 0);
	free(dir);
	free(obj);
	return r == 1;
}

/* ---- targeting: which files mention the APIs ---- */

char *names_regex(unsigned kinds)
{
	struct strv names = { 0 };
	char *re, *p;
	size_t len = 16;

#define DMA_CONFIGURE(fn) \
	if (kinds & NAMES_DMA_CONFIGURE) strv_push(&names, xstrdup(#fn));
#define REQUIRES(fn, arg, lock) \
	if (kinds & NAMES_REQUIRES) strv_push(&names, xstrdup(#fn));
#define ASSERT(fn, arg, lock) \
	if ((kinds & NAMES_ASSERT_DEV) && strcmp(#lock, "MUTEX")) \
		strv_push(&names, xstrdup(#fn));
#include "lockrules.def"
#undef DMA_CONFIGURE
#undef REQUIRES
#undef ASSERT
	strv_sort_uniq(&names);
	for (size_t i = 0; i < names.n; i++)
		len += strlen(names.v[i]) + 1;
	re = p = xmalloc(len);
	p += sprintf(p, "\\b(");
	for (size_t i = 0; i < names.n; i++)
		p += sprintf(p, "%s%s", i ? "|" : "", names.v[i]);
	sprintf(p, ")\\b");
	strv_free(&names);
	return re;
}

/* Collect .c files under PATHS (relative to KDIR, or absolute) that match
 * REGEX (all when NULL).  grep/find do the walking; argv only. */
void find_sources(const char *kdir, const struct strv *paths,
		  const char *regex, struct strv *out)
{
	struct strv argv = { 0 };
	struct proc p = { 0 };

	if (regex) {
		strv_push(&argv, xstrdup("grep"));
		strv_push(&argv, xstrdup("-rlIE"));
		strv_push(&argv, xstrdup("--include=*.c"));
		strv_push(&argv, xstrdup("-e"));
		strv_push(&argv, xstrdup(regex));
		strv_push(&argv, xstrdup("--"));
	} else {
		strv_push(&argv, xstrdup("find"));
	}
	for (size_t i = 0; i < paths->n; i++)
		strv_push(&argv, xstrdup(paths->v[i]));
	if (!regex) {
		strv_push(&argv, xstrdup("-name"));
		strv_push(&argv, xstrdup("*.c"));
		strv_push(&argv, xstrdup("-type"));
		strv_push(&argv, xstrdup("f"));
	}
	strv_push(&argv, NULL);
	p.argv = argv.v;
	p.cwd = kdir;
	run_proc(&p);
	for (char *line = strtok(p.out, "\n"); line; line = strtok(NULL, "\n")) {
		if (!strncmp(line, "./", 2))
			line += 2;
		strv_push(out, xstrdup(line));
	}
	proc_free(&p);
	argv.n--;
	strv_free(&argv);
	strv_sort_uniq(out);
}
