// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of clusterctl that need no kernel module: number and name
 * parsing, JSON escaping, text tables, and decoding/printing of NODE_GET,
 * PARAM_GET, ADAPTER_GET, CHANNEL_GET, PEER_GET and VC_GET replies and of
 * events built here the way the kernel would.  The object modules are
 * included to reach their statics.
 */
#define _GNU_SOURCE		/* monitor.c's ppoll() */
#include <stdarg.h>
#include <stdlib.h>

#include "../node.c"
#include "../param.c"
#include "../adapter.c"
#include "../channel.c"
#include "../peer.c"
#include "../vc.c"
#include "../monitor.c"
#include "../interval.h"

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

int usage_unexpected(const struct object *obj, const char *what,
		     const char *arg)
{
	(void)obj;
	(void)what;
	(void)arg;
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

/*
 * A PARAM_GET reply as the kernel builds it, without handshake_timeout,
 * reconnect_interval and ack_delay.
 */
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
		  "\"handshake_timeout\":null,\"reconnect_interval\":null,"
		  "\"ack_delay\":null}\n");
	free(s);

	/* Every parameter; a seven-digit value widens the value column. */
	nlh = param_reply(buf);
	mnl_attr_put_u32(nlh, CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT, 5000);
	mnl_attr_put_u32(nlh, CLUSTER_A_PARAM_RECONNECT_INTERVAL, 3600000);
	mnl_attr_put_u32(nlh, CLUSTER_A_PARAM_ACK_DELAY, 0);
	memset(&info, 0, sizeof(info));
	CHECK(param_msg_cb(nlh, &info) == MNL_CB_OK);
	s = capture_param(&ctx, &info);
	check_str("param json, all", s,
		  "{\"hello_min\":1600,\"hello_max\":3000,"
		  "\"response_delay_max\":0,\"listen_timeout\":300000,"
		  "\"handshake_timeout\":5000,\"reconnect_interval\":3600000,"
		  "\"ack_delay\":0}\n");
	free(s);
	ctx.json = false;
	s = capture_param(&ctx, &info);
	check_str("param plain, all", s,
		  "hello_min             1600 ms\n"
		  "hello_max             3000 ms\n"
		  "response_delay_max       0 ms\n"
		  "listen_timeout      300000 ms\n"
		  "handshake_timeout     5000 ms\n"
		  "reconnect_interval 3600000 ms\n"
		  "ack_delay                0 ms\n");
	free(s);
	info.value[N_PARAMS - 2] = 20000;
	s = capture_param(&ctx, &info);
	check_str("param plain, defaults of the new two", s,
		  "hello_min            1600 ms\n"
		  "hello_max            3000 ms\n"
		  "response_delay_max      0 ms\n"
		  "listen_timeout     300000 ms\n"
		  "handshake_timeout    5000 ms\n"
		  "reconnect_interval  20000 ms\n"
		  "ack_delay               0 ms\n");
	free(s);

	/* A u16 where a u32 belongs is a malformed reply. */
	nlh = param_reply(buf);
	mnl_attr_put_u16(nlh, CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT, 1);
	CHECK(param_msg_cb(nlh, &info) == MNL_CB_ERROR);

	CHECK(param_find("hello_min") == 0);
	CHECK(param_find("handshake_timeout") == 4);
	CHECK(param_find("reconnect_interval") == (int)N_PARAMS - 2);
	CHECK(param_find("ack_delay") == (int)N_PARAMS - 1);
	CHECK(param_find("hello") == -1);
	CHECK(param_find("HELLO_MIN") == -1);
	CHECK(param_find("") == -1);
}

static void test_ifname(void)
{
	CHECK(valid_ifname("eth0"));
	CHECK(valid_ifname("a"));
	CHECK(valid_ifname("enp0s31f6.100"));
	CHECK(valid_ifname("0123456789abcde"));		/* 15 */
	CHECK(valid_ifname("caf\xc3\xa9"));
	CHECK(!valid_ifname("0123456789abcdef"));	/* 16 */
	CHECK(!valid_ifname(""));
	CHECK(!valid_ifname("."));
	CHECK(!valid_ifname(".."));
	CHECK(valid_ifname("..."));
	CHECK(!valid_ifname("a/b"));
	CHECK(!valid_ifname("eth0:1"));
	CHECK(!valid_ifname("a b"));
	CHECK(!valid_ifname("a\tb"));
	CHECK(!valid_ifname("a\nb"));
	CHECK(!valid_ifname("a\vb"));
	CHECK(!valid_ifname("\xc3\xa0"));	/* the kernel's isspace(0xa0) */
}

