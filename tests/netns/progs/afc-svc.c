// SPDX-License-Identifier: GPL-2.0
/*
 * afc-svc: service names and SOCK_SEQPACKET connections, for the netns
 * tests.  Every outcome is one line on stdout ("... error ENAME" on a
 * failure, which also makes the exit status 1).
 *
 *   afc-svc serve [-t seqpacket|rdm] [-s NAME] [-p PORT] [-c CONNS]
 *                 [-T SECONDS] [-e COUNT]
 *	seqpacket: listen and serve CONNS connections (default 1) one after
 *	the other, echoing every message, until each client's end of file;
 *	prints "ready port P", then per connection "peer NODE PORT" and
 *	"eof after N messages" (or "broken after N messages: ENAME").
 *	rdm: receive COUNT messages, or until SECONDS (default 3) pass
 *	without one; each
 *	message is "SENDER SEQ": prints "got N from K senders in order" (or
 *	"out of order ..." / "duplicate ...").
 *   afc-svc connect (-N NODE -p PORT | -s NAME [-N NODE]) [-n COUNT]
 *                   [-S SIZE] [-x]
 *	connects, prints "connected peer NODE PORT", sends COUNT messages of
 *	SIZE bytes (default 3 of 100) and checks each echo, shuts down its
 *	side and checks the end of file: "ok COUNT echoed, eof".  With -x it
 *	then waits in recv for the connection to break: "broken ENAME after
 *	MS ms".
 *   afc-svc hold (-N NODE -p PORT | -s NAME): connects, prints "connected",
 *	then blocks in recv: "recv error ENAME after MS ms, at EPOCH_MS"
 *	(wall clock, for the caller to compare) or "recv eof".
 *   afc-svc nbconnect (-N NODE -p PORT | -s NAME): a non-blocking connect,
 *	then poll for POLLOUT (5 s at most) and SO_ERROR: "connect EINPROGRESS,
 *	pollout, so_error 0" (or the errno names met).
 *   afc-svc nbaccept [-s NAME]: a non-blocking listener with nothing to
 *	accept: "accept error EAGAIN".
 *   afc-svc send -s NAME [-N NODE|all] [-n COUNT] [-i ID]: COUNT (default
 *	9) SOCK_RDM messages "ID SEQ" to the service; "sent COUNT".
 *   afc-svc bind -t TYPE -s NAME: "bound port P" or "bind error ENAME".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/af_cluster.h>

#define MAXMSG (1U << 20)
#define MAXSENDERS 64

static int family = AF_CLUSTER;
static int type = SOCK_SEQPACKET;
static const char *service;
static unsigned int node, port, count = 3, size = 100, conns = 1, id;
static unsigned int idle_s = 3, expect;
static int all, expect_break;

static int fail(const char *what)
{
	printf("%s error %s\n", what, strerrorname_np(errno));
	return 1;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void read_family(void)
{
	FILE *f = fopen("/sys/module/af_cluster/parameters/family", "r");

	if (f) {
		if (fscanf(f, "%d", &family) != 1)
			family = AF_CLUSTER;
		fclose(f);
	}
}

static struct sockaddr_cluster addr_of(unsigned int n, unsigned int p,
				       const char *name)
{
	struct sockaddr_cluster a;

	memset(&a, 0, sizeof(a));
	a.scl_family = family;
	a.scl_node = n;
	a.scl_port = p;
	if (name)
		strncpy(a.scl_service, name, sizeof(a.scl_service) - 1);
	return a;
}

static int open_bound(void)
{
	struct sockaddr_cluster a;
	int fd = socket(family, type, 0);

	if (fd < 0)
		return -1;
	if (port) {
		a = addr_of(0, port, NULL);
		if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
			return -1;
	}
	if (service) {
		a = addr_of(0, 0, service);
		if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
			return -1;
	}
	return fd;
}

static unsigned int own_port(int fd)
{
	struct sockaddr_cluster a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len))
		return 0;
	return a.scl_port;
}

static int serve_seqpacket(void)
{
	static char buf[MAXMSG];
	struct sockaddr_cluster peer;
	socklen_t len;
	unsigned int c, n;
	ssize_t got;
	int fd, cfd;

	fd = open_bound();
	if (fd < 0)
		return fail("bind");
	if (listen(fd, 8))
		return fail("listen");
	printf("ready port %u\n", own_port(fd));
	fflush(stdout);
	for (c = 0; c < conns; c++) {
		cfd = accept(fd, NULL, NULL);
		if (cfd < 0)
			return fail("accept");
		len = sizeof(peer);
		if (getpeername(cfd, (struct sockaddr *)&peer, &len))
			return fail("getpeername");
		printf("peer %u %u\n", peer.scl_node, peer.scl_port);
		fflush(stdout);
		for (n = 0;; n++) {
			got = recv(cfd, buf, sizeof(buf), 0);
			if (got <= 0)
				break;
			if (send(cfd, buf, got, 0) != got)
				break;
		}
		/* A broken connection ends, the server goes on. */
		if (got)
			printf("broken after %u messages: %s\n", n,
			       strerrorname_np(errno));
		else
			printf("eof after %u messages\n", n);
		fflush(stdout);
		close(cfd);
	}
	close(fd);
	return 0;
}

