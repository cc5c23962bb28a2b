// SPDX-License-Identifier: GPL-2.0
/*
 * The "cluster" generic netlink family: node identity and settings.
 * Every request acts on the node of the requesting socket's namespace.
 */

#include <linux/atomic.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "af_cluster.h"

static struct genl_family cluster_genl_family;

/*
 * CLUSTER_A_NODE_NAME has no length in the policy so that a name of any
 * length reaches cluster_node_name_valid() and gets its specific extack
 * message.  Read-only attributes are refused by name.
 */
static const struct nla_policy cluster_genl_policy[CLUSTER_A_MAX + 1] = {
	[CLUSTER_A_NODE_ID] = { .type = NLA_U32 },
	[CLUSTER_A_NODE_NAME] = { .type = NLA_STRING },
	[CLUSTER_A_MODULE_VERSION] = {
		.type = NLA_REJECT,
		.reject_message = "module version is read only",
	},
	[CLUSTER_A_PROTO_VERSION] = {
		.type = NLA_REJECT,
		.reject_message = "protocol version is read only",
	},
	[CLUSTER_A_FAMILY] = {
		.type = NLA_REJECT,
		.reject_message = "address family is fixed at module load",
	},
	[CLUSTER_A_ETHERTYPE] = {
		.type = NLA_REJECT,
		.reject_message = "ethertype is fixed at module load",
	},
	[CLUSTER_A_RX_UNCLAIMED] = {
		.type = NLA_REJECT,
		.reject_message = "counters are read only",
	},
};

static size_t cluster_genl_node_size(void)
{
	return nla_total_size(sizeof(u32)) +			/* NODE_ID */
	       nla_total_size(CLUSTER_NODE_NAME_MAX) +		/* NODE_NAME */
	       nla_total_size(sizeof(AF_CLUSTER_VERSION)) +	/* MODULE_VERSION */
	       nla_total_size(sizeof(u8)) +			/* PROTO_VERSION */
	       nla_total_size(sizeof(u16)) +			/* FAMILY */
	       nla_total_size(sizeof(u16)) +			/* ETHERTYPE */
	       nla_total_size_64bit(sizeof(u64));		/* RX_UNCLAIMED */
}

static int cluster_genl_node_fill(struct sk_buff *msg, struct cluster_net *cn,
				  const struct cluster_node_info *node)
{
	if (nla_put_u32(msg, CLUSTER_A_NODE_ID, node->id) ||
	    (node->name[0] &&
	     nla_put_string(msg, CLUSTER_A_NODE_NAME, node->name)) ||
	    nla_put_string(msg, CLUSTER_A_MODULE_VERSION, AF_CLUSTER_VERSION) ||
	    nla_put_u8(msg, CLUSTER_A_PROTO_VERSION, CLUSTER_PROTO_VERSION) ||
	    nla_put_u16(msg, CLUSTER_A_FAMILY, cluster_family) ||
	    nla_put_u16(msg, CLUSTER_A_ETHERTYPE, cluster_ethertype) ||
	    nla_put_u64_64bit(msg, CLUSTER_A_RX_UNCLAIMED,
			      atomic64_read(&cn->rx_unclaimed), CLUSTER_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int cluster_genl_node_get(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct cluster_node_info node;
	struct sk_buff *msg;
	void *hdr;
	int err;

	cluster_node_get(cn, &node);

	msg = genlmsg_new(cluster_genl_node_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &cluster_genl_family, 0,
				CLUSTER_CMD_NODE_GET);
	if (!hdr) {
		err = -EMSGSIZE;
		goto err_free;
	}

	err = cluster_genl_node_fill(msg, cn, &node);
	if (err)
		goto err_free;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

err_free:
	nlmsg_free(msg);
	return err;
}

static int cluster_genl_node_set(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct nlattr *id_attr = info->attrs[CLUSTER_A_NODE_ID];
	struct nlattr *name_attr = info->attrs[CLUSTER_A_NODE_NAME];
	const char *name = NULL;
	size_t name_len = 0;
	u32 id = 0;

	if (!id_attr && !name_attr) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "nothing to set: give a node id and/or a node name");
		return -EINVAL;
	}

	if (id_attr) {
		id = nla_get_u32(id_attr);
		if (!cluster_node_id_valid(id)) {
			NL_SET_ERR_MSG_ATTR(info->extack, id_attr,
					    "node id must be 1..4294967294");
			return -EINVAL;
		}
	}

	if (name_attr) {
		name = nla_data(name_attr);
		name_len = nla_len(name_attr);
		/* NLA_STRING: the terminating NUL is optional. */
		if (name_len && name[name_len - 1] == '\0')
			name_len--;
		if (!cluster_node_name_valid(name, name_len)) {
			NL_SET_ERR_MSG_ATTR(info->extack, name_attr,
					    "node name must be 1-15 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit");
			return -EINVAL;
		}
	}

	return cluster_node_set(cn, id_attr ? &id : NULL, name, name_len);
}

/* genl_small_ops: the same layout on 6.1 and 6.12. */
static const struct genl_small_ops cluster_genl_ops[] = {
	{
		.cmd = CLUSTER_CMD_NODE_GET,
		.doit = cluster_genl_node_get,
	},
	{
		.cmd = CLUSTER_CMD_NODE_SET,
		.doit = cluster_genl_node_set,
		/* CAP_NET_ADMIN in the user namespace owning the netns. */
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static struct genl_family cluster_genl_family __ro_after_init = {
	.name = CLUSTER_GENL_NAME,
	.version = CLUSTER_GENL_VERSION,
	.maxattr = CLUSTER_A_MAX,
	.policy = cluster_genl_policy,
	.netnsok = true,
	/* Handlers lock struct cluster_net themselves. */
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = cluster_genl_ops,
	.n_small_ops = ARRAY_SIZE(cluster_genl_ops),
#ifdef AFC_HAVE_GENL_RESV_START_OP
	/* Every command is strictly validated: none predates this module. */
	.resv_start_op = CLUSTER_CMD_NODE_SET + 1,
#endif
	/*
	 * The "events" multicast group (.mcgrps, .n_mcgrps) arrives in a
	 * later issue; appending it keeps existing group ids stable.
	 */
};

int cluster_genl_init(void)
{
	return genl_register_family(&cluster_genl_family);
}

void cluster_genl_exit(void)
{
	genl_unregister_family(&cluster_genl_family);
}
