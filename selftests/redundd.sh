#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# redundd: one daemon and one config file for a host, against real peers.
#
#   "host" (redundd -c FILE)               "peer"
#   +-----------------------------+        +---------------------------+
#   | r0 lacp, fast  -- hv0 ========== pv0 -- bond0 802.3ad, fast      |
#   |                -- hv1 ========== pv1 --                          |
#   | r1 active-backup -- hv2 ==+  +---------------------------+      |
#   |  10.1.0.1/24, 2001:db8:1::1 |  "sw" br0 --- p0 "ka": keepalived,|
#   |  VRRP v3: vrid 5 inet       |          10.1.0.2, 2001:db8:1::2  |
#   |  (tracks check web), vrid 5 |          python3 http.server:8080 |
#   |  inet6, vrid 6 inet; static |          (GET /health)            |
#   |  gateway vrid 20            |                                   |
#   +-----------------------------+                                   |
#
# redundd creates r0 and r1 and enslaves their ports; the test adds r1's
# addresses afterwards, as the network configuration of a booting host
# would, so the routers start when their primary addresses appear.
# keepalived runs the same three routers at priority 100 and must stay
# backup. Cases:
#   test_config_errors  malformed files: FILE:LINE:COLUMN, non-zero exit,
#                       nothing created;
#   test_daemon         start (bonding aggregates both ports, the routers
#                       master, the HTTP check up, `status -j` shows it
#                       all, and so does `show` without the state files);
#                       reloads (a VIP list changed, a router added
#                       and removed, a check changed, a broken file) with
#                       the untouched routers never changing state, no
#                       advert gap over 1.5 intervals in a capture, and
#                       bonding never losing a port; kill -9 and restart
#                       with bonding never losing a port and every
#                       gateway kept;
#   test_two_netns      two namespaces, each with its redundd and an r0:
#                       each sees only its own state;
#   test_sync_group     routers on two devices in a sync group against
#                       keepalived: one router's tracked uplink fails, both
#                       routers go to Fault and keepalived takes both
#                       addresses; the uplink returns, both are master
#                       again.

ALL_TESTS="
	test_config_errors
	test_daemon
	test_two_netns
	test_sync_group
"

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/bond_lib.sh"

REDUNDD=${REDUNDD:-$(dirname "$REDUNDCTL")/redundd}
HOST=
PEER=
SW=
KA=
RD_PID=
RD_N=0
RD_LOG=
CONF=
KA_PID=
KEEPALIVED=${KEEPALIVED:-keepalived}
# The reload and restart cases bound protocol times (an advert gap of 1.5
# intervals, bonding's LACP timeout) that no deadline scale stretches. On a
# slow kernel (REDUND_TIMEOUT_SCALE > 1, the debug kernel) the routers of
# test_daemon advertise every SCALE seconds and LACP runs at the slow rate
# (a 90 s timeout), so the same bounds keep their meaning there.
ADV_S=$TIMEOUT_SCALE
LACP_RATE=fast
BOND_STATE=63 # bond0's port states in sync (bond_lib.sh)
if [ "$TIMEOUT_SCALE" -gt 1 ]; then
	LACP_RATE=slow
	BOND_STATE=61
fi

# ------------------------------------------------------------------ redundd

# rd_start NS CONF: redundd -c CONF in NS, in the background (RD_PID),
# each run logging to its own file (RD_LOG); waits until it answers.
rd_start()
{
	RD_N=$((RD_N + 1))
	RD_LOG=$TMPD/redundd.$RD_N.log
	bg_start RD_PID "$RD_LOG" ip netns exec "$1" "$REDUNDD" -c "$2"
	check_wait "redundd answers status" 30 rctl "$1" status
}

# status NS: `redundctl -j status` in NS.
status()
{
	rctl "$1" -j status
}

# status_is NS JQ: the filter holds for NS's status.
status_is()
{
	status "$1" | jq -e "$2" >/dev/null 2>&1
}

# router JQ for the router of vrid $1, family $2 in a status document.
router_q()
{
	echo ".services.vrrp[] | select(.family == \"$2\") | .routers[] | select(.vrid == $1)"
}

