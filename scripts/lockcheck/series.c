// SPDX-License-Identifier: GPL-2.0
/*
 * The words of the series fix writes.  A commit message has to be true for
 * the file it goes to, so each sentence is chosen from what is known about
 * the call site: its pattern and lock state (the finding), and where the
 * configured device stands at the call (site_context(): already registered,
 * not yet added, or not even initialized), read from the file's own code.
 * Where the code does not say, the text says only what holds either way.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "lockcheck.h"

const char *const fix_action_names[] = { "none", "lock", "annotate", "fwspec" };

/* ---- the finding ---- */

static char *pattern_of(const char *msg)
{
	static const char *const pats[] = { "foreign-device", "created-device", "probed-device" };

	for (size_t i = 0; i < 3; i++)
		if (strstr(msg, pats[i]))
			return xstrdup(pats[i]);
	return NULL;
}

/* "FN() outside bus_type.dma_configure on a PATTERN DEV[ (detail)], device_lock STATE" */
void site_from_finding(struct fix_site *s, const struct finding *f)
{
	const char *m = f->message, *e = strstr(m, "()"), *p, *end, *lk;

	memset(s, 0, sizeof(*s));
	s->path = xstrdup(f->path);
	s->line = f->line;
	s->col = f->col;
	s->callee = e ? xstrndup(m, e - m) : xstrdup("of_dma_configure");
	s->pattern = pattern_of(m);
	if (s->pattern && (p = strstr(m, s->pattern))) {
		p += strlen(s->pattern);
		while (*p == ' ')
			p++;
		end = strstr(p, ", device_lock");
		if (!end)
			end = p + strlen(p);
		/* the device, without an engine's "(by ...)" detail */
		const char *paren = strstr(p, " (");

		if (paren && paren < end)
			end = paren;
		s->dev = xstrndup(p, end - p);
	}
	if (!s->dev || !*s->dev) {
		free(s->dev);
		s->dev = xstrdup("the device");
	}
	lk = strstr(m, "device_lock ");
	s->lock = xstrdup(lk ? lk + strlen("device_lock ") : "not held");
}

void site_free(struct fix_site *s)
{
	free(s->path);
	free(s->callee);
	free(s->pattern);
	free(s->dev);
	free(s->lock);
	free(s->function);
	free(s->how.callee);
	free(s->how.fn);
	free(s->later.callee);
	free(s->later.fn);
	free(s->auto_why);
	free(s->left_why);
}

/* ---- the code around the call ---- */

/* A source file with comments and literals blanked out (newlines kept), so
 * that a scan for calls and braces sees only code. */
struct code {
	char *c;
	size_t len;
};

static int load_code(const char *kdir, const char *path, struct code *k)
{
	char *file = path_join(kdir, path);
	char *t = read_file(file, &k->len);

	free(file);
	if (!t)
		return -1;
	for (size_t i = 0; i < k->len; i++) {
		if (t[i] == '/' && t[i + 1] == '*') {
			char *e = strstr(t + i + 2, "*/");
			size_t stop = e ? (size_t)(e - t) + 2 : k->len;

			for (; i < stop; i++)
				if (t[i] != '\n')
					t[i] = ' ';
			i--;
		} else if (t[i] == '/' && t[i + 1] == '/') {
			for (; i < k->len && t[i] != '\n'; i++)
				t[i] = ' ';
		} else if (t[i] == '"' || t[i] == '\'') {
			char q = t[i];

			for (i++; i < k->len && t[i] != q && t[i] != '\n'; i++) {
				if (t[i] == '\\' && i + 1 < k->len)
					t[i++] = ' ';
				t[i] = ' ';
			}
		} else if (t[i] == '#' && (i == 0 || t[i - 1] == '\n')) {
			/* preprocessor lines (with continuations) are not code here */
			for (; i < k->len && !(t[i] == '\n' && t[i - 1] != '\\'); i++)
				if (t[i] != '\n')
					t[i] = ' ';
		}
	}
	k->c = t;
	return 0;
}

