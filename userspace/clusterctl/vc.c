// SPDX-License-Identifier: GPL-2.0
/*
 * The "vc" object: the virtual circuit to each remote node, its window,
 * round-trip estimates and queue, and its message and fragment counters.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "interval.h"
#include "json.h"
#include "show.h"

struct vc_info {
	uint64_t have;		/* bit 1 << CLUSTER_VC_A_* per attribute */
	uint8_t state;
	/* Every other attribute, u32 or u64, by type. */
	uint64_t val[CLUSTER_VC_A_MAX + 1];
};

#define VC_HAVE(v, attr)	((v)->have & (1ULL << (attr)))

static const char *const vc_states[] = {
	[CLUSTER_VC_OPEN]	= "open",
	[CLUSTER_VC_RECONNECT]	= "reconnect",
	[CLUSTER_VC_DOWN]	= "down",
};

/* Numbers shown always, by their JSON names, after remote_node and state. */
static const struct show_field vc_fields[] = {
	{ "channels",		CLUSTER_VC_A_CHANNELS },
	{ "cwnd",		CLUSTER_VC_A_CWND },
	{ "ssthresh",		CLUSTER_VC_A_SSTHRESH },
	{ "cwnd_max",		CLUSTER_VC_A_CWND_MAX },
	{ "srtt_us",		CLUSTER_VC_A_SRTT_US },
	{ "rttvar_us",		CLUSTER_VC_A_RTTVAR_US },
	{ "rto_us",		CLUSTER_VC_A_RTO_US },
	{ "peer_reseq",		CLUSTER_VC_A_PEER_RESEQ },
	{ "unit",		CLUSTER_VC_A_UNIT },
	{ "in_flight",		CLUSTER_VC_A_IN_FLIGHT },
	{ "queued",		CLUSTER_VC_A_QUEUED },
};

/* Counters shown with -s, by their JSON names, in this order. */
static const struct show_field vc_counters[] = {
	{ "tx_msgs",		CLUSTER_VC_A_TX_MSGS },
	{ "rx_msgs",		CLUSTER_VC_A_RX_MSGS },
	{ "tx_frags",		CLUSTER_VC_A_TX_FRAGS },
	{ "rx_frags",		CLUSTER_VC_A_RX_FRAGS },
	{ "retransmits",	CLUSTER_VC_A_RETRANSMITS },
	{ "sack_losses",	CLUSTER_VC_A_SACK_LOSSES },
	{ "timeouts",		CLUSTER_VC_A_TIMEOUTS },
	{ "dup_rx",		CLUSTER_VC_A_DUP_RX },
	{ "ooo_held",		CLUSTER_VC_A_OOO_HELD },
	{ "reseq_drops",	CLUSTER_VC_A_RESEQ_DROPS },
	{ "stale",		CLUSTER_VC_A_STALE },
	{ "no_port",		CLUSTER_VC_A_NO_PORT },
	{ "refused",		CLUSTER_VC_A_REFUSED },
	{ "unverified",		CLUSTER_VC_A_UNVERIFIED },
	{ "bad_control",	CLUSTER_VC_A_BAD_CONTROL },
	{ "ctl_drops",		CLUSTER_VC_A_CTL_DROPS },
	{ "reasm_drops",	CLUSTER_VC_A_REASM_DROPS },
	{ "acks_tx",		CLUSTER_VC_A_ACKS_TX },
	{ "acks_rx",		CLUSTER_VC_A_ACKS_RX },
	{ "failed",		CLUSTER_VC_A_FAILED },
};

static void vc_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-s] [-n NETNS] vc show\n"
	      "\"vc list\" is \"vc show\".\n", f);
}