routers_all_master()
{
	status_is "$HOST" "[.services.vrrp[].routers[].state] as \$s |
		(\$s | length) == $1 and all(\$s[]; . == \"master\")"
}

# counters NS: "VRID/FAMILY became_master became_backup" per router.
counters()
{
	status "$1" | jq -r '.services.vrrp[].routers[] |
		"\(.vrid)/\(.family) \(.counters.became_master) \(.counters.became_backup)"' | sort
}

rd_diag()
{
	diag "redundd log ($RD_LOG):"
	diag "$(tail -n 30 "$RD_LOG" | sed 's/^/  | /')"
	diag "status: $(status "$HOST" 2>&1 | jq -c '[.services.vrrp[].routers[] |
		{vrid, family, state, counters: (.counters | del(.drops))}]' 2>&1)"
	diag "keepalived: $(grep -H . "$TMPD"/ka.VI_* 2>&1 | tr '\n' ' ')"
	diag "$(grep -E 'STATE|Entering|error|rror' "$TMPD/keepalived.log" 2>&1 | tail -n 15 | sed 's/^/  | /')"
}

# ------------------------------------------------------------- keepalived

# ka_start VIPS5: keepalived with the three routers, VIPS5 the IPv4 VIPs
# of vrid 5 (keepalived ignores adverts whose VIP list differs from its own).
ka_start()
{
	ka_conf "$@"
	ka_run
}

# ka_run: keepalived in KA with $TMPD/keepalived.conf, in the foreground
# (KA_PID), VRRP only, logging to the console (our log file).
ka_run()
{
	bg_start KA_PID "$TMPD/keepalived.log" ip netns exec "$KA" "$KEEPALIVED" \
		-n -l -D -P -f "$TMPD/keepalived.conf" -p "$TMPD/keepalived.pid" \
		-r "$TMPD/keepalived-vrrp.pid"
}

# ka_head: the notify script, which writes each instance's state to
# $TMPD/ka.NAME, and the config's global part.
ka_head()
{
	cat >"$TMPD/ka-notify.sh" <<-EOF
		#!/bin/sh
		# INSTANCE NAME STATE PRIORITY
		echo "\$3" >"$TMPD/ka.\$2.new" && mv "$TMPD/ka.\$2.new" "$TMPD/ka.\$2"
	EOF
	chmod 0755 "$TMPD/ka-notify.sh"
	# Debian's keepalived wants each keyword on a line of its own.
	printf 'global_defs {\nrouter_id redundd_selftest\nscript_user root\n'
	printf 'enable_script_security\n}\n'
}

# ka_reload VIPS5: the same with another VIP list, read again on SIGHUP.
ka_reload()
{
	ka_conf "$@"
	kill -HUP "$(cat "$TMPD/keepalived.pid")"
}

ka_conf()
{
	{
		ka_head
		# shellcheck disable=SC2086 # a list by design
		ka_instance VI_5_4 5 $1
		ka_instance VI_5_6 5 2001:db8:1::100/128
		ka_instance VI_6_4 6 10.1.0.106/32
	} >"$TMPD/keepalived.conf"
}

# ka_instance NAME VRID VIP...: one vrrp_instance at priority 100, v3, 1 s.
ka_instance()
{
	local name=$1 vrid=$2 vip
	shift 2

	printf 'vrrp_instance %s {\nstate BACKUP\ninterface p0\n' "$name"
	printf 'virtual_router_id %s\npriority 100\nadvert_int %s\nversion 3\n' "$vrid" "$ADV_S"
	printf 'notify %s\nvirtual_ipaddress {\n' "$TMPD/ka-notify.sh"
	for vip in "$@"; do
		echo "$vip"
	done
	printf '}\n}\n'
}

# ka_all_backup: every keepalived instance says BACKUP.
ka_all_backup()
{
	local i

	for i in VI_5_4 VI_5_6 VI_6_4; do
		[ "$(cat "$TMPD/ka.$i" 2>/dev/null)" = BACKUP ] || return 1
	done
}

# ------------------------------------------------------------------ setup

