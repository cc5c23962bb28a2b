// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for handshake authentication (driver/auth.c):
 *
 *   af_cluster_auth  cluster_auth_mac() against RFC 4231, key handling,
 *                    constant-time verification, and whole handshakes
 *                    through struct cluster_hs: right secret accepted,
 *                    wrong secret, replayed VERF and VACK, reflected MAC,
 *                    secret against no secret all rejected, every
 *                    transcript field bound by the MAC
 *
 * Transcripts are built here, in the layout of cluster_wire_transcript()
 * (label, version, group, node ids, addresses, nonces, big-endian), so
 * these tests depend on auth.c alone.
 */

#include <kunit/resource.h>
#include <kunit/test.h>
#include <crypto/hash.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "auth.h"

#define GROUP		42
#define TS_LEN		59	/* CLUSTER_WIRE_TRANSCRIPT_LEN */

static const u8 addr_a[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x0a, 0x01 };
static const u8 addr_b[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x0b, 0x01 };

static const u8 secret_a[32] = "correct horse battery staple 01";
static const u8 secret_b[32] = "correct horse battery staple 02";

static void free_tfm(void *tfm)
{
	cluster_auth_free(tfm);
}

/* A keyed transform released when the test ends, however it ends. */
static struct crypto_shash *key_tfm(struct kunit *test, const u8 *secret,
				    size_t len)
{
	struct crypto_shash *tfm = cluster_auth_alloc(secret, len);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tfm);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_tfm, tfm),
			0);
	return tfm;
}

/* RFC 4231 keys and data. */
static const u8 key_0b[20] = { [0 ... 19] = 0x0b };
static const u8 key_aa[20] = { [0 ... 19] = 0xaa };
static const u8 key_0c[20] = { [0 ... 19] = 0x0c };
static const u8 key_aa131[131] = { [0 ... 130] = 0xaa };
static const u8 key_seq[25] = {
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b,
	0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16,
	0x17, 0x18, 0x19,
};

static const u8 data_dd[50] = { [0 ... 49] = 0xdd };
static const u8 data_cd[50] = { [0 ... 49] = 0xcd };
static const char data_1[] = "Hi There";
static const char data_2[] = "what do ya want for nothing?";
static const char data_5[] = "Test With Truncation";
static const char data_6[] =
	"Test Using Larger Than Block-Size Key - Hash Key First";
/* Too long for one line: rfc4231_test() joins the parts. */
static const char *const data_7[] = {
	"This is a test using a larger than block-size key and a larger ",
	"than block-size data. The key needs to be hashed before being ",
	"used by the HMAC algorithm.",
	NULL,
};

/**
 * struct hmac_vec - one RFC 4231 test case
 * @desc: its name
 * @key: key
 * @key_len: bytes of @key
 * @data: message
 * @data_len: bytes of @data
 * @parts: instead of @data, strings whose concatenation is the message
 * @hex: expected HMAC-SHA256, hex
 * @mac_len: bytes compared (16 for the truncation case)
 */
struct hmac_vec {
	const char *desc;
	const u8 *key;
	size_t key_len;
	const void *data;
	size_t data_len;
	const char *const *parts;
	const char *hex;
	size_t mac_len;
};

