// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink command of the service table: show.  Each message's
 * providers are copied under the table's lock and filled after it is
 * released.  A dump that spans several messages resumes by position: a
 * provider that came or went between two of them may be missed or shown
 * twice, like any netlink dump; the table's generation marks such a dump
 * NLM_F_DUMP_INTR.
 */

#include <linux/spinlock.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "af_cluster.h"
#include "netlink.h"
#include "service.h"
#include "wire.h"

/* Providers per message. */
#define SERVICE_DUMP_BATCH	32

struct service_report {
	char name[CLUSTER_SERVICE_MAX];
	u32 node;
	u16 port;
	u8 type;
};

/* Copy up to @max providers from position @skip on.  Return how many. */
static unsigned int service_snapshot(struct cluster_net *cn,
				     unsigned long skip,
				     struct service_report *r,
				     unsigned int max, u32 *generation)
{
	struct cluster_services *st = &cn->services;
	u32 self = READ_ONCE(cn->node_id);
	struct cluster_service *svc;
	struct cluster_provider *p;
	unsigned int i, n = 0;
	unsigned long pos = 0;

	spin_lock_bh(&st->lock);
	*generation = st->generation;
	for (i = 0; i < CLUSTER_SERVICE_BUCKETS; i++) {
		hlist_for_each_entry(svc, &st->buckets[i], hash) {
			list_for_each_entry(p, &svc->providers, list) {
				if (pos++ < skip)
					continue;
				if (n == max)
					goto out;
				memcpy(r[n].name, svc->name, sizeof(r[n].name));
				r[n].node = p->node ? p->node : self;
				r[n].port = p->port;
				r[n].type = p->type == CLUSTER_WIRE_SVC_RDM ?
					    SOCK_RDM : SOCK_SEQPACKET;
				n++;
			}
		}
	}
out:
	spin_unlock_bh(&st->lock);
	return n;
}

static int service_fill(struct sk_buff *msg, const struct service_report *r,
			struct netlink_callback *cb)
{
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(msg, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &cluster_genl_family, NLM_F_MULTI,
			  CLUSTER_CMD_SERVICE_GET);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	nest = nla_nest_start(msg, CLUSTER_A_SERVICE);
	if (!nest ||
	    nla_put_string(msg, CLUSTER_SERVICE_A_NAME, r->name) ||
	    nla_put_u32(msg, CLUSTER_SERVICE_A_NODE, r->node) ||
	    nla_put_u16(msg, CLUSTER_SERVICE_A_PORT, r->port) ||
	    nla_put_u8(msg, CLUSTER_SERVICE_A_TYPE, r->type)) {
		genlmsg_cancel(msg, hdr);
		return -EMSGSIZE;
	}
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return 0;
}

/* cb->args[0]: providers reported so far. */
int cluster_genl_service_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cluster_net *cn = cluster_net(sock_net(skb->sk));
	struct service_report *r;
	unsigned int i, n;
	u32 generation;

	r = kmalloc_array(SERVICE_DUMP_BATCH, sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	n = service_snapshot(cn, cb->args[0], r, SERVICE_DUMP_BATCH,
			     &generation);
	/* A change since the last message: the dump may be inconsistent. */
	cb->seq = generation + 1;
	for (i = 0; i < n; i++) {
		if (service_fill(skb, &r[i], cb))
			break;
		cb->args[0]++;
	}
	kfree(r);
	return skb->len;
}
