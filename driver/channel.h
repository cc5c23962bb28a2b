/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Channels: one local adapter paired with one remote adapter.  This is
 * the runtime of the state machine in chanfsm.c: timers, handshake frames,
 * keepalives, round-trip measurement, BYE and counters.  The rules are in
 * Documentation/channels.rst.
 */
#ifndef _AF_CLUSTER_CHANNEL_H
#define _AF_CLUSTER_CHANNEL_H

#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/types.h>

#include "auth.h"
#include "chanfsm.h"
#include "wire.h"

struct cluster_adapter;
struct cluster_key;
struct cluster_net;
struct cluster_peer;

/**
 * struct cluster_channel_stats - a channel's counters
 * @hello_rx: HELLOs from the remote adapter
 * @keepalive_tx: keepalives sent
 * @keepalive_rx: keepalives received
 * @hs_ok: handshakes that opened the channel
 * @hs_failed: VERF or VACK that failed to authenticate
 * @hs_timeouts: handshakes abandoned after the handshake timeout
 * @listen_timeouts: open channel closed after the listen timeout
 * @bye_rx: BYEs that closed or would have closed the channel
 * @restarts: the peer started a new handshake on an open channel
 */
struct cluster_channel_stats {
	u64 hello_rx;
	u64 keepalive_tx;
	u64 keepalive_rx;
	u64 hs_ok;
	u64 hs_failed;
	u64 hs_timeouts;
	u64 listen_timeouts;
	u64 bye_rx;
	u64 restarts;
};

/**
 * struct cluster_channel - a local adapter x remote adapter pair
 * @adapter_list: entry in &cluster_adapter.channels
 * @peer_list: entry in &cluster_peer.channels
 * @cn: the node
 * @adapter: the local adapter
 * @peer: the remote node
 * @ref: one for the lists, one while @timer is pending or running
 * @timer: the one timer of the state (response, handshake or listen)
 * @deadline: jiffies at which the current timer's purpose expires; a
 *	callback that finds it in the future was overtaken and does nothing
 * @dead: unlinked; timers do nothing
 * @state: enum cluster_chan_state
 * @remote_mac: the remote adapter
 * @remote_mtu: its MTU (from HELLO), 0 until heard
 * @hs: the current handshake attempt
 * @hs_ts: our timestamp in the CCSTART or VERF of @hs (ns)
 * @peer_nonce: the nonce of the CCSTART to answer with VERF
 * @peer_secret: that CCSTART announced a secret
 * @peer_ts: the newest timestamp the peer sent on this channel (ns, its
 *	clock), echoed in our keepalives; 0 if none
 * @peer_ts_rx: when @peer_ts arrived (ns, our clock)
 * @last_rx: jiffies of the last frame from the remote adapter
 * @last_heard_ms: ktime ms of the last frame, for garbage collection
 * @srtt_ns: smoothed round trip, 0 until measured
 * @opened_ns: when the channel last opened (ktime ns)
 * @stats: counters
 *
 * Locking: every field is under &cluster_net.chan_lock.  The channel is
 * freed by the last cluster_channel_put(); timer callbacks hold their own
 * reference, so they may take chan_lock through @cn and find @dead.
 * Removal from process context waits for the timer
 * (cluster_channels_remove()).
 */
struct cluster_channel {
	struct list_head adapter_list;
	struct list_head peer_list;
	struct cluster_net *cn;
	struct cluster_adapter *adapter;
	struct cluster_peer *peer;
	refcount_t ref;
	struct timer_list timer;
	unsigned long deadline;
	bool dead;
	enum cluster_chan_state state;
	u8 remote_mac[ETH_ALEN];
	u32 remote_mtu;
	struct cluster_hs hs;
	u64 hs_ts;
	u8 peer_nonce[CLUSTER_AUTH_NONCE_LEN];
	bool peer_secret;
	u64 peer_ts;
	u64 peer_ts_rx;
	unsigned long last_rx;
	u64 last_heard_ms;
	u64 srtt_ns;
	u64 opened_ns;
	struct cluster_channel_stats stats;
};

/**
 * struct cluster_rx - a received, decoded frame and where it came from
 * @adapter: the receiving adapter
 * @eth: its Ethernet header
 * @f: the decoded frame
 * @key: the node's key (rcu_read_lock() held)
 * @now_ns: ktime_get_ns() at reception
 * @txq: frames to send once chan_lock is released
 */
struct cluster_rx {
	struct cluster_adapter *adapter;
	const struct ethhdr *eth;
	const struct cluster_wire_frame *f;
	const struct cluster_key *key;
	u64 now_ns;
	struct sk_buff_head *txq;
};

struct cluster_channel *cluster_channel_find(struct cluster_adapter *a,
					     const u8 *remote_mac);
struct cluster_channel *cluster_channel_lookup(struct cluster_adapter *a,
					       const u8 *remote_mac,
					       u32 peer_id,
					       struct sk_buff_head *txq,
					       int *drop);
void cluster_channel_event(struct cluster_channel *ch,
			   enum cluster_chan_event ev,
			   struct sk_buff_head *txq, u16 bye_reason);
void cluster_channel_keepalive(struct cluster_channel *ch,
			       struct sk_buff_head *txq);
void cluster_channel_unlink(struct cluster_channel *ch,
			    struct list_head *dead);
void cluster_channels_reap(struct list_head *dead);
void cluster_channel_gc(struct cluster_adapter *a, u64 now_ms, u32 idle_ms);
void cluster_channels_reset_locked(struct cluster_net *cn, u32 node,
				   u16 bye_reason, struct sk_buff_head *txq,
				   struct list_head *dead);
void cluster_channels_reset(struct cluster_net *cn, u32 node, u16 bye_reason);
u32 cluster_channel_rtt_us(const struct cluster_channel *ch);
int cluster_channel_transcript(const struct cluster_channel *ch, u8 type,
			       u8 *buf);

int cluster_channel_rx(struct cluster_rx *rx);

#endif /* _AF_CLUSTER_CHANNEL_H */
