// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual circuits at run time (Documentation/vc.rst, "Runtime design"):
 * one per remote node, over its open channels.  cwnd.c, rto.c, reseq.c
 * and frag.c decide; this file keeps the queues and timers, builds the
 * DATA and ACK frames and delivers messages to sockets.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/random.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include <net/sock.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "compat.h"
#include "event.h"
#include "peer.h"
#include "seq.h"
#include "vc.h"
#include "service.h"
#include "sock.h"
#include "wire.h"
#include "trace.h"

/*
 * Later fragments the peer must hold before an earlier one is presumed
 * lost: as TCP's duplicate-ACK threshold, it tolerates mild reordering.
 */
#define CLUSTER_VC_DUPTHRESH		3
/*
 * Retransmission timeouts in a row, with nothing heard from the peer on
 * the circuit, that (once reconnect_interval has passed as well) make a
 * circuit with open channels stalled.  A peer that holds our data for a
 * full socket still answers each retransmission, so it never stalls.
 */
#define CLUSTER_VC_SILENT_TIMEOUTS	4

/* What a fragment carries while it waits on a VC. */
struct cluster_vc_cb {
	u32 seq;
	u32 msg_id;
	u32 total;
	u32 offset;
	u16 unit;
	u16 sport;
	u16 dport;
	u8 tx_count;
	bool in_flight;
	bool sacked;
	bool fast_rtx;
	/*
	 * The channel of the last transmission, only compared (it may be
	 * gone): where a loss happened, and where not to send again.
	 */
	const struct cluster_channel *chan;
	/*
	 * local_clock() at the last transmission: only compared with
	 * local_clock() on this node, and far cheaper than ktime_get_ns()
	 * where the clocksource is slow to read (HPET in a VM).
	 */
	u64 tx_ns;
};

static void vc_publish_all(struct cluster_vc *vc);
static void vc_forget_peer(struct cluster_net *cn, u32 node);

static struct cluster_vc_cb *vc_cb(const struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct cluster_vc_cb) > sizeof(skb->cb));
	return (struct cluster_vc_cb *)skb->cb;
}

/*
 * Every change of vc->state goes through here, for its tracepoint.
 * vc->lock held, or the circuit not shared yet.
 */
static void vc_set_state(struct cluster_vc *vc, u8 state,
			 enum cluster_trace_vc why)
{
	if (vc->state == state)
		return;
	trace_cluster_vc_state(vc, state, why);
	/* vc_reap_work() reads it without the lock. */
	WRITE_ONCE(vc->state, state);
}

/*
 * Count a drop by @reason in the circuit's counter for it and trace it:
 * the one place both happen, so the counters and the cluster_drop events
 * agree.  @skb: the frame dropped, or NULL for a message (reassembled
 * from frames of any channel) or a record of ours.  vc->lock held.
 */
static void vc_drop(struct cluster_vc *vc, const struct sk_buff *skb,
		    enum cluster_trace_drop reason)
{
	struct cluster_vc_stats *st = &vc->stats;
	u64 *counter;

	switch (reason) {
	case CLUSTER_TRACE_DROP_DUPLICATE:
		counter = &st->dup_rx;
		break;
	case CLUSTER_TRACE_DROP_RESEQ_FULL:
		counter = &st->reseq_drops;
		break;
	case CLUSTER_TRACE_DROP_STALE:
		counter = &st->stale;
		break;
	case CLUSTER_TRACE_DROP_UNVERIFIED:
		counter = &st->unverified;
		break;
	case CLUSTER_TRACE_DROP_NO_PORT:
		counter = &st->no_port;
		break;
	case CLUSTER_TRACE_DROP_BAD_CONTROL:
		counter = &st->bad_control;
		break;
	case CLUSTER_TRACE_DROP_CTL_QUEUE_FULL:
	case CLUSTER_TRACE_DROP_CTL_NO_MEMORY:
	case CLUSTER_TRACE_DROP_SERVICE_TABLE_FULL:
		counter = &st->ctl_drops;
		break;
	case CLUSTER_TRACE_DROP_REASM_BAD:
		counter = &st->reasm_drops;
		break;
	default:
		WARN_ON_ONCE(1);
		return;
	}
	(*counter)++;
	trace_cluster_drop(vc->cn, skb ? skb->dev : NULL,
			   skb ? eth_hdr(skb)->h_source : NULL, vc->node,
			   reason);
}

/**
 * cluster_vc_cb_init() - describe a fragment about to be queued
 * @skb: the fragment's payload
 * @total: its message's length
 * @offset: its offset in the message
 * @unit: the message's fragment size
 * @sport: sending port
 * @dport: receiving port
 */
void cluster_vc_cb_init(struct sk_buff *skb, u32 total, u32 offset, u16 unit,
			u16 sport, u16 dport)
{
	struct cluster_vc_cb *cb = vc_cb(skb);

	memset(cb, 0, sizeof(*cb));
	cb->total = total;
	cb->offset = offset;
	cb->unit = unit;
	cb->sport = sport;
	cb->dport = dport;
}

void cluster_vc_put(struct cluster_vc *vc)
{
	if (refcount_dec_and_test(&vc->ref))
		kfree_rcu(vc, rcu);
}

/**
 * cluster_vc_get() - the VC to @node, with a reference
 * @cn: this node
 * @node: the remote node
 *
 * Return: the VC (drop it with cluster_vc_put()), or NULL if no channel to
 * @node ever opened or its VC went down.
 */
struct cluster_vc *cluster_vc_get(struct cluster_net *cn, u32 node)
{
	struct cluster_vc *vc;

	rcu_read_lock();
	vc = xa_load(&cn->vcs, node);
	if (vc && !refcount_inc_not_zero(&vc->ref))
		vc = NULL;
	rcu_read_unlock();
	return vc;
}

/* The payload room of a channel: its MTU less the DATA fixed part. */
static u32 path_unit(u32 mtu)
{
	return min_t(u32, mtu - CLUSTER_WIRE_DATA_PAYLOAD, U16_MAX);
}

static void vc_update_unit(struct cluster_vc *vc)
{
	unsigned int i;
	u32 unit = 0;

	for (i = 0; i < vc->npaths; i++)
		if (!unit || vc->paths[i].unit < unit)
			unit = vc->paths[i].unit;
	if (unit)
		vc->unit = unit;
}

static bool vc_path_quiet(const struct cluster_vc_path *p)
{
	return p->quiet && time_before(jiffies, p->quiet_until);
}

/* Not to be used while another channel can be: see vc_path(). */
static bool vc_path_shunned(const struct cluster_vc_path *p,
			    const struct cluster_channel *avoid, bool shun)
{
	return shun && ((avoid && p->chan == avoid) || vc_path_quiet(p));
}

static struct cluster_vc_path *vc_path_pick(struct cluster_vc *vc, u32 len,
					    const struct cluster_channel *avoid,
					    bool shun)
{
	struct cluster_vc_path *p;
	bool usable = false, relax = false;
	u32 best = U32_MAX;
	unsigned int i, n;
	u8 prio = 0;

	/* The best priority among the paths that fit and are not shunned. */
	for (i = 0; i < vc->npaths; i++) {
		p = &vc->paths[i];
		if (p->unit < len || vc_path_shunned(p, avoid, shun))
			continue;
		if (!usable || p->priority > prio)
			prio = p->priority;
		usable = true;
	}
	if (!usable)
		return NULL;
	for (i = 0; i < vc->npaths; i++) {
		p = &vc->paths[i];
		if (p->unit < len)
			continue;
		if (vc_path_shunned(p, avoid, shun))
			relax |= p->priority >= prio;
		else if (p->priority == prio)
			best = min(best, p->srtt_us);
	}
	for (n = 0; n < vc->npaths; n++) {
		p = &vc->paths[vc->rr++ % vc->npaths];
		if (p->unit >= len && p->priority == prio &&
		    !vc_path_shunned(p, avoid, shun) &&
		    (relax || p->srtt_us <= 2 * best + 100))
			return p;
	}
	return NULL;
}

