// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for sequence numbers (driver/seq.h) and the transmit window
 * (driver/cwnd.c):
 *
 *   af_cluster_seq   cluster_seq_before(), _after(), _before_eq(),
 *                    _after_eq(), _in(), _max(), _min(), around 0 and
 *                    2^31 and across the wrap at 2^32
 *   af_cluster_cwnd  PEDRIVER's trace (grow, timeout, hold at 1 until the
 *                    old flight is acknowledged, fast then slow growth,
 *                    capped by the peer's cache), timeouts while holding,
 *                    SACK-detected losses, set_max, a window of 1,
 *                    sequence numbers wrapping during a hold, large
 *                    acknowledgments, and the invariants under a seeded
 *                    random sequence of events
 *
 * A small sender model (struct sim) keeps snd_una and snd_nxt and fills
 * the window, as the virtual circuit will.  After a timeout it counts as
 * in flight only the packets retransmitted since: the old flight is
 * presumed lost, and the hold lets one packet at a time through.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>

#include "cwnd.h"
#include "seq.h"

/* ---- af_cluster_seq ---- */

/* Bases where a comparison might go wrong: 0, 2^31 and the wrap. */
static const u32 seq_bases[] = {
	0, 1, 0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001,
	0xfffffff0, 0xfffffffe, 0xffffffff,
};

/* Forward distances below 2^31: b = a + d is after a. */
static const u32 seq_dists[] = { 1, 2, 16, 65536, 0x7ffffffe, 0x7fffffff };

static void seq_order_test(struct kunit *test)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(seq_bases); i++) {
		u32 a = seq_bases[i];

		KUNIT_EXPECT_FALSE(test, cluster_seq_before(a, a));
		KUNIT_EXPECT_FALSE(test, cluster_seq_after(a, a));
		KUNIT_EXPECT_TRUE(test, cluster_seq_before_eq(a, a));
		KUNIT_EXPECT_TRUE(test, cluster_seq_after_eq(a, a));
		KUNIT_EXPECT_EQ(test, cluster_seq_max(a, a), a);
		KUNIT_EXPECT_EQ(test, cluster_seq_min(a, a), a);

		for (j = 0; j < ARRAY_SIZE(seq_dists); j++) {
			u32 b = a + seq_dists[j];

			KUNIT_EXPECT_TRUE(test, cluster_seq_before(a, b));
			KUNIT_EXPECT_FALSE(test, cluster_seq_before(b, a));
			KUNIT_EXPECT_TRUE(test, cluster_seq_after(b, a));
			KUNIT_EXPECT_FALSE(test, cluster_seq_after(a, b));
			KUNIT_EXPECT_TRUE(test, cluster_seq_before_eq(a, b));
			KUNIT_EXPECT_FALSE(test, cluster_seq_before_eq(b, a));
			KUNIT_EXPECT_TRUE(test, cluster_seq_after_eq(b, a));
			KUNIT_EXPECT_FALSE(test, cluster_seq_after_eq(a, b));
			KUNIT_EXPECT_EQ(test, cluster_seq_max(a, b), b);
			KUNIT_EXPECT_EQ(test, cluster_seq_max(b, a), b);
			KUNIT_EXPECT_EQ(test, cluster_seq_min(a, b), a);
			KUNIT_EXPECT_EQ(test, cluster_seq_min(b, a), a);
		}
	}
}

/* The wrap at 2^32, written out. */
static void seq_wrap_test(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, cluster_seq_before(0xffffffff, 0));
	KUNIT_EXPECT_TRUE(test, cluster_seq_after(0, 0xffffffff));
	KUNIT_EXPECT_TRUE(test, cluster_seq_before(0xfffffff0, 0x10));
	KUNIT_EXPECT_TRUE(test, cluster_seq_after_eq(0x10, 0xfffffff0));
	KUNIT_EXPECT_FALSE(test, cluster_seq_before_eq(0x10, 0xfffffff0));
	KUNIT_EXPECT_EQ(test, cluster_seq_max(0xffffffff, 2), 2U);
	KUNIT_EXPECT_EQ(test, cluster_seq_min(0xffffffff, 2), 0xffffffffU);
	/* Half the space apart, forward: still ordered. */
	KUNIT_EXPECT_TRUE(test, cluster_seq_before(0, 0x7fffffff));
	KUNIT_EXPECT_TRUE(test, cluster_seq_after(0, 0x80000001));
	/* Exactly 2^31 apart: ambiguous, each is before the other. */
	KUNIT_EXPECT_TRUE(test, cluster_seq_before(0, 0x80000000));
	KUNIT_EXPECT_TRUE(test, cluster_seq_before(0x80000000, 0));
}

