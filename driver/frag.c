// SPDX-License-Identifier: GPL-2.0
/*
 * Fragmentation and reassembly, after PEDRIVER's multidatagram messages:
 * a message of up to CLUSTER_MSG_MAX bytes is cut into fragments of one
 * unit each (the last one shorter, a 0-byte message is one empty
 * fragment), and every fragment carries the message's identity, its total
 * length, its offset and the unit, so the receiver can place any fragment
 * without having seen the others:
 *
 *	fragment i of n = count(total, unit):
 *	    offset = i * unit
 *	    length = min(unit, total - offset)
 *	    n      = max(1, ceil(total / unit))
 *
 * The receiver trusts nothing in the header.  cluster_frag_check() accepts
 * only headers that describe a real fragment of a real message: total at
 * most CLUSTER_MSG_MAX (so one message can never make us allocate more),
 * unit at least CLUSTER_FRAG_UNIT_MIN (so the fragment map is bounded),
 * offset on a unit boundary and inside the message, and a payload of
 * exactly the length the formula gives.  A fragment that passes lies
 * entirely inside a buffer of total bytes: the caller's copy can never
 * overrun.
 *
 * cluster_reasm_accept() keeps one message in progress: the bitmap of the
 * fragments that arrived, so fragments may come in any order, twice, or
 * never (the message then never completes); the virtual circuit normally
 * delivers them in order and once.  Everything after the first fragment
 * must agree with it on total and unit; a different msg_id means another
 * message (see CLUSTER_REASM_OTHER).  The data itself never passes through
 * here: the caller allocates and copies.
 *
 * Pure code, no allocation, no locks (the caller serializes).
 */

#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/types.h>

#include "compat.h"
#include "frag.h"

/* The whole-message parameters are acceptable (sender or receiver). */
static bool frag_params_valid(u32 total, u32 unit)
{
	return total <= CLUSTER_MSG_MAX && unit >= CLUSTER_FRAG_UNIT_MIN &&
	       unit <= CLUSTER_FRAG_UNIT_MAX;
}

/**
 * cluster_frag_count() - number of fragments of a message
 * @total: the message's length, bytes
 * @unit: payload bytes per fragment
 *
 * Return: max(1, ceil(@total / @unit)) (a 0-byte message is one empty
 * fragment), at most %CLUSTER_FRAG_MAX_PIECES; 0 if @total exceeds
 * %CLUSTER_MSG_MAX or @unit is outside [%CLUSTER_FRAG_UNIT_MIN,
 * %CLUSTER_FRAG_UNIT_MAX].
 */
u32 cluster_frag_count(u32 total, u32 unit)
{
	if (!frag_params_valid(total, unit))
		return 0;
	if (!total)
		return 1;
	return (total - 1) / unit + 1;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_frag_count);

/**
 * cluster_frag_len() - payload bytes of one fragment
 * @total: the message's length, bytes
 * @unit: payload bytes per fragment
 * @index: the fragment, 0 .. cluster_frag_count() - 1
 *
 * Return: min(@unit, @total - @index * @unit); 0 for the single fragment
 * of a 0-byte message and for arguments cluster_frag_count() refuses or
 * an @index out of range.
 */
u32 cluster_frag_len(u32 total, u32 unit, u32 index)
{
	u32 off;

	if (index >= cluster_frag_count(total, unit))
		return 0;
	/* index < 16384 and unit < 65536: no overflow. */
	off = index * unit;
	return total - off < unit ? total - off : unit;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_frag_len);

/**
 * cluster_frag_build() - the header of one fragment to send
 * @hdr: filled in
 * @msg_id: the message's identifier
 * @total: the message's length, bytes
 * @unit: payload bytes per fragment (the channel's payload MTU)
 * @index: the fragment, 0 .. cluster_frag_count() - 1
 *
 * The fragment's payload is the message's bytes [@hdr->offset,
 * @hdr->offset + the return value).  The header built passes
 * cluster_frag_check() with that length.
 *
 * Return: the fragment's payload length, bytes (0 .. @unit); -EMSGSIZE if
 * @total exceeds %CLUSTER_MSG_MAX; -EINVAL if @unit is out of range or
 * @index is not a fragment of the message.  @hdr is untouched on error.
 */
int cluster_frag_build(struct cluster_frag_hdr *hdr, u32 msg_id, u32 total,
		       u32 unit, u32 index)
{
	if (total > CLUSTER_MSG_MAX)
		return -EMSGSIZE;
	if (index >= cluster_frag_count(total, unit))
		return -EINVAL;
	hdr->msg_id = msg_id;
	hdr->total = total;
	hdr->offset = index * unit;
	hdr->unit = unit;
	return cluster_frag_len(total, unit, index);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_frag_build);