static void test_format(void)
{
	static const uint8_t mac1[MAC_LEN] = { 0xaa, 0x00, 0x04, 0x00, 0x01, 0x04 };
	static const uint8_t mac2[MAC_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const char *const names[] = { [1] = "down", [2] = "up" };
	char buf[SHOW_VAL_LEN], mac[MAC_STR_LEN];

	fmt_mac(mac, mac1);
	check_str("mac", mac, "aa:00:04:00:01:04");
	fmt_mac(mac, mac2);
	check_str("mac ff", mac, "ff:ff:ff:ff:ff:ff");

	check_str("enum 1", enum_name(names, 3, 1, buf), "down");
	check_str("enum 2", enum_name(names, 3, 2, buf), "up");
	check_str("enum hole", enum_name(names, 3, 0, buf), "unknown(0)");
	check_str("enum past", enum_name(names, 3, 3, buf), "unknown(3)");
	check_str("enum big", enum_name(names, 3, 255, buf), "unknown(255)");

	fmt_usec(buf, 0);
	check_str("usec 0", buf, "0us");
	fmt_usec(buf, 87);
	check_str("usec 87", buf, "87us");
	fmt_usec(buf, 999);
	check_str("usec 999", buf, "999us");
	fmt_usec(buf, 1000);
	check_str("usec 1000", buf, "1.0ms");
	fmt_usec(buf, 1299);
	check_str("usec 1299", buf, "1.2ms");
	fmt_usec(buf, 340567);
	check_str("usec 340567", buf, "340.5ms");
	fmt_usec(buf, 999999);
	check_str("usec 999999", buf, "999.9ms");
	fmt_usec(buf, 2050000);
	check_str("usec 2050000", buf, "2.0s");
	fmt_usec(buf, UINT32_MAX);
	check_str("usec max", buf, "4294.9s");

	fmt_uptime(buf, 0);
	check_str("uptime 0", buf, "0s");
	fmt_uptime(buf, 42999);
	check_str("uptime 42s", buf, "42s");
	fmt_uptime(buf, 60000);
	check_str("uptime 1m", buf, "1m00s");
	fmt_uptime(buf, 307000);
	check_str("uptime 5m07s", buf, "5m07s");
	fmt_uptime(buf, 3599999);
	check_str("uptime 59m59s", buf, "59m59s");
	fmt_uptime(buf, 3600000);
	check_str("uptime 1h", buf, "1h00m");
	fmt_uptime(buf, (3 * 3600 + 2 * 60 + 59) * 1000ULL);
	check_str("uptime 3h02m", buf, "3h02m");
	fmt_uptime(buf, (12 * 86400 + 4 * 3600 + 59 * 60) * 1000ULL);
	check_str("uptime 12d04h", buf, "12d04h");
	fmt_uptime(buf, UINT64_MAX);
	check_str("uptime max", buf, "213503982334d14h");
}

static void test_table(void)
{
	static const struct table_col cols[] = {
		{ "NAME", false }, { "N", true }, { "LAST", false },
	};
	struct show_pair p[4];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct table t;

	table_init(&t, cols, 3);
	table_add(&t, "a");
	table_addf(&t, "%d", 12345);
	table_add(&t, NULL);
	table_add(&t, "caf\xc3\xa9-long");	/* 9 columns, 10 bytes */
	table_add(&t, "7");
	table_add(&t, "x");
	table_print(&t, f);
	table_free(&t);
	/* Empty: the header alone. */
	table_init(&t, cols, 3);
	table_print(&t, f);
	table_free(&t);
	fclose(f);
	check_str("table", buf,
		  "NAME           N  LAST\n"
		  "a          12345  -\n"
		  "caf\xc3\xa9-long      7  x\n"
		  "NAME  N  LAST\n");
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	show_pair_u64(&p[0], "alpha", true, 1);
	show_pair_u64(&p[1], "beta", false, 2);
	show_pair_u64(&p[2], "gamma", true, UINT64_MAX);
	show_pair_u64(&p[3], "delta", true, 0);
	print_pairs(f, 4, NULL, p, 4, 80);
	print_pairs(f, 2, "label:", p, 4, 40);
	print_pairs(f, 2, "none:", p, 0, 40);
	/* A pair longer than the line still gets printed, alone. */
	print_pairs(f, 0, NULL, p + 2, 2, 10);
	fclose(f);
	check_str("pairs", buf,
		  "    alpha 1  beta -  gamma 18446744073709551615  delta 0\n"
		  "  label: alpha 1  beta -\n"
		  "         gamma 18446744073709551615\n"
		  "         delta 0\n"
		  "  none:\n"
		  "gamma 18446744073709551615\n"
		  "delta 0\n");
	free(buf);
}

/* A reply message of @cmd as the kernel starts it. */
static struct nlmsghdr *reply_start(char *buf, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	nlh->nlmsg_type = 0x20;
	nlh->nlmsg_flags = NLM_F_MULTI;
	genl->cmd = cmd;
	genl->version = CLUSTER_GENL_VERSION;
	return nlh;
}

static void put_drop(struct nlmsghdr *nlh, const char *reason, uint64_t n)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_ADAPTER_A_DROP);

	if (reason)
		mnl_attr_put_strz(nlh, CLUSTER_DROP_A_REASON, reason);
	mnl_attr_put_u64(nlh, CLUSTER_DROP_A_COUNT, n);
	mnl_attr_put_u32(nlh, CLUSTER_DROP_A_MAX + 5, 1);	/* future */
	mnl_attr_nest_end(nlh, nest);
}