static void seq_in_test(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, cluster_seq_in(0, 0, 10));
	KUNIT_EXPECT_TRUE(test, cluster_seq_in(9, 0, 10));
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(10, 0, 10));
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(0xffffffff, 0, 10));
	/* Across the wrap. */
	KUNIT_EXPECT_TRUE(test, cluster_seq_in(0xfffffff0, 0xfffffff0, 0x10));
	KUNIT_EXPECT_TRUE(test, cluster_seq_in(0xffffffff, 0xfffffff0, 0x10));
	KUNIT_EXPECT_TRUE(test, cluster_seq_in(0, 0xfffffff0, 0x10));
	KUNIT_EXPECT_TRUE(test, cluster_seq_in(0xf, 0xfffffff0, 0x10));
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(0x10, 0xfffffff0, 0x10));
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(0xffffffef, 0xfffffff0, 0x10));
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(0x80000000, 0xfffffff0, 0x10));
	/* Empty range. */
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(5, 5, 5));
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(0, 0xffffffff, 0xffffffff));
	/* Agrees with after_eq && before for windows below 2^31. */
	KUNIT_EXPECT_TRUE(test, cluster_seq_in(0x7ffffffe, 0, 0x7fffffff));
	KUNIT_EXPECT_FALSE(test, cluster_seq_in(0x7fffffff, 0, 0x7fffffff));
}

static void seq_in_sweep_test(struct kunit *test)
{
	unsigned int i, j, k;

	for (i = 0; i < ARRAY_SIZE(seq_bases); i++) {
		u32 start = seq_bases[i];

		for (j = 0; j < ARRAY_SIZE(seq_dists); j++) {
			u32 end = start + seq_dists[j];

			for (k = 0; k < ARRAY_SIZE(seq_bases); k++) {
				u32 s = start + seq_bases[k];
				bool ref = cluster_seq_after_eq(s, start) &&
					   cluster_seq_before(s, end);

				KUNIT_EXPECT_EQ(test,
						cluster_seq_in(s, start, end),
						ref);
			}
			KUNIT_EXPECT_TRUE(test, cluster_seq_in(end - 1, start,
							       end));
			KUNIT_EXPECT_FALSE(test, cluster_seq_in(end, start,
								end));
			KUNIT_EXPECT_FALSE(test, cluster_seq_in(start - 1,
								start, end));
		}
	}
}

static struct kunit_case seq_test_cases[] = {
	KUNIT_CASE(seq_order_test),
	KUNIT_CASE(seq_wrap_test),
	KUNIT_CASE(seq_in_test),
	KUNIT_CASE(seq_in_sweep_test),
	{}
};

static struct kunit_suite seq_test_suite = {
	.name = "af_cluster_seq",
	.test_cases = seq_test_cases,
};

/* ---- af_cluster_cwnd ---- */

/**
 * struct sim - a sender driving one window
 * @w: the window
 * @una: first unacknowledged sequence number
 * @nxt: next new sequence number
 */
struct sim {
	struct cluster_cwnd w;
	u32 una;
	u32 nxt;
};

static void sim_init(struct sim *s, u32 max, u32 start)
{
	cluster_cwnd_init(&s->w, max);
	s->una = start;
	s->nxt = start;
}

static u32 sim_in_flight(const struct sim *s)
{
	return s->nxt - s->una;
}

/* Send new packets while the window allows. */
static void sim_fill(struct sim *s)
{
	while (cluster_cwnd_can_send(&s->w, sim_in_flight(s)))
		s->nxt++;
}

