#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The generic netlink family "redund": what it announces, what it answers,
# and how it refuses bad input (wrong ifindex, wrong attribute types and
# lengths, missing attributes, ports that are not its own, unprivileged
# callers). Requests that redundctl cannot produce are sent by genl_raw.py.
# Every refused request must leave the namespace as it was and send no
# event. The kernel's own ynl CLI reads devices and ports through the
# family's spec (Documentation/netlink/specs/redund.yaml), and a dump whose
# list changes between two parts says so (NLM_F_DUMP_INTR). Hostile input
# in bulk is genl_fuzz.sh's.
#
#   "host"                                   "peer"
#   +-------------------------------+        +------------------+
#   | r0 (redund)                   |        |                  |
#   |  +-- hv0 (active) ======================= pv0  (up)      |
#   |  +-- hv1 (backup) ======================= pv1  (up)      |
#   |  +-- hv3 (no carrier) =================== pv3  (down)    |
#   | r1 (redund)                   |        |                  |
#   |  +-- hv2 =============================== pv2  (up)       |
#   | d0 (dummy, not a port)        |        |                  |
#   +-------------------------------+        +------------------+
#
# (=== is a veth pair.)

ALL_TESTS="
	test_genl_family
	test_genl_get
	test_genl_bad_dev
	test_genl_bad_attrs
	test_genl_missing_attrs
	test_genl_bad_port
	test_unprivileged
	test_userns_owner
	test_genl_ynl
	test_genl_dump_intr
"

source "$(dirname "$0")/lib.sh"

HOST=
PEER=
declare -A IDX

setup()
{
	local p

	module_load || { fail "insmod"; return 1; }
	ns_create HOST host || return 1
	ns_create PEER peer || return 1
	for p in 0 1 2 3; do
		veth_pair "$HOST" "hv$p" "$PEER" "pv$p" || return 1
	done
	for p in 0 1 2; do
		ip -n "$PEER" link set "pv$p" up || return 1
	done
	ip -n "$HOST" link add r0 type redund || return 1
	ip -n "$HOST" link add r1 type redund || return 1
	ip -n "$HOST" link add d0 type dummy || return 1
	for p in hv0 hv1 hv3; do
		ip -n "$HOST" link set "$p" master r0 || return 1
	done
	ip -n "$HOST" link set hv2 master r1 || return 1
	ip -n "$HOST" link set r0 up || return 1
	ip -n "$HOST" link set r1 up || return 1
	for p in r0 r1 d0 lo hv0 hv1 hv2 hv3; do
		IDX[$p]=$(ifindex_of "$HOST" "$p")
	done
	check_wait "hv0 active" 10 active_port_is "$HOST" r0 hv0 || return 1
	check_wait "hv3 without carrier" 10 port_carrier_is "$HOST" r0 hv3 false
}

# Events that a refused request must not cause (the monitor's own sentinel
# device is not one of them).
STATE_EVENTS='(.event == "active_changed" or (.event | startswith("port_"))
	or (.ifname != "monsync0" and (.event == "dev_new" or .event == "dev_del")))'

# bad_input_begin / bad_input_end DESC: around a batch of refused requests,
# check that the namespace is the same afterwards and no event was sent.
bad_input_begin()
{
	monitor_start "$HOST" || fail "monitor did not start"
	BEFORE=$(snapshot "$HOST")
	EVENTS_BEFORE=$(mon_count "$MON" "$STATE_EVENTS")
}

bad_input_end()
{
	local after

	after=$(snapshot "$HOST")
	check_unchanged "$1" "$BEFORE" "$after"
	monitor_sync "$HOST" || fail "monitor sync"
	check "$1: no event sent" \
		test "$(mon_count "$MON" "$STATE_EVENTS")" -eq "$EVENTS_BEFORE" ||
		diag "$(sed 's/^/  | /' "$MON")"
	bg_stop "$MON_PID"
}

