// SPDX-License-Identifier: GPL-2.0
//
// iommu-lockcheck: Clang Static Analyzer plugin (package kernel.iommu).
//
// One lock model, four reports:
//   DeviceLockRequired      call needs device_lock(d), path does not hold it
//   GroupMutexRequired      call needs the iommu group mutex
//   LockImbalance           double acquire / release unheld / inconsistent
//                           returns (held at some returns, not at others)
//   DmaConfigureOutsideBus  of/acpi_dma_configure*() outside bus dma_configure
//
// Locks are keyed by the MemRegion of the struct mutex (&dev->mutex,
// &group->mutex), so aliases such as gmu->dev = &pdev->dev resolve.  The
// rules table is read in LockRules.cpp, what the translation unit says
// (entry contexts, contracts, summaries) in TUIndex.cpp; this file holds the
// path-sensitive part: the state trait and the callbacks.
//
// Modelled after clang's PthreadLockChecker (one state trait, evalCall of
// the lock functions) and SimpleStreamChecker (events as callbacks).

#include "LockRules.h"
#include "TUIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/RangedConstraintManager.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include <algorithm>
#include <map>
#include <set>

using namespace clang;
using namespace ento;
using namespace iommu_lockcheck;

namespace {

// ---- program state: one trait, lock region -> what we know ---------------

enum LockState : unsigned {
  Held,     // acquired on this path
  Assumed,  // held by the caller: entry context, assert, or already reported
  Released, // released (or a failed trylock) on this path
  Again,    // held, and a guard constructor took it again: reported at
            // the guard's declaration, not inside the inlined constructor
};

enum { NoEntry = 4 }; // Restore: the lock had no entry before

struct LockInfo {
  unsigned State;
  const MemRegion *Guard = nullptr; // guard()/scoped_guard() variable
  const Stmt *Scope = nullptr;      // statement the guard variable lives in
  const StackFrameContext *Frame = nullptr; // where it was acquired (Held)
  // An assert in an inlined callee assumes the lock only until that callee
  // returns (its call site was judged): the state to go back to then.
  int Restore = -1;
  // The lock or unlock call's argument, as written: a second lock or unlock
  // through another name (pci_physfn(vf) is vf itself only on a path the
  // caller rules out) is an alias the analyzer cannot judge.
  const Expr *By = nullptr;
  bool operator==(const LockInfo &O) const {
    return State == O.State && Guard == O.Guard && Scope == O.Scope &&
           Frame == O.Frame && Restore == O.Restore && By == O.By;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(State);
    ID.AddPointer(Guard);
    ID.AddPointer(Scope);
    ID.AddPointer(Frame);
    ID.AddInteger(Restore);
    ID.AddPointer(By);
  }
  bool held() const { return State != Released; }
};

} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(LockMap, const MemRegion *, LockInfo)
// Locks of the top function's parameters that it released without taking
// them: its callers' (pci_dev_unlock()).
REGISTER_SET_WITH_PROGRAMSTATE(ReleasedForCallers, const MemRegion *)
// Device locks (keyed like LockMap) of devices this path created
// (device_initialize()): no caller can hold them.
REGISTER_SET_WITH_PROGRAMSTATE(CreatedDevices, const MemRegion *)
// A notifier callback's event parameters, kept alive so that the path's
// constraints on them (switch (action) { case ...: }) survive to the calls
// they guard.
REGISTER_SET_WITH_PROGRAMSTATE(EventSymbols, SymbolRef)
// Mutexes other than the device and group locks (whose lock and unlock
// functions the tree index summarises) that were held when their holder
// went to a function the analyzer did not see into: it may have released
// them (foo_unlock_and_put(foo)), so the path's returns do not judge them.
REGISTER_SET_WITH_PROGRAMSTATE(HandedOff, const MemRegion *)
// Locks taken as held on the callers' word only (callersDecide()): no path
// shows them held, so taking one again is no double acquire.
REGISTER_SET_WITH_PROGRAMSTATE(SupposedHeld, const MemRegion *)
// What a lock function that returns an ERR_PTR() without its lock gave
// (NOT_ERR): an ERR_PTR() (true) or the object, locked (false); IS_ERR()
// of it is that answer.
REGISTER_MAP_WITH_PROGRAMSTATE(ErrPtrResults, SymbolRef, bool)

namespace {

enum LockClass { OtherLock, DeviceLock, GroupLock };

LockClass classify(const MemRegion *R) {
  const auto *FR = dyn_cast_or_null<FieldRegion>(R);
  if (FR && FR->getDecl()->getName() == "iommu_group" &&
      FR->getDecl()->getParent()->getName() == "device")
    return GroupLock; // lockRegion(): an opaque struct iommu_group
  if (!FR || FR->getDecl()->getName() != "mutex")
    return OtherLock;
  StringRef P = FR->getDecl()->getParent()->getName();
  if (P == "device")
    return DeviceLock;
  if (P == "iommu_group")
    return GroupLock;
  return OtherLock;
}

// d->mutex may come out as Element{SymRegion{d},0}.mutex or as
// SymRegion{d}.mutex depending on how the pointer was reached: drop
// zero-index element layers so one lock has one key.
const MemRegion *canon(const MemRegion *R) {
  if (!R)
    return nullptr;
  if (const auto *ER = dyn_cast<ElementRegion>(R))
    if (ER->getIndex().isZeroConstant())
      return canon(ER->getSuperRegion());
  if (const auto *FR = dyn_cast<FieldRegion>(R)) {
    const MemRegion *S = canon(FR->getSuperRegion());
    // &container_of(d, T, m)->m is d: container_of() steps back by m's
    // offset as a char element of d's region, the field steps forward.
    // At offset 0 the step back is no element at all: the field, of the
    // very type of the object d designates (what a pointer d points to,
    // or d's own region, e.g. d = &sdev->dev), is d.
    const ASTContext &Ctx = R->getMemRegionManager().getContext();
    if (const auto *ER = dyn_cast<ElementRegion>(S)) {
      auto Idx = ER->getIndex().getAs<nonloc::ConcreteInt>();
      if (Idx && ER->getElementType()->isCharType() &&
          Idx->getValue().getExtValue() * Ctx.getCharWidth() +
                  (int64_t)Ctx.getFieldOffset(FR->getDecl()) == 0)
        return canon(ER->getSuperRegion());
    }
    if (Ctx.getFieldOffset(FR->getDecl()) == 0) {
      QualType Object;
      if (const auto *SR = dyn_cast<SymbolicRegion>(S)) {
        QualType PT = SR->getSymbol()->getType();
        if (PT->isPointerType())
          Object = PT->getPointeeType();
      } else if (const auto *TR = dyn_cast<TypedValueRegion>(S)) {
        Object = TR->getValueType();
      }
      if (!Object.isNull() &&
          Ctx.hasSameUnqualifiedType(Object, FR->getDecl()->getType()))
        return S;
    }
    if (S != FR->getSuperRegion())
      return R->getMemRegionManager().getFieldRegion(FR->getDecl(),
                                                     cast<SubRegion>(S));
  }
  return R;
}

// &Base->Name, where Base points to a struct of type T.
const MemRegion *fieldOf(ProgramStateRef St, const MemRegion *Base, QualType T,
                         StringRef Name, QualType *FieldType = nullptr) {
  const RecordDecl *RD = T.isNull() ? nullptr : T->getAsRecordDecl();
  if (!Base || !RD || !(RD = RD->getDefinition()))
    return nullptr;
  for (const FieldDecl *FD : RD->fields())
    if (FD->getName() == Name) {
      if (FieldType)
        *FieldType = FD->getType();
      return canon(St->getLValue(FD, loc::MemRegionVal(canon(Base)))
                       .getAsRegion());
    }
  return nullptr;
}

// A field of an object behind a pointer as the engine spells it when it
// evaluates "p->field": on Element{p,0} (canon() strips it).  Its value,
// loaded here, is then the symbol the code's own loads give.
static const MemRegion *engineForm(ProgramStateRef St, const MemRegion *R) {
  const auto *FR = dyn_cast<FieldRegion>(R);
  const auto *SR = FR ? dyn_cast<SymbolicRegion>(FR->getSuperRegion()) : nullptr;
  if (!SR)
    return R;
  MemRegionManager &MRM = St->getStateManager().getRegionManager();
  ASTContext &Ctx = St->getStateManager().getContext();
  QualType T = Ctx.getRecordType(FR->getDecl()->getParent());
  const ElementRegion *ER = MRM.getElementRegion(
      T, St->getStateManager().getSValBuilder().makeArrayIndex(0), SR, Ctx);
  return MRM.getFieldRegion(FR->getDecl(), ER);
}

// The value of arg->member as the code's own "arg->member" loads it, F
// being that member on the argument's canonical region.  A pointer known
// only as a symbol (a parameter) is spelled Element{p,0} (engineForm());
// any other argument (container_of() of a work at a non-zero offset, an
// element of the work's region) from its own value.
static SVal memberValue(ProgramStateRef St, SVal Arg, const FieldRegion *F) {
  const MemRegion *ArgR = Arg.getAsRegion();
  if (ArgR && !isa<SymbolicRegion>(ArgR->StripCasts()))
    if (const MemRegion *Own = St->getLValue(F->getDecl(), Arg).getAsRegion())
      return St->getSVal(Own);
  return St->getSVal(engineForm(St, F));
}

// The lock a rule row designates, given the argument value and its type.
const MemRegion *lockRegion(ProgramStateRef St, SVal Arg, QualType ArgTy,
                            LockKind K, StringRef Member = "") {
  const MemRegion *R = Arg.getAsRegion();
  if (!R || ArgTy.isNull() || !ArgTy->isPointerType())
    return nullptr;
  R = R->StripCasts();
  QualType T = ArgTy->getPointeeType();
  if (!Member.empty()) {
    // device_lock_assert(&port->dev): the struct device embedded in *arg;
    // or a pointer member: iommu_group_mutex_assert(master->dev),
    // device_lock_assert(hw->dev) (TUIndex's paramDevicePointer()).
    // "mdio.dev": a device embedded in an embedded struct (phy_device)
    QualType MT = T;
    SmallVector<StringRef, 2> Path;
    Member.split(Path, '.');
    for (StringRef Part : Path)
      if (R && !MT.isNull())
        R = fieldOf(St, R, QualType(MT), Part, &MT);
    if (R && !MT.isNull() && MT->isPointerType()) {
      const auto *FR = Path.size() == 1 ? dyn_cast<FieldRegion>(R) : nullptr;
      R = (FR ? memberValue(St, Arg, FR) : St->getSVal(engineForm(St, R)))
              .getAsRegion();
      R = R ? R->StripCasts() : nullptr;
      MT = MT->getPointeeType();
      // a pointer to an object with a device of its own (h->hdev, a
      // struct host1x_device *): that device (lockOfParam())
      const RecordDecl *RD = MT->getAsRecordDecl();
      const FieldDecl *Own = RD && RD->getName() != "device" ? embeddedDevice(RD)
                                                              : nullptr;
      if (R && Own && K == DEV_MUTEX)
        R = fieldOf(St, R, MT, Own->getName(), &MT);
    }
    T = MT;
    if (!R || T.isNull() || !T->isRecordType())
      return nullptr;
  }
  switch (K) {
  case MUTEX:
    return canon(R);
  case DEV_MUTEX:
    return fieldOf(St, R, T, "mutex");
  case DEV_GROUP_MUTEX: {
    QualType GT;
    const MemRegion *GF = fieldOf(St, R, T, "iommu_group", &GT);
    if (!GF || GT.isNull() || !GT->isPointerType())
      return nullptr;
    // Outside iommu.c struct iommu_group is opaque: the device's group
    // pointer stands for its mutex (any group mutex satisfies a group
    // requirement, and no other file can take one).
    const RecordDecl *GD = GT->getPointeeType()->getAsRecordDecl();
    if (!GD || !GD->getDefinition())
      return GF;
    const MemRegion *G = St->getSVal(GF).getAsRegion();
    return G ? fieldOf(St, G->StripCasts(), GT->getPointeeType(), "mutex")
             : nullptr;
  }
  }
  return nullptr;
}

// The access path of a lock ("*(dev.iommu_group).mutex"): after a call
// invalidates what dev points to, dev->iommu_group is a new symbol derived
// from the same field, so the lock taken before the call is recognised at
// the unlock after it.
std::string pathKey(const MemRegion *R) {
  if (!R)
    return "?";
  if (const auto *FR = dyn_cast<FieldRegion>(R))
    return pathKey(FR->getSuperRegion()) + "." + FR->getDecl()->getName().str();
  if (const auto *ER = dyn_cast<ElementRegion>(R))
    return pathKey(ER->getSuperRegion()) + "[]";
  if (const auto *SR = dyn_cast<SymbolicRegion>(R)) {
    SymbolRef S = SR->getSymbol();
    if (const auto *RV = dyn_cast<SymbolRegionValue>(S))
      return "*(" + pathKey(RV->getRegion()) + ")";
    if (const auto *D = dyn_cast<SymbolDerived>(S))
      return "*(" + pathKey(D->getRegion()) + ")";
    return "$" + std::to_string((uintptr_t)S);
  }
  if (const auto *VR = dyn_cast<VarRegion>(R))
    return VR->getDecl()->getName().str() + "@" +
           std::to_string((uintptr_t)VR->getStackFrame());
  return "#" + std::to_string((uintptr_t)R);
}

// A held lock with the same access path as R, if any.
const MemRegion *samePath(ProgramStateRef St, const MemRegion *R) {
  std::string K = pathKey(R);
  for (auto &E : St->get<LockMap>())
    if (E.second.held() && pathKey(E.first) == K)
      return E.first;
  return nullptr;
}

// Is the object behind R reached from a parameter of the top-level function
// (its value on entry, or something loaded through it)?  Then whether the
// lock is held is up to that function's callers.
bool rootedInParam(const MemRegion *R) {
  while (R) {
    R = R->getBaseRegion();
    const auto *SR = dyn_cast<SymbolicRegion>(R);
    if (!SR)
      return false;
    SymbolRef S = SR->getSymbol();
    if (const auto *RV = dyn_cast<SymbolRegionValue>(S)) {
      const TypedValueRegion *VR = RV->getRegion();
      if (const auto *V = dyn_cast<VarRegion>(VR))
        if (isa<ParmVarDecl>(V->getDecl()))
          return true;
      R = VR;
    } else if (const auto *D = dyn_cast<SymbolDerived>(S)) {
      R = D->getRegion();
    } else {
      return false;
    }
  }
  return false;
}

// The call that created the object behind R, if it came from a call.
const CallExpr *creatorCall(const MemRegion *R) {
  if (!R)
    return nullptr;
  if (const auto *SR = dyn_cast<SymbolicRegion>(R->getBaseRegion()))
    if (const auto *CS = dyn_cast<SymbolConjured>(SR->getSymbol()))
      return dyn_cast_or_null<CallExpr>(CS->getStmt());
  return nullptr;
}

// Did a call the analyzer did not see into convert a device to the object
// behind R, of another type?  It may be that very device seen as another
// struct (i3cdev_to_dev(i3cdev) is &i3cdev->dev).  Not a creator's
// (platform_device_alloc(): a new device), nor one of the argument's own
// type: that is another of its kind (typec_altmode_get_plug(alt)).
bool returnedForDevice(const MemRegion *R, const ASTContext &Ctx) {
  const CallExpr *CE = creatorCall(R);
  if (!CE || createsObject(CE->getDirectCallee()) ||
      !CE->getType()->isPointerType())
    return false;
  QualType Out = CE->getType()->getPointeeType().getUnqualifiedType();
  for (const Expr *A : CE->arguments()) {
    QualType T = A->IgnoreParenImpCasts()->getType();
    if (isDevicePointer(T) &&
        !Ctx.hasSameType(T->getPointeeType().getUnqualifiedType(), Out))
      return true;
  }
  return false;
}

std::string exprText(const Expr *E, ASTContext &Ctx) {
  if (!E)
    return "?";
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange CR = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()), SM,
      Ctx.getLangOpts());
  if (CR.isInvalid())
    CR = SM.getExpansionRange(E->getSourceRange());
  StringRef T = Lexer::getSourceText(CR, SM, Ctx.getLangOpts());
  return T.empty() ? std::string("?") : T.str();
}


