// SPDX-License-Identifier: GPL-2.0
/*
 * Channels at run time: chanfsm.c decides, this file acts.  One timer per
 * channel serves the response delay, the handshake timeout and the listen
 * timeout, whichever the state needs; handshake frames are built and
 * verified with wire.c and auth.c; keepalives measure the round trip.
 *
 * Everything runs under the node's chan_lock and inside rcu_read_lock();
 * frames go to the caller's queue, sent after the lock is dropped.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "compat.h"
#include "event.h"
#include "peer.h"
#include "trace.h"
#include "vc.h"

static void cluster_channel_put(struct cluster_channel *ch)
{
	if (refcount_dec_and_test(&ch->ref))
		kfree(ch);
}

/* Arm the channel's one timer to fire @delay jiffies from now. */
static void channel_timer_arm(struct cluster_channel *ch, unsigned long delay)
{
	ch->deadline = jiffies + delay;
	/* A timer that was idle gets the reference it will drop. */
	if (!mod_timer(&ch->timer, ch->deadline))
		refcount_inc(&ch->ref);
}

static void channel_timer_stop(struct cluster_channel *ch)
{
	/* Never the last reference: the lists hold one. */
	if (timer_delete(&ch->timer))
		refcount_dec(&ch->ref);
}

/* Listen timer: pushed back by every frame, without touching the timer. */
static void channel_listen(struct cluster_channel *ch)
{
	struct cluster_params p;

	cluster_params_get(ch->cn, &p);
	ch->deadline = ch->last_rx + msecs_to_jiffies(p.listen_timeout);
	if (!timer_pending(&ch->timer) ||
	    time_after(ch->timer.expires, ch->deadline))
		channel_timer_arm(ch, ch->deadline - jiffies);
}

static void channel_rtt_sample(struct cluster_channel *ch, u64 now, u64 echo,
			       u64 held)
{
	u64 rtt;

	if (!cluster_wire_rtt(now, echo, held, &rtt))
		return;
	/* RFC 6298's alpha of 1/8; the first sample stands alone. */
	if (!ch->srtt_ns)
		ch->srtt_ns = rtt ? rtt : 1;
	else
		ch->srtt_ns = ch->srtt_ns - (ch->srtt_ns >> 3) + (rtt >> 3);
}

/**
 * cluster_channel_rtt_us() - the smoothed round trip, for reports
 * @ch: the channel; chan_lock held
 *
 * Return: microseconds, rounded up, 0 if never measured.
 */
u32 cluster_channel_rtt_us(const struct cluster_channel *ch)
{
	return min_t(u64, DIV_ROUND_UP_ULL(ch->srtt_ns, NSEC_PER_USEC),
		     U32_MAX);
}

/* A frame header from us to the channel's peer, in the current group. */
static bool channel_hdr(struct cluster_channel *ch, struct cluster_wire_frame *f,
			u8 type, const struct cluster_key **keyp)
{
	const struct cluster_key *key = cluster_key_rcu(ch->cn);

	if (!key || !key->group || !ch->cn->node_id)
		return false;
	memset(f, 0, sizeof(*f));
	f->hdr.type = type;
	f->hdr.group = key->group;
	f->hdr.src = ch->cn->node_id;
	f->hdr.dst = ch->peer->id;
	if (keyp)
		*keyp = key;
	return true;
}

static void channel_send(struct cluster_channel *ch,
			 const struct cluster_wire_frame *f,
			 struct sk_buff_head *txq)
{
	struct sk_buff *skb;

	skb = cluster_adapter_frame(ch->adapter, ch->remote_mac, f);
	if (skb)
		__skb_queue_tail(txq, skb);
}

/* The MAC of our VERF (responder) or VACK (initiator) over @ch->hs. */
static int channel_hs_mac(struct cluster_channel *ch,
			  const struct cluster_key *key, u8 type,
			  u8 mac[CLUSTER_AUTH_MAC_LEN])
{
	u8 buf[CLUSTER_WIRE_TRANSCRIPT_LEN];
	int len;

	len = cluster_channel_transcript(ch, type, buf);
	if (len < 0)
		return len;
	return cluster_auth_mac(key->tfm, buf, len, mac);
}

