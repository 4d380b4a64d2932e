# SPDX-License-Identifier: GPL-2.0
#
# The two-router VRRP topology of vrrp.sh and health.sh, and the helpers
# that start, stop and read `redundctl vrrp` daemons in it; sourced after
# lib.sh. The picture and the reasons (state files under per-router
# /run/redund binds, generous deadlines under emulation) are in vrrp.sh.

VRRP_PKT=$SELFTESTS_DIR/vrrp_pkt.py
SW=
CLIENT=
R1=
R2=
RNS=()
RUN=()
PID=()
LOG=()
NLOG=0
MSGS=()
FAM=inet
VRID=5
VIP4=10.0.0.100
VIP6=2001:db8::100
VMAC4=00:00:5e:00:01:05
VMAC6=00:00:5e:00:02:05
# The advert interval. 200 ms made backups flap (Master_Down_Interval
# 0.7 s) in a guest sharing a loaded host; a second is VRRP's default.
INTERVAL_MS=${REDUND_VRRP_INTERVAL_MS:-1000}

# ------------------------------------------------------------------ setup

# setup [ipv6]: the topology of vrrp.sh, no daemon running yet.
setup()
{
	local v6=${1:-} ns i

	FAM=inet
	module_load || { fail "insmod"; return 1; }
	ns_create SW sw || return 1
	ns_create R1 r1 || return 1
	ns_create R2 r2 || return 1
	ns_create CLIENT client || return 1
	RNS=("" "$R1" "$R2")
	if [ -n "$v6" ]; then
		# lib.sh turns IPv6 off; this case needs it (without DAD delays).
		for ns in "$SW" "$R1" "$R2" "$CLIENT"; do
			ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 \
				net.ipv6.conf.default.disable_ipv6=0 \
				net.ipv6.conf.all.accept_dad=0 \
				net.ipv6.conf.default.accept_dad=0 >/dev/null || return 1
		done
	fi
	# Snooping off: the routers send no MLD report for ff02::12 we could
	# rely on, and the switch is not what is tested here.
	ip -n "$SW" link add br0 type bridge mcast_snooping 0 || return 1
	ip -n "$SW" link set br0 up || return 1
	for i in 1 2; do
		veth_pair "${RNS[i]}" h0 "$SW" "s$i" || return 1
		ip -n "$SW" link set "s$i" master br0 up || return 1
		ip -n "${RNS[i]}" link add r0 type redund || return 1
		ip -n "${RNS[i]}" link set h0 master r0 || return 1
		ip -n "${RNS[i]}" addr add "10.0.0.$i/24" dev r0 || return 1
		if [ -n "$v6" ]; then
			ip -n "${RNS[i]}" addr add "2001:db8::$i/64" dev r0 nodad ||
				return 1
		fi
		ip -n "${RNS[i]}" link set r0 up || return 1
		RUN[i]=$(state_dir "${RNS[i]}") || return 1
		PID[i]=
	done
	veth_pair "$CLIENT" c0 "$SW" sc || return 1
	ip -n "$SW" link set sc master br0 up || return 1
	ip -n "$CLIENT" addr add 10.0.0.10/24 dev c0 || return 1
	if [ -n "$v6" ]; then
		ip -n "$CLIENT" addr add 2001:db8::10/64 dev c0 nodad || return 1
	fi
	ip -n "$CLIENT" link set c0 up || return 1
	for i in 1 2; do
		check_wait "r$i: h0 active" 15 active_port_is "${RNS[i]}" r0 h0 ||
			return 1
	done
}

# rx I CMD [ARG...]: CMD in router I's namespace.
rx()
{
	local i=$1
	shift

	ip netns exec "${RNS[i]}" "$@"
}

# vrrp_start I ARGS...: `redundctl vrrp r0 ARGS` in router I, in the
# background (PID[I]), each run logging to its own file (LOG[I]).
vrrp_start()
{
	local i=$1
	shift

	NLOG=$((NLOG + 1))
	LOG[i]=$TMPD/vrrp-r$i.$NLOG.log
	# Not through rx: a function would run in a subshell of its own, whose
	# pid is not the daemon's.
	bg_start "PID[$i]" "${LOG[i]}" ip netns exec "${RNS[i]}" \
		"$REDUNDCTL" vrrp r0 "$@"
}

# vrrp4 I PRIORITY [ARGS...]: the IPv4 router of most cases.
vrrp4()
{
	local i=$1 prio=$2
	shift 2

	vrrp_start "$i" --vrid "$VRID" --address "$VIP4" --priority "$prio" \
		--interval "${INTERVAL_MS}ms" --announce-interval 200ms "$@"
}

