#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Service names across three nodes.  Providers on every node are known
# everywhere (clusterctl service show); anycast sends spread round-robin
# over them (one node's providers only, with scl_node); a provider that
# closes is withdrawn everywhere; a group send reaches every provider
# exactly once, in order, from each of two senders; a node that leaves
# takes its providers with it, and they return with it.  Reserved names
# need CAP_NET_BIND_SERVICE; one service per socket.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

SVC=$PROGS/afc-svc
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

# providers NETNS SERVICE: "node:port ..." of SERVICE as NETNS knows it.
providers() {
	cc "$1" -j service show |
		jq -r --arg s "$2" '[.[] | select(.service == $s) | "\(.node)"] | join(" ")'
}

# serve VAR NETNS ARGS...: an RDM provider in the background, its output
# file in VAR.
serve() {
	local var=$1 ns=$2 out
	shift 2
	out=$(mktemp)
	ip netns exec "$ns" "$SVC" serve -t rdm "$@" >"$out" 2>&1 &
	BG_PIDS+=($!)
	printf -v "$var" '%s' "$out"
	busywait 5000 grep -q '^ready' "$out"
}

check_ok "insmod" load_module
setup_ns sw n1 n2 n3
check_ok "bridge" bridge "$sw" br0
i=0
for ns in "$n1" "$n2" "$n3"; do
	i=$((i + 1))
	check_ok "attach node $i" attach "$ns" eth0 "$sw" br0
	check_ok "node $i" node_setup "$ns" "$i"
	cc "$ns" param set reconnect_interval 1000 listen_timeout 2000
	cc "$ns" adapter add eth0
done
limit=$((HELLO_MAX + RESPONSE_MAX + 3000))
for ns in "$n1" "$n2" "$n3"; do
	check_ok "full mesh" busywait "$limit" open_is "$ns" 2
done

# Node 2's monitor sees providers come and go (any user may watch).
mon=$(mktemp)
ip netns exec "$n2" setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$CLUSTERCTL" -j monitor >"$mon" 2>&1 &
BG_PIDS+=($!)
busywait 3000 test -n "$(pgrep -f "monitor" || true)"
sleep 0.5

# Anycast: 3 providers, 12 sends from node 1: 4 each, in order.
serve o1 "$n1" -s spread -T 20 -e 4
serve o2 "$n2" -s spread -T 20 -e 4
serve o3 "$n3" -s spread -T 20 -e 7
for ns in "$n1" "$n2" "$n3"; do
	check_ok "every node knows the 3 providers" busywait 3000 \
		eval "[ \"\$(providers '$ns' spread)\" = '1 2 3' ]"
done
check_eq "anycast: 12 sent" "sent 12" "$(in_ns "$n1" "$SVC" send -s spread -n 12 -i 1)"
check_eq "on node 3, only its provider: 3 sent" "sent 3" \
	"$(in_ns "$n1" "$SVC" send -s spread -N 3 -n 3 -i 2)"
wait "${BG_PIDS[@]: -3}"
check_eq "node 1's provider got 4" "got 4 from 1 senders in order" "$(tail -n 1 "$o1")"
check_eq "node 2's provider got 4" "got 4 from 1 senders in order" "$(tail -n 1 "$o2")"
check_eq "node 3's provider got 4 + 3" "got 7 from 2 senders in order" "$(tail -n 1 "$o3")"
for ns in "$n1" "$n2" "$n3"; do
	check_ok "closed providers withdrawn everywhere" busywait 3000 \
		eval "[ -z \"\$(providers '$ns' spread)\" ]"
done
check_eq "monitor: 3 providers of 'spread' up" 3 \
	"$(jq -c 'select(.event == "service_up" and .service == "spread")' "$mon" | wc -l)"
check_eq "monitor: and down" 3 \
	"$(jq -c 'select(.event == "service_down" and .service == "spread")' "$mon" | wc -l)"
check_match "monitor: node 3's, with its port" '"node":3,"service":"spread","port":[0-9]+' \
	"$(jq -c 'select(.event == "service_up" and .service == "spread" and .node == 3)' "$mon")"
check_eq "no provider: unreachable" "send error EHOSTUNREACH" \
	"$(in_ns "$n1" "$SVC" send -s spread -n 1)"

# One provider withdrawn: the sends go to the two others.
serve o1 "$n1" -s two -T 20 -e 3
serve o2 "$n2" -s two -T 20 -e 3
hold=$(mktemp)
in_ns "$n3" "$SVC" serve -t rdm -s two -T 1 >"$hold" 2>&1
check_ok "node 3's provider gone from node 1" busywait 3000 \
	eval "[ \"\$(providers '$n1' two)\" = '1 2' ]"
