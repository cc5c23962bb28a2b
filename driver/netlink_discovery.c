// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink commands of the discovery layer: adapters (show, add,
 * delete), channels and remote nodes (show).  Reports are filled under
 * the node's chan_lock, so each object is a consistent snapshot; a dump
 * that spans several messages resumes by position and may miss or repeat
 * an object that came or went between two of them, like any netlink dump.
 */

#include <linux/bits.h>
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "netlink.h"
#include "peer.h"

const struct nla_policy cluster_adapter_policy[CLUSTER_ADAPTER_A_MAX + 1] = {
	[CLUSTER_ADAPTER_A_IFINDEX] = { .type = NLA_U32 },
	[CLUSTER_ADAPTER_A_IFNAME] = { .type = NLA_NUL_STRING,
				       .len = IFNAMSIZ - 1 },
	[CLUSTER_ADAPTER_A_PRIORITY] = NLA_POLICY_MAX(NLA_U8,
						      CLUSTER_PRIORITY_MAX),
	[CLUSTER_ADAPTER_A_MAC] = { .type = NLA_REJECT,
				    .reject_message = "the address is the device's" },
	[CLUSTER_ADAPTER_A_MTU] = { .type = NLA_REJECT,
				    .reject_message = "the MTU is the device's" },
	[CLUSTER_ADAPTER_A_STATE] = { .type = NLA_REJECT,
				      .reject_message = "state is read only" },
	[CLUSTER_ADAPTER_A_CHANNELS] = { .type = NLA_REJECT,
					 .reject_message = "read only" },
	[CLUSTER_ADAPTER_A_HELLO_TX] = { .type = NLA_REJECT,
					 .reject_message = "counters are read only" },
	[CLUSTER_ADAPTER_A_HELLO_RX] = { .type = NLA_REJECT,
					 .reject_message = "counters are read only" },
	[CLUSTER_ADAPTER_A_RX_FRAMES] = { .type = NLA_REJECT,
					  .reject_message = "counters are read only" },
	[CLUSTER_ADAPTER_A_TX_FRAMES] = { .type = NLA_REJECT,
					  .reject_message = "counters are read only" },
	[CLUSTER_ADAPTER_A_TX_ERRORS] = { .type = NLA_REJECT,
					  .reject_message = "counters are read only" },
	[CLUSTER_ADAPTER_A_DROP] = { .type = NLA_REJECT,
				     .reject_message = "counters are read only" },
};

static void *msg_begin(struct sk_buff *msg, u32 portid, u32 seq, int flags,
		       u8 cmd, int nest_type, struct nlattr **nest)
{
	void *hdr = genlmsg_put(msg, portid, seq, &cluster_genl_family, flags,
				cmd);

	if (!hdr)
		return NULL;
	*nest = nla_nest_start(msg, nest_type);
	if (!*nest) {
		genlmsg_cancel(msg, hdr);
		return NULL;
	}
	return hdr;
}

static void msg_end(struct sk_buff *msg, void *hdr, struct nlattr *nest)
{
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
}

static int put_u64(struct sk_buff *msg, int type, u64 value, int pad)
{
	return nla_put_u64_64bit(msg, type, value, pad);
}

static int adapter_put_drops(struct sk_buff *msg, struct cluster_adapter *a)
{
	struct nlattr *drop;
	unsigned int i;

	for (i = 1; i < CLUSTER_RX_DROP_COUNT; i++) {
		drop = nla_nest_start(msg, CLUSTER_ADAPTER_A_DROP);
		if (!drop ||
		    nla_put_string(msg, CLUSTER_DROP_A_REASON,
				   cluster_rx_drop_name(i)) ||
		    put_u64(msg, CLUSTER_DROP_A_COUNT,
			    atomic64_read(&a->drops[i]), CLUSTER_DROP_A_PAD))
			return -EMSGSIZE;
		nla_nest_end(msg, drop);
	}
	return 0;
}

