#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Raw generic netlink client for the redund selftests.

redundctl only builds well-formed requests; this tool sends exactly the
attributes it is given (wrong types, wrong lengths, missing or unknown
attributes) so the tests can check that the kernel refuses bad input cleanly.
Standard library only: it runs as root or as an unprivileged user in the
guest, with nothing installed.

Usage:
  genl_raw.py family [NAME]
      Resolve a family through nlctrl (CTRL_CMD_GETFAMILY).
  genl_raw.py [--family NAME] [--version N] [--dump] CMD [ATTR...]
      Send one request and print the kernel's answer.
  genl_raw.py monitor [NAME]
      Join the family's "events" group; print {"listening": true} once
      joined, then each event as one JSON object a line (as a reply, with
      "cmd" and "cmd_name"), until killed.
  genl_raw.py --batch
      Read requests from stdin, one a line as a JSON array of the words
      above (["--dump", "PORT_GET", "DEV_IFINDEX=u32:7"]), and print one
      answer a line. Exit status: the worst of the requests'.

CMD is a command name of the header without its prefix (DEV_GET, PORT_GET,
PORT_SET, case-insensitive) or a number. ATTR is NAME=TYPE:VALUE where NAME
is an attribute name without its prefix (DEV_IFINDEX; inside a nest,
PORT_IFINDEX) or a number, and TYPE one of
  u8 u16 u32 u64 s32   integer VALUE (decimal or 0x...)
  str                  VALUE plus a terminating NUL
  strn                 VALUE without a NUL
  hex                  raw bytes, VALUE in hex ("" for an empty attribute)
  flag                 no payload, VALUE ignored ("flag:")
  ip4, ip6             an address in text form, as 4 or 16 bytes
  mac                  aa:bb:cc:dd:ee:ff, as 6 bytes
  nest                 VALUE is {ATTR,ATTR,...}, resolved in the nested set
Nests: REDUND_A_PORT holds PORT_* names, REDUND_A_GW GW_* names, and
inside it GW_ADDRS holds ADDR_IPV4 / ADDR_IPV6 (repeatable; decoded as a
list) and GW_STATS STAT_* names. For example:
  genl_raw.py PORT_SET DEV_IFINDEX=u32:7 'PORT=nest:{PORT_IFINDEX=u32:3,PORT_ACTIVE=u8:1}'
  genl_raw.py GW_ADD DEV_IFINDEX=u32:7 \
      'GW=nest:{GW_VRID=u8:5,GW_FAMILY=u8:2,GW_ADDRS=nest:{ADDR_IPV4=ip4:10.0.0.100}}'

Output: one JSON object on stdout,
  {"errno": 0 or a positive errno, "errname": "EINVAL", "msg": extack text,
   "offset": ..., "miss_type": ..., "miss_nest": ..., "replies": [...]}
and for a dump "dump_intr": whether a message carried NLM_F_DUMP_INTR.
Exit status: 0 when the kernel accepted the request, 1 when it answered
with an error, 2 on a local error (bad usage, no such family).

Names and attribute types come from redund_nl.json, generated from the
family's netlink spec (Documentation/netlink/specs/redund.yaml), the one
contract between module and controller, so this tool cannot drift from it.
"""

import errno
import json
import os
import re
import socket
import struct
import sys

SOL_NETLINK = 270
NETLINK_GENERIC = 16
NETLINK_ADD_MEMBERSHIP = 1
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLM_F_REQUEST = 0x01
NLM_F_ACK = 0x04
NLM_F_DUMP = 0x300
NLM_F_DUMP_INTR = 0x10
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200

NLMSG_ERROR = 2
NLMSG_DONE = 3

NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2
NLMSGERR_ATTR_MISS_TYPE = 5
NLMSGERR_ATTR_MISS_NEST = 6

NLA_F_NESTED = 0x8000
NLA_TYPE_MASK = 0x3FFF

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_VERSION = 3
CTRL_ATTR_HDRSIZE = 4
CTRL_ATTR_MAXATTR = 5
CTRL_ATTR_OPS = 6
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_OP_ID = 1
CTRL_ATTR_OP_FLAGS = 2
CTRL_ATTR_MCAST_GRP_NAME = 1
CTRL_ATTR_MCAST_GRP_ID = 2

TABLES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "redund_nl.json")


class UsageError(Exception):
    pass


def load_tables(path):
    """The family's tables, generated from its netlink spec
    (Documentation/netlink/specs/redund.yaml) by scripts/ynl-gen."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def c_name(name):
    return name.upper().replace("-", "_")


