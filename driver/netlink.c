// SPDX-License-Identifier: GPL-2.0
/*
 * The "cluster" generic netlink family: node identity, key and timer
 * parameters.  Every request acts on the node of the requesting socket's
 * namespace.
 */

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "af_cluster.h"
#include "adapter.h"
#include "event.h"
#include "netlink.h"

/*
 * CLUSTER_A_NODE_NAME and CLUSTER_A_NODE_SECRET have no length in the
 * policy so that a value of any length reaches the handler and gets its
 * specific extack message; the parameters' ranges depend on each other and
 * are checked by cluster_params_validate().  The group's range is in the
 * policy, where policy dumps show it (NLA_POLICY_MIN: the s16 bounds of
 * NLA_POLICY_RANGE cannot hold 65535).  Read-only attributes are refused
 * by name.
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
	[CLUSTER_A_NODE_GROUP] = NLA_POLICY_MIN(NLA_U16, CLUSTER_GROUP_MIN),
	[CLUSTER_A_NODE_SECRET] = { .type = NLA_BINARY },
	[CLUSTER_A_NODE_SECRET_SET] = {
		.type = NLA_REJECT,
		.reject_message = "secret_set is read only: set the secret itself",
	},
	[CLUSTER_A_NODE_KEY_GEN] = {
		.type = NLA_REJECT,
		.reject_message = "key generation is read only",
	},
	[CLUSTER_A_PARAM_HELLO_MIN] = { .type = NLA_U32 },
	[CLUSTER_A_PARAM_HELLO_MAX] = { .type = NLA_U32 },
	[CLUSTER_A_PARAM_RESPONSE_DELAY_MAX] = { .type = NLA_U32 },
	[CLUSTER_A_PARAM_LISTEN_TIMEOUT] = { .type = NLA_U32 },
	[CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT] = { .type = NLA_U32 },
	[CLUSTER_A_ADAPTER] = NLA_POLICY_NESTED(cluster_adapter_policy),
	[CLUSTER_A_CHANNEL] = {
		.type = NLA_REJECT,
		.reject_message = "channels are read only",
	},
	[CLUSTER_A_PEER] = {
		.type = NLA_REJECT,
		.reject_message = "remote nodes are read only",
	},
	[CLUSTER_A_VC] = {
		.type = NLA_REJECT,
		.reject_message = "virtual circuits are read only",
	},
	[CLUSTER_A_PARAM_RECONNECT_INTERVAL] = { .type = NLA_U32 },
	[CLUSTER_A_PARAM_ACK_DELAY] = { .type = NLA_U32 },
};

/* The attribute of each parameter, indexed by enum cluster_param. */
static const u16 cluster_param_attrs[CLUSTER_PARAM_COUNT] = {
	[CLUSTER_PARAM_HELLO_MIN] = CLUSTER_A_PARAM_HELLO_MIN,
	[CLUSTER_PARAM_HELLO_MAX] = CLUSTER_A_PARAM_HELLO_MAX,
	[CLUSTER_PARAM_RESPONSE_DELAY_MAX] = CLUSTER_A_PARAM_RESPONSE_DELAY_MAX,
	[CLUSTER_PARAM_LISTEN_TIMEOUT] = CLUSTER_A_PARAM_LISTEN_TIMEOUT,
	[CLUSTER_PARAM_HANDSHAKE_TIMEOUT] = CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT,
	[CLUSTER_PARAM_RECONNECT_INTERVAL] = CLUSTER_A_PARAM_RECONNECT_INTERVAL,
	[CLUSTER_PARAM_ACK_DELAY] = CLUSTER_A_PARAM_ACK_DELAY,
};

/* What each SET command accepts, as BIT_ULL(attribute type). */
#define CLUSTER_NODE_SET_ATTRS						\
	(BIT_ULL(CLUSTER_A_NODE_ID) | BIT_ULL(CLUSTER_A_NODE_NAME) |	\
	 BIT_ULL(CLUSTER_A_NODE_GROUP) | BIT_ULL(CLUSTER_A_NODE_SECRET))
#define CLUSTER_PARAM_SET_ATTRS						\
	(BIT_ULL(CLUSTER_A_PARAM_HELLO_MIN) |				\
	 BIT_ULL(CLUSTER_A_PARAM_HELLO_MAX) |				\
	 BIT_ULL(CLUSTER_A_PARAM_RESPONSE_DELAY_MAX) |			\
	 BIT_ULL(CLUSTER_A_PARAM_LISTEN_TIMEOUT) |			\
	 BIT_ULL(CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT) |			\
	 BIT_ULL(CLUSTER_A_PARAM_RECONNECT_INTERVAL) |			\
	 BIT_ULL(CLUSTER_A_PARAM_ACK_DELAY))

/*
 * One policy serves every command, so a SET command refuses the other
 * one's attributes instead of silently ignoring them.
 */
