// SPDX-License-Identifier: GPL-2.0
/*
 * afc-raw: send hand-made Ethernet frames of the af_cluster ethertype, for
 * tests that feed a node hostile input.
 *
 *   afc-raw -i IFNAME [-d DSTMAC] [-t ETHERTYPE] [-n COUNT] [-s SEED]
 *           [-g GROUP] [-N NODE] [-S SRC] MODE [HEX]
 *
 * MODE random: COUNT frames of random bytes, 0..300 long.
 * MODE header: COUNT frames with a plausible header (version 1, a known
 *   type, GROUP, a length near the real one, sometimes a length field
 *   beyond the bytes sent) and random bytes after it,
 *   to reach the checks behind the decoder's first ones; with NODE, the
 *   unicast types are addressed to that node id.
 * MODE vc: COUNT well-formed DATA and ACK frames from node SRC to NODE
 *   (both required), with random epochs (half of them claiming to know
 *   the receiver's as a random value), sequence numbers, acknowledgments
 *   and SACK blocks: what a station that forges the node's address can
 *   send without having seen its traffic.
 * MODE hex: COUNT frames whose payload is HEX.
 * MODE capture MS: print every frame of the ethertype received on IFNAME
 *   for MS milliseconds, one line each: "type T src S dst D", with
 *   " reason R" for a BYE.  Prints "ready" first, once listening.
 * DSTMAC defaults to the group's multicast address 43:4c:55:53:gg:gg.
 * Prints the number of frames sent.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FRAME_MAX 300

static unsigned int seed = 1;

static unsigned int rnd(void)
{
	seed = seed * 1103515245 + 12345;
	return (seed >> 8) & 0xffffff;
}

static int parse_mac(const char *s, unsigned char *mac)
{
	unsigned int b[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
	return 0;
}

static int parse_hex(const char *s, unsigned char *buf, size_t max)
{
	size_t n = 0;
	unsigned int v;

	while (s[0] && s[1]) {
		if (n >= max || sscanf(s, "%2x", &v) != 1)
			return -1;
		buf[n++] = v;
		s += 2;
	}
	return s[0] ? -1 : (int)n;
}

/* Fixed frame lengths of the v1 types 1..6 (Documentation/protocol.rst). */
static const int type_len[] = { 0, 56, 56, 112, 96, 24, 40 };

static int make_header(unsigned char *buf, unsigned int group,
		       unsigned long node)
{
	unsigned int type = 1 + rnd() % 6, field;
	int len = type_len[type], i;

	if (rnd() % 4 == 0)
		len += (int)(rnd() % 16) - 8;	/* a little off */
	if (len < 16)
		len = 16;
	for (i = 0; i < len; i++)
		buf[i] = rnd();
	buf[0] = 1;
	buf[1] = type;
	buf[2] = buf[3] = 0;
	buf[4] = group >> 8;
	buf[5] = group;
	/* A quarter claim a length other than what is sent: short or huge. */
	field = len;
	switch (rnd() % 8) {
	case 0:
		field = len + 1 + rnd() % 64;
		break;
	case 1:
		field = 0xffff;
		break;
	}
	buf[6] = field >> 8;
	buf[7] = field;
	/* Addressed to the node under test, so the runtime's checks run. */
	if (node && type != 1) {
		buf[12] = node >> 24;
		buf[13] = node >> 16;
		buf[14] = node >> 8;
		buf[15] = node;
	}
	return len;
}

static void put_be(unsigned char *p, unsigned long v, int n)
{
	while (n--) {
		p[n] = v;
		v >>= 8;
	}
}

/* A random non-zero 32-bit value. */
static unsigned long rnd32(void)
{
	unsigned long v;

	do {
		v = (unsigned long)rnd() << 8 ^ rnd();
	} while (!(v & 0xffffffffUL));
	return v & 0xffffffffUL;
}