/*
 * The path for the next frame of @len payload bytes: round robin over the
 * equivalent set (the best priority, round trips within twice the best
 * plus 100 us), among the paths whose unit fits @len.  A fragment cut for
 * a larger MTU than any open channel now has waits for one (it cannot be
 * cut again: its sequence number and offset are fixed).
 *
 * A channel can die where this node cannot see it (the far side of a
 * cable, a switch port) and stay open until its listen timeout.  So a
 * channel that lost a fragment is quiet for a while (vc_path_lost()), and
 * a retransmission avoids the channel it was lost on, @avoid.  Both are
 * shunned while another channel can carry the frame, of any priority and
 * however slow; only if none can do they carry it.
 */
static struct cluster_vc_path *vc_path(struct cluster_vc *vc, u32 len,
				       const struct cluster_channel *avoid)
{
	struct cluster_vc_path *p = vc_path_pick(vc, len, avoid, true);

	return p ? p : vc_path_pick(vc, len, NULL, false);
}

static struct cluster_vc_path *vc_path_of(struct cluster_vc *vc,
					  const struct cluster_channel *chan)
{
	unsigned int i;

	for (i = 0; i < vc->npaths; i++)
		if (vc->paths[i].chan == chan)
			return &vc->paths[i];
	return NULL;
}

/*
 * A fragment sent on @chan was lost: new fragments avoid it for twice the
 * timeout, doubling with each loss until one of its fragments gets
 * through, at most a second.  vc->lock held.
 */
static void vc_path_lost(struct cluster_vc *vc,
			 const struct cluster_channel *chan)
{
	struct cluster_vc_path *p = vc_path_of(vc, chan);
	unsigned long quiet;

	if (!p)
		return;
	if (p->losses < 8)
		p->losses++;
	quiet = usecs_to_jiffies(2 * cluster_rto_get(&vc->rto)) + 1;
	p->quiet_until = jiffies + min_t(unsigned long,
					 quiet << (p->losses - 1), HZ);
	p->quiet = true;
}

/* The open channel from @a's peer adapter @mac, or NULL. */
static const struct cluster_channel *
vc_chan_from(struct cluster_vc *vc, const struct cluster_adapter *a,
	     const u8 *mac)
{
	unsigned int i;

	for (i = 0; i < vc->npaths; i++)
		if (vc->paths[i].adapter == a &&
		    ether_addr_equal(vc->paths[i].mac, mac))
			return vc->paths[i].chan;
	return NULL;
}

/* A fragment sent once on @chan was acknowledged.  vc->lock held. */
static void vc_path_ok(struct cluster_vc *vc,
		       const struct cluster_channel *chan)
{
	struct cluster_vc_path *p = vc_path_of(vc, chan);

	if (p) {
		p->losses = 0;
		p->quiet = false;
	}
}

static u32 vc_peer_window(const struct cluster_vc *vc)
{
	return min_t(u32, CLUSTER_VC_TX_BUFFERS, vc->peer_cache);
}

static void vc_fill_hdr(struct cluster_vc *vc, struct cluster_wire_frame *f,
			u8 type, u16 group)
{
	memset(f, 0, sizeof(*f));
	f->hdr.type = type;
	f->hdr.group = group;
	f->hdr.src = vc->cn->node_id;
	f->hdr.dst = vc->node;
}

/* An ACK of what we received, with SACK blocks.  vc->lock held. */
static void vc_send_ack(struct cluster_vc *vc, u16 group,
			struct sk_buff_head *out)
{
	struct cluster_sack_block blocks[CLUSTER_WIRE_SACK_MAX];
	struct cluster_vc_path *path = vc_path_of(vc, vc->rx_chan);
	struct cluster_wire_frame f;
	struct sk_buff *skb;
	unsigned int i, n;

	/*
	 * Back on the channel the peer's last frame came on: it works, where
	 * the round robin may pick one cut without either node knowing yet.
	 */
	if (!path)
		path = vc_path(vc, 0, NULL);
	if (!path || !vc->peer_epoch || !vc->rx_ready)
		return;
	vc_fill_hdr(vc, &f, CLUSTER_WIRE_ACK, group);
	f.ack.epoch = vc->epoch;
	f.ack.peer_epoch = vc->peer_epoch;
	f.ack.ack = cluster_reseq_ack(&vc->reseq);
	f.ack.cache = CLUSTER_VC_CACHE;
	n = cluster_reseq_sack(&vc->reseq, blocks, ARRAY_SIZE(blocks));
	for (i = 0; i < n; i++) {
		/*
		 * A run from the acknowledgment on is in order, held only
		 * because its socket is full: not out of order, and not a
		 * valid SACK block.
		 */
		if (blocks[i].start == f.ack.ack)
			continue;
		f.ack.sack[f.ack.nsack].start = blocks[i].start;
		f.ack.sack[f.ack.nsack].end = blocks[i].end;
		f.ack.nsack++;
	}
	skb = cluster_adapter_frame(path->adapter, path->mac, &f);
	if (!skb)
		return;
	__skb_queue_tail(out, skb);
	vc->ack_due = false;
	vc->ack_delayed = false;
	vc->stats.acks_tx++;
}

/* Build the DATA frame of @frag for @path.  vc->lock held. */
static struct sk_buff *vc_data_frame(struct cluster_vc *vc,
				     struct cluster_vc_path *path,
				     const struct sk_buff *frag, u16 flags,
				     u16 group)
{
	const struct cluster_vc_cb *cb = vc_cb(frag);
	struct cluster_wire_frame f;

	vc_fill_hdr(vc, &f, CLUSTER_WIRE_DATA, group);
	f.hdr.flags = flags;
	f.data.epoch = vc->epoch;
	f.data.peer_epoch = vc->peer_epoch;
	f.data.first = vc->first;
	f.data.seq = cb->seq;
	if (vc->rx_ready) {
		f.hdr.flags |= CLUSTER_WIRE_F_ACK;
		f.data.ack = cluster_reseq_ack(&vc->reseq);
	}
	f.data.msg_id = cb->msg_id;
	f.data.total = cb->total;
	f.data.offset = cb->offset;
	f.data.unit = cb->unit;
	f.data.cache = CLUSTER_VC_CACHE;
	f.data.sport = cb->sport;
	f.data.dport = cb->dport;
	f.data.payload_len = frag->len;
	return cluster_adapter_data_frame(path->adapter, path->mac, &f, frag);
}

static void vc_arm_rtx(struct cluster_vc *vc)
{
	mod_timer(&vc->rtx_timer,
		  jiffies + usecs_to_jiffies(cluster_rto_get(&vc->rto)));
}

/* Move the transmit cursor past @frag. */
static void vc_advance(struct cluster_vc *vc, struct sk_buff *frag)
{
	vc->tx_next = skb_queue_is_last(&vc->txq, frag) ? NULL :
		      skb_queue_next(&vc->txq, frag);
}

/*
 * Send what the window allows, from the cursor on: fragments never sent,
 * or presumed lost (not in flight) and not selectively acknowledged.
 * vc->lock held.
 */
