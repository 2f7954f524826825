#!/usr/bin/env bash
# Makes MariaDB/MySQL and Redis reachable on 127.0.0.1 for the tests, installing them from
# Debian packages when missing and starting them without systemd. Idempotent; a fast no-op
# when both already answer.
#
#   DB_HOST/DB_PORT/DB_USER/DB_PASSWORD  (default 127.0.0.1/3306/atrium/atrium)
#   REDIS_URL                            (default redis://127.0.0.1:6379)
set -euo pipefail

DB_USER="${DB_USER:-atrium}"
DB_PASSWORD="${DB_PASSWORD:-atrium}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

log() { echo "[ensure-services] $*" >&2; }
# With ATRIUM_STARTED_FILE set, each service this run starts is recorded there ("mariadb" or
# "redis <port>"), so the caller (scripts/up.sh) can stop exactly what was started for it.
started() { if [ -n "${ATRIUM_STARTED_FILE:-}" ]; then echo "$*" >>"$ATRIUM_STARTED_FILE"; fi; }
die() { log "ERROR: $*"; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not available; install $* yourself"
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  # policy-rc.d-less containers may try to start the service from the package's postinst;
  # that is harmless, we start it ourselves below if it is not running.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

is_local() { case "$1" in 127.0.0.1 | localhost | ::1) return 0 ;; *) return 1 ;; esac; }

# TCP connect check with a hard time limit (bash /dev/tcp; no nc needed).
tcp_open() {
  local host="$1" port="$2"
  if command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

# ---------------------------------------------------------------- MariaDB / MySQL

mysql_client() {
  if command -v mariadb >/dev/null 2>&1; then echo mariadb
  elif command -v mysql >/dev/null 2>&1; then echo mysql
  fi
}

mysql_server_bin() {
  local b
  for b in mariadbd mysqld; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return; fi
    if [ -x "/usr/sbin/$b" ]; then echo "/usr/sbin/$b"; return; fi
  done
}

db_login_ok() {
  local client; client="$(mysql_client)"
  [ -n "$client" ] || return 1
  MYSQL_PWD="$DB_PASSWORD" "$client" --connect-timeout=3 -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" \
    -e 'SELECT 1' >/dev/null 2>&1
}

db_tcp_open() { tcp_open 127.0.0.1 "$DB_PORT"; }

# No pgrep on slim images: look at /proc directly.
mysqld_running() {
  local c
  for c in /proc/[0-9]*/comm; do
    case "$(cat "$c" 2>/dev/null)" in mariadbd | mysqld) return 0 ;; esac
  done
  return 1
}

sql_quote() { local s="${1//\\/\\\\}"; printf "'%s'" "${s//\'/\'\'}"; }

start_mariadb() {
  local daemon; daemon="$(mysql_server_bin)"
  [ -n "$daemon" ] || die "no mariadbd/mysqld binary after install"

  if mysqld_running; then
    # A server runs but does not answer on 127.0.0.1:DB_PORT. Restart it only when it runs
    # with skip-networking (socket only); never touch a server that listens on another port.
    local client vars skipnet port
    client="$(mysql_client)"
    vars="$($SUDO "${client:-mariadb}" -uroot -N -B -e 'SELECT @@skip_networking, @@port' 2>/dev/null || true)"
    read -r skipnet port <<<"$vars" || true
    if [ "${skipnet:-}" != "1" ]; then
      die "a MariaDB/MySQL server is already running${port:+ on port $port} but not on 127.0.0.1:$DB_PORT; set DB_PORT or stop it"
    fi
    log "server runs with skip-networking; restarting it with TCP on 127.0.0.1:$DB_PORT"
    $SUDO "$client" -uroot -e 'SHUTDOWN' 2>/dev/null || true
    for _ in $(seq 1 30); do mysqld_running || break; sleep 1; done
    mysqld_running && die "could not stop the running server to enable TCP; remove skip-networking from /etc/mysql"
  fi

  $SUDO mkdir -p /run/mysqld
  $SUDO chown mysql:mysql /run/mysqld 2>/dev/null || true
  if [ ! -d /var/lib/mysql/mysql ]; then
    log "initialising the data directory /var/lib/mysql"
    local installer; installer="$(command -v mariadb-install-db || command -v mysql_install_db || true)"
    [ -n "$installer" ] || die "mariadb-install-db not found"
    $SUDO "$installer" --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi

  # Command-line options override /etc/mysql: TCP on, bound to loopback, on DB_PORT.
  local args=(--user=mysql --skip-networking=0 --bind-address=127.0.0.1 --port="$DB_PORT")
  log "starting $daemon (no systemd)"
  if command -v start-stop-daemon >/dev/null 2>&1; then
    $SUDO start-stop-daemon --start --oknodo --background --exec "$daemon" -- "${args[@]}"
  elif command -v mysqld_safe >/dev/null 2>&1; then
    $SUDO sh -c "nohup mysqld_safe $(printf '%q ' "${args[@]}") >/dev/null 2>&1 &"
  else
    $SUDO sh -c "nohup $daemon $(printf '%q ' "${args[@]}") >/dev/null 2>&1 &"
  fi

  started mariadb
  for _ in $(seq 1 60); do db_tcp_open && return 0; sleep 1; done
  die "MariaDB did not answer on 127.0.0.1:$DB_PORT within 60 s (see /var/log/mysql/error.log)"
}

