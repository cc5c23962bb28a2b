// SPDX-License-Identifier: GPL-2.0
/*
 * Connection to the af_cluster generic netlink family.
 */
#define _GNU_SOURCE		/* setns() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <linux/af_cluster.h>

#include "conn.h"

#define NETNS_RUN_DIR	"/run/netns"

/* Like "ip -n": a name under /run/netns; also (ours) an absolute path. */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, err;

	if (name[0] == '/') {
		snprintf(path, sizeof(path), "%s", name);
	} else if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
		   !strcmp(name, "..")) {
		return usage_err(NULL, "invalid network namespace name \"%s\"",
				 name);
	} else {
		snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", name);
	}

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT) {
			err_msg("network namespace \"%s\" does not exist (no %s)",
				name, path);
			return EXIT_FAIL;
		}
		err_msg("cannot open network namespace %s: %s", path,
			strerror(err));
		return err == EACCES || err == EPERM ? EXIT_PERM : EXIT_FAIL;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		err = errno;
		close(fd);
		if (err == EPERM) {
			err_msg("permission denied: entering network namespace \"%s\" needs CAP_SYS_ADMIN (run as root)",
				name);
			return EXIT_PERM;
		}
		if (err == EINVAL) {
			err_msg("%s is not a network namespace", path);
			return EXIT_FAIL;
		}
		err_msg("cannot enter network namespace \"%s\": %s", name,
			strerror(err));
		return EXIT_FAIL;
	}
	close(fd);
	return EXIT_OK;
}

int conn_open(const struct ctx *ctx, struct nl *nl)
{
	int ret;

	if (ctx->netns) {
		ret = enter_netns(ctx->netns);
		if (ret)
			return ret;
	}
	ret = nl_open(nl);
	if (ret) {
		err_msg("cannot open a generic netlink socket: %s",
			strerror(-ret));
		return EXIT_FAIL;
	}
	ret = nl_resolve(nl, CLUSTER_GENL_NAME, CLUSTER_GENL_VERSION);
	if (ret == -ENOENT) {
		nl_close(nl);
		/* Loaded yet invisible: a family not enabled in this netns. */
		if (!access("/sys/module/af_cluster", F_OK)) {
			err_msg("af_cluster is loaded but its \"%s\" netlink family is not available in this network namespace",
				CLUSTER_GENL_NAME);
			return EXIT_FAIL;
		}
		err_msg("af_cluster is not loaded: run modprobe af_cluster");
		return EXIT_NOMOD;
	}
	if (ret) {
		err_msg("cannot look up the \"%s\" generic netlink family: %s",
			CLUSTER_GENL_NAME, strerror(-ret));
		nl_close(nl);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static const char *hint_for(const struct conn_hint *hints, int err)
{
	for (; hints && hints->err; hints++)
		if (hints->err == err)
			return hints->text;
	return NULL;
}

int conn_request_hints(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		       void *data, const char *what, const char *priv,
		       const struct conn_hint *hints)
{
	const char *ext = nl->ext_msg, *hint;
	int err;

	err = -nl_run(nl, nlh, cb, data);
	if (!err) {
		if (*ext)
			warn_msg("%s: %s", what, ext);
		return EXIT_OK;
	}

	switch (err) {
	case EPERM:
	case EACCES:
		/* With a reason, the kernel judged the request, not caps. */
		if (priv && !*ext)
			err_msg("permission denied: %s needs %s (run as root)",
				what, priv);
		else
			err_msg("permission denied: %s%s%s", what,
				*ext ? ": " : "", ext);
		return EXIT_PERM;
	case EOPNOTSUPP:
		/* Bare, it is genetlink's answer to an unknown command. */
		if (!*ext) {
			err_msg("%s: not supported by the loaded af_cluster module; load the module of the same version as clusterctl %s",
				what, CLUSTERCTL_VERSION);
			return EXIT_FAIL;
		}
		/* fall through */
	default:
		hint = hint_for(hints, err);
		if (*ext)
			err_msg("%s: %s (%s)%s%s", what, ext, strerror(err),
				hint ? "; " : "", hint ? hint : "");
		else
			err_msg("%s: %s%s%s", what, strerror(err),
				hint ? "; " : "", hint ? hint : "");
		return EXIT_FAIL;
	}
}

int conn_request(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		 void *data, const char *what, const char *priv)
{
	return conn_request_hints(nl, nlh, cb, data, what, priv, NULL);
}

int conn_get(const struct ctx *ctx, uint8_t cmd, mnl_cb_t cb, void *data,
	     const char *what)
{
	static struct nl nl;	/* 32 KiB buffer: not on the stack */
	struct nlmsghdr *nlh;
	int ret;

	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	nlh = nl_msg(&nl, cmd, NLM_F_ACK);
	ret = conn_request(&nl, nlh, cb, data, what, NULL);
	nl_close(&nl);
	return ret;
}

int conn_dump(const struct ctx *ctx, uint8_t cmd, mnl_cb_t cb, void *data,
	      const char *what)
{
	/* libmnl stops at a reply flagged NLM_F_DUMP_INTR with EINTR. */
	static const struct conn_hint hints[] = {
		{ EINTR, "the list changed while it was read: run the command again" },
		{ 0, NULL },
	};
	static struct nl nl;
	struct nlmsghdr *nlh;
	int ret;

	ret = conn_open(ctx, &nl);
	if (ret)
		return ret;
	/* No NLM_F_ACK: NLMSG_DONE ends a dump, an error ACK a refusal. */
	nlh = nl_msg(&nl, cmd, NLM_F_DUMP);
	ret = conn_request_hints(&nl, nlh, cb, data, what, NULL, hints);
	nl_close(&nl);
	return ret;
}
