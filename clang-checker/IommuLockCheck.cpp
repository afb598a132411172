// SPDX-License-Identifier: GPL-2.0
//
// iommu-lockcheck: Clang Static Analyzer plugin (package kernel.iommu).
//
// One lock model, four reports:
//   DeviceLockRequired      call needs device_lock(d), path does not hold it
//   GroupMutexRequired      call needs the iommu group mutex
//   LockImbalance           double acquire / release unheld / leak at return
//   DmaConfigureOutsideBus  of/acpi_dma_configure*() outside bus dma_configure
//
// Locks are keyed by the MemRegion of the struct mutex (&dev->mutex,
// &group->mutex), so aliases such as gmu->dev = &pdev->dev resolve.  All
// function names come from scripts/lockrules.def (X-macros).
//
// Modelled after clang's PthreadLockChecker (one state trait, evalCall of
// the lock functions) and SimpleStreamChecker (events as callbacks).

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Lex/Lexer.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>

using namespace clang;
using namespace ento;

namespace {

// ---- the rules table ------------------------------------------------------

enum LockKind { DEV_MUTEX, DEV_GROUP_MUTEX, MUTEX };
enum AcquireHow { ALWAYS, TRY, ZERO_OK };

struct Rule {
  unsigned Arg;
  LockKind Kind;
  AcquireHow How;     // ACQUIRE rows only
  std::string Member; // inferred rows: the lock is of &arg->Member
};

// Requirement rows: table REQUIRES plus inferred ones (asserts in bodies,
// summary files of other TUs).  Name -> list of (arg, kind).
using ReqMap = std::map<std::string, std::vector<Rule>>;

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
// expands to lock_is_held(&(l)->dep_map) with CONFIG_LOCKDEP: modelled below.
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

bool isDmaConfigure(StringRef N) {
#define DMA_CONFIGURE(fn) if (N == #fn) return true;
#include "lockrules.def"
#undef DMA_CONFIGURE
  return false;
}

struct EntryRow {
  const char *Type, *Field;
  unsigned Arg;
};
const EntryRow EntryRows[] = {
#define ENTRY(type, field, arg, kind) {#type, #field, arg},
#include "lockrules.def"
#undef ENTRY
};

const char *kindName(LockKind K) {
  switch (K) {
  case DEV_MUTEX: return "DEV_MUTEX";
  case DEV_GROUP_MUTEX: return "DEV_GROUP_MUTEX";
  case MUTEX: return "MUTEX";
  }
  return "?";
}

// ---- program state: one trait, lock region -> what we know ---------------

enum LockState : unsigned {
  Held,     // acquired on this path
  Assumed,  // held by the caller: entry context, assert, or already reported
  Released, // released (or a failed trylock) on this path
  Again,    // held, and a guard constructor took it again: reported at
            // the guard's declaration, not inside the inlined constructor
};

struct LockInfo {
  unsigned State;
  const MemRegion *Guard = nullptr; // guard()/scoped_guard() variable
  const Stmt *Scope = nullptr;      // statement the guard variable lives in
  const StackFrameContext *Frame = nullptr; // where it was acquired (Held)
  bool operator==(const LockInfo &O) const {
    return State == O.State && Guard == O.Guard && Scope == O.Scope &&
           Frame == O.Frame;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(State);
    ID.AddPointer(Guard);
    ID.AddPointer(Scope);
    ID.AddPointer(Frame);
  }
  bool held() const { return State != Released; }
};

} // namespace

REGISTER_MAP_WITH_PROGRAMSTATE(LockMap, const MemRegion *, LockInfo)

