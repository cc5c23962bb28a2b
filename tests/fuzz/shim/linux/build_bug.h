/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/build_bug.h>: the kernel's static_assert. */
#ifndef _FUZZ_SHIM_LINUX_BUILD_BUG_H
#define _FUZZ_SHIM_LINUX_BUILD_BUG_H

/* As in the kernel: the message is optional. */
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)

#endif
