#!/bin/bash
# Runs inside the guest (scripts/bench-vrrp starts it). Measures the outage
# a client sees when a VRRP master fails, for a pair of `redundctl vrrp`
# routers and for a pair of keepalived routers, with the same settings:
# VRRP v3 over IPv4, one VIP, master priority 200, backup 100 (A_PRIORITY,
# B_PRIORITY), preempt on, advert interval 1 s and 10 ms (INTERVALS, in ms).
#
#   ns vb-a (master)          ns vb-sw                ns vb-b (backup)
#  +------------------+      +----------------+      +------------------+
#  | r0 over hv0 |e0  |==sa==| br0            |==sb==| r0 over hv0 | e0 |
#  | 10.0.0.1/24      |      |                |      | 10.0.0.2/24      |
#  +------------------+      +-------sc-------+      +------------------+
#                                    ||
#                             ns vb-c: c0 10.0.0.10, pings VIP 10.0.0.100
#
# (redund: r0 is a redund device with the veth hv0 as its port, the daemon
# `redundctl vrrp r0`; keepalived: the veth e0 itself, keepalived without
# use_vmac, as Debian ships it.)
#
# Each trial builds the topology afresh, starts both routers, waits for
# A master and B backup, starts `ping -D -i $PING_INTERVAL` from the client
# to the VIP, lets it run a second, fails A, waits for B to be master and
# lets the ping run on. The outage is the longest gap between two
# consecutive echo replies that ends after the failure: the time between
# the client's last reply before and its first reply after. Failures
# (FAILURES):
#   port  the bridge port facing A goes down (A's link loses carrier):
#         the same failure for both kinds, and the fair comparison;
#   kill  kill -9 of A's daemon (keepalived: parent and VRRP child). The
#         kernel drops redund's gateway to backup at once and sends the
#         priority 0 release the daemon left with it, so B takes over after
#         its Skew_Time, (256 - B_PRIORITY) / 256 intervals; keepalived
#         leaves the VIP on A's interface, whose kernel keeps answering, so
#         its clients see next to no outage while nobody runs VRRP on A
#         (and B, master after Master_Down_Interval, answers beside it).
# Before the failure, takeovers by B (spurious: A is alive) are counted;
# at 10 ms adverts a starved guest may miss three adverts in a row.
# Trials alternate the kinds.
set -euo pipefail
: "${REDUND_KO:?}" "${REDUNDCTL:?}"

INTERVALS=${INTERVALS:-1000 10}
FAILURES=${FAILURES:-port kill}
TRIALS=${TRIALS:-3}
KINDS=${KINDS:-redund keepalived}
PING_INTERVAL=${PING_INTERVAL:-0.003}
VIP=10.0.0.100
W=/tmp/bench-vrrp
PIDS=()

cleanup() {
	local p ns
	for p in "${PIDS[@]}"; do
		kill -9 "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	PIDS=()
	for ns in vb-a vb-b vb-c vb-sw; do
		ip netns del "$ns" 2>/dev/null || true
	done
}
trap cleanup EXIT

wait_for() { # deadline_s cmd...
	local end=$((${EPOCHREALTIME/./} + $1 * 1000000))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "${EPOCHREALTIME/./}" -lt "$end" ] || return 1
		sleep 0.05
	done
}