/* One adapter of a dump: every attribute if @full, else name and index. */
static struct nlmsghdr *adapter_reply(char *buf, const char *name,
				      uint32_t ifindex, bool full)
{
	static const uint8_t mac[MAC_LEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	struct nlmsghdr *nlh = reply_start(buf, CLUSTER_CMD_ADAPTER_GET);
	struct nlattr *nest;

	mnl_attr_put_u32(nlh, CLUSTER_A_MAX + 7, 1);	/* future, top level */
	nest = mnl_attr_nest_start(nlh, CLUSTER_A_ADAPTER);
	mnl_attr_put_u32(nlh, CLUSTER_ADAPTER_A_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, CLUSTER_ADAPTER_A_IFNAME, name);
	if (full) {
		mnl_attr_put(nlh, CLUSTER_ADAPTER_A_MAC, MAC_LEN, mac);
		mnl_attr_put_u32(nlh, CLUSTER_ADAPTER_A_MTU, 1500);
		mnl_attr_put_u8(nlh, CLUSTER_ADAPTER_A_PRIORITY, 127);
		mnl_attr_put_u8(nlh, CLUSTER_ADAPTER_A_STATE,
				CLUSTER_ADAPTER_UNCONFIGURED);
		mnl_attr_put_u32(nlh, CLUSTER_ADAPTER_A_CHANNELS, 3);
		mnl_attr_put_u64(nlh, CLUSTER_ADAPTER_A_HELLO_TX, 1200);
		mnl_attr_put_u64(nlh, CLUSTER_ADAPTER_A_HELLO_RX, 2400);
		mnl_attr_put_u64(nlh, CLUSTER_ADAPTER_A_RX_FRAMES, 56789);
		mnl_attr_put_u64(nlh, CLUSTER_ADAPTER_A_TX_FRAMES, 56000);
		mnl_attr_put_u64(nlh, CLUSTER_ADAPTER_A_TX_ERRORS, 0);
		put_drop(nlh, "truncated", 0);
		put_drop(nlh, "wrong_group", 10);
		put_drop(nlh, "no_channel", 2);
		put_drop(nlh, NULL, 99);		/* no reason: ignored */
		put_drop(nlh, "wrong_group", 5);	/* repeated: adds up */
		mnl_attr_put_u32(nlh, CLUSTER_ADAPTER_A_MAX + 3, 9); /* future */
	}
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static char *capture_adapters(const struct ctx *ctx,
			      const struct nest_list *list)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (ctx->json)
		show_print_json_list(f, ctx, list, adapter_json_one);
	else
		adapter_print_plain(f, ctx, list);
	fclose(f);
	return buf;
}

static void test_adapter(void)
{
	static char buf[4096];
	struct nest_list list = NEST_LIST(CLUSTER_A_ADAPTER, sizeof(struct adapter_info),
					  adapter_attr_cb);
	struct ctx ctx = { 0 };
	struct nlmsghdr *nlh;
	struct json j;
	char *s;
	size_t len = 0;
	FILE *f;

	/* A dump of two, out of order: shown by ifindex. */
	nlh = adapter_reply(buf, "enp0s31f6", 7, true);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	nlh = adapter_reply(buf, "eth1", 3, false);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	/* A message without an adapter nest adds nothing. */
	nlh = reply_start(buf, CLUSTER_CMD_ADAPTER_GET);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	CHECK(list.n == 2);
	CHECK(((struct adapter_info *)nest_list_at(&list, 0))->ndrops == 3);
	nest_list_sort(&list, adapter_cmp);

	s = capture_adapters(&ctx, &list);
	check_str("adapter plain", s,
		  "ADAPTER    INDEX  MAC                 MTU  PRIO  STATE         CHANNELS\n"
		  "eth1           3  -                     -     -  -                    -\n"
		  "enp0s31f6      7  52:54:00:12:34:56  1500   127  unconfigured         3\n");
	free(s);
	ctx.stats = true;
	s = capture_adapters(&ctx, &list);
	check_str("adapter plain stats", s,
		  "ADAPTER    INDEX  MAC                 MTU  PRIO  STATE         CHANNELS\n"
		  "eth1           3  -                     -     -  -                    -\n"
		  "enp0s31f6      7  52:54:00:12:34:56  1500   127  unconfigured         3\n"
		  "\n"
		  "eth1:\n"
		  "    hellos_tx -  hellos_rx -  rx_frames -  tx_frames -  tx_errors -\n"
		  "    drops: none\n"
		  "enp0s31f6:\n"
		  "    hellos_tx 1200  hellos_rx 2400  rx_frames 56789  tx_frames 56000\n"
		  "    tx_errors 0\n"
		  "    drops: wrong_group 15  no_channel 2\n");
	free(s);
	ctx.json = true;
	s = capture_adapters(&ctx, &list);
	check_str("adapter json stats", s,
		  "[{\"name\":\"eth1\",\"ifindex\":3,\"mac\":null,\"mtu\":null,"
		  "\"priority\":null,\"state\":null,\"channels\":null,"
		  "\"stats\":{\"hellos_tx\":null,\"hellos_rx\":null,"
		  "\"rx_frames\":null,\"tx_frames\":null,\"tx_errors\":null,"
		  "\"drops\":{}}},"
		  "{\"name\":\"enp0s31f6\",\"ifindex\":7,"
		  "\"mac\":\"52:54:00:12:34:56\",\"mtu\":1500,\"priority\":127,"
		  "\"state\":\"unconfigured\",\"channels\":3,"
		  "\"stats\":{\"hellos_tx\":1200,\"hellos_rx\":2400,"
		  "\"rx_frames\":56789,\"tx_frames\":56000,\"tx_errors\":0,"
		  "\"drops\":{\"truncated\":0,\"wrong_group\":15,"
		  "\"no_channel\":2}}}]\n");
	free(s);
	ctx.stats = false;
	s = capture_adapters(&ctx, &list);
	check_str("adapter json", s,
		  "[{\"name\":\"eth1\",\"ifindex\":3,\"mac\":null,\"mtu\":null,"
		  "\"priority\":null,\"state\":null,\"channels\":null},"
		  "{\"name\":\"enp0s31f6\",\"ifindex\":7,"
		  "\"mac\":\"52:54:00:12:34:56\",\"mtu\":1500,\"priority\":127,"
		  "\"state\":\"unconfigured\",\"channels\":3}]\n");
	free(s);

	/* The drops object alone, pretty. */
	s = NULL;
	f = open_memstream(&s, &len);
	json_init(&j, f, true);
	json_obj_open(&j, NULL);
	adapter_json_drops(&j, nest_list_at(&list, 1));
	adapter_json_drops(&j, nest_list_at(&list, 0));
	json_obj_close(&j);
	fclose(f);
	check_str("adapter json drops", s,
		  "{\n"
		  "    \"drops\": {\n"
		  "        \"truncated\": 0,\n"
		  "        \"wrong_group\": 15,\n"
		  "        \"no_channel\": 2\n"
		  "    },\n"
		  "    \"drops\": {}\n"
		  "}\n");
	free(s);
	adapter_list_free(&list);

	/* No adapter: a header, or an empty array; -s adds nothing. */
	ctx.stats = true;
	ctx.json = false;
	s = capture_adapters(&ctx, &list);
	check_str("adapter plain empty", s,
		  "ADAPTER  INDEX  MAC  MTU  PRIO  STATE  CHANNELS\n");
	free(s);
	ctx.json = true;
	s = capture_adapters(&ctx, &list);
	check_str("adapter json empty", s, "[]\n");
	free(s);

	/* A state of a newer module. */
	nlh = reply_start(buf, CLUSTER_CMD_ADAPTER_GET);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_ADAPTER);

		mnl_attr_put_u8(nlh, CLUSTER_ADAPTER_A_STATE, 9);
		mnl_attr_nest_end(nlh, nest);
	}
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	ctx.stats = false;
	s = capture_adapters(&ctx, &list);
	check_str("adapter json unknown state", s,
		  "[{\"name\":null,\"ifindex\":null,\"mac\":null,\"mtu\":null,"
		  "\"priority\":null,\"state\":\"unknown(9)\",\"channels\":null}]\n");
	free(s);
	adapter_list_free(&list);

	/* Wrong sizes are malformed replies. */
	nlh = adapter_reply(buf, "eth0", 2, false);
	mnl_attr_put_u16(nlh, CLUSTER_A_ADAPTER, 0);	/* not a nest */
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_ERROR);
	adapter_list_free(&list);
	nlh = reply_start(buf, CLUSTER_CMD_ADAPTER_GET);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_ADAPTER);

		mnl_attr_put(nlh, CLUSTER_ADAPTER_A_MAC, 4, "abcd");
		mnl_attr_nest_end(nlh, nest);
	}
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_ERROR);
	adapter_list_free(&list);
	nlh = reply_start(buf, CLUSTER_CMD_ADAPTER_GET);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_ADAPTER);
		struct nlattr *drop = mnl_attr_nest_start(nlh,
							  CLUSTER_ADAPTER_A_DROP);

		mnl_attr_put_strz(nlh, CLUSTER_DROP_A_REASON, "bad_type");
		mnl_attr_put_u32(nlh, CLUSTER_DROP_A_COUNT, 1);
		mnl_attr_nest_end(nlh, drop);
		mnl_attr_nest_end(nlh, nest);
	}
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_ERROR);
	adapter_list_free(&list);
	nlh = reply_start(buf, CLUSTER_CMD_ADAPTER_GET);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_ADAPTER);

		mnl_attr_put_u32(nlh, CLUSTER_ADAPTER_A_PRIORITY, 1);
		mnl_attr_nest_end(nlh, nest);
	}
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_ERROR);
	adapter_list_free(&list);

	/* Sorting by index, then name. */
	{
		struct adapter_info a = { .ifindex = 2, .name = "b" };
		struct adapter_info b = { .ifindex = 2, .name = "a" };
		struct adapter_info c = { .ifindex = 10 };

		CHECK(adapter_cmp(&a, &b) > 0);
		CHECK(adapter_cmp(&b, &c) < 0);
		CHECK(adapter_cmp(&c, &a) > 0);
		CHECK(adapter_cmp(&a, &a) == 0);
	}
}

struct req_seen {
	char ifname[IFNAMSIZ + 4];
	size_t ifname_len;	/* payload bytes, NUL included */
	int prio;		/* -1: none */
	int others;		/* attributes we did not ask for */
};

static int req_nested_cb(const struct nlattr *attr, void *arg)
{
	struct req_seen *r = arg;

	switch (mnl_attr_get_type(attr)) {
	case CLUSTER_ADAPTER_A_IFNAME:
		r->ifname_len = mnl_attr_get_payload_len(attr);
		nl_attr_strcpy(attr, r->ifname, sizeof(r->ifname));
		break;
	case CLUSTER_ADAPTER_A_PRIORITY:
		r->prio = mnl_attr_get_payload_len(attr) == 1 ?
			  mnl_attr_get_u8(attr) : -2;
		break;
	default:
		r->others++;
	}
	return MNL_CB_OK;
}

static int req_top_cb(const struct nlattr *attr, void *arg)
{
	struct req_seen *r = arg;

	if (mnl_attr_get_type(attr) != CLUSTER_A_ADAPTER) {
		r->others++;
		return MNL_CB_OK;
	}
	return mnl_attr_parse_nested(attr, req_nested_cb, r);
}