static const struct hmac_vec hmac_vecs[] = {
	{ "RFC 4231 case 1", key_0b, sizeof(key_0b),
	  data_1, sizeof(data_1) - 1, NULL,
	  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
	  32 },
	{ "RFC 4231 case 2", (const u8 *)"Jefe", 4,
	  data_2, sizeof(data_2) - 1, NULL,
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	  32 },
	{ "RFC 4231 case 3", key_aa, sizeof(key_aa),
	  data_dd, sizeof(data_dd), NULL,
	  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
	  32 },
	{ "RFC 4231 case 4", key_seq, sizeof(key_seq),
	  data_cd, sizeof(data_cd), NULL,
	  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
	  32 },
	{ "RFC 4231 case 5", key_0c, sizeof(key_0c),
	  data_5, sizeof(data_5) - 1, NULL,
	  "a3b6167473100ee06e0c796c2955552b", 16 },
	{ "RFC 4231 case 6", key_aa131, sizeof(key_aa131),
	  data_6, sizeof(data_6) - 1, NULL,
	  "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	  32 },
	{ "RFC 4231 case 7", key_aa131, sizeof(key_aa131),
	  NULL, 0, data_7,
	  "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
	  32 },
};

static void hmac_vec_desc(const struct hmac_vec *v, char *desc)
{
	strscpy(desc, v->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(hmac, hmac_vecs, hmac_vec_desc);

/*
 * Every RFC 4231 vector through cluster_auth_mac(), with a transform
 * keyed directly (the RFC's keys include lengths a cluster secret may not
 * have) and, where the key is a valid secret, through cluster_auth_alloc().
 */
static void rfc4231_test(struct kunit *test)
{
	const struct hmac_vec *v = test->param_value;
	u8 want[CLUSTER_AUTH_MAC_LEN], got[CLUSTER_AUTH_MAC_LEN];
	const void *data = v->data;
	size_t data_len = v->data_len;
	struct crypto_shash *tfm;

	KUNIT_ASSERT_EQ(test, hex2bin(want, v->hex, v->mac_len), 0);
	if (v->parts) {
		const char *const *p;
		size_t off = 0;
		char *buf;

		for (p = v->parts; *p; p++)
			data_len += strlen(*p);
		buf = kunit_kzalloc(test, data_len, GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
		for (p = v->parts; *p; off += strlen(*p), p++)
			memcpy(buf + off, *p, strlen(*p));
		data = buf;
	}

	tfm = crypto_alloc_shash("hmac(sha256)", 0, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tfm);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_tfm, tfm),
			0);
	KUNIT_ASSERT_EQ(test, crypto_shash_setkey(tfm, v->key, v->key_len),
			0);
	KUNIT_ASSERT_EQ(test, cluster_auth_mac(tfm, data, data_len, got), 0);
	KUNIT_EXPECT_MEMEQ(test, got, want, v->mac_len);
	if (v->mac_len == CLUSTER_AUTH_MAC_LEN)
		KUNIT_EXPECT_EQ(test, cluster_auth_verify(tfm, data, data_len,
							  want), 0);

	if (!cluster_auth_key_len_valid(v->key_len))
		return;
	tfm = key_tfm(test, v->key, v->key_len);
	memset(got, 0, sizeof(got));
	KUNIT_ASSERT_EQ(test, cluster_auth_mac(tfm, data, data_len, got), 0);
	KUNIT_EXPECT_MEMEQ(test, got, want, v->mac_len);
}

/* No secret: HMAC with the empty key (HMAC-SHA256("", "") is known). */
static void empty_key_test(struct kunit *test)
{
	u8 want[CLUSTER_AUTH_MAC_LEN], got[CLUSTER_AUTH_MAC_LEN];
	static const char hex[] =
		"b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
	struct crypto_shash *tfm = key_tfm(test, NULL, 0);

	KUNIT_ASSERT_EQ(test, hex2bin(want, hex, sizeof(want)), 0);
	KUNIT_ASSERT_EQ(test, cluster_auth_mac(tfm, (const u8 *)"", 0, got),
			0);
	KUNIT_EXPECT_MEMEQ(test, got, want, sizeof(want));
}

static void key_len_test(struct kunit *test)
{
	static const u8 big[CLUSTER_AUTH_KEY_MAX + 1];
	struct crypto_shash *tfm;

	KUNIT_EXPECT_TRUE(test, cluster_auth_key_len_valid(0));
	KUNIT_EXPECT_FALSE(test, cluster_auth_key_len_valid(1));
	KUNIT_EXPECT_FALSE(test,
			   cluster_auth_key_len_valid(CLUSTER_AUTH_KEY_MIN - 1));
	KUNIT_EXPECT_TRUE(test,
			  cluster_auth_key_len_valid(CLUSTER_AUTH_KEY_MIN));
	KUNIT_EXPECT_TRUE(test,
			  cluster_auth_key_len_valid(CLUSTER_AUTH_KEY_MAX));
	KUNIT_EXPECT_FALSE(test,
			   cluster_auth_key_len_valid(CLUSTER_AUTH_KEY_MAX + 1));
	KUNIT_EXPECT_FALSE(test, cluster_auth_key_len_valid(SIZE_MAX));

	tfm = cluster_auth_alloc(big, CLUSTER_AUTH_KEY_MIN - 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(tfm), -EINVAL);
	tfm = cluster_auth_alloc(big, sizeof(big));
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(tfm), -EINVAL);
	/* NULL and error pointers are ignored. */
	cluster_auth_free(NULL);
	cluster_auth_free(ERR_PTR(-EINVAL));
	/* The longest secret is accepted. */
	key_tfm(test, big, CLUSTER_AUTH_KEY_MAX);
}

/* A length the crypto API cannot take fails cleanly, output zeroed. */
static void mac_len_test(struct kunit *test)
{
	struct crypto_shash *tfm = key_tfm(test, secret_a, sizeof(secret_a));
	u8 out[CLUSTER_AUTH_MAC_LEN];
	size_t huge = (size_t)UINT_MAX + 1;

	if (!huge)
		kunit_skip(test, "size_t is 32 bits");
	memset(out, 0xa5, sizeof(out));
	KUNIT_EXPECT_EQ(test, cluster_auth_mac(tfm, secret_a, huge, out),
			-EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(out, 0, sizeof(out)), NULL);
	KUNIT_EXPECT_EQ(test, cluster_auth_verify(tfm, secret_a, huge, out),
			-EINVAL);
}

/* Any bit of the MAC or the message changed, or another key: rejected. */
static void verify_test(struct kunit *test)
{
	struct crypto_shash *tfm = key_tfm(test, secret_a, sizeof(secret_a));
	struct crypto_shash *other = key_tfm(test, secret_b, sizeof(secret_b));
	u8 msg[TS_LEN], mac[CLUSTER_AUTH_MAC_LEN];
	unsigned int bit;

	memset(msg, 0x5a, sizeof(msg));
	KUNIT_ASSERT_EQ(test, cluster_auth_mac(tfm, msg, sizeof(msg), mac), 0);
	KUNIT_EXPECT_EQ(test, cluster_auth_verify(tfm, msg, sizeof(msg), mac),
			0);
	KUNIT_EXPECT_EQ(test, cluster_auth_verify(other, msg, sizeof(msg),
						  mac), -EBADMSG);
	for (bit = 0; bit < 8 * sizeof(mac); bit++) {
		mac[bit / 8] ^= BIT(bit % 8);
		KUNIT_EXPECT_EQ(test, cluster_auth_verify(tfm, msg,
							  sizeof(msg), mac),
				-EBADMSG);
		mac[bit / 8] ^= BIT(bit % 8);
	}
	for (bit = 0; bit < 8 * sizeof(msg); bit++) {
		msg[bit / 8] ^= BIT(bit % 8);
		KUNIT_EXPECT_EQ(test, cluster_auth_verify(tfm, msg,
							  sizeof(msg), mac),
				-EBADMSG);
		msg[bit / 8] ^= BIT(bit % 8);
	}
	/* Shorter: a prefix of the message does not verify either. */
	KUNIT_EXPECT_EQ(test, cluster_auth_verify(tfm, msg, sizeof(msg) - 1,
						  mac), -EBADMSG);
}

/**
 * struct ts - the fields a handshake transcript binds
 * @label: "VERF" or "VACK"
 * @version: protocol version
 * @group: cluster group
 * @node_i: initiator's node id
 * @node_r: responder's node id
 * @addr_i: initiator's adapter address
 * @addr_r: responder's adapter address
 * @nonce_i: initiator's nonce
 * @nonce_r: responder's nonce
 */
struct ts {
	char label[4];
	u8 version;
	u16 group;
	u32 node_i;
	u32 node_r;
	u8 addr_i[ETH_ALEN];
	u8 addr_r[ETH_ALEN];
	u8 nonce_i[CLUSTER_AUTH_NONCE_LEN];
	u8 nonce_r[CLUSTER_AUTH_NONCE_LEN];
};

/* cluster_wire_transcript()'s layout: TS_LEN bytes. */
static void ts_serialize(const struct ts *t, u8 *buf)
{
	u8 *p = buf;

	memcpy(p, t->label, 4);
	p += 4;
	*p++ = t->version;
	put_unaligned_be16(t->group, p);
	p += 2;
	put_unaligned_be32(t->node_i, p);
	p += 4;
	put_unaligned_be32(t->node_r, p);
	p += 4;
	memcpy(p, t->addr_i, ETH_ALEN);
	p += ETH_ALEN;
	memcpy(p, t->addr_r, ETH_ALEN);
	p += ETH_ALEN;
	memcpy(p, t->nonce_i, CLUSTER_AUTH_NONCE_LEN);
	p += CLUSTER_AUTH_NONCE_LEN;
	memcpy(p, t->nonce_r, CLUSTER_AUTH_NONCE_LEN);
}

/* The transcript an end builds from its own record of the attempt. */
static void ts_from_hs(const struct cluster_hs *hs, const char *label,
		       u8 *buf)
{
	struct ts t = {
		.version = 1,
		.group = hs->group,
		.node_i = hs->node_i,
		.node_r = hs->node_r,
	};

	memcpy(t.label, label, 4);
	memcpy(t.addr_i, hs->addr_i, ETH_ALEN);
	memcpy(t.addr_r, hs->addr_r, ETH_ALEN);
	memcpy(t.nonce_i, hs->nonce_i, CLUSTER_AUTH_NONCE_LEN);
	memcpy(t.nonce_r, hs->nonce_r, CLUSTER_AUTH_NONCE_LEN);
	ts_serialize(&t, buf);
}

static void hs_sign(struct kunit *test, struct crypto_shash *tfm,
		    const struct cluster_hs *hs, const char *label, u8 *mac)
{
	u8 buf[TS_LEN];

	ts_from_hs(hs, label, buf);
	KUNIT_ASSERT_EQ(test, cluster_auth_mac(tfm, buf, sizeof(buf), mac), 0);
}

static int hs_check(struct crypto_shash *tfm, struct cluster_hs *hs,
		    const char *label, const u8 *mac)
{
	u8 buf[TS_LEN];

	ts_from_hs(hs, label, buf);
	return cluster_hs_verify(tfm, hs, buf, sizeof(buf), mac);
}

/**
 * struct hs_run - a handshake between end a (node 1, initiator) and end b
 * @a: a's record
 * @b: b's record
 * @ta: a's transform
 * @tb: b's transform
 * @verf: the VERF's MAC (b to a)
 * @vack: the VACK's MAC (a to b)
 * @verf_err: a's verdict on the VERF
 * @vack_err: b's verdict on the VACK (if a accepted the VERF)
 */
struct hs_run {
	struct cluster_hs a;
	struct cluster_hs b;
	struct crypto_shash *ta;
	struct crypto_shash *tb;
	u8 verf[CLUSTER_AUTH_MAC_LEN];
	u8 vack[CLUSTER_AUTH_MAC_LEN];
	int verf_err;
	int vack_err;
};

/*
 * CCSTART (a to b), VERF (b to a), VACK (a to b), as the runtime does it:
 * each end records the peer's nonce and secret flag from the frame and
 * verifies against a transcript built from its own record.
 */
static void hs_run(struct kunit *test, struct hs_run *r, bool sec_a,
		   bool sec_b)
{
	r->vack_err = -ENODATA;
	cluster_hs_begin(&r->a, true, GROUP, 1, addr_a, sec_a, 2, addr_b);
	/* CCSTART carries nonce_i and a's secret flag. */
	cluster_hs_begin(&r->b, false, GROUP, 2, addr_b, sec_b, 1, addr_a);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r->b, r->a.nonce_i, sec_a),
			0);
	/* VERF carries nonce_r, b's flag and MAC. */
	hs_sign(test, r->tb, &r->b, "VERF", r->verf);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r->a, r->b.nonce_r, sec_b),
			0);
	r->verf_err = hs_check(r->ta, &r->a, "VERF", r->verf);
	if (r->verf_err)
		return;
	/* VACK carries a's MAC. */
	hs_sign(test, r->ta, &r->a, "VACK", r->vack);
	r->vack_err = hs_check(r->tb, &r->b, "VACK", r->vack);
}

