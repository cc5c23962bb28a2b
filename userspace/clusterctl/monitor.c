// SPDX-License-Identifier: GPL-2.0
/*
 * "monitor": print the events of the "events" multicast group of the
 * "cluster" family (CLUSTER_CMD_EVENT) as they come, one line each, until
 * SIGINT or SIGTERM.  An object that is a command by itself.
 */
#define _GNU_SOURCE		/* ppoll() */
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/af_cluster.h>
#include <linux/genetlink.h>

#include "clusterctl.h"
#include "conn.h"
#include "json.h"
#include "parse.h"
#include "show.h"

/* Longest reason string kept; the module's are far shorter. */
#define EVENT_REASON_LEN	64

struct event_info {
	uint64_t have;		/* bit 1 << CLUSTER_EVENT_A_* per attribute */
	uint8_t type;
	uint32_t node;
	char name[CLUSTER_NODE_NAME_MAX];
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	uint8_t mac[MAC_LEN];
	char reason[EVENT_REASON_LEN];
	char service[CLUSTER_SERVICE_MAX];
	uint16_t port;
};

#define EVENT_HAVE(e, attr)	((e)->have & (1ULL << (attr)))

/* Text names; the JSON names are these with '_' for the space. */
static const char *const event_names[] = {
	[CLUSTER_EVENT_NODE_UP]		= "node up",
	[CLUSTER_EVENT_NODE_DOWN]	= "node down",
	[CLUSTER_EVENT_VC_UP]		= "vc up",
	[CLUSTER_EVENT_VC_DOWN]		= "vc down",
	[CLUSTER_EVENT_CHANNEL_UP]	= "channel up",
	[CLUSTER_EVENT_CHANNEL_DOWN]	= "channel down",
	[CLUSTER_EVENT_SERVICE_UP]	= "service up",
	[CLUSTER_EVENT_SERVICE_DOWN]	= "service down",
};

#define N_EVENT_NAMES	(sizeof(event_names) / sizeof(event_names[0]))

/* Payload size of fixed-size attributes; 0 for strings. */
static const uint8_t event_attr_len[CLUSTER_EVENT_A_MAX + 1] = {
	[CLUSTER_EVENT_A_TYPE]		= sizeof(uint8_t),
	[CLUSTER_EVENT_A_NODE]		= sizeof(uint32_t),
	[CLUSTER_EVENT_A_IFINDEX]	= sizeof(uint32_t),
	[CLUSTER_EVENT_A_REMOTE_MAC]	= MAC_LEN,
	[CLUSTER_EVENT_A_PORT]		= sizeof(uint16_t),
};

static void monitor_usage(FILE *f)
{
	fputs("Usage: clusterctl [-j [-p]] [-n NETNS] monitor [-j]\n"
	      "Prints each event (channel, node, vc, service up or down) as it\n"
	      "comes, one line each (-j: one JSON object each), until interrupted.\n",
	      f);
}

static int event_attr_cb(const struct nlattr *attr, void *arg)
{
	struct event_info *e = arg;
	unsigned int type = mnl_attr_get_type(attr);

	switch (show_attr_check(attr, event_attr_len, CLUSTER_EVENT_A_MAX,
				&e->have)) {
	case SHOW_ATTR_BAD:
		return MNL_CB_ERROR;
	case SHOW_ATTR_SKIP:
		return MNL_CB_OK;
	}

	switch (type) {
	case CLUSTER_EVENT_A_TYPE:
		e->type = mnl_attr_get_u8(attr);
		break;
	case CLUSTER_EVENT_A_NODE:
		e->node = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_EVENT_A_NODE_NAME:
		nl_attr_strcpy(attr, e->name, sizeof(e->name));
		break;
	case CLUSTER_EVENT_A_IFINDEX:
		e->ifindex = mnl_attr_get_u32(attr);
		break;
	case CLUSTER_EVENT_A_IFNAME:
		nl_attr_strcpy(attr, e->ifname, sizeof(e->ifname));
		break;
	case CLUSTER_EVENT_A_REMOTE_MAC:
		memcpy(e->mac, mnl_attr_get_payload(attr), MAC_LEN);
		break;
	case CLUSTER_EVENT_A_REASON:
		nl_attr_strcpy(attr, e->reason, sizeof(e->reason));
		break;
	case CLUSTER_EVENT_A_SERVICE:
		nl_attr_strcpy(attr, e->service, sizeof(e->service));
		break;
	case CLUSTER_EVENT_A_PORT:
		e->port = mnl_attr_get_u16(attr);
		break;
	}
	return MNL_CB_OK;
}

static int event_top_cb(const struct nlattr *attr, void *arg)
{
	if (mnl_attr_get_type(attr) != CLUSTER_A_EVENT)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return mnl_attr_parse_nested(attr, event_attr_cb, arg);
}

/*
 * Decodes a CLUSTER_CMD_EVENT message into @e.  Returns 1 if it is one,
 * 0 for another command (ignored), -1 (errno EBADMSG) if malformed.
 */
