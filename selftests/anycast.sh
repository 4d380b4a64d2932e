#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Anycast gateway: two nodes, each the router of its own site, both with
# the same virtual gateway ACTIVE at once: same gateway IPs, same virtual
# MAC. Every host resolves its gateway to the shared virtual MAC and is
# answered and routed by its own site's node; traffic between two subnets
# of one site never crosses the routed link between the nodes, while
# traffic to the other site does. This is the case where all-active is
# right: each node serves a segment of its own, so no switch ever sees the
# virtual MAC on two ports.
#
#   "a1" 10.1.0.11/24   "a2" 10.2.0.12/24      "b1" 10.1.0.21/24   "b2" 10.2.0.22/24
#        |                   |                      |                   |
#   +----||-------"swa"------||----+           +----||-------"swb"------||----+
#   |   pa1       br0       pa2    |           |   pb1       br0       pb2    |
#   |             sn0              |           |             sn0              |
#   +--------------||--------------+           +--------------||--------------+
#                  ||                                         ||
#   +--------------||--------------+           +--------------||--------------+
#   | "nodea"  hv0 (port of r0)    |           | "nodeb"  hv0 (port of r0)    |
#   | r0: 10.1.0.1/24 10.2.0.1/24  |  il0  il0 | r0: 10.1.0.1/24 10.2.0.1/24  |
#   | gateway VRID 10 active,      |===========| gateway VRID 10 active,      |
#   |   mac 02:aa:00:00:00:0a      | .1     .2 |   mac 02:aa:00:00:00:0a      |
#   | routes b1, b2 via 172.16.0.2 | 172.16.0.0/30 routes a1, a2 via 172.16.0.1 |
#   +------------------------------+           +------------------------------+
#
# (|| and === are veth pairs.) Both sites use the same two subnets and the
# same gateway addresses 10.1.0.1 and 10.2.0.1; each node reaches the other
# site's hosts by host routes over il0. The gateways are made with
# `redundctl gateway add ... state active`, as Documentation/admin-guide.md
# shows.

ALL_TESTS="
	test_anycast_resolve
	test_anycast_local_routing
	test_anycast_inter_site
"

source "$(dirname "$0")/lib.sh"

NODEA=
NODEB=
SWA=
SWB=
A1=
A2=
B1=
B2=
VMAC=02:aa:00:00:00:0a
GW1=10.1.0.1
GW2=10.2.0.1
IP_A1=10.1.0.11
IP_A2=10.2.0.12
IP_B1=10.1.0.21
IP_B2=10.2.0.22

# site NODE SW H1 H2 IP1 IP2 PEER_IL OTHER1 OTHER2: one site's switch,
# hosts and node.
site()
{
	local node=$1 sw=$2 h1=$3 h2=$4 ip1=$5 ip2=$6 peer=$7 o1=$8 o2=$9 h

	ip -n "$sw" link add br0 type bridge || return 1
	ip -n "$sw" link set br0 up || return 1
	veth_pair "$node" hv0 "$sw" sn0 || return 1
	veth_pair "$h1" eth0 "$sw" ph1 || return 1
	veth_pair "$h2" eth0 "$sw" ph2 || return 1
	for h in sn0 ph1 ph2; do
		ip -n "$sw" link set "$h" master br0 || return 1
		ip -n "$sw" link set "$h" up || return 1
	done
	ip -n "$h1" addr add "$ip1/24" dev eth0 || return 1
	ip -n "$h2" addr add "$ip2/24" dev eth0 || return 1
	# The hosts never re-validate a neighbour by unicast (that would
	# reach a node's gateway counters at random times) and ignore
	# redirects.
	for h in "$h1" "$h2"; do
		ip netns exec "$h" sysctl -qw net.ipv4.neigh.eth0.delay_first_probe_time=3600 \
			net.ipv4.conf.all.accept_redirects=0 \
			net.ipv4.conf.eth0.accept_redirects=0 >/dev/null || return 1
		ip -n "$h" link set eth0 up || return 1
	done
	ip -n "$h1" route add default via $GW1 || return 1
	ip -n "$h2" route add default via $GW2 || return 1

	# Both subnets share the site's segment: without this, the node would
	# redirect the hosts to talk to each other directly, past the gateway.
	ip netns exec "$node" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv4.conf.all.send_redirects=0 \
		net.ipv4.conf.default.send_redirects=0 >/dev/null || return 1
	ip -n "$node" link add r0 type redund || return 1
	ip -n "$node" link set hv0 master r0 || return 1
	# The gateway addresses are the node's addresses on its segment; the
	# module makes every ARP answer and request about them carry the
	# virtual MAC.
	ip -n "$node" addr add $GW1/24 dev r0 || return 1
	ip -n "$node" addr add $GW2/24 dev r0 || return 1
	# Nor does the node (the answer to a unicast probe from the gateway
	# address comes back to the virtual MAC).
	ip netns exec "$node" sysctl -qw net.ipv4.neigh.r0.delay_first_probe_time=3600 \
		>/dev/null || return 1
	ip -n "$node" link set r0 up || return 1
	ip -n "$node" link set il0 up || return 1
	ip -n "$node" route add "$o1/32" via "$peer" dev il0 || return 1
	ip -n "$node" route add "$o2/32" via "$peer" dev il0 || return 1
}

