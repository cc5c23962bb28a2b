// SPDX-License-Identifier: GPL-2.0
/*
 * afc-api: the SOCK_RDM socket API between two nodes, for the netns tests.
 *
 *   afc-api -a NETNS_A -b NETNS_B TEST...
 *
 * Opens a sender socket in NETNS_A and a receiver socket in NETNS_B (names
 * of `ip netns`, or paths to a netns file), both bound to ephemeral ports,
 * and runs each TEST between them; a fresh pair per TEST.  The two nodes
 * must already have a virtual circuit (an open channel).  TESTs:
 *
 *   epoll     a non-blocking sender fills the circuit (the receiver does
 *             not read) until EAGAIN and EPOLLOUT stops; then the receiver
 *             drains with EPOLLIN while the sender goes on with EPOLLOUT:
 *             every message arrives exactly once, in order
 *   bufs      the same with a small SO_SNDBUF and SO_RCVBUF: the memory
 *             charged at each end when full is bounded by them
 *   sigio     O_ASYNC + F_SETOWN: a message's arrival raises SIGIO; with
 *             F_SETSIG, the signal says POLL_IN and the descriptor
 *   rcvtimeo  SO_RCVTIMEO: a blocking recv on an empty queue fails with
 *             EAGAIN after about the timeout
 *   sndtimeo  SO_SNDTIMEO: a blocking send on a full send buffer fails with
 *             EAGAIN after about the timeout and queues nothing
 *   peek      MSG_PEEK, then a normal recv: the same message and sender
 *   fionread  FIONREAD/SIOCINQ: the next message's length, 0 if none
 *   outq      SIOCOUTQ/TIOCOUTQ: non-zero while messages are not
 *             acknowledged, back to 0 once they are
 *   trunc     a short buffer truncates (MSG_TRUNC in msg_flags); with the
 *             MSG_TRUNC flag recv returns the real length
 *   sockerr   SO_ERROR: a refusal (no socket at the port) is reported
 *             once, then 0; POLLERR meanwhile
 *   bad       bad input, each with its errno, followed by a valid send
 *             that must still arrive: address lengths, family, service
 *             names, send and recv flags, options, message sizes
 *
 * Prints "ok: WHAT" or "FAIL: WHAT: DETAIL" per check and exits 1 if any
 * check failed (2 on a usage error).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/af_cluster.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>

#define MSG_LEN		1000
#define MAX_MSG		(1U << 20)	/* CLUSTER_WIRE_MSG_MAX */
/* Messages past the point where the circuit filled up, sent while draining. */
#define EXTRA		100
/* No EPOLLOUT for this long: the sender is blocked by the receiver. */
#define STALL_MS	1000
#define DEADLINE_MS	60000

static int family;
static int failed;
static int ns_a, ns_b;
static unsigned char buf[MAX_MSG + 2];

