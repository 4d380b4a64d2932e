#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# VRRP interop: `redundctl vrrp` against keepalived (VRRP v3 over IPv4 and
# IPv6, v2 over IPv4) and against FRR's vrrpd (v3, IPv4 and IPv6), in both
# roles, with a client pinging the virtual IP across every takeover.
#
#   "r1"                        "sw"                       "r2"
#   +----------------------+    +--------------------+     +-----------------------+
#   | r0 (redund)          |    | br0 (no snooping)  |     | p0 10.0.0.2/24        |
#   |  10.0.0.1/24         |    |                    |     |    2001:db8::2/64     |
#   |  2001:db8::1/64      |    |                    |     | keepalived on p0, or  |
#   |  +-- hv0 ===================== s1   s2 ================ p0 zebra + vrrpd with |
#   | redundctl vrrp r0    |    |        sc          |     | macvlan vrrp4-2-5 /   |
#   +----------------------+    +---------||---------+     | vrrp6-2-5 (vmac, VIP) |
#                                         ||               +-----------------------+
#                               "client" c0 10.0.0.10/24 2001:db8::10/64
#
# One virtual router, VRID 5, VIP 10.0.0.100 or 2001:db8::100, advert
# interval 1 s. Each case runs four phases, one TAP line each:
#   1. redund priority 200, peer 100: redund master, the peer backup (and
#      stays so: it accepts redund's adverts);
#   2. redund stops (SIGTERM: its own priority-0 advert; kill -9 against
#      keepalived v2 IPv4 and v3 IPv6: the kernel drops the gateway to
#      backup and sends the release, the priority-0 advert redund left with
#      it, which keepalived must log as received): the peer takes over, the
#      client's ping resumes;
#   3. redund starts again at priority 50: backup, counting the peer's
#      adverts with no checksum (IPv4 pseudo-header) or other drop;
#   4. the peer stops (priority-0 advert): redund takes over, the client
#      resolves the VIP to the virtual MAC again and its ping resumes.
# redund's view comes from its state file (r0.vrrp.5.FAMILY.json in R1's
# state directory)
# and `redundctl -j show`; keepalived's from a notify script writing the
# state to a file (its log lines "Entering ... STATE" are kept for diag);
# FRR's from `vtysh -c 'show vrrp json'`. The loss of the client's ping
# (one echo every 50 ms) is only reported: under QEMU software emulation
# the timers stretch too much to assert a takeover time.
# One more case heals a split brain (redund's adverts dropped on hv0 until
# keepalived takes over, then let through): the client, moved to p0's MAC
# by keepalived, must be back on the virtual MAC within 5 s.

ALL_TESTS="
	test_keepalived_v3_ipv4
	test_keepalived_v3_ipv6
	test_keepalived_v2_ipv4
	test_frr_v3_ipv4
	test_frr_v3_ipv6
	test_keepalived_split_brain
"

source "$(dirname "$0")/lib.sh"

SW=
R1=
R2=
CL=
VRID=5
VIP=
FAM=
PING6=
STATE_FILE=
PEER=
PEER_SRC=
RD_PID=
RD_N=0
RD_LOG=
KA_PID=
KA_LOG=
FRR_DIR=
FRR_ZEBRA_PID=
FRR_VRRPD_PID=
PING_PID=
PING_OUT=
PING_N=0
KEEPALIVED=${KEEPALIVED:-keepalived}
FRR_BIN=${FRR_BIN:-/usr/lib/frr}

# ------------------------------------------------------------------ setup

