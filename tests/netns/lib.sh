#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the af_cluster netns tests, in the kselftest style: source it,
# call the check_* helpers, end with `exit $RET`.  Exit 0 = pass, 1 = fail,
# 4 = skip.  Runs inside the test VM (tests/vm/run), where $AFC_MODULE is the
# module built for the booted kernel and $CLUSTERCTL the admin tool.

# Variables below are used by the tests that source this file.
# shellcheck disable=SC2034
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

RET=$KSFT_PASS
TEST_NAME=$(basename "$0" .sh)
NS_LIST=()
BG_PIDS=()
REPO=${AFC_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PROGS=$REPO/tests/netns/progs
CLUSTERCTL=${CLUSTERCTL:-$REPO/userspace/clusterctl/clusterctl}

log() { printf '  %s: %s\n' "$TEST_NAME" "$*"; }

# Record a failed check; the test goes on so one run shows every failure.
fail() {
	log "FAIL: $*"
	RET=$KSFT_FAIL
}

skip() {
	log "SKIP: $*"
	exit $KSFT_SKIP
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" == "$3" ]; then
		log "ok: $1"
	else
		fail "$1: expected '$2', got '$3'"
	fi
}

# check_ok DESCRIPTION CMD...: CMD must succeed.
check_ok() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		log "ok: $desc"
	else
		fail "$desc: '$*' failed: $out"
	fi
}

# check_fail DESCRIPTION CMD...: CMD must fail.
check_fail() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "$desc: '$*' succeeded: $out"
	else
		log "ok: $desc"
	fi
}

# check_match DESCRIPTION REGEX TEXT
check_match() {
	if [[ $3 =~ $2 ]]; then
		log "ok: $1"
	else
		fail "$1: '$3' does not match /$2/"
	fi
}

# busywait TIMEOUT_MS CMD...: retry CMD until it succeeds or time runs out.
busywait() {
	local timeout_ms=$1 start now
	shift
	start=$(date +%s%3N)
	while true; do
		"$@" && return 0
		now=$(date +%s%3N)
		[ $((now - start)) -ge "$timeout_ms" ] && return 1
		sleep 0.1
	done
}

# setup_ns VAR...: make a fresh netns for each VAR (named after it) with lo up.
setup_ns() {
	local var ns
	for var in "$@"; do
		ns="afc-$var-$$"
		ip netns add "$ns" || { fail "ip netns add $ns"; return 1; }
		ip -n "$ns" link set lo up
		NS_LIST+=("$ns")
		printf -v "$var" '%s' "$ns"
	done
}

# two_nodes: namespaces $a and $b, nodes 1 and 2 joined by veth va-vb,
# their channel open; each step a check.
# shellcheck disable=SC2154 # setup_ns assigns a and b
two_nodes() {
	setup_ns a b
	check_ok "veth" veth "$a" va "$b" vb
	check_ok "node 1" node_setup "$a" 1
	check_ok "node 2" node_setup "$b" 2
	cc "$a" adapter add va
	cc "$b" adapter add vb
	check_ok "channel" busywait $((HELLO_MAX + RESPONSE_MAX + 3000)) open_is "$a" 1
}

cleanup_ns() {
	local ns
	for ns in "$@"; do
		ip netns del "$ns" 2>/dev/null
	done
}

module_loaded() { [ -d /sys/module/af_cluster ]; }

module_refcnt() { cat /sys/module/af_cluster/refcnt; }

load_module() {
	module_loaded && return 0
	insmod "$AFC_MODULE" "$@"
}

unload_module() {
	module_loaded || return 0
	# A just-closed socket may still be releasing its module reference.
	busywait 5000 rmmod af_cluster 2>/dev/null && return 0
	# Say what still holds it, for the log.
	local ns pid
	echo "  unload: refcnt $(cat /sys/module/af_cluster/refcnt 2>&1)" >&2
	for ns in "${NS_LIST[@]}"; do
		echo "  unload: $ns: $(ip netns exec "$ns" "$CLUSTERCTL" -j vc show 2>&1)" >&2
		# A process left running may hold a socket.
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			echo "  unload: $ns: pid $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline")" >&2
		done
	done
	rmmod af_cluster
}

# bg CMD...: start CMD in the background, killed by cleanup.
bg() {
	"$@" &
	BG_PIDS+=($!)
}

lib_cleanup() {
	local pid
	for pid in "${BG_PIDS[@]}"; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	cleanup_ns "${NS_LIST[@]}"
}
trap lib_cleanup EXIT

[ -n "${AFC_MODULE:-}" ] || skip "AFC_MODULE unset: run through tests/vm/run"
[ "$(id -u)" = 0 ] || skip "needs root"

# json_get PATH: read a JSON document on stdin and print the value at PATH
# (dot-separated keys), "null" for null, or "missing".  jq, not python:
# it starts in milliseconds even on the KASAN kernel.
json_get() {
	jq -r --arg path "$1" '
		($path | split(".")) as $k
		| if (try (getpath($k[:-1]) | type == "object" and has($k[-1])) catch false)
		  then getpath($k) else "missing" end'
}

# --- Discovery helpers -------------------------------------------------

# Timer parameters the discovery tests use: about 8x PEDRIVER's pace, so a
# channel opens in well under a second and a test stays short.
HELLO_MIN=200 HELLO_MAX=400 RESPONSE_MAX=200

now_ms() { date +%s%3N; }

# cc NETNS ARGS...: clusterctl in NETNS.
cc() {
	local ns=$1
	shift
	"$CLUSTERCTL" -n "$ns" "$@"
}

