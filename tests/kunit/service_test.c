// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the service name table (driver/service.c):
 *
 *   af_cluster_service  cluster_services_init(), cluster_services_destroy(),
 *                       cluster_service_publish(),
 *                       cluster_service_withdraw(),
 *                       cluster_service_purge_node(),
 *                       cluster_service_pick(), cluster_service_group(),
 *                       cluster_service_visit_local()
 *
 * Every case gets a fake node of its own: a zeroed struct cluster_net in
 * init_net with id 7 and only its table initialised.  The table's events
 * go nowhere (nobody listens during KUnit).  The suite's exit destroys
 * the table, so kmemleak sees whatever a case left behind freed.
 *
 * Besides what the functions return, table_check() walks the table itself
 * (it is no secret to the tests): every service has providers, in strict
 * (node, port) order, as many as it counts, and the remote count is right.
 */

#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "af_cluster.h"
#include "service.h"
#include "wire.h"

/* This node's id: local providers are stored as node 0 nonetheless. */
#define SELF		7U
#define RDM		CLUSTER_WIRE_SVC_RDM
#define SEQ		CLUSTER_WIRE_SVC_SEQPACKET

/* Room for the groups of most cases. */
#define ROOM		16

/* A service name of CLUSTER_SERVICE_MAX - 1 characters: the longest. */
#define SERVICE_31	"abcdefghijklmnopqrstuvwxyz01234"

static int svc_init(struct kunit *test)
{
	struct cluster_net *cn = kunit_kzalloc(test, sizeof(*cn), GFP_KERNEL);

	if (!cn)
		return -ENOMEM;
	write_pnet(&cn->net, &init_net);
	cluster_services_init(&cn->services);
	cn->node_id = SELF;
	test->priv = cn;
	return 0;
}

static void svc_exit(struct kunit *test)
{
	struct cluster_net *cn = test->priv;

	if (cn)
		cluster_services_destroy(cn);
}

/**
 * struct table_snap - what the table holds
 * @services: services in the buckets
 * @providers: providers in all of them
 * @remote: &cluster_services.remote
 * @generation: &cluster_services.generation
 */
struct table_snap {
	unsigned int services;
	unsigned int providers;
	unsigned int remote;
	u32 generation;
};

/* Walk the table; expect it consistent; return what it holds. */
static struct table_snap table_check(struct kunit *test,
				     struct cluster_net *cn)
{
	struct cluster_services *st = &cn->services;
	unsigned int i, n, remote = 0, empty = 0, miscount = 0, disorder = 0;
	const struct cluster_provider *p, *prev;
	const struct cluster_service *svc;
	struct table_snap s = {};

	spin_lock_bh(&st->lock);
	for (i = 0; i < CLUSTER_SERVICE_BUCKETS; i++) {
		hlist_for_each_entry(svc, &st->buckets[i], hash) {
			s.services++;
			n = 0;
			prev = NULL;
			list_for_each_entry(p, &svc->providers, list) {
				if (prev && (prev->node > p->node ||
					     (prev->node == p->node &&
					      prev->port >= p->port)))
					disorder++;
				remote += !!p->node;
				prev = p;
				n++;
			}
			empty += !n;
			miscount += n != svc->count;
			s.providers += n;
		}
	}
	s.remote = st->remote;
	s.generation = st->generation;
	spin_unlock_bh(&st->lock);

	KUNIT_EXPECT_EQ_MSG(test, empty, 0U, "services without providers");
	KUNIT_EXPECT_EQ_MSG(test, miscount, 0U, "services miscounted");
	KUNIT_EXPECT_EQ_MSG(test, disorder, 0U, "providers out of order");
	KUNIT_EXPECT_EQ_MSG(test, remote, s.remote, "remote miscounted");
	return s;
}

/* Expect @services services, @providers providers, @remote remote. */
static void expect_table(struct kunit *test, struct cluster_net *cn,
			 unsigned int services, unsigned int providers,
			 unsigned int remote)
{
	struct table_snap s = table_check(test, cn);

	KUNIT_EXPECT_EQ(test, s.services, services);
	KUNIT_EXPECT_EQ(test, s.providers, providers);
	KUNIT_EXPECT_EQ(test, s.remote, remote);
}

/* Expect the table exactly as it was in @before: nothing changed. */
static void expect_unchanged(struct kunit *test, struct cluster_net *cn,
			     const struct table_snap *before)
{
	struct table_snap s = table_check(test, cn);

	KUNIT_EXPECT_EQ(test, s.services, before->services);
	KUNIT_EXPECT_EQ(test, s.providers, before->providers);
	KUNIT_EXPECT_EQ(test, s.remote, before->remote);
	KUNIT_EXPECT_EQ(test, s.generation, before->generation);
}

static void publish_ok(struct kunit *test, struct cluster_net *cn,
		       const char *name, u32 node, u16 port, u8 type)
{
	KUNIT_ASSERT_EQ_MSG(test,
			    cluster_service_publish(cn, name, node, port, type),
			    0, "%s on %u:%u", name, node, port);
}

