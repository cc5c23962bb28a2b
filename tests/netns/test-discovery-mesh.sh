#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Three nodes on one bridge form a full mesh.  Deleting one node's
# namespace sends BYE: the others close their channels to it at once and
# list it as down.  Unloading the module with live channels is clean and
# says BYE on the wire.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
setup_ns sw n1 n2 n3
check_ok "bridge" bridge "$sw" br0
i=0
for ns in "$n1" "$n2" "$n3"; do
	i=$((i + 1))
	check_ok "attach node $i" attach "$ns" eth0 "$sw" br0
	check_ok "node $i" node_setup "$ns" "$i"
done
start=$(now_ms)
for ns in "$n1" "$n2" "$n3"; do
	cc "$ns" adapter add eth0
done
limit=$((HELLO_MAX + RESPONSE_MAX + 2000))
ok=1
for ns in "$n1" "$n2" "$n3"; do
	busywait "$limit" open_is "$ns" 2 || ok=0
done
if [ $ok = 1 ]; then
	log "ok: full mesh after $(($(now_ms) - start)) ms"
else
	fail "no full mesh: $(cc "$n1" channel show; cc "$n2" channel show; cc "$n3" channel show)"
fi
check_eq "n1 sees 2 and 3 up" "2:up 3:up" \
	"$(cc "$n1" -j node list | jq -r '[.[] | "\(.id):\(.state)"] | sort | join(" ")')"
check_eq "n3 sees 1 and 2 up" "1:up 2:up" \
	"$(cc "$n3" -j node list | jq -r '[.[] | "\(.id):\(.state)"] | sort | join(" ")')"

# Node 3 leaves with its namespace: BYE, well before the 8 s listen timeout.
t0=$(now_ms)
ip netns del "$n3"
ok=1
for ns in "$n1" "$n2"; do
	busywait 1000 open_is "$ns" 0 3 || ok=0
done
if [ $ok = 1 ]; then
	log "ok: node 3 gone from both after $(($(now_ms) - t0)) ms"
else
	fail "channels to node 3 still open 1 s after its netns exit"
fi
check_eq "n1: node 3 down" down "$(cc "$n1" -j node list | jq -r '.[] | select(.id == 3) | .state')"
check_eq "n1: still open to 2" 1 "$(open_count "$n1" 2)"
check_match "n1: bye from 3 counted" '^[1-9]' "$(chan_get "$n1" 3 '.[0].stats.byes_rx')"

# Unload with adapters, channels and peers in place: each node says BYE
# ("unload", reason 3) to each peer on the wire before it goes.
check_ok "observer port" attach "$sw" tap0 "$sw" br0
# Ageing time 0: the bridge learns nothing and floods unicast to tap0 too.
check_ok "bridge as a hub" ip -n "$sw" link set br0 type bridge ageing_time 0
cap=$(mktemp)
ip netns exec "$sw" "$PROGS/afc-raw" -i tap0 capture 4000 >"$cap" &
BG_PIDS+=($!)
busywait 2000 grep -q ready "$cap"
check_ok "rmmod with live channels" unload_module
wait "${BG_PIDS[-1]}"
check_match "BYE (unload) from node 1 to 2" "type 5 src 1 dst 2 reason 3" "$(cat "$cap")"
check_match "BYE (unload) from node 2 to 1" "type 5 src 2 dst 1 reason 3" "$(cat "$cap")"
rm -f "$cap"
exit $RET