/**
 * cluster_channel_transcript() - serialize what a VERF or VACK binds
 * @ch: the channel, whose &cluster_channel.hs is the attempt
 * @type: %CLUSTER_WIRE_VERF or %CLUSTER_WIRE_VACK
 * @buf: %CLUSTER_WIRE_TRANSCRIPT_LEN bytes
 *
 * Return: the length written, or a negative errno.
 */
int cluster_channel_transcript(const struct cluster_channel *ch, u8 type,
			       u8 *buf)
{
	const struct cluster_hs *hs = &ch->hs;
	struct cluster_wire_transcript t = {
		.version = CLUSTER_WIRE_VERSION,
		.group = hs->group,
		.node_i = hs->node_i,
		.node_r = hs->node_r,
	};

	memcpy(t.mac_i, hs->addr_i, ETH_ALEN);
	memcpy(t.mac_r, hs->addr_r, ETH_ALEN);
	memcpy(t.nonce_i, hs->nonce_i, sizeof(t.nonce_i));
	memcpy(t.nonce_r, hs->nonce_r, sizeof(t.nonce_r));
	return cluster_wire_transcript(type, &t, buf,
				       CLUSTER_WIRE_TRANSCRIPT_LEN);
}

static void send_ccstart(struct cluster_channel *ch, struct sk_buff_head *txq)
{
	const struct cluster_key *key;
	struct cluster_wire_frame f;

	if (!channel_hdr(ch, &f, CLUSTER_WIRE_CCSTART, &key))
		return;
	cluster_hs_begin(&ch->hs, true, key->group, ch->cn->node_id,
			 ch->adapter->mac, key->secret_len, ch->peer->id,
			 ch->remote_mac);
	ch->hs_ts = ktime_get_ns();
	memcpy(f.ccstart.nonce_i, ch->hs.nonce_i, CLUSTER_WIRE_NONCE_LEN);
	ether_addr_copy(f.ccstart.mac_i, ch->adapter->mac);
	ether_addr_copy(f.ccstart.mac_r, ch->remote_mac);
	f.ccstart.caps = key->secret_len ? CLUSTER_WIRE_CAP_SECRET : 0;
	f.ccstart.ts = ch->hs_ts;
	channel_send(ch, &f, txq);
}

static u64 channel_held(const struct cluster_channel *ch, u64 now)
{
	return ch->peer_ts && now > ch->peer_ts_rx ? now - ch->peer_ts_rx : 0;
}

static void send_verf(struct cluster_channel *ch, struct sk_buff_head *txq)
{
	const struct cluster_key *key;
	struct cluster_wire_frame f;
	u64 now;

	if (!channel_hdr(ch, &f, CLUSTER_WIRE_VERF, &key))
		return;
	cluster_hs_begin(&ch->hs, false, key->group, ch->cn->node_id,
			 ch->adapter->mac, key->secret_len, ch->peer->id,
			 ch->remote_mac);
	if (cluster_hs_set_peer(&ch->hs, ch->peer_nonce, ch->peer_secret))
		return;
	if (channel_hs_mac(ch, key, CLUSTER_WIRE_VERF, f.verf.hmac)) {
		atomic64_inc(&ch->adapter->tx_errors);
		return;
	}
	now = ktime_get_ns();
	ch->hs_ts = now;
	memcpy(f.verf.nonce_r, ch->hs.nonce_r, CLUSTER_WIRE_NONCE_LEN);
	memcpy(f.verf.nonce_i, ch->hs.nonce_i, CLUSTER_WIRE_NONCE_LEN);
	f.verf.caps = key->secret_len ? CLUSTER_WIRE_CAP_SECRET : 0;
	f.verf.echo = ch->peer_ts;
	f.verf.held = channel_held(ch, now);
	f.verf.ts = now;
	channel_send(ch, &f, txq);
}

