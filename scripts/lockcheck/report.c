// SPDX-License-Identifier: GPL-2.0
/*
 * Findings: collect, sort, merge by (path, line, rule), and write them as
 * text, JSON or SARIF 2.1.0.  All JSON goes through jansson.  Text lists
 * what needs a look: not suppressed, not in the baseline, confirmed by the
 * authority engine (merge.c); JSON lists the same, unconfirmed ones kept
 * and marked; SARIF keeps everything, with its state.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lockcheck.h"

static const struct rule {
	const char *id, *summary, *help;
} rules[] = {
#define RULE(id, summary, help) { id, summary, help },
#include "lockrules.def"
#undef RULE
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

int rule_known(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (!strcmp(rules[i].id, id))
			return (int)i + 1;
	return 0;
}

const char *engine_name(unsigned engine)
{
	switch (engine) {
	case ENGINE_COCCI: return "cocci";
	case ENGINE_CLANG: return "clang";
	case ENGINE_SPARSE: return "sparse";
	}
	return "iommu-lockcheck";
}

void results_add(struct results *r, const char *path, int line, int col,
		 const char *rule, const char *message, unsigned engine)
{
	struct finding *f;

	if (r->nf == r->af) {
		r->af = r->af ? r->af * 2 : 64;
		r->f = xrealloc(r->f, r->af * sizeof(*r->f));
	}
	f = &r->f[r->nf++];
	f->path = xstrdup(path);
	f->line = line;
	f->col = col > 0 ? col : 1;
	f->rule = xstrdup(rule);
	f->message = xstrdup(message);
	f->engines = engine;
	f->code_flows = NULL;
	f->unconfirmed = 0;
	f->function = f->fingerprint = f->suppressed = NULL;
	f->state = BASE_NONE;
}

void results_error(struct results *r, const char *path, unsigned engine,
		   const char *fmt, ...)
{
	struct tool_error *e;
	va_list ap;

	if (r->ne == r->ae) {
		r->ae = r->ae ? r->ae * 2 : 16;
		r->e = xrealloc(r->e, r->ae * sizeof(*r->e));
	}
	e = &r->e[r->ne++];
	e->path = path ? xstrdup(path) : NULL;
	e->engine = engine;
	va_start(ap, fmt);
	if (vasprintf(&e->message, fmt, ap) < 0)
		e->message = xstrdup("(out of memory)");
	va_end(ap);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	c = strcmp(x->rule, y->rule);
	if (c)
		return c;
	/* the engine with the most specific message first: cocci, clang, sparse */
	return (int)(x->engines & -x->engines) - (int)(y->engines & -y->engines);
}

static int cmp_error(const void *a, const void *b)
{
	const struct tool_error *x = a, *y = b;
	int c = strcmp(x->path ? x->path : "", y->path ? y->path : "");

	if (!c && x->engine != y->engine)
		c = x->engine < y->engine ? -1 : 1;
	return c ? c : strcmp(x->message, y->message);
}

void results_finish(struct results *r)
{
	size_t j = 0;

	/* qsort(NULL, 0, ...) is undefined (UBSan says so): no findings, no sort */
	if (r->nf)
		qsort(r->f, r->nf, sizeof(*r->f), cmp_finding);
	for (size_t i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];

		if (j && !strcmp(r->f[j - 1].path, f->path) &&
		    r->f[j - 1].line == f->line && !strcmp(r->f[j - 1].rule, f->rule)) {
			struct finding *keep = &r->f[j - 1];

			/* One verdict per site: where clang saw it, its words
			 * (its pattern follows the device along the path). */
			if ((f->engines & ENGINE_CLANG) && !(keep->engines & ENGINE_CLANG)) {
				char *m = keep->message;
				int col = keep->col;

				keep->message = f->message;
				keep->col = f->col;
				f->message = m;
				f->col = col;
			}
			keep->engines |= f->engines;
			if (!keep->code_flows && f->code_flows) {
				keep->code_flows = f->code_flows;
				f->code_flows = NULL;
			}
			finding_free(f);
			continue;
		}
		r->f[j++] = *f;
	}
	r->nf = j;
	/* the same error from both cocci scripts is one error */
	if (r->ne)
		qsort(r->e, r->ne, sizeof(*r->e), cmp_error);
	j = 0;
	for (size_t i = 0; i < r->ne; i++) {
		struct tool_error *e = &r->e[i];

		if (j && !cmp_error(&r->e[j - 1], e) && !strcmp(r->e[j - 1].message, e->message)) {
			free(e->path);
			free(e->message);
			continue;
		}
		r->e[j++] = *e;
	}
	r->ne = j;
}

