/* SPDX-License-Identifier: GPL-2.0 */
/*
 * af_cluster internals shared by the driver's files.
 */
#ifndef _AF_CLUSTER_H
#define _AF_CLUSTER_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <linux/af_cluster.h>
#include <net/net_namespace.h>

#include "jitter.h"
#include "node.h"
#include "param.h"
#include "service.h"

/* Wire protocol version, reported as CLUSTER_A_PROTO_VERSION. */
#define CLUSTER_PROTO_VERSION	1

struct crypto_shash;
struct net;
struct sock;

/* Module parameters (main.c), validated at load and read-only after. */
extern int cluster_family;
extern unsigned short cluster_ethertype;
/* Set when module unload begins: BYEs then say so. */
extern bool cluster_unloading;

/**
 * struct cluster_key - a node's cluster group and secret, never modified
 * @generation: bumped by every change of group or secret; a handshake
 *	records the generation of the key it used
 * @group: cluster group, 1..65535, or 0 if not set
 * @secret_len: bytes of @secret in use: 0 (no secret) or
 *	%CLUSTER_SECRET_MIN..%CLUSTER_SECRET_MAX
 * @secret: the group secret; never copied to user space or to the wire
 * @tfm: HMAC-SHA256 keyed with @secret (the empty key without one)
 *
 * A change publishes a new key and frees the old one, wiped, after an RCU
 * grace period, so a reader sees a consistent group, secret and
 * generation.  A new secret takes effect for handshakes that start after
 * it: channels already open are not torn down.  A new group (or node id)
 * leaves the old cluster: every channel closes with a BYE.
 */
struct cluster_key {
	u32 generation;
	u16 group;
	u8 secret_len;
	u8 secret[CLUSTER_SECRET_MAX];
	struct crypto_shash *tfm;
};

/**
 * struct cluster_net - per network namespace state: one cluster node
 * @net: the namespace, whose listeners get the node's events (event.c)
 * @lock: serializes writers of @node_id, @node_name, @key and @params
 * @node_id: this node's id, %CLUSTER_NODE_ANY (0) until configured
 * @node_name: this node's name, NUL-terminated, empty until configured
 * @key: group and secret, NULL until either is first set
 * @params_lock: publishes @params to lockless readers
 * @params: timer parameters in force
 * @ports: bound sockets (struct sock *) indexed by port
 * @next_port: cursor for cyclic ephemeral port allocation
 * @rx_unclaimed: frames of our ethertype that no adapter claimed
 * @chan_lock: protects the discovery runtime: channels, peers, adapters'
 *	channel lists and HELLO schedules (see adapter.h, channel.h, peer.h)
 * @adapters: struct cluster_adapter, RCU list
 * @n_adapters: entries in @adapters
 * @peers: struct cluster_peer
 * @n_peers: entries in @peers
 * @stagger: scratch for the HELLO schedules of the other adapters
 * @netdev_nb: this namespace's netdevice notifier (adapter.c)
 * @vcs: struct cluster_vc by remote node id (vc.c); stored and erased
 *	under @chan_lock, looked up under RCU
 * @vc_resume: retries messages held for full sockets
 * @vc_holds: virtual circuits holding a message for a full socket
 * @vc_reap: frees virtual circuits that went down
 * @services: the service name table (service.h has its locking rules)
 * @local_room: senders to a full socket of this node wait here for room
 *
 * Locking rules:
 * - @net is set before anything else and never changes.
 * - @node_id and @node_name are written under both @lock (a mutex) and
 *   @chan_lock, so process context reads them under @lock and the
 *   receive path and timers under @chan_lock.
 * - @key is RCU-protected: readers in any context use
 *   cluster_key_rcu() under rcu_read_lock(); writers hold @lock, replace
 *   the pointer and free the old key with kfree_sensitive() after
 *   synchronize_rcu(), outside @lock.
 * - @params is written only under @lock (so a read-validate-write of the
 *   whole set is atomic) and inside write_seqlock_bh(@params_lock);
 *   readers in any context but hard interrupts take a snapshot with
 *   cluster_params_get() (read_seqbegin() loop) and take no lock, so
 *   timers in softirq can read them.  _bh on the writer, because a
 *   softirq reader interrupting it on the same CPU would spin forever.
 * - @ports uses its own xa_lock (_bh), taken by the xa_*() calls;
 *   @next_port is only read and written by xa_alloc_cyclic() under that
 *   lock.  Entries are inserted by bind() and erased by release() of the
 *   owning socket, both under that socket's lock_sock(), and for a
 *   listener's new connection in softirq (conn.c); a socket is never
 *   freed while it is in @ports.  Sockets are SOCK_RCU_FREE, so lookups
 *   xa_load() under rcu_read_lock() and take a reference.
 * - @rx_unclaimed is an atomic64_t, updated locklessly in softirq.
 * - @chan_lock is a spinlock taken with _bh (timers and the receive path
 *   run in softirq).  It guards @peers, @n_peers, @stagger, and with RTNL
 *   the writers of @adapters and @n_adapters.  No frame is sent under it:
 *   frames go to a local queue, sent by cluster_txq_flush() after unlock.
 * - Lock order: RTNL, then @lock, then @chan_lock, then @params_lock.
 *   lock_sock() may be held while taking @lock or the xa_lock; @lock and
 *   the xa_lock are never held together.
 */