/* The requests of "adapter add/del/show DEV", as the kernel reads them. */
static void test_adapter_request(void)
{
	static struct nl nl;
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;
	struct req_seen r;

	nl.family = 0x1234;
	nl.version = CLUSTER_GENL_VERSION;

	memset(&r, 0, sizeof(r));
	nlh = adapter_request(&nl, CLUSTER_CMD_ADAPTER_ADD, "0123456789abcde",
			      127);
	genl = mnl_nlmsg_get_payload(nlh);
	CHECK(nlh->nlmsg_type == 0x1234);
	CHECK(nlh->nlmsg_flags == (NLM_F_REQUEST | NLM_F_ACK));
	CHECK(genl->cmd == CLUSTER_CMD_ADAPTER_ADD);
	CHECK(genl->version == CLUSTER_GENL_VERSION);
	CHECK(mnl_attr_parse(nlh, sizeof(*genl), req_top_cb, &r) == MNL_CB_OK);
	check_str("add ifname", r.ifname, "0123456789abcde");
	CHECK(r.ifname_len == 16);
	CHECK(r.prio == 127);
	CHECK(r.others == 0);

	memset(&r, 0, sizeof(r));
	nlh = adapter_request(&nl, CLUSTER_CMD_ADAPTER_ADD, "eth0", 0);
	CHECK(mnl_attr_parse(nlh, sizeof(*genl), req_top_cb, &r) == MNL_CB_OK);
	CHECK(r.prio == 0);

	memset(&r, 0, sizeof(r));
	r.prio = -1;
	nlh = adapter_request(&nl, CLUSTER_CMD_ADAPTER_DEL, "eth0", -1);
	genl = mnl_nlmsg_get_payload(nlh);
	CHECK(genl->cmd == CLUSTER_CMD_ADAPTER_DEL);
	CHECK(mnl_attr_parse(nlh, sizeof(*genl), req_top_cb, &r) == MNL_CB_OK);
	check_str("del ifname", r.ifname, "eth0");
	CHECK(r.ifname_len == 5);
	CHECK(r.prio == -1);
	CHECK(r.others == 0);

	memset(&r, 0, sizeof(r));
	r.prio = -1;
	nlh = adapter_request(&nl, CLUSTER_CMD_ADAPTER_GET, "eth1", -1);
	genl = mnl_nlmsg_get_payload(nlh);
	CHECK(genl->cmd == CLUSTER_CMD_ADAPTER_GET);
	CHECK(!(nlh->nlmsg_flags & NLM_F_DUMP));
	CHECK(mnl_attr_parse(nlh, sizeof(*genl), req_top_cb, &r) == MNL_CB_OK);
	check_str("get ifname", r.ifname, "eth1");
	CHECK(r.prio == -1);
	CHECK(r.others == 0);
}

