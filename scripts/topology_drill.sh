#!/usr/bin/env bash
# Production topology drill: nginx -> two gunicorn app servers -> one PostgreSQL and one Redis, on loopback.
#
# Runs the shipped deploy/nginx/careerpaths.conf (its ports, names and paths swapped for the drill's own)
# and gunicorn.conf.py, against a throwaway PostgreSQL cluster and a Redis of its own, each on a free
# 127.0.0.1 port; never touches any other server. Then checks, and prints a table with the numbers:
#   1. every page type answers 200 over https through nginx with the security headers; http redirects
#      (301) except /healthz; static files come from disk with their cache lifetime; bodies over 1 MB 413;
#   2. an editor signs in and changes a role in the admin through nginx; the next anonymous request
#      shows the change, through nginx and from each app server directly;
#   3. one app server is killed (SIGKILL) in the middle of a 10 s wrk run: no request fails, the other
#      server takes the load; restarted, it serves again;
#   4. Redis stopped: pages still served (uncached), no 5xx; Redis back: pages cached again;
#   5. PostgreSQL stopped: 503 with Retry-After through nginx; started again, the same processes recover;
#   6. failed sign-ins from one client address lock out that address only (seen through nginx);
#      nginx's own rate limit on sign-ins answers 429 past its burst;
#   7. 50 idle connections to nginx and 50 to an app server do not stop a page being answered.
# Every loop is bounded in count and time; everything it started is stopped and removed on exit, pass or
# fail; it exits non-zero on any failure. Needs nginx, wrk, redis-server, PostgreSQL's server binaries,
# openssl and curl (and root, or the postgres user, to run PostgreSQL). Under CI=true a missing tool fails.
#
#   scripts/topology_drill.sh                 the whole drill
#   scripts/topology_drill.sh --check-config  only `nginx -t` on the shipped config, wrapped as the drill runs it
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
MODE=drill
case "${1:-}" in
  "") ;;
  --check-config) MODE=check-config ;;
  *) echo "usage: $0 [--check-config]" >&2; exit 2 ;;
esac

PY=.venv/bin/python
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
PAGES=(
  /
  /roles/
  /roles/deputy-manager/
  "/compare/?roles=deputy-manager&roles=senior-social-worker"
  /progression/
  /roles/deputy-manager/progression/
  /pathway/senior-care-worker/deputy-manager/
  /qualifications/
  /standards/st0008/
  /skills-check/
  /data/
  /healthz
)
SECURITY_HEADERS=(strict-transport-security content-security-policy x-content-type-options referrer-policy
  x-frame-options permissions-policy)
EDITOR=drill-editor
EDITOR_PASSWORD="drill-only-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# --- what it needs -----------------------------------------------------------------------------------
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$1 ($2)"); }
need nginx "apt-get install -y nginx"
need openssl "apt-get install -y openssl"
if [ "$MODE" = drill ]; then
  need curl "apt-get install -y curl"
  need wrk "apt-get install -y wrk"
  need redis-server "apt-get install -y redis-server"
  need redis-cli "apt-get install -y redis-tools"
  need setsid "apt-get install -y util-linux"
  [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] ||
    missing+=("PostgreSQL server binaries (apt-get install -y postgresql, or set PG_BIN)")
  [ -x .venv/bin/gunicorn ] || missing+=(".venv with gunicorn (make install)")
  [ -f static/build/main.css ] || missing+=("static/build/main.css (make install, or make css)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf 'Topology drill: missing %s\n' "${missing[@]}" >&2
  if [ "${CI:-}" = true ]; then echo "FAIL: CI needs every one of them" >&2; exit 1; fi
  echo "SKIPPED: install them and run again (CI fails instead of skipping)" >&2
  exit 0
fi

# Six distinct free loopback ports, all held open until all are chosen.
read -r HTTP_PORT HTTPS_PORT APP1_PORT APP2_PORT DB_PORT REDIS_PORT < <(python3 -c '
import socket
held = [socket.socket() for _ in range(6)]
for s in held: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in held))')
APP_PORTS=("" "$APP1_PORT" "$APP2_PORT")
BASE="https://127.0.0.1:$HTTPS_PORT"

