// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the wire format (driver/wire.c), imported from
 * af_cluster.ko:
 *
 *   af_cluster_wire  cluster_wire_encode(), cluster_wire_decode(),
 *                    cluster_wire_frame_len(), cluster_wire_group_mcast(),
 *                    cluster_wire_transcript(), cluster_wire_rtt(),
 *                    cluster_wire_drop_name()
 *
 * The golden frames below are written by hand from the tables of
 * Documentation/protocol.rst, not produced by the encoder: they pin the
 * layout.  Every decoder input is copied into a heap buffer of exactly the
 * length passed, so on a KASAN kernel a read past it fails the test.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "node.h"
#include "wire.h"

#define GROUP		0xa5c3
#define NODE_A		0x01020304
#define NODE_B		0x0a0b0c0d

/* Frame lengths of protocol.rst, independent of the encoder's table. */
#define HELLO_FL	56
#define CCSTART_FL	56
#define VERF_FL		112
#define VACK_FL		96
#define BYE_FL		24
#define KEEPALIVE_FL	40
#define DATA_FL		56
#define ACK_FL		64

static const u8 mac_a[CLUSTER_WIRE_MAC_LEN] = { 0x02, 0, 0, 0, 0, 0x01 };
static const u8 mac_b[CLUSTER_WIRE_MAC_LEN] = { 0x02, 0, 0, 0, 0, 0x02 };
static const u8 nonce_i[CLUSTER_WIRE_NONCE_LEN] = {
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

static const u8 nonce_r[CLUSTER_WIRE_NONCE_LEN] = {
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
};

static const u8 golden_hello[HELLO_FL] = {
	0x01, 0x01, 0x00, 0x00, 0xa5, 0xc3, 0x00, 0x38,	/* ver type flags group len */
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,	/* src dst */
	'a', 'l', 'p', 'h', 'a', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* name */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,		/* mac */
	0x01, 0x00, 0x05, 0xdc, 0x00, 0x00,		/* max_version rsv mtu rsv */
	0x00, 0x00, 0x00, 0x01,				/* caps */
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,	/* ts */
};

static const u8 golden_ccstart[CCSTART_FL] = {
	0x01, 0x02, 0x00, 0x00, 0xa5, 0xc3, 0x00, 0x38,
	0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,	/* nonce_i */
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,		/* mac_i */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02,		/* mac_r */
	0x00, 0x00, 0x00, 0x01,				/* caps */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,	/* ts */
};

static const u8 golden_verf[VERF_FL] = {
	0x01, 0x03, 0x00, 0x00, 0xa5, 0xc3, 0x00, 0x70,
	0x0a, 0x0b, 0x0c, 0x0d, 0x01, 0x02, 0x03, 0x04,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,	/* nonce_r */
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,	/* nonce_i */
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,	/* caps rsv */
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,	/* echo */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xe8,	/* held */
	0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,	/* ts */
	0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,	/* hmac */
	0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
	0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7,
	0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
};

static const u8 golden_vack[VACK_FL] = {
	0x01, 0x04, 0x00, 0x00, 0xa5, 0xc3, 0x00, 0x60,
	0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,	/* nonce_i */
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,	/* nonce_r */
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
	0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,	/* echo */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,	/* held */
	0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,	/* hmac */
	0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

static const u8 golden_bye[BYE_FL] = {
	0x01, 0x05, 0x00, 0x00, 0xa5, 0xc3, 0x00, 0x18,
	0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x03,					/* reason */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,		/* mac */
};

/* With an ignorable flag, to pin the flags' byte order. */
static const u8 golden_keepalive[KEEPALIVE_FL] = {
	0x01, 0x06, 0x00, 0x80, 0xa5, 0xc3, 0x00, 0x28,
	0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,	/* ts */
	0x00, 0x00, 0x00, 0x00, 0xde, 0xad, 0xbe, 0xef,	/* echo */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x42, 0x40,	/* held */
};

/* A zero-length message: no payload, so the golden is the fixed part. */
static const u8 golden_data[DATA_FL] = {
	0x01, 0x10, 0x00, 0x03, 0xa5, 0xc3, 0x00, 0x38,
	0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d,
	0x11, 0x22, 0x33, 0x44,				/* epoch */
	0x55, 0x66, 0x77, 0x88,				/* peer_epoch */
	0xff, 0xff, 0xff, 0xf0,				/* first */
	0x00, 0x00, 0x00, 0x05,				/* seq */
	0xab, 0xcd, 0xef, 0x01,				/* ack */
	0x00, 0x00, 0x00, 0x07,				/* msg_id */
	0x00, 0x00, 0x00, 0x00,				/* total */
	0x00, 0x00, 0x00, 0x00,				/* offset */
	0x05, 0x78,					/* unit 1400 */
	0x01, 0x00,					/* cache 256 */
	0x80, 0x00,					/* sport */
	0x00, 0x50,					/* dport */
};

static const u8 golden_ack[ACK_FL] = {
	0x01, 0x11, 0x00, 0x00, 0xa5, 0xc3, 0x00, 0x40,
	0x0a, 0x0b, 0x0c, 0x0d, 0x01, 0x02, 0x03, 0x04,
	0x55, 0x66, 0x77, 0x88,				/* epoch */
	0x11, 0x22, 0x33, 0x44,				/* peer_epoch */
	0xff, 0xff, 0xff, 0xfe,				/* ack */
	0x00, 0x40,					/* cache 64 */
	0x02, 0x00,					/* nsack, reserved */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03,	/* 1..3 */
	0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x06,	/* 5..6 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* The frames the golden bytes encode. */
static void wire_base(struct cluster_wire_frame *f, u8 type)
{
	u8 i;

	memset(f, 0, sizeof(*f));
	f->hdr.version = CLUSTER_WIRE_VERSION;
	f->hdr.type = type;
	f->hdr.group = GROUP;
	f->hdr.src = NODE_A;
	f->hdr.dst = NODE_B;

	switch (type) {
	case CLUSTER_WIRE_HELLO:
		f->hdr.len = HELLO_FL;
		f->hdr.dst = 0;
		strscpy(f->hello.name, "alpha", sizeof(f->hello.name));
		memcpy(f->hello.mac, mac_a, sizeof(mac_a));
		f->hello.max_version = 1;
		f->hello.mtu = 1500;
		f->hello.caps = CLUSTER_WIRE_CAP_SECRET;
		f->hello.ts = 0x1122334455667788ULL;
		break;
	case CLUSTER_WIRE_CCSTART:
		f->hdr.len = CCSTART_FL;
		memcpy(f->ccstart.nonce_i, nonce_i, sizeof(nonce_i));
		memcpy(f->ccstart.mac_i, mac_a, sizeof(mac_a));
		memcpy(f->ccstart.mac_r, mac_b, sizeof(mac_b));
		f->ccstart.caps = CLUSTER_WIRE_CAP_SECRET;
		f->ccstart.ts = 0x0102030405060708ULL;
		break;
	case CLUSTER_WIRE_VERF:
		f->hdr.len = VERF_FL;
		f->hdr.src = NODE_B;
		f->hdr.dst = NODE_A;
		memcpy(f->verf.nonce_r, nonce_r, sizeof(nonce_r));
		memcpy(f->verf.nonce_i, nonce_i, sizeof(nonce_i));
		f->verf.caps = CLUSTER_WIRE_CAP_SECRET;
		f->verf.echo = 0x0102030405060708ULL;
		f->verf.held = 1000;
		f->verf.ts = 0x8877665544332211ULL;
		for (i = 0; i < CLUSTER_WIRE_HMAC_LEN; i++)
			f->verf.hmac[i] = 0xc0 + i;
		break;
	case CLUSTER_WIRE_VACK:
		f->hdr.len = VACK_FL;
		memcpy(f->vack.nonce_i, nonce_i, sizeof(nonce_i));
		memcpy(f->vack.nonce_r, nonce_r, sizeof(nonce_r));
		f->vack.echo = 0x8877665544332211ULL;
		f->vack.held = 0x10;
		for (i = 0; i < CLUSTER_WIRE_HMAC_LEN; i++)
			f->vack.hmac[i] = 0xe0 + i;
		break;
	case CLUSTER_WIRE_BYE:
		f->hdr.len = BYE_FL;
		f->hdr.dst = 0;
		f->bye.reason = CLUSTER_BYE_UNLOAD;
		memcpy(f->bye.mac, mac_a, sizeof(mac_a));
		break;
	case CLUSTER_WIRE_KEEPALIVE:
		f->hdr.len = KEEPALIVE_FL;
		f->hdr.flags = 0x0080;
		f->keepalive.ts = 0x0000000100000000ULL;
		f->keepalive.echo = 0xdeadbeef;
		f->keepalive.held = 1000000;
		break;
	case CLUSTER_WIRE_DATA:
		f->hdr.len = DATA_FL;
		f->hdr.flags = CLUSTER_WIRE_F_ACK | CLUSTER_WIRE_F_ACK_NOW;
		f->data.epoch = 0x11223344;
		f->data.peer_epoch = 0x55667788;
		f->data.first = 0xfffffff0;
		f->data.seq = 5;
		f->data.ack = 0xabcdef01;
		f->data.msg_id = 7;
		f->data.unit = 1400;
		f->data.cache = 256;
		f->data.sport = 0x8000;
		f->data.dport = 80;
		break;
	case CLUSTER_WIRE_ACK:
		f->hdr.len = ACK_FL;
		f->hdr.src = NODE_B;
		f->hdr.dst = NODE_A;
		f->ack.epoch = 0x55667788;
		f->ack.peer_epoch = 0x11223344;
		f->ack.ack = 0xfffffffe;
		f->ack.cache = 64;
		f->ack.nsack = 2;
		f->ack.sack[0].start = 1;
		f->ack.sack[0].end = 3;
		f->ack.sack[1].start = 5;
		f->ack.sack[1].end = 6;
		break;
	}
}

/**
 * struct wire_golden - one type's golden frame
 * @desc: shown in the KUnit output
 * @type: enum cluster_wire_type
 * @bytes: the frame as protocol.rst lays it out
 * @len: its length
 */
struct wire_golden {
	const char *desc;
	u8 type;
	const u8 *bytes;
	size_t len;
};

#define GOLDEN(t, g)	{ #t, CLUSTER_WIRE_##t, g, sizeof(g) }

static const struct wire_golden wire_goldens[] = {
	GOLDEN(HELLO, golden_hello),
	GOLDEN(CCSTART, golden_ccstart),
	GOLDEN(VERF, golden_verf),
	GOLDEN(VACK, golden_vack),
	GOLDEN(BYE, golden_bye),
	GOLDEN(KEEPALIVE, golden_keepalive),
	GOLDEN(DATA, golden_data),
	GOLDEN(ACK, golden_ack),
};

static const struct wire_golden *wire_golden_of(u8 type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(wire_goldens); i++)
		if (wire_goldens[i].type == type)
			return &wire_goldens[i];
	return NULL;
}

static void wire_golden_desc(const struct wire_golden *g, char *desc)
{
	strscpy(desc, g->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(wire_golden, wire_goldens, wire_golden_desc);

/* @len bytes on the heap, the first min(@copy, @len) from @src, rest 0. */
static u8 *wire_buf(struct kunit *test, const void *src, size_t copy,
		    size_t len)
{
	u8 *buf = kunit_kzalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memcpy(buf, src, min(copy, len));
	return buf;
}

/* The encoder writes the golden bytes, exactly and no more. */
static void wire_encode_golden_test(struct kunit *test)
{
	const struct wire_golden *g = test->param_value;
	struct cluster_wire_frame f;
	u8 *buf;

	wire_base(&f, g->type);
	/* Ignored by the encoder, which writes its own. */
	f.hdr.version = 0xee;
	f.hdr.len = 3;
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(g->type), g->len);
	buf = wire_buf(test, NULL, 0, g->len);
	KUNIT_ASSERT_EQ(test, cluster_wire_encode(&f, buf, g->len), (int)g->len);
	KUNIT_EXPECT_MEMEQ(test, buf, g->bytes, g->len);
}

/* The decoder reads the golden bytes into the frame they encode. */
static void wire_decode_golden_test(struct kunit *test)
{
	const struct wire_golden *g = test->param_value;
	struct cluster_wire_frame want, got;
	u8 *buf;

	wire_base(&want, g->type);
	buf = wire_buf(test, g->bytes, g->len, g->len);
	memset(&got, 0xa5, sizeof(got));
	KUNIT_ASSERT_EQ(test, cluster_wire_decode(buf, g->len, GROUP, &got), 0);
	/* The decoder zeroes the whole output, padding included. */
	KUNIT_EXPECT_MEMEQ(test, &got, &want, sizeof(want));
}

/*
 * Ethernet pads short frames to 60 bytes, and a driver may leave any
 * bytes there: the length field, not the buffer, ends the frame.
 */
static void wire_padding_test(struct kunit *test)
{
	const struct wire_golden *g = test->param_value;
	static const size_t pads[] = { 1, 7, 46, 1500 };
	struct cluster_wire_frame want, got;
	size_t i;

	wire_base(&want, g->type);
	for (i = 0; i < ARRAY_SIZE(pads); i++) {
		size_t len = g->len + pads[i];
		u8 *buf = wire_buf(test, g->bytes, g->len, len);

		memset(buf + g->len, i & 1 ? 0xff : 0, pads[i]);
		KUNIT_EXPECT_EQ(test, cluster_wire_decode(buf, len, GROUP, &got),
				0);
		KUNIT_EXPECT_MEMEQ(test, &got, &want, sizeof(want));
	}
}

/*
 * Bytes between the fixed body and the length field are the extension
 * area: a v1 receiver skips them, and reads nothing beyond the fixed part
 * (the buffer here ends there, although @len claims more).
 */
static void wire_extension_test(struct kunit *test)
{
	const struct wire_golden *g = test->param_value;
	struct cluster_wire_frame want, got;
	size_t ext_len = g->len + 100;
	u8 *buf;

	wire_base(&want, g->type);
	want.hdr.len = ext_len;

	buf = wire_buf(test, g->bytes, g->len, ext_len);
	memset(buf + g->len, 0x5a, 100);
	buf[6] = ext_len >> 8;
	buf[7] = ext_len & 0xff;
	/* DATA has no extension area: the bytes are a 100-byte message. */
	if (g->type == CLUSTER_WIRE_DATA) {
		buf[16 + 27] = 100;
		want.data.total = 100;
		want.data.payload_len = 100;
	}
	KUNIT_ASSERT_EQ(test, cluster_wire_decode(buf, ext_len, GROUP, &got), 0);
	KUNIT_EXPECT_MEMEQ(test, &got, &want, sizeof(want));

	/* Only the fixed part on the heap: KASAN fails any read past it. */
	buf = wire_buf(test, buf, g->len, g->len);
	KUNIT_ASSERT_EQ(test, cluster_wire_decode(buf, ext_len, GROUP, &got), 0);
	KUNIT_EXPECT_MEMEQ(test, &got, &want, sizeof(want));
}

/* Encoding and decoding are inverse for every field value. */
static void wire_round_trip_test(struct kunit *test)
{
	const struct wire_golden *g = test->param_value;
	struct cluster_wire_frame f, got;
	u8 *buf;
	int len;

	wire_base(&f, g->type);
	/* Extreme values: every bit of every field set where allowed. */
	f.hdr.flags = CLUSTER_WIRE_FLAGS_IGNORABLE;
	f.hdr.group = 0xffff;
	f.hdr.src = 0xfffffffe;
	if (f.hdr.dst)
		f.hdr.dst = 1;
	switch (g->type) {
	case CLUSTER_WIRE_HELLO:
		strscpy(f.hello.name, "abcdefghijklmn9", sizeof(f.hello.name));
		f.hello.mac[0] = 0xfe;
		f.hello.max_version = 0xff;
		f.hello.mtu = 0xffff;
		f.hello.caps = 0xffffffff;
		f.hello.ts = U64_MAX;
		break;
	case CLUSTER_WIRE_CCSTART:
		f.ccstart.caps = 0xffffffff;
		f.ccstart.ts = U64_MAX;
		break;
	case CLUSTER_WIRE_VERF:
		memset(f.verf.nonce_r, 0xff, CLUSTER_WIRE_NONCE_LEN);
		f.verf.echo = U64_MAX;
		f.verf.held = U64_MAX;
		f.verf.ts = U64_MAX;
		break;
	case CLUSTER_WIRE_VACK:
		f.vack.echo = 0;
		f.vack.held = U64_MAX;
		break;
	case CLUSTER_WIRE_BYE:
		f.bye.reason = 0xffff;
		f.hdr.dst = 0xfffffffe;
		break;
	case CLUSTER_WIRE_KEEPALIVE:
		f.keepalive.ts = 0;
		f.keepalive.echo = U64_MAX;
		f.keepalive.held = 0x8000000000000000ULL;
		break;
	case CLUSTER_WIRE_DATA:
		f.data.epoch = U32_MAX;
		f.data.peer_epoch = U32_MAX;
		f.data.first = U32_MAX;
		f.data.seq = U32_MAX;
		f.data.ack = U32_MAX;
		f.data.msg_id = U32_MAX;
		f.data.unit = U16_MAX;
		f.data.cache = CLUSTER_WIRE_CACHE_MAX;
		f.data.sport = U16_MAX;
		f.data.dport = U16_MAX;
		break;
	case CLUSTER_WIRE_ACK:
		f.ack.epoch = U32_MAX;
		f.ack.ack = 0xfffff000;
		f.ack.cache = CLUSTER_WIRE_CACHE_MIN;
		f.ack.nsack = CLUSTER_WIRE_SACK_MAX;
		f.ack.sack[2].start = 0xfffff001;
		f.ack.sack[2].end = 0xfffff002;
		f.ack.sack[3].start = 0x7;	/* wrapped past 2^32 */
		f.ack.sack[3].end = 0xfff;
		break;
	}

	buf = wire_buf(test, NULL, 0, g->len);
	len = cluster_wire_encode(&f, buf, g->len);
	KUNIT_ASSERT_EQ(test, len, (int)g->len);
	KUNIT_ASSERT_EQ(test, cluster_wire_decode(buf, len, 0xffff, &got), 0);
	f.hdr.len = len;
	KUNIT_EXPECT_MEMEQ(test, &got, &f, sizeof(f));
}

/* Too small a buffer: -EMSGSIZE and not one byte written. */
static void wire_encode_short_test(struct kunit *test)
{
	const struct wire_golden *g = test->param_value;
	struct cluster_wire_frame f;
	u8 *buf, *before;

	wire_base(&f, g->type);
	buf = wire_buf(test, NULL, 0, g->len - 1);
	memset(buf, 0x3c, g->len - 1);
	before = wire_buf(test, buf, g->len - 1, g->len - 1);
	KUNIT_EXPECT_EQ(test, cluster_wire_encode(&f, buf, g->len - 1),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, cluster_wire_encode(&f, buf, 0), -EMSGSIZE);
	KUNIT_EXPECT_MEMEQ(test, buf, before, g->len - 1);
}

#define P(o, v)		{ (o), (v) }

/**
 * struct wire_reject_case - one mutation of a golden frame and its verdict
 * @desc: shown in the KUnit output
 * @type: golden frame to start from
 * @buf_adj: the buffer holds the golden length + @buf_adj bytes (zeroes
 *	after the golden frame)
 * @npatch: how many of @patch apply
 * @patch: bytes to overwrite: offset and value
 * @err: expected cluster_wire_decode() return
 * @fill: a range to fill: offset, length (0 for none) and value
 */
struct wire_reject_case {
	const char *desc;
	u8 type;
	int buf_adj;
	u8 npatch;
	struct {
		u8 off;
		u8 val;
	} patch[2];
	int err;
	struct {
		u8 off;
		u8 len;
		u8 val;
	} fill;
};

#define T(t)		CLUSTER_WIRE_##t
#define D(r)		(-CLUSTER_DROP_##r)

static const struct wire_reject_case wire_reject_cases[] = {
	/* The buffer against the header and its length field. */
	{ "empty buffer", T(HELLO), -HELLO_FL, 0, {}, D(TRUNCATED) },
	{ "version byte only", T(HELLO), 1 - HELLO_FL, 0, {},
	  D(TRUNCATED) },
	{ "header one byte short", T(KEEPALIVE), 15 - KEEPALIVE_FL, 0, {}, D(TRUNCATED) },
	{ "header alone", T(HELLO), 16 - HELLO_FL, 0, {},
	  D(TRUNCATED) },
	{ "HELLO one byte short", T(HELLO), -1, 0, {}, D(TRUNCATED) },
	{ "CCSTART one byte short", T(CCSTART), -1, 0, {},
	  D(TRUNCATED) },
	{ "VERF one byte short", T(VERF), -1, 0, {}, D(TRUNCATED) },
	{ "VACK one byte short", T(VACK), -1, 0, {}, D(TRUNCATED) },
	{ "BYE one byte short", T(BYE), -1, 0, {}, D(TRUNCATED) },
	{ "KEEPALIVE one byte short", T(KEEPALIVE), -1, 0, {},
	  D(TRUNCATED) },
	{ "length field one past the buffer", T(HELLO), 0, 1,
	  { P(7, HELLO_FL + 1) }, D(TRUNCATED) },
	{ "length field 0x100 past the buffer", T(HELLO), 0, 1,
	  { P(6, 0x01) }, D(TRUNCATED) },
	{ "length field 0xffff", T(VERF), 200, 2, { P(6, 0xff), P(7, 0xff) }, D(TRUNCATED) },
	{ "length field 0", T(HELLO), 0, 1, { P(7, 0) },
	  D(BAD_LENGTH) },
	{ "length field 15", T(HELLO), 0, 1, { P(7, 15) },
	  D(BAD_LENGTH) },

	/* The length field against the type's fixed body. */
	{ "HELLO length field of a header", T(HELLO), 0, 1, { P(7, 16) }, D(BAD_LENGTH) },
	{ "HELLO length field one short", T(HELLO), 0, 1,
	  { P(7, HELLO_FL - 1) }, D(BAD_LENGTH) },
	{ "CCSTART length field one short", T(CCSTART), 0, 1,
	  { P(7, CCSTART_FL - 1) }, D(BAD_LENGTH) },
	{ "VERF length field one short", T(VERF), 0, 1,
	  { P(7, VERF_FL - 1) }, D(BAD_LENGTH) },
	{ "VERF length field of a VACK", T(VERF), 0, 1, { P(7, VACK_FL) }, D(BAD_LENGTH) },
	{ "VACK length field one short", T(VACK), 0, 1,
	  { P(7, VACK_FL - 1) }, D(BAD_LENGTH) },
	{ "BYE length field one short", T(BYE), 0, 1, { P(7, BYE_FL - 1) }, D(BAD_LENGTH) },
	{ "KEEPALIVE length field one short", T(KEEPALIVE), 0, 1,
	  { P(7, KEEPALIVE_FL - 1) }, D(BAD_LENGTH) },
	{ "KEEPALIVE length field of a BYE", T(KEEPALIVE), 0, 1,
	  { P(7, BYE_FL) }, D(BAD_LENGTH) },

	/* Version. */
	{ "version 0", T(HELLO), 0, 1, { P(0, 0) }, D(BAD_VERSION) },
	{ "version 2", T(HELLO), 0, 1, { P(0, 2) }, D(BAD_VERSION) },
	{ "version 255", T(VERF), 0, 1, { P(0, 0xff) },
	  D(BAD_VERSION) },
	{ "version 2, one byte", T(HELLO), 1 - HELLO_FL, 1, { P(0, 2) }, D(BAD_VERSION) },

	/* Group. */
	{ "group of another cluster", T(HELLO), 0, 1, { P(5, 0xc4) },
	  D(WRONG_GROUP) },
	{ "group byte-swapped", T(CCSTART), 0, 2, { P(4, 0xc3), P(5, 0xa5) }, D(WRONG_GROUP) },
	{ "group 0", T(KEEPALIVE), 0, 2, { P(4, 0), P(5, 0) },
	  D(WRONG_GROUP) },

	/* Type. */
	{ "type 0", T(HELLO), 0, 1, { P(1, 0) }, D(BAD_TYPE) },
	{ "type 7 (reserved)", T(HELLO), 0, 1, { P(1, 7) },
	  D(BAD_TYPE) },
	{ "type 15 (reserved)", T(HELLO), 0, 1, { P(1, 15) },
	  D(BAD_TYPE) },
	{ "type 16 on a KEEPALIVE: DATA too short", T(KEEPALIVE), 0, 1,
	  { P(1, 16) }, D(BAD_LENGTH) },
	{ "type 18 (reserved)", T(ACK), 0, 1, { P(1, 18) }, D(BAD_TYPE) },
	/* DATA: every fragment field against the others. */
	{ "DATA epoch 0", T(DATA), 0, 0, {}, D(BAD_FIELD), { 16, 4, 0 } },
	{ "DATA cache 0", T(DATA), 0, 0, {}, D(BAD_FIELD), { 50, 2, 0 } },
	{ "DATA cache not a power of two", T(DATA), 0, 1, { P(51, 3) },
	  D(BAD_FIELD) },
	{ "DATA cache 4 (below the minimum)", T(DATA), 0, 2,
	  { P(50, 0), P(51, 4) }, D(BAD_FIELD) },
	{ "DATA cache 32768, the maximum", T(DATA), 0, 2,
	  { P(50, 0x80), P(51, 0) }, 0 },
	{ "DATA unit 63", T(DATA), 0, 2, { P(48, 0), P(49, 63) },
	  D(BAD_FIELD) },
	{ "DATA total 1 MiB + 1", T(DATA), 0, 2, { P(41, 0x10), P(43, 1) },
	  D(BAD_FIELD) },
	{ "DATA total 100, no payload", T(DATA), 0, 1, { P(43, 100) },
	  D(BAD_FIELD) },
	{ "DATA offset in an empty message", T(DATA), 0, 2,
	  { P(46, 0x05), P(47, 0x78) }, D(BAD_FIELD) },
	{ "DATA offset not a multiple of unit", T(DATA), 0, 2,
	  { P(43, 100), P(47, 1) }, D(BAD_FIELD) },
	{ "DATA payload claimed by the length field, message empty",
	  T(DATA), 8, 1, { P(7, DATA_FL + 8) }, D(BAD_FIELD) },
	/* ACK: the count and every block. */
	{ "ACK 5 blocks", T(ACK), 0, 1, { P(30, 5) }, D(BAD_FIELD) },
	{ "ACK 255 blocks", T(ACK), 0, 1, { P(30, 0xff) }, D(BAD_FIELD) },
	{ "ACK epoch 0", T(ACK), 0, 0, {}, D(BAD_FIELD), { 16, 4, 0 } },
	{ "ACK cache 0", T(ACK), 0, 1, { P(29, 0) }, D(BAD_FIELD) },
	{ "ACK block starting at the ack", T(ACK), 0, 2,
	  { P(32 + 3, 0xfe), P(32, 0xff) }, D(BAD_FIELD),
	  { 33, 2, 0xff } },
	{ "ACK empty block", T(ACK), 0, 1, { P(39, 1) }, D(BAD_FIELD) },
	{ "ACK block ending before it starts", T(ACK), 0, 1, { P(39, 0) },
	  D(BAD_FIELD) },
	{ "ACK block far beyond any cache", T(ACK), 0, 1, { P(37, 0x01) },
	  D(BAD_FIELD) },
	{ "ACK unused block slots ignored", T(ACK), 0, 0, {}, 0,
	  { 48, 16, 0xee } },
	{ "ACK one byte short", T(ACK), -1, 0, {}, D(TRUNCATED) },
	{ "type 255", T(HELLO), 0, 1, { P(1, 0xff) }, D(BAD_TYPE) },

	/* Flags: the high byte is critical, none is defined. */
	{ "critical flag 0x0100", T(HELLO), 0, 1, { P(2, 0x01) },
	  D(BAD_FLAGS) },
	{ "critical flag 0x8000", T(KEEPALIVE), 0, 1, { P(2, 0x80) },
	  D(BAD_FLAGS) },
	{ "all flags", T(VACK), 0, 2, { P(2, 0xff), P(3, 0xff) },
	  D(BAD_FLAGS) },

	/* Node ids. */
	{ "source node 0", T(HELLO), 0, 0, {}, D(BAD_FIELD), { 8, 4, 0 } },
	{ "source node 0xffffffff", T(CCSTART), 0, 0, {},
	  D(BAD_FIELD), { 8, 4, 0xff } },
	{ "HELLO to a node", T(HELLO), 0, 1, { P(15, 1) },
	  D(BAD_FIELD) },
	{ "HELLO to 0xffffffff", T(HELLO), 0, 0, {},
	  D(BAD_FIELD), { 12, 4, 0xff } },
	{ "CCSTART to node 0", T(CCSTART), 0, 0, {}, D(BAD_FIELD), { 12, 4, 0 } },
	{ "VERF to node 0", T(VERF), 0, 0, {}, D(BAD_FIELD), { 12, 4, 0 } },
	{ "VACK to node 0", T(VACK), 0, 0, {}, D(BAD_FIELD), { 12, 4, 0 } },
	{ "KEEPALIVE to node 0", T(KEEPALIVE), 0, 0, {},
	  D(BAD_FIELD), { 12, 4, 0 } },
	{ "KEEPALIVE to 0xffffffff", T(KEEPALIVE), 0, 0, {},
	  D(BAD_FIELD), { 12, 4, 0xff } },
	{ "BYE to 0xffffffff", T(BYE), 0, 0, {}, D(BAD_FIELD), { 12, 4, 0xff } },

	/* HELLO body. */
	{ "name empty", T(HELLO), 0, 1, { P(16, 0) }, D(BAD_FIELD) },
	{ "name unterminated", T(HELLO), 0, 0, {},
	  D(BAD_FIELD), { 16, 16, 'a' } },
	{ "name starts with '-'", T(HELLO), 0, 1, { P(16, '-') },
	  D(BAD_FIELD) },
	{ "name with a space", T(HELLO), 0, 1, { P(18, ' ') },
	  D(BAD_FIELD) },
	{ "name with a high-bit byte", T(HELLO), 0, 1, { P(17, 0xe9) }, D(BAD_FIELD) },
	{ "name with a byte after its NUL", T(HELLO), 0, 1, { P(31, 'x') }, D(BAD_FIELD) },
	{ "adapter address multicast", T(HELLO), 0, 1, { P(32, 0x03) }, D(BAD_FIELD) },
	{ "adapter address zero", T(HELLO), 0, 0, {},
	  D(BAD_FIELD), { 32, 6, 0 } },
	{ "adapter address broadcast", T(HELLO), 0, 0, {},
	  D(BAD_FIELD), { 32, 6, 0xff } },
	{ "max_version 0", T(HELLO), 0, 1, { P(38, 0) },
	  D(BAD_FIELD) },
	{ "MTU 255", T(HELLO), 0, 2, { P(40, 0), P(41, 0xff) },
	  D(BAD_FIELD) },
	{ "MTU 0", T(HELLO), 0, 0, {}, D(BAD_FIELD), { 40, 2, 0 } },

	/* Handshake and BYE bodies. */
	{ "CCSTART nonce zero", T(CCSTART), 0, 0, {},
	  D(BAD_FIELD), { 16, 16, 0 } },
	{ "CCSTART initiator address multicast", T(CCSTART), 0, 1,
	  { P(32, 0x01) }, D(BAD_FIELD) },
	{ "CCSTART responder address zero", T(CCSTART), 0, 0, {},
	  D(BAD_FIELD), { 38, 6, 0 } },
	{ "VERF responder nonce zero", T(VERF), 0, 0, {},
	  D(BAD_FIELD), { 16, 16, 0 } },
	{ "VERF initiator nonce zero", T(VERF), 0, 0, {},
	  D(BAD_FIELD), { 32, 16, 0 } },
	{ "VACK initiator nonce zero", T(VACK), 0, 0, {},
	  D(BAD_FIELD), { 16, 16, 0 } },
	{ "VACK responder nonce zero", T(VACK), 0, 0, {},
	  D(BAD_FIELD), { 32, 16, 0 } },
	{ "BYE reason 0", T(BYE), 0, 1, { P(17, 0) }, D(BAD_FIELD) },
	{ "BYE address multicast", T(BYE), 0, 1, { P(18, 0x01) },
	  D(BAD_FIELD) },

	/* Which check wins when several fail: the documented order. */
	{ "bad version before bad type", T(HELLO), 0, 2,
	  { P(0, 2), P(1, 0) }, D(BAD_VERSION) },
	{ "bad version before short buffer", T(HELLO), 15 - HELLO_FL, 1,
	  { P(0, 9) }, D(BAD_VERSION) },
	{ "short buffer before wrong group", T(HELLO), -1, 1, { P(5, 0) }, D(TRUNCATED) },
	{ "short length before wrong group", T(HELLO), 0, 2,
	  { P(7, 8), P(5, 0) }, D(BAD_LENGTH) },
	{ "wrong group before bad type", T(HELLO), 0, 2,
	  { P(5, 0), P(1, 0) }, D(WRONG_GROUP) },
	{ "bad type before short body", T(HELLO), 0, 2,
	  { P(1, 99), P(7, 16) }, D(BAD_TYPE) },
	{ "bad flags before short body", T(HELLO), 0, 2,
	  { P(2, 0x40), P(7, 16) }, D(BAD_FLAGS) },
	{ "short body before bad field", T(HELLO), 0, 1,
	  { P(7, HELLO_FL - 1) }, D(BAD_LENGTH), { 8, 4, 0 } },

	/* Accepted: ignorable, reserved and unknown values. */
	{ "ignorable flags", T(HELLO), 0, 1, { P(3, 0xff) }, 0 },
	{ "HELLO reserved bytes set", T(HELLO), 0, 2,
	  { P(39, 0xff), P(43, 0xff) }, 0 },
	{ "VERF reserved bytes set", T(VERF), 0, 0, {}, 0, { 52, 4, 0xff } },
	{ "unknown capabilities", T(HELLO), 0, 0, {}, 0, { 44, 4, 0xff } },
	{ "max_version 255", T(HELLO), 0, 1, { P(38, 0xff) }, 0 },
	{ "MTU 256", T(HELLO), 0, 2, { P(40, 1), P(41, 0) }, 0 },
	{ "name of 15 chars", T(HELLO), 0, 0, {}, 0, { 16, 15, 'z' } },
	{ "unknown BYE reason", T(BYE), 0, 2, { P(16, 0xff), P(17, 0xff) }, 0 },
	{ "BYE to a node", T(BYE), 0, 1, { P(15, 9) }, 0 },
	{ "zero timestamps", T(KEEPALIVE), 0, 0, {}, 0, { 16, 24, 0 } },
	{ "HMAC zero", T(VACK), 0, 0, {}, 0, { 64, 32, 0 } },
	{ "padding after the frame", T(BYE), 36, 0, {}, 0 },
};

static void wire_reject_desc(const struct wire_reject_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(wire_reject, wire_reject_cases, wire_reject_desc);

static void wire_reject_test(struct kunit *test)
{
	const struct wire_reject_case *c = test->param_value;
	const struct wire_golden *g = wire_golden_of(c->type);
	struct cluster_wire_frame out, before;
	u8 frame[CLUSTER_WIRE_FIXED_MAX];
	size_t len;
	u8 *buf;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, g);
	KUNIT_ASSERT_GE(test, (int)g->len + c->buf_adj, 0);
	len = g->len + c->buf_adj;

	memcpy(frame, g->bytes, g->len);
	for (i = 0; i < c->npatch; i++)
		frame[c->patch[i].off] = c->patch[i].val;
	memset(frame + c->fill.off, c->fill.val, c->fill.len);
	buf = wire_buf(test, frame, g->len, len);

	memset(&out, 0xa5, sizeof(out));
	before = out;
	KUNIT_EXPECT_EQ_MSG(test, cluster_wire_decode(buf, len, GROUP, &out),
			    c->err, "%s", cluster_wire_drop_name(c->err));
	/* A dropped frame leaves the output alone. */
	if (c->err)
		KUNIT_EXPECT_MEMEQ(test, &out, &before, sizeof(out));
}

/* The encoder refuses what a receiver would drop. */
static void wire_encode_invalid_test(struct kunit *test)
{
	u8 *buf = wire_buf(test, NULL, 0, CLUSTER_WIRE_FIXED_MAX);
	struct cluster_wire_frame f;

#define EXPECT_EINVAL(type, change)					\
	do {								\
		wire_base(&f, CLUSTER_WIRE_##type);			\
		change;							\
		KUNIT_EXPECT_EQ_MSG(test, cluster_wire_encode(&f, buf,	\
				    CLUSTER_WIRE_FIXED_MAX), -EINVAL,	\
				    "%s", #change);			\
	} while (0)

	EXPECT_EINVAL(HELLO, f.hdr.type = 0);
	EXPECT_EINVAL(HELLO, f.hdr.type = 7);
	EXPECT_EINVAL(VERF, f.hdr.type = CLUSTER_WIRE_DATA);
	EXPECT_EINVAL(VERF, f.hdr.type = CLUSTER_WIRE_ACK);
	EXPECT_EINVAL(HELLO, f.hdr.flags = 0x0100);
	EXPECT_EINVAL(HELLO, f.hdr.group = 0);
	EXPECT_EINVAL(HELLO, f.hdr.src = 0);
	EXPECT_EINVAL(CCSTART, f.hdr.src = 0xffffffff);
	EXPECT_EINVAL(HELLO, f.hdr.dst = 5);
	EXPECT_EINVAL(CCSTART, f.hdr.dst = 0);
	EXPECT_EINVAL(KEEPALIVE, f.hdr.dst = 0xffffffff);
	EXPECT_EINVAL(HELLO, f.hello.name[0] = '\0');
	EXPECT_EINVAL(HELLO, f.hello.name[2] = '/');
	EXPECT_EINVAL(HELLO, memset(f.hello.name, 'n', 16));
	EXPECT_EINVAL(HELLO, f.hello.mac[0] = 0x01);
	EXPECT_EINVAL(HELLO, f.hello.max_version = 0);
	EXPECT_EINVAL(HELLO, f.hello.mtu = CLUSTER_WIRE_MTU_MIN - 1);
	EXPECT_EINVAL(CCSTART, memset(f.ccstart.nonce_i, 0, 16));
	EXPECT_EINVAL(CCSTART, memset(f.ccstart.mac_r, 0, 6));
	EXPECT_EINVAL(VERF, memset(f.verf.nonce_i, 0, 16));
	EXPECT_EINVAL(VACK, memset(f.vack.nonce_r, 0, 16));
	EXPECT_EINVAL(BYE, f.bye.reason = 0);
	EXPECT_EINVAL(BYE, memset(f.bye.mac, 0, 6));
#undef EXPECT_EINVAL
}

/* A node's own name is valid in a HELLO exactly when node.c accepts it. */
static const char * const wire_names[] = {
	"a", "7", "Node-1.a_B", "abcdefghijklmno", "-node", ".node", "_node",
	"node 1", "node/1", "node:1", "node\n", "no\xc3\xb6", "no\xf6",
	"NODE~", "x\x7f",
};

static void wire_name_agrees_test(struct kunit *test)
{
	struct cluster_wire_frame out;
	u8 frame[HELLO_FL];
	size_t i, len;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(wire_names); i++) {
		len = strlen(wire_names[i]);
		memcpy(frame, golden_hello, sizeof(frame));
		memset(frame + 16, 0, CLUSTER_WIRE_NAME_LEN);
		memcpy(frame + 16, wire_names[i], len);
		buf = wire_buf(test, frame, sizeof(frame), sizeof(frame));
		KUNIT_EXPECT_EQ_MSG(test,
				    cluster_wire_decode(buf, sizeof(frame),
							GROUP, &out) == 0,
				    cluster_node_name_valid(wire_names[i], len),
				    "name \"%s\"", wire_names[i]);
	}
}

static void wire_frame_len_test(struct kunit *test)
{
	static const u8 unknown[] = { 0, 7, 15, 18, 31, 255 };
	size_t i;

	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(HELLO)),
			(size_t)HELLO_FL);
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(CCSTART)),
			(size_t)CCSTART_FL);
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(VERF)),
			(size_t)VERF_FL);
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(VACK)),
			(size_t)VACK_FL);
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(BYE)),
			(size_t)BYE_FL);
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(KEEPALIVE)),
			(size_t)KEEPALIVE_FL);
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(DATA)),
			(size_t)DATA_FL);
	KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(T(ACK)),
			(size_t)ACK_FL);
	KUNIT_EXPECT_EQ(test, (int)CLUSTER_WIRE_DATA_PAYLOAD, DATA_FL);
	for (i = 0; i < ARRAY_SIZE(unknown); i++)
		KUNIT_EXPECT_EQ(test, cluster_wire_frame_len(unknown[i]),
				(size_t)0);
	/* Every v1 frame fits the smallest MTU, the longest is FIXED_MAX. */
	KUNIT_EXPECT_EQ(test, (int)CLUSTER_WIRE_FIXED_MAX, VERF_FL);
	KUNIT_EXPECT_LE(test, VERF_FL, CLUSTER_WIRE_MTU_MIN);
}

