#!/usr/bin/env python3
"""Callgrind instructions per request for each page of a Care Career Paths checkout.

Method (README, "Where we depart from stock Django"): for each page, run under `valgrind --tool=callgrind` a
child that sets up Django, makes W warm-up requests to the page through careerpaths.wsgi.application,
then N measured ones;
run the same child again with zero measured requests; (Ir_N - Ir_0) / N is the page's cost per request.

Usage (from anywhere; the checkout needs .venv, a migrated db.sqlite3 with load_content done):
    .venv/bin/python scripts/cold_cost.py --repo /path/to/checkout / /roles/ '/compare/?roles=a&roles=b'
Options:
    --repo DIR       checkout to measure (default: current directory)
    --python PATH    interpreter (default: DIR/.venv/bin/python)
    -n N             measured requests per page (default 20)
    --warmup W       warm-up requests per page (default 3)
    --warm           page cache on (PAGE_CACHE_ENABLED=1) and primed by the warm-up; default is cold (=0)
    --depth S        call the WSGI app from a frame reserving S extra stack slots (probes CPython's
                     frame-chunk edge; default 0 = plain call)
    --label NAME     prefix printed on every line (e.g. a variant name)
Prints one line per page: label, page, instructions per request, total Ir with N and with 0 requests.
Pages run one after another (never in parallel). Each child checks every response is a 200.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile


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


def child(argv):
    """Runs inside valgrind: python cold_cost.py --child REPO PAGE WARMUP N DEPTH."""
    repo, page, warmup, count, depth = argv[0], argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    sys.path.insert(0, repo)
    os.chdir(repo)
    from careerpaths.wsgi import application

    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    def one():
        result = application(wsgi_environ(page), start_response)
        try:
            for _chunk in result:
                pass
        finally:
            if hasattr(result, "close"):
                result.close()

    call = one
    if depth:

        def padded():
            return one()

        padded.__code__ = padded.__code__.replace(co_stacksize=depth)
        call = padded

    for _ in range(warmup):
        call()
    os.getpid()  # a marker syscall between warm-up and measured requests (frame_probe.py counts munmaps after it)
    for _ in range(count):
        call()
    bad = [s for s in statuses if not s.startswith("200")]
    if bad:
        print(f"cold_cost: {page}: non-200 responses {bad[:3]}", file=sys.stderr)
        sys.exit(3)


def measure(args, page, count):
    env = dict(os.environ)
    env.setdefault("DJANGO_SECRET_KEY", "cold-cost-not-secret")
    env["DJANGO_HTTPS"] = "0"
    env["DJANGO_DEBUG"] = "0"
    env["PYTHONHASHSEED"] = "0"
    env["PAGE_CACHE_ENABLED"] = "1" if args.warm else "0"
    env.setdefault("APP_RELEASE", "cold-cost")  # skip hashing the code at start-up (same in both runs anyway)
    with tempfile.NamedTemporaryFile(prefix="cold_cost.", suffix=".out", delete=True) as out:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out.name}",
            args.python,
            os.path.abspath(__file__),
            "--child",
            args.repo,
            page,
            str(args.warmup),
            str(count),
            str(args.depth),
        ]
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=args.repo)
    match = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode != 0 or not match:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"cold_cost: {page}: child failed (rc {done.returncode})")
    return int(match.group(1))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--repo", default=os.getcwd())
    parser.add_argument("--python")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--depth", type=int, default=0)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    args.repo = os.path.abspath(args.repo)
    args.python = args.python or os.path.join(args.repo, ".venv", "bin", "python")
    mode = "warm" if args.warm else "cold"
    for page in args.pages:
        with_n = measure(args, page, args.n)
        with_0 = measure(args, page, 0)
        per = (with_n - with_0) / args.n
        label = f"{args.label}\t" if args.label else ""
        print(f"{label}{mode}\t{page}\t{per:,.0f}\tIr_{args.n}={with_n}\tIr_0={with_0}", flush=True)


if __name__ == "__main__":
    main()
