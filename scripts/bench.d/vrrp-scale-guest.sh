#!/bin/bash
# Runs inside the guest (scripts/bench-vrrp-scale starts it). N virtual
# routers, VRRP v3 over IPv4, one VIP each, master priority 200, backup
# 100, adverts every INTERVAL_MS, on a master and a backup:
#
#   ns vs-a (master)                       ns vs-b (backup)
#  +---------------------------+          +---------------------------+
#  | rD over aD (redund), or   |==veth D==| rD over bD, or bD         |
#  | aD itself (keepalived)    |          |                           |
#  | 10.D.0.1/16               |          | 10.D.0.2/16               |
#  +---------------------------+          +---------------------------+
#
# D = 1..ceil(N/250): at most 250 VRIDs per device, router i on device
# 1 + i/250 with VRID 1 + i%250 and VIP 10.D.(i%250+1).100.
# redund: one redundd per side with one config file declaring every
# device and router. keepalived: one keepalived per side (parent and VRRP
# child) with N vrrp_instance blocks, without use_vmac, as Debian ships.
#
# Each kind starts on both sides; once every router is in its expected
# state (A master, B backup) or 120 s passed, the CPU time (utime + stime
# from /proc/PID/stat, children's included) of every daemon process of
# both sides is read, WINDOW seconds pass, and it is read again: the CPU
# figure is the difference. RSS is the sum of VmRSS over those processes
# at the end of the window. "in state" counts routers in the expected
# state at the end of the window: redundd's from `redundctl status -j`
# (which also gives the state changes within the window),
# keepalived's from the VIPs on the interfaces (keepalived puts a VIP on
# its interface exactly while master): N on A's side and none on B's.
set -euo pipefail
: "${REDUND_KO:?}" "${REDUNDCTL:?}"

COUNTS=${COUNTS:-100 1000}
WINDOW=${WINDOW:-20}
INTERVAL_MS=${INTERVAL_MS:-100}
KINDS=${KINDS:-redund keepalived}
# STATE_DIR: redundd's [daemon] state-dir when set ("" for none).
REDUNDD=$(dirname "$REDUNDCTL")/redundd
W=/tmp/bench-vrrp-scale
PIDS=()
declare -A CPU RSS OK

cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	PIDS=()
	pkill -9 keepalived 2>/dev/null || true
	ip netns del vs-a 2>/dev/null || true
	ip netns del vs-b 2>/dev/null || true
}
trap cleanup EXIT

now_s() { echo "${EPOCHREALTIME%.*}"; }

devices() { echo $((($1 + 249) / 250)); }

topology() { # kind n
	local kind=$1 n=$2 d ns
	cleanup
	for ns in vs-a vs-b; do
		ip netns add "$ns"
		ip -n "$ns" link set lo up
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
	done
	for ((d = 1; d <= $(devices "$n"); d++)); do
		ip -n vs-a link add "a$d" type veth peer name "b$d" netns vs-b
		ip -n vs-a link set "a$d" up
		ip -n vs-b link set "b$d" up
		if [ "$kind" = keepalived ]; then
			ip -n vs-a addr add "10.$d.0.1/16" dev "a$d"
			ip -n vs-b addr add "10.$d.0.2/16" dev "b$d"
		fi
	done
}

# redund_conf SIDE N PRIORITY: SIDE's redundd config.
redund_conf() {
	local side=$1 n=$2 prio=$3 i d v
	# STATE_DIR="" measures redundd without its state files.
	[ -z "${STATE_DIR+x}" ] || printf '[daemon]\nstate-dir = "%s"\n' "$STATE_DIR"
	for ((d = 1; d <= $(devices "$n"); d++)); do
		printf '[device.r%d]\nports = ["%s%d"]\n' "$d" "$side" "$d"
	done
	for ((i = 0; i < n; i++)); do
		d=$((1 + i / 250))
		v=$((1 + i % 250))
		printf '[[device.r%d.vrrp]]\nvrid = %d\naddress = ["10.%d.%d.100"]\n' "$d" "$v" "$d" "$v"
		printf 'priority = %d\ninterval = "%dms"\n' "$prio" "$INTERVAL_MS"
	done
}

# keepalived_conf IFPREFIX N PRIORITY
keepalived_conf() {
	local ifp=$1 n=$2 prio=$3 i d v
	printf 'global_defs {\nrouter_id bench\n}\n'
	for ((i = 0; i < n; i++)); do
		d=$((1 + i / 250))
		v=$((1 + i % 250))
		printf 'vrrp_instance VI_%d {\nstate BACKUP\ninterface %s%d\n' "$i" "$ifp" "$d"
		printf 'virtual_router_id %d\npriority %d\nadvert_int %s\nversion 3\n' \
			"$v" "$prio" "$(awk -v ms="$INTERVAL_MS" 'BEGIN { printf "%.2f", ms / 1000 }')"
		printf 'virtual_ipaddress {\n10.%d.%d.100/32\n}\n}\n' "$d" "$v"
	done
}