/* One channel of a dump; every attribute if @full. */
static struct nlmsghdr *channel_reply(char *buf, const char *ifname,
				      uint32_t ifindex, uint32_t node,
				      uint8_t mac_last, bool full)
{
	static const uint8_t lmac[MAC_LEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
	uint8_t rmac[MAC_LEN] = { 0xaa, 0x00, 0x04, 0x00, 0x01, mac_last };
	struct nlmsghdr *nlh = reply_start(buf, CLUSTER_CMD_CHANNEL_GET);
	struct nlattr *nest;
	uint16_t a;

	nest = mnl_attr_nest_start(nlh, CLUSTER_A_CHANNEL);
	mnl_attr_put_u32(nlh, CLUSTER_CHANNEL_A_LOCAL_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, CLUSTER_CHANNEL_A_LOCAL_IFNAME, ifname);
	mnl_attr_put_u32(nlh, CLUSTER_CHANNEL_A_REMOTE_NODE, node);
	mnl_attr_put(nlh, CLUSTER_CHANNEL_A_REMOTE_MAC, MAC_LEN, rmac);
	if (full) {
		mnl_attr_put(nlh, CLUSTER_CHANNEL_A_LOCAL_MAC, MAC_LEN, lmac);
		mnl_attr_put_strz(nlh, CLUSTER_CHANNEL_A_REMOTE_NAME, "VAX1");
		mnl_attr_put_u8(nlh, CLUSTER_CHANNEL_A_STATE,
				CLUSTER_CHANNEL_OPEN);
		mnl_attr_put_u32(nlh, CLUSTER_CHANNEL_A_RTT_US, 115);
		mnl_attr_put_u32(nlh, CLUSTER_CHANNEL_A_MTU, 1500);
		mnl_attr_put_u64(nlh, CLUSTER_CHANNEL_A_UPTIME_MS, 7980000);
		for (a = CLUSTER_CHANNEL_A_HELLO_RX;
		     a <= CLUSTER_CHANNEL_A_RESTARTS; a++)
			mnl_attr_put_u64(nlh, a, 1000 + a);
		mnl_attr_put_u32(nlh, CLUSTER_CHANNEL_A_MAX + 1, 1); /* future */
	} else {
		/* Heard, not handshaken: no name, no RTT, no uptime yet. */
		mnl_attr_put_strz(nlh, CLUSTER_CHANNEL_A_REMOTE_NAME, "");
		mnl_attr_put_u8(nlh, CLUSTER_CHANNEL_A_STATE,
				CLUSTER_CHANNEL_RESPONSE_WAIT);
		mnl_attr_put_u32(nlh, CLUSTER_CHANNEL_A_RTT_US, 0);
		mnl_attr_put_u64(nlh, CLUSTER_CHANNEL_A_UPTIME_MS, 0);
	}
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static char *capture_channels(const struct ctx *ctx,
			      const struct nest_list *list)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (ctx->json)
		show_print_json_list(f, ctx, list, channel_json_one);
	else
		channel_print_plain(f, ctx, list);
	fclose(f);
	return buf;
}

static void test_channel(void)
{
	static const char *const states[] = {
		"closed", "response-wait", "ccstart-sent", "verf-sent", "open",
	};
	static char buf[4096];
	struct nest_list list = NEST_LIST(CLUSTER_A_CHANNEL, sizeof(struct channel_info),
					  channel_attr_cb);
	struct ctx ctx = { 0 };
	struct nlmsghdr *nlh;
	char sbuf[SHOW_VAL_LEN];
	unsigned int i;
	char *s;

	nlh = channel_reply(buf, "eth1", 3, 1025, 0x05, true);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	nlh = channel_reply(buf, "eth1", 3, 1025, 0x04, false);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	nlh = channel_reply(buf, "eth0", 2, 4294967294U, 0x06, true);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	CHECK(list.n == 3);
	nest_list_sort(&list, channel_cmp);

	s = capture_channels(&ctx, &list);
	check_str("channel plain", s,
		  "ADAPTER        NODE  NAME  REMOTE MAC         STATE            RTT   MTU  UPTIME\n"
		  "eth0     4294967294  VAX1  aa:00:04:00:01:06  open           115us  1500   2h13m\n"
		  "eth1           1025  -     aa:00:04:00:01:04  response-wait      -     -       -\n"
		  "eth1           1025  VAX1  aa:00:04:00:01:05  open           115us  1500   2h13m\n");
	free(s);
	ctx.stats = true;
	s = capture_channels(&ctx, &list);
	check_str("channel plain stats", s,
		  "ADAPTER        NODE  NAME  REMOTE MAC         STATE            RTT   MTU  UPTIME\n"
		  "eth0     4294967294  VAX1  aa:00:04:00:01:06  open           115us  1500   2h13m\n"
		  "eth1           1025  -     aa:00:04:00:01:04  response-wait      -     -       -\n"
		  "eth1           1025  VAX1  aa:00:04:00:01:05  open           115us  1500   2h13m\n"
		  "\n"
		  "eth0 to node 4294967294 (VAX1) at aa:00:04:00:01:06:\n"
		  "    hellos_rx 1011  keepalives_tx 1012  keepalives_rx 1013  handshakes_ok 1014\n"
		  "    handshakes_failed 1015  handshake_timeouts 1016  listen_timeouts 1017\n"
		  "    byes_rx 1018  restarts 1019\n"
		  "eth1 to node 1025 at aa:00:04:00:01:04:\n"
		  "    hellos_rx -  keepalives_tx -  keepalives_rx -  handshakes_ok -\n"
		  "    handshakes_failed -  handshake_timeouts -  listen_timeouts -  byes_rx -\n"
		  "    restarts -\n"
		  "eth1 to node 1025 (VAX1) at aa:00:04:00:01:05:\n"
		  "    hellos_rx 1011  keepalives_tx 1012  keepalives_rx 1013  handshakes_ok 1014\n"
		  "    handshakes_failed 1015  handshake_timeouts 1016  listen_timeouts 1017\n"
		  "    byes_rx 1018  restarts 1019\n");
	free(s);
	ctx.json = true;
	ctx.stats = false;
	s = capture_channels(&ctx, &list);
	check_str("channel json", s,
		  "[{\"local_adapter\":\"eth0\",\"local_ifindex\":2,"
		  "\"local_mac\":\"52:54:00:12:34:56\","
		  "\"remote_node\":4294967294,\"remote_name\":\"VAX1\","
		  "\"remote_mac\":\"aa:00:04:00:01:06\",\"state\":\"open\","
		  "\"rtt_us\":115,\"mtu\":1500,\"uptime_ms\":7980000},"
		  "{\"local_adapter\":\"eth1\",\"local_ifindex\":3,"
		  "\"local_mac\":null,\"remote_node\":1025,\"remote_name\":null,"
		  "\"remote_mac\":\"aa:00:04:00:01:04\","
		  "\"state\":\"response-wait\",\"rtt_us\":null,\"mtu\":null,"
		  "\"uptime_ms\":0},"
		  "{\"local_adapter\":\"eth1\",\"local_ifindex\":3,"
		  "\"local_mac\":\"52:54:00:12:34:56\","
		  "\"remote_node\":1025,\"remote_name\":\"VAX1\","
		  "\"remote_mac\":\"aa:00:04:00:01:05\",\"state\":\"open\","
		  "\"rtt_us\":115,\"mtu\":1500,\"uptime_ms\":7980000}]\n");
	free(s);
	ctx.stats = true;
	ctx.pretty = true;
	list.n = 1;
	s = capture_channels(&ctx, &list);
	check_str("channel json stats pretty", s,
		  "[\n"
		  "    {\n"
		  "        \"local_adapter\": \"eth0\",\n"
		  "        \"local_ifindex\": 2,\n"
		  "        \"local_mac\": \"52:54:00:12:34:56\",\n"
		  "        \"remote_node\": 4294967294,\n"
		  "        \"remote_name\": \"VAX1\",\n"
		  "        \"remote_mac\": \"aa:00:04:00:01:06\",\n"
		  "        \"state\": \"open\",\n"
		  "        \"rtt_us\": 115,\n"
		  "        \"mtu\": 1500,\n"
		  "        \"uptime_ms\": 7980000,\n"
		  "        \"stats\": {\n"
		  "            \"hellos_rx\": 1011,\n"
		  "            \"keepalives_tx\": 1012,\n"
		  "            \"keepalives_rx\": 1013,\n"
		  "            \"handshakes_ok\": 1014,\n"
		  "            \"handshakes_failed\": 1015,\n"
		  "            \"handshake_timeouts\": 1016,\n"
		  "            \"listen_timeouts\": 1017,\n"
		  "            \"byes_rx\": 1018,\n"
		  "            \"restarts\": 1019\n"
		  "        }\n"
		  "    }\n"
		  "]\n");
	free(s);
	nest_list_free(&list);

	/* Every state has its documented name; newer ones a number. */
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		check_str("channel state",
			  enum_name(channel_states, sizeof(channel_states) /
				    sizeof(channel_states[0]), i, sbuf),
			  states[i]);
	check_str("channel state new",
		  enum_name(channel_states, sizeof(channel_states) /
			    sizeof(channel_states[0]), 5, sbuf), "unknown(5)");

	/* Wrong sizes are malformed replies. */
	nlh = reply_start(buf, CLUSTER_CMD_CHANNEL_GET);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_CHANNEL);

		mnl_attr_put_u32(nlh, CLUSTER_CHANNEL_A_UPTIME_MS, 1);
		mnl_attr_nest_end(nlh, nest);
	}
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_ERROR);
	nest_list_free(&list);

	/* Empty. */
	ctx.json = false;
	s = capture_channels(&ctx, &list);
	check_str("channel plain empty", s,
		  "ADAPTER  NODE  NAME  REMOTE MAC  STATE  RTT  MTU  UPTIME\n");
	free(s);
}

static struct nlmsghdr *peer_reply(char *buf, uint32_t id, const char *name,
				   uint8_t state, uint32_t open, uint32_t total)
{
	struct nlmsghdr *nlh = reply_start(buf, CLUSTER_CMD_PEER_GET);
	struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_PEER);

	mnl_attr_put_u32(nlh, CLUSTER_PEER_A_ID, id);
	if (name)
		mnl_attr_put_strz(nlh, CLUSTER_PEER_A_NAME, name);
	mnl_attr_put_u8(nlh, CLUSTER_PEER_A_STATE, state);
	mnl_attr_put_u32(nlh, CLUSTER_PEER_A_CHANNELS, open);
	if (total != UINT32_MAX)
		mnl_attr_put_u32(nlh, CLUSTER_PEER_A_CHANNELS_TOTAL, total);
	mnl_attr_put_u32(nlh, CLUSTER_PEER_A_MAX + 1, 1);	/* future */
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static char *capture_peers(const struct ctx *ctx, const struct nest_list *list)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (ctx->json)
		show_print_json_list(f, ctx, list, peer_json_one);
	else
		peer_print_plain(f, list);
	fclose(f);
	return buf;
}

