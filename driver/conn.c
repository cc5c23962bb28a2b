// SPDX-License-Identifier: GPL-2.0
/*
 * SOCK_SEQPACKET connections (Documentation/sockets.rst, "Connections").
 *
 * A connection is a pair of sockets that send each other messages over
 * the circuit between their nodes (or straight, on one node).  Setting it
 * up and ending it are circuit control records, in sequence with the
 * messages: CONNECT from the client's port to the listener's, ACCEPT from
 * the new socket the listener made, CLOSE when one end shuts down or
 * closes.  Nothing is retransmitted here: the circuit is reliable, and
 * when it fails (the node is lost, or restarted) every connection over
 * it is reset.
 *
 * sk_state: TCP_CLOSE (new, or ended), TCP_LISTEN, TCP_SYN_SENT (CONNECT
 * sent) and TCP_ESTABLISHED, as the core's datagram helpers expect of a
 * connection-based socket.
 */

#include <linux/net.h>
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <net/sock.h>

#include "af_cluster.h"
#include "addr.h"
#include "compat.h"
#include "service.h"
#include "sock.h"
#include "vc.h"
#include "wire.h"

/*
 * Ends the connection with @err (positive), reported once; a connection
 * that was up then fails its sends with EPIPE.  conn_lock held.
 */
static void conn_fail(struct sock *sk, int err)
{
	if (sk->sk_state == TCP_ESTABLISHED)
		cluster_sk(sk)->peer_gone = true;
	sk->sk_err = err;
	WRITE_ONCE(sk->sk_state, TCP_CLOSE);
	sk_error_report(sk);
}

/**
 * cluster_conn_send_ctl() - send a control record to @node's circuit
 * @cn: this node
 * @node: the peer node, possibly this one
 * @c: the record
 *
 * On this node the record is handled at once, and so are the answers it
 * gets (a CONNECT's ACCEPT).
 * Context: process or softirq; no VC lock or conn_lock held.
 * Return: 0, or -EHOSTUNREACH if there is no circuit to @node.
 */
static int cluster_conn_send_ctl(struct cluster_net *cn, u32 node,
				 const struct cluster_wire_ctl *c)
{
	struct cluster_wire_ctl rec = *c, reply;
	struct cluster_vc *vc;
	u32 self = READ_ONCE(cn->node_id);
	int err;

	if (!node || node == self) {
		while (cluster_conn_ctl(cn, self, &rec, &reply))
			rec = reply;
		return 0;
	}
	vc = cluster_vc_get(cn, node);
	if (!vc)
		return -EHOSTUNREACH;
	err = cluster_vc_send_ctl(vc, c);
	cluster_vc_put(vc);
	return err;
}

/**
 * cluster_conn_accepts() - may a message from (@node, @sport) reach @sk?
 * @sk: a SOCK_SEQPACKET socket
 * @node: the sending node
 * @sport: the sending port
 *
 * Only its peer's messages, while connected.
 */
bool cluster_conn_accepts(struct sock *sk, u32 node, u16 sport)
{
	struct cluster_sock *cs = cluster_sk(sk);
	bool ok;

	spin_lock_bh(&cs->conn_lock);
	ok = sk->sk_state == TCP_ESTABLISHED && cs->peer_node == node &&
	     cs->peer_port == sport;
	spin_unlock_bh(&cs->conn_lock);
	return ok;
}

/* A listener's new socket for the connection from (@node, @port). */
static struct sock *conn_child(struct sock *parent, u32 node, u16 port)
{
	struct cluster_net *cn = cluster_net(sock_net(parent));
	struct cluster_sock *cs;
	struct sock *sk;
	u16 own;

	sk = sk_alloc(sock_net(parent), cluster_family, GFP_ATOMIC,
		      &cluster_proto, 0);
	if (!sk)
		return NULL;
	sock_init_data(NULL, sk);
	sk->sk_type = SOCK_SEQPACKET;
	sk->sk_rcvbuf = READ_ONCE(parent->sk_rcvbuf);
	sk->sk_sndbuf = READ_ONCE(parent->sk_sndbuf);
	cluster_sock_setup(sk);
	cs = cluster_sk(sk);
	if (cluster_port_alloc_gfp(cn, sk, &own, GFP_ATOMIC)) {
		sock_prot_inuse_add(sock_net(sk), &cluster_proto, -1);
		sock_put(sk);
		return NULL;
	}
	cs->port = own;
	cs->peer_node = node;
	cs->peer_port = port;
	sk->sk_state = TCP_ESTABLISHED;
	return sk;
}

