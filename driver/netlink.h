/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "cluster" generic netlink family: netlink.c holds the family, the
 * node and parameter commands; netlink_discovery.c the adapter, channel
 * and peer commands; netlink_vc.c the virtual circuit command.
 */
#ifndef _AF_CLUSTER_NETLINK_H
#define _AF_CLUSTER_NETLINK_H

#include <net/genetlink.h>

/* Multicast groups of the family, by index (netlink.c); append only. */
enum cluster_genl_mcgrp {
	CLUSTER_MCGRP_EVENTS,		/* CLUSTER_GENL_MCGRP_EVENTS, event.c */
};

extern struct genl_family cluster_genl_family;
extern const struct nla_policy
	cluster_adapter_policy[CLUSTER_ADAPTER_A_MAX + 1];

int cluster_genl_only(struct genl_info *info, u64 allowed);
int cluster_genl_adapter_get(struct sk_buff *skb, struct genl_info *info);
int cluster_genl_adapter_dump(struct sk_buff *skb, struct netlink_callback *cb);
int cluster_genl_adapter_add(struct sk_buff *skb, struct genl_info *info);
int cluster_genl_adapter_del(struct sk_buff *skb, struct genl_info *info);
int cluster_genl_channel_dump(struct sk_buff *skb, struct netlink_callback *cb);
int cluster_genl_peer_dump(struct sk_buff *skb, struct netlink_callback *cb);
int cluster_genl_vc_dump(struct sk_buff *skb, struct netlink_callback *cb);
int cluster_genl_service_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _AF_CLUSTER_NETLINK_H */
