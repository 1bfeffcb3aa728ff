#!/usr/bin/env python3
"""`make loadtest`: gunicorn on PostgreSQL under wrk, 64 connections for 30 s across the main pages.

Passes when every response is 2xx/3xx and wrk reports no socket errors. Uses LOADTEST_DATABASE_URL,
else DATABASE_URL when it is PostgreSQL, else postgres://postgres@127.0.0.1:5432/careerpaths_loadtest
(created if missing). Loopback only, bounded duration. Writes bench/results/loadtest-<time>.json.
"""

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2

from bench import PAGES, ROOT, Gunicorn, manage, run_wrk, server_env

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/careerpaths_loadtest"


def database_url() -> str:
    url = os.environ.get("LOADTEST_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_DATABASE


def ensure_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def lua_rotation(paths: list[str]) -> str:
    quoted = ", ".join(json.dumps(path) for path in paths)
    return (
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default="30s")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--cold", action="store_true", help="turn the page cache off")
    args = parser.parse_args()

    url = database_url()
    ensure_database(url)
    env = server_env({"DATABASE_URL": url, "PAGE_CACHE_ENABLED": "0" if args.cold else "1"})
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_content", "--verbosity", "0")

    with Gunicorn(env, workers=args.workers) as server, tempfile.TemporaryDirectory() as scratch:
        paths = []
        for name, path in PAGES:
            status, _ = server.get(path)
            if status == 404:
                print(f"Note: skipped {name} ({path}): 404 on this branch")
            else:
                paths.append(path)
        script = Path(scratch) / "rotate.lua"
        script.write_text(lua_rotation(paths))
        print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration} over {len(paths)} pages, PostgreSQL")
        result = run_wrk(
            server.url, duration=args.duration, connections=args.connections, threads=args.threads, script=script
        )

    passed = result["non_2xx_3xx"] == 0 and result["socket_errors"] == 0
    print(
        f"{result['requests']} requests, {result['requests_per_second']:.0f} req/s, "
        f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
        f"{result['non_2xx_3xx']} non-2xx/3xx, {result['socket_errors']} socket errors: "
        + ("PASS" if passed else "FAIL")
    )
    output = ROOT / "bench" / "results"
    output.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {"when": stamp, "pages": paths, "cache": not args.cold, "workers": args.workers, **vars(args), **result}
    (output / f"loadtest-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