# vrrp_stop I: SIGTERM router I's daemon and wait for it; VRRP_RC is its
# exit status.
vrrp_stop()
{
	local i=$1

	kill "${PID[i]}" 2>/dev/null
	wait "${PID[i]}" 2>/dev/null
	VRRP_RC=$?
	bg_stop "${PID[i]}"
	PID[i]=
}

# sf I: router I's state file.
sf()
{
	echo "${RUN[$1]}/r0.vrrp.$VRID.$FAM.json"
}

# vs_is I JQ_FILTER: the filter holds for router I's state file.
vs_is()
{
	jq -e "$2" "$(sf "$1")" >/dev/null 2>&1
}

# vs_get I JQ: one field of router I's state file.
vs_get()
{
	jq -r "$2" "$(sf "$1")" 2>/dev/null
}

state_is()
{
	vs_is "$1" ".state == \"$2\""
}

# gw_is I JQ_FILTER: the filter holds for the list of router I's kernel
# gateways of VRID and FAM (`redundctl -j gateway show r0`).
gw_is()
{
	rctl "${RNS[$1]}" -j gateway show r0 |
		jq -e "[.[] | select(.vrid == $VRID and .family == \"$FAM\")] | $2" >/dev/null
}

# roles_are S1 S2: router 1's daemon and kernel gateway are in state S1,
# router 2's in S2.
roles_are()
{
	state_is 1 "$1" && state_is 2 "$2" &&
		gw_is 1 ".[0].state == \"$1\"" && gw_is 2 ".[0].state == \"$2\""
}

# show_vrrp_is I JQ_FILTER: the filter holds for the "vrrp" list of r0 in
# router I's `redundctl -j show`.
show_vrrp_is()
{
	rx "$1" "$REDUNDCTL" -j show r0 | jq -e ".[0].vrrp | $2" >/dev/null
}

# vrrp_diag: what the routers think, and the end of their daemons' logs.
vrrp_diag()
{
	local i

	for i in 1 2; do
		diag "r$i state file: $(jq -c '{state, priority, master_address,
			master_priority, timers, counters}' "$(sf "$i")" 2>&1)"
		diag "r$i gateways: $(rctl "${RNS[i]}" -j gateway show r0 2>&1 |
			jq -c '[.[] | {vrid, family, state, owner, persist}]' 2>&1)"
		[ -n "${LOG[i]:-}" ] || continue
		if [ -z "${PID[i]:-}" ]; then
			diag "r$i daemon: stopped by the case"
		elif kill -0 "${PID[i]}" 2>/dev/null; then
			diag "r$i daemon: pid ${PID[i]} running"
		else
			wait "${PID[i]}"
			diag "r$i daemon: pid ${PID[i]} exited, status $?"
		fi
		diag "r$i daemon log (${LOG[i]}), last 20 lines:"
		diag "$(tail -n 20 "${LOG[i]}" | sed 's/^/  | /')"
	done
}

# log_case NAME: log_test, with the routers' view when the case failed.
log_case()
{
	[ "$RET" -ne 0 ] && vrrp_diag
	log_test "$1"
}

# ----------------------------------------------------------- client, switch

client_neigh_is()
{
	ip -n "$CLIENT" neigh show dev c0 to "$1" | grep -qi "lladdr $2"
}

ping6_ok()
{
	ip netns exec "$1" ping -6 -c 1 -W 1 "$2" >/dev/null 2>&1
}

# fdb_port_is MAC PORT: the switch learnt MAC on PORT.
fdb_port_is()
{
	bridge -n "$SW" fdb show br br0 | grep -qi "^$1 dev $2 master br0"
}

# has_addr I ADDR: router I's r0 carries ADDR.
has_addr()
{
	ip -n "${RNS[$1]}" -j addr show dev r0 |
		jq -e --arg a "$2" 'any(.[0].addr_info[]; .local == $a)' >/dev/null
}

# secs_since T0_US: seconds since T0_US, one decimal.
secs_since()
{
	local d=$((($(now_us) - $1) / 100000))

	echo "$((d / 10)).$((d % 10))"
}

# ge A B: A >= B, as decimal numbers.
ge()
{
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'
}

# time_until T0_US TIMEOUT_S CMD...: wait_until, then set TOOK to the
# seconds since T0_US (empty on timeout).
time_until()
{
	local t0=$1 timeout=$2
	shift 2

	TOOK=
	wait_until "$timeout" "$@" || return 1
	TOOK=$(secs_since "$t0")
}
