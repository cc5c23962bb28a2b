// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for fragmentation and reassembly: driver/frag.c
 * compiled unmodified against shim/ (clang -fsanitize=fuzzer,address,
 * undefined).
 *
 * The input is a script of records, each led by an op byte:
 *
 *   RAW    a hostile header: msg_id (1 byte, so ids collide), total (4),
 *          offset (4), unit (2) and payload length (4), little endian
 *   FRAG   a real fragment: msg_id (1), total (3 bytes: up to 16 MiB, so
 *          over the limit too), unit (2), index (2), then one byte that,
 *          when non-zero, corrupts one field of the header built
 *   RESET  the caller drops the message in progress
 *   FILL   every fragment the message in progress lacks, in order (at
 *          most twice per input: up to 16384 fragments each)
 *
 * Every received fragment goes through the caller's protocol of
 * cluster_reasm_accept(): START "allocates" total bytes (the first total
 * bytes of a static buffer whose rest ASan keeps poisoned, so any copy
 * outside the message is caught), START and COPY copy the payload, OTHER
 * resets and offers it again, BAD resets, done delivers and resets.
 * Besides "no crash, no out-of-bounds access, no undefined behaviour" it
 * checks:
 *  - cluster_frag_check() against a reference written in 64-bit
 *    arithmetic, and that an accepted fragment lies inside the message;
 *  - every accept result against a model of the reassembly (its own map
 *    of the fragments in);
 *  - done exactly when the model has every fragment, and then the copies
 *    (which never overlap) add up to the whole message;
 *  - cluster_frag_count(), cluster_frag_len() and cluster_frag_build()
 *    against the reference, their headers accepted by the check.
 */

#include <errno.h>
#include <sanitizer/asan_interface.h>
#include <stdint.h>
#include <string.h>

#include "frag.h"

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

enum { OP_RAW, OP_FRAG, OP_RESET, OP_FILL, OP_COUNT };

/**
 * struct model - what the reassembly should be, and the caller's buffer
 * @active: a message is in progress
 * @msg_id: its id
 * @total: its length
 * @unit: its unit
 * @nfrags: its number of fragments
 * @have: fragments in
 * @in: fragment i arrived
 * @copied: bytes copied into the message (fragments never overlap)
 * @fills: FILL ops run in this input
 */
struct model {
	bool active;
	u32 msg_id;
	u32 total;
	u32 unit;
	u32 nfrags;
	u32 have;
	u8 in[CLUSTER_FRAG_MAX_PIECES];
	u32 copied;
	int fills;
};

static struct cluster_reasm r;
static struct model m;
static u8 payload[CLUSTER_FRAG_UNIT_MAX];
/* The caller's message buffer: poisoned but for the message in progress. */
static u8 msgbuf[CLUSTER_MSG_MAX];

/* Input reader: missing bytes read as zero. */
struct reader {
	const u8 *p;
	size_t left;
};

static u32 take(struct reader *rd, unsigned int n)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (rd->left) {
			v |= (u32)*rd->p << (8 * i);
			rd->p++;
			rd->left--;
		}
	}
	return v;
}

/* The reference: the rules of Documentation/reseq.rst, in 64 bits. */
static u64 ref_count(u64 total, u64 unit)
{
	if (total > CLUSTER_MSG_MAX || unit < 64 || unit > 65535)
		return 0;
	return total ? (total + unit - 1) / unit : 1;
}

static int ref_check(const struct cluster_frag_hdr *h, u64 len)
{
	u64 total = h->total, off = h->offset, unit = h->unit, want;

	if (total > CLUSTER_MSG_MAX)
		return -EMSGSIZE;
	if (unit < 64 || off % unit)
		return -EINVAL;
	if (total ? off >= total : off != 0)
		return -EINVAL;
	want = total - off < unit ? total - off : unit;
	return len == want ? 0 : -EINVAL;
}

static void model_reset(void)
{
	if (m.active)
		memset(m.in, 0, m.nfrags);
	if (m.active)
		ASAN_POISON_MEMORY_REGION(msgbuf, m.total);
	m.active = false;
	m.have = 0;
	cluster_reasm_reset(&r);
}

static void check_state(void)
{
	CHECK(r.active == m.active);
	if (m.active) {
		CHECK(r.msg_id == m.msg_id && r.total == m.total &&
		      r.unit == m.unit && r.nfrags == m.nfrags &&
		      r.have == m.have);
		CHECK(m.nfrags >= 1 && m.nfrags <= CLUSTER_FRAG_MAX_PIECES);
	}
	CHECK(cluster_reasm_done(&r) == (m.active && m.have == m.nfrags));
}

