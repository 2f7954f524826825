#!/usr/bin/env bash
# Checks that the committed typed client matches docs/openapi.json: regenerates
# clients/typescript/schema.d.ts into a temporary directory with the same command as
# `npm run client:generate` (openapi-typescript, then prettier with the repository's settings)
# and compares. Exit 0 when identical, 1 (with a diff excerpt) when stale.
#   npm run client:check
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SPEC=docs/openapi.json
COMMITTED=clients/typescript/schema.d.ts
BIN=node_modules/.bin

[ -f "$SPEC" ] || { echo "$SPEC not found" >&2; exit 2; }
[ -x "$BIN/openapi-typescript" ] && [ -x "$BIN/prettier" ] || { echo "openapi-typescript/prettier missing: npm ci" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$BIN/openapi-typescript" "$SPEC" -o "$tmp/raw.d.ts" >/dev/null 2>"$tmp/gen.log" || { cat "$tmp/gen.log" >&2; exit 2; }
# --stdin-filepath: prettier resolves its configuration as for the committed file itself.
"$BIN/prettier" --stdin-filepath "$COMMITTED" <"$tmp/raw.d.ts" >"$tmp/schema.d.ts"

if [ ! -f "$COMMITTED" ] || ! cmp -s "$tmp/schema.d.ts" "$COMMITTED"; then
  if [ -f "$COMMITTED" ]; then
    diff -u --label "$COMMITTED (committed)" --label "$COMMITTED (from $SPEC)" "$COMMITTED" "$tmp/schema.d.ts" | head -n 40 >&2 || true
  fi
  echo "clients/typescript is stale: run npm run client:generate" >&2
  exit 1
fi
echo "clients/typescript is up to date with $SPEC"
