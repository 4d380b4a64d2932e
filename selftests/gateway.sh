#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Virtual gateways: ARP and neighbour solicitations for a virtual IP
# answered by the module with the virtual MAC, frames to that MAC taken,
# gratuitous ARP / unsolicited NA on takeover and, with a refresh interval,
# periodically while answering, silence in BACKUP, orphaned
# gateways demoted when their owner socket closes, bad requests refused,
# invalid ARP requests and solicitations (crafted by gw_pkt.py) dropped
# unanswered and counted by reason.
# Requests are sent by genl_raw.py, except in the test_gw_cli_* cases,
# which drive `redundctl gateway` and `redundctl monitor`.
#
#   "host"                                  "client"
#   +-------------------------------+       +-------------------------+
#   | r0 (redund, active-backup)    |       |                         |
#   |   10.0.0.1/24 2001:db8::1/64  |       |  10.0.0.2/24            |
#   |   VIPs 10.0.0.100/32          |       |  2001:db8::2/64         |
#   |        2001:db8::100/128      |       |                         |
#   |   +-- hv0 ================================ pv0  (tcpdump here)  |
#   +-------------------------------+       +-------------------------+
#
# (=== is a veth pair.) Gateways: VRID 5 IPv4 (vmac 00:00:5e:00:01:05),
# VRID 6 IPv6 (vmac 00:00:5e:00:02:06). The VIPs are also configured on
# r0, as a router running VRRP would, so the host takes their traffic.

ALL_TESTS="
	test_gw_family
	test_gw_backup_silent
	test_gw_master_ipv4
	test_gw_master_ipv6
	test_gw_backup_drops_vmac
	test_gw_del
	test_gw_orphan
	test_gw_bad_input
	test_gw_dev_removal
	test_gw_refresh
	test_gw_invalid_arp
	test_gw_invalid_ns
	test_gw_cli_round_trip
	test_gw_cli_refresh
	test_gw_cli_errors
	test_gw_cli_monitor
"

source "$(dirname "$0")/lib.sh"

HOST=
CLIENT=
R0=
VIP4=10.0.0.100
VIP6=2001:db8::100
VMAC4=00:00:5e:00:01:05
VMAC6=00:00:5e:00:02:06
AF_INET=2
AF_INET6=10
# enum redund_gw_state
ST_BACKUP=0
ST_MASTER=1
ST_ACTIVE=2

setup()
{
	local ns

	module_load || { fail "insmod"; return 1; }
	ns_create HOST host || return 1
	ns_create CLIENT client || return 1
	# lib.sh turns IPv6 off; these cases need it (without DAD delays).
	for ns in "$HOST" "$CLIENT"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
			net.ipv6.conf.default.disable_ipv6=0 \
			net.ipv6.conf.default.accept_dad=0 >/dev/null || return 1
	done
	veth_pair "$HOST" hv0 "$CLIENT" pv0 || return 1
	ip -n "$CLIENT" link set pv0 up || return 1
	ip -n "$CLIENT" addr add 10.0.0.2/24 dev pv0 || return 1
	ip -n "$CLIENT" addr add 2001:db8::2/64 dev pv0 nodad || return 1
	ip -n "$HOST" link add r0 type redund || return 1
	ip -n "$HOST" link set hv0 master r0 || return 1
	ip -n "$HOST" addr add 10.0.0.1/24 dev r0 || return 1
	ip -n "$HOST" addr add "$VIP4/32" dev r0 || return 1
	ip -n "$HOST" addr add 2001:db8::1/64 dev r0 nodad || return 1
	ip -n "$HOST" addr add "$VIP6/128" dev r0 nodad || return 1
	ip -n "$HOST" link set r0 up || return 1
	R0=$(ifindex_of "$HOST" r0)
	check_wait "hv0 active" 15 active_port_is "$HOST" r0 hv0
}

# gr_const EXPR: a value genl_raw.py read from the family's tables
# (redund_nl.json, generated from its netlink spec).
gr_const()
{
	"$PYTHON" -B -c 'import importlib.util as u, sys
s = u.spec_from_file_location("g", sys.argv[1])
g = u.module_from_spec(s)
s.loader.exec_module(g)
print(eval(sys.argv[2], vars(g)))' "$GENL_RAW" "$1"
}

# gwn VRID FAMILY [ATTR,...]: a REDUND_A_GW nest for genl_raw.py.
gwn()
{
	echo "GW=nest:{GW_VRID=u8:$1,GW_FAMILY=u8:$2${3:+,$3}}"
}

gw4_add()
{
	genl "$HOST" GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET \
		"GW_ADDRS=nest:{ADDR_IPV4=ip4:$VIP4},GW_ANNOUNCE_COUNT=u32:3,GW_ANNOUNCE_INTERVAL=u32:300,GW_PERSIST=u8:1${1:+,$1}")"
}

gw6_add()
{
	genl "$HOST" GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 6 $AF_INET6 \
		"GW_ADDRS=nest:{ADDR_IPV6=ip6:$VIP6},GW_ANNOUNCE_COUNT=u32:3,GW_ANNOUNCE_INTERVAL=u32:300,GW_PERSIST=u8:1${1:+,$1}")"
}

# gw_set VRID FAMILY ATTR,...
gw_set()
{
	genl "$HOST" GW_SET "DEV_IFINDEX=u32:$R0" "$(gwn "$1" "$2" "$3")"
}

# gw_get VRID FAMILY JQ: one field of the gateway's GW_GET nest.
gw_get()
{
	genl "$HOST" GW_GET "DEV_IFINDEX=u32:$R0" "$(gwn "$1" "$2")" |
		jq -r ".replies[0].GW | $3"
}

gw_is()
{
	genl "$HOST" GW_GET "DEV_IFINDEX=u32:$R0" "$(gwn "$1" "$2")" |
		jq -e ".replies[0].GW | $3" >/dev/null
}

# client_neigh_is ADDR MAC: the client resolved ADDR to MAC.
client_neigh_is()
{
	ip -n "$CLIENT" neigh show dev pv0 to "$1" | grep -qi "lladdr $2"
}

client_neigh_has_no_lladdr()
{
	! ip -n "$CLIENT" neigh show dev pv0 to "$1" | grep -q lladdr
}

ping_ok6()
{
	ip netns exec "$1" ping -6 -c 1 -W 1 "$2" >/dev/null 2>&1
}

port_filter_has()
{
	bridge -n "$HOST" fdb show dev hv0 | grep -qi "^$1 "
}

# cap_start FILTER...: tcpdump on the client's pv0 into CAP, CAP_PID.
cap_start()
{
	CAP=$(mktemp "$TMPD/cap.XXXXXX")
	bg_start CAP_PID "$CAP" ip netns exec "$CLIENT" \
		tcpdump -l -n -e -v -i pv0 "$@"
	wait_until 30 grep -q "listening on" "$CAP" ||
		{ fail "tcpdump did not start"; diag "$(cat "$CAP")"; return 1; }
}