# setup FAMILY: the topology above, no daemon yet.
setup()
{
	local ns

	FAM=$1
	if [ "$FAM" = inet ]; then
		VIP=10.0.0.100
		PING6=-4
	else
		VIP=2001:db8::100
		PING6=-6
	fi
	module_load || { fail "insmod"; return 1; }
	ns_create SW sw || return 1
	ns_create R1 r1 || return 1
	STATE_FILE=$(state_dir "$R1")/r0.vrrp.$VRID.$FAM.json || return 1
	ns_create R2 r2 || return 1
	ns_create CL client || return 1
	# lib.sh turns IPv6 off; these cases need it (without DAD delays).
	for ns in "$R1" "$R2" "$CL"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
			net.ipv6.conf.default.disable_ipv6=0 \
			net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 >/dev/null || return 1
	done
	# Answer ARP only for addresses of the receiving interface: FRR keeps
	# the VIP on its macvlan, which p0 must not answer for.
	ip netns exec "$R2" sysctl -qw net.ipv4.conf.all.arp_ignore=1 >/dev/null
	ip -n "$SW" link add br0 type bridge mcast_snooping 0 || return 1
	ip -n "$SW" link set br0 up || return 1
	veth_pair "$R1" hv0 "$SW" s1 || return 1
	veth_pair "$R2" p0 "$SW" s2 || return 1
	veth_pair "$CL" c0 "$SW" sc || return 1
	for ns in s1 s2 sc; do
		ip -n "$SW" link set "$ns" master br0 || return 1
		ip -n "$SW" link set "$ns" up || return 1
	done
	ip -n "$R1" link add r0 type redund || return 1
	ip -n "$R1" link set hv0 master r0 || return 1
	ip -n "$R1" addr add 10.0.0.1/24 dev r0 || return 1
	ip -n "$R1" addr add 2001:db8::1/64 dev r0 nodad || return 1
	ip -n "$R1" link set r0 up || return 1
	ip -n "$R2" addr add 10.0.0.2/24 dev p0 || return 1
	ip -n "$R2" addr add 2001:db8::2/64 dev p0 nodad || return 1
	ip -n "$R2" link set p0 up || return 1
	ip -n "$CL" addr add 10.0.0.10/24 dev c0 || return 1
	ip -n "$CL" addr add 2001:db8::10/64 dev c0 nodad || return 1
	ip -n "$CL" link set c0 up || return 1
	check_wait "hv0 active" 15 active_port_is "$R1" r0 hv0 || return 1
	# redund's IPv6 adverts come from r0's link-local address.
	check_wait "r0 has a link-local address" 15 has_ll "$R1" r0 || return 1
	check_wait "p0 has a link-local address" 15 has_ll "$R2" p0
}

# ll_of NS DEV: DEV's IPv6 link-local address.
ll_of()
{
	ip -n "$1" -j addr show dev "$2" scope link |
		jq -r '[.[0].addr_info[] | select(.family == "inet6") | .local][0] // empty'
}

has_ll()
{
	[ -n "$(ll_of "$1" "$2")" ]
}

# ---------------------------------------------------------------- redund

# redund_start PRIORITY VERSION: `redundctl vrrp r0` in R1, in the
# background (RD_PID), each run logging to its own file (RD_LOG).
redund_start()
{
	RD_N=$((RD_N + 1))
	RD_LOG=$TMPD/redund.$RD_N.log
	bg_start RD_PID "$RD_LOG" ip netns exec "$R1" "$REDUNDCTL" vrrp r0 \
		--vrid "$VRID" --address "$VIP" --priority "$1" --version "$2" \
		--interval 1s
}

# redund_stop SIGNAL: stop the daemon; for TERM, it must exit 0.
redund_stop()
{
	local rc

	kill "-$1" "$RD_PID" 2>/dev/null
	# (Quiet: bash reports a job killed by a signal.)
	{ wait "$RD_PID"; } 2>/dev/null
	rc=$?
	bg_stop "$RD_PID"
	if [ "$1" = TERM ]; then
		check "redundctl vrrp exits 0 on SIGTERM" test "$rc" -eq 0
	fi
	diag "redundctl vrrp ($1) exited $rc; its log:"
	diag "$(tail -n 15 "$RD_LOG" | sed 's/^/  | /')"
}

# rstate_is JQ: the filter holds for redund's state file.
rstate_is()
{
	jq -e "$1" "$STATE_FILE" >/dev/null 2>&1
}

rstate_get()
{
	jq -c "$1" "$STATE_FILE" 2>/dev/null
}

redund_state_is()
{
	rstate_is ".state == \"$1\" and .pid == $RD_PID"
}

