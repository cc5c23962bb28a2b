/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fallbacks for kernel features that driver/Kbuild probes for
 * (AFC_HAVE_* macros): each probe is documented there.
 */
#ifndef _AF_CLUSTER_COMPAT_H
#define _AF_CLUSTER_COMPAT_H

#ifdef AFC_HAVE_KUNIT_VISIBILITY
#include <kunit/visibility.h>
#else
/*
 * No KUnit export namespace: the tested functions stay module-local.  The
 * assertion only checks that @symbol exists and takes the caller's ';'.
 */
#include <linux/build_bug.h>
#define EXPORT_SYMBOL_IF_KUNIT(symbol)	\
	static_assert(!__builtin_types_compatible_p(typeof(symbol), void))
#endif

#endif /* _AF_CLUSTER_COMPAT_H */
