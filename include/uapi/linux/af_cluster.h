/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * af_cluster: PEDRIVER-style cluster interconnect over raw Ethernet.
 *
 * User API: the AF_CLUSTER socket family and the "cluster" generic netlink
 * family.  Numbers in this file are append-only.
 */
#ifndef _UAPI_LINUX_AF_CLUSTER_H
#define _UAPI_LINUX_AF_CLUSTER_H

#include <linux/types.h>
#include <linux/socket.h>

/*
 * Address family.  Linux has no AF_CLUSTER; af_cluster borrows 19, the slot
 * of AF_ECONET, whose code left the kernel in 3.5 and which no 6.x code
 * registers.  The module parameter "family" moves it to another free slot
 * (13, 14, 18, 22 or 25); applications then read the number in use from
 * /sys/module/af_cluster/parameters/family.
 */
#define AF_CLUSTER		19
#define PF_CLUSTER		AF_CLUSTER

/* Level for setsockopt()/getsockopt() on AF_CLUSTER sockets. */
#define SOL_CLUSTER		300

/*
 * Socket options (level SOL_CLUSTER), int values.
 *
 * CLUSTER_RECVERR: when a node refuses a message because no socket is
 * bound to its destination port, report it on the error queue (read with
 * recvmsg(MSG_ERRQUEUE): msg_name is the refused destination, a cmsg of
 * level SOL_CLUSTER and type CLUSTER_RECVERR holds a struct
 * sock_extended_err with ee_errno ECONNREFUSED, ee_origin
 * SO_EE_ORIGIN_LOCAL, ee_info the port and ee_data the node).  Off (the
 * default): the socket's pending error becomes ECONNREFUSED, returned by
 * its next send or receive call.
 */
#define CLUSTER_RECVERR		1

/*
 * Service names (functional addresses, scl_service): 1 to
 * CLUSTER_SERVICE_MAX - 1 bytes of printable ASCII other than space
 * (0x21..0x7e), then a NUL; matched byte for byte.  Names starting with
 * CLUSTER_SERVICE_RESERVED ("cluster.") are for system services: binding
 * one needs CAP_NET_BIND_SERVICE, as ports below CLUSTER_PORT_PRIVILEGED
 * do.
 */
#define CLUSTER_SERVICE_RESERVED	"cluster."

/* Ethertype of af_cluster frames (IEEE "local experimental" 88-B5). */
#define CLUSTER_ETHERTYPE	0x88B5

/* Node ids: any non-zero u32 names a node; these two are special. */
#define CLUSTER_NODE_ANY	0x00000000U	/* this node / unspecified */
#define CLUSTER_NODE_ALL	0xffffffffU	/* every provider of a service */

/* Ports: 0 asks bind() for an ephemeral port. */
#define CLUSTER_PORT_ANY	0
#define CLUSTER_PORT_PRIVILEGED	1024	/* below: CAP_NET_BIND_SERVICE */
#define CLUSTER_PORT_EPHEMERAL_MIN 32768
#define CLUSTER_PORT_EPHEMERAL_MAX 65535

/* Service name including its terminating NUL: at most 31 characters. */
#define CLUSTER_SERVICE_MAX	32

/* Node name including its terminating NUL: at most 15 characters. */
#define CLUSTER_NODE_NAME_MAX	16

/*
 * Cluster group: 1..65535 (0 = not set).  Nodes of one group form one
 * cluster; the group secret authenticates the channel handshake.  The
 * secret is write only: no message ever carries it back.
 */
#define CLUSTER_GROUP_MIN	1
#define CLUSTER_GROUP_MAX	65535
#define CLUSTER_SECRET_MIN	16	/* bytes */
#define CLUSTER_SECRET_MAX	64	/* bytes */

/*
 * An AF_CLUSTER address.  With scl_service[0] == '\0' it names the socket
 * bound to (scl_node, scl_port); otherwise it names a service (functional
 * address) and scl_port must be 0.
 */
struct sockaddr_cluster {
	__kernel_sa_family_t	scl_family;	/* AF_CLUSTER */
	__u16			scl_port;	/* host byte order */
	__u32			scl_node;	/* host byte order */
	char			scl_service[CLUSTER_SERVICE_MAX];
};

/* Generic netlink family. */
#define CLUSTER_GENL_NAME	"cluster"
#define CLUSTER_GENL_VERSION	1
/*
 * Multicast group any user may join: one CLUSTER_CMD_EVENT message per
 * event (enum cluster_event_attr, nested in CLUSTER_A_EVENT).
 */
#define CLUSTER_GENL_MCGRP_EVENTS "events"

