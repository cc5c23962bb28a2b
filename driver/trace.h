/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints (Documentation/tracing.rst): channel and virtual circuit
 * state changes, every counted drop with its reason, and the circuits'
 * window, retransmissions and retransmission timeout as they change.
 * Disabled, each costs a patched-out branch.  trace.c instantiates them.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM af_cluster

#ifndef _AF_CLUSTER_TRACE_ENUMS
#define _AF_CLUSTER_TRACE_ENUMS

#include "adapter.h"

/* Why the window changed. */
enum cluster_trace_cwnd {
	CLUSTER_TRACE_CWND_ACK,		/* grew, or a hold or recovery ended */
	CLUSTER_TRACE_CWND_TIMEOUT,	/* retransmission timeout: to 1 */
	CLUSTER_TRACE_CWND_SACK_LOSS,	/* SACK-detected loss: halved */
	CLUSTER_TRACE_CWND_MAX,		/* the peer's cache changed the cap */
	CLUSTER_TRACE_CWND_RESTART,	/* the peer restarted: start over */
};

/* Why a fragment went out again. */
enum cluster_trace_rtx {
	CLUSTER_TRACE_RTX_TIMEOUT,	/* the retransmission timer expired */
	CLUSTER_TRACE_RTX_SACK,		/* presumed lost from SACKs */
	CLUSTER_TRACE_RTX_FAILOVER,	/* its channel closed */
};

/* Why the retransmission timeout changed. */
enum cluster_trace_rto {
	CLUSTER_TRACE_RTO_SAMPLE,	/* a measured round trip */
	CLUSTER_TRACE_RTO_CHANNEL,	/* the first channel's handshake RTT */
	CLUSTER_TRACE_RTO_BACKOFF,	/* doubled by a timeout */
};

/* Why a virtual circuit changed state. */
enum cluster_trace_vc {
	CLUSTER_TRACE_VC_CHANNEL_UP,	/* a channel to the node opened */
	CLUSTER_TRACE_VC_NO_CHANNEL,	/* the last channel to it closed */
	CLUSTER_TRACE_VC_RECONNECT_TIMEOUT, /* none came back in time */
	CLUSTER_TRACE_VC_STALLED,	/* channels open, circuit silent */
	CLUSTER_TRACE_VC_NO_MEMORY,	/* could not be registered */
	CLUSTER_TRACE_VC_SHUTDOWN,	/* namespace exit or module unload */
};

/*
 * Why a frame or message was dropped.  An adapter's reasons (enum
 * cluster_drop_reason, enum cluster_rx_drop) keep their values, so the
 * tracepoint and the adapter's counters share them; the others follow,
 * each with the counter it bumps.
 */
enum cluster_trace_drop {
	/* the node's rx_unclaimed: on a device that is no adapter */
	CLUSTER_TRACE_DROP_UNCLAIMED = CLUSTER_RX_DROP_COUNT,
	/* a channel's hs_failed: VERF or VACK failed to authenticate */
	CLUSTER_TRACE_DROP_AUTH_FAILED,
	/* the circuit's dup_rx: a fragment received before */
	CLUSTER_TRACE_DROP_DUPLICATE,
	/* the circuit's reseq_drops: beyond the resequencing cache */
	CLUSTER_TRACE_DROP_RESEQ_FULL,
	/* the circuit's stale: for an earlier incarnation of this node */
	CLUSTER_TRACE_DROP_STALE,
	/* the circuit's unverified: a restart without a new handshake */
	CLUSTER_TRACE_DROP_UNVERIFIED,
	/* the circuit's no_port: a message for a port nobody is bound to */
	CLUSTER_TRACE_DROP_NO_PORT,
	/* the circuit's bad_control: a control message that did not decode */
	CLUSTER_TRACE_DROP_BAD_CONTROL,
	/* the circuit's ctl_drops: a control record of ours not queued... */
	CLUSTER_TRACE_DROP_CTL_QUEUE_FULL,	/* ... the queue far too long */
	CLUSTER_TRACE_DROP_CTL_NO_MEMORY,	/* ... no memory */
	/* ... or the peer's service announcement not taken: table full */
	CLUSTER_TRACE_DROP_SERVICE_TABLE_FULL,
	/* the circuit's reasm_drops: fragments in order that do not fit */
	CLUSTER_TRACE_DROP_REASM_BAD,
};

