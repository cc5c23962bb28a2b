// SPDX-License-Identifier: GPL-2.0
/*
 * HELLO timing, after PEDRIVER (OpenVMS Cluster Systems, appendix G.2.2):
 * each adapter multicasts a HELLO at intervals drawn uniformly from
 * [hello_min, hello_max] (1600..3000 ms by default), the HELLOs of one
 * node's adapters are spread over time, and a node answers the HELLO of
 * an unknown adapter after a random delay in [0, response_delay_max], so
 * that a new node is not flooded by the whole cluster at once.
 *
 * Pure code: times are plain numbers (ms) and the random source is a
 * parameter, so KUnit and a userspace fuzzer drive every path.
 *
 * The stagger rule
 * ================
 *
 * Let span = max - min, n the number of the node's adapters (the one
 * drawing included) and
 *
 *	w = min(span, min) if span > 0, else min
 *	g = floor(w / (2n))		(the gap; 0 when n is 1)
 *
 * An adapter draws its next HELLO time s relative to a base time a:
 *
 *  - span > 0: s - a is drawn uniformly from the points of the window
 *    [min, max] (periodic HELLO, a = the previous HELLO's scheduled time)
 *    or [g, max] (first HELLO, a = when the adapter starts) that are at
 *    least g away from every other adapter's scheduled HELLO.
 *  - span = 0 (a fixed period P = min): a periodic HELLO is at a + P
 *    exactly, so every HELLO of an adapter is congruent to its first one
 *    modulo P (its phase).  The first HELLO is drawn from [a, a + P - 1]
 *    with a phase at least g away, around the circle of P, from every
 *    other adapter's phase.
 *
 * Claim: if the node never has more than N adapters, any two HELLOs sent
 * by different adapters (at their scheduled times) are at least g(N)
 * apart; with N >= 2 and the defaults, g(N) = 700/N ms (350 ms for two
 * adapters, 87 ms for eight).
 *
 * Proof.  Every draw uses g(n) for the current n <= N, and g(n) >= g(N).
 * span > 0: take HELLOs at t (adapter i) and s (adapter j), t <= s, and
 * let a be when s was drawn.  (1) If a >= t: s >= a + g >= t + g, because
 * both windows start at g or later (g <= w / 4 <= min).  (2) If a < t,
 * let b be when t was drawn.  If b <= a, t was scheduled while s was
 * drawn, and the draw kept s at least g from it.  If b > a, s was
 * scheduled while t was drawn (a < b < t <= s), and that draw kept t at
 * least g from s.  span = 0: any two HELLOs differ by at least the
 * circular distance of their phases, and the later-started adapter chose
 * its phase at least g from the other's.
 *
 * A draw never finds its window empty.  span > 0: the window has at least
 * span + 1 points; each of the n - 1 others excludes at most 2g - 1 of
 * them, and (n - 1)(2g - 1) <= (n - 1)(span/n - 1) < span + 1.  span = 0:
 * the same count on the circle of P points.  (cluster_hello_next() still
 * falls back to an unrestricted draw, so it is total.)
 *
 * Scheduled times are exact: the runtime must pass as base the scheduled
 * time of the HELLO just sent, not the late time its timer ran, or timer
 * latency erodes the gaps (timers still round to jiffies, so the HELLOs
 * sent keep the gaps to within a jiffy).  After a change of hello_min or
 * hello_max the claim holds again once every adapter has been rescheduled
 * as "first", one after the other, each avoiding the ones already
 * rescheduled.
 */

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/types.h>

#include "compat.h"
#include "jitter.h"

/* Offsets beyond this (ms, ~35 years) are clamped: no s64 overflow. */
#define STAGGER_FAR	((s64)BIT_ULL(40))

static u32 cluster_rand_kernel_below(void *ctx, u32 ceil)
{
	return get_random_u32_below(ceil);
}

const struct cluster_rand cluster_rand_kernel = {
	.below = cluster_rand_kernel_below,
};
EXPORT_SYMBOL_IF_KUNIT(cluster_rand_kernel);