/* Expect group(@name, @type, @node) to be exactly @want[0..@n). */
static void expect_group(struct kunit *test, struct cluster_net *cn,
			 const char *name, u8 type, u32 node,
			 const struct cluster_service_dest *want, int n)
{
	struct cluster_service_dest got[ROOM];
	int i, ret;

	memset(got, 0xa5, sizeof(got));
	ret = cluster_service_group(cn, name, type, node, got, ROOM);
	KUNIT_ASSERT_EQ_MSG(test, ret, n, "group %s type %u node %u",
			    name, type, node);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, got[i].node, want[i].node,
				    "%s entry %d", name, i);
		KUNIT_EXPECT_EQ_MSG(test, got[i].port, want[i].port,
				    "%s entry %d", name, i);
	}
}

/* Expect the next pick of @name to be (@node, @port). */
static void expect_pick(struct kunit *test, struct cluster_net *cn,
			const char *name, u8 type, u32 filter, u32 node,
			u16 port)
{
	struct cluster_service_dest d = { .node = 0xdead, .port = 0xbeef };

	KUNIT_ASSERT_EQ_MSG(test, cluster_service_pick(cn, name, type, filter,
						       &d),
			    0, "pick %s type %u node %u", name, type, filter);
	KUNIT_EXPECT_EQ_MSG(test, d.node, node, "pick %s", name);
	KUNIT_EXPECT_EQ_MSG(test, d.port, port, "pick %s", name);
}

/* Expect no provider to pick, and the destination left alone. */
static void expect_no_pick(struct kunit *test, struct cluster_net *cn,
			   const char *name, u8 type, u32 filter)
{
	struct cluster_service_dest d = { .node = 0xdead, .port = 0xbeef };

	KUNIT_EXPECT_EQ_MSG(test, cluster_service_pick(cn, name, type, filter,
						       &d),
			    -EHOSTUNREACH, "pick %s type %u node %u", name,
			    type, filter);
	KUNIT_EXPECT_EQ(test, d.node, 0xdeadU);
	KUNIT_EXPECT_EQ(test, d.port, 0xbeef);
}

/* Whether @d is (@node, @port). */
static bool is_dest(const struct cluster_service_dest *d, u32 node, u16 port)
{
	return d->node == node && d->port == port;
}

/* Publish, duplicates, withdraw, and a service gone with its last one. */
static void svc_publish_withdraw_test(struct kunit *test)
{
	static const struct cluster_service_dest two[] = {
		{ 0, 100 }, { 3, 200 },
	};
	static const struct cluster_service_dest three[] = {
		{ 0, 100 }, { 3, 200 }, { 3, 201 },
	};
	static const struct cluster_service_dest left[] = {
		{ 0, 100 }, { 3, 201 },
	};
	struct cluster_net *cn = test->priv;
	struct table_snap before;

	expect_table(test, cn, 0, 0, 0);
	expect_no_pick(test, cn, "echo", RDM, CLUSTER_NODE_ANY);
	expect_group(test, cn, "echo", RDM, CLUSTER_NODE_ALL, NULL, 0);

	publish_ok(test, cn, "echo", 0, 100, RDM);
	publish_ok(test, cn, "echo", 3, 200, RDM);
	before = table_check(test, cn);
	KUNIT_EXPECT_EQ(test, before.services, 1U);
	KUNIT_EXPECT_EQ(test, before.providers, 2U);
	KUNIT_EXPECT_EQ(test, before.remote, 1U);
	KUNIT_EXPECT_EQ(test, before.generation, 2U);

	/* The same (node, port) again, of either type: nothing changes. */
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "echo", 0, 100, RDM),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "echo", 3, 200, RDM),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "echo", 3, 200, SEQ),
			-EEXIST);
	expect_unchanged(test, cn, &before);
	expect_group(test, cn, "echo", RDM, CLUSTER_NODE_ALL, two, 2);
	expect_group(test, cn, "echo", SEQ, CLUSTER_NODE_ALL, NULL, 0);

	/* Another port of a node is another provider. */
	publish_ok(test, cn, "echo", 3, 201, RDM);
	expect_group(test, cn, "echo", RDM, CLUSTER_NODE_ALL, three, 3);
	expect_table(test, cn, 1, 3, 2);

	/* Withdraw: true once, then false; the node must match too. */
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "echo", 3, 200));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, "echo", 3, 200));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, "echo", 0, 201));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, "echo", 4, 100));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, "other", 0, 100));
	expect_group(test, cn, "echo", RDM, CLUSTER_NODE_ALL, left, 2);
	expect_table(test, cn, 1, 2, 1);
	KUNIT_EXPECT_EQ(test, table_check(test, cn).generation, 4U);

	/* The last provider withdrawn: the service is gone. */
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "echo", 0, 100));
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "echo", 3, 201));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, "echo", 3, 201));
	expect_table(test, cn, 0, 0, 0);
	expect_no_pick(test, cn, "echo", RDM, CLUSTER_NODE_ANY);
	expect_no_pick(test, cn, "echo", RDM, 3);
	expect_group(test, cn, "echo", RDM, CLUSTER_NODE_ALL, NULL, 0);

	/* And it can come back. */
	publish_ok(test, cn, "echo", 5, 1, SEQ);
	expect_pick(test, cn, "echo", SEQ, CLUSTER_NODE_ANY, 5, 1);
	expect_no_pick(test, cn, "echo", RDM, CLUSTER_NODE_ANY);
	expect_table(test, cn, 1, 1, 1);
}