check_eq "anycast after a withdrawal: 6 sent" "sent 6" \
	"$(in_ns "$n3" "$SVC" send -s two -n 6 -i 3)"
wait "${BG_PIDS[@]: -2}"
check_eq "node 1's got 3" "got 3 from 1 senders in order" "$(tail -n 1 "$o1")"
check_eq "node 2's got 3" "got 3 from 1 senders in order" "$(tail -n 1 "$o2")"

# Group send: every provider, each message once, in order, two senders.
serve o1 "$n1" -s all -T 20 -e 300
serve o2 "$n2" -s all -T 20 -e 300
serve o3 "$n3" -s all -T 20 -e 300
check_ok "3 group members known on node 2" busywait 3000 \
	eval "[ \"\$(providers '$n2' all)\" = '1 2 3' ]"
check_eq "group send from node 2: 200 sent" "sent 200" \
	"$(in_ns "$n2" "$SVC" send -s all -N all -n 200 -i 4)"
check_eq "group send from node 3: 100 sent" "sent 100" \
	"$(in_ns "$n3" "$SVC" send -s all -N all -n 100 -i 5)"
wait "${BG_PIDS[@]: -3}"
for o in "$o1" "$o2" "$o3"; do
	check_eq "member got all 300 once, in order" \
		"got 300 from 2 senders in order" "$(tail -n 1 "$o")"
done

# A node that leaves takes its providers; back, it brings them again.
serve o3 "$n3" -s leave -T 30
check_ok "node 3's provider known on node 1" busywait 3000 \
	eval "[ \"\$(providers '$n1' leave)\" = '3' ]"
ip -n "$n3" link set eth0 down
check_ok "gone with its node (listen timeout 2 s, reconnect interval 1 s)" busywait 15000 \
	eval "[ -z \"\$(providers '$n1' leave)\" ]"
ip -n "$n3" link set eth0 up
check_ok "back with its node" busywait 15000 \
	eval "[ \"\$(providers '$n1' leave)\" = '3' ]"
kill "${BG_PIDS[-1]}" 2>/dev/null

# Node 3 restarts (a new namespace, the same id) before node 1 gives up
# on it: its withdrawal never left (its link was down), yet node 1
# forgets its old providers when it sees the restart, and learns the new.
cc "$n1" param set reconnect_interval 30000
serve o3 "$n3" -s old -T 60
check_ok "node 3's provider 'old' known on node 1" busywait 3000 \
	eval "[ \"\$(providers '$n1' old)\" = '3' ]"
ip -n "$n3" link set eth0 down
kill "${BG_PIDS[-1]}" 2>/dev/null
wait "${BG_PIDS[-1]}" 2>/dev/null
cleanup_ns "$n3"
setup_ns n3
check_ok "node 3 again" attach "$n3" eth0 "$sw" br0
node_setup "$n3" 3
cc "$n3" adapter add eth0
serve o5 "$n3" -s new -T 60
check_ok "after the restart: node 3's new provider known on node 1" busywait 15000 \
	eval "[ \"\$(providers '$n1' new)\" = '3' ]"
check_eq "and its old one forgotten" "" "$(providers "$n1" old)"
check_match "node 1 saw the restart" 'node 3 restarted' "$(dmesg | tail -n 50)"

# Names: reserved ones need privilege; one per socket.
check_eq "reserved name, unprivileged" "bind error EACCES" \
	"$(nobody "$SVC" bind -t rdm -s cluster.x)"
check_match "reserved name as root" '^bound port [0-9]+$' \
	"$(in_ns "$n1" "$SVC" bind -t rdm -s cluster.x)"
check_match "unprivileged name" '^bound port [0-9]+$' \
	"$(nobody "$SVC" bind -t seqpacket -s app.x)"
serve o4 "$n1" -p 4100 -s named -T 10
check_match "port 4100, then a name" '^ready port 4100$' "$(cat "$o4")"
check_match "service show lists it" 'named +1 +4100 +rdm' \
	"$(cc "$n1" service show | grep named || true)"
check_ok "node 2 too" busywait 3000 \
	eval "cc '$n2' service show | grep -Eq 'named +1 +4100 +rdm'"
for pid in "${BG_PIDS[@]}"; do
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
BG_PIDS=()
rm -f "$o1" "$o2" "$o3" "$o4" "$o5" "$hold" "$mon"
check_ok "rmmod" unload_module
exit $RET
