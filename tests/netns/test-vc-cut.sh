#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A channel cut where neither node sees it (both ends of one of two links
# lose everything, carrier up) stays open until its listen timeout.  What
# it loses must go out again over the other channel, the next frames too,
# and the acknowledgments must come back on a channel that works:
# request/response traffic of 64 KiB messages keeps answering within a
# fraction of the listen timeout, and every request is answered.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"
EX=$REPO/examples/bin
[ -x "$EX/rdm-ping" ] || skip "examples not built (make)"

LISTEN_MS=8000
check_ok "insmod" load_module
setup_ns a b
check_ok "link 1" veth "$a" va1 "$b" vb1
check_ok "link 2" veth "$a" va2 "$b" vb2
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
for ns in "$a" "$b"; do
	cc "$ns" param set listen_timeout $LISTEN_MS
done
# Link 1 preferred: all traffic takes it, so the cut is sure to hit it,
# and the failover has to go down a priority.
cc "$a" adapter add va1 priority 10
cc "$a" adapter add va2
cc "$b" adapter add vb1 priority 10
cc "$b" adapter add vb2
check_ok "two channels" busywait $((HELLO_MAX + RESPONSE_MAX + 3000)) open_is "$a" 2

ip netns exec "$b" "$EX/rdm-ping" -l -p 7000 >/dev/null 2>&1 &
responder=$!
BG_PIDS+=($!)
sleep 0.3
out=$(mktemp)
ip netns exec "$a" stdbuf -oL "$EX/rdm-ping" -c 60 -i 50 -b 65536 \
	-W $((2 * LISTEN_MS)) -n 2 -p 7000 >"$out" 2>&1 &
client=$!
check_ok "traffic flows" busywait 5000 grep -q 'seq 5 ' "$out"
# The cut: everything lost both ways on link 1, carrier up on both ends.
tc -n "$a" qdisc add dev va1 root netem loss 100%
tc -n "$b" qdisc add dev vb1 root netem loss 100%
wait "$client"
check_eq "every request answered" 60 "$(grep -c '^65536 bytes from node 2' "$out")"
slowest=$(sed -n 's/.* time \([0-9]*\)\.[0-9]* ms$/\1/p' "$out" | sort -n | tail -n 1)
log "slowest answer across the cut: ${slowest} ms (listen timeout $LISTEN_MS ms)"
# Before the circuit kept off such a channel, the slowest answer was the
# listen timeout (8.3 s); now tens of ms, 1.3 s on the debug kernel.
check_ok "no answer waited for the listen timeout (slowest ${slowest} ms)" \
	test "${slowest:-99999}" -lt $((LISTEN_MS / 2))
check_ok "the cut channel closes at its listen timeout" \
	busywait $((LISTEN_MS + 5000)) open_is "$a" 1
check_ok "one circuit, open, nothing failed" vc_is "$a" \
	'length == 1 and .[0].state == "open" and .[0].stats.failed == 0'
rm -f "$out"
# Its socket holds the module.
kill "$responder"
wait "$responder"

check_ok "rmmod" unload_module
exit $RET