/* Undoes conn_child() for a connection never queued to its listener. */
static void conn_child_discard(struct cluster_net *cn, struct sock *child)
{
	cluster_port_remove(cn, cluster_sk(child)->port, child);
	cluster_sk(child)->port = 0;
	sock_prot_inuse_add(sock_net(child), &cluster_proto, -1);
	sock_put(child);
}

/* CONNECT from (@node, c->sport) to our c->dport.  Fills @reply. */
static void conn_incoming(struct cluster_net *cn, u32 node,
			  const struct cluster_wire_ctl *c,
			  struct cluster_wire_ctl *reply)
{
	struct cluster_sock *ls;
	struct sock *sk, *child = NULL;

	reply->type = CLUSTER_WIRE_CTL_CLOSE;
	reply->reason = CLUSTER_WIRE_CLOSE_REFUSED;
	reply->sport = c->dport;
	reply->dport = c->sport;

	sk = cluster_port_lookup(cn, c->dport);
	if (!sk)
		return;
	if (sk->sk_type != SOCK_SEQPACKET ||
	    READ_ONCE(sk->sk_state) != TCP_LISTEN)
		goto out;
	/* Made before the listener is locked: it allocates. */
	child = conn_child(sk, node, c->sport);
	if (!child)
		goto out;
	ls = cluster_sk(sk);
	spin_lock_bh(&ls->conn_lock);
	if (sk->sk_state != TCP_LISTEN || sk_acceptq_is_full(sk)) {
		spin_unlock_bh(&ls->conn_lock);
		goto out;
	}
	list_add_tail(&cluster_sk(child)->accept_list, &ls->accept_queue);
	sk_acceptq_added(sk);
	reply->type = CLUSTER_WIRE_CTL_ACCEPT;
	reply->reason = 0;
	reply->sport = cluster_sk(child)->port;
	child = NULL;
	spin_unlock_bh(&ls->conn_lock);
	sk->sk_data_ready(sk);
out:
	if (child)
		conn_child_discard(cn, child);
	sock_put(sk);
}

/**
 * cluster_conn_ctl() - a connection record from @node's circuit
 * @cn: this node
 * @node: the sending node
 * @c: CONNECT, ACCEPT or CLOSE, decoded and valid
 * @reply: the record to send back, if any
 *
 * Context: softirq with the circuit's lock held, or process (this node's
 * own connections); takes sockets' conn_lock.
 * Return: true if @reply is to be sent to @node.
 */
bool cluster_conn_ctl(struct cluster_net *cn, u32 node,
		      const struct cluster_wire_ctl *c,
		      struct cluster_wire_ctl *reply)
{
	struct cluster_sock *cs;
	struct sock *sk;
	bool ours, answer = false;

	memset(reply, 0, sizeof(*reply));
	if (c->type == CLUSTER_WIRE_CTL_CONNECT) {
		conn_incoming(cn, node, c, reply);
		return true;
	}
	sk = cluster_port_lookup(cn, c->dport);
	if (!sk || sk->sk_type != SOCK_SEQPACKET) {
		/* An ACCEPT for nobody: the new socket learns at once. */
		answer = c->type == CLUSTER_WIRE_CTL_ACCEPT;
		goto out;
	}
	cs = cluster_sk(sk);
	spin_lock_bh(&cs->conn_lock);
	if (c->type == CLUSTER_WIRE_CTL_ACCEPT) {
		ours = sk->sk_state == TCP_SYN_SENT && cs->peer_node == node;
		if (ours) {
			cs->peer_port = c->sport;
			WRITE_ONCE(sk->sk_state, TCP_ESTABLISHED);
			sk->sk_state_change(sk);
		}
		answer = !ours;
	} else if (sk->sk_state == TCP_SYN_SENT) {
		/* The listener's refusal (its port answers for it). */
		if (cs->peer_node == node && cs->connect_port == c->sport)
			conn_fail(sk, c->reason == CLUSTER_WIRE_CLOSE_REFUSED ?
				  ECONNREFUSED : ECONNRESET);
	} else if (sk->sk_state == TCP_ESTABLISHED &&
		   cs->peer_node == node && cs->peer_port == c->sport) {
		switch (c->reason) {
		case CLUSTER_WIRE_CLOSE_RELEASED:
			cs->peer_gone = true;
			fallthrough;
		case CLUSTER_WIRE_CLOSE_SHUTDOWN:
			/* End of file once the queue is read. */
			WRITE_ONCE(sk->sk_shutdown,
				   sk->sk_shutdown | RCV_SHUTDOWN);
			sk->sk_state_change(sk);
			break;
		default:
			conn_fail(sk, ECONNRESET);
		}
	}
	spin_unlock_bh(&cs->conn_lock);
out:
	if (answer) {
		reply->type = CLUSTER_WIRE_CTL_CLOSE;
		reply->reason = CLUSTER_WIRE_CLOSE_RESET;
		reply->sport = c->dport;
		reply->dport = c->sport;
	}
	if (sk)
		sock_put(sk);
	return answer;
}

