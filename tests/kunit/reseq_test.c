// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the resequencing cache (driver/reseq.c):
 *
 *   af_cluster_reseq  cluster_reseq_size_valid(), cluster_reseq_init(),
 *                     cluster_reseq_insert(), cluster_reseq_pop(),
 *                     cluster_reseq_sack(), cluster_reseq_ack(),
 *                     cluster_reseq_ooo(), cluster_reseq_flush(),
 *                     cluster_reseq_result_name()
 *
 * Items are pointers into an array of sequence numbers, so a popped item
 * says which message it is.  Random orders come from a seeded generator.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/string.h>

#include "reseq.h"

#define MSGS	256

/**
 * struct reseq_env - a cache and the messages it carries
 * @q: the cache
 * @slots: its slots (%CLUSTER_RESEQ_MAX, of which @q uses q.size)
 * @seq: the messages: message i has sequence number @seq[i]
 * @freed: how many times the flush callback freed message i
 */
struct reseq_env {
	struct cluster_reseq q;
	void *slots[CLUSTER_RESEQ_MAX];
	u32 seq[MSGS];
	unsigned int freed[MSGS];
};

/* A fresh environment: a cache of @size slots expecting @first. */
static struct reseq_env *env_new(struct kunit *test, u32 size, u32 first)
{
	struct reseq_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, e);
	KUNIT_ASSERT_EQ(test, cluster_reseq_init(&e->q, e->slots, size, first),
			0);
	for (i = 0; i < MSGS; i++)
		e->seq[i] = first + i;
	return e;
}

/* The item of message @i (sequence number first + @i). */
static void *item(struct reseq_env *e, unsigned int i)
{
	return &e->seq[i];
}

/* Pop one item; expect message @i. */
static void expect_pop(struct kunit *test, struct reseq_env *e,
		       unsigned int i)
{
	u32 *got = cluster_reseq_pop(&e->q);

	KUNIT_ASSERT_NOT_NULL_MSG(test, got, "message %u", i);
	KUNIT_EXPECT_EQ(test, *got, e->seq[i]);
	KUNIT_EXPECT_PTR_EQ(test, (void *)got, item(e, i));
}

/* A seeded 64-bit LCG: a value in [0, @ceil). */
static u32 lcg_below(u64 *s, u32 ceil)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(((*s >> 32) * ceil) >> 32);
}

/**
 * struct size_case - one cluster_reseq_size_valid() input
 * @size: the size
 * @valid: expected result
 */
struct size_case {
	u32 size;
	bool valid;
};

static const struct size_case size_cases[] = {
	{ 0, false },
	{ 1, false },
	{ 4, false },
	{ 7, false },
	{ CLUSTER_RESEQ_MIN, true },
	{ 9, false },
	{ 12, false },
	{ 16, true },
	{ 256, true },
	{ 1000, false },
	{ 1024, true },
	{ CLUSTER_RESEQ_MAX - 1, false },
	{ CLUSTER_RESEQ_MAX, true },
	{ CLUSTER_RESEQ_MAX + 1, false },
	{ 2 * CLUSTER_RESEQ_MAX, false },
	{ 1U << 31, false },
	{ U32_MAX, false },
};

static void size_case_desc(const struct size_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size %u", c->size);
}

KUNIT_ARRAY_PARAM(size, size_cases, size_case_desc);

static void reseq_size_test(struct kunit *test)
{
	const struct size_case *c = test->param_value;
	struct cluster_reseq q = { .next = 7 };
	void *slots[CLUSTER_RESEQ_MIN];

	KUNIT_EXPECT_EQ(test, cluster_reseq_size_valid(c->size), c->valid);
	/* init refuses an invalid size without touching the cache. */
	if (!c->valid) {
		KUNIT_EXPECT_EQ(test, cluster_reseq_init(&q, slots, c->size, 1),
				-EINVAL);
		KUNIT_EXPECT_EQ(test, q.next, 7U);
	}
}

/* init clears the caller's slots and sets next. */
static void reseq_init_test(struct kunit *test)
{
	struct reseq_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, e);
	memset(e->slots, 0x5a, sizeof(e->slots));
	KUNIT_ASSERT_EQ(test, cluster_reseq_init(&e->q, e->slots, 64, 1000),
			0);
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_NULL(test, e->slots[i]);
	/* Only the cache's own slots are touched. */
	KUNIT_EXPECT_NOT_NULL(test, e->slots[64]);
	KUNIT_EXPECT_EQ(test, e->q.next, 1000U);
	KUNIT_EXPECT_EQ(test, e->q.size, 64U);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), 1000U);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 0U);
	KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
}

