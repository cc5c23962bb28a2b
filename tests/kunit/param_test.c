// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the timer parameters, imported from af_cluster.ko:
 *
 *   af_cluster_param  cluster_params_validate(), cluster_param_value(),
 *                     cluster_param_field()
 *
 * Every bound of every parameter is tried on both sides, every rule
 * between parameters at and next to its edge, and the defaults against
 * the documented values.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>

#include "param.h"

/**
 * struct param_case - one parameter set and its verdict
 * @desc: shown in the KUnit output
 * @p: the complete set
 * @msg: NULL if @p is valid, else a part of the message expected
 */
struct param_case {
	const char *desc;
	struct cluster_params p;
	const char *msg;
};

/*
 * hello_min, hello_max, response_delay_max, listen_timeout, handshake,
 * with reconnect_interval and ack_delay at their defaults.
 */
#define P(a, b, c, d, e)	P7(a, b, c, d, e, 20000, 1)
/* Every parameter, the last two being reconnect_interval and ack_delay. */
#define P7(a, b, c, d, e, f, g)	{ .hello_min = (a), .hello_max = (b),	\
				  .response_delay_max = (c),		\
				  .listen_timeout = (d),		\
				  .handshake_timeout = (e),		\
				  .reconnect_interval = (f),		\
				  .ack_delay = (g) }
/* The defaults, but reconnect_interval and ack_delay. */
#define PRA(f, g)		P7(1600, 3000, 2000, 8000, 5000, (f), (g))

#define HELLO_MIN_RANGE		"hello_min must be 10 to 60000 ms"
#define HELLO_MAX_RANGE		"hello_max must be 10 to 60000 ms"
#define DELAY_RANGE		"response_delay_max must be 0 to 60000 ms"
#define LISTEN_RANGE		"listen_timeout must be 100 to 300000 ms"
#define HANDSHAKE_RANGE		"handshake_timeout must be 100 to 60000 ms"
#define RECONNECT_RANGE		"reconnect_interval must be 1000 to 3600000 ms"
#define ACK_DELAY_RANGE		"ack_delay must be 0 to 200 ms"
#define MIN_LE_MAX		"hello_min must not exceed hello_max"
#define LISTEN_2X		"listen_timeout must be more than 2 * hello_max"

