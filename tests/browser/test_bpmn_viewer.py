"""Every process in processes/ renders in the bpmn-js viewer bundle (webui/static/dist/viewer.js).

Each file is imported into the viewer in headless Chromium: no import error, no import warning, a
shape for every element, no console error, nothing loaded from off the page's own server. A few
third-party MIWG reference files show that models from other tools render too. A screenshot per file
goes to test-artifacts/screenshots/bpmn-<name>.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ROOT, PageProblems, screenshot

pytestmark = pytest.mark.browser

PROCESSES = sorted((ROOT / "processes").glob("*.bpmn"))
MIWG = [ROOT / "tests" / "conformance" / "miwg-reference" / name for name in ("A.1.0.bpmn", "B.2.0.bpmn", "C.4.0.bpmn")]


def render(browser_page: tuple[Any, PageProblems], static_server: str, path: Path) -> dict[str, Any]:
    page, problems = browser_page
    page.goto(f"{static_server}/bpmn_viewer.html")
    page.wait_for_function("window.PalvelupolkuViewer && window.renderBpmn")
    result: dict[str, Any] = page.evaluate("xml => window.renderBpmn(xml)", path.read_text(encoding="utf-8-sig"))
    assert result["error"] is None, f"{path.name}: import failed: {result['error']} {result['warnings']}"
    page.evaluate("document.fonts.ready.then(() => true)")
    screenshot(page.locator("#canvas"), f"bpmn-{path.stem}")
    assert result["domElements"] > 0, f"{path.name}: nothing drawn"
    assert result["shapes"] > 0 and result["connections"] > 0, result
    return result


def test_there_are_processes_to_render() -> None:
    assert len(PROCESSES) >= 7, PROCESSES


@pytest.mark.parametrize("path", PROCESSES, ids=[p.name for p in PROCESSES])
def test_process_renders_without_warnings(browser_page: tuple[Any, PageProblems], static_server: str,
                                          path: Path) -> None:
    result = render(browser_page, static_server, path)
    warnings = [f"{w['elementId']}: {w['message']}" for w in result["warnings"]]
    assert warnings == [], f"{path.name}: bpmn-js import warnings"
    assert result["missingDi"] == [], f"{path.name}: elements without a diagram shape"
    assert browser_page[1] == [], f"{path.name}: problems in the page"


@pytest.mark.parametrize("path", MIWG, ids=[p.name for p in MIWG])
def test_third_party_reference_model_renders(browser_page: tuple[Any, PageProblems], static_server: str,
                                             path: Path) -> None:
    result = render(browser_page, static_server, path)
    assert result["shapes"] >= 5, result
    assert browser_page[1] == [], f"{path.name}: problems in the page"


def test_broken_xml_is_an_error_not_a_crash(browser_page: tuple[Any, PageProblems], static_server: str) -> None:
    page, problems = browser_page
    page.goto(f"{static_server}/bpmn_viewer.html")
    page.wait_for_function("window.renderBpmn")
    result = page.evaluate("xml => window.renderBpmn(xml)", "<bpmn:definitions xmlns:bpmn='nope'><oops")
    assert result["error"], result
    assert problems == [], problems


def test_the_bundle_css_refers_only_to_its_own_fonts(bundle: Path) -> None:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", (bundle / "viewer.css").read_text(encoding="utf-8"))
    assert urls, "no url() in viewer.css"
    for url in urls:
        assert url.startswith(("./fonts/", "data:")), url
        if url.startswith("./fonts/"):
            assert (bundle / url.split("?")[0].split("#")[0]).is_file(), url