// The region a symbolic region's pointer was loaded from, if any
// (dev->iommu_group: the field region iommu_group of *dev).
const MemRegion *loadedFromField(const MemRegion *R) {
  const auto *SR = dyn_cast_or_null<SymbolicRegion>(R);
  if (!SR)
    return nullptr;
  if (const auto *D = dyn_cast<SymbolDerived>(SR->getSymbol()))
    return D->getRegion();
  if (const auto *RV = dyn_cast<SymbolRegionValue>(SR->getSymbol()))
    return RV->getRegion();
  return nullptr;
}

// How a rule's member of the argument reads: &port->dev for an embedded
// device, master->dev for a pointer to one.
std::string memberText(const std::string &Arg, QualType ArgTy,
                       StringRef Member) {
  if (Member.empty())
    return Arg;
  const RecordDecl *RD = ArgTy.isNull() || !ArgTy->isPointerType()
                             ? nullptr
                             : ArgTy->getPointeeType()->getAsRecordDecl();
  if (RD && (RD = RD->getDefinition()))
    for (const FieldDecl *FD : RD->fields())
      if (FD->getName() == Member && FD->getType()->isPointerType())
        return Arg + "->" + Member.str();
  return "&" + Arg + "->" + Member.str();
}

// The parameter (and member) a lock region hangs off directly:
// &param->mutex -> (param, ""), &param->dev.mutex -> (param, "dev");
// the group mutex of param: &param->iommu_group->mutex, or &param->
// iommu_group where struct iommu_group is opaque; for the group mutex also
// of a device pointer in a member: param->dev (master->dev).  A device
// lock behind a pointer member (wdt->dev) only where FollowDevicePointer
// asks: a lock function's summary names it, but a requirement on it is no
// caller's (the pointer loaded again need not be the device locked).
bool lockOfParam(const MemRegion *R, const ParmVarDecl *&P, std::string &Member,
                 LockKind &K, bool FollowDevicePointer = false) {
  const auto *FR = dyn_cast_or_null<FieldRegion>(R);
  if (!FR)
    return false;
  const MemRegion *S = FR->getSuperRegion();
  const FieldRegion *GF = nullptr;
  K = DEV_MUTEX;
  if (classify(FR) == GroupLock && FR->getDecl()->getName() == "iommu_group")
    GF = FR; // an opaque group: &dev->iommu_group
  else if (FR->getDecl()->getName() == "mutex")
    GF = dyn_cast_or_null<FieldRegion>(loadedFromField(S));
  else
    return false;
  if (GF && GF->getDecl()->getName() == "iommu_group") {
    K = DEV_GROUP_MUTEX;
    S = GF->getSuperRegion();
    GF = dyn_cast_or_null<FieldRegion>(loadedFromField(S));
  } else if (!FollowDevicePointer ||
             FR->getDecl()->getParent()->getName() != "device") {
    GF = nullptr; // not a device's lock: no device pointer to follow
  }
  // the device pointer itself loaded from param->member
  if (GF) {
    Member = GF->getDecl()->getName().str();
    S = GF->getSuperRegion()->StripCasts(); // Element{p,0} is *p
  }
  // the device embedded in the parameter's struct, maybe one struct deep
  // (&phydev->mdio.dev: "mdio.dev"); not behind a pointer member as well
  for (const auto *MF = dyn_cast<FieldRegion>(S); MF;
       MF = dyn_cast<FieldRegion>(S)) {
    if (GF)
      return false;
    Member = MF->getDecl()->getName().str() + (Member.empty() ? "" : "." + Member);
    S = MF->getSuperRegion();
  }
  // A lock function's: the own device of an object its parameter points
  // to (&h->hdev->dev, h1x_lock_logical()'s), named by the pointer member
  // ("hdev"; lockRegion() goes on to that object's own device).
  const auto *OF = FollowDevicePointer && !GF
                       ? dyn_cast_or_null<FieldRegion>(loadedFromField(S))
                       : nullptr;
  const RecordDecl *Obj = nullptr;
  if (OF && OF->getDecl()->getType()->isPointerType())
    Obj = OF->getDecl()->getType()->getPointeeType()->getAsRecordDecl();
  if (Obj && Obj->getName() != "device" && embeddedDevice(Obj) &&
      Member == embeddedDevice(Obj)->getName()) {
    Member = OF->getDecl()->getName().str();
    S = OF->getSuperRegion()->StripCasts();
  }
  const auto *SR = dyn_cast<SymbolicRegion>(S);
  const auto *RV = SR ? dyn_cast<SymbolRegionValue>(SR->getSymbol()) : nullptr;
  const auto *VR = RV ? dyn_cast<VarRegion>(RV->getRegion()) : nullptr;
  P = VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
  return P != nullptr;
}

// The field whose value R's object was loaded from, if R is that object or
// is in it (&priv->dsp->dev, &h->ctxs[i].dev, priv->cells[i]): one load,
// not a chain (priv->dev in a priv loaded from a field is not priv's).
const FieldDecl *objectField(const MemRegion *R) {
  const auto *SR = R ? dyn_cast<SymbolicRegion>(R->getBaseRegion()) : nullptr;
  if (!SR)
    return nullptr;
  const MemRegion *From = nullptr;
  if (const auto *RV = dyn_cast<SymbolRegionValue>(SR->getSymbol()))
    From = RV->getRegion();
  else if (const auto *D = dyn_cast<SymbolDerived>(SR->getSymbol()))
    From = D->getRegion();
  else if (const auto *CS = dyn_cast<SymbolConjured>(SR->getSymbol())) {
    // An element of an array field at a symbolic index (h->chan[idx])
    // loads as a conjured symbol, which keeps only the expression: read
    // the field from it.  (Not a pointer field: its elements are another
    // object's.)
    const auto *E = dyn_cast_or_null<Expr>(CS->getStmt());
    const auto *AS = E ? dyn_cast<ArraySubscriptExpr>(E->IgnoreParenImpCasts())
                       : nullptr;
    const auto *ME = AS ? dyn_cast<MemberExpr>(AS->getBase()->IgnoreParenImpCasts())
                        : nullptr;
    return ME && ME->getType()->isArrayType()
               ? dyn_cast<FieldDecl>(ME->getMemberDecl())
               : nullptr;
  }
  if (const auto *ER = dyn_cast_or_null<ElementRegion>(From))
    From = ER->getSuperRegion();
  const auto *FR = dyn_cast_or_null<FieldRegion>(From);
  return FR ? FR->getDecl() : nullptr;
}

// Is the struct that holds the lock defined in the main file (struct
// iommu_group in iommu.c)?  Then no other file can take it.
bool privateLock(const MemRegion *R, const SourceManager &SM) {
  const auto *FR = dyn_cast_or_null<FieldRegion>(R);
  return FR && SM.isInMainFile(FR->getDecl()->getParent()->getLocation());
}

// One (slot, argument, lock) seen at a call through a function pointer.
struct SlotSeen {
  unsigned Held = 0, Unheld = 0;
};

// One return of a top-level function, for inconsistent returns.
struct ReturnSeen {
  bool Held;
  bool ForCallers; // released here while held by this function's callers
  const Stmt *At;
  std::string Value; // concrete return value, "" if unknown or void
  PathDiagnosticLocation Loc;
  bool MayBeNegative = false; // "nz": a checked value, maybe an errno
  std::string Lock;           // the lock, as the report names it
  bool Plain = false;         // a mutex other than the device and group locks
  const Expr *By = nullptr;   // the lock call's argument
  // "?": the value's symbol and what the path knows of its range (a
  // parameter's "count" returned as it came: the same to the caller
  // whichever return it took)
  SymbolRef Sym = nullptr;
  std::string Range;
  // a pointer to the object whose device lock this is (h1x_lock_logical()
  // returning h->hdev locked): its callers unlock through what they got
  bool ReturnsObject = false;
  bool OfParam = false; // a lock of a parameter's device: its callers have it
};

class IommuLockChecker
    : public Checker<check::BeginFunction, check::PreCall, check::PostCall,
                     eval::Call, check::PostStmt<DeclStmt>,
                     check::EndFunction, check::EndAnalysis,
                     check::EndOfTranslationUnit, check::LiveSymbols> {
public:
  enum Sub { DevLock, GroupMutex, Imbalance, DmaBus, NumSubs };
  bool Enabled[NumSubs] = {};
  CheckerNameRef Names[NumSubs];
  std::string SummaryDir;
  // Pass 1: only the summary, and of the paths only the lock functions'.
  bool Pass1 = false;

  void checkBeginFunction(CheckerContext &C) const;
  void checkLiveSymbols(ProgramStateRef St, SymbolReaper &SR) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostStmt(const DeclStmt *DS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                        ExprEngine &Eng) const;
  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;

private:
  mutable bool Indexed = false;
  mutable TUIndex Index;
  mutable std::unique_ptr<BugType> BT[NumSubs];
  // Calls through function-pointer slots: "struct.field" -> lock -> seen.
  mutable std::map<std::string, std::map<SlotLock, SlotSeen>> Slots;
  // Returns of the function being analysed: lock path -> returns.
  mutable std::map<std::string, std::vector<ReturnSeen>> Returns;
  mutable std::map<std::string, const MemRegion *> ReturnLocks; // key -> lock
  mutable const FunctionDecl *ReturnsOf = nullptr;
  mutable unsigned NumReturns = 0;
  mutable std::vector<std::string> ReturnValues; // ReturnSeen::Value, each
  // Returns of the static functions inlined into it: the analyzer never
  // analyses those on their own.
  mutable std::map<const FunctionDecl *,
                   std::map<std::string, std::vector<ReturnSeen>>>
      InlinedReturns;
  mutable llvm::DenseMap<const FunctionDecl *, bool> AsmGoto;

  bool hasAsmGoto(const FunctionDecl *FD) const;

  TUIndex &index(ASTContext &Ctx) const;
  bool notErrContract(const std::vector<ReturnSeen> &Rets) const;
  void summariseReturnedLock(const FunctionDecl *FD,
                             const std::vector<ReturnSeen> &Rets,
                             ASTContext &Ctx) const;
  void summariseAcquire(const FunctionDecl *FD,
                        const std::map<std::string, std::vector<ReturnSeen>> &Taken,
                        ASTContext &Ctx) const;
  BugType &bugType(Sub S) const;
  ExplodedNode *report(Sub S, CheckerContext &C, ProgramStateRef St,
                       const Twine &Msg, const MemRegion *Lock, const Stmt *At,
                       ExplodedNode *Pred = nullptr) const;
  ProgramStateRef sweepGuards(ProgramStateRef St, const LocationContext *LC,
                              const Stmt *Cur) const;
  bool isHeld(ProgramStateRef St, const MemRegion *R) const;
  const FunctionDecl *topFunction(CheckerContext &C) const;
  bool callersDecide(CheckerContext &C, ProgramStateRef St,
                     const MemRegion *R) const;
  void passToCallers(CheckerContext &C, const MemRegion *R) const;
  ProgramStateRef assumeOnEntry(ProgramStateRef St, CheckerContext &C,
                                const ParmVarDecl *P, LockKind K) const;
  void observeSlotCall(const CallEvent &Call, CheckerContext &C,
                       ProgramStateRef St) const;
  std::string pattern(const MemRegion *L, ProgramStateRef St,
                      const FunctionDecl *Top, const TUIndex &X,
                      std::string &Detail) const;
  void observeHandedDevice(const CallEvent &Call, const FunctionDecl *FD,
                           CheckerContext &C, ProgramStateRef St) const;
  bool groupRequiredByFrame(CheckerContext &C) const;
  bool modelled(const FunctionDecl *FD, CheckerContext &C) const;
  void acquire(const CallEvent &Call, const Rule &R, CheckerContext &C,
               ArrayRef<Rule> With = {}) const;
  void acquireReturned(const CallEvent &Call, AcquireHow How,
                       CheckerContext &C) const;
  void release(const CallEvent &Call, const Rule &R, CheckerContext &C,
               ArrayRef<Rule> With = {}) const;
  std::string recordReturn(std::map<std::string, std::vector<ReturnSeen>> &Into,
                    const ReturnStmt *RS, CheckerContext &C,
                    ProgramStateRef St) const;
  void reportInconsistent(
      const FunctionDecl *FD,
      const std::map<std::string, std::vector<ReturnSeen>> &Taken,
      BugReporter &BR) const;
  bool heldForEvent(CheckerContext &C, ProgramStateRef St,
                    const FunctionDecl *Top) const;
  void checkRequirement(const CallEvent &Call, StringRef Name, const Rule &R,
                        CheckerContext &C, ProgramStateRef &St,
                        ExplodedNode *&N) const;
  void checkDmaConfigure(const CallEvent &Call, StringRef Name,
                         CheckerContext &C, ProgramStateRef St,
                         ExplodedNode *&N) const;
};

