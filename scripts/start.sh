#!/usr/bin/env bash
# The main job: install, build, and serve the certcalc web app on http://127.0.0.1:8080/
# with the built-in rule packs (Ctrl-C stops it). PORT=... picks another port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
echo
echo "certcalc CLI, answering an example request (examples/duration/fssc22000-5.1.json):"
build/release/cli/certcalc duration examples/duration/fssc22000-5.1.json --pretty || true
echo
if [[ -f web/serve.mjs ]]; then
  echo "Serving the web app in the foreground; press Ctrl-C to stop it."
  exec node web/serve.mjs --port "${PORT:-8080}"
fi
