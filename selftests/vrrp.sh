#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VRRP: `redundctl vrrp`, one daemon per router, each driving the kernel
# virtual gateway of its redund device. Two routers on one switched link
# elect a master by priority, preempt (or not, or after a delay), hand over
# with a priority-0 advert on SIGTERM and by timeout when the master is
# killed; a client on the link keeps reaching the virtual IP through the
# virtual MAC. Forged adverts are dropped and counted under their reason,
# tshark decodes what the daemon sends, bad command lines are refused.
#
#   "r1"                      "sw"                          "r2"
#   +-------------------+     +------------------------+    +-------------------+
#   | r0 (redund)       |     |          br0           |    | r0 (redund)       |
#   |  10.0.0.1/24      |     |  (no multicast         |    |  10.0.0.2/24      |
#   |  2001:db8::1/64   |     |   snooping)            |    |  2001:db8::2/64   |
#   |  +-- h0 ================== s1               s2 ================== h0 --+  |
#   | redundctl vrrp r0 |     |  ARP sampler on s1, s2 |    | redundctl vrrp r0 |
#   | priority 200      |     |           sc           |    | priority 100      |
#   +-------------------+     +-----------||-----------+    +-------------------+
#                                         ||
#                             "client"    c0 10.0.0.10/24 2001:db8::10/64
#                                         (pings the VIP, forges adverts)
#
# (=== and || are veth pairs.) Virtual router: VRID 5, VIP 10.0.0.100
# (virtual MAC 00:00:5e:00:01:05) or 2001:db8::100 (00:00:5e:00:02:05),
# adverts every second (VRRPv3; REDUND_VRRP_INTERVAL_MS sets another), so
# Master_Down_Interval is about 3.5 s; deadlines are many times that, since
# under QEMU software emulation the daemons are scheduled late. Times are
# asserted only as bounds that lateness cannot break or has seconds of
# room for: a preempt delay is never cut short; a priority-0 handover must
# beat Master_Down_Interval, at a 1 s interval, where the two are 3 s
# apart. The rest (takeover times, the client's outage) is logged, or
# bounded very loosely.
#
# Split brain is looked for where it would hurt: when the master is
# killed, a sampler on the switch sends an ARP request for the VIP every
# 50 ms, each from a sender MAC that numbers it, and notes on which port
# (s1, s2) each answer came in; no request may be answered from both, and
# r1's answers must all come before r2's. The client's ping, neighbour
# entry and the switch's FDB show what a host on the link lives through.
# Forged adverts come from the client through a raw socket (vrrp_pkt.py),
# with a well-formed one last as a control that the path works.
#
# Each router's state file is in its namespace's own directory,
# /run/redund/net-INODE (state_dir in lib.sh): both are r0.vrrp.5.inet.json.

ALL_TESTS="
	test_election
	test_preempt
	test_preempt_delay
	test_priority_zero
	test_master_killed
	test_ipv6
	test_bad_adverts
	test_tshark
	test_bad_options
"

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/vrrp_lib.sh"

# ------------------------------------------------------------------- cases