/* In order: every message is delivered at once. */
static void reseq_in_order_test(struct kunit *test)
{
	struct reseq_env *e = env_new(test, 8, 1);
	unsigned int i;

	for (i = 0; i < MSGS; i++) {
		KUNIT_ASSERT_EQ(test, cluster_reseq_insert(&e->q, e->seq[i],
							   item(e, i)),
				CLUSTER_RESEQ_OK);
		KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 1U);
		expect_pop(test, e, i);
		KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
		KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), e->seq[i] + 1);
		KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 0U);
	}
}

/* Ahead of a gap: held, then released in order when the gap fills. */
static void reseq_out_of_order_test(struct kunit *test)
{
	struct reseq_env *e = env_new(test, 8, 100);
	const unsigned int order[] = { 3, 1, 7, 2 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(order); i++) {
		KUNIT_EXPECT_EQ(test,
				cluster_reseq_insert(&e->q, e->seq[order[i]],
						     item(e, order[i])),
				CLUSTER_RESEQ_OK);
		KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
		KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), i + 1);
		KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), 100U);
	}
	/* Message 0 fills the first gap: 0..3 go, 7 waits for 4..6. */
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[0], item(e, 0)),
			CLUSTER_RESEQ_OK);
	for (i = 0; i <= 3; i++)
		expect_pop(test, e, i);
	KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
	KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), 104U);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 1U);

	/* The window moved: 104 + 8 - 1 = 111 fits now. */
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[11],
						   item(e, 11)),
			CLUSTER_RESEQ_OK);
	for (i = 6; i >= 4; i--)
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[i],
							   item(e, i)),
				CLUSTER_RESEQ_OK);
	for (i = 4; i <= 7; i++)
		expect_pop(test, e, i);
	KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
	KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), 108U);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 1U);
}

/* Duplicates of delivered and of held messages store nothing. */
static void reseq_dup_test(struct kunit *test)
{
	struct reseq_env *e = env_new(test, 16, 5000);
	u32 other = 0;
	unsigned int i;

	for (i = 0; i < 4; i++) {
		cluster_reseq_insert(&e->q, e->seq[i], item(e, i));
		expect_pop(test, e, i);
	}
	/* Delivered: anything before next, as far as 2^31 back. */
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[i],
							   &other),
				CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 5004 - 0x7fffffffU,
						   &other),
			CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 5004 + 0x80000000U,
						   &other),
			CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 0U);

	/* Held: the first copy stays. */
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[9], item(e, 9)),
			CLUSTER_RESEQ_OK);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[9], &other),
			CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 1U);
	KUNIT_EXPECT_PTR_EQ(test, e->slots[e->seq[9] & 15], item(e, 9));

	/* A NULL item is never stored (it would read as an empty slot). */
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[5], NULL),
			CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 1U);

	/* The next one, already held, is a duplicate too. */
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[4], item(e, 4)),
			CLUSTER_RESEQ_OK);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[4], &other),
			CLUSTER_RESEQ_DUP);
	expect_pop(test, e, 4);
	KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
}

/* The window's edge: next + size - 1 fits, next + size does not. */
static void reseq_beyond_test(struct kunit *test)
{
	static const u32 sizes[] = { CLUSTER_RESEQ_MIN, 64, CLUSTER_RESEQ_MAX };
	u32 other = 0;
	unsigned int s;

	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		u32 size = sizes[s];
		struct reseq_env *e = env_new(test, size, 42);

		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 42 + size,
							   &other),
				CLUSTER_RESEQ_BEYOND);
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q,
							   42 + 0x7fffffffU,
							   &other),
				CLUSTER_RESEQ_BEYOND);
		KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 0U);
		/* Same slot as next + size, which must still be empty. */
		KUNIT_EXPECT_NULL(test, e->slots[42 & (size - 1)]);

		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 42 + size - 1,
							   &other),
				CLUSTER_RESEQ_OK);
		KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 1U);
		/* After one delivery the edge moves by one. */
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 42, item(e, 0)),
				CLUSTER_RESEQ_OK);
		expect_pop(test, e, 0);
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 43 + size,
							   &other),
				CLUSTER_RESEQ_BEYOND);
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 42 + size - 1,
							   &other),
				CLUSTER_RESEQ_DUP);	/* held already */
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 43 + size - 1,
							   &other),
				CLUSTER_RESEQ_OK);
		KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 2U);
	}
}