# lines_ge FILE ERE N: at least N lines of FILE match.
lines_ge()
{
	[ "$(grep -cE "$2" "$1")" -ge "$3" ]
}

# cap_count ERE: lines of the capture that match.
cap_count()
{
	grep -cE "$1" "$CAP"
}

cap_count_ge()
{
	[ "$(cap_count "$1")" -ge "$2" ]
}

# cap_start_tt FILTER...: as cap_start, with epoch timestamps (-tt).
cap_start_tt()
{
	CAP=$(mktemp "$TMPD/cap.XXXXXX")
	bg_start CAP_PID "$CAP" ip netns exec "$CLIENT" \
		tcpdump -l -n -e -v -tt -i pv0 "$@"
	wait_until 30 grep -q "listening on" "$CAP" ||
		{ fail "tcpdump did not start"; diag "$(cat "$CAP")"; return 1; }
}

# refresh_periodic ERE MS: the first three frames of the capture (-tt) that
# match ERE are refresh rounds MS apart. Timers fire late under emulation,
# never early: each gap is at least MS/2 (not a burst), and the three fit
# in three intervals (two rounds in the three intervals after the first).
refresh_periodic()
{
	local ere=$1 ms=$2 t us prev='' first='' n=0 gaps=''

	while read -r t; do
		[ -n "$t" ] || continue
		us=${t/./}
		us=$((10#$us))
		n=$((n + 1))
		if [ -n "$prev" ]; then
			gaps+=" $(((us - prev) / 1000))ms"
			[ $((us - prev)) -ge $((ms * 500)) ] ||
				{ echo "gaps:$gaps: one below ${ms}ms/2"; return 1; }
		fi
		[ -n "$first" ] || first=$us
		prev=$us
		[ "$n" -eq 3 ] && break
	done <<<"$(grep -E "$ere" "$CAP" | cut -d' ' -f1)"
	[ "$n" -eq 3 ] || { echo "only $n frames"; return 1; }
	echo "gaps:$gaps"
	[ $((prev - first)) -le $((3 * ms * 1000)) ] ||
		{ echo "3 rounds took $(((prev - first) / 1000))ms, over 3 x ${ms}ms"; return 1; }
}

GARP4="$VMAC4 > ff:ff:ff:ff:ff:ff.*(who-has $VIP4 tell $VIP4|Announcement $VIP4)"
UNA6="$VMAC6 > 33:33:00:00:00:01.*> ff02::1: .*ICMP6, neighbor advertisement, .*tgt is $VIP6"

test_gw_family()
{
	local name="gateway: commands announced with the right permissions"
	local fam cmd id out

	setup || { log_test "$name"; return; }
	check "family resolves" "$PYTHON" "$GENL_RAW" family redund ||
		{ log_test "$name"; return; }
	fam=$LAST_OUT
	for cmd in GW_ADD GW_SET GW_DEL GW_ANNOUNCE; do
		id=$(gr_const "CMDS['$cmd']")
		# GENL_CMD_CAP_DO 0x2, GENL_UNS_ADMIN_PERM 0x10
		check "$cmd: do, GENL_UNS_ADMIN_PERM" json_is "$fam" \
			".ops[] | select(.id == $id) | (.flags / 2 | floor) % 2 == 1
			 and (.flags / 16 | floor) % 2 == 1"
	done
	out=$(ip netns exec "$HOST" "${NOBODY[@]}" "$PYTHON" "$GENL_RAW" GW_ADD \
		"DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET)")
	check "nobody: GW_ADD gets EPERM" json_is "$out" '.errname == "EPERM"' ||
		diag "$out"
	out=$(ip netns exec "$HOST" "${NOBODY[@]}" "$PYTHON" "$GENL_RAW" --dump GW_GET)
	check "nobody: GW_GET dump works (empty)" json_is "$out" \
		'.errno == 0 and (.replies | length) == 0' || diag "$out"
	log_test "$name"
}

test_gw_backup_silent()
{
	local name="gateway: BACKUP answers neither ARP nor NS for a VIP, nor does the host stack"

	setup || { log_test "$name"; return; }
	check "GW_ADD IPv4 (backup)" gw4_add || { log_test "$name"; return; }
	check "GW_ADD IPv6 (backup)" gw6_add || { log_test "$name"; return; }
	check "dump lists both, BACKUP" json_is "$(genl "$HOST" --dump GW_GET)" \
		"[.replies[].GW | [.GW_VRID, .GW_FAMILY, .GW_STATE, .GW_MAC]] ==
		 [[5, $AF_INET, $ST_BACKUP, \"$VMAC4\"], [6, $AF_INET6, $ST_BACKUP, \"$VMAC6\"]]"
	check "vmac not in the port's filter" eval "! port_filter_has $VMAC4"
	check_fail "client cannot ping the IPv4 VIP" ping_ok "$CLIENT" "$VIP4"
	check_fail "client cannot ping the IPv6 VIP" ping_ok6 "$CLIENT" "$VIP6"
	check "client has no MAC for the IPv4 VIP" client_neigh_has_no_lladdr "$VIP4"
	check "client has no MAC for the IPv6 VIP" client_neigh_has_no_lladdr "$VIP6"
	check_wait "the module consumed the ARP requests" 10 \
		gw_is 5 $AF_INET '.GW_STATS.STAT_RX_DROPS > 0'
	check_wait "the module consumed the solicitations" 10 \
		gw_is 6 $AF_INET6 '.GW_STATS.STAT_RX_DROPS > 0'
	check "r0's own address still answers" ping_ok "$CLIENT" 10.0.0.1
	log_test "$name"
}

test_gw_master_ipv4()
{
	local name="gateway: MASTER IPv4: gratuitous ARPs, ARP answered with the vmac, VIP reachable"
	local r0mac bad

	setup || { log_test "$name"; return; }
	r0mac=$(link_get "$HOST" r0 .address)
	check "GW_ADD IPv4 (backup)" gw4_add || { log_test "$name"; return; }
	cap_start arp || { log_test "$name"; return; }
	check "GW_SET state MASTER" gw_set 5 $AF_INET "GW_STATE=u8:$ST_MASTER" ||
		{ log_test "$name"; return; }
	check "vmac in the port's filter" port_filter_has "$VMAC4"
	check_wait "3 gratuitous ARPs from the vmac" 30 cap_count_ge "$GARP4" 3
	check_wait "announce counter 3" 15 gw_is 5 $AF_INET '.GW_STATS.STAT_ANNOUNCES == 3'
	check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"
	check "client resolved the VIP to the vmac" client_neigh_is "$VIP4" "$VMAC4"
	check "ARP replies counted" gw_is 5 $AF_INET '.GW_STATS.STAT_ARP_REPLIES >= 1'
	check "frames to the vmac counted" gw_is 5 $AF_INET '.GW_STATS.STAT_RX_VMAC >= 1'
	# Nothing on the wire may tie the VIP to r0's own MAC: not the
	# host's own ARP requests from the VIP, not a reply of its stack.
	bad=$(grep -iE "^[^ ]+ $r0mac >.*(tell $VIP4|$VIP4 is-at)" "$CAP")
	[ -z "$bad" ] || { fail "ARP from the VIP with r0's MAC"; diag "$bad"; }
	check "still exactly 3 gratuitous ARPs" test "$(cap_count "$GARP4")" -eq 3

	check "GW_ANNOUNCE" genl "$HOST" GW_ANNOUNCE "DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET)"
	check_wait "3 more gratuitous ARPs" 30 cap_count_ge "$GARP4" 6
	check_wait "announce counter 6" 15 gw_is 5 $AF_INET '.GW_STATS.STAT_ANNOUNCES == 6'
	check "MASTER -> ACTIVE announces nothing new" gw_set 5 $AF_INET "GW_STATE=u8:$ST_ACTIVE"
	check "ACTIVE: still answers" ping_ok "$CLIENT" "$VIP4"
	check "announce counter still 6" gw_is 5 $AF_INET '.GW_STATS.STAT_ANNOUNCES == 6'
	diag "$(grep -c . "$CAP") lines captured"
	log_test "$name"
}

test_gw_master_ipv6()
{
	local name="gateway: MASTER IPv6: unsolicited NAs, NS answered with the vmac (R, S, O), VIP reachable"
	local r0mac bad

	setup || { log_test "$name"; return; }
	r0mac=$(link_get "$HOST" r0 .address)
	check "GW_ADD IPv6 (backup)" gw6_add || { log_test "$name"; return; }
	cap_start icmp6 || { log_test "$name"; return; }
	check "GW_SET state MASTER" gw_set 6 $AF_INET6 "GW_STATE=u8:$ST_MASTER" ||
		{ log_test "$name"; return; }
	check "vmac in the port's filter" port_filter_has "$VMAC6"
	check_wait "3 unsolicited NAs from the vmac" 30 cap_count_ge "$UNA6" 3
	check_wait "client pings the VIP" 30 ping_ok6 "$CLIENT" "$VIP6"
	check "client resolved the VIP to the vmac" client_neigh_is "$VIP6" "$VMAC6"
	check "NAs counted" gw_is 6 $AF_INET6 \
		'.GW_STATS.STAT_NA_SENT >= 1 and .GW_STATS.STAT_ANNOUNCES == 3'
	check "solicited NA to the client: router, solicited, override flags" \
		grep -qE "^[^ ]+ $VMAC6 > .*> 2001:db8::2: .*neighbor advertisement, .*tgt is $VIP6, Flags \[router, solicited, override\]" "$CAP"
	check "no bad ICMPv6 checksum" eval "! grep -qi 'bad icmp6' '$CAP'"
	bad=$(grep -iE "^[^ ]+ $r0mac >.*($VIP6 > [^ ]+ .*neighbor (solicitation|advertisement)|tgt is $VIP6)" "$CAP")
	[ -z "$bad" ] || { fail "ND from the VIP with r0's MAC"; diag "$bad"; }
	check "still exactly 3 unsolicited NAs" test "$(cap_count "$UNA6")" -eq 3
	log_test "$name"
}

test_gw_backup_drops_vmac()
{
	local name="gateway: back to BACKUP: vmac leaves the filter, frames to it are not taken"
	local rx

	setup || { log_test "$name"; return; }
	check "GW_ADD IPv4 master" gw4_add "GW_STATE=u8:$ST_MASTER" ||
		{ log_test "$name"; return; }
	check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"
	check "GW_SET state BACKUP" gw_set 5 $AF_INET "GW_STATE=u8:$ST_BACKUP"
	check "vmac left the port's filter" eval "! port_filter_has $VMAC4"
	rx=$(gw_get 5 $AF_INET .GW_STATS.STAT_RX_VMAC)
	# The client keeps sending to the vmac it learnt.
	ip -n "$CLIENT" neigh replace "$VIP4" lladdr "$VMAC4" dev pv0 nud permanent
	check_fail "client can no longer ping the VIP" ping_ok "$CLIENT" "$VIP4"
	check "no frame to the vmac taken" gw_is 5 $AF_INET ".GW_STATS.STAT_RX_VMAC == $rx"
	log_test "$name"
}

test_gw_del()
{
	local name="gateway: GW_DEL removes the gateway, its filter entry, sends GW_DEL_NTF"
	local mon mon_pid out

	setup || { log_test "$name"; return; }
	mon=$(mktemp "$TMPD/gwmon.XXXXXX")
	bg_start mon_pid "$mon" ip netns exec "$HOST" "$PYTHON" "$GENL_RAW" monitor
	check_wait "monitor listening" 30 grep -q listening "$mon"
	check "GW_ADD IPv4 master" gw4_add "GW_STATE=u8:$ST_MASTER" ||
		{ log_test "$name"; return; }
	check "vmac in the port's filter" port_filter_has "$VMAC4"
	check "GW_DEL" genl "$HOST" GW_DEL "DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET)"
	check "vmac left the port's filter" eval "! port_filter_has $VMAC4"
	out=$(genl "$HOST" --dump GW_GET "DEV_IFINDEX=u32:$R0")
	check "dump is empty" json_is "$out" '(.replies | length) == 0'
	out=$(genl "$HOST" GW_GET "DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET)")
	check "GW_GET of it: ENOENT" json_is "$out" '.errname == "ENOENT"' || diag "$out"
	check_wait "GW_NEW_NTF seen" 15 mon_has "$mon" \
		".cmd_name == \"GW_NEW_NTF\" and .GW.GW_VRID == 5 and .GW.GW_STATE == $ST_MASTER"
	check_wait "GW_DEL_NTF seen" 15 mon_has "$mon" \
		".cmd_name == \"GW_DEL_NTF\" and .GW.GW_VRID == 5 and .GW.GW_MAC == \"$VMAC4\""
	# Without the gateway the host's stack owns the VIP again.
	check_wait "client pings the VIP (host stack)" 30 ping_ok "$CLIENT" "$VIP4"
	log_test "$name"
}

test_gw_orphan()
{
	local name="gateway: owner socket killed: its MASTER drops to BACKUP (event), a persistent one stays"
	local mon mon_pid fifo out ctl_pid fd reason

	setup || { log_test "$name"; return; }
	reason=$(gr_const "REASONS['OWNER_GONE']")
	mon=$(mktemp "$TMPD/gwmon.XXXXXX")
	bg_start mon_pid "$mon" ip netns exec "$HOST" "$PYTHON" "$GENL_RAW" monitor
	check_wait "monitor listening" 30 grep -q listening "$mon"

	# A "controller": one genl_raw.py socket kept open on a FIFO.
	fifo=$TMPD/ctl.fifo
	out=$TMPD/ctl.out
	mkfifo "$fifo"
	# (Not bg_start: its stdin is /dev/null. ip netns exec execs python,
	# so the pid is the socket owner's.)
	ip netns exec "$HOST" "$PYTHON" "$GENL_RAW" --batch <"$fifo" >"$out" 2>&1 &
	ctl_pid=$!
	BG_PIDS+=("$ctl_pid")
	exec {fd}>"$fifo"
	json_words GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET \
		"GW_ADDRS=nest:{ADDR_IPV4=ip4:$VIP4},GW_STATE=u8:$ST_MASTER,GW_ANNOUNCE_COUNT=u32:1")" >&"$fd"
	json_words GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 6 $AF_INET6 \
		"GW_ADDRS=nest:{ADDR_IPV6=ip6:$VIP6},GW_STATE=u8:$ST_ACTIVE,GW_PERSIST=u8:1,GW_ANNOUNCE_COUNT=u32:1")" >&"$fd"
	check_wait "controller added both gateways" 30 lines_ge "$out" '"errno": 0' 2 ||
		diag "$(cat "$out")"
	check "VRID 5 MASTER, owned" gw_is 5 $AF_INET ".GW_STATE == $ST_MASTER and .GW_OWNER != 0"
	check "VRID 6 ACTIVE, owned, persistent" gw_is 6 $AF_INET6 \
		".GW_STATE == $ST_ACTIVE and .GW_OWNER != 0 and .GW_PERSIST == 1"
	check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"
	# A second controller cannot take over a gateway whose owner lives.
	out=$(gw_set 5 $AF_INET "GW_STATE=u8:$ST_BACKUP,GW_ADOPT=u8:1")
	check "GW_SET ADOPT of a live owner's gateway refused" json_is "$out" \
		'.errname == "EBUSY" and (.msg | test("owner socket is alive"))' || diag "$out"
	check "... and it changed nothing" gw_is 5 $AF_INET \
		".GW_STATE == $ST_MASTER and .GW_OWNER != 0"

	# The controller crashes: SIGKILL, no goodbye.
	kill -9 "$ctl_pid" 2>/dev/null
	exec {fd}>&-
	bg_stop "$ctl_pid"
	check_wait "VRID 5 demoted to BACKUP, no owner" 30 \
		gw_is 5 $AF_INET ".GW_STATE == $ST_BACKUP and .GW_OWNER == 0"
	check "VRID 6 still ACTIVE, no owner" gw_is 6 $AF_INET6 \
		".GW_STATE == $ST_ACTIVE and .GW_OWNER == 0"
	check "vmac of VRID 5 left the filter" eval "! port_filter_has $VMAC4"
	check_wait "GW_CHANGE_NTF owner gone, BACKUP" 15 mon_has "$mon" \
		".cmd_name == \"GW_CHANGE_NTF\" and .GW.GW_VRID == 5 and .REASON == $reason
		 and .GW.GW_STATE == $ST_BACKUP"
	check_wait "GW_CHANGE_NTF owner gone for the persistent one" 15 mon_has "$mon" \
		".cmd_name == \"GW_CHANGE_NTF\" and .GW.GW_VRID == 6 and .REASON == $reason
		 and .GW.GW_STATE == $ST_ACTIVE"
	ip -n "$CLIENT" neigh replace "$VIP4" lladdr "$VMAC4" dev pv0 nud permanent
	check_fail "client can no longer ping the VIP" ping_ok "$CLIENT" "$VIP4"

	# An orphan does not answer again unless someone takes it over.
	out=$(gw_set 5 $AF_INET "GW_STATE=u8:$ST_MASTER")
	check "GW_SET MASTER on the orphan refused" json_is "$out" \
		'.errname == "EINVAL" and (.msg | length) > 0' || diag "$out"
	diag "orphan: $(jq -r .msg <<<"$out")"
	check "GW_SET MASTER with ADOPT accepted" \
		gw_set 5 $AF_INET "GW_STATE=u8:$ST_MASTER,GW_ADOPT=u8:1"
	# ... and that adopter (one genl_raw.py run) is gone at once.
	check_wait "adopter gone: BACKUP again" 30 \
		gw_is 5 $AF_INET ".GW_STATE == $ST_BACKUP and .GW_OWNER == 0"
	log_test "$name"
}

test_gw_bad_input()
{
	local name="gateway: bad requests refused with extack messages"
	local many='' i gw rel src

	setup || { log_test "$name"; return; }
	check "GW_ADD IPv4" gw4_add || { log_test "$name"; return; }
	for i in $(seq 1 17); do
		many+="${many:+,}ADDR_IPV4=ip4:10.0.1.$i"
	done
	gw="GW_ADDRS=nest:{ADDR_IPV4=ip4:10.0.0.200}"
	genl_expect "VRID 0" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 0 $AF_INET)"
	genl_expect "family 7" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 7 7)"
	genl_expect "17 VIPs" "EINVAL|E2BIG" GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_ADDRS=nest:{$many}")"
	genl_expect "duplicate VRID and family" EEXIST GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "$gw")"
	genl_expect "unknown device" ENODEV GW_ADD "DEV_IFINDEX=u32:99999" "$(gwn 7 $AF_INET)"
	genl_expect "not a redund device (lo)" EINVAL GW_ADD \
		"DEV_IFINDEX=u32:$(ifindex_of "$HOST" lo)" "$(gwn 7 $AF_INET)"
	genl_expect "IPv6 VIP in an IPv4 gateway" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_ADDRS=nest:{ADDR_IPV6=ip6:$VIP6}")"
	genl_expect "VIP listed twice" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_ADDRS=nest:{ADDR_IPV4=ip4:10.0.0.7,ADDR_IPV4=ip4:10.0.0.7}")"
	genl_expect "multicast VIP" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_ADDRS=nest:{ADDR_IPV4=ip4:224.0.0.18}")"
	genl_expect "IPv4 VIP of 3 bytes" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_ADDRS=nest:{ADDR_IPV4=hex:0a0000}")"
	genl_expect "multicast MAC" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_MAC=mac:01:00:5e:00:00:01")"
	genl_expect "state 3" "EINVAL|ERANGE" GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_STATE=u8:3")"
	genl_expect "interval 5 ms" "EINVAL|ERANGE" GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_ANNOUNCE_INTERVAL=u32:5")"
	genl_expect "owner is read only" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_OWNER=u32:1")"
	genl_expect "missing VRID" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"GW=nest:{GW_FAMILY=u8:$AF_INET}"
	genl_expect "missing GW nest" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0"
	genl_expect "missing device" EINVAL GW_ADD "$(gwn 7 $AF_INET)"
	genl_expect "GW_SET of a gateway that does not exist" ENOENT GW_SET \
		"DEV_IFINDEX=u32:$R0" "$(gwn 9 $AF_INET "GW_STATE=u8:1")"
	genl_expect "GW_SET changing the MAC" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_MAC=mac:02:00:00:00:00:05")"
	genl_expect "GW_DEL of a gateway that does not exist" ENOENT GW_DEL \
		"DEV_IFINDEX=u32:$R0" "$(gwn 9 $AF_INET6)"
	genl_expect "GW_ANNOUNCE of a backup" EINVAL GW_ANNOUNCE \
		"DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET)"
	genl_expect "DEV_SET with a GW nest" EINVAL DEV_SET \
		"DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET)"
	# Releases: a VRRP v3 advert for VRID 5, priority 0, one address,
	# 100 cs (the module reads the header and the length only).
	rel=3105000100640000c0000264
	src="GW_RELEASE_SOURCE=ip4:10.0.0.1"
	genl_expect "release without its source" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:$rel")"
	genl_expect "release source without an advert" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "$src")"
	genl_expect "empty release with a source" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:,$src")"
	genl_expect "release source of the other family" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:$rel,GW_RELEASE_SOURCE=ip6:fe80::1")"
	genl_expect "release source multicast" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:$rel,GW_RELEASE_SOURCE=ip4:224.0.0.18")"
	genl_expect "release source of 3 bytes" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:$rel,GW_RELEASE_SOURCE=hex:0a0000")"
	genl_expect "release of 7 bytes" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:31050001006400,$src")"
	genl_expect "release of 273 bytes" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:$(printf '31050044%0538d' 0),$src")"
	genl_expect "release not an advertisement (type 2)" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:3205000100640000c0000264,$src")"
	genl_expect "release of VRRP version 4" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:4105000100640000c0000264,$src")"
	genl_expect "release for another VRID" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:3106000100640000c0000264,$src")"
	genl_expect "release with priority 100" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:3105640100640000c0000264,$src")"
	genl_expect "release whose count says 2 addresses" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:3105000200640000c0000264,$src")"
	genl_expect "v2 release without its authentication data" EINVAL GW_SET \
		"DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:2105000100010000c0000264,$src")"
	genl_expect "v2 release for IPv6" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET6 "GW_RELEASE_ADVERT=hex:21070001000100000000000000000000,GW_RELEASE_SOURCE=ip6:fe80::1")"
	genl_expect "IPv6 release from a global address" EINVAL GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET6 "GW_RELEASE_ADVERT=hex:310700010064000020010db8000000000000000000000007,GW_RELEASE_SOURCE=ip6:2001:db8::1")"
	genl_expect_run "$HOST"
	check "a well-formed release accepted" genl "$HOST" GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:$rel,$src")"
	check "GW_GET reports it" gw_is 5 $AF_INET \
		".GW_RELEASE_ADVERT == \"$rel\" and .GW_RELEASE_SOURCE == \"0a000001\""
	check "an empty advert removes it" genl "$HOST" GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 5 $AF_INET "GW_RELEASE_ADVERT=hex:")"
	check "GW_GET no longer reports it" gw_is 5 $AF_INET \
		'has("GW_RELEASE_ADVERT") | not'
	check "only the first gateway exists, unchanged" json_is \
		"$(genl "$HOST" --dump GW_GET)" \
		"[.replies[].GW | [.GW_VRID, .GW_STATE, .GW_MAC, .GW_ADDRS]] ==
		 [[5, $ST_BACKUP, \"$VMAC4\", [\"$VIP4\"]]]"
	log_test "$name"
}

test_gw_dev_removal()
{
	local name="gateway: device and module removal with answering gateways"

	setup || { log_test "$name"; return; }
	check "GW_ADD IPv4 master" gw4_add "GW_STATE=u8:$ST_MASTER"
	check "GW_ADD IPv6 active" gw6_add "GW_STATE=u8:$ST_ACTIVE"
	check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"
	check "ip link del r0" ip -n "$HOST" link del r0
	check "hv0 is free again" eval "! link_master_is '$HOST' hv0 r0"
	check "GW_ADD on a new r0" eval 'ip -n "$HOST" link add r0 type redund &&
		R0=$(ifindex_of "$HOST" r0) && gw4_add "GW_STATE=u8:$ST_MASTER"'
	test_teardown
	check "rmmod with a gateway left" module_unload
	log_test "$name"
}

# The refresh clock of test_gw_refresh: VRID 7, always ACTIVE, refresh 1 s.
CLOCK_VIP=10.0.0.107
CLOCK_GARP="00:00:5e:00:01:07 > ff:ff:ff:ff:ff:ff.*(who-has $CLOCK_VIP tell $CLOCK_VIP|Announcement $CLOCK_VIP)"

# quiet_for_3_ticks ERE WHAT: no new frame matching ERE while the clock
# gateway sends three refreshes (a window of three intervals, measured by
# the same timers, however much emulation stretches them). One tick first
# lets a frame sent before the request returned reach the capture.
quiet_for_3_ticks()
{
	local ere=$1 what=$2 c n

	c=$(cap_count "$CLOCK_GARP")
	check_wait "$what: a clock tick" 30 cap_count_ge "$CLOCK_GARP" $((c + 1)) || return
	n=$(cap_count "$ere")
	c=$(cap_count "$CLOCK_GARP")
	check_wait "$what: three more clock ticks" 30 cap_count_ge "$CLOCK_GARP" $((c + 3)) ||
		return
	check "$what: no refresh in those three intervals" test "$(cap_count "$ere")" -eq "$n"
}

test_gw_refresh()
{
	local name="gateway: REFRESH_INTERVAL: a GARP / unsolicited NA round every interval while ACTIVE, none in BACKUP, off, or after GW_DEL"
	local n

	setup || { log_test "$name"; return; }
	cap_start_tt "arp or icmp6" || { log_test "$name"; return; }
	# ANNOUNCE_COUNT 0: every frame for the VIPs is a refresh.
	check "GW_ADD IPv4 backup, refresh 1000 ms, no announce rounds" \
		genl "$HOST" GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET \
		"GW_ADDRS=nest:{ADDR_IPV4=ip4:$VIP4},GW_ANNOUNCE_COUNT=u32:0,GW_REFRESH_INTERVAL=u32:1000,GW_PERSIST=u8:1")" ||
		{ log_test "$name"; return; }
	check "GW_GET reports the interval" gw_is 5 $AF_INET '.GW_REFRESH_INTERVAL == 1000'
	check "GW_ADD the clock: VRID 7 ACTIVE, refresh 1000 ms" \
		genl "$HOST" GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 7 $AF_INET \
		"GW_ADDRS=nest:{ADDR_IPV4=ip4:$CLOCK_VIP},GW_STATE=u8:$ST_ACTIVE,GW_ANNOUNCE_COUNT=u32:0,GW_REFRESH_INTERVAL=u32:1000,GW_PERSIST=u8:1")" ||
		{ log_test "$name"; return; }
	check_wait "the clock refreshes: 3 GARPs" 30 cap_count_ge "$CLOCK_GARP" 3
	check "... periodically" refresh_periodic "$CLOCK_GARP" 1000
	diag "clock: $LAST_OUT"
	check "BACKUP: no refresh meanwhile" test "$(cap_count "$GARP4")" -eq 0

	check "GW_SET ACTIVE" gw_set 5 $AF_INET "GW_STATE=u8:$ST_ACTIVE"
	check_wait "ACTIVE: 3 refresh GARPs" 30 cap_count_ge "$GARP4" 3
	check "... periodically" refresh_periodic "$GARP4" 1000
	diag "VRID 5: $LAST_OUT"
	check "counted as announcements" gw_is 5 $AF_INET '.GW_STATS.STAT_ANNOUNCES >= 3'

	check "GW_SET BACKUP" gw_set 5 $AF_INET "GW_STATE=u8:$ST_BACKUP"
	quiet_for_3_ticks "$GARP4" "BACKUP"

	check "GW_SET ACTIVE with refresh 0 (off)" gw_set 5 $AF_INET \
		"GW_STATE=u8:$ST_ACTIVE,GW_REFRESH_INTERVAL=u32:0"
	check "GW_GET reports 0" gw_is 5 $AF_INET '.GW_REFRESH_INTERVAL == 0'
	quiet_for_3_ticks "$GARP4" "refresh off"
	check "still answering" ping_ok "$CLIENT" "$VIP4"

	n=$(cap_count "$GARP4")
	check "GW_SET refresh 1000 while ACTIVE" gw_set 5 $AF_INET "GW_REFRESH_INTERVAL=u32:1000"
	check_wait "refreshing again" 30 cap_count_ge "$GARP4" $((n + 2))

	check "GW_DEL" genl "$HOST" GW_DEL "DEV_IFINDEX=u32:$R0" "$(gwn 5 $AF_INET)"
	quiet_for_3_ticks "$GARP4" "GW_DEL"

	check "GW_ADD IPv6 ACTIVE, refresh 1000 ms, no announce rounds" \
		genl "$HOST" GW_ADD "DEV_IFINDEX=u32:$R0" "$(gwn 6 $AF_INET6 \
		"GW_ADDRS=nest:{ADDR_IPV6=ip6:$VIP6},GW_STATE=u8:$ST_ACTIVE,GW_ANNOUNCE_COUNT=u32:0,GW_REFRESH_INTERVAL=u32:1000,GW_PERSIST=u8:1")"
	check_wait "IPv6: 3 unsolicited NAs" 30 cap_count_ge "$UNA6" 3
	check "... periodically" refresh_periodic "$UNA6" 1000
	diag "VRID 6: $LAST_OUT"

	genl_expect "refresh 999 ms" EINVAL GW_SET "DEV_IFINDEX=u32:$R0" \
		"$(gwn 7 $AF_INET "GW_REFRESH_INTERVAL=u32:999")"
	genl_expect "refresh 3600001 ms" "EINVAL|ERANGE" GW_ADD "DEV_IFINDEX=u32:$R0" \
		"$(gwn 8 $AF_INET "GW_REFRESH_INTERVAL=u32:3600001")"
	genl_expect_run "$HOST"
	check "the clock's interval is unchanged" gw_is 7 $AF_INET '.GW_REFRESH_INTERVAL == 1000'
	check "no VRID 8" json_is "$(genl "$HOST" --dump GW_GET)" \
		'[.replies[].GW.GW_VRID] == [7, 6]'
	diag "$(grep -c . "$CAP") lines captured"
	log_test "$name"
}