setup()
{
	module_load || { fail "insmod"; return 1; }
	ns_create NODEA nodea || return 1
	ns_create NODEB nodeb || return 1
	ns_create SWA swa || return 1
	ns_create SWB swb || return 1
	ns_create A1 a1 || return 1
	ns_create A2 a2 || return 1
	ns_create B1 b1 || return 1
	ns_create B2 b2 || return 1
	veth_pair "$NODEA" il0 "$NODEB" il0 || return 1
	ip -n "$NODEA" addr add 172.16.0.1/30 dev il0 || return 1
	ip -n "$NODEB" addr add 172.16.0.2/30 dev il0 || return 1
	site "$NODEA" "$SWA" "$A1" "$A2" $IP_A1 $IP_A2 172.16.0.2 $IP_B1 $IP_B2 || return 1
	site "$NODEB" "$SWB" "$B1" "$B2" $IP_B1 $IP_B2 172.16.0.1 $IP_A1 $IP_A2 || return 1
	check_wait "node a: hv0 active" 15 active_port_is "$NODEA" r0 hv0 || return 1
	check_wait "node b: hv0 active" 15 active_port_is "$NODEB" r0 hv0 || return 1
	anycast_gateway "$NODEA" || return 1
	anycast_gateway "$NODEB" || return 1
}

