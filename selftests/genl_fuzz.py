#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hostile generic netlink clients of the redund family, for genl_fuzz.sh.

Standard library only, one process per command (Python starts slowly under
emulation). Every command prints one JSON object (its findings) and exits 0
when it found nothing wrong, 1 otherwise, 2 on a local error.

  genl_fuzz.py fuzz --dev IFINDEX --ports IFINDEX,IFINDEX [--gw-dev IFINDEX]
                    [--count N] [--seconds S] [--seed N]
      Sends N (default 3000) random and mutated requests, within S seconds
      (default 60): random commands (unknown and notification ones too),
      random, read-only, duplicate, unknown and deeply nested attributes,
      wrong lengths, truncated attributes, bytes after the last attribute,
      odd header fields; and dumps cut short by closing the socket between
      two parts. Judges every answer: a refusal must carry an extack
      message (except the core's own: EPERM, EOPNOTSUPP for a command
      without a handler, EINVAL for a message shorter than its headers),
      and a request that breaks the attribute rules must be refused. Reads
      /dev/kmsg after every answer, so each kernel-log line is pinned to the
      request that caused it.
  genl_fuzz.py perm --dev IFINDEX --ports IFINDEX,IFINDEX --netns PATH
      Sends every change the family knows, well formed, as three callers
      that may not make them: an unprivileged user, root of a user
      namespace of its own, and root in another network namespace (PATH,
      e.g. /run/netns/NAME). Each must be refused (EPERM; in the other netns
      an ifindex names another device or none).
  genl_fuzz.py dump-intr --dev IFINDEX
      Adds gateways to the device until a GW_GET dump takes several parts,
      deletes a gateway already dumped while the dump is between two parts,
      and expects NLM_F_DUMP_INTR on the rest of the dump; a dump with no
      change between its parts must carry none. Deletes its gateways.

Names, values and types come from redund_nl.json, generated from the
family's netlink spec (Documentation/netlink/specs/redund.yaml).
"""

import argparse
import ctypes
import errno
import json
import os
import random
import re
import socket
import struct
import sys
import time

SOL_NETLINK = 270
NETLINK_GENERIC = 16
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLM_F_REQUEST = 0x01
NLM_F_ACK = 0x04
NLM_F_ECHO = 0x08
NLM_F_DUMP_INTR = 0x10
NLM_F_DUMP = 0x300
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLMSG_ERROR = 2
NLMSG_DONE = 3
NLMSGERR_ATTR_MSG = 1
NLA_F_NESTED = 0x8000

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2

NLMSG_HDRLEN = 16
GENL_HDRLEN = 4

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "redund_nl.json"), encoding="utf-8") as _f:
    SPEC = json.load(_f)
SETS = SPEC["attribute-sets"]
OPS = SPEC["operations"]
CMD = {name: op["value"] for name, op in OPS.items()}
FIXED_LEN = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}


def A(set_name, attr):
    """An attribute's value (type number) in its set."""
    return SETS[set_name][attr]["value"]


def set_max(set_name):
    return max(a["value"] for a in SETS[set_name].values())


# ------------------------------------------------------------ wire format

def nla(atype, payload, nested=False):
    if nested:
        atype |= NLA_F_NESTED
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * ((4 - len(payload) % 4) % 4)


def parse_nlas(data):
    off = 0
    while off + 4 <= len(data):
        length, atype = struct.unpack_from("=HH", data, off)
        if length < 4 or off + length > len(data):
            break
        yield atype & 0x3FFF, data[off + 4:off + length]
        off += (length + 3) & ~3


class Node:
    """One attribute of a request being built: a payload, or children."""

    def __init__(self, atype, payload=b"", children=None, nested=None):
        self.atype = atype
        self.payload = payload
        self.children = children
        self.nested = children is not None if nested is None else nested

    def encode(self):
        if self.children is not None:
            body = b"".join(c.encode() for c in self.children)
        else:
            body = self.payload
        return nla(self.atype, body, self.nested)


def scalar(set_name, attr, value):
    kind = SETS[set_name][attr]["type"]
    fmt = {"u8": "=B", "u16": "=H", "u32": "=I", "u64": "=Q"}[kind]
    if SETS[set_name][attr].get("byte-order") == "big-endian":
        fmt = ">" + fmt[1:]
    return Node(A(set_name, attr), struct.pack(fmt, value))


