/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/bitmap.h>: what frag.c uses. */
#ifndef _FUZZ_SHIM_LINUX_BITMAP_H
#define _FUZZ_SHIM_LINUX_BITMAP_H

#include <string.h>
#include <linux/bitops.h>

/* As in the kernel: whole longs, so bits up to the next long go too. */
static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

#endif
