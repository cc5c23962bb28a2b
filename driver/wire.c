// SPDX-License-Identifier: GPL-2.0
/*
 * af_cluster wire format v1 (Documentation/protocol.rst): frames to and
 * from bytes, the cluster multicast address, the handshake transcript.
 *
 * Pure code: every frame comes from the LAN and is hostile, so every read
 * is bounded by the buffer length the caller gives, never by a length from
 * the frame.  No skb, netdev or socket code, and only basic headers, so
 * tests/fuzz/ compiles this file unmodified against a small userspace shim.
 * Multi-byte fields are big-endian and unaligned: they are copied with
 * memcpy() and converted, never dereferenced in place.
 */

#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/af_cluster.h>
#include <asm/byteorder.h>

#include "compat.h"
#include "wire.h"

/* Fixed body length of each type; bodies are laid out in protocol.rst. */
#define HELLO_LEN	40
#define CCSTART_LEN	40
#define VERF_LEN	96
#define VACK_LEN	80
#define BYE_LEN		8
#define KEEPALIVE_LEN	24
#define DATA_LEN	(CLUSTER_WIRE_DATA_PAYLOAD - CLUSTER_WIRE_HDR_LEN)
#define ACK_LEN		(16 + 8 * CLUSTER_WIRE_SACK_MAX)

/* Where the destination node id of each type may point. */
enum wire_dst {
	WIRE_DST_ZERO,		/* multicast only: 0 */
	WIRE_DST_NODE,		/* unicast only: a valid node id */
	WIRE_DST_EITHER,	/* 0 (multicast) or a valid node id */
};

/**
 * struct wire_type_info - what the decoder knows of one type
 * @body_len: fixed body length; 0 for a type not implemented
 * @crit_flags: critical flags defined for the type (none in v1)
 * @dst: enum wire_dst
 */
struct wire_type_info {
	u16 body_len;
	u16 crit_flags;
	u8 dst;
};

static const struct wire_type_info wire_types[] = {
	[CLUSTER_WIRE_HELLO]	 = { HELLO_LEN, 0, WIRE_DST_ZERO },
	[CLUSTER_WIRE_CCSTART]	 = { CCSTART_LEN, 0, WIRE_DST_NODE },
	[CLUSTER_WIRE_VERF]	 = { VERF_LEN, 0, WIRE_DST_NODE },
	[CLUSTER_WIRE_VACK]	 = { VACK_LEN, 0, WIRE_DST_NODE },
	[CLUSTER_WIRE_BYE]	 = { BYE_LEN, 0, WIRE_DST_EITHER },
	[CLUSTER_WIRE_KEEPALIVE] = { KEEPALIVE_LEN, 0, WIRE_DST_NODE },
	[CLUSTER_WIRE_DATA]	 = { DATA_LEN, 0, WIRE_DST_NODE },
	[CLUSTER_WIRE_ACK]	 = { ACK_LEN, 0, WIRE_DST_NODE },
};

static_assert(CLUSTER_WIRE_HDR_LEN + VERF_LEN == CLUSTER_WIRE_FIXED_MAX);
static_assert(CLUSTER_WIRE_NAME_LEN == CLUSTER_NODE_NAME_MAX);

static const struct wire_type_info *wire_type(u8 type)
{
	if (type >= ARRAY_SIZE(wire_types) || !wire_types[type].body_len)
		return NULL;
	return &wire_types[type];
}

/*
 * Cursors.  The decoder's cursor ends where the caller's buffer ends, the
 * encoder's where the frame does: the length checks come first, so they
 * never run out, but they refuse to rather than trust those checks alone.
 */
struct wire_rd {
	const u8 *p;
	const u8 *end;
	bool overrun;
};

struct wire_wr {
	u8 *p;
	u8 *end;
	bool overrun;
};

/* Start writing @len bytes at @buf. */
static void wire_wr_init(struct wire_wr *w, void *buf, size_t len)
{
	w->p = buf;
	w->end = w->p + len;
	w->overrun = false;
}

static const u8 *rd_take(struct wire_rd *r, size_t n)
{
	const u8 *p = r->p;

	if (r->overrun || (size_t)(r->end - r->p) < n) {
		r->overrun = true;
		return NULL;
	}
	r->p += n;
	return p;
}

static void rd_bytes(struct wire_rd *r, void *dst, size_t n)
{
	const u8 *p = rd_take(r, n);

	if (p)
		memcpy(dst, p, n);
}

static u8 rd_u8(struct wire_rd *r)
{
	const u8 *p = rd_take(r, 1);

	return p ? *p : 0;
}

static u16 rd_be16(struct wire_rd *r)
{
	__be16 v = 0;

	rd_bytes(r, &v, sizeof(v));
	return be16_to_cpu(v);
}

