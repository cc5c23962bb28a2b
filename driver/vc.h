/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual circuits: one reliable, ordered stream per remote node over all
 * of its open channels (Documentation/vc.rst, "Runtime design").
 */
#ifndef _AF_CLUSTER_VC_H
#define _AF_CLUSTER_VC_H

#include <linux/if_ether.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/af_cluster.h>

#include "cwnd.h"
#include "frag.h"
#include "reseq.h"
#include "rto.h"

struct cluster_adapter;
struct cluster_channel;
struct cluster_net;
struct cluster_wire_frame;
struct cluster_wire_ctl;

/* Resequencing cache of every VC: advertised to the peer. */
#define CLUSTER_VC_CACHE	256
/* Local transmit buffers: the window's other bound. */
#define CLUSTER_VC_TX_BUFFERS	256
/* Open channels a VC spreads its traffic over. */
#define CLUSTER_VC_PATHS_MAX	8
/* Bytes a VC queues for transmission before senders wait. */
#define CLUSTER_VC_QUEUE_MAX	(4U << 20)

/**
 * struct cluster_vc_path - an open channel as the VC uses it
 * @chan: the channel (identity only: never dereferenced outside chan_lock)
 * @adapter: its local adapter, alive while the path is listed
 * @mac: the remote adapter
 * @unit: payload bytes per fragment on this channel
 * @srtt_us: the channel's smoothed round trip
 * @priority: the local adapter's priority
 * @quiet: a fragment sent on it was lost: new fragments take the other
 *	channels until @quiet_until
 * @quiet_until: jiffies
 * @losses: losses on it since a fragment sent on it once was acknowledged
 */
struct cluster_vc_path {
	const struct cluster_channel *chan;
	struct cluster_adapter *adapter;
	u8 mac[ETH_ALEN];
	u32 unit;
	u32 srtt_us;
	u8 priority;
	bool quiet;
	u8 losses;
	unsigned long quiet_until;
};

/**
 * struct cluster_vc_stats - counters of a VC
 * @tx_msgs: messages accepted from senders
 * @rx_msgs: messages delivered to sockets
 * @tx_frags: fragments sent, retransmissions included
 * @rx_frags: fragments received in sequence
 * @retransmits: fragments sent again
 * @timeouts: retransmission timeouts
 * @dup_rx: duplicate fragments discarded
 * @reseq_drops: fragments beyond the resequencing cache
 * @stale: frames for an earlier incarnation of this node
 * @no_port: messages for a port nobody is bound to (the sender is told)
 * @refused: messages the peer refused: nobody is bound to their port
 * @bad_control: control messages from the peer that did not decode
 * @sack_losses: fragments presumed lost from selective acknowledgments
 *	and sent again before their timeout
 * @unverified: frames claiming a restart of the peer, or a new start of
 *	its stream, without a new handshake: dropped
 * @acks_tx: ACK frames sent
 * @acks_rx: ACK frames received
 * @failed: messages failed because the VC went down or the peer restarted
 * @ctl_drops: control records not sent (queue far over its bound, no
 *	memory) or not taken (the service table full)
 * @reasm_drops: messages (or their first fragments) discarded because
 *	fragments received in order did not fit together: a broken peer
 */
struct cluster_vc_stats {
	u64 tx_msgs;
	u64 rx_msgs;
	u64 tx_frags;
	u64 rx_frags;
	u64 retransmits;
	u64 timeouts;
	u64 dup_rx;
	u64 reseq_drops;
	u64 stale;
	u64 no_port;
	u64 refused;
	u64 bad_control;
	u64 sack_losses;
	u64 unverified;
	u64 acks_tx;
	u64 acks_rx;
	u64 failed;
	u64 ctl_drops;
	u64 reasm_drops;
};

