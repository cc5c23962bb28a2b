// SPDX-License-Identifier: GPL-2.0
/*
 * Node identity: validation of ids and names (pure functions, exported to
 * KUnit) and the locked accessors of struct cluster_net.
 */

#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "af_cluster.h"
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
	mutex_lock(&cn->lock);
	info->id = cn->node_id;
	memcpy(info->name, cn->node_name, sizeof(info->name));
	mutex_unlock(&cn->lock);
}

/**
 * cluster_node_set() - change this node's id and/or name
 * @cn: the node
 * @id: new id, or NULL to keep the current one
 * @name: new name, not necessarily NUL-terminated, or NULL to keep it
 * @name_len: length of @name
 *
 * Both are validated before either is changed, so a failed call changes
 * nothing.
 *
 * Return: 0, or -EINVAL if @id or @name is invalid.
 */
int cluster_node_set(struct cluster_net *cn, const u32 *id,
		     const char *name, size_t name_len)
{
	if (id && !cluster_node_id_valid(*id))
		return -EINVAL;
	if (name && !cluster_node_name_valid(name, name_len))
		return -EINVAL;

	mutex_lock(&cn->lock);
	if (id)
		cn->node_id = *id;
	if (name) {
		memset(cn->node_name, 0, sizeof(cn->node_name));
		memcpy(cn->node_name, name, name_len);
	}
	mutex_unlock(&cn->lock);
	return 0;
}