/**
 * cluster_conn_refused() - the peer node refused a message of @sk's
 * @sk: a SOCK_SEQPACKET socket
 * @node: the node
 * @port: the port nobody there is bound to any more
 *
 * A CONNECT to a port nobody has: connection refused.  A message to a
 * peer that is closed: its CLOSE crossed our message, further sends fail
 * with EPIPE.
 * Context: softirq, the circuit's lock held.
 */
void cluster_conn_refused(struct sock *sk, u32 node, u16 port)
{
	struct cluster_sock *cs = cluster_sk(sk);

	spin_lock_bh(&cs->conn_lock);
	if (sk->sk_state == TCP_SYN_SENT && cs->peer_node == node &&
	    cs->connect_port == port) {
		conn_fail(sk, ECONNREFUSED);
	} else if (sk->sk_state == TCP_ESTABLISHED && cs->peer_node == node &&
		   cs->peer_port == port) {
		cs->peer_gone = true;
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | RCV_SHUTDOWN);
		sk->sk_state_change(sk);
	}
	spin_unlock_bh(&cs->conn_lock);
}

/**
 * cluster_conn_node_lost() - reset every connection to @node
 * @cn: this node
 * @node: a node whose last channel closed, whose circuit went down, or
 *	that restarted
 *
 * Context: any; takes sockets' conn_lock.
 */
void cluster_conn_node_lost(struct cluster_net *cn, u32 node)
{
	struct cluster_sock *cs;
	unsigned long port;
	struct sock *sk;

	rcu_read_lock();
	xa_for_each(&cn->ports, port, sk) {
		if (sk->sk_type != SOCK_SEQPACKET)
			continue;
		cs = cluster_sk(sk);
		spin_lock_bh(&cs->conn_lock);
		if (cs->peer_node == node) {
			if (sk->sk_state == TCP_ESTABLISHED)
				conn_fail(sk, ECONNRESET);
			else if (sk->sk_state == TCP_SYN_SENT)
				conn_fail(sk, EHOSTUNREACH);
		}
		spin_unlock_bh(&cs->conn_lock);
	}
	rcu_read_unlock();
}

/**
 * cluster_conn_send_check() - may @sk send, and to whom?
 * @sk: a SOCK_SEQPACKET socket; lock_sock() held
 * @node: set to the peer's node
 * @port: set to its port
 *
 * Return: 0; the pending error (ECONNRESET once, after a reset); -EPIPE
 * after shutdown(SHUT_WR) or once the peer closed; -ENOTCONN.
 */
int cluster_conn_send_check(struct sock *sk, u32 *node, u16 *port)
{
	struct cluster_sock *cs = cluster_sk(sk);
	int err;

	spin_lock_bh(&cs->conn_lock);
	err = sock_error(sk);
	if (err)
		goto out;
	if ((sk->sk_shutdown & SEND_SHUTDOWN) || cs->peer_gone)
		err = -EPIPE;
	else if (sk->sk_state != TCP_ESTABLISHED)
		err = -ENOTCONN;
	*node = cs->peer_node;
	*port = cs->peer_port;
out:
	spin_unlock_bh(&cs->conn_lock);
	return err;
}