enum cluster_cmd {
	CLUSTER_CMD_UNSPEC,
	CLUSTER_CMD_NODE_GET,		/* this node's identity and settings */
	CLUSTER_CMD_NODE_SET,		/* CAP_NET_ADMIN: change identity */
	CLUSTER_CMD_PARAM_GET,		/* this node's timer parameters */
	CLUSTER_CMD_PARAM_SET,		/* CAP_NET_ADMIN: change parameters */
	CLUSTER_CMD_ADAPTER_GET,	/* one adapter (by CLUSTER_A_ADAPTER's
					 * IFINDEX or IFNAME), or dump all
					 */
	CLUSTER_CMD_ADAPTER_ADD,	/* CAP_NET_ADMIN: enable a device */
	CLUSTER_CMD_ADAPTER_DEL,	/* CAP_NET_ADMIN: disable it, send BYE */
	CLUSTER_CMD_CHANNEL_GET,	/* dump: every channel */
	CLUSTER_CMD_PEER_GET,		/* dump: every remote node heard */
	CLUSTER_CMD_VC_GET,		/* dump: every virtual circuit */
	CLUSTER_CMD_SERVICE_GET,	/* dump: every service provider known */
	CLUSTER_CMD_EVENT,		/* notification, "events" group only */

	__CLUSTER_CMD_MAX,
};

#define CLUSTER_CMD_MAX		(__CLUSTER_CMD_MAX - 1)

enum cluster_attr {
	CLUSTER_A_UNSPEC,
	CLUSTER_A_NODE_ID,		/* u32, 0 = not configured */
	CLUSTER_A_NODE_NAME,		/* string, < CLUSTER_NODE_NAME_MAX */
	CLUSTER_A_MODULE_VERSION,	/* string, read only */
	CLUSTER_A_PROTO_VERSION,	/* u8, wire protocol version, read only */
	CLUSTER_A_FAMILY,		/* u16, address family in use, read only */
	CLUSTER_A_ETHERTYPE,		/* u16, ethertype in use, read only */
	CLUSTER_A_RX_UNCLAIMED,		/* u64, frames with no adapter, read only */
	CLUSTER_A_PAD,
	CLUSTER_A_NODE_GROUP,		/* u16, 1..65535, 0 = not set */
	CLUSTER_A_NODE_SECRET,		/* binary, 16..64 bytes or empty (clear),
					 * write only
					 */
	CLUSTER_A_NODE_SECRET_SET,	/* u8, 1 if a secret is set, read only */
	CLUSTER_A_NODE_KEY_GEN,		/* u32, group/secret generation, read only */
	/* Timer parameters (PARAM_GET, PARAM_SET): u32, milliseconds. */
	CLUSTER_A_PARAM_HELLO_MIN,	/* shortest interval between HELLOs */
	CLUSTER_A_PARAM_HELLO_MAX,	/* longest interval between HELLOs */
	CLUSTER_A_PARAM_RESPONSE_DELAY_MAX, /* longest delay of a HELLO's answer */
	CLUSTER_A_PARAM_LISTEN_TIMEOUT,	/* silence after which a channel dies */
	CLUSTER_A_PARAM_HANDSHAKE_TIMEOUT, /* time allowed for a handshake */
	CLUSTER_A_ADAPTER,		/* nest: enum cluster_adapter_attr */
	CLUSTER_A_CHANNEL,		/* nest: enum cluster_channel_attr */
	CLUSTER_A_PEER,			/* nest: enum cluster_peer_attr */
	CLUSTER_A_VC,			/* nest: enum cluster_vc_attr */
	/*
	 * More parameters (PARAM_GET, PARAM_SET): u32, milliseconds.
	 * RECONNECT_INTERVAL: how long a VC with no open channel keeps its
	 * traffic before the node is down; ACK_DELAY: the longest delay of
	 * an ACK that no DATA carries, 0 = at once.
	 */
	CLUSTER_A_PARAM_RECONNECT_INTERVAL,
	CLUSTER_A_PARAM_ACK_DELAY,
	CLUSTER_A_SERVICE,		/* nest: enum cluster_service_attr */
	CLUSTER_A_EVENT,		/* nest: enum cluster_event_attr */

	__CLUSTER_A_MAX,
};

#define CLUSTER_A_MAX		(__CLUSTER_A_MAX - 1)

/* Adapter priority: 0..CLUSTER_PRIORITY_MAX, higher is preferred. */
#define CLUSTER_PRIORITY_DEFAULT	0
#define CLUSTER_PRIORITY_MAX		127

/* Smallest MTU an adapter may have to carry af_cluster frames. */
#define CLUSTER_MTU_MIN			256

