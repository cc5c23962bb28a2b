/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The retransmission timeout of a virtual circuit, from its measured
 * round trips (RFC 6298, Jacobson/Karels), in microseconds.  Pure code:
 * the runtime feeds round-trip samples and timeouts and arms its timer
 * with cluster_rto_get(); this file only computes.  The arithmetic is in
 * rto.c, the rules in Documentation/vc.rst.
 */
#ifndef _AF_CLUSTER_RTO_H
#define _AF_CLUSTER_RTO_H

#include <linux/types.h>

/*
 * The floor of the timeout, us: 10 ms.  LAN round trips are tens to
 * hundreds of microseconds, so on a LAN the computed timeout is the
 * floor.  The floor cannot usefully be finer than the timer: Linux timers
 * run on jiffies (HZ 250 on Debian: 4 ms), and a timeout is rounded up to
 * whole jiffies and fires up to a jiffy late.  10 ms is 2.5 jiffies at
 * HZ 250 (1 at HZ 100, 10 at HZ 1000): a small multiple of a jiffy, so
 * that the rounding of one tick is a fraction of the timeout and a burst
 * of scheduling or softirq latency on the receiver does not make every
 * packet look lost.  TCP's 200 ms floor is sized for Internet paths and
 * delayed ACKs of up to 200 ms; on a cluster interconnect it would stall
 * every lock request behind a lost packet twenty times longer (PEDRIVER's
 * adaptive timer replaced a fixed 3 s for exactly that reason).
 */
#define CLUSTER_RTO_MIN_US		10000U

/*
 * The ceiling of the timeout, backoff included, us: 30 s.  PEDRIVER
 * accommodates average round trips of a few seconds: a 3 s round trip
 * with 1 s of variance gives a timeout of about 7 s, which can still back
 * off twice.  RFC 6298 asks at least 60 s of a TCP maximum; a circuit
 * that cannot get one packet through in 30 s is long dead to the
 * cluster, whose channels' listen timeout (8 s by default) judges them.
 */
#define CLUSTER_RTO_MAX_US		30000000U

/*
 * The timeout before any round trip is measured, us: RFC 6298's 1 s.
 * The runtime seeds a new circuit with the round trip its channel
 * measured during the handshake (its first sample), so this is a fallback
 * only.
 */
#define CLUSTER_RTO_INITIAL_US		1000000U

/*
 * Hard bound, us, on every bound, sample and timeout here (300 s): the
 * scaled srtt and rttvar below it fit in 32 bits.
 */
#define CLUSTER_RTO_LIMIT_US		300000000U

/* srtt and rttvar are kept in units of 1/8 us (fixed point, 3 bits). */
#define CLUSTER_RTO_SHIFT		3

/**
 * struct cluster_rto - the retransmission timer state of one circuit
 * @srtt: smoothed round trip, in 1/8 us (cluster_rto_srtt_us() for us);
 *	0 until @measured
 * @rttvar: round-trip variation, in 1/8 us (cluster_rto_rttvar_us())
 * @rto: the timeout without backoff, us, @min..@max
 * @min: floor of the timeout, us, 1..%CLUSTER_RTO_LIMIT_US
 * @max: ceiling of the timeout, backoff included, us, @min..
 *	%CLUSTER_RTO_LIMIT_US
 * @granularity: the timer's granularity, us (at most
 *	%CLUSTER_RTO_LIMIT_US): the least margin over @srtt
 * @backoff: consecutive timeouts since the last sample; stops growing
 *	once the timeout has reached @max
 * @measured: a round trip has been sampled
 *
 * Locking: the caller serializes (the virtual circuit's lock); no locks
 * here.
 */
struct cluster_rto {
	u32 srtt;
	u32 rttvar;
	u32 rto;
	u32 min;
	u32 max;
	u32 granularity;
	u8 backoff;
	bool measured;
};

void cluster_rto_init(struct cluster_rto *r, u32 min_us, u32 max_us,
		      u32 initial_us, u32 granularity_us);
void cluster_rto_sample(struct cluster_rto *r, u32 rtt_us);
bool cluster_rto_sample_karn(struct cluster_rto *r, u32 rtt_us,
			     bool retransmitted);
u32 cluster_rto_backoff(struct cluster_rto *r);
u32 cluster_rto_get(const struct cluster_rto *r);
u32 cluster_rto_srtt_us(const struct cluster_rto *r);
u32 cluster_rto_rttvar_us(const struct cluster_rto *r);

#endif /* _AF_CLUSTER_RTO_H */
