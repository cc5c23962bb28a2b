#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A message to a port nobody is bound to on a live node is refused, and
# its sender is told: by default the socket's pending error becomes
# ECONNREFUSED; with CLUSTER_RECVERR the refusal waits on the error queue
# with the destination.  Both ends count it, and the circuit carries on.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
two_nodes

check_match "pending error" '^refused ECONNREFUSED' \
	"$(ip netns exec "$a" "$PROGS/afc-errq" -N 2 -p 6000 2>&1)"
check_match "error queue" '^refused node 2 port 6001 errno ECONNREFUSED' \
	"$(ip netns exec "$a" "$PROGS/afc-errq" -N 2 -p 6001 -e 2>&1)"
check_ok "receiver counts 2 messages for no port" vc_is "$b" \
	'.[0].stats.no_port == 2'
check_ok "sender counts 2 refusals" vc_is "$a" '.[0].stats.refused == 2'
check_ok "nothing failed, nothing malformed" vc_is "$a" \
	'.[0].stats.failed == 0 and .[0].stats.bad_control == 0'

# The other way round, and the circuit still carries bound traffic.
check_match "refusal from node 1 to node 2" '^refused node 1 port 6002' \
	"$(ip netns exec "$b" "$PROGS/afc-errq" -N 1 -p 6002 -e 2>&1)"
rdm_transfer "after refusals" "$a" "$b" 2 1 20 100000

check_ok "rmmod" unload_module
exit $RET