enum cluster_adapter_state {
	CLUSTER_ADAPTER_DOWN = 1,	/* device down, no carrier or MTU too
					 * small: no HELLO, no channel
					 */
	CLUSTER_ADAPTER_UP,		/* sending HELLOs, forming channels */
	CLUSTER_ADAPTER_UNCONFIGURED,	/* device up, but the node has no id or
					 * no group yet: silent
					 */
};

/*
 * An adapter: a network device the administrator enabled (ADAPTER_GET,
 * ADAPTER_ADD, ADAPTER_DEL).  Requests name the device by IFINDEX or
 * IFNAME; ADD also takes PRIORITY.  Counters are u64 and count since the
 * adapter was added.
 */
enum cluster_adapter_attr {
	CLUSTER_ADAPTER_A_UNSPEC,
	CLUSTER_ADAPTER_A_IFINDEX,	/* u32 */
	CLUSTER_ADAPTER_A_IFNAME,	/* string */
	CLUSTER_ADAPTER_A_MAC,		/* binary, 6 bytes */
	CLUSTER_ADAPTER_A_MTU,		/* u32 */
	CLUSTER_ADAPTER_A_PRIORITY,	/* u8, 0..CLUSTER_PRIORITY_MAX */
	CLUSTER_ADAPTER_A_STATE,	/* u8, enum cluster_adapter_state */
	CLUSTER_ADAPTER_A_CHANNELS,	/* u32, open channels */
	CLUSTER_ADAPTER_A_HELLO_TX,	/* u64, HELLOs sent */
	CLUSTER_ADAPTER_A_HELLO_RX,	/* u64, HELLOs received and accepted */
	CLUSTER_ADAPTER_A_RX_FRAMES,	/* u64, frames received */
	CLUSTER_ADAPTER_A_TX_FRAMES,	/* u64, frames sent */
	CLUSTER_ADAPTER_A_TX_ERRORS,	/* u64, frames the device refused or
					 * that could not be allocated
					 */
	CLUSTER_ADAPTER_A_DROP,		/* nest, repeated: enum cluster_drop_attr,
					 * one per drop reason
					 */
	CLUSTER_ADAPTER_A_PAD,

	__CLUSTER_ADAPTER_A_MAX,
};

#define CLUSTER_ADAPTER_A_MAX	(__CLUSTER_ADAPTER_A_MAX - 1)

/* Frames received and dropped for one reason; the names are stable. */
enum cluster_drop_attr {
	CLUSTER_DROP_A_UNSPEC,
	CLUSTER_DROP_A_REASON,		/* string, e.g. "wrong_group" */
	CLUSTER_DROP_A_COUNT,		/* u64 */
	CLUSTER_DROP_A_PAD,

	__CLUSTER_DROP_A_MAX,
};

#define CLUSTER_DROP_A_MAX	(__CLUSTER_DROP_A_MAX - 1)

/* Channel states (Documentation/channels.rst); append only. */
enum cluster_channel_state {
	CLUSTER_CHANNEL_CLOSED,
	CLUSTER_CHANNEL_RESPONSE_WAIT,	/* heard a HELLO, waiting to answer */
	CLUSTER_CHANNEL_CCSTART_SENT,	/* handshaking as initiator */
	CLUSTER_CHANNEL_VERF_SENT,	/* handshaking as responder */
	CLUSTER_CHANNEL_OPEN,		/* authenticated, usable */
};

/*
 * A channel: one local adapter paired with one remote adapter.  Counters
 * are u64 and count since the channel was first heard of.
 */
enum cluster_channel_attr {
	CLUSTER_CHANNEL_A_UNSPEC,
	CLUSTER_CHANNEL_A_LOCAL_IFINDEX,	/* u32 */
	CLUSTER_CHANNEL_A_LOCAL_IFNAME,		/* string */
	CLUSTER_CHANNEL_A_LOCAL_MAC,		/* binary, 6 bytes */
	CLUSTER_CHANNEL_A_REMOTE_NODE,		/* u32 */
	CLUSTER_CHANNEL_A_REMOTE_NAME,		/* string, may be empty */
	CLUSTER_CHANNEL_A_REMOTE_MAC,		/* binary, 6 bytes */
	CLUSTER_CHANNEL_A_STATE,		/* u8, enum cluster_channel_state */
	CLUSTER_CHANNEL_A_RTT_US,		/* u32, smoothed round trip, 0 =
						 * not measured yet
						 */
	CLUSTER_CHANNEL_A_MTU,			/* u32, min of both adapters */
	CLUSTER_CHANNEL_A_UPTIME_MS,		/* u64, time open, 0 if not */
	CLUSTER_CHANNEL_A_HELLO_RX,		/* u64 */
	CLUSTER_CHANNEL_A_KEEPALIVE_TX,		/* u64 */
	CLUSTER_CHANNEL_A_KEEPALIVE_RX,		/* u64 */
	CLUSTER_CHANNEL_A_HS_OK,		/* u64, handshakes that opened it */
	CLUSTER_CHANNEL_A_HS_FAILED,		/* u64, VERF/VACK that failed to
						 * authenticate
						 */
	CLUSTER_CHANNEL_A_HS_TIMEOUTS,		/* u64 */
	CLUSTER_CHANNEL_A_LISTEN_TIMEOUTS,	/* u64 */
	CLUSTER_CHANNEL_A_BYE_RX,		/* u64 */
	CLUSTER_CHANNEL_A_RESTARTS,		/* u64, peer restarted an open
						 * channel
						 */
	CLUSTER_CHANNEL_A_PAD,

