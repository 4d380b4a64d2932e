#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Traffic through an active-backup redund device: ping, frames arriving on
# the backup port, failover on carrier loss, admin switch, and slow-protocol
# (LACP) frames that must stay on their port.
#
#   "host"                                  "peer"
#   +------------------------+              +--------------------------+
#   |  r0 10.0.0.1/24        |              |       br0 10.0.0.2/24    |
#   |   |                    |              |        |                 |
#   |   +-- hv0 ================================ pv0 -+                 |
#   |   +-- hv1 ================================ pv1 -+                 |
#   +------------------------+              +--------------------------+
#
# (=== is a veth pair.) r0 starts with hv0 active, hv1 backup. Setting a
# peer end down (ip -n peer link set pv0 down) takes the carrier off its
# host end, as a pulled cable would. Each case builds its own copy.

ALL_TESTS="
	test_ping
	test_backup_drops
	test_failover
	test_all_ports_down
	test_admin_switch
	test_slow_protocols
"

source "$(dirname "$0")/lib.sh"

HOST=
PEER=

setup()
{
	module_load || { fail "insmod"; return 1; }
	ns_create HOST host || return 1
	ns_create PEER peer || return 1
	topo_ab "$HOST" "$PEER" || { fail "topology"; return 1; }
	check_wait "an active port" 10 rshow_is "$HOST" r0 '.active_port != null' ||
		return 1
	check_wait "first ping (ARP resolved)" 30 ping_ok "$HOST" 10.0.0.2
}

# The port that transmits, and the other one.
active_port()
{
	rshow_get "$HOST" r0 .active_port
}

other_port()
{
	[ "$1" = hv0 ] && echo hv1 || echo hv0
}

peer_of()
{
	echo "p${1#h}"
}

# ping_stats FILE: "TRANSMITTED RECEIVED DUPLICATES" from ping's summary.
ping_stats()
{
	sed -nE 's/^([0-9]+) packets transmitted, ([0-9]+) received(, \+([0-9]+) duplicates)?.*/\1 \2 \4/p' "$1" |
		awk '{ print $1, $2, ($3 == "" ? 0 : $3) }'
}

# ping_replies FILE: replies printed so far (ping flushes every line).
ping_replies()
{
	grep -c 'bytes from' "$1"
}

# peer_rx PORT: packets the peer end of PORT received, i.e. PORT sent.
peer_rx()
{
	ip -n "$PEER" -s -j link show "$(peer_of "$1")" | jq '.[0].stats64.rx.packets'
}

ping_replies_ge()
{
	[ "$(ping_replies "$1")" -ge "$2" ]
}

test_ping()
{
	local name="traffic: ping through r0 to the peer namespace"
	local out stats tx rx dup

	setup || { log_test "$name"; return; }
	out=$TMPD/ping.out
	check "ping -c 20 -i 0.1" ip netns exec "$HOST" \
		ping -c 20 -i 0.1 -W 2 -w 60 10.0.0.2
	echo "$LAST_OUT" >"$out"
	stats=$(ping_stats "$out")
	diag "ping: transmitted received duplicates = $stats"
	read -r tx rx dup <<<"$stats"
	check "no loss" test "${tx:-0}" -eq "${rx:--1}"
	check "no duplicates" test "${dup:-1}" -eq 0
	log_test "$name"
}

# The bridge floods a broadcast to both pv0 and pv1, so r0's host receives
# each broadcast echo request on both ports. Only the active port's copy may
# be delivered: a second copy would be answered twice, and ping would count
# the second reply as a duplicate.
test_backup_drops()
{
	local name="traffic: frames received on the backup port are dropped"
	local out stats tx rx dup

	setup || { log_test "$name"; return; }
	ip netns exec "$HOST" sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
	out=$TMPD/bcast.out
	ip netns exec "$PEER" ping -b -c 10 -i 0.2 -W 2 -w 60 10.0.0.255 >"$out" 2>&1
	stats=$(ping_stats "$out")
	diag "broadcast ping from peer: transmitted received duplicates = $stats"
	read -r tx rx dup <<<"$stats"
	check "broadcast echo answered" test "${rx:-0}" -gt 0
	check "answered once per request (no duplicates)" test "${dup:-1}" -eq 0 ||
		diag "$(tail -n 5 "$out")"
	log_test "$name"
}

