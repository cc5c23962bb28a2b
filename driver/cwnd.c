// SPDX-License-Identifier: GPL-2.0
/*
 * The transmit window of a virtual circuit, after PEDRIVER (OpenVMS
 * Cluster Systems, appendix G.2.1.1), which adapted Van Jacobson's TCP
 * congestion avoidance: "when a packet loss occurs, the window size is
 * decreased to 1 and remains there, allowing the transmitter to send only
 * one packet at a time until all the original outstanding packets have
 * been acknowledged.  After this occurs, the window is allowed to grow
 * quickly until it reaches half its previous size.  Once reaching the
 * halfway point, the window size is allowed to increase relatively slowly
 * [...] until it reaches a maximum value [...] (the minimum of the number
 * of adapter buffers and the remote node's resequencing cache)."
 *
 * Pure code: windows are counts of packets and sequence numbers are
 * plain u32 (seq.h), so KUnit and a userspace fuzzer drive every path.
 * The caller serializes; no locks here.
 *
 * The algorithm
 * =============
 *
 * Invariants: 1 <= cwnd <= max, 1 <= ssthresh <= max, max <= LIMIT,
 * acked < cwnd (acked == 0 when cwnd == max).
 *
 * init(max)      max = clamp(max, 1, LIMIT); cwnd = min(4, max);
 *                ssthresh = max; acked = 0; no hold, no fast recovery.
 *
 * set_max(max)   max = clamp(max, 1, LIMIT), the caller's min(local
 *                transmit buffers, peer's resequencing cache); cwnd and
 *                ssthresh are clamped to it.  When max grows, an ssthresh
 *                still at the old max (no loss has lowered it) follows it
 *                up, so the window still grows fast to the new cap.
 *
 * timeout(snd_nxt)  A retransmission timeout.  If not holding:
 *                ssthresh = max(cwnd / 2, 1) (half the window at the
 *                loss), recover = snd_nxt (every sequence number before it
 *                was outstanding at the loss), hold; a fast recovery in
 *                progress ends.  In all cases cwnd = 1, acked = 0.
 *                A further timeout while holding - the one packet in
 *                flight lost again - keeps ssthresh and recover: halving
 *                the window of 1 would set ssthresh to 1 and lose the
 *                memory of the window at the first loss (the circuit
 *                would then crawl back with slow growth from 1), and the
 *                packets outstanding at the first loss are still the ones
 *                to be recovered.
 *
 * ack(snd_una, n)  The cumulative acknowledgment advanced to snd_una
 *                (the next unacknowledged number), acknowledging n > 0
 *                packets.  While holding, the window stays 1 until
 *                snd_una >= recover (modulo 2^32): every packet
 *                outstanding at the loss is acknowledged; then the hold
 *                ends and this ACK already counts for growth.  A fast
 *                recovery ends the same way.  Growth, in packets:
 *                - fast, while cwnd < ssthresh: +1 per packet
 *                  acknowledged, but not beyond ssthresh; packets left
 *                  over when cwnd reaches ssthresh count toward slow
 *                  growth;
 *                - slow, at or above ssthresh: acked += n, and each time
 *                  acked reaches cwnd, acked -= cwnd and cwnd += 1 (about
 *                  +1 per window of ACKs; the remainder is carried);
 *                - never above max (at max, acked stays 0).
 *
 * fast_loss(snd_nxt)  A loss detected by selective acknowledgment (a
 *                hole with at least three packets acknowledged after it,
 *                as the runtime decides).  Unless holding or in a fast
 *                recovery already: ssthresh = max(cwnd / 2, 1), cwnd =
 *                ssthresh, recover = snd_nxt, acked = 0, fast recovery
 *                begins; no hold - packets are still flowing, so the
 *                window is halved, not dropped to 1.  Until snd_una
 *                reaches recover a further fast loss changes nothing: one
 *                reduction per window of data.  ACKs meanwhile grow the
 *                window slowly as usual.
 *
 * can_send(in_flight)  in_flight < cwnd.
 *
 * ack(), timeout(), fast_loss() and set_max() return whether cwnd
 * changed, for the runtime's tracepoints.
 */

#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/types.h>

#include "compat.h"
#include "cwnd.h"
#include "seq.h"

/**
 * cluster_cwnd_init() - start the window of a new virtual circuit
 * @w: the window
 * @max: the maximum window, packets (clamped to 1..%CLUSTER_CWND_LIMIT)
 *
 * The window starts at %CLUSTER_CWND_INIT packets (at most @max) and grows
 * fast up to @max until the first loss.
 */
void cluster_cwnd_init(struct cluster_cwnd *w, u32 max)
{
	max = clamp(max, 1U, CLUSTER_CWND_LIMIT);
	*w = (struct cluster_cwnd){
		.cwnd = min(CLUSTER_CWND_INIT, max),
		.ssthresh = max,
		.max = max,
	};
}
EXPORT_SYMBOL_IF_KUNIT(cluster_cwnd_init);