static int serve_rdm(void)
{
	unsigned int senders[MAXSENDERS], next[MAXSENDERS];
	unsigned int k = 0, i, n = 0, sender, seq;
	struct pollfd pfd;
	char buf[64];
	ssize_t got;
	int fd;

	fd = open_bound();
	if (fd < 0)
		return fail("bind");
	printf("ready port %u\n", own_port(fd));
	fflush(stdout);
	pfd.fd = fd;
	pfd.events = POLLIN;
	while ((!expect || n < expect) && poll(&pfd, 1, idle_s * 1000) == 1) {
		got = recv(fd, buf, sizeof(buf) - 1, 0);
		if (got < 0)
			return fail("recv");
		buf[got] = 0;
		if (sscanf(buf, "%u %u", &sender, &seq) != 2) {
			printf("garbage message\n");
			return 1;
		}
		for (i = 0; i < k && senders[i] != sender; i++)
			;
		if (i == k) {
			if (k == MAXSENDERS)
				return 1;
			senders[k] = sender;
			next[k++] = 0;
		}
		/* Anycast skips some; a repeat or a step back is an error. */
		if (seq < next[i]) {
			printf("%s: sender %u seq %u after %u\n",
			       seq + 1 == next[i] ? "duplicate" : "out of order",
			       sender, seq, next[i] - 1);
			return 1;
		}
		next[i] = seq + 1;
		n++;
	}
	printf("got %u from %u senders in order\n", n, k);
	return 0;
}

static int connect_to(void)
{
	struct sockaddr_cluster a = addr_of(node, port, service);
	int fd = socket(family, SOCK_SEQPACKET, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	return fd;
}

static int do_connect(void)
{
	static char out[MAXMSG], in[MAXMSG];
	struct sockaddr_cluster peer;
	socklen_t len = sizeof(peer);
	unsigned int i, j;
	double t0;
	ssize_t got;
	int fd;

	fd = connect_to();
	if (fd < 0)
		return fail("connect");
	if (getpeername(fd, (struct sockaddr *)&peer, &len))
		return fail("getpeername");
	printf("connected peer %u %u\n", peer.scl_node, peer.scl_port);
	fflush(stdout);
	for (i = 0; i < count; i++) {
		for (j = 0; j < size; j++)
			out[j] = (char)(i * 31 + j);
		if (send(fd, out, size, 0) != (ssize_t)size)
			return fail("send");
		got = recv(fd, in, sizeof(in), 0);
		if (got < 0)
			return fail("recv");
		if (got != (ssize_t)size || memcmp(in, out, size)) {
			printf("echo %u differs (%zd bytes)\n", i, got);
			return 1;
		}
	}
	if (shutdown(fd, SHUT_WR))
		return fail("shutdown");
	got = recv(fd, in, sizeof(in), 0);
	if (got < 0)
		return fail("recv after shutdown");
	if (got) {
		printf("data after shutdown\n");
		return 1;
	}
	printf("ok %u echoed, eof\n", count);
	if (expect_break) {
		t0 = now_ms();
		got = recv(fd, in, sizeof(in), 0);
		printf("broken %s after %.0f ms\n",
		       got < 0 ? strerrorname_np(errno) : "eof", now_ms() - t0);
	}
	close(fd);
	return 0;
}

static int do_hold(void)
{
	char buf[64];
	ssize_t got;
	double t0;
	int fd;

	fd = connect_to();
	if (fd < 0)
		return fail("connect");
	printf("connected\n");
	fflush(stdout);
	t0 = now_ms();
	got = recv(fd, buf, sizeof(buf), 0);
	if (got < 0) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		printf("recv error %s after %.0f ms, at %lld\n",
		       strerrorname_np(errno), now_ms() - t0,
		       (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
		fflush(stdout);
		/* And a send now fails too. */
		if (send(fd, "x", 1, MSG_NOSIGNAL) < 0)
			printf("send error %s\n", strerrorname_np(errno));
		return 0;
	}
	printf(got ? "recv data\n" : "recv eof\n");
	return 0;
}

static int do_nbconnect(void)
{
	struct sockaddr_cluster a = addr_of(node, port, service);
	struct pollfd pfd;
	socklen_t len;
	int fd, err;

	fd = socket(family, SOCK_SEQPACKET | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return fail("socket");
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)))
		printf("connect %s, ", strerrorname_np(errno));
	else
		printf("connect ok, ");
	pfd.fd = fd;
	pfd.events = POLLOUT;
	if (poll(&pfd, 1, 5000) != 1) {
		printf("no pollout\n");
		return 1;
	}
	printf("%s, ", pfd.revents & POLLOUT ? "pollout" :
	       pfd.revents & POLLHUP ? "pollhup" : "pollerr");
	len = sizeof(err);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len))
		return fail("getsockopt");
	printf("so_error %s\n", err ? strerrorname_np(err) : "0");
	close(fd);
	return 0;
}

