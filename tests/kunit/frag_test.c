// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for fragmentation and reassembly (driver/frag.c):
 *
 *   af_cluster_frag  cluster_frag_count(), cluster_frag_len(),
 *                    cluster_frag_build(), cluster_frag_check(),
 *                    cluster_reasm_init(), cluster_reasm_reset(),
 *                    cluster_reasm_accept(), cluster_reasm_done(),
 *                    cluster_reasm_result_name()
 *
 * Orders are shuffled by a seeded generator, so every run feeds the same
 * fragments in the same order.
 */

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/string.h>

#include "frag.h"

#define MIB	CLUSTER_MSG_MAX
#define KIB	1024U

/* A seeded 64-bit LCG: a value in [0, @ceil). */
static u32 lcg_below(u64 *s, u32 ceil)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(((*s >> 32) * ceil) >> 32);
}

/* Fisher-Yates over @n indices, deterministic for a seed. */
static void shuffle(u32 *idx, u32 n, u64 seed)
{
	u64 state = seed;
	u32 i, j, t;

	for (i = n; i > 1; i--) {
		j = lcg_below(&state, i);
		t = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = t;
	}
}

static struct cluster_reasm *reasm_new(struct kunit *test)
{
	struct cluster_reasm *r = kunit_kmalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, r);
	memset(r, 0xa5, sizeof(*r));	/* init must clear it all */
	cluster_reasm_init(r);
	return r;
}

/* The header and payload length of fragment @index. */
static u32 frag(struct kunit *test, struct cluster_frag_hdr *hdr, u32 msg_id,
		u32 total, u32 unit, u32 index)
{
	int len = cluster_frag_build(hdr, msg_id, total, unit, index);

	KUNIT_ASSERT_GE_MSG(test, len, 0, "total %u unit %u fragment %u",
			    total, unit, index);
	return len;
}

/**
 * struct count_case - cluster_frag_count() and the last fragment's length
 * @total: message length
 * @unit: fragmentation unit
 * @count: expected number of fragments (0: refused)
 * @last: expected length of the last fragment
 */
struct count_case {
	u32 total;
	u32 unit;
	u32 count;
	u32 last;
};

static const struct count_case count_cases[] = {
	{ 0, 64, 1, 0 },
	{ 1, 64, 1, 1 },
	{ 63, 64, 1, 63 },
	{ 64, 64, 1, 64 },
	{ 65, 64, 2, 1 },
	{ 127, 64, 2, 63 },
	{ 128, 64, 2, 64 },
	{ 0, 1400, 1, 0 },
	{ 1, 1400, 1, 1 },
	{ 1399, 1400, 1, 1399 },
	{ 1400, 1400, 1, 1400 },
	{ 1401, 1400, 2, 1 },
	{ 100 * KIB, 1400, 74, 102400 - 73 * 1400 },
	{ MIB - 1, 1400, 749, MIB - 1 - 748 * 1400 },
	{ MIB, 1400, 749, MIB - 748 * 1400 },
	{ MIB, 64, CLUSTER_FRAG_MAX_PIECES, 64 },
	{ MIB - 1, 64, CLUSTER_FRAG_MAX_PIECES, 63 },
	{ MIB, 65535, 17, MIB - 16 * 65535 },
	{ 65535, 65535, 1, 65535 },
	{ 65536, 65535, 2, 1 },
	{ MIB, 65536, 0, 0 },		/* unit too large */
	{ MIB + 1, 64, 0, 0 },		/* message too large */
	{ MIB + 1, 1400, 0, 0 },
	{ U32_MAX, 1400, 0, 0 },
	{ 100, 63, 0, 0 },		/* unit too small */
	{ 0, 0, 0, 0 },
	{ 100, U32_MAX, 0, 0 },
};

static void count_case_desc(const struct count_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "total %u unit %u", c->total,
		 c->unit);
}

KUNIT_ARRAY_PARAM(count, count_cases, count_case_desc);

/*
 * The count, every fragment's length (unit but the last), their sum, and
 * the headers cluster_frag_build() makes, which cluster_frag_check()
 * accepts.
 */