static void hs_keys(struct kunit *test, struct hs_run *r, const u8 *key_a,
		    const u8 *key_b)
{
	r->ta = key_tfm(test, key_a, key_a ? sizeof(secret_a) : 0);
	r->tb = key_tfm(test, key_b, key_b ? sizeof(secret_b) : 0);
}

/* The right secret: both ends accept, with identical transcripts. */
static void hs_ok_test(struct kunit *test)
{
	u8 ta[TS_LEN], tb[TS_LEN];
	struct hs_run r = {};

	hs_keys(test, &r, secret_a, secret_a);
	hs_run(test, &r, true, true);
	KUNIT_EXPECT_EQ(test, r.verf_err, 0);
	KUNIT_EXPECT_EQ(test, r.vack_err, 0);
	KUNIT_EXPECT_TRUE(test, r.a.done);
	KUNIT_EXPECT_TRUE(test, r.b.done);

	ts_from_hs(&r.a, "VERF", ta);
	ts_from_hs(&r.b, "VERF", tb);
	KUNIT_EXPECT_MEMEQ(test, ta, tb, sizeof(ta));
	ts_from_hs(&r.a, "VACK", ta);
	ts_from_hs(&r.b, "VACK", tb);
	KUNIT_EXPECT_MEMEQ(test, ta, tb, sizeof(ta));
	/* The VERF's and the VACK's MACs differ (label). */
	KUNIT_EXPECT_MEMNEQ(test, r.verf, r.vack, sizeof(r.verf));
}