test_failover()
{
	local name="traffic: failover on carrier loss of the active port, ping goes on"
	local act bak out pid before stats tx rx lost pct_x100

	setup || { log_test "$name"; return; }
	act=$(active_port)
	bak=$(other_port "$act")
	monitor_start "$HOST" || fail "monitor did not start"

	# A steady ping: -c 600 replies at 20 ms, ending by itself once all are
	# in, so nothing is in flight when it stops and every missing reply is
	# a lost packet.
	out=$TMPD/failover.out
	bg_start pid "$out" ip netns exec "$HOST" \
		ping -i 0.02 -c 600 -W 1 -w 120 10.0.0.2
	check_wait "ping under way (100 replies)" 60 ping_replies_ge "$out" 100

	before=$(ping_replies "$out")
	diag "active $act, setting its peer $(peer_of "$act") down after $before replies"
	check "peer end down" ip -n "$PEER" link set "$(peer_of "$act")" down
	check_wait "active port moves to $bak" 10 active_port_is "$HOST" r0 "$bak"
	check_event "active_changed $bak, reason carrier_loss" \
		".event == \"active_changed\" and .ifname == \"r0\"
		 and .active_port == \"$bak\" and .reason == \"carrier_loss\""
	check_event "port_carrier $act off" \
		".event == \"port_carrier\" and .port.ifname == \"$act\"
		 and .port.carrier == false"
	check "show: $act no carrier, 1 link failure" rshow_is "$HOST" r0 \
		".ports[] | select(.ifname == \"$act\") |
		 .carrier == false and .active == false and .link_failures == 1"
	check "show: r0 keeps carrier" rshow_is "$HOST" r0 '.carrier == true'
	check_wait "ping goes on (100 more replies)" 60 \
		ping_replies_ge "$out" $((before + 100))

	check_wait "ping done" 120 pid_gone "$pid"
	stats=$(ping_stats "$out")
	read -r tx rx _ <<<"$stats"
	if [ -z "${tx:-}" ]; then
		fail "no ping summary"
		diag "$(tail -n 5 "$out")"
	else
		lost=$((tx - rx))
		pct_x100=$((lost * 10000 / tx))
		diag "failover: $tx sent, $rx received, $lost lost" \
			"($((pct_x100 / 100)).$(printf %02d $((pct_x100 % 100))) %," \
			"~$((lost * 20)) ms of traffic at 20 ms intervals)"
		# Switching is immediate in the kernel; the bridge on the peer
		# side floods until it learns r0 behind the other port. Allow
		# 5 % for emulation jitter.
		check "loss <= 5 % ($lost of $tx)" test "$pct_x100" -le 500
	fi

	# Back: carrier returns, but the device does not flap back to it.
	check "peer end up" ip -n "$PEER" link set "$(peer_of "$act")" up
	check_wait "$act has carrier again" 10 port_carrier_is "$HOST" r0 "$act" true
	check_event "port_carrier $act on" \
		".event == \"port_carrier\" and .port.ifname == \"$act\"
		 and .port.carrier == true"
	check "active stays $bak" active_port_is "$HOST" r0 "$bak"
	check "ping after recovery" ip netns exec "$HOST" ping -c 3 -i 0.2 -W 2 10.0.0.2
	log_test "$name"
}

test_all_ports_down()
{
	local name="traffic: all ports lose carrier, then one comes back (carrier_up)"

	setup || { log_test "$name"; return; }
	monitor_start "$HOST" || fail "monitor did not start"
	check "pv0 down" ip -n "$PEER" link set pv0 down
	check "pv1 down" ip -n "$PEER" link set pv1 down
	check_wait "no active port" 10 active_port_is "$HOST" r0 null
	check_wait "r0 loses carrier" 10 rshow_is "$HOST" r0 '.carrier == false'
	check_wait "ip: r0 NO-CARRIER" 10 link_has_flag "$HOST" r0 NO-CARRIER
	check_event "active_changed to none, carrier_loss" \
		'.event == "active_changed" and .active_port == null
		 and .reason == "carrier_loss"'
	check_fail "ping fails without carrier" ping_ok "$HOST" 10.0.0.2

	check "pv1 up" ip -n "$PEER" link set pv1 up
	check_wait "hv1 active" 10 active_port_is "$HOST" r0 hv1
	check_event "active_changed hv1, reason carrier_up" \
		'.event == "active_changed" and .active_port == "hv1"
		 and .reason == "carrier_up"'
	check_wait "r0 carrier back" 10 rshow_is "$HOST" r0 '.carrier == true'
	check_wait "ping again" 30 ping_ok "$HOST" 10.0.0.2
	log_test "$name"
}

