#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Once installed and indexed by depmod, af_cluster loads itself: the kernel
# runs modprobe for socket(AF_CLUSTER, ...) (alias net-pf-19) and for the
# generic netlink family lookup of clusterctl (alias
# net-pf-16-proto-16-family-cluster), and modprobe applies the options of
# modprobe.d: the shipped example with lines uncommented.  The install is
# undone at the end, so the other tests find no alias.
source "$(dirname "$0")/lib.sh"

release=$(uname -r)
moddir=/lib/modules/$release
example=$REPO/Documentation/modprobe.d/af_cluster.conf
conf=/run/modprobe.d/af_cluster.conf
saved=$(mktemp -d)
modprobe_path=$(cat /proc/sys/kernel/modprobe)

# The guest's $moddir is a writable directory of links to the kernel's
# read-only modules and indexes.  depmod over all of them takes minutes in
# the emulated VM, so the test sets aside all but the kernel's lists of
# modules, links the modules af_cluster soft-depends on (found by the
# kernel's own indexes), and puts everything back at the end.
# (Here-strings: the guest has no /dev/fd for process substitution.)
softdeps=() depends=()
while read -r word; do
	[[ -z $word || $word == *: ]] || softdeps+=("$word")
done <<<"$(modinfo -F softdep "$AFC_MODULE" | tr ' ' '\n')"
while read -r path; do
	[ -n "$path" ] && depends+=("$path")
done <<<"$(modprobe --show-depends -a "${softdeps[@]}" |
	sed -n 's/^insmod \([^ ]*\).*/\1/p' | sort -u)"
restore() {
	unload_module
	rm -f "$conf"
	rm -rf "${moddir:?}"/*
	mv "$saved"/* "$moddir/"
	rmdir "$saved"
	echo "$modprobe_path" >/proc/sys/kernel/modprobe
	lib_cleanup
}
trap restore EXIT
for path in "$moddir"/*; do
	mv "$path" "$saved/"
done
for name in modules.order modules.builtin modules.builtin.modinfo; do
	ln -s "$(readlink -f "$saved/$name")" "$moddir/$name"
done
for path in "${depends[@]}"; do
	mkdir -p "$(dirname "$path")"
	ln -s "$(readlink -f "$saved/${path#"$moddir"/}")" "$path"
done
trap 'exit 1' TERM INT

# loaded_then_unload DESCRIPTION: the step before loaded the module; unload
# it for the next.
loaded_then_unload() {
	if module_loaded; then
		log "ok: $1"
		unload_module || fail "rmmod after: $1"
	else
		fail "$1: af_cluster not loaded"
	fi
}

check_fail "not loaded at the start" module_loaded
check_eq "socket() before the install" "error EAFNOSUPPORT" \
	"$("$PROGS/afc-sock" -t rdm -f 19)"
check_fail "no autoload before the install" module_loaded

# The kernel runs its modprobe path with an empty environment; it must be
# the system's modprobe (kmod), as on a real machine.
if [ ! -x "$modprobe_path" ]; then
	log "kernel's modprobe path $modprobe_path is missing; using $(command -v modprobe)"
	command -v modprobe >/proc/sys/kernel/modprobe
fi

mkdir -p "$moddir/updates"
cp "$AFC_MODULE" "$moddir/updates/af_cluster.ko"
check_ok "depmod" depmod -a "$release"
log "indexed: af_cluster and the ${#depends[@]} module files of its soft dependencies (${softdeps[*]})"
check_eq "modprobe resolves the socket alias" af_cluster \
	"$(modprobe -R net-pf-19 2>&1)"

check_match "socket(AF_CLUSTER, SOCK_RDM, 0) after depmod" '^port [0-9]+$' \
	"$("$PROGS/afc-sock" -t rdm -f 19)"
loaded_then_unload "socket() loaded af_cluster"

check_ok "clusterctl node show" "$CLUSTERCTL" node show
loaded_then_unload "clusterctl loaded af_cluster"

# Every parameter is in the example with its default (ethertype in hex
# there, decimal in sysfs), commented out.
check_ok "modprobe af_cluster" modprobe af_cluster
for param in /sys/module/af_cluster/parameters/*; do
	name=${param##*/}
	value=$(sed -n "s/^#options af_cluster $name=\\(.*\\)$/\\1/p" "$example")
	if [ -z "$value" ]; then
		fail "example: no '#options af_cluster $name=DEFAULT' line"
	else
		check_eq "example: default of $name" "$(cat "$param")" "$((value))"
	fi
done
unload_module || fail "rmmod after modprobe"

# The example with the family moved to 22, its alias and a timer default
# enabled: socket(22, ...) loads the module, with both options.
mkdir -p "${conf%/*}"
sed -e 's/^#options af_cluster family=19$/options af_cluster family=22/' \
	-e 's/^#alias net-pf-22 af_cluster$/alias net-pf-22 af_cluster/' \
	-e 's/^#options af_cluster hello_max=3000$/options af_cluster hello_max=3500/' \
	"$example" >"$conf"
check_eq "three lines enabled in the example" 3 "$(grep -c '^[a-z]' "$conf")"
check_match "socket(22, SOCK_RDM, 0) with the alias of modprobe.d" \
	'^port [0-9]+$' "$("$PROGS/afc-sock" -t rdm -f 22)"
if module_loaded; then
	check_eq "family from modprobe.d" 22 \
		"$(cat /sys/module/af_cluster/parameters/family)"
	check_eq "hello_max from modprobe.d" 3500 \
		"$(cat /sys/module/af_cluster/parameters/hello_max)"
	check_eq "the initial namespace starts with it" 3500 \
		"$("$CLUSTERCTL" -j param show | json_get hello_max)"
fi
loaded_then_unload "socket(22, ...) loaded af_cluster"
exit $RET
