/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The resequencing cache: the receiving side of a virtual circuit keeps
 * the messages that arrived ahead of a gap until the gap is filled, then
 * hands them over in order.  Pure code over a caller-provided slot array:
 * no allocation, no locks (the caller serializes), so KUnit and a
 * userspace fuzzer drive it directly.  Rules in reseq.c and
 * Documentation/reseq.rst.
 */
#ifndef _AF_CLUSTER_RESEQ_H
#define _AF_CLUSTER_RESEQ_H

#include <linux/types.h>

/*
 * Bounds of a cache's size (slots, a power of two).  The size is
 * advertised to the peer and bounds the peer's transmit window.
 */
#define CLUSTER_RESEQ_MIN	8U
#define CLUSTER_RESEQ_MAX	4096U

/**
 * enum cluster_reseq_result - the outcome of cluster_reseq_insert()
 * @CLUSTER_RESEQ_OK: stored (also when the sequence number is the next
 *	expected one: cluster_reseq_pop() returns it)
 * @CLUSTER_RESEQ_DUP: a duplicate: the sequence number was already
 *	delivered, or is already held; nothing stored, the caller frees the
 *	item and counts a duplicate
 * @CLUSTER_RESEQ_BEYOND: at or after next + size, outside the cache;
 *	nothing stored, the caller drops the item and counts it (a peer
 *	that respects the advertised size never sends that far)
 */
enum cluster_reseq_result {
	CLUSTER_RESEQ_OK,
	CLUSTER_RESEQ_DUP,
	CLUSTER_RESEQ_BEYOND,
};

/**
 * struct cluster_reseq - a resequencing cache
 * @next: the next in-order sequence number expected; every number before
 *	it has been delivered (the cumulative acknowledgment)
 * @size: number of slots, a power of two in [%CLUSTER_RESEQ_MIN,
 *	%CLUSTER_RESEQ_MAX]; sequence numbers [@next, @next + @size) fit
 * @held: number of items stored
 * @slot: the caller's array of @size entries; the item with sequence
 *	number s is at s & (@size - 1), NULL is an empty slot
 *
 * Sequence numbers are u32 and wrap: they are compared with serial
 * arithmetic ((s32)(a - b) < 0 means a before b).
 *
 * Locking: none here.  The caller serializes every call on one cache
 * (the virtual circuit's lock).
 */
struct cluster_reseq {
	u32 next;
	u32 size;
	u32 held;
	void **slot;
};

/**
 * struct cluster_sack_block - a run of held sequence numbers
 * @start: first sequence number held
 * @end: first sequence number after the run that is not held
 *	([@start, @end), in serial arithmetic; @end - @start >= 1)
 */
struct cluster_sack_block {
	u32 start;
	u32 end;
};

bool cluster_reseq_size_valid(u32 size);
int cluster_reseq_init(struct cluster_reseq *q, void **slots, u32 size,
		       u32 first_seq);
enum cluster_reseq_result cluster_reseq_insert(struct cluster_reseq *q,
					       u32 seq, void *item);
void *cluster_reseq_pop(struct cluster_reseq *q);
unsigned int cluster_reseq_sack(const struct cluster_reseq *q,
				struct cluster_sack_block *blocks,
				unsigned int n_max);
u32 cluster_reseq_ack(const struct cluster_reseq *q);
u32 cluster_reseq_ooo(const struct cluster_reseq *q);
void cluster_reseq_flush(struct cluster_reseq *q,
			 void (*free_item)(void *item, void *ctx), void *ctx);
const char *cluster_reseq_result_name(enum cluster_reseq_result res);

#endif /* _AF_CLUSTER_RESEQ_H */
