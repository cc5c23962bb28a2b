// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for HELLO timing (driver/jitter.c):
 *
 *   af_cluster_jitter  cluster_jitter_check(), cluster_jitter_draw(),
 *                      cluster_response_delay(), cluster_hello_gap(),
 *                      cluster_hello_next()
 *
 * Random sources are scripted (always the lowest or highest value, or an
 * out-of-range value) or a seeded generator, so every run draws the same
 * numbers; one test uses the kernel's source and checks bounds only.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/string.h>

#include "jitter.h"

#define HELLO_MIN	1600	/* PEDRIVER's defaults, ms */
#define HELLO_MAX	3000
#define RESP_MAX	2000
#define DRAWS		10000

/* Scripted sources: the lowest value, the highest, and one out of range. */
static u32 below_low(void *ctx, u32 ceil)
{
	return 0;
}

static u32 below_high(void *ctx, u32 ceil)
{
	return ceil - 1;
}

static u32 below_wild(void *ctx, u32 ceil)
{
	return U32_MAX;
}

static const struct cluster_rand rand_low = { .below = below_low };
static const struct cluster_rand rand_high = { .below = below_high };
static const struct cluster_rand rand_wild = { .below = below_wild };

/* A seeded 64-bit LCG; the high half, scaled to [0, ceil). */
static u32 below_lcg(void *ctx, u32 ceil)
{
	u64 *s = ctx;

	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(((*s >> 32) * ceil) >> 32);
}

static void lcg_init(struct cluster_rand *rnd, u64 *state, u64 seed)
{
	*state = seed;
	rnd->below = below_lcg;
	rnd->ctx = state;
}

/**
 * struct check_case - one cluster_jitter_check() input
 * @min: lower bound
 * @max: upper bound
 * @err: expected result
 */
struct check_case {
	u32 min;
	u32 max;
	int err;
};

static const struct check_case check_cases[] = {
	{ HELLO_MIN, HELLO_MAX, 0 },
	{ 0, 0, 0 },				/* no delay */
	{ 0, RESP_MAX, 0 },
	{ 1000, 1000, 0 },			/* no jitter */
	{ 0, CLUSTER_JITTER_LIMIT_MS, 0 },
	{ CLUSTER_JITTER_LIMIT_MS, CLUSTER_JITTER_LIMIT_MS, 0 },
	{ HELLO_MAX + 1, HELLO_MAX, -EINVAL },	/* min > max */
	{ 1, 0, -EINVAL },
	{ 0, CLUSTER_JITTER_LIMIT_MS + 1, -EINVAL },
	{ U32_MAX, U32_MAX, -EINVAL },
};

static void check_case_desc(const struct check_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "[%u, %u]", c->min, c->max);
}

KUNIT_ARRAY_PARAM(check, check_cases, check_case_desc);

static void jitter_check_test(struct kunit *test)
{
	const struct check_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, cluster_jitter_check(c->min, c->max), c->err);
}

/**
 * struct range_case - bounds to draw from
 * @min: lower bound
 * @max: upper bound
 */
struct range_case {
	u32 min;
	u32 max;
};

static const struct range_case range_cases[] = {
	{ HELLO_MIN, HELLO_MAX },
	{ 0, RESP_MAX },
	{ 0, 0 },
	{ 1000, 1000 },
	{ 0, 1 },
	{ 10, 20 },
	{ 0, CLUSTER_JITTER_LIMIT_MS },
};

static void range_case_desc(const struct range_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "[%u, %u]", c->min, c->max);
}

KUNIT_ARRAY_PARAM(range, range_cases, range_case_desc);

