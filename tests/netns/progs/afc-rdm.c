// SPDX-License-Identifier: GPL-2.0
/*
 * afc-rdm: send or receive a checked stream of SOCK_RDM messages.
 *
 *   afc-rdm send -N NODE -p PORT -n COUNT [-s SEED] [-m MIN] [-M MAX]
 *   afc-rdm recv -p PORT -n COUNT [-s SEED] [-T SECONDS]
 *
 * Message i has a random length in [MIN, MAX] (at least 16) and starts
 * with (magic, i, length, seed); the rest are pseudo-random bytes of
 * (seed, i).  The receiver checks every message arrives exactly once, in
 * order, intact.  Both print a summary line; exit 0 on success.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/af_cluster.h>

#define MAGIC 0xafc0c0deU
#define MAXMSG (1U << 20)

static uint32_t rnd_state;

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1664525U + 1013904223U;
	return rnd_state;
}

static void fill(unsigned char *buf, uint32_t len, uint32_t seed, uint32_t i)
{
	uint32_t s = seed * 2654435761U ^ i, k;

	for (k = 16; k < len; k++) {
		s = s * 1103515245U + 12345U;
		buf[k] = s >> 16;
	}
}

static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

int main(int argc, char **argv)
{
	static unsigned char buf[MAXMSG], want[MAXMSG];
	uint32_t node = 0, count = 1, seed = 1, min = 16, max = 65536, i;
	uint32_t from_node = 0, from_port = 0;
	unsigned long long bytes = 0;
	struct sockaddr_cluster a = { .scl_family = AF_CLUSTER };
	int opt, fd, port = 0, timeout = 60, send_mode;
	const char *mode;

	if (argc < 2)
		return 2;
	mode = argv[1];
	send_mode = !strcmp(mode, "send");
	optind = 2;
	while ((opt = getopt(argc, argv, "N:p:n:s:m:M:T:")) != -1) {
		switch (opt) {
		case 'N': node = strtoul(optarg, NULL, 0); break;
		case 'p': port = atoi(optarg); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'm': min = strtoul(optarg, NULL, 0); break;
		case 'M': max = strtoul(optarg, NULL, 0); break;
		case 'T': timeout = atoi(optarg); break;
		default: return 2;
		}
	}
	if (min < 16)
		min = 16;
	if (max > MAXMSG)
		max = MAXMSG;
	if (max < min)
		max = min;
	fd = socket(AF_CLUSTER, SOCK_RDM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	rnd_state = seed;
	if (send_mode) {
		a.scl_node = node;
		a.scl_port = port;
		for (i = 0; i < count; i++) {
			uint32_t len = min + rnd() % (max - min + 1);

			put32(buf, MAGIC);
			put32(buf + 4, i);
			put32(buf + 8, len);
			put32(buf + 12, seed);
			fill(buf, len, seed, i);
			if (sendto(fd, buf, len, 0, (struct sockaddr *)&a,
				   sizeof(a)) != (ssize_t)len) {
				fprintf(stderr, "afc-rdm: send %u: %s\n", i,
					strerror(errno));
				return 1;
			}
			bytes += len;
		}
		printf("sent %u messages, %llu bytes\n", count, bytes);
		return 0;
	}

	a.scl_port = port;
	if (bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror("bind");
		return 1;
	}
	{
		struct timeval tv = { .tv_sec = timeout };

		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	printf("ready\n");
	fflush(stdout);
	for (i = 0; i < count; i++) {
		uint32_t want_len = min + rnd() % (max - min + 1);
		struct sockaddr_cluster from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &fl);

		if (n < 0) {
			printf("FAIL after %u messages: %s\n", i,
			       strerror(errno));
			return 1;
		}
		if (n < 16 || get32(buf) != MAGIC || get32(buf + 4) != i ||
		    get32(buf + 8) != (uint32_t)n || (uint32_t)n != want_len) {
			printf("FAIL message %u: got seq %u len %zd (want %u)\n",
			       i, n >= 8 ? get32(buf + 4) : 0, n, want_len);
			return 1;
		}
		if (i && (from.scl_node != from_node ||
			  from.scl_port != from_port)) {
			printf("FAIL message %u: from node %u port %u, not %u/%u\n",
			       i, from.scl_node, from.scl_port, from_node,
			       from_port);
			return 1;
		}
		from_node = from.scl_node;
		from_port = from.scl_port;
		fill(want, n, seed, i);
		if (memcmp(buf + 16, want + 16, n - 16)) {
			printf("FAIL message %u: corrupted\n", i);
			return 1;
		}
		bytes += n;
	}
	printf("ok %u messages, %llu bytes, from node %u port %u\n", count,
	       bytes, from_node, from_port);
	return 0;
}
