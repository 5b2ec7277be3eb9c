// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * daemon/kernel.c on whatever kernel runs the unit tests: with the l2tp
 * family (the VM rig runs this suite: t/integration/kernel-netlink.sh, or
 * a host with l2tp_ppp loaded) it must open and drive tunnels and
 * sessions; without it (most build machines) it must say -ENOENT and leave
 * nothing open, and the tests of the commands skip.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kernel.h"
#include "suites.h"

START_TEST(test_open_close)
{
	struct kernel k;
	int ret = kernel_open(&k);

	if (ret == 0) {
		ck_assert_ptr_nonnull(k.sk);
		ck_assert_int_gt(k.family, 0);
		ck_assert_str_eq(kernel_ext_ack(&k), "");
	} else {
		ck_assert_msg(ret == -ENOENT || ret == -EPERM || ret == -EACCES,
			      "kernel_open: unexpected %d", ret);
		ck_assert_ptr_null(k.sk);
		ck_assert_int_eq(k.family, -1);
	}
	kernel_close(&k);
	ck_assert_ptr_null(k.sk);
	ck_assert_int_eq(k.family, -1);
	/* Closing twice is harmless: error paths may close what is closed. */
	kernel_close(&k);
	ck_assert_ptr_null(k.sk);
}
END_TEST

/* A UDP socket on 127.0.0.1:port connected to 127.0.0.1:peer_port. */
static int udp_pair_end(uint16_t port, uint16_t peer_port,
			struct sockaddr_in *peer)
{
	struct sockaddr_in local = { .sin_family = AF_INET,
				     .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	ck_assert_int_ge(fd, 0);
	local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*peer = local;
	peer->sin_port = htons(peer_port);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&local, sizeof(local)), 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)peer, sizeof(*peer)),
			 0);
	return fd;
}

/* kernel_open(), or the test is skipped on a kernel without l2tp. */
static bool open_or_skip(struct kernel *k)
{
	if (kernel_open(k) == 0)
		return true;
	fprintf(stderr, "kernel: no l2tp family here, command tests skipped\n");
	return false;
}

/*
 * The kernel deletes a tunnel (asked to, or whose socket closed) from a
 * work queue: its answer for the tunnel (sid 0) or session, once it is
 * -ENODEV or after a second.
 */
static int gone(struct kernel *k, uint16_t tid, uint16_t sid)
{
	struct kernel_stats st;
	int i, err = 0;

	for (i = 0; i < 100 && err != -ENODEV; i++) {
		if (i)
			usleep(10000);
		err = sid ? kernel_session_stats(k, tid, sid, &st) :
			kernel_tunnel_stats(k, tid, &st);
	}
	return err;
}

/*
 * One tunnel and one session through every command, and the errors the
 * kernel gives for what does not exist or exists already.
 */
START_TEST(test_commands)
{
	struct kernel_session ks = { .tid = 4001, .sid = 11, .peer_sid = 12,
				     .send_seq = true, .recv_seq = true,
				     .lns_mode = true, .recv_timeout_ms = 50 };
	struct kernel_tunnel kt = { .tid = 4001, .peer_tid = 4002 };
	struct kernel_stats st;
	struct sockaddr_in peer;
	struct kernel k;
	int fd;

	if (!open_or_skip(&k))
		return;
	fd = udp_pair_end(17011, 17012, &peer);
	kt.fd = fd;

	ck_assert_int_eq(kernel_session_create(&k, &ks), -ENODEV);
	ck_assert_int_eq(kernel_tunnel_stats(&k, 4001, &st), -ENODEV);
	ck_assert_int_eq(kernel_tunnel_create(&k, &kt), 0);
	ck_assert_int_eq(kernel_tunnel_create(&k, &kt), -EEXIST);
	ck_assert_int_eq(kernel_session_create(&k, &ks), 0);
	ck_assert_int_eq(kernel_session_create(&k, &ks), -EEXIST);
	ck_assert_int_eq(kernel_session_stats(&k, 4001, 11, &st), 0);
	ck_assert_uint_eq(st.rx_packets, 0);
	ck_assert_int_eq(kernel_tunnel_stats(&k, 4001, &st), 0);
	ck_assert_int_eq(kernel_session_delete(&k, 4001, 11), 0);
	ck_assert_int_eq(kernel_session_delete(&k, 4001, 11), -ENODEV);
	ck_assert_int_eq(kernel_session_stats(&k, 4001, 11, &st), -ENODEV);
	ck_assert_int_eq(kernel_tunnel_delete(&k, 4001), 0);
	/* The kernel finishes a tunnel's deletion from a work queue. */
	ck_assert_int_eq(gone(&k, 4001, 0), -ENODEV);
	ck_assert_int_eq(kernel_tunnel_delete(&k, 4001), -ENODEV);
	ck_assert_str_eq(kernel_ext_ack(&k), "");
	close(fd);
	kernel_close(&k);
}
END_TEST

