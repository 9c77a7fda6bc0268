#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/targets.txt (all, or the ones named), each for
# DERIVE_FUZZ_SECONDS seconds (default 30) from a copy of its checked-in seeds,
# with its dictionary and its max_len. Fails when any target finds a crash, a
# failed property, undefined behaviour, a leak, a timeout or too much memory,
# and prints that target's report and the input that caused it.
# Needs the fuzz build: cmake --preset fuzz && cmake --build --preset fuzz
# Usage: bash scripts/fuzz.sh [target...]            (docs/fuzzing.md)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${DERIVE_FUZZ_SECONDS:-30}
out=build/fuzz
failed=()
ran=0

while read -r name max_len seeds rest; do
  [[ -z ${name:-} || $name == \#* ]] && continue
  if (($#)) && [[ " $* " != *" $name "* ]]; then continue; fi
  binary=$out/fuzz/$name
  if [[ ! -x $binary ]]; then
    echo "fuzz: $binary is missing: build the fuzz preset first" >&2
    exit 1
  fi
  corpus=$out/corpus/$name
  artifacts=$out/artifacts/$name
  log=$out/logs/$name.log
  rm -rf "$artifacts"
  mkdir -p "$corpus" "$artifacts" "$out/logs"
  # libFuzzer adds what it finds to the first folder: a copy, never the repo.
  if [[ -d fuzz/corpus/$name ]]; then cp -R "fuzz/corpus/$name/." "$corpus/"; fi
  if [[ $seeds != - ]]; then cp -R "$seeds/." "$corpus/"; fi
  args=(-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$artifacts/")
  if [[ -f fuzz/dict/$name.dict ]]; then args+=(-dict="fuzz/dict/$name.dict"); fi

  ran=$((ran + 1))
  status=0
  "$binary" "${args[@]}" "$corpus" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  if ((status == 0)); then
    printf '%-22s ok: %s runs, %s/s, %s inputs in the corpus\n' "$name" "${runs:-?}" "${rate:-?}" \
      "$(find "$corpus" -type f | wc -l)"
  else
    failed+=("$name")
    printf '%-22s FAILED (exit %s): the report (%s):\n' "$name" "$status" "$log"
    grep -v -E '^#[0-9]+\s+(NEW|REDUCE|pulse|INITED)|^INFO:|^\s+NEW_FUNC' "$log" | tail -n 60 || true
    input=$(find "$artifacts" -type f | head -n 1)
    echo "  reproduce: $binary ${input:-"(no input saved)"}"
  fi
done <fuzz/targets.txt

if ((ran == 0)); then
  echo "fuzz: no target of fuzz/targets.txt matches: $*" >&2
  exit 1
fi
if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} of $ran targets failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: $ran targets, ${seconds} s each, nothing found"
