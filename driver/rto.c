// SPDX-License-Identifier: GPL-2.0
/*
 * The retransmission timeout of a virtual circuit, after PEDRIVER
 * (OpenVMS Cluster Systems, appendix G.2.1.1): "set based on
 * measurements of actual round-trip times, and the average variance from
 * this average [...] The algorithm can accommodate average delays of up
 * to a few seconds."  The estimator is RFC 6298's (Jacobson/Karels), in
 * microseconds.
 *
 * Pure code: times are plain numbers, so KUnit and a userspace fuzzer
 * drive every path.  The caller serializes; no locks here.
 *
 * The estimator
 * =============
 *
 * Before any sample, rto = initial, clamped to [min, max].  A sample R
 * (us; 0 counts as 1, above %CLUSTER_RTO_LIMIT_US as that limit):
 *
 *	first:	srtt = R, rttvar = R / 2			(RFC 6298 2.2)
 *	later:	rttvar = 3/4 rttvar + 1/4 |srtt - R|		(2.3; old srtt)
 *		srtt = 7/8 srtt + 1/8 R
 *	then:	rto = srtt + max(granularity, 4 rttvar), clamped to
 *		[min, max]; the backoff is reset
 *
 * Fixed point.  srtt and rttvar are kept in units of 1/8 us and each
 * update is rounded to the nearest unit.  Plain integer microseconds lose
 * small LAN values: 7/8 srtt truncates up to 7/8 us per step, so srtt
 * sticks several microseconds away from a steady 50 us round trip (from
 * 40 us it stops at 41 for steady 48 us samples), and 3/4 rttvar decays
 * a 1 us variation to 0 in one step.  With 1/8 us units srtt settles
 * within 1/8 us of a steady round trip, and the values of RFC 6298's
 * formulas for samples in whole microseconds stay exact for the first
 * few samples (the KUnit suite checks a worked sequence).  Samples are
 * bounded by %CLUSTER_RTO_LIMIT_US (300 s), so the scaled values fit in
 * u32; sums and products are computed in u64.  rto is rounded up to the
 * next microsecond: a timeout is never shorter than the formula's.
 *
 * Karn's rule: the round trip of a packet that was retransmitted is
 * ambiguous (which copy was acknowledged?) and is not sampled, and the
 * backed-off timeout is kept until a packet sent once is acknowledged.
 *
 * Backoff: each consecutive timeout doubles the timeout (RFC 6298 5.5),
 * saturating at max: rto << backoff, computed in u64, never above max.
 */

#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/types.h>

#include "compat.h"
#include "rto.h"

/* A value in 1/8 us to us, rounded to nearest, and up. */
#define SCALED_TO_US(v)		(((u64)(v) + 4) >> CLUSTER_RTO_SHIFT)
#define SCALED_TO_US_UP(v)	(((u64)(v) + 7) >> CLUSTER_RTO_SHIFT)

/**
 * cluster_rto_init() - start the timer state of a new circuit
 * @r: the timer state
 * @min_us: floor of the timeout (at least 1), e.g. %CLUSTER_RTO_MIN_US
 * @max_us: ceiling of the timeout, backoff included, e.g.
 *	%CLUSTER_RTO_MAX_US; raised to @min_us if below it
 * @initial_us: the timeout until a round trip is sampled, e.g.
 *	%CLUSTER_RTO_INITIAL_US; clamped to [@min_us, @max_us]
 * @granularity_us: the timer's granularity (a jiffy), the least margin
 *	the timeout keeps over the smoothed round trip
 *
 * Every bound is first clamped to %CLUSTER_RTO_LIMIT_US.
 */
void cluster_rto_init(struct cluster_rto *r, u32 min_us, u32 max_us,
		      u32 initial_us, u32 granularity_us)
{
	min_us = clamp(min_us, 1U, CLUSTER_RTO_LIMIT_US);
	max_us = clamp(max_us, min_us, CLUSTER_RTO_LIMIT_US);
	*r = (struct cluster_rto){
		.rto = clamp(initial_us, min_us, max_us),
		.min = min_us,
		.max = max_us,
		.granularity = min(granularity_us, CLUSTER_RTO_LIMIT_US),
	};
}
EXPORT_SYMBOL_IF_KUNIT(cluster_rto_init);

