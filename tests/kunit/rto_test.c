// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the retransmission timeout (driver/rto.c):
 *
 *   af_cluster_rto  cluster_rto_init(), cluster_rto_sample(),
 *                   cluster_rto_sample_karn(), cluster_rto_backoff(),
 *                   cluster_rto_get(), cluster_rto_srtt_us(),
 *                   cluster_rto_rttvar_us(): RFC 6298 values computed by
 *                   hand, LAN and multi-second round trips, Karn's rule,
 *                   backoff and its saturation, every bound, and the
 *                   invariants under seeded random samples
 *
 * srtt and rttvar are checked in their 1/8 us fixed point, so the
 * expected values below are eight times the microseconds of the
 * formulas: 104687.5 us is 837500.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>

#include "rto.h"

#define MS	1000U		/* us */
#define S	1000000U	/* us */
#define JIFFY	4000U		/* granularity at HZ 250, us */

/* The project's defaults, with a jiffy of 4 ms. */
static void rto_default(struct cluster_rto *r)
{
	cluster_rto_init(r, CLUSTER_RTO_MIN_US, CLUSTER_RTO_MAX_US,
			 CLUSTER_RTO_INITIAL_US, JIFFY);
}

static void rto_init_test(struct kunit *test)
{
	struct cluster_rto r;

	rto_default(&r);
	KUNIT_EXPECT_EQ(test, r.min, CLUSTER_RTO_MIN_US);
	KUNIT_EXPECT_EQ(test, r.max, CLUSTER_RTO_MAX_US);
	KUNIT_EXPECT_EQ(test, r.granularity, JIFFY);
	KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_INITIAL_US);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), CLUSTER_RTO_INITIAL_US);
	KUNIT_EXPECT_FALSE(test, r.measured);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 0U);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 0U);

	/* The defaults are ordered and within the limit. */
	KUNIT_EXPECT_LE(test, CLUSTER_RTO_MIN_US, CLUSTER_RTO_INITIAL_US);
	KUNIT_EXPECT_LE(test, CLUSTER_RTO_INITIAL_US, CLUSTER_RTO_MAX_US);
	KUNIT_EXPECT_LE(test, CLUSTER_RTO_MAX_US, CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_LE(test, (u64)CLUSTER_RTO_LIMIT_US << CLUSTER_RTO_SHIFT,
			(u64)U32_MAX);

	/* The initial value is clamped to [min, max]. */
	cluster_rto_init(&r, 10 * MS, 30 * S, 0, JIFFY);
	KUNIT_EXPECT_EQ(test, r.rto, 10 * MS);
	cluster_rto_init(&r, 10 * MS, 30 * S, 60 * S, JIFFY);
	KUNIT_EXPECT_EQ(test, r.rto, 30 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 30 * S);
}

/*
 * RFC 6298 by hand, samples 100, 100, 200, 50 ms:
 *
 *   R      rttvar                         srtt                  rto
 *   100    50                             100                   300
 *   100    3/4 50 + 0 = 37.5              100                   250
 *   200    3/4 37.5 + 100/4 = 53.125      87.5 + 25 = 112.5     325
 *   50     39.84375 + 15.625 = 55.46875   98.4375 + 6.25        326.5625
 *                                         = 104.6875
 *
 * (ms).  The last timeout rounds up to 326563 us.
 */
static void rto_rfc6298_test(struct kunit *test)
{
	struct cluster_rto r;

	rto_default(&r);

	cluster_rto_sample(&r, 100 * MS);
	KUNIT_EXPECT_TRUE(test, r.measured);
	KUNIT_EXPECT_EQ(test, r.srtt, 800000U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 400000U);
	KUNIT_EXPECT_EQ(test, r.rto, 300000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 100000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 50000U);

	cluster_rto_sample(&r, 100 * MS);
	KUNIT_EXPECT_EQ(test, r.srtt, 800000U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 300000U);
	KUNIT_EXPECT_EQ(test, r.rto, 250000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 37500U);

	cluster_rto_sample(&r, 200 * MS);
	KUNIT_EXPECT_EQ(test, r.srtt, 900000U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 425000U);
	KUNIT_EXPECT_EQ(test, r.rto, 325000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 112500U);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 53125U);

	cluster_rto_sample(&r, 50 * MS);
	KUNIT_EXPECT_EQ(test, r.srtt, 837500U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 443750U);
	KUNIT_EXPECT_EQ(test, r.rto, 326563U);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 326563U);
	/* Reports round to the nearest microsecond. */
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 104688U);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 55469U);
}