static void frag_count_test(struct kunit *test)
{
	const struct count_case *c = test->param_value;
	struct cluster_frag_hdr hdr;
	u32 n, i, len, sum = 0;

	n = cluster_frag_count(c->total, c->unit);
	KUNIT_ASSERT_EQ(test, n, c->count);
	if (!n) {
		KUNIT_EXPECT_EQ(test, cluster_frag_len(c->total, c->unit, 0),
				0U);
		KUNIT_EXPECT_EQ(test, cluster_frag_build(&hdr, 1, c->total,
							 c->unit, 0),
				c->total > MIB ? -EMSGSIZE : -EINVAL);
		return;
	}
	KUNIT_EXPECT_LE(test, n, (u32)CLUSTER_FRAG_MAX_PIECES);
	for (i = 0; i < n; i++) {
		len = cluster_frag_len(c->total, c->unit, i);
		KUNIT_ASSERT_EQ(test, len, i == n - 1 ? c->last : c->unit);
		sum += len;
		memset(&hdr, 0, sizeof(hdr));
		KUNIT_ASSERT_EQ(test, frag(test, &hdr, 77, c->total, c->unit, i),
				len);
		KUNIT_ASSERT_EQ(test, hdr.msg_id, 77U);
		KUNIT_ASSERT_EQ(test, hdr.total, c->total);
		KUNIT_ASSERT_EQ(test, hdr.offset, i * c->unit);
		KUNIT_ASSERT_EQ(test, (u32)hdr.unit, c->unit);
		KUNIT_ASSERT_EQ(test, cluster_frag_check(&hdr, len), 0);
	}
	KUNIT_EXPECT_EQ(test, sum, c->total);
	/* One past the last: no fragment. */
	KUNIT_EXPECT_EQ(test, cluster_frag_len(c->total, c->unit, n), 0U);
	KUNIT_EXPECT_EQ(test, cluster_frag_build(&hdr, 1, c->total, c->unit, n),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cluster_frag_len(c->total, c->unit, U32_MAX), 0U);
}

/* A refused build leaves the header alone. */
static void frag_build_error_test(struct kunit *test)
{
	struct cluster_frag_hdr hdr = { 1, 2, 3, 4 };

	KUNIT_EXPECT_EQ(test, cluster_frag_build(&hdr, 9, MIB + 1, 1400, 0),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, cluster_frag_build(&hdr, 9, 100, 63, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, cluster_frag_build(&hdr, 9, 100, 65536, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cluster_frag_build(&hdr, 9, 100, 64, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, hdr.msg_id, 1U);
	KUNIT_EXPECT_EQ(test, hdr.total, 2U);
	KUNIT_EXPECT_EQ(test, hdr.offset, 3U);
	KUNIT_EXPECT_EQ(test, hdr.unit, 4);
}

/**
 * struct check_case - one cluster_frag_check() input
 * @name: what it tests
 * @hdr: the header
 * @len: payload length
 * @err: expected result
 */
struct check_case {
	const char *name;
	struct cluster_frag_hdr hdr;
	u32 len;
	int err;
};

#define HDR(total, offset, unit)	{ 5, total, offset, unit }

static const struct check_case check_cases[] = {
	{ "first", HDR(3000, 0, 1400), 1400, 0 },
	{ "middle", HDR(3000, 1400, 1400), 1400, 0 },
	{ "last", HDR(3000, 2800, 1400), 200, 0 },
	{ "empty message", HDR(0, 0, 1400), 0, 0 },
	{ "one byte", HDR(1, 0, 64), 1, 0 },
	{ "exactly one unit", HDR(64, 0, 64), 64, 0 },
	{ "largest", HDR(MIB, MIB - 64, 64), 64, 0 },
	{ "largest unit", HDR(MIB, 16 * 65535, 65535), MIB - 16 * 65535, 0 },
	{ "total too large", HDR(MIB + 1, 0, 1400), 1400, -EMSGSIZE },
	{ "total huge", HDR(U32_MAX, 0, 65535), 65535, -EMSGSIZE },
	{ "unit 0", HDR(100, 0, 0), 0, -EINVAL },
	{ "unit 1", HDR(100, 0, 1), 1, -EINVAL },
	{ "unit 63", HDR(100, 0, 63), 63, -EINVAL },
	{ "offset not aligned", HDR(3000, 1399, 1400), 1400, -EINVAL },
	{ "offset not aligned, last", HDR(3000, 2801, 1400), 199, -EINVAL },
	{ "offset at total", HDR(2800, 2800, 1400), 0, -EINVAL },
	{ "offset beyond total", HDR(3000, 4200, 1400), 0, -EINVAL },
	{ "offset huge", HDR(3000, 0xfffffe00U, 64), 64, -EINVAL },
	{ "empty message, offset", HDR(0, 64, 64), 0, -EINVAL },
	{ "empty message, payload", HDR(0, 0, 64), 1, -EINVAL },
	{ "payload short", HDR(3000, 0, 1400), 1399, -EINVAL },
	{ "payload long", HDR(3000, 0, 1400), 1401, -EINVAL },
	{ "payload empty", HDR(3000, 1400, 1400), 0, -EINVAL },
	{ "last payload long", HDR(3000, 2800, 1400), 1400, -EINVAL },
	{ "last payload short", HDR(3000, 2800, 1400), 199, -EINVAL },
	{ "payload huge", HDR(3000, 0, 1400), U32_MAX, -EINVAL },
};

static void check_case_desc(const struct check_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(check, check_cases, check_case_desc);

/* Every hostile header is refused, alone and in a reassembly. */
static void frag_check_test(struct kunit *test)
{
	const struct check_case *c = test->param_value;
	struct cluster_reasm *r = reasm_new(test);
	struct cluster_frag_hdr first;

	KUNIT_EXPECT_EQ(test, cluster_frag_check(&c->hdr, c->len), c->err);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &c->hdr, c->len),
			c->err ? CLUSTER_REASM_BAD : CLUSTER_REASM_START);
	KUNIT_EXPECT_EQ(test, r->active, !c->err);
	if (!c->err)
		return;
	KUNIT_EXPECT_FALSE(test, cluster_reasm_done(r));

	/* In the middle of a message with the same id: refused too. */
	frag(test, &first, c->hdr.msg_id, 3000, 1400, 0);
	KUNIT_ASSERT_EQ(test, cluster_reasm_accept(r, &first, 1400),
			CLUSTER_REASM_START);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &c->hdr, c->len),
			CLUSTER_REASM_BAD);
	KUNIT_EXPECT_EQ(test, r->have, 1U);
	KUNIT_EXPECT_EQ(test, r->total, 3000U);
}