static void ok(const char *fmt, ...)
{
	va_list ap;

	printf("ok: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	failed = 1;
}

static const char *errname(int err)
{
	switch (err) {
	case 0: return "success";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case EAGAIN: return "EAGAIN";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EHOSTUNREACH: return "EHOSTUNREACH";
	case EINVAL: return "EINVAL";
	case EMSGSIZE: return "EMSGSIZE";
	case ENOPROTOOPT: return "ENOPROTOOPT";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOTTY: return "ENOTTY";
	default: return strerror(err);
	}
}

/* check_err WHAT RET EXPECTED: a call returned -1 with errno EXPECTED. */
static int check_err(const char *what, long ret, int err, int expected)
{
	if (ret < 0 && err == expected) {
		ok("%s: %s", what, errname(expected));
		return 0;
	}
	if (ret < 0)
		fail("%s: expected %s, got %s", what, errname(expected),
		     errname(err));
	else
		fail("%s: expected %s, got success (%ld)", what,
		     errname(expected), ret);
	return -1;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int family_in_use(void)
{
	FILE *f = fopen("/sys/module/af_cluster/parameters/family", "r");
	int fam = AF_CLUSTER;

	if (f) {
		if (fscanf(f, "%d", &fam) != 1)
			fam = AF_CLUSTER;
		fclose(f);
	}
	return fam;
}

static int open_netns(const char *name)
{
	char path[256];
	int fd;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/var/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fprintf(stderr, "afc-api: %s: %s\n", path, strerror(errno));
	return fd;
}

/* A SOCK_RDM socket of the namespace @nsfd, bound to an ephemeral port. */
static int rdm_socket(int nsfd, struct sockaddr_cluster *addr)
{
	socklen_t len = sizeof(*addr);
	int fd;

	if (setns(nsfd, CLONE_NEWNET)) {
		fail("setns: %s", strerror(errno));
		return -1;
	}
	fd = socket(family, SOCK_RDM, 0);
	if (fd < 0) {
		fail("socket: %s", strerror(errno));
		return -1;
	}
	memset(addr, 0, sizeof(*addr));
	addr->scl_family = (__kernel_sa_family_t)family;
	if (bind(fd, (struct sockaddr *)addr, sizeof(*addr)) ||
	    getsockname(fd, (struct sockaddr *)addr, &len)) {
		fail("bind: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* The pair a test runs between. */
struct pair {
	int tx, rx;
	struct sockaddr_cluster txa, rxa;	/* their bound addresses */
};

static int pair_open(struct pair *p)
{
	p->rx = rdm_socket(ns_b, &p->rxa);
	if (p->rx < 0)
		return -1;
	p->tx = rdm_socket(ns_a, &p->txa);
	if (p->tx < 0) {
		close(p->rx);
		return -1;
	}
	return 0;
}

static void pair_close(struct pair *p)
{
	close(p->tx);
	close(p->rx);
}

static void set_nonblock(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

/* Message @seq of a stream: its number, then bytes derived from it. */
static void make_msg(unsigned char *m, uint32_t len, uint32_t seq)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		m[i] = (unsigned char)(seq * 31 + i * 7);
	if (len >= sizeof(seq))
		memcpy(m, &seq, sizeof(seq));
}

/* Is @m (@len bytes) message @seq of length @want? */
static int msg_is(const unsigned char *m, long len, uint32_t want,
		  uint32_t seq)
{
	static unsigned char ref[MAX_MSG];

	if (len != (long)want)
		return 0;
	make_msg(ref, want, seq);
	return !memcmp(m, ref, want);
}

static ssize_t send_seq(struct pair *p, uint32_t seq, uint32_t len, int flags)
{
	make_msg(buf, len, seq);
	return sendto(p->tx, buf, len, flags, (struct sockaddr *)&p->rxa,
		      sizeof(p->rxa));
}

/* Wait up to @ms for @events on @fd; the events seen, 0 on timeout. */
static int wait_for(int fd, short events, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	if (poll(&pfd, 1, ms) <= 0)
		return 0;
	return pfd.revents;
}

/*
 * Receive message @seq of @len bytes within @ms: the valid send after
 * each bad input must arrive, intact and from the sender.
 */
static int recv_seq(struct pair *p, uint32_t seq, uint32_t len, int ms,
		    const char *what)
{
	struct sockaddr_cluster from;
	socklen_t flen = sizeof(from);
	ssize_t n;

	if (!(wait_for(p->rx, POLLIN, ms) & POLLIN)) {
		fail("%s: message %u did not arrive", what, seq);
		return -1;
	}
	n = recvfrom(p->rx, buf, sizeof(buf), MSG_DONTWAIT,
		     (struct sockaddr *)&from, &flen);
	if (n < 0) {
		fail("%s: recv: %s", what, errname(errno));
		return -1;
	}
	if (!msg_is(buf, n, len, seq) || from.scl_node != p->txa.scl_node ||
	    from.scl_port != p->txa.scl_port) {
		fail("%s: got %zd bytes from %u:%u, not message %u from %u:%u",
		     what, n, from.scl_node, from.scl_port, seq,
		     p->txa.scl_node, p->txa.scl_port);
		return -1;
	}
	return 0;
}

static int epoll_for(int fd, uint32_t events)
{
	struct epoll_event ev = { .events = events, .data.fd = fd };
	int ep = epoll_create1(EPOLL_CLOEXEC);

	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev)) {
		fail("epoll: %s", strerror(errno));
		return -1;
	}
	return ep;
}

/* Level-triggered: does @ep report its socket ready within @ms? */
static int epoll_ready(int ep, int ms)
{
	struct epoll_event ev;

	return epoll_wait(ep, &ev, 1, ms) == 1;
}

static int ioctl_int(int fd, unsigned long req)
{
	int v = -1;

	if (ioctl(fd, req, &v) < 0)
		return -errno;
	return v;
}

/*
 * Send messages 0, 1, ... from a non-blocking sender until the circuit is
 * full: EAGAIN, no EPOLLOUT for STALL_MS (the receiver reads nothing, so
 * the peer stops acknowledging), and EAGAIN again.  Returns the messages
 * sent, or -1.
 */
static long fill(struct pair *p, int ep_tx)
{
	long t0 = now_ms();
	uint32_t seq = 0;
	int quiet = 0;

	for (;;) {
		if (send_seq(p, seq, MSG_LEN, 0) == MSG_LEN) {
			seq++;
			quiet = 0;
			continue;
		}
		if (errno != EAGAIN) {
			fail("fill: send %u: %s", seq, errname(errno));
			return -1;
		}
		if (quiet)
			break;
		quiet = !epoll_ready(ep_tx, STALL_MS);
		if (now_ms() - t0 > DEADLINE_MS) {
			fail("fill: still sending after %d ms (%u messages)",
			     DEADLINE_MS, seq);
			return -1;
		}
	}
	return seq;
}

/*
 * Drain the receiver with EPOLLIN while the sender goes on with EPOLLOUT
 * up to @total messages; each must arrive once, in order.  @sent is what
 * was sent so far.  0, or -1.
 */
static int drain(struct pair *p, int ep_tx, int ep_rx, uint32_t sent,
		 uint32_t total, const char *what)
{
	uint32_t expect = 0, first = sent;
	long t0 = now_ms();
	ssize_t n;

	while (expect < total) {
		n = recv(p->rx, buf, sizeof(buf), MSG_DONTWAIT);
		if (n >= 0) {
			if (!msg_is(buf, n, MSG_LEN, expect)) {
				uint32_t got = ~0U;

				if (n >= 4)
					memcpy(&got, buf, sizeof(got));
				fail("%s: expected message %u, got %zd bytes numbered %u",
				     what, expect, n, got);
				return -1;
			}
			expect++;
			continue;
		}
		if (errno != EAGAIN) {
			fail("%s: recv: %s", what, errname(errno));
			return -1;
		}
		while (sent < total && epoll_ready(ep_tx, 0)) {
			if (send_seq(p, sent, MSG_LEN, 0) != MSG_LEN) {
				if (errno == EAGAIN)
					break;
				fail("%s: send %u: %s", what, sent,
				     errname(errno));
				return -1;
			}
			sent++;
		}
		if (now_ms() - t0 > DEADLINE_MS) {
			fail("%s: %u of %u messages after %d ms", what, expect,
			     total, DEADLINE_MS);
			return -1;
		}
		epoll_ready(ep_rx, 20);
	}
	if (sent < total) {
		fail("%s: only %u of %u sent", what, sent, total);
		return -1;
	}
	if (total > first)
		ok("%s: EPOLLOUT again once the receiver read", what);
	/* A duplicate of the last message would come now. */
	if (epoll_ready(ep_rx, 300)) {
		fail("%s: a message after the last one", what);
		return -1;
	}
	ok("%s: %u messages arrived once, in order", what, total);
	return 0;
}

/* SIOCOUTQ falls to 0 once the peer acknowledged everything. */
static void outq_drops_to_zero(struct pair *p, const char *what)
{
	long t0 = now_ms();
	int v;

	while ((v = ioctl_int(p->tx, SIOCOUTQ)) > 0 && now_ms() - t0 < 10000)
		usleep(10000);
	if (v == 0)
		ok("%s: SIOCOUTQ 0 once acknowledged", what);
	else
		fail("%s: SIOCOUTQ %d 10 s after the last message", what, v);
}

static int sk_rmem(int fd, int *rcvbuf)
{
	__u32 mem[SK_MEMINFO_VARS] = { 0 };
	socklen_t len = sizeof(mem);

	if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mem, &len))
		return -1;
	*rcvbuf = (int)mem[SK_MEMINFO_RCVBUF];
	return (int)mem[SK_MEMINFO_RMEM_ALLOC];
}

/*
 * epoll and bufs: fill, check that the sender is neither writable nor
 * able to send, and (small buffers) that the memory charged is within
 * them; then drain.  The slack over a buffer: one message may start
 * below the bound and end above it, and skbs cost more than payload.
 */
static void t_flood(const char *what, int sndbuf, int rcvbuf)
{
	const int slack = 16 * MSG_LEN;
	int ep_tx, ep_rx, v, sb = 0, rb = 0, rmem;
	socklen_t len = sizeof(int);
	struct pair p;
	long sent;

	if (pair_open(&p))
		return;
	if (sndbuf && setsockopt(p.tx, SOL_SOCKET, SO_SNDBUF, &sndbuf,
				 sizeof(sndbuf)))
		fail("%s: SO_SNDBUF: %s", what, strerror(errno));
	if (rcvbuf && setsockopt(p.rx, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
				 sizeof(rcvbuf)))
		fail("%s: SO_RCVBUF: %s", what, strerror(errno));
	getsockopt(p.tx, SOL_SOCKET, SO_SNDBUF, &sb, &len);
	set_nonblock(p.tx, 1);
	set_nonblock(p.rx, 1);
	ep_tx = epoll_for(p.tx, EPOLLOUT);
	ep_rx = epoll_for(p.rx, EPOLLIN);
	if (ep_tx < 0 || ep_rx < 0)
		goto out;
	if (epoll_ready(ep_tx, 0) && !epoll_ready(ep_rx, 0))
		ok("%s: idle: EPOLLOUT, no EPOLLIN", what);
	else
		fail("%s: idle socket pair not writable or readable", what);

	sent = fill(&p, ep_tx);
	if (sent < 0)
		goto out;
	ok("%s: full after %ld messages of %d bytes (EAGAIN)", what, sent,
	   MSG_LEN);
	if (send_seq(&p, (uint32_t)sent, MSG_LEN, 0) == MSG_LEN) {
		/* Keep the stream whole for drain(). */
		fail("%s: full: a send went through", what);
		sent++;
	} else if (errno == EAGAIN) {
		ok("%s: full: send fails with EAGAIN", what);
	} else {
		fail("%s: full: send: %s", what, errname(errno));
	}
	if (!epoll_ready(ep_tx, 0))
		ok("%s: full: no EPOLLOUT", what);
	else
		fail("%s: full: EPOLLOUT", what);
	if (epoll_ready(ep_rx, 0))
		ok("%s: full: receiver EPOLLIN", what);
	else
		fail("%s: full: receiver not readable", what);
	v = ioctl_int(p.tx, SIOCOUTQ);
	if (v > 0)
		ok("%s: full: SIOCOUTQ %d", what, v);
	else
		fail("%s: full: SIOCOUTQ %d", what, v);
	if (sndbuf) {
		/* Not writable: above half the buffer; at most one over it. */
		if (v >= sb / 2 && v <= sb + slack)
			ok("%s: SO_SNDBUF %d bounds the unacknowledged memory",
			   what, sb);
		else
			fail("%s: SIOCOUTQ %d out of [%d, %d] (SO_SNDBUF)",
			     what, v, sb / 2, sb + slack);
	}
	if (rcvbuf) {
		rmem = sk_rmem(p.rx, &rb);
		if (rmem > 0 && rmem <= rb + slack)
			ok("%s: SO_RCVBUF %d bounds the queued memory (%d)",
			   what, rb, rmem);
		else
			fail("%s: receive memory %d out of (0, %d] (SO_RCVBUF)",
			     what, rmem, rb + slack);
	}
	if (!drain(&p, ep_tx, ep_rx, (uint32_t)sent, (uint32_t)sent + EXTRA,
		   what))
		outq_drops_to_zero(&p, what);
out:
	if (ep_tx >= 0)
		close(ep_tx);
	if (ep_rx >= 0)
		close(ep_rx);
	pair_close(&p);
}

static void t_epoll(void)
{
	t_flood("epoll", 0, 0);
}

static void t_bufs(void)
{
	t_flood("bufs", 16384, 8192);
}

static void t_outq(void)
{
	struct pair p;
	int ep_tx, ep_rx, v;
	long sent;

	if (pair_open(&p))
		return;
	v = ioctl_int(p.tx, SIOCOUTQ);
	if (v == 0)
		ok("outq: SIOCOUTQ 0 before any send");
	else
		fail("outq: SIOCOUTQ %d before any send", v);
	set_nonblock(p.tx, 1);
	ep_tx = epoll_for(p.tx, EPOLLOUT);
	ep_rx = epoll_for(p.rx, EPOLLIN);
	sent = fill(&p, ep_tx);
	if (sent >= 0) {
		int outq = ioctl_int(p.tx, SIOCOUTQ);
		int tiocoutq = ioctl_int(p.tx, TIOCOUTQ);

		if (outq > 0)
			ok("outq: SIOCOUTQ %d while unacknowledged", outq);
		else
			fail("outq: SIOCOUTQ %d while unacknowledged", outq);
		if (tiocoutq == outq)
			ok("outq: TIOCOUTQ is SIOCOUTQ");
		else
			fail("outq: TIOCOUTQ %d, SIOCOUTQ %d", tiocoutq, outq);
		/* The receiver's queue is the receiver's: not the sender's. */
		v = ioctl_int(p.rx, SIOCOUTQ);
		if (v == 0)
			ok("outq: receiver's SIOCOUTQ 0");
		else
			fail("outq: receiver's SIOCOUTQ %d", v);
		set_nonblock(p.rx, 1);
		if (!drain(&p, ep_tx, ep_rx, (uint32_t)sent, (uint32_t)sent,
			   "outq"))
			outq_drops_to_zero(&p, "outq");
	}
	close(ep_tx);
	close(ep_rx);
	pair_close(&p);
}

static int sig_seen;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)si;
	(void)uc;
	sig_seen = sig;
}

