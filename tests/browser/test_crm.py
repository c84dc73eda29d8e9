"""The customer relationship pages in a real browser against the demo data: the aftercare chart
drawn with data, a portfolio contact that starts a needs assessment, and a reminder that reaches
the outbox once although the reminders run twice. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from typing import Any

import pytest

from engine import Engine
from tests.browser.conftest import DemoServer, shot, sign_in

pytestmark = pytest.mark.browser


def test_aftercare_dashboard_draws_its_charts_from_the_numbers(page: Any, demo_server: DemoServer) -> None:
    server, eng = demo_server
    sign_in(page, server, "esimies")
    page.get_by_role("link", name="Aftercare").first.click()
    page.wait_for_url(re.compile(r".*/crm/aftercare"))
    line = page.get_by_role("img", name="On-time aftercare share per week")
    assert line.is_visible()
    dots = line.locator("circle")
    assert dots.count() >= 5 and line.locator("polyline").count() >= 1
    bars = page.get_by_role("img", name="Services ended and aftercare on time per process")
    widths = [float(r.get_attribute("width")) for r in bars.locator("rect.bar-part").all()]
    assert any(w > 0 for w in widths)
    total = page.locator("tr[data-group=total] td").first.inner_text()
    board = eng.aftercare_dashboard(_default_period(eng))
    assert int(total) == board.total.ended >= 15
    assert dots.count() == sum(1 for w in board.weekly if w.on_time_share is not None)
    shot(page, "crm-aftercare")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename.startswith("aftercare-")
    page.get_by_role("link", name="Quality feedback").click()
    assert page.get_by_role("heading", name="Quality feedback").is_visible()
    assert page.locator("ul.feedback li blockquote").count() >= 3
    shot(page, "crm-quality")


def _default_period(eng: Engine) -> Any:
    from datetime import timedelta

    from engine.office.crm import Period

    return Period(eng.today() - timedelta(days=120), eng.today())


def test_logging_a_portfolio_contact_with_new_needs_starts_a_needs_assessment(page: Any,
                                                                            demo_server: DemoServer) -> None:
    server, eng = demo_server
    sign_in(page, server, "asiantuntija2")
    page.get_by_role("link", name="Portfolios").first.click()
    page.get_by_role("link", name="Avainasiakkaat Tampere").click()
    due = page.locator("tr", has=page.locator(".badge.overdue"))
    before = due.count()
    assert before >= 1
    row = due.first
    business_id = row.get_attribute("data-business-id")
    shot(page, "crm-portfolio")
    row.get_by_role("link", name=re.compile("Log contact")).click()
    page.get_by_label("Channel").select_option("meeting")
    page.get_by_label("Notes").fill("Yritys hakee kahta uutta myyjää keväälle.")
    page.get_by_label("New service needs: start a service needs assessment").check()
    shot(page, "crm-contact")
    page.get_by_role("button", name="Save contact").click()
    flash = page.locator(".flashes .flash").inner_text()
    match = re.search(r"service needs assessment (\d+) started", flash)
    assert match, flash
    assert page.locator("tr", has=page.locator(".badge.overdue")).count() == before - 1
    assert page.locator(f"tr[data-business-id='{business_id}'] .badge").inner_text() == "in touch"
    info = eng.instance(int(match.group(1)))
    assert (info.process_key, info.customer_business_id, info.responsible) == (
        "palvelutarvearvio", business_id, "asiantuntija2")
    shot(page, "crm-portfolio-after-contact")


def test_a_reminder_reaches_the_outbox_once(page: Any, demo_server: DemoServer) -> None:
    server, eng = demo_server
    sign_in(page, server, "esimies")
    page.get_by_role("link", name="Aftercare").first.click()
    page.get_by_role("link", name="Reminder outbox").click()
    today = eng.today()
    rows_today = page.locator("table.outbox tbody tr", has_text=today.strftime("%d/%m/%Y"))
    assert rows_today.count() == 0
    page.get_by_role("button", name="Run today's reminders").click()
    assert re.search(r"new mails: [1-9]\d*,", page.locator(".flashes .flash").inner_text())
    first = rows_today.count()
    assert first >= 1
    page.get_by_role("button", name="Run today's reminders").click()
    assert "New notifications: 0, new mails: 0," in page.locator(".flashes .flash").inner_text()
    assert rows_today.count() == first
    rows_today.first.locator("summary").click()
    # the digest is written in the recipient's language (Finnish: the demo manager chose none), dates d.m.yyyy
    assert "muistutuksesi " in rows_today.first.locator("pre.mail").inner_text()
    shot(page, "crm-outbox")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, server, "asiantuntija2")
    count = page.locator(".notif-link .count")
    assert int(count.inner_text()) >= 1
    page.locator(".notif-link").click()
    assert page.locator("li.kind-handover").count() == 1
    shot(page, "crm-notifications")
    page.locator("li.kind-handover").get_by_role("button", name=re.compile("Done")).click()
    assert page.locator("li.kind-handover").count() == 0


def test_the_yearly_plan_shows_segments_and_a_manager_edits_it(page: Any, demo_server: DemoServer) -> None:
    server, eng = demo_server
    sign_in(page, server, "esimies")
    page.get_by_role("link", name="Plan").first.click()
    plan = eng.plan(eng.today().year)
    growing = page.locator("tr[data-segment=kasvava]").first
    cells = growing.locator("td.num").all_inner_texts()
    row = plan.by_need[0]
    assert [int(c) for c in cells] == [row.customers, row.target_contacts, row.contacts, row.services_started]
    assert row.customers > 0 and row.services_started > 0
    growing.get_by_label("Contacts planned").fill("55")
    growing.get_by_role("button", name=re.compile("Save")).click()
    assert "Plan saved." in page.locator(".flashes").inner_text()
    assert eng.plan(eng.today().year).by_need[0].target_contacts == 55
    shot(page, "crm-plan")
    page.get_by_role("button", name="Suomi").click()
    page.get_by_role("link", name="Jälkihoito").first.click()
    assert page.get_by_role("img", name="Ajallaan tehtyjen jälkihoitojen osuus viikoittain").is_visible()
    shot(page, "crm-aftercare-fi")
