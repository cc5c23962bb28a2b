// SPDX-License-Identifier: GPL-2.0
/*
 * Events: one CLUSTER_CMD_EVENT message per state change, multicast on the
 * "events" group of the "cluster" family to the listeners of the node's
 * own network namespace.  Any user may listen; nothing is built when
 * nobody does.
 *
 * The callers are state changes deep in the stack (channel state machine,
 * virtual circuit timers), in softirq or process context with the node's
 * chan_lock or a VC's lock held, so every function here may be called in
 * atomic context: it allocates with GFP_ATOMIC, takes no lock of the
 * module and sleeps nowhere.  An event that cannot be allocated is lost,
 * as a netlink listener whose receive buffer is full loses it (it then
 * reads ENOBUFS).
 */

#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "event.h"
#include "netlink.h"
#include "peer.h"

/*
 * Set while the family is registered.  Events are sent inside an RCU
 * read-side section that reads it, and cluster_events_stop() waits for a
 * grace period after clearing it: so no event goes to the group's id
 * after genl_unregister_family() released it for another family.
 */
static bool cluster_events_on;

/**
 * struct cluster_event - the attributes of one event
 * @type: enum cluster_event_type
 * @node: the remote node (this node for a local service)
 * @name: its name, or NULL or "" if unknown
 * @dev: the local adapter's device (channel events), else NULL
 * @mac: the remote adapter (channel events), else NULL
 * @reason: why it went down, or NULL
 * @service: the service name (service events), else NULL
 * @port: the service's port (service events)
 */
struct cluster_event {
	u8 type;
	u32 node;
	const char *name;
	const struct net_device *dev;
	const u8 *mac;
	const char *reason;
	const char *service;
	u16 port;
};

/**
 * cluster_events_start() - let events out, once the family is registered
 */
void cluster_events_start(void)
{
	WRITE_ONCE(cluster_events_on, true);
}

/**
 * cluster_events_stop() - stop events, before the family is unregistered
 *
 * Context: process; waits for an RCU grace period, after which no event
 * is being sent.
 */
void cluster_events_stop(void)
{
	WRITE_ONCE(cluster_events_on, false);
	synchronize_rcu();
}

/* NODE_NAME and REASON: left out when NULL or empty. */
static size_t event_str_size(const char *s)
{
	return s && s[0] ? nla_total_size(strlen(s) + 1) : 0;
}

static size_t event_size(const struct cluster_event *ev)
{
	size_t size = nla_total_size(0) +			/* nest */
		      nla_total_size(sizeof(u8)) +		/* TYPE */
		      nla_total_size(sizeof(u32));		/* NODE */

	size += event_str_size(ev->name) + event_str_size(ev->reason);
	if (ev->dev)
		size += nla_total_size(sizeof(u32)) +		/* IFINDEX */
			nla_total_size(IFNAMSIZ);		/* IFNAME */
	if (ev->mac)
		size += nla_total_size(ETH_ALEN);
	if (ev->service)
		size += nla_total_size(strlen(ev->service) + 1) +
			nla_total_size(sizeof(u16));		/* PORT */
	return size;
}

