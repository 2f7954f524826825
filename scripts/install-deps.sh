#!/usr/bin/env bash
# Installs the npm dependencies exactly as package-lock.json pins them (npm ci), unless
# node_modules already matches the lock file and the Node version (a stamp records both).
# CI=true always installs afresh. Run after scripts/ensure-node.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
stamp="node_modules/.atrium-install-stamp"
want="$(node -v) $(sha256sum package-lock.json | cut -c1-64)"
if [ "${CI:-}" != "true" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "[install-deps] node_modules matches package-lock.json and node $(node -v)" >&2
  exit 0
fi
echo "[install-deps] npm ci" >&2
npm ci --no-audit --no-fund
echo "$want" >"$stamp"
