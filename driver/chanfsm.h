/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The channel state machine: a pure transition function from (state,
 * event) to (next state, actions).  The runtime owns the timers, frames
 * and counters and performs the actions; this file only decides.  The
 * diagram is in chanfsm.c, the rules in Documentation/channels.rst.
 */
#ifndef _AF_CLUSTER_CHANFSM_H
#define _AF_CLUSTER_CHANFSM_H

#include <linux/bits.h>
#include <linux/types.h>

/**
 * enum cluster_chan_state - state of one channel (local x remote adapter)
 * @CLUSTER_CHAN_CLOSED: no channel; a HELLO from the remote adapter starts
 *	one
 * @CLUSTER_CHAN_RESPONSE_WAIT: heard a HELLO, waiting the random response
 *	delay before sending CCSTART
 * @CLUSTER_CHAN_CCSTART_SENT: handshaking as initiator: CCSTART sent,
 *	waiting for VERF
 * @CLUSTER_CHAN_VERF_SENT: handshaking as responder: VERF sent, waiting
 *	for VACK
 * @CLUSTER_CHAN_OPEN: authenticated; carries traffic
 * @CLUSTER_CHAN_STATE_COUNT: number of states
 *
 * Values are reported to user space; append only.
 */
enum cluster_chan_state {
	CLUSTER_CHAN_CLOSED,
	CLUSTER_CHAN_RESPONSE_WAIT,
	CLUSTER_CHAN_CCSTART_SENT,
	CLUSTER_CHAN_VERF_SENT,
	CLUSTER_CHAN_OPEN,
	CLUSTER_CHAN_STATE_COUNT,
};

/**
 * enum cluster_chan_event - what happened to a channel
 * @CLUSTER_CHAN_EV_HELLO: a HELLO from the remote adapter (same group,
 *	compatible secret, not our own node)
 * @CLUSTER_CHAN_EV_RESPONSE_TIMER: the response delay expired
 * @CLUSTER_CHAN_EV_CCSTART_PEER_FIRST: a CCSTART from a peer that ranks
 *	first (cluster_chan_ccstart_event())
 * @CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST: a CCSTART from a peer that ranks
 *	after us: only differs in %CLUSTER_CHAN_CCSTART_SENT, where our own
 *	CCSTART wins the crossing
 * @CLUSTER_CHAN_EV_VERF_OK: a VERF whose MAC verified
 * @CLUSTER_CHAN_EV_VERF_BAD: a VERF whose MAC did not verify (wrong
 *	secret, replay, forgery) or whose secret flag does not match ours
 * @CLUSTER_CHAN_EV_VACK_OK: a VACK whose MAC verified
 * @CLUSTER_CHAN_EV_VACK_BAD: a VACK whose MAC did not verify
 * @CLUSTER_CHAN_EV_HS_TIMEOUT: the handshake timer expired
 * @CLUSTER_CHAN_EV_RX: another frame arrived on the channel
 *	(keepalive, data, ack)
 * @CLUSTER_CHAN_EV_LISTEN_TIMEOUT: the listen timer expired
 * @CLUSTER_CHAN_EV_BYE: the remote adapter or node said BYE
 * @CLUSTER_CHAN_EV_NETDEV: the local adapter's netdev went down, lost
 *	carrier, or changed MTU or address
 * @CLUSTER_CHAN_EV_ADAPTER_DELETED: the local adapter leaves the cluster
 *	(removed by the administrator, namespace exit, module unload)
 * @CLUSTER_CHAN_EVENT_COUNT: number of events
 */
enum cluster_chan_event {
	CLUSTER_CHAN_EV_HELLO,
	CLUSTER_CHAN_EV_RESPONSE_TIMER,
	CLUSTER_CHAN_EV_CCSTART_PEER_FIRST,
	CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST,
	CLUSTER_CHAN_EV_VERF_OK,
	CLUSTER_CHAN_EV_VERF_BAD,
	CLUSTER_CHAN_EV_VACK_OK,
	CLUSTER_CHAN_EV_VACK_BAD,
	CLUSTER_CHAN_EV_HS_TIMEOUT,
	CLUSTER_CHAN_EV_RX,
	CLUSTER_CHAN_EV_LISTEN_TIMEOUT,
	CLUSTER_CHAN_EV_BYE,
	CLUSTER_CHAN_EV_NETDEV,
	CLUSTER_CHAN_EV_ADAPTER_DELETED,
	CLUSTER_CHAN_EVENT_COUNT,
};

/*
 * Actions, a bitmask.  The runtime performs them in ascending bit order:
 * timers are stopped before any is started, counters and the down
 * notification come before frames are sent, the up notification last.
 * A channel arms at most one timer at a time (none when closed, the
 * response timer while waiting, the handshake timer while handshaking,
 * the listen timer when open), so one timer_list per channel suffices.
 * "Start" arms or re-arms.
 */
#define CLUSTER_CHAN_ACT_STOP_TIMERS		BIT(0)	/* stop every timer */
#define CLUSTER_CHAN_ACT_COUNT_AUTH_FAIL	BIT(1)	/* bad VERF/VACK */
#define CLUSTER_CHAN_ACT_COUNT_HS_TIMEOUT	BIT(2)	/* handshake died */
#define CLUSTER_CHAN_ACT_COUNT_LISTEN_TIMEOUT	BIT(3)	/* open channel died */
#define CLUSTER_CHAN_ACT_COUNT_RESTART		BIT(4)	/* CCSTART when open */
#define CLUSTER_CHAN_ACT_NOTIFY_DOWN		BIT(5)	/* leaves OPEN */
#define CLUSTER_CHAN_ACT_SEND_BYE		BIT(6)
#define CLUSTER_CHAN_ACT_SEND_CCSTART		BIT(7)	/* fresh nonce */
#define CLUSTER_CHAN_ACT_SEND_VERF		BIT(8)	/* fresh nonce */
#define CLUSTER_CHAN_ACT_SEND_VACK		BIT(9)
#define CLUSTER_CHAN_ACT_START_RESPONSE_TIMER	BIT(10)	/* response delay */
#define CLUSTER_CHAN_ACT_START_HS_TIMER		BIT(11)	/* handshake timeout */
#define CLUSTER_CHAN_ACT_START_LISTEN_TIMER	BIT(12)	/* listen timeout */
#define CLUSTER_CHAN_ACT_NOTIFY_UP		BIT(13)	/* enters OPEN */
#define CLUSTER_CHAN_ACT_COUNT			14	/* number of actions */

/**
 * struct cluster_chan_step - the outcome of one event
 * @next: the channel's new state
 * @actions: CLUSTER_CHAN_ACT_* bits to perform, in ascending order
 */
struct cluster_chan_step {
	enum cluster_chan_state next;
	u32 actions;
};

struct cluster_chan_step cluster_chan_step(enum cluster_chan_state state,
					   enum cluster_chan_event event);
enum cluster_chan_event cluster_chan_ccstart_event(u32 local_node,
						   const u8 *local_addr,
						   u32 peer_node,
						   const u8 *peer_addr);
const char *cluster_chan_state_name(enum cluster_chan_state state);
const char *cluster_chan_event_name(enum cluster_chan_event event);
const char *cluster_chan_action_name(unsigned int bit);

#endif /* _AF_CLUSTER_CHANFSM_H */