ensure_db_user() {
  local client; client="$(mysql_client)"
  if [ -z "$client" ]; then apt_install mariadb-client; client="$(mysql_client)"; fi
  local u p sql="" h
  u="$(sql_quote "$DB_USER")"; p="$(sql_quote "$DB_PASSWORD")"
  for h in localhost 127.0.0.1 %; do
    sql+="CREATE USER IF NOT EXISTS $u@'$h' IDENTIFIED BY $p;
ALTER USER $u@'$h' IDENTIFIED BY $p;
GRANT ALL PRIVILEGES ON *.* TO $u@'$h' WITH GRANT OPTION;
"
  done
  sql+="FLUSH PRIVILEGES;"
  # Debian's root logs in over the unix socket as the root OS user; some setups allow root
  # with an empty password over TCP instead.
  if $SUDO "$client" -uroot -e "$sql" 2>/dev/null \
    || MYSQL_PWD="" "$client" --connect-timeout=3 -uroot -h 127.0.0.1 -P "$DB_PORT" -e "$sql" 2>/dev/null; then
    log "database user $DB_USER ready"
  else
    die "could not log in as the database root user to create $DB_USER"
  fi
}

ensure_mariadb() {
  if db_login_ok; then log "database reachable as $DB_USER at $DB_HOST:$DB_PORT"; return; fi
  is_local "$DB_HOST" || die "cannot log in to $DB_HOST:$DB_PORT as $DB_USER, and it is not local: fix DB_* settings"

  if ! db_tcp_open; then
    [ -n "$(mysql_server_bin)" ] || apt_install mariadb-server mariadb-client
    # The package's postinst may have started it already.
    db_tcp_open || start_mariadb
  fi
  ensure_db_user
  db_login_ok || die "still cannot log in as $DB_USER at $DB_HOST:$DB_PORT"
  log "database reachable as $DB_USER at $DB_HOST:$DB_PORT"
}

# ---------------------------------------------------------------- Redis

parse_redis_url() {
  local rest="${REDIS_URL#*://}"
  rest="${rest##*@}"; rest="${rest%%/*}"; rest="${rest%%\?*}"
  REDIS_HOST="${rest%:*}"; REDIS_PORT="${rest##*:}"
  if [ "$REDIS_HOST" = "$rest" ] || [ -z "$REDIS_PORT" ]; then REDIS_HOST="$rest"; REDIS_PORT=6379; fi
  [ -n "$REDIS_HOST" ] || REDIS_HOST=127.0.0.1
  REDIS_HOST="${REDIS_HOST#[}"; REDIS_HOST="${REDIS_HOST%]}"
}

redis_ping() {
  local host="$1" port="$2"
  if command -v redis-cli >/dev/null 2>&1; then
    local out
    if command -v timeout >/dev/null 2>&1; then
      out="$(timeout 3 redis-cli -h "$host" -p "$port" ping 2>/dev/null || true)"
    else
      out="$(redis-cli -h "$host" -p "$port" ping 2>/dev/null || true)"
    fi
    [ "$out" = "PONG" ]
  else
    # Plain RESP over bash's /dev/tcp in a child bash (time-limited, the fd never leaks).
    local probe='exec 2>/dev/null; exec 3<>"/dev/tcp/$0/$1" || exit 1
printf "PING\r\n" >&3; IFS= read -r -t 2 line <&3 || exit 1; printf "%s" "$line"'
    local reply tmo=()
    command -v timeout >/dev/null 2>&1 && tmo=(timeout 3)
    reply="$("${tmo[@]}" bash -c "$probe" "$host" "$port" 2>/dev/null)" || return 1
    [[ "$reply" == +PONG* ]]
  fi
}

ensure_redis() {
  parse_redis_url
  # The tests start throwaway redis-server children, so the binary is needed either way
  # (Debian's redis-server package brings redis-cli along via redis-tools).
  if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server; fi

  if redis_ping "$REDIS_HOST" "$REDIS_PORT"; then
    log "redis reachable at $REDIS_HOST:$REDIS_PORT"; return
  fi
  is_local "$REDIS_HOST" || die "redis at $REDIS_HOST:$REDIS_PORT does not answer, and it is not local: fix REDIS_URL"

  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
  started redis "$REDIS_PORT"
  for _ in $(seq 1 40); do
    redis_ping 127.0.0.1 "$REDIS_PORT" && { log "redis reachable at 127.0.0.1:$REDIS_PORT"; return; }
    sleep 0.25
  done
  die "redis-server did not answer on 127.0.0.1:$REDIS_PORT within 10 s"
}

# Sourcing the script (tests) defines the functions without running anything.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_mariadb
  ensure_redis
fi
