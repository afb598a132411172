// SPDX-License-Identifier: GPL-2.0
//
// iommu-lockcheck: the translation-unit index and the summaries that carry
// requirements and slot contexts between translation units.

#include "TUIndex.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <algorithm>
#include <optional>
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace iommu_lockcheck {

const RecordDecl *namedRecord(const RecordDecl *RD) {
  while (RD && RD->isAnonymousStructOrUnion())
    RD = dyn_cast<RecordDecl>(RD->getParent());
  return RD;
}

std::string slotName(const FieldDecl *F) {
  const RecordDecl *RD = namedRecord(F->getParent());
  return ((RD ? RD->getName() : StringRef("?")) + "." + F->getName()).str();
}

bool createsObject(const FunctionDecl *FD) {
  if (!FD || !FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  return N.contains("alloc") || N.contains("register") ||
         N.contains("create");
}

std::string lockText(const Expr *E, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange R = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E->getSourceRange()), SM,
      Ctx.getLangOpts());
  std::string T = Lexer::getSourceText(R, SM, Ctx.getLangOpts()).str();
  T.erase(std::remove_if(T.begin(), T.end(), ::isspace), T.end());
  return T;
}

namespace {

// f or &f: the reference to a function.
const DeclRefExpr *funcRefExpr(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE && isa<FunctionDecl>(DRE->getDecl()) ? DRE : nullptr;
}

// The arm of a conditional whose condition is a constant: pm_sleep_ptr(fn)
// is "IS_ENABLED(CONFIG_PM_SLEEP) ? (fn) : NULL" in every dev_pm_ops.
static const Expr *constantArm(const Expr *E, const ASTContext &Ctx) {
  const auto *CO = dyn_cast<ConditionalOperator>(E->IgnoreParenCasts());
  Expr::EvalResult R;
  if (!CO || CO->getCond()->isValueDependent() ||
      !CO->getCond()->EvaluateAsInt(R, Ctx))
    return E;
  return constantArm(R.Val.getInt().getBoolValue() ? CO->getTrueExpr()
                                                   : CO->getFalseExpr(),
                     Ctx);
}

const FunctionDecl *funcRef(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return nullptr;
  E = constantArm(E, Ctx)->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return FD->getCanonicalDecl();
  return nullptr;
}

// The enum of a constant, if it has a name (enum bus_notifier_event).
const EnumDecl *namedEnum(const EnumConstantDecl *EC) {
  const auto *ED = dyn_cast<EnumDecl>(EC->getDeclContext());
  return ED && (ED->getIdentifier() || ED->getTypedefNameForAnonDecl())
             ? ED
             : nullptr;
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

static const RecordDecl *pointeeRecord(const Expr *E) {
  QualType T = E->getType();
  return T->isPointerType() ? T->getPointeeType()->getAsRecordDecl() : nullptr;
}

// E is parameter P itself or &P->dev (through one local alias such as
// "struct device *dev = &pdev->dev"): the device the function was given.
int deviceParam(const FunctionDecl *FD, const Expr *E) {
  if (!E)
    return -1;
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (!isa<ParmVarDecl>(VD) && VD->isLocalVarDecl() && VD->getInit())
        E = VD->getInit()->IgnoreParenImpCasts();
  int I = paramIndex(FD, E);
  if (I >= 0)
    return I;
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      if (const auto *ME =
              dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
        if (ME->isArrow() &&
            ME->getMemberDecl() == embeddedDevice(pointeeRecord(ME->getBase())))
          return paramIndex(FD, ME->getBase());
  return -1;
}

// &X->mutex or X->mutex (a lock call's argument): the member expression.
const MemberExpr *mutexMember(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *ME = dyn_cast<MemberExpr>(E);
  return ME && ME->getMemberDecl()->getName() == "mutex" ? ME : nullptr;
}

// A call passing caller parameter CallerParam as callee argument CalleeArg.
struct ParamEdge {
  const FunctionDecl *Caller, *Callee;
  unsigned CalleeArg, CallerParam;
};

// Asserts in FD's body on a parameter: FD requires that lock of its callers.
// With Acquires set: lock calls (and guard constructors) on a parameter
// instead of asserts, plus the parameter-passing call edges.
// P->a.b.c, members embedded in the struct parameter P points to: P and
// "a.b.c" (phydev->mdio.dev: struct phy_device embeds its device one struct
// deep).  Only the first step goes through a pointer, so the path names
// memory inside *P, the same for every load.
bool paramMemberPath(const FunctionDecl *FD, const Expr *E, unsigned &I,
                     std::string &Path) {
  std::string P;
  for (const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()); ME;
       ME = dyn_cast<MemberExpr>(ME->getBase()->IgnoreParenImpCasts())) {
    P = ME->getMemberDecl()->getName().str() + (P.empty() ? "" : "." + P);
    if (!ME->isArrow())
      continue;
    int Idx = paramIndex(FD, ME->getBase());
    if (Idx < 0)
      return false;
    I = Idx;
    Path = P;
    return true;
  }
  return false;
}

// The device lock of a parameter, as a lock or unlock call's argument:
// P, or &P->member (an embedded struct device, maybe one struct deep).
bool paramDevice(const FunctionDecl *FD, const Expr *E, unsigned &I,
                 std::string &Member) {
  int Idx = paramIndex(FD, E);
  if (Idx >= 0) {
    I = Idx;
    return true;
  }
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
  return UO && UO->getOpcode() == UO_AddrOf &&
         paramMemberPath(FD, UO->getSubExpr(), I, Member);
}

// P->m, a struct device * kept in a member of parameter P (master->dev,
// hw->dev): its lock is P's callers' to hold.  Any held group mutex
// satisfies a group requirement; a device lock needs the very device, which
// a pointer loaded again need not provably be, so the analyzer reports one
// only where no device lock at all is held.
bool paramDevicePointer(const FunctionDecl *FD, const Expr *E, unsigned &I,
                        std::string &Member) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  int Idx = ME && ME->isArrow() ? paramIndex(FD, ME->getBase()) : -1;
  const RecordDecl *RD = Idx < 0 || !ME->getType()->isPointerType()
                             ? nullptr
                             : ME->getType()->getPointeeType()->getAsRecordDecl();
  if (!RD || RD->getName() != "device")
    return false;
  I = Idx;
  Member = ME->getMemberDecl()->getName().str();
  return true;
}

// container_of(P, T, m) of parameter P, as the macro expands: the statement
// expression whose value is (T *)(__mptr - offsetof(T, m)) with __mptr
// initialised from P.  Its parameter and offset in bytes, if so.
// container_of(P, T, member): P and the member's offset.
bool containerOf(const Expr *E, const ASTContext &Ctx, const Expr *&Base,
                 int64_t &Offset) {
  E = E->IgnoreParenCasts();
  if (const auto *G = dyn_cast<GenericSelectionExpr>(E)) // container_of_const
    return !G->isResultDependent() &&
           containerOf(G->getResultExpr(), Ctx, Base, Offset);
  const auto *SE = dyn_cast<StmtExpr>(E);
  const Expr *Last = SE && !SE->getSubStmt()->body_empty()
                         ? dyn_cast<Expr>(SE->getSubStmt()->body_back())
                         : nullptr;
  const auto *Sub =
      Last ? dyn_cast<BinaryOperator>(Last->IgnoreParenCasts()) : nullptr;
  if (!Sub || Sub->getOpcode() != BO_Sub)
    return false;
  const auto *M = dyn_cast<DeclRefExpr>(Sub->getLHS()->IgnoreParenCasts());
  const auto *V = M ? dyn_cast<VarDecl>(M->getDecl()) : nullptr;
  Expr::EvalResult Off;
  if (!V || !V->getInit() || !Sub->getRHS()->EvaluateAsInt(Off, Ctx))
    return false;
  Base = V->getInit()->IgnoreParenCasts();
  Offset = Off.Val.getInt().getExtValue();
  return true;
}

bool containerOfParam(const FunctionDecl *FD, const Expr *E, unsigned &Arg,
                      int64_t &Offset) {
  const Expr *Base;
  if (!containerOf(E, FD->getASTContext(), Base, Offset))
    return false;
  int P = paramIndex(FD, Base);
  if (P < 0)
    return false;
  Arg = P;
  return true;
}

// The byte offset of the struct device that RD embeds, -1 if none.
int64_t deviceMemberOffset(const RecordDecl *RD) {
  const FieldDecl *F = embeddedDevice(RD);
  return F ? RD->getASTContext().getFieldOffset(F) / 8 : -1;
}

// The values an expression can give: both arms of a conditional
// (i2c_verify_client(): "dev->type == &i2c_client_type ? to_i2c_client(dev)
// : NULL").
static void valueLeaves(const Expr *E, std::vector<const Expr *> &Out) {
  E = E->IgnoreParenCasts();
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    valueLeaves(CO->getTrueExpr(), Out);
    valueLeaves(CO->getFalseExpr(), Out);
    return;
  }
  Out.push_back(E);
}

// A converter (to_cxl_port(), i2c_verify_client()): every value it returns
// is NULL or container_of() of the same parameter.  Callers see the struct
// around their device again, not a fresh pointer: this TU's text scan, and
// through "@converts fn arg offset" the callers in other files.
// The values FD's returns give (valueLeaves()); false if some return
// gives none ("return;").
static bool returnValues(const FunctionDecl *FD,
                         std::vector<const Expr *> &Values) {
  struct Returns : RecursiveASTVisitor<Returns> {
    std::vector<const Expr *> *Values;
    bool Bare = false;
    bool VisitReturnStmt(ReturnStmt *RS) {
      if (RS->getRetValue())
        valueLeaves(RS->getRetValue(), *Values);
      else
        Bare = true;
      return true;
    }
  } R;
  R.Values = &Values;
  R.TraverseStmt(FD->getBody());
  return !R.Bare;
}

bool converter(const FunctionDecl *FD, unsigned &Arg, int64_t &Offset) {
  if (!FD->getIdentifier() || !FD->hasBody() ||
      !FD->getReturnType()->isPointerType())
    return false;
  std::vector<const Expr *> Values;
  bool AllValued = returnValues(FD, Values);
  bool Found = false;
  for (const Expr *V : Values) {
    unsigned A;
    int64_t O;
    if (V->isNullPointerConstant(FD->getASTContext(),
                                 Expr::NPC_ValueDependentIsNotNull))
      continue;
    if (!containerOfParam(FD, V, A, O) || (Found && (Arg != A || O != Offset)))
      return false;
    Found = true;
    Arg = A;
    Offset = O;
  }
  return Found && AllValued;
}

// The slot a callback is read from: "ops->suspend", a field of function
// pointer type.
static const FieldDecl *slotRead(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenCasts());
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  return F && F->getType()->isFunctionPointerType() ? F : nullptr;
}

// Every slot FD returns, if it returns nothing else but NULL (pm_op()).
static std::set<std::string> slotGetter(const FunctionDecl *FD) {
  std::set<std::string> Slots;
  std::vector<const Expr *> Values;
  if (!FD->getReturnType()->isFunctionPointerType())
    return Slots;
  returnValues(FD, Values);
  for (const Expr *V : Values) {
    if (V->isNullPointerConstant(FD->getASTContext(),
                                 Expr::NPC_ValueDependentIsNotNull))
      continue;
    const FieldDecl *F = slotRead(V);
    if (!F)
      return {};
    Slots.insert(slotName(F));
  }
  return Slots;
}

// The field an offsetof(struct T, field) names, if one.
static const FieldDecl *offsetField(const Expr *E) {
  const auto *OE = dyn_cast<OffsetOfExpr>(E->IgnoreParenCasts());
  if (!OE || OE->getNumComponents() != 1 ||
      OE->getComponent(0).getKind() != OffsetOfNode::Field)
    return nullptr;
  return OE->getComponent(0).getField();
}

// FD's calls of a parameter with its other parameters as arguments; and
// its calls of this TU's functions that pass a parameter on (Passes), so
// resolveParamCalls() can follow a callback through helpers:
// rpm_callback(cb, dev) -> __rpm_callback(cb, dev) -> cb(dev).
struct ParamPass {
  const FunctionDecl *Callee;
  std::vector<int> Args; // each argument's parameter of FD (-1: none)
};

