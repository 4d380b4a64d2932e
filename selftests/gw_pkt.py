#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Craft ARP requests and neighbour solicitations, well formed or not.

  gw_pkt.py IFNAME SPEC...
      Send one Ethernet frame per SPEC out of IFNAME through an AF_PACKET
      socket, in order. Each SPEC is a JSON object; "kind" is "arp" or
      "ns", and the other keys override these defaults:

      arp: {"eth_src": IFNAME's MAC, "eth_dst": "ff:ff:ff:ff:ff:ff",
            "sha": eth_src, "sip": (required), "tip": (required),
            "op": 1}
      ns:  {"eth_src": IFNAME's MAC, "eth_dst": 33:33 and the low four
            bytes of dst (a multicast dst; give it for a unicast one),
            "src": (required), "dst": the solicited-node group of target,
            "target": (required), "hop_limit": 255,
            "opts": [[1, eth_src]] (a source link-layer address option),
            or none when src is ::}

      Each option is [TYPE, HEX] or [TYPE, HEX, LEN]: the payload bytes
      HEX (colons allowed) padded with zeros to a multiple of 8 bytes with
      the two header bytes, and LEN, when given, written as the length
      field (in units of 8 bytes) whatever the option's real size: 0, or
      more than what follows, makes a malformed option. The ICMPv6
      checksum is always right.

      Prints one line per frame: "KIND HEX".
"""

import ipaddress
import json
import socket
import struct
import sys

from vrrp_pkt import csum  # the Internet checksum, one copy for both tools

ETH_P_ARP = 0x0806
ETH_P_IP = 0x0800
ETH_P_IPV6 = 0x86DD
IPPROTO_ICMPV6 = 58
ND_NEIGHBOUR_SOLICITATION = 135


def mac(text):
    return bytes.fromhex(text.replace(":", ""))


def mac_of(ifname):
    with open("/sys/class/net/%s/address" % ifname) as f:
        return f.read().strip()


def arp_frame(spec):
    body = struct.pack("!HHBBH6s4s6s4s", 1, ETH_P_IP, 6, 4, spec.get("op", 1),
                       mac(spec["sha"]), socket.inet_aton(spec["sip"]),
                       b"\0" * 6, socket.inet_aton(spec["tip"]))
    return (mac(spec["eth_dst"]) + mac(spec["eth_src"]) +
            struct.pack("!H", ETH_P_ARP) + body)


def nd_option(opt):
    payload = mac(opt[1])
    size = -(-(2 + len(payload)) // 8) * 8
    length = opt[2] if len(opt) > 2 else size // 8
    return (struct.pack("!BB", opt[0], length) + payload +
            b"\0" * (size - 2 - len(payload)))


def ns_frame(spec):
    src = ipaddress.IPv6Address(spec["src"])
    target = ipaddress.IPv6Address(spec["target"])
    dst = spec.get("dst")
    if dst is None:
        dst = ipaddress.IPv6Address("ff02::1:ff00:0") + (int(target) & 0xFFFFFF)
    dst = ipaddress.IPv6Address(dst)
    eth_dst = spec.get("eth_dst")
    if eth_dst is None:
        eth_dst = "33:33:" + dst.packed[12:].hex(":")
    opts = spec.get("opts")
    if opts is None:
        opts = [] if src.is_unspecified else [[1, spec["eth_src"]]]
    options = b"".join(nd_option(o) for o in opts)
    msg = struct.pack("!BBHI16s", ND_NEIGHBOUR_SOLICITATION, 0, 0, 0,
                      target.packed) + options
    pseudo = src.packed + dst.packed + struct.pack("!I3xB", len(msg),
                                                   IPPROTO_ICMPV6)
    msg = msg[:2] + struct.pack("!H", csum(pseudo + msg)) + msg[4:]
    ip6 = struct.pack("!IHBB16s16s", 6 << 28, len(msg), IPPROTO_ICMPV6,
                      spec.get("hop_limit", 255), src.packed, dst.packed)
    return (mac(eth_dst) + mac(spec["eth_src"]) +
            struct.pack("!H", ETH_P_IPV6) + ip6 + msg)


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        sys.stdout.write(__doc__)
        return 0 if len(argv) > 1 else 2
    ifname = argv[1]
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    own = mac_of(ifname)
    for raw in argv[2:]:
        spec = json.loads(raw)
        spec.setdefault("eth_src", own)
        if spec["kind"] == "arp":
            spec.setdefault("eth_dst", "ff:ff:ff:ff:ff:ff")
            spec.setdefault("sha", spec["eth_src"])
            frame = arp_frame(spec)
        elif spec["kind"] == "ns":
            frame = ns_frame(spec)
        else:
            raise SystemExit("unknown kind %r" % spec["kind"])
        s.send(frame)
        print(spec["kind"], frame.hex(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
