#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Ports: enslave and release, the ports a redund device must refuse, the
# 16-port limit, ports that move or vanish under the device, and the
# device's MAC when its ports leave.
#
#   "host"                                    "peer"
#   +----------------------------------+      +-----------+
#   | r0 (redund)                      |      |           |
#   |  +-- hv0 ================================== pv0     |
#   |  +-- hv1 ================================== pv1     |
#   | r1 (redund)                      |      |           |
#   |  +-- hv2 ================================== pv2     |
#   | lo, tun0 (tun: not Ethernet)     |      +-----------+
#   | d0 .. d16 (dummy)                |      "other": where
#   +----------------------------------+      hv1 is moved to
#
# (=== is a veth pair.) Each case builds the part it needs. The peer ends
# are up, so a port has carrier as soon as it is up.

ALL_TESTS="
	test_enslave_release
	test_refuse_loopback
	test_refuse_self
	test_refuse_redund_device
	test_refuse_non_ether
	test_refuse_17th_port
	test_port_of_other_device
	test_port_vanishes
	test_mac_last_port_leaves
"

source "$(dirname "$0")/lib.sh"

# veths HOST PEER N...: hvN in HOST (down) paired with pvN in PEER (up).
veths()
{
	local host=$1 peer=$2 n
	shift 2

	for n in "$@"; do
		veth_pair "$host" "hv$n" "$peer" "pv$n" || return 1
		ip -n "$peer" link set "pv$n" up || return 1
	done
}

# check_refused DESC NS CMD...: CMD fails with an extack message (iproute2
# prints it as "Error: ...") and leaves the namespace as it was.
check_refused()
{
	local desc=$1 ns=$2 before after
	shift 2

	before=$(snapshot "$ns")
	check_fail "$desc is refused" "$@" || return 1
	diag "$desc: $LAST_OUT"
	grep -q '^Error: ..' <<<"$LAST_OUT" ||
		fail "$desc: no extack message (iproute2 prints 'Error: ...')"
	after=$(snapshot "$ns")
	check_unchanged "$desc" "$before" "$after"
}

# A host namespace with r0 holding hv0, for the refusal cases: a refused
# port must not disturb the port already there either.
setup_r0_one_port()
{
	ns_create HOST host || return 1
	ns_create PEER peer || return 1
	veths "$HOST" "$PEER" 0 || return 1
	ip -n "$HOST" link add r0 type redund || return 1
	ip -n "$HOST" link set hv0 master r0 || return 1
	ip -n "$HOST" link set r0 up || return 1
	wait_until 10 active_port_is "$HOST" r0 hv0
}

