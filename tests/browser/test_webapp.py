"""The web app in a real browser (Debian's Chromium driven by Playwright) against a real server with
the demo data (the fixtures are in conftest.py). Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import shot, sign_in

pytestmark = pytest.mark.browser


def test_expert_claims_and_completes_a_task_through_the_form(page: Any, server: str) -> None:
    sign_in(page, server, "asiantuntija")
    page.wait_for_url(re.compile(r".*/inbox"))
    shot(page, "inbox")
    # a group task in the ELY lane is not ours; our own first task of a fresh needs assessment is
    page.get_by_role("link", name="Service promise and appointment").first.click()   # the task's English name
    shot(page, "task")
    assert page.locator("#f-yhteyshenkilo").input_value()        # pre-filled from the customer card (issue 18)
    page.locator("#f-yhteyshenkilo").fill("")
    page.get_by_role("button", name="Complete").click()           # empty required fields: errors
    assert page.locator(".error-summary").is_visible()
    assert page.locator(".field.invalid").count() >= 1
    shot(page, "task-errors")
    form = page.locator("form.task-form")
    for field in form.locator(".field").all():
        radios = field.locator("input[type=radio][value=true]")
        if radios.count():
            radios.first.check()
        for date_input in field.locator("input.date").all():
            date_input.fill("26.11.2026")                          # typed day first, as in Finland
        for text in field.locator("input[type=text]:not(.date), textarea").all():
            if not text.input_value():
                text.fill("Sovittu puhelimessa")
        for select in field.locator("select").all():
            options = select.locator("option").all()
            if len(options) > 1 and not select.input_value():
                select.select_option(index=1)
    page.get_by_role("button", name="Complete").click()
    page.wait_for_url(re.compile(r".*/inbox"))
    assert "completed" in page.locator(".flashes").inner_text()


def test_inline_claim_updates_the_inbox_without_a_reload(page: Any, server: str) -> None:
    sign_in(page, server, "ely")
    page.wait_for_url(re.compile(r".*/inbox"))
    page.get_by_role("link", name=re.compile("My groups")).click()
    rows = page.locator("table.list tbody tr")
    before = rows.count()
    assert before >= 1
    page.evaluate("window.__marker = 'still here'")
    rows.first.get_by_role("button", name="Claim").click()
    from playwright.sync_api import expect

    expect(page.locator(".flashes .flash")).to_contain_text("claimed")
    expect(rows).to_have_count(before - 1)
    assert page.evaluate("window.__marker") == "still here"      # no full reload happened
    assert page.locator(".tabs").get_by_text(re.compile("Mine")).count() == 1


def test_language_switch_changes_the_page(page: Any, server: str) -> None:
    sign_in(page, server, "asiantuntija")
    page.wait_for_url(re.compile(r".*/inbox"))
    assert page.get_by_role("button", name="Sign out").is_visible()
    page.get_by_role("button", name="Suomi").click()
    assert page.get_by_role("button", name="Kirjaudu ulos").is_visible()
    assert page.locator("h1").inner_text() == "Tehtävät"
    shot(page, "inbox-fi")
    page.get_by_role("button", name="Svenska").click()
    assert page.get_by_role("button", name="Logga ut").is_visible()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("h1").inner_text() == "Uppgifter"
    shot(page, "inbox-sv")
    page.get_by_role("button", name="English").click()
    assert page.locator("h1").inner_text() == "Tasks"


def test_keyboard_first_stop_is_the_skip_link_and_sign_in_starts_in_the_username(page: Any, server: str) -> None:
    page.goto(f"{server}/login")
    assert page.evaluate("document.activeElement.id") == "username"      # autofocus
    sign_in(page, server, "asiantuntija")
    page.wait_for_url(re.compile(r".*/inbox"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_manager_filters_instances_and_opens_one(page: Any, server: str) -> None:
    sign_in(page, server, "esimies")
    page.get_by_role("link", name="Instances").first.click()
    all_rows = page.locator("table tbody tr").count()
    page.get_by_label("Aftercare overdue").check()
    page.get_by_role("button", name=re.compile("Filter")).click()
    overdue = page.locator("table tbody tr")
    assert 0 < overdue.count() < all_rows
    shot(page, "manager-instances")
    overdue.first.locator("a").first.click()
    page.wait_for_url(re.compile(r".*/manage/instances/\d+$"))       # is_visible() does not wait
    assert page.get_by_role("heading", name="History", exact=True).is_visible()
    shot(page, "manager-instance")
    page.get_by_role("link", name="Team").first.click()
    assert page.get_by_text("Total").first.is_visible()
    shot(page, "manager-team")


YES = {"palvelulupaus_annettu", "vastuuasiantuntija_kerrottu", "asiakas_tavoitettu", "uudet_palvelutarpeet",
       "palvelutarve_arvioitu"}


def fill_task_form(page: Any) -> None:
    """Answer a task form as an expert would on the plain path: yes to the promise, reached and new needs."""
    form = page.locator("form.task-form")
    for fieldset in form.locator("fieldset").all():
        radios = fieldset.locator("input[type=radio]")
        if not radios.count():          # a multi-select (check boxes): tick the first choice
            fieldset.locator("input[type=checkbox]").first.check()
            continue
        name = radios.first.get_attribute("name")
        fieldset.locator(f"input[value={'true' if name in YES else 'false'}]").check()
    for date_input in form.locator("input.date").all():
        date_input.fill("26.11.2026")
    for number in form.locator("input[type=number]").all():
        number.fill(number.get_attribute("min") or "1")
    for text in form.locator("input[type=text]:not(.date), textarea").all():
        if not text.input_value() and text.get_attribute("readonly") is None:
            text.fill("Sovittu asiakkaan kanssa")
    for select in form.locator("select").all():
        if not select.input_value():
            select.select_option(index=1)


def test_a_service_from_start_to_aftercare_with_new_needs(page: Any, server: str) -> None:
    """The web-app issue's walk: an expert starts a service, works it to aftercare, finds new needs; the
    company's service path links the new needs assessment; a manager finds both instances."""
    business_id = "7855617-2"      # Nokian Puutuote Oy in the demo data
    sign_in(page, server, "asiantuntija")
    page.goto(f"{server}/start?customer={business_id}")
    page.locator("#process").select_option("rekrytointipalvelut")
    page.get_by_role("button", name="Start", exact=True).click()
    for _ in range(12):
        heading = page.locator("h1").inner_text()
        fill_task_form(page)
        page.get_by_role("button", name="Complete").click()
        assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
        if heading.startswith("Aftercare"):
            break
        page.goto(f"{server}/customers/{business_id}")
        latest = page.locator("section, li, article").filter(has_text="Recruitment services").last
        latest.get_by_role("link").filter(has_text=re.compile(r"\w")).last.click()
    else:
        pytest.fail("the service never reached its aftercare")
    page.goto(f"{server}/customers/{business_id}")
    assert page.get_by_text(re.compile("Started from")).last.is_visible()
    shot(page, "service-path-new-needs")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, server, "esimies")
    page.goto(f"{server}/manage/instances?customer={business_id}")
    names = page.locator("table tbody tr").all_inner_texts()
    assert any("Recruitment services" in n for n in names) and any("needs assessment" in n for n in names)
