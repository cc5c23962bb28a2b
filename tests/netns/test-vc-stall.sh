#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A peer whose channels live (they answer keepalives) but whose circuit
# never acknowledges: a tc filter drops node 2's DATA and ACK frames only.
# Node 1's circuit declares itself stalled after reconnect_interval and
# several silent timeouts: its sender fails (ETIMEDOUT) instead of
# waiting forever, and the channels start over (BYE, reason 5), as its
# events say.  Once the filter goes, a new circuit carries traffic both
# ways.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
setup_ns a b
check_ok "veth" veth "$a" va "$b" vb
# Frame type (byte 1 of the af_cluster header) 16 or 17: DATA or ACK.
tc -n "$b" qdisc add dev vb root handle 1: prio
if ! tc -n "$b" filter add dev vb parent 1: protocol 0x88b5 u32 \
	match u8 0x10 0xfe at 1 action drop 2>/dev/null; then
	skip "no u32 classifier or gact action in this kernel"
fi
tc -n "$b" filter del dev vb parent 1:
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
check_ok "reconnect_interval 3 s" cc "$a" param set reconnect_interval 3000
events_out=$(mktemp)
start_monitor monitor "$events_out" "$a" -j
cc "$a" adapter add va
cc "$b" adapter add vb
check_ok "channel" busywait $((HELLO_MAX + RESPONSE_MAX + 3000)) open_is "$a" 1
rdm_transfer "before" "$a" "$b" 2 1 5 10000

# A receiver, so that what gets through is delivered, not refused.  It
# waits for messages that never come: stopped before rmmod below.
stalled_out=$(mktemp)
ip netns exec "$b" "$RDM_PROG" recv -p 5002 -n 100000 -M 10000 -T 60 \
	>"$stalled_out" 2>&1 &
stalled_rx=$!
BG_PIDS+=($!)
check_ok "receiver ready" busywait 5000 grep -q ready "$stalled_out"
check_ok "drop node 2's DATA and ACK" tc -n "$b" filter add dev vb \
	parent 1: protocol 0x88b5 u32 match u8 0x10 0xfe at 1 action drop
t0=$(now_ms)
ip netns exec "$a" timeout 60 "$RDM_PROG" send -N 2 -p 5002 -n 100000 \
	-M 10000 >/dev/null 2>&1
rc=$?
elapsed=$(($(now_ms) - t0))
log "sender failed (exit $rc) ${elapsed} ms after the circuit went silent"
check_ok "sender fails, does not hang" test "$rc" -ne 0 -a "$rc" -ne 124
check_ok "not before reconnect_interval, not much after (${elapsed} ms)" \
	test "$elapsed" -ge 3000 -a "$elapsed" -lt 20000
check_match "logged" 'virtual circuit to node 2 stalled' "$(dmesg)"
check_match "node 2 closed the channel on the BYE" \
	'node 2: vb: channel to node 1 .* closed' "$(dmesg)"

tc -n "$b" qdisc del dev vb root
check_ok "channel again" busywait 10000 open_is "$a" 1
up="channel_up:2: node_up:2: vc_up:2:"
expect_events "events: vc down (stalled), channels restart" "$events_out" \
	"$up vc_down:2:stalled channel_down:2:vc_stalled node_down:2: $up"
kill "$monitor"
rm -f "$events_out" "$events_out.err"
rdm_transfer "new circuit, 1 to 2" "$a" "$b" 2 3 20 100000
rdm_transfer "new circuit, 2 to 1" "$b" "$a" 1 4 20 100000

# Flow control is not a stall: a receiving socket that reads nothing for
# well over reconnect_interval holds the sender back, and the circuit
# stays up (the peer answers each retransmission).
stalls=$(dmesg | grep -c 'stalled')
ip netns exec "$b" "$PROGS/afc-sock" -t rdm -p 5005 --hold >/dev/null &
holder=$!
sleep 0.3
ip netns exec "$a" timeout 60 "$RDM_PROG" send -N 2 -p 5005 -n 1000 \
	-M 100000 >/dev/null 2>&1 &
sender=$!
sleep 8
check_ok "sender still blocked after 8 s" kill -0 "$sender"
check_ok "circuit open, nothing failed" vc_is "$a" \
	'.[0].state == "open" and .[0].stats.failed == 0 and .[0].queued > 0'
check_eq "no stall logged" "$stalls" "$(dmesg | grep -c 'stalled')"
# Its socket closes: the held message is refused, the sender is told.
kill "$holder"
wait "$holder"
wait "$sender"
rc=$?
check_ok "sender told once the port is gone (exit $rc)" \
	test "$rc" -ne 0 -a "$rc" -ne 124
check_ok "refused, not failed" vc_is "$a" \
	'.[0].stats.refused >= 1 and .[0].stats.failed == 0'

check_ok "one circuit, open" vc_is "$a" 'length == 1 and .[0].state == "open"'
# What the sender had queued still goes out (and is refused); until it
# has, its socket and the module stay.
check_ok "the closed sender's queue drains" busywait 30000 \
	vc_is "$a" '.[0].queued == 0'

kill "$stalled_rx" 2>/dev/null
wait "$stalled_rx"
rm -f "$stalled_out"
check_ok "rmmod" unload_module
exit $RET
