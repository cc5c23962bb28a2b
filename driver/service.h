/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The service name table: which sockets, on this node and on the others,
 * provide which service (functional addresses,
 * Documentation/sockets.rst).
 */
#ifndef _AF_CLUSTER_SERVICE_H
#define _AF_CLUSTER_SERVICE_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/af_cluster.h>

struct cluster_net;

/* Buckets of the per-node table. */
#define CLUSTER_SERVICE_BUCKETS		64
/* Providers learned from other nodes, all services together. */
#define CLUSTER_SERVICE_REMOTE_MAX	16384
/* Providers a group send reaches at most. */
#define CLUSTER_SERVICE_GROUP_MAX	256

/**
 * struct cluster_provider - one socket providing a service
 * @list: in &cluster_service.providers, ordered by (@node, @port)
 * @node: its node; 0 for this node (whatever its id)
 * @port: its port
 * @type: %CLUSTER_WIRE_SVC_RDM or %CLUSTER_WIRE_SVC_SEQPACKET
 */
struct cluster_provider {
	struct list_head list;
	u32 node;
	u16 port;
	u8 type;
};

/**
 * struct cluster_service - a service name and its providers
 * @hash: in &cluster_services.buckets
 * @name: the name, NUL-terminated
 * @providers: struct cluster_provider
 * @count: entries in @providers
 * @cursor: round-robin position of this node's anycast sends
 */
struct cluster_service {
	struct hlist_node hash;
	char name[CLUSTER_SERVICE_MAX];
	struct list_head providers;
	unsigned int count;
	u32 cursor;
};

/**
 * struct cluster_services - a node's table
 * @lock: protects everything here; a spinlock taken with _bh (circuits
 *	update it in softirq).  Taken inside a VC's lock, never the other
 *	way round, and nothing else is taken under it.
 * @buckets: struct cluster_service by the hash of its name
 * @remote: providers on other nodes, bounded by
 *	%CLUSTER_SERVICE_REMOTE_MAX
 * @generation: bumped by every change, for dumps
 */
struct cluster_services {
	spinlock_t lock;	/* see above */
	struct hlist_head buckets[CLUSTER_SERVICE_BUCKETS];
	unsigned int remote;
	u32 generation;
};

/* A provider chosen for a send. */
struct cluster_service_dest {
	u32 node;	/* 0: this node */
	u16 port;
};

/**
 * struct cluster_service_visitor - what cluster_service_visit_local()
 *	calls for each provider of this node
 * @fn: the function; embed the visitor to give it context
 */
struct cluster_service_visitor {
	void (*fn)(struct cluster_service_visitor *v, const char *name,
		   u16 port, u8 type);
};

void cluster_services_init(struct cluster_services *st);
void cluster_services_destroy(struct cluster_net *cn);
int cluster_service_publish(struct cluster_net *cn, const char *name,
			    u32 node, u16 port, u8 type);
bool cluster_service_withdraw(struct cluster_net *cn, const char *name,
			      u32 node, u16 port);
void cluster_service_purge_node(struct cluster_net *cn, u32 node);
int cluster_service_pick(struct cluster_net *cn, const char *name, u8 type,
			 u32 node, struct cluster_service_dest *dest);
int cluster_service_group(struct cluster_net *cn, const char *name, u8 type,
			  u32 node, struct cluster_service_dest *dests,
			  unsigned int max);
void cluster_service_visit_local(struct cluster_net *cn,
				 struct cluster_service_visitor *v);

#endif /* _AF_CLUSTER_SERVICE_H */