/* Payload size of each attribute. */
static const uint8_t vc_attr_len[CLUSTER_VC_A_MAX + 1] = {
	[CLUSTER_VC_A_REMOTE_NODE]	= sizeof(uint32_t),
	[CLUSTER_VC_A_STATE]		= sizeof(uint8_t),
	[CLUSTER_VC_A_CHANNELS]		= sizeof(uint32_t),
	[CLUSTER_VC_A_CWND]		= sizeof(uint32_t),
	[CLUSTER_VC_A_SSTHRESH]		= sizeof(uint32_t),
	[CLUSTER_VC_A_CWND_MAX]		= sizeof(uint32_t),
	[CLUSTER_VC_A_SRTT_US]		= sizeof(uint32_t),
	[CLUSTER_VC_A_RTTVAR_US]	= sizeof(uint32_t),
	[CLUSTER_VC_A_RTO_US]		= sizeof(uint32_t),
	[CLUSTER_VC_A_PEER_RESEQ]	= sizeof(uint32_t),
	[CLUSTER_VC_A_UNIT]		= sizeof(uint32_t),
	[CLUSTER_VC_A_IN_FLIGHT]	= sizeof(uint32_t),
	[CLUSTER_VC_A_QUEUED]		= sizeof(uint32_t),
	[CLUSTER_VC_A_TX_MSGS]		= sizeof(uint64_t),
	[CLUSTER_VC_A_RX_MSGS]		= sizeof(uint64_t),
	[CLUSTER_VC_A_TX_FRAGS]		= sizeof(uint64_t),
	[CLUSTER_VC_A_RX_FRAGS]		= sizeof(uint64_t),
	[CLUSTER_VC_A_RETRANSMITS]	= sizeof(uint64_t),
	[CLUSTER_VC_A_TIMEOUTS]		= sizeof(uint64_t),
	[CLUSTER_VC_A_DUP_RX]		= sizeof(uint64_t),
	[CLUSTER_VC_A_OOO_HELD]		= sizeof(uint64_t),
	[CLUSTER_VC_A_RESEQ_DROPS]	= sizeof(uint64_t),
	[CLUSTER_VC_A_STALE]		= sizeof(uint64_t),
	[CLUSTER_VC_A_NO_PORT]		= sizeof(uint64_t),
	[CLUSTER_VC_A_ACKS_TX]		= sizeof(uint64_t),
	[CLUSTER_VC_A_ACKS_RX]		= sizeof(uint64_t),
	[CLUSTER_VC_A_FAILED]		= sizeof(uint64_t),
	[CLUSTER_VC_A_REFUSED]		= sizeof(uint64_t),
	[CLUSTER_VC_A_SACK_LOSSES]	= sizeof(uint64_t),
	[CLUSTER_VC_A_UNVERIFIED]	= sizeof(uint64_t),
	[CLUSTER_VC_A_BAD_CONTROL]	= sizeof(uint64_t),
	[CLUSTER_VC_A_CTL_DROPS]	= sizeof(uint64_t),
	[CLUSTER_VC_A_REASM_DROPS]	= sizeof(uint64_t),
};

static int vc_attr_cb(const struct nlattr *attr, void *arg)
{
	struct vc_info *v = arg;
	unsigned int type = mnl_attr_get_type(attr);

	switch (show_attr_check(attr, vc_attr_len, CLUSTER_VC_A_MAX, &v->have)) {
	case SHOW_ATTR_BAD:
		return MNL_CB_ERROR;
	case SHOW_ATTR_SKIP:
		return MNL_CB_OK;
	}

	switch (vc_attr_len[type]) {
	case sizeof(uint8_t):
		v->state = mnl_attr_get_u8(attr);
		break;
	case sizeof(uint32_t):
		v->val[type] = mnl_attr_get_u32(attr);
		break;
	case sizeof(uint64_t):
		v->val[type] = mnl_attr_get_u64(attr);
		break;
	}
	return MNL_CB_OK;
}

/* By remote node. */
static int vc_cmp(const void *x, const void *y)
{
	const struct vc_info *a = x, *b = y;
	uint64_t na = a->val[CLUSTER_VC_A_REMOTE_NODE];
	uint64_t nb = b->val[CLUSTER_VC_A_REMOTE_NODE];

	if (na != nb)
		return na < nb ? -1 : 1;
	return 0;
}

static const char *vc_state_name(const struct vc_info *v,
				 char buf[SHOW_VAL_LEN])
{
	if (!VC_HAVE(v, CLUSTER_VC_A_STATE))
		return NULL;
	return enum_name(vc_states, sizeof(vc_states) / sizeof(vc_states[0]),
			 v->state, buf);
}

static void vc_json_one(struct json *j, const struct ctx *ctx,
			const void *item)
{
	const struct vc_info *v = item;
	char buf[SHOW_VAL_LEN];

	json_obj_open(j, NULL);
	json_uint_opt(j, "remote_node", VC_HAVE(v, CLUSTER_VC_A_REMOTE_NODE),
		      v->val[CLUSTER_VC_A_REMOTE_NODE]);
	json_str(j, "state", vc_state_name(v, buf));
	show_json_fields(j, vc_fields, SHOW_N_FIELDS(vc_fields), v->have,
			 v->val);
	if (ctx->stats) {
		json_obj_open(j, "stats");
		show_json_fields(j, vc_counters, SHOW_N_FIELDS(vc_counters),
				 v->have, v->val);
		json_obj_close(j);
	}
	json_obj_close(j);
}