static int line_of(const struct code *k, size_t off)
{
	int n = 1;

	for (size_t i = 0; i < off && i < k->len; i++)
		n += k->c[i] == '\n';
	return n;
}

static size_t offset_of_line(const struct code *k, int line)
{
	size_t i = 0;

	for (int l = 1; l < line && i < k->len; i++)
		l += k->c[i] == '\n';
	return i;
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* From an opening bracket at OFF, the offset of its match (len: none). */
static size_t match_close(const struct code *k, size_t off)
{
	char open = k->c[off], close = open == '(' ? ')' : '}';
	int depth = 0;

	for (size_t i = off; i < k->len; i++) {
		if (k->c[i] == open)
			depth++;
		else if (k->c[i] == close && --depth == 0)
			return i;
	}
	return k->len;
}

struct func {
	char *name;
	size_t open, close;	/* the body's braces */
	struct strv params;	/* parameter names, in order */
};

static void func_free(struct func *f)
{
	free(f->name);
	strv_free(&f->params);
}

/* The last identifier of a parameter declaration ("struct device *dev"),
 * or of "(*name)(...)" for a function pointer. */
static char *param_name(const char *s, size_t n)
{
	const char *star = memmem(s, n, "(*", 2);
	size_t b, e;

	if (star) {
		b = star + 2 - s;
		for (e = b; e < n && is_ident(s[e]); e++)
			;
		return xstrndup(s + b, e - b);
	}
	e = n;
	while (e && !is_ident(s[e - 1]))
		e--;
	for (b = e; b && is_ident(s[b - 1]); b--)
		;
	return xstrndup(s + b, e - b);
}

/* The function definition whose body holds OFF: kernel style puts the
 * body's braces in column 0. */
static int func_at(const struct code *k, size_t off, struct func *f)
{
	memset(f, 0, sizeof(*f));
	for (size_t i = off; i-- > 0;) {
		if (k->c[i] != '{' || (i && k->c[i - 1] != '\n'))
			continue;
		size_t close = match_close(k, i), rp, lp;

		if (close < off)
			return -1;
		for (rp = i; rp > 0 && k->c[rp] != ')'; rp--)
			if (k->c[rp] == ';' || k->c[rp] == '}')
				return -1;
		/* the parameter list's '(' */
		int depth = 0;
		for (lp = rp + 1; lp-- > 0;) {
			if (k->c[lp] == ')')
				depth++;
			else if (k->c[lp] == '(' && --depth == 0)
				break;
		}
		size_t ne = lp, nb;
		while (ne > 0 && isspace((unsigned char)k->c[ne - 1]))
			ne--;
		for (nb = ne; nb > 0 && is_ident(k->c[nb - 1]); nb--)
			;
		if (nb == ne)
			return -1;
		f->name = xstrndup(k->c + nb, ne - nb);
		f->open = i;
		f->close = close;
		/* parameters: top-level commas */
		size_t start = lp + 1;
		depth = 0;
		for (size_t j = lp + 1; j <= rp; j++) {
			if (k->c[j] == '(')
				depth++;
			else if (k->c[j] == ')' && j < rp)
				depth--;
			if ((k->c[j] == ',' && !depth) || j == rp) {
				char *name = param_name(k->c + start, j - start);

				if (*name && strcmp(name, "void"))
					strv_push(&f->params, name);
				else
					free(name);
				start = j + 1;
			}
		}
		return 0;
	}
	return -1;
}

struct call {
	char *name;
	size_t off;		/* of the name */
	int member;		/* ->name( or .name( : a function pointer */
	char *lhs;		/* "x" of "x = name(" (also in a declaration) */
	struct strv args;
};

static void calls_free(struct call *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].lhs);
		strv_free(&c[i].args);
	}
	free(c);
}

/* Every call in [from, to): callee, arguments, what it is assigned to. */
static struct call *scan_calls(const struct code *k, size_t from, size_t to, size_t *n)
{
	static const char *const keywords[] = { "if", "for", "while", "switch", "return",
						"sizeof", "typeof", "__typeof__", "defined" };
	struct call *c = NULL;

