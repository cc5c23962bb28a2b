// SPDX-License-Identifier: GPL-2.0
/*
 * Adapters: enabling and disabling network devices for the cluster, the
 * group multicast address, the netdevice notifier, and frame transmission.
 *
 * Every change of an adapter's device (down, carrier loss, new MTU or
 * address) closes the adapter's channels at once: the peer sees the
 * change in the next HELLO and the channel is formed afresh, with the
 * new values in both ends' records.  An administrator's "link set down"
 * is announced with a BYE while the device can still send it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "compat.h"

/* What a queued frame remembers until cluster_txq_flush() sends it. */
struct cluster_tx_cb {
	struct cluster_adapter *adapter;
};

static struct cluster_tx_cb *cluster_tx_cb(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct cluster_tx_cb) > sizeof(skb->cb));
	return (struct cluster_tx_cb *)skb->cb;
}

static const char *const rx_drop_names[CLUSTER_RX_DROP_COUNT] = {
	[CLUSTER_RX_DROP_NOT_FOR_US]		= "not_for_us",
	[CLUSTER_RX_DROP_FROM_SELF]		= "from_self",
	[CLUSTER_RX_DROP_UNCONFIGURED]		= "unconfigured",
	[CLUSTER_RX_DROP_NO_CHANNEL]		= "no_channel",
	[CLUSTER_RX_DROP_TABLE_FULL]		= "table_full",
	[CLUSTER_RX_DROP_MAC_MISMATCH]		= "mac_mismatch",
	[CLUSTER_RX_DROP_NO_SECRET_MATCH]	= "no_secret_match",
	[CLUSTER_RX_DROP_NO_MEMORY]		= "no_memory",
};

/**
 * cluster_rx_drop_name() - the reported name of a drop reason
 * @reason: enum cluster_drop_reason or enum cluster_rx_drop, 1 and up
 *
 * Return: a static name, or NULL for 0 and values past the last reason.
 */
const char *cluster_rx_drop_name(unsigned int reason)
{
	if (!reason || reason >= CLUSTER_RX_DROP_COUNT)
		return NULL;
	if (reason < __CLUSTER_DROP_MAX)
		return cluster_wire_drop_name(reason);
	return rx_drop_names[reason];
}

struct cluster_adapter *cluster_adapter_find_rcu(struct cluster_net *cn,
						 const struct net_device *dev)
{
	struct cluster_adapter *a;

	list_for_each_entry_rcu(a, &cn->adapters, list,
				lockdep_rtnl_is_held() ||
				lockdep_is_held(&cn->chan_lock))
		if (a->dev == dev)
			return a;
	return NULL;
}

static bool adapter_dev_usable(const struct net_device *dev)
{
	return netif_running(dev) && netif_carrier_ok(dev) &&
	       dev->mtu >= CLUSTER_MTU_MIN;
}

/* The group whose multicast address adapters join, 0 if none. */
static u16 cluster_group(struct cluster_net *cn)
{
	const struct cluster_key *key;
	u16 group;

	rcu_read_lock();
	key = cluster_key_rcu(cn);
	group = key ? key->group : 0;
	rcu_read_unlock();
	return group;
}

/* RTNL held: follow the node's group with the device's multicast list. */
static int adapter_mc_sync(struct cluster_adapter *a, u16 group)
{
	u8 addr[ETH_ALEN];
	int err;

	ASSERT_RTNL();
	if (group)
		cluster_wire_group_mcast(group, addr);
	if (a->mc_joined && group && ether_addr_equal(addr, a->mc_addr))
		return 0;
	if (a->mc_joined) {
		dev_mc_del(a->dev, a->mc_addr);
		a->mc_joined = false;
	}
	if (!group)
		return 0;
	err = dev_mc_add(a->dev, addr);
	if (err)
		return err;
	ether_addr_copy(a->mc_addr, addr);
	a->mc_joined = true;
	return 0;
}

static void adapter_free_rcu(struct rcu_head *head)
{
	struct cluster_adapter *a = container_of(head, struct cluster_adapter,
						 rcu);

	netdev_put(a->dev, &a->dev_tracker);
	kfree(a);
}

/**
 * cluster_adapter_add() - enable @dev for the cluster
 * @cn: the node of @dev's namespace
 * @dev: an Ethernet device
 * @priority: administrator's preference, 0..%CLUSTER_PRIORITY_MAX
 * @why: set to a message for the administrator on failure
 *
 * Context: process, RTNL held.
 * Return: 0; -EEXIST, -EOPNOTSUPP, -EINVAL, -ENOSPC or -ENOMEM.
 */
