// SPDX-License-Identifier: GPL-2.0
/*
 * The "node" object: this node's identity, cluster group and secret.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "interval.h"
#include "json.h"
#include "parse.h"

#define NODE_ID_MIN	1U
/* 0 (unset) and ~0 (all nodes) are special. */
#define NODE_ID_MAX	(CLUSTER_NODE_ALL - 1)

struct node_info {
	uint64_t have;		/* bit 1 << CLUSTER_A_* per attribute seen */
	uint32_t id;
	char name[CLUSTER_NODE_NAME_MAX];
	char module_version[64];
	uint8_t proto_version;
	uint16_t family;
	uint16_t ethertype;
	uint64_t rx_unclaimed;
	uint16_t group;
	bool secret_set;
	uint32_t key_generation;
};

#define HAVE(info, attr)	((info)->have & (1ULL << (attr)))

static void node_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-s] [-n NETNS] node show\n"
	      "       clusterctl [-n NETNS] node set [id ID] [name NAME] [group GROUP]\n"
	      "                  [secret-file PATH | secret none]\n"
	      "       clusterctl [-j [-p]] [-n NETNS] node list\n"
	      "ID:    1 to 4294967294, decimal or 0x hex\n"
	      "NAME:  1 to 15 characters of A-Z a-z 0-9 . _ -, starting with a\n"
	      "       letter or digit\n"
	      "GROUP: cluster group, 1 to 65535\n"
	      "PATH:  file holding the group secret, 16 to 64 bytes (one trailing\n"
	      "       newline is dropped), readable by its owner only; - reads\n"
	      "       standard input.  \"secret none\" clears the secret.\n"
	      "\"node show\" shows this node, \"node list\" the remote nodes heard of.\n",
	      f);
}