struct cluster_net {
	possible_net_t net;
	struct mutex lock;	/* node identity, see above */
	u32 node_id;
	char node_name[CLUSTER_NODE_NAME_MAX];
	struct cluster_key __rcu *key;

	seqlock_t params_lock;
	struct cluster_params params;

	struct xarray ports;
	u32 next_port;

	atomic64_t rx_unclaimed;

	spinlock_t chan_lock;	/* discovery runtime, see above */
	struct list_head adapters;
	unsigned int n_adapters;
	struct list_head peers;
	unsigned int n_peers;
	u64 stagger[CLUSTER_STAGGER_MAX];
	struct notifier_block netdev_nb;

	struct xarray vcs;
	struct work_struct vc_resume;
	atomic_t vc_holds;
	struct work_struct vc_reap;

	struct cluster_services services;
	wait_queue_head_t local_room;
};

/**
 * struct cluster_node_info - a consistent snapshot of a node's identity
 * @id: node id, 0 if not configured
 * @name: node name, NUL-terminated, empty if not configured
 * @group: cluster group, 0 if not set
 * @secret_set: whether a group secret is set (the secret itself is never
 *	reported)
 * @key_generation: &cluster_key.generation, 0 if neither was ever set
 */
struct cluster_node_info {
	u32 id;
	char name[CLUSTER_NODE_NAME_MAX];
	u16 group;
	bool secret_set;
	u32 key_generation;
};

/**
 * struct cluster_node_update - what one NODE_SET request changes
 * @id: new node id, or NULL to keep it
 * @name: new name, not necessarily NUL-terminated, or NULL to keep it
 * @name_len: length of @name
 * @group: new cluster group, or NULL to keep it
 * @secret: new secret, or NULL to keep it; with @secret_len 0, clear it
 * @secret_len: length of @secret
 */
struct cluster_node_update {
	const u32 *id;
	const char *name;
	size_t name_len;
	const u16 *group;
	const u8 *secret;
	size_t secret_len;
};

/**
 * cluster_key_rcu() - the node's group and secret
 * @cn: the node
 *
 * Call under rcu_read_lock() and do not use the key after
 * rcu_read_unlock(); a channel that must remember which key it used
 * records &cluster_key.generation.
 *
 * Return: the key, or NULL if neither group nor secret was ever set.
 */
static inline const struct cluster_key *cluster_key_rcu(struct cluster_net *cn)
{
	return rcu_dereference(cn->key);
}

/* netns.c */
struct cluster_net *cluster_net(const struct net *net);
int cluster_netns_init(void);
void cluster_netns_exit(void);

/* node.c */
u32 cluster_node_get_id(struct cluster_net *cn);
void cluster_node_get(struct cluster_net *cn, struct cluster_node_info *info);
int cluster_node_set(struct cluster_net *cn,
		     const struct cluster_node_update *upd);
void cluster_node_destroy(struct cluster_net *cn);

/* param.c */
int cluster_params_check_defaults(void);
void cluster_params_init(struct cluster_net *cn);
void cluster_params_get(struct cluster_net *cn, struct cluster_params *p);
int cluster_params_set(struct cluster_net *cn,
		       const struct cluster_params *req, unsigned long mask,
		       const char **why);

/* port.c */
void cluster_ports_init(struct cluster_net *cn);
void cluster_ports_destroy(struct cluster_net *cn);
int cluster_port_insert(struct cluster_net *cn, u16 port, struct sock *sk);
int cluster_port_alloc(struct cluster_net *cn, struct sock *sk, u16 *port);
int cluster_port_alloc_gfp(struct cluster_net *cn, struct sock *sk, u16 *port,
			   gfp_t gfp);
void cluster_port_remove(struct cluster_net *cn, u16 port, struct sock *sk);
struct sock *cluster_port_lookup(struct cluster_net *cn, u16 port);

/* socket.c */
int cluster_socket_init(void);
void cluster_sock_refused(struct sock *sk, u32 node, u16 port);
void cluster_socket_exit(void);

/* packet.c */
void cluster_packet_init(void);
void cluster_packet_exit(void);

/* netlink.c */
int cluster_genl_init(void);
void cluster_genl_exit(void);

#endif /* _AF_CLUSTER_H */