static void test_peer(void)
{
	static char buf[4096];
	struct nest_list list = NEST_LIST(CLUSTER_A_PEER, sizeof(struct peer_info),
					  peer_attr_cb);
	struct ctx ctx = { 0 };
	struct nlmsghdr *nlh;
	char *s;

	nlh = peer_reply(buf, 1026, "VAX2", CLUSTER_PEER_DOWN, 0, 1);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	nlh = peer_reply(buf, 7, "", CLUSTER_PEER_UP, 2, UINT32_MAX);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	nlh = peer_reply(buf, 1025, "VAX1", CLUSTER_PEER_UP, 2, 3);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	nlh = peer_reply(buf, 9, NULL, 3, 0, 0);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	CHECK(list.n == 4);
	nest_list_sort(&list, peer_cmp);

	s = capture_peers(&ctx, &list);
	check_str("peer plain", s,
		  "  ID  NAME  STATE       CHANNELS\n"
		  "   7  -     up               2/-\n"
		  "   9  -     unknown(3)       0/0\n"
		  "1025  VAX1  up               2/3\n"
		  "1026  VAX2  down             0/1\n");
	free(s);
	ctx.json = true;
	s = capture_peers(&ctx, &list);
	check_str("peer json", s,
		  "[{\"id\":7,\"name\":null,\"state\":\"up\",\"channels\":2,"
		  "\"channels_total\":null},"
		  "{\"id\":9,\"name\":null,\"state\":\"unknown(3)\","
		  "\"channels\":0,\"channels_total\":0},"
		  "{\"id\":1025,\"name\":\"VAX1\",\"state\":\"up\","
		  "\"channels\":2,\"channels_total\":3},"
		  "{\"id\":1026,\"name\":\"VAX2\",\"state\":\"down\","
		  "\"channels\":0,\"channels_total\":1}]\n");
	free(s);
	nest_list_free(&list);

	s = capture_peers(&ctx, &list);
	check_str("peer json empty", s, "[]\n");
	free(s);

	/* A u8 id is a malformed reply. */
	nlh = reply_start(buf, CLUSTER_CMD_PEER_GET);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_PEER);

		mnl_attr_put_u8(nlh, CLUSTER_PEER_A_ID, 1);
		mnl_attr_nest_end(nlh, nest);
	}
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_ERROR);
	nest_list_free(&list);
}

/* One VC of a dump; every attribute if @full. */
static struct nlmsghdr *vc_reply(char *buf, uint32_t node, bool full)
{
	struct nlmsghdr *nlh = reply_start(buf, CLUSTER_CMD_VC_GET);
	struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_VC);
	uint16_t a;

	mnl_attr_put_u32(nlh, CLUSTER_VC_A_REMOTE_NODE, node);
	if (full) {
		mnl_attr_put_u8(nlh, CLUSTER_VC_A_STATE, CLUSTER_VC_OPEN);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_CHANNELS, 2);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_CWND, 17);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_SSTHRESH, 32);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_CWND_MAX, 256);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_SRTT_US, 1234);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_RTTVAR_US, 300);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_RTO_US, 10000);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_PEER_RESEQ, 256);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_UNIT, 1466);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_IN_FLIGHT, 5);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_QUEUED, 9);
		for (a = CLUSTER_VC_A_TX_MSGS; a <= CLUSTER_VC_A_REASM_DROPS; a++)
			if (a != CLUSTER_VC_A_PAD)
				mnl_attr_put_u64(nlh, a, 1000 + a);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_MAX + 1, 1); /* future */
	} else {
		/* Reconnecting: no channel, nothing measured yet. */
		mnl_attr_put_u8(nlh, CLUSTER_VC_A_STATE, CLUSTER_VC_RECONNECT);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_CHANNELS, 0);
		mnl_attr_put_u32(nlh, CLUSTER_VC_A_SRTT_US, 0);
	}
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static char *capture_vcs(const struct ctx *ctx, const struct nest_list *list)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (ctx->json)
		show_print_json_list(f, ctx, list, vc_json_one);
	else
		vc_print_plain(f, ctx, list);
	fclose(f);
	return buf;
}

static void test_vc(void)
{
	static const char *const states[] = { "open", "reconnect", "down" };
	static char buf[4096];
	struct nest_list list = NEST_LIST(CLUSTER_A_VC, sizeof(struct vc_info),
					  vc_attr_cb);
	struct ctx ctx = { 0 };
	struct nlmsghdr *nlh;
	char sbuf[SHOW_VAL_LEN];
	unsigned int i;
	char *s;

	nlh = vc_reply(buf, 1025, true);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	nlh = vc_reply(buf, 7, false);
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_OK);
	CHECK(list.n == 2);
	nest_list_sort(&list, vc_cmp);

	s = capture_vcs(&ctx, &list);
	check_str("vc plain", s,
		  "NODE  STATE      CHAN  CWND  SSTHRESH  MAX   SRTT     RTO  INFLIGHT  QUEUED\n"
		  "   7  reconnect     0     -         -    -      -       -         -       -\n"
		  "1025  open          2    17        32  256  1.2ms  10.0ms         5       9\n");
	free(s);
	ctx.stats = true;
	s = capture_vcs(&ctx, &list);
	check_str("vc plain stats", s,
		  "NODE  STATE      CHAN  CWND  SSTHRESH  MAX   SRTT     RTO  INFLIGHT  QUEUED\n"
		  "   7  reconnect     0     -         -    -      -       -         -       -\n"
		  "1025  open          2    17        32  256  1.2ms  10.0ms         5       9\n"
		  "\n"
		  "node 7:\n"
		  "    tx_msgs -  rx_msgs -  tx_frags -  rx_frags -  retransmits -  sack_losses -\n"
		  "    timeouts -  dup_rx -  ooo_held -  reseq_drops -  stale -  no_port -\n"
		  "    refused -  unverified -  bad_control -  ctl_drops -  reasm_drops -\n"
		  "    acks_tx -  acks_rx -  failed -\n"
		  "node 1025:\n"
		  "    tx_msgs 1014  rx_msgs 1015  tx_frags 1016  rx_frags 1017  retransmits 1018\n"
		  "    sack_losses 1030  timeouts 1019  dup_rx 1020  ooo_held 1021\n"
		  "    reseq_drops 1022  stale 1023  no_port 1024  refused 1029  unverified 1031\n"
		  "    bad_control 1032  ctl_drops 1033  reasm_drops 1034  acks_tx 1025\n"
		  "    acks_rx 1026  failed 1027\n");
	free(s);
	ctx.json = true;
	ctx.stats = false;
	s = capture_vcs(&ctx, &list);
	check_str("vc json", s,
		  "[{\"remote_node\":7,\"state\":\"reconnect\",\"channels\":0,"
		  "\"cwnd\":null,\"ssthresh\":null,\"cwnd_max\":null,"
		  "\"srtt_us\":0,\"rttvar_us\":null,\"rto_us\":null,"
		  "\"peer_reseq\":null,\"unit\":null,\"in_flight\":null,"
		  "\"queued\":null},"
		  "{\"remote_node\":1025,\"state\":\"open\",\"channels\":2,"
		  "\"cwnd\":17,\"ssthresh\":32,\"cwnd_max\":256,"
		  "\"srtt_us\":1234,\"rttvar_us\":300,\"rto_us\":10000,"
		  "\"peer_reseq\":256,\"unit\":1466,\"in_flight\":5,"
		  "\"queued\":9}]\n");
	free(s);
	ctx.stats = true;
	ctx.pretty = true;
	list.items = nest_list_at(&list, 1);	/* node 1025 alone */
	list.n = 1;
	s = capture_vcs(&ctx, &list);
	list.items = nest_list_at(&list, -1);
	check_str("vc json stats pretty", s,
		  "[\n"
		  "    {\n"
		  "        \"remote_node\": 1025,\n"
		  "        \"state\": \"open\",\n"
		  "        \"channels\": 2,\n"
		  "        \"cwnd\": 17,\n"
		  "        \"ssthresh\": 32,\n"
		  "        \"cwnd_max\": 256,\n"
		  "        \"srtt_us\": 1234,\n"
		  "        \"rttvar_us\": 300,\n"
		  "        \"rto_us\": 10000,\n"
		  "        \"peer_reseq\": 256,\n"
		  "        \"unit\": 1466,\n"
		  "        \"in_flight\": 5,\n"
		  "        \"queued\": 9,\n"
		  "        \"stats\": {\n"
		  "            \"tx_msgs\": 1014,\n"
		  "            \"rx_msgs\": 1015,\n"
		  "            \"tx_frags\": 1016,\n"
		  "            \"rx_frags\": 1017,\n"
		  "            \"retransmits\": 1018,\n"
		  "            \"sack_losses\": 1030,\n"
		  "            \"timeouts\": 1019,\n"
		  "            \"dup_rx\": 1020,\n"
		  "            \"ooo_held\": 1021,\n"
		  "            \"reseq_drops\": 1022,\n"
		  "            \"stale\": 1023,\n"
		  "            \"no_port\": 1024,\n"
		  "            \"refused\": 1029,\n"
		  "            \"unverified\": 1031,\n"
		  "            \"bad_control\": 1032,\n"
		  "            \"ctl_drops\": 1033,\n"
		  "            \"reasm_drops\": 1034,\n"
		  "            \"acks_tx\": 1025,\n"
		  "            \"acks_rx\": 1026,\n"
		  "            \"failed\": 1027\n"
		  "        }\n"
		  "    }\n"
		  "]\n");
	free(s);
	nest_list_free(&list);

	/* Every state has its documented name; newer ones a number. */
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		check_str("vc state",
			  enum_name(vc_states, sizeof(vc_states) /
				    sizeof(vc_states[0]), i + 1, sbuf),
			  states[i]);
	check_str("vc state new",
		  enum_name(vc_states, sizeof(vc_states) /
			    sizeof(vc_states[0]), 4, sbuf), "unknown(4)");

	/* Wrong sizes are malformed replies. */
	nlh = reply_start(buf, CLUSTER_CMD_VC_GET);
	{
		struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_VC);

		mnl_attr_put_u32(nlh, CLUSTER_VC_A_TX_MSGS, 1);
		mnl_attr_nest_end(nlh, nest);
	}
	CHECK(nest_list_msg_cb(nlh, &list) == MNL_CB_ERROR);
	nest_list_free(&list);

	/* Empty. */
	ctx.json = false;
	s = capture_vcs(&ctx, &list);
	check_str("vc plain empty", s,
		  "NODE  STATE  CHAN  CWND  SSTHRESH  MAX  SRTT  RTO  INFLIGHT  QUEUED\n");
	free(s);
}