static void t_sigio(void)
{
	struct sigaction sa = { .sa_sigaction = on_sig, .sa_flags = SA_SIGINFO };
	struct timespec ts = { .tv_sec = 10 }, zero = { 0 };
	sigset_t set;
	siginfo_t si;
	struct pair p;
	int sig;

	if (pair_open(&p))
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGIO);
	sigaddset(&set, SIGRTMIN + 1);
	sigaction(SIGIO, &sa, NULL);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	/* Taken synchronously with sigtimedwait(), never by the handler. */
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (fcntl(p.rx, F_SETOWN, getpid()) ||
	    fcntl(p.rx, F_SETFL, fcntl(p.rx, F_GETFL) | O_ASYNC | O_NONBLOCK)) {
		fail("sigio: F_SETOWN/O_ASYNC: %s", strerror(errno));
		goto out;
	}
	sig = sigtimedwait(&set, &si, &zero);
	if (sig < 0)
		ok("sigio: no signal before a message");
	else
		fail("sigio: signal %d before any message", sig);

	if (send_seq(&p, 1, 100, 0) != 100) {
		fail("sigio: send: %s", errname(errno));
		goto out;
	}
	sig = sigtimedwait(&set, &si, &ts);
	if (sig == SIGIO)
		ok("sigio: SIGIO on arrival");
	else
		fail("sigio: no SIGIO within 10 s (%d)", sig);
	recv_seq(&p, 1, 100, 1000, "sigio");

	/* F_SETSIG: a queued signal that names the descriptor and the band. */
	if (fcntl(p.rx, F_SETSIG, SIGRTMIN + 1)) {
		fail("sigio: F_SETSIG: %s", strerror(errno));
		goto out;
	}
	while (sigtimedwait(&set, &si, &zero) >= 0)
		;
	if (send_seq(&p, 2, 200, 0) != 200) {
		fail("sigio: send: %s", errname(errno));
		goto out;
	}
	sig = sigtimedwait(&set, &si, &ts);
	if (sig == SIGRTMIN + 1 && si.si_code == POLL_IN &&
	    si.si_fd == p.rx && (si.si_band & POLLIN))
		ok("sigio: F_SETSIG signal with POLL_IN, si_fd and POLLIN");
	else
		fail("sigio: F_SETSIG: signal %d code %d fd %d (want %d) band %#lx",
		     sig, si.si_code, si.si_fd, p.rx, (long)si.si_band);
	recv_seq(&p, 2, 200, 1000, "sigio");