test_genl_family()
{
	local name="genl: family redund, version 1, ops and permissions, events group"
	local fam

	module_load || { fail "insmod"; log_test "$name"; return; }
	check "family resolves" "$PYTHON" "$GENL_RAW" family redund ||
		{ log_test "$name"; return; }
	fam=$LAST_OUT
	diag "$fam"
	check "version 1" json_is "$fam" '.version == 1'
	check "multicast group events" json_is "$fam" '.mcast_groups | has("events")'
	# GENL_CMD_CAP_DO 0x2, GENL_CMD_CAP_DUMP 0x4, GENL_ADMIN_PERM 0x1,
	# GENL_UNS_ADMIN_PERM 0x10 (CAP_NET_ADMIN in the netns owner's userns).
	check "DEV_GET: do and dump, no permission" json_is "$fam" \
		'.ops[] | select(.id == 1) | (.flags % 8) == 6 and (.flags / 16 | floor) % 2 == 0'
	check "PORT_GET: dump, no permission" json_is "$fam" \
		'.ops[] | select(.id == 2) | (.flags / 4 | floor) % 2 == 1 and .flags % 2 == 0
		 and (.flags / 16 | floor) % 2 == 0'
	check "PORT_SET: do, GENL_UNS_ADMIN_PERM" json_is "$fam" \
		'.ops[] | select(.id == 3) | (.flags / 2 | floor) % 2 == 1
		 and (.flags / 16 | floor) % 2 == 1'
	check "DEV_SET: do, GENL_UNS_ADMIN_PERM" json_is "$fam" \
		'.ops[] | select(.id == 10) | (.flags / 2 | floor) % 2 == 1
		 and (.flags / 16 | floor) % 2 == 1'
	# Ids 4-9, 11, 12 and 18-20 are the *_NTF events of the header: never
	# callable. 13-17 are the gateway commands (gateway.sh checks them).
	check "no notification command is callable" json_is "$fam" \
		'[.ops[].id] - [1, 2, 3, 10, 13, 14, 15, 16, 17] == []'
	log_test "$name"
}