static std::vector<ParamCall> paramCalls(const FunctionDecl *FD,
                                         std::vector<ParamPass> &Passes) {
  struct Calls : RecursiveASTVisitor<Calls> {
    const FunctionDecl *FD;
    std::vector<ParamCall> Found;
    std::vector<ParamPass> Passes;
    bool VisitCallExpr(CallExpr *CE) {
      std::vector<int> Args;
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        Args.push_back(paramIndex(FD, CE->getArg(I)));
      const FunctionDecl *G = CE->getDirectCallee();
      if (G && G->hasBody() &&
          std::any_of(Args.begin(), Args.end(), [](int P) { return P >= 0; }))
        Passes.push_back({G->getCanonicalDecl(), Args});
      int Fn = paramIndex(FD, CE->getCallee());
      if (Fn < 0)
        return true;
      for (unsigned I = 0; I < Args.size(); ++I)
        if (Args[I] >= 0)
          Found.push_back({unsigned(Fn), I, unsigned(Args[I])});
      return true;
    }
  } C;
  C.FD = FD;
  C.TraverseStmt(FD->getBody());
  Passes = std::move(C.Passes);
  return C.Found;
}

// A parameter FD passes to a helper that calls it is called by FD too,
// with what FD passed for the helper's arguments: to a fixpoint.
static void resolveParamCalls(
    std::map<const FunctionDecl *, std::vector<ParamCall>> &ParamCalls,
    const std::map<const FunctionDecl *, std::vector<ParamPass>> &Passes) {
  auto Has = [](const std::vector<ParamCall> &V, const ParamCall &C) {
    return std::any_of(V.begin(), V.end(), [&](const ParamCall &D) {
      return D.Fn == C.Fn && D.Arg == C.Arg && D.Param == C.Param;
    });
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &FP : Passes)
      for (const ParamPass &P : FP.second) {
        auto G = ParamCalls.find(P.Callee);
        if (G == ParamCalls.end())
          continue;
        std::vector<ParamCall> Through = G->second;
        for (const ParamCall &C : Through)
          if (C.Fn < P.Args.size() && C.Param < P.Args.size() &&
              P.Args[C.Fn] >= 0 && P.Args[C.Param] >= 0) {
            ParamCall New{unsigned(P.Args[C.Fn]), C.Arg, unsigned(P.Args[C.Param])};
            std::vector<ParamCall> &Mine = ParamCalls[FP.first];
            if (!Has(Mine, New)) {
              Mine.push_back(New);
              Changed = true;
            }
          }
      }
  }
}

bool leaves(const Stmt *S);

// A lock or unlock function of its parameter's device lock, read from its
// body: the call is a statement of the body itself, no earlier statement
// returns or jumps, and the body never does the opposite to that lock
// (pci_dev_lock(), pci_dev_unlock()).  The analyzer would say the same, but
// it does not analyse a function on its own once it inlined it, and the
// index does not analyse at all.
void lockWrappers(const FunctionDecl *FD, std::set<std::string> &Summary) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body || !FD->isExternallyVisible() || !FD->getIdentifier())
    return;
  struct Call {
    bool Acquire;
    unsigned Arg;
    std::string Member;
    bool Straight; // on every path through the body
  };
  std::vector<Call> Calls;
  struct Finder : RecursiveASTVisitor<Finder> {
    const FunctionDecl *FD;
    std::vector<Call> *Out;
    bool Straight = false;
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee || !Callee->getIdentifier())
        return true;
      StringRef N = Callee->getName();
      auto A = acquireRules().find(N);
      auto R = releaseRules().find(N);
      bool Acq = A != acquireRules().end() && A->second.Kind == DEV_MUTEX;
      bool Rel = R != releaseRules().end() && R->second.Kind == DEV_MUTEX;
      unsigned Arg = Acq ? A->second.Arg : Rel ? R->second.Arg : 0;
      unsigned I;
      std::string M;
      if ((Acq || Rel) && Arg < CE->getNumArgs() &&
          paramDevice(FD, CE->getArg(Arg), I, M))
        Out->push_back({Acq, I, M, Straight && (Rel || A->second.How == ALWAYS)});
      return true;
    }
  } F;
  F.FD = FD;
  F.Out = &Calls;
  bool Left = false;
  for (const Stmt *S : Body->body()) {
    const auto *E = dyn_cast<Expr>(S);
    F.Straight = !Left && E && isa<CallExpr>(E->IgnoreParenCasts());
    F.TraverseStmt(const_cast<Stmt *>(S));
    Left |= leaves(S);
  }
  for (const Call &C : Calls) {
    bool Opposite = false;
    for (const Call &O : Calls)
      Opposite |= O.Acquire != C.Acquire && O.Arg == C.Arg && O.Member == C.Member;
    if (!C.Straight || Opposite)
      continue;
    std::string Tail = std::to_string(C.Arg) + " " + kindName(DEV_MUTEX) +
                       (C.Acquire ? " ALWAYS" : "") +
                       (C.Member.empty() ? "" : " " + C.Member);
    Summary.insert((C.Acquire ? "@acquires " : "@releases ") +
                   FD->getName().str() + " " + Tail);
  }
}

// Does S contain a statement that can leave the function early, or jump?
bool leaves(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt>(S) || isa<GotoStmt>(S) || isa<LabelStmt>(S) ||
      isa<IndirectGotoStmt>(S))
    return true;
  for (const Stmt *C : S->children())
    if (leaves(C))
      return true;
  return false;
}

struct AssertScan : RecursiveASTVisitor<AssertScan> {
  const FunctionDecl *FD;
  bool Acquires;
  std::set<std::tuple<unsigned, LockKind, std::string>> Found;
  std::vector<ParamEdge> Edges;
  // device_lock() arguments, as written, where a condition on a parameter
  // decides the call: "if (lock) device_lock(&found_dev->dev)"
  std::set<std::string> Texts;
  bool LocksDevice = false; // calls a device lock function, on any device
  unsigned ParamCond = 0; // depth of ifs whose condition reads a parameter
  AssertScan(const FunctionDecl *F, bool Acq = false) : FD(F), Acquires(Acq) {}

  bool readsParam(const Stmt *S) const {
    if (!S)
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        return P->getDeclContext() == FD;
    for (const Stmt *C : S->children())
      if (readsParam(C))
        return true;
    return false;
  }
  bool TraverseIfStmt(IfStmt *S) {
    bool P = readsParam(S->getCond());
    ParamCond += P;
    bool R = RecursiveASTVisitor::TraverseIfStmt(S);
    ParamCond -= P;
    return R;
  }

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
    if (It != acquireRules().end() && It->second.Arg < CE->getNumArgs()) {
      LocksDevice |= It->second.Kind == DEV_MUTEX;
      lockArg(CE->getArg(It->second.Arg), It->second.Kind);
      if (It->second.Kind == DEV_MUTEX && ParamCond)
        Texts.insert(lockText(CE->getArg(It->second.Arg),
                              FD->getASTContext()));
    }
    LockKind GK;
    if (guardConstructor(N, GK) && CE->getNumArgs() == 1)
      lockArg(CE->getArg(0), GK);
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      int P = paramIndex(FD, CE->getArg(I));
      if (P >= 0)
        Edges.push_back({FD->getCanonicalDecl(), Callee->getCanonicalDecl(), I,
                         unsigned(P)});
    }
  }

  bool paramArg(const Expr *E, unsigned &I, std::string &Member) {
    return paramDevice(FD, E, I, Member);
  }

  // &P->mutex -> (P, DEV_MUTEX); &P->m.mutex -> (P, DEV_MUTEX, m);
  // &P->iommu_group->mutex -> (P, DEV_GROUP_MUTEX)
  void mutexExpr(const Expr *E) {
    const MemberExpr *ME = mutexMember(E);
    if (!ME)
      return;
    const Expr *B = ME->getBase()->IgnoreParenImpCasts();
    const auto *BM = dyn_cast<MemberExpr>(B);
    std::string Member;
    int I;
    if (ME->isArrow()) {
      if ((I = paramIndex(FD, B)) >= 0)
        Found.insert({unsigned(I), DEV_MUTEX, ""});
      else if (BM && BM->isArrow() &&
               BM->getMemberDecl()->getName() == "iommu_group" &&
               (I = paramIndex(FD, BM->getBase())) >= 0)
        Found.insert({unsigned(I), DEV_GROUP_MUTEX, ""});
      else if (unsigned J; !Acquires && BM &&
               paramDevicePointer(FD, BM, J, Member))
        Found.insert({J, DEV_MUTEX, Member}); // &hw->dev->mutex
    } else {
      unsigned P;
      std::string Path;
      if (paramMemberPath(FD, B, P, Path))
        Found.insert({P, DEV_MUTEX, Path});
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
      const Expr *A = CE->getArg(It->second.Arg);
      if (paramArg(A, I, Member) || paramDevicePointer(FD, A, I, Member))
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

// How a function's body hands devices to function-pointer slots: a device
// it created (ops->dev_dma_configure(&pdev->dev) after platform_device_alloc)
// and tables it registers together with its own device
// (component_master_add_with_match(dev, &vc4_drm_ops, match) in probe).
struct HandOffScan : RecursiveASTVisitor<HandOffScan> {
  const FunctionDecl *FD;
  std::set<const VarDecl *> Created; // locals holding a new object
  std::vector<std::pair<const FieldDecl *, unsigned>> CreatedToSlot;
  // tables registered beside the own device, with that device's type
  std::vector<std::pair<const VarDecl *, const RecordDecl *>> TableWithOwnDev;
  std::vector<const FieldDecl *> OwnDevStored; // priv->pdev = pdev
  // fields given a new object (priv->dsp = pdev after pdev =
  // platform_device_alloc(), h->ctxs = kcalloc(...)), and given anything
  // else but NULL
  std::vector<const FieldDecl *> CreatedStored, OtherStored;
  // Does every return give a new object, NULL or an ERR_PTR(), one of
  // them new (h20s_bank_add(): kzalloc(), device_register())?
  bool ReturnsNew = true, ReturnsOneNew = false;
  const std::set<std::string> &New; // other files' such functions (@new)
  HandOffScan(const FunctionDecl *F, const std::set<std::string> &N)
      : FD(F), New(N) {}

  static const VarDecl *local(const Expr *E) {
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(
            E ? E->IgnoreParenImpCasts() : nullptr))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->isLocalVarDecl() && !isa<ParmVarDecl>(VD))
          return VD;
    return nullptr;
  }
  bool creates(const FunctionDecl *F) const {
    return createsObject(F) ||
           (F && F->getIdentifier() && New.count(F->getName().str()));
  }
  bool fromCreator(const Stmt *S) const {
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      S = E->IgnoreParenCasts();
    if (const auto *CE = dyn_cast_or_null<CallExpr>(S))
      return creates(CE->getDirectCallee());
    // kzalloc() under CONFIG_MEM_ALLOC_PROFILING: alloc_hooks() wraps the
    // allocator's call in a statement expression
    return isa_and_nonnull<StmtExpr>(S) && containsCreator(S);
  }
  bool containsCreator(const Stmt *S) const {
    if (!S)
      return false;
    if (const auto *CE = dyn_cast<CallExpr>(S))
      if (creates(CE->getDirectCallee()))
        return true;
    for (const Stmt *C : S->children())
      if (containsCreator(C))
        return true;
    return false;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->isLocalVarDecl() && fromCreator(VD->getInit()))
      Created.insert(VD);
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *RS) {
    const Expr *V = RS->getRetValue();
    const auto *CE = V ? dyn_cast<CallExpr>(V->IgnoreParenCasts()) : nullptr;
    const FunctionDecl *G = CE ? CE->getDirectCallee() : nullptr;
    bool New = V && (fromCreator(V) || Created.count(local(V)));
    ReturnsOneNew |= New;
    ReturnsNew &= New || (V && V->isNullPointerConstant(
                                   FD->getASTContext(),
                                   Expr::NPC_ValueDependentIsNotNull)) ||
                  (G && G->getIdentifier() &&
                   (G->getName() == "ERR_PTR" || G->getName() == "ERR_CAST"));
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    bool New = fromCreator(BO->getRHS()) || Created.count(local(BO->getRHS()));
    if (fromCreator(BO->getRHS()))
      if (const VarDecl *V = local(BO->getLHS()))
        Created.insert(V);
    if (const auto *ME =
            dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        if (deviceParam(FD, BO->getRHS()) == 0)
          OwnDevStored.push_back(F);
    // (an element of a field's array too: priv->cells[i] = pdev)
    const Expr *To = BO->getLHS()->IgnoreParenImpCasts();
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(To))
      To = AS->getBase()->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(To))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        if (F->getType()->isPointerType() || F->getType()->isArrayType()) {
          if (New)
            CreatedStored.push_back(F);
          else if (!BO->getRHS()->isNullPointerConstant(
                       FD->getASTContext(), Expr::NPC_ValueDependentIsNotNull))
            OtherStored.push_back(F);
        }
    return true;
  }
  // V or &V->dev for a created V.
  bool createdDevice(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      if (UO->getOpcode() == UO_AddrOf)
        if (const auto *ME =
                dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
          if (ME->isArrow())
            E = ME->getBase();
    const VarDecl *V = local(E);
    return V && Created.count(V);
  }
  bool VisitCallExpr(CallExpr *CE) {
    const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(Callee)) {
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          if (createdDevice(CE->getArg(I)))
            CreatedToSlot.push_back({F, I});
      return true;
    }
    // A static table passed beside this function's own device.
    const RecordDecl *OwnType = nullptr;
    for (unsigned I = 0; I < CE->getNumArgs() && !OwnType; ++I)
      if (deviceParam(FD, CE->getArg(I)) == 0)
        OwnType = pointeeRecord(CE->getArg(I)->IgnoreParenImpCasts());
    if (!OwnType)
      return true;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const Expr *A = CE->getArg(I)->IgnoreParenImpCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(A))
        if (UO->getOpcode() == UO_AddrOf)
          if (const auto *DRE = dyn_cast<DeclRefExpr>(
                  UO->getSubExpr()->IgnoreParenImpCasts()))
            if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
              if (VD->hasGlobalStorage() && VD->getType()->isRecordType())
                TableWithOwnDev.push_back({VD, OwnType});
    }
    return true;
  }
};