topology() { # kind
	local r dev
	cleanup
	for ns in vb-sw vb-a vb-b vb-c; do
		ip netns add "$ns"
		ip -n "$ns" link set lo up
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
			net.ipv6.conf.default.disable_ipv6=1
	done
	ip -n vb-sw link add br0 type bridge mcast_snooping 0
	ip -n vb-sw link set br0 up
	for r in a b c; do
		dev=e0
		[ "$1" = redund ] && [ "$r" != c ] && dev=hv0
		ip -n "vb-$r" link add "$dev" type veth peer name "s$r" netns vb-sw
		ip -n vb-sw link set "s$r" master br0
		ip -n vb-sw link set "s$r" up
		if [ "$1" = redund ] && [ "$r" != c ]; then
			ip -n "vb-$r" link add r0 type redund
			ip -n "vb-$r" link set hv0 master r0
			dev=r0
		fi
		ip -n "vb-$r" link set "$dev" up
	done
	RDEV=e0
	[ "$1" = redund ] && RDEV=r0
	ip -n vb-a addr add 10.0.0.1/24 dev "$RDEV"
	ip -n vb-b addr add 10.0.0.2/24 dev "$RDEV"
	ip -n vb-c addr add 10.0.0.10/24 dev e0
}

# start_router KIND R PRIORITY INTERVAL_MS: one router in vb-R, its state
# readable with state_of R.
start_router() {
	local kind=$1 r=$2 prio=$3 ms=$4 adv
	rm -rf "${W:?}/$r"
	mkdir -p "$W/$r"
	# The daemon's log lines, stamped on arrival.
	mkfifo "$W/$r/fifo"
	while IFS= read -r line; do
		echo "$EPOCHREALTIME $line"
	done <"$W/$r/fifo" >"$W/$r/log" &
	PIDS+=($!)
	if [ "$kind" = redund ]; then
		ip netns exec "vb-$r" "$REDUNDCTL" vrrp r0 --vrid 5 --address "$VIP" \
			--priority "$prio" --interval "${ms}ms" --state-dir "$W/$r" \
			>"$W/$r/fifo" 2>&1 &
		PIDS+=($!)
		echo $! >"$W/$r/pid"
		return
	fi
	adv=$(awk -v m="$ms" 'BEGIN { printf "%g", m / 1000 }')
	cat >"$W/$r/notify.sh" <<-EOF
		#!/bin/sh
		echo "\$3" >"$W/$r/state.new" && mv "$W/$r/state.new" "$W/$r/state"
		echo "\$(date +%s.%N) \$3" >>"$W/$r/notify.log"
	EOF
	chmod 0755 "$W/$r/notify.sh"
	cat >"$W/$r/keepalived.conf" <<-EOF
		global_defs {
		router_id bench_$r
		script_user root
		enable_script_security
		}
		vrrp_instance VI_5 {
		state BACKUP
		interface e0
		virtual_router_id 5
		priority $prio
		advert_int $adv
		version 3
		notify $W/$r/notify.sh
		virtual_ipaddress {
		$VIP/32
		}
		}
	EOF
	ip netns exec "vb-$r" keepalived -n -l -P -f "$W/$r/keepalived.conf" \
		-p "$W/$r/keepalived.pid" -r "$W/$r/vrrp.pid" >"$W/$r/fifo" 2>&1 &
	PIDS+=($!)
	echo $! >"$W/$r/pid"
}

# state_of KIND R: master, backup, fault, ...
state_of() {
	if [ "$1" = redund ]; then
		jq -r .state "$W/$2/r0.vrrp.5.inet.json" 2>/dev/null
	else
		tr '[:upper:]' '[:lower:]' <"$W/$2/state" 2>/dev/null
	fi
}

state_is() { [ "$(state_of "$1" "$2")" = "$3" ]; }

# takeovers KIND R: how often R became master so far.
takeovers() {
	if [ "$1" = redund ]; then
		jq -r .counters.became_master "$W/$2/r0.vrrp.5.inet.json" 2>/dev/null || echo 0
	else
		grep -c MASTER "$W/$2/notify.log" 2>/dev/null || true
	fi
}

fail_master() { # kind failure
	if [ "$2" = port ]; then
		ip -n vb-sw link set sa down
	elif [ "$1" = redund ]; then
		kill -9 "$(cat "$W/a/pid")"
	else
		kill -9 "$(cat "$W/a/keepalived.pid")" "$(cat "$W/a/vrrp.pid")"
	fi
}