/**
 * struct wire_mcast_case - a group and its multicast address
 * @group: cluster group
 * @mac: expected cluster_wire_group_mcast()
 */
struct wire_mcast_case {
	u16 group;
	u8 mac[CLUSTER_WIRE_MAC_LEN];
};

static const struct wire_mcast_case wire_mcast_cases[] = {
	{ 1, { 0x43, 0x4c, 0x55, 0x53, 0x00, 0x01 } },
	{ 0x0100, { 0x43, 0x4c, 0x55, 0x53, 0x01, 0x00 } },
	{ GROUP, { 0x43, 0x4c, 0x55, 0x53, 0xa5, 0xc3 } },
	{ 0xffff, { 0x43, 0x4c, 0x55, 0x53, 0xff, 0xff } },
};

static void wire_mcast_desc(const struct wire_mcast_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "group %u", c->group);
}

KUNIT_ARRAY_PARAM(wire_mcast, wire_mcast_cases, wire_mcast_desc);

static void wire_mcast_test(struct kunit *test)
{
	const struct wire_mcast_case *c = test->param_value;
	u8 *mac = wire_buf(test, NULL, 0, CLUSTER_WIRE_MAC_LEN);

	cluster_wire_group_mcast(c->group, mac);
	KUNIT_EXPECT_MEMEQ(test, mac, c->mac, CLUSTER_WIRE_MAC_LEN);
	/* Group (multicast) and locally administered bits, SLAP AAI. */
	KUNIT_EXPECT_EQ(test, mac[0] & 0x0f, 0x03);
}