redund_diag()
{
	diag "redund log ($RD_LOG):"
	diag "$(tail -n 20 "$RD_LOG" | sed 's/^/  | /')"
	diag "state file: $(jq -c 'del(.counters.drops)' "$STATE_FILE" 2>&1)"
	diag "drops: $(rstate_get .counters.drops)"
	diag "$(rctl "$R1" gateway show r0 2>&1 | sed 's/^/  | /')"
}

# ------------------------------------------------------------- keepalived

ka_start()
{
	local prio=$1 ver=$2 plen=32

	[ "$FAM" = inet6 ] && plen=128
	cat >"$TMPD/ka-notify.sh" <<-EOF
		#!/bin/sh
		# INSTANCE NAME STATE PRIORITY
		echo "\$(date +%s.%N) \$*" >>"$TMPD/ka.notify"
		echo "\$3" >"$TMPD/ka.state.new" && mv "$TMPD/ka.state.new" "$TMPD/ka.state"
	EOF
	chmod 0755 "$TMPD/ka-notify.sh"
	rm -f "$TMPD/ka.state" "$TMPD/ka.notify"
	# Debian's keepalived wants each keyword on a line of its own.
	cat >"$TMPD/keepalived.conf" <<-EOF
		global_defs {
		router_id redund_selftest
		script_user root
		enable_script_security
		}
		vrrp_instance VI_$VRID {
		state BACKUP
		interface p0
		virtual_router_id $VRID
		priority $prio
		advert_int 1
		version $ver
		notify $TMPD/ka-notify.sh
		virtual_ipaddress {
		$VIP/$plen
		}
		}
	EOF
	KA_LOG=$TMPD/keepalived.log
	# -n: foreground (KA_PID is the parent; it stops its VRRP child), -l:
	# log to the console (our log file), -D: details, -P: VRRP only.
	bg_start KA_PID "$KA_LOG" ip netns exec "$R2" "$KEEPALIVED" -n -l -D -P \
		-f "$TMPD/keepalived.conf" -p "$TMPD/keepalived.pid" \
		-r "$TMPD/keepalived-vrrp.pid"
}

ka_stop()
{
	kill "$KA_PID" 2>/dev/null
	wait "$KA_PID"
	bg_stop "$KA_PID"
}

# ka_state: MASTER, BACKUP, FAULT, STOP, or nothing yet.
ka_state()
{
	cat "$TMPD/ka.state" 2>/dev/null
}

ka_diag()
{
	diag "keepalived notify calls:"
	diag "$(sed 's/^/  | /' "$TMPD/ka.notify" 2>/dev/null)"
	diag "keepalived log, state lines:"
	diag "$(grep -E 'STATE|priority|checksum|invalid|error' "$KA_LOG" | tail -n 20 | sed 's/^/  | /')"
}

# -------------------------------------------------------------------- FRR

