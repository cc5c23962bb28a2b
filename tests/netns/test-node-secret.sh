#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Cluster group and secret: group range, secret length bounds, secret file
# handling (permissions, owner, stdin, pipes, one trailing newline),
# clearing, the key generation, and the secret never coming back: no
# attribute of any reply and no clusterctl output carries it.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

raw() { "$PROGS/genl-raw" "$@"; }
GET=1 SET=2 PGET=3
A_ID=1 A_GROUP=9 A_SECRET=10 A_SECRET_SET=11 A_KEYGEN=12
INIT=/proc/1/ns/net
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# field NETNS KEY: KEY of "node show -j" in NETNS (booleans as true/false).
field() { "$CLUSTERCTL" -n "$1" -j node show | json_get "$2"; }
hex() { od -An -tx1 -v | tr -d ' \n'; }

tmp=$(mktemp -d)
chmod 711 "$tmp"	# nobody's own file below must be reachable
# secret_file NAME MODE BYTES...: a file of printf BYTES with mode MODE.
secret_file() {
	local f=$tmp/$1 mode=$2
	shift 2
	# shellcheck disable=SC2059 # the bytes are a printf format on purpose
	printf "$@" >"$f"
	chmod "$mode" "$f"
	echo "$f"
}
S16=$(secret_file s16 600 '0123456789abcdef')
S15=$(secret_file s15 600 '0123456789abcde\n')
S64=$(secret_file s64 600 '%064d\n' 7)
S65=$(secret_file s65 600 '%065d' 7)
SECRET=never-readable-secret-0123456789
SECRET_FILE=$(secret_file secret 600 '%s\n' "$SECRET")

check_ok "insmod" load_module
setup_ns a b

# Fresh node: no group, no secret, generation 0.
check_eq "fresh group" null "$(field "$a" group)"
check_eq "fresh secret_set" false "$(field "$a" secret_set)"
check_eq "fresh key generation" 0 "$(field "$a" key_generation)"
out=$("$CLUSTERCTL" -n "$a" node show)
check_match "plain: group not set" $'group: +not set' "$out"
check_match "plain: secret not set" $'secret: +not set' "$out"

# Group: 1..65535, client side and in the kernel's policy.
check_ok "group 1" "$CLUSTERCTL" -n "$a" node set group 1
check_eq "group 1 read back" 1 "$(field "$a" group)"
check_eq "generation 1" 1 "$(field "$a" key_generation)"
check_ok "group 65535" "$CLUSTERCTL" -n "$a" node set group 65535
check_eq "group 65535 read back" 65535 "$(field "$a" group)"
check_match "plain: group" $'group: +65535\n' "$("$CLUSTERCTL" -n "$a" node show)"
for g in 0 65536 -1 x; do
	"$CLUSTERCTL" -n "$a" node set group "$g" >/dev/null 2>&1
	check_eq "group $g refused as usage error" 2 "$?"
done
check_match "raw group 0 refused by the policy" '^error ERANGE: integer out of range' \
	"$(ip netns exec "$a" "$PROGS/genl-raw" $SET $A_GROUP:u16:0)"
check_match "raw group of 4 bytes refused" '^error EINVAL' \
	"$(ip netns exec "$a" "$PROGS/genl-raw" $SET $A_GROUP:u32:7)"
check_match "raw group of 1 byte refused" '^error EINVAL' \
	"$(ip netns exec "$a" "$PROGS/genl-raw" $SET $A_GROUP:u8:7)"
check_eq "group unchanged by refusals" 65535 "$(field "$a" group)"
check_eq "generation unchanged by refusals" 2 "$(field "$a" key_generation)"

