"""The customer relationship pages: who may see what, CSRF on every form, the CSV export carrying
the dashboard's numbers, portfolios with the contact log, the plan and the notifications."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from engine import Engine, ManualClock
from engine.demo.seed import drive
from engine.office.crm import Period
from tests.conftest import ROOT
from tests.webui.helpers import csrf, login

CUSTOMER = "0112038-9"
MANAGER_ONLY = ["/crm/aftercare", "/crm/aftercare.csv", "/crm/quality", "/crm/outbox"]
STAFF = ["/crm/portfolios", "/crm/plan", f"/crm/customers/{CUSTOMER}/contact", "/crm/notifications"]


@pytest.fixture
def office(kokeilu: Engine) -> Engine:
    kokeilu.deploy(ROOT / "processes")
    return kokeilu


def client_for(app: Flask, username: str, password: str) -> FlaskClient:
    client = app.test_client()
    login(client, username, password)
    return client


@pytest.fixture
def manager(secure_app: Flask) -> FlaskClient:
    return client_for(secure_app, "esimies", "salasana-3-kokeilu")


def test_pages_need_sign_in_and_the_right_role(secure_app: Flask, expert: FlaskClient, manager: FlaskClient) -> None:
    anonymous = secure_app.test_client()
    for path in MANAGER_ONLY + STAFF:
        response = anonymous.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path
        assert manager.get(path).status_code == 200, path
    for path in MANAGER_ONLY:
        assert expert.get(path).status_code == 403, path
    for path in STAFF:
        assert expert.get(path).status_code == 200, path
    token = csrf(expert, "/crm/plan")
    response = expert.post("/crm/plan", data={"csrf_token": token, "year": "2026", "segment": "kasvava",
                                              "planned_actions": "x", "target_contacts": "1"})
    assert response.status_code == 403
    assert expert.post("/crm/outbox/run", data={"csrf_token": token}).status_code == 403


def test_every_form_needs_its_csrf_token(manager: FlaskClient) -> None:
    for path, data in [("/crm/portfolios", {"name": "x", "owner": "asiantuntija", "interval": "6"}),
                       ("/crm/plan", {"year": "2026", "segment": "kasvava", "target_contacts": "1"}),
                       (f"/crm/customers/{CUSTOMER}/contact", {"contact_date": "2026-03-01", "channel": "phone"}),
                       ("/crm/outbox/run", {}), ("/crm/notifications/1/done", {})]:
        assert manager.post(path, data=data).status_code == 400, path


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_the_csv_export_has_the_dashboards_numbers(office: Engine, clock: ManualClock, manager: FlaskClient) -> None:
    started = office.start("rekrytointipalvelut", CUSTOMER, "asiantuntija")
    drive(office, clock, started.id, {"asiakas_tavoitettu": True, "arvio_tulos": 4, "arvio_palvelu": 5,
                                      "toimisto_voisi_parantaa": "Nopeammin, kiitos."}, days_per_task=1)
    late = office.start("rekrytointipalvelut", CUSTOMER, "toinen")
    drive(office, clock, late.id, until=lambda t: t.is_aftercare, days_per_task=1)
    clock.advance(timedelta(days=20))
    office.fire_due_timers()
    today = office.today()
    args = {"from": (today - timedelta(days=90)).isoformat(), "to": today.isoformat()}
    response = manager.get("/crm/aftercare.csv", query_string=args)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = _csv(response.get_data(as_text=True))
    assert rows[0][:4] == ["Group", "Process or expert", "Name", "Services ended"]
    board = office.aftercare_dashboard(Period(today - timedelta(days=90), today))
    total = rows[1]
    assert total[0] == "All"
    assert [int(v) for v in total[3:6]] == [board.total.ended, board.total.done, board.total.on_time] == [2, 1, 1]
    assert int(total[7]) == board.total.overdue == 1
    experts = {r[1]: r for r in rows if r[0] == "Expert"}
    assert set(experts) == {"asiantuntija", "toinen"} and experts["toinen"][7] == "1"
    page = manager.get("/crm/aftercare", query_string=args).get_data(as_text=True)
    assert "<svg" in page and "<circle" in page and 'class="bar-part"' in page
    assert "How these numbers are counted" in page and "reassessed the service needs" in page   # issue 18
    quality = manager.get("/crm/quality", query_string=args).get_data(as_text=True)
    assert "Nopeammin, kiitos." in quality


def test_a_bad_period_is_explained(manager: FlaskClient) -> None:
    page = manager.get("/crm/aftercare?from=2026-13-01").get_data(as_text=True)
    assert "Give the dates like 26.11.2026 (day.month.year), between 2000 and 2100." in page
    assert manager.get("/crm/aftercare.csv?from=2026-05-01&to=2026-04-01").status_code == 400


def test_portfolio_and_a_contact_that_starts_a_needs_assessment(office: Engine, secure_app: Flask,
                                                                manager: FlaskClient) -> None:
    token = csrf(manager, "/crm/portfolios")
    refused = manager.post("/crm/portfolios", data={"csrf_token": token, "name": "Salkku", "owner": "esimies",
                                                    "interval": "6"}, follow_redirects=True)
    assert "is not an expert" in refused.get_data(as_text=True)
    response = manager.post("/crm/portfolios", data={"csrf_token": token, "name": "Salkku", "owner": "asiantuntija",
                                                     "interval": "6"})
    assert response.status_code == 302
    pid = int(response.headers["Location"].rsplit("/", 1)[1])
    manager.post(f"/crm/portfolios/{pid}/members", data={"csrf_token": token, "business_id": CUSTOMER})
    page = manager.get(f"/crm/portfolios/{pid}").get_data(as_text=True)
    assert "Oy Esimerkki Ab" in page and "contact due" in page
    expert = client_for(secure_app, "asiantuntija", "salasana-1-kokeilu")
    token = csrf(expert, f"/crm/customers/{CUSTOMER}/contact")
    future = (office.today() + timedelta(days=2)).isoformat()
    bad = expert.post(f"/crm/customers/{CUSTOMER}/contact", follow_redirects=True, data={
        "csrf_token": token, "contact_date": future, "channel": "phone", "notes": "x", "portfolio": pid})
    assert "cannot be in the future" in bad.get_data(as_text=True)
    done = expert.post(f"/crm/customers/{CUSTOMER}/contact", follow_redirects=True, data={
        "csrf_token": token, "contact_date": office.today().isoformat(), "channel": "phone",
        "notes": "Tarvitsee myyjän", "new_needs": "1", "portfolio": pid})
    text = done.get_data(as_text=True)
    match = re.search(r"service needs assessment (\d+) started", text)
    assert match, text
    assert office.instance(int(match.group(1))).process_key == "palvelutarvearvio"
    assert "in touch" in text and "contact due" not in text


def test_plan_saves_for_managers(office: Engine, manager: FlaskClient) -> None:
    token = csrf(manager, "/crm/plan?year=2026")
    manager.post("/crm/plan", data={"csrf_token": token, "year": "2026", "segment": "kasvava",
                                    "planned_actions": "Soitot kasvuyrityksille", "target_contacts": "12"})
    assert office.plan(2026).by_need[0].planned_actions == "Soitot kasvuyrityksille"
    bad = manager.post("/crm/plan", follow_redirects=True, data={"csrf_token": token, "year": "2026",
                                                                  "segment": "nope", "target_contacts": "1"})
    assert "Unknown segment" in bad.get_data(as_text=True)
    manager.post("/crm/plan", data={"csrf_token": token, "year": "2026", "segment": "uusasiakashankinta",
                                    "planned_actions": "Yrityskäynnit", "target_contacts": "30"})
    page = manager.get("/crm/plan?year=2026").get_data(as_text=True)
    acquisition = page[page.index("New-customer acquisition"):]
    assert "Yrityskäynnit" in acquisition and 'value="30"' in acquisition and "New customers won:" in page


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_reminder_names_the_task_in_the_readers_language(office: Engine, clock: ManualClock, secure_app: Flask,
                                                           lang: str) -> None:
    # The task row keeps the model's Finnish name; the reminder list says it as the model does in `lang`.
    started = office.start("rekrytointipalvelut", CUSTOMER, "asiantuntija")
    drive(office, clock, started.id, until=lambda t: t.is_aftercare, days_per_task=1)
    clock.advance(timedelta(days=15))
    office.send_reminders()
    aftercare = next(t for t in office.instance(started.id).open_tasks if t.is_aftercare)
    translated = office.model_texts("rekrytointipalvelut").name(aftercare.element_id, lang)
    assert translated != aftercare.name
    expert = client_for(secure_app, "asiantuntija", "salasana-1-kokeilu")
    expert.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    listed = expert.get("/crm/notifications").get_data(as_text=True)
    assert f"{translated} — " in listed and f"{aftercare.name} — " not in listed, listed[-3000:]


def test_reminders_reach_the_outbox_once_and_the_list_and_header(office: Engine, clock: ManualClock,
                                                                 secure_app: Flask, manager: FlaskClient) -> None:
    started = office.start("rekrytointipalvelut", CUSTOMER, "asiantuntija")
    drive(office, clock, started.id, until=lambda t: t.is_aftercare, days_per_task=1)
    clock.advance(timedelta(days=15))
    token = csrf(manager, "/crm/outbox")
    first = manager.post("/crm/outbox/run", data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "new mails: 1," in first
    second = manager.post("/crm/outbox/run", data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "New notifications: 0, new mails: 0," in second
    assert second.count('data-user="asiantuntija"') == 1
    expert = client_for(secure_app, "asiantuntija", "salasana-1-kokeilu")
    inbox = expert.get("/crm/notifications").get_data(as_text=True)
    assert "overdue since" in inbox and 'class="count"' in inbox
    note = office.notifications("asiantuntija")[0]
    other = client_for(secure_app, "toinen", "salasana-2-kokeilu")
    refused = other.post(f"/crm/notifications/{note.id}/done", data={"csrf_token": csrf(other, "/crm/notifications")},
                         follow_redirects=True)
    assert "belongs to someone else" in refused.get_data(as_text=True)
    expert.post(f"/crm/notifications/{note.id}/done", data={"csrf_token": csrf(expert, "/crm/notifications")})
    assert office.notifications("asiantuntija") == []


def test_one_joint_call_completes_each_service_with_its_own_answers(office: Engine, clock: ManualClock,
                                                                   expert: FlaskClient) -> None:
    """Issue 18: two services of one customer ending in the same week are one call on one form."""
    ids = []
    for process in ("rekrytointipalvelut", "kehittamispalvelut"):
        started = office.start(process, CUSTOMER, "asiantuntija")
        drive(office, clock, started.id, until=lambda t: t.is_aftercare, days_per_task=0.5)
        ids.append(started.id)
    (call,) = office.aftercare_calls("asiantuntija")
    task_page = expert.get(f"/tasks/{call.task_ids[1]}").get_data(as_text=True)
    assert f"/crm/calls/{call.task_ids[1]}" in task_page and "One call covers 2 services" in task_page
    page = expert.get(f"/crm/calls/{call.task_ids[0]}").get_data(as_text=True)
    assert page.count('class="call-section"') == 2
    data = {"csrf_token": csrf(expert, f"/crm/calls/{call.task_ids[0]}")}
    for n, task_id in enumerate(call.task_ids):
        for field, value in {"yhteydenotto_pvm": "2.3.2026", "yhteydenottotapa": "puhelin",
                             "asiakas_tavoitettu": "true", "palvelutarve_arvioitu": "true",
                             "arvio_tulos": str(3 + n), "arvio_palvelu": "4", "uudet_palvelutarpeet": "false"}.items():
            data[f"{task_id}:{field}"] = value
    missing = dict(data)
    del missing[f"{call.task_ids[1]}:arvio_tulos"]
    assert expert.post(f"/crm/calls/{call.task_ids[0]}", data=missing).status_code == 422
    assert office.aftercare_calls("asiantuntija") == [call]
    response = expert.post(f"/crm/calls/{call.task_ids[0]}", data=data)
    assert response.status_code == 302
    assert office.aftercare_calls("asiantuntija") == []
    for iid in ids:
        done = [h for h in office.instance(iid).history if h.kind == "complete" and h.element_id == "Task_jalkihoito"]
        assert len(done) == 1, iid


def test_the_scorecard_is_for_managers_and_keeps_the_years_targets(office: Engine, manager: FlaskClient,
                                                                   expert: FlaskClient) -> None:
    assert expert.get("/crm/scorecard").status_code == 403
    page = manager.get("/crm/scorecard?year=2026").get_data(as_text=True)
    assert "Results scorecard 2026" in page and "How these numbers are counted" in page and "1300" in page
    token = csrf(manager, "/crm/scorecard")
    response = manager.post("/crm/scorecard", data={"csrf_token": token, "year": "2026", "positive_percent": "72",
                                                    "visits": "1250", "growth": "35"})
    assert response.status_code == 302
    targets = office.scorecard(2026).targets
    assert (targets.positive_feedback_percent, targets.company_visits, targets.growth_companies, targets.set_by) == (
        72, 1250, 35, "esimies")


def test_services_told_are_ticked_on_the_aftercare_form_and_counted_on_the_dashboard(
        office: Engine, clock: ManualClock, expert: FlaskClient, manager: FlaskClient) -> None:
    from engine.demo.seed import autofill

    started = office.start("rekrytointipalvelut", CUSTOMER, "asiantuntija")
    drive(office, clock, started.id, until=lambda t: t.is_aftercare, days_per_task=1)
    (task,) = [t for t in office.instance(started.id).open_tasks if t.is_aftercare]
    page = expert.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert page.count('type="checkbox" name="kerrotut_palvelut"') == 8 and "EURES: international recruitment" in page
    today = office.today().isoformat()
    answers = autofill(office.task(task.id).form, today, {"asiakas_tavoitettu": True, "palvelutarve_arvioitu": True,
                                                          "uudet_palvelutarpeet": False})
    form = {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in answers.items()}
    form["kerrotut_palvelut"] = ["eures", "yhteishankintakoulutus"]     # two boxes ticked
    version = str(office.instance(started.id).lock_version)
    form.update(csrf_token=csrf(expert, f"/tasks/{task.id}"), expected_version=version)
    assert expert.post(f"/tasks/{task.id}/complete", data=form).status_code == 302
    assert office.instance(started.id).data["kerrotut_palvelut"] == ["eures", "yhteishankintakoulutus"]
    board = manager.get("/crm/aftercare").get_data(as_text=True)
    assert "Told of services" in board and "at least one service fitting the present need" in board
    told = board[board.index('class="list told"'):]
    assert "EURES: international recruitment" in told and "Joint-purchase training" in told


def test_the_inbox_shows_a_customers_joint_call_as_one_row(office: Engine, clock: ManualClock,
                                                           expert: FlaskClient) -> None:
    for process in ("rekrytointipalvelut", "yritys_suomi_ohjaus"):
        started = office.start(process, CUSTOMER, "asiantuntija")
        drive(office, clock, started.id, until=lambda t: t.is_aftercare or t.element_id == "Task_varmistus",
              days_per_task=1)
    (call,) = [c for c in office.aftercare_calls("asiantuntija") if c.services == 2]
    page = expert.get("/inbox").get_data(as_text=True)
    assert page.count("One aftercare call: 2 services") == 1
    assert f'href="/crm/calls/{call.task_ids[0]}"' in page or f'href="/crm/calls/{call.task_ids[1]}"' in page
    assert "Each service&#39;s own task:" in page or "Each service's own task:" in page


def test_the_task_page_shows_the_earlier_data_its_model_lists(office: Engine, clock: ManualClock,
                                                              secure_app: Flask) -> None:
    """Issue 18: the ELY assessment's context property lists the mapping and the customer's expectations;
    its page shows them beside the form, and not the contact person's phone of the service promise."""
    iid = office.start("palvelutarvearvio", customer=CUSTOMER, responsible="asiantuntija").id
    drive(office, clock, iid, {"tarve_kehittaminen": True, "asiakkaan_odotukset": "Kasvua vientiin.",
                               "yhteyshenkilo_puhelin": "050 999 8888", "palvelutarve_kuvaus": "Vientiselvitys."},
          until=lambda t: t.element_id == "Task_ely_arvio", days_per_task=1)
    (task,) = office.instance(iid).open_tasks
    page = client_for(secure_app, "ulkopuolinen", "salasana-4-kokeilu").get(f"/tasks/{task.id}")
    assert page.status_code == 200
    panel = page.get_data(as_text=True).split('<section class="earlier-steps"', 1)[1].split("</section>", 1)[0]
    assert "Kasvua vientiin." in panel and "Vientiselvitys." in panel
    assert "050 999 8888" not in panel
