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

/* Not for the userspace fuzzer, which compiles wire.c against a shim. */
#if defined(__KERNEL__) && !defined(AFC_HAVE_TIMER_SHUTDOWN)
/* The old names; shutdown is only "delete and never re-arm" by contract. */
#include <linux/timer.h>
#define timer_delete(t)		del_timer(t)
#define timer_delete_sync(t)	del_timer_sync(t)
#define timer_shutdown_sync(t)	del_timer_sync(t)
#endif

/* skb_frag_ref(): in <linux/skbuff.h> before it had a header of its own. */
#ifdef AFC_HAVE_SKBUFF_REF_H
#include <linux/skbuff_ref.h>
#endif

#endif /* _AF_CLUSTER_COMPAT_H */
