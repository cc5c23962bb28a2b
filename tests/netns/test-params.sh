#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# clusterctl param show / param set: the defaults (PEDRIVER's, but
# ack_delay), round trip, one parameter set per netns, module parameters as
# the defaults of every namespace, every bound and rule refused with a
# message and nothing changed, privilege, and hostile raw requests.
# shellcheck disable=SC2154 # setup_ns assigns the namespace variables
source "$(dirname "$0")/lib.sh"

raw() { "$PROGS/genl-raw" "$@"; }
NODE_SET=2 PGET=3 PSET=4
A_ID=1 A_HMIN=13 A_HMAX=14 A_DELAY=15 A_LISTEN=16 A_HS=17 A_RECNX=22 A_ACK=23
NAMES="hello_min hello_max response_delay_max listen_timeout handshake_timeout reconnect_interval ack_delay"
DEFAULTS="1600 3000 2000 8000 5000 20000 1"
INIT=/proc/1/ns/net
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# params NETNS: the values in NETNS, in table order, from the plain table
# (no python per call: the VM runs it slowly).
params() {
	"$CLUSTERCTL" -n "$1" param show | awk '{ v = v (NR > 1 ? " " : "") $2 } END { print v }'
}

# json_params NETNS: the seven values in NAMES order, from JSON.
json_params() {
	# shellcheck disable=SC2086 # one argument per name
	"$CLUSTERCTL" -n "$1" -j param show | jq -r --args \
		'[$ARGS.positional[] as $k | if has($k) then .[$k] else "missing" end | tostring] | join(" ")' $NAMES
}

# refused NETNS EXIT REGEX ARGS...: param set ARGS in NETNS exits EXIT
# with a message matching REGEX.  That refusals change nothing is checked
# once after them all (a change would last): each read costs a process.
refused() {
	local ns=$1 want=$2 re=$3 out rc
	shift 3
	out=$("$CLUSTERCTL" -n "$ns" param set "$@" 2>&1)
	rc=$?
	check_eq "param set $* exits $want" "$want" "$rc"
	check_match "param set $* says why" "$re" "$out"
}

# kmsg_mark: a unique line in the kernel log; kmsg_since MARK: what followed.
kmsg_mark() {
	local mark="test-params mark $RANDOM$RANDOM"
	echo "$mark" >/dev/kmsg
	echo "$mark"
}
kmsg_since() { dmesg | sed -n "/$1/,\$p"; }

check_ok "insmod" load_module
setup_ns a b

# Defaults, plain and JSON, for every user.
check_eq "defaults in a new netns" "$DEFAULTS" "$(params "$a")"
check_eq "defaults in JSON" "$DEFAULTS" "$(json_params "$a")"
check_eq "defaults in the initial netns" "$DEFAULTS" "$(params "$INIT")"
expected="hello_min            1600 ms
hello_max            3000 ms
response_delay_max   2000 ms
listen_timeout       8000 ms
handshake_timeout    5000 ms
reconnect_interval  20000 ms
ack_delay               1 ms"
check_eq "plain table" "$expected" "$("$CLUSTERCTL" -n "$a" param show)"
check_eq "param alone is param show" "$expected" "$("$CLUSTERCTL" -n "$a" param)"
check_eq "unprivileged param show" "$expected" \
	"$(ip netns exec "$a" "${NOBODY[@]}" "$CLUSTERCTL" param show)"

# Round trip, one namespace at a time.
check_ok "set all seven" "$CLUSTERCTL" -n "$a" param set hello_min 100 \
	hello_max 200 response_delay_max 0 listen_timeout 1000 handshake_timeout 300 \
	reconnect_interval 5000 ack_delay 0
check_eq "all seven read back" "100 200 0 1000 300 5000 0" "$(params "$a")"
check_eq "all seven read back in JSON" "100 200 0 1000 300 5000 0" "$(json_params "$a")"
check_ok "set one, in hex" "$CLUSTERCTL" -n "$a" param set handshake_timeout 0xea60
check_eq "the others kept" "100 200 0 1000 60000 5000 0" "$(params "$a")"
check_ok "set reconnect_interval alone" "$CLUSTERCTL" -n "$a" param set reconnect_interval 30000
check_ok "set ack_delay alone, in hex" "$CLUSTERCTL" -n "$a" param set ack_delay 0x14
check_eq "the new two read back" "100 200 0 1000 60000 30000 20" "$(params "$a")"
check_eq "other netns untouched" "$DEFAULTS" "$(params "$b")"
check_eq "initial netns untouched" "$DEFAULTS" "$(params "$INIT")"
check_ok "lowest bounds" "$CLUSTERCTL" -n "$a" param set hello_min 10 \
	hello_max 10 response_delay_max 0 listen_timeout 100 handshake_timeout 100 \
	reconnect_interval 1000 ack_delay 0
