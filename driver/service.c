// SPDX-License-Identifier: GPL-2.0
/*
 * The service name table (Documentation/sockets.rst, "Service names").
 *
 * Every node keeps the whole table: its own providers, published by
 * bind(), and every other node's, learned from PUBLISH and WITHDRAW
 * records on that node's circuit.  A circuit that comes up gets our
 * providers; a node that restarts or goes down loses its entries.  A
 * send to a service picks from the table here, without asking anyone.
 */

#include <linux/jhash.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "af_cluster.h"
#include "compat.h"
#include "event.h"
#include "service.h"

void cluster_services_init(struct cluster_services *st)
{
	unsigned int i;

	spin_lock_init(&st->lock);
	for (i = 0; i < CLUSTER_SERVICE_BUCKETS; i++)
		INIT_HLIST_HEAD(&st->buckets[i]);
	st->remote = 0;
	st->generation = 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_services_init);

static struct hlist_head *service_bucket(struct cluster_services *st,
					 const char *name)
{
	u32 h = jhash(name, strnlen(name, CLUSTER_SERVICE_MAX), 0);

	return &st->buckets[h % CLUSTER_SERVICE_BUCKETS];
}

/* The service called @name, or NULL.  st->lock held. */
static struct cluster_service *service_find(struct cluster_services *st,
					    const char *name)
{
	struct cluster_service *svc;

	hlist_for_each_entry(svc, service_bucket(st, name), hash)
		if (!strncmp(svc->name, name, CLUSTER_SERVICE_MAX))
			return svc;
	return NULL;
}

/* (node, port) order: this node (0) first, then by id. */
static bool provider_before(const struct cluster_provider *p, u32 node,
			    u16 port)
{
	return p->node < node || (p->node == node && p->port < port);
}

/**
 * cluster_service_publish() - add a provider
 * @cn: this node
 * @name: the service, valid (cluster_wire_service_valid())
 * @node: the provider's node; 0 for this node
 * @port: its port
 * @type: %CLUSTER_WIRE_SVC_RDM or %CLUSTER_WIRE_SVC_SEQPACKET
 *
 * Context: any; takes the table's lock.
 * Return: 0; -EEXIST if (@node, @port) already provides @name (a record
 * repeated by a circuit's resynchronisation: nothing changes); -ENOSPC
 * if the table holds %CLUSTER_SERVICE_REMOTE_MAX providers of other
 * nodes; -ENOMEM.
 */
int cluster_service_publish(struct cluster_net *cn, const char *name,
			    u32 node, u16 port, u8 type)
{
	struct cluster_services *st = &cn->services;
	struct cluster_service *svc, *fresh;
	struct cluster_provider *p, *pos;
	int err = 0;

	/* Allocated before the lock; freed unused if not needed. */
	fresh = kzalloc(sizeof(*fresh), GFP_ATOMIC);
	p = kzalloc(sizeof(*p), GFP_ATOMIC);
	if (!fresh || !p) {
		err = -ENOMEM;
		goto out;
	}
	p->node = node;
	p->port = port;
	p->type = type;

	spin_lock_bh(&st->lock);
	svc = service_find(st, name);
	if (svc) {
		list_for_each_entry(pos, &svc->providers, list) {
			if (pos->node == node && pos->port == port) {
				err = -EEXIST;
				goto unlock;
			}
			if (!provider_before(pos, node, port))
				break;
		}
	}
	/* A repeat is -EEXIST even when full: it is already held. */
	if (node && st->remote >= CLUSTER_SERVICE_REMOTE_MAX) {
		err = -ENOSPC;
		goto unlock;
	}
	if (!svc) {
		svc = fresh;
		fresh = NULL;
		strscpy(svc->name, name, sizeof(svc->name));
		INIT_LIST_HEAD(&svc->providers);
		hlist_add_head(&svc->hash, service_bucket(st, name));
		pos = list_entry(&svc->providers, struct cluster_provider,
				 list);
	}
	/* Before @pos, or at the tail if the loop ran off the end. */
	list_add_tail(&p->list, &pos->list);
	p = NULL;
	svc->count++;
	if (node)
		st->remote++;
	st->generation++;
unlock:
	spin_unlock_bh(&st->lock);
	if (!err)
		cluster_event_service(cn, name, node, port, true);
out:
	kfree(fresh);
	kfree(p);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_service_publish);

