#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The ethertype handler sees af_cluster frames in the netns they arrive in
# (no adapters are enabled yet, so it counts and drops them) and ignores
# other ethertypes.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
setup_ns a b
ip link add veth-a netns "$a" type veth peer name veth-b netns "$b" || skip "no veth"
ip -n "$a" link set veth-a up
ip -n "$b" link set veth-b up

# send ETHERTYPE COUNT: raw frames from a to b.
send() {
	ip netns exec "$a" python3 - "$1" "$2" <<'PY'
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("veth-a", 0))
frame = b"\xff" * 6 + s.getsockname()[4] + int(sys.argv[1], 0).to_bytes(2, "big") + bytes(46)
for _ in range(int(sys.argv[2])):
    s.send(frame)
PY
}
send 0x88b5 5
send 0x88b6 3
busywait 5000 test "$("$CLUSTERCTL" -n "$b" -j -s node show | json_get stats.rx_unclaimed)" = 5
check_eq "b counted its 5 frames" 5 "$("$CLUSTERCTL" -n "$b" -j -s node show | json_get stats.rx_unclaimed)"
check_eq "a counted none" 0 "$("$CLUSTERCTL" -n "$a" -j -s node show | json_get stats.rx_unclaimed)"
check_eq "init netns counted none" 0 "$("$CLUSTERCTL" -j -s node show | json_get stats.rx_unclaimed)"
cleanup_ns "$a" "$b"
check_ok "rmmod" unload_module
exit $RET