# Secret lengths, from files.
check_ok "secret of 16 bytes" "$CLUSTERCTL" -n "$a" node set secret-file "$S16"
check_eq "secret_set" true "$(field "$a" secret_set)"
check_eq "generation 3" 3 "$(field "$a" key_generation)"
check_eq "group kept" 65535 "$(field "$a" group)"
check_match "plain: secret set" $'secret: +set\n' "$("$CLUSTERCTL" -n "$a" node show)"
check_ok "secret of 64 bytes and a newline" "$CLUSTERCTL" -n "$a" node set secret-file "$S64"
out=$("$CLUSTERCTL" -n "$a" node set secret-file "$S15" 2>&1)
check_eq "secret of 15 bytes refused" 1 "$?"
check_match "15 bytes: says why" 'is 15 bytes: it needs 16 to 64' "$out"
out=$("$CLUSTERCTL" -n "$a" node set secret-file "$S65" 2>&1)
check_eq "secret of 65 bytes refused" 1 "$?"
check_match "65 bytes: says why" 'longer than 64 bytes' "$out"
check_eq "refusals keep the generation" 4 "$(field "$a" key_generation)"
head -c 40 /dev/urandom >"$tmp/binary"
chmod 600 "$tmp/binary"
check_ok "binary secret" "$CLUSTERCTL" -n "$a" node set secret-file "$tmp/binary"
check_ok "secret from standard input" sh -c \
	"printf 'from-standard-input\n' | \"$CLUSTERCTL\" -n \"$a\" node set secret-file -"
mkfifo -m 600 "$tmp/fifo"
printf 'from-a-pipe-0123456789' >"$tmp/fifo" &
check_ok "secret from a named pipe" "$CLUSTERCTL" -n "$a" node set secret-file "$tmp/fifo"
wait $!

# Permissions: only the owner, root or the caller, may read it.
for mode in 644 640 604 620 602; do
	f=$(secret_file "mode$mode" "$mode" '0123456789abcdef')
	out=$("$CLUSTERCTL" -n "$a" node set secret-file "$f" 2>&1)
	check_eq "mode $mode refused" 1 "$?"
	check_match "mode $mode: says why" "accessible by group or others \\(mode 0$mode\\)" "$out"
done
f=$(secret_file nobody 600 '0123456789abcdef')
chown 65534 "$f"
out=$("$CLUSTERCTL" -n "$a" node set secret-file "$f" 2>&1)
check_eq "file of another user refused" 1 "$?"
check_match "another user: says why" 'belongs to uid 65534' "$out"
check_ok "root may read a 0400 file" "$CLUSTERCTL" -n "$a" node set \
	secret-file "$(secret_file ro 400 '0123456789abcdef')"
out=$(ip netns exec "$a" "${NOBODY[@]}" "$CLUSTERCTL" node set secret-file "$f" 2>&1)
check_eq "unprivileged owner of the file: no CAP_NET_ADMIN" 4 "$?"
check_match "unprivileged: says why" 'permission denied: node set needs CAP_NET_ADMIN' "$out"
out=$(ip netns exec "$a" "${NOBODY[@]}" "$CLUSTERCTL" node set group 5 2>&1)
check_eq "unprivileged group change refused" 4 "$?"
check_eq "generation after permission refusals" 8 "$(field "$a" key_generation)"

# The secret never comes back.
check_ok "set the known secret" "$CLUSTERCTL" -n "$a" node set secret-file "$SECRET_FILE"
for opts in "" "-s" "-j" "-j -p -s"; do
	# shellcheck disable=SC2086 # OPTS are several words
	out=$("$CLUSTERCTL" -n "$a" $opts node show 2>&1)
	check_fail "node show $opts does not print the secret" grep -qF "$SECRET" <<<"$out"
done
secret_hex=$(printf '%s' "$SECRET" | hex)
for cmd in $GET $PGET; do
	dump=$(ip netns exec "$a" "$PROGS/genl-raw" -d $cmd)
	check_match "raw command $cmd answers" $'\nok$' "$dump"
	check_fail "reply of command $cmd does not hold the secret" grep -q "$secret_hex" <<<"$dump"
	check_fail "reply of command $cmd has no secret attribute" grep -q "^attr $A_SECRET " <<<"$dump"