/* 10000 seeded draws stay in bounds; scripted sources reach both ends. */
static void jitter_draw_bounds_test(struct kunit *test)
{
	const struct range_case *c = test->param_value;
	struct cluster_rand rnd;
	u32 v, lo = U32_MAX, hi = 0;
	u64 state;
	int i;

	lcg_init(&rnd, &state, 1);
	for (i = 0; i < DRAWS; i++) {
		v = cluster_jitter_draw(&rnd, c->min, c->max);
		KUNIT_ASSERT_GE(test, v, c->min);
		KUNIT_ASSERT_LE(test, v, c->max);
		lo = min(lo, v);
		hi = max(hi, v);
	}
	/* Narrow ranges are covered from end to end by 10000 draws. */
	if (c->max - c->min <= 20) {
		KUNIT_EXPECT_EQ(test, lo, c->min);
		KUNIT_EXPECT_EQ(test, hi, c->max);
	}

	KUNIT_EXPECT_EQ(test, cluster_jitter_draw(&rand_low, c->min, c->max),
			c->min);
	KUNIT_EXPECT_EQ(test, cluster_jitter_draw(&rand_high, c->min, c->max),
			c->max);
	v = cluster_jitter_draw(&rand_wild, c->min, c->max);
	KUNIT_EXPECT_GE(test, v, c->min);
	KUNIT_EXPECT_LE(test, v, c->max);
}

/* The draw is uniform: its mean and both halves look like it. */
static void jitter_draw_uniform_test(struct kunit *test)
{
	struct cluster_rand rnd;
	u64 state, sum = 0;
	unsigned int low_half = 0;
	u32 v;
	int i;

	lcg_init(&rnd, &state, 42);
	for (i = 0; i < DRAWS; i++) {
		v = cluster_jitter_draw(&rnd, HELLO_MIN, HELLO_MAX);
		sum += v;
		low_half += v < (HELLO_MIN + HELLO_MAX) / 2;
	}
	/* Mean 2300, standard error ~4 ms; halves 5000 +- 50. */
	KUNIT_EXPECT_GT(test, sum / DRAWS, 2270ULL);
	KUNIT_EXPECT_LT(test, sum / DRAWS, 2330ULL);
	KUNIT_EXPECT_GT(test, low_half, 4700U);
	KUNIT_EXPECT_LT(test, low_half, 5300U);
}

/* Bounds outside the checked range are clamped, never crossed. */
static void jitter_draw_clamp_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cluster_jitter_draw(&rand_high, 3000, 1600),
			3000U);
	KUNIT_EXPECT_EQ(test, cluster_jitter_draw(&rand_high, 0, U32_MAX),
			CLUSTER_JITTER_LIMIT_MS);
	KUNIT_EXPECT_EQ(test, cluster_jitter_draw(&rand_low, U32_MAX, U32_MAX),
			CLUSTER_JITTER_LIMIT_MS);
}

static void response_delay_test(struct kunit *test)
{
	struct cluster_rand rnd;
	u64 state;
	u32 v;
	int i;

	lcg_init(&rnd, &state, 7);
	for (i = 0; i < DRAWS; i++) {
		v = cluster_response_delay(&rnd, RESP_MAX);
		KUNIT_ASSERT_LE(test, v, (u32)RESP_MAX);
	}
	KUNIT_EXPECT_EQ(test, cluster_response_delay(&rand_low, RESP_MAX), 0U);
	KUNIT_EXPECT_EQ(test, cluster_response_delay(&rand_high, RESP_MAX),
			(u32)RESP_MAX);
	KUNIT_EXPECT_LE(test, cluster_response_delay(&rand_wild, RESP_MAX),
			(u32)RESP_MAX);
	/* max 0: answer at once, whatever the source says. */
	KUNIT_EXPECT_EQ(test, cluster_response_delay(&rand_high, 0), 0U);
	KUNIT_EXPECT_EQ(test, cluster_response_delay(&rand_wild, 0), 0U);
}

/* The runtime's source: real randomness, bounds only. */
static void kernel_rand_test(struct kunit *test)
{
	u32 v;
	int i;

	for (i = 0; i < 1000; i++) {
		v = cluster_jitter_draw(&cluster_rand_kernel, HELLO_MIN,
					HELLO_MAX);
		KUNIT_ASSERT_GE(test, v, (u32)HELLO_MIN);
		KUNIT_ASSERT_LE(test, v, (u32)HELLO_MAX);
		KUNIT_ASSERT_LE(test, cluster_response_delay(&cluster_rand_kernel,
							     RESP_MAX),
				(u32)RESP_MAX);
	}
}

