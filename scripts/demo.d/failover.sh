#!/bin/bash
# Runs inside the guest (scripts/demo starts it): a two-port redund link to
# a peer, then the active cable is pulled while traffic flows.
#
#   ns redund-host                       ns redund-peer
#  +----------------------+            +----------------------+
#  | r0 10.0.0.1/24       |            | br0 10.0.0.2/24      |
#  |  +-- hv0 ============+== veth ====+== pv0 --+            |
#  |  +-- hv1 ============+== veth ====+== pv1 --+            |
#  +----------------------+            +----------------------+
set -euo pipefail

: "${REDUND_KO:?}" "${REDUNDCTL:?}"
H="ip netns exec redund-host"
P="ip netns exec redund-peer"

say() { printf '\n>>> %s\n' "$*"; }

cleanup() {
	[ -n "${mon_pid:-}" ] && kill "$mon_pid" 2>/dev/null
	ip netns del redund-host 2>/dev/null || true
	ip netns del redund-peer 2>/dev/null || true
}
trap cleanup EXIT

say "insmod redund.ko ($(uname -r))"
insmod "$REDUND_KO"

ip netns add redund-host
ip netns add redund-peer
for i in 0 1; do
	ip link add hv$i netns redund-host type veth peer name pv$i netns redund-peer
done
$P ip link add br0 type bridge
$P ip link set pv0 master br0
$P ip link set pv1 master br0
$P ip link set pv0 up
$P ip link set pv1 up
$P ip link set br0 up
$P ip addr add 10.0.0.2/24 dev br0

say "ip link add r0 type redund; ip link set hv0/hv1 master r0"
$H ip link add r0 type redund
$H ip link set hv0 master r0
$H ip link set hv1 master r0
$H ip addr add 10.0.0.1/24 dev r0
$H ip link set r0 up

$H "$REDUNDCTL" monitor >/tmp/demo-events.txt 2>&1 &
mon_pid=$!

say "ip -d link show r0"
$H ip -d link show r0
say "redundctl show"
$H "$REDUNDCTL" show

say "ping the peer through r0"
$H ping -c 3 -i 0.2 -W 2 10.0.0.2

active=$($H "$REDUNDCTL" -j show r0 | jq -r '.[0].active_port')
peer_end=p${active#h}
say "pull the active cable: $active (peer end $peer_end goes down) during a 400-packet ping"
$H ping -q -i 0.01 -c 400 -W 1 10.0.0.2 >/tmp/demo-ping.txt 2>&1 &
ping_pid=$!
sleep 1
$P ip link set "$peer_end" down
wait "$ping_pid" || true
cat /tmp/demo-ping.txt

say "redundctl show (after failover)"
$H "$REDUNDCTL" show
say "events seen by redundctl monitor"
sleep 0.5
cat /tmp/demo-events.txt

sent=$(sed -nE 's/^([0-9]+) packets transmitted.*/\1/p' /tmp/demo-ping.txt)
recv=$(sed -nE 's/.* ([0-9]+) received.*/\1/p' /tmp/demo-ping.txt)
now=$($H "$REDUNDCTL" -j show r0 | jq -r '.[0].active_port')
say "result: active port $active -> $now, ${sent:-?} pings sent, $((${sent:-0} - ${recv:-0})) lost during failover"
[ "$now" != "$active" ] && [ "$now" != null ]
