# SPDX-License-Identifier: GPL-2.0
#
# iommu-lockcheck: find of_dma_configure()/device_lock/group->mutex misuse in
# Linux kernel trees with Coccinelle, the Clang Static Analyzer and Sparse.
#
#   make              build the Clang plugin and the C programs into build/
#   make deps         install the Debian packages (root)
#   make check        fast tier: lit tests on the mini headers (testcases/)
#   make check-kernel real tier: lit tests on Debian's linux-source-6.12/6.1
#   make check-kernel-clang  the real tier's tests that run the Clang engine
#   make demo         check Debian's linux-source-6.12 for the seed's bugs
#   make bench        engine-vs-plain-engine ratios on linux-source-6.12
#                     (make bench-cocci, -coccicheck, -clang, -sparse, -fix,
#                     -summaries: one part)
#   make SANITIZE=1 check   the same tests, front end and plugin under ASan+UBSan
#   make LLVM_VERSION=19 B=build/llvm-19 ...   the same against LLVM 19 (the
#                     kernel trees then are the ones configured with clang-19)

LLVM_VERSION	?= 16
LLVM_CONFIG	?= llvm-config-$(LLVM_VERSION)
CLANG		?= clang-$(LLVM_VERSION)
CLANGXX		?= clang++-$(LLVM_VERSION)
LIT		?= python3 /usr/lib/llvm-$(LLVM_VERSION)/build/utils/lit/lit.py
LIT_FLAGS	?= -sv
JOBS		?= $(shell nproc)

B		:= build
# CI builds with -Werror; a developer's build only warns.
WERROR		?= $(if $(CI),-Werror)
CFLAGS		?= -O2 -g
CXXFLAGS	?= -O2 -g
WARNINGS	:= -Wall -Wextra $(WERROR)

# SANITIZE=1: the front end and the plugin built with ASan+UBSan, every UB
# report fatal, both by clang against its shared ASan runtime.  The clang
# that loads the plugin is not sanitized and ASan's runtime must be the
# first library of a process, so the fast tier runs with it preloaded
# (LD_PRELOAD, which lit hands to every test process; the front end is
# built by clang too, so there is one runtime).  The real tier runs kbuild,
# whose toolchain probes (a rustup rustc) hang with the runtime in them:
# there only scripts/clang-lockcheck preloads it, into the analyzer's clang
# (IOMMU_LOCKCHECK_PRELOAD); the front end loads it itself (rpath).  ASAN_OPTIONS: no leak
# check (clang frees nothing on purpose, and every process of the tests
# carries the runtime); no user poisoning (LLVM's allocators, inlined into
# the plugin, poison slabs that uninstrumented libclang-cpp then hands out:
# false use-after-poison).  Switching SANITIZE rebuilds both.
SANITIZE	?=
ifneq ($(SANITIZE),)
SAN_FLAGS	:= -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=all -shared-libasan
ASAN_RT		:= $(shell $(CLANG) -print-file-name=libclang_rt.asan-x86_64.so)
SAN_LDFLAGS	:= -Wl,-rpath,$(dir $(ASAN_RT))
SAN_OPTS	:= ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0 \
		   UBSAN_OPTIONS=print_stacktrace=1
SAN_ENV		:= env LD_PRELOAD=$(ASAN_RT) $(SAN_OPTS)
SAN_ENV_KERNEL	:= env IOMMU_LOCKCHECK_PRELOAD=$(ASAN_RT) $(SAN_OPTS)
FRONTEND_CC	:= $(CLANG)
else
FRONTEND_CC	:= $(CC)
endif

# KDIR: a configured kernel tree; empty means Debian's linux-source-6.12,
# unpacked and configured once by scripts/kernel-tree under KCACHE (x86_64;
# KDIRARM64: the same source configured for arm64 with LLVM=-16), with
# clang-$(LLVM_VERSION): another LLVM_VERSION has trees of its own.
KDIR		?=
KDIR61		?=
KDIRARM64	?=
KCACHE		?= $(HOME)/.cache/iommu-lockcheck
export IOMMU_LOCKCHECK_CACHE := $(KCACHE)
export LLVM_VERSION

