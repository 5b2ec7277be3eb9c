#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# PID 1 of the VM rig's guest, after the initramfs switched into the host's
# root (read-only 9p under a tmpfs overlay). It mounts the writable results
# export, reads the job that run.sh left there, loads the L2TP and PPP
# modules from the kernel package run.sh unpacked, runs the suite and powers
# off. Whatever happens, it powers off: run.sh treats a guest that ends
# without the suite's DONE marker as a crash.
set -u
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8

# The power-off runs asynchronously while 9p goes away under us: wait for it
# in a builtin loop, as exec'ing anything now fails, and PID 1 exiting would
# panic the guest.
poweroff_now() {
	sync
	echo o > /proc/sysrq-trigger
	while :; do :; done
}
trap poweroff_now EXIT

crash() {
	echo "@@L2TPD@@ CRASH guest: $*"
	exit 1
}

# The host's /run (its pid files, its /run/netns) and /dev/pts must not
# show through the overlay. /tmp stays: the source and build trees may be
# there, and the overlay already keeps the guest's writes from the host.
mount -t tmpfs -o mode=0755 tmpfs /run || crash "mount /run"
mkdir -p /run/lock /run/netns /run/xl2tpd /run/pppd /dev/pts
mount -t devpts devpts /dev/pts || crash "mount /dev/pts"

results=${L2TPD_RESULTS:?}
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results \
	"$results" || crash "mount the results export on $results"
# shellcheck source=/dev/null
. "$results/job.env" || crash "no job in $results/job.env"

mkdir -p /lib/modules
mount --bind "$L2TPD_KERNEL/lib/modules" /lib/modules ||
	crash "bind $L2TPD_KERNEL/lib/modules"
modprobe -a l2tp_ppp l2tp_netlink l2tp_eth ppp_generic ppp_mppe veth ||
	crash "modprobe the L2TP and PPP modules"
hostname l2tpd-vm
ip link set lo up

"$L2TPD_SRC/t/vm/suite.sh"
