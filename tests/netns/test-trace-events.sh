#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The state and drop tracepoints, read through tracefs: channels opening
# and closing (adapter deleted here, BYE there) as one chain of states;
# virtual circuits made, waiting for a channel, down after the reconnect
# interval and at namespace exit; drops of injected bad frames, of frames
# on a device that is no adapter, of duplicated fragments, of forged
# circuit frames, of a message for an unbound port and of handshakes with
# the wrong secret, each with its reason and as many events as its
# counter counts.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

tr=/sys/kernel/tracing
[ -d "$tr/events" ] || mount -t tracefs nodev "$tr" 2>/dev/null
[ -d "$tr/events" ] || skip "no tracefs in this kernel"
ev=$tr/events/af_cluster
tps=(cluster_channel_state cluster_vc_state cluster_drop)

# Reading the trace must not pause recording, or an event that happens
# meanwhile is lost for good and never matches its counter.
pause=$(cat "$tr/options/pause-on-trace" 2>/dev/null)
trace_off() {
	local e
	for e in "${tps[@]}"; do
		[ -f "$ev/$e/enable" ] && echo 0 >"$ev/$e/enable"
	done
	[ -n "$pause" ] && echo "$pause" >"$tr/options/pause-on-trace"
}
trap 'trace_off; lib_cleanup' EXIT

raw() { ip netns exec "$1" "$PROGS/afc-raw" "${@:2}"; }
mac_of() { ip netns exec "$1" cat "/sys/class/net/$2/address"; }
ifindex_of() { ip netns exec "$1" cat "/sys/class/net/$2/ifindex"; }

# trace_has REGEX: a line of the trace matches.
trace_has() { grep -qE "$1" "$tr/trace"; }

# expect_trace DESC REGEX [MS]: wait for a trace line matching REGEX.
expect_trace() {
	if busywait "${3:-5000}" trace_has "$2"; then
		log "ok: $1"
	else
		fail "$1: no trace line matches /$2/; af_cluster lines:"
		grep -E 'cluster_(channel|vc)_state' "$tr/trace" | tail -n 20
	fi
}

# count_trace REGEX: how many lines of the trace match.
count_trace() { grep -cE "$1" "$tr/trace"; }

# agree COUNTERS EVENTS: the command COUNTERS prints the same lines before
# and after the trace is read, and EVENTS (the trace on its input) prints
# them too: each counter moved exactly as often as its event fired.
agree() {
	local before after got
	before=$($1) || return 1
	got=$($2 <"$tr/trace")
	after=$($1) || return 1
	[ "$before" = "$after" ] && [ "$got" = "$after" ] && return 0
	printf 'counters:\n%s\nevents:\n%s\n' "$after" "$got"
	return 1
}

# adapter_drop_events NODE DEV REASONS: "reason count" of the drop
# events of NODE's adapter DEV, for each of the adapter's REASONS that
# fired (the others are counted by channels, circuits or the node).
adapter_drop_events() {
	awk -v pat="cluster_drop: node=$1 dev=$2 " -v reasons="$3" '
		BEGIN { split(reasons, k, " "); for (i in k) mine[k[i]] = 1 }
		index($0, pat) {
			r = $NF; sub(/^reason=/, "", r)
			if (r in mine)
				n[r]++
		}
		END { for (r in n) print r, n[r] }' | sort
}

# adapter_drop_counters NETNS DEV: the same from the adapter's counters.
adapter_drop_counters() {
	cc "$1" -s -j adapter show "$2" | jq -r '.[0].stats.drops | to_entries[]
		| select(.value > 0) | "\(.key) \(.value)"' | sort
}

# The circuit's drop counters, and the reasons of vc_drop() that bump
# them (the three reasons of ctl_drops as "ctl").
VC_DROPS='"duplicate \(.dup_rx)", "reseq_full \(.reseq_drops)",
	"stale \(.stale)", "unverified \(.unverified)", "no_port \(.no_port)",
	"bad_control \(.bad_control)", "ctl \(.ctl_drops)"'

# vc_drop_counters NETNS REMOTE: NETNS's circuit to REMOTE, "reason count".
vc_drop_counters() {
	cc "$1" -s -j vc show | jq -r --arg r "$2" \
		".[] | select((.remote_node | tostring) == \$r) | .stats
		 | $VC_DROPS"
}

# vc_drop_events NODE REMOTE: the same from the drop events.
vc_drop_events() {
	awk -v node=" node=$1 " -v remote=" remote=$2 " '
		/ cluster_drop: / && index($0, node) && index($0, remote) {
			r = $NF; sub(/^reason=/, "", r)
			if (r ~ /^ctl_/ || r == "service_table_full")
				r = "ctl"
			n[r]++
		}
		END {
			split("duplicate reseq_full stale unverified no_port " \
			      "bad_control ctl", k, " ")
			for (i = 1; i <= 7; i++)
				printf "%s %d\n", k[i], n[k[i]]
		}'
}

# auth_failed_counter NETNS: failed handshakes over all of NETNS's channels.
auth_failed_counter() {
	cc "$1" -s -j channel show | jq '[.[].stats.handshakes_failed] | add // 0'
}

