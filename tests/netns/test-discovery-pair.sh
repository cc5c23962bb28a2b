#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Two nodes over one veth: the channel opens within hello_max +
# response_delay_max (+ slack), both ends report it (channel show, adapter
# show, node list) with a measured round trip and counters; a device
# change (MTU, address, carrier) closes it at once and it comes back; an
# adapter del sends BYE and the peer closes within a second.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
setup_ns a b
check_ok "veth" veth "$a" va "$b" vb
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2

# Only the default listen timeout (8 s) is in force below: anything that
# closes a channel within a second is the event under test, not silence.
check_eq "listen timeout default" 8000 "$(cc "$a" -j param show | json_get listen_timeout)"

check_ok "adapter add va" cc "$a" adapter add va priority 5
start=$(now_ms)
check_ok "adapter add vb" cc "$b" adapter add vb
limit=$((HELLO_MAX + RESPONSE_MAX + 1500))
# Polling is slow on an emulated debug kernel: time the opening by the
# channel's own uptime, not by when a poll first saw it.
if busywait $((limit + 10000)) open_is "$b" 1; then
	up=$(chan_get "$b" 1 '.[0].uptime_ms')
	took=$(($(now_ms) - start - up))
	log "channel open $took ms after adapter add (limit $limit ms)"
	check_ok "open within hello_max + response_delay_max + slack" \
		test "$took" -le "$limit"
else
	fail "no open channel: $(cc "$b" channel show)"
fi
check_ok "both ends open" busywait 2000 open_is "$a" 1

# channel show -j: the documented keys, from both ends.
mac_a=$(cat "/sys/class/net/va/address" 2>/dev/null ||
	ip netns exec "$a" cat /sys/class/net/va/address)
mac_b=$(ip netns exec "$b" cat /sys/class/net/vb/address)
check_eq "a: local_adapter" va "$(chan_get "$a" 2 '.[0].local_adapter')"
check_eq "a: remote_node" 2 "$(chan_get "$a" 2 '.[0].remote_node')"
check_eq "a: remote_name" n2 "$(chan_get "$a" 2 '.[0].remote_name')"
check_eq "a: remote_mac" "$mac_b" "$(chan_get "$a" 2 '.[0].remote_mac')"
check_eq "b: remote_mac" "$mac_a" "$(chan_get "$b" 1 '.[0].remote_mac')"
check_eq "a: state" open "$(chan_get "$a" 2 '.[0].state')"
check_match "a: rtt_us measured" '^[1-9][0-9]*$' "$(chan_get "$a" 2 '.[0].rtt_us')"
check_match "b: rtt_us measured" '^[1-9][0-9]*$' "$(chan_get "$b" 1 '.[0].rtt_us')"
check_eq "a: mtu" 1500 "$(chan_get "$a" 2 '.[0].mtu')"
check_eq "handshakes ok, in total" 2 \
	$(( $(chan_get "$a" 2 '.[0].stats.handshakes_ok') + $(chan_get "$b" 1 '.[0].stats.handshakes_ok') ))
check_eq "no handshake failed" 0 "$(chan_get "$a" 2 '.[0].stats.handshakes_failed')"

# Keepalives flow and keep the round trip fresh.
sleep 1
check_match "a: keepalives sent" '^[1-9]' "$(chan_get "$a" 2 '.[0].stats.keepalives_tx')"
check_match "a: keepalives received" '^[1-9]' "$(chan_get "$a" 2 '.[0].stats.keepalives_rx')"
check_match "a: hellos from b" '^[1-9]' "$(chan_get "$a" 2 '.[0].stats.hellos_rx')"

# adapter show -j
ad=$(cc "$a" -s -j adapter show)
check_eq "adapter name" va "$(jq -r '.[0].name' <<<"$ad")"
check_eq "adapter mac" "$mac_a" "$(jq -r '.[0].mac' <<<"$ad")"
check_eq "adapter mtu" 1500 "$(jq -r '.[0].mtu' <<<"$ad")"
check_eq "adapter priority" 5 "$(jq -r '.[0].priority' <<<"$ad")"
check_eq "adapter state" up "$(jq -r '.[0].state' <<<"$ad")"
check_eq "adapter channels" 1 "$(jq -r '.[0].channels' <<<"$ad")"
check_match "adapter hellos_tx" '^[1-9]' "$(jq -r '.[0].stats.hellos_tx' <<<"$ad")"
check_match "adapter hellos_rx" '^[1-9]' "$(jq -r '.[0].stats.hellos_rx' <<<"$ad")"
check_eq "adapter tx_errors" 0 "$(jq -r '.[0].stats.tx_errors' <<<"$ad")"
check_eq "no drops" 0 "$(jq '[.[0].stats.drops[]] | add' <<<"$ad")"

# node list -j
nl=$(cc "$b" -j node list)
check_eq "node list: one node" 1 "$(jq length <<<"$nl")"
check_eq "node list: id" 1 "$(jq -r '.[0].id' <<<"$nl")"
check_eq "node list: name" n1 "$(jq -r '.[0].name' <<<"$nl")"
check_eq "node list: state" up "$(jq -r '.[0].state' <<<"$nl")"
check_eq "node list: channels" 1 "$(jq -r '.[0].channels' <<<"$nl")"
check_match "dmesg: channel open" "node 1: va: channel to node 2 \\((n2|\\?)\\) at $mac_b open" "$(dmesg)"

# A device change closes the channel at once (before `ip` returns: the
# notifier runs in its context); it then forms again.  The log is the
# witness: on a slow kernel the channel may reopen before a poll sees it
# closed.
for change in "mtu 1400" "address 02:00:00:00:0a:01" "down"; do
	dmesg -C
	# shellcheck disable=SC2086 # $change is two words on purpose
	ip -n "$a" link set va $change
	check_match "$change: closed at once" "va: channel to node 2 .* closed: (netdev|adapter-deleted)" "$(dmesg)"
	[ "$change" = down ] && ip -n "$a" link set va up
	check_ok "$change: reopens" busywait $((limit + 1000)) open_is "$a" 1
done
check_eq "new address announced" 02:00:00:00:0a:01 "$(chan_get "$b" 1 '.[] | select(.state == "open") | .remote_mac')"
check_eq "mtu: min of both" 1400 "$(chan_get "$a" 2 '.[0].mtu')"

# adapter del: BYE; b closes within a second, long before its listen timeout.
t0=$(now_ms)
check_ok "adapter del va" cc "$a" adapter del va
if busywait 1000 open_is "$b" 0; then
	log "ok: peer closed $(($(now_ms) - t0)) ms after adapter del"
else
	fail "peer still open 1 s after adapter del"
fi
check_match "b: bye counted" '^[1-9]' "$(chan_get "$b" 1 '.[0].stats.byes_rx')"
check_eq "b: node down" down "$(cc "$b" -j node list | jq -r '.[0].state')"
check_eq "a: no adapter left" 0 "$(cc "$a" -j adapter show | jq length)"
check_eq "a: no channel left" 0 "$(cc "$a" -j channel show | jq length)"
check_fail "adapter del again" cc "$a" adapter del va

check_ok "rmmod" unload_module
exit $RET