def nest(set_name, attr, children):
    return Node(A(set_name, attr), children=children)


def genl_msg(family_id, cmd, attrs_bytes, flags, version=1, reserved=0,
             seq=0):
    body = struct.pack("=BBH", cmd, version, reserved) + attrs_bytes
    return struct.pack("=IHHII", NLMSG_HDRLEN + len(body), family_id, flags,
                       seq, 0) + body


class Genl:
    """A NETLINK_GENERIC socket that sends one request at a time and
    returns the kernel's answer."""

    def __init__(self, rcvbuf=None):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.bind((0, 0))
        self.sock.settimeout(10)
        self.seq = random.randrange(1 << 20)
        self.family_id = None

    def close(self):
        self.sock.close()

    def send(self, msg):
        """Sends the bytes with the next sequence number; returns it."""
        self.seq += 1
        msg = msg[:8] + struct.pack("=I", self.seq) + msg[12:]
        self.sock.send(msg)
        return self.seq

    def answer(self, seq):
        """Reads until the NLMSG_ERROR or NLMSG_DONE of `seq`.

        Returns {"errno", "msg", "replies" (payloads), "intr"}."""
        replies = []
        intr = False
        while True:
            data = self.sock.recv(1 << 20)
            off = 0
            while off + NLMSG_HDRLEN <= len(data):
                length, mtype, mflags, mseq, _ = struct.unpack_from(
                    "=IHHII", data, off)
                if length < NLMSG_HDRLEN:
                    raise OSError("bad netlink message length %d" % length)
                payload = data[off + NLMSG_HDRLEN:off + length]
                off += (length + 3) & ~3
                if mseq != seq:
                    continue
                intr |= bool(mflags & NLM_F_DUMP_INTR)
                if mtype in (NLMSG_ERROR, NLMSG_DONE):
                    res = self.ack(payload, mflags, mtype == NLMSG_ERROR)
                    res["replies"] = replies
                    res["intr"] = intr
                    return res
                replies.append(payload)

    @staticmethod
    def ack(payload, mflags, is_error):
        err = -struct.unpack_from("=i", payload)[0] if len(payload) >= 4 else 0
        res = {"errno": err, "msg": ""}
        off = 4
        if is_error:
            orig = struct.unpack_from("=I", payload, 4)[0] \
                if len(payload) >= 8 else NLMSG_HDRLEN
            off += NLMSG_HDRLEN if mflags & NLM_F_CAPPED else orig
        if mflags & NLM_F_ACK_TLVS:
            for atype, val in parse_nlas(payload[(off + 3) & ~3:]):
                if atype == NLMSGERR_ATTR_MSG:
                    res["msg"] = val.split(b"\0", 1)[0].decode(errors="replace")
        return res

    def request(self, msg):
        return self.answer(self.send(msg))

    def resolve(self):
        msg = genl_msg(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                       nla(CTRL_ATTR_FAMILY_NAME, SPEC["family"].encode() + b"\0"),
                       NLM_F_REQUEST | NLM_F_ACK)
        res = self.request(msg)
        if res["errno"]:
            raise OSError(res["errno"], "family %s: %s" % (SPEC["family"], res["msg"]))
        for atype, val in parse_nlas(res["replies"][0][GENL_HDRLEN:]):
            if atype == CTRL_ATTR_FAMILY_ID:
                self.family_id = struct.unpack("=H", val[:2])[0]
        return self.family_id

    def call(self, cmd, attrs, dump=False):
        """A well-formed request: cmd name, list of Nodes."""
        flags = NLM_F_REQUEST | (NLM_F_DUMP if dump else NLM_F_ACK)
        body = b"".join(a.encode() for a in attrs)
        return self.request(genl_msg(self.family_id, CMD[cmd], body, flags))


def errname(code):
    return errno.errorcode.get(code, str(code)) if code else ""


# ------------------------------------------------------------ kernel log

