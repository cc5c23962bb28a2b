// SPDX-License-Identifier: GPL-2.0
/*
 * echo-server: a SOCK_SEQPACKET server of the service "echo" (or the
 * name given), one client at a time: every message it receives goes back
 * to its sender unchanged.
 *
 *   echo-server [SERVICE]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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

int main(int argc, char *argv[])
{
	const char *service = argc > 1 ? argv[1] : "echo";
	static char buf[MSG_MAX];
	struct sockaddr_cluster addr;
	int family = cluster_family();
	int lfd, fd;
	ssize_t n;

	if (strlen(service) >= sizeof(addr.scl_service)) {
		fprintf(stderr, "echo-server: service name too long\n");
		exit(EXIT_FAILURE);
	}
	memset(&addr, 0, sizeof(addr));
	addr.scl_family = family;
	strcpy(addr.scl_service, service);

	lfd = socket(family, SOCK_SEQPACKET, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(lfd, 16) < 0) {
		perror("echo-server");
		exit(EXIT_FAILURE);
	}

	for (;;) {
		struct sockaddr_cluster peer;
		socklen_t len = sizeof(peer);

		fd = accept(lfd, (struct sockaddr *)&peer, &len);
		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("accept");
			exit(EXIT_FAILURE);
		}
		printf("connection from node %u port %u\n", peer.scl_node,
		       peer.scl_port);

		/* recv() returns 0 once the client has closed. */
		while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
			if (send(fd, buf, n, MSG_NOSIGNAL) < 0) {
				perror("send");
				break;
			}
		}
		if (n < 0)
			perror("recv");
		close(fd);
	}
}