namespace {

enum LockClass { OtherLock, DeviceLock, GroupLock };

StringRef recordName(QualType T) {
  if (const RecordDecl *RD = T->getAsRecordDecl())
    return RD->getName();
  return "";
}

LockClass classify(const MemRegion *R) {
  const auto *FR = dyn_cast_or_null<FieldRegion>(R);
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

// The lock a rule row designates, given the argument value and its type.
const MemRegion *lockRegion(ProgramStateRef St, SVal Arg, QualType ArgTy,
                            LockKind K, StringRef Member = "") {
  const MemRegion *R = Arg.getAsRegion();
  if (!R || ArgTy.isNull() || !ArgTy->isPointerType())
    return nullptr;
  R = R->StripCasts();
  QualType T = ArgTy->getPointeeType();
  if (!Member.empty()) {
    // device_lock_assert(&port->dev): the struct device embedded in *arg.
    QualType MT;
    R = fieldOf(St, R, T, Member, &MT);
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

// ---- what the translation unit says (no path sensitivity) ----------------

struct TUIndex {
  bool Done = false;
  ReqMap Requires;                          // table + inferred
  std::map<const FunctionDecl *, unsigned> Entry; // entered holding dev lock
  std::set<const FunctionDecl *> BusDmaConfigure; // bus_type.dma_configure
  std::set<const FunctionDecl *> AddressTaken;    // callbacks
  std::vector<std::string> Summary; // lines this TU exports
  // Locks a function takes on some path, as (parameter, member of it):
  // device_lock(&port->dev) in F or in a TU callee given F's parameter.
  std::map<const FunctionDecl *, std::set<std::pair<unsigned, std::string>>>
      Takes;
};

// A call passing caller parameter CallerParam as callee argument CalleeArg.
struct ParamEdge {
  const FunctionDecl *Caller, *Callee;
  unsigned CalleeArg, CallerParam;
};

const FunctionDecl *funcRef(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return FD->getCanonicalDecl();
  return nullptr;
}

int paramIndex(const FunctionDecl *FD, const Expr *E) {
  if (!E)
    return -1;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      for (unsigned I = 0; I < FD->getNumParams(); ++I)
        if (FD->getParamDecl(I) == P)
          return I;
  return -1;
}

// Asserts in FD's body on a parameter: FD requires that lock of its callers.
// With Acquires set: lock calls (and guard constructors) on a parameter
// instead of asserts, plus the parameter-passing call edges.
struct AssertScan : RecursiveASTVisitor<AssertScan> {
  const FunctionDecl *FD;
  bool Acquires;
  std::set<std::tuple<unsigned, LockKind, std::string>> Found;
  std::vector<ParamEdge> Edges;
  AssertScan(const FunctionDecl *F, bool Acq = false) : FD(F), Acquires(Acq) {}

  void lockArg(const Expr *A, LockKind K) {
    unsigned I;
    std::string Member;
    if (K == DEV_MUTEX && paramArg(A, I, Member))
      Found.insert({I, K, Member});
    else if (K == MUTEX)
      mutexExpr(A);
  }

  void acquireCall(CallExpr *CE, const FunctionDecl *Callee, StringRef N) {
    auto It = acquireRules().find(N);
    if (It != acquireRules().end() && It->second.Arg < CE->getNumArgs())
      lockArg(CE->getArg(It->second.Arg), It->second.Kind);
    if (N.consume_front("class_") && N.consume_back("_constructor") &&
        guardClasses().count(N) && CE->getNumArgs() == 1)
      lockArg(CE->getArg(0), guardClasses().lookup(N));
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      int P = paramIndex(FD, CE->getArg(I));
      if (P >= 0)
        Edges.push_back({FD->getCanonicalDecl(), Callee->getCanonicalDecl(), I,
                         unsigned(P)});
    }
  }

  // &P->mutex -> (P, DEV_MUTEX); &P->iommu_group->mutex -> (P, DEV_GROUP_MUTEX)
  // P or &P->member (an embedded struct device)
  bool paramArg(const Expr *E, unsigned &I, std::string &Member) {
    int Idx = paramIndex(FD, E);
    if (Idx >= 0) {
      I = Idx;
      return true;
    }
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_AddrOf)
        if (const auto *ME =
                dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
          if (ME->isArrow() && (Idx = paramIndex(FD, ME->getBase())) >= 0) {
            I = Idx;
            Member = ME->getMemberDecl()->getName().str();
            return true;
          }
    return false;
  }

  // &P->mutex -> (P, DEV_MUTEX); &P->m.mutex -> (P, DEV_MUTEX, m);
  // &P->iommu_group->mutex -> (P, DEV_GROUP_MUTEX)
  void mutexExpr(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_AddrOf)
        E = UO->getSubExpr()->IgnoreParenImpCasts();
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!ME || ME->getMemberDecl()->getName() != "mutex")
      return;
    const Expr *B = ME->getBase()->IgnoreParenImpCasts();
    const auto *BM = dyn_cast<MemberExpr>(B);
    int I;
    if (ME->isArrow()) {
      if ((I = paramIndex(FD, B)) >= 0)
        Found.insert({unsigned(I), DEV_MUTEX, ""});
      else if (BM && BM->isArrow() &&
               BM->getMemberDecl()->getName() == "iommu_group" &&
               (I = paramIndex(FD, BM->getBase())) >= 0)
        Found.insert({unsigned(I), DEV_GROUP_MUTEX, ""});
    } else if (BM && BM->isArrow() &&
               (I = paramIndex(FD, BM->getBase())) >= 0) {
      Found.insert({unsigned(I), DEV_MUTEX,
                    BM->getMemberDecl()->getName().str()});
    }
  }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || !Callee->getIdentifier())
      return true;
    StringRef N = Callee->getName();
    if (Acquires) {
      acquireCall(CE, Callee, N);
      return true;
    }
    auto It = assertRules().find(N);
    if (It != assertRules().end() && It->second.Kind != MUTEX &&
        It->second.Arg < CE->getNumArgs()) {
      unsigned I;
      std::string Member;
      if (paramArg(CE->getArg(It->second.Arg), I, Member))
        Found.insert({I, It->second.Kind, Member});
    } else if (N == "lock_is_held" && CE->getNumArgs() == 1) {
      // lockdep_assert_held(l) == lock_is_held(&(l)->dep_map)
      const Expr *A = CE->getArg(0)->IgnoreParenImpCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(A))
        A = UO->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *ME = dyn_cast<MemberExpr>(A))
        if (ME->getMemberDecl()->getName() == "dep_map")
          mutexExpr(ME->getBase());
    }
    return true;
  }
};

