#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Command-line checks of clusterctl that need no kernel module: usage,
# help, exit codes and messages.  With af_cluster not loaded it also checks
# the "not loaded" path.  Usage: tests/cli.sh [path/to/clusterctl]

CC_BIN=${1:-$(dirname "$0")/../clusterctl}
fails=0
n=0

# expect EXIT STDERR-REGEX ARGS...  (regex "" means: stderr must be empty)
expect() {
	local want=$1 re=$2 got err
	shift 2
	n=$((n + 1))
	err=$("$CC_BIN" "$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: clusterctl $*: exit $got, want $want ($err)"
		fails=$((fails + 1))
	elif [ -z "$re" ] && [ -n "$err" ]; then
		echo "FAIL: clusterctl $*: unexpected stderr: $err"
		fails=$((fails + 1))
	elif [ -n "$re" ] && ! grep -qE -- "$re" <<<"$err"; then
		echo "FAIL: clusterctl $*: stderr does not match /$re/: $err"
		fails=$((fails + 1))
	fi
}

# Help and version go to stdout and succeed.
expect 0 "" --help
expect 0 "" -h
expect 0 "" help
expect 0 "" -V
expect 0 "" --version
expect 0 "" node help
expect 0 "" param help
expect 0 "" adapter help
expect 0 "" channel help
expect 0 "" vc help
expect 0 "" monitor help
expect 0 "" monitor --help
expect 0 "" node --help
"$CC_BIN" --help | grep -q '^Usage: clusterctl' ||
	{ echo "FAIL: --help does not print usage"; fails=$((fails + 1)); }
"$CC_BIN" -V | grep -qE '^clusterctl [0-9]' ||
	{ echo "FAIL: -V does not print a version"; fails=$((fails + 1)); }
# Every object is listed in --help and has its own help.
for obj in node param adapter channel vc monitor; do
	n=$((n + 1))
	"$CC_BIN" --help | grep -qE "^Objects:.* $obj( |\$)" ||
		{ echo "FAIL: --help does not list $obj"; fails=$((fails + 1)); }
	n=$((n + 1))
	"$CC_BIN" "$obj" help | grep -q "^Usage: clusterctl .* $obj " ||
		{ echo "FAIL: $obj help does not print its usage"; fails=$((fails + 1)); }
done

# Bad usage: exit 2, saying what was wrong.
expect 2 "missing OBJECT"
expect 2 'unknown object "foo"; valid objects: node, param, adapter, channel, vc, service, monitor' foo
expect 2 'unknown command "bogus" for node; valid commands: show, set, list, help' node bogus
expect 2 'ambiguous command "s" for node' node s
expect 2 "unknown option -x" -x node show
expect 2 "invalid option --bogus" --bogus node show
expect 2 "option (-n|--netns) needs an argument" -n
expect 2 'unexpected argument "x"' node show x
# -i and -c: seconds in range, a count only with an interval, show only.
for bad in 0 0.05 1.2345 86401 -1 2s .5 ''; do
	expect 2 "invalid interval \"$bad\": give seconds from 0.1 to 86400" -i "$bad" vc show
done
expect 2 'invalid count "0": give a number of reports' -i 1 -c 0 vc show
expect 2 'invalid count "x"' -i 1 -c x vc show
expect 2 '-c counts the reports of -i: give -i SECONDS too' -c 3 vc show
expect 2 'node set: -i repeats show and list commands only' -i 1 node set id 1
expect 2 'adapter add: -i repeats show and list commands only' -i 1 adapter add eth0
expect 2 'monitor: -i repeats show commands; monitor is live already' -i 1 monitor
expect 2 "option (-i|--interval) needs an argument" -i
expect 2 'node show: unexpected option "-j": options come before the object, as in: clusterctl -j node show' node show -j
expect 2 'node list: unexpected argument "x"' node list x
expect 2 'node list: unexpected option "-s": options come before the object, as in: clusterctl -s node list' node list -s
expect 2 'node list: unexpected option "-n": .* clusterctl -n NETNS node list' node list -n red
expect 2 "nothing to set" node set
expect 2 "id needs a value" node set id
expect 2 "name needs a value" node set name
expect 2 "id given twice" node set id 1 id 2
expect 2 'unknown argument "foo"; expected id, name, group, secret-file or secret' node set foo 1
for id in 0 4294967295 0x0 0xffffffff -1 +1 " 1" "1 " 12x 0x 0x1g 99999999999; do
	expect 2 "invalid id .*from 1 to 4294967294" node set id "$id"
done
for name in "" -a .a _a "a b" a/b abcdefghijklmnop "caf$(printf '\303\251')"; do
	expect 2 "invalid name .*1 to 15 characters" node set name "$name"
done
for group in 0 65536 -1 0x10000 1x ""; do
	expect 2 "invalid group .*from 1 to 65535" node set group "$group"
done
expect 2 "group needs a value" node set group
expect 2 "group given twice" node set group 1 group 2
expect 2 "secret-file needs a value" node set secret-file
expect 2 'secret takes only "none"' node set secret hunter2hunter2hunter2
expect 2 "give secret-file or secret none, not both" node set secret none secret-file /dev/null
expect 2 "secret given twice" node set secret none secret none

expect 2 'unknown command "bogus" for param; valid commands: show, set, help' param bogus
expect 2 'param show: unexpected argument "x"' param show x
expect 2 "param set: nothing to set" param set
expect 2 'unknown parameter "hello"; valid parameters: hello_min, hello_max, response_delay_max, listen_timeout, handshake_timeout, reconnect_interval, ack_delay' param set hello 1
expect 2 'unknown parameter "HELLO_MIN"' param set HELLO_MIN 1
expect 2 "hello_min needs a value" param set hello_min
expect 2 "hello_min given twice" param set hello_min 10 hello_min 20
for v in -1 +1 1x 1.5 "" 4294967296 " 1" 1s; do
	expect 2 "invalid value .* for hello_max: expected milliseconds" param set hello_max "$v"
done
expect 2 "invalid value" param set hello_min 10 listen_timeout x
expect 2 "reconnect_interval needs a value" param set reconnect_interval
expect 2 "ack_delay given twice" param set ack_delay 0 ack_delay 1
expect 2 'invalid value "1ms" for ack_delay: expected milliseconds' param set ack_delay 1ms
expect 2 'invalid value "-1" for reconnect_interval: expected milliseconds' param set reconnect_interval -1

# adapter
expect 2 'unknown command "bogus" for adapter; valid commands: show, list, add, del, help' adapter bogus
expect 2 'unknown command "set" for adapter' adapter set
expect 2 'adapter show: unexpected argument "eth1"' adapter show eth0 eth1
expect 2 'adapter show: unexpected argument "eth1"' adapter list eth0 eth1
expect 2 'adapter show: unexpected option "-s": options come before the object, as in: clusterctl -s adapter show' adapter show -s
expect 2 'adapter show: unexpected option "-j"' adapter show eth0 -j
expect 2 "adapter add: missing DEV: give the network device to enable" adapter add
expect 2 "adapter del: missing DEV: give the adapter to disable" adapter del
expect 2 'adapter add: unexpected option "-n": .* clusterctl -n NETNS adapter add' adapter add -n red eth0
expect 2 'adapter del: unexpected option "--netns"' adapter del --netns red eth0
for dev in "" . .. a/b eth0:1 "a b" "$(printf 'a	b')" "$(printf 'Ã ')" 0123456789abcdef; do
	for cmd in show add del; do
		expect 2 "adapter $cmd: invalid device name .*: expected 1 to 15 characters, none of them / : or white space" adapter "$cmd" "$dev"
	done
done
expect 2 "adapter add: priority needs a value" adapter add eth0 priority
expect 2 "adapter add: priority given twice" adapter add eth0 priority 1 priority 2
expect 2 'adapter add: unknown argument "prio"; expected priority' adapter add eth0 prio 1
expect 2 'adapter add: unknown argument "eth1"; expected priority' adapter add eth0 eth1
expect 2 'adapter add: unexpected option "-p"' adapter add eth0 -p 1
for prio in 128 255 0x80 -1 +1 1x 1.5 "" " 1" 99999999999; do
	expect 2 "adapter add: invalid priority .*: expected a number from 0 to 127" adapter add eth0 priority "$prio"
done
expect 2 'adapter del: unexpected argument "eth1"' adapter del eth0 eth1
expect 2 'adapter del: unexpected argument "priority"' adapter del eth0 priority 1

# channel
expect 2 'unknown command "bogus" for channel; valid commands: show, list, help' channel bogus
expect 2 'channel show: unexpected argument "x"' channel show x
expect 2 'channel show: unexpected argument "eth0"' channel list eth0
expect 2 'channel show: unexpected option "-s": options come before the object, as in: clusterctl -s channel show' channel show -s

# vc
expect 2 'unknown command "bogus" for vc; valid commands: show, list, help' vc bogus
expect 2 'vc show: unexpected argument "2"' vc show 2
expect 2 'vc show: unexpected argument "x"' vc list x
expect 2 'vc show: unexpected option "-j": options come before the object, as in: clusterctl -j vc show' vc show -j

# monitor: an object that is a command; -j may follow it.
expect 2 'monitor: unexpected argument "x"' monitor x
expect 2 'monitor: unexpected argument "show"' monitor show
expect 2 'monitor: unexpected argument "x"' monitor -j x
expect 2 'monitor: unexpected option "-s": options come before the object, as in: clusterctl -s monitor' monitor -s
expect 2 'monitor: unexpected option "-p": options come before the object' monitor -j -p
expect 2 'monitor: unexpected option "-n": .* clusterctl -n NETNS monitor' monitor -n red
"$CC_BIN" --help | grep -q '^       clusterctl \[OPTIONS\] monitor \[-j\]$' ||
	{ echo "FAIL: --help does not show monitor's usage"; fails=$((fails + 1)); }
n=$((n + 1))

# The secret file is read before the module is asked: bad files fail
# with exit 1 whether it is loaded or not, and the secret is never shown.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'secret-0123456789' >"$tmp/ok"
printf 'short-secret-15\n' >"$tmp/short"
head -c 65 /dev/zero | tr '\0' x >"$tmp/long"
: >"$tmp/empty"
chmod 600 "$tmp"/*
cp -p "$tmp/ok" "$tmp/open"
chmod 640 "$tmp/open"
cp -p "$tmp/ok" "$tmp/world"
chmod 602 "$tmp/world"
expect 1 "secret in .*/short is 15 bytes: it needs 16 to 64" node set secret-file "$tmp/short"
expect 1 "secret in .*/long is longer than 64 bytes" node set secret-file "$tmp/long"
expect 1 "secret in .*/empty is 0 bytes" node set secret-file "$tmp/empty"
expect 1 "secret in standard input is 15 bytes" node set secret-file - <"$tmp/short"
expect 1 "is accessible by group or others \(mode 0640\): run chmod 600" node set secret-file "$tmp/open"
expect 1 "is accessible by group or others \(mode 0602\)" node set secret-file "$tmp/world"
expect 1 "cannot open secret file .*/none: No such file" node set secret-file "$tmp/none"
expect 1 "is not a regular file or a pipe" node set secret-file "$tmp"
if [ "$(id -u)" = 0 ]; then
	cp -p "$tmp/ok" "$tmp/nobody"
	chown 65534 "$tmp/nobody"
	expect 1 "belongs to uid 65534: it must belong to root or to you" node set secret-file "$tmp/nobody"
fi
out=$("$CC_BIN" node set secret-file "$tmp/open" 2>&1)
n=$((n + 1))
if grep -q 'secret-0123456789' <<<"$out"; then
	echo "FAIL: clusterctl printed the secret: $out"
	fails=$((fails + 1))
fi

expect 2 'invalid network namespace name "../x"' -n ../x node show
expect 1 "network namespace \"no-such-ns-$$\" does not exist" -n "no-such-ns-$$" node show
expect 1 "network namespace \"no-such-ns-$$\" does not exist" -n "no-such-ns-$$" adapter show
expect 1 "network namespace \"no-such-ns-$$\" does not exist" -n "no-such-ns-$$" channel show
expect 1 "network namespace \"no-such-ns-$$\" does not exist" -n "no-such-ns-$$" vc show
expect 1 "network namespace \"no-such-ns-$$\" does not exist" -n "no-such-ns-$$" node list
expect 1 "network namespace \"no-such-ns-$$\" does not exist" -n "no-such-ns-$$" monitor -j
expect 1 "is not a network namespace" -n /etc/hostname node show

# Output errors are failures.
if [ -w /dev/full ]; then
	"$CC_BIN" --help >/dev/full 2>/dev/null
	[ $? = 1 ] || { echo "FAIL: --help >/dev/full does not fail"; fails=$((fails + 1)); }
	n=$((n + 1))
fi

# Without the module: exit 3 and the exact message, for valid commands only.
if [ ! -d /sys/module/af_cluster ]; then
	msg='^af_cluster is not loaded: run modprobe af_cluster$'
	expect 3 "$msg" node show
	expect 3 "$msg" node
	expect 3 "$msg" -j -p -s node show
	expect 3 "$msg" no sh
	expect 3 "$msg" node set id 0x10 name alpha.1_x-y
	expect 3 "$msg" node set name VAX1
	expect 3 "$msg" -n /proc/self/ns/net node show
	# -i gives up at once: retrying will not load the module.
	expect 3 "$msg" -i 0.1 -c 50 vc show
	expect 3 "$msg" node set group 65535
	expect 3 "$msg" node set secret none
	expect 3 "$msg" node set secret-file "$tmp/ok"
	expect 3 "$msg" node set secret-file - <"$tmp/ok"
	expect 3 "$msg" node set secret-file <(printf 'from-a-pipe-0123456789\n')
	expect 3 "$msg" node set id 1 name a group 1 secret-file "$tmp/ok"
	expect 3 "$msg" param show
	expect 3 "$msg" param
	expect 3 "$msg" -j -p param show
	expect 3 "$msg" pa sh
	expect 3 "$msg" param set hello_min 1600
	expect 3 "$msg" param set hello_min 0 hello_max 0xffffffff
	expect 3 "$msg" param set hello_min 10 hello_max 20 response_delay_max 0 listen_timeout 100 handshake_timeout 100 \
		reconnect_interval 1000 ack_delay 0
	expect 3 "$msg" node list
	expect 3 "$msg" -j -p node list
	expect 3 "$msg" no l
	expect 3 "$msg" -n /proc/self/ns/net node list
	expect 3 "$msg" adapter
	expect 3 "$msg" adapter show
	expect 3 "$msg" adapter list
	expect 3 "$msg" -j -p -s adapter show
	expect 3 "$msg" ad sh
	expect 3 "$msg" a l
	expect 3 "$msg" adapter show eth0
	expect 3 "$msg" -s adapter show 0123456789abcde
	expect 3 "$msg" adapter add eth0
	expect 3 "$msg" adapter add eth0 priority 0
	expect 3 "$msg" adapter add eth0 priority 127
	expect 3 "$msg" adapter add eth0 priority 0x7f
	expect 3 "$msg" adapter add "caf$(printf '\303\251')" priority 1
	expect 3 "$msg" ad a eth0
	expect 3 "$msg" adapter del eth0
	expect 3 "$msg" adapter del ...
	expect 3 "$msg" -n /proc/self/ns/net adapter del eth0
	expect 3 "$msg" channel
	expect 3 "$msg" channel show
	expect 3 "$msg" channel list
	expect 3 "$msg" -j -p -s channel show
	expect 3 "$msg" c
	expect 3 "$msg" ch l
	expect 3 "$msg" vc
	expect 3 "$msg" vc show
	expect 3 "$msg" vc list
	expect 3 "$msg" -j -p -s vc show
	expect 3 "$msg" v l
	expect 3 "$msg" monitor
	expect 3 "$msg" monitor -j
	expect 3 "$msg" monitor --json
	expect 3 "$msg" -j -p monitor
	expect 3 "$msg" m
	expect 3 "$msg" -n /proc/self/ns/net monitor
fi

echo "cli: $n checks, $fails failed"
[ "$fails" = 0 ]
