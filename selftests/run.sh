#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [SCRIPT...] - run redund selftest scripts as one TAP 13 stream.
#
# Each script prints its own TAP ("ok N - case"); this runner numbers the
# cases of all scripts in one sequence, turns any other output into "#"
# diagnostics, reports a script that died without saying why as a failed
# case, and at the end adds one case for the kernel log: any warning, oops,
# BUG or leaked reference logged during the run fails it. The last line is
# "N passed, N failed" (", N skipped" when there are skips). Exit status 0
# only if nothing failed.
#
# Default scripts: TEST_PROGS of the Makefile beside this file.
# REDUND_SCRIPT_TIMEOUT (s, default 900) bounds one script.

set -u

cd "$(dirname "$0")" || exit 1
# For diag, now_us, kmsg_mark, kmsg_since, KMSG_BAD_RE.
source ./lib.sh

scripts=("$@")
# shellcheck disable=SC2207 # the list is words by design
[ ${#scripts[@]} -gt 0 ] || scripts=($(sed -n 's/^TEST_PROGS := //p' Makefile))
script_timeout=${REDUND_SCRIPT_TIMEOUT:-900}

n=0
pass=0
fail=0
skip=0
start=$(now_us)
mark="run-$$-$(date +%s)"
kmsg_mark "$mark: start ${scripts[*]}"

echo "TAP version 13"

# Every ping process turns packet timestamps on and off, and the kernel
# live-patches its netstamp static branch each time. Under QEMU's software
# emulation with two vCPUs that patching raced a stale translation once
# ("Oops: int3" in netif_rx_internal on 6.12). One socket holding
# timestamps on for the whole run keeps the branch still.
python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# Python 3.11 lacks socket.SO_TIMESTAMP; 29 on x86 (SO_TIMESTAMP_OLD).
s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_TIMESTAMP", 29), 1)
time.sleep(86400)
' &
netstamp_holder=$!
trap 'kill $netstamp_holder 2>/dev/null' EXIT

resolve_module_file
export REDUND_KO REDUNDCTL
diag "kernel $(uname -r), module $REDUND_KO ($(ko_release "$REDUND_KO")), controller $REDUNDCTL"

for s in "${scripts[@]}"; do
	s=${s#./}
	cases=0
	failed_cases=0
	script_start=$(now_us)
	rcfile=$(mktemp)
	fifo=$(mktemp -u)
	mkfifo "$fifo"
	diag "---- $s"
	# A FIFO, not <(...): the test VM has no /dev/fd.
	(
		timeout -k 10 "$script_timeout" "./$s" </dev/null 2>&1
		echo $? >"$rcfile"
	) >"$fifo" &
	while IFS= read -r line; do
		case "$line" in
		"ok "* | "not ok "*)
			n=$((n + 1))
			cases=$((cases + 1))
			# "ok 3 - name # SKIP why" -> "ok <n> - <script>: name ..."
			desc=$(sed -E 's/^(not )?ok [0-9]+ (- )?//' <<<"$line")
			if [[ "$line" == "not ok "* ]]; then
				fail=$((fail + 1))
				failed_cases=$((failed_cases + 1))
				echo "not ok $n - $desc"
			else
				if [[ "$desc" == *"# SKIP"* ]]; then
					skip=$((skip + 1))
				else
					pass=$((pass + 1))
				fi
				echo "ok $n - $desc"
			fi
			;;
		"TAP version"* | "1.."[0-9]*)
			# The script's own header and plan; a "1..0 # SKIP why"
			# plan says why a whole script was skipped.
			[[ "$line" == *"# SKIP"* ]] && diag "$s: skipped: ${line#*# SKIP }"
			;;
		"#"*)
			echo "$line"
			;;
		*)
			echo "# $line"
			;;
		esac
	done <"$fifo"
	wait $!
	rc=$(cat "$rcfile")
	rm -f "$rcfile" "$fifo"
	secs=$((($(now_us) - script_start) / 1000000))
	diag "$s: exit $rc after ${secs}s"

	# Whatever the cases said, a script status they do not explain is a
	# failure of its own (a crash, a timeout, an error in the script).
	if [ "$rc" -eq "$ksft_skip" ] && [ "$cases" -eq 0 ]; then
		n=$((n + 1)); skip=$((skip + 1))
		echo "ok $n - ${s%.sh} # SKIP whole script"
	elif [ "$rc" -eq 0 ] && [ "$failed_cases" -eq 0 ]; then
		:
	elif [ "$rc" -eq "$ksft_fail" ] && [ "$failed_cases" -gt 0 ]; then
		:
	elif [ "$rc" -eq "$ksft_skip" ] && [ "$failed_cases" -eq 0 ]; then
		:
	else
		n=$((n + 1)); fail=$((fail + 1))
		why="exit status $rc not explained by its cases"
		[ "$rc" -eq 124 ] && why="timed out after ${script_timeout}s"
		echo "not ok $n - ${s%.sh}: $why"
	fi
done

# The kernel log of the whole run.
n=$((n + 1))
bad=$(kmsg_since "$mark" | grep -E "$KMSG_BAD_RE")
if [ -z "$bad" ]; then
	pass=$((pass + 1))
	echo "ok $n - kernel log: no warning, oops, BUG or leaked reference"
else
	fail=$((fail + 1))
	echo "not ok $n - kernel log: no warning, oops, BUG or leaked reference"
	diag "$bad"
	diag "---- context (last 60 lines of the kernel log):"
	diag "$(kmsg_since "$mark" | tail -n 60)"
fi

echo "1..$n"
diag "wall time $((($(now_us) - start) / 1000000))s on $(uname -r)"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
