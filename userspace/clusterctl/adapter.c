// SPDX-License-Identifier: GPL-2.0
/*
 * The "adapter" object: network devices enabled for af_cluster, which
 * send HELLOs and carry channels.
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
#include "parse.h"
#include "show.h"

/* Longest drop reason kept; the module's are much shorter. */
#define DROP_REASON_MAX	32

struct adapter_drop {
	char reason[DROP_REASON_MAX];
	uint64_t count;
};

struct adapter_info {
	uint64_t have;		/* bit 1 << CLUSTER_ADAPTER_A_* per attribute */
	uint32_t ifindex;
	char name[IFNAMSIZ];
	uint8_t mac[MAC_LEN];
	uint32_t mtu;
	uint8_t priority;
	uint8_t state;
	uint32_t channels;
	uint64_t counter[CLUSTER_ADAPTER_A_MAX + 1];	/* u64 attributes */
	struct adapter_drop *drops;	/* in the module's order */
	size_t ndrops;
};

#define ADAPTER_HAVE(a, attr)	((a)->have & (1ULL << (attr)))

static const char *const adapter_states[] = {
	[CLUSTER_ADAPTER_DOWN]		= "down",
	[CLUSTER_ADAPTER_UP]		= "up",
	[CLUSTER_ADAPTER_UNCONFIGURED]	= "unconfigured",
};

/* Counters shown with -s, by their JSON names, in this order. */
static const struct show_field adapter_counters[] = {
	{ "hellos_tx",	CLUSTER_ADAPTER_A_HELLO_TX },
	{ "hellos_rx",	CLUSTER_ADAPTER_A_HELLO_RX },
	{ "rx_frames",	CLUSTER_ADAPTER_A_RX_FRAMES },
	{ "tx_frames",	CLUSTER_ADAPTER_A_TX_FRAMES },
	{ "tx_errors",	CLUSTER_ADAPTER_A_TX_ERRORS },
};

static void adapter_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-s] [-n NETNS] adapter show [DEV]\n"
	      "       clusterctl [-n NETNS] adapter add DEV [priority PRIORITY]\n"
	      "       clusterctl [-n NETNS] adapter del DEV\n"
	      "DEV:      network device, 1 to 15 characters, none of them / : or\n"
	      "          white space\n"
	      "PRIORITY: 0 to 127, higher is preferred; 0 if not given\n"
	      "\"adapter list\" is \"adapter show\".\n", f);
}

/* Payload size of fixed-size attributes; 0 for strings and nests. */
static const uint8_t adapter_attr_len[CLUSTER_ADAPTER_A_MAX + 1] = {
	[CLUSTER_ADAPTER_A_IFINDEX]	= sizeof(uint32_t),
	[CLUSTER_ADAPTER_A_MAC]		= MAC_LEN,
	[CLUSTER_ADAPTER_A_MTU]		= sizeof(uint32_t),
	[CLUSTER_ADAPTER_A_PRIORITY]	= sizeof(uint8_t),
	[CLUSTER_ADAPTER_A_STATE]	= sizeof(uint8_t),
	[CLUSTER_ADAPTER_A_CHANNELS]	= sizeof(uint32_t),
	[CLUSTER_ADAPTER_A_HELLO_TX]	= sizeof(uint64_t),
	[CLUSTER_ADAPTER_A_HELLO_RX]	= sizeof(uint64_t),
	[CLUSTER_ADAPTER_A_RX_FRAMES]	= sizeof(uint64_t),
	[CLUSTER_ADAPTER_A_TX_FRAMES]	= sizeof(uint64_t),
	[CLUSTER_ADAPTER_A_TX_ERRORS]	= sizeof(uint64_t),
};

struct drop_parse {
	bool have_reason, have_count;
	struct adapter_drop d;
};

