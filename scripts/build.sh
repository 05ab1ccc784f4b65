#!/usr/bin/env bash
# Builds everything: the native CLI (release), the WASM module and the web bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
cmake --preset release >/dev/null
cmake --build --preset release
cmake --preset wasm >/dev/null
cmake --build --preset wasm
if [[ -f web/build.mjs ]]; then node web/build.mjs; fi
