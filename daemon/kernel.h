/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's L2TP data path, driven over the `l2tp` generic netlink family
 * (the kernel's net/l2tp/l2tp_netlink.c holds its attribute policy). One
 * long-lived netlink socket per daemon carries every request; the family id
 * is resolved once, when it opens. The family works per network namespace:
 * the socket acts in the namespace it was opened in.
 *
 * Functions return 0 or a negative errno and do not log: the caller logs
 * once, with the tunnel and session ids.
 */
#ifndef L2TPD_KERNEL_H
#define L2TPD_KERNEL_H

struct nl_sock;

/* What an operator must do when kernel_open() returns -ENOENT. */
#define KERNEL_NO_L2TP_HINT	"kernel has no L2TP support: modprobe l2tp_ppp"

struct kernel {
	struct nl_sock *sk;	/* the request socket, close-on-exec */
	int family;		/* generic netlink id of the l2tp family */
};

/*
 * Opens the netlink socket and resolves the l2tp family. -ENOENT: the kernel
 * has no l2tp family (modules not loaded or not built); -EPERM/-EACCES:
 * no CAP_NET_ADMIN where it was needed. On error nothing stays open.
 */
int kernel_open(struct kernel *k);

/* Closes the socket; safe on a struct that kernel_open() failed to open. */
void kernel_close(struct kernel *k);

#endif /* L2TPD_KERNEL_H */
