#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# clusterctl node show / node set in each netns: output, JSON, validation,
# and privilege (CAP_NET_ADMIN in the netns's own user namespace).
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

check_ok "insmod" load_module
setup_ns a b c

json=$(ip netns exec "$a" "$CLUSTERCTL" -j node show)
check_eq "fresh node has no id" 0 "$(json_get id <<<"$json")"
check_eq "fresh node has no name" null "$(json_get name <<<"$json")"
check_eq "protocol version" 1 "$(json_get proto_version <<<"$json")"
check_eq "family in JSON" 19 "$(json_get family <<<"$json")"
check_match "plain output says not set" 'not set' "$(ip netns exec "$a" "$CLUSTERCTL" node show)"

i=0
for ns in "$a" "$b" "$c"; do
	i=$((i + 1))
	check_ok "set id and name in $ns" "$CLUSTERCTL" -n "$ns" node set id $((i * 100)) name "n$i.x"
done
i=0
for ns in "$a" "$b" "$c"; do
	i=$((i + 1))
	out=$("$CLUSTERCTL" -n "$ns" node show)
	check_match "plain show in $ns has its id" "$((i * 100))" "$out"
	check_match "plain show in $ns has its name" "n$i\\.x" "$out"
	json=$("$CLUSTERCTL" -n "$ns" -j -s node show)
	check_eq "JSON id in $ns" $((i * 100)) "$(json_get id <<<"$json")"
	check_eq "JSON counters in $ns" 0 "$(json_get stats.rx_unclaimed <<<"$json")"
done
check_ok "change only the name" "$CLUSTERCTL" -n "$a" node set name renamed
check_eq "id kept" 100 "$("$CLUSTERCTL" -n "$a" -j node show | json_get id)"
check_eq "name changed" renamed "$("$CLUSTERCTL" -n "$a" -j node show | json_get name)"

# Bad arguments: usage errors (exit 2), nothing changed.
for args in "id 0" "id 4294967295" "id 12abc" "name" "name this-name-is-too-long" \
	"name bad/name" ""; do
	# shellcheck disable=SC2086
	"$CLUSTERCTL" -n "$a" node set $args >/dev/null 2>&1
	check_eq "node set $args refused as usage error" 2 "$?"
done
check_eq "id unchanged after refusals" 100 "$("$CLUSTERCTL" -n "$a" -j node show | json_get id)"
"$CLUSTERCTL" -n no-such-netns node show >/dev/null 2>&1
check_fail "unknown netns refused" test "$?" -eq 0

# Privilege: CAP_NET_ADMIN in the user namespace owning the netns.
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$CLUSTERCTL" node set id 7 2>&1)
check_eq "unprivileged node set exit status" 4 "$?"
check_match "unprivileged node set says why" 'permission denied' "$out"
check_ok "unprivileged node show works" setpriv --reuid=65534 --regid=65534 --clear-groups "$CLUSTERCTL" node show
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups unshare -Ur "$CLUSTERCTL" node set id 7 2>&1)
check_eq "own user ns, init netns: refused" 4 "$?"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups unshare -Urn \
	sh -c "\"$CLUSTERCTL\" node set id 9 name userns && \"$CLUSTERCTL\" -j node show" 2>&1)
check_eq "own user ns and netns: allowed" 9 "$(json_get id <<<"$out")"
exit $RET
