// SPDX-License-Identifier: GPL-2.0
/*
 * Plants one kernel failure at load time so that tests/vm/selftest proves
 * the VM harness catches it.  Test-only: never installed.
 *
 *   insmod afc_harness_selftest.ko fault=none|warn|kasan|leak
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *fault = "none";
module_param(fault, charp, 0444);
MODULE_PARM_DESC(fault, "failure to plant: none, warn, kasan or leak");

static void *leaked;

static int __init afc_harness_selftest_init(void)
{
	if (!strcmp(fault, "warn")) {
		WARN(1, "afc_harness_selftest: planted warning\n");
	} else if (!strcmp(fault, "kasan")) {
		size_t len = 8;
		char *buf = kmalloc(len, GFP_KERNEL);

		if (!buf)
			return -ENOMEM;
		/* Hide both from the compiler so the access really happens. */
		OPTIMIZER_HIDE_VAR(buf);
		OPTIMIZER_HIDE_VAR(len);
		buf[len] = 1;
		kfree(buf);
	} else if (!strcmp(fault, "leak")) {
		/* Referenced only until the pointer is dropped below. */
		leaked = kmalloc(64, GFP_KERNEL);
		leaked = NULL;
	} else if (strcmp(fault, "none")) {
		return -EINVAL;
	}
	return 0;
}

static void __exit afc_harness_selftest_exit(void)
{
}

module_init(afc_harness_selftest_init);
module_exit(afc_harness_selftest_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("af_cluster VM harness self-test: planted kernel failures");