/**
 * struct gap_case - one cluster_hello_gap() input and result
 * @min: hello_min
 * @max: hello_max
 * @n: adapters
 * @gap: expected gap
 */
struct gap_case {
	u32 min;
	u32 max;
	unsigned int n;
	u32 gap;
};

static const struct gap_case gap_cases[] = {
	{ HELLO_MIN, HELLO_MAX, 0, 0 },
	{ HELLO_MIN, HELLO_MAX, 1, 0 },
	{ HELLO_MIN, HELLO_MAX, 2, 350 },	/* 1400 / 4 */
	{ HELLO_MIN, HELLO_MAX, 3, 233 },
	{ HELLO_MIN, HELLO_MAX, 8, 87 },
	{ HELLO_MIN, HELLO_MAX, CLUSTER_STAGGER_MAX, 10 },
	{ HELLO_MIN, HELLO_MAX, CLUSTER_STAGGER_MAX + 1, 0 },
	{ 100, 5000, 2, 25 },			/* bounded by min */
	{ 1000, 1000, 2, 250 },			/* fixed period */
	{ 10, 20, 2, 2 },
	{ 1, 1, 2, 0 },
	{ 0, 0, 2, 0 },
	{ 3000, 1600, 2, 750 },			/* max raised to min */
};

static void gap_case_desc(const struct gap_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "[%u, %u] n=%u",
		 c->min, c->max, c->n);
}

KUNIT_ARRAY_PARAM(gap, gap_cases, gap_case_desc);

static void hello_gap_test(struct kunit *test)
{
	const struct gap_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, cluster_hello_gap(c->min, c->max, c->n), c->gap);
}

/* One adapter: periodic HELLOs uniform in [min, max], first in [0, max]. */
static void hello_single_test(struct kunit *test)
{
	const u64 base = 1000000;
	struct cluster_rand rnd;
	u64 state, t;
	int i;

	lcg_init(&rnd, &state, 3);
	for (i = 0; i < DRAWS; i++) {
		t = cluster_hello_next(&rnd, HELLO_MIN, HELLO_MAX, base,
				       false, NULL, 0);
		KUNIT_ASSERT_GE(test, t, base + HELLO_MIN);
		KUNIT_ASSERT_LE(test, t, base + HELLO_MAX);
		t = cluster_hello_next(&rnd, HELLO_MIN, HELLO_MAX, base,
				       true, NULL, 0);
		KUNIT_ASSERT_GE(test, t, base);
		KUNIT_ASSERT_LE(test, t, base + HELLO_MAX);
	}
	KUNIT_EXPECT_EQ(test, cluster_hello_next(&rand_low, HELLO_MIN,
						 HELLO_MAX, base, false,
						 NULL, 0),
			base + HELLO_MIN);
	KUNIT_EXPECT_EQ(test, cluster_hello_next(&rand_high, HELLO_MIN,
						 HELLO_MAX, base, false,
						 NULL, 0),
			base + HELLO_MAX);
	KUNIT_EXPECT_EQ(test, cluster_hello_next(&rand_low, HELLO_MIN,
						 HELLO_MAX, base, true,
						 NULL, 0),
			base);
}

/* min == max: a periodic HELLO is exactly one period later. */
static void hello_fixed_period_test(struct kunit *test)
{
	u64 other = 5000 + 250;
	u64 t;

	KUNIT_EXPECT_EQ(test, cluster_hello_next(&rand_high, 1000, 1000, 5000,
						 false, &other, 1),
			6000ULL);
	KUNIT_EXPECT_EQ(test, cluster_hello_next(&rand_low, 1000, 1000, 5000,
						 false, &other, 1),
			6000ULL);
	/* First: a phase in [0, 999] at least g = 250 from phase 250. */
	t = cluster_hello_next(&rand_low, 1000, 1000, 5000, true, &other, 1);
	KUNIT_EXPECT_EQ(test, t, 5000ULL);
	t = cluster_hello_next(&rand_high, 1000, 1000, 5000, true, &other, 1);
	KUNIT_EXPECT_EQ(test, t, 5000ULL + 999);
	/* min == max == 0 cannot be staggered: now. */
	KUNIT_EXPECT_EQ(test, cluster_hello_next(&rand_high, 0, 0, 5000, true,
						 &other, 1),
			5000ULL);
}