start() { # kind n
	local kind=$1 n=$2 side ns prio d
	mkdir -p "$W"
	for side in a b; do
		ns=vs-$side
		prio=200
		[ "$side" = b ] && prio=100
		if [ "$kind" = redund ]; then
			redund_conf "$side" "$n" "$prio" >"$W/$side.conf"
			ip netns exec "$ns" "$REDUNDD" -c "$W/$side.conf" --log-level warning \
				>"$W/$side.log" 2>&1 &
			PIDS+=($!)
		else
			keepalived_conf "$side" "$n" "$prio" >"$W/$side.ka.conf"
			ip netns exec "$ns" keepalived -n -l -P -f "$W/$side.ka.conf" \
				-p "$W/$side.ka.pid" -r "$W/$side.ka-vrrp.pid" >"$W/$side.log" 2>&1 &
			PIDS+=($!)
		fi
	done
	if [ "$kind" = redund ]; then
		# The devices exist once redundd answers; then their addresses,
		# as a network configuration would add them.
		for side in a b; do
			local t0
			t0=$(now_s)
			until ip netns exec "vs-$side" "$REDUNDCTL" status >/dev/null 2>&1; do
				if [ $(($(now_s) - t0)) -ge 60 ]; then
					echo "bench-vrrp-scale: redundd on $side does not answer; its log:" >&2
					tail -n 20 "$W/$side.log" >&2
					exit 1
				fi
				sleep 0.2
			done
		done
		for ((d = 1; d <= $(devices "$n"); d++)); do
			ip -n vs-a addr add "10.$d.0.1/16" dev "r$d"
			ip -n vs-b addr add "10.$d.0.2/16" dev "r$d"
		done
	fi
}

# in_state kind n: routers in the expected state (A master, B backup).
in_state() {
	local kind=$1 n=$2 a b
	if [ "$kind" = redund ]; then
		a=$(ip netns exec vs-a "$REDUNDCTL" -j status 2>/dev/null |
			jq '[.services.vrrp[].routers[] | select(.state == "master")] | length' || echo 0)
		b=$(ip netns exec vs-b "$REDUNDCTL" -j status 2>/dev/null |
			jq '[.services.vrrp[].routers[] | select(.state == "backup")] | length' || echo 0)
		echo $((a < b ? a : b))
	else
		a=$(ip -n vs-a -4 -o addr show | grep -c '\.100/32' || true)
		b=$(ip -n vs-b -4 -o addr show | grep -c '\.100/32' || true)
		echo $((a - b < 0 ? 0 : a - b))
	fi
}