int cluster_genl_only(struct genl_info *info, u64 allowed)
{
	int type;

	BUILD_BUG_ON(CLUSTER_A_MAX >= 64);
	for (type = CLUSTER_A_UNSPEC + 1; type <= CLUSTER_A_MAX; type++) {
		if (info->attrs[type] && !(allowed & BIT_ULL(type))) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[type],
					    "attribute not accepted by this command");
			return -EINVAL;
		}
	}
	return 0;
}

/* NL_SET_ERR_MSG() wants a literal; @msg is a static string chosen at run time. */
static void cluster_genl_err_msg(struct netlink_ext_ack *extack,
				 const char *msg)
{
	if (extack)
		extack->_msg = msg;
}

/* A reply to @info for @cmd with room for @size bytes of attributes. */
static struct sk_buff *cluster_genl_reply_new(struct genl_info *info, u8 cmd,
					      size_t size, void **hdr)
{
	struct sk_buff *msg = genlmsg_new(size, GFP_KERNEL);

	if (!msg)
		return NULL;
	*hdr = genlmsg_put_reply(msg, info, &cluster_genl_family, 0, cmd);
	if (!*hdr) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static size_t cluster_genl_node_size(void)
{
	return nla_total_size(sizeof(u32)) +			/* NODE_ID */
	       nla_total_size(CLUSTER_NODE_NAME_MAX) +		/* NODE_NAME */
	       nla_total_size(sizeof(AF_CLUSTER_VERSION)) +	/* MODULE_VERSION */
	       nla_total_size(sizeof(u8)) +			/* PROTO_VERSION */
	       nla_total_size(sizeof(u16)) +			/* FAMILY */
	       nla_total_size(sizeof(u16)) +			/* ETHERTYPE */
	       nla_total_size_64bit(sizeof(u64)) +		/* RX_UNCLAIMED */
	       nla_total_size(sizeof(u16)) +			/* NODE_GROUP */
	       nla_total_size(sizeof(u8)) +			/* NODE_SECRET_SET */
	       nla_total_size(sizeof(u32));			/* NODE_KEY_GEN */
}

/* The secret itself is never put in a message. */
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
			      atomic64_read(&cn->rx_unclaimed), CLUSTER_A_PAD) ||
	    nla_put_u16(msg, CLUSTER_A_NODE_GROUP, node->group) ||
	    nla_put_u8(msg, CLUSTER_A_NODE_SECRET_SET, node->secret_set) ||
	    nla_put_u32(msg, CLUSTER_A_NODE_KEY_GEN, node->key_generation))
		return -EMSGSIZE;
	return 0;
}

static int cluster_genl_node_get(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct cluster_node_info node;
	struct sk_buff *msg;
	void *hdr;

	cluster_node_get(cn, &node);

	msg = cluster_genl_reply_new(info, CLUSTER_CMD_NODE_GET,
				     cluster_genl_node_size(), &hdr);
	if (!msg)
		return -ENOMEM;
	if (cluster_genl_node_fill(msg, cn, &node)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int cluster_genl_node_set(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct nlattr *id_attr = info->attrs[CLUSTER_A_NODE_ID];
	struct nlattr *name_attr = info->attrs[CLUSTER_A_NODE_NAME];
	struct nlattr *group_attr = info->attrs[CLUSTER_A_NODE_GROUP];
	struct nlattr *secret_attr = info->attrs[CLUSTER_A_NODE_SECRET];
	struct cluster_node_update upd = {};
	u32 id;
	u16 group;
	int err;

	err = cluster_genl_only(info, CLUSTER_NODE_SET_ATTRS);
	if (err)
		return err;
	if (!id_attr && !name_attr && !group_attr && !secret_attr) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "nothing to set: give a node id, name, group and/or secret");
		return -EINVAL;
	}

	if (id_attr) {
		id = nla_get_u32(id_attr);
		if (!cluster_node_id_valid(id)) {
			NL_SET_ERR_MSG_ATTR(info->extack, id_attr,
					    "node id must be 1..4294967294");
			return -EINVAL;
		}
		upd.id = &id;
	}

	if (name_attr) {
		upd.name = nla_data(name_attr);
		upd.name_len = nla_len(name_attr);
		/* NLA_STRING: the terminating NUL is optional. */
		if (upd.name_len && upd.name[upd.name_len - 1] == '\0')
			upd.name_len--;
		if (!cluster_node_name_valid(upd.name, upd.name_len)) {
			NL_SET_ERR_MSG_ATTR(info->extack, name_attr,
					    "node name must be 1-15 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit");
			return -EINVAL;
		}
	}

	/* The policy refused 0 and any length but 2 bytes. */
	if (group_attr) {
		group = nla_get_u16(group_attr);
		upd.group = &group;
	}

	/* Empty clears the secret. */
	if (secret_attr) {
		upd.secret = nla_data(secret_attr);
		upd.secret_len = nla_len(secret_attr);
		if (upd.secret_len &&
		    !cluster_node_secret_len_valid(upd.secret_len)) {
			NL_SET_ERR_MSG_ATTR(info->extack, secret_attr,
					    "secret must be 16 to 64 bytes (empty clears it)");
			return -EINVAL;
		}
	}

	return cluster_node_set(cn, &upd);
}