static int adapter_drop_attr_cb(const struct nlattr *attr, void *arg)
{
	struct drop_parse *dp = arg;

	switch (mnl_attr_get_type(attr)) {
	case CLUSTER_DROP_A_REASON:
		nl_attr_strcpy(attr, dp->d.reason, sizeof(dp->d.reason));
		dp->have_reason = true;
		break;
	case CLUSTER_DROP_A_COUNT:
		if (mnl_attr_get_payload_len(attr) != sizeof(uint64_t)) {
			errno = EBADMSG;
			return MNL_CB_ERROR;
		}
		dp->d.count = mnl_attr_get_u64(attr);
		dp->have_count = true;
		break;
	}
	/* Attributes from a newer module are not ours to judge. */
	return MNL_CB_OK;
}

/* Adds @count frames dropped for @reason; a repeated reason adds up. */
static void adapter_add_drop(struct adapter_info *a, const char *reason,
			     uint64_t count)
{
	struct adapter_drop *d;
	size_t i;

	for (i = 0; i < a->ndrops; i++) {
		if (!strcmp(a->drops[i].reason, reason)) {
			a->drops[i].count += count;
			return;
		}
	}
	a->drops = xreallocarray(a->drops, a->ndrops + 1, sizeof(*a->drops));
	d = &a->drops[a->ndrops++];
	snprintf(d->reason, sizeof(d->reason), "%s", reason);
	d->count = count;
}

static int adapter_attr_cb(const struct nlattr *attr, void *arg)
{
	struct adapter_info *a = arg;
	unsigned int type = mnl_attr_get_type(attr);
	struct drop_parse dp = { 0 };

	switch (show_attr_check(attr, adapter_attr_len, CLUSTER_ADAPTER_A_MAX, &a->have)) {
	case SHOW_ATTR_BAD:
		return MNL_CB_ERROR;
	case SHOW_ATTR_SKIP:
		return MNL_CB_OK;
	}

	switch (type) {
	case CLUSTER_ADAPTER_A_IFINDEX:
		a->ifindex = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_ADAPTER_A_IFNAME:
		nl_attr_strcpy(attr, a->name, sizeof(a->name));
		break;
	case CLUSTER_ADAPTER_A_MAC:
		memcpy(a->mac, mnl_attr_get_payload(attr), MAC_LEN);
		break;
	case CLUSTER_ADAPTER_A_MTU:
		a->mtu = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_ADAPTER_A_PRIORITY:
		a->priority = mnl_attr_get_u8(attr);
		break;
	case CLUSTER_ADAPTER_A_STATE:
		a->state = mnl_attr_get_u8(attr);
		break;
	case CLUSTER_ADAPTER_A_CHANNELS:
		a->channels = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_ADAPTER_A_DROP:
		if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0) {
			errno = EBADMSG;
			return MNL_CB_ERROR;
		}
		if (mnl_attr_parse_nested(attr, adapter_drop_attr_cb,
					  &dp) < 0)
			return MNL_CB_ERROR;
		/* Half a drop counter is no counter. */
		if (dp.have_reason && dp.have_count)
			adapter_add_drop(a, dp.d.reason, dp.d.count);
		break;
	default:
		if (adapter_attr_len[type] == sizeof(uint64_t))
			a->counter[type] = mnl_attr_get_u64(attr);
		break;
	}
	return MNL_CB_OK;
}

static void adapter_list_free(struct nest_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(((struct adapter_info *)nest_list_at(list, i))->drops);
	nest_list_free(list);
}

