#!/bin/bash
# Runs inside the guest (scripts/bench-lag starts it with PARTS=bringup).
# LACP bring-up at the fast rate: a 2-port LAG on one side, bonding 802.3ad
# (lacp_rate fast, miimon 100) on the other, veth links between them that
# are down until the measurement starts. The LAG side is redund (redundd
# with a config file declaring r0 in lacp mode, rate fast) or bonding.
# lacp_bringup.py brings the peer ends up and times, from one clock, when
# each side has both ports collecting and distributing: redund from the
# module's port events as they arrive (redundctl monitor), bonding from its
# actor port state (/proc/net/bonding, read every 2 ms). A LAG is up when
# both sides are; the figure is the later of the two.
#
#   ns bu-a (redund r0 | bonding bond0)      ns bu-b (bonding bond0)
#     a0 ================ veth ================ b0
#     a1 ================ veth ================ b1
set -euo pipefail
: "${REDUND_KO:?}" "${REDUNDCTL:?}"
here=$(cd "$(dirname "$0")" && pwd)
REDUNDD=$(dirname "$REDUNDCTL")/redundd
TRIALS=${BRINGUP_TRIALS:-5}
KINDS=${KINDS:-redund bond}
W=$(mktemp -d)
SLEEPERS=()
RD_PID=

cleanup() {
	[ -z "$RD_PID" ] || { kill "$RD_PID" 2>/dev/null; wait "$RD_PID" 2>/dev/null; }
	RD_PID=
	for p in "${SLEEPERS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	SLEEPERS=()
	ip netns del bu-a 2>/dev/null || true
	ip netns del bu-b 2>/dev/null || true
}
trap 'cleanup; rm -rf "$W"' EXIT

bond() { # ns: bond0 802.3ad fast over NS's two ports, up
	local ns=$1 p=${1#bu-}
	ip -n "$ns" link add bond0 type bond mode 802.3ad lacp_rate fast miimon 100
	ip -n "$ns" link set "${p}0" master bond0
	ip -n "$ns" link set "${p}1" master bond0
	ip -n "$ns" link set bond0 up
}

# sleeper NS: a process in NS, so that /proc/PID/net shows NS's bonding;
# its pid in SLEEPER.
sleeper() {
	ip netns exec "$1" sleep 3600 </dev/null >/dev/null 2>&1 &
	SLEEPERS+=($!)
	SLEEPER=$!
}

trial() { # kind: the observer's JSON into $W/trial.json
	local kind=$1 a b
	cleanup
	ip netns add bu-a
	ip netns add bu-b
	for i in 0 1; do
		ip -n bu-a link add "a$i" type veth peer name "b$i" netns bu-b
	done
	bond bu-b
	# b0 and b1 are down (bonding takes its ports down and up with the
	# bond; set them down again): a0 and a1 have no carrier.
	ip -n bu-b link set b0 down
	ip -n bu-b link set b1 down
	sleeper bu-b
	b=$SLEEPER
	if [ "$kind" = bond ]; then
		bond bu-a
		sleeper bu-a
		a=bond:$SLEEPER:bond0:a0,a1
	else
		printf '[device.r0]\nmode = "lacp"\nports = ["a0", "a1"]\n[device.r0.lacp]\nrate = "fast"\n' >"$W/a.conf"
		ip netns exec bu-a "$REDUNDD" -c "$W/a.conf" --log-level warning </dev/null \
			>"$W/redundd.log" 2>&1 &
		RD_PID=$!
		local end=$((SECONDS + 60))
		until ip netns exec bu-a "$REDUNDCTL" -j status 2>/dev/null |
			jq -e '.services.lacp[0].ports | length == 2' >/dev/null; do
			if [ $SECONDS -ge $end ] || ! kill -0 "$RD_PID" 2>/dev/null; then
				echo "bench-lag: redundd did not start; its log:" >&2
				cat "$W/redundd.log" >&2
				exit 1
			fi
			sleep 0.2
		done
		a=redund:bu-a:a0,a1
	fi
	printf 'link set b0 up\nlink set b1 up\n' >"$W/up.batch"
	REDUNDCTL=$REDUNDCTL python3 "$here/lacp_bringup.py" "a=$a" "b=bond:$b:bond0:b0,b1" -- \
		ip -n bu-b -batch "$W/up.batch" >"$W/trial.json"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

modprobe bonding
insmod "$REDUND_KO" 2>/dev/null || true
declare -A LAG SIDE_A
for kind in $KINDS; do
	lags=()
	as=()
	for ((t = 1; t <= TRIALS; t++)); do
		trial "$kind"
		out=$(cat "$W/trial.json")
		a=$(jq -r '.a // "none"' <<<"$out")
		b=$(jq -r '.b // "none"' <<<"$out")
		if [ "$a" = none ] || [ "$b" = none ]; then
			echo "bench-lag: bring-up $kind trial $t: not up within the timeout ($out)" >&2
			exit 1
		fi
		lag=$(jq -r '[.a, .b] | max' <<<"$out")
		echo "bench-lag: bring-up $kind trial $t: $kind side ${a} s, bonding peer ${b} s, LAG ${lag} s"
		lags+=("$lag")
		as+=("$a")
	done
	LAG[$kind]=$(median "${lags[@]}")
	SIDE_A[$kind]=$(median "${as[@]}")
done
cleanup
echo
echo "LACP bring-up, fast rate, 2 ports, links up to every port of both sides"
echo "collecting and distributing (median of $TRIALS trials, seconds):"
for kind in $KINDS; do
	name=$kind
	[ "$kind" = bond ] && name=bonding
	printf '  %-7s against bonding: LAG %s (the %s side alone %s)\n' "$name" "${LAG[$kind]}" "$name" "${SIDE_A[$kind]}"
done
if [ -n "${LAG[redund]:-}" ] && [ -n "${LAG[bond]:-}" ]; then
	awk -v r="${LAG[redund]}" -v b="${LAG[bond]}" \
		'BEGIN { printf "  ratio redund/bonding %.2f (target <= 1.00)\n", r / b }'
fi
