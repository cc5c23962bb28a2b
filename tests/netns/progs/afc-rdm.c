// SPDX-License-Identifier: GPL-2.0
/*
 * afc-rdm: send or receive a checked stream of SOCK_RDM messages.
 *
 *   afc-rdm send -N NODE -p PORT [-n COUNT] [-B BYTES] [-s SEED] [-m MIN]
 *                [-M MAX] [-L]
 *   afc-rdm recv -p PORT [-n COUNT] [-B BYTES] [-s SEED] [-m MIN] [-M MAX]
 *                [-L] [-T SECONDS] [-Q MS]
 *
 * Both ends draw the same sequence of message lengths from SEED: uniform
 * in [MIN, MAX] (default 16..65536), or with -L log-uniform (a power-of-two
 * range picked uniformly, then a length uniformly within it), so that
 * 1-byte messages and 1 MiB ones both occur in a stream of a few hundred.
 * The stream ends after COUNT messages (default 1), or with -B at the first
 * message that brings the total to BYTES or more (COUNT then defaults to
 * no limit); the lengths being the seed's, both ends agree where that is.
 *
 * A message of 16 bytes or more starts with (magic, index, length, seed);
 * a shorter one starts with as many low-order bytes of its index as fit,
 * so a duplicate or a reordered neighbour is caught even at 1 byte.  The
 * rest are pseudo-random bytes of (seed, index).  The receiver knows each
 * message's length and content in advance and checks that every message
 * arrives exactly once, in order, intact and from one sender; each
 * receive may wait -T SECONDS (default 60).  With -Q it then listens MS
 * milliseconds more and fails if anything else arrives: a duplicate of
 * the last message would otherwise go unseen.
 *
 * Both print a summary line with the elapsed time and the throughput
 * (MB = 10^6 bytes); the receiver's clock starts when the first message
 * arrives, the sender's before its first send.  SIGTERM stops either
 * with a line saying how far it got.  Exit 0 on success.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/af_cluster.h>

#define MAGIC 0xafc0c0deU
#define MAXMSG (1U << 20)
#define HDR 16

static uint64_t rnd_state;

/* splitmix64: every bit is usable, unlike the low bits of an LCG. */
static uint64_t rnd(void)
{
	uint64_t z = (rnd_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int log2u(uint32_t v)
{
	return 31 - __builtin_clz(v);
}

/* The length of the next message, drawn the same way at both ends. */
static uint32_t next_len(uint32_t min, uint32_t max, int log_sizes)
{
	uint32_t lo = min, hi = max;

	if (log_sizes) {
		int e = log2u(min) + rnd() % (log2u(max) - log2u(min) + 1);

		/* [2^e, 2^(e+1) - 1] within [min, max] */
		if (lo < 1U << e)
			lo = 1U << e;
		if (e < 31 && hi > (1U << (e + 1)) - 1)
			hi = (1U << (e + 1)) - 1;
	}
	return lo + rnd() % (hi - lo + 1);
}

/*
 * Message i of the stream: the header (or the index, for short messages),
 * then xorshift32 bytes of (seed, i), four per step so that building
 * 50 MiB twice stays cheap in an emulated VM.
 */
static void make_msg(unsigned char *buf, uint32_t len, uint32_t seed,
		     uint32_t i)
{
	uint32_t s = (seed * 2654435761U) ^ (i * 0x9e3779b9U) ^ 0x5bd1e995U;
	uint32_t k, head, hdr[4] = { MAGIC, i, len, seed };

	if (!s)
		s = 1;
	if (len >= HDR) {
		memcpy(buf, hdr, HDR);
		head = HDR;
	} else {
		head = len < 4 ? len : 4;
		memcpy(buf, &i, head);	/* little-endian: low bytes first */
	}
	for (k = head; k < len; k += 4) {
		uint32_t n = len - k < 4 ? len - k : 4;

		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		memcpy(buf + k, &s, n);
	}
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double mbps(unsigned long long bytes, double secs)
{
	return secs > 0 ? bytes / secs / 1e6 : 0;
}

/* The stream goes on while message i is in it. */
static int more(uint32_t i, uint32_t count, unsigned long long bytes,
		unsigned long long total)
{
	return i < count && (!total || bytes < total);
}

int main(int argc, char **argv)
{
	static unsigned char buf[MAXMSG], want[MAXMSG];
	uint32_t node = 0, count = 1, seed = 1, min = 16, max = 65536, i;
	uint32_t from_node = 0, from_port = 0;
	unsigned long long bytes = 0, total = 0;
	struct sockaddr_cluster a = { .scl_family = AF_CLUSTER };
	int opt, fd, port = 0, timeout = 60, send_mode, log_sizes = 0;
	int count_set = 0, quiet_ms = 0;
	double start = 0, secs;
	const char *mode;

	if (argc < 2)
		return 2;
	mode = argv[1];
	send_mode = !strcmp(mode, "send");
	optind = 2;
	while ((opt = getopt(argc, argv, "N:p:n:B:s:m:M:LT:Q:")) != -1) {
		switch (opt) {
		case 'N': node = strtoul(optarg, NULL, 0); break;
		case 'p': port = atoi(optarg); break;
		case 'n': count = strtoul(optarg, NULL, 0); count_set = 1; break;
		case 'B': total = strtoull(optarg, NULL, 0); break;
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'm': min = strtoul(optarg, NULL, 0); break;
		case 'M': max = strtoul(optarg, NULL, 0); break;
		case 'L': log_sizes = 1; break;
		case 'T': timeout = atoi(optarg); break;
		case 'Q': quiet_ms = atoi(optarg); break;
		default: return 2;
		}
	}
	if (total && !count_set)
		count = UINT32_MAX;
	if (min < 1)
		min = 1;
	if (max > MAXMSG)
		max = MAXMSG;
	if (max < min)
		max = min;
	/*
	 * Interrupt a blocked send or receive on SIGTERM (no SA_RESTART), so
	 * that a run stopped by timeout(1) still says how far it got.
	 */
	{
		struct sigaction sa = { .sa_handler = on_term };

		sigaction(SIGTERM, &sa, NULL);
	}
	fd = socket(AF_CLUSTER, SOCK_RDM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	rnd_state = seed;
	if (send_mode) {
		a.scl_node = node;
		a.scl_port = port;
		start = now();
		for (i = 0; more(i, count, bytes, total); i++) {
			uint32_t len = next_len(min, max, log_sizes);

			make_msg(buf, len, seed, i);
			if (stop || sendto(fd, buf, len, 0, (struct sockaddr *)&a,
					   sizeof(a)) != (ssize_t)len) {
				fprintf(stderr, "afc-rdm: send %u (after %llu bytes): %s\n",
					i, bytes, stop ? "terminated" :
					strerror(errno));
				return 1;
			}
			bytes += len;
		}
		secs = now() - start;
		printf("sent %u messages, %llu bytes, %.3f s, %.3f MB/s\n", i,
		       bytes, secs, mbps(bytes, secs));
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
	for (i = 0; more(i, count, bytes, total); i++) {
		uint32_t want_len = next_len(min, max, log_sizes);
		struct sockaddr_cluster from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &fl);

		if (n < 0 || stop) {
			printf("FAIL after %u messages, %llu bytes: %s\n", i,
			       bytes, stop ? "terminated" : strerror(errno));
			return 1;
		}
		if (!i)
			start = now();
		if ((uint32_t)n != want_len ||
		    (n >= HDR && (get32(buf) != MAGIC || get32(buf + 4) != i ||
				  get32(buf + 8) != (uint32_t)n))) {
			printf("FAIL message %u: got seq %u len %zd (want %u)\n",
			       i, n >= HDR ? get32(buf + 4) : 0, n, want_len);
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
		make_msg(want, n, seed, i);
		if (memcmp(buf, want, n)) {
			printf("FAIL message %u (%zd bytes): corrupted or not message %u\n",
			       i, n, i);
			return 1;
		}
		bytes += n;
	}
	secs = now() - start;
	if (quiet_ms > 0) {
		struct timeval tv = {
			.tv_sec = quiet_ms / 1000,
			.tv_usec = quiet_ms % 1000 * 1000,
		};
		ssize_t n;

		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		n = recv(fd, buf, sizeof(buf), 0);
		if (n >= 0) {
			printf("FAIL after %u messages: one more, of %zd bytes\n",
			       i, n);
			return 1;
		}
	}
	printf("ok %u messages, %llu bytes, from node %u port %u, %.3f s, %.3f MB/s\n",
	       i, bytes, from_node, from_port, secs, mbps(bytes, secs));
	return 0;
}