# anycast_gateway NODE: the same gateway on both nodes, the way the admin
# guide makes it. redundctl warns about all-active on stderr and succeeds.
anycast_gateway()
{
	local out

	out=$(rctl "$1" gateway add r0 vrid 10 mac $VMAC address $GW1 address $GW2 \
		state active refresh 60000 2>&1) ||
		{ fail "gateway add on $1"; diag "$out"; return 1; }
	grep -q '^redundctl: warning: state active' <<<"$out" ||
		{ fail "no all-active warning on $1"; diag "$out"; return 1; }
	check "$1: gateway active with the shared MAC" gw_is "$1" \
		".state == \"active\" and .mac == \"$VMAC\" and
		 .addresses == [\"$GW1\", \"$GW2\"] and .refresh_interval_ms == 60000"
}

# gw_is NODE JQ: the filter holds for the node's VRID 10 gateway.
gw_is()
{
	rctl "$1" -j gateway show r0 vrid 10 | jq -e ".[0] | $2" >/dev/null
}

# gw_stat NODE NAME: one counter of the node's gateway.
gw_stat()
{
	rctl "$1" -j gateway show r0 vrid 10 | jq -r ".[0].stats.$2"
}

# neigh_is NS ADDR MAC: NS resolved ADDR to MAC on eth0.
neigh_is()
{
	ip -n "$1" neigh show dev eth0 to "$2" | grep -qi "lladdr $3"
}

# stat_is NODE NAME OP VALUE
stat_is()
{
	test "$(gw_stat "$1" "$2")" "$3" "$4"
}

# il_cap_start: tcpdump on node a's end of the inter-node link into ILCAP.
il_cap_start()
{
	local pid

	ILCAP=$(mktemp "$TMPD/il.XXXXXX")
	bg_start pid "$ILCAP" ip netns exec "$NODEA" tcpdump -l -n -e -i il0 ip or arp
	wait_until 30 grep -q "listening on" "$ILCAP" ||
		{ fail "tcpdump did not start"; diag "$(cat "$ILCAP")"; return 1; }
}

# il_cap_sync: node a pings node b over the link until the capture has
# shown it: whatever crossed the link before is in the capture by then.
il_cap_sync()
{
	wait_until 30 eval "ping_ok '$NODEA' 172.16.0.2 &&
		grep -q '172.16.0.1 > 172.16.0.2: ICMP echo request' '$ILCAP'"
}

# ping_n NS ADDR N: N echoes, all answered.
ping_n()
{
	ip netns exec "$1" ping -c "$3" -i 0.2 -W 2 "$2" 2>&1 | grep -q " 0% packet loss"
}

test_anycast_resolve()
{
	local name="anycast: every host resolves its gateway to the shared virtual MAC, answered by its own node"
	local h a0 b0

	setup || { log_test "$name"; return; }
	a0=$(gw_stat "$NODEA" arp_replies)
	b0=$(gw_stat "$NODEB" arp_replies)
	for h in "$A1:$GW1" "$A2:$GW2"; do
		check_wait "${h%%:*} pings its gateway ${h#*:}" 30 ping_ok "${h%%:*}" "${h#*:}"
		check "... resolved to the virtual MAC" neigh_is "${h%%:*}" "${h#*:}" "$VMAC"
	done
	check "node a answered the ARP requests of site a" stat_is "$NODEA" arp_replies -ge $((a0 + 2))
	check "node b answered none of them" stat_is "$NODEB" arp_replies -eq "$b0"
	a0=$(gw_stat "$NODEA" arp_replies)
	for h in "$B1:$GW1" "$B2:$GW2"; do
		check_wait "${h%%:*} pings its gateway ${h#*:}" 30 ping_ok "${h%%:*}" "${h#*:}"
		check "... resolved to the virtual MAC" neigh_is "${h%%:*}" "${h#*:}" "$VMAC"
	done
	check "node b answered the ARP requests of site b" stat_is "$NODEB" arp_replies -ge $((b0 + 2))
	check "node a answered none of them" stat_is "$NODEA" arp_replies -eq "$a0"
	check "switch a learnt the virtual MAC on node a's port only" eval \
		"[ \"\$(bridge -n '$SWA' fdb show br br0 | grep -i '^$VMAC ' | grep -c 'dev sn0')\" -ge 1 ] &&
		 ! bridge -n '$SWA' fdb show br br0 | grep -i '^$VMAC ' | grep -qv 'dev sn0'"
	log_test "$name"
}

test_anycast_local_routing()
{
	local name="anycast: traffic between the two subnets of a site is routed by the local node, never over the inter-node link"
	local va vb

	setup || { log_test "$name"; return; }
	il_cap_start || { log_test "$name"; return; }
	check "the capture sees the link" il_cap_sync || { log_test "$name"; return; }
	# Warm up: neighbours resolved on both sites.
	check_wait "a1 reaches a2 through node a" 30 ping_ok "$A1" $IP_A2
	check_wait "b1 reaches b2 through node b" 30 ping_ok "$B1" $IP_B2
	va=$(gw_stat "$NODEA" rx_vmac)
	vb=$(gw_stat "$NODEB" rx_vmac)
	check "a1 <-> a2: 10 echoes" ping_n "$A1" $IP_A2 10
	check "node a took the frames to the virtual MAC" stat_is "$NODEA" rx_vmac -ge $((va + 20))
	check "node b took none of them" stat_is "$NODEB" rx_vmac -eq "$vb"
	va=$(gw_stat "$NODEA" rx_vmac)
	check "b2 <-> b1: 10 echoes" ping_n "$B2" $IP_B1 10
	check "node b took the frames to the virtual MAC" stat_is "$NODEB" rx_vmac -ge $((vb + 20))
	check "node a took none of them" stat_is "$NODEA" rx_vmac -eq "$va"
	check "a later ping over the link is captured" il_cap_sync
	check "nothing of site-local traffic crossed the link" eval \
		"! grep -E '10\\.[12]\\.0\\.(11|12|21|22)' '$ILCAP'"
	diag "link capture: $(grep -c 'ICMP' "$ILCAP") ICMP lines (node-to-node sync pings only)"
	log_test "$name"
}

test_anycast_inter_site()
{
	local name="anycast: traffic to the other site leaves and comes back through each side's own node"
	local va vb

	setup || { log_test "$name"; return; }
	il_cap_start || { log_test "$name"; return; }
	check_wait "a1 reaches b2" 30 ping_ok "$A1" $IP_B2
	va=$(gw_stat "$NODEA" rx_vmac)
	vb=$(gw_stat "$NODEB" rx_vmac)
	check "a1 -> b2: 5 echoes" ping_n "$A1" $IP_B2 5
	check "requests crossed the link" wait_until 15 \
		grep -q "$IP_A1 > $IP_B2: ICMP echo request" "$ILCAP"
	check "replies crossed the link" wait_until 15 \
		grep -q "$IP_B2 > $IP_A1: ICMP echo reply" "$ILCAP"
	# a1's requests reach node a, b2's replies node b: each host's own.
	check "node a took a1's requests" stat_is "$NODEA" rx_vmac -ge $((va + 5))
	check "node b took b2's replies" stat_is "$NODEB" rx_vmac -ge $((vb + 5))
	check "a1 still has the virtual MAC for its gateway" neigh_is "$A1" $GW1 "$VMAC"
	check "b2 still has the virtual MAC for its gateway" neigh_is "$B2" $GW2 "$VMAC"
	log_test "$name"
}

selftest_main
