#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything af_cluster builds and tests with, idempotently.
#
#   scripts/deps.sh          host packages + stock kernels + headers (fast when done)
#   scripts/deps.sh --print  print the resolved cache paths as shell variables
#
# Host packages come from apt-get.  The Debian stock kernel images and their
# headers are fetched with `apt-get download` and unpacked with `dpkg -x` into
# $AFC_CACHE (default ~/.cache/af_cluster), never installed into the system:
# installing linux-headers-6.12.* would drag a kernel image and initramfs-tools
# onto the build host.
set -euo pipefail

AFC_CACHE=${AFC_CACHE:-$HOME/.cache/af_cluster}
export DEBIAN_FRONTEND=noninteractive

HOST_PKGS=(
	qemu-system-x86 busybox-static iproute2 kmod cpio libmnl-dev sparse
	linux-source-6.12 build-essential bc bison flex libelf-dev libssl-dev
	python3 xz-utils zstd pkg-config rsync perl dwarves shellcheck
	clang libclang-rt-14-dev util-linux jq bash-completion tshark tcpdump dkms
)

log() { printf 'deps: %s\n' "$*" >&2; }

apt_updated=0
apt_update_once() {
	[ "$apt_updated" = 1 ] && return 0
	log "apt-get update"
	apt-get update -qq >/dev/null
	apt_updated=1
}

install_host_pkgs() {
	local missing=() p
	for p in "${HOST_PKGS[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	apt_update_once
	log "apt-get install ${missing[*]}"
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Newest ABI of a Debian kernel series for which the unsigned image and the
# headers both exist.  $1 = regex of the image package with one capture group
# for the release string.
latest_release() {
	local re=$1 rel
	apt-cache pkgnames linux-image- | sed -nE "s/^${re}$/\\1/p" | sort -rV |
		while read -r rel; do
			if apt-cache show "linux-headers-${rel}" >/dev/null 2>&1; then
				echo "$rel"
				break
			fi
		done
}

# Fetch and unpack one stock kernel series into $AFC_CACHE/stock-$1.
fetch_stock() {
	local series=$1 re=$2 dir="$AFC_CACHE/stock-$1" rel tmp hdr
	if [ -f "$dir/ready" ]; then
		return 0
	fi
	apt_update_once
	rel=$(latest_release "$re")
	[ -n "$rel" ] || { log "no linux-image for $series found"; exit 1; }
	log "fetching Debian kernel $rel"
	rm -rf "$dir"
	mkdir -p "$dir/root"
	tmp=$(mktemp -d)
	# apt-get download writes as the _apt user when it exists.
	chown _apt "$tmp" 2>/dev/null || chmod 777 "$tmp"
	# The headers package names its -common and kbuild companions.
	local deps
	deps=$(apt-cache show "linux-headers-$rel" | sed -n 's/^Depends: //p' | head -n1 |
		tr ',' '\n' | sed -E 's/^ *//; s/ .*//' | grep -E '^linux-(headers|kbuild)-')
	(cd "$tmp" && apt-get download -qq "linux-image-$rel-unsigned" \
		"linux-headers-$rel" $deps >/dev/null)
	for deb in "$tmp"/*.deb; do
		dpkg -x "$deb" "$dir/root"
	done
	rm -rf "$tmp"
	hdr="$dir/root/usr/src/linux-headers-$rel"
	# Debian's header Makefiles name their -common tree by absolute path.
	grep -rl '/usr/src/linux-headers-' "$hdr/Makefile" 2>/dev/null |
		xargs -r sed -i "s|/usr/src/linux-headers-|$dir/root/usr/src/linux-headers-|g"
	depmod -b "$dir/root" "$rel"
	echo "$rel" >"$dir/release"
	ln -sfn "root/boot/vmlinuz-$rel" "$dir/vmlinuz"
	ln -sfn "root/lib/modules/$rel" "$dir/modules"
	ln -sfn "root/usr/src/linux-headers-$rel" "$dir/build"
	touch "$dir/ready"
}

main() {
	if [ "${1:-}" = --print ]; then
		echo "AFC_CACHE=$AFC_CACHE"
		for s in 6.1 6.12; do
			echo "KDIR_${s/./_}=$AFC_CACHE/stock-$s/build"
		done
		return 0
	fi
	mkdir -p "$AFC_CACHE"
	# Concurrent callers (make check's parallel phases, a second shell)
	# wait for each other instead of racing apt and the unpacking.
	exec 9>"$AFC_CACHE/.deps.lock"
	flock 9
	install_host_pkgs
	fetch_stock 6.1 'linux-image-(6\.1\.0-[0-9]+-amd64)-unsigned'
	fetch_stock 6.12 'linux-image-(6\.12\.[0-9]+\+deb12-amd64)-unsigned'
}

main "$@"
