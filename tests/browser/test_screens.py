"""The screens people live in, at 1280 px and at 390 px (a phone), saved to test-artifacts/screenshots/
for people to look at: the inbox, the task page in each of its states, an instance, the manager's
dashboards and the editor. Also: a diagram's zoom and fit buttons and keyboard panning work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from engine import NotFound
from tests.browser.conftest import DemoServer, shot
from tests.browser.test_accessibility import sign_in_any_language

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _tasks(eng: Any) -> dict[str, str]:
    """A task of each state in the demo data, by the state's name."""
    found: dict[str, str] = {}
    for instance_id in range(1, 120):
        try:
            info = eng.instance(instance_id)
        except NotFound:     # the demo's ids are not all taken
            continue
        for t in info.open_tasks:
            if t.assignee == "asiantuntija":
                found.setdefault("mine", t.id)
            if t.assignee is None and t.candidate_group == "ELY-asiantuntijat":
                found.setdefault("unclaimed", t.id)
        for e in info.history or []:
            if e.kind == "complete" and e.task_id and e.data and e.actor == "asiantuntija":
                found.setdefault("completed", e.task_id)
        found.setdefault("instance", str(instance_id)) if info.open_tasks and info.history else None
    return found


@pytest.fixture(scope="module")
def tasks(demo_server: DemoServer) -> dict[str, str]:
    found = _tasks(demo_server.engine)
    assert {"mine", "unclaimed", "completed", "instance"} <= set(found), found
    return found


@pytest.fixture
def as_user(chromium: Any, server: str) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_as(username: str, size: str) -> Any:
        context = chromium.new_context(viewport=WIDTHS[size], extra_http_headers={"Accept-Language": "fi"})
        contexts.append(context)
        page = context.new_page()
        sign_in_any_language(page, server, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", list(WIDTHS))
def test_screens_for_people_to_look_at(as_user: Any, server: str, tasks: dict[str, str], size: str) -> None:
    expert = as_user("asiantuntija", size)
    expert.goto(f"{server}/inbox")
    shot(expert, f"inbox-{size}")
    ely = as_user("ely", size)                                   # the demo's unclaimed tasks are the ELY group's
    for who, state, text in ((expert, "mine", "Työn alla sinulla"), (ely, "unclaimed", "Ei vielä työn alla"),
                             (expert, "completed", "Valmis")):
        who.goto(f"{server}/tasks/{tasks[state]}")
        assert text in who.inner_text("#task-state"), (state, who.inner_text("#task-state"))
        shot(who, f"task-{state}-{size}")
    manager = as_user("esimies", size)
    manager.goto(f"{server}/tasks/{tasks['mine']}")
    assert "Anna Asiantuntija" in manager.inner_text("#task-state")
    shot(manager, f"task-claimed-by-other-{size}")
    manager.goto(f"{server}/manage/instances/{tasks['instance']}")
    manager.wait_for_selector("#instance-diagram .diagram-controls")
    shot(manager, f"instance-{size}")
    manager.goto(f"{server}/")
    shot(manager, f"landing-manager-{size}")
    manager.goto(f"{server}/crm/aftercare")
    shot(manager, f"dashboard-aftercare-{size}")
    owner = as_user("omistaja", size)
    owner.goto(f"{server}/")
    assert "/processes" in owner.url
    shot(owner, f"landing-owner-{size}")
    owner.goto(f"{server}/processes/palvelutarvearvio/edit")
    owner.wait_for_selector("#canvas .djs-container")
    owner.wait_for_selector("#canvas .diagram-controls")
    shot(owner, f"editor-{size}")


def test_diagram_zooms_fits_and_pans_from_buttons_and_keys(as_user: Any, server: str, tasks: dict[str, str]) -> None:
    page = as_user("esimies", "desktop")
    page.goto(f"{server}/manage/instances/{tasks['instance']}")
    controls = page.locator("#instance-diagram .diagram-controls button")
    controls.first.wait_for()
    assert controls.count() == 3
    assert [controls.nth(i).get_attribute("aria-label") for i in range(3)] == ["Lähennä", "Loitonna", "Sovita näkymään"]
    width, room, height = page.evaluate("""() => { const d = document.getElementById('instance-diagram');
        const p = getComputedStyle(d.parentElement);
        const room = d.parentElement.clientWidth - parseFloat(p.paddingLeft) - parseFloat(p.paddingRight);
        return [d.getBoundingClientRect().width, room, d.getBoundingClientRect().height]; }""")
    assert width >= room - 2 and height >= 420, (width, room, height)    # the diagram fills its container
    zoom = "() => document.querySelector('#instance-diagram .viewport').transform.baseVal.consolidate().matrix"
    fitted = page.evaluate(f"({zoom})().a")
    controls.nth(0).click()
    assert page.evaluate(f"({zoom})().a") == pytest.approx(fitted * 1.25, rel=0.02)
    controls.nth(2).click()
    assert page.evaluate(f"({zoom})().a") == pytest.approx(fitted, rel=0.02)
    assert page.get_attribute("#instance-diagram", "tabindex") == "0"     # Tab reaches it
    page.focus("#instance-diagram")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert page.evaluate("document.getElementById('instance-diagram').contains(document.activeElement)"), focused
    x = page.evaluate(f"({zoom})().e")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate(f"({zoom})().e") != x, f"arrow keys pan the diagram (focus on {focused})"


@pytest.mark.parametrize("size", list(WIDTHS))
def test_screens_of_saved_filters_the_manager_landing_and_a_refused_form(as_user: Any, server: str,
                                                                         size: str) -> None:
    """Issue 19's later pages: the manager lands on the overdue aftercare above the team's load; a filter
    saved on the inbox and on the instance list is offered as a link; a refused form after its redirect."""
    manager = as_user("esimies", size)
    manager.goto(f"{server}/")
    assert manager.locator("#late-title").is_visible()
    headings = [h.strip() for h in manager.locator("main h2").all_text_contents()]
    assert headings[0].startswith("Myöhässä olevat jälkihoidot") and "Tiimin kuormitus" in headings, headings
    shot(manager, f"landing-manager-overdue-{size}")
    manager.goto(f"{server}/manage/instances?overdue=1")
    manager.fill("#filter-name", f"Myöhästyneet {size}")
    manager.get_by_role("button", name="Tallenna suodatin").click()
    manager.wait_for_load_state()
    link = manager.get_by_role("link", name=f"Myöhästyneet {size}")
    assert link.get_attribute("href").endswith("?overdue=1")
    shot(manager, f"instances-saved-filter-{size}")
    expert = as_user("asiantuntija", size)
    expert.goto(f"{server}/inbox?tab=all&due=overdue")
    expert.fill("#filter-name", "Kaikki myöhässä")
    expert.get_by_role("button", name="Tallenna suodatin").click()
    expert.wait_for_load_state()
    assert expert.get_by_role("link", name="Kaikki myöhässä").count() == 1
    shot(expert, f"inbox-saved-filter-{size}")
    expert.get_by_role("button", name="Poista suodatin Kaikki myöhässä").click()   # the next size starts empty
    expert.wait_for_load_state()
    assert expert.get_by_role("link", name="Kaikki myöhässä").count() == 0
    expert.goto(f"{server}/start")
    expert.fill("#customer", "0000000-0")
    expert.locator("form[action$='/start'] button.primary").click()
    expert.wait_for_load_state()
    assert expert.url == f"{server}/start" and expert.input_value("#customer") == "0000000-0"
    shot(expert, f"start-refused-{size}")
