#!/usr/bin/env python3
"""set_carrier.py IFNAME 0|1 - sets a device's carrier over rtnetlink
(IFLA_CARRIER; dummy devices implement it) and prints the CLOCK_REALTIME
nanoseconds just before the request and just after the kernel's ack:
the carrier changed somewhere in between."""
import os
import socket
import struct
import sys
import time

RTM_NEWLINK = 16
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
IFLA_CARRIER = 33


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("0", "1"):
        sys.exit(__doc__)
    index = socket.if_nametoindex(sys.argv[1])
    attr = struct.pack("=HHB3x", 5, IFLA_CARRIER, int(sys.argv[2]))
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, index, 0, 0) + attr
    msg = struct.pack("=IHHII", 16 + len(body), RTM_NEWLINK,
                      NLM_F_REQUEST | NLM_F_ACK, 1, 0) + body
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                       socket.NETLINK_ROUTE) as sock:
        sock.bind((0, 0))
        before = time.time_ns()
        sock.send(msg)
        reply = sock.recv(4096)
        after = time.time_ns()
    kind, = struct.unpack_from("=H", reply, 4)
    error, = struct.unpack_from("=i", reply, 16)
    if kind != NLMSG_ERROR or error:
        sys.exit(f"set_carrier: {sys.argv[1]}: {os.strerror(-error)}")
    print(before, after)


if __name__ == "__main__":
    main()
