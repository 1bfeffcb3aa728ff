"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Outside CI they skip with a clear message when Chromium is missing; with CI=true that is a failure.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import snapshot

# Playwright's sync API keeps an event loop running in the test thread, so Django would refuse the
# (synchronous) ORM calls of fixtures and database teardown without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH."
        if IN_CI:
            pytest.fail(message + " CI must run the browser tests.", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def site(live_server, transactional_db):
    """The live site with the real content (transactional tests start from an empty database)."""
    snapshot.ensure_content()
    return live_server.url


@pytest.fixture(scope="session")
def axe():
    """axe-core, bundled with axe-playwright-python (works offline)."""
    return Axe()


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF that Chromium printed."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