static void send_vack(struct cluster_channel *ch, struct sk_buff_head *txq)
{
	const struct cluster_key *key;
	struct cluster_wire_frame f;

	if (!channel_hdr(ch, &f, CLUSTER_WIRE_VACK, &key))
		return;
	if (channel_hs_mac(ch, key, CLUSTER_WIRE_VACK, f.vack.hmac)) {
		atomic64_inc(&ch->adapter->tx_errors);
		return;
	}
	memcpy(f.vack.nonce_i, ch->hs.nonce_i, CLUSTER_WIRE_NONCE_LEN);
	memcpy(f.vack.nonce_r, ch->hs.nonce_r, CLUSTER_WIRE_NONCE_LEN);
	f.vack.echo = ch->peer_ts;
	f.vack.held = channel_held(ch, ktime_get_ns());
	channel_send(ch, &f, txq);
}

static void send_bye(struct cluster_channel *ch, u16 reason,
		     struct sk_buff_head *txq)
{
	struct cluster_wire_frame f;

	if (!channel_hdr(ch, &f, CLUSTER_WIRE_BYE, NULL))
		return;
	f.bye.reason = reason ? reason : CLUSTER_BYE_ADAPTER;
	ether_addr_copy(f.bye.mac, ch->adapter->mac);
	channel_send(ch, &f, txq);
}

/**
 * cluster_channel_keepalive() - send a keepalive on an open channel
 * @ch: the channel; chan_lock held
 * @txq: where the frame goes
 *
 * It echoes the peer's newest timestamp, from which the peer measures the
 * round trip, as we do from its keepalives.
 */
void cluster_channel_keepalive(struct cluster_channel *ch,
			       struct sk_buff_head *txq)
{
	struct cluster_wire_frame f;
	u64 now = ktime_get_ns();

	if (!channel_hdr(ch, &f, CLUSTER_WIRE_KEEPALIVE, NULL))
		return;
	f.keepalive.ts = now;
	f.keepalive.echo = ch->peer_ts;
	f.keepalive.held = channel_held(ch, now);
	ch->stats.keepalive_tx++;
	channel_send(ch, &f, txq);
}

static void channel_notify(struct cluster_channel *ch, bool up,
			   enum cluster_chan_event ev, u16 bye_reason,
			   struct sk_buff_head *txq)
{
	/* The name comes with HELLO: a responder may not have heard one. */
	const char *name = ch->peer->name[0] ? ch->peer->name : "?";

	if (up) {
		ch->adapter->n_open++;
		ch->peer->n_open++;
		ch->stats.hs_ok++;
		ch->opened_ns = ktime_get_ns();
		pr_info("node %u: %s: channel to node %u (%s) at %pM open, round trip %u us\n",
			ch->cn->node_id, ch->adapter->dev->name, ch->peer->id, name,
			ch->remote_mac, cluster_channel_rtt_us(ch));
		cluster_event_channel(ch, true, NULL);
		if (ch->peer->n_open == 1)
			cluster_event_node(ch->cn, ch->peer->id, ch->peer->name,
					   true);
		cluster_vc_channel_up(ch, txq);
	} else {
		ch->adapter->n_open--;
		ch->peer->n_open--;
		ch->opened_ns = 0;
		pr_info("node %u: %s: channel to node %u (%s) at %pM closed: %s\n",
			ch->cn->node_id, ch->adapter->dev->name, ch->peer->id, name,
			ch->remote_mac, cluster_chan_event_name(ev));
		cluster_event_channel(ch, false,
				      cluster_event_chan_reason(ev, bye_reason));
		if (!ch->peer->n_open)
			cluster_event_node(ch->cn, ch->peer->id, ch->peer->name,
					   false);
		cluster_vc_channel_down(ch, txq);
	}
}

