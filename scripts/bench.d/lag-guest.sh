#!/bin/bash
# Runs inside the guest (scripts/bench-lag starts it). Measures, for a
# 2-port LAG built by redund and by the kernel's bonding (same l3+4 hash
# policy) in the same guest:
#  1. transmit packets/s of pktgen through the LAG device (veth ports,
#     bonding in 802.3ad mode with a bonding 802.3ad peer);
#  2. the packets a 10 kpps sequence-numbered pktgen stream loses when the
#     port carrying it fails, in two ways:
#     carrier  the port's own carrier goes off (dummy ports, as a NIC's
#              driver reports a dead link): lost = packets the LAG still
#              hands to the dead port after the carrier went off, plus any
#              hole in the sequence, plus sends pktgen saw fail. Bonding
#              runs balance-xor here (802.3ad cannot aggregate ports that
#              have no partner), link monitoring miimon $MIIMON ms.
#     peer     the veth peer of the port goes down: the peer stops
#              receiving before the port's carrier goes off, a window
#              in which any LAG loses packets; lost = holes + failed sends.
#     pktgen does not advance its sequence number when a send fails, so
#     failed sends are counted from its error counter, not from holes.
#
#   ns bench-tx                      ns bench-rx
#  +--------------------+          +--------------------------+
#  | LAG (r0 | bond0)   |          | peer: bond0 802.3ad for  |
#  |  +-- tv0 ==========+== veth ==+== rv0   bonding, plain   |
#  |  +-- tv1 ==========+== veth ==+== rv1   ports for redund |
#  +--------------------+          +--------------------------+
# (carrier: r0 | bond0 over dummies d0 and d1 in bench-tx, no peer.)
# redund runs in lacp mode with both ports set collecting/distributing
# over genl (the data path is what is measured; no LACP negotiation).
set -euo pipefail
: "${REDUND_KO:?}" "${GENL_RAW:?}"
here=$(cd "$(dirname "$0")" && pwd)

TX="ip netns exec bench-tx"
PPS_COUNT=${PPS_COUNT:-200000}
PPS_RUNS=${PPS_RUNS:-3}
GAP_RATE=${GAP_RATE:-10000}
GAP_TRIALS=${GAP_TRIALS:-3}
MIIMON=${MIIMON:-100}
KINDS=${KINDS:-redund bond}

cleanup() {
	ip netns del bench-tx 2>/dev/null || true
	ip netns del bench-rx 2>/dev/null || true
}
trap cleanup EXIT