/* A MAC address for an event, zero if there is none. */
static inline void cluster_trace_mac(u8 *dst, const u8 *mac)
{
	if (mac)
		memcpy(dst, mac, ETH_ALEN);
	else
		memset(dst, 0, ETH_ALEN);
}
#endif

#if !defined(_AF_CLUSTER_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _AF_CLUSTER_TRACE_H

#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "af_cluster.h"
#include "adapter.h"
#include "channel.h"
#include "peer.h"
#include "vc.h"

TRACE_DEFINE_ENUM(CLUSTER_TRACE_CWND_ACK);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_CWND_TIMEOUT);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_CWND_SACK_LOSS);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_CWND_MAX);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_CWND_RESTART);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_RTX_TIMEOUT);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_RTX_SACK);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_RTX_FAILOVER);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_RTO_SAMPLE);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_RTO_CHANNEL);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_RTO_BACKOFF);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_CLOSED);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_RESPONSE_WAIT);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_CCSTART_SENT);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_VERF_SENT);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_OPEN);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_HELLO);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_RESPONSE_TIMER);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_CCSTART_PEER_FIRST);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_VERF_OK);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_VERF_BAD);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_VACK_OK);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_VACK_BAD);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_HS_TIMEOUT);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_RX);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_LISTEN_TIMEOUT);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_BYE);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_NETDEV);
TRACE_DEFINE_ENUM(CLUSTER_CHAN_EV_ADAPTER_DELETED);
TRACE_DEFINE_ENUM(CLUSTER_VC_OPEN);
TRACE_DEFINE_ENUM(CLUSTER_VC_RECONNECT);
TRACE_DEFINE_ENUM(CLUSTER_VC_DOWN);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_VC_CHANNEL_UP);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_VC_NO_CHANNEL);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_VC_RECONNECT_TIMEOUT);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_VC_STALLED);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_VC_NO_MEMORY);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_VC_SHUTDOWN);
TRACE_DEFINE_ENUM(CLUSTER_DROP_TRUNCATED);
TRACE_DEFINE_ENUM(CLUSTER_DROP_BAD_VERSION);
TRACE_DEFINE_ENUM(CLUSTER_DROP_BAD_LENGTH);
TRACE_DEFINE_ENUM(CLUSTER_DROP_WRONG_GROUP);
TRACE_DEFINE_ENUM(CLUSTER_DROP_BAD_TYPE);
TRACE_DEFINE_ENUM(CLUSTER_DROP_BAD_FLAGS);
TRACE_DEFINE_ENUM(CLUSTER_DROP_BAD_FIELD);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_NOT_FOR_US);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_FROM_SELF);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_UNCONFIGURED);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_NO_CHANNEL);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_TABLE_FULL);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_MAC_MISMATCH);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_NO_SECRET_MATCH);
TRACE_DEFINE_ENUM(CLUSTER_RX_DROP_NO_MEMORY);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_UNCLAIMED);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_AUTH_FAILED);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_DUPLICATE);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_RESEQ_FULL);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_STALE);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_UNVERIFIED);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_NO_PORT);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_BAD_CONTROL);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_CTL_QUEUE_FULL);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_CTL_NO_MEMORY);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_SERVICE_TABLE_FULL);
TRACE_DEFINE_ENUM(CLUSTER_TRACE_DROP_REASM_BAD);

#define cluster_show_chan_state(state)					\
	__print_symbolic(state,						\
			 { CLUSTER_CHAN_CLOSED, "closed" },		\
			 { CLUSTER_CHAN_RESPONSE_WAIT, "response-wait" },	\
			 { CLUSTER_CHAN_CCSTART_SENT, "ccstart-sent" },	\
			 { CLUSTER_CHAN_VERF_SENT, "verf-sent" },	\
			 { CLUSTER_CHAN_OPEN, "open" })