# The two notices lib/nlattr.c prints, rate limited, for an attribute of a
# fixed-size type with another length and for bytes after the last
# attribute, before it refuses the request. Strict validation does not
# silence them (validate_nla(), __nla_validate_parse()); nothing that
# leaves attribute validation to the core can.
CORE_NOTICE = re.compile(
    r"netlink: ('[^']*': attribute type \d+ has an invalid length\."
    r"|\d+ bytes leftover after parsing attributes in process `[^']*'\.)$"
    r"|(validate_nla|__nla_validate_parse): \d+ callbacks suppressed$")

# What a guest under emulation on a loaded host logs whatever it is sent:
# a timer interrupt late, the TSC declared unstable.
EMULATION_NOISE = re.compile(r"hrtimer: interrupt took \d+ ns|clocksource: ")

class Kmsg:
    """/dev/kmsg from now on, read without blocking."""

    def __init__(self):
        self.fd = os.open("/dev/kmsg", os.O_RDONLY | os.O_NONBLOCK)
        os.lseek(self.fd, 0, os.SEEK_END)

    def lines(self):
        out = []
        while True:
            try:
                rec = os.read(self.fd, 8192)
            except BlockingIOError:
                return out
            except OSError as e:
                if e.errno == errno.EPIPE:  # overwritten records: go on
                    continue
                raise
            text = rec.decode(errors="replace").split(";", 1)[-1]
            out.append(text.splitlines()[0] if text else "")


# ------------------------------------------------------------ fuzz

