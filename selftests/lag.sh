#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Link aggregation fast path: balance and lacp modes, hash policies, the
# resilient bucket table, min-links, against the kernel's own bonding.
#
#   "host"                                  "peer"
#   +------------------------+              +------------------------------+
#   |  r0 10.0.0.1/24        |              |  bond0 balance-xor l3+4      |
#   |   |  balance | lacp    |              |  10.0.0.2 .. 10.0.0.21/24    |
#   |   +-- hv0 ================================ pv0 -+                     |
#   |   +-- hv1 ================================ pv1 -+                     |
#   |   +-- hv2 ================================ pv2 -+  (3-port cases)    |
#   +------------------------+              +------------------------------+
#
# (=== is a veth pair.) Twenty peer addresses give twenty flows for the
# l2+3 and l3+4 policies; with l2 they are one flow (one peer MAC).

ALL_TESTS="
	test_balance_spread
	test_hash_policies
	test_resilient_buckets
	test_lacp_controls
	test_min_links
	test_mode_refusals
"

source "$(dirname "$0")/lib.sh"

HOST=
PEER=
NADDR=20

# setup NPORTS MODE: r0 in MODE with NPORTS ports facing a bonding peer.
setup()
{
	local n=$1 mode=$2 p

	module_load || { fail "insmod"; return 1; }
	ns_create HOST host || return 1
	ns_create PEER peer || return 1
	ip -n "$PEER" link add bond0 type bond mode balance-xor \
		xmit_hash_policy layer3+4 miimon 100 || return 1
	ip -n "$HOST" link add r0 type redund || return 1
	check "dev set r0 mode $mode hash l3+4" \
		rctl "$HOST" dev set r0 mode "$mode" hash l3+4 || return 1
	for ((p = 0; p < n; p++)); do
		veth_pair "$HOST" "hv$p" "$PEER" "pv$p" || return 1
		ip -n "$PEER" link set "pv$p" master bond0 || return 1
		ip -n "$HOST" link set "hv$p" master r0 || return 1
	done
	for ((p = 2; p < NADDR + 2; p++)); do
		ip -n "$PEER" addr add "10.0.0.$p/24" dev bond0 || return 1
	done
	ip -n "$PEER" link set bond0 up || return 1
	ip -n "$HOST" addr add 10.0.0.1/24 dev r0 || return 1
	ip -n "$HOST" link set r0 up
}

# port_tx PORT: packets redund handed to PORT (its per-CPU counter).
port_tx()
{
	rshow_get "$HOST" r0 ".ports[] | select(.ifname == \"$1\") | .stats.tx_packets"
}

port_field()
{
	rshow_get "$HOST" r0 ".ports[] | select(.ifname == \"$1\") | .$2"
}

# ports_tx: "PORT PACKETS" for every port of r0, from one `show`.
ports_tx()
{
	rctl "$HOST" -j show r0 | jq -r '.[0].ports[] | "\(.ifname) \(.stats.tx_packets)"'
}

# flow_ports VAR: VAR[A] is the port that carries the flow to 10.0.0.A, for
# every peer address: the port whose counter moves most while pinging that
# address alone. Each reading of the counters ends one address and starts
# the next.
flow_ports()
{
	local -n flows=$1
	local a p n d best max
	local -A fp_before fp_after

	while read -r p n; do
		fp_before[$p]=$n
	done <<<"$(ports_tx)"
	for ((a = 2; a < NADDR + 2; a++)); do
		ip netns exec "$HOST" ping -c 3 -i 0.05 -W 1 -q "10.0.0.$a" >/dev/null 2>&1
		fp_after=()
		while read -r p n; do
			fp_after[$p]=$n
		done <<<"$(ports_tx)"
		best=none
		max=0
		for p in "${!fp_after[@]}"; do
			d=$((fp_after[$p] - ${fp_before[$p]:-0}))
			if [ "$d" -gt "$max" ]; then
				max=$d
				best=$p
			fi
			fp_before[$p]=${fp_after[$p]}
		done
		flows[$a]=$best
	done
}

all_addrs_answer()
{
	local a

	for ((a = 2; a < NADDR + 2; a++)); do
		ping_ok "$HOST" "10.0.0.$a" || return 1
	done
}

# ping_all: two echo requests to every peer address, all at once.
ping_all()
{
	local a pids=()

	for ((a = 2; a < NADDR + 2; a++)); do
		ip netns exec "$HOST" ping -c 2 -i 0.05 -W 1 -q "10.0.0.$a" >/dev/null 2>&1 &
		pids+=($!)
	done
	wait "${pids[@]}"
}

