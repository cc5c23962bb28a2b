/* SPDX-License-Identifier: GPL-2.0 */
/*
 * af_cluster wire format, version 1 (Documentation/protocol.rst): frame
 * encoding, decoding and validation, the cluster multicast address and the
 * handshake transcript.  Pure code: no skb, netdev or socket, so KUnit and
 * a userspace fuzzer (tests/fuzz/) drive it unmodified.
 */
#ifndef _AF_CLUSTER_WIRE_H
#define _AF_CLUSTER_WIRE_H

#include <linux/types.h>
#include <linux/af_cluster.h>

/* The only version this code speaks; byte 0 of every frame. */
#define CLUSTER_WIRE_VERSION		1

#define CLUSTER_WIRE_HDR_LEN		16	/* common header */
#define CLUSTER_WIRE_MAC_LEN		6	/* Ethernet address */
#define CLUSTER_WIRE_NAME_LEN		16	/* node name, NUL-padded */
#define CLUSTER_WIRE_NONCE_LEN		16	/* handshake nonce */
#define CLUSTER_WIRE_HMAC_LEN		32	/* HMAC-SHA256 */

/* The longest fixed part of a v1 frame (VERF): the decoder reads no more. */
#define CLUSTER_WIRE_FIXED_MAX		112

/* Smallest adapter MTU a HELLO may announce (and an adapter may have). */
#define CLUSTER_WIRE_MTU_MIN		256

/* Group 0 is "no group": never sent, never accepted. */
#define CLUSTER_WIRE_GROUP_NONE		0

/**
 * enum cluster_wire_type - frame types (header byte 1); append-only
 * @CLUSTER_WIRE_HELLO: multicast per adapter: discovery and liveness
 * @CLUSTER_WIRE_CCSTART: channel handshake 1/3, initiator to responder
 * @CLUSTER_WIRE_VERF: channel handshake 2/3, responder to initiator
 * @CLUSTER_WIRE_VACK: channel handshake 3/3, initiator to responder
 * @CLUSTER_WIRE_BYE: an adapter or the whole node is leaving
 * @CLUSTER_WIRE_KEEPALIVE: unicast per channel: liveness and delay
 * @CLUSTER_WIRE_DATA: virtual circuit: one fragment of a message, with a
 *	piggybacked acknowledgment
 * @CLUSTER_WIRE_ACK: virtual circuit: acknowledgment, cumulative and
 *	selective
 *
 * 0 is invalid, 7-15 are reserved for control messages, 18-31 for
 * virtual circuits.  A receiver drops every type it does not implement.
 */
enum cluster_wire_type {
	CLUSTER_WIRE_HELLO	= 1,
	CLUSTER_WIRE_CCSTART	= 2,
	CLUSTER_WIRE_VERF	= 3,
	CLUSTER_WIRE_VACK	= 4,
	CLUSTER_WIRE_BYE	= 5,
	CLUSTER_WIRE_KEEPALIVE	= 6,
	CLUSTER_WIRE_DATA	= 16,
	CLUSTER_WIRE_ACK	= 17,
};

/*
 * Header flags.  A receiver ignores ignorable flags it does not know and
 * drops a frame with a critical flag it does not know for that frame's
 * type (CLUSTER_DROP_BAD_FLAGS).  v1 defines no flag yet.
 */
#define CLUSTER_WIRE_FLAGS_IGNORABLE	0x00ff
#define CLUSTER_WIRE_FLAGS_CRITICAL	0xff00

/* Ignorable flags of DATA; the other types are sent with none. */
#define CLUSTER_WIRE_F_ACK		0x0001	/* DATA: the ack field is valid */
#define CLUSTER_WIRE_F_ACK_NOW		0x0002	/* acknowledge without delay */
#define CLUSTER_WIRE_F_RETX		0x0004	/* DATA: a retransmission */

/* Fixed part of DATA: the payload starts here and ends at the length. */
#define CLUSTER_WIRE_DATA_PAYLOAD	56
/* Selective acknowledgment blocks an ACK carries at most. */
#define CLUSTER_WIRE_SACK_MAX		4
/* Largest message a fragment may belong to (1 MiB). */
#define CLUSTER_WIRE_MSG_MAX		0x100000U
/* Smallest fragment unit: the payload room of a minimum-MTU frame. */
#define CLUSTER_WIRE_UNIT_MIN		64
/* Resequencing cache a VC end may advertise: a power of two in range. */
#define CLUSTER_WIRE_CACHE_MIN		8
#define CLUSTER_WIRE_CACHE_MAX		32768