/* The next packet is acknowledged (one packet); returns "cwnd changed". */
static bool sim_ack1(struct kunit *test, struct sim *s)
{
	u32 before = s->w.cwnd;
	bool changed;

	KUNIT_ASSERT_TRUE(test, cluster_seq_before(s->una, s->nxt));
	s->una++;
	changed = cluster_cwnd_ack(&s->w, s->una, 1);
	KUNIT_EXPECT_EQ(test, changed, s->w.cwnd != before);
	return changed;
}

/* Grow from a fresh window to @target packets in flight, fast growth. */
static void sim_grow(struct kunit *test, struct sim *s, u32 target)
{
	sim_fill(s);
	while (s->w.cwnd < target) {
		u32 c = s->w.cwnd;

		KUNIT_ASSERT_TRUE(test, sim_ack1(test, s));
		KUNIT_ASSERT_EQ(test, s->w.cwnd, c + 1);
		sim_fill(s);
	}
	KUNIT_ASSERT_EQ(test, s->w.cwnd, target);
	KUNIT_ASSERT_EQ(test, sim_in_flight(s), target);
}

/*
 * After a timeout, retransmit the old flight one packet at a time: each
 * is the only packet in flight and its ACK advances snd_una by one.
 * Returns once the hold has ended (on the ACK that reaches @recover).
 */
static void sim_recover_one_by_one(struct kunit *test, struct sim *s)
{
	u32 recover = s->w.recover;

	while (cluster_seq_before(s->una + 1, recover)) {
		KUNIT_ASSERT_TRUE(test, cluster_cwnd_can_send(&s->w, 0));
		KUNIT_ASSERT_FALSE(test, cluster_cwnd_can_send(&s->w, 1));
		KUNIT_ASSERT_FALSE(test, sim_ack1(test, s));
		KUNIT_ASSERT_EQ(test, s->w.cwnd, 1U);
		KUNIT_ASSERT_TRUE(test, s->w.hold);
	}
	/* The last packet of the old flight ends the hold. */
	sim_ack1(test, s);
	KUNIT_ASSERT_EQ(test, s->una, recover);
	KUNIT_ASSERT_FALSE(test, s->w.hold);
}

static void cwnd_init_test(struct kunit *test)
{
	struct cluster_cwnd w;

	cluster_cwnd_init(&w, 64);
	KUNIT_EXPECT_EQ(test, w.cwnd, CLUSTER_CWND_INIT);
	KUNIT_EXPECT_EQ(test, w.cwnd, 4U);
	KUNIT_EXPECT_EQ(test, w.ssthresh, 64U);
	KUNIT_EXPECT_EQ(test, w.max, 64U);
	KUNIT_EXPECT_EQ(test, w.acked, 0U);
	KUNIT_EXPECT_FALSE(test, w.hold);
	KUNIT_EXPECT_FALSE(test, w.fast);

	cluster_cwnd_init(&w, 2);
	KUNIT_EXPECT_EQ(test, w.cwnd, 2U);
	KUNIT_EXPECT_EQ(test, w.ssthresh, 2U);

	cluster_cwnd_init(&w, 0);
	KUNIT_EXPECT_EQ(test, w.max, 1U);
	KUNIT_EXPECT_EQ(test, w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, w.ssthresh, 1U);

	cluster_cwnd_init(&w, U32_MAX);
	KUNIT_EXPECT_EQ(test, w.max, CLUSTER_CWND_LIMIT);
	KUNIT_EXPECT_EQ(test, w.ssthresh, CLUSTER_CWND_LIMIT);
	KUNIT_EXPECT_EQ(test, w.cwnd, 4U);
}

static void cwnd_can_send_test(struct kunit *test)
{
	struct cluster_cwnd w;

	cluster_cwnd_init(&w, 64);
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_can_send(&w, 0));
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_can_send(&w, 3));
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_can_send(&w, 4));
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_can_send(&w, U32_MAX));
}

