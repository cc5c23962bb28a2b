// SPDX-License-Identifier: GPL-2.0
/*
 * AF_CLUSTER sockets: the address family, struct proto and proto_ops,
 * binding to ports and service names, and the data path both socket types
 * share: messages to a (node, port) go over the virtual circuit to that
 * node, or straight to the socket when the node is this one.  SOCK_RDM
 * sockets address each message; SOCK_SEQPACKET connections are conn.c's.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/errqueue.h>
#include <linux/module.h>
#include <linux/sockios.h>
#include <linux/uio.h>
#include <linux/net.h>
#include <linux/printk.h>
#include <linux/skbuff.h>
#include <linux/socket.h>
#include <linux/sockios.h>
#include <linux/termios.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "af_cluster.h"
#include "addr.h"
#include "frag.h"
#include "service.h"
#include "sock.h"
#include "vc.h"
#include "wire.h"

struct proto cluster_proto = {
	.name = "AF_CLUSTER",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct cluster_sock),
};

static u8 cluster_svc_type(const struct sock *sk)
{
	return sk->sk_type == SOCK_RDM ? CLUSTER_WIRE_SVC_RDM :
					 CLUSTER_WIRE_SVC_SEQPACKET;
}

/* Tell every node that @sk's service is provided (or no longer is). */
static void cluster_sock_announce(struct sock *sk, u8 type)
{
	struct cluster_sock *cs = cluster_sk(sk);
	struct cluster_wire_ctl c = {
		.type = type,
		.reason = cluster_svc_type(sk),
		.sport = cs->port,
	};

	memcpy(c.name, cs->service, sizeof(c.name));
	cluster_vc_broadcast_ctl(cluster_net(sock_net(sk)), &c);
}

/* Withdraw the service, free the port.  lock_sock() held. */
static void cluster_sock_unbind(struct sock *sk)
{
	struct cluster_net *cn = cluster_net(sock_net(sk));
	struct cluster_sock *cs = cluster_sk(sk);

	if (cs->service[0]) {
		cluster_service_withdraw(cn, cs->service, 0, cs->port);
		cluster_sock_announce(sk, CLUSTER_WIRE_CTL_WITHDRAW);
		memset(cs->service, 0, sizeof(cs->service));
	}
	if (!cs->port)
		return;
	cluster_port_remove(cn, cs->port, sk);
	cs->port = 0;
}

/*
 * Runs when the last reference is gone, an RCU grace period after
 * release() (SOCK_RCU_FREE): a receiver that found the socket before it
 * was unbound may have queued to it after release() purged the queues.
 */
static void cluster_sk_destruct(struct sock *sk)
{
	WARN_ON_ONCE(cluster_sk(sk)->port);
	skb_queue_purge(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_error_queue);
}

/**
 * cluster_sock_close() - end a socket: connection, service, port, queues
 * @sk: the socket, from release() or a listener's unaccepted connection
 *
 * Drops the caller's reference.
 * Context: process.
 */
void cluster_sock_close(struct sock *sk)
{
	struct cluster_net *cn = cluster_net(sock_net(sk));
	struct cluster_sock *child, *tmp;
	LIST_HEAD(children);

	lock_sock(sk);
	if (sk->sk_type == SOCK_SEQPACKET)
		cluster_conn_release(sk, &children);
	cluster_sock_unbind(sk);
	sock_orphan(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	release_sock(sk);
	/* A message a circuit held for this socket is now refused. */
	cluster_vc_resume(cn);
	/* So are local senders waiting for room in it. */
	wake_up_all(&cn->local_room);

	/* Connections nobody accepted: their clients see end of file. */
	list_for_each_entry_safe(child, tmp, &children, accept_list) {
		list_del_init(&child->accept_list);
		cluster_sock_close(&child->sk);
	}

	sock_prot_inuse_add(sock_net(sk), sk->sk_prot, -1);
	sock_put(sk);
}

static int cluster_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	sock->sk = NULL;
	cluster_sock_close(sk);
	return 0;
}

