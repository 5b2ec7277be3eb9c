#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Lists the L2TP control messages in a pcap (Ethernet, IPv4, UDP) and
# writes each one's raw L2TP bytes (the UDP payload) to a file. The rig's
# xl2tpd tests use `list` to check what went over the wire;
# t/vm/capture-xl2tpd.sh uses `split` to make t/data/xl2tpd-*.bin. It reads
# only what it needs to name a message (RFC 2661 §3.1 header, §4.1 AVP
# headers, the Message Type AVP); decoding proper is lib/'s job.
#
#   l2tp-pcap.py list FILE [--host IP=NAME ...]
#   l2tp-pcap.py split FILE PREFIX [--host IP=NAME ...]
#     writes PREFIX-NN-MSGTYPE.bin, NN counting control messages from 01
import argparse
import socket
import struct
import sys

# RFC 2661 §3.2
MSG_TYPES = {
    1: "SCCRQ", 2: "SCCRP", 3: "SCCCN", 4: "StopCCN", 6: "HELLO",
    7: "OCRQ", 8: "OCRP", 9: "OCCN", 10: "ICRQ", 11: "ICRP", 12: "ICCN",
    14: "CDN", 15: "WEN", 16: "SLI",
}
ETH_P_IP = 0x0800
LINKTYPE_ETHERNET = 1
L2TP_PORT = 1701


def pcap_records(data):
    """Yields (seconds, microseconds, frame) from a classic pcap file."""
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise ValueError("not a classic pcap file (pcapng is not read)")
    linktype = struct.unpack(end + "I", data[20:24])[0]
    if linktype != LINKTYPE_ETHERNET:
        raise ValueError(f"link type {linktype}, expected Ethernet")
    off = 24
    while off + 16 <= len(data):
        sec, usec, incl, _ = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        yield sec, usec, data[off:off + incl]
        off += incl


def udp_payload(frame):
    """(src, sport, dst, dport, payload) of an IPv4/UDP frame, else None."""
    if len(frame) < 14 + 20 + 8:
        return None
    if struct.unpack("!H", frame[12:14])[0] != ETH_P_IP:
        return None
    ip = frame[14:]
    ihl = (ip[0] & 0x0F) * 4
    if ip[0] >> 4 != 4 or ip[9] != socket.IPPROTO_UDP:
        return None
    total = struct.unpack("!H", ip[2:4])[0]
    udp = ip[ihl:total]
    sport, dport, ulen = struct.unpack("!HHH", udp[:6])
    return (socket.inet_ntoa(ip[12:16]), sport, socket.inet_ntoa(ip[16:20]),
            dport, bytes(udp[8:ulen]))


def l2tp_control(msg):
    """Header fields and AVP summary of an L2TP control message, or None."""
    if len(msg) < 12:
        return None
    flags = struct.unpack("!H", msg[:2])[0]
    # RFC 2661 §3.1: T, L and S set on control messages; version 2.
    if flags & 0xC800 != 0xC800 or flags & 0x000F != 2:
        return None
    length, tid, sid, ns, nr = struct.unpack("!HHHHH", msg[2:12])
    off = 12
    if flags & 0x0200:			# O bit: offset size and pad
        off += 2 + struct.unpack("!H", msg[12:14])[0]
    avps, mtype = [], None
    while off + 6 <= min(length, len(msg)):
        word, vendor, atype = struct.unpack("!HHH", msg[off:off + 6])
        alen = word & 0x03FF
        if alen < 6:
            break
        hidden = "H" if word & 0x4000 else ""
        avps.append(f"{atype}{hidden}" if vendor == 0
                    else f"{vendor}:{atype}{hidden}")
        if len(avps) == 1 and vendor == 0 and atype == 0 and alen == 8:
            mtype = struct.unpack("!H", msg[off + 6:off + 8])[0]
        off += alen
    if not avps:
        name = "ZLB"
    else:
        name = MSG_TYPES.get(mtype, f"type{mtype}")
    return {"name": name, "tid": tid, "sid": sid, "ns": ns, "nr": nr,
            "len": len(msg), "avps": ",".join(avps) or "-"}


def messages(path, hosts):
    with open(path, "rb") as f:
        data = f.read()
    for _, _, frame in pcap_records(data):
        udp = udp_payload(frame)
        if not udp or L2TP_PORT not in (udp[1], udp[3]):
            continue
        info = l2tp_control(udp[4])
        if not info:
            continue
        info["from"] = hosts.get(udp[0], udp[0])
        info["to"] = hosts.get(udp[2], udp[2])
        info["route"] = f"{udp[0]}:{udp[1]}->{udp[2]}:{udp[3]}"
        yield info, udp[4]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["list", "split"])
    ap.add_argument("pcap")
    ap.add_argument("prefix", nargs="?")
    ap.add_argument("--host", action="append", default=[],
                    metavar="IP=NAME", help="name a host in the listing")
    args = ap.parse_args()
    hosts = dict(h.split("=", 1) for h in args.host)
    if args.command == "split" and not args.prefix:
        ap.error("split needs a PREFIX")
    for n, (m, raw) in enumerate(messages(args.pcap, hosts), 1):
        if args.command == "split":
            with open(f"{args.prefix}-{n:02d}-{m['name']}.bin", "wb") as f:
                f.write(raw)
        print(f"{n:02d} {m['from']}->{m['to']} {m['name']} "
              f"tid={m['tid']} sid={m['sid']} ns={m['ns']} nr={m['nr']} "
              f"len={m['len']} {m['route']} avps={m['avps']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
