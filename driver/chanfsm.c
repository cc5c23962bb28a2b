// SPDX-License-Identifier: GPL-2.0
/*
 * The channel state machine.  A channel is one local adapter paired with
 * one remote adapter; it opens with PEDRIVER's three-way handshake
 * (CCSTART, VERF, VACK), authenticated by auth.c, and closes on listen
 * timeout, BYE or a netdev event.  Pure code: the runtime feeds events
 * and performs the actions returned, so KUnit walks every (state, event)
 * pair and a fuzzer any sequence.
 *
 *                  HELLO                    response timer
 *   +--------+ ---------------> +----------+ --------------> +-----------+
 *   | CLOSED |                  | RESPONSE |  send CCSTART   | CCSTART   |
 *   |        | <--------------- |   WAIT   |                 |   SENT    |
 *   +--------+  BYE, netdev,    +----------+                 | initiator |
 *     ^  |      adapter deleted       | CCSTART              +-----------+
 *     |  | CCSTART                    v                 CCSTART |    |
 *     |  | send VERF          +-------------+   (peer ranks     |    |
 *     |  +------------------> |  VERF SENT  | <-----------------+    |
 *     |                       |  responder  |    first)              |
 *     |  handshake timeout,   +-------------+                        |
 *     |  BYE, netdev, adapter        |  VACK ok          VERF ok     |
 *     |  deleted (from either        |                   send VACK   |
 *     |  handshaking state)          v                               |
 *     |                       +-------------+                        |
 *     +---------------------- |    OPEN     | <----------------------+
 *        listen timeout,      +-------------+
 *        BYE, netdev,          HELLO or any frame: re-arm listen timer
 *        adapter deleted       CCSTART: peer restarted -> VERF SENT
 *
 * Rules (Documentation/channels.rst has the full table):
 *  - One handshake at a time: a HELLO outside CLOSED starts nothing, so a
 *    HELLO storm during the response delay yields one CCSTART.
 *  - A bad VERF or VACK is counted and otherwise ignored: the handshake
 *    stays until its timer, so a forged frame cannot abort a genuine one.
 *  - CCSTARTs that cross: the peer ranking first (lower node id, then
 *    lower adapter address) stays initiator; the other answers it.
 *  - A CCSTART on an open channel means the peer lost the channel
 *    (restart, listen timeout): close and answer it as responder.
 *  - Timer events in a state that has no such timer are stale and
 *    ignored.  Every transition into CLOSED stops the timers.
 */

#include <linux/export.h>
#include <linux/string.h>
#include <linux/types.h>

#include "chanfsm.h"
#include "compat.h"

#define STEP(s, a)	((struct cluster_chan_step){ .next = (s), .actions = (a) })

/* Leave a handshake for CLOSED; the peer knows us, tell it when we go. */
static struct cluster_chan_step hs_close(enum cluster_chan_event event)
{
	switch (event) {
	case CLUSTER_CHAN_EV_HS_TIMEOUT:
		return STEP(CLUSTER_CHAN_CLOSED, CLUSTER_CHAN_ACT_STOP_TIMERS |
			    CLUSTER_CHAN_ACT_COUNT_HS_TIMEOUT);
	case CLUSTER_CHAN_EV_ADAPTER_DELETED:
		return STEP(CLUSTER_CHAN_CLOSED, CLUSTER_CHAN_ACT_STOP_TIMERS |
			    CLUSTER_CHAN_ACT_SEND_BYE);
	default:	/* BYE, NETDEV */
		return STEP(CLUSTER_CHAN_CLOSED, CLUSTER_CHAN_ACT_STOP_TIMERS);
	}
}

static struct cluster_chan_step step_closed(enum cluster_chan_event event)
{
	switch (event) {
	case CLUSTER_CHAN_EV_HELLO:
		return STEP(CLUSTER_CHAN_RESPONSE_WAIT,
			    CLUSTER_CHAN_ACT_START_RESPONSE_TIMER);
	case CLUSTER_CHAN_EV_CCSTART_PEER_FIRST:
	case CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST:
		return STEP(CLUSTER_CHAN_VERF_SENT, CLUSTER_CHAN_ACT_SEND_VERF |
			    CLUSTER_CHAN_ACT_START_HS_TIMER);
	default:
		return STEP(CLUSTER_CHAN_CLOSED, 0);
	}
}