static void wire_transcript_base(struct cluster_wire_transcript *t)
{
	memset(t, 0, sizeof(*t));
	t->version = CLUSTER_WIRE_VERSION;
	t->group = GROUP;
	t->node_i = NODE_A;
	t->node_r = NODE_B;
	memcpy(t->mac_i, mac_a, sizeof(mac_a));
	memcpy(t->mac_r, mac_b, sizeof(mac_b));
	memcpy(t->nonce_i, nonce_i, sizeof(nonce_i));
	memcpy(t->nonce_r, nonce_r, sizeof(nonce_r));
}

static const u8 golden_transcript[CLUSTER_WIRE_TRANSCRIPT_LEN] = {
	'V', 'E', 'R', 'F', 0x01, 0xa5, 0xc3,		/* label version group */
	0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d,	/* node_i node_r */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01,		/* mac_i */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02,		/* mac_r */
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,	/* nonce_i nonce_r */
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
};

static void wire_transcript_test(struct kunit *test)
{
	const size_t n = CLUSTER_WIRE_TRANSCRIPT_LEN;
	struct cluster_wire_transcript t;
	u8 *buf = wire_buf(test, NULL, 0, n);
	u8 *vack = wire_buf(test, NULL, 0, n);

	wire_transcript_base(&t);
	KUNIT_ASSERT_EQ(test, cluster_wire_transcript(T(VERF), &t, buf, n),
			(int)n);
	KUNIT_EXPECT_MEMEQ(test, buf, golden_transcript, n);

	/* VACK differs from VERF in the label only. */
	KUNIT_ASSERT_EQ(test, cluster_wire_transcript(T(VACK), &t, vack, n),
			(int)n);
	KUNIT_EXPECT_MEMEQ(test, vack, "VACK", 4);
	KUNIT_EXPECT_MEMEQ(test, vack + 4, golden_transcript + 4, n - 4);
}

