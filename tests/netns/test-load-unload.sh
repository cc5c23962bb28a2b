#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Load and unload af_cluster, with default and changed parameters, and
# reject bad parameters; clusterctl says clearly when the module is absent.
source "$(dirname "$0")/lib.sh"

check_ok "insmod with defaults" load_module
check_eq "family parameter" 19 "$(cat /sys/module/af_cluster/parameters/family)"
check_eq "ethertype parameter" 34997 "$(cat /sys/module/af_cluster/parameters/ethertype)"
check_eq "no references after load" 0 "$(module_refcnt)"
check_ok "generic netlink family answers" "$CLUSTERCTL" node show
check_match "socket in the default family" '^port [0-9]+$' "$("$PROGS/afc-sock")"
check_ok "rmmod" rmmod af_cluster
check_fail "module gone after rmmod" module_loaded

out=$("$CLUSTERCTL" node show 2>&1)
check_eq "clusterctl exit status without the module" 3 "$?"
check_match "clusterctl names the fix" 'af_cluster is not loaded: run modprobe af_cluster' "$out"

check_ok "insmod family=22 ethertype=0x88b6" insmod "$AFC_MODULE" family=22 ethertype=0x88b6
check_eq "family moved" 22 "$(cat /sys/module/af_cluster/parameters/family)"
check_match "socket in family 22" '^port [0-9]+$' "$("$PROGS/afc-sock" -f 22)"
check_eq "family 19 unused now" "error EAFNOSUPPORT" "$("$PROGS/afc-sock" -f 19)"
check_ok "rmmod" rmmod af_cluster

check_fail "family=16 (netlink's) refused" insmod "$AFC_MODULE" family=16
check_fail "family=99 (beyond AF_MAX) refused" insmod "$AFC_MODULE" family=99
check_fail "ethertype=0x0100 (an 802.3 length) refused" insmod "$AFC_MODULE" ethertype=0x0100
check_fail "nothing loaded after refusals" module_loaded

for i in 1 2 3 4 5; do
	insmod "$AFC_MODULE" && rmmod af_cluster || fail "load/unload cycle $i"
done
log "ok: 5 load/unload cycles"
exit $RET
