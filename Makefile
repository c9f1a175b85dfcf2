# eduetl: every set-up step lives here, so a fresh Debian/Ubuntu machine with Swift needs only
# `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libxml2-dev zlib1g-dev libsqlite3-dev pkg-config
CONFORMANCE := ../shared/conformance
RELEASE_BIN := .build/release/eduetl
PYTHON ?= python3

.PHONY: deps build release test demo bench conformance clean

# Installs the system libraries the shims link against, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product eduetl

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Until the pipeline exists, the demo inspects the sample county's workbooks.
demo: release
	@for f in SampleInputs/*.xlsx; do echo "== $$f"; $(RELEASE_BIN) inspect "$$f" || exit 1; done

# Reader throughput and memory against python-calamine and the bare zlib + libxml2 floors.
bench: deps
	$(SWIFT) build -c release --product eduetl
	$(SWIFT) build -c release --product EduBench
	$(PYTHON) Scripts/bench/run_bench.py

conformance: release
	@if [ -d $(CONFORMANCE) ]; then \
	  $(PYTHON) Scripts/conformance/run.py $(CONFORMANCE) .build/conformance -- $(RELEASE_BIN) inspect --cells; \
	else \
	  echo "conformance: $(CONFORMANCE) is not here; nothing to run"; \
	fi

clean:
	rm -rf .build