ifindex() { ip -n "$1" -j link show "$2" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["ifindex"])'; }
tx_packets() { ip -n bench-tx -j -s link show "$1" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["stats64"]["tx"]["packets"])'; }
json_get() { python3 -c 'import json,sys;print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

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

redund_lag() { # port... : r0 in lacp mode, hash l3+4, every port distributing
	local r0 p
	ip -n bench-tx link add r0 type redund
	r0=$(ifindex bench-tx r0)
	$TX python3 "$GENL_RAW" DEV_SET DEV_IFINDEX=u32:"$r0" DEV_MODE=u8:2 DEV_HASH=u8:2 >/dev/null
	for p in "$@"; do
		ip -n bench-tx link set "$p" master r0
	done
	ip -n bench-tx link set r0 up
	for p in "$@"; do
		wait_for 10 bash -c "ip -n bench-tx link show $p | grep -q LOWER_UP"
		$TX python3 "$GENL_RAW" PORT_SET DEV_IFINDEX=u32:"$r0" \
			"PORT=nest:{PORT_IFINDEX=u32:$(ifindex bench-tx "$p"),PORT_COLLECTING=u8:1,PORT_DISTRIBUTING=u8:1}" >/dev/null
	done
	LAG=r0
}

topology_veth() { # kind: redund | bond
	cleanup
	ip netns add bench-tx
	ip netns add bench-rx
	for i in 0 1; do
		ip link add tv$i netns bench-tx type veth peer name rv$i netns bench-rx
	done
	PORTS=(tv0 tv1)
	if [ "$1" = bond ]; then
		for ns in bench-tx bench-rx; do
			ip -n $ns link add bond0 type bond mode 802.3ad lacp_rate fast \
				xmit_hash_policy layer3+4 miimon "$MIIMON"
		done
		ip -n bench-tx link set tv0 master bond0
		ip -n bench-tx link set tv1 master bond0
		ip -n bench-rx link set rv0 master bond0
		ip -n bench-rx link set rv1 master bond0
		ip -n bench-rx link set bond0 up
		ip -n bench-tx link set bond0 up
		LAG=bond0
		# Both ports must be in the active aggregator before measuring.
		# shellcheck disable=SC2086 # $TX is a command prefix
		wait_for 60 $TX python3 -c "$bond_both_aggregated" ||
			{ echo "bench-lag: bonding did not aggregate both ports" >&2; exit 1; }
	else
		ip -n bench-rx link set rv0 up
		ip -n bench-rx link set rv1 up
		redund_lag tv0 tv1
	fi
	ip -n bench-tx addr add 10.9.0.1/24 dev $LAG
	ip -n bench-tx link set lo up
}

topology_dummy() { # kind: redund | bond
	cleanup
	ip netns add bench-tx
	ip -n bench-tx link add d0 type dummy
	ip -n bench-tx link add d1 type dummy
	PORTS=(d0 d1)
	if [ "$1" = bond ]; then
		ip -n bench-tx link add bond0 type bond mode balance-xor \
			xmit_hash_policy layer3+4 miimon "$MIIMON"
		ip -n bench-tx link set d0 master bond0
		ip -n bench-tx link set d1 master bond0
		ip -n bench-tx link set bond0 up
		LAG=bond0
	else
		redund_lag d0 d1
	fi
	ip -n bench-tx addr add 10.9.0.1/24 dev $LAG
	ip -n bench-tx link set lo up
}

pktgen_run() { # dev count rate(0=max) flows -> prints "pps errors"
	local dev=$1 count=$2 rate=$3 flows=$4
	$TX bash -s "$dev" "$count" "$rate" "$flows" <<'PG'
dev=$1 count=$2 rate=$3 flows=$4
t=/proc/net/pktgen/kpktgend_0
echo rem_device_all >$t
# The thread drops its devices in its own time (125 ms is only a hint).
for _ in $(seq 100); do
	ls /proc/net/pktgen | grep -qv -e kpktgend -e pgctrl || break
	sleep 0.1
done
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
pps=$(sed -nE 's/.* ([0-9]+)pps.*/\1/p' $d)
errors=$(sed -nE '/pkts-sofar/ s/.*errors: ([0-9]+).*/\1/p' $d)
echo "$pps ${errors:-0}"
PG
}

flow_port() { # -> index into PORTS of the port carrying the single flow
	local a0 a1
	a0=$(tx_packets "${PORTS[0]}")
	a1=$(tx_packets "${PORTS[1]}")
	pktgen_run "$LAG" 1000 2000 1 >/dev/null
	a0=$(($(tx_packets "${PORTS[0]}") - a0))
	a1=$(($(tx_packets "${PORTS[1]}") - a1))
	echo "bench-lag: the measured flow uses ${PORTS[0]}:$a0 ${PORTS[1]}:$a1 packets" >&2
	[ "$a1" -gt "$a0" ] && echo 1 || echo 0
}

# Starts tcpdump on each NS:DEV argument; their pids in DUMPS, files in CAPS.
dumps_start() {
	DUMPS=()
	CAPS=()
	local spec ns dev
	for spec in "$@"; do
		ns=${spec%%:*}
		dev=${spec#*:}
		rm -f "/tmp/gap-$dev.pcap"
		ip netns exec "$ns" tcpdump -q -n -i "$dev" -w "/tmp/gap-$dev.pcap" -s 96 \
			udp dst port 9 2>/dev/null &
		DUMPS+=($!)
		CAPS+=("/tmp/gap-$dev.pcap")
	done
	sleep 1
}

dumps_stop() {
	sleep 0.5
	kill -INT "${DUMPS[@]}"
	wait "${DUMPS[@]}" 2>/dev/null || true
}

gap_peer() { # kind -> prints lost packets
	local n=$((GAP_RATE * 4)) port holes errors
	topology_veth "$1"
	port=$(flow_port)
	dumps_start bench-rx:rv0 bench-rx:rv1
	pktgen_run "$LAG" "$n" "$GAP_RATE" 1 >/tmp/gap-pktgen &
	sleep 1.5
	ip -n bench-rx link set "rv$port" down
	wait $!
	dumps_stop
	holes=$(python3 "$here/pktgen_seq.py" holes "${CAPS[@]}")
	errors=$(cut -d' ' -f2 /tmp/gap-pktgen)
	echo "bench-lag: $1 peer: $holes, failed sends $errors" >&2
	echo $(($(json_get "$holes" missing) + errors))
}

gap_carrier() { # kind -> prints lost packets
	local n=$((GAP_RATE * 4)) port out holes errors dead times
	topology_dummy "$1"
	port=$(flow_port)
	dumps_start bench-tx:d0 bench-tx:d1
	pktgen_run "$LAG" "$n" "$GAP_RATE" 1 >/tmp/gap-pktgen &
	sleep 1.5
	times=$($TX python3 "$here/set_carrier.py" "d$port" 0)
	wait $!
	dumps_stop
	holes=$(python3 "$here/pktgen_seq.py" holes "${CAPS[@]}")
	errors=$(cut -d' ' -f2 /tmp/gap-pktgen)
	# Sent while the carrier request was in the kernel: not counted.
	dead=$(python3 "$here/pktgen_seq.py" after "${times#* }" "/tmp/gap-d$port.pcap")
	out=$(python3 "$here/pktgen_seq.py" after "${times% *}" "/tmp/gap-d$port.pcap")
	echo "bench-lag: $1 carrier: $holes, failed sends $errors," \
		"to the dead port after the carrier change $(json_get "$dead" after)" \
		"(+$(($(json_get "$out" after) - $(json_get "$dead" after))) during it)" >&2
	echo $(($(json_get "$holes" missing) + errors + $(json_get "$dead" after)))
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

modprobe pktgen
insmod "$REDUND_KO"

declare -A PPS GAPC GAPP CARRIER PEER
# Kinds alternate run by run and trial by trial, so that load from
# elsewhere on the host lands on both rather than on one.
for run in $(seq 1 "$PPS_RUNS"); do
	for kind in $KINDS; do
		topology_veth "$kind"
		pktgen_run "$LAG" 20000 0 64 >/dev/null	# warm-up
		p=$(pktgen_run "$LAG" "$PPS_COUNT" 0 64 | cut -d' ' -f1)
		echo "bench-lag: $kind run $run: $p pps"
		[ "$p" -gt "${PPS[$kind]:-1}" ] && PPS[$kind]=$p
	done
done
for trial in $(seq 1 "$GAP_TRIALS"); do
	for kind in $KINDS; do
		c=$(gap_carrier "$kind")
		g=$(gap_peer "$kind")
		CARRIER[$kind]+=" $c"
		PEER[$kind]+=" $g"
		echo "bench-lag: $kind trial $trial: lost $c (carrier), $g (peer)"
	done
done
for kind in $KINDS; do
	read -ra carrier <<<"${CARRIER[$kind]}"
	read -ra peer <<<"${PEER[$kind]}"
	GAPC[$kind]="median $(median "${carrier[@]}") (trials: ${carrier[*]})"
	GAPP[$kind]="median $(median "${peer[@]}") (trials: ${peer[*]})"
done

[ -n "${PPS[redund]:-}" ] && [ -n "${PPS[bond]:-}" ] || exit 0
ratio=$(python3 -c "print(f'{${PPS[redund]} / ${PPS[bond]}:.2f}')")
echo
echo "LAG transmit (pktgen, 60-byte UDP, 64 flows, hash l3+4, 2 ports, best of $PPS_RUNS):"
printf '  redund  %10s pps\n  bonding %10s pps (802.3ad)\n  ratio redund/bonding %s (target >= 1.00)\n' \
	"${PPS[redund]}" "${PPS[bond]}" "$ratio"
echo "Failover: packets lost by one $GAP_RATE pps flow when its port fails ($GAP_TRIALS trials):"
echo "  the port's carrier goes off (bonding: balance-xor, miimon $MIIMON):"
printf '    redund  %s\n    bonding %s\n' "${GAPC[redund]}" "${GAPC[bond]}"
echo "  the port's veth peer goes down (bonding: 802.3ad):"
printf '    redund  %s\n    bonding %s\n' "${GAPP[redund]}" "${GAPP[bond]}"