GW_PKT=$SELFTESTS_DIR/gw_pkt.py

# gw_pkt SPEC...: gw_pkt.py sends the frames out of the client's pv0.
gw_pkt()
{
	ip netns exec "$CLIENT" "$PYTHON" "$GW_PKT" pv0 "$@"
}

# answered MAC: the capture holds a frame from a vmac to MAC, an answer
# to the request that came from MAC.
answered()
{
	grep -qiE "^[^ ]+ ($VMAC4|$VMAC6) > $1," "$CAP"
}

# check_unanswered N...: no answer to the requests from 0[23]:5e:00:00:00:N.
check_unanswered()
{
	local n bad

	for n in "$@"; do
		bad=$(grep -iE "^[^ ]+ ($VMAC4|$VMAC6) > 0[23]:5e:00:00:00:$n," "$CAP")
		[ -z "$bad" ] && continue
		fail "request $n was answered"
		diag "$bad"
	done
}

# Each invalid request comes from an Ethernet source of its own,
# 02:5e:00:00:00:N (03:..., multicast, where the source is the fault),
# where an answer would go; a valid request comes last and its answer
# shows that the ones before it were handled.
test_gw_invalid_arp()
{
	local name="gateway: invalid ARP requests to a master dropped unanswered, counted by reason; a valid one answered"
	local v='"kind":"arp","tip":"'$VIP4'"'

	setup || { log_test "$name"; return; }
	check "GW_ADD IPv4 master" gw4_add "GW_STATE=u8:$ST_MASTER" ||
		{ log_test "$name"; return; }
	cap_start arp || { log_test "$name"; return; }
	check "send six invalid requests for the VIP, then a valid one" gw_pkt \
		"{$v,\"eth_src\":\"02:5e:00:00:00:01\",\"sha\":\"ff:ff:ff:ff:ff:ff\",\"sip\":\"10.0.0.51\"}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:02\",\"sha\":\"01:00:5e:00:00:01\",\"sip\":\"10.0.0.52\"}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:03\",\"sha\":\"00:00:00:00:00:00\",\"sip\":\"10.0.0.53\"}" \
		"{$v,\"eth_src\":\"03:5e:00:00:00:04\",\"sha\":\"02:5e:00:00:00:04\",\"sip\":\"10.0.0.54\"}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:05\",\"sip\":\"224.0.0.5\"}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:06\",\"sip\":\"255.255.255.255\"}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:07\",\"sip\":\"10.0.0.57\"}" ||
		{ log_test "$name"; return; }
	check_wait "the valid request is answered" 30 answered 02:5e:00:00:00:07
	check "... with the vmac" grep -qiE \
		"^[^ ]+ $VMAC4 > 02:5e:00:00:00:07,.*Reply $VIP4 is-at $VMAC4" "$CAP"
	# sender MAC broadcast, multicast, zero; Ethernet source multicast;
	# sender IP multicast, 255.255.255.255
	check_unanswered 01 02 03 04 05 06
	check_wait "arp_bad_sender_mac: 4" 15 rgw_is '.[0].stats.arp_bad_sender_mac == 4'
	check "arp_bad_sender_ip: 2" rgw_is '.[0].stats.arp_bad_sender_ip == 2'
	check "arp_replies: the valid one" rgw_is '.[0].stats.arp_replies >= 1'
	check "no other drop counted" rgw_is '.[0].stats.rx_drops == 0'
	diag "$(rctl "$HOST" -j gateway show r0 | jq -c '.[0].stats')"
	log_test "$name"
}