static const struct param_case param_cases[] = {
	/* Accepted. */
	{ "PEDRIVER defaults", P7(1600, 3000, 2000, 8000, 5000, 20000, 1),
	  NULL },
	{ "the compiled-in defaults",
	  P7(CLUSTER_HELLO_MIN_DEFAULT, CLUSTER_HELLO_MAX_DEFAULT,
	     CLUSTER_RESPONSE_DELAY_MAX_DEFAULT, CLUSTER_LISTEN_TIMEOUT_DEFAULT,
	     CLUSTER_HANDSHAKE_TIMEOUT_DEFAULT,
	     CLUSTER_RECONNECT_INTERVAL_DEFAULT, CLUSTER_ACK_DELAY_DEFAULT),
	  NULL },
	{ "every lowest bound", P7(10, 10, 0, 100, 100, 1000, 0), NULL },
	{ "every highest bound",
	  P7(60000, 60000, 60000, 300000, 60000, 3600000, 200), NULL },
	{ "hello_min equal to hello_max", P(3000, 3000, 2000, 8000, 5000),
	  NULL },
	{ "listen_timeout 2 * hello_max + 1", P(1600, 3000, 2000, 6001, 5000),
	  NULL },
	{ "listen_timeout 120001 for hello_max 60000",
	  P(60000, 60000, 0, 120001, 100), NULL },

	/* hello_min. */
	{ "hello_min 0", P(0, 3000, 2000, 8000, 5000), HELLO_MIN_RANGE },
	{ "hello_min 9", P(9, 3000, 2000, 8000, 5000), HELLO_MIN_RANGE },
	{ "hello_min 60001", P(60001, 60000, 2000, 300000, 5000),
	  HELLO_MIN_RANGE },
	{ "hello_min U32_MAX", P(U32_MAX, 3000, 2000, 8000, 5000),
	  HELLO_MIN_RANGE },

	/* hello_max. */
	{ "hello_max 9", P(10, 9, 2000, 8000, 5000), HELLO_MAX_RANGE },
	{ "hello_max 60001", P(1600, 60001, 2000, 300000, 5000),
	  HELLO_MAX_RANGE },
	{ "hello_max overflowing 2 * hello_max", P(1600, 0x80000001, 2000,
	  8000, 5000), HELLO_MAX_RANGE },

	/* response_delay_max. */
	{ "response_delay_max 60001", P(1600, 3000, 60001, 8000, 5000),
	  DELAY_RANGE },
	{ "response_delay_max U32_MAX", P(1600, 3000, U32_MAX, 8000, 5000),
	  DELAY_RANGE },

	/* listen_timeout. */
	{ "listen_timeout 0", P(10, 10, 0, 0, 100), LISTEN_RANGE },
	{ "listen_timeout 99", P(10, 10, 0, 99, 100), LISTEN_RANGE },
	{ "listen_timeout 300001", P(1600, 3000, 2000, 300001, 5000),
	  LISTEN_RANGE },

	/* handshake_timeout. */
	{ "handshake_timeout 0", P(1600, 3000, 2000, 8000, 0),
	  HANDSHAKE_RANGE },
	{ "handshake_timeout 99", P(1600, 3000, 2000, 8000, 99),
	  HANDSHAKE_RANGE },
	{ "handshake_timeout 60001", P(1600, 3000, 2000, 8000, 60001),
	  HANDSHAKE_RANGE },

	/* reconnect_interval: its own range, no rule with the others. */
	{ "reconnect_interval 1000", PRA(1000, 1), NULL },
	{ "reconnect_interval 3600000", PRA(3600000, 1), NULL },
	{ "reconnect_interval below listen_timeout",
	  P7(1600, 3000, 2000, 300000, 5000, 1000, 1), NULL },
	{ "reconnect_interval 0", PRA(0, 1), RECONNECT_RANGE },
	{ "reconnect_interval 999", PRA(999, 1), RECONNECT_RANGE },
	{ "reconnect_interval 3600001", PRA(3600001, 1), RECONNECT_RANGE },
	{ "reconnect_interval U32_MAX", PRA(U32_MAX, 1), RECONNECT_RANGE },

	/* ack_delay: 0 is "at once"; no rule with the others. */
	{ "ack_delay 0", PRA(20000, 0), NULL },
	{ "ack_delay 200", PRA(20000, 200), NULL },
	{ "ack_delay 200 with hello_min 10",
	  P7(10, 10, 0, 100, 100, 1000, 200), NULL },
	{ "ack_delay 201", PRA(20000, 201), ACK_DELAY_RANGE },
	{ "ack_delay U32_MAX", PRA(20000, U32_MAX), ACK_DELAY_RANGE },

	/* Rules between parameters. */
	{ "hello_min above hello_max", P(3001, 3000, 2000, 8000, 5000),
	  MIN_LE_MAX },
	{ "hello_min 60000 above hello_max 10", P(60000, 10, 0, 300000, 100),
	  MIN_LE_MAX },
	{ "listen_timeout 2 * hello_max", P(1600, 3000, 2000, 6000, 5000),
	  LISTEN_2X },
	{ "listen_timeout below hello_max", P(1600, 3000, 2000, 2999, 5000),
	  LISTEN_2X },
	{ "listen_timeout 120000 for hello_max 60000",
	  P(60000, 60000, 0, 120000, 100), LISTEN_2X },

	/* Ranges are judged before the rules, in field order. */
	{ "everything U32_MAX", P7(U32_MAX, U32_MAX, U32_MAX, U32_MAX, U32_MAX,
	  U32_MAX, U32_MAX), HELLO_MIN_RANGE },
	{ "everything 0", P7(0, 0, 0, 0, 0, 0, 0), HELLO_MIN_RANGE },
	{ "out of range beats a broken rule", P(3001, 3000, 2000, 6000, 0),
	  HANDSHAKE_RANGE },
	{ "reconnect_interval out of range beats a broken rule",
	  P7(3001, 3000, 2000, 6000, 5000, 999, 1), RECONNECT_RANGE },
	{ "ack_delay out of range beats a broken rule",
	  P7(3001, 3000, 2000, 6000, 5000, 20000, 201), ACK_DELAY_RANGE },
	{ "reconnect_interval is judged before ack_delay",
	  PRA(0, 201), RECONNECT_RANGE },
};

