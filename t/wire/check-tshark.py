#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Has tshark dissect the pcap that t/wire/wire-gen wrote and checks it
# against wire-gen's list of what each frame holds:
#   - no malformed packet, no expert info of any severity (-z expert and the
#     per-packet tree),
#   - every frame is an L2TP control message with the header we wrote and
#     the message type we meant (a ZLB is a ZLB),
#   - it has exactly the AVPs we wrote, each with our M and H bits,
#   - the value of every AVP in clear is the one we meant, field by field;
#     hidden values cannot be decrypted by tshark (RFC 2661 §4.3), so for a
#     hidden AVP it must name the same AVP type as it does in clear.
#
#   check-tshark.py PCAP EXPECT      (tshark from $TSHARK or the PATH)
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

TSHARK = os.environ.get("TSHARK", "tshark")


def num(i):
    return lambda v: {i: int(v[0])}


def text(f):
    return lambda v: {f: "" if v[0] == "-" else bytes.fromhex(v[0]).decode()}


def octets(f):
    return lambda v: {f: b"" if v[0] == "-" else bytes.fromhex(v[0])}


def bits(bit0, bit1):
    """A bitmap of which tshark shows the two low bits as booleans."""
    return lambda v: {bit0: int(v[0]) & 1, bit1: int(v[0]) >> 1 & 1}


def fields(*names):
    return lambda v: {n: int(x) for n, x in zip(names, v)}


def result(v):
    """§4.4.2: result, then optional error code, then optional message."""
    want = {"l2tp.result_code": int(v[0]), "l2tp.avp.error_code": None,
            "l2tp.avp.error_message": None}
    if len(v) > 1:
        want["l2tp.avp.error_code"] = int(v[1])
    if len(v) > 2 and v[2] != "-":
        want["l2tp.avp.error_message"] = bytes.fromhex(v[2]).decode()
    return want


def with_text(base, f):
    """Fixed fields followed by one string (Q.931, PPP Disconnect Cause)."""
    return lambda v: {**base(v[:-1]), **text(f)(v[-1:])}


A = "l2tp.avp."
# AVP type -> tshark fields and the value wire-gen's tokens say they hold;
# None: the field must be absent.
VALUES = {
    0: num(A + "message_type"),
    1: result,
    2: fields(A + "protocol_version", A + "protocol_revision"),
    3: bits(A + "sync_framing_supported", A + "async_framing_supported"),
    4: bits(A + "digital_access_supported", A + "analog_access_supported"),
    5: num("l2tp.tie_breaker"),
    6: num(A + "firmware_revision"),
    7: text(A + "host_name"),
    8: text(A + "vendor_name"),
    9: num(A + "assigned_tunnel_id"),
    10: num(A + "receive_window_size"),
    11: octets(A + "chap_challenge"),
    12: with_text(fields(A + "cause_code", A + "cause_msg"),
                  A + "advisory_msg"),
    13: octets(A + "chap_challenge_response"),
    14: num(A + "assigned_session_id"),
    15: num(A + "call_serial_number"),
    16: num(A + "minimum_bps"),
    17: num(A + "maximum_bps"),
    18: bits(A + "digital_bearer_type", A + "analog_bearer_type"),
    19: bits(A + "sync_framing_type", A + "async_framing_type"),
    21: text(A + "called_number"),
    22: text(A + "calling_number"),
    23: text(A + "sub_address"),
    24: num(A + "connect_speed"),
    25: num(A + "physical_channel"),
    26: octets(A + "initial_received_lcp_confreq"),
    27: octets(A + "last_sent_lcp_confreq"),
    28: octets(A + "last_received_lcp_confreq"),
    29: num(A + "proxy_authen_type"),
    30: text(A + "proxy_authen_name"),
    31: octets(A + "proxy_authen_challenge"),
    # §4.4.5: a 2-octet field of which the ID is the low octet; tshark
    # shows that octet only.
    32: lambda v: {A + "proxy_authen_id": int(v[0]) & 0xff},
    33: octets(A + "proxy_authen_response"),
    34: fields(A + "crc_errors", A + "framing_errors",
               A + "hardware_overruns", A + "buffer_overruns",
               A + "time_out_errors", A + "alignment_errors"),
    35: fields(A + "send_accm", A + "receive_accm"),
    36: octets(A + "random_vector"),
    37: octets(A + "private_group_id"),
    38: num(A + "rx_connect_speed"),
    39: lambda v: {},
    46: with_text(fields(A + "disconnect_code", A + "control_protocol_number",
                         A + "cause_code_direction"),
                  A + "cause_code_message"),
}


