# SPDX-License-Identifier: GPL-2.0-or-later
#
# The entry point of a fresh clone. It runs autoreconf and configure into the
# out-of-tree directory build/ and builds there; every target below works
# from the top of the tree. The automake Makefile lives in build/ (made from
# Makefile.am); this file is not part of the release tarball, which is a
# plain autotools tarball.

BUILD		?= build
SAN_BUILD	?= build-sanitize
FUZZ_BUILD	?= build-fuzz
PPP25_BUILD	?= $(BUILD)/ppp25
SRCDIR		:= $(CURDIR)
FUZZ_SECONDS	?= 60
DESTDIR		?=

# CI turns warnings into errors; so can anyone with WERROR=1.
ifneq ($(filter true 1 yes,$(CI) $(WERROR)),)
CONFIGURE_FLAGS += --enable-werror
endif

MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# configure(BUILD-DIR, FLAGS): (re)configure BUILD-DIR when it is new or was
# configured with other flags.
define configure
	@mkdir -p $(1)
	@if [ ! -f $(1)/Makefile ] || \
	    [ "$$(cat $(1)/.l2tpd-flags 2>/dev/null)" != "$(strip $(2))" ]; then \
		echo "configure: $(1) $(strip $(2))"; \
		(cd $(1) && $(SRCDIR)/configure $(2)) && \
		echo "$(strip $(2))" > $(1)/.l2tpd-flags; \
	fi
endef

.PHONY: all deps deps-check deps-demo deps-pkg configured check check-unit \
	check-ppp25 check-vm check-sanitize demo bench fuzz install uninstall \
	dist distcheck deb rpm clean distclean

all: configured
	$(MAKE) -C $(BUILD) -j$(JOBS)

configure: configure.ac Makefile.am
	autoreconf -fi

configured: configure
	$(call configure,$(BUILD),$(CONFIGURE_FLAGS))

deps:
	@build-aux/install-deps.sh build
deps-check:
	@build-aux/install-deps.sh check
deps-demo:
	@build-aux/install-deps.sh demo
deps-pkg:
	@build-aux/install-deps.sh pkg

# The README's test command: unit tests, then the integration suite on a real
# kernel in the VM rig.
check: deps-check
	@$(MAKE) check-unit
	@$(MAKE) check-ppp25
	@$(MAKE) check-vm

check-unit: all
	$(MAKE) -C $(BUILD) -j$(JOBS) check-programs
	$(BUILD)/t/unit/runner
	t/wire/run.sh $(BUILD)
	$(BUILD)/bench/decode -n 1000
	$(BUILD)/bench/engine --smoke
	@# Every manual page lint-clean (STYLE notes such as manuals that are
	@# not installed on this machine aside).
	mandoc -Tlint -W warning man/*.[1-9]

# The plugin built against pppd 2.5 (Debian 13's, fetched without touching
# apt's sources) and loaded by that pppd; the VM test plugin-ppp25 runs it.
check-ppp25: deps configure
	build-aux/check-ppp25.sh $(PPP25_BUILD)

# Every test in one boot: the boot's limit covers the whole suite (pkg-deb
# alone takes 5 to 15 minutes); each test keeps its own limit.
check-vm: all
	$(MAKE) -C $(BUILD) -j$(JOBS) check-programs
	L2TPD_VM_TIMEOUT=$${L2TPD_VM_TIMEOUT:-3600} t/vm/run.sh --build $(BUILD)

# The unit tests again, built with ASan and UBSan.
check-sanitize: configure
	$(call configure,$(SAN_BUILD),$(CONFIGURE_FLAGS) --enable-sanitizers)
	$(MAKE) -C $(SAN_BUILD) -j$(JOBS) check-programs
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(SAN_BUILD)/t/unit/runner
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(SAN_BUILD)/fuzz/replay fuzz/corpus t/data/fuzz-regress

# The decoder fuzz target (libFuzzer, clang) for FUZZ_SECONDS; fuzz/run.sh.
fuzz: configure
	$(call configure,$(FUZZ_BUILD),$(CONFIGURE_FLAGS) --enable-fuzz CC=clang)
	$(MAKE) -C $(FUZZ_BUILD) -j$(JOBS) fuzz/fuzz-decode t/wire/wire-gen
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

demo: deps-demo
	@$(MAKE) all
	t/vm/run.sh --build $(BUILD) --demo

bench: all
	$(BUILD)/bench/decode $(wildcard t/data/xl2tpd-plain-*-SCCRQ.bin \
		t/data/xl2tpd-plain-*-ICRQ.bin)
	$(BUILD)/bench/engine
	L2TPD_TEST_TIMEOUT=$${L2TPD_TEST_TIMEOUT:-900} L2TPD_VM_MEM=$${L2TPD_VM_MEM:-3072} \
	L2TPD_VM_TIMEOUT=$${L2TPD_VM_TIMEOUT:-5400} \
		t/vm/run.sh --build $(BUILD) --bench
	bench/report.sh $(BUILD)

install: all
	$(MAKE) -C $(BUILD) install DESTDIR=$(DESTDIR)

uninstall: configured
	$(MAKE) -C $(BUILD) uninstall DESTDIR=$(DESTDIR)

dist: configured
	$(MAKE) -C $(BUILD) dist
	cp $(BUILD)/l2tpd-*.tar.gz .

distcheck: configured
	$(MAKE) -C $(BUILD) distcheck
	cp $(BUILD)/l2tpd-*.tar.gz .

# The Debian packages and the RPM, built from the release tarball into
# $(BUILD)/pkg/deb and $(BUILD)/pkg/rpm (build-aux/pkg-build.sh). The
# tools first: on a fresh machine configure needs them too.
deb: deps-pkg
	@$(MAKE) configured
	$(MAKE) -C $(BUILD) dist
	build-aux/pkg-build.sh deb $(BUILD)

rpm: deps-pkg
	@$(MAKE) configured
	$(MAKE) -C $(BUILD) dist
	build-aux/pkg-build.sh rpm $(BUILD)

clean:
	-[ -f $(BUILD)/Makefile ] && $(MAKE) -C $(BUILD) clean

distclean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD) autom4te.cache configure \
		aclocal.m4 config.h.in config.h.in~ build-aux/compile \
		build-aux/config.guess build-aux/config.sub build-aux/depcomp \
		build-aux/install-sh build-aux/ltmain.sh build-aux/missing \
		build-aux/test-driver m4/*.m4
	find . -name Makefile.in -delete