/**
 * struct cluster_vc - the virtual circuit to one remote node
 * @rcu: frees the VC after lockless lookups are done
 * @cn: this node
 * @node: the remote node's id
 * @ref: the VC table's reference and one per user (sender, timer)
 * @lock: everything below
 * @state: enum cluster_vc_state (<linux/af_cluster.h>)
 * @paths: open channels, @npaths of them
 * @npaths: entries in @paths
 * @rr: round-robin cursor over the equivalent channels
 * @rx_chan: the channel the last DATA or ACK came on, only compared (it
 *	may be gone): ACKs go back on it, a channel known to work
 * @unit: fragment unit for new messages: the smallest of @paths
 * @epoch: our incarnation on this VC
 * @first: first sequence number of our stream
 * @snd_una: oldest unacknowledged sequence number
 * @snd_nxt: next sequence number to assign (queued fragments have one)
 * @snd_max: one past the highest sequence number sent: what a loss finds
 *	outstanding (the window's recovery point), and the highest an ACK
 *	may acknowledge
 * @msg_id: next message id
 * @peer_epoch: the peer's incarnation, 0 until heard
 * @handshakes: channels to the node opened (each one authenticated)
 * @epoch_handshakes: @handshakes when @peer_epoch was learned: a new
 *	epoch is believed only once @handshakes moved on
 * @peer_first: first sequence number of the peer's stream
 * @rx_ready: @reseq starts at @peer_first (a DATA of @peer_epoch came)
 * @peer_cache: the peer's resequencing cache
 * @txq: fragments from @snd_una on, in sequence order
 * @tx_next: where the search for the next fragment to (re)transmit
 *	starts, NULL if none: fragments before it are in flight or held by
 *	the peer
 * @rewind_why: why @tx_next last went back (enum cluster_trace_rtx)
 * @txq_bytes: payload bytes in @txq
 * @in_flight: fragments sent and not acknowledged or presumed lost
 * @cwnd: transmit window
 * @rto: retransmission timeout
 * @rtx_timer: retransmission timer
 * @reseq: resequencing cache
 * @slots: its storage
 * @reasm: reassembly of the message being received
 * @rx_msg: that message's first fragment, later ones on its frag_list
 * @rx_tail: last skb of @rx_msg's frag_list
 * @rx_hold: a complete message its socket had no room for
 * @ack_due: an ACK must leave now (piggybacked or alone)
 * @ack_delayed: an ACK is owed; @ack_timer sends it unless DATA does
 * @ack_timer: sends a delayed ACK
 * @reconnect_timer: ends %CLUSTER_VC_RECONNECT
 * @reconnect_ms: the reconnect interval it was armed with
 * @heard: jiffies when a valid DATA or ACK last came, or when we last
 *	started waiting for one (a message queued on an empty queue)
 * @silent_timeouts: retransmission timeouts since @heard
 * @stalled: went down because the peer was silent (vc_stalled())
 * @stats: counters
 *
 * Locking: @lock, a spinlock taken with _bh (softirq receive path and
 * timers), protects everything but @rcu, @cn, @node and @ref.  Lock
 * order: &cluster_net.chan_lock, then @lock.  Frames are built under
 * @lock and sent after it is released.
 */
struct cluster_vc {
	struct rcu_head rcu;
	struct cluster_net *cn;
	u32 node;
	refcount_t ref;
	spinlock_t lock;	/* see above */
	u8 state;
	struct cluster_vc_path paths[CLUSTER_VC_PATHS_MAX];
	unsigned int npaths;
	unsigned int rr;
	const struct cluster_channel *rx_chan;
	u32 unit;
	u32 epoch;
	u32 first;
	u32 snd_una;
	u32 snd_nxt;
	u32 snd_max;
	u32 msg_id;
	u32 peer_epoch;
	u32 handshakes;
	u32 epoch_handshakes;
	u32 peer_first;
	bool rx_ready;
	u32 peer_cache;
	struct sk_buff_head txq;
	struct sk_buff *tx_next;
	u8 rewind_why;
	u32 txq_bytes;
	u32 in_flight;
	struct cluster_cwnd cwnd;
	struct cluster_rto rto;
	struct timer_list rtx_timer;
	struct cluster_reseq reseq;
	void *slots[CLUSTER_VC_CACHE];
	struct cluster_reasm reasm;
	struct sk_buff *rx_msg;
	struct sk_buff *rx_tail;
	struct sk_buff *rx_hold;
	bool ack_due;
	bool ack_delayed;
	struct timer_list ack_timer;
	struct timer_list reconnect_timer;
	u32 reconnect_ms;
	unsigned long heard;
	u32 silent_timeouts;
	bool stalled;
	struct cluster_vc_stats stats;
};

/* Where a delivered message came from, in its skb->cb, for recvmsg(). */
struct cluster_rx_cb {
	u32 node;
	u16 port;
};

int cluster_vc_net_init(struct cluster_net *cn);
void cluster_vc_net_exit(struct cluster_net *cn);
void cluster_vc_channel_up(struct cluster_channel *ch,
			   struct sk_buff_head *txq);
void cluster_vc_channel_down(struct cluster_channel *ch,
			     struct sk_buff_head *txq);
struct cluster_vc *cluster_vc_get(struct cluster_net *cn, u32 node);
void cluster_vc_put(struct cluster_vc *vc);
void cluster_vc_cb_init(struct sk_buff *skb, u32 total, u32 offset, u16 unit,
			u16 sport, u16 dport);
int cluster_vc_send(struct cluster_vc *vc, struct sk_buff_head *frags,
		    u32 bytes);
u32 cluster_vc_unit(struct cluster_vc *vc);
int cluster_vc_rx(struct cluster_adapter *a, struct sk_buff *skb,
		  const struct cluster_wire_frame *f);
void cluster_vc_resume(struct cluster_net *cn);
int cluster_vc_send_ctl(struct cluster_vc *vc, const struct cluster_wire_ctl *c);
void cluster_vc_broadcast_ctl(struct cluster_net *cn,
			      const struct cluster_wire_ctl *c);

#endif /* _AF_CLUSTER_VC_H */
