#!/usr/bin/env bash
# The main command: sets everything up, builds the web trainer and serves it.
#   1. scripts/setup.sh installs what is missing (emscripten, nodejs, Boost, ...)
#   2. the engine is compiled to WebAssembly (wasm preset -> build/wasm/derive.{js,wasm})
#   3. scripts/stage-site.mjs stages web/ + the engine into build/site (minified, fingerprinted, precompressed)
#   4. the native derive is built (release preset, in build/run) with build/site embedded
#   5. `derive serve` starts and prints the URL to open; Ctrl-C stops it
#
#   bash scripts/run.sh                 serve at http://127.0.0.1:8080/
#   bash scripts/run.sh --port 0        any `derive serve` option (--host, --port, --root)
#   bash scripts/run.sh --terminal ...  the terminal trainer instead (`derive practice ...`),
#                                       e.g. --terminal --chapter llm
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
jobs=$(nproc)

# Release preset, but in its own folder and without tests and benchmarks: they
# need packages only the test profile installs, and build/release stays as the
# benchmark runs left it.
build_native() {
  cmake --preset release -B build/run -DDERIVE_TESTS=OFF -DDERIVE_BENCH=OFF \
    -DDERIVE_SITE_DIR="$PWD/build/site" >/dev/null
  cmake --build build/run -j "$jobs" --target derive
}

if [ "${1:-}" = "--terminal" ]; then
  shift
  build_native
  exec ./build/run/derive practice "$@"
fi

echo "run: compiling the engine to WebAssembly (a few minutes the first time)"
export NODE_PATH=/usr/share/nodejs
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"

echo "run: staging the web site"
# stage-site minifies with the npm package esbuild (package.json).
[ -d node_modules/esbuild ] || npm ci --no-audit --no-fund --loglevel=error
node scripts/stage-site.mjs

echo "run: building derive with the site built in"
build_native

exec ./build/run/derive serve "$@"