# frr_start PRIORITY: zebra and vrrpd in R2, in the foreground, with their
# own socket directory; the macvlan carrying the virtual MAC and the VIP.
frr_start()
{
	local prio=$1 mv mac kw

	if [ "$FAM" = inet ]; then
		mv=vrrp4-2-$VRID
		mac=$(printf '00:00:5e:00:01:%02x' "$VRID")
		kw=ip
	else
		mv=vrrp6-2-$VRID
		mac=$(printf '00:00:5e:00:02:%02x' "$VRID")
		kw=ipv6
	fi
	ip -n "$R2" link add link p0 name "$mv" type macvlan mode bridge || return 1
	ip -n "$R2" link set "$mv" address "$mac" || return 1
	ip -n "$R2" link set "$mv" addrgenmode random || return 1
	ip -n "$R2" addr add "$VIP" dev "$mv" nodad 2>/dev/null ||
		ip -n "$R2" addr add "$VIP" dev "$mv" || return 1
	ip -n "$R2" link set "$mv" up || return 1
	# Under the frr user, which must reach the sockets: not in TMPD (0700).
	FRR_DIR=$(mktemp -d /tmp/redund-frr.XXXXXX) || return 1
	chmod 0755 "$FRR_DIR"
	: >"$FRR_DIR/zebra.conf"
	cat >"$FRR_DIR/vrrpd.conf" <<-EOF
		interface p0
		 vrrp $VRID version 3
		 vrrp $VRID priority $prio
		 vrrp $VRID advertisement-interval 1000
		 vrrp $VRID $kw $VIP
	EOF
	chown -R frr:frr "$FRR_DIR" || return 1
	bg_start FRR_ZEBRA_PID "$TMPD/zebra.out" ip netns exec "$R2" \
		"$FRR_BIN/zebra" -z "$FRR_DIR/zserv.api" --vty_socket "$FRR_DIR" \
		-i "$FRR_DIR/zebra.pid" -f "$FRR_DIR/zebra.conf" -u frr -g frr \
		--log "file:$FRR_DIR/zebra.log"
	wait_until 30 test -S "$FRR_DIR/zserv.api" ||
		{ fail "zebra did not start"; diag "$(cat "$TMPD/zebra.out")"; return 1; }
	bg_start FRR_VRRPD_PID "$TMPD/vrrpd.out" ip netns exec "$R2" \
		"$FRR_BIN/vrrpd" -z "$FRR_DIR/zserv.api" --vty_socket "$FRR_DIR" \
		-i "$FRR_DIR/vrrpd.pid" -f "$FRR_DIR/vrrpd.conf" -u frr -g frr \
		--log "file:$FRR_DIR/vrrpd.log"
}

frr_stop()
{
	kill "$FRR_VRRPD_PID" 2>/dev/null
	wait "$FRR_VRRPD_PID"
	bg_stop "$FRR_VRRPD_PID"
}

frr_teardown()
{
	[ -n "$FRR_ZEBRA_PID" ] && bg_stop "$FRR_ZEBRA_PID"
	[ -n "$FRR_VRRPD_PID" ] && bg_stop "$FRR_VRRPD_PID"
	FRR_ZEBRA_PID=
	FRR_VRRPD_PID=
	[ -n "$FRR_DIR" ] && rm -rf "$FRR_DIR"
	FRR_DIR=
}

# frr_get JQ: one field of vrrpd's view of our router, for our family.
frr_get()
{
	local f=v4

	[ "$FAM" = inet6 ] && f=v6
	ip netns exec "$R2" vtysh --vty_socket "$FRR_DIR" -c 'show vrrp json' |
		jq -c ".[] | select(.vrid == $VRID) | .$f | $1"
}

frr_diag()
{
	diag "vrrpd: $(frr_get . 2>&1)"
	diag "vrrpd log:"
	diag "$(grep -vE 'Refusing to start' "$FRR_DIR/vrrpd.log" 2>/dev/null | tail -n 15 | sed 's/^/  | /')"
}

# ------------------------------------------------------------ peer, generic

peer_start()
{
	case $PEER in
	keepalived) ka_start "$1" "$2" ;;
	frr) frr_start "$1" ;;
	esac
}

peer_stop()
{
	case $PEER in
	keepalived) ka_stop ;;
	frr) frr_stop ;;
	esac
}

# peer_state: master, backup, or something else, lower case.
peer_state()
{
	case $PEER in
	keepalived) ka_state | tr '[:upper:]' '[:lower:]' ;;
	frr) frr_get .status | tr -d '"' | tr '[:upper:]' '[:lower:]' ;;
	esac
}

peer_state_is()
{
	[ "$(peer_state)" = "$1" ]
}

# peer_was_master: the peer has been master since it started.
peer_was_master()
{
	case $PEER in
	keepalived) grep -q ' MASTER ' "$TMPD/ka.notify" 2>/dev/null ;;
	frr) [ "$(frr_get .stats.adverTx)" -gt 0 ] ;;
	esac
}

peer_diag()
{
	case $PEER in
	keepalived) ka_diag ;;
	frr) frr_diag ;;
	esac
}

# peer_src: the source address of the peer's adverts.
peer_src()
{
	if [ "$FAM" = inet ]; then
		echo 10.0.0.2
	elif [ "$PEER" = frr ]; then
		ll_of "$R2" "vrrp6-2-$VRID"
	else
		ll_of "$R2" p0
	fi
}