test_admin_switch()
{
	local name="traffic: redundctl port set r0 PORT active switches, traffic flows"
	local act bak rx_before_act rx_before_bak

	setup || { log_test "$name"; return; }
	act=$(active_port)
	bak=$(other_port "$act")
	monitor_start "$HOST" || fail "monitor did not start"

	check "redundctl port set r0 $bak active" rctl "$HOST" port set r0 "$bak" active
	check "active is $bak at once" active_port_is "$HOST" r0 "$bak"
	check "show: only $bak active" rshow_is "$HOST" r0 \
		"(.ports | map(select(.active) | .ifname)) == [\"$bak\"]"
	check_event "active_changed $bak, reason admin" \
		".event == \"active_changed\" and .active_port == \"$bak\"
		 and .reason == \"admin\""
	rx_before_act=$(peer_rx "$act")
	rx_before_bak=$(peer_rx "$bak")
	check "ping via $bak" ip netns exec "$HOST" ping -c 5 -i 0.2 -W 2 -w 30 10.0.0.2
	# One port transmits: the echo requests left through $bak only.
	check "requests left through $bak" \
		test $(($(peer_rx "$bak") - rx_before_bak)) -ge 5
	check "nothing left through $act" \
		test $(($(peer_rx "$act") - rx_before_act)) -eq 0

	# And back, which must work just the same.
	check "redundctl port set r0 $act active" rctl "$HOST" port set r0 "$act" active
	check "active is $act" active_port_is "$HOST" r0 "$act"
	check_event "active_changed $act, reason admin" \
		".event == \"active_changed\" and .active_port == \"$act\"
		 and .reason == \"admin\""
	check "ping via $act" ip netns exec "$HOST" ping -c 5 -i 0.2 -W 2 -w 30 10.0.0.2
	# Asking for the port that is already active is no error.
	check "set the active port active again" rctl "$HOST" port set r0 "$act" active
	log_test "$name"
}

# A slow-protocol frame is for whoever runs LACP on the port (the
# controller, with a packet socket on it), never for the stack above r0.
# A socket bound to ethertype 0x8809 on the port is served after the port's
# rx_handler, so it sees the frame only if the module left it there; an
# ETH_P_ALL socket on r0 sees every frame the module hands up to r0.
test_slow_protocols()
{
	local name="traffic: slow-protocol (0x8809) frames stay on the port, never reach r0"
	local tag n=5 p pid r0pid rx_before rx_after
	local -A rpid

	setup || { log_test "$name"; return; }
	tag=$(printf '%08x' $((RANDOM * 32768 + RANDOM)))
	rx_before=$(ip netns exec "$HOST" cat /sys/class/net/r0/statistics/rx_packets)

	for p in hv0 hv1; do
		bg_start pid "$TMPD/slow.$p" ip netns exec "$HOST" \
			"$PYTHON" "$SLOWPROTO" recv "$p" "$tag" --proto slow \
			--count "$n" --timeout $((60 * TIMEOUT_SCALE)) \
			--ready "$TMPD/slow.$p.ready"
		rpid[$p]=$pid
	done
	bg_start r0pid "$TMPD/slow.r0" ip netns exec "$HOST" \
		"$PYTHON" "$SLOWPROTO" recv r0 "$tag" --proto all \
		--timeout $((90 * TIMEOUT_SCALE)) --ready "$TMPD/slow.r0.ready"
	for p in hv0 hv1 r0; do
		check_wait "receiver on $p ready" 30 test -e "$TMPD/slow.$p.ready"
	done

	# Straight out of the peer ends, one stream to the active port and
	# one to the backup port.
	check "send $n LACPDUs from pv0" ip netns exec "$PEER" \
		"$PYTHON" "$SLOWPROTO" send pv0 "$tag" "$n"
	check "send $n LACPDUs from pv1" ip netns exec "$PEER" \
		"$PYTHON" "$SLOWPROTO" send pv1 "$tag" "$n"

	for p in hv0 hv1; do
		check_wait "receiver on $p done" 60 pid_gone "${rpid[$p]}"
	done
	# Whatever the module handed to r0 went up in the same softirq as
	# the frames the port sockets got; the r0 receiver counts what it
	# has queued when told to stop.
	kill -TERM "$r0pid"
	check_wait "receiver on r0 done" 30 pid_gone "$r0pid"
	rx_after=$(ip netns exec "$HOST" cat /sys/class/net/r0/statistics/rx_packets)
	diag "0x8809 frames seen: hv0 $(cat "$TMPD/slow.hv0"), hv1 $(cat "$TMPD/slow.hv1")," \
		"r0 $(cat "$TMPD/slow.r0"); r0 rx_packets +$((rx_after - rx_before))"
	check "hv0 (active) socket got all $n" test "$(cat "$TMPD/slow.hv0")" = "$n"
	check "hv1 (backup) socket got all $n" test "$(cat "$TMPD/slow.hv1")" = "$n"
	check "r0 socket got none" test "$(cat "$TMPD/slow.r0")" = 0
	# The counter is coarser (an ARP refresh may count): it just must not
	# have grown by the frames sent to the active port.
	check "r0 rx_packets grew by less than $n" test $((rx_after - rx_before)) -lt "$n"
	log_test "$name"
}

selftest_main
