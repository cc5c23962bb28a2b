/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Connection to the af_cluster generic netlink family, with errors mapped
 * to messages and exit codes.
 */
#ifndef CLUSTERCTL_CONN_H
#define CLUSTERCTL_CONN_H

#include "clusterctl.h"
#include "nl.h"

/* Enters ctx->netns and resolves the family; prints why not. EXIT_*. */
int conn_open(const struct ctx *ctx, struct nl *nl);

/*
 * Runs one request.  On failure prints "@what: reason" (with the kernel's
 * extack text) and returns the exit code; @priv names the capability the
 * command needs, for the permission message (NULL: unprivileged command).
 */
int conn_request(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		 void *data, const char *what, const char *priv);

/* What to do about errno @err of a request; a list ends with err 0. */
struct conn_hint {
	int err;
	const char *text;
};

/* conn_request() that appends "; TEXT" of the hint for the error. */
int conn_request_hints(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb,
		       void *data, const char *what, const char *priv,
		       const struct conn_hint *hints);

/*
 * conn_open(), one request of @cmd without attributes (a "show"), and
 * close: EXIT_*, with the messages of the two above.
 */
int conn_get(const struct ctx *ctx, uint8_t cmd, mnl_cb_t cb, void *data,
	     const char *what);

/*
 * Like conn_get(), but a dump (NLM_F_DUMP, empty request): @cb sees one
 * message per object.
 */
int conn_dump(const struct ctx *ctx, uint8_t cmd, mnl_cb_t cb, void *data,
	      const char *what);

#endif /* CLUSTERCTL_CONN_H */
