#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The generic netlink family "redund" against hostile clients
# (genl_fuzz.py, one Python process per case):
#
#  * a few thousand random and mutated requests (random and unknown
#    commands; random, read-only, duplicate, unknown, deeply nested and
#    truncated attributes; wrong lengths; bytes after the last attribute;
#    odd header fields; dumps cut short). Every request gets an answer,
#    every refusal an extack message (but the genetlink core's own: EPERM,
#    EOPNOTSUPP, a message shorter than its headers), every request that
#    breaks the attribute rules is refused, and afterwards the device still
#    shows and switches ports. The kernel log gets no line but the two
#    notices the core's attribute validation (lib/nlattr.c) prints, rate
#    limited, for a fixed-size attribute of another length and for bytes
#    after the last attribute, each pinned to a request that was refused:
#    no policy can silence them, strict or not;
#  * every change the family knows, well formed, sent by an unprivileged
#    user, by root of its own user namespace and by root of another
#    network namespace: all refused, nothing changes.
#
#   "host"                                   "peer"
#   +-------------------------------+        +------------------+
#   | r0 (redund)                   |        |                  |
#   |  +-- hv0 (active) ======================= pv0  (up)      |
#   |  +-- hv1 (backup) ======================= pv1  (up)      |
#   | r1 (redund, no ports: the     |        |                  |
#   |     fuzzer's gateways)        |        |                  |
#   +-------------------------------+        +------------------+
#
# (=== is a veth pair.) FUZZ_COUNT (default 3000), FUZZ_SECONDS (default
# 60) and FUZZ_SEED (default: random, printed) tune the fuzz case.

ALL_TESTS="
	test_fuzz
	test_permissions
"

source "$(dirname "$0")/lib.sh"

GENL_FUZZ=$SELFTESTS_DIR/genl_fuzz.py
HOST=
PEER=
declare -A IDX

setup()
{
	local p

	module_load || { fail "insmod"; return 1; }
	ns_create HOST host || return 1
	ns_create PEER peer || return 1
	for p in 0 1; do
		veth_pair "$HOST" "hv$p" "$PEER" "pv$p" || return 1
		ip -n "$PEER" link set "pv$p" up || return 1
	done
	ip -n "$HOST" link add r0 type redund || return 1
	ip -n "$HOST" link add r1 type redund || return 1
	for p in hv0 hv1; do
		ip -n "$HOST" link set "$p" master r0 || return 1
	done
	ip -n "$HOST" link set r0 up || return 1
	for p in r0 r1 hv0 hv1; do
		IDX[$p]=$(ifindex_of "$HOST" "$p")
	done
	check_wait "hv0 active" 10 active_port_is "$HOST" r0 hv0
}

# The notices of lib/nlattr.c's validate_nla() and __nla_validate_parse()
# (see the top), as dmesg shows them.
CORE_NOTICE_RE="netlink: ('[^']*': attribute type [0-9]+ has an invalid length\\.|[0-9]+ bytes leftover after parsing attributes in process \`[^']*'\\.)\$|(validate_nla|__nla_validate_parse): [0-9]+ callbacks suppressed\$"

# What a guest under emulation on a loaded host logs whatever it is sent:
# a timer interrupt late, the TSC declared unstable.
EMULATION_NOISE_RE="hrtimer: interrupt took [0-9]+ ns|clocksource: "

# kmsg_new MARK: the kernel log after MARK, without the selftests' marks,
# the core's attribute notices and emulation noise.
kmsg_new()
{
	kmsg_since "$1" | grep -v "redund-selftests: " | grep -Ev "$CORE_NOTICE_RE" |
		grep -Ev "$EMULATION_NOISE_RE"
}

test_fuzz()
{
	local name="genl fuzz: malformed requests refused with extack, no kernel log line but core notices"
	local seed=${FUZZ_SEED:-$RANDOM} mark="fuzz-$$-$RANDOM" out lines

	setup || { log_test "$name"; return; }
	kmsg_mark "$mark"
	diag "seed $seed (FUZZ_SEED=$seed reproduces this run)"
	check "genl_fuzz.py fuzz" ip netns exec "$HOST" "$PYTHON" "$GENL_FUZZ" fuzz \
		--dev "${IDX[r0]}" --ports "${IDX[hv0]},${IDX[hv1]}" --gw-dev "${IDX[r1]}" \
		--count "${FUZZ_COUNT:-3000}" --seconds "${FUZZ_SECONDS:-60}" --seed "$seed"
	out=$LAST_OUT
	diag "$(jq -c '{sent, refused, accepted, cut_dumps, seconds, errnos,
		refusals_without_extack, malformed_accepted, unanswered,
		kernel_log_lines, core_notices}' <<<"$out" 2>/dev/null || echo "$out")"
	diag "by kind: $(jq -c .by_kind <<<"$out" 2>/dev/null)"
	check "a few thousand requests sent" json_is "$out" '.sent >= 1000'
	lines=$(kmsg_new "$mark")
	if [ -n "$lines" ]; then
		fail "kernel log lines during the fuzz"
		diag "$(head -n 20 <<<"$lines" | sed 's/^/  | /')"
	fi

	# The device still works.
	check "redundctl show r0" rshow_is "$HOST" r0 '.ports | length == 2'
	check "port set r0 hv1 active" rctl "$HOST" port set r0 hv1 active
	check_wait "hv1 active" 10 active_port_is "$HOST" r0 hv1
	check "port set r0 hv0 active" rctl "$HOST" port set r0 hv0 active
	check_wait "hv0 active" 10 active_port_is "$HOST" r0 hv0
	log_test "$name"
}

test_permissions()
{
	local name="genl permissions: unprivileged, userns root, other netns change nothing"
	local before after mark="perm-$$-$RANDOM" lines

	setup || { log_test "$name"; return; }
	# A gateway the callers try to set, announce and delete.
	check "gateway 1 on r0" rctl "$HOST" gateway add r0 vrid 1 address 10.0.0.100 ||
		{ log_test "$name"; return; }
	before=$(snapshot "$HOST"; rctl "$HOST" -j gateway show | jq -S 'map(del(.stats))')
	kmsg_mark "$mark"
	check "genl_fuzz.py perm" ip netns exec "$HOST" "$PYTHON" "$GENL_FUZZ" perm \
		--dev "${IDX[r0]}" --ports "${IDX[hv0]},${IDX[hv1]}" --netns "/run/netns/$PEER"
	diag "$(jq -c 'to_entries[] | {(.key): [.value[]? | "\(.cmd) \(.errno)"]}' \
		<<<"$LAST_OUT" 2>/dev/null || echo "$LAST_OUT")"
	after=$(snapshot "$HOST"; rctl "$HOST" -j gateway show | jq -S 'map(del(.stats))')
	check_unchanged "refused changes" "$before" "$after"
	lines=$(kmsg_new "$mark")
	if [ -n "$lines" ]; then
		fail "kernel log lines during the refused changes"
		diag "$(sed 's/^/  | /' <<<"$lines")"
	fi
	log_test "$name"
}

selftest_main