test_election()
{
	local name="vrrp: election by priority, kernel gateways follow, client reaches the VIP"

	setup || { log_test "$name"; return; }
	vrrp4 1 200
	vrrp4 2 100
	check_wait "r1 master, r2 backup (daemons and kernel gateways)" 30 \
		roles_are master backup || { log_case "$name"; return; }
	check "r1's state file" vs_is 1 ".pid == ${PID[1]} and .device == \"r0\" and
		.name == \"r0 vrid 5 inet\" and .vrid == 5 and .family == \"inet\" and
		.version == 3 and .priority == 200 and .effective_priority == 200 and
		.preempt == true and .accept == true and .interface_up == true and
		.primary_address == \"10.0.0.1\" and .virtual_mac == \"$VMAC4\" and
		.addresses == [\"$VIP4\"] and .master_address == \"10.0.0.1\" and
		.advert_interval_ms == $INTERVAL_MS and .counters.became_master == 1 and
		.counters.adverts_out > 0 and .timers.advert_ms != null"
	# r2 may have been master for a moment, if it started well before r1
	# was heard.
	check "r2's state file: backup of r1 at 200, master-down timer running" \
		vs_is 2 ".priority == 100 and .master_address == \"10.0.0.1\" and
		.master_priority == 200 and .master_advert_interval_ms == $INTERVAL_MS and
		.counters.adverts_in > 0 and .timers.master_down_ms != null and
		.timers.advert_ms == null"
	diag "r2 became master $(vs_get 2 .counters.became_master) times"
	diag "r2: master_down_interval_ms $(vs_get 2 .master_down_interval_ms)," \
		"skew_time_ms $(vs_get 2 .skew_time_ms)"
	check "r1's gateway: master, owned by the daemon, not persistent" gw_is 1 \
		"length == 1 and (.[0] | .state == \"master\" and .owner != 0 and
		 .persist == false and .mac == \"$VMAC4\" and .addresses == [\"$VIP4\"])"
	check "r2's gateway: backup, owned, not persistent" gw_is 2 \
		"length == 1 and (.[0] | .state == \"backup\" and .owner != 0 and
		 .persist == false)"
	check "redundctl -j show lists r1's router" show_vrrp_is 1 \
		"length == 1 and (.[0] | .vrid == 5 and .family == \"inet\" and
		 .state == \"master\" and (has(\"pid\") or has(\"device\") | not))"
	check "redundctl -j show lists r2's router" show_vrrp_is 2 \
		'length == 1 and .[0].state == "backup"'
	[ "$RET" -ne 0 ] &&
		diag "r1: redundctl -j show r0: $(rx 1 "$REDUNDCTL" -j show r0 2>&1 |
			jq -c '.[0] | del(.ports)' 2>&1); $(ls -l "${RUN[1]}")"
	check "redundctl show prints a line for the router" eval \
		"rx 1 '$REDUNDCTL' show r0 | grep -E '^ +vrrp 5 inet .*master'" &&
		diag "r1: $LAST_OUT"
	check "accept on: both daemons put the VIP on r0" \
		eval "has_addr 1 $VIP4 && has_addr 2 $VIP4"
	check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"
	check "client resolved the VIP to the virtual MAC" \
		client_neigh_is "$VIP4" "$VMAC4"
	check_wait "switch learnt the virtual MAC on r1's port" 10 \
		fdb_port_is "$VMAC4" s1
	log_case "$name"
}

test_preempt()
{
	local name="vrrp: higher priority started later"
	local window=$(((5 * INTERVAL_MS + 999) / 1000))

	setup || { log_test "$name: preempt on, it takes over"; return; }
	vrrp4 2 100
	check_wait "r2 alone becomes master" 30 eval \
		'state_is 2 master && gw_is 2 ".[0].state == \"master\""'
	vrrp4 1 200
	check_wait "r1 (200) preempts r2 (100)" 30 roles_are master backup
	check "r2 was master once, r1 became master once" eval \
		'vs_is 2 ".counters.became_master == 1" && vs_is 1 ".counters.became_master == 1"'
	check_wait "switch learnt the virtual MAC on r1's port" 10 \
		fdb_port_is "$VMAC4" s1
	log_case "$name: preempt on, it takes over"

	RET=0
	vrrp_stop 1
	check_wait "r1 stopped: r2 master again" 30 eval \
		'state_is 2 master && gw_is 2 ".[0].state == \"master\""'
	vrrp4 1 200 --preempt off
	check_wait "r1 with preempt off runs as backup" 30 eval \
		'state_is 1 backup && vs_is 1 ".preempt == false"'
	# 5 advert intervals: a preempting router would be master by then.
	check_fail "r1 does not take over within $window s" \
		wait_until "$window" state_is 1 master
	check "r2 still master, r1 never was" eval 'roles_are backup master &&
		vs_is 1 ".counters.became_master == 0 and .master_priority == 100"'
	log_case "$name: preempt off, it stays backup"
}

