// SPDX-License-Identifier: GPL-2.0
/*
 * The resequencing cache, after PEDRIVER's receive side of a virtual
 * circuit: messages travel over several lossy channels at once, so they
 * arrive late, early, twice or not at all.  The receiver hands them to
 * the sockets strictly in sequence; a message that arrives ahead of a gap
 * waits here until the gap is filled by a retransmission.
 *
 * The cache is a ring of size slots (a power of two) indexed by sequence
 * number modulo size.  It holds numbers in [next, next + size) only, so
 * two held numbers never share a slot.  The receiver advertises size to
 * the peer, and the peer never has more than size messages outstanding
 * (sent and not cumulatively acknowledged), so a peer that follows the
 * protocol never sends a number the cache cannot hold.
 *
 *   insert(seq)   seq before next           DUP     (already delivered)
 *                 seq - next >= size        BEYOND  (the peer overran)
 *                 slot of seq occupied      DUP     (already held)
 *                 otherwise                 OK      (stored)
 *   pop()         the item of next, if held: remove it, advance next
 *
 * Delivery is insert, then pop until NULL.  The acknowledgment to send
 * is next (cumulative: everything before it arrived) plus the held runs
 * after it (selective acknowledgments, cluster_reseq_sack()), so the
 * sender retransmits only the gaps.
 *
 * Sequence numbers are u32 and wrap; "before" is serial arithmetic
 * (seq.h: (s32)(a - b) < 0).  A number more than 2^31 behind next looks
 * ahead of it, which is why the window (at most CLUSTER_RESEQ_MAX) is far
 * below 2^31: such a number is BEYOND, never mistaken for a new message.
 *
 * Pure code: no allocation (the slot array is the caller's), no locks (the
 * caller serializes), no knowledge of what an item is.  Every operation is
 * O(1) but cluster_reseq_sack() and cluster_reseq_flush(), which walk the
 * slots (at most size) and stop as soon as every held item was seen.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/log2.h>
#include <linux/string.h>
#include <linux/types.h>

#include "compat.h"
#include "reseq.h"
#include "seq.h"

/* Slot of sequence number @seq. */
static inline u32 reseq_index(const struct cluster_reseq *q, u32 seq)
{
	return seq & (q->size - 1);
}

/**
 * cluster_reseq_size_valid() - whether a cache size is acceptable
 * @size: number of slots
 *
 * Return: true if @size is a power of two in [%CLUSTER_RESEQ_MIN,
 * %CLUSTER_RESEQ_MAX].
 */
bool cluster_reseq_size_valid(u32 size)
{
	return size >= CLUSTER_RESEQ_MIN && size <= CLUSTER_RESEQ_MAX &&
	       is_power_of_2(size);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_size_valid);

/**
 * cluster_reseq_init() - set up an empty cache
 * @q: the cache
 * @slots: the caller's array of @size pointers; cleared here, and owned by
 *	the cache until the caller stops using @q
 * @size: number of slots (cluster_reseq_size_valid())
 * @first_seq: the first sequence number the peer will send
 *
 * Return: 0, or -EINVAL if @size is not valid (@q is then untouched).
 */
int cluster_reseq_init(struct cluster_reseq *q, void **slots, u32 size,
		       u32 first_seq)
{
	if (!cluster_reseq_size_valid(size))
		return -EINVAL;
	memset(slots, 0, size * sizeof(*slots));
	q->next = first_seq;
	q->size = size;
	q->held = 0;
	q->slot = slots;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_init);

/**
 * cluster_reseq_insert() - store a message that arrived
 * @q: the cache
 * @seq: its sequence number (from the wire: any value)
 * @item: the message; must not be NULL (a NULL item is refused as
 *	%CLUSTER_RESEQ_DUP, so nothing is ever stored that reads as empty)
 *
 * @seq equal to @q->next is stored too: the caller then calls
 * cluster_reseq_pop() until it returns NULL.  On %CLUSTER_RESEQ_DUP and
 * %CLUSTER_RESEQ_BEYOND nothing is stored and @item stays the caller's.
 *
 * Return: %CLUSTER_RESEQ_OK (stored; the cache owns @item),
 * %CLUSTER_RESEQ_DUP (@seq before @q->next, or already held) or
 * %CLUSTER_RESEQ_BEYOND (@seq at or after @q->next + @q->size).
 */