struct finding *results_find(struct results *r, const char *path, int line,
			     const char *rule)
{
	for (size_t i = 0; i < r->nf; i++)
		if (r->f[i].line == line && !strcmp(r->f[i].path, path) &&
		    !strcmp(r->f[i].rule, rule))
			return &r->f[i];
	return NULL;
}

/* What one finding owns. */
void finding_free(struct finding *f)
{
	free(f->path);
	free(f->rule);
	free(f->message);
	free(f->function);
	free(f->fingerprint);
	free(f->suppressed);
	json_decref(f->code_flows);
}

void results_free(struct results *r)
{
	for (size_t i = 0; i < r->nf; i++)
		finding_free(&r->f[i]);
	for (size_t i = 0; r->analysed_files && i < 3; i++)
		strv_free(&r->analysed_files[i]);
	free(r->analysed_files);
	strv_free(&r->in_bus_callback);
	json_decref(r->absent);
	for (size_t i = 0; i < r->ne; i++) {
		free(r->e[i].path);
		free(r->e[i].message);
	}
	free(r->f);
	free(r->e);
	memset(r, 0, sizeof(*r));
}

int finding_listed(const struct finding *f, int unconfirmed)
{
	return !f->suppressed && f->state != BASE_UNCHANGED &&
	       (!f->unconfirmed || unconfirmed);
}

size_t results_reported(const struct results *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nf; i++)
		n += finding_listed(&r->f[i], 0);
	return n;
}

json_t *engines_json(unsigned engines)
{
	json_t *a = json_array();

	for (unsigned e = ENGINE_COCCI; e <= ENGINE_SPARSE; e <<= 1)
		if (engines & e)
			json_array_append_new(a, json_string(engine_name(e)));
	return a;
}

static const char *const state_names[] = { NULL, "new", "unchanged" };

static json_t *report_json(struct results *r, const struct report_opts *o)
{
	json_t *root = json_object(), *fs = json_array(), *es = json_array();
	size_t suppressed = 0;

	for (size_t i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];
		json_t *j;

		suppressed += !!f->suppressed;
		if (!finding_listed(f, 1))
			continue;
		j = json_pack("{s:s, s:i, s:i, s:s, s:s, s:o, s:b, s:o, s:o}",
			"path", f->path, "line", f->line, "column", f->col,
			"rule", f->rule, "message", f->message,
			"engines", engines_json(f->engines),
			"unconfirmed", f->unconfirmed,
			"function", f->function ? json_string(f->function) : json_null(),
			"fingerprint", f->fingerprint ? json_string(f->fingerprint) : json_null());
		if (o->baseline && state_names[f->state])
			json_object_set_new(j, "baselineState", json_string(state_names[f->state]));
		json_array_append_new(fs, j);
	}
	for (size_t i = 0; i < r->ne; i++) {
		struct tool_error *e = &r->e[i];

		json_array_append_new(es, json_pack("{s:o, s:s, s:s}",
			"path", e->path ? json_string(e->path) : json_null(),
			"engine", engine_name(e->engine), "message", e->message));
	}
	json_object_set_new(root, "findings", fs);
	json_object_set_new(root, "errors", es);
	json_object_set_new(root, "analysed", json_integer((json_int_t)r->analysed));
	json_object_set_new(root, "suppressed", json_integer((json_int_t)suppressed));
	return root;
}

json_t *sarif_artifact(const char *path)
{
	json_t *loc = json_pack("{s:s}", "uri", path);

	if (path[0] != '/')
		json_object_set_new(loc, "uriBaseId", json_string("SRCROOT"));
	return loc;
}

