/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal generic netlink client on top of libmnl.
 */
#ifndef CLUSTERCTL_NL_H
#define CLUSTERCTL_NL_H

#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

/* Large enough for one datagram of a kernel dump (32 KiB since 4.x). */
#define NL_BUF_SIZE	32768

struct nl {
	struct mnl_socket *sk;
	unsigned int portid;
	unsigned int seq;
	uint16_t family;	/* generic netlink family id */
	uint8_t version;	/* version we put in our requests */
	char ext_msg[256];	/* extack text of the last reply or "" */
	/* Netlink headers are read in place: keep them aligned. */
	char buf[NL_BUF_SIZE] __attribute__((aligned(NLMSG_ALIGNTO)));
};

/* Returns 0 or -errno; nl->sk is NULL on failure. */
int nl_open(struct nl *nl);
void nl_close(struct nl *nl);

/* Looks up a generic netlink family; -ENOENT if it is not registered. */
int nl_resolve(struct nl *nl, const char *name, uint8_t version);

/*
 * The id of multicast group @group of generic netlink family @family, for
 * nl_join(); nl->family and nl->version are left as they were.  Returns 0,
 * -ENOENT if the family is not registered, -ESRCH if it has no such group,
 * or another -errno.
 */
int nl_resolve_group(struct nl *nl, const char *family, const char *group,
		     uint32_t *id);

/* Joins multicast group @id (from nl_resolve_group()); 0 or -errno. */
int nl_join(struct nl *nl, uint32_t id);

/* Starts a request for @cmd in nl->buf; add attributes with mnl_attr_put*. */
struct nlmsghdr *nl_msg(struct nl *nl, uint8_t cmd, uint16_t flags);

/*
 * Sends @nlh and reads replies until the ACK, NLMSG_DONE or an error,
 * calling @cb (may be NULL) for each data message.  Returns 0 or -errno;
 * any extack message is left in nl->ext_msg, on success too (a warning).
 */
int nl_run(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/* Copies a string attribute, NUL-terminated or not, truncating to @size. */
void nl_attr_strcpy(const struct nlattr *attr, char *buf, size_t size);

#endif /* CLUSTERCTL_NL_H */
