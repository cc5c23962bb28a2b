/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The transmit window of a virtual circuit: PEDRIVER's Van Jacobson
 * congestion window, in packets.  Pure code: the runtime reports
 * acknowledgments, timeouts and SACK-detected losses and asks whether it
 * may send; this file only decides.  The algorithm is in cwnd.c and
 * Documentation/vc.rst.
 */
#ifndef _AF_CLUSTER_CWND_H
#define _AF_CLUSTER_CWND_H

#include <linux/types.h>

/* The window a new circuit starts with, packets (if the maximum allows). */
#define CLUSTER_CWND_INIT	4U

/*
 * The largest maximum window accepted, packets.  Far above any transmit
 * buffer count or resequencing cache, and far below 2^31, so that every
 * sequence number in flight compares correctly (seq.h) and no count here
 * can overflow.
 */
#define CLUSTER_CWND_LIMIT	65536U

/**
 * struct cluster_cwnd - the congestion window of one virtual circuit
 * @cwnd: packets that may be in flight (unacknowledged), 1..@max
 * @ssthresh: the window below which it grows fast (one packet per packet
 *	acknowledged), 1..@max; @max until the first loss
 * @max: the cap, min(local transmit buffers, the peer's resequencing
 *	cache), 1..%CLUSTER_CWND_LIMIT
 * @recover: the circuit's next sequence number (snd_nxt) when the last
 *	loss was detected: every packet before it was outstanding then.
 *	Meaningful while @hold or @fast.
 * @acked: packets acknowledged toward the next +1 of slow growth, below
 *	@cwnd (0 while the window is at @max)
 * @hold: a retransmission timeout dropped the window to 1, and it stays
 *	there until every packet before @recover is acknowledged
 * @fast: a SACK-detected loss halved the window, and a further one
 *	changes nothing until every packet before @recover is acknowledged
 *
 * Locking: the caller serializes (the virtual circuit's lock); no locks
 * here.  The fields may be read for reports at any time under that lock.
 */
struct cluster_cwnd {
	u32 cwnd;
	u32 ssthresh;
	u32 max;
	u32 recover;
	u32 acked;
	bool hold;
	bool fast;
};

void cluster_cwnd_init(struct cluster_cwnd *w, u32 max);
bool cluster_cwnd_set_max(struct cluster_cwnd *w, u32 max);
bool cluster_cwnd_timeout(struct cluster_cwnd *w, u32 snd_nxt);
bool cluster_cwnd_ack(struct cluster_cwnd *w, u32 snd_una, u32 newly_acked);
bool cluster_cwnd_fast_loss(struct cluster_cwnd *w, u32 snd_nxt);
bool cluster_cwnd_can_send(const struct cluster_cwnd *w, u32 in_flight);

#endif /* _AF_CLUSTER_CWND_H */
