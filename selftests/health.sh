#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Health checks: `redundctl vrrp --check`, against real servers. The
# topology is vrrp.sh's (two routers r1, r2 and a client on one bridge,
# see vrrp_lib.sh) plus a server namespace on the same bridge:
#
#   "srv"  v0 10.0.0.9/24 (veth to the switch's port sv), running
#          python3 -m http.server on 8080 (GET /health: "ok" while the
#          file exists, 404 after), the same over HTTPS on 8443 (a
#          self-signed certificate made per run), and on 9090 a TCP
#          listener that never accepts, so HTTP there times out.
#
# Cases: each check type up and down with the reason shown (ICMP echo
# while the server answers pings and after it ignores them; TCP connect;
# HTTP status and body; HTTPS with verification off and, against the
# self-signed certificate, on; a hung server timing out); rise and fall
# hold a check through a single bad probe; server Active/Backup: the web
# servers are the two routers themselves, each tracking its own service,
# and the client keeps fetching the virtual IP while the active server's
# web service is killed and comes back (hot standby; the outage the client
# saw is printed); cold standby: the backup runs no web service, and its
# claim hook starts one when it becomes master, the kernel gateway held in
# backup until the hook succeeded; a failing claim hook leaves the router
# in fault and the virtual IP unclaimed.
#
# Deadlines are generous (QEMU software emulation); counts of probes are
# asserted as bounds, never times.

ALL_TESTS="
	test_check_types
	test_rise_fall
	test_active_backup_hot
	test_active_backup_cold
	test_claim_hook_fails
"

source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/vrrp_lib.sh"

SRV=
WWW=
# Every check of these cases probes once a second; two results in a row
# turn it.
TIMING="interval=1s,timeout=800ms,rise=2,fall=2"
# A TLS handshake costs the emulated guest far more.
TLS_TIMING="interval=3s,timeout=2500ms,rise=2,fall=2"

# ------------------------------------------------------------------ servers

# srv_setup: the server namespace on the switch, its web root with a
# health file, a self-signed certificate.
srv_setup()
{
	ns_create SRV srv || return 1
	veth_pair "$SRV" v0 "$SW" sv || return 1
	ip -n "$SW" link set sv master br0 up || return 1
	ip -n "$SRV" addr add 10.0.0.9/24 dev v0 || return 1
	ip -n "$SRV" link set v0 up || return 1
	WWW=$TMPD/www-srv
	mkdir -p "$WWW" || return 1
	echo ok >"$WWW/health"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -days 1 -subj /CN=srv.test -keyout "$TMPD/key.pem" \
		-out "$TMPD/cert.pem" >"$TMPD/openssl-req.log" 2>&1 ||
		{ diag "$(cat "$TMPD/openssl-req.log")"; return 1; }
}

# web_start VAR NS ADDR ROOT: python3's http.server for ROOT on ADDR:8080
# in NS, pid in VAR; waits until it answers.
web_start()
{
	local __var=$1 ns=$2 addr=$3 root=$4

	bg_start "$__var" "$TMPD/web-$ns.log" ip netns exec "$ns" \
		python3 -m http.server --bind "$addr" --directory "$root" 8080
	check_wait "web server on $addr:8080 in $ns" 30 ip netns exec "$ns" \
		curl -sf -m 2 -o /dev/null "http://$addr:8080/health"
}

# tls_start VAR: HTTPS on 10.0.0.9:8443 serving the web root, with the
# self-signed certificate; python3's threading server, so a client that
# hangs up mid-handshake (verification on) holds up no one else.
tls_start()
{
	bg_start "$1" "$TMPD/tls.log" ip netns exec "$SRV" python3 -c '
import functools, http.server, ssl, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
server = http.server.ThreadingHTTPServer(("10.0.0.9", 8443), handler)
server.daemon_threads = True
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = context.wrap_socket(server.socket, server_side=True,
                                    do_handshake_on_connect=False)
server.serve_forever()
' "$WWW" "$TMPD/cert.pem" "$TMPD/key.pem"
	check_wait "TLS server on 10.0.0.9:8443" 30 ip netns exec "$SRV" \
		curl -skf -m 2 -o /dev/null https://10.0.0.9:8443/health
}

# hang_start VAR: a listener on 10.0.0.9:9090 that never accepts: the
# kernel completes the handshake, no one ever answers the request.
hang_start()
{
	bg_start "$1" "$TMPD/hang.log" ip netns exec "$SRV" python3 -c '
import socket, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.0.0.9", 9090))
s.listen(16)
print("listening", flush=True)
time.sleep(86400)
'
	check_wait "hung listener on 10.0.0.9:9090" 30 grep -q listening "$TMPD/hang.log"
}

