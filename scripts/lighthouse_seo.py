#!/usr/bin/env python3
"""Lighthouse's SEO category on every page type, against a local gunicorn, with Debian's Chromium.

Starts gunicorn (gthread workers: a sync worker would hang on the spare connections Chromium opens) on a
free loopback port over a throwaway SQLite database with the real content, audits each page with the
`lighthouse` npm devDependency (`--only-categories=seo`), prints a table of scores with any failing
audits, and exits non-zero if a page scores below 1.0. Run from .ci/run; `make test` stays fast.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, Gunicorn, manage, server_env  # noqa: E402 (the helpers of make bench)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--no-sandbox --headless=new --disable-gpu --disable-dev-shm-usage --no-first-run"

PAGES = [
    ("home", "/"),
    ("role list", "/roles/"),
    ("role profile", "/roles/deputy-manager/"),
    ("compare", "/compare/?roles=senior-social-worker&roles=deputy-manager"),
    ("map", "/progression/"),
    ("focused map", "/roles/deputy-manager/progression/"),
    ("pathway", "/pathway/adult-care-worker/registered-manager/"),
    ("qualifications", "/qualifications/"),
    ("qualification", "/qualifications/nvq-level-3-health-and-social-care/"),
    ("standard", "/standards/st0008/"),
    ("skills check", "/skills-check/"),
    ("data", "/data/"),
]


def audit(url: str) -> tuple[float, list[str]]:
    """The SEO score of one page, and the audits it fails."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=seo",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM}
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    category = report["categories"]["seo"]
    failing = [
        ref["id"]
        for ref in category["auditRefs"]
        if ref.get("weight")
        and report["audits"][ref["id"]]["score"] is not None
        and report["audits"][ref["id"]]["score"] < 1
    ]
    return category["score"], failing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="page names to audit (default: all)")
    args = parser.parse_args()
    for need, hint in ((LIGHTHOUSE, "run npm ci"), (Path(CHROMIUM), "apt-get install chromium")):
        if not need.exists():
            raise SystemExit(f"{need} not found: {hint}")
    scratch = Path(tempfile.mkdtemp(prefix="ccp-lighthouse-"))
    env = server_env(
        {
            "DATABASE_URL": f"sqlite:///{scratch / 'lighthouse.sqlite3'}",
            "GUNICORN_CMD_ARGS": "--worker-class gthread --threads 8",
        }
    )
    rows = []
    try:
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_content", "--verbosity", "0")
        with Gunicorn(env, workers=2) as server:
            for name, path in PAGES:
                if args.only is None or name in args.only:
                    status, _ = server.get(path)
                    if status != 200:
                        raise SystemExit(f"{name}: {path} answered {status}")
                    score, failing = audit(server.url + path)
                    rows.append((name, path, score, failing))
                    print(f"  {name}: {score:.2f}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    width = max(len(name) for name, *_ in rows)
    paths = max(len(path) for _, path, *_ in rows)
    print(f"| {'page'.ljust(width)} | {'address'.ljust(paths)} | SEO  | failing audits")
    print(f"|-{'-' * width}-|-{'-' * paths}-|------|---------------")
    for name, path, score, failing in rows:
        print(f"| {name.ljust(width)} | {path.ljust(paths)} | {score:.2f} | {', '.join(failing) or '-'}")
    below = [name for name, _, score, _ in rows if score < 1]
    if below:
        print(f"Below 1.0: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