/* Neither end has a secret: they pair (HMAC with the empty key). */
static void hs_no_secret_test(struct kunit *test)
{
	struct hs_run r = {};

	hs_keys(test, &r, NULL, NULL);
	hs_run(test, &r, false, false);
	KUNIT_EXPECT_EQ(test, r.verf_err, 0);
	KUNIT_EXPECT_EQ(test, r.vack_err, 0);
}

/* Different secrets: the initiator rejects the VERF; no channel. */
static void hs_wrong_secret_test(struct kunit *test)
{
	struct hs_run r = {};

	hs_keys(test, &r, secret_a, secret_b);
	hs_run(test, &r, true, true);
	KUNIT_EXPECT_EQ(test, r.verf_err, -EBADMSG);
	KUNIT_EXPECT_FALSE(test, r.a.done);

	/* And the responder rejects a VACK made with another secret. */
	cluster_hs_begin(&r.a, true, GROUP, 1, addr_a, true, 2, addr_b);
	cluster_hs_begin(&r.b, false, GROUP, 2, addr_b, true, 1, addr_a);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.b, r.a.nonce_i, true), 0);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.a, r.b.nonce_r, true), 0);
	hs_sign(test, r.ta, &r.a, "VACK", r.vack);
	KUNIT_EXPECT_EQ(test, hs_check(r.tb, &r.b, "VACK", r.vack), -EBADMSG);
	KUNIT_EXPECT_FALSE(test, r.b.done);
}

