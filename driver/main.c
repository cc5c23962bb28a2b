// SPDX-License-Identifier: GPL-2.0
/*
 * af_cluster: PEDRIVER-style cluster interconnect over raw Ethernet.
 *
 * Module load and unload, and the module parameters fixed at load; those
 * that give each new namespace its timer defaults live in param.c.  Each
 * network namespace is one cluster node (netns.c).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_ether.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/net.h>
#include <linux/printk.h>
#include <linux/socket.h>
#include <net/genetlink.h>

#include "af_cluster.h"
#include "adapter.h"

int cluster_family = AF_CLUSTER;
module_param_named(family, cluster_family, int, 0444);
MODULE_PARM_DESC(family,
		 "Address family to register (default 19; 13, 14, 18, 19, 22 and 25 are unused by Linux 6.1 and 6.12)");

unsigned short cluster_ethertype = CLUSTER_ETHERTYPE;
module_param_named(ethertype, cluster_ethertype, ushort, 0444);
MODULE_PARM_DESC(ethertype,
		 "Ethertype of af_cluster frames (default 0x88b5, at least 0x0600)");

bool cluster_unloading;

static int __init cluster_load_params_valid(void)
{
	/* The family indexes arrays of AF_MAX entries in net/socket.c. */
	if (cluster_family <= 0 || cluster_family >= AF_MAX) {
		pr_err("family=%d out of range: must be 1..%d, and unused\n",
		       cluster_family, AF_MAX - 1);
		return -EINVAL;
	}
	/* Values below 0x0600 are 802.3 lengths, not ethertypes. */
	if (cluster_ethertype < ETH_P_802_3_MIN) {
		pr_err("ethertype=0x%04x is an 802.3 length: must be 0x%04x..0xffff\n",
		       cluster_ethertype, ETH_P_802_3_MIN);
		return -EINVAL;
	}
	return cluster_params_check_defaults();
}

/*
 * Per-netns state first, since every other part looks it up; the packet
 * handler last, since frames may arrive as soon as it is registered.
 */
static int __init cluster_init(void)
{
	int err;

	err = cluster_load_params_valid();
	if (err)
		return err;

	err = cluster_netns_init();
	if (err)
		return err;

	err = cluster_genl_init();
	if (err)
		goto err_netns;

	err = cluster_socket_init();
	if (err)
		goto err_genl;

	cluster_packet_init();

	pr_info("version %s: family %d, ethertype 0x%04x\n",
		AF_CLUSTER_VERSION, cluster_family, cluster_ethertype);
	return 0;

err_genl:
	cluster_genl_exit();
err_netns:
	cluster_netns_exit();
	return err;
}

/*
 * Reverse order.  dev_remove_pack() waits for running packet handlers,
 * sock_unregister() for concurrent socket creation, genl_unregister_family()
 * for running netlink operations, and unregister_pernet_subsys() runs the
 * pre_exit (adapters removed, BYE sent) and exit of every namespace.
 * rcu_barrier() waits for the adapters' RCU frees, which run module code.
 */
static void __exit cluster_exit(void)
{
	cluster_packet_exit();
	cluster_socket_exit();
	cluster_genl_exit();
	WRITE_ONCE(cluster_unloading, true);
	cluster_netns_exit();
	rcu_barrier();
}

module_init(cluster_init);
module_exit(cluster_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("AF_CLUSTER: cluster interconnect sockets over Ethernet");
MODULE_VERSION(AF_CLUSTER_VERSION);
/* Autoloading covers the default family only. */
MODULE_ALIAS_NETPROTO(PF_CLUSTER);
MODULE_ALIAS_GENL_FAMILY(CLUSTER_GENL_NAME);