/* Unlink @p of @svc, and @svc when it was the last.  st->lock held. */
static void provider_del(struct cluster_services *st,
			 struct cluster_service *svc,
			 struct cluster_provider *p)
{
	list_del(&p->list);
	if (p->node)
		st->remote--;
	kfree(p);
	st->generation++;
	if (!--svc->count) {
		hlist_del(&svc->hash);
		kfree(svc);
	}
}

/**
 * cluster_service_withdraw() - remove a provider
 * @cn: this node
 * @name: the service
 * @node: the provider's node, 0 for this node
 * @port: its port
 *
 * Context: any; takes the table's lock.
 * Return: whether (@node, @port) provided @name.
 */
bool cluster_service_withdraw(struct cluster_net *cn, const char *name,
			      u32 node, u16 port)
{
	struct cluster_services *st = &cn->services;
	struct cluster_service *svc;
	struct cluster_provider *p;
	bool found = false;

	spin_lock_bh(&st->lock);
	svc = service_find(st, name);
	if (svc) {
		list_for_each_entry(p, &svc->providers, list) {
			if (p->node == node && p->port == port) {
				provider_del(st, svc, p);
				found = true;
				break;
			}
		}
	}
	spin_unlock_bh(&st->lock);
	if (found)
		cluster_event_service(cn, name, node, port, false);
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_service_withdraw);

/**
 * cluster_service_purge_node() - forget every provider on @node
 * @cn: this node
 * @node: a remote node that went down or restarted
 *
 * One event per provider withdrawn.
 * Context: any; takes the table's lock.
 */
void cluster_service_purge_node(struct cluster_net *cn, u32 node)
{
	struct cluster_services *st = &cn->services;
	struct cluster_provider *p, *ptmp;
	struct cluster_service *svc;
	struct hlist_node *tmp;
	unsigned int i;

	if (!node)
		return;
	spin_lock_bh(&st->lock);
	for (i = 0; i < CLUSTER_SERVICE_BUCKETS; i++) {
		hlist_for_each_entry_safe(svc, tmp, &st->buckets[i], hash) {
			list_for_each_entry_safe(p, ptmp, &svc->providers,
						 list) {
				if (p->node != node)
					continue;
				/* Atomic, and takes no lock of ours. */
				cluster_event_service(cn, svc->name, node,
						      p->port, false);
				/* May free svc: the last in the loop. */
				if (svc->count == 1) {
					provider_del(st, svc, p);
					break;
				}
				provider_del(st, svc, p);
			}
		}
	}
	spin_unlock_bh(&st->lock);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_service_purge_node);

static bool provider_matches(const struct cluster_provider *p, u8 type,
			     u32 node, u32 self)
{
	if (p->type != type)
		return false;
	if (node == CLUSTER_NODE_ANY || node == CLUSTER_NODE_ALL)
		return true;
	return p->node ? p->node == node : node == self;
}

/**
 * cluster_service_pick() - the provider an anycast send goes to
 * @cn: this node
 * @name: the service
 * @type: the sender's socket type (%CLUSTER_WIRE_SVC_*)
 * @node: %CLUSTER_NODE_ANY, or only the providers on this node
 * @dest: the provider chosen
 *
 * Round-robin: the service's cursor moves one provider on per send, over
 * the matching providers in (node, port) order, this node's among them.
 *
 * Context: any; takes the table's lock.
 * Return: 0, or -EHOSTUNREACH if nobody provides @name.
 */
