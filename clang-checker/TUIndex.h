// SPDX-License-Identifier: GPL-2.0
//
// iommu-lockcheck: what a translation unit says without path sensitivity:
// which functions require, take or assert which lock of which parameter,
// which callback slots hold what on entry, and the summary lines that carry
// this between translation units (two-pass mode).

#ifndef IOMMU_LOCKCHECK_TUINDEX_H
#define IOMMU_LOCKCHECK_TUINDEX_H

#include "LockRules.h"
#include "clang/AST/ASTContext.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace iommu_lockcheck {

// A lock a callback slot's caller holds for argument Arg.
struct SlotLock {
  unsigned Arg;
  LockKind Kind;
  bool operator<(const SlotLock &O) const {
    return Arg != O.Arg ? Arg < O.Arg : Kind < O.Kind;
  }
};

// One call through a slot: is the device lock of argument Arg held there
// (by the calling function's text), and which parameter of the caller is
// that argument (-1: none).
struct SlotCallSeen {
  std::string Slot;
  unsigned Arg;
  bool Held;
  int Param;
  bool GroupHeld; // some iommu group mutex is held there
};

// A function that calls one of its parameters with another
// (dpm_run_callback(cb, dev, ...): "cb(dev)"): parameter Fn is called with
// parameter Param as its argument Arg.
struct ParamCall {
  unsigned Fn, Arg, Param;
};

enum { EventHeldSend = 1, EventUnheldSend = 2 };

// A direct call's argument Arg is parameter Param (-1: none) of the caller.
struct ArgFlow {
  const clang::FunctionDecl *Caller, *Callee;
  unsigned Arg;
  int Param;
};

// What a TU's text shows of the device locks around its calls: the
// functions entered with some device lock held (a probe), the calls of its
// functions and of other files' API functions, each from a caller with or
// without one held at the call.
struct ApiCallScan {
  std::set<const clang::FunctionDecl *> LockedIn;
  std::map<const clang::FunctionDecl *,
           std::vector<std::pair<const clang::FunctionDecl *, bool>>>
      Calls; // callee: (caller, held)
  struct ApiCall {
    const clang::FunctionDecl *Caller;
    std::string Name;
    bool Held;
  };
  std::vector<ApiCall> ApiCalls;
};

// The device parameters of each function held on entry, by index.
using DeviceHeld = std::map<const clang::FunctionDecl *, std::set<unsigned>>;