static size_t cluster_genl_params_size(void)
{
	return CLUSTER_PARAM_COUNT * nla_total_size(sizeof(u32));
}

static int cluster_genl_params_fill(struct sk_buff *msg,
				    const struct cluster_params *p)
{
	int i;

	for (i = 0; i < CLUSTER_PARAM_COUNT; i++)
		if (nla_put_u32(msg, cluster_param_attrs[i],
				cluster_param_value(p, i)))
			return -EMSGSIZE;
	return 0;
}

static int cluster_genl_param_get(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_params p;
	struct sk_buff *msg;
	void *hdr;

	cluster_params_get(cluster_net(genl_info_net(info)), &p);

	msg = cluster_genl_reply_new(info, CLUSTER_CMD_PARAM_GET,
				     cluster_genl_params_size(), &hdr);
	if (!msg)
		return -ENOMEM;
	if (cluster_genl_params_fill(msg, &p)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/*
 * Any subset of the parameters, validated as the complete set it would
 * make: a request that breaks a rule changes nothing.
 */
static int cluster_genl_param_set(struct sk_buff *skb, struct genl_info *info)
{
	struct cluster_net *cn = cluster_net(genl_info_net(info));
	struct cluster_params req = {};
	unsigned long mask = 0;
	const char *why;
	int i, err;

	err = cluster_genl_only(info, CLUSTER_PARAM_SET_ATTRS);
	if (err)
		return err;
	for (i = 0; i < CLUSTER_PARAM_COUNT; i++) {
		struct nlattr *attr = info->attrs[cluster_param_attrs[i]];

		if (attr) {
			*cluster_param_field(&req, i) = nla_get_u32(attr);
			mask |= BIT(i);
		}
	}
	if (!mask) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "nothing to set: give at least one parameter");
		return -EINVAL;
	}

	err = cluster_params_set(cn, &req, mask, &why);
	if (err) {
		cluster_genl_err_msg(info->extack, why);
		return err;
	}
	/* New HELLO intervals apply now, not after the current ones. */
	if (mask & (BIT(CLUSTER_PARAM_HELLO_MIN) | BIT(CLUSTER_PARAM_HELLO_MAX)))
		cluster_hello_restagger(cn);
	return 0;
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
	{
		.cmd = CLUSTER_CMD_PARAM_GET,
		.doit = cluster_genl_param_get,
	},
	{
		.cmd = CLUSTER_CMD_PARAM_SET,
		.doit = cluster_genl_param_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CLUSTER_CMD_ADAPTER_GET,
		.doit = cluster_genl_adapter_get,
		.dumpit = cluster_genl_adapter_dump,
	},
	{
		.cmd = CLUSTER_CMD_ADAPTER_ADD,
		.doit = cluster_genl_adapter_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CLUSTER_CMD_ADAPTER_DEL,
		.doit = cluster_genl_adapter_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = CLUSTER_CMD_CHANNEL_GET,
		.dumpit = cluster_genl_channel_dump,
	},
	{
		.cmd = CLUSTER_CMD_PEER_GET,
		.dumpit = cluster_genl_peer_dump,
	},
	{
		.cmd = CLUSTER_CMD_VC_GET,
		.dumpit = cluster_genl_vc_dump,
	},
	{
		.cmd = CLUSTER_CMD_SERVICE_GET,
		.dumpit = cluster_genl_service_dump,
	},
};

/*
 * Indexed by enum cluster_genl_mcgrp.  No GENL_UNS_ADMIN_PERM (6.1) or
 * GENL_MCAST_CAP_* (6.12) flag: any user may listen to events, as any
 * user may read the state they report.
 */
static const struct genl_multicast_group cluster_genl_mcgrps[] = {
	[CLUSTER_MCGRP_EVENTS] = { .name = CLUSTER_GENL_MCGRP_EVENTS },
};

struct genl_family cluster_genl_family __ro_after_init = {
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
	/*
	 * .resv_start_op stays 0: every command, none predating this module,
	 * gets strict validation (reserved header field, unknown attributes).
	 */
	/* Append only: a group's index is its id within the family. */
	.mcgrps = cluster_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(cluster_genl_mcgrps),
};

int cluster_genl_init(void)
{
	int err = genl_register_family(&cluster_genl_family);

	if (!err)
		cluster_events_start();
	return err;
}

void cluster_genl_exit(void)
{
	cluster_events_stop();
	genl_unregister_family(&cluster_genl_family);
}