# ------------------------------------------------------------------ checks

# ck_is I NAME JQ_FILTER: the filter holds for check NAME in router I's
# state file.
ck_is()
{
	jq -e --arg n "$2" ".checks[] | select(.name == \$n) | $3" \
		"$(sf "$1")" >/dev/null 2>&1
}

ck_get()
{
	jq -r --arg n "$2" ".checks[] | select(.name == \$n) | $3" "$(sf "$1")" 2>/dev/null
}

ck_state_is()
{
	ck_is "$1" "$2" ".state == \"$3\""
}

# checks_diag I: router I's checks, one line each.
checks_diag()
{
	diag "r$1 checks: $(jq -c '[.checks[] | {name, state, successes, failures,
		probes, transitions, last}]' "$(sf "$1")" 2>&1)"
}

# ------------------------------------------------------------------ cases

test_check_types()
{
	local name="health: ICMP, TCP, HTTP, HTTPS (verify off and on) checks, up and down, reasons shown"
	local web tls hang text

	if ! setup || ! srv_setup || ! web_start web "$SRV" 10.0.0.9 "$WWW" ||
	   ! tls_start tls || ! hang_start hang; then
		log_case "$name"
		return
	fi
	# Weight -1 each: the priority shows how many are down.
	vrrp4 1 200 \
		--check "icmp:10.0.0.9,$TIMING,weight=-1" \
		--check "tcp:10.0.0.9:8080,$TIMING,weight=-1" \
		--check "http://10.0.0.9:8080/health,$TIMING,weight=-1,expect=ok,name=web" \
		--check "https://10.0.0.9:8443/health,$TLS_TIMING,weight=-1,verify=off,name=tls" \
		--check "https://10.0.0.9:8443/health,$TLS_TIMING,weight=-1,name=tls-verify" \
		--check "http://10.0.0.9:9090/,$TIMING,weight=-1,timeout=500ms,name=hung"
	check_wait "r1 master" 30 state_is 1 master
	check_wait "icmp, tcp, web and tls up" 30 eval \
		'ck_state_is 1 icmp:10.0.0.9 up && ck_state_is 1 tcp:10.0.0.9:8080 up &&
		 ck_state_is 1 web up && ck_state_is 1 tls up'
	check "web: HTTP 200" ck_is 1 web '.last.detail == "HTTP 200"'
	check_wait "tls-verify down: the self-signed certificate is refused" 30 \
		ck_is 1 tls-verify '.state == "down" and (.last.detail | test("certificate"))'
	check_wait "hung server: down on timeouts" 30 \
		ck_is 1 hung '.state == "down" and .last.detail == "timeout"'
	check "effective priority 198: two checks down" vs_is 1 '.effective_priority == 198'
	text=$(rx 1 "$REDUNDCTL" show r0)
	check "show lists the checks" grep -q \
		"check hung (http://10.0.0.9:9090/): down, [0-9]* failed in a row" <<<"$text"
	diag "$(grep check <<<"$text")"
	check "show -j lists the checks" show_vrrp_is 1 \
		'.[0].checks | map(.name) == ["icmp:10.0.0.9", "tcp:10.0.0.9:8080", "web", "tls", "tls-verify", "hung"]'

	ip netns exec "$SRV" sysctl -qw net.ipv4.icmp_echo_ignore_all=1
	check_wait "icmp down once the server ignores pings" 30 \
		ck_is 1 icmp:10.0.0.9 '.state == "down" and .last.detail == "timeout"'
	bg_stop "$web"
	check_wait "web server killed: tcp down, refused" 30 \
		ck_is 1 tcp:10.0.0.9:8080 '.state == "down" and .last.detail == "Connection refused"'
	check_wait "web server killed: web down" 30 ck_state_is 1 web down
	check "tls still up" ck_state_is 1 tls up
	check_wait "effective priority 195: five checks down" 10 \
		vs_is 1 '.effective_priority == 195'
	[ "$RET" -ne 0 ] && checks_diag 1
	log_case "$name"
}