static bool cluster_service_reserved(const char *name)
{
	return !strncmp(name, CLUSTER_SERVICE_RESERVED,
			sizeof(CLUSTER_SERVICE_RESERVED) - 1);
}

/* Give @sk a port if it has none yet.  lock_sock() held. */
int cluster_sock_autobind(struct sock *sk)
{
	struct cluster_sock *cs = cluster_sk(sk);
	u16 port;
	int err;

	if (cs->port)
		return 0;
	err = cluster_port_alloc(cluster_net(sock_net(sk)), sk, &port);
	if (!err)
		cs->port = port;
	return err;
}

/*
 * Provide the service @addr names: one service per socket, on the port
 * the socket has or an ephemeral one.
 */
static int cluster_bind_service(struct sock *sk,
				const struct cluster_addr *addr)
{
	struct cluster_sock *cs = cluster_sk(sk);
	struct net *net = sock_net(sk);
	struct cluster_net *cn = cluster_net(net);
	int err;

	if (cluster_service_reserved(addr->service) &&
	    !ns_capable(net->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;

	lock_sock(sk);
	err = -EINVAL;
	if (cs->service[0])
		goto out;
	/* A connection serves one peer: only a listener provides. */
	if (sk->sk_type == SOCK_SEQPACKET && sk->sk_state != TCP_CLOSE &&
	    sk->sk_state != TCP_LISTEN)
		goto out;
	err = cluster_sock_autobind(sk);
	if (err)
		goto out;
	err = cluster_service_publish(cn, addr->service, 0, cs->port,
				      cluster_svc_type(sk));
	if (err)
		goto out;
	memcpy(cs->service, addr->service, sizeof(cs->service));
	cluster_sock_announce(sk, CLUSTER_WIRE_CTL_PUBLISH);
out:
	release_sock(sk);
	return err;
}

static int cluster_bind(struct socket *sock, struct sockaddr *uaddr,
			int addr_len)
{
	struct sock *sk = sock->sk;
	struct cluster_sock *cs = cluster_sk(sk);
	struct net *net = sock_net(sk);
	struct cluster_net *cn = cluster_net(net);
	struct cluster_addr addr;
	u16 port;
	int err;

	err = cluster_addr_parse(uaddr, addr_len, cluster_family, &addr);
	if (err)
		return err;

	if (addr.node != CLUSTER_NODE_ANY &&
	    addr.node != cluster_node_get_id(cn))
		return -EADDRNOTAVAIL;

	if (cluster_addr_is_service(&addr))
		return cluster_bind_service(sk, &addr);

	if (addr.port != CLUSTER_PORT_ANY &&
	    addr.port < CLUSTER_PORT_PRIVILEGED &&
	    !ns_capable(net->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;

	lock_sock(sk);
	if (cs->port) {
		err = -EINVAL;
		goto out;
	}

	port = addr.port;
	if (port == CLUSTER_PORT_ANY)
		err = cluster_port_alloc(cn, sk, &port);
	else
		err = cluster_port_insert(cn, port, sk);
	if (!err)
		cs->port = port;
out:
	release_sock(sk);
	return err;
}

/*
 * Our own address: this node, the port, and the service provided if
 * any.  The peer's: the (node, port) a SOCK_SEQPACKET socket is
 * connected to.
 */
static int cluster_getname(struct socket *sock, struct sockaddr *uaddr,
			   int peer)
{
	DECLARE_SOCKADDR(struct sockaddr_cluster *, scl, uaddr);
	struct sock *sk = sock->sk;
	struct cluster_sock *cs = cluster_sk(sk);
	int err = sizeof(*scl);

	memset(scl, 0, sizeof(*scl));
	scl->scl_family = cluster_family;
	if (peer) {
		spin_lock_bh(&cs->conn_lock);
		if (sk->sk_type != SOCK_SEQPACKET ||
		    sk->sk_state != TCP_ESTABLISHED) {
			err = -ENOTCONN;
		} else {
			scl->scl_node = cs->peer_node;
			scl->scl_port = cs->peer_port;
		}
		spin_unlock_bh(&cs->conn_lock);
		return err;
	}
	scl->scl_node = cluster_node_get_id(cluster_net(sock_net(sk)));
	lock_sock(sk);
	scl->scl_port = cs->port;
	memcpy(scl->scl_service, cs->service, sizeof(scl->scl_service));
	release_sock(sk);
	return err;
}

/* Length of the next message in the receive queue, 0 if none (as UDP). */
static int cluster_inq(struct sock *sk)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff *skb;
	int len = 0;

	/* The receive path queues in softirq: keep it off while we look. */
	spin_lock_bh(&q->lock);
	skb = skb_peek(q);
	if (skb)
		len = skb->len;
	spin_unlock_bh(&q->lock);
	return len;
}

/*
 * SIOCINQ (FIONREAD): what the next recv() returns in full, so that a
 * reader can size its buffer.  SIOCOUTQ (TIOCOUTQ): the memory charged
 * for this socket's messages a circuit still holds because the peer has
 * not acknowledged them (truesize, not payload bytes).  -ENOIOCTLCMD lets
 * sock_do_ioctl() try the generic device ioctls.
 */
static int cluster_ioctl(struct socket *sock, unsigned int cmd,
			 unsigned long arg)
{
	struct sock *sk = sock->sk;
	int amount;

	switch (cmd) {
	case SIOCINQ:
		amount = cluster_inq(sk);
		break;
	case SIOCOUTQ:
		amount = sk_wmem_alloc_get(sk);
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return put_user(amount, (int __user *)arg);
}

static int cluster_setsockopt(struct socket *sock, int level, int optname,
			      sockptr_t optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int val;

	if (level != SOL_CLUSTER)
		return -ENOPROTOOPT;
	switch (optname) {
	case CLUSTER_RECVERR:
		if (optlen < sizeof(int))
			return -EINVAL;
		if (copy_from_sockptr(&val, optval, sizeof(val)))
			return -EFAULT;
		lock_sock(sk);
		WRITE_ONCE(cluster_sk(sk)->recverr, !!val);
		if (!val)
			skb_queue_purge(&sk->sk_error_queue);
		release_sock(sk);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static int cluster_getsockopt(struct socket *sock, int level, int optname,
			      char __user *optval, int __user *optlen)
{
	int len, val;

	if (level != SOL_CLUSTER)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case CLUSTER_RECVERR:
		val = READ_ONCE(cluster_sk(sock->sk)->recverr);
		break;
	default:
		return -ENOPROTOOPT;
	}
	len = min_t(unsigned int, len, sizeof(val));
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

/**
 * cluster_sock_refused() - node @node refused a message from @sk
 * @sk: the sending socket
 * @node: the node that refused it
 * @port: the message's destination port, which nobody there is bound to
 *
 * Context: softirq or process, any locks: only queues and wakes.
 */
void cluster_sock_refused(struct sock *sk, u32 node, u16 port)
{
	struct sock_exterr_skb *serr;
	struct sk_buff *skb;

	/* A connection's messages go to its peer: conn.c sorts it out. */
	if (sk->sk_type == SOCK_SEQPACKET) {
		cluster_conn_refused(sk, node, port);
		return;
	}
	if (!READ_ONCE(cluster_sk(sk)->recverr)) {
		WRITE_ONCE(sk->sk_err, ECONNREFUSED);
		sk_error_report(sk);
		return;
	}
	skb = alloc_skb(0, GFP_ATOMIC);
	if (!skb)
		goto pending;
	serr = SKB_EXT_ERR(skb);
	memset(serr, 0, sizeof(*serr));
	serr->ee.ee_errno = ECONNREFUSED;
	serr->ee.ee_origin = SO_EE_ORIGIN_LOCAL;
	serr->ee.ee_info = port;
	serr->ee.ee_data = node;
	/* Bounded by the receive buffer: beyond it, the pending error. */
	if (!sock_queue_err_skb(sk, skb))
		return;
	kfree_skb(skb);
pending:
	/* No entry for this refusal: still, the sender is told. */
	WRITE_ONCE(sk->sk_err, ECONNREFUSED);
	sk_error_report(sk);
}

/* recvmsg(MSG_ERRQUEUE): the oldest refusal, as CLUSTER_RECVERR says. */
static int cluster_recv_error(struct sock *sk, struct msghdr *msg)
{
	struct sock_exterr_skb *serr;
	struct sk_buff *skb;
	int err;

	skb = sock_dequeue_err_skb(sk);
	if (!skb)
		return -EAGAIN;
	serr = SKB_EXT_ERR(skb);
	if (msg->msg_name) {
		DECLARE_SOCKADDR(struct sockaddr_cluster *, scl,
				 msg->msg_name);

		memset(scl, 0, sizeof(*scl));
		scl->scl_family = cluster_family;
		scl->scl_node = serr->ee.ee_data;
		scl->scl_port = serr->ee.ee_info;
		msg->msg_namelen = sizeof(*scl);
	}
	err = put_cmsg(msg, SOL_CLUSTER, CLUSTER_RECVERR, sizeof(serr->ee),
		       &serr->ee);
	if (!err)
		msg->msg_flags |= MSG_ERRQUEUE;
	consume_skb(skb);
	return err;
}

/*
 * Does the socket's page fragment have room for @flen contiguous bytes?
 * Payload there is referenced by each transmission instead of copied.
 * No (memory is short, or a unit beyond one page): the bytes go in line.
 */
static bool cluster_frag_paged(struct sock *sk, int flen)
{
	struct page_frag *pfrag = sk_page_frag(sk);

	return flen && skb_page_frag_refill(flen, pfrag, sk->sk_allocation) &&
	       pfrag->size - pfrag->offset >= flen;
}

/* Copy @flen bytes of @msg into the page fragment, and give them to @skb. */
static int cluster_frag_fill_page(struct sock *sk, struct sk_buff *skb,
				  struct msghdr *msg, int flen)
{
	struct page_frag *pfrag = sk_page_frag(sk);

	if (copy_page_from_iter(pfrag->page, pfrag->offset, flen,
				&msg->msg_iter) != flen)
		return -EFAULT;
	skb_fill_page_desc(skb, 0, pfrag->page, pfrag->offset, flen);
	get_page(pfrag->page);
	pfrag->offset += flen;
	skb->len += flen;
	skb->data_len += flen;
	/* Charged to the owner like the rest (as ip_append_data() does). */
	skb->truesize += flen;
	refcount_add(flen, &sk->sk_wmem_alloc);
	return 0;
}

/* The fragments of a @len-byte message from @msg, charged to @sk. */
static int cluster_build_frags(struct sock *sk, struct msghdr *msg, u32 len,
			       u32 unit, u16 dport, struct sk_buff_head *frags)
{
	u32 i, n = cluster_frag_count(len, unit);
	struct cluster_frag_hdr hdr;
	struct sk_buff *skb;
	int flen, err, linear;
	bool paged;

	for (i = 0; i < n; i++) {
		flen = cluster_frag_build(&hdr, 0, len, unit, i);
		if (flen < 0)
			return flen;
		paged = cluster_frag_paged(sk, flen);
		linear = paged ? 0 : flen;
		/*
		 * The first fragment waits for send buffer room (or fails
		 * with EAGAIN); the rest of the message may overcommit it,
		 * so that a message is queued whole and never half.
		 */
		if (i == 0) {
			skb = sock_alloc_send_skb(sk, linear,
						  msg->msg_flags & MSG_DONTWAIT,
						  &err);
			if (!skb)
				return err;
		} else {
			skb = alloc_skb(linear, sk->sk_allocation);
			if (!skb)
				return -ENOBUFS;
			skb_set_owner_w(skb, sk);
		}
		__skb_queue_tail(frags, skb);
		if (paged)
			err = cluster_frag_fill_page(sk, skb, msg, flen);
		else
			err = memcpy_from_msg(skb_put(skb, flen), msg, flen);
		if (err)
			return err;
		cluster_vc_cb_init(skb, len, hdr.offset, unit,
				   cluster_sk(sk)->port, dport);
	}
	return 0;
}

/**
 * cluster_sock_deliver() - queue a complete message on the socket at @dport
 * @cn: this node
 * @node: the sending node (this one's id for a local sender)
 * @sport: the sending port
 * @dport: the receiving port
 * @msg: the message; consumed on success only
 * @force: past the receive buffer's limit (a group send's later copies)
 *
 * Context: any; takes no lock but the receive queue's.
 * Return: 0; -ENOBUFS if the socket is full; -ECONNREFUSED if nobody is
 * bound to @dport, or a SOCK_SEQPACKET socket there is not connected to
 * (@node, @sport).
 */
int cluster_sock_deliver(struct cluster_net *cn, u32 node, u16 sport,
			 u16 dport, struct sk_buff *msg, bool force)
{
	struct cluster_rx_cb *rx;
	struct sock *sk;
	int err = 0;

	sk = cluster_port_lookup(cn, dport);
	if (!sk)
		return -ECONNREFUSED;
	if (sk->sk_type == SOCK_SEQPACKET &&
	    !cluster_conn_accepts(sk, node, sport)) {
		sock_put(sk);
		return -ECONNREFUSED;
	}
	rx = (struct cluster_rx_cb *)msg->cb;
	rx->node = node;
	rx->port = sport;
	if (!force) {
		if (sock_queue_rcv_skb(sk, msg))
			err = -ENOBUFS;
	} else {
		skb_orphan(msg);
		skb_set_owner_r(msg, sk);
		skb_queue_tail(&sk->sk_receive_queue, msg);
		if (!sock_flag(sk, SOCK_DEAD))
			sk->sk_data_ready(sk);
	}
	sock_put(sk);
	return err;
}

/* Fragment size of local messages: one page fragment each. */
#define CLUSTER_LOCAL_UNIT	16384

/* Is the socket at @port of this node full? */
static bool cluster_local_full(struct cluster_net *cn, u16 port)
{
	struct sock *sk = cluster_port_lookup(cn, port);
	bool full;

	if (!sk)
		return false;
	full = atomic_read(&sk->sk_rmem_alloc) >= READ_ONCE(sk->sk_rcvbuf);
	sock_put(sk);
	return full;
}

/*
 * A message to a socket of this node: no circuit, the fragments chained
 * into one message as reassembly would.  Waits for room in the receiver
 * like a send waits for its own buffer: SO_SNDTIMEO, MSG_DONTWAIT.
 * lock_sock() held; released while waiting.
 */
static int cluster_send_local(struct sock *sk, struct msghdr *msg, u32 len,
			      u16 dport, bool force)
{
	struct cluster_net *cn = cluster_net(sock_net(sk));
	u16 sport = cluster_sk(sk)->port;
	u32 self = READ_ONCE(cn->node_id);
	struct sk_buff *head, *skb, *tail = NULL;
	struct sk_buff_head frags;
	DEFINE_WAIT(wait);
	long timeo;
	int err;

	__skb_queue_head_init(&frags);
	err = cluster_build_frags(sk, msg, len, CLUSTER_LOCAL_UNIT, dport,
				  &frags);
	if (err) {
		__skb_queue_purge(&frags);
		return err;
	}
	/* The receiver's buffer is charged from here on, not ours. */
	head = __skb_dequeue(&frags);
	skb_orphan(head);
	while ((skb = __skb_dequeue(&frags))) {
		skb_orphan(skb);
		if (!tail)
			skb_shinfo(head)->frag_list = skb;
		else
			tail->next = skb;
		tail = skb;
		head->len += skb->len;
		head->data_len += skb->len;
		head->truesize += skb->truesize;
	}

	timeo = sock_sndtimeo(sk, msg->msg_flags & MSG_DONTWAIT);
	for (;;) {
		prepare_to_wait(&cn->local_room, &wait, TASK_INTERRUPTIBLE);
		err = cluster_sock_deliver(cn, self, sport, dport, head, force);
		if (err != -ENOBUFS)
			break;
		err = -EAGAIN;
		if (!timeo)
			break;
		err = sock_intr_errno(timeo);
		if (signal_pending(current))
			break;
		release_sock(sk);
		timeo = schedule_timeout(timeo);
		lock_sock(sk);
	}
	finish_wait(&cn->local_room, &wait);
	if (err)
		kfree_skb(head);
	return err;
}

/*
 * One message from @sk to (@node, @port): over the circuit, or locally
 * if @node is this node (0 from the service table).  lock_sock() held.
 */
static int cluster_send_to(struct sock *sk, struct msghdr *msg, u32 len,
			   u32 node, u16 port, bool force)
{
	struct cluster_net *cn = cluster_net(sock_net(sk));
	struct sk_buff_head frags;
	struct cluster_vc *vc;
	int err;

	if (!node || node == READ_ONCE(cn->node_id))
		return cluster_send_local(sk, msg, len, port, force);
	vc = cluster_vc_get(cn, node);
	if (!vc)
		return -EHOSTUNREACH;
	__skb_queue_head_init(&frags);
	err = cluster_build_frags(sk, msg, len, cluster_vc_unit(vc), port,
				  &frags);
	if (!err)
		err = cluster_vc_send(vc, &frags, len);
	__skb_queue_purge(&frags);
	cluster_vc_put(vc);
	return err;
}

/*
 * A group send: one copy to every provider of the service, each in order
 * behind this socket's earlier messages to it.  The send is one message:
 * only the first copy waits for buffer room (or fails with EAGAIN); the
 * later ones are queued at once, so that no provider misses it once one
 * has it.  A provider that went away meanwhile is skipped.
 * lock_sock() held.
 */
static int cluster_send_group(struct sock *sk, struct msghdr *msg, u32 len,
			      const struct cluster_addr *addr)
{
	struct cluster_net *cn = cluster_net(sock_net(sk));
	bool nonblock = msg->msg_flags & MSG_DONTWAIT;
	struct cluster_service_dest *dests;
	size_t count = iov_iter_count(&msg->msg_iter);
	int i, n, err = 0, sent = 0;

	dests = kmalloc_array(CLUSTER_SERVICE_GROUP_MAX, sizeof(*dests),
			      GFP_KERNEL);
	if (!dests)
		return -ENOMEM;
	n = cluster_service_group(cn, addr->service, CLUSTER_WIRE_SVC_RDM,
				  addr->node, dests, CLUSTER_SERVICE_GROUP_MAX);
	if (n <= 0) {
		err = n ? n : -EHOSTUNREACH;
		goto out;
	}
	/* Without waiting, a full local receiver fails the whole send. */
	for (i = 0; nonblock && i < n; i++) {
		if (!dests[i].node && cluster_local_full(cn, dests[i].port)) {
			err = -EAGAIN;
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		/* Each copy reads the caller's buffer from the start. */
		iov_iter_revert(&msg->msg_iter,
				count - iov_iter_count(&msg->msg_iter));
		err = cluster_send_to(sk, msg, len, dests[i].node,
				      dests[i].port, sent && !dests[i].node);
		if (!err) {
			sent++;
			continue;
		}
		/* Nothing sent yet: the caller may try again. */
		if (!sent && err != -EHOSTUNREACH && err != -ECONNREFUSED)
			goto out;
	}
	err = sent ? 0 : err;
out:
	kfree(dests);
	return err;
}

/* SOCK_RDM: to a (node, port), one provider of a service, or all. */
static int cluster_sendmsg_rdm(struct sock *sk, struct msghdr *msg, u32 len)
{
	DECLARE_SOCKADDR(struct sockaddr *, uaddr, msg->msg_name);
	struct cluster_net *cn = cluster_net(sock_net(sk));
	struct cluster_service_dest dest;
	struct cluster_addr addr;
	int err;

	if (!uaddr)
		return -EDESTADDRREQ;
	err = cluster_addr_parse(uaddr, msg->msg_namelen, cluster_family,
				 &addr);
	if (err)
		return err;
	if (!cluster_addr_is_destination(&addr))
		return -EINVAL;

	lock_sock(sk);
	/* An unbound sender gets an ephemeral port, its return address. */
	err = cluster_sock_autobind(sk);
	if (err)
		goto out;
	if (!cluster_addr_is_service(&addr)) {
		err = cluster_send_to(sk, msg, len, addr.node, addr.port,
				      false);
	} else if (addr.node == CLUSTER_NODE_ALL) {
		err = cluster_send_group(sk, msg, len, &addr);
	} else {
		err = cluster_service_pick(cn, addr.service,
					   CLUSTER_WIRE_SVC_RDM, addr.node,
					   &dest);
		if (!err)
			err = cluster_send_to(sk, msg, len, dest.node,
					      dest.port, false);
	}
out:
	release_sock(sk);
	return err;
}

/* SOCK_SEQPACKET: to the peer; a send after it closed raises SIGPIPE. */
static int cluster_sendmsg_seqpacket(struct sock *sk, struct msghdr *msg,
				     u32 len)
{
	u32 node;
	u16 port;
	int err;

	lock_sock(sk);
	err = cluster_conn_send_check(sk, &node, &port);
	if (!err && msg->msg_name)
		err = -EISCONN;
	if (!err)
		err = cluster_send_to(sk, msg, len, node, port, false);
	release_sock(sk);
	if (err == -EPIPE && !(msg->msg_flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	return err;
}

static int cluster_sendmsg(struct socket *sock, struct msghdr *msg,
			   size_t len)
{
	struct sock *sk = sock->sk;
	int err;

	if (msg->msg_flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_EOR |
			       MSG_CMSG_COMPAT))
		return -EOPNOTSUPP;
	/* A zero-length SOCK_SEQPACKET message would read as end of file. */
	if (!len)
		return -EINVAL;
	if (len > CLUSTER_WIRE_MSG_MAX)
		return -EMSGSIZE;
	if (sk->sk_type == SOCK_RDM)
		err = cluster_sendmsg_rdm(sk, msg, len);
	else
		err = cluster_sendmsg_seqpacket(sk, msg, len);
	return err ? err : len;
}

/*
 * skb_recv_datagram() handles MSG_DONTWAIT (-EAGAIN), SO_RCVTIMEO and
 * signals.  The core treats SOCK_SEQPACKET as connection-based: until
 * virtual circuits connect one, blocking reads fail with -ENOTCONN and
 * datagram_poll() reports EPOLLHUP.  Messages are records: a short buffer
 * truncates one.
 */
static int cluster_recvmsg(struct socket *sock, struct msghdr *msg,
			   size_t size, int flags)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & ~(MSG_DONTWAIT | MSG_TRUNC | MSG_PEEK | MSG_CMSG_COMPAT |
		      MSG_ERRQUEUE))
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE)
		return cluster_recv_error(sk, msg);

	skb = skb_recv_datagram(sk, flags, &err);
	if (!skb)
		return err;

	copied = skb->len;
	if (size < copied) {
		msg->msg_flags |= MSG_TRUNC;
		copied = size;
	}

	err = skb_copy_datagram_msg(skb, 0, msg, copied);
	if (!err) {
		const struct cluster_rx_cb *rx = (void *)skb->cb;

		sock_recv_cmsgs(msg, sk, skb);
		if (msg->msg_name) {
			DECLARE_SOCKADDR(struct sockaddr_cluster *, scl,
					 msg->msg_name);

			memset(scl, 0, sizeof(*scl));
			scl->scl_family = cluster_family;
			scl->scl_node = rx->node;
			scl->scl_port = rx->port;
			msg->msg_namelen = sizeof(*scl);
		}
		err = (flags & MSG_TRUNC) ? skb->len : copied;
	}

	skb_free_datagram(sk, skb);
	if (!(flags & MSG_PEEK)) {
		struct cluster_net *cn = cluster_net(sock_net(sk));

		/* Room freed: messages a VC holds for a full socket may fit. */
		cluster_vc_resume(cn);
		/* Ordered after the room by cluster_vc_resume()'s barrier. */
		if (waitqueue_active(&cn->local_room))
			wake_up_all(&cn->local_room);
	}
	return err;
}

static const struct proto_ops cluster_rdm_ops = {
	/*
	 * Informational only: the core looks families up by
	 * cluster_family_ops.family, which follows the module parameter.
	 */
	.family = PF_CLUSTER,
	.owner = THIS_MODULE,
	.release = cluster_release,
	.bind = cluster_bind,
	.connect = sock_no_connect,
	.socketpair = sock_no_socketpair,
	.accept = sock_no_accept,
	.getname = cluster_getname,
	.poll = datagram_poll,
	.ioctl = cluster_ioctl,
	.listen = sock_no_listen,
	.shutdown = sock_no_shutdown,
	.setsockopt = cluster_setsockopt,
	.getsockopt = cluster_getsockopt,
	.sendmsg = cluster_sendmsg,
	.recvmsg = cluster_recvmsg,
	.mmap = sock_no_mmap,
};

static const struct proto_ops cluster_seqpacket_ops = {
	.family = PF_CLUSTER,
	.owner = THIS_MODULE,
	.release = cluster_release,
	.bind = cluster_bind,
	.connect = cluster_conn_connect,
	.socketpair = sock_no_socketpair,
	.accept = cluster_conn_accept,
	.getname = cluster_getname,
	.poll = cluster_conn_poll,
	.ioctl = cluster_ioctl,
	.listen = cluster_conn_listen,
	.shutdown = cluster_conn_shutdown,
	.setsockopt = cluster_setsockopt,
	.getsockopt = cluster_getsockopt,
	.sendmsg = cluster_sendmsg,
	.recvmsg = cluster_recvmsg,
	.mmap = sock_no_mmap,
};

/**
 * cluster_sock_setup() - initialise a new socket's af_cluster part
 * @sk: from sk_alloc(), by socket() or for an incoming connection
 */
void cluster_sock_setup(struct sock *sk)
{
	struct cluster_sock *cs = cluster_sk(sk);

	sk->sk_destruct = cluster_sk_destruct;
	/* The receive path finds sockets under RCU alone. */
	sock_set_flag(sk, SOCK_RCU_FREE);
	spin_lock_init(&cs->conn_lock);
	INIT_LIST_HEAD(&cs->accept_queue);
	INIT_LIST_HEAD(&cs->accept_list);
	sock_prot_inuse_add(sock_net(sk), &cluster_proto, 1);
}

static int cluster_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	const struct proto_ops *ops;
	struct sock *sk;

	switch (sock->type) {
	case SOCK_SEQPACKET:
		ops = &cluster_seqpacket_ops;
		break;
	case SOCK_RDM:
		ops = &cluster_rdm_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	if (protocol)
		return -EPROTONOSUPPORT;

	sk = sk_alloc(net, cluster_family, GFP_KERNEL, &cluster_proto, kern);
	if (!sk)
		return -ENOMEM;

	sock->state = SS_UNCONNECTED;
	sock->ops = ops;
	sock_init_data(sock, sk);
	sk->sk_protocol = protocol;
	cluster_sock_setup(sk);
	return 0;
}

static struct net_proto_family cluster_family_ops __ro_after_init = {
	/* .family is set from the module parameter at load. */
	.create = cluster_create,
	.owner = THIS_MODULE,
};

int cluster_socket_init(void)
{
	int err;

	err = proto_register(&cluster_proto, 1);
	if (err)
		return err;

	cluster_family_ops.family = cluster_family;
	err = sock_register(&cluster_family_ops);
	if (err) {
		if (err == -EEXIST)
			pr_err("address family %d is already registered: load with family=N, N one of 13, 14, 18, 19, 22, 25 not in use\n",
			       cluster_family);
		proto_unregister(&cluster_proto);
		return err;
	}
	return 0;
}

void cluster_socket_exit(void)
{
	sock_unregister(cluster_family);
	proto_unregister(&cluster_proto);
}
