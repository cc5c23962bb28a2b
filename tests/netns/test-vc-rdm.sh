#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# SOCK_RDM over a virtual circuit: a stream of checked messages of random
# sizes (up to 1 MiB, so fragmented) arrives exactly once, in order and
# intact, without impairment and under netem loss, reordering,
# duplication and delay combined; with two channels, one cut mid-transfer,
# the transfer completes.  An unknown node is EHOSTUNREACH; a peer whose
# namespace goes away mid-transfer fails its sender, and nothing hangs.
# "clusterctl vc show" reports the circuit, its window and its counters.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

# transfer NAME SEED COUNT MAX [TIMEOUT]: from node 1 (a) to node 2 (b).
transfer() { rdm_transfer "$1" "$a" "$b" 2 "${@:2}"; }

check_ok "insmod" load_module
setup_ns a b
check_ok "veth 1" veth "$a" va "$b" vb
check_ok "veth 2" veth "$a" va2 "$b" vb2
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
for i in "" 2; do
	cc "$a" adapter add "va$i"
	cc "$b" adapter add "vb$i"
done
limit=$((HELLO_MAX + RESPONSE_MAX + 3000))
check_ok "two channels" busywait "$limit" open_is "$a" 2

check_eq "unknown node" "EHOSTUNREACH" \
	"$(ip netns exec "$a" "$RDM_PROG" send -N 9 -p 1 -n 1 2>&1 |
	   grep -o 'No route to host' | sed 's/No route to host/EHOSTUNREACH/')"

transfer "clean, 8 MiB" 1 40 400000
check_eq "vc show: one circuit" 1 "$(cc "$a" -j vc show | jq length)"
check_ok "vc show: to node 2, open, over 2 channels" vc_is "$a" \
	'.[0] | .remote_node == 2 and .state == "open" and .channels == 2'
check_ok "vc show: window within the peer's cache" vc_is "$a" \
	'.[0] | .cwnd >= 1 and .cwnd_max <= .peer_reseq'
check_ok "vc show: timeout at least the 10 ms floor" vc_is "$a" \
	'.[0].rto_us >= 10000'
check_ok "vc show: 40 messages sent" vc_is "$a" '.[0].stats.tx_msgs >= 40'
check_ok "vc show: 40 messages received" vc_is "$b" \
	'.[0].stats.rx_msgs >= 40'
# One channel's MTU shrinks mid-transfer: it closes and reopens with a
# smaller unit, the fragments already cut go over the other one.
out=$(mktemp)
ip netns exec "$b" "$RDM_PROG" recv -p 5007 -n 40 -s 7 -M 300000 -T 120 >"$out" &
BG_PIDS+=($!)
busywait 5000 grep -q ready "$out"
ip netns exec "$a" "$RDM_PROG" send -N 2 -p 5007 -n 40 -s 7 -M 300000 >/dev/null &
BG_PIDS+=($!)
sleep 0.3
ip -n "$a" link set va2 mtu 1000
ip -n "$b" link set vb2 mtu 1000
wait "${BG_PIDS[-1]}"
wait "${BG_PIDS[-2]}"
check_match "MTU shrinks mid-transfer: transfer completes" '^ok ' \
	"$(tail -n 1 "$out")"
rm -f "$out"
check_ok "both channels open again" busywait 20000 open_is "$a" 2
for dev in va va2; do
	tc -n "$a" qdisc add dev "$dev" root netem loss 5% delay 1ms 1ms \
		reorder 25% 50% duplicate 5%
	tc -n "$b" qdisc add dev "vb${dev#va}" root netem loss 5% \
		duplicate 5%
done
transfer "loss, reorder, duplicate, delay" 2 60 100000 300
check_ok "vc show: losses retransmitted" vc_is "$a" \
	'.[0].stats.retransmits > 0'
check_ok "vc show: duplicates discarded" vc_is "$b" '.[0].stats.dup_rx > 0'

