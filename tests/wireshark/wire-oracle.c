// SPDX-License-Identifier: GPL-2.0
/*
 * wire-oracle: the kernel's own wire decoder (driver/wire.c, compiled
 * unmodified against tests/fuzz/shim/) as the reference the Wireshark
 * dissector is compared with, and a source of hostile frames for it.
 *
 *   wire-oracle decode PCAP
 *	For every af_cluster frame (ethertype 0x88b5) of PCAP, one line of
 *	tab-separated columns: frame number, then what
 *	cluster_wire_decode() and cluster_wire_ctl_decode() make of it, in
 *	the order of tests/wireshark/run's FIELDS.  The group passed to the
 *	decoder is the frame's own: the dissector does not know the
 *	receiver's.
 *   wire-oracle mutate IN OUT SEED COUNT
 *	Writes to OUT valid frames of every type and control record, made
 *	with the encoder, then COUNT frames derived from those and from
 *	IN's af_cluster frames by seeded random mutations (bit flips,
 *	truncation, extension, header fields set to edge values), then
 *	random garbage.
 *
 * PCAP files are classic pcap with Ethernet (link type 1), as tcpdump -w
 * writes them.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

#define ETH_HLEN	14
#define SNAP		65535
#define MAX_FRAMES	100000

struct frame {
	size_t len;
	u8 *buf;
};

struct capture {
	size_t n;
	struct frame f[MAX_FRAMES];
};

static u32 get32(const u8 *p, int swap)
{
	u32 v;

	memcpy(&v, p, 4);
	return swap ? __builtin_bswap32(v) : v;
}

/* Read a classic pcap file; exits on anything else. */
static void read_pcap(const char *path, struct capture *c)
{
	FILE *fp = fopen(path, "rb");
	u8 gh[24], rh[16];
	int swap;
	u32 magic;

	if (!fp || fread(gh, 1, sizeof(gh), fp) != sizeof(gh)) {
		fprintf(stderr, "wire-oracle: %s: not a pcap file\n", path);
		exit(1);
	}
	memcpy(&magic, gh, 4);
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
		swap = 0;
	} else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
		swap = 1;
	} else {
		fprintf(stderr, "wire-oracle: %s: not a classic pcap file\n", path);
		exit(1);
	}
	if (get32(gh + 20, swap) != 1) {
		fprintf(stderr, "wire-oracle: %s: not Ethernet\n", path);
		exit(1);
	}
	c->n = 0;
	while (fread(rh, 1, sizeof(rh), fp) == sizeof(rh)) {
		u32 caplen = get32(rh + 8, swap);
		struct frame *fr;

		if (caplen > SNAP || c->n == MAX_FRAMES) {
			fprintf(stderr, "wire-oracle: %s: frame too long, or too many\n", path);
			exit(1);
		}
		fr = &c->f[c->n++];
		fr->len = caplen;
		fr->buf = malloc(caplen ? caplen : 1);
		if (!fr->buf || fread(fr->buf, 1, caplen, fp) != caplen) {
			fprintf(stderr, "wire-oracle: %s: truncated\n", path);
			exit(1);
		}
	}
	fclose(fp);
}

static int is_afc(const struct frame *fr)
{
	return fr->len >= ETH_HLEN && fr->buf[12] == 0x88 && fr->buf[13] == 0xb5;
}

static const char *errno_name(int err)
{
	switch (err) {
	case 0: return "ok";
	case -EPROTO: return "EPROTO";
	case -EINVAL: return "EINVAL";
	case -EOPNOTSUPP: return "EOPNOTSUPP";
	default: return "?";
	}
}

