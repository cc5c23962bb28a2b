// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the wire format: driver/wire.c compiled unmodified
 * against shim/ (clang -fsanitize=fuzzer,address,undefined).
 *
 * Besides "no crash, no out-of-bounds read, no undefined behaviour" it
 * checks the properties the rest of the driver relies on:
 *  - a decode fails with a known drop reason, or succeeds with a header
 *    whose length lies within the input and covers the type's fixed part;
 *  - a decoded frame re-encodes, the encoding decodes to the same frame,
 *    and it equals the input byte for byte but for the length field and
 *    reserved bytes (one frame, one encoding);
 *  - the encoder, given arbitrary frame structures, emits only frames the
 *    decoder accepts;
 *  - the transcript and RTT helpers accept any decoded values.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

/* The group of the seed corpus (gen_corpus.c). */
#define FUZZ_GROUP	0xa5c3

#define CHECK(cond)	do { if (!(cond)) __builtin_trap(); } while (0)

/* Bytes of a re-encoded frame that may differ from the received one. */
static int ignored_byte(u8 type, size_t off)
{
	if (off == 6 || off == 7)	/* length: extension area dropped */
		return 1;
	switch (type) {
	case CLUSTER_WIRE_HELLO:
		return off == 39 || off == 42 || off == 43;
	case CLUSTER_WIRE_VERF:
		return off >= 52 && off < 56;
	case CLUSTER_WIRE_ACK:
		/* Reserved; unused block slots (the decoded frames compare). */
		return off >= 31;
	}
	return 0;
}

static void check_helpers(const struct cluster_wire_frame *f)
{
	struct cluster_wire_transcript t;
	u8 buf[CLUSTER_WIRE_TRANSCRIPT_LEN];
	u64 rtt;

	switch (f->hdr.type) {
	case CLUSTER_WIRE_VERF:
	case CLUSTER_WIRE_VACK:
		memset(&t, 0, sizeof(t));
		t.version = f->hdr.version;
		t.group = f->hdr.group;
		t.node_i = f->hdr.src;
		t.node_r = f->hdr.dst;
		if (f->hdr.type == CLUSTER_WIRE_VERF) {
			memcpy(t.nonce_i, f->verf.nonce_i, sizeof(t.nonce_i));
			memcpy(t.nonce_r, f->verf.nonce_r, sizeof(t.nonce_r));
		} else {
			memcpy(t.nonce_i, f->vack.nonce_i, sizeof(t.nonce_i));
			memcpy(t.nonce_r, f->vack.nonce_r, sizeof(t.nonce_r));
		}
		CHECK(cluster_wire_transcript(f->hdr.type, &t, buf,
					      sizeof(buf)) == (int)sizeof(buf));
		CHECK(cluster_wire_transcript(f->hdr.type, &t, buf,
					      sizeof(buf) - 1) == -EMSGSIZE);
		break;
	case CLUSTER_WIRE_KEEPALIVE:
		rtt = 0;
		if (cluster_wire_rtt(f->keepalive.ts, f->keepalive.echo,
				     f->keepalive.held, &rtt))
			CHECK(rtt <= f->keepalive.ts - f->keepalive.echo);
		break;
	}
}