TUIndex &IommuLockChecker::index(ASTContext &Ctx) const {
  if (!Indexed) {
    Indexed = true;
    Index.build(Ctx, SummaryDir);
  }
  return Index;
}

BugType &IommuLockChecker::bugType(Sub S) const {
  static const char *Desc[NumSubs] = {
      "Call requires device_lock()", "Call requires the iommu group mutex",
      "Lock imbalance", "of/acpi_dma_configure() outside bus dma_configure"};
  if (!BT[S])
    BT[S].reset(new BugType(Names[S], Desc[S], "Locking (iommu-lockcheck)"));
  return *BT[S];
}

// The error node carries the path's final state and is the path's next
// node: callers pass it on (Pred) instead of adding a second transition.
ExplodedNode *IommuLockChecker::report(Sub S, CheckerContext &C,
                                       ProgramStateRef St, const Twine &Msg,
                                       const MemRegion *Lock, const Stmt *At,
                                       ExplodedNode *Pred) const {
  if (!Enabled[S] || Pass1)
    return Pred;
  // One tag per report kind: two reports at one call with one state (the
  // dma rule and the lock rule) need two nodes.
  static const SimpleProgramPointTag Tags[NumSubs] = {
      {"iommu-lockcheck", "DeviceLockRequired"},
      {"iommu-lockcheck", "GroupMutexRequired"},
      {"iommu-lockcheck", "LockImbalance"},
      {"iommu-lockcheck", "DmaConfigureOutsideBus"}};
  // A second report of this kind at this call, on the same state (two
  // locks one call needs): the node exists already, and asking for it
  // again would take it off the path's frontier.  Share it.
  ExplodedNode *N =
      Pred && Pred->getState() == St &&
              Pred->getLocation().getTag() == &Tags[S]
          ? Pred
          : C.generateNonFatalErrorNode(St, Pred ? Pred : C.getPredecessor(),
                                        &Tags[S]);
  if (!N)
    return Pred;
  auto R = std::make_unique<PathSensitiveBugReport>(bugType(S), Msg.str(), N);
  if (At)
    R->addRange(At->getSourceRange());
  if (Lock)
    R->markInteresting(Lock);
  C.emitReport(std::move(R));
  return N;
}

// "V op 0" as a condition to assume; none where the analyzer cannot say.
static std::optional<DefinedOrUnknownSVal>
comparedToZero(ProgramStateRef St, SValBuilder &SVB, SVal V,
               BinaryOperatorKind Op, QualType T) {
  return SVB.evalBinOp(St, Op, V, SVB.makeZeroVal(T), SVB.getConditionType())
      .getAs<DefinedOrUnknownSVal>();
}

// Do two lock or unlock calls name the lock alike (or is one unknown)?
// device_lock(dev) and mutex_lock(&dev->mutex) do; &pdev->dev and
// &vf->dev do not, whatever the analyzer thinks pdev is.
static bool sameName(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  auto Name = [&](const Expr *E) {
    std::string T = lockText(E, Ctx);
    StringRef S(T);
    S.consume_front("&");
    if (!S.consume_back("->mutex"))
      S.consume_back(".mutex");
    return S.str();
  };
  return !A || !B || Name(A) == Name(B);
}

// Make St the path's state after an optional error node N.
static void commit(CheckerContext &C, ProgramStateRef St, ExplodedNode *N) {
  if (!N)
    C.addTransition(St);
  else if (N->getState() != St)
    C.addTransition(St, N);
}

// A device lock or group mutex taken again by the thread that holds it:
// the thread sleeps there for good, and nothing after it on the path runs
// (no finding that follows from the lock the guard or unlock then drops).
static void deadlock(CheckerContext &C, ProgramStateRef St, ExplodedNode *N) {
  C.generateSink(St, N ? N : C.getPredecessor());
}

const FunctionDecl *IommuLockChecker::topFunction(CheckerContext &C) const {
  const StackFrameContext *SF = C.getStackFrame();
  while (SF->getParent())
    SF = SF->getParent()->getStackFrame();
  return dyn_cast_or_null<FunctionDecl>(SF->getDecl());
}

// Is a lock on an object the top-level function got from its caller the
// caller's business?
// - not for a device this path created: no caller can hold its lock;
// - yes when the function's contract says so (_locked, "Context:");
// - yes for a function that is only called directly: static ones are
//   analysed inlined in their callers, non-static ones pass the
//   requirement on (summary) -- unless the lock lives in a struct private
//   to this file (struct iommu_group in iommu.c): then only this file can
//   take it, and the requirement stays here;
// - for callbacks and entries, only ENTRY slots, slot contexts and asserts
//   say what their callers hold; one more case is left to the callers: an
//   entry that takes this very lock itself on some other path (cxl's
//   devm_cxl_add_dport() locks a root port itself; for other ports its
//   caller holds the lock).  Not a function stored in a slot: there the
//   slot's context says what its callers hold (a phy_driver's
//   .config_init that locks the PHY for one interface mode only).
bool IommuLockChecker::callersDecide(CheckerContext &C, ProgramStateRef St,
                                     const MemRegion *R) const {
  const FunctionDecl *Top = topFunction(C);
  // Created here, or taken and dropped (a failed trylock, an unlock) on
  // this path: this code manages the lock, its callers cannot hold it.
  if (!Top || !rootedInParam(R) || St->contains<CreatedDevices>(R) ||
      St->get<LockMap>(R))
    return false;
  const TUIndex &X = index(C.getASTContext());
  const FunctionDecl *Canon = Top->getCanonicalDecl();
  if (X.Contract.count(Canon))
    return true;
  // A callback of a slot called under someone else's contract: whatever
  // it needs, the contract's callers provide (or not), not its slot.
  auto Slots = X.SlotsOf.find(Canon);
  if (Slots != X.SlotsOf.end())
    for (const std::string &S : Slots->second)
      if (X.OpenSlots.count(S))
        return true;
  if (!X.entryOrCallback(Top))
    return !Top->isExternallyVisible() ||
           !privateLock(R, C.getSourceManager());
  if (Slots != X.SlotsOf.end())
    return false;
  const ParmVarDecl *P;
  std::string Member;
  LockKind K;
  auto It = X.Takes.find(Canon);
  return lockOfParam(R, P, Member, K) && K == DEV_MUTEX &&
         It != X.Takes.end() &&
         It->second.count({P->getFunctionScopeIndex(), Member});
}

// A non-static function leaves a requirement on its parameter to its
// callers: say so in the summary, for the callers in other files.
void IommuLockChecker::passToCallers(CheckerContext &C,
                                     const MemRegion *R) const {
  const FunctionDecl *Top = topFunction(C);
  const ParmVarDecl *P;
  std::string Member;
  LockKind K;
  if (!Top || !Top->isExternallyVisible() || !Top->getIdentifier() ||
      !lockOfParam(R, P, Member, K))
    return;
  index(C.getASTContext())
      .Summary.insert(Top->getName().str() + " " +
                      std::to_string(P->getFunctionScopeIndex()) + " " +
                      kindName(K) + (Member.empty() ? "" : " " + Member));
}

// guard()/scoped_guard() locks are dropped when control leaves the guard
// variable's scope (clang 16 does not run __cleanup__ functions), i.e. when
// the current statement of the guard's frame is no longer inside Scope.
ProgramStateRef IommuLockChecker::sweepGuards(ProgramStateRef St,
                                              const LocationContext *LC,
                                              const Stmt *Cur) const {
  for (auto &E : St->get<LockMap>()) {
    const LockInfo &I = E.second;
    if (!I.Guard || I.State == Released)
      continue;
    const StackFrameContext *GF =
        cast<VarRegion>(I.Guard)->getStackFrame();
    const StackFrameContext *F = LC->getStackFrame();
    const Stmt *P = Cur;
    while (F && F != GF) {
      P = F->getCallSite();
      F = F->getParent() ? F->getParent()->getStackFrame() : nullptr;
    }
    bool Inside = false;
    if (F && P) {
      const ParentMap &PM = F->getParentMap();
      for (const Stmt *S = P; S; S = PM.getParent(S))
        if (S == I.Scope) {
          Inside = true;
          break;
        }
    } else if (F) {
      Inside = true; // no statement to judge by: keep it
    }
    if (!Inside)
      St = St->set<LockMap>(E.first, LockInfo{Released, nullptr, nullptr, GF});
  }
  return St;
}

// Is the lock's device a pointer loaded from memory: from a struct's field,
// or from a region a call invalidated?  Not a parameter, nor a call's
// result (a device found by a lookup is another device), nor a struct
// device's own link (dev->parent is never dev).
static bool loadedFromMemory(const MemRegion *L) {
  const auto *SR = L ? dyn_cast<SymbolicRegion>(L->getBaseRegion()) : nullptr;
  if (!SR)
    return false;
  SymbolRef S = SR->getSymbol();
  const TypedValueRegion *From = nullptr;
  if (const auto *SD = dyn_cast<SymbolDerived>(S))
    From = SD->getRegion();
  else if (const auto *RV = dyn_cast<SymbolRegionValue>(S))
    From = RV->getRegion();
  const auto *FR = dyn_cast_or_null<FieldRegion>(From);
  if (FR)
    return FR->getDecl()->getParent()->getName() != "device";
  // invalidated: whatever the call may have stored anywhere
  return From && isa<SymbolDerived>(S) && !isa<VarRegion>(From);
}

// The struct a device lock's device is embedded in (pci_dev for
// &pdev->dev), or null: a device known only by its pointer.
static const RecordDecl *deviceContainer(const MemRegion *L) {
  const auto *M = dyn_cast_or_null<FieldRegion>(L);
  const auto *D = M ? dyn_cast<FieldRegion>(M->getSuperRegion()) : nullptr;
  if (!D || !D->getDecl()->getType()->isRecordType())
    return nullptr;
  const RecordDecl *RD = D->getDecl()->getParent();
  return RD->isUnion() ? nullptr : cast<RecordDecl>(RD->getCanonicalDecl());
}

// Is a device lock held on a device that may be OTHER (any, if null), or
// on one read back from memory (vi->dev, taken by a lock helper of the
// driver's own)?  A struct device is embedded in one struct only: two
// embedded in structs of different types are two devices (the PCI
// device a reset callback holds is not its CXL memdev).
static bool deviceLockHeld(ProgramStateRef St, const MemRegion *Other,
                           bool OnlyLoaded = false) {
  const RecordDecl *In = deviceContainer(Other);
  for (auto &E : St->get<LockMap>())
    if (E.second.held() && classify(E.first) == DeviceLock &&
        (!OnlyLoaded || loadedFromMemory(E.first))) {
      const RecordDecl *HeldIn = deviceContainer(E.first);
      if (!In || !HeldIn || In == HeldIn)
        return true;
    }
  return false;
}

// A notifier callback gets its device with the locks the core holds where
// it sends the event (summaries' "@event NAME held": driver_bound() sends
// BUS_NOTIFY_BOUND_DRIVER under the device lock, device_add() sends
// BUS_NOTIFY_ADD_DEVICE without).  May this path's event, a parameter Top
// compares with an enum's values, be one only ever sent held?
bool IommuLockChecker::heldForEvent(CheckerContext &C, ProgramStateRef St,
                                    const FunctionDecl *Top) const {
  const TUIndex &X = index(C.getASTContext());
  if (X.HeldEvents.empty())
    return false;
  const LocationContext *LC = C.getLocationContext();
  while (LC->getParent())
    LC = LC->getParent();
  SValBuilder &SVB = C.getSValBuilder();
  for (const auto &[Arg, ED] : eventParams(Top)) {
    const ParmVarDecl *P = Top->getParamDecl(Arg);
    if (!P->getType()->isIntegralOrEnumerationType())
      continue;
    SVal V = St->getSVal(St->getRegion(P, LC));
    for (const EnumConstantDecl *EC : ED->enumerators()) {
      if (!X.HeldEvents.count(EC->getName().str()))
        continue;
      SVal Eq = SVB.evalBinOp(
          St, BO_EQ, V,
          SVB.makeIntVal(EC->getInitVal().getExtValue(), P->getType()),
          SVB.getConditionType());
      auto D = Eq.getAs<DefinedOrUnknownSVal>();
      if (!D || St->assume(*D, true))
        return true;
    }
  }
  return false;
}

