#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Craft VRRP adverts and watch who answers ARP for a virtual IP.

  vrrp_pkt.py advert IFNAME SRC SPEC...
      Send IPv4 VRRP adverts (IP protocol 112) to 224.0.0.18 out of IFNAME
      from SRC through a raw socket with IP_HDRINCL, so that the TTL is the
      one asked for. Each SPEC is a JSON object; its keys override these
      defaults: {"version": 3, "type": 1, "vrid": 5, "prio": 250, "ttl": 255,
      "interval_cs": 20, "addrs": ["10.0.0.100"], "count": 3,
      "bad_checksum": false, "pseudo_header": true, "truncate": null}.
      "truncate": N sends only the first N bytes of the VRRP message.
      Prints one line per SPEC: the count and the message in hex.

  vrrp_pkt.py arp-sampler SEND_IF PORTS VIP SRC OUT STOP [PERIOD]
      Every PERIOD seconds (default 0.05) send an ARP request for VIP out of
      SEND_IF (the bridge: it floods the request to every port), from SRC
      and from a sender MAC 02:00:5e:5e:HI:LO that numbers the request. On
      each of PORTS (comma separated bridge ports) note the ARP replies for
      VIP coming in, numbered by the MAC they are sent to. Prints "ready"
      once the sockets are open and "PORT SEQ MS" per reply (MS since the
      start), flushed. When the file STOP exists, writes a JSON summary to
      OUT: sent, per port the numbers it answered, the numbers answered by
      more than one port ("both") and the longest run of unanswered
      requests.
"""

import json
import os
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
PACKET_OUTGOING = 4
VRRP_GROUP = "224.0.0.18"
IPPROTO_VRRP = 112


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def vrrp_message(spec, src, dst):
    addrs = b"".join(socket.inet_aton(a) for a in spec["addrs"])
    if spec["version"] == 2:
        word = struct.pack("!BB", 0, spec["interval_cs"] // 100)
    else:
        word = struct.pack("!H", spec["interval_cs"] & 0x0FFF)
    msg = struct.pack("!BBBB", (spec["version"] << 4) | spec["type"], spec["vrid"],
                      spec["prio"], len(spec["addrs"])) + word + b"\0\0" + addrs
    if spec["version"] == 2:
        msg += b"\0" * 8
    pseudo = b""
    if spec["version"] == 3 and spec["pseudo_header"]:
        pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack(
            "!BBH", 0, IPPROTO_VRRP, len(msg))
    c = csum(pseudo + msg)
    if spec["bad_checksum"]:
        c ^= 0x5A5A
    msg = msg[:6] + struct.pack("!H", c) + msg[8:]
    if spec["truncate"] is not None:
        msg = msg[:spec["truncate"]]
    return msg


def advert(ifname, src, specs):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, IPPROTO_VRRP)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, ifname.encode())
    for raw in specs:
        spec = {"version": 3, "type": 1, "vrid": 5, "prio": 250, "ttl": 255,
                "interval_cs": 20, "addrs": ["10.0.0.100"], "count": 3,
                "bad_checksum": False, "pseudo_header": True, "truncate": None}
        spec.update(json.loads(raw))
        msg = vrrp_message(spec, src, VRRP_GROUP)
        # The kernel fills in the total length, the id and the header
        # checksum of an IP_HDRINCL packet; the TTL is ours.
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, 20 + len(msg), 0, 0,
                          spec["ttl"], IPPROTO_VRRP, 0, socket.inet_aton(src),
                          socket.inet_aton(VRRP_GROUP))
        for _ in range(spec["count"]):
            s.sendto(hdr + msg, (VRRP_GROUP, 0))
        print(spec["count"], msg.hex(), flush=True)
    return 0


def mac_of(ifname):
    with open("/sys/class/net/%s/address" % ifname) as f:
        return bytes.fromhex(f.read().strip().replace(":", ""))


def arp_sampler(send_if, ports, vip, src, out, stop, period):
    vip_b = socket.inet_aton(vip)
    tx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    tx.bind((send_if, 0))
    rx = {}
    for p in ports.split(","):
        # ETH_P_ALL: a socket bound to ETH_P_ARP would be served after
        # the bridge's rx_handler took the frame, so never.
        r = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        r.bind((p, ETH_P_ALL))
        rx[r] = p
    answered = {p: [] for p in rx.values()}
    print("ready", flush=True)
    start = time.monotonic()
    seq = 0
    next_send = start
    while not os.path.exists(stop):
        now = time.monotonic()
        if now >= next_send:
            sha = b"\x02\x00\x5e\x5e" + struct.pack("!H", seq & 0xFFFF)
            arp = struct.pack("!HHBBH6s4s6s4s", 1, ETH_P_IP, 6, 4, 1, sha,
                              socket.inet_aton(src), b"\0" * 6, vip_b)
            tx.send(b"\xff" * 6 + sha + struct.pack("!H", ETH_P_ARP) + arp)
            seq += 1
            next_send += period
            if next_send < now:
                next_send = now + period
            continue
        ready, _, _ = select.select(list(rx), [], [], max(0.0, next_send - now))
        for r in ready:
            frame, addr = r.recvfrom(2048)
            if (addr[2] == PACKET_OUTGOING or len(frame) < 42 or
                    frame[12:14] != b"\x08\x06"):
                continue
            op, spa, tha = struct.unpack("!6xH6x4s6s4x", frame[14:42])
            if op != 2 or spa != vip_b or tha[:4] != b"\x02\x00\x5e\x5e":
                continue
            n = struct.unpack("!H", tha[4:])[0]
            answered[rx[r]].append(n)
            print(rx[r], n, int((time.monotonic() - start) * 1000), flush=True)
    seen = {}
    for p, seqs in answered.items():
        for n in set(seqs):
            seen.setdefault(n, []).append(p)
    both = sorted(n for n, ps in seen.items() if len(ps) > 1)
    gap = run = 0
    for n in range(seq):
        run = 0 if n in seen else run + 1
        gap = max(gap, run)
    summary = {"sent": seq, "period_ms": int(period * 1000),
               "answered": {p: sorted(set(s)) for p, s in answered.items()},
               "both": both, "longest_unanswered_run": gap,
               "elapsed_ms": int((time.monotonic() - start) * 1000)}
    with open(out + ".tmp", "w") as f:
        json.dump(summary, f)
    os.rename(out + ".tmp", out)
    return 0


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "advert":
        return advert(sys.argv[2], sys.argv[3], sys.argv[4:])
    if len(sys.argv) in (8, 9) and sys.argv[1] == "arp-sampler":
        period = float(sys.argv[8]) if len(sys.argv) == 9 else 0.05
        return arp_sampler(*sys.argv[2:8], period)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