/*
 * PEDRIVER's description, step by step: max 64; grow to 32 in flight; a
 * timeout drops the window to 1 with threshold 16; ACKs that do not reach
 * the recovery point keep it at 1; once the old flight is acknowledged it
 * grows by one per ACK up to 16, then by one per 16, 17, ... ACKs; the
 * peer's resequencing cache finally caps it at 40.
 */
static void cwnd_trace_test(struct kunit *test)
{
	struct sim s;
	u32 c, n, recover;

	sim_init(&s, 64, 1000);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 4U);

	/* Fast growth before any loss: +1 per ACK, 4 -> 32. */
	sim_grow(test, &s, 32);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 64U);
	KUNIT_EXPECT_EQ(test, s.una, 1000U + 28);
	KUNIT_EXPECT_EQ(test, s.nxt, 1000U + 28 + 32);

	/* Timeout with 32 in flight. */
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 16U);
	KUNIT_EXPECT_EQ(test, s.w.recover, s.nxt);
	KUNIT_EXPECT_TRUE(test, s.w.hold);
	recover = s.nxt;

	/* 31 ACKs short of the recovery point: one packet at a time. */
	for (n = 0; n < 31; n++) {
		KUNIT_EXPECT_TRUE(test, cluster_cwnd_can_send(&s.w, 0));
		KUNIT_EXPECT_FALSE(test, cluster_cwnd_can_send(&s.w, 1));
		KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
		KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
		KUNIT_EXPECT_TRUE(test, s.w.hold);
	}
	/* The 32nd acknowledges the whole old flight: it counts already. */
	KUNIT_EXPECT_EQ(test, s.una + 1, recover);
	KUNIT_EXPECT_TRUE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_FALSE(test, s.w.hold);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 2U);

	/* Fast growth, +1 per ACK, to half the old window. */
	sim_fill(&s);
	for (c = 3; c <= 16; c++) {
		KUNIT_EXPECT_TRUE(test, sim_ack1(test, &s));
		KUNIT_EXPECT_EQ(test, s.w.cwnd, c);
		sim_fill(&s);
	}
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 16U);
	KUNIT_EXPECT_EQ(test, s.w.acked, 0U);

	/* Slow growth: +1 after 16 ACKs, after 17 more, ... up to 20. */
	for (c = 16; c < 20; c++) {
		for (n = 1; n < c; n++) {
			KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
			KUNIT_EXPECT_EQ(test, s.w.cwnd, c);
			KUNIT_EXPECT_EQ(test, s.w.acked, n);
			sim_fill(&s);
		}
		KUNIT_EXPECT_TRUE(test, sim_ack1(test, &s));
		KUNIT_EXPECT_EQ(test, s.w.cwnd, c + 1);
		KUNIT_EXPECT_EQ(test, s.w.acked, 0U);
		sim_fill(&s);
	}

	/* The peer's resequencing cache is 40 packets. */
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_set_max(&s.w, 40));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 20U);
	KUNIT_EXPECT_EQ(test, s.w.max, 40U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 16U);

	/* 20 + ... + 39 = 590 more ACKs reach 40. */
	for (n = 0; s.w.cwnd < 40 && n < 1000; n++) {
		sim_ack1(test, &s);
		sim_fill(&s);
	}
	KUNIT_EXPECT_EQ(test, n, 590U);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 40U);

	/* And never beyond. */
	for (n = 0; n < 1000; n++) {
		KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
		sim_fill(&s);
	}
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 40U);
	KUNIT_EXPECT_EQ(test, s.w.acked, 0U);
	KUNIT_EXPECT_EQ(test, sim_in_flight(&s), 40U);
}