# ------------------------------------------------------------------ client

client_ping_ok()
{
	ip netns exec "$CL" ping "$PING6" -c 1 -W 1 "$VIP" >/dev/null 2>&1
}

client_neigh_is()
{
	ip -n "$CL" neigh show dev c0 to "$VIP" | grep -qi "lladdr $1"
}

# ping_start: the client pings the VIP every 50 ms, with timestamps.
ping_start()
{
	PING_N=$((PING_N + 1))
	PING_OUT=$TMPD/ping.$PING_N
	bg_start PING_PID "$PING_OUT" ip netns exec "$CL" \
		ping "$PING6" -D -n -i 0.05 -W 1 "$VIP"
	wait_until 20 grep -q 'bytes from' "$PING_OUT" ||
		diag "client ping: no reply before the takeover"
}

# ping_report WHAT: stop the ping; report echoes sent, lost, longest gap.
ping_report()
{
	kill -INT "$PING_PID" 2>/dev/null
	wait "$PING_PID" 2>/dev/null
	bg_stop "$PING_PID"
	# shellcheck disable=SC2016 # awk's own $N
	diag "$1: client ping every 50 ms: $(awk '
		/bytes from/ {
			t = substr($1, 2, length($1) - 2) + 0
			match($0, /icmp_seq=[0-9]+/)
			s = substr($0, RSTART + 9, RLENGTH - 9) + 0
			if (n && t - last > gap) gap = t - last
			if (!n || s > maxs) maxs = s
			if (!n) mins = s
			last = t; n++
		}
		/packets transmitted/ { sent = $1 }
		END {
			printf "%d sent, %d answered, %d lost before the last answer, longest gap %.0f ms",
				sent, n, (maxs - mins + 1) - n, gap * 1000
		}' "$PING_OUT")"
}

# ------------------------------------------------------------------ the case

# check_no_bad_drops: redund dropped none of the peer's adverts as
# malformed: checksum (with the IPv4 pseudo-header), TTL, version, length.
check_no_bad_drops()
{
	check "no advert dropped: bad checksum, TTL, version, length, type" rstate_is \
		'.counters.drops | .bad_checksum == 0 and .bad_ttl == 0 and
		 .bad_version == 0 and .truncated == 0 and .bad_type == 0'
	diag "redund's drop counters: $(rstate_get .counters.drops)"
}

