// SPDX-License-Identifier: GPL-2.0
/*
 * afc-sock: open and bind one AF_CLUSTER socket, for the netns tests.
 *
 *   afc-sock [-t rdm|seqpacket|stream] [-p PORT] [-f FAMILY] [--hold]
 *
 * Prints "port N" (the bound port from getsockname) and exits 0, or prints
 * "error ENAME" and exits 1.  With --hold it then waits for SIGTERM/SIGINT
 * with the socket open, so a test can
 * hold a module reference.  The family defaults to the one the loaded module
 * registered (/sys/module/af_cluster/parameters/family).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/af_cluster.h>

static const char *errname(int err)
{
	switch (err) {
	case EACCES: return "EACCES";
	case EADDRINUSE: return "EADDRINUSE";
	case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case EINVAL: return "EINVAL";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	case ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
	case EPERM: return "EPERM";
	default: return strerror(err);
	}
}

static int family_in_use(void)
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

static void on_signal(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sockaddr_cluster addr = { 0 };
	socklen_t len = sizeof(addr);
	int type = SOCK_RDM, family = family_in_use(), hold = 0, fd, i;
	long port = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-t") && i + 1 < argc) {
			i++;
			if (!strcmp(argv[i], "rdm"))
				type = SOCK_RDM;
			else if (!strcmp(argv[i], "seqpacket"))
				type = SOCK_SEQPACKET;
			else if (!strcmp(argv[i], "stream"))
				type = SOCK_STREAM;
			else
				return fprintf(stderr, "bad type %s\n", argv[i]), 2;
		} else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
			port = strtol(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "-f") && i + 1 < argc) {
			family = (int)strtol(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--hold")) {
			hold = 1;
		} else {
			fprintf(stderr, "usage: afc-sock [-t rdm|seqpacket|stream] [-p PORT] [-f FAMILY] [--hold]\n");
			return 2;
		}
	}

	fd = socket(family, type, 0);
	if (fd < 0) {
		printf("error %s\n", errname(errno));
		return 1;
	}
	addr.scl_family = (__kernel_sa_family_t)family;
	addr.scl_port = (__u16)port;
	addr.scl_node = CLUSTER_NODE_ANY;
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&addr, &len) < 0) {
		printf("error %s\n", errname(errno));
		return 1;
	}
	printf("port %u\n", addr.scl_port);
	fflush(stdout);
	if (hold) {
		signal(SIGTERM, on_signal);
		signal(SIGINT, on_signal);
		pause();
	}
	close(fd);
	return 0;
}