// The comment just before FD's definition, kernel-doc or not.  Clang keeps
// only doc comments (/** */) unless -fparse-all-comments, and a helper's
// contract is as often in a plain one, so that is read from the source.
static std::string leadingComment(const FunctionDecl *FD) {
  const ASTContext &Ctx = FD->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  if (const RawComment *RC = Ctx.getRawCommentForDeclNoCache(FD))
    return RC->getRawText(SM).str();
  SourceLocation Begin = SM.getExpansionLoc(FD->getBeginLoc());
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(SM.getFileID(Begin), &Invalid);
  if (Invalid)
    return "";
  StringRef Before =
      Buf.substr(0, SM.getFileOffset(Begin)).rtrim(" \t\r\n");
  if (!Before.ends_with("*/"))
    return "";
  size_t Open = Before.rfind("/*");
  return Open == StringRef::npos ? "" : Before.substr(Open).str();
}

// A comment's lines without the "/*", " * " and "*/" around them.
static SmallVector<StringRef, 16> commentLines(StringRef Text) {
  SmallVector<StringRef, 16> Lines;
  Text.split(Lines, '\n');
  for (StringRef &L : Lines)
    L = L.trim().ltrim("/*").rtrim("*/").trim();
  return Lines;
}

// A kernel-doc "Context:" section, which starts its line, that puts a lock
// on the caller ("Context: Caller must hold the device lock"; "Context:
// Takes and releases ..." does not; nor does "Context:" inside a sentence).
bool contextSaysHeld(const FunctionDecl *FD) {
  std::string Text = leadingComment(FD);
  for (StringRef L : commentLines(Text)) {
    if (!L.starts_with("Context:"))
      continue;
    std::string S = L.lower();
    StringRef R(S);
    if ((R.contains("lock") || R.contains("mutex")) &&
        (R.contains("held") || R.contains("hold")) && !R.contains("not held") &&
        !R.contains("takes") && !R.contains("acquires"))
      return true;
  }
  return false;
}

// The text of FD's kernel-doc "Context:" section (or, WHOLE, of its whole
// comment), its continuation lines joined, in lower case.
std::string contextText(const FunctionDecl *FD, bool Whole = false) {
  std::string Text = leadingComment(FD);
  std::string Out;
  bool In = false;
  for (StringRef T : commentLines(Text)) {
    if (Whole) {
      Out += " " + T.lower();
      continue;
    }
    if (T.starts_with("Context:")) {
      In = true;
      T = T.substr(8);
    } else if (In && (T.empty() || T.starts_with("@") ||
                      T.take_until([](char C) { return C == ' '; })
                          .ends_with(":"))) {
      break; // a blank line or the next section ends it
    }
    if (In)
      Out += " " + T.lower();
  }
  return Out;
}

// Parameter NAME of FD whose device lock "NAME" or "NAME->MEMBER" names:
// NAME itself if it is a struct device or embeds one as .dev (one struct
// deep is not its own), else MEMBER, an embedded struct device or a
// pointer to one.  MEMBER empty: none written.
static bool namedDevice(const FunctionDecl *FD, StringRef Name,
                        StringRef MemberName, unsigned &Arg,
                        std::string &Member) {
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (P->getName().lower() != Name)
      continue;
    std::optional<std::string> Path = deviceMemberPath(P->getType());
    if (MemberName.empty()) {
      if (!Path || StringRef(*Path).contains('.'))
        return false;
      Arg = I;
      Member = *Path;
      return true;
    }
    const RecordDecl *RD = P->getType()->isPointerType()
                               ? P->getType()->getPointeeType()->getAsRecordDecl()
                               : nullptr;
    RD = RD ? RD->getDefinition() : nullptr;
    if (!RD)
      return false;
    for (const FieldDecl *F : RD->fields())
      if (F->getName().lower() == MemberName) {
        QualType T = F->getType();
        const RecordDecl *FR = T->isPointerType()
                                   ? T->getPointeeType()->getAsRecordDecl()
                                   : T->getAsRecordDecl();
        if (!FR || FR->getName() != "device")
          return false;
        Arg = I;
        Member = F->getName().str();
        return true;
      }
    return false;
  }
  return false;
}

// "NAME", "@NAME", "&NAME->MEMBER", "@NAME->MEMBER" at the front of S.
static bool devicePhrase(const FunctionDecl *FD, StringRef S, unsigned &Arg,
                         std::string &Member) {
  auto Ident = [](StringRef &R) {
    StringRef N = R.take_while(
        [](char Ch) { return isalnum((unsigned char)Ch) || Ch == '_'; });
    R = R.drop_front(N.size());
    return N;
  };
  S.consume_front("&");
  S.consume_front("@");
  StringRef Name = Ident(S), MemberName;
  if (S.consume_front("->"))
    MemberName = Ident(S);
  return !Name.empty() && namedDevice(FD, Name, MemberName, Arg, Member);
}

// The parameter whose device lock a "Context:" section puts on the callers:
// "Caller holds device lock" (usb_set_configuration()), "Expects the device
// lock of @dev to be held", "the caller holds device_lock(&vdev->dev)".
// The device lock of something else ("of the port that owns the @cxld")
// names no parameter; nor does another struct's lock
// ("ioc->sas_device_lock").  Without a name, the one parameter that is a
// struct device or embeds one as .dev.  A _locked function's comment,
// Context: line or not, may say it in those forms with a name; the name
// alone says no lock.
bool contextDeviceLock(const FunctionDecl *FD, unsigned &Arg,
                       std::string &Member) {
  std::string S = contextText(FD);
  bool Named = S.empty() && FD->getIdentifier() &&
               FD->getName().ends_with("_locked");
  if (Named)
    S = contextText(FD, /*Whole=*/true);
  StringRef C(S);
  if (C.contains("not held") || C.contains("takes") || C.contains("acquire"))
    return false;
  if (!(C.contains("held") || C.contains("hold")))
    return false;
  size_t Call = C.find("device_lock(");
  if (Call != StringRef::npos)
    return devicePhrase(FD, C.substr(Call + 12), Arg, Member);
  size_t At = C.find(" device lock");
  if (At == StringRef::npos)
    return false;
  StringRef After = C.substr(At + 12).ltrim();
  if (After.consume_front("of "))
    return devicePhrase(FD, After, Arg, Member);
  if (Named)
    return false;
  int Found = -1;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    std::optional<std::string> Path =
        deviceMemberPath(FD->getParamDecl(I)->getType());
    if (Path && !StringRef(*Path).contains('.')) {
      if (Found >= 0)
        return false;
      Found = I;
      Member = *Path;
    }
  }
  if (Found < 0)
    return false;
  Arg = Found;
  return true;
}

// &group->mutex of a struct iommu_group.
bool isGroupMutex(const Expr *E) {
  const MemberExpr *ME = mutexMember(E);
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  const RecordDecl *RD = F ? namedRecord(F->getParent()) : nullptr;
  return RD && RD->getName() == "iommu_group";
}

// A call of a row of Rules on a group mutex: mutex_lock(&group->mutex), or
// a row of DEV_GROUP_MUTEX (iommu_group_mutex_assert(dev)).
bool groupLockCall(const CallExpr *CE, const llvm::StringMap<Rule> &Rules) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  auto R = Callee && Callee->getIdentifier() ? Rules.find(Callee->getName())
                                             : Rules.end();
  if (R == Rules.end() || R->second.Arg >= CE->getNumArgs())
    return false;
  return R->second.Kind == DEV_GROUP_MUTEX ||
         (R->second.Kind == MUTEX && isGroupMutex(CE->getArg(R->second.Arg)));
}

// Does FD state that a group mutex is held on entry: a requirement of its
// own (a rules-table row, an assert on a parameter's group), or an assert
// anywhere in its body (lockdep_assert_held(&group->mutex) of a local)?
bool assertsGroupMutex(const FunctionDecl *FD, const TUIndex &X) {
  if (X.requiresGroupMutex(FD))
    return true;
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (!Callee || !Callee->getIdentifier())
        return true;
      // lockdep_assert_held(l) == lock_is_held(&(l)->dep_map)
      if (Callee->getName() == "lock_is_held" && CE->getNumArgs() == 1) {
        const Expr *A = CE->getArg(0)->IgnoreParenImpCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(A))
          A = UO->getSubExpr()->IgnoreParenImpCasts();
        if (const auto *ME = dyn_cast<MemberExpr>(A))
          Found |= ME->getMemberDecl()->getName() == "dep_map" &&
                   isGroupMutex(ME->getBase());
      }
      Found |= groupLockCall(CE, assertRules());
      return !Found;
    }
  } F;
  F.TraverseStmt(FD->getBody());
  return F.Found;
}