// The path holds L on its callers' word only: no path shows it taken.
static ProgramStateRef supposeHeld(ProgramStateRef St, const MemRegion *L) {
  return St->set<LockMap>(L, LockInfo{Assumed})->add<SupposedHeld>(L);
}

bool IommuLockChecker::isHeld(ProgramStateRef St, const MemRegion *R) const {
  if (const LockInfo *I = St->get<LockMap>(R))
    if (I->held())
      return true;
  if (samePath(St, R))
    return true;
  // dev->iommu_group is a fresh symbol per load, never provably the group
  // whose mutex the caller took: any held group mutex satisfies a group
  // requirement (per-device iommu work under the device's group lock).
  if (classify(R) == GroupLock)
    for (auto &E : St->get<LockMap>())
      if (E.second.held() && classify(E.first) == GroupLock)
        return true;
  return false;
}

// The lock K of parameter P (a struct device *, or a struct embedding one
// as .dev) is held on entry.
ProgramStateRef IommuLockChecker::assumeOnEntry(ProgramStateRef St,
                                                CheckerContext &C,
                                                const ParmVarDecl *P,
                                                LockKind K) const {
  QualType T = P->getType();
  if (!T->isPointerType())
    return St;
  SVal V = St->getSVal(St->getRegion(P, C.getLocationContext()));
  std::optional<std::string> Member = deviceMemberPath(T);
  if (!Member)
    return St;
  const MemRegion *L = lockRegion(St, V, T, K, *Member);
  if (K == DEV_GROUP_MUTEX && !L) {
    // The group pointer is unknown until loaded: name a group lock the
    // requirement will accept (any held group mutex satisfies it).
    return St;
  }
  if (L && classify(L) != OtherLock)
    St = St->set<LockMap>(L, LockInfo{Assumed});
  return St;
}

void IommuLockChecker::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (!FD)
    return;
  const TUIndex &X = index(C.getASTContext());
  const FunctionDecl *Canon = FD->getCanonicalDecl();
  ProgramStateRef St = C.getState();
  // Pass 1 writes what the AST says, and what only paths say of a lock
  // function that returns holding the lock on some paths (held iff 1:
  // pci_dev_trylock()): its callers in other files need it.
  if (Pass1 && !(FD->isExternallyVisible() && X.LocksDevice.count(Canon))) {
    C.generateSink(St, C.getPredecessor());
    return;
  }
  // The driver core holds device_lock() of the callback's device.
  auto It = X.Entry.find(Canon);
  if (It != X.Entry.end() && It->second < FD->getNumParams())
    St = assumeOnEntry(St, C, FD->getParamDecl(It->second), DEV_MUTEX);
  for (const SlotLock &L : X.slotEntryLocks(Canon))
    if (L.Arg < FD->getNumParams())
      St = assumeOnEntry(St, C, FD->getParamDecl(L.Arg), L.Kind);
  // A notifier callback's event: judged where a device lock is missing.
  if (!X.HeldEvents.empty())
    for (const auto &E : eventParams(FD))
      if (SymbolRef Sym =
              St->getSVal(St->getRegion(FD->getParamDecl(E.first),
                                        C.getLocationContext()))
                  .getAsSymbol())
        St = St->add<EventSymbols>(Sym);
  // A device handed in through a table by the code that created it.
  auto Cr = X.CreatedParam.find(Canon);
  if (Cr != X.CreatedParam.end())
    for (unsigned A : Cr->second) {
      const ParmVarDecl *P = FD->getParamDecl(A);
      SVal V = St->getSVal(St->getRegion(P, C.getLocationContext()));
      std::string Member = deviceMemberPath(P->getType()).value_or("");
      if (const MemRegion *L =
              lockRegion(St, V, P->getType(), DEV_MUTEX, Member))
        St = St->add<CreatedDevices>(L);
    }
  if (St != C.getState())
    C.addTransition(St);
}

void IommuLockChecker::checkLiveSymbols(ProgramStateRef St,
                                        SymbolReaper &SR) const {
  for (SymbolRef Sym : St->get<EventSymbols>())
    SR.markLive(Sym);
}

void IommuLockChecker::checkRequirement(const CallEvent &Call, StringRef Name,
                                        const Rule &R, CheckerContext &C,
                                        ProgramStateRef &St,
                                        ExplodedNode *&N) const {
  if (R.Arg >= Call.getNumArgs())
    return;
  const Expr *AE = Call.getArgExpr(R.Arg);
  const MemRegion *L =
      lockRegion(St, Call.getArgSVal(R.Arg), AE ? AE->getType() : QualType(),
                 R.Kind, R.Member);
  LockClass LC = classify(L);
  if (LC == OtherLock || isHeld(St, L))
    return;
  if (callersDecide(C, St, L)) {
    // From here on the path is treated as holding it, as its callers do.
    St = supposeHeld(St, L);
    passToCallers(C, L);
    return;
  }
  std::string Arg = memberText(exprText(AE, C.getASTContext()),
                               AE ? AE->getType() : QualType(), R.Member);
  const FunctionDecl *Top = topFunction(C);
  // The top function locks this very device on some other path and this
  // path never touched it: whether it needs it is the contract of a flag
  // ("if (lock) device_lock(&found_dev->dev)"), its callers' business.
  if (LC == DeviceLock && Top && !St->get<LockMap>(L)) {
    const TUIndex &X = index(C.getASTContext());
    auto T = X.LockTexts.find(Top->getCanonicalDecl());
    std::string Mine = Arg;
    Mine.erase(std::remove_if(Mine.begin(), Mine.end(), ::isspace), Mine.end());
    std::string Embedded = "&" + Mine + "->dev";
    if (T != X.LockTexts.end() &&
        (T->second.count(Mine) || T->second.count(Embedded))) {
      St = supposeHeld(St, L);
      return;
    }
  }
  // A device read back from memory (tx->dev after mutex_init(&tx->lock)
  // invalidated tx, dev_get_drvdata(dev)->alt->dev) while a device lock is
  // held: it may well be the locked device (probe stored it there), and no
  // path shows which.  Left unreported: a finding must be true.  So is
  // one in a callback that only an API of another file calls back, which
  // this file calls with a device lock held (i3c_master_register() from a
  // probe calling ->bus_init()): the analyzer sees no such path.
  if (LC == DeviceLock && loadedFromMemory(L) &&
      (deviceLockHeld(St, L) ||
       index(C.getASTContext()).apiCalledLocked(Top)))
    return;
  // So is a device that a function the analyzer did not see into made of
  // a device of another type (i3cdev_to_dev(i3cdev)), under a lock.
  if (LC == DeviceLock && returnedForDevice(L, C.getASTContext()) &&
      deviceLockHeld(St, L))
    return;
  // And the other way round: the lock held is on a device read back from
  // memory (a lock helper on vi->dev, whose probe stored &vdev->dev
  // there), which may well be this one.
  if (LC == DeviceLock && deviceLockHeld(St, L, /*OnlyLoaded=*/true))
    return;
  // A notifier callback's device on a path whose event the core may send
  // with that device locked: not provably unheld.
  if (LC == DeviceLock && Top && rootedInParam(L) && heldForEvent(C, St, Top)) {
    St = supposeHeld(St, L);
    return;
  }
  std::string Where = Top ? Top->getNameAsString() : "?";
  if (LC == DeviceLock)
    N = report(DevLock, C, St,
           Name + "() requires device_lock(" + Arg +
               "), which is not held on this path (from " + Where +
               "()) [device-lock-required]",
           L, Call.getOriginExpr(), N);
  else
    N = report(GroupMutex, C, St,
           Name + "() requires the iommu group mutex of '" + Arg +
               "', which is not held on this path (from " + Where +
               "()) [group-mutex-required]",
           L, Call.getOriginExpr(), N);
}

// The parameter of Top whose own device L is (&p->dev, or p itself), if
// any: not a device a member of the parameter points to (its parent, a
// stolen one).
static const ParmVarDecl *ownDeviceParam(const MemRegion *L,
                                         const FunctionDecl *Top) {
  const ParmVarDecl *P = nullptr;
  std::string Member;
  LockKind K;
  if (!L || !lockOfParam(L, P, Member, K) || K != DEV_MUTEX ||
      Member != deviceMemberPath(P->getType()))
    return nullptr;
  const auto *Of = dyn_cast<FunctionDecl>(P->getDeclContext());
  return Of && Of->getCanonicalDecl() == Top->getCanonicalDecl() ? P : nullptr;
}

// Which of the seed's three patterns device L is on this path of Top: the
// probed device re-pointed, a device this code created, or someone else's
// device.  Detail: how a created one is known, for the message.
std::string IommuLockChecker::pattern(const MemRegion *L, ProgramStateRef St,
                                      const FunctionDecl *Top,
                                      const TUIndex &X,
                                      std::string &Detail) const {
  const FunctionDecl *Canon = Top->getCanonicalDecl();
  const LockInfo *I = L ? St->get<LockMap>(L) : nullptr;
  const ParmVarDecl *P = ownDeviceParam(L, Top);
  auto Own = X.OwnDeviceParam.find(Canon);
  const CallExpr *Maker = creatorCall(L);
  const FunctionDecl *MakerFD = Maker ? Maker->getDirectCallee() : nullptr;
  // What every call in the other files hands in (a helper of a module's
  // other file, given the device its caller created).
  std::string Handed = P ? X.handedIn(Top, P->getFunctionScopeIndex()) : "";
  // The device of a callback that the core calls about that device, under
  // its lock: probe, remove, and the slots whose every caller holds it
  // (a driver's resume re-pointing its own device).
  bool CoreHeld = P && X.slotEntryLocks(Canon).count(
                           {P->getFunctionScopeIndex(), DEV_MUTEX});
  bool Probed = (I && I->State == Assumed && (X.Entry.count(Canon) || CoreHeld)) ||
                (P && Own != X.OwnDeviceParam.end() &&
                 Own->second.count(P->getFunctionScopeIndex())) ||
                // (kept in priv->gameport: not priv->gameport->dev.parent)
                X.OwnDeviceFields.count(objectField(L)) ||
                Handed == "probed-device";
  if (Probed)
    return "probed-device";
  if (L && St->contains<CreatedDevices>(L))
    return "created-device";
  if (createsObject(MakerFD) ||
      (MakerFD && MakerFD->getIdentifier() &&
       X.NewElsewhere.count(MakerFD->getName().str()))) {
    Detail = " (by " + MakerFD->getNameAsString() + "())";
    return "created-device";
  }
  if (const FieldDecl *Kept = objectField(L); X.createdField(Kept)) {
    Detail = " (kept in ->" + Kept->getNameAsString() + ")";
    return "created-device";
  }
  if (Handed == "created-device") {
    Detail = " (by the callers of " + Top->getNameAsString() + "())";
    return "created-device";
  }
  return "foreign-device";
}

void IommuLockChecker::checkDmaConfigure(const CallEvent &Call, StringRef Name,
                                         CheckerContext &C, ProgramStateRef St,
                                         ExplodedNode *&N) const {
  // of_dma_configure() is an inline wrapper of of_dma_configure_id().
  if (const auto *Cur = dyn_cast_or_null<FunctionDecl>(
          C.getStackFrame()->getDecl()))
    if (Cur->getIdentifier() && isDmaConfigure(Cur->getName()))
      return;
  const FunctionDecl *Top = topFunction(C);
  TUIndex &X = index(C.getASTContext());
  if (Top && X.BusDmaConfigure.count(Top->getCanonicalDecl())) {
    // Reached inside a bus callback: the front end lets this verdict stand
    // over an engine that judges the file's functions one by one.
    const SourceManager &SM = C.getSourceManager();
    SourceLocation Loc = SM.getExpansionLoc(Call.getSourceRange().getBegin());
    if (SM.isInMainFile(Loc))
      X.Summary.insert("@inbus " + std::to_string(SM.getExpansionLineNumber(Loc)));
    return;
  }
  if (!Top || Call.getNumArgs() == 0)
    return;
  const Expr *AE = Call.getArgExpr(0);
  const MemRegion *L = lockRegion(St, Call.getArgSVal(0),
                                  AE ? AE->getType() : QualType(), DEV_MUTEX);
  // A static helper is judged in its callers, where it is inlined (a bus
  // dma_configure callback may be one of them); one only handed to other
  // files' calls has no caller here, and the call is outside the bus
  // callback whoever holds the lock.
  bool CallersLock = L && callersDecide(C, St, L);
  if (CallersLock && !Top->isExternallyVisible() && !X.entryOrCallback(Top) &&
      !X.HandedOut.count(Top->getCanonicalDecl()))
    return;
  std::string Detail;
  std::string What = pattern(L, St, Top, X, Detail);
  // A device a function of this file is handed by its callers in other
  // files: they say which (@argdev), once they know it re-points it.
  if (const ParmVarDecl *P = ownDeviceParam(L, Top);
      P && Top->getIdentifier() && Top->isExternallyVisible() &&
      !X.Exported.count(Top->getCanonicalDecl()))
    X.Summary.insert("@configures " + Top->getName().str() + " " +
                     std::to_string(P->getFunctionScopeIndex()));
  const LockInfo *I = L ? St->get<LockMap>(L) : nullptr;
  std::string State = "not held";
  if (CallersLock && !isHeld(St, L))
    State = "left to the callers of " + Top->getNameAsString() + "()";
  else if (L && isHeld(St, L))
    State = I && I->State == Assumed && X.Entry.count(Top->getCanonicalDecl())
                ? "held by the driver core (probe)"
                : "held";
  N = report(DmaBus, C, St,
             Name + "() outside bus_type.dma_configure on a " + What + " " +
                 exprText(AE, C.getASTContext()) + Detail + ", device_lock " +
                 State + " [dma-configure-outside-bus]",
             L, Call.getOriginExpr(), N);
}

