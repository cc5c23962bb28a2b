// SPDX-License-Identifier: GPL-2.0
/*
 * afc-sock: open and bind one AF_CLUSTER socket, for the netns tests.
 *
 *   afc-sock [-t rdm|seqpacket|stream] [-P PROTOCOL] [-f FAMILY] [-a FAMILY]
 *            [-p PORT] [-n NODE] [-s SERVICE] [-l ADDRLEN] [--rebind] [--probe]
 *            [--hold]
 *
 * -f is the socket's family, -a the family written into the address.
 * --probe then tries a non-blocking recv, a send and getpeername and prints
 * "recv|send|peer error ENAME" (or "... ok") for each.
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
	case ENOTCONN: return "ENOTCONN";
	case EAGAIN: return "EAGAIN";
	case EHOSTUNREACH: return "EHOSTUNREACH";
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

static void report(const char *what, int err)
{
	if (err)
		printf("%s error %s\n", what, errname(err));
	else
		printf("%s ok\n", what);
}

static void on_signal(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sockaddr_cluster addr = { 0 };
	socklen_t len = sizeof(addr);
	int type = SOCK_RDM, family = family_in_use(), hold = 0, rebind = 0;
	int protocol = 0, addr_family = -1, probe = 0, fd, i;
	long port = 0, node = CLUSTER_NODE_ANY, addrlen = sizeof(addr);
	const char *service = "";

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
		} else if (!strcmp(argv[i], "-a") && i + 1 < argc) {
			addr_family = (int)strtol(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "-P") && i + 1 < argc) {
			protocol = (int)strtol(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			node = strtol(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			service = argv[++i];
		} else if (!strcmp(argv[i], "-l") && i + 1 < argc) {
			addrlen = strtol(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--probe")) {
			probe = 1;
		} else if (!strcmp(argv[i], "--rebind")) {
			rebind = 1;
		} else if (!strcmp(argv[i], "-f") && i + 1 < argc) {
			family = (int)strtol(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--hold")) {
			hold = 1;
		} else {
			fprintf(stderr, "usage: afc-sock [-t rdm|seqpacket|stream] [-P PROTOCOL] [-f FAMILY] [-a FAMILY] [-p PORT] [-n NODE] [-s SERVICE] [-l ADDRLEN] [--rebind] [--probe] [--hold]\n");
			return 2;
		}
	}

	fd = socket(family, type, protocol);
	if (fd < 0) {
		printf("error %s\n", errname(errno));
		return 1;
	}
	addr.scl_family = (__kernel_sa_family_t)(addr_family < 0 ? family : addr_family);
	addr.scl_port = (__u16)port;
	addr.scl_node = (__u32)node;
	/* Copies at most the field's size: a name without NUL is a test case. */
	memcpy(addr.scl_service, service, strnlen(service, sizeof(addr.scl_service)));
	if (bind(fd, (struct sockaddr *)&addr, (socklen_t)addrlen) < 0 ||
	    (rebind && bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) ||
	    getsockname(fd, (struct sockaddr *)&addr, &len) < 0) {
		printf("error %s\n", errname(errno));
		return 1;
	}
	printf("port %u\n", addr.scl_port);
	if (probe) {
		char buf[16];

		report("recv", recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 ? errno : 0);
		report("send", sendto(fd, "x", 1, MSG_DONTWAIT, (struct sockaddr *)&addr,
				      sizeof(addr)) < 0 ? errno : 0);
		len = sizeof(addr);
		report("peer", getpeername(fd, (struct sockaddr *)&addr, &len) < 0 ? errno : 0);
	}
	fflush(stdout);
	if (hold) {
		signal(SIGTERM, on_signal);
		signal(SIGINT, on_signal);
		pause();
	}
	close(fd);
	return 0;
}