	__CLUSTER_CHANNEL_A_MAX,
};

#define CLUSTER_CHANNEL_A_MAX	(__CLUSTER_CHANNEL_A_MAX - 1)

enum cluster_peer_state {
	CLUSTER_PEER_DOWN = 1,		/* heard of, no channel open */
	CLUSTER_PEER_UP,		/* at least one channel open */
};

/* A remote node: every node whose HELLO or handshake was heard. */
enum cluster_peer_attr {
	CLUSTER_PEER_A_UNSPEC,
	CLUSTER_PEER_A_ID,		/* u32 */
	CLUSTER_PEER_A_NAME,		/* string, may be empty */
	CLUSTER_PEER_A_STATE,		/* u8, enum cluster_peer_state */
	CLUSTER_PEER_A_CHANNELS,	/* u32, open channels */
	CLUSTER_PEER_A_CHANNELS_TOTAL,	/* u32, channels in any state */

	__CLUSTER_PEER_A_MAX,
};

#define CLUSTER_PEER_A_MAX	(__CLUSTER_PEER_A_MAX - 1)

/* Virtual circuit states (Documentation/vc.rst); append only. */
enum cluster_vc_state {
	CLUSTER_VC_OPEN = 1,		/* a channel is open */
	CLUSTER_VC_RECONNECT,		/* none is: waiting reconnect_interval */
	CLUSTER_VC_DOWN,		/* given up; messages failed; being freed */
};

/*
 * A virtual circuit: the reliable, ordered stream to one remote node over
 * all of its open channels.  Windows count fragments (packets); counters
 * are u64 and count since the VC was created.
 */
enum cluster_vc_attr {
	CLUSTER_VC_A_UNSPEC,
	CLUSTER_VC_A_REMOTE_NODE,	/* u32 */
	CLUSTER_VC_A_STATE,		/* u8, enum cluster_vc_state */
	CLUSTER_VC_A_CHANNELS,		/* u32, open channels in use */
	CLUSTER_VC_A_CWND,		/* u32, congestion window */
	CLUSTER_VC_A_SSTHRESH,		/* u32, slow start threshold */
	CLUSTER_VC_A_CWND_MAX,		/* u32, the window's cap */
	CLUSTER_VC_A_SRTT_US,		/* u32, smoothed round trip, 0 = not
					 * measured yet
					 */
	CLUSTER_VC_A_RTTVAR_US,		/* u32, round-trip variation */
	CLUSTER_VC_A_RTO_US,		/* u32, retransmission timeout */
	CLUSTER_VC_A_PEER_RESEQ,	/* u32, the peer's resequencing cache */
	CLUSTER_VC_A_UNIT,		/* u32, payload bytes per fragment */
	CLUSTER_VC_A_IN_FLIGHT,		/* u32, fragments sent, not acknowledged */
	CLUSTER_VC_A_QUEUED,		/* u32, fragments queued, unacknowledged
					 * ones included
					 */
	CLUSTER_VC_A_TX_MSGS,		/* u64, messages accepted from senders */
	CLUSTER_VC_A_RX_MSGS,		/* u64, messages delivered to sockets */
	CLUSTER_VC_A_TX_FRAGS,		/* u64, fragments sent, retransmissions
					 * included
					 */
	CLUSTER_VC_A_RX_FRAGS,		/* u64, fragments received in sequence */
	CLUSTER_VC_A_RETRANSMITS,	/* u64, fragments sent again */
	CLUSTER_VC_A_TIMEOUTS,		/* u64, retransmission timeouts */
	CLUSTER_VC_A_DUP_RX,		/* u64, duplicate fragments discarded */
	CLUSTER_VC_A_OOO_HELD,		/* u64, fragments now held out of order */
	CLUSTER_VC_A_RESEQ_DROPS,	/* u64, fragments beyond the cache */
	CLUSTER_VC_A_STALE,		/* u64, frames for an earlier
					 * incarnation of this node
					 */
	CLUSTER_VC_A_NO_PORT,		/* u64, messages for an unbound port */
	CLUSTER_VC_A_ACKS_TX,		/* u64, ACK frames sent */
	CLUSTER_VC_A_ACKS_RX,		/* u64, ACK frames received */
	CLUSTER_VC_A_FAILED,		/* u64, messages failed: VC down or
					 * peer restarted
					 */
	CLUSTER_VC_A_PAD,
	CLUSTER_VC_A_REFUSED,		/* u64, messages the peer refused: no
					 * socket bound to their port
					 */
	CLUSTER_VC_A_SACK_LOSSES,	/* u64, fragments presumed lost from
					 * selective acknowledgments
					 */
	CLUSTER_VC_A_UNVERIFIED,	/* u64, frames claiming a peer restart
					 * without a new handshake: dropped
					 */
	CLUSTER_VC_A_BAD_CONTROL,	/* u64, control messages that did not
					 * decode
					 */
	CLUSTER_VC_A_CTL_DROPS,		/* u64, control messages not sent (queue
					 * far over its bound, no memory) or
					 * not taken (service table full)
					 */
	CLUSTER_VC_A_REASM_DROPS,	/* u64, messages discarded whose
					 * in-order fragments did not fit
					 * together (a broken peer)
					 */