SPEC = load_tables(TABLES)
CMDS = {c_name(k): v["value"] for k, v in SPEC["operations"].items()}
REASONS = {c_name(k): v for k, v in SPEC["enums"]["reason"].items()}
MODES = {c_name(k): v for k, v in SPEC["enums"]["mode"].items()}

# Attribute set -> the prefix its names carry on the command line and in
# the JSON output (DEV_IFINDEX, PORT_IFINDEX, GW_VRID, ADDR_IPV4, ...).
NAME_PREFIX = {"redund": "", "port": "PORT_", "stats": "STATS_", "gw": "GW_",
               "gw-addr": "ADDR_", "gw-stats": "STAT_"}


def value_kind(attr):
    """How decode_value shows an attribute's payload."""
    hint = attr.get("display-hint")
    if attr["type"] == "binary":
        return {"mac": "mac", "ipv6": "in6_addr"}.get(hint)
    if hint == "ipv4":
        return "in_addr"
    if attr["type"] in ("u8", "u16", "u32", "u64", "string"):
        return attr["type"]
    return None


class AttrSet:
    """One attribute space: names (as written on the command line) to
    values, each value's type, and which values are nests of which set."""

    def __init__(self, set_name):
        attrs = SPEC["attribute-sets"][set_name]
        prefix = NAME_PREFIX[set_name]
        self.names = {prefix + c_name(k): a["value"] for k, a in attrs.items()}
        self.by_value = {v: k for k, v in self.names.items()}
        self.types = {a["value"]: value_kind(a) for a in attrs.values()}
        self.nested = {a["value"]: a["nested-attributes"]
                       for a in attrs.values() if "nested-attributes" in a}
        self.nests = {}
        # A list set holds repeated attributes: decoded as a JSON list.
        self.is_list = all(a.get("multi-attr") for a in attrs.values())


SETS = {name: AttrSet(name) for name in NAME_PREFIX}
for _aset in SETS.values():
    _aset.nests = {v: SETS[n] for v, n in _aset.nested.items()}
SET_A = SETS["redund"]
SET_PORT = SETS["port"]
# Kept for readers of the old names.
ATTRS = SET_A.names
PORT_ATTRS = SET_PORT.names
CMD_NAMES = {v: k for k, v in CMDS.items()}


def nla(atype, payload):
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    pad = b"\0" * ((4 - len(payload) % 4) % 4)
    return hdr + payload + pad


def parse_nlas(data):
    """Yield (type, payload) of a run of attributes; stops at garbage."""
    off = 0
    while off + 4 <= len(data):
        length, atype = struct.unpack_from("=HH", data, off)
        if length < 4 or off + length > len(data):
            break
        yield atype & NLA_TYPE_MASK, data[off + 4:off + length]
        off += (length + 3) & ~3