/* A second timeout while holding keeps the threshold and recovery point. */
static void cwnd_timeout_hold_test(struct kunit *test)
{
	struct sim s;
	u32 recover, n;

	sim_init(&s, 64, 0);
	sim_grow(test, &s, 32);
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	recover = s.nxt;

	/* Part of the old flight gets through, then the retransmission is lost. */
	for (n = 0; n < 10; n++)
		KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
	s.nxt += 5;		/* new data would not move recover either */
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 16U);
	KUNIT_EXPECT_EQ(test, s.w.recover, recover);
	KUNIT_EXPECT_TRUE(test, s.w.hold);

	/* Still released by the first loss's recovery point. */
	s.nxt -= 5;
	sim_recover_one_by_one(test, &s);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 2U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 16U);

	/* A timeout at a window of 1 that is not holding halves to 1. */
	sim_init(&s, 64, 0);
	s.w.cwnd = 1;
	s.nxt = 1;
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 1U);
	KUNIT_EXPECT_TRUE(test, s.w.hold);
	KUNIT_EXPECT_EQ(test, s.w.recover, 1U);
	/* Out of the hold, at the threshold: slow growth from 1. */
	KUNIT_EXPECT_TRUE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 2U);
	KUNIT_EXPECT_FALSE(test, s.w.hold);
}

/* Every field of @w equals @ref's (padding not compared). */
static void cwnd_expect_same(struct kunit *test, const struct cluster_cwnd *w,
			     const struct cluster_cwnd *ref)
{
	KUNIT_EXPECT_EQ(test, w->cwnd, ref->cwnd);
	KUNIT_EXPECT_EQ(test, w->ssthresh, ref->ssthresh);
	KUNIT_EXPECT_EQ(test, w->max, ref->max);
	KUNIT_EXPECT_EQ(test, w->recover, ref->recover);
	KUNIT_EXPECT_EQ(test, w->acked, ref->acked);
	KUNIT_EXPECT_EQ(test, w->hold, ref->hold);
	KUNIT_EXPECT_EQ(test, w->fast, ref->fast);
}

/* ACKs of 0 packets change nothing, holding or not. */
static void cwnd_ack_zero_test(struct kunit *test)
{
	struct cluster_cwnd w, ref;

	cluster_cwnd_init(&w, 64);
	ref = w;
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_ack(&w, 100, 0));
	cwnd_expect_same(test, &w, &ref);

	cluster_cwnd_timeout(&w, 50);
	ref = w;
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_ack(&w, 60, 0));
	cwnd_expect_same(test, &w, &ref);
}

/* A SACK-detected loss halves the window, once per window of data. */
static void cwnd_fast_loss_test(struct kunit *test)
{
	struct sim s;
	u32 recover, n;

	sim_init(&s, 64, 500);
	sim_grow(test, &s, 32);

	KUNIT_EXPECT_TRUE(test, cluster_cwnd_fast_loss(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 16U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 16U);
	KUNIT_EXPECT_EQ(test, s.w.recover, s.nxt);
	KUNIT_EXPECT_TRUE(test, s.w.fast);
	KUNIT_EXPECT_FALSE(test, s.w.hold);
	KUNIT_EXPECT_EQ(test, s.w.acked, 0U);
	recover = s.nxt;

	/* A second loss in the same window changes nothing. */
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_fast_loss(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 16U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 16U);
	KUNIT_EXPECT_EQ(test, s.w.recover, recover);

	/* ACKs meanwhile: slow growth, still one reduction per window. */
	for (n = 1; n < 16; n++)
		KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_TRUE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 17U);
	KUNIT_EXPECT_TRUE(test, s.w.fast);
	s.nxt += 20;	/* new data sent during the recovery */
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_fast_loss(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 17U);
	KUNIT_EXPECT_EQ(test, s.w.recover, recover);

	/* The rest of the flight at the loss is acknowledged. */
	while (cluster_seq_before(s.una, recover))
		sim_ack1(test, &s);
	KUNIT_EXPECT_FALSE(test, s.w.fast);
	n = s.w.cwnd;

	/* A new loss, after the recovery point: halved again. */
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_fast_loss(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, n / 2);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, n / 2);
	KUNIT_EXPECT_EQ(test, s.w.recover, s.nxt);
}

