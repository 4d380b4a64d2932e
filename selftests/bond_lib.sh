#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Views of the kernel's bonding in 802.3ad mode, the LACP peer of lacp.sh
# and redundd.sh: sourced after lib.sh; PEER names its namespace.

# bond_view [BOND [NS]]: "SLAVES MAC" for the bond's active aggregator:
# its members (sorted, comma separated) and its partner's system MAC.
bond_view()
{
	local bond=${1:-bond0} ns=${2:-$PEER}

	# shellcheck disable=SC2016 # awk's own $3, not the shell's
	ip netns exec "$ns" awk '
		/^Active Aggregator Info:/ { a = 1; next }
		a == 1 && /Aggregator ID:/ { active = $3; a = 2; next }
		a == 2 && /Partner Mac Address:/ { mac = $4; a = 0; next }
		/^Slave Interface:/ { s = $3 }
		/^Aggregator ID:/ && s != "" { agg[s] = $3 }
		END {
			n = 0
			for (s in agg) if (agg[s] == active) m[++n] = s
			# sort the few names: insertion sort
			for (i = 2; i <= n; i++)
				for (j = i; j > 1 && m[j-1] > m[j]; j--) { t = m[j]; m[j] = m[j-1]; m[j-1] = t }
			l = ""
			for (i = 1; i <= n; i++) l = l (i > 1 ? "," : "") m[i]
			print l, mac
		}' "/proc/net/bonding/$bond"
}

bond_view_is()
{
	[ "$(bond_view "${3:-bond0}" "${4:-$PEER}")" = "$1 $2" ]
}

# bond0_sampler FILE [STATE]: run in PEER. Samples /proc/net/bonding/bond0
# every 50 ms with shell builtins only (no fork between samples) until
# FILE.stop exists. A sample is "bad" unless all four "port state" lines
# (actor and partner of pv0 and pv1) read STATE, by default 63: active,
# short timeout, aggregatable, in sync, collecting, distributing (61 at
# the slow rate: long timeout); it "left" unless both ports are in the
# active aggregator. Writes "SAMPLES BAD LEFT FIRST_BAD LAST_BAD" (times
# in ms since the sampler started) to FILE and the first bad sample to
# FILE.bad.
bond0_sampler()
{
	local out=$1 state=${2:-63} samples=0 bad=0 left=0 good members active next line tick fifo
	local first=- last=- start=${EPOCHREALTIME//[.,]/}
	local -a lines

	# A FIFO nobody writes to: `read -t` on it sleeps without a fork.
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
			"    port state: $state") good=$((good + 1)) ;;
			esac
		done
		samples=$((samples + 1))
		[ "$members" -ne 2 ] && left=$((left + 1))
		if [ "$good" -ne 4 ]; then
			[ "$bad" -eq 0 ] && printf '%s\n' "${lines[@]}" >"$out.bad"
			bad=$((bad + 1))
			last=$(((${EPOCHREALTIME//[.,]/} - start) / 1000))
			[ "$first" = - ] && first=$last
		fi
		read -r -t 0.05 -u "$tick" line
	done
	echo "$samples $bad $left $first $last" >"$out"
}
