import os
import subprocess
import sys

from django.conf import settings

PROJECT = settings.BASE_DIR


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_check()
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "DJANGO_SECRET_KEY is not set: set it, or set DJANGO_DEBUG=1 for local development."
    )


def test_starts_with_a_secret_key():
    assert run_check(DJANGO_SECRET_KEY="x" * 50).returncode == 0


def test_debug_is_off_by_default():
    assert settings.DEBUG is False
