/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote nodes ("peers"): every node whose HELLO or handshake was heard,
 * with the channels that lead to it.  Virtual circuits will hang here.
 */
#ifndef _AF_CLUSTER_PEER_H
#define _AF_CLUSTER_PEER_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/af_cluster.h>

struct cluster_net;

/* Remote nodes a node keeps track of; more are dropped and counted. */
#define CLUSTER_PEERS_MAX	1024

/**
 * struct cluster_peer - a remote node
 * @list: entry in &cluster_net.peers
 * @id: its node id
 * @name: its node name from its latest HELLO, NUL-terminated
 * @channels: struct cluster_channel, by &cluster_channel.peer_list
 * @n_channels: entries in @channels
 * @n_open: open channels in @channels
 *
 * Locking: everything under &cluster_net.chan_lock.  A peer exists while
 * it has channels: cluster_peer_put_channel() frees it with its last one.
 */
struct cluster_peer {
	struct list_head list;
	u32 id;
	char name[CLUSTER_NODE_NAME_MAX];
	struct list_head channels;
	unsigned int n_channels;
	unsigned int n_open;
};

struct cluster_peer *cluster_peer_get(struct cluster_net *cn, u32 id);
void cluster_peer_put_channel(struct cluster_net *cn, struct cluster_peer *p);
void cluster_peer_set_name(struct cluster_peer *p, const char *name);

#endif /* _AF_CLUSTER_PEER_H */
