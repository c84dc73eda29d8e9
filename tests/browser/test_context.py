"""The customer is not asked twice, in a real browser against the demo data (issue 18): an aftercare
call writes new needs; the needs assessment it starts shows them beside its form, and the form starts
with the contact person the service recorded."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import DemoServer, shot, sign_in
from tests.browser.test_webapp import fill_task_form

pytestmark = pytest.mark.browser
NEEDS = "Yritys tarvitsee kaksi hitsaajaa ja työnjohtokoulutusta syksyllä."


def test_new_needs_written_in_aftercare_reach_the_needs_assessment(page: Any, demo_server: DemoServer) -> None:
    server, eng = demo_server
    aftercare = next(t for t in eng.inbox("asiantuntija", limit=200) if t.is_aftercare)
    parent = eng.instance(aftercare.instance_id)
    contact = parent.data["yhteyshenkilo"]
    sign_in(page, server, "asiantuntija")
    page.goto(f"{server}/tasks/{aftercare.id}")
    fill_task_form(page)
    page.locator("#f-uudet_tarpeet_kuvaus").fill(NEEDS)
    page.get_by_role("button", name="Complete").click()
    page.wait_for_url(re.compile(r".*/(tasks|inbox)?.*"))
    (child,) = [c for c in eng.instance(parent.id).children if eng.instance(c).process_key == "palvelutarvearvio"]
    (first,) = eng.instance(child).open_tasks
    page.goto(f"{server}/tasks/{first.id}")
    earlier = page.locator("section.earlier-steps")
    assert earlier.locator("article.from-parent").is_visible()
    assert NEEDS in earlier.locator("article.from-parent").inner_text()
    assert page.locator("#f-yhteyshenkilo").input_value() == contact != ""
    shot(page, "task-context-from-aftercare")