/* The caller's side of one received fragment. */
static void receive(const struct cluster_frag_hdr *h, u32 len)
{
	enum cluster_reasm_result res;
	int err = cluster_frag_check(h, len);
	u32 idx;

	CHECK(err == ref_check(h, len));
	if (!err)
		CHECK((u64)h->offset + len <= h->total && len <= h->unit);

	res = cluster_reasm_accept(&r, h, len);
	if (res == CLUSTER_REASM_OTHER) {
		CHECK(m.active && h->msg_id != m.msg_id);
		check_state();
		model_reset();		/* the previous message is lost */
		res = cluster_reasm_accept(&r, h, len);
		CHECK(res != CLUSTER_REASM_OTHER);
	}
	if (res == CLUSTER_REASM_BAD) {
		CHECK(err || (m.active && (h->total != m.total ||
					   h->unit != m.unit)));
		check_state();		/* BAD changes nothing... */
		model_reset();		/* ...the caller drops the message */
		return;
	}
	CHECK(!err);
	idx = h->offset / h->unit;
	switch (res) {
	case CLUSTER_REASM_START:
		CHECK(!m.active);
		m.active = true;
		m.msg_id = h->msg_id;
		m.total = h->total;
		m.unit = h->unit;
		m.nfrags = ref_count(h->total, h->unit);
		m.have = 0;
		m.copied = 0;
		ASAN_UNPOISON_MEMORY_REGION(msgbuf, m.total);
		break;
	case CLUSTER_REASM_COPY:
		CHECK(m.active && h->msg_id == m.msg_id &&
		      h->total == m.total && h->unit == m.unit);
		break;
	case CLUSTER_REASM_DUP:
		CHECK(m.active && h->msg_id == m.msg_id && idx < m.nfrags &&
		      m.in[idx]);
		check_state();
		return;
	default:
		CHECK(0);
	}
	CHECK(idx < m.nfrags && !m.in[idx]);
	m.in[idx] = 1;
	m.have++;
	/* Only total bytes are unpoisoned: ASan sees any overrun. */
	memcpy(msgbuf + h->offset, payload, len);
	m.copied += len;
	CHECK(m.copied <= m.total);
	check_state();
	if (cluster_reasm_done(&r)) {
		CHECK(m.copied == m.total);
		model_reset();
	}
}

/* The sender's helpers against the reference. */
static void check_tx(u32 total, u32 unit, u32 index)
{
	struct cluster_frag_hdr h, before;
	u64 n = ref_count(total, unit);
	u64 want_len = 0;
	int len;

	CHECK(cluster_frag_count(total, unit) == n);
	if (index < n)
		want_len = total - (u64)index * unit < unit ?
			   total - (u64)index * unit : unit;
	CHECK(cluster_frag_len(total, unit, index) == want_len);

	memset(&h, 0x5a, sizeof(h));
	before = h;
	len = cluster_frag_build(&h, 7, total, unit, index);
	if (index >= n) {
		CHECK(len == (total > CLUSTER_MSG_MAX ? -EMSGSIZE : -EINVAL));
		CHECK(memcmp(&h, &before, sizeof(h)) == 0);
		return;
	}
	CHECK(len >= 0 && (u64)len == want_len);
	CHECK(h.msg_id == 7 && h.total == total && h.unit == unit &&
	      h.offset == (u64)index * unit);
	CHECK(cluster_frag_check(&h, len) == 0);
}

static void op_frag(struct reader *rd)
{
	struct cluster_frag_hdr h;
	u32 id = take(rd, 1), total = take(rd, 3), unit = take(rd, 2);
	u32 index = take(rd, 2), corrupt = take(rd, 1);
	int len;

	check_tx(total, unit, index);
	len = cluster_frag_build(&h, id, total, unit, index);
	if (len < 0)
		return;
	switch (corrupt & 7) {
	case 1:
		h.total += (s8)(corrupt >> 3) - 16;
		break;
	case 2:
		h.offset += (s8)(corrupt >> 3) - 16;
		break;
	case 3:
		h.unit += (s8)(corrupt >> 3) - 16;
		break;
	case 4:
		len += (s8)(corrupt >> 3) - 16;
		break;
	case 5:
		h.msg_id ^= corrupt >> 3;
		break;
	}
	receive(&h, (u32)len);
}

static void op_fill(void)
{
	struct cluster_frag_hdr h;
	u32 id = m.msg_id, total = m.total, unit = m.unit, n = m.nfrags, i;
	int len;

	if (!m.active || ++m.fills > 2)
		return;
	for (i = 0; i < n && m.active; i++) {
		if (m.in[i])
			continue;
		len = cluster_frag_build(&h, id, total, unit, i);
		CHECK(len >= 0);
		receive(&h, len);
	}
	/* Every fragment arrived: delivered, so idle again. */
	CHECK(!m.active);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader rd = { data, size };
	struct cluster_frag_hdr h;
	u32 len;

	static bool once;

	/* The previous input left the model idle, its map clear. */
	if (!once) {
		ASAN_POISON_MEMORY_REGION(msgbuf, sizeof(msgbuf));
		once = true;
	}
	memset(&r, 0xa5, sizeof(r));
	cluster_reasm_init(&r);
	m.fills = 0;
	check_state();

	while (rd.left) {
		switch (take(&rd, 1) % OP_COUNT) {
		case OP_RAW:
			h.msg_id = take(&rd, 1);
			h.total = take(&rd, 4);
			h.offset = take(&rd, 4);
			h.unit = take(&rd, 2);
			len = take(&rd, 4);
			receive(&h, len);
			check_tx(h.total, h.unit, h.offset);
			break;
		case OP_FRAG:
			op_frag(&rd);
			break;
		case OP_RESET:
			model_reset();
			break;
		case OP_FILL:
			op_fill();
			break;
		}
		check_state();
	}
	model_reset();
	return 0;
}