static u32 rd_be32(struct wire_rd *r)
{
	__be32 v = 0;

	rd_bytes(r, &v, sizeof(v));
	return be32_to_cpu(v);
}

static u64 rd_be64(struct wire_rd *r)
{
	__be64 v = 0;

	rd_bytes(r, &v, sizeof(v));
	return be64_to_cpu(v);
}

static u8 *wr_take(struct wire_wr *w, size_t n)
{
	u8 *p = w->p;

	if (w->overrun || (size_t)(w->end - w->p) < n) {
		w->overrun = true;
		return NULL;
	}
	w->p += n;
	return p;
}

static void wr_bytes(struct wire_wr *w, const void *src, size_t n)
{
	u8 *p = wr_take(w, n);

	if (p)
		memcpy(p, src, n);
}

/* Reserved bytes: sent as zero, ignored on receipt. */
static void wr_zero(struct wire_wr *w, size_t n)
{
	u8 *p = wr_take(w, n);

	if (p)
		memset(p, 0, n);
}

static void wr_u8(struct wire_wr *w, u8 v)
{
	wr_bytes(w, &v, 1);
}

static void wr_be16(struct wire_wr *w, u16 v)
{
	__be16 be = cpu_to_be16(v);

	wr_bytes(w, &be, sizeof(be));
}

static void wr_be32(struct wire_wr *w, u32 v)
{
	__be32 be = cpu_to_be32(v);

	wr_bytes(w, &be, sizeof(be));
}

static void wr_be64(struct wire_wr *w, u64 v)
{
	__be64 be = cpu_to_be64(v);

	wr_bytes(w, &be, sizeof(be));
}

/* The same rule as cluster_node_id_valid(); repeated to stay free-standing. */
static bool wire_node_valid(u32 id)
{
	return id != CLUSTER_NODE_ANY && id != CLUSTER_NODE_ALL;
}

static bool wire_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/*
 * The rule of cluster_node_name_valid() (KUnit checks they agree) on a
 * NUL-padded field: 1..15 characters, then only NULs, so that one name
 * has exactly one encoding.
 */
static bool wire_name_valid(const char *name)
{
	size_t i, len = strnlen(name, CLUSTER_WIRE_NAME_LEN);

	if (len == 0 || len == CLUSTER_WIRE_NAME_LEN || !wire_alnum(name[0]))
		return false;
	for (i = 1; i < len; i++)
		if (!wire_alnum(name[i]) && name[i] != '.' && name[i] != '_' &&
		    name[i] != '-')
			return false;
	for (; i < CLUSTER_WIRE_NAME_LEN; i++)
		if (name[i])
			return false;
	return true;
}