# outage PING_OUT T_FAIL: the longest gap between consecutive replies that
# ends after T_FAIL, in ms; the replies before and after T_FAIL; and the
# echoes sent before T_FAIL (from the sequence numbers).
outage() {
	# shellcheck disable=SC2016 # awk's own $1
	awk -v tf="$2" '
		/bytes from/ {
			t = substr($1, 2, length($1) - 2) + 0
			match($0, /icmp_seq=[0-9]+/)
			s = substr($0, RSTART + 9, RLENGTH - 9) + 0
			if (!n) first = s
			if (t < tf) { before++; last_s = s } else after++
			if (n && t > tf && t - last > gap) gap = t - last
			last = t; n++
		}
		END { printf "%.1f %d %d %d\n", gap * 1000, before, after, last_s - first + 1 }' "$1"
}

# trial KIND INTERVAL_MS FAILURE: prints "OUTAGE_MS SPURIOUS ANSWERED/SENT"
# on stdout (SPURIOUS: B's takeovers before the failure; ANSWERED/SENT: the
# echoes before the failure), the details on stderr.
trial() {
	local kind=$1 ms=$2 failure=$3 pid tf t_b spurious out before after sent ok=1 run_after r c
	topology "$kind"
	start_router "$kind" a "${A_PRIORITY:-200}" "$ms"
	start_router "$kind" b "${B_PRIORITY:-100}" "$ms"
	if ! wait_for 60 state_is "$kind" a master || ! wait_for 60 state_is "$kind" b backup; then
		echo "bench-vrrp: $kind: A $(state_of "$kind" a), B $(state_of "$kind" b) after 60s" >&2
		tail -n 5 "$W/a/log" "$W/b/log" >&2
		cleanup
		echo "nan - -"
		return
	fi
	if [ -n "${CAPTURE:-}" ]; then
		ip netns exec vb-c tcpdump -i e0 -n -U -s 64 -w "$W/cap.pcap" arp or icmp \
			>/dev/null 2>&1 &
		PIDS+=($!)
		ip netns exec vb-b tcpdump -i "${RDEV/r0/hv0}" -n -U -s 64 -w "$W/capb.pcap" \
			arp or icmp or ip proto 112 >/dev/null 2>&1 &
		PIDS+=($!)
		wait_for 20 test -s "$W/cap.pcap" || true
		wait_for 20 test -s "$W/capb.pcap" || true
	fi
	ip netns exec vb-c ping -D -n -i "$PING_INTERVAL" -W 1 "$VIP" >"$W/ping" 2>&1 &
	pid=$!
	wait_for 20 grep -q 'bytes from' "$W/ping" || true
	sleep 1
	spurious=$(takeovers "$kind" b)
	tf=$EPOCHREALTIME
	fail_master "$kind" "$failure"
	wait_for 30 state_is "$kind" b master || ok=0
	t_b=$EPOCHREALTIME
	# Run on for a second and three intervals past B's takeover.
	run_after=$(awk -v m="$ms" 'BEGIN { printf "%.3f", 1 + 3 * m / 1000 }')
	sleep "$run_after"
	kill -INT "$pid"
	wait "$pid" 2>/dev/null || true
	# (No process substitution: the guest has no /dev/fd.)
	# shellcheck disable=SC2046 # three words
	set -- $(outage "$W/ping" "$tf")
	out=$1 before=$2 after=$3 sent=$4
	echo "bench-vrrp: $kind ${ms}ms $failure: outage $out ms (before the failure" \
		"$before of $sent echoes answered, after it $after; B master $(awk -v a="$tf" -v b="$t_b" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms" \
		"after the failure as polled$([ $ok = 1 ] || echo ', NOT master'); spurious takeovers by B before: $spurious)" >&2
	# CAPTURE=DIR: what the client and B's port saw, in DIR.
	if [ -n "${CAPTURE:-}" ]; then
		sleep 0.5
		c=$CAPTURE/$kind-${ms}ms-$failure-$(date +%H%M%S)
		echo "bench-vrrp: captures in $c.client.txt, $c.b.txt (times: ms after the failure)" >&2
		tcpdump -r "$W/cap.pcap" -n -e -tt 2>/dev/null | awk -v tf="$tf" '
			{ t = $1 + 0; $1 = sprintf("%+.1f", (t - tf) * 1000); print }' >"$c.client.txt"
		tcpdump -r "$W/capb.pcap" -n -e -tt 2>/dev/null | awk -v tf="$tf" '
			{ t = $1 + 0; $1 = sprintf("%+.1f", (t - tf) * 1000); print }' >"$c.b.txt"
	fi
	# What the routers logged around the failure, ms after it.
	for r in a b; do
		awk -v tf="$tf" -v r="$r" '$1 + 0 > tf - 0.2 && /MASTER|BACKUP|FAULT|master|backup|fault|[Ll]ink/ {
			$1 = sprintf("  %s %+.0f ms:", toupper(r), ($1 - tf) * 1000); print }' \
			"$W/$r/log" | head -n 6 >&2
	done
	cleanup
	echo "$out $spurious $before/$sent"
}

