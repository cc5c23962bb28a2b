// SPDX-License-Identifier: GPL-2.0
/*
 * afc-errq: send one SOCK_RDM message to a port nobody is bound to and
 * report how the refusal comes back.
 *
 *   afc-errq -N NODE -p PORT [-e] [-T SECONDS]
 *
 * Without -e the socket's pending error must become ECONNREFUSED: the
 * next receive call returns it, the one after that EAGAIN.  With -e
 * (CLUSTER_RECVERR on) the refusal must arrive on the error queue:
 * recvmsg(MSG_ERRQUEUE) gives the destination in msg_name and a
 * SOL_CLUSTER/CLUSTER_RECVERR cmsg with ECONNREFUSED.  Prints one line
 * "refused ..." and exits 0 when it does; 1 otherwise.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/af_cluster.h>
#include <linux/errqueue.h>

static int fail(const char *what)
{
	printf("FAIL %s: %s\n", what, strerror(errno));
	return 1;
}

/* The option's input checks: clear errors, nothing changed. */
static int check_option(int fd)
{
	int one = 1, val = -1;
	socklen_t len = sizeof(val);

	if (setsockopt(fd, SOL_CLUSTER, CLUSTER_RECVERR, &one, 2) == 0 ||
	    errno != EINVAL)
		return fail("short CLUSTER_RECVERR accepted");
	if (setsockopt(fd, SOL_CLUSTER, 999, &one, sizeof(one)) == 0 ||
	    errno != ENOPROTOOPT)
		return fail("unknown option accepted");
	if (setsockopt(fd, SOL_CLUSTER, CLUSTER_RECVERR, &one, sizeof(one)))
		return fail("setsockopt CLUSTER_RECVERR");
	if (getsockopt(fd, SOL_CLUSTER, CLUSTER_RECVERR, &val, &len) ||
	    val != 1 || len != sizeof(val))
		return fail("getsockopt CLUSTER_RECVERR");
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_cluster dst = { .scl_family = AF_CLUSTER }, from;
	unsigned int node = 0, port = 0;
	int fd, opt, recverr = 0, timeout = 10;
	char buf[100] = "refuse me", control[256];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr msg = { 0 };
	struct sock_extended_err *ee = NULL;
	struct cmsghdr *cm;
	struct pollfd pfd;

	while ((opt = getopt(argc, argv, "N:p:eT:")) != -1) {
		switch (opt) {
		case 'N': node = strtoul(optarg, NULL, 0); break;
		case 'p': port = strtoul(optarg, NULL, 0); break;
		case 'e': recverr = 1; break;
		case 'T': timeout = atoi(optarg); break;
		default: return 2;
		}
	}
	if (!node || !port) {
		fprintf(stderr, "usage: afc-errq -N NODE -p PORT [-e] [-T SECONDS]\n");
		return 2;
	}
	fd = socket(AF_CLUSTER, SOCK_RDM, 0);
	if (fd < 0)
		return fail("socket");
	if (recverr && check_option(fd))
		return 1;
	dst.scl_node = node;
	dst.scl_port = port;
	if (sendto(fd, buf, sizeof(buf), 0, (struct sockaddr *)&dst,
		   sizeof(dst)) != sizeof(buf))
		return fail("sendto");

	/* The refusal makes the socket readable for an error. */
	pfd.fd = fd;
	pfd.events = 0;
	if (poll(&pfd, 1, timeout * 1000) != 1 || !(pfd.revents & POLLERR)) {
		errno = ETIMEDOUT;
		return fail("poll for POLLERR");
	}

	if (!recverr) {
		if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0 ||
		    errno != ECONNREFUSED)
			return fail("pending error not ECONNREFUSED");
		if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0 ||
		    errno != EAGAIN)
			return fail("second receive not EAGAIN");
		printf("refused ECONNREFUSED (pending error, then EAGAIN)\n");
		return 0;
	}

	msg.msg_name = &from;
	msg.msg_namelen = sizeof(from);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control;
	msg.msg_controllen = sizeof(control);
	if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
		return fail("recvmsg MSG_ERRQUEUE");
	for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm))
		if (cm->cmsg_level == SOL_CLUSTER &&
		    cm->cmsg_type == CLUSTER_RECVERR)
			ee = (struct sock_extended_err *)CMSG_DATA(cm);
	if (!ee || !(msg.msg_flags & MSG_ERRQUEUE)) {
		errno = ENOMSG;
		return fail("no CLUSTER_RECVERR cmsg");
	}
	if (ee->ee_errno != ECONNREFUSED ||
	    ee->ee_origin != SO_EE_ORIGIN_LOCAL || ee->ee_info != port ||
	    ee->ee_data != node || msg.msg_namelen != sizeof(from) ||
	    from.scl_node != node || from.scl_port != port) {
		errno = EBADMSG;
		return fail("wrong refusal");
	}
	/* Nothing more queued, and no pending error left behind. */
	if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) >= 0 ||
	    errno != EAGAIN)
		return fail("second MSG_ERRQUEUE read not EAGAIN");
	if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0 || errno != EAGAIN)
		return fail("receive after the error queue not EAGAIN");
	printf("refused node %u port %u errno ECONNREFUSED (error queue)\n",
	       from.scl_node, from.scl_port);
	close(fd);
	return 0;
}
