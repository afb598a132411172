// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers: allocation, files written atomically, and running child
 * processes from argv arrays (never a shell string: paths come from users).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lockcheck.h"

int verbose_progress;

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "iommu-lockcheck: out of memory\n");
		exit(2);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "iommu-lockcheck: out of memory\n");
		exit(2);
	}
	return p;
}

char *xstrdup(const char *s)
{
	return strcpy(xmalloc(strlen(s) + 1), s);
}

char *xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (!d) {
		fprintf(stderr, "iommu-lockcheck: out of memory\n");
		exit(2);
	}
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s) {
		fprintf(stderr, "iommu-lockcheck: out of memory\n");
		exit(2);
	}
	return s;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, a = 0, got;

	if (!f)
		return NULL;
	do {
		if (a - n < 65536) {
			a = a ? a * 2 : 65536;
			buf = xrealloc(buf, a + 1);
		}
		got = fread(buf + n, 1, a - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

/* temp file in the same directory + rename: readers never see half a file,
 * and a hard-linked original (cp -al tree copies) is never written through. */
int write_file_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	struct stat st;

	if (fd < 0)
		goto fail;
	if (stat(path, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	else
		fchmod(fd, 0644);
	while (len) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			goto fail;
		}
		data += w;
		len -= w;
	}
	if (close(fd) || rename(tmp, path)) {
		unlink(tmp);
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	free(tmp);
	return -1;
}

int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* FNV-1a, 64 bits: cache keys and fingerprints, not security */
int mkdir_p(const char *dir)
{
	char *d = xstrdup(dir);
	int rc = 0;

	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(d, 0755) && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	if (mkdir(d, 0755) && errno != EEXIST)
		rc = -1;
	free(d);
	return rc || !is_dir(dir) ? -1 : 0;
}

uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *path_join(const char *a, const char *b)
{
	if (b[0] == '/')
		return xstrdup(b);
	return xasprintf("%s%s%s", a, a[0] && a[strlen(a) - 1] != '/' ? "/" : "", b);
}

/* Temporary directories go away at exit, also on Ctrl-C / SIGTERM: the
 * handler only sets a flag; run_procs() sees it, kills its children and
 * exits through atexit. */
static struct strv tempdirs;
static volatile sig_atomic_t interrupted;

static void remove_tempdirs(void)
{
	for (size_t i = 0; i < tempdirs.n; i++)
		remove_tree(tempdirs.v[i]);
}

static void on_signal(int sig)
{
	interrupted = sig;
}

char *make_tempdir(const char *what)
{
	const char *t = getenv("TMPDIR");
	char *d = xasprintf("%s/iommu-lockcheck-%s.XXXXXX", t && *t ? t : "/tmp", what);

	if (!mkdtemp(d)) {
		fprintf(stderr, "iommu-lockcheck: cannot create a temporary directory %s: %s\n",
			d, strerror(errno));
		exit(2);
	}
	if (!tempdirs.n) {
		struct sigaction sa = { .sa_handler = on_signal };

		atexit(remove_tempdirs);
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
	}
	strv_push(&tempdirs, xstrdup(d));
	return d;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

int remove_tree(const char *path)
{
	return nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

void progress(const char *what, size_t done, size_t total)
{
	if (verbose_progress)
		fprintf(stderr, "\r\033[K%s: %zu/%zu files", what, done, total);
}

void progress_done(void)
{
	if (verbose_progress)
		fprintf(stderr, "\r\033[K");
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *tmpdir;	/* captured output of children */

static int spawn(struct proc *p)
{
	int ofd, efd;

	if (!tmpdir)
		tmpdir = make_tempdir("run");
	p->out_path = xasprintf("%s/out.XXXXXX", tmpdir);
	p->err_path = xasprintf("%s/err.XXXXXX", tmpdir);
	ofd = mkstemp(p->out_path);
	efd = mkstemp(p->err_path);
	if (ofd < 0 || efd < 0) {
		fprintf(stderr, "iommu-lockcheck: cannot create a temporary file in %s\n", tmpdir);
		exit(2);
	}
	fflush(NULL);
	p->pid = fork();
	if (p->pid < 0) {
		fprintf(stderr, "iommu-lockcheck: fork: %s\n", strerror(errno));
		exit(2);
	}
	if (p->pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		setpgid(0, 0);	/* so a timeout kills the whole job */
		dup2(devnull, 0);
		dup2(ofd, 1);
		dup2(efd, 2);
		if (p->cwd && chdir(p->cwd)) {
			fprintf(stderr, "cannot enter %s: %s\n", p->cwd, strerror(errno));
			_exit(127);
		}
		execvp(p->argv[0], p->argv);
		fprintf(stderr, "cannot run %s: %s\n", p->argv[0], strerror(errno));
		_exit(127);
	}
	close(ofd);
	close(efd);
	p->deadline = p->timeout ? now() + p->timeout : 0;
	return 0;
}

static void reap(struct proc *p, int status)
{
	if (WIFEXITED(status))
		p->status = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		p->status = 128 + WTERMSIG(status);
	p->spawn_failed = p->status == 127;
	p->out = read_file(p->out_path, NULL);
	p->err = read_file(p->err_path, NULL);
	if (!p->out)
		p->out = xstrdup("");
	if (!p->err)
		p->err = xstrdup("");
	unlink(p->out_path);
	unlink(p->err_path);
	p->pid = 0;
}

void run_procs(struct proc *procs, size_t n, int jobs,
	       void (*done)(struct proc *p, void *ctx), void *ctx)
{
	size_t next = 0, running = 0, finished = 0;

	if (jobs < 1)
		jobs = 1;
	while (finished < n) {
		int any = 0;

		while (running < (size_t)jobs && next < n) {
			spawn(&procs[next++]);
			running++;
		}
		for (size_t i = 0; i < next; i++) {
			struct proc *p = &procs[i];
			int status;

			if (!p->pid)
				continue;
			if (waitpid(p->pid, &status, WNOHANG) == p->pid) {
				reap(p, status);
				running--;
				finished++;
				any = 1;
				if (done)
					done(p, ctx);
			} else if (p->deadline && now() > p->deadline && !p->timed_out) {
				p->timed_out = 1;
				kill(-p->pid, SIGKILL);
			}
		}
		if (interrupted) {
			for (size_t i = 0; i < next; i++)
				if (procs[i].pid) {
					kill(-procs[i].pid, SIGKILL);
					waitpid(procs[i].pid, NULL, 0);
				}
			fprintf(stderr, "\niommu-lockcheck: interrupted\n");
			exit(128 + interrupted);
		}
		if (!any) {
			struct timespec ts = { 0, 10 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
}

int nproc(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

int run_proc(struct proc *p)
{
	run_procs(p, 1, 1, NULL, NULL);
	return p->status;
}

void proc_free(struct proc *p)
{
	free(p->out);
	free(p->err);
	free(p->out_path);
	free(p->err_path);
	p->out = p->err = p->out_path = p->err_path = NULL;
}

void strv_push(struct strv *s, char *str)
{
	if (s->n == s->a) {
		s->a = s->a ? s->a * 2 : 16;
		s->v = xrealloc(s->v, s->a * sizeof(*s->v));
	}
	s->v[s->n++] = str;
}

void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->a = 0;
}

ssize_t strv_index(const struct strv *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], str))
			return i;
	return -1;
}

int strv_contains(const struct strv *s, const char *str)
{
	return strv_index(s, str) >= 0;
}

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strv_sort_uniq(struct strv *s)
{
	size_t j = 0;

	if (!s->n)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmpstr);
	for (size_t i = 1; i < s->n; i++) {
		if (!strcmp(s->v[i], s->v[j]))
			free(s->v[i]);
		else
			s->v[++j] = s->v[i];
	}
	s->n = j + 1;
}

/*
 * kbuild cannot build in one tree twice at once: two makes write the same
 * objects, .cmd files and include/config/kernel.release, and one of them
 * fails or reads the other's half-written file.  So the in-tree builds of
 * one tree take turns.  The lock is on the tree's directory itself:
 * nothing is written there, and every run agrees on it whatever its cache
 * (flock(1) takes the same lock: "flock KDIR make ...").  Returns the fd
 * to close, or -1 (no lock: the build runs as before).
 */
int tree_lock(const char *tree)
{
	int fd = open(tree, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		if (verbose_progress)
			fprintf(stderr, "\r\033[Kwaiting for another build in %s\n", tree);
		while (flock(fd, LOCK_EX) && errno == EINTR)
			;
	}
	return fd;
}
