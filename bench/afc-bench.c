// SPDX-License-Identifier: GPL-2.0
/*
 * afc-bench: round trip and throughput of message transports, for
 * comparing AF_CLUSTER with TIPC and TCP (bench/run, and
 * Documentation/performance.rst).
 *
 *   afc-bench server -t TRANSPORT -p PORT [-B BYTES]
 *   afc-bench client -t TRANSPORT -p PORT [-a ADDR] -m rtt|tput
 *                    [-s SIZE] [-d SECONDS] [-w SECONDS] [-n COUNT]
 *                    [-x USEC] [-B BYTES] [-l LABEL]
 *   afc-bench list
 *
 * A transport is one entry of transports[]: a socket family and type and
 * how to address the server.  PORT is the AF_CLUSTER or TCP port, or the
 * TIPC service instance; ADDR is the server's AF_CLUSTER node id or IPv4
 * address (TIPC finds the service by name).
 *
 * The server answers PING messages with PONG, counts DATA between MARK
 * and END, and answers END with DONE (the bytes and the time it counted).
 * It serves one client after another until killed, and prints "ready"
 * once it listens.  The client measures with CLOCK_MONOTONIC and prints
 * one JSON object:
 *
 *   rtt   SIZE-byte ping-pongs for SECONDS (or COUNT of them) after
 *         SECONDS of warm-up (-w): the round trip's distribution, and the
 *         "slow" round trips, those more than USEC (-x, default 5000)
 *         above the median: under packet loss, the ones that waited for a
 *         retransmission, and their excess over the median.
 *   tput  one-way SIZE-byte messages, as fast as the transport takes
 *         them: warm-up, then MARK, SECONDS of DATA, END; the server's
 *         count between MARK and END gives the rate.
 *
 * A transport the kernel does not offer (yet) makes both ends print why
 * and exit 3; the client's JSON then says "status": "absent".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/af_cluster.h>
#include <linux/tipc.h>

#define EXIT_ABSENT	3

#define BENCH_MAGIC	0xafcbe7c5U
#define MSG_MAX		(1U << 20)	/* AF_CLUSTER's largest message */
#define TIPC_BENCH_TYPE	18888		/* TIPC service type of the server */
#define RTT_MAX_SAMPLES	(1U << 20)

enum msg_type {
	M_PING = 1,	/* client -> server: answer with M_PONG */
	M_PONG,
	M_DATA,		/* client -> server: count it */
	M_MARK,		/* client -> server: start counting */
	M_END,		/* client -> server: stop counting, answer M_DONE */
	M_DONE,
};

/* Every message starts with this; len is the whole message's. */
struct msg_hdr {
	uint32_t magic;
	uint32_t type;
	uint32_t len;
	uint32_t seq;
};

/* M_DONE's body: what the server counted from M_MARK to M_END. */
struct msg_done {
	uint64_t msgs;
	uint64_t bytes;
	uint64_t ns;
};

struct opts {
	const char *addr;
	const char *label;
	const char *mode;
	unsigned int port;
	unsigned int size;
	unsigned int count;
	unsigned int slow_us;
	double seconds;
	double warmup;
	int buf;
};

/* Transport flags. */
#define T_CONNECTED	0x1	/* listen/accept/connect, not sendto */
#define T_STREAM	0x2	/* a byte stream: messages are framed */

struct transport {
	const char *name;
	int family;		/* 0: AF_CLUSTER, whose number may move */
	int type;
	unsigned int max_msg;	/* largest message the transport carries */
	unsigned int flags;
	/* The server's address: what it binds (server) or is sent to. */
	int (*addr)(const struct opts *o, bool server,
		    struct sockaddr_storage *ss, socklen_t *len);
};

static int addr_afc(const struct opts *o, bool server,
		    struct sockaddr_storage *ss, socklen_t *len);
static int addr_tipc(const struct opts *o, bool server,
		     struct sockaddr_storage *ss, socklen_t *len);
static int addr_tcp(const struct opts *o, bool server,
		    struct sockaddr_storage *ss, socklen_t *len);

/*
 * The transports.  AF_CLUSTER SOCK_SEQPACKET is here already: until the
 * module implements connections its listen() and connect() fail with
 * EOPNOTSUPP, and the bench reports it absent.
 */