/* Uniform in [0, @ceil), @ceil >= 1, whatever the source returns. */
static u32 rand_below(const struct cluster_rand *rnd, u32 ceil)
{
	u32 r = rnd->below(rnd->ctx, ceil);

	return r < ceil ? r : r % ceil;
}

/**
 * cluster_jitter_check() - validate the bounds of a random interval
 * @min_ms: lower bound, ms
 * @max_ms: upper bound, ms
 *
 * min == max (no jitter) and max == 0 (no delay) are valid.
 *
 * Return: 0 if [@min_ms, @max_ms] is a valid range; -EINVAL if @min_ms >
 * @max_ms or @max_ms > %CLUSTER_JITTER_LIMIT_MS.
 */
int cluster_jitter_check(u32 min_ms, u32 max_ms)
{
	if (min_ms > max_ms || max_ms > CLUSTER_JITTER_LIMIT_MS)
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_jitter_check);

/**
 * cluster_jitter_draw() - a uniform random value in [min, max]
 * @rnd: random source
 * @min_ms: lower bound, ms
 * @max_ms: upper bound, ms
 *
 * Bounds that cluster_jitter_check() rejects are first clamped to
 * %CLUSTER_JITTER_LIMIT_MS, and @max_ms is raised to @min_ms, so the
 * result is always within the (clamped) bounds.
 *
 * Return: the value drawn.
 */
u32 cluster_jitter_draw(const struct cluster_rand *rnd, u32 min_ms,
			u32 max_ms)
{
	min_ms = min(min_ms, CLUSTER_JITTER_LIMIT_MS);
	max_ms = clamp(max_ms, min_ms, CLUSTER_JITTER_LIMIT_MS);
	return min_ms + rand_below(rnd, max_ms - min_ms + 1);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_jitter_draw);

/**
 * cluster_response_delay() - delay before answering a HELLO
 * @rnd: random source
 * @max_ms: response_delay_max, ms; 0 answers at once
 *
 * Return: a uniform random delay in [0, @max_ms] ms.
 */
u32 cluster_response_delay(const struct cluster_rand *rnd, u32 max_ms)
{
	return cluster_jitter_draw(rnd, 0, max_ms);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_response_delay);

/**
 * cluster_hello_gap() - the stagger gap of a node's HELLOs
 * @min_ms: hello_min, ms
 * @max_ms: hello_max, ms
 * @n: number of the node's adapters
 *
 * Return: g, the least distance (ms) cluster_hello_next() keeps between
 * the HELLOs of @n adapters (see the rule at the top of this file); 0 for
 * fewer than two or more than %CLUSTER_STAGGER_MAX adapters.
 */
u32 cluster_hello_gap(u32 min_ms, u32 max_ms, unsigned int n)
{
	u32 span, w;

	if (n < 2 || n > CLUSTER_STAGGER_MAX)
		return 0;
	min_ms = min(min_ms, CLUSTER_JITTER_LIMIT_MS);
	max_ms = clamp(max_ms, min_ms, CLUSTER_JITTER_LIMIT_MS);
	span = max_ms - min_ms;
	w = span ? min(span, min_ms) : min_ms;
	return w / (2 * n);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_hello_gap);

/**
 * struct stagger - one draw's window and the points excluded from it
 * @others: the other adapters' scheduled HELLO times
 * @n: how many of @others to avoid (0: none)
 * @base: the time the window and @others are relative to
 * @period: P when excluding phases on a circle (span 0), else 0
 * @g: the gap; every other excludes the points less than @g away
 * @lo: first point of the window, relative to @base
 * @hi: last point of the window, relative to @base
 */
struct stagger {
	const u64 *others;
	unsigned int n;
	u64 base;
	s64 period;
	s64 g;
	s64 lo;
	s64 hi;
};

/* Other adapter @j's HELLO relative to the base, or its phase. */
static s64 stagger_center(const struct stagger *st, unsigned int j)
{
	s64 d = (s64)(st->others[j] - st->base);
	s32 rem;

	d = clamp_t(s64, d, -STAGGER_FAR, STAGGER_FAR);
	if (!st->period)
		return d;
	div_s64_rem(d, st->period, &rem);
	return rem < 0 ? rem + st->period : rem;
}

