// SPDX-License-Identifier: GPL-2.0
/*
 * The "node" object: this node's identity and settings.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "json.h"
#include "parse.h"

#define NODE_ID_MIN	1U
/* 0 (unset) and ~0 (all nodes) are special. */
#define NODE_ID_MAX	(CLUSTER_NODE_ALL - 1)

struct node_info {
	uint32_t have;		/* bit 1 << CLUSTER_A_* per attribute seen */
	uint32_t id;
	char name[CLUSTER_NODE_NAME_MAX];
	char module_version[64];
	uint8_t proto_version;
	uint16_t family;
	uint16_t ethertype;
	uint64_t rx_unclaimed;
};

#define HAVE(info, attr)	((info)->have & (1U << (attr)))

static void node_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-s] [-n NETNS] node show\n"
	      "       clusterctl [-n NETNS] node set [id ID] [name NAME]\n"
	      "ID:   1 to 4294967294, decimal or 0x hex\n"
	      "NAME: 1 to 15 characters of A-Z a-z 0-9 . _ -, starting with a\n"
	      "      letter or digit\n", f);
}

/* Payload size of fixed-size attributes; 0 for strings. */
static const uint8_t node_attr_len[CLUSTER_A_MAX + 1] = {
	[CLUSTER_A_NODE_ID]		= sizeof(uint32_t),
	[CLUSTER_A_PROTO_VERSION]	= sizeof(uint8_t),
	[CLUSTER_A_FAMILY]		= sizeof(uint16_t),
	[CLUSTER_A_ETHERTYPE]		= sizeof(uint16_t),
	[CLUSTER_A_RX_UNCLAIMED]	= sizeof(uint64_t),
};

static int node_attr_cb(const struct nlattr *attr, void *arg)
{
	struct node_info *info = arg;
	unsigned int type = mnl_attr_get_type(attr);

	/* Attributes from a newer module are not ours to judge. */
	if (type > CLUSTER_A_MAX)
		return MNL_CB_OK;
	/* A size mismatch means a module with another ABI: do not guess. */
	if (node_attr_len[type] &&
	    mnl_attr_get_payload_len(attr) != node_attr_len[type]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	info->have |= 1U << type;

	switch (type) {
	case CLUSTER_A_NODE_ID:
		info->id = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_A_NODE_NAME:
		nl_attr_strcpy(attr, info->name, sizeof(info->name));
		break;
	case CLUSTER_A_MODULE_VERSION:
		nl_attr_strcpy(attr, info->module_version,
			       sizeof(info->module_version));
		break;
	case CLUSTER_A_PROTO_VERSION:
		info->proto_version = mnl_attr_get_u8(attr);
		break;
	case CLUSTER_A_FAMILY:
		info->family = mnl_attr_get_u16(attr);
		break;
	case CLUSTER_A_ETHERTYPE:
		info->ethertype = mnl_attr_get_u16(attr);
		break;
	case CLUSTER_A_RX_UNCLAIMED:
		info->rx_unclaimed = mnl_attr_get_u64(attr);
		break;
	}
	return MNL_CB_OK;
}

static int node_msg_cb(const struct nlmsghdr *nlh, void *arg)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), node_attr_cb,
			      arg);
}

static void node_print_json(FILE *f, const struct ctx *ctx,
			    const struct node_info *info)
{
	struct json j;

	json_init(&j, f, ctx->pretty);
	json_obj_open(&j, NULL);
	if (HAVE(info, CLUSTER_A_NODE_ID))
		json_uint(&j, "id", info->id);
	else
		json_null(&j, "id");
	json_str(&j, "name",
		 HAVE(info, CLUSTER_A_NODE_NAME) && info->name[0] ?
		 info->name : NULL);
	if (HAVE(info, CLUSTER_A_PROTO_VERSION))
		json_uint(&j, "proto_version", info->proto_version);
	else
		json_null(&j, "proto_version");
	if (HAVE(info, CLUSTER_A_FAMILY))
		json_uint(&j, "family", info->family);
	else
		json_null(&j, "family");
	if (HAVE(info, CLUSTER_A_ETHERTYPE))
		json_uint(&j, "ethertype", info->ethertype);
	else
		json_null(&j, "ethertype");
	json_str(&j, "module_version",
		 HAVE(info, CLUSTER_A_MODULE_VERSION) ?
		 info->module_version : NULL);
	if (ctx->stats) {
		json_obj_open(&j, "stats");
		if (HAVE(info, CLUSTER_A_RX_UNCLAIMED))
			json_uint(&j, "rx_unclaimed", info->rx_unclaimed);
		else
			json_null(&j, "rx_unclaimed");
		json_obj_close(&j);
	}
	json_obj_close(&j);
}

/* Values start in one column, so the output reads as a table. */
#define KEY_WIDTH	18

static void __attribute__((format(printf, 3, 4)))
kv(FILE *f, const char *key, const char *fmt, ...)
{
	va_list ap;

	fprintf(f, "%s:%*s", key, (int)(KEY_WIDTH - strlen(key) - 1), "");
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputc('\n', f);
}