class Fuzzer:
    def __init__(self, args):
        self.rng = random.Random(args.seed)
        self.dev = args.dev
        self.ports = args.ports
        self.gw_dev = args.gw_dev or args.dev
        self.genl = Genl()
        self.fam = self.genl.resolve()
        self.stats = {"sent": 0, "refused": 0, "accepted": 0,
                      "cut_dumps": 0, "by_kind": {}, "errnos": {}}
        self.no_extack = []
        self.accepted_bad = []
        self.unanswered = []
        self.kmsg_lines = []
        self.notices = 0
        self.notice_examples = []
        self.add_gateways()

    def add_gateways(self):
        """Enough gateways on the gateway device that a GW_GET dump takes
        several parts, so that some dumps get cut between two."""
        for vrid in range(100, 130):
            addrs = [Node(A("gw-addr", "ipv6"), socket.inet_pton(
                socket.AF_INET6, "2001:db8:%x::%x" % (vrid, i))) for i in range(1, 17)]
            self.genl.call("gw-add", [
                scalar("redund", "dev-ifindex", self.gw_dev),
                nest("redund", "gw", [scalar("gw", "vrid", vrid),
                                      scalar("gw", "family", socket.AF_INET6),
                                      nest("gw", "addrs", addrs),
                                      scalar("gw", "persist", 1)])])

    # -- values ----------------------------------------------------------

    def ifindex(self):
        return self.rng.choice([self.dev, self.gw_dev] + self.ports +
                               [1, 0, 99999, 0xFFFFFFFF])

    def random_value(self, set_name, name, attr, depth):
        kind = attr["type"]
        if kind == "nest":
            return nest(set_name, name,
                        self.random_attrs(attr["nested-attributes"], depth + 1))
        if kind in FIXED_LEN:
            size = FIXED_LEN[kind]
            if name.endswith("ifindex") or name == "active-port":
                value = self.ifindex()
            else:
                value = self.rng.choice([0, 1, 2, 3, 5, 10, 255, 256, 999,
                                         1000, 60000, 60001, 3600001,
                                         self.rng.randrange(1 << (8 * size))])
            return Node(attr["value"], struct.pack(
                "=" + {1: "B", 2: "H", 4: "I", 8: "Q"}[size],
                value % (1 << (8 * size))))
        if kind == "string":
            text = self.rng.choice([b"r0", b"hv0", b"", b"x" * 20,
                                    bytes(self.rng.randrange(256)
                                          for _ in range(self.rng.randrange(18)))])
            return Node(attr["value"], text + (b"\0" if self.rng.random() < .7 else b""))
        # binary, pad: random bytes around the expected length
        want = attr.get("checks", {}).get("exact-len", 6)
        size = self.rng.choice([want, want, 0, want - 1, want + 1,
                                self.rng.randrange(40)])
        return Node(attr["value"],
                    bytes(self.rng.randrange(256) for _ in range(max(size, 0))))

    def random_attrs(self, set_name, depth=0):
        attrs = SETS[set_name]
        out = []
        if depth > 3:
            return out
        for _ in range(self.rng.randrange(4)):
            name = self.rng.choice(list(attrs))
            out.append(self.random_value(set_name, name, attrs[name], depth))
        return out

    # -- templates: requests as redundctl sends them ----------------------

    def template(self):
        """(cmd name, dump, [Node]) of a well-formed request."""
        r = self.rng
        dev = scalar("redund", "dev-ifindex", r.choice([self.dev, self.gw_dev]))
        key = [scalar("gw", "vrid", r.randrange(1, 8)),
               scalar("gw", "family", r.choice([socket.AF_INET, socket.AF_INET6]))]
        gw_family = struct.unpack("=B", key[1].payload)[0]
        if gw_family == socket.AF_INET:
            addr = scalar("gw-addr", "ipv4", 0x0A000064 + r.randrange(10))
        else:
            addr = Node(A("gw-addr", "ipv6"),
                        socket.inet_pton(socket.AF_INET6, "2001:db8::%x" % r.randrange(1, 10)))
        choice = r.randrange(11)
        if choice == 0:
            return "dev-get", False, [dev]
        if choice == 1:
            return "dev-get", True, r.choice([[], [dev]])
        if choice == 2:
            return "port-get", True, [dev]
        if choice == 3:
            return "port-set", False, [dev, nest("redund", "port", [
                scalar("port", "ifindex", r.choice(self.ports)),
                scalar("port", "active", 1)])]
        if choice == 4:
            return "dev-set", False, [dev, scalar("redund", "dev-hash", r.randrange(5))]
        if choice == 5:
            return "gw-add", False, [dev, nest("redund", "gw", key + [
                nest("gw", "addrs", [addr]),
                scalar("gw", "announce-count", 0),
                scalar("gw", "persist", 1)])]
        if choice == 6:
            return "gw-set", False, [dev, nest("redund", "gw", key + [
                scalar("gw", "state", 0), nest("gw", "addrs", [addr])])]
        if choice == 7:
            return "gw-del", False, [dev, nest("redund", "gw", key)]
        if choice == 8:
            return "gw-get", False, [dev, nest("redund", "gw", key)]
        if choice == 9:
            return "gw-get", True, r.choice([[], [dev]])
        return "gw-announce", False, [dev, nest("redund", "gw", key)]

    # -- mutations ---------------------------------------------------------
    # Each returns a kind; "bad" kinds break the attribute rules, so the
    # kernel must refuse them.

    def walk(self, nodes, path=()):
        for i, n in enumerate(nodes):
            yield nodes, i, n
            if n.children is not None:
                yield from self.walk(n.children, path + (i,))

    def mutate_tree(self, cmd, attrs):
        r = self.rng
        spots = list(self.walk(attrs))
        how = r.randrange(8)
        if how == 0 and spots:
            nodes, i, n = r.choice(spots)
            nodes.insert(i, n)
            return "duplicate", False
        if how == 1:
            # An attribute beyond the set, or type 0, at some level.
            nests = [n for _, _, n in spots if n.children is not None]
            target = r.choice(nests).children if nests and r.random() < .5 else attrs
            atype = r.choice([0, 13, 40, 255, 0x3FFF, r.randrange(0x4000)])
            target.append(Node(atype, bytes(r.randrange(256) for _ in range(r.randrange(9)))))
            return "unknown_attr", atype == 0 or atype > set_max("redund")
        if how == 2:
            scalars = [n for _, _, n in spots
                       if n.children is None and len(n.payload) in (1, 2, 4, 8)
                       and n.atype not in (A("gw-addr", "ipv6"),)]
            if scalars:
                n = r.choice(scalars)
                size = r.choice([s for s in (0, 1, 2, 3, 5, 6, 8, 12)
                                 if s != len(n.payload)])
                n.payload = bytes(r.randrange(256) for _ in range(size))
                return "wrong_length", True
        if how == 3:
            nests = [n for _, _, n in spots if n.children is not None]
            if nests:
                r.choice(nests).nested = False
                return "nest_without_flag", True
        if how == 4 and spots:
            # Deep nesting: a chain of nests around an attribute.
            nodes, i, n = r.choice(spots)
            for _ in range(r.randrange(2, 16)):
                n = Node(r.choice([A("redund", "port"), A("redund", "gw"),
                                   A("gw", "addrs"), A("gw", "stats")]),
                         children=[n])
            nodes[i] = n
            return "deep_nest", False
        if how == 5:
            # Attributes of the command's set that it does not take, as a
            # client confusing replies with requests would send.
            taken = set()
            for mode in ("do", "dump"):
                taken.update(OPS[cmd].get(mode, {}).get("request", []))
            others = [a for a in SETS["redund"] if a not in taken]
            name = r.choice(others)
            attrs.append(self.random_value("redund", name, SETS["redund"][name], 1))
            return "not_taken", True
        if how == 6:
            nests = [n for _, _, n in spots if n.children is not None]
            if nests:
                n = r.choice(nests)
                n.payload = bytes(r.randrange(256) for _ in range(r.randrange(1, 24)))
                n.children = None
                return "garbage_nest", False
        # Random attributes of the command's set and nests below.
        attrs.extend(self.random_attrs("redund"))
        return "random_attrs", False

    def mutate_bytes(self, msg):
        """Mutations of the encoded request; returns (msg, kind, bad)."""
        r = self.rng
        how = r.randrange(6)
        hdr = NLMSG_HDRLEN + GENL_HDRLEN
        if how == 0:
            tail = bytes(r.randrange(256) for _ in range(r.randrange(1, 4)))
            return msg + tail, "trailing_bytes", True
        if how == 1 and len(msg) > hdr + 4:
            # Cut inside the attributes: unless the cut falls between two
            # top-level attributes, one of them (or a nest) is truncated.
            # (Anywhere from an attribute's end to its padded end is
            # clean: the last attribute needs no padding.)
            cut = r.randrange(hdr + 1, len(msg))
            clean, off = False, hdr
            while off + 4 <= len(msg):
                length = struct.unpack_from("=H", msg, off)[0]
                clean |= off + length <= cut <= off + ((length + 3) & ~3)
                off += (length + 3) & ~3
            return msg[:cut], "truncated", not clean
        if how == 2 and len(msg) > hdr:
            b = bytearray(msg)
            for _ in range(r.randrange(1, 4)):
                b[r.randrange(hdr, len(b))] = r.randrange(256)
            return bytes(b), "byte_flips", False
        if how == 3:
            # Odd genl header: version, reserved.
            b = bytearray(msg)
            if r.random() < .5:
                b[NLMSG_HDRLEN + 2] = r.randrange(1, 256)
                return bytes(b), "reserved_set", True
            b[NLMSG_HDRLEN + 1] = r.randrange(256)
            return bytes(b), "version", False
        if how == 4:
            # Odd nlmsg flags (request and ack kept, or no answer comes).
            flags = struct.unpack_from("=H", msg, 6)[0]
            extra = r.choice([NLM_F_ECHO, 0x20, 0x40, 0x80, 0x400, 0x800])
            return (msg[:6] + struct.pack("=H", flags | extra) + msg[8:],
                    "nlmsg_flags", extra != NLM_F_ECHO)
        if len(msg) > hdr:
            # Short headers: cut into the genl header.
            cut = r.randrange(NLMSG_HDRLEN, hdr)
            return msg[:cut], "short_header", True
        return msg + b"\0\0\0\0", "zero_attr", True

    def next_request(self):
        """(bytes, kind, bad)."""
        r = self.rng
        pick = r.random()
        if pick < .15:
            # A random command, known or not, do or dump, random attributes.
            cmd = r.randrange(256) if r.random() < .5 else r.choice(list(CMD.values()))
            flags = NLM_F_REQUEST | (NLM_F_DUMP if r.random() < .3 else NLM_F_ACK)
            body = b"".join(n.encode() for n in self.random_attrs("redund"))
            return genl_msg(self.fam, cmd, body, flags), "random_cmd", False
        name, dump, attrs = self.template()
        flags = NLM_F_REQUEST | (NLM_F_DUMP if dump else NLM_F_ACK)
        kind, bad = "valid", False
        if pick < .6:
            kind, bad = self.mutate_tree(name, attrs)
        msg = genl_msg(self.fam, CMD[name], b"".join(a.encode() for a in attrs), flags)
        if pick >= .6 and pick < .95:
            msg, kind, bad = self.mutate_bytes(msg)
        # Keep nlmsg_len the datagram's length: the core drops a message
        # that claims more, without an answer.
        return struct.pack("=I", len(msg)) + msg[4:], kind, bad

    def cut_dump(self):
        """A dump abandoned between two parts: read one datagram, close."""
        r = self.rng
        g = Genl(rcvbuf=r.choice([1024, 4096, 16384]))
        cmd = r.choice(["dev-get", "port-get", "gw-get"])
        attrs = [scalar("redund", "dev-ifindex", self.gw_dev if cmd == "gw-get" else self.dev)]
        msg = genl_msg(self.fam, CMD[cmd], b"".join(a.encode() for a in attrs),
                       NLM_F_REQUEST | NLM_F_DUMP)
        g.send(msg)
        if r.random() < .7:
            try:
                g.sock.recv(r.choice([64, 1 << 16]))
            except (socket.timeout, OSError):
                pass
        g.close()
        self.stats["cut_dumps"] += 1

    def judge(self, msg, kind, bad, res):
        st = self.stats
        st["sent"] += 1
        st["by_kind"][kind] = st["by_kind"].get(kind, 0) + 1
        code = res["errno"]
        if code is None:
            self.unanswered.append({"kind": kind, "msg_hex": msg.hex()})
        elif code:
            st["refused"] += 1
            st["errnos"][errname(code)] = st["errnos"].get(errname(code), 0) + 1
            core = code in (errno.EPERM, errno.EOPNOTSUPP) or \
                (code == errno.EINVAL and len(msg) < NLMSG_HDRLEN + GENL_HDRLEN)
            if not res["msg"] and not core and len(self.no_extack) < 20:
                self.no_extack.append({"kind": kind, "errno": errname(code),
                                       "msg_hex": msg.hex()})
            elif not res["msg"] and not core:
                self.no_extack.append(None)
        else:
            st["accepted"] += 1
            if bad and len(self.accepted_bad) < 20:
                self.accepted_bad.append({"kind": kind, "msg_hex": msg.hex()})
            elif bad:
                self.accepted_bad.append(None)

    def run(self, count, seconds, kmsg):
        deadline = time.monotonic() + seconds
        start = time.monotonic()
        n = 0
        while n < count and time.monotonic() < deadline:
            n += 1
            if n % 50 == 0:
                self.cut_dump()
            msg, kind, bad = self.next_request()
            try:
                res = self.genl.answer(self.genl.send(msg))
            except socket.timeout:
                res = {"errno": None, "msg": ""}
            self.judge(msg, kind, bad, res)
            for line in kmsg.lines():
                if EMULATION_NOISE.match(line):
                    continue
                seen = {"line": line, "kind": kind,
                        "errno": errname(res["errno"] or 0), "msg_hex": msg.hex()}
                # A notice must come with a refusal: the core validated
                # the request, found the fault and said so.
                if CORE_NOTICE.match(line) and res["errno"]:
                    self.notices += 1
                    if len(self.notice_examples) < 5:
                        self.notice_examples.append(seen)
                else:
                    self.kmsg_lines.append(seen)
        self.stats["seconds"] = round(time.monotonic() - start, 1)