test_preempt_delay()
{
	local name="vrrp: preempt delay: the higher priority waits, then takes over"
	local t0 delay=3

	setup || { log_test "$name"; return; }
	vrrp4 2 100
	check_wait "r2 alone becomes master" 30 state_is 2 master ||
		{ log_case "$name"; return; }
	t0=$(now_us)
	vrrp4 1 200 --preempt-delay "${delay}s"
	check_wait "r1 backup, preempt delay pending" 10 vs_is 1 \
		".state == \"backup\" and .preempt_delay_ms == $((delay * 1000)) and
		 .timers.preempt_delay_ms != null"
	diag "r1 timers while waiting: $(vs_get 1 '.timers | tojson')"
	if time_until "$t0" $((delay + 15)) state_is 1 master; then
		diag "r1 master ${TOOK}s after it was started (preempt delay ${delay}s)"
		check "not before the preempt delay" ge "$TOOK" "$delay"
	else
		fail "r1 not master $((delay + 15))s after it was started"
	fi
	check_wait "r1 master, r2 backup" 30 roles_are master backup
	log_case "$name"
}

test_priority_zero()
{
	local name="vrrp: SIGTERM: priority-0 advert, the backup takes over at once, the daemon cleans up"
	local t0 pz mdi

	setup || { log_test "$name"; return; }
	# A 1 s interval: Master_Down_Interval (3.6 s) and Skew_Time (0.6 s)
	# are seconds apart.
	INTERVAL_MS=1000 vrrp4 1 200
	INTERVAL_MS=1000 vrrp4 2 100
	check_wait "r1 master, r2 backup" 30 roles_are master backup ||
		{ log_case "$name"; return; }
	pz=$(vs_get 2 .counters.priority_zero_in)
	mdi=$(vs_get 2 .master_down_interval_ms)
	t0=$(now_us)
	kill "${PID[1]}"
	if time_until "$t0" 20 state_is 2 master; then
		diag "r2 seen master ${TOOK}s after SIGTERM to r1 (Master_Down_Interval ${mdi}ms)"
		check "faster than Master_Down_Interval" ge "$((mdi / 1000)).$((mdi % 1000 / 100))" "$TOOK"
	else
		fail "r2 not master 20s after SIGTERM to r1"
	fi
	vrrp_stop 1
	check "r1's daemon exited 0" test "$VRRP_RC" -eq 0 ||
		diag "$(tail -n 20 "${LOG[1]}")"
	check_wait "r2 counted the priority-0 advert" 5 vs_is 2 \
		".counters.priority_zero_in == $((pz + 1))"
	check "r2's gateway master" gw_is 2 '.[0].state == "master"'
	check "r1's daemon deleted its gateway" gw_is 1 'length == 0'
	check "r1's daemon removed the VIP it added" eval "! has_addr 1 $VIP4"
	check "r2 still has it" has_addr 2 "$VIP4"
	check "r1's log says it left master" \
		grep -q 'r0 vrid 5 inet: master -> ' "${LOG[1]}"
	diag "r1's state file after exit:" \
		"$(jq -c '{state, counters: {priority_zero_out: .counters.priority_zero_out}}' \
			"$(sf 1)" 2>&1)"
	check_wait "client pings the VIP through r2" 30 ping_ok "$CLIENT" "$VIP4"
	check_wait "switch learnt the virtual MAC on r2's port" 10 \
		fdb_port_is "$VMAC4" s2
	log_case "$name"
}

# ping_report FILE KILL_US: from `ping -D` output, the replies, those after
# KILL_US (epoch us) and the longest silence between two replies (ms).
ping_report()
{
	awk -v k="$2" '
		/bytes from/ {
			t = substr($1, 2, length($1) - 2) * 1000
			n++
			if (t * 1000 > k) after++
			if (last && t - last > gap) gap = t - last
			last = t
		}
		END { printf "%d %d %d\n", n, after, gap }' "$1"
}

