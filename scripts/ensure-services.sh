#!/usr/bin/env bash
# Makes MariaDB/MySQL and Redis reachable on 127.0.0.1 for the tests, installing them from
# Debian packages when missing (no systemd needed). Fast no-op when both already answer.
set -euo pipefail

DB_USER="${DB_USER:-atrium}"
DB_PASSWORD="${DB_PASSWORD:-atrium}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

log() { echo "[ensure-services] $*" >&2; }
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

mysql_client() {
  if command -v mariadb >/dev/null 2>&1; then echo mariadb; elif command -v mysql >/dev/null 2>&1; then echo mysql; fi
}

db_login_ok() {
  local client; client="$(mysql_client)"
  [ -n "$client" ] || return 1
  MYSQL_PWD="$DB_PASSWORD" "$client" -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e 'SELECT 1' >/dev/null 2>&1
}

db_port_open() { (exec 3<>"/dev/tcp/$DB_HOST/$DB_PORT") 2>/dev/null; }

ensure_mariadb() {
  if db_login_ok; then log "database reachable as $DB_USER"; return; fi
  if [ "$DB_HOST" != "127.0.0.1" ] && [ "$DB_HOST" != "localhost" ]; then
    log "cannot log in to $DB_HOST:$DB_PORT as $DB_USER and it is not local: fix DB_* settings"; exit 1
  fi
  if ! db_port_open; then
    if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ] && [ ! -x /usr/sbin/mysqld ]; then
      apt_install mariadb-server mariadb-client
    fi
    $SUDO mkdir -p /run/mysqld && $SUDO chown mysql:mysql /run/mysqld 2>/dev/null || true
    if [ ! -d /var/lib/mysql/mysql ]; then
      log "initialising the data directory"
      $SUDO mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    fi
    local daemon=/usr/sbin/mariadbd; [ -x "$daemon" ] || daemon=/usr/sbin/mysqld
    log "starting $daemon"
    $SUDO start-stop-daemon --start --oknodo --background --exec "$daemon" -- --user=mysql --bind-address=127.0.0.1 --port="$DB_PORT"
    for _ in $(seq 1 60); do db_port_open && break; sleep 1; done
    db_port_open || { log "MariaDB did not start within 60 s"; exit 1; }
  fi
  local client; client="$(mysql_client)"
  [ -n "$client" ] || { apt_install mariadb-client; client="$(mysql_client)"; }
  local sql="CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'%' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'%' WITH GRANT OPTION;
FLUSH PRIVILEGES;"
  # Debian's root logs in over the unix socket; some setups allow root with no password on TCP.
  if $SUDO "$client" -uroot -e "$sql" 2>/dev/null || "$client" -uroot -h 127.0.0.1 -P "$DB_PORT" -e "$sql" 2>/dev/null; then
    log "user $DB_USER ready"
  else
    log "could not create user $DB_USER (no root access)"; exit 1
  fi
  db_login_ok || { log "still cannot log in as $DB_USER"; exit 1; }
}

redis_host_port() {
  local rest="${REDIS_URL#redis://}"; rest="${rest#*@}"; rest="${rest%%/*}"
  REDIS_HOST="${rest%%:*}"; REDIS_PORT="${rest##*:}"; [ "$REDIS_PORT" != "$rest" ] || REDIS_PORT=6379
}

redis_ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
  else
    exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT" 2>/dev/null || return 1
    printf 'PING\r\n' >&3
    local reply; read -r -t 2 reply <&3 || return 1
    exec 3<&-
    [[ "$reply" == +PONG* ]]
  fi
}

ensure_redis() {
  redis_host_port
  # The tests start throwaway redis-server children, so the binary is needed either way.
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  if redis_ping; then log "redis reachable at $REDIS_HOST:$REDIS_PORT"; return; fi
  log "starting redis-server on $REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
  for _ in $(seq 1 30); do redis_ping && break; sleep 0.5; done
  redis_ping || { log "Redis did not start"; exit 1; }
}

ensure_mariadb
ensure_redis