/* Lines for attributes the module did not send are left out. */
static void node_print_plain(FILE *f, const struct ctx *ctx,
			     const struct node_info *info)
{
	if (HAVE(info, CLUSTER_A_NODE_ID)) {
		if (info->id)
			kv(f, "id", "%" PRIu32, info->id);
		else
			kv(f, "id", "not set");
	}
	kv(f, "name", "%s", HAVE(info, CLUSTER_A_NODE_NAME) &&
	   info->name[0] ? info->name : "not set");
	if (HAVE(info, CLUSTER_A_PROTO_VERSION))
		kv(f, "protocol version", "%u", info->proto_version);
	if (HAVE(info, CLUSTER_A_FAMILY))
		kv(f, "address family", "%u", info->family);
	if (HAVE(info, CLUSTER_A_ETHERTYPE))
		kv(f, "ethertype", "0x%04x", info->ethertype);
	if (HAVE(info, CLUSTER_A_MODULE_VERSION))
		kv(f, "module version", "%s", info->module_version);
	if (ctx->stats && HAVE(info, CLUSTER_A_RX_UNCLAIMED))
		kv(f, "rx unclaimed", "%" PRIu64, info->rx_unclaimed);
}

static int node_show(struct ctx *ctx, int argc, char **argv)
{
	struct node_info info = { 0 };
	struct nlmsghdr *nlh;
	static struct nl nl;	/* 32 KiB buffer: not on the stack */
	int ret;

	if (argc > 0)
		return usage_err(&node_object,
				 "node show: unexpected argument \"%s\"",
				 argv[0]);

	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	nlh = nl_msg(&nl, CLUSTER_CMD_NODE_GET, NLM_F_ACK);
	ret = conn_request(&nl, nlh, node_msg_cb, &info, "node show", NULL);
	nl_close(&nl);
	if (ret)
		return ret;

	if (ctx->json)
		node_print_json(stdout, ctx, &info);
	else
		node_print_plain(stdout, ctx, &info);
	return EXIT_OK;
}

/* Same rule as the kernel's, so typos fail before needing privileges. */
static bool valid_node_name(const char *name)
{
	size_t len = strlen(name), i;

	if (len < 1 || len >= CLUSTER_NODE_NAME_MAX ||
	    !isalnum((unsigned char)name[0]))
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = name[i];

		/* isalnum() is locale-dependent; the rule is ASCII. */
		if (!(c < 0x80 && (isalnum(c) || c == '.' || c == '_' ||
				   c == '-')))
			return false;
	}
	return true;
}

static int node_set(struct ctx *ctx, int argc, char **argv)
{
	const char *name = NULL, *id_arg = NULL;
	struct nlmsghdr *nlh;
	static struct nl nl;
	uint32_t id = 0;
	int i, ret;

	for (i = 0; i < argc; i += 2) {
		const char **slot;

		if (!strcmp(argv[i], "id"))
			slot = &id_arg;
		else if (!strcmp(argv[i], "name"))
			slot = &name;
		else
			return usage_err(&node_object,
					 "node set: unknown argument \"%s\"; expected id or name",
					 argv[i]);
		if (*slot)
			return usage_err(&node_object,
					 "node set: %s given twice", argv[i]);
		if (i + 1 >= argc)
			return usage_err(&node_object,
					 "node set: %s needs a value", argv[i]);
		*slot = argv[i + 1];
	}
	if (!id_arg && !name)
		return usage_err(&node_object,
				 "node set: nothing to set; give id ID and/or name NAME");
	if (id_arg && !parse_u32(id_arg, NODE_ID_MIN, NODE_ID_MAX, &id))
		return usage_err(&node_object,
				 "node set: invalid id \"%s\": expected a number from %u to %u (decimal or 0x hex)",
				 id_arg, NODE_ID_MIN, NODE_ID_MAX);
	if (name && !valid_node_name(name))
		return usage_err(&node_object,
				 "node set: invalid name \"%s\": expected 1 to %d characters of A-Z a-z 0-9 . _ -, starting with a letter or digit",
				 name, CLUSTER_NODE_NAME_MAX - 1);

	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	nlh = nl_msg(&nl, CLUSTER_CMD_NODE_SET, NLM_F_ACK);
	if (id_arg)
		mnl_attr_put_u32(nlh, CLUSTER_A_NODE_ID, id);
	if (name)
		mnl_attr_put_strz(nlh, CLUSTER_A_NODE_NAME, name);
	ret = conn_request(&nl, nlh, NULL, NULL, "node set", "CAP_NET_ADMIN");
	nl_close(&nl);
	return ret;
}

static const struct cmd node_cmds[] = {
	{ "show",	node_show },
	{ "set",	node_set },
	{ NULL,		NULL },
};

const struct object node_object = {
	.name	= "node",
	.cmds	= node_cmds,
	.usage	= node_usage,
};
