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
"$CC_BIN" --help | grep -q '^Usage: clusterctl' ||
	{ echo "FAIL: --help does not print usage"; fails=$((fails + 1)); }
"$CC_BIN" -V | grep -qE '^clusterctl [0-9]' ||
	{ echo "FAIL: -V does not print a version"; fails=$((fails + 1)); }

# Bad usage: exit 2, saying what was wrong.
expect 2 "missing OBJECT"
expect 2 'unknown object "foo"; valid objects: node' foo
expect 2 'unknown command "bogus" for node; valid commands: show, set, help' node bogus
expect 2 "unknown option -x" -x node show
expect 2 "invalid option --bogus" --bogus node show
expect 2 "option (-n|--netns) needs an argument" -n
expect 2 'unexpected argument "x"' node show x
expect 2 "nothing to set" node set
expect 2 "id needs a value" node set id
expect 2 "name needs a value" node set name
expect 2 "id given twice" node set id 1 id 2
expect 2 'unknown argument "foo"; expected id or name' node set foo 1
for id in 0 4294967295 0x0 0xffffffff -1 +1 " 1" "1 " 12x 0x 0x1g 99999999999; do
	expect 2 "invalid id .*from 1 to 4294967294" node set id "$id"
done
for name in "" -a .a _a "a b" a/b abcdefghijklmnop "caf$(printf '\303\251')"; do
	expect 2 "invalid name .*1 to 15 characters" node set name "$name"
done
expect 2 'invalid network namespace name "../x"' -n ../x node show
expect 1 "network namespace \"no-such-ns-$$\" does not exist" -n "no-such-ns-$$" node show
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
fi

echo "cli: $n checks, $fails failed"
[ "$fails" = 0 ]