struct IndexVisitor : RecursiveASTVisitor<IndexVisitor> {
  TUIndex &X;
  std::set<const DeclRefExpr *> Callees;
  std::vector<const DeclRefExpr *> FuncRefs;
  std::vector<ParamEdge> Edges;
  explicit IndexVisitor(TUIndex &I) : X(I) {}
  // The semantic form of an InitListExpr (fields in order) is implicit code.
  bool shouldVisitImplicitCode() const { return true; }

  void stored(const RecordDecl *RD, const FieldDecl *F, const FunctionDecl *Fn) {
    if (!RD || !F || !Fn)
      return;
    for (const EntryRow &E : EntryRows)
      if (RD->getName() == E.Type && F->getName() == E.Field) {
        X.Entry[Fn] = E.Arg;
        if (StringRef(E.Field) == "dma_configure")
          X.BusDmaConfigure.insert(Fn);
      }
  }
  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm() || !ILE->getType()->isStructureType())
      return true;
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl()->getDefinition();
    if (!RD)
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      stored(RD, F, funcRef(ILE->getInit(I++)));
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        stored(F->getParent(), F, funcRef(BO->getRHS()));
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      Callees.insert(DRE);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (isa<FunctionDecl>(DRE->getDecl()))
      FuncRefs.push_back(DRE);
    return true;
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || !FD->getIdentifier())
      return true;
    AssertScan T(FD, /*Acquires=*/true);
    T.TraverseStmt(FD->getBody());
    for (auto &P : T.Found)
      if (std::get<1>(P) != DEV_GROUP_MUTEX)
        X.Takes[FD->getCanonicalDecl()].insert(
            {std::get<0>(P), std::get<2>(P)});
    Edges.insert(Edges.end(), T.Edges.begin(), T.Edges.end());
    AssertScan S(FD);
    S.TraverseStmt(FD->getBody());
    for (auto &P : S.Found) {
      unsigned Arg = std::get<0>(P);
      LockKind K = std::get<1>(P);
      const std::string &Member = std::get<2>(P);
      X.Requires[FD->getName().str()].push_back({Arg, K, ALWAYS, Member});
      if (FD->isExternallyVisible())
        X.Summary.push_back(FD->getName().str() + " " + std::to_string(Arg) +
                            " " + kindName(K) +
                            (Member.empty() ? "" : " " + Member));
    }
    return true;
  }
};