/* Feed fragments in @order; expect done after the last only. */
static void feed(struct kunit *test, struct cluster_reasm *r, u32 msg_id,
		 u32 total, u32 unit, const u32 *order, u32 n)
{
	struct cluster_frag_hdr hdr;
	u32 i, len;

	for (i = 0; i < n; i++) {
		len = frag(test, &hdr, msg_id, total, unit, order[i]);
		KUNIT_ASSERT_EQ_MSG(test, cluster_reasm_accept(r, &hdr, len),
				    i ? CLUSTER_REASM_COPY : CLUSTER_REASM_START,
				    "fragment %u (#%u)", order[i], i);
		KUNIT_ASSERT_EQ(test, r->have, i + 1);
		KUNIT_ASSERT_EQ(test, cluster_reasm_done(r), i == n - 1);
	}
}

static u32 *order_new(struct kunit *test, u32 n)
{
	u32 *order = kunit_kmalloc_array(test, n, sizeof(*order), GFP_KERNEL);
	u32 i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, order);
	for (i = 0; i < n; i++)
		order[i] = i;
	return order;
}

/**
 * struct layout - a message's length and unit
 * @total: message length
 * @unit: fragmentation unit
 */
struct layout {
	u32 total;
	u32 unit;
};

static const struct layout layouts[] = {
	{ 0, 1400 },
	{ 1, 64 },
	{ 10000, 1400 },
	{ 100 * KIB, 1400 },
	{ MIB, 64 },
	{ MIB, 65535 },
	{ MIB - 1, 1500 },
};

static void layout_desc(const struct layout *l, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "total %u unit %u", l->total,
		 l->unit);
}

KUNIT_ARRAY_PARAM(layout, layouts, layout_desc);