/* Sequence numbers wrap across 2^32. */
static void reseq_wrap_test(struct kunit *test)
{
	struct reseq_env *e = env_new(test, 32, 0xfffffff0U);
	u32 other = 0;
	int i;

	KUNIT_EXPECT_EQ(test, e->seq[16], 0U);
	/* 0x0000000f back to 0xfffffff1: all held behind 0xfffffff0. */
	for (i = 31; i >= 1; i--)
		KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, e->seq[i],
							   item(e, i)),
				CLUSTER_RESEQ_OK);
	KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 0x10U, &other),
			CLUSTER_RESEQ_BEYOND);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 0xffffffefU, &other),
			CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 0xfffffff0U,
						   item(e, 0)),
			CLUSTER_RESEQ_OK);
	for (i = 0; i < 32; i++)
		expect_pop(test, e, i);
	KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));
	KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), 0x10U);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 0U);
	/* Before the wrap is now long delivered. */
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 0xffffffffU, &other),
			CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 0U, &other),
			CLUSTER_RESEQ_DUP);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 0x10U + 32, &other),
			CLUSTER_RESEQ_BEYOND);
	KUNIT_EXPECT_EQ(test, cluster_reseq_insert(&e->q, 0x10U + 31,
						   item(e, 63)),
			CLUSTER_RESEQ_OK);
}

/* Expect @n blocks, given as start, end pairs. */
static void expect_sack(struct kunit *test, struct reseq_env *e,
			unsigned int n_max, unsigned int n, const u32 *want)
{
	struct cluster_sack_block blocks[8];
	unsigned int got, i;

	memset(blocks, 0xa5, sizeof(blocks));
	got = cluster_reseq_sack(&e->q, blocks, n_max);
	KUNIT_ASSERT_EQ(test, got, n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, blocks[i].start, want[2 * i],
				    "block %u", i);
		KUNIT_EXPECT_EQ_MSG(test, blocks[i].end, want[2 * i + 1],
				    "block %u", i);
	}
	/* Nothing written past the blocks reported. */
	for (i = n; i < ARRAY_SIZE(blocks); i++)
		KUNIT_EXPECT_EQ(test, blocks[i].start, 0xa5a5a5a5U);
}

static void hold(struct kunit *test, struct reseq_env *e, unsigned int from,
		 unsigned int to)
{
	unsigned int i;

	for (i = from; i < to; i++)
		KUNIT_ASSERT_EQ(test, cluster_reseq_insert(&e->q, e->seq[i],
							   item(e, i)),
				CLUSTER_RESEQ_OK);
}

/* SACK blocks: the held runs after next, lowest first. */
static void reseq_sack_test(struct kunit *test)
{
	struct reseq_env *e = env_new(test, 32, 100);
	static const u32 three[] = { 102, 104, 105, 106, 108, 111 };
	static const u32 four[] = { 102, 104, 105, 106, 108, 111, 131, 132 };
	static const u32 wrap[] = { 0xffffffffU, 3 };
	static const u32 full[] = { 0xfffffffdU, 4 };

	expect_sack(test, e, 8, 0, NULL);
	hold(test, e, 2, 4);
	hold(test, e, 5, 6);
	hold(test, e, 8, 11);
	expect_sack(test, e, 8, 3, three);
	expect_sack(test, e, 3, 3, three);
	expect_sack(test, e, 2, 2, three);	/* the lowest two */
	expect_sack(test, e, 1, 1, three);
	expect_sack(test, e, 0, 0, NULL);

	/* A run ending at the window's last slot. */
	hold(test, e, 31, 32);
	expect_sack(test, e, 8, 4, four);
	expect_sack(test, e, 3, 3, four);

	/* Filling the first gap delivers 100..103; the rest stays. */
	hold(test, e, 0, 2);
	while (cluster_reseq_pop(&e->q))
		;
	KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), 104U);
	expect_sack(test, e, 8, 3, four + 2);

	/* Across the wrap. */
	e = env_new(test, 8, 0xfffffffeU);
	hold(test, e, 1, 5);
	expect_sack(test, e, 8, 1, wrap);
	/* Every slot but next: one block to next + size. */
	e = env_new(test, 8, 0xfffffffcU);
	hold(test, e, 1, 8);
	expect_sack(test, e, 8, 1, full);
}

static void count_free(void *p, void *ctx)
{
	struct reseq_env *e = ctx;
	u32 *s = p;

	e->freed[s - e->seq]++;
}

