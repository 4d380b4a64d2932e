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

  slowproto.py markers IFNAME --rate R --seconds S
      Send R x S Marker Information PDUs (802.1AX 6.5.3) out of IFNAME, R a
      second, paced against the clock (a late sender catches up, but never
      sends more than one second's worth at once); print how many.

  slowproto.py pcap-count FILE SRC_MAC
      Read a pcap capture and print, for the slow-protocol frames from
      SRC_MAC: "lacpdus N marker_responses N span S max_1s N", where span is
      the seconds from the first to the last such frame and max_1s the
      most frames of both kinds in any one-second window.
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


def marker(src, transaction):
    # Subtype 2 (Marker), version 1, TLV 1 (Marker Information) length 16:
    # requester port 7, requester system SRC, transaction ID; Terminator.
    pdu = struct.pack("!BBBBH6sI2xBB", 2, 1, 1, 16, 7, src, transaction, 0, 0)
    pdu += b"\0" * (110 - len(pdu))
    return SLOW_MAC + src + struct.pack("!H", ETH_P_SLOW) + pdu


def markers(args):
    with open("/sys/class/net/%s/address" % args.ifname) as f:
        src = bytes.fromhex(f.read().strip().replace(":", ""))
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((args.ifname, 0))
    total = int(args.rate * args.seconds)
    burst = max(1, int(args.rate))
    start = time.monotonic()
    sent = 0
    while sent < total:
        due = min(total, int((time.monotonic() - start) * args.rate) + 1, sent + burst)
        while sent < due:
            s.send(marker(src, sent))
            sent += 1
        delay = start + sent / args.rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    print(sent, flush=True)
    return 0


def pcap_frames(path):
    """(time, frame bytes) of each packet in a classic pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        endian = "<"
    else:
        endian = ">"
        magic = struct.unpack(">I", data[:4])[0]
    scale = 1e-9 if magic == 0xA1B23C4D else 1e-6
    at = 24
    while at + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + "IIII", data[at:at + 16])
        at += 16
        yield sec + frac * scale, data[at:at + incl]
        at += incl


def pcap_count(args):
    src = bytes.fromhex(args.src.replace(":", ""))
    lacpdus = responses = 0
    times = []
    for t, pkt in pcap_frames(args.file):
        if len(pkt) < 17 or pkt[6:12] != src or struct.unpack("!H", pkt[12:14])[0] != ETH_P_SLOW:
            continue
        if pkt[14] == 1:
            lacpdus += 1
        elif pkt[14] == 2 and pkt[16] == 2:
            responses += 1
        else:
            continue
        times.append(t)
    times.sort()
    most = 0
    first = 0
    for last in range(len(times)):
        while times[last] - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    span = times[-1] - times[0] if times else 0.0
    print("lacpdus %d marker_responses %d span %.2f max_1s %d" % (lacpdus, responses, span, most))
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
    pm = sub.add_parser("markers")
    pm.add_argument("ifname")
    pm.add_argument("--rate", type=float, required=True)
    pm.add_argument("--seconds", type=float, required=True)
    pc = sub.add_parser("pcap-count")
    pc.add_argument("file")
    pc.add_argument("src")
    args = p.parse_args()
    return {"send": send, "recv": recv, "markers": markers, "pcap-count": pcap_count}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