/* Capabilities (HELLO, CCSTART, VERF); unknown bits are ignored. */
#define CLUSTER_WIRE_CAP_SECRET		0x00000001U	/* has a cluster secret */

/**
 * enum cluster_wire_bye_reason - why a BYE was sent
 * @CLUSTER_BYE_ADAPTER: the adapter was removed: close its channels
 * @CLUSTER_BYE_NETNS: the node's network namespace is exiting
 * @CLUSTER_BYE_UNLOAD: the module is being unloaded
 * @CLUSTER_BYE_ADMIN: the node changed its id or group
 * @CLUSTER_BYE_VC: the virtual circuit to the receiver stalled (nothing
 *	heard from it while messages waited): its channels start over
 *
 * Every reason but %CLUSTER_BYE_ADAPTER, including values unknown to the
 * receiver, closes every channel to the sending node.  0 is invalid.
 */
enum cluster_wire_bye_reason {
	CLUSTER_BYE_ADAPTER	= 1,
	CLUSTER_BYE_NETNS	= 2,
	CLUSTER_BYE_UNLOAD	= 3,
	CLUSTER_BYE_ADMIN	= 4,
	CLUSTER_BYE_VC		= 5,
};

/**
 * enum cluster_drop_reason - why cluster_wire_decode() rejected a frame
 * @CLUSTER_DROP_TRUNCATED: buffer shorter than the header or than the
 *	header's length field
 * @CLUSTER_DROP_BAD_VERSION: version byte is not %CLUSTER_WIRE_VERSION
 * @CLUSTER_DROP_BAD_LENGTH: length field shorter than the header or than
 *	the fixed part of the frame's type
 * @CLUSTER_DROP_WRONG_GROUP: cluster group is not ours (or is 0)
 * @CLUSTER_DROP_BAD_TYPE: type unknown or not implemented
 * @CLUSTER_DROP_BAD_FLAGS: a critical flag unknown for the type is set
 * @CLUSTER_DROP_BAD_FIELD: a node id, name, address, nonce or other field
 *	holds a value the type does not allow
 * @__CLUSTER_DROP_MAX: number of reasons + 1, to size counter arrays
 *
 * cluster_wire_decode() returns them negated.  Append-only.
 */
enum cluster_drop_reason {
	CLUSTER_DROP_TRUNCATED = 1,
	CLUSTER_DROP_BAD_VERSION,
	CLUSTER_DROP_BAD_LENGTH,
	CLUSTER_DROP_WRONG_GROUP,
	CLUSTER_DROP_BAD_TYPE,
	CLUSTER_DROP_BAD_FLAGS,
	CLUSTER_DROP_BAD_FIELD,

	__CLUSTER_DROP_MAX,
};

/**
 * struct cluster_wire_hdr - the common header, host byte order
 * @version: protocol version; %CLUSTER_WIRE_VERSION after decoding
 * @type: enum cluster_wire_type
 * @flags: header flags
 * @group: cluster group number, 1..65535
 * @len: frame length from the header: header, fixed part and any
 *	extension bytes, not the Ethernet padding after them
 * @src: sending node's id
 * @dst: receiving node's id; 0 in HELLO (multicast) and multicast BYE
 */
struct cluster_wire_hdr {
	u8 version;
	u8 type;
	u16 flags;
	u16 group;
	u16 len;
	u32 src;
	u32 dst;
};

/**
 * struct cluster_wire_hello - HELLO: one adapter of a node announces itself
 * @name: sender's node name, NUL-terminated and NUL-padded
 * @mac: the sending adapter's (unicast) Ethernet address
 * @max_version: highest protocol version the sender speaks, >= 1
 * @mtu: the sending adapter's MTU, >= %CLUSTER_WIRE_MTU_MIN
 * @caps: capabilities (%CLUSTER_WIRE_CAP_SECRET)
 * @ts: sender's timestamp (ns, its monotonic clock), for echoing
 */