enum cluster_reseq_result cluster_reseq_insert(struct cluster_reseq *q,
					       u32 seq, void *item)
{
	u32 idx;

	if (cluster_seq_before(seq, q->next))
		return CLUSTER_RESEQ_DUP;
	if (!cluster_seq_in(seq, q->next, q->next + q->size))
		return CLUSTER_RESEQ_BEYOND;
	idx = reseq_index(q, seq);
	if (q->slot[idx] || !item)
		return CLUSTER_RESEQ_DUP;
	q->slot[idx] = item;
	q->held++;
	return CLUSTER_RESEQ_OK;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_insert);

/**
 * cluster_reseq_pop() - take the next message in sequence
 * @q: the cache
 *
 * Return: the item of sequence number @q->next, removed from the cache
 * (@q->next advances by one), or NULL if it has not arrived.
 */
void *cluster_reseq_pop(struct cluster_reseq *q)
{
	u32 idx = reseq_index(q, q->next);
	void *item = q->slot[idx];

	if (!item)
		return NULL;
	q->slot[idx] = NULL;
	q->next++;
	q->held--;
	return item;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_pop);

/**
 * cluster_reseq_sack() - the runs of held messages, for a selective ack
 * @q: the cache
 * @blocks: filled with up to @n_max runs
 * @n_max: room in @blocks (0 is allowed: nothing is written)
 *
 * Each block is a maximal run [start, end) of held sequence numbers, in
 * ascending order from @q->next; when there are more than @n_max runs,
 * the lowest @n_max are reported (the gaps the sender should fill
 * first).  The cache is normally drained with cluster_reseq_pop() first,
 * so @q->next itself is not held and every block starts after it.
 *
 * Return: the number of blocks written, 0 when nothing is held.
 */
unsigned int cluster_reseq_sack(const struct cluster_reseq *q,
				struct cluster_sack_block *blocks,
				unsigned int n_max)
{
	unsigned int n = 0;
	u32 off, seen = 0;
	bool open = false;

	for (off = 0; off < q->size && n < n_max; off++) {
		u32 seq = q->next + off;

		if (q->slot[reseq_index(q, seq)]) {
			if (!open) {
				blocks[n].start = seq;
				open = true;
			}
			seen++;
			continue;
		}
		if (open) {
			blocks[n++].end = seq;
			open = false;
		}
		/* Past the last held item: no run can start any more. */
		if (seen == q->held)
			break;
	}
	if (open)
		blocks[n++].end = q->next + off;
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_sack);

/**
 * cluster_reseq_ack() - the cumulative acknowledgment to send
 * @q: the cache
 *
 * Return: @q->next: every sequence number before it has been delivered.
 */
u32 cluster_reseq_ack(const struct cluster_reseq *q)
{
	return q->next;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_ack);

/**
 * cluster_reseq_ooo() - how many messages wait behind a gap
 * @q: the cache
 *
 * Return: the number of items held (out of order, once the cache has been
 * drained with cluster_reseq_pop()).
 */
u32 cluster_reseq_ooo(const struct cluster_reseq *q)
{
	return q->held;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_ooo);

/**
 * cluster_reseq_flush() - free every held message (teardown)
 * @q: the cache
 * @free_item: called once for each held item, in slot order
 * @ctx: passed to @free_item
 *
 * Leaves the cache empty, @q->next unchanged: it can go on receiving
 * (the items flushed are then missing for good) or be abandoned.
 */
void cluster_reseq_flush(struct cluster_reseq *q,
			 void (*free_item)(void *item, void *ctx), void *ctx)
{
	u32 idx;

	for (idx = 0; idx < q->size && q->held; idx++) {
		void *item = q->slot[idx];

		if (!item)
			continue;
		q->slot[idx] = NULL;
		q->held--;
		free_item(item, ctx);
	}
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_flush);

/**
 * cluster_reseq_result_name() - name of an insert result, for logs
 * @res: the result
 *
 * Return: "ok", "dup", "beyond", or "unknown".
 */
const char *cluster_reseq_result_name(enum cluster_reseq_result res)
{
	switch (res) {
	case CLUSTER_RESEQ_OK:
		return "ok";
	case CLUSTER_RESEQ_DUP:
		return "dup";
	case CLUSTER_RESEQ_BEYOND:
		return "beyond";
	}
	return "unknown";
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reseq_result_name);
