#!/usr/bin/env python3
"""Callgrind instructions per request for pages of a Care Career Paths checkout.

Method (README, "Where we depart from stock Django"): one child runs under `valgrind --tool=callgrind` with
collection off; it sets up Django, then for each page makes W warm-up requests through
careerpaths.wsgi.application and N measured ones, each measured one made through operator.call. Callgrind
collects only inside operator.call (`--toggle-collect=_operator_call`; nothing in Django calls it) and dumps
after each call, so each dump is one request's instructions, start-up and warm-up left out. Repeated
runs of a page agree to within 1%.

Usage (from anywhere; the checkout needs .venv, a migrated database with load_content done):
    .venv/bin/python scripts/cold_cost.py --repo /path/to/checkout / /roles/ '/compare/?roles=a&roles=b'
Options:
    --repo DIR        checkout to measure (default: current directory)
    --python PATH     interpreter (default: DIR/.venv/bin/python)
    -n N              measured requests per page (default 5)
    --warmup W        warm-up requests per page (default 3)
    --warm            page cache on (PAGE_CACHE_ENABLED=1) and primed by the warm-up; default is cold (=0)
    --fresh-layouts   forget the maps' kept layouts before each request: a map's cost the first time it is drawn
    --label NAME      prefix printed on every line (e.g. a variant name)
Prints one line per page: label, mode, page, the median of its requests' instructions (a garbage collection
in one request does not move it), and the lowest and highest.
Each child checks every response is a 200. DATABASE_URL is passed through.
"""

import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def wsgi_environ(page: str) -> dict:
    """A plain GET of `page` as a WSGI server would hand it to the app."""
    from io import BytesIO

    path, _, query = page.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def child(repo: str, warmup: int, count: int, fresh_layouts: bool, pages: list[str]) -> None:
    """Runs inside valgrind: the measured requests are the only calls to operator.call."""
    import operator

    sys.path.insert(0, repo)
    os.chdir(repo)
    from careerpaths.wsgi import application

    if fresh_layouts:
        from roles.pathways import layout
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    for page in pages:

        def one(page=page):
            if fresh_layouts:
                layout._layout.cache_clear()
            result = application(wsgi_environ(page), start_response)
            try:
                for _chunk in result:
                    pass
            finally:
                if hasattr(result, "close"):
                    result.close()

        for _ in range(warmup):
            one()
        for _ in range(count):
            operator.call(one)
        bad = [s for s in statuses if not s.startswith("200")]
        if bad:
            print(f"cold_cost: {page}: non-200 responses {bad[:3]}", file=sys.stderr)
            sys.exit(3)


def dumps(folder: str) -> list[int]:
    """Instructions in each dump, in the order callgrind wrote them (empty dumps left out)."""
    found = []
    for name in glob.glob(os.path.join(folder, "callgrind.out*")):
        text = Path(name).read_text(encoding="utf-8")
        part = re.search(r"^part:\s*(\d+)", text, re.M)
        total = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.M)
        if part and total and int(total.group(1)):
            found.append((int(part.group(1)), int(total.group(1))))
    return [total for _, total in sorted(found)]


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        repo, warmup, count, fresh, *pages = sys.argv[2:]
        return child(repo, int(warmup), int(count), fresh == "1", pages)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--repo", default=os.getcwd())
    parser.add_argument("--python")
    parser.add_argument("-n", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--fresh-layouts", action="store_true")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    repo = os.path.abspath(args.repo)
    python = args.python or os.path.join(repo, ".venv", "bin", "python")
    env = dict(os.environ)
    env.setdefault("DJANGO_SECRET_KEY", "cold-cost-not-secret")
    env.update(DJANGO_HTTPS="0", DJANGO_DEBUG="0", PYTHONHASHSEED="0", PAGE_CACHE_ENABLED="1" if args.warm else "0")
    env.setdefault("APP_RELEASE", "cold-cost")  # skip hashing the code at start-up
    with tempfile.TemporaryDirectory(prefix="cold_cost.") as folder:
        command = [
            "valgrind",
            "--tool=callgrind",
            "--collect-atstart=no",
            "--toggle-collect=_operator_call",
            "--dump-after=_operator_call",
            f"--callgrind-out-file={folder}/callgrind.out",
            python,
            os.path.abspath(__file__),
            "--child",
            repo,
            str(args.warmup),
            str(args.n),
            "1" if args.fresh_layouts else "0",
            *args.pages,
        ]
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=repo)
        if done.returncode != 0:
            sys.stderr.write(done.stderr[-3000:])
            raise SystemExit(f"cold_cost: child failed (rc {done.returncode})")
        counts = dumps(folder)
    if len(counts) != args.n * len(args.pages):
        raise SystemExit(f"cold_cost: expected {args.n * len(args.pages)} measured requests, found {len(counts)}")
    mode = "warm" if args.warm else "cold"
    label = f"{args.label}\t" if args.label else ""
    for i, page in enumerate(args.pages):
        mine = counts[i * args.n : (i + 1) * args.n]
        print(f"{label}{mode}\t{page}\t{statistics.median(mine):,.0f}\tlowest {min(mine):,}\thighest {max(mine):,}")


if __name__ == "__main__":
    main()