static void vc_xmit(struct cluster_vc *vc, u16 group, struct sk_buff_head *out)
{
	struct cluster_vc_path *path;
	struct cluster_vc_cb *cb;
	struct sk_buff *frag, *skb;
	u16 flags;

	while ((frag = vc->tx_next)) {
		cb = vc_cb(frag);
		/* In flight already, or known to be at the peer. */
		if (cb->in_flight || cb->sacked) {
			vc_advance(vc, frag);
			continue;
		}
		if (!cluster_cwnd_can_send(&vc->cwnd, vc->in_flight) ||
		    cb->seq - vc->snd_una >= vc_peer_window(vc))
			break;
		path = vc_path(vc, frag->len, cb->tx_count ? cb->chan : NULL);
		if (!path)
			break;
		flags = 0;
		/*
		 * The window is full, a retransmission probes, or the last
		 * fragment of a multi-fragment message frees a run of buffers.
		 * A one-fragment message waits for ack_delay instead, so that
		 * a reply (a request/response exchange) carries its ACK.
		 */
		if (vc->in_flight + 1 >= vc->cwnd.cwnd || cb->tx_count ||
		    (cb->offset && cb->offset + frag->len >= cb->total))
			flags |= CLUSTER_WIRE_F_ACK_NOW;
		if (cb->tx_count)
			flags |= CLUSTER_WIRE_F_RETX;
		skb = vc_data_frame(vc, path, frag, flags, group);
		if (!skb)
			break;
		__skb_queue_tail(out, skb);
		if (cb->tx_count) {
			vc->stats.retransmits++;
			trace_cluster_vc_retransmit(vc, cb->seq, cb->tx_count,
						    cb->fast_rtx ?
						    CLUSTER_TRACE_RTX_SACK :
						    vc->rewind_why);
		}
		if (cb->tx_count < U8_MAX)
			cb->tx_count++;
		cb->tx_ns = local_clock();
		cb->chan = path->chan;
		if (cluster_seq_after_eq(cb->seq, vc->snd_max))
			vc->snd_max = cb->seq + 1;
		cb->in_flight = true;
		vc->in_flight++;
		vc->stats.tx_frags++;
		/* The DATA carries the acknowledgment. */
		vc->ack_due = false;
		vc->ack_delayed = false;
		vc_advance(vc, frag);
		if (!timer_pending(&vc->rtx_timer))
			vc_arm_rtx(vc);
	}
}

static u16 vc_group(struct cluster_vc *vc)
{
	const struct cluster_key *key = cluster_key_rcu(vc->cn);

	return key ? key->group : 0;
}

/* Lock @vc for a step that queues frames on @out ... */
static void vc_lock(struct cluster_vc *vc, struct sk_buff_head *out)
	__acquires(RCU) __acquires(&vc->lock)
{
	__skb_queue_head_init(out);
	rcu_read_lock();
	spin_lock_bh(&vc->lock);
}

/* ... and send them once the lock is dropped. */
static void vc_unlock(struct cluster_vc *vc, struct sk_buff_head *out)
	__releases(&vc->lock) __releases(RCU)
{
	spin_unlock_bh(&vc->lock);
	cluster_txq_flush(out);
	rcu_read_unlock();
}

/*
 * The round trip an acknowledgment measures: from the transmission of the
 * newest fragment it newly covers (cumulatively or selectively), so one
 * sample per ACK, not one per fragment (older fragments of the same ACK
 * would add the time they waited for it).  Karn: none if that fragment
 * was sent more than once.
 */
static void vc_rtt_sample(struct cluster_vc *vc, u8 tx_count, u64 tx_ns,
			  u64 now)
{
	if (tx_count != 1 || now <= tx_ns)
		return;
	cluster_rto_sample_karn(&vc->rto, div_u64(now - tx_ns, 1000), false);
	trace_cluster_vc_rto(vc, CLUSTER_TRACE_RTO_SAMPLE);
}

/* Everything up to @ack arrived at the peer.  vc->lock held. */
static void vc_acked(struct cluster_vc *vc, u32 ack, u64 now)
{
	struct cluster_vc_cb *cb;
	struct sk_buff *skb;
	u8 tx_count = 0;
	u64 tx_ns = 0;
	u32 newly = 0;

	if (!cluster_seq_after(ack, vc->snd_una) ||
	    cluster_seq_after(ack, vc->snd_max))
		return;
	while ((skb = skb_peek(&vc->txq))) {
		cb = vc_cb(skb);
		if (!cluster_seq_before(cb->seq, ack))
			break;
		__skb_unlink(skb, &vc->txq);
		if (skb == vc->tx_next)
			vc->tx_next = skb_peek(&vc->txq);
		/* Timed when it was selectively acknowledged, if it was. */
		tx_count = cb->sacked ? 0 : cb->tx_count;
		tx_ns = cb->tx_ns;
		if (tx_count == 1)
			vc_path_ok(vc, cb->chan);
		if (cb->in_flight)
			vc->in_flight--;
		vc->txq_bytes -= skb->len;
		/* Frees the sender's buffer space and wakes it. */
		consume_skb(skb);
		newly++;
	}
	vc->snd_una = ack;
	vc_rtt_sample(vc, tx_count, tx_ns, now);
	if (cluster_cwnd_ack(&vc->cwnd, ack, newly))
		trace_cluster_vc_cwnd(vc, CLUSTER_TRACE_CWND_ACK);
	if (skb_queue_empty(&vc->txq))
		timer_delete(&vc->rtx_timer);
	else
		vc_arm_rtx(vc);
}

/* Is @seq in one of the @n blocks of @sack? */
static bool vc_in_sack(u32 seq, const struct cluster_wire_sack *sack,
		       unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (cluster_seq_after_eq(seq, sack[i].start) &&
		    cluster_seq_before(seq, sack[i].end))
			return true;
	return false;
}

/*
 * The selective acknowledgments of an ACK (Documentation/vc.rst, "Fast
 * retransmit").  Fragments the peer holds out of order leave the flight
 * and are not sent again.  A fragment sent before at least
 * %CLUSTER_VC_DUPTHRESH held ones is presumed lost and goes out again at
 * once, ahead of new data, once per recovery; the window is halved
 * (cluster_cwnd_fast_loss()).  Only sent fragments are looked at, so the
 * walk is bounded by the window.  vc->lock held.
 */
static void vc_sacked(struct cluster_vc *vc, const struct cluster_wire_ack *a,
		      u64 now)
{
	struct sk_buff *skb, *lost = NULL;
	struct cluster_vc_cb *cb;
	u32 held = 0, seen = 0;
	u8 tx_count = 0;
	u64 tx_ns = 0;

	if (!a->nsack)
		return;
	skb_queue_walk(&vc->txq, skb) {
		cb = vc_cb(skb);
		if (!cb->tx_count)
			break;
		if (!cb->sacked && vc_in_sack(cb->seq, a->sack, a->nsack)) {
			tx_count = cb->tx_count;
			tx_ns = cb->tx_ns;
			if (tx_count == 1)
				vc_path_ok(vc, cb->chan);
			cb->sacked = true;
			if (cb->in_flight) {
				cb->in_flight = false;
				vc->in_flight--;
			}
		}
		held += cb->sacked;
	}
	vc_rtt_sample(vc, tx_count, tx_ns, now);
	skb_queue_walk(&vc->txq, skb) {
		cb = vc_cb(skb);
		if (cb->sacked) {
			seen++;
			continue;
		}
		if (!cb->tx_count || held - seen < CLUSTER_VC_DUPTHRESH)
			break;
		if (cb->fast_rtx)
			continue;
		cb->fast_rtx = true;
		if (cb->in_flight) {
			cb->in_flight = false;
			vc->in_flight--;
		}
		if (!lost)
			lost = skb;
		vc_path_lost(vc, cb->chan);
		vc->stats.sack_losses++;
	}
	if (!lost)
		return;
	if (cluster_cwnd_fast_loss(&vc->cwnd, vc->snd_max))
		trace_cluster_vc_cwnd(vc, CLUSTER_TRACE_CWND_SACK_LOSS);
	if (!vc->tx_next ||
	    cluster_seq_before(vc_cb(lost)->seq, vc_cb(vc->tx_next)->seq))
		vc->tx_next = lost;
}

