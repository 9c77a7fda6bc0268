#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests (debug, then under
# AddressSanitizer + UndefinedBehaviorSanitizer), the catalogue lint, and the
# fuzzers for a bounded time. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh test
jobs=$(nproc)
fuzz_seconds=${DERIVE_FUZZ_SECONDS:-60}

step() { printf '\n== %s\n' "$*"; }

step "format check (clang-format-14)"
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
clang-format-14 --dry-run --Werror "${sources[@]}"

step "build and unit tests (dev preset: debug, warnings as errors)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

step "catalogue lint (1000 variants of every exercise)"
./build/dev/derive lint catalogue/*.toml

step "unit tests under ASan + UBSan (asan preset)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

step "fuzzing (${fuzz_seconds} s per target, libFuzzer + ASan + UBSan)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
mkdir -p build/fuzz/corpus
for target in build/fuzz/fuzz/*_fuzz; do
  name=$(basename "$target")
  mkdir -p "build/fuzz/corpus/$name"
  "$target" -max_total_time="$fuzz_seconds" -max_len=256 -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 "build/fuzz/corpus/$name" 2>&1 | tail -n 12
done

step "all tests passed"
