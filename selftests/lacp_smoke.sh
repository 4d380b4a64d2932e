#!/bin/bash
# LACP smoke test: `redundctl run` against the kernel's bonding driver in
# 802.3ad mode, and against itself. Run as root in a VM (scripts/vm-run),
# from the top of the tree:
#
#   scripts/vm-run -k 6.1 -t 600 -- bash selftests/lacp_smoke.sh
#
#   netns ha                                netns hb
#   +---------------------------+           +---------------------------+
#   | r0 (redund, lacp, l3+4)   |           | bond0 (802.3ad, fast)     |
#   | 10.0.0.1/24               |           | 10.0.0.2-21/24            |
#   |   a0 -------------------- veth ------------------- b0            |
#   |   a1 -------------------- veth ------------------- b1            |
#   | redundctl run r0          |           |                           |
#   +---------------------------+           +---------------------------+
#
# The passive/passive case puts a redund device r1 with a passive daemon in
# hb instead of bond0.
#
# Env: REDUND_KO (default build/kmod-$(uname -r)/kmod/redund.ko),
# REDUNDCTL (default ctl/redundctl), OUT (logs, default build/lacp-smoke).
set -u

REDUND_KO=${REDUND_KO:-build/kmod-$(uname -r)/kmod/redund.ko}
REDUNDCTL=$(realpath "${REDUNDCTL:-ctl/redundctl}")
OUT=${OUT:-build/lacp-smoke}
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
A="ip netns exec ha"
B="ip netns exec hb"
passed=0
failed=0
daemon_pid=
peer_pid=

log_test() { # RC NAME [DETAIL]
	if [ "$1" -eq 0 ]; then
		echo "ok - $2${3:+ # $3}"
		passed=$((passed + 1))
	else
		echo "not ok - $2${3:+ # $3}"
		failed=$((failed + 1))
	fi
}

# wait_for SECONDS CMD...: polls CMD every 0.2 s until it succeeds.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 0.2
	done
}

