# SPDX-License-Identifier: GPL-2.0
#
# lib.sh - helpers shared by the redund selftests. Sourced, never run.
#
#  * TAP 13 reporting: log_test / log_test_skip print one "ok N - name" or
#    "not ok N - name" line per case, tap_finish prints the plan and picks
#    the exit status (0 pass, 1 fail, 4 skip).
#  * check / check_fail run one assertion, and on failure mark the running
#    case failed (RET=1) and print why as TAP diagnostics.
#  * wait_until polls a condition against a deadline. Under QEMU software
#    emulation every command takes ~0.1 s and timing varies a lot, so no
#    assertion ever follows a bare sleep or a fixed number of tries.
#  * Namespaces get unique names through ns_create and are deleted by the
#    per-case teardown and, whatever happens, by the EXIT trap.
#  * Wrappers for the module, redundctl, `redundctl -j monitor` and
#    genl_raw.py.
#
# Environment:
#   REDUND_KO      module to load (default <repo>/kmod/redund.ko, or when
#                  that is missing or built for another kernel,
#                  scripts/build-kmod's <repo>/build/kmod-RELEASE/kmod/redund.ko)
#   REDUNDCTL      controller binary (default <repo>/ctl/redundctl)
#   TESTS          run only these cases of a script (default: ALL_TESTS)
#   REDUND_TIMEOUT_SCALE  multiply every deadline (default 1)

set -u

ksft_pass=0
ksft_fail=1
ksft_skip=4

SELFTESTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SELFTESTS_DIR/.." && pwd)
REDUND_KO_DEFAULT=1
[ -n "${REDUND_KO:-}" ] && REDUND_KO_DEFAULT=0
REDUND_KO=${REDUND_KO:-$REPO_DIR/kmod/redund.ko}
REDUNDCTL=${REDUNDCTL:-$REPO_DIR/ctl/redundctl}
TIMEOUT_SCALE=${REDUND_TIMEOUT_SCALE:-1}
# The system interpreter, not a per-user shim: the tests also run python as
# the unprivileged user "nobody", who cannot read root's home.
PYTHON=${PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}
GENL_RAW=$SELFTESTS_DIR/genl_raw.py
SLOWPROTO=$SELFTESTS_DIR/slowproto.py
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)

# jq 1.6 parses its builtin library at every start: 0.24 s a call in the
# emulated guest, where the tests poll through it thousands of times.
# gojq reads the same filters and starts in 0.05 s. It always sorts object
# keys and knows no -S.
jq()
{
	local a args=()

	for a in "$@"; do
		[ "$a" = -S ] || args+=("$a")
	done
	gojq "${args[@]}"
}

TEST_NUM=0
N_PASS=0
# When the previous result was logged: each result is followed by the
# seconds its case took, setup included, to find what makes a script slow.
CASE_START=$SECONDS
N_FAIL=0
N_SKIP=0
RET=0
LAST_OUT=
NS_ALL=()
NS_SEQ=0
BG_PIDS=()
MODULE_LOADED_BY_US=0
TMPD=		# created by run_tests

# ---------------------------------------------------------------- reporting

diag()
{
	local line
	while IFS= read -r line; do
		echo "# $line"
	done <<<"$*"
}

log_test()
{
	local name=$1

	TEST_NUM=$((TEST_NUM + 1))
	if [ "$RET" -eq 0 ]; then
		N_PASS=$((N_PASS + 1))
		echo "ok $TEST_NUM - $name"
	else
		N_FAIL=$((N_FAIL + 1))
		echo "not ok $TEST_NUM - $name"
	fi
	echo "#   $((SECONDS - CASE_START))s"
	CASE_START=$SECONDS
}

log_test_skip()
{
	local name=$1 reason=$2

	TEST_NUM=$((TEST_NUM + 1))
	N_SKIP=$((N_SKIP + 1))
	echo "ok $TEST_NUM - $name # SKIP $reason"
}

