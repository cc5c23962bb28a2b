// SPDX-License-Identifier: GPL-2.0
/*
 * Timer parameters: validation (pure, exported to KUnit), the module
 * parameters that give every new namespace its defaults, and the locked
 * per-namespace copy (see struct cluster_net for the locking rules).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/seqlock.h>
#include <linux/stddef.h>
#include <linux/stringify.h>

#include "af_cluster.h"
#include "compat.h"

/**
 * struct cluster_param_desc - where a parameter lives and its own range
 * @offset: offset of its field in struct cluster_params
 * @lo: smallest value accepted
 * @hi: largest value accepted
 * @range_msg: the error message naming the parameter and its range
 */
struct cluster_param_desc {
	size_t offset;
	u32 lo;
	u32 hi;
	const char *range_msg;
};

#define CLUSTER_PARAM_DESC(field, NAME)					\
	[CLUSTER_PARAM_##NAME] = {					\
		.offset = offsetof(struct cluster_params, field),	\
		.lo = CLUSTER_##NAME##_LO,				\
		.hi = CLUSTER_##NAME##_HI,				\
		.range_msg = #field " must be "				\
			__stringify(CLUSTER_##NAME##_LO) " to "		\
			__stringify(CLUSTER_##NAME##_HI) " ms",		\
	}

static const struct cluster_param_desc cluster_param_descs[] = {
	CLUSTER_PARAM_DESC(hello_min, HELLO_MIN),
	CLUSTER_PARAM_DESC(hello_max, HELLO_MAX),
	CLUSTER_PARAM_DESC(response_delay_max, RESPONSE_DELAY_MAX),
	CLUSTER_PARAM_DESC(listen_timeout, LISTEN_TIMEOUT),
	CLUSTER_PARAM_DESC(handshake_timeout, HANDSHAKE_TIMEOUT),
	CLUSTER_PARAM_DESC(reconnect_interval, RECONNECT_INTERVAL),
	CLUSTER_PARAM_DESC(ack_delay, ACK_DELAY),
};

static_assert(ARRAY_SIZE(cluster_param_descs) == CLUSTER_PARAM_COUNT);

/**
 * cluster_param_value() - the value of parameter @i in @p
 * @p: a parameter set
 * @i: index of the parameter, below %CLUSTER_PARAM_COUNT
 *
 * Return: the value, in milliseconds.
 */
u32 cluster_param_value(const struct cluster_params *p, enum cluster_param i)
{
	return *(const u32 *)((const u8 *)p + cluster_param_descs[i].offset);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_param_value);

/**
 * cluster_param_field() - the field of parameter @i in @p
 * @p: a parameter set
 * @i: index of the parameter, below %CLUSTER_PARAM_COUNT
 *
 * Return: a pointer to the field, for writing it.
 */
u32 *cluster_param_field(struct cluster_params *p, enum cluster_param i)
{
	return (u32 *)((u8 *)p + cluster_param_descs[i].offset);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_param_field);

/**
 * cluster_params_validate() - is @p a usable parameter set?
 * @p: the complete set, as it would be in force
 * @why: on failure, set to a static message that names the parameter and
 *	the rule it breaks; untouched on success
 *
 * Each parameter must be within its own range (CLUSTER_*_LO..HI in
 * param.h), hello_min must not exceed hello_max, and listen_timeout must
 * exceed 2 * hello_max, so that a channel survives one lost HELLO: with
 * HELLOs at most hello_max apart, one loss leaves a gap of up to twice
 * that.  Ranges are checked first, so the rules between parameters never
 * see an out-of-range value.
 *
 * Return: 0, or -EINVAL with *@why set.
 */
int cluster_params_validate(const struct cluster_params *p, const char **why)
{
	int i;

	for (i = 0; i < CLUSTER_PARAM_COUNT; i++) {
		const struct cluster_param_desc *d = &cluster_param_descs[i];
		u32 v = cluster_param_value(p, i);

		if (v < d->lo || v > d->hi) {
			*why = d->range_msg;
			return -EINVAL;
		}
	}
	if (p->hello_min > p->hello_max) {
		*why = "hello_min must not exceed hello_max";
		return -EINVAL;
	}
	/* Both are bounded above, so 2 * hello_max cannot overflow. */
	if (p->listen_timeout <= 2 * p->hello_max) {
		*why = "listen_timeout must be more than 2 * hello_max to survive a lost HELLO";
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_params_validate);

/*
 * The defaults of every namespace created after load (and of those that
 * exist at load).  Read only once loaded, so read without locking.
 */
static struct cluster_params cluster_param_defaults __read_mostly = {
	.hello_min = CLUSTER_HELLO_MIN_DEFAULT,
	.hello_max = CLUSTER_HELLO_MAX_DEFAULT,
	.response_delay_max = CLUSTER_RESPONSE_DELAY_MAX_DEFAULT,
	.listen_timeout = CLUSTER_LISTEN_TIMEOUT_DEFAULT,
	.handshake_timeout = CLUSTER_HANDSHAKE_TIMEOUT_DEFAULT,
	.reconnect_interval = CLUSTER_RECONNECT_INTERVAL_DEFAULT,
	.ack_delay = CLUSTER_ACK_DELAY_DEFAULT,
};

module_param_named(hello_min, cluster_param_defaults.hello_min, uint, 0444);
MODULE_PARM_DESC(hello_min,
		 "Default shortest HELLO interval, ms (default 1600, 10..60000, at most hello_max)");
module_param_named(hello_max, cluster_param_defaults.hello_max, uint, 0444);
MODULE_PARM_DESC(hello_max,
		 "Default longest HELLO interval, ms (default 3000, 10..60000)");
module_param_named(response_delay_max,
		   cluster_param_defaults.response_delay_max, uint, 0444);
MODULE_PARM_DESC(response_delay_max,
		 "Default longest delay before answering a new node's HELLO, ms (default 2000, 0..60000)");
module_param_named(listen_timeout, cluster_param_defaults.listen_timeout,
		   uint, 0444);
MODULE_PARM_DESC(listen_timeout,
		 "Default silence after which a channel is closed, ms (default 8000, 100..300000, more than 2 * hello_max)");
module_param_named(handshake_timeout,
		   cluster_param_defaults.handshake_timeout, uint, 0444);
MODULE_PARM_DESC(handshake_timeout,
		 "Default time allowed for a channel handshake, ms (default 5000, 100..60000)");
module_param_named(reconnect_interval,
		   cluster_param_defaults.reconnect_interval, uint, 0444);
MODULE_PARM_DESC(reconnect_interval,
		 "Default time a virtual circuit without channels keeps its traffic before the node is down, ms (default 20000, 1000..3600000)");
module_param_named(ack_delay, cluster_param_defaults.ack_delay, uint, 0444);
MODULE_PARM_DESC(ack_delay,
		 "Default longest delay of an acknowledgment no DATA carries, ms (default 1, 0..200, 0 = at once)");

/**
 * cluster_params_check_defaults() - validate the module parameters
 *
 * Called once at load, before any namespace copies them.
 *
 * Return: 0, or -EINVAL after logging which rule they break.
 */
int __init cluster_params_check_defaults(void)
{
	const char *why;

	if (cluster_params_validate(&cluster_param_defaults, &why)) {
		pr_err("invalid module parameters: %s\n", why);
		return -EINVAL;
	}
	return 0;
}

void cluster_params_init(struct cluster_net *cn)
{
	seqlock_init(&cn->params_lock);
	cn->params = cluster_param_defaults;
}

/**
 * cluster_params_get() - a consistent snapshot of a node's parameters
 * @cn: the node
 * @p: filled with the parameters in force
 *
 * Lockless for the reader: any context but hard interrupts.
 */
void cluster_params_get(struct cluster_net *cn, struct cluster_params *p)
{
	unsigned int seq;

	do {
		seq = read_seqbegin(&cn->params_lock);
		*p = cn->params;
	} while (read_seqretry(&cn->params_lock, seq));
}

/**
 * cluster_params_set() - change some of a node's parameters, all or none
 * @cn: the node
 * @req: new values; only the fields selected by @mask are read
 * @mask: BIT(enum cluster_param) of each parameter to change
 * @why: on failure, set to a static message naming the parameter and rule
 *
 * The resulting complete set is validated; only a valid set is published.
 * Writers are serialized by @cn->lock, so two requests that are each valid
 * against the old set cannot combine into an invalid one.
 *
 * Return: 0, or -EINVAL with *@why set and nothing changed.
 */
int cluster_params_set(struct cluster_net *cn,
		       const struct cluster_params *req, unsigned long mask,
		       const char **why)
{
	struct cluster_params p;
	int i, err;

	mutex_lock(&cn->lock);
	p = cn->params;
	for (i = 0; i < CLUSTER_PARAM_COUNT; i++)
		if (mask & BIT(i))
			*cluster_param_field(&p, i) =
				cluster_param_value(req, i);
	err = cluster_params_validate(&p, why);
	if (!err) {
		/* _bh: a softirq reader on this CPU would spin on us. */
		write_seqlock_bh(&cn->params_lock);
		cn->params = p;
		write_sequnlock_bh(&cn->params_lock);
	}
	mutex_unlock(&cn->lock);
	return err;
}