static void put_mac(const u8 *m)
{
	printf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static u16 be16_at(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

/* What the kernel makes of one af_cluster payload, as one line. */
static void decode_one(size_t num, const u8 *p, size_t len)
{
	u16 group = len >= 6 ? be16_at(p + 4) : 1;
	struct cluster_wire_frame f;
	struct cluster_wire_ctl c;
	int err, ctl_err = 1, i;

	err = cluster_wire_decode(p, len, group, &f);
	printf("%zu\t%s", num, err ? cluster_wire_drop_name(err) : "ok");
	if (err) {
		printf("\n");
		return;
	}
	if (f.hdr.type == CLUSTER_WIRE_DATA && f.data.dport == CLUSTER_WIRE_PORT_CONTROL) {
		/* A record always fits one fragment; a longer message is none. */
		if (f.data.offset == 0 && f.data.payload_len == f.data.total)
			ctl_err = cluster_wire_ctl_decode(&c, p + CLUSTER_WIRE_DATA_PAYLOAD,
							  f.data.payload_len);
		else
			ctl_err = -EPROTO;
	}
	printf("\t%s", ctl_err == 1 ? "" : errno_name(ctl_err));
	/* type src dst group len */
	printf("\t%u\t%u\t%u\t%u\t%u", f.hdr.type, f.hdr.src, f.hdr.dst, f.hdr.group, f.hdr.len);
	/* name mac mtu */
	printf("\t");
	if (f.hdr.type == CLUSTER_WIRE_HELLO) {
		printf("%s\t", f.hello.name);
		put_mac(f.hello.mac);
		printf("\t%u", f.hello.mtu);
	} else if (f.hdr.type == CLUSTER_WIRE_BYE) {
		printf("\t");
		put_mac(f.bye.mac);
		printf("\t");
	} else {
		printf("\t\t");
	}
	/* seq ack msg_id total offset sport dport nsack sack.start sack.end */
	if (f.hdr.type == CLUSTER_WIRE_DATA) {
		printf("\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t\t\t", f.data.seq, f.data.ack,
		       f.data.msg_id, f.data.total, f.data.offset, f.data.sport,
		       f.data.dport);
	} else if (f.hdr.type == CLUSTER_WIRE_ACK) {
		printf("\t\t%u\t\t\t\t\t\t%u\t", f.ack.ack, f.ack.nsack);
		for (i = 0; i < f.ack.nsack; i++)
			printf("%s%u", i ? "," : "", f.ack.sack[i].start);
		printf("\t");
		for (i = 0; i < f.ack.nsack; i++)
			printf("%s%u", i ? "," : "", f.ack.sack[i].end);
	} else {
		printf("\t\t\t\t\t\t\t\t\t\t");
	}
	/* ctl.type ctl.sport ctl.dport ctl.msg_id ctl.service */
	if (ctl_err == 0) {
		printf("\t%u\t%u\t%u\t%u\t", c.type, c.sport, c.dport, c.msg_id);
		if (cluster_wire_ctl_len(c.type) == CLUSTER_WIRE_CTL_SVC_LEN)
			printf("%s", c.name);
	} else {
		printf("\t\t\t\t\t");
	}
	/* bye_reason mac_i mac_r */
	printf("\t");
	if (f.hdr.type == CLUSTER_WIRE_BYE)
		printf("%u", f.bye.reason);
	printf("\t");
	if (f.hdr.type == CLUSTER_WIRE_CCSTART) {
		put_mac(f.ccstart.mac_i);
		printf("\t");
		put_mac(f.ccstart.mac_r);
	} else {
		printf("\t");
	}
	printf("\n");
}

static int cmd_decode(const char *path)
{
	static struct capture c;
	size_t i;

	read_pcap(path, &c);
	for (i = 0; i < c.n; i++)
		if (is_afc(&c.f[i]))
			decode_one(i + 1, c.f[i].buf + ETH_HLEN, c.f[i].len - ETH_HLEN);
	return 0;
}

/* --- hostile frames ---------------------------------------------------- */

static u64 rnd_state;

/* splitmix64, as tests/netns/progs/afc-rdm.c. */
static u64 rnd(void)
{
	u64 z = (rnd_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t rnd_below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static const u8 eth_hdr[ETH_HLEN] = {
	0x02, 0, 0, 0, 0, 0x02,			/* destination */
	0x02, 0, 0, 0, 0, 0x01,			/* source */
	0x88, 0xb5,
};

#define GROUP	0x2a5
#define MAX_PAYLOAD	2048

struct out {
	FILE *fp;
	u32 sec;
};

static void write_frame(struct out *o, const u8 *payload, size_t len)
{
	u8 rh[16];
	u32 v[4] = { o->sec++, 0, (u32)(ETH_HLEN + len), (u32)(ETH_HLEN + len) };

	memcpy(rh, v, sizeof(rh));	/* host order, as the file header */
	fwrite(rh, 1, sizeof(rh), o->fp);
	fwrite(eth_hdr, 1, ETH_HLEN, o->fp);
	fwrite(payload, 1, len, o->fp);
}

static void fill(u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7 + 1);
}

/* A valid frame of @type (variant @v) at @buf; returns its length. */
static size_t make_frame(u8 type, int v, u8 *buf)
{
	static const u8 mac_a[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	static const u8 mac_b[6] = { 0x02, 0, 0, 0, 0, 0x02 };
	struct cluster_wire_frame f;
	int n;

	memset(&f, 0, sizeof(f));
	f.hdr.type = type;
	f.hdr.group = GROUP;
	f.hdr.src = 1;
	f.hdr.dst = 2;
	switch (type) {
	case CLUSTER_WIRE_HELLO:
		f.hdr.dst = 0;
		strcpy(f.hello.name, v ? "a.b_c-9" : "n1");
		memcpy(f.hello.mac, mac_a, 6);
		f.hello.max_version = 1;
		f.hello.mtu = 1500;
		f.hello.caps = v ? CLUSTER_WIRE_CAP_SECRET : 0;
		f.hello.ts = 0x1122334455667788ULL;
		break;
	case CLUSTER_WIRE_CCSTART:
		fill(f.ccstart.nonce_i, 16, 1);
		memcpy(f.ccstart.mac_i, mac_a, 6);
		memcpy(f.ccstart.mac_r, mac_b, 6);
		f.ccstart.ts = 12345;
		break;
	case CLUSTER_WIRE_VERF:
		fill(f.verf.nonce_r, 16, 2);
		fill(f.verf.nonce_i, 16, 1);
		f.verf.echo = 12345;
		f.verf.held = 99;
		f.verf.ts = 777;
		fill(f.verf.hmac, 32, 3);
		break;
	case CLUSTER_WIRE_VACK:
		fill(f.vack.nonce_i, 16, 1);
		fill(f.vack.nonce_r, 16, 2);
		f.vack.echo = 777;
		f.vack.held = 55;
		fill(f.vack.hmac, 32, 4);
		break;
	case CLUSTER_WIRE_BYE:
		f.hdr.dst = v ? 0 : 2;
		f.bye.reason = (u16)(v % 5 + 1);
		memcpy(f.bye.mac, mac_a, 6);
		break;
	case CLUSTER_WIRE_KEEPALIVE:
		f.keepalive.ts = 1000;
		f.keepalive.echo = 900;
		f.keepalive.held = 10;
		break;
	case CLUSTER_WIRE_DATA:
		f.hdr.flags = (u16)(v & 7);
		f.data.epoch = 0xdeadbeef;
		f.data.peer_epoch = 0xfeedf00d;
		f.data.first = 0xfffffff0;
		f.data.seq = 0xfffffff0 + (u32)v;
		f.data.ack = 42;
		f.data.msg_id = (u32)v;
		f.data.total = 3000;
		f.data.unit = 1400;
		f.data.offset = (u32)(v % 3) * 1400;
		f.data.cache = 256;
		f.data.sport = 32768;
		f.data.dport = 5000;
		f.data.payload_len = (u16)(v % 3 == 2 ? 200 : 1400);
		break;
	case CLUSTER_WIRE_ACK:
		f.ack.epoch = 0xfeedf00d;
		f.ack.peer_epoch = 0xdeadbeef;
		f.ack.ack = 0xfffffffe;
		f.ack.cache = 32768;
		f.ack.nsack = (u8)(v % 5);
		for (n = 0; n < f.ack.nsack; n++) {
			f.ack.sack[n].start = 0xfffffffe + 2 + 3 * (u32)n;
			f.ack.sack[n].end = f.ack.sack[n].start + 2;
		}
		break;
	}
	n = cluster_wire_encode(&f, buf, MAX_PAYLOAD);
	if (n < 0) {
		fprintf(stderr, "wire-oracle: cannot encode type %u\n", type);
		exit(1);
	}
	if (type == CLUSTER_WIRE_DATA) {
		fill(buf + n, f.data.payload_len, (u8)v);
		n += f.data.payload_len;
	}
	return (size_t)n;
}

/* A DATA frame to port 0 carrying a valid control record of @type. */
static size_t make_ctl(u8 type, u8 *buf)
{
	struct cluster_wire_ctl c = { .type = type, .sport = 32770, .dport = 32771 };
	struct cluster_wire_frame f;
	int n, len;

	if (type == CLUSTER_WIRE_CTL_REFUSED || type == CLUSTER_WIRE_CTL_CLOSE)
		c.reason = 1;
	if (type == CLUSTER_WIRE_CTL_REFUSED)
		c.msg_id = 9;
	if (type >= CLUSTER_WIRE_CTL_PUBLISH) {
		c.reason = CLUSTER_WIRE_SVC_RDM;
		c.dport = 0;
		strcpy(c.name, "svc.name-1");
	}
	len = cluster_wire_ctl_len(type);
	memset(&f, 0, sizeof(f));
	f.hdr.type = CLUSTER_WIRE_DATA;
	f.hdr.group = GROUP;
	f.hdr.src = 2;
	f.hdr.dst = 1;
	f.data.epoch = 7;
	f.data.first = 1;
	f.data.seq = 1 + type;
	f.data.msg_id = type;
	f.data.total = (u32)len;
	f.data.unit = CLUSTER_WIRE_UNIT_MIN;
	f.data.cache = 8;
	f.data.payload_len = (u16)len;
	n = cluster_wire_encode(&f, buf, MAX_PAYLOAD);
	if (n < 0 || cluster_wire_ctl_encode(&c, buf + n, (size_t)len) != len) {
		fprintf(stderr, "wire-oracle: cannot encode control type %u\n", type);
		exit(1);
	}
	return (size_t)(n + len);
}

static void put_be16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

/* One random change to the frame in @buf (@len bytes, room MAX_PAYLOAD). */
static void mutate_once(u8 *buf, size_t *len)
{
	static const u16 lens[] = { 0, 1, 15, 16, 17, 23, 24, 39, 40, 55, 56, 57,
				    63, 64, 95, 96, 111, 112, 113, 0xffff };
	static const u32 ids[] = { 0, 1, 2, 0xfffffffe, 0xffffffff };
	size_t i, n = *len;

	switch (rnd_below(12)) {
	case 0:		/* flip one bit */
		if (n)
			buf[rnd_below(n)] ^= (u8)(1u << rnd_below(8));
		break;
	case 1:		/* one random byte */
		if (n)
			buf[rnd_below(n)] = (u8)rnd();
		break;
	case 2:		/* cut */
		*len = rnd_below(n + 1);
		break;
	case 3:		/* grow with random bytes */
		i = rnd_below(64) + 1;
		if (n + i <= MAX_PAYLOAD) {
			while (i--)
				buf[(*len)++] = (u8)rnd();
		}
		break;
	case 4:		/* length field: an edge value, or near the truth */
		if (n >= 8)
			put_be16(buf + 6, rnd_below(2) ? lens[rnd_below(20)] :
				 (u16)(n + rnd_below(9) - 4));
		break;
	case 5:		/* another type */
		if (n >= 2)
			buf[1] = (u8)rnd_below(20);
		break;
	case 6:		/* another version */
		if (n >= 1)
			buf[0] = (u8)rnd_below(3);
		break;
	case 7:		/* flags: ignorable or critical */
		if (n >= 4)
			put_be16(buf + 2, (u16)(1u << rnd_below(16)));
		break;
	case 8:		/* node ids: edge values */
		if (n >= 16) {
			u32 id = ids[rnd_below(5)];
			u8 *p = buf + (rnd_below(2) ? 8 : 12);

			p[0] = (u8)(id >> 24);
			p[1] = (u8)(id >> 16);
			p[2] = (u8)(id >> 8);
			p[3] = (u8)id;
		}
		break;
	case 9:		/* zero a run */
		if (n) {
			i = rnd_below(n);
			memset(buf + i, 0, rnd_below(n - i) + 1);
		}
		break;
	case 10:	/* group 0 */
		if (n >= 6)
			put_be16(buf + 4, 0);
		break;
	default:	/* a body byte: where the fields are */
		if (n > 16)
			buf[16 + rnd_below(n - 16)] = (u8)rnd();
		break;
	}
}

static int cmd_mutate(const char *in, const char *out_path, u64 seed,
		      unsigned long count)
{
	static const u8 types[] = {
		CLUSTER_WIRE_HELLO, CLUSTER_WIRE_CCSTART, CLUSTER_WIRE_VERF,
		CLUSTER_WIRE_VACK, CLUSTER_WIRE_BYE, CLUSTER_WIRE_KEEPALIVE,
		CLUSTER_WIRE_DATA, CLUSTER_WIRE_ACK,
	};
	static struct capture c, seeds;
	u32 gh[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, SNAP, 1 };
	u8 buf[MAX_PAYLOAD];
	struct out o = { 0 };
	size_t i, len;
	unsigned long k;
	int v, m;

	read_pcap(in, &c);
	o.fp = fopen(out_path, "wb");
	if (!o.fp) {
		perror(out_path);
		return 1;
	}
	fwrite(gh, 1, sizeof(gh), o.fp);
	seeds.n = 0;
	/* Valid frames of every type and control record, kept as seeds. */
	for (i = 0; i < sizeof(types); i++) {
		for (v = 0; v < 5; v++) {
			len = make_frame(types[i], v, buf);
			write_frame(&o, buf, len);
			seeds.f[seeds.n].buf = malloc(len);
			memcpy(seeds.f[seeds.n].buf, buf, len);
			seeds.f[seeds.n++].len = len;
		}
	}
	for (i = CLUSTER_WIRE_CTL_REFUSED; i <= CLUSTER_WIRE_CTL_WITHDRAW; i++) {
		len = make_ctl((u8)i, buf);
		write_frame(&o, buf, len);
		seeds.f[seeds.n].buf = malloc(len);
		memcpy(seeds.f[seeds.n].buf, buf, len);
		seeds.f[seeds.n++].len = len;
	}
	for (i = 0; i < c.n && seeds.n < MAX_FRAMES; i++) {
		if (!is_afc(&c.f[i]) || c.f[i].len - ETH_HLEN > MAX_PAYLOAD)
			continue;
		seeds.f[seeds.n].buf = c.f[i].buf + ETH_HLEN;
		seeds.f[seeds.n++].len = c.f[i].len - ETH_HLEN;
	}
	rnd_state = seed;
	for (k = 0; k < count; k++) {
		const struct frame *s = &seeds.f[rnd_below(seeds.n)];

		memcpy(buf, s->buf, s->len);
		len = s->len;
		for (m = (int)rnd_below(3) + 1; m > 0; m--)
			mutate_once(buf, &len);
		write_frame(&o, buf, len);
	}
	/* Garbage: random bytes, half of them behind a valid version byte. */
	for (k = 0; k < count / 10 + 1; k++) {
		len = rnd_below(130);
		for (i = 0; i < len; i++)
			buf[i] = (u8)rnd();
		if (len && k % 2)
			buf[0] = CLUSTER_WIRE_VERSION;
		write_frame(&o, buf, len);
	}
	if (fclose(o.fp)) {
		perror(out_path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "decode"))
		return cmd_decode(argv[2]);
	if (argc == 6 && !strcmp(argv[1], "mutate"))
		return cmd_mutate(argv[2], argv[3], strtoull(argv[4], NULL, 0),
				  strtoul(argv[5], NULL, 0));
	fprintf(stderr, "usage: wire-oracle decode PCAP\n"
			"       wire-oracle mutate IN OUT SEED COUNT\n");
	return 2;
}