static const struct transport transports[] = {
	{ "afc-rdm", 0, SOCK_RDM, MSG_MAX, 0, addr_afc },
	{ "afc-seqpacket", 0, SOCK_SEQPACKET, MSG_MAX, T_CONNECTED, addr_afc },
	{ "tipc-rdm", AF_TIPC, SOCK_RDM, TIPC_MAX_USER_MSG_SIZE, 0,
	  addr_tipc },
	{ "tipc-seqpacket", AF_TIPC, SOCK_SEQPACKET, TIPC_MAX_USER_MSG_SIZE,
	  T_CONNECTED, addr_tipc },
	{ "tcp", AF_INET, SOCK_STREAM, MSG_MAX, T_CONNECTED | T_STREAM,
	  addr_tcp },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A socket and where its messages go. */
struct conn {
	const struct transport *t;
	int fd;
	struct sockaddr_storage peer;	/* unconnected: the destination */
	socklen_t peer_len;
};

static const char *prog = "afc-bench";

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* The AF_CLUSTER family number in use (a module parameter). */
static int afc_family(void)
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

static int family_of(const struct transport *t)
{
	return t->family ? t->family : afc_family();
}

static int addr_afc(const struct opts *o, bool server,
		    struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_cluster *a = (struct sockaddr_cluster *)ss;

	memset(a, 0, sizeof(*a));
	a->scl_family = afc_family();
	a->scl_port = o->port;
	if (!server) {
		if (!o->addr)
			return -1;
		a->scl_node = strtoul(o->addr, NULL, 0);
	}
	*len = sizeof(*a);
	return 0;
}

static int addr_tipc(const struct opts *o, bool server,
		     struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_tipc *a = (struct sockaddr_tipc *)ss;

	memset(a, 0, sizeof(*a));
	a->family = AF_TIPC;
	if (server) {
		a->addrtype = TIPC_SERVICE_RANGE;
		a->scope = TIPC_CLUSTER_SCOPE;
		a->addr.nameseq.type = TIPC_BENCH_TYPE;
		a->addr.nameseq.lower = o->port;
		a->addr.nameseq.upper = o->port;
	} else {
		a->addrtype = TIPC_SERVICE_ADDR;
		a->addr.name.name.type = TIPC_BENCH_TYPE;
		a->addr.name.name.instance = o->port;
		a->addr.name.domain = 0;
	}
	*len = sizeof(*a);
	return 0;
}

static int addr_tcp(const struct opts *o, bool server,
		    struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *a = (struct sockaddr_in *)ss;

	memset(a, 0, sizeof(*a));
	a->sin_family = AF_INET;
	a->sin_port = htons(o->port);
	if (server)
		a->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (!o->addr || inet_pton(AF_INET, o->addr, &a->sin_addr) != 1)
		return -1;
	*len = sizeof(*a);
	return 0;
}

static const struct transport *find_transport(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(transports); i++)
		if (!strcmp(transports[i].name, name))
			return &transports[i];
	return NULL;
}

/* Errors that mean "this kernel has no such transport". */
static bool absent_errno(int err)
{
	return err == EAFNOSUPPORT || err == EPROTONOSUPPORT ||
	       err == ESOCKTNOSUPPORT || err == EOPNOTSUPP;
}

static void set_bufs(int fd, int bytes)
{
	if (bytes <= 0)
		return;
	/* The FORCE variants pass net.core.[rw]mem_max (root). */
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof(bytes)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof(bytes));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
}