/* In order, reversed, shuffled (three seeds): done after the last. */
static void reasm_orders_test(struct kunit *test)
{
	const struct layout *l = test->param_value;
	struct cluster_reasm *r = reasm_new(test);
	u32 n = cluster_frag_count(l->total, l->unit);
	u32 *order = order_new(test, n);
	u32 i, seed;

	feed(test, r, 1, l->total, l->unit, order, n);
	KUNIT_EXPECT_EQ(test, r->nfrags, n);
	cluster_reasm_reset(r);
	KUNIT_EXPECT_FALSE(test, r->active);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(r->map, CLUSTER_FRAG_MAX_PIECES));

	for (i = 0; i < n; i++)
		order[i] = n - 1 - i;
	feed(test, r, 2, l->total, l->unit, order, n);
	cluster_reasm_reset(r);

	for (seed = 1; seed <= 3; seed++) {
		shuffle(order, n, seed);
		feed(test, r, 2 + seed, l->total, l->unit, order, n);
		cluster_reasm_reset(r);
		KUNIT_EXPECT_TRUE(test, bitmap_empty(r->map,
						     CLUSTER_FRAG_MAX_PIECES));
	}
}

/* Duplicates are reported and change nothing. */
static void reasm_dup_test(struct kunit *test)
{
	struct cluster_reasm *r = reasm_new(test);
	struct cluster_frag_hdr hdr;
	u32 len, i;

	for (i = 0; i < 8; i++) {
		len = frag(test, &hdr, 3, 10000, 1400, i);
		KUNIT_ASSERT_EQ(test, cluster_reasm_accept(r, &hdr, len),
				i ? CLUSTER_REASM_COPY : CLUSTER_REASM_START);
		/* Every fragment so far, again. */
		len = frag(test, &hdr, 3, 10000, 1400, 0);
		KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
				CLUSTER_REASM_DUP);
		len = frag(test, &hdr, 3, 10000, 1400, i);
		KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
				CLUSTER_REASM_DUP);
		KUNIT_EXPECT_EQ(test, r->have, i + 1);
	}
	KUNIT_EXPECT_TRUE(test, cluster_reasm_done(r));
	/* Still a duplicate once complete (before the caller resets). */
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_DUP);
	KUNIT_EXPECT_TRUE(test, cluster_reasm_done(r));
}

/* A missing fragment: never done, whatever else arrives; then done. */
static void reasm_missing_test(struct kunit *test)
{
	struct cluster_reasm *r = reasm_new(test);
	struct cluster_frag_hdr hdr;
	u32 n = cluster_frag_count(100 * KIB, 1400), i, len, missing;

	for (missing = 0; missing < n; missing += 9) {
		for (i = 0; i < n; i++) {
			if (i == missing)
				continue;
			len = frag(test, &hdr, 4, 100 * KIB, 1400, i);
			cluster_reasm_accept(r, &hdr, len);
			/* A duplicate of the one before, for good measure. */
			cluster_reasm_accept(r, &hdr, len);
			KUNIT_ASSERT_FALSE(test, cluster_reasm_done(r));
		}
		KUNIT_EXPECT_EQ(test, r->have, n - 1);
		len = frag(test, &hdr, 4, 100 * KIB, 1400, missing);
		KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
				CLUSTER_REASM_COPY);
		KUNIT_EXPECT_TRUE(test, cluster_reasm_done(r));
		cluster_reasm_reset(r);
	}
}

/* The same msg_id with another total or unit: BAD, state unchanged. */
static void reasm_inconsistent_test(struct kunit *test)
{
	struct cluster_reasm *r = reasm_new(test);
	struct cluster_frag_hdr hdr;
	u32 len;

	len = frag(test, &hdr, 6, 3000, 1400, 0);
	KUNIT_ASSERT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_START);

	/* Another total: the fragment at 1400 would be valid on its own. */
	len = frag(test, &hdr, 6, 4000, 1400, 1);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_BAD);
	/* Another unit. */
	len = frag(test, &hdr, 6, 3000, 1000, 1);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_BAD);
	len = frag(test, &hdr, 6, 3000, 700, 2);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_BAD);
	/* A duplicate of fragment 0 that lies about the total. */
	len = frag(test, &hdr, 6, 1400, 1400, 0);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_BAD);

	KUNIT_EXPECT_EQ(test, r->have, 1U);
	KUNIT_EXPECT_EQ(test, r->total, 3000U);
	KUNIT_EXPECT_EQ(test, r->unit, 1400);
	KUNIT_EXPECT_EQ(test, r->nfrags, 3U);
	KUNIT_EXPECT_EQ(test, bitmap_weight(r->map, CLUSTER_FRAG_MAX_PIECES),
			1U);

	/* The caller drops the message; a new one starts cleanly. */
	cluster_reasm_reset(r);
	len = frag(test, &hdr, 6, 4000, 1400, 1);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_START);
	KUNIT_EXPECT_FALSE(test, cluster_reasm_done(r));
}

