/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timer parameters of a node.  The validation is pure code, driven by
 * KUnit; the per-namespace copy and its locking live in af_cluster.h.
 */
#ifndef _AF_CLUSTER_PARAM_H
#define _AF_CLUSTER_PARAM_H

#include <linux/types.h>

/* PEDRIVER's defaults, in milliseconds. */
#define CLUSTER_HELLO_MIN_DEFAULT		1600
#define CLUSTER_HELLO_MAX_DEFAULT		3000
#define CLUSTER_RESPONSE_DELAY_MAX_DEFAULT	2000
#define CLUSTER_LISTEN_TIMEOUT_DEFAULT		8000
#define CLUSTER_HANDSHAKE_TIMEOUT_DEFAULT	5000
#define CLUSTER_RECONNECT_INTERVAL_DEFAULT	20000	/* RECNXINTERVAL */
/* Not PEDRIVER's 100 ms: a LAN round trip is far shorter. */
#define CLUSTER_ACK_DELAY_DEFAULT		1

/*
 * Bounds, in milliseconds.  The lower ones let tests run discovery at
 * 10 ms; the upper ones keep every discovery timer below minutes, where a
 * misconfiguration would look like a hang.  Beside them,
 * cluster_params_validate() enforces hello_min <= hello_max and
 * listen_timeout > 2 * hello_max (a channel survives one lost HELLO).
 *
 * reconnect_interval is the exception: sites raise PEDRIVER's
 * RECNXINTERVAL to ride out a switch reboot or a cable move, which takes
 * minutes, so its ceiling is an hour; below its floor of 1 s a lone
 * channel could hardly close and reopen (a HELLO and a handshake) before
 * its node is declared down.  ack_delay may be 0 (acknowledge at once);
 * its ceiling is TCP's 200 ms delayed-ACK maximum, twenty times the
 * retransmission floor (CLUSTER_RTO_MIN_US), so that a delay above that
 * floor, which can make a sender retransmit, stays a deliberate choice.
 * Neither has a rule with another parameter.
 */
#define CLUSTER_HELLO_MIN_LO			10
#define CLUSTER_HELLO_MIN_HI			60000
#define CLUSTER_HELLO_MAX_LO			10
#define CLUSTER_HELLO_MAX_HI			60000
#define CLUSTER_RESPONSE_DELAY_MAX_LO		0
#define CLUSTER_RESPONSE_DELAY_MAX_HI		60000
#define CLUSTER_LISTEN_TIMEOUT_LO		100
#define CLUSTER_LISTEN_TIMEOUT_HI		300000
#define CLUSTER_HANDSHAKE_TIMEOUT_LO		100
#define CLUSTER_HANDSHAKE_TIMEOUT_HI		60000
#define CLUSTER_RECONNECT_INTERVAL_LO		1000
#define CLUSTER_RECONNECT_INTERVAL_HI		3600000
#define CLUSTER_ACK_DELAY_LO			0
#define CLUSTER_ACK_DELAY_HI			200

/**
 * enum cluster_param - index of a parameter, for tables and masks
 * @CLUSTER_PARAM_HELLO_MIN: &cluster_params.hello_min
 * @CLUSTER_PARAM_HELLO_MAX: &cluster_params.hello_max
 * @CLUSTER_PARAM_RESPONSE_DELAY_MAX: &cluster_params.response_delay_max
 * @CLUSTER_PARAM_LISTEN_TIMEOUT: &cluster_params.listen_timeout
 * @CLUSTER_PARAM_HANDSHAKE_TIMEOUT: &cluster_params.handshake_timeout
 * @CLUSTER_PARAM_RECONNECT_INTERVAL: &cluster_params.reconnect_interval
 * @CLUSTER_PARAM_ACK_DELAY: &cluster_params.ack_delay
 * @CLUSTER_PARAM_COUNT: number of parameters
 */
enum cluster_param {
	CLUSTER_PARAM_HELLO_MIN,
	CLUSTER_PARAM_HELLO_MAX,
	CLUSTER_PARAM_RESPONSE_DELAY_MAX,
	CLUSTER_PARAM_LISTEN_TIMEOUT,
	CLUSTER_PARAM_HANDSHAKE_TIMEOUT,
	CLUSTER_PARAM_RECONNECT_INTERVAL,
	CLUSTER_PARAM_ACK_DELAY,
	CLUSTER_PARAM_COUNT,
};

/**
 * struct cluster_params - a node's timer parameters, in milliseconds
 * @hello_min: shortest interval between two HELLOs of an adapter
 * @hello_max: longest interval between two HELLOs of an adapter
 * @response_delay_max: longest random delay before answering the HELLO
 *	of a node we have no channel to (spreads the answers of a cluster)
 * @listen_timeout: a channel that hears nothing for this long is closed
 * @handshake_timeout: a channel handshake that does not complete in this
 *	time is abandoned
 * @reconnect_interval: a virtual circuit with no open channel keeps its
 *	queued and unacknowledged traffic this long; then the node is down
 *	and the senders of that traffic fail (PEDRIVER's RECNXINTERVAL)
 * @ack_delay: the longest a receiver delays an acknowledgment that no
 *	DATA carries; 0 acknowledges at once.  Runs on jiffies: rounded up
 *	to whole jiffies and ended by a tick
 *
 * A plain value: copies are consistent snapshots.  The copy of a node is
 * &cluster_net.params; its locking rules are written there.
 */
struct cluster_params {
	u32 hello_min;
	u32 hello_max;
	u32 response_delay_max;
	u32 listen_timeout;
	u32 handshake_timeout;
	u32 reconnect_interval;
	u32 ack_delay;
};

int cluster_params_validate(const struct cluster_params *p, const char **why);
u32 cluster_param_value(const struct cluster_params *p, enum cluster_param i);
u32 *cluster_param_field(struct cluster_params *p, enum cluster_param i);

#endif /* _AF_CLUSTER_PARAM_H */
