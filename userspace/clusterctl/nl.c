// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink plumbing: socket, family lookup, request/reply loop
 * with extended ACK (extack) messages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

#include "nl.h"

struct run_state {
	struct nl *nl;
	mnl_cb_t cb;
	void *data;
	int err;		/* positive errno, 0 if none */
};

int nl_open(struct nl *nl)
{
	int one = 1;

	nl->ext_msg[0] = '\0';
	nl->sk = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sk)
		return -errno;
	if (mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = -errno;

		nl_close(nl);
		return err;
	}
	/*
	 * Ask for error strings, and for ACKs without a copy of our request.
	 * Both are best effort: old kernels just give bare errnos.
	 */
	mnl_socket_setsockopt(nl->sk, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sk, NETLINK_CAP_ACK, &one, sizeof(one));
	nl->portid = mnl_socket_get_portid(nl->sk);
	nl->seq = (unsigned int)time(NULL);
	return 0;
}

void nl_close(struct nl *nl)
{
	if (nl->sk)
		mnl_socket_close(nl->sk);
	nl->sk = NULL;
}

void nl_attr_strcpy(const struct nlattr *attr, char *buf, size_t size)
{
	size_t len = mnl_attr_get_payload_len(attr);
	const char *s = mnl_attr_get_payload(attr);

	if (!size)
		return;
	len = strnlen(s, len);
	if (len >= size)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
}

static int extack_attr_cb(const struct nlattr *attr, void *arg)
{
	struct nl *nl = arg;
	size_t len;

	switch (mnl_attr_get_type(attr)) {
	case NLMSGERR_ATTR_MSG:
		nl_attr_strcpy(attr, nl->ext_msg, sizeof(nl->ext_msg));
		break;
	case NLMSGERR_ATTR_MISS_TYPE:
		/* Sent without text (GENL_REQ_ATTR_CHECK): make some. */
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			break;
		len = strlen(nl->ext_msg);
		snprintf(nl->ext_msg + len, sizeof(nl->ext_msg) - len,
			 "%smissing attribute %u%s", len ? " (" : "",
			 mnl_attr_get_u32(attr), len ? ")" : "");
		break;
	}
	return MNL_CB_OK;
}

/* TLVs of an ACK/DONE start @off bytes into its payload. */
static void parse_extack(struct nl *nl, const struct nlmsghdr *nlh,
			 size_t off)
{
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (off > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, off, extack_attr_cb, nl);
}

static int error_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct run_state *st = arg;
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t off = sizeof(*e);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*e)) {
		st->err = EBADMSG;
		return MNL_CB_ERROR;
	}
	/* Without NETLINK_CAP_ACK the kernel echoes our whole request. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len > sizeof(struct nlmsghdr))
		off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
	parse_extack(st->nl, nlh, off);
	if (e->error) {
		st->err = e->error < 0 ? -e->error : e->error;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static int done_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct run_state *st = arg;
	int error = 0;

	/* A failed dump reports its errno (and extack) in NLMSG_DONE. */
	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(int));
		parse_extack(st->nl, nlh, sizeof(int));
	}
	if (error) {
		st->err = error < 0 ? -error : error;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

static int data_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct run_state *st = arg;
	int ret;

	if (!st->cb)
		return MNL_CB_OK;
	errno = 0;
	ret = st->cb(nlh, st->data);
	if (ret == MNL_CB_ERROR)
		st->err = errno ? errno : EPROTO;
	return ret;
}

int nl_run(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	/* Not const: mnl_cb_run2() takes a plain pointer. */
	static mnl_cb_t ctl_cb[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR]	= error_cb,
		[NLMSG_DONE]	= done_cb,
	};
	struct run_state st = { .nl = nl, .cb = cb, .data = data };
	unsigned int seq = nlh->nlmsg_seq;

	nl->ext_msg[0] = '\0';
	if (mnl_socket_sendto(nl->sk, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		ssize_t len = mnl_socket_recvfrom(nl->sk, nl->buf,
						  sizeof(nl->buf));
		int ret;

		if (len < 0)
			return -errno;
		errno = 0;
		ret = mnl_cb_run2(nl->buf, len, seq, nl->portid, data_cb, &st,
				  ctl_cb, NLMSG_MIN_TYPE);
		if (ret == MNL_CB_ERROR)
			return -(st.err ? st.err : errno ? errno : EPROTO);
		if (ret == MNL_CB_STOP)
			return 0;
	}
}