struct cluster_wire_hello {
	char name[CLUSTER_WIRE_NAME_LEN];
	u8 mac[CLUSTER_WIRE_MAC_LEN];
	u8 max_version;
	u16 mtu;
	u32 caps;
	u64 ts;
};

/**
 * struct cluster_wire_ccstart - CCSTART: open a channel
 * @nonce_i: initiator's fresh random nonce, not all zero
 * @mac_i: initiator's adapter (the frame's Ethernet source)
 * @mac_r: responder's adapter (the frame's Ethernet destination)
 * @caps: initiator's capabilities
 * @ts: initiator's timestamp, echoed in VERF
 */
struct cluster_wire_ccstart {
	u8 nonce_i[CLUSTER_WIRE_NONCE_LEN];
	u8 mac_i[CLUSTER_WIRE_MAC_LEN];
	u8 mac_r[CLUSTER_WIRE_MAC_LEN];
	u32 caps;
	u64 ts;
};

/**
 * struct cluster_wire_verf - VERF: the responder proves the secret
 * @nonce_r: responder's fresh random nonce, not all zero
 * @nonce_i: the initiator's nonce from CCSTART, not all zero
 * @caps: responder's capabilities
 * @echo: the ts of the CCSTART answered
 * @held: ns between receiving that CCSTART and sending this VERF
 * @ts: responder's timestamp, echoed in VACK
 * @hmac: HMAC-SHA256 of the "VERF" transcript
 */
struct cluster_wire_verf {
	u8 nonce_r[CLUSTER_WIRE_NONCE_LEN];
	u8 nonce_i[CLUSTER_WIRE_NONCE_LEN];
	u32 caps;
	u64 echo;
	u64 held;
	u64 ts;
	u8 hmac[CLUSTER_WIRE_HMAC_LEN];
};

/**
 * struct cluster_wire_vack - VACK: the initiator proves the secret
 * @nonce_i: initiator's nonce, not all zero
 * @nonce_r: the responder's nonce from VERF, not all zero
 * @echo: the ts of the VERF answered
 * @held: ns between receiving that VERF and sending this VACK
 * @hmac: HMAC-SHA256 of the "VACK" transcript
 */
struct cluster_wire_vack {
	u8 nonce_i[CLUSTER_WIRE_NONCE_LEN];
	u8 nonce_r[CLUSTER_WIRE_NONCE_LEN];
	u64 echo;
	u64 held;
	u8 hmac[CLUSTER_WIRE_HMAC_LEN];
};

/**
 * struct cluster_wire_bye - BYE: the sender closes channels at once
 * @reason: enum cluster_wire_bye_reason; not 0, unknown values allowed
 * @mac: the sending adapter's (unicast) Ethernet address
 */
struct cluster_wire_bye {
	u16 reason;
	u8 mac[CLUSTER_WIRE_MAC_LEN];
};

/**
 * struct cluster_wire_keepalive - KEEPALIVE: liveness and delay of a channel
 * @ts: sender's timestamp
 * @echo: the newest ts the sender received on this channel, 0 if none
 * @held: ns between receiving @echo and sending this frame
 */
struct cluster_wire_keepalive {
	u64 ts;
	u64 echo;
	u64 held;
};

/**
 * struct cluster_wire_data - DATA: one fragment of a message on a VC
 * @epoch: the sender's VC incarnation, random, not 0
 * @peer_epoch: the receiver's incarnation as the sender knows it, 0 if
 *	none yet
 * @first: the sender's first sequence number of @epoch
 * @seq: this fragment's sequence number
 * @ack: next sequence number the sender expects (with %CLUSTER_WIRE_F_ACK)
 * @msg_id: the message's number on this VC
 * @total: the message's length, at most %CLUSTER_WIRE_MSG_MAX
 * @offset: this fragment's offset in the message
 * @unit: fragment size of the message, at least %CLUSTER_WIRE_UNIT_MIN
 * @cache: the sender's resequencing cache (packets), a power of two
 * @sport: sending socket's port
 * @dport: receiving socket's port
 * @payload_len: bytes after the fixed part, up to the header's length;
 *	the encoder writes header and fixed part only, the caller the payload
 */
struct cluster_wire_data {
	u32 epoch;
	u32 peer_epoch;
	u32 first;
	u32 seq;
	u32 ack;
	u32 msg_id;
	u32 total;
	u32 offset;
	u16 unit;
	u16 cache;
	u16 sport;
	u16 dport;
	u16 payload_len;
};