void readSummaries(StringRef Dir, ReqMap &Out) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
       It.increment(EC)) {
    if (!StringRef(It->path()).endswith(".sum"))
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(It->path());
    if (!Buf)
      continue;
    SmallVector<StringRef, 64> Lines;
    (*Buf)->getBuffer().split(Lines, '\n', -1, false);
    for (StringRef L : Lines) {
      // "function arg KIND [member]"
      SmallVector<StringRef, 4> F;
      L.split(F, ' ', -1, false);
      unsigned Arg;
      if (F.size() < 3 || F.size() > 4 || F[1].getAsInteger(10, Arg))
        continue;
      LockKind K = F[2] == "DEV_GROUP_MUTEX" ? DEV_GROUP_MUTEX
                   : F[2] == "MUTEX"        ? MUTEX
                                            : DEV_MUTEX;
      Out[F[0].str()].push_back(
          {Arg, K, ALWAYS, F.size() == 4 ? F[3].str() : std::string()});
    }
  }
}

// ---- the checker ----------------------------------------------------------

class IommuLockChecker
    : public Checker<check::BeginFunction, check::PreCall, eval::Call,
                     check::PostStmt<DeclStmt>, check::EndFunction,
                     check::EndOfTranslationUnit> {
public:
  enum Sub { DevLock, GroupMutex, Imbalance, DmaBus, NumSubs };
  bool Enabled[NumSubs] = {};
  CheckerNameRef Names[NumSubs];
  std::string SummaryDir;

  void checkBeginFunction(CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostStmt(const DeclStmt *DS, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                 AnalysisManager &Mgr, BugReporter &BR) const;

private:
  mutable TUIndex Index;
  mutable std::unique_ptr<BugType> BT[NumSubs];

  TUIndex &index(const ASTContext &Ctx) const;
  BugType &bugType(Sub S) const;
  ExplodedNode *report(Sub S, CheckerContext &C, ProgramStateRef St,
                       const Twine &Msg, const MemRegion *Lock, const Stmt *At,
                       ExplodedNode *Pred = nullptr) const;
  ProgramStateRef sweepGuards(ProgramStateRef St, const LocationContext *LC,
                              const Stmt *Cur) const;
  bool isHeld(ProgramStateRef St, const MemRegion *R) const;
  const FunctionDecl *topFunction(CheckerContext &C) const;
  bool callersDecide(CheckerContext &C, const MemRegion *R) const;
  void acquire(const CallEvent &Call, const Rule &R, CheckerContext &C) const;
  void release(const CallEvent &Call, const Rule &R, CheckerContext &C) const;
  void checkRequirement(const CallEvent &Call, StringRef Name, const Rule &R,
                        CheckerContext &C, ProgramStateRef &St,
                        ExplodedNode *&N) const;
  void checkDmaConfigure(const CallEvent &Call, StringRef Name,
                         CheckerContext &C, ProgramStateRef St,
                         ExplodedNode *&N) const;
};

TUIndex &IommuLockChecker::index(const ASTContext &Ctx) const {
  if (Index.Done)
    return Index;
  Index.Done = true;
  Index.Requires = tableRequires();
  if (!SummaryDir.empty())
    readSummaries(SummaryDir, Index.Requires);
  IndexVisitor V(Index);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const DeclRefExpr *DRE : V.FuncRefs)
    if (!V.Callees.count(DRE))
      Index.AddressTaken.insert(
          cast<FunctionDecl>(DRE->getDecl())->getCanonicalDecl());
  // Callers of a function that takes a lock of its parameter take it too.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const ParamEdge &E : V.Edges) {
      auto It = Index.Takes.find(E.Callee);
      if (It == Index.Takes.end())
        continue;
      std::vector<std::pair<unsigned, std::string>> New;
      for (auto &T : It->second)
        if (T.first == E.CalleeArg)
          New.push_back({E.CallerParam, T.second});
      for (auto &T : New)
        Changed |= Index.Takes[E.Caller].insert(T).second;
    }
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
  if (!Enabled[S])
    return Pred;
  ExplodedNode *N =
      C.generateNonFatalErrorNode(St, Pred ? Pred : C.getPredecessor());
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