static u64 dist(u64 a, u64 b)
{
	return a > b ? a - b : b - a;
}

/* Distance of two times' phases around a circle of @period. */
static u64 phase_dist(u64 a, u64 b, u32 period)
{
	u64 d = dist(a, b) % period;

	return min(d, period - d);
}

/**
 * struct stagger_cfg - hello_min and hello_max of a stagger run
 * @min: hello_min
 * @max: hello_max
 */
struct stagger_cfg {
	u32 min;
	u32 max;
};

static const struct stagger_cfg stagger_cfgs[] = {
	{ HELLO_MIN, HELLO_MAX },
	{ 1000, 1000 },
	{ HELLO_MIN, HELLO_MIN + 10 },
	{ 10, 20 },
	{ 100, 5000 },
	{ 10, 60000 },
};

/*
 * One draw, any others (not even separated from each other): the result
 * is in its window and at least g from every other.  This is the counting
 * argument of jitter.c, for arbitrary inputs.
 */
static void hello_one_draw_test(struct kunit *test)
{
	const u64 base = 1ULL << 32;
	struct cluster_rand rnd;
	u64 others[CLUSTER_STAGGER_MAX];
	u64 state, t, s;
	unsigned int c, n, j, round;
	bool first;
	u32 g;

	lcg_init(&rnd, &state, 11);
	for (c = 0; c < ARRAY_SIZE(stagger_cfgs); c++) {
		const struct stagger_cfg *cfg = &stagger_cfgs[c];
		u32 span = cfg->max - cfg->min;

		for (round = 0; round < 400; round++) {
			n = 1 + below_lcg(&state, 12);
			first = round & 1;
			for (j = 0; j < n; j++)
				others[j] = base - cfg->max +
					    below_lcg(&state, 3 * cfg->max);
			g = cluster_hello_gap(cfg->min, cfg->max, n + 1);
			t = cluster_hello_next(&rnd, cfg->min, cfg->max, base,
					       first, others, n);
			if (span) {
				KUNIT_ASSERT_GE(test, t,
						base + (first ? g : cfg->min));
				KUNIT_ASSERT_LE(test, t, base + cfg->max);
			} else if (first) {
				KUNIT_ASSERT_GE(test, t, base);
				KUNIT_ASSERT_LT(test, t, base + cfg->min);
			} else {
				KUNIT_ASSERT_EQ(test, t, base + cfg->min);
				continue;
			}
			for (j = 0; j < n; j++) {
				s = span ? dist(t, others[j]) :
				    phase_dist(t, others[j], cfg->min);
				KUNIT_ASSERT_GE_MSG(test, s, (u64)g,
						    "[%u, %u] n=%u other %u",
						    cfg->min, cfg->max, n, j);
			}
		}
	}
}

static const unsigned int stagger_ns[] = { 1, 2, 3, 4, 5, 6, 7, 8 };

static void stagger_n_desc(const unsigned int *n, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u adapters", *n);
}

KUNIT_ARRAY_PARAM(stagger_n, stagger_ns, stagger_n_desc);

/**
 * struct node_sim - the HELLO schedule of one node's adapters
 * @next: each adapter's scheduled HELLO
 * @last: each adapter's last HELLO
 * @sent: whether @last is set
 * @periodic: whether the adapter sent a HELLO since it (re)started
 * @live: whether the adapter exists
 * @g: the gap every pair of HELLOs must keep
 */
struct node_sim {
	u64 next[8];
	u64 last[8];
	bool sent[8];
	bool periodic[8];
	bool live[8];
	u32 g;
};

