#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# SOCK_SEQPACKET connections: connect to a service name or to a (node,
# port), across nodes and on one node; messages up to 1 MiB echoed with
# their boundaries; shutdown gives the peer end of file both ways;
# getpeername.  Connecting to nothing fails at once: ECONNREFUSED with no
# listener, EHOSTUNREACH for an unknown node or an unprovided service.
# The peer node lost silently: ECONNRESET within the listen timeout, then
# EPIPE on send; cut off with a BYE: at once.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

SVC=$PROGS/afc-svc
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# serve NETNS OUT ARGS...: a server in the background; waits for "ready".
serve() {
	local ns=$1 out=$2
	shift 2
	ip netns exec "$ns" "$SVC" serve "$@" >"$out" 2>&1 &
	BG_PIDS+=($!)
	busywait 5000 grep -q '^ready' "$out"
}

check_ok "insmod" load_module
two_nodes

srv=$(mktemp)
serve "$b" "$srv" -s echo -c 4
check_match "server on node 2 provides 'echo'" '^ready port [0-9]+$' "$(head -n 1 "$srv")"
port=$(sed -n 's/^ready port //p' "$srv")
check_ok "node 1 knows the service" busywait 3000 \
	eval "cc '$a' -j service show | jq -e 'any(.[]; .service == \"echo\" and .node == 2 and .port == $port)' >/dev/null"

out=$(in_ns "$a" "$SVC" connect -s echo -n 5 -S 1000)
check_match "by name: connected to node 2" "^connected peer 2 [0-9]+$" "$(head -n 1 <<<"$out")"
check_eq "by name: echoed, end of file" "ok 5 echoed, eof" "$(tail -n 1 <<<"$out")"
out=$(in_ns "$a" "$SVC" connect -N 2 -p "$port" -n 3 -S 1048576)
check_eq "by port: 1 MiB messages echoed" "ok 3 echoed, eof" "$(tail -n 1 <<<"$out")"
out=$(in_ns "$a" "$SVC" connect -s echo -N 2 -n 2 -S 1)
check_eq "by name on node 2: 1-byte messages" "ok 2 echoed, eof" "$(tail -n 1 <<<"$out")"
out=$(in_ns "$b" "$SVC" connect -s echo -n 4 -S 70000)
check_match "on one node: connected to itself" "^connected peer 2 [0-9]+$" "$(head -n 1 <<<"$out")"
check_eq "on one node: echoed, end of file" "ok 4 echoed, eof" "$(tail -n 1 <<<"$out")"
wait "${BG_PIDS[-1]}"
check_eq "server saw 4 clients to their end of file" 4 "$(grep -c '^eof after' "$srv")"
check_match "server's peers: node 1, then node 2" "peer 1 .*peer 1 .*peer 1 .*peer 2 " "$(tr '\n' ' ' <"$srv")"
check_ok "service withdrawn on node 1 after the server closed" busywait 3000 \
	eval "[ \"\$(cc '$a' -j service show | jq length)\" = 0 ]"

check_eq "no listener: refused" "connect error ECONNREFUSED" \
	"$(in_ns "$a" "$SVC" connect -N 2 -p 4000)"
check_eq "unknown node: unreachable" "connect error EHOSTUNREACH" \
	"$(in_ns "$a" "$SVC" connect -N 9 -p 4000)"
check_eq "nobody provides it: unreachable" "connect error EHOSTUNREACH" \
	"$(in_ns "$a" "$SVC" connect -s nobody)"
check_eq "on one node, no listener: refused" "connect error ECONNREFUSED" \
	"$(in_ns "$b" "$SVC" connect -N 2 -p 4000)"
# Non-blocking: the answer may come before connect() returns (a veth
# delivers at once), or after, through poll and SO_ERROR.
check_match "non-blocking connect, no listener: refused, now or by SO_ERROR" \
	'^connect (ECONNREFUSED, .*|EINPROGRESS, pollhup, so_error ECONNREFUSED)$' \
	"$(in_ns "$a" "$SVC" nbconnect -N 2 -p 4000)"
check_eq "non-blocking accept, nothing pending" "accept error EAGAIN" \
	"$(in_ns "$b" "$SVC" nbaccept -p 4003)"
serve "$b" "$srv" -s nb
check_match "non-blocking connect: writable, SO_ERROR 0" \
	'^connect (ok|EINPROGRESS), pollout, so_error 0$' \
	"$(in_ns "$a" "$SVC" nbconnect -s nb)"
serve "$b" "$srv" -t rdm -p 4001 -T 2
check_eq "a datagram socket's port: refused" "connect error ECONNREFUSED" \
	"$(in_ns "$a" "$SVC" connect -N 2 -p 4001)"

# The peer node lost without a word: reset within the listen timeout.
check_ok "listen_timeout 2 s" cc "$a" param set listen_timeout 2000
cc "$b" param set listen_timeout 2000
serve "$b" "$srv" -s hold -c 2
hold=$(mktemp)
ip netns exec "$a" "$SVC" hold -s hold >"$hold" 2>&1 &
BG_PIDS+=($!)
check_ok "held connection" busywait 3000 grep -q connected "$hold"
tc -n "$a" qdisc add dev va root netem loss 100%
tc -n "$b" qdisc add dev vb root netem loss 100%
# Silent both ways from here (each tc takes a while in an emulated VM).
t0=$(now_ms)
check_ok "connection broken" busywait 6000 grep -q 'recv error' "$hold"
check_match "silent loss: ECONNRESET" '^recv error ECONNRESET ' "$(grep 'recv error' "$hold")"
ms=$(($(sed -n 's/.* at \([0-9]*\)$/\1/p' "$hold") - t0))
log "reset $ms ms after the link went silent"
check_ok "within the listen timeout (2 s, + 0.3 s for wakeups)" test "$ms" -le 2300
check_eq "then send: EPIPE" "send error EPIPE" "$(grep 'send error' "$hold")"
tc -n "$a" qdisc del dev va root
tc -n "$b" qdisc del dev vb root
check_ok "channel back" busywait 10000 open_is "$a" 1

# Node 2 cut off (its adapter's device deleted: BYE): reset at once.
ip netns exec "$a" "$SVC" hold -s hold >"$hold" 2>&1 &
BG_PIDS+=($!)
check_ok "held again" busywait 5000 grep -q connected "$hold"
t0=$(now_ms)
ip -n "$b" link del vb
check_ok "cut off: connection broken" busywait 3000 grep -q 'recv error' "$hold"
check_match "cut off: ECONNRESET" '^recv error ECONNRESET ' "$(grep 'recv error' "$hold")"
ms=$(($(sed -n 's/.* at \([0-9]*\)$/\1/p' "$hold") - t0))
log "reset $ms ms after the cut"
# Half the listen timeout: only the BYE can be that fast (the emulated
# VM takes a few hundred ms to run "ip link del" itself under load).
check_ok "at once (BYE): within 1000 ms" test "$ms" -le 1000
for pid in "${BG_PIDS[@]}"; do
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
BG_PIDS=()
cleanup_ns "$b"
check_eq "node 1 still serves itself" "bound port 4002" \
	"$(in_ns "$a" "$SVC" bind -t rdm -p 4002)"
rm -f "$srv" "$hold"
check_ok "rmmod" unload_module
exit $RET