static void channel_act(struct cluster_channel *ch, u32 action,
			enum cluster_chan_event ev, struct sk_buff_head *txq,
			u16 bye_reason)
{
	struct cluster_params p;
	u32 delay;

	switch (action) {
	case CLUSTER_CHAN_ACT_STOP_TIMERS:
		channel_timer_stop(ch);
		break;
	case CLUSTER_CHAN_ACT_COUNT_AUTH_FAIL:
		/* The VERF or VACK is dropped: one counter, one event. */
		ch->stats.hs_failed++;
		trace_cluster_drop(ch->cn, ch->adapter->dev, ch->remote_mac,
				   ch->peer->id, CLUSTER_TRACE_DROP_AUTH_FAILED);
		break;
	case CLUSTER_CHAN_ACT_COUNT_HS_TIMEOUT:
		ch->stats.hs_timeouts++;
		break;
	case CLUSTER_CHAN_ACT_COUNT_LISTEN_TIMEOUT:
		ch->stats.listen_timeouts++;
		break;
	case CLUSTER_CHAN_ACT_COUNT_RESTART:
		ch->stats.restarts++;
		break;
	case CLUSTER_CHAN_ACT_NOTIFY_DOWN:
		channel_notify(ch, false, ev, bye_reason, txq);
		break;
	case CLUSTER_CHAN_ACT_SEND_BYE:
		send_bye(ch, bye_reason, txq);
		break;
	case CLUSTER_CHAN_ACT_SEND_CCSTART:
		send_ccstart(ch, txq);
		break;
	case CLUSTER_CHAN_ACT_SEND_VERF:
		send_verf(ch, txq);
		break;
	case CLUSTER_CHAN_ACT_SEND_VACK:
		send_vack(ch, txq);
		break;
	case CLUSTER_CHAN_ACT_START_RESPONSE_TIMER:
		cluster_params_get(ch->cn, &p);
		delay = cluster_response_delay(&cluster_rand_kernel,
					       p.response_delay_max);
		channel_timer_arm(ch, msecs_to_jiffies(delay));
		break;
	case CLUSTER_CHAN_ACT_START_HS_TIMER:
		cluster_params_get(ch->cn, &p);
		channel_timer_arm(ch, msecs_to_jiffies(p.handshake_timeout));
		break;
	case CLUSTER_CHAN_ACT_START_LISTEN_TIMER:
		ch->last_rx = jiffies;
		channel_listen(ch);
		break;
	case CLUSTER_CHAN_ACT_NOTIFY_UP:
		channel_notify(ch, true, ev, 0, txq);
		break;
	}
}

/**
 * cluster_channel_event() - feed @ev to @ch's state machine and act
 * @ch: the channel; chan_lock held, inside rcu_read_lock()
 * @ev: what happened
 * @txq: where frames to send go
 * @bye_reason: for %CLUSTER_CHAN_EV_ADAPTER_DELETED, the BYE's reason
 */
void cluster_channel_event(struct cluster_channel *ch,
			   enum cluster_chan_event ev,
			   struct sk_buff_head *txq, u16 bye_reason)
{
	struct cluster_chan_step step;
	unsigned int bit;

	lockdep_assert_held(&ch->cn->chan_lock);
	if (ch->dead)
		return;
	step = cluster_chan_step(ch->state, ev);
	if (step.next != ch->state)
		trace_cluster_channel_state(ch, step.next, ev);
	ch->state = step.next;
	for (bit = 0; bit < CLUSTER_CHAN_ACT_COUNT; bit++)
		if (step.actions & BIT(bit))
			channel_act(ch, BIT(bit), ev, txq, bye_reason);
}

static void channel_timer(struct timer_list *t)
{
	struct cluster_channel *ch = from_timer(ch, t, timer);
	struct cluster_net *cn = ch->cn;
	enum cluster_chan_event ev;
	struct sk_buff_head txq;

	__skb_queue_head_init(&txq);
	rcu_read_lock();
	spin_lock_bh(&cn->chan_lock);
	/* Dead, or re-armed while we waited: the pending timer decides. */
	if (ch->dead || timer_pending(&ch->timer))
		goto out;
	if (time_before(jiffies, ch->deadline)) {
		channel_timer_arm(ch, ch->deadline - jiffies);
		goto out;
	}
	switch (ch->state) {
	case CLUSTER_CHAN_RESPONSE_WAIT:
		ev = CLUSTER_CHAN_EV_RESPONSE_TIMER;
		break;
	case CLUSTER_CHAN_CCSTART_SENT:
	case CLUSTER_CHAN_VERF_SENT:
		ev = CLUSTER_CHAN_EV_HS_TIMEOUT;
		break;
	case CLUSTER_CHAN_OPEN:
		ev = CLUSTER_CHAN_EV_LISTEN_TIMEOUT;
		break;
	default:
		goto out;
	}
	cluster_channel_event(ch, ev, &txq, 0);
out:
	spin_unlock_bh(&cn->chan_lock);
	cluster_txq_flush(&txq);
	rcu_read_unlock();
	cluster_channel_put(ch);
}