struct nlmsghdr *nl_msg(struct nl *nl, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = nl->family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = nl->version;
	return nlh;
}

static int family_attr_cb(const struct nlattr *attr, void *arg)
{
	struct nl *nl = arg;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID) {
		if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0)
			return MNL_CB_ERROR;
		nl->family = mnl_attr_get_u16(attr);
	}
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *arg)
{
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr),
			      family_attr_cb, arg);
}

int nl_resolve(struct nl *nl, const char *name, uint8_t version)
{
	struct nlmsghdr *nlh;
	int err;

	nl->family = GENL_ID_CTRL;
	nl->version = 1;
	nlh = nl_msg(nl, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	nl->family = 0;
	err = nl_run(nl, nlh, family_cb, nl);
	if (err)
		return err;
	if (!nl->family)
		return -EPROTO;
	nl->version = version;
	return 0;
}

struct group_state {
	const char *name;	/* the group wanted */
	unsigned int seq;	/* of our request: multicasts have 0 */
	uint32_t id;		/* 0 until found */
};

static int group_attr_cb(const struct nlattr *attr, void *arg)
{
	const struct nlattr **tb = arg;
	unsigned int type = mnl_attr_get_type(attr);

	if (type == CTRL_ATTR_MCAST_GRP_ID) {
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		tb[type] = attr;
	} else if (type == CTRL_ATTR_MCAST_GRP_NAME) {
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			return MNL_CB_ERROR;
		tb[type] = attr;
	}
	return MNL_CB_OK;
}

/* CTRL_ATTR_MCAST_GROUPS: a nest of nests, one per group. */
static int groups_cb(const struct nlattr *groups, struct group_state *st)
{
	const struct nlattr *grp;

	mnl_attr_for_each_nested(grp, groups) {
		const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { NULL };

		if (mnl_attr_parse_nested(grp, group_attr_cb, tb) < 0)
			return MNL_CB_ERROR;
		if (tb[CTRL_ATTR_MCAST_GRP_ID] && tb[CTRL_ATTR_MCAST_GRP_NAME] &&
		    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
			    st->name))
			st->id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	}
	return MNL_CB_OK;
}

static int family_groups_attr_cb(const struct nlattr *attr, void *arg)
{
	if (mnl_attr_get_type(attr) != CTRL_ATTR_MCAST_GROUPS)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
		return MNL_CB_ERROR;
	return groups_cb(attr, arg);
}

static int family_groups_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct group_state *st = arg;

	/* A notification of the "notify" group, if we joined it. */
	if (nlh->nlmsg_seq != st->seq)
		return MNL_CB_OK;
	return mnl_attr_parse(nlh, sizeof(struct genlmsghdr),
			      family_groups_attr_cb, st);
}

int nl_resolve_group(struct nl *nl, const char *family, const char *group,
		     uint32_t *id)
{
	uint16_t saved_family = nl->family;
	uint8_t saved_version = nl->version;
	struct group_state st = { .name = group };
	struct nlmsghdr *nlh;
	int err;

	nl->family = GENL_ID_CTRL;
	nl->version = 1;
	nlh = nl_msg(nl, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, family);
	nl->family = saved_family;
	nl->version = saved_version;
	st.seq = nlh->nlmsg_seq;
	err = nl_run(nl, nlh, family_groups_cb, &st);
	if (err)
		return err;
	if (!st.id)
		return -ESRCH;
	*id = st.id;
	return 0;
}

int nl_join(struct nl *nl, uint32_t id)
{
	if (mnl_socket_setsockopt(nl->sk, NETLINK_ADD_MEMBERSHIP, &id,
				  sizeof(id)) < 0)
		return -errno;
	return 0;
}