/* An event as the kernel multicasts it: the nest and what is not NULL. */
static struct nlmsghdr *event_msg(char *buf, uint8_t type, uint32_t node,
				  const char *name, const char *ifname,
				  const uint8_t *mac, const char *reason,
				  const char *service, int port)
{
	struct nlmsghdr *nlh = reply_start(buf, CLUSTER_CMD_EVENT);
	struct nlattr *nest = mnl_attr_nest_start(nlh, CLUSTER_A_EVENT);

	nlh->nlmsg_flags = 0;
	mnl_attr_put_u8(nlh, CLUSTER_EVENT_A_TYPE, type);
	mnl_attr_put_u32(nlh, CLUSTER_EVENT_A_NODE, node);
	if (name)
		mnl_attr_put_strz(nlh, CLUSTER_EVENT_A_NODE_NAME, name);
	if (ifname) {
		mnl_attr_put_u32(nlh, CLUSTER_EVENT_A_IFINDEX, 3);
		mnl_attr_put_strz(nlh, CLUSTER_EVENT_A_IFNAME, ifname);
	}
	if (mac)
		mnl_attr_put(nlh, CLUSTER_EVENT_A_REMOTE_MAC, MAC_LEN, mac);
	if (reason)
		mnl_attr_put_strz(nlh, CLUSTER_EVENT_A_REASON, reason);
	if (service)
		mnl_attr_put_strz(nlh, CLUSTER_EVENT_A_SERVICE, service);
	if (port >= 0)
		mnl_attr_put_u16(nlh, CLUSTER_EVENT_A_PORT, port);
	mnl_attr_put_u32(nlh, CLUSTER_EVENT_A_MAX + 1, 1);	/* future */
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

/* What the monitor prints for @nlh, text and JSON. */
static void check_event(const struct nlmsghdr *nlh, const char *text,
			const char *json)
{
	struct monitor_state st = { .family = 0x20 };
	char *buf = NULL;
	size_t len = 0;

	st.f = open_memstream(&buf, &len);
	CHECK(monitor_msg_cb(nlh, &st) == MNL_CB_OK);
	st.json = true;
	CHECK(monitor_msg_cb(nlh, &st) == MNL_CB_OK);
	fclose(st.f);
	CHECK(!st.unloaded);
	check_str("event text", buf ? strtok(buf, "\n") : "", text);
	check_str("event json", strtok(NULL, "\n") ?: "", json);
	free(buf);
}

static void test_monitor(void)
{
	static const uint8_t mac[MAC_LEN] = { 0x02, 0, 0, 0, 0, 0x02 };
	static char buf[4096];
	struct monitor_state st = { .family = 0x20 };
	struct event_info e;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct genlmsghdr *genl;

	check_event(event_msg(buf, CLUSTER_EVENT_CHANNEL_UP, 2, "b", "va", mac,
			      NULL, NULL, -1),
		    "channel up node 2 (b) va -> 02:00:00:00:00:02",
		    "{\"event\":\"channel_up\",\"node\":2,\"node_name\":\"b\","
		    "\"ifname\":\"va\",\"ifindex\":3,"
		    "\"remote_mac\":\"02:00:00:00:00:02\"}");
	check_event(event_msg(buf, CLUSTER_EVENT_CHANNEL_DOWN, 2, NULL, "va",
			      mac, "listen_timeout", NULL, -1),
		    "channel down node 2 va -> 02:00:00:00:00:02 reason listen_timeout",
		    "{\"event\":\"channel_down\",\"node\":2,\"ifname\":\"va\","
		    "\"ifindex\":3,\"remote_mac\":\"02:00:00:00:00:02\","
		    "\"reason\":\"listen_timeout\"}");
	check_event(event_msg(buf, CLUSTER_EVENT_NODE_UP, 2, "b", NULL, NULL,
			      NULL, NULL, -1),
		    "node up 2 (b)",
		    "{\"event\":\"node_up\",\"node\":2,\"node_name\":\"b\"}");
	check_event(event_msg(buf, CLUSTER_EVENT_NODE_DOWN, 2, NULL, NULL, NULL,
			      NULL, NULL, -1),
		    "node down 2", "{\"event\":\"node_down\",\"node\":2}");
	check_event(event_msg(buf, CLUSTER_EVENT_VC_UP, 4294967294U, NULL, NULL,
			      NULL, NULL, NULL, -1),
		    "vc up 4294967294",
		    "{\"event\":\"vc_up\",\"node\":4294967294}");
	check_event(event_msg(buf, CLUSTER_EVENT_VC_DOWN, 2, NULL, NULL, NULL,
			      "reconnect_timeout", NULL, -1),
		    "vc down 2 reason reconnect_timeout",
		    "{\"event\":\"vc_down\",\"node\":2,"
		    "\"reason\":\"reconnect_timeout\"}");
	check_event(event_msg(buf, CLUSTER_EVENT_SERVICE_UP, 1, NULL, NULL, NULL,
			      NULL, "echo", 32770),
		    "service up echo node 1 port 32770",
		    "{\"event\":\"service_up\",\"node\":1,\"service\":\"echo\","
		    "\"port\":32770}");
	check_event(event_msg(buf, CLUSTER_EVENT_SERVICE_DOWN, 1, NULL, NULL,
			      NULL, NULL, "a\"b", 7),
		    "service down a\"b node 1 port 7",
		    "{\"event\":\"service_down\",\"node\":1,\"service\":\"a\\\"b\","
		    "\"port\":7}");
	/* A type this clusterctl does not know: its number. */
	check_event(event_msg(buf, 42, 9, NULL, NULL, NULL, "x", NULL, -1),
		    "unknown(42) node 9 reason x",
		    "{\"event\":\"unknown(42)\",\"node\":9,\"reason\":\"x\"}");

	/* Malformed: a u8 node; no type. */
	nlh = reply_start(buf, CLUSTER_CMD_EVENT);
	nest = mnl_attr_nest_start(nlh, CLUSTER_A_EVENT);
	mnl_attr_put_u8(nlh, CLUSTER_EVENT_A_TYPE, CLUSTER_EVENT_NODE_UP);
	mnl_attr_put_u8(nlh, CLUSTER_EVENT_A_NODE, 1);
	mnl_attr_nest_end(nlh, nest);
	CHECK(event_parse(nlh, &e) == -1);
	nlh = reply_start(buf, CLUSTER_CMD_EVENT);
	nest = mnl_attr_nest_start(nlh, CLUSTER_A_EVENT);
	mnl_attr_put_u32(nlh, CLUSTER_EVENT_A_NODE, 1);
	mnl_attr_nest_end(nlh, nest);
	CHECK(event_parse(nlh, &e) == -1);
	/* Another command of the family is not an event. */
	nlh = reply_start(buf, CLUSTER_CMD_PEER_GET);
	CHECK(event_parse(nlh, &e) == 0);

	/* nlctrl: the family's removal stops the monitor, others do not. */
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_DELFAMILY;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "other");
	CHECK(monitor_msg_cb(nlh, &st) == MNL_CB_OK && !st.unloaded);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = GENL_ID_CTRL;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = CTRL_CMD_NEWFAMILY;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, CLUSTER_GENL_NAME);
	CHECK(monitor_msg_cb(nlh, &st) == MNL_CB_OK && !st.unloaded);
	genl->cmd = CTRL_CMD_DELFAMILY;
	CHECK(monitor_msg_cb(nlh, &st) == MNL_CB_STOP && st.unloaded);
}