test_balance_spread()
{
	local name="lag: balance l3+4 spreads flows over both members (bonding peer)"
	local t0 t1

	setup 2 balance || { log_test "$name"; return; }
	check_wait "every peer address answers" 60 all_addrs_answer
	check "both ports distributing, 128 buckets each" rshow_is "$HOST" r0 \
		'.tx_ports == 2 and ([.ports[] | select(.distributing and .collecting and .tx_buckets == 128)] | length) == 2'
	t0=$(port_tx hv0)
	t1=$(port_tx hv1)
	ping_all
	t0=$(($(port_tx hv0) - t0))
	t1=$(($(port_tx hv1) - t1))
	diag "tx over $NADDR flows: hv0 $t0, hv1 $t1 packets"
	check "hv0 carried traffic" test "$t0" -gt 0
	check "hv1 carried traffic" test "$t1" -gt 0
	log_test "$name"
}

# l2 sees one flow (all addresses sit behind one peer MAC); l2+3 and l3+4
# see twenty and must use both ports.
test_hash_policies()
{
	local name="lag: hash policies l2, l2+3, l3+4, encap2+3, encap3+4"
	local h t0 t1 used

	setup 2 balance || { log_test "$name"; return; }
	check_wait "every peer address answers" 60 all_addrs_answer
	for h in l2 l2+3 l3+4 encap2+3 encap3+4; do
		check "dev set hash $h" rctl "$HOST" dev set r0 hash "$h" || continue
		check "show reports hash $h" rshow_is "$HOST" r0 ".hash == \"$h\""
		t0=$(port_tx hv0)
		t1=$(port_tx hv1)
		ping_all
		t0=$(($(port_tx hv0) - t0))
		t1=$(($(port_tx hv1) - t1))
		# A port is in use with a quarter of the flows' packets: an ARP
		# to the broadcast MAC is an l2 flow of its own and may go anywhere.
		used=$(((t0 >= NADDR / 4) + (t1 >= NADDR / 4)))
		diag "hash $h: hv0 $t0, hv1 $t1 packets"
		if [ "$h" = l2 ]; then
			check "l2: one peer MAC, one port" test "$used" -eq 1
		else
			check "$h: twenty flows use both ports" test "$used" -eq 2
		fi
	done
	log_test "$name"
}

# A member that leaves hands over only its own flows; when it comes back it
# takes flows only from the others, never moving one between them.
test_resilient_buckets()
{
	local name="lag: a member leaving or joining moves only the flows it must"
	local a peer_mac
	local -A was now after
	local moved_wrong=0 moved_back=0

	setup 3 balance || { log_test "$name"; return; }
	check_wait "every peer address answers" 60 all_addrs_answer
	# ARP probes and their answers (one MAC pair, so all on one port)
	# would blur which port carries a flow: the neighbours are fixed.
	peer_mac=$(link_get "$PEER" bond0 .address)
	for ((a = 2; a < NADDR + 2; a++)); do
		ip -n "$HOST" neigh replace "10.0.0.$a" lladdr "$peer_mac" nud permanent dev r0
	done
	ip -n "$PEER" neigh replace 10.0.0.1 lladdr "$(link_get "$HOST" r0 .address)" \
		nud permanent dev bond0
	check "buckets split 86/85/85" rshow_is "$HOST" r0 \
		'([.ports[].tx_buckets] | sort) == [85, 85, 86]'
	flow_ports was
	diag "flows before: $(for a in "${!was[@]}"; do printf '%s>%s ' "$a" "${was[$a]}"; done)"

	ip -n "$PEER" link set pv2 down
	check_wait "hv2 out of the tx set" 10 rshow_is "$HOST" r0 \
		'.tx_ports == 2 and (.ports[] | select(.ifname == "hv2") | .tx_buckets) == 0'
	check "survivors own 128 buckets each" rshow_is "$HOST" r0 \
		'[.ports[] | select(.ifname != "hv2") | .tx_buckets] == [128, 128]'
	flow_ports now
	for ((a = 2; a < NADDR + 2; a++)); do
		if [ "${was[$a]}" != hv2 ] && [ "${now[$a]}" != "${was[$a]}" ]; then
			moved_wrong=$((moved_wrong + 1))
			diag "flow to 10.0.0.$a moved ${was[$a]} -> ${now[$a]}"
		fi
		[ "${now[$a]}" = hv2 ] && moved_wrong=$((moved_wrong + 1))
	done
	check "no flow of hv0/hv1 moved when hv2 left" test "$moved_wrong" -eq 0

	ip -n "$PEER" link set pv2 up
	check_wait "hv2 back in the tx set" 10 rshow_is "$HOST" r0 '.tx_ports == 3'
	moved_wrong=0
	flow_ports after
	for ((a = 2; a < NADDR + 2; a++)); do
		if [ "${after[$a]}" != "${now[$a]}" ] && [ "${after[$a]}" != hv2 ]; then
			moved_wrong=$((moved_wrong + 1))
			diag "flow to 10.0.0.$a moved ${now[$a]} -> ${after[$a]}"
		fi
		[ "${after[$a]}" = hv2 ] && moved_back=$((moved_back + 1))
	done
	diag "flows taken by the returning hv2: $moved_back of $NADDR"
	check "no flow moved between hv0 and hv1 when hv2 joined" \
		test "$moved_wrong" -eq 0
	check "hv2 carries flows again" test "$moved_back" -gt 0
	log_test "$name"
}