out:
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	pair_close(&p);
}

static void t_rcvtimeo(void)
{
	struct timeval tv = { .tv_usec = 500000 }, back;
	socklen_t len = sizeof(back);
	struct pair p;
	long t0, dt;
	ssize_t n;

	if (pair_open(&p))
		return;
	if (setsockopt(p.rx, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    getsockopt(p.rx, SOL_SOCKET, SO_RCVTIMEO, &back, &len) ||
	    back.tv_sec != 0 || back.tv_usec < 490000 ||
	    back.tv_usec > 510000) {
		fail("rcvtimeo: SO_RCVTIMEO not set: %s", strerror(errno));
		goto out;
	}
	t0 = now_ms();
	n = recv(p.rx, buf, sizeof(buf), 0);
	dt = now_ms() - t0;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
	    dt >= 450 && dt < 3000)
		ok("rcvtimeo: blocking recv: EAGAIN after %ld ms (timeout 500)",
		   dt);
	else
		fail("rcvtimeo: recv returned %zd (%s) after %ld ms", n,
		     n < 0 ? errname(errno) : "data", dt);
	/* The timeout leaves a message that does arrive alone. */
	if (send_seq(&p, 3, 300, 0) != 300)
		fail("rcvtimeo: send: %s", errname(errno));
	n = recv(p.rx, buf, sizeof(buf), 0);
	if (msg_is(buf, n, 300, 3))
		ok("rcvtimeo: a message within the timeout is received");
	else
		fail("rcvtimeo: recv returned %zd (%s)", n,
		     n < 0 ? errname(errno) : "data");
out:
	pair_close(&p);
}

