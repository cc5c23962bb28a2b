/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of the virtual circuits (Documentation/vc.rst, "Tracing"):
 * the window, retransmissions and the retransmission timeout, as they
 * change.  Disabled, each costs a patched-out branch.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM af_cluster

#ifndef _AF_CLUSTER_TRACE_ENUMS
#define _AF_CLUSTER_TRACE_ENUMS
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
#endif

#if !defined(_AF_CLUSTER_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _AF_CLUSTER_TRACE_H

#include <linux/tracepoint.h>

#include "af_cluster.h"
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
