#!/usr/bin/env bash
# Sets everything up and runs every test: the WebAssembly build and the site,
# unit tests (debug), the catalogue lint, the release build with every
# benchmark run once, the wasm-versus-native parity test and the browser tests
# (both against the release binary), unit tests with clang 14 and then under
# AddressSanitizer + UndefinedBehaviorSanitizer,
# and the fuzzers for a bounded time (DERIVE_FUZZ_SECONDS per target, default
# 30; docs/fuzzing.md). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh test
jobs=$(nproc)
fuzz_seconds=${DERIVE_FUZZ_SECONDS:-30}  # per target: 13 targets, 6.5 minutes
export NODE_PATH=/usr/share/nodejs  # emscripten's JS optimizer needs acorn from here

step() { printf '\n== %s\n' "$*"; }

step "format check (clang-format-14)"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format-14 --dry-run --Werror "${sources[@]}"

step "npm packages (esbuild for the staged site; playwright-core, axe-core, scorm-again for the browser tests)"
npm ci --no-audit --no-fund --loglevel=error

step "WebAssembly build (wasm preset) and the staged site"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"
node scripts/stage-site.mjs

step "build and unit tests (dev preset: debug, warnings as errors, the site embedded)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

step "catalogue lint"
./build/dev/derive lint catalogue/*.toml

# The node and browser tests below start the native derive thousands of times
# (reference answers, `derive serve`): they use the release binary, which
# starts in about a seventh of the debug one's time (0.05 s against 0.35 s for
# `exercise show`); the debug binary has had its own unit tests above.
step "release build: the benchmarks compile, and each runs once (release preset)"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
# A tiny minimum time: this proves every benchmark runs, it measures nothing.
for bench in build/release/bench/derive_bench; do
  "$bench" --benchmark_min_time=0.001 >/dev/null
done

step "WebAssembly gives the native CLI's bytes (node)"
DERIVE_CLI=build/release/derive node --test tests/wasm/

step "web app unit tests (node)"
node --test web/test/

step "browser tests (Debian chromium + playwright-core)"
mkdir -p test-artifacts
DERIVE_BIN=build/release/derive node --test --test-concurrency=1 tests/e2e/

step "unit tests built with clang 14 (clang preset)"
cmake --preset clang >/dev/null
cmake --build --preset clang -j "$jobs"
ctest --preset clang -j "$jobs"

step "unit tests under ASan + UBSan (asan preset)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

step "fuzzing (${fuzz_seconds} s per target, libFuzzer + ASan + UBSan; fuzz/targets.txt)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
DERIVE_FUZZ_SECONDS=$fuzz_seconds bash scripts/fuzz.sh

step "all tests passed"