/* (node, port) order, this node's (0) first, whatever the insertion order. */
static void svc_order_test(struct kunit *test)
{
	static const struct cluster_service_dest sorted[] = {
		{ 0, 2 }, { 0, 30 }, { 0, 65535 }, { 3, 1 }, { 3, 7 },
		{ 3, 65535 }, { 9, 4 }, { 9, 5 }, { 0xfffffffe, 1 },
	};
	/* Indices into @sorted: three insertion orders. */
	static const unsigned int orders[][ARRAY_SIZE(sorted)] = {
		{ 0, 1, 2, 3, 4, 5, 6, 7, 8 },
		{ 8, 7, 6, 5, 4, 3, 2, 1, 0 },
		{ 7, 1, 4, 0, 8, 3, 5, 2, 6 },
	};
	static const char * const names[] = { "up", "down", "mixed" };
	static const struct cluster_service_dest thinned[] = {
		{ 0, 2 }, { 0, 65535 }, { 3, 7 }, { 9, 4 }, { 0xfffffffe, 1 },
	};
	static const struct cluster_service_dest refilled[] = {
		{ 0, 2 }, { 0, 3 }, { 0, 65535 }, { 3, 2 }, { 3, 7 },
		{ 9, 4 }, { 9, 6 }, { 0xfffffffe, 1 },
	};
	/* Both types in one list, inserted out of order. */
	static const struct {
		u32 node;
		u16 port;
		u8 type;
	} typed[] = {
		{ 9, 6, SEQ }, { 0, 65535, SEQ }, { 3, 7, RDM }, { 0, 3, SEQ },
		{ 0xfffffffe, 1, RDM }, { 3, 2, SEQ }, { 0, 2, RDM },
		{ 9, 4, SEQ },
	};
	static const struct cluster_service_dest typed_rdm[] = {
		{ 0, 2 }, { 3, 7 }, { 0xfffffffe, 1 },
	};
	static const struct cluster_service_dest typed_seq[] = {
		{ 0, 3 }, { 0, 65535 }, { 3, 2 }, { 9, 4 }, { 9, 6 },
	};
	struct cluster_net *cn = test->priv;
	const struct cluster_service_dest *d;
	unsigned int o, i;

	for (o = 0; o < ARRAY_SIZE(orders); o++) {
		for (i = 0; i < ARRAY_SIZE(sorted); i++) {
			d = &sorted[orders[o][i]];
			publish_ok(test, cn, names[o], d->node, d->port, RDM);
		}
		expect_group(test, cn, names[o], RDM, CLUSTER_NODE_ALL, sorted,
			     ARRAY_SIZE(sorted));
	}
	expect_table(test, cn, 3, 3 * ARRAY_SIZE(sorted),
		     3 * (ARRAY_SIZE(sorted) - 3));

	/* Withdrawals keep the order; insertions go between. */
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "mixed", 0, 30));
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "mixed", 3, 1));
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "mixed", 3,
							 65535));
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "mixed", 9, 5));
	expect_group(test, cn, "mixed", RDM, CLUSTER_NODE_ALL, thinned,
		     ARRAY_SIZE(thinned));

	publish_ok(test, cn, "mixed", 9, 6, RDM);
	publish_ok(test, cn, "mixed", 0, 3, RDM);
	publish_ok(test, cn, "mixed", 3, 2, RDM);
	expect_group(test, cn, "mixed", RDM, CLUSTER_NODE_ALL, refilled,
		     ARRAY_SIZE(refilled));

	/* Each type's providers in order; table_check() sees the merge. */
	for (i = 0; i < ARRAY_SIZE(typed); i++)
		publish_ok(test, cn, "typed", typed[i].node, typed[i].port,
			   typed[i].type);
	expect_group(test, cn, "typed", RDM, CLUSTER_NODE_ALL, typed_rdm,
		     ARRAY_SIZE(typed_rdm));
	expect_group(test, cn, "typed", SEQ, CLUSTER_NODE_ALL, typed_seq,
		     ARRAY_SIZE(typed_seq));
	expect_table(test, cn, 4,
		     2 * ARRAY_SIZE(sorted) + ARRAY_SIZE(refilled) +
		     ARRAY_SIZE(typed),
		     2 * (ARRAY_SIZE(sorted) - 3) + 5 + 5);
}

