// SPDX-License-Identifier: GPL-2.0
/*
 * lockrules - print one engine's view of scripts/lockrules.def, so that the
 * Coccinelle scripts and the Sparse annotations can be checked against the
 * single table (testcases/rules/) instead of being hand-kept lists.
 *
 *   lockrules KIND    print the function names of KIND, one per line
 *   lockrules -r KIND print them as one anchored regex "^(a|b|c)$"
 *
 * KIND: requires, dma-configure, acquire, release, assert, guard, entry,
 * own-attrs, rule
 */
#include <stdio.h>
#include <string.h>

struct entry {
	const char *kind;
	const char *name;
};

static const struct entry table[] = {
#define RULE(id, summary, help)			{ "rule", id },
#define REQUIRES(fn, arg, lock)			{ "requires", #fn },
#define DMA_CONFIGURE(fn)			{ "dma-configure", #fn },
#define ACQUIRE(fn, arg, lock, how)		{ "acquire", #fn },
#define RELEASE(fn, arg, lock)			{ "release", #fn },
#define ASSERT(fn, arg, lock)			{ "assert", #fn },
#define GUARD(class, lock)			{ "guard", #class },
#define CREATE(fn, arg)			{ "create", #fn },
#define ENTRY(type, field, lock)		{ "entry", #type "." #field },
#define OWN_ATTRS(type, field)			{ "own-attrs", #type "." #field },
#include "lockrules.def"
};

int main(int argc, char **argv)
{
	int regex = argc == 3 && !strcmp(argv[1], "-r");
	const char *kind = argv[argc - 1];
	const char *sep = "^(";
	int found = 0;

	if (argc != 2 && !regex) {
		fprintf(stderr, "usage: lockrules [-r] KIND\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(table[i].kind, kind))
			continue;
		found++;
		if (regex) {
			printf("%s%s", sep, table[i].name);
			sep = "|";
		} else {
			puts(table[i].name);
		}
	}
	if (!found) {
		fprintf(stderr, "lockrules: no entries of kind '%s'\n", kind);
		return 2;
	}
	if (regex)
		puts(")$");
	return 0;
}