/*
 * Everything in flight is presumed lost: it goes out again from the
 * oldest, skipping what the peer holds.  vc->lock held.
 */
static void vc_rewind(struct cluster_vc *vc, u8 why)
{
	struct sk_buff *skb;

	vc->rewind_why = why;
	skb_queue_walk(&vc->txq, skb) {
		vc_cb(skb)->in_flight = false;
		vc_cb(skb)->fast_rtx = false;
	}
	vc->in_flight = 0;
	vc->tx_next = skb_peek(&vc->txq);
}

/* Fail every queued message: the peer is gone.  vc->lock held. */
static void vc_fail_tx(struct cluster_vc *vc, int err)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&vc->txq))) {
		if (skb->sk && vc_cb(skb)->offset == 0) {
			skb->sk->sk_err = -err;
			sk_error_report(skb->sk);
			vc->stats.failed++;
		}
		kfree_skb(skb);
	}
	vc->txq_bytes = 0;
	vc->tx_next = NULL;
	vc->in_flight = 0;
	vc->snd_una = vc->snd_nxt;
	vc->snd_max = vc->snd_nxt;
	vc->first = vc->snd_nxt;
	timer_delete(&vc->rtx_timer);
}

/*
 * Has the peer been silent on the circuit, through several timeouts and
 * for longer than reconnect_interval, while it has open channels?  Then
 * the channels live (they answer keepalives) but the circuit does not: a
 * peer that will not acknowledge.  vc->lock held.
 */
static bool vc_stalled(struct cluster_vc *vc)
{
	struct cluster_params p;

	if (vc->silent_timeouts < CLUSTER_VC_SILENT_TIMEOUTS)
		return false;
	cluster_params_get(vc->cn, &p);
	return time_after(jiffies, vc->heard +
			  msecs_to_jiffies(p.reconnect_interval));
}

static void vc_rtx_timer(struct timer_list *t)
{
	struct cluster_vc *vc = from_timer(vc, t, rtx_timer);
	struct sk_buff_head out;
	struct sk_buff *skb;

	vc_lock(vc, &out);
	skb = skb_peek(&vc->txq);
	if (skb && vc->npaths && vc_stalled(vc)) {
		/* Channels up, circuit silent: start it over. */
		vc_set_state(vc, CLUSTER_VC_DOWN, CLUSTER_TRACE_VC_STALLED);
		vc->stalled = true;
		vc_fail_tx(vc, -ETIMEDOUT);
		pr_info("node %u: virtual circuit to node %u stalled: nothing heard for %u ms; restarting its channels\n",
			vc->cn->node_id, vc->node,
			jiffies_to_msecs(jiffies - vc->heard));
		cluster_event_vc(vc->cn, vc->node, false, "stalled");
		queue_work(system_wq, &vc->cn->vc_reap);
	} else if (skb && vc->npaths) {
		vc->silent_timeouts++;
		vc->stats.timeouts++;
		if (cluster_cwnd_timeout(&vc->cwnd, vc->snd_max))
			trace_cluster_vc_cwnd(vc, CLUSTER_TRACE_CWND_TIMEOUT);
		/* The oldest is late: its channel, not every one in flight. */
		if (vc_cb(skb)->tx_count)
			vc_path_lost(vc, vc_cb(skb)->chan);
		cluster_rto_backoff(&vc->rto);
		trace_cluster_vc_rto(vc, CLUSTER_TRACE_RTO_BACKOFF);
		/*
		 * The oldest fragment cannot be held out of order: if it is
		 * marked so, the peer dropped what it had held (or the SACK
		 * lied).  Forget them all and send everything again.
		 */
		if (vc_cb(skb)->sacked)
			skb_queue_walk(&vc->txq, skb)
				vc_cb(skb)->sacked = false;
		vc_rewind(vc, CLUSTER_TRACE_RTX_TIMEOUT);
		vc_xmit(vc, vc_group(vc), &out);
	}
	vc_unlock(vc, &out);
}

static void vc_ack_timer(struct timer_list *t)
{
	struct cluster_vc *vc = from_timer(vc, t, ack_timer);
	struct sk_buff_head out;

	vc_lock(vc, &out);
	if (vc->ack_delayed)
		vc_send_ack(vc, vc_group(vc), &out);
	vc_unlock(vc, &out);
}

/*
 * Hold @msg (or nothing) for a full socket.  cn->vc_holds counts the
 * circuits holding one, so that a socket read queues the retry work only
 * when there is something to retry.  vc->lock held.
 */
static void vc_set_hold(struct cluster_vc *vc, struct sk_buff *msg)
{
	if (!vc->rx_hold && msg)
		atomic_inc(&vc->cn->vc_holds);
	else if (vc->rx_hold && !msg)
		atomic_dec(&vc->cn->vc_holds);
	vc->rx_hold = msg;
}

static void vc_free_skb(void *item, void *ctx)
{
	kfree_skb(item);
}

static void vc_reset_rx(struct cluster_vc *vc, u32 first)
{
	cluster_reseq_flush(&vc->reseq, vc_free_skb, NULL);
	cluster_reseq_init(&vc->reseq, vc->slots, CLUSTER_VC_CACHE, first);
	cluster_reasm_reset(&vc->reasm);
	kfree_skb(vc->rx_msg);
	vc->rx_msg = NULL;
	vc->rx_tail = NULL;
	kfree_skb(vc->rx_hold);
	vc_set_hold(vc, NULL);
	vc->peer_first = first;
}

static void vc_reconnect_timer(struct timer_list *t)
{
	struct cluster_vc *vc = from_timer(vc, t, reconnect_timer);
	struct cluster_net *cn = vc->cn;

	spin_lock_bh(&vc->lock);
	if (vc->state == CLUSTER_VC_RECONNECT) {
		vc_set_state(vc, CLUSTER_VC_DOWN,
			     CLUSTER_TRACE_VC_RECONNECT_TIMEOUT);
		vc_fail_tx(vc, -EHOSTUNREACH);
		pr_info("node %u: virtual circuit to node %u down: no channel for %u ms\n",
			cn->node_id, vc->node, vc->reconnect_ms);
		cluster_event_vc(cn, vc->node, false, "reconnect_timeout");
	}
	spin_unlock_bh(&vc->lock);
	queue_work(system_wq, &cn->vc_reap);
}

static struct cluster_vc *vc_new(struct cluster_net *cn, u32 node)
{
	struct cluster_vc *vc = kzalloc(sizeof(*vc), GFP_ATOMIC);

	if (!vc)
		return NULL;
	vc->cn = cn;
	vc->node = node;
	refcount_set(&vc->ref, 1);
	spin_lock_init(&vc->lock);
	vc_set_state(vc, CLUSTER_VC_OPEN, CLUSTER_TRACE_VC_CHANNEL_UP);
	do {
		vc->epoch = get_random_u32();
	} while (!vc->epoch);
	vc->first = get_random_u32();
	vc->snd_una = vc->first;
	vc->snd_nxt = vc->first;
	vc->snd_max = vc->first;
	vc->peer_cache = CLUSTER_WIRE_CACHE_MIN;
	__skb_queue_head_init(&vc->txq);
	cluster_cwnd_init(&vc->cwnd, vc_peer_window(vc));
	cluster_rto_init(&vc->rto, CLUSTER_RTO_MIN_US, CLUSTER_RTO_MAX_US,
			 CLUSTER_RTO_INITIAL_US, jiffies_to_usecs(1));
	cluster_reseq_init(&vc->reseq, vc->slots, CLUSTER_VC_CACHE, 0);
	cluster_reasm_init(&vc->reasm);
	timer_setup(&vc->rtx_timer, vc_rtx_timer, 0);
	timer_setup(&vc->ack_timer, vc_ack_timer, 0);
	timer_setup(&vc->reconnect_timer, vc_reconnect_timer, 0);
	return vc;
}