/**
 * struct cluster_wire_sack - one block of packets received out of order
 * @start: first sequence number held
 * @end: one past the last
 */
struct cluster_wire_sack {
	u32 start;
	u32 end;
};

/**
 * struct cluster_wire_ack - ACK: what a VC end has received
 * @epoch: the sender's VC incarnation, not 0
 * @peer_epoch: the receiver's incarnation as the sender knows it, or 0
 * @ack: next sequence number expected: everything before it arrived
 * @cache: the sender's resequencing cache, a power of two
 * @nsack: blocks in @sack, at most %CLUSTER_WIRE_SACK_MAX
 * @sack: blocks held beyond @ack, each non-empty and after @ack
 */
struct cluster_wire_ack {
	u32 epoch;
	u32 peer_epoch;
	u32 ack;
	u16 cache;
	u8 nsack;
	struct cluster_wire_sack sack[CLUSTER_WIRE_SACK_MAX];
};

/**
 * struct cluster_wire_frame - a decoded frame, or one to encode
 * @hdr: common header
 * @hello: body of %CLUSTER_WIRE_HELLO
 * @ccstart: body of %CLUSTER_WIRE_CCSTART
 * @verf: body of %CLUSTER_WIRE_VERF
 * @vack: body of %CLUSTER_WIRE_VACK
 * @bye: body of %CLUSTER_WIRE_BYE
 * @keepalive: body of %CLUSTER_WIRE_KEEPALIVE
 * @data: body of %CLUSTER_WIRE_DATA
 * @ack: body of %CLUSTER_WIRE_ACK
 */
struct cluster_wire_frame {
	struct cluster_wire_hdr hdr;
	union {
		struct cluster_wire_hello hello;
		struct cluster_wire_ccstart ccstart;
		struct cluster_wire_verf verf;
		struct cluster_wire_vack vack;
		struct cluster_wire_bye bye;
		struct cluster_wire_keepalive keepalive;
		struct cluster_wire_data data;
		struct cluster_wire_ack ack;
	};
};

/**
 * struct cluster_wire_transcript - what the handshake HMACs bind
 * @version: protocol version of the channel (the handshake's header)
 * @group: cluster group
 * @node_i: initiator's node id (CCSTART's source)
 * @node_r: responder's node id
 * @mac_i: initiator's adapter address
 * @mac_r: responder's adapter address
 * @nonce_i: initiator's nonce (CCSTART)
 * @nonce_r: responder's nonce (VERF)
 *
 * Fields are by role, not by "self" and "peer", so that both ends
 * serialize the same bytes.
 */
struct cluster_wire_transcript {
	u8 version;
	u16 group;
	u32 node_i;
	u32 node_r;
	u8 mac_i[CLUSTER_WIRE_MAC_LEN];
	u8 mac_r[CLUSTER_WIRE_MAC_LEN];
	u8 nonce_i[CLUSTER_WIRE_NONCE_LEN];
	u8 nonce_r[CLUSTER_WIRE_NONCE_LEN];
};

/* Label, version, group, 2 node ids, 2 MACs, 2 nonces. */
#define CLUSTER_WIRE_TRANSCRIPT_LEN	59

int cluster_wire_decode(const void *buf, size_t len, u16 group,
			struct cluster_wire_frame *out);
int cluster_wire_encode(const struct cluster_wire_frame *f, void *buf,
			size_t len);
size_t cluster_wire_frame_len(u8 type);
void cluster_wire_group_mcast(u16 group, u8 mac[CLUSTER_WIRE_MAC_LEN]);
int cluster_wire_transcript(u8 type, const struct cluster_wire_transcript *t,
			    u8 *buf, size_t len);
bool cluster_wire_rtt(u64 now, u64 echo, u64 held, u64 *rtt);
bool cluster_wire_cache_valid(u32 cache);

/*
 * Circuit control messages: a message to port 0 (which no socket can
 * bind) is for the peer's circuit, not for a socket.  Its body is one
 * record, big-endian: type u8, reason u8, zero u16, sport u16, dport u16,
 * msg_id u32 (%CLUSTER_WIRE_CTL_LEN bytes); PUBLISH and WITHDRAW add the
 * service name, NUL-padded to %CLUSTER_SERVICE_MAX bytes
 * (%CLUSTER_WIRE_CTL_SVC_LEN in all).
 */