def fuzz(args):
    kmsg = Kmsg()
    f = Fuzzer(args)
    f.run(args.count, args.seconds, kmsg)
    out = dict(f.stats)
    out["refusals_without_extack"] = len(f.no_extack)
    out["malformed_accepted"] = len(f.accepted_bad)
    out["unanswered"] = len(f.unanswered)
    out["kernel_log_lines"] = len(f.kmsg_lines)
    out["core_notices"] = f.notices
    out["examples"] = {
        "refusals_without_extack": [e for e in f.no_extack if e][:5],
        "malformed_accepted": [e for e in f.accepted_bad if e][:5],
        "unanswered": f.unanswered[:5],
        "kernel_log_lines": f.kmsg_lines[:10],
        "core_notices": f.notice_examples,
    }
    print(json.dumps(out, indent=1))
    return 0 if not (f.no_extack or f.accepted_bad or f.unanswered or
                     f.kmsg_lines) else 1


# ------------------------------------------------------------ permissions

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def libc():
    lib = ctypes.CDLL(None, use_errno=True)
    return lib


def changes(dev, ports):
    """Every change the family knows, well formed, on `dev`."""
    key = [scalar("gw", "vrid", 200), scalar("gw", "family", socket.AF_INET)]
    port = ports[-1]
    return [
        ("port-set", [scalar("redund", "dev-ifindex", dev), nest("redund", "port", [
            scalar("port", "ifindex", port), scalar("port", "active", 1)])]),
        ("dev-set", [scalar("redund", "dev-ifindex", dev),
                     scalar("redund", "dev-hash", 2),
                     scalar("redund", "dev-min-links", 2)]),
        ("gw-add", [scalar("redund", "dev-ifindex", dev), nest("redund", "gw", key + [
            scalar("gw", "state", 1), scalar("gw", "persist", 1),
            nest("gw", "addrs", [scalar("gw-addr", "ipv4", 0x0A0000C8)])])]),
        ("gw-set", [scalar("redund", "dev-ifindex", dev), nest("redund", "gw", [
            scalar("gw", "vrid", 1), scalar("gw", "family", socket.AF_INET),
            scalar("gw", "state", 1), scalar("gw", "adopt", 1),
            scalar("gw", "persist", 1)])]),
        ("gw-announce", [scalar("redund", "dev-ifindex", dev),
                         nest("redund", "gw", [scalar("gw", "vrid", 1),
                                               scalar("gw", "family", socket.AF_INET)])]),
        ("gw-del", [scalar("redund", "dev-ifindex", dev),
                    nest("redund", "gw", [scalar("gw", "vrid", 1),
                                          scalar("gw", "family", socket.AF_INET)])]),
    ]


