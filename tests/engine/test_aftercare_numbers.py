"""Honest aftercare numbers (issue 18): the 14-day clock starts at the service's real end date, "done" is
a reached call with the needs reassessed and both scores, a call that did not reach the customer is no
portfolio contact, and the yearly plan counts services, not needs assessments. Each number is checked
against rows read here with plain SQL, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from engine import Engine, ManualClock
from engine.clock import HELSINKI
from engine.demo.seed import DEMO_USERS, autofill, drive
from engine.errors import FormValidationError, ValidationError
from engine.office.crm import Period, aware
from engine.office.portfolios import ContactRequest
from tests.conftest import ROOT

BID = "0112038-9"
SERVICE = "yritys_suomi_ohjaus"
SCORES = {"arvio_tulos": 4, "arvio_palvelu": 2}


@pytest.fixture
def office(eng: Engine) -> Engine:
    for username, name, roles, groups in DEMO_USERS:
        eng.add_user(username, roles=roles, groups=groups, display_name=name)
    eng.add_customer(BID, name="Oy Esimerkki Ab", service_need_segment="kasvava")
    eng.deploy(ROOT / "processes")
    return eng


def to_aftercare(eng: Engine, clock: ManualClock, end_days_before: int | None) -> tuple[int, str]:
    """Run the guidance service to its aftercare; its last step records an end date that many days back."""
    iid = eng.start(SERVICE, customer=BID, responsible="asiantuntija").id
    drive(eng, clock, iid, until=lambda t: t.element_id == "Task_varmistus", days_per_task=1)
    (last,) = eng.instance(iid).open_tasks
    clock.set(clock() + timedelta(days=1))
    today = clock().astimezone(HELSINKI).date()
    end = {"palvelu_paattyi_pvm": None if end_days_before is None
           else (today - timedelta(days=end_days_before)).isoformat()}
    eng.complete(last.id, "asiantuntija", autofill(eng.task(last.id).form, today.isoformat(), end))
    (call,) = [t for t in eng.instance(iid).open_tasks if t.is_aftercare]
    return iid, call.id


def call(eng: Engine, task_id: str, **answers: Any) -> None:
    today = eng.clock().astimezone(HELSINKI).date().isoformat()
    blank = {"arvio_tulos": None, "arvio_palvelu": None, "palvelutarve_arvioitu": False}
    eng.complete(task_id, "asiantuntija", autofill(eng.task(task_id).form, today, {**blank, **answers}))


def test_the_fourteen_days_count_from_the_recorded_end_date(office: Engine, clock: ManualClock) -> None:
    iid, task = to_aftercare(office, clock, end_days_before=10)
    clock.set(clock() + timedelta(days=5))     # 5 days after the aftercare appeared, 15 after the real end
    call(office, task, asiakas_tavoitettu=True, palvelutarve_arvioitu=True, **SCORES)
    today = office.today()
    board = office.aftercare_dashboard(Period(today - timedelta(days=60), today))
    (outcome,) = office.aftercare_outcomes(Period(today - timedelta(days=60), today))
    with office.reading() as s:
        recorded = [r[0] for r in s.execute(text(
            "SELECT data FROM audit_events WHERE instance_id = :i AND kind = 'complete'"), {"i": iid}).all()]
    assert any("palvelu_paattyi_pvm" in str(d) for d in recorded)
    assert outcome.ended_on == today - timedelta(days=15)
    assert outcome.days_to_aftercare == 15 and not outcome.on_time
    assert (board.total.ended, board.total.done, board.total.on_time) == (1, 1, 0)


def test_without_an_end_date_the_clock_starts_when_the_last_step_completed(office: Engine,
                                                                          clock: ManualClock) -> None:
    _, task = to_aftercare(office, clock, end_days_before=None)
    with office.reading() as s:
        created = s.execute(text("SELECT created_at FROM tasks WHERE id = :t"), {"t": task}).scalar_one()
    clock.set(clock() + timedelta(days=14))
    call(office, task, asiakas_tavoitettu=True, palvelutarve_arvioitu=True, **SCORES)
    today = office.today()
    (outcome,) = office.aftercare_outcomes(Period(today - timedelta(days=60), today))
    assert outcome.ended_at == aware(created)
    assert outcome.days_to_aftercare == 14 and outcome.on_time


def test_a_reached_call_needs_both_scores_and_the_reassessment(office: Engine, clock: ManualClock) -> None:
    _, task = to_aftercare(office, clock, end_days_before=0)
    with pytest.raises(FormValidationError) as refused:
        call(office, task, asiakas_tavoitettu=True)
    assert set(refused.value.field_errors) == {"arvio_tulos", "arvio_palvelu", "palvelutarve_arvioitu"}
    call(office, task, asiakas_tavoitettu=False)     # not reached: nothing more is asked
    today = office.today()
    board = office.aftercare_dashboard(Period(today - timedelta(days=60), today))
    assert (board.total.ended, board.total.done) == (1, 0)


def test_a_call_that_did_not_reach_the_customer_is_no_portfolio_contact(office: Engine, clock: ManualClock) -> None:
    pid = office.create_portfolio("Kasvuyritykset", "asiantuntija", 6, actor="asiantuntija")
    office.add_to_portfolio(pid, BID, "asiantuntija")
    _, task = to_aftercare(office, clock, end_days_before=0)
    call(office, task, asiakas_tavoitettu=False)
    (member,) = office.portfolio(pid).members
    assert member.last_contact is None and member.contact_due
    office.log_contact(ContactRequest(BID, office.today(), "phone", "Tavoitettiin puhelimitse.", "asiantuntija"))
    (member,) = office.portfolio(pid).members
    assert member.last_contact == office.today() and not member.contact_due


def test_the_plan_counts_services_not_needs_assessments(office: Engine) -> None:
    office.start("palvelutarvearvio", customer=BID, responsible="asiantuntija")
    office.start(SERVICE, customer=BID, responsible="asiantuntija")
    office.start(SERVICE, customer=BID, responsible="asiantuntija")
    (row,) = [r for r in office.plan(office.today().year).by_need if r.segment == "kasvava"]
    assert row.services_started == 2


def test_the_quality_page_has_the_companys_side_and_the_providers_score(office: Engine, clock: ManualClock) -> None:
    iid = office.start("kehittamispalvelut", customer=BID, responsible="asiantuntija").id
    drive(office, clock, iid, {"arvio_palveluntuottaja": 2, "hakemus_jatetty": True, "palvelu_myonnetty": True},
          until=lambda t: t.is_aftercare, days_per_task=1)
    (task,) = [t for t in office.instance(iid).open_tasks if t.is_aftercare]
    call(office, task.id, asiakas_tavoitettu=True, palvelutarve_arvioitu=True, **SCORES,
         yritys_voisi_parantaa="Sitoutuisimme paremmin kehittämiseen.")
    today = office.today()
    quality = office.quality(Period(today - timedelta(days=60), today))
    with office.reading() as s:
        provider = [r[0] for r in s.execute(text(
            "SELECT data FROM audit_events WHERE instance_id = :i AND kind = 'complete'"), {"i": iid}).all()
            if "arvio_palveluntuottaja" in str(r[0])]
    assert provider and (quality.total.provider, quality.total.technical) == (2.0, 4.0)
    assert [(f.field, f.text) for f in quality.feedback if f.field == "yritys_voisi_parantaa"] == [
        ("yritys_voisi_parantaa", "Sitoutuisimme paremmin kehittämiseen.")]


def test_an_agreed_next_contact_sets_the_portfolio_due_date_and_a_reminder(office: Engine, clock: ManualClock) -> None:
    pid = office.create_portfolio("Kasvuyritykset", "asiantuntija", 12, actor="asiantuntija")
    office.add_to_portfolio(pid, BID, "asiantuntija")
    _, task = to_aftercare(office, clock, end_days_before=0)
    agreed = office.today() + timedelta(days=30)
    call(office, task, asiakas_tavoitettu=True, palvelutarve_arvioitu=True, **SCORES,
         seuraava_yhteydenotto=agreed.isoformat())
    (member,) = office.portfolio(pid).members
    assert (member.next_contact, member.contact_due) == (agreed, False)
    clock.set(clock() + timedelta(days=31))
    (member,) = office.portfolio(pid).members
    assert member.contact_due
    office.send_reminders()
    assert any("Agreed contact due: Oy Esimerkki Ab" in n.text for n in office.notifications("asiantuntija"))
    office.log_contact(ContactRequest(BID, office.today(), "phone", "Soitettiin sovitusti.", "asiantuntija"))
    (member,) = office.portfolio(pid).members
    assert (member.next_contact, member.contact_due) == (None, False)


def test_expected_and_experienced_quality_make_a_gap_by_process(office: Engine, clock: ManualClock) -> None:
    iid = office.start(SERVICE, customer=BID, responsible="asiantuntija").id
    drive(office, clock, iid, {"odotusten_taso": 5, "asiakkaan_odotukset": "Nopea ohjaus oikealle taholle."},
          until=lambda t: t.element_id == "Task_varmistus", days_per_task=1)
    _, task = to_aftercare_of(office, clock, iid)
    call(office, task, asiakas_tavoitettu=True, palvelutarve_arvioitu=True, **SCORES, arvio_tavoitteet=3)
    today = office.today()
    (row,) = office.quality(Period(today - timedelta(days=60), today)).by_process
    assert (row.key, row.expected, row.met, row.gap) == (SERVICE, 5.0, 3.0, -2.0)


def to_aftercare_of(eng: Engine, clock: ManualClock, iid: int) -> tuple[int, str]:
    drive(eng, clock, iid, until=lambda t: t.is_aftercare, days_per_task=1)
    (task,) = [t for t in eng.instance(iid).open_tasks if t.is_aftercare]
    return iid, task.id


def test_services_told_are_a_multi_select_and_their_share_is_on_the_dashboard(office: Engine,
                                                                               clock: ManualClock) -> None:
    told = [["starttiraha", "kehittamispalvelut"], ["kehittamispalvelut"], None]
    for services in told:
        _iid, task = to_aftercare(office, clock, end_days_before=1)
        if services is None:   # reached, told of nothing from the list: the box is left empty
            with pytest.raises(FormValidationError, match="must be one of"):
                call(office, task, asiakas_tavoitettu=True, palvelutarve_arvioitu=True, **SCORES,
                     kerrotut_palvelut=["no_such_service"])
        call(office, task, asiakas_tavoitettu=True, palvelutarve_arvioitu=True, **SCORES, kerrotut_palvelut=services)
    today = office.today()
    board = office.aftercare_dashboard(Period(today - timedelta(days=60), today))
    with office.reading() as s:
        rows = [r[0] for r in s.execute(text(
            "SELECT e.data FROM audit_events e JOIN tasks t ON t.id = e.task_id "
            "WHERE e.kind = 'complete' AND t.is_aftercare = :yes"), {"yes": True}).all()]
    answers = [d if isinstance(d, dict) else json.loads(d) for d in rows]
    stored = [a.get("kerrotut_palvelut") for a in answers]
    # a list in the form's order, the order the expert ticked them in notwithstanding; nothing ticked: not stored
    assert stored == [["kehittamispalvelut", "starttiraha"], ["kehittamispalvelut"], None]
    assert (board.total.done, board.total.told_services) == (3, sum(1 for v in stored if v))
    assert board.total.told_share == pytest.approx(2 / 3)
    assert dict(board.told) == {"kehittamispalvelut": 2, "starttiraha": 1}


def test_the_plan_has_a_new_customer_acquisition_line(office: Engine, clock: ManualClock) -> None:
    year = office.today().year
    office.add_customer("2331972-7", name="Uusi Asiakas Oy")
    office.add_customer("1572860-0", name="Ei Vielä Oy")     # no service yet: not won
    clock.set(clock() - timedelta(days=400))
    office.start(SERVICE, customer=BID, responsible="asiantuntija")     # a customer since last year
    clock.set(clock() + timedelta(days=400))
    office.start(SERVICE, customer=BID, responsible="asiantuntija")
    office.start("palvelutarvearvio", customer="2331972-7", responsible="asiantuntija")
    office.start(SERVICE, customer="2331972-7", responsible="asiantuntija")
    office.set_plan(year, "uusasiakashankinta", "Yrityskäynnit teollisuusalueelle", 40, "esimies")
    acquisition = office.plan(year).acquisition
    assert acquisition is not None
    with office.reading() as s:
        firsts = s.execute(text("SELECT customer_id, MIN(started_at) FROM instances GROUP BY customer_id")).all()
    won = [c for c, at in firsts if aware(at).astimezone(HELSINKI).year == year]
    assert (acquisition.customers, acquisition.target_contacts) == (len(won), 40) == (1, 40)
    assert acquisition.services_started == 1 and acquisition.planned_actions == "Yrityskäynnit teollisuusalueelle"
    with pytest.raises(ValidationError):
        office.set_plan(year, "ei_tallainen", "", 1, "esimies")