#define cluster_show_chan_event(ev)					\
	__print_symbolic(ev,						\
			 { CLUSTER_CHAN_EV_HELLO, "hello" },		\
			 { CLUSTER_CHAN_EV_RESPONSE_TIMER, "response-timer" }, \
			 { CLUSTER_CHAN_EV_CCSTART_PEER_FIRST, "ccstart-peer-first" }, \
			 { CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST, "ccstart-local-first" }, \
			 { CLUSTER_CHAN_EV_VERF_OK, "verf-ok" },	\
			 { CLUSTER_CHAN_EV_VERF_BAD, "verf-bad" },	\
			 { CLUSTER_CHAN_EV_VACK_OK, "vack-ok" },	\
			 { CLUSTER_CHAN_EV_VACK_BAD, "vack-bad" },	\
			 { CLUSTER_CHAN_EV_HS_TIMEOUT, "handshake-timeout" }, \
			 { CLUSTER_CHAN_EV_RX, "rx" },			\
			 { CLUSTER_CHAN_EV_LISTEN_TIMEOUT, "listen-timeout" }, \
			 { CLUSTER_CHAN_EV_BYE, "bye" },		\
			 { CLUSTER_CHAN_EV_NETDEV, "netdev" },		\
			 { CLUSTER_CHAN_EV_ADAPTER_DELETED, "adapter-deleted" })

#define cluster_show_vc_state(state)					\
	__print_symbolic(state,						\
			 { 0, "none" },					\
			 { CLUSTER_VC_OPEN, "open" },			\
			 { CLUSTER_VC_RECONNECT, "reconnect" },		\
			 { CLUSTER_VC_DOWN, "down" })

/* The names of the adapter's counters, then those of trace.h. */
#define cluster_show_drop_reason(reason)				\
	__print_symbolic(reason,					\
			 { CLUSTER_DROP_TRUNCATED, "truncated" },	\
			 { CLUSTER_DROP_BAD_VERSION, "bad_version" },	\
			 { CLUSTER_DROP_BAD_LENGTH, "bad_length" },	\
			 { CLUSTER_DROP_WRONG_GROUP, "wrong_group" },	\
			 { CLUSTER_DROP_BAD_TYPE, "bad_type" },		\
			 { CLUSTER_DROP_BAD_FLAGS, "bad_flags" },	\
			 { CLUSTER_DROP_BAD_FIELD, "bad_field" },	\
			 { CLUSTER_RX_DROP_NOT_FOR_US, "not_for_us" },	\
			 { CLUSTER_RX_DROP_FROM_SELF, "from_self" },	\
			 { CLUSTER_RX_DROP_UNCONFIGURED, "unconfigured" }, \
			 { CLUSTER_RX_DROP_NO_CHANNEL, "no_channel" },	\
			 { CLUSTER_RX_DROP_TABLE_FULL, "table_full" },	\
			 { CLUSTER_RX_DROP_MAC_MISMATCH, "mac_mismatch" }, \
			 { CLUSTER_RX_DROP_NO_SECRET_MATCH, "no_secret_match" }, \
			 { CLUSTER_RX_DROP_NO_MEMORY, "no_memory" },	\
			 { CLUSTER_TRACE_DROP_UNCLAIMED, "unclaimed" },	\
			 { CLUSTER_TRACE_DROP_AUTH_FAILED, "auth_failed" }, \
			 { CLUSTER_TRACE_DROP_DUPLICATE, "duplicate" },	\
			 { CLUSTER_TRACE_DROP_RESEQ_FULL, "reseq_full" }, \
			 { CLUSTER_TRACE_DROP_STALE, "stale" },		\
			 { CLUSTER_TRACE_DROP_UNVERIFIED, "unverified" }, \
			 { CLUSTER_TRACE_DROP_NO_PORT, "no_port" },	\
			 { CLUSTER_TRACE_DROP_BAD_CONTROL, "bad_control" }, \
			 { CLUSTER_TRACE_DROP_CTL_QUEUE_FULL, "ctl_queue_full" }, \
			 { CLUSTER_TRACE_DROP_CTL_NO_MEMORY, "ctl_no_memory" }, \
			 { CLUSTER_TRACE_DROP_SERVICE_TABLE_FULL, "service_table_full" }, \
			 { CLUSTER_TRACE_DROP_REASM_BAD, "reasm_bad" })

/*
 * A channel changes state to @new on the state machine's event @ev:
 * chan_lock held, the channel not dead, so its adapter and peer are there.
 */