static bool wire_all_zero(const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* An adapter's own address: unicast and not 00:00:00:00:00:00. */
static bool wire_mac_valid(const u8 *mac)
{
	return !(mac[0] & 0x01) && !wire_all_zero(mac, CLUSTER_WIRE_MAC_LEN);
}

/* An all-zero nonce is an uninitialised one, never a random draw. */
static bool wire_nonce_valid(const u8 *nonce)
{
	return !wire_all_zero(nonce, CLUSTER_WIRE_NONCE_LEN);
}

/**
 * cluster_wire_cache_valid() - may a VC end advertise this cache size?
 * @cache: resequencing cache, packets
 *
 * Return: true for a power of two from %CLUSTER_WIRE_CACHE_MIN to
 * %CLUSTER_WIRE_CACHE_MAX.
 */
bool cluster_wire_cache_valid(u32 cache)
{
	return cache >= CLUSTER_WIRE_CACHE_MIN &&
	       cache <= CLUSTER_WIRE_CACHE_MAX && !(cache & (cache - 1));
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_cache_valid);

/* Fragment fields: within a message, in units, carrying what it claims. */
static bool wire_data_valid(const struct cluster_wire_data *d)
{
	if (!d->epoch || !cluster_wire_cache_valid(d->cache))
		return false;
	if (d->total > CLUSTER_WIRE_MSG_MAX || d->unit < CLUSTER_WIRE_UNIT_MIN)
		return false;
	if (d->offset % d->unit)
		return false;
	if (d->total == 0)
		return d->offset == 0 && d->payload_len == 0;
	if (d->offset >= d->total)
		return false;
	/* Every fragment but the last is a full unit. */
	if (d->total - d->offset >= d->unit)
		return d->payload_len == d->unit;
	return d->payload_len == d->total - d->offset;
}

/* Blocks non-empty, after the cumulative ack, each within 2^31 of it. */
static bool wire_ack_valid(const struct cluster_wire_ack *a)
{
	unsigned int i;

	if (!a->epoch || !cluster_wire_cache_valid(a->cache) ||
	    a->nsack > CLUSTER_WIRE_SACK_MAX)
		return false;
	for (i = 0; i < a->nsack; i++) {
		u32 from = a->sack[i].start - a->ack;
		u32 to = a->sack[i].end - a->ack;

		if (from == 0 || to <= from || to > CLUSTER_WIRE_CACHE_MAX)
			return false;
	}
	return true;
}

static bool wire_body_valid(const struct cluster_wire_frame *f)
{
	switch (f->hdr.type) {
	case CLUSTER_WIRE_HELLO:
		return wire_name_valid(f->hello.name) &&
		       wire_mac_valid(f->hello.mac) &&
		       f->hello.max_version >= CLUSTER_WIRE_VERSION &&
		       f->hello.mtu >= CLUSTER_WIRE_MTU_MIN;
	case CLUSTER_WIRE_CCSTART:
		return wire_nonce_valid(f->ccstart.nonce_i) &&
		       wire_mac_valid(f->ccstart.mac_i) &&
		       wire_mac_valid(f->ccstart.mac_r);
	case CLUSTER_WIRE_VERF:
		return wire_nonce_valid(f->verf.nonce_r) &&
		       wire_nonce_valid(f->verf.nonce_i);
	case CLUSTER_WIRE_VACK:
		return wire_nonce_valid(f->vack.nonce_i) &&
		       wire_nonce_valid(f->vack.nonce_r);
	case CLUSTER_WIRE_BYE:
		return f->bye.reason != 0 && wire_mac_valid(f->bye.mac);
	case CLUSTER_WIRE_KEEPALIVE:
		return true;
	case CLUSTER_WIRE_DATA:
		return wire_data_valid(&f->data);
	case CLUSTER_WIRE_ACK:
		return wire_ack_valid(&f->ack);
	}
	return false;
}

/*
 * What the decoder checks after the header's length and group: type,
 * flags, node ids, body fields, in this order.  The encoder runs it too,
 * so that it never emits a frame a v1 receiver would drop.
 */
static int wire_validate(const struct cluster_wire_frame *f)
{
	const struct wire_type_info *ti = wire_type(f->hdr.type);
	u32 dst = f->hdr.dst;

	if (!ti)
		return -CLUSTER_DROP_BAD_TYPE;
	if (f->hdr.flags & CLUSTER_WIRE_FLAGS_CRITICAL & ~ti->crit_flags)
		return -CLUSTER_DROP_BAD_FLAGS;
	if (!wire_node_valid(f->hdr.src))
		return -CLUSTER_DROP_BAD_FIELD;
	if ((ti->dst == WIRE_DST_ZERO && dst != 0) ||
	    (ti->dst == WIRE_DST_NODE && !wire_node_valid(dst)) ||
	    (ti->dst == WIRE_DST_EITHER && dst != 0 && !wire_node_valid(dst)))
		return -CLUSTER_DROP_BAD_FIELD;
	if (!wire_body_valid(f))
		return -CLUSTER_DROP_BAD_FIELD;
	return 0;
}

static void wire_read_ack(struct wire_rd *r, struct cluster_wire_ack *a)
{
	unsigned int i;

	a->epoch = rd_be32(r);
	a->peer_epoch = rd_be32(r);
	a->ack = rd_be32(r);
	a->cache = rd_be16(r);
	a->nsack = rd_u8(r);
	rd_take(r, 1);
	/* Every slot is read; only the first nsack mean something. */
	for (i = 0; i < CLUSTER_WIRE_SACK_MAX; i++) {
		a->sack[i].start = rd_be32(r);
		a->sack[i].end = rd_be32(r);
		if (i >= a->nsack)
			memset(&a->sack[i], 0, sizeof(a->sack[i]));
	}
}

static void wire_read_body(struct wire_rd *r, struct cluster_wire_frame *f)
{
	switch (f->hdr.type) {
	case CLUSTER_WIRE_HELLO:
		rd_bytes(r, f->hello.name, CLUSTER_WIRE_NAME_LEN);
		rd_bytes(r, f->hello.mac, CLUSTER_WIRE_MAC_LEN);
		f->hello.max_version = rd_u8(r);
		rd_take(r, 1);
		f->hello.mtu = rd_be16(r);
		rd_take(r, 2);
		f->hello.caps = rd_be32(r);
		f->hello.ts = rd_be64(r);
		break;
	case CLUSTER_WIRE_CCSTART:
		rd_bytes(r, f->ccstart.nonce_i, CLUSTER_WIRE_NONCE_LEN);
		rd_bytes(r, f->ccstart.mac_i, CLUSTER_WIRE_MAC_LEN);
		rd_bytes(r, f->ccstart.mac_r, CLUSTER_WIRE_MAC_LEN);
		f->ccstart.caps = rd_be32(r);
		f->ccstart.ts = rd_be64(r);
		break;
	case CLUSTER_WIRE_VERF:
		rd_bytes(r, f->verf.nonce_r, CLUSTER_WIRE_NONCE_LEN);
		rd_bytes(r, f->verf.nonce_i, CLUSTER_WIRE_NONCE_LEN);
		f->verf.caps = rd_be32(r);
		rd_take(r, 4);
		f->verf.echo = rd_be64(r);
		f->verf.held = rd_be64(r);
		f->verf.ts = rd_be64(r);
		rd_bytes(r, f->verf.hmac, CLUSTER_WIRE_HMAC_LEN);
		break;
	case CLUSTER_WIRE_VACK:
		rd_bytes(r, f->vack.nonce_i, CLUSTER_WIRE_NONCE_LEN);
		rd_bytes(r, f->vack.nonce_r, CLUSTER_WIRE_NONCE_LEN);
		f->vack.echo = rd_be64(r);
		f->vack.held = rd_be64(r);
		rd_bytes(r, f->vack.hmac, CLUSTER_WIRE_HMAC_LEN);
		break;
	case CLUSTER_WIRE_BYE:
		f->bye.reason = rd_be16(r);
		rd_bytes(r, f->bye.mac, CLUSTER_WIRE_MAC_LEN);
		break;
	case CLUSTER_WIRE_KEEPALIVE:
		f->keepalive.ts = rd_be64(r);
		f->keepalive.echo = rd_be64(r);
		f->keepalive.held = rd_be64(r);
		break;
	case CLUSTER_WIRE_DATA:
		f->data.epoch = rd_be32(r);
		f->data.peer_epoch = rd_be32(r);
		f->data.first = rd_be32(r);
		f->data.seq = rd_be32(r);
		f->data.ack = rd_be32(r);
		f->data.msg_id = rd_be32(r);
		f->data.total = rd_be32(r);
		f->data.offset = rd_be32(r);
		f->data.unit = rd_be16(r);
		f->data.cache = rd_be16(r);
		f->data.sport = rd_be16(r);
		f->data.dport = rd_be16(r);
		/* The header's length, checked against the buffer, bounds it. */
		f->data.payload_len = f->hdr.len - CLUSTER_WIRE_DATA_PAYLOAD;
		break;
	case CLUSTER_WIRE_ACK:
		wire_read_ack(r, &f->ack);
		break;
	}
}

static void wire_write_ack(struct wire_wr *w, const struct cluster_wire_ack *a)
{
	unsigned int i;

	wr_be32(w, a->epoch);
	wr_be32(w, a->peer_epoch);
	wr_be32(w, a->ack);
	wr_be16(w, a->cache);
	wr_u8(w, a->nsack);
	wr_zero(w, 1);
	for (i = 0; i < CLUSTER_WIRE_SACK_MAX; i++) {
		if (i < a->nsack) {
			wr_be32(w, a->sack[i].start);
			wr_be32(w, a->sack[i].end);
		} else {
			wr_zero(w, 8);
		}
	}
}

static void wire_write_body(struct wire_wr *w,
			    const struct cluster_wire_frame *f)
{
	switch (f->hdr.type) {
	case CLUSTER_WIRE_HELLO:
		wr_bytes(w, f->hello.name, CLUSTER_WIRE_NAME_LEN);
		wr_bytes(w, f->hello.mac, CLUSTER_WIRE_MAC_LEN);
		wr_u8(w, f->hello.max_version);
		wr_zero(w, 1);
		wr_be16(w, f->hello.mtu);
		wr_zero(w, 2);
		wr_be32(w, f->hello.caps);
		wr_be64(w, f->hello.ts);
		break;
	case CLUSTER_WIRE_CCSTART:
		wr_bytes(w, f->ccstart.nonce_i, CLUSTER_WIRE_NONCE_LEN);
		wr_bytes(w, f->ccstart.mac_i, CLUSTER_WIRE_MAC_LEN);
		wr_bytes(w, f->ccstart.mac_r, CLUSTER_WIRE_MAC_LEN);
		wr_be32(w, f->ccstart.caps);
		wr_be64(w, f->ccstart.ts);
		break;
	case CLUSTER_WIRE_VERF:
		wr_bytes(w, f->verf.nonce_r, CLUSTER_WIRE_NONCE_LEN);
		wr_bytes(w, f->verf.nonce_i, CLUSTER_WIRE_NONCE_LEN);
		wr_be32(w, f->verf.caps);
		wr_zero(w, 4);
		wr_be64(w, f->verf.echo);
		wr_be64(w, f->verf.held);
		wr_be64(w, f->verf.ts);
		wr_bytes(w, f->verf.hmac, CLUSTER_WIRE_HMAC_LEN);
		break;
	case CLUSTER_WIRE_VACK:
		wr_bytes(w, f->vack.nonce_i, CLUSTER_WIRE_NONCE_LEN);
		wr_bytes(w, f->vack.nonce_r, CLUSTER_WIRE_NONCE_LEN);
		wr_be64(w, f->vack.echo);
		wr_be64(w, f->vack.held);
		wr_bytes(w, f->vack.hmac, CLUSTER_WIRE_HMAC_LEN);
		break;
	case CLUSTER_WIRE_BYE:
		wr_be16(w, f->bye.reason);
		wr_bytes(w, f->bye.mac, CLUSTER_WIRE_MAC_LEN);
		break;
	case CLUSTER_WIRE_KEEPALIVE:
		wr_be64(w, f->keepalive.ts);
		wr_be64(w, f->keepalive.echo);
		wr_be64(w, f->keepalive.held);
		break;
	case CLUSTER_WIRE_DATA:
		wr_be32(w, f->data.epoch);
		wr_be32(w, f->data.peer_epoch);
		wr_be32(w, f->data.first);
		wr_be32(w, f->data.seq);
		wr_be32(w, f->data.ack);
		wr_be32(w, f->data.msg_id);
		wr_be32(w, f->data.total);
		wr_be32(w, f->data.offset);
		wr_be16(w, f->data.unit);
		wr_be16(w, f->data.cache);
		wr_be16(w, f->data.sport);
		wr_be16(w, f->data.dport);
		break;
	case CLUSTER_WIRE_ACK:
		wire_write_ack(w, &f->ack);
		break;
	}
}

/**
 * cluster_wire_decode() - validate and decode one received frame
 * @buf: the frame, from the first byte after the Ethernet header
 * @len: bytes at @buf: the Ethernet payload, padding included
 * @group: this node's cluster group
 * @out: the decoded frame; written only on success
 *
 * Checks, in this order, each failing with its own reason: a version byte
 * is present (TRUNCATED) and is %CLUSTER_WIRE_VERSION (BAD_VERSION); the
 * header is present (TRUNCATED); its length field covers the header
 * (BAD_LENGTH) and is covered by @len (TRUNCATED); the group is @group and
 * not 0 (WRONG_GROUP); the type is implemented (BAD_TYPE); no critical
 * flag unknown for the type is set (BAD_FLAGS); the length field covers
 * the type's fixed body (BAD_LENGTH); node ids and body fields are valid
 * (BAD_FIELD).  Bytes after the fixed body up to the length field (the
 * extension area) and after the length field (Ethernet padding) are
 * ignored, as are reserved fields and ignorable flags.
 *
 * No byte at or beyond min(@len, %CLUSTER_WIRE_FIXED_MAX) is read, so a
 * caller may pass the full frame length with only that much linear.
 *
 * Return: 0, or a negative enum cluster_drop_reason (never an errno).
 */
int cluster_wire_decode(const void *buf, size_t len, u16 group,
			struct cluster_wire_frame *out)
{
	const struct wire_type_info *ti;
	struct cluster_wire_frame f;
	struct wire_rd r;
	int err;

	/* Byte 0 is the version in every version: check it first. */
	if (len < 1)
		return -CLUSTER_DROP_TRUNCATED;
	if (*(const u8 *)buf != CLUSTER_WIRE_VERSION)
		return -CLUSTER_DROP_BAD_VERSION;
	if (len < CLUSTER_WIRE_HDR_LEN)
		return -CLUSTER_DROP_TRUNCATED;

	/* Zeroed whole, padding too: decoded frames compare with memcmp(). */
	memset(&f, 0, sizeof(f));
	/* Bounded by the real buffer, whatever the checks below conclude. */
	r.p = buf;
	r.end = r.p + len;
	r.overrun = false;
	f.hdr.version = rd_u8(&r);
	f.hdr.type = rd_u8(&r);
	f.hdr.flags = rd_be16(&r);
	f.hdr.group = rd_be16(&r);
	f.hdr.len = rd_be16(&r);
	f.hdr.src = rd_be32(&r);
	f.hdr.dst = rd_be32(&r);

	if (f.hdr.len < CLUSTER_WIRE_HDR_LEN)
		return -CLUSTER_DROP_BAD_LENGTH;
	/* Never trust the length field beyond the real buffer. */
	if (f.hdr.len > len)
		return -CLUSTER_DROP_TRUNCATED;
	if (f.hdr.group == CLUSTER_WIRE_GROUP_NONE || f.hdr.group != group)
		return -CLUSTER_DROP_WRONG_GROUP;
	ti = wire_type(f.hdr.type);
	if (!ti)
		return -CLUSTER_DROP_BAD_TYPE;
	if (f.hdr.flags & CLUSTER_WIRE_FLAGS_CRITICAL & ~ti->crit_flags)
		return -CLUSTER_DROP_BAD_FLAGS;
	if (f.hdr.len - CLUSTER_WIRE_HDR_LEN < ti->body_len)
		return -CLUSTER_DROP_BAD_LENGTH;

	wire_read_body(&r, &f);
	if (r.overrun)
		return -CLUSTER_DROP_TRUNCATED;

	err = wire_validate(&f);
	if (err)
		return err;
	*out = f;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_decode);

/**
 * cluster_wire_frame_len() - length of a frame of @type as encoded
 * @type: enum cluster_wire_type
 *
 * Return: header plus fixed body in bytes (what cluster_wire_encode()
 * writes), or 0 if @type is not implemented.
 */
size_t cluster_wire_frame_len(u8 type)
{
	const struct wire_type_info *ti = wire_type(type);

	return ti ? CLUSTER_WIRE_HDR_LEN + ti->body_len : 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_frame_len);

/**
 * cluster_wire_encode() - encode one frame
 * @f: the frame; @f->hdr.version and @f->hdr.len are ignored and written
 *	as %CLUSTER_WIRE_VERSION and cluster_wire_frame_len()
 * @buf: where to write it
 * @len: room at @buf
 *
 * Writes exactly cluster_wire_frame_len(@f->hdr.type) bytes: no extension
 * area and no padding (an Ethernet driver pads short frames).  For DATA
 * the length field also counts @f->data.payload_len bytes of payload,
 * which the caller writes right after.
 *
 * Return: the number of bytes written; -EINVAL if @f is a frame
 * cluster_wire_decode() would drop (type, critical flag, group 0, node id
 * or body field); -EMSGSIZE if @len is too small, in which case nothing
 * is written.
 */
int cluster_wire_encode(const struct cluster_wire_frame *f, void *buf,
			size_t len)
{
	size_t frame_len = cluster_wire_frame_len(f->hdr.type);
	size_t total_len = frame_len;
	struct wire_wr w;

	if (f->hdr.type == CLUSTER_WIRE_DATA)
		total_len += f->data.payload_len;
	if (f->hdr.group == CLUSTER_WIRE_GROUP_NONE || wire_validate(f) ||
	    total_len > 0xffff)
		return -EINVAL;
	if (len < frame_len)
		return -EMSGSIZE;

	wire_wr_init(&w, buf, frame_len);
	wr_u8(&w, CLUSTER_WIRE_VERSION);
	wr_u8(&w, f->hdr.type);
	wr_be16(&w, f->hdr.flags);
	wr_be16(&w, f->hdr.group);
	wr_be16(&w, (u16)total_len);
	wr_be32(&w, f->hdr.src);
	wr_be32(&w, f->hdr.dst);
	wire_write_body(&w, f);
	/* The type table and the body writer disagree: a bug, caught by KUnit. */
	if (w.overrun || w.p != w.end)
		return -EINVAL;
	return frame_len;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_encode);

/*
 * 43-4C-55-53 is "CLUS": the first octet has the group (multicast) and
 * local bits set and falls in the SLAP AAI quadrant (IEEE 802c), the one
 * for administratively assigned addresses, as a cluster group number is.
 */
static const u8 wire_mcast_prefix[4] = { 0x43, 0x4c, 0x55, 0x53 };

/**
 * cluster_wire_group_mcast() - the multicast address of a cluster group
 * @group: cluster group number
 * @mac: where to write 43:4C:55:53:gg:gg (the group, big-endian)
 *
 * HELLOs and multicast BYEs go to this address; adapters join it.
 */
void cluster_wire_group_mcast(u16 group, u8 mac[CLUSTER_WIRE_MAC_LEN])
{
	memcpy(mac, wire_mcast_prefix, sizeof(wire_mcast_prefix));
	mac[4] = group >> 8;
	mac[5] = group & 0xff;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_group_mcast);

/**
 * cluster_wire_transcript() - the bytes a handshake HMAC covers
 * @type: %CLUSTER_WIRE_VERF or %CLUSTER_WIRE_VACK: selects the label, so a
 *	MAC made for one message never verifies as the other
 * @t: the handshake's fields, by role
 * @buf: where to write %CLUSTER_WIRE_TRANSCRIPT_LEN bytes
 * @len: room at @buf
 *
 * Layout (big-endian): label "VERF" or "VACK" (4 ASCII bytes), version
 * (1), group (2), initiator node id (4), responder node id (4), initiator
 * MAC (6), responder MAC (6), initiator nonce (16), responder nonce (16).
 *
 * Return: %CLUSTER_WIRE_TRANSCRIPT_LEN; -EINVAL for another @type;
 * -EMSGSIZE if @len is too small, in which case nothing is written.
 */
int cluster_wire_transcript(u8 type, const struct cluster_wire_transcript *t,
			    u8 *buf, size_t len)
{
	struct wire_wr w;
	const char *label;

	if (type == CLUSTER_WIRE_VERF)
		label = "VERF";
	else if (type == CLUSTER_WIRE_VACK)
		label = "VACK";
	else
		return -EINVAL;
	if (len < CLUSTER_WIRE_TRANSCRIPT_LEN)
		return -EMSGSIZE;

	wire_wr_init(&w, buf, CLUSTER_WIRE_TRANSCRIPT_LEN);
	wr_bytes(&w, label, 4);
	wr_u8(&w, t->version);
	wr_be16(&w, t->group);
	wr_be32(&w, t->node_i);
	wr_be32(&w, t->node_r);
	wr_bytes(&w, t->mac_i, CLUSTER_WIRE_MAC_LEN);
	wr_bytes(&w, t->mac_r, CLUSTER_WIRE_MAC_LEN);
	wr_bytes(&w, t->nonce_i, CLUSTER_WIRE_NONCE_LEN);
	wr_bytes(&w, t->nonce_r, CLUSTER_WIRE_NONCE_LEN);
	if (w.overrun || w.p != w.end)
		return -EINVAL;
	return CLUSTER_WIRE_TRANSCRIPT_LEN;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_transcript);

/**
 * cluster_wire_rtt() - round-trip time from an echoed timestamp
 * @now: this node's clock now (ns, the clock its timestamps come from)
 * @echo: our timestamp as the peer echoed it (VERF, VACK, KEEPALIVE)
 * @held: how long the peer held it before answering (ns, from the wire)
 * @rtt: where to store now - echo - held
 *
 * @echo and @held come from the wire: an echo of 0 (nothing to echo), from
 * the future, or with a @held longer than the time since is refused
 * rather than turned into a huge or wrapped delay.
 *
 * Return: true and *@rtt set, or false and *@rtt untouched.
 */
bool cluster_wire_rtt(u64 now, u64 echo, u64 held, u64 *rtt)
{
	if (!echo || echo > now || held > now - echo)
		return false;
	*rtt = now - echo - held;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_rtt);

static const char * const wire_drop_names[__CLUSTER_DROP_MAX] = {
	[CLUSTER_DROP_TRUNCATED]	= "truncated",
	[CLUSTER_DROP_BAD_VERSION]	= "bad_version",
	[CLUSTER_DROP_BAD_LENGTH]	= "bad_length",
	[CLUSTER_DROP_WRONG_GROUP]	= "wrong_group",
	[CLUSTER_DROP_BAD_TYPE]		= "bad_type",
	[CLUSTER_DROP_BAD_FLAGS]	= "bad_flags",
	[CLUSTER_DROP_BAD_FIELD]	= "bad_field",
};

/**
 * cluster_wire_drop_name() - a drop reason's name, for logs and counters
 * @reason: enum cluster_drop_reason, positive or negated
 *
 * Return: a static lowercase name, or "unknown".
 */
const char *cluster_wire_drop_name(int reason)
{
	/* Compare before negating: -INT_MIN does not exist. */
	if (reason < 0 && reason > -__CLUSTER_DROP_MAX)
		reason = -reason;
	if (reason <= 0 || reason >= __CLUSTER_DROP_MAX)
		return "unknown";
	return wire_drop_names[reason];
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_drop_name);

/**
 * cluster_wire_service_valid() - is this a service name?
 * @name: the bytes
 * @size: room at @name
 *
 * Service names are printed by tools and matched byte for byte, so they
 * are printable ASCII without space: no control characters, no
 * whitespace, no bytes with the high bit set.
 *
 * Return: true if @name holds 1 to %CLUSTER_SERVICE_MAX - 1 such bytes
 * followed by a NUL within @size bytes.
 */
bool cluster_wire_service_valid(const char *name, size_t size)
{
	size_t i, len;

	if (size > CLUSTER_SERVICE_MAX)
		size = CLUSTER_SERVICE_MAX;
	len = strnlen(name, size);
	if (!len || len == size)
		return false;
	for (i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] >= 0x7f)
			return false;
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_service_valid);

