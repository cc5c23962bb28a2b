// SPDX-License-Identifier: GPL-2.0
/*
 * The "channel" object: each pairing of one of our adapters with one
 * adapter of a remote node, and its handshake and liveness counters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "interval.h"
#include "json.h"
#include "show.h"

struct channel_info {
	uint64_t have;		/* bit 1 << CLUSTER_CHANNEL_A_* per attribute */
	uint32_t local_ifindex;
	char local_ifname[IFNAMSIZ];
	uint8_t local_mac[MAC_LEN];
	uint32_t remote_node;
	char remote_name[CLUSTER_NODE_NAME_MAX];
	uint8_t remote_mac[MAC_LEN];
	uint8_t state;
	uint32_t rtt_us;
	uint32_t mtu;
	uint64_t counter[CLUSTER_CHANNEL_A_MAX + 1];	/* u64 attributes */
};

#define CHANNEL_HAVE(c, attr)	((c)->have & (1ULL << (attr)))

static const char *const channel_states[] = {
	[CLUSTER_CHANNEL_CLOSED]	= "closed",
	[CLUSTER_CHANNEL_RESPONSE_WAIT]	= "response-wait",
	[CLUSTER_CHANNEL_CCSTART_SENT]	= "ccstart-sent",
	[CLUSTER_CHANNEL_VERF_SENT]	= "verf-sent",
	[CLUSTER_CHANNEL_OPEN]		= "open",
};

/* Counters shown with -s, by their JSON names, in this order. */
static const struct show_field channel_counters[] = {
	{ "hellos_rx",		CLUSTER_CHANNEL_A_HELLO_RX },
	{ "keepalives_tx",	CLUSTER_CHANNEL_A_KEEPALIVE_TX },
	{ "keepalives_rx",	CLUSTER_CHANNEL_A_KEEPALIVE_RX },
	{ "handshakes_ok",	CLUSTER_CHANNEL_A_HS_OK },
	{ "handshakes_failed",	CLUSTER_CHANNEL_A_HS_FAILED },
	{ "handshake_timeouts",	CLUSTER_CHANNEL_A_HS_TIMEOUTS },
	{ "listen_timeouts",	CLUSTER_CHANNEL_A_LISTEN_TIMEOUTS },
	{ "byes_rx",		CLUSTER_CHANNEL_A_BYE_RX },
	{ "restarts",		CLUSTER_CHANNEL_A_RESTARTS },
};

static void channel_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-s] [-n NETNS] channel show\n"
	      "\"channel list\" is \"channel show\".\n", f);
}

/* Payload size of fixed-size attributes; 0 for strings. */
static const uint8_t channel_attr_len[CLUSTER_CHANNEL_A_MAX + 1] = {
	[CLUSTER_CHANNEL_A_LOCAL_IFINDEX]	= sizeof(uint32_t),
	[CLUSTER_CHANNEL_A_LOCAL_MAC]		= MAC_LEN,
	[CLUSTER_CHANNEL_A_REMOTE_NODE]		= sizeof(uint32_t),
	[CLUSTER_CHANNEL_A_REMOTE_MAC]		= MAC_LEN,
	[CLUSTER_CHANNEL_A_STATE]		= sizeof(uint8_t),
	[CLUSTER_CHANNEL_A_RTT_US]		= sizeof(uint32_t),
	[CLUSTER_CHANNEL_A_MTU]			= sizeof(uint32_t),
	[CLUSTER_CHANNEL_A_UPTIME_MS]		= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_HELLO_RX]		= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_KEEPALIVE_TX]	= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_KEEPALIVE_RX]	= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_HS_OK]		= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_HS_FAILED]		= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_HS_TIMEOUTS]		= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_LISTEN_TIMEOUTS]	= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_BYE_RX]		= sizeof(uint64_t),
	[CLUSTER_CHANNEL_A_RESTARTS]		= sizeof(uint64_t),
};