TRACE_EVENT(cluster_channel_state,
	    TP_PROTO(const struct cluster_channel *ch, u8 new, u8 ev),
	    TP_ARGS(ch, new, ev),
	    TP_STRUCT__entry(__field(u32, node)
			     __field(int, ifindex)
			     __array(char, dev, IFNAMSIZ)
			     __field(u32, remote)
			     __array(u8, mac, ETH_ALEN)
			     __field(u8, old)
			     __field(u8, new)
			     __field(u8, event)),
	    TP_fast_assign(__entry->node = ch->cn->node_id;
			   __entry->ifindex = ch->adapter->dev->ifindex;
			   memcpy(__entry->dev, ch->adapter->dev->name,
				  IFNAMSIZ);
			   __entry->remote = ch->peer->id;
			   memcpy(__entry->mac, ch->remote_mac, ETH_ALEN);
			   __entry->old = ch->state;
			   __entry->new = new;
			   __entry->event = ev;),
	    TP_printk("node=%u dev=%s ifindex=%d remote=%u mac=%pM old=%s new=%s event=%s",
		      __entry->node, __entry->dev, __entry->ifindex,
		      __entry->remote, __entry->mac,
		      cluster_show_chan_state(__entry->old),
		      cluster_show_chan_state(__entry->new),
		      cluster_show_chan_event(__entry->event))
);

/* A virtual circuit changes state to @new: vc->lock held or not yet shared. */
TRACE_EVENT(cluster_vc_state,
	    TP_PROTO(const struct cluster_vc *vc, u8 new, u8 why),
	    TP_ARGS(vc, new, why),
	    TP_STRUCT__entry(__field(u32, node)
			     __field(u32, remote)
			     __field(u8, old)
			     __field(u8, new)
			     __field(u8, why)),
	    TP_fast_assign(__entry->node = vc->cn->node_id;
			   __entry->remote = vc->node;
			   __entry->old = vc->state;
			   __entry->new = new;
			   __entry->why = why;),
	    TP_printk("node=%u remote=%u old=%s new=%s why=%s",
		      __entry->node, __entry->remote,
		      cluster_show_vc_state(__entry->old),
		      cluster_show_vc_state(__entry->new),
		      __print_symbolic(__entry->why,
				       { CLUSTER_TRACE_VC_CHANNEL_UP, "channel_up" },
				       { CLUSTER_TRACE_VC_NO_CHANNEL, "no_channel" },
				       { CLUSTER_TRACE_VC_RECONNECT_TIMEOUT, "reconnect_timeout" },
				       { CLUSTER_TRACE_VC_STALLED, "stalled" },
				       { CLUSTER_TRACE_VC_NO_MEMORY, "no_memory" },
				       { CLUSTER_TRACE_VC_SHUTDOWN, "shutdown" }))
);

/*
 * A frame or message was dropped and counted, at the place the counter
 * is bumped.  @dev: the receiving device, NULL for a message (not one
 * frame's); @mac: the frame's Ethernet source, or NULL; @remote: the node
 * it came from or was for, 0 if not known.
 */
TRACE_EVENT(cluster_drop,
	    TP_PROTO(const struct cluster_net *cn, const struct net_device *dev,
		     const u8 *mac, u32 remote, u16 reason),
	    TP_ARGS(cn, dev, mac, remote, reason),
	    TP_STRUCT__entry(__field(u32, node)
			     __field(int, ifindex)
			     __array(char, dev, IFNAMSIZ)
			     __array(u8, mac, ETH_ALEN)
			     __field(u32, remote)
			     __field(u16, reason)),
	    TP_fast_assign(__entry->node = READ_ONCE(cn->node_id);
			   __entry->ifindex = dev ? dev->ifindex : 0;
			   strscpy(__entry->dev, dev ? dev->name : "-",
				   IFNAMSIZ);
			   cluster_trace_mac(__entry->mac, mac);
			   __entry->remote = remote;
			   __entry->reason = reason;),
	    TP_printk("node=%u dev=%s ifindex=%d mac=%pM remote=%u reason=%s",
		      __entry->node, __entry->dev, __entry->ifindex,
		      __entry->mac, __entry->remote,
		      cluster_show_drop_reason(__entry->reason))
);

