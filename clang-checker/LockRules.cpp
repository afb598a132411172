// SPDX-License-Identifier: GPL-2.0
//
// iommu-lockcheck: the rules table adapter.  Every function name the plugin
// knows comes from scripts/lockrules.def (X-macros); the driver core's entry
// contexts come from the shape of the callback slot, not from names.

#include "LockRules.h"
#include "clang/AST/ASTContext.h"

using namespace clang;

namespace iommu_lockcheck {

const ReqMap &tableRequires() {
  static const ReqMap M = [] {
    ReqMap R;
#define REQUIRES(fn, arg, kind) R[#fn].push_back({arg, kind, ALWAYS, ""});
#include "lockrules.def"
#undef REQUIRES
    return R;
  }();
  return M;
}

const llvm::StringMap<Rule> &acquireRules() {
  static const llvm::StringMap<Rule> M = [] {
    llvm::StringMap<Rule> R;
#define ACQUIRE(fn, arg, kind, how) R[#fn] = Rule{arg, kind, how, ""};
#include "lockrules.def"
#undef ACQUIRE
    return R;
  }();
  return M;
}

const llvm::StringMap<Rule> &releaseRules() {
  static const llvm::StringMap<Rule> M = [] {
    llvm::StringMap<Rule> R;
#define RELEASE(fn, arg, kind) R[#fn] = Rule{arg, kind, ALWAYS, ""};
#include "lockrules.def"
#undef RELEASE
    return R;
  }();
  return M;
}

// ASSERT rows that are functions (device_lock_assert is a static inline,
// iommu_group_mutex_assert extern).  lockdep_assert_held is a macro that
// expands to lock_is_held(&(l)->dep_map) with CONFIG_LOCKDEP: the checker
// models that call.
const llvm::StringMap<Rule> &assertRules() {
  static const llvm::StringMap<Rule> M = [] {
    llvm::StringMap<Rule> R;
#define ASSERT(fn, arg, kind) R[#fn] = Rule{arg, kind, ALWAYS, ""};
#include "lockrules.def"
#undef ASSERT
    return R;
  }();
  return M;
}

const llvm::StringMap<LockKind> &guardClasses() {
  static const llvm::StringMap<LockKind> M = [] {
    llvm::StringMap<LockKind> R;
#define GUARD(cls, kind) R[#cls] = kind;
#include "lockrules.def"
#undef GUARD
    return R;
  }();
  return M;
}

bool isDmaConfigure(llvm::StringRef N) {
#define DMA_CONFIGURE(fn) if (N == #fn) return true;
#include "lockrules.def"
#undef DMA_CONFIGURE
  return false;
}

bool createsDevice(llvm::StringRef N, unsigned &Arg) {
#define CREATE(fn, arg)                                                       \
  if (N == #fn) {                                                             \
    Arg = arg;                                                                \
    return true;                                                              \
  }
#include "lockrules.def"
#undef CREATE
  return false;
}

const char *kindName(LockKind K) {
  switch (K) {
  case DEV_MUTEX: return "DEV_MUTEX";
  case DEV_GROUP_MUTEX: return "DEV_GROUP_MUTEX";
  case MUTEX: return "MUTEX";
  }
  return "?";
}

bool parseKind(llvm::StringRef S, LockKind &K) {
  for (LockKind X : {DEV_MUTEX, DEV_GROUP_MUTEX, MUTEX})
    if (S == kindName(X)) {
      K = X;
      return true;
    }
  return false;
}

bool guardConstructor(llvm::StringRef Name, LockKind &K) {
  if (!Name.consume_front("class_") || !Name.consume_back("_constructor") ||
      !guardClasses().count(Name))
    return false;
  K = guardClasses().lookup(Name);
  return true;
}

bool parseHow(llvm::StringRef S, AcquireHow &H) {
  if (S == "ALWAYS")
    H = ALWAYS;
  else if (S == "TRY")
    H = TRY;
  else if (S == "ZERO_OK")
    H = ZERO_OK;
  else if (S == "NOT_ERR")
    H = NOT_ERR;
  else
    return false;
  return true;
}

static const RecordDecl *pointee(QualType T) {
  if (T.isNull() || !T->isPointerType())
    return nullptr;
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  return RD ? RD->getDefinition() : nullptr;
}

const FieldDecl *embeddedDevice(const RecordDecl *RD) {
  if (!RD || !(RD = RD->getDefinition()))
    return nullptr;
  const FieldDecl *Last = nullptr, *Dev = nullptr;
  unsigned Count = 0;
  for (const FieldDecl *F : RD->fields()) {
    const RecordDecl *FR = F->getType()->getAsRecordDecl();
    if (!FR || FR->getName() != "device")
      continue;
    Count++;
    Last = F;
    if (F->getName() == "dev")
      Dev = F;
  }
  // of several (struct rc_dev's dev and lirc_dev, struct tpm_chip's dev
  // and devs), the object's own is "dev" by convention
  return Count == 1 ? Last : Dev;
}

bool isDevicePointer(QualType T) {
  const RecordDecl *RD = pointee(T);
  return RD && (RD->getName() == "device" || embeddedDevice(RD));
}

std::optional<std::string> deviceMemberPath(QualType T) {
  const RecordDecl *RD = pointee(T);
  if (!RD)
    return std::nullopt;
  if (RD->getName() == "device")
    return std::string();
  if (const FieldDecl *Dev = embeddedDevice(RD))
    return Dev->getName().str();
  std::optional<std::string> Path;
  for (const FieldDecl *F : RD->fields()) {
    const RecordDecl *In = F->getType()->getAsRecordDecl();
    if (!In || !In->getIdentifier() || In->getName() == "device")
      continue;
    ASTContext &Ctx = RD->getASTContext();
    if (!isDevicePointer(Ctx.getPointerType(F->getType())))
      continue;
    if (Path)
      return std::nullopt; // two embedded devices: which one?
    Path = F->getName().str() + "." + embeddedDevice(In)->getName().str();
  }
  return Path;
}

// An ENTRY row names a slot shape: a struct type whose name ends in the row's
// type ("_driver" matches platform_driver, auxiliary_driver, ...) and one of
// its fields.  The driver core (really_probe(), device_remove()) calls those
// slots holding device_lock() of the device being bound.
static bool entryRow(StringRef Type, StringRef Field) {
#define ENTRY(type, field, kind)                                              \
  if (Type.ends_with(#type) && Field == #field)                               \
    return true;
#include "lockrules.def"
#undef ENTRY
  return false;
}

bool coreEntrySlot(const RecordDecl *RD, const FieldDecl *F,
                   const FunctionDecl *Fn, unsigned &Arg) {
  if (!RD || !F || !Fn || !entryRow(RD->getName(), F->getName()))
    return false;
  // The device is the callback's first parameter (probe(struct
  // platform_device *), probe(struct auxiliary_device *, id), ...).
  if (Fn->getNumParams() == 0 || !deviceMemberPath(Fn->getParamDecl(0)->getType()))
    return false;
  Arg = 0;
  return true;
}

// A struct of a family whose ENTRY rows name its probe (every
// <bus>_driver, bus_type): the core hands each of its callbacks the device
// it is about, probe or not (serio_driver.connect, xenbus_driver.resume).
bool entryFamily(const RecordDecl *RD) {
#define ENTRY(type, field, kind)                                              \
  if (RD && RD->getName().ends_with(#type) && StringRef(#field) == "probe")  \
    return true;
#include "lockrules.def"
#undef ENTRY
  return false;
}

bool ownAttrGroupsSlot(const RecordDecl *RD, const FieldDecl *F) {
#define OWN_ATTRS(type, field)                                                \
  if (RD && F && RD->getName() == #type && F->getName() == #field)            \
    return true;
#include "lockrules.def"
#undef OWN_ATTRS
  return false;
}

bool isBusDmaConfigureSlot(const RecordDecl *RD, const FieldDecl *F) {
  return RD && F && RD->getName() == "bus_type" &&
         F->getName() == "dma_configure";
}

} // namespace iommu_lockcheck
