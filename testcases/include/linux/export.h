/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

/*
 * As 6.12's include/linux/export.h and compiler.h: the symbol redeclared
 * through typeof(), then its address kept in a ".discard.addressable"
 * pointer (__ADDRESSABLE()).
 */
#define ___EXPORT_PASTE(a, b)	a##b
#define __EXPORT_PASTE(a, b)	___EXPORT_PASTE(a, b)
#define __EXPORT_SYMBOL(sym, license)					\
	extern typeof(sym) sym;						\
	static void *__attribute__((used, section(".discard.addressable"))) \
	__EXPORT_PASTE(__addressable_##sym, __LINE__) = (void *)(unsigned long)&sym

#define EXPORT_SYMBOL(sym)	__EXPORT_SYMBOL(sym, "")
#define EXPORT_SYMBOL_GPL(sym)	__EXPORT_SYMBOL(sym, "GPL")
/* 6.12's namespaces are identifiers, stringified; the namespace is not kept
 * here. */
#define EXPORT_SYMBOL_NS(sym, ns)	__EXPORT_SYMBOL(sym, "")
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__EXPORT_SYMBOL(sym, "GPL")

#endif