int cluster_adapter_add(struct cluster_net *cn, struct net_device *dev,
			u8 priority, const char **why)
{
	struct cluster_adapter *a;
	int err;

	ASSERT_RTNL();
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    (dev->flags & IFF_LOOPBACK)) {
		*why = "not an Ethernet device";
		return -EOPNOTSUPP;
	}
	if (dev->mtu < CLUSTER_MTU_MIN) {
		*why = "device MTU is below 256: raise it first";
		return -EINVAL;
	}
	if (priority > CLUSTER_PRIORITY_MAX) {
		*why = "priority must be 0..127";
		return -EINVAL;
	}
	if (cluster_adapter_find_rcu(cn, dev)) {
		*why = "device is already an adapter";
		return -EEXIST;
	}
	if (cn->n_adapters >= CLUSTER_ADAPTERS_MAX) {
		*why = "too many adapters (at most 64 per node)";
		return -ENOSPC;
	}

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->cn = cn;
	a->dev = dev;
	a->priority = priority;
	INIT_LIST_HEAD(&a->channels);
	timer_setup(&a->hello_timer, cluster_hello_timer, 0);

	err = adapter_mc_sync(a, cluster_group(cn));
	if (err) {
		kfree(a);
		*why = "cannot join the cluster multicast address";
		return err;
	}
	netdev_hold(dev, &a->dev_tracker, GFP_KERNEL);

	spin_lock_bh(&cn->chan_lock);
	ether_addr_copy(a->mac, dev->dev_addr);
	a->mtu = dev->mtu;
	a->usable = adapter_dev_usable(dev);
	list_add_tail_rcu(&a->list, &cn->adapters);
	cn->n_adapters++;
	if (a->usable)
		cluster_hello_start(a);
	spin_unlock_bh(&cn->chan_lock);
	return 0;
}

/*
 * Close every channel of @a with @ev (sending a BYE with @bye_reason if
 * @ev is %CLUSTER_CHAN_EV_ADAPTER_DELETED) and send the frames that
 * produces.  Process context, RTNL held.
 */
static void adapter_close_channels(struct cluster_adapter *a,
				   enum cluster_chan_event ev, u16 bye_reason)
{
	struct cluster_channel *ch, *tmp;
	struct sk_buff_head txq;

	__skb_queue_head_init(&txq);
	rcu_read_lock();
	spin_lock_bh(&a->cn->chan_lock);
	list_for_each_entry_safe(ch, tmp, &a->channels, adapter_list)
		cluster_channel_event(ch, ev, &txq, bye_reason);
	spin_unlock_bh(&a->cn->chan_lock);
	cluster_txq_flush(&txq);
	rcu_read_unlock();
}

/*
 * Remove @a: close its channels (with a BYE to each peer if @bye_reason,
 * else silently: the device can no longer send), unlink it, wait for its
 * timers and free it after a grace period.  Process context, RTNL held.
 */
static void adapter_remove(struct cluster_adapter *a, u16 bye_reason)
{
	struct cluster_net *cn = a->cn;
	struct cluster_channel *ch, *tmp;
	struct sk_buff_head txq;
	LIST_HEAD(dead);

	ASSERT_RTNL();
	__skb_queue_head_init(&txq);
	rcu_read_lock();
	spin_lock_bh(&cn->chan_lock);
	list_for_each_entry_safe(ch, tmp, &a->channels, adapter_list) {
		cluster_channel_event(ch, bye_reason ?
				      CLUSTER_CHAN_EV_ADAPTER_DELETED :
				      CLUSTER_CHAN_EV_NETDEV,
				      &txq, bye_reason);
		cluster_channel_unlink(ch, &dead);
	}
	a->dead = true;
	a->next_hello_ms = 0;
	list_del_rcu(&a->list);
	cn->n_adapters--;
	spin_unlock_bh(&cn->chan_lock);
	cluster_txq_flush(&txq);
	rcu_read_unlock();

	cluster_channels_reap(&dead);
	timer_shutdown_sync(&a->hello_timer);
	adapter_mc_sync(a, 0);
	call_rcu(&a->rcu, adapter_free_rcu);
}

/**
 * cluster_adapter_del() - disable @dev for the cluster, saying BYE
 * @cn: the node of @dev's namespace
 * @dev: the device
 *
 * Context: process, RTNL held.
 * Return: 0, or -ENOENT if @dev is not an adapter.
 */
