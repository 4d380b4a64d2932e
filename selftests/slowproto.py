#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send and count IEEE 802.3 slow-protocol frames (ethertype 0x8809).

  slowproto.py send IFNAME TAG [COUNT]
      Send COUNT (default 5) LACPDU-shaped frames to 01:80:c2:00:00:02
      straight out of IFNAME through an AF_PACKET socket, so no bridge or
      stack on the sending side is involved. TAG (hex) is written into the
      frame so a receiver counts only this test's frames.

  slowproto.py recv IFNAME TAG --proto slow|all [--count N] [--timeout S]
                    [--ready FILE]
      Count received frames of ethertype 0x8809 carrying TAG, until COUNT
      arrived, TIMEOUT seconds passed or SIGTERM came; print the number and
      exit 0.
      --proto slow binds the socket to ethertype 0x8809: such a socket is
      served after the device's rx_handler, so it sees the frame only if the
      redund module left it on the port. --proto all (ETH_P_ALL) sees every
      frame on the device, whoever gets it afterwards. --ready FILE is
      created once the socket is bound, so the caller knows when to send.
"""

import argparse
import os
import select
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_SLOW = 0x8809
PACKET_OUTGOING = 4
SLOW_MAC = bytes.fromhex("0180c2000002")


class Stopped(Exception):
    pass


def frame(ifname, tag):
    with open("/sys/class/net/%s/address" % ifname) as f:
        src = bytes.fromhex(f.read().strip().replace(":", ""))
    # Subtype 1 (LACP), version 1, then the tag where the actor TLV would
    # start; padded to the LACPDU size of 110 bytes of payload.
    payload = bytes([0x01, 0x01]) + tag
    payload += b"\0" * (110 - len(payload))
    return SLOW_MAC + src + struct.pack("!H", ETH_P_SLOW) + payload


def send(args):
    tag = bytes.fromhex(args.tag)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.ifname, 0))
    pkt = frame(args.ifname, tag)
    for _ in range(args.count):
        s.send(pkt)
    return 0


def recv(args):
    tag = bytes.fromhex(args.tag)
    proto = ETH_P_SLOW if args.proto == "slow" else ETH_P_ALL
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(proto))
    s.bind((args.ifname, proto))
    if args.ready:
        with open(args.ready, "w") as f:
            f.write("ready\n")
    def matches(data, addr):
        return (addr[2] != PACKET_OUTGOING and len(data) >= 14
                and struct.unpack("!H", data[12:14])[0] == ETH_P_SLOW
                and tag in data[14:])

    # SIGTERM ends the count early; what is queued is still counted. The
    # handler raises, since select() would otherwise resume waiting.
    def on_term(*_):
        raise Stopped()

    signal.signal(signal.SIGTERM, on_term)
    seen = 0
    deadline = time.monotonic() + args.timeout
    try:
        while seen < args.count:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([s], [], [], left)
            if r and matches(*s.recvfrom(65535)):
                seen += 1
    except Stopped:
        pass
    s.setblocking(False)
    while seen < args.count:
        try:
            if matches(*s.recvfrom(65535)):
                seen += 1
        except BlockingIOError:
            break
    print(seen, flush=True)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    ps = sub.add_parser("send")
    ps.add_argument("ifname")
    ps.add_argument("tag")
    ps.add_argument("count", type=int, nargs="?", default=5)
    pr = sub.add_parser("recv")
    pr.add_argument("ifname")
    pr.add_argument("tag")
    pr.add_argument("--proto", choices=["slow", "all"], required=True)
    pr.add_argument("--count", type=int, default=1 << 30)
    pr.add_argument("--timeout", type=float, default=10.0)
    pr.add_argument("--ready")
    args = p.parse_args()
    return send(args) if args.cmd == "send" else recv(args)


if __name__ == "__main__":
    sys.exit(main())