static void fuzz_decode(const u8 *data, size_t size, u16 group)
{
	/* Room for a DATA frame's payload after the fixed part. */
	static u8 out[CLUSTER_WIRE_FIXED_MAX + 0x10000];
	struct cluster_wire_frame f, g;
	size_t i, payload = 0;
	int err, n;

	err = cluster_wire_decode(data, size, group, &f);
	if (err) {
		CHECK(err < 0 && -err < __CLUSTER_DROP_MAX);
		CHECK(strcmp(cluster_wire_drop_name(err), "unknown") != 0);
		return;
	}

	CHECK(f.hdr.version == CLUSTER_WIRE_VERSION);
	CHECK(f.hdr.group == group);
	CHECK(f.hdr.len <= size);
	CHECK(cluster_wire_frame_len(f.hdr.type) != 0);
	CHECK(f.hdr.len >= cluster_wire_frame_len(f.hdr.type));
	if (f.hdr.type == CLUSTER_WIRE_HELLO)
		CHECK(memchr(f.hello.name, 0, sizeof(f.hello.name)));

	n = cluster_wire_encode(&f, out, sizeof(out));
	CHECK(n > 0 && (size_t)n == cluster_wire_frame_len(f.hdr.type));
	for (i = 0; i < (size_t)n; i++)
		CHECK(out[i] == data[i] || ignored_byte(f.hdr.type, i));

	/* DATA: the length field counts the payload, which follows. */
	if (f.hdr.type == CLUSTER_WIRE_DATA) {
		payload = f.data.payload_len;
		CHECK(f.hdr.len == n + payload);
		memcpy(out + n, data + n, payload);
	}
	CHECK(cluster_wire_decode(out, n + payload, group, &g) == 0);
	f.hdr.len = n + payload;
	CHECK(memcmp(&f, &g, sizeof(f)) == 0);

	check_helpers(&f);
}

/* Arbitrary frame structures: what the encoder emits must decode back. */
static void fuzz_encode(const u8 *data, size_t size)
{
	static u8 out[CLUSTER_WIRE_FIXED_MAX + 0x10000];
	u8 again[CLUSTER_WIRE_FIXED_MAX];
	struct cluster_wire_frame f, g;
	size_t payload = 0;
	int n;

	if (size < sizeof(f))
		return;
	memcpy(&f, data, sizeof(f));
	n = cluster_wire_encode(&f, out, CLUSTER_WIRE_FIXED_MAX);
	if (n < 0) {
		CHECK(n == -EINVAL);
		return;
	}
	CHECK((size_t)n == cluster_wire_frame_len(f.hdr.type));
	if (f.hdr.type == CLUSTER_WIRE_DATA) {
		payload = f.data.payload_len;
		memset(out + n, 0x5a, payload);
	}
	CHECK(cluster_wire_decode(out, n + payload, f.hdr.group, &g) == 0);
	CHECK(cluster_wire_encode(&g, again, sizeof(again)) == n);
	CHECK(memcmp(out, again, n) == 0);
	/* One byte short: refused, not truncated. */
	CHECK(cluster_wire_encode(&f, out, n - 1) == -EMSGSIZE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A circuit control record: decoded, it must encode to the same bytes. */
static void fuzz_ctl(const uint8_t *data, size_t size)
{
	struct cluster_wire_ctl c;
	u8 buf[CLUSTER_WIRE_CTL_SVC_LEN];
	int len;

	if (cluster_wire_ctl_decode(&c, data, size))
		return;
	len = cluster_wire_ctl_encode(&c, buf, sizeof(buf));
	CHECK(len > 0 && (size_t)len == size);
	CHECK(!memcmp(buf, data, size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 mac[CLUSTER_WIRE_MAC_LEN];

	fuzz_decode(data, size, FUZZ_GROUP);
	/* The frame's own group, so mutated groups still reach the body. */
	if (size >= 6)
		fuzz_decode(data, size, (u16)(data[4] << 8 | data[5]));
	fuzz_encode(data, size);
	fuzz_ctl(data, size);
	if (size > CLUSTER_WIRE_CTL_LEN)
		fuzz_ctl(data + size - CLUSTER_WIRE_CTL_LEN, CLUSTER_WIRE_CTL_LEN);
	if (size > CLUSTER_WIRE_CTL_SVC_LEN)
		fuzz_ctl(data + size - CLUSTER_WIRE_CTL_SVC_LEN,
			 CLUSTER_WIRE_CTL_SVC_LEN);

	if (size >= 2) {
		cluster_wire_group_mcast((u16)(data[0] << 8 | data[1]), mac);
		CHECK((mac[0] & 0x03) == 0x03 && mac[4] == data[0] &&
		      mac[5] == data[1]);
	}
	return 0;
}
