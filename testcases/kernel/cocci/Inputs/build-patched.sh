#!/bin/bash
# build-patched.sh PRISTINE COPY DIFF
# COPY is a "cp -al" hardlink farm of PRISTINE.  Apply DIFF to COPY without
# writing through a hardlink, then for every file DIFF touches build its
# object in COPY, if that object builds in PRISTINE (x86_64 allmodconfig).
# Prints "BUILDS f", "BROKEN f" (with the compiler's output) or
# "NOT-IN-CONFIG f"; restores COPY's sources afterwards.  Exit 1 if BROKEN.
set -u
pristine=$1 copy=$2 diff=$3
files=$(sed -n 's|^+++ b/||p' "$diff" | sort -u)
unlink_copy() {		# give a file of the copy its own inode
	[ -e "$copy/$1" ] || return 0
	cp -p "$copy/$1" "$copy/$1.unlink.$$" && mv -f "$copy/$1.unlink.$$" "$copy/$1"
}
for f in $files; do unlink_copy "$f"; done
patch -s -p1 -d "$copy" < "$diff" || exit 1
status=0
# Other tests of the tier build in PRISTINE at the same time (the seeds'
# C=2 runs compile the same objects): a failure there may be that race,
# not the configuration, so try again once they are likely done.
builds_in_pristine() {
	for try in 1 2 3; do
		make -s -C "$pristine" CC=clang-${LLVM_VERSION:-16} "$1" > /dev/null 2>&1 && return 0
		sleep 20
	done
	return 1
}
for f in $files; do
	o=${f%.c}.o
	if ! builds_in_pristine "$o"; then
		echo "NOT-IN-CONFIG $f"
		continue
	fi
	# kbuild rewrites these in place: drop the copy's links to the originals
	rm -f "$copy/$o" "$copy/$(dirname "$o")/.$(basename "$o").cmd"
	if out=$(make -s -C "$copy" CC=clang-${LLVM_VERSION:-16} "$o" 2>&1); then
		echo "BUILDS $f"
	else
		echo "BROKEN $f"
		echo "$out"
		echo "BROKEN $f: $out" >&2
		status=1
	fi
done
patch -s -R -p1 -d "$copy" < "$diff" || status=1
exit $status
