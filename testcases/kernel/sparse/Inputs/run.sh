#!/bin/bash
# Real tier for the Sparse annotations: KDIR OUT SPARSE_ANNOTATIONS [OBJ...]
# On a hardlinked copy of KDIR: plain sparse, apply, annotated sparse,
# revert; writes plain.log, ann.log, iommu-new.txt, summary.txt in OUT.
set -euo pipefail
kdir=$1 out=$2 sa=$(cd "$3" && pwd)
shift 3
rm -rf "$out"; mkdir -p "$out"
copy=$out/tree
"$sa/../scripts/copy-tree" "$kdir" "$copy"
# Objects with a seed call site (000), the bus callbacks that must stay
# quiet, and iommu.c.  Not here because they do not build on x86
# allmodconfig: drivers/acpi/arm64/iort.o (arm64 only), drivers/amba/bus.o
# (CONFIG_ARM_AMBA unset: the header's stubs clash).
objs="drivers/bcma/main.o drivers/net/wireless/ath/ath10k/snoc.o
drivers/net/wireless/ath/ath11k/ahb.o drivers/media/platform/qcom/venus/firmware.o
drivers/media/platform/samsung/s5p-mfc/s5p_mfc.o drivers/gpu/drm/vc4/vc4_drv.o
drivers/gpu/drm/msm/adreno/a6xx_gmu.o drivers/gpu/drm/sun4i/sun4i_backend.o
drivers/gpu/drm/sun4i/sun8i_mixer.o sound/soc/bcm/bcm63xx-pcm-whistler.o
drivers/gpu/host1x/context.o drivers/gpu/drm/etnaviv/etnaviv_drv.o
drivers/base/platform.o drivers/pci/pci-driver.o drivers/bus/fsl-mc/fsl-mc-bus.o
drivers/cdx/cdx.o drivers/staging/vc04_services/interface/vchiq_arm/vchiq_bus.o
drivers/iommu/iommu.o"
[ $# -eq 0 ] || objs="$*"
srcs=$(for o in $objs; do echo "${o%.o}.c"; done)
# Build outputs are rewritten in place by kbuild (.cmd): unlink them in the
# copy so nothing is written through a hardlink into KDIR.
for o in $objs; do
	d=$(dirname "$o") b=$(basename "$o")
	rm -f "$copy/$o" "$copy/$d/.$b.cmd" "$copy/$d/.$b.d"
done
sha() { (cd "$1" && sha256sum $2); }
run() {
	local log=$1
	for o in $objs; do rm -f "$copy/$o"; done
	LC_SPARSE_TIMES=$out/$log.times nice make -s -k -C "$copy" CC=clang-${LLVM_VERSION:-16} C=2 \
		CHECK="$sa/timed-sparse" $objs >"$out/$log" 2>&1 || true
}
run plain.log
"$sa/apply" "$copy" --dry-run >"$out/dry.diff"
touched=$(sed -n 's|^--- a/||p' "$out/dry.diff")
sha "$kdir" "$touched" >"$out/kdir.before"
sha "$copy" "$touched $srcs" >"$out/copy.before"
"$sa/apply" "$copy" >"$out/apply.out"
sha "$copy" "$touched include/linux/iommu_lockcheck_sparse.h" >"$out/applied.1"
"$sa/apply" "$copy" >"$out/apply2.out"
sha "$copy" "$touched include/linux/iommu_lockcheck_sparse.h" >"$out/applied.2"
run ann.log
"$sa/apply" "$copy" --revert >"$out/revert.out"
sha "$copy" "$touched $srcs" >"$out/copy.after"
sha "$kdir" "$touched" >"$out/kdir.after"
{
	n=0 np=0 na=0
	for o in $objs; do
		n=$((n + 1))
		! grep -q " ${o%.o}.c\$" "$out/plain.log.times" || np=$((np + 1))
		! grep -q " ${o%.o}.c\$" "$out/ann.log.times" || na=$((na + 1))
	done
	echo "sparse ran: plain $np/$n annotated $na/$n"
	echo "touched files: $(echo "$touched" | wc -l)"
	cmp -s "$out/copy.before" "$out/copy.after" && echo "revert: byte-identical" || echo "revert: DIFFERS"
	cmp -s "$out/kdir.before" "$out/kdir.after" && echo "kdir: untouched" || echo "kdir: CHANGED"
	cmp -s "$out/applied.1" "$out/applied.2" && echo "second apply: no change" || echo "second apply: CHANGED"
	[ -e "$copy/include/linux/iommu_lockcheck_sparse.h" ] && echo "created: left" || echo "created: removed"
	grep -h 'drivers/iommu/iommu.c:.*warning' "$out/plain.log" | sort >"$out/iommu-plain.txt" || true
	grep -h 'drivers/iommu/iommu.c:.*warning' "$out/ann.log" | sort >"$out/iommu-ann.txt" || true
	comm -13 "$out/iommu-plain.txt" "$out/iommu-ann.txt" >"$out/iommu-new.txt"
	comm -23 "$out/iommu-plain.txt" "$out/iommu-ann.txt" >"$out/iommu-gone.txt"
	echo "iommu.c warnings: plain $(wc -l <"$out/iommu-plain.txt") annotated $(wc -l <"$out/iommu-ann.txt") new $(wc -l <"$out/iommu-new.txt") gone $(wc -l <"$out/iommu-gone.txt")"
	echo "context warnings: plain $(grep -c 'context imbalance' "$out/plain.log" || true) annotated $(grep -c 'context imbalance' "$out/ann.log" || true)"
	p=$(awk '{s += $1} END {printf "%.2f", s}' "$out/plain.log.times")
	a=$(awk '{s += $1} END {printf "%.2f", s}' "$out/ann.log.times")
	echo "sparse seconds: plain $p annotated $a ratio $(echo "scale=3; $a / $p" | bc) over $(wc -l <"$out/ann.log.times") files"
} >"$out/summary.txt"
rm -rf "$copy"
cat "$out/summary.txt"