// Is the call inside a function whose own requirement is a group mutex?
// Then the core's contract for the call is that requirement; a caller that
// breaks it is reported at its call (seed 004: iommu_deferred_attach()
// calling __iommu_attach_device(), which calls ->attach_dev()).
bool IommuLockChecker::groupRequiredByFrame(CheckerContext &C) const {
  const TUIndex &X = index(C.getASTContext());
  for (const LocationContext *LC = C.getLocationContext(); LC;
       LC = LC->getParent())
    if (X.requiresGroupMutex(dyn_cast_or_null<FunctionDecl>(LC->getDecl())))
      return true;
  return false;
}

// A call through a function pointer stored in a struct field: which locks
// of its device arguments does this caller hold?  Written to the summary,
// they become the entry context of every function stored in that slot.
void IommuLockChecker::observeSlotCall(const CallEvent &Call,
                                       CheckerContext &C,
                                       ProgramStateRef St) const {
  const auto *CE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  const auto *ME = CE ? dyn_cast<MemberExpr>(
                            CE->getCallee()->IgnoreParenImpCasts())
                      : nullptr;
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  // (pass 1 sees the lock functions' calls only: the TU's text says more)
  if (!F || SummaryDir.empty() || Pass1)
    return;
  std::string Slot = slotName(F);
  for (unsigned A = 0; A < CE->getNumArgs(); ++A) {
    QualType T = CE->getArg(A)->getType();
    if (!isDevicePointer(T))
      continue;
    std::string Member = deviceMemberPath(T).value_or("");
    for (LockKind K : {DEV_MUTEX, DEV_GROUP_MUTEX}) {
      const MemRegion *L = lockRegion(St, Call.getArgSVal(A), T, K, Member);
      if (!L)
        continue;
      SlotSeen &S = Slots[Slot][{A, K}];
      if (isHeld(St, L) || (K == DEV_GROUP_MUTEX && groupRequiredByFrame(C)))
        S.Held++;
      else if (!callersDecide(C, St, L))
        S.Unheld++;
    }
  }
}

void IommuLockChecker::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  ProgramStateRef St0 = C.getState();
  if (!FD) {
    // A guard whose scope has ended holds nothing at this call.
    observeSlotCall(Call, C,
                    sweepGuards(St0, C.getLocationContext(),
                                Call.getOriginExpr()));
    return;
  }
  if (!FD->getIdentifier())
    return;
  StringRef Name = FD->getName();
  ProgramStateRef St =
      sweepGuards(St0, C.getLocationContext(), Call.getOriginExpr());
  ExplodedNode *N = nullptr;
  if (isDmaConfigure(Name))
    checkDmaConfigure(Call, Name, C, St, N);
  const TUIndex &X = index(C.getASTContext());
  auto It = X.Requires.find(Name.str());
  // An assert function's own body asserts: it states a lock, needs none.
  // Inside an inlined function that requires locks itself (of_dma_configure()
  // wrapping of_dma_configure_id()), its call site was already judged.
  bool Judged = false;
  for (const LocationContext *LC = C.getLocationContext(); LC->getParent();
       LC = LC->getParent())
    if (const auto *F = dyn_cast_or_null<FunctionDecl>(LC->getDecl()))
      Judged |= F->getIdentifier() && X.Requires.count(F->getName().str());
  if (It != X.Requires.end() && !assertRules().count(Name) && !Judged)
    for (const Rule &R : It->second)
      checkRequirement(Call, Name, R, C, St, N);
  if (X.ConfiguresParam.count(Name.str()))
    observeHandedDevice(Call, FD, C, St);
  if (St != St0 || N)
    commit(C, St, N);
}

// A call of a function of another file that re-points the device of its
// parameter (@configures): which pattern that device is here, for the
// summary (@argdev), where the definer reads what its callers hand in.
void IommuLockChecker::observeHandedDevice(const CallEvent &Call,
                                           const FunctionDecl *FD,
                                           CheckerContext &C,
                                           ProgramStateRef St) const {
  TUIndex &X = index(C.getASTContext());
  const FunctionDecl *Top = topFunction(C);
  if (!Top)
    return;
  for (unsigned A : X.ConfiguresParam.find(FD->getName().str())->second) {
    if (A >= Call.getNumArgs() || A >= FD->getNumParams())
      continue;
    QualType T = FD->getParamDecl(A)->getType();
    std::string Member = deviceMemberPath(T).value_or("");
    const MemRegion *L = lockRegion(St, Call.getArgSVal(A), T, DEV_MUTEX, Member);
    std::string Detail;
    if (L)
      X.Summary.insert("@argdev " + FD->getName().str() + " " +
                       std::to_string(A) + " " + pattern(L, St, Top, X, Detail));
  }
}

// Does evalCall() model calls to FD: a rule of the table, or a lock,
// unlock or converter function of another file's summary?
bool IommuLockChecker::modelled(const FunctionDecl *FD,
                                CheckerContext &C) const {
  StringRef Name = FD->getName();
  const TUIndex &X = index(C.getASTContext());
  return acquireRules().count(Name) || releaseRules().count(Name) ||
         assertRules().count(Name) || Name == "lock_is_held" ||
         X.Acquires.count(Name.str()) || X.Releases.count(Name.str()) ||
         X.Converts.count(Name.str());
}

// A call the analyzer did not see into got a held mutex's holder (or the
// mutex): see HandedOff.  A global mutex needs no argument to be reached.
// Is a plain mutex held on this path?  (Most paths hold none: handOff()
// and its lookups are then not needed at each call.)
static bool holdsPlainMutex(ProgramStateRef St) {
  for (auto &E : St->get<LockMap>())
    if (E.second.held() && classify(E.first) == OtherLock)
      return true;
  return false;
}

static ProgramStateRef handOff(ProgramStateRef St, const CallEvent &Call) {
  for (auto &E : St->get<LockMap>()) {
    if (!E.second.held() || classify(E.first) != OtherLock ||
        St->contains<HandedOff>(E.first))
      continue;
    bool Gone = isa<GlobalsSpaceRegion>(E.first->getMemorySpace());
    for (unsigned I = 0; !Gone && I < Call.getNumArgs(); I++) {
      const MemRegion *A = Call.getArgSVal(I).getAsRegion();
      if (!A)
        continue;
      A = canon(A->StripCasts());
      // the lock itself, or a struct it is a member of
      for (const MemRegion *R = E.first; R && !Gone;) {
        Gone = canon(R) == A;
        if (!isa<FieldRegion, ElementRegion>(R))
          break;
        R = cast<SubRegion>(R)->getSuperRegion();
      }
    }
    if (Gone)
      St = St->add<HandedOff>(E.first);
  }
  return St;
}

void IommuLockChecker::checkPostCall(const CallEvent &Call,
                                     CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  bool Named = FD && FD->getIdentifier();
  ProgramStateRef St = C.getState();
  // (a call through a function pointer the analyzer did not resolve too)
  if (!C.wasInlined && holdsPlainMutex(St) && (!Named || !modelled(FD, C)))
    St = handOff(St, Call);
  // device_initialize(dev): dev is being created on this path.
  unsigned A;
  if (Named && createsDevice(FD->getName(), A) && A < Call.getNumArgs()) {
    const Expr *AE = Call.getArgExpr(A);
    if (const MemRegion *L = lockRegion(St, Call.getArgSVal(A),
                                        AE ? AE->getType() : QualType(),
                                        DEV_MUTEX))
      St = St->add<CreatedDevices>(L);
  }
  if (St != C.getState())
    C.addTransition(St);
}

// Locking or unlocking through a NULL pointer dereferences it: a path on
// which the argument is NULL is infeasible (typically a to_foo() WARN path
// whose condition an unknown call made look different the second time).
static ProgramStateRef nonNullArg(ProgramStateRef St, const CallEvent &Call,
                                  unsigned Arg) {
  if (auto DV = Call.getArgSVal(Arg).getAs<DefinedOrUnknownSVal>())
    if (DV->getAs<Loc>())
      return St->assume(*DV, true);
  return St;
}

// Taking a lock makes visible what the thread that dropped it wrote: the
// flags of the object the lock lives in are read afresh ("if (!cl->active)"
// checked again under the lock).  Its pointers are kept: which device is
// which does not change while a lock is taken.
static ProgramStateRef rereadUnderLock(ProgramStateRef St, const MemRegion *L,
                                       const Expr *CE, CheckerContext &C) {
  const FieldRegion *Top = nullptr;
  for (const MemRegion *R = L; R && isa<FieldRegion, ElementRegion>(R);
       R = cast<SubRegion>(R)->getSuperRegion())
    if (const auto *FR = dyn_cast<FieldRegion>(R))
      Top = FR;
  if (!Top)
    return St;
  MemRegionManager &MRM = C.getSValBuilder().getRegionManager();
  const auto *Object = cast<SubRegion>(Top->getSuperRegion());
  SmallVector<const MemRegion *, 8> Flags;
  for (const FieldDecl *F : Top->getDecl()->getParent()->fields())
    if (F->getType()->isIntegralOrEnumerationType())
      Flags.push_back(MRM.getFieldRegion(F, Object));
  if (Flags.empty())
    return St;
  return St->invalidateRegions(Flags, CE, C.blockCount(), C.getLocationContext(),
                               /*CausesPointerEscape=*/false);
}

// The object whose device a lock row of argument Arg names: the argument
// itself, or the object a pointer member of it points to ("hdev").
static SVal lockedObject(ProgramStateRef St, SVal Arg, const Expr *AE,
                         StringRef Member, QualType Result) {
  StringRef First = Member.split('.').first;
  const MemRegion *R = Arg.getAsRegion();
  if (First.empty() || !R || !AE || !AE->getType()->isPointerType())
    return Arg;
  QualType FT;
  const MemRegion *F =
      fieldOf(St, R->StripCasts(), AE->getType()->getPointeeType(), First, &FT);
  if (F && !FT.isNull() && FT->isPointerType() && isa<FieldRegion>(F))
    return memberValue(St, Arg, cast<FieldRegion>(F));
  // the embedded device itself (return &gp->dev, locked): its address
  if (F && First == Member && !FT.isNull() && FT->isRecordType() &&
      deviceMemberPath(Result) == std::string())
    return loc::MemRegionVal(F);
  return Arg;
}

// The states after a pointer lock function's call whose result is RET:
// where it holds the lock and where it does not.  TRY: held iff not NULL;
// NOT_ERR: held iff not an ERR_PTR() (IS_ERR() answers by ErrPtrResults),
// and never NULL.
static std::pair<ProgramStateRef, ProgramStateRef>
splitPointerLock(ProgramStateRef St, DefinedOrUnknownSVal Ret, AcquireHow How) {
  ProgramStateRef NonNull, Null;
  std::tie(NonNull, Null) = St->assume(Ret);
  SymbolRef S = Ret.getAsLocSymbol();
  if (How != NOT_ERR)
    return {NonNull, Null};
  if (!NonNull || !S)
    return {nullptr, nullptr};
  return {NonNull->set<ErrPtrResults>(S, false),
          NonNull->set<ErrPtrResults>(S, true)};
}

