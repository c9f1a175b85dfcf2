# eduetl: every set-up step lives here, so a fresh Debian/Ubuntu machine with Swift needs only
# `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libxml2-dev zlib1g-dev libsqlite3-dev pkg-config
SHARED := ../shared
RELEASE_BIN := .build/release/eduetl
PYTHON ?= python3

.PHONY: deps build release test lint demo serve bench bench-deps bench-csv bench-ingest bench-xls bench-scale conformance fuzz report-check install defaults clean

# Installs with apt-get those of the Debian packages in $(1) that are missing.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

# The system libraries the shims link against.
deps:
	$(call install_missing,$(APT_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product eduetl

test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# swift-format (in the toolchain) over Sources/: no force unwrap, force try or implicitly unwrapped optional.
lint:
	bash Scripts/lint/lint.sh

# The main job, as the scheduler runs it: Pipelines/annual-returns.yml ingests the sample county
# into an embedded warehouse.sqlite and writes the county summary in all four formats (dated names
# in reports/, never overwritten), as one recorded run.
demo: release
	$(RELEASE_BIN) run Pipelines/annual-returns.yml

# The demo's warehouse in the browser (eduetl serve on 127.0.0.1:8080), after `make demo` filled it.
serve: demo
	$(RELEASE_BIN) serve --db warehouse.sqlite

# The sqlite3 shell: the CSV benchmark's reference case (.import --csv). Installed only when missing.
BENCH_APT_PACKAGES := sqlite3
bench-deps:
	$(call install_missing,$(BENCH_APT_PACKAGES))

# Reader throughput and memory: XLSX against python-calamine and the bare zlib + libxml2 floors,
# then CSV (eduetl inspect, UTF-8 and GB18030) against the sqlite3 shell's .import and Python's csv,
# then ingest (eduetl ingest of the 200k CSV against a bare prepared-INSERT floor; 300 workbooks),
# then legacy .xls (65,000 x 20 workbook against python-calamine; the hostile .xls files' time and
# peak memory), then scale (a national year of 2,790 counties in one warehouse against one county's:
# ingest against its floor, one county's views and report, every county's balance, bytes a value).
# python-calamine, and xlwt for writing the .xls, are installed with pip when missing.
bench: deps bench-deps
	$(SWIFT) build -c release --product eduetl
	$(SWIFT) build -c release --product EduBench
	$(PYTHON) Scripts/bench/run_bench.py
	$(PYTHON) Scripts/bench/run_csv_bench.py
	$(PYTHON) Scripts/bench/run_ingest_bench.py
	$(PYTHON) Scripts/bench/run_xls_bench.py
	$(PYTHON) Scripts/bench/run_scale_bench.py

# The CSV part alone (BENCH_CSV_CASES, BENCH_REPS and BENCH_ROWS narrow it; see run_csv_bench.py).
bench-csv: deps bench-deps
	$(SWIFT) build -c release --product eduetl
	$(PYTHON) Scripts/bench/run_csv_bench.py

# The ingest part alone (BENCH_INGEST_CASES, BENCH_REPS and BENCH_ROWS narrow it; see run_ingest_bench.py).
bench-ingest: deps
	$(SWIFT) build -c release --product eduetl
	$(SWIFT) build -c release --product EduBench
	$(PYTHON) Scripts/bench/run_ingest_bench.py

# The .xls part alone: EduBench read-xls against python-calamine on bench-data/bench.xls (written by
# ../shared/conformance-xls/make_bench_xls.py), then eduetl inspect --cells on each hostile .xls
# under a 4 GiB address-space limit (BENCH_REPS narrows it; see run_xls_bench.py).
bench-xls: deps
	$(SWIFT) build -c release --product eduetl
	$(SWIFT) build -c release --product EduBench
	$(PYTHON) Scripts/bench/run_xls_bench.py

# The scale part alone (issue 15): make_national.py's 31 province CSVs (2,790 counties x 70 schools,
# 2.54 M values) and the first county's schools alone, each ingested into its own warehouse (kept in
# bench-data/), then one county's county_balance, school_compliance and eduetl report on both, every
# county's county_balance, and bytes a value. Slow today: each query or report has a timeout
# (BENCH_SCALE_TIMEOUT, default 900 s). BENCH_SCALE_COUNTIES, BENCH_SCALE_SCHOOLS, BENCH_REPS (default 1)
# and BENCH_SCALE_CASES narrow it; see run_scale_bench.py.
bench-scale: deps
	$(SWIFT) build -c release --product eduetl
	$(SWIFT) build -c release --product EduBench
	$(PYTHON) Scripts/bench/run_scale_bench.py

# The reader conformance corpora in ../shared: XLSX (conformance/) and .xls (conformance-xls/: calamine's
# workbooks, two generated Chinese returns, hostile files under a memory limit), with the documented
# differences of Scripts/conformance/known-differences*.json applied.
conformance: release
	@if [ -d $(SHARED)/conformance ] || [ -d $(SHARED)/conformance-xls ]; then \
	  $(PYTHON) Scripts/conformance/run.py $(SHARED) .build/conformance -- $(RELEASE_BIN) inspect --cells; \
	else \
	  echo "conformance: $(SHARED) holds no corpus; nothing to run"; \
	fi

# Seeded mutants of SampleInputs (and the CSV fixtures) through `eduetl inspect --cells` and
# `eduetl headers`, each with a timeout and a memory limit; exits 1 on any crash, hang or run over
# 500 MB, keeping those mutants in .build/fuzz. Not part of `make test` (it takes minutes).
# FUZZ_ARGS passes flags: make fuzz FUZZ_ARGS="--seed 7 --count 1000"; --only N reproduces one.
FUZZ_ARGS ?=
fuzz: release
	$(PYTHON) Scripts/fuzz/fuzz_samples.py --binary $(RELEASE_BIN) $(FUZZ_ARGS)

# The HTML reports rendered as a browser shows them, to look at: chromium and CJK fonts from Debian when
# missing, the demo's inputs ingested into a temporary warehouse, each county's HTML report, then a
# headless screenshot of each in out/report-<code>.png (the pages themselves kept as out/report-<code>.html).
REPORT_APT_PACKAGES := chromium fonts-noto-cjk
report-check: release
	$(call install_missing,$(REPORT_APT_PACKAGES))
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(RELEASE_BIN) ingest SampleInputs/*.xlsx SampleInputs/*.xls SampleInputs/*.csv --db "$$tmp/warehouse.sqlite" --county 360321 >/dev/null; \
	$(RELEASE_BIN) ingest SampleInputs/东湖区 --db "$$tmp/warehouse.sqlite" --county 360392 >/dev/null; \
	$(RELEASE_BIN) ingest SampleInputs/柳溪县 --db "$$tmp/warehouse.sqlite" --county 360399 >/dev/null; \
	$(RELEASE_BIN) report --year 2024 --db "$$tmp/warehouse.sqlite" --out "$$tmp/reports" --format html; \
	mkdir -p out; \
	for page in "$$tmp"/reports/*.html; do \
	  code=$$(basename "$$page" | sed 's/^[^-]*-\([0-9]*\)-.*/\1/'); cp "$$page" "out/report-$$code.html"; \
	  timeout 180 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="out/report-$$code.png" \
	    --window-size=1280,2400 "file://$$(pwd)/out/report-$$code.html" 2>"$$tmp/chromium.log" || { cat "$$tmp/chromium.log"; exit 1; }; \
	  echo "report-check: screenshot in $$(pwd)/out/report-$$code.png (the page: $$(pwd)/out/report-$$code.html)"; \
	done

# Installs the release binary into $(PREFIX)/bin with bash, zsh and fish completions (DESTDIR for
# staging). The binary carries the catalogue and standards; `eduetl init DIR` writes editable copies.
PREFIX ?= /usr/local
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(RELEASE_BIN) "$(DESTDIR)$(PREFIX)/bin/eduetl"
	$(RELEASE_BIN) --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/eduetl"
	$(RELEASE_BIN) --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_eduetl"
	$(RELEASE_BIN) --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/eduetl.fish"
	@echo "installed $(DESTDIR)$(PREFIX)/bin/eduetl ($$("$(DESTDIR)$(PREFIX)/bin/eduetl" --version))"

# The catalogue and standards built into the binary, from Pipelines/ (a test fails while they differ).
defaults:
	$(PYTHON) Scripts/defaults/embed_defaults.py

clean:
	rm -rf .build