/**
 * cluster_channel_find() - the channel of @a to @remote_mac
 * @a: local adapter; chan_lock held
 * @remote_mac: remote adapter
 *
 * Return: the channel or NULL.
 */
struct cluster_channel *cluster_channel_find(struct cluster_adapter *a,
					     const u8 *remote_mac)
{
	struct cluster_channel *ch;

	list_for_each_entry(ch, &a->channels, adapter_list)
		if (ether_addr_equal(ch->remote_mac, remote_mac))
			return ch;
	return NULL;
}

/**
 * cluster_channel_unlink() - take @ch out of its adapter and peer
 * @ch: a channel already closed; chan_lock held
 * @dead: a list for cluster_channels_reap(), or NULL to drop the lists'
 *	reference at once (only for a channel with no timer pending)
 */
void cluster_channel_unlink(struct cluster_channel *ch, struct list_head *dead)
{
	struct cluster_net *cn = ch->cn;

	lockdep_assert_held(&cn->chan_lock);
	WARN_ON_ONCE(ch->state == CLUSTER_CHAN_OPEN);
	ch->dead = true;
	list_del(&ch->adapter_list);
	ch->adapter->n_channels--;
	list_del(&ch->peer_list);
	cluster_peer_put_channel(cn, ch->peer);
	ch->peer = NULL;
	if (dead)
		list_add_tail(&ch->adapter_list, dead);
	else
		cluster_channel_put(ch);
}

/**
 * cluster_channels_reap() - free unlinked channels once their timers stop
 * @dead: channels from cluster_channel_unlink()
 *
 * Context: process, chan_lock not held (a timer callback may wait on it).
 */
void cluster_channels_reap(struct list_head *dead)
{
	struct cluster_channel *ch, *tmp;

	list_for_each_entry_safe(ch, tmp, dead, adapter_list) {
		list_del(&ch->adapter_list);
		if (timer_delete_sync(&ch->timer))
			cluster_channel_put(ch);
		cluster_channel_put(ch);
	}
}

/**
 * cluster_channel_gc() - forget remote adapters silent for @idle_ms
 * @a: the adapter; chan_lock held
 * @now_ms: ktime ms
 * @idle_ms: how long a closed channel may stay silent
 */
void cluster_channel_gc(struct cluster_adapter *a, u64 now_ms, u32 idle_ms)
{
	struct cluster_channel *ch, *tmp;

	list_for_each_entry_safe(ch, tmp, &a->channels, adapter_list) {
		if (ch->state != CLUSTER_CHAN_CLOSED ||
		    timer_pending(&ch->timer) ||
		    now_ms - ch->last_heard_ms < idle_ms)
			continue;
		cluster_channel_unlink(ch, NULL);
	}
}

/**
 * cluster_channels_reset_locked() - close and unlink channels, saying BYE
 * @cn: the node
 * @node: only the channels to this node, or %CLUSTER_NODE_ANY for all
 * @bye_reason: the BYE's reason (%CLUSTER_BYE_ADMIN, %CLUSTER_BYE_VC)
 * @txq: collects the BYEs, for cluster_txq_flush() after unlocking
 * @dead: collects the unlinked channels, for cluster_channels_reap()
 *
 * The BYEs are encoded with the key in force now, so a caller that also
 * changes the key does it in the same hold of chan_lock, after this:
 * the peers still accept the BYE, and no frame authenticated by the old
 * key can open a record in between.
 * Context: chan_lock held, inside rcu_read_lock().
 */
void cluster_channels_reset_locked(struct cluster_net *cn, u32 node,
				   u16 bye_reason, struct sk_buff_head *txq,
				   struct list_head *dead)
{
	struct cluster_channel *ch, *tmp;
	struct cluster_adapter *a;