/* One end with a secret, one without: never paired, whatever the MAC. */
static void hs_secret_mismatch_test(struct kunit *test)
{
	struct hs_run r = {};
	u8 buf[TS_LEN];

	hs_keys(test, &r, secret_a, NULL);
	hs_run(test, &r, true, false);
	KUNIT_EXPECT_EQ(test, r.verf_err, -EPERM);

	hs_keys(test, &r, NULL, secret_b);
	hs_run(test, &r, false, true);
	KUNIT_EXPECT_EQ(test, r.verf_err, -EPERM);

	/* A peer lying about its flag still fails: the keys differ. */
	hs_keys(test, &r, secret_a, NULL);
	hs_run(test, &r, true, true);
	KUNIT_EXPECT_EQ(test, r.verf_err, -EBADMSG);
	ts_from_hs(&r.a, "VERF", buf);
	KUNIT_EXPECT_EQ(test, cluster_auth_verify(r.ta, buf, sizeof(buf),
						  r.verf), -EBADMSG);
}

/*
 * A recorded VERF replayed to a later attempt of the initiator: the
 * initiator's new nonce is in its transcript, not the old one.
 */
static void hs_replay_verf_test(struct kunit *test)
{
	u8 old_nonce_r[CLUSTER_AUTH_NONCE_LEN], old_verf[CLUSTER_AUTH_MAC_LEN];
	struct hs_run r = {};

	hs_keys(test, &r, secret_a, secret_a);
	hs_run(test, &r, true, true);
	KUNIT_ASSERT_EQ(test, r.vack_err, 0);
	memcpy(old_nonce_r, r.b.nonce_r, sizeof(old_nonce_r));
	memcpy(old_verf, r.verf, sizeof(old_verf));

	/* The initiator's next CCSTART; the attacker answers it. */
	cluster_hs_begin(&r.a, true, GROUP, 1, addr_a, true, 2, addr_b);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.a, old_nonce_r, true), 0);
	KUNIT_EXPECT_EQ(test, hs_check(r.ta, &r.a, "VERF", old_verf),
			-EBADMSG);
	KUNIT_EXPECT_FALSE(test, r.a.done);
}