	*n = 0;
	for (size_t i = from; i < to; i++) {
		if (!is_ident(k->c[i]) || (i && is_ident(k->c[i - 1])) || isdigit((unsigned char)k->c[i]))
			continue;
		size_t e = i, p;

		while (e < to && is_ident(k->c[e]))
			e++;
		for (p = e; p < to && isspace((unsigned char)k->c[p]); p++)
			;
		if (p >= to || k->c[p] != '(') {
			i = e - 1;
			continue;
		}
		int kw = 0;
		for (size_t w = 0; w < sizeof(keywords) / sizeof(keywords[0]); w++)
			kw |= strlen(keywords[w]) == e - i && !strncmp(k->c + i, keywords[w], e - i);
		if (kw) {
			i = e - 1;
			continue;
		}
		c = xrealloc(c, (*n + 1) * sizeof(*c));
		struct call *cl = &c[(*n)++];

		memset(cl, 0, sizeof(*cl));
		cl->name = xstrndup(k->c + i, e - i);
		cl->off = i;
		size_t b = i;
		while (b > from && isspace((unsigned char)k->c[b - 1]))
			b--;
		cl->member = (b >= 1 && k->c[b - 1] == '.') || (b >= 2 && k->c[b - 1] == '>' && k->c[b - 2] == '-');
		if (b >= 2 && k->c[b - 1] == '=' && !strchr("=!<>+-*/&|^%", k->c[b - 2])) {
			size_t le = b - 1, lb;

			while (le > from && isspace((unsigned char)k->c[le - 1]))
				le--;
			for (lb = le; lb > from && is_ident(k->c[lb - 1]); lb--)
				;
			if (lb < le)
				cl->lhs = xstrndup(k->c + lb, le - lb);
		}
		size_t close = match_close(k, p), start = p + 1;
		int depth = 0;

		for (size_t j = p + 1; j <= close && j < k->len; j++) {
			if (k->c[j] == '(' || k->c[j] == '{' || k->c[j] == '[')
				depth++;
			else if ((k->c[j] == ')' || k->c[j] == '}' || k->c[j] == ']') && j < close)
				depth--;
			if ((k->c[j] == ',' && !depth) || j == close) {
				size_t a = start, z = j;

				while (a < z && isspace((unsigned char)k->c[a]))
					a++;
				while (z > a && isspace((unsigned char)k->c[z - 1]))
					z--;
				if (z > a)
					strv_push(&cl->args, xstrndup(k->c + a, z - a));
				start = j + 1;
			}
		}
		i = e - 1;	/* calls in the arguments count too */
	}
	return c;
}

/* "pdev" of "&pdev->dev", "child" of "child", "gmu" of "gmu->dev". */
static char *base_of(const char *expr)
{
	const char *b = expr, *e;

	while (*b && !is_ident(*b))
		b++;
	for (e = b; is_ident(*e); e++)
		;
	return xstrndup(b, e - b);
}

static int mentions(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = text; (p = strstr(p, word)); p += n)
		if ((p == text || !is_ident(p[-1])) && !is_ident(p[n]))
			return 1;
	return 0;
}

static int matches(const char *re_text, const char *s)
{
	regex_t re;
	int ok;

	regcomp(&re, re_text, REG_EXTENDED | REG_NOSUB);
	ok = !regexec(&re, s, 0, NULL, 0);
	regfree(&re);
	return ok;
}

/*
 * The driver core's ways to put a device on its bus (device_add(),
 * device_register(), platform_device_add(), platform_device_register_full(),
 * of_platform_device_create(), device_create(), ...), to initialize one
 * (device_initialize(), which *_device_alloc() calls), and raw memory.
 */
#define ADD_RE	"^([a-z0-9_]+_)?device_(add|register|create)$" \
		"|^([a-z0-9_]+_)?device_register_(full|simple|data|resndata)$" \
		"|^([a-z0-9_]+_)?device_create_(with_groups|pdata)$"