static int event_parse(const struct nlmsghdr *nlh, struct event_info *e)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	memset(e, 0, sizeof(*e));
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*genl)) {
		errno = EBADMSG;
		return -1;
	}
	if (genl->cmd != CLUSTER_CMD_EVENT)
		return 0;
	errno = EBADMSG;
	if (mnl_attr_parse(nlh, sizeof(*genl), event_top_cb, e) < 0 ||
	    !EVENT_HAVE(e, CLUSTER_EVENT_A_TYPE))
		return -1;
	return 1;
}

/* "node up" events name the node alone; others say "node N". */
static bool event_is_node(const struct event_info *e)
{
	return e->type == CLUSTER_EVENT_NODE_UP ||
	       e->type == CLUSTER_EVENT_NODE_DOWN ||
	       e->type == CLUSTER_EVENT_VC_UP ||
	       e->type == CLUSTER_EVENT_VC_DOWN;
}

/*
 * One line, as "channel up node 2 (b) va -> 02:00:00:00:00:02", "vc down 2
 * reason reconnect_timeout" or "service up echo node 1 port 32770".
 */
static void event_print_plain(FILE *f, const struct event_info *e)
{
	char buf[SHOW_VAL_LEN], mac[MAC_STR_LEN];

	fputs(enum_name(event_names, N_EVENT_NAMES, e->type, buf), f);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_SERVICE))
		fprintf(f, " %s", e->service);
	if (!event_is_node(e))
		fputs(" node", f);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_NODE))
		fprintf(f, " %" PRIu32, e->node);
	else
		fputs(" " SHOW_NONE, f);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_NODE_NAME) && e->name[0])
		fprintf(f, " (%s)", e->name);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_IFNAME) && e->ifname[0])
		fprintf(f, " %s", e->ifname);
	else if (EVENT_HAVE(e, CLUSTER_EVENT_A_IFINDEX))
		fprintf(f, " ifindex %" PRIu32, e->ifindex);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_REMOTE_MAC)) {
		fmt_mac(mac, e->mac);
		fprintf(f, " -> %s", mac);
	}
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_PORT))
		fprintf(f, " port %" PRIu16, e->port);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_REASON) && e->reason[0])
		fprintf(f, " reason %s", e->reason);
	fputc('\n', f);
}

/* One object on one line (unless pretty), only with the keys present. */
static void event_print_json(FILE *f, bool pretty, const struct event_info *e)
{
	char buf[SHOW_VAL_LEN], name[SHOW_VAL_LEN], mac[MAC_STR_LEN], *p;
	struct json j;

	snprintf(name, sizeof(name), "%s",
		 enum_name(event_names, N_EVENT_NAMES, e->type, buf));
	for (p = name; *p; p++)
		if (*p == ' ')
			*p = '_';
	json_init(&j, f, pretty);
	json_obj_open(&j, NULL);
	json_str(&j, "event", name);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_NODE))
		json_uint(&j, "node", e->node);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_NODE_NAME) && e->name[0])
		json_str(&j, "node_name", e->name);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_IFNAME))
		json_str(&j, "ifname", e->ifname);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_IFINDEX))
		json_uint(&j, "ifindex", e->ifindex);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_REMOTE_MAC)) {
		fmt_mac(mac, e->mac);
		json_str(&j, "remote_mac", mac);
	}
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_REASON))
		json_str(&j, "reason", e->reason);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_SERVICE))
		json_str(&j, "service", e->service);
	if (EVENT_HAVE(e, CLUSTER_EVENT_A_PORT))
		json_uint(&j, "port", e->port);
	json_obj_close(&j);
}

struct monitor_state {
	FILE *f;
	bool json;
	bool pretty;
	uint16_t family;	/* the "cluster" family's id */
	bool unloaded;		/* nlctrl said the family went away */
};

/* CTRL_CMD_DELFAMILY of the "cluster" family: the module is unloading. */
static int ctrl_attr_cb(const struct nlattr *attr, void *arg)
{
	bool *ours = arg;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0 &&
	    !strcmp(mnl_attr_get_str(attr), CLUSTER_GENL_NAME))
		*ours = true;
	return MNL_CB_OK;
}

static int monitor_msg_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct monitor_state *st = arg;
	const struct genlmsghdr *genl;
	struct event_info e;
	bool ours = false;

	if (nlh->nlmsg_type == GENL_ID_CTRL) {
		genl = mnl_nlmsg_get_payload(nlh);
		if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(*genl) &&
		    genl->cmd == CTRL_CMD_DELFAMILY &&
		    mnl_attr_parse(nlh, sizeof(*genl), ctrl_attr_cb,
				   &ours) >= 0 && ours) {
			st->unloaded = true;
			return MNL_CB_STOP;
		}
		return MNL_CB_OK;
	}
	if (nlh->nlmsg_type != st->family)
		return MNL_CB_OK;
	switch (event_parse(nlh, &e)) {
	case 1:
		if (st->json)
			event_print_json(st->f, st->pretty, &e);
		else
			event_print_plain(st->f, &e);
		break;
	case -1:
		/* One bad message is no reason to stop watching. */
		warn_msg("monitor: malformed event ignored (a module of another version?)");
		break;
	}
	return MNL_CB_OK;
}