int cluster_adapter_del(struct cluster_net *cn, struct net_device *dev)
{
	struct cluster_adapter *a;

	ASSERT_RTNL();
	a = cluster_adapter_find_rcu(cn, dev);
	if (!a)
		return -ENOENT;
	adapter_remove(a, CLUSTER_BYE_ADAPTER);
	return 0;
}

/**
 * cluster_adapters_shutdown() - remove every adapter, saying BYE
 * @cn: the node
 * @bye_reason: %CLUSTER_BYE_NETNS or %CLUSTER_BYE_UNLOAD
 *
 * Runs before the namespace's devices go (pernet pre_exit), so the BYEs
 * still leave.  Context: process; takes RTNL.
 */
void cluster_adapters_shutdown(struct cluster_net *cn, u16 bye_reason)
{
	struct cluster_adapter *a, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(a, tmp, &cn->adapters, list)
		adapter_remove(a, bye_reason);
	rtnl_unlock();
}

/**
 * cluster_adapters_refresh() - follow a change of the node's identity
 * @cn: the node
 *
 * Joins the (new) group's multicast address and restarts the HELLO
 * schedule of every adapter, so a node that just got its id and group is
 * heard at once.  Context: process, RTNL held.
 */
void cluster_adapters_refresh(struct cluster_net *cn)
{
	u16 group = cluster_group(cn);
	struct cluster_adapter *a;

	ASSERT_RTNL();
	list_for_each_entry(a, &cn->adapters, list) {
		if (adapter_mc_sync(a, group))
			net_warn_ratelimited("%s: cannot join the cluster multicast address\n",
					     a->dev->name);
		spin_lock_bh(&cn->chan_lock);
		if (a->usable)
			cluster_hello_start(a);
		spin_unlock_bh(&cn->chan_lock);
	}
}

/* A device change: re-read it; @close closes the channels first. */
static void adapter_dev_changed(struct cluster_adapter *a, bool close)
{
	struct cluster_net *cn = a->cn;
	bool usable = adapter_dev_usable(a->dev);

	if (close || !usable)
		adapter_close_channels(a, CLUSTER_CHAN_EV_NETDEV, 0);

	spin_lock_bh(&cn->chan_lock);
	ether_addr_copy(a->mac, a->dev->dev_addr);
	a->mtu = a->dev->mtu;
	if (!usable) {
		a->usable = false;
		a->next_hello_ms = 0;
		timer_delete(&a->hello_timer);
	} else if (!a->usable || close) {
		/* Announce the new state now rather than at the next HELLO. */
		a->usable = true;
		cluster_hello_start(a);
	}
	spin_unlock_bh(&cn->chan_lock);
}

static int cluster_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct cluster_net *cn = container_of(nb, struct cluster_net,
					      netdev_nb);
	struct cluster_adapter *a;

	a = cluster_adapter_find_rcu(cn, dev);
	if (!a)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UNREGISTER:
		/* Already closed: no BYE can leave any more. */
		adapter_remove(a, 0);
		break;
	case NETDEV_GOING_DOWN:
		/* Still able to send: tell the peers rather than go silent. */
		adapter_close_channels(a, CLUSTER_CHAN_EV_ADAPTER_DELETED,
				       CLUSTER_BYE_ADAPTER);
		break;
	case NETDEV_CHANGEMTU:
	case NETDEV_CHANGEADDR:
		adapter_dev_changed(a, true);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:	/* carrier */
		adapter_dev_changed(a, false);
		break;
	}
	return NOTIFY_DONE;
}

/**
 * cluster_adapter_notifier_init() - watch the devices of @net
 * @net: a new namespace
 *
 * A per-namespace notifier: it sees the devices of the namespace it
 * serves, and it comes and goes with the namespace's cluster_net.
 *
 * Return: 0 or a negative errno.
 */
int cluster_adapter_notifier_init(struct net *net)
{
	struct cluster_net *cn = cluster_net(net);

	cn->netdev_nb.notifier_call = cluster_netdev_event;
	return register_netdevice_notifier_net(net, &cn->netdev_nb);
}

/* After cluster_adapters_shutdown(): no adapter is left to watch. */
void cluster_adapter_notifier_exit(struct net *net)
{
	unregister_netdevice_notifier_net(net, &cluster_net(net)->netdev_nb);
}

/**
 * cluster_adapter_frame() - an skb holding @f, addressed from @a to @dst_mac
 * @a: the sending adapter
 * @dst_mac: unicast or the group's multicast address
 * @f: the frame; the header's version and length are filled in
 *
 * Counts a failure in @a's tx_errors.  Context: any, chan_lock may be
 * held (nothing is sent here).
 *
 * Return: the skb to queue for cluster_txq_flush(), or NULL.
 */
