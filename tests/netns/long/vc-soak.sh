#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The virtual circuit soak of `make check-long`, sourced by each
# tests/netns/long/test-vc-soak-IMPAIRMENT.sh with the impairment's name,
# so that every impairment is one test: one verdict, a fresh circuit whose
# counters are its own, and the module unloaded after it.
#
# Two nodes, each in its namespace, joined by one veth pair (one channel).
# netem impairs both directions, DATA from node 1 and ACKs from node 2,
# and discovery and the handshake before them.  Node 1 sends node 2 a
# stream of messages of random sizes from 1 byte to 1 MiB (log-uniform:
# every size range occurs, down to 1-byte messages), 50 MiB in all; 2 MiB
# under a 1 s delay, where a window of at most 256 fragments per 2 s round
# trip allows some 180 KB/s.  Node 2 checks that each message arrives
# exactly once, in order and intact, and that nothing follows the last.
# Then the circuit must settle (nothing in flight, queued or held out of
# order), its counters must agree with the message count, with each other
# and with the impairment, and the namespaces and the module must go away.
# The throughput goes to the log and, for check-long's table, to
# $AFC_OUT/soak.results.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

RDM=$PROGS/afc-rdm
MIB=$((1 << 20))
impairment=${1:?usage: source vc-soak.sh IMPAIRMENT}
bytes=$((50 * MIB))
# Each impairment its own stream of sizes.
seed=$(cksum <<<"$impairment" | cut -d' ' -f1)
# What the counters must show besides the invariants below (jq over $a,
# node 1's circuit, and $b, node 2's); the netem line applies to both ends.
expect=()
case $impairment in
clean)
	netem=
	;;
loss)
	netem="loss 5%"
	expect+=("losses retransmitted" '$a.stats.retransmits > 0')
	;;
reorder)
	# netem reorders only delayed traffic: 25% (50% correlated) of the
	# frames skip the 10 ms delay and overtake the others.
	netem="delay 10ms reorder 25% 50%"
	;;
duplicate)
	netem="duplicate 5%"
	expect+=("duplicates discarded" '$b.stats.dup_rx > 0')
	;;
delay)
	# 1 s each way with 200 ms of jitter, which reorders too.
	netem="delay 1000ms 200ms"
	bytes=$((2 * MIB))
	expect+=("round trip of seconds measured" '$a.srtt_us >= 1600000')
	expect+=("timeout above the round trip" '$a.rto_us > $a.srtt_us')
	;;
combined)
	netem="loss 5% delay 10ms reorder 25% 50% duplicate 5%"
	expect+=("losses retransmitted" '$a.stats.retransmits > 0')
	expect+=("duplicates discarded" '$b.stats.dup_rx > 0')
	;;
combined-delay)
	netem="loss 5% delay 1000ms 200ms reorder 25% 50% duplicate 5%"
	bytes=$((2 * MIB))
	expect+=("losses retransmitted" '$a.stats.retransmits > 0')
	expect+=("duplicates discarded" '$b.stats.dup_rx > 0')
	expect+=("round trip of seconds measured" '$a.srtt_us >= 1000000')
	;;
*)
	echo "vc-soak.sh: unknown impairment $impairment" >&2
	exit 2
	;;
esac
if [[ $netem != *duplicate* ]]; then
	# Only a retransmission can then put a second copy on the wire.
	expect+=("no more duplicates than retransmissions"
		'$b.stats.dup_rx <= $a.stats.retransmits')
fi
# The whole run is limited by tests/netns/run (AFC_TEST_TIMEOUT); the
# transfer stops a minute before, so that its programs say how far it got.
limit=$((${AFC_TEST_TIMEOUT:-3600} - 60))
port=7000

# vc NETNS: NETNS's only circuit, with counters, as JSON.
vc() { cc "$1" -s -j vc show | jq -c '.[0]'; }

# settled: node 1 has nothing unacknowledged or queued, node 2 holds
# nothing out of order.
settled() {
	[ "$(vc "$a" | jq '.in_flight + .queued')" = 0 ] &&
		[ "$(vc "$b" | jq '.stats.ooo_held')" = 0 ]
}

# Nothing below is worth running without the module and the channel.
check_ok "insmod" load_module
[ "$RET" = 0 ] || exit "$RET"
setup_ns a b
check_ok "veth" veth "$a" va "$b" vb
check_ok "node 1" node_setup "$a" 1
check_ok "node 2" node_setup "$b" 2
# The link is impaired from the start: the handshake measures the round
# trip the circuit then starts from, as on a long-distance link.  (Adding
# a 2 s round trip to an open circuit first costs a cascade of timeouts
# from the LAN one, and the window's growth with them.)
if [ -n "$netem" ]; then
	# shellcheck disable=SC2086 # the netem options are words
	tc -n "$a" qdisc add dev va root netem $netem ||
		skip "no netem in this kernel"
	# shellcheck disable=SC2086
	check_ok "netem on both ends" tc -n "$b" qdisc add dev vb root netem $netem
