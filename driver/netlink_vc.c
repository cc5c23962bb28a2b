// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink command of the virtual circuits: show.  Each VC's
 * values are copied under its lock, so each report is a consistent
 * snapshot, and filled after the lock is released.  A dump that spans
 * several messages resumes by remote node id: a VC that came or went
 * between two of them may be missed, like any netlink dump.
 */

#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/xarray.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "af_cluster.h"
#include "netlink.h"
#include "vc.h"

/* What a report says about one VC, copied under its lock. */
struct vc_report {
	u32 node;
	u8 state;
	u32 channels;
	u32 cwnd;
	u32 ssthresh;
	u32 cwnd_max;
	u32 srtt_us;
	u32 rttvar_us;
	u32 rto_us;
	u32 peer_reseq;
	u32 unit;
	u32 in_flight;
	u32 queued;
	u64 ooo_held;
	struct cluster_vc_stats stats;
};

static void vc_snapshot(struct cluster_vc *vc, struct vc_report *r)
{
	spin_lock_bh(&vc->lock);
	r->node = vc->node;
	r->state = vc->state;
	r->channels = vc->npaths;
	r->cwnd = vc->cwnd.cwnd;
	r->ssthresh = vc->cwnd.ssthresh;
	r->cwnd_max = vc->cwnd.max;
	r->srtt_us = cluster_rto_srtt_us(&vc->rto);
	r->rttvar_us = cluster_rto_rttvar_us(&vc->rto);
	r->rto_us = cluster_rto_get(&vc->rto);
	r->peer_reseq = vc->peer_cache;
	r->unit = vc->unit;
	r->in_flight = vc->in_flight;
	r->queued = skb_queue_len(&vc->txq);
	r->ooo_held = cluster_reseq_ooo(&vc->reseq);
	r->stats = vc->stats;
	spin_unlock_bh(&vc->lock);
}

static int put_u64(struct sk_buff *msg, int type, u64 value)
{
	return nla_put_u64_64bit(msg, type, value, CLUSTER_VC_A_PAD);
}

static int vc_put_stats(struct sk_buff *msg, const struct vc_report *r)
{
	const struct cluster_vc_stats *st = &r->stats;

	return put_u64(msg, CLUSTER_VC_A_TX_MSGS, st->tx_msgs) ||
	       put_u64(msg, CLUSTER_VC_A_RX_MSGS, st->rx_msgs) ||
	       put_u64(msg, CLUSTER_VC_A_TX_FRAGS, st->tx_frags) ||
	       put_u64(msg, CLUSTER_VC_A_RX_FRAGS, st->rx_frags) ||
	       put_u64(msg, CLUSTER_VC_A_RETRANSMITS, st->retransmits) ||
	       put_u64(msg, CLUSTER_VC_A_TIMEOUTS, st->timeouts) ||
	       put_u64(msg, CLUSTER_VC_A_DUP_RX, st->dup_rx) ||
	       put_u64(msg, CLUSTER_VC_A_OOO_HELD, r->ooo_held) ||
	       put_u64(msg, CLUSTER_VC_A_RESEQ_DROPS, st->reseq_drops) ||
	       put_u64(msg, CLUSTER_VC_A_STALE, st->stale) ||
	       put_u64(msg, CLUSTER_VC_A_NO_PORT, st->no_port) ||
	       put_u64(msg, CLUSTER_VC_A_ACKS_TX, st->acks_tx) ||
	       put_u64(msg, CLUSTER_VC_A_ACKS_RX, st->acks_rx) ||
	       put_u64(msg, CLUSTER_VC_A_FAILED, st->failed) ||
	       put_u64(msg, CLUSTER_VC_A_REFUSED, st->refused) ||
	       put_u64(msg, CLUSTER_VC_A_SACK_LOSSES, st->sack_losses) ||
	       put_u64(msg, CLUSTER_VC_A_UNVERIFIED, st->unverified) ||
	       put_u64(msg, CLUSTER_VC_A_BAD_CONTROL, st->bad_control) ||
	       put_u64(msg, CLUSTER_VC_A_CTL_DROPS, st->ctl_drops) ||
	       put_u64(msg, CLUSTER_VC_A_REASM_DROPS, st->reasm_drops);
}

static int vc_fill(struct sk_buff *msg, const struct vc_report *r, u32 portid,
		   u32 seq)
{
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(msg, portid, seq, &cluster_genl_family, NLM_F_MULTI,
			  CLUSTER_CMD_VC_GET);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(msg, CLUSTER_A_VC);
	if (!nest ||
	    nla_put_u32(msg, CLUSTER_VC_A_REMOTE_NODE, r->node) ||
	    nla_put_u8(msg, CLUSTER_VC_A_STATE, r->state) ||
	    nla_put_u32(msg, CLUSTER_VC_A_CHANNELS, r->channels) ||
	    nla_put_u32(msg, CLUSTER_VC_A_CWND, r->cwnd) ||
	    nla_put_u32(msg, CLUSTER_VC_A_SSTHRESH, r->ssthresh) ||
	    nla_put_u32(msg, CLUSTER_VC_A_CWND_MAX, r->cwnd_max) ||
	    nla_put_u32(msg, CLUSTER_VC_A_SRTT_US, r->srtt_us) ||
	    nla_put_u32(msg, CLUSTER_VC_A_RTTVAR_US, r->rttvar_us) ||
	    nla_put_u32(msg, CLUSTER_VC_A_RTO_US, r->rto_us) ||
	    nla_put_u32(msg, CLUSTER_VC_A_PEER_RESEQ, r->peer_reseq) ||
	    nla_put_u32(msg, CLUSTER_VC_A_UNIT, r->unit) ||
	    nla_put_u32(msg, CLUSTER_VC_A_IN_FLIGHT, r->in_flight) ||
	    nla_put_u32(msg, CLUSTER_VC_A_QUEUED, r->queued) ||
	    vc_put_stats(msg, r)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return 0;
}

/*
 * cb->args[0]: the smallest remote node id not reported yet.  The VCs are
 * freed by kfree_rcu(): under rcu_read_lock() one that is being destroyed
 * may still be locked and read (it reports CLUSTER_VC_DOWN).
 */
int cluster_genl_vc_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cluster_net *cn = cluster_net(sock_net(skb->sk));
	unsigned long id, start = cb->args[0];
	struct vc_report r;
	struct cluster_vc *vc;

	rcu_read_lock();
	xa_for_each_start(&cn->vcs, id, vc, start) {
		vc_snapshot(vc, &r);
		if (vc_fill(skb, &r, NETLINK_CB(cb->skb).portid,
			    cb->nlh->nlmsg_seq))
			break;
		start = id + 1;
	}
	rcu_read_unlock();
	cb->args[0] = start;
	return skb->len;
}
