#!/usr/bin/env bash
# Database outage drill: the site answers 503 while PostgreSQL is down and recovers without a restart.
#
# Starts its own throwaway PostgreSQL cluster on a free loopback port (never touches any other),
# loads the content, runs gunicorn (2 workers) against it, then:
#   1. database up:      pages and /healthz answer 200;
#   2. database stopped: pages answer 503 with our "temporarily unavailable" page, /healthz 503;
#   3. database started: the same gunicorn processes answer 200 again on the next requests.
# Everything it started is stopped and removed on exit, pass or fail. Needs root (it runs PostgreSQL
# as the postgres user through runuser) or to be run as postgres.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL server binaries not found (set PG_BIN)"; exit 1; }
PAGES=(/ /roles/ /roles/deputy-manager/ /qualifications/ /standards/st0008/)

free_port() { .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }

WORK="$(mktemp -d /tmp/ccp-outage-drill.XXXXXX)"
DB_PORT="$(free_port)"
APP_PORT="$(free_port)"
GUNICORN_PID=""

cleanup() {
  if [ -n "$GUNICORN_PID" ]; then
    kill "$GUNICORN_PID" 2>/dev/null || true
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  echo "--- last lines of the gunicorn log:"
  tail -n 20 "$WORK/gunicorn.log" 2>/dev/null || true
  exit 1
}

start_db() {
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w \
    -o "-p $DB_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
}
stop_db() { as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null; }

# expect STATUS PATH [TEXT]: one request; its status must be STATUS and its body contain TEXT.
expect() {
  local status body
  body="$WORK/body"
  status="$(curl -s -o "$body" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$APP_PORT$2" || true)"
  [ "$status" = "$1" ] || fail "$2 answered $status, expected $1"
  if [ $# -ge 3 ]; then grep -q "$3" "$body" || fail "$2 ($status) does not say '$3'"; fi
}

echo "== throwaway PostgreSQL on 127.0.0.1:$DB_PORT"
chmod 755 "$WORK"
[ "$(id -un)" = postgres ] || chown postgres "$WORK"
as_postgres "$PG_BIN/initdb" -D "$WORK/data" -U postgres --auth=trust >/dev/null
start_db
as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$DB_PORT" -U postgres drill

export DATABASE_URL="postgres://postgres@127.0.0.1:$DB_PORT/drill"
export DJANGO_SECRET_KEY="outage-drill-only-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')"
export DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate --no-input --verbosity 0
.venv/bin/python manage.py load_content --verbosity 0

echo "== gunicorn on 127.0.0.1:$APP_PORT"
.venv/bin/gunicorn careerpaths.wsgi --bind "127.0.0.1:$APP_PORT" --workers 2 >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$APP_PORT/healthz" && break
  sleep 0.1
done

echo "1. database up: every page answers 200"
for page in "${PAGES[@]}"; do expect 200 "$page"; done
expect 200 /healthz '"ok"'

echo "2. database stopped: pages answer 503 with our page, /healthz 503"
stop_db
for _ in 1 2 3; do  # several rounds, so both workers meet the outage
  for page in "${PAGES[@]}"; do expect 503 "$page" "temporarily unavailable"; done
  expect 503 /healthz '"unavailable"'
done

echo "3. database started again: the same gunicorn recovers on the next requests"
start_db
for _ in 1 2 3; do
  for page in "${PAGES[@]}"; do expect 200 "$page"; done
  expect 200 /healthz '"ok"'
done
kill -0 "$GUNICORN_PID" 2>/dev/null || fail "gunicorn is no longer running"

echo "Outage drill passed: 503 while the database was down, 200 again without a restart."