struct TUIndex {
  ReqMap Requires;                                // table + inferred
  std::map<const clang::FunctionDecl *, unsigned> Entry; // core holds dev lock
  std::set<const clang::FunctionDecl *> BusDmaConfigure;
  std::set<const clang::FunctionDecl *> AddressTaken; // callbacks
  // Functions only ever handed to calls of other files
  // (devm_request_threaded_irq(dev, irq, fn, ...), simple_attr_open(...,
  // set, ...)): no caller here inlines them.  (Not request_irq(): a static
  // inline of this TU, so a function handed to it is handed here.)
  std::set<const clang::FunctionDecl *> HandedOut;
  // Functions whose contract puts their locks on the callers: a name
  // ending in _locked, or a kernel-doc "Context:" line saying it is held.
  std::set<const clang::FunctionDecl *> Contract;
  // Slots ("struct.field") each function is stored in.
  std::map<const clang::FunctionDecl *, std::set<std::string>> SlotsOf;
  // Locks held on entry to a slot, from the calls through it (summaries).
  std::map<std::string, std::set<SlotLock>> SlotContext;
  // The same, from this TU's own calls as its text shows them (no path
  // analysis): what pass 1 writes; the analyzer's observations win.
  std::map<std::string, std::set<SlotLock>> TextSlotContext;
  // The locks every caller of every slot a function is stored in holds.
  std::set<SlotLock> slotEntryLocks(const clang::FunctionDecl *Canon) const;
  // Slots called from a function whose contract leaves its locks to its
  // own callers (host1x_device_init() calling client->ops->init()): the
  // context of the functions stored there is those callers' ("@open").
  std::set<std::string> OpenSlots, OpenHere; // all known; this TU's own
  // Slots a core calls only from its API's synchronous paths
  // (i3c_master_register() calling ->bus_init()): the functions stored
  // there run in the context of the API's callers ("@api"), unless some
  // file calls the slot otherwise too ("@notapi": the PM core walking its
  // list, beside pm_generic_suspend_late()).
  std::set<std::string> ApiSlots, NotApiSlots, NotApiHere;
  std::map<std::string, std::set<std::string>> ApiHere; // slot: API functions
  bool apiSlot(const std::string &Slot) const;
  // The slots each API function calls back ("@api slot function"), and
  // those whose API functions this TU calls, each time with a device lock
  // held (i3c_master_register() from a probe): a device its functions read
  // from memory may be that one, as when the analyzer sees the call.
  std::map<std::string, std::set<std::string>> ApiCalls;
  std::set<std::string> ApiLocked;
  bool apiCalledLocked(const clang::FunctionDecl *FD) const;
  void apiLockedFromText(const ApiCallScan &S);
  // Parameters that carry a device this TU created and handed to the
  // function through a table of function pointers (IORT's ops).
  std::map<const clang::FunctionDecl *, std::set<unsigned>> CreatedParam;
  // Functions that return a new object, NULL or an ERR_PTR() ("@new fn");
  // fields given only new objects or NULL in some file ("@newfield
  // struct.field"), and given anything else in some file ("@setfield"):
  // a device kept there by another file of a module is created there.
  std::set<std::string> NewElsewhere, NewFieldElsewhere, SetElsewhere;
  std::set<const clang::FieldDecl *> SetHere;
  bool createdField(const clang::FieldDecl *F) const;
  // Functions of other files that re-point the device of a parameter
  // ("@configures fn arg"), and what the calls of each hand in there, in
  // every file ("@argdev fn arg pattern").
  std::map<std::string, std::set<unsigned>> ConfiguresParam;
  std::map<std::string, std::map<unsigned, std::set<std::string>>> HandedIn;
  // The one pattern every call hands to FD's parameter Arg, or "": FD is
  // not exported (a module's helper, called from its other files only).
  std::string handedIn(const clang::FunctionDecl *FD, unsigned Arg) const;
  std::set<const clang::FunctionDecl *> Exported; // EXPORT_SYMBOL()ed here
  // Parameters that carry the caller's own probed device (a component
  // master's ops registered from probe with &pdev->dev).
  std::map<const clang::FunctionDecl *, std::set<unsigned>> OwnDeviceParam;
  // Fields a probe stores its own device in (priv->pdev = pdev): a device
  // loaded from one later (a work item, a notifier) is the probed device.
  std::set<const clang::FieldDecl *> OwnDeviceFields;
  // Fields this TU stores only new objects in (priv->dsp = pdev after
  // platform_device_alloc()), or NULL: a device in the object loaded from
  // one later is a device this code created.
  std::set<const clang::FieldDecl *> CreatedFields;
  // Locks a function takes on some path, as (parameter, member of it):
  // device_lock(&port->dev) in F or in a TU callee given F's parameter.
  std::map<const clang::FunctionDecl *,
           std::set<std::pair<unsigned, std::string>>>
      Takes;
  // Functions whose own body calls a device lock function, on a parameter
  // or on a device it finds: the lock functions pass 1 analyses
  // (usb_lock_device_for_reset(), a lookup that returns what it locked).
  std::set<const clang::FunctionDecl *> LocksDevice;
  // device_lock() arguments as written in each function's own body: a
  // function that locks a device only on some paths (a 'lock' flag) leaves
  // the other paths to its callers (xen-pciback's release_pci_dev).
  std::map<const clang::FunctionDecl *, std::set<std::string>> LockTexts;
  // Lock functions of other files (their summaries' "@acquires" lines):
  // the locks each takes on one contract, the argument's own device first.
  llvm::StringMap<std::vector<Rule>> Acquires;
  std::set<std::string> ReturnsLocked; // "@returns": ... and return its object
  // "@releases": unlock functions of other files, the locks each drops
  llvm::StringMap<std::vector<Rule>> Releases;
  // "@converts": container_of() of an argument, by offset (to_cxl_port())
  llvm::StringMap<std::pair<unsigned, int64_t>> Converts;
  // Slots other files store this TU's functions in ("@stored" lines):
  // a bus_type.dma_configure or a driver's probe defined apart from its
  // table.
  std::map<std::string, std::set<std::string>> StoredElsewhere;
  // A callback read from a slot and called elsewhere: functions that
  // return only slots (pm_op(): "return ops->suspend;"), and functions that
  // call a parameter (dpm_run_callback()).  The PM core's device_resume()
  // calls dev_pm_ops.resume through both, under device_lock(dev).
  std::map<const clang::FunctionDecl *, std::set<std::string>> SlotGetters;
  std::map<const clang::FunctionDecl *, std::vector<ParamCall>> ParamCalls;
  // Events a core sends with a device ("@event" lines: bus_notify(dev,
  // BUS_NOTIFY_BOUND_DRIVER)): held where every send holds its lock.
  std::map<std::string, unsigned> EventSeen; // EventHeldSend | EventUnheldSend
  std::set<std::string> HeldEvents;
  std::set<std::string> Summary;     // requirement lines this TU exports
  std::set<std::string> Uses, Stores; // external callees, slots written