/* With -s: "node 1025:" and the counters. */
static void vc_print_counters(FILE *f, const struct vc_info *v)
{
	if (VC_HAVE(v, CLUSTER_VC_A_REMOTE_NODE))
		fprintf(f, "node %" PRIu64 ":\n",
			v->val[CLUSTER_VC_A_REMOTE_NODE]);
	else
		fputs("node " SHOW_NONE ":\n", f);
	show_print_fields(f, vc_counters, SHOW_N_FIELDS(vc_counters), v->have,
			  v->val);
}

static const struct table_col vc_cols[] = {
	{ "NODE",	true },
	{ "STATE",	false },
	{ "CHAN",	true },
	{ "CWND",	true },
	{ "SSTHRESH",	true },
	{ "MAX",	true },
	{ "SRTT",	true },
	{ "RTO",	true },
	{ "INFLIGHT",	true },
	{ "QUEUED",	true },
};

/* A number cell, SHOW_NONE if not reported. */
static void vc_add_num(struct table *t, const struct vc_info *v,
		       uint16_t attr)
{
	if (VC_HAVE(v, attr))
		table_addf(t, "%" PRIu64, v->val[attr]);
	else
		table_add(t, NULL);
}

/* A duration cell; 0 is "not measured yet". */
static void vc_add_usec(struct table *t, const struct vc_info *v,
			uint16_t attr)
{
	char buf[SHOW_VAL_LEN];

	if (VC_HAVE(v, attr) && v->val[attr]) {
		fmt_usec(buf, v->val[attr]);
		table_add(t, buf);
	} else {
		table_add(t, NULL);
	}
}

static void vc_print_plain(FILE *f, const struct ctx *ctx,
			   const struct nest_list *list)
{
	char buf[SHOW_VAL_LEN];
	struct table t;
	size_t i;

	table_init(&t, vc_cols, sizeof(vc_cols) / sizeof(vc_cols[0]));
	for (i = 0; i < list->n; i++) {
		const struct vc_info *v = nest_list_at(list, i);

		vc_add_num(&t, v, CLUSTER_VC_A_REMOTE_NODE);
		table_add(&t, vc_state_name(v, buf));
		vc_add_num(&t, v, CLUSTER_VC_A_CHANNELS);
		vc_add_num(&t, v, CLUSTER_VC_A_CWND);
		vc_add_num(&t, v, CLUSTER_VC_A_SSTHRESH);
		vc_add_num(&t, v, CLUSTER_VC_A_CWND_MAX);
		vc_add_usec(&t, v, CLUSTER_VC_A_SRTT_US);
		vc_add_usec(&t, v, CLUSTER_VC_A_RTO_US);
		vc_add_num(&t, v, CLUSTER_VC_A_IN_FLIGHT);
		vc_add_num(&t, v, CLUSTER_VC_A_QUEUED);
	}
	table_print(&t, f);
	table_free(&t);

	if (!ctx->stats || !list->n)
		return;
	fputc('\n', f);
	for (i = 0; i < list->n; i++)
		vc_print_counters(f, nest_list_at(list, i));
}

static void vc_sub(void *cur, const void *prev)
{
	interval_sub_fields(((struct vc_info *)cur)->val,
			    ((const struct vc_info *)prev)->val, vc_counters,
			    SHOW_N_FIELDS(vc_counters));
}

static const struct interval_ops vc_interval_ops = {
	.cmp	= vc_cmp,
	.sub	= vc_sub,
};

static int vc_show(struct ctx *ctx, int argc, char **argv)
{
	struct nest_list list = NEST_LIST(CLUSTER_A_VC, sizeof(struct vc_info),
					  vc_attr_cb);
	int ret;

	if (argc > 0)
		return usage_unexpected(&vc_object, "vc show", argv[0]);

	ret = conn_dump(ctx, CLUSTER_CMD_VC_GET, nest_list_msg_cb, &list,
			"vc show");
	if (ret)
		goto out;
	nest_list_sort(&list, vc_cmp);
	interval_delta(ctx, &list, &vc_interval_ops);
	if (ctx->json)
		show_print_json_list(stdout, ctx, &list, vc_json_one);
	else
		vc_print_plain(stdout, ctx, &list);
out:
	nest_list_free(&list);
	return ret;
}

static const struct cmd vc_cmds[] = {
	{ "show",	vc_show },
	{ "list",	vc_show },
	{ NULL,		NULL },
};

const struct object vc_object = {
	.name	= "vc",
	.cmds	= vc_cmds,
	.usage	= vc_usage,
};