# auth_failed_events NODE: the drop events of NODE's failed handshakes.
auth_failed_events() { grep -cE "cluster_drop: node=$1 .* reason=auth_failed$"; }

# chain NODE DEV: the state events of NODE's one channel on DEV form one
# chain from closed: each starts where the one before ended and changes
# the state.
chain() {
	awk -v pat="cluster_channel_state: node=$1 dev=$2 " '
		index($0, pat) {
			o = $0; sub(/.* old=/, "", o); sub(/ .*/, "", o)
			n = $0; sub(/.* new=/, "", n); sub(/ .*/, "", n)
			if (o != (count ? prev : "closed") || o == n)
				bad = bad " " NR ":" o "->" n
			prev = n
			count++
		}
		END {
			if (!count || bad) {
				print count " events, broken at" bad
				exit 1
			}
		}' "$tr/trace"
}

check_ok "insmod" load_module
for e in "${tps[@]}"; do
	check_ok "$e registered" test -f "$ev/$e/format"
done
check_match "cluster_drop: reason field" 'field:u16 reason;' \
	"$(cat "$ev/cluster_drop/format")"

tmp=$(mktemp -d)
printf 'correct-horse-battery-staple-01\n' >"$tmp/s1"
printf 'another-secret-entirely-0002\n' >"$tmp/s2"
chmod 600 "$tmp"/s*

# a (node 1) and b (node 2) share a secret; c (node 3) has another.  a's
# vx and b's vy are no adapters.
setup_ns a b c
check_ok "veth a-b" veth "$a" va "$b" vb
check_ok "veth a-c" veth "$a" vc "$c" vcc
check_ok "veth a-b, no adapter" veth "$a" vx "$b" vy
check_ok "node 1" node_setup "$a" 1 7 secret-file "$tmp/s1"
check_ok "node 2" node_setup "$b" 2 7 secret-file "$tmp/s1"
check_ok "node 3" node_setup "$c" 3 7 secret-file "$tmp/s2"
check_ok "node 1: reconnect_interval 1 s" \
	cc "$a" param set reconnect_interval 1000
cc "$a" param set handshake_timeout 500
cc "$c" param set handshake_timeout 500
mac_a=$(mac_of "$a" va) mac_b=$(mac_of "$b" vb)
if_a=$(ifindex_of "$a" va) if_b=$(ifindex_of "$b" vb)

# Every adapter, circuit and counter below is younger than the trace.
[ -n "$pause" ] && echo 0 >"$tr/options/pause-on-trace"
echo >"$tr/trace"
for e in "${tps[@]}"; do
	echo 1 >"$ev/$e/enable"
done
cc "$a" adapter add va
cc "$a" adapter add vc
cc "$b" adapter add vb
cc "$c" adapter add vcc
limit=$((HELLO_MAX + RESPONSE_MAX + 3000))
check_ok "channel a-b open" busywait "$limit" open_is "$a" 1 2
check_ok "channel b-a open" busywait "$limit" open_is "$b" 1 1

# --- Opening ----------------------------------------------------------
expect_trace "a: channel to node 2 opens" \
	"cluster_channel_state: node=1 dev=va ifindex=$if_a remote=2 mac=$mac_b old=(ccstart-sent|verf-sent) new=open event=(verf-ok|vack-ok)$"
expect_trace "b: channel to node 1 opens" \
	"cluster_channel_state: node=2 dev=vb ifindex=$if_b remote=1 mac=$mac_a old=(ccstart-sent|verf-sent) new=open event=(verf-ok|vack-ok)$"
expect_trace "a: circuit to node 2 made" \
	'cluster_vc_state: node=1 remote=2 old=none new=open why=channel_up$'
expect_trace "b: circuit to node 1 made" \
	'cluster_vc_state: node=2 remote=1 old=none new=open why=channel_up$'

# --- Drops at the adapter ---------------------------------------------
# Group 9 is not ours; a length field of 255 is beyond the frame.
check_eq "5 frames of group 9 sent" 5 "$(raw "$b" -i vb -d "$mac_a" -n 5 \
	hex 01010000000900100000000200000000)"
check_eq "3 truncated frames sent" 3 "$(raw "$b" -i vb -d "$mac_a" -n 3 \
	hex 01010000000700ff0000000200000000)"
# Frames of the ethertype on a device that is no adapter.
mac_x=$(mac_of "$a" vx)
check_eq "4 frames to a device that is no adapter" 4 \
	"$(raw "$b" -i vy -d "$mac_x" -n 4 hex 01010000000700100000000200000000)"
sleep 0.5
check_eq "5 wrong_group events" 5 \
	"$(count_trace "cluster_drop: node=1 dev=va ifindex=$if_a mac=$mac_b remote=0 reason=wrong_group$")"
check_eq "3 truncated events" 3 \
	"$(count_trace "cluster_drop: node=1 dev=va ifindex=$if_a mac=$mac_b remote=0 reason=truncated$")"