static void wire_transcript_invalid_test(struct kunit *test)
{
	static const u8 types[] = { 0, T(HELLO), T(CCSTART), T(BYE),
				    T(KEEPALIVE), T(DATA), 255 };
	const size_t n = CLUSTER_WIRE_TRANSCRIPT_LEN;
	struct cluster_wire_transcript t;
	u8 *buf = wire_buf(test, NULL, 0, n - 1);
	u8 *before;
	size_t i;

	wire_transcript_base(&t);
	for (i = 0; i < ARRAY_SIZE(types); i++)
		KUNIT_EXPECT_EQ(test, cluster_wire_transcript(types[i], &t, buf,
							      n), -EINVAL);

	/* One byte short: an exact-size buffer, left as it was. */
	memset(buf, 0x77, n - 1);
	before = wire_buf(test, buf, n - 1, n - 1);
	KUNIT_EXPECT_EQ(test, cluster_wire_transcript(T(VERF), &t, buf, n - 1),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, cluster_wire_transcript(T(VACK), &t, buf, 0),
			-EMSGSIZE);
	KUNIT_EXPECT_MEMEQ(test, buf, before, n - 1);
}

/*
 * Every field is bound: changing any one, or swapping the roles, changes
 * the bytes the HMAC covers, so a handshake captured between other nodes,
 * adapters, groups or nonces never verifies.
 */