/*
 * A recorded CCSTART and VACK replayed to the responder: it answers the
 * CCSTART with a fresh nonce, which the old VACK does not cover.
 */
static void hs_replay_vack_test(struct kunit *test)
{
	u8 old_nonce_i[CLUSTER_AUTH_NONCE_LEN], old_vack[CLUSTER_AUTH_MAC_LEN];
	u8 verf[CLUSTER_AUTH_MAC_LEN];
	struct hs_run r = {};

	hs_keys(test, &r, secret_a, secret_a);
	hs_run(test, &r, true, true);
	KUNIT_ASSERT_EQ(test, r.vack_err, 0);
	memcpy(old_nonce_i, r.a.nonce_i, sizeof(old_nonce_i));
	memcpy(old_vack, r.vack, sizeof(old_vack));

	cluster_hs_begin(&r.b, false, GROUP, 2, addr_b, true, 1, addr_a);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.b, old_nonce_i, true), 0);
	hs_sign(test, r.tb, &r.b, "VERF", verf);
	KUNIT_EXPECT_EQ(test, hs_check(r.tb, &r.b, "VACK", old_vack),
			-EBADMSG);
	KUNIT_EXPECT_FALSE(test, r.b.done);
}

/* The responder's own VERF MAC sent back to it as a VACK: rejected. */
static void hs_reflect_test(struct kunit *test)
{
	struct hs_run r = {};
	u8 verf[CLUSTER_AUTH_MAC_LEN];

	hs_keys(test, &r, secret_a, secret_a);
	cluster_hs_begin(&r.a, true, GROUP, 1, addr_a, true, 2, addr_b);
	cluster_hs_begin(&r.b, false, GROUP, 2, addr_b, true, 1, addr_a);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.b, r.a.nonce_i, true), 0);
	hs_sign(test, r.tb, &r.b, "VERF", verf);
	KUNIT_EXPECT_EQ(test, hs_check(r.tb, &r.b, "VACK", verf), -EBADMSG);
}

/* A done attempt accepts nothing more, not even the same message. */
static void hs_done_test(struct kunit *test)
{
	struct hs_run r = {};

	hs_keys(test, &r, secret_a, secret_a);
	hs_run(test, &r, true, true);
	KUNIT_ASSERT_EQ(test, r.vack_err, 0);
	KUNIT_EXPECT_EQ(test, hs_check(r.ta, &r.a, "VERF", r.verf), -EALREADY);
	KUNIT_EXPECT_EQ(test, hs_check(r.tb, &r.b, "VACK", r.vack), -EALREADY);
	KUNIT_EXPECT_EQ(test, cluster_hs_set_peer(&r.a, r.b.nonce_r, true),
			-EALREADY);
}

/* A forged VERF first does not block the genuine one after it. */
static void hs_forged_then_genuine_test(struct kunit *test)
{
	u8 forged_nonce[CLUSTER_AUTH_NONCE_LEN], forged[CLUSTER_AUTH_MAC_LEN];
	u8 verf[CLUSTER_AUTH_MAC_LEN];
	struct hs_run r = {};

	hs_keys(test, &r, secret_a, secret_a);
	cluster_hs_begin(&r.a, true, GROUP, 1, addr_a, true, 2, addr_b);
	cluster_hs_begin(&r.b, false, GROUP, 2, addr_b, true, 1, addr_a);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.b, r.a.nonce_i, true), 0);
	hs_sign(test, r.tb, &r.b, "VERF", verf);

	memset(forged_nonce, 0x77, sizeof(forged_nonce));
	memset(forged, 0x66, sizeof(forged));
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.a, forged_nonce, true),
			0);
	KUNIT_EXPECT_EQ(test, hs_check(r.ta, &r.a, "VERF", forged), -EBADMSG);
	KUNIT_ASSERT_EQ(test, cluster_hs_set_peer(&r.a, r.b.nonce_r, true), 0);
	KUNIT_EXPECT_EQ(test, hs_check(r.ta, &r.a, "VERF", verf), 0);
}

