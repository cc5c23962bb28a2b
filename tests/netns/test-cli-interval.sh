#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# clusterctl -i SECONDS [-c N]: a show command again every interval, its
# counters the changes since the previous report (SCACP's /INTERVAL).  The
# first report has the totals; the changes then add up to the totals at
# the end, and traffic in between shows as exactly what was sent.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
two_nodes
rdm_transfer "before" "$a" "$b" 2 1 20 1000

out=$(mktemp)
# reports_ge FILE N: FILE holds N reports (text headers or JSON lines) or more.
reports_ge() { [ "$(grep -c '^\(---\|\[\)' "$1")" -ge "$2" ]; }
ip netns exec "$a" "$CLUSTERCTL" -j -i 0.5 vc show >"$out" &
reporter=$!
check_ok "first report" busywait 5000 reports_ge "$out" 1
rdm_transfer "during" "$a" "$b" 2 2 10 1000
# One more report once the transfer is over, then Ctrl-C.
check_ok "a report after the transfer" \
	busywait 5000 reports_ge "$out" $(($(wc -l <"$out") + 1))
kill -INT "$reporter"
wait "$reporter"
check_eq "SIGINT: exit 0" 0 "$?"
total=$(cc "$a" -s -j vc show | jq '.[0].stats.tx_msgs')
first=$(jq -s '.[0][0].stats.tx_msgs' "$out")
changes=$(jq -s '[.[1:][] | .[0].stats.tx_msgs] | add' "$out")
check_ok "first report: totals (tx_msgs $first)" test "$first" -ge 20
check_eq "changes add up to the totals at the end" \
	"$total" "$((first + changes))"
check_ok "the 10 messages sent in between show ($changes)" \
	test "$changes" -ge 10 -a "$changes" -lt 20
check_ok "a state is a state, not a change" jq -se \
	'all(.[]; .[0].state == "open" and .[0].channels == 1 and .[0].cwnd >= 1)' \
	"$out"

# Text: a header per report, the table, and the counters (-i implies -s).
cc "$a" -i 0.2 -c 2 adapter show >"$out"
check_eq "text: a header per report" 2 "$(grep -c '^--- [0-9:]*  adapter show: counters are' "$out")"
check_match "text: totals, then changes over 0.2 s" \
	'totals ---.*changes over 0\.2 s ---' "$(tr '\n' ' ' <"$out")"
check_eq "text: the counters of each report" 2 "$(grep -c 'hellos_tx' "$out")"
check_ok "text: fits 80 columns" awk 'length > 79 { exit 1 }' "$out"
hellos=$(grep -o 'hellos_tx [0-9]*' "$out" | awk '{ print $2 }' | tr '\n' ' ')
# shellcheck disable=SC2086 # two numbers
check_ok "text: hellos_tx total, then a small change ($hellos)" \
	awk -v a="${hellos%% *}" -v b="$(echo $hellos | cut -d' ' -f2)" \
	'BEGIN { exit !(a > 0 && b < a) }'

for obj in node channel adapter service param; do
	check_eq "$obj show -j -i: one JSON document per report" 2 \
		"$(cc "$a" -j -i 0.1 -c 2 "$obj" show | jq -c . | wc -l)"
done

# -c N: N reports, then exit 0.
check_eq "-c 3: three reports, exit 0" "3 0" \
	"$(cc "$a" -j -i 0.1 -c 3 channel show | wc -l) ${PIPESTATUS[0]}"
rm -f "$out"

check_ok "rmmod" unload_module
exit $RET