test_lacp_controls()
{
	local name="lag: lacp mode: controller enables ports, carrier loss revokes at once"

	setup 2 lacp || { log_test "$name"; return; }
	check_wait "both ports have carrier" 10 rshow_is "$HOST" r0 \
		'([.ports[] | select(.carrier)] | length) == 2'
	check "ports start neither collecting nor distributing" rshow_is "$HOST" r0 \
		'.tx_ports == 0 and .carrier == false and ([.ports[] | select(.collecting or .distributing)] | length) == 0'
	check "no traffic before the controller enables a port" \
		bash -c "! ip netns exec $HOST ping -c 1 -W 1 10.0.0.2"
	# The static peer answers on either link: both collect, one sends.
	check "port set hv0 collecting on distributing on" \
		rctl "$HOST" port set r0 hv0 collecting on distributing on
	check "port set hv1 collecting on" \
		rctl "$HOST" port set r0 hv1 collecting on
	check "r0 has carrier with one distributing port" rshow_is "$HOST" r0 \
		'.carrier and .tx_ports == 1 and ([.ports[] | select(.collecting)] | length) == 2'
	check_wait "traffic flows, sent through hv0 only" 30 ping_ok "$HOST" 10.0.0.2
	check "hv1 sent nothing" test "$(port_tx hv1)" -eq 0

	ip -n "$PEER" link set pv0 down
	check_wait "carrier loss clears collecting and distributing" 10 \
		rshow_is "$HOST" r0 '(.ports[] | select(.ifname == "hv0") | (.collecting or .distributing)) == false'
	check "r0 lost carrier (no distributing port)" rshow_is "$HOST" r0 '.carrier == false'
	check_fail "distributing on a port without carrier refused" \
		rctl "$HOST" port set r0 hv0 distributing on
	check "the refusal says why" grep -q "no carrier" <<<"$LAST_OUT"

	ip -n "$PEER" link set pv0 up
	check_wait "hv0 has carrier again" 10 rshow_is "$HOST" r0 \
		'(.ports[] | select(.ifname == "hv0") | .carrier)'
	check "carrier back does not re-enable the port by itself" rshow_is "$HOST" r0 \
		'(.ports[] | select(.ifname == "hv0") | .distributing) == false'
	check_fail "'active' refused in lacp mode" rctl "$HOST" port set r0 hv1 active
	log_test "$name"
}

test_min_links()
{
	local name="lag: min-links gates the device carrier"

	setup 2 balance || { log_test "$name"; return; }
	check "dev set min-links 2" rctl "$HOST" dev set r0 min-links 2
	check_wait "carrier with 2 of 2 ports" 10 rshow_is "$HOST" r0 '.carrier and .min_links == 2'
	ip -n "$PEER" link set pv1 down
	check_wait "no carrier with 1 of 2" 10 rshow_is "$HOST" r0 '.carrier == false'
	# ip derives NO-CARRIER from operstate, which linkwatch updates later.
	check_wait "ip link agrees: NO-CARRIER" 10 link_has_flag "$HOST" r0 NO-CARRIER
	ip -n "$PEER" link set pv1 up
	check_wait "carrier again with 2 of 2" 10 rshow_is "$HOST" r0 '.carrier'
	check_fail "min-links 17 refused" rctl "$HOST" dev set r0 min-links 17
	log_test "$name"
}

test_mode_refusals()
{
	local name="lag: mode changes refused while ports exist, nothing changes"

	setup 2 balance || { log_test "$name"; return; }
	check_fail "mode change with ports refused" rctl "$HOST" dev set r0 mode lacp
	check "the refusal says why" grep -qi "no ports" <<<"$LAST_OUT"
	check "still balance" rshow_is "$HOST" r0 '.mode == "balance" and .num_ports == 2'
	check_fail "collecting refused in balance mode" \
		rctl "$HOST" port set r0 hv0 collecting off
	check "hv0 still collecting" rshow_is "$HOST" r0 \
		'(.ports[] | select(.ifname == "hv0") | .collecting)'
	log_test "$name"
}

selftest_main