# setup: the namespaces and links above, the peers running; no redundd.
setup()
{
	local ns

	module_load || { fail "insmod"; return 1; }
	modprobe bonding 2>/dev/null
	ns_create HOST host || return 1
	ns_create PEER peer || return 1
	ns_create SW sw || return 1
	ns_create KA ka || return 1
	# lib.sh turns IPv6 off; the IPv6 router needs it (without DAD).
	for ns in "$HOST" "$KA"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
			net.ipv6.conf.default.disable_ipv6=0 \
			net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 >/dev/null || return 1
	done
	veth_pair "$HOST" hv0 "$PEER" pv0 || return 1
	veth_pair "$HOST" hv1 "$PEER" pv1 || return 1
	ip -n "$PEER" link add bond0 type bond mode 802.3ad miimon 100 \
		lacp_rate "$LACP_RATE" || return 1
	ip -n "$PEER" link set pv0 master bond0 || return 1
	ip -n "$PEER" link set pv1 master bond0 || return 1
	ip -n "$PEER" link set bond0 up || return 1
	ip -n "$SW" link add br0 type bridge mcast_snooping 0 || return 1
	ip -n "$SW" link set br0 up || return 1
	veth_pair "$HOST" hv2 "$SW" s1 || return 1
	veth_pair "$KA" p0 "$SW" s2 || return 1
	for ns in s1 s2; do
		ip -n "$SW" link set "$ns" master br0 up || return 1
	done
	ip -n "$KA" addr add 10.1.0.2/24 dev p0 || return 1
	ip -n "$KA" addr add 2001:db8:1::2/64 dev p0 nodad || return 1
	ip -n "$KA" link set p0 up || return 1
	mkdir -p "$TMPD/www" && echo ok >"$TMPD/www/health"
	bg_start WEB_PID "$TMPD/web.log" ip netns exec "$KA" \
		python3 -m http.server --bind 10.1.0.2 --directory "$TMPD/www" 8080
}

# write_conf VIPS5 [EXTRA]: the host's config file: VIPS5 is vrid 5's IPv4
# list (TOML), EXTRA more text at the end; CHECK_INTERVAL the check's.
write_conf()
{
	cat >"$CONF" <<-EOF
		# redundd.sh
		[check.web]
		target = "http://10.1.0.2:8080/health"
		interval = "${CHECK_INTERVAL:-500ms}"

		[device.r0]
		mode = "lacp"
		hash = "l3+4"
		ports = ["hv0", "hv1"]

		[device.r0.lacp]
		rate = "$LACP_RATE"

		[device.r1]
		ports = ["hv2"]

		[[device.r1.vrrp]]
		vrid = 5
		address = $1
		priority = ${PRIO5:-200}
		interval = "${ADV_S}s"
		track-check = ["web"]

		[[device.r1.vrrp]]
		vrid = 5
		address = ["2001:db8:1::100"]
		priority = 200
		interval = "${ADV_S}s"

		[[device.r1.vrrp]]
		vrid = 6
		address = ["10.1.0.106"]
		priority = 200
		interval = "${ADV_S}s"

		[[device.r1.gateway]]
		vrid = 20
		address = ["10.1.0.254"]
		state = "active"
		${2:-}
	EOF
}

# reload DESC: `redundctl reload`, which must succeed, then the status
# must say one more reload with no error.
reload()
{
	local before

	before=$(status "$HOST" | jq '.daemon.reloads')
	check "$1: redundctl reload" rctl "$HOST" reload || return 1
	check "$1: status counts the reload" \
		status_is "$HOST" ".daemon.reloads == $((before + 1)) and
			(.daemon.last_reload_errors | length) == 0"
}

# adverts_gap PCAP VRID FAMILY: the longest time in ms between two adverts
# of one router in the capture (tshark's VRRP dissector).
adverts_gap()
{
	local ip=ip.src
	[ "$3" = inet6 ] && ip=ipv6.src
	tshark -r "$1" -Y "vrrp.virt_rtr_id == $2 && $ip" -T fields \
		-e frame.time_epoch 2>/dev/null |
		awk 'NR > 1 { g = ($1 - p) * 1000; if (g > m) m = g } { p = $1 }
			END { printf "%d\n", m }'
}