/* Fast losses during a hold are ignored; a timeout ends fast recovery. */
static void cwnd_fast_loss_timeout_test(struct kunit *test)
{
	struct sim s;
	struct cluster_cwnd ref;

	sim_init(&s, 64, 0);
	sim_grow(test, &s, 32);
	cluster_cwnd_timeout(&s.w, s.nxt);
	ref = s.w;
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_fast_loss(&s.w, s.nxt + 7));
	cwnd_expect_same(test, &s.w, &ref);

	/* Fast loss at 32 -> 16, then a timeout: threshold 8, hold. */
	sim_init(&s, 64, 0);
	sim_grow(test, &s, 32);
	cluster_cwnd_fast_loss(&s.w, s.nxt);
	s.nxt += 3;
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 8U);
	KUNIT_EXPECT_EQ(test, s.w.recover, s.nxt);
	KUNIT_EXPECT_TRUE(test, s.w.hold);
	KUNIT_EXPECT_FALSE(test, s.w.fast);

	/* A fast loss at a window of 1 keeps 1. */
	sim_init(&s, 1, 0);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_fast_loss(&s.w, 1));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 1U);
	KUNIT_EXPECT_TRUE(test, s.w.fast);
}

static void cwnd_set_max_test(struct kunit *test)
{
	struct sim s;

	/* Shrink below the window: both clamped. */
	sim_init(&s, 64, 0);
	sim_grow(test, &s, 32);
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_set_max(&s.w, 20));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 20U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 20U);
	KUNIT_EXPECT_EQ(test, s.w.max, 20U);
	KUNIT_EXPECT_EQ(test, s.w.acked, 0U);
	KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 20U);

	/* Grow, no loss yet: the threshold follows, growth is fast again. */
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_set_max(&s.w, 64));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 20U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 64U);
	KUNIT_EXPECT_TRUE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 21U);

	/* After a loss the threshold stays where the loss put it. */
	cluster_cwnd_fast_loss(&s.w, s.nxt);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 10U);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_set_max(&s.w, 100));
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 10U);
	KUNIT_EXPECT_EQ(test, s.w.max, 100U);

	/* Shrink below the threshold too. */
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_set_max(&s.w, 5));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 5U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 5U);

	/* Shrink while holding: the window stays 1, the hold stays. */
	sim_init(&s, 64, 0);
	sim_grow(test, &s, 32);
	cluster_cwnd_timeout(&s.w, s.nxt);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_set_max(&s.w, 8));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 8U);
	KUNIT_EXPECT_TRUE(test, s.w.hold);

	/* Bounds. */
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_set_max(&s.w, 0));
	KUNIT_EXPECT_EQ(test, s.w.max, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 1U);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_set_max(&s.w, U32_MAX));
	KUNIT_EXPECT_EQ(test, s.w.max, CLUSTER_CWND_LIMIT);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
}

/* A window of at most one packet: stop-and-wait, whatever happens. */
static void cwnd_max_one_test(struct kunit *test)
{
	struct sim s;
	int n;

	sim_init(&s, 1, 0);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 1U);
	for (n = 0; n < 100; n++) {
		sim_fill(&s);
		KUNIT_EXPECT_EQ(test, sim_in_flight(&s), 1U);
		KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
		KUNIT_EXPECT_EQ(test, s.w.acked, 0U);
	}
	sim_fill(&s);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_TRUE(test, s.w.hold);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_FALSE(test, s.w.hold);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_fast_loss(&s.w, s.nxt));
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_ack(&s.w, s.nxt, U32_MAX));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 1U);
	KUNIT_EXPECT_EQ(test, s.w.ssthresh, 1U);
	KUNIT_EXPECT_EQ(test, s.w.max, 1U);
}

