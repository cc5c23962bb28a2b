// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoints of trace.h, instantiated once for the files that fire
 * them (Documentation/tracing.rst).
 */

#include <linux/build_bug.h>

#define CREATE_TRACE_POINTS
#include "trace.h"

/*
 * cluster_drop names the adapter's drop reasons itself: a new one must be
 * named there too (and the reasons after it move up by one).
 */
static_assert(CLUSTER_RX_DROP_NO_MEMORY + 1 == CLUSTER_RX_DROP_COUNT);
