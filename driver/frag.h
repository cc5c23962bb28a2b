/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fragmentation and reassembly of messages (PEDRIVER's multidatagram
 * messages): a message of up to CLUSTER_MSG_MAX bytes travels as
 * fragments of at most one unit (the channel's payload MTU) each.  Pure
 * bookkeeping: which fragments exist, which arrived, whether a header is
 * sane.  The caller copies the bytes and owns the buffers; no locks here
 * (the caller serializes).  Rules in frag.c and Documentation/reseq.rst.
 */
#ifndef _AF_CLUSTER_FRAG_H
#define _AF_CLUSTER_FRAG_H

#include <linux/bitops.h>
#include <linux/types.h>

/* Largest message, bytes (1 MiB). */
#define CLUSTER_MSG_MAX			0x100000U
/* Bounds of a fragmentation unit (payload bytes per fragment). */
#define CLUSTER_FRAG_UNIT_MIN		64U
#define CLUSTER_FRAG_UNIT_MAX		65535U
/* Most fragments of one message: CLUSTER_MSG_MAX at the smallest unit. */
#define CLUSTER_FRAG_MAX_PIECES		(CLUSTER_MSG_MAX / CLUSTER_FRAG_UNIT_MIN)

/**
 * struct cluster_frag_hdr - what every fragment says about its message
 * @msg_id: the message's identifier, chosen by the sender (one per
 *	message, different from the previous message's)
 * @total: the whole message's length, bytes (0 .. %CLUSTER_MSG_MAX)
 * @offset: where this fragment's payload goes, bytes; a multiple of @unit
 * @unit: the sender's fragmentation unit, bytes (%CLUSTER_FRAG_UNIT_MIN ..
 *	%CLUSTER_FRAG_UNIT_MAX); every fragment but the last carries
 *	exactly @unit bytes
 *
 * Host byte order; every field comes from the wire and is checked by
 * cluster_frag_check() before use.
 */
struct cluster_frag_hdr {
	u32 msg_id;
	u32 total;
	u32 offset;
	u16 unit;
};

/**
 * enum cluster_reasm_result - what to do with a received fragment
 * @CLUSTER_REASM_START: the first fragment of a new message (any offset):
 *	allocate @total bytes (charged to the receiving socket), then copy
 *	the payload at @offset; if the allocation fails, call
 *	cluster_reasm_reset() and drop
 * @CLUSTER_REASM_COPY: copy the payload at @offset into the message
 * @CLUSTER_REASM_DUP: that fragment is already in: ignore it, count a
 *	duplicate
 * @CLUSTER_REASM_BAD: a header that fails cluster_frag_check(), or whose
 *	@total or @unit differs from the message in progress with the same
 *	@msg_id: drop the whole message (cluster_reasm_reset()) and count
 * @CLUSTER_REASM_OTHER: a fragment of another @msg_id while a message is
 *	in progress.  The caller decides; over an in-order virtual circuit
 *	whose sender sends each message's fragments back to back, it means
 *	the message in progress will never complete: drop it (count,
 *	cluster_reasm_reset()) and offer the fragment again
 *
 * After %CLUSTER_REASM_START or %CLUSTER_REASM_COPY and the copy, the
 * caller calls cluster_reasm_done().  The state is only changed on
 * %CLUSTER_REASM_START and %CLUSTER_REASM_COPY.
 */
enum cluster_reasm_result {
	CLUSTER_REASM_START,
	CLUSTER_REASM_COPY,
	CLUSTER_REASM_DUP,
	CLUSTER_REASM_BAD,
	CLUSTER_REASM_OTHER,
};

/**
 * struct cluster_reasm - the reassembly of one message
 * @msg_id: the message in progress
 * @total: its length, bytes
 * @unit: its fragmentation unit, bytes
 * @nfrags: its number of fragments (cluster_frag_count())
 * @have: how many distinct fragments arrived
 * @active: a message is in progress (the fields above are valid)
 * @map: bit i set when fragment i (offset i * @unit) arrived; only the
 *	first @nfrags bits are ever set
 *
 * About 2 KiB (the map covers %CLUSTER_FRAG_MAX_PIECES fragments):
 * allocate it, do not put it on the stack.  Locking: none here; the
 * caller serializes every call on one reassembly.
 */
struct cluster_reasm {
	u32 msg_id;
	u32 total;
	u16 unit;
	u32 nfrags;
	u32 have;
	bool active;
	unsigned long map[BITS_TO_LONGS(CLUSTER_FRAG_MAX_PIECES)];
};

u32 cluster_frag_count(u32 total, u32 unit);
u32 cluster_frag_len(u32 total, u32 unit, u32 index);
int cluster_frag_build(struct cluster_frag_hdr *hdr, u32 msg_id, u32 total,
		       u32 unit, u32 index);
int cluster_frag_check(const struct cluster_frag_hdr *hdr, u32 payload_len);
void cluster_reasm_init(struct cluster_reasm *r);
void cluster_reasm_reset(struct cluster_reasm *r);
enum cluster_reasm_result cluster_reasm_accept(struct cluster_reasm *r,
					       const struct cluster_frag_hdr *hdr,
					       u32 payload_len);
bool cluster_reasm_done(const struct cluster_reasm *r);
const char *cluster_reasm_result_name(enum cluster_reasm_result res);

#endif /* _AF_CLUSTER_FRAG_H */