# node_setup NETNS ID [GROUP [node set ARGS...]]: node ID named n<ID> in
# GROUP (default 7), with the fast timer parameters.
node_setup() {
	local ns=$1 id=$2 group=${3:-7}
	shift $(($# < 3 ? $# : 3))
	cc "$ns" node set id "$id" name "n$id" group "$group" "$@" &&
		cc "$ns" param set hello_min $HELLO_MIN hello_max $HELLO_MAX \
			response_delay_max $RESPONSE_MAX
}

# veth NS1 IF1 NS2 IF2: a veth pair between two namespaces, both ends up.
veth() {
	ip link add "$2" netns "$1" type veth peer name "$4" netns "$3" &&
		ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

# bridge NS BR: a bridge in NS (a "switch" namespace), up, no STP delay.
bridge() {
	ip -n "$1" link add "$2" type bridge forward_delay 0 stp_state 0 &&
		ip -n "$1" link set "$2" up
}

# attach NS IF SWNS BR: a veth from NS (named IF) to a port of BR in SWNS.
attach() {
	local port="p$RANDOM$RANDOM"
	ip link add "$2" netns "$1" type veth peer name "$port" netns "$3" &&
		ip -n "$3" link set "$port" master "$4" &&
		ip -n "$3" link set "$port" up && ip -n "$1" link set "$2" up
}

# open_count NETNS [REMOTE_NODE]: open channels of NETNS (to REMOTE_NODE).
open_count() {
	cc "$1" -j channel show | jq --arg n "${2:-}" \
		'[.[] | select(.state == "open")
		      | select($n == "" or (.remote_node | tostring) == $n)]
		 | length'
}

# open_is NETNS COUNT [REMOTE_NODE]: NETNS has exactly COUNT open channels.
open_is() { [ "$(open_count "$1" "${3:-}")" = "$2" ]; }

# chan_get NETNS REMOTE_NODE JQ: JQ applied to the channels to REMOTE_NODE.
chan_get() {
	cc "$1" -s -j channel show |
		jq -r --arg n "$2" "[.[] | select((.remote_node | tostring) == \$n)] | $3"
}

# drops NETNS ADAPTER REASON: that drop counter of the adapter.
drops() {
	cc "$1" -s -j adapter show "$2" | jq -r ".[0].stats.drops.$3"
}

# --- Virtual circuit helpers ------------------------------------------

RDM_PROG=$PROGS/afc-rdm

# rdm_transfer NAME FROM_NS TO_NS TO_NODE SEED COUNT MAX [TIMEOUT]: COUNT
# checked messages of 16..MAX bytes from FROM_NS to port 5000+SEED of
# node TO_NODE (in TO_NS); every one must arrive once, in order, intact.
rdm_transfer() {
	local name=$1 from=$2 to=$3 node=$4 seed=$5 count=$6 max=$7
	local t=${8:-120} out
	out=$(mktemp)
	ip netns exec "$to" "$RDM_PROG" recv -p $((5000 + seed)) -n "$count" \
		-s "$seed" -M "$max" -T "$t" >"$out" &
	BG_PIDS+=($!)
	busywait 5000 grep -q ready "$out"
	if ! ip netns exec "$from" timeout "$t" "$RDM_PROG" send -N "$node" \
		-p $((5000 + seed)) -n "$count" -s "$seed" -M "$max" >/dev/null; then
		fail "$name: sender failed"
	fi
	wait "${BG_PIDS[-1]}"
	check_match "$name: every message once, in order, intact" '^ok ' \
		"$(tail -n 1 "$out")"
	log "$name: $(tail -n 1 "$out")"
	rm -f "$out"
}

# vc_is NETNS JQ: JQ, applied to NETNS's "vc show -s -j", is true; the
# JSON is printed if not.
vc_is() {
	local out
	out=$(cc "$1" -s -j vc show) || return 1
	jq -e "$2" <<<"$out" >/dev/null || { echo "$out"; return 1; }
}

# --- Event helpers ----------------------------------------------------

# The syscall a monitor waits in once it has joined the group.
case $(uname -m) in
x86_64) PPOLL=271 ;;
aarch64) PPOLL=73 ;;
*) PPOLL='' ;;
esac

# monitor_ready PID: the monitor waits for events (it joined the group).
monitor_ready() {
	[ -n "$PPOLL" ] || { sleep 1; return 0; }
	[ "$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)" = "$PPOLL" ]
}

# start_monitor VAR OUT NETNS [nobody] [-j]: "clusterctl monitor" in
# NETNS (as user nobody if asked), writing to OUT and its errors to
# OUT.err; its pid in VAR once it listens.  Killed by cleanup.
start_monitor() {
	local var=$1 out=$2 ns=$3 pid
	shift 3
	if [ "${1:-}" = nobody ]; then
		shift
		ip netns exec "$ns" setpriv --reuid=65534 --regid=65534 \
			--clear-groups "$CLUSTERCTL" monitor "$@" >"$out" 2>"$out.err" &
	else
		"$CLUSTERCTL" -n "$ns" monitor "$@" >"$out" 2>"$out.err" &
	fi
	pid=$!
	BG_PIDS+=("$pid")
	printf -v "$var" '%s' "$pid"
	busywait 10000 monitor_ready "$pid" || fail "monitor in $ns not ready"
}

# events FILE: the JSON events of FILE as "type:node:reason" words.
events() {
	jq -r '"\(.event):\(.node):\(.reason // "")"' "$1" | paste -sd' '
}

# events_are FILE REGEX: the words of events() are exactly REGEX.
events_are() { [[ $(events "$1") =~ ^$2$ ]]; }

# expect_events DESC FILE REGEX: wait (at most 15 s) for exactly REGEX.
expect_events() {
	if busywait 15000 events_are "$2" "$3"; then
		log "ok: $1"
	else
		fail "$1: expected /^$3\$/, got '$(events "$2")'"
	fi
}