/* By interface index, as "ip link" lists devices. */
static int adapter_cmp(const void *x, const void *y)
{
	const struct adapter_info *a = x, *b = y;

	if (a->ifindex != b->ifindex)
		return a->ifindex < b->ifindex ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* "drops": {reason: frames, ...}, every reason the module reported. */
static void adapter_json_drops(struct json *j, const struct adapter_info *a)
{
	size_t i;

	json_obj_open(j, "drops");
	for (i = 0; i < a->ndrops; i++)
		json_uint(j, a->drops[i].reason, a->drops[i].count);
	json_obj_close(j);
}

static void adapter_json_one(struct json *j, const struct ctx *ctx,
			     const void *item)
{
	const struct adapter_info *a = item;
	char mac[MAC_STR_LEN], buf[SHOW_VAL_LEN];

	json_obj_open(j, NULL);
	json_str(j, "name", ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_IFNAME) ?
		 a->name : NULL);
	json_uint_opt(j, "ifindex", ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_IFINDEX),
		      a->ifindex);
	fmt_mac(mac, a->mac);
	json_str(j, "mac", ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_MAC) ? mac : NULL);
	json_uint_opt(j, "mtu", ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_MTU), a->mtu);
	json_uint_opt(j, "priority",
		      ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_PRIORITY), a->priority);
	json_str(j, "state", ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_STATE) ?
		 enum_name(adapter_states, sizeof(adapter_states) /
			   sizeof(adapter_states[0]), a->state, buf) : NULL);
	json_uint_opt(j, "channels",
		      ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_CHANNELS), a->channels);
	if (ctx->stats) {
		json_obj_open(j, "stats");
		show_json_fields(j, adapter_counters,
				 SHOW_N_FIELDS(adapter_counters), a->have,
				 a->counter);
		adapter_json_drops(j, a);
		json_obj_close(j);
	}
	json_obj_close(j);
}

/* With -s: the counters of one adapter, under its name. */
static void adapter_print_counters(FILE *f, const struct adapter_info *a)
{
	struct show_pair *d;
	size_t i, n = 0;

	if (ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_IFNAME))
		fprintf(f, "%s:\n", a->name);
	else if (ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_IFINDEX))
		fprintf(f, "ifindex %" PRIu32 ":\n", a->ifindex);
	else
		fprintf(f, "%s:\n", SHOW_NONE);
	show_print_fields(f, adapter_counters, SHOW_N_FIELDS(adapter_counters),
			  a->have, a->counter);

	/* Reasons that dropped nothing would only hide those that did. */
	d = xreallocarray(NULL, a->ndrops, sizeof(*d));
	for (i = 0; i < a->ndrops; i++)
		if (a->drops[i].count)
			show_pair_u64(&d[n++], a->drops[i].reason, true,
				      a->drops[i].count);
	if (n)
		print_pairs(f, 4, "drops:", d, n, 80);
	else
		fputs("    drops: none\n", f);
	free(d);
}

static const struct table_col adapter_cols[] = {
	{ "ADAPTER",	false },
	{ "INDEX",	true },
	{ "MAC",	false },
	{ "MTU",	true },
	{ "PRIO",	true },
	{ "STATE",	false },
	{ "CHANNELS",	true },
};

static void adapter_print_plain(FILE *f, const struct ctx *ctx,
				const struct nest_list *list)
{
	char mac[MAC_STR_LEN], buf[SHOW_VAL_LEN];
	struct table t;
	size_t i;

	table_init(&t, adapter_cols,
		   sizeof(adapter_cols) / sizeof(adapter_cols[0]));
	for (i = 0; i < list->n; i++) {
		const struct adapter_info *a = nest_list_at(list, i);

		table_add(&t, ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_IFNAME) ?
			  a->name : NULL);
		if (ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_IFINDEX))
			table_addf(&t, "%" PRIu32, a->ifindex);
		else
			table_add(&t, NULL);
		fmt_mac(mac, a->mac);
		table_add(&t, ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_MAC) ?
			  mac : NULL);
		if (ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_MTU))
			table_addf(&t, "%" PRIu32, a->mtu);
		else
			table_add(&t, NULL);
		if (ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_PRIORITY))
			table_addf(&t, "%u", a->priority);
		else
			table_add(&t, NULL);
		table_add(&t, ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_STATE) ?
			  enum_name(adapter_states, sizeof(adapter_states) /
				    sizeof(adapter_states[0]), a->state, buf) :
			  NULL);
		if (ADAPTER_HAVE(a, CLUSTER_ADAPTER_A_CHANNELS))
			table_addf(&t, "%" PRIu32, a->channels);
		else
			table_add(&t, NULL);
	}
	table_print(&t, f);
	table_free(&t);

	if (!ctx->stats || !list->n)
		return;
	fputc('\n', f);
	for (i = 0; i < list->n; i++)
		adapter_print_counters(f, nest_list_at(list, i));
}