static struct cluster_chan_step step_response_wait(enum cluster_chan_event event)
{
	switch (event) {
	case CLUSTER_CHAN_EV_RESPONSE_TIMER:
		return STEP(CLUSTER_CHAN_CCSTART_SENT,
			    CLUSTER_CHAN_ACT_SEND_CCSTART |
			    CLUSTER_CHAN_ACT_START_HS_TIMER);
	case CLUSTER_CHAN_EV_CCSTART_PEER_FIRST:
	case CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST:
		/* The peer was quicker: answer it instead of waiting. */
		return STEP(CLUSTER_CHAN_VERF_SENT,
			    CLUSTER_CHAN_ACT_STOP_TIMERS |
			    CLUSTER_CHAN_ACT_SEND_VERF |
			    CLUSTER_CHAN_ACT_START_HS_TIMER);
	case CLUSTER_CHAN_EV_BYE:
	case CLUSTER_CHAN_EV_NETDEV:
	case CLUSTER_CHAN_EV_ADAPTER_DELETED:
		/* No CCSTART sent yet: the peer holds nothing of ours. */
		return STEP(CLUSTER_CHAN_CLOSED, CLUSTER_CHAN_ACT_STOP_TIMERS);
	default:
		return STEP(CLUSTER_CHAN_RESPONSE_WAIT, 0);
	}
}

static struct cluster_chan_step step_ccstart_sent(enum cluster_chan_event event)
{
	switch (event) {
	case CLUSTER_CHAN_EV_CCSTART_PEER_FIRST:
		/* Crossed CCSTARTs and the peer's wins: become responder. */
		return STEP(CLUSTER_CHAN_VERF_SENT, CLUSTER_CHAN_ACT_SEND_VERF |
			    CLUSTER_CHAN_ACT_START_HS_TIMER);
	case CLUSTER_CHAN_EV_VERF_OK:
		return STEP(CLUSTER_CHAN_OPEN, CLUSTER_CHAN_ACT_STOP_TIMERS |
			    CLUSTER_CHAN_ACT_SEND_VACK |
			    CLUSTER_CHAN_ACT_START_LISTEN_TIMER |
			    CLUSTER_CHAN_ACT_NOTIFY_UP);
	case CLUSTER_CHAN_EV_VERF_BAD:
		return STEP(CLUSTER_CHAN_CCSTART_SENT,
			    CLUSTER_CHAN_ACT_COUNT_AUTH_FAIL);
	case CLUSTER_CHAN_EV_HS_TIMEOUT:
	case CLUSTER_CHAN_EV_BYE:
	case CLUSTER_CHAN_EV_NETDEV:
	case CLUSTER_CHAN_EV_ADAPTER_DELETED:
		return hs_close(event);
	default:
		return STEP(CLUSTER_CHAN_CCSTART_SENT, 0);
	}
}

static struct cluster_chan_step step_verf_sent(enum cluster_chan_event event)
{
	switch (event) {
	case CLUSTER_CHAN_EV_CCSTART_PEER_FIRST:
	case CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST:
		/* The peer started a new attempt: answer it afresh. */
		return STEP(CLUSTER_CHAN_VERF_SENT, CLUSTER_CHAN_ACT_SEND_VERF |
			    CLUSTER_CHAN_ACT_START_HS_TIMER);
	case CLUSTER_CHAN_EV_VACK_OK:
		return STEP(CLUSTER_CHAN_OPEN, CLUSTER_CHAN_ACT_STOP_TIMERS |
			    CLUSTER_CHAN_ACT_START_LISTEN_TIMER |
			    CLUSTER_CHAN_ACT_NOTIFY_UP);
	case CLUSTER_CHAN_EV_VACK_BAD:
		return STEP(CLUSTER_CHAN_VERF_SENT,
			    CLUSTER_CHAN_ACT_COUNT_AUTH_FAIL);
	case CLUSTER_CHAN_EV_HS_TIMEOUT:
	case CLUSTER_CHAN_EV_BYE:
	case CLUSTER_CHAN_EV_NETDEV:
	case CLUSTER_CHAN_EV_ADAPTER_DELETED:
		return hs_close(event);
	default:
		return STEP(CLUSTER_CHAN_VERF_SENT, 0);
	}
}

