#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The virtual circuit's tracepoints: under loss, a transfer shows window
# changes (SACK-detected losses), retransmissions with their reason and
# retransmission-timeout updates from measured round trips.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

tr=/sys/kernel/tracing
[ -d "$tr/events" ] || mount -t tracefs nodev "$tr" 2>/dev/null
[ -d "$tr/events" ] || skip "no tracefs in this kernel"

check_ok "insmod" load_module
check_ok "events registered" test -d "$tr/events/af_cluster/cluster_vc_cwnd"
for e in cluster_vc_cwnd cluster_vc_retransmit cluster_vc_rto; do
	check_ok "$e: format" grep -q "field:u32 remote" \
		"$tr/events/af_cluster/$e/format"
done
setup_ns a b
check_ok "veth" veth "$a" va "$b" vb
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
cc "$a" adapter add va
cc "$b" adapter add vb
check_ok "channel" busywait $((HELLO_MAX + RESPONSE_MAX + 3000)) open_is "$a" 1

echo > "$tr/trace"
echo 1 > "$tr/events/af_cluster/enable"
tc -n "$a" qdisc add dev va root netem loss 5%
rdm_transfer "5% loss" "$a" "$b" 2 1 20 300000
echo 0 > "$tr/events/af_cluster/enable"
trace=$(cat "$tr/trace")
check_match "retransmit after SACK" \
	'cluster_vc_retransmit: node=1 remote=2 seq=[0-9]+ snd_una=[0-9]+ sent_before=1 why=sack' \
	"$trace"
check_match "window halved on SACK loss" \
	'cluster_vc_cwnd: node=1 remote=2 cwnd=[0-9]+ .* fast=1 why=sack_loss' \
	"$trace"
check_match "window grows on ACK" 'cluster_vc_cwnd: node=1 .* why=ack' "$trace"
check_match "RTO from a sample" \
	'cluster_vc_rto: node=1 remote=2 srtt_us=[0-9]+ rttvar_us=[0-9]+ rto_us=[0-9]+ why=sample' \
	"$trace"
log "$(grep -c cluster_vc_ <<<"$trace") events"

check_ok "rmmod" unload_module
exit $RET