struct sk_buff *cluster_adapter_frame(struct cluster_adapter *a,
				      const u8 *dst_mac,
				      const struct cluster_wire_frame *f)
{
	return cluster_adapter_data_frame(a, dst_mac, f, NULL);
}

/*
 * Can @payload's bytes be referenced rather than copied?  Only page
 * fragments (sendmsg puts them there), not in-line bytes or a chain.
 */
static bool data_frame_refs(const struct sk_buff *payload)
{
	return payload && !skb_headlen(payload) &&
	       !skb_has_frag_list(payload) &&
	       skb_shinfo(payload)->nr_frags <= MAX_SKB_FRAGS;
}

/**
 * cluster_adapter_data_frame() - cluster_adapter_frame() with a payload
 * @a: the sending adapter
 * @dst_mac: unicast or the group's multicast address
 * @f: the frame (DATA: @f->data.payload_len is @payload's length)
 * @payload: the bytes after the fixed part, or NULL.  Page fragments are
 *	referenced (the frame holds its own references), anything else is
 *	copied.
 *
 * Return: the skb to queue for cluster_txq_flush(), or NULL.
 */
struct sk_buff *cluster_adapter_data_frame(struct cluster_adapter *a,
					   const u8 *dst_mac,
					   const struct cluster_wire_frame *f,
					   const struct sk_buff *payload)
{
	struct net_device *dev = a->dev;
	size_t len = cluster_wire_frame_len(f->hdr.type);
	size_t plen = payload ? payload->len : 0;
	bool refs = plen && data_frame_refs(payload);
	int hlen = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	int i;

	skb = alloc_skb(hlen + len + (refs ? 0 : plen) + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		goto err;
	skb_reserve(skb, hlen);
	skb_reset_network_header(skb);
	if (cluster_wire_encode(f, skb_put(skb, len), len) < 0)
		goto err_free;
	if (refs) {
		for (i = 0; i < skb_shinfo(payload)->nr_frags; i++) {
			skb_shinfo(skb)->frags[i] = skb_shinfo(payload)->frags[i];
			skb_frag_ref(skb, i);
		}
		skb_shinfo(skb)->nr_frags = i;
		skb->len += plen;
		skb->data_len += plen;
		skb->truesize += plen;
	} else if (plen && skb_copy_bits(payload, 0, skb_put(skb, plen), plen)) {
		goto err_free;
	}
	skb->dev = dev;
	skb->protocol = htons(cluster_ethertype);
	skb->priority = TC_PRIO_CONTROL;
	if (dev_hard_header(skb, dev, cluster_ethertype, dst_mac, a->mac,
			    skb->len) < 0)
		goto err_free;
	cluster_tx_cb(skb)->adapter = a;
	return skb;

err_free:
	kfree_skb(skb);
err:
	atomic64_inc(&a->tx_errors);
	return NULL;
}

/**
 * cluster_txq_flush() - send the frames queued under chan_lock
 * @txq: frames from cluster_adapter_frame()
 *
 * Context: chan_lock not held, inside rcu_read_lock() (which keeps each
 * frame's adapter and device alive) or holding RTNL with the adapters
 * still listed.
 */
void cluster_txq_flush(struct sk_buff_head *txq)
{
	struct cluster_adapter *a;
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(txq))) {
		a = cluster_tx_cb(skb)->adapter;
		if (dev_queue_xmit(skb))
			atomic64_inc(&a->tx_errors);
		else
			atomic64_inc(&a->tx_frames);
	}
}

/**
 * cluster_adapter_snapshot() - what netlink reports of @a
 * @a: the adapter; chan_lock held
 * @info: filled in
 */
void cluster_adapter_snapshot(struct cluster_adapter *a,
			      struct cluster_adapter_info *info)
{
	struct cluster_net *cn = a->cn;

	lockdep_assert_held(&cn->chan_lock);
	info->ifindex = a->dev->ifindex;
	strscpy(info->name, a->dev->name, sizeof(info->name));
	ether_addr_copy(info->mac, a->mac);
	info->mtu = a->mtu;
	info->priority = a->priority;
	info->n_open = a->n_open;
	if (!a->usable)
		info->state = CLUSTER_ADAPTER_DOWN;
	else if (!cn->node_id || !a->mc_joined)
		info->state = CLUSTER_ADAPTER_UNCONFIGURED;
	else
		info->state = CLUSTER_ADAPTER_UP;
}
