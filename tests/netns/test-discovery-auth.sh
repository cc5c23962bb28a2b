#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Who pairs with whom: the same secret opens a channel; a wrong secret
# opens none, counts a failed handshake and logs the peer's address; a
# node with a secret and one without never pair (counted); another group
# is not even heard (counted as wrong_group); nodes without a secret pair
# with each other.  A new secret applies to new channels only; a new group
# closes the old channels with a BYE.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d)
printf 'correct-horse-battery-staple-01\n' >"$tmp/s1"
printf 'another-secret-entirely-0002\n' >"$tmp/s2"
chmod 600 "$tmp"/s*
limit=$((HELLO_MAX + RESPONSE_MAX + 2000))
# Long enough for several handshake attempts to fail.
settle=$((2 * (HELLO_MAX + RESPONSE_MAX) + 1500))

check_ok "insmod" load_module
setup_ns a b
check_ok "veth" veth "$a" va "$b" vb
mac_a=$(ip netns exec "$a" cat /sys/class/net/va/address)
mac_b=$(ip netns exec "$b" cat /sys/class/net/vb/address)

# Same secret: open.
check_ok "node 1" node_setup "$a" 1 7 secret-file "$tmp/s1"
check_ok "node 2" node_setup "$b" 2 7 secret-file "$tmp/s1"
cc "$a" param set handshake_timeout 500
cc "$b" param set handshake_timeout 500
cc "$a" adapter add va
cc "$b" adapter add vb
check_ok "same secret: open" busywait "$limit" open_is "$a" 1

# A new secret on b: the open channel stays (new channels only).
check_ok "b: new secret" cc "$b" node set secret-file "$tmp/s2"
sleep 1
check_eq "secret change keeps the open channel" 1 "$(open_count "$a")"

# Until it is re-formed: a device change forces a new handshake, which
# now fails on both sides' records; node a (initiator or not) logs it.
dmesg -C
ip -n "$a" link set va mtu 1400
sleep $((settle / 1000 + 1))
check_eq "wrong secret: no channel" 0 "$(open_count "$a")"
check_eq "wrong secret: no channel on b" 0 "$(open_count "$b")"
failed=$(( $(chan_get "$a" 2 '.[0].stats.handshakes_failed') + $(chan_get "$b" 1 '.[0].stats.handshakes_failed') ))
check_match "wrong secret: failed handshakes counted" '^[1-9]' "$failed"
check_match "wrong secret: log names the peer" \
	"handshake with node [12] at ($mac_a|$mac_b) failed: wrong cluster secret" "$(dmesg)"

# Secret on one side only: HELLOs are refused, counted, no channel.
check_ok "b: clear secret" cc "$b" node set secret none
sleep $((settle / 1000))
check_eq "one secret: no channel" 0 "$(open_count "$a")"
check_match "one secret: a counts no_secret_match" '^[1-9]' "$(drops "$a" va no_secret_match)"
check_match "one secret: b counts no_secret_match" '^[1-9]' "$(drops "$b" vb no_secret_match)"

# No secret on either side: they pair.
check_ok "a: clear secret" cc "$a" node set secret none
check_ok "no secrets: open" busywait "$limit" open_is "$a" 1

# Another group: a leaves the cluster (BYE closes b's side at once) and
# b's frames are not for it (wrong_group).
check_ok "a: group 8" cc "$a" node set group 8
check_ok "b closes at once" busywait 1000 open_is "$b" 0
before=$(drops "$a" va wrong_group)
sleep $((settle / 1000))
check_eq "other group: no channel" 0 "$(open_count "$a")"
check_eq "other group: no channel recorded" 0 "$(cc "$a" -j channel show | jq length)"
after=$(drops "$a" va wrong_group)
check_ok "other group: wrong_group counted ($before -> $after)" test "$after" -gt "$before"

# Back in one group: open again.
check_ok "a: group 7" cc "$a" node set group 7
check_ok "same group again: open" busywait "$limit" open_is "$a" 1

rm -rf "$tmp"
check_ok "rmmod" unload_module
exit $RET
