# -*- Python -*-
# Real tier: every engine against Debian's linux-source trees, configured by
# scripts/kernel-tree (x86_64 allmodconfig, CC=clang-16, make prepare; and
# 6.12 for arm64, allmodconfig with LLVM=-16: %kdirarm64).  With another
# llvm_version the trees are the ones configured with that clang (CC=%clang,
# LLVM=-%llvm_version): a tree is built with the compiler it was configured
# with, or kbuild reconfigures it.
# Tests never write into the tree: patching tests work on a copy.
# Tests run in parallel on one tree, and two in-tree makes collide
# (include/config/kernel.release, shared objects): a test's own in-tree
# make takes the tree lock the front end takes (flock KDIR make ...); an
# M= build writes nothing to the tree.
import os
import lit.formats

config.name = 'iommu-lockcheck-kernel'
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = ['.test']
config.excludes = ['Inputs', 'lit.cfg.py']
config.test_source_root = os.path.dirname(__file__)

top = os.path.dirname(os.path.dirname(config.test_source_root))
build = lit_config.params.get('build', os.path.join(top, 'build'))
config.test_exec_root = os.path.join(build, 'testcases-kernel')
llvm_version = lit_config.params.get('llvm_version', '16')
llvm_bin = '/usr/lib/llvm-%s/bin' % llvm_version

kdir = lit_config.params.get('kdir')
if not kdir or not os.path.isfile(os.path.join(kdir, 'include/generated/autoconf.h')):
    lit_config.fatal('kdir=%r is not a configured kernel tree: run make check-kernel' % kdir)
kdir61 = lit_config.params.get('kdir61', '')
# make check-kernel always passes it; a test run without it fails on its
# first "test -f %kdirarm64/..." line, naming the missing parameter
kdirarm64 = lit_config.params.get('kdirarm64', 'no-kdirarm64-param')

config.environment['PATH'] = os.pathsep.join(
    [llvm_bin, os.path.join(top, 'scripts'), config.environment.get('PATH', os.environ['PATH'])])
# scripts/clang-lockcheck and the front end: the clang and plugin of this
# build (LLVM 16 by default, or another LLVM_VERSION's build directory).
config.environment['LLVM_VERSION'] = llvm_version
config.environment['IOMMU_LOCKCHECK_PLUGIN'] = os.path.join(
    build, 'clang-checker', 'IommuLockCheck.so')
# IOMMU_LOCKCHECK_PRELOAD: a sanitized plugin's ASan runtime (make SANITIZE=1)
for var in ('HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'IOMMU_LOCKCHECK_PRELOAD'):
    if var in os.environ:
        config.environment[var] = os.environ[var]

config.substitutions += [
    ('%kdirarm64', kdirarm64),
    ('%kdir61', kdir61),
    ('%kdir', kdir),
    ('%top', top),
    ('%build', build),
    ('%cocci', os.path.join(top, 'cocci')),
    ('%scripts', os.path.join(top, 'scripts')),
    ('%sparse_annotations', os.path.join(top, 'sparse-annotations')),
    ('%plugin', os.path.join(build, 'clang-checker', 'IommuLockCheck.so')),
    ('%lockcheck', os.path.join(build, 'iommu-lockcheck')),
    ('%clang', 'clang-%s' % llvm_version),
    ('%llvm_version', llvm_version),
]