WORK="$(mktemp -d /tmp/ccp-topology-drill.XXXXXX)"
chmod 755 "$WORK"
APP_PID=("" "" "")
NGINX_PID=""
WRK_PID=""
ROWS=()
PASSED=0

# --- cleanup: stops everything started above, in any state ------------------------------------------
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
stop_group() {  # PID: TERM the process group it leads (gunicorn master and workers), KILL after 10 s
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
redis_pid() { [ -s "$WORK/redis.pid" ] && cat "$WORK/redis.pid"; }
stop_redis() {
  local pid
  pid="$(redis_pid)" || return 0
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = redis-server ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$WORK/redis.pid"
}
print_table() {
  [ ${#ROWS[@]} -gt 0 ] || return 0
  echo
  printf '%-3s %-52s %-6s %s\n' "#" "check" "result" "numbers"
  printf '%s\n' "--------------------------------------------------------------------------------------------------------"
  printf '%s\n' "${ROWS[@]}"
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  print_table
  if [ "$status" -ne 0 ] && [ "$MODE" = drill ]; then
    for log in app1.log app2.log nginx-error.log; do
      [ -s "$WORK/$log" ] && { echo "--- last lines of $log:"; tail -n 15 "$WORK/$log" | cut -c1-300; }
    done
  fi
  if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  stop_group "$NGINX_PID"
  stop_group "${APP_PID[1]}"
  stop_group "${APP_PID[2]}"
  stop_redis
  if [ -f "$WORK/data/postmaster.pid" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  if [ "$status" -eq 0 ] && [ "$MODE" = drill ]; then echo "Topology drill passed: $PASSED checks."; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

row() { ROWS+=("$(printf '%-3s %-52s %-6s %s' "$1" "$2" "$3" "$4")"); }
pass() { row "$1" "$2" PASS "$3"; PASSED=$((PASSED + 1)); echo "   PASS: $3"; }
fail() { row "$1" "$2" FAIL "$3"; echo "FAIL: check $1 ($2): $3" >&2; exit 1; }

# --- nginx: the shipped file, with the drill's ports, names and paths -------------------------------
render_nginx() {
  mkdir -p "$WORK/nginx/tmp"
  sed -e "s|^\([[:space:]]*\)listen 80;|\1listen 127.0.0.1:$HTTP_PORT;|" \
    -e "s|^\([[:space:]]*\)listen 443 ssl http2;|\1listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
    -e '/^[[:space:]]*listen \[::\]:/d' \
    -e "s|server 127.0.0.1:8001 |server 127.0.0.1:$APP1_PORT |" \
    -e "s|server 127.0.0.1:8002 |server 127.0.0.1:$APP2_PORT |" \
    -e "s|server_name careers.example.org;|server_name 127.0.0.1;|" \
    -e "s|/etc/ssl/certs/careerpaths.crt|$WORK/cert.pem|" \
    -e "s|/etc/ssl/private/careerpaths.key|$WORK/key.pem|" \
    -e "s|/srv/careerpaths/staticfiles/|$REPO/staticfiles/|" \
    -e "s|/var/log/nginx/careerpaths.access.log|$WORK/nginx-access.log|" \
    -e "s|/var/log/nginx/careerpaths.error.log|$WORK/nginx-error.log|" \
    deploy/nginx/careerpaths.conf >"$WORK/nginx/careerpaths.conf"
  # Every value swapped must have been there: if the shipped file changes, this must change with it.
  local conf="$WORK/nginx/careerpaths.conf"
  if grep -nE 'example\.org|127\.0\.0\.1:800[12] |/srv/|/var/log/|/etc/ssl/|\[::\]|listen (80|443)' "$conf"; then
    echo "FAIL: deploy/nginx/careerpaths.conf has values the drill does not know how to swap (above)" >&2
    exit 1
  fi
  [ "$(grep -c "listen 127.0.0.1:" "$conf")" = 2 ] && [ "$(grep -c "server 127.0.0.1:$APP1_PORT \|server 127.0.0.1:$APP2_PORT " "$conf")" = 2 ] ||
    { echo "FAIL: the drill did not find both listen lines and both app servers in the shipped config" >&2; exit 1; }
  local user=""
  [ "$(id -u)" = 0 ] && user="user $(id -un) $(id -gn);"
  cat >"$WORK/nginx/nginx.conf" <<EOF
# The drill's wrapper, standing in for Debian's /etc/nginx/nginx.conf; the site is the shipped file.
$user
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    access_log off;
    include $WORK/nginx/careerpaths.conf;
}
EOF
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1
}
NGINX=(nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx-error.log")

render_nginx
if [ "$MODE" = check-config ]; then
  "${NGINX[@]}" -t
  exit 0
fi

# --- PostgreSQL, Redis, the app servers, nginx -------------------------------------------------------
start_db() {
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/postgres.log" -w -t 30 \
    -o "-p $DB_PORT -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
}
stop_db() { as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -m fast -w -t 30 stop >/dev/null; }
start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$WORK/redis.pid" --dir "$WORK" --logfile "$WORK/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "FAIL: Redis did not start on $REDIS_PORT" >&2
  exit 1
}
rcli() { timeout 5 redis-cli -p "$REDIS_PORT" "$@"; }

# wait_ok URL [CURL ARGS...]: up to 30 s for a 200
wait_ok() {
  local url="$1"
  shift
  for _ in $(seq 1 150); do
    [ "$(curl -4 -sk -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" || true)" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}
start_app() {  # N: app server N on APP_PORTS[N], gunicorn.conf.py read from the project folder
  GUNICORN_BIND="127.0.0.1:${APP_PORTS[$1]}" setsid .venv/bin/gunicorn >>"$WORK/app$1.log" 2>&1 &
  APP_PID[$1]=$!
  wait_ok "http://127.0.0.1:${APP_PORTS[$1]}/healthz" -H "X-Forwarded-Proto: https" ||
    { echo "FAIL: app server $1 did not answer within 30 s" >&2; exit 1; }
}
app_pids() {  # N: the master's and workers' pids, sorted
  { echo "${APP_PID[$1]}"; ps -o pid= --ppid "${APP_PID[$1]}"; } | tr -d ' ' | sort -n | tr '\n' ' '
}

echo "== throwaway PostgreSQL on 127.0.0.1:$DB_PORT, Redis on $REDIS_PORT"
[ "$(id -un)" = postgres ] || chown postgres "$WORK"
as_postgres "$PG_BIN/initdb" -D "$WORK/data" -U postgres --auth=trust >/dev/null
start_db
as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$DB_PORT" -U postgres drill
start_redis

export DATABASE_URL="postgres://postgres@127.0.0.1:$DB_PORT/drill"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export DJANGO_SECRET_KEY="topology-drill-only-$($PY -c 'import secrets; print(secrets.token_urlsafe(48))')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_PROXY_SSL_HEADER=1 DJANGO_TRUSTED_PROXY_COUNT=1
export DJANGO_CSRF_TRUSTED_ORIGINS="$BASE"
export DJANGO_LOG_LEVEL=WARNING APP_RELEASE=topology-drill
export GUNICORN_WORKERS=2 GUNICORN_THREADS=4
unset DJANGO_HTTPS DJANGO_SECURE_SSL_REDIRECT PAGE_CACHE_ENABLED DJANGO_DEBUG
$PY manage.py collectstatic --no-input --verbosity 0
$PY manage.py migrate --no-input --verbosity 0
$PY manage.py load_content --verbosity 0
$PY manage.py setup_editors --verbosity 0 >/dev/null
EDITOR_PASSWORD="$EDITOR_PASSWORD" $PY manage.py shell --no-imports --verbosity 0 --command "
import os
from django.contrib.auth.models import Group, User
user = User.objects.create_user('$EDITOR', password=os.environ['EDITOR_PASSWORD'], is_staff=True)
user.groups.add(Group.objects.get(name='Content editors'))"

echo "== app servers on 127.0.0.1:$APP1_PORT and :$APP2_PORT, nginx on :$HTTP_PORT (http) and :$HTTPS_PORT (https)"
start_app 1
start_app 2
setsid "${NGINX[@]}" -g 'daemon off;' &
NGINX_PID=$!
wait_ok "$BASE/healthz" || { echo "FAIL: nginx did not answer within 30 s" >&2; exit 1; }

# fetch URL [CURL ARGS...]: status on stdout; headers in $WORK/h, body in $WORK/b
fetch() {
  local url="$1"
  shift
  : >"$WORK/h"
  : >"$WORK/b"
  curl -4 -sk --max-time 15 -D "$WORK/h" -o "$WORK/b" -w '%{http_code}' "$@" "$url" || true
}
header() { grep -i "^$1:" "$WORK/h" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ //'; }
direct() { echo "http://127.0.0.1:${APP_PORTS[$1]}$2"; }  # an app server, as nginx talks to it
PROXIED=(-H "X-Forwarded-Proto: https")

# --- 1. pages, headers, redirects -------------------------------------------------------------------
echo "1. every page type over https through nginx, with the security headers; http redirects"
ok=0
for page in "${PAGES[@]}"; do
  status="$(fetch "$BASE$page")"
  [ "$status" = 200 ] || fail 1 "pages over https, headers, redirects" "$page answered $status over https"
  for name in "${SECURITY_HEADERS[@]}"; do
    [ -n "$(header "$name")" ] || fail 1 "pages over https, headers, redirects" "$page has no $name header"
  done
  ok=$((ok + 1))
done
redirects=0
for page in "${PAGES[@]}"; do
  status="$(fetch "http://127.0.0.1:$HTTP_PORT$page")"
  if [ "$page" = /healthz ]; then
    [ "$status" = 200 ] || fail 1 "pages over https, headers, redirects" "http /healthz answered $status, not 200"
  else
    location="$(header location)"
    [ "$status" = 301 ] && [ "$location" = "https://127.0.0.1$page" ] ||
      fail 1 "pages over https, headers, redirects" "http $page answered $status ($location), not 301 to https"
    redirects=$((redirects + 1))
  fi
done
status="$(fetch "$BASE/static/build/main.css" -H "Accept-Encoding: gzip")"
static_cache="$(header cache-control)"
static_encoding="$(header content-encoding)"
[ "$status" = 200 ] && [ "$static_cache" = "public, max-age=86400" ] && [ "$static_encoding" = gzip ] &&
  [ -n "$(header strict-transport-security)" ] ||
  fail 1 "pages over https, headers, redirects" "static CSS: $status, Cache-Control '$static_cache', encoding '$static_encoding'"
head -c $((1024 * 1024 + 1)) /dev/zero >"$WORK/big-body"
big="$(fetch "$BASE/roles/" --data-binary "@$WORK/big-body")"
[ "$big" = 413 ] || fail 1 "pages over https, headers, redirects" "a body over 1 MB answered $big, not 413"
pass 1 "pages over https, headers, redirects" \
  "$ok/${#PAGES[@]} pages 200 with ${#SECURITY_HEADERS[@]} security headers; http: $redirects x 301, /healthz 200; static: gzip, max-age=86400; 1 MB+1 body: 413"

# --- 2. an admin edit is seen at once, from both servers --------------------------------------------
echo "2. an editor changes a role in the admin through nginx; the next anonymous request shows it"
for _ in 1 2; do  # the page is in the shared cache before the edit
  fetch "$BASE/roles/deputy-manager/" >/dev/null
  for n in 1 2; do fetch "$(direct "$n" /roles/deputy-manager/)" "${PROXIED[@]}" >/dev/null; done
done
cached_before="$(rcli dbsize)"
MARKER="Edited in the topology drill $(date +%s%N)"
cat >"$WORK/admin_edit.py" <<'EOF'
"""Signs in through nginx with the real form and CSRF token, then saves the role's change form."""

import http.cookiejar
import os
import re
import ssl
import sys
import urllib.parse
import urllib.request

import django

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerpaths.settings")
django.setup()
from roles.models import Role  # noqa: E402
from tests.admin_helpers import BrowserForm  # noqa: E402

base, username, password, marker = sys.argv[1:5]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
jar = http.cookiejar.CookieJar()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(
    urllib.request.HTTPSHandler(context=context), urllib.request.HTTPCookieProcessor(jar), NoRedirect
)


def request(path, data=None):
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    req = urllib.request.Request(base + path, data=body, headers={"Origin": base, "Referer": base + path})
    try:
        with opener.open(req, timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


status, _, page = request("/admin/login/?next=/admin/")
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
status, headers, _ = request(
    "/admin/login/?next=/admin/",
    {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
)
assert status == 302 and headers["Location"] == "/admin/", f"sign-in answered {status} {headers.get('Location')}"
login_status = status
role = Role.objects.get(slug="deputy-manager")
path = f"/admin/roles/role/{role.pk}/change/"
status, _, page = request(path)
assert status == 200, f"change form answered {status}"
form = BrowserForm("role_form")
form.feed(page)
data = form.data
data["summary"] = [f"{data['summary'][0]} {marker}"]
data["_save"] = ["Save"]
status, headers, page = request(path, data)
errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, flags=re.S)
assert status == 302, f"saving the change form answered {status}: {errors[:3]}"
print(login_status, status, len(data))
EOF
read -r login_status save_status fields < <($PY "$WORK/admin_edit.py" "$BASE" "$EDITOR" "$EDITOR_PASSWORD" "$MARKER") ||
  fail 2 "admin edit seen at once by every server" "signing in or saving the role failed (above)"
seen=()
status="$(fetch "$BASE/roles/deputy-manager/")"
grep -q "$MARKER" "$WORK/b" || fail 2 "admin edit seen at once by every server" "the next anonymous request ($status) shows the old page"
seen+=(nginx)
for n in 1 2; do
  status="$(fetch "$(direct "$n" /roles/deputy-manager/)" "${PROXIED[@]}")"
  grep -q "$MARKER" "$WORK/b" || fail 2 "admin edit seen at once by every server" "app server $n ($status) shows the old page"
  seen+=("app$n")
done
pass 2 "admin edit seen at once by every server" \
  "sign-in $login_status, save $save_status ($fields fields); change shown by next request via ${seen[*]} ($cached_before pages were cached)"

# --- 3. one app server killed under load -------------------------------------------------------------
echo "3. app server 1 killed in the middle of a 10 s wrk run through nginx"
cat >"$WORK/pages.lua" <<EOF
local paths = {"/", "/roles/", "/roles/deputy-manager/", "/compare/?roles=deputy-manager&roles=senior-social-worker",
  "/progression/", "/qualifications/", "/standards/st0008/", "/data/"}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
EOF
log_lines_before="$(wc -l <"$WORK/nginx-access.log")"
start="$(date +%s.%N)"
timeout 30 wrk -t2 -c16 -d10s --timeout 5s -s "$WORK/pages.lua" "$BASE/" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
sleep 4
killed_at="$(date +%s.%N)"
kill -KILL -- "-${APP_PID[1]}"
wait "${APP_PID[1]}" 2>/dev/null || true
APP_PID[1]=""
wait "$WRK_PID" || fail 3 "app server killed under load" "wrk failed: $(tail -n 3 "$WORK/wrk.txt")"
WRK_PID=""
total="$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$WORK/wrk.txt")"
non2xx="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$WORK/wrk.txt")"
socket_errors="$(sed -n 's/^ *Socket errors: *\(.*\)/\1/p' "$WORK/wrk.txt")"
[ -n "$total" ] || fail 3 "app server killed under load" "no wrk summary: $(cat "$WORK/wrk.txt")"
read -r after_kill_1 after_kill_2 moved_on before_1 before_2 bad < <(tail -n "+$((log_lines_before + 1))" "$WORK/nginx-access.log" |
  $PY -c '
import json, sys
killed, a1, a2 = float(sys.argv[1]), sys.argv[2], sys.argv[3]
after1 = after2 = moved = before1 = before2 = bad = 0
for line in sys.stdin:
    r = json.loads(line)
    last = r["upstream"].split(", ")[-1]
    moved += ", " in r["upstream"]
    bad += r["status"] >= 500  # (499: wrk closing its connections at the end of the run)
    if r["msec"] < killed:
        before1 += last == a1
        before2 += last == a2
    elif r["msec"] > killed + 0.5:  # requests in flight at the kill may still finish on server 1
        after1 += last == a1
        after2 += last == a2
print(after1, after2, moved, before1, before2, bad)' "$killed_at" "127.0.0.1:$APP1_PORT" "127.0.0.1:$APP2_PORT")
numbers="wrk: $total requests, ${non2xx:-0} non-2xx/3xx, socket errors: ${socket_errors:-none}; nginx: $bad 5xx, $moved_on moved on to the other server; served before the kill: app1 $before_1 / app2 $before_2, after: app1 $after_kill_1 / app2 $after_kill_2"
[ "${non2xx:-0}" = 0 ] && [ -z "$socket_errors" ] && [ "$bad" = 0 ] || fail 3 "app server killed under load" "$numbers"
[ "$after_kill_1" = 0 ] && [ "$after_kill_2" -gt 0 ] && [ "$before_1" -gt 0 ] ||
  fail 3 "app server killed under load" "$numbers"
start_app 1
log_lines_before="$(wc -l <"$WORK/nginx-access.log")"
back=0
for _ in $(seq 1 60); do  # nginx leaves a failed server out for fail_timeout (10 s), then tries it again
  fetch "$BASE/roles/" >/dev/null
  back="$(tail -n "+$((log_lines_before + 1))" "$WORK/nginx-access.log" | grep -c "\"upstream\":\"127.0.0.1:$APP1_PORT\",\"upstream_status\":\"200\"" || true)"
  [ "$back" -gt 0 ] && break
  sleep 0.5
done
[ "$back" -gt 0 ] || fail 3 "app server killed under load" "$numbers; restarted app1 got no request through nginx in 30 s"
tries="$(($(wc -l <"$WORK/nginx-access.log") - log_lines_before))"
pass 3 "app server killed under load" "$numbers; restarted app1 served again through nginx after $tries requests"

# --- 4. Redis down and back -------------------------------------------------------------------------
echo "4. Redis stopped: pages served uncached, no 5xx; Redis back: pages cached again"
round() {  # PATH...: one request each through nginx; prints the statuses' counts, e.g. "200:11"
  local statuses=()
  for page in "$@"; do statuses+=("$(fetch "$BASE$page")"); done
  printf '%s\n' "${statuses[@]}" | sort | uniq -c | awk '{printf "%s%s:%s", sep, $2, $1; sep=","}'
}
CACHED_PAGES=("${PAGES[@]:0:${#PAGES[@]}-1}")  # /healthz is never cached
keys_before="$(rcli dbsize)"
warnings_before="$(cat "$WORK"/app*.log | grep -c "Page cache unavailable" || true)"
rcli shutdown nosave >/dev/null 2>&1 || true
for _ in $(seq 1 50); do rcli ping >/dev/null 2>&1 || break; sleep 0.1; done
rcli ping >/dev/null 2>&1 && fail 4 "Redis down: uncached, no 5xx; back: cached" "Redis did not stop"
rm -f "$WORK/redis.pid"
down=""
for _ in 1 2 3; do down+="$(round "${PAGES[@]}") "; done
warnings_after="$(cat "$WORK"/app*.log | grep -c "Page cache unavailable" || true)"
[ "$(echo "$down" | tr ' ' '\n' | grep -v '^$' | grep -cv '^200:12$')" = 0 ] ||
  fail 4 "Redis down: uncached, no 5xx; back: cached" "while Redis was down: $down"
start_redis
hits_before="$(rcli info stats | sed -n 's/^keyspace_hits:\([0-9]*\).*/\1/p')"
stored=0
for _ in 1 2 3; do  # the first requests may meet a stale connection to the old Redis and skip the cache
  round "${CACHED_PAGES[@]}" >/dev/null
  stored="$(rcli dbsize)"
  [ "$stored" -ge "${#CACHED_PAGES[@]}" ] && break
done
hits_mid="$(rcli info stats | sed -n 's/^keyspace_hits:\([0-9]*\).*/\1/p')"
again="$(round "${CACHED_PAGES[@]}")"
hits_after="$(rcli info stats | sed -n 's/^keyspace_hits:\([0-9]*\).*/\1/p')"
numbers="cached before: $keys_before keys; down: 3 rounds x ${#PAGES[@]} pages all 200, $((warnings_after - warnings_before)) 'cache unavailable' warnings; back: $stored keys stored, next round $again with $((hits_after - hits_mid)) cache hits"
[ "$stored" -ge "${#CACHED_PAGES[@]}" ] && [ "$((hits_after - hits_mid))" -ge "${#CACHED_PAGES[@]}" ] &&
  [ "$again" = "200:${#CACHED_PAGES[@]}" ] && [ "$((warnings_after - warnings_before))" -gt 0 ] ||
  fail 4 "Redis down: uncached, no 5xx; back: cached" "$numbers"
: "$hits_before"
pass 4 "Redis down: uncached, no 5xx; back: cached" "$numbers"

# --- 5. PostgreSQL down and back --------------------------------------------------------------------
echo "5. PostgreSQL stopped: 503 with Retry-After through nginx; started again: the same processes recover"
pids_before="$(app_pids 1)| $(app_pids 2)"
stop_db
unavailable=0
served=0
for _ in 1 2 3; do  # several rounds, so every worker thread meets the outage
  for page in "${PAGES[@]}"; do
    status="$(fetch "$BASE$page")"
    if [ "$status" = 503 ]; then
      if [ "$page" != /healthz ]; then  # /healthz answers its monitors in JSON, with no Retry-After
        [ "$(header retry-after)" = 30 ] || fail 5 "PostgreSQL down: 503 + Retry-After; recovers" "$page: 503 without Retry-After: 30"
        grep -q "temporarily unavailable" "$WORK/b" || fail 5 "PostgreSQL down: 503 + Retry-After; recovers" "$page: 503 without our page"
      fi
      unavailable=$((unavailable + 1))
    elif [ "$status" = 200 ] && [ "$page" != /healthz ]; then
      served=$((served + 1))  # a cached page (allowed)
    else
      fail 5 "PostgreSQL down: 503 + Retry-After; recovers" "$page answered $status while the database was down"
    fi
  done
done
start_db
recovered=""
for _ in 1 2 3; do recovered+="$(round "${PAGES[@]}") "; done
pids_after="$(app_pids 1)| $(app_pids 2)"
numbers="down: $unavailable x 503 with Retry-After: 30, $served cached 200s, of $((3 * ${#PAGES[@]})); back: ${recovered% }; app processes unchanged: $([ "$pids_before" = "$pids_after" ] && echo yes || echo no)"
[ "$(echo "$recovered" | tr ' ' '\n' | grep -v '^$' | grep -cv "^200:${#PAGES[@]}$")" = 0 ] &&
  [ "$pids_before" = "$pids_after" ] && [ "$unavailable" -gt 0 ] ||
  fail 5 "PostgreSQL down: 503 + Retry-After; recovers" "$numbers"
pass 5 "PostgreSQL down: 503 + Retry-After; recovers" "$numbers"

# --- 6. sign-in lockout by the visitor's address ----------------------------------------------------
echo "6. failed sign-ins from 127.0.0.2 lock out that address only; 127.0.0.3 still signs in"
sign_in() {  # SOURCE_ADDRESS PASSWORD: the status of one real sign-in (form, CSRF token) through nginx
  local jar="$WORK/jar-$1" token
  rm -f "$jar"
  fetch "$BASE/admin/login/?next=/admin/" --interface "$1" -c "$jar" >/dev/null
  token="$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$WORK/b" | sed 's/.*value="//; s/"$//')"
  fetch "$BASE/admin/login/?next=/admin/" --interface "$1" -b "$jar" -c "$jar" -H "Origin: $BASE" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=$EDITOR" \
    --data-urlencode "password=$2" --data-urlencode "next=/admin/"
}
wrong=()
for _ in 1 2 3 4 5; do wrong+=("$(sign_in 127.0.0.2 wrong-password)"); sleep 0.2; done
locked="$(sign_in 127.0.0.2 "$EDITOR_PASSWORD")"
grep -q "Sign-in paused" "$WORK/b" || fail 6 "sign-in lockout per visitor address" "127.0.0.2 with the right password: $locked, not the lockout page"
other="$(sign_in 127.0.0.3 "$EDITOR_PASSWORD")"
[ "$other" = 302 ] || fail 6 "sign-in lockout per visitor address" "127.0.0.3 with the right password answered $other, not 302"
recorded="$($PY manage.py shell --no-imports --verbosity 0 --command "
from axes.models import AccessAttempt
print(','.join(sorted({a.ip_address for a in AccessAttempt.objects.all()})))")"
[ "$recorded" = 127.0.0.2 ] || fail 6 "sign-in lockout per visitor address" "failed sign-ins recorded for '$recorded', not 127.0.0.2"
rate=()
for _ in $(seq 1 15); do rate+=("$(fetch "$BASE/admin/login/" --interface 127.0.0.4 -d "username=$EDITOR&password=x")"); done
limited="$(printf '%s\n' "${rate[@]}" | grep -c '^429$' || true)"
[ "$limited" -gt 0 ] && [ "$limited" -lt 15 ] || fail 6 "sign-in lockout per visitor address" "nginx limited $limited of 15 rapid sign-ins"
pass 6 "sign-in lockout per visitor address" \
  "127.0.0.2: 5 wrong (${wrong[*]}: axes locks at the 5th), then right password $locked 'Sign-in paused'; 127.0.0.3: $other signed in; axes saw only $recorded; nginx: $limited of 15 rapid POSTs 429"

# --- 7. idle connections ----------------------------------------------------------------------------
echo "7. 50 idle connections to nginx and 50 to app server 1; a page is still answered"
numbers="$($PY - "$HTTPS_PORT" "$APP1_PORT" "$APP2_PORT" <<'EOF'
import http.client
import socket
import ssl
import sys
import time

https_port, app1, app2 = (int(port) for port in sys.argv[1:4])
idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for port in [https_port] * 50 + [app1] * 50]
time.sleep(0.5)
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
results = []
for name, conn, headers in [
    ("nginx", http.client.HTTPSConnection("127.0.0.1", https_port, timeout=30, context=context), {}),
    ("app1", http.client.HTTPConnection("127.0.0.1", app1, timeout=30), {"X-Forwarded-Proto": "https"}),
    ("app2", http.client.HTTPConnection("127.0.0.1", app2, timeout=30), {"X-Forwarded-Proto": "https"}),
]:
    started = time.monotonic()
    try:
        conn.request("GET", "/roles/deputy-manager/", headers=headers)
        response = conn.getresponse()
        response.read()
        results.append(f"{name} {response.status} in {time.monotonic() - started:.2f} s")
        ok = response.status == 200
    except OSError as error:
        results.append(f"{name} failed: {error}")
        ok = False
    if not ok:
        print("; ".join(results))
        sys.exit(1)
for sock in idle:
    sock.close()
print("100 idle held (50 nginx, 50 app1); " + "; ".join(results))
EOF
)" || fail 7 "idle connections do not block a page" "$numbers"
pass 7 "idle connections do not block a page" "$numbers"
