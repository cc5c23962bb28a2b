/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 32-bit sequence numbers of the virtual circuit, compared modulo 2^32
 * (RFC 1982 serial number arithmetic, as TCP's before() and after()).
 *
 * a is before b when the forward distance from a to b, b - a mod 2^32, is
 * between 1 and 2^31 - 1, i.e. when (s32)(a - b) < 0.  The order is only
 * meaningful between numbers less than 2^31 apart: the protocol keeps
 * every window far smaller (cwnd.h bounds it by %CLUSTER_CWND_LIMIT), so
 * two numbers compared are never that far apart.  Exactly 2^31 apart,
 * each is "before" the other.
 *
 * Pure, header-only code; the caller serializes; no locks here.  The
 * rules are in Documentation/vc.rst.
 */
#ifndef _AF_CLUSTER_SEQ_H
#define _AF_CLUSTER_SEQ_H

#include <linux/types.h>

/**
 * cluster_seq_before() - is one sequence number before another
 * @a: sequence number
 * @b: sequence number
 *
 * Return: true if @a comes before @b modulo 2^32.
 */
static inline bool cluster_seq_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

/**
 * cluster_seq_after() - is one sequence number after another
 * @a: sequence number
 * @b: sequence number
 *
 * Return: true if @a comes after @b modulo 2^32.
 */
static inline bool cluster_seq_after(u32 a, u32 b)
{
	return (s32)(b - a) < 0;
}

/**
 * cluster_seq_before_eq() - is a sequence number before or equal to another
 * @a: sequence number
 * @b: sequence number
 *
 * Return: true if @a equals @b or comes before it modulo 2^32.
 */
static inline bool cluster_seq_before_eq(u32 a, u32 b)
{
	return (s32)(a - b) <= 0;
}

/**
 * cluster_seq_after_eq() - is a sequence number after or equal to another
 * @a: sequence number
 * @b: sequence number
 *
 * Return: true if @a equals @b or comes after it modulo 2^32.
 */
static inline bool cluster_seq_after_eq(u32 a, u32 b)
{
	return (s32)(b - a) <= 0;
}

/**
 * cluster_seq_in() - is a sequence number in a half-open range
 * @seq: sequence number
 * @start: first number of the range
 * @end: first number after the range
 *
 * The range is [@start, @end) walking forward from @start modulo 2^32:
 * @end - @start numbers, none when @start == @end.  For ranges shorter
 * than 2^31 (every window) this is cluster_seq_after_eq(@seq, @start) &&
 * cluster_seq_before(@seq, @end).
 *
 * Return: true if @seq is in the range.
 */
static inline bool cluster_seq_in(u32 seq, u32 start, u32 end)
{
	return seq - start < end - start;
}

/**
 * cluster_seq_max() - the later of two sequence numbers
 * @a: sequence number
 * @b: sequence number
 *
 * Return: @a if it comes after @b modulo 2^32, else @b.
 */
static inline u32 cluster_seq_max(u32 a, u32 b)
{
	return cluster_seq_after(a, b) ? a : b;
}

/**
 * cluster_seq_min() - the earlier of two sequence numbers
 * @a: sequence number
 * @b: sequence number
 *
 * Return: @a if it comes before @b modulo 2^32, else @b.
 */
static inline u32 cluster_seq_min(u32 a, u32 b)
{
	return cluster_seq_before(a, b) ? a : b;
}

#endif /* _AF_CLUSTER_SEQ_H */
