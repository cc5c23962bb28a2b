// SPDX-License-Identifier: GPL-2.0
/*
 * The "param" object: this node's timer parameters, in milliseconds.
 * clusterctl checks names and number syntax; the ranges and the rules
 * between parameters are the kernel's, which explains a refusal itself.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "json.h"
#include "parse.h"

/* The kernel's names (module parameters too), in its order. */
static const struct param_def {
	const char *name;
	uint16_t attr;
} param_defs[] = {
	{ "hello_min",		CLUSTER_A_PARAM_HELLO_MIN },
	{ "hello_max",		CLUSTER_A_PARAM_HELLO_MAX },
	{ "response_delay_max",	CLUSTER_A_PARAM_RESPONSE_DELAY_MAX },
	{ "listen_timeout",	CLUSTER_A_PARAM_LISTEN_TIMEOUT },
	{ "handshake_timeout",	CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT },
	{ "reconnect_interval",	CLUSTER_A_PARAM_RECONNECT_INTERVAL },
	{ "ack_delay",		CLUSTER_A_PARAM_ACK_DELAY },
};
#define N_PARAMS	(sizeof(param_defs) / sizeof(param_defs[0]))

struct param_info {
	bool have[N_PARAMS];
	uint32_t value[N_PARAMS];
};

static void param_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-n NETNS] param show\n"
	      "       clusterctl [-n NETNS] param set NAME VALUE [NAME VALUE ...]\n"
	      "NAME:  hello_min, hello_max, response_delay_max, listen_timeout,\n"
	      "       handshake_timeout, reconnect_interval, ack_delay\n"
	      "VALUE: milliseconds, decimal or 0x hex; the module checks the\n"
	      "       ranges and the rules between parameters (clusterctl(8))\n",
	      f);
}

/* Index of the parameter @name, or -1. */
static int param_find(const char *name)
{
	size_t i;

	for (i = 0; i < N_PARAMS; i++)
		if (!strcmp(name, param_defs[i].name))
			return (int)i;
	return -1;
}

static int param_unknown(const char *name)
{
	const char *names[N_PARAMS];
	char list[256];
	size_t i;

	for (i = 0; i < N_PARAMS; i++)
		names[i] = param_defs[i].name;
	list_names(list, sizeof(list), names, N_PARAMS);
	return usage_err(&param_object,
			 "param set: unknown parameter \"%s\"; valid parameters: %s",
			 name, list);
}

static int param_attr_cb(const struct nlattr *attr, void *arg)
{
	struct param_info *info = arg;
	unsigned int type = mnl_attr_get_type(attr);
	size_t i;

	for (i = 0; i < N_PARAMS; i++) {
		if (type != param_defs[i].attr)
			continue;
		/* A size mismatch means a module with another ABI. */
		if (mnl_attr_get_payload_len(attr) != sizeof(uint32_t)) {
			errno = EBADMSG;
			return MNL_CB_ERROR;
		}
		info->have[i] = true;
		info->value[i] = mnl_attr_get_u32(attr);
	}
	/* Attributes from a newer module are not ours to judge. */
	return MNL_CB_OK;
}

static int param_msg_cb(const struct nlmsghdr *nlh, void *arg)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), param_attr_cb,
			      arg);
}

static void param_print_json(FILE *f, const struct ctx *ctx,
			     const struct param_info *info)
{
	struct json j;
	size_t i;

	json_init(&j, f, ctx->pretty);
	json_obj_open(&j, NULL);
	for (i = 0; i < N_PARAMS; i++) {
		if (info->have[i])
			json_uint(&j, param_defs[i].name, info->value[i]);
		else
			json_null(&j, param_defs[i].name);
	}
	json_obj_close(&j);
}

/*
 * "name value unit", aligned: values take six columns, or as many as the
 * widest needs; parameters the module did not send are left out.
 */
static void param_print_plain(FILE *f, const struct param_info *info)
{
	int width = 6;
	size_t i;

	for (i = 0; i < N_PARAMS; i++) {
		int w = snprintf(NULL, 0, "%" PRIu32, info->value[i]);

		if (info->have[i] && w > width)
			width = w;
	}
	for (i = 0; i < N_PARAMS; i++)
		if (info->have[i])
			fprintf(f, "%-18s %*" PRIu32 " ms\n",
				param_defs[i].name, width, info->value[i]);
}

static int param_show(struct ctx *ctx, int argc, char **argv)
{
	struct param_info info = { 0 };
	int ret;

	if (argc > 0)
		return usage_unexpected(&param_object, "param show", argv[0]);

	ret = conn_get(ctx, CLUSTER_CMD_PARAM_GET, param_msg_cb, &info,
		       "param show");
	if (ret)
		return ret;

	if (ctx->json)
		param_print_json(stdout, ctx, &info);
	else
		param_print_plain(stdout, &info);
	return EXIT_OK;
}

static int param_set(struct ctx *ctx, int argc, char **argv)
{
	struct param_info req = { 0 };
	struct nlmsghdr *nlh;
	static struct nl nl;
	size_t i;
	int k, ret;

	if (argc == 0)
		return usage_err(&param_object,
				 "param set: nothing to set; give NAME VALUE");
	for (k = 0; k < argc; k += 2) {
		int p = param_find(argv[k]);

		if (p < 0)
			return param_unknown(argv[k]);
		if (req.have[p])
			return usage_err(&param_object,
					 "param set: %s given twice", argv[k]);
		if (k + 1 >= argc)
			return usage_err(&param_object,
					 "param set: %s needs a value", argv[k]);
		if (!parse_u32(argv[k + 1], 0, UINT32_MAX, &req.value[p]))
			return usage_err(&param_object,
					 "param set: invalid value \"%s\" for %s: expected milliseconds as a number (decimal or 0x hex)",
					 argv[k + 1], argv[k]);
		req.have[p] = true;
	}

	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	nlh = nl_msg(&nl, CLUSTER_CMD_PARAM_SET, NLM_F_ACK);
	for (i = 0; i < N_PARAMS; i++)
		if (req.have[i])
			mnl_attr_put_u32(nlh, param_defs[i].attr,
					 req.value[i]);
	ret = conn_request(&nl, nlh, NULL, NULL, "param set", "CAP_NET_ADMIN");
	nl_close(&nl);
	return ret;
}

static const struct cmd param_cmds[] = {
	{ "show",	param_show },
	{ "set",	param_set },
	{ NULL,		NULL },
};

const struct object param_object = {
	.name	= "param",
	.cmds	= param_cmds,
	.usage	= param_usage,
};