/* Called with vc->lock held: the fields are consistent. */
TRACE_EVENT(cluster_vc_cwnd,
	    TP_PROTO(const struct cluster_vc *vc, u8 why),
	    TP_ARGS(vc, why),
	    TP_STRUCT__entry(__field(u32, node)
			     __field(u32, remote)
			     __field(u32, cwnd)
			     __field(u32, ssthresh)
			     __field(u32, max)
			     __field(u32, in_flight)
			     __field(bool, hold)
			     __field(bool, fast)
			     __field(u8, why)),
	    TP_fast_assign(__entry->node = vc->cn->node_id;
			   __entry->remote = vc->node;
			   __entry->cwnd = vc->cwnd.cwnd;
			   __entry->ssthresh = vc->cwnd.ssthresh;
			   __entry->max = vc->cwnd.max;
			   __entry->in_flight = vc->in_flight;
			   __entry->hold = vc->cwnd.hold;
			   __entry->fast = vc->cwnd.fast;
			   __entry->why = why;),
	    TP_printk("node=%u remote=%u cwnd=%u ssthresh=%u max=%u in_flight=%u hold=%d fast=%d why=%s",
		      __entry->node, __entry->remote, __entry->cwnd,
		      __entry->ssthresh, __entry->max, __entry->in_flight,
		      __entry->hold, __entry->fast,
		      __print_symbolic(__entry->why,
				       { CLUSTER_TRACE_CWND_ACK, "ack" },
				       { CLUSTER_TRACE_CWND_TIMEOUT, "timeout" },
				       { CLUSTER_TRACE_CWND_SACK_LOSS, "sack_loss" },
				       { CLUSTER_TRACE_CWND_MAX, "max" },
				       { CLUSTER_TRACE_CWND_RESTART, "restart" }))
);

TRACE_EVENT(cluster_vc_retransmit,
	    TP_PROTO(const struct cluster_vc *vc, u32 seq, u8 tx_count, u8 why),
	    TP_ARGS(vc, seq, tx_count, why),
	    TP_STRUCT__entry(__field(u32, node)
			     __field(u32, remote)
			     __field(u32, seq)
			     __field(u32, snd_una)
			     __field(u8, tx_count)
			     __field(u8, why)),
	    TP_fast_assign(__entry->node = vc->cn->node_id;
			   __entry->remote = vc->node;
			   __entry->seq = seq;
			   __entry->snd_una = vc->snd_una;
			   __entry->tx_count = tx_count;
			   __entry->why = why;),
	    TP_printk("node=%u remote=%u seq=%u snd_una=%u sent_before=%u why=%s",
		      __entry->node, __entry->remote, __entry->seq,
		      __entry->snd_una, __entry->tx_count,
		      __print_symbolic(__entry->why,
				       { CLUSTER_TRACE_RTX_TIMEOUT, "timeout" },
				       { CLUSTER_TRACE_RTX_SACK, "sack" },
				       { CLUSTER_TRACE_RTX_FAILOVER, "failover" }))
);

TRACE_EVENT(cluster_vc_rto,
	    TP_PROTO(const struct cluster_vc *vc, u8 why),
	    TP_ARGS(vc, why),
	    TP_STRUCT__entry(__field(u32, node)
			     __field(u32, remote)
			     __field(u32, srtt_us)
			     __field(u32, rttvar_us)
			     __field(u32, rto_us)
			     __field(u8, why)),
	    TP_fast_assign(__entry->node = vc->cn->node_id;
			   __entry->remote = vc->node;
			   __entry->srtt_us = cluster_rto_srtt_us(&vc->rto);
			   __entry->rttvar_us = cluster_rto_rttvar_us(&vc->rto);
			   __entry->rto_us = cluster_rto_get(&vc->rto);
			   __entry->why = why;),
	    TP_printk("node=%u remote=%u srtt_us=%u rttvar_us=%u rto_us=%u why=%s",
		      __entry->node, __entry->remote, __entry->srtt_us,
		      __entry->rttvar_us, __entry->rto_us,
		      __print_symbolic(__entry->why,
				       { CLUSTER_TRACE_RTO_SAMPLE, "sample" },
				       { CLUSTER_TRACE_RTO_CHANNEL, "channel" },
				       { CLUSTER_TRACE_RTO_BACKOFF, "backoff" }))
);

#endif /* _AF_CLUSTER_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