/**
 * cluster_wire_ctl_len() - the length of a control record of @type
 * @type: enum cluster_wire_ctl_type
 *
 * Return: the record's length, or -EOPNOTSUPP for an unknown type.
 */
int cluster_wire_ctl_len(u8 type)
{
	switch (type) {
	case CLUSTER_WIRE_CTL_REFUSED:
	case CLUSTER_WIRE_CTL_CONNECT:
	case CLUSTER_WIRE_CTL_ACCEPT:
	case CLUSTER_WIRE_CTL_CLOSE:
		return CLUSTER_WIRE_CTL_LEN;
	case CLUSTER_WIRE_CTL_PUBLISH:
	case CLUSTER_WIRE_CTL_WITHDRAW:
		return CLUSTER_WIRE_CTL_SVC_LEN;
	default:
		return -EOPNOTSUPP;
	}
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_ctl_len);

/* The rules of struct cluster_wire_ctl, for the encoder and the decoder. */
static bool wire_ctl_valid(const struct cluster_wire_ctl *c)
{
	if (!c->sport)
		return false;
	switch (c->type) {
	case CLUSTER_WIRE_CTL_REFUSED:
		return c->reason && c->dport;
	case CLUSTER_WIRE_CTL_CLOSE:
		return c->reason && c->dport && !c->msg_id;
	case CLUSTER_WIRE_CTL_CONNECT:
	case CLUSTER_WIRE_CTL_ACCEPT:
		return !c->reason && c->dport && !c->msg_id;
	case CLUSTER_WIRE_CTL_PUBLISH:
	case CLUSTER_WIRE_CTL_WITHDRAW:
		return (c->reason == CLUSTER_WIRE_SVC_RDM ||
			c->reason == CLUSTER_WIRE_SVC_SEQPACKET) &&
		       !c->dport && !c->msg_id &&
		       cluster_wire_service_valid(c->name, sizeof(c->name));
	default:
		return false;
	}
}