# interop_case PEER VERSION FAMILY: the four phases of the header.
interop_case()
{
	local ver=$2 name stop_sig=TERM vmac n0 peer_mac

	PEER=$1
	name="vrrp interop: $PEER v$ver $3"
	# The kernel's release, checked by keepalived: both versions and both
	# families, as the module builds the IP header for each.
	[ "$PEER" = keepalived ] && [ "$ver" = 2 -o "$3" = inet6 ] && stop_sig=KILL
	if [ "$3" = inet ]; then
		vmac=$(printf '00:00:5e:00:01:%02x' "$VRID")
	else
		vmac=$(printf '00:00:5e:00:02:%02x' "$VRID")
	fi

	# 1. redund higher: master; the peer backup.
	if ! setup "$3"; then
		log_test "$name: redund master (200), $PEER backup (100)"
		return
	fi
	peer_mac=$(link_get "$R2" p0 .address)
	redund_start 200 "$ver"
	check_wait "redund master" 40 redund_state_is master
	if ! peer_start 100 "$ver"; then
		log_test "$name: redund master (200), $PEER backup (100)"
		return
	fi
	check_wait "$PEER backup" 40 peer_state_is backup
	PEER_SRC=$(peer_src)
	n0=$(rstate_get .counters.adverts_out)
	# The peer keeps hearing redund: five more adverts, still backup.
	check_wait "redund sent 5 more adverts" 30 \
		rstate_is ".counters.adverts_out >= ${n0:-0} + 5"
	check "$PEER still backup" peer_state_is backup
	check "$PEER never became master" eval '! peer_was_master'
	check "redund still master" redund_state_is master
	if [ "$PEER" = frr ]; then
		check "vrrpd counted redund's adverts" \
			test "$(frr_get .stats.adverRx)" -ge 5
	fi
	check "redundctl -j show lists the router, master" rshow_is "$R1" r0 \
		".vrrp | length == 1 and (.[0] | .vrid == $VRID and .family == \"$FAM\" and
		 .state == \"master\" and .version == $ver and .priority == 200 and
		 .virtual_mac == \"$vmac\" and .addresses == [\"$VIP\"])" ||
		diag "redundctl -j show r0: .vrrp = $(rctl "$R1" -j show r0 | jq -c '.[0].vrrp')"
	check_wait "client pings the VIP" 30 client_ping_ok
	check "client resolved the VIP to the virtual MAC" client_neigh_is "$vmac"
	[ "$RET" -ne 0 ] && { redund_diag; peer_diag; }
	log_test "$name: redund master (200), $PEER backup (100)"

	# 2. redund stops: the peer takes over.
	RET=0
	ping_start
	redund_stop "$stop_sig"
	check_wait "$PEER master" 40 peer_state_is master
	check_wait "client pings the VIP" 30 client_ping_ok
	if [ "$PEER" = keepalived ]; then
		# keepalived uses p0's own MAC for the VIP.
		check_wait "client resolved the VIP to p0's MAC" 15 client_neigh_is "$peer_mac"
	fi
	if [ "$stop_sig" = KILL ]; then
		check "the kernel sent the release" eval \
			"rctl '$R1' -j gateway show r0 | jq -e '.[0].stats.releases == 1' >/dev/null"
		check_wait "keepalived took the kernel's priority-0 release" 10 \
			grep -q "Backup received priority 0 advertisement" "$KA_LOG"
	fi
	ping_report "redund stopped (SIG$stop_sig)"
	[ "$RET" -ne 0 ] && { redund_diag; peer_diag; }
	log_test "$name: redund stops (SIG$stop_sig), $PEER takes over"

	# 3. The peer higher: redund comes back as backup.
	RET=0
	redund_start 50 "$ver"
	check_wait "redund backup" 40 redund_state_is backup
	check_wait "redund counted 5 adverts from $PEER ($PEER_SRC)" 30 rstate_is \
		".counters.adverts_in >= 5 and .master_address == \"$PEER_SRC\" and
		 .master_priority == 100"
	check "redund still backup, never master" rstate_is \
		'.state == "backup" and .counters.became_master == 0'
	check_no_bad_drops
	check "$PEER still master" peer_state_is master
	check "client pings the VIP" client_ping_ok
	[ "$RET" -ne 0 ] && { redund_diag; peer_diag; }
	log_test "$name: $PEER master (100), redund backup (50), no advert dropped"

	# 4. The peer stops: redund takes over.
	RET=0
	ping_start
	n0=$(rstate_get .counters.priority_zero_in)
	peer_stop
	check_wait "redund master" 40 redund_state_is master
	check "$PEER's priority-0 advert counted" \
		rstate_is ".counters.priority_zero_in > ${n0:-0}"
	check_wait "client resolved the VIP to the virtual MAC again" 30 \
		client_neigh_is "$vmac"
	check_wait "client pings the VIP" 30 client_ping_ok
	ping_report "$PEER stopped"
	check_no_bad_drops
	[ "$RET" -ne 0 ] && { redund_diag; peer_diag; }
	[ "$PEER" = frr ] && frr_teardown
	log_test "$name: $PEER stops, redund takes over"
}

