// SPDX-License-Identifier: GPL-2.0
/*
 * A KUnit suite with one passing and one failing case: the VM harness and
 * tests/kunit/ktap-summary must count the failure and fail the run.
 * Test-only: never installed.
 */
#include <kunit/test.h>
#include <linux/module.h>

static void afc_selftest_passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 + 2, 4);
}

static void afc_selftest_fails(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, 2 + 2, 5, "planted failure");
}

static struct kunit_case afc_selftest_cases[] = {
	KUNIT_CASE(afc_selftest_passes),
	KUNIT_CASE(afc_selftest_fails),
	{}
};

static struct kunit_suite afc_selftest_suite = {
	.name = "afc_harness_selftest",
	.test_cases = afc_selftest_cases,
};

kunit_test_suite(afc_selftest_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("af_cluster VM harness self-test: a failing KUnit case");