tap_finish()
{
	echo "1..$TEST_NUM"
	diag "$N_PASS passed, $N_FAIL failed, $N_SKIP skipped"
	[ "$N_FAIL" -gt 0 ] && exit $ksft_fail
	[ "$N_PASS" -eq 0 ] && [ "$N_SKIP" -gt 0 ] && exit $ksft_skip
	exit $ksft_pass
}

# Whole script cannot run: say why and exit "skip".
skip_all()
{
	echo "TAP version 13"
	echo "1..0 # SKIP $*"
	exit $ksft_skip
}

# check DESC CMD [ARG...]: CMD must succeed. Its output is kept in LAST_OUT.
check()
{
	local desc=$1 rc
	shift

	LAST_OUT=$("$@" 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		RET=1
		diag "FAIL: $desc"
		diag "  command ($rc): $*"
		[ -n "$LAST_OUT" ] && diag "$(sed 's/^/  | /' <<<"$LAST_OUT")"
	fi
	return $rc
}

# check_fail DESC CMD [ARG...]: CMD must fail. Its output is kept in LAST_OUT.
check_fail()
{
	local desc=$1 rc
	shift

	LAST_OUT=$("$@" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		RET=1
		diag "FAIL: $desc (command succeeded: $*)"
		[ -n "$LAST_OUT" ] && diag "$(sed 's/^/  | /' <<<"$LAST_OUT")"
		return 1
	fi
	return 0
}

# fail DESC: record a failure found by the caller's own logic.
fail()
{
	RET=1
	diag "FAIL: $*"
}

# ------------------------------------------------------------------ waiting

now_us()
{
	local t=${EPOCHREALTIME//[.,]/}
	echo "$t"
}

# wait_until TIMEOUT_S CMD [ARG...]: poll CMD until it succeeds (return 0)
# or TIMEOUT_S (times REDUND_TIMEOUT_SCALE) seconds have passed (return 1).
wait_until()
{
	local timeout=$1 deadline
	shift

	deadline=$(($(now_us) + timeout * TIMEOUT_SCALE * 1000000))
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$(now_us)" -ge "$deadline" ] && return 1
		sleep 0.1
	done
}

# check_wait DESC TIMEOUT_S CMD...: wait_until, as an assertion.
check_wait()
{
	local desc=$1 timeout=$2
	shift 2

	wait_until "$timeout" "$@" && return 0
	RET=1
	diag "FAIL: $desc (not true after ${timeout}s x$TIMEOUT_SCALE: $*)"
	LAST_OUT=$("$@" 2>&1)
	[ -n "$LAST_OUT" ] && diag "$(sed 's/^/  | /' <<<"$LAST_OUT")"
	return 1
}

# ------------------------------------------------------- requirements, module

require_root()
{
	[ "$(id -u)" -eq 0 ] || skip_all "must run as root (in the test VM)"
}

require_tools()
{
	local t

	for t in ip gojq setpriv modinfo "$PYTHON"; do
		command -v "$t" >/dev/null || skip_all "missing tool: $t"
	done
}

require_redundctl()
{
	[ -x "$REDUNDCTL" ] || skip_all "no controller at $REDUNDCTL (set REDUNDCTL)"
}

ko_release()
{
	local vermagic

	vermagic=$(modinfo -F vermagic "$1" 2>/dev/null)
	echo "${vermagic%% *}"
}

# The module must exist and be built for the running kernel. Without
# REDUND_KO, kmod/redund.ko (an in-tree build) is used if it fits the
# running kernel, else scripts/build-kmod's build/kmod-RELEASE/ one.
resolve_module_file()
{
	local alt=$REPO_DIR/build/kmod-$(uname -r)/kmod/redund.ko

	if [ "$REDUND_KO_DEFAULT" -eq 1 ] &&
	   [ "$(ko_release "$REDUND_KO")" != "$(uname -r)" ] && [ -f "$alt" ]; then
		REDUND_KO=$alt
	fi
}

require_module_file()
{
	resolve_module_file
	[ -f "$REDUND_KO" ] || skip_all "no module at $REDUND_KO (set REDUND_KO)"
	[ "$(ko_release "$REDUND_KO")" = "$(uname -r)" ] ||
		skip_all "$REDUND_KO is built for '$(ko_release "$REDUND_KO")', running $(uname -r)"
}

module_is_loaded()
{
	[ -d /sys/module/redund ]
}

module_load()
{
	module_is_loaded && return 0
	insmod "$REDUND_KO" || return 1
	MODULE_LOADED_BY_US=1
}

# Unload, waiting for the references of dying namespaces to go first.
module_unload()
{
	module_is_loaded || return 0
	wait_until 30 module_refcnt_is 0
	rmmod redund || return 1
	MODULE_LOADED_BY_US=0
}

module_refcnt_is()
{
	[ "$(cat /sys/module/redund/refcnt 2>/dev/null)" = "$1" ]
}

# Kernel log lines that mean the kernel is unhappy, whatever the test says.
KMSG_BAD_RE='WARNING:|BUG:|Oops|KASAN|refcount_t|unregister_netdevice: waiting|general protection'

# kmsg_mark TEXT: write a line to the kernel log, to find later what
# followed it. Keep TEXT clear of the KMSG_BAD_RE words.
kmsg_mark()
{
	echo "redund-selftests: $*" >/dev/kmsg 2>/dev/null || true
}

# kmsg_since TEXT: the kernel log after the last line containing TEXT.
kmsg_since()
{
	dmesg 2>/dev/null | awk -v m="$1" '{ l[++n] = $0 } index($0, m) { s = n }
		END { for (i = s + 1; i <= n; i++) print l[i] }'
}

# check_kmsg_clean DESC TEXT: no bad kernel log line since mark TEXT.
check_kmsg_clean()
{
	local bad

	bad=$(kmsg_since "$2" | grep -E "$KMSG_BAD_RE")
	[ -z "$bad" ] && return 0
	fail "$1: kernel log"
	diag "$(sed 's/^/  | /' <<<"$bad")"
	return 1
}

# json_is JSON JQ_FILTER: the filter holds for the JSON text.
json_is()
{
	jq -e "$2" <<<"$1" >/dev/null
}

pid_gone()
{
	! kill -0 "$1" 2>/dev/null
}

# ------------------------------------------------------ namespaces, links

# ns_create VAR LABEL: create a namespace with a unique name, store the name
# in VAR. IPv6 is off so that no router solicitation or DAD frame shows up
# in the counters and packet sockets the tests look at.
ns_create()
{
	local __var=$1 label=$2 name

	NS_SEQ=$((NS_SEQ + 1))
	name="rd-$label-$$-$NS_SEQ"
	ip netns add "$name" || return 1
	NS_ALL+=("$name")
	ip -n "$name" link set lo up
	ip netns exec "$name" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 >/dev/null
	printf -v "$__var" '%s' "$name"
}

ns_del()
{
	local ns=$1 i

	ip netns del "$ns" 2>/dev/null
	for i in "${!NS_ALL[@]}"; do
		[ "${NS_ALL[$i]}" = "$ns" ] && unset 'NS_ALL[i]'
	done
	NS_ALL=("${NS_ALL[@]}")
}

# state_dir NS: where the daemons of NS keep their state files, as they
# name it: /run/redund/net-INODE, INODE the namespace's.
state_dir()
{
	local ino

	ino=$(stat -L -c %i "/run/netns/$1") || return 1
	echo "/run/redund/net-$ino"
}

ns_exists()
{
	[ -e "/run/netns/$1" ]
}

# veth_pair NS1 NAME1 NS2 NAME2: a veth pair, both ends down.
veth_pair()
{
	ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"
}

# link_get NS DEV JQ: one field of `ip -d -j link show DEV`.
link_get()
{
	ip -n "$1" -d -j link show dev "$2" | jq -r ".[0] | $3"
}

link_exists()
{
	ip -n "$1" link show dev "$2" >/dev/null 2>&1
}

link_master_is()
{
	[ "$(link_get "$1" "$2" '.master // ""')" = "$3" ]
}

link_is_up()
{
	link_get "$1" "$2" 'any(.flags[]; . == "UP")' | grep -qx true
}

link_has_flag()
{
	link_get "$1" "$2" "any(.flags[]; . == \"$3\")" | grep -qx true
}

ifindex_of()
{
	link_get "$1" "$2" .ifindex
}

# --------------------------------------------------------------- redundctl

# rctl NS ARGS...: redundctl in NS (-n: no `ip netns exec` around it, which
# costs a process and a /sys remount per call).
rctl()
{
	local ns=$1
	shift

	"$REDUNDCTL" -n "$ns" "$@"
}

# rshow_get NS DEV JQ: one field of `redundctl -j show DEV`.
rshow_get()
{
	rctl "$1" -j show "$2" | jq -r ".[0] | $3"
}

# rshow_is NS DEV JQ_FILTER: the filter holds for DEV in `redundctl -j show`.
rshow_is()
{
	rctl "$1" -j show "$2" | jq -e ".[0] | $3" >/dev/null
}

active_port_is()
{
	[ "$(rshow_get "$1" "$2" '.active_port // "null"')" = "$3" ]
}

port_carrier_is()
{
	[ "$(rshow_get "$1" "$2" \
		".ports[] | select(.ifname == \"$3\") | .carrier")" = "$4" ]
}

# links_settled NS: linkwatch has caught up in NS. It applies carrier
# changes to the operstate (and so to RUNNING, NO-CARRIER) up to a second
# later, while LOWER_UP follows the carrier at once; settled means that every
# link that is up shows an operstate that agrees with its carrier.
links_settled()
{
	ip -n "$1" -j link show | jq -e 'all(.[] | select(any(.flags[]; . == "UP"));
		any(.flags[]; . == "LOWER_UP") ==
		(.operstate == "UP" or .operstate == "UNKNOWN"))' >/dev/null
}

# State of a namespace that an invalid request must leave untouched:
# redundctl's view of every redund device and iproute2's view of every link,
# taken once linkwatch has caught up with earlier changes.
snapshot()
{
	local ns=$1

	wait_until 10 links_settled "$ns" ||
		diag "snapshot: links in $ns still settling after 10s"
	rctl "$ns" -j show | jq -S .
	ip -n "$ns" -j -d link show |
		jq -S 'map({ifname, ifindex, master, flags, mtu, address,
			    operstate, kind: .linkinfo.info_kind})'
}

# check_unchanged DESC BEFORE AFTER: compare two snapshots.
check_unchanged()
{
	local desc=$1 before=$2 after=$3

	[ "$before" = "$after" ] && return 0
	fail "$desc: state changed"
	echo "$before" >"$TMPD/before"
	echo "$after" >"$TMPD/after"
	diag "$(diff "$TMPD/before" "$TMPD/after" | sed 's/^/  | /')"
	return 1
}

# --------------------------------------------------------------- monitor

bg_start()
{
	local __var=$1 out=$2
	shift 2

	"$@" >"$out" 2>&1 </dev/null &
	BG_PIDS+=($!)
	printf -v "$__var" '%s' $!
}

bg_stop()
{
	local pid=$1 i

	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	for i in "${!BG_PIDS[@]}"; do
		[ "${BG_PIDS[$i]}" = "$pid" ] && unset 'BG_PIDS[i]'
	done
	BG_PIDS=("${BG_PIDS[@]}")
	return 0
}

# mon_has FILE JQ_FILTER: some event line in FILE matches the filter, e.g.
# '.event == "port_new" and .port.ifname == "hv0"'. Lines that are not JSON
# yet (half written) are skipped.
mon_has()
{
	jq -R -n -e "[inputs | fromjson? | select($2)] | length > 0" "$1" \
		>/dev/null 2>&1
}

mon_count()
{
	jq -R -n "[inputs | fromjson? | select($2)] | length" "$1" 2>/dev/null
}

# monitor_start NS: run `redundctl -j monitor` in NS in the background and
# set MON (its output file) and MON_PID. Returns once the monitor provably
# receives events (monitor_sync).
monitor_start()
{
	local ns=$1

	MON=$(mktemp "$TMPD/monitor.XXXXXX")
	bg_start MON_PID "$MON" "$REDUNDCTL" -n "$ns" -j monitor
	monitor_sync "$ns"
}

# monitor_sync NS: a socket joins the multicast group some time after the
# process starts, and prints what it got some time after the kernel sent
# it. Create a sentinel device (again, until the deadline) and wait for its
# dev_new and dev_del events: then the monitor listens, and every event
# sent before has been printed.
monitor_sync()
{
	local ns=$1 deadline new del
	local f_new='.event == "dev_new" and .ifname == "monsync0"'
	local f_del='.event == "dev_del" and .ifname == "monsync0"'

	deadline=$(($(now_us) + 30 * TIMEOUT_SCALE * 1000000))
	while [ "$(now_us)" -lt "$deadline" ]; do
		if ! kill -0 "$MON_PID" 2>/dev/null; then
			diag "redundctl -j monitor exited:"
			diag "$(cat "$MON")"
			return 1
		fi
		new=$(mon_count "$MON" "$f_new")
		del=$(mon_count "$MON" "$f_del")
		ip -n "$ns" link add monsync0 type redund 2>/dev/null
		if wait_until 2 mon_count_gt "$MON" "$f_new" "$new"; then
			ip -n "$ns" link del monsync0
			wait_until 10 mon_count_gt "$MON" "$f_del" "$del" &&
				return 0
		fi
		ip -n "$ns" link del monsync0 2>/dev/null
	done
	diag "redundctl -j monitor printed no dev_new/dev_del for a sentinel device:"
	diag "$(cat "$MON")"
	return 1
}

mon_count_gt()
{
	[ "$(mon_count "$1" "$2")" -gt "$3" ]
}

# check_event DESC JQ_FILTER [TIMEOUT]: the monitor (MON) reports an event.
check_event()
{
	check_wait "event: $1" "${3:-15}" mon_has "$MON" "$2" && return 0
	diag "monitor output:"
	diag "$(sed 's/^/  | /' "$MON")"
	return 1
}

# -------------------------------------------------------------- genl_raw

# genl NS ARGS...: run genl_raw.py in NS; its JSON answer is on stdout.
genl()
{
	local ns=$1
	shift

	ip netns exec "$ns" "$PYTHON" "$GENL_RAW" "$@"
}

# Refused requests are checked in batches, since every python start costs
# seconds under emulation: genl_expect DESC ERRNAMES ARGS... queues one
# request (ARGS as for genl_raw.py) that must fail with one of ERRNAMES
# ("EINVAL" or "ENODEV|ENOENT") and carry an extack message; genl_expect_run
# NS sends the queue from NS and judges every answer.
GENL_Q_DESC=()
GENL_Q_WANT=()
GENL_Q_REQ=()

# json_words WORD...: the words as a JSON array of strings.
json_words()
{
	local w out=

	for w in "$@"; do
		w=${w//\\/\\\\}
		w=${w//\"/\\\"}
		out+="${out:+,}\"$w\""
	done
	echo "[$out]"
}

genl_expect()
{
	GENL_Q_DESC+=("$1")
	GENL_Q_WANT+=("$2")
	shift 2
	GENL_Q_REQ+=("$(json_words "$@")")
}

genl_expect_run()
{
	local ns=$1 i sep=$'\x1f' errname msg miss
	local -a answers=() fields=()

	printf '%s\n' "${GENL_Q_REQ[@]}" |
		ip netns exec "$ns" "$PYTHON" "$GENL_RAW" --batch >"$TMPD/genl.out" 2>&1
	mapfile -t answers <"$TMPD/genl.out"
	while IFS= read -r i; do
		fields+=("$i")
	done <<<"$(jq -r '[.errname // "?", .msg // "", (.miss_type // "" | tostring)]
		| join("\u001f")' "$TMPD/genl.out" 2>/dev/null)"
	for i in "${!GENL_Q_REQ[@]}"; do
		IFS=$sep read -r errname msg miss <<<"${fields[$i]:-?}"
		if ! [[ "$errname" =~ ^(${GENL_Q_WANT[$i]})$ ]]; then
			fail "${GENL_Q_DESC[$i]}: want ${GENL_Q_WANT[$i]}, got '${errname:-none}'"
		elif [ -z "$msg" ]; then
			fail "${GENL_Q_DESC[$i]}: $errname without an extack message${miss:+ (only NLMSGERR_ATTR_MISS_TYPE $miss)}"
		else
			diag "${GENL_Q_DESC[$i]}: $errname \"$msg\""
			continue
		fi
		diag "  genl_raw.py ${GENL_Q_REQ[$i]}"
		diag "  | ${answers[$i]:-(no answer)}"
	done
	GENL_Q_DESC=()
	GENL_Q_WANT=()
	GENL_Q_REQ=()
}

# check_genl_err DESC ERRNAMES NS ARGS...: one such request, at once.
check_genl_err()
{
	local desc=$1 want=$2 ns=$3

	shift 3
	genl_expect "$desc" "$want" "$@"
	genl_expect_run "$ns"
}

# ------------------------------------------------------------- topologies

# topo_ab HOST PEER: the two-port active-backup setup most cases use.
#
#   HOST                              PEER
#   r0 10.0.0.1/24                    br0 10.0.0.2/24
#    +-- hv0 ===================== pv0 --+
#    +-- hv1 ===================== pv1 --+
#
# The peer ends are up before the ports are enslaved, so both ports have
# carrier at once and hv0, the first, is expected to become active.
topo_ab()
{
	local host=$1 peer=$2 p

	ip -n "$peer" link add br0 type bridge || return 1
	for p in 0 1; do
		veth_pair "$host" "hv$p" "$peer" "pv$p" || return 1
		ip -n "$peer" link set "pv$p" master br0 || return 1
		ip -n "$peer" link set "pv$p" up || return 1
	done
	ip -n "$peer" addr add 10.0.0.2/24 dev br0 || return 1
	ip -n "$peer" link set br0 up || return 1
	ip -n "$host" link add r0 type redund || return 1
	ip -n "$host" link set hv0 master r0 || return 1
	ip -n "$host" link set hv1 master r0 || return 1
	ip -n "$host" addr add 10.0.0.1/24 dev r0 || return 1
	ip -n "$host" link set r0 up || return 1
}

# ping_ok NS ADDR: one echo answered within a second.
ping_ok()
{
	ip netns exec "$1" ping -c 1 -W 1 "$2" >/dev/null 2>&1
}

# ------------------------------------------------------------ running, cleanup

# Per-case teardown: stop what the case started, delete its namespaces.
test_teardown()
{
	local pid ns

	for pid in "${BG_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	BG_PIDS=()
	for ns in "${NS_ALL[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	NS_ALL=()
}

cleanup()
{
	test_teardown
	if [ "$MODULE_LOADED_BY_US" -eq 1 ] && module_is_loaded; then
		module_unload || diag "cleanup: rmmod redund failed"
	fi
	[ -n "$TMPD" ] && rm -rf "$TMPD"
}

# selftest_main: what every test script ends with: check what it needs
# (exiting "skip" when something is missing), arm the cleanup, run.
selftest_main()
{
	require_root
	require_tools
	require_module_file
	require_redundctl
	trap cleanup EXIT
	run_tests
}

# run_tests: run TESTS (default ALL_TESTS), each followed by the teardown.
run_tests()
{
	local t

	TMPD=$(mktemp -d /tmp/redund-selftest.XXXXXX) || exit $ksft_fail
	echo "TAP version 13"
	for t in ${TESTS:-$ALL_TESTS}; do
		local start=$(now_us)
		RET=0
		kmsg_mark "$(basename "$0"): $t"
		"$t"
		test_teardown
		diag "$t: $((($(now_us) - start) / 1000000))s"
	done
	tap_finish
}
