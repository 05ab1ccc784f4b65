#!/usr/bin/env bash
# Installs what certcalc needs on Debian 12, only what is missing (safe to run again).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake emscripten nlohmann-json3-dev catch2 chromium clang libclang-rt-14-dev gzip)
missing=()
# Node may come from Debian (nodejs + npm) or from NodeSource (nodejs, npm included).
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when node_modules is missing or older than the lock file.
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
