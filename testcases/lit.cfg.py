# -*- Python -*-
# Fast tier: every engine against the mini kernel headers in include/.
# A missing engine fails its tests (lit's "not found"), it is never skipped.
import os
import lit.formats

config.name = 'iommu-lockcheck'
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = ['.c', '.test', '.cocci']
config.excludes = ['include', 'kernel', 'Inputs', 'lit.cfg.py']
config.test_source_root = os.path.dirname(__file__)

top = os.path.dirname(config.test_source_root)
build = lit_config.params.get('build', os.path.join(top, 'build'))
config.test_exec_root = os.path.join(build, 'testcases')
llvm_version = lit_config.params.get('llvm_version', '16')
llvm_bin = '/usr/lib/llvm-%s/bin' % llvm_version

config.environment['PATH'] = os.pathsep.join(
    [llvm_bin, os.path.join(top, 'scripts'), config.environment.get('PATH', os.environ['PATH'])])
# scripts/clang-lockcheck and the front end: the clang and plugin of this
# build (LLVM 16 by default, or another LLVM_VERSION's build directory).
config.environment['LLVM_VERSION'] = llvm_version
config.environment['IOMMU_LOCKCHECK_PLUGIN'] = os.path.join(
    build, 'clang-checker', 'IommuLockCheck.so')
for var in ('HOME', 'TMPDIR', 'LANG', 'LC_ALL'):
    if var in os.environ:
        config.environment[var] = os.environ[var]

config.substitutions += [
    ('%top', top),
    ('%build', build),
    ('%kinc', os.path.join(config.test_source_root, 'include')),
    ('%cocci', os.path.join(top, 'cocci')),
    ('%scripts', os.path.join(top, 'scripts')),
    ('%sparse_annotations', os.path.join(top, 'sparse-annotations')),
    ('%plugin', os.path.join(build, 'clang-checker', 'IommuLockCheck.so')),
    ('%lockcheck', os.path.join(build, 'iommu-lockcheck')),
    ('%clang', 'clang-%s' % llvm_version),
]