# redund_diag: why routers are out of state: each side's routers by state,
# their transitions, and the adverts its raw sockets dropped (a full
# receive queue; /proc/net/raw's last column).
redund_diag() {
	local side
	for side in a b; do
		ip netns exec "vs-$side" "$REDUNDCTL" -j status 2>/dev/null | jq -r --arg side "$side" '
			[.services.vrrp[].routers[]] as $r |
			"bench-vrrp-scale:   side \($side): " +
			([$r[].state] | group_by(.) | map("\(.[0]) \(length)") | join(", ")) +
			"; became master \([$r[].counters.became_master] | add), backup \([$r[].counters.became_backup] | add)" +
			"; failed \([.services.vrrp[].failed[]] | length)"' ||
			echo "bench-vrrp-scale:   side $side: no status"
		# shellcheck disable=SC2016 # awk's fields
		echo "bench-vrrp-scale:   side $side: raw socket drops" \
			"$(ip netns exec "vs-$side" awk 'NR > 1 { d += $NF } END { print d + 0 }' /proc/net/raw)," \
			"links' drops $(ip -n "vs-$side" -s -j link show | jq -r \
				'map("\(.ifname) rx \(.stats64.rx.dropped) tx \(.stats64.tx.dropped)") | join(", ")')"
	done
	# Second column, in hex: packets the backlog queue (netdev_max_backlog)
	# refused.
	local dropped sum=0
	while read -r _ dropped _; do
		sum=$((sum + 16#$dropped))
	done </proc/net/softnet_stat
	echo "bench-vrrp-scale:   backlog drops $sum"
}

# transitions kind: the state changes both sides' routers counted so far:
# redund's counters, keepalived's "Entering ... STATE" log lines (the
# first BACKUP of each instance included, as redund counts it).
transitions() {
	local side sum=0 t
	if [ "$1" = keepalived ]; then
		cat "$W"/a.log "$W"/b.log 2>/dev/null | grep -Ec 'Entering (MASTER|BACKUP|FAULT) STATE' || true
		return
	fi
	for side in a b; do
		t=$(ip netns exec "vs-$side" "$REDUNDCTL" -j status 2>/dev/null | jq '[.services.vrrp[].routers[].counters |
			.became_master + .became_backup + .became_fault] | add') || { echo -; return; }
		sum=$((sum + t))
	done
	echo "$sum"
}

# The daemon processes of a kind, both sides.
pids_of() {
	if [ "$1" = redund ]; then
		pgrep -x redundd || true
	else
		pgrep -x keepalived || true
	fi
}

cpu_ticks() { # pids...: utime+stime+cutime+cstime
	local p sum=0 f
	for p in "$@"; do
		[ -r "/proc/$p/stat" ] || continue
		f=$(sed 's/^.*) //' "/proc/$p/stat")
		# shellcheck disable=SC2086 # fields by design
		set -- $f
		sum=$((sum + ${12} + ${13} + ${14} + ${15}))
	done
	echo "$sum"
}

rss_kb() {
	local p sum=0 kb
	for p in "$@"; do
		kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
		sum=$((sum + ${kb:-0}))
	done
	echo "$sum"
}

grep -q '^redund ' /proc/modules || insmod "$REDUND_KO"
hz=$(getconf CLK_TCK)
echo "bench-vrrp-scale: kernel $(uname -r), ${INTERVAL_MS} ms adverts, window ${WINDOW} s, $(nproc) CPUs"
for n in $COUNTS; do
	for kind in $KINDS; do
		topology "$kind" "$n"
		start "$kind" "$n"
		t0=$(now_s)
		until [ "$(in_state "$kind" "$n")" -ge "$n" ] || [ $(($(now_s) - t0)) -ge 120 ]; do
			sleep 1
		done
		converged=$(($(now_s) - t0))
		# (No process substitution: the guest has no /dev/fd.)
		# shellcheck disable=SC2207 # pids are words
		pids=($(pids_of "$kind"))
		# keepalived is a parent and a VRRP child per side: with one gone
		# (killed or crashed under load), that side does no VRRP work and
		# its figures do not compare.
		if [ "$kind" = keepalived ] && [ "${#pids[@]}" -ne 4 ]; then
			echo "bench-vrrp-scale: N=$n keepalived runs ${#pids[@]} processes, not 4: not comparable;" \
				"the end of its logs:"
			tail -n 5 "$W/a.log" "$W/b.log" | sed 's/^/bench-vrrp-scale:   /'
		fi
		t_before=$(transitions "$kind")
		c0=$(cpu_ticks "${pids[@]}")
		sleep "$WINDOW"
		c1=$(cpu_ticks "${pids[@]}")
		t_after=$(transitions "$kind")
		CPU[$n.$kind]=$(awk -v t=$((c1 - c0)) -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')
		RSS[$n.$kind]=$(($(rss_kb "${pids[@]}") / 1024))
		OK[$n.$kind]=$(in_state "$kind" "$n")
		flaps=-
		[ "$t_before" = - ] || [ "$t_after" = - ] || flaps=$((t_after - t_before))
		if [ "$kind" = redund ] && { [ "${OK[$n.$kind]}" -lt "$n" ] || [ "$flaps" != 0 ]; }; then
			redund_diag
		fi
		echo "bench-vrrp-scale: N=$n $kind: ${#pids[@]} processes, converged in ${converged}s," \
			"CPU ${CPU[$n.$kind]} s over ${WINDOW}s, RSS ${RSS[$n.$kind]} MB," \
			"${OK[$n.$kind]}/$n in state, $flaps state changes in the window"
		cleanup
	done
done

echo
printf '%-6s %-11s %10s %8s %10s\n' N kind "CPU s" "RSS MB" "in state"
for n in $COUNTS; do
	for kind in $KINDS; do
		printf '%-6s %-11s %10s %8s %10s\n' "$n" "$kind" "${CPU[$n.$kind]:--}" \
			"${RSS[$n.$kind]:--}" "${OK[$n.$kind]:--}/$n"
	done
	if [ -n "${CPU[$n.redund]:-}" ] && [ -n "${CPU[$n.keepalived]:-}" ]; then
		awk -v r="${CPU[$n.redund]}" -v k="${CPU[$n.keepalived]}" -v n="$n" \
			'BEGIN { printf "N=%s: CPU redund/keepalived %s\n", n, (k > 0 ? sprintf("%.2f", r / k) : "-") }'
	fi
done