static void wire_transcript_binds_test(struct kunit *test)
{
	const size_t n = CLUSTER_WIRE_TRANSCRIPT_LEN;
	struct cluster_wire_transcript base, t;
	u8 *ref = wire_buf(test, NULL, 0, n);
	u8 *buf = wire_buf(test, NULL, 0, n);
	int i;

	wire_transcript_base(&base);
	KUNIT_ASSERT_EQ(test, cluster_wire_transcript(T(VERF), &base, ref, n),
			(int)n);

	for (i = 0; i < 9; i++) {
		t = base;
		switch (i) {
		case 0:
			t.version = 2;
			break;
		case 1:
			t.group = GROUP + 1;
			break;
		case 2:
			t.node_i = NODE_A + 1;
			break;
		case 3:
			t.node_r = NODE_B + 1;
			break;
		case 4:
			t.mac_i[5] ^= 1;
			break;
		case 5:
			t.mac_r[0] ^= 0x80;
			break;
		case 6:
			t.nonce_i[15] ^= 1;
			break;
		case 7:
			t.nonce_r[0] ^= 1;
			break;
		case 8:
			t.node_i = base.node_r;
			t.node_r = base.node_i;
			memcpy(t.mac_i, base.mac_r, sizeof(t.mac_i));
			memcpy(t.mac_r, base.mac_i, sizeof(t.mac_r));
			memcpy(t.nonce_i, base.nonce_r, sizeof(t.nonce_i));
			memcpy(t.nonce_r, base.nonce_i, sizeof(t.nonce_r));
			break;
		}
		KUNIT_ASSERT_EQ(test, cluster_wire_transcript(T(VERF), &t, buf,
							      n), (int)n);
		KUNIT_EXPECT_NE_MSG(test, memcmp(buf, ref, n), 0, "change %d",
				    i);
	}
}

