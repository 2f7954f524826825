#!/usr/bin/env bash
# Validates docker-compose.yml (syntax, schema, interpolation) without a Docker engine: with the
# compose plugin when present, else Debian's docker-compose package (installed when CI=true).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q
elif command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q
elif [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  echo "[check-compose] installing Debian's docker-compose to validate the file" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  docker-compose -f docker-compose.yml config -q
else
  echo "[check-compose] skipped: neither 'docker compose' nor 'docker-compose' is installed (CI installs it)" >&2
  exit 0
fi
echo "[check-compose] docker-compose.yml is valid" >&2