static int channel_attr_cb(const struct nlattr *attr, void *arg)
{
	struct channel_info *c = arg;
	unsigned int type = mnl_attr_get_type(attr);

	switch (show_attr_check(attr, channel_attr_len, CLUSTER_CHANNEL_A_MAX, &c->have)) {
	case SHOW_ATTR_BAD:
		return MNL_CB_ERROR;
	case SHOW_ATTR_SKIP:
		return MNL_CB_OK;
	}

	switch (type) {
	case CLUSTER_CHANNEL_A_LOCAL_IFINDEX:
		c->local_ifindex = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_CHANNEL_A_LOCAL_IFNAME:
		nl_attr_strcpy(attr, c->local_ifname, sizeof(c->local_ifname));
		break;
	case CLUSTER_CHANNEL_A_LOCAL_MAC:
		memcpy(c->local_mac, mnl_attr_get_payload(attr), MAC_LEN);
		break;
	case CLUSTER_CHANNEL_A_REMOTE_NODE:
		c->remote_node = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_CHANNEL_A_REMOTE_NAME:
		nl_attr_strcpy(attr, c->remote_name, sizeof(c->remote_name));
		break;
	case CLUSTER_CHANNEL_A_REMOTE_MAC:
		memcpy(c->remote_mac, mnl_attr_get_payload(attr), MAC_LEN);
		break;
	case CLUSTER_CHANNEL_A_STATE:
		c->state = mnl_attr_get_u8(attr);
		break;
	case CLUSTER_CHANNEL_A_RTT_US:
		c->rtt_us = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_CHANNEL_A_MTU:
		c->mtu = mnl_attr_get_u32(attr);
		break;
	default:
		if (channel_attr_len[type] == sizeof(uint64_t))
			c->counter[type] = mnl_attr_get_u64(attr);
		break;
	}
	return MNL_CB_OK;
}

/* By local adapter, then remote node, then remote adapter. */
static int channel_cmp(const void *x, const void *y)
{
	const struct channel_info *a = x, *b = y;
	int r;

	if (a->local_ifindex != b->local_ifindex)
		return a->local_ifindex < b->local_ifindex ? -1 : 1;
	r = strcmp(a->local_ifname, b->local_ifname);
	if (r)
		return r;
	if (a->remote_node != b->remote_node)
		return a->remote_node < b->remote_node ? -1 : 1;
	return memcmp(a->remote_mac, b->remote_mac, MAC_LEN);
}

static const char *channel_state_name(const struct channel_info *c,
				      char buf[SHOW_VAL_LEN])
{
	if (!CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_STATE))
		return NULL;
	return enum_name(channel_states, sizeof(channel_states) /
			 sizeof(channel_states[0]), c->state, buf);
}

static void channel_json_one(struct json *j, const struct ctx *ctx,
			     const void *item)
{
	const struct channel_info *c = item;
	char mac[MAC_STR_LEN], buf[SHOW_VAL_LEN];

	json_obj_open(j, NULL);
	json_str(j, "local_adapter",
		 CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_LOCAL_IFNAME) ?
		 c->local_ifname : NULL);
	json_uint_opt(j, "local_ifindex",
		      CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_LOCAL_IFINDEX),
		      c->local_ifindex);
	fmt_mac(mac, c->local_mac);
	json_str(j, "local_mac", CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_LOCAL_MAC) ?
		 mac : NULL);
	json_uint_opt(j, "remote_node",
		      CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_NODE),
		      c->remote_node);
	/* A node that has not told its name: null, as in "node show". */
	json_str(j, "remote_name",
		 CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_NAME) &&
		 c->remote_name[0] ? c->remote_name : NULL);
	fmt_mac(mac, c->remote_mac);
	json_str(j, "remote_mac",
		 CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_MAC) ? mac : NULL);
	json_str(j, "state", channel_state_name(c, buf));
	/* 0 is "not measured yet". */
	json_uint_opt(j, "rtt_us", CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_RTT_US) &&
		      c->rtt_us, c->rtt_us);
	json_uint_opt(j, "mtu", CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_MTU), c->mtu);
	json_uint_opt(j, "uptime_ms",
		      CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_UPTIME_MS),
		      c->counter[CLUSTER_CHANNEL_A_UPTIME_MS]);
	if (ctx->stats) {
		json_obj_open(j, "stats");
		show_json_fields(j, channel_counters,
				 SHOW_N_FIELDS(channel_counters), c->have,
				 c->counter);
		json_obj_close(j);
	}
	json_obj_close(j);
}