/* A DATA or ACK frame that passes the decoder (Documentation/protocol.rst). */
static int make_vc(unsigned char *buf, unsigned int group, unsigned long src,
		   unsigned long dst)
{
	int data = rnd() % 2, len, i, n;
	unsigned long ack = rnd32(), start;

	len = data ? 56 + (int)(rnd() % 65) : 64;
	memset(buf, 0, len);
	buf[0] = 1;
	buf[1] = data ? 16 : 17;
	put_be(buf + 2, data ? rnd() % 4 : 0, 2);	/* ACK, ACK_NOW */
	put_be(buf + 4, group, 2);
	put_be(buf + 6, len, 2);
	put_be(buf + 8, src, 4);
	put_be(buf + 12, dst, 4);
	put_be(buf + 16, rnd32(), 4);			/* epoch */
	put_be(buf + 20, rnd() % 2 ? rnd32() : 0, 4);	/* peer epoch */
	if (data) {
		put_be(buf + 24, rnd32(), 4);		/* first */
		put_be(buf + 28, rnd32(), 4);		/* seq */
		put_be(buf + 32, ack, 4);
		put_be(buf + 36, rnd32(), 4);		/* message id */
		put_be(buf + 40, len - 56, 4);		/* total */
		put_be(buf + 48, 64 + rnd() % 1400, 2);	/* unit */
		put_be(buf + 50, 256, 2);		/* cache */
		put_be(buf + 52, 1 + rnd() % 65535, 2);
		put_be(buf + 54, 1 + rnd() % 65535, 2);
		for (i = 56; i < len; i++)
			buf[i] = rnd();
		return len;
	}
	put_be(buf + 24, ack, 4);
	put_be(buf + 28, 256, 2);
	n = rnd() % 5;
	buf[30] = n;
	start = ack + 1;
	for (i = 0; i < n; i++) {
		put_be(buf + 32 + 8 * i, start, 4);
		put_be(buf + 36 + 8 * i, start + 1 + rnd() % 8, 4);
		start += 10 + rnd() % 100;
	}
	return len;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static int capture(int fd, long ms)
{
	long long end = now_ms() + ms;
	unsigned char buf[2048];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long left;
	ssize_t n;

	printf("ready\n");
	fflush(stdout);
	while ((left = end - now_ms()) > 0) {
		if (poll(&pfd, 1, left) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 16)
			continue;
		printf("type %u src %lu dst %lu", buf[1], be32(buf + 8),
		       be32(buf + 12));
		if (buf[1] == 5 && n >= 18)
			printf(" reason %u", buf[16] << 8 | buf[17]);
		printf("\n");
		fflush(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned char frame[ETH_HLEN + FRAME_MAX], dst[6];
	const char *ifname = NULL, *mode;
	unsigned int ethertype = 0x88b5, group = 0, count = 1, i;
	unsigned long node = 0, src = 0;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	int opt, fd, len, have_dst = 0, sent = 0;

	while ((opt = getopt(argc, argv, "i:d:t:n:s:g:N:S:")) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; break;
		case 'd':
			if (parse_mac(optarg, dst)) {
				fprintf(stderr, "afc-raw: bad MAC %s\n", optarg);
				return 2;
			}
			have_dst = 1;
			break;
		case 't': ethertype = strtoul(optarg, NULL, 0); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'g': group = strtoul(optarg, NULL, 0); break;
		case 'N': node = strtoul(optarg, NULL, 0); break;
		case 'S': src = strtoul(optarg, NULL, 0); break;
		default: return 2;
		}
	}
	if (!ifname || optind >= argc) {
		fprintf(stderr, "usage: afc-raw -i IF [-d MAC] [-t TYPE] [-n N] [-s SEED] [-g GROUP] [-N NODE] [-S SRC] random|header|vc|hex [HEX]|capture MS\n");
		return 2;
	}
	mode = argv[optind];
	if (!have_dst) {
		const unsigned char m[6] = { 0x43, 0x4c, 0x55, 0x53,
					     group >> 8, group & 0xff };
		memcpy(dst, m, 6);
	}

	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ethertype));
	if (fd < 0) {
		perror("afc-raw: socket");
		return 1;
	}
	sll.sll_protocol = htons(ethertype);
	sll.sll_ifindex = if_nametoindex(ifname);
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, dst, 6);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "afc-raw: no interface %s\n", ifname);
		return 1;
	}

	if (!strcmp(mode, "capture")) {
		if (optind + 1 >= argc ||
		    bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
			fprintf(stderr, "afc-raw: capture MS\n");
			return 2;
		}
		return capture(fd, strtol(argv[optind + 1], NULL, 0));
	}
	for (i = 0; i < count; i++) {
		if (!strcmp(mode, "random")) {
			int j;

			len = rnd() % (FRAME_MAX + 1);
			for (j = 0; j < len; j++)
				frame[j] = rnd();
		} else if (!strcmp(mode, "header")) {
			len = make_header(frame, group, node);
		} else if (!strcmp(mode, "vc") && src && node) {
			len = make_vc(frame, group, src, node);
		} else if (!strcmp(mode, "hex") && optind + 1 < argc) {
			len = parse_hex(argv[optind + 1], frame, FRAME_MAX);
			if (len < 0) {
				fprintf(stderr, "afc-raw: bad hex\n");
				return 2;
			}
		} else {
			fprintf(stderr, "afc-raw: unknown mode %s\n", mode);
			return 2;
		}
		/* Zero-length payloads: the device pads; some refuse them. */
		if (sendto(fd, frame, len, 0, (struct sockaddr *)&sll,
			   sizeof(sll)) >= 0)
			sent++;
		else if (errno != EINVAL)
			perror("afc-raw: sendto");
	}
	printf("%d\n", sent);
	close(fd);
	return 0;
}
