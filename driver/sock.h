/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AF_CLUSTER sockets: what socket.c (the family, RDM and the data path)
 * and conn.c (SOCK_SEQPACKET connections) share.
 */
#ifndef _AF_CLUSTER_SOCK_H
#define _AF_CLUSTER_SOCK_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <net/sock.h>
#include <linux/af_cluster.h>

struct cluster_net;
struct cluster_wire_ctl;

/**
 * struct cluster_sock - an AF_CLUSTER socket
 * @sk: the generic socket; first, as sk_alloc() allocates obj_size bytes
 * @port: bound port, 0 while unbound
 * @recverr: CLUSTER_RECVERR is on
 * @service: the service this socket provides, empty if none
 * @conn_lock: the connection state below, and sk_state, sk_err and
 *	sk_shutdown of SOCK_SEQPACKET sockets
 * @peer_node: SOCK_SEQPACKET: the node connected (or connecting) to
 * @peer_port: its port (0 while connecting: the listener's new socket
 *	tells its own port in ACCEPT)
 * @connect_port: the listener's port a connection request went to
 * @peer_gone: the peer's socket is closed: sends fail with EPIPE
 * @accept_queue: a listener's connections not yet accepted
 *	(&cluster_sock.accept_list of each)
 * @accept_list: in the listener's @accept_queue
 *
 * Locking: @port and @service are written under lock_sock() (bind,
 * release) and read by the receive path locklessly where noted.
 * @recverr is written under lock_sock() and read with READ_ONCE().
 * @conn_lock is a spinlock taken with _bh: circuits change connections
 * in softirq.  Lock order: a VC's lock, then @conn_lock, then the
 * socket queues' locks; a listener's @conn_lock before its children's.
 * sk_state is written under @conn_lock and read locklessly by poll.
 */
struct cluster_sock {
	struct sock sk;
	u16 port;
	u8 recverr;
	char service[CLUSTER_SERVICE_MAX];
	spinlock_t conn_lock;	/* see above */
	u32 peer_node;
	u16 peer_port;
	u16 connect_port;
	bool peer_gone;
	struct list_head accept_queue;
	struct list_head accept_list;
};

static inline struct cluster_sock *cluster_sk(struct sock *sk)
{
	return container_of(sk, struct cluster_sock, sk);
}

/* socket.c */
extern struct proto cluster_proto;
void cluster_sock_setup(struct sock *sk);
void cluster_sock_close(struct sock *sk);
int cluster_sock_autobind(struct sock *sk);
int cluster_sock_deliver(struct cluster_net *cn, u32 node, u16 sport,
			 u16 dport, struct sk_buff *msg, bool force);

/* conn.c */
bool cluster_conn_ctl(struct cluster_net *cn, u32 node,
		      const struct cluster_wire_ctl *c,
		      struct cluster_wire_ctl *reply);
void cluster_conn_refused(struct sock *sk, u32 node, u16 port);
void cluster_conn_node_lost(struct cluster_net *cn, u32 node);
bool cluster_conn_accepts(struct sock *sk, u32 node, u16 sport);
int cluster_conn_connect(struct socket *sock, struct sockaddr *uaddr,
			 int addr_len, int flags);
int cluster_conn_listen(struct socket *sock, int backlog);
#ifdef AFC_HAVE_PROTO_ACCEPT_ARG
int cluster_conn_accept(struct socket *sock, struct socket *newsock,
			struct proto_accept_arg *arg);
#else
int cluster_conn_accept(struct socket *sock, struct socket *newsock,
			int flags, bool kern);
#endif
int cluster_conn_shutdown(struct socket *sock, int how);
void cluster_conn_release(struct sock *sk, struct list_head *children);
int cluster_conn_send_check(struct sock *sk, u32 *node, u16 *port);
__poll_t cluster_conn_poll(struct file *file, struct socket *sock,
			   poll_table *wait);

#endif /* _AF_CLUSTER_SOCK_H */
