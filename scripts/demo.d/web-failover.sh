#!/bin/bash
# Runs inside the guest (scripts/demo starts it): server Active/Backup.
# Two web servers share the service address 10.0.0.100 through VRRP, each
# tracking its own web service with an HTTP check; a client fetches the
# address every 100 ms; the active server's web service is killed; the
# backup takes the address over; the client's outage is printed.
#
#   ns demo-a (active)        ns demo-sw             ns demo-b (backup)
#  +--------------------+    +------------+         +--------------------+
#  | r0 10.0.0.1/24     |    |    br0     |         | r0 10.0.0.2/24     |
#  |  +-- h0 ===========+====+= sa    sb =+=========+=== h0 --+         |
#  | web :8080, vrrp 150|    |     sc     |         | web :8080, vrrp 100|
#  +--------------------+    +-----||-----+         +--------------------+
#                            ns demo-client c0 10.0.0.10/24
set -euo pipefail

: "${REDUND_KO:?}" "${REDUNDCTL:?}"
work=$(mktemp -d /tmp/redund-web-demo.XXXXXX)
pids=()

say() { printf '\n>>> %s\n' "$*"; }

cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	for ns in demo-a demo-b demo-sw demo-client; do
		ip netns del "$ns" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

# inns NS CMD...: CMD in NS (whose daemons keep their state files in a
# directory of its own, /run/redund/net-INODE).
inns() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# wait_for SECONDS CMD...: until CMD succeeds, or fail.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || { echo "timed out: $*"; return 1; }
		sleep 0.2
	done
}

vrrp_state() {
	inns "$1" "$REDUNDCTL" -j show r0 | jq -r '.[0].vrrp[0].state'
}
state_is() { [ "$(vrrp_state "$1")" = "$2" ]; }
last_fetch_from() { [ "$(tail -n 1 "$work/fetch.log" | cut -d' ' -f2)" = "$1" ]; }

say "insmod redund.ko ($(uname -r)); two servers and a client on a bridge"
grep -q '^redund ' /proc/modules || insmod "$REDUND_KO"
for ns in demo-a demo-b demo-sw demo-client; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
done
ip -n demo-sw link add br0 type bridge
ip -n demo-sw link set br0 up
i=1
for s in a b; do
	ip link add h0 netns "demo-$s" type veth peer name "s$s" netns demo-sw
	ip -n demo-sw link set "s$s" master br0 up
	ip -n "demo-$s" link add r0 type redund
	ip -n "demo-$s" link set h0 master r0
	ip -n "demo-$s" addr add "10.0.0.$i/24" dev r0
	ip -n "demo-$s" link set r0 up
	mkdir -p "$work/www-$s"
	echo ok >"$work/www-$s/health"
	echo "server $s" >"$work/www-$s/index.html"
	ip netns exec "demo-$s" python3 -m http.server --directory "$work/www-$s" 8080 \
		>"$work/web-$s.log" 2>&1 &
	pids+=($!)
	[ "$s" = a ] && web_a=$!
	i=$((i + 1))
done
ip link add c0 netns demo-client type veth peer name sc netns demo-sw
ip -n demo-sw link set sc master br0 up
ip -n demo-client addr add 10.0.0.10/24 dev c0
ip -n demo-client link set c0 up

check="http://127.0.0.1:8080/health,name=web,interval=500ms,timeout=400ms,rise=2,fall=2,weight=-60"
say "redundctl vrrp r0 --vrid 7 --address 10.0.0.100 --interval 200ms --check $check"
say "(server a priority 150, server b 100)"
for s in a b; do
	prio=$([ "$s" = a ] && echo 150 || echo 100)
	inns "demo-$s" "$REDUNDCTL" vrrp r0 --vrid 7 --address 10.0.0.100 \
		--priority "$prio" --interval 200ms --announce-interval 100ms \
		--check "$check" >"$work/vrrp-$s.log" 2>&1 &
	pids+=($!)
done
wait_for 60 state_is demo-a master
wait_for 60 state_is demo-b backup
say "redundctl show (server a)"
inns demo-a "$REDUNDCTL" show

say "the client fetches http://10.0.0.100:8080/ every 100 ms"
ip netns exec demo-client python3 -u -c '
import time, urllib.request
t0 = time.monotonic()
while True:
    t = int((time.monotonic() - t0) * 1000)
    try:
        with urllib.request.urlopen("http://10.0.0.100:8080/", timeout=1) as r:
            print(t, r.read().decode().split()[1])
    except Exception:
        print(t, "-")
    time.sleep(0.1)
' >"$work/fetch.log" 2>&1 &
pids+=($!)
wait_for 30 last_fetch_from a
sleep 1

say "kill server a's web service"
kill "$web_a"
wait_for 60 state_is demo-b master
wait_for 30 last_fetch_from b
sleep 1
say "redundctl show (server a: check down, priority 90)"
inns demo-a "$REDUNDCTL" show
say "server b's daemon log"
cat "$work/vrrp-b.log"

result=$(awk '
	$2 == "a" { last = $1; failed = 0 }
	$2 == "-" && last != "" { failed++ }
	$2 == "b" && last != "" { printf "%d ms without an answer (%d failed fetches)", $1 - last, failed; exit }
' "$work/fetch.log")
say "result: server a -> server b; the client saw ${result:-no switch}"
[ -n "$result" ]