/* DEV of @cmd: a device name the kernel could accept, else EXIT_USAGE. */
static int adapter_check_dev(const char *cmd, const char *dev)
{
	char what[32];

	if (dev[0] == '-' && dev[1]) {
		snprintf(what, sizeof(what), "adapter %s", cmd);
		return usage_unexpected(&adapter_object, what, dev);
	}
	if (!valid_ifname(dev))
		return usage_err(&adapter_object,
				 "adapter %s: invalid device name \"%s\": expected 1 to %d characters, none of them / : or white space (see ip link show)",
				 cmd, dev, IFNAMSIZ - 1);
	return EXIT_OK;
}

/*
 * A request of @cmd for the device @dev: a CLUSTER_A_ADAPTER nest with
 * its name and, if @prio >= 0, its priority.
 */
static struct nlmsghdr *adapter_request(struct nl *nl, uint8_t cmd,
					const char *dev, int prio)
{
	struct nlmsghdr *nlh = nl_msg(nl, cmd, NLM_F_ACK);
	struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_ADAPTER);

	mnl_attr_put_strz(nlh, CLUSTER_ADAPTER_A_IFNAME, dev);
	if (prio >= 0)
		mnl_attr_put_u8(nlh, CLUSTER_ADAPTER_A_PRIORITY, prio);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

/* ADAPTER_GET of one device into @list. */
static int adapter_get_one(const struct ctx *ctx, const char *dev,
			   struct nest_list *list)
{
	const struct conn_hint hints[] = {
		{ ENODEV, "list the adapters with: clusterctl adapter show" },
		{ ENOENT, "list the adapters with: clusterctl adapter show" },
		{ 0, NULL },
	};
	static struct nl nl;
	struct nlmsghdr *nlh;
	char what[64];
	int ret;

	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	nlh = adapter_request(&nl, CLUSTER_CMD_ADAPTER_GET, dev, -1);
	snprintf(what, sizeof(what), "adapter show %s", dev);
	ret = conn_request_hints(&nl, nlh, nest_list_msg_cb, list, what, NULL,
				 hints);
	nl_close(&nl);
	return ret;
}

static void adapter_sub(void *cur, const void *prev)
{
	struct adapter_info *a = cur;
	const struct adapter_info *p = prev;
	size_t i, k;

	interval_sub_fields(a->counter, p->counter, adapter_counters,
			    SHOW_N_FIELDS(adapter_counters));
	for (i = 0; i < a->ndrops; i++)
		for (k = 0; k < p->ndrops; k++)
			if (!strcmp(a->drops[i].reason, p->drops[k].reason) &&
			    a->drops[i].count >= p->drops[k].count)
				a->drops[i].count -= p->drops[k].count;
}

static void adapter_copy(void *dst, const void *src)
{
	struct adapter_info *d = dst;
	const struct adapter_info *s = src;

	*d = *s;
	d->drops = xreallocarray(NULL, s->ndrops ? s->ndrops : 1,
				 sizeof(*d->drops));
	if (s->ndrops)
		memcpy(d->drops, s->drops, s->ndrops * sizeof(*d->drops));
}

static const struct interval_ops adapter_interval_ops = {
	.cmp		= adapter_cmp,
	.sub		= adapter_sub,
	.copy		= adapter_copy,
	.free_list	= adapter_list_free,
};

static int adapter_show(struct ctx *ctx, int argc, char **argv)
{
	struct nest_list list = NEST_LIST(CLUSTER_A_ADAPTER,
					  sizeof(struct adapter_info),
					  adapter_attr_cb);
	int ret;

	if (argc > 1)
		return usage_unexpected(&adapter_object, "adapter show",
					argv[1]);
	if (argc == 1) {
		ret = adapter_check_dev("show", argv[0]);
		if (ret)
			return ret;
		ret = adapter_get_one(ctx, argv[0], &list);
	} else {
		ret = conn_dump(ctx, CLUSTER_CMD_ADAPTER_GET, nest_list_msg_cb,
				&list, "adapter show");
	}
	if (ret)
		goto out;
	nest_list_sort(&list, adapter_cmp);
	interval_delta(ctx, &list, &adapter_interval_ops);
	if (ctx->json)
		show_print_json_list(stdout, ctx, &list, adapter_json_one);
	else
		adapter_print_plain(stdout, ctx, &list);
out:
	adapter_list_free(&list);
	return ret;
}

