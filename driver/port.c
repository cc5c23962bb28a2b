// SPDX-License-Identifier: GPL-2.0
/*
 * The per-node port table: which socket is bound to which port.
 * Callers hold the owning socket's lock_sock(); see struct cluster_net for
 * the locking rules.
 */

#include <linux/bug.h>
#include <linux/random.h>
#include <linux/xarray.h>

#include <net/sock.h>

#include "af_cluster.h"

#define CLUSTER_PORT_EPHEMERAL_COUNT \
	(CLUSTER_PORT_EPHEMERAL_MAX - CLUSTER_PORT_EPHEMERAL_MIN + 1)

void cluster_ports_init(struct cluster_net *cn)
{
	/*
	 * _BH: a connection request arriving in softirq binds the
	 * listener's new socket (cluster_port_alloc_gfp()).
	 */
	xa_init_flags(&cn->ports, XA_FLAGS_ALLOC | XA_FLAGS_LOCK_BH);
	/*
	 * Start the ephemeral cursor at a random point so that port numbers
	 * are not predictable across nodes.
	 */
	cn->next_port = CLUSTER_PORT_EPHEMERAL_MIN +
			get_random_u32_below(CLUSTER_PORT_EPHEMERAL_COUNT);
}

/* Sockets pin their netns, so none can still be bound here. */
void cluster_ports_destroy(struct cluster_net *cn)
{
	WARN_ON_ONCE(!xa_empty(&cn->ports));
	xa_destroy(&cn->ports);
}

/**
 * cluster_port_insert() - bind @sk to the explicit port @port
 * @cn: the node
 * @port: a non-zero port
 * @sk: the socket
 *
 * Return: 0, -EADDRINUSE if another socket has @port, or -ENOMEM.
 */
int cluster_port_insert(struct cluster_net *cn, u16 port, struct sock *sk)
{
	int err;

	err = xa_insert_bh(&cn->ports, port, sk, GFP_KERNEL);
	return err == -EBUSY ? -EADDRINUSE : err;
}

/**
 * cluster_port_alloc() - bind @sk to a free ephemeral port
 * @cn: the node
 * @sk: the socket
 * @port: set to the port allocated
 *
 * Ports are handed out cyclically, so a port just released is not reused
 * at once and late traffic for it does not reach a new socket.
 *
 * Return: 0, -EADDRINUSE if every ephemeral port is taken, or -ENOMEM.
 */
int cluster_port_alloc(struct cluster_net *cn, struct sock *sk, u16 *port)
{
	return cluster_port_alloc_gfp(cn, sk, port, GFP_KERNEL);
}

/**
 * cluster_port_alloc_gfp() - cluster_port_alloc(), allocating with @gfp
 * @cn: the node
 * @sk: the socket
 * @port: set to the port allocated
 * @gfp: GFP_ATOMIC for a connection's socket made in softirq
 *
 * Return: as cluster_port_alloc().
 */
int cluster_port_alloc_gfp(struct cluster_net *cn, struct sock *sk, u16 *port,
			   gfp_t gfp)
{
	u32 id;
	int err;

	err = xa_alloc_cyclic_bh(&cn->ports, &id, sk,
				 XA_LIMIT(CLUSTER_PORT_EPHEMERAL_MIN,
					  CLUSTER_PORT_EPHEMERAL_MAX),
				 &cn->next_port, gfp);
	/* 1 means the cursor wrapped: still a success. */
	if (err < 0)
		return err == -EBUSY ? -EADDRINUSE : err;
	*port = id;
	return 0;
}

void cluster_port_remove(struct cluster_net *cn, u16 port, struct sock *sk)
{
	WARN_ON_ONCE(xa_erase_bh(&cn->ports, port) != sk);
}

/**
 * cluster_port_lookup() - the socket bound to @port, with a reference
 * @cn: the node
 * @port: the port
 *
 * Context: any; sockets are SOCK_RCU_FREE, so the lookup needs no lock.
 * Return: the socket (release it with sock_put()), or NULL.
 */
struct sock *cluster_port_lookup(struct cluster_net *cn, u16 port)
{
	struct sock *sk;

	rcu_read_lock();
	sk = xa_load(&cn->ports, port);
	if (sk && !refcount_inc_not_zero(&sk->sk_refcnt))
		sk = NULL;
	rcu_read_unlock();
	return sk;
}
