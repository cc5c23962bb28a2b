// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for af_cluster's pure functions, imported from af_cluster.ko:
 *
 *   af_cluster_addr  cluster_addr_parse()
 *   af_cluster_node  cluster_node_id_valid(), cluster_node_name_valid(),
 *                    cluster_node_secret_len_valid()
 *
 * Inputs are copied into heap buffers of exactly the length passed, so on
 * a KASAN kernel a read past that length fails the test.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "addr.h"
#include "node.h"

#define SCL_LEN		((int)sizeof(struct sockaddr_cluster))

/* A service name of CLUSTER_SERVICE_MAX - 1 characters: the longest. */
#define SERVICE_31	"abcdefghijklmnopqrstuvwxyz01234"

/**
 * struct addr_case - one cluster_addr_parse() input and its outcome
 * @desc: shown in the KUnit output
 * @addr_len: length passed; the buffer holds max(@addr_len, 1) bytes
 * @family: scl_family
 * @node: scl_node
 * @port: scl_port
 * @service: scl_service, NUL-terminated, or NULL for none
 * @unterminated: fill all of scl_service with 'x' and no NUL
 * @garbage_after_nul: put bytes after scl_service's NUL
 * @err: expected return value
 */
struct addr_case {
	const char *desc;
	int addr_len;
	unsigned short family;
	u32 node;
	u16 port;
	const char *service;
	bool unterminated;
	bool garbage_after_nul;
	int err;
};

static const struct addr_case addr_cases[] = {
	/* Accepted. */
	{ "explicit node and port", SCL_LEN, AF_CLUSTER, 7, 4000,
	  NULL, false, false, 0 },
	{ "any node, ephemeral port", SCL_LEN, AF_CLUSTER,
	  CLUSTER_NODE_ANY, CLUSTER_PORT_ANY, NULL, false, false, 0 },
	{ "highest node and port", SCL_LEN, AF_CLUSTER,
	  0xfffffffe, 65535, NULL, false, false, 0 },
	{ "empty service is explicit addressing", SCL_LEN, AF_CLUSTER, 3, 99,
	  "", false, true, 0 },
	{ "service name, port 0", SCL_LEN, AF_CLUSTER, CLUSTER_NODE_ALL, 0,
	  "disk.server-1", false, false, 0 },
	{ "service name of 31 characters", SCL_LEN, AF_CLUSTER, 0, 0,
	  SERVICE_31, false, false, 0 },
	{ "service of punctuation", SCL_LEN, AF_CLUSTER, 0, 0,
	  "!~#$%/:@[]{}", false, false, 0 },
	{ "longer addr_len than needed", (int)sizeof(struct sockaddr_storage),
	  AF_CLUSTER, 5, 5000, NULL, false, false, 0 },

	/* Length. */
	{ "addr_len one short", SCL_LEN - 1, AF_CLUSTER, 1, 1,
	  NULL, false, false, -EINVAL },
	{ "addr_len of sa_family_t only", (int)sizeof(sa_family_t),
	  AF_CLUSTER, 1, 1, NULL, false, false, -EINVAL },
	{ "addr_len 0", 0, AF_CLUSTER, 1, 1, NULL, false, false, -EINVAL },
	{ "addr_len -1", -1, AF_CLUSTER, 1, 1, NULL, false, false, -EINVAL },
	{ "addr_len INT_MIN", INT_MIN, AF_CLUSTER, 1, 1,
	  NULL, false, false, -EINVAL },

	/* Family. */
	{ "family AF_INET", SCL_LEN, AF_INET, 1, 1,
	  NULL, false, false, -EAFNOSUPPORT },
	{ "family AF_UNSPEC", SCL_LEN, AF_UNSPEC, 1, 1,
	  NULL, false, false, -EAFNOSUPPORT },
	{ "family in the high byte", SCL_LEN, AF_CLUSTER << 8, 1, 1,
	  NULL, false, false, -EAFNOSUPPORT },

	/* Service name. */
	{ "unterminated service", SCL_LEN, AF_CLUSTER, 0, 0,
	  NULL, true, false, -EINVAL },
	{ "service with a port", SCL_LEN, AF_CLUSTER, 0, 1,
	  "svc", false, false, -EINVAL },
	{ "service with a control char", SCL_LEN, AF_CLUSTER, 0, 0,
	  "svc\x01", false, false, -EINVAL },
	{ "service with DEL", SCL_LEN, AF_CLUSTER, 0, 0,
	  "svc\x7f", false, false, -EINVAL },
	{ "service with a high-bit byte", SCL_LEN, AF_CLUSTER, 0, 0,
	  "sv\xc3\xa9", false, false, -EINVAL },
	{ "service with a space", SCL_LEN, AF_CLUSTER, 0, 0,
	  "my svc", false, false, -EINVAL },
	{ "service with a tab", SCL_LEN, AF_CLUSTER, 0, 0,
	  "my\tsvc", false, false, -EINVAL },
};

static void addr_case_desc(const struct addr_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(addr, addr_cases, addr_case_desc);

static void addr_build(const struct addr_case *c, struct sockaddr_storage *ss)
{
	struct sockaddr_cluster *scl = (struct sockaddr_cluster *)ss;

	memset(ss, 0, sizeof(*ss));
	scl->scl_family = c->family;
	scl->scl_node = c->node;
	scl->scl_port = c->port;
	if (c->unterminated)
		memset(scl->scl_service, 'x', sizeof(scl->scl_service));
	else if (c->service)
		strscpy(scl->scl_service, c->service,
			sizeof(scl->scl_service));
	if (c->garbage_after_nul)
		memset(scl->scl_service + 1, 'g',
		       sizeof(scl->scl_service) - 1);
}

static void addr_parse_test(struct kunit *test)
{
	const struct addr_case *c = test->param_value;
	struct cluster_addr out, before;
	struct sockaddr_storage ss;
	size_t buf_len;
	void *buf;
	int err;

	addr_build(c, &ss);
	buf_len = c->addr_len > 0 ? c->addr_len : 1;
	buf = kunit_kzalloc(test, buf_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memcpy(buf, &ss, min(buf_len, sizeof(ss)));

	memset(&out, 0xa5, sizeof(out));
	before = out;

	err = cluster_addr_parse(buf, c->addr_len, AF_CLUSTER, &out);
	KUNIT_EXPECT_EQ(test, err, c->err);

	if (err) {
		/* A failed parse leaves the output alone. */
		KUNIT_EXPECT_MEMEQ(test, &out, &before, sizeof(out));
		return;
	}

	KUNIT_EXPECT_EQ(test, out.node, c->node);
	KUNIT_EXPECT_EQ(test, out.port, c->port);
	if (c->service && c->service[0]) {
		KUNIT_EXPECT_STREQ(test, out.service, c->service);
		KUNIT_EXPECT_TRUE(test, cluster_addr_is_service(&out));
	} else {
		/* Bytes after an empty service's NUL are not copied. */
		KUNIT_EXPECT_PTR_EQ(test, memchr_inv(out.service, 0,
						     sizeof(out.service)),
				    NULL);
		KUNIT_EXPECT_FALSE(test, cluster_addr_is_service(&out));
	}
}

/* The family compared is the one passed in (module parameter "family"). */
static void addr_family_param_test(struct kunit *test)
{
	struct sockaddr_cluster scl = { .scl_family = 22, .scl_node = 1 };
	struct cluster_addr out;

	KUNIT_EXPECT_EQ(test, cluster_addr_parse((struct sockaddr *)&scl,
						 sizeof(scl), 22, &out), 0);
	KUNIT_EXPECT_EQ(test, cluster_addr_parse((struct sockaddr *)&scl,
						 sizeof(scl), AF_CLUSTER,
						 &out), -EAFNOSUPPORT);
}

/* Who may be sent to: a service name, or one node and one port. */
static void addr_destination_test(struct kunit *test)
{
	struct cluster_addr a = { .node = 2, .port = 5000 };

	KUNIT_EXPECT_TRUE(test, cluster_addr_is_destination(&a));
	a.port = CLUSTER_PORT_ANY;
	KUNIT_EXPECT_FALSE(test, cluster_addr_is_destination(&a));
	a.port = 5000;
	a.node = CLUSTER_NODE_ANY;
	KUNIT_EXPECT_FALSE(test, cluster_addr_is_destination(&a));
	a.node = CLUSTER_NODE_ALL;
	KUNIT_EXPECT_FALSE(test, cluster_addr_is_destination(&a));
	/* A name stands for its providers, on any node or on all. */
	strscpy(a.service, "echo", sizeof(a.service));
	KUNIT_EXPECT_TRUE(test, cluster_addr_is_destination(&a));
	a.node = CLUSTER_NODE_ANY;
	a.port = CLUSTER_PORT_ANY;
	KUNIT_EXPECT_TRUE(test, cluster_addr_is_destination(&a));
}

static struct kunit_case addr_test_cases[] = {
	KUNIT_CASE_PARAM(addr_parse_test, addr_gen_params),
	KUNIT_CASE(addr_family_param_test),
	KUNIT_CASE(addr_destination_test),
	{}
};

static struct kunit_suite addr_test_suite = {
	.name = "af_cluster_addr",
	.test_cases = addr_test_cases,
};

/**
 * struct node_id_case - one node id and whether it names a node
 * @id: the id
 * @valid: expected cluster_node_id_valid()
 */
struct node_id_case {
	u32 id;
	bool valid;
};

static const struct node_id_case node_id_cases[] = {
	{ 0, false },		/* CLUSTER_NODE_ANY: not configured */
	{ 1, true },
	{ 0x12345678, true },
	{ 0xfffffffe, true },
	{ 0xffffffff, false },	/* CLUSTER_NODE_ALL: every node */
};

static void node_id_case_desc(const struct node_id_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "id 0x%08x", c->id);
}

KUNIT_ARRAY_PARAM(node_id, node_id_cases, node_id_case_desc);

static void node_id_test(struct kunit *test)
{
	const struct node_id_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, cluster_node_id_valid(c->id), c->valid);
}

