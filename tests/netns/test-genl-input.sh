#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Hostile generic netlink input, sent past clusterctl's own checks: every
# malformed request gets EINVAL or EPERM with a message, and changes nothing.
source "$(dirname "$0")/lib.sh"

raw() { "$PROGS/genl-raw" "$@"; }
SET=2 GET=1
ID=1 NAME=2 VERSION=3 RX=7

check_ok "insmod" load_module
check_eq "valid request" ok "$(raw $SET $ID:u32:77 $NAME:str:good)"
check_eq "GET needs no attributes" ok "$(raw $GET)"

# expect_einval DESCRIPTION ATTR...: NODE_SET must fail with EINVAL and say why.
expect_einval() {
	local desc=$1 out
	shift
	out=$(raw $SET "$@")
	check_match "$desc" '^error EINVAL: .+' "$out"
}
expect_einval "no attributes"
expect_einval "id 0" $ID:u32:0
expect_einval "id 0xffffffff" $ID:u32:0xffffffff
expect_einval "id of 2 bytes" $ID:u16:5
expect_einval "id of 8 bytes" $ID:u64:5
expect_einval "empty name" $NAME:str:
expect_einval "name of 16 characters" $NAME:str:abcdefghijklmnop
expect_einval "name with a slash" $NAME:str:a/b
expect_einval "name with a NUL inside" $NAME:hex:610062
expect_einval "name with a high-bit byte" $NAME:hex:61e900
expect_einval "read-only attribute in a request" $VERSION:str:9.9
expect_einval "counter in a request" $RX:u64:0
expect_einval "unknown attribute type" 99:u32:1
expect_einval "empty id attribute" $ID:hex:
check_match "message names the id range" 'node id must be' "$(raw $SET $ID:u32:0)"
check_match "non-zero reserved header field refused" '^error EINVAL: .+' "$(GENL_RESERVED=1 raw $GET)"
check_match "unknown command refused" '^error (EOPNOTSUPP|ENOTSUP)' "$(raw 42)"

json=$("$CLUSTERCTL" -j node show)
check_eq "id unchanged" 77 "$(json_get id <<<"$json")"
check_eq "name unchanged" good "$(json_get name <<<"$json")"
check_match "name without NUL accepted like a string" '^ok$' "$(raw $SET $NAME:raw:bare)"
check_eq "name without NUL stored" bare "$("$CLUSTERCTL" -j node show | json_get name)"
check_match "unprivileged raw SET refused" '^error EPERM' \
	"$(setpriv --reuid=65534 --regid=65534 --clear-groups "$PROGS/genl-raw" $SET $ID:u32:5)"
check_ok "rmmod" unload_module
exit $RET