# ------------------------------------------------------------------ cases

test_config_errors()
{
	local name="redundd: malformed config files: FILE:LINE:COLUMN, exit 1, nothing applied"
	local f out

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create HOST host || { log_test "$name"; return; }
	# FILE LINE:COLUMN PATTERN, then the file's text.
	bad_file()
	{
		f=$TMPD/bad-$1.conf
		cat >"$f"
		out=$(ip netns exec "$HOST" "$REDUNDD" --check-config "$f" 2>&1)
		local rc=$?
		check "$1: exit 1" test "$rc" -eq 1 || diag "$out"
		check "$1: error at $f:$2" grep -qE "^$f:$2: .*($3)" <<<"$out" ||
			diag "$(sed 's/^/  | /' <<<"$out")"
	}
	bad_file unknown-key 3:1 'unknown' <<-'EOF'
		[device.r0]
		ports = ["hv0"]
		port = ["hv1"]
	EOF
	bad_file bad-vrid 3:8 'vrid' <<-'EOF'
		[device.r0]
		[[device.r0.vrrp]]
		vrid = 300
		address = ["10.0.0.100"]
	EOF
	bad_file bad-address 4:11 'address' <<-'EOF'
		[device.r0]
		[[device.r0.vrrp]]
		vrid = 3
		address = ["10.0.0.300"]
	EOF
	bad_file unknown-check 5:15 'web' <<-'EOF'
		[device.r0]
		[[device.r0.vrrp]]
		vrid = 3
		address = ["10.0.0.100"]
		track-check = ["web"]
	EOF
	bad_file syntax 2:7 'expected|parsing' <<-'EOF'
		[device.r0]
		ports ["hv0"]
	EOF
	bad_file multicast-vip 4:11 'unicast' <<-'EOF'
		[device.r0]
		[[device.r0.vrrp]]
		vrid = 3
		address = ["224.0.0.5"]
	EOF
	diag "$(cat "$TMPD"/bad-*.conf >/dev/null; ip netns exec "$HOST" "$REDUNDD" \
		--check-config "$TMPD/bad-unknown-check.conf" 2>&1 | sed 's/^/  | /')"
	# Running it with such a file applies nothing: no r0, no port moved.
	veth_pair "$HOST" hv0 "$HOST" hv9 || { log_test "$name"; return; }
	printf '[device.r0]\nports = ["hv0"]\n[[device.r0.vrrp]]\nvrid = 3\naddress = ["10.0.0.300"]\n' \
		>"$TMPD/half.conf"
	check_fail "redundd -c with an error exits non-zero" \
		ip netns exec "$HOST" timeout 20 "$REDUNDD" -c "$TMPD/half.conf"
	check "no r0 created" eval "! link_exists '$HOST' r0"
	check "hv0 not enslaved" eval "[ -z \"\$(link_get '$HOST' hv0 '.master // empty')\" ]"
	log_test "$name"
}