/* The hold spans the wrap of sequence numbers at 2^32. */
static void cwnd_wrap_test(struct kunit *test)
{
	struct sim s;
	u32 n;

	sim_init(&s, 64, 0xffffffe0);
	sim_grow(test, &s, 32);
	/* snd_una 0xfffffffc, snd_nxt 0x1c: the flight straddles 0. */
	KUNIT_EXPECT_EQ(test, s.una, 0xfffffffcU);
	KUNIT_EXPECT_EQ(test, s.nxt, 0x1cU);
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_timeout(&s.w, s.nxt));
	KUNIT_EXPECT_EQ(test, s.w.recover, 0x1cU);

	/* 0xfffffffd .. 0x1b: 31 ACKs, all before recover, across 0. */
	for (n = 0; n < 31; n++) {
		KUNIT_EXPECT_FALSE(test, sim_ack1(test, &s));
		KUNIT_EXPECT_TRUE(test, s.w.hold);
	}
	KUNIT_EXPECT_EQ(test, s.una, 0x1bU);
	KUNIT_EXPECT_TRUE(test, sim_ack1(test, &s));
	KUNIT_EXPECT_FALSE(test, s.w.hold);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 2U);

	/* A cumulative ACK jumping from before 0 to recover. */
	sim_init(&s, 64, 0xffffffd0);
	sim_grow(test, &s, 32);
	KUNIT_EXPECT_EQ(test, s.una, 0xffffffecU);
	KUNIT_EXPECT_EQ(test, s.nxt, 0xcU);
	cluster_cwnd_timeout(&s.w, s.nxt);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_ack(&s.w, 0xffffffff, 19));
	KUNIT_EXPECT_TRUE(test, s.w.hold);
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_ack(&s.w, s.nxt, 13));
	KUNIT_EXPECT_FALSE(test, s.w.hold);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 14U);
}

/* One ACK covering more packets than the window. */
static void cwnd_big_ack_test(struct kunit *test)
{
	struct sim s;
	struct cluster_cwnd w;

	/* Fast growth stops at the threshold (here: max). */
	cluster_cwnd_init(&w, 64);
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_ack(&w, 100, 100));
	KUNIT_EXPECT_EQ(test, w.cwnd, 64U);
	KUNIT_EXPECT_EQ(test, w.acked, 0U);

	/*
	 * The whole old flight of 32 in one ACK ends the hold: 1 -> 16 takes
	 * 15, the 17 left over make one slow step (16), 1 carried.
	 */
	sim_init(&s, 64, 0);
	sim_grow(test, &s, 32);
	cluster_cwnd_timeout(&s.w, s.nxt);
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_ack(&s.w, s.nxt, 32));
	KUNIT_EXPECT_FALSE(test, s.w.hold);
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 17U);
	KUNIT_EXPECT_EQ(test, s.w.acked, 1U);

	/* Slow growth: 1 carried + 16 make 17, then 18, 19: 20, 5 left. */
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_ack(&s.w, s.nxt + 1,
						 16 + 18 + 19 + 5));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 20U);
	KUNIT_EXPECT_EQ(test, s.w.acked, 5U);

	/* Huge counts: capped at max, nothing overflows. */
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_ack(&s.w, s.nxt + 2, U32_MAX));
	KUNIT_EXPECT_EQ(test, s.w.cwnd, 64U);
	KUNIT_EXPECT_EQ(test, s.w.acked, 0U);
	KUNIT_EXPECT_FALSE(test, cluster_cwnd_ack(&s.w, s.nxt + 3, U32_MAX));
	KUNIT_EXPECT_EQ(test, s.w.acked, 0U);

	cluster_cwnd_init(&w, U32_MAX);
	cluster_cwnd_timeout(&w, 0);
	cluster_cwnd_ack(&w, 0, 1);
	KUNIT_EXPECT_EQ(test, w.cwnd, 2U);
	KUNIT_EXPECT_EQ(test, w.ssthresh, 2U);
	cluster_cwnd_ack(&w, 1, U32_MAX);
	KUNIT_EXPECT_EQ(test, w.cwnd, CLUSTER_CWND_LIMIT);
	KUNIT_EXPECT_EQ(test, w.acked, 0U);

	/* Slow growth from 2 with 10 packets: 2 + 3 + 4, 1 left. */
	cluster_cwnd_init(&w, 60000);
	w.cwnd = 2;
	w.ssthresh = 2;
	KUNIT_EXPECT_TRUE(test, cluster_cwnd_ack(&w, 0, 10));
	KUNIT_EXPECT_EQ(test, w.cwnd, 5U);
	KUNIT_EXPECT_EQ(test, w.acked, 1U);
}

/* A 64-bit LCG for the random walk; the high half, scaled to [0, n). */
static u32 lcg_below(u64 *state, u32 n)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (u32)(((*state >> 32) * n) >> 32);
}

