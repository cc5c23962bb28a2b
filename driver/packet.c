// SPDX-License-Identifier: GPL-2.0
/*
 * Reception of af_cluster frames: a packet_type for the "ethertype" module
 * parameter, on every device of every namespace.
 */

#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "af_cluster.h"

/*
 * No adapter (per-device protocol instance) exists yet to claim frames:
 * count them per node, so tests can see them arrive, and drop them.
 */
static int cluster_packet_rcv(struct sk_buff *skb, struct net_device *dev,
			      struct packet_type *pt,
			      struct net_device *orig_dev)
{
	struct cluster_net *cn = cluster_net(dev_net(skb->dev));

	atomic64_inc(&cn->rx_unclaimed);
	kfree_skb(skb);
	return NET_RX_DROP;
}

/* Not const: dev_add_pack() links it into the core's list. */
static struct packet_type cluster_packet_type = {
	/* .type is set from the module parameter at load. */
	.func = cluster_packet_rcv,
};

void cluster_packet_init(void)
{
	cluster_packet_type.type = htons(cluster_ethertype);
	dev_add_pack(&cluster_packet_type);
}

/* dev_remove_pack() returns after synchronize_net(): no handler runs. */
void cluster_packet_exit(void)
{
	dev_remove_pack(&cluster_packet_type);
}