PLUGIN		:= $(B)/clang-checker/IommuLockCheck.so
PLUGIN_SRCS	:= $(wildcard clang-checker/*.cpp)
PLUGIN_HDRS	:= $(wildcard clang-checker/*.h) scripts/lockrules.def
FRONTEND	:= $(B)/iommu-lockcheck
FRONTEND_SRCS	:= $(wildcard scripts/lockcheck/*.c)
FRONTEND_HDRS	:= $(wildcard scripts/lockcheck/*.h) scripts/lockrules.def

TARGETS		:= $(B)/lockrules
TARGETS		+= $(if $(PLUGIN_SRCS),$(PLUGIN) $(PLUGIN).id)
TARGETS		+= $(if $(FRONTEND_SRCS),$(FRONTEND))

DEBIAN_PACKAGES := coccinelle sparse clang-$(LLVM_VERSION) \
	libclang-$(LLVM_VERSION)-dev llvm-$(LLVM_VERSION)-dev \
	llvm-$(LLVM_VERSION)-tools lld-$(LLVM_VERSION) libjansson-dev pkg-config python3 python3-jsonschema time \
	flex bison bc libelf-dev libssl-dev make gcc g++ git xz-utils \
	linux-source-6.12 linux-source-6.1

.PHONY: all deps check check-kernel check-kernel-clang demo bench clean
.DELETE_ON_ERROR:

all: $(TARGETS)

$(B)/lockrules: scripts/lockrules.c scripts/lockrules.def
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNINGS) -o $@ $<

# what the binaries were built with: a change of SANITIZE rebuilds them
$(B)/sanitize.flags: FORCE
	@mkdir -p $(@D)
	@echo '$(SAN_FLAGS)' | cmp -s - $@ || echo '$(SAN_FLAGS)' > $@
.PHONY: FORCE

$(PLUGIN): $(PLUGIN_SRCS) $(PLUGIN_HDRS) $(B)/sanitize.flags
	@mkdir -p $(@D)
	$(CLANGXX) $(CXXFLAGS) $(SAN_FLAGS) $(SAN_LDFLAGS) $(WARNINGS) -Wno-unused-parameter \
		$(shell $(LLVM_CONFIG) --cxxflags) -Iscripts -fPIC -shared \
		-o $@.tmp $(PLUGIN_SRCS)
	mv -f $@.tmp $@	# a kernel run may be loading the old plugin

# What the plugin's summaries depend on: its sources, LLVM and the analyzer
# options the wrapper gives pass 1, not how it was built.  The front end
# keeps a summary cache across plugins with the same stamp (a sanitized
# build, make clean), and only across those.
$(PLUGIN).id: FORCE
	@mkdir -p $(@D)
	@id=llvm$(LLVM_VERSION)-$$(cat $(PLUGIN_SRCS) $(PLUGIN_HDRS) scripts/clang-lockcheck | \
		sha256sum | cut -c1-16); \
	echo $$id | cmp -s - $@ || echo $$id > $@

$(FRONTEND): $(FRONTEND_SRCS) $(FRONTEND_HDRS) $(B)/sanitize.flags
	@mkdir -p $(@D)
	$(FRONTEND_CC) $(CFLAGS) $(SAN_FLAGS) $(SAN_LDFLAGS) $(WARNINGS) -std=gnu11 -Iscripts \
		$(shell pkg-config --cflags jansson) \
		-DLOCKCHECK_TOP='"$(CURDIR)"' -o $@.tmp $(FRONTEND_SRCS) \
		$(shell pkg-config --libs jansson)
	mv -f $@.tmp $@

deps:
	@if [ "$$(id -u)" != 0 ]; then \
		echo "make deps: must run as root (apt-get install); try: sudo make deps" >&2; \
		exit 1; \
	fi
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing" $$missing; \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "make deps: all Debian packages present"; \
	fi

check: all
	$(SAN_ENV) $(LIT) $(LIT_FLAGS) -j$(JOBS) --param build=$(CURDIR)/$(B) \
		--param llvm_version=$(LLVM_VERSION) testcases

# The kernel trees are resolved here, once, so every test sees the same
# ones; lit's --time-tests lists the slowest tests, since CI's time limit
# is mostly the real tier's.
#
# check-kernel-clang: the tests of the real tier that run the plugin on
# the real trees (through kbuild's CHECK= or the front end), 6.12 x86_64
# and arm64: what another LLVM's plugin must pass.  Of the cross-file
# tests, whose logic is the front end's and the same under any LLVM, two:
# a private header's slot (sync_state) and a module's own slot
# (slot_context).  The rest run in check-kernel, as do the corpus tests
# and precise.test, which measure precision, and config-x86.test, which
# proves the front end's kbuild variables; a cold tree index each, which
# another LLVM's summaries cannot share.
KERNEL_TESTS		:= testcases/kernel
KERNEL_CLANG_TESTS	:= $(addprefix testcases/kernel/,clang \
	crossfile/sync_state.test crossfile/slot_context.test \
	arch/iort-clang.test arch/refuse.test)

# Under ASan+UBSan the analyzer is several times slower: the tests whose
# plugin runs go through every path of the front end (the tree index, its
# private-header and slot lookups, the passes, x86_64 and arm64), not each
# CHECK= run again.
KERNEL_SANITIZE_TESTS	:= $(addprefix testcases/kernel/,crossfile/sync_state.test \
	crossfile/slot_context.test crossfile/pm_context.test \
	crossfile/bus_notifier.test frontend/precise.test arch/iort-clang.test)

check-kernel: KTESTS = $(KERNEL_TESTS)
check-kernel-clang: KTESTS = $(if $(SANITIZE),$(KERNEL_SANITIZE_TESTS),$(KERNEL_CLANG_TESTS))
check-kernel-clang: KDIR61 = no-kdir61-in-check-kernel-clang
check-kernel check-kernel-clang: all
	kdir="$(KDIR)"; [ -n "$$kdir" ] || kdir=$$(scripts/kernel-tree 6.12) || exit 1; \
	kdir61="$(KDIR61)"; [ -n "$$kdir61" ] || kdir61=$$(scripts/kernel-tree 6.1) || exit 1; \
	kdirarm64="$(KDIRARM64)"; \
	[ -n "$$kdirarm64" ] || kdirarm64=$$(scripts/kernel-tree 6.12 arm64) || exit 1; \
	$(SAN_ENV_KERNEL) $(LIT) $(LIT_FLAGS) --time-tests -j$(JOBS) --param build=$(CURDIR)/$(B) \
		--param llvm_version=$(LLVM_VERSION) \
		--param kdir=$$kdir --param kdir61=$$kdir61 \
		--param kdirarm64=$$kdirarm64 $(KTESTS)

# Both architectures: most of these drivers are Arm SoC drivers.  Exit
# status 1 (findings) is the demo's result, 2 is a failure.
demo: deps all
	kdir="$(KDIR)"; [ -n "$$kdir" ] || kdir=$$(scripts/kernel-tree 6.12) || exit 1; \
	kdirarm64="$(KDIRARM64)"; \
	[ -n "$$kdirarm64" ] || kdirarm64=$$(scripts/kernel-tree 6.12 arm64) || exit 1; \
	for k in $$kdir $$kdirarm64; do \
		echo "== iommu-lockcheck check --kdir=$$k"; \
		status=0; scripts/iommu-lockcheck check --kdir=$$k || status=$$?; \
		[ $$status -le 1 ] || exit $$status; \
	done

# make bench-cocci etc.: one part; build/bench.json keeps the others
BENCH_PARTS := cocci coccicheck clang sparse fix summaries
.PHONY: $(BENCH_PARTS:%=bench-%)
bench $(BENCH_PARTS:%=bench-%): all
	kdir="$(KDIR)"; [ -n "$$kdir" ] || kdir=$$(scripts/kernel-tree 6.12) || exit 1; \
	scripts/bench --kdir=$$kdir --out=$(B)/bench.json --build=$(CURDIR)/$(B) \
		$(if $(filter bench-%,$@),--only=$(@:bench-%=%))

clean:
	rm -rf $(B)