// The device locks held at each call through a function-pointer slot, read
// from the function's text in order: what a pass without path analysis can
// say of a core's ->callback() calls (report_error_detected() in
// drivers/pci/pcie/err.c locks &dev->dev, then calls
// err_handler->error_detected(dev, ...)).  A lock counts from its lock (or
// assert, or guard) call until an unlock in the same or an enclosing
// block; what a branch or loop body does stays in it, except that a lock
// call in a condition counts after it (a trylock that bails out).  It errs
// towards "held": a slot context wrongly held hides a finding, one wrongly
// missing would make one up.
struct SlotTextScan {
  // A device lock by its device's text: "dev" for device_lock(dev),
  // "v[i]->dev" for device_lock(&v[i]->dev) and for a struct pointer
  // v[i] that embeds the device.
  using Key = std::string;
  using Held = std::set<Key>;
  // Some iommu group mutex: as in the analyzer, any held group mutex
  // satisfies a group requirement, so one key stands for all of them.
  static constexpr const char *AnyGroup = "@group";
  const FunctionDecl *FD;
  const TUIndex &X;
  std::vector<SlotCallSeen> Seen;
  std::set<std::string> Called; // every slot called, device argument or not
  // Direct calls of this TU's functions: is a group mutex held there?
  std::vector<std::pair<const FunctionDecl *, bool>> Direct;
  // And which of FD's parameters each argument is.
  std::vector<ArgFlow> Flows;
  // Locals set to the struct around a device (xd = container_of(dev, ...),
  // or a @converts function of another file): their device is that
  // device's key.
  std::map<const VarDecl *, Key> Alias;
  // Locals set by a call of an unknown function of another file from a
  // device: (the function, that device).
  std::map<const VarDecl *, std::pair<std::string, Key>> Unknown;
  std::set<std::string> Asks; // such functions a slot's context turns on
  // Locals holding a callback read from a slot (callback =
  // dev->driver->pm->prepare, or = pm_op(ops, state)): every slot each is
  // set from on any path.
  std::map<const VarDecl *, std::set<std::string>> SlotVars;
  // For eventContexts(): a function of this TU that locks a parameter on
  // some path counts as locking it (__device_driver_lock(dev, parent)).
  bool FollowTakes = false;
  // Direct calls with a device argument, held or not, for
  // deviceHeldOnEntry(); the events sent with one, for eventContexts().
  struct DeviceArg {
    const FunctionDecl *Callee;
    unsigned Arg;
    bool Held;
  };
  std::vector<DeviceArg> DeviceCalls; // of this TU's functions
  // Calls of this TU's functions and of another file's API functions
  // ("@api"): is some device lock held there?
  std::vector<std::pair<const FunctionDecl *, bool>> LockedCalls;
  std::vector<std::pair<std::string, bool>> ApiCalls;
  static bool anyDevice(const Held &H) {
    return std::any_of(H.begin(), H.end(), [](const Key &K) { return K != AnyGroup; });
  }
  struct EventSend {
    std::string Name; // the enumerator sent with the device
    bool Held;
    int Param; // the device is this parameter of FD (-1: not one)
  };
  std::vector<EventSend> Events;
  SlotTextScan(const FunctionDecl *F, const TUIndex &I) : FD(F), X(I) {}

  // The slots a callback value comes from.
  std::set<std::string> slotsIn(const Expr *E) const {
    std::set<std::string> Out;
    std::vector<const Expr *> Values;
    valueLeaves(E, Values);
    for (const Expr *V : Values) {
      if (const FieldDecl *F = slotRead(V))
        Out.insert(slotName(F));
      const auto *DRE = dyn_cast<DeclRefExpr>(V);
      auto L = DRE ? SlotVars.find(dyn_cast<VarDecl>(DRE->getDecl()))
                   : SlotVars.end();
      if (L != SlotVars.end())
        Out.insert(L->second.begin(), L->second.end());
      const auto *CE = dyn_cast<CallExpr>(V);
      const FunctionDecl *G = CE ? CE->getDirectCallee() : nullptr;
      auto R = G ? X.SlotGetters.find(G->getCanonicalDecl()) : X.SlotGetters.end();
      if (R != X.SlotGetters.end())
        Out.insert(R->second.begin(), R->second.end());
      // A getter told which slot by its offset: RPM_GET_CALLBACK(dev, cb)
      // is __rpm_get_callback(dev, offsetof(struct dev_pm_ops, cb)).
      if (CE && CE->getType()->isFunctionPointerType())
        for (const Expr *A : CE->arguments())
          if (const FieldDecl *F = offsetField(A))
            if (F->getType()->isFunctionPointerType())
              Out.insert(slotName(F));
    }
    return Out;
  }

  // A local set to the struct around a device (client = to_x(dev), or a
  // converter that a summary or this TU names, @converts: to_cxl_port(),
  // i2c_verify_client()): its embedded device is that device.
  void assign(const VarDecl *V, const Expr *Init) {
    if (!V || !V->isLocalVarDecl())
      return;
    if (Init && V->getType()->isFunctionPointerType()) {
      std::set<std::string> Slots = slotsIn(Init);
      SlotVars[V].insert(Slots.begin(), Slots.end());
      return;
    }
    Alias.erase(V);
    Unknown.erase(V);
    if (!Init || !V->getType()->isPointerType())
      return;
    int64_t Want = deviceMemberOffset(V->getType()->getPointeeType()->getAsRecordDecl());
    std::vector<const Expr *> Values;
    valueLeaves(Init, Values);
    std::optional<Key> Around;
    bool Agree = true;
    for (const Expr *E : Values) {
      if (E->isNullPointerConstant(FD->getASTContext(),
                                   Expr::NPC_ValueDependentIsNotNull))
        continue;
      std::optional<Key> K = deviceAround(E, Want);
      Agree &= K && (!Around || *Around == *K);
      Around = K;
    }
    if (Around && Agree) {
      Alias[V] = *Around;
      return;
    }
    // A call of another file's function the summaries say nothing of
    // (its file is not indexed): if the slot's context turns on it, the
    // summary asks for that file ("@asks").
    const auto *CE = dyn_cast<CallExpr>(Init->IgnoreParenCasts());
    const FunctionDecl *F = CE ? CE->getDirectCallee() : nullptr;
    if (F && F->getIdentifier() && !F->hasBody() && Want >= 0 &&
        !X.Converts.count(F->getName()))
      for (const Expr *A : CE->arguments())
        if (isDevicePointer(A->getType()))
          Unknown[V] = {F->getName().str(), key(A)};
  }
  // The device whose struct E is: container_of(dev, T, dev), or a
  // converter's call.
  std::optional<Key> deviceAround(const Expr *E, int64_t Want) const {
    const Expr *Base;
    int64_t Off;
    if (containerOf(E, FD->getASTContext(), Base, Off))
      return Off == Want ? std::optional<Key>(key(Base)) : std::nullopt;
    const auto *CE = dyn_cast<CallExpr>(E);
    const FunctionDecl *F = CE ? CE->getDirectCallee() : nullptr;
    auto C = F && F->getIdentifier() ? X.Converts.find(F->getName()) : X.Converts.end();
    if (C != X.Converts.end() && C->second.first < CE->getNumArgs() &&
        C->second.second == Want)
      return key(CE->getArg(C->second.first));
    return std::nullopt;
  }
  // Is the device an argument carries held: by its own name ("dev",
  // "pdev->dev"), or, for a local set to the struct around another
  // device, by that device's?
  bool deviceHeld(const Expr *E, const RecordDecl *RD, const Held &H) const {
    bool Embeds = !RD || RD->getName() != "device";
    if (H.count(key(E) + (Embeds ? "->dev" : "")))
      return true;
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    auto A = V ? Alias.find(V) : Alias.end();
    return Embeds && A != Alias.end() && H.count(A->second);
  }

  Key key(const Expr *E) const {
    Key K = lockText(E, FD->getASTContext());
    return K.size() > 1 && K[0] == '&' ? K.substr(1) : K;
  }

  void call(const CallExpr *CE, Held &H) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    Key K;
    if (Callee && Callee->getIdentifier()) {
      StringRef N = Callee->getName();
      // A device lock of the row's argument, if N has a row in Rules.
      auto DevLock = [&](const llvm::StringMap<Rule> &Rules) {
        auto R = Rules.find(N);
        if (R == Rules.end() || R->second.Kind != DEV_MUTEX ||
            R->second.Arg >= CE->getNumArgs())
          return false;
        K = key(CE->getArg(R->second.Arg));
        return true;
      };
      if (DevLock(acquireRules()) || DevLock(assertRules()))
        H.insert(K);
      if (DevLock(releaseRules()))
        H.erase(K);
      LockKind GK;
      if (guardConstructor(N, GK) && GK == DEV_MUTEX && CE->getNumArgs() == 1)
        H.insert(key(CE->getArg(0)));
      if (groupLockCall(CE, acquireRules()) ||
          (guardConstructor(N, GK) && GK == MUTEX && CE->getNumArgs() == 1 &&
           isGroupMutex(CE->getArg(0))))
        H.insert(AnyGroup);
      if (groupLockCall(CE, releaseRules()))
        H.erase(AnyGroup);
      // A slot handed to a function that calls it with a device it was
      // given: dpm_run_callback(callback, dev, ...) is callback(dev).
      auto PC = X.ParamCalls.find(Callee->getCanonicalDecl());
      if (PC != X.ParamCalls.end())
        for (const ParamCall &P : PC->second)
          if (P.Fn < CE->getNumArgs() && P.Param < CE->getNumArgs())
            for (const std::string &Slot : slotsIn(CE->getArg(P.Fn))) {
              Called.insert(Slot);
              slotCall(Slot, P.Arg, CE->getArg(P.Param), H);
            }
      if (X.ApiCalls.count(N.str()))
        ApiCalls.push_back({N.str(), anyDevice(H)});
      if (Callee->hasBody()) {
        Direct.push_back({Callee->getCanonicalDecl(), H.count(AnyGroup) > 0});
        LockedCalls.push_back({Callee->getCanonicalDecl(), anyDevice(H)});
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          Flows.push_back({FD->getCanonicalDecl(), Callee->getCanonicalDecl(), I,
                           paramIndex(FD, CE->getArg(I))});
      }
      deviceCall(CE, Callee, H);
      return;
    }
    // Through the slot itself, or a local set from slots.
    for (const std::string &Slot : slotsIn(CE->getCallee())) {
      Called.insert(Slot);
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        slotCall(Slot, I, CE->getArg(I), H);
    }
  }
  // A direct call: the device arguments it gets held or not, and the
  // enumerators sent with them (bus_notify(dev, BUS_NOTIFY_BOUND_DRIVER)).
  // Then, with FollowTakes, the locks it takes of its arguments.
  void deviceCall(const CallExpr *CE, const FunctionDecl *Callee, Held &H) {
    std::vector<std::string> Sent;
    for (const Expr *A : CE->arguments())
      if (const auto *DRE = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts()))
        if (const auto *EC = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
          if (namedEnum(EC)) // not stddef.h's enum { false, true }
            Sent.push_back(EC->getName().str());
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      // blocking_notifier_call_chain(&chain, EVENT, dev) takes it as void *
      const Expr *A = CE->getArg(I)->IgnoreParenImpCasts();
      if (!isDevicePointer(A->getType()))
        continue;
      bool IsHeld = deviceHeld(A, A->getType()->getPointeeType()->getAsRecordDecl(), H);
      for (const std::string &E : Sent)
        Events.push_back({E, IsHeld, paramIndex(FD, A)});
      if (Callee->hasBody())
        DeviceCalls.push_back({Callee->getCanonicalDecl(), I, IsHeld});
    }
    auto T = FollowTakes ? X.Takes.find(Callee->getCanonicalDecl()) : X.Takes.end();
    if (T != X.Takes.end())
      for (const auto &P : T->second)
        if (P.first < CE->getNumArgs())
          H.insert(key(CE->getArg(P.first)) +
                   (P.second.empty() ? "" : "->" + P.second));
  }
  // A call through Slot with Dev as its argument I.
  void slotCall(const std::string &Slot, unsigned I, const Expr *Dev,
                const Held &H) {
    QualType T = Dev->getType();
    if (!isDevicePointer(T))
      return;
    const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
    bool IsHeld = deviceHeld(Dev, RD, H);
    Seen.push_back({Slot, I, IsHeld, paramIndex(FD, Dev), H.count(AnyGroup) > 0});
    const auto *DRE = dyn_cast<DeclRefExpr>(Dev->IgnoreParenImpCasts());
    auto U = DRE ? Unknown.find(dyn_cast<VarDecl>(DRE->getDecl())) : Unknown.end();
    if (!IsHeld && U != Unknown.end() && H.count(U->second.second))
      Asks.insert(U->second.first);
  }

  void walk(const Stmt *S, Held &H) {
    if (!S)
      return;
    if (const auto *IS = dyn_cast<IfStmt>(S)) {
      walk(IS->getInit(), H);
      walk(IS->getCond(), H);
      Held Then = H, Else = H;
      walk(IS->getThen(), Then);
      walk(IS->getElse(), Else);
      return;
    }
    if (const auto *SS = dyn_cast<SwitchStmt>(S)) {
      walk(SS->getCond(), H);
      Held Body = H;
      walk(SS->getBody(), Body);
      return;
    }
    if (isa<CompoundStmt>(S) || isa<ForStmt>(S) || isa<WhileStmt>(S) ||
        isa<DoStmt>(S)) {
      Held Inner = H;
      for (const Stmt *C : S->children())
        walk(C, Inner);
      return;
    }
    for (const Stmt *C : S->children())
      walk(C, H);
    if (const auto *CE = dyn_cast<CallExpr>(S))
      call(CE, H);
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          assign(V, V->getInit());
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->getOpcode() == BO_Assign)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
          assign(dyn_cast<VarDecl>(DRE->getDecl()), BO->getRHS());
  }
};