/* chan_lock held. */
static int adapter_fill(struct sk_buff *msg, struct cluster_adapter *a,
			u32 portid, u32 seq, int flags)
{
	struct cluster_adapter_info info;
	struct nlattr *nest;
	void *hdr;

	hdr = msg_begin(msg, portid, seq, flags, CLUSTER_CMD_ADAPTER_GET,
			CLUSTER_A_ADAPTER, &nest);
	if (!hdr)
		return -EMSGSIZE;
	cluster_adapter_snapshot(a, &info);
	if (nla_put_u32(msg, CLUSTER_ADAPTER_A_IFINDEX, info.ifindex) ||
	    nla_put_string(msg, CLUSTER_ADAPTER_A_IFNAME, info.name) ||
	    nla_put(msg, CLUSTER_ADAPTER_A_MAC, ETH_ALEN, info.mac) ||
	    nla_put_u32(msg, CLUSTER_ADAPTER_A_MTU, info.mtu) ||
	    nla_put_u8(msg, CLUSTER_ADAPTER_A_PRIORITY, info.priority) ||
	    nla_put_u8(msg, CLUSTER_ADAPTER_A_STATE, info.state) ||
	    nla_put_u32(msg, CLUSTER_ADAPTER_A_CHANNELS, info.n_open) ||
	    put_u64(msg, CLUSTER_ADAPTER_A_HELLO_TX,
		    atomic64_read(&a->hello_tx), CLUSTER_ADAPTER_A_PAD) ||
	    put_u64(msg, CLUSTER_ADAPTER_A_HELLO_RX,
		    atomic64_read(&a->hello_rx), CLUSTER_ADAPTER_A_PAD) ||
	    put_u64(msg, CLUSTER_ADAPTER_A_RX_FRAMES,
		    atomic64_read(&a->rx_frames), CLUSTER_ADAPTER_A_PAD) ||
	    put_u64(msg, CLUSTER_ADAPTER_A_TX_FRAMES,
		    atomic64_read(&a->tx_frames), CLUSTER_ADAPTER_A_PAD) ||
	    put_u64(msg, CLUSTER_ADAPTER_A_TX_ERRORS,
		    atomic64_read(&a->tx_errors), CLUSTER_ADAPTER_A_PAD) ||
	    adapter_put_drops(msg, a)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	msg_end(msg, hdr, nest);
	return 0;
}

/*
 * The device a request names in its CLUSTER_A_ADAPTER nest, by index or
 * name (both: they must agree).  RTNL held.
 */
static struct net_device *adapter_req_dev(struct genl_info *info,
					  struct nlattr **tb)
{
	struct net *net = genl_info_net(info);
	struct nlattr *nest = info->attrs[CLUSTER_A_ADAPTER];
	struct net_device *dev = NULL;

	if (!nest) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "name the device: give an adapter name or index");
		return ERR_PTR(-EINVAL);
	}
	if (nla_parse_nested(tb, CLUSTER_ADAPTER_A_MAX, nest,
			     cluster_adapter_policy, info->extack))
		return ERR_PTR(-EINVAL);
	if (!tb[CLUSTER_ADAPTER_A_IFINDEX] && !tb[CLUSTER_ADAPTER_A_IFNAME]) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "name the device: give an adapter name or index");
		return ERR_PTR(-EINVAL);
	}
	if (tb[CLUSTER_ADAPTER_A_IFINDEX])
		dev = __dev_get_by_index(net,
					 nla_get_u32(tb[CLUSTER_ADAPTER_A_IFINDEX]));
	else
		dev = __dev_get_by_name(net,
					nla_data(tb[CLUSTER_ADAPTER_A_IFNAME]));
	if (dev && tb[CLUSTER_ADAPTER_A_IFINDEX] &&
	    tb[CLUSTER_ADAPTER_A_IFNAME] &&
	    strcmp(dev->name, nla_data(tb[CLUSTER_ADAPTER_A_IFNAME])))
		dev = NULL;
	if (!dev) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "no such device in this network namespace: see `ip link`");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

