#!/usr/bin/env bash
# Starts what several app processes share, for the scale-out tests and benchmarks (issue 15):
# PostgreSQL 15 and Redis from Debian's packages (installed when missing), on ports of their own
# so nothing else on the machine is touched. Prints the variables to use:
#   eval "$(bash scripts/scale-services.sh start)"   → DATABASE_URL=… REDIS_URL=… REDIS_PORT=…
#   bash scripts/scale-services.sh stop
#   bash scripts/scale-services.sh redis-stop|redis-start   (the tests restart Redis mid-edit)
# Needs root for apt-get and for running PostgreSQL as the postgres user (as on CI).
set -euo pipefail
PG_PORT=${SCALE_PG_PORT:-5433}
REDIS_PORT=${SCALE_REDIS_PORT:-6390}
DIR=${SCALE_DIR:-/tmp/charter-scale}
DB=${SCALE_DB:-charter_scale}
PG_BIN=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)

install_missing() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  [ -x "${PG_BIN:-/nonexistent}/initdb" ] || need+=(postgresql-15)
  if [ ${#need[@]} -gt 0 ]; then
    echo "Installing ${need[*]} from Debian…" >&2
    (apt-get install -y -qq "${need[@]}" || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}")) >&2
    PG_BIN=/usr/lib/postgresql/15/bin
  fi
}

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

redis_start() {
  mkdir -p "$DIR"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" >&2
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "Redis did not start on port $REDIS_PORT (see $DIR/redis.log)" >&2; exit 1
}

redis_stop() {
  if [ -f "$DIR/redis.pid" ]; then kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true; fi
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || break; sleep 0.1; done
  rm -f "$DIR/redis.pid"
}

pg_start() {
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  if [ ! -f "$DIR/pg/PG_VERSION" ]; then
    as_postgres "$PG_BIN/initdb -D $DIR/pg -U postgres -A trust >/dev/null"
  fi
  as_postgres "$PG_BIN/pg_ctl -D $DIR/pg -o '-p $PG_PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=on' -l $DIR/pg.log -w start >/dev/null" || {
    as_postgres "$PG_BIN/pg_ctl -D $DIR/pg status" >/dev/null 2>&1 || { echo "PostgreSQL did not start (see $DIR/pg.log)" >&2; exit 1; }
  }
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtc "SELECT 1 FROM pg_roles WHERE rolname='charter'" | grep -q 1 ||
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE USER charter WITH PASSWORD 'charter' CREATEDB" >/dev/null
}

pg_stop() {
  [ -n "$PG_BIN" ] && [ -f "$DIR/pg/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl -D $DIR/pg -m fast stop >/dev/null" || true
}

case "${1:-start}" in
  start)
    install_missing
    pg_start
    redis_stop
    redis_start
    echo "export DATABASE_URL=postgresql://charter:charter@127.0.0.1:$PG_PORT/$DB REDIS_URL=redis://127.0.0.1:$REDIS_PORT REDIS_PORT=$REDIS_PORT SCALE_PG_PORT=$PG_PORT"
    ;;
  fresh-db)
    # An empty database named $2 (default $DB), owned by charter.
    name=${2:-$DB}
    PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name OWNER charter" >/dev/null
    ;;
  redis-stop) redis_stop ;;
  redis-start) redis_start ;;
  stop) redis_stop; pg_stop ;;
  *) echo "usage: $0 start|stop|fresh-db [name]|redis-stop|redis-start" >&2; exit 2 ;;
esac
