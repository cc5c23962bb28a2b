#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The SOCK_RDM socket API between two nodes (tests/netns/progs/afc-api.c):
# epoll with a non-blocking sender against a receiver that reads only once
# the sender is blocked, SO_SNDBUF and SO_RCVBUF bounding what each end
# holds, SIGIO on arrival, SO_RCVTIMEO and SO_SNDTIMEO, MSG_PEEK,
# FIONREAD, SIOCOUTQ, MSG_TRUNC, SO_ERROR; and bad input, each with its
# errno and nothing else disturbed.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

# api TEST: run one afc-api test from node 1 (a) to node 2 (b), logging
# each of its checks; the test passes if every check did.
api() {
	local out rc line
	out=$("$PROGS/afc-api" -a "$a" -b "$b" "$1" 2>&1)
	rc=$?
	while IFS= read -r line; do
		log "  $1: $line"
	done <<<"$out"
	check_eq "$1" 0 "$rc"
}

check_ok "insmod" load_module
two_nodes

for t in epoll bufs sigio rcvtimeo sndtimeo peek fionread outq trunc \
	sockerr bad; do
	api "$t"
done
check_ok "nothing failed on the circuit" vc_is "$a" '.[0].stats.failed == 0'

check_ok "rmmod" unload_module
exit $RET
