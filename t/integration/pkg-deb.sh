#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The Debian packages (make deb) on a real kernel: they install with
# dpkg -i (the xl2tpd drop-in replacing xl2tpd), l2tpd starts from the
# shipped configuration exactly as the unit's ExecStart line starts it and
# under the unit's restrictions (unit-exec.py), tells the service manager
# READY=1 and STATUS=, a client connects and pings through the session,
# the unit's ExecReload reloads, SIGTERM stops it with its pppd, and
# dpkg -r / dpkg -P leave nothing behind.
#
# Every package operation happens in a copy-on-write copy of the guest's
# root, in this test's own mount namespace: the other tests of the boot
# still see xl2tpd and no l2tpd package. dpkg is slow under emulation
# (the maintainer scripts start perl's deb-systemd-helper several times, at
# seconds each over 9p): the test needs two to four minutes.
#
# Skips (exit 77) when BUILDDIR/pkg/deb holds no .deb.
# vm-timeout: 600
#
# shellcheck disable=SC2016 # ${...} in single quotes: dpkg-query's formats
if [ "${PKG_DEB_NS:-}" != 1 ]; then
	PKG_DEB_NS=1 exec unshare -m --propagation private "$BASH" "$0" "$@"
fi
# shellcheck source=t/integration/lib.sh
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

debdir=$L2TPD_BUILD/pkg/deb
shopt -s nullglob
debs=("$debdir"/l2tpd_*.deb "$debdir"/l2tpd-pppd-plugin_*.deb
	"$debdir"/l2tpd-xl2tpd-compat_*.deb)