def read_expect(path):
    """msg FRAME TYPE TID SID NS NR / avp FRAME TYPE M H VALUE..."""
    frames = {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[0] == "msg":
                frames[int(w[1])] = {"type": int(w[2]),
                                     "hdr": [int(x) for x in w[3:7]],
                                     "avps": []}
            elif w[0] == "avp":
                frames[int(w[1])]["avps"].append(
                    (int(w[2]), int(w[3]), int(w[4]), w[5:]))
    return [frames[k] for k in sorted(frames)]


def tshark(*args):
    r = subprocess.run([TSHARK, *args], capture_output=True, text=True)
    if r.returncode:
        sys.exit(f"check-tshark: tshark {' '.join(args)} failed:\n{r.stderr}")
    return r.stdout


def field_map(elem):
    """Every l2tp.* field under elem: name -> list of shown values."""
    out = {}
    for f in elem.iter("field"):
        name = f.get("name", "")
        if name.startswith("l2tp."):
            out.setdefault(name, []).append(f.get("show", ""))
    return out


def dissect(pcap):
    """Per packet: header fields, AVPs (label, fields) and expert items."""
    packets = []
    for pkt in ET.fromstring(tshark("-r", pcap, "-T", "pdml")).iter("packet"):
        expert = [f.get("showname") or f.get("name")
                  for f in pkt.iter() if f.get("name", "").startswith(
                      ("_ws.expert", "_ws.malformed"))]
        l2tp = [p for p in pkt.iter("proto") if p.get("name") == "l2tp"]
        hdr, avps = {}, []
        if l2tp:
            for f in l2tp[0].findall("field"):
                if f.get("name") == "" and f.get("show", "").endswith(" AVP"):
                    avps.append((f.get("show"), field_map(f)))
                elif f.get("name", "").startswith("l2tp."):
                    hdr.update(field_map(f))
        packets.append({"l2tp": bool(l2tp), "hdr": hdr, "avps": avps,
                        "expert": expert})
    return packets


def learn_labels(packets, errors):
    """tshark's name of each AVP type, from the AVPs it shows in clear."""
    labels = {}
    for p in packets:
        for label, f in p["avps"]:
            if f.get("l2tp.avp.hidden") == ["0"] and "l2tp.avp.type" in f:
                t = int(f["l2tp.avp.type"][0])
                if labels.setdefault(label, t) != t:
                    errors.append(f"tshark names types {labels[label]} and "
                                  f"{t} both '{label}'")
    return labels


def same(want, got):
    if isinstance(want, bytes):
        return bytes.fromhex(got.replace(":", "")) == want
    if isinstance(want, int):
        return int(got, 0) == want
    return got == want


def check_values(where, t, tokens, f, errors):
    for name, want in VALUES[t](tokens).items():
        got = f.get(name)
        if want is None:
            if got is not None:
                errors.append(f"{where}: {name} should be absent, is {got}")
        elif got is None or len(got) != 1:
            errors.append(f"{where}: {name}: want {want!r}, tshark has {got}")
        elif not same(want, got[0]):
            errors.append(f"{where}: {name}: want {want!r}, tshark has "
                          f"{got[0]!r}")


def check_header(n, exp, p, errors):
    h = p["hdr"]
    want = {"l2tp.type": 1, "l2tp.tunnel": exp["hdr"][0],
            "l2tp.session": exp["hdr"][1], "l2tp.Ns": exp["hdr"][2],
            "l2tp.Nr": exp["hdr"][3]}
    for name, v in want.items():
        if h.get(name) != [str(v)]:
            errors.append(f"frame {n}: {name}: want {v}, tshark has "
                          f"{h.get(name)}")
    zlb = "l2tp.zero_length_body_message" in h
    first = p["avps"][0][1] if p["avps"] else {}
    mtype = first.get("l2tp.avp.message_type")
    if zlb != (exp["type"] == 0):
        errors.append(f"frame {n}: ZLB: want {exp['type'] == 0}, tshark "
                      f"says {zlb}")
    elif not zlb and mtype != [str(exp["type"])]:
        errors.append(f"frame {n}: message type: want {exp['type']}, "
                      f"tshark has {mtype}")


def check_frame(n, exp, p, labels, errors, counts):
    if p["expert"]:
        errors.append(f"frame {n}: expert info: {p['expert']}")
    if not p["l2tp"]:
        errors.append(f"frame {n}: tshark found no L2TP")
        return
    check_header(n, exp, p, errors)
    want = {t: (m, h, tok) for t, m, h, tok in exp["avps"]}
    seen = set()
    for i, (label, f) in enumerate(p["avps"]):
        hidden = f.get("l2tp.avp.hidden") == ["1"]
        t = labels.get(label) if hidden else int(f["l2tp.avp.type"][0])
        where = f"frame {n} ({label})"
        if t not in want or t in seen:
            errors.append(f"{where}: not written, or twice (type {t})")
            continue
        seen.add(t)
        m, h, tokens = want[t]
        if i == 0 and t != 0:
            errors.append(f"{where}: first AVP is not Message Type")
        if f.get("l2tp.avp.mandatory") != [str(m)] or hidden != bool(h):
            errors.append(f"{where}: M/H want {m}/{h}, tshark has "
                          f"{f.get('l2tp.avp.mandatory')}/{int(hidden)}")
        if not hidden:
            check_values(where, t, tokens, f, errors)
        counts["hidden" if hidden else "clear"] += 1
    for t in sorted(set(want) - seen):
        errors.append(f"frame {n}: tshark does not show AVP type {t}")


def expert_summary(pcap, errors):
    """-z expert lists every expert item by severity; there must be none."""
    out = tshark("-r", pcap, "-q", "-z", "expert")
    for line in out.splitlines():
        if line.split(" (")[0] in ("Errors", "Warnings", "Notes", "Chats"):
            errors.append(f"tshark -z expert: {line.strip()}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check-tshark.py PCAP EXPECT")
    pcap, expect = sys.argv[1:]
    frames = read_expect(expect)
    packets = dissect(pcap)
    errors = []
    counts = {"clear": 0, "hidden": 0}
    expert_summary(pcap, errors)
    if len(packets) != len(frames):
        errors.append(f"{len(frames)} frames written, tshark reads "
                      f"{len(packets)}")
    labels = learn_labels(packets, errors)
    for n, (exp, p) in enumerate(zip(frames, packets), 1):
        check_frame(n, exp, p, labels, errors, counts)
    types = sorted({f["type"] for f in frames})
    if errors:
        print("\n".join(f"check-tshark: {e}" for e in errors))
        print(f"check-tshark: FAIL, {len(errors)} problems")
        return 1
    print(f"check-tshark: {len(packets)} frames, {len(types)} message types "
          f"(ZLB included), {counts['clear']} AVPs in clear checked value by "
          f"value, {counts['hidden']} hidden AVPs by type and H bit; no "
          f"expert info")
    return 0


if __name__ == "__main__":
    sys.exit(main())