check_eq "4 unclaimed events" 4 \
	"$(count_trace "cluster_drop: node=1 dev=vx ifindex=[0-9]+ mac=$(mac_of "$b" vy) remote=0 reason=unclaimed$")"
check_eq "a counts them: rx_unclaimed" 4 \
	"$(cc "$a" -s -j node show | jq '.stats.rx_unclaimed')"

# --- Drops on the circuit ---------------------------------------------
check_match "a message for an unbound port" '^refused' \
	"$(ip netns exec "$a" "$PROGS/afc-errq" -N 2 -p 6000 2>&1)"
expect_trace "b: no_port event" \
	'cluster_drop: node=2 dev=- ifindex=0 mac=00:00:00:00:00:00 remote=1 reason=no_port$'
tc -n "$a" qdisc add dev va root netem duplicate 30%
rdm_transfer "duplicated frames" "$a" "$b" 2 1 100 20000
tc -n "$a" qdisc del dev va root
check_match "b: duplicate events" '^[1-9]' \
	"$(count_trace "cluster_drop: node=2 dev=vb ifindex=$if_b mac=$mac_a remote=1 reason=duplicate$")"
# DATA and ACK frames "from node 2" with made-up epochs: stale or
# unverified at node 1.
check_eq "100 forged circuit frames sent" 100 \
	"$(raw "$b" -i vb -d "$mac_a" -g 7 -S 2 -N 1 -n 100 -s 5 vc)"
check_match "a: stale or unverified events" '^[1-9]' \
	"$(count_trace "cluster_drop: node=1 dev=va ifindex=$if_a mac=$mac_b remote=2 reason=(stale|unverified)$")"
b_vc_counters() { vc_drop_counters "$b" 1; }
b_vc_events() { vc_drop_events 2 1; }
a_vc_counters() { vc_drop_counters "$a" 2; }
a_vc_events() { vc_drop_events 1 2; }
check_ok "b: circuit drop events = counters" busywait 5000 \
	agree b_vc_counters b_vc_events
check_ok "a: circuit drop events = counters" busywait 5000 \
	agree a_vc_counters a_vc_events

# --- Handshakes with the wrong secret ---------------------------------
failed() { [ $(($(auth_failed_counter "$a") + $(auth_failed_counter "$c"))) -gt 0 ]; }
check_ok "a-c: a handshake fails" busywait 15000 failed
# No more attempts: the counters stay still for the comparison.
check_ok "a-c: link down" ip -n "$c" link set vcc down
a_auth_counter() { auth_failed_counter "$a"; }
a_auth_events() { auth_failed_events 1; }
c_auth_counter() { auth_failed_counter "$c"; }
c_auth_events() { auth_failed_events 3; }
check_ok "a: auth_failed events = handshakes_failed" busywait 5000 \
	agree a_auth_counter a_auth_events
check_ok "c: auth_failed events = handshakes_failed" busywait 5000 \
	agree c_auth_counter c_auth_events

# Every drop of the adapters of a and b, whatever its reason: the 8
# injected frames among them.
reasons=$(cc "$a" -s -j adapter show va |
	jq -r '.[0].stats.drops | keys | join(" ")')
for x in "$a va 1" "$b vb 2"; do
	read -r ns dev node <<<"$x"
	dev_counters() { adapter_drop_counters "$ns" "$dev"; }
	dev_events() { adapter_drop_events "$node" "$dev" "$reasons"; }
	check_ok "node $node, $dev: drop events = counters" busywait 5000 \
		agree dev_counters dev_events
done

# --- Closing ----------------------------------------------------------
check_ok "a: adapter va deleted" cc "$a" adapter del va
expect_trace "a: channel closes, adapter deleted" \
	"cluster_channel_state: node=1 dev=va ifindex=$if_a remote=2 mac=$mac_b old=open new=closed event=adapter-deleted$"
expect_trace "b: channel closes on the BYE" \
	"cluster_channel_state: node=2 dev=vb ifindex=$if_b remote=1 mac=$mac_a old=open new=closed event=bye$"
expect_trace "a: circuit waits for a channel" \
	'cluster_vc_state: node=1 remote=2 old=open new=reconnect why=no_channel$'
expect_trace "b: circuit waits for a channel" \
	'cluster_vc_state: node=2 remote=1 old=open new=reconnect why=no_channel$'
expect_trace "a: circuit down after reconnect_interval" \
	'cluster_vc_state: node=1 remote=2 old=reconnect new=down why=reconnect_timeout$' \
	10000
check_ok "a, va: one chain of channel states" chain 1 va
check_ok "b, vb: one chain of channel states" chain 2 vb
ip netns del "$b"
expect_trace "b: circuit down at namespace exit" \
	'cluster_vc_state: node=2 remote=1 old=reconnect new=down why=shutdown$' \
	15000

log "$(grep -c 'cluster_channel_state:' "$tr/trace") channel, $(grep -c 'cluster_vc_state:' "$tr/trace") circuit, $(grep -c 'cluster_drop:' "$tr/trace") drop events"
trace_off
rm -rf "$tmp"
check_ok "rmmod" unload_module
exit $RET
