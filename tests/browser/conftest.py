"""Browser fixtures: Debian's Chromium driven by Playwright for Python, and the front-end bundle.

Browser tests skip where Playwright, /usr/bin/chromium or the built bundle (webui/static/dist/, made
by `make frontend`) is missing, unless PALVELUPOLKU_REQUIRE_BROWSER=1 (CI), which turns the skip into
a failure. Screenshots go to test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SHOTS = ROOT / "test-artifacts" / "screenshots"
DIST = ROOT / "webui" / "static" / "dist"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REQUIRE_BROWSER = os.environ.get("PALVELUPOLKU_REQUIRE_BROWSER") == "1"


def skip_or_fail(problem: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"PALVELUPOLKU_REQUIRE_BROWSER=1 but {problem}.")
    pytest.skip(problem)


def chromium_path() -> str:
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not path:
        skip_or_fail(f"Chromium is missing ({CHROMIUM}; apt-get install chromium)")
    return str(path)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium, one per test module (Playwright's sync API allows one at a time)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install -e '.[dev]')")
    executable = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The built viewer bundle."""
    for name in ("viewer.js", "viewer.css"):
        if not (DIST / name).is_file():
            skip_or_fail(f"the front-end bundle webui/static/dist/{name} is missing (run `make frontend`)")
    return DIST


class _TestPageHandler(SimpleHTTPRequestHandler):
    """Serves webui/ (so /static/dist/... is the bundle, at the URL the Flask app uses) and the test page."""

    pages = {"/bpmn_viewer.html": HERE / "bpmn_viewer.html"}

    def translate_path(self, path: str) -> str:
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if bare in self.pages:
            return str(self.pages[bare])
        if not bare.startswith("/static/"):
            return str(HERE / "does-not-exist")
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:   # quiet
        pass


@pytest.fixture(scope="module")
def static_server(bundle: Path) -> Iterator[str]:
    """A static file server on a free loopback port; yields its base URL."""
    handler = functools.partial(_TestPageHandler, directory=str(ROOT / "webui"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


class PageProblems(list[str]):
    """Console errors, script errors, failed or non-local requests seen by a page."""


@pytest.fixture
def browser_page(chromium: Any, static_server: str) -> Iterator[tuple[Any, PageProblems]]:
    """A fresh page that records every problem, and refuses any request off the test server."""
    context = chromium.new_context(viewport={"width": 1600, "height": 900}, locale="en-GB")
    problems = PageProblems()

    def only_local(route: Any) -> None:
        url = route.request.url
        if url.startswith(static_server + "/") or url.startswith("data:"):
            route.continue_()
        else:
            problems.append(f"request off the test server: {url}")
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    try:
        yield page, problems
    finally:
        context.close()


def screenshot(target: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    target.screenshot(path=str(path))
    return path