done
dump=$(ip netns exec "$a" "$PROGS/genl-raw" -d $GET)
check_match "secret_set is a u8 of 1" $'(^|\n)attr 11 01(\n|$)' "$dump"
check_match "group is a u16 of 65535" $'(^|\n)attr 9 ffff(\n|$)' "$dump"
out=$(ip netns exec "$a" "$PROGS/genl-raw" $SET $A_SECRET_SET:u8:0)
check_match "secret_set is read only" '^error EINVAL: secret_set is read only' "$out"
out=$(ip netns exec "$a" "$PROGS/genl-raw" $SET $A_KEYGEN:u32:0)
check_match "key generation is read only" '^error EINVAL: key generation is read only' "$out"

# Raw secret lengths: 16..64 bytes or empty, whatever the bytes.
rawset() { ip netns exec "$a" "$PROGS/genl-raw" $SET "$@"; }
bytes() { head -c "$1" /dev/zero | tr '\0' "${2:-x}" | hex; }
for n in 1 15 65 1000 60000; do
	check_match "raw secret of $n bytes refused" \
		'^error EINVAL: secret must be 16 to 64 bytes' "$(rawset "$A_SECRET:hex:$(bytes $n)")"
done
check_eq "raw secret of 16 NUL bytes" ok "$(rawset "$A_SECRET:hex:$(bytes 16 '\0')")"
check_eq "raw secret of 64 bytes" ok "$(rawset "$A_SECRET:hex:$(bytes 64)")"
check_match "a bad secret sinks the whole request" '^error EINVAL' \
	"$(rawset $A_ID:u32:42 "$A_SECRET:hex:$(bytes 15)")"
check_eq "id not set by the refused request" 0 "$(field "$a" id)"

# Clearing: "secret none" and an empty attribute; the group stays.
gen=$(field "$a" key_generation)
check_ok "secret none" "$CLUSTERCTL" -n "$a" node set secret none
check_eq "secret cleared" false "$(field "$a" secret_set)"
check_eq "group kept when clearing" 65535 "$(field "$a" group)"
check_eq "clearing bumps the generation" $((gen + 1)) "$(field "$a" key_generation)"
check_ok "set again" "$CLUSTERCTL" -n "$a" node set secret-file "$S16"
check_eq "raw empty secret clears" ok "$(rawset $A_SECRET:hex:)"
check_eq "cleared by the empty attribute" false "$(field "$a" secret_set)"
gen=$(field "$a" key_generation)
check_ok "id and name" "$CLUSTERCTL" -n "$a" node set id 7 name seven
check_eq "id and name keep the generation" "$gen" "$(field "$a" key_generation)"
check_ok "all at once" "$CLUSTERCTL" -n "$a" node set id 8 name eight group 2 \
	secret-file "$S16"
check_eq "one request, one generation" $((gen + 1)) "$(field "$a" key_generation)"
check_eq "all at once: group" 2 "$(field "$a" group)"

# Namespaces are independent.
check_eq "b has no group" null "$(field "$b" group)"
check_eq "b has no secret" false "$(field "$b" secret_set)"
check_eq "initial netns has no secret" false "$(field "$INIT" secret_set)"

# Readers racing writers; then the keys go with their netns and module.
(
	for i in $(seq 1 20); do
		"$CLUSTERCTL" -n "$b" node set group "$i" secret-file "$S16" || exit 1
	done
) &
writer=$!
for i in $(seq 1 20); do
	"$CLUSTERCTL" -n "$b" -j node show >/dev/null || fail "node show $i while writing"
done
wait "$writer" || fail "a node set failed while others read"
check_eq "twenty changes, twenty generations" 20 "$(field "$b" key_generation)"
check_ok "secret in the initial netns" "$CLUSTERCTL" node set group 3 secret-file "$S64"
check_ok "delete a netns holding a key" ip netns del "$a"
check_ok "rmmod with keys set" unload_module
rm -rf "$tmp"
exit $RET