static void hs_state_test(struct kunit *test)
{
	static const u8 zero[CLUSTER_AUTH_NONCE_LEN];
	struct cluster_hs hs, again;
	u8 mac[CLUSTER_AUTH_MAC_LEN] = {};
	struct crypto_shash *tfm = key_tfm(test, secret_a, sizeof(secret_a));

	/* Roles: the initiator's fields are the local end's. */
	cluster_hs_begin(&hs, true, GROUP, 1, addr_a, true, 2, addr_b);
	KUNIT_EXPECT_EQ(test, hs.node_i, 1U);
	KUNIT_EXPECT_EQ(test, hs.node_r, 2U);
	KUNIT_EXPECT_MEMEQ(test, hs.addr_i, addr_a, ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, hs.addr_r, addr_b, ETH_ALEN);
	KUNIT_EXPECT_PTR_EQ(test, cluster_hs_local_nonce(&hs), &hs.nonce_i[0]);
	KUNIT_EXPECT_MEMNEQ(test, hs.nonce_i, zero, sizeof(zero));
	KUNIT_EXPECT_MEMEQ(test, hs.nonce_r, zero, sizeof(zero));
	KUNIT_EXPECT_FALSE(test, hs.have_peer_nonce);

	cluster_hs_begin(&again, false, GROUP, 1, addr_a, true, 2, addr_b);
	KUNIT_EXPECT_EQ(test, again.node_r, 1U);
	KUNIT_EXPECT_MEMEQ(test, again.addr_r, addr_a, ETH_ALEN);
	KUNIT_EXPECT_PTR_EQ(test, cluster_hs_local_nonce(&again),
			    &again.nonce_r[0]);
	KUNIT_EXPECT_PTR_EQ(test, cluster_hs_peer_nonce(&again),
			    &again.nonce_i[0]);

	/* Every attempt draws a new nonce. */
	cluster_hs_begin(&again, true, GROUP, 1, addr_a, true, 2, addr_b);
	KUNIT_EXPECT_MEMNEQ(test, again.nonce_i, hs.nonce_i,
			    CLUSTER_AUTH_NONCE_LEN);

	/* No peer nonce yet; an all-zero one is refused. */
	KUNIT_EXPECT_EQ(test, hs_check(tfm, &hs, "VERF", mac), -EPROTO);
	KUNIT_EXPECT_EQ(test, cluster_hs_set_peer(&hs, zero, true), -EINVAL);
	KUNIT_EXPECT_FALSE(test, hs.have_peer_nonce);
}

static void nonce_test(struct kunit *test)
{
	static const u8 zero[CLUSTER_AUTH_NONCE_LEN];
	u8 n1[CLUSTER_AUTH_NONCE_LEN], n2[CLUSTER_AUTH_NONCE_LEN];
	int i;

	for (i = 0; i < 100; i++) {
		cluster_auth_nonce(n1);
		cluster_auth_nonce(n2);
		KUNIT_EXPECT_MEMNEQ(test, n1, zero, sizeof(zero));
		KUNIT_EXPECT_MEMNEQ(test, n1, n2, sizeof(n1));
	}
}

/**
 * struct ts_change - one change to a transcript field
 * @desc: shown in the KUnit output
 * @apply: makes the change
 */
struct ts_change {
	const char *desc;
	void (*apply)(struct ts *t);
};

static void ch_label(struct ts *t)
{
	memcpy(t->label, "VACK", 4);
}

static void ch_version(struct ts *t)
{
	t->version++;
}

static void ch_group(struct ts *t)
{
	t->group ^= 1;
}

static void ch_node_i(struct ts *t)
{
	t->node_i ^= 0x80000000;
}

static void ch_node_r(struct ts *t)
{
	t->node_r++;
}

