#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# An open AF_CLUSTER socket pins the module: rmmod fails cleanly while it is
# open and works once it is closed.
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
for type in rdm seqpacket; do
	"$PROGS/afc-sock" -t "$type" -p 2000 --hold >/dev/null &
	pid=$!
	BG_PIDS+=("$pid")
	busywait 5000 test "$(module_refcnt)" -gt 0
	check_ok "$type socket holds the module" test "$(module_refcnt)" -gt 0
	check_fail "rmmod refused with a $type socket open" rmmod af_cluster
	check_ok "module still loaded" module_loaded
	check_ok "still usable meanwhile" "$CLUSTERCTL" node show
	kill "$pid"
	wait "$pid" 2>/dev/null
	busywait 5000 test "$(module_refcnt)" -eq 0
	check_eq "reference dropped on close" 0 "$(module_refcnt)"
done
check_ok "rmmod once closed" unload_module
check_fail "module gone" module_loaded
exit $RET