static volatile sig_atomic_t monitor_stop;

static void monitor_signal(int sig)
{
	monitor_stop = sig;
}

/*
 * SIGINT and SIGTERM are blocked but while waiting in ppoll(), so a
 * signal is seen there or at the next check of monitor_stop, never lost
 * between the two.  @wait gets the mask to wait with.
 */
static int monitor_signals(sigset_t *wait)
{
	struct sigaction sa = { .sa_handler = monitor_signal };
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &block, wait) < 0)
		return -errno;
	sigdelset(wait, SIGINT);
	sigdelset(wait, SIGTERM);
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) < 0 ||
	    sigaction(SIGTERM, &sa, NULL) < 0)
		return -errno;
	return 0;
}

/* Joins the "events" group and, to see an unload, nlctrl's "notify". */
static int monitor_join(struct nl *nl)
{
	uint32_t id;
	int err;

	/*
	 * "notify" first: an unload after the lookup below is then seen.
	 * Without it, the monitor only misses the unload.
	 */
	if (!nl_resolve_group(nl, "nlctrl", "notify", &id))
		nl_join(nl, id);

	err = nl_resolve_group(nl, CLUSTER_GENL_NAME,
			       CLUSTER_GENL_MCGRP_EVENTS, &id);
	if (err == -ENOENT) {
		err_msg("af_cluster is not loaded: run modprobe af_cluster");
		return EXIT_NOMOD;
	}
	if (err == -ESRCH) {
		err_msg("monitor: the loaded af_cluster module has no \"%s\" multicast group; load the module of the same version as clusterctl %s",
			CLUSTER_GENL_MCGRP_EVENTS, CLUSTERCTL_VERSION);
		return EXIT_FAIL;
	}
	if (err) {
		err_msg("monitor: cannot look up the \"%s\" multicast group: %s",
			CLUSTER_GENL_MCGRP_EVENTS, strerror(-err));
		return EXIT_FAIL;
	}
	err = nl_join(nl, id);
	if (err) {
		err_msg("monitor: cannot join the \"%s\" multicast group: %s",
			CLUSTER_GENL_MCGRP_EVENTS, strerror(-err));
		return err == -EPERM || err == -EACCES ? EXIT_PERM : EXIT_FAIL;
	}
	return EXIT_OK;
}

static int monitor_loop(struct nl *nl, struct monitor_state *st,
			const sigset_t *wait)
{
	struct pollfd pfd = { .fd = mnl_socket_get_fd(nl->sk), .events = POLLIN };
	ssize_t len;
	int ret;

	while (!monitor_stop) {
		if (ppoll(&pfd, 1, NULL, wait) < 0) {
			if (errno == EINTR)
				continue;
			err_msg("monitor: poll: %s", strerror(errno));
			return EXIT_FAIL;
		}
		len = recv(pfd.fd, nl->buf, sizeof(nl->buf), MSG_DONTWAIT);
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				/* The kernel dropped some: say so, go on. */
				warn_msg("monitor: events were lost: the socket's receive buffer overflowed");
				continue;
			}
			err_msg("monitor: cannot receive: %s", strerror(errno));
			return EXIT_FAIL;
		}
		/* Multicasts: no sequence number, no port id to check. */
		ret = mnl_cb_run(nl->buf, len, 0, 0, monitor_msg_cb, st);
		if (fflush(st->f) || ferror(st->f)) {
			err_msg("cannot write output: %s", strerror(errno));
			return EXIT_FAIL;
		}
		if (st->unloaded) {
			err_msg("monitor: af_cluster was unloaded");
			return EXIT_NOMOD;
		}
		if (ret == MNL_CB_ERROR) {
			warn_msg("monitor: malformed netlink message ignored: %s",
				 strerror(errno));
		}
	}
	return EXIT_OK;
}

static int monitor_run(struct ctx *ctx, int argc, char **argv)
{
	static struct nl nl;	/* 32 KiB buffer: not on the stack */
	struct monitor_state st = { .f = stdout, .json = ctx->json,
				    .pretty = ctx->pretty };
	int rcvbuf = 1 << 20;
	sigset_t wait;
	int i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json"))
			st.json = true;
		else
			return usage_unexpected(&monitor_object, "monitor",
						argv[i]);
	}
	/* Each event as it comes, into a pipe too. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	st.family = nl.family;
	/*
	 * Room for bursts (a node with many channels going down at once);
	 * best effort: capped by net.core.rmem_max.
	 */
	setsockopt(mnl_socket_get_fd(nl.sk), SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		   sizeof(rcvbuf));
	ret = monitor_signals(&wait);
	if (ret) {
		err_msg("monitor: cannot handle signals: %s", strerror(-ret));
		ret = EXIT_FAIL;
	} else {
		ret = monitor_join(&nl);
		if (!ret)
			ret = monitor_loop(&nl, &st, &wait);
	}
	nl_close(&nl);
	return ret;
}

const struct object monitor_object = {
	.name	= "monitor",
	.run	= monitor_run,
	.usage	= monitor_usage,
};