test_master_killed()
{
	local name="vrrp: master killed (-9): orphaned gateway drops to backup, sends the release, backup takes over"
	local name2="vrrp: client view across the failover"
	local name3="vrrp: restarted after kill -9: adopts its orphaned gateway, preempts"
	local t0 t_kill s ping_pid mon_pid sampler n1 n2 summary bad rep
	local replies after gap pz mdi cap_pid

	setup || { log_test "$name"; log_test "$name2"; log_test "$name3"; return; }
	vrrp4 1 200
	vrrp4 2 100
	if ! check_wait "r1 master, r2 backup" 30 roles_are master backup ||
	   ! check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"; then
		log_case "$name"
		log_test "$name2"
		log_test "$name3"
		return
	fi
	check "client: VIP at the virtual MAC" client_neigh_is "$VIP4" "$VMAC4"
	check_wait "switch: virtual MAC on s1" 10 fdb_port_is "$VMAC4" s1
	check "r1's gateway holds the release: v3, 1000 ms, from r1's address" gw_is 1 \
		".[0].release == {\"source\": \"10.0.0.1\", \"version\": 3, \"interval_ms\": 1000} and
		 .[0].stats.releases == 0"
	pz=$(vs_get 2 .counters.priority_zero_in)
	mdi=$(vs_get 2 .master_down_interval_ms)
	# The release on the wire, as the switch sees it come from r1.
	bg_start cap_pid "$TMPD/release.pcap.log" ip netns exec "$SW" \
		tcpdump -i s1 -U -w "$TMPD/release.pcap" 'ip proto 112'
	wait_until 10 test -s "$TMPD/release.pcap"

	# Who answers ARP for the VIP, every 50 ms, seen on both switch ports.
	s=$TMPD/arp-sampler
	rm -f "$s.json" "$s.stop"
	bg_start sampler "$s.log" ip netns exec "$SW" "$PYTHON" "$VRRP_PKT" \
		arp-sampler br0 s1,s2 "$VIP4" 10.0.0.20 "$s.json" "$s.stop"
	check_wait "ARP sampler running, r1 answering" 30 \
		eval "[ \$(grep -c '^s1 ' '$s.log') -ge 5 ]" ||
		diag "$(cat "$s.log")"
	bg_start mon_pid "$TMPD/neigh-mon" ip -n "$CLIENT" monitor neigh
	bg_start ping_pid "$TMPD/ping" ip netns exec "$CLIENT" \
		ping -D -i 0.05 -W 1 "$VIP4"
	wait_until 10 eval "[ \$(grep -c 'bytes from' '$TMPD/ping') -ge 5 ]" ||
		diag "client ping slow to start: $(tail -n 3 "$TMPD/ping")"

	t_kill=${EPOCHREALTIME//[.,]/}
	t0=$(now_us)
	kill -9 "${PID[1]}"
	bg_stop "${PID[1]}"
	if time_until "$t0" 10 gw_is 1 '.[0] | .state == "backup" and .owner == 0'; then
		diag "r1's gateway orphaned and backup ${TOOK}s after the kill"
	else
		fail "r1's gateway not an orphan in backup 10s after the kill"
	fi
	check "the orphan is still there (not persistent, not deleted)" \
		gw_is 1 'length == 1 and .[0].persist == false'
	if time_until "$t0" 20 eval 'state_is 2 master && gw_is 2 ".[0].state == \"master\""'; then
		diag "r2 seen master ${TOOK}s after the kill (by polling)" \
			"(Master_Down_Interval ${mdi}ms)"
	else
		fail "r2 not master 20s after the kill"
	fi
	check "the kernel sent one release" gw_is 1 '.[0].stats.releases == 1'
	check_wait "r2 counted a priority-0 advert" 5 vs_is 2 \
		".counters.priority_zero_in == $((pz + 1))"
	bg_stop "$cap_pid"
	check "the release decodes: VRRP v3, VRID 5, priority 0, from the virtual MAC, checksum good" \
		eval "tshark -r '$TMPD/release.pcap' -Y 'vrrp.prio == 0' -T fields -E separator=' ' \
			-e eth.src -e ip.src -e ip.ttl -e vrrp.version -e vrrp.virt_rtr_id \
			-e vrrp.short_adver_int -e vrrp.checksum.status -e vrrp.ip_addr 2>/dev/null |
			tee '$TMPD/release.txt' | grep -qx '$VMAC4 10.0.0.1 255 3 5 100 1 $VIP4'" ||
		diag "priority-0 adverts captured: $(cat "$TMPD/release.txt")"
	check_wait "r2 answers ARP for the VIP" 20 \
		eval "[ \$(grep -c '^s2 ' '$s.log') -ge 5 ]"
	touch "$s.stop"
	check_wait "ARP sampler summary" 20 test -s "$s.json"
	bg_stop "$sampler"
	summary=$(cat "$s.json" 2>/dev/null)
	n1=$(jq '.answered.s1 | length' <<<"$summary")
	n2=$(jq '.answered.s2 | length' <<<"$summary")
	diag "ARP sampler: $(jq -r '"\(.sent) requests every \(.period_ms)ms over \(.elapsed_ms)ms, longest unanswered run \(.longest_unanswered_run)"' <<<"$summary")," \
		"r1 answered $n1, r2 $n2"
	check "sampler saw both routers answer" test "${n1:-0}" -gt 0 -a "${n2:-0}" -gt 0
	check "no request answered by both routers" json_is "$summary" '.both == []' ||
		diag "answered by both: $(jq -c .both <<<"$summary")"
	check "r1 never answered after r2 began" json_is "$summary" \
		'(.answered.s1 | max) < (.answered.s2 | min)' ||
		diag "s1: $(jq -c '.answered.s1[-5:]' <<<"$summary"), s2: $(jq -c '.answered.s2[:5]' <<<"$summary")"
	log_case "$name"

	RET=0
	check_wait "switch: virtual MAC moved to s2" 20 fdb_port_is "$VMAC4" s2 ||
		diag "$(bridge -n "$SW" fdb show br br0 | grep -i 00:00:5e)"
	check_wait "client ping answered again" 20 \
		eval "[ \"\$(ping_report '$TMPD/ping' $t_kill | cut -d' ' -f2)\" -ge 5 ]"
	kill -INT "$ping_pid" 2>/dev/null
	wait "$ping_pid" 2>/dev/null
	bg_stop "$ping_pid"
	bg_stop "$mon_pid"
	rep=$(ping_report "$TMPD/ping" "$t_kill")
	read -r replies after gap <<<"$rep"
	diag "client ping -i 0.05: $replies replies, $after after the kill," \
		"longest silence ${gap}ms; $(grep -E 'packets transmitted' "$TMPD/ping")"
	# Released, r2 waits Skew_Time, not Master_Down_Interval: the client's
	# outage is shorter than the latter even with emulation's lateness.
	check "client's outage shorter than Master_Down_Interval (${gap}ms < ${mdi}ms)" \
		test "${gap:-99999}" -lt "${mdi:-0}"
	check "client: VIP still at the virtual MAC" client_neigh_is "$VIP4" "$VMAC4"
	bad=$(grep -F "$VIP4 " "$TMPD/neigh-mon" | grep -vi "lladdr $VMAC4" |
		grep -i lladdr)
	check "client's neighbour entry never held another MAC" test -z "$bad" ||
		diag "$bad"
	diag "client neigh events for the VIP: $(grep -cF "$VIP4 " "$TMPD/neigh-mon")"
	log_case "$name2"

	RET=0
	vrrp4 1 200
	check_wait "restarted r1 takes over again (preempt)" 30 roles_are master backup
	check "r1 adopted the orphan: still one gateway, owned again" gw_is 1 \
		'length == 1 and .[0].owner != 0 and .[0].persist == false'
	diag "r1's log: $(grep -i adopt "${LOG[1]}")"
	check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"
	check_wait "switch: virtual MAC back on s1" 20 fdb_port_is "$VMAC4" s1
	log_case "$name3"
}

test_ipv6()
{
	local name="vrrp: IPv6 (v3): election, NA with the virtual MAC, client reaches the VIP"

	setup ipv6 || { log_test "$name"; return; }
	FAM=inet6
	vrrp_start 1 --vrid "$VRID" --address "$VIP6" --priority 200 \
		--interval "${INTERVAL_MS}ms" --announce-interval 200ms
	vrrp_start 2 --vrid "$VRID" --address "$VIP6" --priority 100 \
		--interval "${INTERVAL_MS}ms" --announce-interval 200ms
	check_wait "r1 master, r2 backup (daemons and kernel gateways)" 30 \
		roles_are master backup || { log_case "$name"; return; }
	check "r1's state file: inet6, link-local primary address" vs_is 1 \
		".family == \"inet6\" and .version == 3 and .virtual_mac == \"$VMAC6\" and
		 .addresses == [\"$VIP6\"] and (.primary_address | startswith(\"fe80::\")) and
		 .master_address == .primary_address"
	check "r2 follows r1's link-local address" vs_is 2 \
		".master_address == \"$(vs_get 1 .primary_address)\" and .master_priority == 200"
	check "r1's gateway: inet6 master with the VIP" gw_is 1 \
		"length == 1 and (.[0] | .state == \"master\" and .mac == \"$VMAC6\" and
		 .addresses == [\"$VIP6\"])"
	check "no IPv4 router or gateway" eval \
		"rctl '$R1' -j gateway show r0 | jq -e 'all(.[]; .family == \"inet6\")' >/dev/null"
	check_wait "client pings the VIP" 30 ping6_ok "$CLIENT" "$VIP6"
	check "client resolved the VIP to the virtual MAC" \
		client_neigh_is "$VIP6" "$VMAC6"
	check_wait "switch learnt the virtual MAC on r1's port" 10 \
		fdb_port_is "$VMAC6" s1
	log_case "$name"
}

# drops_delta_is I BEFORE WANT: router I's drop counters minus BEFORE (an
# earlier "drops" object) are WANT for the reasons WANT names and 0 for the
# others.
drops_delta_is()
{
	jq -e --argjson b "$2" --argjson w "$3" \
		'.counters.drops | with_entries(.value -= $b[.key]) == (($b | map_values(0)) + $w)' \
		"$(sf "$1")" >/dev/null 2>&1
}

test_bad_adverts()
{
	local name="vrrp: forged adverts dropped, counted under their reason, no state change"
	local i out want became
	local -a drops=() foreign=()

	setup || { log_test "$name"; return; }
	vrrp4 1 200
	vrrp4 2 100
	check_wait "r1 master, r2 backup" 30 roles_are master backup ||
		{ log_case "$name"; return; }
	for i in 1 2; do
		drops[i]=$(vs_get "$i" .counters.drops | jq -c .)
		foreign[i]=$(vs_get "$i" .device_drops.wrong_vrid)
	done
	became=$(for i in 1 2; do vs_get "$i" '.counters | [.became_master, .became_backup, .became_fault] | tojson'; done)
	# Each 3 times, priority 250 (better than both) unless said otherwise.
	check "send the forged adverts from the client" ip netns exec "$CLIENT" \
		"$PYTHON" "$VRRP_PKT" advert c0 10.0.0.10 \
		'{"ttl": 254, "prio": 100}' \
		'{"ttl": 1, "prio": 255}' \
		'{"bad_checksum": true}' \
		'{"vrid": 7}' \
		'{"truncate": 4}'
	diag "sent: $(tr '\n' ' ' <<<"$LAST_OUT")"
	# VRID 7 is no router's here: the device's socket counts those.
	want='{"bad_ttl": 6, "bad_checksum": 3, "truncated": 3}'
	for i in 1 2; do
		check_wait "r$i: bad_ttl +6, bad_checksum +3, truncated +3, no other drop" \
			10 drops_delta_is "$i" "${drops[i]}" "$want" ||
			diag "r$i drops now $(vs_get "$i" .counters.drops | jq -c .), before ${drops[i]}"
		check_wait "r$i's device: wrong_vrid +3 (VRID 7)" 10 \
			vs_is "$i" ".device_drops.wrong_vrid == ${foreign[i]} + 3"
	done
	check "r1 still master, r2 still backup" roles_are master backup
	check "no became_* counter moved" test "$became" = \
		"$(for i in 1 2; do vs_get "$i" '.counters | [.became_master, .became_backup, .became_fault] | tojson'; done)"
	check "r2 still follows r1" vs_is 2 \
		'.master_address == "10.0.0.1" and .master_priority == 200'

	# Control: the same advert, well formed, is obeyed: r1 backs off to
	# priority 250, then takes over again when the forger falls silent.
	out=$(vs_get 1 .counters.became_backup)
	check "send one well-formed advert at priority 250" ip netns exec "$CLIENT" \
		"$PYTHON" "$VRRP_PKT" advert c0 10.0.0.10 '{"count": 1}'
	check_wait "control: r1 backed off to it" 10 vs_is 1 \
		".counters.became_backup > $out and .counters.adverts_in > 0"
	check_wait "control: r1 master again once the forger is silent" 30 \
		roles_are master backup
	log_case "$name"
}

test_tshark()
{
	local name="vrrp: tshark decodes the adverts as VRRPv3 with a good checksum"
	local cap cap_pid mac lines want

	command -v tshark >/dev/null || { log_test_skip "$name" "no tshark"; return; }
	setup || { log_test "$name"; return; }
	vrrp4 1 200
	vrrp4 2 100
	check_wait "r1 master, r2 backup" 30 roles_are master backup ||
		{ log_case "$name"; return; }
	mac=$(link_get "$R1" r0 .address)
	cap=$TMPD/vrrp.pcap
	# tcpdump stops itself after 5 adverts: killing it on a deadline lost
	# the packets still in the kernel's capture ring (one CI run decoded
	# 3 of 5); --immediate-mode hands each one over as it arrives.
	bg_start cap_pid "$TMPD/tcpdump.log" ip netns exec "$CLIENT" \
		tcpdump --immediate-mode -c 5 -i c0 -U -n -w "$cap" ip proto 112
	check_wait "tcpdump captured 5 adverts and exited" 60 pid_gone "$cap_pid" ||
		diag "$(cat "$TMPD/tcpdump.log")"
	bg_stop "$cap_pid"
	lines=$(tshark -r "$cap" -Y vrrp -T fields -E separator=' ' \
		-e eth.src -e eth.dst -e ip.src -e ip.dst -e ip.ttl -e vrrp.version \
		-e vrrp.type -e vrrp.virt_rtr_id -e vrrp.prio -e vrrp.addr_count \
		-e vrrp.short_adver_int -e vrrp.ip_addr -e vrrp.checksum.status \
		2>"$TMPD/tshark.err")
	diag "tshark: $(wc -l <<<"$lines") adverts; distinct: $(sort -u <<<"$lines" | tr '\n' ';')"
	# Interval in centiseconds; checksum status 1 = good.
	want="$mac 01:00:5e:00:00:12 10.0.0.1 224.0.0.18 255 3 1 5 200 1 $((INTERVAL_MS / 10)) $VIP4 1"
	check "5 adverts decoded" test "$(grep -c . <<<"$lines")" -eq 5
	check "every advert: r1's MAC and address, TTL 255, v3, VRID 5, priority 200, the VIP, checksum good" \
		test "$(sort -u <<<"$lines")" = "$want" || diag "want: $want"
	log_case "$name"
}

# vrrp_refused OPTION_RE ARGS...: `redundctl vrrp r0 ARGS` in router 1
# exits 2 at once with a message matching OPTION_RE (an ERE, any case);
# prints the message.
vrrp_refused()
{
	local re=$1 out rc
	shift

	out=$(ip netns exec "$R1" timeout 30 "$REDUNDCTL" vrrp r0 "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq 2 ] && grep -qiE -- "$re" <<<"$out"; then
		head -n 1 <<<"$out"
		return 0
	fi
	echo "exit $rc, expected 2 and a message matching /$re/:"
	head -n 5 <<<"$out"
	return 1
}

# refused DESC OPTION_RE ARGS...: vrrp_refused, as an assertion; its
# message is kept in MSGS.
refused()
{
	local desc=$1
	shift

	check "$desc" vrrp_refused "$@" && MSGS+=("$desc: $LAST_OUT")
}

test_bad_options()
{
	local name="vrrp: bad options: exit 2, the option named, nothing left behind"

	setup || { log_test "$name"; return; }
	MSGS=()
	refused "no --vrid" 'vrid' --address "$VIP4"
	refused "--vrid 0" 'vrid' --vrid 0 --address "$VIP4"
	refused "no --address" 'address' --vrid 5
	refused "--priority 256" 'priority' --vrid 5 --address "$VIP4" --priority 256
	refused "--interval 5ms" 'interval' --vrid 5 --address "$VIP4" --interval 5ms
	refused "--interval 15ms (not whole centiseconds)" 'interval' \
		--vrid 5 --address "$VIP4" --interval 15ms
	refused "--version 2 with an IPv6 address" 'version|address|ipv6' \
		--vrid 5 --version 2 --address "$VIP6"
	refused "IPv4 and IPv6 addresses mixed" 'address|famil' \
		--vrid 5 --address "$VIP4" --address "$VIP6"
	diag "messages:$(printf '\n  %s' "${MSGS[@]}")"
	check "no gateway left in the kernel" \
		eval "[ \"\$(rctl '$R1' -j gateway show)\" = '[]' ]"
	check "no VIP added to r0" eval "! has_addr 1 $VIP4"
	check "no state file written" eval "! ls '${RUN[1]}'/r0.vrrp.* >/dev/null 2>&1"
	log_case "$name"
}

selftest_main
