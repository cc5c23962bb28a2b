#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# AF_CLUSTER socket creation and bind(): supported types, every bad address,
# privileged ports, node addressing and double binds each get their errno.
source "$(dirname "$0")/lib.sh"

sock() { "$PROGS/afc-sock" "$@"; }
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }

check_ok "insmod" load_module
check_match "SOCK_RDM" '^port [0-9]+$' "$(sock -t rdm)"
check_match "SOCK_SEQPACKET" '^port [0-9]+$' "$(sock -t seqpacket)"
check_eq "SOCK_STREAM refused" "error ESOCKTNOSUPPORT" "$(sock -t stream)"
check_eq "protocol 1 refused" "error EPROTONOSUPPORT" "$(sock -P 1)"

check_eq "address one byte short" "error EINVAL" "$(sock -l 39)"
check_eq "address of family only" "error EINVAL" "$(sock -l 2)"
check_match "longer address accepted" '^port [0-9]+$' "$(sock -l 64)"
check_eq "wrong family in the address" "error EAFNOSUPPORT" "$(sock -a 2)"
check_eq "service name without NUL" "error EINVAL" "$(sock -s 0123456789abcdef0123456789abcdef)"
check_eq "service name with a port" "error EINVAL" "$(sock -s echo -p 7000)"
check_eq "service name with a control char" "error EINVAL" "$(sock -s $'ec\x01ho')"
check_match "service name: an ephemeral port" '^port [0-9]+$' "$(sock -s echo)"
check_match "service name on a seqpacket socket" '^port [0-9]+$' "$(sock -t seqpacket -s echo)"

check_eq "another node's id refused" "error EADDRNOTAVAIL" "$(sock -n 42 -p 7000)"
check_ok "node id set" "$CLUSTERCTL" node set id 42
check_match "own node id accepted" '^port 7000$' "$(sock -n 42 -p 7000)"
check_eq "second bind refused" "error EINVAL" "$(sock -p 7001 --rebind)"

check_eq "port 1023 unprivileged" "error EACCES" "$(nobody "$PROGS/afc-sock" -p 1023)"
check_match "port 1024 unprivileged" '^port 1024$' "$(nobody "$PROGS/afc-sock" -p 1024)"
check_match "port 1023 as root" '^port 1023$' "$(sock -p 1023)"
check_match "ephemeral port unprivileged" '^port [0-9]+$' "$(nobody "$PROGS/afc-sock")"
# Each call answers at once.  An RDM send to this node itself is
# delivered locally; an unconnected SEQPACKET socket has no peer.
out=$(sock -t rdm --probe)
check_match "rdm: send to itself: delivered" 'send ok' "$out"
check_match "rdm: no peer" 'peer error ENOTCONN' "$out"
out=$(sock -t seqpacket --probe)
check_match "seqpacket: send unconnected" 'send error ENOTCONN' "$out"
check_match "seqpacket: no peer" 'peer error ENOTCONN' "$out"
check_match "rdm: non-blocking recv on an empty queue" 'recv error EAGAIN' "$(sock -t rdm --probe)"
check_ok "rmmod" unload_module
exit $RET