/**
 * struct wire_rtt_case - one cluster_wire_rtt() input and its outcome
 * @desc: shown in the KUnit output
 * @now: this node's clock
 * @echo: echoed timestamp
 * @held: time the peer held it
 * @ok: expected return
 * @rtt: expected delay when @ok
 */
struct wire_rtt_case {
	const char *desc;
	u64 now;
	u64 echo;
	u64 held;
	bool ok;
	u64 rtt;
};

static const struct wire_rtt_case wire_rtt_cases[] = {
	{ "typical", 5000000, 4000000, 300000, true, 700000 },
	{ "held nothing", 100, 40, 0, true, 60 },
	{ "zero delay", 100, 40, 60, true, 0 },
	{ "echo now", 100, 100, 0, true, 0 },
	{ "extreme clock", U64_MAX, 1, 0, true, U64_MAX - 1 },
	{ "nothing echoed", 100, 0, 0, false, 0 },
	{ "echo from the future", 100, 101, 0, false, 0 },
	{ "held longer than the round trip", 100, 40, 61, false, 0 },
	{ "held U64_MAX", 100, 40, U64_MAX, false, 0 },
	{ "echo U64_MAX", 100, U64_MAX, 0, false, 0 },
};

static void wire_rtt_desc(const struct wire_rtt_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(wire_rtt, wire_rtt_cases, wire_rtt_desc);

static void wire_rtt_test(struct kunit *test)
{
	const struct wire_rtt_case *c = test->param_value;
	u64 rtt = 12345;

	KUNIT_EXPECT_EQ(test, cluster_wire_rtt(c->now, c->echo, c->held, &rtt),
			c->ok);
	KUNIT_EXPECT_EQ(test, rtt, c->ok ? c->rtt : 12345);
}

static void wire_drop_name_test(struct kunit *test)
{
	static const int bad[] = { 0, __CLUSTER_DROP_MAX, -__CLUSTER_DROP_MAX,
				   INT_MAX, INT_MIN, -EINVAL - 100 };
	size_t k;
	int i, j;

	for (i = 1; i < __CLUSTER_DROP_MAX; i++) {
		const char *name = cluster_wire_drop_name(i);

		KUNIT_ASSERT_NOT_NULL(test, name);
		KUNIT_EXPECT_STRNEQ(test, name, "unknown");
		KUNIT_EXPECT_PTR_EQ(test, cluster_wire_drop_name(-i), name);
		for (j = 1; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, cluster_wire_drop_name(j), name);
	}
	KUNIT_EXPECT_STREQ(test, cluster_wire_drop_name(-CLUSTER_DROP_TRUNCATED),
			   "truncated");
	for (k = 0; k < ARRAY_SIZE(bad); k++)
		KUNIT_EXPECT_STREQ(test, cluster_wire_drop_name(bad[k]),
				   "unknown");
}

/* The refusal record: golden bytes, round trip, every rejection. */
static void wire_ctl_test(struct kunit *test)
{
	static const u8 golden[CLUSTER_WIRE_CTL_LEN] = {
		0x01, 0x01, 0x00, 0x00, 0x80, 0x01, 0x13, 0x88,
		0xde, 0xad, 0xbe, 0xef,
	};
	const struct cluster_wire_ctl c = {
		.type = CLUSTER_WIRE_CTL_REFUSED,
		.reason = CLUSTER_WIRE_REFUSED_NO_PORT,
		.sport = 0x8001,
		.dport = 5000,
		.msg_id = 0xdeadbeef,
	};
	struct cluster_wire_ctl bad, d;
	u8 buf[CLUSTER_WIRE_CTL_LEN + 1];

	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&c, buf, sizeof(buf)),
			CLUSTER_WIRE_CTL_LEN);
	KUNIT_EXPECT_MEMEQ(test, buf, golden, sizeof(golden));
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&c, buf,
						      CLUSTER_WIRE_CTL_LEN - 1),
			-EMSGSIZE);
	KUNIT_ASSERT_EQ(test, cluster_wire_ctl_decode(&d, golden,
						      sizeof(golden)), 0);
	KUNIT_EXPECT_EQ(test, d.type, c.type);
	KUNIT_EXPECT_EQ(test, d.reason, c.reason);
	KUNIT_EXPECT_EQ(test, d.sport, c.sport);
	KUNIT_EXPECT_EQ(test, d.dport, c.dport);
	KUNIT_EXPECT_EQ(test, d.msg_id, c.msg_id);

	/* Invalid records are not written. */
	bad = c;
	bad.type = 2;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&bad, buf, sizeof(buf)),
			-EINVAL);
	bad = c;
	bad.reason = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&bad, buf, sizeof(buf)),
			-EINVAL);
	bad = c;
	bad.sport = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&bad, buf, sizeof(buf)),
			-EINVAL);
	bad = c;
	bad.dport = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&bad, buf, sizeof(buf)),
			-EINVAL);

	/* Hostile bodies: every length but 12, reserved bits, zero fields. */
	memcpy(buf, golden, sizeof(golden));
	buf[CLUSTER_WIRE_CTL_LEN] = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 0), -EPROTO);
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 11), -EPROTO);
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 13), -EPROTO);
	buf[3] = 1;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 12), -EPROTO);
	buf[3] = 0;
	buf[0] = 9;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 12), -EOPNOTSUPP);
	buf[0] = 1;
	buf[1] = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 12), -EINVAL);
	buf[1] = 200;	/* an unknown reason is allowed */
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 12), 0);
	buf[4] = 0;
	buf[5] = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 12), -EINVAL);
	memcpy(buf, golden, sizeof(golden));
	buf[6] = 0;
	buf[7] = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf, 12), -EINVAL);
}

