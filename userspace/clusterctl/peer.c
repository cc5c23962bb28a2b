// SPDX-License-Identifier: GPL-2.0
/*
 * "node list": the remote nodes this node has heard of (CLUSTER_CMD_PEER_GET),
 * a command of the "node" object.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "json.h"
#include "show.h"

struct peer_info {
	uint64_t have;		/* bit 1 << CLUSTER_PEER_A_* per attribute */
	uint32_t id;
	char name[CLUSTER_NODE_NAME_MAX];
	uint8_t state;
	uint32_t channels;
	uint32_t channels_total;
};

#define PEER_HAVE(p, attr)	((p)->have & (1ULL << (attr)))

static const char *const peer_states[] = {
	[CLUSTER_PEER_DOWN]	= "down",
	[CLUSTER_PEER_UP]	= "up",
};

/* Payload size of fixed-size attributes; 0 for strings. */
static const uint8_t peer_attr_len[CLUSTER_PEER_A_MAX + 1] = {
	[CLUSTER_PEER_A_ID]		= sizeof(uint32_t),
	[CLUSTER_PEER_A_STATE]		= sizeof(uint8_t),
	[CLUSTER_PEER_A_CHANNELS]	= sizeof(uint32_t),
	[CLUSTER_PEER_A_CHANNELS_TOTAL]	= sizeof(uint32_t),
};

static int peer_attr_cb(const struct nlattr *attr, void *arg)
{
	struct peer_info *p = arg;
	unsigned int type = mnl_attr_get_type(attr);

	switch (show_attr_check(attr, peer_attr_len, CLUSTER_PEER_A_MAX, &p->have)) {
	case SHOW_ATTR_BAD:
		return MNL_CB_ERROR;
	case SHOW_ATTR_SKIP:
		return MNL_CB_OK;
	}

	switch (type) {
	case CLUSTER_PEER_A_ID:
		p->id = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_PEER_A_NAME:
		nl_attr_strcpy(attr, p->name, sizeof(p->name));
		break;
	case CLUSTER_PEER_A_STATE:
		p->state = mnl_attr_get_u8(attr);
		break;
	case CLUSTER_PEER_A_CHANNELS:
		p->channels = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_PEER_A_CHANNELS_TOTAL:
		p->channels_total = mnl_attr_get_u32(attr);
		break;
	}
	return MNL_CB_OK;
}

static int peer_cmp(const void *x, const void *y)
{
	const struct peer_info *a = x, *b = y;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return 0;
}

static const char *peer_state_name(const struct peer_info *p,
				   char buf[SHOW_VAL_LEN])
{
	if (!PEER_HAVE(p, CLUSTER_PEER_A_STATE))
		return NULL;
	return enum_name(peer_states, sizeof(peer_states) /
			 sizeof(peer_states[0]), p->state, buf);
}

static void peer_json_one(struct json *j, const struct ctx *ctx,
			  const void *item)
{
	const struct peer_info *p = item;
	char buf[SHOW_VAL_LEN];

	(void)ctx;
	json_obj_open(j, NULL);
	json_uint_opt(j, "id", PEER_HAVE(p, CLUSTER_PEER_A_ID), p->id);
	/* A node that has not told its name: null. */
	json_str(j, "name", PEER_HAVE(p, CLUSTER_PEER_A_NAME) &&
		 p->name[0] ? p->name : NULL);
	json_str(j, "state", peer_state_name(p, buf));
	json_uint_opt(j, "channels", PEER_HAVE(p, CLUSTER_PEER_A_CHANNELS),
		      p->channels);
	json_uint_opt(j, "channels_total",
		      PEER_HAVE(p, CLUSTER_PEER_A_CHANNELS_TOTAL),
		      p->channels_total);
	json_obj_close(j);
}

static const struct table_col peer_cols[] = {
	{ "ID",		true },
	{ "NAME",	false },
	{ "STATE",	false },
	{ "CHANNELS",	true },
};

static void show_count(char buf[SHOW_VAL_LEN], bool have, uint32_t v)
{
	if (have)
		snprintf(buf, SHOW_VAL_LEN, "%" PRIu32, v);
	else
		snprintf(buf, SHOW_VAL_LEN, "%s", SHOW_NONE);
}

/* CHANNELS is "open/total", as "2/3". */
static void peer_print_plain(FILE *f, const struct nest_list *list)
{
	char buf[SHOW_VAL_LEN], open[SHOW_VAL_LEN], total[SHOW_VAL_LEN];
	struct table t;
	size_t i;

	table_init(&t, peer_cols, sizeof(peer_cols) / sizeof(peer_cols[0]));
	for (i = 0; i < list->n; i++) {
		const struct peer_info *p = nest_list_at(list, i);

		if (PEER_HAVE(p, CLUSTER_PEER_A_ID))
			table_addf(&t, "%" PRIu32, p->id);
		else
			table_add(&t, NULL);
		table_add(&t, PEER_HAVE(p, CLUSTER_PEER_A_NAME) && p->name[0] ?
			  p->name : NULL);
		table_add(&t, peer_state_name(p, buf));
		show_count(open, PEER_HAVE(p, CLUSTER_PEER_A_CHANNELS),
			   p->channels);
		show_count(total, PEER_HAVE(p, CLUSTER_PEER_A_CHANNELS_TOTAL),
			   p->channels_total);
		table_addf(&t, "%s/%s", open, total);
	}
	table_print(&t, f);
	table_free(&t);
}

int node_list(struct ctx *ctx, int argc, char **argv)
{
	struct nest_list list = NEST_LIST(CLUSTER_A_PEER,
					  sizeof(struct peer_info),
					  peer_attr_cb);
	int ret;

	if (argc > 0)
		return usage_unexpected(&node_object, "node list", argv[0]);

	ret = conn_dump(ctx, CLUSTER_CMD_PEER_GET, nest_list_msg_cb, &list,
			"node list");
	if (ret)
		goto out;
	nest_list_sort(&list, peer_cmp);
	if (ctx->json)
		show_print_json_list(stdout, ctx, &list, peer_json_one);
	else
		peer_print_plain(stdout, &list);
out:
	nest_list_free(&list);
	return ret;
}