check_eq "lowest bounds read back" "10 10 0 100 100 1000 0" "$(params "$a")"
check_ok "highest bounds" "$CLUSTERCTL" -n "$a" param set hello_max 60000 \
	hello_min 60000 response_delay_max 60000 listen_timeout 300000 handshake_timeout 60000 \
	reconnect_interval 3600000 ack_delay 200
check_eq "highest bounds read back" "60000 60000 60000 300000 60000 3600000 200" "$(params "$a")"
check_eq "highest bounds read back in JSON" "60000 60000 60000 300000 60000 3600000 200" \
	"$(json_params "$a")"
check_match "a seven-digit value widens the column" \
	$'(^|\n)reconnect_interval 3600000 ms\nack_delay              200 ms$' \
	"$("$CLUSTERCTL" -n "$a" param show)"

# Each range, judged by the kernel: exit 1 with its message.
refused "$b" 1 'hello_min must be 10 to 60000 ms' hello_min 9
refused "$b" 1 'hello_min must be 10 to 60000 ms' hello_min 0
refused "$b" 1 'hello_min must be 10 to 60000 ms' hello_min 60001
refused "$b" 1 'hello_max must be 10 to 60000 ms' hello_max 9
refused "$b" 1 'hello_max must be 10 to 60000 ms' hello_max 60001
refused "$b" 1 'hello_max must be 10 to 60000 ms' hello_max 4294967295
refused "$b" 1 'response_delay_max must be 0 to 60000 ms' response_delay_max 60001
refused "$b" 1 'listen_timeout must be 100 to 300000 ms' listen_timeout 99
refused "$b" 1 'listen_timeout must be 100 to 300000 ms' listen_timeout 300001
refused "$b" 1 'handshake_timeout must be 100 to 60000 ms' handshake_timeout 99
refused "$b" 1 'handshake_timeout must be 100 to 60000 ms' handshake_timeout 60001
refused "$b" 1 'reconnect_interval must be 1000 to 3600000 ms' reconnect_interval 0
refused "$b" 1 'reconnect_interval must be 1000 to 3600000 ms' reconnect_interval 999
refused "$b" 1 'reconnect_interval must be 1000 to 3600000 ms' reconnect_interval 3600001
refused "$b" 1 'reconnect_interval must be 1000 to 3600000 ms' reconnect_interval 4294967295
refused "$b" 1 'ack_delay must be 0 to 200 ms' ack_delay 201
refused "$b" 1 'ack_delay must be 0 to 200 ms' ack_delay 0xffffffff
# The rules between parameters, against the set in force.
refused "$b" 1 'hello_min must not exceed hello_max' hello_min 3001
refused "$b" 1 'hello_min must not exceed hello_max' hello_max 1599
refused "$b" 1 'listen_timeout must be more than 2 \* hello_max' hello_max 4000
refused "$b" 1 'listen_timeout must be more than 2 \* hello_max' listen_timeout 6000
# All or nothing: one bad value sinks the request.
refused "$b" 1 'handshake_timeout must be 100' hello_min 100 hello_max 200 handshake_timeout 99
refused "$b" 1 'ack_delay must be 0 to 200' reconnect_interval 60000 ack_delay 1000
refused "$b" 1 'reconnect_interval must be 1000' ack_delay 50 reconnect_interval 10
check_eq "the refused requests changed nothing" "$DEFAULTS" "$(params "$b")"
# Validated as the resulting set: valid together, in either order.
check_ok "hello_max 10000 with listen_timeout 20001" "$CLUSTERCTL" -n "$b" \
	param set hello_max 10000 listen_timeout 20001
check_eq "both applied" "1600 10000 2000 20001 5000 20000 1" "$(params "$b")"
check_ok "back, listen_timeout first" "$CLUSTERCTL" -n "$b" \
	param set listen_timeout 8000 hello_max 3000
