#!/usr/bin/env bash
# Brings the whole system up on this machine, in the foreground, without Docker:
#   Node 24, MariaDB + Redis (installed from Debian packages and started when missing),
#   the database user and database, dependencies, build, migrations, then the API and a worker
#   process, and a banner with the URLs and the admin credentials. Ctrl-C stops everything this
#   script started (API, worker, and MariaDB/Redis if it had to start them).
#
# Configuration: the environment, then .env (see .env.example), then these development defaults.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

. scripts/ensure-node.sh

# .env counts for this script too (variables already in the environment win, as in the app).
if [ -f .env ]; then
  eval "$(node scripts/dotenv-exports.mjs .env)"
fi

export NODE_ENV="${NODE_ENV:-development}"
export PORT="${PORT:-3000}"
export HOST="${HOST:-0.0.0.0}"
export DB_HOST="${DB_HOST:-127.0.0.1}"
export DB_PORT="${DB_PORT:-3306}"
export DB_USER="${DB_USER:-atrium}"
export DB_PASSWORD="${DB_PASSWORD:-atrium}"
export DB_NAME="${DB_NAME:-atrium}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@atrium.local}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-Admin12345}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:$PORT}"
export NOTIFY_TRANSPORT="${NOTIFY_TRANSPORT:-file}"
export OUTBOX_DIR="${OUTBOX_DIR:-./var/outbox}"
export LOG_LEVEL="${LOG_LEVEL:-info}"

LOG_DIR="$ROOT/var/log"
mkdir -p "$LOG_DIR" "$OUTBOX_DIR"
STARTED_FILE="$ROOT/var/up-started-services"
: >"$STARTED_FILE"
export ATRIUM_STARTED_FILE="$STARTED_FILE"

say() { printf '[up] %s\n' "$*" >&2; }
PIDS=()

stop_all() {
  trap - INT TERM EXIT
  say "stopping..."
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  while read -r what port; do
    case "$what" in
      redis) say "stopping the Redis it started (port $port)"; redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true ;;
      mariadb) say "stopping the MariaDB it started"
        (mariadb-admin -uroot shutdown || mysqladmin -uroot shutdown || MYSQL_PWD="$DB_PASSWORD" mariadb-admin -h 127.0.0.1 -P "$DB_PORT" -u "$DB_USER" shutdown) >/dev/null 2>&1 || true ;;
    esac
  done <"$STARTED_FILE"
  say "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

bash scripts/ensure-services.sh
trap 'stop_all' EXIT
bash scripts/install-deps.sh
say "build"
npm run build --silent
say "database $DB_NAME"
node dist/cli/db-create.js
say "migrations"
npm run --silent migration:run >"$LOG_DIR/migrations.log" 2>&1 || { cat "$LOG_DIR/migrations.log" >&2; exit 1; }

say "starting the API on :$PORT and a worker (logs in var/log/)"
WORKERS_ENABLED=false node dist/main.js >"$LOG_DIR/api.log" 2>&1 &
PIDS+=($!)
API_PID=$!
node dist/worker.js >"$LOG_DIR/worker.log" 2>&1 &
PIDS+=($!)
WORKER_PID=$!

for _ in $(seq 1 150); do
  if ! kill -0 "$API_PID" 2>/dev/null; then say "the API exited during start:"; tail -n 30 "$LOG_DIR/api.log" >&2; exit 1; fi
  if ! kill -0 "$WORKER_PID" 2>/dev/null; then say "the worker exited during start:"; tail -n 30 "$LOG_DIR/worker.log" >&2; exit 1; fi
  if node -e "fetch('http://127.0.0.1:$PORT/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then READY=1; break; fi
  sleep 0.2
done
[ "${READY:-}" = 1 ] || { say "the API did not become ready within 30 s:"; tail -n 30 "$LOG_DIR/api.log" >&2; exit 1; }

BASE="http://localhost:$PORT"
cat <<BANNER

  Atrium is up ($NODE_ENV, node $(node -v))

  API               $BASE/v1          (guide: docs/api.md)
  Swagger UI        $BASE/docs
  OpenAPI document  $BASE/docs-json
  Queue dashboard   $BASE/admin/queues  (sign in as the admin, see README "Async backbone")
  Health, metrics   $BASE/health/ready, $BASE/metrics
  Mail and SMS      written to $OUTBOX_DIR/email.jsonl and sms.jsonl; read them with: npm run mail
  Admin             $ADMIN_EMAIL / $ADMIN_PASSWORD
  Logs              var/log/api.log, var/log/worker.log
  Database          $DB_USER@$DB_HOST:$DB_PORT/$DB_NAME, Redis $REDIS_URL

  Ctrl-C stops everything this command started.

BANNER

# Foreground until Ctrl-C, or until one of the processes dies (then everything stops).
while kill -0 "$API_PID" 2>/dev/null && kill -0 "$WORKER_PID" 2>/dev/null; do sleep 1; done
say "a process exited unexpectedly; last lines of its log:"
kill -0 "$API_PID" 2>/dev/null || tail -n 20 "$LOG_DIR/api.log" >&2
kill -0 "$WORKER_PID" 2>/dev/null || tail -n 20 "$LOG_DIR/worker.log" >&2
exit 1