// WITH: the other locks that the same call takes on the same contract (a
// trylock of a device and its parent, held together iff it returns 1).
void IommuLockChecker::acquire(const CallEvent &Call, const Rule &R,
                               CheckerContext &C, ArrayRef<Rule> With) const {
  ProgramStateRef St =
      sweepGuards(C.getState(), C.getLocationContext(), Call.getOriginExpr());
  if (!(St = nonNullArg(St, Call, R.Arg))) {
    C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  const Expr *CE = Call.getOriginExpr();
  const Expr *AE = Call.getArgExpr(R.Arg);
  const MemRegion *L = lockRegion(St, Call.getArgSVal(R.Arg),
                                  AE ? AE->getType() : QualType(), R.Kind,
                                  R.Member);
  std::vector<const MemRegion *> Also;
  for (const Rule &W : With)
    if (W.Arg < Call.getNumArgs()) {
      const Expr *WE = Call.getArgExpr(W.Arg);
      if (const MemRegion *A = lockRegion(St, Call.getArgSVal(W.Arg),
                                          WE ? WE->getType() : QualType(),
                                          W.Kind, W.Member))
        if (A != L)
          Also.push_back(A);
    }
  auto TakeAll = [&](ProgramStateRef S) {
    for (const MemRegion *A : Also)
      S = S->set<LockMap>(A, LockInfo{Held, nullptr, nullptr, C.getStackFrame()})
              ->remove<HandedOff>(A)
              ->remove<SupposedHeld>(A);
    return S;
  };
  const LocationContext *LCtx = C.getLocationContext();
  const auto *Cur = dyn_cast_or_null<FunctionDecl>(LCtx->getDecl());
  bool InGuard = Cur && Cur->getIdentifier() &&
                 Cur->getName().starts_with("class_") &&
                 Cur->getName().ends_with("_constructor");
  bool Twice = false;
  if (L && R.How == ALWAYS) {
    const LockInfo *I = St->get<LockMap>(L);
    // Only where this very function took it (or its callers hold it: no
    // frame): a helper that locks under a
    // condition and one that unlocks under the same condition, re-read
    // after an unknown call, would look like a double lock (dd.c's
    // __device_driver_lock/unlock of the parent, in driver_detach()'s loop).
    Twice = I && I->held() && classify(L) != OtherLock &&
            !St->contains<SupposedHeld>(L) &&
            (InGuard || !I->Frame || I->Frame == C.getStackFrame()) &&
            (InGuard || sameName(I->By, AE, C.getASTContext()));
    // The same guard declaration executed again (a loop): its previous
    // instance went out of scope at the end of the last iteration.
    if (Twice && InGuard && I->Guard) {
      const VarDecl *GV = cast<VarRegion>(I->Guard)->getDecl();
      const Stmt *Site = LCtx->getStackFrame()->getCallSite();
      if (GV->getInit() && GV->getInit()->IgnoreParenImpCasts() == Site)
        Twice = false;
    }
    if (Twice && InGuard) {
      C.addTransition(St->set<LockMap>(L, LockInfo{Again}));
      return;
    }
  }
  if (!L) {
    // Not a lock we can name: evaluate as an opaque call.
    if (!Call.getResultType()->isVoidType())
      St = St->BindExpr(CE, LCtx,
                        C.getSValBuilder().conjureSymbolVal(
                            nullptr, CE, LCtx, Call.getResultType(),
                            C.blockCount()));
    C.addTransition(St);
    return;
  }
  if (R.How == ALWAYS) {
    if (!Call.getResultType()->isVoidType())
      St = St->BindExpr(CE, LCtx, C.getSValBuilder().makeZeroVal(
                                      Call.getResultType()));
    St = TakeAll(St)->set<LockMap>(
        L, LockInfo{Held, nullptr, nullptr, C.getStackFrame(), -1, AE});
    St = rereadUnderLock(St->remove<HandedOff>(L)->remove<SupposedHeld>(L),
                         L, CE, C);
    if (Twice) {
      ExplodedNode *N = report(Imbalance, C, St,
                               "'" + exprText(AE, C.getASTContext()) +
                                   "' acquired while already held on this "
                                   "path [lock-imbalance]",
                               L, CE);
      deadlock(C, St, N);
      return;
    }
    C.addTransition(St);
    return;
  }
  // TRY: held iff non-zero; ZERO_OK: held iff zero; NOT_ERR: held iff not
  // an ERR_PTR().
  DefinedOrUnknownSVal Ret = C.getSValBuilder().conjureSymbolVal(
      nullptr, CE, LCtx, Call.getResultType(), C.blockCount());
  St = St->BindExpr(CE, LCtx, Ret);
  ProgramStateRef NonZero, Zero;
  std::tie(NonZero, Zero) = St->assume(Ret);
  ProgramStateRef Got = R.How == TRY ? NonZero : Zero;
  ProgramStateRef Failed = R.How == TRY ? Zero : NonZero;
  if (R.How == NOT_ERR) {
    std::tie(Got, Failed) = splitPointerLock(St, Ret, NOT_ERR);
    if (!Got && !Failed) {
      C.addTransition(St);
      return;
    }
  }
  SValBuilder &SVB = C.getSValBuilder();
  // A trylock succeeds with 1, never below zero: a wrapper that returns its
  // result does not return an errno with the lock held.
  if (R.How == TRY && Got && Ret.getAs<NonLoc>())
    if (auto Pos = comparedToZero(Got, SVB, Ret, BO_GT, Call.getResultType()))
      Got = Got->assume(*Pos, true);
  // _interruptible/_killable fail with a negative errno, never above zero
  // ("if (ret < 0) return ret;" is a complete check).
  if (R.How == ZERO_OK && Failed && Ret.getAs<NonLoc>())
    if (auto Neg = comparedToZero(Failed, SVB, Ret, BO_LT, Call.getResultType()))
      Failed = Failed->assume(*Neg, true);
  // A lock function that returns the object it locked (h1x_lock_logical()
  // returns h->hdev): what its caller got is that object, and the caller
  // unlocks through it.
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (Got && (R.How == TRY || R.How == NOT_ERR) &&
      Call.getResultType()->isPointerType() && Callee &&
      Callee->getIdentifier() &&
      index(C.getASTContext()).ReturnsLocked.count(Callee->getName().str()))
    if (auto Obj = lockedObject(Got, Call.getArgSVal(R.Arg), AE, R.Member,
                                Call.getResultType())
                       .getAs<DefinedSVal>())
      if ((Got = Got->assume(*Obj, true))) {
        Got = Got->BindExpr(CE, LCtx, *Obj);
        if (SymbolRef S = R.How == NOT_ERR ? Obj->getAsLocSymbol() : nullptr)
          Got = Got->set<ErrPtrResults>(S, false);
      }
  if (Got)
    C.addTransition(rereadUnderLock(
        TakeAll(Got)->set<LockMap>(L, LockInfo{Held, nullptr, nullptr, C.getStackFrame()})
            ->remove<HandedOff>(L)
            ->remove<SupposedHeld>(L),
        L, CE, C));
  if (Failed) {
    Also.push_back(L);
    for (const MemRegion *A : Also) {
      const LockInfo *I = Failed->get<LockMap>(A);
      if (!I || !I->held())
        Failed = Failed->set<LockMap>(
            A, LockInfo{Released, nullptr, nullptr, C.getStackFrame()});
    }
    C.addTransition(Failed);
  }
}

// A lock function of another file whose lock is the device of the object
// it returns (a lookup that hands back locked the device it found): held
// iff what the caller got is not NULL (TRY) or not an ERR_PTR() (NOT_ERR).
void IommuLockChecker::acquireReturned(const CallEvent &Call, AcquireHow How,
                                       CheckerContext &C) const {
  ProgramStateRef St =
      sweepGuards(C.getState(), C.getLocationContext(), Call.getOriginExpr());
  const Expr *CE = Call.getOriginExpr();
  const LocationContext *LCtx = C.getLocationContext();
  QualType RT = Call.getResultType();
  DefinedOrUnknownSVal Ret = C.getSValBuilder().conjureSymbolVal(
      nullptr, CE, LCtx, RT, C.blockCount());
  St = St->BindExpr(CE, LCtx, Ret);
  ProgramStateRef Got, Failed;
  std::tie(Got, Failed) = splitPointerLock(St, Ret, How);
  if (!Got && !Failed) {
    C.addTransition(St);
    return;
  }
  std::optional<std::string> Own = deviceMemberPath(RT);
  const MemRegion *L =
      Got && Own ? lockRegion(Got, Ret, RT, DEV_MUTEX, *Own) : nullptr;
  if (Got && L)
    Got = Got->set<LockMap>(L, LockInfo{Held, nullptr, nullptr, C.getStackFrame()});
  if (Got)
    C.addTransition(Got);
  if (Failed)
    C.addTransition(Failed);
}

// WITH: the other locks that the same call drops (a device and its parent).
void IommuLockChecker::release(const CallEvent &Call, const Rule &R,
                               CheckerContext &C, ArrayRef<Rule> With) const {
  ProgramStateRef St =
      sweepGuards(C.getState(), C.getLocationContext(), Call.getOriginExpr());
  if (!(St = nonNullArg(St, Call, R.Arg))) {
    C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  SmallVector<Rule, 2> All{R};
  All.append(With.begin(), With.end());
  const Expr *UnheldBy = nullptr;
  const MemRegion *UnheldLock = nullptr;
  for (const Rule &Each : All) {
    if (Each.Arg >= Call.getNumArgs())
      continue;
    const Expr *AE = Call.getArgExpr(Each.Arg);
    const MemRegion *L = lockRegion(St, Call.getArgSVal(Each.Arg),
                                    AE ? AE->getType() : QualType(), Each.Kind,
                                    Each.Member);
    if (!L)
      continue;
    const LockInfo *I = St->get<LockMap>(L);
    if (!I || !I->held())
      if (const MemRegion *Same = samePath(St, L)) {
        L = Same;
        I = St->get<LockMap>(L);
      }
    if (!I && rootedInParam(L))
      St = St->add<ReleasedForCallers>(L);
    // Released here after a release in this same function (not in a helper
    // whose condition was re-read: see acquire()).
    if (I && I->State == Released && classify(L) != OtherLock &&
        I->Frame == C.getStackFrame() && sameName(I->By, AE, C.getASTContext()) &&
        !UnheldLock) {
      UnheldBy = AE;
      UnheldLock = L;
    }
    // Keep the frame that took it: its returns are compared.
    St = St->set<LockMap>(
        L, LockInfo{Released, nullptr, nullptr,
                    I && I->held() ? I->Frame : C.getStackFrame(), -1, AE});
  }
  ExplodedNode *N = nullptr;
  if (UnheldLock)
    N = report(Imbalance, C, St,
               "'" + exprText(UnheldBy, C.getASTContext()) +
                   "' released while not held on this path [lock-imbalance]",
               UnheldLock, Call.getOriginExpr());
  commit(C, St, N);
}

// Does FD's body contain an asm goto (the kernel's static branches:
// arch_static_branch() under dev_dbg() with CONFIG_DYNAMIC_DEBUG)?  The
// analyzer ends a path at an asm goto, so every finding after the first
// dev_dbg() would be lost.
bool IommuLockChecker::hasAsmGoto(const FunctionDecl *FD) const {
  auto It = AsmGoto.find(FD);
  if (It != AsmGoto.end())
    return It->second;
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitGCCAsmStmt(GCCAsmStmt *S) {
      Found |= S->isAsmGoto();
      return !Found;
    }
  } F;
  if (FD->getBody())
    F.TraverseStmt(FD->getBody());
  return AsmGoto[FD] = F.Found;
}

bool IommuLockChecker::evalCall(const CallEvent &Call,
                                CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const Expr *CE = Call.getOriginExpr();
  if (!FD || !FD->getIdentifier() || !CE)
    return false;
  // A function around an asm goto: its value, unknown; it touches nothing
  // the lock model tracks.
  if (const FunctionDecl *Def = FD->getDefinition())
    if (hasAsmGoto(Def)) {
      ProgramStateRef St = C.getState();
      if (!Call.getResultType()->isVoidType())
        St = St->BindExpr(CE, C.getLocationContext(),
                          C.getSValBuilder().conjureSymbolVal(
                              nullptr, CE, C.getLocationContext(),
                              Call.getResultType(), C.blockCount()));
      C.addTransition(St);
      return true;
    }
  StringRef Name = FD->getName();
  if ((Name == "IS_ERR" || Name == "IS_ERR_OR_NULL") && Call.getNumArgs() == 1)
    if (SymbolRef S = Call.getArgSVal(0).getAsLocSymbol())
      if (const bool *IsErr = C.getState()->get<ErrPtrResults>(S)) {
        C.addTransition(C.getState()->BindExpr(
            CE, C.getLocationContext(),
            C.getSValBuilder().makeTruthVal(*IsErr, Call.getResultType())));
        return true;
      }
  auto A = acquireRules().find(Name);
  if (A != acquireRules().end() && A->second.Arg < Call.getNumArgs()) {
    acquire(Call, A->second, C);
    return true;
  }
  // A lock function of another file (its summary's "@acquires").
  const TUIndex &X = index(C.getASTContext());
  auto SA = X.Acquires.find(Name);
  if (SA != X.Acquires.end() && !FD->getDefinition()) {
    const Rule &R = SA->second.front();
    if (R.Arg == ReturnedArg && (R.How == TRY || R.How == NOT_ERR) &&
        Call.getResultType()->isPointerType()) {
      acquireReturned(Call, R.How, C);
      return true;
    }
    if (R.Arg < Call.getNumArgs()) {
      acquire(Call, R, C, ArrayRef<Rule>(SA->second).drop_front());
      return true;
    }
  }
  auto Rl = releaseRules().find(Name);
  if (Rl != releaseRules().end() && Rl->second.Arg < Call.getNumArgs()) {
    release(Call, Rl->second, C);
    return true;
  }
  // A converter of another file: the struct around its argument.
  auto Cv = X.Converts.find(Name);
  if (Cv != X.Converts.end() && !FD->getDefinition() &&
      Cv->second.first < Call.getNumArgs()) {
    const MemRegion *A = Call.getArgSVal(Cv->second.first).getAsRegion();
    const auto *Sub = A ? dyn_cast<SubRegion>(A->StripCasts()) : nullptr;
    if (Sub) {
      ASTContext &Ctx = C.getASTContext();
      SValBuilder &SVB = C.getSValBuilder();
      const ElementRegion *ER =
          C.getStoreManager().getRegionManager().getElementRegion(
              Ctx.CharTy, SVB.makeArrayIndex(-Cv->second.second), Sub, Ctx);
      C.addTransition(C.getState()->BindExpr(CE, C.getLocationContext(),
                                             loc::MemRegionVal(ER)));
      return true;
    }
  }
  // An unlock function of another file (its summary's "@releases").
  auto SR = X.Releases.find(Name);
  if (SR != X.Releases.end() && !FD->getDefinition() &&
      SR->second.front().Arg < Call.getNumArgs()) {
    release(Call, SR->second.front(), C, ArrayRef<Rule>(SR->second).drop_front());
    return true;
  }
  const MemRegion *L = nullptr;
  ProgramStateRef St = C.getState();
  auto As = assertRules().find(Name);
  if (As != assertRules().end() && As->second.Arg < Call.getNumArgs()) {
    const Expr *AE = Call.getArgExpr(As->second.Arg);
    L = lockRegion(St, Call.getArgSVal(As->second.Arg),
                   AE ? AE->getType() : QualType(), As->second.Kind);
  } else if (Name == "lock_is_held" && Call.getNumArgs() == 1) {
    // lockdep_assert_held(l): lock_is_held(&(l)->dep_map); l is the parent.
    if (const auto *FR =
            dyn_cast_or_null<FieldRegion>(Call.getArgSVal(0).getAsRegion()))
      L = canon(FR->getSuperRegion());
    // Report "held" so the lockdep WARN branch is not explored.
    if (!Call.getResultType()->isVoidType())
      St = St->BindExpr(CE, C.getLocationContext(),
                        C.getSValBuilder().makeIntVal(1, Call.getResultType()));
  } else {
    return false;
  }
  if (L) {
    const LockInfo *I = St->get<LockMap>(L);
    if (C.inTopFrame() && (!I || !I->held()))
      St = St->set<LockMap>(L, LockInfo{Assumed});
    else if (!I || !I->held())
      St = St->set<LockMap>(L, LockInfo{Assumed, nullptr, nullptr,
                                        C.getStackFrame(),
                                        I ? int(I->State) : int(NoEntry)});
  }
  C.addTransition(St);
  return true;
}

// guard(cls)(x) / scoped_guard(cls, x): a variable with
// __cleanup__(class_<cls>_destructor).  Its constructor (inlined) took the
// lock; bind the lock to the variable's scope.
void IommuLockChecker::checkPostStmt(const DeclStmt *DS,
                                     CheckerContext &C) const {
  const auto *VD = dyn_cast_or_null<VarDecl>(DS->getSingleDecl());
  const auto *CA = VD ? VD->getAttr<CleanupAttr>() : nullptr;
  if (!CA || !CA->getFunctionDecl() || !CA->getFunctionDecl()->getIdentifier())
    return;
  StringRef Fn = CA->getFunctionDecl()->getName();
  if (!Fn.consume_front("class_") || !Fn.consume_back("_destructor"))
    return;
  // mutex_try, mutex_intr: conditional variants of class mutex.
  const LockKind *K = nullptr;
  size_t Best = 0;
  for (auto &G : guardClasses())
    if (Fn.starts_with(G.getKey()) && G.getKey().size() > Best &&
        (Fn.size() == G.getKey().size() || Fn[G.getKey().size()] == '_')) {
      K = &G.getValue();
      Best = G.getKey().size();
    }
  if (!K)
    return;
  bool Conditional = Fn.size() != Best;
  ProgramStateRef St = C.getState();
  const LocationContext *LCtx = C.getLocationContext();
  const VarRegion *VR = St->getRegion(VD, LCtx);
  SVal V = St->getSVal(VR);
  if (V.isZeroConstant())
    return; // failed conditional guard
  if (Conditional && St->isNull(V).isConstrainedTrue())
    return;
  const MemRegion *L = lockRegion(St, V, VD->getType(), *K);
  if (!L)
    return;
  const LockInfo *I = St->get<LockMap>(L);
  if (Conditional && (!I || !I->held()))
    return;
  bool Twice = I && I->State == Again;
  const Stmt *Scope = LCtx->getParentMap().getParent(DS);
  St = St->set<LockMap>(L, LockInfo{Held, VR, Scope, C.getStackFrame()});
  if (Twice)
    deadlock(C, St,
             report(Imbalance, C, St,
                    "'" + exprText(VD->getInit(), C.getASTContext()) +
                        "' acquired while already held on this path "
                        "[lock-imbalance]",
                    L, DS));
  else
    C.addTransition(St);
}

// What one return of the function of C's frame leaves held, of the locks
// its own code took.
// An ERR_PTR(): written as one (ERR_PTR(ret) is no value the analyzer
// keeps), or a pointer in the errno range.
static bool isErrPtr(const Expr *E, SVal V) {
  if (auto CI = V.getAs<loc::ConcreteInt>()) {
    const llvm::APSInt &P = CI->getValue();
    return P.uge(-llvm::APInt(P.getBitWidth(), 4095));
  }
  const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenCasts());
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD && FD->getIdentifier() &&
         (FD->getName() == "ERR_PTR" || FD->getName() == "ERR_CAST");
}