test_rise_fall()
{
	local name="health: one failed probe does not turn a check (fall 4), two successes bring it back (rise 2)"
	local web t0

	if ! setup || ! srv_setup || ! web_start web "$SRV" 10.0.0.9 "$WWW"; then
		log_case "$name"
		return
	fi
	# fall=4 leaves three seconds between the first failure seen and the
	# health file's return, for a poll that lateness can slow.
	vrrp4 1 200 --check "http://10.0.0.9:8080/health,name=web,interval=1s,timeout=800ms,rise=2,fall=4,weight=-50"
	check_wait "web up" 30 ck_state_is 1 web up
	check "priority 200 while up" vs_is 1 '.effective_priority == 200'
	rm "$WWW/health"
	check_wait "a failure counted" 20 ck_is 1 web '.failures >= 1'
	echo ok >"$WWW/health"
	check "still up after one failure (fall 4)" ck_state_is 1 web up
	check_wait "successes again" 20 ck_is 1 web '.successes >= 1 and .failures == 0'
	check "never went down: one transition" ck_is 1 web '.state == "up" and .transitions == 1'
	check "priority never dropped" vs_is 1 '.effective_priority == 200'

	rm "$WWW/health"
	check_wait "down after four failures in a row" 30 \
		ck_is 1 web '.state == "down" and .failures >= 4 and (.last.detail | test("HTTP 404"))'
	check "priority 150 while down" vs_is 1 '.effective_priority == 150'
	t0=$(ck_get 1 web .probes)
	echo ok >"$WWW/health"
	check_wait "up again after two successes" 30 ck_is 1 web '.state == "up" and .transitions == 3'
	check "it took two probes or more" test "$(($(ck_get 1 web .probes) - t0))" -ge 2
	[ "$RET" -ne 0 ] && checks_diag 1
	log_case "$name"
}

# fetch_start VAR LOG: the client fetches http://VIP:8080/whoami every
# 100 ms (1 s timeout), logging "MS_SINCE_START BODY" or "MS_SINCE_START -".
fetch_start()
{
	bg_start "$1" "$2" ip netns exec "$CLIENT" python3 -u -c '
import sys, time, urllib.request
t0 = time.monotonic()
while True:
    t = int((time.monotonic() - t0) * 1000)
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=1) as r:
            print(t, r.read().decode().strip())
    except Exception:
        print(t, "-")
    time.sleep(0.1)
' "http://$VIP4:8080/whoami"
}

# served_by LOG NAME: the last fetch in LOG was answered by NAME.
served_by()
{
	[ "$(tail -n 1 "$1" | cut -d' ' -f2)" = "$2" ]
}

# outage LOG FROM TO: ms from the last FROM answer before the first TO
# answer to that TO answer, and how many fetches failed in between.
outage()
{
	awk -v from="$2" -v to="$3" '
		$2 == from { last = $1; failed = 0 }
		$2 == "-" && last != "" { failed++ }
		$2 == to && last != "" { printf "%d ms, %d failed fetches\n", $1 - last, failed; exit }
	' "$1"
}

test_active_backup_hot()
{
	local name="health: Active/Backup servers: the active one's web service dies, the backup takes the VIP"
	local w1 w2 fetch log out i check

	setup || { log_case "$name"; return; }
	for i in 1 2; do
		mkdir -p "$TMPD/www-r$i" && echo ok >"$TMPD/www-r$i/health" &&
			echo "r$i" >"$TMPD/www-r$i/whoami"
	done
	# Each server's web service listens on every address, the VIP too
	# (accept mode puts it on r0).
	web_start w1 "$R1" 0.0.0.0 "$TMPD/www-r1" &&
		web_start w2 "$R2" 0.0.0.0 "$TMPD/www-r2" ||
		{ log_case "$name"; return; }
	check="http://127.0.0.1:8080/health,name=web,$TIMING,weight=-60"
	vrrp4 1 150 --check "$check"
	vrrp4 2 100 --check "$check"
	check_wait "r1 master, r2 backup" 60 roles_are master backup ||
		{ log_case "$name"; return; }
	log=$TMPD/fetch.log
	fetch_start fetch "$log"
	check_wait "client served by r1" 30 served_by "$log" r1

	bg_stop "$w1"
	check_wait "r1's check down, priority 90" 30 eval \
		'ck_state_is 1 web down && vs_is 1 ".effective_priority == 90"'
	check_wait "r2 (100) takes over from r1 (90)" 30 roles_are backup master
	check_wait "client served by r2" 30 served_by "$log" r2
	out=$(outage "$log" r1 r2)
	diag "client outage r1 -> r2: ${out:-not seen}"
	check "client's outage measured" test -n "$out"
	check_wait "the switch learnt the virtual MAC on r2's port" 10 \
		fdb_port_is "$VMAC4" s2
	check "the client's neighbour entry still holds the virtual MAC" \
		client_neigh_is "$VIP4" "$VMAC4"

	web_start w1 "$R1" 0.0.0.0 "$TMPD/www-r1"
	check_wait "r1's service back: r1 preempts" 60 roles_are master backup
	check_wait "client served by r1 again" 30 served_by "$log" r1
	out=$(outage "$log" r2 r1)
	diag "client outage r2 -> r1 (preemption): ${out:-not seen}"
	bg_stop "$fetch"
	if [ "$RET" -ne 0 ]; then
		checks_diag 1
		checks_diag 2
		diag "client fetches, last 20: $(tail -n 20 "$log" | tr '\n' ';')"
	fi
	log_case "$name"
}