/* Connection records: round trip, and the fields each type forbids. */
static void wire_ctl_conn_test(struct kunit *test)
{
	static const u8 golden[CLUSTER_WIRE_CTL_LEN] = {
		0x04, 0x02, 0x00, 0x00, 0x80, 0x02, 0x80, 0x03,
		0x00, 0x00, 0x00, 0x00,
	};
	struct cluster_wire_ctl c = {
		.type = CLUSTER_WIRE_CTL_CLOSE,
		.reason = CLUSTER_WIRE_CLOSE_RELEASED,
		.sport = 0x8002,
		.dport = 0x8003,
	};
	struct cluster_wire_ctl d;
	u8 buf[CLUSTER_WIRE_CTL_SVC_LEN];
	u8 t;

	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&c, buf, sizeof(buf)),
			CLUSTER_WIRE_CTL_LEN);
	KUNIT_EXPECT_MEMEQ(test, buf, golden, sizeof(golden));
	for (t = CLUSTER_WIRE_CTL_CONNECT; t <= CLUSTER_WIRE_CTL_CLOSE; t++) {
		c.type = t;
		c.reason = t == CLUSTER_WIRE_CTL_CLOSE ? 200 : 0;
		KUNIT_ASSERT_EQ(test, cluster_wire_ctl_encode(&c, buf,
							      sizeof(buf)),
				CLUSTER_WIRE_CTL_LEN);
		KUNIT_ASSERT_EQ(test, cluster_wire_ctl_decode(&d, buf,
							      CLUSTER_WIRE_CTL_LEN),
				0);
		KUNIT_EXPECT_EQ(test, d.type, t);
		KUNIT_EXPECT_EQ(test, d.reason, c.reason);
		KUNIT_EXPECT_EQ(test, d.sport, c.sport);
		KUNIT_EXPECT_EQ(test, d.dport, c.dport);
		/* Service-record length for a connection record. */
		KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
							      CLUSTER_WIRE_CTL_SVC_LEN),
				-EPROTO);
		/* msg_id is REFUSED's only. */
		buf[11] = 1;
		KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
							      CLUSTER_WIRE_CTL_LEN),
				-EINVAL);
		buf[11] = 0;
		/* Both ports, always. */
		buf[6] = 0;
		buf[7] = 0;
		KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
							      CLUSTER_WIRE_CTL_LEN),
				-EINVAL);
		buf[6] = 0x80;
		buf[7] = 0x03;
		/* CONNECT and ACCEPT carry no reason; CLOSE needs one. */
		buf[1] = t == CLUSTER_WIRE_CTL_CLOSE ? 0 : 1;
		KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
							      CLUSTER_WIRE_CTL_LEN),
				-EINVAL);
	}
}