def perm_child(who, args, wfd):
    """Runs in a forked child: become `who`, send every change, report."""
    c = libc()
    if who == "nobody":
        os.setgroups([])
        os.setresgid(65534, 65534, 65534)
        os.setresuid(65534, 65534, 65534)
    elif who == "userns_root":
        if c.unshare(CLONE_NEWUSER) != 0:
            raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWUSER)")
    elif who == "other_netns":
        fd = os.open(args.netns, os.O_RDONLY)
        if c.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns %s" % args.netns)
        os.close(fd)
    g = Genl()
    g.resolve()
    results = []
    for cmd, attrs in changes(args.dev, args.ports):
        res = g.call(cmd, attrs)
        results.append({"cmd": cmd, "errno": errname(res["errno"]), "msg": res["msg"]})
    os.write(wfd, json.dumps(results).encode())


def perm(args):
    out = {}
    ok = True
    for who in ("nobody", "userns_root", "other_netns"):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            try:
                perm_child(who, args, wfd)
                os._exit(0)
            except Exception as e:  # reported by the parent
                os.write(wfd, json.dumps({"error": str(e)}).encode())
                os._exit(2)
        os.close(wfd)
        data = b""
        while True:
            chunk = os.read(rfd, 65536)
            if not chunk:
                break
            data += chunk
        os.close(rfd)
        _, status = os.waitpid(pid, 0)
        results = json.loads(data or b"{}")
        out[who] = results
        if os.waitstatus_to_exitcode(status) != 0 or isinstance(results, dict):
            ok = False
            continue
        for r in results:
            if who == "other_netns":
                # The ifindex names another device or none there; or, were
                # it to exist there, the caller still has no right to it.
                good = r["errno"] in ("ENODEV", "EINVAL", "EPERM") and \
                    (r["msg"] or r["errno"] == "EPERM")
            else:
                good = r["errno"] == "EPERM"
            r["ok"] = bool(good)
            ok &= bool(good)
    print(json.dumps(out, indent=1))
    return 0 if ok else 1


