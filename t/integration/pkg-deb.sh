#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The Debian packages (make deb) on a real kernel, under real systemd: they
# install with dpkg -i (the xl2tpd drop-in replacing xl2tpd); systemd,
# booted in a container (systemd-nspawn) on that root and in the server's
# network namespace, runs l2tpd.service from the shipped configuration with
# every hardening line of the unit in force; the unit becomes active on
# READY=1 and shows STATUS=; a client connects and pings through the
# session; systemctl reload, a crash (Restart=on-failure) and systemctl
# stop behave; dpkg -r and dpkg -P leave nothing behind.
#
# Every package operation happens in a copy-on-write copy of the guest's
# root, in this test's own mount namespace: the other tests of the boot
# still see xl2tpd and no l2tpd package. Under emulation dpkg is slow (its
# maintainer scripts start perl's deb-systemd-helper several times, at
# seconds each over 9p) and systemd takes about a minute to boot the
# container: the test needs three to five minutes, and more than twice that
# on a loaded host.
#
# Skips (exit 77) when BUILDDIR/pkg/deb holds no .deb, or without
# systemd-nspawn (package systemd-container).
# vm-timeout: 1500
#
# shellcheck disable=SC2016 # ${...} in single quotes: dpkg-query's formats
if [ "${PKG_DEB_NS:-}" != 1 ]; then
	PKG_DEB_NS=1 exec unshare -m --propagation private "$BASH" "$0" "$@"
fi
# shellcheck source=t/integration/lib.sh
. "$(dirname "$0")/lib.sh"

debdir=$L2TPD_BUILD/pkg/deb
shopt -s nullglob
debs=("$debdir"/l2tpd_*.deb "$debdir"/l2tpd-pppd-plugin_*.deb
	"$debdir"/l2tpd-xl2tpd-compat_*.deb)
