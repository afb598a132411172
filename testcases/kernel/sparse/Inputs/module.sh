#!/bin/bash
# Sparse on an out-of-tree module against the real tree: KDIR OUT SA SRC...
# Copies KDIR (hardlinks; apply replaces files, never writes through) and
# builds the SRC files as one external module with make M= C=2
# CHECK=sparse three times: plain (nothing annotated), tree (the tree
# annotated, the module not: what the engine did before apply --module),
# ann (apply --module too).  Writes plain.log, tree.log, ann.log and
# summary.txt (context warnings per file and run) in OUT.
set -euo pipefail
kdir=$1 out=$2 sa=$(cd "$3" && pwd)
shift 3
rm -rf "$out"; mkdir -p "$out/mod"
"$sa/../scripts/copy-tree" "$kdir" "$out/tree"
: >"$out/mod/Kbuild"
for s in "$@"; do
	cp "$s" "$out/mod/"
	b=$(basename "$s" .c)
	echo "obj-m += $b.o" >>"$out/mod/Kbuild"
done
run() {
	nice make -s -k -C "$out/tree" CC=clang-${LLVM_VERSION:-16} C=2 CHECK=sparse M="$out/mod" \
		KBUILD_MODPOST_WARN=1 KBUILD_MODPOST_NOFINAL=1 >"$out/$1" 2>&1 || true
	sed -i "s|$out/mod/||" "$out/$1"
}
run plain.log
"$sa/apply" "$out/tree" >/dev/null
run tree.log
"$sa/apply" "$out/tree" --module "$out/mod" >/dev/null
run ann.log
{
	for s in "$@"; do
		b=$(basename "$s")
		printf '%s: plain %d tree %d annotated %d\n' "$b" \
			"$(grep -c "^$b:.*context imbalance" "$out/plain.log" || true)" \
			"$(grep -c "^$b:.*context imbalance" "$out/tree.log" || true)" \
			"$(grep -c "^$b:.*context imbalance" "$out/ann.log" || true)"
	done
	echo "errors: $(grep -c ': error: ' "$out/ann.log" || true)"
} >"$out/summary.txt"
rm -rf "$out/tree"
cat "$out/summary.txt"
