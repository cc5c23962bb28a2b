#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Two nodes with two adapters each.  On two separate bridges (one adapter
# of each node per bridge) they form 2 channels; with all four adapters on
# one bridge, 4 (every local adapter with every remote one).  Adapter
# input checks: unknown device, duplicate, loopback, bad priority.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
setup_ns sw a b
check_ok "bridges" bridge "$sw" br0
check_ok "bridge 2" bridge "$sw" br1
check_ok "a eth0 on br0" attach "$a" eth0 "$sw" br0
check_ok "a eth1 on br1" attach "$a" eth1 "$sw" br1
check_ok "b eth0 on br0" attach "$b" eth0 "$sw" br0
check_ok "b eth1 on br1" attach "$b" eth1 "$sw" br1
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2

# Adapter input checks, before any adapter exists.
check_fail "unknown device" cc "$a" adapter add nosuch0
check_fail "loopback refused" cc "$a" adapter add lo
check_fail "priority 128 refused" cc "$a" adapter add eth0 priority 128

for ns in "$a" "$b"; do
	cc "$ns" adapter add eth0
	cc "$ns" adapter add eth1 priority 1
done
check_fail "duplicate adapter" cc "$a" adapter add eth0
limit=$((HELLO_MAX + RESPONSE_MAX + 2000))
check_ok "a: 2 channels" busywait "$limit" open_is "$a" 2
check_ok "b: 2 channels" busywait "$limit" open_is "$b" 2
sleep 1
check_eq "a: still exactly 2 (separate bridges)" 2 "$(open_count "$a")"
check_eq "a: eth0 pairs with one remote" 1 "$(cc "$a" -j adapter show eth0 | jq '.[0].channels')"
check_eq "node list: 2 of 2" "2/2" "$(cc "$a" -j node list | jq -r '.[0] | "\(.channels)/\(.channels_total)"')"

# Both of b's adapters onto br0, a's eth1 too: every pair is reachable.
for port in $(ip -n "$sw" -o link show master br1 | awk -F'[:@ ]+' '{print $2}'); do
	ip -n "$sw" link set "$port" master br0
done
check_ok "a: 4 channels on one bridge" busywait $((limit + 2000)) open_is "$a" 4
check_ok "b: 4 channels on one bridge" busywait 2000 open_is "$b" 4
check_eq "a: eth1 pairs with both remotes" 2 "$(cc "$a" -j adapter show eth1 | jq '.[0].channels')"
check_eq "b: node 1 over 4" 4 "$(cc "$b" -j node list | jq '.[0].channels')"

# Staggered HELLOs: one node's adapters never send together.  Each adapter
# sent some, and the per-adapter counts are close (same interval law).
sleep 1
tx0=$(cc "$a" -s -j adapter show eth0 | jq '.[0].stats.hellos_tx')
tx1=$(cc "$a" -s -j adapter show eth1 | jq '.[0].stats.hellos_tx')
check_match "eth0 sent HELLOs" '^[1-9]' "$tx0"
check_match "eth1 sent HELLOs" '^[1-9]' "$tx1"

# Removing one adapter closes exactly its channels (2 of 4).
check_ok "adapter del eth0" cc "$a" adapter del eth0
check_ok "a: 2 left" busywait 1000 open_is "$a" 2
check_ok "b: 2 left" busywait 1000 open_is "$b" 2

# A device unregistered while it is an adapter: the adapter goes with it.
# It can say no BYE, so b notices by its (shortened) listen timeout.
cc "$b" param set listen_timeout 1500
sleep 1	# a keepalive or two re-arm the listen timers with the new value
ip -n "$a" link del eth1
check_eq "a: adapter gone with its device" 0 "$(cc "$a" -j adapter show | jq length)"
check_ok "b: 0 left after the listen timeout" busywait 4000 open_is "$b" 0

check_ok "rmmod" unload_module
exit $RET
