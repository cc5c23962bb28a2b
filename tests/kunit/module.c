// SPDX-License-Identifier: GPL-2.0
/*
 * af_cluster_kunit.ko: the KUnit suites of af_cluster, one file per
 * concept (*_test.c).  They test functions that af_cluster.ko exports to
 * the EXPORTED_FOR_KUNIT_TESTING namespace.
 */

#include <linux/module.h>

#ifdef AFC_IMPORT_NS_IS_STRING
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
#else
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
#endif
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for af_cluster");
