// SPDX-License-Identifier: GPL-2.0
/*
 * Channel handshake authentication (PEDRIVER's CCSTART / VERF / VACK with
 * its cluster password, made cryptographic):
 *
 *   initiator                                   responder
 *   CCSTART(nonce_i)           ------------->
 *                              <-------------   VERF(nonce_r, MAC_r)
 *   VACK(MAC_i)                ------------->
 *
 *   MAC_r = HMAC-SHA256(secret, transcript("VERF", ..., nonce_i, nonce_r))
 *   MAC_i = HMAC-SHA256(secret, transcript("VACK", ..., nonce_i, nonce_r))
 *
 * The transcript (wire.c) binds the protocol version, the group, both
 * node ids and adapter addresses by role, both nonces, and a label that
 * tells VERF from VACK.  Each end draws a fresh nonce for every attempt
 * and builds the transcript it verifies from its own record of the
 * attempt (struct cluster_hs), never from the frame alone.  So:
 *  - a recorded VERF fails against a new initiator nonce, a recorded VACK
 *    against a new responder nonce: replay opens nothing;
 *  - a VERF's MAC does not verify as a VACK (label), so reflecting an
 *    end's own MAC back at it fails;
 *  - without the secret nobody computes either MAC: a wrong secret opens
 *    nothing.
 * A node without a secret keys HMAC with the empty key: the transcript is
 * still bound, but anyone can compute it, so it authenticates nothing.
 * Such nodes pair only with each other (cluster_hs_verify()).
 *
 * Context: cluster_auth_alloc() may sleep (it may load hmac and sha256
 * and allocates with GFP_KERNEL): call it in process context, e.g. when
 * the secret is set, then publish the tfm with rcu_assign_pointer().
 * Digests use an on-stack descriptor and only read the tfm, so any number
 * of contexts, softirq included, may use one keyed tfm concurrently under
 * rcu_read_lock().  Never set the key of a published tfm: allocate a new
 * one, publish it, and free the old with cluster_auth_free() in process
 * context after synchronize_rcu() (or from queue_rcu_work()).
 */

#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>
#include <linux/build_bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/af_cluster.h>

#include "auth.h"
#include "compat.h"
#include "node.h"

/* Debian may build these as modules; load them before us. */
MODULE_SOFTDEP("pre: hmac sha256");

static_assert(CLUSTER_AUTH_MAC_LEN == SHA256_DIGEST_SIZE);
static_assert(CLUSTER_AUTH_KEY_MIN == CLUSTER_SECRET_MIN);
static_assert(CLUSTER_AUTH_KEY_MAX == CLUSTER_SECRET_MAX);

/**
 * cluster_auth_key_len_valid() - whether a secret length is usable
 * @len: bytes of secret
 *
 * Return: true for 0 (no secret) or %CLUSTER_AUTH_KEY_MIN to
 * %CLUSTER_AUTH_KEY_MAX bytes.
 */
bool cluster_auth_key_len_valid(size_t len)
{
	/* The secret's own rule lives in node.c; 0 adds "no secret". */
	return !len || cluster_node_secret_len_valid(len);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_auth_key_len_valid);

/**
 * cluster_auth_alloc() - an HMAC-SHA256 transform keyed by a secret
 * @secret: the cluster secret; unused when @len is 0
 * @len: bytes of @secret: 0 for "no secret" (the empty key), or
 *	%CLUSTER_AUTH_KEY_MIN..%CLUSTER_AUTH_KEY_MAX
 *
 * Context: process context; may sleep.
 *
 * Return: the keyed transform, to release with cluster_auth_free(); an
 * ERR_PTR(): -EINVAL for a bad @len, or the crypto API's error (-ENOENT
 * if hmac(sha256) is not available).
 */
struct crypto_shash *cluster_auth_alloc(const u8 *secret, size_t len)
{
	static const u8 empty[1];
	struct crypto_shash *tfm;
	int err;

	if (!cluster_auth_key_len_valid(len))
		return ERR_PTR(-EINVAL);

	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	if (IS_ERR(tfm))
		return tfm;
	err = crypto_shash_setkey(tfm, len ? secret : empty, len);
	if (err) {
		crypto_free_shash(tfm);
		return ERR_PTR(err);
	}
	return tfm;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_auth_alloc);

/**
 * cluster_auth_free() - release a transform from cluster_auth_alloc()
 * @tfm: the transform; NULL and ERR_PTR() values are ignored
 *
 * The crypto API wipes the key.  Context: process context, and only once
 * no reader can still hold @tfm (after an RCU grace period).
 */
void cluster_auth_free(struct crypto_shash *tfm)
{
	if (!IS_ERR_OR_NULL(tfm))
		crypto_free_shash(tfm);
}
EXPORT_SYMBOL_IF_KUNIT(cluster_auth_free);

/**
 * cluster_auth_mac() - HMAC-SHA256 of a handshake transcript
 * @tfm: keyed transform from cluster_auth_alloc()
 * @transcript: the bytes to authenticate (laid out by wire.c)
 * @len: bytes of @transcript
 * @out: the MAC
 *
 * Context: any but hard interrupt; concurrent calls on one @tfm are safe.
 *
 * Return: 0, or a negative errno from the crypto API (-EINVAL if @len
 * does not fit in an unsigned int), in which case @out is zeroed.
 */
int cluster_auth_mac(struct crypto_shash *tfm, const u8 *transcript,
		     size_t len, u8 out[CLUSTER_AUTH_MAC_LEN])
{
	int err = -EINVAL;

	if (len <= UINT_MAX)
		err = crypto_shash_tfm_digest(tfm, transcript, len, out);
	if (err)
		memset(out, 0, CLUSTER_AUTH_MAC_LEN);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_auth_mac);