/* The timeout keeps at least the granularity over srtt. */
static void rto_granularity_test(struct kunit *test)
{
	struct cluster_rto r;

	/* 4 rttvar = 2000 us < a jiffy: srtt + 4000. */
	cluster_rto_init(&r, 1, 30 * S, S, JIFFY);
	cluster_rto_sample(&r, 1000);
	KUNIT_EXPECT_EQ(test, r.rto, 5000U);
	cluster_rto_sample(&r, 1000);
	KUNIT_EXPECT_EQ(test, r.rto, 5000U);

	/* Without granularity: srtt + 4 rttvar = 1000 + 2000, + 1500. */
	cluster_rto_init(&r, 1, 30 * S, S, 0);
	cluster_rto_sample(&r, 1000);
	KUNIT_EXPECT_EQ(test, r.rto, 3000U);
	cluster_rto_sample(&r, 1000);
	KUNIT_EXPECT_EQ(test, r.rto, 2500U);
}

/* LAN round trips of 50 us: the floor; and no precision lost. */
static void rto_lan_test(struct kunit *test)
{
	struct cluster_rto r;
	int i;

	rto_default(&r);
	for (i = 0; i < 200; i++) {
		cluster_rto_sample(&r, 50);
		KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_MIN_US);
		KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), CLUSTER_RTO_MIN_US);
	}
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 50U);
	KUNIT_EXPECT_EQ(test, r.srtt, 400U);

	/* No floor, no granularity: 50 + 100, 50 + 75, then toward 50. */
	cluster_rto_init(&r, 1, 30 * S, S, 0);
	cluster_rto_sample(&r, 50);
	KUNIT_EXPECT_EQ(test, r.rto, 150U);
	cluster_rto_sample(&r, 50);
	KUNIT_EXPECT_EQ(test, r.rto, 125U);
	for (i = 0; i < 200; i++)
		cluster_rto_sample(&r, 50);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 50U);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 0U);
	KUNIT_EXPECT_EQ(test, r.rto, 51U);

	/*
	 * A steady 48 us after 40 us: srtt reaches 48 (within 1/8 us).
	 * (7 srtt + R) / 8 in whole microseconds would stop at 41.
	 */
	cluster_rto_init(&r, 1, 30 * S, S, 0);
	cluster_rto_sample(&r, 40);
	for (i = 0; i < 100; i++)
		cluster_rto_sample(&r, 48);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 48U);
	KUNIT_EXPECT_GE(test, r.srtt, 48U * 8 - 3);
	KUNIT_EXPECT_LE(test, r.srtt, 48U * 8);
}

/* Round trips of seconds: srtt + 4 rttvar, well within the ceiling. */
static void rto_long_rtt_test(struct kunit *test)
{
	struct cluster_rto r;

	rto_default(&r);
	cluster_rto_sample(&r, 2 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 2 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 1 * S);
	KUNIT_EXPECT_EQ(test, r.rto, 6 * S);

	/* rttvar 3/4 1 + 1/4 1 = 1 s, srtt 1.75 + 0.375 = 2.125 s. */
	cluster_rto_sample(&r, 3 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 2125000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r), 1 * S);
	KUNIT_EXPECT_EQ(test, r.rto, 6125000U);

	/* Backoff: 12.25 s, 24.5 s, then the 30 s ceiling. */
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 12250000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 24500000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 30 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 30 * S);
	KUNIT_EXPECT_EQ(test, r.backoff, 3);

	/*
	 * Another 3 s sample ends the backoff: rttvar 0.75 + 0.21875 =
	 * 0.96875 s, srtt 1.859375 + 0.375 = 2.234375 s, rto 6.109375 s.
	 */
	cluster_rto_sample(&r, 3 * S);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, r.srtt, 17875000U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 7750000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 6109375U);
}

