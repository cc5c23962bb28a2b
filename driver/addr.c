// SPDX-License-Identifier: GPL-2.0
/*
 * AF_CLUSTER socket address parsing.  Pure code: everything it reads comes
 * from userspace and is treated as hostile.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "addr.h"
#include "compat.h"
#include "wire.h"

/**
 * cluster_addr_parse() - validate a struct sockaddr_cluster from userspace
 * @uaddr: the address; exactly sizeof(struct sockaddr_cluster) bytes of it
 *	are read, and only if @addr_len covers them
 * @addr_len: length of @uaddr as given by the caller
 * @family: the address family in use (module parameter "family")
 * @out: the parsed address; written only on success
 *
 * Return: 0 on success; -EINVAL if @addr_len is negative or too short, if
 * scl_service has no NUL within %CLUSTER_SERVICE_MAX bytes or holds a
 * character that is not printable ASCII, or if both a service name and a
 * port are given; -EAFNOSUPPORT if scl_family is not @family.
 */
int cluster_addr_parse(const struct sockaddr *uaddr, int addr_len,
		       int family, struct cluster_addr *out)
{
	struct sockaddr_cluster scl;
	size_t service_len;

	/* Compare as int first: a negative length must not turn huge. */
	if (addr_len < 0 || (size_t)addr_len < sizeof(scl))
		return -EINVAL;

	/* A copy, because callers need not align @uaddr for the u32. */
	memcpy(&scl, uaddr, sizeof(scl));

	if (scl.scl_family != family)
		return -EAFNOSUPPORT;

	/* Empty: a port address; otherwise a name by the wire's rule. */
	service_len = strnlen(scl.scl_service, sizeof(scl.scl_service));
	if (service_len &&
	    !cluster_wire_service_valid(scl.scl_service,
					sizeof(scl.scl_service)))
		return -EINVAL;

	/* A service name is a functional address: the port is resolved. */
	if (service_len && scl.scl_port != CLUSTER_PORT_ANY)
		return -EINVAL;

	memset(out, 0, sizeof(*out));
	out->node = scl.scl_node;
	out->port = scl.scl_port;
	/* Bytes after the NUL are ignored, not copied. */
	memcpy(out->service, scl.scl_service, service_len);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cluster_addr_parse);
