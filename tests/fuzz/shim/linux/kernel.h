/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/kernel.h>: the little wire.c uses. */
#ifndef _FUZZ_SHIM_LINUX_KERNEL_H
#define _FUZZ_SHIM_LINUX_KERNEL_H

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif
