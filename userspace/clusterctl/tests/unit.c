// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of clusterctl that need no kernel module: number and name
 * parsing, JSON escaping, and decoding/printing of NODE_GET and PARAM_GET
 * replies built here the way the kernel would.  node.c and param.c are
 * included to reach their statics.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "../node.c"
#include "../param.c"

static int failures;

/* The real ones live in clusterctl.c, next to main(). */
void err_msg(const char *fmt, ...)
{
	(void)fmt;
}

void warn_msg(const char *fmt, ...)
{
	(void)fmt;
}

int usage_err(const struct object *obj, const char *fmt, ...)
{
	(void)obj;
	(void)fmt;
	return EXIT_USAGE;
}

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: FAIL: %s\n",			\
			__FILE__, __LINE__, #cond);			\
		failures++;						\
	}								\
} while (0)

static void check_str(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want)) {
		fprintf(stderr, "FAIL: %s\n--- got:\n%s\n--- want:\n%s\n",
			what, got, want);
		failures++;
	}
}

static void test_parse_u32(void)
{
	uint32_t v = 0;

	CHECK(parse_u32("1", 1, 0xfffffffe, &v) && v == 1);
	CHECK(parse_u32("4294967294", 1, 0xfffffffe, &v) && v == 0xfffffffe);
	CHECK(parse_u32("0x2A", 1, 0xfffffffe, &v) && v == 42);
	CHECK(parse_u32("0Xfffffffe", 1, 0xfffffffe, &v) && v == 0xfffffffe);
	CHECK(parse_u32("010", 1, 100, &v) && v == 10);	/* not octal */
	CHECK(!parse_u32("0", 1, 0xfffffffe, &v));
	CHECK(!parse_u32("4294967295", 1, 0xfffffffe, &v));
	CHECK(!parse_u32("99999999999999999999", 1, 0xfffffffe, &v));
	CHECK(!parse_u32("", 1, 10, &v));
	CHECK(!parse_u32("0x", 1, 10, &v));
	CHECK(!parse_u32("-1", 0, 10, &v));
	CHECK(!parse_u32("+1", 0, 10, &v));
	CHECK(!parse_u32(" 1", 0, 10, &v));
	CHECK(!parse_u32("1 ", 0, 10, &v));
	CHECK(!parse_u32("12x", 0, 100, &v));
	CHECK(!parse_u32("1f", 0, 100, &v));
	CHECK(!parse_u32("0x1g", 0, 100, &v));
}

static void test_names(void)
{
	CHECK(valid_node_name("a"));
	CHECK(valid_node_name("NODE1"));
	CHECK(valid_node_name("9x.y_z-W"));
	CHECK(valid_node_name("abcdefghijklmno"));	/* 15 */
	CHECK(!valid_node_name("abcdefghijklmnop"));	/* 16 */
	CHECK(!valid_node_name(""));
	CHECK(!valid_node_name("-a"));
	CHECK(!valid_node_name(".a"));
	CHECK(!valid_node_name("_a"));
	CHECK(!valid_node_name("a b"));
	CHECK(!valid_node_name("a/b"));
	CHECK(!valid_node_name("caf\xc3\xa9"));

	CHECK(match_word("node", "node") == 2);
	CHECK(match_word("no", "node") == 1);
	CHECK(match_word("", "node") == 0);
	CHECK(match_word("nodes", "node") == 0);
}

/* Runs @fn writing to a memory stream and returns what it wrote. */
static char *capture_json(bool pretty, void (*fn)(struct json *j))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct json j;

	json_init(&j, f, pretty);
	fn(&j);
	fclose(f);
	return buf;
}

static void json_escapes(struct json *j)
{
	json_obj_open(j, NULL);
	json_str(j, "q", "a\"b\\c/d");
	json_str(j, "ctl", "\n\t\r\b\f\x01\x1f\x7f");
	json_str(j, "utf8", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	/* stray byte, overlong NUL, surrogate, truncated, > U+10FFFF */
	json_str(j, "bad",
		 "\xff|\xc0\x80|\xed\xa0\x80|\xe2\x82|\xf4\x90\x80\x80");
	json_str(j, "k\"ey", NULL);
	json_obj_close(j);
}

static void json_nested(struct json *j)
{
	json_obj_open(j, NULL);
	json_uint(j, "u", UINT64_MAX);
	json_int(j, "i", INT64_MIN);
	json_bool(j, "t", true);
	json_obj_open(j, "empty");
	json_obj_close(j);
	json_arr_open(j, "a");
	json_uint(j, NULL, 1);
	json_obj_open(j, NULL);
	json_null(j, "n");
	json_obj_close(j);
	json_arr_close(j);
	json_obj_close(j);
}

static void test_json(void)
{
	char *s;

	s = capture_json(false, json_escapes);
	check_str("json escapes", s,
		  "{\"q\":\"a\\\"b\\\\c/d\","
		  "\"ctl\":\"\\n\\t\\r\\b\\f\\u0001\\u001f\\u007f\","
		  "\"utf8\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\","
		  "\"bad\":\"\\ufffd|\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd|"
		  "\\ufffd\\ufffd|\\ufffd\\ufffd\\ufffd\\ufffd\","
		  "\"k\\\"ey\":null}\n");
	free(s);

	s = capture_json(false, json_nested);
	check_str("json compact", s,
		  "{\"u\":18446744073709551615,\"i\":-9223372036854775808,"
		  "\"t\":true,\"empty\":{},\"a\":[1,{\"n\":null}]}\n");
	free(s);

	s = capture_json(true, json_nested);
	check_str("json pretty", s,
		  "{\n"
		  "    \"u\": 18446744073709551615,\n"
		  "    \"i\": -9223372036854775808,\n"
		  "    \"t\": true,\n"
		  "    \"empty\": {},\n"
		  "    \"a\": [\n"
		  "        1,\n"
		  "        {\n"
		  "            \"n\": null\n"
		  "        }\n"
		  "    ]\n"
		  "}\n");
	free(s);
}

/* A NODE_GET reply as the kernel builds it. */
static struct nlmsghdr *node_reply(char *buf, bool named, bool unknown)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));

	nlh->nlmsg_type = 0x20;
	genl->cmd = CLUSTER_CMD_NODE_GET;
	genl->version = CLUSTER_GENL_VERSION;
	mnl_attr_put_u32(nlh, CLUSTER_A_NODE_ID, named ? 1025 : 0);
	if (named)
		mnl_attr_put_strz(nlh, CLUSTER_A_NODE_NAME, "VAX1");
	mnl_attr_put_strz(nlh, CLUSTER_A_MODULE_VERSION, "0.1.0");
	mnl_attr_put_u8(nlh, CLUSTER_A_PROTO_VERSION, 1);
	mnl_attr_put_u16(nlh, CLUSTER_A_FAMILY, AF_CLUSTER);
	mnl_attr_put_u16(nlh, CLUSTER_A_ETHERTYPE, CLUSTER_ETHERTYPE);
	mnl_attr_put_u64(nlh, CLUSTER_A_RX_UNCLAIMED, 12345678901ULL);
	mnl_attr_put_u16(nlh, CLUSTER_A_NODE_GROUP, named ? 65535 : 0);
	mnl_attr_put_u8(nlh, CLUSTER_A_NODE_SECRET_SET, named);
	mnl_attr_put_u32(nlh, CLUSTER_A_NODE_KEY_GEN, named ? 7 : 0);
	if (unknown)
		mnl_attr_put_u32(nlh, CLUSTER_A_MAX + 10, 7);
	return nlh;
}

static char *capture_node(const struct ctx *ctx, const struct node_info *info)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (ctx->json)
		node_print_json(f, ctx, info);
	else
		node_print_plain(f, ctx, info);
	fclose(f);
	return buf;
}

static void test_node(void)
{
	static char buf[4096];
	struct ctx ctx = { 0 };
	struct node_info info = { 0 };
	struct nlmsghdr *nlh;
	char *s;

	nlh = node_reply(buf, false, true);
	CHECK(node_msg_cb(nlh, &info) == MNL_CB_OK);
	s = capture_node(&ctx, &info);
	check_str("node plain unset", s,
		  "id:               not set\n"
		  "name:             not set\n"
		  "group:            not set\n"
		  "secret:           not set\n"
		  "key generation:   0\n"
		  "protocol version: 1\n"
		  "address family:   19\n"
		  "ethertype:        0x88b5\n"
		  "module version:   0.1.0\n");
	free(s);
	ctx.json = true;
	s = capture_node(&ctx, &info);
	check_str("node json unset", s,
		  "{\"id\":0,\"name\":null,\"group\":null,"
		  "\"secret_set\":false,\"key_generation\":0,"
		  "\"proto_version\":1,\"family\":19,"
		  "\"ethertype\":34997,\"module_version\":\"0.1.0\"}\n");
	free(s);

	memset(&info, 0, sizeof(info));
	nlh = node_reply(buf, true, false);
	CHECK(node_msg_cb(nlh, &info) == MNL_CB_OK);
	ctx.json = false;
	ctx.stats = true;
	s = capture_node(&ctx, &info);
	check_str("node plain stats", s,
		  "id:               1025\n"
		  "name:             VAX1\n"
		  "group:            65535\n"
		  "secret:           set\n"
		  "key generation:   7\n"
		  "protocol version: 1\n"
		  "address family:   19\n"
		  "ethertype:        0x88b5\n"
		  "module version:   0.1.0\n"
		  "rx unclaimed:     12345678901\n");
	free(s);
	ctx.json = true;
	ctx.pretty = true;
	s = capture_node(&ctx, &info);
	check_str("node json stats pretty", s,
		  "{\n"
		  "    \"id\": 1025,\n"
		  "    \"name\": \"VAX1\",\n"
		  "    \"group\": 65535,\n"
		  "    \"secret_set\": true,\n"
		  "    \"key_generation\": 7,\n"
		  "    \"proto_version\": 1,\n"
		  "    \"family\": 19,\n"
		  "    \"ethertype\": 34997,\n"
		  "    \"module_version\": \"0.1.0\",\n"
		  "    \"stats\": {\n"
		  "        \"rx_unclaimed\": 12345678901\n"
		  "    }\n"
		  "}\n");
	free(s);

	/* A u32 where a u16 belongs is a malformed reply, not garbage. */
	nlh = node_reply(buf, false, false);
	mnl_attr_put_u32(nlh, CLUSTER_A_ETHERTYPE, 1);
	CHECK(node_msg_cb(nlh, &info) == MNL_CB_ERROR);
	/* Likewise a group of 4 bytes. */
	memset(&info, 0, sizeof(info));
	nlh = node_reply(buf, false, false);
	mnl_attr_put_u32(nlh, CLUSTER_A_NODE_GROUP, 1);
	CHECK(node_msg_cb(nlh, &info) == MNL_CB_ERROR);
	/* A reply of an older module: no key attributes, no lines for them. */
	memset(&info, 0, sizeof(info));
	nlh = mnl_nlmsg_put_header(buf);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct genlmsghdr));
	mnl_attr_put_u32(nlh, CLUSTER_A_NODE_ID, 5);
	CHECK(node_msg_cb(nlh, &info) == MNL_CB_OK);
	ctx.json = false;
	ctx.stats = false;
	s = capture_node(&ctx, &info);
	check_str("node plain old module", s,
		  "id:               5\n"
		  "name:             not set\n");
	free(s);
	ctx.json = true;
	ctx.pretty = false;
	s = capture_node(&ctx, &info);
	check_str("node json old module", s,
		  "{\"id\":5,\"name\":null,\"group\":null,"
		  "\"secret_set\":null,\"key_generation\":null,"
		  "\"proto_version\":null,\"family\":null,"
		  "\"ethertype\":null,\"module_version\":null}\n");
	free(s);
}

/* A PARAM_GET reply as the kernel builds it, without handshake_timeout. */
static struct nlmsghdr *param_reply(char *buf)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	nlh->nlmsg_type = 0x20;
	genl->cmd = CLUSTER_CMD_PARAM_GET;
	genl->version = CLUSTER_GENL_VERSION;
	mnl_attr_put_u32(nlh, CLUSTER_A_PARAM_HELLO_MIN, 1600);
	mnl_attr_put_u32(nlh, CLUSTER_A_PARAM_HELLO_MAX, 3000);
	mnl_attr_put_u32(nlh, CLUSTER_A_PARAM_RESPONSE_DELAY_MAX, 0);
	mnl_attr_put_u32(nlh, CLUSTER_A_PARAM_LISTEN_TIMEOUT, 300000);
	mnl_attr_put_u32(nlh, CLUSTER_A_MAX + 10, 7);	/* from the future */
	return nlh;
}

static char *capture_param(const struct ctx *ctx, const struct param_info *info)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (ctx->json)
		param_print_json(f, ctx, info);
	else
		param_print_plain(f, info);
	fclose(f);
	return buf;
}

static void test_param(void)
{
	static char buf[4096];
	struct param_info info = { 0 };
	struct ctx ctx = { 0 };
	struct nlmsghdr *nlh;
	char *s;

	nlh = param_reply(buf);
	CHECK(param_msg_cb(nlh, &info) == MNL_CB_OK);
	s = capture_param(&ctx, &info);
	check_str("param plain", s,
		  "hello_min            1600 ms\n"
		  "hello_max            3000 ms\n"
		  "response_delay_max      0 ms\n"
		  "listen_timeout     300000 ms\n");
	free(s);
	ctx.json = true;
	s = capture_param(&ctx, &info);
	check_str("param json", s,
		  "{\"hello_min\":1600,\"hello_max\":3000,"
		  "\"response_delay_max\":0,\"listen_timeout\":300000,"
		  "\"handshake_timeout\":null}\n");
	free(s);

	/* A u16 where a u32 belongs is a malformed reply. */
	nlh = param_reply(buf);
	mnl_attr_put_u16(nlh, CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT, 1);
	CHECK(param_msg_cb(nlh, &info) == MNL_CB_ERROR);

	CHECK(param_find("hello_min") == 0);
	CHECK(param_find("handshake_timeout") == (int)N_PARAMS - 1);
	CHECK(param_find("hello") == -1);
	CHECK(param_find("HELLO_MIN") == -1);
	CHECK(param_find("") == -1);
}

int main(void)
{
	test_parse_u32();
	test_names();
	test_json();
	test_node();
	test_param();
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("unit: all checks passed\n");
	return 0;
}