/**
 * cluster_vc_channel_up() - a channel to @ch's node opened
 * @ch: the channel; chan_lock held
 * @txq: where the frames it releases go
 *
 * Creates the VC with the first channel, adds the channel to its paths
 * and sends what waited for it.
 */
void cluster_vc_channel_up(struct cluster_channel *ch,
			   struct sk_buff_head *txq)
{
	struct cluster_net *cn = ch->cn;
	struct cluster_vc *vc = xa_load(&cn->vcs, ch->peer->id);
	struct cluster_vc_path *p;
	struct sk_buff_head out;
	bool fresh = false;

	lockdep_assert_held(&cn->chan_lock);
	if (!vc) {
		vc = vc_new(cn, ch->peer->id);
		if (!vc)
			return;
		if (xa_err(xa_store(&cn->vcs, vc->node, vc, GFP_ATOMIC))) {
			vc_set_state(vc, CLUSTER_VC_DOWN,
				     CLUSTER_TRACE_VC_NO_MEMORY);
			kfree(vc);
			return;
		}
		fresh = true;
		cluster_event_vc(cn, vc->node, true, NULL);
	}
	__skb_queue_head_init(&out);
	spin_lock(&vc->lock);
	if (vc->state != CLUSTER_VC_DOWN &&
	    vc->npaths < CLUSTER_VC_PATHS_MAX) {
		p = &vc->paths[vc->npaths++];
		p->chan = ch;
		p->adapter = ch->adapter;
		ether_addr_copy(p->mac, ch->remote_mac);
		p->unit = path_unit(ch->remote_mtu ?
				    min(ch->remote_mtu, ch->adapter->mtu) :
				    ch->adapter->mtu);
		p->srtt_us = cluster_channel_rtt_us(ch);
		p->priority = ch->adapter->priority;
		p->quiet = false;
		p->losses = 0;
		vc_update_unit(vc);
		if (!vc->rto.measured && p->srtt_us) {
			cluster_rto_sample(&vc->rto, p->srtt_us);
			trace_cluster_vc_rto(vc, CLUSTER_TRACE_RTO_CHANNEL);
		}
		/* Authenticated: the peer may now claim a restart. */
		vc->handshakes++;
		if (vc->state == CLUSTER_VC_RECONNECT) {
			timer_delete(&vc->reconnect_timer);
			vc_set_state(vc, CLUSTER_VC_OPEN,
				     CLUSTER_TRACE_VC_CHANNEL_UP);
		}
		/* A new circuit: the peer learns our services first. */
		if (fresh)
			vc_publish_all(vc);
		vc_xmit(vc, vc_group(vc), &out);
	}
	spin_unlock(&vc->lock);
	skb_queue_splice_tail(&out, txq);
}

/**
 * cluster_vc_channel_down() - a channel to @ch's node closed
 * @ch: the channel; chan_lock held
 * @txq: where the frames it releases go
 *
 * Its fragments in flight go out again over the other channels (the
 * receiver discards what it already has); without channels the VC waits
 * for one to return.
 */
void cluster_vc_channel_down(struct cluster_channel *ch,
			     struct sk_buff_head *txq)
{
	struct cluster_net *cn = ch->cn;
	struct cluster_vc *vc = xa_load(&cn->vcs, ch->peer->id);
	struct sk_buff_head out;
	unsigned int i;

	lockdep_assert_held(&cn->chan_lock);
	if (!vc)
		return;
	__skb_queue_head_init(&out);
	spin_lock(&vc->lock);
	for (i = 0; i < vc->npaths; i++) {
		if (vc->paths[i].chan != ch)
			continue;
		vc->paths[i] = vc->paths[--vc->npaths];
		break;
	}
	vc_update_unit(vc);
	vc_rewind(vc, CLUSTER_TRACE_RTX_FAILOVER);
	if (vc->npaths) {
		vc_xmit(vc, vc_group(vc), &out);
	} else if (vc->state == CLUSTER_VC_OPEN) {
		struct cluster_params p;

		/*
		 * The node is lost as far as a connection can tell (its
		 * last channel timed out or said BYE): connections reset
		 * now; datagrams wait for the reconnect interval.
		 */
		cluster_conn_node_lost(cn, vc->node);

		/* The interval in force now; a later change waits. */
		cluster_params_get(cn, &p);
		vc->reconnect_ms = p.reconnect_interval;
		vc_set_state(vc, CLUSTER_VC_RECONNECT,
			     CLUSTER_TRACE_VC_NO_CHANNEL);
		mod_timer(&vc->reconnect_timer, jiffies +
			  msecs_to_jiffies(vc->reconnect_ms));
	}
	spin_unlock(&vc->lock);
	skb_queue_splice_tail(&out, txq);
}

/**
 * cluster_vc_unit() - fragment size for a new message on @vc
 * @vc: the VC
 *
 * Return: payload bytes per fragment.
 */
u32 cluster_vc_unit(struct cluster_vc *vc)
{
	u32 unit;

	spin_lock_bh(&vc->lock);
	unit = vc->unit ? vc->unit : CLUSTER_WIRE_UNIT_MIN;
	spin_unlock_bh(&vc->lock);
	return unit;
}

/*
 * Give the fragments of a @bytes-byte message their sequence numbers and
 * queue them.  vc->lock held.
 */
static void vc_queue(struct cluster_vc *vc, struct sk_buff_head *frags,
		     u32 bytes)
{
	struct sk_buff *skb;
	u32 id = vc->msg_id++;

	/* Silence from the peer counts from when we start waiting on it. */
	if (skb_queue_empty(&vc->txq)) {
		vc->heard = jiffies;
		vc->silent_timeouts = 0;
	}
	while ((skb = __skb_dequeue(frags))) {
		vc_cb(skb)->seq = vc->snd_nxt++;
		vc_cb(skb)->msg_id = id;
		__skb_queue_tail(&vc->txq, skb);
		if (!vc->tx_next)
			vc->tx_next = skb;
	}
	vc->txq_bytes += bytes;
}

/**
 * cluster_vc_send() - queue a message's fragments on @vc
 * @vc: the VC
 * @frags: the fragments, in order, with their cluster_vc_cb filled but
 *	for seq and msg_id; taken over on success
 * @bytes: the message's length
 *
 * Return: 0, or -EHOSTUNREACH if the VC is down (@frags left to the
 * caller).
 */
int cluster_vc_send(struct cluster_vc *vc, struct sk_buff_head *frags,
		    u32 bytes)
{
	struct sk_buff_head out;
	int err = 0;

	vc_lock(vc, &out);
	if (vc->state == CLUSTER_VC_DOWN) {
		err = -EHOSTUNREACH;
		goto unlock;
	}
	vc_queue(vc, frags, bytes);
	vc->stats.tx_msgs++;
	vc_xmit(vc, vc_group(vc), &out);
unlock:
	vc_unlock(vc, &out);
	return err;
}

/*
 * Queue a control record, in sequence on the circuit so that it is as
 * reliable as the messages around it.  Not charged to a socket, and
 * bounded with the circuit's queue: past twice its bound the record is
 * dropped and counted (the circuit is then far behind; a peer that does
 * not read has stalled it anyway).  vc->lock held.
 */