/**
 * struct node_name_case - one node name and whether it is accepted
 * @desc: shown in the KUnit output
 * @name: the bytes, not necessarily NUL-terminated
 * @len: how many bytes of @name are passed
 * @valid: expected cluster_node_name_valid()
 */
struct node_name_case {
	const char *desc;
	const char *name;
	size_t len;
	bool valid;
};

#define NAME(s)	.name = (s), .len = sizeof(s) - 1

static const struct node_name_case node_name_cases[] = {
	{ "one letter", NAME("a"), true },
	{ "one digit", NAME("7"), true },
	{ "all allowed chars", NAME("Node-1.a_B"), true },
	{ "starts with a digit", NAME("9lives"), true },
	{ "15 chars", NAME("abcdefghijklmno"), true },
	{ "16 chars", NAME("abcdefghijklmnop"), false },
	{ "empty", NAME(""), false },
	{ "starts with '-'", NAME("-node"), false },
	{ "starts with '.'", NAME(".node"), false },
	{ "starts with '_'", NAME("_node"), false },
	{ "space", NAME("node 1"), false },
	{ "slash", NAME("node/1"), false },
	{ "colon", NAME("node:1"), false },
	{ "control char", NAME("node\n"), false },
	{ "UTF-8", NAME("no\xc3\xb6"), false },
	{ "Latin-1 letter", NAME("no\xf6"), false },
	{ "embedded NUL", NAME("ab\0cd"), false },
	{ "trailing NUL counted", NAME("node\0"), false },
};

static void node_name_case_desc(const struct node_name_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(node_name, node_name_cases, node_name_case_desc);

static void node_name_test(struct kunit *test)
{
	const struct node_name_case *c = test->param_value;
	char *buf;

	/* Exactly @len bytes and no NUL: KASAN catches a read past them. */
	buf = kunit_kmalloc(test, c->len ? c->len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memcpy(buf, c->name, c->len);

	KUNIT_EXPECT_EQ(test, cluster_node_name_valid(buf, c->len), c->valid);
}

/* The length given wins over the string: a prefix of a bad name is good. */
static void node_name_len_test(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, cluster_node_name_valid("node one", 4));
	KUNIT_EXPECT_FALSE(test, cluster_node_name_valid("node one", 5));
	KUNIT_EXPECT_FALSE(test, cluster_node_name_valid("node", 0));
	KUNIT_EXPECT_FALSE(test, cluster_node_name_valid("node", SIZE_MAX));
}

/* 16..64 bytes; 0 (clear) is the caller's business, not a secret. */
static void node_secret_len_test(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, cluster_node_secret_len_valid(0));
	KUNIT_EXPECT_FALSE(test, cluster_node_secret_len_valid(1));
	KUNIT_EXPECT_FALSE(test, cluster_node_secret_len_valid(15));
	KUNIT_EXPECT_TRUE(test, cluster_node_secret_len_valid(16));
	KUNIT_EXPECT_TRUE(test, cluster_node_secret_len_valid(32));
	KUNIT_EXPECT_TRUE(test, cluster_node_secret_len_valid(64));
	KUNIT_EXPECT_FALSE(test, cluster_node_secret_len_valid(65));
	KUNIT_EXPECT_FALSE(test, cluster_node_secret_len_valid(U16_MAX));
	KUNIT_EXPECT_FALSE(test, cluster_node_secret_len_valid(SIZE_MAX));
}

static struct kunit_case node_test_cases[] = {
	KUNIT_CASE_PARAM(node_id_test, node_id_gen_params),
	KUNIT_CASE_PARAM(node_name_test, node_name_gen_params),
	KUNIT_CASE(node_name_len_test),
	KUNIT_CASE(node_secret_len_test),
	{}
};

static struct kunit_suite node_test_suite = {
	.name = "af_cluster_node",
	.test_cases = node_test_cases,
};

kunit_test_suites(&addr_test_suite, &node_test_suite);
