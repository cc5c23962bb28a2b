/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AF_CLUSTER socket addresses.  Pure code: no socket or netdev state, so
 * KUnit and a userspace fuzzer can drive it.
 */
#ifndef _AF_CLUSTER_ADDR_H
#define _AF_CLUSTER_ADDR_H

#include <linux/types.h>
#include <linux/af_cluster.h>

struct sockaddr;

/**
 * struct cluster_addr - a validated AF_CLUSTER address
 * @node: node id; %CLUSTER_NODE_ANY and %CLUSTER_NODE_ALL are passed through
 * @port: port, host byte order; always 0 when @service is set
 * @service: service name, printable ASCII without spaces, NUL-padded;
 *	empty for explicit (node, port) addressing
 */
struct cluster_addr {
	u32 node;
	u16 port;
	char service[CLUSTER_SERVICE_MAX];
};

int cluster_addr_parse(const struct sockaddr *uaddr, int addr_len,
		       int family, struct cluster_addr *out);

static inline bool cluster_addr_is_service(const struct cluster_addr *addr)
{
	return addr->service[0] != '\0';
}

/*
 * Can @addr be sent or connected to?  A service name (any node, one node
 * or, for sendmsg, every provider), or one node and one port.
 */
static inline bool cluster_addr_is_destination(const struct cluster_addr *addr)
{
	return cluster_addr_is_service(addr) ||
	       (addr->node != CLUSTER_NODE_ANY &&
		addr->node != CLUSTER_NODE_ALL &&
		addr->port != CLUSTER_PORT_ANY);
}

#endif /* _AF_CLUSTER_ADDR_H */