[ ${#debs[@]} -gt 0 ] ||
	skip "no .deb in $debdir: run make deb BUILD=${L2TPD_BUILD##*/}"
[ ${#debs[@]} -eq 3 ] || fail "$debdir: expected l2tpd, its plugin and the compat package"
unit=/lib/systemd/system/l2tpd.service

step "a copy-on-write root"
scratch=$(mktemp -d)
mount -t tmpfs tmpfs "$scratch"
mkdir "$scratch/upper" "$scratch/work" "$scratch/root"
R=$scratch/root
mount -t overlay overlay \
	-o "lowerdir=/,upperdir=$scratch/upper,workdir=$scratch/work" "$R"
mount --rbind /proc "$R/proc"
mount -t tmpfs -o mode=0755 tmpfs "$R/run"
# A /dev of its own, as systemd-nspawn makes one, so that syslogd's
# /dev/log goes away with the test.
mount -t tmpfs -o mode=0755 tmpfs "$R/dev"
for n in null zero full random urandom tty ppp; do
	: > "$R/dev/$n"
	mount --bind "/dev/$n" "$R/dev/$n"
done
mkdir "$R/dev/pts" "$R/dev/shm"
mount --bind /dev/pts "$R/dev/pts"
ln -s /proc/self/fd "$R/dev/fd"
# man-db's trigger rebuilds the whole index: minutes under emulation.
rm -f "$R/var/lib/man-db/auto-update"
in_root() {
	chroot "$R" "$@"
}
# l2tpd logs to syslog, as under systemd (where the journal takes it).
in_root busybox syslogd -n -O /run/syslog.log &
lib_pids+=($!)

step "dpkg -i ${debs[*]##*/}"
in_root dpkg-query -W -f '${Package} ${Status}\n' xl2tpd
check "dpkg -i" in_root dpkg -i "${debs[@]}"
in_root dpkg-query -W -f '${Package} ${Version} ${Status}\n' l2tpd \
	l2tpd-pppd-plugin l2tpd-xl2tpd-compat xl2tpd | tee "$OUT/installed"
grep -q '^xl2tpd .* not-installed$\|^xl2tpd .* config-files$' "$OUT/installed" ||
	fail "the xl2tpd drop-in did not replace xl2tpd"
for f in /usr/sbin/l2tpd /usr/bin/l2tpctl /usr/lib/pppd/2.4.9/l2tpd.so "$unit" \
	/usr/lib/tmpfiles.d/l2tpd.conf /usr/share/bash-completion/completions/l2tpctl \
	/usr/share/man/man8/l2tpd.8.gz /usr/share/man/man5/l2tpd.conf.5.gz; do
	[ -e "$R$f" ] || fail "the package did not install $f"
done
[ "$(readlink "$R/usr/sbin/xl2tpd")" = l2tpd ] || fail "/usr/sbin/xl2tpd is not l2tpd"
[ "$(stat -c %a "$R/etc/l2tpd/l2tpd.conf")" = 600 ] ||
	fail "/etc/l2tpd/l2tpd.conf is not 0600"
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

netns_add srv
netns_add cli
veth srv v-srv 10.99.0.1/24 cli v-cli 10.99.0.2/24

# systemd's side of Type=notify: a datagram socket, one line per message.
cat > "$R/run/notify.py" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as log:
    while True:
        log.write(s.recv(4096).decode(errors="replace").replace("\n", " | ") + "\n")
EOF
in_root python3 /run/notify.py /run/notify.sock /run/notify.log &
lib_pids+=($!)
wait_for 10 "the notify socket" test -S "$R/run/notify.sock"

step "ExecStart under the unit's restrictions: $(sed -n 's/^ExecStart=//p' "$R$unit")"
# strace records the socket families for RestrictAddressFamilies, which
# is seccomp and not reproduced by unit-exec.py.
spawn server srv strace -f --seccomp-bpf -qq -e trace=socket -e signal=none \
	-o "$OUT/strace.log" \
	"$here/unit-exec.py" "$R" "$R$unit" ExecStart NOTIFY_SOCKET=/run/notify.sock
wait_for 30 "READY=1 from l2tpd" grep -qx 'READY=1' "$R/run/notify.log"
mainpid=""
for p in $(ip netns pids "$(ns srv)"); do
	[ "$(cat "/proc/$p/comm" 2>/dev/null)" = l2tpd ] && mainpid=$p
done
[ -n "$mainpid" ] || fail "no l2tpd process in the server's namespace"
echo "MAINPID $mainpid"

step "a client dials the shipped configuration's server"
cat > "$R/run/client.conf" <<'EOF'
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
spawn client cli chroot "$R" /usr/sbin/l2tpd -d -c /run/client.conf \
	-s /run/l2tpd/client.sock
wait_for 60 "the client's PPP interface with an address from the pool" \
	bash -c "ip -n $(ns cli) -4 addr show dev l2tp-pkg | grep -q 'inet 10\.66\.0\.'"
check "ping through the session" in_ns cli ping -c 3 -W 2 10.66.0.1
in_root l2tpctl session print | tee "$OUT/session-print"
grep -q alice "$OUT/session-print" || fail "l2tpctl session print does not show alice"
wait_for 10 "STATUS= with one tunnel and one session" \
	grep -q '^STATUS=1 tunnels\?, 1 sessions\?' "$R/run/notify.log"

step "l2tpd and pppd run under the unit's restrictions"
pppd=""
for p in $(ip netns pids "$(ns srv)"); do
	[ "$(cat "/proc/$p/comm" 2>/dev/null)" = pppd ] && pppd=$p
done
[ -n "$pppd" ] || fail "no pppd in the server's namespace"
for p in "$mainpid" "$pppd"; do
	grep -E '^(CapBnd|NoNewPrivs)' "/proc/$p/status"
	# CAP_CHOWN (0), CAP_NET_BIND_SERVICE (10), CAP_NET_ADMIN (12).
	grep -q '^CapBnd:[[:space:]]*0000000000001401$' "/proc/$p/status" ||
		fail "process $p has another bounding set than the unit's"
	grep -q '^NoNewPrivs:[[:space:]]*1$' "/proc/$p/status" ||
		fail "process $p runs without no_new_privs"
	awk '{ print $5, $6 }' "/proc/$p/mountinfo" > "$OUT/mounts-$p"
	for m in "/usr ro" "/etc ro" "/etc/ppp rw" "/root ro" "/tmp rw" \
		"/proc/sys ro" "$(readlink -f "$R/lib/modules" | sed "s|^$R||") ro"; do
		grep -q "^$m," "$OUT/mounts-$p" ||
			fail "process $p: no mount '$m' (see mounts-$p)"
	done
done
allowed=" $(sed -n 's/^RestrictAddressFamilies=//p' "$R$unit") "
sed -n 's/.*socket(\(AF_[A-Z0-9]*\).*/\1/p' "$OUT/strace.log" | sort -u > "$OUT/families"
while read -r fam; do
	echo "socket family $fam"
	[[ $allowed = *" $fam "* ]] ||
		fail "$fam is used but not in RestrictAddressFamilies"
done < "$OUT/families"

step "ExecReload: $(sed -n 's/^ExecReload=//p' "$R$unit")"
check "ExecReload" "$here/unit-exec.py" "$R" "$R$unit" ExecReload MAINPID="$mainpid"
wait_for 10 "RELOADING=1, then READY=1" \
	bash -c "sed -n '/^RELOADING=1/,\$p' $R/run/notify.log | grep -qx READY=1"
kill -0 "$mainpid" || fail "l2tpd exited on reload"
check "ping after the reload" in_ns cli ping -c 2 -W 2 10.66.0.1

step "stop: SIGTERM to l2tpd alone (KillMode=mixed)"
kill -TERM "$mainpid"
for ((i = 0; i < 100; i++)); do
	kill -0 "$mainpid" 2>/dev/null || break
	sleep 0.2
done
! kill -0 "$mainpid" 2>/dev/null || fail "l2tpd still runs 20 s after SIGTERM"
grep -q '^STOPPING=1' "$R/run/notify.log" || fail "no STOPPING=1"
for p in $(ip netns pids "$(ns srv)"); do
	c=$(cat "/proc/$p/comm" 2>/dev/null) || continue
	[ "$c" = strace ] || fail "left behind in the server's namespace: $p $c"
done
cp "$R/run/notify.log" "$R/run/syslog.log" "$OUT/"

step "dpkg -r, then dpkg -P"
in_root dpkg -L l2tpd l2tpd-pppd-plugin l2tpd-xl2tpd-compat | sort -u > "$OUT/files"
check "dpkg -r" in_root dpkg -r l2tpd-xl2tpd-compat l2tpd l2tpd-pppd-plugin
while read -r f; do
	[ -d "$R$f" ] && continue	# shared directories stay
	[ "$f" = /etc/l2tpd/l2tpd.conf ] && continue	# a conffile, until purge
	if [ -e "$R$f" ] || [ -L "$R$f" ]; then
		fail "dpkg -r left $f"
	fi
done < "$OUT/files"
[ -f "$R/etc/l2tpd/l2tpd.conf" ] || fail "dpkg -r removed the conffile"
check "dpkg -P" in_root dpkg -P l2tpd l2tpd-pppd-plugin l2tpd-xl2tpd-compat
[ ! -e "$R/etc/l2tpd" ] || fail "dpkg -P left /etc/l2tpd: $(ls -A "$R/etc/l2tpd")"
if in_root dpkg-query -W -f '${Status}\n' l2tpd 2>/dev/null | grep -q 'ok installed$'; then
	fail "dpkg still has l2tpd installed"
fi
