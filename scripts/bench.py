#!/usr/bin/env python3
"""`make bench`: our pages against a trivial view of our own, under gunicorn and wrk, warm and cold.

One run: migrate and load the content (plus synthetic data with --scale), then for each mode start
gunicorn (2 sync workers, debug off, production settings except plain http on 127.0.0.1) and drive
the baseline view and every page with wrk for a bounded time. "warm" has the page cache on; "cold"
turns it off (PAGE_CACHE_ENABLED=0), so every request renders the page from the database.

Prints one table and writes the same as JSON under bench/results/. How to read it: README.md.
"""

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
BASELINE = "/bench/baseline"
# Warm pages stay near the baseline; the cold target (0.1x) was withdrawn (issue 12): cold is reported only.
WARM_TARGET, COLD_TARGET = 0.6, 0.0
HTML_GZIP_LIMIT_KB, CSS_GZIP_LIMIT_KB = 30, 25

# Pages from the issues; one that answers 404 on this branch is skipped with a note.
PAGES = [
    ("home", "/"),
    ("role list", "/roles/"),
    ("role profile", "/roles/deputy-manager/"),
    ("compare, 2 roles", "/compare/?roles=senior-social-worker&roles=deputy-manager"),
    (
        "compare, 4 roles",
        "/compare/?roles=adult-care-worker&roles=senior-care-worker&roles=deputy-manager&roles=registered-manager",
    ),
    ("whole map", "/progression/"),
    ("focused map", "/roles/deputy-manager/progression/"),
    ("pathway", "/pathway/adult-care-worker/registered-manager/"),
    ("qualifications", "/qualifications/"),
    ("standard", "/standards/st0008/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",  # loopback only: no TLS in front of gunicorn here
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL=env.get("DJANGO_LOG_LEVEL", "ERROR"),
        BENCH_BASELINE="1",
    )
    env.setdefault("DJANGO_SECRET_KEY", "bench-only-" + secrets.token_urlsafe(48))
    env.update(extra or {})
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


class Gunicorn:
    """gunicorn on a free loopback port, stopped (with its workers) on exit."""

    def __init__(self, env: dict, workers: int = 2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [str(GUNICORN), "careerpaths.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
        self.process = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env)

    def __enter__(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited with code {self.process.returncode}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):  # TimeoutError: a busy machine
                time.sleep(0.2)
        raise SystemExit("gunicorn did not answer /healthz within 30 s")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, *, duration: str, connections: int, threads: int, script: Path | None = None) -> dict:
    """One bounded wrk run against a loopback URL, parsed."""
    if not url.startswith("http://127.0.0.1:"):
        raise SystemExit("wrk is only ever pointed at 127.0.0.1")
    command = ["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", duration, "--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": milliseconds(latency["50"]),
        "p99_ms": milliseconds(latency["99"]),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def gzip_kb(content: bytes) -> float:
    return round(len(gzip.compress(content, compresslevel=6)) / 1024, 1)


def measure_mode(mode: str, env: dict, pages: list, wrk_options: dict, notes: list) -> dict:
    results = {}
    with Gunicorn(server_env({**env, "PAGE_CACHE_ENABLED": "1" if mode == "warm" else "0"})) as server:
        for name, path in [("baseline", BASELINE), *pages]:
            status, body = server.get(path)
            if status == 404 and path != BASELINE:
                notes.append(f"skipped {name} ({path}): 404 on this branch")
                continue
            if status != 200:
                raise SystemExit(f"{name} ({path}) answered {status}; expected 200")
            for _ in range(20):  # fill both workers' caches before measuring
                server.get(path)
            result = run_wrk(server.url + path, **wrk_options)
            result["html_gzip_kb"] = gzip_kb(body) if path != BASELINE else None
            results[name] = {"path": path, **result}
            print(f"  {mode:4} {name:18} {result['requests_per_second']:9.0f} req/s", flush=True)
    return results


def table(rows: list[dict]) -> str:
    header = (
        f"{'page':18} {'warm req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'x base':>7}   "
        f"{'cold req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'x base':>7}   {'html gz KB':>10}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = [f"{row['page']:18}"]
        for mode, target in (("warm", WARM_TARGET), ("cold", COLD_TARGET)):
            result = row.get(mode)
            if result is None:
                cells.append(f"{'-':>10} {'-':>7} {'-':>7} {'-':>7}  ")
                continue
            flag = " " if result["ratio"] >= target else "!"
            cells.append(
                f"{result['requests_per_second']:10.0f} {result['p50_ms']:7.2f} {result['p99_ms']:7.2f} "
                f"{result['ratio']:7.2f}{flag} "
            )
        size = row.get("html_gzip_kb")
        cells.append(f"{size if size is not None else '-':>10}")
        lines.append(" ".join(cells))
    return "\n".join(lines)


def git_commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", default="5s", help="wrk duration per page (default 5s)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--scale", type=int, default=1, help="add synthetic data N times the seed size first")
    parser.add_argument("--only", nargs="*", default=None, help="page names to run (default: all)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--throwaway", action="store_true", help="allow --scale on the database DATABASE_URL names")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    if args.scale > 1 and os.environ.get("DATABASE_URL") and not args.throwaway:
        raise SystemExit("--scale adds synthetic records to the DATABASE_URL database: add --throwaway if it is one.")
    return args


def ratio_rows(measured: dict, pages: list) -> list[dict]:
    """One row per page, each mode's result with its ratio to the same mode's baseline."""
    rows = []
    for name in ["baseline", *(name for name, _ in pages)]:
        row = {"page": name}
        for mode, results in measured.items():
            if name in results:
                result = results[name]
                result["ratio"] = round(result["requests_per_second"] / results["baseline"]["requests_per_second"], 3)
                row[mode] = result
                row["path"] = result["path"]
                row["html_gzip_kb"] = result["html_gzip_kb"]
        if "path" in row:
            rows.append(row)
    return rows


def write_report(args, database: str, wrk_options: dict, css_kb, rows: list, notes: list) -> None:
    args.output.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "when": stamp,
        "commit": git_commit(),
        "database": database,
        "scale": args.scale,
        "wrk": wrk_options,
        "gunicorn_workers": 2,
        "css_gzip_kb": css_kb,
        "targets": {"warm_ratio": WARM_TARGET, "html_gzip_kb": HTML_GZIP_LIMIT_KB},
        "rows": rows,
        "notes": sorted(set(notes)),
    }
    path = args.output / f"bench-{stamp}.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main() -> None:
    args = parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="ccp-bench-"))
    env = {}
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    database = (env.get("DATABASE_URL") or os.environ["DATABASE_URL"]).split(":", 1)[0]
    try:
        setup_env = server_env(env)
        manage(setup_env, "migrate", "--no-input", "--verbosity", "0")
        manage(setup_env, "load_content", "--verbosity", "0")
        if args.scale > 1:
            manage(setup_env, "generate_synthetic", "--scale", str(args.scale), "--yes")
        pages = [page for page in PAGES if args.only is None or page[0] in args.only]
        wrk_options = {"duration": args.duration, "connections": args.connections, "threads": args.threads}
        notes: list[str] = []
        print(f"Benchmark: {database}, scale {args.scale}, wrk -t{args.threads} -c{args.connections} -d{args.duration}")
        measured = {mode: measure_mode(mode, env, pages, wrk_options, notes) for mode in ("warm", "cold")}
        css_kb = gzip_kb((ROOT / "static" / "build" / "main.css").read_bytes())
        if args.scale > 1:
            manage(setup_env, "generate_synthetic", "--remove")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    rows = ratio_rows(measured, pages)
    print()
    print(table(rows))
    print(f"\nCSS: {css_kb} KB gzipped (target <= {CSS_GZIP_LIMIT_KB} KB).")
    print(f"Target: warm >= {WARM_TARGET} x baseline ('!' marks a miss); cold is reported, with no target.")
    for note in sorted(set(notes)):
        print(f"Note: {note}")
    write_report(args, database, wrk_options, css_kb, rows, notes)


if __name__ == "__main__":
    sys.exit(main())