test_genl_get()
{
	local name="genl: DEV_GET do/dump, PORT_GET dump, PORT_SET answer as the header says"
	local out

	setup || { log_test "$name"; return; }
	check "DEV_GET r0" genl "$HOST" DEV_GET "DEV_IFINDEX=u32:${IDX[r0]}"
	out=$LAST_OUT
	diag "DEV_GET r0: $(jq -c '.replies' <<<"$out")"
	check "DEV_GET r0: attributes" json_is "$out" \
		".replies | length == 1 and (.[0] | .cmd == 1
		 and .DEV_IFINDEX == ${IDX[r0]} and .DEV_IFNAME == \"r0\"
		 and .DEV_MODE == 0 and .DEV_CARRIER == 1 and .DEV_NUM_PORTS == 3
		 and .DEV_ACTIVE_PORT == ${IDX[hv0]})"

	check "DEV_GET dump" genl "$HOST" --dump DEV_GET
	check "DEV_GET dump: r0 and r1" json_is "$LAST_OUT" \
		"[.replies[] | {DEV_IFNAME, DEV_NUM_PORTS}] | sort_by(.DEV_IFNAME) ==
		 [{DEV_IFNAME: \"r0\", DEV_NUM_PORTS: 3}, {DEV_IFNAME: \"r1\", DEV_NUM_PORTS: 1}]"

	check "PORT_GET dump r0" genl "$HOST" --dump PORT_GET "DEV_IFINDEX=u32:${IDX[r0]}"
	out=$LAST_OUT
	diag "PORT_GET r0: $(jq -c '[.replies[].PORT]' <<<"$out")"
	check "PORT_GET r0: ports in the order added" json_is "$out" \
		"[.replies[] | .PORT.PORT_IFINDEX] == [${IDX[hv0]}, ${IDX[hv1]}, ${IDX[hv3]}]
		 and [.replies[] | .PORT.PORT_IFNAME] == [\"hv0\", \"hv1\", \"hv3\"]
		 and all(.replies[]; .DEV_IFINDEX == ${IDX[r0]} and .DEV_IFNAME == \"r0\")"
	check "PORT_GET r0: carrier, active, link failures" json_is "$out" \
		'[.replies[].PORT | [.PORT_CARRIER, .PORT_ACTIVE, .PORT_LINK_FAILURES]] ==
		 [[1, 1, 0], [1, 0, 0], [0, 0, 0]]'

	# A valid change through the same client, so the refusals below
	# are refusals of the input, not of the client.
	check "PORT_SET hv1 active" genl "$HOST" PORT_SET "DEV_IFINDEX=u32:${IDX[r0]}" \
		"PORT=nest:{PORT_IFINDEX=u32:${IDX[hv1]},PORT_ACTIVE=u8:1}"
	check "hv1 active" active_port_is "$HOST" r0 hv1
	check "PORT_SET with no change requested is fine" genl "$HOST" PORT_SET \
		"DEV_IFINDEX=u32:${IDX[r0]}" "PORT=nest:{PORT_IFINDEX=u32:${IDX[hv0]}}"
	check "hv1 still active" active_port_is "$HOST" r0 hv1
	log_test "$name"
}

test_genl_bad_dev()
{
	local name="genl: unknown (ENODEV) or non-redund (EINVAL) device ifindex refused"
	local nx=99999 dev

	setup || { log_test "$name"; return; }
	bad_input_begin
	genl_expect "DEV_GET unknown ifindex" ENODEV \
		DEV_GET "DEV_IFINDEX=u32:$nx"
	genl_expect "PORT_GET unknown ifindex" ENODEV \
		--dump PORT_GET "DEV_IFINDEX=u32:$nx"
	genl_expect "PORT_SET unknown ifindex" ENODEV \
		PORT_SET "DEV_IFINDEX=u32:$nx" "PORT=nest:{PORT_IFINDEX=u32:${IDX[hv1]},PORT_ACTIVE=u8:1}"
	# A device that exists but is not a redund device: a dummy, lo, and
	# one of r0's own ports.
	for dev in d0 lo hv1; do
		genl_expect "DEV_GET $dev (not redund)" "ENODEV|EINVAL|EOPNOTSUPP" \
			DEV_GET "DEV_IFINDEX=u32:${IDX[$dev]}"
		genl_expect "PORT_GET $dev (not redund)" "ENODEV|EINVAL|EOPNOTSUPP" \
			--dump PORT_GET "DEV_IFINDEX=u32:${IDX[$dev]}"
		genl_expect "PORT_SET $dev (not redund)" "ENODEV|EINVAL|EOPNOTSUPP" \
			PORT_SET "DEV_IFINDEX=u32:${IDX[$dev]}" \
			"PORT=nest:{PORT_IFINDEX=u32:${IDX[hv1]},PORT_ACTIVE=u8:1}"
	done
	genl_expect_run "$HOST"
	# An ifindex is looked up in the caller's namespace: r0's ifindex
	# from the peer namespace names another device or none.
	check_genl_err "DEV_GET r0's ifindex from another netns" \
		"ENODEV|EINVAL|EOPNOTSUPP" "$PEER" DEV_GET "DEV_IFINDEX=u32:${IDX[r0]}"
	bad_input_end "unknown or non-redund device"
	log_test "$name"
}

test_genl_bad_attrs()
{
	local name="genl: wrong attribute types and lengths refused (EINVAL)"
	local r0 hv1 port

	setup || { log_test "$name"; return; }
	r0=${IDX[r0]} hv1=${IDX[hv1]}
	port="PORT=nest:{PORT_IFINDEX=u32:$hv1,PORT_ACTIVE=u8:1}"
	bad_input_begin
	genl_expect "DEV_GET ifindex as u8" EINVAL DEV_GET "DEV_IFINDEX=u8:$r0"
	genl_expect "DEV_GET ifindex as u64" EINVAL DEV_GET "DEV_IFINDEX=u64:$r0"
	genl_expect "DEV_GET ifindex empty" EINVAL DEV_GET "DEV_IFINDEX=hex:"
	genl_expect "PORT_GET ifindex as u8" EINVAL --dump PORT_GET "DEV_IFINDEX=u8:$r0"
	genl_expect "PORT_SET ifindex as u8" EINVAL PORT_SET "DEV_IFINDEX=u8:$r0" "$port"
	genl_expect "PORT_SET a string for the PORT nest" EINVAL \
		PORT_SET "DEV_IFINDEX=u32:$r0" "PORT=str:hv1-not-a-nest"
	# 32775 is REDUND_A_PORT (7) with NLA_F_NESTED (0x8000): a nest
	# that holds a string instead of attributes.
	genl_expect "PORT_SET a PORT nest holding a string" EINVAL \
		PORT_SET "DEV_IFINDEX=u32:$r0" "32775=str:hv1-not-attributes"
	genl_expect "PORT_SET a u32 for the PORT nest" EINVAL \
		PORT_SET "DEV_IFINDEX=u32:$r0" "PORT=u32:$hv1"
	genl_expect "PORT_SET port ifindex as u16" EINVAL PORT_SET \
		"DEV_IFINDEX=u32:$r0" "PORT=nest:{PORT_IFINDEX=u16:$hv1,PORT_ACTIVE=u8:1}"
	genl_expect "PORT_SET ACTIVE as u32" EINVAL PORT_SET \
		"DEV_IFINDEX=u32:$r0" "PORT=nest:{PORT_IFINDEX=u32:$hv1,PORT_ACTIVE=u32:1}"
	# 0 and 1 are the values of a flag; the policy's range check says
	# ERANGE, a check in the handler EINVAL.
	genl_expect "PORT_SET ACTIVE=2" "EINVAL|ERANGE" PORT_SET \
		"DEV_IFINDEX=u32:$r0" "PORT=nest:{PORT_IFINDEX=u32:$hv1,PORT_ACTIVE=u8:2}"
	genl_expect "PORT_SET unknown attribute in the nest" EINVAL PORT_SET \
		"DEV_IFINDEX=u32:$r0" "PORT=nest:{PORT_IFINDEX=u32:$hv1,PORT_ACTIVE=u8:1,99=u32:1}"
	genl_expect "PORT_SET unknown top-level attribute" EINVAL PORT_SET \
		"DEV_IFINDEX=u32:$r0" "$port" "99=u32:1"
	genl_expect_run "$HOST"
	bad_input_end "wrong attribute types"
	log_test "$name"
}

test_genl_missing_attrs()
{
	local name="genl: missing required attributes refused (EINVAL)"
	local r0 hv1

	setup || { log_test "$name"; return; }
	r0=${IDX[r0]} hv1=${IDX[hv1]}
	bad_input_begin
	genl_expect "DEV_GET (do) without DEV_IFINDEX" EINVAL DEV_GET
	genl_expect "PORT_GET without DEV_IFINDEX" EINVAL --dump PORT_GET
	genl_expect "PORT_SET without DEV_IFINDEX" EINVAL PORT_SET \
		"PORT=nest:{PORT_IFINDEX=u32:$hv1,PORT_ACTIVE=u8:1}"
	genl_expect "PORT_SET without PORT" EINVAL PORT_SET "DEV_IFINDEX=u32:$r0"
	genl_expect "PORT_SET without PORT_IFINDEX" EINVAL PORT_SET \
		"DEV_IFINDEX=u32:$r0" "PORT=nest:{PORT_ACTIVE=u8:1}"
	genl_expect "PORT_SET without any attribute" EINVAL PORT_SET
	genl_expect_run "$HOST"
	bad_input_end "missing attributes"
	log_test "$name"
}

test_genl_bad_port()
{
	local name="genl: port not of this device, ACTIVE=0, port without carrier refused"
	local r0 msg

	setup || { log_test "$name"; return; }
	r0=${IDX[r0]}
	bad_input_begin
	genl_expect "PORT_SET a port of another redund device (hv2 of r1)" \
		"ENOENT|EINVAL|ENODEV" PORT_SET "DEV_IFINDEX=u32:$r0" \
		"PORT=nest:{PORT_IFINDEX=u32:${IDX[hv2]},PORT_ACTIVE=u8:1}"
	genl_expect "PORT_SET a device that is no port (d0)" \
		"ENOENT|EINVAL|ENODEV" PORT_SET "DEV_IFINDEX=u32:$r0" \
		"PORT=nest:{PORT_IFINDEX=u32:${IDX[d0]},PORT_ACTIVE=u8:1}"
	genl_expect "PORT_SET the device itself as port" \
		"ENOENT|EINVAL|ENODEV" PORT_SET "DEV_IFINDEX=u32:$r0" \
		"PORT=nest:{PORT_IFINDEX=u32:$r0,PORT_ACTIVE=u8:1}"
	genl_expect "PORT_SET an unknown port ifindex" \
		"ENODEV|ENOENT" PORT_SET "DEV_IFINDEX=u32:$r0" \
		"PORT=nest:{PORT_IFINDEX=u32:99999,PORT_ACTIVE=u8:1}"
	genl_expect "PORT_SET ACTIVE=0" EINVAL PORT_SET "DEV_IFINDEX=u32:$r0" \
		"PORT=nest:{PORT_IFINDEX=u32:${IDX[hv0]},PORT_ACTIVE=u8:0}"
	genl_expect "PORT_SET ACTIVE=0 on a backup port" EINVAL PORT_SET \
		"DEV_IFINDEX=u32:$r0" "PORT=nest:{PORT_IFINDEX=u32:${IDX[hv1]},PORT_ACTIVE=u8:0}"
	genl_expect "PORT_SET a port without carrier active (hv3)" \
		"EINVAL|ENETDOWN|ENOLINK" PORT_SET "DEV_IFINDEX=u32:$r0" \
		"PORT=nest:{PORT_IFINDEX=u32:${IDX[hv3]},PORT_ACTIVE=u8:1}"
	genl_expect_run "$HOST"
	# The last answer: the kernel's words for the port without carrier.
	msg=$(tail -n 1 "$TMPD/genl.out" | jq -r .msg)

	# The CLI refuses the same way and passes the kernel's words on.
	check_fail "redundctl port set r0 hv3 active fails" \
		rctl "$HOST" port set r0 hv3 active
	diag "redundctl: $LAST_OUT"
	if [ -n "$msg" ] && ! grep -qF -- "$msg" <<<"$LAST_OUT"; then
		fail "redundctl does not print the kernel's extack message \"$msg\""
	fi
	check_fail "redundctl port set r0 hv2 (port of r1) active fails" \
		rctl "$HOST" port set r0 hv2 active
	diag "redundctl: $LAST_OUT"
	bad_input_end "bad ports"
	log_test "$name"
}

test_unprivileged()
{
	local name="genl: unprivileged caller: changes refused (EPERM), show works"
	local before after out hv1=

	setup || { log_test "$name"; return; }
	hv1=${IDX[hv1]}
	before=$(snapshot "$HOST")

	check "nobody: redundctl -j show" ip netns exec "$HOST" "${NOBODY[@]}" \
		"$REDUNDCTL" -j show
	check "nobody: show lists r0 and r1" json_is "$LAST_OUT" \
		'map(.ifname) | sort == ["r0", "r1"]'
	check "nobody: raw DEV_GET" ip netns exec "$HOST" "${NOBODY[@]}" \
		"$PYTHON" "$GENL_RAW" DEV_GET "DEV_IFINDEX=u32:${IDX[r0]}"

	check_fail "nobody: redundctl port set r0 hv1 active fails" \
		ip netns exec "$HOST" "${NOBODY[@]}" "$REDUNDCTL" port set r0 hv1 active
	diag "redundctl as nobody: $LAST_OUT"
	grep -q "Operation not permitted" <<<"$LAST_OUT" ||
		fail "redundctl does not say 'Operation not permitted'"

	out=$(ip netns exec "$HOST" "${NOBODY[@]}" "$PYTHON" "$GENL_RAW" PORT_SET \
		"DEV_IFINDEX=u32:${IDX[r0]}" "PORT=nest:{PORT_IFINDEX=u32:$hv1,PORT_ACTIVE=u8:1}")
	check "nobody: raw PORT_SET gets EPERM" json_is "$out" '.errname == "EPERM"' ||
		diag "$out"

	# Root of a user namespace of its own, in a netns owned by the
	# initial one: no CAP_NET_ADMIN where it counts.
	if ip netns exec "$HOST" unshare -Ur true 2>/dev/null; then
		out=$(ip netns exec "$HOST" unshare -Ur "$PYTHON" "$GENL_RAW" PORT_SET \
			"DEV_IFINDEX=u32:${IDX[r0]}" \
			"PORT=nest:{PORT_IFINDEX=u32:$hv1,PORT_ACTIVE=u8:1}")
		check "userns root, foreign netns: raw PORT_SET gets EPERM" \
			json_is "$out" '.errname == "EPERM"' || diag "$out"
	else
		diag "no user namespaces here: userns case not run"
	fi
	after=$(snapshot "$HOST")
	check_unchanged "unprivileged requests" "$before" "$after"
	check "hv0 still active" active_port_is "$HOST" r0 hv0
	log_test "$name"
}

# An unprivileged user owning a user namespace and a netns created in it
# has CAP_NET_ADMIN there (GENL_UNS_ADMIN_PERM), so it may change its own
# redund devices.
test_userns_owner()
{
	local name="genl: owner of a user+net namespace may change its own device"
	local script

	module_load || { fail "insmod"; log_test "$name"; return; }
	if ! "${NOBODY[@]}" unshare -Urn true 2>/dev/null; then
		log_test_skip "$name" "unprivileged user namespaces are disabled"
		return
	fi
	script='
		set -e
		ip link add r0 type redund
		for p in 0 1; do
			ip link add hv$p type veth peer name pv$p
			ip link set pv$p up
			ip link set hv$p master r0
		done
		ip link set r0 up
		"$1" port set r0 hv1 active
		echo ---
		"$1" -j show r0
	'
	check "nobody in its own user+net namespace: port set" \
		"${NOBODY[@]}" unshare -Urn bash -c "$script" - "$REDUNDCTL"
	check "hv1 became active there" \
		json_is "$(sed '0,/^---$/d' <<<"$LAST_OUT")" '.[0].active_port == "hv1"'
	log_test "$name"
}

# The ynl CLI of the kernel's tools/net/ynl (linux-source-6.12, unpacked
# on the host by scripts/ynl-ksrc; YNL_CLI overrides).
ynl_cli()
{
	local ksrc

	if [ -z "${YNL_CLI:-}" ]; then
		ksrc=$("$REPO_DIR/scripts/ynl-ksrc" --cached 2>/dev/null) || return 1
		YNL_CLI=$ksrc/tools/net/ynl/cli.py
	fi
	[ -f "$YNL_CLI" ]
}

test_genl_ynl()
{
	local name="genl: the kernel's ynl CLI dumps devices and ports as redundctl shows them"
	local spec=$REPO_DIR/Documentation/netlink/specs/redund.yaml ynl devs show dev ports

	if ! ynl_cli; then
		log_test_skip "$name" "no ynl CLI (run scripts/ynl-ksrc on the host, or set YNL_CLI)"
		return
	fi
	setup || { log_test "$name"; return; }
	ynl=("$PYTHON" "$YNL_CLI" --spec "$spec" --no-schema --process-unknown --output-json)
	check "ynl --dump dev-get" ip netns exec "$HOST" "${ynl[@]}" --dump dev-get ||
		{ log_test "$name"; return; }
	devs=$LAST_OUT
	diag "ynl dev-get: $devs"
	check "redundctl -j show" rctl "$HOST" -j show || { log_test "$name"; return; }
	show=$LAST_OUT
	check "dev-get: the devices redundctl shows" jq -en --argjson ynl "$devs" \
		--argjson show "$show" '
		($ynl | map({ifindex: ."dev-ifindex", ifname: ."dev-ifname",
			     mode: ."dev-mode", carrier: (."dev-carrier" == 1),
			     num_ports: ."dev-num-ports",
			     active: (."dev-active-port" // null)}) | sort_by(.ifindex)) ==
		($show | map(. as $d | {ifindex, ifname, mode, carrier, num_ports,
			     active: ([$d.ports[] | select(.active) | .ifindex][0] // null)})
		       | sort_by(.ifindex))'
	for dev in r0; do
		check "ynl --dump port-get $dev" ip netns exec "$HOST" "${ynl[@]}" \
			--dump port-get --json "{\"dev-ifindex\": ${IDX[$dev]}}" || continue
		ports=$LAST_OUT
		diag "ynl port-get $dev: $(jq -c 'map(.port | {ifname, carrier, active})' <<<"$ports")"
		check "port-get $dev: the ports redundctl shows, in order" \
			jq -en --argjson ynl "$ports" --argjson show "$show" '
			($ynl | map(.port | {ifindex, ifname, carrier: (.carrier == 1),
					     active: (.active == 1),
					     link_failures: ."link-failures"})) ==
			($show[] | select(.ifname == "'"$dev"'") | .ports |
			 map({ifindex, ifname, carrier, active, link_failures}))'
	done
	log_test "$name"
}

# GW_GET, dumped part by part on a small buffer: a gateway deleted between
# two parts shifts the positions the dump resumes from, so the rest of the
# dump must carry NLM_F_DUMP_INTR (the controller then dumps again); a dump
# with no change must carry none.
test_genl_dump_intr()
{
	local name="genl: a dump whose list changes between two parts is marked NLM_F_DUMP_INTR"

	setup || { log_test "$name"; return; }
	check "GW_GET dump of r1, a gateway deleted between two parts" \
		ip netns exec "$HOST" "$PYTHON" "$SELFTESTS_DIR/genl_fuzz.py" dump-intr \
		--dev "${IDX[r1]}"
	diag "$LAST_OUT"
	log_test "$name"
}

selftest_main