#define CLUSTER_WIRE_PORT_CONTROL	0
#define CLUSTER_WIRE_CTL_LEN		12
#define CLUSTER_WIRE_CTL_SVC_LEN	(CLUSTER_WIRE_CTL_LEN + CLUSTER_SERVICE_MAX)

/**
 * enum cluster_wire_ctl_type - circuit control message types
 * @CLUSTER_WIRE_CTL_REFUSED: a message from the receiver's port @sport
 *	to port @dport was not delivered: nobody is bound to @dport
 * @CLUSTER_WIRE_CTL_CONNECT: the sender's SOCK_SEQPACKET socket at @sport
 *	asks to connect to the listener at @dport
 * @CLUSTER_WIRE_CTL_ACCEPT: the listener's new socket at @sport accepts
 *	the connection from @dport
 * @CLUSTER_WIRE_CTL_CLOSE: the connection between the sender's @sport and
 *	the receiver's @dport ends; @reason says how
 * @CLUSTER_WIRE_CTL_PUBLISH: the sender's socket at @sport provides the
 *	service @name; @reason is its socket type
 * @CLUSTER_WIRE_CTL_WITHDRAW: it no longer does
 */
enum cluster_wire_ctl_type {
	CLUSTER_WIRE_CTL_REFUSED = 1,
	CLUSTER_WIRE_CTL_CONNECT,
	CLUSTER_WIRE_CTL_ACCEPT,
	CLUSTER_WIRE_CTL_CLOSE,
	CLUSTER_WIRE_CTL_PUBLISH,
	CLUSTER_WIRE_CTL_WITHDRAW,
};

/*
 * Reasons: why a message was refused (REFUSED), how a connection ended
 * (CLOSE; unknown values read as a reset).
 */
enum cluster_wire_ctl_reason {
	CLUSTER_WIRE_REFUSED_NO_PORT = 1,
	CLUSTER_WIRE_CLOSE_SHUTDOWN = 1,	/* no more data: end of file */
	CLUSTER_WIRE_CLOSE_RELEASED,		/* the socket is closed */
	CLUSTER_WIRE_CLOSE_REFUSED,		/* not listening, backlog full */
	CLUSTER_WIRE_CLOSE_RESET,		/* the connection is unknown */
};

/* A provider's socket type in PUBLISH and WITHDRAW (not SOCK_*: per arch). */
enum cluster_wire_svc_type {
	CLUSTER_WIRE_SVC_RDM = 1,
	CLUSTER_WIRE_SVC_SEQPACKET,
};

/**
 * struct cluster_wire_ctl - a circuit control message
 * @type: enum cluster_wire_ctl_type
 * @reason: REFUSED and CLOSE: enum cluster_wire_ctl_reason, not 0, unknown
 *	values allowed; PUBLISH and WITHDRAW: the provider's socket type,
 *	%CLUSTER_WIRE_SVC_RDM or %CLUSTER_WIRE_SVC_SEQPACKET; otherwise 0
 * @sport: REFUSED: the refused message's sending port (on the receiver
 *	of this record); otherwise the sender's port.  Not 0.
 * @dport: REFUSED: the port the message was sent to; PUBLISH and WITHDRAW:
 *	0; otherwise the receiver's port, not 0
 * @msg_id: REFUSED: the refused message's id on the circuit; otherwise 0
 * @name: PUBLISH and WITHDRAW: the service, 1 to %CLUSTER_SERVICE_MAX - 1
 *	valid characters (cluster_wire_service_valid()), NUL-padded
 */
struct cluster_wire_ctl {
	u8 type;
	u8 reason;
	u16 sport;
	u16 dport;
	u32 msg_id;
	char name[CLUSTER_SERVICE_MAX];
};

bool cluster_wire_service_valid(const char *name, size_t size);
int cluster_wire_ctl_len(u8 type);
int cluster_wire_ctl_encode(const struct cluster_wire_ctl *c, void *buf,
			    size_t len);
int cluster_wire_ctl_decode(struct cluster_wire_ctl *c, const void *buf,
			    size_t len);
const char *cluster_wire_drop_name(int reason);

#endif /* _AF_CLUSTER_WIRE_H */