/* Round-robin over one type's providers; the other type is never picked. */
static void svc_pick_round_robin_test(struct kunit *test)
{
	static const struct cluster_service_dest rdm[] = {
		{ 0, 10 }, { 3, 20 }, { 5, 30 },
	};
	struct cluster_net *cn = test->priv;
	struct cluster_service_dest a, b, c;
	unsigned int i;

	/* Interleaved with SEQPACKET providers, and out of order. */
	publish_ok(test, cn, "rr", 5, 31, SEQ);
	publish_ok(test, cn, "rr", 5, 30, RDM);
	publish_ok(test, cn, "rr", 0, 11, SEQ);
	publish_ok(test, cn, "rr", 0, 10, RDM);
	publish_ok(test, cn, "rr", 3, 20, RDM);

	/* Each in turn, in (node, port) order, cycling. */
	for (i = 0; i < 3 * ARRAY_SIZE(rdm) + 1; i++)
		expect_pick(test, cn, "rr", RDM, CLUSTER_NODE_ANY,
			    rdm[i % ARRAY_SIZE(rdm)].node,
			    rdm[i % ARRAY_SIZE(rdm)].port);

	/* SEQPACKET: only (0, 11) and (5, 31), alternating. */
	KUNIT_ASSERT_EQ(test, cluster_service_pick(cn, "rr", SEQ,
						   CLUSTER_NODE_ANY, &a), 0);
	KUNIT_ASSERT_EQ(test, cluster_service_pick(cn, "rr", SEQ,
						   CLUSTER_NODE_ANY, &b), 0);
	KUNIT_EXPECT_TRUE(test,
			  (is_dest(&a, 0, 11) && is_dest(&b, 5, 31)) ||
			  (is_dest(&a, 5, 31) && is_dest(&b, 0, 11)));
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, cluster_service_pick(cn, "rr", SEQ,
							   CLUSTER_NODE_ANY,
							   &c), 0);
		KUNIT_EXPECT_EQ(test, c.node, i % 2 ? b.node : a.node);
		KUNIT_EXPECT_EQ(test, c.port, i % 2 ? b.port : a.port);
	}

	/* A provider withdrawn drops out of the rotation. */
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "rr", 3, 20));
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, cluster_service_pick(cn, "rr", RDM,
							   CLUSTER_NODE_ANY,
							   &c), 0);
		KUNIT_EXPECT_TRUE(test, is_dest(&c, 0, 10) ||
				  is_dest(&c, 5, 30));
		if (i)
			KUNIT_EXPECT_NE(test, c.node, a.node);
		a = c;
	}

	/* A single provider every time; nobody of the type: unreachable. */
	publish_ok(test, cn, "solo", 4, 1, SEQ);
	for (i = 0; i < 3; i++)
		expect_pick(test, cn, "solo", SEQ, CLUSTER_NODE_ANY, 4, 1);
	expect_no_pick(test, cn, "solo", RDM, CLUSTER_NODE_ANY);
	expect_no_pick(test, cn, "nobody", RDM, CLUSTER_NODE_ANY);
}

/* The node filter: one node's providers; this node's id means node 0. */
static void svc_pick_node_test(struct kunit *test)
{
	static const struct cluster_service_dest all[] = {
		{ 0, 10 }, { 0, 11 }, { 3, 20 }, { 5, 30 }, { 5, 31 },
	};
	struct cluster_net *cn = test->priv;
	struct cluster_service_dest d;
	unsigned int i, j, seen[ARRAY_SIZE(all)] = {};

	/* Backwards. */
	for (i = 0; i < ARRAY_SIZE(all); i++) {
		j = ARRAY_SIZE(all) - 1 - i;
		publish_ok(test, cn, "nf", all[j].node, all[j].port, RDM);
	}
	publish_ok(test, cn, "nf", 5, 32, SEQ);
	publish_ok(test, cn, "nf", 3, 21, SEQ);
	publish_ok(test, cn, "nf", 0, 12, SEQ);

	/* Node 5: its two RDM providers in turn, never its SEQPACKET one. */
	expect_pick(test, cn, "nf", RDM, 5, 5, 30);
	expect_pick(test, cn, "nf", RDM, 5, 5, 31);
	expect_pick(test, cn, "nf", RDM, 5, 5, 30);
	expect_pick(test, cn, "nf", RDM, 5, 5, 31);
	for (i = 0; i < 3; i++)
		expect_pick(test, cn, "nf", SEQ, 5, 5, 32);

	/* Node 3: its one provider of each type. */
	for (i = 0; i < 3; i++) {
		expect_pick(test, cn, "nf", RDM, 3, 3, 20);
		expect_pick(test, cn, "nf", SEQ, 3, 3, 21);
	}

	/* This node, by its id: the local providers, reported as node 0. */
	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_EQ(test, cluster_service_pick(cn, "nf", RDM, SELF,
							   &d), 0);
		KUNIT_EXPECT_EQ(test, d.node, 0U);
		if (d.port == 10 || d.port == 11)
			seen[d.port - 10]++;
		else
			KUNIT_FAIL(test, "picked port %u", d.port);
	}
	KUNIT_EXPECT_EQ(test, seen[0], 1U);
	KUNIT_EXPECT_EQ(test, seen[1], 1U);
	expect_pick(test, cn, "nf", SEQ, SELF, 0, 12);

	/* A node without providers, or without one of the type. */
	expect_no_pick(test, cn, "nf", RDM, 4);
	expect_no_pick(test, cn, "nf", RDM, 0xfffffffe);
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "nf", 3, 20));
	expect_no_pick(test, cn, "nf", RDM, 3);
	expect_pick(test, cn, "nf", SEQ, 3, 3, 21);

	/* CLUSTER_NODE_ANY: n consecutive picks visit all n once each. */
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < ARRAY_SIZE(all) - 1; i++) {
		KUNIT_ASSERT_EQ(test, cluster_service_pick(cn, "nf", RDM,
							   CLUSTER_NODE_ANY,
							   &d), 0);
		for (j = 0; j < ARRAY_SIZE(all); j++)
			if (all[j].node == d.node && all[j].port == d.port)
				seen[j]++;
	}
	for (j = 0; j < ARRAY_SIZE(all); j++)
		KUNIT_EXPECT_EQ_MSG(test, seen[j], all[j].node == 3 ? 0U : 1U,
				    "provider %u:%u", all[j].node,
				    all[j].port);
}