# A split brain heals: redund's adverts are lost for a while, keepalived
# takes over and moves the client to p0's MAC; when the adverts pass again
# keepalived yields to the higher priority and drops the VIP. The client
# must be back on the virtual MAC within 5 s: a master that re-announces
# when it hears a lower-priority advert (keepalived, as master, answers one
# with its own advert and gratuitous ARPs) gets it there within an advert
# interval or two; left to neighbour unreachability detection the client
# needs at least 8 s (5 s DELAY, three 1 s unicast probes to p0's MAC,
# which no longer answers), and longer while its entry is REACHABLE.
test_keepalived_split_brain()
{
	local name="vrrp interop: keepalived v3 inet: split brain heals, the client follows the master"
	local vmac=00:00:5e:00:01:05 peer_mac n0 t0 arp_pid

	if ! require_peer keepalived; then
		log_test_skip "$name" "keepalived not installed"
		return
	fi
	PEER=keepalived
	setup inet || { log_test "$name"; return; }
	peer_mac=$(link_get "$R2" p0 .address)
	redund_start 200 3
	check_wait "redund master" 40 redund_state_is master
	ka_start 100 3
	check_wait "keepalived backup" 40 peer_state_is backup
	check_wait "client pings the VIP" 30 client_ping_ok
	# What the client hears: redund, still master by priority, announces
	# again on each of keepalived's lower priority adverts, so the client's
	# entry may be back on the virtual MAC before a poll sees p0's.
	bg_start arp_pid "$TMPD/split-arp.log" ip netns exec "$CL" \
		tcpdump -l -n -e -i c0 arp
	ip netns exec "$R1" tc qdisc add dev hv0 clsact
	check "drop redund's adverts on hv0" ip netns exec "$R1" tc filter add dev hv0 \
		egress protocol ip prio 1 u32 match ip protocol 112 0xff action drop
	check_wait "keepalived master (split brain)" 40 peer_state_is master
	check_wait "client moved to p0's MAC, or heard keepalived claim the VIP" 15 \
		eval "client_neigh_is $peer_mac ||
			grep -qE '^[0-9:.]+ $peer_mac > .*(tell $VIP|$VIP is-at)' '$TMPD/split-arp.log'"
	bg_stop "$arp_pid"
	check "redund still master" redund_state_is master
	n0=$(rstate_get .counters.adverts_in)
	ip netns exec "$R1" tc qdisc del dev hv0 clsact
	check_wait "keepalived backup again" 30 peer_state_is backup
	diag "client after keepalived yielded: $(ip -n "$CL" neigh show dev c0 to "$VIP")"
	check "redund heard keepalived's adverts meanwhile" \
		rstate_is ".counters.adverts_in > ${n0:-0} and .state == \"master\""
	# A client with traffic: without, its stale entry would never be
	# resolved again.
	t0=$(now_us)
	ping_start
	if wait_until 90 client_neigh_is "$vmac"; then
		diag "client back on the virtual MAC $((($(now_us) - t0) / 1000)) ms after keepalived yielded"
		[ "$(($(now_us) - t0))" -le $((5 * TIMEOUT_SCALE * 1000000)) ] ||
			fail "client back on the virtual MAC only after 5s: the master did not re-announce"
	else
		fail "client not back on the virtual MAC after 90s"
	fi
	check_wait "client pings the VIP" 10 client_ping_ok
	ping_report "split brain healed"
	if [ "$RET" -ne 0 ]; then
		redund_diag
		peer_diag
		diag "client: $(ip -n "$CL" neigh show dev c0 to "$VIP")"
	fi
	log_test "$name"
}

require_peer()
{
	case $1 in
	keepalived) command -v "$KEEPALIVED" >/dev/null ;;
	frr) [ -x "$FRR_BIN/vrrpd" ] && [ -x "$FRR_BIN/zebra" ] &&
		command -v vtysh >/dev/null && id frr >/dev/null 2>&1 ;;
	esac
}

run_interop()
{
	if ! require_peer "$1"; then
		log_test_skip "vrrp interop: $1 v$2 $3" "$1 not installed"
		return
	fi
	interop_case "$@"
}

test_keepalived_v3_ipv4()
{
	run_interop keepalived 3 inet
}

test_keepalived_v3_ipv6()
{
	run_interop keepalived 3 inet6
}

test_keepalived_v2_ipv4()
{
	run_interop keepalived 2 inet
}

test_frr_v3_ipv4()
{
	run_interop frr 3 inet
}

test_frr_v3_ipv6()
{
	run_interop frr 3 inet6
}

selftest_main
