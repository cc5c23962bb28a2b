#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The programs of examples/ (and of af_cluster(7)'s EXAMPLES) work as
# documented between two nodes: echo-server and echo-client over a
# SOCK_SEQPACKET service, rdm-ping over SOCK_RDM to a service and to a
# (node, port).
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

EX=$REPO/examples/bin
[ -x "$EX/echo-server" ] || skip "examples not built (make)"

check_ok "insmod" load_module
two_nodes

srv=$(mktemp)
# Line-buffered: the test reads its log while it runs.
ip netns exec "$b" stdbuf -oL "$EX/echo-server" >"$srv" 2>&1 &
BG_PIDS+=($!)
check_ok "echo-server's service known on node 1" busywait 5000 \
	eval "cc '$a' -j service show | jq -e 'any(.[]; .service == \"echo\")' >/dev/null"
check_eq "echo-client hello cluster" "hello cluster" \
	"$(ip netns exec "$a" "$EX/echo-client" hello cluster | tr '\n' ' ' | sed 's/ $//')"
check_ok "server saw the connection" busywait 2000 grep -q 'connection from node 1 port' "$srv"

ip netns exec "$b" "$EX/rdm-ping" -l -s ping >/dev/null 2>&1 &
BG_PIDS+=($!)
ip netns exec "$b" "$EX/rdm-ping" -l -p 7000 >/dev/null 2>&1 &
BG_PIDS+=($!)
check_ok "rdm-ping's service known on node 1" busywait 5000 \
	eval "cc '$a' -j service show | jq -e 'any(.[]; .service == \"ping\")' >/dev/null"
out=$(ip netns exec "$a" "$EX/rdm-ping" -c 3 -i 10 -s ping 2>&1)
check_eq "rdm-ping a service: 3 answers" 3 "$(grep -c 'from node 2' <<<"$out")"
out=$(ip netns exec "$a" "$EX/rdm-ping" -c 2 -i 10 -n 2 -p 7000 2>&1)
check_eq "rdm-ping a (node, port): 2 answers" 2 "$(grep -c 'from node 2' <<<"$out")"
for pid in "${BG_PIDS[@]}"; do
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
BG_PIDS=()
rm -f "$srv"
check_ok "rmmod" unload_module
exit $RET