static struct cluster_chan_step step_open(enum cluster_chan_event event)
{
	const u32 down = CLUSTER_CHAN_ACT_STOP_TIMERS |
			 CLUSTER_CHAN_ACT_NOTIFY_DOWN;

	switch (event) {
	case CLUSTER_CHAN_EV_RX:
		/*
		 * Only unicast frames on the channel prove the peer holds it
		 * open; a multicast HELLO does not (the peer may have closed
		 * its end while we stopped hearing it: half open).
		 */
		return STEP(CLUSTER_CHAN_OPEN,
			    CLUSTER_CHAN_ACT_START_LISTEN_TIMER);
	case CLUSTER_CHAN_EV_CCSTART_PEER_FIRST:
	case CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST:
		return STEP(CLUSTER_CHAN_VERF_SENT, down |
			    CLUSTER_CHAN_ACT_COUNT_RESTART |
			    CLUSTER_CHAN_ACT_SEND_VERF |
			    CLUSTER_CHAN_ACT_START_HS_TIMER);
	case CLUSTER_CHAN_EV_LISTEN_TIMEOUT:
		return STEP(CLUSTER_CHAN_CLOSED, down |
			    CLUSTER_CHAN_ACT_COUNT_LISTEN_TIMEOUT);
	case CLUSTER_CHAN_EV_BYE:
	case CLUSTER_CHAN_EV_NETDEV:
		return STEP(CLUSTER_CHAN_CLOSED, down);
	case CLUSTER_CHAN_EV_ADAPTER_DELETED:
		return STEP(CLUSTER_CHAN_CLOSED, down |
			    CLUSTER_CHAN_ACT_SEND_BYE);
	default:
		return STEP(CLUSTER_CHAN_OPEN, 0);
	}
}

/**
 * cluster_chan_step() - the channel state machine's transition function
 * @state: the channel's current state
 * @event: what happened
 *
 * Pure: no side effect, any context.  The caller stores the new state and
 * performs the actions in ascending bit order, under the channel's lock
 * so that events of one channel are applied one at a time.
 *
 * Return: the next state and the CLUSTER_CHAN_ACT_* bits to perform.  An
 * @event out of range changes nothing; a @state out of range (a bug)
 * resets the channel to %CLUSTER_CHAN_CLOSED with its timers stopped.
 */
struct cluster_chan_step cluster_chan_step(enum cluster_chan_state state,
					   enum cluster_chan_event event)
{
	if ((unsigned int)state >= CLUSTER_CHAN_STATE_COUNT)
		return STEP(CLUSTER_CHAN_CLOSED, CLUSTER_CHAN_ACT_STOP_TIMERS);
	if ((unsigned int)event >= CLUSTER_CHAN_EVENT_COUNT)
		return STEP(state, 0);

	switch (state) {
	case CLUSTER_CHAN_CLOSED:
		return step_closed(event);
	case CLUSTER_CHAN_RESPONSE_WAIT:
		return step_response_wait(event);
	case CLUSTER_CHAN_CCSTART_SENT:
		return step_ccstart_sent(event);
	case CLUSTER_CHAN_VERF_SENT:
		return step_verf_sent(event);
	default:
		return step_open(event);
	}
}
EXPORT_SYMBOL_IF_KUNIT(cluster_chan_step);

/**
 * cluster_chan_ccstart_event() - classify a received CCSTART
 * @local_node: our node id
 * @local_addr: our adapter's Ethernet address (6 bytes)
 * @peer_node: the sender's node id
 * @peer_addr: the sender's adapter address (6 bytes)
 *
 * When both ends send CCSTART at once, exactly one must back off.  The
 * end ranking first, by node id and then adapter address, keeps its role
 * of initiator; both ends compute the same order.
 *
 * Return: %CLUSTER_CHAN_EV_CCSTART_PEER_FIRST if the peer ranks first,
 * else %CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST.
 */