static void ch_addr_i(struct ts *t)
{
	t->addr_i[5] ^= 1;
}

static void ch_addr_r(struct ts *t)
{
	t->addr_r[0] ^= 0x80;
}

static void ch_nonce_i(struct ts *t)
{
	t->nonce_i[15] ^= 1;
}

static void ch_nonce_r(struct ts *t)
{
	t->nonce_r[0] ^= 1;
}

static void ch_swap_roles(struct ts *t)
{
	struct ts old = *t;

	t->node_i = old.node_r;
	t->node_r = old.node_i;
	memcpy(t->addr_i, old.addr_r, ETH_ALEN);
	memcpy(t->addr_r, old.addr_i, ETH_ALEN);
	memcpy(t->nonce_i, old.nonce_r, CLUSTER_AUTH_NONCE_LEN);
	memcpy(t->nonce_r, old.nonce_i, CLUSTER_AUTH_NONCE_LEN);
}

static const struct ts_change ts_changes[] = {
	{ "label", ch_label },
	{ "version", ch_version },
	{ "group", ch_group },
	{ "initiator node", ch_node_i },
	{ "responder node", ch_node_r },
	{ "initiator address", ch_addr_i },
	{ "responder address", ch_addr_r },
	{ "initiator nonce", ch_nonce_i },
	{ "responder nonce", ch_nonce_r },
	{ "roles swapped", ch_swap_roles },
};

static void ts_change_desc(const struct ts_change *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ts_change, ts_changes, ts_change_desc);

/* Every field the transcript binds changes the MAC. */
static void ts_field_test(struct kunit *test)
{
	const struct ts_change *c = test->param_value;
	struct crypto_shash *tfm = key_tfm(test, secret_a, sizeof(secret_a));
	u8 buf[TS_LEN], mac[CLUSTER_AUTH_MAC_LEN], mac2[CLUSTER_AUTH_MAC_LEN];
	struct ts t = {
		.version = 1, .group = GROUP, .node_i = 1, .node_r = 2,
	};

	memcpy(t.label, "VERF", 4);
	memcpy(t.addr_i, addr_a, ETH_ALEN);
	memcpy(t.addr_r, addr_b, ETH_ALEN);
	memset(t.nonce_i, 0x11, CLUSTER_AUTH_NONCE_LEN);
	memset(t.nonce_r, 0x22, CLUSTER_AUTH_NONCE_LEN);
	ts_serialize(&t, buf);
	KUNIT_ASSERT_EQ(test, cluster_auth_mac(tfm, buf, sizeof(buf), mac), 0);

	c->apply(&t);
	ts_serialize(&t, buf);
	KUNIT_ASSERT_EQ(test, cluster_auth_mac(tfm, buf, sizeof(buf), mac2),
			0);
	KUNIT_EXPECT_MEMNEQ(test, mac, mac2, sizeof(mac));
	KUNIT_EXPECT_EQ(test, cluster_auth_verify(tfm, buf, sizeof(buf), mac),
			-EBADMSG);
}

static struct kunit_case auth_test_cases[] = {
	KUNIT_CASE_PARAM(rfc4231_test, hmac_gen_params),
	KUNIT_CASE(empty_key_test),
	KUNIT_CASE(key_len_test),
	KUNIT_CASE(mac_len_test),
	KUNIT_CASE(verify_test),
	KUNIT_CASE(hs_ok_test),
	KUNIT_CASE(hs_no_secret_test),
	KUNIT_CASE(hs_wrong_secret_test),
	KUNIT_CASE(hs_secret_mismatch_test),
	KUNIT_CASE(hs_replay_verf_test),
	KUNIT_CASE(hs_replay_vack_test),
	KUNIT_CASE(hs_reflect_test),
	KUNIT_CASE(hs_done_test),
	KUNIT_CASE(hs_forged_then_genuine_test),
	KUNIT_CASE(hs_state_test),
	KUNIT_CASE(nonce_test),
	KUNIT_CASE_PARAM(ts_field_test, ts_change_gen_params),
	{}
};

static struct kunit_suite auth_test_suite = {
	.name = "af_cluster_auth",
	.test_cases = auth_test_cases,
};

kunit_test_suites(&auth_test_suite);