def split_top(text):
    """Split 'a,b{c,d},e' on the commas outside braces."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                raise UsageError("unbalanced '}' in %r" % text)
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if depth:
        raise UsageError("unbalanced '{' in %r" % text)
    if cur:
        parts.append(cur)
    return parts


def encode_attr(spec, aset):
    """Encode one NAME=TYPE:VALUE, aset being the attribute set in scope."""
    if "=" not in spec or ":" not in spec.split("=", 1)[1]:
        raise UsageError("attribute %r is not NAME=TYPE:VALUE" % spec)
    name, rest = spec.split("=", 1)
    atype, value = rest.split(":", 1)
    if re.fullmatch(r"\d+", name):
        num = int(name)
    elif name.upper() in aset.names:
        num = aset.names[name.upper()]
    else:
        raise UsageError("unknown attribute %r (known: %s)"
                         % (name, ", ".join(sorted(aset.names))))
    fmt = {"u8": "=B", "u16": "=H", "u32": "=I", "u64": "=Q", "s32": "=i"}
    if atype in fmt:
        return nla(num, struct.pack(fmt[atype], int(value, 0)))
    if atype == "str":
        return nla(num, value.encode() + b"\0")
    if atype == "strn":
        return nla(num, value.encode())
    if atype == "hex":
        return nla(num, bytes.fromhex(value))
    if atype == "flag":
        return nla(num, b"")
    if atype == "ip4":
        return nla(num, socket.inet_pton(socket.AF_INET, value))
    if atype == "ip6":
        return nla(num, socket.inet_pton(socket.AF_INET6, value))
    if atype == "mac":
        return nla(num, bytes.fromhex(value.replace(":", "")))
    if atype == "nest":
        if not (value.startswith("{") and value.endswith("}")):
            raise UsageError("nest value must be {ATTR,...}: %r" % value)
        inner = aset.nests.get(num, SET_PORT)
        payload = b"".join(encode_attr(p, inner)
                           for p in split_top(value[1:-1]))
        return nla(num | NLA_F_NESTED, payload)
    raise UsageError("unknown attribute type %r" % atype)


def decode_value(kind, payload):
    if kind == "u8" and len(payload) == 1:
        return payload[0]
    if kind == "u16" and len(payload) == 2:
        return struct.unpack("=H", payload)[0]
    if kind == "u32" and len(payload) == 4:
        return struct.unpack("=I", payload)[0]
    if kind == "u64" and len(payload) == 8:
        return struct.unpack("=Q", payload)[0]
    if kind == "string":
        return payload.split(b"\0", 1)[0].decode(errors="replace")
    if kind == "mac" and len(payload) == 6:
        return ":".join("%02x" % b for b in payload)
    if kind == "in_addr" and len(payload) == 4:
        return socket.inet_ntop(socket.AF_INET, payload)
    if kind == "in6_addr" and len(payload) == 16:
        return socket.inet_ntop(socket.AF_INET6, payload)
    return payload.hex()


def decode_attrs(data, aset=None):
    aset = aset or SET_A
    out = [] if aset.is_list else {}
    for atype, payload in parse_nlas(data):
        if atype in aset.nests:
            val = decode_attrs(payload, aset.nests[atype])
        else:
            val = decode_value(aset.types.get(atype), payload)
        if aset.is_list:
            out.append(val)
        else:
            out[aset.by_value.get(atype, str(atype))] = val
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        # Keep error messages short: we know what we sent.
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 1

    def request(self, family_id, cmd, version, attrs, dump):
        """Send one request; return (result dict, [reply payloads])."""
        flags = NLM_F_REQUEST | (NLM_F_DUMP if dump else NLM_F_ACK)
        body = struct.pack("=BBH", cmd, version, 0) + attrs
        self.seq += 1
        msg = struct.pack("=IHHII", 16 + len(body), family_id, flags,
                          self.seq, 0) + body
        self.sock.send(msg)
        replies = []
        intr = False
        while True:
            data = self.sock.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                length, mtype, mflags, seq, _ = struct.unpack_from(
                    "=IHHII", data, off)
                if length < 16:
                    raise OSError("bad netlink message length %d" % length)
                payload = data[off + 16:off + length]
                off += (length + 3) & ~3
                if seq != self.seq:
                    continue
                intr |= bool(mflags & NLM_F_DUMP_INTR)
                if mtype == NLMSG_ERROR:
                    return self.error(payload, mflags, skip_orig=True), replies
                if mtype == NLMSG_DONE:
                    res = self.error(payload, mflags, skip_orig=False)
                    res["dump_intr"] = intr
                    return res, replies
                replies.append(payload)

    @staticmethod
    def error(payload, mflags, skip_orig):
        err = struct.unpack_from("=i", payload)[0] if len(payload) >= 4 else 0
        res = {"errno": -err,
               "errname": errno.errorcode.get(-err, "") if err else "",
               "msg": ""}
        tlv_off = 4
        if skip_orig:
            # struct nlmsgerr: the error, then the request's header, then
            # (not capped) its payload.
            orig_len = struct.unpack_from("=I", payload, 4)[0] \
                if len(payload) >= 8 else 16
            tlv_off = 4 + (16 if mflags & NLM_F_CAPPED else orig_len)
        if mflags & NLM_F_ACK_TLVS:
            for atype, val in parse_nlas(payload[tlv_off:]):
                if atype == NLMSGERR_ATTR_MSG:
                    res["msg"] = val.split(b"\0", 1)[0].decode(
                        errors="replace")
                elif atype == NLMSGERR_ATTR_OFFS and len(val) == 4:
                    res["offset"] = struct.unpack("=I", val)[0]
                elif atype == NLMSGERR_ATTR_MISS_TYPE and len(val) == 4:
                    res["miss_type"] = struct.unpack("=I", val)[0]
                elif atype == NLMSGERR_ATTR_MISS_NEST and len(val) == 4:
                    res["miss_nest"] = struct.unpack("=I", val)[0]
        return res

    def family(self, name):
        attrs = nla(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0")
        res, replies = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1,
                                    attrs, dump=False)
        if res["errno"]:
            return res
        fam = {"errno": 0, "name": name, "ops": [], "mcast_groups": {}}
        for atype, val in parse_nlas(replies[0][4:]):
            if atype == CTRL_ATTR_FAMILY_ID:
                fam["id"] = struct.unpack("=H", val[:2])[0]
            elif atype == CTRL_ATTR_VERSION:
                fam["version"] = struct.unpack("=I", val)[0]
            elif atype == CTRL_ATTR_HDRSIZE:
                fam["hdrsize"] = struct.unpack("=I", val)[0]
            elif atype == CTRL_ATTR_MAXATTR:
                fam["maxattr"] = struct.unpack("=I", val)[0]
            elif atype == CTRL_ATTR_OPS:
                for _, op in parse_nlas(val):
                    o = {}
                    for t, v in parse_nlas(op):
                        if t == CTRL_ATTR_OP_ID:
                            o["id"] = struct.unpack("=I", v)[0]
                        elif t == CTRL_ATTR_OP_FLAGS:
                            o["flags"] = struct.unpack("=I", v)[0]
                    fam["ops"].append(o)
            elif atype == CTRL_ATTR_MCAST_GROUPS:
                for _, grp in parse_nlas(val):
                    g = dict(parse_nlas(grp))
                    gname = g.get(CTRL_ATTR_MCAST_GRP_NAME, b"")
                    gname = gname.split(b"\0", 1)[0].decode()
                    gid = g.get(CTRL_ATTR_MCAST_GRP_ID)
                    fam["mcast_groups"][gname] = \
                        struct.unpack("=I", gid)[0] if gid else None
        return fam


def run_one(genl, argv):
    """One request as on the command line; returns (exit status, answer)."""
    family = "redund"
    version = 1
    dump = False
    args = list(argv)
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--dump":
            dump = True
        elif opt == "--family" and args:
            family = args.pop(0)
        elif opt == "--version" and args:
            version = int(args.pop(0), 0)
        else:
            raise UsageError("unknown option %r" % opt)
    if not args:
        raise UsageError("no command (try --help)")

    if args[0] == "family":
        fam = genl.family(args[1] if len(args) > 1 else family)
        return (0 if fam["errno"] == 0 else 1), fam

    cmd = args.pop(0)
    if re.fullmatch(r"\d+", cmd):
        cmd_num = int(cmd)
    elif cmd.upper() in CMDS:
        cmd_num = CMDS[cmd.upper()]
    else:
        raise UsageError("unknown command %r (known: %s)"
                         % (cmd, ", ".join(sorted(CMDS))))
    payload = b"".join(encode_attr(a, SET_A) for a in args)

    fam = genl.family(family)
    if fam["errno"]:
        return 2, fam
    res, replies = genl.request(fam["id"], cmd_num, version, payload, dump)
    res["replies"] = []
    for r in replies:
        dec = decode_attrs(r[4:])
        dec["cmd"] = r[0] if r else 0
        dec["cmd_name"] = CMD_NAMES.get(dec["cmd"], "")
        res["replies"].append(dec)
    return (0 if res["errno"] == 0 else 1), res


def monitor(genl, family):
    """Print every event of the family as one JSON line, forever."""
    fam = genl.family(family)
    if fam["errno"]:
        print(json.dumps(fam), flush=True)
        return 2
    genl.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
                         fam["mcast_groups"]["events"])
    print(json.dumps({"listening": True}), flush=True)
    while True:
        data = genl.sock.recv(1 << 20)
        off = 0
        while off + 16 <= len(data):
            length, mtype, _, _, _ = struct.unpack_from("=IHHII", data, off)
            if length < 16:
                break
            payload = data[off + 16:off + length]
            off += (length + 3) & ~3
            if mtype != fam["id"] or not payload:
                continue
            dec = decode_attrs(payload[4:])
            dec["cmd"] = payload[0]
            dec["cmd_name"] = CMD_NAMES.get(payload[0], "")
            print(json.dumps(dec), flush=True)


def main(argv):
    if argv and argv[0] in ("--help", "-h"):
        print(__doc__)
        return 0
    genl = Genl()
    if argv and argv[0] == "monitor":
        return monitor(genl, argv[1] if len(argv) > 1 else "redund")
    if argv == ["--batch"]:
        # Python starts slowly under emulation: many requests, one process.
        worst = 0
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                rc, res = run_one(genl, json.loads(line))
            except UsageError as e:
                rc, res = 2, {"errno": -1, "errname": "", "msg": "usage: %s" % e}
            worst = max(worst, rc)
            print(json.dumps(res), flush=True)
        return worst
    rc, res = run_one(genl, argv)
    print(json.dumps(res))
    return rc


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except UsageError as e:
        print("genl_raw.py: %s" % e, file=sys.stderr)
        sys.exit(2)
    except OSError as e:
        print(json.dumps({"errno": e.errno or -1,
                          "errname": errno.errorcode.get(e.errno or 0, ""),
                          "msg": "local: %s" % e}))
        sys.exit(2)
