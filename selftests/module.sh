#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Module life cycle: load and unload, devices created and deleted, rmmod
# and namespace deletion while devices and ports exist.
#
#   "host"                               "peer"
#   +-------------------------+          +--------------------+
#   | r0 (redund) 10.0.1.1    |          |                    |
#   |  +-- hv0 =============================== pv0 10.0.1.2    |
#   |  +-- hv1 =============================== pv1            |
#   | r2 (redund, no ports)   |          |                    |
#   +-------------------------+          +--------------------+
#   "other": r1 (redund, no ports)
#
# (=== is a veth pair.) Cases build only the part they need.

ALL_TESTS="
	test_load_unload
	test_create_delete
	test_rmmod_with_ports
	test_netns_delete
"

source "$(dirname "$0")/lib.sh"

# host/peer with hv0,hv1 <-> pv0,pv1, peers up, r0 holding both ports.
topo_ports()
{
	local host=$1 peer=$2 p

	for p in 0 1; do
		veth_pair "$host" "hv$p" "$peer" "pv$p" || return 1
		ip -n "$peer" link set "pv$p" up || return 1
	done
	ip -n "$host" link add r0 type redund || return 1
	ip -n "$host" link set hv0 master r0 || return 1
	ip -n "$host" link set hv1 master r0 || return 1
	ip -n "$host" link set r0 up
}

# rmmod in the background, so a hang (a leaked reference) is reported
# instead of blocking the run. Sets RMMOD_RC.
rmmod_deadline()
{
	local pid

	rmmod redund >"$TMPD/rmmod.out" 2>&1 &
	pid=$!
	if ! wait_until 60 pid_gone "$pid"; then
		fail "rmmod redund still running after 60s"
		diag "$(dmesg | tail -n 20)"
		RMMOD_RC=124
		return 1
	fi
	wait "$pid"
	RMMOD_RC=$?
	[ "$RMMOD_RC" -eq 0 ] && MODULE_LOADED_BY_US=0
	[ "$RMMOD_RC" -eq 0 ] || diag "$(cat "$TMPD/rmmod.out")"
	return "$RMMOD_RC"
}

test_load_unload()
{
	local name="module: insmod, genl family visible, rmmod, family gone"
	local host fam

	if module_is_loaded && ! rmmod redund 2>/dev/null; then
		log_test_skip "$name" "redund was loaded before and is in use"
		return
	fi
	check "insmod $REDUND_KO" insmod "$REDUND_KO" || { log_test "$name"; return; }
	MODULE_LOADED_BY_US=1

	check "genl family redund resolves" "$PYTHON" "$GENL_RAW" family redund
	fam=$LAST_OUT
	check "family version 1" json_is "$fam" '.version == 1'
	check "multicast group events" json_is "$fam" '.mcast_groups.events > 0'

	ns_create host host
	check "redundctl -j show works" rctl "$host" -j show &&
		check "no redund device in a new namespace: []" \
			json_is "$LAST_OUT" '. == []'

	check "rmmod redund" rmmod redund && MODULE_LOADED_BY_US=0
	check_fail "module gone from /sys/module" module_is_loaded
	check_fail "genl family gone" "$PYTHON" "$GENL_RAW" family redund
	check "family lookup says ENOENT" json_is "$LAST_OUT" '.errname == "ENOENT"'
	check_fail "redundctl show fails without the module" rctl "$host" -j show
	diag "redundctl without module: $LAST_OUT"
	log_test "$name"
}

test_create_delete()
{
	local name="device: ip link add/del type redund, ip -d link, redundctl show"
	local host ifindex show

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create host host
	monitor_start "$host" || fail "monitor did not start"

	check "ip link add r0 type redund" ip -n "$host" link add r0 type redund ||
		{ log_test "$name"; return; }
	check "ip -d link: kind redund" \
		test "$(link_get "$host" r0 .linkinfo.info_kind)" = redund
	check "ip -d link text mentions redund" \
		bash -c "ip -n $host -d link show r0 | grep -qw redund"
	ifindex=$(ifindex_of "$host" r0)

	check "redundctl -j show r0" rctl "$host" -j show r0
	show=$LAST_OUT
	check "show: one device" json_is "$show" 'length == 1'
	check "show: ifname, ifindex" json_is "$show" \
		".[0].ifname == \"r0\" and .[0].ifindex == $ifindex"
	check "show: mode active-backup" json_is "$show" '.[0].mode == "active-backup"'
	check "show: no ports, no active port" json_is "$show" \
		'.[0].num_ports == 0 and .[0].active_port == null and .[0].ports == []'
	check "show: no carrier" json_is "$show" '.[0].carrier == false'
	check_event "dev_new r0" \
		".event == \"dev_new\" and .ifname == \"r0\" and .ifindex == $ifindex"

	# Up without ports: administratively up, but no carrier.
	check "ip link set r0 up" ip -n "$host" link set r0 up
	check "r0 up has NO-CARRIER" json_is "$(ip -n "$host" -j link show r0)" \
		'any(.[0].flags[]; . == "NO-CARRIER")'

	check "second device r1" ip -n "$host" link add r1 type redund
	check "show lists r0 and r1" json_is "$(rctl "$host" -j show)" \
		'map(.ifname) | sort == ["r0", "r1"]'

	check "ip link del r0" ip -n "$host" link del r0
	check "ip link del r1" ip -n "$host" link del r1
	check_fail "r0 gone" link_exists "$host" r0
	check_fail "r1 gone" link_exists "$host" r1
	check "redundctl show: []" json_is "$(rctl "$host" -j show)" '. == []'
	check_event "dev_del r0" ".event == \"dev_del\" and .ifname == \"r0\""
	check_event "dev_del r1" ".event == \"dev_del\" and .ifname == \"r1\""
	bg_stop "$MON_PID"
	check "nothing holds the module" wait_until 10 module_refcnt_is 0
	log_test "$name"
}

