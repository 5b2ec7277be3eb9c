// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
/* After libnl's headers: <linux/in.h> must come after glibc's <netinet/in.h>. */
#include <linux/l2tp.h>

#include "kernel.h"

/*
 * libnl reports its own NLE_* codes; our callers expect errnos. Only the
 * codes that these calls can return are told apart, the rest is -EIO.
 */
static int kernel_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_AF_NOSUPPORT:
		return -EAFNOSUPPORT;
	case NLE_BAD_SOCK:
		return -EBADF;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	default:
		return -EIO;
	}
}

int kernel_open(struct kernel *k)
{
	int ret;

	k->family = -1;
	k->sk = nl_socket_alloc();
	if (!k->sk)
		return -ENOMEM;
	/*
	 * libnl opens netlink sockets close-on-exec, so pppd, which the
	 * daemon forks for every session, does not inherit this one.
	 */
	ret = genl_connect(k->sk);
	if (ret < 0)
		goto fail;
	ret = genl_ctrl_resolve(k->sk, L2TP_GENL_NAME);
	if (ret < 0)
		goto fail;
	k->family = ret;
	return 0;
fail:
	kernel_close(k);
	return kernel_errno(ret);
}

void kernel_close(struct kernel *k)
{
	if (k->sk)
		nl_socket_free(k->sk);
	k->sk = NULL;
	k->family = -1;
}