#define ALLOC_RE "^[a-z0-9_]+_device_alloc$"
#define RAW_RE	"^(devm_)?k[mzc]?alloc(_array|_obj)?$|^kvzalloc$|^kmemdup$"

enum ev { EV_NONE, EV_RAW, EV_INIT, EV_ADD };

static enum ev event_of(const struct call *c, const char *base)
{
	int arg = 0;

	for (size_t i = 0; i < c->args.n; i++)
		arg |= mentions(c->args.v[i], base);
	if (matches(ADD_RE, c->name) && (arg || (c->lhs && !strcmp(c->lhs, base))))
		return EV_ADD;
	if ((!strcmp(c->name, "device_initialize") && arg) ||
	    (c->lhs && !strcmp(c->lhs, base) && matches(ALLOC_RE, c->name)))
		return EV_INIT;
	if (c->lhs && !strcmp(c->lhs, base) && matches(RAW_RE, c->name))
		return EV_RAW;
	return EV_NONE;
}

static void set_event(struct dev_event *ev, const struct code *k, const struct call *c,
		      const char *fn)
{
	free(ev->callee);
	free(ev->fn);
	ev->callee = xstrdup(c->name);
	ev->fn = fn ? xstrdup(fn) : NULL;
	ev->line = line_of(k, c->off);
}

/* The state of the device BASE at OFF in function F; for a parameter, the
 * callers in the file decide (through at most DEPTH more calls). */
static enum dev_state state_at(const struct code *k, const struct func *f, size_t off,
			       const char *base, const char *only_caller, int depth,
			       const char *fn_label, struct fix_site *s)
{
	size_t n;
	struct call *c = scan_calls(k, f->open, f->close, &n);
	enum ev last = EV_NONE;
	const struct call *how = NULL, *later = NULL;
	enum dev_state st = DEV_UNKNOWN;

	for (size_t i = 0; i < n; i++) {
		enum ev e = event_of(&c[i], base);

		if (e == EV_NONE)
			continue;
		if (c[i].off < off) {
			/* registered once stays registered; else the latest says */
			if (last != EV_ADD) {
				last = e;
				how = &c[i];
			}
		} else if (e == EV_ADD && !later && c[i].off > off) {
			later = &c[i];
		}
	}
	if (last == EV_ADD)
		st = DEV_ADDED;
	else if (last == EV_INIT)
		st = DEV_NOT_ADDED;
	else if (last == EV_RAW)
		st = DEV_UNINIT;
	if (st != DEV_UNKNOWN) {
		set_event(&s->how, k, how, fn_label);
		if (later && st != DEV_ADDED)
			set_event(&s->later, k, later, fn_label);
		calls_free(c, n);
		return st;
	}
	calls_free(c, n);

	/* a parameter: what its callers in this file hand in */
	size_t idx = f->params.n;
	for (size_t i = 0; i < f->params.n; i++)
		if (!strcmp(f->params.v[i], base))
			idx = i;
	if (idx == f->params.n || depth <= 0)
		return DEV_UNKNOWN;

	/* direct calls, and calls through the slots the function is stored in
	 * (".dev_dma_configure = arm_smmu_dma_configure,") */
	struct strv slots = { 0 };
	char *re_text = xasprintf("\\.[[:space:]]*([A-Za-z0-9_]+)[[:space:]]*=[[:space:]]*&?%s[^A-Za-z0-9_]",
				  f->name);
	regex_t re;
	regmatch_t m[2];

	regcomp(&re, re_text, REG_EXTENDED);
	for (const char *p = k->c; !regexec(&re, p, 2, m, p == k->c ? 0 : REG_NOTBOL); p += m[0].rm_eo)
		strv_push(&slots, xstrndup(p + m[1].rm_so, m[1].rm_eo - m[1].rm_so));
	regfree(&re);
	free(re_text);

	c = scan_calls(k, 0, k->len, &n);
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		struct func g;
		struct fix_site tmp = { 0 };
		enum dev_state gs;

		if (c[i].args.n <= idx)
			continue;
		if (!(!c[i].member && !strcmp(c[i].name, f->name)) &&
		    !(c[i].member && strv_contains(&slots, c[i].name)))
			continue;
		if (func_at(k, c[i].off, &g))
			continue;	/* a prototype or an initializer, not a call */
		if (only_caller && strcmp(g.name, only_caller)) {
			func_free(&g);
			continue;
		}
		char *b = base_of(c[i].args.v[idx]);

		gs = state_at(k, &g, c[i].off, b, NULL, depth - 1, g.name, &tmp);
		if (!found) {
			st = gs;
			s->how = tmp.how;
			s->later = tmp.later;
			tmp.how.callee = tmp.how.fn = tmp.later.callee = tmp.later.fn = NULL;
			found = 1;
		} else if (gs != st) {
			st = DEV_UNKNOWN;	/* callers disagree */
		}
		site_free(&tmp);
		free(b);
		func_free(&g);
	}
	calls_free(c, n);
	strv_free(&slots);
	if (st == DEV_UNKNOWN) {
		free(s->how.callee);
		free(s->how.fn);
		free(s->later.callee);
		free(s->later.fn);
		memset(&s->how, 0, sizeof(s->how));
		memset(&s->later, 0, sizeof(s->later));
	}
	return st;
}

