// SPDX-License-Identifier: GPL-2.0
/*
 * HELLO: each usable adapter multicasts a HELLO at an interval drawn from
 * [hello_min, hello_max], staggered against the node's other adapters
 * (jitter.c).  The same timer sends a keepalive on each open channel of
 * the adapter, which keeps the channel's round trip measured, and forgets
 * remote adapters that have been silent for long.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/string.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "peer.h"

/*
 * A closed channel whose remote adapter was silent for this many listen
 * timeouts is forgotten (its counters with it).
 */
#define CLUSTER_CHANNEL_FORGET_LISTENS	4

static u64 cluster_now_ms(void)
{
	return ktime_to_ms(ktime_get());
}

/*
 * Schedule @a's next HELLO: the first one after a start (@first) or the
 * one after the HELLO just sent at a->next_hello_ms.  chan_lock held.
 */
static void hello_schedule(struct cluster_adapter *a, bool first)
{
	struct cluster_net *cn = a->cn;
	struct cluster_adapter *o;
	struct cluster_params p;
	unsigned int n = 0;
	u64 now = cluster_now_ms(), base, next;

	lockdep_assert_held(&cn->chan_lock);
	if (a->dead || !a->usable)
		return;
	cluster_params_get(cn, &p);
	list_for_each_entry(o, &cn->adapters, list) {
		if (o == a || !o->next_hello_ms || n >= CLUSTER_STAGGER_MAX)
			continue;
		cn->stagger[n++] = o->next_hello_ms;
	}
	base = first || !a->next_hello_ms ? now : a->next_hello_ms;
	next = cluster_hello_next(&cluster_rand_kernel, p.hello_min,
				  p.hello_max, base, first || !a->next_hello_ms,
				  cn->stagger, n);
	a->next_hello_ms = next;
	mod_timer(&a->hello_timer,
		  jiffies + msecs_to_jiffies(next > now ? next - now : 0));
}

/**
 * cluster_hello_start() - (re)start @a's HELLOs with a fresh stagger
 * @a: a usable adapter; chan_lock held
 */
void cluster_hello_start(struct cluster_adapter *a)
{
	hello_schedule(a, true);
}

/**
 * cluster_hello_restagger() - restart every adapter's HELLO schedule
 * @cn: the node, after hello_min or hello_max changed
 *
 * One adapter after the other, each staggered against those already
 * restarted, so the new intervals apply at once and stay staggered.
 * Context: process or softirq, chan_lock not held.
 */
void cluster_hello_restagger(struct cluster_net *cn)
{
	struct cluster_adapter *a;

	spin_lock_bh(&cn->chan_lock);
	list_for_each_entry(a, &cn->adapters, list)
		a->next_hello_ms = 0;
	list_for_each_entry(a, &cn->adapters, list)
		hello_schedule(a, true);
	spin_unlock_bh(&cn->chan_lock);
}

/* The HELLO of @a, or NULL if the node has no id or group yet. */
static struct sk_buff *hello_frame(struct cluster_adapter *a)
{
	struct cluster_net *cn = a->cn;
	const struct cluster_key *key = cluster_key_rcu(cn);
	struct cluster_wire_frame f = {};

	if (!cn->node_id || !key || !key->group || !a->mc_joined)
		return NULL;
	f.hdr.type = CLUSTER_WIRE_HELLO;
	f.hdr.group = key->group;
	f.hdr.src = cn->node_id;
	memcpy(f.hello.name, cn->node_name, sizeof(f.hello.name));
	ether_addr_copy(f.hello.mac, a->mac);
	f.hello.max_version = CLUSTER_WIRE_VERSION;
	f.hello.mtu = min_t(u32, a->mtu, U16_MAX);
	f.hello.caps = key->secret_len ? CLUSTER_WIRE_CAP_SECRET : 0;
	f.hello.ts = ktime_get_ns();
	return cluster_adapter_frame(a, a->mc_addr, &f);
}

/**
 * cluster_hello_timer() - an adapter's HELLO is due
 * @t: &cluster_adapter.hello_timer
 */
void cluster_hello_timer(struct timer_list *t)
{
	struct cluster_adapter *a = from_timer(a, t, hello_timer);
	struct cluster_net *cn = a->cn;
	struct cluster_channel *ch;
	struct cluster_params p;
	struct sk_buff_head txq;
	struct sk_buff *skb;

	__skb_queue_head_init(&txq);
	rcu_read_lock();
	spin_lock_bh(&cn->chan_lock);
	if (a->dead || !a->usable || timer_pending(&a->hello_timer))
		goto unlock;

	skb = hello_frame(a);
	if (skb) {
		__skb_queue_tail(&txq, skb);
		atomic64_inc(&a->hello_tx);
		list_for_each_entry(ch, &a->channels, adapter_list)
			if (ch->state == CLUSTER_CHAN_OPEN)
				cluster_channel_keepalive(ch, &txq);
	}
	cluster_params_get(cn, &p);
	cluster_channel_gc(a, cluster_now_ms(),
			   p.listen_timeout * CLUSTER_CHANNEL_FORGET_LISTENS);
	hello_schedule(a, false);
unlock:
	spin_unlock_bh(&cn->chan_lock);
	cluster_txq_flush(&txq);
	rcu_read_unlock();
}

/**
 * cluster_hello_rx() - a HELLO arrived on @rx->adapter
 * @rx: the frame; chan_lock held, inside rcu_read_lock()
 *
 * Return: 0, or the drop reason.
 */
int cluster_hello_rx(struct cluster_rx *rx)
{
	const struct cluster_wire_frame *f = rx->f;
	struct cluster_adapter *a = rx->adapter;
	bool peer_secret = f->hello.caps & CLUSTER_WIRE_CAP_SECRET;
	struct cluster_channel *ch;
	int drop;

	if (!ether_addr_equal(f->hello.mac, rx->eth->h_source))
		return CLUSTER_RX_DROP_MAC_MISMATCH;
	if (peer_secret != !!rx->key->secret_len) {
		net_warn_ratelimited("node %u: %s: node %u at %pM %s: no channel\n",
				     a->cn->node_id, a->dev->name, f->hdr.src,
				     f->hello.mac, peer_secret ?
				     "has a cluster secret and this node has none" :
				     "has no cluster secret and this node has one");
		return CLUSTER_RX_DROP_NO_SECRET_MATCH;
	}
	ch = cluster_channel_lookup(a, f->hello.mac, f->hdr.src, rx->txq,
				    &drop);
	if (!ch)
		return drop;

	atomic64_inc(&a->hello_rx);
	ch->stats.hello_rx++;
	cluster_peer_set_name(ch->peer, f->hello.name);
	ch->remote_mtu = f->hello.mtu;
	ch->peer_ts = f->hello.ts;
	ch->peer_ts_rx = rx->now_ns;
	cluster_channel_event(ch, CLUSTER_CHAN_EV_HELLO, rx->txq, 0);
	return 0;
}