/* Flush frees every held item exactly once and empties the cache. */
static void reseq_flush_test(struct kunit *test)
{
	struct reseq_env *e = env_new(test, 64, 0xffffffe0U);
	unsigned int i;

	hold(test, e, 0, 3);
	expect_pop(test, e, 0);		/* delivered: not the cache's */
	hold(test, e, 10, 20);
	hold(test, e, 63, 64);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 13U);

	cluster_reseq_flush(&e->q, count_free, e);
	for (i = 0; i < MSGS; i++)
		KUNIT_EXPECT_EQ_MSG(test, e->freed[i],
				    (i >= 1 && i < 3) || (i >= 10 && i < 20) ||
				    i == 63 ? 1U : 0U, "message %u", i);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ooo(&e->q), 0U);
	KUNIT_EXPECT_EQ(test, e->q.held, 0U);
	KUNIT_EXPECT_EQ(test, cluster_reseq_ack(&e->q), e->seq[1]);
	for (i = 0; i < 64; i++)
		KUNIT_EXPECT_NULL(test, e->slots[i]);
	KUNIT_EXPECT_NULL(test, cluster_reseq_pop(&e->q));

	/* Again: nothing left to free.  The cache still works after. */
	cluster_reseq_flush(&e->q, count_free, e);
	KUNIT_EXPECT_EQ(test, e->freed[1], 1U);
	hold(test, e, 1, 2);
	expect_pop(test, e, 1);
}

/*
 * A sender that respects the window, over a channel that loses,
 * reorders and duplicates: every message is delivered once, in order,
 * and the counts agree with a model.
 */
static void reseq_random_test(struct kunit *test)
{
	struct reseq_env *e = env_new(test, 16, 0xffffff80U);
	u32 delivered = 0, held_model = 0, first = e->seq[0];
	bool in[MSGS] = {};
	unsigned int round;
	u64 state = 12345;

	for (round = 0; round < 100000 && delivered < MSGS; round++) {
		/* Any message the sender may have sent: old ones too. */
		u32 lo = delivered > 20 ? delivered - 20 : 0;
		u32 hi = min_t(u32, delivered + 16 + 4, MSGS);
		u32 i = lo + lcg_below(&state, hi - lo);
		enum cluster_reseq_result want, got;
		u32 *p;

		if (i < delivered || in[i])
			want = CLUSTER_RESEQ_DUP;
		else if (i >= delivered + 16)
			want = CLUSTER_RESEQ_BEYOND;
		else
			want = CLUSTER_RESEQ_OK;
		got = cluster_reseq_insert(&e->q, e->seq[i], item(e, i));
		KUNIT_ASSERT_EQ_MSG(test, got, want, "message %u (%s)", i,
				    cluster_reseq_result_name(got));
		if (got == CLUSTER_RESEQ_OK) {
			in[i] = true;
			held_model++;
		}
		while ((p = cluster_reseq_pop(&e->q))) {
			KUNIT_ASSERT_EQ(test, *p, first + delivered);
			in[delivered++] = false;
			held_model--;
		}
		KUNIT_ASSERT_EQ(test, cluster_reseq_ooo(&e->q), held_model);
		KUNIT_ASSERT_EQ(test, cluster_reseq_ack(&e->q),
				first + delivered);
	}
	KUNIT_EXPECT_EQ(test, delivered, (u32)MSGS);
}

static void reseq_names_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, cluster_reseq_result_name(CLUSTER_RESEQ_OK),
			   "ok");
	KUNIT_EXPECT_STREQ(test, cluster_reseq_result_name(CLUSTER_RESEQ_DUP),
			   "dup");
	KUNIT_EXPECT_STREQ(test,
			   cluster_reseq_result_name(CLUSTER_RESEQ_BEYOND),
			   "beyond");
	KUNIT_EXPECT_STREQ(test, cluster_reseq_result_name(99), "unknown");
}

static struct kunit_case reseq_test_cases[] = {
	KUNIT_CASE_PARAM(reseq_size_test, size_gen_params),
	KUNIT_CASE(reseq_init_test),
	KUNIT_CASE(reseq_in_order_test),
	KUNIT_CASE(reseq_out_of_order_test),
	KUNIT_CASE(reseq_dup_test),
	KUNIT_CASE(reseq_beyond_test),
	KUNIT_CASE(reseq_wrap_test),
	KUNIT_CASE(reseq_sack_test),
	KUNIT_CASE(reseq_flush_test),
	KUNIT_CASE(reseq_random_test),
	KUNIT_CASE(reseq_names_test),
	{}
};

static struct kunit_suite reseq_test_suite = {
	.name = "af_cluster_reseq",
	.test_cases = reseq_test_cases,
};

kunit_test_suites(&reseq_test_suite);