static void param_case_desc(const struct param_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(param, param_cases, param_case_desc);

static void param_validate_test(struct kunit *test)
{
	static const char *const untouched = "untouched";
	const struct param_case *c = test->param_value;
	const char *why = untouched;
	int err;

	err = cluster_params_validate(&c->p, &why);
	if (!c->msg) {
		KUNIT_EXPECT_EQ(test, err, 0);
		KUNIT_EXPECT_PTR_EQ(test, why, untouched);
		return;
	}
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(why, c->msg),
				  "message \"%s\" lacks \"%s\"", why, c->msg);
}

/* The table behind value() and field() follows the enum's order. */
static void param_field_test(struct kunit *test)
{
	struct cluster_params p = P7(1, 2, 3, 4, 5, 6, 7);
	u32 *const fields[CLUSTER_PARAM_COUNT] = {
		[CLUSTER_PARAM_HELLO_MIN] = &p.hello_min,
		[CLUSTER_PARAM_HELLO_MAX] = &p.hello_max,
		[CLUSTER_PARAM_RESPONSE_DELAY_MAX] = &p.response_delay_max,
		[CLUSTER_PARAM_LISTEN_TIMEOUT] = &p.listen_timeout,
		[CLUSTER_PARAM_HANDSHAKE_TIMEOUT] = &p.handshake_timeout,
		[CLUSTER_PARAM_RECONNECT_INTERVAL] = &p.reconnect_interval,
		[CLUSTER_PARAM_ACK_DELAY] = &p.ack_delay,
	};
	int i;

	for (i = 0; i < CLUSTER_PARAM_COUNT; i++) {
		KUNIT_EXPECT_PTR_EQ(test, cluster_param_field(&p, i),
				    fields[i]);
		KUNIT_EXPECT_EQ(test, cluster_param_value(&p, i), *fields[i]);
		*cluster_param_field(&p, i) = 100 + i;
		KUNIT_EXPECT_EQ(test, *fields[i], 100 + i);
	}
}

/*
 * The defaults are documented (admin.rst, clusterctl(8), the module
 * parameters' descriptions): a change must change those too.
 */
static void param_defaults_test(struct kunit *test)
{
	static const struct cluster_params documented =
		P7(1600, 3000, 2000, 8000, 5000, 20000, 1);
	static const struct cluster_params defaults =
		P7(CLUSTER_HELLO_MIN_DEFAULT, CLUSTER_HELLO_MAX_DEFAULT,
		   CLUSTER_RESPONSE_DELAY_MAX_DEFAULT,
		   CLUSTER_LISTEN_TIMEOUT_DEFAULT,
		   CLUSTER_HANDSHAKE_TIMEOUT_DEFAULT,
		   CLUSTER_RECONNECT_INTERVAL_DEFAULT,
		   CLUSTER_ACK_DELAY_DEFAULT);
	int i;

	for (i = 0; i < CLUSTER_PARAM_COUNT; i++)
		KUNIT_EXPECT_EQ_MSG(test, cluster_param_value(&defaults, i),
				    cluster_param_value(&documented, i),
				    "parameter %d", i);
}

static struct kunit_case param_test_cases[] = {
	KUNIT_CASE_PARAM(param_validate_test, param_gen_params),
	KUNIT_CASE(param_field_test),
	KUNIT_CASE(param_defaults_test),
	{}
};

static struct kunit_suite param_test_suite = {
	.name = "af_cluster_param",
	.test_cases = param_test_cases,
};

kunit_test_suites(&param_test_suite);
