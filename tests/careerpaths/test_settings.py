import json
import os
import re
import secrets
import subprocess
import sys

from django.conf import settings

PROJECT = settings.BASE_DIR
# Settings the test run itself sets, stripped so each subprocess sees only what a test gives it.
OWN_VARIABLES = ("DJANGO_", "PAGE_CACHE_", "REDIS_URL", "DATABASE_URL")


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_check(**env):
    return run_manage("check", **env)


def production_env(**extra):
    return {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": "careers.example.org", **extra}


def settings_seen_with(names: list[str], **env) -> dict:
    code = (
        "from django.conf import settings; import json;"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}, default=str))"
    )
    result = run_manage("shell", "--no-imports", "--verbosity", "0", "--command", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_check()
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "DJANGO_SECRET_KEY is not set: set it, or set DJANGO_DEBUG=1 for local development."
    )


def test_migrations_can_be_checked_without_a_secret_key_but_nothing_else_runs():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    assert run_manage("migrate", "--plan").returncode != 0


def test_starts_with_a_secret_key():
    assert run_check(DJANGO_SECRET_KEY="x" * 50).returncode == 0


def test_debug_is_off_by_default():
    assert settings.DEBUG is False


def test_check_deploy_reports_no_warnings_given_a_secret_key_and_hosts():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_defaults_are_https_only_with_secure_cookies():
    seen = settings_seen_with(
        ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "DEBUG"],
        **production_env(),
    )
    assert seen == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "DEBUG": False,
    }


def test_plain_http_for_local_runs_only_when_asked():
    seen = settings_seen_with(
        ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"], **production_env(DJANGO_HTTPS="0")
    )
    assert seen == {"SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0, "SESSION_COOKIE_SECURE": False}


def test_behind_a_proxy_the_forwarded_scheme_is_trusted_only_when_asked():
    assert settings_seen_with(["SECURE_PROXY_SSL_HEADER"], **production_env()) == {"SECURE_PROXY_SSL_HEADER": None}
    seen = settings_seen_with(
        ["SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT"],
        **production_env(DJANGO_SECURE_PROXY_SSL_HEADER="1", DJANGO_SECURE_SSL_REDIRECT="0"),
    )
    assert seen == {"SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"], "SECURE_SSL_REDIRECT": False}


def test_the_page_cache_is_in_redis_when_redis_url_is_set():
    backend = "django.core.cache.backends.redis.RedisCache"
    seen = settings_seen_with(["CACHES"], **production_env(REDIS_URL="redis://127.0.0.1:6379/5"))
    assert seen["CACHES"]["default"]["BACKEND"] == backend
    assert seen["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/5"
    local = settings_seen_with(["CACHES"], **production_env())
    assert local["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_logs_go_to_standard_error_as_json_lines_without_secrets():
    code = (
        "import logging; from django.test import RequestFactory;"
        "request = RequestFactory().post('/admin/login/?next=/secret-query', {'password': 'hunter2-secret'},"
        " HTTP_COOKIE='sessionid=cookie-secret');"
        "logging.getLogger('django.request').error('Internal Server Error: %s', request.path,"
        " extra={'status_code': 500, 'request': request})"
    )
    result = run_manage("shell", "--no-imports", "--verbosity", "0", "--command", code, **production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # standard output is the command's own, for piping
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["path"] == "/admin/login/"
    assert entry["status"] == 500
    for secret in ("hunter2-secret", "cookie-secret", "secret-query"):
        assert secret not in result.stderr


def test_a_commands_standard_output_is_only_its_own_so_it_can_be_piped(tmp_path):
    """`manage.py dumpdata qualifications.source | python -m json.tool` works: logs go to standard error."""
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'pipe.sqlite3'}")
    assert run_manage("migrate", "--verbosity", "0", **env).returncode == 0
    assert run_manage("load_content", "--verbosity", "0", **env).returncode == 0
    dumped = run_manage("dumpdata", "qualifications.source", **env)
    assert dumped.returncode == 0, dumped.stderr
    assert json.loads(dumped.stdout)[0]["model"] == "qualifications.source"
    piped = subprocess.run(
        [sys.executable, "-m", "json.tool"], input=dumped.stdout, capture_output=True, text=True, timeout=60
    )
    assert piped.returncode == 0
    exported = run_manage("export_content", "--output", str(tmp_path / "out"), **env)
    (line,) = exported.stdout.strip().splitlines()
    assert re.fullmatch(rf"Wrote \d+ fixture files to {re.escape(str(tmp_path / 'out'))}\.", line)
    assert '"logger"' in exported.stderr  # the JSON log lines went to standard error
