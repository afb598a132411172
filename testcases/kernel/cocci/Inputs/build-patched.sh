#!/bin/bash
# build-patched.sh PRISTINE COPY DIFF
# COPY is a "cp -al" hardlink farm of PRISTINE (x86_64 allmodconfig).  For
# every file DIFF touches, build its object in COPY before and after
# applying DIFF, never writing through a hardlink.  Prints "BUILDS f",
# "BROKEN f" (with the compiler's output) or "NOT-IN-CONFIG f" (its object
# does not build unpatched either); restores COPY's sources afterwards.
# Exit 1 if BROKEN.  Only COPY is built: other tests build in PRISTINE at
# the same time.  One make per pass builds all the objects, since kbuild's
# own start-up costs more than the compiles.
set -u
pristine=$1 copy=$2 diff=$3
make_copy() { make -s -k -j2 -C "$copy" CC=clang-${LLVM_VERSION:-16} "$@" 2>&1; }
files=$(sed -n 's|^+++ b/||p' "$diff" | sort -u)
objects=$(for f in $files; do echo "${f%.c}.o"; done)
unlink_copy() {		# give a file of the copy its own inode
	[ -e "$copy/$1" ] || return 0
	cp -p "$copy/$1" "$copy/$1.unlink.$$" && mv -f "$copy/$1.unlink.$$" "$copy/$1"
}
drop_objects() {	# kbuild rewrites these in place: drop the links
	for o; do rm -f "$copy/$o" "$copy/$(dirname "$o")/.$(basename "$o").cmd"; done
}
for f in $files; do unlink_copy "$f"; done
[ -d "$pristine" ] || { echo "build-patched.sh: no tree $pristine" >&2; exit 1; }
drop_objects $objects
make_copy $objects > /dev/null
in_config=
for o in $objects; do
	if [ -f "$copy/$o" ]; then
		in_config="$in_config $o"
	else
		echo "NOT-IN-CONFIG ${o%.o}.c"
	fi
done
patch -s -p1 -d "$copy" < "$diff" || exit 1
status=0
drop_objects $in_config
out=
[ -n "$in_config" ] && out=$(make_copy $in_config)
for o in $in_config; do
	f=${o%.o}.c
	if [ -f "$copy/$o" ]; then
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
