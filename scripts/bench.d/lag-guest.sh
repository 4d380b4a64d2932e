#!/bin/bash
# Runs inside the guest (scripts/bench-lag starts it). Measures, for a
# 2-port LAG built by redund and by the kernel's bonding (802.3ad, same
# hash policy) in the same guest:
#  1. transmit packets/s of pktgen through the LAG device;
#  2. the gap in a 10 kpps sequence-numbered pktgen stream when the port
#     carrying it loses carrier (packets lost, from pktgen's own sequence
#     numbers captured on the peer).
#
#   ns bench-tx                      ns bench-rx
#  +--------------------+          +--------------------------+
#  | LAG (r0 | bond0)   |          | peer: bond0 802.3ad for  |
#  |  +-- tv0 ==========+== veth ==+== rv0   bonding, plain   |
#  |  +-- tv1 ==========+== veth ==+== rv1   ports for redund |
#  +--------------------+          +--------------------------+
# redund runs in lacp mode with both ports set collecting/distributing
# over genl (the data path is what is measured; no LACP negotiation).
set -euo pipefail
: "${REDUND_KO:?}" "${GENL_RAW:?}"

TX="ip netns exec bench-tx"
RX="ip netns exec bench-rx"
PPS_COUNT=${PPS_COUNT:-200000}
GAP_RATE=${GAP_RATE:-10000}

cleanup() {
	ip netns del bench-tx 2>/dev/null || true
	ip netns del bench-rx 2>/dev/null || true
}
trap cleanup EXIT

ifindex() { ip -n "$1" -j link show "$2" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["ifindex"])'; }

wait_for() { # deadline_s cmd...
	local end=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.2
	done
}

bond_both_aggregated='
import re, sys
text = open("/proc/net/bonding/bond0").read()
active = re.search(r"Active Aggregator Info:\s*\n\s*Aggregator ID: (\d+)", text)
ports = re.findall(r"Slave Interface: \S+.*?Aggregator ID: (\d+)", text, re.S)
sys.exit(0 if active and len(ports) == 2 and set(ports) == {active.group(1)} else 1)
'

topology() { # kind: redund | bond
	cleanup
	ip netns add bench-tx
	ip netns add bench-rx
	for i in 0 1; do
		ip link add tv$i netns bench-tx type veth peer name rv$i netns bench-rx
	done
	if [ "$1" = bond ] && [ "${BOND_MODE:-802.3ad}" = balance-xor ]; then
		ip -n bench-tx link add bond0 type bond mode balance-xor xmit_hash_policy layer3+4 miimon 100
		ip -n bench-tx link set tv0 master bond0
		ip -n bench-tx link set tv1 master bond0
		ip -n bench-rx link set rv0 up
		ip -n bench-rx link set rv1 up
		ip -n bench-tx link set bond0 up
		LAG=bond0
	elif [ "$1" = bond ]; then
		for ns in bench-tx bench-rx; do
			ip -n $ns link add bond0 type bond mode 802.3ad lacp_rate fast \
				xmit_hash_policy layer3+4 miimon 100
		done
		ip -n bench-tx link set tv0 master bond0
		ip -n bench-tx link set tv1 master bond0
		ip -n bench-rx link set rv0 master bond0
		ip -n bench-rx link set rv1 master bond0
		ip -n bench-rx link set bond0 up
		ip -n bench-tx link set bond0 up
		LAG=bond0
		# Both ports must be in the active aggregator before measuring.
		wait_for 60 $TX python3 -c "$bond_both_aggregated" ||
			{ echo "bench-lag: bonding did not aggregate both ports" >&2; exit 1; }
	else
		ip -n bench-tx link add r0 type redund
		local r0
		r0=$(ifindex bench-tx r0)
		$TX python3 "$GENL_RAW" DEV_SET DEV_IFINDEX=u32:"$r0" DEV_MODE=u8:2 DEV_HASH=u8:2 >/dev/null
		ip -n bench-tx link set tv0 master r0
		ip -n bench-tx link set tv1 master r0
		if [ "${REDUND_PEER:-}" = bond ]; then
			ip -n bench-rx link add bond0 type bond mode balance-xor
			ip -n bench-rx link set rv0 master bond0
			ip -n bench-rx link set rv1 master bond0
			ip -n bench-rx link set bond0 up
		fi
		ip -n bench-rx link set rv0 up
		ip -n bench-rx link set rv1 up
		ip -n bench-tx link set r0 up
		for p in tv0 tv1; do
			wait_for 10 bash -c "ip -n bench-tx link show $p | grep -q LOWER_UP"
			$TX python3 "$GENL_RAW" PORT_SET DEV_IFINDEX=u32:"$r0" \
				"PORT=nest:{PORT_IFINDEX=u32:$(ifindex bench-tx $p),PORT_COLLECTING=u8:1,PORT_DISTRIBUTING=u8:1}" >/dev/null
		done
		LAG=r0
	fi
	ip -n bench-tx addr add 10.9.0.1/24 dev $LAG
	ip -n bench-tx link set lo up
}