static int adapter_add(struct ctx *ctx, int argc, char **argv)
{
	const char *dev, *prio_arg = NULL;
	char what[64], exists[160];
	const struct conn_hint hints[] = {
		{ ENODEV, "check the name with: ip link show" },
		{ EEXIST, exists },
		{ 0, NULL },
	};
	struct nlmsghdr *nlh;
	static struct nl nl;
	uint32_t prio = 0;
	int i, ret;

	if (argc < 1)
		return usage_err(&adapter_object,
				 "adapter add: missing DEV: give the network device to enable, as in: clusterctl adapter add eth1");
	dev = argv[0];
	ret = adapter_check_dev("add", dev);
	if (ret)
		return ret;
	for (i = 1; i < argc; i += 2) {
		if (strcmp(argv[i], "priority")) {
			if (argv[i][0] == '-' && argv[i][1])
				return usage_unexpected(&adapter_object,
							"adapter add", argv[i]);
			return usage_err(&adapter_object,
					 "adapter add: unknown argument \"%s\"; expected priority",
					 argv[i]);
		}
		if (prio_arg)
			return usage_err(&adapter_object,
					 "adapter add: priority given twice");
		if (i + 1 >= argc)
			return usage_err(&adapter_object,
					 "adapter add: priority needs a value");
		prio_arg = argv[i + 1];
	}
	if (prio_arg && !parse_u32(prio_arg, 0, CLUSTER_PRIORITY_MAX, &prio))
		return usage_err(&adapter_object,
				 "adapter add: invalid priority \"%s\": expected a number from 0 to %d (higher is preferred)",
				 prio_arg, CLUSTER_PRIORITY_MAX);

	snprintf(what, sizeof(what), "adapter add %s", dev);
	snprintf(exists, sizeof(exists),
		 "to change its priority, run clusterctl adapter del %s and add it again",
		 dev);
	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	nlh = adapter_request(&nl, CLUSTER_CMD_ADAPTER_ADD, dev,
			      prio_arg ? (int)prio : -1);
	ret = conn_request_hints(&nl, nlh, NULL, NULL, what, "CAP_NET_ADMIN",
				 hints);
	nl_close(&nl);
	return ret;
}

static int adapter_del(struct ctx *ctx, int argc, char **argv)
{
	const struct conn_hint hints[] = {
		{ ENODEV, "list the adapters with: clusterctl adapter show" },
		{ ENOENT, "list the adapters with: clusterctl adapter show" },
		{ 0, NULL },
	};
	struct nlmsghdr *nlh;
	static struct nl nl;
	char what[64];
	int ret;

	if (argc < 1)
		return usage_err(&adapter_object,
				 "adapter del: missing DEV: give the adapter to disable, as in: clusterctl adapter del eth1");
	ret = adapter_check_dev("del", argv[0]);
	if (ret)
		return ret;
	if (argc > 1)
		return usage_unexpected(&adapter_object, "adapter del",
					argv[1]);

	snprintf(what, sizeof(what), "adapter del %s", argv[0]);
	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	nlh = adapter_request(&nl, CLUSTER_CMD_ADAPTER_DEL, argv[0], -1);
	ret = conn_request_hints(&nl, nlh, NULL, NULL, what, "CAP_NET_ADMIN",
				 hints);
	nl_close(&nl);
	return ret;
}

static const struct cmd adapter_cmds[] = {
	{ "show",	adapter_show },
	{ "list",	adapter_show },
	{ "add",	adapter_add },
	{ "del",	adapter_del },
	{ NULL,		NULL },
};

const struct object adapter_object = {
	.name	= "adapter",
	.cmds	= adapter_cmds,
	.usage	= adapter_usage,
};