static json_t *report_sarif(struct results *r, const struct report_opts *o)
{
	json_t *jrules = json_array(), *results = json_array(), *notes = json_array();
	char abs[PATH_MAX];

	for (size_t i = 0; i < NRULES; i++)
		json_array_append_new(jrules, json_pack(
			"{s:s, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}",
			"id", rules[i].id,
			"shortDescription", "text", rules[i].summary,
			"fullDescription", "text", rules[i].help,
			"help", "text", rules[i].help,
			"defaultConfiguration", "level", "warning"));
	for (size_t i = 0; i < r->nf; i++) {
		struct finding *f = &r->f[i];
		json_t *res = json_pack("{s:s, s:i, s:s, s:{s:s}, s:[{s:{s:o, s:{s:i, s:i}}}], s:{s:o}}",
			"ruleId", f->rule, "ruleIndex", rule_known(f->rule) - 1,
			"level", "warning", "message", "text", f->message,
			"locations", "physicalLocation",
			"artifactLocation", sarif_artifact(f->path),
			"region", "startLine", f->line, "startColumn", f->col,
			"properties", "engines", engines_json(f->engines));

		if (rule_known(f->rule) <= 0)
			json_object_del(res, "ruleIndex");
		if (f->code_flows)
			json_object_set(res, "codeFlows", f->code_flows);
		if (f->fingerprint)
			json_object_set_new(res, "partialFingerprints", json_pack("{s:s}",
				SARIF_FINGERPRINT, f->fingerprint));
		if (f->function)
			json_object_set_new(json_object_get(res, "properties"), "function",
					    json_string(f->function));
		/* kept for the record, at note level: clang analysed the file
		 * and did not report it (merge.c) */
		if (f->unconfirmed) {
			json_object_set_new(res, "level", json_string("note"));
			json_object_set_new(json_object_get(res, "properties"), "unconfirmed",
					    json_true());
		}
		if (f->suppressed)
			json_object_set_new(res, "suppressions", json_pack("[{s:s, s:s}]",
				"kind", "external", "justification", f->suppressed));
		if (o->baseline && state_names[f->state])
			json_object_set_new(res, "baselineState", json_string(state_names[f->state]));
		json_array_append_new(results, res);
	}
	if (o->baseline && r->absent)
		json_array_extend(results, r->absent);
	for (size_t i = 0; i < r->ne; i++) {
		struct tool_error *e = &r->e[i];
		json_t *n = json_pack("{s:s, s:{s:s}, s:{s:s}}", "level", "error",
			"message", "text", e->message,
			"properties", "engine", engine_name(e->engine));

		if (e->path)
			json_object_set_new(n, "locations", json_pack("[{s:{s:o}}]",
				"physicalLocation", "artifactLocation", sarif_artifact(e->path)));
		json_array_append_new(notes, n);
	}
	json_t *sarif;
	char *base;

	if (!o->kdir || !realpath(o->kdir, abs))
		abs[0] = 0;
	base = xasprintf("file://%s/", abs);
	sarif = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:{s:{s:s}}, s:[{s:b, s:o}], s:o}]}",
		"$schema", "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
		"version", "2.1.0",
		"runs",
		"tool", "driver", "name", "iommu-lockcheck", "version", "0.1",
		"informationUri", "https://lore.kernel.org/all/0-v1-98d20e768c66+7-of_dma_lock_jgg@nvidia.com/",
		"rules", jrules,
		"originalUriBaseIds", "SRCROOT", "uri", base,
		"invocations", "executionSuccessful", r->ne == 0 || r->analysed > 0,
		"toolExecutionNotifications", notes,
		"results", results);
	free(base);
	return sarif;
}

int report_write(struct results *r, const struct report_opts *o, FILE *out)
{
	json_t *j;
	int rc;

	if (o->fmt == FMT_TEXT) {
		for (size_t i = 0; i < r->nf; i++) {
			struct finding *f = &r->f[i];

			if (!finding_listed(f, o->unconfirmed))
				continue;
			/* --unconfirmed: a note, which does not change the exit status */
			fprintf(out, "%s:%d:%d: %s%s [%s]\n", f->path, f->line, f->col,
				f->unconfirmed ? "note: unconfirmed by clang: " : "warning: ",
				f->message, f->rule);
		}
		for (size_t i = 0; i < r->ne; i++)
			fprintf(out, "%s: error: %s [%s]\n",
				r->e[i].path ? r->e[i].path : "iommu-lockcheck",
				r->e[i].message, engine_name(r->e[i].engine));
		return 0;
	}
	j = o->fmt == FMT_JSON ? report_json(r, o) : report_sarif(r, o);
	rc = json_dumpf(j, out, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	fputc('\n', out);
	json_decref(j);
	return rc;
}
