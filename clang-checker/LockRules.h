// SPDX-License-Identifier: GPL-2.0
//
// iommu-lockcheck: the rules table (scripts/lockrules.def) as the plugin
// sees it, and the driver core's calling conventions derived from a
// callback's slot and type.

#ifndef IOMMU_LOCKCHECK_LOCKRULES_H
#define IOMMU_LOCKCHECK_LOCKRULES_H

#include "clang/AST/Decl.h"
#include <optional>
#include <string>
#include "llvm/ADT/StringMap.h"
#include <map>
#include <string>
#include <vector>

namespace iommu_lockcheck {

enum LockKind { DEV_MUTEX, DEV_GROUP_MUTEX, MUTEX };
// NOT_ERR (summaries only): a pointer, held iff !IS_ERR()
enum AcquireHow { ALWAYS, TRY, ZERO_OK, NOT_ERR };

struct Rule {
  unsigned Arg;       // or ReturnedArg
  LockKind Kind;
  AcquireHow How;     // ACQUIRE rows only
  std::string Member; // inferred rows: the lock is of &arg->Member
};

// A lock function's "argument" when its lock is the device of the object
// it returns ("@acquires F ret ..."): a lookup that hands back locked the
// device it found.
constexpr unsigned ReturnedArg = ~0u;

// Requirement rows: table REQUIRES plus inferred ones (asserts in bodies,
// summary files of other TUs).  Name -> list of (arg, kind).
using ReqMap = std::map<std::string, std::vector<Rule>>;

const ReqMap &tableRequires();
const llvm::StringMap<Rule> &acquireRules();
const llvm::StringMap<Rule> &releaseRules();
const llvm::StringMap<Rule> &assertRules();
const llvm::StringMap<LockKind> &guardClasses();
bool isDmaConfigure(llvm::StringRef Name);
// class_<cls>_constructor of a GUARD row's class (guard(cls)(x) takes x's lock)
bool guardConstructor(llvm::StringRef Name, LockKind &K);
bool createsDevice(llvm::StringRef Name, unsigned &Arg);
const char *kindName(LockKind K);
bool parseKind(llvm::StringRef S, LockKind &K);
bool parseHow(llvm::StringRef S, AcquireHow &H); // ALWAYS, TRY, ZERO_OK, NOT_ERR

// Does the driver core hold device_lock() of Fn's device when it calls the
// function stored in field F of struct RD?  Then the index of the parameter
// that is (or embeds) that device.
bool coreEntrySlot(const clang::RecordDecl *RD, const clang::FieldDecl *F,
                   const clang::FunctionDecl *Fn, unsigned &Arg);
// Is RD of a family whose probe an ENTRY row names (a <bus>_driver)?  Its
// callbacks are given the device they serve, the driver's own.
bool entryFamily(const clang::RecordDecl *RD);
// An OWN_ATTRS row: attribute groups created on the device the driver binds.
bool ownAttrGroupsSlot(const clang::RecordDecl *RD, const clang::FieldDecl *F);
bool isBusDmaConfigureSlot(const clang::RecordDecl *RD,
                           const clang::FieldDecl *F);

// The struct device that RD embeds, whatever its name (platform_device.dev,
// hv_device.device); of several, the one named "dev"; else none.
const clang::FieldDecl *embeddedDevice(const clang::RecordDecl *RD);
// Is T (a pointer) a struct device *, or a pointer to a struct that embeds
// one?
bool isDevicePointer(clang::QualType T);
// The member path of the struct device that *T embeds: "" for a struct
// device *, "dev" ("device" for struct hv_device), or through one
// embedded struct "mdio.dev" (struct
// phy_device embeds struct mdio_device mdio, which embeds dev); none if
// it embeds no device, or more than one that way.
std::optional<std::string> deviceMemberPath(clang::QualType T);

} // namespace iommu_lockcheck

#endif
