#!/usr/bin/env python3
"""The real `frictionless validate` on /data/datapackage.json and every CSV, as a running site serves them.

Starts gunicorn on a free loopback port over a throwaway SQLite database with the real content, then
validates the package by its URL, so frictionless fetches each CSV over HTTP as any data tool would.
Exits non-zero on any error. Run from .ci/run.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, Gunicorn, manage, server_env  # noqa: E402 (the helpers of make bench)

FRICTIONLESS = ROOT / ".venv" / "bin" / "frictionless"


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="ccp-open-data-"))
    env = server_env({"DATABASE_URL": f"sqlite:///{scratch / 'open-data.sqlite3'}"})
    try:
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "load_content", "--verbosity", "0")
        with Gunicorn(env, workers=2) as server:
            result = subprocess.run([str(FRICTIONLESS), "validate", f"{server.url}/data/datapackage.json"])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