// Make St the path's state after an optional error node N.
static void commit(CheckerContext &C, ProgramStateRef St, ExplodedNode *N) {
  if (!N)
    C.addTransition(St);
  else if (N->getState() != St)
    C.addTransition(St, N);
}

const FunctionDecl *IommuLockChecker::topFunction(CheckerContext &C) const {
  const StackFrameContext *SF = C.getStackFrame();
  while (SF->getParent())
    SF = SF->getParent()->getStackFrame();
  return dyn_cast_or_null<FunctionDecl>(SF->getDecl());
}

// A lock on an object the top-level function got from its caller is the
// caller's business when the function is private to the TU (static, never
// used as a callback): its callers are analysed with it inlined.  External
// functions and callbacks are entry points: only ENTRY rows and asserts say
// what their callers hold.
//
// One more case is left to the callers: an entry point that takes this very
// lock itself on some other path (cxl's devm_cxl_add_dport() locks a root
// port itself; for other ports its caller holds the lock).
bool IommuLockChecker::callersDecide(CheckerContext &C,
                                     const MemRegion *R) const {
  const FunctionDecl *Top = topFunction(C);
  if (!Top || !rootedInParam(R))
    return false;
  const TUIndex &X = index(C.getASTContext());
  const FunctionDecl *Canon = Top->getCanonicalDecl();
  if (!Top->isExternallyVisible() && !X.AddressTaken.count(Canon) &&
      !X.Entry.count(Canon))
    return true;
  // R == &param->mutex or &param->member.mutex?
  const auto *FR = dyn_cast<FieldRegion>(R);
  if (!FR)
    return false;
  const MemRegion *S = FR->getSuperRegion();
  std::string Member;
  if (const auto *MF = dyn_cast<FieldRegion>(S)) {
    Member = MF->getDecl()->getName().str();
    S = MF->getSuperRegion();
  }
  const auto *SR = dyn_cast<SymbolicRegion>(S);
  const auto *RV = SR ? dyn_cast<SymbolRegionValue>(SR->getSymbol()) : nullptr;
  const auto *VR = RV ? dyn_cast<VarRegion>(RV->getRegion()) : nullptr;
  const auto *PV = VR ? dyn_cast<ParmVarDecl>(VR->getDecl()) : nullptr;
  auto It = X.Takes.find(Canon);
  return PV && It != X.Takes.end() &&
         It->second.count({PV->getFunctionScopeIndex(), Member});
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
      St = St->set<LockMap>(E.first, LockInfo{Released});
  }
  return St;
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

