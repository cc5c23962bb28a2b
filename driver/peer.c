// SPDX-License-Identifier: GPL-2.0
/*
 * Remote nodes: a small table, looked up by node id under the node's
 * chan_lock.  A linear list: a cluster has tens of nodes, and the table is
 * bounded by CLUSTER_PEERS_MAX.
 */

#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "af_cluster.h"
#include "peer.h"

/**
 * cluster_peer_get() - find or create the remote node @id
 * @cn: the node; chan_lock held
 * @id: remote node id (valid, not ours)
 *
 * The caller links a channel to the result at once: a peer without
 * channels is freed by the next cluster_peer_put_channel() only, so an
 * unused new peer would linger.
 *
 * Return: the peer, or NULL if the table is full or memory is short.
 */
struct cluster_peer *cluster_peer_get(struct cluster_net *cn, u32 id)
{
	struct cluster_peer *p;

	lockdep_assert_held(&cn->chan_lock);
	list_for_each_entry(p, &cn->peers, list)
		if (p->id == id)
			return p;
	if (cn->n_peers >= CLUSTER_PEERS_MAX)
		return NULL;
	p = kzalloc(sizeof(*p), GFP_ATOMIC);
	if (!p)
		return NULL;
	p->id = id;
	INIT_LIST_HEAD(&p->channels);
	list_add_tail(&p->list, &cn->peers);
	cn->n_peers++;
	return p;
}

/* A channel of @p was unlinked from it: free @p with its last channel. */
void cluster_peer_put_channel(struct cluster_net *cn, struct cluster_peer *p)
{
	lockdep_assert_held(&cn->chan_lock);
	if (--p->n_channels)
		return;
	list_del(&p->list);
	cn->n_peers--;
	kfree(p);
}

/* @name comes from a decoded HELLO: valid and NUL-terminated. */
void cluster_peer_set_name(struct cluster_peer *p, const char *name)
{
	strscpy(p->name, name, sizeof(p->name));
}