# claim_hook_write FILE: the cold standby's claim hook, for router 2: note
# the kernel gateway's state as the hook starts, then start the web service
# for www-r2 (it outlives the hook) and exit 0 once it answers.
claim_hook_write()
{
	cat >"$1" <<EOF
#!/bin/sh
echo "gateway at start: \$("$REDUNDCTL" -j gateway show r0 | jq -r '.[0].state'); args: \$*" \
	>>"$TMPD/claim.log"
python3 -m http.server --directory "$TMPD/www-r2" 8080 >/dev/null 2>&1 &
echo \$! >"$TMPD/web-r2.pid"
for i in \$(seq 100); do
	if curl -sf -m 1 -o /dev/null http://127.0.0.1:8080/health; then
		echo started >>"$TMPD/claim.log"
		exit 0
	fi
	sleep 0.2
done
exit 1
EOF
	chmod +x "$1"
}

test_active_backup_cold()
{
	local name="health: cold standby: the backup's claim hook starts the web service before the VIP is claimed"
	local w1 fetch log out i

	setup || { log_case "$name"; return; }
	for i in 1 2; do
		mkdir -p "$TMPD/www-r$i" && echo ok >"$TMPD/www-r$i/health" &&
			echo "r$i" >"$TMPD/www-r$i/whoami"
	done
	rm -f "$TMPD/claim.log" "$TMPD/web-r2.pid"
	claim_hook_write "$TMPD/claim.sh"
	web_start w1 "$R1" 0.0.0.0 "$TMPD/www-r1" || { log_case "$name"; return; }
	vrrp4 1 150 --check "http://127.0.0.1:8080/health,name=web,$TIMING,weight=-60"
	# No check on r2: its service is down until it claims.
	vrrp4 2 100 --claim-hook "$TMPD/claim.sh" --claim-timeout 60s
	check_wait "r1 master, r2 backup" 60 roles_are master backup ||
		{ log_case "$name"; return; }
	check "r2 runs no web service yet" eval \
		"! ip netns exec $R2 curl -sf -m 1 -o /dev/null http://127.0.0.1:8080/health"
	log=$TMPD/fetch-cold.log
	fetch_start fetch "$log"
	check_wait "client served by r1" 30 served_by "$log" r1

	bg_stop "$w1"
	check_wait "r2 master, its claim hook done" 60 eval \
		'state_is 2 master && grep -q started "$TMPD/claim.log"'
	[ -s "$TMPD/web-r2.pid" ] && BG_PIDS+=("$(cat "$TMPD/web-r2.pid")")
	check "the hook ran while r2's kernel gateway was still backup" grep -q \
		"^gateway at start: backup; args: master $VRID r0 inet 100$" "$TMPD/claim.log"
	check_wait "r2's kernel gateway master after the hook" 10 gw_is 2 '.[0].state == "master"'
	check_wait "client served by r2" 30 served_by "$log" r2
	out=$(outage "$log" r1 r2)
	diag "client outage r1 -> r2 (cold standby): ${out:-not seen}"
	check "client's outage measured" test -n "$out"
	bg_stop "$fetch"
	if [ "$RET" -ne 0 ]; then
		diag "claim log: $(cat "$TMPD/claim.log" 2>&1)"
		diag "client fetches, last 20: $(tail -n 20 "$log" | tr '\n' ';')"
	fi
	log_case "$name"
}

test_claim_hook_fails()
{
	local name="health: a failing claim hook: fault, the kernel gateway never master, the VIP unanswered"

	setup || { log_case "$name"; return; }
	vrrp4 2 100 --claim-hook "exit 7; :" --claim-timeout 60s
	check_wait "r2 alone: master, then fault when the hook fails" 60 state_is 2 fault
	check "r2's kernel gateway stayed backup" gw_is 2 '.[0].state == "backup"'
	check "r2 became master once" vs_is 2 '.counters.became_master == 1'
	check "the failure is logged" grep -q "claim hook failed: fault for 60000 ms" "${LOG[2]}"
	check "the client gets no answer for the VIP" eval "! ping_ok $CLIENT $VIP4"
	log_case "$name"
}

selftest_main
