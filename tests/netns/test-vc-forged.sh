#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Forged virtual-circuit frames against a live circuit.  A station that
# uses a node's own adapter address and node id, but has not seen the
# circuit's traffic, sends thousands of well-formed DATA and ACK frames
# with random epochs, sequence numbers, acknowledgments and SACK blocks,
# both ways, during a transfer.  None may restart the circuit without a
# handshake, fail a message or disturb the stream: the transfer arrives
# intact, the frames are counted as stale or unverified.  Frames from a
# node with no channel are dropped at the adapter.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

RAW=$PROGS/afc-raw
mac() { ip -n "$1" -j link show "$2" | jq -r '.[0].address'; }

check_ok "insmod" load_module
two_nodes
# Both ends learn each other's epoch before the forger starts.
rdm_transfer "warm-up" "$a" "$b" 2 1 4 10000

restarts() { dmesg | grep -c 'restarted its virtual circuit'; }
restarts_before=$(restarts)
out=$(mktemp)
ip netns exec "$b" "$RDM_PROG" recv -p 5002 -n 40 -s 2 -M 300000 -T 120 \
	>"$out" &
BG_PIDS+=($!)
busywait 5000 grep -q ready "$out"
ip netns exec "$a" "$RDM_PROG" send -N 2 -p 5002 -n 40 -s 2 -M 300000 \
	>/dev/null &
BG_PIDS+=($!)
sent_ab=$(ip netns exec "$a" "$RAW" -i va -d "$(mac "$b" vb)" -g 7 -S 1 \
	-N 2 -n 3000 -s 11 vc)
sent_ba=$(ip netns exec "$b" "$RAW" -i vb -d "$(mac "$a" va)" -g 7 -S 2 \
	-N 1 -n 3000 -s 12 vc)
wait "${BG_PIDS[-1]}"
wait "${BG_PIDS[-2]}"
log "forged: $sent_ab to node 2, $sent_ba to node 1"
check_match "transfer under forged frames: intact" '^ok ' \
	"$(tail -n 1 "$out")"
rm -f "$out"
for ns in "$a" "$b"; do
	check_ok "$ns: still open, no restart, nothing failed" vc_is "$ns" \
		'.[0].state == "open" and .[0].stats.failed == 0'
	check_ok "$ns: forged frames counted" vc_is "$ns" \
		'.[0].stats.stale + .[0].stats.unverified > 1000'
done
check_eq "no restart logged" "$restarts_before" "$(restarts)"

# A node id with no channel: dropped before any circuit sees it.
before=$(drops "$b" vb no_channel)
ip netns exec "$a" "$RAW" -i va -d "$(mac "$b" vb)" -g 7 -S 99 -N 2 \
	-n 200 -s 13 vc >/dev/null
check_ok "unknown node: dropped as no_channel" \
	test "$(drops "$b" vb no_channel)" -ge $((before + 200))
rdm_transfer "after the forgery" "$a" "$b" 2 3 10 100000

check_ok "rmmod" unload_module
exit $RET