test_daemon()
{
	local name="redundd" s pcap cap_pid before after gap sampler out agg mon t0 gw_pid

	setup || { log_test "$name: setup"; return; }
	CONF=$TMPD/redund.conf
	write_conf '["10.1.0.100"]'
	ka_start 10.1.0.100/32
	rd_start "$HOST" "$CONF" || { rd_diag; log_test "$name: start"; return; }
	check "r0 created, hv0 and hv1 its ports" eval \
		"link_master_is '$HOST' hv0 r0 && link_master_is '$HOST' hv1 r0"
	check "r1 created, hv2 its port" link_master_is "$HOST" hv2 r1
	# The network configuration adds r1's addresses after redundd made r1.
	ip -n "$HOST" addr add 10.1.0.1/24 dev r1
	ip -n "$HOST" addr add 2001:db8:1::1/64 dev r1 nodad
	check_wait "bond0: pv0 and pv1 in its active aggregator, partner r0" 60 \
		bond_view_is pv0,pv1 "$(link_get "$HOST" r0 .address)"
	check_wait "the HTTP check is up" 30 \
		status_is "$HOST" '.services.checks[] | select(.name == "web") | .state == "up"'
	check_wait "the three routers are master" 60 routers_all_master 3
	check_wait "keepalived's three routers are backup" 30 ka_all_backup
	check "status -j: LACP on r0 with both ports, the gateway, the daemon" \
		status_is "$HOST" "(.services.lacp | length) == 1 and
			.services.lacp[0].device == \"r0\" and
			(.services.lacp[0].ports | length) == 2 and
			.services.gateways == [{\"device\": \"r1\", \"vrid\": 20, \"family\": \"inet\"}] and
			.daemon.config_file == \"$CONF\" and .daemon.pid == $RD_PID"
	check "status -j: the IPv6 router tracks nothing, vrid 5 inet tracks web" \
		status_is "$HOST" "($(router_q 5 inet) | .checks[0].name) == \"web\" and
			($(router_q 5 inet6) | .checks) == []"
	check "text status names every service" eval \
		"rctl '$HOST' status | grep -q 'vrid 5: master' && rctl '$HOST' status | grep -q 'check web: up'"
	# show takes the daemon's state from its control socket, not from the
	# state files: with those moved away it still shows all of it.
	mkdir -p "$TMPD/state-aside"
	mv "$(state_dir "$HOST")"/*.json "$TMPD/state-aside/"
	out=$(rctl "$HOST" -j show)
	mv -n "$TMPD/state-aside"/*.json "$(state_dir "$HOST")/"
	check "show -j, the state files moved away: r0's LACP, r1's three routers" json_is "$out" \
		'(.[] | select(.ifname == "r0") | .lacp.aggregate_up and
			([.ports[].lacp.mux] == ["collecting_distributing", "collecting_distributing"])) and
		 (.[] | select(.ifname == "r1") |
			[.vrrp[] | "\(.vrid) \(.family) \(.state)"] == ["5 inet master", "5 inet6 master", "6 inet master"])'
	[ "$RET" -ne 0 ] && { rd_diag; diag "bond0: $(bond_view)"; diag "show: $out"; }
	log_test "$name: start: LACP with bonding, VRRP v3 with keepalived, an HTTP check"
	RET=0

	# Reloads, watched by a capture on the switch and a bonding sampler.
	before=$(counters "$HOST")
	pcap=$TMPD/adverts.pcap
	bg_start cap_pid "$TMPD/tcpdump.log" ip netns exec "$SW" \
		tcpdump -i s1 -w "$pcap" -U 'ip proto 112 or ip6 proto 112'
	s=$TMPD/sampler
	bg_start sampler "$TMPD/sampler.log" ip netns exec "$PEER" \
		bash -c "source '$(dirname "$0")/lib.sh'; source '$(dirname "$0")/bond_lib.sh'; bond0_sampler '$s' $BOND_STATE"
	# monitor shows what redundd does, beside the kernel's events.
	bg_start mon "$TMPD/monitor.json" "$REDUNDCTL" -n "$HOST" -j monitor
	sleep 2
	# A VIP and a new priority for vrid 5 inet: changed in place.
	local c5
	c5=$(grep '^5/inet ' <<<"$before")
	PRIO5=190 write_conf '["10.1.0.100", "10.1.0.101"]'
	ka_reload "10.1.0.100/32 10.1.0.101/32"
	reload "a VIP added to vrid 5 inet, its priority 190"
	check_wait "vrid 5 inet is master with both VIPs and priority 190" 30 status_is "$HOST" \
		"$(router_q 5 inet) | .state == \"master\" and .priority == 190 and
			.addresses == [\"10.1.0.100\", \"10.1.0.101\"]"
	check "vrid 5 inet changed in place: no state change" \
		test "$(counters "$HOST" | grep '^5/inet ')" = "$c5"
	check "the log says so" grep -q "r1 vrid 5 inet: changed in place" "$RD_LOG"
	check_wait "the kernel gateway has both VIPs" 10 eval \
		"rctl '$HOST' -j gateway show r1 | jq -e '.[] | select(.vrid == 5 and .family == \"inet\") |
			.addresses == [\"10.1.0.100\", \"10.1.0.101\"]' >/dev/null"
	PRIO5=190 write_conf '["10.1.0.100", "10.1.0.101"]' '
[[device.r1.vrrp]]
vrid = 7
address = ["10.1.0.107"]
interval = "'"${ADV_S}"'s"'
	reload "vrid 7 added"
	check_wait "vrid 7 is master (no peer has it)" 30 status_is "$HOST" \
		"$(router_q 7 inet) | .state == \"master\""
	PRIO5=190 write_conf '["10.1.0.100", "10.1.0.101"]'
	reload "vrid 7 removed"
	check "vrid 7 is gone" eval "! status_is '$HOST' '$(router_q 7 inet)'"
	check "no gateway left for vrid 7" eval \
		"! rctl '$HOST' -j gateway show r1 | jq -e '.[] | select(.vrid == 7)' >/dev/null"
	PRIO5=190 CHECK_INTERVAL=300ms write_conf '["10.1.0.100", "10.1.0.101"]'
	reload "the check's interval changed"
	check_wait "the check runs every 300 ms" 10 status_is "$HOST" \
		'.services.checks[] | select(.name == "web") | .interval_ms == 300 and .state == "up"'
	check_wait "vrid 5 inet is master again" 30 status_is "$HOST" \
		"$(router_q 5 inet) | .state == \"master\""
	# A broken file: refused with FILE:LINE:COLUMN; the running one stays.
	cp "$CONF" "$TMPD/good.conf"
	printf 'nonsense here\n' >>"$CONF"
	check_fail "a broken file: redundctl reload fails" rctl "$HOST" reload
	check "its error names the file, line and column" \
		grep -qE "$CONF:[0-9]+:[0-9]+:" <<<"$LAST_OUT"
	check "status keeps the error" status_is "$HOST" \
		'(.daemon.last_reload_errors | length) > 0'
	check "the routers run on" routers_all_master 3
	cp "$TMPD/good.conf" "$CONF"
	check_wait "keepalived's three routers are backup" 30 ka_all_backup
	sleep 2
	bg_stop "$mon"
	check "monitor: four reloads applied, the broken one refused with its error" \
		jq -se "[.[] | select(.event == \"redundd\" and .kind == \"reload\") |
			.to] == [\"applied\", \"applied\", \"applied\", \"applied\", \"refused\"] and
			any(.[]; .kind == \"reload\" and (.detail | contains(\"$CONF:\")))" "$TMPD/monitor.json"
	check "monitor: the added vrid 7 became master" \
		jq -se '[.[] | select(.event == "redundd" and .object == "r1 vrid 7 inet") | .to] |
			index("master") != null' "$TMPD/monitor.json"
	[ "$RET" -ne 0 ] && diag "monitor: $(tail -n 20 "$TMPD/monitor.json")"
	touch "$s.stop"
	wait_until 10 test -s "$s"
	bg_stop "$sampler"
	bg_stop "$cap_pid"
	after=$(counters "$HOST")
	check "the untouched routers never changed state" eval \
		"[ \"$(grep -E '^(5/inet6|6/inet) ' <<<"$before")\" = \"$(grep -E '^(5/inet6|6/inet) ' <<<"$after")\" ]" ||
		diag "before: $before; after: $after"
	for r in "6 inet" "5 inet6"; do
		# shellcheck disable=SC2086 # two words by design
		gap=$(adverts_gap "$pcap" $r)
		diag "vrid ${r/ /, }: longest advert gap ${gap}ms over the reloads"
		check "vrid ${r/ /, }: no advert gap over 1.5 intervals (${gap}ms)" \
			test "${gap:-99999}" -gt 0 -a "${gap:-99999}" -le $((1500 * ADV_S))
	done
	read -r samples bad gone _ <"$s"
	diag "bond0 over the reloads: $samples samples, $gone with a port out of the aggregator, $bad not in sync"
	check "bond0 sampled ($samples)" test "${samples:-0}" -gt 20
	check "bond0 never lost a port" test "${gone:-1}" -eq 0
	check "bond0's LACP state never moved" test "${bad:-1}" -eq 0 ||
		diag "$(sed 's/^/  | /' "$s.bad" 2>/dev/null)"
	[ "$RET" -ne 0 ] && rd_diag
	log_test "$name: reloads change only what the file changed"
	RET=0

	# kill -9 and a restart at once: bonding must not see a flap, and the
	# static gateway stays in the kernel throughout.
	rm -f "$s" "$s.stop" "$s.bad"
	bg_start sampler "$TMPD/sampler.log" ip netns exec "$PEER" \
		bash -c "source '$(dirname "$0")/lib.sh'; source '$(dirname "$0")/bond_lib.sh'; bond0_sampler '$s' $BOND_STATE"
	sleep 1
	# At LACP's fast rate bonding takes a port out 3 s after the last
	# LACPDU (90 s at the slow rate of a slow kernel, see LACP_RATE), and
	# every exec is slow on the debug kernel: redundd starts again at once,
	# while the gateway is read beside it.
	t0=$(now_us)
	kill -9 "$RD_PID"
	wait "$RD_PID" 2>/dev/null
	bg_stop "$RD_PID"
	rctl "$HOST" -j gateway show r1 >"$TMPD/gateways-after-kill.json" 2>&1 &
	gw_pid=$!
	rd_start "$HOST" "$CONF"
	diag "redundd answered status $((($(now_us) - t0) / 1000)) ms after the kill"
	wait "$gw_pid"
	check "the static gateway outlives redundd" \
		jq -e '.[] | select(.vrid == 20 and .state == "active")' "$TMPD/gateways-after-kill.json" ||
		diag "$(cat "$TMPD/gateways-after-kill.json")"
	check_wait "the three routers are master again" 60 routers_all_master 3
	sleep 4
	touch "$s.stop"
	wait_until 10 test -s "$s"
	bg_stop "$sampler"
	read -r samples bad gone _ <"$s"
	diag "bond0 over the restart: $samples samples, $gone with a port out of the aggregator, $bad not in sync"
	check "bond0 sampled ($samples)" test "${samples:-0}" -gt 20
	check "bond0 never lost a port" test "${gone:-1}" -eq 0 ||
		diag "$(sed 's/^/  | /' "$s.bad" 2>/dev/null)"
	check "the gateway is re-adopted, not added again" \
		grep -q 'gateway r1 vrid 20: adopted' "$RD_LOG" ||
		diag "$(grep gateway "$RD_LOG")"
	check "status -j lists the gateway" status_is "$HOST" \
		'.services.gateways[0].vrid == 20'
	[ "$RET" -ne 0 ] && rd_diag
	log_test "$name: kill -9 and restart: no LACP flap, gateways kept"
	RET=0
	kill "$KA_PID" 2>/dev/null
}

test_two_netns()
{
	local name="redundd: two namespaces, each with an r0 and a redundd, each sees its own"
	local a b i

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create a one || { log_test "$name"; return; }
	ns_create b two || { log_test "$name"; return; }
	veth_pair "$a" x0 "$b" y0 || { log_test "$name"; return; }
	for i in 1 2; do
		local ns=$a port=x0 prio=150
		[ "$i" = 2 ] && { ns=$b; port=y0; prio=50; }
		cat >"$TMPD/ns$i.conf" <<-EOF
			[device.r0]
			ports = ["$port"]
			[[device.r0.vrrp]]
			vrid = 9
			address = ["10.9.0.100"]
			priority = $prio
			interval = "1s"
		EOF
		bg_start "RD$i" "$TMPD/ns$i.log" ip netns exec "$ns" "$REDUNDD" -c "$TMPD/ns$i.conf"
		check_wait "redundd $i answers" 30 rctl "$ns" status
		ip -n "$ns" addr add "10.9.0.$i/24" dev r0
	done
	check_wait "the namespace with priority 150 is master" 30 \
		rshow_is "$a" r0 '.vrrp[0].state == "master" and .vrrp[0].priority == 150'
	check_wait "the other is backup" 30 \
		rshow_is "$b" r0 '.vrrp[0].state == "backup" and .vrrp[0].priority == 50'
	check "each status names its own file" eval \
		"status_is '$a' '.daemon.config_file == \"$TMPD/ns1.conf\"' &&
		 status_is '$b' '.daemon.config_file == \"$TMPD/ns2.conf\"'"
	check "each keeps its state in its own directory" eval \
		"[ -s $(state_dir "$a")/r0.vrrp.9.inet.json ] && [ -s $(state_dir "$b")/r0.vrrp.9.inet.json ] &&
		 [ $(state_dir "$a") != $(state_dir "$b") ]"
	check_fail "no redundd answers in the initial namespace" "$REDUNDCTL" status
	log_test "$name"
}

# ka_is NAME STATE: keepalived's instance NAME says STATE.
ka_is()
{
	[ "$(cat "$TMPD/ka.$1" 2>/dev/null)" = "$2" ]
}

test_sync_group()
{
	local name="redundd: a sync group of routers on two devices fails over as one"
	local both

	module_load || { fail "insmod"; log_test "$name"; return; }
	ns_create HOST host || { log_test "$name"; return; }
	ns_create KA ka || { log_test "$name"; return; }
	veth_pair "$HOST" a0 "$KA" k0 || { log_test "$name"; return; }
	veth_pair "$HOST" a1 "$KA" k1 || { log_test "$name"; return; }
	ip -n "$KA" addr add 10.2.0.2/24 dev k0
	ip -n "$KA" addr add 10.3.0.2/24 dev k1
	ip -n "$KA" link set k0 up
	ip -n "$KA" link set k1 up
	# r1's router tracks an uplink (weight 0: down means fault).
	veth_pair "$HOST" uplink "$HOST" uplink-p || { log_test "$name"; return; }
	ip -n "$HOST" link set uplink up
	ip -n "$HOST" link set uplink-p up
	cat >"$TMPD/sync.conf" <<-EOF
		[device.r0]
		ports = ["a0"]
		[[device.r0.vrrp]]
		vrid = 1
		address = ["10.2.0.100"]
		priority = 200
		interval = "1s"
		[device.r1]
		ports = ["a1"]
		[[device.r1.vrrp]]
		vrid = 2
		address = ["10.3.0.100"]
		priority = 200
		interval = "1s"
		track-interface = ["uplink=0"]
		[sync-group.inside-outside]
		routers = ["r0:1", "r1:2"]
	EOF
	{
		ka_head
		ka_instance VI_1 1 10.2.0.100/32 | sed 's/interface p0/interface k0/'
		ka_instance VI_2 2 10.3.0.100/32 | sed 's/interface p0/interface k1/'
	} >"$TMPD/keepalived.conf"
	ka_run
	rd_start "$HOST" "$TMPD/sync.conf" || { rd_diag; log_test "$name"; return; }
	ip -n "$HOST" addr add 10.2.0.1/24 dev r0
	ip -n "$HOST" addr add 10.3.0.1/24 dev r1
	both=".services.vrrp[].routers[] | select(.vrid == 1 or .vrid == 2) | .state"
	check_wait "both routers master" 60 \
		status_is "$HOST" "[$both] == [\"master\", \"master\"]"
	check_wait "keepalived's both backup" 30 eval "ka_is VI_1 BACKUP && ka_is VI_2 BACKUP"
	# r1's uplink fails: its router faults, and the group with it.
	ip -n "$HOST" link set uplink-p down
	check_wait "both routers in fault" 30 \
		status_is "$HOST" "[$both] == [\"fault\", \"fault\"]"
	check_wait "keepalived master for both addresses" 30 \
		eval "ka_is VI_1 MASTER && ka_is VI_2 MASTER"
	check "the log says r0's router was held by its group" \
		grep -q "r0 vrid 1 inet: master -> fault" "$RD_LOG"
	ip -n "$HOST" link set uplink-p up
	check_wait "both routers master again" 60 \
		status_is "$HOST" "[$both] == [\"master\", \"master\"]"
	check_wait "keepalived's both backup again" 30 eval "ka_is VI_1 BACKUP && ka_is VI_2 BACKUP"
	[ "$RET" -ne 0 ] && rd_diag
	log_test "$name"
}

selftest_main
