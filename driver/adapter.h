/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Adapters: the network devices an administrator enabled for the cluster.
 * Each one joins the group's multicast address, sends HELLOs and pairs
 * with remote adapters into channels (channel.h).
 */
#ifndef _AF_CLUSTER_ADAPTER_H
#define _AF_CLUSTER_ADAPTER_H

#include <linux/atomic.h>
#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/types.h>

#include "jitter.h"
#include "wire.h"

struct cluster_net;

/*
 * Drop reasons of the receive path: the decoder's (enum
 * cluster_drop_reason) and these, found once the frame is decoded.
 * Their names are reported to user space and stable; append only.
 */
enum cluster_rx_drop {
	CLUSTER_RX_DROP_NOT_FOR_US = __CLUSTER_DROP_MAX, /* another node's */
	CLUSTER_RX_DROP_FROM_SELF,	/* carries our own node id */
	CLUSTER_RX_DROP_UNCONFIGURED,	/* we have no node id or group */
	CLUSTER_RX_DROP_NO_CHANNEL,	/* no channel in a state to take it */
	CLUSTER_RX_DROP_TABLE_FULL,	/* too many remote adapters or nodes */
	CLUSTER_RX_DROP_MAC_MISMATCH,	/* address inside != Ethernet source */
	CLUSTER_RX_DROP_NO_SECRET_MATCH, /* one end has a secret, one not */
	CLUSTER_RX_DROP_NO_MEMORY,	/* could not linearize the frame */
	CLUSTER_RX_DROP_COUNT,
};

/* Adapters per node: the HELLO stagger covers this many. */
#define CLUSTER_ADAPTERS_MAX		CLUSTER_STAGGER_MAX
/* Channels (remote adapters heard) per local adapter. */
#define CLUSTER_ADAPTER_CHANNELS_MAX	256

/**
 * struct cluster_adapter - one enabled network device
 * @list: entry in &cluster_net.adapters
 * @cn: the node
 * @dev: the device, held (@dev_tracker) until the adapter is freed
 * @dev_tracker: reference tracker of @dev
 * @channels: struct cluster_channel, by &cluster_channel.adapter_list
 * @n_channels: entries in @channels
 * @n_open: open channels in @channels
 * @mac: the device's address, as announced in HELLO
 * @mc_addr: the multicast address joined, valid if @mc_joined
 * @mc_joined: @mc_addr is in the device's multicast list
 * @mtu: the device's MTU
 * @priority: administrator's preference, 0..%CLUSTER_PRIORITY_MAX
 * @usable: device running, carrier on and MTU >= %CLUSTER_MTU_MIN
 * @dead: being removed: no new channel, timer or frame
 * @hello_timer: sends HELLOs (and keepalives on open channels)
 * @next_hello_ms: when @hello_timer fires next (ktime ms), 0 if idle
 * @hello_tx: HELLOs sent
 * @hello_rx: HELLOs accepted
 * @rx_frames: frames received
 * @tx_frames: frames handed to the device
 * @tx_errors: frames not allocated or refused by the device
 * @drops: frames dropped, by enum cluster_drop_reason / cluster_rx_drop
 * @rcu: frees the adapter after readers are done
 *
 * Locking rules:
 * - @list is RCU: the receive path finds its adapter under
 *   rcu_read_lock().  Adding and removing take RTNL (which serializes
 *   them with the netdevice notifier) and &cluster_net.chan_lock, so
 *   holders of either may walk the list.
 * - @mac, @mtu, @usable, @mc_* change only under RTNL and chan_lock.
 * - @channels, @n_channels, @n_open, @dead and @next_hello_ms are under
 *   chan_lock.  @priority is set before the adapter is published.
 * - Counters are atomic64_t, updated without locks.
 * - The adapter is freed by call_rcu() after it left @list and its timer
 *   was shut down; the RCU callback drops @dev.  So a reader holding
 *   rcu_read_lock() may use @dev and the counters of an adapter it found,
 *   even while it is being removed.
 */
struct cluster_adapter {
	struct list_head list;
	struct cluster_net *cn;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct list_head channels;
	unsigned int n_channels;
	unsigned int n_open;
	u8 mac[ETH_ALEN];
	u8 mc_addr[ETH_ALEN];
	bool mc_joined;
	u32 mtu;
	u8 priority;
	bool usable;
	bool dead;
	struct timer_list hello_timer;
	u64 next_hello_ms;
	atomic64_t hello_tx;
	atomic64_t hello_rx;
	atomic64_t rx_frames;
	atomic64_t tx_frames;
	atomic64_t tx_errors;
	atomic64_t drops[CLUSTER_RX_DROP_COUNT];
	struct rcu_head rcu;
};

/**
 * struct cluster_adapter_info - a snapshot of an adapter for netlink
 * @ifindex: device index
 * @name: device name
 * @mac: device address
 * @mtu: device MTU
 * @priority: administrator's preference
 * @state: enum cluster_adapter_state
 * @n_open: open channels
 */
struct cluster_adapter_info {
	int ifindex;
	char name[IFNAMSIZ];
	u8 mac[ETH_ALEN];
	u32 mtu;
	u8 priority;
	u8 state;
	u32 n_open;
};

const char *cluster_rx_drop_name(unsigned int reason);

int cluster_adapter_add(struct cluster_net *cn, struct net_device *dev,
			u8 priority, const char **why);
int cluster_adapter_del(struct cluster_net *cn, struct net_device *dev);
struct cluster_adapter *cluster_adapter_find_rcu(struct cluster_net *cn,
						 const struct net_device *dev);
void cluster_adapter_snapshot(struct cluster_adapter *a,
			      struct cluster_adapter_info *info);
void cluster_adapters_shutdown(struct cluster_net *cn, u16 bye_reason);
void cluster_adapters_refresh(struct cluster_net *cn);
int cluster_adapter_notifier_init(struct net *net);
void cluster_adapter_notifier_exit(struct net *net);

struct sk_buff *cluster_adapter_frame(struct cluster_adapter *a,
				      const u8 *dst_mac,
				      const struct cluster_wire_frame *f);
struct sk_buff *cluster_adapter_data_frame(struct cluster_adapter *a,
					   const u8 *dst_mac,
					   const struct cluster_wire_frame *f,
					   const struct sk_buff *payload);
void cluster_txq_flush(struct sk_buff_head *txq);

/* hello.c */
void cluster_hello_start(struct cluster_adapter *a);
void cluster_hello_restagger(struct cluster_net *cn);
void cluster_hello_timer(struct timer_list *t);
struct cluster_rx;
int cluster_hello_rx(struct cluster_rx *rx);

#endif /* _AF_CLUSTER_ADAPTER_H */