/*
 * A fragment of a second message while one is in progress: OTHER, state
 * unchanged.  The caller's policy (drop the first, reset, offer again)
 * then assembles the second.
 */
static void reasm_other_test(struct kunit *test)
{
	struct cluster_reasm *r = reasm_new(test);
	struct cluster_frag_hdr hdr, bad;
	u32 len, i;

	for (i = 0; i < 2; i++) {
		len = frag(test, &hdr, 10, 10000, 1400, i);
		cluster_reasm_accept(r, &hdr, len);
	}
	len = frag(test, &hdr, 11, 3000, 1400, 0);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_OTHER);
	/* Even a malformed one is "other" first: its id decides. */
	bad = hdr;
	bad.offset = 7;
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &bad, len),
			CLUSTER_REASM_OTHER);
	KUNIT_EXPECT_EQ(test, r->msg_id, 10U);
	KUNIT_EXPECT_EQ(test, r->have, 2U);
	KUNIT_EXPECT_FALSE(test, cluster_reasm_done(r));

	/* Interleaved: message 10's fragments keep working meanwhile. */
	len = frag(test, &hdr, 10, 10000, 1400, 2);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_COPY);

	cluster_reasm_reset(r);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &bad, len),
			CLUSTER_REASM_BAD);
	KUNIT_EXPECT_FALSE(test, r->active);
	for (i = 0; i < 3; i++) {
		len = frag(test, &hdr, 11, 3000, 1400, i);
		KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
				i ? CLUSTER_REASM_COPY : CLUSTER_REASM_START);
	}
	KUNIT_EXPECT_TRUE(test, cluster_reasm_done(r));
	/* Message 10's rest is now a new, incomplete message. */
	cluster_reasm_reset(r);
	len = frag(test, &hdr, 10, 10000, 1400, 3);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_START);
	KUNIT_EXPECT_FALSE(test, cluster_reasm_done(r));
}

/* After a complete 1 MiB message, reset leaves no fragment behind. */
static void reasm_reset_test(struct kunit *test)
{
	struct cluster_reasm *r = reasm_new(test);
	u32 n = cluster_frag_count(MIB, 64);
	u32 *order = order_new(test, n);
	struct cluster_frag_hdr hdr;
	u32 len;

	feed(test, r, 20, MIB, 64, order, n);
	KUNIT_EXPECT_TRUE(test, bitmap_full(r->map, CLUSTER_FRAG_MAX_PIECES));
	cluster_reasm_reset(r);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(r->map, CLUSTER_FRAG_MAX_PIECES));
	KUNIT_EXPECT_FALSE(test, cluster_reasm_done(r));
	KUNIT_EXPECT_EQ(test, r->have, 0U);

	/* The same layout again: every fragment is new. */
	len = frag(test, &hdr, 21, MIB, 64, n - 1);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_START);
	len = frag(test, &hdr, 21, MIB, 64, 0);
	KUNIT_EXPECT_EQ(test, cluster_reasm_accept(r, &hdr, len),
			CLUSTER_REASM_COPY);
	KUNIT_EXPECT_FALSE(test, cluster_reasm_done(r));
	/* Resetting an idle reassembly is harmless. */
	cluster_reasm_reset(r);
	cluster_reasm_reset(r);
	KUNIT_EXPECT_FALSE(test, r->active);
}

/**
 * struct trip_case - one round trip
 * @total: message length
 * @unit: fragmentation unit
 * @seed: shuffle and data seed
 */
struct trip_case {
	u32 total;
	u32 unit;
	u64 seed;
};

static const struct trip_case trip_cases[] = {
	{ 100 * KIB, 1400, 1 },
	{ 100 * KIB, 1400, 2 },
	{ 0, 1400, 3 },
	{ 1, 64, 4 },
	{ 12345, 1500, 5 },
	{ MIB, 64, 6 },
	{ MIB, 65535, 7 },
	{ MIB, 8192, 8 },
};