/* Karn: a retransmitted packet's round trip is not sampled. */
static void rto_karn_test(struct kunit *test)
{
	struct cluster_rto r;

	rto_default(&r);
	/* Before any sample: ignored, the initial timeout stays. */
	KUNIT_EXPECT_FALSE(test, cluster_rto_sample_karn(&r, 5 * MS, true));
	KUNIT_EXPECT_FALSE(test, r.measured);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), CLUSTER_RTO_INITIAL_US);

	KUNIT_EXPECT_TRUE(test, cluster_rto_sample_karn(&r, 100 * MS, false));
	KUNIT_EXPECT_EQ(test, r.rto, 300000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 600000U);

	/* Ambiguous: nothing changes, the backoff stays. */
	KUNIT_EXPECT_FALSE(test, cluster_rto_sample_karn(&r, 50 * MS, true));
	KUNIT_EXPECT_EQ(test, r.srtt, 800000U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 400000U);
	KUNIT_EXPECT_EQ(test, r.rto, 300000U);
	KUNIT_EXPECT_EQ(test, r.backoff, 1);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 600000U);

	/* A packet sent once: taken, the backoff reset. */
	KUNIT_EXPECT_TRUE(test, cluster_rto_sample_karn(&r, 100 * MS, false));
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, r.rto, 250000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 250000U);
}

/* Doubling per consecutive timeout, saturating, reset by a sample. */
static void rto_backoff_test(struct kunit *test)
{
	struct cluster_rto r;
	u32 expect;
	int i;

	rto_default(&r);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 2 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 4 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 8 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 16 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 30 * S);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 30 * S);
	KUNIT_EXPECT_EQ(test, r.backoff, 5);
	KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_INITIAL_US);

	cluster_rto_sample(&r, 100 * MS);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 300000U);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 600000U);

	/* From 1 us to the 300 s limit: 28 doublings, then saturated. */
	cluster_rto_init(&r, 1, U32_MAX, 1, 0);
	KUNIT_EXPECT_EQ(test, r.max, CLUSTER_RTO_LIMIT_US);
	for (i = 1, expect = 2; i <= 28; i++, expect *= 2)
		KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), expect);
	for (i = 0; i < 1000; i++)
		KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r),
				CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_EQ(test, r.backoff, 29);

	/* Already at the ceiling: no backoff at all. */
	cluster_rto_init(&r, 5 * MS, 5 * MS, S, 0);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), 5 * MS);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);

	/* A backoff count beyond any shift is still safe to read. */
	rto_default(&r);
	r.backoff = U8_MAX;
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 30 * S);
}

static void rto_bounds_test(struct kunit *test)
{
	struct cluster_rto r;

	/* min > max: max is raised to min. */
	cluster_rto_init(&r, 20 * MS, 10 * MS, S, JIFFY);
	KUNIT_EXPECT_EQ(test, r.min, 20 * MS);
	KUNIT_EXPECT_EQ(test, r.max, 20 * MS);
	KUNIT_EXPECT_EQ(test, r.rto, 20 * MS);
	cluster_rto_sample(&r, 100 * MS);
	KUNIT_EXPECT_EQ(test, r.rto, 20 * MS);

	/* Zeros: a floor of 1 us. */
	cluster_rto_init(&r, 0, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, r.min, 1U);
	KUNIT_EXPECT_EQ(test, r.max, 1U);
	KUNIT_EXPECT_EQ(test, cluster_rto_get(&r), 1U);

	/* Everything huge: the limit. */
	cluster_rto_init(&r, U32_MAX, U32_MAX, U32_MAX, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.min, CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_EQ(test, r.max, CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_EQ(test, r.granularity, CLUSTER_RTO_LIMIT_US);
	cluster_rto_sample(&r, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_LIMIT_US);

	/* A sample of 0 counts as 1 us: 1 + 4 * 0.5. */
	cluster_rto_init(&r, 1, 30 * S, S, 0);
	cluster_rto_sample(&r, 0);
	KUNIT_EXPECT_EQ(test, r.srtt, 8U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 4U);
	KUNIT_EXPECT_EQ(test, r.rto, 3U);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), 1U);

	/* U32_MAX samples count as the limit; nothing overflows. */
	cluster_rto_init(&r, 1, U32_MAX, S, 0);
	cluster_rto_sample(&r, U32_MAX);
	KUNIT_EXPECT_EQ(test, cluster_rto_srtt_us(&r), CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_EQ(test, cluster_rto_rttvar_us(&r),
			CLUSTER_RTO_LIMIT_US / 2);
	KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_LIMIT_US);
	cluster_rto_sample(&r, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.srtt, CLUSTER_RTO_LIMIT_US << 3);
	KUNIT_EXPECT_EQ(test, r.rttvar, (CLUSTER_RTO_LIMIT_US << 3) / 8 * 3);
	cluster_rto_sample(&r, 0);
	KUNIT_EXPECT_EQ(test, r.srtt, 2100000001U);
	KUNIT_EXPECT_EQ(test, r.rttvar, 1274999998U);
	KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_EQ(test, cluster_rto_backoff(&r), CLUSTER_RTO_LIMIT_US);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);

	/* With the default ceiling, a huge sample gives the ceiling. */
	rto_default(&r);
	cluster_rto_sample(&r, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.rto, CLUSTER_RTO_MAX_US);
}