/**
 * cluster_wire_ctl_encode() - write a circuit control record
 * @c: the record
 * @buf: where
 * @len: room at @buf
 *
 * Return: the record's length (cluster_wire_ctl_len()), -EINVAL for an
 * invalid record, or -EMSGSIZE if @len is too short.
 */
int cluster_wire_ctl_encode(const struct cluster_wire_ctl *c, void *buf,
			    size_t len)
{
	int need = cluster_wire_ctl_len(c->type);
	struct wire_wr w;

	if (need < 0 || !wire_ctl_valid(c))
		return -EINVAL;
	if (len < (size_t)need)
		return -EMSGSIZE;
	wire_wr_init(&w, buf, len);
	wr_u8(&w, c->type);
	wr_u8(&w, c->reason);
	wr_zero(&w, 2);
	wr_be16(&w, c->sport);
	wr_be16(&w, c->dport);
	wr_be32(&w, c->msg_id);
	if (need == CLUSTER_WIRE_CTL_SVC_LEN) {
		size_t n = strnlen(c->name, sizeof(c->name));

		wr_bytes(&w, c->name, n);
		wr_zero(&w, sizeof(c->name) - n);
	}
	return need;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_ctl_encode);

/**
 * cluster_wire_ctl_decode() - read and check a circuit control record
 * @c: the fields
 * @buf: a control message's body, from the wire
 * @len: its length
 *
 * Return: 0; -EPROTO for a length that does not fit the type, a non-zero
 * reserved field, or bytes after a service name's NUL; -EINVAL for an
 * invalid field; -EOPNOTSUPP for an unknown type (to be dropped: a later
 * version may send it).
 */
int cluster_wire_ctl_decode(struct cluster_wire_ctl *c, const void *buf,
			    size_t len)
{
	struct wire_rd r = { .p = buf, .end = (const u8 *)buf + len };
	size_t n, i;
	int need;

	if (len < CLUSTER_WIRE_CTL_LEN)
		return -EPROTO;
	memset(c, 0, sizeof(*c));
	c->type = rd_u8(&r);
	c->reason = rd_u8(&r);
	if (rd_be16(&r))
		return -EPROTO;
	c->sport = rd_be16(&r);
	c->dport = rd_be16(&r);
	c->msg_id = rd_be32(&r);
	need = cluster_wire_ctl_len(c->type);
	if (need < 0)
		return need;
	if (len != (size_t)need)
		return -EPROTO;
	if (need == CLUSTER_WIRE_CTL_SVC_LEN) {
		rd_bytes(&r, c->name, sizeof(c->name));
		/* One encoding per name: NUL padding only. */
		n = strnlen(c->name, sizeof(c->name));
		for (i = n; i < sizeof(c->name); i++)
			if (c->name[i])
				return -EPROTO;
	}
	if (!wire_ctl_valid(c))
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_wire_ctl_decode);
