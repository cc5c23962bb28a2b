// SPDX-License-Identifier: GPL-2.0
/*
 * Seed corpus for fuzz_wire: valid frames of every v1 type, made with the
 * encoder of driver/wire.c, plain, with Ethernet padding and with an
 * extension area.
 *
 *   gen_corpus DIR
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

#define FUZZ_GROUP	0xa5c3	/* as in fuzz_wire.c */

/* Ethernet's minimum payload: shorter frames arrive padded to it. */
#define ETH_MIN_PAYLOAD	46

static const u8 mac_a[CLUSTER_WIRE_MAC_LEN] = { 0x02, 0, 0, 0, 0, 0x01 };
static const u8 mac_b[CLUSTER_WIRE_MAC_LEN] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };

static void fill(u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7);
}

static void frame(struct cluster_wire_frame *f, u8 type)
{
	memset(f, 0, sizeof(*f));
	f->hdr.type = type;
	f->hdr.group = FUZZ_GROUP;
	f->hdr.src = 0x01020304;
	f->hdr.dst = 0x0a0b0c0d;

	switch (type) {
	case CLUSTER_WIRE_HELLO:
		f->hdr.dst = 0;
		strcpy(f->hello.name, "node-1.a_B");
		memcpy(f->hello.mac, mac_a, sizeof(mac_a));
		f->hello.max_version = 1;
		f->hello.mtu = 1500;
		f->hello.caps = CLUSTER_WIRE_CAP_SECRET;
		f->hello.ts = 123456789012ULL;
		break;
	case CLUSTER_WIRE_CCSTART:
		fill(f->ccstart.nonce_i, CLUSTER_WIRE_NONCE_LEN, 0x11);
		memcpy(f->ccstart.mac_i, mac_a, sizeof(mac_a));
		memcpy(f->ccstart.mac_r, mac_b, sizeof(mac_b));
		f->ccstart.caps = CLUSTER_WIRE_CAP_SECRET;
		f->ccstart.ts = 123456789012ULL;
		break;
	case CLUSTER_WIRE_VERF:
		fill(f->verf.nonce_r, CLUSTER_WIRE_NONCE_LEN, 0x22);
		fill(f->verf.nonce_i, CLUSTER_WIRE_NONCE_LEN, 0x11);
		f->verf.caps = CLUSTER_WIRE_CAP_SECRET;
		f->verf.echo = 123456789012ULL;
		f->verf.held = 25000;
		f->verf.ts = 987654321098ULL;
		fill(f->verf.hmac, CLUSTER_WIRE_HMAC_LEN, 0x33);
		break;
	case CLUSTER_WIRE_VACK:
		fill(f->vack.nonce_i, CLUSTER_WIRE_NONCE_LEN, 0x11);
		fill(f->vack.nonce_r, CLUSTER_WIRE_NONCE_LEN, 0x22);
		f->vack.echo = 987654321098ULL;
		f->vack.held = 40000;
		fill(f->vack.hmac, CLUSTER_WIRE_HMAC_LEN, 0x44);
		break;
	case CLUSTER_WIRE_BYE:
		f->hdr.dst = 0;
		f->bye.reason = CLUSTER_BYE_ADAPTER;
		memcpy(f->bye.mac, mac_a, sizeof(mac_a));
		break;
	case CLUSTER_WIRE_KEEPALIVE:
		f->keepalive.ts = 223456789012ULL;
		f->keepalive.echo = 987654321098ULL;
		f->keepalive.held = 1000000;
		break;
	case CLUSTER_WIRE_DATA:
		f->hdr.flags = CLUSTER_WIRE_F_ACK;
		f->data.epoch = 0x12345678;
		f->data.peer_epoch = 0x9abcdef0;
		f->data.first = 0xfffffff0;
		f->data.seq = 0xfffffff2;
		f->data.ack = 17;
		f->data.msg_id = 3;
		f->data.total = 1500;
		f->data.offset = 1400;
		f->data.unit = 1400;
		f->data.cache = 256;
		f->data.sport = 40000;
		f->data.dport = 80;
		f->data.payload_len = 100;
		break;
	case CLUSTER_WIRE_ACK:
		f->ack.epoch = 0x9abcdef0;
		f->ack.peer_epoch = 0x12345678;
		f->ack.ack = 0xfffffff0;
		f->ack.cache = 64;
		f->ack.nsack = 2;
		f->ack.sack[0].start = 0xfffffff2;
		f->ack.sack[0].end = 0xfffffff4;
		f->ack.sack[1].start = 2;
		f->ack.sack[1].end = 5;
		break;
	}
}

