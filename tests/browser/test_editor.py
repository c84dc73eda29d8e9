"""The process owners' editor and the managers' instance diagram in a real browser (Debian's Chromium
driven by Playwright) against the real app with the demo data.

The owner opens a process in the editor, renames a task and adds a form field in the properties
panel, removes the aftercare task and sees Check put the problem on the diagram, undoes that,
checks clean and deploys; version 2 appears, a new instance runs on it while the old one stays on
version 1, and a manager sees the new instance's active task marked on its diagram.
Screenshots go to test-artifacts/screenshots/editor-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from engine.runtime.queries import InstanceFilter
from tests.browser.conftest import DemoServer, screenshot, sign_in

pytestmark = pytest.mark.browser
PROCESS = "starttiraha"
RENAMED = "Palvelulupaus ja aikataulu"


@pytest.fixture
def viewport() -> dict[str, int]:
    """Wide enough for the editor's canvas and its properties panel side by side."""
    return {"width": 1400, "height": 1000}


def shape(page: Any, element_id: str) -> Any:
    return page.locator(f'#canvas .djs-element[data-element-id="{element_id}"]')


def check(page: Any) -> str:
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function("() => !document.getElementById('editor-status').textContent.includes('Checking')")
    return str(page.locator("#editor-status").text_content())