test_gw_invalid_ns()
{
	local name="gateway: invalid neighbour solicitations to a master (RFC 4861 7.1.1) dropped unanswered, counted by reason; a valid one answered"
	local v='"kind":"ns","target":"'$VIP6'"'

	setup || { log_test "$name"; return; }
	check "GW_ADD IPv6 master" gw6_add "GW_STATE=u8:$ST_MASTER" ||
		{ log_test "$name"; return; }
	cap_start icmp6 || { log_test "$name"; return; }
	check "send six invalid solicitations, a valid DAD probe, a valid one" gw_pkt \
		"{$v,\"eth_src\":\"02:5e:00:00:00:11\",\"src\":\"2001:db8::11\",\"opts\":[[1,\"02:5e:00:00:00:11\",0]]}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:12\",\"src\":\"2001:db8::12\",\"opts\":[[1,\"02:5e:00:00:00:12\",2]]}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:13\",\"src\":\"ff02::1\"}" \
		"{$v,\"eth_src\":\"03:5e:00:00:00:14\",\"src\":\"2001:db8::14\",\"opts\":[[1,\"02:5e:00:00:00:14\"]]}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:15\",\"src\":\"::\",\"dst\":\"$VIP6\",\"eth_dst\":\"$VMAC6\"}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:16\",\"src\":\"::\",\"opts\":[[1,\"02:5e:00:00:00:16\"]]}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:17\",\"src\":\"::\"}" \
		"{$v,\"eth_src\":\"02:5e:00:00:00:18\",\"src\":\"2001:db8::18\"}" ||
		{ log_test "$name"; return; }
	check_wait "the valid solicitation is answered" 30 answered 02:5e:00:00:00:18
	check "... by a solicited NA with the vmac" grep -qiE \
		"^[^ ]+ $VMAC6 > 02:5e:00:00:00:18,.*> 2001:db8::18: .*neighbor advertisement, .*tgt is $VIP6, Flags \[router, solicited, override\]" "$CAP"
	# option of length 0, option past the end, multicast source,
	# multicast Ethernet source, DAD to a unicast address, DAD with a
	# source link-layer address option; the valid DAD probe (17) stays
	# unanswered by design
	check_unanswered 11 12 13 14 15 16 17
	check_wait "ns_bad_option: 2" 15 rgw_is '.[0].stats.ns_bad_option == 2'
	check "ns_bad_source: 2" rgw_is '.[0].stats.ns_bad_source == 2'
	check "ns_dad_bad_dest: 1" rgw_is '.[0].stats.ns_dad_bad_dest == 1'
	check "ns_dad_sllao: 1" rgw_is '.[0].stats.ns_dad_sllao == 1'
	check "rx_drops: the valid DAD probe only" rgw_is '.[0].stats.rx_drops == 1'
	check "na_sent: the valid one" rgw_is '.[0].stats.na_sent >= 1'
	diag "$(rctl "$HOST" -j gateway show r0 | jq -c '.[0].stats')"
	log_test "$name"
}

