// SPDX-License-Identifier: GPL-2.0
/*
 * AF_CLUSTER sockets: the address family, struct proto and proto_ops.
 *
 * SOCK_SEQPACKET and SOCK_RDM sockets can be created, bound to a port and
 * read from.  Nothing queues data to them yet: the data path arrives with
 * virtual circuits.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/errqueue.h>
#include <linux/module.h>
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
#include "vc.h"
#include "wire.h"

/**
 * struct cluster_sock - an AF_CLUSTER socket
 * @sk: the generic socket; first, as sk_alloc() allocates obj_size bytes
 * @port: bound port, 0 while unbound.  Written by bind() and release() and
 *	read by getname(), all under lock_sock().
 * @recverr: CLUSTER_RECVERR is on.  Written under lock_sock(), read
 *	locklessly by the receive path (READ_ONCE()).
 */
struct cluster_sock {
	struct sock sk;
	u16 port;
	u8 recverr;
};

static struct cluster_sock *cluster_sk(struct sock *sk)
{
	return container_of(sk, struct cluster_sock, sk);
}

static struct proto cluster_proto = {
	.name = "AF_CLUSTER",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct cluster_sock),
};

/* Called with lock_sock() held. */
static void cluster_sock_unbind(struct sock *sk)
{
	struct cluster_sock *cs = cluster_sk(sk);

	if (!cs->port)
		return;
	cluster_port_remove(cluster_net(sock_net(sk)), cs->port, sk);
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

static int cluster_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;

	lock_sock(sk);
	cluster_sock_unbind(sk);
	sock_orphan(sk);
	sock->sk = NULL;
	skb_queue_purge(&sk->sk_receive_queue);
	release_sock(sk);
	/* A message a circuit held for this socket is now refused. */
	cluster_vc_resume(cluster_net(sock_net(sk)));

	sock_prot_inuse_add(sock_net(sk), sk->sk_prot, -1);
	sock_put(sk);
	return 0;
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

	/* Binding to a service name arrives with the name service. */
	if (cluster_addr_is_service(&addr))
		return -EOPNOTSUPP;

	if (addr.node != CLUSTER_NODE_ANY &&
	    addr.node != cluster_node_get_id(cn))
		return -EADDRNOTAVAIL;

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

static int cluster_getname(struct socket *sock, struct sockaddr *uaddr,
			   int peer)
{
	DECLARE_SOCKADDR(struct sockaddr_cluster *, scl, uaddr);
	struct sock *sk = sock->sk;

	/* No socket is connected before virtual circuits arrive. */
	if (peer)
		return -ENOTCONN;

	memset(scl, 0, sizeof(*scl));
	scl->scl_family = cluster_family;
	scl->scl_node = cluster_node_get_id(cluster_net(sock_net(sk)));
	lock_sock(sk);
	scl->scl_port = cluster_sk(sk)->port;
	release_sock(sk);

	return sizeof(*scl);
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

	if (!READ_ONCE(cluster_sk(sk)->recverr)) {
		WRITE_ONCE(sk->sk_err, ECONNREFUSED);
		sk_error_report(sk);
		return;
	}
	skb = alloc_skb(0, GFP_ATOMIC);
	if (!skb)
		return;
	serr = SKB_EXT_ERR(skb);
	memset(serr, 0, sizeof(*serr));
	serr->ee.ee_errno = ECONNREFUSED;
	serr->ee.ee_origin = SO_EE_ORIGIN_LOCAL;
	serr->ee.ee_info = port;
	serr->ee.ee_data = node;
	/* Bounded by the receive buffer: beyond it the report is dropped. */
	if (sock_queue_err_skb(sk, skb))
		kfree_skb(skb);
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

/*
 * SOCK_RDM: a message to (node, port) over the VC to node.  Connected
 * sockets (SOCK_SEQPACKET) and service names arrive with the socket API.
 */
static int cluster_sendmsg(struct socket *sock, struct msghdr *msg,
			   size_t len)
{
	DECLARE_SOCKADDR(struct sockaddr *, uaddr, msg->msg_name);
	struct sock *sk = sock->sk;
	struct cluster_net *cn = cluster_net(sock_net(sk));
	struct sk_buff_head frags;
	struct cluster_addr addr;
	struct cluster_vc *vc;
	u16 port;
	int err;

	if (sk->sk_type != SOCK_RDM)
		return -EOPNOTSUPP;
	if (msg->msg_flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_EOR |
			       MSG_CMSG_COMPAT))
		return -EOPNOTSUPP;
	/*
	 * No empty messages: on SOCK_SEQPACKET a recv() of 0 bytes means
	 * the peer shut down, and both types behave alike.
	 */
	if (!len)
		return -EINVAL;
	if (!uaddr)
		return -EDESTADDRREQ;
	err = cluster_addr_parse(uaddr, msg->msg_namelen, cluster_family,
				 &addr);
	if (err)
		return err;
	if (cluster_addr_is_service(&addr))
		return -EOPNOTSUPP;
	if (addr.node == CLUSTER_NODE_ANY || addr.node == CLUSTER_NODE_ALL ||
	    addr.port == CLUSTER_PORT_ANY)
		return -EINVAL;
	if (len > CLUSTER_WIRE_MSG_MAX)
		return -EMSGSIZE;

	lock_sock(sk);
	/* An unbound sender gets an ephemeral port, its return address. */
	if (!cluster_sk(sk)->port) {
		err = cluster_port_alloc(cn, sk, &port);
		if (err)
			goto out;
		cluster_sk(sk)->port = port;
	}
	vc = cluster_vc_get(cn, addr.node);
	if (!vc) {
		err = -EHOSTUNREACH;
		goto out;
	}
	__skb_queue_head_init(&frags);
	err = cluster_build_frags(sk, msg, len, cluster_vc_unit(vc),
				  addr.port, &frags);
	if (!err)
		err = cluster_vc_send(vc, &frags, len);
	__skb_queue_purge(&frags);
	cluster_vc_put(vc);
out:
	release_sock(sk);
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
	/* Room freed: messages a VC holds for a full socket may fit. */
	cluster_vc_resume(cluster_net(sock_net(sk)));
	return err;
}

static const struct proto_ops cluster_proto_ops = {
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

static int cluster_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	struct sock *sk;

	switch (sock->type) {
	case SOCK_SEQPACKET:
	case SOCK_RDM:
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
	sock->ops = &cluster_proto_ops;
	sock_init_data(sock, sk);
	sk->sk_protocol = protocol;
	sk->sk_destruct = cluster_sk_destruct;
	/* Lets a future receive path find sockets under RCU alone. */
	sock_set_flag(sk, SOCK_RCU_FREE);

	sock_prot_inuse_add(net, &cluster_proto, 1);
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