	__CLUSTER_VC_A_MAX,
};

#define CLUSTER_VC_A_MAX	(__CLUSTER_VC_A_MAX - 1)

/*
 * A service provider: a socket bound to a service name, on this node or
 * on another one (learned from that node's circuit).
 */
enum cluster_service_attr {
	CLUSTER_SERVICE_A_UNSPEC,
	CLUSTER_SERVICE_A_NAME,		/* string, < CLUSTER_SERVICE_MAX */
	CLUSTER_SERVICE_A_NODE,		/* u32, the provider's node */
	CLUSTER_SERVICE_A_PORT,		/* u16, the provider's port */
	CLUSTER_SERVICE_A_TYPE,		/* u8, SOCK_SEQPACKET or SOCK_RDM */

	__CLUSTER_SERVICE_A_MAX,
};

#define CLUSTER_SERVICE_A_MAX	(__CLUSTER_SERVICE_A_MAX - 1)

/* What a CLUSTER_CMD_EVENT reports; append only. */
enum cluster_event_type {
	CLUSTER_EVENT_NODE_UP = 1,	/* a first channel to the node opened */
	CLUSTER_EVENT_NODE_DOWN,	/* the last channel to it closed */
	CLUSTER_EVENT_VC_UP,		/* a virtual circuit to it was made */
	CLUSTER_EVENT_VC_DOWN,		/* it went down: its traffic failed */
	CLUSTER_EVENT_CHANNEL_UP,	/* a channel opened */
	CLUSTER_EVENT_CHANNEL_DOWN,	/* an open channel closed */
	CLUSTER_EVENT_SERVICE_UP,	/* a service provider was published */
	CLUSTER_EVENT_SERVICE_DOWN,	/* a service provider was withdrawn */
};

/*
 * An event.  TYPE and NODE always; channel events add the local
 * adapter and the remote MAC; service events add NAME and PORT.
 */
enum cluster_event_attr {
	CLUSTER_EVENT_A_UNSPEC,
	CLUSTER_EVENT_A_TYPE,		/* u8, enum cluster_event_type */
	CLUSTER_EVENT_A_NODE,		/* u32, the remote node (or this one,
					 * for a local service)
					 */
	CLUSTER_EVENT_A_NODE_NAME,	/* string, may be absent */
	CLUSTER_EVENT_A_IFINDEX,	/* u32, local adapter */
	CLUSTER_EVENT_A_IFNAME,		/* string, local adapter */
	CLUSTER_EVENT_A_REMOTE_MAC,	/* binary, 6 bytes */
	CLUSTER_EVENT_A_REASON,		/* string: why a channel or VC went
					 * down, e.g. "listen_timeout"
					 */
	CLUSTER_EVENT_A_SERVICE,	/* string, < CLUSTER_SERVICE_MAX */
	CLUSTER_EVENT_A_PORT,		/* u16 */

	__CLUSTER_EVENT_A_MAX,
};

#define CLUSTER_EVENT_A_MAX	(__CLUSTER_EVENT_A_MAX - 1)

#endif /* _UAPI_LINUX_AF_CLUSTER_H */
