#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Every answer names its real sender.  Three nodes on two LANs (as in
# `make demo`); nodes 1 and 2 provide "echo" (rdm-ping -l); node 3 pings
# the service without pause while node 2 leaves and comes back, several
# times: its provider is killed and its namespace deleted (BYE on both
# LANs, node 3's circuit goes down once the reconnect interval passes),
# or it restarts within the reconnect interval (the circuit, still
# waiting, sees a new epoch).  The source (node, port) that recvfrom()
# gives for each answer must be a provider's own: node 2 never answers
# from node 1's port, nor node 1 from node 2's.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

EX=$REPO/examples/bin
[ -x "$EX/rdm-ping" ] || skip "examples not built (make)"

ROUNDS=${ROUNDS:-2}
# node ids: the netns of node 1, 2 and 3
declare -A ns_of
# "node port" of every provider ever started
providers=()

# join ID: node ID on both LANs, with the demo's timers.
join() {
	local ns=${ns_of[$1]}
	attach "$ns" eth0 "$sw" br0 && attach "$ns" eth1 "$sw" br1 &&
		node_setup "$ns" "$1" &&
		cc "$ns" param set listen_timeout 2000 reconnect_interval 1000 &&
		cc "$ns" adapter add eth0 && cc "$ns" adapter add eth1
}

# provide ID: an echo provider on node ID; its pid in $provider_pid.
provide() {
	local out
	out=$(mktemp)
	ip netns exec "${ns_of[$1]}" stdbuf -oL "$EX/rdm-ping" -l -s echo \
		>"$out" 2>&1 &
	BG_PIDS+=($!)
	provider_pid=$!
	if ! busywait 20000 grep -q '^answering' "$out"; then
		fail "node $1's provider did not start: $(cat "$out")"
		return
	fi
	read -r _ _ _ node _ port <"$out"
	providers+=("$node $port")
	rm -f "$out"
}

# echo_nodes ID: the nodes of the providers of "echo" node ID knows.
echo_nodes() {
	cc "${ns_of[$1]}" -j service show |
		jq -r '[.[] | select(.service == "echo") | .node] | sort | join(" ")'
}
echo_nodes_are() { [ "$(echo_nodes "$1")" = "$2" ]; }
# no_vc_to NETNS NODE: NETNS has no circuit to NODE any more.
no_vc_to() {
	cc "$1" -j vc show | jq -e --argjson n "$2" 'all(.[]; .node != $n)' \
		>/dev/null
}

check_ok "insmod" load_module
setup_ns sw n1 n2 n3
ns_of=([1]=$n1 [2]=$n2 [3]=$n3)
check_ok "LAN A" bridge "$sw" br0
check_ok "LAN B" bridge "$sw" br1
for id in 1 2 3; do
	check_ok "node $id on both LANs" join "$id"
done
for id in 1 2 3; do
	check_ok "node $id: full mesh" busywait 10000 open_is "${ns_of[$id]}" 4
done
provide 1
provide 2
node2_provider=$provider_pid
check_ok "node 3 knows both providers" busywait 5000 echo_nodes_are 3 "1 2"

# Node 3 pings all along: a request every 30 ms or so, each answer waited
# for 300 ms at most (a request to node 2 as it leaves gets none).
pings=$(mktemp)
ip netns exec "$n3" stdbuf -oL "$EX/rdm-ping" -c 100000 -i 30 -W 300 -s echo \
	>"$pings" 2>/dev/null &
BG_PIDS+=($!)
pinger=$!

t0=$(now_ms)
for round in $(seq "$ROUNDS"); do
	sleep 0.5
	kill "$node2_provider"
	wait "$node2_provider" 2>/dev/null
	check_ok "round $round: node 2's provider withdrawn" busywait 5000 \
		echo_nodes_are 3 1
	if [ $((round % 2)) = 1 ]; then
		# Node 2 leaves for longer than the reconnect interval.
		cleanup_ns "$n2"
		check_ok "round $round: node 3's circuit to node 2 gone" \
			busywait 10000 no_vc_to "$n3" 2
	else
		# A restart within it: the circuit sees a new incarnation.
		cc "$n3" param set reconnect_interval 30000
		cleanup_ns "$n2"
		check_ok "round $round: node 3 lost node 2's channels" \
			busywait 10000 open_is "$n3" 0 2
	fi
	sleep 0.3
	ip netns add "$n2" && ip -n "$n2" link set lo up
	check_ok "round $round: node 2 back" join 2
	check_ok "round $round: node 2's channels open" busywait 15000 \
		open_is "$n3" 2 2
	cc "$n3" param set reconnect_interval 1000
	provide 2
	node2_provider=$provider_pid
	check_ok "round $round: node 3 knows both providers again" \
		busywait 5000 echo_nodes_are 3 "1 2"
	log "round $round done at $(($(now_ms) - t0)) ms"
done
sleep 0.5
kill "$pinger"
wait "$pinger" 2>/dev/null

# Each answer's source must be a provider's (node, port).
answers=0 wrong=0 from1=0 from2=0
while read -r line; do
	[[ $line =~ from\ node\ ([0-9]+)\ port\ ([0-9]+): ]] || continue
	answers=$((answers + 1))
	src="${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
	case ${BASH_REMATCH[1]} in
	1) from1=$((from1 + 1)) ;;
	2) from2=$((from2 + 1)) ;;
	esac
	for p in "${providers[@]}"; do
		[ "$p" = "$src" ] && continue 2
	done
	wrong=$((wrong + 1))
	log "not a provider's address: $line"
done <"$pings"
log "$answers answers ($from1 from node 1, $from2 from node 2); providers: $(printf '[%s] ' "${providers[@]}")"
check_eq "every answer from a provider's own (node, port)" 0 "$wrong"
check_ok "node 1 answered throughout" test "$from1" -ge $((ROUNDS * 10))
check_ok "node 2 answered too" test "$from2" -ge "$ROUNDS"
rm -f "$pings"
for pid in "${BG_PIDS[@]}"; do
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
BG_PIDS=()
check_ok "rmmod" unload_module
exit $RET