def test_owner_edits_checks_fixes_and_deploys_then_a_manager_sees_the_new_instance(
        page: Any, demo_server: DemoServer) -> None:
    server, eng = demo_server
    old_ids = [row.id for row in eng.instances(InstanceFilter(process_key=PROCESS)).items]
    assert old_ids, "the demo data has a running instance of the process"

    sign_in(page, server, "omistaja")
    page.goto(f"{server}/processes/")
    screenshot(page, "editor-processes")
    section = page.locator("section.process", has=page.locator(f"#p-{PROCESS}"))
    section.get_by_role("link", name=re.compile("Edit version 1")).click()
    page.wait_for_selector("#editor.ready")

    # rename the service-promise task in the properties panel
    shape(page, "Task_palvelulupaus").click()
    open_group(page, "General")
    name = page.locator("#bio-properties-panel-name")
    name.fill(RENAMED)
    page.wait_for_function(
        "name => [...document.querySelectorAll('#canvas .djs-element[data-element-id=\"Task_palvelulupaus\"] text')]"
        ".some(t => t.textContent.replace(/\\s+/g, ' ').includes(name.split(' ')[0]))", arg=RENAMED)
    # add a form field: id, label, type
    fields = page.locator("[id^=bio-properties-panel-Task_palvelulupaus-formField-][id$=-formFieldID]")
    before = fields.count()
    form_group = open_group(page, "Form fields")
    form_group.locator(".bio-properties-panel-group-header").get_by_title("Create new list item").click()
    expect_count(fields, before + 1)
    prefix = f"#bio-properties-panel-Task_palvelulupaus-formField-{before}"
    page.locator(f"{prefix}-formFieldID").fill("lisatiedot")
    page.locator(f"{prefix}-formFieldLabel").fill("Lisätiedot")
    page.locator(f"{prefix}-formFieldType").select_option("string")
    screenshot(page, "editor-properties")
    page.get_by_role("button", name="Save draft", exact=True).click()
    page.wait_for_function("() => document.getElementById('editor-status').textContent === 'Draft saved.'")
    draft = eng.draft("omistaja", PROCESS)
    assert draft is not None and RENAMED in draft.source_xml and 'id="lisatiedot"' in draft.source_xml
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .bpmn", exact=True).click()
    assert download.value.suggested_filename == f"{PROCESS}.bpmn"
    assert RENAMED in Path(download.value.path()).read_text(encoding="utf-8")

    # remove the aftercare task: Check puts the problem on the diagram and in the list
    shape(page, "Task_jalkihoito").click()
    page.locator('.djs-context-pad .entry[data-action="delete"]').click()
    assert shape(page, "Task_jalkihoito").count() == 0
    assert "Problems found" in check(page)
    problems = page.locator("#problems button.problem")
    assert problems.count() >= 1
    assert page.locator("#problems").get_by_text(re.compile("aftercare", re.I)).count() >= 1
    assert page.locator("#canvas .problem-badge").count() >= 1
    marked = page.locator("#canvas .djs-element.has-problem")
    assert marked.count() >= 1
    screenshot(page, "editor-problems")
    # the process-wide problem is drawn on the pool; selecting it in the list selects the pool
    page.locator("#problems button.problem", has_text=PROCESS).first.click()
    assert page.locator("#canvas .djs-element.selected.has-problem").count() == 1

    # fix: undo the removal (Ctrl+Z on the canvas); the check is clean again
    page.locator("#canvas svg").first.focus()          # the palette may reach down to any spot a click would pick
    page.keyboard.press("Control+z")
    expect_count(shape(page, "Task_jalkihoito"), 1)
    # deployable; the new field has no Swedish label yet: a warning in the list, not a mark on the diagram
    assert check(page).startswith("The model can be deployed; texts missing in a language:")
    assert page.locator("#problems button.problem.warning", has_text="lisatiedot").count() == 1
    assert page.locator("#canvas .problem-badge").count() == 0

    # deploy: the confirmation shows what changed (the compare view), then version 2 appears
    page.get_by_role("button", name="Deploy", exact=True).click()
    dialog = page.locator("dialog#deploy-confirm[open]")
    dialog.wait_for()
    assert "form field lisatiedot added" in dialog.locator("#deploy-confirm-changes").inner_text()
    screenshot(page, "editor-deploy-confirm")
    dialog.get_by_role("button", name="Deploy these changes").click()
    page.wait_for_url(re.compile(rf".*/processes/{PROCESS}/v2$"))
    assert "Deployed starttiraha version 2." in page.locator(".flashes").inner_text()
    page.wait_for_selector("#heatmap.ready")
    screenshot(page, "editor-deployed-version")
    page.goto(f"{server}/processes/")
    assert section.get_by_role("link", name=re.compile("version 2")).count() >= 1
    # version 1's heatmap: the demo instance waits at a task there
    page.goto(f"{server}/processes/{PROCESS}/v1")
    page.wait_for_selector("#heatmap.ready")
    assert page.locator("#heatmap .count.waiting").count() >= 1
    screenshot(page, "editor-heatmap")
    # what changed from 1 to 2: the renamed task with its new form field, and nothing else
    page.goto(f"{server}/processes/{PROCESS}/compare?old=1&new=2")
    rows = page.locator("table.changes tbody tr")
    assert rows.count() == 1
    assert "form field lisatiedot added" in rows.first.inner_text()
    assert f"name: 'Palvelulupaus asiakkaalle' → '{RENAMED}'" in rows.first.inner_text()
    screenshot(page, "editor-compare")

    # what was deployed is what was edited; a new instance runs on version 2, the old stay on 1
    assert eng.draft("omistaja", PROCESS) is None                    # the deployed draft is done with
    _info, xml = eng.process_version(PROCESS, 2)
    assert RENAMED in xml and 'id="lisatiedot"' in xml and 'label="Lisätiedot"' in xml
    customer = next(c.business_id for c in eng.customers().items if c.business_id)
    new = eng.start(PROCESS, customer=customer, responsible="asiantuntija")
    assert new.version == 2 and new.open_tasks[0].name == RENAMED
    assert {eng.instance(i).version for i in old_ids} == {1}
    assert "lisatiedot" in {f["id"] for f in eng.task(new.open_tasks[0].id).form}

    # a manager sees the new instance with its active task marked on the diagram
    page.goto(f"{server}/login")
    page.context.clear_cookies()
    sign_in(page, server, "esimies")
    page.goto(f"{server}/manage/instances/{new.id}")
    page.wait_for_selector("#instance-diagram.ready")
    assert "version 2" in page.locator("dl.facts").inner_text()
    active = page.locator('#instance-diagram .djs-element.state-active[data-element-id="Task_palvelulupaus"]')
    assert active.count() == 1
    assert page.locator("#instance-diagram .djs-element.state-completed").count() >= 1
    assert page.locator("#instance-diagram .djs-connection.flow-taken").count() >= 1
    # an English page names the task by the model's English text (the owner renamed only the Finnish)
    item = page.locator('#element-states button[data-element="Task_palvelulupaus"]')
    item.focus()
    page.keyboard.press("Enter")
    assert page.locator("#element-history h3").inner_text() == "Service promise to the customer"
    assert "Task created" in page.locator("#element-history").inner_text()
    screenshot(page, "editor-manager-instance")
    page.goto(f"{server}/manage/instances/{old_ids[0]}")
    page.wait_for_selector("#instance-diagram.ready")
    assert "version 1" in page.locator("dl.facts").inner_text()


def open_group(page: Any, title: str) -> Any:
    """A group of the properties panel, opened if it was collapsed."""
    group = page.locator("#properties .bio-properties-panel-group", has=page.locator(
        ".bio-properties-panel-group-header-title", has_text=re.compile(f"^{title}$")))
    if group.locator(".bio-properties-panel-group-entries.open").count() == 0:
        group.locator(".bio-properties-panel-group-header-title").click()
    return group


def expect_count(locator: Any, n: int) -> None:
    from playwright.sync_api import expect

    expect(locator).to_have_count(n)