static void test_interval(void)
{
	static char buf[4096];
	struct nest_list a = NEST_LIST(CLUSTER_A_VC, sizeof(struct vc_info),
				       vc_attr_cb);
	struct nest_list b = NEST_LIST(CLUSTER_A_VC, sizeof(struct vc_info),
				       vc_attr_cb);
	struct ctx ctx = { 0 };
	struct vc_info *v;

	CHECK(interval_parse("2") == 2000);
	CHECK(interval_parse("0.5") == 500);
	CHECK(interval_parse("0.1") == 100);
	CHECK(interval_parse("1.25") == 1250);
	CHECK(interval_parse("10.") == 10000);
	CHECK(interval_parse("86400") == 86400000);
	CHECK(interval_parse("0.05") == 0);
	CHECK(interval_parse("0") == 0);
	CHECK(interval_parse("1.2345") == 0);
	CHECK(interval_parse("86401") == 0);
	CHECK(interval_parse("99999999999999999999") == 0);
	CHECK(interval_parse(".5") == 0);
	CHECK(interval_parse("-1") == 0);
	CHECK(interval_parse("1e3") == 0);
	CHECK(interval_parse("2s") == 0);
	CHECK(interval_parse("") == 0);

	/* Without -i the totals stay. */
	CHECK(nest_list_msg_cb(vc_reply(buf, 1025, true), &a) == MNL_CB_OK);
	interval_delta(&ctx, &a, &vc_interval_ops);
	CHECK(!ctx.prev);
	CHECK(((struct vc_info *)nest_list_at(&a, 0))->val[CLUSTER_VC_A_TX_MSGS] == 1014);

	/* First run of -i: totals, kept for the next. */
	ctx.interval_ms = 1000;
	interval_delta(&ctx, &a, &vc_interval_ops);
	CHECK(ctx.prev && ctx.prev->n == 1);
	CHECK(((struct vc_info *)nest_list_at(&a, 0))->val[CLUSTER_VC_A_TX_MSGS] == 1014);

	/* Second: node 1025 moved on; node 7 is new; 1025's state stays. */
	CHECK(nest_list_msg_cb(vc_reply(buf, 1025, true), &b) == MNL_CB_OK);
	CHECK(nest_list_msg_cb(vc_reply(buf, 7, true), &b) == MNL_CB_OK);
	nest_list_sort(&b, vc_cmp);
	v = nest_list_at(&b, 1);
	CHECK(v->val[CLUSTER_VC_A_REMOTE_NODE] == 1025);
	v->val[CLUSTER_VC_A_TX_MSGS] += 5;
	v->val[CLUSTER_VC_A_RETRANSMITS] += 2;
	v->val[CLUSTER_VC_A_FAILED] = 3;	/* below: a new VC, reset */
	interval_delta(&ctx, &b, &vc_interval_ops);
	CHECK(v->val[CLUSTER_VC_A_TX_MSGS] == 5);
	CHECK(v->val[CLUSTER_VC_A_RETRANSMITS] == 2);
	CHECK(v->val[CLUSTER_VC_A_RX_MSGS] == 0);
	CHECK(v->val[CLUSTER_VC_A_FAILED] == 3);
	CHECK(v->val[CLUSTER_VC_A_CWND] == 17);
	v = nest_list_at(&b, 0);
	CHECK(v->val[CLUSTER_VC_A_TX_MSGS] == 1014);
	/* The totals are what the third run subtracts. */
	CHECK(ctx.prev->n == 2);
	v = nest_list_at(ctx.prev, 1);
	CHECK(v->val[CLUSTER_VC_A_TX_MSGS] == 1019);

	nest_list_free(ctx.prev);
	free(ctx.prev);
	nest_list_free(&a);
	nest_list_free(&b);
}

int main(void)
{
	test_parse_u32();
	test_names();
	test_json();
	test_node();
	test_param();
	test_ifname();
	test_format();
	test_table();
	test_adapter();
	test_adapter_request();
	test_channel();
	test_peer();
	test_vc();
	test_monitor();
	test_interval();
	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("unit: all checks passed\n");
	return 0;
}
