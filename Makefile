# usher: `make run` starts usher with a demo company; `make test` runs every test tier.
BUILD ?= build
DB ?= sqlite:usher-data/usher.db
LISTEN ?= 127.0.0.1:8080
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build run test bench format clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD)

run: build
	@scripts/run-demo $(BUILD)/usher "$(DB)" "$(LISTEN)"

test: build
	@scripts/install-deps --test
	@ctest --test-dir $(BUILD) --output-on-failure -j2; rc=$$?; \
	  echo "Screenshots: $(abspath $(BUILD))/e2e-screenshots"; exit $$rc

bench: build
	@scripts/install-deps --bench
	@$(BUILD)/usher_hot_functions --benchmark_min_time=0.2 2>/dev/null | grep ^BM_
	@bench/invite.sh $(BUILD)/usher
	@/usr/bin/python3 bench/deliver.py $(BUILD)/usher 1000
	@/usr/bin/python3 bench/import.py $(BUILD)/usher 100000
	@/usr/bin/python3 bench/list.py $(BUILD)/usher
	@/usr/bin/python3 bench/erase.py $(BUILD)/usher
	@/usr/bin/python3 bench/footprint.py $(BUILD)/usher

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD)