struct IndexVisitor : RecursiveASTVisitor<IndexVisitor> {
  TUIndex &X;
  std::set<const DeclRefExpr *> Callees, Arguments;
  std::set<const DeclRefExpr *> ArgumentsOut; // to a function not defined here
  std::vector<const DeclRefExpr *> FuncRefs;
  std::vector<const FunctionDecl *> Defs;
  std::vector<ParamEdge> Edges;
  std::map<const FieldDecl *, std::set<const FunctionDecl *>> InSlot;
  std::map<const VarDecl *, std::vector<const FunctionDecl *>> TableFns;
  std::vector<const VarDecl *> OwnAttrGroups; // drivers' .dev_groups arrays
  std::set<const FunctionDecl *> DriverCallbacks; // a driver's other slots
  std::vector<std::pair<const FieldDecl *, unsigned>> CreatedToSlot;
  std::vector<std::tuple<const FunctionDecl *, const VarDecl *, const RecordDecl *>>
      OwnDevTables;
  std::vector<std::pair<const FunctionDecl *, const FieldDecl *>> OwnDevFields;
  std::set<const FieldDecl *> CreatedFields, OtherFields, MainCreated, MainOther;
  std::map<const FunctionDecl *, std::vector<ParamPass>> ParamPasses;
  const VarDecl *CurTable = nullptr;
  explicit IndexVisitor(TUIndex &I) : X(I) {}
  // The semantic form of an InitListExpr (fields in order) is implicit code.
  bool shouldVisitImplicitCode() const { return true; }
  // typeof() is never evaluated: EXPORT_SYMBOL(f)'s "extern typeof(f) f;"
  // neither calls nor stores f.
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc) { return true; }
  bool TraverseTypeOfExprType(TypeOfExprType *) { return true; }

  // FROM: the expression that names Fn, when this file spells it (not a
  // macro's: DEFINE_WAIT() stores default_wake_function everywhere).
  void stored(const RecordDecl *RD, const FieldDecl *F, const FunctionDecl *Fn,
              const Expr *From = nullptr) {
    if (!RD || !F || !Fn)
      return;
    // A member of an anonymous union (6.12's platform_driver { union {
    // remove; remove_new; }; }) is a slot of the enclosing struct.
    RD = namedRecord(RD);
    unsigned Arg;
    if (coreEntrySlot(RD, F, Fn, Arg))
      X.Entry[Fn] = Arg;
    else if (entryFamily(RD) && Fn->getNumParams() > 0 &&
             isDevicePointer(Fn->getParamDecl(0)->getType()))
      DriverCallbacks.insert(Fn);
    if (isBusDmaConfigureSlot(RD, F))
      X.BusDmaConfigure.insert(Fn);
    X.SlotsOf[Fn].insert(slotName(F));
    X.Stores.insert(slotName(F));
    // defined in another file: that file learns its slot from here
    if (From && !From->getBeginLoc().isMacroID() && !Fn->isDefined() &&
        Fn->isExternallyVisible() && Fn->getIdentifier())
      X.Summary.insert("@stored " + Fn->getName().str() + " " + slotName(F));
    InSlot[F].insert(Fn);
    if (CurTable)
      TableFns[CurTable].push_back(Fn);
  }
  // A header's static function that this file never names never runs
  // here.  Most function bodies of a kernel TU are such inlines, and each
  // would be walked by every scan of the index.
  bool TraverseFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isExternallyVisible() &&
        !FD->isReferenced() &&
        !FD->getASTContext().getSourceManager().isInMainFile(FD->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseFunctionDecl(FD);
  }
  bool TraverseVarDecl(VarDecl *VD) {
    const VarDecl *Saved = CurTable;
    if (VD->hasGlobalStorage())
      CurTable = VD;
    bool R = RecursiveASTVisitor::TraverseVarDecl(VD);
    CurTable = Saved;
    return R;
  }
  bool VisitInitListExpr(InitListExpr *ILE) {
    if (!ILE->isSemanticForm() || !(ILE->getType()->isStructureType() ||
                                    ILE->getType()->isUnionType()))
      return true;
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl()->getDefinition();
    if (!RD)
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      const Expr *Init = ILE->getInit(I++);
      stored(RD, F, funcRef(Init, RD->getASTContext()), Init);
      if (ownAttrGroupsSlot(namedRecord(RD), F))
        if (const VarDecl *Groups = varOf(Init))
          OwnAttrGroups.push_back(Groups);
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    if (const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        stored(F->getParent(), F, funcRef(BO->getRHS(), F->getASTContext()),
               BO->getRHS());
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    for (const Expr *A : CE->arguments())
      if (const DeclRefExpr *DRE = funcRefExpr(A)) {
        Arguments.insert(DRE);
        if (!Callee || !Callee->isDefined())
          ArgumentsOut.insert(DRE);
      }
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts())) {
      Callees.insert(DRE);
      if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
        if (!FD->isDefined() && FD->getIdentifier() && FD->isExternallyVisible())
          X.Uses.insert(FD->getName().str());
    }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    // EXPORT_SYMBOL(f) keeps f in a ".discard.addressable" pointer: that
    // makes f callable from other files, not a callback.  (A static
    // function kept there is an initcall: an entry.)
    const SectionAttr *SA = CurTable ? CurTable->getAttr<SectionAttr>() : nullptr;
    const auto *Ref = dyn_cast<FunctionDecl>(DRE->getDecl());
    if (SA && SA->getName() == ".discard.addressable" && Ref &&
        Ref->isExternallyVisible()) {
      X.Exported.insert(Ref->getCanonicalDecl());
      return true;
    }
    if (isa<FunctionDecl>(DRE->getDecl()))
      FuncRefs.push_back(DRE);
    return true;
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || !FD->getIdentifier())
      return true;
    Defs.push_back(FD);
    const FunctionDecl *Canon = FD->getCanonicalDecl();
    if (FD->getName().ends_with("_locked") || contextSaysHeld(FD))
      X.Contract.insert(Canon);
    AssertScan T(FD, /*Acquires=*/true);
    T.TraverseStmt(FD->getBody());
    X.LockTexts[Canon].insert(T.Texts.begin(), T.Texts.end());
    for (auto &P : T.Found)
      if (std::get<1>(P) != DEV_GROUP_MUTEX)
        X.Takes[Canon].insert({std::get<0>(P), std::get<2>(P)});
    if (T.LocksDevice)
      X.LocksDevice.insert(Canon);
    Edges.insert(Edges.end(), T.Edges.begin(), T.Edges.end());
    AssertScan S(FD);
    S.TraverseStmt(FD->getBody());
    unsigned CtxArg;
    std::string CtxMember;
    if (contextDeviceLock(FD, CtxArg, CtxMember))
      S.Found.insert({CtxArg, DEV_MUTEX, CtxMember});
    for (auto &P : S.Found) {
      unsigned Arg = std::get<0>(P);
      LockKind K = std::get<1>(P);
      const std::string &Member = std::get<2>(P);
      X.require(FD->getName().str(), {Arg, K, ALWAYS, Member});
      if (FD->isExternallyVisible())
        X.Summary.insert(FD->getName().str() + " " + std::to_string(Arg) +
                         " " + kindName(K) +
                         (Member.empty() ? "" : " " + Member));
    }
    lockWrappers(FD, X.Summary);
    unsigned CvArg;
    int64_t CvOffset;
    if (converter(FD, CvArg, CvOffset)) {
      X.Converts[FD->getName()] = {CvArg, CvOffset};
      if (FD->isExternallyVisible())
        X.Summary.insert("@converts " + FD->getName().str() + " " +
                         std::to_string(CvArg) + " " + std::to_string(CvOffset));
    }
    std::set<std::string> Returned = slotGetter(FD);
    if (!Returned.empty())
      X.SlotGetters[Canon] = Returned;
    std::vector<ParamCall> PC = paramCalls(FD, ParamPasses[Canon]);
    if (!PC.empty())
      X.ParamCalls[Canon] = PC;
    HandOffScan H(FD, X.NewElsewhere);
    H.TraverseStmt(FD->getBody());
    // a creator other files call: their fields and locals given its
    // result hold a device created there
    if (FD->isExternallyVisible() && FD->getReturnType()->isPointerType() &&
        H.ReturnsNew && H.ReturnsOneNew)
      X.Summary.insert("@new " + FD->getName().str());
    CreatedToSlot.insert(CreatedToSlot.end(), H.CreatedToSlot.begin(),
                         H.CreatedToSlot.end());
    for (auto &T : H.TableWithOwnDev)
      OwnDevTables.push_back({Canon, T.first, T.second});
    for (const FieldDecl *F : H.OwnDevStored)
      OwnDevFields.push_back({Canon, F});
    CreatedFields.insert(H.CreatedStored.begin(), H.CreatedStored.end());
    OtherFields.insert(H.OtherStored.begin(), H.OtherStored.end());
    // (what this file's own functions store: not a header's inline
    // dev_set_drvdata(), which every file has)
    if (FD->getASTContext().getSourceManager().isInMainFile(FD->getLocation())) {
      MainCreated.insert(H.CreatedStored.begin(), H.CreatedStored.end());
      MainOther.insert(H.OtherStored.begin(), H.OtherStored.end());
    }
    return true;
  }

  // After the walk, when every slot store is known.
  // This TU's functions that other files store in a slot: as if stored
  // here, where the slot's struct is visible.
  void storedElsewhere(ASTContext &Ctx) {
    for (const FunctionDecl *FD : Defs) {
      auto It = X.StoredElsewhere.find(FD->getName().str());
      if (It == X.StoredElsewhere.end() || !FD->isExternallyVisible())
        continue;
      for (const std::string &Slot : It->second) {
        StringRef Struct = StringRef(Slot).split('.').first;
        for (const NamedDecl *ND :
             Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Struct))) {
          const auto *RD = dyn_cast<RecordDecl>(ND);
          if (RD && (RD = RD->getDefinition()))
            if (const FieldDecl *F = fieldOfSlot(RD, Slot)) {
              X.AddressTaken.insert(FD->getCanonicalDecl());
              stored(RD, F, FD->getCanonicalDecl());
              break;
            }
        }
      }
    }
  }
  static const FieldDecl *fieldOfSlot(const RecordDecl *RD, StringRef Slot) {
    for (const FieldDecl *F : RD->fields()) {
      if (slotName(F) == Slot)
        return F;
      // through anonymous unions and structs (platform_driver's remove)
      if (const RecordDecl *In = F->getType()->getAsRecordDecl())
        if (In->isAnonymousStructOrUnion())
          if (const FieldDecl *G = fieldOfSlot(In, Slot))
            return G;
    }
    return nullptr;
  }

  // The variable an initializer names: foo, &foo, &foo.member.
  static const VarDecl *varOf(const Expr *E) {
    E = E ? E->IgnoreParenImpCasts() : nullptr;
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E))
      if (UO->getOpcode() == UO_AddrOf)
        E = UO->getSubExpr()->IgnoreParenImpCasts();
    while (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
      E = ME->getBase()->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  }
  static const InitListExpr *initList(const VarDecl *V) {
    const VarDecl *D = V ? V->getDefinition() : nullptr;
    const auto *ILE =
        D && D->getInit() ? dyn_cast<InitListExpr>(D->getInit()->IgnoreImplicit())
                          : nullptr;
    return ILE && ILE->isSyntacticForm() && ILE->getSemanticForm()
               ? ILE->getSemanticForm()
               : ILE;
  }
  // The functions of the attributes in a NULL-terminated array of attribute
  // groups (ATTRIBUTE_GROUPS(foo): foo_groups[] = { &foo_group }, whose
  // .attrs = foo_attrs[] = { &dev_attr_bar.attr }, whose .show/.store).
  static void attrFunctions(const VarDecl *Groups,
                            std::set<const FunctionDecl *> &Out) {
    const InitListExpr *GL = initList(Groups);
    for (unsigned I = 0; GL && I < GL->getNumInits(); ++I) {
      const InitListExpr *G = initList(varOf(GL->getInit(I)));
      const RecordDecl *GR = G ? G->getType()->getAsRecordDecl() : nullptr;
      if (!GR)
        continue;
      unsigned N = 0;
      for (const FieldDecl *F : GR->fields()) {
        if (N >= G->getNumInits())
          break;
        const Expr *Init = G->getInit(N++);
        if (F->getName() != "attrs")
          continue;
        const InitListExpr *AL = initList(varOf(Init));
        for (unsigned J = 0; AL && J < AL->getNumInits(); ++J) {
          const InitListExpr *A = initList(varOf(AL->getInit(J)));
          for (unsigned K = 0; A && K < A->getNumInits(); ++K)
            if (const FunctionDecl *Fn =
                    funcRef(A->getInit(K), GR->getASTContext()))
              Out.insert(Fn);
        }
      }
    }
  }

  void resolve() {
    // A driver's dev_groups are created on its bound devices: their
    // callbacks are given the driver's own device.
    std::set<const FunctionDecl *> AttrFns;
    for (const VarDecl *Groups : OwnAttrGroups)
      attrFunctions(Groups, AttrFns);
    for (const FunctionDecl *Fn : AttrFns)
      if (Fn->getNumParams() > 0 &&
          isDevicePointer(Fn->getParamDecl(0)->getType()) && !X.Entry.count(Fn))
        X.OwnDeviceParam[Fn->getCanonicalDecl()].insert(0);
    // A driver's callbacks besides probe and remove (serio_driver.connect,
    // xenbus_driver.resume) are given the device it is bound to as well,
    // whoever holds its lock.
    for (const FunctionDecl *Fn : DriverCallbacks)
      if (!X.Entry.count(Fn))
        X.OwnDeviceParam[Fn->getCanonicalDecl()].insert(0);
    resolveParamCalls(X.ParamCalls, ParamPasses);
    for (auto &C : CreatedToSlot)
      for (const FunctionDecl *Fn : InSlot[C.first])
        if (C.second < Fn->getNumParams())
          X.CreatedParam[Fn].insert(C.second);
    // a probe's, or a callback's whose slot's callers all hold the lock of
    // its first parameter (an ipack_driver_ops.probe): the own device
    for (auto &F : OwnDevFields) {
      auto E = X.Entry.find(F.first);
      if ((E != X.Entry.end() && E->second == 0) ||
          X.slotEntryLocks(F.first).count({0, DEV_MUTEX}))
        X.OwnDeviceFields.insert(F.second);
    }
    for (const FieldDecl *F : CreatedFields)
      if (!OtherFields.count(F) && !X.SetElsewhere.count(slotName(F)))
        X.CreatedFields.insert(F);
    // what this TU stores, for the files that only read the field
    for (const FieldDecl *F : MainCreated)
      X.Summary.insert("@newfield " + slotName(F));
    for (const FieldDecl *F : MainOther)
      X.Summary.insert("@setfield " + slotName(F));
    X.SetHere = OtherFields;
    // A table's function is given the own device only as the type it was
    // registered as: an ipack carrier registering its bus with &c->dev
    // gets its slots' ipack_devices back, other devices.
    for (auto &[Prober, Table, OwnType] : OwnDevTables) {
      auto E = X.Entry.find(Prober);
      if (E == X.Entry.end() || E->second != 0)
        continue;
      for (const FunctionDecl *Fn : TableFns[Table])
        if (Fn->getNumParams() > 0 &&
            isDevicePointer(Fn->getParamDecl(0)->getType()) &&
            Fn->getParamDecl(0)->getType()->getPointeeType()->getAsRecordDecl()
                    ->getCanonicalDecl() == OwnType->getCanonicalDecl() &&
            !X.Entry.count(Fn))
          X.OwnDeviceParam[Fn].insert(0);
    }
  }
};

