/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events: notifications of channels, nodes, virtual circuits and services
 * going up or down, multicast on the "events" group of the "cluster"
 * generic netlink family to listeners in the node's network namespace.
 */
#ifndef _AF_CLUSTER_EVENT_H
#define _AF_CLUSTER_EVENT_H

#include <linux/types.h>

#include "chanfsm.h"

struct cluster_channel;
struct cluster_net;

void cluster_events_start(void);
void cluster_events_stop(void);

void cluster_event_channel(struct cluster_channel *ch, bool up,
			   const char *reason);
void cluster_event_node(struct cluster_net *cn, u32 node, const char *name,
			bool up);
void cluster_event_vc(struct cluster_net *cn, u32 node, bool up,
		      const char *reason);
void cluster_event_service(struct cluster_net *cn, const char *name, u32 node,
			   u16 port, bool up);

const char *cluster_event_chan_reason(enum cluster_chan_event ev,
				      u16 bye_reason);

#endif /* _AF_CLUSTER_EVENT_H */