/* A 64-bit LCG; the high half, scaled to [0, n). */
static u32 lcg_below(u64 *state, u32 n)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(((*state >> 32) * n) >> 32);
}

/*
 * 100000 seeded random samples (0 to U32_MAX, in decades) and timeouts,
 * on the defaults and on the widest bounds: the timeout is always the
 * formula's, rounded up, or a bound.
 */
static void rto_random_test(struct kunit *test)
{
	static const u32 decades[] = {
		1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
		100000000, U32_MAX,
	};
	struct cluster_rto r;
	u64 state = 11, f;
	int pass, i;

	for (pass = 0; pass < 2; pass++) {
		if (pass)
			cluster_rto_init(&r, 1, U32_MAX, S, 0);
		else
			rto_default(&r);
		for (i = 0; i < 50000; i++) {
			u32 d = decades[lcg_below(&state, ARRAY_SIZE(decades))];
			u32 get;

			if (lcg_below(&state, 4) == 0) {
				get = cluster_rto_get(&r);
				KUNIT_ASSERT_GE(test, cluster_rto_backoff(&r),
						get);
			} else {
				cluster_rto_sample(&r, lcg_below(&state, d));
				KUNIT_ASSERT_EQ(test, r.backoff, 0);
				f = (u64)r.srtt +
				    max((u64)r.granularity << 3,
					4ULL * r.rttvar);
				f = (f + 7) >> 3;
				if (r.rto > r.min && r.rto < r.max)
					KUNIT_ASSERT_EQ(test, (u64)r.rto, f);
				else if (r.rto == r.min)
					KUNIT_ASSERT_LE(test, f, (u64)r.min);
				else
					KUNIT_ASSERT_GE(test, f, (u64)r.max);
			}
			KUNIT_ASSERT_LE(test, r.srtt,
					CLUSTER_RTO_LIMIT_US << 3);
			KUNIT_ASSERT_LE(test, r.rttvar,
					CLUSTER_RTO_LIMIT_US << 3);
			KUNIT_ASSERT_GE(test, r.rto, r.min);
			KUNIT_ASSERT_LE(test, r.rto, r.max);
			KUNIT_ASSERT_GE(test, cluster_rto_get(&r), r.rto);
			KUNIT_ASSERT_LE(test, cluster_rto_get(&r), r.max);
			KUNIT_ASSERT_LE(test, r.backoff, 32);
		}
	}
}

static struct kunit_case rto_test_cases[] = {
	KUNIT_CASE(rto_init_test),
	KUNIT_CASE(rto_rfc6298_test),
	KUNIT_CASE(rto_granularity_test),
	KUNIT_CASE(rto_lan_test),
	KUNIT_CASE(rto_long_rtt_test),
	KUNIT_CASE(rto_karn_test),
	KUNIT_CASE(rto_backoff_test),
	KUNIT_CASE(rto_bounds_test),
	KUNIT_CASE(rto_random_test),
	{}
};

static struct kunit_suite rto_test_suite = {
	.name = "af_cluster_rto",
	.test_cases = rto_test_cases,
};

kunit_test_suites(&rto_test_suite);