test_enslave_release()
{
	local name="ports: enslave and release veth ports (master, MAC, MTU, events)"
	local host peer p r0mac show
	local -A mac mtu idx

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create host host
	ns_create peer peer
	veths "$host" "$peer" 0 1
	for p in hv0 hv1; do
		mac[$p]=$(link_get "$host" "$p" .address)
		mtu[$p]=$(link_get "$host" "$p" .mtu)
		idx[$p]=$(ifindex_of "$host" "$p")
	done
	# A MAC and an MTU of its own, which the ports must take. (A device
	# created without a MAC takes its first port's, as bonding does.)
	r0mac=02:00:00:00:0a:01
	check "r0 with MAC $r0mac" ip -n "$host" link add r0 address "$r0mac" type redund
	check "r0 mtu 1400" ip -n "$host" link set r0 mtu 1400
	monitor_start "$host" || fail "monitor did not start"

	for p in hv0 hv1; do
		check "ip link set $p master r0" ip -n "$host" link set "$p" master r0 ||
			{ log_test "$name"; return; }
	done
	check "r0 up" ip -n "$host" link set r0 up
	for p in hv0 hv1; do
		check "$p: master r0" link_master_is "$host" "$p" r0
		check "$p: brought up" link_is_up "$host" "$p"
		check "$p: has r0's MAC $r0mac" \
			test "$(link_get "$host" "$p" .address)" = "$r0mac"
		check "$p: has r0's MTU 1400" \
			test "$(link_get "$host" "$p" .mtu)" = 1400
		check_event "port_new $p" ".event == \"port_new\" and .ifname == \"r0\"
			and .port.ifname == \"$p\" and .port.ifindex == ${idx[$p]}"
	done
	check "r0 keeps its MAC" test "$(link_get "$host" r0 .address)" = "$r0mac"

	check_wait "one port active" 10 rshow_is "$host" r0 '.active_port != null'
	check "redundctl -j show r0" rctl "$host" -j show r0
	show=$LAST_OUT
	diag "show: $(jq -c . <<<"$show")"
	check "show: 2 ports in the order added" json_is "$show" \
		".[0].num_ports == 2 and (.[0].ports | map(.ifname)) == [\"hv0\", \"hv1\"]
		 and (.[0].ports | map(.ifindex)) == [${idx[hv0]}, ${idx[hv1]}]"
	check "show: carrier on device and ports" json_is "$show" \
		'.[0].carrier == true and all(.[0].ports[]; .carrier == true)'
	check "show: exactly one port active, named by active_port" json_is "$show" \
		'.[0] | (.ports | map(select(.active)) | length) == 1
		 and (.ports[] | select(.active) | .ifname) == .active_port'
	check "show: no link failures yet" json_is "$show" \
		'all(.[0].ports[]; .link_failures == 0)'

	# Release the backup port first, then the active one.
	p=$(jq -r '.[0].ports[] | select(.active | not) | .ifname' <<<"$show")
	for p in "$p" "$(jq -r '.[0].active_port' <<<"$show")"; do
		check "ip link set $p nomaster" ip -n "$host" link set "$p" nomaster
		check "$p: no master" link_master_is "$host" "$p" ""
		check "$p: MAC restored" \
			test "$(link_get "$host" "$p" .address)" = "${mac[$p]}"
		check "$p: MTU restored" \
			test "$(link_get "$host" "$p" .mtu)" = "${mtu[$p]}"
		check_event "port_del $p" ".event == \"port_del\" and .ifname == \"r0\"
			and .port.ifname == \"$p\""
	done
	check_event "active_changed to none, reason port_removed" \
		'.event == "active_changed" and .active_port == null
		 and .reason == "port_removed"'
	check "show: no ports, no active port, no carrier" rshow_is "$host" r0 \
		'.num_ports == 0 and .ports == [] and .active_port == null
		 and .carrier == false'
	log_test "$name"
}

test_refuse_loopback()
{
	local name="ports: lo refused with extack, nothing changes"

	module_load || { fail "insmod"; log_test "$name"; return; }
	setup_r0_one_port || { fail "setup"; log_test "$name"; return; }
	check_refused "lo as a port" "$HOST" ip -n "$HOST" link set lo master r0
	log_test "$name"
}

test_refuse_self()
{
	local name="ports: r0 as its own port refused with extack, nothing changes"

	module_load || { fail "insmod"; log_test "$name"; return; }
	setup_r0_one_port || { fail "setup"; log_test "$name"; return; }
	check_refused "r0 as a port of itself" "$HOST" \
		ip -n "$HOST" link set r0 master r0
	log_test "$name"
}

test_refuse_redund_device()
{
	local name="ports: another redund device refused as a port, nothing changes"

	module_load || { fail "insmod"; log_test "$name"; return; }
	setup_r0_one_port || { fail "setup"; log_test "$name"; return; }
	ip -n "$HOST" link add r1 type redund
	check_refused "redund device r1 as a port of r0" "$HOST" \
		ip -n "$HOST" link set r1 master r0
	# r1 taking r0 would close a loop the other way round.
	check_refused "redund device r0 as a port of r1" "$HOST" \
		ip -n "$HOST" link set r0 master r1
	log_test "$name"
}

test_refuse_non_ether()
{
	local name="ports: non-Ethernet device (tun or ipip) refused, nothing changes"
	local dev=

	module_load || { fail "insmod"; log_test "$name"; return; }
	setup_r0_one_port || { fail "setup"; log_test "$name"; return; }
	if ip -n "$HOST" tuntap add dev tun0 mode tun 2>/dev/null; then
		dev=tun0
	elif ip -n "$HOST" link add ipip0 type ipip remote 192.0.2.1 2>/dev/null; then
		dev=ipip0
	else
		log_test_skip "$name" "cannot create a tun or ipip device"
		return
	fi
	check "$dev is not Ethernet" \
		test "$(link_get "$HOST" "$dev" .link_type)" != ether
	check_refused "$dev as a port" "$HOST" ip -n "$HOST" link set "$dev" master r0
	log_test "$name"
}