int cluster_genl_adapter_get(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct nlattr *tb[CLUSTER_ADAPTER_A_MAX + 1];
	struct cluster_adapter *a;
	struct net_device *dev;
	struct sk_buff *msg;
	int err;

	err = cluster_genl_only(info, BIT_ULL(CLUSTER_A_ADAPTER));
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	rtnl_lock();
	dev = adapter_req_dev(info, tb);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto unlock;
	}
	a = cluster_adapter_find_rcu(cn, dev);
	if (!a) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "device is not an adapter: add it with `clusterctl adapter add`");
		err = -ENOENT;
		goto unlock;
	}
	spin_lock_bh(&cn->chan_lock);
	err = adapter_fill(msg, a, info->snd_portid, info->snd_seq, 0);
	spin_unlock_bh(&cn->chan_lock);
unlock:
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

int cluster_genl_adapter_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cluster_net *cn = cluster_net(sock_net(skb->sk));
	struct cluster_adapter *a;
	long idx = 0, start = cb->args[0];

	spin_lock_bh(&cn->chan_lock);
	list_for_each_entry(a, &cn->adapters, list) {
		if (idx++ < start)
			continue;
		if (adapter_fill(skb, a, NETLINK_CB(cb->skb).portid,
				 cb->nlh->nlmsg_seq, NLM_F_MULTI)) {
			idx--;
			break;
		}
	}
	spin_unlock_bh(&cn->chan_lock);
	cb->args[0] = idx;
	return skb->len;
}

int cluster_genl_adapter_add(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct nlattr *tb[CLUSTER_ADAPTER_A_MAX + 1];
	const char *why = NULL;
	struct net_device *dev;
	u8 priority = CLUSTER_PRIORITY_DEFAULT;
	int err;

	err = cluster_genl_only(info, BIT_ULL(CLUSTER_A_ADAPTER));
	if (err)
		return err;
	rtnl_lock();
	dev = adapter_req_dev(info, tb);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto unlock;
	}
	if (tb[CLUSTER_ADAPTER_A_PRIORITY])
		priority = nla_get_u8(tb[CLUSTER_ADAPTER_A_PRIORITY]);
	err = cluster_adapter_add(cn, dev, priority, &why);
	if (err && why && info->extack)
		info->extack->_msg = why;
unlock:
	rtnl_unlock();
	return err;
}

int cluster_genl_adapter_del(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct nlattr *tb[CLUSTER_ADAPTER_A_MAX + 1];
	struct net_device *dev;
	int err;

	err = cluster_genl_only(info, BIT_ULL(CLUSTER_A_ADAPTER));
	if (err)
		return err;
	rtnl_lock();
	dev = adapter_req_dev(info, tb);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto unlock;
	}
	if (tb[CLUSTER_ADAPTER_A_PRIORITY]) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "priority is not accepted by adapter del");
		err = -EINVAL;
		goto unlock;
	}
	err = cluster_adapter_del(cn, dev);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack,
				   "device is not an adapter: see `clusterctl adapter show`");
unlock:
	rtnl_unlock();
	return err;
}

static int channel_put_stats(struct sk_buff *msg,
			     const struct cluster_channel_stats *st)
{
	const int pad = CLUSTER_CHANNEL_A_PAD;

	return put_u64(msg, CLUSTER_CHANNEL_A_HELLO_RX, st->hello_rx, pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_KEEPALIVE_TX, st->keepalive_tx,
		       pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_KEEPALIVE_RX, st->keepalive_rx,
		       pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_HS_OK, st->hs_ok, pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_HS_FAILED, st->hs_failed, pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_HS_TIMEOUTS, st->hs_timeouts,
		       pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_LISTEN_TIMEOUTS,
		       st->listen_timeouts, pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_BYE_RX, st->bye_rx, pad) ||
	       put_u64(msg, CLUSTER_CHANNEL_A_RESTARTS, st->restarts, pad);
}