static void trip_case_desc(const struct trip_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "total %u unit %u seed %llu",
		 c->total, c->unit, c->seed);
}

KUNIT_ARRAY_PARAM(trip, trip_cases, trip_case_desc);

/*
 * Split pseudo-random bytes into fragments, feed them shuffled with
 * duplicates (a quarter of them twice) into a buffer the way the runtime
 * does, and compare.
 */
static void frag_roundtrip_test(struct kunit *test)
{
	const struct trip_case *c = test->param_value;
	struct cluster_reasm *r = reasm_new(test);
	u32 n = cluster_frag_count(c->total, c->unit);
	u32 sends = n + n / 4, i, len, done = 0;
	u8 *src, *dst = NULL;
	u32 *order;
	u64 state = c->seed;

	src = kunit_kmalloc(test, c->total ? c->total : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, src);
	for (i = 0; i < c->total; i++)
		src[i] = lcg_below(&state, 256);

	order = kunit_kmalloc_array(test, sends, sizeof(*order), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, order);
	for (i = 0; i < sends; i++)
		order[i] = i < n ? i : lcg_below(&state, n);
	shuffle(order, sends, c->seed);

	for (i = 0; i < sends; i++) {
		struct cluster_frag_hdr hdr;

		len = frag(test, &hdr, 0x12345678, c->total, c->unit,
			   order[i]);
		switch (cluster_reasm_accept(r, &hdr, len)) {
		case CLUSTER_REASM_START:
			KUNIT_ASSERT_NULL(test, dst);
			dst = kunit_kmalloc(test, hdr.total ? hdr.total : 1,
					    GFP_KERNEL);
			KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dst);
			memset(dst, 0, hdr.total);
			fallthrough;
		case CLUSTER_REASM_COPY:
			KUNIT_ASSERT_NOT_NULL(test, dst);
			memcpy(dst + hdr.offset, src + hdr.offset, len);
			if (cluster_reasm_done(r))
				done++;
			break;
		case CLUSTER_REASM_DUP:
			break;
		default:
			KUNIT_FAIL(test, "fragment %u refused", order[i]);
			return;
		}
	}
	KUNIT_EXPECT_EQ(test, done, 1U);
	KUNIT_EXPECT_TRUE(test, cluster_reasm_done(r));
	KUNIT_ASSERT_NOT_NULL(test, dst);
	KUNIT_EXPECT_EQ(test, memcmp(dst, src, c->total), 0);
}

static void reasm_names_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, cluster_reasm_result_name(CLUSTER_REASM_START),
			   "start");
	KUNIT_EXPECT_STREQ(test, cluster_reasm_result_name(CLUSTER_REASM_COPY),
			   "copy");
	KUNIT_EXPECT_STREQ(test, cluster_reasm_result_name(CLUSTER_REASM_DUP),
			   "dup");
	KUNIT_EXPECT_STREQ(test, cluster_reasm_result_name(CLUSTER_REASM_BAD),
			   "bad");
	KUNIT_EXPECT_STREQ(test, cluster_reasm_result_name(CLUSTER_REASM_OTHER),
			   "other");
	KUNIT_EXPECT_STREQ(test, cluster_reasm_result_name(99), "unknown");
}

static struct kunit_case frag_test_cases[] = {
	KUNIT_CASE_PARAM(frag_count_test, count_gen_params),
	KUNIT_CASE(frag_build_error_test),
	KUNIT_CASE_PARAM(frag_check_test, check_gen_params),
	KUNIT_CASE_PARAM(reasm_orders_test, layout_gen_params),
	KUNIT_CASE(reasm_dup_test),
	KUNIT_CASE(reasm_missing_test),
	KUNIT_CASE(reasm_inconsistent_test),
	KUNIT_CASE(reasm_other_test),
	KUNIT_CASE(reasm_reset_test),
	KUNIT_CASE_PARAM(frag_roundtrip_test, trip_gen_params),
	KUNIT_CASE(reasm_names_test),
	{}
};

static struct kunit_suite frag_test_suite = {
	.name = "af_cluster_frag",
	.test_cases = frag_test_cases,
};

kunit_test_suites(&frag_test_suite);
