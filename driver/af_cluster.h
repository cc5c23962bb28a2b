/* SPDX-License-Identifier: GPL-2.0 */
/*
 * af_cluster internals shared by the driver's files.
 */
#ifndef _AF_CLUSTER_H
#define _AF_CLUSTER_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include <linux/af_cluster.h>

#include "node.h"

#define AF_CLUSTER_VERSION	"0.1.0"

/* Wire protocol version, reported as CLUSTER_A_PROTO_VERSION. */
#define CLUSTER_PROTO_VERSION	1

struct net;
struct sock;

/* Module parameters (main.c), validated at load and read-only after. */
extern int cluster_family;
extern unsigned short cluster_ethertype;

/**
 * struct cluster_net - per network namespace state: one cluster node
 * @lock: protects @node_id and @node_name
 * @node_id: this node's id, %CLUSTER_NODE_ANY (0) until configured
 * @node_name: this node's name, NUL-terminated, empty until configured
 * @ports: bound sockets (struct sock *) indexed by port
 * @next_port: cursor for cyclic ephemeral port allocation
 * @rx_unclaimed: frames of our ethertype that no adapter claimed
 *
 * Locking rules:
 * - @lock is a mutex: every reader and writer of @node_id and @node_name
 *   runs in process context (generic netlink, bind, getname).
 * - @ports uses its own xa_lock, taken by the xa_*() calls; @next_port is
 *   only read and written by xa_alloc_cyclic() under that lock.  Entries
 *   are inserted by bind() and erased by release() of the owning socket,
 *   both under that socket's lock_sock(); a socket is never freed while
 *   it is in @ports.  Sockets are SOCK_RCU_FREE, so a future lookup may
 *   xa_load() under rcu_read_lock() and take a reference.
 * - @rx_unclaimed is an atomic64_t, updated locklessly in softirq.
 * - Lock order: lock_sock() may be held while taking @lock or the xa_lock;
 *   @lock and the xa_lock are never held together.
 */
struct cluster_net {
	struct mutex lock;	/* node identity, see above */
	u32 node_id;
	char node_name[CLUSTER_NODE_NAME_MAX];

	struct xarray ports;
	u32 next_port;

	atomic64_t rx_unclaimed;
};

/**
 * struct cluster_node_info - a consistent snapshot of a node's identity
 * @id: node id, 0 if not configured
 * @name: node name, NUL-terminated, empty if not configured
 */
struct cluster_node_info {
	u32 id;
	char name[CLUSTER_NODE_NAME_MAX];
};

/* netns.c */
struct cluster_net *cluster_net(const struct net *net);
int cluster_netns_init(void);
void cluster_netns_exit(void);

/* node.c */
u32 cluster_node_get_id(struct cluster_net *cn);
void cluster_node_get(struct cluster_net *cn, struct cluster_node_info *info);
int cluster_node_set(struct cluster_net *cn, const u32 *id,
		     const char *name, size_t name_len);

/* port.c */
void cluster_ports_init(struct cluster_net *cn);
void cluster_ports_destroy(struct cluster_net *cn);
int cluster_port_insert(struct cluster_net *cn, u16 port, struct sock *sk);
int cluster_port_alloc(struct cluster_net *cn, struct sock *sk, u16 *port);
void cluster_port_remove(struct cluster_net *cn, u16 port, struct sock *sk);

/* socket.c */
int cluster_socket_init(void);
void cluster_socket_exit(void);

/* packet.c */
void cluster_packet_init(void);
void cluster_packet_exit(void);

/* netlink.c */
int cluster_genl_init(void);
void cluster_genl_exit(void);

#endif /* _AF_CLUSTER_H */