/**
 * cluster_auth_verify() - check a received MAC in constant time
 * @tfm: keyed transform from cluster_auth_alloc()
 * @transcript: the bytes the MAC should cover, built from the local
 *	record of the handshake
 * @len: bytes of @transcript
 * @mac: the MAC received
 *
 * Context: as cluster_auth_mac().
 *
 * Return: 0 if @mac is the MAC of @transcript; -EBADMSG if not; another
 * negative errno if the MAC could not be computed.
 */
int cluster_auth_verify(struct crypto_shash *tfm, const u8 *transcript,
			size_t len, const u8 mac[CLUSTER_AUTH_MAC_LEN])
{
	u8 want[CLUSTER_AUTH_MAC_LEN];
	int err;

	err = cluster_auth_mac(tfm, transcript, len, want);
	if (!err && crypto_memneq(want, mac, sizeof(want)))
		err = -EBADMSG;
	/* The expected MAC is what a forger wants: leave none on the stack. */
	memzero_explicit(want, sizeof(want));
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_auth_verify);

/**
 * cluster_auth_nonce() - a fresh handshake nonce
 * @nonce: where to write %CLUSTER_AUTH_NONCE_LEN random bytes
 *
 * Never all zero (wire.c rejects an all-zero nonce as unset).
 * Context: any.
 */
void cluster_auth_nonce(u8 nonce[CLUSTER_AUTH_NONCE_LEN])
{
	do {
		get_random_bytes(nonce, CLUSTER_AUTH_NONCE_LEN);
	} while (!memchr_inv(nonce, 0, CLUSTER_AUTH_NONCE_LEN));
}
EXPORT_SYMBOL_IF_KUNIT(cluster_auth_nonce);

/**
 * cluster_hs_begin() - start a handshake attempt with a fresh local nonce
 * @hs: the channel's handshake record; fully overwritten
 * @initiator: the local end sends CCSTART (else it answers one with VERF)
 * @group: cluster group
 * @local_node: our node id
 * @local_addr: our adapter's address (%ETH_ALEN bytes)
 * @local_secret: we have a cluster secret (@tfm is keyed with it)
 * @peer_node: the peer's node id
 * @peer_addr: the peer adapter's address (%ETH_ALEN bytes)
 *
 * Every CCSTART and every VERF sent starts a new attempt: the previous
 * nonces are forgotten, so no MAC computed over them verifies again.
 * Context: any.
 */
void cluster_hs_begin(struct cluster_hs *hs, bool initiator, u16 group,
		      u32 local_node, const u8 *local_addr, bool local_secret,
		      u32 peer_node, const u8 *peer_addr)
{
	memset(hs, 0, sizeof(*hs));
	hs->initiator = initiator;
	hs->local_secret = local_secret;
	hs->group = group;
	hs->node_i = initiator ? local_node : peer_node;
	hs->node_r = initiator ? peer_node : local_node;
	memcpy(hs->addr_i, initiator ? local_addr : peer_addr, ETH_ALEN);
	memcpy(hs->addr_r, initiator ? peer_addr : local_addr, ETH_ALEN);
	cluster_auth_nonce(cluster_hs_local_nonce(hs));
}
EXPORT_SYMBOL_IF_KUNIT(cluster_hs_begin);

/**
 * cluster_hs_set_peer() - record the peer's nonce and secret flag
 * @hs: the attempt
 * @nonce: the peer's nonce (from CCSTART for a responder, VERF for an
 *	initiator)
 * @peer_secret: the peer announced a secret
 *
 * Until the attempt is done, a later frame replaces what an earlier one
 * recorded: a forged VERF must not block the genuine one.
 *
 * Return: 0; -EINVAL for an all-zero @nonce; -EALREADY if the attempt is
 * done.
 */
int cluster_hs_set_peer(struct cluster_hs *hs,
			const u8 nonce[CLUSTER_AUTH_NONCE_LEN],
			bool peer_secret)
{
	if (hs->done)
		return -EALREADY;
	if (!memchr_inv(nonce, 0, CLUSTER_AUTH_NONCE_LEN))
		return -EINVAL;
	memcpy(cluster_hs_peer_nonce(hs), nonce, CLUSTER_AUTH_NONCE_LEN);
	hs->peer_secret = peer_secret;
	hs->have_peer_nonce = true;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_hs_set_peer);

/**
 * cluster_hs_verify() - accept or reject the peer's VERF or VACK
 * @tfm: keyed transform (the local secret, or the empty key)
 * @hs: the attempt
 * @transcript: the transcript of the message received, serialized from
 *	@hs (its nonces, not the frame's), with the message's label
 * @len: bytes of @transcript
 * @mac: the MAC received
 *
 * On success the attempt is done: it verifies nothing more, so a
 * duplicate of the same message is refused too.
 *
 * Return: 0 to accept; -EPROTO if no peer nonce was recorded; -EALREADY
 * if the attempt is already done; -EPERM if exactly one end has a secret
 * (they never pair); -EBADMSG for a wrong MAC (wrong secret, replay,
 * forgery); another negative errno if the MAC could not be computed.
 */
int cluster_hs_verify(struct crypto_shash *tfm, struct cluster_hs *hs,
		      const u8 *transcript, size_t len,
		      const u8 mac[CLUSTER_AUTH_MAC_LEN])
{
	int err;

	if (hs->done)
		return -EALREADY;
	if (!hs->have_peer_nonce)
		return -EPROTO;
	if (hs->local_secret != hs->peer_secret)
		return -EPERM;
	err = cluster_auth_verify(tfm, transcript, len, mac);
	if (!err)
		hs->done = true;
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_hs_verify);
