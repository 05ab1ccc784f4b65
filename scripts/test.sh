#!/usr/bin/env bash
# Builds and runs every test: native (Catch2 + CLI + hostile inputs via ctest), sanitizers, a
# short fuzzing run, WASM under Node (vectors, hostile inputs, fuzz corpus sample, heap, each
# byte for byte against the CLI) and the browser end-to-end tests.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh || exit 1
export NODE_PATH=/usr/share/nodejs
failed=()
timings=()
step() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    timings+=("$((SECONDS - start)) s  $name")
  else
    failed+=("$name")
    timings+=("$((SECONDS - start)) s  $name (FAILED)")
  fi
}
native() { cmake --preset debug >/dev/null && cmake --build --preset debug && ctest --preset debug; }
asan() {
  [[ "${CERTCALC_SKIP_ASAN:-0}" == 1 ]] && { echo "skipped (CERTCALC_SKIP_ASAN=1)"; return 0; }
  cmake --preset asan >/dev/null && cmake --build --preset asan && ctest --preset asan
}
fuzz() {
  [[ "${CERTCALC_SKIP_FUZZ:-0}" == 1 ]] && { echo "skipped (CERTCALC_SKIP_FUZZ=1)"; return 0; }
  # A short run (FUZZ_SECONDS per harness, 25 by default); scripts/fuzz.sh --long runs 10M each.
  scripts/fuzz.sh && ctest --preset fuzz
}
wasm() { cmake --preset wasm >/dev/null && cmake --build --preset wasm; }
node_tests() { CERTCALC_CLI="$PWD/build/debug/cli/certcalc" node --test tests/node/; }
web() {
  [[ -f web/build.mjs ]] || return 0
  node web/build.mjs && node --test tests/browser/
}

step "native build and tests (ctest)" native
step "sanitizers: ASan + UBSan (ctest)" asan
step "fuzzing: libFuzzer + ASan + UBSan, short run and replay (scripts/fuzz.sh)" fuzz
step "wasm build" wasm
step "wasm under node: vectors, API, CLI parity (node --test)" node_tests
step "web build and browser tests, npm package and example portal (node --test + playwright)" web

echo
echo "=== time per step (the whole run: $SECONDS s)"
printf '  %s\n' "${timings[@]}"
if ((${#failed[@]})); then
  echo "certcalc tests: ${#failed[@]} step(s) failed: ${failed[*]}"
  exit 1
fi
echo "certcalc tests: all steps passed"