test_refuse_17th_port()
{
	local name="ports: 16 ports accepted, the 17th refused, nothing changes"
	local host i

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create host host
	# One ip process for all of it: each ip call costs ~0.1 s in the VM.
	{
		echo "link add r0 type redund"
		for i in $(seq 0 16); do
			echo "link add d$i type dummy"
		done
		for i in $(seq 0 15); do
			echo "link set d$i master r0"
		done
	} >"$TMPD/batch"
	check "r0 with 16 dummy ports" ip -n "$host" -batch "$TMPD/batch" ||
		{ log_test "$name"; return; }
	check "show: 16 ports" rshow_is "$host" r0 '.num_ports == 16'
	check_refused "a 17th port" "$host" ip -n "$host" link set d16 master r0
	check "d0 released" ip -n "$host" link set d0 nomaster
	check "then d16 fits" ip -n "$host" link set d16 master r0
	check "show: 16 ports" rshow_is "$host" r0 '.num_ports == 16'
	log_test "$name"
}

# `ip link set PORT master r0` on a port of r1 cannot be refused by the
# module: rtnetlink (do_set_master) first releases the port from its current
# master, then offers it to r0. So the port moves, as with bonding and team;
# the genl refusal for "port of another redund device" is in genl.sh.
test_port_of_other_device()
{
	local name="ports: a port of r1 set master r0 moves cleanly from r1 to r0"
	local host peer

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create host host
	ns_create peer peer
	veths "$host" "$peer" 0 2
	ip -n "$host" link add r0 address 02:00:00:00:0a:01 type redund
	ip -n "$host" link add r1 address 02:00:00:00:0a:02 type redund
	check "hv0 in r0" ip -n "$host" link set hv0 master r0
	check "hv2 in r1" ip -n "$host" link set hv2 master r1
	monitor_start "$host" || fail "monitor did not start"
	check "ip link set hv2 master r0" ip -n "$host" link set hv2 master r0
	check "hv2: master r0" link_master_is "$host" hv2 r0
	check "r1 has no port" rshow_is "$host" r1 '.num_ports == 0 and .ports == []'
	check "r0 has hv0, hv2" rshow_is "$host" r0 \
		'.num_ports == 2 and (.ports | map(.ifname)) == ["hv0", "hv2"]'
	check_event "port_del hv2 from r1" \
		'.event == "port_del" and .ifname == "r1" and .port.ifname == "hv2"'
	check_event "port_new hv2 on r0" \
		'.event == "port_new" and .ifname == "r0" and .port.ifname == "hv2"'
	check "hv2 has r0's MAC" test "$(link_get "$host" hv2 .address)" = \
		"$(link_get "$host" r0 .address)"
	log_test "$name"
}

test_port_vanishes()
{
	local name="ports: a port deleted or moved to another netns is released"
	local host peer other mac0 mac1

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create host host
	ns_create peer peer
	ns_create other other
	veths "$host" "$peer" 0 1
	mac0=$(link_get "$host" hv0 .address)
	mac1=$(link_get "$host" hv1 .address)
	ip -n "$host" link add r0 type redund
	ip -n "$host" link set hv0 master r0
	ip -n "$host" link set hv1 master r0
	ip -n "$host" link set r0 up
	check_wait "hv0 active" 10 active_port_is "$host" r0 hv0
	# r0 was created without a MAC, so it took its first port's.
	check "r0 took hv0's MAC" test "$(link_get "$host" r0 .address)" = "$mac0"
	check "hv1 carries it too" test "$(link_get "$host" hv1 .address)" = "$mac0"
	monitor_start "$host" || fail "monitor did not start"

	check "ip link del hv0 (the active port)" ip -n "$host" link del hv0
	check_wait "hv1 takes over" 10 active_port_is "$host" r0 hv1
	check "r0 has only hv1" rshow_is "$host" r0 \
		'.num_ports == 1 and (.ports | map(.ifname)) == ["hv1"]'
	check_event "port_del hv0" '.event == "port_del" and .port.ifname == "hv0"'
	check_event "active_changed to hv1" \
		'.event == "active_changed" and .active_port == "hv1"'

	check "ip link set hv1 netns other" ip -n "$host" link set hv1 netns "$other"
	check_wait "r0 has no port" 10 rshow_is "$host" r0 \
		'.num_ports == 0 and .active_port == null'
	check_event "port_del hv1" '.event == "port_del" and .port.ifname == "hv1"'
	check "hv1 in other: no master" link_master_is "$other" hv1 ""
	check "hv1 in other: MAC restored" \
		test "$(link_get "$other" hv1 .address)" = "$mac1"
	log_test "$name"
}