# median VALUE...: of the numeric values ("nan": a trial that did not run).
median() {
	local -a v
	# (No process substitution: the guest has no /dev/fd.)
	mapfile -t v <<<"$(printf '%s\n' "$@" | grep -E '^[0-9.]+$' | sort -g)"
	[ -n "${v[0]}" ] || { echo n/a; return; }
	echo "${v[$(((${#v[@]} - 1) / 2))]}"
}

insmod "$REDUND_KO"
mkdir -p "$W"
echo "bench-vrrp: kernel $(uname -r), $(nproc) CPUs, $(keepalived --version 2>&1 | head -n 1)," \
	"redundctl $REDUNDCTL, ping every ${PING_INTERVAL}s"

declare -A R S
for ms in $INTERVALS; do
	for failure in $FAILURES; do
		declare -A T=() U=()
		for n in $(seq 1 "$TRIALS"); do
			for kind in $KINDS; do
				read -r v sp pre <<<"$(trial "$kind" "$ms" "$failure")"
				T[$kind]="${T[$kind]:-} $v"
				U[$kind]="${U[$kind]:-} $sp:$pre"
				echo "bench-vrrp: trial $n, $kind, adverts ${ms}ms, $failure: outage $v ms" \
					"(B took over $sp times before the failure; $pre echoes answered before it)"
			done
		done
		for kind in $KINDS; do
			# shellcheck disable=SC2086 # the list is words
			R[$kind,$ms,$failure]="$(median ${T[$kind]}) (trials:${T[$kind]})"
			S[$kind,$ms,$failure]=${U[$kind]}
		done
		unset T U
	done
done

echo
echo "VRRP v3 IPv4 failover: client-visible outage, ms (median of $TRIALS, ping every ${PING_INTERVAL}s):"
for ms in $INTERVALS; do
	for failure in $FAILURES; do
		echo "  adverts ${ms}ms, failure $failure:"
		for kind in $KINDS; do
			printf '    %-10s %s\n' "$kind" "${R[$kind,$ms,$failure]}"
			printf '    %-10s   spurious takeovers before the failure:echoes answered, per trial:%s\n' \
				"" "${S[$kind,$ms,$failure]}"
		done
		if [ -n "${R[redund,$ms,$failure]:-}" ] && [ -n "${R[keepalived,$ms,$failure]:-}" ]; then
			echo "    ratio redund/keepalived $(awk -v a="${R[redund,$ms,$failure]%% *}" \
				-v b="${R[keepalived,$ms,$failure]%% *}" \
				'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "n/a" }')$(
				[ "$failure" = kill ] && echo " (not comparable: keepalived's dead master keeps the VIP)")"
		fi
	done
done