int cluster_conn_connect(struct socket *sock, struct sockaddr *uaddr,
			 int addr_len, int flags)
{
	struct sock *sk = sock->sk;
	struct cluster_sock *cs = cluster_sk(sk);
	struct cluster_net *cn = cluster_net(sock_net(sk));
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct cluster_wire_ctl c = { .type = CLUSTER_WIRE_CTL_CONNECT };
	struct cluster_service_dest dest;
	struct cluster_addr addr;
	long timeo;
	int err;

	err = cluster_addr_parse(uaddr, addr_len, cluster_family, &addr);
	if (err)
		return err;
	/* A connection has one peer: not a group. */
	if (!cluster_addr_is_destination(&addr) ||
	    (cluster_addr_is_service(&addr) && addr.node == CLUSTER_NODE_ALL))
		return -EINVAL;

	lock_sock(sk);
	switch (sk->sk_state) {
	case TCP_ESTABLISHED:
		err = -EISCONN;
		goto out;
	case TCP_SYN_SENT:
		err = -EALREADY;
		goto out;
	case TCP_LISTEN:
		err = -EINVAL;
		goto out;
	}
	/* A listener's service stays with it. */
	if (cs->service[0]) {
		err = -EINVAL;
		goto out;
	}
	if (cluster_addr_is_service(&addr)) {
		err = cluster_service_pick(cn, addr.service,
					   CLUSTER_WIRE_SVC_SEQPACKET,
					   addr.node, &dest);
		if (err)
			goto out;
	} else {
		dest.node = addr.node;
		dest.port = addr.port;
	}
	if (!dest.node)
		dest.node = READ_ONCE(cn->node_id);
	err = cluster_sock_autobind(sk);
	if (err)
		goto out;

	spin_lock_bh(&cs->conn_lock);
	sk->sk_err = 0;
	WRITE_ONCE(sk->sk_shutdown, 0);
	cs->peer_gone = false;
	cs->peer_node = dest.node;
	cs->peer_port = 0;
	cs->connect_port = dest.port;
	WRITE_ONCE(sk->sk_state, TCP_SYN_SENT);
	spin_unlock_bh(&cs->conn_lock);

	c.sport = cs->port;
	c.dport = dest.port;
	err = cluster_conn_send_ctl(cn, dest.node, &c);
	if (err) {
		spin_lock_bh(&cs->conn_lock);
		WRITE_ONCE(sk->sk_state, TCP_CLOSE);
		spin_unlock_bh(&cs->conn_lock);
		goto out;
	}

	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	add_wait_queue(sk_sleep(sk), &wait);
	while (READ_ONCE(sk->sk_state) == TCP_SYN_SENT) {
		err = -EINPROGRESS;
		if (!timeo)
			break;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			break;
		sk_wait_event(sk, &timeo,
			      READ_ONCE(sk->sk_state) != TCP_SYN_SENT, &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	if (READ_ONCE(sk->sk_state) == TCP_ESTABLISHED) {
		sock->state = SS_CONNECTED;
		err = 0;
	} else if (READ_ONCE(sk->sk_state) == TCP_CLOSE) {
		err = sock_error(sk) ? : -ECONNREFUSED;
	}
out:
	release_sock(sk);
	return err;
}

int cluster_conn_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct cluster_sock *cs = cluster_sk(sk);
	int err;

	lock_sock(sk);
	err = -EINVAL;
	if (sk->sk_state != TCP_CLOSE && sk->sk_state != TCP_LISTEN)
		goto out;
	err = cluster_sock_autobind(sk);
	if (err)
		goto out;
	spin_lock_bh(&cs->conn_lock);
	WRITE_ONCE(sk->sk_max_ack_backlog, clamp(backlog, 1, SOMAXCONN));
	WRITE_ONCE(sk->sk_state, TCP_LISTEN);
	spin_unlock_bh(&cs->conn_lock);
	err = 0;
out:
	release_sock(sk);
	return err;
}

/* The oldest connection a listener has not handed out, or NULL. */
static struct sock *conn_dequeue(struct sock *sk)
{
	struct cluster_sock *cs = cluster_sk(sk), *child;

	spin_lock_bh(&cs->conn_lock);
	child = list_first_entry_or_null(&cs->accept_queue,
					 struct cluster_sock, accept_list);
	if (child) {
		list_del_init(&child->accept_list);
		sk_acceptq_removed(sk);
	}
	spin_unlock_bh(&cs->conn_lock);
	return child ? &child->sk : NULL;
}

static int conn_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct sock *sk = sock->sk, *child = NULL;
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	long timeo;
	int err;

	lock_sock(sk);
	timeo = sock_rcvtimeo(sk, flags & O_NONBLOCK);
	add_wait_queue(sk_sleep(sk), &wait);
	for (;;) {
		err = -EINVAL;
		if (sk->sk_state != TCP_LISTEN)
			break;
		child = conn_dequeue(sk);
		err = 0;
		if (child)
			break;
		err = -EAGAIN;
		if (!timeo)
			break;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			break;
		sk_wait_event(sk, &timeo,
			      !list_empty_careful(&cluster_sk(sk)->accept_queue) ||
			      READ_ONCE(sk->sk_state) != TCP_LISTEN, &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	release_sock(sk);
	if (!child)
		return err;
	lock_sock(child);
	sock_graft(child, newsock);
	newsock->state = SS_CONNECTED;
	release_sock(child);
	return 0;
}

#ifdef AFC_HAVE_PROTO_ACCEPT_ARG
int cluster_conn_accept(struct socket *sock, struct socket *newsock,
			struct proto_accept_arg *arg)
{
	return conn_accept(sock, newsock, arg->flags);
}
#else
int cluster_conn_accept(struct socket *sock, struct socket *newsock,
			int flags, bool kern)
{
	return conn_accept(sock, newsock, flags);
}
#endif

int cluster_conn_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	struct cluster_sock *cs = cluster_sk(sk);
	struct cluster_net *cn = cluster_net(sock_net(sk));
	struct cluster_wire_ctl c = {
		.type = CLUSTER_WIRE_CTL_CLOSE,
		.reason = CLUSTER_WIRE_CLOSE_SHUTDOWN,
	};
	bool tell = false;
	u32 node = 0;
	int err = 0;

	/* SHUT_RD, SHUT_WR, SHUT_RDWR to RCV_SHUTDOWN and/or SEND_SHUTDOWN. */
	how++;
	if (how < RCV_SHUTDOWN || how > SHUTDOWN_MASK)
		return -EINVAL;
	lock_sock(sk);
	spin_lock_bh(&cs->conn_lock);
	if (sk->sk_state != TCP_ESTABLISHED && sk->sk_state != TCP_LISTEN) {
		err = -ENOTCONN;
	} else {
		tell = sk->sk_state == TCP_ESTABLISHED &&
		       (how & SEND_SHUTDOWN) &&
		       !(sk->sk_shutdown & SEND_SHUTDOWN);
		node = cs->peer_node;
		c.sport = cs->port;
		c.dport = cs->peer_port;
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
		sk->sk_state_change(sk);
	}
	spin_unlock_bh(&cs->conn_lock);
	/* In sequence behind every message already sent. */
	if (tell)
		cluster_conn_send_ctl(cn, node, &c);
	release_sock(sk);
	return err;
}

/**
 * cluster_conn_release() - end @sk's connection or listening
 * @sk: a SOCK_SEQPACKET socket being closed; lock_sock() held
 * @children: gets a listener's connections nobody accepted, for the
 *	caller to close once @sk is unlocked
 *
 * The peer is told (CLOSE, in sequence behind our messages): its reads
 * end, its sends fail with EPIPE.
 */
void cluster_conn_release(struct sock *sk, struct list_head *children)
{
	struct cluster_sock *cs = cluster_sk(sk);
	struct cluster_net *cn = cluster_net(sock_net(sk));
	struct cluster_wire_ctl c = {
		.type = CLUSTER_WIRE_CTL_CLOSE,
		.reason = CLUSTER_WIRE_CLOSE_RELEASED,
	};
	bool tell;
	u32 node;

	spin_lock_bh(&cs->conn_lock);
	tell = sk->sk_state == TCP_ESTABLISHED && !cs->peer_gone;
	node = cs->peer_node;
	c.sport = cs->port;
	c.dport = cs->peer_port;
	if (sk->sk_state == TCP_LISTEN) {
		list_splice_init(&cs->accept_queue, children);
		sk->sk_ack_backlog = 0;
	}
	WRITE_ONCE(sk->sk_state, TCP_CLOSE);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	spin_unlock_bh(&cs->conn_lock);
	if (tell && c.sport && c.dport)
		cluster_conn_send_ctl(cn, node, &c);
}

__poll_t cluster_conn_poll(struct file *file, struct socket *sock,
			   poll_table *wait)
{
	struct sock *sk = sock->sk;

	if (READ_ONCE(sk->sk_state) == TCP_LISTEN) {
		sock_poll_wait(file, sock, wait);
		return list_empty_careful(&cluster_sk(sk)->accept_queue) ?
		       0 : EPOLLIN | EPOLLRDNORM;
	}
	return datagram_poll(file, sock, wait);
}