[ ${#debs[@]} -gt 0 ] ||
	skip "no .deb in $debdir: run make deb BUILD=${L2TPD_BUILD##*/}"
[ ${#debs[@]} -eq 3 ] || fail "$debdir: expected l2tpd, its plugin and the compat package"
command -v systemd-nspawn >/dev/null ||
	skip "no systemd-nspawn: apt-get install systemd-container"
unit=/lib/systemd/system/l2tpd.service

step "a copy-on-write root"
scratch=$(mktemp -d)
mount -t tmpfs tmpfs "$scratch"
mkdir "$scratch/upper" "$scratch/work" "$scratch/root"
R=$scratch/root
mount -t overlay overlay \
	-o "lowerdir=/,upperdir=$scratch/upper,workdir=$scratch/work" "$R"
# dpkg's maintainer scripts run in a chroot: what they need of /proc,
# /run and /dev, kept apart from the guest's.
mount --rbind /proc "$R/proc"
mount -t tmpfs -o mode=0755 tmpfs "$R/run"
mount -t tmpfs -o mode=0755 tmpfs "$R/dev"
for n in null zero full random urandom tty; do
	: > "$R/dev/$n"
	mount --bind "/dev/$n" "$R/dev/$n"
done
# man-db's trigger rebuilds the whole index: minutes under emulation.
rm -f "$R/var/lib/man-db/auto-update"
# A container image's policy-rc.d (exit 101) forbids maintainer scripts
# to start or stop services; a real system has none.
rm -f "$R/usr/sbin/policy-rc.d"
in_root() {
	chroot "$R" "$@"
}

step "dpkg -i ${debs[*]##*/}"
in_root dpkg-query -W -f '${Package} ${Status}\n' xl2tpd
check "dpkg -i" in_root dpkg -i "${debs[@]}"
in_root dpkg-query -W -f '${Package} ${Version} ${Status}\n' l2tpd \
	l2tpd-pppd-plugin l2tpd-xl2tpd-compat xl2tpd | tee "$OUT/installed"
grep -q '^xl2tpd .* not-installed$\|^xl2tpd .* config-files$' "$OUT/installed" ||
	fail "the xl2tpd drop-in did not replace xl2tpd"
for f in /usr/sbin/l2tpd /usr/bin/l2tpctl /usr/lib/pppd/2.4.9/l2tpd.so "$unit" \
	/usr/lib/tmpfiles.d/l2tpd.conf /usr/share/bash-completion/completions/l2tpctl \
	/usr/share/man/man8/l2tpd.8.gz /usr/share/man/man5/l2tpd.conf.5.gz \
	/usr/share/man/man8/l2tpd-plugin.8.gz; do
	[ -e "$R$f" ] || fail "the package did not install $f"
done
[ "$(readlink "$R/usr/sbin/xl2tpd")" = l2tpd ] || fail "/usr/sbin/xl2tpd is not l2tpd"
[ "$(stat -c %a "$R/etc/l2tpd/l2tpd.conf")" = 600 ] ||
	fail "/etc/l2tpd/l2tpd.conf is not 0600"
# l2tpctl's journal may hold passwords.
[ "$(stat -c %a "$R/var/lib/l2tpd")" = 700 ] ||
	fail "the state directory /var/lib/l2tpd is not 0700"
in_root dpkg-query -W -f '${Conffiles}\n' l2tpd | grep -q '/etc/l2tpd/l2tpd.conf' ||
	fail "/etc/l2tpd/l2tpd.conf is not a conffile"
[ -d "$R/run/l2tpd" ] || fail "postinst (tmpfiles.d) did not make /run/l2tpd"
[ ! -e "$R/etc/systemd/system/multi-user.target.wants/l2tpd.service" ] ||
	fail "the package enabled l2tpd.service (the sample config has sample passwords)"
# pppd refuses a plugin built for another version: the package must say so.
in_root dpkg-query -W -f '${Depends}\n' l2tpd-pppd-plugin | tee "$OUT/plugin-depends"
ppp=$(in_root dpkg-query -W -f '${Version}' ppp)
grep -q "ppp (<< ${ppp%%-*}" "$OUT/plugin-depends" ||
	fail "the plugin does not pin ppp's version"
cp "$R$unit" "$OUT/l2tpd.service"
umount -l "$R/proc" "$R/run" "$R/dev"

netns_add srv
netns_add cli
veth srv v-srv 10.99.0.1/24 cli v-cli 10.99.0.2/24

step "systemd boots the root in a container in the server's namespace"
# systemd-nspawn needs the unified cgroup hierarchy, which the rig's
# guest does not mount.
mountpoint -q /sys/fs/cgroup || mount -t cgroup2 cgroup2 /sys/fs/cgroup
# Only what l2tpd.service pulls in (sysinit.target), not the host's
# multi-user services.
printf '[Unit]\nDescription=l2tpd package test\n' > "$R/etc/systemd/system/pkg-test.target"
# The container keeps CAP_NET_ADMIN (its own network namespace); /dev/ppp
# is the one device it needs beyond nspawn's defaults.
systemd-nspawn --register=no --keep-unit -q -D "$R" -M l2tpd-pkg \
	--network-namespace-path="/run/netns/$(ns srv)" \
	--capability=CAP_NET_ADMIN --bind=/dev/ppp \
	-b -- --unit=pkg-test.target > "$OUT/container.log" 2>&1 &
nspawn=$!
lib_pids+=("$nspawn")
# in_ct COMMAND...: runs COMMAND in the container (systemctl, journalctl).
in_ct() {
	nsenter -t "$leader" -a "$@"
}
# host_pid COMM: the process COMM of the server's namespace (the
# container's included), as the guest numbers it.
host_pid() {
	local p

	for p in $(ip netns pids "$(ns srv)"); do
		if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = "$1" ]; then
			echo "$p"
			return 0
		fi
	done
}
leader=""
for ((i = 0; i < 600; i++)); do
	leader=$(host_pid systemd)
	[ -n "$leader" ] && break
	kill -0 "$nspawn" 2>/dev/null || fail "systemd-nspawn exited"
	sleep 0.2
done
[ -n "$leader" ] || fail "no systemd in the container after 120 s"
wait_for 120 "pkg-test.target" bash -c \
	"nsenter -t $leader -a systemctl is-active -q pkg-test.target"

step "systemctl enable --now l2tpd (README)"
check "systemctl enable --now" in_ct systemctl enable --now l2tpd
# Type=notify: start returns once l2tpd sent READY=1.
in_ct systemctl show l2tpd -p ActiveState -p SubState -p StatusText -p MainPID \
	-p NRestarts | tee "$OUT/show-start"
grep -qx 'ActiveState=active' "$OUT/show-start" || fail "l2tpd.service is not active"
grep -q '^StatusText=0 tunnels, 0 sessions' "$OUT/show-start" ||
	fail "no STATUS= from l2tpd"
mainpid=$(host_pid l2tpd)
[ -n "$mainpid" ] || fail "no l2tpd in the server's namespace"

step "a client dials the shipped configuration's server"
cat > "$scratch/client.conf" <<'EOF'
clients = (
	{
		name = "l2tp-pkg";
		connect-to = "10.99.0.1";
		user = "alice";
		password = "change-me-alice";
		profile = "default";
		keepalive-timeout = 10;
		disabled = false;
	}
);
EOF
mkdir -p "$scratch/client-run"
spawn client cli "$R/usr/sbin/l2tpd" -d -c "$scratch/client.conf" \
	-s "$scratch/client-run/l2tpd.sock" \
	--plugin "$R/usr/lib/pppd/2.4.9/l2tpd.so"
wait_for 60 "the client's PPP interface with an address from the pool" \
	bash -c "ip -n $(ns cli) -4 addr show dev l2tp-pkg | grep -q 'inet 10\.66\.0\.'"
check "ping through the session" in_ns cli ping -c 3 -W 2 10.66.0.1
in_ct l2tpctl session print | tee "$OUT/session-print"
grep -q alice "$OUT/session-print" || fail "l2tpctl session print does not show alice"
wait_for 10 "StatusText with one tunnel and one session" bash -c \
	"nsenter -t $leader -a systemctl show l2tpd -p StatusText |
	grep -q '=1 tunnels\?, 1 sessions\?'"

step "l2tpd and its pppd under the unit's restrictions"
pppd=$(host_pid pppd)
[ -n "$pppd" ] || fail "no pppd in the server's namespace"
in_ct systemctl show l2tpd -p ControlGroup
for p in "$mainpid" "$pppd"; do
	grep -E '^(CapBnd|NoNewPrivs|Seccomp)' "/proc/$p/status" | tee "$OUT/status-$p"
	# CAP_CHOWN (0), CAP_NET_BIND_SERVICE (10), CAP_NET_ADMIN (12).
	grep -q '^CapBnd:[[:space:]]*0000000000001401$' "$OUT/status-$p" ||
		fail "process $p has another bounding set than the unit's"
	grep -q '^NoNewPrivs:[[:space:]]*1$' "$OUT/status-$p" ||
		fail "process $p runs without no_new_privs"
	grep -q '^Seccomp:[[:space:]]*2$' "$OUT/status-$p" ||
		fail "process $p runs without the unit's seccomp filters"
	grep -q '/system.slice/l2tpd.service$' "/proc/$p/cgroup" ||
		fail "process $p is not in l2tpd.service's cgroup"
	# mount point, options, file system type, its options, its root
	awk '{ for (i = 7; $i != "-"; i++); print $5, $6, $(i + 1), $(i + 3), $4 }' \
		"/proc/$p/mountinfo" > "$OUT/mounts-$p"
	for m in "/usr ro," "/etc ro," "/etc/ppp rw," "/proc/sys ro," \
		"/usr/lib/modules ro," "/root [^ ]* tmpfs " "/home [^ ]* tmpfs " \
		"/tmp [^ ]* [^ ]* [^ ]* /.*systemd-private-"; do
		grep -q "^$m" "$OUT/mounts-$p" ||
			fail "process $p: no mount '$m' (see mounts-$p)"
	done
done
in_ct systemctl status l2tpd --no-pager > "$OUT/status" 2>&1 || :

step "systemctl reload l2tpd (ExecReload)"
check "systemctl reload" in_ct systemctl reload l2tpd
[ "$(host_pid l2tpd)" = "$mainpid" ] || fail "the reload restarted l2tpd"
check "ping after the reload" in_ns cli ping -c 2 -W 2 10.66.0.1

step "a crash: Restart=on-failure"
kill -KILL "$mainpid"
wait_for 30 "l2tpd restarted by systemd" bash -c \
	"nsenter -t $leader -a systemctl show l2tpd -p NRestarts | grep -qx NRestarts=1 &&
	nsenter -t $leader -a systemctl is-active -q l2tpd"
# KillMode=mixed: the crashed l2tpd's pppd went with it.
[ -z "$(host_pid pppd)" ] || [ "$(host_pid pppd)" != "$pppd" ] ||
	fail "pppd $pppd outlived its l2tpd"
wait_for 60 "the client back in a session" \
	bash -c "ip -n $(ns cli) -4 addr show dev l2tp-pkg | grep -q 'inet 10\.66\.0\.'"

step "systemctl stop l2tpd, then start"
check "systemctl stop" in_ct systemctl stop l2tpd
in_ct systemctl show l2tpd -p ActiveState -p Result | tee "$OUT/show-stop"
grep -qx 'Result=success' "$OUT/show-stop" || fail "l2tpd did not stop cleanly"
for c in l2tpd pppd; do
	[ -z "$(host_pid $c)" ] || fail "$c left behind after stop"
done
check "systemctl start" in_ct systemctl start l2tpd

step "dpkg -r in the running system: prerm stops the service"
in_ct dpkg -L l2tpd l2tpd-pppd-plugin l2tpd-xl2tpd-compat | sort -u > "$OUT/files"
check "dpkg -r" in_ct dpkg -r l2tpd-xl2tpd-compat l2tpd l2tpd-pppd-plugin
in_ct journalctl -u l2tpd --no-pager > "$OUT/journal.log" 2>&1 || :
# pppd logs to syslog; its stdout, a copy of the same lines, must not reach
# the journal as l2tpd's output.
grep -q ' pppd\[[0-9]*\]: local  IP address' "$OUT/journal.log" ||
	fail "no pppd log lines in the journal (see journal.log)"
! grep 'local  IP address' "$OUT/journal.log" | grep -qv ' pppd\[[0-9]*\]: ' ||
	fail "pppd's output is in the journal twice (see journal.log)"
! in_ct systemctl is-active -q l2tpd || fail "l2tpd.service still runs"
for c in l2tpd pppd; do
	[ -z "$(host_pid $c)" ] || fail "$c left behind by dpkg -r"
done
while read -r f; do
	[ -d "$R$f" ] && continue	# shared directories stay
	[ "$f" = /etc/l2tpd/l2tpd.conf ] && continue	# a conffile, until purge
	if [ -e "$R$f" ] || [ -L "$R$f" ]; then
		fail "dpkg -r left $f"
	fi
done < "$OUT/files"
[ -f "$R/etc/l2tpd/l2tpd.conf" ] || fail "dpkg -r removed the conffile"

step "dpkg -P"
check "dpkg -P" in_ct dpkg -P l2tpd l2tpd-pppd-plugin l2tpd-xl2tpd-compat
[ ! -e "$R/etc/l2tpd" ] || fail "dpkg -P left /etc/l2tpd: $(ls -A "$R/etc/l2tpd")"
[ ! -e "$R/var/lib/l2tpd" ] || fail "dpkg -P left /var/lib/l2tpd"
find "$R/etc/systemd" -name 'l2tpd*' | sed "s|^$R||" > "$OUT/left-in-etc-systemd"
[ ! -s "$OUT/left-in-etc-systemd" ] ||
	fail "dpkg -P left $(cat "$OUT/left-in-etc-systemd")"
if in_ct dpkg-query -W -f '${Status}\n' l2tpd 2>/dev/null | grep -q 'ok installed$'; then
	fail "dpkg still has l2tpd installed"
fi

step "the container powers off"
kill -TERM "$nspawn"
for ((i = 0; i < 300; i++)); do
	kill -0 "$nspawn" 2>/dev/null || break
	sleep 0.2
done
! kill -0 "$nspawn" 2>/dev/null || fail "the container did not power off in 60 s"
