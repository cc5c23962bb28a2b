// SPDX-License-Identifier: GPL-2.0
/*
 * The "service" object: every provider of every service name this node
 * knows (CLUSTER_CMD_SERVICE_GET), its own and the other nodes'.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "json.h"
#include "show.h"

struct service_info {
	uint64_t have;		/* bit 1 << CLUSTER_SERVICE_A_* per attribute */
	char name[CLUSTER_SERVICE_MAX];
	uint32_t node;
	uint16_t port;
	uint8_t type;
};

#define SERVICE_HAVE(s, attr)	((s)->have & (1ULL << (attr)))

static void service_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-n NETNS] service show\n"
	      "\"service list\" is \"service show\".\n", f);
}

/* Payload size of fixed-size attributes; 0 for strings. */
static const uint8_t service_attr_len[CLUSTER_SERVICE_A_MAX + 1] = {
	[CLUSTER_SERVICE_A_NODE]	= sizeof(uint32_t),
	[CLUSTER_SERVICE_A_PORT]	= sizeof(uint16_t),
	[CLUSTER_SERVICE_A_TYPE]	= sizeof(uint8_t),
};

static int service_attr_cb(const struct nlattr *attr, void *arg)
{
	struct service_info *s = arg;

	switch (show_attr_check(attr, service_attr_len, CLUSTER_SERVICE_A_MAX,
				&s->have)) {
	case SHOW_ATTR_BAD:
		return MNL_CB_ERROR;
	case SHOW_ATTR_SKIP:
		return MNL_CB_OK;
	}
	switch (mnl_attr_get_type(attr)) {
	case CLUSTER_SERVICE_A_NAME:
		nl_attr_strcpy(attr, s->name, sizeof(s->name));
		break;
	case CLUSTER_SERVICE_A_NODE:
		s->node = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_SERVICE_A_PORT:
		s->port = mnl_attr_get_u16(attr);
		break;
	case CLUSTER_SERVICE_A_TYPE:
		s->type = mnl_attr_get_u8(attr);
		break;
	}
	return MNL_CB_OK;
}

/* By name, then node, then port. */
static int service_cmp(const void *x, const void *y)
{
	const struct service_info *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	if (c)
		return c;
	if (a->node != b->node)
		return a->node < b->node ? -1 : 1;
	return a->port < b->port ? -1 : a->port > b->port;
}

static const char *service_type_name(const struct service_info *s)
{
	if (!SERVICE_HAVE(s, CLUSTER_SERVICE_A_TYPE))
		return NULL;
	switch (s->type) {
	case SOCK_RDM:
		return "rdm";
	case SOCK_SEQPACKET:
		return "seqpacket";
	default:
		return "unknown";
	}
}

static void service_json_one(struct json *j, const struct ctx *ctx,
			     const void *item)
{
	const struct service_info *s = item;

	(void)ctx;
	json_obj_open(j, NULL);
	json_str(j, "service", SERVICE_HAVE(s, CLUSTER_SERVICE_A_NAME) ?
		 s->name : NULL);
	json_uint_opt(j, "node", SERVICE_HAVE(s, CLUSTER_SERVICE_A_NODE),
		      s->node);
	json_uint_opt(j, "port", SERVICE_HAVE(s, CLUSTER_SERVICE_A_PORT),
		      s->port);
	json_str(j, "type", service_type_name(s));
	json_obj_close(j);
}

static const struct table_col service_cols[] = {
	{ "SERVICE",	false },
	{ "NODE",	true },
	{ "PORT",	true },
	{ "TYPE",	false },
};

static void service_print_plain(FILE *f, const struct nest_list *list)
{
	struct table t;
	size_t i;

	table_init(&t, service_cols,
		   sizeof(service_cols) / sizeof(service_cols[0]));
	for (i = 0; i < list->n; i++) {
		const struct service_info *s = nest_list_at(list, i);

		table_add(&t, SERVICE_HAVE(s, CLUSTER_SERVICE_A_NAME) ?
			  s->name : NULL);
		if (SERVICE_HAVE(s, CLUSTER_SERVICE_A_NODE))
			table_addf(&t, "%" PRIu32, s->node);
		else
			table_add(&t, NULL);
		if (SERVICE_HAVE(s, CLUSTER_SERVICE_A_PORT))
			table_addf(&t, "%u", (unsigned int)s->port);
		else
			table_add(&t, NULL);
		table_add(&t, service_type_name(s));
	}
	table_print(&t, f);
	table_free(&t);
}

static int service_show(struct ctx *ctx, int argc, char **argv)
{
	struct nest_list list = NEST_LIST(CLUSTER_A_SERVICE,
					  sizeof(struct service_info),
					  service_attr_cb);
	int ret;

	if (argc > 0)
		return usage_unexpected(&service_object, "service show",
					argv[0]);
	ret = conn_dump(ctx, CLUSTER_CMD_SERVICE_GET, nest_list_msg_cb, &list,
			"service show");
	if (ret)
		goto out;
	nest_list_sort(&list, service_cmp);
	if (ctx->json)
		show_print_json_list(stdout, ctx, &list, service_json_one);
	else
		service_print_plain(stdout, &list);
out:
	nest_list_free(&list);
	return ret;
}

static const struct cmd service_cmds[] = {
	{ "show",	service_show },
	{ "list",	service_show },
	{ NULL,		NULL },
};

const struct object service_object = {
	.name	= "service",
	.cmds	= service_cmds,
	.usage	= service_usage,
};
