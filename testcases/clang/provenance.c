// Which device a module's other file re-points: the one this file hands
// it, created here (pv_port_retarget()), or keeps in a field for it to
// read (pv_port_reset()).  The bus file (Inputs/provenance-lib.c) says
// which of its functions re-point a parameter's device (@configures) and
// which return new objects (@new); this file says what it hands them
// (@argdev) and what its fields hold (@newfield, @setfield); the bus
// file, analysed again, names the pattern from them.  Seen in held-out
// corpus halves: each such device was called foreign.
// This file first, before the bus file's summary: pv_bank_add() is not
// known to create, so ->bank is given something else here (@setfield).
// Read back in the next pass, that line of its own would veto the field.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -cc1 -analyze -load %plugin \
// RUN:   -analyzer-checker=core,kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=early %s
// RUN: grep -h '^@setfield pv_priv.bank' %t/*clang_provenance.c.sum
// RUN: %clang -cc1 -analyze -load %plugin \
// RUN:   -analyzer-checker=core,kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=first %S/Inputs/provenance-lib.c
// RUN: grep -h '^@configures\|^@new ' %t/*.sum | sort | FileCheck --check-prefix=LIB %s
// LIB: @configures pv_any_retarget 0
// LIB-NEXT: @configures pv_port_retarget 0
// LIB-NEXT: @new pv_bank_add
// LIB-NEXT: @new pv_port_add
// LIB-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin \
// RUN:   -analyzer-checker=core,kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify %s
// RUN: grep -h '^@argdev\|^@newfield\|^@setfield' %t/*clang_provenance.c.sum | sort | FileCheck --check-prefix=MAIN %s
// MAIN: @argdev pv_any_retarget 0 created-device
// MAIN-NEXT: @argdev pv_any_retarget 0 foreign-device
// MAIN-NEXT: @argdev pv_port_retarget 0 created-device
// MAIN-NEXT: @newfield pv_priv.bank
// MAIN-NEXT: @newfield pv_priv.port
// MAIN-NEXT: @setfield pv_priv.other
// MAIN-NOT: {{.}}
// RUN: %clang -cc1 -analyze -load %plugin \
// RUN:   -analyzer-checker=core,kernel.iommu.DmaConfigureOutsideBus \
// RUN:   -analyzer-config kernel.iommu.LockModel:SummaryDir=%t \
// RUN:   -I %kinc -DCONFIG_LOCKDEP -verify=final %S/Inputs/provenance-lib.c
#include "Inputs/provenance.h"

int pv_setup(struct pv_priv *priv)
{
	priv->port = pv_port_add(priv);
	if (IS_ERR(priv->port))
		return PTR_ERR(priv->port);
	priv->other = priv->port;
	pv_port_retarget(priv->port, priv->np);
	pv_any_retarget(priv->port, priv->np);
	return 0;
}

void pv_rescan(struct pv_priv *priv)
{
	priv->other = pv_port_lookup(priv);
	if (priv->other)
		pv_any_retarget(priv->other, priv->np);
}

/* ->bank is given pv_bank_add()'s new ports here, and read here. */
int pv_bank_setup(struct pv_priv *priv)
{
	priv->bank = pv_bank_add(priv);
	if (!priv->bank)
		return -12;
	return of_dma_configure(&priv->bank->dev, priv->np, true); // early-warning{{on a foreign-device &priv->bank->dev}} expected-warning{{on a created-device &priv->bank->dev (by pv_bank_add())}}
}

int pv_bank_reset(struct pv_priv *priv)
{
	return of_dma_configure(&priv->bank->dev, priv->np, true); // early-warning{{on a foreign-device &priv->bank->dev}} expected-warning{{on a created-device &priv->bank->dev (kept in ->bank)}}
}
