// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state: each netns is one cluster node.
 */

#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "af_cluster.h"
#include "adapter.h"
#include "vc.h"

static unsigned int cluster_net_id __read_mostly;

struct cluster_net *cluster_net(const struct net *net)
{
	return net_generic(net, cluster_net_id);
}

/* The core allocates and zeroes struct cluster_net before this runs. */
static int __net_init cluster_net_init(struct net *net)
{
	struct cluster_net *cn = cluster_net(net);

	write_pnet(&cn->net, net);
	mutex_init(&cn->lock);
	cluster_params_init(cn);
	cluster_ports_init(cn);
	atomic64_set(&cn->rx_unclaimed, 0);
	spin_lock_init(&cn->chan_lock);
	INIT_LIST_HEAD(&cn->adapters);
	INIT_LIST_HEAD(&cn->peers);
	cluster_vc_net_init(cn);
	cluster_services_init(&cn->services);
	init_waitqueue_head(&cn->local_room);
	return cluster_adapter_notifier_init(net);
}

/*
 * Before the namespace's devices are unregistered: remove the adapters
 * while their devices can still carry a BYE to every peer.  Module unload
 * comes here too, for every namespace.
 */
static void __net_exit cluster_net_pre_exit(struct net *net)
{
	struct cluster_net *cn = cluster_net(net);

	cluster_adapters_shutdown(cn, cluster_unloading ?
				  CLUSTER_BYE_UNLOAD : CLUSTER_BYE_NETNS);
	cluster_vc_net_exit(cn);
}

/*
 * Every socket holds a reference on its netns, and packet handlers for the
 * namespace's devices finished when the devices were unregistered, so
 * nothing else uses @cn any more.
 */
static void __net_exit cluster_net_exit(struct net *net)
{
	struct cluster_net *cn = cluster_net(net);

	cluster_adapter_notifier_exit(net);
	WARN_ON_ONCE(!list_empty(&cn->adapters) || !list_empty(&cn->peers));
	cluster_node_destroy(cn);
	cluster_services_destroy(cn);
	cluster_ports_destroy(cn);
	mutex_destroy(&cn->lock);
}

static struct pernet_operations cluster_net_ops = {
	.init = cluster_net_init,
	.pre_exit = cluster_net_pre_exit,
	.exit = cluster_net_exit,
	.id = &cluster_net_id,
	.size = sizeof(struct cluster_net),
};

int cluster_netns_init(void)
{
	return register_pernet_subsys(&cluster_net_ops);
}

void cluster_netns_exit(void)
{
	unregister_pernet_subsys(&cluster_net_ops);
}
