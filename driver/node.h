/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Node identity and key validation.  Pure code, driven by KUnit; the locked
 * accessors of struct cluster_net live in af_cluster.h.
 */
#ifndef _AF_CLUSTER_NODE_H
#define _AF_CLUSTER_NODE_H

#include <linux/types.h>

bool cluster_node_id_valid(u32 id);
bool cluster_node_name_valid(const char *name, size_t len);
bool cluster_node_secret_len_valid(size_t len);

#endif /* _AF_CLUSTER_NODE_H */