	lockdep_assert_held(&cn->chan_lock);
	list_for_each_entry(a, &cn->adapters, list) {
		list_for_each_entry_safe(ch, tmp, &a->channels, adapter_list) {
			if (node != CLUSTER_NODE_ANY && ch->peer->id != node)
				continue;
			cluster_channel_event(ch,
					      CLUSTER_CHAN_EV_ADAPTER_DELETED,
					      txq, bye_reason);
			cluster_channel_unlink(ch, dead);
		}
	}
}

/**
 * cluster_channels_reset() - close and forget channels, saying BYE
 * @cn: the node
 * @node: only the channels to this node, or %CLUSTER_NODE_ANY for all
 * @bye_reason: the BYE's reason (%CLUSTER_BYE_ADMIN, %CLUSTER_BYE_VC)
 *
 * For a stalled virtual circuit (its channels start over).  The peers'
 * next HELLOs open new ones.
 * Context: process, chan_lock not held.
 */
void cluster_channels_reset(struct cluster_net *cn, u32 node, u16 bye_reason)
{
	struct sk_buff_head txq;
	LIST_HEAD(dead);

	__skb_queue_head_init(&txq);
	rcu_read_lock();
	spin_lock_bh(&cn->chan_lock);
	cluster_channels_reset_locked(cn, node, bye_reason, &txq, &dead);
	spin_unlock_bh(&cn->chan_lock);
	cluster_txq_flush(&txq);
	rcu_read_unlock();
	cluster_channels_reap(&dead);
}

static struct cluster_channel *channel_new(struct cluster_adapter *a,
					   const u8 *remote_mac, u32 peer_id,
					   int *drop)
{
	struct cluster_net *cn = a->cn;
	struct cluster_channel *ch;
	struct cluster_peer *peer;

	*drop = CLUSTER_RX_DROP_TABLE_FULL;
	if (a->n_channels >= CLUSTER_ADAPTER_CHANNELS_MAX)
		return NULL;
	ch = kzalloc(sizeof(*ch), GFP_ATOMIC);
	if (!ch) {
		*drop = CLUSTER_RX_DROP_NO_MEMORY;
		return NULL;
	}
	peer = cluster_peer_get(cn, peer_id);
	if (!peer) {
		kfree(ch);
		return NULL;
	}
	ch->cn = cn;
	ch->adapter = a;
	ch->peer = peer;
	refcount_set(&ch->ref, 1);
	timer_setup(&ch->timer, channel_timer, 0);
	ch->state = CLUSTER_CHAN_CLOSED;
	ether_addr_copy(ch->remote_mac, remote_mac);
	list_add_tail(&ch->adapter_list, &a->channels);
	a->n_channels++;
	list_add_tail(&ch->peer_list, &peer->channels);
	peer->n_channels++;
	return ch;
}

/**
 * cluster_channel_lookup() - the channel of @a to @remote_mac, made if new
 * @a: local adapter, not dead; chan_lock held
 * @remote_mac: remote adapter
 * @peer_id: the node the remote adapter speaks for now
 * @txq: for frames sent closing a channel whose remote adapter moved to
 *	another node id
 * @drop: set to the drop reason when returning NULL
 *
 * Return: the channel, or NULL if the tables are full or memory is short.
 */
struct cluster_channel *cluster_channel_lookup(struct cluster_adapter *a,
					       const u8 *remote_mac,
					       u32 peer_id,
					       struct sk_buff_head *txq,
					       int *drop)
{
	struct cluster_channel *ch = cluster_channel_find(a, remote_mac);

	if (ch && ch->peer->id != peer_id) {
		/* The adapter now belongs to another node: start over. */
		cluster_channel_event(ch, CLUSTER_CHAN_EV_BYE, txq, 0);
		cluster_channel_unlink(ch, NULL);
		ch = NULL;
	}
	if (!ch)
		ch = channel_new(a, remote_mac, peer_id, drop);
	if (ch)
		ch->last_heard_ms = ktime_to_ms(ktime_get());
	return ch;
}