static int do_nbaccept(void)
{
	int fd = open_bound();

	if (fd < 0)
		return fail("bind");
	if (listen(fd, 1) || fcntl(fd, F_SETFL, O_NONBLOCK))
		return fail("listen");
	if (accept(fd, NULL, NULL) >= 0) {
		printf("accepted a connection nobody made\n");
		return 1;
	}
	return fail("accept");
}

static int do_send(void)
{
	struct sockaddr_cluster a;
	char buf[64];
	unsigned int i;
	int fd, len;

	a = addr_of(all ? CLUSTER_NODE_ALL : node, 0, service);
	fd = socket(family, SOCK_RDM, 0);
	if (fd < 0)
		return fail("socket");
	for (i = 0; i < count; i++) {
		len = snprintf(buf, sizeof(buf), "%u %u", id, i);
		if (sendto(fd, buf, len, 0, (struct sockaddr *)&a,
			   sizeof(a)) != len)
			return fail("send");
	}
	printf("sent %u\n", count);
	return 0;
}

static int do_bind(void)
{
	int fd = open_bound();

	if (fd < 0)
		return fail("bind");
	printf("bound port %u\n", own_port(fd));
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;
	int opt;

	if (argc < 2) {
		fprintf(stderr, "usage: afc-svc serve|connect|hold|send|bind ...\n");
		return 2;
	}
	cmd = argv[1];
	optind = 2;
	read_family();
	while ((opt = getopt(argc, argv, "t:s:p:N:n:S:c:T:i:xe:")) != -1) {
		switch (opt) {
		case 't':
			type = strcmp(optarg, "rdm") ? SOCK_SEQPACKET : SOCK_RDM;
			break;
		case 's':
			service = optarg;
			break;
		case 'p':
			port = strtoul(optarg, NULL, 0);
			break;
		case 'N':
			if (!strcmp(optarg, "all"))
				all = 1;
			else
				node = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'S':
			size = strtoul(optarg, NULL, 0);
			if (size > MAXMSG)
				size = MAXMSG;
			break;
		case 'c':
			conns = strtoul(optarg, NULL, 0);
			break;
		case 'T':
			idle_s = strtoul(optarg, NULL, 0);
			break;
		case 'i':
			id = strtoul(optarg, NULL, 0);
			break;
		case 'x':
			expect_break = 1;
			break;
		case 'e':
			expect = strtoul(optarg, NULL, 0);
			break;
		default:
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "serve"))
		return type == SOCK_RDM ? serve_rdm() : serve_seqpacket();
	if (!strcmp(cmd, "connect"))
		return do_connect();
	if (!strcmp(cmd, "hold"))
		return do_hold();
	if (!strcmp(cmd, "send"))
		return do_send();
	if (!strcmp(cmd, "nbconnect"))
		return do_nbconnect();
	if (!strcmp(cmd, "nbaccept"))
		return do_nbaccept();
	if (!strcmp(cmd, "bind"))
		return do_bind();
	fprintf(stderr, "afc-svc: unknown command %s\n", cmd);
	return 2;
}