static void t_sndtimeo(void)
{
	struct timeval tv = { .tv_usec = 500000 };
	int ep_tx, ep_rx;
	struct pair p;
	long sent, t0, dt;
	ssize_t n;

	if (pair_open(&p))
		return;
	set_nonblock(p.tx, 1);
	ep_tx = epoll_for(p.tx, EPOLLOUT);
	ep_rx = epoll_for(p.rx, EPOLLIN);
	sent = fill(&p, ep_tx);
	if (sent < 0)
		goto out;
	ok("sndtimeo: full after %ld messages", sent);
	set_nonblock(p.tx, 0);
	if (setsockopt(p.tx, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv))) {
		fail("sndtimeo: SO_SNDTIMEO: %s", strerror(errno));
		goto out;
	}
	t0 = now_ms();
	n = send_seq(&p, (uint32_t)sent, MSG_LEN, 0);
	dt = now_ms() - t0;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
	    dt >= 450 && dt < 3000)
		ok("sndtimeo: blocking send on a full buffer: EAGAIN after %ld ms (timeout 500)",
		   dt);
	else
		fail("sndtimeo: send returned %zd (%s) after %ld ms", n,
		     n < 0 ? errname(errno) : "sent", dt);
	if (n == MSG_LEN)
		sent++;	/* keep the stream whole for drain() */
	/* The timed-out send queued nothing: the stream has no hole. */
	set_nonblock(p.rx, 1);
	set_nonblock(p.tx, 1);
	drain(&p, ep_tx, ep_rx, (uint32_t)sent, (uint32_t)sent + 10,
	      "sndtimeo");
out:
	close(ep_tx);
	close(ep_rx);
	pair_close(&p);
}