/* The channel a unicast frame from @rx belongs to, if it is in @state. */
static struct cluster_channel *rx_channel(struct cluster_rx *rx,
					  enum cluster_chan_state state)
{
	struct cluster_channel *ch;

	ch = cluster_channel_find(rx->adapter, rx->eth->h_source);
	if (!ch || ch->peer->id != rx->f->hdr.src || ch->state != state)
		return NULL;
	ch->last_heard_ms = ktime_to_ms(ktime_get());
	return ch;
}

static void hs_fail_log(struct cluster_channel *ch, int err)
{
	if (err == -EBADMSG)
		net_warn_ratelimited("node %u: %s: handshake with node %u at %pM failed: wrong cluster secret\n",
				     ch->cn->node_id, ch->adapter->dev->name,
				     ch->peer->id, ch->remote_mac);
	else
		net_warn_ratelimited("node %u: %s: handshake with node %u at %pM failed: %d\n",
				     ch->cn->node_id, ch->adapter->dev->name,
				     ch->peer->id, ch->remote_mac, err);
}

static int rx_ccstart(struct cluster_rx *rx)
{
	const struct cluster_wire_ccstart *cc = &rx->f->ccstart;
	bool peer_secret = cc->caps & CLUSTER_WIRE_CAP_SECRET;
	struct cluster_adapter *a = rx->adapter;
	struct cluster_channel *ch;
	int drop;

	if (!ether_addr_equal(cc->mac_i, rx->eth->h_source))
		return CLUSTER_RX_DROP_MAC_MISMATCH;
	if (!ether_addr_equal(cc->mac_r, a->mac))
		return CLUSTER_RX_DROP_NOT_FOR_US;
	if (peer_secret != !!rx->key->secret_len)
		return CLUSTER_RX_DROP_NO_SECRET_MATCH;
	ch = cluster_channel_lookup(a, cc->mac_i, rx->f->hdr.src, rx->txq,
				    &drop);
	if (!ch)
		return drop;
	memcpy(ch->peer_nonce, cc->nonce_i, sizeof(ch->peer_nonce));
	ch->peer_secret = peer_secret;
	ch->peer_ts = cc->ts;
	ch->peer_ts_rx = rx->now_ns;
	cluster_channel_event(ch,
			      cluster_chan_ccstart_event(a->cn->node_id, a->mac,
							 rx->f->hdr.src,
							 cc->mac_i),
			      rx->txq, 0);
	return 0;
}

static int rx_verf(struct cluster_rx *rx)
{
	const struct cluster_wire_verf *v = &rx->f->verf;
	u8 buf[CLUSTER_WIRE_TRANSCRIPT_LEN];
	struct cluster_channel *ch;
	int len, err;

	ch = rx_channel(rx, CLUSTER_CHAN_CCSTART_SENT);
	/* A VERF of an earlier attempt is stale, not forged. */
	if (!ch || memcmp(v->nonce_i, ch->hs.nonce_i, sizeof(v->nonce_i)))
		return CLUSTER_RX_DROP_NO_CHANNEL;
	err = cluster_hs_set_peer(&ch->hs, v->nonce_r,
				  v->caps & CLUSTER_WIRE_CAP_SECRET);
	if (err)
		return CLUSTER_RX_DROP_NO_CHANNEL;
	len = cluster_channel_transcript(ch, CLUSTER_WIRE_VERF, buf);
	err = len < 0 ? len : cluster_hs_verify(rx->key->tfm, &ch->hs, buf,
						len, v->hmac);
	if (err) {
		hs_fail_log(ch, err);
		cluster_channel_event(ch, CLUSTER_CHAN_EV_VERF_BAD, rx->txq, 0);
		return 0;
	}
	channel_rtt_sample(ch, rx->now_ns, v->echo, v->held);
	ch->peer_ts = v->ts;
	ch->peer_ts_rx = rx->now_ns;
	cluster_channel_event(ch, CLUSTER_CHAN_EV_VERF_OK, rx->txq, 0);
	return 0;
}