/* Payload size of fixed-size attributes; 0 for strings. */
static const uint8_t node_attr_len[CLUSTER_A_MAX + 1] = {
	[CLUSTER_A_NODE_ID]		= sizeof(uint32_t),
	[CLUSTER_A_PROTO_VERSION]	= sizeof(uint8_t),
	[CLUSTER_A_FAMILY]		= sizeof(uint16_t),
	[CLUSTER_A_ETHERTYPE]		= sizeof(uint16_t),
	[CLUSTER_A_RX_UNCLAIMED]	= sizeof(uint64_t),
	[CLUSTER_A_NODE_GROUP]		= sizeof(uint16_t),
	[CLUSTER_A_NODE_SECRET_SET]	= sizeof(uint8_t),
	[CLUSTER_A_NODE_KEY_GEN]	= sizeof(uint32_t),
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
	info->have |= 1ULL << type;

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
	case CLUSTER_A_NODE_GROUP:
		info->group = mnl_attr_get_u16(attr);
		break;
	case CLUSTER_A_NODE_SECRET_SET:
		info->secret_set = mnl_attr_get_u8(attr);
		break;
	case CLUSTER_A_NODE_KEY_GEN:
		info->key_generation = mnl_attr_get_u32(attr);
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
	if (HAVE(info, CLUSTER_A_NODE_GROUP) && info->group)
		json_uint(&j, "group", info->group);
	else
		json_null(&j, "group");
	if (HAVE(info, CLUSTER_A_NODE_SECRET_SET))
		json_bool(&j, "secret_set", info->secret_set);
	else
		json_null(&j, "secret_set");
	if (HAVE(info, CLUSTER_A_NODE_KEY_GEN))
		json_uint(&j, "key_generation", info->key_generation);
	else
		json_null(&j, "key_generation");
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
	if (HAVE(info, CLUSTER_A_NODE_GROUP)) {
		if (info->group)
			kv(f, "group", "%u", info->group);
		else
			kv(f, "group", "not set");
	}
	if (HAVE(info, CLUSTER_A_NODE_SECRET_SET))
		kv(f, "secret", "%s", info->secret_set ? "set" : "not set");
	if (HAVE(info, CLUSTER_A_NODE_KEY_GEN))
		kv(f, "key generation", "%" PRIu32, info->key_generation);
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

/* One node: every one is the same. */
static int node_same(const void *a, const void *b)
{
	(void)a;
	(void)b;
	return 0;
}

static void node_sub(void *cur, const void *prev)
{
	struct node_info *n = cur;
	const struct node_info *p = prev;

	if (n->rx_unclaimed >= p->rx_unclaimed)
		n->rx_unclaimed -= p->rx_unclaimed;
}

static const struct interval_ops node_interval_ops = {
	.cmp	= node_same,
	.sub	= node_sub,
};

static int node_show(struct ctx *ctx, int argc, char **argv)
{
	struct node_info info = { 0 };
	struct nest_list one = {
		.size = sizeof(info), .items = &info, .n = 1, .cap = 1,
	};
	int ret;

	if (argc > 0)
		return usage_unexpected(&node_object, "node show", argv[0]);

	ret = conn_get(ctx, CLUSTER_CMD_NODE_GET, node_msg_cb, &info,
		       "node show");
	if (ret)
		return ret;
	/* The one object, in place: interval_delta() keeps its own copy. */
	interval_delta(ctx, &one, &node_interval_ops);

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

/*
 * Reads a secret from @path ("-": standard input) into @buf, which holds
 * CLUSTER_SECRET_MAX bytes.  One trailing newline is dropped, so that
 * "echo ... >file" works; every other byte is part of the secret.  A
 * regular file must belong to root or to us and be neither readable nor
 * writable by group or others, as ssh demands of private keys.  Returns
 * EXIT_OK with *@len set, or prints why not and returns EXIT_FAIL.
 */
static int read_secret(const char *path, uint8_t *buf, size_t *len)
{
	/* One byte for the newline, one to notice a longer file. */
	uint8_t tmp[CLUSTER_SECRET_MAX + 2];
	bool is_stdin = !strcmp(path, "-");
	const char *name = is_stdin ? "standard input" : path;
	size_t n = 0;
	struct stat st;
	int fd, ret = EXIT_FAIL;

	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err_msg("cannot open secret file %s: %s", path,
			strerror(errno));
		return EXIT_FAIL;
	}
	/* fstat() of what we opened: no race with a renamed file. */
	if (fstat(fd, &st) < 0) {
		err_msg("cannot stat secret file %s: %s", name,
			strerror(errno));
		goto out;
	}
	if (!is_stdin) {
		if (S_ISREG(st.st_mode)) {
			if (st.st_uid != 0 && st.st_uid != geteuid()) {
				err_msg("secret file %s belongs to uid %u: it must belong to root or to you",
					path, (unsigned int)st.st_uid);
				goto out;
			}
			if (st.st_mode & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)) {
				err_msg("secret file %s is accessible by group or others (mode %04o): run chmod 600 %s",
					path, (unsigned int)(st.st_mode & 07777),
					path);
				goto out;
			}
		} else if (!S_ISFIFO(st.st_mode)) {
			/* A pipe, as from <(command), is private to us. */
			err_msg("secret file %s is not a regular file or a pipe",
				path);
			goto out;
		}
	}

	while (n < sizeof(tmp)) {
		ssize_t r = read(fd, tmp + n, sizeof(tmp) - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err_msg("cannot read secret file %s: %s", name,
				strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += r;
	}
	if (n && tmp[n - 1] == '\n')
		n--;
	if (n > CLUSTER_SECRET_MAX) {
		err_msg("secret in %s is longer than %d bytes", name,
			CLUSTER_SECRET_MAX);
		goto out;
	}
	if (n < CLUSTER_SECRET_MIN) {
		err_msg("secret in %s is %zu bytes: it needs %d to %d (a trailing newline does not count)",
			name, n, CLUSTER_SECRET_MIN, CLUSTER_SECRET_MAX);
		goto out;
	}
	memcpy(buf, tmp, n);
	*len = n;
	ret = EXIT_OK;
out:
	explicit_bzero(tmp, sizeof(tmp));
	if (!is_stdin)
		close(fd);
	return ret;
}

/* Arguments of "node set", each NULL if not given. */
struct node_set_args {
	const char *id;
	const char *name;
	const char *group;
	const char *secret_file;
	const char *secret;	/* only "none" */
};

static int node_set_parse(int argc, char **argv, struct node_set_args *a)
{
	static const struct {
		const char *word;
		size_t offset;
	} keys[] = {
		{ "id",		 offsetof(struct node_set_args, id) },
		{ "name",	 offsetof(struct node_set_args, name) },
		{ "group",	 offsetof(struct node_set_args, group) },
		{ "secret-file", offsetof(struct node_set_args, secret_file) },
		{ "secret",	 offsetof(struct node_set_args, secret) },
	};
	int i;

	for (i = 0; i < argc; i += 2) {
		const char **slot = NULL;
		size_t k;

		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (!strcmp(argv[i], keys[k].word))
				slot = (const char **)((char *)a +
						       keys[k].offset);
		if (!slot)
			return usage_err(&node_object,
					 "node set: unknown argument \"%s\"; expected id, name, group, secret-file or secret",
					 argv[i]);
		if (*slot)
			return usage_err(&node_object,
					 "node set: %s given twice", argv[i]);
		if (i + 1 >= argc)
			return usage_err(&node_object,
					 "node set: %s needs a value", argv[i]);
		*slot = argv[i + 1];
	}
	if (!a->id && !a->name && !a->group && !a->secret_file && !a->secret)
		return usage_err(&node_object,
				 "node set: nothing to set; give id, name, group, secret-file or secret none");
	if (a->secret && strcmp(a->secret, "none"))
		return usage_err(&node_object,
				 "node set: secret takes only \"none\" (clear the secret); give a secret with secret-file PATH");
	if (a->secret && a->secret_file)
		return usage_err(&node_object,
				 "node set: give secret-file or secret none, not both");
	return EXIT_OK;
}

static int node_set(struct ctx *ctx, int argc, char **argv)
{
	struct node_set_args a = { 0 };
	uint8_t secret[CLUSTER_SECRET_MAX];
	size_t secret_len = 0;
	uint32_t id = 0, group = 0;
	struct nlmsghdr *nlh;
	static struct nl nl;
	int ret;

	ret = node_set_parse(argc, argv, &a);
	if (ret)
		return ret;
	if (a.id && !parse_u32(a.id, NODE_ID_MIN, NODE_ID_MAX, &id))
		return usage_err(&node_object,
				 "node set: invalid id \"%s\": expected a number from %u to %u (decimal or 0x hex)",
				 a.id, NODE_ID_MIN, NODE_ID_MAX);
	if (a.name && !valid_node_name(a.name))
		return usage_err(&node_object,
				 "node set: invalid name \"%s\": expected 1 to %d characters of A-Z a-z 0-9 . _ -, starting with a letter or digit",
				 a.name, CLUSTER_NODE_NAME_MAX - 1);
	if (a.group && !parse_u32(a.group, CLUSTER_GROUP_MIN,
				  CLUSTER_GROUP_MAX, &group))
		return usage_err(&node_object,
				 "node set: invalid group \"%s\": expected a number from %d to %d",
				 a.group, CLUSTER_GROUP_MIN, CLUSTER_GROUP_MAX);
	/* Before the netlink socket, so a bad file needs no module. */
	if (a.secret_file) {
		ret = read_secret(a.secret_file, secret, &secret_len);
		if (ret)
			return ret;
	}

	ret = conn_open(ctx, &nl);
	if (ret)
		goto out;
	nlh = nl_msg(&nl, CLUSTER_CMD_NODE_SET, NLM_F_ACK);
	if (a.id)
		mnl_attr_put_u32(nlh, CLUSTER_A_NODE_ID, id);
	if (a.name)
		mnl_attr_put_strz(nlh, CLUSTER_A_NODE_NAME, a.name);
	if (a.group)
		mnl_attr_put_u16(nlh, CLUSTER_A_NODE_GROUP, group);
	/* "secret none": an empty attribute clears it. */
	if (a.secret_file || a.secret)
		mnl_attr_put(nlh, CLUSTER_A_NODE_SECRET, secret_len, secret);
	ret = conn_request(&nl, nlh, NULL, NULL, "node set", "CAP_NET_ADMIN");
	nl_close(&nl);
out:
	/* The request in nl.buf holds the secret too. */
	explicit_bzero(secret, sizeof(secret));
	explicit_bzero(nl.buf, sizeof(nl.buf));
	return ret;
}

static const struct cmd node_cmds[] = {
	{ "show",	node_show },
	{ "set",	node_set },
	{ "list",	node_list },
	{ NULL,		NULL },
};

const struct object node_object = {
	.name	= "node",
	.cmds	= node_cmds,
	.usage	= node_usage,
};