static int write_seed(const char *dir, const char *name, const u8 *buf,
		      size_t len)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp || fwrite(buf, 1, len, fp) != len || fclose(fp)) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct {
		u8 type;
		const char *name;
	} types[] = {
		{ CLUSTER_WIRE_HELLO, "hello" },
		{ CLUSTER_WIRE_CCSTART, "ccstart" },
		{ CLUSTER_WIRE_VERF, "verf" },
		{ CLUSTER_WIRE_VACK, "vack" },
		{ CLUSTER_WIRE_BYE, "bye" },
		{ CLUSTER_WIRE_KEEPALIVE, "keepalive" },
		{ CLUSTER_WIRE_DATA, "data" },
		{ CLUSTER_WIRE_ACK, "ack" },
	};
	struct cluster_wire_frame f, check;
	u8 buf[CLUSTER_WIRE_FIXED_MAX + 256];
	char name[64];
	size_t i;
	int n, rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		frame(&f, types[i].type);
		memset(buf, 0, sizeof(buf));
		n = cluster_wire_encode(&f, buf, sizeof(buf));
		/* DATA: the payload the length field counts follows. */
		if (n > 0 && types[i].type == CLUSTER_WIRE_DATA) {
			fill(buf + n, f.data.payload_len, 0x70);
			n += f.data.payload_len;
		}
		/* A seed that does not decode would mislead the fuzzer. */
		if (n < 0 || cluster_wire_decode(buf, n, FUZZ_GROUP, &check)) {
			fprintf(stderr, "gen_corpus: %s does not round-trip\n",
				types[i].name);
			return 1;
		}
		rc |= write_seed(argv[1], types[i].name, buf, n);

		/* Padded to the Ethernet minimum, as a NIC delivers it. */
		if (n < ETH_MIN_PAYLOAD) {
			snprintf(name, sizeof(name), "%s-padded", types[i].name);
			rc |= write_seed(argv[1], name, buf, ETH_MIN_PAYLOAD);
		}

		/* DATA has no extension area: its bytes are payload. */
		if (types[i].type == CLUSTER_WIRE_DATA)
			continue;
		/* With an 8-byte extension area, as a later v1 may send. */
		buf[6] = (u8)((n + 8) >> 8);
		buf[7] = (u8)(n + 8);
		memset(buf + n, 0xee, 8);
		snprintf(name, sizeof(name), "%s-ext", types[i].name);
		rc |= write_seed(argv[1], name, buf, n + 8);
	}
	/* Circuit control records, one of each type (fuzz_ctl()). */
	for (i = CLUSTER_WIRE_CTL_REFUSED; i <= CLUSTER_WIRE_CTL_WITHDRAW; i++) {
		struct cluster_wire_ctl c = {
			.type = (u8)i,
			.sport = 0x8001,
			.dport = 0x8002,
		};

		if (i == CLUSTER_WIRE_CTL_REFUSED || i == CLUSTER_WIRE_CTL_CLOSE)
			c.reason = 1;
		if (i == CLUSTER_WIRE_CTL_REFUSED)
			c.msg_id = 7;
		if (i >= CLUSTER_WIRE_CTL_PUBLISH) {
			c.reason = CLUSTER_WIRE_SVC_SEQPACKET;
			c.dport = 0;
			strcpy(c.name, "echo.service");
		}
		n = cluster_wire_ctl_encode(&c, buf, sizeof(buf));
		if (n < 0) {
			fprintf(stderr, "gen_corpus: control record %zu\n", i);
			return 1;
		}
		snprintf(name, sizeof(name), "ctl-%zu", i);
		rc |= write_seed(argv[1], name, buf, n);
	}
	return rc ? 1 : 0;
}
