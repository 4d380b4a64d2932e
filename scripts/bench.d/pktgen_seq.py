#!/usr/bin/env python3
"""Reads pktgen packets from pcap files and prints what the LAG gap
benchmark needs, as one JSON object on stdout.

pktgen puts a header after the UDP header: magic 0xbe9be955, sequence
number, then the send time (seconds, microseconds; CLOCK_REALTIME).

  pktgen_seq.py holes FILE...          {"lo", "hi", "received", "missing"}
  pktgen_seq.py after T_NS FILE        {"after": n, "first_seq_after": s}
     (packets in FILE sent after T_NS nanoseconds since the epoch)
"""
import json
import struct
import sys

MAGIC = b"\xbe\x9b\xe9\x55"


def packets(path):
    """Yields (seq, send time in ns) of each pktgen packet in a pcap."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack_from("<I", data, off + 8)[0]
        pkt = data[off + 16: off + 16 + incl]
        off += 16 + incl
        i = pkt.find(MAGIC)
        if i >= 0 and i + 16 <= len(pkt):
            seq, sec, usec = struct.unpack_from(">III", pkt, i + 4)
            yield seq, sec * 10**9 + usec * 1000


def holes(paths):
    seqs = {seq for p in paths for seq, _ in packets(p)}
    if not seqs:
        return {"lo": 0, "hi": 0, "received": 0, "missing": -1}
    lo, hi = min(seqs), max(seqs)
    return {"lo": lo, "hi": hi, "received": len(seqs),
            "missing": hi - lo + 1 - len(seqs)}


def after(t_ns, path):
    late = [seq for seq, ts in packets(path) if ts > t_ns]
    return {"after": len(late), "first_seq_after": min(late, default=0)}


def main(argv):
    if len(argv) >= 3 and argv[1] == "holes":
        print(json.dumps(holes(argv[2:])))
    elif len(argv) == 4 and argv[1] == "after":
        print(json.dumps(after(int(argv[2]), argv[3])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