cleanup() {
	[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
	[ -n "$peer_pid" ] && kill "$peer_pid" 2>/dev/null
	wait 2>/dev/null
	ip netns del ha 2>/dev/null
	ip netns del hb 2>/dev/null
}
trap cleanup EXIT

start_daemon() { # extra options...
	$A "$REDUNDCTL" run r0 --rate fast "$@" 2>>"$OUT/daemon-r0.log" &
	daemon_pid=$!
}

# Both r0 ports collecting and distributing.
r0_forwarding() {
	$A "$REDUNDCTL" -j show r0 | jq -e \
		'[.[0].ports[] | select(.collecting and .distributing)] | length == 2'
}

r0_port_count() { # PORT KEY
	$A "$REDUNDCTL" -j show r0 | jq -r \
		".[0].ports[] | select(.ifname == \"$1\") | .stats.$2"
}

# Both bond0 slaves in the active aggregator, partner = r0's MAC.
bond_aggregated() {
	local f=/proc/net/bonding/bond0 active mac n
	active=$($B awk '/Active Aggregator Info/ {getline; print $3; exit}' $f)
	mac=$($B awk '/Active Aggregator Info/ {p=1} p && /Partner Mac Address/ {print $4; exit}' $f)
	n=$($B awk -v id="$active" '/^Slave Interface/ {s=1} s && /Aggregator ID:/ {if ($3 == id) n++; s=0} END {print n+0}' $f)
	[ -n "$active" ] && [ "$n" -eq 2 ] && [ "$mac" = "$r0_mac" ]
}

ping_all() { # all 20 addresses answer
	local i
	for i in $(seq 2 21); do
		$A ping -c 1 -W 2 -q 10.0.0.$i >/dev/null || return 1
	done
}

setup() {
	modprobe bonding 2>/dev/null
	insmod "$REDUND_KO" || { echo "cannot load $REDUND_KO"; exit 4; }
	ip netns add ha
	ip netns add hb
	for i in 0 1; do
		ip link add a$i netns ha type veth peer name b$i netns hb
	done
	$A ip link add r0 type redund
	$A "$REDUNDCTL" dev set r0 mode lacp hash l3+4
	for i in 0 1; do $A ip link set a$i master r0; done
	$A ip addr add 10.0.0.1/24 dev r0
	$A ip link set r0 up
	r0_mac=$($A cat /sys/class/net/r0/address)

	$B ip link add bond0 type bond mode 802.3ad lacp_rate fast miimon 100
	for i in 0 1; do
		$B ip link set b$i down
		$B ip link set b$i master bond0
	done
	for i in $(seq 2 21); do $B ip addr add 10.0.0.$i/24 dev bond0; done
	$B ip link set bond0 up
}

test_forms() {
	local t0=$SECONDS
	start_daemon
	wait_for 30 r0_forwarding
	log_test $? "r0 ports collecting and distributing" "$((SECONDS - t0)) s"
	wait_for 30 bond_aggregated
	log_test $? "bond0: both ports in the active aggregator, partner $r0_mac" \
		"$((SECONDS - t0)) s"
	wait_for 20 $A ping -c 1 -W 1 10.0.0.2
	log_test $? "ping across the aggregate"
	wait_for 10 sh -c "$A '$REDUNDCTL' -j show r0 | jq -e '.[0].lacp.aggregate_up and
		([.[0].ports[] | select(.lacp.mux == \"collecting_distributing\")] | length == 2)'"
	log_test $? "redundctl show merges the daemon's LACP state"
	$A "$REDUNDCTL" show r0 >"$OUT/show-r0.txt" 2>&1
}

test_both_members() {
	local tx0a tx1a tx0b tx1b i
	tx0a=$(r0_port_count a0 tx_packets)
	tx1a=$(r0_port_count a1 tx_packets)
	for i in $(seq 2 21); do $A ping -c 5 -i 0.05 -W 1 -q 10.0.0.$i >/dev/null; done
	tx0b=$(r0_port_count a0 tx_packets)
	tx1b=$(r0_port_count a1 tx_packets)
	# The hash seed is random: with 20 flows each member gets at least one
	# (5 pings) but not necessarily many.
	[ $((tx0b - tx0a)) -ge 5 ] && [ $((tx1b - tx1a)) -ge 5 ]
	log_test $? "traffic on both members" "a0 +$((tx0b - tx0a)), a1 +$((tx1b - tx1a)) tx packets"
}

test_member_down() {
	local lost=0 i
	$B ip link set b0 down
	for i in $(seq 2 21); do
		# -W 5: a reply late under emulation is not a loss.
		$A ping -c 1 -W 5 -q 10.0.0.$i >/dev/null || lost=$((lost + 1))
	done
	# The first ping may go out before carrier loss is seen.
	[ "$lost" -le 1 ]
	log_test $? "one member down: ping continues" "$lost of 20 addresses lost"
	$B ip link set b0 up
	wait_for 30 r0_forwarding && wait_for 30 bond_aggregated
	log_test $? "member back: both ports aggregate again"
}

# bond0_sampler FILE: run in hb. Samples /proc/net/bonding/bond0 every
# 50 ms with shell builtins only (no fork between samples) until FILE.stop
# exists. A sample is "bad" unless all four "port state" lines (actor and
# partner of b0 and b1) read 63: active, short timeout, aggregatable, in
# sync, collecting, distributing; it "left" unless both ports are in the
# active aggregator. Writes "SAMPLES BAD LEFT FIRST_BAD LAST_BAD" (times
# in s since the sampler started) to FILE and the first bad sample to
# FILE.bad.
bond0_sampler() {
	local out=$1 samples=0 bad=0 left=0 good members active next line tick fifo
	local first=- last=- start=$EPOCHREALTIME
	local -a lines
	# A FIFO nobody writes to: `read -t` on it sleeps without a fork. Not
	# on the shared tree, which cannot hold FIFOs.
	fifo=$(mktemp -u /tmp/bond0-sampler.XXXXXX)
	mkfifo "$fifo"
	exec {tick}<>"$fifo"
	rm -f "$fifo"
	while [ ! -e "$out.stop" ]; do
		mapfile -t lines </proc/net/bonding/bond0
		good=0
		members=0
		active=
		next=0
		for line in "${lines[@]}"; do
			case $line in
			"Active Aggregator Info:") next=1 ;;
			$'\tAggregator ID: '*)
				[ "$next" -eq 1 ] && active=${line##*: }
				next=0
				;;
			"Aggregator ID: "*) [ "${line##*: }" = "$active" ] && members=$((members + 1)) ;;
			"    port state: 63") good=$((good + 1)) ;;
			esac
		done
		samples=$((samples + 1))
		[ "$members" -ne 2 ] && left=$((left + 1))
		if [ "$good" -ne 4 ]; then
			[ "$bad" -eq 0 ] && printf '%s\n' "${lines[@]}" >"$out.bad"
			bad=$((bad + 1))
			last=$EPOCHREALTIME
			[ "$first" = - ] && first=$last
		fi
		read -r -t 0.05 -u "$tick" line
	done
	[ "$first" != - ] && first=$(echo "$first - $start" | bc) && last=$(echo "$last - $start" | bc)
	echo "$samples $bad $left $first $last" >"$out"
}

# kill -9 and restart at once: bond0 must never see its ports leave its
# aggregator. With the state file the daemon answers bond0 at once, so
# bond0's LACP state must not move either. With "nostate" the restarted
# daemon learns the partner from bond0's next LACPDU (up to 1 s) and only
# then answers, so bond0 stays in sync only if the restart takes less than
# about 1 s (3 s timeout - 1 s since our last LACPDU - 1 s until bond0's
# next); under TCG emulation it often does not, and that case only reports
# how long bond0's state moved.
test_restart() {
	local what=${1:-state} s="$OUT/restart-samples-${1:-state}" left=0 polls=0 t_end t0 t1
	local samples bad gone first last sampler start_line ok
	rm -f "$s" "$s.stop" "$s.bad"
	$B bash -c "$(declare -f bond0_sampler); bond0_sampler $s" &
	sampler=$!
	sleep 1
	start_line=$(($(wc -l <"$OUT/daemon-r0.log") + 1))
	t0=$EPOCHREALTIME
	kill -9 "$daemon_pid"
	wait "$daemon_pid" 2>/dev/null
	[ "$what" = nostate ] && rm -f /run/redund/r0.lacp.json
	start_daemon
	# Restarted: the new daemon has taken the ports over.
	wait_for 10 sh -c "tail -n +$start_line '$OUT/daemon-r0.log' | grep -q 'taken over'"
	t1=$EPOCHREALTIME
	t_end=$((SECONDS + 8))
	while [ "$SECONDS" -lt "$t_end" ]; do
		r0_forwarding >/dev/null 2>&1 || left=$((left + 1))
		polls=$((polls + 1))
	done
	touch "$s.stop"
	wait "$sampler"
	read -r samples bad gone first last <"$s"
	ok=0
	[ "$left" -eq 0 ] && [ "$gone" -eq 0 ] && [ "$samples" -gt 20 ] || ok=1
	[ "$what" = state ] && [ "$bad" -ne 0 ] && ok=1
	log_test $ok "kill -9 and restart ($what file): no flap" \
		"daemon seen up within $(echo "$t1 - $t0" | bc) s of the kill; of $samples bond0 samples $gone out of the aggregator, $bad not in sync (from $first to $last s); r0 $left bad of $polls"
	wait_for 20 ping_all
	log_test $? "ping after the restart"
}

# Daemon gone for good: bond0's partner information expires after 3 s.
test_daemon_gone() {
	local t0 state
	kill "$daemon_pid"
	wait "$daemon_pid"
	log_test $? "SIGTERM: daemon exits 0"
	daemon_pid=
	t0=$SECONDS
	wait_for 20 sh -c "! $B grep -q 'Partner Mac Address: $r0_mac' /proc/net/bonding/bond0"
	log_test $? "bond0 forgets r0 once the daemon is gone" "$((SECONDS - t0)) s"
	$B cat /proc/net/bonding/bond0 >"$OUT/bond0-after-daemon-exit.txt"
	if $A ping -c 1 -W 2 10.0.0.2 >/dev/null; then state="still forwards"; else state="no longer forwards"; fi
	echo "# after the daemon exited, ping across $state (bond0 state in $OUT/bond0-after-daemon-exit.txt)"
}

test_passive_vs_bonding() {
	local t0
	# From scratch: re-enslaved ports start neither collecting nor
	# distributing.
	rm -f /run/redund/r0.lacp.json
	$A ip link set a0 nomaster
	$A ip link set a1 nomaster
	$A ip link set a0 master r0
	$A ip link set a1 master r0
	# Bounce bond0's ports too: a defaulted bond0 port sends only every
	# 30 s, one coming up sends at once.
	$B ip link set b0 down
	$B ip link set b1 down
	$B ip link set b0 up
	$B ip link set b1 up
	t0=$SECONDS
	start_daemon --mode passive
	wait_for 30 r0_forwarding && wait_for 30 bond_aggregated
	log_test $? "passive r0 forms with active bonding" "$((SECONDS - t0)) s"
	kill "$daemon_pid"
	wait "$daemon_pid"
	daemon_pid=
}

test_passive_passive() {
	local i
	$B ip link del bond0
	$B ip link add r1 type redund
	$B "$REDUNDCTL" dev set r1 mode lacp
	for i in 0 1; do $B ip link set b$i master r1; done
	$B ip link set r1 up
	$A ip link set a0 nomaster
	$A ip link set a1 nomaster
	$A ip link set a0 master r0
	$A ip link set a1 master r0
	rm -f /run/redund/r0.lacp.json
	$B "$REDUNDCTL" run r1 --mode passive --rate fast 2>>"$OUT/daemon-r1.log" &
	peer_pid=$!
	start_daemon --mode passive
	! wait_for 8 r0_forwarding
	log_test $? "passive/passive never forms"
	kill "$daemon_pid" "$peer_pid"
	wait "$daemon_pid" "$peer_pid"
	daemon_pid=
	peer_pid=
}

: >"$OUT/daemon-r0.log"
: >"$OUT/daemon-r1.log"
setup
test_forms
test_both_members
test_member_down
test_restart state
test_restart nostate
test_daemon_gone
test_passive_vs_bonding
test_passive_passive

if dmesg | grep -qE "WARNING:|BUG:|Oops|general protection"; then
	log_test 1 "kernel log clean"
	dmesg | grep -E -A5 "WARNING:|BUG:|Oops" | head -40
else
	log_test 0 "kernel log clean"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