# ------------------------------------------------------------ dump consistency

def dump_intr(args):
    g = Genl()
    g.resolve()
    dev = scalar("redund", "dev-ifindex", args.dev)
    added = []
    out = {}

    def gw_key(vrid):
        return [scalar("gw", "vrid", vrid), scalar("gw", "family", socket.AF_INET6)]

    def add(vrid):
        addrs = [Node(A("gw-addr", "ipv6"),
                      socket.inet_pton(socket.AF_INET6, "2001:db8:%x::%x" % (vrid, i)))
                 for i in range(1, SPEC["consts"]["gw-max-addrs"] + 1)]
        res = g.call("gw-add", [dev, nest("redund", "gw", gw_key(vrid) + [
            nest("gw", "addrs", addrs), scalar("gw", "persist", 1)])])
        if res["errno"]:
            raise OSError(res["errno"], "gw-add %d: %s" % (vrid, res["msg"]))
        added.append(vrid)

    def dump(change):
        """A GW_GET dump read one datagram at a time, on a small buffer;
        `change` runs after the second datagram. Returns (datagrams,
        replies, intr)."""
        # A small buffer, read 4 KiB at a time: the kernel builds each part
        # of the dump (NLMSG_GOODSIZE) only once the last one was read.
        d = Genl(rcvbuf=4096)
        d.family_id = g.family_id
        seq = d.send(genl_msg(g.family_id, CMD["gw-get"], dev.encode(),
                              NLM_F_REQUEST | NLM_F_DUMP))
        datagrams, replies, intr = 0, 0, False
        done = False
        while not done and datagrams < 1000:
            data = d.sock.recv(4096)
            datagrams += 1
            off = 0
            while off + NLMSG_HDRLEN <= len(data):
                length, mtype, mflags, mseq, _ = struct.unpack_from("=IHHII", data, off)
                off += (length + 3) & ~3
                if mseq != seq:
                    continue
                intr |= bool(mflags & NLM_F_DUMP_INTR)
                if mtype == NLMSG_DONE:
                    done = True
                elif mtype == NLMSG_ERROR:
                    raise OSError("dump refused")
                else:
                    replies += 1
            # Reading part 2 had the kernel build part 3 already: the
            # change shows from part 4 on.
            if datagrams == 2 and change:
                change()
        d.close()
        return datagrams, replies, intr

    try:
        for vrid in range(1, 41):
            add(vrid)
        parts, n, intr = dump(None)
        out["quiet"] = {"datagrams": parts, "gateways": n, "dump_intr": intr}
        victim = added[0]

        def delete():
            res = g.call("gw-del", [dev, nest("redund", "gw", gw_key(victim))])
            if res["errno"]:
                raise OSError(res["errno"], "gw-del: %s" % res["msg"])
            added.remove(victim)

        parts, n, intr = dump(delete)
        out["changed"] = {"datagrams": parts, "gateways": n, "dump_intr": intr}
    finally:
        for vrid in list(added):
            g.call("gw-del", [dev, nest("redund", "gw", gw_key(vrid))])
    ok = out["quiet"]["datagrams"] >= 5 and not out["quiet"]["dump_intr"] and \
        out["changed"]["dump_intr"]
    print(json.dumps(out))
    return 0 if ok else 1


def ifindexes(text):
    return [int(x) for x in text.split(",") if x]


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="what", required=True)
    f = sub.add_parser("fuzz")
    f.add_argument("--dev", type=int, required=True)
    f.add_argument("--ports", type=ifindexes, required=True)
    f.add_argument("--gw-dev", type=int)
    f.add_argument("--count", type=int, default=3000)
    f.add_argument("--seconds", type=float, default=60)
    f.add_argument("--seed", type=int, default=1)
    q = sub.add_parser("perm")
    q.add_argument("--dev", type=int, required=True)
    q.add_argument("--ports", type=ifindexes, required=True)
    q.add_argument("--netns", required=True)
    d = sub.add_parser("dump-intr")
    d.add_argument("--dev", type=int, required=True)
    args = p.parse_args(argv)
    random.seed(getattr(args, "seed", 1))
    return {"fuzz": fuzz, "perm": perm, "dump-intr": dump_intr}[args.what](args)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except OSError as e:
        print(json.dumps({"error": str(e)}))
        sys.exit(2)