std::string IommuLockChecker::recordReturn(
    std::map<std::string, std::vector<ReturnSeen>> &Into, const ReturnStmt *RS,
    CheckerContext &C, ProgramStateRef St) const {
  std::string Value, Range;
  bool MayBeNegative = false;
  SymbolRef Sym = nullptr;
  SVal Returned;
  QualType ReturnedTy;
  if (RS && RS->getRetValue()) {
    SVal V = C.getSVal(RS->getRetValue());
    // A trylock's result returned as it is: its symbol is constrained on
    // each path ("0", "nz" for non-zero), not concrete.  Integers, and
    // pointers: a helper that returns its object with the lock held and
    // NULL without it (coredump_store()'s shape) is a trylock too.  (A
    // guard's constructor returns a struct.)
    auto DV = V.getAs<DefinedSVal>();
    QualType RT = RS->getRetValue()->getType();
    Returned = V;
    ReturnedTy = RT;
    bool Int = RT->isIntegralOrEnumerationType() && DV && V.getAs<NonLoc>();
    bool Ptr = RT->isPointerType() && DV && V.getAs<Loc>();
    ProgramStateRef NonZero, Zero;
    if (Int || Ptr)
      std::tie(NonZero, Zero) = St->assume(*DV);
    const llvm::APSInt *K = Int ? C.getSValBuilder().getKnownValue(St, V) : nullptr;
    if (auto CI = V.getAs<nonloc::ConcreteInt>())
      K = &CI->getValue();
    if (K) {
      SmallString<24> Buf;
      K->toString(Buf, 10);
      Value = Buf.str().str();
    } else if ((Int || Ptr) && NonZero && !Zero) {
      Value = "nz";
      auto Neg = Int ? comparedToZero(St, C.getSValBuilder(), V, BO_LT, RT)
                     : std::nullopt;
      MayBeNegative = Neg && St->assume(*Neg, true);
    } else if (Ptr && Zero && !NonZero) {
      Value = "0"; // NULL
    } else {
      Value = "?";
      Sym = V.getAsSymbol();
      if (const RangeSet *R = Sym ? getConstraintMap(St).lookup(Sym) : nullptr) {
        llvm::raw_string_ostream OS(Range);
        R->dump(OS);
      }
    }
    if (Ptr || RT->isPointerType())
      if (isErrPtr(RS->getRetValue(), V))
        Value = "err";
  }
  const SourceManager &SM = C.getSourceManager();
  PathDiagnosticLocation Loc =
      RS ? PathDiagnosticLocation::createBegin(RS, SM, C.getLocationContext())
         : PathDiagnosticLocation::createDeclEnd(C.getLocationContext(), SM);
  // One record per access path: a loop that locks each element in turn
  // and returns the one it kept (fns[i]) holds that element here, not
  // the ones earlier iterations dropped.
  std::map<std::string, size_t> Recorded;
  for (auto &E : St->get<LockMap>()) {
    // Only locks taken by this function's own code: a helper that locks
    // under a condition and one that unlocks under the same condition,
    // re-read after an unknown call, would look inconsistent (dd.c's
    // __device_driver_lock/unlock of the parent).
    // (An inlined function's guards end with it: not held at its return.)
    // A plain mutex, from its lock call on: not for the summaries, whose
    // lock functions are of device and group locks.
    LockClass LC = classify(E.first);
    if (E.second.Frame != C.getStackFrame() ||
        (E.second.Guard && !C.inTopFrame()) ||
        (LC == OtherLock && (!E.second.By || St->contains<HandedOff>(E.first))))
      continue;
    std::string Lock =
        LC == GroupLock    ? "the iommu group mutex"
        : LC == DeviceLock ? "device_lock()"
                           : "the mutex '" +
                                 exprText(E.second.By, C.getASTContext()) + "'";
    std::string Key = pathKey(E.first);
    std::vector<ReturnSeen> &Seen = Into[Key];
    ReturnSeen R{E.second.State == Held,
                 St->contains<ReleasedForCallers>(E.first), RS, Value, Loc,
                 MayBeNegative, Lock, LC == OtherLock, E.second.By, Sym, Range};
    std::optional<std::string> Own =
        ReturnedTy.isNull() ? std::nullopt : deviceMemberPath(ReturnedTy);
    R.ReturnsObject =
        LC == DeviceLock && Own &&
        lockRegion(St, Returned, ReturnedTy, DEV_MUTEX, *Own) == E.first;
    const ParmVarDecl *P;
    std::string Member;
    LockKind K;
    R.OfParam = lockOfParam(E.first, P, Member, K, /*FollowDevicePointer=*/true);
    auto Prev = Recorded.find(Key);
    if (Prev == Recorded.end()) {
      Recorded[Key] = Seen.size();
      Seen.push_back(R);
    } else if (R.Held && !Seen[Prev->second].Held) {
      Seen[Prev->second] = R;
    }
    if (&Into == &Returns && LC != OtherLock)
      ReturnLocks.emplace(Key, E.first);
  }
  return Value;
}

// A return of the function being analysed: which of the locks its own code
// took are still held here.  Smatch's "inconsistent returns": a lock held
// at one return and not at another is a bug, unless the returns tell the
// caller which (held on success, released on an error: the contract of
// mutex_lock_interruptible() and of trylock wrappers).  A function that
// returns holding it on every path is a lock function.
void IommuLockChecker::checkEndFunction(const ReturnStmt *RS,
                                        CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  if (!C.inTopFrame()) {
    if (const auto *FD =
            dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl()))
      if (!FD->isExternallyVisible())
        recordReturn(InlinedReturns[FD->getCanonicalDecl()], RS, C, St);
    for (auto &E : St->get<LockMap>())
      if (E.second.Restore >= 0 && E.second.Frame == C.getStackFrame())
        St = E.second.Restore == NoEntry
                 ? St->remove<LockMap>(E.first)
                 : St->set<LockMap>(E.first, LockInfo{unsigned(E.second.Restore)});
    if (St != C.getState())
      C.addTransition(St);
    return;
  }
  // Every guard of this (last) frame goes out of scope now.
  for (auto &E : St->get<LockMap>())
    if (E.second.Guard)
      St = St->set<LockMap>(E.first, LockInfo{Released});
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (FD != ReturnsOf) {
    Returns.clear();
    ReturnLocks.clear();
    ReturnsOf = FD;
    NumReturns = 0;
    ReturnValues.clear();
  }
  NumReturns++;
  ReturnValues.push_back(recordReturn(Returns, RS, C, St));
  if (St != C.getState())
    C.addTransition(St);
}

// NULL returned holding the lock by a return that gives the locked object
// on another path, through a call: the converter's type check
// (tb_to_service(dev) after a match that checked the type), which the path
// cannot rule out; not a return that keeps the lock.
static bool nullOfConverter(const ReturnSeen &H,
                            const std::vector<ReturnSeen> &All) {
  const auto *RS = dyn_cast_or_null<ReturnStmt>(H.At);
  if (!H.Held || H.Value != "0" || !RS || !RS->getRetValue() ||
      !isa<CallExpr>(RS->getRetValue()->IgnoreParenCasts()))
    return false;
  for (const ReturnSeen &S : All)
    if (S.Held && S.At == H.At && S.ReturnsObject)
      return true;
  return false;
}

// Does FD's contract (an assert, a _locked name, a Context: line) require
// the lock KIND of its parameter ARG's MEMBER?
static bool requiresLock(const TUIndex &X, const FunctionDecl *FD, unsigned Arg,
                         LockKind Kind, const std::string &Member) {
  auto It = X.Requires.find(FD->getName().str());
  if (It == X.Requires.end())
    return false;
  for (const Rule &R : It->second)
    if (R.Arg == Arg && R.Kind == Kind && R.Member == Member)
      return true;
  return false;
}

// A non-static function that returns holding a lock of its parameter by a
// contract its return values state (pci_dev_trylock(): held iff 1) is a lock
// function to its callers in other files: "@acquires" in the summary.  One
// that drops it on every path without taking it is an unlock function:
// "@releases".
void IommuLockChecker::summariseAcquire(
    const FunctionDecl *FD,
    const std::map<std::string, std::vector<ReturnSeen>> &Taken,
    ASTContext &Ctx) const {
  if (SummaryDir.empty() || !FD->isExternallyVisible() || !FD->getIdentifier())
    return;
  for (auto &L : Taken) {
    auto R = ReturnLocks.find(L.first);
    const ParmVarDecl *P;
    std::string Member;
    LockKind K;
    if (R == ReturnLocks.end())
      continue;
    if (!lockOfParam(R->second, P, Member, K, /*FollowDevicePointer=*/true)) {
      summariseReturnedLock(FD, L.second, Ctx);
      continue;
    }
    // A function that requires the lock and drops and retakes it inside
    // (wait_nvdimm_bus_probe_idle()) neither takes nor drops it for its
    // callers.
    if (requiresLock(index(Ctx), FD, P->getFunctionScopeIndex(), K, Member))
      continue;
    bool AnyHeld = false, AllHeld = true, Try = true, ZeroOk = true;
    bool Retaken = false, HeldError = false, UnheldError = false;
    bool HeldClean = false;
    bool ReturnsObject = true;
    // A non-NULL pointer is the object, not an error; an ERR_PTR() is
    // "err".
    bool ReturnsPointer = FD->getReturnType()->isPointerType();
    for (const ReturnSeen &S : L.second) {
      StringRef V = S.Value;
      bool Error =
          (V == "nz" && !ReturnsPointer) || V.starts_with("-") || V == "err";
      if (nullOfConverter(S, L.second))
        continue;
      AnyHeld |= S.Held;
      // Held again after dropping its callers' lock: the same contract,
      // where pass 1, which infers no requirement, cannot ask it.
      Retaken |= S.Held && S.ForCallers;
      AllHeld &= S.Held;
      if (S.Held) {
        ReturnsObject &= S.ReturnsObject;
        // held at an error return is the inconsistent-returns bug, not
        // a trylock's contract (held iff true)
        Try &= !V.empty() && V != "?" && V != "0" && !V.starts_with("-") &&
               V != "err";
        ZeroOk &= V == "0" || Error;
        HeldError |= Error;
        HeldClean |= !Error;
      } else {
        Try &= V == "0";
        ZeroOk &= V == "?" || Error;
        UnheldError |= Error;
      }
    }
    // An error return that forgets to unlock (reported on its own) beside
    // one that does: the contract is still "held iff 0", as the clean
    // returns state it, and the callers are judged by that.  Only if some
    // clean return holds it: a function whose only held returns are
    // errors (-EBUSY leaked beside -ENODEV and a success that unlocks)
    // takes no lock for its callers; its leak is its own finding.
    ZeroOk &= (!HeldError || UnheldError) && HeldClean;
    const char *How = AllHeld  ? "ALWAYS"
                      : Try    ? "TRY"
                      : ZeroOk ? "ZERO_OK"
                      : ReturnsPointer && notErrContract(L.second)
                          ? "NOT_ERR"
                          : nullptr;
    // An unlock function: every return has dropped its callers' lock.
    bool Releases = L.second.size() == NumReturns;
    for (const ReturnSeen &S : L.second)
      Releases &= !S.Held && S.ForCallers;
    if (Releases)
      index(Ctx).Summary.insert("@releases " + FD->getName().str() + " " +
                                std::to_string(P->getFunctionScopeIndex()) +
                                " " + kindName(K) +
                                (Member.empty() ? "" : " " + Member));
    if (!AnyHeld || !How || Retaken)
      continue;
    index(Ctx).Summary.insert("@acquires " + FD->getName().str() + " " +
                              std::to_string(P->getFunctionScopeIndex()) + " " +
                              kindName(K) + " " + How +
                              (Member.empty() ? "" : " " + Member));
    // the object it returns is the one locked: "@returns F"
    if (ReturnsPointer && (StringRef(How) == "TRY" || StringRef(How) == "NOT_ERR") &&
        ReturnsObject)
      index(Ctx).Summary.insert("@returns " + FD->getName().str());
  }
}

