#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (corpus/TARGET/NAME): a
handful of valid inputs and edge cases for each. Run from ctl/fuzz after
changing a target's input layout; the files are committed."""
import os
import struct

SLOW = bytes.fromhex("0180c2000002")
SRC = bytes.fromhex("020000000999")


def eth(pdu):
    return SLOW + SRC + struct.pack(">H", 0x8809) + pdu


def participant(tlv, prio, mac, key, port_prio, port, state):
    return struct.pack(">BBH6sHHHB3x", tlv, 20, prio, bytes.fromhex(mac), key, port_prio, port, state)


def lacpdu(version=1, actor_state=0x3F, partner_state=0x3F, terminator=True):
    pdu = struct.pack(">BB", 1, version)
    pdu += participant(1, 32768, "020000000999", 9, 128, 100, actor_state)
    pdu += participant(2, 32768, "020000000001", 9, 255, 1, partner_state)
    pdu += struct.pack(">BBH12x", 3, 16, 5)
    pdu += struct.pack(">BB", 0, 0) if terminator else b"\x07\x07"
    return pdu + bytes(110 - len(pdu))


def marker(tlv, transaction):
    pdu = struct.pack(">BBBBH6sI2xBB", 2, 1, tlv, 16, 7, SRC, transaction, 0, 0)
    return pdu + bytes(110 - len(pdu))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(">%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def vrrp(version, vrid, prio, interval, addrs, src, dst, pseudo, auth=b""):
    count = len(addrs)
    if version == 3:
        head = struct.pack(">BBBBH", 0x31, vrid, prio, count, interval)
    else:
        head = struct.pack(">BBBBBB", 0x21, vrid, prio, count, 0, interval)
    msg = head + b"\0\0" + b"".join(addrs) + auth
    if pseudo:
        proto = 112
        if len(src) == 4:
            ph = src + dst + struct.pack(">BBH", 0, proto, len(msg))
        else:
            ph = src + dst + struct.pack(">I3xB", len(msg), proto)
        s = checksum(ph + msg)
    else:
        s = checksum(msg)
    return msg[:6] + struct.pack(">H", s) + msg[8:]


def v4(last):
    return bytes([192, 0, 2, last])


def v6(last):
    return bytes.fromhex("fe80000000000000000000000000") + bytes([0, last])


def write(target, name, data):
    os.makedirs(os.path.join("corpus", target), exist_ok=True)
    with open(os.path.join("corpus", target, name), "wb") as f:
        f.write(data)


write("lacp_frame", "lacpdu", eth(lacpdu()))
write("lacp_frame", "lacpdu-v2-no-terminator", eth(lacpdu(version=2, terminator=False)))
write("lacp_frame", "lacpdu-defaulted-expired", eth(lacpdu(actor_state=0xC5, partner_state=0x00)))
write("lacp_frame", "marker-information", eth(marker(1, 0x01020304)))
write("lacp_frame", "marker-response", eth(marker(2, 0x01020304)))
write("lacp_frame", "oam-short", eth(b"\x03\x01\x00"))
write("lacp_frame", "two-lacpdus", eth(lacpdu()) + eth(lacpdu(partner_state=0x07)))

MCAST4 = bytes([224, 0, 0, 18])
MCAST6 = bytes.fromhex("ff020000000000000000000000000012")
# control byte, source's last byte, then the VRRP message (vrrp_advert.cpp)
write("vrrp_advert", "v3-ipv4",
      bytes([0x02, 1]) + vrrp(3, 7, 100, 100, [v4(100), v4(101)], v4(1), MCAST4, True))
write("vrrp_advert", "v3-ipv4-owner-backup",
      bytes([0x12, 1]) + vrrp(3, 7, 255, 100, [v4(100), v4(101)], v4(1), MCAST4, True))
write("vrrp_advert", "v3-ipv4-no-pseudo",
      bytes([0x00, 3]) + vrrp(3, 7, 0, 100, [v4(100), v4(101)], v4(3), MCAST4, False))
write("vrrp_advert", "v3-ipv6",
      bytes([0x01, 1]) + vrrp(3, 7, 120, 4095, [v6(100), v6(101)], v6(1), MCAST6, True))
write("vrrp_advert", "v2-ipv4",
      bytes([0x08, 1]) + vrrp(2, 7, 100, 1, [v4(100), v4(101)], v4(1), MCAST4, False, bytes(8)))
write("vrrp_advert", "v3-fix-checksum-many",
      bytes([0x06, 9]) + vrrp(3, 7, 1, 0, [v4(i) for i in range(40)], v4(9), MCAST4, True))
write("vrrp_advert", "truncated", bytes([0x06, 1]) + bytes.fromhex("3107640a0064"))
