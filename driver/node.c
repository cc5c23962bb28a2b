// SPDX-License-Identifier: GPL-2.0
/*
 * Node identity and key: validation of ids, names and secrets (pure
 * functions, exported to KUnit) and the locked accessors of struct
 * cluster_net.
 */

#include <linux/err.h>
#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/rtnetlink.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "af_cluster.h"
#include "adapter.h"
#include "auth.h"
#include "channel.h"
#include "compat.h"

/**
 * cluster_node_id_valid() - may @id be assigned to a node?
 * @id: candidate node id
 *
 * %CLUSTER_NODE_ANY (0) means "not configured" and %CLUSTER_NODE_ALL
 * addresses every node, so neither can name one node.
 *
 * Return: true if @id is 1..0xfffffffe.
 */
bool cluster_node_id_valid(u32 id)
{
	return id != CLUSTER_NODE_ANY && id != CLUSTER_NODE_ALL;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_node_id_valid);

/* ASCII only: the kernel's isalnum() also accepts Latin-1 letters. */
static bool cluster_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/**
 * cluster_node_name_valid() - may @name be assigned to a node?
 * @name: candidate name, not necessarily NUL-terminated
 * @len: length of @name in bytes; no byte beyond it is read
 *
 * Names are shown by tools and used in logs, so they are kept to a
 * portable hostname-like set.
 *
 * Return: true if @name is 1..15 bytes of [A-Za-z0-9._-] and starts with a
 * letter or digit.
 */
bool cluster_node_name_valid(const char *name, size_t len)
{
	size_t i;

	if (len < 1 || len >= CLUSTER_NODE_NAME_MAX)
		return false;
	if (!cluster_ascii_alnum(name[0]))
		return false;
	for (i = 1; i < len; i++) {
		char c = name[i];

		if (!cluster_ascii_alnum(c) && c != '.' && c != '_' && c != '-')
			return false;
	}
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_node_name_valid);

/**
 * cluster_node_secret_len_valid() - may a secret be @len bytes long?
 * @len: length of the candidate secret
 *
 * The lower bound keeps a guessable secret out; the upper one is the
 * storage in struct cluster_key.  The bytes themselves are free.
 *
 * Return: true if @len is %CLUSTER_SECRET_MIN..%CLUSTER_SECRET_MAX.
 */
bool cluster_node_secret_len_valid(size_t len)
{
	return len >= CLUSTER_SECRET_MIN && len <= CLUSTER_SECRET_MAX;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_node_secret_len_valid);

u32 cluster_node_get_id(struct cluster_net *cn)
{
	u32 id;

	mutex_lock(&cn->lock);
	id = cn->node_id;
	mutex_unlock(&cn->lock);
	return id;
}

void cluster_node_get(struct cluster_net *cn, struct cluster_node_info *info)
{
	const struct cluster_key *key;

	mutex_lock(&cn->lock);
	info->id = cn->node_id;
	memcpy(info->name, cn->node_name, sizeof(info->name));
	key = rcu_dereference_protected(cn->key, lockdep_is_held(&cn->lock));
	info->group = key ? key->group : 0;
	info->secret_set = key && key->secret_len;
	info->key_generation = key ? key->generation : 0;
	mutex_unlock(&cn->lock);
}

static void cluster_key_free(struct cluster_key *key)
{
	if (!key)
		return;
	cluster_auth_free(key->tfm);
	kfree_sensitive(key);
}

/**
 * cluster_node_set() - change this node's identity and/or key
 * @cn: the node
 * @upd: what to change; every field left NULL is kept
 *
 * Everything is validated before anything is changed, and all changes are
 * made under one hold of @cn->lock, so a failed call changes nothing and
 * readers never see half a request.  A request that gives a group or a
 * secret, even the current one, replaces the key with the next
 * generation; the old key is wiped and freed once no reader can hold it.
 * A new node id or group leaves the old cluster: every channel is closed
 * with a BYE first.  A new secret applies to handshakes from now on.
 *
 * Context: process; takes @cn->lock and chan_lock, then RTNL after
 * releasing them.
 * Return: 0; -EINVAL if a value is invalid; -ENOMEM, or the crypto API's
 * error if HMAC-SHA256 is unavailable.
 */
int cluster_node_set(struct cluster_net *cn,
		     const struct cluster_node_update *upd)
{
	struct cluster_key *key = NULL, *old = NULL;
	struct sk_buff_head txq;
	LIST_HEAD(dead);
	bool reset;

	if (upd->id && !cluster_node_id_valid(*upd->id))
		return -EINVAL;
	if (upd->name && !cluster_node_name_valid(upd->name, upd->name_len))
		return -EINVAL;
	if (upd->group && *upd->group == 0)
		return -EINVAL;
	if (upd->secret && upd->secret_len &&
	    !cluster_node_secret_len_valid(upd->secret_len))
		return -EINVAL;

	/* Allocated before anything changes: a failure changes nothing. */
	if (upd->group || upd->secret) {
		key = kzalloc(sizeof(*key), GFP_KERNEL);
		if (!key)
			return -ENOMEM;
	}

	mutex_lock(&cn->lock);
	old = rcu_dereference_protected(cn->key, lockdep_is_held(&cn->lock));
	if (key) {
		key->generation = (old ? old->generation : 0) + 1;
		if (upd->group)
			key->group = *upd->group;
		else if (old)
			key->group = old->group;
		if (upd->secret) {
			key->secret_len = upd->secret_len;
			memcpy(key->secret, upd->secret, upd->secret_len);
		} else if (old) {
			key->secret_len = old->secret_len;
			memcpy(key->secret, old->secret, old->secret_len);
		}
		key->tfm = cluster_auth_alloc(key->secret, key->secret_len);
		if (IS_ERR(key->tfm)) {
			int err = PTR_ERR(key->tfm);

			mutex_unlock(&cn->lock);
			kfree_sensitive(key);
			return err;
		}
	}

	reset = (upd->id && cn->node_id && *upd->id != cn->node_id) ||
		(key && old && old->group && key->group != old->group);

	/*
	 * The BYEs go out under the old identity, and the new one takes
	 * over in the same hold of chan_lock: a frame accepted under the
	 * old identity cannot open a record after the reset.
	 */
	__skb_queue_head_init(&txq);
	rcu_read_lock();
	spin_lock_bh(&cn->chan_lock);
	if (reset)
		cluster_channels_reset_locked(cn, CLUSTER_NODE_ANY,
					      CLUSTER_BYE_ADMIN, &txq, &dead);
	if (upd->id)
		WRITE_ONCE(cn->node_id, *upd->id);
	if (upd->name) {
		memset(cn->node_name, 0, sizeof(cn->node_name));
		memcpy(cn->node_name, upd->name, upd->name_len);
	}
	if (key)
		rcu_assign_pointer(cn->key, key);
	else
		old = NULL;
	spin_unlock_bh(&cn->chan_lock);
	cluster_txq_flush(&txq);
	rcu_read_unlock();
	cluster_channels_reap(&dead);
	mutex_unlock(&cn->lock);

	/* Join the group's address; let new identities be heard at once. */
	rtnl_lock();
	cluster_adapters_refresh(cn);
	rtnl_unlock();

	if (old) {
		synchronize_rcu();
		cluster_key_free(old);
	}
	return 0;
}

/*
 * At namespace exit: no reader is left (see cluster_net_exit()), so the
 * key is wiped and freed at once.
 */
void cluster_node_destroy(struct cluster_net *cn)
{
	cluster_key_free(rcu_dereference_protected(cn->key, true));
	RCU_INIT_POINTER(cn->key, NULL);
}