// Held iff not an ERR_PTR() ("NOT_ERR"): every return that gives no
// ERR_PTR() gives a non-NULL object with the lock held, every other one
// an ERR_PTR() without it, and none gives NULL.
bool IommuLockChecker::notErrContract(const std::vector<ReturnSeen> &Rets) const {
  unsigned Held = 0;
  for (const ReturnSeen &S : Rets) {
    if (S.Held ? S.Value != "nz" || S.ForCallers : S.Value != "err")
      return false;
    Held += S.Held;
  }
  unsigned Objects = 0;
  for (const std::string &V : ReturnValues) {
    if (V == "0")
      return false;
    Objects += V != "err";
  }
  return Held && Held == Objects;
}

// A lookup that returns locked the device it found (a lock on no
// parameter's device), and NULL or an ERR_PTR() without it: a lock
// function whose lock is that of what it returns, "@acquires F ret
// DEV_MUTEX TRY" (or NOT_ERR).  Every other return must be a held one,
// returning the locked object.
void IommuLockChecker::summariseReturnedLock(
    const FunctionDecl *FD, const std::vector<ReturnSeen> &Rets,
    ASTContext &Ctx) const {
  QualType RT = FD->getReturnType();
  if (!RT->isPointerType() || !deviceMemberPath(RT))
    return;
  std::vector<ReturnSeen> Kept;
  for (const ReturnSeen &S : Rets) {
    if (nullOfConverter(S, Rets))
      continue;
    if (S.Held && !S.ReturnsObject)
      return;
    Kept.push_back(S);
  }
  bool Try = true;
  unsigned Held = 0, Objects = 0;
  for (const ReturnSeen &S : Kept) {
    Try &= S.Held ? S.Value == "nz" && !S.ForCallers : S.Value == "0";
    Held += S.Held;
  }
  for (const std::string &V : ReturnValues)
    Objects += V != "0";
  const char *How = Try && Held && Held == Objects ? "TRY"
                    : notErrContract(Kept)        ? "NOT_ERR"
                                                  : nullptr;
  if (How)
    index(Ctx).Summary.insert("@acquires " + FD->getName().str() +
                              " ret DEV_MUTEX " + How);
}

void IommuLockChecker::checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                                        ExprEngine &Eng) const {
  const FunctionDecl *FD = ReturnsOf;
  auto Taken = std::move(Returns);
  auto Inlined = std::move(InlinedReturns);
  Returns.clear();
  InlinedReturns.clear();
  ReturnsOf = nullptr;
  if (!FD || !Enabled[Imbalance])
    return;
  summariseAcquire(FD, Taken, Eng.getContext());
  if (Pass1)
    return;
  reportInconsistent(FD, Taken, BR);
  for (auto &F : Inlined)
    reportInconsistent(F.first, F.second, BR);
}

static bool sameExpr(const Stmt *A, const Stmt *B, ASTContext &Ctx) {
  llvm::FoldingSetNodeID IA, IB;
  A->Profile(IA, Ctx, /*Canonical=*/true);
  B->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

// Is there, in S, an if with the test COND whose then-branch passes ARG to
// a call, other than the if SKIP?
static bool callUnderTest(const Stmt *S, const Expr *Cond, const Expr *Arg,
                          const IfStmt *Skip, ASTContext &Ctx) {
  if (!S)
    return false;
  if (const auto *If = dyn_cast<IfStmt>(S))
    if (If != Skip && If->getThen() && sameExpr(If->getCond(), Cond, Ctx)) {
      std::vector<const Stmt *> Work{If->getThen()};
      while (!Work.empty()) {
        const Stmt *T = Work.back();
        Work.pop_back();
        if (const auto *CE = dyn_cast_or_null<CallExpr>(T))
          for (const Expr *A : CE->arguments())
            if (sameExpr(A->IgnoreParenImpCasts(), Arg, Ctx))
              return true;
        if (T)
          Work.insert(Work.end(), T->child_begin(), T->child_end());
      }
    }
  for (const Stmt *Child : S->children())
    if (callUnderTest(Child, Cond, Arg, Skip, Ctx))
      return true;
  return false;
}

// "if (need) lock(p); ...; if (need) unlock(p);": a lock taken and dropped
// under one test (drivers/base/bus.c, need_parent_lock).  After a call the
// analyzer reads the test afresh, and a path that locks and skips the
// unlock is one the code rules out.
static bool lockedUnderOneTest(const FunctionDecl *FD, const Expr *By,
                               ASTContext &Ctx) {
  if (!By || !FD->getBody())
    return false;
  ParentMap PM(FD->getBody());
  const Stmt *Child = By;
  for (const Stmt *P = PM.getParent(Child); P; Child = P, P = PM.getParent(P))
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (If->getThen() != Child)
        return false;
      return callUnderTest(FD->getBody(), If->getCond(),
                           By->IgnoreParenImpCasts(), If, Ctx);
    }
  return false;
}

void IommuLockChecker::reportInconsistent(
    const FunctionDecl *FD,
    const std::map<std::string, std::vector<ReturnSeen>> &Taken,
    BugReporter &BR) const {
  const SourceManager &SM = BR.getSourceManager();
  // Can the caller not tell a held return H from an unheld return U?
  auto Inconsistent = [](const ReturnSeen &H, const ReturnSeen &U) {
    if (H.Value.empty())
      return true; // void
    if (StringRef(H.Value).starts_with("-") || H.Value == "err")
      return true; // an error return that keeps the lock
    // A checked value passed on with the lock ("if (ret) return ret;") when
    // another return drops it with an errno: the caller cannot tell which
    // of the two it got.
    if (H.Value == "nz" && H.MayBeNegative && StringRef(U.Value).starts_with("-"))
      return true;
    // One unknown value, as the path left it, at two returns ("return
    // count;" after an unlock and without one): the caller cannot tell.
    if (H.Sym && H.Sym == U.Sym && H.Range == U.Range && H.At != U.At)
      return true;
    if (H.Value == "?" || U.Value == "?" || H.Value == "nz" || U.Value == "nz")
      return false; // unknown values: maybe a conditional lock
    return H.Value == U.Value;
  };
  std::set<std::pair<unsigned, std::string>> Done;
  for (auto &L : Taken)
    for (const ReturnSeen &H : L.second) {
      if (!H.Held || nullOfConverter(H, L.second))
        continue;
      for (const ReturnSeen &U : L.second) {
        if (U.Held || !Inconsistent(H, U))
          continue;
        unsigned Line = SM.getExpansionLineNumber(H.Loc.asLocation());
        unsigned Other = SM.getExpansionLineNumber(U.Loc.asLocation());
        // Two paths to one return, one holding a plain mutex: a lock and
        // an unlock under conditions the analyzer lost the link between
        // (a pointer to the mutex re-read after a write through a
        // symbolic index: drivers/base/map.c's kobj_map()), not a bug it
        // can show.
        if (H.Plain && Other == Line)
          continue;
        if (Other == Line && lockedUnderOneTest(FD, H.By, BR.getContext()))
          continue;
        if (!Done.insert({Line, L.first}).second)
          break;
        std::string Where =
            Other == Line ? "on one path to this return and not on another"
                          : "at this return but not at the return on line " +
                                std::to_string(Other);
        BR.EmitBasicReport(
            FD, Names[Imbalance], "Lock imbalance",
            "Locking (iommu-lockcheck)",
            H.Lock + " acquired in " + FD->getNameAsString() + "() is still held " +
                Where + " (inconsistent returns) [lock-imbalance]",
            H.Loc);
        break;
      }
    }
  // And, where no return above was reported: a lock on no parameter's
  // device, held where the function returns NULL or an ERR_PTR() while
  // another return hands out the locked object, the caller's only way to
  // the lock (a loop that locks each element in turn: past the analyzer's
  // loop bound it does not see the unheld return after the last pass).
  for (auto &L : Taken)
    for (const ReturnSeen &O : L.second) {
      if (!O.Held || !O.ReturnsObject || O.OfParam)
        continue;
      for (const ReturnSeen &H : L.second) {
        if (!H.Held || H.ReturnsObject || H.OfParam ||
            (H.Value != "0" && H.Value != "err") || nullOfConverter(H, L.second))
          continue;
        unsigned Line = SM.getExpansionLineNumber(H.Loc.asLocation());
        unsigned Other = SM.getExpansionLineNumber(O.Loc.asLocation());
        if (!Done.insert({Line, L.first}).second)
          continue;
        BR.EmitBasicReport(
            FD, Names[Imbalance], "Lock imbalance", "Locking (iommu-lockcheck)",
            H.Lock + " acquired in " + FD->getNameAsString() +
                "() is still held at this return of " +
                (H.Value == "0" ? "NULL" : "an ERR_PTR()") +
                ", but the return on line " + std::to_string(Other) +
                " gives the locked object: its callers cannot unlock it "
                "(inconsistent returns) [lock-imbalance]",
            H.Loc);
      }
      break;
    }
}

void IommuLockChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                                 AnalysisManager &Mgr,
                                                 BugReporter &BR) const {
  if (SummaryDir.empty())
    return;
  // A slot's entry context: locks held at every call through it.
  // Where the analyzer saw no call through a slot (pass 1 analyses
  // nothing), the TU's text says it.
  std::map<std::string, std::set<SlotLock>> Held;
  for (auto &S : Slots)
    for (auto &L : S.second)
      if (L.second.Held && !L.second.Unheld)
        Held[S.first].insert(L.first);
  const TUIndex &X = index(Mgr.getASTContext());
  for (auto &S : X.TextSlotContext)
    for (const SlotLock &L : S.second) {
      auto It = Slots.find(S.first);
      if (It == Slots.end() || !It->second.count(L))
        Held[S.first].insert(L);
    }
  X.writeSummary(Mgr.getASTContext(), SummaryDir, Held);
}

// ---- registration ----------------------------------------------------------

const char *const Base = "kernel.iommu.LockModel";

template <IommuLockChecker::Sub S> void registerSub(CheckerManager &Mgr) {
  auto *Chk = Mgr.getChecker<IommuLockChecker>();
  Chk->Enabled[S] = true;
  Chk->Names[S] = Mgr.getCurrentCheckerName();
}

void registerBase(CheckerManager &Mgr) {
  auto *Chk = Mgr.registerChecker<IommuLockChecker>();
  // C has no implicit destructors; LLVM 18 and later put a __cleanup__
  // call (every guard()'s scope exit) among them, and the engine ends the
  // path there.  The CFG is built after the checkers register: without
  // them, sweepGuards() models the scope exit on every LLVM version.
  const_cast<AnalyzerOptions &>(Mgr.getAnalyzerOptions())
      .ShouldIncludeImplicitDtorsInCFG = false;
  Chk->SummaryDir =
      Mgr.getAnalyzerOptions()
          .getCheckerStringOption(Base, "SummaryDir")
          .str();
  Chk->Pass1 = Mgr.getAnalyzerOptions().getCheckerBooleanOption(Base, "Pass1");
}

bool always(const CheckerManager &) { return true; }

} // namespace

extern "C" void clang_registerCheckers(CheckerRegistry &Registry) {
  Registry.addChecker(registerBase, always, Base,
                      "iommu-lockcheck lock model (device_lock, group mutex)",
                      "", /*IsHidden=*/true);
  Registry.addCheckerOption("string", Base, "SummaryDir", "",
                            "Directory of per-TU requirement summaries: "
                            "each TU writes <main file>.sum, reads all",
                            "released");
  Registry.addCheckerOption("bool", Base, "Pass1", "false",
                            "Write the summary; analyse the paths of the "
                            "lock functions only",
                            "released");
  struct {
    void (*Fn)(CheckerManager &);
    const char *Name, *Desc;
  } Subs[] = {
      {registerSub<IommuLockChecker::DevLock>,
       "kernel.iommu.DeviceLockRequired",
       "Call requires device_lock() of its device [device-lock-required]"},
      {registerSub<IommuLockChecker::GroupMutex>,
       "kernel.iommu.GroupMutexRequired",
       "Call requires the iommu group mutex [group-mutex-required]"},
      {registerSub<IommuLockChecker::Imbalance>, "kernel.iommu.LockImbalance",
       "device_lock/group mutex double acquire, unheld release, leak "
       "[lock-imbalance]"},
      {registerSub<IommuLockChecker::DmaBus>,
       "kernel.iommu.DmaConfigureOutsideBus",
       "of/acpi_dma_configure() outside bus_type.dma_configure "
       "[dma-configure-outside-bus]"},
  };
  for (auto &S : Subs) {
    Registry.addChecker(S.Fn, always, S.Name, S.Desc, "", false);
    Registry.addDependency(S.Name, Base);
  }
}

extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;
