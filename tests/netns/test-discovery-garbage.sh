#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Hostile frames at a node with an open channel: random bytes, plausible
# headers with random bodies (multicast and unicast, right and wrong
# group), forged handshakes and BYEs with a wrong inner address.  The
# node stays up, the channel stays open, and the drops are counted by
# reason.  (The VM harness fails the run on any kernel warning or KASAN
# report.)
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

raw() { ip netns exec "$sw" "$PROGS/afc-raw" "$@"; }

check_ok "insmod" load_module
setup_ns sw a b
check_ok "bridge" bridge "$sw" br0
check_ok "attach a" attach "$a" eth0 "$sw" br0
check_ok "attach b" attach "$b" eth0 "$sw" br0
check_ok "attacker port" attach "$sw" evil0 "$sw" br0
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
cc "$a" adapter add eth0
cc "$b" adapter add eth0
limit=$((HELLO_MAX + RESPONSE_MAX + 2000))
check_ok "open" busywait "$limit" open_is "$a" 1
mac_a=$(ip netns exec "$a" cat /sys/class/net/eth0/address)

before=$(cc "$a" -s -j adapter show eth0 | jq '[.[0].stats.drops[]] | add')
check_eq "random to multicast" 300 "$(raw -i evil0 -g 7 -n 300 -s 1 random)"
check_eq "random to a" 300 "$(raw -i evil0 -d "$mac_a" -n 300 -s 2 random)"
check_eq "headers, group 7, multicast" 300 "$(raw -i evil0 -g 7 -n 300 -s 3 header)"
check_eq "headers, group 7, to node 1" 500 "$(raw -i evil0 -d "$mac_a" -g 7 -N 1 -n 500 -s 4 header)"
check_eq "headers, group 9" 100 "$(raw -i evil0 -d "$mac_a" -g 9 -N 1 -n 100 -s 5 header)"
# Type 9, unknown.
check_eq "unknown type" 1 "$(raw -i evil0 -d "$mac_a" hex \
	01090000000700100000000200000001)"
# A BYE "from node 2" whose inner address is not its sender's.
check_eq "forged BYE" 1 "$(raw -i evil0 -d "$mac_a" hex \
	01050000000700180000000200000001000302000000000001)"
sleep 1

after=$(cc "$a" -s -j adapter show eth0 | jq '[.[0].stats.drops[]] | add')
check_ok "drops counted ($before -> $after)" test "$after" -gt $((before + 1000))
for reason in truncated bad_version wrong_group bad_type mac_mismatch; do
	check_match "a counts $reason" '^[1-9]' "$(drops "$a" eth0 "$reason")"
done
check_eq "channel still open" 1 "$(open_count "$a" 2)"
check_eq "no handshake restarted by garbage" 0 "$(chan_get "$a" 2 '.[0].stats.restarts')"
check_ok "node still answers" cc "$a" node show
# The garbage did not invent remote nodes beyond the table's bound.
check_ok "peer table bounded" test "$(cc "$a" -j node list | jq length)" -le 1024

check_ok "rmmod" unload_module
exit $RET