/**
 * cluster_cwnd_set_max() - change the maximum window
 * @w: the window
 * @max: min(local transmit buffers, the peer's resequencing cache),
 *	packets (clamped to 1..%CLUSTER_CWND_LIMIT)
 *
 * The window and the slow-growth threshold are clamped to the new
 * maximum.  When it grows, a threshold still at the old maximum (no loss
 * has lowered it) follows it up.
 *
 * Return: true if the window changed.
 */
bool cluster_cwnd_set_max(struct cluster_cwnd *w, u32 max)
{
	u32 old = w->cwnd;

	max = clamp(max, 1U, CLUSTER_CWND_LIMIT);
	if (w->ssthresh >= w->max || w->ssthresh > max)
		w->ssthresh = max;
	if (w->cwnd >= max) {
		w->cwnd = max;
		w->acked = 0;
	}
	w->max = max;
	return w->cwnd != old;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_cwnd_set_max);

/**
 * cluster_cwnd_timeout() - a retransmission timeout
 * @w: the window
 * @snd_nxt: the circuit's next new sequence number: every number before
 *	it has been sent
 *
 * The window drops to 1.  The first timeout also halves the threshold
 * (from the window at the loss) and holds the window at 1 until every
 * packet sent before @snd_nxt is acknowledged; a further timeout while
 * holding changes neither (see the top of this file).
 *
 * Return: true if the window changed.
 */
bool cluster_cwnd_timeout(struct cluster_cwnd *w, u32 snd_nxt)
{
	u32 old = w->cwnd;

	if (!w->hold) {
		w->ssthresh = max(w->cwnd / 2, 1U);
		w->recover = snd_nxt;
		w->hold = true;
		w->fast = false;
	}
	w->cwnd = 1;
	w->acked = 0;
	return w->cwnd != old;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_cwnd_timeout);

/**
 * cluster_cwnd_ack() - the cumulative acknowledgment advanced
 * @w: the window
 * @snd_una: the new first unacknowledged sequence number
 * @newly_acked: packets this acknowledgment covers for the first time;
 *	0 changes nothing
 *
 * Ends a hold or a fast recovery once @snd_una reaches the recovery
 * point, then grows the window: fast (+1 per packet) below the threshold,
 * slowly (+1 per window of packets) above it, never beyond the maximum.
 * Costs at most max - cwnd rounds, however large @newly_acked.
 *
 * Return: true if the window changed.
 */
bool cluster_cwnd_ack(struct cluster_cwnd *w, u32 snd_una, u32 newly_acked)
{
	u32 old = w->cwnd;
	u64 acked;

	if (!newly_acked)
		return false;
	if (w->hold) {
		/* One packet at a time until the old flight is acknowledged. */
		if (cluster_seq_before(snd_una, w->recover))
			return false;
		w->hold = false;
	}
	if (w->fast && cluster_seq_after_eq(snd_una, w->recover))
		w->fast = false;

	if (w->cwnd < w->ssthresh) {
		u32 inc = min(newly_acked, w->ssthresh - w->cwnd);

		w->cwnd += inc;
		newly_acked -= inc;
	}

	acked = (u64)w->acked + newly_acked;
	while (acked >= w->cwnd && w->cwnd < w->max) {
		acked -= w->cwnd;
		w->cwnd++;
	}
	/* Below max, acked < cwnd now: it fits. */
	w->acked = w->cwnd < w->max ? (u32)acked : 0;
	return w->cwnd != old;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_cwnd_ack);

/**
 * cluster_cwnd_fast_loss() - a loss detected by selective acknowledgment
 * @w: the window
 * @snd_nxt: the circuit's next new sequence number
 *
 * Halves the window (not below 1) and starts a fast recovery that lasts
 * until every packet sent before @snd_nxt is acknowledged.  While holding
 * after a timeout, or during a fast recovery, nothing changes: one
 * reduction per window of data.
 *
 * Return: true if the window changed.
 */
bool cluster_cwnd_fast_loss(struct cluster_cwnd *w, u32 snd_nxt)
{
	u32 old = w->cwnd;

	if (w->hold || w->fast)
		return false;
	w->ssthresh = max(w->cwnd / 2, 1U);
	w->cwnd = w->ssthresh;
	w->recover = snd_nxt;
	w->fast = true;
	w->acked = 0;
	return w->cwnd != old;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_cwnd_fast_loss);

/**
 * cluster_cwnd_can_send() - may another packet be sent
 * @w: the window
 * @in_flight: packets sent and not yet acknowledged
 *
 * Return: true if @in_flight is below the window.
 */
bool cluster_cwnd_can_send(const struct cluster_cwnd *w, u32 in_flight)
{
	return in_flight < w->cwnd;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_cwnd_can_send);
