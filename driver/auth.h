/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Channel handshake authentication: HMAC-SHA256 keyed by the cluster
 * secret over a transcript that binds both nodes, both adapters, the
 * group and a fresh nonce from each side.  The transcript's bytes are
 * opaque here (wire.c lays them out), so this file depends only on the
 * crypto API.
 */
#ifndef _AF_CLUSTER_AUTH_H
#define _AF_CLUSTER_AUTH_H

#include <linux/if_ether.h>
#include <linux/types.h>

struct crypto_shash;

#define CLUSTER_AUTH_MAC_LEN	32	/* HMAC-SHA256 output */
#define CLUSTER_AUTH_NONCE_LEN	16	/* == CLUSTER_WIRE_NONCE_LEN */
#define CLUSTER_AUTH_KEY_MIN	16	/* secret bytes, 0 = no secret */
#define CLUSTER_AUTH_KEY_MAX	64

/**
 * struct cluster_hs - one handshake attempt of one channel
 * @initiator: the local end sent the CCSTART
 * @local_secret: the local node has a cluster secret
 * @peer_secret: the peer announced one (CLUSTER_WIRE_CAP_SECRET)
 * @have_peer_nonce: the peer's nonce is known (CCSTART or VERF seen)
 * @done: the peer's MAC verified; this attempt accepts nothing more
 * @group: cluster group
 * @node_i: initiator's node id
 * @node_r: responder's node id
 * @addr_i: initiator's adapter address
 * @addr_r: responder's adapter address
 * @nonce_i: initiator's nonce
 * @nonce_r: responder's nonce
 *
 * Fields are by role, as in the transcript, so both ends serialize the
 * same bytes; the local nonce is @nonce_i or @nonce_r by @initiator.
 * The runtime keeps one per channel, under the channel's lock; a new
 * attempt (cluster_hs_begin()) overwrites the previous one.
 */
struct cluster_hs {
	bool initiator;
	bool local_secret;
	bool peer_secret;
	bool have_peer_nonce;
	bool done;
	u16 group;
	u32 node_i;
	u32 node_r;
	u8 addr_i[ETH_ALEN];
	u8 addr_r[ETH_ALEN];
	u8 nonce_i[CLUSTER_AUTH_NONCE_LEN];
	u8 nonce_r[CLUSTER_AUTH_NONCE_LEN];
};

static inline u8 *cluster_hs_local_nonce(struct cluster_hs *hs)
{
	return hs->initiator ? hs->nonce_i : hs->nonce_r;
}

static inline u8 *cluster_hs_peer_nonce(struct cluster_hs *hs)
{
	return hs->initiator ? hs->nonce_r : hs->nonce_i;
}

bool cluster_auth_key_len_valid(size_t len);
struct crypto_shash *cluster_auth_alloc(const u8 *secret, size_t len);
void cluster_auth_free(struct crypto_shash *tfm);
int cluster_auth_mac(struct crypto_shash *tfm, const u8 *transcript,
		     size_t len, u8 out[CLUSTER_AUTH_MAC_LEN]);
int cluster_auth_verify(struct crypto_shash *tfm, const u8 *transcript,
			size_t len, const u8 mac[CLUSTER_AUTH_MAC_LEN]);
void cluster_auth_nonce(u8 nonce[CLUSTER_AUTH_NONCE_LEN]);

void cluster_hs_begin(struct cluster_hs *hs, bool initiator, u16 group,
		      u32 local_node, const u8 *local_addr, bool local_secret,
		      u32 peer_node, const u8 *peer_addr);
int cluster_hs_set_peer(struct cluster_hs *hs,
			const u8 nonce[CLUSTER_AUTH_NONCE_LEN],
			bool peer_secret);
int cluster_hs_verify(struct crypto_shash *tfm, struct cluster_hs *hs,
		      const u8 *transcript, size_t len,
		      const u8 mac[CLUSTER_AUTH_MAC_LEN]);

#endif /* _AF_CLUSTER_AUTH_H */