/**
 * cluster_rto_sample() - take a measured round trip
 * @r: the timer state
 * @rtt_us: the round trip, us; 0 counts as 1, values above
 *	%CLUSTER_RTO_LIMIT_US as the limit
 *
 * Updates srtt and rttvar (RFC 6298 2.2 for the first sample, 2.3 after),
 * recomputes the timeout and resets the backoff.  The caller applies
 * Karn's rule, or calls cluster_rto_sample_karn().
 */
void cluster_rto_sample(struct cluster_rto *r, u32 rtt_us)
{
	u32 x = clamp(rtt_us, 1U, CLUSTER_RTO_LIMIT_US) << CLUSTER_RTO_SHIFT;
	u64 v;

	if (!r->measured) {
		r->srtt = x;
		r->rttvar = x / 2;
		r->measured = true;
	} else {
		u32 delta = r->srtt > x ? r->srtt - x : x - r->srtt;

		/* Both stay below the largest scaled sample: they fit. */
		r->rttvar = (u32)((3ULL * r->rttvar + delta + 2) / 4);
		r->srtt = (u32)((7ULL * r->srtt + x + 4) / 8);
	}

	v = max((u64)r->granularity << CLUSTER_RTO_SHIFT, 4ULL * r->rttvar);
	v = SCALED_TO_US_UP(r->srtt + v);
	r->rto = clamp_t(u64, v, r->min, r->max);
	r->backoff = 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_rto_sample);

/**
 * cluster_rto_sample_karn() - take a round trip unless it is ambiguous
 * @r: the timer state
 * @rtt_us: the round trip, us, from the packet's last transmission
 * @retransmitted: the packet was sent more than once
 *
 * Karn's rule: the acknowledgment of a retransmitted packet may answer
 * any of its copies, so its round trip is ignored, and the timeout keeps
 * its backoff.
 *
 * Return: true if the sample was taken.
 */
bool cluster_rto_sample_karn(struct cluster_rto *r, u32 rtt_us,
			     bool retransmitted)
{
	if (retransmitted)
		return false;
	cluster_rto_sample(r, rtt_us);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_rto_sample_karn);

/**
 * cluster_rto_get() - the current retransmission timeout
 * @r: the timer state
 *
 * Return: the timeout with its backoff, us: rto * 2^backoff, at most
 * the ceiling.
 */
u32 cluster_rto_get(const struct cluster_rto *r)
{
	u64 v = (u64)r->rto << min_t(u8, r->backoff, 32);

	return min_t(u64, v, r->max);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_rto_get);

/**
 * cluster_rto_backoff() - a retransmission timeout expired
 * @r: the timer state
 *
 * Doubles the timeout for the next retransmission (RFC 6298 5.5), up to
 * the ceiling; once there, the backoff stops counting, so it cannot
 * overflow.  The next sample resets it.
 *
 * Return: the new timeout, us (cluster_rto_get()).
 */
u32 cluster_rto_backoff(struct cluster_rto *r)
{
	if (cluster_rto_get(r) < r->max)
		r->backoff++;
	return cluster_rto_get(r);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_rto_backoff);

/**
 * cluster_rto_srtt_us() - the smoothed round trip, for reports
 * @r: the timer state
 *
 * Return: srtt rounded to the nearest microsecond; 0 before any sample.
 */
u32 cluster_rto_srtt_us(const struct cluster_rto *r)
{
	return SCALED_TO_US(r->srtt);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_rto_srtt_us);

/**
 * cluster_rto_rttvar_us() - the round-trip variation, for reports
 * @r: the timer state
 *
 * Return: rttvar rounded to the nearest microsecond; 0 before any sample.
 */
u32 cluster_rto_rttvar_us(const struct cluster_rto *r)
{
	return SCALED_TO_US(r->rttvar);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_rto_rttvar_us);