# addr_assign_type NS DEV: 0 permanent, 1 random, 2 stolen, 3 set.
addr_assign_type()
{
	ip netns exec "$1" cat "/sys/class/net/$2/addr_assign_type"
}

# kmsg_has MARK TEXT: the kernel logged TEXT (a fixed string) after MARK.
kmsg_has()
{
	kmsg_since "$1" | grep -qF -- "$2"
}

# As bonding: a device without a MAC of its own takes its first port's,
# and gives it up for a random one when the last port leaves, for the
# released port takes its own MAC back and the two would share it on the
# segment. A port released earlier, whose MAC the device keeps for the
# others, is warned about. A MAC the user set stays.
test_mac_last_port_leaves()
{
	local name="ports: a MAC taken from a port is given up when the last port leaves, with a warning before; one set by the user stays"
	local host peer mac0 mac1 r0mac mark usermac=02:00:00:00:0a:01

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create host host
	ns_create peer peer
	veths "$host" "$peer" 0 1
	mac0=$(link_get "$host" hv0 .address)
	mac1=$(link_get "$host" hv1 .address)
	ip -n "$host" link add r0 type redund
	check "r0 starts with a random MAC" test "$(addr_assign_type "$host" r0)" = 1
	check "hv0 master r0" ip -n "$host" link set hv0 master r0 &&
		check "hv1 master r0" ip -n "$host" link set hv1 master r0 ||
		{ log_test "$name"; return; }
	ip -n "$host" link set r0 up
	check "r0 took hv0's MAC" test "$(link_get "$host" r0 .address)" = "$mac0"
	check "... as stolen" test "$(addr_assign_type "$host" r0)" = 2

	mark="ports.sh: mac $$ $(now_us)"
	kmsg_mark "$mark"
	check "release hv0, whose MAC r0 carries, while hv1 stays" \
		ip -n "$host" link set hv0 nomaster
	check "hv0 has its own MAC back" test "$(link_get "$host" hv0 .address)" = "$mac0"
	check "r0 keeps it for hv1" test "$(link_get "$host" r0 .address)" = "$mac0"
	check "hv1 still carries it" test "$(link_get "$host" hv1 .address)" = "$mac0"
	check_wait "the kernel warns that hv0 takes back a MAC r0 still uses" 10 \
		kmsg_has "$mark" "released port hv0 takes back its MAC $mac0, which r0 still uses"
	diag "$(kmsg_since "$mark" | grep -F 'released port')"

	check "release hv1, the last port" ip -n "$host" link set hv1 nomaster
	r0mac=$(link_get "$host" r0 .address)
	diag "r0's MAC after the last port left: $r0mac"
	check "r0 no longer carries hv0's MAC" test "$r0mac" != "$mac0"
	check "nor hv1's" test "$r0mac" != "$mac1"
	check "it is random again" test "$(addr_assign_type "$host" r0)" = 1
	check "a locally administered unicast MAC" \
		grep -qiE '^[0-9a-f][26ae](:[0-9a-f]{2}){5}$' <<<"$r0mac"
	check "hv1 has its own MAC back" test "$(link_get "$host" hv1 .address)" = "$mac1"
	check "no warning for the last port" \
		eval "! kmsg_has '$mark' 'released port hv1'"

	check "hv1 master r0 again" ip -n "$host" link set hv1 master r0
	check "r0 took hv1's MAC" test "$(link_get "$host" r0 .address)" = "$mac1"
	check "ip link set r0 address $usermac" \
		ip -n "$host" link set r0 address "$usermac"
	check "hv1 took it" test "$(link_get "$host" hv1 .address)" = "$usermac"
	check "release hv1" ip -n "$host" link set hv1 nomaster
	check "r0 keeps the MAC the user set" \
		test "$(link_get "$host" r0 .address)" = "$usermac"
	check "... as set" test "$(addr_assign_type "$host" r0)" = 3
	check "hv1 has its own MAC back" test "$(link_get "$host" hv1 .address)" = "$mac1"
	log_test "$name"
}

selftest_main
