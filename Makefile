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
#                        pages clusterctl(8) and af_cluster(7)
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

userspace:
	$(MAKE) -C userspace/clusterctl
	$(MAKE) -C tests/netns/progs
	$(MAKE) -C bench
	$(MAKE) -C examples

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
# install unsigned (as DKMS does) and run depmod ourselves.
# INSTALL_MOD_PATH and DESTDIR stage an install into another root.
# The release the module was built for, as the kernel will check it.
KRELEASE = $(firstword $(shell modinfo -F vermagic driver/af_cluster.ko))
install: module userspace
	$(MAKE) -C $(KDIR) M=$(CURDIR) CONFIG_MODULE_SIG_ALL= \
		$(if $(INSTALL_MOD_PATH),INSTALL_MOD_PATH=$(INSTALL_MOD_PATH)) modules_install
	depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) -a $(KRELEASE)
	$(MAKE) -C userspace/clusterctl install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	install -d $(DESTDIR)$(MANDIR)/man7
	install -m 0644 Documentation/man/af_cluster.7 $(DESTDIR)$(MANDIR)/man7/af_cluster.7

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C userspace/clusterctl clean
	$(MAKE) -C tests/netns/progs clean
	$(MAKE) -C bench clean
	$(MAKE) -C examples clean

.PHONY: all module userspace deps modules-all checkpatch fuzz check check-long demo \
	bench vm install clean