check_eq "back to the defaults" "$DEFAULTS" "$(params "$b")"
# clusterctl's own checks: exit 2 before asking the kernel.
refused "$b" 2 'unknown parameter "hello"' hello 100
refused "$b" 2 'invalid value "-1" for hello_min' hello_min -1
refused "$b" 2 'invalid value "1s" for listen_timeout' listen_timeout 1s
refused "$b" 2 'invalid value "4294967296"' hello_max 4294967296
refused "$b" 2 'hello_min needs a value' hello_min
refused "$b" 2 'hello_min given twice' hello_min 100 hello_min 200
refused "$b" 2 'invalid value "1s" for reconnect_interval' reconnect_interval 1s
refused "$b" 2 'ack_delay needs a value' ack_delay
refused "$b" 2 'nothing to set'
check_eq "the refused requests changed nothing" "$DEFAULTS" "$(params "$b")"

# Privilege: CAP_NET_ADMIN in the user namespace owning the netns.
out=$(ip netns exec "$b" "${NOBODY[@]}" "$CLUSTERCTL" param set hello_min 100 2>&1)
check_eq "unprivileged param set exit status" 4 "$?"
check_match "unprivileged param set says why" 'permission denied: param set needs CAP_NET_ADMIN' "$out"
check_eq "unprivileged param set changed nothing" "$DEFAULTS" "$(params "$b")"
out=$("${NOBODY[@]}" unshare -Urn sh -c \
	"\"$CLUSTERCTL\" param set hello_min 100 && \"$CLUSTERCTL\" -j param show" 2>&1)
check_eq "own user ns and netns: allowed" 100 "$(json_get hello_min <<<"$out")"

# Hostile raw requests, in the initial netns.
check_eq "raw PARAM_GET" ok "$(raw $PGET)"
dump=$(raw -d $PGET)
check_eq "PARAM_GET carries seven attributes" 7 "$(grep -c '^attr ' <<<"$dump")"
check_match "hello_min is a u32 of 1600" $'(^|\n)attr 13 40060000(\n|$)' "$dump"
check_match "handshake_timeout is a u32 of 5000" $'(^|\n)attr 17 88130000(\n|$)' "$dump"
check_match "reconnect_interval is attribute 22, a u32 of 20000" \
	$'(^|\n)attr 22 204e0000(\n|$)' "$dump"
check_match "ack_delay is attribute 23, a u32 of 1" $'(^|\n)attr 23 01000000(\n|$)' "$dump"
expect_einval() {
	local desc=$1 re=$2 out
	shift 2
	out=$(raw "$@")
	check_match "$desc" "^error EINVAL: .*$re" "$out"
}
expect_einval "PARAM_SET without attributes" "nothing to set" $PSET
expect_einval "hello_min of 2 bytes" "" $PSET $A_HMIN:u16:100
expect_einval "hello_min of 8 bytes" "" $PSET $A_HMIN:u64:100
expect_einval "empty hello_min" "" $PSET $A_HMIN:hex:
expect_einval "hello_min 0xffffffff" "hello_min must be" $PSET $A_HMIN:u32:0xffffffff
expect_einval "response_delay_max 0xffffffff" "response_delay_max must be" $PSET $A_DELAY:u32:0xffffffff
expect_einval "listen_timeout 0" "listen_timeout must be" $PSET $A_LISTEN:u32:0
expect_einval "hello_max 0x80000001" "hello_max must be" $PSET $A_HMAX:u32:0x80000001
expect_einval "handshake_timeout 0" "handshake_timeout must be" $PSET $A_HS:u32:0
expect_einval "one good, one bad" "handshake_timeout must be" $PSET $A_HMIN:u32:100 $A_HS:u32:1
expect_einval "reconnect_interval of 2 bytes" "" $PSET $A_RECNX:u16:1000
expect_einval "reconnect_interval 999" "reconnect_interval must be" $PSET $A_RECNX:u32:999
expect_einval "ack_delay of 8 bytes" "" $PSET $A_ACK:u64:1
expect_einval "ack_delay 0xffffffff" "ack_delay must be" $PSET $A_ACK:u32:0xffffffff
expect_einval "ack_delay in NODE_SET" "not accepted by this command" $NODE_SET $A_ACK:u32:1
expect_einval "node id in PARAM_SET" "not accepted by this command" $PSET $A_ID:u32:5
expect_einval "parameter in NODE_SET" "not accepted by this command" $NODE_SET $A_HMIN:u32:100
expect_einval "unknown attribute type" "" $PSET 99:u32:1
check_match "unprivileged raw PARAM_SET refused" '^error EPERM' \
	"$("${NOBODY[@]}" "$PROGS/genl-raw" $PSET $A_HMIN:u32:100)"