/**
 * cluster_frag_check() - validate a received fragment header
 * @hdr: the header, decoded from the wire (hostile)
 * @payload_len: the payload bytes that came with it
 *
 * On success the fragment is fragment @hdr->offset / @hdr->unit of
 * cluster_frag_count(@hdr->total, @hdr->unit), and [@hdr->offset,
 * @hdr->offset + @payload_len) lies within [0, @hdr->total].
 *
 * Return: 0 if the header describes a real fragment; -EMSGSIZE if
 * @hdr->total exceeds %CLUSTER_MSG_MAX; -EINVAL if @hdr->unit is below
 * %CLUSTER_FRAG_UNIT_MIN, @hdr->offset is not a multiple of @hdr->unit or
 * not inside the message (only a 0-byte message has a fragment at offset
 * 0 == total), or @payload_len is not min(@hdr->unit, @hdr->total -
 * @hdr->offset).
 */
int cluster_frag_check(const struct cluster_frag_hdr *hdr, u32 payload_len)
{
	u32 rest;

	if (hdr->total > CLUSTER_MSG_MAX)
		return -EMSGSIZE;
	if (hdr->unit < CLUSTER_FRAG_UNIT_MIN)
		return -EINVAL;
	if (hdr->offset % hdr->unit)
		return -EINVAL;
	if (hdr->offset >= hdr->total && (hdr->total || hdr->offset))
		return -EINVAL;
	rest = hdr->total - hdr->offset;
	if (payload_len != (rest < hdr->unit ? rest : hdr->unit))
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_frag_check);

/**
 * cluster_reasm_init() - set up an idle reassembly
 * @r: the reassembly
 *
 * Clears the whole structure, map included; afterwards
 * cluster_reasm_reset() keeps it clean at a smaller cost.
 */
void cluster_reasm_init(struct cluster_reasm *r)
{
	memset(r, 0, sizeof(*r));
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reasm_init);

/**
 * cluster_reasm_reset() - forget the message in progress
 * @r: the reassembly, set up with cluster_reasm_init()
 *
 * After a complete message was delivered, or to drop an incomplete or
 * inconsistent one (the caller frees its buffer).  Clears only the part
 * of the map the message used.
 */
void cluster_reasm_reset(struct cluster_reasm *r)
{
	if (r->nfrags)
		bitmap_zero(r->map, r->nfrags);
	r->msg_id = 0;
	r->total = 0;
	r->unit = 0;
	r->nfrags = 0;
	r->have = 0;
	r->active = false;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reasm_reset);

/**
 * cluster_reasm_accept() - account for a received fragment
 * @r: the reassembly
 * @hdr: the fragment's header, decoded from the wire (hostile)
 * @payload_len: the payload bytes that came with it
 *
 * A fragment of another message while one is in progress is reported as
 * %CLUSTER_REASM_OTHER before its header is checked: the caller resets
 * and offers it again, and only then learns whether it is
 * %CLUSTER_REASM_BAD.  @r changes only on %CLUSTER_REASM_START and
 * %CLUSTER_REASM_COPY; the copy goes to [@hdr->offset, @hdr->offset +
 * @payload_len), always inside the message's @hdr->total bytes.
 *
 * Return: what the caller does with the fragment (enum
 * cluster_reasm_result).
 */
enum cluster_reasm_result cluster_reasm_accept(struct cluster_reasm *r,
					       const struct cluster_frag_hdr *hdr,
					       u32 payload_len)
{
	u32 idx;

	if (r->active && hdr->msg_id != r->msg_id)
		return CLUSTER_REASM_OTHER;
	if (cluster_frag_check(hdr, payload_len))
		return CLUSTER_REASM_BAD;
	idx = hdr->offset / hdr->unit;

	if (!r->active) {
		r->msg_id = hdr->msg_id;
		r->total = hdr->total;
		r->unit = hdr->unit;
		r->nfrags = cluster_frag_count(hdr->total, hdr->unit);
		r->have = 1;
		r->active = true;
		__set_bit(idx, r->map);
		return CLUSTER_REASM_START;
	}
	if (hdr->total != r->total || hdr->unit != r->unit)
		return CLUSTER_REASM_BAD;
	if (test_bit(idx, r->map))
		return CLUSTER_REASM_DUP;
	__set_bit(idx, r->map);
	r->have++;
	return CLUSTER_REASM_COPY;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reasm_accept);

/**
 * cluster_reasm_done() - whether the message in progress is complete
 * @r: the reassembly
 *
 * Return: true when every fragment of the message arrived: the caller
 * delivers it and calls cluster_reasm_reset().
 */
bool cluster_reasm_done(const struct cluster_reasm *r)
{
	return r->active && r->have == r->nfrags;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reasm_done);

/**
 * cluster_reasm_result_name() - name of an accept result, for logs
 * @res: the result
 *
 * Return: "start", "copy", "dup", "bad", "other", or "unknown".
 */
const char *cluster_reasm_result_name(enum cluster_reasm_result res)
{
	switch (res) {
	case CLUSTER_REASM_START:
		return "start";
	case CLUSTER_REASM_COPY:
		return "copy";
	case CLUSTER_REASM_DUP:
		return "dup";
	case CLUSTER_REASM_BAD:
		return "bad";
	case CLUSTER_REASM_OTHER:
		return "other";
	}
	return "unknown";
}
EXPORT_SYMBOL_IF_KUNIT(cluster_reasm_result_name);