/*
 * Walk the window's free points in ascending order and return the one
 * with index @skip, or -1 after the last, with *@nfree set to their
 * number.  Each other adapter excludes [c - g + 1, c + g - 1] around its
 * center c; on a circle also that interval shifted by -P and +P (2g - 1 <
 * P, so three copies cover every wrap).  A loop either jumps past the end
 * of an exclusion covering the cursor, which no longer covers it after, or
 * runs to the start of the next exclusion: at most 2 * 3n + 1 loops of 3n
 * steps, and no memory.
 */
static s64 stagger_walk(const struct stagger *st, u64 skip, u64 *nfree)
{
	unsigned int copies = st->period ? 3 : 1;
	s64 cur = st->lo;
	u64 count = 0;

	while (cur <= st->hi) {
		s64 next = st->hi + 1;
		s64 end = cur - 1;
		unsigned int j, k;

		for (j = 0; j < st->n; j++) {
			s64 c = stagger_center(st, j);

			for (k = 0; k < copies; k++) {
				s64 cc = c, a, b;

				if (copies > 1)
					cc += ((s64)k - 1) * st->period;
				a = cc - st->g + 1;
				b = cc + st->g - 1;

				if (a <= cur && cur <= b)
					end = max(end, b);
				else if (a > cur)
					next = min(next, a);
			}
		}
		if (end >= cur) {
			cur = end + 1;
			continue;
		}
		if (skip < (u64)(next - cur))
			return cur + skip;
		skip -= next - cur;
		count += next - cur;
		cur = next;
	}
	if (nfree)
		*nfree = count;
	return -1;
}

/**
 * cluster_hello_next() - when an adapter sends its next HELLO
 * @rnd: random source
 * @min_ms: hello_min, ms (validated with cluster_jitter_check())
 * @max_ms: hello_max, ms
 * @base: for a periodic HELLO, the scheduled time of the HELLO just sent;
 *	for the first, the current time (ms, any monotonic clock)
 * @first: the adapter's first HELLO (just started, or restaggered)
 * @others: the scheduled next HELLO times of the node's other adapters
 * @n_others: number of entries in @others
 *
 * Applies the stagger rule described at the top of this file: a periodic
 * HELLO is in [@base + @min_ms, @base + @max_ms]; the first is in
 * [@base + g, @base + @max_ms] (or [@base, @base + @min_ms - 1] when
 * @min_ms == @max_ms), and both keep g = cluster_hello_gap(@min_ms,
 * @max_ms, @n_others + 1) away from every time in @others.  Within those
 * constraints the draw is uniform.  Cost O(@n_others^2), no allocation,
 * any context.
 *
 * Return: the absolute time of the next HELLO.
 */
u64 cluster_hello_next(const struct cluster_rand *rnd, u32 min_ms,
		       u32 max_ms, u64 base, bool first, const u64 *others,
		       unsigned int n_others)
{
	struct stagger st = { .others = others, .base = base };
	u64 nfree = 0;
	u32 g;

	min_ms = min(min_ms, CLUSTER_JITTER_LIMIT_MS);
	max_ms = clamp(max_ms, min_ms, CLUSTER_JITTER_LIMIT_MS);
	g = n_others < CLUSTER_STAGGER_MAX ?
	    cluster_hello_gap(min_ms, max_ms, n_others + 1) : 0;
	st.g = g;
	st.n = g ? n_others : 0;

	if (max_ms > min_ms) {
		st.lo = first ? g : min_ms;
		st.hi = max_ms;
	} else {
		/* A fixed period: only the first HELLO chooses its phase. */
		if (!first || !min_ms)
			return base + min_ms;
		st.period = min_ms;
		st.lo = 0;
		st.hi = min_ms - 1;
	}

	stagger_walk(&st, U64_MAX, &nfree);
	if (!nfree) {
		/* Impossible by the counting argument above; stay total. */
		st.n = 0;
		nfree = st.hi - st.lo + 1;
	}
	return base + stagger_walk(&st, rand_below(rnd, nfree), NULL);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_hello_next);