// Own: this TU's summary from an earlier pass, whose lines about what
// this TU hands in and stores (@argdev, @newfield, @setfield) it knows
// better now: read back, a value it no longer stores would linger a pass.
void readSummaries(StringRef Dir, TUIndex &X, StringRef Own) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
       It.increment(EC)) {
    if (!StringRef(It->path()).ends_with(".sum"))
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(It->path());
    if (!Buf)
      continue;
    SmallVector<StringRef, 64> Lines;
    (*Buf)->getBuffer().split(Lines, '\n', -1, false);
    bool Mine = llvm::sys::path::filename(It->path()) == Own;
    for (StringRef L : Lines) {
      // Most lines are the front end's alone: a file's external callees
      // and the slots it writes.
      if (L.starts_with("@uses ") || L.starts_with("@stores "))
        continue;
      // "function arg KIND [member]" or "@slot struct.field arg KIND"
      SmallVector<StringRef, 4> F;
      L.split(F, ' ', -1, false);
      unsigned Arg;
      LockKind K;
      if (F.size() == 4 && F[0] == "@slot" && !F[2].getAsInteger(10, Arg) &&
          parseKind(F[3], K)) {
        X.SlotContext[F[1].str()].insert({Arg, K});
        continue;
      }
      // "@acquires function arg KIND HOW [member]"
      AcquireHow How;
      // (arg "ret": the returned object's device)
      if ((F.size() == 5 || F.size() == 6) && F[0] == "@acquires" &&
          (F[2] == "ret" ? (Arg = ReturnedArg, true)
                         : !F[2].getAsInteger(10, Arg)) &&
          parseKind(F[3], K) && parseHow(F[4], How)) {
        Rule R{Arg, K, How, F.size() == 6 ? F[5].str() : ""};
        std::vector<Rule> &Rs = X.Acquires[F[1]];
        // (one contract: a lock on another is not taken with the first)
        if (Rs.empty() || (R.How == Rs.front().How && R.Arg != ReturnedArg &&
                           Rs.front().Arg != ReturnedArg))
          Rs.insert(R.Member.empty() ? Rs.begin() : Rs.end(), R);
        continue;
      }
      // "@returns function": a TRY lock function's non-NULL return is
      // the object whose lock it took
      if (F.size() == 2 && F[0] == "@returns") {
        X.ReturnsLocked.insert(F[1].str());
        continue;
      }
      // "@event NAME held|unheld"
      if (F.size() == 3 && F[0] == "@event") {
        X.EventSeen[F[1].str()] |=
            F[2] == "held" ? EventHeldSend : EventUnheldSend;
        continue;
      }
      // "@open struct.field"
      if (F.size() == 2 && F[0] == "@open") {
        X.OpenSlots.insert(F[1].str());
        continue;
      }
      // "@api struct.field function", "@notapi struct.field"
      if (F.size() == 3 && F[0] == "@api") {
        X.ApiSlots.insert(F[1].str());
        X.ApiCalls[F[2].str()].insert(F[1].str());
        continue;
      }
      if (F.size() == 2 && F[0] == "@notapi") {
        X.NotApiSlots.insert(F[1].str());
        continue;
      }
      // "@stored function struct.field"
      if (F.size() == 3 && F[0] == "@stored") {
        X.StoredElsewhere[F[1].str()].insert(F[2].str());
        continue;
      }
      // "@new function", "@newfield struct.field", "@setfield struct.field"
      if (F.size() == 2 && F[0] == "@new") {
        X.NewElsewhere.insert(F[1].str());
        continue;
      }
      if (Mine && (F[0] == "@newfield" || F[0] == "@setfield" || F[0] == "@argdev"))
        continue;
      if (F.size() == 2 && (F[0] == "@newfield" || F[0] == "@setfield")) {
        (F[0] == "@newfield" ? X.NewFieldElsewhere : X.SetElsewhere)
            .insert(F[1].str());
        continue;
      }
      // "@configures function arg", "@argdev function arg pattern"
      if (F.size() == 3 && F[0] == "@configures" && !F[2].getAsInteger(10, Arg)) {
        X.ConfiguresParam[F[1].str()].insert(Arg);
        continue;
      }
      if (F.size() == 4 && F[0] == "@argdev" && !F[2].getAsInteger(10, Arg)) {
        X.HandedIn[F[1].str()][Arg].insert(F[3].str());
        continue;
      }
      // "@converts function arg offset"
      int64_t Off;
      if (F.size() == 4 && F[0] == "@converts" && !F[2].getAsInteger(10, Arg) &&
          !F[3].getAsInteger(10, Off)) {
        X.Converts[F[1]] = {Arg, Off};
        continue;
      }
      // "@releases function arg KIND [member]"
      if ((F.size() == 4 || F.size() == 5) && F[0] == "@releases" &&
          !F[2].getAsInteger(10, Arg) && parseKind(F[3], K)) {
        Rule R{Arg, K, ALWAYS, F.size() == 5 ? F[4].str() : ""};
        std::vector<Rule> &Rs = X.Releases[F[1]];
        Rs.insert(R.Member.empty() ? Rs.begin() : Rs.end(), R);
        continue;
      }
      if (F.size() < 3 || F.size() > 4 || F[0].starts_with("@") ||
          F[1].getAsInteger(10, Arg) || !parseKind(F[2], K))
        continue;
      X.require(F[0].str(),
                {Arg, K, ALWAYS, F.size() == 4 ? F[3].str() : std::string()});
    }
  }
}

} // namespace

// One row per (function, argument, lock): this file's own summary, read
// back in a later pass, repeats what its asserts say, and a requirement
// checked twice at one call ends the analyzer's path there.
void TUIndex::require(const std::string &Fn, const Rule &R) {
  std::vector<Rule> &Rows = Requires[Fn];
  for (const Rule &Old : Rows)
    if (Old.Arg == R.Arg && Old.Kind == R.Kind && Old.Member == R.Member)
      return;
  Rows.push_back(R);
}

// Every call through a slot in the TU's text: a slot's context is the
// device locks held at all of them.  A device the calling function got from
// its own callers (a helper's parameter, a _locked function's) says nothing
// of the slot: the helper's callers decide.  Callbacks start with what
// their own slot row gives them (bus_type.probe holds the device lock).
//
// The group mutex: iommu.c calls ->attach_dev() from __iommu_attach_device(),
// whose callers hold it, and ->def_domain_type() from a static helper of
// a function that asserts it.  A function is entered holding one if it
// says so (assertsGroupMutex()), or if it is a static function called only
// directly, and only where one is held.
std::set<const FunctionDecl *> TUIndex::groupHeldOnEntry(
    const std::vector<const FunctionDecl *> &Defs,
    std::map<const FunctionDecl *, unsigned> &Calls) const {
  std::set<const FunctionDecl *> In;
  for (const FunctionDecl *FD : Defs)
    if (assertsGroupMutex(FD, *this))
      In.insert(FD->getCanonicalDecl());
  // Where struct iommu_group is opaque and no function states a group
  // requirement (every file but iommu.c and a few drivers), no group mutex
  // is ever held: spare the walks.
  if (In.empty() && !Defs.empty()) {
    ASTContext &Ctx = Defs.front()->getASTContext();
    bool Defined = false;
    for (const NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(
             &Ctx.Idents.get("iommu_group")))
      if (const auto *RD = dyn_cast<RecordDecl>(ND))
        Defined |= RD->getDefinition() != nullptr;
    if (!Defined)
      return In;
  }
  for (bool Changed = true; Changed;) {
    Changed = false;
    std::map<const FunctionDecl *, std::pair<unsigned, unsigned>> Sites;
    for (const FunctionDecl *FD : Defs) {
      SlotTextScan S(FD, *this);
      SlotTextScan::Held H;
      if (In.count(FD->getCanonicalDecl()))
        H.insert(SlotTextScan::AnyGroup);
      S.walk(FD->getBody(), H);
      for (auto &D : S.Direct)
        (D.second ? Sites[D.first].first : Sites[D.first].second)++;
    }
    Calls.clear();
    for (auto &S : Sites)
      Calls[S.first] = S.second.first + S.second.second;
    for (const FunctionDecl *FD : Defs) {
      const FunctionDecl *C = FD->getCanonicalDecl();
      auto It = Sites.find(C);
      if (!In.count(C) && !FD->isExternallyVisible() && !entryOrCallback(FD) &&
          It != Sites.end() && It->second.first && !It->second.second)
        Changed |= In.insert(C).second;
    }
  }
  return In;
}