enum cluster_chan_event cluster_chan_ccstart_event(u32 local_node,
						   const u8 *local_addr,
						   u32 peer_node,
						   const u8 *peer_addr)
{
	if (peer_node != local_node)
		return peer_node < local_node ?
		       CLUSTER_CHAN_EV_CCSTART_PEER_FIRST :
		       CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST;
	return memcmp(peer_addr, local_addr, 6) < 0 ?
	       CLUSTER_CHAN_EV_CCSTART_PEER_FIRST :
	       CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_chan_ccstart_event);

static const char *const chan_state_names[CLUSTER_CHAN_STATE_COUNT] = {
	[CLUSTER_CHAN_CLOSED]		= "closed",
	[CLUSTER_CHAN_RESPONSE_WAIT]	= "response-wait",
	[CLUSTER_CHAN_CCSTART_SENT]	= "ccstart-sent",
	[CLUSTER_CHAN_VERF_SENT]	= "verf-sent",
	[CLUSTER_CHAN_OPEN]		= "open",
};

static const char *const chan_event_names[CLUSTER_CHAN_EVENT_COUNT] = {
	[CLUSTER_CHAN_EV_HELLO]			= "hello",
	[CLUSTER_CHAN_EV_RESPONSE_TIMER]	= "response-timer",
	[CLUSTER_CHAN_EV_CCSTART_PEER_FIRST]	= "ccstart-peer-first",
	[CLUSTER_CHAN_EV_CCSTART_LOCAL_FIRST]	= "ccstart-local-first",
	[CLUSTER_CHAN_EV_VERF_OK]		= "verf-ok",
	[CLUSTER_CHAN_EV_VERF_BAD]		= "verf-bad",
	[CLUSTER_CHAN_EV_VACK_OK]		= "vack-ok",
	[CLUSTER_CHAN_EV_VACK_BAD]		= "vack-bad",
	[CLUSTER_CHAN_EV_HS_TIMEOUT]		= "handshake-timeout",
	[CLUSTER_CHAN_EV_RX]			= "rx",
	[CLUSTER_CHAN_EV_LISTEN_TIMEOUT]	= "listen-timeout",
	[CLUSTER_CHAN_EV_BYE]			= "bye",
	[CLUSTER_CHAN_EV_NETDEV]		= "netdev",
	[CLUSTER_CHAN_EV_ADAPTER_DELETED]	= "adapter-deleted",
};

static const char *const chan_action_names[CLUSTER_CHAN_ACT_COUNT] = {
	"stop-timers", "count-auth-fail", "count-handshake-timeout",
	"count-listen-timeout", "count-restart", "notify-down", "send-bye",
	"send-ccstart", "send-verf", "send-vack", "start-response-timer",
	"start-handshake-timer", "start-listen-timer", "notify-up",
};

/**
 * cluster_chan_state_name() - a state's name, for logs and netlink
 * @state: the state
 *
 * Return: a static string such as "closed" or "open"; "invalid" for a
 * value out of range.
 */
const char *cluster_chan_state_name(enum cluster_chan_state state)
{
	if ((unsigned int)state >= CLUSTER_CHAN_STATE_COUNT)
		return "invalid";
	return chan_state_names[state];
}
EXPORT_SYMBOL_IF_KUNIT(cluster_chan_state_name);

/**
 * cluster_chan_event_name() - an event's name, for logs
 * @event: the event
 *
 * Return: a static string such as "hello"; "invalid" out of range.
 */
const char *cluster_chan_event_name(enum cluster_chan_event event)
{
	if ((unsigned int)event >= CLUSTER_CHAN_EVENT_COUNT)
		return "invalid";
	return chan_event_names[event];
}
EXPORT_SYMBOL_IF_KUNIT(cluster_chan_event_name);

/**
 * cluster_chan_action_name() - an action's name, for logs
 * @bit: the action's bit number (0 for %CLUSTER_CHAN_ACT_STOP_TIMERS)
 *
 * Return: a static string such as "send-verf"; "invalid" out of range.
 */
const char *cluster_chan_action_name(unsigned int bit)
{
	if (bit >= CLUSTER_CHAN_ACT_COUNT)
		return "invalid";
	return chan_action_names[bit];
}
EXPORT_SYMBOL_IF_KUNIT(cluster_chan_action_name);