static int event_fill(struct sk_buff *msg, const struct cluster_event *ev)
{
	struct nlattr *nest;
	char ifname[IFNAMSIZ];

	nest = nla_nest_start(msg, CLUSTER_A_EVENT);
	if (!nest ||
	    nla_put_u8(msg, CLUSTER_EVENT_A_TYPE, ev->type) ||
	    nla_put_u32(msg, CLUSTER_EVENT_A_NODE, ev->node) ||
	    (ev->name && ev->name[0] &&
	     nla_put_string(msg, CLUSTER_EVENT_A_NODE_NAME, ev->name)))
		return -EMSGSIZE;
	if (ev->dev) {
		/* A rename (under RTNL, not held here) may be under way. */
		strscpy(ifname, ev->dev->name, sizeof(ifname));
		if (nla_put_u32(msg, CLUSTER_EVENT_A_IFINDEX,
				ev->dev->ifindex) ||
		    nla_put_string(msg, CLUSTER_EVENT_A_IFNAME, ifname))
			return -EMSGSIZE;
	}
	if ((ev->mac &&
	     nla_put(msg, CLUSTER_EVENT_A_REMOTE_MAC, ETH_ALEN, ev->mac)) ||
	    (ev->reason && ev->reason[0] &&
	     nla_put_string(msg, CLUSTER_EVENT_A_REASON, ev->reason)))
		return -EMSGSIZE;
	if (ev->service &&
	    (nla_put_string(msg, CLUSTER_EVENT_A_SERVICE, ev->service) ||
	     nla_put_u16(msg, CLUSTER_EVENT_A_PORT, ev->port)))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* Multicast @ev to the listeners of @cn's namespace, if there are any. */
static void event_send(struct cluster_net *cn, const struct cluster_event *ev)
{
	struct net *net = read_pnet(&cn->net);
	struct sk_buff *msg;
	void *hdr;

	rcu_read_lock();
	/*
	 * genl_has_listeners() answers for every namespace at once: a
	 * cheap filter.  genlmsg_multicast_netns() delivers to @net's
	 * listeners only (and, as every netlink notification, to sockets
	 * that asked for all with NETLINK_LISTEN_ALL_NSID and hold
	 * CAP_NET_BROADCAST over @net).
	 */
	if (!READ_ONCE(cluster_events_on) ||
	    !genl_has_listeners(&cluster_genl_family, net, CLUSTER_MCGRP_EVENTS))
		goto out;
	msg = genlmsg_new(event_size(ev), GFP_ATOMIC);
	if (!msg)
		goto out;
	hdr = genlmsg_put(msg, 0, 0, &cluster_genl_family, 0,
			  CLUSTER_CMD_EVENT);
	/* event_size() counts every attribute: no room would be a bug. */
	if (WARN_ON_ONCE(!hdr || event_fill(msg, ev))) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	/* -ESRCH: the listener left meanwhile, or is in another netns. */
	genlmsg_multicast_netns(&cluster_genl_family, net, msg, 0,
				CLUSTER_MCGRP_EVENTS, GFP_ATOMIC);
out:
	rcu_read_unlock();
}

/**
 * cluster_event_channel() - a channel opened or an open channel closed
 * @ch: the channel, still linked to its adapter and peer
 * @up: opened (%CLUSTER_EVENT_CHANNEL_UP) or closed (_DOWN)
 * @reason: why it closed (cluster_event_chan_reason()), NULL when @up
 *
 * Context: any; &cluster_net.chan_lock held (it guards @ch).
 */
void cluster_event_channel(struct cluster_channel *ch, bool up,
			   const char *reason)
{
	struct cluster_event ev = {
		.type = up ? CLUSTER_EVENT_CHANNEL_UP : CLUSTER_EVENT_CHANNEL_DOWN,
		.node = ch->peer->id,
		.name = ch->peer->name,
		.dev = ch->adapter->dev,
		.mac = ch->remote_mac,
		.reason = up ? NULL : reason,
	};

	lockdep_assert_held(&ch->cn->chan_lock);
	event_send(ch->cn, &ev);
}

/**
 * cluster_event_node() - a remote node came up or went down
 * @cn: this node
 * @node: the remote node
 * @name: its name, or NULL or "" if not heard yet
 * @up: its first channel opened (%CLUSTER_EVENT_NODE_UP) or its last
 *	open one closed (_DOWN)
 *
 * Context: any; takes no lock.
 */
void cluster_event_node(struct cluster_net *cn, u32 node, const char *name,
			bool up)
{
	struct cluster_event ev = {
		.type = up ? CLUSTER_EVENT_NODE_UP : CLUSTER_EVENT_NODE_DOWN,
		.node = node,
		.name = name,
	};

	event_send(cn, &ev);
}

/**
 * cluster_event_vc() - a virtual circuit was made or went down
 * @cn: this node
 * @node: the remote node
 * @up: made (%CLUSTER_EVENT_VC_UP) or down (_DOWN): its traffic failed
 * @reason: why it went down ("reconnect_timeout", "stalled"), NULL when @up
 *
 * Context: any; takes no lock.
 */
void cluster_event_vc(struct cluster_net *cn, u32 node, bool up,
		      const char *reason)
{
	struct cluster_event ev = {
		.type = up ? CLUSTER_EVENT_VC_UP : CLUSTER_EVENT_VC_DOWN,
		.node = node,
		.reason = up ? NULL : reason,
	};

	event_send(cn, &ev);
}

/**
 * cluster_event_service() - a service provider was published or withdrawn
 * @cn: this node
 * @name: the service name, NUL-terminated, < %CLUSTER_SERVICE_MAX bytes
 * @node: the provider's node, 0 for this node (reported with its id)
 * @port: the provider's port
 * @up: published (%CLUSTER_EVENT_SERVICE_UP) or withdrawn (_DOWN)
 *
 * Context: any; takes no lock.
 */
void cluster_event_service(struct cluster_net *cn, const char *name, u32 node,
			   u16 port, bool up)
{
	struct cluster_event ev = {
		.type = up ? CLUSTER_EVENT_SERVICE_UP : CLUSTER_EVENT_SERVICE_DOWN,
		/* The table says 0 for this node: report its id. */
		.node = node ? node : READ_ONCE(cn->node_id),
		.service = name,
		.port = port,
	};

	event_send(cn, &ev);
}

/**
 * cluster_event_chan_reason() - why an open channel closed, for its event
 * @ev: the state machine event that took it out of OPEN
 * @bye_reason: for %CLUSTER_CHAN_EV_ADAPTER_DELETED, the reason of the BYE
 *	this node sent (which says why it closed the channel)
 *
 * The names are reported to user space and stable.
 *
 * Return: a static string.
 */
const char *cluster_event_chan_reason(enum cluster_chan_event ev,
				      u16 bye_reason)
{
	switch (ev) {
	case CLUSTER_CHAN_EV_LISTEN_TIMEOUT:
		return "listen_timeout";
	case CLUSTER_CHAN_EV_BYE:
		return "bye";
	case CLUSTER_CHAN_EV_NETDEV:
		return "netdev";
	case CLUSTER_CHAN_EV_CCSTART_PEER_FIRST:
	case CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST:
		/* A new handshake on an open channel: the peer lost it. */
		return "restart";
	case CLUSTER_CHAN_EV_ADAPTER_DELETED:
		/*
		 * Namespace exit and module unload close channels this way
		 * too, but leave nobody to listen: no name of their own.
		 */
		switch (bye_reason) {
		case CLUSTER_BYE_ADMIN:
			return "reconfigured";
		case CLUSTER_BYE_VC:
			return "vc_stalled";
		default:
			return "adapter_deleted";
		}
	default:
		/* No other event leaves OPEN (chanfsm.c). */
		return "unknown";
	}
}