static int vc_queue_ctl(struct cluster_vc *vc, const struct cluster_wire_ctl *c)
{
	int len = cluster_wire_ctl_len(c->type);
	struct sk_buff_head frags;
	struct sk_buff *skb;

	if (len < 0)
		return len;
	if (vc->txq_bytes >= 2 * CLUSTER_VC_QUEUE_MAX) {
		vc_drop(vc, NULL, CLUSTER_TRACE_DROP_CTL_QUEUE_FULL);
		return -ENOBUFS;
	}
	skb = alloc_skb(len, GFP_ATOMIC);
	if (!skb) {
		vc_drop(vc, NULL, CLUSTER_TRACE_DROP_CTL_NO_MEMORY);
		return -ENOMEM;
	}
	if (cluster_wire_ctl_encode(c, skb_put(skb, len), len) != len) {
		kfree_skb(skb);
		return -EINVAL;
	}
	/* One fragment: any unit above the record's length describes it. */
	cluster_vc_cb_init(skb, len, 0, CLUSTER_WIRE_UNIT_MIN,
			   CLUSTER_WIRE_PORT_CONTROL, CLUSTER_WIRE_PORT_CONTROL);
	__skb_queue_head_init(&frags);
	__skb_queue_tail(&frags, skb);
	vc_queue(vc, &frags, len);
	return 0;
}

/*
 * Tell the sender of a message that nobody is bound to its port.  Best
 * effort beyond vc_queue_ctl()'s bound: the sender still is not told of a
 * delivery that did not happen.  vc->lock held.
 */
static void vc_refuse(struct cluster_vc *vc, u16 sport, u16 dport, u32 msg_id)
{
	struct cluster_wire_ctl c = {
		.type = CLUSTER_WIRE_CTL_REFUSED,
		.reason = CLUSTER_WIRE_REFUSED_NO_PORT,
		.sport = sport,
		.dport = dport,
		.msg_id = msg_id,
	};

	if (sport)
		vc_queue_ctl(vc, &c);
}

/**
 * cluster_vc_send_ctl() - queue a control record on @vc and send it
 * @vc: the circuit
 * @c: the record, valid
 *
 * Context: process or softirq, no VC lock held.
 * Return: 0; -EHOSTUNREACH if the circuit is down; -ENOBUFS or -ENOMEM
 * (counted in ctl_drops).
 */
int cluster_vc_send_ctl(struct cluster_vc *vc, const struct cluster_wire_ctl *c)
{
	struct sk_buff_head out;
	int err;

	vc_lock(vc, &out);
	if (vc->state == CLUSTER_VC_DOWN) {
		err = -EHOSTUNREACH;
	} else {
		err = vc_queue_ctl(vc, c);
		vc_xmit(vc, vc_group(vc), &out);
	}
	vc_unlock(vc, &out);
	return err;
}

/**
 * cluster_vc_broadcast_ctl() - send a control record to every node
 * @cn: this node
 * @c: the record (a service's PUBLISH or WITHDRAW)
 *
 * Context: process or softirq, no VC lock held.
 */
void cluster_vc_broadcast_ctl(struct cluster_net *cn,
			      const struct cluster_wire_ctl *c)
{
	struct cluster_vc *vc;
	unsigned long id;

	rcu_read_lock();
	xa_for_each(&cn->vcs, id, vc) {
		if (!refcount_inc_not_zero(&vc->ref))
			continue;
		rcu_read_unlock();
		cluster_vc_send_ctl(vc, c);
		cluster_vc_put(vc);
		rcu_read_lock();
	}
	rcu_read_unlock();
}

/* Queues a PUBLISH on its circuit for each service of ours. */
struct vc_publisher {
	struct cluster_service_visitor v;
	struct cluster_vc *vc;
};

static void vc_publish_one(struct cluster_service_visitor *v,
			   const char *name, u16 port, u8 type)
{
	struct vc_publisher *pub = container_of(v, struct vc_publisher, v);
	struct cluster_wire_ctl c = {
		.type = CLUSTER_WIRE_CTL_PUBLISH,
		.reason = type,
		.sport = port,
	};

	strscpy(c.name, name, sizeof(c.name));
	vc_queue_ctl(pub->vc, &c);
}

/*
 * The peer's table starts empty (a new circuit, or it restarted): send it
 * every service of ours.  vc->lock held.
 */
static void vc_publish_all(struct cluster_vc *vc)
{
	struct vc_publisher pub = { .v.fn = vc_publish_one, .vc = vc };

	cluster_service_visit_local(vc->cn, &pub.v);
}

/*
 * The peer's services and connections are gone: it went down or
 * restarted.  Any context, any locks down to a VC's.
 */
static void vc_forget_peer(struct cluster_net *cn, u32 node)
{
	cluster_service_purge_node(cn, node);
	cluster_conn_node_lost(cn, node);
}

/* A control message from the peer's circuit; consumes @msg. */
static void vc_control(struct cluster_vc *vc, struct sk_buff *msg)
{
	u8 buf[CLUSTER_WIRE_CTL_SVC_LEN];
	struct cluster_wire_ctl c, reply;
	struct sock *sk;
	int err;

	if (msg->len > sizeof(buf) ||
	    skb_copy_bits(msg, 0, buf, msg->len) ||
	    cluster_wire_ctl_decode(&c, buf, msg->len)) {
		vc_drop(vc, NULL, CLUSTER_TRACE_DROP_BAD_CONTROL);
		kfree_skb(msg);
		return;
	}
	consume_skb(msg);
	switch (c.type) {
	case CLUSTER_WIRE_CTL_REFUSED:
		vc->stats.refused++;
		sk = cluster_port_lookup(vc->cn, c.sport);
		if (!sk)
			return;
		cluster_sock_refused(sk, vc->node, c.dport);
		sock_put(sk);
		break;
	case CLUSTER_WIRE_CTL_PUBLISH:
		err = cluster_service_publish(vc->cn, c.name, vc->node,
					      c.sport, c.reason);
		if (err && err != -EEXIST)
			vc_drop(vc, NULL, err == -ENOSPC ?
				CLUSTER_TRACE_DROP_SERVICE_TABLE_FULL :
				CLUSTER_TRACE_DROP_CTL_NO_MEMORY);
		break;
	case CLUSTER_WIRE_CTL_WITHDRAW:
		cluster_service_withdraw(vc->cn, c.name, vc->node, c.sport);
		break;
	default:
		if (cluster_conn_ctl(vc->cn, vc->node, &c, &reply))
			vc_queue_ctl(vc, &reply);
	}
}

/* Queue a complete message on its socket.  0, or -ENOBUFS: full. */
static int vc_deliver(struct cluster_vc *vc, struct sk_buff *msg)
{
	struct cluster_vc_cb *cb = vc_cb(msg);
	u16 sport = cb->sport, dport = cb->dport;
	u32 msg_id = cb->msg_id;
	int err;

	if (dport == CLUSTER_WIRE_PORT_CONTROL) {
		vc_control(vc, msg);
		return 0;
	}
	err = cluster_sock_deliver(vc->cn, vc->node, sport, dport, msg, false);
	if (err == -ECONNREFUSED) {
		vc_drop(vc, NULL, CLUSTER_TRACE_DROP_NO_PORT);
		vc_refuse(vc, sport, dport, msg_id);
		kfree_skb(msg);
		return 0;
	}
	if (err) {
		/* Restore what the retry needs; the skb is still ours. */
		cb = vc_cb(msg);
		cb->sport = sport;
		cb->dport = dport;
		cb->msg_id = msg_id;
		return -ENOBUFS;
	}
	vc->stats.rx_msgs++;
	return 0;
}

