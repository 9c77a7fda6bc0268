#!/usr/bin/env bash
# Installs what derive needs on Debian 12. Idempotent and quiet: it only calls
# apt-get when a package is missing.
#   setup.sh        what building and running the trainer needs
#   setup.sh test   also what the test suite needs (sanitizers, fuzzing, browser)
set -euo pipefail

packages=(
  g++ cmake ninja-build git
  libtomlplusplus-dev libcli11-dev libboost1.81-dev
  libprotozero-dev libflatbuffers-dev
  nlohmann-json3-dev
  emscripten nodejs npm
)
if [ "${1:-}" = "test" ]; then
  packages+=(
    libgtest-dev libgmock-dev libbenchmark-dev
    clang-14 libclang-rt-14-dev clang-format-14
    chromium curl
  )
fi

missing=()
for p in "${packages[@]}"; do
  # NodeSource's nodejs ships npm itself and conflicts with Debian's npm
  # package; a working npm command is all we need.
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