/* Group: every matching provider in order, bounded by the room given. */
static void svc_group_test(struct kunit *test)
{
	static const struct cluster_service_dest rdm[] = {
		{ 0, 1 }, { 0, 2 }, { 2, 1 }, { 4, 9 }, { 4, 10 },
	};
	static const struct cluster_service_dest seq[] = {
		{ 2, 2 }, { 6, 1 },
	};
	struct cluster_net *cn = test->priv;
	struct cluster_service_dest *dests;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rdm); i++)
		publish_ok(test, cn, "grp", rdm[i].node, rdm[i].port, RDM);
	publish_ok(test, cn, "grp", 6, 1, SEQ);
	publish_ok(test, cn, "grp", 2, 2, SEQ);

	expect_group(test, cn, "grp", RDM, CLUSTER_NODE_ALL, rdm,
		     ARRAY_SIZE(rdm));
	expect_group(test, cn, "grp", SEQ, CLUSTER_NODE_ALL, seq,
		     ARRAY_SIZE(seq));

	/* Node filter: one node's; this node's id gives the node-0 ones. */
	expect_group(test, cn, "grp", RDM, 4, rdm + 3, 2);
	expect_group(test, cn, "grp", RDM, SELF, rdm, 2);
	expect_group(test, cn, "grp", RDM, 2, rdm + 2, 1);
	expect_group(test, cn, "grp", SEQ, 2, seq, 1);
	expect_group(test, cn, "grp", SEQ, SELF, NULL, 0);
	expect_group(test, cn, "grp", RDM, 6, NULL, 0);
	expect_group(test, cn, "grp", RDM, 3, NULL, 0);
	expect_group(test, cn, "nobody", RDM, CLUSTER_NODE_ALL, NULL, 0);

	/*
	 * Room for exactly @max: heap arrays of that size, so KASAN catches
	 * a write past them.
	 */
	dests = kunit_kmalloc_array(test, ARRAY_SIZE(rdm), sizeof(*dests),
				    GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dests);
	KUNIT_EXPECT_EQ(test, cluster_service_group(cn, "grp", RDM,
						    CLUSTER_NODE_ALL, dests,
						    ARRAY_SIZE(rdm)),
			(int)ARRAY_SIZE(rdm));
	for (i = 0; i < ARRAY_SIZE(rdm); i++) {
		KUNIT_EXPECT_EQ(test, dests[i].node, rdm[i].node);
		KUNIT_EXPECT_EQ(test, dests[i].port, rdm[i].port);
	}
	for (i = 0; i < ARRAY_SIZE(rdm); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    cluster_service_group(cn, "grp", RDM,
							  CLUSTER_NODE_ALL,
							  dests, i),
				    -ENOBUFS, "max %u", i);
	/* No room needed when nobody matches. */
	KUNIT_EXPECT_EQ(test, cluster_service_group(cn, "grp", RDM, 3, NULL, 0),
			0);
	KUNIT_EXPECT_EQ(test, cluster_service_group(cn, "nobody", RDM,
						    CLUSTER_NODE_ALL, NULL, 0),
			0);
	/* Enough room for the node's share, not the service's. */
	KUNIT_EXPECT_EQ(test, cluster_service_group(cn, "grp", RDM, 4, dests,
						    2), 2);

	/* CLUSTER_SERVICE_GROUP_MAX providers fit, one more does not. */
	dests = kunit_kmalloc_array(test, CLUSTER_SERVICE_GROUP_MAX,
				    sizeof(*dests), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dests);
	for (i = 0; i < CLUSTER_SERVICE_GROUP_MAX; i++)
		publish_ok(test, cn, "big", 1 + i / 64, 1 + i % 64, RDM);
	KUNIT_EXPECT_EQ(test, cluster_service_group(cn, "big", RDM,
						    CLUSTER_NODE_ALL, dests,
						    CLUSTER_SERVICE_GROUP_MAX),
			CLUSTER_SERVICE_GROUP_MAX);
	for (i = 0; i < CLUSTER_SERVICE_GROUP_MAX; i++) {
		if (dests[i].node != 1 + i / 64 || dests[i].port != 1 + i % 64) {
			KUNIT_FAIL(test, "entry %u is %u:%u", i, dests[i].node,
				   dests[i].port);
			break;
		}
	}
	publish_ok(test, cn, "big", 0, 1, RDM);
	KUNIT_EXPECT_EQ(test, cluster_service_group(cn, "big", RDM,
						    CLUSTER_NODE_ALL, dests,
						    CLUSTER_SERVICE_GROUP_MAX),
			-ENOBUFS);
	/* The new one came first: (0, 1). */
	KUNIT_EXPECT_EQ(test, dests[0].node, 0U);
	KUNIT_EXPECT_EQ(test, dests[0].port, 1);
}