static int rx_vack(struct cluster_rx *rx)
{
	const struct cluster_wire_vack *v = &rx->f->vack;
	u8 buf[CLUSTER_WIRE_TRANSCRIPT_LEN];
	struct cluster_channel *ch;
	int len, err;

	ch = rx_channel(rx, CLUSTER_CHAN_VERF_SENT);
	if (!ch || memcmp(v->nonce_i, ch->hs.nonce_i, sizeof(v->nonce_i)) ||
	    memcmp(v->nonce_r, ch->hs.nonce_r, sizeof(v->nonce_r)))
		return CLUSTER_RX_DROP_NO_CHANNEL;
	len = cluster_channel_transcript(ch, CLUSTER_WIRE_VACK, buf);
	err = len < 0 ? len : cluster_hs_verify(rx->key->tfm, &ch->hs, buf,
						len, v->hmac);
	if (err) {
		hs_fail_log(ch, err);
		cluster_channel_event(ch, CLUSTER_CHAN_EV_VACK_BAD, rx->txq, 0);
		return 0;
	}
	channel_rtt_sample(ch, rx->now_ns, v->echo, v->held);
	cluster_channel_event(ch, CLUSTER_CHAN_EV_VACK_OK, rx->txq, 0);
	return 0;
}

static int rx_keepalive(struct cluster_rx *rx)
{
	const struct cluster_wire_keepalive *k = &rx->f->keepalive;
	struct cluster_channel *ch;

	ch = rx_channel(rx, CLUSTER_CHAN_OPEN);
	if (!ch)
		return CLUSTER_RX_DROP_NO_CHANNEL;
	ch->stats.keepalive_rx++;
	channel_rtt_sample(ch, rx->now_ns, k->echo, k->held);
	ch->peer_ts = k->ts;
	ch->peer_ts_rx = rx->now_ns;
	cluster_channel_event(ch, CLUSTER_CHAN_EV_RX, rx->txq, 0);
	return 0;
}

static int rx_bye(struct cluster_rx *rx)
{
	const struct cluster_wire_bye *b = &rx->f->bye;
	struct cluster_channel *ch, *tmp;
	struct cluster_peer *peer;

	if (!ether_addr_equal(b->mac, rx->eth->h_source))
		return CLUSTER_RX_DROP_MAC_MISMATCH;
	if (b->reason == CLUSTER_BYE_ADAPTER) {
		ch = cluster_channel_find(rx->adapter, b->mac);
		if (!ch || ch->peer->id != rx->f->hdr.src)
			return CLUSTER_RX_DROP_NO_CHANNEL;
		ch->stats.bye_rx++;
		cluster_channel_event(ch, CLUSTER_CHAN_EV_BYE, rx->txq, 0);
		return 0;
	}
	/* The whole node leaves: every channel to it, on every adapter. */
	list_for_each_entry(peer, &rx->adapter->cn->peers, list) {
		if (peer->id != rx->f->hdr.src)
			continue;
		list_for_each_entry_safe(ch, tmp, &peer->channels, peer_list) {
			ch->stats.bye_rx++;
			cluster_channel_event(ch, CLUSTER_CHAN_EV_BYE, rx->txq,
					      0);
		}
		return 0;
	}
	return CLUSTER_RX_DROP_NO_CHANNEL;
}

/**
 * cluster_channel_rx() - act on a decoded frame from @rx->adapter
 * @rx: the frame, checked to be from another node of our group and for us
 *	(or multicast); chan_lock held, inside rcu_read_lock()
 *
 * Return: 0, or the reason to count the frame as dropped.
 */
int cluster_channel_rx(struct cluster_rx *rx)
{
	switch (rx->f->hdr.type) {
	case CLUSTER_WIRE_HELLO:
		return cluster_hello_rx(rx);
	case CLUSTER_WIRE_CCSTART:
		return rx_ccstart(rx);
	case CLUSTER_WIRE_VERF:
		return rx_verf(rx);
	case CLUSTER_WIRE_VACK:
		return rx_vack(rx);
	case CLUSTER_WIRE_KEEPALIVE:
		return rx_keepalive(rx);
	case CLUSTER_WIRE_BYE:
		return rx_bye(rx);
	default:
		return CLUSTER_DROP_BAD_TYPE;
	}
}
