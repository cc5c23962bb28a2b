#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Events and "clusterctl monitor".  An unprivileged "monitor -j" in node
# 1's namespace (and a text one) sees node 2 come (channel, node and vc
# up), leave by adapter del (channel down "bye", node down, then vc down
# "reconnect_timeout" after reconnect_interval) and come back; then leave
# by deleting its namespace and return in a new one.  Every event it sees
# is about node 2: node 2's own events (about node 1) stay in node 2's
# namespace, and a listener in a third namespace sees nothing at all.
# Monitors end cleanly on SIGINT and SIGTERM, and with exit 3 when the
# module is unloaded.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

command -v setpriv >/dev/null || skip "no setpriv"
tmp=$(mktemp -d)
trap 'lib_cleanup; rm -rf "$tmp"' EXIT

# lines_eq FILE1 FILE2: as many lines in both.
lines_eq() { [ "$(wc -l <"$1")" = "$(wc -l <"$2")" ]; }

check_ok "insmod" load_module
setup_ns a b c
check_ok "veth" veth "$a" va "$b" vb
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
check_ok "reconnect_interval 1 s" cc "$a" param set reconnect_interval 1000
mac_b=$(ip netns exec "$b" cat /sys/class/net/vb/address)
ifindex_a=$(ip netns exec "$a" cat /sys/class/net/va/ifindex)

start_monitor mon_json "$tmp/a.json" "$a" nobody -j
start_monitor mon_text "$tmp/a.txt" "$a"
start_monitor mon_b "$tmp/b.json" "$b" -j
start_monitor mon_c "$tmp/c.json" "$c" nobody -j
check_eq "monitor runs unprivileged" 65534 \
	"$(awk '/^Uid:/ { print $3 }' "/proc/$mon_json/status")"

# Node 2 joins.
cc "$a" adapter add va
cc "$b" adapter add vb
up="channel_up:2: node_up:2: vc_up:2:"
down="channel_down:2:bye node_down:2: vc_down:2:reconnect_timeout"
expect_events "join: channel, node, vc up" "$tmp/a.json" "$up"
ch=$(jq -c 'select(.event == "channel_up")' "$tmp/a.json")
check_eq "channel up: ifname" va "$(json_get ifname <<<"$ch")"
check_eq "channel up: ifindex" "$ifindex_a" "$(json_get ifindex <<<"$ch")"
check_eq "channel up: remote_mac" "$mac_b" "$(json_get remote_mac <<<"$ch")"
check_eq "channel up: no reason" missing "$(json_get reason <<<"$ch")"
# The name comes with HELLO, which the first handshake may beat.
check_match "channel up: node_name if known" '^(n2|missing)$' \
	"$(json_get node_name <<<"$ch")"
check_eq "vc up: node only" '["event","node"]' \
	"$(jq -c 'select(.event == "vc_up") | keys_unsorted' "$tmp/a.json")"
check_ok "b sees node 1 come" busywait 5000 grep -q '"node_up","node":1' "$tmp/b.json"

# Node 2 leaves by adapter del: BYE, then the circuit gives up.
t0=$(now_ms)
cc "$b" adapter del vb
expect_events "adapter del: channel, node, vc down" "$tmp/a.json" "$up $down"
took=$(($(now_ms) - t0))
check_ok "vc down after reconnect_interval (${took} ms)" test "$took" -ge 1000

# It returns once the circuit is gone.
check_ok "vc freed" busywait 5000 vc_is "$a" 'length == 0'
cc "$b" adapter add vb
expect_events "adapter add: up again" "$tmp/a.json" "$up $down $up"

# Text format: the same events, one line each.
check_ok "text: one line per event" busywait 5000 lines_eq "$tmp/a.json" "$tmp/a.txt"
n2='( \(n2\))?'
check_ok "text: channel up" grep -qxE "channel up node 2$n2 va -> $mac_b" "$tmp/a.txt"
check_ok "text: node up" grep -qxE "node up 2$n2" "$tmp/a.txt"
check_ok "text: vc up" grep -qx "vc up 2" "$tmp/a.txt"
check_ok "text: channel down" grep -qxE "channel down node 2$n2 va -> $mac_b reason bye" "$tmp/a.txt"
check_ok "text: node down" grep -qxE "node down 2$n2" "$tmp/a.txt"
check_ok "text: vc down" grep -qx "vc down 2 reason reconnect_timeout" "$tmp/a.txt"

# SIGINT ends a monitor cleanly.
kill -INT "$mon_text"
wait "$mon_text"
check_eq "SIGINT: exit 0" 0 "$?"
check_eq "SIGINT: nothing on stderr" "" "$(cat "$tmp/a.txt.err")"

# Node 2 leaves with its namespace (once b's monitor, which holds it,
# is gone).  The veth goes too, and a's adapter with it, possibly before
# the BYE is read: then the channel closes for the device.
kill "$mon_b"
wait "$mon_b" 2>/dev/null
ip netns del "$b"
expect_events "netns del: channel, node, vc down" "$tmp/a.json" \
	"$up $down $up channel_down:2:(bye|netdev) node_down:2: vc_down:2:reconnect_timeout"
check_ok "vc freed" busywait 5000 vc_is "$a" 'length == 0'
setup_ns b2
check_ok "veth again" veth "$a" va2 "$b2" vb2
check_ok "node 2 again" node_setup "$b2" 2
cc "$a" adapter add va2
cc "$b2" adapter add vb2
expect_events "netns returns: up again" "$tmp/a.json" \
	"$up $down $up channel_down:2:(bye|netdev) node_down:2: vc_down:2:reconnect_timeout $up"
check_eq "new channel's adapter" va2 \
	"$(jq -r 'select(.event == "channel_up") | .ifname' "$tmp/a.json" | tail -n 1)"

log "a saw: $(events "$tmp/a.json")"

# Namespaces are separate: a saw node 2 only, c nothing.
check_eq "a: only node 2's events" 0 "$(jq -r 'select(.node != 2)' "$tmp/a.json" | wc -l)"
check_eq "b: only node 1's events" 0 "$(jq -r 'select(.node != 1)' "$tmp/b.json" | wc -l)"
check_eq "c: no event at all" 0 "$(wc -c <"$tmp/c.json")"
check_eq "no error from the monitors" "" "$(cat "$tmp"/*.err)"

# SIGTERM too.
kill -TERM "$mon_json"
wait "$mon_json"
check_eq "SIGTERM: exit 0" 0 "$?"

# Unloading the module ends the last monitor with a word and exit 3.
check_ok "rmmod" unload_module
if busywait 5000 bash -c "! kill -0 $mon_c 2>/dev/null"; then
	wait "$mon_c"
	check_eq "unload: exit 3" 3 "$?"
	check_eq "unload: said so" "monitor: af_cluster was unloaded" \
		"$(cat "$tmp/c.json.err")"
else
	fail "monitor still running after the module was unloaded"
fi
check_eq "c: still no event" 0 "$(wc -c <"$tmp/c.json")"
exit $RET