/* Purge: exactly one node's providers go, and services left empty. */
static void svc_purge_test(struct kunit *test)
{
	static const struct cluster_service_dest a_left[] = {
		{ 0, 1 }, { 3, 1 }, { 9, 1 },
	};
	static const struct cluster_service_dest a_after3[] = {
		{ 0, 1 }, { 9, 1 },
	};
	static const struct cluster_service_dest d_all[] = {
		{ 0, 4 }, { 3, 4 },
	};
	static const struct cluster_service_dest e_left[] = {
		{ 0, 3 },
	};
	struct cluster_net *cn = test->priv;
	struct table_snap before;

	publish_ok(test, cn, "a", 5, 1, RDM);
	publish_ok(test, cn, "a", 0, 1, RDM);
	publish_ok(test, cn, "a", 9, 1, RDM);
	publish_ok(test, cn, "a", 5, 2, SEQ);
	publish_ok(test, cn, "a", 3, 1, RDM);
	publish_ok(test, cn, "b", 5, 7, RDM);	/* node 5 only, two */
	publish_ok(test, cn, "b", 5, 8, RDM);
	publish_ok(test, cn, "c", 5, 1, SEQ);	/* node 5 only, one */
	publish_ok(test, cn, "d", 3, 4, RDM);	/* none on node 5 */
	publish_ok(test, cn, "d", 0, 4, RDM);
	publish_ok(test, cn, "e", 5, 3, RDM);	/* node 5 and this node */
	publish_ok(test, cn, "e", 0, 3, RDM);
	expect_table(test, cn, 5, 12, 9);

	/* Node 0 is this node: never purged.  Nor is a node of nobody. */
	before = table_check(test, cn);
	cluster_service_purge_node(cn, 0);
	expect_unchanged(test, cn, &before);
	cluster_service_purge_node(cn, 42);
	expect_unchanged(test, cn, &before);
	cluster_service_purge_node(cn, SELF);
	expect_unchanged(test, cn, &before);

	cluster_service_purge_node(cn, 5);
	expect_table(test, cn, 3, 6, 3);
	expect_group(test, cn, "a", RDM, CLUSTER_NODE_ALL, a_left,
		     ARRAY_SIZE(a_left));
	expect_group(test, cn, "a", SEQ, CLUSTER_NODE_ALL, NULL, 0);
	expect_group(test, cn, "d", RDM, CLUSTER_NODE_ALL, d_all,
		     ARRAY_SIZE(d_all));
	expect_group(test, cn, "e", RDM, CLUSTER_NODE_ALL, e_left,
		     ARRAY_SIZE(e_left));
	expect_no_pick(test, cn, "b", RDM, CLUSTER_NODE_ANY);
	expect_no_pick(test, cn, "c", SEQ, CLUSTER_NODE_ANY);
	expect_no_pick(test, cn, "a", RDM, 5);
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, "b", 5, 7));

	/* Again: nothing left of node 5. */
	before = table_check(test, cn);
	cluster_service_purge_node(cn, 5);
	expect_unchanged(test, cn, &before);

	/* Node 3: "a" and "d" lose one each; locals stay. */
	cluster_service_purge_node(cn, 3);
	expect_table(test, cn, 3, 4, 1);
	expect_group(test, cn, "a", RDM, CLUSTER_NODE_ALL, a_after3,
		     ARRAY_SIZE(a_after3));
	expect_pick(test, cn, "d", RDM, CLUSTER_NODE_ANY, 0, 4);
	expect_pick(test, cn, "d", RDM, CLUSTER_NODE_ANY, 0, 4);

	/* Node 5 back: its providers can be published again. */
	publish_ok(test, cn, "b", 5, 7, RDM);
	expect_pick(test, cn, "b", RDM, 5, 5, 7);
	expect_table(test, cn, 4, 5, 2);
}

/* The name of bound-test provider @i, on node 1 + @i / 1024. */
static void bound_name(char *name, unsigned int i)
{
	snprintf(name, CLUSTER_SERVICE_MAX, "bound-%u", i % 1024);
}

/*
 * CLUSTER_SERVICE_REMOTE_MAX providers of other nodes, all services
 * together; this node's own are not counted against it.
 */