/* chan_lock held. */
static int channel_fill(struct sk_buff *msg, struct cluster_channel *ch,
			u32 portid, u32 seq)
{
	struct cluster_adapter *a = ch->adapter;
	u32 mtu = ch->remote_mtu ? min(a->mtu, ch->remote_mtu) : a->mtu;
	u64 uptime_ms = 0;
	struct nlattr *nest;
	void *hdr;

	if (ch->state == CLUSTER_CHAN_OPEN && ch->opened_ns)
		uptime_ms = div_u64(ktime_get_ns() - ch->opened_ns,
				    NSEC_PER_MSEC);
	hdr = msg_begin(msg, portid, seq, NLM_F_MULTI, CLUSTER_CMD_CHANNEL_GET,
			CLUSTER_A_CHANNEL, &nest);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, CLUSTER_CHANNEL_A_LOCAL_IFINDEX,
			a->dev->ifindex) ||
	    nla_put_string(msg, CLUSTER_CHANNEL_A_LOCAL_IFNAME, a->dev->name) ||
	    nla_put(msg, CLUSTER_CHANNEL_A_LOCAL_MAC, ETH_ALEN, a->mac) ||
	    nla_put_u32(msg, CLUSTER_CHANNEL_A_REMOTE_NODE, ch->peer->id) ||
	    nla_put_string(msg, CLUSTER_CHANNEL_A_REMOTE_NAME, ch->peer->name) ||
	    nla_put(msg, CLUSTER_CHANNEL_A_REMOTE_MAC, ETH_ALEN,
		    ch->remote_mac) ||
	    nla_put_u8(msg, CLUSTER_CHANNEL_A_STATE, ch->state) ||
	    nla_put_u32(msg, CLUSTER_CHANNEL_A_RTT_US,
			cluster_channel_rtt_us(ch)) ||
	    nla_put_u32(msg, CLUSTER_CHANNEL_A_MTU, mtu) ||
	    put_u64(msg, CLUSTER_CHANNEL_A_UPTIME_MS, uptime_ms,
		    CLUSTER_CHANNEL_A_PAD) ||
	    channel_put_stats(msg, &ch->stats)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	msg_end(msg, hdr, nest);
	return 0;
}

int cluster_genl_channel_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cluster_net *cn = cluster_net(sock_net(skb->sk));
	long idx = 0, start = cb->args[0];
	struct cluster_adapter *a;
	struct cluster_channel *ch;

	spin_lock_bh(&cn->chan_lock);
	list_for_each_entry(a, &cn->adapters, list) {
		list_for_each_entry(ch, &a->channels, adapter_list) {
			if (idx++ < start)
				continue;
			if (channel_fill(skb, ch, NETLINK_CB(cb->skb).portid,
					 cb->nlh->nlmsg_seq)) {
				idx--;
				goto out;
			}
		}
	}
out:
	spin_unlock_bh(&cn->chan_lock);
	cb->args[0] = idx;
	return skb->len;
}

/* chan_lock held. */
static int peer_fill(struct sk_buff *msg, struct cluster_peer *p, u32 portid,
		     u32 seq)
{
	struct nlattr *nest;
	void *hdr;

	hdr = msg_begin(msg, portid, seq, NLM_F_MULTI, CLUSTER_CMD_PEER_GET,
			CLUSTER_A_PEER, &nest);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(msg, CLUSTER_PEER_A_ID, p->id) ||
	    nla_put_string(msg, CLUSTER_PEER_A_NAME, p->name) ||
	    nla_put_u8(msg, CLUSTER_PEER_A_STATE,
		       p->n_open ? CLUSTER_PEER_UP : CLUSTER_PEER_DOWN) ||
	    nla_put_u32(msg, CLUSTER_PEER_A_CHANNELS, p->n_open) ||
	    nla_put_u32(msg, CLUSTER_PEER_A_CHANNELS_TOTAL, p->n_channels)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	msg_end(msg, hdr, nest);
	return 0;
}

int cluster_genl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cluster_net *cn = cluster_net(sock_net(skb->sk));
	long idx = 0, start = cb->args[0];
	struct cluster_peer *p;

	spin_lock_bh(&cn->chan_lock);
	list_for_each_entry(p, &cn->peers, list) {
		if (idx++ < start)
			continue;
		if (peer_fill(skb, p, NETLINK_CB(cb->skb).portid,
			      cb->nlh->nlmsg_seq)) {
			idx--;
			break;
		}
	}
	spin_unlock_bh(&cn->chan_lock);
	cb->args[0] = idx;
	return skb->len;
}