static void t_peek(void)
{
	struct sockaddr_cluster a1, a2;
	socklen_t l1 = sizeof(a1), l2 = sizeof(a2);
	static unsigned char peeked[2048];
	struct pair p;
	ssize_t n1, n2;

	if (pair_open(&p))
		return;
	if (send_seq(&p, 4, 1500, 0) != 1500) {
		fail("peek: send: %s", errname(errno));
		goto out;
	}
	if (!(wait_for(p.rx, POLLIN, 10000) & POLLIN)) {
		fail("peek: nothing arrived");
		goto out;
	}
	n1 = recvfrom(p.rx, peeked, sizeof(peeked), MSG_PEEK,
		      (struct sockaddr *)&a1, &l1);
	n2 = recvfrom(p.rx, buf, sizeof(buf), MSG_DONTWAIT,
		      (struct sockaddr *)&a2, &l2);
	if (n1 == 1500 && n2 == 1500 && msg_is(peeked, n1, 1500, 4) &&
	    msg_is(buf, n2, 1500, 4))
		ok("peek: MSG_PEEK and recv give the same 1500-byte message");
	else
		fail("peek: MSG_PEEK %zd bytes, recv %zd bytes, contents differ",
		     n1, n2);
	if (l1 == sizeof(a1) && l2 == sizeof(a2) && !memcmp(&a1, &a2, l1) &&
	    a1.scl_node == p.txa.scl_node && a1.scl_port == p.txa.scl_port)
		ok("peek: the same sender %u:%u", a1.scl_node, a1.scl_port);
	else
		fail("peek: senders %u:%u and %u:%u", a1.scl_node, a1.scl_port,
		     a2.scl_node, a2.scl_port);
	if (recv(p.rx, buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno == EAGAIN)
		ok("peek: the message was received once");
	else
		fail("peek: another message after the peeked one");
out:
	pair_close(&p);
}

static void t_fionread(void)
{
	struct pair p;
	int v;

	if (pair_open(&p))
		return;
	v = ioctl_int(p.rx, FIONREAD);
	if (v == 0)
		ok("fionread: 0 on an empty queue");
	else
		fail("fionread: %d on an empty queue", v);
	if (send_seq(&p, 5, 1234, 0) != 1234 || send_seq(&p, 6, 77, 0) != 77) {
		fail("fionread: send: %s", errname(errno));
		goto out;
	}
	wait_for(p.rx, POLLIN, 10000);
	v = ioctl_int(p.rx, FIONREAD);
	if (v == 1234 && ioctl_int(p.rx, SIOCINQ) == 1234)
		ok("fionread: FIONREAD and SIOCINQ 1234 (the next message)");
	else
		fail("fionread: FIONREAD %d, expected 1234", v);
	recv_seq(&p, 5, 1234, 1000, "fionread");
	wait_for(p.rx, POLLIN, 10000);
	v = ioctl_int(p.rx, FIONREAD);
	if (v == 77)
		ok("fionread: 77 for the second message");
	else
		fail("fionread: %d for the second message, expected 77", v);
	recv_seq(&p, 6, 77, 1000, "fionread");
	v = ioctl_int(p.rx, FIONREAD);
	if (v == 0)
		ok("fionread: 0 once read");
	else
		fail("fionread: %d once read", v);
	v = ioctl_int(p.rx, _IOR('z', 0x99, int));
	if (v == -ENOTTY)
		ok("fionread: an unknown ioctl fails with ENOTTY");
	else
		fail("fionread: unknown ioctl returned %d", v);
out:
	pair_close(&p);
}

static void t_trunc(void)
{
	struct iovec iov = { buf, 100 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct pair p;
	ssize_t n;

	if (pair_open(&p))
		return;
	set_nonblock(p.rx, 1);
	/* A short buffer: what fits, and MSG_TRUNC in msg_flags. */
	send_seq(&p, 7, MSG_LEN, 0);
	wait_for(p.rx, POLLIN, 10000);
	n = recvmsg(p.rx, &msg, 0);
	{
		static unsigned char ref[MSG_LEN];

		make_msg(ref, MSG_LEN, 7);
		if (n == 100 && (msg.msg_flags & MSG_TRUNC) &&
		    !memcmp(buf, ref, 100))
			ok("trunc: 100-byte buffer: 100 bytes, MSG_TRUNC set");
		else
			fail("trunc: 100-byte buffer: %zd, msg_flags %#x", n,
			     msg.msg_flags);
	}
	if (recv(p.rx, buf, sizeof(buf), 0) < 0 && errno == EAGAIN)
		ok("trunc: the rest of a truncated message is discarded");
	else
		fail("trunc: the rest of the truncated message came next");

	/* The MSG_TRUNC flag: the message's real length. */
	send_seq(&p, 8, MSG_LEN, 0);
	wait_for(p.rx, POLLIN, 10000);
	msg.msg_flags = 0;
	n = recvmsg(p.rx, &msg, MSG_TRUNC);
	if (n == MSG_LEN && (msg.msg_flags & MSG_TRUNC))
		ok("trunc: MSG_TRUNC flag: the real length %d returned", MSG_LEN);
	else
		fail("trunc: MSG_TRUNC flag: %zd, msg_flags %#x", n,
		     msg.msg_flags);

	/* MSG_PEEK | MSG_TRUNC with no buffer sizes one. */
	send_seq(&p, 9, MSG_LEN, 0);
	wait_for(p.rx, POLLIN, 10000);
	n = recv(p.rx, NULL, 0, MSG_PEEK | MSG_TRUNC);
	if (n == MSG_LEN)
		ok("trunc: MSG_PEEK|MSG_TRUNC, no buffer: %d", MSG_LEN);
	else
		fail("trunc: MSG_PEEK|MSG_TRUNC, no buffer: %zd", n);
	/* A buffer that fits: no MSG_TRUNC. */
	iov.iov_len = MSG_LEN;
	msg.msg_flags = 0;
	n = recvmsg(p.rx, &msg, 0);
	if (n == MSG_LEN && !(msg.msg_flags & MSG_TRUNC) &&
	    msg_is(buf, n, MSG_LEN, 9))
		ok("trunc: exact buffer: whole message, no MSG_TRUNC");
	else
		fail("trunc: exact buffer: %zd, msg_flags %#x", n,
		     msg.msg_flags);
	pair_close(&p);
}

static void t_sockerr(void)
{
	struct sockaddr_cluster none;
	socklen_t len = sizeof(int);
	struct pair p;
	int err = -1, rev, nobody;

	if (pair_open(&p))
		return;
	/* A port of the receiver's node that nobody is bound to. */
	nobody = rdm_socket(ns_b, &none);
	if (nobody < 0)
		goto out;
	close(nobody);
	make_msg(buf, 10, 0);
	if (sendto(p.tx, buf, 10, 0, (struct sockaddr *)&none,
		   sizeof(none)) != 10) {
		fail("sockerr: send: %s", errname(errno));
		goto out;
	}
	rev = wait_for(p.tx, POLLIN, 10000);
	if (rev & POLLERR)
		ok("sockerr: POLLERR after a refusal");
	else
		fail("sockerr: no POLLERR within 10 s (revents %#x)", rev);
	getsockopt(p.tx, SOL_SOCKET, SO_ERROR, &err, &len);
	if (err == ECONNREFUSED)
		ok("sockerr: SO_ERROR ECONNREFUSED");
	else
		fail("sockerr: SO_ERROR %s", errname(err));
	getsockopt(p.tx, SOL_SOCKET, SO_ERROR, &err, &len);
	if (err == 0 && !(wait_for(p.tx, POLLIN, 0) & POLLERR))
		ok("sockerr: reported once, then 0");
	else
		fail("sockerr: SO_ERROR then %s", errname(err));
	if (send_seq(&p, 10, 50, 0) == 50 &&
	    !recv_seq(&p, 10, 50, 10000, "sockerr"))
		ok("sockerr: the socket still works");
out:
	pair_close(&p);
}

/* A valid send after each bad one: it must go through, and arrive. */
static void then_valid(struct pair *p, uint32_t *seq, const char *what)
{
	if (send_seq(p, *seq, 64, 0) != 64) {
		fail("%s: the next valid send: %s", what, errname(errno));
		return;
	}
	recv_seq(p, *seq, 64, 10000, what);
	(*seq)++;
}

static void bad_sendto(struct pair *p, uint32_t *seq, const char *what,
		       const struct sockaddr_cluster *to, socklen_t len,
		       int expected)
{
	long r;

	make_msg(buf, 64, 0);
	r = sendto(p->tx, buf, 64, 0, (const struct sockaddr *)to, len);
	if (!check_err(what, r, errno, expected))
		then_valid(p, seq, what);
}

static void t_bad(void)
{
	struct sockaddr_cluster to;
	struct iovec iov = { buf, 0 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	socklen_t len;
	uint32_t seq = 100;
	int one = 1, v, fd;
	struct pair p;
	long r;

	if (pair_open(&p))
		return;
	to = p.rxa;
	bad_sendto(&p, &seq, "address length 0", &to, 0, EINVAL);
	bad_sendto(&p, &seq, "address length 2", &to, 2, EINVAL);
	bad_sendto(&p, &seq, "address one byte short", &to,
		   sizeof(to) - 1, EINVAL);
	/* Through the raw system call: glibc's socklen_t is unsigned. */
	make_msg(buf, 64, 0);
	r = syscall(SYS_sendto, p.tx, buf, 64, 0, &to, -1);
	if (!check_err("address length -1", r, errno, EINVAL))
		then_valid(&p, &seq, "address length -1");
	msg.msg_name = &to;
	msg.msg_namelen = (socklen_t)-1;
	iov.iov_len = 64;
	r = sendmsg(p.tx, &msg, 0);
	if (!check_err("sendmsg msg_namelen -1", r, errno, EINVAL))
		then_valid(&p, &seq, "sendmsg msg_namelen -1");
	fd = socket(family, SOCK_RDM, 0);
	r = syscall(SYS_bind, fd, &to, -1);
	check_err("bind address length -1", r, errno, EINVAL);
	close(fd);

	to.scl_family = AF_INET;
	bad_sendto(&p, &seq, "wrong family", &to, sizeof(to), EAFNOSUPPORT);
	to = p.rxa;
	to.scl_port = 0;
	memset(to.scl_service, 'x', sizeof(to.scl_service));
	bad_sendto(&p, &seq, "service name without NUL (32 bytes)", &to,
		   sizeof(to), EINVAL);
	memset(to.scl_service, 0, sizeof(to.scl_service));
	memcpy(to.scl_service, "ec\x01ho", 5);
	bad_sendto(&p, &seq, "service name with a control char", &to,
		   sizeof(to), EINVAL);
	memcpy(to.scl_service, "ec ho", 5);
	bad_sendto(&p, &seq, "service name with a space", &to, sizeof(to),
		   EINVAL);
	memcpy(to.scl_service, "ec\x80ho", 5);
	bad_sendto(&p, &seq, "service name with a high-bit byte", &to,
		   sizeof(to), EINVAL);
	to = p.rxa;

	make_msg(buf, 64, 0);
	r = sendto(p.tx, buf, 64, MSG_OOB, (struct sockaddr *)&to, sizeof(to));
	if (!check_err("send MSG_OOB", r, errno, EOPNOTSUPP))
		then_valid(&p, &seq, "send MSG_OOB");
	r = sendto(p.tx, buf, 64, MSG_MORE, (struct sockaddr *)&to,
		   sizeof(to));
	if (!check_err("send MSG_MORE", r, errno, EOPNOTSUPP))
		then_valid(&p, &seq, "send MSG_MORE");

	/* Bad receive flags must not consume the message waiting. */
	if (send_seq(&p, seq, 64, 0) != 64) {
		fail("recv flags: send: %s", errname(errno));
	} else {
		wait_for(p.rx, POLLIN, 10000);
		r = recv(p.rx, buf, sizeof(buf), MSG_OOB | MSG_DONTWAIT);
		check_err("recv MSG_OOB", r, errno, EOPNOTSUPP);
		r = recv(p.rx, buf, sizeof(buf), MSG_WAITALL | MSG_DONTWAIT);
		check_err("recv MSG_WAITALL", r, errno, EOPNOTSUPP);
		recv_seq(&p, seq, 64, 1000, "recv after bad flags");
		seq++;
	}

	r = setsockopt(p.tx, SOL_CLUSTER, 999, &one, sizeof(one));
	check_err("setsockopt SOL_CLUSTER 999", r, errno, ENOPROTOOPT);
	len = sizeof(v);
	r = getsockopt(p.tx, SOL_CLUSTER, 999, &v, &len);
	check_err("getsockopt SOL_CLUSTER 999", r, errno, ENOPROTOOPT);
	r = setsockopt(p.tx, SOL_CLUSTER, CLUSTER_RECVERR, &one, 2);
	check_err("setsockopt CLUSTER_RECVERR, optlen 2", r, errno, EINVAL);
	r = setsockopt(p.tx, SOL_CLUSTER, CLUSTER_RECVERR, &one, 0);
	check_err("setsockopt CLUSTER_RECVERR, optlen 0", r, errno, EINVAL);
	len = sizeof(v);
	v = -1;
	if (!getsockopt(p.tx, SOL_CLUSTER, CLUSTER_RECVERR, &v, &len) && !v)
		ok("CLUSTER_RECVERR still off");
	else
		fail("CLUSTER_RECVERR %d after refused sets", v);
	then_valid(&p, &seq, "after bad options");

	make_msg(buf, MAX_MSG + 1, 0);
	r = sendto(p.tx, buf, MAX_MSG + 1, 0, (struct sockaddr *)&to,
		   sizeof(to));
	if (!check_err("message of 1 MiB + 1", r, errno, EMSGSIZE))
		then_valid(&p, &seq, "message of 1 MiB + 1");
	r = sendto(p.tx, buf, 0, 0, (struct sockaddr *)&to, sizeof(to));
	if (!check_err("zero-length send", r, errno, EINVAL))
		then_valid(&p, &seq, "zero-length send");
	msg.msg_namelen = sizeof(to);
	iov.iov_len = 0;
	r = sendmsg(p.tx, &msg, 0);
	if (!check_err("zero-length sendmsg", r, errno, EINVAL))
		then_valid(&p, &seq, "zero-length sendmsg");
	/* The largest message is fine, and arrives whole. */
	if (send_seq(&p, seq, MAX_MSG, 0) != MAX_MSG)
		fail("message of 1 MiB: %s", errname(errno));
	else if (!recv_seq(&p, seq, MAX_MSG, 30000, "message of 1 MiB"))
		ok("message of 1 MiB sent and received whole");
	seq++;

	len = sizeof(v);
	v = -1;
	getsockopt(p.tx, SOL_SOCKET, SO_ERROR, &v, &len);
	if (!v)
		ok("no pending error after the bad input");
	else
		fail("SO_ERROR %s after the bad input", errname(v));
	if (!(wait_for(p.rx, POLLIN, 300) & POLLIN))
		ok("nothing else arrived");
	else
		fail("a message the bad input should not have sent arrived");
	pair_close(&p);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "epoll", t_epoll },
	{ "bufs", t_bufs },
	{ "sigio", t_sigio },
	{ "rcvtimeo", t_rcvtimeo },
	{ "sndtimeo", t_sndtimeo },
	{ "peek", t_peek },
	{ "fionread", t_fionread },
	{ "outq", t_outq },
	{ "trunc", t_trunc },
	{ "sockerr", t_sockerr },
	{ "bad", t_bad },
};

static int usage(void)
{
	size_t i;

	fprintf(stderr, "usage: afc-api -a NETNS_A -b NETNS_B TEST...\ntests:");
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		fprintf(stderr, " %s", tests[i].name);
	fprintf(stderr, "\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *a = NULL, *b = NULL;
	int opt, i;
	size_t t;

	while ((opt = getopt(argc, argv, "a:b:")) != -1) {
		switch (opt) {
		case 'a': a = optarg; break;
		case 'b': b = optarg; break;
		default: return usage();
		}
	}
	if (!a || !b || optind == argc)
		return usage();
	for (i = optind; i < argc; i++) {
		for (t = 0; t < sizeof(tests) / sizeof(tests[0]); t++)
			if (!strcmp(argv[i], tests[t].name))
				break;
		if (t == sizeof(tests) / sizeof(tests[0]))
			return usage();
	}
	family = family_in_use();
	ns_a = open_netns(a);
	ns_b = open_netns(b);
	if (ns_a < 0 || ns_b < 0)
		return 2;
	/* A dead peer must fail a send, not kill the test with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	for (i = optind; i < argc; i++)
		for (t = 0; t < sizeof(tests) / sizeof(tests[0]); t++)
			if (!strcmp(argv[i], tests[t].name))
				tests[t].fn();
	return failed;
}