/*
 * The PPPoL2TP socket: close-on-exec, attached to the session that
 * SESSION_CREATE made; closing it deletes the session, closing the
 * tunnel's socket deletes the tunnel.
 */
START_TEST(test_pppol2tp)
{
	struct kernel_session ks = { .tid = 4003, .sid = 21, .peer_sid = 22 };
	struct kernel_tunnel kt = { .tid = 4003, .peer_tid = 4004 };
	struct sockaddr_in peer;
	struct kernel_pppol2tp kp = {
		.peer = (struct sockaddr *)&peer, .peer_len = sizeof(peer),
		.tid = 4003, .sid = 21, .peer_tid = 4004, .peer_sid = 22,
	};
	struct kernel_stats st;
	struct kernel k;
	int fd, pfd;

	if (!open_or_skip(&k))
		return;
	fd = udp_pair_end(17013, 17014, &peer);
	kt.fd = kp.tunnel_fd = fd;

	ck_assert_int_eq(kernel_tunnel_create(&k, &kt), 0);
	ck_assert_int_eq(kernel_session_create(&k, &ks), 0);
	pfd = kernel_pppol2tp_open(&kp);
	ck_assert_int_ge(pfd, 0);
	ck_assert_int_eq(fcntl(pfd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	ck_assert_int_eq(kernel_session_stats(&k, 4003, 21, &st), 0);
	close(pfd);
	ck_assert_int_eq(gone(&k, 4003, 21), -ENODEV);
	/* Without SESSION_CREATE, connect() makes the session itself. */
	kp.sid = 23;
	pfd = kernel_pppol2tp_open(&kp);
	ck_assert_int_ge(pfd, 0);
	ck_assert_int_eq(kernel_session_stats(&k, 4003, 23, &st), 0);
	close(pfd);
	close(fd);
	ck_assert_int_eq(gone(&k, 4003, 0), -ENODEV);
	kernel_close(&k);
}
END_TEST

/*
 * Link lookups over rtnetlink work on any kernel, l2tp or not: one
 * socket for all of them, freed by kernel_close().
 */
START_TEST(test_link_exists)
{
	struct kernel k = { .family = -1 };
	struct nl_sock *rt;
	int i;

	ck_assert_int_eq(kernel_link_exists(&k, "lo"), 1);
	rt = k.rt;
	ck_assert_ptr_nonnull(rt);
	for (i = 0; i < 100; i++) {
		ck_assert_int_eq(kernel_link_exists(&k, "l2tpd-none0"), 0);
		ck_assert_int_eq(kernel_link_exists(&k, "lo"), 1);
	}
	ck_assert_ptr_eq(k.rt, rt);
	kernel_close(&k);
	ck_assert_ptr_null(k.rt);
}
END_TEST

Suite *suite_kernel(void)
{
	Suite *s = suite_create("kernel");
	TCase *tc = tcase_create("kernel");

	tcase_add_test(tc, test_open_close);
	tcase_add_test(tc, test_commands);
	tcase_add_test(tc, test_pppol2tp);
	tcase_add_test(tc, test_link_exists);
	suite_add_tcase(s, tc);
	return s;
}