fi
cc "$a" adapter add va
cc "$b" adapter add vb
# Discovery and the handshake go through the impairment too: a lost
# handshake frame costs a handshake timeout (5 s) before a retry.
check_ok "channel open" busywait 30000 open_is "$a" 1
[ "$RET" = 0 ] || exit "$RET"
log "impairment: ${netem:-none}; $((bytes / MIB)) MiB, seed $seed"

# progress: every minute, how far the circuit got (a slow run and a stuck
# one look alike from the programs).
progress() {
	local tx rx
	while sleep 60; do
		tx=$(cc "$a" -s -j vc show | jq -r '.[0] |
			"cwnd \(.cwnd) ssthresh \(.ssthresh) rto \(.rto_us / 1000 | floor) ms, \(.stats.tx_frags) fragments sent, \(.stats.retransmits) again, \(.stats.timeouts) timeouts"')
		rx=$(cc "$b" -s -j vc show | jq -r '.[0].stats.rx_frags')
		log "progress: node 1: $tx; node 2: $rx received in sequence"
	done
}

sizes=(-B "$bytes" -s "$seed" -m 1 -M "$MIB" -L)
rx=$(mktemp) tx=$(mktemp)
# No receive timeout of its own: a 1 MiB message may take many minutes
# under loss and a 2 s round trip; the progress lines tell a stall.
ip netns exec "$b" timeout "$limit" "$RDM" recv -p "$port" "${sizes[@]}" \
	-T "$limit" -Q 3000 >"$rx" &
rx_pid=$!
BG_PIDS+=("$rx_pid")
check_ok "receiver ready" busywait 10000 grep -q ready "$rx"
progress &
progress_pid=$!
BG_PIDS+=("$progress_pid")
t0=$(now_ms)
if ! ip netns exec "$a" timeout "$limit" "$RDM" send -N 2 -p "$port" \
	"${sizes[@]}" >"$tx" 2>&1; then
	fail "sender: $(cat "$tx")"
fi
wait "$rx_pid"
kill "$progress_pid"
# End to end: from the sender's start to the last message's arrival (the
# receiver then listens 3 s for one too many).
ms=$(($(now_ms) - t0 - 3000))
result=$(tail -n 1 "$rx")
log "sender: $(tail -n 1 "$tx")"
log "receiver: $result"
check_match "every message once, in order, intact" '^ok ' "$result"
read -r msgs got <<<"$(sed -n 's/^ok \([0-9]*\) messages, \([0-9]*\) bytes.*/\1 \2/p' <<<"$result")"
mbps=$(awk -v b="${got:-0}" -v ms="$ms" 'BEGIN { printf "%.3f", (ms > 0 ? b / ms / 1000 : 0) }')
log "end to end: ${got:-0} bytes in $ms ms, $mbps MB/s"

# A last ACK may be a round trip (or a retransmission) away.
check_ok "circuit settles" busywait 60000 settled
ja=$(vc "$a") jb=$(vc "$b")
ja=${ja:-null} jb=${jb:-null}
log "node 1: $(jq -c '{cwnd, ssthresh, cwnd_max, srtt_us, rttvar_us, rto_us, in_flight, queued, stats}' <<<"$ja")"
log "node 2: $(jq -c '.stats' <<<"$jb")"
# counters DESCRIPTION JQ: JQ holds for $a and $b (and $n, the messages).
counters() {
	check_ok "counters: $1" jq -n -e --argjson a "$ja" --argjson b "$jb" \
		--argjson n "${msgs:-0}" "$2"
}
counters "circuit open" '$a.state == "open" and $b.state == "open"'
counters "each message accepted and delivered once" \
	'$a.stats.tx_msgs == $n and $b.stats.rx_msgs == $n and $n > 0'
counters "nothing the other way" '$b.stats.tx_msgs == 0 and $a.stats.rx_msgs == 0'
counters "nothing failed" '$a.stats.failed == 0 and $b.stats.failed == 0'
counters "no stale frames, no unbound port" \
	'$a.stats.stale + $b.stats.stale + $b.stats.no_port == 0'
counters "nothing sent beyond the peer's cache" '$b.stats.reseq_drops == 0'
counters "every fragment received in sequence once" \
	'$b.stats.rx_frags == $a.stats.tx_frags - $a.stats.retransmits'
for ((i = 0; i < ${#expect[@]}; i += 2)); do
	counters "${expect[i]}" "${expect[i + 1]}"
done

rm -f "$rx" "$tx"

# Tear down with the circuit still there, then the module must unload.
cleanup_ns "$a" "$b"
check_ok "rmmod" unload_module

# For check-long's table.
verdict=PASS
[ "$RET" = 0 ] || verdict=FAIL
echo "${AFC_KERNEL:-?} $impairment $verdict $((bytes / MIB)) ${msgs:-0} $ms ${mbps:-0}" \
	"$(jq -r '.stats | "\(.retransmits) \(.timeouts)"' <<<"$ja")" \
	"$(jq -r '.stats.dup_rx' <<<"$jb")" >>"${AFC_OUT:-/tmp}/soak.results"
exit "$RET"