/* Take one in-order fragment into the message being reassembled. */
static void vc_reassemble(struct cluster_vc *vc, struct sk_buff *skb)
{
	struct cluster_vc_cb *cb = vc_cb(skb);
	struct cluster_frag_hdr hdr = {
		.msg_id = cb->msg_id,
		.total = cb->total,
		.offset = cb->offset,
		.unit = cb->unit,
	};
	enum cluster_reasm_result res;

	res = cluster_reasm_accept(&vc->reasm, &hdr, skb->len);
	if (res == CLUSTER_REASM_OTHER) {
		/*
		 * In order, a new message means the last one is incomplete:
		 * a broken peer, counted.
		 */
		vc_drop(vc, NULL, CLUSTER_TRACE_DROP_REASM_BAD);
		kfree_skb(vc->rx_msg);
		vc->rx_msg = NULL;
		cluster_reasm_reset(&vc->reasm);
		res = cluster_reasm_accept(&vc->reasm, &hdr, skb->len);
	}
	switch (res) {
	case CLUSTER_REASM_START:
		vc->rx_msg = skb;
		vc->rx_tail = NULL;
		break;
	case CLUSTER_REASM_COPY:
		if (!vc->rx_tail)
			skb_shinfo(vc->rx_msg)->frag_list = skb;
		else
			vc->rx_tail->next = skb;
		vc->rx_tail = skb;
		vc->rx_msg->len += skb->len;
		vc->rx_msg->data_len += skb->len;
		vc->rx_msg->truesize += skb->truesize;
		break;
	default:
		/*
		 * A fragment that fits no message: it and the message go.
		 * No frame in the event: this one may have waited in the
		 * resequencing cache longer than its device lived.
		 */
		vc_drop(vc, NULL, CLUSTER_TRACE_DROP_REASM_BAD);
		kfree_skb(skb);
		kfree_skb(vc->rx_msg);
		vc->rx_msg = NULL;
		cluster_reasm_reset(&vc->reasm);
		return;
	}
	if (cluster_reasm_done(&vc->reasm)) {
		struct sk_buff *msg = vc->rx_msg;

		vc->rx_msg = NULL;
		vc->rx_tail = NULL;
		cluster_reasm_reset(&vc->reasm);
		if (vc_deliver(vc, msg)) {
			vc_set_hold(vc, msg);
			/*
			 * A reader may have made room after the failed try
			 * and looked at vc_holds before it counted this one:
			 * try once more (pairs with cluster_vc_resume()).
			 */
			smp_mb__after_atomic();
			if (!vc_deliver(vc, msg))
				vc_set_hold(vc, NULL);
		}
	}
}

/* Release in-order fragments until a socket is full.  vc->lock held. */
static void vc_release(struct cluster_vc *vc)
{
	struct sk_buff *skb;

	if (vc->rx_hold) {
		if (vc_deliver(vc, vc->rx_hold))
			return;
		vc_set_hold(vc, NULL);
		vc->ack_due = true;
	}
	while (!vc->rx_hold && (skb = cluster_reseq_pop(&vc->reseq))) {
		vc->stats.rx_frags++;
		vc_reassemble(vc, skb);
	}
}

/*
 * Sort out whose stream a frame belongs to: learn the peer's epoch and
 * where its stream starts, notice a restart.  false: drop the frame.
 *
 * DATA and ACK are not authenticated (Documentation/protocol.rst), so a
 * frame cannot restart the circuit on its own word: a new epoch is
 * believed only after a channel to the node completed its authenticated
 * handshake since the current one was learned (a restarted peer always
 * has to: its channels start over).  And a frame meant for another
 * incarnation of ours changes nothing but is answered, so that a peer
 * that missed our restart learns of it.
 */
static bool vc_rx_stream(struct cluster_vc *vc, const struct sk_buff *skb,
			 u32 epoch, u32 peer_epoch, bool data, u32 first)
{
	if (peer_epoch && peer_epoch != vc->epoch) {
		if (!vc->peer_epoch) {
			vc->peer_epoch = epoch;
			vc->epoch_handshakes = vc->handshakes;
		}
		vc_drop(vc, skb, CLUSTER_TRACE_DROP_STALE);
		vc->ack_due = true;
		return false;
	}
	if (vc->peer_epoch && epoch != vc->peer_epoch) {
		if (vc->handshakes == vc->epoch_handshakes) {
			vc_drop(vc, skb, CLUSTER_TRACE_DROP_UNVERIFIED);
			return false;
		}
		/* The peer restarted: both our streams start over. */
		pr_info("node %u: node %u restarted its virtual circuit\n",
			vc->cn->node_id, vc->node);
		vc_fail_tx(vc, -ECONNRESET);
		/* Its services and connections died with it; ours it lost. */
		vc_forget_peer(vc->cn, vc->node);
		vc_publish_all(vc);
		cluster_cwnd_init(&vc->cwnd, vc_peer_window(vc));
		trace_cluster_vc_cwnd(vc, CLUSTER_TRACE_CWND_RESTART);
		vc->peer_epoch = 0;
	}
	if (!vc->peer_epoch) {
		vc->peer_epoch = epoch;
		vc->epoch_handshakes = vc->handshakes;
		vc->rx_ready = false;
	}
	/*
	 * The peer's stream starts where its first DATA says (an ACK
	 * cannot); within an epoch the start never moves.
	 */
	if (data && !vc->rx_ready) {
		vc_reset_rx(vc, first);
		vc->rx_ready = true;
	} else if (data && first != vc->peer_first) {
		vc_drop(vc, skb, CLUSTER_TRACE_DROP_UNVERIFIED);
		return false;
	}
	return true;
}

static void vc_set_peer_cache(struct cluster_vc *vc, u16 cache)
{
	if (cache != vc->peer_cache) {
		vc->peer_cache = cache;
		if (cluster_cwnd_set_max(&vc->cwnd, vc_peer_window(vc)))
			trace_cluster_vc_cwnd(vc, CLUSTER_TRACE_CWND_MAX);
	}
}

/* DATA: pull the fixed part, keep the fragment's fields in the cb. */
static int vc_rx_data(struct cluster_vc *vc, struct sk_buff *skb,
		      const struct cluster_wire_frame *f)
{
	const struct cluster_wire_data *d = &f->data;
	struct cluster_vc_cb *cb = vc_cb(skb);
	u32 next = cluster_reseq_ack(&vc->reseq);

	cb->seq = d->seq;
	cb->msg_id = d->msg_id;
	cb->total = d->total;
	cb->offset = d->offset;
	cb->unit = d->unit;
	cb->sport = d->sport;
	cb->dport = d->dport;
	switch (cluster_reseq_insert(&vc->reseq, d->seq, skb)) {
	case CLUSTER_RESEQ_OK:
		if (d->seq != next)
			vc->ack_due = true;	/* a hole: SACK it now */
		break;
	case CLUSTER_RESEQ_DUP:
		vc_drop(vc, skb, CLUSTER_TRACE_DROP_DUPLICATE);
		vc->ack_due = true;	/* our ACK may have been lost */
		kfree_skb(skb);
		return 0;
	default:
		vc_drop(vc, skb, CLUSTER_TRACE_DROP_RESEQ_FULL);
		kfree_skb(skb);
		return 0;
	}
	vc_release(vc);
	return 0;
}

/**
 * cluster_vc_rx() - a DATA or ACK frame arrived on adapter @a
 * @a: the adapter
 * @skb: the frame, data at the af_cluster header, linear; consumed
 * @f: its decoded fields, from another node, addressed to us
 *
 * Context: softirq, inside rcu_read_lock().
 * Return: 0, or a drop reason for @a's counters (@skb then not consumed).
 */