pktgen_run() { # dev count rate(0=max) flows -> prints pps
	local dev=$1 count=$2 rate=$3 flows=$4
	$TX bash -s "$dev" "$count" "$rate" "$flows" <<'PG'
dev=$1 count=$2 rate=$3 flows=$4
t=/proc/net/pktgen/kpktgend_0
echo rem_device_all >$t
echo "add_device $dev" >$t
d=/proc/net/pktgen/$dev
echo "count $count" >$d
echo "clone_skb 0" >$d
echo "pkt_size 60" >$d
echo "delay 0" >$d
[ "$rate" -gt 0 ] && echo "ratep $rate" >$d
echo "dst 10.9.0.2" >$d
echo "dst_mac 02:00:00:00:00:02" >$d
echo "udp_dst_min 9" >$d
echo "udp_dst_max 9" >$d
echo "udp_src_min 1024" >$d
echo "udp_src_max $((1023 + flows))" >$d
echo start >/proc/net/pktgen/pgctrl
sed -nE 's/.* ([0-9]+)pps.*/\1/p' $d
PG
}

tx_packets() { ip -n bench-tx -j -s link show "$1" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["stats64"]["tx"]["packets"])'; }

gap_run() { # -> prints lost packets
	local n=$((GAP_RATE * 4)) port cap=/tmp/bench-gap.pcap
	# Send the flow alone first: the port whose counter moves carries it.
	local a0 a1
	a0=$(tx_packets tv0)
	a1=$(tx_packets tv1)
	pktgen_run "$LAG" 1000 2000 1 >/dev/null
	a0=$(($(tx_packets tv0) - a0))
	a1=$(($(tx_packets tv1) - a1))
	port=0
	[ "$a1" -gt "$a0" ] && port=1
	echo "bench-lag: the measured flow uses port $port ($a0/$a1 packets)" >&2
	# Diagnostics: GAP_OTHER=1 pulls the port the flow does not use.
	[ -n "${GAP_OTHER:-}" ] && port=$((1 - port))
	$RX tcpdump -q -n -i any -w $cap -s 96 udp dst port 9 2>/dev/null &
	local dump=$!
	sleep 1
	pktgen_run "$LAG" "$n" "$GAP_RATE" 1 >/dev/null &
	local gen=$!
	sleep 1.5
	ip -n bench-rx link set rv$port down
	wait $gen
	sleep 0.5
	kill -INT $dump
	wait $dump 2>/dev/null || true
	python3 - "$cap" "$n" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
total = int(sys.argv[2])
seqs = set()
off = 24
linktype = struct.unpack_from("<I", data, 20)[0]
while off + 16 <= len(data):
    _, _, incl, _ = struct.unpack_from("<IIII", data, off)
    pkt = data[off + 16: off + 16 + incl]
    off += 16 + incl
    # pktgen's header follows the UDP header: magic 0xbe9be955, seq.
    i = pkt.find(b"\xbe\x9b\xe9\x55")
    if i >= 0 and i + 8 <= len(pkt):
        seqs.add(struct.unpack_from(">I", pkt, i + 4)[0])
if not seqs:
    print(-1)
else:
    lo, hi = min(seqs), max(seqs)
    missing = [s for s in range(lo, hi + 1) if s not in seqs]
    print(f"seq {lo}..{hi}, {len(seqs)} received, missing {missing[:3]}..{missing[-3:]}",
          file=sys.stderr)
    print(len(missing))
PY
}

modprobe pktgen
insmod "$REDUND_KO"

declare -A PPS GAP
for kind in ${KINDS:-redund bond}; do
	topology $kind
	pktgen_run "$LAG" 20000 0 64 >/dev/null	# warm-up
	best=1
	for run in $(seq 1 ${PPS_RUNS:-3}); do
		p=$(pktgen_run "$LAG" "$PPS_COUNT" 0 64)
		echo "bench-lag: $kind run $run: $p pps"
		[ "$p" -gt "$best" ] && best=$p
	done
	PPS[$kind]=$best
	GAP[$kind]=$(gap_run)
	echo "bench-lag: $kind gap at $GAP_RATE pps: ${GAP[$kind]} packets lost"
done

ratio=$(python3 -c "print(f'{${PPS[redund]} / ${PPS[bond]}:.2f}')")
echo
echo "LAG transmit (pktgen, 60-byte UDP, 64 flows, hash l3+4, 2 ports, best of 3):"
printf '  redund  %10s pps\n  bonding %10s pps (802.3ad)\n  ratio redund/bonding %s (target >= 1.00)\n' \
	"${PPS[redund]}" "${PPS[bond]}" "$ratio"
echo "Failover gap (one flow at $GAP_RATE pps, its port loses carrier):"
printf '  redund  %s packets lost\n  bonding %s packets lost\n' "${GAP[redund]}" "${GAP[bond]}"
