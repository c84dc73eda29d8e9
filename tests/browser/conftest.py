"""Browser fixtures: Debian's Chromium driven by Playwright for Python, the front-end bundle, and the
real app with the demo data served on a free port.

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
from typing import Any, NamedTuple

import pytest

from engine import Engine
from engine.demo.seed import demo_accounts
from tests.conftest import DemoTemplates

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


def need_bundle(*names: str) -> Path:
    for name in names:
        if not (DIST / name).is_file():
            skip_or_fail(f"the front-end bundle webui/static/dist/{name} is missing (run `make frontend`)")
    return DIST


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The built viewer bundle."""
    return need_bundle("viewer.js", "viewer.css")


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


def screenshot(target: Any, name: str, **options: Any) -> Path:
    """A page's or an element's screenshot; `options` go to Playwright (`full_page=True`)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    target.screenshot(path=str(path), **options)
    return path


def shot(page: Any, name: str) -> Path:
    """A screenshot of the whole page, scrolled parts included."""
    return screenshot(page, name, full_page=True)


# --- the real app -------------------------------------------------------------------------------------

def bodies_read_first(app: Any) -> Any:
    """`app` answering with its response body already read and closed.

    Werkzeug's development server closes a response's body only after reading what is left of the
    request; when the browser drops the connection in the middle of a download (a favicon, when the test
    moves on), that read raises and the body - an open static file - is left to the garbage collector.
    Under `filterwarnings = error` its ResourceWarning then fails whichever test is running. The test
    pages are small, so reading each body whole before the server writes it costs nothing."""
    def wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()
    return wsgi


class DemoServer(NamedTuple):
    url: str
    engine: Engine


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory, demo_templates: DemoTemplates) -> Iterator[DemoServer]:
    """The real app with `make run`'s demo data on a temporary SQLite file, served on a free port; one
    per test module, so a module's changes (a deployed version, reminders sent) stay in that module. The
    file is a copy of the session's seeded demo (tests/conftest.py), not seeded again per module.
    The engine is there for checking what a page did."""
    from werkzeug.serving import make_server

    from webui import create_app

    need_bundle("viewer.js", "viewer.css", "modeler.js", "modeler.css")   # the diagram pages and the editor
    eng = Engine(demo_templates.sqlite(tmp_path_factory.mktemp("web") / "web.db"))
    app = create_app({"SECRET_KEY": "browser-tests", "DEMO_MODE": True, "DEMO_ACCOUNTS": demo_accounts()},
                     engine=eng)
    httpd = make_server("127.0.0.1", 0, bodies_read_first(app), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield DemoServer(f"http://127.0.0.1:{httpd.server_port}", eng)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
        eng.dispose()


@pytest.fixture(scope="module")
def server(demo_server: DemoServer) -> str:
    """The demo server's base URL."""
    return demo_server.url


@pytest.fixture(scope="module")
def with_decisions(demo_server: DemoServer) -> DemoServer:
    """The demo server with the Camunda invoice example's decision tables deployed (the demo has none),
    so the decision pages have something to show."""
    if not demo_server.engine.decisions():
        demo_server.engine.deploy(ROOT / "tests" / "conformance" / "camunda-examples" / "invoice"
                                  / "invoiceBusinessDecisions.dmn")
    return demo_server


@pytest.fixture
def viewport() -> dict[str, int]:
    """The page's size; a module overrides this fixture for a wider page."""
    return {"width": 1280, "height": 900}


@pytest.fixture
def page(chromium: Any, viewport: dict[str, int]) -> Iterator[Any]:
    """A fresh English page that fails the test on script errors, console errors (CSP included) and
    404/500 answers."""
    context = chromium.new_context(viewport=viewport, locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    problems = PageProblems()
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console: {m.text}") if _script_error(m) else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status in (404, 500) else None)
    yield page
    context.close()
    assert problems == [], problems


def _script_error(message: Any) -> bool:
    """A console error other than Chromium's "Failed to load resource" line, which every 4xx answer
    gets: a form sent back with its errors (422) or a refused page (403) is what some tests want, and
    the 404s and 500s that are not are caught from the responses."""
    return bool(message.type == "error" and not message.text.startswith("Failed to load resource"))


def sign_in(page: Any, server: str, username: str) -> None:
    """The sign-in form with the demo user's password; returns once the app has let the user in."""
    page.goto(f"{server}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-demo-pass")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: not url.endswith("/login"))