void IommuLockChecker::checkBeginFunction(CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  if (!FD)
    return;
  const TUIndex &X = index(C.getASTContext());
  auto It = X.Entry.find(FD->getCanonicalDecl());
  if (It == X.Entry.end() || It->second >= FD->getNumParams())
    return;
  // The driver core holds device_lock() of the callback's device: the
  // argument itself (struct device *) or its embedded .dev.
  ProgramStateRef St = C.getState();
  const ParmVarDecl *P = FD->getParamDecl(It->second);
  SVal V = St->getSVal(St->getRegion(P, C.getLocationContext()));
  QualType T = P->getType();
  if (!T->isPointerType())
    return;
  const MemRegion *Dev = V.getAsRegion();
  QualType DevT = T->getPointeeType();
  if (recordName(DevT) != "device")
    Dev = fieldOf(St, Dev, DevT, "dev", &DevT);
  const MemRegion *L = fieldOf(St, Dev, DevT, "mutex");
  if (L && classify(L) == DeviceLock)
    C.addTransition(St->set<LockMap>(L, LockInfo{Assumed}));
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
  bool Quiet = callersDecide(C, L);
  // From here on the path is treated as holding it: one report per lock.
  St = St->set<LockMap>(L, LockInfo{Assumed});
  if (Quiet)
    return;
  std::string Arg = exprText(AE, C.getASTContext());
  if (!R.Member.empty())
    Arg = "&" + Arg + "->" + R.Member;
  const FunctionDecl *Top = topFunction(C);
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

void IommuLockChecker::checkDmaConfigure(const CallEvent &Call, StringRef Name,
                                         CheckerContext &C, ProgramStateRef St,
                                         ExplodedNode *&N) const {
  // of_dma_configure() is an inline wrapper of of_dma_configure_id().
  if (const auto *Cur = dyn_cast_or_null<FunctionDecl>(
          C.getStackFrame()->getDecl()))
    if (Cur->getIdentifier() && isDmaConfigure(Cur->getName()))
      return;
  const FunctionDecl *Top = topFunction(C);
  const TUIndex &X = index(C.getASTContext());
  if (!Top || X.BusDmaConfigure.count(Top->getCanonicalDecl()) ||
      Call.getNumArgs() == 0)
    return;
  const Expr *AE = Call.getArgExpr(0);
  const MemRegion *L = lockRegion(St, Call.getArgSVal(0),
                                  AE ? AE->getType() : QualType(), DEV_MUTEX);
  if (L && callersDecide(C, L))
    return;
  // Which of the seed's three patterns: the probed device re-pointed, a
  // device this code created, or someone else's device.
  std::string What;
  const LockInfo *I = L ? St->get<LockMap>(L) : nullptr;
  const CallExpr *Maker = creatorCall(L);
  const FunctionDecl *MakerFD = Maker ? Maker->getDirectCallee() : nullptr;
  if (I && I->State == Assumed && X.Entry.count(Top->getCanonicalDecl()))
    What = "the probed device itself (pattern 3: re-pointed at another node)";
  else if (MakerFD && MakerFD->getIdentifier() &&
           (MakerFD->getName().contains("alloc") ||
            MakerFD->getName().contains("register") ||
            MakerFD->getName().contains("create")))
    What = "a device created here by " + MakerFD->getNameAsString() +
           "() (pattern 2)";
  else
    What = "a device this code does not own (pattern 1)";
  std::string Arg = exprText(AE, C.getASTContext());
  N = report(DmaBus, C, St,
             Name + "(" + Arg +
                 ") outside a bus_type.dma_configure callback, on " + What +
                 " [dma-configure-outside-bus]",
             L, Call.getOriginExpr(), N);
}

void IommuLockChecker::checkPreCall(const CallEvent &Call,
                                    CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !FD->getIdentifier())
    return;
  StringRef Name = FD->getName();
  ProgramStateRef St0 = C.getState();
  ProgramStateRef St =
      sweepGuards(St0, C.getLocationContext(), Call.getOriginExpr());
  ExplodedNode *N = nullptr;
  if (isDmaConfigure(Name))
    checkDmaConfigure(Call, Name, C, St, N);
  const TUIndex &X = index(C.getASTContext());
  auto It = X.Requires.find(Name.str());
  // An assert function's own body asserts: it states a lock, needs none.
  if (It != X.Requires.end() && !assertRules().count(Name))
    for (const Rule &R : It->second)
      checkRequirement(Call, Name, R, C, St, N);
  if (St != St0 || N)
    commit(C, St, N);
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

void IommuLockChecker::acquire(const CallEvent &Call, const Rule &R,
                               CheckerContext &C) const {
  ProgramStateRef St =
      sweepGuards(C.getState(), C.getLocationContext(), Call.getOriginExpr());
  if (!(St = nonNullArg(St, Call, R.Arg))) {
    C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  const Expr *CE = Call.getOriginExpr();
  const Expr *AE = Call.getArgExpr(R.Arg);
  const MemRegion *L = lockRegion(St, Call.getArgSVal(R.Arg),
                                  AE ? AE->getType() : QualType(), R.Kind);
  const LocationContext *LCtx = C.getLocationContext();
  const auto *Cur = dyn_cast_or_null<FunctionDecl>(LCtx->getDecl());
  bool InGuard = Cur && Cur->getIdentifier() &&
                 Cur->getName().startswith("class_") &&
                 Cur->getName().endswith("_constructor");
  bool Twice = false;
  if (L && R.How == ALWAYS) {
    const LockInfo *I = St->get<LockMap>(L);
    Twice = I && I->held() && classify(L) != OtherLock;
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
    St = St->set<LockMap>(L, LockInfo{Held, nullptr, nullptr, C.getStackFrame()});
    ExplodedNode *N = nullptr;
    if (Twice)
      N = report(Imbalance, C, St,
                 "'" + exprText(AE, C.getASTContext()) +
                     "' acquired while already held on this path "
                     "[lock-imbalance]",
                 L, CE);
    commit(C, St, N);
    return;
  }
  // TRY: held iff non-zero; ZERO_OK: held iff zero.
  DefinedOrUnknownSVal Ret = C.getSValBuilder().conjureSymbolVal(
      nullptr, CE, LCtx, Call.getResultType(), C.blockCount());
  St = St->BindExpr(CE, LCtx, Ret);
  ProgramStateRef NonZero, Zero;
  std::tie(NonZero, Zero) = St->assume(Ret);
  ProgramStateRef Got = R.How == TRY ? NonZero : Zero;
  ProgramStateRef Failed = R.How == TRY ? Zero : NonZero;
  if (Got)
    C.addTransition(
        Got->set<LockMap>(L, LockInfo{Held, nullptr, nullptr, C.getStackFrame()}));
  if (Failed) {
    const LockInfo *I = Failed->get<LockMap>(L);
    if (!I || !I->held())
      Failed = Failed->set<LockMap>(L, LockInfo{Released});
    C.addTransition(Failed);
  }
}

void IommuLockChecker::release(const CallEvent &Call, const Rule &R,
                               CheckerContext &C) const {
  ProgramStateRef St =
      sweepGuards(C.getState(), C.getLocationContext(), Call.getOriginExpr());
  if (!(St = nonNullArg(St, Call, R.Arg))) {
    C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  const Expr *AE = Call.getArgExpr(R.Arg);
  const MemRegion *L = lockRegion(St, Call.getArgSVal(R.Arg),
                                  AE ? AE->getType() : QualType(), R.Kind);
  ExplodedNode *N = nullptr;
  if (L) {
    const LockInfo *I = St->get<LockMap>(L);
    if (!I || !I->held())
      if (const MemRegion *Same = samePath(St, L)) {
        L = Same;
        I = St->get<LockMap>(L);
      }
    bool Unheld = I && I->State == Released && classify(L) != OtherLock;
    St = St->set<LockMap>(L, LockInfo{Released});
    if (Unheld)
      N = report(Imbalance, C, St,
                 "'" + exprText(AE, C.getASTContext()) +
                     "' released while not held on this path [lock-imbalance]",
                 L, Call.getOriginExpr());
  }
  commit(C, St, N);
}

bool IommuLockChecker::evalCall(const CallEvent &Call,
                                CheckerContext &C) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  const Expr *CE = Call.getOriginExpr();
  if (!FD || !FD->getIdentifier() || !CE)
    return false;
  StringRef Name = FD->getName();
  auto A = acquireRules().find(Name);
  if (A != acquireRules().end() && A->second.Arg < Call.getNumArgs()) {
    acquire(Call, A->second, C);
    return true;
  }
  auto Rl = releaseRules().find(Name);
  if (Rl != releaseRules().end() && Rl->second.Arg < Call.getNumArgs()) {
    release(Call, Rl->second, C);
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
    if (!I || !I->held())
      St = St->set<LockMap>(L, LockInfo{Assumed});
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
    if (Fn.startswith(G.getKey()) && G.getKey().size() > Best &&
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
  ExplodedNode *N = nullptr;
  if (Twice)
    N = report(Imbalance, C, St,
               "'" + exprText(VD->getInit(), C.getASTContext()) +
                   "' acquired while already held on this path "
                   "[lock-imbalance]",
               L, DS);
  commit(C, St, N);
}

void IommuLockChecker::checkEndFunction(const ReturnStmt *RS,
                                        CheckerContext &C) const {
  if (!C.inTopFrame())
    return;
  ProgramStateRef St = C.getState();
  // Every guard of this (last) frame goes out of scope now.
  for (auto &E : St->get<LockMap>())
    if (E.second.Guard)
      St = St->set<LockMap>(E.first, LockInfo{Released});
  const auto *FD = dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
  // Lock wrappers (foo_lock(), foo_trylock()) return holding it by design;
  // the kernel's __acquires() is only visible to sparse.
  bool Wrapper = false;
  if (FD && FD->getIdentifier()) {
    SmallVector<StringRef, 8> Words;
    FD->getName().split(Words, '_', -1, false);
    for (StringRef W : Words)
      Wrapper |= W == "lock" || W == "trylock" || W == "acquire" ||
                 (W.endswith("lock") && W != "block" && W != "clock" &&
                  W != "unlock" && W != "deadlock");
  }
  for (auto &E : St->get<LockMap>()) {
    // Only locks taken by this function's own code: a helper that locks
    // under a condition and one that unlocks under the same condition,
    // re-read after an unknown call, would look like a leak (dd.c's
    // __device_driver_lock/unlock of the parent).
    if (E.second.State != Held || Wrapper || classify(E.first) == OtherLock ||
        E.second.Frame != C.getStackFrame())
      continue;
    report(Imbalance, C, St,
           std::string(classify(E.first) == DeviceLock
                           ? "device_lock()"
                           : "the iommu group mutex") +
               " acquired in " +
               (FD ? FD->getNameAsString() : std::string("?")) +
               "() is still held at its return [lock-imbalance]",
           E.first, RS);
    return;
  }
  if (St != C.getState())
    C.addTransition(St);
}

void IommuLockChecker::checkEndOfTranslationUnit(const TranslationUnitDecl *TU,
                                                 AnalysisManager &Mgr,
                                                 BugReporter &BR) const {
  if (SummaryDir.empty())
    return;
  const TUIndex &X = index(Mgr.getASTContext());
  // One file per TU, named after the main file; written atomically.
  const SourceManager &SM = Mgr.getASTContext().getSourceManager();
  const FileEntry *Main = SM.getFileEntryForID(SM.getMainFileID());
  std::string Base = Main ? Main->getName().str() : "stdin";
  for (char &Ch : Base)
    if (!isalnum((unsigned char)Ch) && Ch != '.' && Ch != '-')
      Ch = '_';
  llvm::sys::fs::create_directories(SummaryDir);
  SmallString<256> Path(SummaryDir);
  llvm::sys::path::append(Path, Base + ".sum");
  SmallString<256> Tmp(Path);
  Tmp += ".tmp";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Tmp, EC);
    if (EC)
      return;
    for (const std::string &L : X.Summary)
      OS << L << "\n";
  }
  llvm::sys::fs::rename(Tmp, Path);
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
  Chk->SummaryDir =
      Mgr.getAnalyzerOptions()
          .getCheckerStringOption(Base, "SummaryDir")
          .str();
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