static void cwnd_check_invariants(struct kunit *test,
				  const struct cluster_cwnd *w)
{
	KUNIT_ASSERT_GE(test, w->max, 1U);
	KUNIT_ASSERT_LE(test, w->max, CLUSTER_CWND_LIMIT);
	KUNIT_ASSERT_GE(test, w->cwnd, 1U);
	KUNIT_ASSERT_LE(test, w->cwnd, w->max);
	KUNIT_ASSERT_GE(test, w->ssthresh, 1U);
	KUNIT_ASSERT_LE(test, w->ssthresh, w->max);
	if (w->cwnd == w->max)
		KUNIT_ASSERT_EQ(test, w->acked, 0U);
	else
		KUNIT_ASSERT_LT(test, w->acked, w->cwnd);
	KUNIT_ASSERT_FALSE(test, w->hold && w->fast);
	if (w->hold)
		KUNIT_ASSERT_EQ(test, w->cwnd, 1U);
}

/*
 * Every bound under 200000 seeded random events (ACKs of any size,
 * timeouts, fast losses, new maxima, wild values), each return value
 * checked against the change it reports.
 */
static void cwnd_random_test(struct kunit *test)
{
	static const u32 maxes[] = { 0, 1, 2, 3, 16, 40, 64, 1000, U32_MAX };
	struct cluster_cwnd w;
	u64 state = 7;
	u32 una = 0xffff0000, nxt = una;
	int i;

	cluster_cwnd_init(&w, 64);
	for (i = 0; i < 200000; i++) {
		u32 before = w.cwnd, n;
		bool held = w.hold, changed;

		switch (lcg_below(&state, 16)) {
		case 0:
			changed = cluster_cwnd_timeout(&w, nxt);
			KUNIT_ASSERT_EQ(test, w.cwnd, 1U);
			KUNIT_ASSERT_TRUE(test, w.hold);
			break;
		case 1:
			changed = cluster_cwnd_fast_loss(&w, nxt);
			if (held)
				KUNIT_ASSERT_FALSE(test, changed);
			break;
		case 2:
			n = maxes[lcg_below(&state, ARRAY_SIZE(maxes))];
			changed = cluster_cwnd_set_max(&w, n);
			break;
		case 3:
			n = lcg_below(&state, 2) ? U32_MAX :
			    lcg_below(&state, 1000);
			una += lcg_below(&state, 200);
			changed = cluster_cwnd_ack(&w, una, n);
			break;
		default:
			/* Send what the window allows, ACK some of it. */
			while (cluster_cwnd_can_send(&w, nxt - una) &&
			       nxt - una < 100000)
				nxt++;
			n = lcg_below(&state, nxt - una + 1);
			una += n;
			changed = cluster_cwnd_ack(&w, una, n);
			if (held && cluster_seq_before(una, w.recover))
				KUNIT_ASSERT_EQ(test, w.cwnd, 1U);
			break;
		}
		KUNIT_ASSERT_EQ(test, changed, w.cwnd != before);
		if (cluster_seq_after(una, nxt))
			nxt = una;
		cwnd_check_invariants(test, &w);
	}
}

static struct kunit_case cwnd_test_cases[] = {
	KUNIT_CASE(cwnd_init_test),
	KUNIT_CASE(cwnd_can_send_test),
	KUNIT_CASE(cwnd_trace_test),
	KUNIT_CASE(cwnd_timeout_hold_test),
	KUNIT_CASE(cwnd_ack_zero_test),
	KUNIT_CASE(cwnd_fast_loss_test),
	KUNIT_CASE(cwnd_fast_loss_timeout_test),
	KUNIT_CASE(cwnd_set_max_test),
	KUNIT_CASE(cwnd_max_one_test),
	KUNIT_CASE(cwnd_wrap_test),
	KUNIT_CASE(cwnd_big_ack_test),
	KUNIT_CASE(cwnd_random_test),
	{}
};

static struct kunit_suite cwnd_test_suite = {
	.name = "af_cluster_cwnd",
	.test_cases = cwnd_test_cases,
};

kunit_test_suites(&seq_test_suite, &cwnd_test_suite);