# Failover: cut one channel silently (100% loss) mid-transfer.
for dev in va va2; do tc -n "$a" qdisc del dev "$dev" root; done
for dev in vb vb2; do tc -n "$b" qdisc del dev "$dev" root; done
out=$(mktemp)
ip netns exec "$b" "$RDM_PROG" recv -p 5003 -n 60 -s 3 -M 300000 -T 120 >"$out" &
BG_PIDS+=($!)
busywait 5000 grep -q ready "$out"
ip netns exec "$a" "$RDM_PROG" send -N 2 -p 5003 -n 60 -s 3 -M 300000 >/dev/null &
BG_PIDS+=($!)
sleep 0.3
tc -n "$a" qdisc add dev va root netem loss 100%
wait "${BG_PIDS[-1]}"
wait "${BG_PIDS[-2]}"
check_match "failover: transfer completes" '^ok ' "$(tail -n 1 "$out")"
tc -n "$a" qdisc del dev va root
rm -f "$out"

# Failover again, the channel closed by `adapter del` (BYE) this time.
check_ok "both channels back" busywait 20000 open_is "$a" 2
out=$(mktemp)
ip netns exec "$b" "$RDM_PROG" recv -p 5005 -n 60 -s 5 -M 300000 -T 120 >"$out" &
BG_PIDS+=($!)
busywait 5000 grep -q ready "$out"
ip netns exec "$a" "$RDM_PROG" send -N 2 -p 5005 -n 60 -s 5 -M 300000 >/dev/null &
BG_PIDS+=($!)
sleep 0.3
check_ok "adapter del mid-transfer" cc "$a" adapter del va2
wait "${BG_PIDS[-1]}"
wait "${BG_PIDS[-2]}"
check_match "failover by adapter del: transfer completes" '^ok ' \
	"$(tail -n 1 "$out")"
check_eq "one channel left" 1 "$(open_count "$a")"
rm -f "$out"

# ack_delay 0: every DATA is acknowledged at once, nothing waits a tick.
check_ok "ack_delay 0" cc "$b" param set ack_delay 0
acks0=$(cc "$b" -s -j vc show | jq '.[0].stats.acks_tx')
frags0=$(cc "$b" -s -j vc show | jq '.[0].stats.rx_frags')
transfer "acknowledged at once" 6 10 400000
check_ok "an ACK for (nearly) every DATA" vc_is "$b" \
	".[0].stats | (.acks_tx - $acks0) * 10 >= (.rx_frags - $frags0) * 9"
cc "$b" param set ack_delay 1

# The peer's namespace goes away mid-transfer: the sender is told.  Its
# receiver reads nothing, so the sender is blocked on a full circuit when
# the peer goes; it fails once reconnect_interval passes (3 s here).
check_ok "reconnect_interval 3 s" cc "$a" param set reconnect_interval 3000
ip netns exec "$b" "$PROGS/afc-sock" -t rdm -p 5004 --hold >/dev/null &
holder=$!
sleep 0.3
ip netns exec "$a" timeout 60 "$RDM_PROG" send -N 2 -p 5004 -n 1000 -s 4 \
	-M 100000 >/dev/null 2>&1 &
pid=$!
sleep 0.5
# The namespace dies with its last process.  Its device goes first: the
# holder's exit would otherwise refuse the held message over the channel
# (test-vc-stall.sh checks that) before the namespace is gone.
t0=$(now_ms)
ip -n "$b" link set vb down
ip netns del "$b"
kill "$holder"
wait "$holder"
wait "$pid"
rc=$?
elapsed=$(($(now_ms) - t0))
check_ok "sender fails, does not hang (exit $rc)" test "$rc" -ne 0 -a "$rc" -ne 124
log "sender failed ${elapsed} ms after the peer went"
check_ok "failed after the interval, not before (${elapsed} ms)" \
	test "$elapsed" -ge 3000 -a "$elapsed" -lt 15000
check_match "logged with the interval in force" \
	'virtual circuit to node 2 down: no channel for 3000 ms' "$(dmesg)"

check_ok "rmmod" unload_module
exit $RET
