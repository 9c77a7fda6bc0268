#!/usr/bin/env bash
# Sets everything up, builds derive (release) and starts the terminal trainer.
# Extra arguments go to `derive practice`, e.g. --chapter llm.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target derive
exec ./build/release/derive practice "$@"