  void build(clang::ASTContext &Ctx, llvm::StringRef SummaryDir);
  bool entryOrCallback(const clang::FunctionDecl *FD) const;
  // A requirement row of FD on the group mutex (table or inferred).
  bool requiresGroupMutex(const clang::FunctionDecl *FD) const;
  void slotContextsFromText(const std::vector<const clang::FunctionDecl *> &Defs,
                            const DeviceHeld &In);
  void apiSlotsFromText(
      const std::vector<const clang::FunctionDecl *> &Defs,
      const std::map<const clang::FunctionDecl *,
                     std::set<const clang::FunctionDecl *>> &Callees,
      const std::vector<ArgFlow> &Flows,
      const std::map<std::string,
                     std::vector<std::pair<const clang::FunctionDecl *, int>>>
          &SlotArgs,
      const std::map<std::string, std::set<const clang::FunctionDecl *>> &CalledIn,
      const std::set<std::string> &Unheld);
  void eventContexts(
      const std::vector<const clang::FunctionDecl *> &Defs, const DeviceHeld &In,
      const std::set<std::pair<const clang::FunctionDecl *, unsigned>> &Sites);
  std::set<const clang::FunctionDecl *>
  groupHeldOnEntry(const std::vector<const clang::FunctionDecl *> &Defs,
                   std::map<const clang::FunctionDecl *, unsigned> &Calls) const;
  void require(const std::string &Fn, const Rule &R);
  void writeSummary(clang::ASTContext &Ctx, llvm::StringRef SummaryDir,
                    const std::map<std::string, std::set<SlotLock>> &Seen)
      const;
};

std::string slotName(const clang::FieldDecl *F);
// The name of the TU's summary file in the summary directory.
std::string summaryName(clang::ASTContext &Ctx);
// The struct a field belongs to, through anonymous unions and structs.
const clang::RecordDecl *namedRecord(const clang::RecordDecl *RD);
// Does the creator's name say it makes a new object (alloc, create,
// register, ...)?  Used for values returned by calls.
bool createsObject(const clang::FunctionDecl *FD);
// An expression's source text without white space.
std::string lockText(const clang::Expr *E, const clang::ASTContext &Ctx);
// The parameters FD compares with enumerators (switch (action) { case
// BUS_NOTIFY_ADD_DEVICE: ...}, "action != BUS_NOTIFY_ADD_DEVICE"), each
// with its enum: a notifier callback's event.
std::vector<std::pair<unsigned, const clang::EnumDecl *>>
eventParams(const clang::FunctionDecl *FD);

} // namespace iommu_lockcheck

#endif