// A kernel-doc sentence "This function must be called with the device
// lock held" (device_bind_driver()) or "... with @dev lock held"
// (driver_probe_device()): the device parameter whose lock its callers
// hold.  Not "@dev->parent lock", nor a comment naming no parameter.
static bool docSaysDeviceHeld(const FunctionDecl *FD, unsigned &Arg) {
  std::string S = contextText(FD, /*Whole=*/true);
  StringRef C(S);
  size_t At = C.find("must be called with ");
  if (At == StringRef::npos)
    return false;
  StringRef What = C.substr(At + 20);
  int Found = -1;
  if (What.consume_front("the device lock held")) {
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      if (deviceMemberPath(FD->getParamDecl(I)->getType())) {
        if (Found >= 0)
          return false;
        Found = I;
      }
  } else if (What.consume_front("@")) {
    StringRef Name = What.take_while(
        [](char Ch) { return isalnum((unsigned char)Ch) || Ch == '_'; });
    if (!What.substr(Name.size()).starts_with(" lock held"))
      return false;
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      if (FD->getParamDecl(I)->getName().lower() == Name &&
          deviceMemberPath(FD->getParamDecl(I)->getType()))
        Found = I;
  }
  if (Found < 0)
    return false;
  Arg = Found;
  return true;
}

static SlotTextScan scanHolding(const TUIndex &X, const FunctionDecl *FD,
                                const DeviceHeld &In, bool FollowTakes);

// The keys of the devices In says FD holds on entry ("dev", "pdev->dev").
static void heldOnEntry(const FunctionDecl *FD, const DeviceHeld &In,
                        SlotTextScan::Held &H) {
  auto It = In.find(FD->getCanonicalDecl());
  if (It != In.end())
    for (unsigned P : It->second)
      if (P < FD->getNumParams())
        if (std::optional<std::string> Path =
                deviceMemberPath(FD->getParamDecl(P)->getType()))
          H.insert(FD->getParamDecl(P)->getName().str() +
                   (Path->empty() ? "" : "->" + *Path));
}

// The device parameters of this TU's functions held on entry: from the
// driver core's entry slots, kernel-doc contracts ("must be called with
// @dev lock held"), the slot contexts the summaries give, and static
// functions called only with them held (really_probe() under
// driver_probe_device(), dev_sync_state() under state_synced_store()'s
// device_lock()), iterated to a fixpoint.  With
// FollowTakes, a function of this TU that locks its parameter on some
// path counts as locking it (__device_driver_lock()): for the events,
// where that can only make a send look held.  Slot contexts do without:
// device_prepare() locks and unlocks, and the PM core's late callbacks,
// called after it, run unlocked.  Sites: each (function, parameter)
// called directly here.
static DeviceHeld
deviceHeldOnEntry(const TUIndex &X, const std::vector<const FunctionDecl *> &Defs,
                  bool FollowTakes,
                  std::set<std::pair<const FunctionDecl *, unsigned>> &Sites) {
  DeviceHeld In;
  for (const FunctionDecl *FD : Defs) {
    const FunctionDecl *Canon = FD->getCanonicalDecl();
    auto E = X.Entry.find(Canon);
    if (E != X.Entry.end())
      In[Canon].insert(E->second);
    unsigned A;
    if (docSaysDeviceHeld(FD, A))
      In[Canon].insert(A);
    // stored in slots whose callers in other files hold it: the PM
    // core's device_resume() calls pnp_bus_resume() (dev_pm_ops.resume)
    // under the device lock, and it calls the PNP driver's ->resume()
    for (const SlotLock &L : X.slotEntryLocks(Canon))
      if (L.Kind == DEV_MUTEX)
        In[Canon].insert(L.Arg);
  }
  // A function's scan depends on what In gives it only: each round
  // scans again the functions whose entry set the last one grew.
  std::vector<std::vector<SlotTextScan::DeviceArg>> Calls(Defs.size());
  std::vector<bool> Stale(Defs.size(), true);
  for (bool Changed = true; Changed;) {
    Changed = false;
    std::map<std::pair<const FunctionDecl *, unsigned>,
             std::pair<unsigned, unsigned>>
        Count;
    for (size_t I = 0; I < Defs.size(); ++I) {
      if (Stale[I])
        Calls[I] = scanHolding(X, Defs[I], In, FollowTakes).DeviceCalls;
      Stale[I] = false;
      for (const auto &D : Calls[I])
        (D.Held ? Count[{D.Callee, D.Arg}].first
                : Count[{D.Callee, D.Arg}].second)++;
    }
    Sites.clear();
    for (const auto &C : Count)
      Sites.insert(C.first);
    for (size_t I = 0; I < Defs.size(); ++I) {
      const FunctionDecl *FD = Defs[I], *C = FD->getCanonicalDecl();
      if (FD->isExternallyVisible() || X.entryOrCallback(FD))
        continue;
      for (unsigned P = 0; P < FD->getNumParams(); ++P) {
        auto It = Count.find({C, P});
        if (It != Count.end() && It->second.first && !It->second.second &&
            In[C].insert(P).second)
          Changed = Stale[I] = true;
      }
    }
  }
  return In;
}

// FD's text walked from its entry, holding the devices In gives it.
static SlotTextScan scanHolding(const TUIndex &X, const FunctionDecl *FD,
                                const DeviceHeld &In, bool FollowTakes) {
  SlotTextScan S(FD, X);
  S.FollowTakes = FollowTakes;
  SlotTextScan::Held H;
  heldOnEntry(FD, In, H);
  S.walk(FD->getBody(), H);
  return S;
}

// The device locks a core holds where it sends an event with a device
// (bus_notify(dev, BUS_NOTIFY_BOUND_DRIVER) in dd.c's driver_bound()): a
// notifier callback gets that device with that lock for that event.  An
// event is held if every send of it holds the device's lock ("@event NAME
// held"); a send from an exported function without such a contract is
// unheld.
void TUIndex::eventContexts(const std::vector<const FunctionDecl *> &Defs,
                            const DeviceHeld &In,
                            const std::set<std::pair<const FunctionDecl *, unsigned>> &Sites) {
  std::map<std::string, std::pair<unsigned, unsigned>> Sent;
  for (const FunctionDecl *FD : Defs) {
    const FunctionDecl *C = FD->getCanonicalDecl();
    for (const SlotTextScan::EventSend &E : scanHolding(*this, FD, In, true).Events) {
      // A parameter's device in a function nobody here calls directly
      // (handed to a call), or under a contract naming no parameter: its
      // callers' business, unknown here.
      bool Unknown = E.Param >= 0 &&
                     ((!FD->isExternallyVisible() && !entryOrCallback(FD) &&
                       !Sites.count({C, (unsigned)E.Param})) ||
                      Contract.count(C));
      if (E.Held)
        Sent[E.Name].first++;
      else if (!Unknown)
        Sent[E.Name].second++;
    }
  }
  for (const auto &E : Sent)
    if (E.second.first || E.second.second) {
      bool Unheld = E.second.second > 0;
      Summary.insert("@event " + E.first + (Unheld ? " unheld" : " held"));
      EventSeen[E.first] |= Unheld ? EventUnheldSend : EventHeldSend;
    }
}

// The functions that run only in their API callers' context: those other
// files call (externally visible, not stored in a slot), contract
// functions, and what only they reach here; not what an entry or callback
// reaches, whose context this file sees (hotjoin_store() -> i3c_set_hotjoin()).
// Also, in Roots, what each such externally visible function reaches.
static std::set<const FunctionDecl *>
apiContext(const TUIndex &X, const std::vector<const FunctionDecl *> &Defs,
           const std::map<const FunctionDecl *, std::set<const FunctionDecl *>>
               &Callees,
           std::map<const FunctionDecl *, std::set<const FunctionDecl *>> &Roots) {
  auto Reach = [&](std::vector<const FunctionDecl *> Work,
                   std::set<const FunctionDecl *> &Seen,
                   const std::set<const FunctionDecl *> &Stop) {
    while (!Work.empty()) {
      const FunctionDecl *F = Work.back();
      Work.pop_back();
      if (!Seen.insert(F).second)
        continue;
      auto It = Callees.find(F);
      if (It != Callees.end())
        for (const FunctionDecl *G : It->second)
          if (!X.entryOrCallback(G) && !Stop.count(G))
            Work.push_back(G);
    }
  };
  std::vector<const FunctionDecl *> Entries, Apis;
  for (const FunctionDecl *FD : Defs) {
    const FunctionDecl *C = FD->getCanonicalDecl();
    if (X.Contract.count(C) || (FD->isExternallyVisible() && !X.entryOrCallback(FD)))
      Apis.push_back(C);
    else if (X.entryOrCallback(FD))
      Entries.push_back(C);
  }
  std::set<const FunctionDecl *> Closed, Api;
  Reach(Entries, Closed, {});
  Reach(Apis, Api, Closed);
  for (const FunctionDecl *C : Closed)
    Api.erase(C);
  for (const FunctionDecl *A : Apis)
    if (A->isExternallyVisible() && A->getIdentifier() && !Closed.count(A))
      Reach({A}, Roots[A], Closed);
  return Api;
}

void TUIndex::slotContextsFromText(
    const std::vector<const FunctionDecl *> &Defs, const DeviceHeld &In) {
  std::map<std::string, std::map<SlotLock, std::pair<unsigned, unsigned>>> N;
  std::map<const FunctionDecl *, std::set<const FunctionDecl *>> Callees;
  std::map<std::string, std::set<const FunctionDecl *>> CalledIn;
  std::vector<ArgFlow> Flows;
  // each slot call's function and the parameter its device is (-1: none)
  std::map<std::string, std::vector<std::pair<const FunctionDecl *, int>>> SlotArgs;
  std::map<const FunctionDecl *, unsigned> Calls;
  ApiCallScan Api;
  std::set<const FunctionDecl *> GroupIn = groupHeldOnEntry(Defs, Calls);
  for (const FunctionDecl *FD : Defs) {
    const FunctionDecl *Canon = FD->getCanonicalDecl();
    SlotTextScan S(FD, *this);
    SlotTextScan::Held H;
    if (GroupIn.count(Canon))
      H.insert(SlotTextScan::AnyGroup);
    // its entry slot's device, its contract's, or (a static helper) the
    // one all its callers here hold: dev_sync_state() under
    // state_synced_store()'s device_lock() calls ->sync_state() held
    heldOnEntry(FD, In, H);
    if (SlotTextScan::anyDevice(H))
      Api.LockedIn.insert(Canon);
    S.walk(FD->getBody(), H);
    for (const auto &L : S.LockedCalls)
      Api.Calls[L.first].push_back({Canon, L.second});
    for (const auto &A : S.ApiCalls)
      Api.ApiCalls.push_back({Canon, A.first, A.second});
    for (const std::string &A : S.Asks)
      Summary.insert("@asks " + A);
    for (const auto &D : S.Direct)
      Callees[Canon].insert(D.first);
    for (const std::string &Slot : S.Called)
      CalledIn[Slot].insert(Canon);
    Flows.insert(Flows.end(), S.Flows.begin(), S.Flows.end());
    for (const SlotCallSeen &C : S.Seen)
      SlotArgs[C.Slot].push_back({Canon, C.Param});
    bool CallersDecide = Contract.count(Canon) || !entryOrCallback(FD);
    if (Contract.count(Canon))
      for (const std::string &Slot : S.Called) {
        OpenSlots.insert(Slot);
        OpenHere.insert(Slot);
      }
    // Only this file can take a group mutex (struct iommu_group is private
    // to iommu.c): unless a contract says otherwise, or the function is a
    // static one nobody calls, a call without one is unheld.
    bool GroupCallersDecide =
        Contract.count(Canon) ||
        (!FD->isExternallyVisible() && !entryOrCallback(FD) && !Calls.count(Canon));
    for (const SlotCallSeen &C : S.Seen) {
      auto &Count = N[C.Slot][{C.Arg, DEV_MUTEX}];
      if (C.Held)
        Count.first++;
      else if (!(C.Param >= 0 && CallersDecide))
        Count.second++;
      auto &Group = N[C.Slot][{C.Arg, DEV_GROUP_MUTEX}];
      if (C.GroupHeld)
        Group.first++;
      else if (!GroupCallersDecide)
        Group.second++;
    }
  }
  std::set<std::string> Unheld; // a call shows its device unlocked
  for (auto &Slot : N)
    for (auto &L : Slot.second) {
      if (L.second.first && !L.second.second)
        TextSlotContext[Slot.first].insert(L.first);
      if (L.first.Kind == DEV_MUTEX && L.second.second)
        Unheld.insert(Slot.first);
    }
  apiSlotsFromText(Defs, Callees, Flows, SlotArgs, CalledIn, Unheld);
  apiLockedFromText(Api);
}