test_rmmod_with_ports()
{
	local name="module: rmmod with devices and ports present"
	local host peer other p
	local -A mac mtu

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create host host
	ns_create peer peer
	ns_create other other
	# Remember the ports as they were: rmmod must give them back like that.
	veth_pair "$host" hv0 "$peer" pv0
	veth_pair "$host" hv1 "$peer" pv1
	ip -n "$host" link set hv1 mtu 1400
	ip -n "$peer" link set pv1 mtu 1400
	for p in hv0 hv1; do
		mac[$p]=$(link_get "$host" "$p" .address)
		mtu[$p]=$(link_get "$host" "$p" .mtu)
	done
	for p in 0 1; do
		ip -n "$peer" link set "pv$p" up
	done
	check "r0 with two ports" topo_ports_existing "$host" ||
		{ log_test "$name"; return; }
	ip -n "$host" addr add 10.0.1.1/24 dev r0
	check "r1 in another namespace" ip -n "$other" link add r1 type redund
	check "r2 without ports" ip -n "$host" link add r2 type redund
	check "hv0 enslaved" link_master_is "$host" hv0 r0

	# Not through check: rmmod_deadline must run in this shell.
	rmmod_deadline || { fail "rmmod redund with 3 devices, 2 ports"; log_test "$name"; return; }
	check_fail "module gone" module_is_loaded
	for p in r0 r2; do
		check_fail "$p gone" link_exists "$host" "$p"
	done
	check_fail "r1 gone" link_exists "$other" r1
	for p in hv0 hv1; do
		check "$p still exists" link_exists "$host" "$p" || continue
		check "$p has no master" link_master_is "$host" "$p" ""
		check "$p MAC restored" \
			test "$(link_get "$host" "$p" .address)" = "${mac[$p]}"
		check "$p MTU restored" \
			test "$(link_get "$host" "$p" .mtu)" = "${mtu[$p]}"
		# The kernel's bond and team drivers close a released port;
		# ours were down before they were enslaved.
		check_fail "$p down again, as before enslaving" \
			link_is_up "$host" "$p"
	done
	# Back to normal: the former port carries traffic on its own.
	ip -n "$host" addr add 10.0.1.1/24 dev hv0
	ip -n "$peer" addr add 10.0.1.2/24 dev pv0
	ip -n "$host" link set hv0 up
	check_wait "ping over the released hv0" 20 ping_ok "$host" 10.0.1.2
	log_test "$name"
}

# r0 in HOST taking hv0 and hv1, which exist already.
topo_ports_existing()
{
	local host=$1

	ip -n "$host" link add r0 type redund || return 1
	ip -n "$host" link set hv0 master r0 || return 1
	ip -n "$host" link set hv1 master r0 || return 1
	ip -n "$host" link set r0 up
}

test_netns_delete()
{
	local name="netns: ip netns del with redund devices and ports inside"
	local lone host peer host2 peer2 mark

	module_load || { fail "insmod"; log_test "$name"; return; }
	mark="netns-delete-$$-$RANDOM"
	kmsg_mark "$mark"

	# A namespace holding only a redund device.
	ns_create lone lone
	check "r0 in lone" ip -n "$lone" link add r0 type redund
	ns_del "$lone"

	# The ports' peers vanish first: the ports are unregistered under r0,
	# which must drop them and live on.
	ns_create host host
	ns_create peer peer
	check "r0 with ports" topo_ports "$host" "$peer" || { log_test "$name"; return; }
	monitor_start "$host" || fail "monitor did not start"
	ns_del "$peer"
	check_wait "r0 lost both ports" 20 rshow_is "$host" r0 \
		'.num_ports == 0 and .active_port == null and .ports == []'
	check "r0 has no carrier" json_is "$(rctl "$host" -j show r0)" \
		'.[0].carrier == false'
	check_event "port_del hv0" '.event == "port_del" and .port.ifname == "hv0"'
	check_event "port_del hv1" '.event == "port_del" and .port.ifname == "hv1"'
	# r0 still takes a new port.
	ns_create peer peer
	veth_pair "$host" hv2 "$peer" pv2
	ip -n "$peer" link set pv2 up
	check "new port after the others vanished" \
		ip -n "$host" link set hv2 master r0
	check_wait "hv2 active" 20 active_port_is "$host" r0 hv2
	bg_stop "$MON_PID"
	ns_del "$host"
	check_wait "hv2's peer pv2 goes with the host namespace" 30 \
		bash -c "! ip -n $peer link show pv2"

	# The device namespace goes first, ports and device together.
	ns_create host2 host
	ns_create peer2 peer
	check "r0 with ports" topo_ports "$host2" "$peer2" || { log_test "$name"; return; }
	ns_del "$host2"
	check_wait "peers pv0, pv1 go with the host namespace" 30 \
		bash -c "! ip -n $peer2 link show pv0 && ! ip -n $peer2 link show pv1"
	ns_del "$peer2"

	# Nothing left behind: no device keeps a reference, the module unloads.
	rmmod_deadline || fail "rmmod after namespace deletion"
	check_kmsg_clean "netns deletion" "$mark"
	log_test "$name"
}

selftest_main
