/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HELLO timing: jittered, staggered HELLO intervals and the random delay
 * before answering a HELLO.  Pure code: the random source is a parameter,
 * so KUnit and a userspace fuzzer drive it deterministically.  The stagger
 * rule and its proof are in jitter.c and Documentation/channels.rst.
 */
#ifndef _AF_CLUSTER_JITTER_H
#define _AF_CLUSTER_JITTER_H

#include <linux/types.h>

/*
 * Largest interval or delay (ms) the functions here accept: one hour, far
 * above any parameter bound, small enough that no sum of two overflows.
 */
#define CLUSTER_JITTER_LIMIT_MS		3600000U

/*
 * A node staggers the HELLOs of at most this many adapters; beyond it,
 * cluster_hello_next() draws without stagger (its cost is quadratic in
 * the number of adapters).
 */
#define CLUSTER_STAGGER_MAX		64

/**
 * struct cluster_rand - a source of uniform random numbers
 * @below: returns a uniform value in [0, @ceil); @ceil is at least 1.
 *	A result >= @ceil is reduced modulo @ceil, so even a broken source
 *	cannot push a draw out of its bounds.
 * @ctx: passed to @below
 *
 * The runtime uses &cluster_rand_kernel (get_random_u32_below()); tests
 * pass a scripted or seeded source.
 */
struct cluster_rand {
	u32 (*below)(void *ctx, u32 ceil);
	void *ctx;
};

extern const struct cluster_rand cluster_rand_kernel;

int cluster_jitter_check(u32 min_ms, u32 max_ms);
u32 cluster_jitter_draw(const struct cluster_rand *rnd, u32 min_ms,
			u32 max_ms);
u32 cluster_response_delay(const struct cluster_rand *rnd, u32 max_ms);
u32 cluster_hello_gap(u32 min_ms, u32 max_ms, unsigned int n);
u64 cluster_hello_next(const struct cluster_rand *rnd, u32 min_ms,
		       u32 max_ms, u64 base, bool first, const u64 *others,
		       unsigned int n_others);

#endif /* _AF_CLUSTER_JITTER_H */
