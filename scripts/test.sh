#!/usr/bin/env bash
# The whole test suite from a fresh clone, and exactly what CI runs (.ci/run calls this):
# Node 24, MariaDB + Redis (installed from Debian packages and started when missing, with the
# database user created), dependencies, lint, typecheck, build, documentation and contract
# checks, then unit + e2e tests (the e2e suites create and drop their own database).
#
#   DB_HOST/DB_PORT/DB_USER/DB_PASSWORD  (default 127.0.0.1/3306/atrium/atrium)
#   REDIS_URL                            (default redis://127.0.0.1:6379)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DB_HOST="${DB_HOST:-127.0.0.1}"
export DB_PORT="${DB_PORT:-3306}"
export DB_USER="${DB_USER:-atrium}"
export DB_PASSWORD="${DB_PASSWORD:-atrium}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export NODE_ENV=test
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true SCARF_ANALYTICS=false

step() { printf '\n=== [test] %s ===\n' "$*"; }

step "Node.js (.nvmrc)"
. scripts/ensure-node.sh
step "services: MariaDB + Redis"
bash scripts/ensure-services.sh
step "dependencies"
bash scripts/install-deps.sh
step "lint"
npm run lint
step "typecheck"
npm run typecheck
step "build"
npm run build
step "docs: every link resolves inside the repository"
node scripts/check-links.mjs
step "OpenAPI lint (redocly, docs/openapi.json)"
npm run openapi:lint
step "typed client is generated from docs/openapi.json"
npm run client:check
step "docker-compose.yml is valid"
bash scripts/check-compose.sh
step "deploy/kubernetes matches the Kubernetes schemas"
node scripts/check-kubernetes.mjs
step "Chromium for the browser e2e test"
bash scripts/ensure-chromium.sh
step "unit + e2e tests"
npm test
