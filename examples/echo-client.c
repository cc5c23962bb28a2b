// SPDX-License-Identifier: GPL-2.0
/*
 * echo-client: connect to the SOCK_SEQPACKET service "echo", send each
 * argument as a message and print the replies.
 *
 *   echo-client [-s SERVICE] [-n NODE] MESSAGE...
 *
 * -n restricts the choice of a provider to the node NODE.
 */
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
	const char *service = "echo";
	static char buf[MSG_MAX];
	struct sockaddr_cluster addr;
	int family = cluster_family();
	unsigned long node = CLUSTER_NODE_ANY;
	int fd, opt, i;
	ssize_t n;

	while ((opt = getopt(argc, argv, "s:n:")) != -1) {
		switch (opt) {
		case 's':
			service = optarg;
			break;
		case 'n':
			node = strtoul(optarg, NULL, 0);
			break;
		default:
			goto usage;
		}
	}
	if (optind == argc || strlen(service) >= sizeof(addr.scl_service))
		goto usage;

	memset(&addr, 0, sizeof(addr));
	addr.scl_family = family;
	addr.scl_node = node;
	strcpy(addr.scl_service, service);

	fd = socket(family, SOCK_SEQPACKET, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("echo-client");
		exit(EXIT_FAILURE);
	}

	for (i = optind; i < argc; i++) {
		if (send(fd, argv[i], strlen(argv[i]), MSG_NOSIGNAL) < 0) {
			perror("send");
			exit(EXIT_FAILURE);
		}
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			perror("recv");
			exit(EXIT_FAILURE);
		}
		if (n == 0) {
			fprintf(stderr, "echo-client: the server closed\n");
			exit(EXIT_FAILURE);
		}
		printf("%.*s\n", (int)n, buf);
	}
	close(fd);
	exit(EXIT_SUCCESS);

usage:
	fprintf(stderr, "usage: echo-client [-s SERVICE] [-n NODE] MESSAGE...\n");
	exit(EXIT_FAILURE);
}