/* The site's function and where its device stands.  DETAIL: an engine's
 * "(by creator())" after the device, naming the caller that created it. */
void site_context(const char *kdir, struct fix_site *s, const char *detail)
{
	struct code k;
	struct func f;
	char *only = NULL, *base;
	const char *by = detail ? strstr(detail, "(by ") : NULL;

	s->state = DEV_UNKNOWN;
	if (load_code(kdir, s->path, &k))
		return;
	size_t off = offset_of_line(&k, s->line) + (s->col > 0 ? s->col - 1 : 0);

	if (func_at(&k, off, &f)) {
		free(k.c);
		return;
	}
	s->function = xstrdup(f.name);
	if (by) {
		const char *e = strstr(by, "()");

		if (e)
			only = xstrndup(by + 4, e - by - 4);
	}
	base = base_of(s->dev);
	if (*base)
		s->state = state_at(&k, &f, off, base, only, 3, NULL, s);
	free(base);
	free(only);
	func_free(&f);
	free(k.c);
}

/* ---- the words ---- */

/* Word-wrap TEXT at WIDTH columns, each line starting with INDENT; a blank
 * line after. */
void wrap_text(FILE *f, const char *text, const char *indent, int width)
{
	char *t = xstrdup(text), *save;
	int col = 0, il = (int)strlen(indent);

	for (char *w = strtok_r(t, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int len = (int)strlen(w);

		if (col && col + 1 + len > width) {
			fputc('\n', f);
			col = 0;
		}
		if (!col) {
			fputs(indent, f);
			col = il;
		} else {
			fputc(' ', f);
			col++;
		}
		fputs(w, f);
		col += len;
	}
	fputc('\n', f);
	free(t);
}

static int lock_held(const struct fix_site *s)
{
	return strncmp(s->lock, "not held", 8) != 0;
}

static int by_probe(const struct fix_site *s)
{
	return strstr(s->lock, "driver core") != NULL;
}

/* "platform_device_alloc() in iort_add_platform_device() at line 1799" */
static char *event_text(const struct dev_event *ev)
{
	return ev->fn ? xasprintf("%s() in %s() at line %d", ev->callee, ev->fn, ev->line) :
			xasprintf("%s() at line %d", ev->callee, ev->line);
}

/* What is known about the device at the call, one or two sentences. */
static char *state_text(const struct fix_site *s)
{
	char *how = s->how.callee ? event_text(&s->how) : NULL;
	char *later = s->later.callee ? event_text(&s->later) : NULL;
	char *later_clause = later ? xasprintf("; %s adds it", later) : xstrdup("");
	char *t;

	switch (s->state) {
	case DEV_ADDED:
		if (lock_held(s))
			t = xasprintf("It is on its bus already (%s registered it).", how);
		else
			t = xasprintf("It is on its bus already (%s registered it), so a "
				      "driver can bind to it while this runs, and the driver "
				      "core then configures its DMA from "
				      "bus_type.dma_configure under device_lock().", how);
		break;
	case DEV_NOT_ADDED:
		t = xasprintf("It is not on its bus yet (%s initialized it%s): no driver "
			      "can bind to it and nothing else can reach it, so the call "
			      "does not race with the driver core.", how, later_clause);
		break;
	case DEV_UNINIT:
		t = xasprintf("It is not even initialized yet (%s allocated it%s): no "
			      "driver can bind to it, and its device_lock() mutex is not "
			      "set up before device_initialize().", how, later_clause);
		break;
	default:
		if (!strcmp(s->pattern ? s->pattern : "", "probed-device"))
			t = xstrdup("Its bus configured its DMA from bus_type.dma_configure "
				    "before probe; this configures it again, outside the "
				    "dma_configure/dma_cleanup pairing the driver core keeps.");
		else if (lock_held(s))
			t = xstrdup("");
		else
			t = xasprintf("If it is registered when this runs, a driver can bind "
				      "to it meanwhile (vfio, from userspace, for one), and "
				      "the driver core then configures its DMA under "
				      "device_lock(), which this call does not take.");
	}
	free(how);
	free(later);
	free(later_clause);
	return t;
}

static const char *pattern_text(const struct fix_site *s)
{
	const char *p = s->pattern ? s->pattern : "";

	if (!strcmp(p, "foreign-device"))
		return "a device this code neither created nor probed (pattern 1)";
	if (!strcmp(p, "created-device"))
		return "a device this code creates itself (pattern 2)";
	if (!strcmp(p, "probed-device"))
		return "this driver's own, already probed device (pattern 3)";
	return "a device";
}

static char *lock_text(const struct fix_site *s)
{
	if (by_probe(s))
		return xasprintf("The driver core holds device_lock() of %s here, for probe.",
				 s->dev);
	if (lock_held(s))
		return xasprintf("device_lock() of %s is held here.", s->dev);
	return xasprintf("device_lock() of %s is not held here.", s->dev);
}

/* Why the lock is not taken, for a site the series annotates. */
static const char *nolock_text(const struct fix_site *s)
{
	if (s->state == DEV_UNINIT)
		return "device_lock() cannot be taken here: the mutex does not exist "
		       "before device_initialize().";
	if (s->state == DEV_NOT_ADDED)
		return "Taking device_lock() here would protect against nothing: the "
		       "device is not on its bus yet.";
	if (by_probe(s))
		return "Taking device_lock() here would deadlock: the driver core holds it "
		       "for probe.";
	if (!strcmp(s->pattern ? s->pattern : "", "probed-device"))
		return "Taking device_lock() here could deadlock: this is the driver's own "
		       "device, whose lock the driver core may hold on this path.";
	if (lock_held(s))
		return "device_lock() is held already.";
	return "";
}

static int same_situation(const struct fix_site *a, const struct fix_site *b)
{
	return !strcmp(a->callee, b->callee) && !strcmp(a->dev, b->dev) &&
	       !strcmp(a->lock, b->lock) && a->state == b->state &&
	       a->action == b->action &&
	       !strcmp(a->pattern ? a->pattern : "", b->pattern ? b->pattern : "") &&
	       !strcmp(a->how.callee ? a->how.callee : "", b->how.callee ? b->how.callee : "") &&
	       !strcmp(a->how.fn ? a->how.fn : "", b->how.fn ? b->how.fn : "") &&
	       a->how.line == b->how.line;
}

char *patch_summary(struct fix_site **sites, size_t n)
{
	int lock = 0, annotate = 0, fwspec = 0;

	for (size_t i = 0; i < n; i++) {
		lock |= sites[i]->action == FIX_LOCK;
		annotate |= sites[i]->action == FIX_ANNOTATE;
		fwspec |= sites[i]->action == FIX_FWSPEC;
	}
	const char *callee = n ? sites[0]->callee : "of_dma_configure";

	if (lock + annotate + fwspec > 1)
		return xasprintf("lock or mark %s() calls outside dma_configure", callee);
	if (lock)
		return xasprintf("take device_lock() around %s()", callee);
	if (annotate)
		return xasprintf("mark %s() outside bus_type.dma_configure", callee);
	return xasprintf("use the iommu fwspec API instead of %s()", callee);
}

/* The commit message of one file's patch: per group of sites in the same
 * situation, what the code does, where the device stands and what the
 * patch changes; then why it matters, once. */
char *patch_body(struct fix_site **sites, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char *done = calloc(n + 1, 1);

	for (size_t i = 0; i < n; i++) {
		char *where = NULL, *para, *st, *lk, *fixpara;
		int nsites = 0;

		if (done[i])
			continue;
		for (size_t j = i; j < n; j++) {
			char *w;

			if (done[j] || !same_situation(sites[i], sites[j]))
				continue;
			done[j] = 1;
			w = xasprintf("%s%s%s() (line %d)", where ? where : "", where ? " and " : "",
				      sites[j]->function ? sites[j]->function : "the code",
				      sites[j]->line);
			free(where);
			where = w;
			nsites++;
		}
		struct fix_site *s = sites[i];

		st = state_text(s);
		lk = lock_text(s);
		para = xasprintf("%s call%s %s() on %s, %s, outside bus_type.dma_configure. "
				 "%s %s", where, nsites > 1 ? "" : "s", s->callee, s->dev,
				 pattern_text(s), lk, st);
		wrap_text(f, para, "", 72);
		fputc('\n', f);
		switch (s->action) {
		case FIX_LOCK:
			if (s->state == DEV_NOT_ADDED)
				fixpara = xasprintf("Take device_lock() of %s around the call%s. "
						    "Nothing contends for it yet; taking it keeps "
						    "the call under the rule the iommu core "
						    "relies on, that a device is configured with "
						    "its device_lock() held.",
						    s->dev, nsites > 1 ? "s" : "");
			else
				fixpara = xasprintf("Take device_lock() of %s around the call%s, "
						    "as the driver core does around "
						    "bus_type.dma_configure, so that a driver "
						    "binding to the device cannot configure it at "
						    "the same time. The call still runs outside "
						    "bus_type.dma_configure; only a driver change "
						    "can move it there.",
						    s->dev, nsites > 1 ? "s" : "");
			break;
		case FIX_ANNOTATE:
			fixpara = xasprintf("Mark the call%s with the FIXME comment proposed "
					    "when the device_lock_assert() was removed from "
					    "__iommu_probe_device(), so that the pattern is not "
					    "copied further. %s", nsites > 1 ? "s" : "",
					    nolock_text(s));
			break;
		default:
			fixpara = xasprintf("Configure the IOMMU with iommu_fwspec_alloc(), "
					    "iommu_probe_device_fwspec() and "
					    "iommu_fwspec_dealloc() instead, which do not "
					    "depend on bus_type.dma_configure.");
		}
		wrap_text(f, fixpara, "", 72);
		fputc('\n', f);
		free(fixpara);
		free(para);
		free(st);
		free(lk);
		free(where);
	}
	wrap_text(f, "of_dma_configure() and acpi_dma_configure() (and their _id variants) "
		  "are meant to run only from bus_type.dma_configure, which the driver "
		  "core calls with device_lock() of the device held when a driver binds, "
		  "and pairs with bus_type.dma_cleanup when it unbinds. The iommu code "
		  "they call into (iommu_probe_device() and below) relies on that; "
		  "__iommu_probe_device() asserted the lock until callers like this one "
		  "made the assertion go.", "", 72);
	free(done);
	fclose(f);
	return buf;
}

static const char *state_word(const struct fix_site *s)
{
	switch (s->state) {
	case DEV_ADDED:
		return "already registered";
	case DEV_NOT_ADDED:
		return "not yet added";
	case DEV_UNINIT:
		return "not yet initialized";
	default:
		return NULL;
	}
}

/* The cover letter's body: the problem, then every site and its fate. */
char *cover_body(struct fix_site *sites, size_t n, size_t npatches, const char *strategy)
{
	char *buf = NULL;
	size_t len = 0, fixed = 0;
	FILE *f = open_memstream(&buf, &len);

	for (size_t i = 0; i < n; i++)
		fixed += sites[i].patch > 0;
	wrap_text(f, "of_dma_configure(), acpi_dma_configure() and their _id variants "
		  "configure a device's DMA and IOMMU. They are meant to run only from "
		  "bus_type.dma_configure, which the driver core calls with the device's "
		  "device_lock() held when a driver binds to it, and pairs with "
		  "bus_type.dma_cleanup when it unbinds. The iommu code below them "
		  "(iommu_probe_device(), of_iommu_configure(), dev_iommu_get()) relies on "
		  "that.", "", 72);
	fputc('\n', f);
	wrap_text(f, "A few drivers call them directly: on a device they found or were "
		  "handed (pattern 1, foreign-device), on a device they create (pattern "
		  "2, created-device), or on their own probed device, pointed at another "
		  "node (pattern 3, probed-device). In 2023 lockdep's device_lock_assert() "
		  "in __iommu_probe_device() fired on these paths; the assertion was "
		  "removed and a FIXME comment proposed at every such call.", "", 72);
	fputc('\n', f);
	char *what = xasprintf("This series handles them with the %s strategy: %zu of the "
			       "%zu call sites below are changed, in %zu patches, one per "
			       "file; the others are left alone, each with the reason.",
			       strategy, fixed, n, npatches);
	wrap_text(f, what, "", 72);
	free(what);
	if (!strcmp(strategy, "auto"))
		fputc('\n', f);
	if (!strcmp(strategy, "auto"))
		wrap_text(f, "The auto strategy decides per call: device_lock() where "
			  "another driver can bind to the device while the call runs; the "
			  "FIXME comment where the lock protects nothing (the device is not "
			  "on its bus yet) or cannot be taken (the device is being probed, "
			  "or its mutex is not initialized yet).", "", 72);
	fputc('\n', f);
	for (size_t i = 0; i < n; i++) {
		struct fix_site *s = &sites[i];
		char *head, *line2, *fate;
		const char *sw = state_word(s);

		/* one line, however long: "PATH:LINE FN()" is what a reader greps */
		head = xasprintf("%s:%d %s()", s->path, s->line,
				 s->function ? s->function : "(function unknown)");
		fprintf(f, "  %s\n", head);
		line2 = xasprintf("%s() on %s: %s, device_lock %s%s%s", s->callee, s->dev,
				  s->pattern ? s->pattern : "pattern unknown", s->lock,
				  sw ? ", " : "", sw ? sw : "");
		if (sw && (s->how.callee || s->later.callee)) {
			char *how = s->how.callee ? event_text(&s->how) : NULL;
			char *later = s->later.callee ? event_text(&s->later) : NULL;
			char *l2 = xasprintf("%s (%s%s%s%s)", line2, how ? how : "",
					     how && later ? "; " : "", later ? "added by " : "",
					     later ? later : "");

			free(line2);
			line2 = l2;
			free(how);
			free(later);
		}
		wrap_text(f, line2, "    ", 74);
		if (s->patch)
			fate = xasprintf("-> fixed by patch %d/%zu (%s)%s%s", s->patch, npatches,
					 fix_action_names[s->action], s->auto_why ? ": " : "",
					 s->auto_why ? s->auto_why : "");
		else
			fate = xasprintf("-> left alone: %s", s->left_why ? s->left_why : "no rewrite");
		wrap_text(f, fate, "    ", 74);
		fputc('\n', f);
		free(head);
		free(line2);
		free(fate);
	}
	fclose(f);
	return buf;
}
