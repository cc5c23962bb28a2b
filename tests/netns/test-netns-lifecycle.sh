#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Each netns is an independent node: identities and port spaces do not
# mix; sockets pin the module; deleting the netns and unloading leaves
# nothing behind (the debug kernel's kmemleak scan checks the last part).
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
setup_ns n1 n2 n3
i=0
for ns in "$n1" "$n2" "$n3"; do
	i=$((i + 1))
	check_ok "node set in $ns" ip netns exec "$ns" "$CLUSTERCTL" node set id "$i" name "node$i"
done
i=0
for ns in "$n1" "$n2" "$n3"; do
	i=$((i + 1))
	json=$(ip netns exec "$ns" "$CLUSTERCTL" -j node show)
	check_eq "node id in $ns" "$i" "$(json_get id <<<"$json")"
	check_eq "node name in $ns" "node$i" "$(json_get name <<<"$json")"
done
json=$("$CLUSTERCTL" -j node show)
check_eq "init netns untouched" 0 "$(json_get id <<<"$json")"

# The same port in three namespaces: three nodes, three port spaces.
pids=()
for ns in "$n1" "$n2" "$n3"; do
	ip netns exec "$ns" "$PROGS/afc-sock" -p 5000 --hold >/dev/null &
	pids+=($!)
	BG_PIDS+=($!)
done
# Each socket pins the module (through its proto_ops and its struct proto).
busywait 5000 test "$(module_refcnt)" -ge 3
check_ok "the open sockets hold the module" test "$(module_refcnt)" -ge 3
check_eq "port 5000 taken in n1" "error EADDRINUSE" "$(ip netns exec "$n1" "$PROGS/afc-sock" -p 5000)"
check_match "port 5001 free in n1" '^port 5001$' "$(ip netns exec "$n1" "$PROGS/afc-sock" -p 5001)"
port=$(ip netns exec "$n2" "$PROGS/afc-sock" | sed -n 's/^port //p')
if [ -n "$port" ] && [ "$port" -ge 32768 ] && [ "$port" -le 65535 ]; then
	log "ok: ephemeral port $port in 32768..65535"
else
	fail "ephemeral port '$port' outside 32768..65535"
fi

# Delete the namespaces while their sockets are open, then close them.
cleanup_ns "${NS_LIST[@]}"
NS_LIST=()
check_fail "rmmod refused while sockets are open" rmmod af_cluster
kill "${pids[@]}"
wait "${pids[@]}" 2>/dev/null
busywait 5000 test "$(module_refcnt)" -eq 0
check_eq "references gone after close" 0 "$(module_refcnt)"
check_ok "rmmod after netns exit" unload_module
exit $RET
