#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs a systemd unit's command as systemd would, without systemd.

    unit-exec.py ROOT UNITFILE KEY [NAME=VALUE ...]

runs the unit's KEY line (ExecStart, ExecReload) chrooted into ROOT (a root
file system with /proc, /dev and /run mounted), with systemd's environment
for a system service plus NAME=VALUE (NOTIFY_SOCKET, MAINPID for
"$MAINPID"), under the unit's [Service] settings that shape what the
process and its children (pppd, pppd's scripts) may do: the file system
ones with mounts in a mount namespace of its own, as systemd's namespace
code makes them; CapabilityBoundingSet and NoNewPrivileges with prctl;
LimitNOFILE with setrlimit. A [Service] key it does not know stops it, so
that a new line in the unit is never taken as checked when it is not; the
settings systemd enforces with seccomp are named on stderr as not
reproduced, for the caller to check another way.

One process does it all: under the VM rig's emulation every exec of a tool
costs the best part of a second.
"""
import ctypes
import os
import resource
import shlex
import sys

MS_RDONLY = 0x1
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
CLONE_NEWNS = 0x20000
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38

# capability.h
CAPS = """chown dac_override dac_read_search fowner fsetid kill setgid setuid
setpcap linux_immutable net_bind_service net_broadcast net_admin net_raw
ipc_lock ipc_owner sys_module sys_rawio sys_chroot sys_ptrace sys_pacct
sys_admin sys_boot sys_nice sys_resource sys_time sys_tty_config mknod lease
audit_write audit_control setfcap mac_override mac_admin syslog wake_alarm
block_suspend audit_read perfmon bpf checkpoint_restore""".split()

# What systemd does for each key, or why this script leaves it alone.
REPRODUCED = {"CapabilityBoundingSet", "NoNewPrivileges", "ProtectSystem",
              "ReadWritePaths", "ProtectHome", "PrivateTmp",
              "ProtectKernelTunables", "ProtectKernelModules",
              "ProtectKernelLogs", "ProtectControlGroups", "LimitNOFILE"}
SECCOMP = {"RestrictAddressFamilies", "RestrictNamespaces", "RestrictRealtime",
           "RestrictSUIDSGID", "LockPersonality", "SystemCallArchitectures"}
MANAGER = {"Type", "NotifyAccess", "ExecStart", "ExecReload", "Restart",
           "RestartSec", "KillMode"}

# systemd.exec(5): the environment of a system service.
BASE_ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG": "C.UTF-8"}

libc = ctypes.CDLL(None, use_errno=True)


def die(msg):
    sys.exit(f"unit-exec: {msg}")


def check(ret, what):
    if ret != 0:
        err = ctypes.get_errno()
        die(f"{what}: {os.strerror(err)}")


def service_settings(path):
    """The [Service] section: key -> list of values, in order."""
    section, out = None, {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.endswith("\\"):
                die(f"{path}: continued lines are not supported")
            if line.startswith("["):
                section = line
                continue
            if section == "[Service]":
                key, _, value = line.partition("=")
                out.setdefault(key.strip(), []).append(value.strip())
    return out


class Sandbox:
    def __init__(self, root):
        self.root = root
        self.done = set()

    def path(self, p):
        """p inside root, or None when an earlier call covered it (/lib
        is /usr/lib on a merged-/usr system)."""
        real = os.path.realpath(self.root + p)
        if not real.startswith(self.root + "/"):
            die(f"{p} leads out of {self.root}")
        if real in self.done:
            return None
        self.done.add(real)
        return real

    def mount(self, src, dst, fstype, flags, data=None):
        check(libc.mount(src.encode(), dst.encode(),
                         fstype.encode() if fstype else None, flags,
                         data.encode() if data else None), f"mount {dst}")

    def bind(self, p, ro):
        """A bind mount of p onto itself, then read-only or writable; a
        missing path is skipped, as systemd skips "-" paths."""
        d = self.path(p)
        if not d or not os.path.exists(d):
            return
        self.mount(d, d, None, MS_BIND | MS_REC)
        self.mount("none", d, None,
                   MS_REMOUNT | MS_BIND | (MS_RDONLY if ro else 0))

    def tmpfs(self, p, opts, ro=False):
        d = self.path(p)
        if d and os.path.isdir(d):
            self.mount("tmpfs", d, "tmpfs", MS_RDONLY if ro else 0, opts)

    def inaccessible(self, p):
        """systemd's inaccessible nodes: mode 000, which root without
        CAP_DAC_OVERRIDE cannot open."""
        d = self.path(p)
        if not d:
            return
        if os.path.isdir(d):
            self.mount("tmpfs", d, "tmpfs", MS_RDONLY, "mode=000")
        elif os.path.exists(d):
            node = self.root + "/run/unit-exec-inaccessible"
            if not os.path.exists(node):
                os.close(os.open(node, os.O_CREAT | os.O_WRONLY, 0))
                os.chmod(node, 0)
            self.mount(node, d, None, MS_BIND)


def apply_fs(root, s):
    sb = Sandbox(root)
    one = {k: v[-1] for k, v in s.items()}
    # sysfs shows the network devices of the namespace that mounts it.
    sb.mount("sysfs", root + "/sys", "sysfs", 0)
    ps = one.get("ProtectSystem", "no")
    if ps in ("yes", "true", "full"):
        for p in ("/usr", "/boot", "/efi") + (("/etc",) if ps == "full" else ()):
            sb.bind(p, ro=True)
    elif ps not in ("no", "false"):
        die(f"ProtectSystem={ps}: not reproduced")
    for v in s.get("ReadWritePaths", []):
        for p in v.split():
            sb.bind(p.lstrip("-"), ro=False)
    ph = one.get("ProtectHome", "no")
    home = ("/home", "/root", "/run/user")
    if ph in ("yes", "true"):
        for p in home:
            sb.inaccessible(p)
    elif ph == "read-only":
        for p in home:
            sb.bind(p, ro=True)
    elif ph == "tmpfs":
        for p in home:
            sb.tmpfs(p, "mode=0755", ro=True)
    elif ph not in ("no", "false"):
        die(f"ProtectHome={ph}: not reproduced")
    if one.get("PrivateTmp") == "yes":
        sb.tmpfs("/tmp", "mode=1777")
        sb.tmpfs("/var/tmp", "mode=1777")
    if one.get("ProtectKernelTunables") == "yes":
        for p in ("/proc/sys", "/proc/sysrq-trigger", "/sys"):
            sb.bind(p, ro=True)
    if one.get("ProtectKernelModules") == "yes":
        for p in ("/lib/modules", "/usr/lib/modules"):
            sb.inaccessible(p)
    if one.get("ProtectKernelLogs") == "yes":
        for p in ("/proc/kmsg", "/dev/kmsg"):
            sb.inaccessible(p)
    if one.get("ProtectControlGroups") == "yes":
        sb.bind("/sys/fs/cgroup", ro=True)


def apply_process(s):
    one = {k: v[-1] for k, v in s.items()}
    if "LimitNOFILE" in one:
        n = int(one["LimitNOFILE"])
        resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))
    if "CapabilityBoundingSet" in one:
        keep = set()
        for c in one["CapabilityBoundingSet"].split():
            name = c.lower().removeprefix("cap_")
            if name not in CAPS:
                die(f"unknown capability {c}")
            keep.add(CAPS.index(name))
        with open("/proc/sys/kernel/cap_last_cap") as f:
            last = int(f.read())
        for n in range(last + 1):
            if n not in keep:
                check(libc.prctl(PR_CAPBSET_DROP, n, 0, 0, 0),
                      f"drop {CAPS[n] if n < len(CAPS) else n}")
    if one.get("NoNewPrivileges") == "yes":
        check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def main():
    if len(sys.argv) < 4:
        die("usage: unit-exec.py ROOT UNITFILE KEY [NAME=VALUE ...]")
    root, unit, key = sys.argv[1:4]
    env = dict(BASE_ENV)
    env.update(a.split("=", 1) for a in sys.argv[4:])
    s = service_settings(unit)
    for k in sorted(s):
        if k in SECCOMP:
            print(f"unit-exec: {k}={s[k][-1]}: seccomp, not reproduced",
                  file=sys.stderr)
        elif k not in REPRODUCED | MANAGER:
            die(f"{k}: not known to unit-exec.py; teach it or list it")
    if key not in s:
        die(f"{unit} has no {key}")
    line = s[key][-1]
    if line[:1] in "-@+!:":
        die(f"{key}={line}: prefixes are not supported")
    # systemd replaces $NAME and ${NAME} in the command line.
    os.environ.clear()
    os.environ.update(env)
    argv = [os.path.expandvars(w) for w in shlex.split(line)]

    check(libc.unshare(CLONE_NEWNS), "unshare")
    check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None),
          "make / private")
    apply_fs(root, s)
    os.chroot(root)
    os.chdir("/")
    # Standard input is /dev/null; output goes where ours goes (the
    # test's log stands in for the journal).
    fd = os.open("/dev/null", os.O_RDONLY)
    os.dup2(fd, 0)
    os.close(fd)
    os.umask(0o022)
    apply_process(s)
    os.execve(argv[0], argv, env)


main()