static void set_rcvtimeo(int fd, double seconds)
{
	struct timeval tv = {
		.tv_sec = (time_t)seconds,
		.tv_usec = (suseconds_t)((seconds - (time_t)seconds) * 1e6),
	};

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void tcp_tune(const struct conn *c)
{
	int one = 1;

	if (c->t->family == AF_INET)
		setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* Send one whole message; -1 with errno on failure. */
static int msg_send(struct conn *c, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	if (!(c->t->flags & T_CONNECTED)) {
		n = sendto(c->fd, buf, len, MSG_NOSIGNAL,
			   (struct sockaddr *)&c->peer, c->peer_len);
		if (n < 0)
			return -1;
		if ((size_t)n != len) {
			errno = EMSGSIZE;
			return -1;
		}
		return 0;
	}
	while (len) {
		n = send(c->fd, p, len, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

/* Read exactly len bytes of a stream: 0 at EOF before any, -1 on error. */
static ssize_t read_full(int fd, char *p, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = recv(fd, p + got, len - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			if (got)
				errno = EPROTO;
			return got ? -1 : 0;
		}
		got += n;
	}
	return got;
}

/*
 * Receive one message into buf: its length, 0 at the end of a
 * connection, -1 with errno on failure.  Unconnected: the sender's
 * address goes to c->peer, where replies go.
 */
static ssize_t msg_recv(struct conn *c, void *buf, size_t cap)
{
	struct msg_hdr *h = buf;
	ssize_t n;

	if (c->t->flags & T_STREAM) {
		n = read_full(c->fd, buf, sizeof(*h));
		if (n <= 0)
			return n;
		if (h->magic != BENCH_MAGIC || h->len < sizeof(*h) ||
		    h->len > cap) {
			errno = EPROTO;
			return -1;
		}
		n = read_full(c->fd, (char *)buf + sizeof(*h),
			      h->len - sizeof(*h));
		if (n < 0 || (n == 0 && h->len > sizeof(*h))) {
			errno = n ? errno : EPROTO;
			return -1;
		}
		return h->len;
	}
	for (;;) {
		if (c->t->flags & T_CONNECTED) {
			n = recv(c->fd, buf, cap, 0);
		} else {
			c->peer_len = sizeof(c->peer);
			n = recvfrom(c->fd, buf, cap, 0,
				     (struct sockaddr *)&c->peer,
				     &c->peer_len);
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (n == 0 && (c->t->flags & T_CONNECTED)))
			return n;
		/*
		 * Not a bench message: skip it.  (A TIPC RDM message its
		 * receiver refused comes back to its sender whole; callers
		 * skip it by its type.)
		 */
		if ((size_t)n < sizeof(*h) || h->magic != BENCH_MAGIC ||
		    h->len != (size_t)n)
			continue;
		return n;
	}
}

static void hdr_set(void *buf, uint32_t type, uint32_t len, uint32_t seq)
{
	struct msg_hdr *h = buf;

	h->magic = BENCH_MAGIC;
	h->type = type;
	h->len = len;
	h->seq = seq;
}

/* --- server ----------------------------------------------------------- */

/* Serve one client (connected) or every client (unconnected). */
static void serve(struct conn *c, char *buf)
{
	struct msg_hdr *h = (struct msg_hdr *)buf;
	struct msg_done done = { 0 };
	uint64_t mark = 0, msgs = 0, bytes = 0;
	bool counting = false;
	ssize_t n;

	for (;;) {
		n = msg_recv(c, buf, MSG_MAX);
		if (n == 0)
			return;
		if (n < 0) {
			if (c->t->flags & T_CONNECTED)
				return;
			continue;
		}
		switch (h->type) {
		case M_PING:
			h->type = M_PONG;
			msg_send(c, buf, n);
			break;
		case M_MARK:
			mark = now_ns();
			msgs = 0;
			bytes = 0;
			counting = true;
			break;
		case M_DATA:
			msgs++;
			bytes += n;
			break;
		case M_END:
			/* A repeated END gets the first one's figures. */
			if (counting) {
				done.msgs = msgs;
				done.bytes = bytes;
				done.ns = now_ns() - mark;
				counting = false;
			}
			hdr_set(buf, M_DONE, sizeof(*h) + sizeof(done),
				h->seq);
			memcpy(buf + sizeof(*h), &done, sizeof(done));
			msg_send(c, buf, sizeof(*h) + sizeof(done));
			break;
		default:
			break;
		}
	}
}

static int server(const struct transport *t, const struct opts *o)
{
	struct sockaddr_storage ss;
	struct conn c = { .t = t };
	socklen_t len;
	char *buf;
	int fd, one = 1;

	buf = malloc(MSG_MAX);
	if (!buf)
		die("malloc");
	fd = socket(family_of(t), t->type, 0);
	if (fd < 0) {
		if (absent_errno(errno)) {
			printf("absent: socket: %s\n", strerror(errno));
			return EXIT_ABSENT;
		}
		die("socket");
	}
	if (t->family == AF_INET)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	set_bufs(fd, o->buf);
	t->addr(o, true, &ss, &len);
	if (bind(fd, (struct sockaddr *)&ss, len))
		die("bind");
	if ((t->flags & T_CONNECTED) && listen(fd, 4)) {
		if (absent_errno(errno)) {
			printf("absent: listen: %s\n", strerror(errno));
			return EXIT_ABSENT;
		}
		die("listen");
	}
	printf("ready\n");
	fflush(stdout);
	if (!(t->flags & T_CONNECTED)) {
		c.fd = fd;
		for (;;)
			serve(&c, buf);
	}
	for (;;) {
		c.fd = accept(fd, NULL, NULL);
		if (c.fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			die("accept");
		}
		set_bufs(c.fd, o->buf);
		tcp_tune(&c);
		serve(&c, buf);
		close(c.fd);
	}
}

/* --- client ----------------------------------------------------------- */

/*
 * The client's JSON object, one member at a time: json_head() opens it
 * with the transport and test, json_end() closes it.  Strings written
 * here never need escaping.
 */
static void json_head(const struct transport *t, const struct opts *o,
		      const char *status)
{
	printf("{\"transport\": \"%s\", \"test\": \"%s\"", t->name,
	       o->label);
	printf(", \"mode\": \"%s\", \"size\": %u", o->mode, o->size);
	printf(", \"status\": \"%s\"", status);
}

static void json_str(const char *key, const char *val)
{
	printf(", \"%s\": \"%s\"", key, val);
}

static void json_u64(const char *key, uint64_t val)
{
	printf(", \"%s\": %" PRIu64, key, val);
}

/* A number with @prec decimals; times are given in ns, shown in us. */
static void json_num(const char *key, double val, int prec)
{
	printf(", \"%s\": %.*f", key, prec, val);
}

static void json_us(const char *key, uint64_t ns)
{
	json_num(key, ns / 1e3, 1);
}

static void json_end(void)
{
	printf("}\n");
}

static int absent(const struct transport *t, const struct opts *o,
		  const char *what, int err)
{
	char reason[128];

	snprintf(reason, sizeof(reason), "%s: %s", what, strerror(err));
	json_head(t, o, "absent");
	json_str("reason", reason);
	json_end();
	return EXIT_ABSENT;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The p-quantile (0..1) of n sorted values, nearest rank. */
static uint64_t quantile(const uint64_t *v, size_t n, double p)
{
	size_t i = (size_t)(p * n);

	if (i >= n)
		i = n - 1;
	return v[i];
}

/* One ping-pong: the round trip in ns, 0 on failure. */
static uint64_t ping(struct conn *c, char *buf, unsigned int size,
		     uint32_t seq)
{
	struct msg_hdr *h = (struct msg_hdr *)buf;
	uint64_t t0 = now_ns();
	ssize_t n;

	hdr_set(buf, M_PING, size, seq);
	if (msg_send(c, buf, size))
		die("send");
	for (;;) {
		n = msg_recv(c, buf, MSG_MAX);
		if (n < 0)
			die("recv");
		if (n == 0) {
			errno = ECONNRESET;
			die("recv");
		}
		if (h->type == M_PONG && h->seq == seq)
			return now_ns() - t0;
	}
}

static int run_rtt(struct conn *c, const struct opts *o, char *buf)
{
	uint64_t *v, start, end, sum = 0, slow_sum = 0, slow_max = 0;
	uint64_t *slow, med, thresh;
	size_t n = 0, i, nslow = 0, cap, warm = 0;
	uint32_t seq = 0;

	cap = o->count ? o->count : RTT_MAX_SAMPLES;
	v = calloc(cap, sizeof(*v));
	slow = calloc(cap, sizeof(*slow));
	if (!v || !slow)
		die("calloc");
	end = now_ns() + (uint64_t)(o->warmup * 1e9);
	while (now_ns() < end) {
		ping(c, buf, o->size, ++seq);
		warm++;
	}
	start = now_ns();
	end = start + (uint64_t)(o->seconds * 1e9);
	do {
		v[n] = ping(c, buf, o->size, ++seq);
		sum += v[n++];
	} while (n < cap && (o->count || now_ns() < end));
	end = now_ns();
	qsort(v, n, sizeof(*v), cmp_u64);
	med = quantile(v, n, 0.5);
	thresh = med + (uint64_t)o->slow_us * 1000;
	for (i = 0; i < n; i++) {
		if (v[i] <= thresh)
			continue;
		slow[nslow++] = v[i] - med;
		slow_sum += v[i] - med;
		if (v[i] - med > slow_max)
			slow_max = v[i] - med;
	}
	/* slow[] is sorted: v[] is. */
	json_head(c->t, o, "ok");
	json_u64("count", n);
	json_u64("warmup_count", warm);
	json_num("seconds", (end - start) / 1e9, 3);
	json_us("min_us", v[0]);
	json_us("median_us", med);
	json_us("mean_us", sum / n);
	json_us("p90_us", quantile(v, n, 0.9));
	json_us("p99_us", quantile(v, n, 0.99));
	json_us("max_us", v[n - 1]);
	json_u64("slow_threshold_us", o->slow_us);
	json_u64("slow", nslow);
	json_us("slow_excess_median_us",
		nslow ? quantile(slow, nslow, 0.5) : 0);
	json_us("slow_excess_mean_us", nslow ? slow_sum / nslow : 0);
	json_us("slow_excess_max_us", slow_max);
	json_end();
	free(v);
	free(slow);
	return 0;
}

static void send_data(struct conn *c, char *buf, unsigned int size,
		      uint32_t seq)
{
	hdr_set(buf, M_DATA, size, seq);
	if (msg_send(c, buf, size))
		die("send");
}

static int run_tput(struct conn *c, const struct opts *o, char *buf)
{
	struct msg_hdr *h = (struct msg_hdr *)buf;
	uint64_t start, end, mark, sent_bytes = 0, sent_msgs = 0;
	struct msg_done done;
	unsigned int tries;
	uint32_t seq = 0;
	ssize_t n;

	memset(buf, 0, o->size);
	start = now_ns();
	end = start + (uint64_t)(o->warmup * 1e9);
	while (now_ns() < end) {
		send_data(c, buf, o->size, ++seq);
		sent_bytes += o->size;
		sent_msgs++;
	}
	hdr_set(buf, M_MARK, sizeof(*h), ++seq);
	if (msg_send(c, buf, sizeof(*h)))
		die("send");
	mark = now_ns();
	end = mark + (uint64_t)(o->seconds * 1e9);
	while (now_ns() < end) {
		send_data(c, buf, o->size, ++seq);
		sent_bytes += o->size;
		sent_msgs++;
	}
	end = now_ns();
	/*
	 * END, then DONE back.  A TIPC RDM message the server's full socket
	 * refused comes back to us: send END again after a pause.
	 */
	set_rcvtimeo(c->fd, 1.0);
	for (tries = 0; tries < 60; tries++) {
		hdr_set(buf, M_END, sizeof(*h), ++seq);
		if (msg_send(c, buf, sizeof(*h)))
			die("send");
		n = msg_recv(c, buf, MSG_MAX);
		while (n > 0 && h->type != M_DONE)
			n = msg_recv(c, buf, MSG_MAX);
		if (n > 0)
			break;
		if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
			die("recv");
	}
	if (tries == 60) {
		errno = ETIMEDOUT;
		die("waiting for the server's count");
	}
	memcpy(&done, buf + sizeof(*h), sizeof(done));
	json_head(c->t, o, "ok");
	json_num("seconds", done.ns / 1e9, 3);
	json_u64("msgs", done.msgs);
	json_u64("bytes", done.bytes);
	json_num("msgs_per_s", done.ns ? done.msgs * 1e9 / done.ns : 0, 1);
	json_num("mb_per_s", done.ns ? done.bytes * 1e3 / done.ns : 0, 2);
	json_u64("sent_msgs", sent_msgs);
	json_u64("sent_bytes", sent_bytes);
	json_num("send_seconds", (end - start) / 1e9, 3);
	json_num("send_mb_per_s",
		 end > start ? sent_bytes * 1e3 / (end - start) : 0, 2);
	json_end();
	return 0;
}

static int client(const struct transport *t, struct opts *o)
{
	struct conn c = { .t = t };
	char *buf;
	int rc;

	if (o->size < sizeof(struct msg_hdr) + sizeof(struct msg_done))
		o->size = sizeof(struct msg_hdr) + sizeof(struct msg_done);
	if (o->size > t->max_msg) {
		char reason[64];

		snprintf(reason, sizeof(reason), "messages of at most %u bytes",
			 t->max_msg);
		json_head(t, o, "unsupported");
		json_str("reason", reason);
		json_end();
		return 0;
	}
	buf = calloc(1, MSG_MAX);
	if (!buf)
		die("calloc");
	if (t->addr(o, false, &c.peer, &c.peer_len)) {
		fprintf(stderr, "%s: %s needs the server's address (-a)\n",
			prog, t->name);
		return 2;
	}
	c.fd = socket(family_of(t), t->type, 0);
	if (c.fd < 0) {
		if (absent_errno(errno))
			return absent(t, o, "socket", errno);
		die("socket");
	}
	set_bufs(c.fd, o->buf);
	/* Replies that never come fail the run instead of hanging it. */
	set_rcvtimeo(c.fd, 60);
	if (t->flags & T_CONNECTED) {
		tcp_tune(&c);
		if (connect(c.fd, (struct sockaddr *)&c.peer, c.peer_len)) {
			if (absent_errno(errno))
				return absent(t, o, "connect", errno);
			die("connect");
		}
	}
	if (!strcmp(o->mode, "rtt"))
		rc = run_rtt(&c, o, buf);
	else
		rc = run_tput(&c, o, buf);
	close(c.fd);
	free(buf);
	return rc;
}

static void print_usage(void)
{
	fprintf(stderr,
		"usage: %s server -t TRANSPORT -p PORT [-B BYTES]\n"
		"       %s client -t TRANSPORT -p PORT [-a ADDR] -m rtt|tput\n"
		"                 [-s SIZE] [-d SECONDS] [-w SECONDS] [-n COUNT]\n"
		"                 [-x USEC] [-B BYTES] [-l LABEL]\n"
		"       %s list\n", prog, prog, prog);
}

int main(int argc, char **argv)
{
	struct opts o = {
		.mode = "rtt", .size = 64, .seconds = 3, .warmup = 0.5,
		.slow_us = 5000,
	};
	const struct transport *t = NULL;
	const char *cmd;
	size_t i;
	int opt;

	if (argc < 2) {
		print_usage();
		return 2;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "list")) {
		for (i = 0; i < ARRAY_SIZE(transports); i++)
			printf("%s\n", transports[i].name);
		return 0;
	}
	optind = 2;
	while ((opt = getopt(argc, argv, "t:p:a:m:s:d:w:n:x:B:l:")) != -1) {
		switch (opt) {
		case 't':
			t = find_transport(optarg);
			if (!t) {
				fprintf(stderr, "%s: no transport %s\n", prog,
					optarg);
				return 2;
			}
			break;
		case 'p':
			o.port = strtoul(optarg, NULL, 0);
			break;
		case 'a':
			o.addr = optarg;
			break;
		case 'm':
			o.mode = optarg;
			break;
		case 's':
			o.size = strtoul(optarg, NULL, 0);
			break;
		case 'd':
			o.seconds = atof(optarg);
			break;
		case 'w':
			o.warmup = atof(optarg);
			break;
		case 'n':
			o.count = strtoul(optarg, NULL, 0);
			break;
		case 'x':
			o.slow_us = strtoul(optarg, NULL, 0);
			break;
		case 'B':
			o.buf = atoi(optarg);
			break;
		case 'l':
			o.label = optarg;
			break;
		default:
			print_usage();
			return 2;
		}
	}
	if (!t || !o.port || o.size > MSG_MAX ||
	    (strcmp(o.mode, "rtt") && strcmp(o.mode, "tput"))) {
		print_usage();
		return 2;
	}
	if (!o.label)
		o.label = o.mode;
	if (!strcmp(cmd, "server"))
		return server(t, &o);
	if (!strcmp(cmd, "client"))
		return client(t, &o);
	print_usage();
	return 2;
}