/* Service records: golden bytes, names, padding and lengths. */
static void wire_ctl_service_test(struct kunit *test)
{
	static const u8 golden[CLUSTER_WIRE_CTL_SVC_LEN] = {
		0x05, 0x02, 0x00, 0x00, 0x80, 0x05, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 'e', 'c', 'h', 'o',
	};
	struct cluster_wire_ctl c = {
		.type = CLUSTER_WIRE_CTL_PUBLISH,
		.reason = CLUSTER_WIRE_SVC_SEQPACKET,
		.sport = 0x8005,
		.name = "echo",
	};
	struct cluster_wire_ctl d;
	u8 buf[CLUSTER_WIRE_CTL_SVC_LEN + 1];

	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&c, buf, sizeof(buf)),
			CLUSTER_WIRE_CTL_SVC_LEN);
	KUNIT_EXPECT_MEMEQ(test, buf, golden, sizeof(golden));
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&c, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN - 1),
			-EMSGSIZE);
	KUNIT_ASSERT_EQ(test, cluster_wire_ctl_decode(&d, golden,
						      sizeof(golden)), 0);
	KUNIT_EXPECT_STREQ(test, d.name, "echo");
	KUNIT_EXPECT_EQ(test, d.reason, CLUSTER_WIRE_SVC_SEQPACKET);
	KUNIT_EXPECT_EQ(test, d.sport, 0x8005);

	memcpy(buf, golden, sizeof(golden));
	/* Too short for a service record, or too long. */
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_LEN),
			-EPROTO);
	buf[CLUSTER_WIRE_CTL_SVC_LEN] = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN + 1),
			-EPROTO);
	/* Bytes after the NUL. */
	buf[20] = 'x';
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EPROTO);
	buf[20] = 0;
	/* No NUL at all: 32 name bytes. */
	memset(buf + CLUSTER_WIRE_CTL_LEN, 'a', CLUSTER_SERVICE_MAX);
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EINVAL);
	/* 31 characters is the longest name. */
	buf[CLUSTER_WIRE_CTL_SVC_LEN - 1] = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			0);
	KUNIT_EXPECT_EQ(test, strlen(d.name), CLUSTER_SERVICE_MAX - 1);
	/* Empty, a space, a control character, a high byte. */
	memcpy(buf, golden, sizeof(golden));
	buf[12] = 0;
	buf[13] = 0;
	buf[14] = 0;
	buf[15] = 0;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EINVAL);
	memcpy(buf, golden, sizeof(golden));
	buf[13] = ' ';
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EINVAL);
	buf[13] = 0x07;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EINVAL);
	buf[13] = 0x80;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EINVAL);
	/* Socket type: RDM or SEQPACKET only; no dport. */
	memcpy(buf, golden, sizeof(golden));
	buf[1] = 3;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EINVAL);
	buf[1] = CLUSTER_WIRE_SVC_RDM;
	buf[0] = CLUSTER_WIRE_CTL_WITHDRAW;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			0);
	buf[7] = 1;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_decode(&d, buf,
						      CLUSTER_WIRE_CTL_SVC_LEN),
			-EINVAL);
	/* The encoder refuses what the decoder would. */
	c.name[0] = ' ';
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&c, buf, sizeof(buf)),
			-EINVAL);
	c.name[0] = 'e';
	c.dport = 1;
	KUNIT_EXPECT_EQ(test, cluster_wire_ctl_encode(&c, buf, sizeof(buf)),
			-EINVAL);
}

/* The name rule, on its own: lengths and the buffer's bound. */
static void wire_service_valid_test(struct kunit *test)
{
	char name[CLUSTER_SERVICE_MAX + 8];

	KUNIT_EXPECT_TRUE(test, cluster_wire_service_valid("echo", 5));
	KUNIT_EXPECT_TRUE(test, cluster_wire_service_valid("a.b/c:d-e_f~!", 32));
	KUNIT_EXPECT_FALSE(test, cluster_wire_service_valid("", 1));
	KUNIT_EXPECT_FALSE(test, cluster_wire_service_valid("echo", 4));
	KUNIT_EXPECT_FALSE(test, cluster_wire_service_valid("ec ho", 6));
	KUNIT_EXPECT_FALSE(test, cluster_wire_service_valid("ec\tho", 6));
	KUNIT_EXPECT_FALSE(test, cluster_wire_service_valid("ec\x7fho", 6));
	memset(name, 'x', sizeof(name));
	name[CLUSTER_SERVICE_MAX - 1] = 0;
	KUNIT_EXPECT_TRUE(test, cluster_wire_service_valid(name, sizeof(name)));
	name[CLUSTER_SERVICE_MAX - 1] = 'x';
	name[CLUSTER_SERVICE_MAX] = 0;
	KUNIT_EXPECT_FALSE(test, cluster_wire_service_valid(name, sizeof(name)));
}

static struct kunit_case wire_test_cases[] = {
	KUNIT_CASE_PARAM(wire_encode_golden_test, wire_golden_gen_params),
	KUNIT_CASE_PARAM(wire_decode_golden_test, wire_golden_gen_params),
	KUNIT_CASE_PARAM(wire_padding_test, wire_golden_gen_params),
	KUNIT_CASE_PARAM(wire_extension_test, wire_golden_gen_params),
	KUNIT_CASE_PARAM(wire_round_trip_test, wire_golden_gen_params),
	KUNIT_CASE_PARAM(wire_encode_short_test, wire_golden_gen_params),
	KUNIT_CASE_PARAM(wire_reject_test, wire_reject_gen_params),
	KUNIT_CASE(wire_encode_invalid_test),
	KUNIT_CASE(wire_name_agrees_test),
	KUNIT_CASE(wire_frame_len_test),
	KUNIT_CASE_PARAM(wire_mcast_test, wire_mcast_gen_params),
	KUNIT_CASE(wire_transcript_test),
	KUNIT_CASE(wire_transcript_invalid_test),
	KUNIT_CASE(wire_transcript_binds_test),
	KUNIT_CASE_PARAM(wire_rtt_test, wire_rtt_gen_params),
	KUNIT_CASE(wire_drop_name_test),
	KUNIT_CASE(wire_ctl_test),
	KUNIT_CASE(wire_ctl_conn_test),
	KUNIT_CASE(wire_ctl_service_test),
	KUNIT_CASE(wire_service_valid_test),
	{}
};

static struct kunit_suite wire_test_suite = {
	.name = "af_cluster_wire",
	.test_cases = wire_test_cases,
};

kunit_test_suites(&wire_test_suite);