/* The other live adapters' schedules, for a draw by adapter @i. */
static unsigned int sim_others(const struct node_sim *sim, unsigned int i,
			       u64 *out)
{
	unsigned int j, n = 0;

	for (j = 0; j < ARRAY_SIZE(sim->next); j++)
		if (j != i && sim->live[j])
			out[n++] = sim->next[j];
	return n;
}

static void sim_start(struct kunit *test, struct node_sim *sim,
		      const struct stagger_cfg *cfg,
		      const struct cluster_rand *rnd, unsigned int i, u64 now)
{
	u64 others[8];
	unsigned int n = sim_others(sim, i, others);
	u32 g = cluster_hello_gap(cfg->min, cfg->max, n + 1);

	sim->next[i] = cluster_hello_next(rnd, cfg->min, cfg->max, now, true,
					  others, n);
	sim->live[i] = true;
	sim->periodic[i] = false;
	if (cfg->max > cfg->min) {
		KUNIT_EXPECT_GE(test, sim->next[i], now + g);
		KUNIT_EXPECT_LE(test, sim->next[i], now + cfg->max);
	} else {
		KUNIT_EXPECT_GE(test, sim->next[i], now);
		KUNIT_EXPECT_LT(test, sim->next[i], now + max(cfg->min, 1U));
	}
}

/* Send adapter @i's HELLO at its scheduled time; check; reschedule. */
static void sim_fire(struct kunit *test, struct node_sim *sim,
		     const struct stagger_cfg *cfg,
		     const struct cluster_rand *rnd, unsigned int i)
{
	u64 t = sim->next[i], others[8];
	unsigned int j, n;

	for (j = 0; j < ARRAY_SIZE(sim->next); j++) {
		if (j == i)
			continue;
		if (sim->live[j])
			KUNIT_ASSERT_GE_MSG(test, dist(t, sim->next[j]),
					    (u64)sim->g,
					    "adapters %u and %u scheduled together",
					    i, j);
		/* Also against the last HELLO of an adapter since removed. */
		if (sim->sent[j])
			KUNIT_ASSERT_GE_MSG(test, t - sim->last[j],
					    (u64)sim->g,
					    "adapter %u fired too soon after %u",
					    i, j);
	}
	if (sim->periodic[i]) {
		KUNIT_ASSERT_GE(test, t - sim->last[i], (u64)cfg->min);
		KUNIT_ASSERT_LE(test, t - sim->last[i], (u64)cfg->max);
	}
	sim->last[i] = t;
	sim->sent[i] = true;
	sim->periodic[i] = true;
	n = sim_others(sim, i, others);
	sim->next[i] = cluster_hello_next(rnd, cfg->min, cfg->max, t, false,
					  others, n);
}

/* The live adapter with the earliest HELLO. */
static unsigned int sim_earliest(const struct node_sim *sim)
{
	unsigned int j, best = 0;
	bool found = false;

	for (j = 0; j < ARRAY_SIZE(sim->next); j++) {
		if (!sim->live[j])
			continue;
		if (!found || sim->next[j] < sim->next[best])
			best = j;
		found = true;
	}
	return best;
}

static void stagger_run(struct kunit *test, const struct stagger_cfg *cfg,
			const struct cluster_rand *rnd, unsigned int n,
			bool churn)
{
	struct node_sim sim = {};
	unsigned int i, k, fires = 200 * n;
	u64 now = 0;

	/* The claim's N is n: there are never more adapters. */
	sim.g = cluster_hello_gap(cfg->min, cfg->max, n);

	for (i = 0; i < n; i++)
		sim_start(test, &sim, cfg, rnd, i, now);
	for (k = 0; k < fires; k++) {
		i = sim_earliest(&sim);
		now = sim.next[i];
		sim_fire(test, &sim, cfg, rnd, i);
		if (test->status == KUNIT_FAILURE)
			return;
		/* Churn: remove adapters and start them again later. */
		if (churn && n > 1 && k % 7 == 3) {
			unsigned int victim = (k / 7) % n, live = 0, j;

			for (j = 0; j < n; j++)
				live += sim.live[j];
			if (!sim.live[victim])
				sim_start(test, &sim, cfg, rnd, victim, now);
			else if (live > 1)
				sim.live[victim] = false;
		}
	}
}

