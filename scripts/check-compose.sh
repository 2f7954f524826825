#!/usr/bin/env bash
# Validates docker-compose.yml (syntax, schema, interpolation) without a Docker engine: with the
# compose plugin when present, else Debian's docker-compose package (installed when CI=true).
#
# The file has no default secrets: every `${VAR:?message}` must be set by the operator. So the
# check runs twice over: once with placeholder values for all of them (CI has no secrets), which
# must pass, and once per required variable with that one missing, which must fail naming it.
# A local `.env` is ignored (an empty --env-file), so the result is the same on every machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
elif [ "${CI:-}" = "true" ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  echo "[check-compose] installing Debian's docker-compose to validate the file" >&2
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  COMPOSE=(docker-compose)
else
  echo "[check-compose] skipped: neither 'docker compose' nor 'docker-compose' is installed (CI installs it)" >&2
  exit 0
fi

EMPTY_ENV="$(mktemp)"
trap 'rm -f "$EMPTY_ENV"' EXIT
mapfile -t REQUIRED < <(grep -oE '\$\{[A-Z_][A-Z0-9_]*:\?' docker-compose.yml | sed -E 's/^\$\{//; s/:\?$//' | sort -u)
[ "${#REQUIRED[@]}" -gt 0 ] || { echo "[check-compose] expected required variables (\${VAR:?...}) for the secrets" >&2; exit 1; }

# Runs compose config with exactly the required variables given as NAME=value arguments set.
config_with() {
  local unset_args=() v
  for v in "${REQUIRED[@]}"; do unset_args+=(-u "$v"); done
  env "${unset_args[@]}" "$@" "${COMPOSE[@]}" --env-file "$EMPTY_ENV" -f docker-compose.yml config -q
}

placeholders=()
for v in "${REQUIRED[@]}"; do placeholders+=("$v=placeholder-$v"); done
config_with "${placeholders[@]}"

for missing in "${REQUIRED[@]}"; do
  others=()
  for v in "${REQUIRED[@]}"; do [ "$v" = "$missing" ] || others+=("$v=placeholder-$v"); done
  if out="$(config_with "${others[@]}" 2>&1)"; then
    echo "[check-compose] docker-compose.yml accepted a missing $missing (it must not fall back to a default)" >&2
    exit 1
  fi
  grep -q "$missing" <<<"$out" || { echo "[check-compose] the error for a missing $missing does not name it: $out" >&2; exit 1; }
done
echo "[check-compose] docker-compose.yml is valid; it requires ${REQUIRED[*]}" >&2
