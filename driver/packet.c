// SPDX-License-Identifier: GPL-2.0
/*
 * Reception of af_cluster frames: a packet_type for the "ethertype" module
 * parameter, on every device of every namespace.  Frames on a device that
 * is an adapter are checked here (decoder, addressing, our identity) and
 * handed to the channel runtime; the rest are counted as unclaimed.
 */

#include <linux/etherdevice.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "trace.h"
#include "vc.h"

/*
 * Count a frame @a dropped, by @reason (enum cluster_drop_reason, maybe
 * negated, or enum cluster_rx_drop), and trace it: the one place both
 * happen, so the counters and the cluster_drop events agree.  @skb: the
 * frame, NULL if lost; @remote: its sender's node id, 0 if not decoded.
 */
static void packet_drop(struct cluster_adapter *a, const struct sk_buff *skb,
			u32 remote, int reason)
{
	if (reason < 0)
		reason = -reason;
	if (reason <= 0 || reason >= CLUSTER_RX_DROP_COUNT)
		return;
	atomic64_inc(&a->drops[reason]);
	trace_cluster_drop(a->cn, a->dev, skb ? eth_hdr(skb)->h_source : NULL,
			   remote, reason);
}

/*
 * Decode and act on @skb; chan_lock not held.  Return 0 or the drop
 * reason, with @remote set to the sender's node id once decoded.
 */
static int cluster_packet_handle(struct cluster_adapter *a,
				 struct sk_buff *skb, u32 *remote)
{
	struct cluster_net *cn = a->cn;
	struct cluster_wire_frame f;
	struct sk_buff_head txq;
	struct cluster_rx rx = {
		.adapter = a,
		.f = &f,
		.txq = &txq,
	};
	int ret;

	/*
	 * The decoder reads the header and the fixed part only.  A DATA
	 * payload stays where the device put it (page fragments are chained
	 * into the message, not copied); control frames are small: one
	 * linear copy, then plain pointers.
	 */
	if (!pskb_may_pull(skb, min_t(unsigned int, skb->len,
				      CLUSTER_WIRE_FIXED_MAX)))
		return CLUSTER_RX_DROP_NO_MEMORY;
	if ((skb->len < 2 || skb->data[1] != CLUSTER_WIRE_DATA ||
	     skb_has_frag_list(skb)) && skb_linearize(skb))
		return CLUSTER_RX_DROP_NO_MEMORY;
	rx.eth = eth_hdr(skb);

	rx.key = cluster_key_rcu(cn);
	if (!rx.key || !rx.key->group)
		return CLUSTER_RX_DROP_UNCONFIGURED;
	ret = cluster_wire_decode(skb->data, skb->len, rx.key->group, &f);
	if (ret < 0)
		return -ret;
	*remote = f.hdr.src;
	/* Multicast is only for HELLO and BYE; the decoder checked dst. */
	if (is_multicast_ether_addr(rx.eth->h_dest) &&
	    f.hdr.type != CLUSTER_WIRE_HELLO && f.hdr.type != CLUSTER_WIRE_BYE)
		return CLUSTER_RX_DROP_NOT_FOR_US;

	if (f.hdr.type == CLUSTER_WIRE_DATA || f.hdr.type == CLUSTER_WIRE_ACK) {
		u32 self = READ_ONCE(cn->node_id);

		if (!self)
			return CLUSTER_RX_DROP_UNCONFIGURED;
		if (f.hdr.src == self)
			return CLUSTER_RX_DROP_FROM_SELF;
		if (f.hdr.dst != self)
			return CLUSTER_RX_DROP_NOT_FOR_US;
		ret = cluster_vc_rx(a, skb, &f);
		/* Consumed unless it reports a drop. */
		return ret ? ret : -EINPROGRESS;
	}
	/* Control frames carry timestamps; the data path needs none. */
	rx.now_ns = ktime_get_ns();

	__skb_queue_head_init(&txq);
	spin_lock_bh(&cn->chan_lock);
	if (a->dead)
		ret = 0;
	else if (rx.key !=
		 rcu_dereference_protected(cn->key,
					   lockdep_is_held(&cn->chan_lock)))
		/*
		 * The group or secret changed since the frame was checked
		 * (cluster_node_set() switches under chan_lock): it belongs
		 * to the node's former identity.
		 */
		ret = CLUSTER_DROP_WRONG_GROUP;
	else if (!cn->node_id)
		ret = CLUSTER_RX_DROP_UNCONFIGURED;
	else if (f.hdr.src == cn->node_id)
		ret = CLUSTER_RX_DROP_FROM_SELF;
	else if (f.hdr.dst && f.hdr.dst != cn->node_id)
		ret = CLUSTER_RX_DROP_NOT_FOR_US;
	else
		ret = cluster_channel_rx(&rx);
	spin_unlock_bh(&cn->chan_lock);
	cluster_txq_flush(&txq);
	return ret;
}

/* Called by the core under rcu_read_lock(), in softirq. */
static int cluster_packet_rcv(struct sk_buff *skb, struct net_device *dev,
			      struct packet_type *pt,
			      struct net_device *orig_dev)
{
	struct cluster_net *cn = cluster_net(dev_net(dev));
	struct cluster_adapter *a;
	u32 remote = 0;
	int drop;

	a = cluster_adapter_find_rcu(cn, dev);
	if (!a) {
		atomic64_inc(&cn->rx_unclaimed);
		trace_cluster_drop(cn, dev, eth_hdr(skb)->h_source, 0,
				   CLUSTER_TRACE_DROP_UNCLAIMED);
		goto drop;
	}
	atomic64_inc(&a->rx_frames);
	if (skb->pkt_type == PACKET_OTHERHOST ||
	    skb->pkt_type == PACKET_LOOPBACK) {
		drop = CLUSTER_RX_DROP_NOT_FOR_US;
	} else {
		skb = skb_share_check(skb, GFP_ATOMIC);
		if (!skb) {
			packet_drop(a, NULL, 0, CLUSTER_RX_DROP_NO_MEMORY);
			return NET_RX_DROP;
		}
		drop = cluster_packet_handle(a, skb, &remote);
		if (drop == -EINPROGRESS)
			return NET_RX_SUCCESS;
	}
	if (drop) {
		packet_drop(a, skb, remote, drop);
		goto drop;
	}
	consume_skb(skb);
	return NET_RX_SUCCESS;
drop:
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