/* With -s: "eth0 to node 1025 (VAX1) at aa:00:04:00:01:04:" and counters. */
static void channel_print_counters(FILE *f, const struct channel_info *c)
{
	char mac[MAC_STR_LEN];

	fputs(CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_LOCAL_IFNAME) ?
	      c->local_ifname : SHOW_NONE, f);
	if (CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_NODE))
		fprintf(f, " to node %" PRIu32, c->remote_node);
	else
		fputs(" to node " SHOW_NONE, f);
	if (CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_NAME) && c->remote_name[0])
		fprintf(f, " (%s)", c->remote_name);
	fmt_mac(mac, c->remote_mac);
	fprintf(f, " at %s:\n", CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_MAC) ?
		mac : SHOW_NONE);
	show_print_fields(f, channel_counters, SHOW_N_FIELDS(channel_counters),
			  c->have, c->counter);
}

static const struct table_col channel_cols[] = {
	{ "ADAPTER",	false },
	{ "NODE",	true },
	{ "NAME",	false },
	{ "REMOTE MAC",	false },
	{ "STATE",	false },
	{ "RTT",	true },
	{ "MTU",	true },
	{ "UPTIME",	true },
};

static void channel_print_plain(FILE *f, const struct ctx *ctx,
				const struct nest_list *list)
{
	char mac[MAC_STR_LEN], buf[SHOW_VAL_LEN];
	struct table t;
	size_t i;

	table_init(&t, channel_cols,
		   sizeof(channel_cols) / sizeof(channel_cols[0]));
	for (i = 0; i < list->n; i++) {
		const struct channel_info *c = nest_list_at(list, i);
		uint64_t uptime = c->counter[CLUSTER_CHANNEL_A_UPTIME_MS];

		table_add(&t, CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_LOCAL_IFNAME) ?
			  c->local_ifname : NULL);
		if (CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_NODE))
			table_addf(&t, "%" PRIu32, c->remote_node);
		else
			table_add(&t, NULL);
		table_add(&t, CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_NAME) &&
			  c->remote_name[0] ? c->remote_name : NULL);
		fmt_mac(mac, c->remote_mac);
		table_add(&t, CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_REMOTE_MAC) ?
			  mac : NULL);
		table_add(&t, channel_state_name(c, buf));
		/* 0: not measured yet, or not open. */
		if (CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_RTT_US) && c->rtt_us) {
			fmt_usec(buf, c->rtt_us);
			table_add(&t, buf);
		} else {
			table_add(&t, NULL);
		}
		if (CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_MTU))
			table_addf(&t, "%" PRIu32, c->mtu);
		else
			table_add(&t, NULL);
		if (CHANNEL_HAVE(c, CLUSTER_CHANNEL_A_UPTIME_MS) && uptime) {
			fmt_uptime(buf, uptime);
			table_add(&t, buf);
		} else {
			table_add(&t, NULL);
		}
	}
	table_print(&t, f);
	table_free(&t);

	if (!ctx->stats || !list->n)
		return;
	fputc('\n', f);
	for (i = 0; i < list->n; i++)
		channel_print_counters(f, nest_list_at(list, i));
}

static void channel_sub(void *cur, const void *prev)
{
	interval_sub_fields(((struct channel_info *)cur)->counter,
			    ((const struct channel_info *)prev)->counter,
			    channel_counters, SHOW_N_FIELDS(channel_counters));
}

static const struct interval_ops channel_interval_ops = {
	.cmp	= channel_cmp,
	.sub	= channel_sub,
};

static int channel_show(struct ctx *ctx, int argc, char **argv)
{
	struct nest_list list = NEST_LIST(CLUSTER_A_CHANNEL,
					  sizeof(struct channel_info),
					  channel_attr_cb);
	int ret;

	if (argc > 0)
		return usage_unexpected(&channel_object, "channel show",
					argv[0]);

	ret = conn_dump(ctx, CLUSTER_CMD_CHANNEL_GET, nest_list_msg_cb, &list,
			"channel show");
	if (ret)
		goto out;
	nest_list_sort(&list, channel_cmp);
	interval_delta(ctx, &list, &channel_interval_ops);
	if (ctx->json)
		show_print_json_list(stdout, ctx, &list, channel_json_one);
	else
		channel_print_plain(stdout, ctx, &list);
out:
	nest_list_free(&list);
	return ret;
}

static const struct cmd channel_cmds[] = {
	{ "show",	channel_show },
	{ "list",	channel_show },
	{ NULL,		NULL },
};

const struct object channel_object = {
	.name	= "channel",
	.cmds	= channel_cmds,
	.usage	= channel_usage,
};