int cluster_service_pick(struct cluster_net *cn, const char *name, u8 type,
			 u32 node, struct cluster_service_dest *dest)
{
	struct cluster_services *st = &cn->services;
	u32 self = READ_ONCE(cn->node_id);
	struct cluster_service *svc;
	struct cluster_provider *p;
	unsigned int n = 0, k;
	int err = -EHOSTUNREACH;

	spin_lock_bh(&st->lock);
	svc = service_find(st, name);
	if (!svc)
		goto unlock;
	list_for_each_entry(p, &svc->providers, list)
		n += provider_matches(p, type, node, self);
	if (!n)
		goto unlock;
	k = svc->cursor++ % n;
	list_for_each_entry(p, &svc->providers, list) {
		if (!provider_matches(p, type, node, self))
			continue;
		if (!k--) {
			dest->node = p->node;
			dest->port = p->port;
			err = 0;
			break;
		}
	}
unlock:
	spin_unlock_bh(&st->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_service_pick);

/**
 * cluster_service_group() - every provider a group send goes to
 * @cn: this node
 * @name: the service
 * @type: the sender's socket type (%CLUSTER_WIRE_SVC_*)
 * @node: %CLUSTER_NODE_ALL, or only the providers on this node
 * @dests: filled in (node, port) order
 * @max: room in @dests
 *
 * Context: any; takes the table's lock.
 * Return: the number of providers, 0 if none, or -ENOBUFS if more than
 * @max.
 */
int cluster_service_group(struct cluster_net *cn, const char *name, u8 type,
			  u32 node, struct cluster_service_dest *dests,
			  unsigned int max)
{
	struct cluster_services *st = &cn->services;
	u32 self = READ_ONCE(cn->node_id);
	struct cluster_service *svc;
	struct cluster_provider *p;
	int n = 0;

	spin_lock_bh(&st->lock);
	svc = service_find(st, name);
	if (svc) {
		list_for_each_entry(p, &svc->providers, list) {
			if (!provider_matches(p, type, node, self))
				continue;
			if (n == max) {
				n = -ENOBUFS;
				break;
			}
			dests[n].node = p->node;
			dests[n].port = p->port;
			n++;
		}
	}
	spin_unlock_bh(&st->lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_service_group);

/**
 * cluster_service_visit_local() - visit each of our providers
 * @cn: this node
 * @v: its ->fn is called under the table's lock: it must not sleep nor
 *	take that lock
 *
 * How a circuit that comes up learns what this node provides.
 */
void cluster_service_visit_local(struct cluster_net *cn,
				 struct cluster_service_visitor *v)
{
	struct cluster_services *st = &cn->services;
	struct cluster_service *svc;
	struct cluster_provider *p;
	unsigned int i;

	spin_lock_bh(&st->lock);
	for (i = 0; i < CLUSTER_SERVICE_BUCKETS; i++)
		hlist_for_each_entry(svc, &st->buckets[i], hash)
			list_for_each_entry(p, &svc->providers, list)
				if (!p->node)
					v->fn(v, svc->name, p->port, p->type);
	spin_unlock_bh(&st->lock);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_service_visit_local);

/* At namespace exit: sockets and circuits are gone; free what is left. */
void cluster_services_destroy(struct cluster_net *cn)
{
	struct cluster_services *st = &cn->services;
	struct cluster_provider *p;
	struct cluster_service *svc;
	struct hlist_node *tmp;
	unsigned int i, n;

	spin_lock_bh(&st->lock);
	for (i = 0; i < CLUSTER_SERVICE_BUCKETS; i++) {
		hlist_for_each_entry_safe(svc, tmp, &st->buckets[i], hash) {
			/*
			 * provider_del() frees svc with its last provider:
			 * no list walk may look at svc after that one.
			 */
			for (n = svc->count; n; n--) {
				p = list_first_entry(&svc->providers,
						     struct cluster_provider,
						     list);
				provider_del(st, svc, p);
			}
		}
	}
	WARN_ON_ONCE(st->remote);
	spin_unlock_bh(&st->lock);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_services_destroy);
