#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Idle L2TPv2 tunnels for bench/vm/idle.sh: the load generator.

Opens COUNT control connections to an LNS (SCCRQ, SCCRP, SCCCN; RFC 2661
section 5.1), places no call, and then only keeps them: every message
of the server (its HELLOs) is acknowledged with a ZLB (section 5.8), and
each tunnel sends a HELLO of its own after HELLO seconds of silence
(section 6.5), retransmitted until acknowledged. Without pppd on either
side, what the server spends is the tunnels' upkeep alone.

The tunnels open at RATE a second from each source address (--source,
repeatable): l2tpd admits 5 SCCRQs a second per peer address (with
bursts of 10), as a server facing a flood should; an SCCRQ is sent again
until answered.

Every STATUS seconds a line goes to stdout:
  status established=N hello-rx=N hello-tx=N retransmits=N stopccn=N
No loss is expected on the bench's link: a HELLO still unacknowledged
after five retransmissions counts the tunnel as lost (established drops).
"""
import argparse
import os
import selectors
import socket
import struct
import sys
import time

MSG_SCCRQ, MSG_SCCRP, MSG_SCCCN, MSG_STOPCCN, MSG_HELLO = 1, 2, 3, 4, 6
AVP_MSG_TYPE, AVP_PROTO_VER, AVP_FRAMING = 0, 2, 3
AVP_HOST_NAME, AVP_TUNNEL_ID, AVP_RWS = 7, 9, 10
HDR_CTRL = 0xC802  # T, L, S bits, version 2 (section 3.1)
RTX_FIRST, RTX_MAX, RTX_TRIES = 1.0, 8.0, 5


def avp(attr, value):
    """One IETF AVP with the M bit (section 4.1)."""
    return struct.pack("!HHH", 0x8000 | (6 + len(value)), 0, attr) + value


def control(peer_tid, ns, nr, avps=b""):
    """A control message (ZLB without AVPs): header and AVPs."""
    return struct.pack("!HHHHHH", HDR_CTRL, 12 + len(avps), peer_tid, 0,
                       ns, nr) + avps


def parse(pkt):
    """(ns, nr, message type or None for a ZLB, {attr: value}), or None."""
    if len(pkt) < 12:
        return None
    flags, length, _tid, _sid, ns, nr = struct.unpack_from("!HHHHHH", pkt)
    if flags & 0xC80F != HDR_CTRL or length > len(pkt):
        return None
    avps, off = {}, 12
    while off + 6 <= length:
        fl, vendor, attr = struct.unpack_from("!HHH", pkt, off)
        alen = fl & 0x3FF
        if alen < 6 or off + alen > length:
            return None
        if vendor == 0:
            avps[attr] = pkt[off + 6:off + alen]
        off += alen
    mtype = None
    if AVP_MSG_TYPE in avps and len(avps[AVP_MSG_TYPE]) == 2:
        mtype = struct.unpack("!H", avps[AVP_MSG_TYPE])[0]
    return ns, nr, mtype, avps


class Tunnel:
    """One control connection from its own UDP socket."""

    def __init__(self, tid, server, source, stats):
        self.tid, self.server, self.stats = tid, server, stats
        self.peer_tid = 0
        self.ns = self.nr = 0
        self.state = "wait-sccrp"
        self.unacked = None  # (ns, packet, next send time, interval, tries)
        self.last_rx = time.monotonic()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setblocking(False)
        self.sock.bind((source, 0))

    def send_reliable(self, avps):
        pkt = control(self.peer_tid, self.ns, self.nr, avps)
        self.unacked = (self.ns, pkt, time.monotonic() + RTX_FIRST,
                        RTX_FIRST, 0)
        self.ns = (self.ns + 1) & 0xFFFF
        self.sock.sendto(pkt, self.server)

    def start(self, host):
        self.send_reliable(avp(AVP_MSG_TYPE, struct.pack("!H", MSG_SCCRQ)) +
                           avp(AVP_PROTO_VER, b"\x01\x00") +
                           avp(AVP_HOST_NAME, host.encode()) +
                           avp(AVP_FRAMING, struct.pack("!I", 3)) +
                           avp(AVP_TUNNEL_ID, struct.pack("!H", self.tid)) +
                           avp(AVP_RWS, struct.pack("!H", 4)))

    def receive(self):
        try:
            pkt, addr = self.sock.recvfrom(4096)
        except BlockingIOError:
            return
        msg = parse(pkt)
        if msg is None:
            return
        ns, nr, mtype, avps = msg
        # The server may answer from another port: follow it (section 8.1).
        self.server = addr
        self.last_rx = time.monotonic()
        if self.unacked and ((nr - self.unacked[0] - 1) & 0xFFFF) < 0x8000:
            self.unacked = None
        if mtype is None:
            return
        if ns != self.nr:
            # A retransmission of what we had: acknowledge it again.
            self.sock.sendto(control(self.peer_tid, self.ns, self.nr),
                             self.server)
            return
        self.nr = (self.nr + 1) & 0xFFFF
        if mtype == MSG_SCCRP and self.state == "wait-sccrp":
            self.peer_tid = struct.unpack("!H", avps[AVP_TUNNEL_ID])[0]
            self.send_reliable(avp(AVP_MSG_TYPE,
                                   struct.pack("!H", MSG_SCCCN)))
            self.state = "established"
            self.stats["established"] += 1
            return
        if mtype == MSG_HELLO:
            self.stats["hello-rx"] += 1
        elif mtype == MSG_STOPCCN:
            self.stats["stopccn"] += 1
            self.lose()
        self.sock.sendto(control(self.peer_tid, self.ns, self.nr),
                         self.server)

    def lose(self):
        if self.state == "established":
            self.stats["established"] -= 1
        self.state = "lost"
        self.unacked = None

    def tick(self, now, hello):
        if self.unacked:
            ns, pkt, when, ival, tries = self.unacked
            if now < when:
                return
            if tries >= RTX_TRIES and self.state != "wait-sccrp":
                self.lose()
                return
            self.stats["retransmits"] += 1
            ival = min(ival * 2, RTX_MAX)
            self.unacked = (ns, pkt, now + ival, ival, tries + 1)
            self.sock.sendto(pkt, self.server)
        elif self.state == "established" and now - self.last_rx >= hello:
            self.stats["hello-tx"] += 1
            self.last_rx = now
            self.send_reliable(avp(AVP_MSG_TYPE,
                                   struct.pack("!H", MSG_HELLO)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", required=True)
    ap.add_argument("--port", type=int, default=1701)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--hello", type=float, default=60.0)
    ap.add_argument("--status", type=float, default=5.0)
    ap.add_argument("--host-name", default="idle-lac")
    ap.add_argument("--source", action="append")
    ap.add_argument("--rate", type=float, default=4.0)
    a = ap.parse_args()
    sources = a.source or ["0.0.0.0"]

    stats = dict.fromkeys(("established", "hello-rx", "hello-tx",
                           "retransmits", "stopccn"), 0)
    sel = selectors.DefaultSelector()
    tunnels = []
    start = next_status = time.monotonic()
    host = f"{a.host_name}-{os.getpid()}"
    while True:
        for key, _ in sel.select(timeout=0.2):
            key.data.receive()
        now = time.monotonic()
        due = min(a.count, 1 + int((now - start) * a.rate * len(sources)))
        while len(tunnels) < due:
            t = Tunnel(len(tunnels) + 1, (a.server, a.port),
                       sources[len(tunnels) % len(sources)], stats)
            sel.register(t.sock, selectors.EVENT_READ, t)
            tunnels.append(t)
            t.start(host)
        for t in tunnels:
            t.tick(now, a.hello)
        if now >= next_status:
            print("status " + " ".join(f"{k}={v}" for k, v in stats.items()),
                  flush=True)
            next_status = now + a.status


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
