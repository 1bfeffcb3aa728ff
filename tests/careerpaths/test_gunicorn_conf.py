"""gunicorn.conf.py: settings from the environment, JSON logs on stderr, and idle clients that hold no worker."""

import json
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from gunicorn.workers import gthread

PROJECT = Path(settings.BASE_DIR)
CONFIG = PROJECT / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")
# Settings the test run itself sets, stripped so each subprocess sees only what a test gives it.
OWN_VARIABLES = ("DJANGO_", "PAGE_CACHE_", "REDIS_URL", "DATABASE_URL", "GUNICORN_")
IDLE_CONNECTIONS = 50
ANSWER_WITHIN_SECONDS = 30  # generous: this checks that the page arrives at all, not how fast


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
    return env | extra


def printed_config(cwd, **env) -> dict[str, str]:
    """What gunicorn itself reads, started in `cwd` with no arguments but --print-config."""
    result = subprocess.run(
        [str(GUNICORN), "--print-config"],
        cwd=cwd,
        env=clean_env(DJANGO_SECRET_KEY="gunicorn-test-only-key", **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, flags=re.MULTILINE))


def test_gunicorn_reads_the_file_from_the_project_folder_with_its_defaults():
    config = printed_config(PROJECT)
    assert config["wsgi_app"] == "careerpaths.wsgi:application"
    assert config["worker_class"] == "gthread"
    assert config["bind"] == "['127.0.0.1:8000']"
    assert int(config["workers"]) == 2 * (os.cpu_count() or 1) + 1
    assert config["threads"] == "4"
    assert config["timeout"] == "30"
    assert config["graceful_timeout"] == "30"
    assert config["keepalive"] == "75"
    assert config["control_socket_disable"] == "True"


def test_a_silent_new_connection_holds_a_thread_a_quarter_second_not_gunicorns_five(monkeypatch):
    monkeypatch.setattr(gthread, "DEFAULT_WORKER_DATA_TIMEOUT", gthread.DEFAULT_WORKER_DATA_TIMEOUT)  # restored after
    monkeypatch.setenv("GUNICORN_FIRST_BYTE_TIMEOUT", "0.5")
    namespace = runpy.run_path(str(CONFIG))
    assert namespace["first_byte_timeout"] == 0.5
    assert gthread.DEFAULT_WORKER_DATA_TIMEOUT == 0.5
    monkeypatch.delenv("GUNICORN_FIRST_BYTE_TIMEOUT")
    runpy.run_path(str(CONFIG))
    assert gthread.DEFAULT_WORKER_DATA_TIMEOUT == 0.25


def test_every_setting_comes_from_its_environment_variable(tmp_path):
    config = printed_config(
        tmp_path,  # started elsewhere: the file is named, and still finds the project
        GUNICORN_CMD_ARGS=f"--config {CONFIG}",
        GUNICORN_BIND="127.0.0.1:9001,127.0.0.1:9002",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="8",
        GUNICORN_WORKER_CONNECTIONS="200",
        GUNICORN_TIMEOUT="45",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        GUNICORN_KEEPALIVE="10",
        GUNICORN_MAX_REQUESTS="1000",
        GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.5",
        GUNICORN_LOG_LEVEL="warning",
        GUNICORN_CONTROL_SOCKET=str(tmp_path / "ctl"),
    )
    assert config["bind"] == "['127.0.0.1:9001', '127.0.0.1:9002']"
    assert (config["workers"], config["threads"], config["worker_connections"]) == ("3", "8", "200")
    assert (config["timeout"], config["graceful_timeout"], config["keepalive"]) == ("45", "20", "10")
    assert (config["max_requests"], config["max_requests_jitter"]) == ("1000", "100")
    assert config["forwarded_allow_ips"] == "['10.0.0.5']"
    assert config["loglevel"] == "warning"
    assert config["control_socket"] == str(tmp_path / "ctl")
    assert config["control_socket_disable"] == "False"


def test_a_malformed_number_stops_gunicorn_with_one_line_naming_the_variable():
    result = subprocess.run(
        [str(GUNICORN), "--print-config"],
        cwd=PROJECT,
        env=clean_env(GUNICORN_WORKERS="lots"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "GUNICORN_WORKERS must be a whole number, not 'lots'" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def app_server(tmp_path):
    """A real gunicorn with gunicorn.conf.py on SQLite, on a free loopback port.

    1 worker with 4 threads: far fewer threads than the idle connections the test opens.
    """
    env = clean_env(
        DJANGO_SECRET_KEY="gunicorn-test-only-key",
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    port = free_port()
    stderr_path = tmp_path / "gunicorn.stderr"
    with open(stderr_path, "wb") as stderr, open(tmp_path / "gunicorn.stdout", "wb") as stdout:
        process = subprocess.Popen(
            [str(GUNICORN)],
            cwd=PROJECT,
            env=env | {"GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1", "GUNICORN_THREADS": "4"},
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,  # its own process group, so the workers go with it
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, stderr_path.read_text()
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start listening within 60 s")
        yield port, process, stderr_path
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def get(port: int, path: str, timeout: float) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    return int(response.split(b" ", 2)[1]), response


def test_fifty_idle_connections_do_not_stop_a_page_being_answered(app_server):
    port, process, _ = app_server
    idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(IDLE_CONNECTIONS)]
    try:
        time.sleep(0.5)  # connected, accepted, and saying nothing (as a browser's spare connections do)
        started = time.monotonic()
        status, body = get(port, "/roles/", timeout=ANSWER_WITHIN_SECONDS)
        took = time.monotonic() - started
    finally:
        for conn in idle:
            conn.close()
    assert status == 200
    assert b"</html>" in body
    assert took < ANSWER_WITHIN_SECONDS
    assert process.poll() is None


def test_logs_are_the_sites_json_lines_on_stderr_without_query_strings(app_server):
    port, _, stderr_path = app_server
    assert get(port, "/roles/?keyword=private-choice", timeout=ANSWER_WITHIN_SECONDS)[0] == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and '"gunicorn.access"' not in stderr_path.read_text():
        time.sleep(0.1)
    records = [json.loads(line) for line in stderr_path.read_text().splitlines() if line.startswith("{")]
    access = [r for r in records if r["logger"] == "gunicorn.access"]
    assert access, stderr_path.read_text()
    assert {"method": "GET", "path": "/roles/", "status": 200}.items() <= access[-1].items()
    assert {"time", "level", "message"} <= access[-1].keys()
    assert any(r["logger"] == "gunicorn.error" and "Booting worker" in r["message"] for r in records)
    assert "private-choice" not in stderr_path.read_text()