# rgw_is JQ: the filter holds for `redundctl -j gateway show r0`.
rgw_is()
{
	rctl "$HOST" -j gateway show r0 | jq -e "$1" >/dev/null
}

# rctl_fails RC TEXT ARGS...: redundctl ARGS, run in HOST, exits with RC
# and prints TEXT (a fixed string) on its first line of stderr.
rctl_fails()
{
	local rc=$1 text=$2 out got
	shift 2

	out=$(rctl "$HOST" "$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" -eq "$rc" ] && head -n 1 <<<"$out" | grep -qF -- "$text"; then
		return 0
	fi
	echo "exit $got, expected $rc and \"$text\":"
	head -n 3 <<<"$out"
	return 1
}

test_gw_cli_round_trip()
{
	local name="gateway: redundctl gateway add, show -j, set, announce, del"
	local n

	setup || { log_test "$name"; return; }
	check "gateway add ... state master" rctl "$HOST" gateway add r0 vrid 5 \
		address "$VIP4" state master announce-interval 300 ||
		{ log_test "$name"; return; }
	# redundctl has exited: the gateway persists (the CLI's default), so
	# it is still master, and has no owner.
	check_wait "show -j: master, persistent, no owner" 15 rgw_is \
		"length == 1 and (.[0] | .ifname == \"r0\" and .vrid == 5 and
		 .family == \"inet\" and .state == \"master\" and .persist == true and
		 .owner == 0 and .mac == \"$VMAC4\" and .addresses == [\"$VIP4\"] and
		 .announce_count == 3 and .announce_interval_ms == 300 and
		 (.stats | keys) == [\"announces\", \"arp_bad_sender_ip\",
		  \"arp_bad_sender_mac\", \"arp_replies\", \"na_sent\",
		  \"ns_bad_option\", \"ns_bad_source\", \"ns_dad_bad_dest\",
		  \"ns_dad_sllao\", \"releases\", \"rx_drops\", \"rx_vmac\", \"tx_drops\"])"
	check "vmac in the port's filter" port_filter_has "$VMAC4"
	check_wait "client pings the VIP" 30 ping_ok "$CLIENT" "$VIP4"
	check "client resolved the VIP to the vmac" client_neigh_is "$VIP4" "$VMAC4"
	check_wait "3 announcements counted" 15 rgw_is '.[0].stats.announces == 3'
	check "ARP replies counted" rgw_is '.[0].stats.arp_replies >= 1'
	check "show text" eval "rctl '$HOST' gateway show r0 vrid 5 family inet |
		grep -q '^r0 vrid 5 inet: state master mac $VMAC4 persist on owner none'"
	diag "$(rctl "$HOST" gateway show)"

	check "gateway add an IPv6 backup (family from the address)" \
		rctl "$HOST" gateway add r0 vrid 5 address "$VIP6"
	check "two gateways, one per family" rgw_is \
		"[.[] | [.vrid, .family, .state]] == [[5, \"inet\", \"master\"],
		 [5, \"inet6\", \"backup\"]]"
	check "redundctl show mentions them" eval "rctl '$HOST' show r0 |
		grep -qx '    gateway vrid 5 inet: state master address $VIP4'"
	check "redundctl -j show lists them" rshow_is "$HOST" r0 \
		'[.gateways[] | .family] == ["inet", "inet6"]'

	check "gateway set: addresses replaced, active, 1 announcement" \
		rctl "$HOST" gateway set r0 vrid 5 address 10.0.0.101 address "$VIP4" \
		state active announce-count 1
	check "set took" rgw_is \
		".[0] | .state == \"active\" and .announce_count == 1 and
		 .addresses == [\"10.0.0.101\", \"$VIP4\"] and .persist == true"
	n=$(rctl "$HOST" -j gateway show r0 vrid 5 family inet | jq '.[0].stats.announces')
	check "gateway announce" rctl "$HOST" gateway announce r0 vrid 5
	check_wait "announce sent one round for two addresses" 15 \
		rgw_is ".[0].stats.announces == $((n + 2))"

	check "gateway del the IPv4 one" rctl "$HOST" gateway del r0 vrid 5
	check "vmac left the port's filter" eval "! port_filter_has $VMAC4"
	check "only the IPv6 one left" rgw_is '[.[] | .family] == ["inet6"]'
	check "gateway del the IPv6 one" rctl "$HOST" gateway del r0 vrid 5 family inet6
	check "show -j: empty array" eval "[ \"\$(rctl '$HOST' -j gateway show)\" = '[]' ]"
	log_test "$name"
}

# one_active_warning TEXT: TEXT is the one line of the state active warning.
one_active_warning()
{
	[ "$(grep -c . <<<"$1")" -eq 1 ] &&
		grep -q '^redundctl: warning: state active: .*anycast' <<<"$1"
}

test_gw_cli_refresh()
{
	local name="gateway: redundctl refresh MS|off, shown by gateway show; state active warns, exit 0"
	local out rc

	setup || { log_test "$name"; return; }
	check "gateway add ... refresh 2000" rctl "$HOST" gateway add r0 vrid 5 \
		address "$VIP4" refresh 2000 || { log_test "$name"; return; }
	check "show -j: refresh_interval_ms 2000" rgw_is '.[0].refresh_interval_ms == 2000'
	check "show text: refresh 2000ms" eval "rctl '$HOST' gateway show r0 |
		grep -qx '    announce-count 3 announce-interval 1000ms refresh 2000ms'"
	out=$(rctl "$HOST" gateway set r0 vrid 5 state active 2>&1 >/dev/null)
	rc=$?
	check "state active: exit 0" test "$rc" -eq 0
	check "state active: one warning line on stderr" one_active_warning "$out"
	diag "$out"
	check "it is active" rgw_is '.[0].state == "active"'
	out=$(rctl "$HOST" gateway set r0 vrid 5 state master 2>&1 >/dev/null)
	check "state master: no warning" test -z "$out"
	check "gateway set refresh off" rctl "$HOST" gateway set r0 vrid 5 refresh off
	check "show -j: refresh_interval_ms 0" rgw_is '.[0].refresh_interval_ms == 0'
	check "show text: refresh off" eval "rctl '$HOST' gateway show r0 | grep -q 'refresh off$'"
	check "refresh 999 refused" rctl_fails 2 \
		'gateway set: invalid refresh "999" (expected off or 1000 to 3600000 (ms))' \
		gateway set r0 vrid 5 refresh 999
	log_test "$name"
}

test_gw_cli_errors()
{
	local name="gateway: redundctl refuses bad input, surfaces kernel extack"

	setup || { log_test "$name"; return; }
	check "bad VRID" rctl_fails 2 \
		'gateway add: invalid vrid "256" (expected 1 to 255)' \
		gateway add r0 vrid 256
	check "bad IP" rctl_fails 2 \
		'gateway add: invalid address "10.0.0.256" (expected an IPv4 or IPv6 address)' \
		gateway add r0 vrid 5 address 10.0.0.256
	check "IPv6 address in an inet gateway" rctl_fails 2 \
		"gateway add: address $VIP6 is IPv6, but the gateway's family is inet" \
		gateway add r0 vrid 5 family inet address "$VIP6"
	check "master without persist" rctl_fails 2 \
		"gateway add: state master needs persist on" \
		gateway add r0 vrid 5 state master persist off
	check "unknown device" rctl_fails 1 "device r9 does not exist" \
		gateway add r9 vrid 5
	check "not a redund device" rctl_fails 1 "hv0 is not a redund device" \
		gateway add hv0 vrid 5
	check "nothing was added" rgw_is 'length == 0'

	check "gateway add" rctl "$HOST" gateway add r0 vrid 5 address "$VIP4"
	check "duplicate: kernel extack" rctl_fails 1 \
		"gateway add r0 vrid 5 inet: A gateway with this VRID and family exists on this device (File exists)" \
		gateway add r0 vrid 5
	check "multicast VIP: kernel extack" rctl_fails 1 \
		"gateway add r0 vrid 7 inet: Virtual IP must be a unicast address (Invalid argument)" \
		gateway add r0 vrid 7 address 224.0.0.18
	check "announce of a backup: kernel extack" rctl_fails 1 \
		"gateway announce r0 vrid 5 inet: A backup gateway does not announce" \
		gateway announce r0 vrid 5
	check "set of a missing gateway: kernel extack" rctl_fails 1 \
		"gateway set r0 vrid 5 inet6: No gateway with this VRID and family on this device (No such file or directory)" \
		gateway set r0 vrid 5 family inet6 state backup
	check "backup without persist, for a controller to adopt" \
		rctl "$HOST" gateway add r0 vrid 6 address "$VIP6" persist off
	check "orphan made master: kernel extack" rctl_fails 1 \
		"gateway set r0 vrid 6 inet6: Owner socket of the gateway is gone: adopt it or make it persist" \
		gateway set r0 vrid 6 family inet6 state master
	check "... and with persist on it works" rctl "$HOST" gateway set r0 vrid 6 \
		family inet6 state master persist on
	check "the IPv6 gateway is master, persistent" rgw_is \
		'.[1] | .state == "master" and .persist == true'
	check "the IPv4 gateway is unchanged" rgw_is \
		".[0] | .state == \"backup\" and .addresses == [\"$VIP4\"]"
	log_test "$name"
}

test_gw_cli_monitor()
{
	local name="gateway: redundctl monitor prints gw_new, gw_change, gw_del"

	setup || { log_test "$name"; return; }
	monitor_start "$HOST" || { fail "monitor did not start"; log_test "$name"; return; }
	check "gateway add" rctl "$HOST" gateway add r0 vrid 5 address "$VIP4" state master
	check_event "gw_new" '.event == "gw_new" and .ifname == "r0" and
		.gateway.vrid == 5 and .gateway.family == "inet" and
		.gateway.state == "master" and .gateway.persist == true and
		.gateway.addresses == ["'"$VIP4"'"]'
	# Its owner (that redundctl) is gone: the kernel says so.
	check_event "gw_change owner_gone, still master" '.event == "gw_change" and
		.reason == "owner_gone" and .gateway.state == "master" and
		.gateway.owner == 0'
	check "gateway set" rctl "$HOST" gateway set r0 vrid 5 state backup
	check_event "gw_change admin" '.event == "gw_change" and .reason == "admin" and
		.gateway.state == "backup"'
	check "gateway del" rctl "$HOST" gateway del r0 vrid 5
	check_event "gw_del" '.event == "gw_del" and .gateway.vrid == 5 and
		.gateway.mac == "'"$VMAC4"'" and (.gateway | has("state") | not)'
	log_test "$name"
}

selftest_main
