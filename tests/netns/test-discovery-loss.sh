#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A channel that stops hearing its peer (netem 100% loss) closes within the
# listen timeout and counts it; when the loss ends it opens again (after
# at most a handshake timeout: a handshake begun during the loss must time
# out first).
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

LISTEN=1500 HANDSHAKE=1000

check_ok "insmod" load_module
setup_ns a b
check_ok "veth" veth "$a" va "$b" vb
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
cc "$a" param set listen_timeout $LISTEN handshake_timeout $HANDSHAKE
cc "$b" param set listen_timeout $LISTEN handshake_timeout $HANDSHAKE
cc "$a" adapter add va
cc "$b" adapter add vb
limit=$((HELLO_MAX + RESPONSE_MAX + 2000))
check_ok "open" busywait "$limit" open_is "$a" 1

if ! tc -n "$a" qdisc add dev va root netem loss 100% 2>/dev/null; then
	skip "no netem in this kernel"
fi
t0=$(now_ms)
# b hears nothing from a any more: it closes within the listen timeout.
if busywait $((LISTEN + 1500)) open_is "$b" 0; then
	t=$(($(now_ms) - t0))
	log "ok: b closed after $t ms (listen timeout $LISTEN ms)"
	check_ok "not before the listen timeout" test "$t" -ge $((LISTEN - HELLO_MAX - 100))
else
	fail "b: still open $((LISTEN + 1500)) ms into 100% loss"
fi
check_eq "b: listen timeout counted" 1 "$(chan_get "$b" 1 '.[0].stats.listen_timeouts')"
check_ok "a closes too" busywait $((LISTEN + 1500)) open_is "$a" 0

tc -n "$a" qdisc del dev va root
check_ok "reopens after the loss" busywait $((limit + HANDSHAKE)) open_is "$a" 1
check_ok "b reopens" busywait 1000 open_is "$b" 1

check_ok "rmmod" unload_module
exit $RET