int cluster_vc_rx(struct cluster_adapter *a, struct sk_buff *skb,
		  const struct cluster_wire_frame *f)
{
	struct cluster_net *cn = a->cn;
	bool data = f->hdr.type == CLUSTER_WIRE_DATA;
	struct sk_buff_head out;
	struct cluster_vc *vc;
	u64 now = local_clock();
	int ret = 0;

	vc = xa_load(&cn->vcs, f->hdr.src);
	if (!vc)
		return CLUSTER_RX_DROP_NO_CHANNEL;
	if (data) {
		/* Keep the payload only: no header, no Ethernet padding. */
		__skb_pull(skb, CLUSTER_WIRE_DATA_PAYLOAD);
		if (pskb_trim(skb, f->data.payload_len))
			return CLUSTER_RX_DROP_NO_MEMORY;
		/*
		 * Reassembly chains the next fragments to this one's shared
		 * info, which must be its own (a clone's is not: netem
		 * duplicates, packet taps).  Before it is accepted, so that
		 * a failure is a drop the sender repairs.
		 */
		if (skb_unclone(skb, GFP_ATOMIC))
			return CLUSTER_RX_DROP_NO_MEMORY;
	}

	__skb_queue_head_init(&out);
	spin_lock_bh(&vc->lock);
	if (vc->state == CLUSTER_VC_DOWN) {
		ret = CLUSTER_RX_DROP_NO_CHANNEL;
		goto unlock;
	}
	vc->rx_chan = vc_chan_from(vc, a, eth_hdr(skb)->h_source);
	if (!vc_rx_stream(vc, skb, data ? f->data.epoch : f->ack.epoch,
			  data ? f->data.peer_epoch : f->ack.peer_epoch, data,
			  data ? f->data.first : 0)) {
		consume_skb(skb);
		goto ack;
	}
	vc->heard = jiffies;
	vc->silent_timeouts = 0;
	vc_set_peer_cache(vc, data ? f->data.cache : f->ack.cache);
	if (!data) {
		vc->stats.acks_rx++;
		vc_acked(vc, f->ack.ack, now);
		vc_sacked(vc, &f->ack, now);
		consume_skb(skb);
	} else {
		if (f->hdr.flags & CLUSTER_WIRE_F_ACK)
			vc_acked(vc, f->data.ack, now);
		if (f->hdr.flags & CLUSTER_WIRE_F_ACK_NOW)
			vc->ack_due = true;
		vc_rx_data(vc, skb, f);
		/* Acknowledge later, unless DATA we send carries it. */
		vc->ack_delayed = true;
		if (!vc->ack_due && !timer_pending(&vc->ack_timer)) {
			struct cluster_params p;

			cluster_params_get(cn, &p);
			if (!p.ack_delay)
				vc->ack_due = true;
			else
				mod_timer(&vc->ack_timer, jiffies +
					  msecs_to_jiffies(p.ack_delay));
		}
	}
	vc_xmit(vc, vc_group(vc), &out);
ack:
	/* Whatever DATA we sent carried the acknowledgment. */
	if (vc->ack_due)
		vc_send_ack(vc, vc_group(vc), &out);
unlock:
	spin_unlock_bh(&vc->lock);
	cluster_txq_flush(&out);
	return ret;
}

/* Retry the messages held for full sockets (after a recvmsg). */
static void vc_resume_work(struct work_struct *work)
{
	struct cluster_net *cn = container_of(work, struct cluster_net,
					      vc_resume);
	struct sk_buff_head out;
	struct cluster_vc *vc;
	unsigned long id;

	/*
	 * Across the whole walk: vc_reap_work() may erase and free a VC
	 * (kfree_rcu()) between xa_for_each() finding it and vc_lock().
	 * A VC being destroyed may still be locked: it holds nothing then.
	 */
	rcu_read_lock();
	xa_for_each(&cn->vcs, id, vc) {
		vc_lock(vc, &out);
		if (vc->rx_hold) {
			vc_release(vc);
			/* Refusals it queued, with the acknowledgment. */
			vc_xmit(vc, vc_group(vc), &out);
			if (vc->ack_due)
				vc_send_ack(vc, vc_group(vc), &out);
		}
		vc_unlock(vc, &out);
	}
	rcu_read_unlock();
}

/* A socket read or closed: messages held for it may fit, or be refused. */
void cluster_vc_resume(struct cluster_net *cn)
{
	/* The room made is visible before the count is read. */
	smp_mb();
	if (atomic_read(&cn->vc_holds))
		queue_work(system_wq, &cn->vc_resume);
}

static void vc_destroy(struct cluster_vc *vc)
{
	spin_lock_bh(&vc->lock);
	/* Already down when reaped; still up at namespace exit. */
	vc_set_state(vc, CLUSTER_VC_DOWN, CLUSTER_TRACE_VC_SHUTDOWN);
	spin_unlock_bh(&vc->lock);
	timer_shutdown_sync(&vc->rtx_timer);
	timer_shutdown_sync(&vc->ack_timer);
	timer_shutdown_sync(&vc->reconnect_timer);
	spin_lock_bh(&vc->lock);
	vc_fail_tx(vc, -EHOSTUNREACH);
	vc_reset_rx(vc, 0);
	spin_unlock_bh(&vc->lock);
	cluster_vc_put(vc);
}

/* Free the VCs that went down. */
static void vc_reap_work(struct work_struct *work)
{
	struct cluster_net *cn = container_of(work, struct cluster_net, vc_reap);
	struct cluster_vc *vc;
	unsigned long id;

	xa_for_each(&cn->vcs, id, vc) {
		if (READ_ONCE(vc->state) != CLUSTER_VC_DOWN)
			continue;
		/* Before a new circuit to the node can learn them again. */
		vc_forget_peer(cn, id);
		spin_lock_bh(&cn->chan_lock);
		xa_erase(&cn->vcs, id);
		spin_unlock_bh(&cn->chan_lock);
		vc_destroy(vc);
		/*
		 * Gone from the table first, so that the channels that open
		 * next make a new circuit, with a new epoch the peer accepts
		 * after their handshake.  Channels still open (the stalled
		 * circuit's, or one that came back just after the reconnect
		 * interval) start over: without a new handshake the peer
		 * would not believe the new epoch, and without one no new
		 * circuit would form over them.
		 */
		cluster_channels_reset(cn, id, CLUSTER_BYE_VC);
	}
}

int cluster_vc_net_init(struct cluster_net *cn)
{
	xa_init_flags(&cn->vcs, XA_FLAGS_LOCK_BH);
	atomic_set(&cn->vc_holds, 0);
	INIT_WORK(&cn->vc_resume, vc_resume_work);
	INIT_WORK(&cn->vc_reap, vc_reap_work);
	return 0;
}

/* After the adapters are gone: no channel, no frame can reach a VC. */
void cluster_vc_net_exit(struct cluster_net *cn)
{
	struct cluster_vc *vc;
	unsigned long id;

	/* Timers first: a reconnect timer queues the reap work. */
	xa_for_each(&cn->vcs, id, vc) {
		timer_shutdown_sync(&vc->rtx_timer);
		timer_shutdown_sync(&vc->ack_timer);
		timer_shutdown_sync(&vc->reconnect_timer);
	}
	cancel_work_sync(&cn->vc_resume);
	cancel_work_sync(&cn->vc_reap);
	xa_for_each(&cn->vcs, id, vc) {
		/* Stores run in softirq: every xa_lock user disables BH. */
		spin_lock_bh(&cn->chan_lock);
		xa_erase(&cn->vcs, id);
		spin_unlock_bh(&cn->chan_lock);
		vc_destroy(vc);
	}
	xa_destroy(&cn->vcs);
}