/*
 * A node with n adapters started together, sending 200 HELLOs per
 * adapter: every interval in [min, max], no two HELLOs (scheduled or
 * sent) of different adapters closer than g, with the seeded source and
 * the two extreme scripted ones, with and without adapters leaving and
 * coming back.
 */
static void hello_stagger_test(struct kunit *test)
{
	const unsigned int *n = test->param_value;
	const struct cluster_rand *fixed[] = { &rand_low, &rand_high };
	struct cluster_rand rnd;
	unsigned int c, f;
	u64 state;

	for (c = 0; c < ARRAY_SIZE(stagger_cfgs); c++) {
		lcg_init(&rnd, &state, 100 + c);
		stagger_run(test, &stagger_cfgs[c], &rnd, *n, false);
		stagger_run(test, &stagger_cfgs[c], &rnd, *n, true);
		for (f = 0; f < ARRAY_SIZE(fixed); f++)
			stagger_run(test, &stagger_cfgs[c], fixed[f], *n,
				    true);
	}
}

/* Hostile or degenerate arguments still give a time in bounds. */
static void hello_total_test(struct kunit *test)
{
	static u64 many[CLUSTER_STAGGER_MAX + 8];
	u64 extreme[] = { 0, U64_MAX, 1ULL << 63, 5000 };
	u64 t;

	/* Too many adapters to stagger: a plain draw. */
	memset(many, 0, sizeof(many));
	t = cluster_hello_next(&rand_high, HELLO_MIN, HELLO_MAX, 0, false,
			       many, ARRAY_SIZE(many));
	KUNIT_EXPECT_EQ(test, t, (u64)HELLO_MAX);

	/* Others at the ends of time. */
	t = cluster_hello_next(&rand_wild, HELLO_MIN, HELLO_MAX, 5000, false,
			       extreme, ARRAY_SIZE(extreme));
	KUNIT_EXPECT_GE(test, t, 5000ULL + HELLO_MIN);
	KUNIT_EXPECT_LE(test, t, 5000ULL + HELLO_MAX);
	t = cluster_hello_next(&rand_wild, 1000, 1000, 5000, true, extreme,
			       ARRAY_SIZE(extreme));
	KUNIT_EXPECT_GE(test, t, 5000ULL);
	KUNIT_EXPECT_LT(test, t, 6000ULL);

	/* min > max and values past the limit are clamped. */
	t = cluster_hello_next(&rand_high, HELLO_MAX, HELLO_MIN, 0, false,
			       NULL, 0);
	KUNIT_EXPECT_EQ(test, t, (u64)HELLO_MAX);
	t = cluster_hello_next(&rand_high, U32_MAX, U32_MAX, 0, false,
			       NULL, 0);
	KUNIT_EXPECT_EQ(test, t, (u64)CLUSTER_JITTER_LIMIT_MS);
}

static struct kunit_case jitter_test_cases[] = {
	KUNIT_CASE_PARAM(jitter_check_test, check_gen_params),
	KUNIT_CASE_PARAM(jitter_draw_bounds_test, range_gen_params),
	KUNIT_CASE(jitter_draw_uniform_test),
	KUNIT_CASE(jitter_draw_clamp_test),
	KUNIT_CASE(response_delay_test),
	KUNIT_CASE(kernel_rand_test),
	KUNIT_CASE_PARAM(hello_gap_test, gap_gen_params),
	KUNIT_CASE(hello_single_test),
	KUNIT_CASE(hello_fixed_period_test),
	KUNIT_CASE(hello_one_draw_test),
	KUNIT_CASE_PARAM(hello_stagger_test, stagger_n_gen_params),
	KUNIT_CASE(hello_total_test),
	{}
};

static struct kunit_suite jitter_test_suite = {
	.name = "af_cluster_jitter",
	.test_cases = jitter_test_cases,
};

kunit_test_suites(&jitter_test_suite);
