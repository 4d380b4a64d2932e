#!/usr/bin/env python3
"""Times a LAG's bring-up from one clock: brings the links up, then waits
until each observed side has every port collecting and distributing.

  lacp_bringup.py SIDE... -- UP-COMMAND...

SIDE is NAME=redund:NETNS:PORT,PORT (the module's port events, read from
`redundctl -n NETNS -j monitor` as they arrive) or NAME=bond:PID:BOND:PORT,PORT
(bonding's actor port state in /proc/PID/net/bonding/BOND, PID a process in
the bond's namespace, read every POLL_MS). Prints one JSON object: each
side's seconds from just before UP-COMMAND ran to its last port collecting
and distributing, or null if that did not happen within TIMEOUT_S.
"""
import json
import os
import re
import select
import subprocess
import sys
import time

REDUNDCTL = os.environ.get("REDUNDCTL", "redundctl")
POLL_MS = float(os.environ.get("POLL_MS", "2"))
TIMEOUT_S = float(os.environ.get("TIMEOUT_S", "30"))
# IEEE 802.1AX actor state bits: synchronization, collecting, distributing.
IN_SYNC_CD = 0x08 | 0x10 | 0x20


class RedundSide:
    def __init__(self, netns, ports):
        self.ports = set(ports)
        self.cd = set()
        self.proc = subprocess.Popen(
            ["ip", "netns", "exec", netns, REDUNDCTL, "-j", "monitor"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.buf = b""

    def fd(self):
        return self.proc.stdout.fileno()

    def read(self):
        chunk = os.read(self.fd(), 65536)
        if not chunk:
            raise SystemExit("lacp_bringup: redundctl monitor ended")
        self.buf += chunk
        *lines, self.buf = self.buf.split(b"\n")
        for line in lines:
            event = json.loads(line)
            port = event.get("port") or {}
            name = port.get("ifname")
            if name not in self.ports:
                continue
            if port.get("collecting") and port.get("distributing"):
                self.cd.add(name)
            else:
                self.cd.discard(name)

    def done(self):
        return self.cd == self.ports

    def close(self):
        self.proc.terminate()
        self.proc.wait()


class BondSide:
    def __init__(self, pid, bond, ports):
        self.path = f"/proc/{pid}/net/bonding/{bond}"
        self.ports = ports

    def done(self):
        with open(self.path) as f:
            text = f.read()
        states = {}
        for block in text.split("\nSlave Interface: ")[1:]:
            name = block.split("\n", 1)[0]
            actor = re.search(r"details actor lacp pdu:.*?port state: (\d+)", block, re.S)
            states[name] = int(actor.group(1)) if actor else 0
        return all(states.get(p, 0) & IN_SYNC_CD == IN_SYNC_CD for p in self.ports)

    def close(self):
        pass


def main():
    if "--" not in sys.argv:
        raise SystemExit(__doc__)
    split = sys.argv.index("--")
    sides = {}
    for spec in sys.argv[1:split]:
        name, kind_args = spec.split("=", 1)
        kind, *args = kind_args.split(":")
        ports = args[-1].split(",")
        sides[name] = RedundSide(args[0], ports) if kind == "redund" else \
            BondSide(args[0], args[1], ports)
    # The monitors must be listening before the links come up.
    time.sleep(1)
    for side in sides.values():
        if isinstance(side, RedundSide):
            while select.select([side.fd()], [], [], 0)[0]:
                side.read()
    t0 = time.time()
    subprocess.run(sys.argv[split + 1:], check=True, stdout=subprocess.DEVNULL)
    result = {name: None for name in sides}
    deadline = t0 + TIMEOUT_S
    while None in result.values() and time.time() < deadline:
        waiting = [s for n, s in sides.items() if result[n] is None]
        fds = [s.fd() for s in waiting if isinstance(s, RedundSide)]
        ready = select.select(fds, [], [], POLL_MS / 1000)[0]
        now = time.time()
        for name, side in sides.items():
            if result[name] is not None:
                continue
            if isinstance(side, RedundSide):
                while side.fd() in ready and select.select([side.fd()], [], [], 0)[0]:
                    side.read()
            if side.done():
                result[name] = round(now - t0, 3)
    for side in sides.values():
        side.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
