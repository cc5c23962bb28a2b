# SPDX-License-Identifier: GPL-2.0
#
# af_cluster: PEDRIVER-style cluster interconnect for Linux.
#
#   make                 driver/af_cluster.ko + clusterctl (+ test helpers,
#                        examples/)
#   make check           every test: builds, KUnit and netns tests in VMs
#   make check-long      the soak tests (tests/netns/long) on every kernel
#   make demo            a 3-node, 2-LAN cluster in a VM, narrated
#   make bench           AF_CLUSTER against TIPC and TCP in a VM (bench/run)
#   make install         module (modules_install + depmod), clusterctl, man
#                        pages clusterctl(8) and af_cluster(7), bash
#                        completion, the modprobe.d example; PREFIX,
#                        DESTDIR, INSTALL_MOD_PATH (see README.md)
#   make install-userspace   all but the module (which DKMS installs)
#   make modules-all     the module against Debian 6.1 and 6.12 headers,
#                        W=1 and sparse, failing on any warning
#   make checkpatch      checkpatch.pl --strict over the kernel sources
#   make fuzz            fuzz the wire decoder and reassembly for FUZZ_SECONDS (default 600)
#   make deps            install build/test dependencies (idempotent)
#   make vm KERNEL=stock-6.1|stock-6.12|debug [SCRIPT=...]
#                        boot a test VM (default: a shell-less smoke run)

AFC_CACHE ?= $(HOME)/.cache/af_cluster
export AFC_CACHE

# The running kernel's build tree when it has one, else the Debian 6.1
# headers that `make deps` unpacks.
RUNNING_KDIR := /lib/modules/$(shell uname -r)/build
ifneq ($(wildcard $(RUNNING_KDIR)/Makefile),)
KDIR ?= $(RUNNING_KDIR)
else
KDIR ?= $(AFC_CACHE)/stock-6.1/build
endif

PREFIX ?= /usr/local
MANDIR ?= $(PREFIX)/share/man
KERNEL ?= stock-6.1

all: module userspace

$(AFC_CACHE)/stock-6.1/build/Makefile:
	scripts/deps.sh

module: $(if $(filter $(AFC_CACHE)/%,$(KDIR)),$(AFC_CACHE)/stock-6.1/build/Makefile)
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

userspace: clusterctl
	$(MAKE) -C tests/netns/progs
	$(MAKE) -C bench
	$(MAKE) -C examples

clusterctl:
	$(MAKE) -C userspace/clusterctl

deps:
	scripts/deps.sh

modules-all: deps
	scripts/warnings stock-6.1 stock-6.12

checkpatch: deps
	scripts/checkpatch

FUZZ_SECONDS ?= 600
fuzz:
	scripts/fuzz --seconds $(FUZZ_SECONDS)

check:
	scripts/check

check-long:
	scripts/check-long

demo:
	scripts/demo

bench:
	bench/run $(BENCH_ARGS)

vm: deps userspace
	tests/vm/run --kernel $(KERNEL) -- $(or $(SCRIPT),tests/vm/guest-check)

# Distribution header packages carry neither the signing key nor System.map:
# install unsigned (as DKMS does) and run depmod ourselves.  The module goes
# to /lib/modules/RELEASE/updates/driver/, RELEASE being the one it was
# built for, as the kernel will check it.  DESTDIR stages the whole install
# into another root; INSTALL_MOD_PATH (default DESTDIR) moves only the
# module.  Relative paths would be taken from each sub-make's directory.
override DESTDIR := $(abspath $(DESTDIR))
INSTALL_MOD_PATH ?= $(DESTDIR)
override INSTALL_MOD_PATH := $(abspath $(INSTALL_MOD_PATH))
INSTALL_MOD_DIR ?= updates
DOCDIR ?= $(PREFIX)/share/doc/af_cluster
KRELEASE = $(firstword $(shell modinfo -F vermagic driver/af_cluster.ko))
install: install-module install-userspace

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) CONFIG_MODULE_SIG_ALL= \
		INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		$(if $(INSTALL_MOD_PATH),INSTALL_MOD_PATH=$(INSTALL_MOD_PATH)) modules_install
	depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) -a $(KRELEASE)

# Everything but the module, for machines where DKMS installs it.
install-userspace: clusterctl
	$(MAKE) -C userspace/clusterctl install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	install -d $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DOCDIR)/modprobe.d
	install -m 0644 Documentation/man/af_cluster.7 $(DESTDIR)$(MANDIR)/man7/af_cluster.7
	install -m 0644 Documentation/modprobe.d/af_cluster.conf \
		$(DESTDIR)$(DOCDIR)/modprobe.d/af_cluster.conf

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace/clusterctl clean
	$(MAKE) -C tests/netns/progs clean
	$(MAKE) -C bench clean
	$(MAKE) -C examples clean

.PHONY: all module userspace clusterctl deps modules-all checkpatch fuzz check check-long demo \
	bench vm install install-module install-userspace clean
