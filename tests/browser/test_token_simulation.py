"""The editor's token simulation (bpmn-js-token-simulation from npm) plays a model under the editor's CSP.

Issue 17 left it unverified: the simulation draws its tokens as overlays, and the editor page allows no
inline style attributes beyond two hashed ones. Here the owner starts the simulation, triggers the
start event and watches a token travel to the first user task; the `page` fixture fails the test on any
console error, a CSP violation included.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DemoServer, screenshot, sign_in

pytestmark = pytest.mark.browser
PROCESS = "starttiraha"


@pytest.fixture
def viewport() -> dict[str, int]:
    return {"width": 1400, "height": 1000}


def test_a_token_plays_through_the_model_under_the_editors_csp(page: Any, demo_server: DemoServer) -> None:
    server, _eng = demo_server
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective + ' ' + (e.sample || e.blockedURI)));")
    sign_in(page, server, "omistaja")
    page.goto(f"{server}/processes/{PROCESS}/edit")
    page.wait_for_selector("#editor.ready")
    page.locator("#canvas .bts-toggle-mode").click()
    page.wait_for_selector("#canvas .bts-palette:not(.hidden)")
    # the trigger shows from 50 % zoom up: zoom in on the start event (Ctrl + wheel, as a person does)
    start = page.locator("#canvas .djs-overlays:has(.bts-context-pad[title='Trigger Event'])").first
    start_id = start.get_attribute("data-container-id")
    page.locator(f'#canvas .djs-element[data-element-id="{start_id}"]').hover()
    page.keyboard.down("Control")
    for _ in range(5):
        page.mouse.wheel(0, -120)
    page.keyboard.up("Control")
    page.locator("#canvas .bts-context-pad[title='Trigger Event']").first.click()
    # The token moves along the flows and stops at the first user task, which then waits (a counter)
    token = page.locator("#canvas .bts-token").first
    token.wait_for(state="attached", timeout=15_000)
    page.wait_for_selector("#canvas .bts-token-count, #canvas .bts-token", timeout=15_000)
    box = page.locator("#canvas .djs-overlay:has(.bts-token), #canvas .djs-overlay:has(.bts-token-count)").first
    position = box.evaluate("e => [e.style.left, e.style.top, getComputedStyle(e).position]")
    assert position[2] == "absolute" and position[0].endswith("px"), position   # placed by script, not blocked
    screenshot(page, "editor-token-simulation-playing")
    assert page.evaluate("window.__csp") == []


def test_the_simulation_switch_works_from_the_keyboard(page: Any, demo_server: DemoServer) -> None:
    server, _eng = demo_server
    sign_in(page, server, "omistaja")
    page.goto(f"{server}/processes/{PROCESS}/edit")
    page.wait_for_selector("#editor.ready")
    switch = page.get_by_role("switch", name="Token Simulation")
    assert switch.get_attribute("aria-checked") == "false"
    switch.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#canvas .bts-palette:not(.hidden)")
    assert switch.get_attribute("aria-checked") == "true"
    page.keyboard.press("Space")
    page.wait_for_selector("#canvas .bts-palette.hidden", state="attached")
    assert switch.get_attribute("aria-checked") == "false"
    assert page.evaluate("document.activeElement.classList.contains('bts-toggle-mode')")


def test_the_palette_the_csp_allows_is_the_one_the_bundle_uses() -> None:
    from pathlib import Path

    from webui.processes import SCOPE_COLORS
    source = (Path(__file__).parents[2] / "frontend" / "src" / "scope-colors.js").read_text(encoding="utf-8")
    palette = re.findall(r"'(#[0-9a-f]{6})'", source.split("export const PALETTE", 1)[1].split(";", 1)[0])
    flow = re.search(r"MESSAGE_FLOW = \{ primary: '(#[0-9a-f]{6})', auxiliary: '(#[0-9a-f]{3,6})'", source)
    assert flow is not None
    assert [(p, "#fff") for p in palette] + [flow.groups()] == SCOPE_COLORS