// The slots whose API functions this TU calls, each time with some device
// lock held: at the call, or throughout a static helper whose every call
// here is so (a probe's register helper).
void TUIndex::apiLockedFromText(const ApiCallScan &S) {
  std::set<const FunctionDecl *> Locked = S.LockedIn;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &C : S.Calls)
      if (!Locked.count(C.first) && !C.first->isExternallyVisible() &&
          !entryOrCallback(C.first) &&
          std::all_of(C.second.begin(), C.second.end(), [&](const auto &From) {
            return From.second || Locked.count(From.first);
          }))
        Changed |= Locked.insert(C.first).second;
  }
  std::map<std::string, std::pair<unsigned, unsigned>> Seen; // held, not
  for (const ApiCallScan::ApiCall &A : S.ApiCalls)
    for (const std::string &Slot : ApiCalls[A.Name])
      (A.Held || Locked.count(A.Caller) ? Seen[Slot].first : Seen[Slot].second)++;
  for (const auto &A : Seen)
    if (A.second.first && !A.second.second)
      ApiLocked.insert(A.first);
}

// A slot called only from the API's synchronous paths, with the device the
// API's caller handed in, never shown unlocked: the device locks held on
// entry to its functions are that caller's (i3c_master_register() ->
// ->bus_init(), from a driver's probe under its device lock).  Not one
// called for devices the core found itself (dpm_suspend_late() walking its
// list), nor one the core locks itself: its own callers hold none of those.
void TUIndex::apiSlotsFromText(
    const std::vector<const FunctionDecl *> &Defs,
    const std::map<const FunctionDecl *, std::set<const FunctionDecl *>> &Callees,
    const std::vector<ArgFlow> &Flows,
    const std::map<std::string, std::vector<std::pair<const FunctionDecl *, int>>> &SlotArgs,
    const std::map<std::string, std::set<const FunctionDecl *>> &CalledIn,
    const std::set<std::string> &Unheld) {
  std::map<const FunctionDecl *, std::set<const FunctionDecl *>> Roots;
  std::set<const FunctionDecl *> Api = apiContext(*this, Defs, Callees, Roots);
  // The parameters that may carry something else than what the API's
  // caller handed in: one a call here passes anything else to; and one
  // whose device the function locks itself.
  std::set<std::pair<const FunctionDecl *, int>> Foreign;
  for (const auto &T : Takes)
    if (Api.count(T.first))
      for (const auto &PM : T.second)
        Foreign.insert({T.first, (int)PM.first});
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const ArgFlow &F : Flows)
      if (Api.count(F.Callee) &&
          (!Api.count(F.Caller) || F.Param < 0 || Foreign.count({F.Caller, F.Param})))
        Changed |= Foreign.insert({F.Callee, (int)F.Arg}).second;
  }
  for (const auto &Slot : CalledIn) {
    bool NotApi = Unheld.count(Slot.first);
    auto Args = SlotArgs.find(Slot.first);
    if (Args != SlotArgs.end())
      for (const auto &A : Args->second)
        NotApi |= A.second < 0 || Foreign.count(A);
    NotApi |= !std::all_of(Slot.second.begin(), Slot.second.end(),
                           [&](const FunctionDecl *F) { return Api.count(F); });
    (NotApi ? NotApiSlots : ApiSlots).insert(Slot.first);
    if (NotApi) {
      NotApiHere.insert(Slot.first);
      continue;
    }
    // the API functions whose paths call it: their callers' context
    for (const auto &R : Roots)
      if (std::any_of(Slot.second.begin(), Slot.second.end(),
                      [&](const FunctionDecl *F) { return R.second.count(F); }))
        ApiHere[Slot.first].insert(R.first->getName().str());
  }
}

std::set<SlotLock> TUIndex::slotEntryLocks(const FunctionDecl *Canon) const {
  std::set<SlotLock> Common;
  auto S = SlotsOf.find(Canon);
  if (S == SlotsOf.end())
    return Common;
  bool First = true;
  for (const std::string &Slot : S->second) {
    auto Ctx = SlotContext.find(Slot);
    std::set<SlotLock> Here;
    if (Ctx != SlotContext.end())
      Here = Ctx->second;
    if (First)
      Common = Here;
    else
      for (auto I = Common.begin(); I != Common.end();)
        I = Here.count(*I) ? std::next(I) : Common.erase(I);
    First = false;
  }
  return Common;
}

bool TUIndex::requiresGroupMutex(const FunctionDecl *FD) const {
  auto It = FD && FD->getIdentifier() ? Requires.find(FD->getName().str())
                                      : Requires.end();
  if (It != Requires.end())
    for (const Rule &R : It->second)
      if (R.Kind == DEV_GROUP_MUTEX)
        return true;
  return false;
}

bool TUIndex::createdField(const FieldDecl *F) const {
  if (!F)
    return false;
  if (CreatedFields.count(F))
    return true;
  std::string Name = slotName(F);
  return NewFieldElsewhere.count(Name) && !SetElsewhere.count(Name) &&
         !SetHere.count(F);
}

std::string TUIndex::handedIn(const FunctionDecl *FD, unsigned Arg) const {
  if (!FD->getIdentifier() || !FD->isExternallyVisible() ||
      Exported.count(FD->getCanonicalDecl()))
    return "";
  auto F = HandedIn.find(FD->getName().str());
  if (F == HandedIn.end())
    return "";
  auto A = F->second.find(Arg);
  return A != F->second.end() && A->second.size() == 1 ? *A->second.begin() : "";
}

bool TUIndex::apiSlot(const std::string &Slot) const {
  return ApiSlots.count(Slot) && !NotApiSlots.count(Slot);
}

bool TUIndex::apiCalledLocked(const FunctionDecl *FD) const {
  auto Slots = FD ? SlotsOf.find(FD->getCanonicalDecl()) : SlotsOf.end();
  return Slots != SlotsOf.end() && !Entry.count(FD->getCanonicalDecl()) &&
         std::all_of(Slots->second.begin(), Slots->second.end(),
                     [&](const std::string &S) {
                       return apiSlot(S) && ApiLocked.count(S);
                     });
}

bool TUIndex::entryOrCallback(const FunctionDecl *FD) const {
  const FunctionDecl *C = FD->getCanonicalDecl();
  return AddressTaken.count(C) || Entry.count(C);
}

void TUIndex::build(ASTContext &Ctx, StringRef SummaryDir) {
  Requires = tableRequires();
  if (!SummaryDir.empty())
    readSummaries(SummaryDir, *this, summaryName(Ctx));
  IndexVisitor V(*this);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  V.storedElsewhere(Ctx);
  V.resolve();
  // A function whose address is only ever handed to a call
  // (pci_walk_bus(bus, fn, data), request_irq(irq, fn, ...)) runs in a
  // context that call's caller provides, which the index cannot see:
  // like a static helper, its parameters' locks are its callers' business.
  // One stored in a struct or variable is a callback: an entry.
  std::set<const FunctionDecl *> NotHandedOut;
  for (const DeclRefExpr *DRE : V.FuncRefs) {
    const FunctionDecl *Ref = cast<FunctionDecl>(DRE->getDecl())->getCanonicalDecl();
    if (!V.Callees.count(DRE) && !V.Arguments.count(DRE))
      AddressTaken.insert(Ref);
    (V.ArgumentsOut.count(DRE) ? HandedOut : NotHandedOut).insert(Ref);
  }
  for (const FunctionDecl *FD : NotHandedOut)
    HandedOut.erase(FD);
  std::set<std::pair<const FunctionDecl *, unsigned>> Sites;
  slotContextsFromText(V.Defs, deviceHeldOnEntry(*this, V.Defs, false, Sites));
  DeviceHeld In = deviceHeldOnEntry(*this, V.Defs, true, Sites);
  eventContexts(V.Defs, In, Sites);
  for (const auto &E : EventSeen)
    if (E.second == EventHeldSend)
      HeldEvents.insert(E.first);
  // Callers of a function that takes a lock of its parameter take it too.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const ParamEdge &E : V.Edges) {
      auto It = Takes.find(E.Callee);
      if (It == Takes.end())
        continue;
      std::vector<std::pair<unsigned, std::string>> New;
      for (auto &T : It->second)
        if (T.first == E.CalleeArg)
          New.push_back({E.CallerParam, T.second});
      for (auto &T : New)
        Changed |= Takes[E.Caller].insert(T).second;
    }
  }
}

namespace {
struct EventParamScan : RecursiveASTVisitor<EventParamScan> {
  const FunctionDecl *FD;
  std::set<std::pair<unsigned, const EnumDecl *>> Found;
  const SwitchStmt *Switch = nullptr;
  void pair(const Expr *A, const Expr *B) {
    const auto *P = dyn_cast<DeclRefExpr>(A->IgnoreParenImpCasts());
    const auto *E = dyn_cast<DeclRefExpr>(B->IgnoreParenImpCasts());
    const auto *EC = E ? dyn_cast<EnumConstantDecl>(E->getDecl()) : nullptr;
    int I = P ? paramIndex(FD, P) : -1;
    if (EC && I >= 0 && namedEnum(EC))
      Found.insert({(unsigned)I, namedEnum(EC)});
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE) {
      pair(BO->getLHS(), BO->getRHS());
      pair(BO->getRHS(), BO->getLHS());
    }
    return true;
  }
  bool TraverseSwitchStmt(SwitchStmt *SS) {
    const SwitchStmt *Saved = Switch;
    Switch = SS;
    bool R = RecursiveASTVisitor::TraverseSwitchStmt(SS);
    Switch = Saved;
    return R;
  }
  bool VisitCaseStmt(CaseStmt *CS) {
    if (Switch && Switch->getCond() && CS->getLHS())
      pair(Switch->getCond(), CS->getLHS());
    return true;
  }
};
} // namespace

std::vector<std::pair<unsigned, const EnumDecl *>>
eventParams(const FunctionDecl *FD) {
  EventParamScan S;
  S.FD = FD;
  S.TraverseStmt(FD->getBody());
  return {S.Found.begin(), S.Found.end()};
}

// One file per TU, named after the main file.
std::string summaryName(ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  std::string Base = Main ? Main->getName().str() : "stdin";
  for (char &Ch : Base)
    if (!isalnum((unsigned char)Ch) && Ch != '.' && Ch != '-')
      Ch = '_';
  return Base + ".sum";
}

// Written atomically.
void TUIndex::writeSummary(
    ASTContext &Ctx, StringRef SummaryDir,
    const std::map<std::string, std::set<SlotLock>> &Seen) const {
  const SourceManager &SM = Ctx.getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  llvm::sys::fs::create_directories(SummaryDir);
  SmallString<256> Path(SummaryDir);
  llvm::sys::path::append(Path, summaryName(Ctx));
  SmallString<256> Tmp(Path);
  Tmp += ".tmp";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Tmp, EC);
    if (EC)
      return;
    OS << "@file " << (Main ? Main->getName() : StringRef("stdin")) << "\n";
    for (const std::string &L : Summary)
      OS << L << "\n";
    for (auto &S : Seen)
      for (const SlotLock &L : S.second)
        OS << "@slot " << S.first << " " << L.Arg << " " << kindName(L.Kind)
           << "\n";
    for (const std::string &O : OpenHere)
      OS << "@open " << O << "\n";
    for (const auto &A : ApiHere)
      for (const std::string &Fn : A.second)
        OS << "@api " << A.first << " " << Fn << "\n";
    for (const std::string &A : NotApiHere)
      OS << "@notapi " << A << "\n";
    for (const std::string &U : Uses)
      OS << "@uses " << U << "\n";
    for (const std::string &S : Stores)
      OS << "@stores " << S << "\n";
  }
  llvm::sys::fs::rename(Tmp, Path);
}

} // namespace iommu_lockcheck
