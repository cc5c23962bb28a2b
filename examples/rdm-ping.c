// SPDX-License-Identifier: GPL-2.0
/*
 * rdm-ping: measure round trips with SOCK_RDM messages.
 *
 *   rdm-ping -l [-s SERVICE | -p PORT]
 *	answer: bind the service name (or the port) and send every message
 *	back to its sender
 *   rdm-ping [-c COUNT] [-i MS] [-b BYTES] [-W MS] -s SERVICE [-n NODE|all]
 *   rdm-ping [-c COUNT] [-i MS] [-b BYTES] [-W MS] -n NODE -p PORT
 *	ping: send COUNT messages (default 4) to a provider of SERVICE (the
 *	one the anycast rule picks, or one on NODE), to every provider of it
 *	(-n all), or to the socket at (NODE, PORT); print each answer that
 *	comes within -W MS (default 1000)
 *
 * See af_cluster(7).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/af_cluster.h>

#define MSG_MAX (1 << 20)	/* the longest AF_CLUSTER message */

/* The family number in use: the module parameter "family" may move it. */
static int cluster_family(void)
{
	FILE *f = fopen("/sys/module/af_cluster/parameters/family", "r");
	int family = AF_CLUSTER;

	if (f) {
		if (fscanf(f, "%d", &family) != 1)
			family = AF_CLUSTER;
		fclose(f);
	}
	return family;
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void die(const char *what)
{
	perror(what);
	exit(EXIT_FAILURE);
}

static int answer(int fd)
{
	static char buf[MSG_MAX];
	struct sockaddr_cluster from;
	socklen_t len;
	ssize_t n;

	for (;;) {
		len = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			     &len);
		if (n < 0) {
			/* A refused answer (the pinger left) is no reason to stop. */
			if (errno == ECONNREFUSED || errno == EINTR)
				continue;
			perror("recvfrom");
			return EXIT_FAILURE;
		}
		if (sendto(fd, buf, n, 0, (struct sockaddr *)&from, len) < 0 &&
		    errno != ECONNREFUSED)
			perror("sendto");
	}
}

static int ping(int fd, const struct sockaddr_cluster *to, int count,
		int interval_ms, size_t bytes, int wait_ms)
{
	static char buf[MSG_MAX];
	struct sockaddr_cluster from;
	struct timeval tv = {
		.tv_sec = wait_ms / 1000,
		.tv_usec = wait_ms % 1000 * 1000,
	};
	int seq, answers = 0;
	uint64_t sent;
	socklen_t len;
	ssize_t n;

	/* An answer that takes longer than wait_ms is lost to us. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		die("SO_RCVTIMEO");
	memset(buf, 'p', bytes);
	for (seq = 0; seq < count; seq++) {
		memcpy(buf, &seq, sizeof(seq));
		sent = now_us();
		if (sendto(fd, buf, bytes, 0, (const struct sockaddr *)to,
			   sizeof(*to)) < 0) {
			perror("sendto");
			continue;
		}
		/* Every provider answers a message sent to all of them. */
		for (;;) {
			int got;

			len = sizeof(from);
			n = recvfrom(fd, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &len);
			if (n < 0) {
				if (errno != EAGAIN)
					perror("recvfrom");
				break;
			}
			if ((size_t)n < sizeof(got))
				continue;
			memcpy(&got, buf, sizeof(got));
			if (got != seq)
				continue;	/* late answer to an earlier one */
			printf("%zd bytes from node %u port %u: seq %d time %.3f ms\n",
			       n, from.scl_node, from.scl_port, seq,
			       (now_us() - sent) / 1000.0);
			answers++;
			if (to->scl_node != CLUSTER_NODE_ALL)
				break;
		}
		if (seq + 1 < count)
			usleep(interval_ms * 1000);
	}
	return answers ? EXIT_SUCCESS : EXIT_FAILURE;
}

int main(int argc, char *argv[])
{
	int family = cluster_family(), responder = 0, count = 4, interval = 1000;
	int wait_ms = 1000;
	struct sockaddr_cluster addr;
	const char *service = NULL;
	unsigned long port = 0;
	size_t bytes = 64;
	int fd, opt;

	memset(&addr, 0, sizeof(addr));
	addr.scl_family = family;
	while ((opt = getopt(argc, argv, "lc:i:b:W:s:n:p:")) != -1) {
		switch (opt) {
		case 'l':
			responder = 1;
			break;
		case 'c':
			count = atoi(optarg);
			break;
		case 'i':
			interval = atoi(optarg);
			break;
		case 'b':
			bytes = strtoul(optarg, NULL, 0);
			break;
		case 'W':
			wait_ms = atoi(optarg);
			break;
		case 's':
			service = optarg;
			break;
		case 'n':
			if (!strcmp(optarg, "all"))
				addr.scl_node = CLUSTER_NODE_ALL;
			else
				addr.scl_node = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			port = strtoul(optarg, NULL, 0);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc || (service && port) || port > 65535 ||
	    bytes < sizeof(int) || bytes > MSG_MAX || interval < 0 ||
	    wait_ms <= 0)
		goto usage;
	if (service) {
		if (strlen(service) >= sizeof(addr.scl_service))
			goto usage;
		strcpy(addr.scl_service, service);
	}
	addr.scl_port = port;

	fd = socket(family, SOCK_RDM, 0);
	if (fd < 0)
		die("socket");
	if (responder) {
		socklen_t len = sizeof(addr);

		if (addr.scl_node != CLUSTER_NODE_ANY)
			goto usage;
		if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
		    getsockname(fd, (struct sockaddr *)&addr, &len) < 0)
			die("bind");
		printf("answering on node %u port %u\n", addr.scl_node,
		       addr.scl_port);
		fflush(stdout);
		return answer(fd);
	}
	if (!service && (!port || addr.scl_node == CLUSTER_NODE_ANY ||
			 addr.scl_node == CLUSTER_NODE_ALL))
		goto usage;
	/* The first send binds an ephemeral port: the answers' address. */
	return ping(fd, &addr, count, interval, bytes, wait_ms);

usage:
	fprintf(stderr,
		"usage: rdm-ping -l [-s SERVICE | -p PORT]\n"
		"       rdm-ping [-c COUNT] [-i MS] [-b BYTES] [-W MS] -s SERVICE [-n NODE|all]\n"
		"       rdm-ping [-c COUNT] [-i MS] [-b BYTES] [-W MS] -n NODE -p PORT\n");
	return EXIT_FAILURE;
}