check_eq "raw requests changed nothing" "$DEFAULTS" "$(params "$INIT")"
check_eq "raw valid PARAM_SET" ok "$(raw $PSET $A_HMIN:u32:1000)"
check_eq "raw valid PARAM_SET applied" "1000 3000 2000 8000 5000 20000 1" "$(params "$INIT")"
check_eq "raw valid PARAM_SET of the new two" ok "$(raw $PSET $A_RECNX:u32:1000 $A_ACK:u32:0)"
check_eq "raw new two applied" "1000 3000 2000 8000 5000 1000 0" "$(params "$INIT")"

# Module parameters: the defaults of every namespace, old and new.
check_ok "rmmod" unload_module
check_ok "insmod with timer parameters" load_module hello_min=100 hello_max=200 \
	response_delay_max=50 listen_timeout=1000 handshake_timeout=250 \
	reconnect_interval=2000 ack_delay=5
check_eq "sysfs shows hello_min" 100 "$(cat /sys/module/af_cluster/parameters/hello_min)"
check_eq "sysfs shows listen_timeout" 1000 "$(cat /sys/module/af_cluster/parameters/listen_timeout)"
check_eq "sysfs shows reconnect_interval" 2000 \
	"$(cat /sys/module/af_cluster/parameters/reconnect_interval)"
check_eq "sysfs shows ack_delay" 5 "$(cat /sys/module/af_cluster/parameters/ack_delay)"
check_eq "netns older than the module" "100 200 50 1000 250 2000 5" "$(params "$a")"
check_eq "initial netns" "100 200 50 1000 250 2000 5" "$(params "$INIT")"
check_ok "change a" "$CLUSTERCTL" -n "$a" param set hello_min 150 ack_delay 0
setup_ns c
check_eq "new netns gets the module's defaults, not a's" "100 200 50 1000 250 2000 5" "$(params "$c")"
check_fail "module parameters are read only" sh -c \
	'echo 10 >/sys/module/af_cluster/parameters/hello_min'
check_fail "ack_delay module parameter is read only" sh -c \
	'echo 10 >/sys/module/af_cluster/parameters/ack_delay'
check_ok "rmmod" unload_module

# Bad module parameters: the load fails and the kernel log says why.
for spec in "hello_min=9|hello_min must be 10 to 60000 ms" \
	"hello_max=60001|hello_max must be 10 to 60000 ms" \
	"response_delay_max=60001|response_delay_max must be 0 to 60000 ms" \
	"listen_timeout=99|listen_timeout must be 100 to 300000 ms" \
	"handshake_timeout=60001|handshake_timeout must be 100 to 60000 ms" \
	"reconnect_interval=999|reconnect_interval must be 1000 to 3600000 ms" \
	"reconnect_interval=3600001|reconnect_interval must be 1000 to 3600000 ms" \
	"ack_delay=201|ack_delay must be 0 to 200 ms" \
	"hello_min=4000|hello_min must not exceed hello_max" \
	"listen_timeout=6000|listen_timeout must be more than 2 \\* hello_max" \
	"hello_max=20 listen_timeout=40|listen_timeout must be 100 to 300000 ms"; do
	args=${spec%%|*}
	mark=$(kmsg_mark)
	# shellcheck disable=SC2086 # ARGS are several words
	check_fail "insmod $args refused" insmod "$AFC_MODULE" $args
	check_match "insmod $args logs why" "af_cluster: invalid module parameters: ${spec#*|}" \
		"$(kmsg_since "$mark")"
	module_loaded && unload_module
done
check_fail "insmod hello_min=-1 refused" insmod "$AFC_MODULE" hello_min=-1
module_loaded && unload_module
check_fail "insmod ack_delay=-1 refused" insmod "$AFC_MODULE" ack_delay=-1
module_loaded && unload_module
exit $RET
