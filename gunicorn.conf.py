"""gunicorn settings for Care Career Paths; gunicorn reads this file from the folder it starts in.

Run from the project folder: `gunicorn` (or `gunicorn -c /path/to/gunicorn.conf.py` from elsewhere).
Every setting an operator may need to change comes from an environment variable (README, "Production").

Threaded workers (gthread): an idle keep-alive connection, or one a browser opens in advance and never
uses, waits in the worker's poller instead of holding a worker, so a few such clients cannot stall the
site as they do gunicorn's default sync workers. Logs, access and error alike, are the site's JSON lines
on standard error; access lines carry the method, path (never the query string), status and duration.

Graceful restarts: `kill -HUP <master pid>` re-reads this file and replaces the workers one by one after
they finish their requests (up to GUNICORN_GRACEFUL_TIMEOUT seconds); TERM does the same and exits.
"""

import importlib
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from gunicorn.workers import gthread

PROJECT_DIR = Path(__file__).resolve().parent
# The formatter and the app are imported from the project, wherever gunicorn was started from.
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

# The site's JSON-lines formatter, first place it is found (it is moving from roles/ to careerpaths/).
SITE_LOG_FORMATTERS = ("careerpaths.log_format.JsonLinesFormatter", "roles.log_format.JsonLinesFormatter")


def env_number(name: str, default, convert=int, what: str = "a whole number"):
    """The number in environment variable `name` (`convert`ed), or `default` when it is unset or empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return convert(value)
    except ValueError:
        sys.exit(f"{name} must be {what}, not {value!r}")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in (os.environ.get(name, "").strip() or default).split(",") if item.strip()]


def site_formatter():
    """The class named first in SITE_LOG_FORMATTERS that can be imported."""
    for dotted in SITE_LOG_FORMATTERS:
        module_name, _, class_name = dotted.rpartition(".")
        try:
            return getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
    raise ImportError(f"none of {', '.join(SITE_LOG_FORMATTERS)} can be imported")


class AccessFields(logging.Filter):
    """Gives an access record the request's method, path and status, as the site's formatter reads them."""

    class Request:
        def __init__(self, method, path):
            self.method, self.path = method, path

    def filter(self, record):
        atoms = record.args
        if isinstance(atoms, Mapping):
            try:
                record.request = self.Request(atoms["m"], atoms["U"])
                record.status_code = int(str(atoms["s"]).split()[0])
            except (KeyError, TypeError, ValueError):
                pass
        return True


wsgi_app = "careerpaths.wsgi:application"
chdir = str(PROJECT_DIR)

# Where to listen: comma-separated host:port pairs (or unix:/path). Keep app servers off public addresses.
bind = env_list("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
# Processes, and threads in each: GUNICORN_WORKERS x GUNICORN_THREADS requests are drawn at once.
workers = env_number("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1)
threads = env_number("GUNICORN_THREADS", 4)
# Open connections a worker holds at most (idle and keep-alive ones included).
worker_connections = env_number("GUNICORN_WORKER_CONNECTIONS", 1000)
# A worker silent for this long is killed and replaced; a request should never take this long.
timeout = env_number("GUNICORN_TIMEOUT", 30)
# On HUP or TERM, how long workers may take to finish their requests before they are killed.
graceful_timeout = env_number("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection is kept; nginx's upstream keepalive_timeout must be shorter.
keepalive = env_number("GUNICORN_KEEPALIVE", 75)
# Replace each worker after this many requests (0: never), with jitter so they do not restart together.
max_requests = env_number("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = env_number("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)
# Addresses allowed to set X-Forwarded-Proto for gunicorn itself: the proxy's (Django reads it anyway
# with DJANGO_SECURE_PROXY_SSL_HEADER=1, so bind app servers where only the proxy can reach them).
forwarded_allow_ips = ",".join(env_list("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"))
# Workers' heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# A new connection holds a thread only this long while it says nothing; then it waits in the poller
# (it stays open, and is served when its request arrives). gunicorn 27 waits 5 s, so 50 idle
# connections (a browser's spare ones, Lighthouse) queued on 8 threads kept real requests waiting
# half a minute; there is no setting for it, hence the module constant.
first_byte_timeout = env_number("GUNICORN_FIRST_BYTE_TIMEOUT", 0.25, float, "a number of seconds")
if hasattr(gthread, "DEFAULT_WORKER_DATA_TIMEOUT"):
    gthread.DEFAULT_WORKER_DATA_TIMEOUT = first_byte_timeout
else:  # a gunicorn without it: say so rather than silently running with its own wait
    print("gunicorn.conf.py: this gunicorn has no DEFAULT_WORKER_DATA_TIMEOUT", file=sys.stderr)
# Each worker imports the app itself, so HUP picks up new code.
preload_app = False
proc_name = "careerpaths"
# gunicorn's control socket (for `gunicornc`) only where GUNICORN_CONTROL_SOCKET names one: by default
# every server on a host would share $HOME/.gunicorn/gunicorn.ctl and two app servers would clash.
control_socket_path = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
control_socket_disable = not control_socket_path
control_socket = control_socket_path or str(Path.home() / ".gunicorn" / "gunicorn.ctl")

# --- Logs: JSON lines on standard error ------------------------------------------------------------
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info").strip().lower() or "info"
accesslog = "-"
errorlog = "-"
# The message of an access line; method, path and status also become fields (AccessFields above).
access_log_format = "%(m)s %(U)s %(s)s %(M)sms"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": site_formatter()}},
    "filters": {"access_fields": {"()": AccessFields}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"},
        "access_stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["access_fields"],
        },
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_stderr"], "propagate": False},
    },
}