static void svc_bound_test(struct kunit *test)
{
	struct cluster_net *cn = test->priv;
	char name[CLUSTER_SERVICE_MAX];
	struct table_snap before;
	unsigned int i;
	int err;

	/*
	 * 16 nodes of 1024 providers, over 1024 services (a few providers
	 * each: inserting walks a service's list).
	 */
	BUILD_BUG_ON(CLUSTER_SERVICE_REMOTE_MAX % 1024);
	for (i = 0; i < CLUSTER_SERVICE_REMOTE_MAX; i++) {
		bound_name(name, i);
		err = cluster_service_publish(cn, name, 1 + i / 1024,
					      1 + i % 1024, RDM);
		KUNIT_ASSERT_EQ_MSG(test, err, 0, "provider %u", i);
	}
	expect_table(test, cn, 1024, CLUSTER_SERVICE_REMOTE_MAX,
		     CLUSTER_SERVICE_REMOTE_MAX);

	/* Full: no other remote provider, of a known service or a new one. */
	before = table_check(test, cn);
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "bound-0", 17, 1,
						      RDM), -ENOSPC);
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "bound-0", 1, 2000,
						      SEQ), -ENOSPC);
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "fresh", 1, 5000,
						      RDM), -ENOSPC);
	/* A provider already there: a repeat, not an overflow. */
	err = cluster_service_publish(cn, "bound-1", 1, 2, RDM);
	KUNIT_EXPECT_EQ_MSG(test, err, -EEXIST, "republish when full: %d",
			    err);
	expect_unchanged(test, cn, &before);
	expect_no_pick(test, cn, "fresh", RDM, CLUSTER_NODE_ANY);

	/* This node's providers still go in. */
	publish_ok(test, cn, "bound-0", 0, 1, RDM);
	publish_ok(test, cn, "local-only", 0, 2, SEQ);
	expect_table(test, cn, 1025, CLUSTER_SERVICE_REMOTE_MAX + 2,
		     CLUSTER_SERVICE_REMOTE_MAX);
	expect_pick(test, cn, "bound-0", RDM, SELF, 0, 1);

	/* One withdrawn: room for one. */
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "bound-5", 1, 6));
	publish_ok(test, cn, "fresh", 20, 1, RDM);
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "fresh", 20, 2, RDM),
			-ENOSPC);
	expect_table(test, cn, 1026, CLUSTER_SERVICE_REMOTE_MAX + 2,
		     CLUSTER_SERVICE_REMOTE_MAX);

	/* A node purged: room for its 1024 again. */
	cluster_service_purge_node(cn, 2);
	expect_table(test, cn, 1026, CLUSTER_SERVICE_REMOTE_MAX + 2 - 1024,
		     CLUSTER_SERVICE_REMOTE_MAX - 1024);
	for (i = 0; i < 1024; i++) {
		/* Downwards: each goes in at the head of node 21's. */
		err = cluster_service_publish(cn, "fresh", 21, 1024 - i, SEQ);
		KUNIT_ASSERT_EQ_MSG(test, err, 0, "provider %u", i);
	}
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, "fresh", 22, 1, SEQ),
			-ENOSPC);
	expect_table(test, cn, 1026, CLUSTER_SERVICE_REMOTE_MAX + 2,
		     CLUSTER_SERVICE_REMOTE_MAX);
}

/**
 * struct local_seen - what cluster_service_visit_local() reported
 * @v: the visitor
 * @n: calls
 * @name: the name of each of the first %ROOM calls
 * @port: their ports
 * @type: their types
 */
struct local_seen {
	struct cluster_service_visitor v;
	unsigned int n;
	char name[ROOM][CLUSTER_SERVICE_MAX];
	u16 port[ROOM];
	u8 type[ROOM];
};

/* Under the table's lock: record only. */
static void local_record(struct cluster_service_visitor *v, const char *name,
			 u16 port, u8 type)
{
	struct local_seen *seen = container_of(v, struct local_seen, v);

	if (seen->n < ROOM) {
		strscpy(seen->name[seen->n], name, CLUSTER_SERVICE_MAX);
		seen->port[seen->n] = port;
		seen->type[seen->n] = type;
	}
	seen->n++;
}

/* Visit this node's providers, from a clean record. */
static void local_visit(struct cluster_net *cn, struct local_seen *seen)
{
	memset(seen, 0, sizeof(*seen));
	seen->v.fn = local_record;
	cluster_service_visit_local(cn, &seen->v);
}

/**
 * struct local_want - one local provider expected
 * @name: its service
 * @port: its port
 * @type: its type
 */
struct local_want {
	const char *name;
	u16 port;
	u8 type;
};

/* Expect @seen to be @want, each once, in any order (buckets are hashed). */
static void expect_locals(struct kunit *test, const struct local_seen *seen,
			  const struct local_want *want, unsigned int n)
{
	unsigned int i, j, hits;

	KUNIT_ASSERT_EQ(test, seen->n, n);
	for (i = 0; i < n; i++) {
		hits = 0;
		for (j = 0; j < seen->n; j++)
			hits += !strcmp(seen->name[j], want[i].name) &&
				seen->port[j] == want[i].port &&
				seen->type[j] == want[i].type;
		KUNIT_EXPECT_EQ_MSG(test, hits, 1U, "%s port %u",
				    want[i].name, want[i].port);
	}
}

/* visit_local: this node's providers, each once, and nobody else's. */
static void svc_visit_local_test(struct kunit *test)
{
	static const struct local_want want[] = {
		{ "echo", 10, RDM }, { "echo", 11, SEQ }, { "time", 5, RDM },
		{ "x", 65535, SEQ }, { SERVICE_31, 1, RDM },
	};
	static const struct local_want left[] = {
		{ "echo", 10, RDM }, { "echo", 11, SEQ }, { "x", 65535, SEQ },
		{ SERVICE_31, 1, RDM },
	};
	struct cluster_net *cn = test->priv;
	struct local_seen *seen;
	unsigned int i;

	seen = kunit_kzalloc(test, sizeof(*seen), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, seen);

	local_visit(cn, seen);
	KUNIT_EXPECT_EQ(test, seen->n, 0U);

	/* Remote providers, of the same services and some of their own. */
	publish_ok(test, cn, "echo", 3, 10, RDM);
	publish_ok(test, cn, "time", 4, 5, RDM);
	publish_ok(test, cn, "remote-only", 9, 1, SEQ);
	publish_ok(test, cn, "remote-only", SELF + 1, 2, SEQ);
	local_visit(cn, seen);
	KUNIT_EXPECT_EQ(test, seen->n, 0U);

	for (i = 0; i < ARRAY_SIZE(want); i++)
		publish_ok(test, cn, want[i].name, 0, want[i].port,
			   want[i].type);
	local_visit(cn, seen);
	expect_locals(test, seen, want, ARRAY_SIZE(want));

	/* Purging remote nodes leaves them; a withdrawn one is gone. */
	cluster_service_purge_node(cn, 3);
	cluster_service_purge_node(cn, 4);
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, "time", 0, 5));
	local_visit(cn, seen);
	expect_locals(test, seen, left, ARRAY_SIZE(left));
}

