/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/export.h>: nothing to export to. */
#ifndef _FUZZ_SHIM_LINUX_EXPORT_H
#define _FUZZ_SHIM_LINUX_EXPORT_H

#endif
