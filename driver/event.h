/* SPDX-License-Identifier: GPL-2.0 */
/* Placeholder until the "events" group lands: events go nowhere. */
#ifndef _AF_CLUSTER_EVENT_H
#define _AF_CLUSTER_EVENT_H

#include <linux/types.h>

struct cluster_net;

static inline void cluster_event_service(struct cluster_net *cn,
					 const char *name, u32 node, u16 port,
					 bool up)
{
}

#endif /* _AF_CLUSTER_EVENT_H */