/* A copy of @s in a heap buffer of exactly its size, for KASAN. */
static const char *kname(struct kunit *test, const char *s)
{
	size_t len = strlen(s) + 1;
	char *p = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	memcpy(p, s, len);
	return p;
}

/* Names are compared whole: no prefix, case or length matches. */
static void svc_names_test(struct kunit *test)
{
	static const char * const names[] = {
		"echo", "echo2", "ech", "Echo", "ECHO", "echo.", SERVICE_31,
		"abcdefghijklmnopqrstuvwxyz0123", "e",
	};
	struct cluster_net *cn = test->priv;
	const char *name[ARRAY_SIZE(names)];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		name[i] = kname(test, names[i]);
		publish_ok(test, cn, name[i], 0, 100 + i, RDM);
	}
	expect_table(test, cn, ARRAY_SIZE(names), ARRAY_SIZE(names), 0);

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		expect_pick(test, cn, name[i], RDM, CLUSTER_NODE_ANY, 0,
			    100 + i);
		KUNIT_EXPECT_EQ_MSG(test,
				    cluster_service_group(cn, name[i], RDM,
							  CLUSTER_NODE_ALL,
							  NULL, 0),
				    -ENOBUFS, "%s", names[i]);
	}
	expect_no_pick(test, cn, kname(test, "echo22"), RDM, CLUSTER_NODE_ANY);
	expect_no_pick(test, cn, kname(test, "ec"), RDM, CLUSTER_NODE_ANY);
	expect_no_pick(test, cn, kname(test, ""), RDM, CLUSTER_NODE_ANY);

	/* Another name's provider is not this name's. */
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, name[0], 0, 101));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, name[1], 0, 100));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, name[2], 0, 100));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, name[3], 0, 100));
	KUNIT_EXPECT_FALSE(test, cluster_service_withdraw(cn, name[7], 0, 106));
	expect_table(test, cn, ARRAY_SIZE(names), ARRAY_SIZE(names), 0);

	/* A duplicate is per name: echo's (0, 100) is free for "ech". */
	publish_ok(test, cn, name[2], 0, 100, RDM);
	KUNIT_EXPECT_EQ(test, cluster_service_publish(cn, name[0], 0, 100, RDM),
			-EEXIST);

	/* "echo" goes; its neighbours by name stay. */
	KUNIT_EXPECT_TRUE(test, cluster_service_withdraw(cn, name[0], 0, 100));
	expect_no_pick(test, cn, name[0], RDM, CLUSTER_NODE_ANY);
	for (i = 1; i < ARRAY_SIZE(names); i++)
		KUNIT_EXPECT_NE_MSG(test,
				    cluster_service_group(cn, name[i], RDM,
							  CLUSTER_NODE_ALL,
							  NULL, 0),
				    0, "%s", names[i]);
	expect_pick(test, cn, name[1], RDM, CLUSTER_NODE_ANY, 0, 101);
	expect_table(test, cn, ARRAY_SIZE(names) - 1, ARRAY_SIZE(names), 0);
}

/* Destroy empties a table holding anything, and leaves it usable. */
static void svc_destroy_test(struct kunit *test)
{
	struct cluster_net *cn = test->priv;
	unsigned int i;

	cluster_services_destroy(cn);
	expect_table(test, cn, 0, 0, 0);

	/* Services of one provider and of several, local and remote. */
	for (i = 0; i < 40; i++)
		publish_ok(test, cn, i % 2 ? "odd" : "even", i % 5, i, RDM);
	publish_ok(test, cn, "one", 3, 1, SEQ);
	publish_ok(test, cn, "mine", 0, 1, SEQ);
	expect_table(test, cn, 4, 42, 33);

	cluster_services_destroy(cn);
	expect_table(test, cn, 0, 0, 0);
	expect_no_pick(test, cn, "odd", RDM, CLUSTER_NODE_ANY);
	expect_no_pick(test, cn, "one", SEQ, CLUSTER_NODE_ANY);

	publish_ok(test, cn, "odd", 4, 1, RDM);
	expect_pick(test, cn, "odd", RDM, CLUSTER_NODE_ANY, 4, 1);
	expect_table(test, cn, 1, 1, 1);
	/* The suite's exit destroys it again. */
}

static struct kunit_case service_test_cases[] = {
	KUNIT_CASE(svc_publish_withdraw_test),
	KUNIT_CASE(svc_order_test),
	KUNIT_CASE(svc_pick_round_robin_test),
	KUNIT_CASE(svc_pick_node_test),
	KUNIT_CASE(svc_group_test),
	KUNIT_CASE(svc_purge_test),
	KUNIT_CASE(svc_bound_test),
	KUNIT_CASE(svc_visit_local_test),
	KUNIT_CASE(svc_names_test),
	KUNIT_CASE(svc_destroy_test),
	{}
};

static struct kunit_suite service_test_suite = {
	.name = "af_cluster_service",
	.init = svc_init,
	.exit = svc_exit,
	.test_cases = service_test_cases,
};

kunit_test_suites(&service_test_suite);
